"""``oit-site import`` on fourteen report layouts beyond the three seeds, each as text, as a
Word DOCX and as a PDF exported by LibreOffice (``tests/imports/layouts/<name>/``, made by
``scripts/import_fixtures.py``; ``README.md`` there says what real reports each follows).

For every layout and form: the review list and the drafts are golden files; a DOCX or a PDF
drafts as the text does, any difference kept in a golden diff a person reads; every number
of the report is placed at a key or listed as not placed, and the review list says which;
no placed number differs from the hand transcription (``expected/``) at its key without a
TODO there; the text parts hold the transcription's words. Any mixture of the layouts' and
the seeds' lines is drafted or refused, its numbers accounted for."""

from __future__ import annotations

import difflib
import io
import re
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import INIT, REPO, run_mkdocs
from hypothesis import given, settings
from hypothesis import strategies as st
from report_files import load_parts, text_placed

from site_builder.cli import main
from site_builder.importer import Imported, Refused, import_report, read
from site_builder.importer.blocks import Para, Table
from site_builder.importer.formats import read_report
from site_builder.importer.numbers import held_at, value
from site_builder.importer.review import review_json, review_text

LAYOUTS_DIR = REPO / "tests" / "imports" / "layouts"
LAYOUTS = sorted(p.name for p in LAYOUTS_DIR.iterdir() if (p / "source.txt").is_file())
FORMS = {"text": "report.txt", "docx": "report.docx", "pdf": "report.pdf"}
WHERE = re.compile(r"(?:บรรทัด|หน้า|ย่อหน้า|ตาราง) [0-9–]+(?: แถว [0-9–]+)?")
RESULT_NUMBERS = ("score", "rank", "tools", "eit_parts", "indicators", "questions")


def imported_into(layout: str, form: str, folder: Path) -> tuple[Imported, str, dict[str, str]]:
    """The layout's report in one form imported into a content folder of its own: the
    import, its review list, and each draft's text."""
    content = folder / "content"
    content.mkdir(parents=True)
    imported = import_report(LAYOUTS_DIR / layout / FORMS[form], content)
    review = review_text(review_json(imported, folder))
    drafts = {w.part: w.path.read_text(encoding="utf-8") for w in imported.written}
    return imported, review, drafts


def masked(drafts: dict[str, str]) -> str:
    """The drafts with the places in the report (a line, a page, a paragraph) left out."""
    return "".join(
        f"--- {part}.yml\n" + WHERE.sub("…", re.sub(r"report\.(?:txt|docx|pdf)", "report", text))
        for part, text in sorted(drafts.items())
    )


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_layout_drafts_as_its_goldens_in_every_form(
    layout: str, form: str, tmp_path: Path, golden: Any
) -> None:
    _, review, drafts = imported_into(layout, form, tmp_path / form)
    golden(f"import/layouts/{layout}/review-{form}.txt", review)
    if form == "text":
        for part, text in sorted(drafts.items()):
            golden(f"import/layouts/{layout}/{part}.yml", text)
        return
    # The same drafts as from the text wherever the file holds the same: what differs (a PDF
    # keeps no space where a line broke, nor a paragraph's end where a line ran full) is a
    # golden diff of its own.
    _, _, from_text = imported_into(layout, "text", tmp_path / "text")
    diff = "".join(
        difflib.unified_diff(
            masked(from_text).splitlines(keepends=True),
            masked(drafts).splitlines(keepends=True),
            "text",
            form,
        )
    )
    golden(f"import/layouts/{layout}/{form}.diff", diff or f"{form}: the same drafts as the text\n")


