"""Write the import tests' report layouts as the three files an agency has: text, DOCX and a
PDF exported by LibreOffice; and the matrix of PDFs from other producers.

    python scripts/import_fixtures.py                 # every layout, and the PDF matrix
    python scripts/import_fixtures.py rank-with-kind  # one layout
    python scripts/import_fixtures.py --no-pdf        # text and DOCX only (no LibreOffice)

Each layout is ``tests/imports/layouts/<name>/source.txt``, our own paraphrase of how real
agencies' reports put their result, analysis, measures and progress on paper. This writes
beside it ``report.txt`` (the text a clerk copies out of Word), ``report.docx`` (as a Word
user makes it: Word's own numbering for numbered lists, Symbol bullets, Wingdings ticks,
tables with borders, merged cells and header rows repeated on each page, TH SarabunPSK 16 pt)
and ``report.pdf`` (``soffice --headless --convert-to pdf`` of the DOCX, Debian's
``libreoffice-writer-nogui``). The files are committed, so the tests need no LibreOffice.

The source is the text form with a little markup:

- ``@landscape`` (first line): landscape pages; ``@page``: a page break (a blank line in the
  text); ``@header N``: the next table's first N rows repeat on each page (default 1);
  ``@width 30,50,20``: the next table's columns, in percent of the line;
- ``# text``: a heading (bold);
- a line with tabs: a table's row; in a cell ``^`` merges it with the cell above, ``<`` with
  the cell to its left (both empty in the text), ``<p>`` starts a paragraph, ``✓`` is a tick
  (Wingdings' in the DOCX);
- ``๑. text``, ``1. text``, ``1) text``, ``(1) text``, in a paragraph or a cell: an entry of a
  list Word numbers itself (the number is Word's, not typed); ``=`` before it keeps the number
  typed; ``- text`` or ``• text``: a bulleted entry (Symbol's bullet);
- lines that follow each other without a blank line are paragraphs without a gap between
  (a blank paragraph in the DOCX marks a gap, as a clerk's Enter does).

The default run also writes ``tests/imports/pdfs/``, the same report from the producers
agencies use and the broken kinds a reader must refuse (see ``write_matrix``), and
``tests/imports/seeds/``, the three seed reports as DOCX with bordered tables and as
LibreOffice's PDF of them.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
LAYOUTS = REPO / "tests" / "imports" / "layouts"
MATRIX_DIR = REPO / "tests" / "imports" / "pdfs"
FONT = "TH SarabunPSK"
SIZE = 16

LIST_ITEM = re.compile(r"^(=)?(\(?)([0-9๐-๙]{1,2})([.)])\s+(.+)$")
BULLET_ITEM = re.compile(r"^([-•])\s+(.+)$")
TICK = "✓"


@dataclass
class Paragraph:
    text: str
    joined: bool
    heading: bool = False
    list_format: str | None = None
    """``decimal`` or ``thaiNumbers`` with its pattern (``%1.``), or ``bullet``."""
    list_text: str = ""
    list_start: int = 1
    list_id: int = 0


@dataclass
class Table:
    rows: list[list[str]] = field(default_factory=list)
    header_rows: int = 1
    widths: list[int] = field(default_factory=list)
    """Each column's share of the line, in percent (equal when not given)."""


@dataclass
class PageBreak:
    pass


Block = Paragraph | Table | PageBreak


