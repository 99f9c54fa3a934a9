"""What a built site publishes for machines: its index (``/oit-site.json``) and each
year's answer sheet (``/<year>/oit.json``).

The build writes them from these models and ``oit-site overview`` reads other agencies'
sites with the same models, so what is written is what can be read; ``oit-site schema``
writes their JSON Schemas beside the content files' (``schema/site-index.schema.json``).
Everything read from another site is untrusted: the models bound every string's length
and the number of years and rows.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from site_builder.built import SITE_INDEX
from site_builder.model.site import State

INDEX_FILE = SITE_INDEX
"""The site index, at the site's root."""
INDEX_VERSION = 1

Text = Annotated[str, StringConstraints(max_length=2000)]
Short = Annotated[str, StringConstraints(max_length=300)]


class _Published(BaseModel):
    # Read from other sites: keys this version does not know are ignored, not refused,
    # so that a newer generator's index still reads.
    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)


class IndexAgency(_Published):
    """หน่วยงานเจ้าของเว็บไซต์ (the agency whose site it is)."""

    name: Short = Field(description="ชื่อหน่วยงาน (name)")
    kind: Short | None = Field(None, description="ประเภทหน่วยงาน (kind)")
    district: Short | None = Field(None, description="อำเภอ (district)")
    province: Short | None = Field(None, description="จังหวัด (province)")
    website: Short | None = Field(None, description="เว็บไซต์หลัก (main website)")


class IndexYear(_Published):
    """ปีงบประมาณหนึ่งของเว็บไซต์ (one fiscal year of the site)."""

    year: int = Field(ge=2500, le=2700, description="ปีงบประมาณ พ.ศ. (fiscal year)")
    framework: Short = Field(description="กรอบการประเมิน เช่น ita-2568 (framework)")
    sheet: Short = Field(description="แบบคำตอบของปี จากรากของเว็บไซต์ เช่น 2568/oit.json (answer sheet)")
    updated: date | None = Field(None, description="วันที่ของเนื้อหาล่าสุดของปี (newest content of the year)")


class SiteIndex(_Published):
    """ดัชนีของเว็บไซต์ OIT: /oit-site.json (the index of an OIT site)."""

    version: Literal[1] = Field(description="รุ่นของรูปแบบ (format version)")
    generator: Short = Field(description="โปรแกรมที่สร้าง เช่น oit-site 0.2.0 (generator)")
    agency: IndexAgency
    years: list[IndexYear] = Field(max_length=50, description="ปีงบประมาณ ใหม่ก่อน (years, newest first)")


class SheetRow(_Published):
    """หนึ่งข้อของแบบคำตอบ /<ปี>/oit.json (one item of an answer sheet)."""

    code: Short = Field(description="รหัสข้อ เช่น O1 (code)")
    title: Text = Field(description="ชื่อข้อ (title)")
    url: Text = Field(description="ที่อยู่ของหน้าข้อ (the item's page)")
    status: Short = Field(description="สถานะ เช่น ครบ (status, in check's words)")
    state: State | None = Field(
        None,
        description="สถานะสำหรับโปรแกรม ไม่เปลี่ยนตามถ้อยคำ เช่น complete"
        " (the status as a stable key: missing, empty, todo, out_of_period, stale, complete;"
        " absent in sheets of versions before it)",
    )
    note: Text = Field("", description="คำอธิบายสำหรับผู้ตรวจประเมิน (note for the assessor)")


class Sheet(_Published):
    rows: list[SheetRow] = Field(max_length=200)


# A cell that starts with one of these is a formula to Excel and LibreOffice
# (=HYPERLINK(…), +cmd|…, @SUM(…)): such a cell is written with a leading apostrophe,
# which spreadsheets show as text and do not display.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_text(value: str) -> str:
    """A CSV cell that a spreadsheet shows as the text it is, never as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value
