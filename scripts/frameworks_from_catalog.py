"""Write site_builder/frameworks/ita-<year>.yml from the reconstructed OIT catalogue.

Usage: python scripts/frameworks_from_catalog.py ../shared/reference/oit_catalog.yaml

The catalogue is research material (sources, confidence, conflicts); the framework
files are what the builder reads. Run this again when the catalogue improves; editors
correct or complete a year in their own content (content/<year>/year.yml) instead.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import yaml

OUT = Path(__file__).resolve().parent.parent / "site_builder" / "frameworks"

# Which OIT item *is* one of the structured parts of the year, by year and code.
PARTS: dict[int, dict[str, list[str]]] = {
    2564: {"O42": ["result", "analysis", "measures"], "O43": ["progress"]},
    2565: {"O42": ["result", "analysis", "measures"], "O43": ["progress"]},
    2566: {"O42": ["result", "analysis", "measures"], "O43": ["progress"]},
    2567: {"O42": ["result", "analysis", "measures"], "O43": ["progress"]},
    2569: {"O25": ["result", "analysis", "measures"], "O26": ["progress"]},
}

# Items the catalogue could not name. The title is the best inference and is marked
# unverified, so `check` can ask the editor to confirm it against the NACC manual.
INFERRED: dict[int, dict[str, str]] = {
    2568: {
        "O2": "ข้อมูลผู้บริหาร",
        "O6": "แผนดำเนินงานและการใช้งบประมาณประจำปี",
        "O7": "รายงานผลการดำเนินงานประจำปี",
        "O25": "แผนปฏิบัติการป้องกันการทุจริต",
        "O26": "รายงานผลการดำเนินงานตามแผนปฏิบัติการป้องกันการทุจริต",
    },
    2569: {
        "O2": "ข้อมูลผู้บริหาร",
        "O6": "แผนดำเนินงานและการใช้งบประมาณประจำปี",
        "O7": "รายงานผลการดำเนินงานประจำปี",
    },
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


def _item(year: int, raw: dict[str, Any], sub_indicator: str | None) -> dict[str, Any]:
    code = raw["code"]
    title = str(raw["name_th"])
    verified = True
    inferred = INFERRED.get(year, {}).get(code)
    if inferred:
        title, verified = inferred, False
    else:
        title = _clean_title(title)
    item: dict[str, Any] = {"code": code, "title": title}
    gloss = raw.get("gloss_en")
    if gloss and not str(gloss).startswith("("):
        item["title_en"] = gloss
    if sub_indicator:
        item["indicator"] = sub_indicator
    if raw.get("group_th") and "uncertain" not in raw["group_th"]:
        item["group"] = raw["group_th"]
    requirements = [re.sub(r"\s*\[[^\]]*\]$", "", r) for r in raw.get("required_elements", [])]
    if requirements:
        item["requirements"] = requirements
    period = _period(raw.get("data_period"))
    if period:
        item["data_period"] = period
    parts = PARTS.get(year, {}).get(code)
    if parts:
        item["parts"] = parts
    if not verified:
        item["verified"] = False
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
        "scoring": {
            "weights": weights,
            "pass_mark": 85.0,
            "levels": LETTER_LEVELS if letter else FIVE_LEVELS,
        },
        "indicators": _indicators(year, entry),
        "items": items,
    }


def main(catalog_path: str) -> None:
    catalog = yaml.safe_load(Path(catalog_path).read_text(encoding="utf-8"))
    OUT.mkdir(parents=True, exist_ok=True)
    for year, entry in catalog.items():
        if not isinstance(year, int):
            continue
        data = framework(year, entry)
        header = (
            f"# OIT item list and scoring of ITA {year}, as shipped with the publisher.\n"
            "# Made by scripts/frameworks_from_catalog.py from the reconstructed catalogue;\n"
            f"# correct or complete it for your agency in content/{year}/year.yml, not here.\n"
        )
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        (OUT / f"ita-{year}.yml").write_text(header + text, encoding="utf-8")
        print(f"ita-{year}: {len(data['items'])} items")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/oit_catalog.yaml")