def _list_of(text: str) -> tuple[str, str, int, str] | None:
    """(format, pattern, number, the entry's text) of a numbered or bulleted entry."""
    bullet = BULLET_ITEM.match(text)
    if bullet:
        return "bullet", bullet.group(1), 0, bullet.group(2)
    item = LIST_ITEM.match(text)
    if item is None or item.group(1):
        return None
    opening, number, closing, rest = item.group(2), item.group(3), item.group(4), item.group(5)
    if opening and closing != ")":
        return None
    thai = bool(re.match("[๐-๙]", number))
    value = int(number.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")))
    return ("thaiNumbers" if thai else "decimal"), f"{opening}%1{closing}", value, rest


def parse(source: str) -> tuple[list[Block], bool]:
    blocks: list[Block] = []
    landscape = False
    table: Table | None = None
    header_rows = 1
    widths: list[int] = []
    gap = True
    previous_list: Paragraph | None = None
    lists = 0
    for line in source.splitlines():
        if line.strip() == "@landscape":
            landscape = True
            continue
        if line.strip() == "@page":
            blocks.append(PageBreak())
            table, gap, previous_list = None, True, None
            continue
        if line.startswith("@header "):
            header_rows = int(line.split()[1])
            continue
        if line.startswith("@width "):
            widths = [int(w) for w in line.split()[1].split(",")]
            continue
        if not line.strip():
            table, gap, previous_list = None, True, None
            continue
        if "\t" in line:
            if table is None:
                table = Table(header_rows=header_rows, widths=widths)
                header_rows, widths = 1, []
                blocks.append(table)
            table.rows.append(line.split("\t"))
            gap, previous_list = False, None
            continue
        table = None
        heading = line.startswith("# ")
        text = line[2:] if heading else line
        paragraph = Paragraph(text, joined=not gap, heading=heading)
        listed = None if heading else _list_of(text)
        if listed:
            fmt, pattern, number, rest = listed
            continuing = (
                previous_list is not None
                and previous_list.list_format == fmt
                and (fmt == "bullet" or number == previous_list.list_start + 1)
            )
            if not continuing:
                lists += 1
            paragraph.list_format, paragraph.list_text, paragraph.list_start = fmt, pattern, number
            paragraph.list_id = lists
            paragraph.text = rest
            previous_list = paragraph
        else:
            previous_list = None
        blocks.append(paragraph)
        gap = False
    return blocks, landscape


def text_form(source: str) -> str:
    """The text a clerk copies out of the document: markup taken out, merged cells empty."""
    out = []
    for line in source.splitlines():
        if line.strip() == "@landscape" or line.startswith(("@header ", "@width ")):
            continue
        if line.strip() == "@page":
            out.append("")
            continue
        if line.startswith("# "):
            line = line[2:]
        if "\t" in line:
            line = "\t".join("" if cell.strip() in ("^", "<") else cell for cell in line.split("\t"))
        elif line.startswith("="):
            line = line[1:]
        out.append(line)
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"


# ------------------------------------------------------------------ DOCX


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _el(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


class Numbering:
    """Word's numbering definitions: one abstract list per format and pattern, and a list
    instance (``w:num``) per list in the report, each restarting at its first number."""

    def __init__(self, document: Any) -> None:
        self.part = document.part.numbering_part.element
        self.abstract: dict[tuple[str, str], int] = {}
        self.next_id = 100

    def _abstract(self, fmt: str, pattern: str) -> int:
        key = (fmt, pattern)
        if key in self.abstract:
            return self.abstract[key]
        self.next_id += 1
        number = self.next_id
        abstract = _el("w:abstractNum", abstractNumId=str(number))
        abstract.append(_el("w:multiLevelType", val="hybridMultilevel"))
        level = _el("w:lvl", ilvl="0")
        level.append(_el("w:start", val="1"))
        level.append(_el("w:numFmt", val=fmt))
        level.append(_el("w:lvlText", val="\uf0b7" if fmt == "bullet" else pattern))
        level.append(_el("w:lvlJc", val="left"))
        paragraph = _el("w:pPr")
        paragraph.append(_el("w:ind", left="720", hanging="360"))
        level.append(paragraph)
        if fmt == "bullet":
            run = _el("w:rPr")
            run.append(_el("w:rFonts", ascii="Symbol", hAnsi="Symbol", hint="default"))
            level.append(run)
        abstract.append(level)
        # Abstract definitions come before the list instances.
        first_num = self.part.find(f"{W}num")
        if first_num is None:
            self.part.append(abstract)
        else:
            first_num.addprevious(abstract)
        self.abstract[key] = number
        return number

    def instance(self, fmt: str, pattern: str, start: int) -> int:
        abstract = self._abstract(fmt, pattern)
        self.next_id += 1
        number = self.next_id
        num = _el("w:num", numId=str(number))
        num.append(_el("w:abstractNumId", val=str(abstract)))
        override = _el("w:lvlOverride", ilvl="0")
        override.append(_el("w:startOverride", val=str(max(start, 1))))
        num.append(override)
        self.part.append(num)
        return number


def _number(paragraph: Any, num_id: int) -> None:
    properties = paragraph._p.get_or_add_pPr()
    numbering = _el("w:numPr")
    numbering.append(_el("w:ilvl", val="0"))
    numbering.append(_el("w:numId", val=str(num_id)))
    properties.insert(0, numbering)


def _runs(paragraph: Any, text: str, bold: bool = False) -> None:
    """The text as runs, each tick as Wingdings' check mark (a symbol, as Word inserts it)."""
    for index, piece in enumerate(text.split(TICK)):
        if index:
            run = paragraph.add_run()
            run._r.append(_el("w:sym", font="Wingdings", char="F0FC"))
        if piece:
            run = paragraph.add_run(piece)
            if bold:
                # Word's bold sets both: w:b for Latin letters, w:bCs for Thai (a complex script).
                run.bold = True
                run._r.get_or_add_rPr().append(_el("w:bCs"))


def _cell_paragraphs(cell: str) -> list[str]:
    return [p.strip() for p in re.split(r"<p>", cell) if p.strip()] or [""]


def _fill_cell(target: Any, text: str, numbering: Numbering) -> None:
    previous: tuple[str, str, int] | None = None
    num_id = 0
    for index, piece in enumerate(_cell_paragraphs(text)):
        paragraph = target.paragraphs[0] if index == 0 else target.add_paragraph()
        listed = _list_of(piece)
        if listed:
            fmt, pattern, number, rest = listed
            continuing = (
                previous is not None and previous[0] == fmt and (fmt == "bullet" or number == previous[2] + 1)
            )
            if not continuing:
                num_id = numbering.instance(fmt, pattern, number)
            _number(paragraph, num_id)
            previous = (fmt, pattern, number)
            piece = rest
        else:
            previous = None
            piece = piece.removeprefix("=")
        _runs(paragraph, piece)


def write_docx(source: str, path: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    blocks, landscape = parse(source)
    document = docx.Document()
    # A fixed date: the same source makes the same file.
    document.core_properties.created = document.core_properties.modified = datetime(2025, 1, 6)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(SIZE)
    fonts = style.element.rPr.rFonts
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    size_cs = _el("w:szCs", val=str(SIZE * 2))
    style.element.rPr.append(size_cs)
    style.paragraph_format.space_after = Pt(0)
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Mm(20))
    numbering = Numbering(document)
    num_ids: dict[int, int] = {}
    for block in blocks:
        if isinstance(block, PageBreak):
            from docx.enum.text import WD_BREAK

            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            continue
        if isinstance(block, Paragraph):
            if not block.joined:
                document.add_paragraph("")
            paragraph = document.add_paragraph()
            if block.list_format:
                if block.list_id not in num_ids:
                    num_ids[block.list_id] = numbering.instance(
                        block.list_format, block.list_text, block.list_start
                    )
                _number(paragraph, num_ids[block.list_id])
                _runs(paragraph, block.text)
            else:
                _runs(paragraph, block.text.removeprefix("="), bold=block.heading)
            continue
        width = max(len(row) for row in block.rows)
        table = document.add_table(rows=len(block.rows), cols=width)
        table.style = document.styles["Table Grid"]
        line = section.page_width - section.left_margin - section.right_margin
        shares = block.widths or [100 // width] * width
        table.autofit = False
        grid = table._tbl.tblGrid.findall(f"{W}gridCol")
        for c, share in enumerate(shares):
            grid[c].set(f"{W}w", str(int(line * share / 100 / 635)))
            for cell in table.columns[c].cells:
                cell.width = int(line * share / 100)
        for r, row in enumerate(block.rows):
            cells = row + [""] * (width - len(row))
            if r < block.header_rows:
                row_properties = table.rows[r]._tr.get_or_add_trPr()
                row_properties.append(_el("w:tblHeader"))
            for c, cell in enumerate(cells):
                if cell.strip() in ("^", "<"):
                    continue
                _fill_cell(table.cell(r, c), cell, numbering)
                if r < block.header_rows:
                    for run in table.cell(r, c).paragraphs[0].runs:
                        run.bold = True
        # Merges after the text: a merged cell keeps the text of the first.
        for r, row in enumerate(block.rows):
            for c, cell in enumerate(row):
                if cell.strip() == "^":
                    top = r - 1
                    while top > 0 and block.rows[top][c].strip() == "^":
                        top -= 1
                    table.cell(top, c).merge(table.cell(r, c))
                elif cell.strip() == "<":
                    left = c - 1
                    while left > 0 and row[left].strip() == "<":
                        left -= 1
                    table.cell(r, left).merge(table.cell(r, c))
        document.add_paragraph("")
    document.save(str(path))
    _drop_empty_paragraphs_of_merges(path)


def _drop_empty_paragraphs_of_merges(path: Path) -> None:
    """python-docx's merge keeps each merged cell's empty paragraph after the first's text;
    Word's own merge does not."""
    import docx

    document = docx.Document(str(path))
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs = cell.paragraphs
                if len(paragraphs) > 1:
                    for paragraph in paragraphs[1:]:
                        if not paragraph.text and paragraph._p.pPr is None:
                            paragraph._p.getparent().remove(paragraph._p)
    document.save(str(path))


# ------------------------------------------------------------------ PDF


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        raise SystemExit(
            "LibreOffice is needed for the PDFs: apt-get install -y libreoffice-writer-nogui"
            " (or run with --no-pdf)"
        )
    return found


def write_pdf(docx_path: Path, pdf_path: Path) -> None:
    with tempfile.TemporaryDirectory() as work:
        profile = Path(work) / "profile"
        subprocess.run(
            [
                soffice(),
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                work,
                str(docx_path),
            ],
            check=True,
            capture_output=True,
        )
        shutil.move(str(Path(work) / f"{docx_path.stem}.pdf"), pdf_path)


# ------------------------------------------------------------------ the PDF matrix

MATRIX_LAYOUT = "two-column-tools-eit"
"""The layout whose LibreOffice PDF the broken kinds are made from: tables, bullets, a list."""
# Old Thai fonts' private-use glyphs for the marks (the positioned tone marks and upper vowels).
PRIVATE_MARKS = {
    0x0E31: 0xF710,
    0x0E34: 0xF701,
    0x0E35: 0xF702,
    0x0E36: 0xF703,
    0x0E37: 0xF704,
    0x0E47: 0xF712,
    0x0E48: 0xF70A,
    0x0E49: 0xF70B,
    0x0E4A: 0xF70C,
    0x0E4B: 0xF70D,
    0x0E4C: 0xF70E,
}


def _remap(source: Path, target: Path, mapping: Any) -> None:
    """The PDF with each font's ToUnicode map rewritten by ``mapping(code point) -> code
    point or None`` (None: the glyph maps to nothing): how a font with a broken map reads."""
    import pypdf
    from pypdf.generic import NameObject, StreamObject

    reader = pypdf.PdfReader(str(source))
    writer = pypdf.PdfWriter(clone_from=reader)
    done: set[int] = set()
    for page in writer.pages:
        fonts = page["/Resources"]["/Font"]
        for name in fonts:
            font = fonts[name].get_object()
            if "/ToUnicode" not in font or id(font) in done:
                continue
            done.add(id(font))
            stream = font["/ToUnicode"].get_object()
            text = stream.get_data().decode("latin-1")

            def target_of(match: re.Match[str]) -> str:
                code = int(match.group(2), 16)
                mapped = mapping(code)
                if mapped is None:
                    return f"{match.group(1)} <FFFF>"
                return f"{match.group(1)} <{mapped:04X}>"

            text = re.sub(r"(<[0-9A-Fa-f]{2,4}>)\s+<([0-9A-Fa-f]{4})>", target_of, text)
            replacement = StreamObject()
            replacement.set_data(text.encode("latin-1"))
            font[NameObject("/ToUnicode")] = writer._add_object(replacement)
    with target.open("wb") as out:
        writer.write(out)


def _chromium(text_form: str, target: Path) -> None:
    """Chromium's print-to-PDF (Skia) of the report as HTML set in Sarabun."""
    sys.path.insert(0, str(REPO / "tests"))
    from playwright.sync_api import sync_playwright
    from report_files import report_html

    with tempfile.TemporaryDirectory() as work:
        page_file = Path(work) / "report.html"
        page_file.write_text(report_html(text_form), encoding="utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--allow-file-access-from-files"]
            )
            page = browser.new_page()
            page.goto(page_file.as_uri())
            page.pdf(path=str(target), format="A4")
            browser.close()


WORD_LIKE = (
    "รายงานผลการประเมินคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2568",
    "เทศบาลตำบลหนองแวง อำเภอเมือง จังหวัดขอนแก่น",
    "",
    "เทศบาลตำบลหนองแวงได้รับผลการประเมิน ITA 90.54 คะแนน อยู่ในระดับผ่านดี ",
    "โดยแบบวัด IIT ได้คะแนน 93.20 คะแนน แบบวัด EIT ได้คะแนน 86.10 คะแนน ",
    "และแบบตรวจ OIT ได้คะแนน 91.95 คะแนน",
    "",
    "จุดที่ควรพัฒนา",
    "\uf0b7 ผู้รับบริการยังเข้าถึงช่องทางออนไลน์ E-",
    "Service ของเทศบาลได้ไม่ทั่วถึง",
    "\uf0b7 การตอบข้อร้องเรียนยังใช้เวลานานกว่าที่ประกาศไว้",
)
"""A page as Word's own PDF export draws it: Symbol's bullet in its private-use code, a hyphen
at the end of a line (E-Service), a line broken at a space that ends it, and each line's tone
marks and upper vowels drawn after the next line's letters, where pdfium reads them."""


def _word_like(target: Path) -> None:
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw
    from fontTools.ttLib import TTFont

    font_file = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")
    symbol_file = next(Path("/usr/lib/libreoffice/share/fonts/truetype").glob("opens___.ttf"), None)
    symbol_file = symbol_file or Path("/usr/share/fonts/truetype/libreoffice/opens___.ttf")
    document = pdfium.PdfDocument.new()
    page = document.new_page(595, 842)

    def load(path: Path) -> Any:
        data = path.read_bytes()
        buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
        return raw.FPDFText_LoadFont(document.raw, buffer, len(data), raw.FPDF_FONT_TRUETYPE, True)

    thai, symbol = load(font_file), load(symbol_file)
    metrics = TTFont(str(font_file))
    cmap, widths, units = metrics.getBestCmap(), metrics["hmtx"].metrics, metrics["head"].unitsPerEm
    size = 16.0
    marks = re.compile("[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")

    def draw(text: str, font: Any, x: float, y: float) -> None:
        obj = raw.FPDFPageObj_CreateTextObj(document.raw, font, size)
        encoded = (text + "\0").encode("utf-16-le")
        raw.FPDFText_SetText(obj, (ctypes.c_ushort * (len(encoded) // 2)).from_buffer_copy(encoded))
        raw.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
        raw.FPDFPage_InsertObject(page.raw, obj)

    def advance(char: str) -> float:
        glyph = cmap.get(ord(char))
        return widths[glyph][0] * size / units if glyph else size / 2

    late: list[tuple[str, float, float]] = []
    y = 780.0
    for line in WORD_LIKE:
        if not line:
            y -= size * 1.2
            continue
        x = 56.0
        if line.startswith("\uf0b7"):
            draw("\u2022", symbol, x, y)
            x += size * 1.2
            line = line[2:]
        bases = marks.sub("", line)
        draw(bases, thai, x, y)
        # The marks of this line are drawn after the next line's letters.
        drawn = late
        late = []
        position = x
        for char in line:
            if marks.fullmatch(char):
                late.append((char, position, y))
            else:
                position += advance(char)
        for char, at, line_y in drawn:
            draw(char, thai, at, line_y)
        y -= size * 1.6
    for char, at, line_y in late:
        draw(char, thai, at, line_y)
    raw.FPDFPage_GenerateContent(page.raw)
    with tempfile.TemporaryDirectory() as work:
        drawn = Path(work) / "drawn.pdf"
        document.save(str(drawn))
        # Word's bullet is Symbol's, whose map gives its private-use code.
        _remap(drawn, target, lambda code: 0xF0B7 if code == 0x2022 else code)


def write_matrix(folder: Path) -> None:
    """The PDF matrix: the report from the producers agencies use (accepted), and the five
    broken kinds (refused)."""
    folder.mkdir(parents=True, exist_ok=True)
    layout_folder = LAYOUTS / MATRIX_LAYOUT
    libreoffice = folder / "libreoffice.pdf"
    shutil.copyfile(layout_folder / "report.pdf", libreoffice)
    _word_like(folder / "word-like.pdf")
    thai = range(0x0E01, 0x0E5C)
    _remap(libreoffice, folder / "sara-am.pdf", lambda code: 0x0E33 if code == 0x0E32 else code)
    _remap(libreoffice, folder / "private-marks.pdf", lambda code: PRIVATE_MARKS.get(code, code))
    _remap(libreoffice, folder / "shifted.pdf", lambda code: code - 0x0E01 + 0xA1 if code in thai else code)
    _remap(libreoffice, folder / "no-letters.pdf", lambda code: None if code in thai else code)
    _chromium((layout_folder / "report.txt").read_text(encoding="utf-8"), folder / "chromium.pdf")
    print(f"{folder.relative_to(REPO)}: " + ", ".join(sorted(p.name for p in folder.glob("*.pdf"))))


SEEDS = REPO / "tests" / "seeds"
SEEDS_OUT = REPO / "tests" / "imports" / "seeds"


def write_seeds(folder: Path) -> None:
    """The three seed reports as a Word user keeps them (tables with borders) and as
    LibreOffice exports them: the seeds' text has Markdown tables and cells in HTML, which the
    tests' own DOCX writer takes."""
    import docx

    sys.path.insert(0, str(REPO / "tests"))
    from report_files import write_docx as seed_docx

    for seed in ("000", "001", "004"):
        target = folder / seed
        target.mkdir(parents=True, exist_ok=True)
        path = target / "report.docx"
        seed_docx((SEEDS / seed / "report.txt").read_text(encoding="utf-8"), path)
        document = docx.Document(str(path))
        for table in document.tables:
            table.style = document.styles["Table Grid"]
        document.core_properties.created = document.core_properties.modified = datetime(2025, 1, 6)
        document.save(str(path))
        write_pdf(path, target / "report.pdf")
        print(f"{target.relative_to(REPO)}: report.docx, report.pdf")


def layout(folder: Path, pdf: bool) -> None:
    source = (folder / "source.txt").read_text(encoding="utf-8")
    (folder / "report.txt").write_text(text_form(source), encoding="utf-8")
    write_docx(source, folder / "report.docx")
    if pdf:
        write_pdf(folder / "report.docx", folder / "report.pdf")
    print(f"{folder.relative_to(REPO)}: report.txt, report.docx{', report.pdf' if pdf else ''}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("layouts", nargs="*", help="layout folder names (default: all)")
    parser.add_argument("--no-pdf", action="store_true", help="text and DOCX only")
    parser.add_argument("--no-matrix", action="store_true", help="leave tests/imports/pdfs/ as it is")
    args = parser.parse_args(argv)
    names = args.layouts or sorted(p.name for p in LAYOUTS.iterdir() if (p / "source.txt").is_file())
    for name in names:
        layout(LAYOUTS / name, pdf=not args.no_pdf)
    if not args.layouts and not args.no_matrix and not args.no_pdf:
        write_matrix(MATRIX_DIR)
        write_seeds(SEEDS_OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
