"""Real reports' shapes on the built site: the year page, the report page and its PDF show
each as the report has it, in its order and words.

The fixture is the example agency with what real reports hold written in: points
numbered in Thai digits, typed as the report types them, in a YAML summary, in a table
cell and in an item's own text; a progress report none of whose rows has an outcome.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from conftest import REPO, build_content, comparable, site_text

NUMBERED_SUMMARY = """ผลการประเมินของเทศบาลมีข้อเสนอแนะดังนี้
๑. ด้าน IIT ควรรักษามาตรฐานการปฏิบัติหน้าที่
๒. ด้าน EIT ควรพัฒนาช่องทางการสื่อสาร
ให้ประชาชนเข้าถึงได้ง่ายขึ้น
(๓) ด้าน OIT ควรเผยแพร่ข้อมูลให้เป็นปัจจุบัน
"""


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("formats")
    content = root / "edited"
    shutil.copytree(REPO / "content", content)
    year = content / "2568"
    # A YAML prose field with Thai-numbered lines, one of them running on to a second line.
    analysis = year / "analysis.yml"
    text = analysis.read_text(encoding="utf-8")
    text = re.sub(
        r"summary: \|\n(?:  .*\n)+",
        "summary: |\n" + "".join(f"  {line}\n" for line in NUMBERED_SUMMARY.splitlines()),
        text,
        count=1,
    )
    analysis.write_text(text, encoding="utf-8")
    # A remedy written as the report writes it: a lead-in line and a bulleted list.
    _edit(
        analysis,
        "        remedy: ปรับปรุงข้อมูลพื้นฐานบนเว็บไซต์หลักให้ครบถ้วน เป็นปัจจุบัน และเผยแพร่ผ่านช่องทางที่หลากหลาย\n",
        "        remedy: |\n          แนวทางแก้ไขมีสองส่วน\n\n"
        "          - พัฒนาระบบ **E-Service** ของงานบริการหลัก\n"
        "          - ประชาสัมพันธ์ผ่านหอกระจายข่าวทุกหมู่บ้าน\n",
    )
    # A table cell whose entries carry the report's numbers, one entry without.
    _edit(
        year / "measures.yml",
        "    steps:\n",
        "    steps:\n      - ขั้นตอนตามคู่มือการปฏิบัติงาน\n      - ๒) แจ้งเวียนทุกกอง\n      - ๓) รายงานผู้บริหาร\n",
    )
    # An item's own text.
    (year / "o8" / "index.md").write_text(
        "---\npublished: 2024-10-15\nupdated: 2025-04-25\n---\n\nคู่มือการปฏิบัติงานประกอบด้วย\n"
        "๑. งานธุรการ\n๒. งานการเงินและบัญชี\n\n1. ลำดับแบบตัวเลขอารบิก\n2. ยังเป็นรายการของ Markdown\n",
        encoding="utf-8",
    )
    # No row of the progress report has an outcome (or a question's scores).
    progress = year / "progress.yml"
    data = yaml.safe_load(progress.read_text(encoding="utf-8"))
    for entry in data["entries"]:
        entry.pop("outcome", None)
        entry.pop("scores", None)
    progress.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return build_content(root, content, pdf=True)


def _html(path: Path) -> str:
    """A built page, each word its table cell keeps whole (``<span class="oit-keep">``, which
    the reader does not see) as the word."""
    html = path.read_text(encoding="utf-8")
    out: list[str] = []
    kept: list[bool] = []
    for token in re.split(r"(<span\b[^>]*>|</span>)", html):
        if token.startswith("<span"):
            kept.append(token == '<span class="oit-keep">')
            if not kept[-1]:
                out.append(token)
        elif token == "</span>":
            if not kept.pop():
                out.append(token)
        else:
            out.append(token)
    return "".join(out)


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return comparable("".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages))


def test_thai_numbered_lines_show_their_numbers_as_typed(built: Path) -> None:
    for page in ("2568/index.html", "2568/report/index.html"):
        html = _html(built / page)
        text = site_text(html)
        assert (
            "๑. ด้าน IIT ควรรักษามาตรฐานการปฏิบัติหน้าที่ ๒. ด้าน EIT ควรพัฒนาช่องทางการสื่อสาร"
            " ให้ประชาชนเข้าถึงได้ง่ายขึ้น (๓) ด้าน OIT ควรเผยแพร่ข้อมูลให้เป็นปัจจุบัน"
        ) in text, page
        assert "ขั้นตอนตามคู่มือการปฏิบัติงาน ๒) แจ้งเวียนทุกกอง ๓) รายงานผู้บริหาร" in text, page
        # The numbers are the typed ones, in a list that shows no number of its own.
        assert '<span class="oit-typed__n">(๓)</span> ด้าน OIT' in html
        assert '<li><span class="oit-typed__n">๒)</span> แจ้งเวียนทุกกอง</li>' in html
        assert not re.search(r'<ol start="[๐-๙]', html)
    pdf = _pdf_text(built / "2568/report/ita-2568.pdf")
    for line in ("๑. ด้าน IIT", "๒. ด้าน EIT", "(๓) ด้าน OIT", "๒) แจ้งเวียนทุกกอง", "๓) รายงานผู้บริหาร"):
        assert comparable(line) in pdf, line
    item = _html(built / "2568/o8/index.html")
    assert '<span class="oit-typed__n">๒.</span> งานการเงินและบัญชี' in item
    # Arabic numbers stay Markdown's own list, apart from the Thai one before it.
    assert re.search(r"</ol>\s*</div>\s*<ol>\s*<li>ลำดับแบบตัวเลขอารบิก</li>", item)


def test_an_issue_and_a_remedy_are_markdown(built: Path) -> None:
    for page in ("2568/index.html", "2568/report/index.html"):
        html = _html(built / page)
        assert re.search(
            r"<dt>แนวทางแก้ไข</dt>\s*<dd><p>แนวทางแก้ไขมีสองส่วน</p>\s*<ul>\s*"
            r"<li>พัฒนาระบบ <strong>E-Service</strong> ของงานบริการหลัก</li>\s*"
            r"<li>ประชาสัมพันธ์ผ่านหอกระจายข่าวทุกหมู่บ้าน</li>\s*</ul>",
            html,
        ), page
    assert comparable("ประชาสัมพันธ์ผ่านหอกระจายข่าวทุกหมู่บ้าน") in _pdf_text(built / "2568/report/ita-2568.pdf")


def test_a_column_no_row_fills_is_not_shown(built: Path) -> None:
    outcome = "ผลลัพธ์หรือความสำเร็จของการดำเนินการ"
    for page in ("2568/index.html", "2568/report/index.html", "2568/o28/index.html"):
        html = _html(built / page)
        table = re.search(r'<table class="oit-progress">.*?</table>', html, re.S).group(0)
        heads = re.findall(r'<th scope="col">([^<]*)</th>', table)
        assert outcome not in heads and "สถานะ" in heads, (page, heads)
        assert f'data-label="{outcome}"' not in table
        # Every row has as many cells as the head has columns.
        for row in re.findall(r'<tr id="progress-\d+">(.*?)</tr>', table, re.S):
            assert len(re.findall(r"<td\b", row)) == len(heads), page
    assert comparable(outcome) not in _pdf_text(built / "2568/report/ita-2568.pdf")
    # The example's own progress report has outcomes: there the column is.
    example = (REPO / "content/2568/progress.yml").read_text(encoding="utf-8")
    assert "outcome:" in example


def test_lead_ins_and_the_reports_own_headings(built: Path) -> None:
    # Strengths, weaknesses and limitations with the lines that lead into them, the
    # limitations under the report's own title and the fiscal year they apply to.
    leads = [
        "จุดแข็ง ได้แก่ ตัวชี้วัดที่ได้คะแนนตั้งแต่ 95 ขึ้นไป จำนวน ๒ ตัวชี้วัด คือ การเปิดเผยข้อมูลได้ 100 คะแนน",
        "จุดอ่อน ได้แก่ ข้อคำถามที่ได้คะแนนต่ำกว่า 85 จำนวน ๒ ข้อ คือ ข้อ i19 การขอยืมทรัพย์สินของราชการ",
        "ข้อจำกัดในการดำเนินงานตามมาตรการ ¶ ปีงบประมาณ พ.ศ. 2569 การดำเนินงานตามมาตรการในปีงบประมาณ พ.ศ. 2569"
        " มีข้อจำกัดที่ต้องคำนึงถึง ดังนี้ ขาดแคลนบุคลากรด้านไอที งบประมาณมีไม่เพียงพอ",
    ]
    year = site_text(_html(built / "2568/index.html"))
    for lead in leads:
        assert lead in year, lead
    report = site_text(_html(built / "2568/report/index.html"))
    # The measures' and the progress report's introductions, before their tables.
    leads += [
        "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2569 ¶ เทศบาลตำบลบ้านสายรุ้ง"
        "นำผลการวิเคราะห์การประเมิน ITA 2568 มากำหนดมาตรการ",
        "รายงานนี้ติดตามการดำเนินการตามมาตรการในข้อ O27 รอบ 6 เดือนแรกของปีงบประมาณ พ.ศ. 2569",
    ]
    for lead in leads[3:]:
        assert lead in year and lead in report, lead
    for lead in leads[:2]:
        assert lead in report, lead
    # In the report the limitations are a numbered part of their own, under their title.
    assert re.search(r"\d\. ข้อจำกัดในการดำเนินงานตามมาตรการ ¶ ปีงบประมาณ พ.ศ. 2569 การดำเนินงาน", report)
    pdf = _pdf_text(built / "2568/report/ita-2568.pdf")
    for text in ("ข้อจำกัดในการดำเนินงานตามมาตรการ", "จุดอ่อน ได้แก่ ข้อคำถามที่ได้คะแนนต่ำกว่า 85 จำนวน ๒ ข้อ คือ"):
        assert comparable(text) in pdf, text


def test_the_reports_own_column_names_and_eit_parts(built: Path) -> None:
    # measures.yml names its steps column as the agency's report does; the EIT parts come
    # under the report's labels, with the six scores of the parts by indicator.
    for page in ("2568/index.html", "2568/report/index.html"):
        html = _html(built / page)
        table = re.search(r'<table class="oit-measures">.*?</table>', html, re.S).group(0)
        heads = re.findall(r'<th scope="col">([^<]*)</th>', table)
        assert "แนวทางการนำผลวิเคราะห์ไปปฏิบัติ" in heads and "ขั้นตอน/วิธีการปฏิบัติ" not in heads, heads
        assert 'data-label="แนวทางการนำผลวิเคราะห์ไปปฏิบัติ"' in table  # the record layout says it too
        text = site_text(html)
        # The labels as the report writes them, with no words of the site's added.
        assert "ส่วนที่ ๑: ส่วนสาธารณะ 87.90" in text and "ส่วนที่ ๒: ส่วนแบบสำรวจ 86.90" in text
        parts = site_text(re.search(r'<table class="oit-eit-parts">.*?</table>', html, re.S).group(0))
        assert parts == (
            "คะแนน EIT แยกส่วน รายตัวชี้วัด ตัวชี้วัด ส่วนที่ ๑: ส่วนสาธารณะ ส่วนที่ ๒: ส่วนแบบสำรวจ"
            " 6. คุณภาพการดำเนินงาน 91.20 89.60 7. ประสิทธิภาพการสื่อสาร 86.80 85.40"
            " 8. การปรับปรุงการทำงาน 85.70 85.70"
        ), parts
    pdf = _pdf_text(built / "2568/report/ita-2568.pdf")
    for text in (
        "แนวทางการนำผลวิเคราะห์ไปปฏิบัติ",
        "คะแนน EIT แยกส่วน รายตัวชี้วัด",
        "7. ประสิทธิภาพการสื่อสาร 86.80 85.40",
    ):
        assert comparable(text) in pdf, text


def test_a_theme_names_its_questions_and_shows_their_scores(built: Path) -> None:
    # A theme spans tools: its questions come with the tool, the question and the score of
    # result.yml, what to fix or keep, then its narrative and its numbered actions, in the
    # report's order and under the report's own number (no number of the site's).
    theme = (
        "ประเด็นที่ ๑ การดูแลทรัพย์สินของราชการและการให้บริการออนไลน์ ¶ ข้อ เครื่องมือ ข้อคำถาม คะแนน"
        " สิ่งที่ต้องแก้ไข/รักษาไว้"
        " i19 IIT เจ้าหน้าที่ขอยืมทรัพย์สินของราชการโดยขออนุญาตถูกต้อง ▼ 84.30 ปรับปรุงขั้นตอนการขออนุญาตยืมทรัพย์สิน"
        " i20 IIT หน่วยงานกำกับดูแลการใช้ทรัพย์สินของราชการ 86.90 รักษาการตรวจสอบทะเบียนทรัพย์สินรายเดือน"
        " e11 EIT การให้บริการผ่านช่องทางออนไลน์สะดวก รวดเร็ว ▼ 82.50 เพิ่มงานบริการหลักในระบบ E-Service"
        " ข้อคำถามทั้งสามข้อเกี่ยวกับความชัดเจนของขั้นตอน"
    )
    actions = "๑. ทบทวนคู่มือการขอยืมทรัพย์สินของราชการ และแจ้งเวียนทุกกอง ๒. พัฒนาระบบ E-Service"
    for page in ("2568/index.html", "2568/report/index.html", "2568/o27/index.html"):
        text = site_text(_html(built / page))
        assert theme in text, page
        assert text.index(theme) < text.index(actions) < text.index("ข้อเสนอแนะ IIT"), page
    pdf = _pdf_text(built / "2568/report/ita-2568.pdf")
    for line in ("ประเด็นที่ ๑ การดูแลทรัพย์สินของราชการ", "สิ่งที่ต้องแก้ไข/รักษาไว้", "๒. พัฒนาระบบ E-Service"):
        assert comparable(line) in pdf, line


def test_a_measure_with_activities_as_sub_rows_and_a_tick_each(built: Path) -> None:
    # One topic, the weakness found, and two activities each with its own unit, steps
    # (under the report's caption), period and done / not-done tick; the topic and the
    # weakness span both rows, and no measure is written twice.
    for page in ("2568/index.html", "2568/report/index.html", "2568/o27/index.html"):
        html = _html(built / page)
        first = re.search(r'<tr id="measure-m3">(.*?)</tr>\s*<tr class="oit-activity">(.*?)</tr>', html, re.S)
        assert first, page
        one, two = (site_text(f"<article>{row}</article>") for row in first.groups())
        assert one == (
            "การปรับปรุงการทำงาน ตอบ: ตัวชี้วัดที่ 8 การปรับปรุงการทำงาน, ข้อ e11 (82.50)"
            " ผู้รับบริการเห็นว่าการให้บริการผ่านช่องทางออนไลน์ยังไม่สะดวกและรวดเร็วพอ (ข้อ e11 ได้ 82.50)"
            " พัฒนาช่องทางการให้บริการออนไลน์ E-Service สำนักปลัดเทศบาล วิธีดำเนินการ"
            " พัฒนาระบบ E-Service ให้ใช้งานง่ายและสะดวกยิ่งขึ้น"
            " จัดทำคู่มือการใช้งานและประชาสัมพันธ์ทางวิทยุกระจายเสียงตามหมู่บ้าน"
            " 1 ตุลาคม 2568 – 30 กันยายน 2569 ยังไม่ได้ดำเนินการ"
        ), page
        assert two == (
            "สำรวจความพึงพอใจและนำผลมาปรับปรุงการให้บริการ กองคลัง"
            " สำรวจความพึงพอใจของผู้รับบริการทุกไตรมาสและรายงานผู้บริหาร 1 ตุลาคม 2568 – 31 มีนาคม 2569 ดำเนินการแล้ว"
        ), page
        assert first.group(1).count('rowspan="2"') == 2  # topic and weakness
        assert html.count('id="measure-m3"') == 1
        table = next(
            t for t in re.findall(r'<table class="oit-measures">.*?</table>', html, re.S) if "measure-m3" in t
        )
        heads = re.findall(r'<th scope="col">([^<]*)</th>', table)
        assert "จุดอ่อน/ข้อบกพร่องที่พบ" in heads and "ผลการดำเนินการ" in heads
    pdf = _pdf_text(built / "2568/report/ita-2568.pdf")
    for text in ("จุดอ่อน/ข้อบกพร่องที่พบ", "สำรวจความพึงพอใจของผู้รับบริการทุกไตรมาส", "ยังไม่ได้ดำเนินการ"):
        assert comparable(text) in pdf, text


# ------------------------------------------------------------------ a report's own layout

REPORT = {
    "title": "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2568",
    "foreword": "เทศบาลตำบลบ้านสายรุ้งจัดทำรายงานฉบับนี้เพื่อเสนอผู้บริหารและเผยแพร่ต่อสาธารณะ",
    "parts": ["foreword", "analysis", "measures", "progress", "limitations", "result"],
}


@pytest.fixture(scope="module")
def shaped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with 2568 written as a report lays itself out (tests/formats/2568): the
    report's title, foreword and order of parts in year.yml, the report's question codes,
    and no value the report does not print (EIT is not declared: derived: false)."""
    root = tmp_path_factory.mktemp("shaped")
    content = root / "edited"
    shutil.copytree(REPO / "content", content)
    year = content / "2568"
    for path in (Path(__file__).parent / "formats" / "2568").iterdir():
        shutil.copy(path, year / path.name)
    config = yaml.safe_load((year / "year.yml").read_text(encoding="utf-8"))
    config |= {"derived": False, "report": REPORT}
    (year / "year.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    _edit(
        year / "result.yml", "tools: {IIT: 94.58, EIT: 87.40, OIT: 99.25}", "tools: {IIT: 94.58, OIT: 99.25}"
    )
    _edit(year / "result.yml", "  o12: 100\n", "  o12: 100\n  o7: 75.00\n")  # a score with no question text
    result = year / "result.yml"
    result.write_text(
        result.read_text(encoding="utf-8") + "question_labels: {i19: i๑๙, i20: i๒๐, e11: e๑๑}\n",
        encoding="utf-8",
    )
    # An item's own text, numbered and bulleted as a clerk types it.
    (year / "o8" / "index.md").write_text(
        "---\npublished: 2024-10-15\nupdated: 2025-04-25\n---\n\nคู่มือการปฏิบัติงานประกอบด้วย\n"
        "๑.งานธุรการ\n๑.๑ งานสารบรรณ\n1.2 งานการเจ้าหน้าที่\n\n▪ ฉบับปรับปรุง\n• ฉบับเดิม\n",
        encoding="utf-8",
    )
    return build_content(root, content, pdf=True)


