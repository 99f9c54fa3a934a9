"""A whole agency site as the loader hands it on: the agency, its fiscal years, each year's
items with their documents and dates. Plain data: the renderer, ``check`` and the
commands read it; only the loader (``site_builder.load``) makes it."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from site_builder.errors import ContentError, Positions
from site_builder.model.content import (
    Agency,
    Analysis,
    Document,
    ItemMeta,
    Measure,
    Measures,
    Progress,
    Redirects,
    Result,
    YearConfig,
)
from site_builder.model.framework import Framework, FrameworkItem, Part, Scoring
from site_builder.model.scoring import Scores

# A line an editor (or `oit-site new-year`) left to finish: "TODO: …", also as a list item.
TODO = re.compile(r"^\s*(?:[-*]\s*)?TODO\b.*$", re.M)


def todo_lines(text: str) -> list[str]:
    """The TODO lines of a text, without their list marks."""
    return [m.group(0).strip().lstrip("-* ") for m in TODO.finditer(text)]


def without_todo(text: str) -> str:
    """The text with its TODO lines taken out: what a reader sees. A TODO is a note from
    the editor to the editor (``check`` lists them), never part of a public page."""
    if not TODO.search(text):
        return text
    return "\n".join(line for line in text.split("\n") if not TODO.fullmatch(line))


def measure_todos(measure: Measure) -> list[str]:
    """The TODO lines left in a measure (``new-year`` writes one in each field to fill)."""
    texts = [measure.topic, *measure.actions, *measure.responsible, *measure.steps]
    texts += [text for act in measure.activities for text in (act.text, *act.responsible, *act.steps)]
    return todo_lines("\n".join(text for text in texts if text))


# ------------------------------------------------------------------ where an item stands
# The words (site_builder.model.status holds the rules that choose them).


@dataclass(frozen=True)
class Label:
    thai: str
    english: str
    failing: bool
    """Whether ``oit-site check`` fails on it (the item is not done)."""

    def __str__(self) -> str:
        return f"{self.thai} ({self.english})"


State = Literal["missing", "empty", "todo", "out_of_period", "stale", "complete"]
"""An item's status as a machine reads it: the key of :data:`STATUSES`, which never changes
when the Thai words are reworded (the answer sheets carry it as ``state``)."""

# Statuses, from the first that is checked to the last; each item has exactly one.
STATUSES: Mapping[State, Label] = MappingProxyType(
    {
        "missing": Label("ยังไม่เผยแพร่", "not published", True),
        "empty": Label("ยังไม่มีเนื้อหา", "empty", True),
        "todo": Label("ร่าง", "draft", True),
        "out_of_period": Label("เอกสารนอกช่วง", "out of period", True),
        "stale": Label("วันที่ขัดกัน", "dates conflict", True),
        "complete": Label("ครบ", "complete", False),
    }
)
# Words older versions wrote in answer sheets, read as the status they meant.
FORMER_WORDS: Mapping[str, State] = MappingProxyType({"ร่าง ยังมี TODO": "todo"})
# Notices: beside the status, never a reason to fail.
NOTICES: Mapping[str, Label] = MappingProxyType(
    {
        "no_document": Label("ไม่มีเอกสารหรือลิงก์แนบ", "no document or link", False),
        "unverified": Label("ชื่อข้อยังไม่ยืนยัน", "title unverified", False),
    }
)


@dataclass
class ItemStatus:
    code: str
    title: str
    status: State
    """A key of :data:`STATUSES`."""
    notices: list[str] = field(default_factory=list)
    """Keys of :data:`NOTICES`."""
    notes: list[str] = field(default_factory=list)
    """What to fix, line by line (the TODO lines, the documents outside the period)."""

    @property
    def label(self) -> Label:
        return STATUSES[self.status]

    @property
    def done(self) -> bool:
        return not self.label.failing


@dataclass
class PublishedDocument:
    """A document file of an item, with the name it is published under."""

    document: Document
    path: Path
    name: str
    """Path relative to the item folder, with forward slashes; the URL's last part."""
    listed: bool
    """Listed in the front matter (else found in the folder and published by its file name)."""

    @property
    def size(self) -> int:
        return self.path.stat().st_size

    @property
    def extension(self) -> str:
        return Path(self.name).suffix.lstrip(".").upper()


