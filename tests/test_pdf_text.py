"""The PDF text layer's pieces on their own: the grapheme split, and the guard that refuses a
WeasyPrint whose functions are not those the rewrite was written for."""

from __future__ import annotations

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
