"""The text layer of a WeasyPrint PDF: what is copied, searched or extracted from it is the
text it was made from.

A PDF keeps text as glyph codes; a reader turns each code back into characters through the
font's ToUnicode map. WeasyPrint writes the glyph's number as its code and keeps one entry
per glyph, taken from the first place the glyph was drawn. Thai breaks that in three ways:

* a cluster of glyphs maps its whole text to one glyph and nothing to the others, so a glyph
  first seen inside a cluster brings that text, or nothing, wherever it is drawn later
  (สายรุ้ง came back as สายร้้ง);
* SARA AM is drawn, by every shaping engine, as two glyphs (NIKHAHIT, SARA AA), NIKHAHIT in
  front of a tone mark (น้ำ is drawn น ํ ้ า): more glyphs than characters;
* the TLWG fonts draw some stacked marks in the other order (คู่ is drawn ค ่ ู), with a glyph
  of their own for the lowered tone mark.

After WeasyPrint draws a line, the line is rewritten here:

* the glyphs are grouped by grapheme (a letter with its marks) and each group's text is cut
  into one piece per glyph, in drawing order, each glyph its own character where it can be;
* a glyph that stands for other text than its own character gets a code of its own: a code
  above the font's glyphs, whose CIDToGIDMap entry leads to the same glyph and whose
  ToUnicode entry is that text;
* a glyph that stands for no text at all (the NIKHAHIT of SARA AM) is drawn as a path, not
  as text: a reader that gives every code at least one character (pdf.js, MuPDF) would
  otherwise add one;
* each grapheme of more than one glyph is marked with its text as /ActualText, for readers
  that order characters by position (poppler) and so would put a mark after the next letter.

The page looks the same; every common reader gives back the text as written.

All of this would go if WeasyPrint's text drawing (``draw/text.py``, ``draw_first_line``)
wrapped each shaper cluster of more than one glyph, or whose glyphs are not its own
characters, in ``/ActualText`` with the cluster's text, as Chromium's PDF output does;
readers then take the text from there. Until it does, the functions replaced here are
checked at entry against the sources they were written for (:data:`WRITTEN_FOR`).
"""

from __future__ import annotations

import hashlib
import inspect
import io
import logging
import re
import unicodedata
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from types import MappingProxyType
from typing import Any

from fontTools.pens.basePen import BasePen

_VARIANT_NAME = re.compile(r"^uni([0-9A-F]{4})\.\w+$")
_TJ_PART = re.compile(rb"<([0-9a-f]*)>|[^<>]+")
_ALIAS = "oit-text"  # key of a code in WeasyPrint's table of codes above the font's glyphs

Glyph = tuple[Any, int, "str | None"]  # font, glyph number, text of its shaper cluster (None: leave it)


log = logging.getLogger("mkdocs.plugins.oit")

# The WeasyPrint functions replaced while a PDF is written, and the hashes of their source
# in the versions this module was written and tested for (68.0, 69.0, 70.0).
WRITTEN_FOR: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "draw.text.draw_first_line": frozenset({"e26d6c0f4433b8d2", "1bb8eae6d88e71b1"}),
        "pdf.build_fonts_dictionary": frozenset({"fc551bef35d0d6c3"}),
        "svg.text": frozenset({"833484200dd33866", "795555941525055c", "67a30c3e181b4a80"}),
    }
)


class UnknownWeasyPrint(Exception):
    """WeasyPrint's functions are not those this module rewrites: the text layer cannot be made."""


def source_hash(function: Any) -> str:
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]


def replaced_functions(weasyprint: Any) -> dict[str, Any]:
    """The WeasyPrint functions this module replaces, by the names of :data:`WRITTEN_FOR`."""
    from weasyprint import svg as svg_module
    from weasyprint.draw import text as draw_text

    return {
        "draw.text.draw_first_line": draw_text.draw_first_line,
        "pdf.build_fonts_dictionary": weasyprint.pdf.build_fonts_dictionary,
        "svg.text": svg_module.text,
    }


def check_bound(functions: dict[str, Any], version: str) -> None:
    """Raise :class:`UnknownWeasyPrint` naming each function whose source is not one this
    module was written for."""
    changed = [name for name, function in functions.items() if source_hash(function) not in WRITTEN_FOR[name]]
    if changed:
        raise UnknownWeasyPrint(
            f"WeasyPrint {version}: {', '.join(changed)} differ from the versions the PDF text layer "
            "was written for (68–70)"
        )


class _Mismatch(Exception):
    """The drawn line is not what the layout says was drawn: leave the line as it is."""


