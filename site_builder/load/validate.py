"""Turn pydantic's validation errors into errors an editor can act on.

Each error gets the file, the line of the offending key, the key path, a Thai message
(English beside it) and a hint; unknown keys get a "did you mean" from the keys the
model knows at that place.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from site_builder.errors import ContentError, KeyPath, Positions, ValueErrorAt

M = TypeVar("M", bound=BaseModel)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        found += _models_in(arg)
    return found


def _container_kind(annotation: Any) -> str | None:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        kinds = {_container_kind(a) for a in typing.get_args(annotation)} - {None}
        return kinds.pop() if len(kinds) == 1 else None
    if origin is typing.Annotated:
        return _container_kind(typing.get_args(annotation)[0])
    if origin is list:
        return "list"
    if origin is dict:
        return "dict"
    return None


def model_at(model: type[BaseModel], loc: KeyPath) -> type[BaseModel] | None:
    """The model class that holds the last key of ``loc``."""
    current: type[BaseModel] | None = model
    pending: str | None = None  # "list"/"dict": the next loc element is an index or key
    for part in loc[:-1]:
        if pending:
            pending = None
            continue
        if current is None or not isinstance(part, str) or part not in current.model_fields:
            return current
        annotation = current.model_fields[part].annotation
        pending = _container_kind(annotation)
        models = _models_in(annotation)
        current = models[0] if models else None
    return current


def _clean_loc(loc: tuple[Any, ...]) -> KeyPath:
    return tuple(p for p in loc if isinstance(p, int) or ("[" not in p and "function-" not in p))


def _message(error: Any, model: type[BaseModel], loc: KeyPath) -> tuple[str, str | None]:
    kind = error["type"]
    ctx = error.get("ctx", {})
    key = loc[-1] if loc else ""
    if kind == "missing":
        return (f"ขาดคีย์ที่ต้องมี '{key}' (required key '{key}' is missing)", f"เพิ่มบรรทัด {key}: …")
    if kind == "extra_forbidden":
        owner = model_at(model, loc)
        known = sorted(owner.model_fields) if owner else []
        close = difflib.get_close_matches(str(key), known, n=1, cutoff=0.6)
        message = f"ไม่รู้จักคีย์ '{key}' (unknown key '{key}')"
        if close:
            return message, f"หมายถึง '{close[0]}' หรือไม่? (did you mean '{close[0]}'?)"
        return message, "คีย์ที่ใช้ได้ที่นี่ (known keys): " + ", ".join(known)
    if kind == "value_error":
        text = str(ctx.get("error", error["msg"]))
        if ";" in text:  # "what is wrong; what to write": the last one, a value shown may hold one
            message, hint = text.rsplit(";", 1)
            return message.strip(), hint.strip()
        return text, None
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        return (
            f"ต้องเป็นตัวเลข{'จำนวนเต็ม' if kind.startswith('int') else ''} แต่พบ '{error.get('input')}' "
            "(must be a number)",
            "เขียนเฉพาะตัวเลข เช่น 2568 หรือ 92.51",
        )
    if kind == "string_type":
        return ("ต้องเป็นข้อความ (must be text)", 'ครอบข้อความด้วยเครื่องหมายคำพูด เช่น "ข้อความ"')
    if kind == "list_type":
        return (
            "ต้องเป็นรายการ (must be a list)",
            "เขียนแต่ละรายการในบรรทัดใหม่ ขึ้นต้นด้วย '- '",
        )
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return ("ต้องเป็นกลุ่มของคีย์ (must be a group of keys)", "เขียนคีย์ย่อยในบรรทัดถัดไป ย่อหน้าเข้าไป 2 ช่อง")
    if kind == "literal_error":
        return (
            f"ค่า '{error.get('input')}' ใช้ไม่ได้ (not allowed); ต้องเป็นค่าใดค่าหนึ่ง: {ctx.get('expected')}",
            None,
        )
    if kind in ("greater_than_equal", "greater_than"):
        return (f"ต้องไม่น้อยกว่า {ctx.get('ge', ctx.get('gt'))} แต่พบ {error.get('input')} (too small)", None)
    if kind in ("less_than_equal", "less_than"):
        return (f"ต้องไม่มากกว่า {ctx.get('le', ctx.get('lt'))} แต่พบ {error.get('input')} (too large)", None)
    if kind in ("bool_type", "bool_parsing"):
        return ("ต้องเป็น true หรือ false (must be true or false)", None)
    return (f"ค่าไม่ถูกต้อง (invalid value: {error['msg']})", None)


def validate(model: type[M], data: Any, positions: Positions, errors: list[ContentError]) -> M | None:
    """Validate ``data`` as ``model``; on failure add one error per problem and return None."""
    if data is None:
        data = {}
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = _clean_loc(error["loc"])
            cause = error.get("ctx", {}).get("error")
            if isinstance(cause, ValueErrorAt):
                loc = (*loc, *cause.where)
            message, hint = _message(error, model, loc)
            errors.append(positions.error(loc, message, hint))
        return None
