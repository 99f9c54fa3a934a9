"""The PDF text layer's pieces on their own: the grapheme split, and the guard that refuses a
WeasyPrint whose functions are not those the rewrite was written for."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
import weasyprint

from site_builder.render import pdf_text
from site_builder.render.pdf_text import UnknownWeasyPrint, _graphemes, _split, check_bound


@pytest.mark.parametrize(
    ("own", "text", "pieces"),
    [
        # each glyph its own character: nothing to cut
        (["ก", "า"], "กา", ["ก", "า"]),
        (["ป", "ั", "้"], "ปั้", ["ป", "ั", "้"]),
        # TLWG draws คู่ as ค ่ ู: the text is cut in drawing order, each glyph one character
        (["ค", "่", "ู"], "คู่", ["ค", "ู", "่"]),
        # SARA AM is two glyphs, NIKHAHIT before the tone mark: NIKHAHIT stands for nothing
        # (it is drawn as a path), SARA AA for the whole ำ
        (["น", "ํ", "้", "า"], "น้ำ", ["น", "", "้", "ำ"]),
        # a glyph the font maps to no character takes what is left
        (["ก", None], "กๅ", ["ก", "ๅ"]),
    ],
)
def test_a_graphemes_text_is_cut_one_piece_per_glyph(
    own: list[str | None], text: str, pieces: list[str]
) -> None:
    assert _split(own, text) == pieces
    assert "".join(pieces) == text


class _Font:
    bitmap = False


def test_glyphs_group_by_cluster_and_a_leading_mark_joins_the_letter_before() -> None:
    font, other = _Font(), _Font()
    glyphs: list[Any] = [(font, 1, "ก"), (font, 2, "้"), (font, 3, ""), (font, 4, "คู่"), (other, 5, "่")]
    assert _graphemes(glyphs) == [([0, 1], "ก้"), ([2, 3], "คู่"), ([4], "่")]


def test_glyphs_left_alone_are_not_grouped() -> None:
    font = _Font()
    assert _graphemes([(font, 1, None), (font, 2, "ข")]) == [([1], "ข")]


def test_the_installed_weasyprint_is_one_the_rewrite_was_written_for() -> None:
    check_bound(pdf_text.replaced_functions(weasyprint), weasyprint.__version__)


def test_a_changed_weasyprint_function_is_refused_loudly() -> None:
    def draw_first_line(stream: Any, textbox: Any) -> None:
        return None

    with pytest.raises(UnknownWeasyPrint, match=r"draw\.text\.draw_first_line"):
        check_bound({"draw.text.draw_first_line": draw_first_line}, "99.0")
    assert pdf_text.source_hash(draw_first_line) not in pdf_text.WRITTEN_FOR["draw.text.draw_first_line"]


class _DrawnFont:
    """What the rewrite needs of a WeasyPrint font: widths, the ToUnicode map, spare codes."""

    bitmap = False
    file_content = b""  # no outlines: glyphs that stand for nothing stay text
    upem = 1000
    glyph_count = 100

    def __init__(self, widths: dict[int, int]) -> None:
        self.widths = dict(widths)
        self.to_unicode: dict[int, str] = {}
        self.missing: dict[Any, int] = {}

    def get_unused_glyph_id(self, key: Any) -> int:
        return self.missing.setdefault(key, self.glyph_count + len(self.missing))


def _pen(chunks: list[bytes], font: _DrawnFont, aliases: dict[int, int]) -> list[tuple[int, float, float]]:
    """Each glyph drawn, with where it starts and where a reader takes it to end (its width)."""
    drawn, x = [], 0.0
    for chunk in chunks:
        if not chunk.endswith(b"TJ"):
            continue
        for part in pdf_text._TJ_PART.finditer(chunk[1:-4]):
            if part.group(1) is None:
                x -= sum(float(n) for n in part.group(0).split())
                continue
            digits = part.group(1)
            for k in range(0, len(digits), 4):
                code = int(digits[k : k + 4], 16)
                drawn.append((aliases.get(code, code), x, x + font.widths[code]))
                x += font.widths[code]
    return drawn


def test_a_mark_moved_back_over_its_letter_leaves_no_gap_a_reader_takes_for_a_space() -> None:
    # ปั้น as WeasyPrint draws it with Sarabun: the tone mark raised and moved back 166.9
    # thousandths over ป, then the pen moved forward 166 again before น.
    font = _DrawnFont({10: 600, 11: 0, 12: 0, 13: 580})
    glyphs: list[Any] = [(font, 10, ""), (font, 11, ""), (font, 12, "ปั้"), (font, 13, "น")]
    drawn = [b"[<000a> 0 <000b>] TJ", b"-0.415 Ts", b"[166.9 <000c>] TJ", b"0 Ts", b"[<> -166 <000d> 0] TJ"]
    fonts: dict[int, pdf_text._FontText] = {}
    line = pdf_text._Line(glyphs, fonts)
    rewritten = line.rewrite(list(drawn), 1000.0)
    aliases = fonts[id(font)].aliases
    before, after = _pen(drawn, font, {}), _pen(rewritten, font, aliases)
    # The same glyphs start where they did: the page looks the same.
    assert [(g, round(x, 1)) for g, x, _ in after] == [(g, round(x, 1)) for g, x, _ in before]
    # Before, the mark ends 166 short of น: a gap as wide as a space. Now it ends at น.
    gaps = [nxt[1] - end for (_, _, end), nxt in itertools.pairwise(after)]
    assert max(gaps) < 2, gaps
    assert before[3][1] - before[2][2] > 160
    # The mark's code reads as its own character, and the line as written.
    mark = next(code for code, glyph in aliases.items() if glyph == 12)
    assert font.to_unicode[mark] == "้" and font.widths[mark] == 167
    assert b"/ActualText <feff0e1b0e310e49>" in b" ".join(rewritten)