class _FontText:
    """One font's glyphs: the character each draws, the codes given to glyphs that stand
    for other text, and the outlines of glyphs drawn as paths."""

    def __init__(self, font: Any) -> None:
        self.font = font
        self.ttfont = None
        self.own: dict[int, str] = {}
        if not font.bitmap:
            from fontTools.ttLib import TTFont

            try:
                self.ttfont = TTFont(io.BytesIO(font.file_content), fontNumber=font.index, lazy=True)
                self.own = _own_characters(self.ttfont)
            except Exception:  # a font fontTools cannot read: glyphs keep WeasyPrint's text
                self.ttfont = None
        self.plain: dict[int, str] = {}  # glyph → the text its own code stands for
        self.aliases: dict[int, int] = {}  # code → glyph
        self.outlines: dict[int, bytes] = {}

    def code(self, glyph: int, text: str, advance: int = 0) -> int:
        """The code that draws ``glyph`` and reads as ``text``; with ``advance``, a code whose
        width is that (in thousandths of the font size) instead of the glyph's."""
        plain = self.plain.setdefault(glyph, self.own.get(glyph, text))
        self.font.to_unicode[glyph] = plain
        if text == plain and not advance:
            return glyph
        code = int(self.font.get_unused_glyph_id((_ALIAS, glyph, text, advance)))
        if code not in self.aliases:
            self.aliases[code] = glyph
            self.font.to_unicode[code] = text
            self.font.widths[code] = advance or self.font.widths[glyph]
        return code

    def outline(self, glyph: int) -> bytes | None:
        """The glyph's outline as PDF path operators, in font units."""
        if self.ttfont is None:
            return None
        if glyph not in self.outlines:
            try:
                glyph_set = self.ttfont.getGlyphSet()
                pen = _PathPen(glyph_set)
                glyph_set[self.ttfont.getGlyphOrder()[glyph]].draw(pen)
            except Exception:  # an outline fontTools cannot read: the glyph stays text
                return None
            self.outlines[glyph] = " ".join(pen.ops).encode()
        return self.outlines[glyph]


class _PathPen(BasePen):  # type: ignore[misc]
    """A glyph outline as PDF path operators (quadratic curves made cubic)."""

    def __init__(self, glyph_set: Any) -> None:
        super().__init__(glyph_set)
        self.ops: list[str] = []

    def _moveTo(self, p: tuple[float, float]) -> None:
        self.ops.append(f"{p[0]:g} {p[1]:g} m")

    def _lineTo(self, p: tuple[float, float]) -> None:
        self.ops.append(f"{p[0]:g} {p[1]:g} l")

    def _curveToOne(self, p1: Any, p2: Any, p3: Any) -> None:
        self.ops.append(" ".join(f"{v:g}" for v in (*p1, *p2, *p3)) + " c")

    def _closePath(self) -> None:
        self.ops.append("h")


def _own_characters(ttfont: Any) -> dict[int, str]:
    """The character each glyph draws, from the font's cmap; a positional variant of a mark
    (``uni0E49.low``) draws the character it is named after."""
    own: dict[int, str] = {}
    for codepoint, name in sorted((ttfont.getBestCmap() or {}).items()):
        own.setdefault(ttfont.getGlyphID(name), chr(codepoint))
    for glyph, name in enumerate(ttfont.getGlyphOrder()):
        match = _VARIANT_NAME.match(name)
        if match:
            character = chr(int(match.group(1), 16))
            if glyph not in own or not own[glyph].isprintable():  # a private-use code point
                own[glyph] = character
    return own


def _split(own: list[str | None], text: str) -> list[str]:
    """Cut ``text`` into one piece per glyph, in order: as many glyphs as can be their own
    character, then as few as can be without any; the pieces joined are ``text``."""
    if "".join(o or "\0" for o in own) == text:  # each glyph its own character: most of them
        return own  # type: ignore[return-value]
    n, size = len(own), len(text)
    worst = 2 * n + 1
    best = [[worst] * (size + 1) for _ in range(n + 1)]  # glyphs i.. drawing text[p:]
    cut = [[0] * (size + 1) for _ in range(n + 1)]
    best[n][size] = 0
    for i in range(n - 1, -1, -1):
        for p in range(size + 1):
            for q in range(p, size + 1):
                piece = text[p:q]
                cost = (0 if piece == own[i] else 1 if piece else 2) + best[i + 1][q]
                if cost < best[i][p]:
                    best[i][p], cut[i][p] = cost, q
    pieces, p = [], 0
    for i in range(n):
        pieces.append(text[p : cut[i][p]])
        p = cut[i][p]
    return pieces


