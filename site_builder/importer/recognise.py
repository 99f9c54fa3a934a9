"""From a report's blocks to drafts of result, analysis, measures and progress.

One pass over the blocks in the report's order. A paragraph is placed by its shape (a tool's
heading, ``(1) …`` for an indicator, ``ประเด็น … แนวทางแก้ไข …``, ``ประเด็นที่ ๑``, a
limitation's heading, a bullet); a table by its header (the indicators' scores, a theme's
questions, the measures, the progress). What is placed is kept in the report's words, its
numbers as printed; what was placed by a guess carries a note, written as a ``TODO:``
comment above the key, naming the report's line or page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from site_builder.importer.blocks import Block, Para, Row, Table
from site_builder.importer.words import (
    CODE,
    CODE_RE,
    LEVEL,
    NUMBER,
    code_key,
    digits,
    entries,
    indicator_named,
    indicators_in,
    join,
    one_or_list,
    period,
    question_indicator,
    squeeze,
    tool_of,
    year_of,
)
from site_builder.model.content import AGENCY_KINDS
from site_builder.model.framework import Framework

Path = tuple[str | int, ...]


class Printed(str):
    """A number as the report prints it in Arabic digits (``100.00``): written unquoted."""


@dataclass
class Note:
    path: Path
    text: str
    where: str


@dataclass
class Draft:
    """One part's data, as the file will hold it, with its notes and what was placed."""

    part: str
    data: dict[str, Any] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    placed: list[tuple[str, str]] = field(default_factory=list)
    """(what, where in the report)."""

    def note(self, path: Path, text: str, where: str) -> None:
        self.notes.append(Note(path, text, where))

    def put(self, what: str, where: str) -> None:
        self.placed.append((what, where))


@dataclass
class Reading:
    year: int | None
    drafts: dict[str, Draft]
    unplaced: list[tuple[str, str]]
    """(where, the text) of what found no place."""
    skipped: list[tuple[str, str]]
    """(where, why): headings and legends left out on purpose."""


# ------------------------------------------------------------------ shapes

TOOL_ANALYSIS = re.compile(r"ข้อเสนอแนะ|กรณีการประเมิน|พบว่า|ผลการวิเคราะห์")
MEASURES_TITLE = re.compile(
    r"^(?:[0-9๐-๙]+[.)]\s*)?(?:แนวทางในการกำหนดวิธีการนำผล|มาตรการส่งเสริมคุณธรรมและความโปร่งใส.{0,40}ประจำปี)"
)
REC_TITLE = re.compile(r"^\(\s*([0-9๐-๙]{1,2})\s*\)\s*(.+)$")
ISSUE = re.compile(r"^ประเด็น(?!ที่|การวิเคราะห์)\s*[:：]?\s*(.+)$")
REMEDY_SPLIT = re.compile(r"\s*แนวทาง(?:การ)?แก้ไข\s*[:：]?\s*")
REMEDY = re.compile(r"^แนวทาง(?:การ)?แก้ไข\s*[:：]?\s*(.+)$")
THEME = re.compile(r"^ประเด็นที่\s*([0-9๐-๙]{1,2})\s*[:.]?\s*(.*)$")
QUESTION_BULLET = re.compile(rf"^[-•▪]\s*ข้อ\s*({CODE}(?:\s*(?:,|และ|หรือ|-|–)\s*{CODE})*)\s*(.*)$")
BULLET = re.compile(r"^[-•▪●➢]\s*(.+)$")
NUMBERED = re.compile(r"^([0-9๐-๙]{1,2})\s?[.)]\s*(.+)$")
LIMITS = re.compile(r"ข้อจำกัด|ปัญหา\s*/?\s*อุปสรรค|ปัญหาและอุปสรรค")
STRENGTHS = re.compile(r"^(?:[0-9๐-๙]+[.)]\s*)?จุดแข็ง")
WEAKNESSES = re.compile(r"^(?:[0-9๐-๙]+[.)]\s*)?(?:จุดอ่อน|จุดที่ควรพัฒนา)")
LEGEND = re.compile(r"^[●○■□]")
ANALYSED = ("tools", "themes", "strengths", "weaknesses", "limitations")
"""The analysis's parts that a report's own sections fill."""
HEADING = re.compile(r"(?:[0-9๐-๙]{1,2}[.)]\s*)?[^.:;!?|\n]{1,60}(?<!ดังนี้)")
"""A short line without a sentence's end: a heading."""
SOURCE = re.compile(
    r"((?:ตาม)?ประกาศสำนักงาน\s*ป\.\s?ป\.\s?ช\.\s*เรื่อง\s*.+?"
    r"(?:\(Integrity and Transparency Assessment\s*:?\s*ITA\)|ลงวันที่\s*\S+\s+\S+\s+\S+))"
)
OVERALL = (
    re.compile(rf"^({NUMBER})\s*ค่าคะแนน"),
    re.compile(rf"(?:ได้รับ|ได้)ผลการประเมิน\s*({NUMBER})\s*คะแนน"),
    re.compile(rf"(?:คะแนนรวม|ค่าคะแนนรวม|ผลคะแนนรวม)\s*(?:เท่ากับ|ได้)?\s*({NUMBER})"),
    re.compile(
        rf"คะแนน\s*(?:การประเมิน\s*)?ITA\s*(?:ประจำปี(?:งบประมาณ)?\s*(?:พ\.\s?ศ\.\s*)?[0-9๐-๙]{{4}}\s*)?"
        rf"(?:เท่ากับ|คือ|ได้)?\s*({NUMBER})"
    ),
)
# A tool's score in a sentence: "แบบวัด IIT ได้คะแนน 93.00", "EIT คะแนน ๘๘.๕๐".
TOOL_PROSE = re.compile(
    rf"\b(IIT|EIT|OIT)\b\)?\s*(?:ได้|มี)?\s*(?:ค่า)?คะแนน(?:เฉลี่ย)?\s*(?:เท่ากับ|คือ)?\s*({NUMBER})"
)
LEVEL_AFTER = re.compile(rf"ระดับผลการประเมิน\s*(?:\(Rating Score\))?\s*(?:อยู่ใน(?:ระดับ)?)?\s*({LEVEL})")
LEVEL_BEFORE = re.compile(rf"^({LEVEL})\s*ระดับผลการประเมิน")
PROSE_SCORE = re.compile(rf"(?:เท่ากับ|ได้คะแนน|ได้)\s*({NUMBER})(?:\s*คะแนน)?")
RANK = re.compile(r"ลำดับที่\s*([0-9๐-๙,]+)\s*(?:จาก(?:ทั้งหมด)?\s*([0-9๐-๙,]+)\s*(?:หน่วยงาน)?)?")
RANK_GROUP = re.compile(r"\s*(?:ใน|ของ)?\s*(?:กลุ่ม|ประเภท)\s*(?:หน่วยงาน)?\s*(" + "|".join(AGENCY_KINDS) + ")")

