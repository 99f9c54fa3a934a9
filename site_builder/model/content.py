"""What editors write under ``content/``: one model per file kind.

Field descriptions are Thai first, then English; they are what an editor reads in
autocompletion and in error messages.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    Field,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from site_builder.errors import ValueErrorAt
from site_builder.model.framework import (
    DataPeriod,
    FrameworkItem,
    Part,
    Scoring,
    Strict,
    Tool,
    normalise_item_code,
)
from site_builder.thai import (
    Month,
    TypedFloat,
    bare_district,
    bare_province,
    district_label,
    fiscal_year_bounds,
    parse_number,
    province_label,
    to_arabic_digits,
    typed_text,
)
from site_builder.urls import URL_SYNTAX, invisible_or_control

P = TypeVar("P", bound=str)


def _score(value: object) -> float:
    number = parse_number(value)
    if not 0 <= number <= 100:
        raise ValueError(f"คะแนนต้องอยู่ระหว่าง 0 ถึง 100 แต่พบ {value} (score must be between 0 and 100)")
    # The score as typed (๘๔.๓, 84.30, 100) is what the pages show.
    typed = typed_text(value) or (value.strip() if isinstance(value, str) else None)
    return TypedFloat(number, typed) if typed else number


Score = Annotated[
    float,
    PlainValidator(_score),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 100},
                {"type": "string", "pattern": r"^\s*([0-9]+(\.[0-9]+)?|[๐-๙]+(\.[๐-๙]+)?)\s*$"},
            ],
            "description": "คะแนน 0–100 เลขไทยหรืออารบิก (score 0–100, Thai or Arabic digits)",
        }
    ),
]


def _iso_date(value: object) -> date:
    if isinstance(value, str) and re.fullmatch(r"\s*[0-9๐-๙]{4}-[0-9๐-๙]{2}-[0-9๐-๙]{2}\s*", value):
        # A quoted date ("2025-10-01"), as YAML tools and some editors write it.
        try:
            value = date.fromisoformat(to_arabic_digits(value.strip()))
        except ValueError:
            raise ValueError(f"วันที่ '{value}' ไม่มีจริง (no such date); ตรวจเดือนและวัน เช่น 2025-10-01") from None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        if value.year > 2400:
            ce = value.replace(year=value.year - 543) if not (value.month == 2 and value.day == 29) else value
            raise ValueError(
                f"ปี {value.year} ดูเป็นปี พ.ศ.; ในไฟล์ให้เขียนวันที่แบบ ISO ปี ค.ศ. เช่น {ce.isoformat()} "
                "(the year looks Buddhist-era; write ISO dates in the Common Era)"
            )
        return value
    raise ValueError(
        f"'{value}' ไม่ใช่วันที่แบบ ISO (not an ISO date); เขียนเป็น ปี ค.ศ.-เดือน-วัน เช่น 2025-10-01 "
        "(เว็บไซต์จะแสดงเป็น 1 ตุลาคม 2568)"
    )


IsoDate = Annotated[
    date,
    BeforeValidator(_iso_date),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "pattern": "^(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}$",
            "description": "วันที่ ISO ปี ค.ศ. เช่น 2025-10-01 (ISO date, Common Era)",
        }
    ),
]


def _when(value: object) -> date | Month:
    if isinstance(value, str):
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", to_arabic_digits(value.strip()))
        if match:
            year, month = int(match.group(1)), int(match.group(2))
            if year > 2400:
                raise ValueError(
                    f"ปี {year} ดูเป็นปี พ.ศ.; ให้เขียนปี ค.ศ. เช่น {year - 543}-{month:02d} "
                    "(write the year in the Common Era)"
                )
            if not 1 <= month <= 12:
                raise ValueError(f"เดือน {month} ไม่มีจริง (no such month); เดือนต้องเป็น 01 ถึง 12")
            return Month(year, month)
    return _iso_date(value)


When = Annotated[
    Any,
    BeforeValidator(_when),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": "^(19|20)[0-9]{2}-[0-9]{2}(-[0-9]{2})?$",
            "description": "วันที่ (2025-10-01) หรือเดือน (2025-10) ปี ค.ศ.",
        }
    ),
]


def normalise_question_code(value: object) -> str:
    text = to_arabic_digits(str(value)).strip().lower()
    if not re.fullmatch(r"[ieo][1-9][0-9]*", text):
        raise ValueError(
            f"รหัสข้อคำถาม '{value}' ไม่ถูกต้อง (bad question code); เขียนเป็น i, e หรือ o ตามด้วยเลข เช่น i7, e11, o12"
        )
    return text


QuestionCode = Annotated[str, BeforeValidator(normalise_question_code)]


def _text_list(value: object) -> object:
    # One line of text is a list of one: editors may write either.
    return [value] if isinstance(value, str) else value


TextList = Annotated[
    list[str],
    BeforeValidator(_text_list),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
            "description": "ข้อความเดียว หรือรายการข้อความ (one text, or a list of texts)",
        }
    ),
]
"""Text that is one paragraph or a numbered list: seeds' cells are either."""

TypedText = Annotated[
    str,
    BeforeValidator(lambda v: typed_text(v) or v),
    WithJsonSchema({"type": ["string", "number"], "description": "ข้อความหรือตัวเลขตามที่พิมพ์ (as typed)"}),
]
"""A value shown as it was typed: text, or a number with its own digits (``๑``, ``1.10``)."""

Url = Annotated[str, AfterValidator(lambda v: _url(v))]


def _url(value: str) -> str:
    if not re.match(r"^(https?://|mailto:|tel:)", value):
        raise ValueError(f"'{value}' ไม่ใช่ลิงก์ที่ใช้ได้ (not a usable link); ขึ้นต้นด้วย https:// หรือ http://")
    return value


# ---------------------------------------------------------------- table columns

MEASURE_COLUMNS = (
    ("topic", "ประเด็น/มาตรการ/แนวทาง"),
    ("weakness", "จุดอ่อน/ข้อบกพร่องที่พบ"),
    ("actions", "มาตรการ/โครงการ/กิจกรรม"),
    ("responsible", "ผู้รับผิดชอบ"),
    ("steps", "ขั้นตอน/วิธีการปฏิบัติ"),
    ("period", "ระยะเวลาดำเนินการ"),
    ("status", "ผลการดำเนินการ"),
    ("follow_up", "การติดตามผล"),
)
"""The measures table's columns and their headings, in the order the site shows them."""
PROGRESS_COLUMNS = (
    ("topic", "มาตรการ/แนวทาง"),
    ("steps", "วิธีดำเนินการ"),
    ("responsible", "ผู้รับผิดชอบ"),
    ("period", "ระยะเวลาดำเนินการ"),
    ("status", "สถานะ"),
    ("done", "การดำเนินการ"),
    ("summary", "สรุปผลการดำเนินการตามมาตรการ"),
    ("outcome", "ผลลัพธ์หรือความสำเร็จของการดำเนินการ"),
    ("evidence", "หลักฐาน"),
)
"""The progress table's columns and their headings, in the order the site shows them."""
THEME_COLUMNS = (
    ("code", "ข้อ"),
    ("tool", "เครื่องมือ"),
    ("question", "ข้อคำถาม"),
    ("score", "คะแนน"),
    ("note", "สิ่งที่ต้องแก้ไข/รักษาไว้"),
)
"""A theme's table of questions: its columns and their headings."""


MEASURE_STATUSES = (
    ("done", "ดำเนินการแล้ว"),
    ("in_progress", "อยู่ระหว่างดำเนินการ"),
    ("not_done", "ยังไม่ได้ดำเนินการ"),
)
"""An activity's statuses and the words follow-up tables use for them."""
PROGRESS_STATUSES = (
    ("done", "ดำเนินการแล้ว"),
    ("in_progress", "อยู่ระหว่างดำเนินการ"),
    ("not_started", "ยังไม่ดำเนินการ"),
)
"""A progress entry's statuses and the site's words for them."""
SCORE_COLUMNS = (
    ("indicator", "ตัวชี้วัด"),
    ("score", "คะแนน"),
)
"""A tool's table of indicator scores: its columns and their headings."""


