"""Everything the site is made of, as in-memory pages and files at their stable URLs.

* ``index.md`` → ``/``: the agency and its latest result;
* ``<year>/index.md`` → ``/<year>/``: the fiscal-year page;
* ``<year>/o<N>/index.md`` → ``/<year>/o<N>/``: one page per OIT item of the year;
* ``<year>/o<N>/<file>``: the item's documents;
* ``<year>/oit.json``, ``<year>/oit.csv``: the answer sheet for the assessor.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from site_builder.load.content import ItemContent, Site
from site_builder.render.environment import render
from site_builder.thai import fiscal_year_bounds

TOOL_NAMES = {
    "IIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน",
    "EIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก",
    "OIT": "แบบตรวจการเปิดเผยข้อมูลสาธารณะ",
}
STATUS_NAMES = {"done": "ดำเนินการแล้ว", "in_progress": "อยู่ระหว่างดำเนินการ", "not_started": "ยังไม่ดำเนินการ"}
ITEM_STATUS_NAMES = {"present": "เผยแพร่แล้ว", "empty": "ยังไม่มีเนื้อหา", "missing": "ยังไม่เผยแพร่"}
DATA_PERIODS = {
    "current": "ปีงบประมาณปัจจุบัน",
    "previous": "ปีงบประมาณที่ผ่านมา (ย้อนหลัง 1 ปี)",
    "first_half": "6 เดือนแรกของปีงบประมาณ",
    "any": "ไม่กำหนดช่วง",
}
ANSWER_COLUMNS = ("code", "title", "url", "note")


@dataclass(frozen=True)
class Output:
    """One file of the built site: Markdown for MkDocs to render, or a file to copy."""

    uri: str
    """Path in the site, as MkDocs' ``src_uri`` (``2568/o1/index.md``)."""
    content: str | bytes | None = None
    path: Path | None = None
    """For a copied file: where it is in ``content/``."""
    source: Path | None = None
    """The content file an editor edits to change this page."""


def item_status(entry: ItemContent) -> str:
    if not entry.present:
        return "missing"
    return "empty" if entry.empty else "present"


def _context(site: Site) -> dict[str, Any]:
    return {
        "agency": site.agency,
        "years": {fy.year: fy for fy in site.years},
        "tool_names": TOOL_NAMES,
        "status_names": STATUS_NAMES,
        "item_status": item_status,
        "item_status_names": ITEM_STATUS_NAMES,
        "data_periods": DATA_PERIODS,
    }


def site_url_of(path: str, site_url: str | None) -> str:
    """URL of a site path for the answer sheet: absolute when ``site_url`` is set."""
    if site_url:
        return site_url.rstrip("/") + "/" + path
    return path


def answer_sheet(site: Site, year: int, site_url: str | None) -> list[dict[str, str]]:
    fiscal_year = site.year(year)
    assert fiscal_year is not None
    rows = []
    for entry in fiscal_year.items:
        note = entry.meta.assessor_note if entry.meta and entry.meta.assessor_note else ""
        rows.append(
            {
                "code": entry.item.code,
                "title": entry.item.title,
                "url": site_url_of(f"{year}/{entry.item.slug}/", site_url),
                "note": " ".join(note.split()),
            }
        )
    return rows


def answer_sheet_csv(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    # The byte-order mark lets Excel, which most clerks open CSV files with, read Thai.
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=ANSWER_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def build_outputs(site: Site, site_url: str | None = None) -> list[Output]:
    """Every page and file of the site, in memory."""
    context = _context(site)
    latest = next((fy for fy in site.years if fy.result and fy.scores), None)
    logo = f"assets/{site.logo.name}" if site.logo else None
    outputs = [
        Output(
            "index.md",
            render("home.md", **context, latest=latest, home_text=site.home_text, logo=logo),
            source=site.content_dir / "agency.yml",
        )
    ]
    if site.logo:
        outputs.append(Output(f"assets/{site.logo.name}", path=site.logo))
    for asset in site.assets:
        outputs.append(Output(asset.relative_to(site.content_dir).as_posix(), path=asset))
    for fy in site.years:
        year_dir = f"{fy.year}/"
        year_source = next(
            (fy.folder / name for name in ("index.md", "year.yml", "result.yml") if (fy.folder / name).is_file()),
            fy.folder,
        )
        outputs.append(
            Output(
                f"{fy.year}/index.md",
                render("year.md", **context, fy=fy, bounds=fiscal_year_bounds(fy.year)),
                source=year_source,
            )
        )
        for entry in fy.items:
            here = f"{year_dir}{entry.item.slug}/"
            parts_fy = site.year(entry.parts_year) if entry.parts_year else fy
            outputs.append(
                Output(
                    f"{here}index.md",
                    render(
                        "item.md", **context, fy=fy, entry=entry, here=here, fy_path=year_dir,
                        parts_fy=parts_fy or fy, body=entry.body,
                    ),
                    source=entry.source or entry.folder,
                )
            )
            for document in entry.documents:
                outputs.append(Output(f"{here}{document.name}", path=document.path))
        rows = answer_sheet(site, fy.year, site_url)
        outputs.append(Output(f"{year_dir}oit.json", json.dumps(rows, ensure_ascii=False, indent=2) + "\n"))
        outputs.append(Output(f"{year_dir}oit.csv", answer_sheet_csv(rows)))
    return outputs


def navigation(site: Site) -> list[Any]:
    """MkDocs ``nav``: home, then each fiscal year (newest first) with its items in order."""
    nav: list[Any] = [{"หน้าแรก": "index.md"}]
    for fy in site.years:
        children: list[Any] = [f"{fy.year}/index.md"]
        children += [
            {f"{e.item.code} {e.item.title}": f"{fy.year}/{e.item.slug}/index.md"} for e in fy.items
        ]
        nav.append({f"ปีงบประมาณ {fy.year}": children})
    return nav