def _headings(html: str) -> list[str]:
    """The page's section headings: level, id and text."""
    return [
        f"h{level} #{anchor} {re.sub(r'<[^>]+>', '', text)}"
        for level, anchor, text in re.findall(r'<h([23]) id="([^"]+)">(.*?)<a class="headerlink"', html)
    ]


def _section(html: str, anchor: str) -> str:
    """The HTML from the heading with ``anchor`` to the next heading of any level."""
    start = html.index(f'id="{anchor}"')
    rest = html[html.index(">", html.index("</h", start)) + 1 :]
    nxt = re.search(r"<h[1-6] ", rest)
    return rest[: nxt.start()] if nxt else rest


ANALYSIS = [
    "h3 #analysis-iit ๑.๑ ข้อเสนอแนะจากแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน",
    "h3 #analysis-eit ๑.๒ ข้อเสนอแนะจากแบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก",
    "h3 #analysis-theme-1 ประเด็นที่ ๑ การดูแลทรัพย์สินของราชการ",
    "h3 #analysis-theme-2 ประเด็นที่ ๒ การเปิดเผยข้อมูลการจัดซื้อจัดจ้าง",
    "h3 #analysis-strengths จุดแข็ง",
    "h3 #analysis-weaknesses ประเด็นที่ต้องแก้ไข/ปรับปรุง",
]
MEASURES = [
    "h2 #measures ส่วนที่ ๒ มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    "h3 #measures-iit ๒.๑ มาตรการตามผลการประเมิน IIT",
    "h3 #measures-eit ๒.๒ มาตรการตามผลการประเมิน EIT",
    "h2 #progress ส่วนที่ ๓ รายงานผลการดำเนินการตามมาตรการ",
]
RESULT = [
    "h2 #result ผลการประเมิน ITA 2568",
    "h3 #result-history คะแนนรวมรายปี",
    "h3 #result-tools ผลการประเมินรายเครื่องมือ",
    "h3 #result-indicators สรุปผลการประเมินรายตัวชี้วัด",
    "h3 #result-questions คะแนนรายข้อคำถาม",
]