class Columns(BaseModel):
    """Which columns a table shows, in what order, under which headings.

    In the file, ``columns:`` is either a mapping of headings (``steps: แนวทาง…``: the
    site's columns in the site's order, some under the report's words) or a list, which
    names every column to show in the report's order, each as its key or with its heading
    (``[topic, responsible: หน่วยงาน, steps]``). Either way a column no row fills is not
    shown. The status column may have sub-columns, one per status, each ticked where a row
    has that status (``status: {heading: การติดตามผล, columns: {done: ดำเนินการแล้ว, …}}``);
    a theme's table may have columns of the report's own (``order: ลำดับ``)."""

    listed: list[str] | None = None
    headings: dict[str, str] = Field(default_factory=dict)
    sub: dict[str, list[tuple[str, str]]] = Field(default_factory=dict)
    """A column's sub-columns: ``(status, heading)`` in the report's order."""
    own: list[str] = Field(default_factory=list)
    """The columns of the report's own, which the file names with their headings."""

    def chosen(self, defaults: tuple[tuple[str, str], ...], filled: set[str]) -> list[tuple[str, str]]:
        """``(key, heading)`` of the columns to show, in order."""
        default = dict(defaults)
        keys = self.listed if self.listed is not None else [*default, *self.own]
        return [(key, self.headings.get(key) or default[key]) for key in keys if key in filled]

    def lists(self, key: str) -> bool:
        """Whether the table shows column ``key`` when a row fills it."""
        return self.listed is None or key in self.listed


def _columns_check(
    defaults: tuple[tuple[str, str], ...],
    statuses: tuple[tuple[str, str], ...] = (),
    own: bool = False,
) -> Any:
    """The validator of a ``columns:`` with the given columns: the file's mapping or list as
    :class:`Columns`, each wrong entry named at its line. ``statuses``: the values the status
    column's sub-columns may tick; ``own``: whether columns of the report's own are taken."""
    keys = [key for key, _ in defaults]
    hint = "คอลัมน์ที่มีคือ " + ", ".join(keys)
    if own:
        hint += " หรือคอลัมน์ของรายงานเองพร้อมหัวตาราง เช่น order: ลำดับ"
    values = [value for value, _ in statuses]
    status_hint = "สถานะที่มีคือ " + ", ".join(values)

    def key_of(value: object, heading: object, where: tuple[int | str, ...], found: Columns) -> str:
        if value in keys:
            return str(value)
        if own and isinstance(value, str) and value.strip() and heading not in (None, ""):
            found.own.append(value)
            return value
        if own and isinstance(value, str):
            raise ValueErrorAt(
                f"คอลัมน์ '{value}' ไม่ใช่คอลัมน์ของเว็บไซต์ คอลัมน์ของรายงานเองต้องมีหัวตาราง"
                f" (a column of the report's own needs its heading); เขียนชื่อคอลัมน์กับหัวตาราง"
                f" เช่น {value}: ลำดับ หรือใช้คอลัมน์ของเว็บไซต์ {', '.join(keys)}",
                where,
            )
        raise ValueErrorAt(f"ไม่มีคอลัมน์ '{value}' (no such column); {hint}", where)

    def heading_of(key: str, heading: object, where: tuple[int | str, ...], found: Columns) -> str | None:
        """The heading written for ``key``; sub-columns noted in ``found``."""
        if not isinstance(heading, dict):
            return None if heading in (None, "") else str(heading).strip()
        if key != "status" or not statuses:
            raise ValueErrorAt(
                f"คอลัมน์ {key} มีคอลัมน์ย่อยไม่ได้ (only the status column has sub-columns);"
                f" เขียนหัวตาราง เช่น {key}: หัวตาราง",
                where,
            )
        unknown = set(heading) - {"heading", "columns"}
        if unknown:
            raise ValueErrorAt(
                f"ไม่มีคีย์ {', '.join(map(str, sorted(unknown)))} (no such key); คอลัมน์ที่มีคอลัมน์ย่อยเขียนเป็น"
                " status: {heading: การติดตามผล, columns: {done: ดำเนินการแล้ว, not_done: ยังไม่ได้ดำเนินการ}}",
                where,
            )
        subs = heading.get("columns")
        if not isinstance(subs, dict) or not subs:
            raise ValueErrorAt(
                "columns ของคอลัมน์สถานะต้องเป็นสถานะกับหัวตาราง (sub-columns: a status and its heading each);"
                f" เขียน columns: {{done: ดำเนินการแล้ว, not_done: ยังไม่ได้ดำเนินการ}}; {status_hint}",
                (*where, "columns"),
            )
        words = dict(statuses)
        for value in subs:
            if value not in words:
                raise ValueErrorAt(
                    f"ไม่มีสถานะ '{value}' (no such status); {status_hint}", (*where, "columns", value)
                )
        found.sub[key] = [
            (str(value), str(text).strip() if text not in (None, "") else words[str(value)])
            for value, text in subs.items()
        ]
        title = heading.get("heading")
        return None if title in (None, "") else str(title).strip()

    def check(value: object) -> object:
        if value is None:
            return Columns()
        if isinstance(value, Columns):
            return value
        found = Columns()
        if isinstance(value, dict):
            for name, heading in value.items():
                key = key_of(name, heading, (name,), found)
                text = heading_of(key, heading, (name,), found)
                if text:
                    found.headings[key] = text
            return found
        if isinstance(value, list):
            listed: list[str] = []
            for index, entry in enumerate(value):
                if isinstance(entry, dict) and len(entry) == 1:
                    ((name, heading),) = entry.items()
                    key = key_of(name, heading, (index,), found)
                    text = heading_of(key, heading, (index, name), found)
                    if text:
                        found.headings[key] = text
                elif isinstance(entry, str):
                    key = key_of(entry.strip(), None, (index,), found)
                else:
                    raise ValueErrorAt(
                        f"'{entry}' ไม่ใช่คอลัมน์ (not a column); เขียนชื่อคอลัมน์ เช่น topic "
                        f"หรือชื่อคอลัมน์กับหัวตาราง เช่น steps: แนวทางการดำเนินการ; {hint}",
                        (index,),
                    )
                if key in listed:
                    raise ValueErrorAt(f"คอลัมน์ {key} ซ้ำ (a column listed twice)", (index,))
                listed.append(key)
            found.listed = listed
            return found
        raise ValueError(
            "columns ต้องเป็นรายการคอลัมน์ตามลำดับของรายงาน เช่น [topic, responsible, steps] "
            "หรือชื่อหัวตาราง เช่น {steps: แนวทางการดำเนินการ} (columns: a list or a mapping)"
        )

    return check


def _columns_schema(
    defaults: tuple[tuple[str, str], ...], statuses: tuple[tuple[str, str], ...] = (), own: bool = False
) -> dict[str, Any]:
    keys = [key for key, _ in defaults]
    heading = {"type": "string", "description": "หัวตารางตามรายงาน (the report's heading)"}
    names: dict[str, Any] = {} if own else {"propertyNames": {"enum": keys}}
    headed: dict[str, Any] = {"type": "object", **names, "additionalProperties": heading}
    one_heading = {**headed, "minProperties": 1, "maxProperties": 1}
    mapping: dict[str, Any] = {
        "type": "object",
        **names,
        "additionalProperties": {"type": ["string", "null"]},
    }
    entries: list[dict[str, Any]] = [{"type": "string"} if own else {"enum": keys}, one_heading]
    if statuses:
        grouped = {
            "type": "object",
            "properties": {
                "heading": heading,
                "columns": {
                    "type": "object",
                    "propertyNames": {"enum": [value for value, _ in statuses]},
                    "additionalProperties": {"type": ["string", "null"]},
                    "description": "คอลัมน์ย่อย: สถานะกับหัวตาราง เช่น {done: ดำเนินการแล้ว}"
                    " (sub-columns, one per status, ticked)",
                },
            },
            "required": ["columns"],
            "additionalProperties": False,
        }
        mapping["properties"] = {"status": {"anyOf": [heading, {"type": "null"}, grouped]}}
        entries.append(
            {
                "type": "object",
                "properties": {"status": grouped},
                "required": ["status"],
                "additionalProperties": False,
            }
        )
    schema: dict[str, Any] = {
        "anyOf": [mapping, {"type": "array", "items": {"anyOf": entries}}],
        # The columns in the site's order, with its headings (the editor's form).
        "x-columns": [list(pair) for pair in defaults],
        "description": "คอลัมน์ตามรายงาน: รายการตามลำดับ เช่น [topic, responsible: หน่วยงาน, steps] "
        "หรือชื่อหัวตาราง เช่น {steps: แนวทางการนำผลวิเคราะห์ไปปฏิบัติ} (the report's columns)",
    }
    if statuses:
        # The statuses a sub-column of the status column may tick, with the site's words.
        schema["x-statuses"] = [list(pair) for pair in statuses]
    if own:
        # Columns of the report's own: any name, with its heading.
        schema["x-own-columns"] = True
    return schema


