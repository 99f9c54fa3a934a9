"""Decap CMS form fields from the content models' JSON Schemas.

The schemas are the ones ``oit-site schema`` writes and VS Code reads, made by pydantic
from the models the loader validates with; the form is read off them, so a field added
to a model gets a widget (or fails :func:`fields_of` loudly) without anyone remembering.

Decap edits what a form can hold: lists of fixed shapes, objects with known keys. Three
shapes in our files are wider than that, and the editor's file formats
(``static/admin.js``) turn them into form shapes when a file is opened and back when it
is saved; :class:`Transform` names them:

- ``list``: text or a list of texts (``actions: ทำ ก``) is always a list in the form;
- ``section``: a list, or the list with a heading and lead-in, is always the latter;
- ``map``: a mapping with open keys (``questions: {i19: 84.3}``) is a list of rows
  (``[{code: i19, score: 84.3}]``);
- ``rows``: a row written as its key alone (``questions: [i19]``) is the row
  (``[{code: i19}]``);
- ``columns``: a table's columns, written as a mapping of headings or as the columns in
  order (``[topic, steps: แนวทาง…]``), are rows of a column and its heading (and the
  status column's sub-columns, rows of a status and its heading); a mapping opens as every
  column in the site's order, and is saved as it was unless changed;
- ``each``: one value for every key or a value per key (``labels: as_written``, or
  ``{analysis: as_written}``) is always a value per key in the form, saved as the one
  value when all keys have it;
- ``keyed``: one value or a value per key an editor chooses (an activity's ``status:
  done``, or ``{สำนักปลัด: done, กองคลัง: not_done}``) is rows of a key and its value,
  the one value a row with no key;
- ``number``: a score in Thai digits (``"๙๒.๕๑"``) is the number in the form, and stays
  as written unless the form changes it;
- ``choice``: a value chosen from a fixed list (``status: in_progress``) is its Thai label
  in the form (``อยู่ระหว่างดำเนินการ``), so a folded row of a list reads in Thai words;
- ``join``: mappings keyed alike (a result's ``questions``, ``question_titles`` and
  ``question_labels``, each keyed by the question's code) are one list of rows in the form
  (``[{code: i19, score: 84.3, title: …}]``), so that a code is typed once.

Dates are typed into the editor's own Thai date field (``oit-date``, in ``admin.js``), never
Decap's datetime widget, which reads ``09192025`` as a date of 1905: it reads 15/03/2568,
15 มี.ค. 2568 and 2025-03-15, shows the date in the Buddhist era, writes ISO, and refuses
what it cannot read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from site_builder.model.kinds import PARTS
from site_builder.model.schema import schema_of

Field = dict[str, Any]

QUESTION_PATTERN = r"^[ieoIEO][1-9][0-9]*$"
ITEM_PATTERN = r"^[oO][1-9][0-9]*$"


@dataclass(frozen=True)
class KeySpec:
    """How a mapping with open keys is shown as rows: the key's column and the value's."""

    key: str
    key_label: str
    key_field: Field
    value: str
    value_label: str


# Mappings whose keys an editor chooses, by their path in the file ("*" for every row).
MAP_KEYS: Mapping[str, KeySpec] = MappingProxyType(
    {
        "questions": KeySpec(
            "code",
            "รหัสข้อคำถาม",
            {"widget": "string", "pattern": [QUESTION_PATTERN, "เขียน i, e หรือ o ตามด้วยเลข เช่น i7, e11, o12"]},
            "score",
            "คะแนน",
        ),
        "question_titles": KeySpec(
            "code",
            "รหัสข้อคำถาม",
            {"widget": "string", "pattern": [QUESTION_PATTERN, "เขียน i, e หรือ o ตามด้วยเลข เช่น i7, e11, o12"]},
            "title",
            "ข้อคำถาม",
        ),
        "question_labels": KeySpec(
            "code",
            "รหัสข้อคำถาม",
            {"widget": "string", "pattern": [QUESTION_PATTERN, "เขียน i, e หรือ o ตามด้วยเลข เช่น i7, e11, o12"]},
            "label",
            "รหัสตามที่รายงานเขียน",
        ),
        "entries.*.scores.*.values": KeySpec(
            "year",
            "ปีงบประมาณ พ.ศ.",
            {"widget": "oit-number", "integer": True, "min": 2500, "max": 2700},
            "score",
            "คะแนน",
        ),
        "items": KeySpec(
            "code",
            "รหัสข้อ",
            {"widget": "string", "pattern": [ITEM_PATTERN, "เขียน O ตามด้วยเลขข้อ เช่น O1, O12"]},
            "change",
            "การแก้ไข",
        ),
        "themes.*.questions.*.cells": KeySpec(
            "column",
            "คอลัมน์ของรายงาน (ตามชื่อใน theme_columns)",
            {"widget": "string"},
            "value",
            "ค่า",
        ),
    }
)

# Values given once or per key an editor chooses: the key's column and the value's.
KEYED: Mapping[str, KeySpec] = MappingProxyType(
    {
        "measures.*.activities.*.status": KeySpec(
            "unit",
            "หน่วยงาน (เว้นว่างเมื่อสถานะเป็นของทั้งกิจกรรม)",
            {"widget": "string"},
            "status",
            "สถานะ",
        ),
    }
)


@dataclass(frozen=True)
class Join:
    """Mappings of a file kind keyed alike, shown as the first one's rows with the others'
    values beside: each other mapping by the name of its column in the rows."""

    main: str
    others: Mapping[str, str]


JOINED: Mapping[str, Join] = MappingProxyType(
    {"result": Join("questions", MappingProxyType({"question_titles": "title", "question_labels": "label"}))}
)

# Mappings shown as one field per key, when the year gives no better labels.
FIXED_KEYS: Mapping[str, list[tuple[str, str]]] = MappingProxyType(
    {
        "indicators": [(str(n), f"ตัวชี้วัดที่ {n}") for n in range(1, 11)],
        "eit_parts.public_indicators": [(str(n), f"ตัวชี้วัดที่ {n}") for n in (6, 7, 8)],
        "eit_parts.survey_indicators": [(str(n), f"ตัวชี้วัดที่ {n}") for n in (6, 7, 8)],
        "tools.*.scores.labels": [(str(n), f"ตัวชี้วัดที่ {n}") for n in range(1, 11)],
    }
)

# Lists whose rows may be written as the key alone (``questions: [i19, {code: e11, note: …}]``).
ROW_KEYS = MappingProxyType({"themes.*.questions": "code"})

# Labels of the values a select offers: the words the site uses.
CHOICE_LABELS = MappingProxyType(
    {
        "done": "ดำเนินการแล้ว",
        "in_progress": "อยู่ระหว่างดำเนินการ",
        "not_started": "ยังไม่ดำเนินการ",
        "not_done": "ยังไม่ได้ดำเนินการ",
        "IIT": "IIT แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน",
        "EIT": "EIT แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก",
        "OIT": "OIT แบบตรวจการเปิดเผยข้อมูลสาธารณะ",
        **{part.name: part.short for part in PARTS},
        "current": "ปีงบประมาณปัจจุบัน",
        "previous": "ปีงบประมาณที่ผ่านมา",
        "first_half": "6 เดือนแรกของปีงบประมาณ",
        "any": "ไม่กำหนดช่วง",
        "site": "เว็บไซต์เติมหัวเรื่อง เลข และคำกำกับ (ค่าเริ่มต้น)",
        "as_written": "ตามที่หน่วยงานเขียนเท่านั้น",
        "limitations": "ข้อจำกัด",
    }
)

# Labels for fields whose description starts with the values, not a name.
FIELD_LABELS = MappingProxyType(
    {"status": "สถานะ", "data_period": "ช่วงข้อมูล", "replace_items": "ใช้เฉพาะรายการใน items"}
)
# Hints said for a clerk where the model's description speaks of the file's own words.
FIELD_HINTS = MappingProxyType(
    {
        "measures.*.activities.*.status": (
            "เพิ่ม สถานะ แล้วเลือกสถานะของกิจกรรม ถ้าหน่วยงานที่รับผิดชอบมีสถานะต่างกัน ให้เพิ่มแถวละหน่วยงาน"
            " และพิมพ์ชื่อหน่วยงานตามที่อยู่ในผู้รับผิดชอบ (status, or one per responsible unit) · ในไฟล์: status"
        ),
    }
)

# Text fields that hold a sentence or more: a box of several lines.
TEXT_FIELDS = frozenset({"description", "note", "reason", "question", "address", "text", "assessor_note"})

MONTH_OR_DATE = "^(19|20)[0-9]{2}-[0-9]{2}(-[0-9]{2})?$"
"""The pattern of a field that holds a date or a month (a measure's period)."""
HTTPS_MESSAGE = "ที่อยู่ต้องขึ้นต้นด้วย https:// ไม่มีช่องว่าง เช่น https://www.example.go.th/ (an https:// address)"
LINK_MESSAGE = "ลิงก์ต้องขึ้นต้นด้วย https:// http:// mailto: หรือ tel: ไม่มีช่องว่าง (a web, mail or telephone link)"

PATTERN_MESSAGES = MappingProxyType(
    {
        "^(19|20)[0-9]{2}-[0-9]{2}(-[0-9]{2})?$": "เขียนวันที่ ปี ค.ศ. เช่น 2025-10-01 หรือเดือน เช่น 2025-10",
        "^(19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}$": "เขียนวันที่ ปี ค.ศ. เช่น 2025-10-01",
    }
)


@dataclass(frozen=True)
class Transform:
    """A place where the file's shape and the form's differ (see the module's docstring)."""

    path: str
    kind: str
    key: str = ""
    value: str = ""
    key_type: str = "string"
    labels: dict[str, str] = field(default_factory=dict)
    """``choice``: each value's label."""
    joined: dict[str, str] = field(default_factory=dict)
    """``join``: the other mappings, each by its column in the rows."""


@dataclass
class Form:
    """A file kind's form: Decap fields, the transforms, and each mapping's key order."""

    fields: list[Field]
    transforms: list[Transform] = field(default_factory=list)
    order: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    """What a year's form knows beyond the model: choices from the content."""

    fixed_keys: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Mappings shown as one field per key, by path: ``indicators`` → [("1", "ตัวชี้วัดที่ 1 …")]."""
    choices: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    """Fields chosen from a list, by path: ``entries.*.measure`` → the measures' ids."""
    media_folder: str | None = None
    """Where an item's documents are uploaded: the item's own folder, from the repository root."""
    content_folder: str = "content"
    """``content/`` from the repository root, where the agency's logo is."""


class UnsupportedField(TypeError):
    """A model field the form generator has no widget for."""


def label_and_hint(name: str, description: str | None) -> tuple[str, str]:
    """The Thai name a description starts with, and the rest as a hint with the file's key."""
    text = (description or "").strip()
    label = FIELD_LABELS.get(name)
    if label is None:
        # A switch described by what "true" means: its label is that meaning (switched on).
        said = re.sub(r"^true\s*=?\s*", "", text)
        label = re.split(r"\s+(?:เช่น|แบบ Markdown)\b|\s*\(|:", said, maxsplit=1)[0].strip() or name
    hint = f"{text} · ในไฟล์: {name}" if text else f"ในไฟล์: {name}"
    return label, hint


def fields_of(kind: str, context: Context | None = None) -> Form:
    """The form of a file kind (``agency``, ``result``, ``item`` …;
    :data:`site_builder.model.kinds.KINDS`)."""
    schema = schema_of(kind)
    builder = _Builder(schema.get("$defs", {}), context or Context())
    fields = builder.properties(schema, "")
    form = Form(fields, builder.transforms, builder.order)
    join = JOINED.get(kind)
    return joined(form, join) if join is not None else form


def joined(form: Form, join: Join) -> Form:
    """``form`` with ``join``'s mappings as one list of rows (the ``join`` transform)."""
    by_name = {f["name"]: f for f in form.fields}
    main = by_name[join.main]
    spec = MAP_KEYS[join.main]
    rows = list(main["fields"])
    for other, column in join.others.items():
        value = next(f for f in by_name[other]["fields"] if f["name"] == column)
        rows.append({**value, "hint": f"{value.get('hint', value['label'])} · ในไฟล์: {other}"})
    combined = {**main, "fields": rows}
    fields = [combined if f is main else f for f in form.fields if f["name"] not in join.others]
    transforms = []
    for t in form.transforms:
        if t.path == join.main and t.kind == "map":
            others = dict(join.others)
            transforms.append(Transform(t.path, "join", spec.key, spec.value, t.key_type, joined=others))
        elif not (t.path in join.others and t.kind == "map"):
            transforms.append(t)
    order = {**form.order, f"{join.main}.*": [f["name"] for f in rows]}
    return Form(fields, transforms, order)


class _Builder:
    def __init__(self, defs: dict[str, Any], context: Context) -> None:
        self.defs = defs
        self.context = context
        self.transforms: list[Transform] = []
        self.order: dict[str, list[str]] = {}

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            ref = node["$ref"]
            node = {**self.defs[ref.rsplit("/", 1)[-1]], **{k: v for k, v in node.items() if k != "$ref"}}
        return node

    def properties(self, schema: dict[str, Any], path: str, present: bool = True) -> list[Field]:
        """``present``: whether the object is always there (a file, a row); an optional
        object's own required fields are the loader's to ask for, once it is filled in."""
        schema = self.resolve(schema)
        required = set(schema.get("required", [])) if present else set()
        names = list(schema.get("properties", {}))
        self.order[path] = names
        return [
            self.field(name, node, f"{path}.{name}" if path else name, name in required)
            for name, node in schema["properties"].items()
        ]

    def field(self, name: str, node: dict[str, Any], path: str, required: bool) -> Field:
        node = self.resolve(node)
        label, hint = label_and_hint(name, node.get("description"))
        hint = FIELD_HINTS.get(path, hint)
        widget = self.widget(name, node, path, required)
        return {"name": name, "label": label, "hint": hint, "required": required, **widget}

    def widget(self, name: str, node: dict[str, Any], path: str, required: bool = True) -> Field:
        node = self.resolve(node)
        options = node.get("anyOf")
        if options is not None:
            options = [self.resolve(o) for o in options]
            kept = [o for o in options if o.get("type") != "null"]
            types = [o.get("type") for o in kept]
            if len(kept) == 1:
                return self.widget(name, {**kept[0], "description": node.get("description")}, path, False)
            if types == ["number", "string"]:  # a score: a number, or the same in Thai digits
                self.transforms.append(Transform(path, "number"))
                number = kept[0]
                return {"widget": "oit-number", "min": number.get("minimum"), "max": number.get("maximum")}
            if types == ["string", "array"]:  # text, or a list of texts
                self.transforms.append(Transform(path, "list"))
                return self.text_list(name)
            if types == ["string", "array", "object"]:  # a list, or the list with its heading
                self.transforms.append(Transform(path, "section"))
                return {
                    "widget": "object",
                    "collapsed": False,
                    "fields": self.properties(kept[2], path, False),
                }
            if types == ["object", "array"]:  # a table's columns: headings, or the columns in order
                return self.columns(
                    dict(node.get("x-columns") or []),
                    path,
                    dict(node.get("x-statuses") or []),
                    bool(node.get("x-own-columns")),
                )
            if types == ["string", "object"] and "enum" in kept[0]:  # one value, or one per key
                keys = kept[1].get("propertyNames", {}).get("enum")
                if keys:  # the keys are fixed: a value for each
                    self.transforms.append(Transform(path, "each", ",".join(keys)))
                    return self.mapping(name, kept[1], path)
                spec = KEYED.get(path)
                if spec is None:
                    raise UnsupportedField(
                        f"{path}: a value or values by open keys, and no row shape in KEYED"
                    )
                self.transforms.append(Transform(path, "keyed", spec.key, spec.value))
                value_widget = self.widget(spec.value, kept[0], f"{path}.*.{spec.value}")
                rows = [
                    {"name": spec.key, "label": spec.key_label, "required": False, **spec.key_field},
                    {"name": spec.value, "label": spec.value_label, "required": True, **value_widget},
                ]
                self.order[f"{path}.*"] = [spec.key, spec.value]
                # A row without its key holds the value of the whole: said so in Thai (Decap
                # would fold an empty summary into "No unit").
                summary = (
                    f"{{{{fields.{spec.key} | default('ทั้งหมด')}}}} · "
                    f"{{{{fields.{spec.value} | default('ยังไม่ได้เลือก')}}}}"
                )
                return {"widget": "list", "collapsed": False, "summary": summary, "fields": rows}
            if types == ["integer", "string"]:  # an indicator number or a question code
                return {
                    "widget": "string",
                    "pattern": [
                        r"^(10|[1-9]|[ieoIEO][1-9][0-9]*)$",
                        "เขียนเลขตัวชี้วัด 1–10 หรือรหัสข้อคำถาม เช่น i7",
                    ],
                }
            raise UnsupportedField(f"{path}: anyOf {types}")
        kind = node.get("type")
        if isinstance(kind, list):  # an id written as text or a number
            return self.choice(path) or {"widget": "string"}
        if path in self.context.choices or "enum" in node:
            return self.choice(path, node.get("enum"))
        if kind == "string":
            if node.get("format") == "date":
                return {"widget": "oit-date"}
            if node.get("pattern") == MONTH_OR_DATE:
                return {"widget": "oit-date", "month": True}
            if "pattern" in node:
                pattern = node["pattern"]
                return {
                    "widget": "string",
                    "pattern": [pattern, PATTERN_MESSAGES.get(pattern, "รูปแบบไม่ถูกต้อง")],
                }
            if name == "file":
                return self.file_widget()
            if name == "logo":
                return {
                    "widget": "image",
                    "choose_url": False,
                    "media_folder": f"/{self.context.content_folder}",
                    "public_folder": "",
                }
            if "Markdown" in (node.get("description") or ""):
                return {
                    "widget": "markdown",
                    "modes": ["rich_text", "raw"],
                    "buttons": ["bold", "italic", "link", "bulleted-list", "numbered-list"],
                    "editor_components": [],
                    "sanitize_preview": True,
                }
            if name in TEXT_FIELDS:
                return {"widget": "text"}
            if path.endswith("url") or name == "website":
                # https only where the field says so; elsewhere what the site links to.
                if "https://" in (node.get("description") or ""):
                    return {"widget": "string", "pattern": [r"^https://\S+$", HTTPS_MESSAGE]}
                return {"widget": "string", "pattern": [r"^(https?://|mailto:|tel:)\S+$", LINK_MESSAGE]}
            return {"widget": "string"}
        if kind in ("integer", "number"):
            # Typed as text and read by the editor (admin.js readNumber): Thai digits taken,
            # a letter or a comma refused with a message, never dropped.
            out: Field = {"widget": "oit-number", "integer": kind == "integer"}
            if "minimum" in node:
                out["min"] = node["minimum"]
            if "maximum" in node:
                out["max"] = node["maximum"]
            return out
        if kind == "boolean":
            return {"widget": "boolean", "default": node.get("default", False)}
        if kind == "array":
            items = self.resolve(node.get("items", {}))
            if path in ROW_KEYS and "anyOf" in items:  # a row, or its key alone (the rows transform)
                items = next(
                    self.resolve(o) for o in items["anyOf"] if self.resolve(o).get("type") == "object"
                )
            if "enum" in items:
                return {**self.choice(path, items["enum"], multiple=True), "multiple": True}
            if items.get("type") == "object" and "properties" in items:
                if path in ROW_KEYS:
                    self.transforms.append(Transform(path, "rows", ROW_KEYS[path]))
                fields = self.properties(items, f"{path}.*")
                return {"widget": "list", "collapsed": True, "summary": _summary(fields), "fields": fields}
            item = {"name": name, "label": "", **self.widget(name, items, f"{path}.*")}
            return {"widget": "list", "collapsed": False, "field": item}
        if kind == "object":
            if "properties" in node:
                fields = self.properties(node, path, required)
                return {"widget": "object", "collapsed": False, "fields": fields}
            return self.mapping(name, node, path)
        raise UnsupportedField(f"{path}: {kind}")

    def columns(
        self, headings: dict[str, str], path: str, statuses: dict[str, str] | None = None, own: bool = False
    ) -> Field:
        """``columns:`` as rows of a column and its heading, in the table's order; a file's
        mapping of headings opens as every column in the site's order (the same table). Where
        the status column may have sub-columns (``statuses``), a row has them too, each a
        status and its heading; where the report may have columns of its own (``own``), the
        column is typed, not chosen."""
        keys = list(headings)
        self.transforms.append(Transform(path, "columns", ",".join(keys)))
        options = [{"label": f"{key}: {heading}", "value": key} for key, heading in headings.items()]
        column: Field = {
            "name": "column",
            "label": "คอลัมน์",
            "required": True,
            "widget": "select",
            "options": options,
        }
        if own:
            sites = ", ".join(f"{key} ({heading})" for key, heading in headings.items())
            column = {
                "name": "column",
                "label": "คอลัมน์",
                "hint": f"คอลัมน์ของเว็บไซต์: {sites} หรือชื่อคอลัมน์ของรายงานเอง เช่น order (ต้องมีหัวตาราง)",
                "required": True,
                "widget": "string",
            }
        rows = [
            column,
            {
                "name": "heading",
                "label": "หัวตารางตามรายงาน",
                "hint": "เว้นว่างเพื่อใช้หัวตารางของเว็บไซต์",
                "required": False,
                "widget": "string",
            },
        ]
        self.order[f"{path}.*"] = ["column", "heading"]
        if statuses:
            choices = [{"label": f"{value}: {word}", "value": value} for value, word in statuses.items()]
            rows.append(
                {
                    "name": "sub",
                    "label": "คอลัมน์ย่อยของคอลัมน์สถานะ",
                    "hint": "ช่องที่ติ๊กตามสถานะของแต่ละแถว เช่น ดำเนินการแล้ว / ยังไม่ได้ดำเนินการ;"
                    " เว้นว่างเพื่อแสดงสถานะเป็นคำ",
                    "required": False,
                    "widget": "list",
                    "collapsed": False,
                    "summary": "{{fields.status}} · {{fields.heading}}",
                    "fields": [
                        {
                            "name": "status",
                            "label": "สถานะ",
                            "required": True,
                            "widget": "select",
                            "options": choices,
                        },
                        {"name": "heading", "label": "หัวตาราง", "required": False, "widget": "string"},
                    ],
                }
            )
            self.order[f"{path}.*"].append("sub")
            self.order[f"{path}.*.sub.*"] = ["status", "heading"]
        return {
            "widget": "list",
            "collapsed": True,
            "summary": "{{fields.column}} · {{fields.heading}}",
            "fields": rows,
        }

    def text_list(self, name: str) -> Field:
        return {"widget": "list", "collapsed": False, "field": {"name": name, "label": "", "widget": "text"}}

    def choice(self, path: str, values: list[str] | None = None, multiple: bool = False) -> Field:
        if path in self.context.choices:
            options = [{"label": label, "value": value} for value, label in self.context.choices[path]]
        elif values is not None and not multiple:
            # The form holds the label, so that a folded row reads in Thai (the ``choice`` transform).
            labels = {v: CHOICE_LABELS.get(v, v) for v in values}
            self.transforms.append(Transform(path, "choice", labels=labels))
            options = [{"label": label, "value": label} for label in labels.values()]
        elif values is not None:
            options = [{"label": CHOICE_LABELS.get(v, v), "value": v} for v in values]
        else:
            return {}
        return {"widget": "select", "options": options}

    def file_widget(self) -> Field:
        # Uploaded into the item's own folder, under the file's own name: the value is the name.
        folder = self.context.media_folder
        widget: Field = {"widget": "file", "choose_url": False}
        if folder is not None:
            widget |= {"media_folder": f"/{folder}", "public_folder": ""}
        return widget

    def mapping(self, name: str, node: dict[str, Any], path: str) -> Field:
        value = self.resolve(node.get("additionalProperties", {}))
        keys = node.get("propertyNames", {})
        fixed = self.context.fixed_keys.get(path, FIXED_KEYS.get(path))
        if fixed is None and "enum" in keys:
            fixed = [(k, CHOICE_LABELS.get(k, k)) for k in keys["enum"]]
        if fixed is not None:
            self.order[path] = [k for k, _ in fixed]
            fields = [
                {
                    "name": key,
                    "label": label,
                    "hint": f"ในไฟล์: {name}.{key}",
                    "required": False,
                    **self.widget(key, value, f"{path}.{key}"),
                }
                for key, label in fixed
            ]
            return {"widget": "object", "collapsed": False, "fields": fields}
        spec = MAP_KEYS.get(path)
        if spec is None:
            raise UnsupportedField(f"{path}: a mapping with open keys and no row shape in MAP_KEYS")
        key_type = "int" if spec.key_field.get("value_type") == "int" else "string"
        self.transforms.append(Transform(path, "map", spec.key, spec.value, key_type))
        value_widget = self.widget(spec.value, value, f"{path}.*.{spec.value}")
        rows = [
            {"name": spec.key, "label": spec.key_label, "required": True, **spec.key_field},
            {"name": spec.value, "label": spec.value_label, "required": False, **value_widget},
        ]
        self.order[f"{path}.*"] = [spec.key, spec.value]
        return {"widget": "list", "collapsed": True, "summary": _summary(rows), "fields": rows}


SUMMARY_FIELDS = (
    "id",
    "measure",
    "code",
    "year",
    "file",
    "title",
    "topic",
    "text",
    "label",
    "old",
    "url",
    "status",
    "score",
)


def _summary(fields: list[Field]) -> str:
    """A list row's one-line summary: its first two naming fields."""
    present = {f["name"] for f in fields}
    names = [name for name in SUMMARY_FIELDS if name in present][:2] or [fields[0]["name"]]
    return " · ".join(f"{{{{fields.{n}}}}}" for n in names)
