"""Scores as pictures and the fiscal-year report, checked against the content they come from."""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from site_builder.load.content import Site, load_site
from site_builder.thai import format_score
from tests.conftest import REPO, build_content

CONTENT = REPO / "content"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_content(tmp_path_factory.mktemp("report"), CONTENT, pdf=True)


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(CONTENT, REPO)


def _svg(page: str, chart_id: str) -> str:
    match = re.search(rf'<svg[^>]*id="{chart_id}".*?</svg>', page, re.S)
    assert match, f"no chart {chart_id}"
    return html.unescape(match.group(0))


def _svg_texts(svg: str) -> list[str]:
    return [t.strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def test_history_chart_draws_every_year_score_and_level_with_the_pass_line(built: Path, site: Site) -> None:
    scored = sorted((fy for fy in site.years if fy.scores and fy.scores.overall is not None), key=lambda f: f.year)
    assert len(scored) >= 3
    for page, chart_id in ((built / "index.html", "chart-history-all"), (built / "2568/index.html", "chart-history-2568")):
        svg = _svg(page.read_text(encoding="utf-8"), chart_id)
        texts = _svg_texts(svg)
        for fy in scored:
            assert format_score(fy.scores.overall) in texts, (chart_id, fy.year)
            assert str(fy.year) in texts and fy.scores.level in texts
            assert f"ปีงบประมาณ {fy.year}: {format_score(fy.scores.overall)} ระดับ{fy.scores.level}" in svg  # <desc>
        assert "85" in texts  # the pass line's label
        assert 'stroke-dasharray="5 3"' in svg
        # The point of each year sits at its score: 0–100 mapped onto the plot, higher is up.
        ys = [float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg)]
        order = sorted(range(len(scored)), key=lambda i: scored[i].scores.overall)
        assert sorted(ys, reverse=True) == [ys[i] for i in order]
    year_page = (built / "2568/index.html").read_text(encoding="utf-8")
    table = re.search(r'<table class="oit-history">.*?</table>', year_page, re.S).group(0)
    for fy in scored:
        assert format_score(fy.scores.overall) in table


def test_indicator_chart_has_each_score_last_years_and_the_change(built: Path, site: Site) -> None:
    fy, before = site.year(2568), site.year(2567)
    svg = _svg((built / "2568/index.html").read_text(encoding="utf-8"), "chart-indicators-2568")
    texts = _svg_texts(svg)
    assert {"IIT การรับรู้ภายใน", "EIT การรับรู้ภายนอก", "OIT การเปิดเผยข้อมูล"} <= set(texts)
    for number, value in fy.result.indicators.items():
        indicator = fy.framework.indicator(number)
        assert f"{number} {indicator.title}" in texts
        shown = ("▼ " if value < fy.scoring.pass_mark else "") + format_score(value)
        assert shown in texts
        previous = before.result.indicators[number]
        assert f"ปีก่อน {format_score(previous)}" in svg
        assert f"{value - previous:+.2f}".replace("-", "−") in texts
        # The bar's length is its score: 3.6 px a point.
        length = f"{value * 3.6:.1f}".rstrip("0").rstrip(".")
        assert re.search(rf'<rect x="238" y="[\d.]+" width="{length}" height="18" fill="(?:#0072b2|url\(#chart-indicators-2568-hatch\))"', svg), number


def test_questions_below_the_pass_mark_are_marked_and_link_to_their_measures(built: Path, site: Site) -> None:
    fy = site.year(2568)
    page = (built / "2568/index.html").read_text(encoding="utf-8")
    svg = _svg(page, "chart-questions-2568")
    below = {code: v for code, v in fy.result.questions.items() if v is not None and v < fy.scoring.pass_mark}
    assert below, "the example has questions below 85"
    for code, value in fy.result.questions.items():
        marked = f"▼ {format_score(value)}"
        assert (marked in _svg_texts(svg)) == (code in below)
    for code in below:
        measures = [m for m in fy.measures.measures if code in m.addresses]
        assert measures, code
        link = f'href="#measure-{measures[0].id}"'
        assert re.search(rf'<a {link}><g class="oit-chart__row oit-chart__row--below"><title>ข้อ {code}\b', svg)
        assert f'id="measure-{measures[0].id}"' in page
    # Charts are pictures with a name and a description, and load nothing.
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert not re.search(r'(?:href|src)="(?:https?:)?//', svg)


