"""Scores as pictures and the fiscal-year report, checked against the content they come from."""

from __future__ import annotations

import html
import io
import itertools
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import weasyprint
from conftest import REPO, build_content, example_repo
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from site_builder.load.content import load_site
from site_builder.model.site import Site
from site_builder.render import pdf, pdf_text
from site_builder.render.pages import STATUS_NAMES
from site_builder.render.pdf import report_html
from site_builder.render.typeset import PDF_VARIANT
from site_builder.thai import format_score

CONTENT = REPO / "content"


DRAWN = {"glyphs": 0, "dotted": 0}  # glyphs the PDFs drew, and how many of them were dotted circles


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site with its PDF reports, counting the glyphs they draw: a Thai mark
    laid out apart from its letter is drawn on a dotted circle (U+25CC)."""
    dotted: dict[int, int | None] = {}
    drawn_glyphs = pdf_text._drawn_glyphs

    def counting(stream, textbox, ffi, pango):  # type: ignore[no-untyped-def]
        glyphs = drawn_glyphs(stream, textbox, ffi, pango)
        for font, glyph, _ in glyphs:
            if id(font) not in dotted:
                ttfont = TTFont(io.BytesIO(font.file_content), fontNumber=font.index, lazy=True)
                name = (ttfont.getBestCmap() or {}).get(0x25CC)
                dotted[id(font)] = ttfont.getGlyphID(name) if name else None
            DRAWN["glyphs"] += 1
            DRAWN["dotted"] += glyph == dotted[id(font)]
        return glyphs

    # Typeset in this process (as on a one-core machine), where the count can see it.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_text, "_drawn_glyphs", counting)
        patch.setattr(pdf, "typesetter", pdf.InlineTypesetter)
        return build_content(tmp_path_factory.mktemp("report"), CONTENT, pdf=True)


def test_reports_typeset_beside_the_build_are_the_same_pdfs(built: Path, tmp_path: Path) -> None:
    # The usual build hands the reports to a worker process while it writes the pages.
    beside = build_content(tmp_path, CONTENT, pdf=True)
    for year in (2566, 2567, 2568):
        name = f"{year}/report/ita-{year}.pdf"
        assert (beside / name).read_bytes() == (built / name).read_bytes(), name


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
    scored = sorted(
        (fy for fy in site.years if fy.scores and fy.scores.overall is not None), key=lambda f: f.year
    )
    assert len(scored) >= 3
    for page, chart_id in (
        (built / "index.html", "chart-history-all"),
        (built / "2568/index.html", "chart-history-2568"),
        (built / "2568/index.html", "chart-history-2568-narrow"),
    ):
        svg = _svg(page.read_text(encoding="utf-8"), chart_id)
        texts = _svg_texts(svg)
        for fy in scored:
            assert format_score(fy.scores.overall) in texts, (chart_id, fy.year)
            assert str(fy.year) in texts and fy.scores.level in texts
            assert (
                f"ปีงบประมาณ {fy.year}: {format_score(fy.scores.overall)} ระดับ{fy.scores.level}" in svg
            )  # <desc>
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


@pytest.mark.parametrize(
    ("suffix", "bar_x", "scale", "height"),
    [("", "238", 3.6, 18), ("-narrow", "0", 2.68, 14)],
    ids=["wide", "narrow"],
)
def test_indicator_chart_has_each_score_last_years_and_the_change(
    built: Path, site: Site, suffix: str, bar_x: str, scale: float, height: int
) -> None:
    # Both drawings (the page shows the one that fits: a phone's puts each label above its
    # bar) carry every score, last year's and the change.
    fy, before = site.year(2568), site.year(2567)
    chart_id = f"chart-indicators-2568{suffix}"
    svg = _svg((built / "2568/index.html").read_text(encoding="utf-8"), chart_id)
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
        # The bar's length is its score.
        length = f"{value * scale:.1f}".rstrip("0").rstrip(".")
        assert re.search(
            rf'<rect x="{bar_x}" y="[\d.]+" width="{length}" height="{height}" '
            rf'fill="(?:#0072b2|url\(#{chart_id}-hatch\))"',
            svg,
        ), number
    # The pass line, dashed, at 85 on the same scale.
    x85 = f"{float(bar_x) + 85 * scale:.1f}".rstrip("0").rstrip(".")
    assert re.search(rf'<line x1="{x85}" y1="[\d.]+" x2="{x85}" [^>]*stroke-dasharray="5 3"', svg)
    assert "85" in texts


def test_questions_below_the_pass_mark_are_marked_and_link_to_their_measures(built: Path, site: Site) -> None:
    fy = site.year(2568)
    page = (built / "2568/index.html").read_text(encoding="utf-8")
    svg = _svg(page, "chart-questions-2568")
    below = {code: v for code, v in fy.result.questions.items() if v is not None and v < fy.scoring.pass_mark}
    assert below, "the example has questions below 85"
    for code, value in fy.result.questions.items():
        marked = f"▼ {format_score(value)}"
        assert (marked in _svg_texts(svg)) == (code in below)
    table = re.search(r'<table class="oit-questions">.*?</table>', page, re.S).group(0)
    for code in below:
        measures = [m for m in fy.measures.measures if code in m.addresses]
        assert measures, code
        # The chart says a measure answers the question; the table's row links to it (a
        # picture's parts are not links: a reader tabbing through meets each link once).
        assert re.search(
            rf'<g class="oit-chart__row oit-chart__row--below"><title>ข้อ {code}\b[^<]*</title>'
            r"(?:(?!</g>).)*>มีมาตรการ</text>",
            svg,
            re.S,
        ), code
        row = re.search(rf'<tr id="q-{code}"[^>]*>.*?</tr>', table, re.S).group(0)
        assert f'href="#measure-{measures[0].id}"' in row
        assert f'id="measure-{measures[0].id}"' in page
    assert "<a " not in svg
    # Charts are pictures with a name and a description, and load nothing.
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert not re.search(r'(?:href|src)="(?:https?:)?//', svg)


def _as_drawn(text: str) -> re.Pattern[str]:
    """The text as a PDF reader gives it back: every character and space as written, and a
    line break where the page broke the line, in place of a space or between two letters
    (Thai has no spaces between words). Runs of white space count as one, as in HTML."""
    pieces = ["[ \n]" if character == " " else re.escape(character) for character in " ".join(text.split())]
    return re.compile("(?: ?\n)?".join(pieces))


def _pdf_text(path: Path) -> tuple[list[str], str]:
    pages = [page.extract_text() for page in PdfReader(path).pages]
    return pages, "\n".join(pages)


def _on_a_page(pages: list[str], text: str) -> bool:
    """The text is on a page as written, or runs from the end of one page on to the next (a
    table row taller than what is left of its page is split, its header repeated)."""
    text = " ".join(text.split())
    return any(_as_drawn(text).search(page) for page in pages) or any(
        _as_drawn(text[:k]).search(page) and _as_drawn(text[k:]).search(after)
        for page, after in itertools.pairwise(pages)
        for k in range(1, len(text))
        if text[k - 1] != " " and text[k] != " "
    )


@pytest.mark.parametrize("year", [2566, 2567, 2568])
def test_pdf_report_holds_every_measure_and_progress_row_as_written(
    built: Path, site: Site, year: int
) -> None:
    fy = site.year(year)
    pdf = built / f"{year}/report/ita-{year}.pdf"
    assert pdf.is_file()
    pages = _pdf_text(pdf)[0]
    fields = []
    for m in fy.measures.measures:
        fields += [m.topic, *m.actions, *m.responsible, *m.steps, *m.follow_up]
    for entry in fy.progress.entries:
        fields += [*entry.done, *entry.summary, *entry.outcome]
    assert len(fields) > 10
    # The rows hold what goes wrong in a PDF's Thai: SARA AM (drawn as two glyphs), after a
    # tone mark too, and a tone mark over a lower vowel (drawn in the other order).
    assert any("ำ" in f for f in fields) and any(re.search("[่-๋]ำ", f) for f in fields)
    assert any(re.search("[ุู][่-๋]", f) for f in fields)
    missing = [f for f in fields if not _on_a_page(pages, f)]
    assert missing == []
    for limitation in fy.analysis.limitations.items if fy.analysis else []:
        assert _on_a_page(pages, limitation)
    # The agency and the fiscal year head every page, which is numbered.
    for number, page in enumerate(pages, start=1):
        assert _as_drawn(site.agency.name).search(page), number
        assert _as_drawn(f"รายงาน ITA ปีงบประมาณ พ.ศ. {year}").search(page), number
        assert _as_drawn(f"หน้า {number} จาก {len(pages)}").search(page)


def test_pdf_charts_lay_thai_out_whole(built: Path) -> None:
    # The charts' labels (SVG text) are in the PDFs, drawn with their marks on their letters.
    text = _pdf_text(built / "2568/report/ita-2568.pdf")[1]
    assert _as_drawn("ผ่านดีเยี่ยม").search(text) and _as_drawn("ต้องปรับปรุงโดยด่วน").search(text)
    assert DRAWN["glyphs"] > 5000
    assert DRAWN["dotted"] == 0


HARD_THAI = [
    "น้ำประปา",
    "ซ้ำซ้อน",
    "กำกับดูแล",
    "คู่มือ",
    "ญี่ปุ่น",
    "ปู่ย่า",
    "ฝุ่นละออง",
    "ปั้นดินเผา",
    "ตั้งแต่",
    "ฟ้าผ่า",
    "ปี่พาทย์",
    "ฤๅษี",
    "ฦๅ",
    "เบี้ยยังชีพ",
    "สำนักปลัดเทศบาล",
    "ศูนย์พัฒนาเด็กเล็ก",
    "ก\u0e48\u0e38ม",  # a tone mark typed before its lower vowel (not Unicode's order)
    "ปีงบประมาณ ๒๕๖๘",
    "E-Service official",
    "95.29 คะแนน",
]


def test_pdf_text_reads_back_as_written_in_tables_and_charts(tmp_path: Path, site: Site) -> None:
    rows = "".join(f"<tr><td>{i}</td><td>{word}</td></tr>" for i, word in enumerate(HARD_THAI))
    labels = "".join(f'<text x="10" y="{24 * (i + 1)}">{word}</text>' for i, word in enumerate(HARD_THAI))
    body = (
        f"<table><thead><tr><th>ที่</th><th>ข้อความ</th></tr></thead><tbody>{rows}</tbody></table>"
        f'<svg width="400" height="{24 * len(HARD_THAI) + 10}" font-size="16">{labels}</svg>'
    )
    target = tmp_path / "thai.pdf"
    with pdf_text.thai_text(weasyprint):
        weasyprint.HTML(string=report_html(site, site.year(2568), body, None)).write_pdf(
            target, pdf_variant=PDF_VARIANT
        )
    text = _pdf_text(target)[1]
    for word in HARD_THAI:
        drawn = _as_drawn(word).findall(text)
        assert len(drawn) == 2, (word, drawn)  # the table's cell and the chart's label


def test_pdf_report_is_in_the_thai_order_with_fonts_embedded_and_headers_repeated(
    built: Path, site: Site
) -> None:
    pdf = built / "2568/report/ita-2568.pdf"
    pages, text = _pdf_text(pdf)
    order = ["1. ผลการประเมิน ITA 2568", "2. การวิเคราะห์", "3. มาตรการ", "4. รายงาน", "5. ข้อจ", "ลงชื่อ"]
    found = [_as_drawn(h).search(text) for h in order]
    assert all(found), order
    positions = [match.start() for match in found if match]
    assert positions == sorted(positions), positions
    reader = PdfReader(pdf)
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)[
                "/FontDescriptor"
            ].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
    # A progress table that runs from one page onto the next has its header on each.
    header = _as_drawn("สรุปผลการดำเนินการตามมาตรการ")
    spanning = 0
    for year in (2566, 2567, 2568):
        pages, _ = _pdf_text(built / f"{year}/report/ita-{year}.pdf")
        last = _as_drawn(" ".join(site.year(year).progress.entries[-1].summary[-1].split())[-15:])
        heading_page = next(i for i, p in enumerate(pages) if _as_drawn("4. รายงาน").search(p))
        # The table starts on its heading's page, or on the next after the heading and intro.
        first_page = next(i for i in range(heading_page, len(pages)) if header.search(pages[i]))
        assert first_page - heading_page <= 1, year
        last_page = next(i for i, p in enumerate(pages) if last.search(p))
        assert all(header.search(pages[i]) for i in range(first_page, last_page + 1)), year
        spanning += last_page > first_page
    assert spanning, "one of the example's progress tables spans pages"


def _pdfinfo(*args: str) -> str:
    """Poppler's pdfinfo, as the webmaster or a validator runs it (.ci/run installs it)."""
    command = shutil.which("pdfinfo")
    if command is None:
        message = "pdfinfo is missing: apt-get install poppler-utils"
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return subprocess.run([command, *args], capture_output=True, text=True, check=True).stdout