@dataclass
class ItemContent:
    """One OIT item of a year, as the framework defines it and the editor filled it."""

    item: FrameworkItem
    meta: ItemMeta | None = None
    body: str = ""
    body_line: int = 1
    """The line of ``source`` the body starts on (after the front matter)."""
    source: Path | None = None
    folder: Path | None = None
    documents: list[PublishedDocument] = field(default_factory=list)
    published: date | None = None
    updated: date | None = None
    dates_from: str | None = None
    parts: list[Part] = field(default_factory=list)
    parts_year: int | None = None
    parts_shown: bool = True
    """Whether the parts it is (result, analysis …) have anything to show in their year;
    set once the whole site is loaded."""
    status: ItemStatus | None = field(default=None, repr=False, compare=False)
    """Its status, worked out once the whole site is loaded
    (:func:`site_builder.model.status.settle_statuses`)."""

    @property
    def present(self) -> bool:
        return self.folder is not None

    @property
    def empty(self) -> bool:
        """Nothing of the agency's in it: no text but TODO lines (a scaffold as ``new-year``
        wrote it), no document, link, note or part. Its page says it is not published yet
        and shows no dates."""
        note = self.meta.assessor_note if self.meta and self.meta.assessor_note else ""
        has_meta = self.meta is not None and bool(self.meta.links or without_todo(note).strip())
        parts = bool(self.parts) and self.parts_shown
        return not (without_todo(self.body).strip() or self.documents or has_meta or parts)


@dataclass
class FiscalYear:
    """One fiscal year: its framework and everything the editor wrote for it."""

    year: int
    framework: Framework
    config: YearConfig
    scoring: Scoring
    items: list[ItemContent]
    folder: Path
    intro: str = ""
    result: Result | None = None
    scores: Scores | None = None
    analysis: Analysis | None = None
    measures: Measures | None = None
    progress: Progress | None = None
    statuses: list[ItemStatus] = field(default_factory=list)
    """Where each item stands, in the order of ``items``: worked out once the whole site is
    loaded (:func:`site_builder.model.status.settle_statuses`), read by pages and commands."""
    tally: str = ""
    """The count of items done and of each status not done, as every page says it."""
    done: int = 0
    """How many items are done (ครบ)."""
    draft_measures: list[Measure] = field(default_factory=list)
    """The measures of measures.yml still holding a TODO line: ``check`` lists them, and no
    page shows them until they are finished (``measures.measures`` holds the others)."""
    positions: dict[str, Positions] = field(default_factory=dict)
    """Where each key of the year's YAML files is, by the file's kind (``result``,
    ``progress`` …): the line of a mistake found after the file was read."""

    def item(self, code: str) -> ItemContent | None:
        for item in self.items:
            if item.item.code == code:
                return item
        return None

    @property
    def list_title(self) -> str:
        """The assessment's list beside the year: ``ITA 2568``, or for a year on another
        year's list ``รายการข้อของ ITA 2569`` (never "ITA 2569" beside พ.ศ. 2570 alone)."""
        if self.framework.fiscal_year == self.year:
            return self.framework.title
        return f"รายการข้อของ {self.framework.title}"

    def shows(self, part: Part) -> bool:
        """Whether the year has anything to show of ``part`` (a page that is that part
        shows it)."""
        if part == "result":
            return self.result is not None
        if part == "analysis":
            return self.analysis is not None
        if part == "measures":
            return bool(self.measures and self.measures.measures)
        return bool(self.progress and self.progress.entries)

    def measure(self, measure_id: str) -> Measure | None:
        for measure in self.measures.measures if self.measures else []:
            if measure.id == measure_id:
                return measure
        return None


@dataclass
class Site:
    """A whole agency site: the agency and its fiscal years, newest first."""

    agency: Agency
    years: list[FiscalYear]
    content_dir: Path
    repo_root: Path
    home_text: str = ""
    logo: Path | None = None
    assets: list[Path] = field(default_factory=list)
    warnings: list[ContentError] = field(default_factory=list)
    """What the build removes from editors' Markdown (script, embeds), by file and line."""
    redirects: Redirects | None = None
    redirects_positions: Positions | None = None

    def year(self, year: int) -> FiscalYear | None:
        for fiscal_year in self.years:
            if fiscal_year.year == year:
                return fiscal_year
        return None

    def rel(self, path: Path) -> str:
        return relpath(path, self.repo_root)


def relpath(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
