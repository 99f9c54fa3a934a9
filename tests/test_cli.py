"""The editor's commands, on the example content and on broken content."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import MKDOCS_ENV, REPO, example_repo, run_mkdocs, site_text

from site_builder.cli import main
from site_builder.commands.console import width
from site_builder.load.files import split_front_matter
from site_builder.model.kinds import KINDS
from site_builder.model.schema import index_schema_text, schema_of
from site_builder.model.status import STATUSES


def run(*args: str, cwd: Path | None = None) -> tuple[int, str]:
    out = io.StringIO()
    config = (cwd or REPO) / "mkdocs.yml"
    code = main(["-f", str(config), *args], out=out)
    return code, out.getvalue()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = example_repo(tmp_path / "repo")
    shutil.copytree(REPO / "schema", root / "schema")
    return root


def test_check_passes_on_the_example_and_fits_80_columns() -> None:
    code, output = run("check")
    assert code == 0, output
    for year in ("2566", "2567", "2568"):
        assert f"ปีงบประมาณ {year}" in output
    assert "O1    ✓ ครบ (complete)" in output
    assert "ครบ 28 จาก 28 ข้อ (complete: 28 of 28)" in output
    assert "ไม่มีสิ่งที่ต้องแก้ไข (nothing to fix)" in output
    assert max(width(line) for line in output.splitlines()) <= 80


def test_check_json_for_machines() -> None:
    code, output = run("check", "2568", "--format", "json")
    report = json.loads(output)
    assert code == 0 and report["ok"] is True
    [year] = report["years"]
    assert year["year"] == 2568 and len(year["items"]) == 28
    assert {p["part"]: p["present"] for p in year["parts"]} == {
        "result": True,
        "analysis": True,
        "measures": True,
        "progress": True,
    }


def test_check_lists_what_is_missing(repo: Path) -> None:
    content = repo / "content" / "2568"
    shutil.rmtree(content / "o5")
    (content / "o9" / "index.md").write_text("", encoding="utf-8")
    (content / "o3" / "index.md").write_text("โทรศัพท์ 0 3439 0000\n\nTODO: ใส่เบอร์โทรสาร\n", encoding="utf-8")
    (content / "o12").mkdir(exist_ok=True)
    (content / "o12" / "สขร.pdf").write_bytes(b"%PDF-1.4\n")
    (content / "o12" / "index.md").write_text(
        "---\ndocuments:\n  - file: สขร.pdf\n    title: สรุปผลการจัดซื้อจัดจ้าง\n"
        "    date: 2023-03-01\n---\nรายการ\n",
        encoding="utf-8",
    )
    measures = content / "measures.yml"
    # m2 loses its period (the line before the next measure and its comment).
    measures.write_text(
        re.sub(
            r"    period: \{start: 2025-10-01, end: 2026-09-30\}\n((?:  #.*\n)?  - id: m3)",
            r"\1",
            measures.read_text(encoding="utf-8"),
        ),
        encoding="utf-8",
    )
    assert measures.read_text(encoding="utf-8").count("period:") == 3  # m1, and m3's two activities
    # O28 shows the progress report "as of" 10 April 2026: a page last updated before
    # that contradicts itself.
    o28 = content / "o28" / "index.md"
    o28.write_text(o28.read_text(encoding="utf-8").replace("updated: 2026-04-17", "updated: 2026-03-01"))
    code, output = run("check", "2568", cwd=repo)
    assert code == 1
    lines = {line[:6].strip(): line for line in output.splitlines() if line[:1] == "O"}
    assert "✗ ยังไม่เผยแพร่ (not published)" in lines["O5"]
    assert "✗ ยังไม่มีเนื้อหา (empty)" in lines["O9"]
    assert "✗ ร่าง (draft)" in lines["O3"]
    assert "TODO: ใส่เบอร์โทรสาร" in output
    assert "✗ เอกสารนอกช่วง (out of period)" in lines["O12"]  # O12 must be current-year data
    assert "สขร.pdf: 2023-03-01 นอกช่วง 2024-10-01 – 2025-09-30" in output
    assert "มาตรการ m2 (การใช้ทรัพย์สินของราชการ) ไม่มีระยะเวลา (period)" in output
    assert "✗ วันที่ขัดกัน (dates conflict)" in lines["O28"]
    said_o28 = " ".join(output.split("\nO28", 1)[1].split("\nO", 1)[0].split())
    assert (
        "รายงานผลการดำเนินการ (progress.yml as_of) ลงวันที่ 10 เมษายน 2569 หลังวันที่ปรับปรุงของหน้า"
        " 1 มีนาคม 2569: แก้ updated ใน index.md เป็นวันที่เผยแพร่ข้อมูลนี้ (updated: 2026-04-10"
    ) in said_o28
    tally = "ครบ 23 จาก 28 ข้อ · ยังไม่เผยแพร่ 1 · ยังไม่มีเนื้อหา 1 · ร่าง 1 · เอกสารนอกช่วง 1 · วันที่ขัดกัน 1"
    assert "ครบ 23 จาก 28 ข้อ (complete: 23 of 28)\n  " + tally.split(" · ", 1)[1] in output
    assert "มีรายการที่ต้องแก้ไข (some items need work)" in output
    assert max(width(line) for line in output.splitlines()) <= 80

    # The pages and the answer sheet say the same of each item, in the same words.
    _, json_output = run("check", "2568", "--format", "json", cwd=repo)
    said = {
        item["code"]: STATUSES[item["status"]].thai for item in json.loads(json_output)["years"][0]["items"]
    }
    assert said["O5"] == "ยังไม่เผยแพร่" and said["O1"] == "ครบ"
    built = run_mkdocs(repo)
    assert built.returncode == 0, built.stderr
    year_page = (repo / "site" / "2568" / "index.html").read_text(encoding="utf-8")
    shown = dict(
        re.findall(r'<tr id="(o\d+)">.*?<span class="oit-status[^"]*">([^<]*)</span>', year_page, re.S)
    )
    assert {slug.upper(): label for slug, label in shown.items()} == said
    assert tally in year_page
    home = site_text((repo / "site" / "index.html").read_text(encoding="utf-8"))
    assert "พ.ศ. 2568 ITA 2568 94.29 ผ่านดี 23/28" in home
    for code in ("O3", "O5", "O12", "O28"):
        item_page = site_text(
            (repo / "site" / "2568" / code.lower() / "index.html").read_text(encoding="utf-8")
        )
        assert f"สถานะ {said[code]}" in item_page, code
    sheet = list(
        csv.DictReader(io.StringIO((repo / "site" / "2568" / "oit.csv").read_text(encoding="utf-8-sig")))
    )
    assert {row["code"]: row["status"] for row in sheet} == said


def test_check_reports_content_errors_like_the_build(repo: Path) -> None:
    (repo / "content" / "2568" / "result.yml").write_text(
        "score: 95.07\nlevel: ต้องปรับปรุง\n", encoding="utf-8"
    )
    progress = repo / "content" / "2567" / "progress.yml"
    progress.write_text(
        progress.read_text(encoding="utf-8").replace("measure: m3", "measure: m9"), encoding="utf-8"
    )
    code, output = run("check", cwd=repo)
    assert code == 1
    assert "content/2567/progress.yml:" in output and "ไม่พบมาตรการ 'm9'" in output
    assert "content/2568/result.yml:2:1: level:" in output
    code, output = run("check", "--format", "json", cwd=repo)
    report = json.loads(output)
    assert code == 1 and report["ok"] is False
    assert {e["file"] for e in report["errors"]} == {"content/2567/progress.yml", "content/2568/result.yml"}


def test_new_year_scaffolds_a_year_that_builds_and_is_listed_as_todo(repo: Path) -> None:
    code, output = run("new-year", "2569", cwd=repo)
    assert code == 0 and "wrote 29 files" in output
    folder = repo / "content" / "2569"
    item = (folder / "o13" / "index.md").read_text(encoding="utf-8")
    # What the clerk needs, in Thai; the list's research notes and sources stay in the framework.
    assert item == (
        "---\n# O13 หลักเกณฑ์และแผนการบริหารและพัฒนาทรัพยากรบุคคล (ITA 2569)\n"
        "# ข้อมูลต้องเป็นของปีงบประมาณปัจจุบัน\n"
        "# เอกสาร: วางไฟล์ในโฟลเดอร์นี้ แล้วเขียนชื่อและวันที่ เช่น\n"
        "#   documents:\n#     - file: ชื่อไฟล์.pdf\n#       title: ชื่อเอกสาร\n"
        f"#       date: {date.today().isoformat()}\n"
        "documents: []\n---\n\nTODO: เขียนคำอธิบายและแนบเอกสารของข้อ O13 แล้วลบบรรทัดนี้\n"
    )
    measures = yaml.safe_load((folder / "measures.yml").read_text(encoding="utf-8"))
    # pre-linked to the analysis of 2568: one measure per recommendation
    analysis = yaml.safe_load((repo / "content" / "2568" / "analysis.yml").read_text(encoding="utf-8"))
    recommendations = [r for t in analysis["tools"] for r in t["recommendations"]]
    assert len(measures["measures"]) == len(recommendations)
    assert measures["measures"][2]["addresses"] == [4, "i19", "i20"]
    assert "# yaml-language-server: $schema=../../schema/measures.schema.json" in (
        folder / "measures.yml"
    ).read_text(encoding="utf-8")

    again_code, again = run("new-year", "2569", cwd=repo)
    assert again_code == 0 and "wrote 0 files, kept 29" in again

    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""},
    )
    assert built.returncode == 0, built.stderr
    # A scaffold is not a publication: its page says nothing is published yet, with no
    # TODO line and no date taken from the commit that made it.
    page = site_text((repo / "site" / "2569" / "o1" / "index.html").read_text(encoding="utf-8"))
    assert page == (
        "O1 โครงสร้าง หน้าที่และอำนาจ ¶ ปีงบประมาณ พ.ศ. 2569 · ITA 2569 สถานะ ยังไม่มีเนื้อหา"
        " เผยแพร่เมื่อ ไม่ระบุ ปรับปรุงล่าสุด ไม่ระบุ ยังไม่มีข้อมูล"
        " หน่วยงานยังไม่ได้เผยแพร่ข้อมูลของข้อนี้สำหรับปีงบประมาณ 2569"
    )
    year_page = (repo / "site" / "2569" / "index.html").read_text(encoding="utf-8")
    assert year_page.count("oit-status--empty") == 26 and "TODO" not in year_page

    code, output = run("check", "2569", cwd=repo)
    assert code == 1
    assert output.count("ยังไม่มีเนื้อหา (empty)") == 26
    assert "มาตรการ m1: ยังมี TODO" in output


def test_new_year_falls_back_to_the_nearest_list_as_init_does(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The README's yearly step for a year the package has no list for: the newest list,
    # named in year.yml, with the same note init prints.
    code, output = run("new-year", "2571", cwd=repo)
    assert code == 0
    assert output.splitlines()[-3:] == [
        "สร้างปีงบประมาณ 2571 จาก ita-2569: เขียน 29 ไฟล์, คงไฟล์เดิม 0 ไฟล์ (wrote 29 files, kept 0)",
        "ต่อไป: เติมเนื้อหาแต่ละข้อ ลบบรรทัด TODO แล้วรัน oit-site check 2571",
        "ยังไม่มีรายการข้อของ ITA 2571 ในโปรแกรมรุ่นนี้ จึงใช้ ita-2569 ไปก่อน: แก้หรือเพิ่มข้อได้ใน"
        " content/2571/year.yml เมื่อ ป.ป.ช. ประกาศคู่มือ (no list for ITA 2571 yet; ita-2569 is used"
        " until you correct it)",
    ]
    assert "framework: ita-2569\n" in (repo / "content" / "2571" / "year.yml").read_text(encoding="utf-8")
    # A year before the first list takes the first.
    code, output = run("new-year", "2563", cwd=repo)
    assert code == 0 and "สร้างปีงบประมาณ 2563 จาก ita-2564" in output
    # A framework named that the package does not have is refused, nothing written.
    code, _ = run("new-year", "2572", "--framework", "ita-2599", cwd=repo)
    assert code == 1
    assert capsys.readouterr().err.startswith("ไม่มีกรอบการประเมิน 'ita-2599' (no such framework)")
    assert not (repo / "content" / "2572").exists()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=MKDOCS_ENV,
    )
    assert result.returncode == 0, result.stderr
    year_page = site_text((repo / "site" / "2571" / "index.html").read_text(encoding="utf-8"))
    assert (
        "รายการข้อของปีงบประมาณ 2571 ใช้ตามรายการของ ITA 2569 (ปีงบประมาณ 2569) ยังไม่ได้ตรวจกับคู่มือการประเมินของปี 2571"
    ) in year_page
    # Beside พ.ศ. 2571, never "ITA 2569" alone: the item page and the home page say whose list.
    item_page = site_text((repo / "site" / "2571" / "o1" / "index.html").read_text(encoding="utf-8"))
    assert "ปีงบประมาณ พ.ศ. 2571 · รายการข้อของ ITA 2569 สถานะ" in item_page
    home = site_text((repo / "site" / "index.html").read_text(encoding="utf-8"))
    assert "พ.ศ. 2571 รายการข้อของ ITA 2569" in home


def test_answers_as_table_csv_and_json() -> None:
    code, table = run("answers", "2568")
    assert code == 0
    assert "O1    โครงสร้างและอำนาจหน้าที่" in table and "https://www.example.go.th/ita/2568/o26/" in table
    code, text = run("answers", "2568", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    code, text = run("answers", "2568", "--format", "json")
    assert rows == json.loads(text)
    assert len(rows) == 28 and rows[0]["url"] == "https://www.example.go.th/ita/2568/o1/"
    assert rows[0]["note"].startswith("แผนผังโครงสร้างอยู่ในเอกสารแรก")


def test_build_is_mkdocs_build_strict(repo: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "site_builder.cli", "-f", str(repo / "mkdocs.yml"), "build"],
        capture_output=True,
        text=True,
        env={"PATH": ""},
    )
    assert result.returncode == 0, result.stderr
    assert (repo / "site" / "2568" / "o1" / "index.html").is_file()
    # Material's end-of-life notice is for the webmaster (README), not shown at every build.
    assert "end of life" not in result.stdout + result.stderr


# ------------------------------------------------------------------ JSON Schema


def as_json(value: Any) -> Any:
    """YAML as a JSON document: dates become ISO text, keys become text."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


