"""The drafts as YAML an editor reads and edits: block style, the report's text as it is,
and each note as a ``# TODO:`` comment on the line above its key.

PyYAML writes no comments, so the few shapes the drafts hold (mappings, lists, strings,
numbers, None) are written here; every string that a plain scalar would misread (a number,
a date, ``yes``, a leading ``-`` or ``*``, ``: `` or `` #`` inside) is written quoted.
"""

from __future__ import annotations

import json
import re
from types import MappingProxyType
from typing import Any

from site_builder.importer.recognise import Note, Path, Printed

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`0-9+.~=<]")
_BREAKS = MappingProxyType(
    str.maketrans({"\x85": "\\x85", "\u2028": "\\u2028", "\u2029": "\\u2029", "\ufeff": "\\ufeff"})
)
# Characters a YAML reader refuses even in quotes, written as escapes.
_UNREADABLE = re.compile("[\x7f-\x84\x86-\x9f\ufffe\uffff]")
_RISKY = re.compile(r":\s|\s#|:$|^(?:true|false|yes|no|on|off|null|y|n)$", re.I)


def scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, Printed):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    if text.isprintable() and _PLAIN.match(text) and not _RISKY.search(text) and text == text.strip():
        return text
    # JSON's string is YAML's double-quoted scalar, but for the line breaks YAML knows and
    # JSON leaves as they are.
    quoted = json.dumps(text, ensure_ascii=False).translate(_BREAKS)
    return _UNREADABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", quoted)


def _key(key: Any) -> str:
    return scalar(key)


def _comment_text(text: str) -> str:
    # A note quotes the report: a line break would end the comment and start YAML, and a
    # YAML reader refuses control characters even in a comment.
    return "".join(ch if ch.isprintable() else " " for ch in text)


def _comments(notes: dict[Path, list[Note]], path: Path, indent: str) -> list[str]:
    return [f"{indent}# TODO: {_comment_text(f'{note.text} ({note.where})')}" for note in notes.get(path, [])]


def _block_text(text: str, indent: str) -> list[str]:
    return ["|"] + [f"{indent}{line}" if line else "" for line in text.split("\n")]


def _emit(value: Any, path: Path, notes: dict[Path, list[Note]], indent: str) -> list[str]:
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            here = (*path, key)
            lines.extend(_comments(notes, here, indent))
            lines.extend(_entry(f"{indent}{_key(key)}:", item, here, notes, indent))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            here = (*path, index)
            lines.extend(_comments(notes, here, indent))
            if isinstance(item, dict) and item:
                inner = _emit(item, here, notes, indent + "  ")
                first = next(i for i, line in enumerate(inner) if not line.lstrip().startswith("#"))
                inner[first] = f"{indent}- " + inner[first][len(indent) + 2 :]
                lines.extend(inner)
            else:
                lines.extend(_entry(f"{indent}-", item, here, notes, indent))
    return lines


def _entry(head: str, item: Any, path: Path, notes: dict[Path, list[Note]], indent: str) -> list[str]:
    if isinstance(item, dict):
        if not item:
            return [f"{head} {{}}"]
        return [head, *_emit(item, path, notes, indent + "  ")]
    if isinstance(item, list):
        if not item:
            return [f"{head} []"]
        return [head, *_emit(item, path, notes, indent + "  ")]
    if isinstance(item, str) and "\n" in item and all(line.isprintable() for line in item.split("\n")):
        block = _block_text(item.rstrip("\n"), indent + "  ")
        return [f"{head} {block[0]}", *block[1:]]
    return [f"{head} {scalar(item)}"]


def dump(data: dict[str, Any], notes: list[Note], header: list[str]) -> str:
    by_path: dict[Path, list[Note]] = {}
    for note in notes:
        path = note.path
        # A note on a key that is not in the draft (a period left out) goes on its parent.
        while path and not _has(data, path):
            path = path[:-1]
        by_path.setdefault(path, []).append(note)
    lines = [f"# {_comment_text(line)}" if line else "#" for line in header]
    lines.extend(_comments(by_path, (), ""))
    lines.extend(_emit(data, (), by_path, ""))
    return "\n".join(lines) + "\n"


def _has(data: Any, path: Path) -> bool:
    for key in path:
        listed = isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data)
        if (isinstance(data, dict) and key in data) or listed:
            data = data[key]
        else:
            return False
    return True