def _numbers(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    if isinstance(data, dict):
        return [leaf for key, item in data.items() for leaf in _numbers(item, (*path, key))]
    if isinstance(data, list):
        return [leaf for index, item in enumerate(data) for leaf in _numbers(item, (*path, index))]
    text = str(data)
    return [(path, data)] if re.fullmatch(r"[0-9๐-๙.,]+", text) and not isinstance(data, bool) else []


def _number_keys(part: str, data: dict[str, Any]) -> dict[tuple[Any, ...], Any]:
    """A part's numbers at their keys: result.yml's scores and rank, progress.yml's scores."""
    keys = {}
    for path, held in _numbers(data):
        if part == "result" and path[0] in RESULT_NUMBERS and not str(path[-1]).endswith("_label"):
            keys[tuple(_key(k) for k in path)] = held
        elif part == "progress" and "values" in path:
            keys[(*(_key(k) for k in path[:-1]), _year(path[-1]))] = held
    return keys


def _key(key: Any) -> Any:
    text = re.sub("[๐-๙]", lambda m: str("๐๑๒๓๔๕๖๗๘๙".index(m.group(0))), str(key))
    return int(text) if text.isdigit() else text


def _year(key: Any) -> int:
    return int(_key(key))


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_number_is_placed_or_listed_and_none_differs_without_a_todo(
    layout: str, form: str, tmp_path: Path
) -> None:
    imported, review, _ = imported_into(layout, form, tmp_path)
    reading = imported.reading
    # The accounting: each number read is placed (its key holds it) or listed, never both.
    for figure in reading.figures:
        if figure.placed:
            assert figure.part is not None and figure.path is not None
            held = held_at(reading.drafts[figure.part].data, figure.path)
            assert value(str(held)) == value(figure.printed), (figure.printed, figure.path, held)
    listed = [f for f in reading.figures if not f.placed]
    summary = (
        f"ตัวเลขในรายงาน {len(reading.figures)} ตัว: วางแล้ว {len(reading.figures) - len(listed)}"
        f" ไม่ได้วาง {len(listed)} (numbers: {len(reading.figures)} read,"
        f" {len(reading.figures) - len(listed)} placed, {len(listed)} not placed)"
    )
    assert summary in review.splitlines()
    for figure in listed:
        assert f"    {figure.where}: {figure.printed} «" in review
    # Against the hand transcription: a number of the report is at its key, or listed, or
    # its key carries a TODO; a number at a key is the report's, or carries a TODO.
    expected = load_parts(LAYOUTS_DIR / layout / "expected")
    for part, data in expected.items():
        want = _number_keys(part, data)
        draft = reading.drafts.get(part)
        got = _number_keys(part, draft.data) if draft is not None else {}
        todos = {tuple(_key(k) for k in n.path) for n in (draft.notes if draft is not None else [])}
        noted = {path[:i] for path in todos for i in range(len(path) + 1)}
        for path, held in want.items():
            if path in got:
                assert value(str(got[path])) == value(str(held)) or path in noted, (part, path)
            else:
                printed = [f.printed for f in listed]
                assert any(value(p) == value(str(held)) for p in printed) or path in noted, (part, path, held)
        for path, held in got.items():
            assert (path in want and value(str(want[path])) == value(str(held))) or path in noted, (
                part,
                path,
            )
    # The words of the text parts stand in their parts.
    drafts = {part: draft.data for part, draft in reading.drafts.items()}
    words, letters = text_placed(expected, drafts)
    if letters:
        assert words / letters >= 0.85, (words, letters)


def test_layouts_drafts_build_strictly_in_a_site(tmp_path: Path) -> None:
    """Three layouts of three years (a 2564 scale, a 2566 weighted table, a 2569 overall score
    the check took out) imported into one site that ``oit-site init`` started."""
    root = tmp_path / "site"
    assert main(["init", str(root), *INIT], out=io.StringIO()) == 0
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("pdf: true", "pdf: false"), encoding="utf-8")
    for layout in ("announcement-ranks", "weighted-tools", "eit-parts-prose"):
        report = tmp_path / f"{layout}.txt"
        shutil.copyfile(LAYOUTS_DIR / layout / "report.txt", report)
        assert main(["-f", str(config), "import", str(report)], out=io.StringIO()) == 0
    result = run_mkdocs(root)
    assert result.returncode == 0, result.stderr
    page = (root / "site" / "2569" / "index.html").read_text(encoding="utf-8")
    assert "88.96" not in page  # the overall score the check took out stands nowhere


