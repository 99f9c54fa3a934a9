"""``oit-site check``: what is wrong or still missing, per fiscal year, as a table or JSON.

Plain functions over a loaded :class:`Site`. Each item's status comes from
:mod:`site_builder.model.status`, which the pages and answer sheets use too; here are the
checks of the structured parts (result, measures, progress) and the table that shows them.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from site_builder.commands.common import built, config_of
from site_builder.commands.console import WIDTH, Failure, fit, wrap
from site_builder.errors import ContentErrors
from site_builder.model.content import Activity, Columns, Measure
from site_builder.model.kinds import PARTS, kind
from site_builder.model.site import FiscalYear, Site, measure_todos
from site_builder.model.status import NOTICES, list_notice, tally_parts, year_statuses

STATUS = 31  # the status column of `check`: the longest label, "✗ เอกสารนอกช่วง (out of period)"


def check(config_file: Path, year: int | None, output_format: str, out: TextIO) -> int:
    config = config_of(config_file)
    try:
        site, _ = built(config)
    except ContentErrors as errors:
        if output_format == "json":
            failed = {"ok": False, "errors": [_error_json(e) for e in errors.sorted()], "years": []}
            out.write(json.dumps(failed, ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(str(errors) + "\n")
        return 1
    years = years_to_check(site, year)
    if year is not None and not years:
        raise Failure(f"ไม่มีโฟลเดอร์ปี {year} ใน content/ (no such year); สร้างด้วย oit-site new-year {year}")
    failing = bool(site.warnings)
    report: dict[str, Any] = {
        "ok": True,
        "errors": [],
        "warnings": [_error_json(w) for w in site.warnings],
        "years": [],
    }
    if output_format == "text":
        for warning in site.warnings:
            out.write(f"{warning}\n")
    for fy in years:
        items = year_statuses(fy)
        parts = part_findings(fy)
        failing |= any(not i.done for i in items) or any(p.failing for p in parts)
        note = list_notice(fy)
        report["years"].append(
            {
                "year": fy.year,
                "framework": fy.framework.name,
                "list_notice": note,
                "items": [{**asdict(i), "done": i.done} for i in items],
                "parts": [asdict(p) for p in parts],
            }
        )
        if output_format == "text":
            _print_year(fy.year, fy.framework.name, items, parts, out, note)
    report["ok"] = not failing
    if output_format == "json":
        out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        verdict = (
            "ไม่มีสิ่งที่ต้องแก้ไข (nothing to fix)" if not failing else "มีรายการที่ต้องแก้ไข (some items need work)"
        )
        out.write(f"\n{verdict}\n")
    return 1 if failing else 0


def _error_json(error: Any) -> dict[str, Any]:
    return {
        "file": error.file,
        "line": error.line,
        "column": error.column,
        "message": error.message,
        "hint": error.hint,
    }


def _print_year(
    year: int, framework: str, items: list[Any], parts: list[Any], out: TextIO, list_note: str | None = None
) -> None:
    out.write("\n" + fit(f"ปีงบประมาณ {year} · {framework}", WIDTH).rstrip() + "\n")
    for line in wrap(f"· {list_note}", WIDTH - 2) if list_note else []:
        out.write(line + "\n")
    out.write("ข้อ   " + fit("สถานะ (status)", STATUS) + "รายการ (item)\n")
    out.write("-" * WIDTH + "\n")
    for item in items:
        status = f"{'✓' if item.done else '✗'} {item.label}"
        out.write(
            fit(item.code, 6) + fit(status, STATUS) + fit(item.title, WIDTH - 6 - STATUS).rstrip() + "\n"
        )
        for notice in item.notices:
            out.write(" " * 6 + fit(f"· {NOTICES[notice]}", WIDTH - 6).rstrip() + "\n")
        for note in item.notes:
            for line in wrap(note, WIDTH - 8):
                out.write(" " * 8 + line + "\n")
    done = sum(1 for i in items if i.done)
    out.write("-" * WIDTH + "\n")
    count, rest = tally_parts(items)
    out.write(f"{count} (complete: {done} of {len(items)})\n" + (f"  {' · '.join(rest)}\n" if rest else ""))
    out.write("ส่วนที่มีโครงสร้าง (structured parts):\n")
    for part in parts:
        state = "มี (present)" if part.present else "ยังไม่มี (not yet)"
        out.write(
            "  "
            + fit(f"{kind(part.part).short} ({part.part})", 32)
            + ("✗ " if part.failing else "")
            + state
            + "\n"
        )
        for problem in part.problems:
            for index, line in enumerate(wrap(problem, WIDTH - 6)):
                out.write(("    - " if index == 0 else "      ") + line + "\n")


# ------------------------------------------------------------------ the structured parts


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
