"""``oit-site import`` on PDFs from the producers agencies use (``tests/imports/pdfs/``, made
by ``scripts/import_fixtures.py``): what Word and LibreOffice export is read, and each broken
kind is refused for the fault it really has, with what to bring instead, nothing written.

- ``libreoffice.pdf``: LibreOffice's export of a Word DOCX (the ``two-column-tools-eit``
  layout): bullets in Symbol's private-use code (U+F0B7), hyphens pdfium reads as U+FFFE at
  a line break, a vowel below drawn after the letters that follow its own.
- ``word-like.pdf``: as Word's own export draws a page: Symbol's bullet, a word broken at its
  hyphen (E-Service), each line's tone marks drawn after the next line's letters.
- ``sara-am.pdf``, ``private-marks.pdf``, ``shifted.pdf``, ``no-letters.pdf``: the
  LibreOffice PDF with its fonts' maps broken as real fonts break them (SARA AM for SARA AA,
  old Thai fonts' private-use marks, TIS-620 codes read as Latin-1 letters, glyphs without a
  letter).
- ``chromium.pdf``: Chromium's print-to-PDF of the same report, which pdfium reads with letter
  clusters twice (its ``/ActualText`` and its glyphs).

And the three seed reports as a Word user keeps them (tables with borders) and as LibreOffice
exports them (``tests/imports/seeds/``): read, not refused, at 95% of their numbers and 85% of
their words at least."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from report_files import load_parts, numbers_placed, text_placed

from site_builder.importer import Refused, import_report, read
from site_builder.importer.review import review_json, review_text

PDFS = REPO / "tests" / "imports" / "pdfs"
LAYOUT = REPO / "tests" / "imports" / "layouts" / "two-column-tools-eit"

WORD_INSTEAD = (
    "  ไม่ได้เขียนร่างใด ๆ (nothing was written)\n"
    "  ให้นำเข้าจากไฟล์ Word (.docx) ต้นฉบับแทน หรือเปิดต้นฉบับใน Word คัดลอกข้อความทั้งหมด"
    " วางในไฟล์ .txt (UTF-8) แล้วนำเข้าไฟล์นั้น (bring the DOCX, or text copied from it)"
)
BROKEN = {
    "sara-am.pdf": "  - ฟอนต์แปลงสระอาเป็นสระอำ เช่น «ผลกำรวิเครำะห์» แทน «ผลการวิเคราะห์» (หน้า 1, หน้า 2)"
    " (the fonts map SARA AA to SARA AM)\n" + WORD_INSTEAD,
    "private-marks.pdf": "  - วรรณยุกต์และสระบนล่างเป็นรหัสเฉพาะของฟอนต์ (U+F700–U+F71A)"
    " เช่น «การว[U+F701]เคราะห[U+F70E]ผ» (หน้า 1, หน้า 2, หน้า 3)"
    " (Thai marks in a font's private-use codes, as old Thai fonts have them)\n" + WORD_INSTEAD,
    "shifted.pdf": "  - ตัวอักษรไทยเลื่อนไปเป็นรหัสอื่น เช่น «¾.È.» แทน «พ.ศ.» (หน้า 1, หน้า 2)"
    " (the fonts give the Thai letters other codes)\n" + WORD_INSTEAD,
    "no-letters.pdf": "  - อักษรบางตัวไม่มีรหัสตัวอักษร (หน้า 1, หน้า 2, หน้า 3) (glyphs that map to no letter)\n"
    + WORD_INSTEAD,
    "chromium.pdf": "  - ตัวอักษรพร้อมวรรณยุกต์ถูกอ่านซ้ำ เช่น «ห์ผห์» (หน้า 1, หน้า 2)"
    " (letter clusters read twice, as Chromium's print-to-PDF writes them)\n"
    "  ไม่ได้เขียนร่างใด ๆ (nothing was written)\n"
    "  ให้นำเข้าไฟล์ Word (.docx) ต้นฉบับแทน หรือสร้าง PDF ใหม่ด้วยคำสั่งบันทึกเป็น PDF ของ Word"
    " หรือส่งออกเป็น PDF ของ LibreOffice แทนการสั่งพิมพ์เป็น PDF จากเบราว์เซอร์"
    " (bring the DOCX, or a PDF saved from Word or LibreOffice rather than printed from a browser)",
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_kind_is_refused_for_its_fault_and_nothing_is_written(name: str, tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    with pytest.raises(Refused) as refused:
        import_report(PDFS / name, content)
    assert str(refused.value) == (
        f"{name}: ข้อความภาษาไทยในไฟล์อ่านผิด (the Thai text layer is broken)\n" + BROKEN[name]
    )
    assert list(content.iterdir()) == []


def _drafts(report: Path, folder: Path) -> tuple[str, dict[str, str]]:
    content = folder / "content"
    content.mkdir(parents=True)
    imported = import_report(report, content)
    drafts = {w.part: w.path.read_text(encoding="utf-8") for w in imported.written}
    return review_text(review_json(imported, folder)), drafts


def test_libreoffice_s_export_drafts_as_the_word_file_does(tmp_path: Path) -> None:
    _, from_pdf = _drafts(PDFS / "libreoffice.pdf", tmp_path / "pdf")
    _, from_docx = _drafts(LAYOUT / "report.docx", tmp_path / "docx")
    strip = {"report.docx": "the report", "libreoffice.pdf": "the report"}

    def same(text: str) -> str:
        for name, shown in strip.items():
            text = text.replace(name, shown)
        return "\n".join(line for line in text.splitlines() if "TODO" not in line)

    assert {p: same(t) for p, t in from_pdf.items()} == {p: same(t) for p, t in from_docx.items()}


def test_a_word_like_export_is_read_as_written(tmp_path: Path, golden: Any) -> None:
    review, drafts = _drafts(PDFS / "word-like.pdf", tmp_path)
    golden("import/pdfs/word-like-review.txt", review)
    for part, text in sorted(drafts.items()):
        golden(f"import/pdfs/word-like-{part}.yml", text)


SEEDS = {"000": 2568, "001": 2565, "004": 2567}


@pytest.mark.parametrize("form", ["report.docx", "report.pdf"])
@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_a_seed_as_word_keeps_it_and_as_libreoffice_exports_it_is_read(
    seed: str, form: str, tmp_path: Path, golden: Any
) -> None:
    review, drafts = _drafts(REPO / "tests" / "imports" / "seeds" / seed / form, tmp_path)
    kept = f"import/seeds/{seed}-{form.replace('.', '-')}"
    golden(f"{kept}-review.txt", review)
    for part, text in sorted(drafts.items()):
        golden(f"{kept}-{part}.yml", text)
    imported = read(REPO / "tests" / "imports" / "seeds" / seed / form, None)
    got = {part: draft.data for part, draft in imported.reading.drafts.items()}
    want = load_parts(REPO / "tests" / "seeds" / seed / "content" / str(SEEDS[seed]))
    numbers, total = numbers_placed(want, got)
    words, letters = text_placed(want, got)
    assert numbers / total >= 0.95, (numbers, total)
    assert words / letters >= 0.85, (words, letters)
