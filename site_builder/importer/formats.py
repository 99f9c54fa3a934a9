"""Reading a report file into blocks: plain text, DOCX (python-docx) or PDF (pypdfium2 and
pdfplumber).

python-docx, pypdfium2 and pdfplumber come with ``pip install "oit-site[import]"``; plain
text needs none.

A DOCX is read as Word shows it: a list's numbers come from Word's numbering definitions
(``numbering.xml``), a symbol (Wingdings' tick, Symbol's bullet) as the letter it draws, a
cell merged across columns once with the columns it covers empty.

A PDF's characters are read with pdfium in the order the page draws them, not in the order
of their places on the line: a Thai mark is drawn after its letter but may stand to its left,
and ordering by place would move it in front; a mark drawn later than the letters after it
goes back to the letter it stands on. Lines are told by the characters' baselines; a line
goes on with the one above unless there was room at the end of that one for the first word
of this one (then the paragraph ended there). The page's rules (thin paths) go to
pdfplumber's table finder, which gives each cell's box; a cell's text is the characters drawn
inside it. A table that runs to the next page goes on there: the header rows repeated at the
top are left out, and a row the page's end cut is joined again.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from site_builder.importer.blocks import (
    Block,
    Para,
    Refused,
    Row,
    Table,
    clean_cell,
    clean_text,
    plain_symbols,
    read_text,
)
from site_builder.importer.words import dictionary_words, join, suspect

EXTRA = 'pip install "oit-site[import]"'


@dataclass
class Source:
    """A report as read: its blocks, and what its text layer showed of broken glyphs."""

    blocks: list[Block]
    kind: str
    """``text``, ``docx`` or ``pdf``."""
    pages: int = 0
    unmapped: dict[int, int] = field(default_factory=dict)
    """PDF pages with glyphs that carry no character: page → count."""
    glyphs: dict[int, int] = field(default_factory=dict)
    """PDF pages → glyphs drawn."""
    texts: dict[int, str] = field(default_factory=dict)
    """PDF pages → their text as read: pdfium's characters in lines, each mark with its letter."""
    second: dict[int, str] = field(default_factory=dict)
    """PDF pages where a letter cluster reads twice → their text as a second reader
    (pdfminer) reads the glyphs drawn, without the ``/ActualText`` pdfium adds to them."""


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

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_THAI_DIGITS = MappingProxyType(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
_THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"
_ROMAN: tuple[tuple[int, str], ...] = tuple(
    zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        ("m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"),
        strict=True,
    )
)


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def _formatted(number: int, fmt: str) -> str:
    """A list number in one of Word's number formats."""
    if fmt == "thaiNumbers":
        return str(number).translate(_THAI_DIGITS)
    if fmt in ("thaiLetters", "thaiCounting"):
        return _THAI_LETTERS[(number - 1) % len(_THAI_LETTERS)]
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (number - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(number).upper() if fmt == "upperRoman" else _roman(number)
    if fmt == "none":
        return ""
    return str(number)


def _symbol(font: str, code: str) -> str:
    """A ``w:sym`` character (or a bullet's): the letter the symbol font draws at that code."""
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    if value < 0xF000:
        value += 0xF000
    return plain_symbols(chr(value))


class _Numbering:
    """Word's list numbers: ``numbering.xml``'s levels (start, format, text such as ``%1.``)
    counted paragraph by paragraph as Word counts them."""

    def __init__(self, document: Any) -> None:
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.levels: dict[str, dict[int, tuple[int, str, str, str]]] = {}
        self.counts: dict[Any, list[int]] = {}
        try:
            part = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in part.iter(f"{W}abstractNum"):
            levels: dict[int, tuple[int, str, str, str]] = {}
            for level in abstract.iter(f"{W}lvl"):
                start = level.find(f"{W}start")
                fmt = level.find(f"{W}numFmt")
                text = level.find(f"{W}lvlText")
                fonts = level.find(f"{W}rPr/{W}rFonts")
                levels[int(level.get(f"{W}ilvl", "0"))] = (
                    int(start.get(f"{W}val", "1")) if start is not None else 1,
                    fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{W}val", "") if text is not None else "",
                    fonts.get(f"{W}ascii", "") if fonts is not None else "",
                )
            self.levels[abstract.get(f"{W}abstractNumId", "")] = levels
        for num in part.iter(f"{W}num"):
            abstract_id = num.find(f"{W}abstractNumId")
            overrides = {}
            for override in num.iter(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    overrides[int(override.get(f"{W}ilvl", "0"))] = int(start.get(f"{W}val", "1"))
            if abstract_id is not None:
                self.nums[num.get(f"{W}numId", "")] = (abstract_id.get(f"{W}val", ""), overrides)

    def label(self, paragraph: Any, style_numbering: Any) -> str:
        """The number (or bullet) Word shows before the paragraph, or ``""``."""
        numbering = paragraph.find(f"{W}pPr/{W}numPr")
        if numbering is None:
            numbering = style_numbering
        if numbering is None:
            return ""
        num_id = numbering.find(f"{W}numId")
        level_el = numbering.find(f"{W}ilvl")
        key = num_id.get(f"{W}val", "") if num_id is not None else ""
        level = int(level_el.get(f"{W}val", "0")) if level_el is not None else 0
        if key not in self.nums:
            return ""
        abstract, overrides = self.nums[key]
        levels = self.levels.get(abstract, {})
        if level not in levels:
            return ""
        # A list instance that restarts counts on its own; those of one definition without a
        # restart go on from each other.
        counter: Any = key if overrides else ("abstract", abstract)

        def start(n: int) -> int:
            return overrides.get(n, levels[n][0] if n in levels else 1) - 1

        counts = self.counts.setdefault(counter, [start(n) for n in range(9)])
        counts[level] += 1
        for deeper in range(level + 1, 9):
            counts[deeper] = start(deeper)
        _, fmt, text, font = levels[level]
        if fmt == "bullet":
            return _symbol(font, f"{ord(text[0]):04X}") if text and ord(text[0]) >= 0xF000 else text or "•"

        def number(match: re.Match[str]) -> str:
            which = int(match.group(1)) - 1
            value = counts[which] if which < len(counts) else 1
            return _formatted(value, levels.get(which, (1, fmt, "", ""))[1])

        return re.sub(r"%([1-9])", number, text)


def _paragraph_text(paragraph: Any) -> str:
    """A paragraph's text as Word shows it: runs, tabs and breaks, symbols as their letters,
    no field codes or deleted text."""
    out: list[str] = []
    for element in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}sym", f"{W}noBreakHyphen"):
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "t":
            out.append(element.text or "")
        elif tag in ("tab",):
            out.append(" ")
        elif tag in ("br", "cr"):
            out.append("\n")
        elif tag == "sym":
            out.append(_symbol(element.get(f"{W}font", ""), element.get(f"{W}char", "")))
        else:
            out.append("-")
    return "".join(out).replace("\u00ad", "")


def _style_numbering(document: Any, paragraph: Any) -> Any:
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    if style is None:
        return None
    try:
        found = document.styles.element.get_by_id(style.get(f"{W}val"))
    except (KeyError, AttributeError):
        return None
    return found.find(f"{W}pPr/{W}numPr") if found is not None else None


def _read_docx(path: Path) -> Source:
    try:
        import docx
        from docx.table import Table as DocxTable
    except ImportError:
        raise Refused(
            f"การอ่านไฟล์ .docx ต้องติดตั้งส่วนเสริม (reading .docx needs the import extra): {EXTRA}"
        ) from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises zipfile, lxml and its own errors
        raise Refused(f"{path.name}: เปิดไฟล์ .docx ไม่ได้ (cannot open the DOCX): {exc}") from None
    numbering = _Numbering(document)

    def text_of(paragraph: Any) -> str:
        label = numbering.label(paragraph, _style_numbering(document, paragraph))
        text = _paragraph_text(paragraph)
        return f"{label} {text}" if label and text.strip() else text

    blocks: list[Block] = []
    gap = True
    paragraphs = tables = 0
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraphs += 1
            text = clean_text(text_of(element))
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
                previous: Any = None
                for c, cell in enumerate(row.cells):
                    # A cell merged across columns is listed once per column: its text once,
                    # the columns it covers empty, as a PDF's table and a copied text show it.
                    same_row = cell._tc is previous
                    previous = cell._tc
                    # A cell merged down the rows is the cell above again: empty here.
                    same_column = above.get(c) is cell._tc
                    above[c] = cell._tc
                    if same_row or same_column:
                        cells.append("")
                        continue
                    cells.append(clean_cell("\n".join(text_of(p) for p in cell._tc.iter(f"{W}p"))))
                table.rows.append(Row(cells, f"ตาราง {tables} แถว {r}"))
            blocks.append(table)
            gap = True
    return Source(blocks, "docx")


# ---------------------------------------------------------------- PDF

_MARK = re.compile(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
_PAGE_NUMBER = re.compile(r"^[-–(]?\s*(?:หน้า\s*|page\s*)?[0-9๐-๙]{1,3}\s*[-–)]?$", re.I)
HYPHEN_AT_BREAK = "\ufffe"
"""What pdfium gives for a hyphen that ends a line: Word's and LibreOffice's line-break hyphen,
or a hyphen of the text (E-Service) at which the line broke."""
_STARTS = re.compile(r"^(?:[0-9๐-๙]{1,2}\s?[.)](?![0-9๐-๙])|\([0-9๐-๙]{1,2}\)|[-•▪●○➢✓]|ประเด็น|แนวทาง)")


@dataclass
class _Glyph:
    text: str
    x0: float
    x1: float
    bold: bool = False


@dataclass
class _Line:
    glyphs: list[_Glyph]
    top: float
    x0: float
    x1: float
    size: float
    text: str = ""
    spaced: bool = False
    """A space was drawn after its last letter: the line broke at a space."""

    @property
    def bold(self) -> bool:
        letters = [g for g in self.glyphs if g.text.strip()]
        return sum(g.bold for g in letters) * 2 > len(letters)

    def first_word_end(self) -> float:
        """Where the line's first word ends: up to a space, or, on a Thai line, the first
        word of the line cut into the fewest words of the dictionary."""
        text = "".join(g.text for g in self.glyphs)
        run = re.match(r"[\u0e01-\u0e4e]+", text)
        length = len(first_word(run.group(0))) if run else len(re.match(r"\S*", text).group(0)) or 1  # type: ignore[union-attr]
        seen = 0
        for glyph in self.glyphs:
            seen += len(glyph.text)
            if seen >= length:
                return glyph.x1
        return self.x1


def first_word(letters: str) -> str:
    """The first word of a run of Thai letters cut into the fewest dictionary words (the
    first 30 letters are enough): a compound of the word list (ปีงบประมาณ) is one word, as a
    layout most often keeps it on one line."""
    words = dictionary_words()
    letters = letters[:30]
    # best[i]: (letters not in a word, words) of the best cut of letters[:i], and its last cut.
    best: list[tuple[int, int, int]] = [(0, 0, 0)] + [(len(letters) + 1, 0, 0)] * len(letters)
    for i in range(len(letters)):
        unknown, count, _ = best[i]
        for size in range(1, min(20, len(letters) - i) + 1):
            known = size > 1 and letters[i : i + size] in words
            if size > 1 and not known:
                continue
            score = (unknown + (0 if known else 1), count + 1, i)
            if score[:2] < best[i + size][:2]:
                best[i + size] = score
    cut = len(letters)
    while best[cut][2] > 0:
        cut = best[cut][2]
    word = letters[:cut] or letters[:1]
    return word


def _attach(line: _Line, mark: str, x0: float, x1: float, size: float) -> None:
    """A Thai mark with the letter it stands over or under: of the line's letters under the
    mark's middle, the one whose right edge is nearest the mark's (a mark is set at its
    letter's right). A layout may draw a mark after letters that follow its own, as
    LibreOffice does with ู under a letter with a tone mark, or ้ after the rest of a word."""
    middle = (x0 + x1) / 2
    under: list[_Glyph] = []
    for glyph in reversed(line.glyphs):
        if glyph.x1 < middle - size * 2:
            break  # the letters further back stand left of the mark
        if glyph.text.strip() and glyph.x0 - size * 0.15 <= middle <= glyph.x1 + size * 0.15:
            under.append(glyph)
    target = min(under, key=lambda g: abs(g.x1 - x1)) if under else line.glyphs[-1]
    target.text += mark


def _lines(chars: list[dict[str, Any]]) -> list[_Line]:
    """The lines of glyphs in drawing order: a new line where a letter leaves the last line's
    baseline or goes back to its left; a Thai mark goes with the letter it stands on; a space
    is told by the gap before a letter, so a space drawn out of its place (as LibreOffice draws
    some) changes nothing."""
    lines: list[_Line] = []
    current: _Line | None = None
    for char in chars:
        text = plain_symbols(char["text"])
        size = float(char["size"])
        top, x0, x1 = float(char["top"]), float(char["x0"]), float(char["x1"])
        if not text.strip() or text in "\u00ad\x02":
            # A space in its place; one drawn back inside the line (LibreOffice draws some
            # after the letters around them), or without width off the baseline (where it may
            # break a Thai line), is no space there.
            if (
                current is not None
                and x0 >= current.x1 - size * 0.3
                and text.strip() == ""
                and x1 - x0 > size * 0.05
                and abs(top - current.top) < size * 0.3
            ):
                current.spaced = True
            continue
        if _MARK.fullmatch(text):
            # A mark goes on the line whose baseline it sits on: the current one, or one read
            # before when the layout draws a line's marks after the next line's letters.
            near = [line for line in (current, *reversed(lines[-3:])) if line is not None and line.glyphs]
            home = next((line for line in near if abs(top - line.top) <= size * 0.6), None)
            if home is not None:
                _attach(home, text, x0, x1, size)
                home.x1 = max(home.x1, x1) if home is current else home.x1
            continue
        if current is not None and (abs(top - current.top) > size * 0.6 or x0 < current.x1 - size * 1.5):
            lines.append(current)
            current = None
        if current is None:
            current = _Line([], top, x0, x1, size)
        elif current.spaced or x0 - current.x1 > size * 0.2:
            current.glyphs.append(_Glyph(" ", current.x1, x0))
        current.spaced = False
        current.glyphs.append(_Glyph(text, x0, x1, bool(char.get("bold"))))
        current.x1 = max(current.x1, x1)
    if current is not None:
        lines.append(current)
    for line in lines:
        line.text = unicodedata.normalize("NFC", "".join(g.text for g in line.glyphs)).strip()
    return [line for line in lines if line.text]


def line_pitch(lines: list[_Line]) -> float:
    """The distance from one line of a paragraph to the next: the shortest distance between
    lines that follow each other, found at least twice (a gap between paragraphs is more)."""
    pitches = [
        round((b.top - a.top) * 2) / 2
        for a, b in itertools.pairwise(lines)
        if a.size * 0.8 < b.top - a.top < a.size * 3
    ]
    repeated = sorted(p for p in set(pitches) if pitches.count(p) >= 2)
    return repeated[0] if repeated else min(pitches, default=0.0)


def _ends_paragraph(line: _Line, below: _Line, right: float) -> bool:
    """Whether a line ends its paragraph although the next follows at the line pitch: the
    next line's first word would have fitted at its end (so the line was not broken for
    want of room), the next line starts a list's entry, or one is bold and the other not (a
    heading over its text)."""
    if _STARTS.match(below.text) or line.bold != below.bold:
        return True
    if line.text.endswith(HYPHEN_AT_BREAK) or _BROKEN_WORD.search(line.text):
        return False
    room = right - line.x1
    # A layout breaks a Thai line where its own dictionary allows, which may keep a few words
    # together: a room of less than three letters' widths says nothing.
    return room > max(below.first_word_end() - below.x0 + line.size * 0.8, line.size * 3)


_BROKEN_WORD = re.compile(r"[A-Za-z0-9]-$")
"""A line that ends in a word's hyphen (E-Service broken after E-): the word goes on."""


def _join_lines(left: str, right: str, spaced: bool = False) -> str:
    if left.endswith(HYPHEN_AT_BREAK):
        return left[:-1] + "-" + right
    if _BROKEN_WORD.search(left) and right[:1].isalpha():
        return left + right
    # Thai letters run on from one line to the next; a number and a word do not.
    numbers = re.search(r"[0-9๐-๙]$", left) or re.match(r"[0-9๐-๙]", right)
    return f"{left} {right}" if spaced or numbers else join(left, right)


@dataclass
class _Piece:
    text: str
    joined: bool
    top: float
    last: _Line
    first: _Line


def _pieces(lines: list[_Line], pitch: float, right: float) -> list[_Piece]:
    """Lines joined into paragraphs: a line at the line pitch below the one before goes on
    with it, unless that one ended its paragraph; each paragraph with whether it follows the
    one before without a gap."""
    out: list[_Piece] = []
    previous: _Line | None = None
    for line in lines:
        step = line.top - previous.top if previous is not None else 0.0
        close = previous is not None and 0 < step <= max(pitch, line.size * 1.05) * 1.12
        if previous is not None and close and out and not _ends_paragraph(previous, line, right):
            piece = out[-1]
            piece.text = _join_lines(piece.text, line.text, previous.spaced)
            piece.last = line
        else:
            out.append(_Piece(line.text, close, line.top, line, line))
        previous = line
    for piece in out:
        piece.text = piece.text.replace(HYPHEN_AT_BREAK, "-")
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
    name, flags = ctypes.create_string_buffer(64), ctypes.c_int()
    for index in range(min(count, len(text))):
        char = text[index]
        if char in "\r\n":
            continue
        left, _, right, _ = textpage.get_charbox(index, loose=True)
        size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index) or 10.0
        # Bold by the font's weight or its name (LibreOffice's bold Thai is "Laksaman-Bold" at 400).
        weight = pdfium_c.FPDFText_GetFontWeight(textpage.raw, index)
        pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, name, 64, ctypes.byref(flags))
        bold = weight >= 600 or b"bold" in name.value.lower()
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
                "bold": bold,
            }
        )
    return chars


