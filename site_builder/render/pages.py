"""Everything the site is made of, as in-memory pages and files at their stable URLs.

* ``index.md`` → ``/``: the agency and its latest result;
* ``<year>/index.md`` → ``/<year>/``: the fiscal-year page;
* ``<year>/o<N>/index.md`` → ``/<year>/o<N>/``: one page per OIT item of the year;
* ``<year>/o<N>/<file>``: the item's documents;
* ``<year>/oit.json``, ``<year>/oit.csv``: the answer sheet for the assessor;
* ``<year>/report/`` the year's report to print and sign (result, analysis, measures,
  progress, limitations), and ``<year>/report/ita-<year>.pdf`` made from it when the
  ``pdf`` setting is on.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from site_builder import __version__
from site_builder.built import (
    ANSWER_SHEET_CSV,
    ANSWER_SHEET_JSON,
    APACHE_RULES,
    GENERATED,
    HEADERS,
    NETLIFY_REDIRECTS,
    NGINX_RULES,
)
from site_builder.errors import ContentError, ContentErrors
from site_builder.model.kinds import kind
from site_builder.model.published import (
    INDEX_FILE,
    INDEX_VERSION,
    IndexAgency,
    IndexYear,
    SheetRow,
    SiteIndex,
    csv_text,
)
from site_builder.model.site import FiscalYear, ItemContent, Site, without_todo
from site_builder.model.status import item_status
from site_builder.render.environment import Renderer, href
from site_builder.render.links import missing_links
from site_builder.render.redirects import (
    apache_rules,
    check_moves,
    gone_page,
    header_rules,
    netlify_rules,
    nginx_rules,
    stub_html,
)
from site_builder.thai import fiscal_year_bounds
from site_builder.urls import path_key, path_of

TOOL_NAMES = MappingProxyType(
    {
        "IIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน",
        "EIT": "แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก",
        "OIT": "แบบตรวจการเปิดเผยข้อมูลสาธารณะ",
    }
)
STATUS_NAMES = MappingProxyType(
    {"done": "ดำเนินการแล้ว", "in_progress": "อยู่ระหว่างดำเนินการ", "not_started": "ยังไม่ดำเนินการ"}
)
# An activity's tick, in the words follow-up tables use.
ACTIVITY_STATUS_NAMES = MappingProxyType(
    {
        "done": "ดำเนินการแล้ว",
        "in_progress": "อยู่ระหว่างดำเนินการ",
        "not_done": "ยังไม่ได้ดำเนินการ",
    }
)
DATA_PERIODS = MappingProxyType(
    {
        "current": "ปีงบประมาณปัจจุบัน",
        "previous": "ปีงบประมาณที่ผ่านมา (ย้อนหลัง 1 ปี)",
        "first_half": "6 เดือนแรกของปีงบประมาณ",
        "any": "ไม่กำหนดช่วง",
    }
)
ANSWER_COLUMNS = tuple(SheetRow.model_fields)
"""The answer sheet's columns, in the order of its model."""


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
    lastmod: date | None = None
    """When what this file shows last changed (for the sitemap)."""
    in_nav: bool = True
    """A page reached from the navigation (redirect and "gone" pages are not)."""
    listed: bool = True
    """Listed in the sitemap (not server rules and redirect stubs)."""
    later: bool = False
    """Written after the pages are rendered, from them (the PDF report)."""


def report_pdf_uri(year: int) -> str:
    return f"{year}/report/ita-{year}.pdf"


def _context(site: Site) -> dict[str, Any]:
    return {
        "agency": site.agency,
        "years": {fy.year: fy for fy in site.years},
        "tool_names": TOOL_NAMES,
        "status_names": STATUS_NAMES,
        "activity_status_names": ACTIVITY_STATUS_NAMES,
        "data_periods": DATA_PERIODS,
        "without_todo": without_todo,
    }