XMP = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}


@pytest.mark.parametrize("year", [2566, 2567, 2568])
def test_pdf_report_is_tagged_with_its_title_and_language(built: Path, site: Site, year: int) -> None:
    pdf = built / f"{year}/report/ita-{year}.pdf"
    title = f"{site.agency.name} · รายงาน ITA ปีงบประมาณ พ.ศ. {year}"
    info = dict(line.split(":", 1) for line in _pdfinfo(pdf.as_posix()).splitlines())
    info = {key: value.strip() for key, value in info.items()}
    assert info["Tagged"] == "yes"
    assert info["Title"] == title
    assert info["Author"] == site.agency.name
    assert info["Metadata Stream"] == "yes"
    # The XMP metadata: PDF/UA-1, the title and the agency.
    meta = ElementTree.fromstring(_pdfinfo("-meta", pdf.as_posix()).split("?>", 1)[1].rsplit("<?", 1)[0])
    part = f"{{{XMP['pdfuaid']}}}part"
    assert [d.get(part) for d in meta.findall("rdf:RDF/rdf:Description", XMP) if part in d.attrib] == ["1"]
    assert [li.text for li in meta.findall("rdf:RDF/rdf:Description/dc:title/rdf:Alt/rdf:li", XMP)] == [title]
    assert [li.text for li in meta.findall("rdf:RDF/rdf:Description/dc:creator/rdf:Seq/rdf:li", XMP)] == [
        site.agency.name
    ]
    # pdfinfo does not print the document's language: it is the catalog's /Lang, which a
    # screen reader reads the text in; and a reader's window shows the title, not the file name.
    catalog = PdfReader(pdf).trailer["/Root"]
    assert catalog["/Lang"] == "th"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert catalog["/MarkInfo"]["/Marked"].value is True
    # The structure a screen reader follows has the report's headings, in its order.
    page = (built / f"{year}/report/index.html").read_text(encoding="utf-8")
    article = re.search(r"<article\b.*?</article>", page, re.S)
    assert article is not None
    headings = [h.upper() for h in re.findall(r"<(h[1-6])\b", article.group(0))]
    structure = _pdfinfo("-struct", pdf.as_posix())
    assert re.findall(r"^\s*(H[1-6]) \(block\)$", structure, re.M) == headings
    assert len(headings) > 10