def test_the_report_and_the_year_page_follow_the_reports_order_and_titles(shaped: Path) -> None:
    # The foreword first, then the parts in the order year.yml gives, under the report's
    # own numbered titles, with no number of the site's; the site's result where the
    # report puts it (last), and the per-tool recommendations before the themes.
    report = _html(shaped / "2568/report/index.html")
    assert _headings(report) == [
        "h2 #foreword คำนำ",
        "h2 #analysis ส่วนที่ ๑ การวิเคราะห์ผลการประเมิน",
        *ANALYSIS,
        *MEASURES,
        "h2 #limitations ส่วนที่ ๔ ข้อจำกัดในการดำเนินงาน",
        *RESULT,
    ]
    assert re.findall(r"<h1 [^>]*>([^<]*)", report) == [REPORT["title"]]
    assert report.split("<title>", 1)[1].split("</title>", 1)[0] == f"{REPORT['title']} - เทศบาลตำบลบ้านสายรุ้ง"
    year = _html(shaped / "2568/index.html")
    assert _headings(year) == [
        "h2 #foreword คำนำ",
        "h2 #analysis ส่วนที่ ๑ การวิเคราะห์ผลการประเมิน",
        *ANALYSIS,
        *MEASURES,
        "h2 #analysis-limitations ส่วนที่ ๔ ข้อจำกัดในการดำเนินงาน",
        *RESULT,
        "h2 #items รายการข้อมูลสาธารณะ (OIT) ITA 2568",
    ]
    pdf = _pdf_text(shaped / "2568/report/ita-2568.pdf")
    titles = [REPORT["title"], "คำนำ", REPORT["foreword"], "ส่วนที่ ๑ การวิเคราะห์ผลการประเมิน"]
    titles += [line.split(" ", 2)[2] for line in ANALYSIS + MEASURES]
    titles += ["ส่วนที่ ๔ ข้อจำกัดในการดำเนินงาน", "ผลการประเมิน ITA 2568", "คะแนนรายข้อคำถาม"]
    places = [pdf.find(comparable(title)) for title in titles]
    assert -1 not in places and places == sorted(places), list(zip(titles, places, strict=True))


