"""The OIT item lists and scoring schemes shipped with the publisher, one YAML file a year."""

from __future__ import annotations

from pathlib import Path

import yaml

from site_builder.model.framework import Framework

FRAMEWORKS_DIR = Path(__file__).resolve().parent


def available_frameworks() -> list[str]:
    return sorted(p.stem for p in FRAMEWORKS_DIR.glob("ita-*.yml"))


def load_framework(name: str) -> Framework | None:
    if name not in available_frameworks():  # a name from content never becomes a path of its own
        return None
    path = FRAMEWORKS_DIR / f"{name}.yml"
    return Framework.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def nearest_framework(year: int) -> str:
    """``ita-<year>`` when the package has it, else the list of the nearest year it has (the
    newest, for a year the NACC has not published yet): what ``init``, ``new-year`` and
    ``import`` all start a year from, and say so."""
    names = available_frameworks()
    name = f"ita-{year}"
    if name in names:
        return name
    return min(names, key=lambda n: (abs(int(n.split("-")[1]) - year), -int(n.split("-")[1])))
