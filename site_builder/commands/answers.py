"""``oit-site answers YEAR``: the answer sheet for the NACC's system, as a table that fits
80 columns, CSV or JSON."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import TextIO

from site_builder.commands.common import config_of, site_of
from site_builder.commands.console import WIDTH, Failure, fit, width
from site_builder.errors import ContentErrors
from site_builder.model.published import csv_text
from site_builder.model.status import STATUSES
from site_builder.render.pages import ANSWER_COLUMNS, answer_sheet


def answers(config_file: Path, year: int, output_format: str, out: TextIO) -> int:
    config = config_of(config_file)
    try:
        site = site_of(config)
    except ContentErrors as errors:
        sys.stderr.write(f"{errors}\n")
        return 1
    if site.year(year) is None:
        raise Failure(f"ไม่มีโฟลเดอร์ปี {year} ใน content/ (no such year)")
    rows = answer_sheet(site, year, config.site_url)
    if output_format == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif output_format == "csv":
        writer = csv.DictWriter(out, fieldnames=ANSWER_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({key: csv_text(value) for key, value in row.items()} for row in rows)
    else:
        url_width = max(width(r["url"]) for r in rows)
        title_width = max(12, WIDTH - 6 - url_width - 1)
        out.write(fit("ข้อ", 6) + fit("รายการ (title)", title_width) + " URL\n")
        for row in rows:
            out.write(fit(row["code"], 6) + fit(row["title"], title_width) + " " + row["url"] + "\n")
            if row["status"] != STATUSES["complete"].thai:
                out.write(" " * 6 + f"✗ สถานะ: {row['status']}\n")
            if row["note"]:
                out.write(" " * 6 + fit(f"หมายเหตุ: {row['note']}", WIDTH - 6).rstrip() + "\n")
    return 0