def test_the_site_numbers_parts_only_where_the_report_does_not(built: Path) -> None:
    # The example's titles carry no numbers: the report page numbers its parts 1. 2. …
    report = _html(built / "2568/report/index.html")
    assert [h for h in _headings(report) if h.startswith("h2")] == [
        "h2 #result 1. ผลการประเมิน ITA 2568",
        "h2 #analysis 2. การวิเคราะห์ผลการประเมินรายตัวชี้วัด",
        "h2 #measures 3. มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2569",
        "h2 #progress 4. รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส รอบ 6 เดือน",
        "h2 #limitations 5. ข้อจำกัดในการดำเนินงานตามมาตรการ",
    ]


def test_numbers_and_bullets_show_once_as_typed(shaped: Path) -> None:
    limitations = (
        '<div class="oit-typed"><ol><li><span class="oit-typed__n">๑.</span> สำนักปลัด ขาดบุคลากรด้านไอที</li>\n'
        '<li><span class="oit-typed__n">๑.๑</span> ด้านบุคลากร มีเจ้าหน้าที่ไอทีเพียงหนึ่งคน</li>\n'
        '<li><span class="oit-typed__n">๒.</span> กองคลัง งบประมาณมีไม่เพียงพอ</li>\n</ol>\n</div>'
    )
    units = (
        '<div class="oit-typed"><ol><li><span class="oit-typed__n">๑.</span> สำนักปลัด</li>\n'
        '<li><span class="oit-typed__n">๒.</span> กองคลัง</li>\n</ol>\n</div>'
    )
    steps = "<ul><li>แจ้งเวียนคู่มือทุกกอง</li>\n<li>ตรวจทะเบียนการยืมทุกเดือน</li>\n</ul>"
    strengths = "<ul><li>การเปิดเผยข้อมูลได้ 100 คะแนน</li>\n<li>การใช้อำนาจ 98.90 คะแนน</li>\n</ul>"
    for page, anchor in (
        ("2568/report/index.html", "limitations"),
        ("2568/index.html", "analysis-limitations"),
    ):
        html = _html(shaped / page)
        assert (
            _section(html, anchor).split('<div class="oit-prose">', 1)[1].strip() == limitations + "\n</div>"
        )
        assert f'<td data-label="ผู้รับผิดชอบ">{units}\n</td>' in html
        assert f'<td data-label="แนวทางการนำผลวิเคราะห์ไปปฏิบัติ">{steps}\n</td>' in html
        assert strengths in _section(html, "analysis-strengths")
        # No list number of the browser's or the site's before a typed one.
        assert not re.search(r"<ol>\s*<li>\s*[๐-๙]|[0-9]\.\s*[๐-๙]+[.)]", site_text(html)), page
    item = _html(shaped / "2568/o8/index.html")
    assert (
        '<p>คู่มือการปฏิบัติงานประกอบด้วย</p>\n<div class="oit-typed">\n<ol>\n'
        '<li><span class="oit-typed__n">๑.</span> งานธุรการ</li>\n'
        '<li><span class="oit-typed__n">๑.๑</span> งานสารบรรณ</li>\n'
        '<li><span class="oit-typed__n">1.2</span> งานการเจ้าหน้าที่</li>\n</ol>\n</div>\n'
        "<ul>\n<li>ฉบับปรับปรุง</li>\n<li>ฉบับเดิม</li>\n</ul>"
    ) in item
    pdf = _pdf_text(shaped / "2568/report/ita-2568.pdf")
    for line in ("๑. สำนักปลัด ขาดบุคลากรด้านไอที", "๑.๑ ด้านบุคลากร", "๒. กองคลัง งบประมาณ", "๑) แจ้งเวียนคู่มือแล้ว"):
        assert comparable(line) in pdf, line
    assert not re.search(r"[0-9]\.[๐-๙]", pdf)