def _drawn_glyphs(stream: Any, textbox: Any, ffi: Any, pango: Any) -> list[Glyph]:
    """The glyphs of the line just drawn, in the order they were written, each with the text
    of its shaper cluster as WeasyPrint reads it (the whole text on the cluster's last glyph,
    none on the others); None where the text is not to be touched (right-to-left runs,
    glyphs missing from the font)."""
    first_line, _ = textbox.pango_layout.get_first_line()
    utf8 = textbox.pango_layout.text.encode()
    glyphs: list[Glyph] = []
    run = first_line.runs[0]
    while run != ffi.NULL:
        glyph_item = run.data
        run = run.next
        glyph_string = glyph_item.glyphs
        count = glyph_string.num_glyphs
        clusters = glyph_string.log_clusters
        font, _ = stream.add_font(glyph_item.item.analysis.font)
        start, length = glyph_item.item.offset, glyph_item.item.length
        left_to_right = glyph_item.item.analysis.level % 2 == 0
        for i, info in enumerate(glyph_string.glyphs[0:count]):
            glyph = info.glyph
            if glyph == pango.PANGO_GLYPH_EMPTY:
                continue
            if glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG:
                glyphs.append((font, font.get_unused_glyph_id(glyph - pango.PANGO_GLYPH_UNKNOWN_FLAG), None))
                continue
            end = length if i == count - 1 else clusters[i + 1]
            text = utf8[start + clusters[i] : start + end].decode() if left_to_right else None
            glyphs.append((font, glyph, text))
    return glyphs


def _graphemes(glyphs: list[Glyph]) -> list[tuple[list[int], str]]:
    """The glyphs grouped by what a reader takes as one character: the shaper's clusters,
    a cluster that starts with a combining mark joined to the one before (same font)."""
    groups: list[tuple[list[int], str]] = []
    members: list[int] = []
    joinable = False
    for index, (font, _, text) in enumerate(glyphs):
        if text is None or font.bitmap or (members and glyphs[members[0]][0] is not font):
            members, joinable = [], False
            if text is None or font.bitmap:
                continue
        members.append(index)
        if text == "":
            continue
        if joinable and unicodedata.category(text[0]).startswith("M") and glyphs[groups[-1][0][0]][0] is font:
            previous, before = groups.pop()
            groups.append((previous + members, before + text))
        else:
            groups.append((members, text))
        members, joinable = [], True
    return groups


