"""The kinds of content file, declared once: the loader, the JSON Schemas, the browser
editor, ``check`` and the command line read them from here."""

from __future__ import annotations

import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class FileKind:
    name: str
    """The kind's name (its schema's and its draft's, below)."""
    model: type[BaseModel]
    """The model the file is validated with."""
    file: str
    """The file's name in its folder (an item's ``index.md``, whose front matter it is)."""
    where: str
    """Where the file is, as the schema's description and the editor's forms say it."""
    label: str
    """What the editor's forms call it, in Thai."""
    short: str
    """Its short Thai name, in ``check``'s table and the editor's choices of parts."""
    in_year: bool = False
    """A file of a fiscal year's folder."""
    part: bool = False
    """A structured part (result, analysis, measures, progress): a year's page shows it,
    ``check`` reports on it and an item may be it."""

    @property
    def schema(self) -> str:
        """Its JSON Schema's ``$id``, the schema's file name under ``schema/``, which the
        files' ``# yaml-language-server: $schema=…`` line names."""
        return f"{self.name}.schema.json"

    @property
    def draft(self) -> str:
        """The draft ``oit-site import`` writes beside the file when it exists."""
        return f"{self.name}.imported.yml"


KINDS: tuple[FileKind, ...] = (
    FileKind("agency", Agency, "agency.yml", "content/agency.yml", "ข้อมูลหน่วยงาน", "หน่วยงาน"),
    FileKind(
        "year",
        YearConfig,
        "year.yml",
        "content/<ปี>/year.yml",
        "การตั้งค่าปี (กรอบการประเมินและรายการข้อ)",
        "กรอบการประเมิน",
        in_year=True,
    ),
    FileKind(
        "result",
        Result,
        "result.yml",
        "content/<ปี>/result.yml",
        "ผลการประเมิน ITA",
        "ผลการประเมิน",
        in_year=True,
        part=True,
    ),
    FileKind(
        "analysis",
        Analysis,
        "analysis.yml",
        "content/<ปี>/analysis.yml",
        "การวิเคราะห์ผลการประเมิน",
        "การวิเคราะห์ผล",
        in_year=True,
        part=True,
    ),
    FileKind(
        "measures",
        Measures,
        "measures.yml",
        "content/<ปี>/measures.yml",
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใส",
        "มาตรการ",
        in_year=True,
        part=True,
    ),
    FileKind(
        "progress",
        Progress,
        "progress.yml",
        "content/<ปี>/progress.yml",
        "รายงานผลการดำเนินการตามมาตรการ",
        "รายงานผลการดำเนินการ",
        in_year=True,
        part=True,
    ),
    FileKind(
        "item",
        ItemMeta,
        "index.md",
        "ส่วนหัวของ content/<ปี>/o<ข้อ>/index.md (front matter)",
        "ข้อ OIT",
        "ข้อ OIT",
    ),
    FileKind(
        "redirects",
        Redirects,
        "redirects.yml",
        "content/redirects.yml",
        "ที่อยู่ที่ย้ายหรือนำออก",
        "ที่อยู่ที่ย้าย",
    ),
)

YEAR_KINDS = tuple(k for k in KINDS if k.in_year)
"""The YAML files of a fiscal year's folder, in the order the editor's forms list them."""
PARTS = tuple(k for k in KINDS if k.part)
"""The structured parts, in the order a year's page and ``check`` show them."""


def kind(name: str) -> FileKind:
    """The kind called ``name``; a name not declared above is a mistake in the code."""
    for found in KINDS:
        if found.name == name:
            return found
    raise KeyError(name)


IMPORTED_DRAFT = re.compile(f"^({'|'.join(re.escape(part.draft) for part in PARTS)})$")
"""A draft ``oit-site import`` wrote beside a part that exists: the site does not read it,
``check`` lists it until it is merged and removed."""
