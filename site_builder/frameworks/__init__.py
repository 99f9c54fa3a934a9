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
