"""YAML with positions: every value and key keeps the line it came from.

PyYAML's ``safe_load`` forgets where things were and silently keeps the last of two
duplicate keys. Editors need both: the line of a mistake, and an error when a key (an
item code, a score) is written twice. So we compose the node tree ourselves and build
plain Python values while recording each key path's line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from site_builder.errors import ContentError, KeyPath


@dataclass
class Positions:
    """Line and column (1-based) of every key path in one document."""

    file: str
    lines: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def at(self, path: KeyPath) -> tuple[int | None, int | None]:
        """Position of the longest known prefix of ``path``."""
        for end in range(len(path), -1, -1):
            found = self.lines.get(tuple(path[:end]))
            if found:
                return found
        return None, None

    def error(self, path: KeyPath, message: str, hint: str | None = None) -> ContentError:
        line, column = self.at(path)
        return ContentError(self.file, message, line, column, tuple(path), hint)


class _Loader(yaml.SafeLoader):
    """SafeLoader without the YAML 1.1 traps that bite Thai editors.

    ``yes``/``no``/``on``/``off`` stay strings (only ``true``/``false`` are booleans).
    """


# libyaml parses several times faster; the pure-Python parser stays the reference and
# re-reads a file that fails, so syntax messages are the same with or without libyaml.
_FastLoader: type[yaml.SafeLoader] = type("_FastLoader", (getattr(yaml, "CSafeLoader", _Loader),), {})

for _loader in {_Loader, _FastLoader}:
    _loader.yaml_implicit_resolvers = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _loader.add_implicit_resolver(
        "tag:yaml.org,2002:bool",
        re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"),
    )


def _syntax_message(exc: yaml.MarkedYAMLError) -> tuple[str, str]:
    problem = (exc.problem or "").strip()
    if "found character '\\t'" in problem or "\\t" in problem:
        return (
            "ใช้แท็บ (Tab) ในการย่อหน้า ซึ่ง YAML ไม่อนุญาต (a tab is used for indentation; YAML forbids tabs)",
            "ย่อหน้าด้วยช่องว่าง (space) 2 ช่องแทนแท็บ",
        )
    if "found unexpected end of stream" in problem or "while scanning a quoted scalar" in (exc.context or ""):
        return (
            "เครื่องหมายคำพูดไม่ได้ปิด (a quoted text is not closed)",
            'ปิดข้อความด้วยเครื่องหมายคำพูดแบบเดียวกับที่เปิด เช่น "ข้อความ"',
        )
    if "mapping values are not allowed" in problem:
        return (
            "มีเครื่องหมาย : ในตำแหน่งที่ YAML ไม่คาดหมาย (a ':' where YAML does not expect one)",
            'ถ้าข้อความมีเครื่องหมาย ":" ให้ครอบข้อความด้วยเครื่องหมายคำพูด เช่น title: "เวลา: 08.30 น."',
        )
    if "expected <block end>" in problem or "did not find expected key" in problem:
        return (
            "การย่อหน้าไม่ตรงกัน (indentation does not line up)",
            "ให้คีย์ที่อยู่ระดับเดียวกันย่อหน้าเท่ากันพอดี และรายการย่อย (-) ย่อหน้าเข้าไปมากกว่าคีย์แม่",
        )
    return (
        f"เขียน YAML ไม่ถูกต้อง (YAML syntax error: {problem or exc})",
        "ตรวจเครื่องหมาย : - และการย่อหน้าในบรรทัดนี้และบรรทัดก่อนหน้า",
    )


def load_yaml(text: str, file: str, line_offset: int = 0) -> tuple[Any, Positions]:
    """Parse one YAML document, returning its value and the positions of its keys.

    ``line_offset`` is added to every line, for front matter that starts below line 1.
    Raises :class:`ContentError` on a syntax error or a duplicate key.
    """
    positions = Positions(file)
    loader = _FastLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError:
            loader.dispose()
            loader = _Loader(text)
            node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message, hint = _syntax_message(exc)
        line = mark.line + 1 + line_offset if mark else None
        column = mark.column + 1 if mark else None
        raise ContentError(file, message, line, column, (), hint) from None
    except yaml.YAMLError as exc:
        raise ContentError(file, f"อ่าน YAML ไม่ได้ (cannot read YAML: {exc})") from None
    finally:
        loader.dispose()
    if node is None:
        return None, positions

    def build(node: Node, path: KeyPath) -> Any:
        positions.lines.setdefault(path, (node.start_mark.line + 1 + line_offset, node.start_mark.column + 1))
        if isinstance(node, MappingNode):
            loader.flatten_mapping(node)
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = loader.construct_object(key_node, deep=True)
                if isinstance(key, list | dict):
                    raise positions.error(path, "คีย์ต้องเป็นข้อความ ไม่ใช่รายการ (a key must be text)")
                key_path = (*path, key)
                where = (key_node.start_mark.line + 1 + line_offset, key_node.start_mark.column + 1)
                if key in out:
                    first = positions.lines[key_path][0]
                    raise ContentError(
                        file,
                        f"คีย์ '{key}' ซ้ำ (เขียนไว้แล้วที่บรรทัด {first}) (duplicate key '{key}', first at line {first})",
                        where[0],
                        where[1],
                        key_path,
                        "ลบหรือรวมรายการที่ซ้ำให้เหลือรายการเดียว",
                    )
                positions.lines[key_path] = where
                out[key] = build(value_node, key_path)
            return out
        if isinstance(node, SequenceNode):
            return [build(child, (*path, index)) for index, child in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        try:
            return loader.construct_object(node, deep=True)
        except (ValueError, yaml.constructor.ConstructorError) as exc:
            # e.g. an impossible date such as 2025-02-30
            raise positions.error(
                path,
                f"ค่า '{node.value}' อ่านไม่ได้ (cannot read value: {exc})",
                "วันที่ให้เขียนแบบ ISO ปี ค.ศ. เช่น 2025-10-01",
            ) from None

    return build(node, ()), positions
