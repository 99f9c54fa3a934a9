"""The overview written as a static site: ``index.html`` (one row per agency, totals per
status, a chart of the distribution, the sites that could not be read and why),
``items.html`` (per item code, the agencies that lack it), ``agencies/<n>.html`` (an
agency's items with their status, each linked to its page on the agency's own site),
``overview.csv`` and ``overview.json``. Every string from another site is text: the
templates escape it, links lead only to http(s) addresses, and the pages run no script but
their own file (the Content-Security-Policy says so)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from site_builder import __version__
from site_builder.model.published import SheetRow, csv_text
from site_builder.overview.read import COMPLETE, STATUS_WORDS, Reading, item_url
from site_builder.thai import thai_date

CSV_COLUMNS = (
    "url",
    "name",
    "group",
    "district",
    "read",
    *STATUS_WORDS,
    "share_complete",
    "updated",
    "missing",
)


@dataclass
class Shown:
    """An agency as the overview's pages show it."""

    reading: Reading
    number: int

    def __getattr__(self, name: str) -> Any:
        return getattr(self.reading, name)

    @property
    def share(self) -> float:
        return self.reading.share_complete or 0.0

    @property
    def updated_thai(self) -> str:
        return thai_date(date.fromisoformat(self.reading.updated)) if self.reading.updated else ""

    @property
    def link(self) -> str | None:
        return None if self.reading.source.local else self.reading.source.url

    @property
    def items(self) -> list[tuple[SheetRow, str | None]]:
        return [(row, item_url(self.reading, row)) for row in self.reading.rows]


def overview_json(readings: list[Reading]) -> list[dict[str, Any]]:
    return [
        {
            "url": r.source.url,
            "name": r.name,
            "group": r.source.group,
            "read": True if r.problem is None else r.problem,
            "counts": r.counts if r.problem is None else {},
            "missing": r.missing if r.problem is None else [],
        }
        for r in readings
    ]


def overview_csv(readings: list[Reading]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # Excel reads Thai from a CSV file with a byte-order mark
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in readings:
        ok = r.problem is None
        counts = r.counts if ok else {}
        share = r.share_complete
        row = [
            r.source.url,
            r.name,
            r.source.group,
            r.district,
            "อ่านได้" if ok else r.problem or "",
            *(str(counts.get(word, "")) if ok else "" for word in STATUS_WORDS),
            f"{share * 100:.1f}" if ok and share is not None else "",
            r.updated,
            " ".join(r.missing) if ok else "",
        ]
        writer.writerow([csv_text(str(cell)) for cell in row])
    return buffer.getvalue()


BUCKETS = (
    ("ครบทุกข้อ", 1.0, 1.01),
    ("ร้อยละ 80–99", 0.8, 1.0),
    ("ร้อยละ 50–79", 0.5, 0.8),
    ("ต่ำกว่าร้อยละ 50", 0.0, 0.5),
)


def distribution_chart(shown: list[Shown]) -> Markup:
    """A bar per band of the share complete: how many agencies are in it."""
    counts = [sum(1 for s in shown if low <= s.share < high) for _, low, high in BUCKETS]
    most = max(counts, default=0) or 1
    rows = []
    for index, ((label, _, _), count) in enumerate(zip(BUCKETS, counts, strict=True)):
        y = 10 + index * 34
        width = round(300 * count / most)
        rows.append(
            f'<text x="0" y="{y + 17}" font-size="13">{escape(label)}</text>'
            f'<rect x="150" y="{y}" width="{width}" height="24" fill="#4051b5">'
            f"<title>{escape(label)}: {count}</title></rect>"
            f'<text x="{156 + width}" y="{y + 17}" font-size="13">{count:,}</text>'
        )
    height = 10 + len(BUCKETS) * 34
    label = "จำนวนหน่วยงานตามสัดส่วนข้อที่ครบ"
    return Markup(f'<svg viewBox="0 0 520 {height}" role="img" aria-label="{label}">{"".join(rows)}</svg>')


def write_overview(folder: Path, readings: list[Reading], year: int | None) -> None:
    """Write the overview into ``folder`` (made anew: a file of an earlier run is gone)."""
    env = Environment(
        loader=PackageLoader("site_builder", "templates/overview"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    shown = [Shown(r, n) for n, r in enumerate(readings, start=1)]
    read = sorted((s for s in shown if s.problem is None), key=lambda s: s.name)
    failed = [s for s in shown if s.problem is not None]
    totals = {word: sum(s.counts[word] for s in read) for word in STATUS_WORDS}
    items: dict[str, dict[str, Any]] = {}
    titles: dict[str, Counter[str]] = {}
    for s in read:
        for row in s.rows:
            item = items.setdefault(row.code, {"code": row.code, "title": "", "lacking": []})
            titles.setdefault(row.code, Counter())[row.title] += 1
            if row.status != COMPLETE:
                item["lacking"].append((s, row.status))
    for code, item in items.items():
        item["title"] = titles[code].most_common(1)[0][0]  # the title most sites give
    ordered = sorted(items.values(), key=lambda i: (-len(i["lacking"]), _code_key(i["code"])))
    common = {
        "root": "",
        "year": year,
        "total": len(readings),
        "words": STATUS_WORDS,
        "complete": COMPLETE,
        "read_at": thai_date(datetime.now().date()),
        "generator": f"oit-site {__version__}",
    }
    staging = folder.with_name(folder.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "agencies").mkdir(parents=True)
    (staging / "assets").mkdir()

    def page(name: str, template: str, **context: Any) -> None:
        (staging / name).write_text(env.get_template(template).render(**common, **context), encoding="utf-8")

    districts = sorted({s.district for s in read if s.district})
    page(
        "index.html",
        "index.html",
        read=read,
        failed=failed,
        totals=totals,
        districts=districts,
        chart=distribution_chart(read),
    )
    page("items.html", "items.html", read=read, items=ordered)
    for s in read:
        (staging / "agencies" / f"{s.number}.html").write_text(
            env.get_template("agency.html").render(**{**common, "root": "../"}, r=s), encoding="utf-8"
        )
    for asset in ("overview.css", "overview.js"):
        source = env.loader.get_source(env, asset)[0]  # type: ignore[union-attr]
        (staging / "assets" / asset).write_text(source, encoding="utf-8")
    (staging / "overview.json").write_text(
        json.dumps(overview_json(readings), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (staging / "overview.csv").write_text(overview_csv(readings), encoding="utf-8")
    old = folder.with_name(folder.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    staging.rename(folder)
    shutil.rmtree(old, ignore_errors=True)


def _code_key(code: str) -> tuple[str, int]:
    digits = "".join(c for c in code if c.isdigit())
    return (code.rstrip("0123456789"), int(digits) if digits else 0)
