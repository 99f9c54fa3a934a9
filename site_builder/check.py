"""What is still missing for a fiscal year: the table ``oit-site check`` prints.

Plain functions over a loaded :class:`Site`; the year page's status column uses the
same :func:`item_findings`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from site_builder.model.site import FiscalYear, ItemContent, Site, todo_lines
from site_builder.thai import fiscal_year_bounds

# Finding codes, their labels (Thai, English) and whether they make `check` fail.
LABELS: dict[str, tuple[str, str, bool]] = {
    "ok": ("ครบ", "ok", False),
    "missing": ("ไม่มีข้อมูล", "missing", True),
    "empty": ("ว่าง", "empty", True),
    "todo": ("ยังมี TODO", "TODO left", True),
    "no_document": ("ไม่มีเอกสาร", "no document", False),
    "out_of_period": ("ข้อมูลนอกช่วง", "outside period", True),
    "unverified": ("ชื่อข้อยังไม่ยืนยัน", "title unverified", False),
}


def expected_period(fiscal_year: int, data_period: str | None) -> tuple[date, date] | None:
    """The dates an item's documents must fall in, from its framework's data period."""
    if data_period == "current":
        return fiscal_year_bounds(fiscal_year)
    if data_period == "previous":
        return fiscal_year_bounds(fiscal_year - 1)
    if data_period == "first_half":
        start, _ = fiscal_year_bounds(fiscal_year)
        return start, date(start.year + 1, 3, 31)
    return None


@dataclass
class ItemReport:
    code: str
    title: str
    findings: list[str]
    notes: list[str] = field(default_factory=list)

    @property
    def failing(self) -> bool:
        return any(LABELS[f][2] for f in self.findings)


def item_findings(fy: FiscalYear, entry: ItemContent) -> ItemReport:
    item = entry.item
    report = ItemReport(item.code, item.title, [])
    if not item.verified:
        report.findings.append("unverified")
        report.notes.append("ชื่อข้อมาจากการอนุมาน ตรวจกับคู่มือ ป.ป.ช. แล้วยืนยันใน year.yml")
    if not entry.present:
        report.findings.insert(0, "missing")
        return report
    if entry.empty:
        report.findings.insert(0, "empty")
        return report
    note = entry.meta.assessor_note if entry.meta and entry.meta.assessor_note else ""
    todos = todo_lines(entry.body) + todo_lines(note)
    if todos:
        report.findings.insert(0, "todo")
        report.notes += todos
    if not entry.parts and not entry.documents and not (entry.meta and entry.meta.links):
        report.findings.append("no_document")
    window = expected_period(fy.year, item.data_period)
    if window:
        outside = [
            d for d in entry.documents if d.document.date and not window[0] <= d.document.date <= window[1]
        ]
        if outside:
            report.findings.append("out_of_period")
            report.notes += [f"{d.name}: {d.document.date} นอกช่วง {window[0]} – {window[1]}" for d in outside]
    if not report.findings or all(f in ("unverified",) for f in report.findings):
        report.findings.insert(0, "ok")
    return report


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
    measures = PartReport("measures", fy.measures is not None)
    for measure in fy.measures.measures if fy.measures else []:
        if measure.period is None:
            measures.problems.append(f"มาตรการ {measure.id} ({measure.topic}) ไม่มีระยะเวลา (period)")
            measures.failing = True
        if not measure.responsible:
            measures.problems.append(f"มาตรการ {measure.id} ({measure.topic}) ไม่มีผู้รับผิดชอบ (responsible)")
            measures.failing = True
        todos = todo_lines("\n".join([measure.topic, *measure.actions, *measure.responsible, *measure.steps]))
        if todos:
            measures.problems.append(f"มาตรการ {measure.id}: ยังมี TODO")
            measures.failing = True
    reports.append(measures)
    progress = PartReport("progress", fy.progress is not None)
    if fy.progress is not None and fy.measures is not None:
        reported = {e.measure for e in fy.progress.entries}
        for measure in fy.measures.measures:
            if measure.id not in reported:
                progress.problems.append(f"ยังไม่มีผลการดำเนินการของมาตรการ {measure.id} ({measure.topic})")
    reports.append(progress)
    return reports


def year_items(fy: FiscalYear) -> list[ItemReport]:
    return [item_findings(fy, entry) for entry in fy.items]


def years_to_check(site: Site, year: int | None) -> list[FiscalYear]:
    return [fy for fy in site.years if year is None or fy.year == year]