FOREIGN = re.compile("[\x00-\x08\u02b0-\u02ff\ufffd\uffff]")
"""A glyph that a broken text layer gives no letter: nothing, or a modifier letter that pdfium
makes of a glyph's bare code."""


@dataclass
class _Cell:
    """A table cell's first and last lines and its right edge, to join a row the page cut."""

    first: _Line | None
    last: _Line | None
    right: float


@dataclass
class _TableOnPage:
    table: Table
    columns: list[float]
    bottom: float
    cells: list[list[_Cell]]


@dataclass
class _PageItems:
    items: list[tuple[float, Block]]
    tables: dict[int, _TableOnPage]
    paragraphs: dict[int, tuple[_Piece, float]]
    height: float


def _columns(found: Any) -> list[float]:
    return sorted({round(float(box[0])) for row in found.rows for box in row.cells if box is not None})


def _read_page(page: Any, plumber_page: Any, number: int, source: Source) -> _PageItems:
    height = page.get_height()
    width = page.get_width()
    chars = _chars(page, height)
    source.glyphs[number] = len(chars)
    unmapped = sum(1 for c in chars if FOREIGN.match(c["text"]))
    if unmapped:
        source.unmapped[number] = unmapped
    found = _tables(plumber_page, _edges(page, height))
    boxes = [t.bbox for t in found]
    outside = _lines([c for c in chars if not any(_inside(c, b) for b in boxes)])
    # Page numbers at the top or the foot of a page are no part of the report's text.
    while outside and _PAGE_NUMBER.match(outside[0].text):
        outside.pop(0)
    while outside and _PAGE_NUMBER.match(outside[-1].text):
        outside.pop()
    left = min((line.x0 for line in outside), default=0.0)
    right = width - left
    reading = _PageItems([], {}, {}, height)
    for piece in _pieces(outside, line_pitch(outside), right):
        para = Para(clean_text(piece.text), f"หน้า {number}", joined=piece.joined)
        reading.items.append((piece.top, para))
        reading.paragraphs[id(para)] = (piece, right)
    cells_read: list[list[list[list[_Line]]]] = []
    for found_table in found:
        table = Table()
        inside_table = [c for c in chars if _inside(c, found_table.bbox)]
        cell_lines: list[list[list[_Line]]] = []
        for row in found_table.rows:
            across = [c for c in inside_table if _inside(c, row.bbox)]
            cell_lines.append(
                [
                    _lines([c for c in across if _inside(c, box)]) if box is not None else []
                    for box in row.cells
                ]
            )
        cells_read.append(cell_lines)
        pitches = [
            round((b.top - a.top) * 2) / 2
            for row_lines in cell_lines
            for lines in row_lines
            for a, b in itertools.pairwise(lines)
        ]
        pitch = min((p for p in pitches if pitches.count(p) >= 2), default=min(pitches, default=0.0))
        geometry: list[list[_Cell]] = []
        for row, row_lines in zip(found_table.rows, cell_lines, strict=True):
            cells: list[str] = []
            row_cells: list[_Cell] = []
            for box, lines in zip(row.cells, row_lines, strict=True):
                if box is None:  # a column a merged cell covers: empty, so the columns line up
                    cells.append("")
                    row_cells.append(_Cell(None, None, 0.0))
                    continue
                pad = min((line.x0 for line in lines), default=float(box[0])) - float(box[0])
                edge = float(box[2]) - pad
                pieces = _pieces(lines, pitch, edge)
                cells.append(clean_cell("\n".join(p.text for p in pieces)))
                row_cells.append(_Cell(lines[0] if lines else None, lines[-1] if lines else None, edge))
            if any(cells):
                table.rows.append(Row(cells, f"หน้า {number}"))
                geometry.append(row_cells)
        if table.rows:
            reading.items.append((float(found_table.bbox[1]), table))
            reading.tables[id(table)] = _TableOnPage(
                table, _columns(found_table), float(found_table.bbox[3]), geometry
            )
    reading.items.sort(key=lambda pair: pair[0])
    # The page's words as read, marks with their letters: what the broken-layer check judges.
    source.texts[number] = "\n".join(
        [line.text for line in outside]
        + [line.text for table in cells_read for row in table for lines in row for line in lines]
    )
    if suspect(source.texts[number]):
        source.second[number] = "".join(str(c.get("text", "")) for c in plumber_page.chars)
    return reading