LINES = [
    line
    for path in (
        *(LAYOUTS_DIR / name / "report.txt" for name in LAYOUTS),
        *(REPO / "tests" / "seeds" / seed / "report.txt" for seed in ("000", "001", "004")),
    )
    for line in path.read_text(encoding="utf-8").splitlines()
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=50))
def test_any_mixture_of_layout_lines_is_drafted_or_refused_with_its_numbers_accounted_for(
    tmp_path_factory: Any, lines: list[str]
) -> None:
    report = tmp_path_factory.mktemp("mixed") / "report.txt"
    report.write_text("\n".join(lines), encoding="utf-8")
    try:
        imported = read(report, 2568)
    except Refused:
        return
    for figure in imported.reading.figures:
        if figure.placed:
            assert figure.part is not None and figure.path is not None
            held = held_at(imported.reading.drafts[figure.part].data, figure.path)
            assert value(str(held)) == value(figure.printed)
    numbers = review_json(imported, tmp_path_factory.getbasetemp())["numbers"]
    assert numbers["read"] == numbers["placed"] + len(numbers["not_placed"])


def test_the_transcriptions_are_of_the_layouts_reports() -> None:
    """Each transcription's numbers are printed in its report (a typo in a transcription
    would let a wrong draft pass)."""
    for layout in LAYOUTS:
        text = (LAYOUTS_DIR / layout / "report.txt").read_text(encoding="utf-8")
        printed = {value(n) for n in re.findall(r"[0-9๐-๙]+(?:[.,][0-9๐-๙]+)*", text)}
        for part, data in load_parts(LAYOUTS_DIR / layout / "expected").items():
            for path, held in _number_keys(part, data).items():
                assert value(str(held)) in printed, (layout, part, path, held)


def test_word_s_own_list_numbers_stay_in_a_docx() -> None:
    """Lists Word numbers itself (numbering.xml): each list from its own start, in Thai
    digits where Word writes them, in paragraphs and in table cells."""
    path = LAYOUTS_DIR / "sentence-and-tool-lines" / "report.docx"
    # The headings' numbers are typed; the lists' are Word's own, in no run of their text.
    typed = [p.text for p in docx.Document(str(path)).paragraphs if re.match("[๑๒]\\. ", p.text)]
    assert typed == ["๑. ผลการประเมินในภาพรวม", "๒. ผลการประเมินรายเครื่องมือ"]
    report = read_report(path)
    numbered = [b.text for b in report.blocks if isinstance(b, Para) and re.match("[๑๒]\\. ", b.text)]
    assert numbered == [
        *typed,
        "๑. การปฏิบัติหน้าที่ บุคลากรให้บริการตามขั้นตอนและระยะเวลาที่ประกาศไว้",
        "๒. การใช้อำนาจ ผู้บริหารมอบหมายงานตามความรู้ความสามารถของบุคลากร",
        "๑. ตัวชี้วัดที่ ๗ ประสิทธิภาพการสื่อสาร ได้ ๘๔.๒๐ คะแนน ผู้รับบริการเห็นว่าช่องทางรับฟังความคิดเห็นยังมีน้อย",
        "๑. บุคลากรที่ดูแลเว็บไซต์มีเพียงคนเดียวและมีภารกิจอื่นมาก",
        "๒. ระบบอินเทอร์เน็ตในสำนักงานไม่เสถียรในช่วงฤดูฝน",
    ]
    table = next(
        b
        for b in read_report(LAYOUTS_DIR / "long-measures-pages" / "report.docx").blocks
        if isinstance(b, Table)
    )
    assert [row.cells[0] for row in table.rows[1:4]] == [
        "1. การปฏิบัติหน้าที่อย่างเป็นธรรม",
        "",
        "2. การใช้งบประมาณอย่างคุ้มค่า",
    ]
    assert table.rows[1].cells[2] == (
        "1. รวบรวมงานบริการของทุกกองและกำหนดระยะเวลาที่ใช้\n"
        "2. เสนอผู้บริหารพิจารณาอนุมัติ\n"
        "3. ติดประกาศที่จุดบริการและเผยแพร่บนเว็บไซต์ของเทศบาล"
    )