MeasureColumns = Annotated[
    Columns,
    BeforeValidator(_columns_check(MEASURE_COLUMNS, MEASURE_STATUSES)),
    WithJsonSchema(_columns_schema(MEASURE_COLUMNS, MEASURE_STATUSES)),
]
ProgressColumns = Annotated[
    Columns,
    BeforeValidator(_columns_check(PROGRESS_COLUMNS, PROGRESS_STATUSES)),
    WithJsonSchema(_columns_schema(PROGRESS_COLUMNS, PROGRESS_STATUSES)),
]
ThemeColumns = Annotated[
    Columns,
    BeforeValidator(_columns_check(THEME_COLUMNS, own=True)),
    WithJsonSchema(_columns_schema(THEME_COLUMNS, own=True)),
]
ScoreColumns = Annotated[
    Columns, BeforeValidator(_columns_check(SCORE_COLUMNS)), WithJsonSchema(_columns_schema(SCORE_COLUMNS))
]


class TableText(Strict):
    """หัวเรื่องและข้อความของตารางหนึ่งตามรายงาน (a table's own heading and text, as the report has them)."""

    title: str | None = Field(None, description="หัวเรื่องตามรายงาน แทนหัวเรื่องของเว็บไซต์ (heading)")
    intro: str | None = Field(None, description="ข้อความนำก่อนตาราง แบบ Markdown (lead-in)")
    after: str | None = Field(None, description="ข้อความหลังตาราง แบบ Markdown (text after the table)")


# ---------------------------------------------------------------- agency


class Contact(Strict):
    """ช่องทางการติดต่อ (a contact channel)."""

    label: str = Field(description="ชื่อช่องทาง เช่น โทรศัพท์ (label)")
    value: str = Field(description="ข้อมูล เช่น 0 4321 0000 (value)")
    url: Url | None = Field(None, description="ลิงก์ ถ้ามี (link)")


AGENCY_KINDS = (
    "เทศบาลนคร",
    "เทศบาลเมือง",
    "เทศบาลตำบล",
    "องค์การบริหารส่วนจังหวัด",
    "องค์การบริหารส่วนตำบล",
)
"""The kinds of local government: ``init`` offers them by number (any other kind is typed
as it is), ``import`` reads a rank's group by them."""


class Agency(Strict):
    """หน่วยงาน: content/agency.yml (the agency)."""

    name: str = Field(description="ชื่อหน่วยงาน เช่น องค์การบริหารส่วนตำบลหนองบัว (name)")
    name_en: str | None = Field(None, description="ชื่อภาษาอังกฤษ (English name)")
    kind: str = Field(description="ประเภท เช่น เทศบาลตำบล องค์การบริหารส่วนตำบล (kind)")
    district: str = Field(description="อำเภอ (district)")
    province: str = Field(description="จังหวัด (province)")
    address: str | None = Field(None, description="ที่อยู่ (address)")
    website: Url | None = Field(None, description="เว็บไซต์หลักของหน่วยงาน (main website)")
    contacts: list[Contact] = Field(default_factory=list, description="ช่องทางการติดต่อ (contacts)")
    logo: str | None = Field(None, description="ไฟล์ตราสัญลักษณ์ใน content/ เช่น logo.png (logo file)")
    description: str | None = Field(None, description="คำอธิบายสั้น ๆ แบบ Markdown (short description)")

    # "อ.บางเลน" and "จ.นครปฐม" as typed: the pages write อำเภอ and จังหวัด themselves.
    _district = field_validator("district", mode="after")(lambda v: bare_district(v))
    _province = field_validator("province", mode="after")(lambda v: bare_province(v))

    @property
    def place(self) -> str:
        """``อำเภอบางเลน จังหวัดนครปฐม`` (``เขตบางรัก กรุงเทพมหานคร``)."""
        return f"{district_label(self.district, self.province)} {province_label(self.province)}"


# ---------------------------------------------------------------- year


class ItemOverride(Strict):
    """การแก้ไขหรือเพิ่มข้อ OIT ของปีนี้ (a correction or addition to the year's list)."""

    title: str | None = Field(None, description="ชื่อข้อ (title)")
    title_en: str | None = Field(None, description="ชื่อภาษาอังกฤษ (English title)")
    indicator: str | None = Field(None, description="ตัวชี้วัดย่อย (sub-indicator)")
    group: str | None = Field(None, description="หมวด (group)")
    requirements: list[str] | None = Field(None, description="องค์ประกอบที่ต้องมี (requirements)")
    data_period: DataPeriod | None = Field(None, description="ช่วงข้อมูล (data period)")
    parts: list[Part] | None = Field(None, description="ส่วนที่มีโครงสร้างที่ข้อนี้แสดง (structured parts)")


def _listed_once(parts: list[str]) -> list[str]:
    for index, part in enumerate(parts):
        if part in parts[:index]:
            raise ValueErrorAt(f"ส่วน {part} ซ้ำ (a part listed twice); ให้มีส่วนละครั้ง", (index,))
    return parts


def in_order(listed: list[P], every: tuple[P, ...]) -> list[P]:
    """The parts a file lists, in its order, then the others in the site's."""
    return [*listed, *(part for part in every if part not in listed)]


ReportPart = Literal["foreword", Part, "limitations"]
REPORT_PARTS: tuple[ReportPart, ...] = get_args(ReportPart)
"""The parts of a year's report, in the order the site gives them when the year names none."""


LabelMode = Literal["site", "as_written"]
LabelPart = Literal["analysis", "measures", "progress", "limitations"]
LABEL_PARTS: tuple[LabelPart, ...] = ("analysis", "measures", "progress", "limitations")
"""The parts of a report whose text the site may label (numbers before headings, ข้อเสนอแนะ,
ประเด็น/แนวทางแก้ไข, a tool's heading, an indicator's line, a list's numbers)."""


def _labels(value: object) -> object:
    # One word for the whole report, or one per part.
    if isinstance(value, str):
        return {part: value for part in LABEL_PARTS}
    return value


Labels = Annotated[
    dict[LabelPart, LabelMode],
    BeforeValidator(_labels),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "enum": ["site", "as_written"]},
                {
                    "type": "object",
                    "propertyNames": {"enum": list(LABEL_PARTS)},
                    "additionalProperties": {"type": "string", "enum": ["site", "as_written"]},
                },
            ],
            "description": "as_written = แสดงเฉพาะข้อความที่หน่วยงานเขียน ไม่เติมเลขหน้าหัวเรื่อง คำว่า ข้อเสนอแนะ"
            " ประเด็น/แนวทางแก้ไข หัวเรื่องของเครื่องมือ บรรทัดตัวชี้วัด หรือเลขลำดับของรายการ; site = เว็บไซต์เติมให้"
            " (ค่าเริ่มต้น); ทั้งรายงาน หรือรายส่วน เช่น {analysis: as_written} (the site's labels, or none)",
        }
    ),
]


