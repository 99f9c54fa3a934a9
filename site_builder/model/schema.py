"""JSON Schema for every content file kind, from the same models the loader validates with.

Editors' YAML files point at them (``# yaml-language-server: $schema=…``), so VS Code
and other editors complete keys and flag mistakes while the clerk types. What a built site
publishes for machines has its schemas too, from the models that write and read it: the
site index (``/oit-site.json``) and each year's answer sheet (``/<year>/oit.json``). The
browser editor's forms are made from them; ``oit-site schema`` and ``oit-site init`` write
them (:mod:`site_builder.commands.schema`).
"""

from __future__ import annotations

import json
from typing import Any

from site_builder.model.kinds import kind
from site_builder.model.published import Sheet, SiteIndex


def _integer_keys(schema: Any) -> Any:
    """JSON object keys are always text: ``indicators: {1: 93.5}`` has the key "1"."""
    if isinstance(schema, dict):
        if schema.get("propertyNames", {}).get("type") == "integer":
            schema["propertyNames"] = {"pattern": "^[0-9๐-๙]+$"}
        return {key: _integer_keys(value) for key, value in schema.items()}
    if isinstance(schema, list):
        return [_integer_keys(value) for value in schema]
    return schema


def schema_of(name: str) -> dict[str, Any]:
    declared = kind(name)
    schema = _integer_keys(declared.model.model_json_schema())
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": declared.schema,
        **schema,
        "description": f"{schema.get('description', '')} · {declared.where}".strip(" ·"),
    }


def schema_text(name: str) -> str:
    """The schema file's text, as ``oit-site schema`` writes it."""
    return json.dumps(schema_of(name), ensure_ascii=False, indent=2) + "\n"


def index_schema_text() -> str:
    """The schema of the site index every build publishes (``/oit-site.json``)."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "site-index.schema.json",
        **SiteIndex.model_json_schema(),
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def answer_sheet_schema_text() -> str:
    """The schema of a year's answer sheet (``/<year>/oit.json``): a list of the rows of
    :class:`~site_builder.model.published.Sheet`, as the build writes it."""
    sheet = Sheet.model_json_schema()
    rows = {key: value for key, value in sheet["properties"]["rows"].items() if key != "title"}
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "answer-sheet.schema.json",
        "title": "AnswerSheet",
        "description": (
            "แบบคำตอบ OIT ของปีงบประมาณ /<ปี>/oit.json หนึ่งแถวต่อข้อ (a year's answer sheet: one row per item)"
        ),
        **rows,
        "$defs": sheet["$defs"],
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