def test_measures_in_the_reports_columns_with_each_tables_own_text(shaped: Path) -> None:
    heads_iit = ["มาตรการ", "จุดอ่อนที่พบ", "กิจกรรม", "ผู้รับผิดชอบ", "แนวทางการนำผลวิเคราะห์ไปปฏิบัติ", "การติดตามผล"]
    heads_eit = [*heads_iit[:5], "ผลการดำเนินการ", "การติดตามผล"]
    for page in ("2568/index.html", "2568/report/index.html"):
        html = _html(shaped / page)
        iit, eit = (
            site_text(f"<article>{_section(html, a)}</article>") for a in ("measures-iit", "measures-eit")
        )
        assert iit == (
            "มาตรการในตารางนี้ตอบข้อคำถามของแบบวัด IIT " + " ".join(heads_iit) + " ๑. การใช้ทรัพย์สินของราชการ"
            " บุคลากรบางรายขอยืมทรัพย์สินโดยไม่ขออนุญาต ปรับปรุงคู่มือการขอยืมทรัพย์สิน ๑. สำนักปลัด ๒. กองคลัง"
            " แจ้งเวียนคู่มือทุกกอง ตรวจทะเบียนการยืมทุกเดือน รายงานผู้บริหารทุกไตรมาส"
            " หมายเหตุ ทุกมาตรการดำเนินการตลอดปีงบประมาณ"
        ), page
        assert eit == (
            "มาตรการในตารางนี้ตอบข้อคำถามของแบบวัด EIT " + " ".join(heads_eit) + " ๒. การให้บริการออนไลน์"
            " ผู้รับบริการบางรายเห็นว่าการให้บริการผ่านช่องทางออนไลน์ของเทศบาลยังไม่สะดวกรวดเร็วและไม่ครอบคลุมงานบริการหลัก"
            " พัฒนาระบบ E-Service ประชาสัมพันธ์ช่องทางออนไลน์ สำนักปลัดเทศบาล"
            " จัดจ้างผู้พัฒนาระบบตามระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ"
            " แล้วทดสอบระบบกับผู้รับบริการก่อนเปิดใช้งานจริง"
            " อยู่ระหว่างดำเนินการ รายงานผู้บริหารทุกไตรมาส สำรวจความพึงพอใจผู้รับบริการ กองคลัง"
            " สำรวจทุกไตรมาส ดำเนินการแล้ว ทั้งนี้ ให้ทุกกองรายงานผลการดำเนินการต่อนายกเทศมนตรีทุกไตรมาส"
        ), page
        # An activity's action is Markdown: its two bullets are two points.
        assert (
            '<td data-label="กิจกรรม"><ul>\n<li>พัฒนาระบบ E-Service</li>\n'
            "<li>ประชาสัมพันธ์ช่องทางออนไลน์</li>\n</ul>\n</td>"
        ) in html
        progress = site_text(f"<article>{_section(html, 'progress')}</article>")
        assert progress == (
            "มาตรการ/แนวทาง สถานะ ผลการดำเนินงาน หน่วยงาน ๑. การใช้ทรัพย์สินของราชการ ปรับปรุงคู่มือการขอยืมทรัพย์สิน"
            " ดำเนินการแล้ว ๑) แจ้งเวียนคู่มือแล้ว ๒) ตรวจทะเบียนแล้ว ๖ ครั้ง ๑. สำนักปลัด ๒. กองคลัง"
            " ข้อมูล ณ สิ้นไตรมาสที่ ๒ ของปีงบประมาณ"
        ), page


