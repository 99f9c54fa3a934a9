"""A year's report laid out as the agency's own: the parts it has, in its order under their
titles, numbered by the site only where the titles carry no number of their own and the
report does not ask for its text as written (``report:`` in year.yml), and its tables'
columns: which show, in what order, under which headings, with which sub-columns
(``columns:`` in measures.yml, progress.yml and analysis.yml).

A column shows when the file's ``columns:`` lets it (all do, unless it is a list) and a
row fills it; the templates (``parts.html``) write each column's cells by its key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from site_builder.model.content import (
    MEASURE_COLUMNS,
    PROGRESS_COLUMNS,
    SCORE_COLUMNS,
    THEME_COLUMNS,
    Activity,
    Columns,
    Measure,
    Measures,
    Progress,
    ProgressEntry,
    Result,
    ScoreTable,
    TextSection,
    Theme,
)
from site_builder.render.typed_numbers import typed_number
from site_builder.thai import to_arabic_digits

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
    """The parts the year has, in the report's order. On the report page (``page="report"``)
    only the parts the report has (``report: parts:`` in year.yml, all when it lists none),
    numbered 1. 2. … by the site unless one of their titles carries its own number, the
    report's text is as written (``labels: as_written``) or the year says ``numbered:
    false``; the foreword is never numbered. The year page shows every part the year has,
    the report's first, and numbers none."""
    settings = fy.config.report
    titles: list[tuple[str, str]] = []
    for part in settings.report_order() if page == "report" else settings.order():
        title = _title(fy, part, page)
        if title is not None:
            titles.append((part, title))
    numbered = settings.numbered
    if numbered is None:
        numbered = not (settings.all_as_written() or any(has_own_number(title) for _, title in titles))
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


@dataclass(frozen=True)
class TableColumn:
    """A column of a table as the report has it: its key, its heading and its sub-columns
    (``(status, heading)``, each ticked where a row has that status)."""

    key: str
    heading: str
    sub: tuple[tuple[str, str], ...] = ()

    @property
    def width(self) -> int:
        """How many columns of cells it is."""
        return len(self.sub) or 1


WIDE = 5
"""A table of this many columns of cells or more gets a landscape page in the PDF."""


def _columns(columns: Columns, defaults: tuple[tuple[str, str], ...], filled: set[str]) -> list[TableColumn]:
    return [
        TableColumn(key, heading, tuple(columns.sub.get(key, ())))
        for key, heading in columns.chosen(defaults, filled)
    ]


def is_wide(columns: list[TableColumn]) -> bool:
    return sum(column.width for column in columns) >= WIDE


def has_sub_columns(columns: list[TableColumn]) -> bool:
    return any(column.sub for column in columns)


def measure_columns(measures: Measures, rows: list[Measure]) -> list[TableColumn]:
    """The measures table's columns for ``rows`` (one tool's measures)."""
    activities = [activity for row in rows for activity in row.activities]
    filled = {"topic"}
    if any(row.weakness for row in rows):
        filled.add("weakness")
    if any(row.actions for row in rows) or activities:
        filled.add("actions")
    for key in ("responsible", "steps", "period"):
        if any(getattr(row, key) for row in rows) or any(getattr(a, key) for a in activities):
            filled.add(key)
    if any(isinstance(activity.status, dict) for activity in activities):
        filled.add("responsible")
    if any(activity.status for activity in activities):
        filled.add("status")
    if any(row.follow_up for row in rows):
        filled.add("follow_up")
    return _columns(measures.columns, MEASURE_COLUMNS, filled)


def progress_columns(progress: Progress, rows: list[tuple[ProgressEntry, Measure, str]]) -> list[TableColumn]:
    """The progress table's columns for ``rows`` (entry, its measure, its year)."""
    filled = {"topic", "status"}
    for key in ("steps", "responsible", "period"):
        if any(getattr(measure, key) for _, measure, _ in rows):
            filled.add(key)
    for key in ("done", "summary", "evidence"):
        if any(getattr(entry, key) for entry, _, _ in rows):
            filled.add(key)
    if any(entry.outcome or entry.scores for entry, _, _ in rows):
        filled.add("outcome")
    return _columns(progress.columns, PROGRESS_COLUMNS, filled)


def theme_columns(theme: Theme, result: Result | None, columns: Columns) -> list[TableColumn]:
    """A theme's table of questions; no column of question texts when neither the theme nor
    result.yml gives one, no column of remarks when none is written, no column of the
    report's own that no question fills."""
    titles = result.question_titles if result else {}
    filled = {"code", "tool", "score"}
    if any(q.text or q.code in titles for q in theme.questions):
        filled.add("question")
    if any(q.note for q in theme.questions):
        filled.add("note")
    filled |= {name for q in theme.questions for name in q.cells}
    return _columns(columns, THEME_COLUMNS, filled)