class ReportSettings(Strict):
    """รายงานของปีตามฉบับของหน่วยงาน: ชื่อ คำนำ ลำดับส่วน (the report as the agency's own)."""

    title: str | None = Field(None, description="ชื่อรายงานตามฉบับของหน่วยงาน (the report's title)")
    foreword_title: str | None = Field(None, description="หัวเรื่องของคำนำ เช่น คำนำ หรือ บทนำ (foreword heading)")
    foreword: str | None = Field(None, description="คำนำหรือบทนำ แบบ Markdown (foreword)")
    parts: Annotated[list[ReportPart], AfterValidator(_listed_once)] = Field(
        default_factory=list,
        description="ส่วนที่รายงานมี ตามลำดับของรายงาน เช่น [foreword, analysis, measures, progress, limitations];"
        " ส่วนที่ไม่อยู่ในรายการไม่อยู่ในรายงาน (หน้าปีงบประมาณยังแสดงผลการประเมิน);"
        " ค่าเริ่มต้น foreword result analysis measures progress limitations (the report's parts, in its order)",
    )
    numbered: bool | None = Field(
        None,
        description="false = ไม่ใส่เลขลำดับของเว็บไซต์หน้าหัวเรื่องของแต่ละส่วน; ค่าเริ่มต้น ใส่เลขเมื่อหัวเรื่องไม่มีเลขของตัวเอง"
        " และ labels ไม่ใช่ as_written (whether the site numbers the parts)",
    )
    labels: Labels = Field(
        default_factory=dict,
        description="as_written = แสดงเฉพาะข้อความที่หน่วยงานเขียน ไม่เติมคำหรือเลขของเว็บไซต์;"
        " ทั้งรายงาน หรือรายส่วน เช่น {analysis: as_written} (the site's labels, or none)",
    )

    def order(self) -> list[ReportPart]:
        """The parts in the report's order: those listed, then the others in the site's."""
        return in_order(self.parts, REPORT_PARTS)

    def report_order(self) -> list[ReportPart]:
        """The report's own parts, in its order: those listed, or the site's when none are."""
        return list(self.parts) or list(REPORT_PARTS)

    def as_written(self, part: str) -> bool:
        """Whether ``part``'s text shows only what the agency wrote (no label of the site's)."""
        return any(key == part and mode == "as_written" for key, mode in self.labels.items())

    def all_as_written(self) -> bool:
        """Whether the whole report shows only what the agency wrote (then the site does not
        number its parts either, unless ``numbered: true``)."""
        return all(self.as_written(part) for part in LABEL_PARTS)


class Signer(Strict):
    """ผู้ลงนามหนึ่งคนในช่องลงนามท้ายรายงาน แต่ละบรรทัดแสดงตามที่พิมพ์ (one signer, each line as printed)."""

    signed: str | None = Field(
        None, description="บรรทัดลงชื่อตามรายงาน เช่น ลงชื่อ ............ ผู้จัดทำรายงาน (the line to sign on)"
    )
    name: str | None = Field(None, description="ชื่อตามรายงาน เช่น (นางสาวสมใจ ใจดี) (name)")
    position: TextList = Field(
        default_factory=list, description="ตำแหน่ง หนึ่งบรรทัดหรือหลายบรรทัด ตามรายงาน (position)"
    )
    date: str | None = Field(None, description="วันที่ตามรายงาน เช่น ๓๑ มีนาคม ๒๕๖๙ (date as printed)")

    @model_validator(mode="after")
    def _something(self) -> Signer:
        if not (self.signed or self.name or self.position or self.date):
            raise ValueError(
                "ผู้ลงนามต้องมี signed, name, position หรือ date อย่างน้อยหนึ่งอย่าง (a signer needs a line to show)"
            )
        return self


class YearConfig(Strict):
    """ปีงบประมาณ: content/<ปี>/year.yml (the fiscal year)."""

    framework: str | None = Field(None, description="กรอบการประเมิน เช่น ita-2568 (framework); ค่าเริ่มต้น ita-<ปี>")
    title: str | None = Field(None, description="หัวเรื่องของหน้าปี (page title)")
    intro: str | None = Field(None, description="ข้อความนำแบบ Markdown (introduction)")
    items: dict[str, ItemOverride] = Field(
        default_factory=dict, description="แก้ไขหรือเพิ่มข้อ OIT ตามรหัส (corrections/additions by code)"
    )
    remove: list[str] = Field(default_factory=list, description="รหัสข้อที่ไม่ใช้ในปีนี้ (codes removed)")
    replace_items: bool = Field(
        False, description="true = ใช้เฉพาะรายการใน items แทนรายการของกรอบ (replace the framework's list)"
    )
    scoring: Scoring | None = Field(None, description="เกณฑ์คะแนนของปีนี้ ถ้าต่างจากกรอบ (scoring override)")
    list_confirmed: bool = Field(
        False,
        description="true เมื่อตรวจรายการข้อของปีนี้กับคู่มือ ป.ป.ช. แล้ว (the item list checked against the manual)",
    )
    report: ReportSettings = Field(
        default_factory=ReportSettings, description="รายงานของปีตามฉบับของหน่วยงาน (the year's report)"
    )
    derived: bool = Field(
        True,
        description="false = ไม่แสดงค่าที่เว็บไซต์คำนวณเองซึ่งรายงานไม่มี เช่น คะแนนรวม คะแนน EIT"
        " หรือผลต่างของคะแนนในรายงานผล (whether values the site derives are shown)",
    )
    signature: list[Signer] = Field(
        default_factory=list,
        description="ช่องลงนามท้ายรายงาน ตามที่รายงานพิมพ์ ไม่มีถ้าไม่เขียน (the report's signature block)",
    )

    @field_validator("items", mode="before")
    @classmethod
    def _codes(cls, value: object) -> object:
        if isinstance(value, dict):
            out: dict[str, object] = {}
            for key, item in value.items():
                try:
                    code = normalise_item_code(key)
                except ValueError as exc:
                    raise ValueErrorAt(str(exc), (key,)) from None
                if code in out:
                    raise ValueErrorAt(
                        f"รหัสข้อ {code} ซ้ำ ('{key}') (duplicate item code); ให้มีรหัสข้อละหนึ่งรายการ", (key,)
                    )
                out[code] = item
            return out
        return value

    @field_validator("remove", mode="before")
    @classmethod
    def _removed(cls, value: object) -> object:
        if isinstance(value, list):
            codes = []
            for index, code in enumerate(value):
                try:
                    codes.append(normalise_item_code(code))
                except ValueError as exc:
                    raise ValueErrorAt(str(exc), (index,)) from None
            return codes
        return value


# ---------------------------------------------------------------- result


class Rank(Strict):
    """ลำดับที่ในกลุ่มหน่วยงาน (rank among agencies of a kind)."""

    position: int = Field(ge=1, description="ลำดับที่ (position)")
    of: int | None = Field(None, ge=1, description="จากจำนวนหน่วยงานทั้งหมด (out of)")
    group: str | None = Field(None, description="กลุ่มหน่วยงาน เช่น เทศบาลตำบล (group)")

    @model_validator(mode="after")
    def _within(self) -> Rank:
        if self.of is not None and self.position > self.of:
            raise ValueError(f"ลำดับที่ {self.position} มากกว่าจำนวนหน่วยงาน {self.of} (position beyond count)")
        return self


def _eit_indicators(value: object) -> object:
    if isinstance(value, dict):
        out = {}
        for key, score in value.items():
            text = to_arabic_digits(str(key)).strip()
            if not text.isdigit() or int(text) not in (6, 7, 8):
                raise ValueErrorAt(
                    f"ตัวชี้วัด '{key}' ไม่ใช่ของ EIT (not an EIT indicator); EIT มีตัวชี้วัดที่ 6 7 8", (key,)
                )
            out[int(text)] = score
        return out
    return value


EitIndicators = Annotated[dict[int, Score], BeforeValidator(_eit_indicators)]


class EitParts(Strict):
    """คะแนน EIT แยกส่วน (EIT split into its parts)."""

    public: Score | None = Field(None, description="ส่วนสาธารณะ (public part)")
    survey: Score | None = Field(None, description="ส่วนแบบสำรวจ (survey part)")
    public_label: str | None = Field(None, description="ชื่อส่วนสาธารณะตามรายงาน เช่น ส่วนที่ ๑ (label)")
    survey_label: str | None = Field(None, description="ชื่อส่วนแบบสำรวจตามรายงาน เช่น ส่วนที่ ๒ (label)")
    public_indicators: EitIndicators = Field(
        default_factory=dict, description="คะแนนส่วนสาธารณะรายตัวชี้วัด 6–8 (public part by indicator)"
    )
    survey_indicators: EitIndicators = Field(
        default_factory=dict, description="คะแนนส่วนแบบสำรวจรายตัวชี้วัด 6–8 (survey part by indicator)"
    )


