"""``oit-site schema``: the JSON Schemas editors' YAML files point at, written into the
site's ``schema/`` folder (the schemas themselves: :mod:`site_builder.model.schema`)."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from site_builder.model.kinds import KINDS
from site_builder.model.schema import answer_sheet_schema_text, index_schema_text, schema_text


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for declared in KINDS:
        path = folder / declared.schema
        path.write_text(schema_text(declared.name), encoding="utf-8")
        written.append(path)
    for name, text in (("site-index", index_schema_text()), ("answer-sheet", answer_sheet_schema_text())):
        path = folder / f"{name}.schema.json"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def schema(config_file: Path, out: TextIO) -> int:
    """The schemas written beside ``mkdocs.yml``, each file's name on a line."""
    for path in write_schemas(config_file.resolve().parent / "schema"):
        out.write(f"{path.name}\n")
    return 0
