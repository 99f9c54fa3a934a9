"""What is still missing for a fiscal year: the table ``oit-site check`` prints.

Plain functions over a loaded :class:`Site`. Each item's status comes from
:mod:`site_builder.model.status`, which the pages and answer sheets use too; here are the
checks of the structured parts (result, measures, progress).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from site_builder.model.content import Activity, Columns, Measure
from site_builder.model.kinds import PARTS, kind
from site_builder.model.site import FiscalYear, Site, measure_todos


@dataclass
class PartReport:
    part: str
    present: bool
    problems: list[str] = field(default_factory=list)
    failing: bool = False


def part_findings(fy: FiscalYear) -> list[PartReport]:
    reports = []
    result = PartReport("result", fy.result is not None)
    if fy.result is not None and fy.scores is not None and fy.scores.level is None:
        result.problems.append("ระบุ level หรือคะแนนรายเครื่องมือ เพื่อให้ได้ระดับผลการประเมิน")
        result.failing = True
    reports.append(result)
    reports.append(PartReport("analysis", fy.analysis is not None))
    # A file with no entry yet (as new-year writes it) is not yet the part.
    measures = PartReport("measures", bool(fy.measures and (fy.measures.measures or fy.draft_measures)))
    # A report that states no periods (or no units) says so by leaving the column out of
    # its columns: nothing is missing then.
    columns = fy.measures.columns if fy.measures else Columns()
    for measure in [*fy.measures.measures, *fy.draft_measures] if fy.measures else []:
        # A measure of activities has what each activity lacks in its own right, or not at all.
        rows: list[Activity | Measure] = [*measure.activities] or [measure]
        if columns.lists("period") and any(row.period is None and measure.period is None for row in rows):
            measures.problems.append(f"มาตรการ {measure.id} ({measure.topic}) ไม่มีระยะเวลา (period)")
            measures.failing = True
        if columns.lists("responsible") and any(
            not row.responsible and not measure.responsible for row in rows
        ):
            measures.problems.append(f"มาตรการ {measure.id} ({measure.topic}) ไม่มีผู้รับผิดชอบ (responsible)")
            measures.failing = True
        if measure_todos(measure):
            measures.problems.append(f"มาตรการ {measure.id}: ยังมี TODO ยังไม่แสดงบนหน้าเว็บ (a draft, not shown)")
            measures.failing = True
    reports.append(measures)
    # Progress is reported in progress.yml, or by the status (done, in progress, not done)
    # of a measure's activities in measures.yml.
    ticked = (
        {m.id for m in fy.measures.measures if any(a.status for a in m.activities)} if fy.measures else set()
    )
    progress = PartReport("progress", bool(fy.progress and fy.progress.entries) or bool(ticked))
    if progress.present and fy.measures is not None:
        reported = {e.measure for e in fy.progress.entries} if fy.progress else set()
        for measure in [*fy.measures.measures, *fy.draft_measures]:
            if measure.id not in reported and measure.id not in ticked:
                progress.problems.append(f"ยังไม่มีผลการดำเนินการของมาตรการ {measure.id} ({measure.topic})")
    reports.append(progress)
    by_part = todo_comments(fy)
    if by_part.get("year"):
        # year.yml (an import names the nearest year's list when the year has none).
        reports.insert(0, PartReport("year", True))
    for report in reports:
        comments = by_part.get(report.part, [])
        report.problems.extend(comments)
        report.failing |= bool(comments)
    return reports


TODO_COMMENT = re.compile(r"#\s*(TODO\b.*)$")


def todo_comments(fy: FiscalYear) -> dict[str, list[str]]:
    """Per part (and for ``year.yml``), the ``# TODO:`` comments of its file (an import's
    notes among them) and the imported drafts waiting beside it, each with its line."""
    found: dict[str, list[str]] = {}
    for part in (kind("year"), *PARTS):
        for name in (part.file, part.draft):
            path = fy.folder / name
            if not path.is_file():
                continue
            lines = found.setdefault(part.name, [])
            if name != part.file:
                lines.append(
                    f"{name}: ร่างจากการนำเข้ารอรวมกับ {part.file} แล้วลบทิ้ง"
                    " (an imported draft waiting to be merged)"
                )
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                match = TODO_COMMENT.search(line)
                if match and not line.lstrip().startswith(("'", '"')):
                    lines.append(f"{name} บรรทัด {number}: {match.group(1)}")
    return found


def years_to_check(site: Site, year: int | None) -> list[FiscalYear]:
    return [fy for fy in site.years if year is None or fy.year == year]