def score_columns(table: ScoreTable) -> list[TableColumn]:
    """A tool's table of indicator scores: its two columns, under the report's headings."""
    return _columns(table.columns, SCORE_COLUMNS, {"indicator", "score"})


# A table cell's Thai run of up to this many letters without a space (a unit, a heading:
# ผู้รับผิดชอบ, สำนักปลัด) is kept on one line: a narrow column would otherwise break it
# where the dictionary allows (ผู้ / รับผิดชอบ). Longer runs are sentences and still wrap
# between their words.
KEEP_WHOLE = 14
# A column's heading is a word or two the report chose (ยังไม่ได้ดำเนินการ, หน่วยงานที่รับผิดชอบ):
# kept whole up to this many letters.
KEEP_HEADING = 20
_CELL_TEXT = re.compile(r"(<t[dh]\b[^>]*>)(.*?)(</t[dh]>)", re.S)
# Thai letters, vowels and marks: Thai digits are a number's, which no line breaks inside.
_THAI_RUN = re.compile(r"[\u0e01-\u0e4e]+")
_KEPT = 'class="oit-keep"'


SCREEN_WHOLE = 6
"""A table of up to this many columns of cells keeps its short words whole on the page too;
a wider one fits its box on a screen by breaking them where it must (on paper, on its
landscape page, it keeps them whole)."""


def keep_words_whole(html: str, columns: list[TableColumn] | None = None) -> Markup:
    """Short Thai runs in table cells as ``<span class="oit-keep">``, never broken; a short
    point of a list in a cell (``๑. สำนักปลัด``) is kept whole with its number. A cell that
    already keeps its words is left as it is: the report's tables keep them on the page, and
    the PDF's other tables when it is typeset. ``columns``: a table's, on the page; one
    wider than :data:`SCREEN_WHOLE` is left as it is."""
    if columns is not None and sum(column.width for column in columns) > SCREEN_WHOLE:
        return Markup(html)

    def keep(text: str, longest: int = KEEP_WHOLE) -> str:
        parts = re.split(r"(<[^>]*>)", text)
        for index in range(0, len(parts), 2):
            parts[index] = _THAI_RUN.sub(
                lambda run: (
                    f'<span class="oit-keep">{run.group(0)}</span>'
                    if len(run.group(0)) <= longest
                    else run.group(0)
                ),
                parts[index],
            )
        return "".join(parts)

    def point(match: re.Match[str]) -> str:
        inner = match.group(2)
        shown = re.sub(r"<[^>]*>", "", inner)
        if re.search(r"<(?:ul|ol|div|p)\b", inner) or len(shown) > KEEP_WHOLE + 4:
            return match.group(1) + keep(inner) + match.group(3)
        return f'{match.group(1)}<span class="oit-keep">{inner}</span>{match.group(3)}'

    def cell(match: re.Match[str]) -> str:
        inner = match.group(2)
        if _KEPT in inner:
            return match.group(0)
        if "<li" in inner:
            inner = re.sub(r"(<li\b[^>]*>)((?:(?!<li\b).)*?)(</li>)", point, inner, flags=re.S)
        else:
            inner = keep(inner, KEEP_HEADING if match.group(1).startswith("<th") else KEEP_WHOLE)
        return match.group(1) + inner + match.group(3)

    return Markup(_CELL_TEXT.sub(cell, str(html)))


@dataclass(frozen=True)
class MeasureLine:
    """A row of a measure in its table: an activity (or the measure itself, when it has
    none), the responsible unit whose status the row ticks when the status is given per
    unit, that status, and the rows the activity's own cells span (None where the cells
    of a row above cover it)."""

    act: Activity | Measure
    unit: str | None
    status: str | None
    span: int | None


def measure_lines(measure: Measure) -> list[MeasureLine]:
    """The rows of ``measure``: one per activity, or one per responsible unit of an activity
    whose status is given per unit; one for a measure of no activities."""
    if not measure.activities:
        return [MeasureLine(measure, None, None, 1)]
    lines: list[MeasureLine] = []
    for activity in measure.activities:
        units = activity.units()
        for index, (unit, status) in enumerate(units):
            lines.append(MeasureLine(activity, unit, status, None if index else len(units)))
    return lines


def names_indicator(title: str, number: int) -> bool:
    """Whether a heading already names indicator ``number`` (``ตัวชี้วัดที่ ๒ …``): then the
    site does not name it a second time."""
    pattern = rf"ตัวชี้วัด\s*(?:ที่)?\s*0*{number}(?![0-9])"
    return re.search(pattern, to_arabic_digits(title)) is not None


def question_label(result: Result | None, code: str) -> str:
    """A question's code as the report writes it (``question_labels:`` in result.yml), or
    the site's spelling (``i5``)."""
    if result is not None and code in result.question_labels:
        return result.question_labels[code]
    return code