# The YAML files' kinds by their names (an item's index.md is read for its front matter).
FILE_KINDS = {k.file: k.name for k in KINDS if k.file.endswith(".yml")}


def schema_errors(kind: str, data: Any) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema_of(kind), format_checker=jsonschema.FormatChecker())
    return [e.message for e in validator.iter_errors(as_json(data or {}))]


def test_shipped_schemas_are_generated_from_the_models() -> None:
    for declared in KINDS:
        name = declared.name
        shipped = json.loads((REPO / "schema" / declared.schema).read_text(encoding="utf-8"))
        assert shipped == schema_of(name), f"schema/{name}.schema.json is stale: run oit-site schema"
        jsonschema.Draft202012Validator.check_schema(shipped)
    index = (REPO / "schema" / "site-index.schema.json").read_text(encoding="utf-8")
    assert index == index_schema_text(), "schema/site-index.schema.json is stale: run oit-site schema"
    jsonschema.Draft202012Validator.check_schema(json.loads(index))


def test_the_parts_literals_are_the_kinds_registry() -> None:
    """``Part`` and ``ReportPart`` are literals for the type checker: they name the kinds'
    structured parts, in the registry's order, and nothing else."""
    from typing import get_args

    from site_builder.model.content import REPORT_PARTS, ReportPart
    from site_builder.model.framework import Part
    from site_builder.model.kinds import IMPORTED_DRAFT, PARTS

    names = tuple(part.name for part in PARTS)
    assert get_args(Part) == names
    assert get_args(ReportPart) == REPORT_PARTS == ("foreword", *names, "limitations")
    drafts = [declared.draft for declared in KINDS if IMPORTED_DRAFT.match(declared.draft)]
    assert drafts == [part.draft for part in PARTS] == [f"{name}.imported.yml" for name in names]
    assert [declared.schema for declared in KINDS] == [schema_of(k.name)["$id"] for k in KINDS]


