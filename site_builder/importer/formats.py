"""Reading a report file into blocks: plain text, DOCX (python-docx) or PDF (pdfplumber).

python-docx and pdfplumber come with ``pip install "oit-site[import]"``; plain text needs
neither. A PDF's text is read glyph by glyph in the order the page draws them, not in the
order of their places on the line: a Thai mark is drawn after its letter but may stand to
its left, and ordering by place would move it in front. pdfplumber's table finder gives
each cell's box, and a cell's text is the glyphs drawn inside it.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_builder.importer.blocks import Block, Para, Refused, Row, Table, clean_cell, clean_text, read_text

EXTRA = 'pip install "oit-site[import]"'


@dataclass
class Source:
    """A report as read: its blocks, and what its text layer showed of broken glyphs."""

    blocks: list[Block]
    kind: str
    """``text``, ``docx`` or ``pdf``."""
    pages: int = 0
    unmapped: dict[int, int] = field(default_factory=dict)
    """PDF pages with glyphs that carry no character (or a private-use one): page → count."""
    glyphs: dict[int, int] = field(default_factory=dict)
    """PDF pages → glyphs drawn."""


def read_report(path: Path) -> Source:
    suffix = path.suffix.lower()
    head = path.read_bytes()[:8]
    if head.startswith(b"%PDF") or suffix == ".pdf":
        return _read_pdf(path)
    if head.startswith(b"PK") or suffix == ".docx":
        return _read_docx(path)
    if suffix == ".doc" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise Refused(
            f"{path.name}: ไฟล์ Word รุ่นเก่า (.doc) อ่านไม่ได้ (an old .doc file); "
            "เปิดใน Word แล้วบันทึกเป็น .docx หรือคัดลอกข้อความลงไฟล์ .txt แล้วนำเข้าอีกครั้ง"
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp874")
        except UnicodeDecodeError:
            raise Refused(
                f"{path.name}: อ่านข้อความไม่ได้ (not a text file in UTF-8 or TIS-620); "
                "นำเข้าได้จาก .pdf, .docx หรือ .txt (UTF-8)"
            ) from None
    return Source(read_text(text), "text")


# ---------------------------------------------------------------- DOCX


def _read_docx(path: Path) -> Source:
    try:
        import docx
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise Refused(
            f"การอ่านไฟล์ .docx ต้องติดตั้งส่วนเสริม (reading .docx needs the import extra): {EXTRA}"
        ) from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zipfile, lxml and its own errors
        raise Refused(f"{path.name}: เปิดไฟล์ .docx ไม่ได้ (cannot open the DOCX): {exc}") from None
    blocks: list[Block] = []
    gap = True
    paragraphs = tables = 0
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraphs += 1
            text = clean_text(Paragraph(element, document).text)
            if not text:
                gap = True
                continue
            blocks.append(Para(text, f"ย่อหน้า {paragraphs}", joined=not gap))
            gap = False
        elif tag == "tbl":
            tables += 1
            table = Table()
            above: dict[int, Any] = {}
            for r, row in enumerate(DocxTable(element, document).rows, start=1):
                cells: list[str] = []
                seen: set[int] = set()
                for c, cell in enumerate(row.cells):
                    key = id(cell._tc)
                    if key in seen:
                        continue  # a cell merged across columns is listed once per column
                    seen.add(key)
                    # A cell merged down the rows is the cell above again: empty here.
                    same = above.get(c) is cell._tc
                    above[c] = cell._tc
                    cells.append("" if same else clean_cell("\n".join(p.text for p in cell.paragraphs)))
                table.rows.append(Row(cells, f"ตาราง {tables} แถว {r}"))
            blocks.append(table)
            gap = True
    return Source(blocks, "docx")


# ---------------------------------------------------------------- PDF

_MARK = re.compile(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")


def _is_thai(ch: str) -> bool:
    return "\u0e00" <= ch <= "\u0e7f"


def _join(left: str, right: str) -> str:
    if not left:
        return right
    if not right:
        return left
    # A line of Thai is broken between words with no space; other text at a space.
    return left + right if _is_thai(left[-1]) and _is_thai(right[0]) else left + " " + right


@dataclass
class _Line:
    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    size: float


def _lines(chars: list[dict[str, Any]]) -> list[_Line]:
    """The lines of glyphs in drawing order: a new line where a glyph drops below the last
    line or goes back to its left."""
    lines: list[_Line] = []
    current: _Line | None = None
    for char in chars:
        text = char.get("text") or ""
        size = float(char.get("size") or 10)
        top, bottom, x0, x1 = (float(char[k]) for k in ("top", "bottom", "x0", "x1"))
        mark = bool(_MARK.fullmatch(text))
        if current is not None and not mark:
            new_line = top > current.top + size * 0.6 or top < current.top - size * 0.6
            back = x0 < current.x1 - size * 1.5
            if new_line or back:
                lines.append(current)
                current = None
        if current is None:
            if not text.strip():
                continue
            current = _Line("", top, bottom, x0, x1, size)
        elif not mark and x0 - current.x1 > size * 0.45 and text.strip() and not current.text.endswith(" "):
            current.text += " "
        current.text += text
        current.x1 = max(current.x1, x1)
        current.bottom = max(current.bottom, bottom)
    if current is not None:
        lines.append(current)
    for line in lines:
        line.text = unicodedata.normalize("NFC", re.sub(r"\s+", " ", line.text).strip())
    return [line for line in lines if line.text]


_STARTS = re.compile(r"^(?:[0-9๐-๙]{1,2}\s?[.)]|\([0-9๐-๙]{1,2}\)|[-•▪●○➢]|ประเด็น|แนวทาง)")


def line_pitch(lines: list[_Line]) -> float:
    """The distance from one line of a paragraph to the next on a page: the shortest
    distance between lines that follow each other, found at least twice (a table's rows,
    further apart, may be most of a page)."""
    pitches = [
        round((b.top - a.top) * 2) / 2
        for a, b in itertools.pairwise(lines)
        if a.size * 0.8 < b.top - a.top < a.size * 3
    ]
    repeated = sorted(p for p in set(pitches) if pitches.count(p) >= 2)
    return repeated[0] if repeated else min(pitches, default=0.0)


def _pieces(lines: list[_Line], pitch: float) -> list[tuple[str, bool, float]]:
    """Lines joined into paragraphs: a line at the page's line pitch below the one before
    goes on with it, unless it starts a list entry. Each paragraph with whether it follows
    the one before without a gap, and its top."""
    out: list[tuple[str, bool, float]] = []
    previous: _Line | None = None
    text = ""
    top = 0.0
    joined = False
    for line in lines:
        step = line.top - previous.top if previous is not None else 0.0
        gap = previous is None or not 0 < step <= max(pitch, line.size * 1.05) * 1.12
        if previous is not None and not gap and not _STARTS.match(line.text):
            text = _join(text, line.text)
        else:
            if text:
                out.append((text, joined, top))
            text, top, joined = line.text, line.top, previous is not None and not gap
        previous = line
    if text:
        out.append((text, joined, top))
    return out


def _inside(char: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (float(char["x0"]) + float(char["x1"])) / 2
    y = (float(char["top"]) + float(char["bottom"])) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _read_pdf(path: Path) -> Source:
    try:
        import pdfplumber
    except ImportError:
        raise Refused(
            f"การอ่านไฟล์ .pdf ต้องติดตั้งส่วนเสริม (reading a PDF needs the import extra): {EXTRA}"
        ) from None
    source = Source([], "pdf")
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:  # pdfminer raises many kinds for a file that is not a PDF
        raise Refused(f"{path.name}: เปิดไฟล์ PDF ไม่ได้ (cannot open the PDF): {exc}") from None
    with pdf:
        source.pages = len(pdf.pages)
        for number, page in enumerate(pdf.pages, start=1):
            chars = page.chars
            source.glyphs[number] = len(chars)
            unmapped = sum(
                1
                for c in chars
                if not c.get("text") or c["text"] == "\ufffd" or "\uf700" <= c["text"][0] <= "\uf8ff"
            )
            if unmapped:
                source.unmapped[number] = unmapped
            # A table cut by the page's end has no rule below its last row (nor above its
            # first, on the next page): rules at the ends of the columns' lines close it.
            verticals = [e for e in page.edges if e.get("orientation") == "v"]
            settings: dict[str, Any] = {}
            if verticals:
                ends = [min(float(e["top"]) for e in verticals), max(float(e["bottom"]) for e in verticals)]
                settings["explicit_horizontal_lines"] = ends
            found = page.find_tables(table_settings=settings)
            pitch = line_pitch(_lines(chars))
            boxes = [t.bbox for t in found]
            outside = [c for c in chars if not any(_inside(c, b) for b in boxes)]
            items: list[tuple[float, Block]] = []
            for text, joined, top in _pieces(_lines(outside), pitch):
                items.append((top, Para(clean_text(text), f"หน้า {number}", joined=joined)))
            for found_table in found:
                table = Table()
                for row in found_table.rows:
                    cells: list[str] = []
                    for box in row.cells:
                        if box is None:
                            continue
                        inside = [c for c in chars if _inside(c, box)]
                        pieces = _pieces(_lines(inside), pitch)
                        cells.append(clean_cell("\n".join(p[0] for p in pieces)))
                    if any(cells):
                        table.rows.append(Row(cells, f"หน้า {number}"))
                if table.rows:
                    items.append((float(found_table.bbox[1]), table))
            source.blocks.extend(block for _, block in sorted(items, key=lambda pair: pair[0]))
    return source