def test_theme_tables_under_the_reports_headings(shaped: Path) -> None:
    # The report's headings; the remark printed once over two questions spans them; a
    # theme whose questions the report gives by code alone has no column of question texts.
    first = (
        '<table class="oit-theme-questions">\n<thead><tr><th scope="col">ข้อที่</th>\n'
        '<th scope="col">ประเด็นคำถาม</th>\n'
        '<th scope="col">คะแนนที่ได้</th>\n<th scope="col">ข้อเสนอแนะ</th>\n</tr>\n</thead>\n<tbody>\n'
        '<tr class="oit-below"><td>i๑๙</td>\n<td>เจ้าหน้าที่ขอยืมทรัพย์สินของราชการโดยขออนุญาตถูกต้อง</td>\n'
        '<td class="num">▼ 84.30</td>\n<td rowspan="2">ทบทวนขั้นตอนการยืมทรัพย์สินและแจ้งเวียนทุกกอง</td>\n</tr>\n'
        '<tr><td>i๒๐</td>\n<td>หน่วยงานกำกับดูแลการใช้ทรัพย์สินของราชการ</td>\n<td class="num">86.90</td>\n</tr>\n'
        '<tr class="oit-below"><td>e๑๑</td>\n<td>การให้บริการผ่านช่องทางออนไลน์สะดวก รวดเร็ว</td>\n'
        '<td class="num">▼ 82.50</td>\n<td>เพิ่มงานบริการหลักในระบบ E-Service</td>\n</tr>\n</tbody>\n</table>'
    )
    second = (
        '<table class="oit-theme-questions">\n<thead><tr><th scope="col">ข้อที่</th>\n'
        '<th scope="col">คะแนนที่ได้</th>\n'
        '</tr>\n</thead>\n<tbody>\n<tr class="oit-below"><td>o7</td>\n<td class="num">▼ 75.00</td>\n</tr>\n'
        "</tbody>\n</table>"
    )
    for page in ("2568/index.html", "2568/report/index.html"):
        html = _html(shaped / page)
        assert first in _section(html, "analysis-theme-1"), page
        assert second in _section(html, "analysis-theme-2"), page
    pdf = _pdf_text(shaped / "2568/report/ita-2568.pdf")
    assert comparable("ข้อที่ ประเด็นคำถาม คะแนนที่ได้ ข้อเสนอแนะ") in pdf
    assert pdf.count(comparable("ทบทวนขั้นตอนการยืมทรัพย์สินและแจ้งเวียนทุกกอง")) == 1


def test_a_small_table_and_text_after_it_in_a_narrative_field(shaped: Path) -> None:
    for page in ("2568/index.html", "2568/report/index.html"):
        html = _html(shaped / page)
        summary = _section(html, "analysis")
        assert re.sub(r"\s+", "", summary) == re.sub(
            r"\s+",
            "",
            '<div class="oit-prose"><p>ผลการประเมินรายเครื่องมือของเทศบาล ดังตาราง</p><table><thead><tr>'
            "<th>เครื่องมือ</th><th>คะแนน</th><th>ระดับ</th></tr></thead><tbody><tr><td>IIT</td><td>94.58</td>"
            "<td>ผ่าน</td></tr><tr><td>OIT</td><td>99.25</td><td>ผ่าน</td></tr></tbody></table>"
            "<p>ทั้งสองเครื่องมือได้คะแนนสูงกว่าเกณฑ์</p></div>",
        ), page


def test_the_reports_words_and_no_value_it_does_not_print(shaped: Path) -> None:
    for page in ("2568/index.html", "2568/report/index.html"):
        html = _html(shaped / page)
        text = site_text(html)
        for added in ("ข้อเสนอแนะ IIT", "ตามแบบวัด", "(public)", "(survey)", "คำนวณ"):
            assert added not in text, (page, added)
        tools = site_text(f"<article>{_section(html, 'result-tools')}</article>")
        assert tools.startswith(
            "เครื่องมือ รายละเอียด น้ำหนัก (ร้อยละ) คะแนน IIT แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน 30 94.58"
            " EIT แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก 30 – EIT ส่วนที่ ๑: ส่วนสาธารณะ 87.90"
            " EIT ส่วนที่ ๒: ส่วนแบบสำรวจ 86.90 OIT แบบตรวจการเปิดเผยข้อมูลสาธารณะ 40 99.25 คะแนนรวม 94.29"
        ), tools
        # Question codes as the report writes them, wherever the site names a question.
        assert "ข้อ i๑๙, i๒๐" in text and "ข้อ e๑๑" in text
        assert '<tr id="q-i19" class="oit-below"><td>i๑๙</td>' in html
    pdf = _pdf_text(shaped / "2568/report/ita-2568.pdf")
    assert comparable("EIT แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายนอก 30 –") in pdf
    assert "คำนวณ" not in pdf and "public" not in pdf


def test_check_counts_ticks_and_a_report_without_periods(shaped: Path) -> None:
    from site_builder.cli import main

    out = io.StringIO()
    code = main(["-f", str(shaped.parent / "mkdocs.yml"), "check", "2568", "--format", "json"], out=out)
    report = json.loads(out.getvalue())
    [year] = report["years"]
    assert {p["part"]: (p["present"], p["problems"]) for p in year["parts"]} == {
        "result": (True, []),
        "analysis": (True, []),
        "measures": (True, []),
        "progress": (True, []),
    }
    assert code == 0, out.getvalue()


