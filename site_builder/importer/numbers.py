"""Every number of a report, and where it went: the importer's ledger.

A report's numbers are found before anything is recognised: a score as the ITA prints one
(two decimals: ``95.07``, ``๑๐๐.๐๐``), any number a label calls a score (``100 คะแนน``, a
cell of a column headed คะแนน), and a rank with the count it is out of (``ลำดับที่ 12 จาก
120``). Each recogniser that puts a number at a key takes it from the ledger; one whose words
say it is no result of the report's year (last year's, a weight, a difference, a threshold)
is set aside with that reason. What is left was not placed: the review list names each with
its line or page and the words around it, so that over any report the numbers read are the
numbers placed and the numbers listed.

Not counted as numbers: the full mark (``คะแนนเต็ม 100``), years, dates, times, money, list
and section numbers (``๑.``, ``2.1``), question and item codes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from site_builder.importer.blocks import Block, Para
from site_builder.thai import to_arabic_digits

D = "[0-9๐-๙]"
_SCORE = re.compile(rf"(?<![0-9๐-๙.,/:])({D}{{1,3}}\.{D}{{2}})(?![0-9๐-๙]|\.{D})")
_LABELLED = re.compile(rf"(?<![0-9๐-๙.,/:])({D}{{1,3}}(?:\.{D})?)(?![0-9๐-๙]|\.{D})\s*คะแนน(?!เต็ม)")
_FULL_MARK = re.compile(rf"(?:คะแนนเต็ม|เต็ม)\s*(?:{D}{{1,3}}(?:\.{D}{{1,2}})?)\s*(?:คะแนน)?\s*$")
_NOT_SCORE_AFTER = re.compile(r"^\s*(?:น\.|นาฬิกา|บาท|ล้าน|กิโล|เมตร|ราย|คน|ครั้ง|เรื่อง|แห่ง|ชั่วโมง)")
_RANK = re.compile(rf"(?:ลำดับ|อันดับ)\s*ที่\s*({D}{{1,2}}(?:,{D}{{3}})+|{D}{{1,5}})")
_OUT_OF = re.compile(
    rf"^(.{{0,60}}?)(?:จาก(?:ทั้งหมด|จำนวน)?|ทั้งหมด)\s*({D}{{1,2}}(?:,{D}{{3}})+|{D}{{1,5}})\s*(?:แห่ง|หน่วยงาน|อปท)"
)
_WHOLE_NUMBER = re.compile(rf"^\s*({D}{{1,3}}(?:\.{D}{{1,2}})?)\s*$")


def value(printed: str) -> float:
    return float(to_arabic_digits(printed).replace(",", ""))


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    printed: str
    kind: str
    """``score``, ``rank`` (a position) or ``count`` (what a rank is out of)."""


def figures(text: str) -> list[Found]:
    """The numbers of a paragraph or a cell that count: scores, labelled scores, ranks."""
    found: dict[int, Found] = {}
    for match in _SCORE.finditer(text):
        if value(match.group(1)) > 100 or _NOT_SCORE_AFTER.match(text[match.end() :]):
            continue
        if _FULL_MARK.search(text[: match.end()]):
            continue
        if (
            match.start() == 0
            and re.match(r"\s+(?!(?:ค่า)?คะแนน)\S", text[match.end() :])
            and value(match.group(1)) < 20
        ):
            continue  # a section's number: 1.10 ข้อจำกัด
        found[match.start(1)] = Found(match.start(1), match.end(1), match.group(1), "score")
    for match in _LABELLED.finditer(text):
        if match.start(1) in found or value(match.group(1)) > 100 or _FULL_MARK.search(text[: match.end(1)]):
            continue
        if re.search(r"ที่\s*$", text[: match.start(1)]):
            continue  # an ordinal: ตารางที่ ๒ คะแนนรายตัวชี้วัด
        found[match.start(1)] = Found(match.start(1), match.end(1), match.group(1), "score")
    for match in _RANK.finditer(text):
        found[match.start(1)] = Found(match.start(1), match.end(1), match.group(1), "rank")
        count = _OUT_OF.match(text[match.end() :])
        if count:
            start = match.end() + count.start(2)
            found[start] = Found(start, match.end() + count.end(2), count.group(2), "count")
    return [found[k] for k in sorted(found)]


def cell_figure(text: str) -> str | None:
    """A cell that holds a number alone: the number."""
    match = _WHOLE_NUMBER.match(text)
    return match.group(1) if match and value(match.group(1)) <= 100 else None


Unit = tuple[int, int]
"""(block, row): a paragraph is its block with row -1; a table's row is the table's block
and the row's index."""