COLUMN_WORDS: tuple[tuple[str, str], ...] = (
    ("summary", "สรุปผล"),
    ("outcome", "ผลลัพธ์|ความสำเร็จ"),
    ("follow_up", "ติดตาม"),
    ("responsible", "ผู้รับผิดชอบ|หน่วยงานที่รับผิดชอบ|หน่วยงานรับผิดชอบ"),
    ("period", "ระยะเวลา|ห้วงเวลา|กำหนดเวลา"),
    ("steps", "ขั้นตอน|วิธีการ|วิธีดำเนินการ|แนวทางการดำเนินการ"),
    ("actions", "โครงการ|กิจกรรม"),
    ("weakness", "จุดอ่อน|ข้อบกพร่อง"),
    ("status", "สถานะ|ผลการดำเนินการ"),
    ("topic", "ประเด็น|มาตรการ|แนวทาง"),
)
CAPTION = re.compile(r"\s*วิธี(?:การ)?ดำเนินการ\s*(?=\S)")
STATUS_WORDS = (
    ("in_progress", re.compile(r"อยู่ระหว่าง(?:การ)?ดำเนินการ")),
    ("not_started", re.compile(r"ยังไม่(?:ได้)?ดำเนินการ|ไม่ได้ดำเนินการ")),
    ("done", re.compile(r"ดำเนินการแล้ว|ดำเนินการเรียบร้อย|ดำเนินการเสร็จ")),
)
ACTIVITY_WORDS = (
    ("in_progress", STATUS_WORDS[0][1]),
    ("not_done", STATUS_WORDS[1][1]),
    ("done", STATUS_WORDS[2][1]),
)
ITA_TOPIC = re.compile(r"(?:จาก)?ผลการประเมิน\s*ITA\s*(?:ใน)?หัวข้อ\s*")
YEAR_SCORE = re.compile(rf"ITA\s*ปี\s*([0-9๐-๙]{{4}})\s*ได้คะแนน\s*({NUMBER})?\s*คะแนน")


def column_key(heading: str) -> str | None:
    text = squeeze(heading)
    for key, words in COLUMN_WORDS:
        if re.search(words, text):
            return key
    return None


def heading_text(heading: str) -> str:
    """A heading as the report means it: the spaces a narrow column put between Thai words
    taken out."""
    return re.sub(r"(?<=[\u0e00-\u0e7f/])\s+(?=[\u0e00-\u0e7f/])", "", heading.replace("\n", " ")).strip()


def _cell_text(cell: str) -> str:
    return " ".join(line.strip() for line in cell.split("\n") if line.strip())