def test_schema_accepts_every_content_file() -> None:
    checked = 0
    for path in sorted((REPO / "content").rglob("*")):
        if path.name in FILE_KINDS:
            assert not schema_errors(
                FILE_KINDS[path.name], yaml.safe_load(path.read_text(encoding="utf-8"))
            ), path
            checked += 1
        elif path.name == "index.md" and path.parent.name.startswith("o"):
            data, _, _, _ = split_front_matter(path.read_text(encoding="utf-8"), str(path))
            assert not schema_errors("item", data), path
            checked += 1
    assert checked > 100
    for seed in (REPO / "tests" / "seeds").glob("*/content/**/*.yml"):
        assert not schema_errors(FILE_KINDS[seed.name], yaml.safe_load(seed.read_text(encoding="utf-8"))), (
            seed
        )


# The bad-input cases a schema can see while the editor types (the others need the files
# around them: folders, documents, scores against levels).
SCHEMA_CASES = [
    "wrong type",
    "score above 100",
    "negative score",
    "mixed digits",
    "score with unit",
    "unknown key with a typo",
    "missing required key",
    "unknown status",
    "Buddhist-era ISO date",
]


@pytest.mark.parametrize("name", SCHEMA_CASES)
def test_schema_rejects_the_bad_input_cases_it_can_see(name: str) -> None:
    cases = yaml.safe_load((REPO / "tests" / "bad_input" / "cases.yml").read_text(encoding="utf-8"))
    [case] = [c for c in cases if c["name"] == name]
    found = []
    for file, text in case["files"].items():
        file_name = file.rsplit("/", 1)[-1]
        if file_name in FILE_KINDS:
            found += schema_errors(FILE_KINDS[file_name], yaml.safe_load(text))
        elif file_name == "index.md":
            data, _, _, _ = split_front_matter(text, file)
            found += schema_errors("item", data)
    assert found, name


