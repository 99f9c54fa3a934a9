"""``oit-site import``: the three seed reports, and a report in the shapes the seeds lack
(tool scores, a rank, question codes printed with Thai digits and a Thai zero for O, a
theme across tools with its questions' table, strengths and weaknesses with lead-ins,
sub-rows with their own unit, period and status, a continuation row, a table split by a
page break), each as text, as a DOCX and as a PDF made from it, imported into a site that
``oit-site init`` started. Each import is scored against the hand transcription of its
report (numbers at their keys, words in their part) and the site then builds strictly.

Refusals: a PDF whose Thai text layer is broken, text read from one (each named by its
fault), a report that is not an ITA report, a second draft beside a waiting one; none writes
anything. A part that exists is never written over. The report layouts beyond the seeds are
tested in test_import_layouts.py, the PDFs of other producers in test_import_pdfs.py."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import INIT, REPO, run_mkdocs
from hypothesis import given, settings
from hypothesis import strategies as st
from report_files import load_parts, numbers_placed, text_placed, write_docx, write_pdf

from site_builder.cli import main
from site_builder.importer import Refused, read
from site_builder.importer.recognise import Note
from site_builder.importer.yamltext import dump, scalar
from site_builder.model.kinds import kind

SEEDS = {"000": 2568, "001": 2565, "004": 2567}
# Each seed's report as text (copied from the seed reports), beside its transcription.
SEED_FILES = {seed: REPO / "tests" / "seeds" / seed / "report.txt" for seed in SEEDS}
SHAPES = REPO / "tests" / "imports" / "shapes.txt"
FORMS = ("text", "docx", "pdf")


def _seed_text(seed: str) -> str:
    return SEED_FILES[seed].read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site as ``oit-site init`` starts it, without its PDF reports (quicker builds)."""
    root = tmp_path_factory.mktemp("started") / "site"
    assert main(["init", str(root), *INIT], out=io.StringIO()) == 0
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("pdf: true", "pdf: false"), encoding="utf-8")
    # The agency of seed 000: its report names this agency, the other seeds' name others.
    agency = root / "content" / "agency.yml"
    agency.write_text(
        agency.read_text(encoding="utf-8").replace(INIT[INIT.index("--name") + 1], "เทศบาลตำบลวัดธาตุ"),
        encoding="utf-8",
    )
    return root