def test_no_word_of_a_pdf_table_cell_is_broken(shaped: Path) -> None:
    # Every short Thai run of a table's headings and cells (a unit, a heading) is on one
    # line of the PDF; the measures' tables of six and seven columns are on landscape pages.
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO((shaped / "2568/report/ita-2568.pdf").read_bytes()))
    lines = [comparable(line) for page in reader.pages for line in page.extract_text().splitlines()]
    html = _html(shaped / "2568/report/index.html")
    cells = re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", html, re.S)
    runs = {run for cell in cells for run in re.findall(r"[\u0e00-\u0e7f]+", re.sub(r"<[^>]+>", " ", cell))}
    short = sorted(run for run in runs if len(run) <= 14)
    assert {"ผู้รับผิดชอบ", "สำนักปลัด", "คะแนนที่ได้", "ข้อเสนอแนะ"} <= set(short)
    # A run is broken where one line ends with its start and the next begins with the rest;
    # the lines of a heading (the report's title, in two lines) are not a table's.
    headings = [
        comparable(re.sub(r"<[^>]+>", "", h)) for h in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", html, re.S)
    ]
    pairs = [
        (end, start)
        for end, start in itertools.pairwise(lines)
        if not any(end + start in heading for heading in headings)
    ]
    broken = sorted(
        {
            run
            for run in map(comparable, short)
            for k in range(1, len(run))
            for end, start in pairs
            if end.endswith(run[:k]) and start.startswith(run[k:])
        }
    )
    assert broken == []
    sizes = {
        index: (round(float(page.mediabox.width)), round(float(page.mediabox.height)))
        for index, page in enumerate(reader.pages)
    }
    tables = [
        i
        for i, page in enumerate(reader.pages)
        if comparable("การติดตามผล") in comparable(page.extract_text())
    ]
    assert tables and all(sizes[i] == (842, 595) for i in tables)
    assert all(size == (595, 842) for i, size in sizes.items() if i not in tables)


# ------------------------------------------------------------------ a report as printed

PRINTED = Path(__file__).parent / "formats" / "printed"
# Every content file dated alike: the year page's dates are the same on every machine.
DAY = datetime(2025, 10, 1, 9, 0).timestamp()


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with 2568 typed as a report prints it (tests/formats/printed/2568): the
    parts it has and no result part, its text with no label of the site's (labels:
    as_written), its numbers as typed, its tables as printed (a tool's table of indicator
    scores, a theme's own columns and merged tool cells, a follow-up column of ticked
    sub-columns, one tick per unit), its signatures; and 2567 with the analysis alone as
    written and the tools' score tables as a part of their own."""
    root = tmp_path_factory.mktemp("printed")
    content = root / "edited"
    shutil.copytree(REPO / "content", content)
    for year in ("2568", "2567"):
        for path in (PRINTED / year).iterdir():
            shutil.copy(path, content / year / path.name)
    for path in content.rglob("*"):
        os.utime(path, (DAY, DAY))
    return build_content(root, content, pdf=True)


def _article(html: str) -> str:
    match = re.search(r"<article\b.*?</article>", html, re.S)
    assert match
    return match.group(0) + "\n"


@pytest.mark.parametrize("year", ["2568", "2567"])
def test_a_printed_report_and_its_year_page_are_their_goldens(
    printed: Path, golden: Callable[[str, str], None], year: str
) -> None:
    # The whole article of each page: what the report has and nothing else, as it has it.
    golden(
        f"formats/printed/{year}/report.html",
        _article((printed / year / "report/index.html").read_text("utf-8")),
    )
    golden(f"formats/printed/{year}/year.html", _article((printed / year / "index.html").read_text("utf-8")))


def _pdf_lines(path: Path) -> list[list[str]]:
    """Each page's lines as the PDF's text reads, without the running header and the page number."""
    from pypdf import PdfReader

    pages = []
    for page in PdfReader(io.BytesIO(path.read_bytes())).pages:
        lines = [line.strip() for line in page.extract_text().splitlines()]
        pages.append(
            [
                line
                for line in lines
                if not re.fullmatch(
                    r"หน้า \d+ จาก \d+|เทศบาลตำบลบ้านสายรุ้ง รายงาน ITA ปีงบประมาณ พ.ศ. \d{4}", line
                )
            ]
        )
    return pages


def test_the_printed_reports_pdf_has_the_reports_parts_and_signatures(printed: Path) -> None:
    text = "\n".join(line for page in _pdf_lines(printed / "2568/report/ita-2568.pdf") for line in page)
    headings = re.findall(r"^(คำนำ|ส่วนที่ [๐-๙] .*)$", text, re.M)
    assert headings == [
        "คำนำ",
        "ส่วนที่ ๑ ผลการวิเคราะห์การประเมิน",
        "ส่วนที่ ๒ มาตรการส่งเสริมคุณธรรมและความโปร่งใส",
        "ส่วนที่ ๓ ผลการดำเนินงานตามมาตรการ รอบ ๖ เดือน",
        "ส่วนที่ ๔ ปัญหาและอุปสรรค",
    ]
    # No scores part: the analysis states the score once, and nothing of the site's result.
    assert text.count("๙๔.๒๙") == 1 and "94.29" not in text
    for result in ("ผลการประเมิน ITA", "คะแนนรวมรายปี", "ผลการประเมินรายเครื่องมือ", "น้ำหนัก", "คะแนนรายข้อคำถาม"):
        assert result not in text, result
    # The signatures as typed, last.
    assert text.endswith(
        "ลงชื่อ ผู้รายงาน\n(นางสาวพิมพ์ชนก แสงทอง)\nนักวิเคราะห์นโยบายและแผนปฏิบัติการ\nลงชื่อ ผู้เห็นชอบ\n"
        "(นายวีรพงษ์ ศรีสวัสดิ์)\nปลัดเทศบาล ปฏิบัติหน้าที่\nนายกเทศมนตรีตำบลบ้านสายรุ้ง\n๒๐ ตุลาคม ๒๕๖๘"
    )
    # 2567: its parts in its order, the site's result among them, no limitations.
    text = "\n".join(line for page in _pdf_lines(printed / "2567/report/ita-2567.pdf") for line in page)
    titles = [
        "1. การวิเคราะห์ผลการประเมิน ปีงบประมาณ พ.ศ. ๒๕๖๗",
        "2. ผลการประเมิน ITA 2567",
        "3. มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2567",
        "4. รายงานการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส ประจำปีงบประมาณ พ.ศ. 2567",
    ]
    places = [comparable(text).find(comparable(title)) for title in titles]
    assert -1 not in places and places == sorted(places), places
    parts = r"^\d\. (?:การวิเคราะห์|ผลการประเมิน ITA|มาตรการ|รายงานการดำเนินการ|ข้อจำกัด)"
    assert len(re.findall(parts, text, re.M)) == 4
    assert "ข้อจำกัด" not in text and "ลงชื่อ" not in text


