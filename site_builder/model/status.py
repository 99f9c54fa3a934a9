"""Where an OIT item stands, in one vocabulary: the year and home pages, the item pages, the
answer sheets and ``oit-site check`` all say the same thing of the same item.

An item has one status, the first that holds of: ยังไม่เผยแพร่ (no folder), ยังไม่มีเนื้อหา
(a folder with nothing of the agency's in it: empty, or the scaffold as ``new-year`` wrote it),
ร่าง (a TODO line left), เอกสารนอกช่วง (a document dated
outside the period the item asks for), วันที่ขัดกัน (the page says it was last
updated before the date of data it shows: a report "as of" April under an update of the
March before), ครบ. Only ครบ counts as done. Beside its status an
item may have notices that do not keep it from being done: no document or link (its page's
text is its evidence), a title inferred rather than checked against the NACC manual.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

from site_builder.model.site import (
    FORMER_WORDS,
    NOTICES,
    STATUSES,
    FiscalYear,
    ItemContent,
    ItemStatus,
    Label,
    State,
    todo_lines,
)
from site_builder.thai import fiscal_year_bounds, thai_date

__all__ = (
    "FORMER_WORDS",
    "NOTICES",
    "STATUSES",
    "ItemStatus",
    "Label",
    "State",
    "data_dates",
    "expected_period",
    "item_status",
    "list_notice",
    "settle_statuses",
    "tally",
    "tally_parts",
    "year_statuses",
)


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


def item_status(fy: FiscalYear, entry: ItemContent) -> ItemStatus:
    """The item's status: as the loader settled it, or worked out now for an item made
    outside a load."""
    if entry.status is None:
        entry.status = _status(fy, entry)
    return entry.status


def settle_statuses(years: list[FiscalYear]) -> None:
    """Every item's status and each year's tally, once the whole site is loaded (an item may
    show another year's parts): the pages and the commands read the values."""
    for fy in years:
        for entry in fy.items:
            entry.status = _status(fy, entry)
        fy.statuses = [entry.status for entry in fy.items if entry.status is not None]
        fy.tally = tally(fy.statuses)
        fy.done = sum(1 for status in fy.statuses if status.done)


def _status(fy: FiscalYear, entry: ItemContent) -> ItemStatus:
    item = entry.item
    report = ItemStatus(item.code, item.title, "complete")
    if not entry.present:
        report.status = "missing"
    elif entry.empty:
        report.status = "empty"
    else:
        note = entry.meta.assessor_note if entry.meta and entry.meta.assessor_note else ""
        todos = todo_lines(entry.body) + todo_lines(note)
        window = expected_period(fy.year, item.data_period)
        outside = [
            d
            for d in entry.documents
            if window and d.document.date and not window[0] <= d.document.date <= window[1]
        ]
        later = [(what, day) for what, day in data_dates(fy, entry) if entry.updated and day > entry.updated]
        if todos:
            report.status = "todo"
        elif outside:
            report.status = "out_of_period"
        elif later:
            report.status = "stale"
        report.notes += todos
        if window:
            report.notes += [f"{d.name}: {d.document.date} นอกช่วง {window[0]} – {window[1]}" for d in outside]
        report.notes += [
            f"{what} ลงวันที่ {thai_date(day)} หลังวันที่ปรับปรุงของหน้า {thai_date(entry.updated)}: "
            f"แก้ updated ใน index.md เป็นวันที่เผยแพร่ข้อมูลนี้ (updated: {day.isoformat()} หรือหลังจากนั้น)"
            for what, day in later
            if entry.updated
        ]
        if not entry.parts and not entry.documents and not (entry.meta and entry.meta.links):
            report.notices.append("no_document")
    if not item.verified:
        report.notices.append("unverified")
        report.notes.append("ชื่อข้อมาจากการอนุมาน ตรวจกับคู่มือ ป.ป.ช. แล้วยืนยันใน year.yml")
    return report


def data_dates(fy: FiscalYear, entry: ItemContent) -> list[tuple[str, date]]:
    """The dates of the data an item's page shows: a progress report's "as of" and the
    result's announcement (when the item is that part), its documents' and links' dates."""
    found: list[tuple[str, date]] = []
    if entry.parts_year in (None, fy.year):
        if "progress" in entry.parts and fy.progress and fy.progress.as_of:
            found.append(("รายงานผลการดำเนินการ (progress.yml as_of)", fy.progress.as_of))
        if "result" in entry.parts and fy.result and fy.result.announced:
            found.append(("ผลการประเมิน (result.yml announced)", fy.result.announced))
    found += [(f"เอกสาร {d.name}", d.document.date) for d in entry.documents if d.document.date]
    links = entry.meta.links if entry.meta else []
    found += [(f"ลิงก์ {link.title}", link.date) for link in links if link.date]
    return found


def list_notice(fy: FiscalYear) -> str | None:
    """What an editor should know of the year's item list when no source confirms it: how
    sure the shipped list is, and how to say it has been checked."""
    if fy.framework.confirmed or fy.config.list_confirmed:
        return None
    # How sure, in Thai words: the research notes after the grade stay in the framework.
    grade = fy.framework.confidence.split(" ", 1)[0]
    sure = f" ความเชื่อมั่น{CONFIDENCE[grade]}" if grade in CONFIDENCE else ""
    return (
        f"รายการข้อของ {fy.framework.title} ({len(fy.framework.items)} ข้อ) รวบรวมจากเว็บไซต์ของหน่วยงาน"
        f"{sure} ยังไม่ยืนยันกับคู่มือ ป.ป.ช. (list unconfirmed{f': {grade}' if sure else ''})."
        f" ตรวจกับคู่มือที่หน่วยงานได้รับ แก้ชื่อข้อใน content/{fy.year}/year.yml แล้วเขียน list_confirmed: true"
    )


CONFIDENCE: Mapping[str, str] = MappingProxyType(
    {
        "high": "สูง",
        "moderate-high": "ค่อนข้างสูง",
        "moderate": "ปานกลาง",
        "moderate-low": "ค่อนข้างต่ำ",
        "low": "ต่ำ",
    }
)
"""The grades the shipped lists give their confidence, in the words an editor reads."""


def year_statuses(fy: FiscalYear) -> list[ItemStatus]:
    return [item_status(fy, entry) for entry in fy.items]


def tally_parts(statuses: list[ItemStatus]) -> tuple[str, list[str]]:
    """The count of items done (``ครบ 5 จาก 26 ข้อ``), and how many of each status not done."""
    done = sum(1 for s in statuses if s.done)
    rest = [
        f"{label.thai} {count}"
        for key, label in STATUSES.items()
        if label.failing and (count := sum(1 for s in statuses if s.status == key))
    ]
    return f"ครบ {done} จาก {len(statuses)} ข้อ", rest


def tally(statuses: list[ItemStatus]) -> str:
    """The one-line count every page and ``check`` print: ``ครบ 5 จาก 26 ข้อ`` and, when
    some are not done, how many of each status."""
    count, rest = tally_parts(statuses)
    return " · ".join([count, *rest])
