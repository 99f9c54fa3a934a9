"""Reading a report file into blocks: plain text, DOCX (python-docx) or PDF (pypdfium2 and
pdfplumber).

python-docx, pypdfium2 and pdfplumber come with ``pip install "oit-site[import]"``; plain
text needs none. A PDF's characters are read with pdfium in the order the page draws them,
not in the order of their places on the line: a Thai mark is drawn after its letter but may
stand to its left, and ordering by place would move it in front. Lines are told by the
characters' baselines. The page's rules (thin paths) go to pdfplumber's table finder, which
gives each cell's box; a cell's text is the characters drawn inside it.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from site_builder.importer.blocks import Block, Para, Refused, Row, Table, clean_cell, clean_text, read_text
from site_builder.importer.words import join

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
    texts: dict[int, str] = field(default_factory=dict)
    """PDF pages → their text, in drawing order."""


def read_report(path: Path) -> Source:
    suffix = path.suffix.lower()
    raw = path.read_bytes()
    head = raw[:8]
    if head.startswith(b"%PDF") or suffix == ".pdf":
        return _read_pdf(path)
    if head.startswith(b"PK") or suffix == ".docx":
        return _read_docx(path)
    if suffix == ".doc" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise Refused(
            f"{path.name}: ไฟล์ Word รุ่นเก่า (.doc) อ่านไม่ได้ (an old .doc file); "
            "เปิดใน Word แล้วบันทึกเป็น .docx หรือคัดลอกข้อความลงไฟล์ .txt แล้วนำเข้าอีกครั้ง"
        )
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
            text = join(text, line.text)
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


def _edges(page: Any, height: float) -> list[dict[str, Any]]:
    """The page's rules as pdfplumber's edges: each thin path (a table's border, drawn as a
    line or a thin rectangle) as a horizontal or vertical edge, top-down coordinates."""
    import pypdfium2.raw as pdfium_c

    edges: list[dict[str, Any]] = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=4):
        left, bottom, right, top = obj.get_bounds()
        width, tall = right - left, top - bottom
        if width <= 3 and tall > 3:
            x = (left + right) / 2
            edge = {"x0": x, "x1": x, "top": height - top, "bottom": height - bottom, "orientation": "v"}
        elif tall <= 3 and width > 3:
            y = height - (top + bottom) / 2
            edge = {"x0": left, "x1": right, "top": y, "bottom": y, "orientation": "h"}
        else:
            continue
        edge |= {
            "object_type": "rect_edge",
            "width": edge["x1"] - edge["x0"],
            "height": edge["bottom"] - edge["top"],
            "doctop": edge["top"],
            "y0": height - edge["bottom"],
            "y1": height - edge["top"],
        }
        edges.append(edge)
    return edges


def _chars(page: Any, height: float) -> list[dict[str, Any]]:
    """The page's characters in the order the page draws them, each with its box."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    chars = []
    x, y = ctypes.c_double(), ctypes.c_double()
    for index in range(min(count, len(text))):
        char = text[index]
        if char in "\r\n":
            continue
        left, _, right, _ = textpage.get_charbox(index, loose=True)
        size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index) or 10.0
        # Lines are told by the baseline: a box's top and bottom vary with the letters in it.
        pdfium_c.FPDFText_GetCharOrigin(textpage.raw, index, ctypes.byref(x), ctypes.byref(y))
        base = height - y.value
        chars.append(
            {
                "text": char,
                "x0": left,
                "x1": right,
                "top": base - size * 0.75,
                "bottom": base + size * 0.25,
                "size": size,
            }
        )
    return chars


def _read_pdf(path: Path) -> Source:
    try:
        import pdfplumber
        import pypdfium2 as pdfium
    except ImportError:
        raise Refused(
            f"การอ่านไฟล์ .pdf ต้องติดตั้งส่วนเสริม (reading a PDF needs the import extra): {EXTRA}"
        ) from None
    source = Source([], "pdf")
    try:
        document = pdfium.PdfDocument(str(path))
        tables_pdf = pdfplumber.open(str(path))
    except Exception as exc:  # pdfium and pdfminer raise many kinds for a file that is not a PDF
        raise Refused(f"{path.name}: เปิดไฟล์ PDF ไม่ได้ (cannot open the PDF): {exc}") from None
    with tables_pdf:
        source.pages = len(document)
        for number in range(1, len(document) + 1):
            page = document[number - 1]
            height = page.get_height()
            chars = _chars(page, height)
            source.glyphs[number] = len(chars)
            source.texts[number] = "".join(c["text"] for c in chars)
            unmapped = sum(1 for c in chars if FOREIGN.match(c["text"]))
            if unmapped:
                source.unmapped[number] = unmapped
            edges = _edges(page, height)
            found = _tables(tables_pdf.pages[number - 1], edges)
            boxes = [t.bbox for t in found]
            outside = [c for c in chars if not any(_inside(c, b) for b in boxes)]
            pitch = line_pitch(_lines(chars))
            items: list[tuple[float, Block]] = []
            for text, joined, top in _pieces(_lines(outside), pitch):
                items.append((top, Para(clean_text(text), f"หน้า {number}", joined=joined)))
            for found_table in found:
                table = Table()
                inside_table = [c for c in chars if _inside(c, found_table.bbox)]
                for row in found_table.rows:
                    cells: list[str] = []
                    for box in row.cells:
                        if box is None:  # a column a merged cell covers: empty, so the columns line up
                            cells.append("")
                            continue
                        inside = [c for c in inside_table if _inside(c, box)]
                        pieces = _pieces(_lines(inside), pitch)
                        cells.append(clean_cell("\n".join(p[0] for p in pieces)))
                    if any(cells):
                        table.rows.append(Row(cells, f"หน้า {number}"))
                if table.rows:
                    items.append((float(found_table.bbox[1]), table))
            source.blocks.extend(block for _, block in sorted(items, key=lambda pair: pair[0]))
            page.close()
    document.close()
    return source


FOREIGN = re.compile("[\x00-\x08\u02b0-\u02ff\ufffd\ufffe\uffff\ue000-\uf8ff]")
"""A glyph that a broken text layer gives no Thai letter: nothing, a modifier letter that
pdfium makes of a glyph's code, or a private-use character."""


def _tables(page: Any, edges: list[dict[str, Any]]) -> list[Any]:
    """pdfplumber's table finder over the rules found: a table cut by the page's end has no
    rule below its last row (nor above its first, on the next page), so rules at the ends
    of the columns' lines close it."""
    verticals = [e for e in edges if e["orientation"] == "v"]
    horizontals = [e for e in edges if e["orientation"] == "h"]
    if not verticals:
        return []
    for y in (min(e["top"] for e in verticals), max(e["bottom"] for e in verticals)):
        x0 = min(e["x0"] for e in verticals)
        x1 = max(e["x1"] for e in verticals)
        horizontals.append(
            {
                "object_type": "rect_edge",
                "x0": x0,
                "x1": x1,
                "top": y,
                "bottom": y,
                "width": x1 - x0,
                "height": 0.0,
                "doctop": y,
                "y0": page.height - y,
                "y1": page.height - y,
                "orientation": "h",
            }
        )
    settings = {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "explicit_vertical_lines": verticals,
        "explicit_horizontal_lines": horizontals,
    }
    return list(page.find_tables(table_settings=settings))