@dataclass(eq=False)
class Figure:
    printed: str
    where: str
    unit: Unit
    column: int
    """The cell's column, -1 in a paragraph."""
    kind: str
    words: str
    """The words around it, as the review list quotes them."""
    part: str | None = None
    path: tuple[Any, ...] | None = None
    """Where it was placed: the draft's part and the key's path."""
    reason: str | None = None
    """Why it was set aside (its words say it is no result of the year), or why a check took
    it out again."""

    @property
    def placed(self) -> bool:
        return self.path is not None


def _words_around(text: str, start: int, end: int) -> str:
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    line = text[left : right if right >= 0 else len(text)]
    start, end = start - left, end - left
    head = line[max(0, start - 50) : start]
    tail = line[end : end + 30]
    head = ("…" + head[head.find(" ") + 1 :]) if start > 50 and " " in head else head
    tail = (tail[: tail.rfind(" ")] + "…") if len(line) - end > 30 and " " in tail else tail
    return f"{head}{line[start:end]}{tail}".strip()


@dataclass
class Ledger:
    figures: list[Figure] = field(default_factory=list)
    by_unit: dict[Unit, list[Figure]] = field(default_factory=dict)

    @classmethod
    def of(cls, blocks: list[Block]) -> Ledger:
        ledger = cls()
        for index, block in enumerate(blocks):
            if isinstance(block, Para):
                for found in figures(block.text):
                    words = _words_around(block.text, found.start, found.end)
                    ledger.add(Figure(found.printed, block.where, (index, -1), -1, found.kind, words))
                continue
            scored = _score_columns([row.cells for row in block.rows[:2]])
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(row.cells):
                    alone = cell_figure(cell)
                    if alone is not None and (c in scored or _SCORE.fullmatch(alone)):
                        label = " | ".join(x.replace("\n", " ") for x in row.cells if x.strip())
                        ledger.add(Figure(alone, row.where, (index, r), c, "score", label[:90]))
                        continue
                    for found in figures(cell):
                        words = _words_around(cell, found.start, found.end)
                        ledger.add(Figure(found.printed, row.where, (index, r), c, found.kind, words))
        return ledger

    def add(self, figure: Figure) -> None:
        self.figures.append(figure)
        self.by_unit.setdefault(figure.unit, []).append(figure)

    def open(self, unit: Unit, kind: str | None = None) -> list[Figure]:
        """The figures of a paragraph or a row not yet placed nor set aside."""
        return [
            f
            for f in self.by_unit.get(unit, [])
            if not f.placed and f.reason is None and (kind is None or f.kind == kind)
        ]

    def find(self, units: list[Unit], printed: str, column: int | None = None) -> Figure | None:
        want = value(printed)
        for unit in units:
            for figure in self.by_unit.get(unit, []):
                matches = (column is None or figure.column == column) and value(figure.printed) == want
                if matches and not figure.placed and figure.reason is None:
                    return figure
        return None

    def take(
        self, units: list[Unit], printed: str, part: str, path: tuple[Any, ...], column: int | None = None
    ) -> Figure | None:
        """The figure a recogniser puts at ``part``'s ``path``, marked placed."""
        figure = self.find(units, printed, column)
        if figure is not None:
            figure.part, figure.path = part, path
        return figure

    def set_aside(self, figure: Figure, reason: str) -> None:
        figure.reason = reason

    def __iter__(self) -> Iterator[Figure]:
        return iter(self.figures)


SCORE_HEADING = re.compile(
    r"คะแนน|ผลการประเมิน|ร้อยละ|score|\b(?:IIT|EIT|OIT|ITA)\b|ปี\s*(?:พ\.ศ\.\s*)?[0-9๐-๙]{4}", re.I
)
"""A column heading over scores: a number alone in such a column is a score (100, 85.5)."""


def _score_columns(header: list[list[str]]) -> set[int]:
    columns: set[int] = set()
    for row in header:
        columns |= {c for c, cell in enumerate(row) if SCORE_HEADING.search(cell)}
    return columns


def held_at(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        listed = isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data)
        if (isinstance(data, dict) and key in data) or listed:
            data = data[key]
        else:
            return None
    return data


def settle(figures: list[Figure], drafts: dict[str, Any]) -> None:
    """After the checks: a number a check took out of its draft again is no longer placed;
    its reason is the TODO the check wrote at the key."""
    for figure in figures:
        if figure.path is None or figure.part is None:
            continue
        draft = drafts.get(figure.part)
        held = held_at(draft.data, figure.path) if draft is not None else None
        if held is not None and value(str(held)) == value(figure.printed):
            continue
        note = next((n.text for n in draft.notes if n.path == figure.path), "") if draft is not None else ""
        key = ".".join(str(k) for k in figure.path)
        taken = f"เอาออกจาก {key} แล้ว (taken out by a check)"
        figure.reason = f"{taken}: {note}" if note else taken
        figure.part = figure.path = None