# What the site may add to a report's text: headings and their numbers, the words above a
# recommendation's text, an indicator's and a question's line, a list's numbers, the
# measures' "ตอบ", a year's note, the progress report's period and date, the blank
# signature lines. A report as written has each only as often as its content does.
SITE_LABELS = [
    "ข้อเสนอแนะ",
    "แนวทางแก้ไข",
    "ประเด็น",
    "ตามแบบวัด",
    "ตอบ:",
    "(1)",
    "(2)",
    "ตัวชี้วัดที่ 4",
    "ตัวชี้วัดที่ 8",
    "ข้อ i19, i20",
    "ข้อ e11\n",
    "ปีงบประมาณ พ.ศ. 2569",
    "ช่วงที่รายงาน",
    "ข้อมูล ณ วันที่",
    "มาตรการของปีงบประมาณ",
    "ผู้จัดทำรายงาน",
    "ผู้รับรองรายงาน",
    "ตำแหน่ง",
    "▼",
    "คำนวณ",
    "ITA 2568 ·",
    "หน้าปีงบประมาณ",
]


def test_the_printed_reports_pdf_has_no_label_its_content_does_not_have(printed: Path) -> None:
    text = (
        "\n".join(line for page in _pdf_lines(printed / "2568/report/ita-2568.pdf") for line in page) + "\n"
    )
    written = "\n".join(path.read_text(encoding="utf-8") for path in (PRINTED / "2568").iterdir())
    assert {label: text.count(label) for label in SITE_LABELS} == {
        label: written.count(label) for label in SITE_LABELS
    }
    # No number of the site's before a line the content does not number.
    numbered = [line for page in _pdf_lines(printed / "2568/report/ita-2568.pdf") for line in page]
    assert [line for line in numbered if re.match(r"[0-9]+[.)] ", line)] == []


def test_the_printed_reports_numbers_are_as_typed(printed: Path) -> None:
    lines = [line for page in _pdf_lines(printed / "2568/report/ita-2568.pdf") for line in page]
    for row in (
        "๑) การปฏิบัติหน้าที่ ๙๒.๘๐",
        "๒) การใช้งบประมาณ ๙๗.๔",
        "๕) การแก้ไขปัญหาการทุจริต ๙๖.๒",
        "๑ IIT i19 การขออนุญาตยืมพัสดุ ๘๔.๓ ทบทวนระเบียบการยืมพัสดุ",
        "๒ i20 การควบคุมการใช้พัสดุ 86.9",
        "๓ EIT e11 บริการออนไลน์ ๘๒.๕๐ เพิ่มช่องทางไลน์ทางการ",
    ):
        assert row in lines, row
    text = "\n".join(lines)
    for formatted in ("92.80", "97.40", "84.30", "86.90", "82.50", "๘๔.๓๐", "๙๗.๔๐"):
        assert formatted not in text, formatted
    # The year page's result shows them as typed too, beside last year's and the change the site computes.
    year = site_text((printed / "2568/index.html").read_text(encoding="utf-8"))
    assert "4. การใช้ทรัพย์สินของราชการ IIT ๘๗.๖๐ 88.40 " in year
    assert "9. การเปิดเผยข้อมูล OIT 100 96.00 +4.00" in year


def test_the_printed_reports_wide_tables_are_on_landscape_pages(printed: Path) -> None:
    from pypdf import PdfReader

    path = printed / "2568/report/ita-2568.pdf"
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    sizes = [(round(float(page.mediabox.width)), round(float(page.mediabox.height))) for page in reader.pages]
    heads = {
        "ลำดับ แบบวัด ข้อ หัวข้อ คะแนน แนวทางการพัฒนา",  # six columns
        "มาตรการ กิจกรรม หน่วยงานที่รับผิดชอบ วิธีการ การติดตามผล",  # four and two sub-columns
        "มาตรการ ผลการดำเนินงาน สถานะ",  # two and three sub-columns
    }
    wide = [index for index, page in enumerate(_pdf_lines(path)) if heads & set(page)]
    assert len(wide) == 3
    assert [index for index, size in enumerate(sizes) if size == (842, 595)] == wide
    assert all(size == (595, 842) for index, size in enumerate(sizes) if index not in wide)


def test_the_fixtures_are_what_the_schemas_take() -> None:
    # Written in VS Code, each file of the fixtures is one its schema accepts (no squiggle).
    import jsonschema

    from site_builder.model.kinds import KINDS
    from site_builder.model.schema import schema_of

    kinds = {kind.file: kind.name for kind in KINDS if kind.file.endswith(".yml")}
    checked = []
    for path in sorted((Path(__file__).parent / "formats").rglob("*.yml")):
        validator = jsonschema.Draft202012Validator(schema_of(kinds[path.name]))
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        assert [error.message for error in validator.iter_errors(data)] == [], path
        checked.append(path.name)
    assert len(checked) == 10
