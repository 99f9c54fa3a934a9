"""What a number's words say it is: the overall score, a tool's score or total, an EIT part,
an indicator, a question, or something that is no result of the report's year.

A label is read for its cues, the nearest to the number winning: a question's code, an
indicator's number or name, a part of EIT, a tool, then the words of an overall score. Words
that make a number no score of the year (another year, a weight, a difference, a threshold,
the country's average) set it aside when they stand nearer to it than the key's. A number is
placed as sure when its key's words stand right before it; further off, it is placed as a
guess, with a TODO that quotes the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from site_builder.importer.words import CODE, TOOL_NAMES, code_key, digits, indicators_in
from site_builder.model.framework import Framework

KeyPath = tuple[Any, ...]

_YEAR = re.compile(r"(?:ปี(?:งบประมาณ)?|พ\.\s?ศ\.)\s*(?:พ\.\s?ศ\.\s*)?([0-9๐-๙]{4})")
_LAST_YEAR = re.compile(r"ปี(?:ที่แล้ว|ก่อน|ที่ผ่านมา)")
ASIDE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("น้ำหนักของเครื่องมือ (a weight)", re.compile(r"(?<!ถ่วง)น้ำหนัก(?!\s*ถ่วง)")),
    ("คะแนนถ่วงน้ำหนัก (a weighted score)", re.compile(r"ถ่วงน้ำหนัก")),
    (
        "ผลต่างหรือการเปลี่ยนแปลง (a difference)",
        re.compile(r"เพิ่มขึ้น|ลดลง|ผลต่าง|ต่างจาก|เปลี่ยนแปลง|เพิ่ม\s*/\s*ลด|[+−]\s*$|(?<![0-9๐-๙])-\s*$"),
    ),
    (
        "เกณฑ์หรือค่าเป้าหมาย (a threshold or a target)",
        re.compile(r"ต่ำกว่า|สูงกว่า|ไม่น้อยกว่า|ไม่ต่ำกว่า|ไม่ถึง|ขึ้นไป|เกณฑ์|เป้าหมาย|ผ่านเกณฑ์"),
    ),
    (
        "ค่าเฉลี่ยของหน่วยงานอื่น (an average of other agencies)",
        re.compile(r"ค่าเฉลี่ย(?:ของ)?\s*(?:ประเทศ|จังหวัด|กลุ่ม|อปท|หน่วยงานทั้งหมด)|ระดับประเทศ|ทั่วประเทศเฉลี่ย"),
    ),
)
EIT_PARTS = (
    ("public", re.compile(r"ส่วนที่\s*[1๑]|ส่วนสาธารณะ|ข้อมูลสาธารณะ(?!ของ)")),
    ("survey", re.compile(r"ส่วนที่\s*[2๒]|แบบสำรวจ|ส่วนแบบสำรวจ")),
)
OIT_NAME = re.compile(r"แบบตรวจ\s*(?:การ)?เปิดเผยข้อมูลสาธารณะ|การเปิดเผยข้อมูลสาธารณะ\s*\(?\s*OIT")
AFTER_ASIDE: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("เกณฑ์หรือค่าเป้าหมาย (a threshold or a target)", re.compile(r"^\s*(?:คะแนน)?\s*(?:ขึ้นไป|เป็นต้นไป|ลงมา)")),
    ("ช่วงคะแนนของระดับ (a band of the scale)", re.compile(r"^\s*[-–]\s*[0-9๐-๙]")),
)
BAND_BEFORE = re.compile(r"[0-9๐-๙]\s*[-–]\s*$")
OVERALL = re.compile(
    r"คะแนนรวม|ภาพรวม|คะแนน\s*(?:การประเมิน\s*)?ITA|ITA|ค่าคะแนน|ผลคะแนน|ได้รับผลการประเมิน|"
    r"ผลการประเมิน|รวม(?:ทั้งสิ้น)?$|^รวม"
)
WEAK_OVERALL = re.compile(r"ได้(?:รับ)?\s*(?:คะแนน)?|คะแนนเฉลี่ย")
"""Words that say a score without saying whose: the overall's when nothing else is named."""
FILLER = re.compile(
    r"การประเมิน|คุณธรรมและความโปร่งใส|ในการดำเนินงานของหน่วยงานภาครัฐ|\(?Integrity and Transparency"
    r" Assessment\s*:?\s*(?:ITA)?\)?|\(?ITA\)?|ประจำปี(?:งบประมาณ)?\s*(?:พ\.\s?ศ\.\s*)?[0-9๐-๙]{4}|"
    r"จำนวน|เท่ากับ|ได้(?:รับ)?|คือ|อยู่ที่|คะแนน|มี|ของหน่วยงาน|[\s:：()]"
)
"""What may stand between a key's words and its number without making the reading a guess:
the assessment's name and year, and the words that join a label to a number."""
TOTAL = re.compile(r"คะแนนรวม|รวม|ภาพรวม|เฉลี่ย")
SURE_GAP = 28
"""Letters between a key's words and its number, at most, for the number to be placed as
sure; further off it is placed as a guess, with a TODO quoting the words."""