class Result(Strict):
    """ผลการประเมิน ITA: content/<ปี>/result.yml (the ITA result)."""

    score: Score | None = Field(None, description="คะแนนรวม (overall score)")
    level: str | None = Field(None, description="ระดับผลการประเมิน เช่น ผ่านดี หรือ A (level)")
    rank: Rank | None = Field(None, description="ลำดับที่ (rank)")
    tools: dict[Tool, Score] = Field(
        default_factory=dict, description="คะแนนรายเครื่องมือ IIT EIT OIT (tool scores)"
    )
    eit_parts: EitParts | None = Field(None, description="คะแนน EIT แยกส่วน (EIT parts)")
    indicators: dict[int, Score] = Field(
        default_factory=dict, description="คะแนนรายตัวชี้วัด 1–10 (indicator scores)"
    )
    questions: dict[QuestionCode, Score | None] = Field(
        default_factory=dict, description="คะแนนรายข้อคำถาม เช่น i7, e11, o12 (question scores)"
    )
    question_titles: dict[QuestionCode, str] = Field(
        default_factory=dict, description="ชื่อข้อคำถาม (question texts)"
    )
    question_labels: dict[QuestionCode, str] = Field(
        default_factory=dict,
        description="รหัสข้อคำถามตามที่รายงานเขียน เช่น {i5: i๕, o7: ๐๗}"
        " (question codes as the report writes them)",
    )
    announced: IsoDate | None = Field(None, description="วันที่ประกาศผล (announcement date)")
    source: str | None = Field(None, description="ที่มาของผล เช่น ประกาศสำนักงาน ป.ป.ช. (source)")
    note: str | None = Field(None, description="หมายเหตุแบบ Markdown (note)")

    @field_validator("indicators", mode="before")
    @classmethod
    def _indicator_numbers(cls, value: object) -> object:
        if isinstance(value, dict):
            out = {}
            for key, score in value.items():
                number = int(to_arabic_digits(str(key))) if to_arabic_digits(str(key)).isdigit() else key
                if not isinstance(number, int) or not 1 <= number <= 10:
                    raise ValueErrorAt(
                        f"ตัวชี้วัด '{key}' ไม่มี (no such indicator); ตัวชี้วัดมีหมายเลข 1 ถึง 10", (key,)
                    )
                out[number] = score
            return out
        return value


# ---------------------------------------------------------------- analysis


class Recommendation(Strict):
    """ประเด็นและแนวทางแก้ไข (an issue found and its remedy)."""

    indicator: int | None = Field(None, ge=1, le=10, description="ตัวชี้วัดที่ (indicator)")
    questions: list[QuestionCode] = Field(default_factory=list, description="ข้อคำถาม เช่น [i7] (questions)")
    title: str | None = Field(None, description="หัวข้อ ถ้าไม่ใช้ชื่อตัวชี้วัด (heading)")
    issue: str | None = Field(None, description="ประเด็นที่พบ แบบ Markdown (issue)")
    remedy: str | None = Field(
        None, description="แนวทางแก้ไข/ข้อเสนอแนะ แบบ Markdown (remedy or recommendation)"
    )

    @model_validator(mode="after")
    def _something(self) -> Recommendation:
        if not (self.issue or self.remedy):
            raise ValueError("ต้องมี issue หรือ remedy อย่างน้อยหนึ่งอย่าง (an issue or a remedy is needed)")
        return self


def _indicator_keys(value: object) -> object:
    if isinstance(value, dict):
        out = {}
        for key, text in value.items():
            number = to_arabic_digits(str(key)).strip()
            if not number.isdigit() or not 1 <= int(number) <= 10:
                raise ValueErrorAt(f"ตัวชี้วัด '{key}' ไม่มี (no such indicator); ตัวชี้วัดมีหมายเลข 1 ถึง 10", (key,))
            out[int(number)] = text
        return out
    return value


class ScoreTable(Strict):
    """ตารางคะแนนรายตัวชี้วัดของเครื่องมือหนึ่งตามรายงาน คะแนนมาจาก result.yml
    (a tool's table of indicator scores as the report prints it; the scores are the result's)."""

    title: str | None = Field(None, description="หัวเรื่องหรือชื่อตารางตามรายงาน (heading)")
    intro: str | None = Field(None, description="ข้อความนำก่อนตาราง แบบ Markdown (lead-in)")
    columns: ScoreColumns = Field(
        default_factory=Columns,
        description="คอลัมน์ตามรายงาน เช่น [indicator: ตัวชี้วัด, score: คะแนนที่ได้] (the report's columns)",
    )
    labels: Annotated[
        dict[int, str],
        BeforeValidator(_indicator_keys),
        WithJsonSchema(
            {
                "type": "object",
                "propertyNames": {"pattern": "^(10|[1-9]|๑๐|[๑-๙])$"},
                "additionalProperties": {"type": "string"},
            }
        ),
    ] = Field(
        default_factory=dict,
        description="ชื่อตัวชี้วัดตามที่รายงานเขียน เช่น {1: ตัวชี้วัดที่ ๑ การปฏิบัติหน้าที่}"
        " (the indicators as the report names them)",
    )
    after: str | None = Field(None, description="ข้อความหลังตาราง แบบ Markdown (text after the table)")


class ToolAnalysis(Strict):
    """การวิเคราะห์ของเครื่องมือหนึ่ง (analysis of one tool)."""

    tool: Tool = Field(description="เครื่องมือ IIT EIT หรือ OIT (tool)")
    title: str | None = Field(
        None, description="หัวเรื่องตามรายงาน แทน ข้อเสนอแนะ IIT: … ของเว็บไซต์ (the report's heading)"
    )
    summary: str | None = Field(None, description="สรุปแบบ Markdown (summary)")
    scores: ScoreTable | None = Field(
        None,
        description="ตารางคะแนนรายตัวชี้วัดของเครื่องมือนี้ แสดงก่อนประเด็นและแนวทาง หรือเป็นส่วนของตัวเองเมื่อ"
        " order มี scores (the tool's table of indicator scores)",
    )
    recommendations: list[Recommendation] = Field(
        default_factory=list, description="ประเด็นและแนวทาง (recommendations)"
    )


class TextSection(Strict):
    """รายการพร้อมหัวเรื่องและข้อความนำของรายงาน (a list with the report's heading and lead-in)."""

    title: str | None = Field(None, description="หัวเรื่องตามรายงาน เช่น ข้อจำกัดในการดำเนินงาน (heading)")
    intro: str | None = Field(None, description="ข้อความนำแบบ Markdown เช่น จุดอ่อน … จำนวน ๑ ตัวชี้วัด คือ (lead-in)")
    fiscal_year: int | None = Field(
        None, ge=2500, le=2700, description="ปีงบประมาณ พ.ศ. ที่ใช้กับรายการนี้ (fiscal year it applies to)"
    )
    items: TextList = Field(default_factory=list, description="รายการ (items)")

    @property
    def present(self) -> bool:
        return bool(self.items or self.intro)


def _section(value: object) -> object:
    # A plain list (or one line) is the items alone: files written before lead-ins existed.
    return {"items": value} if isinstance(value, str | list) else value


Section = Annotated[
    TextSection,
    BeforeValidator(_section),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}},
                {
                    "type": "object",
                    "properties": {
                        "title": {"type": "string", "description": "หัวเรื่องตามรายงาน (heading)"},
                        "intro": {"type": "string", "description": "ข้อความนำแบบ Markdown (lead-in)"},
                        "fiscal_year": {
                            "type": "integer",
                            "minimum": 2500,
                            "maximum": 2700,
                            "description": "ปีงบประมาณ พ.ศ. ที่ใช้กับรายการนี้ (fiscal year it applies to)",
                        },
                        "items": {
                            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
                            "description": "รายการ (items)",
                        },
                    },
                    "additionalProperties": False,
                },
            ],
            "description": "รายการ หรือ {title, intro, fiscal_year, items} เมื่อรายงานมีหัวเรื่องหรือข้อความนำ"
            " (a list, or the list with the report's heading and lead-in)",
        }
    ),
]


class ThemeQuestion(Strict):
    """ข้อคำถามของประเด็น: คะแนนมาจาก result.yml (a question of a theme; its score is the result's)."""

    code: QuestionCode = Field(description="รหัสข้อคำถาม เช่น i19 (code)")
    text: str | None = Field(None, description="ข้อคำถามตามรายงาน ถ้าต่างจาก result.yml (question text)")
    note: str | None = Field(None, description="สิ่งที่ต้องแก้ไขหรือรักษาไว้ (what to fix or keep)")
    note_rows: int | None = Field(
        None,
        ge=1,
        description="จำนวนข้อที่ note นี้ครอบคลุม นับข้อนี้ด้วย เมื่อรายงานเขียนหมายเหตุเดียวในช่องที่รวมหลายข้อ"
        " (the remark spans this many questions, this one included)",
    )
    cells: dict[str, TypedText] = Field(
        default_factory=dict,
        description="ค่าในคอลัมน์ของรายงานเอง ตามชื่อคอลัมน์ใน theme_columns เช่น {order: ๑, topic: การยืมทรัพย์สิน}"
        " (values of the report's own columns)",
    )


