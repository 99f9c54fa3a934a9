"""Points numbered and bulleted as the report types them: ๑. ๑) (๑) ๑.๑ 1.1 ▪ •.

Thai reports number their points with Thai digits, often without a space after the
number ("๑.สำนักปลัด") and in two levels ("๑.๑ ด้านบุคลากร", "1.1 งานธุรการ"), and bullet
them with ▪ or •. Python-Markdown reads a line starting "๑." as an ordered list (its
``\\d`` matches any digit) and gives it a Thai ``start``, which browsers ignore: "๒. ด้าน
EIT" came out as "1. ด้าน EIT", the report's own number lost; "๑.สำนักปลัด" and "▪ งาน"
were one paragraph. Here every run of lines starting with such a number is a list whose
items carry their number as typed, shown in place of the browser's:
``<div class="oit-typed"><ol><li><span class="oit-typed__n">๒.</span> ด้าน EIT</li></ol></div>``
(in a block of its own, so that an Arabic-numbered list after it does not join it), and
every run of bulleted lines a list of bullets (``<ul>``). A screen reader reads the number
with the text; lines before the first point stay a paragraph, and a line that does not
start with a number or a bullet continues the point above it. Arabic-numbered lists of
one level (``1.``) and ``-`` ``*`` lists are Markdown's own and unchanged.

Used for the Markdown of the pages (the plugin adds it to MkDocs' extensions), of the YAML
fields (:func:`site_builder.render.environment.safe_markdown`) and of the table cells
(:func:`site_builder.render.environment.text_cell`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension

_THAI = r"[๐-๙]{1,3}"
_ARABIC = r"[0-9]{1,2}"
# ๑.๑ before ๑.: the longer number first. Arabic only in two or more levels: 1. is Markdown's.
_NUMBER = rf"\({_THAI}\)|{_THAI}\)|{_THAI}(?:\.{_THAI})+\.?|{_THAI}\.|{_ARABIC}(?:\.{_ARABIC})+\.?"
# After the number a space, the end of the line, or the text itself ("๑.สำนักปลัด"); never
# another digit, dot or bracket (a date 25.12.2567, an amount ๑.๕๐๐).
MARKER = re.compile(rf"^ {{0,3}}(?P<n>{_NUMBER})(?:[ \t]+|$|(?=[^\s0-9๐-๙.)]))")
# Bullets a report types; "-" and "*" only in table cells, where Markdown does not read.
BULLETS = "•▪▫●○◦■□➢➤►▸‣⁃✓✔❖"
BULLET = re.compile(rf"^ {{0,3}}[{BULLETS}][ \t]*(?=\S)")
CELL_BULLET = re.compile(rf"^ {{0,3}}(?:[{BULLETS}][ \t]*|[-*][ \t]+)(?=\S)")


def typed_number(line: str) -> tuple[str, str] | None:
    """``("๒.", "ด้าน EIT")`` for a line ``๒. ด้าน EIT`` or ``๒.ด้าน EIT``; None for any other line."""
    match = MARKER.match(line)
    return (match.group("n"), line[match.end() :].strip()) if match else None


def bulleted(line: str, cell: bool = False) -> str | None:
    """The text of a bulleted line (``▪ งานธุรการ`` → ``งานธุรการ``); None for any other line.
    ``cell``: a table cell's entry, where ``- `` and ``* `` are bullets too."""
    match = (CELL_BULLET if cell else BULLET).match(line)
    return line[match.end() :].strip() if match else None


class _TypedPoints(BlockProcessor):
    def test(self, parent: etree.Element, block: str) -> bool:
        return any(MARKER.match(line) or BULLET.match(line) for line in block.split("\n"))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        lines = blocks.pop(0).split("\n")
        first = next(i for i, line in enumerate(lines) if MARKER.match(line) or BULLET.match(line))
        if first:
            self.parser.parseBlocks(parent, ["\n".join(lines[:first])])
        points: etree.Element | None = None
        kind = ""
        last: etree.Element | None = None
        for line in lines[first:]:
            typed, bullet = typed_number(line), bulleted(line)
            if typed is None and bullet is None:
                if last is not None:  # continues the point above
                    if len(last):
                        last[-1].tail = f"{last[-1].tail}\n{line.strip()}"
                    else:
                        last.text = f"{last.text}\n{line.strip()}"
                continue
            wanted = "typed" if typed is not None else "bullet"
            if points is None or kind != wanted:
                if wanted == "typed":
                    points = etree.SubElement(etree.SubElement(parent, "div", {"class": "oit-typed"}), "ol")
                else:
                    points = etree.SubElement(parent, "ul")
                kind = wanted
            last = etree.SubElement(points, "li")
            if typed is not None:
                number = etree.SubElement(last, "span", {"class": "oit-typed__n"})
                number.text = typed[0]
                number.tail = " " + typed[1]
            else:
                last.text = bullet


class TypedNumbers(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Before Markdown's ordered lists (priority 40), after code blocks and headings.
        md.parser.blockprocessors.register(_TypedPoints(md.parser), "oit_typed_numbers", 45)


def makeExtension(**kwargs: object) -> TypedNumbers:
    return TypedNumbers(**kwargs)
