"""A framework: the OIT item list, indicators and scoring scheme of one ITA year.

Frameworks are data (``site_builder/frameworks/ita-<year>.yml``); a fiscal year in
content names one and may add, rename, remove or replace its items in ``year.yml``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Tool = Literal["IIT", "EIT", "OIT"]
TOOLS: tuple[Tool, ...] = ("IIT", "EIT", "OIT")
Part = Literal["result", "analysis", "measures", "progress"]
"""The structured parts: the names of :data:`site_builder.model.kinds.PARTS`, which the tests
hold them to (a literal, for the type checker)."""
DataPeriod = Literal["current", "previous", "first_half", "any"]

ITEM_CODE = re.compile(r"^O([1-9][0-9]*)$")


def normalise_item_code(value: object) -> str:
    """``o7``, ``O07``, ``O๗`` → ``O7``; anything else is refused with a hint."""
    from site_builder.thai import to_arabic_digits

    text = to_arabic_digits(str(value)).strip()
    match = re.fullmatch(r"[oO]0*([1-9][0-9]*)", text)
    if not match:
        hidden = [c for c in str(value) if unicodedata.category(c) in ("Cf", "Cc", "Zs") and c != " "]
        what = f" มีอักขระที่มองไม่เห็น U+{ord(hidden[0]):04X} (an invisible character)" if hidden else ""
        raise ValueError(f"รหัสข้อ '{value}' ไม่ถูกต้อง (bad item code){what}; เขียนเป็น O ตามด้วยเลขข้อ เช่น O1, O12")
    return f"O{match.group(1)}"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True)


class Level(Strict):
    """One result level of a scoring scheme; the first level whose conditions hold applies."""

    name: str = Field(description="ชื่อระดับ เช่น ผ่านดี หรือ A (level name)")
    name_en: str | None = Field(None, description="ชื่อภาษาอังกฤษ (English name)")
    min: float = Field(description="คะแนนรวมขั้นต่ำ (lowest overall score of this level)")
    every_tool_min: float | None = Field(
        None, description="คะแนนขั้นต่ำของทุกเครื่องมือ IIT EIT OIT (lowest score every tool must reach)"
    )


class Scoring(Strict):
    """Weights of the three tools and the levels of the year."""

    weights: dict[Tool, float] = Field(description="น้ำหนักร้อยละของแต่ละเครื่องมือ (weight of each tool, %)")
    pass_mark: float = Field(85.0, description="เกณฑ์ผ่าน (pass mark)")
    levels: list[Level] = Field(description="ระดับผลการประเมิน เรียงจากสูงไปต่ำ (levels, highest first)")


class Indicator(Strict):
    """One of the ten ITA indicators."""

    number: int = Field(ge=1, le=10, description="ตัวชี้วัดที่ (indicator number)")
    tool: Tool = Field(description="เครื่องมือ IIT EIT หรือ OIT (tool)")
    title: str = Field(description="ชื่อตัวชี้วัด (title)")
    title_en: str | None = Field(None, description="ชื่อภาษาอังกฤษ (English title)")
    questions: str | None = Field(None, description="ช่วงข้อคำถาม เช่น i1-i6 (question range)")


class FrameworkItem(Strict):
    """One OIT item of a year's list."""

    code: str = Field(description="รหัสข้อ เช่น O1 (item code)")
    title: str = Field(description="ชื่อข้อ (item title)")
    title_en: str | None = Field(None, description="ชื่อภาษาอังกฤษ (English title)")
    indicator: str | None = Field(None, description="ตัวชี้วัดย่อย เช่น 9.1 (sub-indicator)")
    group: str | None = Field(None, description="หมวด (group)")
    requirements: list[str] = Field(
        default_factory=list, description="องค์ประกอบที่ผู้ตรวจประเมินคาดหวัง (what the assessor expects)"
    )
    notes: list[str] = Field(
        default_factory=list,
        description="บันทึกการค้นคว้าของรายการ ไม่แสดงบนเว็บไซต์"
        " (research notes: what an agency was seen to publish; never shown)",
    )
    data_period: DataPeriod | None = Field(
        None,
        description="ข้อมูลต้องเป็นของช่วงใด: current ปีปัจจุบัน, previous ปีก่อน, first_half 6 เดือนแรก (data period)",
    )
    parts: list[Part] = Field(
        default_factory=list,
        description="ส่วนที่มีโครงสร้างที่ข้อนี้แสดง: result analysis measures progress (structured parts shown)",
    )
    verified: bool = Field(True, description="ชื่อข้อยืนยันกับคู่มือ ป.ป.ช. แล้ว (title checked against the manual)")
    sources: list[str] = Field(
        default_factory=list, description="ที่มาของชื่อข้อ: รหัสใน sources ของกรอบ (where the title was seen)"
    )
    confidence: str | None = Field(None, description="ความเชื่อมั่นของชื่อข้อนี้ (confidence of this title)")
    title_as_published: str | None = Field(
        None, description="ชื่อตามที่หน่วยงานต้นทางเผยแพร่ ถ้าต่างจากชื่อกลาง (title as the source printed it)"
    )

    _code = field_validator("code", mode="before")(lambda v: normalise_item_code(v))

    @property
    def number(self) -> int:
        return int(self.code[1:])

    @property
    def slug(self) -> str:
        """The URL segment: lowercase ``o``, no zero padding (``o1``, ``o43``)."""
        return f"o{self.number}"


class Framework(Strict):
    """The OIT item list, indicators and scoring of one ITA year."""

    name: str = Field(description="ชื่อกรอบการประเมิน เช่น ita-2568 (framework name)")
    title: str = Field(description="ชื่อที่แสดง (display title)")
    fiscal_year: int = Field(description="ปีงบประมาณ พ.ศ. (fiscal year, Buddhist era)")
    confidence: str = Field("", description="ความเชื่อมั่นของรายการ (confidence of the list)")
    confirmed: bool = Field(
        False,
        description="รายการนี้ตรงกับคู่มือ ป.ป.ช. ที่หลายแหล่งยืนยันตรงกัน (the list agrees across sources)",
    )
    sources: dict[str, str] = Field(
        default_factory=dict, description="แหล่งที่มาของรายการ ตามรหัส (sources of the list, by id)"
    )
    scoring: Scoring
    indicators: list[Indicator]
    items: list[FrameworkItem]

    def item(self, code: str) -> FrameworkItem | None:
        for item in self.items:
            if item.code == code:
                return item
        return None

    def indicator(self, number: int) -> Indicator | None:
        for indicator in self.indicators:
            if indicator.number == number:
                return indicator
        return None