def test_shipped_item_lists_load_and_say_how_sure_they_are(repo: Path) -> None:
    # Every framework shipped loads; the 2568 list has its 28 items with where each title
    # was seen, O27 and O28 the measures and their report.
    from site_builder.frameworks import available_frameworks, load_framework

    names = available_frameworks()
    assert names == [f"ita-{year}" for year in range(2564, 2570)]
    for name in names:
        framework = load_framework(name)
        assert framework is not None and framework.items and framework.confidence, name
    fw2568 = load_framework("ita-2568")
    assert fw2568 is not None and len(fw2568.items) == 28 and not fw2568.confirmed
    assert all(item.sources and set(item.sources) <= set(fw2568.sources) for item in fw2568.items)
    assert fw2568.item("O6").sources == ["rtrda_live_2568", "lao_vendor"]
    assert fw2568.item("O27").parts == ["result", "analysis", "measures"]
    assert fw2568.item("O28").parts == ["progress"]
    assert fw2568.item("O6").title == "แผนและความก้าวหน้าในการดำเนินงานและการใช้งบประมาณประจำปี"
    assert fw2568.item("O6").data_period == "current" and fw2568.item("O7").data_period == "previous"
    assert not fw2568.item("O25").verified and fw2568.item("O25").title_as_published
    fw2569 = load_framework("ita-2569")
    assert fw2569 is not None and len(fw2569.items) == 26
    assert fw2569.item("O25").title == "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"
    assert fw2569.item("O11").data_period == "current" and fw2569.item("O12").data_period == "previous"
    assert load_framework("ita-2565").confirmed  # high: the same list in three sources and more

    # check says when a year's list is not confirmed, and how to confirm it; the example
    # confirmed 2568 in its year.yml.
    code, output = run("check", "2567", cwd=repo)
    assert code == 0
    # How sure, in Thai; the research notes behind it stay in the framework.
    assert output.splitlines()[2:5] == [
        "· รายการข้อของ ITA 2567 (43 ข้อ) รวบรวมจากเว็บไซต์ของหน่วยงาน ความเชื่อมั่นค่อนข้างสูง",
        "ยังไม่ยืนยันกับคู่มือ ป.ป.ช. (list unconfirmed: moderate-high). ตรวจกับคู่มือที่หน่วยงานได้รับ",
        "แก้ชื่อข้อใน content/2567/year.yml แล้วเขียน list_confirmed: true",
    ]
    assert max(width(line) for line in output.splitlines()) <= 80
    code, output = run("check", "2568", cwd=repo)
    assert code == 0 and "ยังไม่ยืนยันกับคู่มือ" not in output
    _, json_output = run("check", "--format", "json", cwd=repo)
    notices = {y["year"]: y["list_notice"] for y in json.loads(json_output)["years"]}
    assert notices[2568] is None and "ITA 2566" in notices[2566] and "ITA 2567" in notices[2567]

    # new-year writes where each title was seen into the item's file.
    code, _ = run("new-year", "2569", cwd=repo)
    assert code == 0
    # new-year tells the clerk, in Thai, that a title is not confirmed; where it was seen stays
    # in the framework (research notes in English are never written into the clerk's files).
    o2 = (repo / "content" / "2569" / "o2" / "index.md").read_text(encoding="utf-8")
    assert "# ชื่อข้อนี้ยังไม่ยืนยัน: ตรวจกับคู่มือ ป.ป.ช. แล้วยืนยันใน year.yml\n" in o2
    scaffolds = [p.read_text(encoding="utf-8") for p in (repo / "content" / "2569").glob("o*/index.md")]
    assert len(scaffolds) == 26
    assert not [text for text in scaffolds if re.search("that site|RTRDA|ที่มาของชื่อข้อ", text)]
    # What the assessor expects is the NACC's words, in Thai; the notes are kept apart.
    for name in names:
        for fw_item in load_framework(name).items:  # type: ignore[union-attr]
            assert all(re.match("[\u0e01-\u0e5b]", line) for line in fw_item.requirements), (
                name,
                fw_item.code,
            )
    assert fw2569.item("O1").notes and not fw2569.item("O1").requirements


def test_the_item_lists_are_made_from_the_repositorys_reference_alone(tmp_path: Path) -> None:
    # The script runs from a copy of scripts/ and reference/ with nothing beside them, and
    # writes exactly the shipped frameworks.
    for folder in ("scripts", "reference"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    made = subprocess.run(
        [sys.executable, str(tmp_path / "scripts" / "frameworks_from_catalog.py"), str(tmp_path / "out")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    assert "ita-2568: 28 items" in made.stdout
    shipped = REPO / "site_builder" / "frameworks"
    for path in sorted(shipped.glob("ita-*.yml")):
        assert (tmp_path / "out" / path.name).read_text(encoding="utf-8") == path.read_text(
            encoding="utf-8"
        ), path.name
