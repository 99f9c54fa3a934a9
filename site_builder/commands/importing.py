"""``oit-site import REPORT``: an earlier report (PDF, DOCX, text) drafted into
``content/<year>/``, with the list of what to review; a year the site had no folder for gets
its items as ``new-year`` makes them."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import TextIO

import yaml

from site_builder.commands.common import config_of
from site_builder.commands.console import Failure
from site_builder.commands.new_year import new_year


def import_command(config_file: Path, report: Path, year: int | None, output_format: str, out: TextIO) -> int:
    from site_builder.importer import Refused, import_report
    from site_builder.importer.review import review_json, review_text

    config = config_of(config_file)
    content = Path(config.docs_dir)
    if year is not None and not 2500 <= year <= 2700:
        raise Failure(f"ปี {year} ไม่ใช่ปีงบประมาณ พ.ศ. (not a Buddhist-era fiscal year); เช่น --year 2567")
    try:
        imported = import_report(report, content, year, _agency_name(content))
    except Refused as refused:
        if output_format == "json":
            out.write(json.dumps({"ok": False, "error": str(refused)}, ensure_ascii=False, indent=2) + "\n")
            return 1
        raise Failure(str(refused)) from None
    # A year imported into a site that has no folder for it gets its items as new-year makes
    # them: the year's page lists them, and the item that is the imported part shows it.
    folder = content / str(imported.year)
    items = [path for path in folder.iterdir() if path.is_dir() and ITEM_FOLDER.match(path.name)]
    if not items:
        new_year(config_file, imported.year, imported.framework, io.StringIO())
    made = [path for path in folder.iterdir() if path.is_dir() and ITEM_FOLDER.match(path.name)]
    review = review_json(imported, content.parent)
    review["items_made"] = len(made) - len(items)
    out.write(
        json.dumps(review, ensure_ascii=False, indent=2) + "\n"
        if output_format == "json"
        else review_text(review)
    )
    return 0


ITEM_FOLDER = re.compile(r"^o[1-9][0-9]*$")


def _agency_name(content: Path) -> str | None:
    """The agency's name in agency.yml, for the import to compare with the report's."""
    try:
        data = yaml.safe_load((content / "agency.yml").read_text(encoding="utf-8-sig"))
    except (OSError, yaml.YAMLError):
        return None
    name = data.get("name") if isinstance(data, dict) else None
    return name if isinstance(name, str) else None
