"""Each seed's report, written in our content format, must appear whole on the built site."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SEEDS, site_text

from site_builder.load.yamlpos import load_yaml
from site_builder.render.typed_numbers import typed_number
from site_builder.thai import THAI_DIGITS, Month, parse_number, thai_date, to_arabic_digits

# Keys whose values are identifiers or settings, not text a reader sees.
NOT_SHOWN = {"id", "tool", "measure", "status", "framework"}
# Keys whose values are Markdown prose: compared phrase by phrase, without markup.
MARKDOWN = {"summary", "intro", "description", "note", "issue", "remedy"}


ROW_IDS = {"oit-measures": "measure-", "oit-progress": "progress-"}


def leaves(value: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for k, v in value.items():
            if str(k) not in NOT_SHOWN:
                yield from leaves(v, str(k))
    elif isinstance(value, list):
        for v in value:
            yield from leaves(v, key)
    elif value is not None:
        yield key, value


def expected_phrases(key: str, value: Any) -> list[str]:
    """How a value written in content reads on the page."""
    if isinstance(value, date):
        return [thai_date(value)]
    if isinstance(value, bool):
        return []
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value):
        return [thai_date(Month(int(value[:4]), int(value[5:])))]
    if key in {"indicator", "addresses"}:
        code = to_arabic_digits(str(value)).lower()
        return [f"ตัวชี้วัดที่ {code}" if code.isdigit() else f"ข้อ {code}"]
    if isinstance(value, int | float) or (
        isinstance(value, str) and any(c in THAI_DIGITS for c in value) and re.fullmatch(r"[\d๐-๙.]+", value)
    ):
        if key in {"position", "of", "fiscal_year", "number"}:
            return [to_arabic_digits(str(value))]
        # A score as it was typed: its digits, Thai or Arabic, and its decimals.
        parse_number(value)
        return [str(value)]
    text = str(value)
    if key in MARKDOWN:
        phrases = []
        for line in text.split("\n"):
            for cell in line.split("|"):
                # Markdown's own list marks are not on the page; a Thai number typed at the
                # start of a line is, as typed (๑. stays ๑.).
                cell = re.sub(r"\*\*|^\s*-\s+|^-+$|^[0-9]+\.\s+", "", cell.strip()).strip()
                if len(cell) > 1:
                    phrases.append(cell)
        return phrases
    return [text]


def normalise(text: str) -> str:
    return " ".join(text.replace("“", '"').replace("”", '"').split())


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.iterdir() if p.is_dir()))
def test_seed_is_carried_whole(seed: str, build_site: Callable[..., Path]) -> None:
    expected = yaml.safe_load((SEEDS / seed / "expected.yml").read_text(encoding="utf-8"))
    site = build_site(SEEDS / seed / "content")
    html = (site / expected["page"] / "index.html").read_text(encoding="utf-8")
    text = normalise(site_text(html))

    # Every value of every file of the fixture is on the page.
    missing = []
    for path in sorted((SEEDS / seed / "content").rglob("*.yml")):
        if path.name == "agency.yml":
            continue
        data, _ = load_yaml(path.read_text(encoding="utf-8"), path.name)
        for key, value in leaves(data):
            for phrase in expected_phrases(key, value):
                phrase = normalise(to_arabic_digits(phrase) if key in {"questions", "code"} else phrase)
                typed = typed_number(phrase)
                if typed is not None:  # ๑.การป้องกัน… shows as the point ๑. and its text
                    phrase = " ".join(typed)
                if phrase.lower() not in text.lower():
                    missing.append(f"{path.name}: {key}: {phrase[:80]}")
    assert not missing, "\n".join(missing)

    for score in expected["scores"]:
        assert score in text, score
    for phrase in expected["texts"]:
        assert phrase in text, phrase
    for table, columns in expected["columns"].items():
        head = re.search(rf'<table class="oit-{table}">\s*<thead>(.*?)</thead>', html, re.S)
        assert head, table
        # A heading as it reads (its short words kept whole on a line by spans of their own).
        headings = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<th[^>]*>(.*?)</th>", head.group(1))]
        # The report's headings in the report's order, and exactly the columns the site adds.
        assert [h for h in headings if h in columns] == columns, (table, headings)
        assert [h for h in headings if h not in columns] == expected.get("added", {}).get(table, []), headings
    for table, count in expected["rows"].items():
        # Rows of the table itself.
        marker = ROW_IDS.get(table)
        if marker:
            rows = len(re.findall(rf'<tr id="{marker}', html))
        else:
            bodies = re.findall(rf'<table class="{table}">.*?<tbody>(.*?)</tbody>', html, re.S)
            rows = sum(len(re.findall(r"<tr[ >]", b)) for b in bodies)
        assert rows == count, (table, rows)