def test_report_page_links_the_pdf_and_is_linked_from_the_year(built: Path) -> None:
    year_page = (built / "2568/index.html").read_text(encoding="utf-8")
    assert 'href="report/"' in year_page and 'href="report/ita-2568.pdf"' in year_page
    report = (built / "2568/report/index.html").read_text(encoding="utf-8")
    assert 'href="ita-2568.pdf"' in report
    assert "https://www.example.go.th/ita/2568/report/ita-2568.pdf" in (built / "sitemap.xml").read_text(
        encoding="utf-8"
    )


def test_an_unchanged_report_is_not_typeset_again(tmp_path: Path) -> None:
    first = build_content(tmp_path, CONTENT, pdf=True) / "2568/report/ita-2568.pdf"
    made = first.read_bytes()
    cache = list((tmp_path / "repo/.cache/oit-site/pdf").glob("*.pdf"))
    assert len(cache) == 3
    second = build_content(tmp_path, CONTENT, pdf=True) / "2568/report/ita-2568.pdf"
    assert second.read_bytes() == made
    assert len(list((tmp_path / "repo/.cache/oit-site/pdf").glob("*.pdf"))) == 3


def test_the_report_builds_with_its_thai_font_on_a_machine_without_one(tmp_path: Path) -> None:
    """A new user's machine may have no Thai font at all: the PDF takes Sarabun from the
    Python install (fontpkg-sarabun) and embeds it."""
    import os
    import shutil
    import subprocess
    import sys

    root = example_repo(tmp_path / "repo", pdf=True)
    empty = tmp_path / "fonts.conf"
    empty.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n', encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(empty), "NO_MKDOCS_2_WARNING": "1"}
    fc_list = shutil.which("fc-list")
    if fc_list:  # fontconfig sees no Thai font here
        listed = subprocess.run([fc_list, ":lang=th"], capture_output=True, text=True, env=env, check=False)
        assert listed.stdout.strip() == ""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert "No fonts configured" not in result.stderr  # nothing to worry the editor
    reader = PdfReader(root / "site" / "2568" / "report" / "ita-2568.pdf")
    used = {
        str(font["/BaseFont"]).split("+")[-1]: font
        for page in reader.pages
        for font in (
            ref.get_object() for ref in page["/Resources"].get_object()["/Font"].get_object().values()
        )
    }
    assert {"Sarabun", "Sarabun-Bold"} <= set(used), set(used)
    descriptor = used["Sarabun"]["/DescendantFonts"][0].get_object()["/FontDescriptor"]
    assert "/FontFile2" in descriptor.get_object()  # embedded, not referenced
    # Every character is in the font (a missing one prints as an empty box), and the text,
    # bold included (headings, the agency, status labels), reads back as written.
    assert all(font["/Encoding"] == "/Identity-H" for font in used.values())
    pages = [page.extract_text() for page in reader.pages]
    site = load_site(root / "content", root)
    assert _as_drawn(site.agency.name).search(pages[0])
    assert _as_drawn("1. ผลการประเมิน ITA 2568").search(pages[0])
    statuses = {entry.status for entry in site.year(2568).progress.entries}
    assert len(statuses) == 3
    for status in statuses:
        assert any(_as_drawn(STATUS_NAMES[status]).search(page) for page in pages), status


