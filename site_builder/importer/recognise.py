"""From a report's blocks to drafts of result, analysis, measures and progress.

One pass over the blocks in the report's order. A paragraph is placed by its shape (a tool's
heading, ``(1) …`` for an indicator, ``ประเด็น … แนวทางแก้ไข …``, ``ประเด็นที่ ๑``, a
limitation's heading, a bullet); a table by its header (the indicators' scores, a theme's
questions, the measures, the progress). What is placed is kept in the report's words, its
numbers as printed; what was placed by a guess carries a note, written as a ``TODO:``
comment above the key, naming the report's line or page.

Every number of the report is in a ledger (:mod:`.numbers`) before the pass begins; a number
is placed at a key of result.yml (or at a progress entry's scores) only when its words say
that key (:mod:`.scores`: in a sentence, the words before it; in a table, its row's words and
its column's heading), and set aside with the reason when they say it is no result of the
year. What neither placed nor set aside is listed as not placed, so that over any report the
numbers read are the numbers placed and the numbers listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from site_builder.importer.blocks import Block, Para, Row, Table
from site_builder.importer.numbers import Figure, Found, Ledger, Unit, cell_figure, figures, value
from site_builder.importer.scores import KeyPath, aside_of_column, column_role, read_label
from site_builder.importer.words import (
    CODE,
    CODE_RE,
    LEVEL,
    NUMBER,
    TOOL_NAMES,
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
    figures: list[Figure] = field(default_factory=list)
    """Every number of the report, each placed at a key or not (with why)."""


# ------------------------------------------------------------------ shapes

TOOL_ANALYSIS = re.compile(r"ข้อเสนอแนะ|กรณีการประเมิน|พบว่า|ผลการวิเคราะห์")
MEASURES_TITLE = re.compile(
    r"^(?:[0-9๐-๙]+[.)]\s*)?(?:แนวทางในการกำหนดวิธีการนำผล|มาตรการส่งเสริมคุณธรรมและความโปร่งใส.{0,40}ประจำปี)"
)
INDICATOR_HEADING = re.compile(r"^ตัวชี้วัดที่\s*([0-9๐-๙]{1,2})\s*[:.]?\s*([^:]*?)\s*(?:\([^)]*\))?$")
REC_TITLE = re.compile(r"^\(\s*([0-9๐-๙]{1,2})\s*\)\s*(.+)$")
ISSUE = re.compile(r"^ประเด็น(?!ที่|การวิเคราะห์)\s*[:：]?\s*(.+)$")
REMEDY_SPLIT = re.compile(r"\s*แนวทาง(?:การ)?แก้ไข\s*[:：]?\s*")
REMEDY = re.compile(r"^แนวทาง(?:การ)?แก้ไข\s*[:：]?\s*(.+)$")
THEME = re.compile(r"^ประเด็นที่\s*([0-9๐-๙]{1,2})\s*[:.]?\s*(.*)$")
QUESTION_BULLET = re.compile(rf"^[-•▪]\s*ข้อ\s*({CODE}(?:\s*(?:,|และ|หรือ|-|–)\s*{CODE})*)\s*(.*)$")
BULLET = re.compile(r"^[-•▪●➢]\s*(.+)$")
NUMBERED = re.compile(r"^([0-9๐-๙]{1,2})\s?[.)]\s*(.+)$")
LIMITS = re.compile(r"ข้อจำกัด|ปัญหา\s*/?\s*อุปสรรค|ปัญหาและอุปสรรค")
SECTION_NUMBER = (
    r"^(?:[0-9๐-๙]{1,2}(?:\.[0-9๐-๙]{1,2})*[.)]?\s*|\([0-9๐-๙]{1,2}\)\s*)?"
    r"(?:ผลการวิเคราะห์|ด้าน)?\s*"
)
STRENGTHS = re.compile(SECTION_NUMBER + r"จุดแข็ง(?!.{0,12}จุดอ่อน)")
WEAKNESSES = re.compile(
    SECTION_NUMBER + r"(?:จุดอ่อน|(?:จุด|ประเด็น|ด้าน)ที่(?:ควร|ต้อง)(?:พัฒนา|ปรับปรุง))(?!.{0,12}จุดแข็ง)"
)
SWOT = (
    ("strengths", re.compile(r"^จุดแข็ง")),
    ("weaknesses", re.compile(r"^จุดอ่อน|^(?:จุด|ประเด็น)ที่(?:ควร|ต้อง)")),
)
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
LEVEL_AFTER = re.compile(
    rf"ระดับผลการประเมิน\s*(?:\(Rating Score\))?\s*[:：]?\s*(?:อยู่ใน(?:ระดับ)?)?\s*[:：]?\s*({LEVEL})"
)
LEVEL_BEFORE = re.compile(rf"^({LEVEL})\s*ระดับผลการประเมิน")
LEVEL_PROSE = re.compile(
    rf"(?:อยู่ใน(?:ระดับ|เกณฑ์)|ผลการประเมิน(?:อยู่ใน)?ระดับ|ได้ระดับ|คิดเป็นระดับ|ระดับ)\s*[:：]?\s*[\"“]?({LEVEL})"
)
PROSE_SCORE = re.compile(rf"(?:เท่ากับ|ได้คะแนน|ได้)\s*({NUMBER})(?:\s*คะแนน)?")
_KINDS = "|".join(AGENCY_KINDS)
RANK_GROUP = re.compile(
    r"(?:ของ|ใน|ในกลุ่ม|ในประเภท|กลุ่ม|ประเภท)\s*(?:หน่วยงาน(?:ประเภท)?)?\s*"
    r"(อปท\.?\s*(?:ใน)?\s*จังหวัด[\u0e01-\u0e4e]+|อปท\.?|องค์กรปกครองส่วนท้องถิ่น(?:ใน)?(?:จังหวัด[\u0e01-\u0e4e]+)?"
    r"|หน่วยงานภาครัฐ|อำเภอ[\u0e01-\u0e4e]+|จังหวัด[\u0e01-\u0e4e]+)"
)


def rank_group(text: str) -> str | None:
    """The agencies a rank is among, as the report names them: a kind of local government,
    the province's local governments, a district."""
    window = text[:120]
    kind = re.search(_KINDS, window)
    if kind:
        return kind.group(0)
    group = RANK_GROUP.search(window)
    return re.sub(r"\s+", " ", group.group(1)).strip() if group else None


