"""YAML with positions: every value and key keeps the line it came from.

PyYAML's ``safe_load`` forgets where things were and silently keeps the last of two
duplicate keys. Editors need both: the line of a mistake, and an error when a key (an
item code, a score) is written twice. So we compose the node tree ourselves and build
plain Python values while recording each key path's line and column.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from site_builder.errors import ContentError, KeyPath, Positions
from site_builder.load.limits import CONTROL_CHARACTERS, MIN_MARKDOWN_RISK, markdown_problem
from site_builder.load.memory import LoadMemory
from site_builder.thai import TypedFloat, TypedInt


class _Loader(yaml.SafeLoader):
    """SafeLoader without the YAML 1.1 traps that bite Thai editors.

    ``yes``/``no``/``on``/``off`` stay strings (only ``true``/``false`` are booleans).
    """


# libyaml parses several times faster; the pure-Python parser stays the reference and
# re-reads a file that fails, so syntax messages are the same with or without libyaml.
_FastLoader: type[yaml.SafeLoader] = type("_FastLoader", (getattr(yaml, "CSafeLoader", _Loader),), {})

_LOADERS: tuple[type[yaml.SafeLoader], ...] = (_Loader, _FastLoader)
for _loader in _LOADERS:
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


# Spaces that look like spaces but are not YAML's: a no-break space (U+00A0) and its
# kin come along when text is copied from LINE, Word or a web page.
_ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u3000]")
_ODD_INDENT = re.compile(r"^[ \t\u00a0\u2000-\u200a\u202f\u3000]*[\u00a0\u2000-\u200a\u202f\u3000]", re.M)


def _odd_indent_error(
    text: str, file: str, line_offset: int, before: int | None = None
) -> ContentError | None:
    """The first line (up to line ``before`` of ``text``) indented with a space YAML does not
    count, as the error to report instead of what YAML makes of it."""
    for match in _ODD_INDENT.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if before is not None and line > before:
            return None
        odd = _ODD_SPACE.search(match.group())
        assert odd is not None
        column = odd.start() + 1
        return ContentError(
            file,
            f"ย่อหน้าด้วยช่องว่างพิเศษ U+{ord(odd.group()):04X} ซึ่งมักติดมาเมื่อคัดลอกจาก LINE, Word หรือหน้าเว็บ "
            f"(indented with a no-break space, which YAML does not count as a space)",
            line + line_offset,
            column,
            (),
            "ลบช่องว่างหน้าบรรทัดนี้ แล้วเว้นใหม่ด้วยปุ่ม Space (2 ช่องต่อหนึ่งระดับ)",
        )
    return None


# Content files are a few levels deep and a few thousand values long. Past these limits a
# file is a mistake or an attack (an alias "bomb" that expands to billions of values, a
# nesting deep enough to exhaust the parser's stack), reported before it costs anything.
MAX_DEPTH = 50
MAX_VALUES = 200_000
_FLOW_OPEN, _FLOW_CLOSE = "[{", "]}"
_FLOW_SYNTAX = re.compile(r"[\[\]{}\"'#]")


def _too_deep(text: str) -> int | None:
    """The first line whose nesting (indentation, ``- `` runs, open brackets) passes MAX_DEPTH."""
    flow = 0
    quote = ""
    for number, line in enumerate(text.split("\n"), 1):
        if not quote and flow == 0:
            body = line.lstrip(" ")
            block = len(line) - len(body)
            while body.startswith(("- ", "? ")):
                block += 1
                if block > 2 * MAX_DEPTH:
                    return number
                body = body[2:].lstrip(" ")
            if block > 2 * MAX_DEPTH:
                return number
        if not quote and "[" not in line and "{" not in line and flow == 0:
            continue
        for match in _FLOW_SYNTAX.finditer(line):
            char = match.group()
            if quote:
                quote = "" if char == quote else quote
            elif char in "\"'":
                quote = char
            elif char == "#":
                break
            elif char in _FLOW_OPEN:
                flow += 1
                if flow > MAX_DEPTH:
                    return number
            elif char in _FLOW_CLOSE:
                flow = max(0, flow - 1)
        if quote == "'":
            quote = ""  # a lone apostrophe in plain text
    return None


def load_yaml(
    text: str, file: str, line_offset: int = 0, memory: LoadMemory | None = None
) -> tuple[Any, Positions]:
    """Parse one YAML document, returning its value and the positions of its keys.

    ``line_offset`` is added to every line, for front matter that starts below line 1.
    Raises :class:`ContentError` on a syntax error, a duplicate key, a nesting deeper than
    :data:`MAX_DEPTH` or more than :data:`MAX_VALUES` values (aliases counted expanded).

    With ``memory``, the same text parses to the same value: ``mkdocs serve`` loads the
    content again on every save, and only the saved file is parsed anew. Callers read the
    value and never change it (it is shared with the next load).
    """
    if memory is None:
        return _parsed(text, file, line_offset)
    key = (text, file, line_offset)
    found = memory.parsed.get(key)
    if found is None:
        found = _parsed(text, file, line_offset)
        memory.remember_parsed(key, found)
    return found


def _parsed(text: str, file: str, line_offset: int) -> tuple[Any, Positions]:
    positions = Positions(file)
    deep = _too_deep(text)
    if deep is not None:
        raise ContentError(
            file,
            f"ข้อมูลซ้อนกันลึกเกิน {MAX_DEPTH} ชั้น (nested deeper than {MAX_DEPTH} levels)",
            deep + line_offset,
            None,
            (),
            "เขียนข้อมูลให้ซ้อนกันเพียงไม่กี่ชั้นตามตัวอย่าง; ตรวจวงเล็บ [ ] { } และการย่อหน้า",
        )
    loader = _FastLoader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError:
            loader.dispose()
            loader = _Loader(text)
            node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        # An unclosed quote is found at the end of the file; the mistake is where it opens.
        opened = "quoted scalar" in (exc.context or "")
        mark = (exc.context_mark if opened else None) or exc.problem_mark or exc.context_mark
        # A line indented with a no-break space reads as text, and YAML fails a line or
        # more later: the indentation is the mistake.
        odd = _odd_indent_error(text, file, line_offset, mark.line + 1 if mark else None)
        if odd is not None:
            raise odd from None
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
    built = 0

    def build(node: Node, path: KeyPath) -> Any:
        nonlocal built
        built += 1
        line = node.start_mark.line + 1 + line_offset
        if built > MAX_VALUES or len(path) > MAX_DEPTH:
            raise ContentError(
                file,
                f"ข้อมูลขยายเกิน {MAX_VALUES:,} ค่า หรือซ้อนลึกเกิน {MAX_DEPTH} ชั้น เพราะใช้ alias (*) ซ้ำซ้อน "
                f"(the file expands to too many values or levels through aliases)",
                line,
                node.start_mark.column + 1,
                (),
                "เขียนค่าตรง ๆ แทนการอ้างถึงด้วย & และ *",
            )
        positions.lines.setdefault(path, (line, node.start_mark.column + 1))
        if isinstance(node, MappingNode):
            loader.flatten_mapping(node)
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode):
                    key = scalar(key_node, path)
                else:
                    key = loader.construct_object(key_node, deep=True)
                if isinstance(key, list | dict):
                    raise positions.error(path, "คีย์ต้องเป็นข้อความ ไม่ใช่รายการ (a key must be text)")
                if isinstance(key, str) and _ODD_SPACE.match(key):
                    # Indented with a no-break space, the key reads as text that starts with it.
                    start = key_node.start_mark.line + 1
                    odd = _odd_indent_error(text, file, line_offset, start)
                    if odd is not None:
                        raise odd
                key_path = (*path, key)
                where = (key_node.start_mark.line + 1 + line_offset, key_node.start_mark.column + 1)
                if key in out:
                    first = positions.lines[key_path][0]
                    raise ContentError(
                        file,
                        f"คีย์ '{key}' ซ้ำ (เขียนไว้แล้วที่บรรทัด {first}) "
                        f"(duplicate key '{key}', first at line {first})",
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
        return scalar(node, path)

    def scalar(node: ScalarNode, path: KeyPath) -> Any:
        control = CONTROL_CHARACTERS.search(node.value)
        if control:
            line = node.start_mark.line + 1 + line_offset
            raise ContentError(
                file,
                f"มีอักขระควบคุมที่มองไม่เห็น U+{ord(control.group()):04X} (an invisible control character)",
                line,
                node.start_mark.column + 1,
                path,
                "ลบอักขระนี้ (เช่น \\u202e หรือ \\e ในข้อความในเครื่องหมายคำพูด)",
            )
        # Any text may be Markdown (notes, introductions): what the renderer cannot take
        # is refused here, at its line.
        if len(node.value) > MIN_MARKDOWN_RISK:
            problem = markdown_problem(node.value, node.start_mark.line + 1 + line_offset)
            if problem:
                raise ContentError(file, problem[1], problem[0], None, path, problem[2])
        try:
            value = loader.construct_object(node, deep=True)
        except (ValueError, yaml.constructor.ConstructorError) as exc:
            # e.g. an impossible date such as 2025-02-30
            raise positions.error(
                path,
                f"ค่า '{node.value}' อ่านไม่ได้ (cannot read value: {exc})",
                "วันที่ให้เขียนแบบ ISO ปี ค.ศ. เช่น 2025-10-01",
            ) from None
        # A number keeps the text it was typed as (84.30, 100): the pages show it so.
        if type(value) is float:
            return TypedFloat(value, node.value)
        if type(value) is int:
            return TypedInt(value, node.value)
        return value

    return build(node, ()), positions