@dataclass(frozen=True)
class Cue:
    path: KeyPath | None
    """Where the number goes; None when the cue sets it aside."""
    start: int
    end: int
    """Where the cue's words end in the label (the nearer to the number the stronger)."""
    words: str
    aside: str | None = None
    weak: bool = False
    """Words that name no key of their own ("ได้ 87.82"): another year's or another
    ranking's words before them still hold."""


def _cues(label: str, framework: Framework, year: int | None, tool: str | None) -> list[Cue]:
    cues: list[Cue] = []
    for match in re.finditer(rf"(?<![A-Za-z0-9๐-๙]){CODE}(?![0-9๐-๙])", label):
        code = ("questions", code_key(match.group(0)))
        cues.append(Cue(code, match.start(), match.end(), match.group(0)))
    for end, number in indicators_in(framework, label):
        # indicators_in counts letters without spaces: find the place again in the label.
        at = _unsqueezed(label, end)
        start = max(0, label.rfind("ตัวชี้วัด", 0, at))
        cues.append(Cue(("indicators", number), start, at, label[start:at].strip()))
    for found_tool, pattern in TOOL_NAMES.items():
        for match in pattern.finditer(label):
            cues.append(Cue(("tools", found_tool), match.start(), match.end(), match.group(0)))
    # OIT's name holds indicator 9's ("การเปิดเผยข้อมูล"): the tool's wins.
    for match in OIT_NAME.finditer(label):
        cues.append(Cue(("tools", "OIT"), match.start(), match.end() + 1, match.group(0)))
    eit_context = "EIT" in label or tool == "EIT" or "ภายนอก" in label
    if eit_context:
        for part, pattern in EIT_PARTS:
            for match in pattern.finditer(label):
                cues.append(Cue(("eit_parts", part), match.start(), match.end() + 2, match.group(0)))
    for match in OVERALL.finditer(label):
        cues.append(Cue(("score",), match.start(), match.end(), match.group(0)))
    for match in WEAK_OVERALL.finditer(label):
        cues.append(Cue(("score",), match.start(), match.end(), match.group(0), weak=True))
    for match in _YEAR.finditer(label):
        printed = int(digits(match.group(1)))
        if year is not None and 2500 <= printed <= 2700 and printed != year:
            reason = f"คะแนนของปี {printed} (a score of {printed})"
            cues.append(Cue(None, match.start(), match.end(), match.group(0), reason))
    for match in _LAST_YEAR.finditer(label):
        cues.append(Cue(None, match.start(), match.end(), match.group(0), "คะแนนของปีก่อน (last year's score)"))
    for reason, pattern in ASIDE:
        for match in pattern.finditer(label):
            cues.append(Cue(None, match.start(), match.end(), match.group(0), reason))
    return cues


def _unsqueezed(text: str, squeezed_end: int) -> int:
    seen = 0
    for index, char in enumerate(text):
        if not char.isspace():
            seen += 1
        if seen >= squeezed_end:
            return index + 1
    return len(text)


@dataclass(frozen=True)
class Reading:
    path: KeyPath | None
    sure: bool
    words: str
    aside: str | None = None


SPECIFIC = ("questions", "indicators", "eit_parts", "tools")


def read_label(
    before: str,
    after: str,
    framework: Framework,
    year: int | None,
    tool: str | None,
    preceding: str | None = None,
) -> Reading | None:
    """What the words before a number (and, when they say nothing, right after it) make of
    it. ``tool``: the tool whose section the number stands in, whose total a "คะแนนรวม" is;
    ``preceding``: all the text before the number, when ``before`` starts after another."""
    for reason, pattern in AFTER_ASIDE:
        if pattern.match(after):
            return Reading(None, True, after[:20], reason)
    if BAND_BEFORE.search(before if preceding is None else preceding):
        return Reading(None, True, before[-20:], "ช่วงคะแนนของระดับ (a band of the scale)")
    cues = _cues(before, framework, year, tool)
    if cues:
        return _choose(cues, before, tool)
    digit = re.search(r"[0-9๐-๙]", after)
    after = after[: digit.start() if digit else 40][:40]
    after_cues = [c for c in _cues(after, framework, year, tool) if c.path is not None]
    if after_cues:
        first = min(after_cues, key=lambda c: c.end)
        return _resolved(first.path, True, after[: first.end].strip(), tool, after)
    return None