COLUMN_WORDS: tuple[tuple[str, str], ...] = (
    ("score_year", r"ปี\s*(?:พ\.\s?ศ\.\s*)?[0-9๐-๙]{4}"),
    ("summary", "สรุปผล|ผลการดำเนินงาน|ผลการปฏิบัติ"),
    ("done", "^การดำเนินการ$|^สิ่งที่ดำเนินการ|ที่ดำเนินการแล้ว"),
    ("outcome", "ผลลัพธ์|ความสำเร็จ"),
    ("follow_up", "ติดตาม"),
    ("responsible", "ผู้รับผิดชอบ|หน่วยงานที่รับผิดชอบ|หน่วยงานรับผิดชอบ"),
    ("period", "ระยะเวลา|ห้วงเวลา|กำหนดเวลา"),
    ("steps", "ขั้นตอน|วิธีการ|วิธีดำเนินการ|แนวทางการดำเนินการ"),
    ("actions", "โครงการ|กิจกรรม"),
    ("weakness", "จุดอ่อน|ข้อบกพร่อง"),
    ("status", "สถานะ|ผลการดำเนินการ"),
    ("topic", "ประเด็น|มาตรการ|แนวทาง"),
    ("remark", "หมายเหตุ"),
)
TOPIC_FIRST = re.compile(r"^(?:ประเด็น|มาตรการ|แนวทาง(?!การดำเนินการ))")
TICK = re.compile(r"^\s*[✓✔√☑/]\s*$")
TICK_GROUPS = ("follow_up", "status")
"""Columns a report splits into ticked sub-columns: the follow-up's (quarters, months) and the
status's (ดำเนินการแล้ว, อยู่ระหว่างดำเนินการ, ยังไม่ได้ดำเนินการ)."""
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


def last_tool(text: str) -> str | None:
    """The tool a sentence named last before a number (its parts and totals are that tool's)."""
    found = [(m.end(), tool) for tool, pattern in TOOL_NAMES.items() for m in pattern.finditer(text)]
    return max(found)[1] if found else None


def key_text(path: KeyPath) -> str:
    """A key of result.yml as the review list names it: ``indicators.7``, ``eit_parts.public``."""
    return ".".join(str(key) for key in path)


def score_name(path: KeyPath) -> str:
    """What a key of result.yml holds, in Thai: คะแนนตัวชี้วัดที่ 7, คะแนน EIT ส่วนสาธารณะ."""
    parts = {"public": "ส่วนสาธารณะ", "survey": "ส่วนแบบสำรวจ"}
    if path[0] == "tools":
        return f"คะแนน {path[1]}"
    if path[0] == "indicators":
        return f"คะแนนตัวชี้วัดที่ {path[1]}"
    if path[0] == "questions":
        return f"คะแนนข้อ {path[1]}"
    if path[0] == "eit_parts":
        part = str(path[1]).removesuffix("_indicators")
        indicator = f" ตัวชี้วัดที่ {path[2]}" if len(path) > 2 else ""
        return f"คะแนน EIT {parts.get(part, part)}{indicator}"
    return "คะแนนรวม"


