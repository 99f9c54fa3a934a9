"""A year's report laid out as the agency's own: its parts in the report's order under
their titles, numbered by the site only where the titles carry no number of their own
(``report:`` in year.yml), and its tables' columns: which show, in what order, under which
headings (``columns:`` in measures.yml, progress.yml and analysis.yml).

A column shows when the file's ``columns:`` lets it (all do, unless it is a list) and a
row fills it; the templates (``parts.html``) write each column's cells by its key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from site_builder.model.content import (
    MEASURE_COLUMNS,
    PROGRESS_COLUMNS,
    THEME_COLUMNS,
    Columns,
    Measure,
    Measures,
    Progress,
    ProgressEntry,
    Result,
    TextSection,
    Theme,
)
from site_builder.render.typed_numbers import typed_number

if TYPE_CHECKING:
    from site_builder.model.site import FiscalYear


@dataclass(frozen=True)
class ReportPart:
    """One part of the year's report: ``key`` (foreword, result, analysis, measures,
    progress, limitations), its title, and the site's number for it (None: none shown)."""

    key: str
    title: str
    number: int | None

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}" if self.number is not None else self.title


# A title that carries its own number: ๑. … , 1.1 … , ส่วนที่ ๒ … , บทที่ 3 …
_OWN_NUMBER = re.compile(r"^\s*(?:ส่วนที่|บทที่|ตอนที่|ภาคที่)\s*[0-9๐-๙]|^\s*[0-9]+[.)]")


def has_own_number(title: str) -> bool:
    return bool(typed_number(title) or _OWN_NUMBER.match(title))


def limitations_title(section: TextSection) -> str:
    if section.title:
        return section.title
    if section.fiscal_year:
        return f"ข้อจำกัด/ปัญหาอุปสรรค ปีงบประมาณ พ.ศ. {section.fiscal_year}"
    return "ข้อจำกัด/ปัญหาอุปสรรค"


def report_parts(fy: FiscalYear, page: str = "report") -> list[ReportPart]:
    """The parts the year has, in the report's order (``report: parts:`` in year.yml, then
    the site's order). On the report page (``page="report"``) the site numbers them 1. 2. …
    unless one of their titles carries its own number or the year says ``numbered: false``;
    the foreword is never numbered, and the year page numbers none."""
    settings = fy.config.report
    titles: list[tuple[str, str]] = []
    for part in settings.order():
        title = _title(fy, part, page)
        if title is not None:
            titles.append((part, title))
    numbered = settings.numbered
    if numbered is None:
        numbered = not any(has_own_number(title) for _, title in titles)
    parts: list[ReportPart] = []
    count = 0
    for key, title in titles:
        number = None
        if numbered and page == "report" and key != "foreword":
            count += 1
            number = count
        parts.append(ReportPart(key, title, number))
    return parts


def _title(fy: FiscalYear, key: str, page: str) -> str | None:
    """The title of part ``key``, or None when the year has no such part."""
    settings = fy.config.report
    if key == "foreword":
        return (settings.foreword_title or "คำนำ") if settings.foreword else None
    if key == "result":
        return f"ผลการประเมิน ITA {fy.year}" if fy.result and fy.scores else None
    if key == "analysis":
        if not fy.analysis:
            return None
        default = "การวิเคราะห์ผลการประเมินรายตัวชี้วัด" if page == "report" else "การวิเคราะห์ผลการประเมิน"
        return fy.analysis.title or default
    if key == "measures":
        if not (fy.measures and fy.measures.measures):
            return None
        return fy.measures.title or "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน"
    if key == "progress":
        if not (fy.progress and fy.progress.entries):
            return None
        return fy.progress.title or "รายงานผลการดำเนินการตามมาตรการ"
    if key == "limitations":
        if fy.analysis and fy.analysis.limitations.present:
            return limitations_title(fy.analysis.limitations)
        return None
    raise ValueError(key)


def measure_columns(measures: Measures, rows: list[Measure]) -> list[tuple[str, str]]:
    """The measures table's ``(key, heading)`` for ``rows`` (one tool's measures)."""
    activities = [activity for row in rows for activity in row.activities]
    filled = {"topic"}
    if any(row.weakness for row in rows):
        filled.add("weakness")
    if any(row.actions for row in rows) or activities:
        filled.add("actions")
    for key in ("responsible", "steps", "period"):
        if any(getattr(row, key) for row in rows) or any(getattr(a, key) for a in activities):
            filled.add(key)
    if any(activity.status for activity in activities):
        filled.add("status")
    if any(row.follow_up for row in rows):
        filled.add("follow_up")
    return measures.columns.chosen(MEASURE_COLUMNS, filled)


def progress_columns(
    progress: Progress, rows: list[tuple[ProgressEntry, Measure, str]]
) -> list[tuple[str, str]]:
    """The progress table's ``(key, heading)`` for ``rows`` (entry, its measure, its year)."""
    filled = {"topic", "status"}
    for key in ("steps", "responsible", "period"):
        if any(getattr(measure, key) for _, measure, _ in rows):
            filled.add(key)
    for key in ("done", "summary", "evidence"):
        if any(getattr(entry, key) for entry, _, _ in rows):
            filled.add(key)
    if any(entry.outcome or entry.scores for entry, _, _ in rows):
        filled.add("outcome")
    return progress.columns.chosen(PROGRESS_COLUMNS, filled)


def theme_columns(theme: Theme, result: Result | None, columns: Columns) -> list[tuple[str, str]]:
    """A theme's table of questions: ``(key, heading)``; no column of question texts when
    neither the theme nor result.yml gives one, no column of remarks when none is written."""
    titles = result.question_titles if result else {}
    filled = {"code", "tool", "score"}
    if any(q.text or q.code in titles for q in theme.questions):
        filled.add("question")
    if any(q.note for q in theme.questions):
        filled.add("note")
    return columns.chosen(THEME_COLUMNS, filled)


def question_label(result: Result | None, code: str) -> str:
    """A question's code as the report writes it (``question_labels:`` in result.yml), or
    the site's spelling (``i5``)."""
    if result is not None and code in result.question_labels:
        return result.question_labels[code]
    return code