def site_url_of(path: str, site_url: str | None) -> str:
    """URL of a site path for the answer sheet: absolute when ``site_url`` is set."""
    if site_url:
        return site_url.rstrip("/") + "/" + path
    return path


def answer_sheet(site: Site, year: int, site_url: str | None) -> list[dict[str, str]]:
    """The year's answer sheet, one row per item, as :class:`SheetRow` (the model the
    overview reads other sites' sheets with) writes it: the columns of :data:`ANSWER_COLUMNS`."""
    fiscal_year = site.year(year)
    assert fiscal_year is not None
    rows = []
    for entry in fiscal_year.items:
        note = without_todo(entry.meta.assessor_note) if entry.meta and entry.meta.assessor_note else ""
        status = item_status(fiscal_year, entry)
        row = SheetRow.model_construct(
            code=entry.item.code,
            title=entry.item.title,
            url=site_url_of(f"{year}/{entry.item.slug}/", site_url),
            status=status.label.thai,
            state=status.status,
            note=" ".join(note.split()),
        )
        rows.append({column: str(getattr(row, column)) for column in ANSWER_COLUMNS})
    return rows


def answer_sheet_csv(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    # The byte-order mark lets Excel, which most clerks open CSV files with, read Thai.
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=ANSWER_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({key: csv_text(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue()


def has_report(fy: FiscalYear) -> bool:
    return bool(fy.result or fy.analysis or fy.measures or fy.progress)


@dataclass(frozen=True)
class Reuse:
    """The pages of the previous build that still hold, when only item folders changed.

    What each page reads: an item page, its own folder and every year's files outside item
    folders (result, measures, progress: the parts it shows, last year's scores); a year
    page and its report, the same and the item folders of that year; the home page,
    everything. So when nothing changed but the files of ``items`` (year, item folder),
    every other item page is as it was, and so are the pages of the other years.
    """

    pages: dict[str, str]
    """Markdown of the previous build's pages, by ``uri``."""
    items: frozenset[tuple[int, str]]
    """(year, item folder name) of the items whose folders changed."""

    def year(self, uri: str, year: int) -> str | None:
        if any(changed == year for changed, _ in self.items):
            return None
        return self.pages.get(uri)

    def item(self, uri: str, year: int, entry: ItemContent) -> str | None:
        folder = entry.folder.name if entry.folder is not None else None
        if (year, folder) in self.items:
            return None
        return self.pages.get(uri)


def build_outputs(
    site: Site,
    site_url: str | None = None,
    pdf: bool = False,
    reserved: frozenset[str] = frozenset(),
    reuse: Reuse | None = None,
    editor_policy: str | None = None,
    renderer: Renderer | None = None,
) -> list[Output]:
    """Every page and file of the site, in memory; ``pdf``: the reports as PDF too.

    ``reserved``: the paths of the theme's files (``assets/javascripts/…``), which a file
    from content/ may not replace. ``reuse``: the pages ``mkdocs serve`` made last time,
    of which those that still hold are not rendered again. Raises :class:`ContentErrors`
    for every file that would replace another, and for what is wrong in
    ``content/redirects.yml``. ``editor_policy``: the security policy of the browser editor
    at ``admin/``, when the site has one, for the server rules. ``renderer``: the
    session's templates (a new one when not given).
    """
    renderer = renderer or Renderer()
    with renderer.charts.drawing():
        outputs = _outputs(site, site_url, pdf, reuse, renderer)
    own = reserved | GENERATED
    errors = collisions(site, outputs, own)
    errors += missing_links(site, [o.uri for o in outputs] + sorted(own))
    extra: list[Output] = []
    try:
        extra = redirect_outputs(site, outputs, site_url, own, renderer, editor_policy)
    except ContentErrors as redirect_errors:
        errors += redirect_errors.errors
    if errors:
        raise ContentErrors(errors)
    return outputs + extra


def _outputs(
    site: Site, site_url: str | None, pdf: bool, reuse: Reuse | None, renderer: Renderer
) -> list[Output]:
    render = renderer.render
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
            (
                fy.folder / name
                for name in ("index.md", kind("year").file, kind("result").file)
                if (fy.folder / name).is_file()
            ),
            fy.folder,
        )
        uri = f"{fy.year}/index.md"
        outputs.append(
            Output(
                uri,
                (reuse and reuse.year(uri, fy.year))
                or render(
                    "year.md",
                    **context,
                    fy=fy,
                    bounds=fiscal_year_bounds(fy.year),
                    report=has_report(fy),
                    pdf=href(year_dir, report_pdf_uri(fy.year)) if pdf else None,
                ),
                source=year_source,
            )
        )
        if has_report(fy):
            here = f"{year_dir}report/"
            uri = f"{here}index.md"
            outputs.append(
                Output(
                    uri,
                    (reuse and reuse.year(uri, fy.year))
                    or render(
                        "report.md",
                        **context,
                        fy=fy,
                        here=here,
                        logo=logo,
                        bounds=fiscal_year_bounds(fy.year),
                        pdf=href(here, report_pdf_uri(fy.year)) if pdf else None,
                    ),
                    source=year_source,
                    in_nav=False,
                )
            )
            if pdf:
                outputs.append(Output(report_pdf_uri(fy.year), later=True))
        for entry in fy.items:
            here = f"{year_dir}{entry.item.slug}/"
            parts_fy = site.year(entry.parts_year) if entry.parts_year else fy
            uri = f"{here}index.md"
            outputs.append(
                Output(
                    uri,
                    (reuse and reuse.item(uri, fy.year, entry))
                    or render(
                        "item.md",
                        **context,
                        fy=fy,
                        entry=entry,
                        here=here,
                        fy_path=year_dir,
                        parts_fy=parts_fy or fy,
                        body=without_todo(entry.body),
                    ),
                    source=entry.source or entry.folder,
                    lastmod=entry.updated,
                )
            )
            for document in entry.documents:
                outputs.append(
                    Output(
                        f"{here}{document.name}",
                        path=document.path,
                        lastmod=document.document.date or entry.updated,
                    )
                )
        rows = answer_sheet(site, fy.year, site_url)
        outputs.append(
            Output(f"{year_dir}{ANSWER_SHEET_JSON}", json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        )
        outputs.append(Output(f"{year_dir}{ANSWER_SHEET_CSV}", answer_sheet_csv(rows)))
    dated = _with_year_dates(outputs)
    dated.append(Output(INDEX_FILE, site_index(site, dated)))
    return dated


def site_index(site: Site, outputs: list[Output]) -> str:
    """The site's index (``/oit-site.json``): whose site it is, and each year's answer
    sheet with the date of the year's newest content, for ``oit-site overview``."""
    updated = {o.uri.split("/", 1)[0]: o.lastmod for o in outputs if re.fullmatch(r"\d{4}/index\.md", o.uri)}
    agency = site.agency
    index = SiteIndex(
        version=INDEX_VERSION,
        generator=f"oit-site {__version__}",
        agency=IndexAgency(
            name=agency.name,
            kind=agency.kind,
            district=agency.district,
            province=agency.province,
            website=agency.website,
        ),
        years=[
            IndexYear(
                year=fy.year,
                framework=fy.framework.name,
                sheet=f"{fy.year}/{ANSWER_SHEET_JSON}",
                updated=updated.get(str(fy.year)),
            )
            for fy in site.years
        ],
    )
    return json.dumps(index.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def collisions(site: Site, outputs: list[Output], own: frozenset[str]) -> list[ContentError]:
    """Files from content/ that would replace the site's own files or each other
    (in any spelling a case-blind host gives them)."""
    taken = {path_key("/" + uri): uri for uri in own}
    errors: list[ContentError] = []
    for output in outputs:
        key = path_key(path_of(output.uri))
        other = taken.get(key)
        if other is None:
            taken[key] = output.uri
            continue
        if output.path is None:
            raise AssertionError(f"two pages at {output.uri}")  # the build's own mistake
        errors.append(
            ContentError(
                site.rel(output.path),
                f"ไฟล์นี้จะเผยแพร่ที่ /{output.uri} ซึ่งซ้ำกับ /{other} "
                f"{'ของตัวเว็บไซต์ ' if other in own else ''}(it would replace /{other})",
                hint="เปลี่ยนชื่อไฟล์ หรือย้ายไปโฟลเดอร์อื่นใน content/assets/ เช่น content/assets/รูปภาพ/",
            )
        )
    return errors


def _with_year_dates(outputs: list[Output]) -> list[Output]:
    """Year and home pages change when anything under them does."""
    latest: dict[str, date] = {}
    for output in outputs:
        if output.lastmod:
            year = output.uri.split("/", 1)[0]
            latest[year] = max(latest.get(year, output.lastmod), output.lastmod)
    overall = max(latest.values(), default=None)
    dated = []
    for output in outputs:
        if output.uri == "index.md":
            output = replace(output, lastmod=overall)
        elif output.uri.endswith("/index.md") and output.uri.count("/") == 1:
            output = replace(output, lastmod=latest.get(output.uri.split("/", 1)[0]))
        dated.append(output)
    return dated


def redirect_outputs(
    site: Site,
    outputs: list[Output],
    site_url: str | None,
    own: frozenset[str],
    renderer: Renderer,
    editor_policy: str | None = None,
) -> list[Output]:
    """Forwarding pages, "gone" pages and server rules for ``content/redirects.yml``."""
    by_path = {path_of(o.uri): o for o in outputs}
    moves, errors = check_moves(site, set(by_path), {"/" + uri for uri in own})
    if errors:
        raise ContentErrors(errors)
    extra: list[Output] = []
    for move in moves:
        target = by_path[move.new]
        if move.old.endswith("/"):
            html = stub_html(move.old, move.new, site_url)
            extra.append(Output(move.old.lstrip("/") + "index.html", html, in_nav=False, listed=False))
        elif target.path is not None:
            # A moved document: a copy answers at the old path on any static host.
            extra.append(Output(move.old.lstrip("/"), path=target.path, in_nav=False, listed=False))
        else:
            extra.append(Output(move.old.lstrip("/"), content=target.content, in_nav=False, listed=False))
    for index, gone in enumerate(site.redirects.gone if site.redirects else []):
        extra.append(
            Output(
                gone.url.lstrip("/") + ("index.md" if gone.url.endswith("/") else ""),
                gone_page(site, index, renderer),
                in_nav=False,
                lastmod=gone.date,
            )
        )
    capitals = [
        (f"/{fy.year}/O{e.item.number}/", f"/{fy.year}/{e.item.slug}/") for fy in site.years for e in fy.items
    ]
    extra += [
        Output(
            NGINX_RULES,
            nginx_rules(moves, site_url, editor_policy, renderer.rules),
            in_nav=False,
            listed=False,
        ),
        Output(APACHE_RULES, apache_rules(moves, site_url, renderer.rules), in_nav=False, listed=False),
        Output(
            NETLIFY_REDIRECTS,
            netlify_rules(moves, capitals, site_url, renderer.rules),
            in_nav=False,
            listed=False,
        ),
        Output(HEADERS, header_rules(site_url, renderer.rules), in_nav=False, listed=False),
    ]
    return extra


def navigation(site: Site) -> list[Any]:
    """MkDocs ``nav``: home, then each fiscal year (newest first) with its items in order."""
    nav: list[Any] = [{"หน้าแรก": "index.md"}]
    for fy in site.years:
        children: list[Any] = [f"{fy.year}/index.md"]
        children += [{f"{e.item.code} {e.item.title}": f"{fy.year}/{e.item.slug}/index.md"} for e in fy.items]
        nav.append({f"ปีงบประมาณ {fy.year}": children})
    return nav