class _Line:
    """How one drawn line is to be rewritten: a code for each glyph, the glyphs drawn as
    paths, the graphemes marked with /ActualText.

    A mark the shaper moves back over its letter (x offset) with no width of its own is
    drawn by WeasyPrint as: move back, the mark, move forward again. Readers that find the
    gaps between glyphs from their widths (pypdf, pdfminer, poppler) then see a gap after
    the mark as wide as the move, and take it for a space (ปั้ นดินเผา). Such a mark is given a
    code as wide as the move back, and the move forward is taken off: the same drawing with
    no gap."""

    def __init__(self, glyphs: list[Glyph], fonts: dict[int, _FontText]) -> None:
        self.glyphs = glyphs
        self.codes = [glyph for _, glyph, _ in glyphs]
        self.pieces: dict[int, tuple[_FontText, str]] = {}  # glyph index → its font, its text
        self.silent: dict[int, _FontText] = {}  # glyph index → its font, for the outline
        self.spans: dict[int, tuple[int, str]] = {}  # first glyph → (last glyph, text)
        for members, text in _graphemes(glyphs):
            font = glyphs[members[0]][0]
            state = fonts.get(id(font))
            if state is None:
                state = fonts[id(font)] = _FontText(font)
            pieces = _split([state.own.get(glyphs[i][1]) for i in members], text)
            for i, piece in zip(members, pieces, strict=True):
                if piece == "" and state.outline(glyphs[i][1]) is not None:
                    self.silent[i] = state
                else:
                    self.codes[i] = state.code(glyphs[i][1], piece)
                    self.pieces[i] = (state, piece)
            shown = [i for i in members if i not in self.silent]
            if len(shown) > 1:
                self.spans[shown[0]] = (shown[-1], text)
        self.recoded = {i for i, code in enumerate(self.codes) if code != glyphs[i][1]}

    @property
    def changed(self) -> bool:
        return bool(self.silent or self.spans or self.recoded)

    def rewrite(self, chunks: list[Any], font_size: float) -> list[Any]:
        """The line's drawing operators with codes replaced, graphemes marked, and glyphs
        that stand for no text taken out of the text and drawn as paths where they stood."""
        glyphs, closes = self.glyphs, {last for last, _ in self.spans.values()}
        special = self.silent.keys() | self.spans.keys() | closes | self.recoded
        matrix, rise, x = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0.0, 0.0
        out: list[Any] = []
        paths: list[bytes] = []
        array: list[bytes] = []  # the TJ array being written: codes and spacing
        position = 0
        owed = 0  # the width given to marks moved back, still to be taken off the next move

        def show() -> None:
            if array:
                out.append(b"[" + b" ".join(array) + b"] TJ")
                array.clear()

        def move(number: float) -> None:
            """Spacing, with what is owed taken off; ``move(0)`` before a glyph puts the pen
            back where WeasyPrint had it."""
            nonlocal owed
            number, owed = number + owed, 0
            if number:
                array.append(f"{number:g}".encode())

        for chunk in chunks:
            if not isinstance(chunk, bytes):
                raise _Mismatch
            if not (chunk.startswith(b"[") and chunk.endswith(b"] TJ")):
                show()
                out.append(chunk)
                words = chunk.split()
                if words[-1] in (b"Tm", b"Td", b"TD", b"T*"):  # the pen is placed anew
                    owed = 0
                if words[-1] == b"Tm":
                    matrix, x = tuple(float(w) for w in words[-7:-1]), 0.0  # type: ignore[assignment]
                elif words[-1] == b"Tf":
                    font_size = float(words[-2])
                elif words[-1] == b"Ts":
                    rise = float(words[-2])
                continue
            for match in _TJ_PART.finditer(chunk[1:-4]):
                if match.group(1) is None:  # spacing, in thousandths of the font size
                    for number in match.group(0).split():
                        move(float(number))
                        x -= float(number) / 1000 * font_size
                    continue
                digits = match.group(1)
                font = glyphs[position][0] if position < len(glyphs) else None
                width = 2 if font is None or font.bitmap else 4
                count = len(digits) // width
                run = range(position, position + count)
                if position + count <= len(glyphs) and not any(i in special for i in run):
                    if digits != b"".join(f"{glyphs[i][1]:0{width}x}".encode() for i in run):
                        raise _Mismatch
                    if digits:
                        move(0)
                    array.append(b"<" + digits + b">")  # nothing to change in this run
                    if self.silent:
                        x += sum(glyphs[i][0].widths.get(glyphs[i][1], 0) for i in run) / 1000 * font_size
                    position += count
                    continue
                while digits:
                    if position >= len(glyphs):
                        raise _Mismatch
                    font, glyph, _ = glyphs[position]
                    if int(digits[:width], 16) != glyph:
                        raise _Mismatch
                    advance = font.widths.get(glyph, 0)
                    if position in self.silent:
                        path = self._path(position, matrix, font_size, x, rise)
                        if path:
                            paths.append(path)
                        if advance:
                            move(-advance)
                    else:
                        code = self.codes[position]
                        back = float(array[-1]) if array and not array[-1].startswith(b"<") else 0.0
                        move(0)
                        if not advance and round(back) > 0 and position in self.pieces:
                            state, piece = self.pieces[position]
                            code = state.code(glyph, piece, round(back))
                            owed = round(back)
                        if position in self.spans:
                            show()
                            actual = _utf16(self.spans[position][1])
                            out.append(b"/Span <</ActualText <" + actual + b">>> BDC")
                        array.append(b"<" + f"{code:0{width}x}".encode() + b">")
                        if position in closes:
                            show()
                            out.append(b"EMC")
                    x += advance / 1000 * font_size
                    digits = digits[width:]
                    position += 1
            show()
        if position != len(glyphs):
            raise _Mismatch
        if owed:  # the line ends with a mark: its width taken back after it
            move(0)
            show()
        if paths:  # outside the text object: a path may not be drawn inside one
            out += [b"ET", *paths, b"BT"]
        return out

    def _path(self, position: int, matrix: tuple[float, ...], size: float, x: float, rise: float) -> bytes:
        state = self.silent[position]
        scale = size / state.font.upem
        a, b, c, d, e, f = matrix
        cm = (scale * a, scale * b, scale * c, scale * d, a * x + c * rise + e, b * x + d * rise + f)
        outline = state.outline(self.glyphs[position][1])
        if not outline:  # a glyph with no outline (a space) draws nothing
            return b""
        return b"q " + " ".join(f"{v:.6g}" for v in cm).encode() + b" cm " + outline + b" f Q"


def _utf16(text: str) -> bytes:
    return ("feff" + text.encode("utf-16-be").hex()).encode()


class _Whole(str):
    """An SVG text's characters taken as one: WeasyPrint lays out SVG text letter by letter
    (for per-letter positions), which leaves Thai marks without their letter (drawn on a
    dotted circle)."""

    def __iter__(self) -> Iterator[str]:
        yield str(self)