class Recogniser:
    def __init__(self, blocks: list[Block], framework: Framework, year: int | None) -> None:
        self.blocks = blocks
        self.framework = framework
        self.year = year
        self.result = Draft("result")
        self.analysis = Draft("analysis")
        self.measures = Draft("measures")
        self.progress = Draft("progress")
        self.unplaced: list[tuple[str, str]] = []
        self.skipped: list[tuple[str, str]] = []
        self.front: list[tuple[str, str, int]] = []
        """(Markdown, where, block) of what stands before the analysis: its summary."""
        self.current = 0
        """The block being read."""
        self.elsewhere: set[int] = set()
        """Blocks placed in result.yml or left out (a chart's legend)."""
        self.title: tuple[str, str] | None = None
        self.state = "front"
        self.tool: dict[str, Any] | None = None
        self.tool_indicator: int | None = None
        self.rec: dict[str, Any] | None = None
        self.rec_title: tuple[str, int | None] | None = None
        self.section: dict[str, Any] | None = None
        self.theme: dict[str, Any] | None = None
        self.section_name = ""
        self.theme_actions = False
        """The theme's list of actions has begun (after its "แนวทาง…" heading)."""
        self.title_open = False
        """The lines after the title, without a gap, are the title's."""
        self.pending_note: tuple[str, str] | None = None
        """What to check of the indicator of the recommendations under a ``(1) …`` heading."""
        self.group_tool: str | None = None
        self.table_kind: str | None = None
        """``measures`` or ``progress`` while a table of either goes on."""
        self.columns: list[str | None] = []
        self.last_row: dict[str, Any] | None = None
        self.last_indicators = 0
        """Columns of the indicators' table just read (0: the last table was another)."""

    # -------------------------------------------------------------- the pass

    def run(self) -> Reading:
        first = True
        # The cover: the short lines before the first paragraph of prose, but for the heading
        # right above it.
        prose = next(
            (i for i, b in enumerate(self.blocks) if isinstance(b, Table) or len(b.text) > 100),
            len(self.blocks),
        )
        for index, block in enumerate(self.blocks):
            self.current = index
            if isinstance(block, Table):
                self.table(block)
                continue
            if first:
                first = False
                self.cover(index)
                continue
            if self.title is not None and block.joined and self.state == "front" and self.title_open:
                continue
            self.title_open = False
            if index < prose - 1 and self.state == "front":
                if self.result_line(block.text, block.where):
                    self.elsewhere.add(index)
                else:
                    self.skipped.append((block.where, f"หน้าปก «{block.text}» (the cover)"))
                continue
            self.paragraph(block)
        return self.finish()

    def cover(self, index: int) -> None:
        """The report's first lines: its title (the lines that follow without a gap)."""
        lines = [self.blocks[index]]
        for block in self.blocks[index + 1 :]:
            if isinstance(block, Para) and block.joined:
                lines.append(block)
            else:
                break
        paras = [b for b in lines if isinstance(b, Para)]
        text = " ".join(p.text for p in paras)
        if re.search(r"ITA|คุณธรรม|โปร่งใส|มาตรการ|ผลการประเมิน", text):
            self.title = (text, paras[0].where)
            self.title_open = True
        else:
            self.paragraph(paras[0])
        if self.year is None:
            self.year = year_of(text)

    def paragraph(self, para: Para) -> None:
        text, where = para.text, para.where
        if self.result_line(text, where):
            self.elsewhere.add(self.current)
            return
        if LEGEND.match(text):
            self.skipped.append((where, "คำอธิบายสัญลักษณ์ของแผนภูมิ (a chart's legend)"))
            self.elsewhere.add(self.current)
            return
        tool = tool_of(text)
        if MEASURES_TITLE.match(text) and len(text) < 200:
            title = re.sub(r"^(?:[0-9๐-๙]+[.)]\s*)", "", text)
            title = re.sub(r"\s*(?:มีรายละเอียด)?\s*ดังนี้\s*$", "", title)
            self.measures.data.setdefault("title", title)
            self.measures.put("title", where)
            self.state = "measures"
            return
        if tool and self.state in ("measures",) and not TOOL_ANALYSIS.search(text):
            self.group_tool = tool
            groups = self.measures.data.setdefault("groups", {})
            groups.setdefault(tool, {})["title"] = text
            self.measures.put(f"groups.{tool}.title", where)
            return
        if tool and TOOL_ANALYSIS.search(text):
            self.start_tool(tool, text, where)
            return
        if LIMITS.search(text) and len(text) < 200 and not BULLET.match(text):
            self.start_section("limitations", text, where)
            return
        if STRENGTHS.match(text) and len(text) < 300:
            self.start_section("strengths", text, where)
            return
        if WEAKNESSES.match(text) and len(text) < 300:
            self.start_section("weaknesses", text, where)
            return
        theme = THEME.match(text)
        if theme and self.state != "measures":
            self.start_theme(theme, where)
            return
        if self.state == "section" and self.section is not None:
            self.section_line(text, where)
            return
        if self.state == "theme" and self.theme is not None:
            self.theme_line(text, where)
            return
        if self.state == "tool" and self.tool is not None:
            self.tool_line(text, where)
            return
        if self.state == "measures" and (self.measures.data.get("measures") or BULLET.match(text)):
            self.measures_text(text, where)
            return
        if any(self.analysis.data.get(k) for k in ANALYSED):
            # After the analysis has begun, a paragraph of no part is no summary either (a
            # signature, a note): the editor places it.
            self.unplaced.append((where, text))
            return
        self.front.append((text, where, self.current))

    # -------------------------------------------------------------- result

    def result_line(self, text: str, where: str) -> bool:
        """A line or cell that gives the overall score or level; True when it is nothing else."""
        data = self.result.data
        found = False
        for pattern in OVERALL:
            match = pattern.search(text)
            if match and "score" not in data:
                data["score"] = self.number(match.group(1))
                self.result.put("score", where)
                found = True
                break
        match = LEVEL_AFTER.search(text) or LEVEL_BEFORE.search(text)
        if match and "level" not in data:
            data["level"] = match.group(1)
            self.result.put("level", where)
            found = True
        rank = RANK.search(text)
        if rank and "rank" not in data and ("ITA" in text or "คะแนน" in text):
            data["rank"] = {"position": int(digits(rank.group(1)).replace(",", ""))}
            if rank.group(2):
                data["rank"]["of"] = int(digits(rank.group(2)).replace(",", ""))
            group = RANK_GROUP.match(text, rank.end())
            if group:
                data["rank"]["group"] = group.group(1)
            self.result.put("rank", where)
            self.result.note(
                ("rank",),
                f"ลำดับอ่านจากข้อความ «{rank.group(0).strip()}»: ตรวจกับประกาศ"
                " และเขียนกลุ่มหน่วยงานที่จัดลำดับใน group: ถ้ารายงานระบุ",
                where,
            )
        for tool in TOOL_PROSE.finditer(text):
            tools = data.setdefault("tools", {})
            if tool.group(1) in tools:
                continue
            tools[tool.group(1)] = self.number(tool.group(2))
            self.result.put(f"tools.{tool.group(1)}", where)
            self.result.note(
                ("tools", tool.group(1)),
                f"คะแนน {tool.group(1)} อ่านจากข้อความ «{tool.group(0)}»: ตรวจกับประกาศ",
                where,
            )
        source = SOURCE.search(text)
        if source and "source" not in data:
            data["source"] = source.group(1).strip()
            self.result.put("source", where)
        self.prose_indicators(text, where)
        # A short line that only states the result (the cell "95.07 ค่าคะแนนของ …").
        return found and len(text) < 80

    def prose_indicators(self, text: str, where: str) -> None:
        """Indicator scores stated in a sentence: "ตัวชี้วัดด้านการปรับปรุงการทำงาน มีค่าต่ำสุด
        เท่ากับ ๗๕.๗๓": each number with the indicator named just before it."""
        if "ตัวชี้วัด" not in text:
            return
        named = indicators_in(self.framework, text)
        for match in PROSE_SCORE.finditer(text):
            at = len(squeeze(text[: match.start()]))
            before = [(end, number) for end, number in named if end <= at and at - end < 60]
            if not before:
                continue
            number = before[-1][1]
            indicators = self.result.data.setdefault("indicators", {})
            if number in indicators:
                continue
            indicators[number] = self.number(match.group(1))
            self.result.put(f"indicators.{number}", where)
            self.result.note(
                ("indicators", number),
                f"คะแนนตัวชี้วัดที่ {number} อ่านจากข้อความ «{self.excerpt(text, match)}»",
                where,
            )

    @staticmethod
    def excerpt(text: str, match: re.Match[str]) -> str:
        """The words of a sentence that give a number: from the indicator named before it."""
        start = text.rfind("ตัวชี้วัด", 0, match.start())
        if start < 0 or match.start() - start > 120:
            start = text.rfind(" ", 0, max(0, match.start() - 50)) + 1
        return text[start : match.end()]

    @staticmethod
    def number(printed: str) -> Any:
        """A score as printed: Thai digits kept as text, Arabic ones as a number."""
        if re.search("[๐-๙]", printed):
            return printed
        return Printed(printed)

    # -------------------------------------------------------------- analysis

    def start_tool(self, tool: str, text: str, where: str) -> None:
        tools = self.analysis.data.setdefault("tools", [])
        entry = next((t for t in tools if t["tool"] == tool), None)
        if entry is None:
            entry = {"tool": tool}
            tools.append(entry)
        index = tools.index(entry)
        if len(text) > 150 or "พบว่า" in text or "กรณี" in text:
            entry["summary"] = f"{entry['summary']}\n\n{text}" if entry.get("summary") else text
            self.analysis.put(f"tools[{index}].summary", where)
            named = indicators_in(self.framework, text)
            self.tool_indicator = named[-1][1] if named else None
        else:
            entry["title"] = text
            self.analysis.put(f"tools[{index}].title", where)
            self.tool_indicator = None
        self.state = "tool"
        self.tool = entry
        self.rec = None
        self.rec_title = None

    def tool_path(self) -> Path:
        tools = self.analysis.data["tools"]
        return ("tools", next(i for i, t in enumerate(tools) if t is self.tool))

    def new_rec(self) -> dict[str, Any]:
        """A recommendation under the tool, with the indicator of the heading above it."""
        assert self.tool is not None
        recs = self.tool.setdefault("recommendations", [])
        rec: dict[str, Any] = {}
        if self.rec_title is not None:
            title, indicator = self.rec_title
            if indicator is not None:
                rec["indicator"] = indicator
            if title:
                rec["title"] = title
        recs.append(rec)
        self.rec = rec
        if self.rec_title is not None and self.pending_note is not None:
            self.analysis.note((*self.rec_path(), "indicator"), *self.pending_note)
        return rec

    def rec_path(self) -> Path:
        assert self.tool is not None and self.rec is not None
        recs = self.tool["recommendations"]
        return (*self.tool_path(), "recommendations", next(i for i, r in enumerate(recs) if r is self.rec))

    def tool_line(self, text: str, where: str) -> None:
        title = REC_TITLE.match(text)
        if title:
            name = title.group(2).strip()
            found = indicator_named(self.framework, name)
            indicator = found[0] if found else None
            known = self.framework.indicator(indicator) if indicator else None
            printed = known.title if known else None
            keep = None if printed and squeeze(printed) == squeeze(name) else name
            self.rec_title = (keep or "", indicator)
            self.rec = None
            if found and not found[1]:
                self.pending_note = (f"ตัวชี้วัดที่ {indicator} เดาจากหัวข้อ «{name}»", where)
            elif not found:
                self.pending_note = (f"ไม่พบตัวชี้วัดของหัวข้อ «{name}»: เขียน indicator: 1–10", where)
            else:
                self.pending_note = None
            return
        issue = ISSUE.match(text)
        if issue:
            rec = self.new_rec()
            body = issue.group(1)
            parts = REMEDY_SPLIT.split(body, maxsplit=1)
            rec["issue"] = parts[0].strip()
            if len(parts) > 1 and parts[1].strip():
                rec["remedy"] = parts[1].strip()
            self.analysis.put(f"{self.dotted(self.rec_path())}.issue", where)
            return
        remedy = REMEDY.match(text)
        if remedy and self.rec is not None:
            self.rec["remedy"] = join(self.rec.get("remedy", ""), remedy.group(1).strip())
            self.analysis.put(f"{self.dotted(self.rec_path())}.remedy", where)
            return
        question = QUESTION_BULLET.match(text)
        if question:
            codes = CODE_RE.findall(question.group(1))
            self.rec_title = None
            rec = self.new_rec()
            indicator = question_indicator(self.framework, code_key(codes[0])) or self.tool_indicator
            if indicator:
                rec["indicator"] = indicator
            rec["questions"] = [code.replace(" ", "") for code in codes]
            rec["remedy"] = question.group(2).strip()
            self.analysis.put(f"{self.dotted(self.rec_path())}.questions", where)
            return
        bullet = BULLET.match(text)
        if bullet:
            rec = self.new_rec()
            if self.tool_indicator and "indicator" not in rec:
                rec["indicator"] = self.tool_indicator
                self.analysis.note(
                    (*self.rec_path(), "indicator"),
                    f"ตัวชี้วัดที่ {self.tool_indicator} ตามที่ย่อหน้าของเครื่องมือกล่าวถึง: ตรวจว่าใช่",
                    where,
                )
            rec["remedy"] = bullet.group(1).strip()
            self.analysis.put(f"{self.dotted(self.rec_path())}.remedy", where)
            return
        if self.rec is not None and (self.rec.get("remedy") or self.rec.get("issue")):
            key = "remedy" if self.rec.get("remedy") else "issue"
            self.rec[key] = join(self.rec[key], text)
            self.analysis.note(
                (*self.rec_path(), key),
                "ต่อข้อความจากย่อหน้าถัดไป (อาจขึ้นหน้าใหม่): ตรวจว่าเป็นข้อความเดียวกัน",
                where,
            )
            return
        assert self.tool is not None
        self.tool["summary"] = f"{self.tool['summary']}\n\n{text}" if self.tool.get("summary") else text
        self.analysis.put(f"{self.dotted(self.tool_path())}.summary", where)

    @staticmethod
    def dotted(path: Path) -> str:
        out = ""
        for key in path:
            out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
        return out

    def start_section(self, name: str, text: str, where: str) -> None:
        section = self.analysis.data.setdefault(name, {})
        heading = re.sub(r"^(?:[0-9๐-๙]+[.)]\s*)", "", text).strip()
        section["title"] = heading
        self.analysis.put(f"{name}.title", where)
        self.section = section
        self.section_name = name
        self.state = "section"

    def section_line(self, text: str, where: str) -> None:
        assert self.section is not None
        match = NUMBERED.match(text) or BULLET.match(text)
        if match:
            item = match.group(match.lastindex or 1)
            items = self.section.setdefault("items", [])
            items.append(item.strip())
            self.analysis.put(f"{self.section_name}.items[{len(items) - 1}]", where)
        elif not self.section.get("items"):
            self.section["intro"] = join(self.section.get("intro", ""), text)
            self.analysis.put(f"{self.section_name}.intro", where)
        else:
            self.state = "front_after"
            self.unplaced.append((where, text))

    def start_theme(self, match: re.Match[str], where: str) -> None:
        themes = self.analysis.data.setdefault("themes", [])
        number = f"ประเด็นที่ {match.group(1)}"
        theme: dict[str, Any] = {"number": number, "title": match.group(2).strip() or number}
        if not match.group(2).strip():
            self.analysis.note(("themes", len(themes), "title"), "ไม่พบชื่อประเด็น: เขียนชื่อประเด็น", where)
        themes.append(theme)
        self.analysis.put(f"themes[{len(themes) - 1}]", where)
        self.theme = theme
        self.theme_actions = False
        self.state = "theme"

    def theme_line(self, text: str, where: str) -> None:
        assert self.theme is not None
        index = self.analysis.data["themes"].index(self.theme)
        if re.match(r"^(?:แนวทาง|ข้อเสนอแนะ|มาตรการ)", text) and len(text) < 120:
            self.theme_actions = True
            self.theme["narrative"] = join(self.theme.get("narrative", ""), f"**{text}**").strip()
            self.analysis.put(f"themes[{index}].narrative", where)
            return
        match = NUMBERED.match(text) or BULLET.match(text)
        if match and (self.theme_actions or self.theme.get("actions")):
            actions = self.theme.setdefault("actions", [])
            actions.append(match.group(match.lastindex or 1).strip())
            self.analysis.put(f"themes[{index}].actions[{len(actions) - 1}]", where)
            return
        narrative = self.theme.get("narrative")
        self.theme["narrative"] = f"{narrative}\n\n{text}" if narrative else text
        self.analysis.put(f"themes[{index}].narrative", where)

    # -------------------------------------------------------------- tables

    def table(self, table: Table) -> None:
        rows = table.rows
        if not rows:
            return
        keys = [column_key(c) for c in rows[0].cells]
        named = [k for k in keys if k]
        # A header: short headings, each naming a column of its own, the topic's among them.
        is_header = (
            len(named) >= 3
            and "topic" in named
            and len(set(named)) == len(named)
            and all(len(squeeze(c)) <= 60 for c in rows[0].cells)
        )
        if is_header:
            if self.table_kind and keys == self.columns:
                rows = rows[1:]  # the header again, on a new page
            else:
                self.begin_table(keys, rows[0].cells)
                rows = rows[1:]
            for row in rows:
                if [column_key(c) for c in row.cells] != keys:
                    self.table_row(row)
            return
        if self.table_kind and len(rows[0].cells) == len(self.columns):
            # The table carried onto a new page without its header; its first row may be
            # the rest of a row the page's end cut.
            for index, row in enumerate(rows):
                self.table_row(row, split=index == 0)
            return
        self.table_kind = None
        if self.last_indicators == len(rows[0].cells) and self.indicator_rows(rows):
            self.elsewhere.add(self.current)
            return  # the indicators' table carried onto a new page
        self.last_indicators = 0
        placed = self.eit_table(table) or self.indicator_table(table) or self.tool_table(table)
        if placed or self.question_table(table):
            self.elsewhere.add(self.current)
            return
        for row in rows:
            for cell in row.cells:
                placed |= self.result_line(_cell_text(cell), row.where)
        if placed:
            self.elsewhere.add(self.current)
            return
        markdown = self.markdown_table(table)
        if self.state == "theme" and self.theme is not None:
            self.theme["narrative"] = join(self.theme.get("narrative", ""), markdown)
        else:
            self.front.append((markdown, table.where, self.current))

    @staticmethod
    def markdown_table(table: Table) -> str:
        width = max(len(r.cells) for r in table.rows)
        lines = []
        for i, row in enumerate(table.rows):
            cells = [_cell_text(c).replace("|", "\\|") for c in row.cells] + [""] * (width - len(row.cells))
            lines.append("| " + " | ".join(cells) + " |")
            if i == 0:
                lines.append("|" + "---|" * width)
        return "\n".join(lines)

    def indicator_table(self, table: Table) -> bool:
        header = squeeze(" ".join(table.rows[0].cells))
        if "ตัวชี้วัด" not in header or "คะแนน" not in header:
            return False
        self.indicator_rows(table.rows[1:])
        self.last_indicators = len(table.rows[0].cells)
        return True

    def indicator_rows(self, rows: list[Row]) -> bool:
        indicators = self.result.data.setdefault("indicators", {})
        placed = False
        for row in rows:
            cells = [_cell_text(c) for c in row.cells]
            scores = [c for c in cells if re.fullmatch(NUMBER, c.strip())]
            if len(scores) < 1:
                continue
            number: int | None = None
            first = digits(cells[0].strip())
            if first.isdigit() and 1 <= int(first) <= 10 and cells[0].strip() != scores[-1]:
                number = int(first)
            else:
                found = indicator_named(self.framework, " ".join(cells[:2]))
                number = found[0] if found else None
                if found and not found[1]:
                    self.result.note(("indicators", found[0]), f"ตัวชี้วัดเดาจากชื่อ «{cells[0]}»", row.where)
            if number is None:
                self.unplaced.append((row.where, " | ".join(cells)))
                continue
            indicators[number] = self.number(scores[-1].strip())
            self.result.put(f"indicators.{number}", row.where)
            placed = True
        return placed

    def eit_table(self, table: Table) -> bool:
        """EIT in its two parts: a header naming the public part (ส่วนสาธารณะ) and the survey
        (แบบสำรวจ), a row of EIT's totals and a row for each of its indicators (6–8)."""
        header = [_cell_text(c) for c in table.rows[0].cells]
        parts = {
            part: index
            for index, cell in enumerate(header)
            for part, words in (("public", "สาธารณะ"), ("survey", "แบบสำรวจ"))
            if words in squeeze(cell)
        }
        if len(parts) != 2:
            return False
        eit: dict[str, Any] = self.result.data.setdefault("eit_parts", {})
        for part, index in parts.items():
            eit[f"{part}_label"] = header[index]
        for row in table.rows[1:]:
            cells = [_cell_text(c) for c in row.cells]
            values = {
                part: cells[index].strip()
                for part, index in parts.items()
                if index < len(cells) and re.fullmatch(NUMBER, cells[index].strip())
            }
            name = " ".join(c for i, c in enumerate(cells) if i not in parts.values())
            number = digits(name.strip().split(" ")[0]) if name.strip() else ""
            indicator = int(number) if number.isdigit() and 6 <= int(number) <= 8 else None
            if indicator is None:
                found = indicator_named(self.framework, re.sub(r"^[0-9๐-๙]+\s*", "", name))
                indicator = found[0] if found and 6 <= found[0] <= 8 else None
            for part, value in values.items():
                if indicator is not None:
                    eit.setdefault(f"{part}_indicators", {})[indicator] = self.number(value)
                    self.result.put(f"eit_parts.{part}_indicators.{indicator}", row.where)
                elif re.search(r"EIT|รวม|ภาพรวม", name):
                    eit[part] = self.number(value)
                    self.result.put(f"eit_parts.{part}", row.where)
            if values and indicator is None and not re.search(r"EIT|รวม|ภาพรวม", name):
                self.unplaced.append((row.where, " | ".join(cells)))
        return True

    def tool_table(self, table: Table) -> bool:
        """Rows of the three tools and their scores: "IIT | แบบวัดการรับรู้… | 95.10"."""
        found = False
        for row in table.rows:
            cells = [_cell_text(c) for c in row.cells]
            tool = re.fullmatch(r"\s*(?:แบบ\s*)?(IIT|EIT|OIT)\b.*", cells[0]) if cells else None
            scores = [c for c in cells[1:] if re.fullmatch(NUMBER, c.strip())]
            if tool and scores:
                self.result.data.setdefault("tools", {})[tool.group(1)] = self.number(scores[-1].strip())
                self.result.put(f"tools.{tool.group(1)}", row.where)
                found = True
        return found

    def question_table(self, table: Table) -> bool:
        """A table of questions and their scores: a theme's, or the result's."""
        found = False
        questions = self.result.data.setdefault("questions", {})
        for row in table.rows:
            cells = [_cell_text(c) for c in row.cells]
            code_cell = next((c for c in cells if re.fullmatch(rf"(?:ข้อ\s*)?{CODE}", c.strip())), None)
            scores = [c for c in cells if re.fullmatch(NUMBER, c.strip())]
            if code_cell is None:
                continue
            found = True
            printed = re.sub(r"^ข้อ\s*", "", code_cell.strip()).replace(" ", "")
            key = code_key(printed)
            if scores:
                questions[key] = self.number(scores[0].strip())
                self.result.put(f"questions.{key}", row.where)
            if printed != key:
                self.result.data.setdefault("question_labels", {})[key] = printed
            texts = [c for c in cells if c not in (code_cell, *scores) and c.strip()]
            if texts:
                self.result.data.setdefault("question_titles", {})[key] = texts[0]
            if self.state == "theme" and self.theme is not None:
                entry: dict[str, Any] = {"code": key}
                if len(texts) > 1:
                    entry["note"] = texts[-1]
                questions_of_theme = self.theme.setdefault("questions", [])
                questions_of_theme.append(entry)
                theme_index = self.analysis.data["themes"].index(self.theme)
                self.analysis.put(
                    f"themes[{theme_index}].questions[{len(questions_of_theme) - 1}]", row.where
                )
        if not questions:
            del self.result.data["questions"]
        return found

    # -------------------------------------------------------------- measures and progress

    def begin_table(self, keys: list[str | None], headings: list[str]) -> None:
        self.columns = keys
        self.table_kind = "progress" if {"summary", "outcome"} & set(keys) else "measures"
        self.last_row = None
        listed: list[Any] = []
        for key, heading in zip(keys, headings, strict=False):
            if key is None or key in [next(iter(e)) if isinstance(e, dict) else e for e in listed]:
                continue
            listed.append({key: heading_text(heading)})
        if self.table_kind == "progress":
            self.progress.data.setdefault("columns", listed)
            measure_keys = [k for k in keys if k in ("topic", "actions", "steps", "responsible", "period")]
            self.measures.data.setdefault(
                "columns",
                [e for e in listed if next(iter(e)) in measure_keys],
            )
        else:
            self.measures.data.setdefault("columns", listed)
        self.state = "measures"

    def table_row(self, row: Row, split: bool = False) -> None:
        cells: dict[str, str] = {}
        for key, cell in zip(self.columns, row.cells, strict=False):
            if key is not None and cell.strip():
                cells[key] = cells[key] + "\n" + cell if key in cells else cell
        if not cells:
            return
        topic = _cell_text(cells.get("topic", ""))
        previous = self.last_row
        if split and previous is not None and topic and self.cut(previous["raw"], cells):
            self.redo(previous, cells, row.where)
            return
        if previous is not None and (
            not topic or squeeze(topic) == squeeze(previous["measure"].get("topic", ""))
        ):
            self.continue_row(previous, cells, row.where)
            return
        if not topic:
            self.unplaced.append((row.where, " | ".join(_cell_text(c) for c in row.cells)))
            return
        measures = self.measures.data.setdefault("measures", [])
        measure: dict[str, Any] = {}
        index = len(measures)
        if self.table_kind == "progress":
            measure["id"] = f"m{index + 1}"
        elif self.group_tool or self.current_tool():
            measure["tool"] = self.group_tool or self.current_tool()
        self.fill_topic(measure, topic, index, row.where)
        self.fill_cells(measure, cells, index, row.where)
        if "status" in measure:
            measure["activities"] = [self.as_activity(measure)]
        measures.append(measure)
        self.measures.put(f"measures[{index}]", row.where)
        entry: dict[str, Any] | None = None
        if self.table_kind == "progress":
            entry = {"measure": measure["id"]}
            self.fill_progress(entry, cells, row.where)
            self.progress.data.setdefault("entries", []).append(entry)
            self.progress.put(f"entries[{len(self.progress.data['entries']) - 1}]", row.where)
        self.last_row = {"measure": measure, "entry": entry, "index": index, "raw": cells, "where": row.where}

    @staticmethod
    def cut(raw: dict[str, str], cells: dict[str, str]) -> bool:
        """Whether a row at the top of a page is the rest of the row above: the columns that
        row filled once (its unit, its period) are empty here."""
        return any(raw.get(key) and not cells.get(key) for key in ("responsible", "period"))

    def redo(self, previous: dict[str, Any], cells: dict[str, str], where: str) -> None:
        """The row above read again with the rest of its cells from the next page."""
        raw = dict(previous["raw"])
        for key, text in cells.items():
            if key not in raw:
                raw[key] = text
            elif re.match(r"^(?:[0-9๐-๙]{1,2}\s?[.)]|[-•▪●])", text.strip()):
                raw[key] = raw[key] + "\n" + text
            else:
                head, _, last = raw[key].rpartition("\n")
                first, _, rest = text.partition("\n")
                merged = join(last, first)
                raw[key] = "\n".join(p for p in (head, merged, rest) if p)
        measures = self.measures.data["measures"]
        measures.pop()
        self.measures.notes = [
            n for n in self.measures.notes if n.path[:2] != ("measures", previous["index"])
        ]
        if previous["entry"] is not None:
            self.progress.data["entries"].pop()
            index = len(self.progress.data["entries"])
            self.progress.notes = [n for n in self.progress.notes if n.path[:2] != ("entries", index)]
        self.last_row = None
        self.table_row(Row([raw.get(k or "", "") if k else "" for k in self.columns], previous["where"]))
        self.measures.note(
            ("measures", previous["index"]),
            f"แถวนี้ต่อไปถึง{where}: ข้อความส่วนที่ขึ้นหน้าใหม่ต่อท้ายไว้แล้ว ตรวจรอยต่อ",
            previous["where"],
        )

    def current_tool(self) -> str | None:
        return self.tool["tool"] if self.tool is not None else None

    def fill_topic(self, measure: dict[str, Any], topic: str, index: int, where: str) -> None:
        number = re.match(r"^([0-9๐-๙]{1,2}\s?[.)])[\s.]*", topic)
        if number:
            measure["number"] = number.group(1).replace(" ", "")
            topic = topic[number.end() :]
        found = indicator_named(self.framework, topic)
        if found and found[1]:
            name = self.framework.indicator(found[0]).title  # type: ignore[union-attr]
            # The indicator's name as printed, then the measure's own words.
            cut = self.cut_after(topic, name)
            rest = topic[cut:].strip()
            if len(rest) > 30:
                measure["topic"] = topic[:cut].strip()
                measure["description"] = rest
            else:
                measure["topic"] = topic
            measure["addresses"] = [found[0]]
        else:
            measure["topic"] = topic
            if found:
                measure["addresses"] = [found[0]]
                self.measures.note(
                    ("measures", index, "addresses"),
                    f"ตัวชี้วัดที่ {found[0]} เดาจากหัวข้อ «{topic[:60]}»: ตรวจว่าใช่",
                    where,
                )

    @staticmethod
    def cut_after(text: str, name: str) -> int:
        """Where ``name`` ends in ``text``, spaces in either not counted."""
        want = squeeze(name).replace("ของทางราชการ", "ของราชการ")
        seen = ""
        for i, ch in enumerate(text):
            if not ch.isspace():
                seen += ch
            if squeeze(seen).replace("ของทางราชการ", "ของราชการ").endswith(want):
                return i + 1
        return 0

    def fill_cells(self, measure: dict[str, Any], cells: dict[str, str], index: int, where: str) -> None:
        steps = cells.get("steps", "")
        caption = CAPTION.search(steps)
        if caption and caption.start() > 0 and "actions" not in cells:
            cells = {**cells, "actions": steps[: caption.start()], "steps": steps[caption.end() :]}
        for key in ("weakness", "actions", "steps", "follow_up"):
            if key in cells:
                values = entries(cells[key])
                if values:
                    measure[key] = one_or_list(values)
        if "responsible" in cells:
            measure["responsible"] = _cell_text(cells["responsible"])
        if "status" in cells and self.table_kind == "measures":
            printed = _cell_text(cells["status"])
            status = next((s for s, pattern in ACTIVITY_WORDS if pattern.search(printed)), None)
            if status is None:
                self.measures.note(
                    ("measures", index),
                    f"อ่านผลการดำเนินการ «{printed[:60]}» ไม่ได้: เขียน status: done, in_progress หรือ not_done",
                    where,
                )
            else:
                measure["status"] = status
        if "period" in cells:
            printed = _cell_text(cells["period"])
            found = period(printed, self.year)
            if found is None:
                self.measures.note(
                    ("measures", index, "period"),
                    f"อ่านระยะเวลา «{printed}» ไม่ได้: เขียน period: {{start: 2025-10-01, end: 2026-09-30}}",
                    where,
                )
            else:
                measure["period"] = found

    def fill_progress(self, entry: dict[str, Any], cells: dict[str, str], where: str) -> None:
        index = len(self.progress.data.get("entries", []))
        status_text = " ".join(cells.get(k, "") for k in ("status", "summary", "outcome"))
        status = next((s for s, pattern in STATUS_WORDS if pattern.search(status_text)), None)
        if status is None:
            status = "done"
            self.progress.note(
                ("entries", index, "status"),
                "รายงานไม่ได้เขียนสถานะ: ถือว่าดำเนินการแล้ว (done) เพราะมีผลการดำเนินการ"
                " แก้เป็น in_progress หรือ not_started ถ้าไม่ใช่",
                where,
            )
        entry["status"] = status
        if "summary" in cells:
            values = entries(cells["summary"])
            if values:
                entry["summary"] = one_or_list(values)
        if "outcome" in cells:
            self.outcome(entry, cells["outcome"])

    def outcome(self, entry: dict[str, Any], cell: str) -> None:
        """The outcome cell: each "ผลการประเมิน ITA ในหัวข้อ … ITA ปี๒๕๖๖ ได้คะแนน … คะแนน" as a
        question's scores by year, the rest as the outcome's text."""
        flat = cell.replace("\n", " ")
        kept = list(cell)
        years: list[re.Match[str]]
        for topic in ITA_TOPIC.finditer(flat):
            years = []
            for match in YEAR_SCORE.finditer(flat, topic.end()):
                gap = flat[years[-1].end() if years else topic.end() : match.start()]
                if years and gap.strip():
                    break
                years.append(match)
            if not years:
                continue
            question = flat[topic.end() : years[0].start()].strip()
            code = re.match(rf"^({CODE})\s+", question)
            score: dict[str, Any] = {"question": question[code.end() :] if code else question}
            if code:
                score["code"] = code.group(1).replace(" ", "")
            score["values"] = {m.group(1): self.number(m.group(2)) if m.group(2) else None for m in years}
            entry.setdefault("scores", []).append(score)
            for i in range(topic.start(), years[-1].end()):
                kept[i] = "" if kept[i] != "\n" else "\n"
        texts = entries("".join(kept))
        if texts:
            previous = entry.get("outcome")
            values = ([previous] if isinstance(previous, str) else previous or []) + texts
            entry["outcome"] = one_or_list(values)

    def continue_row(self, previous: dict[str, Any], cells: dict[str, str], where: str) -> None:
        """A row that goes on with the row above: the rest of its cells after a page break,
        or a sub-row of its own (an activity with its unit and period)."""
        measure, index = previous["measure"], previous["index"]
        if (
            self.table_kind == "measures"
            and "actions" in cells
            and ("responsible" in cells or "period" in cells)
        ):
            activity: dict[str, Any] = {"text": _cell_text(cells["actions"])}
            self.fill_cells(activity, {k: v for k, v in cells.items() if k != "actions"}, index, where)
            activities = measure.setdefault("activities", [])
            if not activities:
                # The first row's own action is the measure's first activity.
                activities.append(self.as_activity(measure))
            activity.pop("actions", None)
            activities.append(activity)
            self.measures.put(f"measures[{index}].activities[{len(activities) - 1}]", where)
            return
        for key in ("weakness", "actions", "steps", "follow_up"):
            if key in cells:
                values = entries(cells[key])
                have = self.as_list(measure.get(key, []))
                if have and values and not re.match(r"^[0-9๐-๙]{1,2}\s?[.)]|^[-•]", cells[key].strip()):
                    have[-1] = join(have[-1], values.pop(0))
                    self.measures.note(
                        ("measures", index, key),
                        "ข้อความต่อจากหน้าก่อน ต่อท้ายรายการสุดท้าย: ตรวจว่าเป็นข้อเดียวกัน",
                        where,
                    )
                measure[key] = one_or_list(have + values) if have or values else measure.get(key)
        if "responsible" in cells and "responsible" not in measure:
            measure["responsible"] = _cell_text(cells["responsible"])
        if "period" in cells and "period" not in measure:
            found = period(_cell_text(cells["period"]), self.year)
            if found:
                measure["period"] = found
        entry = previous.get("entry")
        if entry is not None:
            if "summary" in cells:
                have = self.as_list(entry.get("summary", []))
                entry["summary"] = one_or_list(have + entries(cells["summary"]))
            if "outcome" in cells:
                self.outcome(entry, cells["outcome"])
        self.measures.put(f"measures[{index}] (ต่อ)", where)

    @staticmethod
    def as_activity(measure: dict[str, Any]) -> dict[str, Any]:
        """The measure's own action, unit, steps, period and status as its first activity."""
        activity: dict[str, Any] = {"text": " ".join(Recogniser.as_list(measure.pop("actions", [])))}
        for key in ("responsible", "steps", "period", "status"):
            if key in measure:
                activity[key] = measure.pop(key)
        return activity

    @staticmethod
    def as_list(value: Any) -> list[str]:
        return [value] if isinstance(value, str) else list(value)

    def measures_text(self, text: str, where: str) -> None:
        target = self.progress if self.table_kind == "progress" else self.measures
        key = "after" if target.data.get("measures" if target is self.measures else "entries") else "intro"
        target.data[key] = f"{target.data[key]}\n\n{text}" if target.data.get(key) else text
        target.put(key, where)

    # -------------------------------------------------------------- the end

    def finish(self) -> Reading:
        drafts = {}
        analysis = self.analysis.data
        has_analysis = any(analysis.get(k) for k in ANALYSED)
        front = self.summary_parts()
        if front:
            summary = "\n\n".join(text for text, _ in front)
            if has_analysis:
                analysis["summary"] = summary
                for _, where in front:
                    self.analysis.put("summary", where)
            elif self.progress.data.get("entries"):
                self.progress.data["intro"] = summary
                self.progress.put("intro", front[0][1])
            elif self.measures.data.get("measures"):
                self.measures.data["intro"] = summary
                self.measures.put("intro", front[0][1])
            else:
                self.unplaced.extend((where, text) for text, where in front)
        if self.title is not None:
            title, where = self.title
            for draft, ready in (
                (self.analysis, has_analysis),
                (self.progress, bool(self.progress.data.get("entries"))),
                (self.measures, bool(self.measures.data.get("measures"))),
            ):
                if ready:
                    draft.data = {"title": title, **{k: v for k, v in draft.data.items() if k != "title"}}
                    draft.put("title", where)
                    break
        if has_analysis:
            drafts["analysis"] = self.analysis
        if self.measures.data.get("measures"):
            drafts["measures"] = self.measures
        if self.progress.data.get("entries"):
            drafts["progress"] = self.progress
        if any(self.result.data.get(k) for k in ("score", "level", "indicators", "tools", "questions")):
            drafts["result"] = self.result
        # In the report's order (a heading is left out only once what follows it is known).
        self.skipped.sort(key=lambda pair: [int(n) for n in re.findall(r"\d+", pair[0])])
        return Reading(self.year, drafts, self.unplaced, self.skipped)

    def summary_parts(self) -> list[tuple[str, str]]:
        """What stands before the analysis, as the summary's paragraphs: a short heading
        (or a run of them) over prose or a table in bold; one over a section that went
        elsewhere (a chart, the indicators' table into result.yml) or over nothing, left out."""
        headings = {index for text, _, index in self.front if HEADING.fullmatch(text)}
        content = {index for _, _, index in self.front} - headings
        parts: list[tuple[str, str]] = []
        for text, where, index in self.front:
            if index not in headings:
                parts.append((text, where))
                continue
            below = index + 1
            while below in headings:
                below += 1
            if below in content:
                parts.append((f"**{text}**", where))
            else:
                why = f"หัวข้อของส่วนที่ไปอยู่ที่อื่นหรือไม่มีเนื้อหา «{text}»"
                self.skipped.append((where, f"{why} (a heading of a section placed elsewhere, or of none)"))
        return parts


def recognise(blocks: list[Block], framework: Framework, year: int | None) -> Reading:
    return Recogniser(blocks, framework, year).run()