def _canonical(text: str) -> str:
    """The same Thai text however it is encoded: white space dropped, marks in Unicode's
    canonical order (NFC), SARA AM as the NIKHAHIT + SARA AA every shaping engine draws
    (NIKHAHIT before a tone mark, as drawn)."""
    text = unicodedata.normalize("NFC", re.sub(r"\s+", "", html.unescape(text)))
    return re.sub(r"([\u0e48-\u0e4b]?)\u0e33", "\u0e4d\\1\u0e32", text)


def _pdf_text(path: Path) -> tuple[list[str], str]:
    pages = [page.extract_text() for page in PdfReader(path).pages]
    return pages, _canonical("".join(pages))


@pytest.mark.parametrize("year", [2566, 2567, 2568])
def test_pdf_report_holds_every_measure_and_progress_row_as_written(built: Path, site: Site, year: int) -> None:
    fy = site.year(year)
    pdf = built / f"{year}/report/ita-{year}.pdf"
    assert pdf.is_file()
    pages, text = _pdf_text(pdf)
    fields = []
    for m in fy.measures.measures:
        fields += [m.topic, *m.actions, *m.responsible, *m.steps, *m.follow_up]
    for entry in fy.progress.entries:
        fields += [*entry.done, *entry.summary, *entry.outcome]
    assert len(fields) > 10
    missing = [f for f in fields if _canonical(f) not in text]
    assert missing == []
    for limitation in fy.analysis.limitations if fy.analysis else []:
        assert _canonical(limitation) in text
    # The agency and the fiscal year head every page, which is numbered.
    for number, page in enumerate(pages, start=1):
        assert _canonical(site.agency.name) in _canonical(page), number
        assert _canonical(f"รายงาน ITA ปีงบประมาณ พ.ศ. {year}") in _canonical(page), number
        assert _canonical(f"หน้า {number} จาก {len(pages)}") in _canonical(page)


def test_pdf_report_is_in_the_thai_order_with_fonts_embedded_and_headers_repeated(built: Path, site: Site) -> None:
    pdf = built / "2568/report/ita-2568.pdf"
    pages, text = _pdf_text(pdf)
    order = ["1.ผลการประเมินITA2568", "2.การวิเคราะห์", "3.มาตรการ", "4.รายงาน", "5.ข้อจ", "ลงชื่อ"]
    positions = [text.find(_canonical(h)) for h in order]
    assert -1 not in positions and positions == sorted(positions), positions
    reader = PdfReader(pdf)
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
    # The progress table runs from its heading's page onto the next: its header is on each.
    header = _canonical("สรุปผลการดำเนินการตามมาตรการ")
    last = _canonical(site.year(2568).progress.entries[-1].summary[-1])
    canon = [_canonical(p) for p in pages]
    first_page = next(i for i, p in enumerate(canon) if "4.รายงาน" in p)
    last_page = next(i for i, p in enumerate(canon) if last[-15:] in p)
    assert last_page > first_page, "the example's progress table spans pages"
    assert all(header in canon[i] for i in range(first_page, last_page + 1))


def test_report_page_links_the_pdf_and_is_linked_from_the_year(built: Path) -> None:
    year_page = (built / "2568/index.html").read_text(encoding="utf-8")
    assert 'href="report/"' in year_page and 'href="report/ita-2568.pdf"' in year_page
    report = (built / "2568/report/index.html").read_text(encoding="utf-8")
    assert 'href="ita-2568.pdf"' in report
    assert "https://www.example.go.th/ita/2568/report/ita-2568.pdf" in (built / "sitemap.xml").read_text(encoding="utf-8")


def test_an_unchanged_report_is_not_typeset_again(tmp_path: Path) -> None:
    first = build_content(tmp_path, CONTENT, pdf=True) / "2568/report/ita-2568.pdf"
    made = first.read_bytes()
    cache = list((tmp_path / "repo/.cache/oit-site/pdf").glob("*.pdf"))
    assert len(cache) == 3
    second = build_content(tmp_path, CONTENT, pdf=True) / "2568/report/ita-2568.pdf"
    assert second.read_bytes() == made
    assert len(list((tmp_path / "repo/.cache/oit-site/pdf").glob("*.pdf"))) == 3
