"""Numbered lines in Thai digits stay as they were typed: ๑. ๒) (๓).

Thai reports number their points with Thai digits. Python-Markdown reads a line starting
"๑." as an ordered list (its ``\\d`` matches any digit) and gives the list a Thai ``start``,
which browsers ignore: "๒. ด้าน EIT" came out as "1. ด้าน EIT", the report's own number
lost. Here every run of lines starting with a Thai number (``๑.``, ``๑)`` or ``(๑)``) is a
list whose items carry their number as typed, shown in place of the browser's:
``<div class="oit-typed"><ol><li><span class="oit-typed__n">๒.</span> ด้าน EIT</li></ol></div>``
(in a block of its own, so that an Arabic-numbered list after it does not join it).
A screen reader reads the number with the text; lines before the first number stay a
paragraph, and a line that does not start with a number continues the item above it.
Arabic-numbered lists are Markdown's own and unchanged.

Used for the Markdown of the pages (the plugin adds it to MkDocs' extensions) and of the
YAML fields (:func:`site_builder.render.environment.safe_markdown`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension

MARKER = re.compile(r"^ {0,3}(?P<n>[๐-๙]+[.)]|\([๐-๙]+\))(?:[ \t]+|$)")


def typed_number(line: str) -> tuple[str, str] | None:
    """``("๒.", "ด้าน EIT")`` for a line ``๒. ด้าน EIT``; None for any other line."""
    match = MARKER.match(line)
    return (match.group("n"), line[match.end() :].strip()) if match else None


class _TypedNumbers(BlockProcessor):
    def test(self, parent: etree.Element, block: str) -> bool:
        return any(MARKER.match(line) for line in block.split("\n"))

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        lines = blocks.pop(0).split("\n")
        first = next(i for i, line in enumerate(lines) if MARKER.match(line))
        if first:
            self.parser.parseBlocks(parent, ["\n".join(lines[:first])])
        items = etree.SubElement(etree.SubElement(parent, "div", {"class": "oit-typed"}), "ol")
        number: etree.Element | None = None
        for line in lines[first:]:
            typed = typed_number(line)
            if typed is not None:
                item = etree.SubElement(items, "li")
                number = etree.SubElement(item, "span", {"class": "oit-typed__n"})
                number.text = typed[0]
                number.tail = " " + typed[1]
            elif number is not None:
                number.tail = f"{number.tail}\n{line.strip()}"


class TypedNumbers(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Before Markdown's ordered lists (priority 40), after code blocks and headings.
        md.parser.blockprocessors.register(_TypedNumbers(md.parser), "oit_typed_numbers", 45)


def makeExtension(**kwargs: object) -> TypedNumbers:
    return TypedNumbers(**kwargs)