def _same_columns(a: list[float], b: list[float]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= 2 for x, y in zip(a, b, strict=True))


def _squeezed(row: Row) -> list[str]:
    return [re.sub(r"\s+", "", cell) for cell in row.cells]


def _goes_on(above: Row, below: Row) -> bool:
    """Whether the first row of a table's next page is the rest of the row the page's end
    cut: no cell filled that the row above left empty, and a column the row above filled (a
    short cell: a unit, a period) empty here. A sub-row of its own (an activity with its unit
    and period) fills those."""
    filled_above = [bool(c.strip()) for c in above.cells]
    filled = [bool(c.strip()) for c in below.cells]
    if len(filled) != len(filled_above) or not any(filled):
        return False
    if any(f and not a for f, a in zip(filled, filled_above, strict=True)):
        return False
    return any(a and not f for a, f in zip(filled_above[1:], filled[1:], strict=True))


def _join_pages(pages: list[_PageItems]) -> Iterator[Block]:
    """The pages' blocks in order, a table that runs onto the next page as one table (its
    header rows repeated there left out, a row the page's end cut joined again) and a
    paragraph the page's end cut as one paragraph."""
    previous: _PageItems | None = None
    for reading in pages:
        items = [block for _, block in reading.items]
        if previous is not None and previous.items and items:
            last = previous.items[-1][1]
            first = items[0]
            if isinstance(last, Table) and isinstance(first, Table):
                above, below = previous.tables[id(last)], reading.tables[id(first)]
                if _same_columns(above.columns, below.columns):
                    _continue_table(above, below, previous.height)
                    reading.tables[id(last)] = above
                    items = items[1:]
                    reading.items = [(0.0, last), *reading.items[1:]]
            elif isinstance(last, Para) and isinstance(first, Para) and not first.joined:
                piece, right = previous.paragraphs[id(last)]
                opening, _ = reading.paragraphs[id(first)]
                if not _ends_paragraph(piece.last, opening.first, right):
                    last.text = clean_text(_join_lines(last.text, first.text, piece.last.spaced))
                    last.where = f"{last.where}–{first.where.split()[-1]}"
                    reading.paragraphs[id(last)] = (opening, reading.paragraphs[id(first)][1])
                    items = items[1:]
                    reading.items = [(0.0, last), *reading.items[1:]]
        yield from items
        previous = reading


