"""Limits on what an editor's text may hold: characters that are not text, and Markdown
that the renderer cannot take in reasonable time. A file past a limit is a mistake or an
attack; either way it gets a message with its line, not a hung or crashed build."""

from __future__ import annotations

import re

# C0 and C1 controls (tab and line ends aside) and the bidirectional overrides, which can
# make text read differently from what it is. Zero-width spaces and joiners stay: Thai
# text uses them to mark word breaks.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Python-Markdown, which MkDocs renders pages with, takes time that grows with the cube of
# some runs: unclosed tags (<a <a <a …), unclosed brackets ([[[ …), and nesting deep
# enough to exhaust its stack. Real pages stay far below these counts (per paragraph).
MAX_UNCLOSED_TAGS = 100
MAX_OPEN_BRACKETS = 200
MAX_BRACKET_DEPTH = 50
MAX_NESTING_COLUMNS = 120
# Shorter text cannot pass any of these limits.
MIN_MARKDOWN_RISK = MAX_BRACKET_DEPTH
_TAG_OPEN = re.compile(r"<[A-Za-z!?/][^<>]*(>?)")
_LEAD = re.compile(r"^(?:[ \t]*(?:[-*+>]|[0-9]{1,9}[.)])(?=[ \t]))*[ \t]*")


def markdown_problem(text: str, first_line: int = 1) -> tuple[int, str, str] | None:
    """``(line, message, hint)`` for Markdown the renderer cannot take in reasonable time."""
    unclosed = opened = depth = 0
    paragraph_line = first_line
    for number, line in enumerate(text.split("\n"), first_line):
        if not line.strip():
            unclosed = opened = depth = 0
            paragraph_line = number + 1
            continue
        lead = _LEAD.match(line)
        if lead and len(lead.group().expandtabs(4)) > MAX_NESTING_COLUMNS:
            return (
                number,
                f"ย่อหน้าหรือรายการซ้อนกันลึกเกินไป (nesting deeper than {MAX_NESTING_COLUMNS} columns)",
                "เขียนรายการซ้อนกันไม่เกินสองสามชั้น",
            )
        if "<" in line:
            for match in _TAG_OPEN.finditer(line):
                if not match.group(1):
                    unclosed += 1
                    if unclosed > MAX_UNCLOSED_TAGS:
                        return (
                            number,
                            f"มีแท็ก HTML ที่เปิดแต่ไม่มี > ปิดเกิน {MAX_UNCLOSED_TAGS} แห่งในย่อหน้าเดียว "
                            f"(more than {MAX_UNCLOSED_TAGS} unclosed HTML tags in one paragraph, from line "
                            f"{paragraph_line})",
                            "ตรวจ HTML ที่คัดลอกมา หรือเขียน < เป็น &lt;",
                        )
        if "[" in line or "]" in line:
            for char in line:
                if char == "[":
                    opened += 1
                    depth += 1
                elif char == "]" and depth:
                    opened -= 1
                    depth -= 1
                if depth > MAX_BRACKET_DEPTH or opened > MAX_OPEN_BRACKETS:
                    return (
                        number,
                        "มีวงเล็บ [ ที่ไม่ได้ปิดหรือซ้อนกันมากเกินไป (too many open or nested [ brackets "
                        f"in one paragraph, from line {paragraph_line})",
                        "ปิดวงเล็บ [ ] ให้ครบคู่ หรือเขียน [ เป็น \\[",
                    )
    return None