def _one_position(node: Any) -> bool:
    """Whether the SVG text is placed as a whole: at most one x, y, dx, dy and rotate, no
    letter-spacing, no textLength."""
    if node.get("letter-spacing") or node.get("textLength"):
        return False
    return all(
        len(str(node.attrib.get(name, "")).replace(",", " ").split()) <= 1
        for name in ("x", "y", "dx", "dy", "rotate")
    )


@contextmanager
def thai_text(weasyprint: Any) -> Iterator[None]:
    """While WeasyPrint writes a PDF: SVG text placed as a whole is laid out as a whole, and
    each drawn line is rewritten so its text reads back as written (see the module's note).
    Bound to WeasyPrint's SVG text (``svg.text.text``), its drawing of a text line
    (``draw.text.draw_first_line``) and of fonts (``pdf.build_fonts_dictionary``) as of
    versions 68–70, checked on entry (:func:`check_bound`)."""
    import pydyf
    from weasyprint import svg as svg_module
    from weasyprint.draw import text as draw_text
    from weasyprint.text.ffi import ffi, pango

    pdf_module = weasyprint.pdf
    original_draw = draw_text.draw_first_line
    original_fonts = pdf_module.build_fonts_dictionary
    original_svg_text = svg_module.text
    check_bound(replaced_functions(weasyprint), weasyprint.__version__)
    fonts: dict[int, _FontText] = {}

    def svg_text(svg, node, font_size):  # type: ignore[no-untyped-def]
        element = node._etree_node
        written = element.text
        if written and _one_position(node):
            element.text = _Whole(written)
        try:
            return original_svg_text(svg, node, font_size)
        finally:
            element.text = written

    def draw_first_line(stream, textbox, *args, **kwargs):  # type: ignore[no-untyped-def]
        start = len(stream.stream)
        current = getattr(stream, "_current_font", None)
        emojis = original_draw(stream, textbox, *args, **kwargs)
        line = _Line(_drawn_glyphs(stream, textbox, ffi, pango), fonts)
        if line.changed:
            try:
                stream.stream[start:] = line.rewrite(stream.stream[start:], current[1] if current else 0.0)
            except (_Mismatch, ValueError, IndexError) as exc:  # a line not as expected stays as drawn
                log.info(
                    "PDF: บรรทัดนี้คงไว้ตามที่ WeasyPrint วาด (a line left as drawn, %s): %s",
                    type(exc).__name__,
                    textbox.pango_layout.text,
                )
        return emojis

    def build_fonts_dictionary(pdf, document_fonts, *args, **kwargs):  # type: ignore[no-untyped-def]
        for font in document_fonts.values():
            # The extra codes are not missing glyphs: WeasyPrint would draw them as .notdef.
            for key in [k for k in font.missing if isinstance(k, tuple) and k[0] == _ALIAS]:
                del font.missing[key]
        pdf_fonts = original_fonts(pdf, document_fonts, *args, **kwargs)
        compress = args[0] if args else kwargs.get("compress", True)
        for font in document_fonts.values():
            state = fonts.get(id(font))
            if state is None or not state.aliases or font.hash not in pdf_fonts:
                continue
            glyph_map = bytearray()
            for cid in range(max(state.aliases) + 1):
                glyph = state.aliases.get(cid, cid if cid < font.glyph_count else 0)
                glyph_map += glyph.to_bytes(2, "big")
            stream = pydyf.Stream([bytes(glyph_map)], compress=compress)
            pdf.add_object(stream)
            font_dictionary = _object(pdf, pdf_fonts[font.hash])
            _object(pdf, font_dictionary["DescendantFonts"][0])["CIDToGIDMap"] = stream.reference
        return pdf_fonts

    tags = [tag for tag, function in svg_module.TAGS.items() if function is original_svg_text]
    svg_module.text = svg_text  # compared with TAGS' entries to place text-anchor
    svg_module.TAGS.update(dict.fromkeys(tags, svg_text))
    draw_text.draw_first_line = draw_first_line
    pdf_module.build_fonts_dictionary = build_fonts_dictionary
    try:
        yield
    finally:
        svg_module.text = original_svg_text
        svg_module.TAGS.update(dict.fromkeys(tags, original_svg_text))
        draw_text.draw_first_line = original_draw
        pdf_module.build_fonts_dictionary = original_fonts


def _object(pdf: Any, reference: bytes | str) -> Any:
    number = int((reference.decode() if isinstance(reference, bytes) else reference).split()[0])
    return pdf.objects[number]