def _continue_table(above: _TableOnPage, below: _TableOnPage, height: float) -> None:
    rows, cells = below.table.rows, below.cells
    header = 0
    while (
        header < min(3, len(rows), len(above.table.rows))
        and _squeezed(rows[header]) == _squeezed(above.table.rows[header])
        and any(rows[header].cells)
    ):
        header += 1
    rows, cells = rows[header:], cells[header:]
    page = rows[0].where.split()[-1] if rows else ""
    if rows and above.bottom > height * 0.7 and _goes_on(above.table.rows[-1], rows[0]):
        last, last_cells = above.table.rows[-1], above.cells[-1]
        joined = []
        for text, more, cut, rest in zip(last.cells, rows[0].cells, last_cells, cells[0], strict=True):
            if not more.strip():
                joined.append(text)
            elif not text.strip():
                joined.append(more)
            elif (
                cut.last is not None
                and rest.first is not None
                and not _ends_paragraph(cut.last, rest.first, cut.right)
            ):
                head, _, tail = text.rpartition("\n")
                first, _, after = more.partition("\n")
                merged = clean_text(_join_lines(tail, first, cut.last.spaced))
                joined.append("\n".join(p for p in (head, merged, after) if p))
            else:
                joined.append(f"{text}\n{more}")
        above.table.rows[-1] = Row(joined, f"{last.where}–{page}")
        above.cells[-1] = [
            _Cell(a.first, b.last or a.last, a.right) for a, b in zip(last_cells, cells[0], strict=True)
        ]
        rows, cells = rows[1:], cells[1:]
    above.table.rows.extend(rows)
    above.cells.extend(cells)
    above.bottom = below.bottom


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
    pages = []
    with tables_pdf:
        source.pages = len(document)
        for number in range(1, len(document) + 1):
            page = document[number - 1]
            pages.append(_read_page(page, tables_pdf.pages[number - 1], number, source))
            page.close()
    document.close()
    source.blocks = list(_join_pages(pages))
    return source


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