def _theme_question(value: object) -> object:
    # A code alone (i19) is a question with nothing to add.
    return {"code": value} if isinstance(value, str | int) else value


class Theme(Strict):
    """ประเด็นการวิเคราะห์ที่รวมข้อคำถามจากหลายเครื่องมือ (a theme of the analysis, across tools)."""

    number: str | None = Field(None, description="ลำดับตามรายงาน เช่น ประเด็นที่ ๑ (number as printed)")
    title: str = Field(description="ชื่อประเด็น (title)")
    questions: list[
        Annotated[ThemeQuestion, BeforeValidator(_theme_question, json_schema_input_type=str | ThemeQuestion)]
    ] = Field(
        default_factory=list,
        description="ข้อคำถามที่คะแนนต่ำ เช่น [i19, {code: e11, note: …}]; คะแนนมาจาก result.yml (questions)",
    )
    intro: str | None = Field(None, description="ข้อความนำก่อนตาราง แบบ Markdown (lead-in)")
    after: str | None = Field(None, description="ข้อความหลังตาราง แบบ Markdown (text after the table)")
    narrative: str | None = Field(None, description="คำอธิบายแบบ Markdown (narrative)")
    actions: TextList = Field(default_factory=list, description="แนวทางดำเนินการ เรียงตามรายงาน (actions)")

    @model_validator(mode="after")
    def _spans(self) -> Theme:
        for index, question in enumerate(self.questions):
            rows = question.note_rows
            if rows is None:
                continue
            if question.note is None:
                raise ValueErrorAt(
                    "note_rows ใช้กับข้อที่มี note (note_rows needs a note); เขียน note ที่ข้อแรกของกลุ่ม",
                    ("questions", index, "note_rows"),
                )
            if index + rows > len(self.questions):
                raise ValueErrorAt(
                    f"note_rows: {rows} เกินจำนวนข้อที่เหลือ ({len(self.questions) - index} ข้อ นับข้อนี้ด้วย)"
                    " (the remark spans more questions than follow); เขียน note_rows เท่าจำนวนข้อที่หมายเหตุนี้"
                    f"ครอบคลุม นับข้อนี้ด้วย เช่น note_rows: {len(self.questions) - index}",
                    ("questions", index, "note_rows"),
                )
            for later in range(index + 1, index + rows):
                if self.questions[later].note is not None:
                    raise ValueErrorAt(
                        f"ข้อ {self.questions[later].code} อยู่ในช่องหมายเหตุของข้อ {question.code}"
                        f" (note_rows: {rows})"
                        " จึงมี note ของตัวเองไม่ได้ (a question under a spanning remark)",
                        ("questions", later, "note"),
                    )
        return self

    def question_rows(self) -> list[tuple[ThemeQuestion, int | None]]:
        """Each question with the rows its remark's cell spans: 1 or more where the cell
        starts, None where a cell above covers it."""
        rows: list[tuple[ThemeQuestion, int | None]] = []
        covered = 0
        for question in self.questions:
            if covered:
                rows.append((question, None))
                covered -= 1
            else:
                span = question.note_rows or 1
                rows.append((question, span))
                covered = span - 1
        return rows

    def tool_rows(self) -> list[int | None]:
        """For each question, the rows its tool's merged cell spans (the questions of one
        tool that follow each other), None where a cell above covers it."""
        spans: list[int | None] = []
        for index, question in enumerate(self.questions):
            if index and self.questions[index - 1].code[0] == question.code[0]:
                spans.append(None)
                continue
            count = 1
            while (
                index + count < len(self.questions)
                and self.questions[index + count].code[0] == question.code[0]
            ):
                count += 1
            spans.append(count)
        return spans


AnalysisPart = Literal["summary", "strengths", "weaknesses", "themes", "tools", "scores"]
ANALYSIS_PARTS: tuple[AnalysisPart, ...] = ("summary", "strengths", "weaknesses", "themes", "tools")
"""The analysis's parts in the site's order; ``scores`` (the tools' tables of indicator
scores as a part of their own) is one only where ``order:`` lists it: otherwise each table
is in its tool's group."""


class Analysis(Strict):
    """การวิเคราะห์ผลการประเมิน: content/<ปี>/analysis.yml (analysis of the result)."""

    title: str | None = Field(None, description="หัวเรื่อง (title)")
    summary: str | None = Field(None, description="บทสรุปแบบ Markdown (summary)")
    strengths: Section = Field(default_factory=TextSection, description="จุดแข็ง (strengths)")
    weaknesses: Section = Field(default_factory=TextSection, description="จุดอ่อน/ประเด็นที่ต้องแก้ไข (weaknesses)")
    themes: list[Theme] = Field(
        default_factory=list, description="ประเด็นการวิเคราะห์ตามลำดับของรายงาน (themes, in the report's order)"
    )
    tools: list[ToolAnalysis] = Field(default_factory=list, description="การวิเคราะห์รายเครื่องมือ (per tool)")
    limitations: Section = Field(default_factory=TextSection, description="ข้อจำกัด/ปัญหาอุปสรรค (limitations)")
    order: Annotated[list[AnalysisPart], AfterValidator(_listed_once)] = Field(
        default_factory=list,
        description="ลำดับส่วนของการวิเคราะห์ตามรายงาน เช่น [summary, tools, themes];"
        " ค่าเริ่มต้น summary strengths weaknesses themes tools (the analysis's parts in the report's order)",
    )
    theme_columns: ThemeColumns = Field(
        default_factory=Columns,
        description="คอลัมน์ของตารางข้อคำถามในแต่ละประเด็นตามรายงาน เช่น [order: ลำดับ, code, question, score,"
        " note: ข้อเสนอแนะ]; คอลัมน์ของรายงานเองเขียนชื่อกับหัวตาราง ค่าอยู่ใน cells ของแต่ละข้อ"
        " (the themes' table columns, the report's own among them)",
    )
    merge_tools: bool = Field(
        False,
        description="true = ข้อคำถามของเครื่องมือเดียวกันที่อยู่ติดกันในตารางของประเด็น ใช้ช่องเครื่องมือช่องเดียว"
        " (the tool cell merged over the questions of one tool)",
    )

    @model_validator(mode="after")
    def _own_cells(self) -> Analysis:
        own = self.theme_columns.own
        for t, theme in enumerate(self.themes):
            for q, question in enumerate(theme.questions):
                for name in question.cells:
                    if name not in own:
                        named = ", ".join(own) if own else "ยังไม่มี"
                        raise ValueErrorAt(
                            f"ไม่มีคอลัมน์ '{name}' ใน theme_columns (no such column of the report's own;"
                            f" columns named: {named}); เพิ่มคอลัมน์ใน theme_columns พร้อมหัวตาราง"
                            f" เช่น - {name}: หัวตาราง",
                            ("themes", t, "questions", q, "cells", name),
                        )
        return self

    def parts(self) -> list[AnalysisPart]:
        """The analysis's parts in the report's order: those listed, then the others."""
        return in_order(self.order, ANALYSIS_PARTS)


# ---------------------------------------------------------------- measures


class Period(Strict):
    """ระยะเวลา: start/end (วันที่หรือเดือน) หรือ fiscal_year (a period)."""

    start: When | None = Field(None, description="เริ่ม เช่น 2025-10-01 หรือ 2023-01 (start)")
    end: When | None = Field(None, description="สิ้นสุด เช่น 2026-09-30 หรือ 2023-04 (end)")
    fiscal_year: int | None = Field(
        None, ge=2500, le=2700, description="ทั้งปีงบประมาณ พ.ศ. (whole fiscal year)"
    )

    @field_validator("end")
    @classmethod
    def _after_start(cls, end: Any, info: ValidationInfo) -> Any:
        start = info.data.get("start")
        if start is not None and end is not None:
            first = start.first_day() if isinstance(start, Month) else start
            last = end.last_day() if isinstance(end, Month) else end
            if first > last:
                raise ValueError(f"วันสิ้นสุด {end} มาก่อนวันเริ่ม {start} (end before start); ตรวจปีและเดือนอีกครั้ง")
        return end

    @model_validator(mode="after")
    def _coherent(self) -> Period:
        if self.fiscal_year is None and self.start is None and self.end is None:
            raise ValueError("ต้องมี start/end หรือ fiscal_year (a period needs start/end or fiscal_year)")
        return self

    def first_day(self) -> date:
        if self.start is not None:
            return self.start.first_day() if isinstance(self.start, Month) else self.start
        if self.fiscal_year is not None:
            return fiscal_year_bounds(self.fiscal_year)[0]
        return self.last_day()

    def last_day(self) -> date:
        if self.end is not None:
            return self.end.last_day() if isinstance(self.end, Month) else self.end
        if self.fiscal_year is not None:
            return fiscal_year_bounds(self.fiscal_year)[1]
        return self.first_day()


