"""JSON Schema for every content file kind, from the same models the loader validates with.

Editors' YAML files point at them (``# yaml-language-server: $schema=…``), so VS Code
and other editors complete keys and flag mistakes while the clerk types.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from site_builder.model.content import (
    Agency,
    Analysis,
    ItemMeta,
    Measures,
    Progress,
    Redirects,
    Result,
    YearConfig,
)

KINDS: dict[str, tuple[type[BaseModel], str]] = {
    "agency": (Agency, "content/agency.yml"),
    "year": (YearConfig, "content/<ปี>/year.yml"),
    "result": (Result, "content/<ปี>/result.yml"),
    "analysis": (Analysis, "content/<ปี>/analysis.yml"),
    "measures": (Measures, "content/<ปี>/measures.yml"),
    "progress": (Progress, "content/<ปี>/progress.yml"),
    "item": (ItemMeta, "ส่วนหัวของ content/<ปี>/o<ข้อ>/index.md (front matter)"),
    "redirects": (Redirects, "content/redirects.yml"),
}
FILE_KINDS = {
    "agency.yml": "agency",
    "year.yml": "year",
    "result.yml": "result",
    "analysis.yml": "analysis",
    "measures.yml": "measures",
    "progress.yml": "progress",
    "redirects.yml": "redirects",
}


def _integer_keys(schema: Any) -> Any:
    """JSON object keys are always text: ``indicators: {1: 93.5}`` has the key "1"."""
    if isinstance(schema, dict):
        if schema.get("propertyNames", {}).get("type") == "integer":
            schema["propertyNames"] = {"pattern": "^[0-9๐-๙]+$"}
        return {key: _integer_keys(value) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_integer_keys(value) for value in schema]
    return schema


def schema_of(kind: str) -> dict[str, Any]:
    model, where = KINDS[kind]
    schema = _integer_keys(model.model_json_schema())
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{kind}.schema.json",
        **schema,
        "description": f"{schema.get('description', '')} · {where}".strip(" ·"),
    }


def schema_text(kind: str) -> str:
    """The schema file's text, as ``oit-site schema`` writes it."""
    return json.dumps(schema_of(kind), ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        path = folder / f"{kind}.schema.json"
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written