def _choose(cues: list[Cue], label: str, tool: str | None) -> Reading:
    length = len(label.rstrip())
    nearest = max(cues, key=lambda c: (c.end, c.path is not None and c.path[0] in SPECIFIC))
    specific = [c for c in cues if c.path is not None and c.path[0] in SPECIFIC]
    if nearest.aside is not None:
        return Reading(None, True, nearest.words, nearest.aside)
    if nearest.weak:
        strong = [c for c in cues if not c.weak]
        if strong:
            anchor = max(strong, key=lambda c: (c.end, c.path is not None and c.path[0] in SPECIFIC))
            if anchor.aside is not None:
                # "ปี 2563 ซึ่งได้ 81.16": last year's score.
                return Reading(None, True, anchor.words, anchor.aside)
            nearest = anchor
    chosen = nearest
    if chosen.path == ("score",) and specific:
        # "แบบวัด IIT ได้คะแนน 93.10": the overall's words follow the tool's name.
        best = max(specific, key=lambda c: c.end)
        asides = [c for c in cues if c.aside is not None and c.end > best.end]
        if asides:
            late = max(asides, key=lambda c: c.end)
            return Reading(None, True, late.words, late.aside)
        chosen = best
    gap = len(FILLER.sub("", label[chosen.end : length]))
    start = max(0, chosen.start - 40)
    if start and " " in label[start : chosen.start]:
        start = label.index(" ", start) + 1
    # The previous number's unit and the "and" before this one are no part of its words.
    words = re.sub(r"^\s*(?:คะแนน)?\s*(?:และ|ส่วน|,)?\s*", "", label[start:]).strip()
    return _resolved(chosen.path, gap <= SURE_GAP, words, tool, label)


def _resolved(path: KeyPath | None, sure: bool, words: str, tool: str | None, label: str) -> Reading:
    if path == ("score",) and tool and TOTAL.search(label) and not re.search(r"ITA|ภาพรวม", label):
        # A tool's own total, on that tool's line or in its section.
        return Reading(("tools", tool), sure, words)
    return Reading(path, sure, words)


# ------------------------------------------------------------------ tables

COLUMN_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("weighted", re.compile(r"ถ่วงน้ำหนัก")),
    ("weight", re.compile(r"น้ำหนัก")),
    ("delta", re.compile(r"เพิ่ม|ลด|ผลต่าง|เปลี่ยนแปลง|\+\s*/\s*-")),
    ("level", re.compile(r"^ระดับ|ระดับผล")),
    ("target", re.compile(r"เป้าหมาย|เกณฑ์")),
    ("eit_public", re.compile(r"ส่วนที่\s*[1๑]|สาธารณะ")),
    ("eit_survey", re.compile(r"ส่วนที่\s*[2๒]|แบบสำรวจ")),
    ("index", re.compile(r"^(?:ที่|ลำดับ(?:ที่)?|ข้อ(?:ที่)?|ตัวชี้วัดที่|no\.?)$", re.I)),
    ("score", re.compile(r"คะแนน|ผลการประเมิน|ร้อยละ|score", re.I)),
)


def column_role(heading: str, year: int | None) -> tuple[str, int | None]:
    """A score table's column by its heading: ``year`` (with the year), ``score``,
    ``weight``, ``weighted``, ``delta``, ``level``, ``target``, ``eit_public``,
    ``eit_survey``, ``index``, or ``label`` (the words of the row)."""
    text = re.sub(r"\s+", " ", heading).strip()
    squeezed = re.sub(r"\s+", "", heading)
    for role, pattern in COLUMN_ROLES[:3]:
        if pattern.search(squeezed):
            return role, None
    found = _YEAR.search(text) or re.fullmatch(r"([0-9๐-๙]{4})", squeezed)
    if found:
        printed = int(digits(found.group(1)))
        if 2500 <= printed <= 2700:
            return "year", printed
    for role, pattern in COLUMN_ROLES[3:]:
        if pattern.search(squeezed):
            return role, None
    return "label", None


def aside_of_column(role: str, printed_year: int | None) -> str | None:
    """Why a number in a column of that role is no score of the report's year."""
    return {
        "weight": "น้ำหนักของเครื่องมือ (a weight)",
        "weighted": "คะแนนถ่วงน้ำหนัก (a weighted score)",
        "delta": "ผลต่างหรือการเปลี่ยนแปลง (a difference)",
        "target": "เกณฑ์หรือค่าเป้าหมาย (a threshold or a target)",
        "year": f"คะแนนของปี {printed_year} (a score of {printed_year})",
    }.get(role)