RESULT_ORDER = (
    "score",
    "level",
    "rank",
    "tools",
    "eit_parts",
    "indicators",
    "questions",
    "question_titles",
    "question_labels",
    "announced",
    "source",
    "note",
)
"""result.yml's keys in the order the site's model declares them."""
TOTAL_ROW = re.compile(r"(?:คะแนน)?รวม(?:ทั้งสิ้น)?|ITA|คะแนน\s*ITA")
"""A score table's row of the total."""
MEASURES_ORDER = ("title", "intro", "columns", "groups", "measures", "after")
PROGRESS_ORDER = ("title", "intro", "columns", "as_of", "period", "entries", "after")
EIT_ORDER = ("public_label", "survey_label", "public", "survey", "public_indicators", "survey_indicators")


def column_key(heading: str) -> str | None:
    text = squeeze(heading)
    for key, words in COLUMN_WORDS:
        if re.search(words, text):
            return key
    return None


def header_keys(headings: list[str]) -> list[str | None]:
    """The columns of a measures or progress table: the first heading that starts with the
    issue's or the measure's words is the topic; the others by their words."""
    keys: list[str | None] = []
    for heading in headings:
        if "topic" not in keys and TOPIC_FIRST.match(squeeze(heading)):
            keys.append("topic")
            continue
        key = column_key(heading)
        keys.append(None if key == "topic" and "topic" in keys else key)
    return keys


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
        self.ledger = Ledger.of(blocks)
        self.row_unit: Unit = (0, -1)
        """The table row being read, for the numbers it holds."""
        self.table_units: list[Unit] = []
        """The rows of the measures' or progress table's earlier blocks (before a page break)."""
        self.ticks: dict[int, tuple[str, str]] = {}
        """The measures' or progress table's ticked sub-columns: column → (group, words)."""
        self.header: list[str | None] = []
        """The keys of the measures' or progress table's header, as its headings name them."""
        self.score_years: dict[int, str] = {}
        """The progress table's columns of a year's scores: column → the year."""
        self.section_tool: str | None = None
        """The tool whose section the text stands in (its heading named it): a "คะแนนรวม"
        there is the tool's total."""
        self.score_columns: list[tuple[str, int | None]] | None = None
        """The roles of the columns of the score table just read, for its rest on the next
        page (None: the last table was another)."""

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
        named = tool_of(text)
        if named and len(text) < 150 and self.state != "measures":
            self.section_tool = named
        elif HEADING.fullmatch(text) and not named:
            self.section_tool = None
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

    def result_line(self, text: str, where: str, unit: Unit | None = None) -> bool:
        """A line or cell that gives the result (the overall score, a tool's, an indicator's,
        the level, the rank); True when it is short and nothing else."""
        unit = unit if unit is not None else (self.current, -1)
        found = self.prose_numbers(text, where, unit)
        found |= self.result_words(text, where)
        # A short line that only states the result (the cell "95.07 ค่าคะแนนของ …").
        return found and len(text) < 80

    def result_words(self, text: str, where: str) -> bool:
        """The level and the NACC's announcement, stated in words."""
        data = self.result.data
        found = False
        level = LEVEL_AFTER.search(text) or LEVEL_BEFORE.search(text) or LEVEL_PROSE.search(text)
        if level and "level" not in data:
            data["level"] = level.group(1)
            self.result.put("level", where)
            found = True
        source = SOURCE.search(text)
        if source and "source" not in data:
            data["source"] = source.group(1).strip()
            self.result.put("source", where)
        return found

    def prose_numbers(self, text: str, where: str, unit: Unit, prose: bool = True) -> bool:
        """Each number of a sentence placed where its words say (the overall score, a tool,
        an EIT part, an indicator, a question, a rank), or set aside with what its words say
        it is; one whose words say nothing stays for the review list."""
        found_any = False
        numbers = figures(text)
        ranks = [f for f in numbers if f.kind == "rank"]
        previous_end = 0
        for found in numbers:
            if found.kind != "score":
                if ranks and found is ranks[0]:
                    found_any |= self.ranks(text, ranks, numbers, where, unit)
                previous_end = found.end
                continue
            before, after = text[previous_end : found.start], text[found.end :]
            previous_end = found.end
            figure = self.ledger.find([unit], found.printed)
            if figure is None:
                continue
            tool = last_tool(text[: found.start]) or self.section_tool
            reading = read_label(before, after, self.framework, self.year, tool, text[: found.start])
            if reading is None:
                continue
            if reading.aside is not None:
                self.ledger.set_aside(figure, reading.aside)
                continue
            assert reading.path is not None
            # A tool's, an EIT part's, an indicator's or a question's score read from a
            # sentence is checked against the announcement.
            # A line that is its label and its number alone ("ตัวชี้วัดที่ ๑ … ๙๖.๑๒ คะแนน") is
            # read as a table's row is.
            alone = len(text) < 90 and sum(1 for n in numbers if n.kind == "score") == 1
            sure = reading.sure and (reading.path[0] == "score" or not prose or alone)
            words = f"{reading.words} {found.printed}".strip()
            found_any |= self.place_score(reading.path, figure, where, sure, words)
        return found_any

    def ranks(self, text: str, ranks: list[Found], numbers: list[Found], where: str, unit: Unit) -> bool:
        """The agency's rank: the one stated with a group of agencies (its kind, the
        province's local governments) and what it is out of; other ranks of the sentence
        (in the district) are set aside."""
        data = self.result.data
        options: list[tuple[Found, Found | None, str | None]] = []
        for found in ranks:
            count = next((n for n in numbers if n.kind == "count" and n.start > found.end), None)
            if count is not None and any(r.start > found.end and r.start < count.start for r in ranks):
                count = None
            group = rank_group(text[found.end : (count.end + 60 if count else found.end + 80)])
            options.append((found, count, group))
        options.sort(key=lambda o: (o[2] is None or o[2] not in AGENCY_KINDS, o[1] is None))
        found, count, group = options[0]
        figure = self.ledger.find([unit], found.printed)
        if "rank" in data or figure is None:
            # The rank stated again: the same one is placed where it is, another set aside.
            for position, out_of, _ in options:
                same = "rank" in data and data["rank"].get("position") == int(
                    digits(position.printed).replace(",", "")
                )
                for part, key in ((position, "position"), (out_of, "of")):
                    held = self.ledger.find([unit], part.printed) if part is not None else None
                    if held is None:
                        continue
                    if same and data["rank"].get(key) is not None:
                        self.ledger.take([unit], held.printed, "result", ("rank", key))
                    else:
                        self.ledger.set_aside(held, "ลำดับอีกแบบหนึ่ง (another ranking)")
            return False
        rank: dict[str, Any] = {"position": int(digits(found.printed).replace(",", ""))}
        self.ledger.take([unit], found.printed, "result", ("rank", "position"))
        if count is not None:
            rank["of"] = int(digits(count.printed).replace(",", ""))
            self.ledger.take([unit], count.printed, "result", ("rank", "of"))
        if group:
            rank["group"] = group
        data["rank"] = rank
        self.result.put("rank", where)
        if not group:
            words = text[max(0, found.start - 12) : (count.end if count else found.end) + 12].strip()
            self.result.note(
                ("rank",),
                f"ลำดับอ่านจากข้อความ «{words}» ซึ่งไม่ระบุกลุ่มหน่วยงาน: ถ้าประกาศระบุ เขียน group:",
                where,
            )
        for option in options[1:]:
            for part in option[:2]:
                if isinstance(part, Found):
                    another = self.ledger.find([unit], part.printed)
                    if another is not None:
                        self.ledger.set_aside(another, "ลำดับอีกแบบหนึ่ง (another ranking)")
        return True

    def place_score(self, path: KeyPath, figure: Figure, where: str, sure: bool, words: str) -> bool:
        """A number at a key of result.yml. The key holding another value already is a
        contradiction: the number is set aside and the key gets a TODO quoting both."""
        data = self.result.data
        parent: Any = data
        for key in path[:-1]:
            parent = parent.setdefault(key, {})
        key = path[-1]
        held = parent.get(key)
        if held is not None:
            if value(str(held)) == value(figure.printed):
                figure.part, figure.path = "result", path
                return True
            self.ledger.set_aside(
                figure,
                f"ขัดกับค่า {held} ที่วางไว้ที่ {key_text(path)} แล้ว (contradicts the value already placed)",
            )
            self.result.note(
                path,
                f"รายงานพิมพ์ค่านี้อีกแห่งว่า {figure.printed} «{words[-60:]}» ({where}): ตรวจกับประกาศว่าค่าใดถูก",
                where,
            )
            return False
        parent[key] = self.number(figure.printed)
        figure.part, figure.path = "result", path
        self.result.put(key_text(path), where)
        if not sure:
            self.result.note(path, f"{score_name(path)} อ่านจากข้อความ «{words[-100:]}»: ตรวจกับประกาศ", where)
        return True

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
        headed = INDICATOR_HEADING.match(text)
        if headed and len(text) < 100:
            # "ตัวชี้วัดที่ 7 ประสิทธิภาพการสื่อสาร": what follows is this indicator's,
            # whatever the tool's paragraph named before.
            number = int(digits(headed.group(1)))
            name = headed.group(2).strip()
            known = self.framework.indicator(number) if 1 <= number <= 10 else None
            found = indicator_named(self.framework, name) if name else None
            self.rec_title = ("" if known and (not name or (found and found[0] == number)) else name, number)
            self.rec = None
            self.tool_indicator = None
            self.pending_note = (
                (f"หัวข้อ «{text}» เขียนตัวชี้วัดที่ {number} แต่ชื่อเป็นของตัวชี้วัดที่ {found[0]}: ตรวจว่าข้อใดถูก", where)
                if found and found[0] != number
                else None
            )
            return
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
        heading = re.sub(r"^(?:[0-9๐-๙]{1,2}(?:\.[0-9๐-๙]{1,2})*[.)]?\s+|[0-9๐-๙]+[.)]\s*)", "", text).strip()
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
        keys = header_keys(rows[0].cells)
        named = [k for k in keys if k]
        # A header: short headings, each naming a column of its own, the topic's among them.
        once = [k for k in named if k != "score_year"]
        is_header = (
            len(named) >= 3
            and "topic" in named
            and len(set(once)) == len(once)
            and all(len(squeeze(c)) <= 60 for c in rows[0].cells)
        )
        if is_header:
            ticks = self.sub_headings(keys, rows)
            if not (self.table_kind and keys == self.columns and ticks == self.ticks):
                self.begin_table(keys, rows[0].cells, ticks)
            first = 2 if ticks else 1
            for index, row in enumerate(rows[first:], start=first):
                # The header again (on a new page) is no row.
                if header_keys(row.cells) != keys:
                    self.row_unit = (self.current, index)
                    self.table_row(row)
            self.table_units = [(self.current, r) for r in range(len(rows) - 1, -1, -1)] + self.table_units
            return
        if self.table_kind and len(rows[0].cells) == len(self.columns):
            # The table carried onto a new page without its header; its first row may be
            # the rest of a row the page's end cut.
            for index, row in enumerate(rows):
                self.row_unit = (self.current, index)
                if header_keys(row.cells) == [k or None for k in self.header]:
                    # The header again, with the rest of a cut row run into its cells below
                    # the headings: that rest goes on with the row above.
                    rest = [cell.partition("\n")[2] for cell in row.cells]
                    if any(rest):
                        self.table_row(Row(rest, row.where), split=True)
                    continue
                self.table_row(row, split=index == 0)
            self.table_units = [(self.current, r) for r in range(len(rows) - 1, -1, -1)] + self.table_units
            return
        self.table_kind = None
        if self.swot_table(table):
            self.elsewhere.add(self.current)
            return
        if self.question_table(table) | self.score_table(table):
            for row in rows:
                for cell in row.cells:
                    self.result_words(_cell_text(cell), row.where)
            self.elsewhere.add(self.current)
            return
        placed = False
        for r, row in enumerate(rows):
            for cell in row.cells:
                placed |= self.result_line(_cell_text(cell), row.where, (self.current, r))
        if placed:
            self.elsewhere.add(self.current)
            return
        markdown = self.markdown_table(table)
        if self.state == "theme" and self.theme is not None:
            self.theme["narrative"] = join(self.theme.get("narrative", ""), markdown)
        else:
            self.front.append((markdown, table.where, self.current))

    def row_units(self) -> list[Unit]:
        """The row being read first, then the rows of its table read before it (a row the
        page's end cut goes on in the next)."""
        block = self.row_unit[0]
        return [self.row_unit, *((block, r) for r in range(self.row_unit[1] - 1, -1, -1)), *self.table_units]

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

    def swot_table(self, table: Table) -> bool:
        """Strengths and weaknesses side by side (จุดแข็ง | จุดอ่อน, with opportunities and
        threats beside them): each column's entries as its section's items."""
        header = [_cell_text(c) for c in table.rows[0].cells]
        sections = {
            c: name for c, cell in enumerate(header) for name, pattern in SWOT if pattern.match(squeeze(cell))
        }
        if len(sections) < 2 or len(set(sections.values())) < 2:
            return False
        for c, name in sections.items():
            items = [item for row in table.rows[1:] if c < len(row.cells) for item in entries(row.cells[c])]
            if not items:
                continue
            section = self.analysis.data.setdefault(name, {})
            if section.get("items"):
                continue
            section["title"] = header[c]
            section["items"] = items
            self.analysis.put(f"{name}.items", table.where)
        if self.state == "section" and self.section is not None and not self.section.get("items"):
            # The heading over the table ("ผลการวิเคราะห์จุดแข็งและจุดอ่อน") is the table's.
            self.state = "front_after"
        return True

    def score_table(self, table: Table) -> bool:
        """A table of scores, read by its columns' headings and its rows' words: each row's
        key from its words (a tool, an EIT part, an indicator by number or name, the total),
        each number's from its column (this year's, or another year's, a weight, a weighted
        score, a difference: set aside). A table that goes on without its header on the next
        page keeps the columns of the one before."""
        rows = table.rows
        header = 0
        while header < min(2, len(rows) - 1) and not self.ledger.by_unit.get((self.current, header)):
            if not any(c.strip() for c in rows[header].cells):
                break
            header += 1
        if header:
            headings = [
                " ".join(row.cells[c] for row in rows[:header] if c < len(row.cells))
                for c in range(max(len(r.cells) for r in rows))
            ]
            roles = [column_role(h, self.year) for h in headings]
        elif self.score_columns is not None and len(self.score_columns) == len(rows[0].cells):
            roles = self.score_columns
        else:
            roles = [("label", None)] * max(len(r.cells) for r in rows)
        across = [h for h in (headings if header else []) if re.fullmatch(r"\s*(?:IIT|EIT|OIT|ITA)\s*", h)]
        transposed = len(across) >= 2
        placed = False
        eit_rows = False
        for r in range(header, len(rows)):
            row = rows[r]
            unit = (self.current, r)
            open_figures = self.ledger.open(unit)
            if not open_figures:
                continue
            words = " ".join(
                cell
                for c, cell in enumerate(row.cells)
                if c < len(roles) and roles[c][0] in ("label", "index") and cell_figure(cell) is None
            )
            words = re.sub(r"\s+", " ", words).strip()
            if len(words) > 80:
                continue  # a row of prose (a measure, a progress entry), no score's label
            index = next(
                (
                    int(digits(cell.strip()))
                    for c, cell in enumerate(row.cells)
                    if c < len(roles) and roles[c][0] == "index" and digits(cell.strip()).isdigit()
                ),
                None,
            )
            if re.search(r"\bEIT\b|ภายนอก", words):
                eit_rows = True
            elif re.search(r"\b(?:IIT|OIT)\b|ภายใน|แบบตรวจ", words):
                eit_rows = False
            tool = "EIT" if eit_rows else self.section_tool
            for figure in open_figures:
                role, year = roles[figure.column] if 0 <= figure.column < len(roles) else ("label", None)
                if transposed:
                    path_words = headings[figure.column]
                    row_year = re.search(r"[0-9๐-๙]{4}", words)
                    printed_year = int(digits(row_year.group(0))) if row_year else None
                    if printed_year and self.year and printed_year != self.year:
                        self.ledger.set_aside(figure, aside_of_column("year", printed_year) or "")
                        continue
                    reading = read_label(path_words, "", self.framework, self.year, None)
                    if reading is not None and reading.path is not None:
                        placed |= self.place_score(reading.path, figure, row.where, True, path_words)
                    continue
                if role == "year" and year != self.year:
                    self.ledger.set_aside(figure, aside_of_column("year", year) or "")
                    placed = True
                    continue
                if role == "weighted" and TOTAL_ROW.fullmatch(words):
                    # The weighted scores' total is the overall score (the check of the
                    # weights against the tools confirms it).
                    placed |= self.place_score(
                        ("score",), figure, row.where, True, f"{words} {figure.printed}"
                    )
                    continue
                aside = aside_of_column(role, year) if role != "year" else None
                if aside is not None:
                    self.ledger.set_aside(figure, aside)
                    placed = True
                    continue
                if role == "level":
                    continue
                path = self.row_key(words, index, tool, role)
                if path is None:
                    continue
                key, sure = path
                placed |= self.place_score(key, figure, row.where, sure, f"{words} {figure.printed}")
        if header and "eit_parts" in self.result.data:
            eit = self.result.data["eit_parts"]
            for c, (role, _) in enumerate(roles):
                part = {"eit_public": "public", "eit_survey": "survey"}.get(role)
                if part and f"{part}_label" not in eit:
                    eit[f"{part}_label"] = re.sub(r"\s+", " ", headings[c]).strip()
            self.result.data["eit_parts"] = {k: eit[k] for k in sorted(eit, key=EIT_ORDER.index)}
        self.score_columns = roles if placed else None
        return placed

    def row_key(
        self, words: str, index: int | None, tool: str | None, role: str
    ) -> tuple[KeyPath, bool] | None:
        """The key a score table's row names: by its number (ตัวชี้วัดที่ 1–10) and words."""
        part = {"eit_public": "public", "eit_survey": "survey"}.get(role)
        reading = read_label(words, "", self.framework, self.year, tool)
        named = reading.path if reading is not None and reading.aside is None else None
        if index is not None and 1 <= index <= 10 and (named is None or named[0] in ("indicators", "score")):
            if named is not None and named[0] == "indicators" and named[1] != index:
                return None
            named = ("indicators", index)
        if named is None:
            found = indicator_named(self.framework, words)
            if found is None:
                return None
            named = ("indicators", found[0])
            if not found[1]:
                return (self.eit_key(named, part) if part else named), False
        if part:
            return self.eit_key(named, part), True
        if named[0] == "eit_parts" and len(named) == 2:
            return named, True
        return named, reading.sure if reading is not None and named == reading.path else True

    @staticmethod
    def eit_key(named: KeyPath, part: str) -> KeyPath:
        if named[0] == "indicators":
            return ("eit_parts", f"{part}_indicators", named[1])
        return ("eit_parts", part)

    def question_table(self, table: Table) -> bool:
        """A table of questions and their scores: a theme's, or the result's."""
        found = False
        for r, row in enumerate(table.rows):
            cells = [_cell_text(c) for c in row.cells]
            code_cell = next((c for c in cells if re.fullmatch(rf"(?:ข้อ\s*)?{CODE}", c.strip())), None)
            scores = [c for c in cells if re.fullmatch(NUMBER, c.strip())]
            if code_cell is None:
                continue
            found = True
            printed = re.sub(r"^ข้อ\s*", "", code_cell.strip()).replace(" ", "")
            key = code_key(printed)
            for figure in self.ledger.open((self.current, r)):
                if figure.column == cells.index(code_cell):
                    continue
                if scores and value(figure.printed) == value(scores[0].strip()) and figure.path is None:
                    self.place_score(("questions", key), figure, row.where, True, code_cell)
                    break
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
        return found

    # -------------------------------------------------------------- measures and progress

    def sub_headings(self, keys: list[str | None], rows: list[Row]) -> dict[int, tuple[str, str]]:
        """A header's second row of ticked sub-columns under the follow-up's or the status's
        heading (ไตรมาส 1 … 4; ดำเนินการแล้ว, อยู่ระหว่างดำเนินการ, ยังไม่ได้ดำเนินการ): each
        sub-column with its group and its words."""
        if len(rows) < 2 or "topic" not in keys:
            return {}
        below = rows[1].cells
        topic = keys.index("topic")
        if topic < len(below) and below[topic].strip():
            return {}
        ticks: dict[int, tuple[str, str]] = {}
        group: str | None = None
        for c, cell in enumerate(below):
            heading = rows[0].cells[c] if c < len(rows[0].cells) else ""
            if heading.strip():
                group = keys[c] if keys[c] in TICK_GROUPS else None
            if cell.strip():
                if group is None or len(cell) > 40:
                    return {}
                ticks[c] = (group, re.sub(r"\s+", " ", cell).strip())
        return ticks

    def begin_table(
        self, keys: list[str | None], headings: list[str], ticks: dict[int, tuple[str, str]] | None = None
    ) -> None:
        self.table_units = []
        self.header = keys
        self.ticks = ticks or {}
        self.score_years = {
            c: digits(found.group(1))
            for c, heading in enumerate(headings)
            if keys[c] == "score_year" and (found := re.search(r"([0-9๐-๙]{4})", heading))
        }
        self.columns = [None if c in self.ticks else key for c, key in enumerate(keys)]
        ticked = {group for group, _ in self.ticks.values()}
        progress = {"summary", "outcome", "score_year"} & set(keys) or "status" in ticked
        self.table_kind = "progress" if progress else "measures"
        self.last_row = None
        listed: list[Any] = []
        for key, heading in zip(keys, headings, strict=False):
            if key in (None, "remark", "score_year") or key in [next(iter(e)) for e in listed]:
                continue
            listed.append({key: heading_text(heading)})
        if self.table_kind == "progress":
            self.progress.data.setdefault("columns", listed)
            measure_keys = [k for k in keys if k in ("topic", "actions", "steps", "responsible", "period")]
            listed = [e for e in listed if next(iter(e)) != "status"]
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
        for c, (group, label) in self.ticks.items():
            if c < len(row.cells) and TICK.match(row.cells[c]):
                key = f"ticked_{group}"
                cells[key] = cells[key] + "\n" + label if key in cells else label
        if "score_year" in cells:
            cells["score_year"] = "\n".join(
                f"{self.score_years.get(c, '')}\t{row.cells[c].strip()}"
                for c in self.score_years
                if c < len(row.cells) and row.cells[c].strip()
            )
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
        if "ticked_follow_up" in cells:
            ticked = cells["ticked_follow_up"].split("\n")
            cells = {**cells, "follow_up": "\n".join([cells.get("follow_up", ""), *ticked]).strip()}
        if "ticked_status" in cells and self.table_kind == "measures":
            cells = {**cells, "status": cells["ticked_status"]}
        if "remark" in cells and self.table_kind == "measures":
            measure["description"] = _cell_text(cells["remark"])
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
        status_text = " ".join(cells.get(k, "") for k in ("ticked_status", "status", "summary", "outcome"))
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
        if "done" in cells:
            done = entries(cells["done"])
            if done:
                entry["done"] = one_or_list(done)
        if "remark" in cells:
            summary = self.as_list(entry.get("summary", [])) + entries(cells["remark"])
            entry["summary"] = one_or_list(summary)
        if "score_year" in cells:
            self.year_scores(entry, cells, index, where)

    def year_scores(self, entry: dict[str, Any], cells: dict[str, str], index: int, where: str) -> None:
        """A progress row's columns of a year's score (คะแนน ITA ปี ๒๕๖๗, ปี ๒๕๖๘): the
        scores by year of what the measure addresses, named by its topic."""
        values: dict[str, Any] = {}
        for line in cells["score_year"].split("\n"):
            year, _, printed = line.partition("\t")
            if year and re.fullmatch(NUMBER, printed):
                values[year] = self.number(printed)
        if not values:
            return
        scores = entry.setdefault("scores", [])
        scores.append({"question": _cell_text(cells.get("topic", "")), "values": values})
        for year, held in values.items():
            path = ("entries", index, "scores", len(scores) - 1, "values", year)
            self.ledger.take(self.row_units(), str(held), "progress", path)
        self.progress.note(
            ("entries", index, "scores", len(scores) - 1, "question"),
            "คะแนนตามปีของตารางนี้ไม่ได้บอกข้อคำถาม: เขียนข้อคำถามหรือตัวชี้วัดที่มาตรการนี้มุ่งพัฒนา และ code:",
            where,
        )

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
            scores = entry.setdefault("scores", [])
            scores.append(score)
            entries_now = self.progress.data.get("entries", [])
            index = next((i for i, e in enumerate(entries_now) if e is entry), len(entries_now))
            for match in years:
                if match.group(2):
                    path = ("entries", index, "scores", len(scores) - 1, "values", match.group(1))
                    self.ledger.take(self.row_units(), match.group(2), "progress", path)
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

    def explain_leftovers(self) -> None:
        """A number no recogniser placed, whose own words say it is no score of the year (a
        band of the scale, a difference, a threshold), is set aside with what they say."""
        for figure in self.ledger:
            if figure.placed or figure.reason is not None:
                continue
            block = self.blocks[figure.unit[0]]
            if isinstance(block, Para):
                text = block.text
            else:
                text = _cell_text(block.rows[figure.unit[1]].cells[figure.column])
            numbers = figures(text)
            for index, found in enumerate(numbers):
                if value(found.printed) != value(figure.printed):
                    continue
                start = numbers[index - 1].end if index else 0
                before, after = text[start : found.start], text[found.end :]
                reading = read_label(before, after, self.framework, self.year, None, text[: found.start])
                if reading is not None and reading.aside is not None:
                    self.ledger.set_aside(figure, reading.aside)
                break

    def finish(self) -> Reading:
        self.explain_leftovers()
        drafts = {}
        analysis = self.analysis.data
        has_analysis = any(analysis.get(k) for k in ANALYSED)
        # A progress report or a measures table with only its problems and obstacles beside
        # it is that report: its lead-in and title are the table's.
        analysed = any(analysis.get(k) for k in ANALYSED if k != "limitations")
        has_progress = bool(self.progress.data.get("entries"))
        has_measures = bool(self.measures.data.get("measures"))
        title_text = self.title[0] if self.title is not None else ""
        own = [
            (self.analysis, analysed),
            (self.progress, has_progress and not analysed),
            (self.measures, has_measures and not analysed),
            (self.analysis, has_analysis),
        ]
        if has_progress and re.search(r"ผลการดำเนินการ|ผลการดำเนินงาน|ความก้าวหน้า", title_text):
            own.insert(0, (self.progress, True))
        front = self.summary_parts()
        if front:
            summary = "\n\n".join(text for text, _ in front)
            target = next((draft for draft, ready in own if ready), None)
            if target is self.analysis:
                analysis["summary"] = summary
                for _, where in front:
                    self.analysis.put("summary", where)
            elif target is not None:
                target.data["intro"] = summary
                target.put("intro", front[0][1])
            else:
                self.unplaced.extend((where, text) for text, where in front)
        if self.title is not None:
            title, where = self.title
            target = next((draft for draft, ready in own if ready), None)
            if target is not None:
                rest = {k: v for k, v in target.data.items() if k != "title"}
                target.data = {"title": title, **rest}
                target.put("title", where)
                covered = period(title, self.year) if target is self.progress else None
                if covered and "start" in covered:
                    target.data["period"] = covered
                    target.put("period", where)
        for draft, order in ((self.measures, MEASURES_ORDER), (self.progress, PROGRESS_ORDER)):
            data = draft.data
            draft.data = {
                k: data[k] for k in sorted(data, key=lambda k: order.index(k) if k in order else 99)
            }
        if has_analysis:
            drafts["analysis"] = self.analysis
        if self.measures.data.get("measures"):
            drafts["measures"] = self.measures
        if self.progress.data.get("entries"):
            drafts["progress"] = self.progress
        if any(self.result.data.get(k) for k in ("score", "level", "indicators", "tools", "questions")):
            data = self.result.data
            self.result.data = {k: data[k] for k in sorted(data, key=lambda k: RESULT_ORDER.index(k))}
            drafts["result"] = self.result
        # In the report's order (a heading is left out only once what follows it is known).
        self.skipped.sort(key=lambda pair: [int(n) for n in re.findall(r"\d+", pair[0])])
        return Reading(self.year, drafts, self.unplaced, self.skipped, list(self.ledger))

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