def test_a_report_the_worker_cannot_typeset_fails_the_build_with_a_message(tmp_path: Path) -> None:
    """The typesetting worker's failure reaches the editor as a message, not a traceback,
    and the last good site/ stays as it was."""
    import os

    from conftest import MKDOCS_ENV, run_mkdocs

    root = example_repo(tmp_path / "repo", pdf=True)
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("last good build", encoding="utf-8")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "weasyprint.py").write_text(
        "raise ImportError('libpango-1.0.so.0: not found')\n", encoding="utf-8"
    )
    path = os.pathsep.join(p for p in (str(broken), MKDOCS_ENV.get("PYTHONPATH", "")) if p)
    done = run_mkdocs(root, env={**MKDOCS_ENV, "PYTHONPATH": path})
    assert done.returncode != 0
    assert "สร้าง PDF ไม่ได้: โหลด WeasyPrint ไม่สำเร็จ" in done.stderr
    assert "libpango-1.0.so.0: not found" in done.stderr
    assert "pdf: false" in done.stderr  # what to write instead
    assert "Traceback" not in done.stderr
    assert (root / "site" / "index.html").read_text(encoding="utf-8") == "last good build"


def test_a_worker_that_dies_with_a_report_unread_leaves_the_build_free_to_exit(tmp_path: Path) -> None:
    """The report waiting in the pipe to a dead worker must not hold the build open."""
    import subprocess
    import sys

    script = tmp_path / "dies.py"
    script.write_text(
        "from pathlib import Path\n"
        "from site_builder.render.pdf import Typesetter\n"
        "from site_builder.render.typeset import PdfError, ReportJob\n"
        "if __name__ == '__main__':\n"
        "    worker = Typesetter()\n"
        "    worker.process.terminate()\n"
        "    worker.process.join()\n"
        f"    here = Path({str(tmp_path)!r})\n"
        "    worker.submit(ReportJob(2568, 'x' * 5_000_000, here / 'r.pdf', here.as_uri(), here, None, {}))\n"
        "    try:\n"
        "        worker.finish()\n"
        "    except PdfError as exc:\n"
        "        print(exc)\n",
        encoding="utf-8",
    )
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "โปรแกรมสร้าง PDF หยุดทำงาน (the typesetting process died)" in done.stdout