Address = Annotated[
    str,
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": 10},
                {"type": "string", "pattern": "^([0-9๐-๙]+|[ieoIEO][0-9๐-๙]+)$"},
            ],
            "description": "ตัวชี้วัด 1–10 หรือข้อคำถาม เช่น i7 (indicator or question)",
        }
    ),
]


ActivityStatus = Literal["done", "not_done", "in_progress"]


class Activity(Strict):
    """กิจกรรมหนึ่งแถวย่อยของมาตรการ มีผู้รับผิดชอบ ขั้นตอน ระยะเวลา และสถานะของตัวเอง
    (one action of a measure, a sub-row with its own unit, steps, period and status)."""

    text: str = Field(description="มาตรการ/โครงการ/กิจกรรม แบบ Markdown (the action)")
    responsible: TextList = Field(default_factory=list, description="ผู้รับผิดชอบ (responsible units)")
    steps_caption: str | None = Field(None, description="ข้อความเหนือรายการขั้นตอน เช่น วิธีดำเนินการ (caption)")
    steps: TextList = Field(default_factory=list, description="ขั้นตอน/วิธีการปฏิบัติ (steps)")
    period: Period | None = Field(None, description="ระยะเวลาดำเนินการ (period)")
    status: ActivityStatus | dict[str, ActivityStatus] | None = Field(
        None,
        description="done ดำเนินการแล้ว, not_done ยังไม่ได้ดำเนินการ, in_progress อยู่ระหว่างดำเนินการ;"
        " หรือสถานะของแต่ละหน่วยงาน เช่น {สำนักปลัด: done, กองคลัง: not_done} (status, or one per unit)",
    )

    @model_validator(mode="after")
    def _units(self) -> Activity:
        if not isinstance(self.status, dict) or not self.responsible:
            return self
        listed = ", ".join(self.responsible)
        for unit in self.status:
            if unit not in self.responsible:
                raise ValueErrorAt(
                    f"หน่วยงาน '{unit}' ไม่อยู่ใน responsible ({listed}) (a unit that is not responsible);"
                    " เขียนชื่อหน่วยงานให้ตรงกับ responsible ทุกตัวอักษร หรือลบ responsible"
                    " แล้วให้ status บอกหน่วยงานเอง",
                    ("status", unit),
                )
        for unit in self.responsible:
            if unit not in self.status:
                raise ValueErrorAt(
                    f"หน่วยงาน '{unit}' ไม่มีสถานะ (a responsible unit with no status);"
                    f" เขียน {unit}: done หรือ not_done ใน status",
                    ("status",),
                )
        return self

    def units(self) -> list[tuple[str | None, ActivityStatus | None]]:
        """Each responsible unit with its status, where the status is given per unit (one
        sub-row each); otherwise the activity's status alone."""
        if isinstance(self.status, dict):
            return list(self.status.items())
        return [(None, self.status)]


class Measure(Strict):
    """มาตรการหนึ่งแถว (one measure: a row of the measures table)."""

    id: Annotated[str | None, WithJsonSchema({"type": ["string", "integer", "null"]})] = Field(
        None, description="รหัสมาตรการสำหรับอ้างอิงในรายงานผล เช่น m1 (id)"
    )
    number: str | None = Field(None, description="เลขลำดับตามเอกสาร เช่น ๒) (number as printed)")
    tool: Tool | None = Field(None, description="เครื่องมือ IIT EIT OIT ที่มาตรการนี้ตอบ (tool)")
    topic: str = Field(description="ประเด็น/มาตรการ/แนวทาง (issue or measure)")
    description: str | None = Field(None, description="รายละเอียดมาตรการแบบ Markdown (description)")
    addresses: list[Address] = Field(
        default_factory=list, description="ตัวชี้วัดหรือข้อคำถามที่ตอบ เช่น [1, i7] (indicators or questions)"
    )
    weakness: TextList = Field(default_factory=list, description="จุดอ่อน/ข้อบกพร่องที่พบ (weakness found)")
    actions: TextList = Field(default_factory=list, description="มาตรการ/โครงการ/กิจกรรม (actions)")
    activities: list[Activity] = Field(
        default_factory=list,
        description="กิจกรรมเป็นแถวย่อย แต่ละแถวมีผู้รับผิดชอบ ขั้นตอน ระยะเวลา สถานะของตัวเอง (sub-rows)",
    )
    responsible: TextList = Field(default_factory=list, description="ผู้รับผิดชอบ (responsible units)")
    steps_caption: str | None = Field(None, description="ข้อความเหนือรายการขั้นตอน เช่น วิธีดำเนินการ (caption)")
    steps: TextList = Field(default_factory=list, description="ขั้นตอน/วิธีการปฏิบัติ (steps)")
    period: Period | None = Field(None, description="ระยะเวลาดำเนินการ (period)")
    follow_up: TextList = Field(default_factory=list, description="การติดตามผล (follow-up)")

    @field_validator("addresses", mode="before")
    @classmethod
    def _addresses(cls, value: object) -> object:
        if not isinstance(value, list):
            return value
        out = []
        for entry in value:
            text = to_arabic_digits(str(entry)).strip()
            if text.isdigit() and 1 <= int(text) <= 10:
                out.append(text)
            else:
                out.append(normalise_question_code(entry))
        return out


class Measures(Strict):
    """มาตรการส่งเสริมคุณธรรมและความโปร่งใส: content/<ปี>/measures.yml (the measures)."""

    title: str | None = Field(None, description="หัวเรื่อง (title)")
    intro: str | None = Field(None, description="ข้อความนำแบบ Markdown (introduction)")
    columns: MeasureColumns = Field(
        default_factory=Columns,
        description="คอลัมน์ตามรายงาน: รายการตามลำดับ"
        " เช่น [topic, responsible, steps: แนวทางการนำผลวิเคราะห์ไปปฏิบัติ]"
        " หรือชื่อหัวตาราง เช่น {steps: แนวทางการนำผลวิเคราะห์ไปปฏิบัติ} (the report's columns)",
    )
    groups: dict[Tool, TableText] = Field(
        default_factory=dict,
        description="หัวเรื่อง ข้อความนำ และข้อความหลังตาราง ของตารางมาตรการแต่ละเครื่องมือตามรายงาน"
        " (each tool's table: its heading, lead-in and text after)",
    )
    measures: list[Measure] = Field(default_factory=list, description="มาตรการ (measures)")
    after: str | None = Field(None, description="ข้อความหลังตารางมาตรการ แบบ Markdown (text after the tables)")

    @model_validator(mode="after")
    def _ids(self) -> Measures:
        seen: set[str] = set()
        for index, measure in enumerate(self.measures):
            if measure.id is None:
                measure.id = str(index + 1)
            if measure.id in seen:
                raise ValueErrorAt(
                    f"รหัสมาตรการ '{measure.id}' ซ้ำ (duplicate measure id)", ("measures", index, "id")
                )
            seen.add(measure.id)
        return self


# ---------------------------------------------------------------- progress


class Link(Strict):
    """ลิงก์ (a link)."""

    title: str = Field(description="ชื่อลิงก์ (title)")
    url: Url = Field(description="ที่อยู่ https://… (address)")
    date: IsoDate | None = Field(None, description="วันที่ (date)")


class QuestionScores(Strict):
    """คะแนนของข้อคำถามที่เกี่ยวข้องในแต่ละปี (a related question's score by year)."""

    question: str = Field(description="ข้อคำถาม (question text)")
    code: QuestionCode | None = Field(None, description="รหัสข้อคำถาม เช่น e7 (code)")
    values: dict[int, Score | None] = Field(
        description="คะแนนตามปี เช่น {2566: 93.55, 2567: 98} (scores by year)"
    )

    @field_validator("values", mode="before")
    @classmethod
    def _years(cls, value: object) -> object:
        if isinstance(value, dict):
            return {int(to_arabic_digits(str(k))): ("" if v is None else v) or None for k, v in value.items()}
        return value


