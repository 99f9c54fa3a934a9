"""Real reports' shapes on the built site: the year page, the report page and its PDF show
each as the report has it, in its order and words.

The fixture is the example agency with what real reports hold written in: points
numbered in Thai digits, typed as the report types them, in a YAML summary, in a table
cell and in an item's own text; a progress report none of whose rows has an outcome.
"""

from __future__ import annotations

import io
import re
import shutil
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


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return comparable("".join(page.extract_text() for page in PdfReader(io.BytesIO(path.read_bytes())).pages))


def test_thai_numbered_lines_show_their_numbers_as_typed(built: Path) -> None:
    for page in ("2568/index.html", "2568/report/index.html"):
        html = (built / page).read_text(encoding="utf-8")
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
    item = (built / "2568/o8/index.html").read_text(encoding="utf-8")
    assert '<span class="oit-typed__n">๒.</span> งานการเงินและบัญชี' in item
    # Arabic numbers stay Markdown's own list, apart from the Thai one before it.
    assert re.search(r"</ol>\s*</div>\s*<ol>\s*<li>ลำดับแบบตัวเลขอารบิก</li>", item)


def test_an_issue_and_a_remedy_are_markdown(built: Path) -> None:
    for page in ("2568/index.html", "2568/report/index.html"):
        html = (built / page).read_text(encoding="utf-8")
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
        html = (built / page).read_text(encoding="utf-8")
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
    year = site_text((built / "2568/index.html").read_text(encoding="utf-8"))
    for lead in leads:
        assert lead in year, lead
    report = site_text((built / "2568/report/index.html").read_text(encoding="utf-8"))
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
        html = (built / page).read_text(encoding="utf-8")
        table = re.search(r'<table class="oit-measures">.*?</table>', html, re.S).group(0)
        heads = re.findall(r'<th scope="col">([^<]*)</th>', table)
        assert "แนวทางการนำผลวิเคราะห์ไปปฏิบัติ" in heads and "ขั้นตอน/วิธีการปฏิบัติ" not in heads, heads
        assert 'data-label="แนวทางการนำผลวิเคราะห์ไปปฏิบัติ"' in table  # the record layout says it too
        text = site_text(html)
        assert "ส่วนที่ ๑: ส่วนสาธารณะ (public) 87.90" in text and "ส่วนที่ ๒: ส่วนแบบสำรวจ (survey) 86.90" in text
        parts = site_text(re.search(r'<table class="oit-eit-parts">.*?</table>', html, re.S).group(0))
        assert parts == (
            "คะแนน EIT แยกส่วน รายตัวชี้วัด ตัวชี้วัด ส่วนที่ ๑ (public) ส่วนที่ ๒ (survey)"
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
        text = site_text((built / page).read_text(encoding="utf-8"))
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
        html = (built / page).read_text(encoding="utf-8")
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
