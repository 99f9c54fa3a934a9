"""A report as the importer reads it, whatever file it came in: paragraphs and tables in
the report's order, each with the place it was found (line, page or paragraph), so the
review list and the drafts' TODO comments can send the editor back to it.

The plain-text reader is here; DOCX and PDF are read in :mod:`site_builder.importer.formats`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


class Refused(Exception):
    """The report cannot be imported: the message (in Thai, with English) says why and what
    to bring instead. Nothing has been written."""


@dataclass
class Para:
    """One paragraph (or one line of a block of lines, such as a cover or a numbered list)."""

    text: str
    where: str
    """Where it is in the report, in Thai: ``บรรทัด 12``, ``หน้า 3``, ``ย่อหน้า 40``."""
    joined: bool = False
    """It follows the paragraph before without a blank line (a title's second line, the next
    entry of a list)."""


@dataclass
class Row:
    cells: list[str]
    """Each cell's text; the paragraphs or list entries of a cell are separate lines."""
    where: str


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)

    @property
    def where(self) -> str:
        return self.rows[0].where if self.rows else ""


Block = Para | Table


# -------------------------------------------------------------- symbols

SYMBOLS: Mapping[str, str] = MappingProxyType(
    {
        # Symbol's bullet, the one Word's and LibreOffice's bulleted lists draw.
        "\uf0b7": "•",
        # Wingdings, as Word inserts them: check marks, crosses, boxes and bullets.
        "\uf0fc": "✓",
        "\uf0fb": "✗",
        "\uf0fe": "☑",
        "\uf0fd": "☒",
        "\uf06f": "□",
        "\uf0a8": "□",
        "\uf06e": "■",
        "\uf0a7": "▪",
        "\uf071": "❑",
        "\uf076": "❖",
        "\uf0d8": "➢",
        "\uf0e0": "➢",
        "\uf0d9": "➤",
        "\uf0a1": "○",
        "\uf09f": "•",
        "\uf02d": "-",
    }
)
"""Characters of the symbol fonts' private-use codes (U+F020–U+F0FF: Symbol, Wingdings and
OpenSymbol's copies of them) that lists and ticks are made of, as the letters they stand for.
A report's text carries them wherever Word or LibreOffice drew a bullet or a tick."""
_SYMBOL = re.compile("[\uf020-\uf0ff]")


def plain_symbols(text: str) -> str:
    """The symbol fonts' private-use characters as the letters they draw; any other of them
    (a decoration) as nothing."""
    return _SYMBOL.sub(lambda m: SYMBOLS.get(m.group(0), ""), text)


# -------------------------------------------------------------- cell text

_BREAK_TAG = re.compile(r"<\s*(?:/p|br\s*/?|/li|li[^>]*|/ol|/ul|p[^>]*)\s*>", re.I)
_TAG = re.compile(r"<[^>]{0,200}>")
_SPACES = re.compile(r"[ \t\u00a0\u200b]+")


def clean_cell(text: str) -> str:
    """A cell's text without HTML markup: paragraphs and list entries on lines of their own,
    runs of spaces as one."""
    text = _BREAK_TAG.sub("\n", plain_symbols(text))
    text = html.unescape(_TAG.sub(" ", text))
    text = text.replace("**", "")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


_LIST_BULLET = re.compile(r"^\s*[•▪➢❖◦]\s*")


def clean_text(text: str) -> str:
    """A paragraph's text on one line: bold marks, line breaks and runs of spaces gone; a
    list's bullet (Word's •, ▪, ➢) as Markdown's ``-``."""
    text = html.unescape(_TAG.sub(" ", plain_symbols(text))).replace("**", "")
    text = _SPACES.sub(" ", re.sub(r"[\r\n\x0b\x0c\x85\u2028\u2029]+", " ", text)).strip()
    return _LIST_BULLET.sub("- ", text)


# -------------------------------------------------------------- plain text

_RULE = re.compile(r"^[\s\-|:=_—–]*$")
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-*:?\s*)*\|?\s*$")


def _pipe_cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [clean_cell(cell) for cell in inner.split("|")]


def read_text(text: str) -> list[Block]:
    """Blocks of a report's text copied out of Word or a PDF: a line with tabs, or a line of
    Markdown pipes, is a table's row (a table's rows stand on consecutive lines); other lines
    are paragraphs."""
    blocks: list[Block] = []
    table: Table | None = None
    gap = True
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace("\ufeff", "")
        where = f"บรรทัด {number}"
        if not line.strip():
            table = None
            gap = True
            continue
        is_pipe = line.lstrip().startswith("|") and line.count("|") >= 3
        if is_pipe and _PIPE_RULE.match(line):
            continue
        # Tabs between cells (leading tabs: the first cells are empty; a trailing one alone
        # is no table).
        tabbed = len(line.rstrip().split("\t")) >= 2
        if tabbed or is_pipe:
            cells = _pipe_cells(line) if is_pipe else [clean_cell(cell) for cell in line.split("\t")]
            if all(_RULE.match(cell) for cell in cells):
                continue
            if table is None:
                table = Table()
                blocks.append(table)
            table.rows.append(Row(cells, where))
            gap = False
            continue
        table = None
        if _RULE.match(line):
            continue
        para = clean_text(line)
        if para:
            blocks.append(Para(para, where, joined=not gap))
            gap = False
    return blocks


def plain_text(blocks: list[Block]) -> str:
    """All the text of the blocks, for the checks that look at a whole report."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Para):
            parts.append(block.text)
        else:
            parts.extend(cell for row in block.rows for cell in row.cells)
    return "\n".join(parts)
