"""The example site, built as a new user builds it: pages at their stable URLs."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import yaml
from conftest import REPO, build_content, site_text

from site_builder.frameworks import load_framework

SITE_URL = "https://www.example.go.th/ita/"
AGENCY = "name: เทศบาลตำบลทดสอบ\nkind: เทศบาลตำบล\ndistrict: เมือง\nprovince: ขอนแก่น\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_content(tmp_path_factory.mktemp("example"), REPO / "content")


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_home_shows_agency_latest_result_and_every_year(site: Path) -> None:
    text = site_text(page(site, ""))
    assert "เทศบาลตำบลบ้านสายรุ้ง" in text
    assert "อำเภอดอนสายรุ้ง จังหวัดขอนแก่น" in text
    assert "คะแนน ITA 2568 94.29" in text
    for year in ("2566", "2567", "2568"):
        assert f'href="{year}/"' in page(site, "")


def test_year_page_has_result_analysis_measures_progress_and_items(site: Path) -> None:
    html = page(site, "2568")
    text = site_text(html)
    for anchor in ("result", "analysis", "measures", "progress", "items"):
        assert f'id="{anchor}"' in html
    assert "1 ตุลาคม 2567 – 30 กันยายน 2568" in text
    assert "ลำดับที่ 543 จาก 2,251 ในกลุ่มเทศบาลตำบล" in text
    for score in ("94.58", "87.40", "99.25", "87.90", "86.90", "92.80", "98.50"):
        assert score in text
    # a question below the pass mark is marked for people who cannot see colour
    assert re.search(r'<tr id="q-i19" class="oit-below">.*?▼ 84.30', html, re.S)
    fw = load_framework("ita-2568")
    assert fw is not None
    items = re.findall(r'<tr id="(o\d+)">', html)
    assert items == [i.slug for i in fw.items]


def test_every_item_of_every_year_has_a_page_at_its_stable_url(site: Path) -> None:
    for year in (2566, 2567, 2568):
        fw = load_framework(f"ita-{year}")
        assert fw is not None
        for item in fw.items:
            html = page(site, f"{year}/o{item.number}")
            text = site_text(html)
            assert f"O{item.number}" in text
            # the agency in the tab's title and the header, not said again in the article
            assert re.search(r"<title>[^<]*- เทศบาลตำบลบ้านสายรุ้ง</title>", html)
            assert f"พ.ศ. {year}" in text
            assert "เผยแพร่เมื่อ" in text and "ปรับปรุงล่าสุด" in text
    assert not (site / "2567" / "o01").exists()
    assert not (site / "2568" / "O1").exists()


def test_item_page_shows_year_corrections_dates_and_documents(site: Path) -> None:
    html = page(site, "2568/o1")
    text = site_text(html)
    assert "O1 โครงสร้างและอำนาจหน้าที่" in text
    assert "15 ตุลาคม 2567" in text and "25 เมษายน 2568" in text  # Buddhist era
    assert "คำอธิบายสำหรับผู้ตรวจประเมิน" in text
    link = re.search(r'<table class="oit-documents">.*?href="([^"]+)"', html, re.S)
    assert link
    target = site / "2568" / "o1" / unquote(link.group(1))
    assert target.name == "แผนผังโครงสร้าง ส่วนราชการ.pdf"
    assert target.read_bytes().startswith(b"%PDF-")
    # the editor's correction in content/2568/year.yml names O7, and it shows
    assert "O7 รายงานผลการดำเนินงานประจำปี" in site_text(page(site, "2568/o7"))


def test_structured_item_renders_its_part_from_the_yaml(site: Path) -> None:
    measures = site_text(page(site, "2567/o42"))
    assert "การเปิดโอกาสให้มีส่วนร่วม" in measures
    assert "จัดประชาคมหมู่บ้าน 12 หมู่บ้าน" in measures
    progress = site_text(page(site, "2567/o43"))
    assert "ผู้เข้าร่วม 846 คน" in progress
    assert "ITA 2566: 74.20 ITA 2567: 78.40 (+4.20)" in progress
    assert "มาตรการของปีงบประมาณ 2566" in progress  # a measure of another year


@pytest.mark.parametrize("year", [2566, 2567, 2568])
def test_answer_sheets_list_every_item_with_urls_that_exist(site: Path, year: int) -> None:
    rows = json.loads((site / str(year) / "oit.json").read_text(encoding="utf-8"))
    raw = (site / str(year) / "oit.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())  # Excel reads Thai
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert table == rows
    content = (
        yaml.safe_load((REPO / "content" / str(year) / "year.yml").read_text())
        if (REPO / "content" / str(year) / "year.yml").is_file()
        else {}
    )
    fw = load_framework((content or {}).get("framework") or f"ita-{year}")
    assert fw is not None
    assert [r["code"] for r in rows] == [i.code for i in fw.items]
    for row in rows:
        assert row["url"].startswith(SITE_URL)
        path = urlparse(row["url"]).path.removeprefix(urlparse(SITE_URL).path)
        assert (site / path / "index.html").is_file(), row["url"]
        assert row["title"] in site_text(page(site, path))
    assert any(r["note"] for r in rows)


def test_no_page_requests_anything_from_another_host(site: Path) -> None:
    for html_file in site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        for tag, attr in re.findall(
            r"<(script|link|img|iframe|source|video|audio)\b[^>]*?\b(?:src|href)=\"([^\"]+)\"", html
        ):
            if tag == "link" and re.search(
                rf'<link[^>]*rel="(canonical|prev|next|alternate)"[^>]*href="{re.escape(attr)}"', html
            ):
                continue
            assert not re.match(r"^(https?:)?//", attr), f"{html_file}: <{tag}> loads {attr}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_thai_ui_with_fixed_updated_label(site: Path) -> None:
    html = page(site, "2568/o1")
    assert '<html lang="th"' in html
    import material
    from jinja2 import Environment, FileSystemLoader

    templates = Path(material.__file__).parent / "templates"
    env = Environment(loader=FileSystemLoader([str(REPO / "theme"), str(templates)]))
    lang = env.get_template("partials/languages/custom.html").module
    assert lang.t("source.file.date.updated") == "ปรับปรุงล่าสุด"  # Material says สร้าง
    # lunr's English pipeline: the index has its Thai words apart already (render/search.py)
    assert lang.t("search.config.lang") == "en"
    assert lang.t("toc") == "สารบัญ"


def test_thai_heading_slugs_keep_vowels_and_tone_marks(
    build_site: Callable[..., Path], tmp_path: Path
) -> None:
    content = tmp_path / "src"
    (content / "2568" / "o2").mkdir(parents=True)
    (content / "agency.yml").write_text(AGENCY, encoding="utf-8")
    (content / "2568" / "o2" / "index.md").write_text("## ข้อมูลผู้บริหารสูงสุด\n\nนายก\n", encoding="utf-8")
    site = build_site(content)
    assert 'id="ข้อมูลผู้บริหารสูงสุด"' in (site / "2568" / "o2" / "index.html").read_text(encoding="utf-8")


def test_agency_logo_is_published_and_shown(site: Path) -> None:
    assert (site / "assets" / "logo.svg").read_text(encoding="utf-8").startswith("<svg")
    assert 'src="assets/logo.svg"' in page(site, "")


def test_year_corrects_its_item_list_without_code(build_site: Callable[..., Path], tmp_path: Path) -> None:
    content = tmp_path / "src"
    (content / "2568").mkdir(parents=True)
    (content / "agency.yml").write_text(AGENCY, encoding="utf-8")
    (content / "2568" / "year.yml").write_text(
        "framework: ita-2568\n"
        "items:\n"
        "  O2: {title: ข้อมูลผู้บริหารและอำนาจหน้าที่}\n"
        "  O29: {title: ข้อเพิ่มเติมของปีนี้, requirements: [เอกสารตามที่ ป.ป.ช. กำหนด]}\n"
        "remove: [O7]\n",
        encoding="utf-8",
    )
    (content / "2569").mkdir()
    (content / "2569" / "year.yml").write_text(
        "framework: ita-2569\nreplace_items: true\n"
        "items:\n  O1: {title: โครงสร้าง}\n  O2: {title: ข้อมูลผู้บริหาร}\n",
        encoding="utf-8",
    )
    site = build_site(content)
    codes = [row["code"] for row in json.loads((site / "2568" / "oit.json").read_text(encoding="utf-8"))]
    assert len(codes) == 28 and "O7" not in codes and codes[-1] == "O29"
    assert "O2 ข้อมูลผู้บริหารและอำนาจหน้าที่" in site_text(page(site, "2568/o2"))
    assert "เอกสารตามที่ ป.ป.ช. กำหนด" in site_text(page(site, "2568/o29"))
    assert not (site / "2568" / "o7").exists()
    assert [r["code"] for r in json.loads((site / "2569" / "oit.json").read_text(encoding="utf-8"))] == [
        "O1",
        "O2",
    ]


def test_no_template_syntax_reaches_a_reader(site: Path) -> None:
    leaked = []
    for path in sorted(site.rglob("index.html")):
        text = site_text(path.read_text(encoding="utf-8"))
        leaked += [f"{path.relative_to(site)}: {m}" for m in re.findall(r"\{[{%#].{0,40}", text)]
    assert leaked == []


# A call like `{{ d.get(k) }}` or `{{ "{:,}".format(n) }}`: Jinja2 runs the Python method;
# MiniJinja, which Material's successor renders themes with, has none of them.
_METHOD_CALL = re.compile(r"[\w\])}'\"]\.(\w+)\(")
_MACROS = {"t"}  # lang.t(key): a macro of Material's language partial, not a Python method


def test_theme_templates_call_no_python_methods() -> None:
    calls = []
    for path in sorted((REPO / "theme").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for tag in re.findall(r"\{\{.*?\}\}|\{%.*?%\}", text, re.S):
            calls += [
                f"{path.relative_to(REPO)}: .{name}("
                for name in _METHOD_CALL.findall(tag)
                if name not in _MACROS
            ]
    assert calls == []