@pytest.fixture
def site(started: Path, tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(started, root, symlinks=True)
    return root


def report_file(text: str, form: str, folder: Path, name: str = "report") -> Path:
    if form == "text":
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        return path
    if form == "docx":
        return write_docx(text, folder / f"{name}.docx")
    return write_pdf(text, folder / f"{name}.pdf")


def run_import(
    root: Path, *args: str, capsys: pytest.CaptureFixture[str] | None = None
) -> tuple[int, str, str]:
    out = io.StringIO()
    if capsys is not None:
        capsys.readouterr()
    code = main(["-f", str(root / "mkdocs.yml"), "import", *args], out=out)
    err = capsys.readouterr().err if capsys is not None else ""
    return code, out.getvalue(), err


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _page_text(html: str) -> str:
    import re

    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def assert_imported(root: Path, year: int, expected: Path) -> tuple[float, float]:
    """The drafts hold at least 95% of the report's numbers at their keys and 85% of its
    words in their parts; the site builds strictly with them."""
    got = load_parts(root / "content" / str(year))
    want = load_parts(expected)
    numbers, total = numbers_placed(want, got)
    words, letters = text_placed(want, got)
    assert total > 0 and letters > 0
    assert numbers / total >= 0.95, (numbers, total)
    assert words / letters >= 0.85, (words, letters)
    result = run_mkdocs(root)
    assert result.returncode == 0, result.stderr
    return numbers / total, words / letters


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_a_seed_report_imports_into_a_site_that_builds(
    seed: str, form: str, site: Path, tmp_path: Path, golden: Any
) -> None:
    year = SEEDS[seed]
    report = report_file(_seed_text(seed), form, tmp_path)
    code, review, _ = run_import(site, str(report))
    assert code == 0
    # The whole review list and every draft, as they come from the report's text, and as
    # they come from the same report as a Word file and as a PDF.
    kept = f"import/seed-{seed}" if form == "text" else f"import/{form}/seed-{seed}"
    golden(f"{kept}-review.txt", review)
    for path in sorted((site / "content" / str(year)).glob("*.yml")):
        golden(f"{kept}-{path.name}", path.read_text(encoding="utf-8"))
    assert_imported(site, year, REPO / "tests" / "seeds" / seed / "content" / str(year))
    # The year's page shows the report's scores (Thai digits as Arabic on the page).
    expected = yaml.safe_load((REPO / "tests" / "seeds" / seed / "expected.yml").read_text(encoding="utf-8"))
    page = _page_text((site / "site" / str(year) / "index.html").read_text(encoding="utf-8"))
    missing = [score for score in expected["scores"] if score not in page]
    assert missing == []


@pytest.mark.parametrize("form", FORMS)
def test_a_report_in_other_shapes_imports_into_a_site_that_builds(
    form: str, site: Path, tmp_path: Path
) -> None:
    report = report_file(SHAPES.read_text(encoding="utf-8"), form, tmp_path)
    code, _, _ = run_import(site, str(report))
    assert code == 0
    assert_imported(site, 2568, REPO / "tests" / "imports" / "shapes")
    measures = yaml.safe_load((site / "content" / "2568" / "measures.yml").read_text(encoding="utf-8"))
    first = measures["measures"][0]
    assert [(a["text"], a["status"]) for a in first["activities"]] == [
        ("จัดทำแผนการเผยแพร่ข้อมูลประจำปี", "done"),
        ("ปรับปรุงเว็บไซต์หลักให้รองรับการค้นหา", "in_progress"),
    ]
    assert measures["measures"][1]["follow_up"] == [
        "ตรวจสอบทะเบียนการยืมทุกเดือน",
        "รายงานผลการตรวจสอบต่อผู้บริหาร",
    ]
    assert [m["topic"] for m in measures["measures"]] == [
        "การเปิดเผยข้อมูล",
        "การใช้ทรัพย์สินของราชการ",
        "การแก้ไขปัญหาการทุจริต",
    ]


def test_the_review_list_and_the_drafts_are_whole(site: Path, golden: Any) -> None:
    code, review, _ = run_import(site, str(SHAPES))
    assert code == 0
    golden("import/shapes-review.txt", review)
    for part in ("result", "analysis", "measures"):
        text = (site / "content" / "2568" / f"{part}.yml").read_text(encoding="utf-8")
        golden(f"import/shapes-{part}.yml", text)


def test_the_review_list_as_json(site: Path) -> None:
    code, out, _ = run_import(site, str(SEED_FILES["000"]), "--format", "json")
    assert code == 0
    review = json.loads(out)
    assert (review["ok"], review["year"], review["framework"]) == (True, 2568, "ita-2568")
    assert [(p["part"], p["file"], p["beside_existing"]) for p in review["parts"]] == [
        ("result", "content/2568/result.yml", False),
        ("analysis", "content/2568/analysis.yml", False),
        ("measures", "content/2568/measures.yml", False),
    ]
    analysis = review["parts"][1]
    assert analysis["todo"][0] == {
        "key": "tools[0].recommendations[0].indicator",
        "what": "ตัวชี้วัดที่ 1 เดาจากหัวข้อ «การปฏิบัติงานที่»",
        "where": "บรรทัด 42",
    }
    assert {"key": "tools[0].recommendations[0].issue", "where": "บรรทัด 44"} in analysis["placed"]


def test_check_lists_the_todos_of_the_drafts(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_import(site, str(SEED_FILES["000"]))[0] == 0
    out = io.StringIO()
    assert main(["-f", str(site / "mkdocs.yml"), "check", "2568"], out=out) == 1
    parts = out.getvalue().split("ส่วนที่มีโครงสร้าง (structured parts):\n")[1]
    assert parts == (
        "  ผลการประเมิน (result)            มี (present)\n"
        "  การวิเคราะห์ผล (analysis)         ✗ มี (present)\n"
        "    - analysis.yml บรรทัด 8: TODO: ตัวชี้วัดที่ 1 เดาจากหัวข้อ «การปฏิบัติงานที่» (บรรทัด 42)\n"
        "    - analysis.yml บรรทัด 13: TODO: ตัวชี้วัดที่ 1 เดาจากหัวข้อ «การปฏิบัติงานที่» (บรรทัด 42)\n"
        "    - analysis.yml บรรทัด 34: TODO: ต่อข้อความจากย่อหน้าถัดไป (อาจขึ้นหน้าใหม่):\n"
        "      ตรวจว่าเป็นข้อความเดียวกัน (บรรทัด 70)\n"
        "  มาตรการ (measures)              ✗ มี (present)\n"
        "    - measures.yml บรรทัด 19: TODO: ตัวชี้วัดที่ 1 เดาจากหัวข้อ «การปฏิบัติงาน»: ตรวจว่าใช่\n"
        "      (บรรทัด 97)\n"
        "  รายงานผลการดำเนินการ (progress)  ยังไม่มี (not yet)\n"
        "\n"
        "มีรายการที่ต้องแก้ไข (some items need work)\n"
    )


def test_an_existing_part_is_never_written_over(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_import(site, str(SEED_FILES["000"]))[0] == 0
    year = site / "content" / "2568"
    (year / "analysis.yml").write_text("title: การวิเคราะห์ที่แก้แล้ว\n", encoding="utf-8")
    before = {name: (year / name).read_bytes() for name in ("result.yml", "analysis.yml", "measures.yml")}
    code, review, _ = run_import(site, str(SEED_FILES["000"]))
    assert code == 0
    assert {name: (year / name).read_bytes() for name in before} == before
    drafts = sorted(p.name for p in year.glob("*.imported.yml"))
    assert drafts == ["analysis.imported.yml", "measures.imported.yml", "result.imported.yml"]
    assert "การวิเคราะห์ผล (analysis) → content/2568/analysis.imported.yml (มีไฟล์เดิมอยู่แล้ว" in review
    # The site does not read the drafts: it builds strictly with them beside the parts.
    result = run_mkdocs(site)
    assert result.returncode == 0, result.stderr
    out = io.StringIO()
    main(["-f", str(site / "mkdocs.yml"), "check", "2568"], out=out)
    assert out.getvalue().split("ส่วนที่มีโครงสร้าง (structured parts):\n")[1] == (
        "  ผลการประเมิน (result)            ✗ มี (present)\n"
        "    - result.imported.yml: ร่างจากการนำเข้ารอรวมกับ result.yml แล้วลบทิ้ง (an imported\n"
        "      draft waiting to be merged)\n"
        "  การวิเคราะห์ผล (analysis)         ✗ มี (present)\n"
        "    - analysis.imported.yml: ร่างจากการนำเข้ารอรวมกับ analysis.yml แล้วลบทิ้ง (an\n"
        "      imported draft waiting to be merged)\n"
        "  มาตรการ (measures)              ✗ มี (present)\n"
        "    - measures.yml บรรทัด 19: TODO: ตัวชี้วัดที่ 1 เดาจากหัวข้อ «การปฏิบัติงาน»: ตรวจว่าใช่\n"
        "      (บรรทัด 97)\n"
        "    - measures.imported.yml: ร่างจากการนำเข้ารอรวมกับ measures.yml แล้วลบทิ้ง (an\n"
        "      imported draft waiting to be merged)\n"
        "  รายงานผลการดำเนินการ (progress)  ยังไม่มี (not yet)\n"
        "\n"
        "มีรายการที่ต้องแก้ไข (some items need work)\n"
    )
    # A third import would put a draft over the waiting one: refused, nothing written.
    files = tree(site / "content")
    code, _, err = run_import(site, str(SEED_FILES["000"]), capsys=capsys)
    assert code == 1
    assert err == (
        "มีร่างที่นำเข้าไว้ก่อนแล้ว: content/2568/result.imported.yml (an imported draft is waiting);"
        " รวมเข้ากับไฟล์หลักหรือลบออกก่อน แล้วนำเข้าอีกครั้ง ไม่ได้เขียนไฟล์ใด ๆ (nothing was written)\n"
    )
    assert tree(site / "content") == files


def test_scores_stated_in_sentences_are_placed_with_a_todo(site: Path, tmp_path: Path, golden: Any) -> None:
    report = tmp_path / "prose.txt"
    report.write_text(
        "รายงานผลการประเมินคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2568\n\n"
        "ในปีงบประมาณนี้หน่วยงานได้คะแนน ITA 91.55 คะแนน ระดับผลการประเมิน ผ่านดี"
        " โดยแบบวัด IIT ได้คะแนน 93.00 แบบวัด EIT ได้คะแนน 88.50 และแบบตรวจ OIT ได้คะแนน 92.75"
        " ตัวชี้วัดที่มีคะแนนต่ำที่สุดคือตัวชี้วัดที่ 8 การปรับปรุงการทำงาน เท่ากับ 84.10\n",
        encoding="utf-8",
    )
    assert run_import(site, str(report))[0] == 0
    golden("import/prose-result.yml", (site / "content" / "2568" / "result.yml").read_text(encoding="utf-8"))
    result = run_mkdocs(site)
    assert result.returncode == 0, result.stderr


def test_a_year_without_a_list_of_its_own_takes_the_nearest_and_builds(site: Path, tmp_path: Path) -> None:
    report = tmp_path / "2563.txt"
    report.write_text(
        "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๓\n\n"
        "องค์การบริหารส่วนตำบลหนองบัวได้รับผลการประเมิน ๘๒.๔๐ คะแนน ระดับผลการประเมิน B"
        " ซึ่งต้องปรับปรุงต่อไปตามข้อเสนอแนะของผู้ตรวจประเมินที่ระบุไว้ในรายงานฉบับนี้\n\n"
        "ข้อจำกัดในการดำเนินงาน\n๑. บุคลากรไม่เพียงพอ\n",
        encoding="utf-8",
    )
    assert run_import(site, str(report))[0] == 0
    assert (site / "content" / "2563" / "year.yml").read_text(encoding="utf-8") == (
        "# ร่างจากรายงาน 2563.txt (oit-site import, ita-2564)\n"
        "# ตรวจกับรายงานต้นฉบับ แก้ตามบรรทัด TODO แล้วลบบรรทัดนั้น จากนั้นรัน oit-site check\n"
        "# TODO: ไม่มีกรอบการประเมิน ita-2563 ในโปรแกรม จึงใช้ ita-2564 ซึ่งใกล้ที่สุด:"
        " ตรวจรายการข้อของปีนั้น (ปีของรายงาน)\n"
        "framework: ita-2564\n"
    )
    result = run_mkdocs(site)
    assert result.returncode == 0, result.stderr
    out = io.StringIO()
    main(["-f", str(site / "mkdocs.yml"), "check", "2563"], out=out)
    assert out.getvalue().split("ส่วนที่มีโครงสร้าง (structured parts):\n")[1].splitlines()[:3] == [
        "  กรอบการประเมิน (year)            ✗ มี (present)",
        "    - year.yml บรรทัด 3: TODO: ไม่มีกรอบการประเมิน ita-2563 ในโปรแกรม จึงใช้ ita-2564",
        "      ซึ่งใกล้ที่สุด: ตรวจรายการข้อของปีนั้น (ปีของรายงาน)",
    ]


def test_a_progress_report_over_measures_already_kept_waits_beside_them(site: Path) -> None:
    """Its entries name the measures drafted with it: the two wait together, and the site
    still builds from the measures it has."""
    year = site / "content" / "2567"
    year.mkdir(parents=True)
    measures = "measures:\n  - id: own\n    topic: มาตรการของหน่วยงาน\n    period: {fiscal_year: 2567}\n"
    (year / "measures.yml").write_text(measures, encoding="utf-8")
    assert run_import(site, str(SEED_FILES["004"]))[0] == 0
    assert sorted(p.name for p in year.iterdir() if p.is_file()) == [
        "measures.imported.yml",
        "measures.yml",
        "progress.imported.yml",
        "progress.yml",
        "year.yml",
    ]
    # The year had no items: they are made as new-year makes them.
    assert sorted(p.name for p in year.iterdir() if p.is_dir()) == sorted(f"o{n}" for n in range(1, 44))
    assert (year / "measures.yml").read_text(encoding="utf-8") == measures
    result = run_mkdocs(site)
    assert result.returncode == 0, result.stderr


WORD_INSTEAD = (
    "  ไม่ได้เขียนร่างใด ๆ (nothing was written)\n"
    "  ให้นำเข้าจากไฟล์ Word (.docx) ต้นฉบับแทน หรือเปิดต้นฉบับใน Word คัดลอกข้อความทั้งหมด"
    " วางในไฟล์ .txt (UTF-8) แล้วนำเข้าไฟล์นั้น (bring the DOCX, or text copied from it)\n"
)
COPIED_INSTEAD = (
    "  ไม่ได้เขียนร่างใด ๆ (nothing was written)\n"
    "  ข้อความนี้คัดลอกมาจาก PDF ที่ชั้นข้อความเสีย: เปิดต้นฉบับใน Word คัดลอกข้อความทั้งหมด"
    " วางในไฟล์ .txt (UTF-8) แล้วนำเข้าไฟล์นั้น หรือนำเข้าไฟล์ Word (.docx) โดยตรง"
    " (copy the text from the Word original instead)\n"
)


def test_a_pdf_without_a_sound_thai_text_layer_is_refused(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # WeasyPrint's own text layer: glyphs its Thai clusters share carry no letter of their own.
    report = write_pdf(_seed_text("000"), tmp_path / "report.pdf", text_layer=False)
    files = tree(site / "content")
    code, out, err = run_import(site, str(report), capsys=capsys)
    assert (code, out) == (1, "")
    assert err == (
        "report.pdf: ข้อความภาษาไทยในไฟล์อ่านผิด (the Thai text layer is broken)\n"
        "  - อักษรบางตัวไม่มีรหัสตัวอักษร (หน้า 1, หน้า 2, หน้า 3, หน้า 4, หน้า 5, หน้า 6)"
        " (glyphs that map to no letter)\n" + WORD_INSTEAD
    )
    assert tree(site / "content") == files


def test_text_copied_from_a_broken_layer_is_refused(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # SARA AM for SARA AA, as readers take it from fonts whose glyphs collide (รำยงำน), and
    # the private-use tone marks of old Thai fonts.
    garbled = tmp_path / "report.txt"
    garbled.write_text(_seed_text("004").replace("า", "ำ"), encoding="utf-8")
    private = tmp_path / "private.txt"
    private.write_text(_seed_text("001").replace("่", "\uf70a"), encoding="utf-8")
    files = tree(site / "content")
    messages = {
        garbled: "report.txt: ข้อความภาษาไทยในไฟล์อ่านผิด (the Thai text layer is broken)\n"
        "  - ฟอนต์แปลงสระอาเป็นสระอำ เช่น «แนวทำง» แทน «แนวทาง» (ทั้งไฟล์) (the fonts map SARA AA to SARA AM)\n",
        private: "private.txt: ข้อความภาษาไทยในไฟล์อ่านผิด (the Thai text layer is broken)\n"
        "  - วรรณยุกต์และสระบนล่างเป็นรหัสเฉพาะของฟอนต์ (U+F700–U+F71A) เช่น «ะความโปร[U+F70A]งใสในการ»"
        " (ทั้งไฟล์) (Thai marks in a font's private-use codes, as old Thai fonts have them)\n",
    }
    for path, message in messages.items():
        code, _, err = run_import(site, str(path), capsys=capsys)
        assert (code, err) == (1, message + COPIED_INSTEAD)
    assert tree(site / "content") == files


def test_a_report_that_is_not_an_ita_report_writes_nothing(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    menu = tmp_path / "menu.txt"
    menu.write_text("รายการอาหารกลางวันศูนย์พัฒนาเด็กเล็ก\n\nวันจันทร์\tข้าวผัด\nวันอังคาร\tแกงจืด\n", encoding="utf-8")
    files = tree(site / "content")
    code, _, err = run_import(site, str(menu), capsys=capsys)
    assert code == 1
    assert err == (
        "menu.txt: ไม่ใช่รายงาน ITA (not an ITA report): ไม่พบคำว่า ITA, ผลการประเมิน"
        " หรือคุณธรรมและความโปร่งใส; ไม่ได้เขียนร่างใด ๆ (nothing was written)\n"
    )
    assert tree(site / "content") == files


def test_a_missing_reader_names_the_extra_to_install(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    report = write_docx(_seed_text("000"), tmp_path / "report.docx")
    monkeypatch.setitem(sys.modules, "docx", None)
    code, _, err = run_import(site, str(report), capsys=capsys)
    assert (code, err) == (
        1,
        "การอ่านไฟล์ .docx ต้องติดตั้งส่วนเสริม (reading .docx needs the import extra):"
        ' pip install "oit-site[import]"\n',
    )


# Strings from a report land in YAML: each reads back as it was.
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_a_report_string_reads_back_from_the_draft_as_it_was(text: str) -> None:
    try:
        loaded = yaml.safe_load(f"key: {scalar(text)}\n")
    except yaml.YAMLError:
        pytest.fail(f"not YAML: {scalar(text)!r}")
    assert loaded == {"key": text}


REPORT_LINES = [
    line for path in (*SEED_FILES.values(), SHAPES) for line in path.read_text(encoding="utf-8").splitlines()
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(REPORT_LINES), max_size=60))
def test_any_mixture_of_report_lines_is_drafted_or_refused(tmp_path_factory: Any, lines: list[str]) -> None:
    """Lines of real reports in any order: drafts the content's models take, or a refusal."""
    report = tmp_path_factory.mktemp("mixed") / "report.txt"
    report.write_text("\n".join(lines), encoding="utf-8")
    try:
        imported = read(report, None)
    except Refused:
        return
    for draft in imported.reading.drafts.values():
        kind(draft.part).model.model_validate(draft.data)
        text = dump(draft.data, draft.notes, [])
        assert yaml.safe_load(text) == yaml.safe_load(dump(draft.data, [], []))


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_a_note_quoting_the_report_stays_a_comment(quoted: str) -> None:
    note = Note(("score",), f"«{quoted}»", "บรรทัด 1")
    text = dump({"score": 90, "level": "ผ่านดี"}, [note], [])
    assert yaml.safe_load(text) == {"score": 90, "level": "ผ่านดี"}


def test_a_report_of_another_year_or_agency_is_said_and_its_items_are_made(site: Path) -> None:
    # Seed 004 is of อบต.สาครอน for 2567; imported as 2566 into the site of another agency.
    code, review, _ = run_import(site, str(SEED_FILES["004"]), "--year", "2566")
    assert code == 0
    assert review.splitlines()[:3] == [
        "นำเข้า report.txt → ปีงบประมาณ 2566 (ita-2566)",
        "คำเตือน (warning): รายงานระบุปีงบประมาณ 2567 แต่นำเข้าเป็นปี 2566 ตามที่สั่ง (--year):"
        " ตรวจว่าเป็นรายงานของปีนี้ (the report states another fiscal year)",
        "คำเตือน (warning): รายงานเป็นขององค์การบริหารส่วนตำบลสาครอน ไม่ใช่เทศบาลตำบลวัดธาตุตาม agency.yml:"
        " ตรวจว่านำเข้ารายงานถูกฉบับ (the report names another agency)",
    ]
    year = site / "content" / "2566"
    first = (year / "measures.yml").read_text(encoding="utf-8").splitlines()[2:4]
    assert first == [
        "# TODO: รายงานระบุปีงบประมาณ 2567 แต่นำเข้าเป็นปี 2566 ตามที่สั่ง (--year):"
        " ตรวจว่าเป็นรายงานของปีนี้ (the report states another fiscal year)",
        "# TODO: รายงานเป็นขององค์การบริหารส่วนตำบลสาครอน ไม่ใช่เทศบาลตำบลวัดธาตุตาม agency.yml:"
        " ตรวจว่านำเข้ารายงานถูกฉบับ (the report names another agency)",
    ]
    # The year's items exist, and the item that is the progress report shows the imported one.
    assert sorted(p.name for p in year.iterdir() if p.is_dir()) == sorted(f"o{n}" for n in range(1, 44))
    result = run_mkdocs(site)
    assert result.returncode == 0, result.stderr
    page = _page_text((site / "site" / "2566" / "o43" / "index.html").read_text(encoding="utf-8"))
    title = "รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"
    assert title in page and "ยังไม่มีข้อมูล" not in page
