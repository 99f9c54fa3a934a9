"""Write site_builder/frameworks/ita-<year>.yml from the reconstructed OIT item lists.

Usage: python scripts/frameworks_from_catalog.py [OUT_DIR]

Reads reference/oit_catalog.yaml (ITA 2564–2569 as reconstructed, with sources and
confidence) and reference/oit_lists_2568_2569.yaml, which supersedes its 2568 and 2569
lists (2568 has 28 items); nothing outside the repository. The reference files are
research material (sources, confidence, conflicts); the framework files are what the
builder reads, each item with where its title was seen and how sure that is. Run this
again when the reference improves; editors correct or complete a year in their own
content (content/<year>/year.yml) instead.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "site_builder" / "frameworks"
CATALOG = REPO / "reference" / "oit_catalog.yaml"
LISTS = REPO / "reference" / "oit_lists_2568_2569.yaml"

# Which OIT item *is* one of the structured parts of the year, by year and code.
PARTS: dict[int, dict[str, list[str]]] = {
    2564: {"O42": ["result", "analysis", "measures"], "O43": ["progress"]},
    2565: {"O42": ["result", "analysis", "measures"], "O43": ["progress"]},
    2566: {"O42": ["result", "analysis", "measures"], "O43": ["progress"]},
    2567: {"O42": ["result", "analysis", "measures"], "O43": ["progress"]},
    2568: {"O27": ["result", "analysis", "measures"], "O28": ["progress"]},
    2569: {"O25": ["result", "analysis", "measures"], "O26": ["progress"]},
}

# Indicator names of ITA 2568 as printed in a real agency's 2568 result (seed 000);
# the catalogue has no IIT/EIT structure for 2568 and 2569.
INDICATORS_2568 = [
    (1, "IIT", "การปฏิบัติหน้าที่", "Performance of duty"),
    (2, "IIT", "การใช้งบประมาณ", "Use of budget"),
    (3, "IIT", "การใช้อำนาจ", "Use of power"),
    (4, "IIT", "การใช้ทรัพย์สินของราชการ", "Use of government property"),
    (5, "IIT", "การแก้ไขปัญหาการทุจริต", "Tackling corruption"),
    (6, "EIT", "คุณภาพการดำเนินงาน", "Quality of operations"),
    (7, "EIT", "ประสิทธิภาพการสื่อสาร", "Communication effectiveness"),
    (8, "EIT", "การปรับปรุงการทำงาน", "Improvement of work"),
    (9, "OIT", "การเปิดเผยข้อมูล", "Information disclosure"),
    (10, "OIT", "การป้องกันการทุจริต", "Corruption prevention"),
]

LETTER_LEVELS = [
    {"name": "AA", "min": 95.0},
    {"name": "A", "min": 85.0},
    {"name": "B", "min": 75.0},
    {"name": "C", "min": 65.0},
    {"name": "D", "min": 55.0},
    {"name": "E", "min": 50.0},
    {"name": "F", "min": 0.0},
]
FIVE_LEVELS = [
    {"name": "ผ่านดีเยี่ยม", "name_en": "Pass – excellent", "min": 95.0, "every_tool_min": 95.0},
    {"name": "ผ่านดี", "name_en": "Pass – good", "min": 85.0, "every_tool_min": 85.0},
    {"name": "ผ่าน", "name_en": "Pass", "min": 85.0},
    {"name": "ต้องปรับปรุง", "name_en": "Needs improvement", "min": 70.0},
    {"name": "ต้องปรับปรุงโดยด่วน", "name_en": "Needs urgent improvement", "min": 0.0},
]


def _period(text: str | None) -> str | None:
    if not text:
        return None
    if text.startswith("current"):
        return "current"
    if text.startswith("previous"):
        return "previous"
    return None


def _clean_title(title: str) -> str:
    # "X (RTRDA heading: ...)" and "'X (RTRDA: ...)'" carry a source remark after the name.
    return re.sub(r"\s*\((RTRDA|not seen)[^)]*\)\s*$", "", title).strip().strip("'")


THAI = re.compile(r"[\u0e01-\u0e5b]")


def split_requirements(lines: Iterable[str]) -> tuple[list[str], list[str]]:
    """What the assessor expects, in the NACC's Thai words (shown on the item pages and in the
    scaffolds), apart from research notes: what one agency was seen to publish, sources, remarks
    in English ("RTRDA links: …"), kept as ``notes`` that nothing renders."""
    requirements: list[str] = []
    notes: list[str] = []
    for line in lines:
        text = str(line).strip().strip("'").strip()
        if THAI.match(text):
            requirements.append(text)
        elif text:
            notes.append(text)
    return requirements, notes


def _item(year: int, raw: dict[str, Any], sub_indicator: str | None) -> dict[str, Any]:
    code = raw["code"]
    item: dict[str, Any] = {"code": code, "title": _clean_title(str(raw["name_th"]))}
    gloss = raw.get("gloss_en")
    if gloss and not str(gloss).startswith("("):
        item["title_en"] = gloss
    if sub_indicator:
        item["indicator"] = sub_indicator
    if raw.get("group_th") and "uncertain" not in raw["group_th"]:
        item["group"] = raw["group_th"]
    requirements, notes = split_requirements(
        re.sub(r"\s*\[[^\]]*\]$", "", r) for r in raw.get("required_elements", [])
    )
    if requirements:
        item["requirements"] = requirements
    if notes:
        item["notes"] = notes
    period = _period(raw.get("data_period"))
    if period:
        item["data_period"] = period
    parts = PARTS.get(year, {}).get(code)
    if parts:
        item["parts"] = parts
    return item


def _indicators(year: int, entry: dict[str, Any]) -> list[dict[str, Any]]:
    iit = entry.get("iit", {}).get("indicators")
    eit = entry.get("eit", {}).get("indicators")
    oit = entry.get("oit", {}).get("indicators")
    if not (iit and eit and oit):
        return [{"number": n, "tool": t, "title": th, "title_en": en} for n, t, th, en in INDICATORS_2568]
    out = []
    for tool, group in (("IIT", iit), ("EIT", eit), ("OIT", oit)):
        for ind in group:
            row = {"number": int(ind["id"]), "tool": tool, "title": ind["name_th"]}
            if ind.get("name_en"):
                row["title_en"] = ind["name_en"]
            if ind.get("questions"):
                row["questions"] = ind["questions"]
            out.append(row)
    return out


def _data_period(text: object, year: int) -> str | None:
    """``2568 (current FY)``, ``previous FY (2568)``, ``2567`` → current or previous."""
    words = str(text or "")
    if "current" in words:
        return "current"
    if "previous" in words:
        return "previous"
    match = re.match(r"\s*(25\d\d)", words)
    if match:
        return {year: "current", year - 1: "previous"}.get(int(match.group(1)))
    return None


def _listed_item(
    year: int, raw: dict[str, Any], known: dict[str, dict[str, Any]], group: str | None
) -> dict[str, Any]:
    """An item of the newer lists, with the catalogue's English title, requirements and
    data period where the catalogue has an item of the same title."""
    code, title = raw["code"], str(raw["title"]).strip()
    item: dict[str, Any] = {"code": code, "title": title}
    same = known.get(title, {})
    for key in ("title_en", "requirements", "notes"):
        if same.get(key):
            item[key] = same[key]
    if group:
        item["group"] = group
    period = _data_period(raw.get("data_year_on_page") or raw.get("data_year"), year) or same.get(
        "data_period"
    )
    if period:
        item["data_period"] = period
    parts = PARTS.get(year, {}).get(code)
    if parts:
        item["parts"] = parts
    item["sources"] = [part.split(" (")[0].strip() for part in str(raw["source"]).split(";")]
    confidence = raw.get("confidence") or ("inferred" if "inferred" in str(raw.get("status", "")) else None)
    if confidence:
        item["confidence"] = str(confidence)
        item["verified"] = False
    if raw.get("title_as_published"):
        item["title_as_published"] = str(raw["title_as_published"])
    return item


def listed_framework(
    year: int, entry: dict[str, Any], listed: dict[str, Any], sources: dict[str, str]
) -> dict[str, Any]:
    """A year of the newer lists: its items from there, its scoring and indicators from the
    catalogue."""
    data = framework(year, entry)
    known = {item["title"]: item for item in data["items"]}
    groups = listed.get("groups") if isinstance(listed.get("groups"), list) else []
    group_of = {code: re.sub(r"\s*\(.*\)$", "", g["group_th"]) for g in groups for code in g["items"]}
    data["items"] = [_listed_item(year, raw, known, group_of.get(raw["code"])) for raw in listed["items"]]
    used = {key for item in data["items"] for key in item["sources"]}
    data["confidence"] = str(listed["confidence"])
    data["confirmed"] = str(listed["confidence"]).startswith("high")
    # An item's source is a key of `sources`, or a few words of its own ("override test fixture").
    data["sources"] = {key: text for key, text in sources.items() if key in used}
    return data


def framework(year: int, entry: dict[str, Any]) -> dict[str, Any]:
    scoring = entry["scoring"]
    weights = {k: float(v) for k, v in scoring["weights_percent"].items()}
    letter = "bands" in scoring
    items: list[dict[str, Any]] = []
    if "oit" in entry:
        oit = entry["oit"]
        if "indicators" in oit:
            for ind in oit["indicators"]:
                for sub in ind["sub_indicators"]:
                    items += [_item(year, it, str(sub["id"])) for it in sub["items"]]
        else:
            groups = {
                c: g["group_th"].replace(" (proposed)", "")
                for g in oit.get("groups_observed", [])
                for c in g["items"]
            }
            for it in oit["items"]:
                row = _item(year, it, None)
                if it["code"] in groups:
                    row["group"] = groups[it["code"]]
                items.append(row)
    else:
        variant = entry["oit_variants"]["general_agency_nacc"]
        items = [_item(year, it, None) for it in variant["items"]]
    return {
        "name": f"ita-{year}",
        "title": f"ITA {year}",
        "fiscal_year": year,
        "confidence": str(entry.get("confidence", "")),
        # Only a list that several sources give alike counts as confirmed; `check` asks
        # the editor to check any other against the NACC manual.
        "confirmed": str(entry.get("confidence", "")).startswith("high"),
        "scoring": {
            "weights": weights,
            "pass_mark": 85.0,
            "levels": LETTER_LEVELS if letter else FIVE_LEVELS,
        },
        "indicators": _indicators(year, entry),
        "items": items,
    }


def frameworks() -> dict[int, dict[str, Any]]:
    catalog = yaml.safe_load(CATALOG.read_text(encoding="utf-8"))
    lists = yaml.safe_load(LISTS.read_text(encoding="utf-8"))
    out = {}
    for year, entry in catalog.items():
        if not isinstance(year, int):
            continue
        if year in lists["lists"]:
            out[year] = listed_framework(year, entry, lists["lists"][year], lists["sources"])
        else:
            out[year] = framework(year, entry)
    return out


def main(out: Path = OUT) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for year, data in frameworks().items():
        header = (
            f"# OIT item list and scoring of ITA {year}, as shipped with the publisher.\n"
            "# Made by scripts/frameworks_from_catalog.py from reference/ (the reconstructed lists);\n"
            f"# correct or complete it for your agency in content/{year}/year.yml, not here.\n"
        )
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        (out / f"ita-{year}.yml").write_text(header + text, encoding="utf-8")
        print(f"ita-{year}: {len(data['items'])} items")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