Status = Literal["done", "in_progress", "not_started"]


class ProgressEntry(Strict):
    """ผลการดำเนินการตามมาตรการหนึ่ง (progress on one measure)."""

    measure: Annotated[str, WithJsonSchema({"type": ["string", "integer"]})] = Field(
        description="รหัสมาตรการ เช่น m1 หรือ 2567/m1 (measure id)"
    )
    status: Status = Field(
        description="done ดำเนินการแล้ว, in_progress อยู่ระหว่างดำเนินการ, not_started ยังไม่ดำเนินการ"
    )
    done: TextList = Field(default_factory=list, description="การดำเนินการที่ทำแล้ว (what was done)")
    summary: TextList = Field(default_factory=list, description="สรุปผลการดำเนินการ (summary)")
    outcome: TextList = Field(default_factory=list, description="ผลลัพธ์หรือความสำเร็จ (outcome)")
    scores: list[QuestionScores] = Field(default_factory=list, description="คะแนนข้อคำถามที่เกี่ยวข้อง (scores)")
    evidence: list[Link] = Field(default_factory=list, description="หลักฐาน (evidence links)")

    @field_validator("measure", mode="before")
    @classmethod
    def _measure(cls, value: object) -> object:
        return str(value) if isinstance(value, int) else value


class Progress(Strict):
    """รายงานผลการดำเนินการตามมาตรการ: content/<ปี>/progress.yml (progress report)."""

    title: str | None = Field(None, description="หัวเรื่อง (title)")
    intro: str | None = Field(None, description="ข้อความนำแบบ Markdown (introduction)")
    columns: ProgressColumns = Field(
        default_factory=Columns,
        description="คอลัมน์ตามรายงาน: รายการตามลำดับ เช่น [topic, period, status, summary: ผลการดำเนินงาน]"
        " หรือชื่อหัวตาราง เช่น {summary: ผลการดำเนินงาน} (the report's columns)",
    )
    as_of: IsoDate | None = Field(None, description="ข้อมูล ณ วันที่ (as of)")
    period: Period | None = Field(None, description="ช่วงที่รายงาน เช่น 6 เดือนแรก (period covered)")
    entries: list[ProgressEntry] = Field(default_factory=list, description="ผลรายมาตรการ (entries)")
    after: str | None = Field(None, description="ข้อความหลังตาราง แบบ Markdown (text after the table)")


# ---------------------------------------------------------------- items


class Document(Strict):
    """เอกสารของข้อ (a document of the item)."""

    file: str = Field(description="ชื่อไฟล์ในโฟลเดอร์ของข้อนี้ เช่น แผนผังโครงสร้าง.pdf (file)")
    title: str = Field(description="ชื่อเอกสาร (title)")
    date: IsoDate | None = Field(None, description="วันที่ของเอกสาร (date)")
    description: str | None = Field(None, description="คำอธิบาย (description)")


class ItemMeta(Strict):
    """ส่วนหัว (front matter) ของ content/<ปี>/o<N>/index.md (an item page's front matter)."""

    documents: list[Document] = Field(default_factory=list, description="เอกสาร (documents)")
    links: list[Link] = Field(default_factory=list, description="ลิงก์ภายนอก (external links)")
    assessor_note: str | None = Field(None, description="คำอธิบายสำหรับผู้ตรวจประเมิน (note for the assessor)")
    published: IsoDate | None = Field(None, description="วันที่เผยแพร่ครั้งแรก (first published)")
    updated: IsoDate | None = Field(None, description="วันที่ปรับปรุงล่าสุด (last updated)")
    parts: list[Part] | None = Field(None, description="ส่วนที่มีโครงสร้างที่แสดง (structured parts shown)")
    parts_year: int | None = Field(None, description="ปีของส่วนที่แสดง ถ้าไม่ใช่ปีนี้ (year of those parts)")

    @model_validator(mode="after")
    def _dates(self) -> ItemMeta:
        if self.published and self.updated and self.updated < self.published:
            raise ValueError(
                f"updated {self.updated} มาก่อน published {self.published} (updated before published)"
            )
        return self


def effective_items(framework_items: list[FrameworkItem], year: YearConfig) -> list[FrameworkItem]:
    """The year's item list: the framework's, with the year's corrections applied."""
    items = [] if year.replace_items else [i.model_copy(deep=True) for i in framework_items]
    items = [i for i in items if i.code not in set(year.remove)]
    by_code = {i.code: i for i in items}
    for code, override in year.items.items():
        changes = override.model_dump(exclude_none=True)
        if code in by_code:
            for key, value in changes.items():
                setattr(by_code[code], key, value)
            by_code[code].verified = by_code[code].verified or "title" in changes
        else:
            new = FrameworkItem.model_validate({"code": code, **changes})
            items.append(new)
            by_code[code] = new
    return sorted(items, key=lambda i: i.number)


# ---------------------------------------------------------------- redirects


def site_path(value: object) -> str:
    """A path on this site as an editor writes it: ``/2568/o7/``; a folder gets its ``/``.

    Strict, because it is written into web-server rules: one leading slash (``//host`` is
    another site), no empty, ``.`` or ``..`` segments, no control or invisible characters
    (tabs and line breaks among them), no quotes, braces, semicolons or other URL and server
    syntax. It may be written as the register and the browser show it: a space as it is or
    as ``%20``, Thai letters as they are or percent-encoded. The rules quote or encode it.
    """
    from urllib.parse import unquote

    raw = str(value).strip()
    hint = "เขียนที่อยู่บนเว็บไซต์นี้ เริ่มด้วย / เช่น /2568/o7/ หรือ /2568/o1/แผนผัง.pdf"
    text = unquote(raw)
    if "://" in text or not text.startswith("/") or text.startswith("//"):
        raise ValueError(f"'{value}' ไม่ใช่ที่อยู่บนเว็บไซต์นี้ (not a path on this site); {hint}")
    for char in text:
        if invisible_or_control(char) or (char in URL_SYNTAX and char != ":"):
            shown = f"U+{ord(char):04X}" if invisible_or_control(char) else char
            raise ValueError(
                f"'{value}' มีอักขระ {shown} ซึ่งใช้ในที่อยู่ไม่ได้ (a character a path may not hold); {hint}"
            )
    segments = text.split("/")[1:]
    if any(segment in ("", ".", "..") for segment in segments[:-1]) or segments[-1] in (".", ".."):
        raise ValueError(f"'{value}' มี // . หรือ .. (an empty, . or .. segment); {hint}")
    last = text.rsplit("/", 1)[-1]
    if last and "." not in last:
        text += "/"
    return text


SitePath = Annotated[str, BeforeValidator(site_path)]


class Redirect(Strict):
    """ที่อยู่เดิมที่ย้ายไปที่ใหม่ (a published path that moved)."""

    old: SitePath = Field(description="ที่อยู่เดิมที่เคยเผยแพร่ เช่น /2568/o7/ (old path)")
    new: SitePath = Field(description="ที่อยู่ใหม่ เช่น /2568/o6/ (new path)")
    note: str | None = Field(None, description="เหตุผล (why)")


class Gone(Strict):
    """ที่อยู่ที่นำข้อมูลออกโดยตั้งใจ (a published path removed on purpose)."""

    url: SitePath = Field(description="ที่อยู่ของหน้าที่เคยเผยแพร่ เช่น /2566/o44/ (path of a page)")
    title: str = Field(description="เดิมเป็นข้อมูลอะไร (what was there)")
    date: IsoDate = Field(description="วันที่นำออก (when it was removed)")
    reason: str = Field(description="เหตุผลที่นำออก (why)")

    @field_validator("url")
    @classmethod
    def _page(cls, url: str) -> str:
        if not url.endswith("/"):
            raise ValueError(
                f"{url} เป็นเอกสาร ไม่ใช่หน้า (a document, not a page); "
                "เอกสารที่นำออกให้ย้าย (redirects:) ไปยังหน้าของข้อแทน เช่น old: /2567/o1/แผน.pdf new: /2567/o1/"
            )
        return url


class Redirects(Strict):
    """การย้ายและการนำข้อมูลออก: content/redirects.yml (moved and removed URLs)."""

    redirects: list[Redirect] = Field(default_factory=list, description="ที่อยู่ที่ย้าย (moved paths)")
    gone: list[Gone] = Field(default_factory=list, description="ที่อยู่ที่นำออก (removed paths)")
