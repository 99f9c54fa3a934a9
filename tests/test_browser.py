"""In a real browser: every answer-sheet URL, Thai search, phones, print, no outside requests.

Playwright drives Debian's Chromium (/usr/bin/chromium; Playwright cannot download its
own browser here) against the example site built in a temporary folder and served on
loopback. Outside CI, without Chromium these tests are skipped with one line saying how
to install it; under CI (CI set) a missing browser fails them.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

import pytest
from conftest import REPO, build_content, comparable

CHROMIUM = os.environ.get("OIT_CHROMIUM", "/usr/bin/chromium")
SITE_URL = "https://www.example.go.th/ita/"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: .ci/run installs it (apt-get install chromium)", pytrace=False)
    pytest.skip(
        "Chromium not found: apt-get install chromium (browser tests skipped)", allow_module_level=True
    )

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402
from playwright.sync_api import TimeoutError as PlaywrightTimeout  # noqa: E402

# Thai words taken from inside phrases of the example content, and the page each must find.
THAI_WORDS: list[tuple[str, str]] = [
    ("ผู้บริหาร", "2568/o2/"),  # ข้อมูลผู้บริหาร
    ("จัดซื้อจัดจ้าง", "2568/o12/"),  # รายการการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ
    ("สายรุ้ง", ""),  # เทศบาลตำบลบ้านสายรุ้ง
    ("ประชาคม", "2567/o43/"),  # จัดประชาคมหมู่บ้าน 12 หมู่บ้าน
    ("ทรัพย์สิน", "2568/"),  # การใช้ทรัพย์สินของราชการ
    ("สถิติ", "2568/o11/"),  # ข้อมูลสถิติการให้บริการ
    ("ร้องเรียน", "2568/o18/"),  # ช่องทางแจ้งเรื่องร้องเรียนการทุจริต
    ("จริยธรรม", "2568/o16/"),  # ประมวลจริยธรรมและการขับเคลื่อนจริยธรรม
    ("แผนผัง", "2568/o1/"),  # แผนผังโครงสร้างการแบ่งส่วนราชการ
    ("ภาษี", "2568/o4/"),  # การรับชำระภาษีที่ดินและสิ่งปลูกสร้าง
    ("ความพึงพอใจ", "2567/o17/"),  # รายงานผลการสำรวจความพึงพอใจการให้บริการ
    ("ไฟฟ้า", "2568/o10/"),  # แจ้งซ่อมไฟฟ้าสาธารณะ
    ("สินบน", "2568/o23/"),  # การประเมินความเสี่ยงที่อาจเกิดการให้หรือรับสินบน
    ("ยังชีพ", "2568/o9/"),  # การขึ้นทะเบียนรับเบี้ยยังชีพผู้สูงอายุ
    ("ประชาสัมพันธ์", "2568/o4/"),  # ข่าวประชาสัมพันธ์
    ("กฎหมาย", "2567/o6/"),  # กฎหมายที่เกี่ยวข้อง
    ("โครงสร้าง", "2568/o1/"),  # โครงสร้างและอำนาจหน้าที่
    ("ส่วนได้ส่วนเสีย", "2568/"),  # แบบวัดการรับรู้ของผู้มีส่วนได้ส่วนเสียภายใน
    ("คุ้มครอง", "2567/o10/"),  # นโยบายคุ้มครองข้อมูลส่วนบุคคล
    ("ขอยืม", "2568/"),  # การขอยืมทรัพย์สินของราชการ
    ("ทะเบียน", "2568/o9/"),  # การขึ้นทะเบียนรับเบี้ยยังชีพผู้สูงอายุ
    ("ของขวัญ", "2567/o31/"),  # นโยบายไม่รับของขวัญและของกำนัล
    ("ยุทธศาสตร์", "2568/o5/"),  # แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน
    ("ผู้สูงอายุ", "2568/o9/"),  # เบี้ยยังชีพผู้สูงอายุ
]
OTHER_QUERIES: list[tuple[str, str]] = [
    ("O12", "2568/o12/"),
    ("o12", "2568/o12/"),
    ("E-Service", "2568/o10/"),
    ("2568", "2568/"),
    ("๒๕๖๘", "2568/"),  # Thai digits find what Arabic ones find
    ("94.29", "2568/"),  # a score in the result table
]
FIRST_RESULTS = 10


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_content(tmp_path_factory.mktemp("browser"), REPO / "content")


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    """A built site served on loopback: its address."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def base(site: Path) -> Iterator[str]:
    with served(site) as address:
        yield address


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


class Visit:
    """A browser page that records console errors and every request off loopback.

    Requests are watched, not intercepted: routing every request through the test process
    doubles the time of each page load. (This machine reaches no other host anyway; a
    request to one is a failure whether or not it is answered.)"""

    def __init__(self, browser: Browser, **options: Any) -> None:
        self.context = browser.new_context(**options)
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", self._request)
        self.page: Page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _request(self, request: Any) -> None:
        host = urlparse(request.url).hostname
        if host not in ("127.0.0.1", "localhost") and not request.url.startswith(("data:", "blob:")):
            self.outside.append(request.url)

    def close(self) -> None:
        self.context.close()


def local(url: str, base: str) -> str:
    return base + url.removeprefix(SITE_URL)


def test_every_answer_sheet_url_opens_with_code_title_and_year(
    site: Path, base: str, browser: Browser
) -> None:
    # What the assessor checks is in the page's HTML: the pages are opened without their
    # scripts (which other tests run on every page type), a third of the time each.
    visit = Visit(browser, java_script_enabled=False)
    opened = 0
    for sheet in sorted(site.glob("*/oit.json")):
        year = sheet.parent.name
        for row in json.loads(sheet.read_text(encoding="utf-8")):
            response = visit.page.goto(local(row["url"], base), wait_until="domcontentloaded")
            assert response is not None and response.ok, row["url"]
            heading = visit.page.locator("article h1").inner_text()
            assert heading.startswith(row["code"]) and row["title"] in heading, row
            assert f"พ.ศ. {year}" in visit.page.locator(".oit-facts").inner_text()
            opened += 1
    assert opened == 28 + 43 + 43
    assert visit.errors == []
    assert visit.outside == []
    visit.close()


def search(visit: Visit, base: str, query: str) -> list[str]:
    """The first pages the site's search lists for ``query``: on the home page, with the
    search opened once and emptied before each further query (as a reader does)."""
    box = visit.page.locator("input[data-md-component=search-query]")
    if visit.page.url != base:
        visit.page.goto(base)
        visit.page.locator("label.md-search__icon, .md-search__input").first.click()
    else:
        box.fill("")
        box.press("End")
    # Type only once the search has loaded its index, or dropped the last query's results
    # (the line shows the placeholder).
    visit.page.wait_for_function(
        "() => ((document.querySelector('.md-search-result__meta') || {}).textContent || '').trim()"
        " === 'พิมพ์คำที่ต้องการค้นหา'",
        timeout=15_000,
    )
    # The whole query at once: typed letter by letter, the results of a shorter query ("E"
    # of "E-Service") could arrive last and be read as the answer. Material reads the
    # query on a key-up, which a person's keyboard sends and filling the box does not.
    box.fill(query)
    box.press("End")
    # The count line says "พบ …" (found) or "ไม่พบ…" (none) once the results for the query are in.
    visit.page.wait_for_function(
        "() => /^(ไม่)?พบ/.test("
        "((document.querySelector('.md-search-result__meta') || {}).textContent || '').trim())",
        timeout=15_000,
    )
    links = visit.page.locator(".md-search-result__item > .md-search-result__link").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    pages: list[str] = []
    for link in links:
        path = urlparse(urljoin(visit.page.url, link)).path.lstrip("/")
        if path not in pages:
            pages.append(path)
    return pages[:FIRST_RESULTS]


def test_thai_words_inside_phrases_are_found(
    base: str, browser: Browser, capsys: pytest.CaptureFixture[str]
) -> None:
    visit = Visit(browser)
    found, missed = 0, []
    for word, page in THAI_WORDS + OTHER_QUERIES:
        try:
            results = search(visit, base, word)
        except PlaywrightTimeout:
            meta = visit.page.locator(".md-search-result__meta").text_content()
            results = [f"(no answer from the search: {meta!r})"]
        if page in results:
            found += 1
        else:
            missed.append(f"{word} → {page or '/'} not in {results}")
    total = len(THAI_WORDS) + len(OTHER_QUERIES)
    with capsys.disabled():
        print(
            f"\nThai search recall: {found}/{total} = {found / total:.0%} "
            f"({len(THAI_WORDS)} Thai words, {len(OTHER_QUERIES)} codes and numbers)"
        )
    assert missed == [], "\n".join(missed)
    assert visit.outside == [] and visit.errors == []
    visit.close()


PHONE_PAGES = ["", "2568/", "2567/", "2566/", "2568/o1/", "2567/o43/", "2568/o27/"]


def test_phone_sized_pages_do_not_scroll_sideways(base: str, browser: Browser) -> None:
    visit = Visit(browser, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    for path in PHONE_PAGES:
        visit.page.goto(base + path)
        overflow = visit.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"/{path} scrolls sideways by {overflow}px"
        boxes = visit.page.evaluate(
            "[...document.querySelectorAll('.oit-table')].map(b => ({over: getComputedStyle(b).overflowX,"
            " right: b.getBoundingClientRect().right, table: b.querySelector('table').className}))"
        )
        for box in boxes:
            assert box["over"] == "auto", box  # a wide table scrolls inside its own box
            assert box["right"] <= 360, box
    visit.page.goto(base + "2568/")
    tables = visit.page.evaluate("[...document.querySelectorAll('.oit-table table')].map(t => t.className)")
    assert {"oit-tools", "oit-indicators", "oit-measures", "oit-progress", "oit-items"} <= set(tables)
    # the drawer's navigation reaches every fiscal year
    visit.page.locator("label.md-header__button[for=__drawer]").click()
    visit.page.wait_for_timeout(400)
    nav = visit.page.locator("nav.md-nav--primary").inner_text()
    for year in ("2566", "2567", "2568"):
        assert f"ปีงบประมาณ {year}" in nav
    assert visit.outside == [] and visit.errors == []
    visit.close()


def test_year_page_printed_to_pdf_keeps_every_table_row(base: str, browser: Browser, site: Path) -> None:
    from pypdf import PdfReader

    visit = Visit(browser)
    visit.page.goto(base + "2567/")
    visit.page.emulate_media(media="print")
    pdf = visit.page.pdf(format="A4", print_background=True)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = comparable(text)
    html = (site / "2567" / "index.html").read_text(encoding="utf-8")
    # Each row by the start of its first two cells: PDF text runs line by line across columns.
    rows = visit.page.evaluate(
        "[...document.querySelectorAll('table.oit-indicators tbody tr, table.oit-measures tbody tr,"
        " table.oit-progress > tbody > tr, table.oit-items tbody tr')]"
        ".map(r => [r.cells[0].innerText.split('\\n')[0], r.cells[1].innerText.split('\\n')[0]])"
    )
    assert len(rows) == 10 + 3 + 4 + 43 and "oit-items" in html
    missing = [
        row for row in rows if comparable(row[0])[:16] not in flat or comparable(row[1])[:10] not in flat
    ]
    assert missing == []
    visit.close()


def test_the_reports_running_header_is_for_paper(base: str, browser: Browser) -> None:
    # On screen the agency's name and the report's title are not run together above the
    # report; on paper they head the page, apart, the name at the left and the report at the right.
    visit = Visit(browser, viewport={"width": 1280, "height": 900})
    visit.page.goto(base + "2568/report/")
    running = visit.page.locator(".oit-running")
    assert running.is_visible() is False
    visit.page.emulate_media(media="print")
    assert running.is_visible() is True
    boxes = [span.bounding_box() for span in running.locator("span").all()]
    assert [span.inner_text() for span in running.locator("span").all()] == [
        "เทศบาลตำบลบ้านสายรุ้ง",
        "รายงาน ITA ปีงบประมาณ พ.ศ. 2568",
    ]
    name, title = boxes
    assert name is not None and title is not None and name["x"] + name["width"] < title["x"]
    visit.close()


AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}


def test_the_header_buttons_are_plain_labels_a_keyboard_reaches(base: str, browser: Browser) -> None:
    # Material's menu and search buttons are <label>s; ARIA allows a label neither a role
    # (axe's aria-allowed-role, which Lighthouse reports on phones) nor a name of its own
    # (aria-prohibited-attr). axe-core is added from tests/vendor, past the page's policy.
    visit = Visit(browser, bypass_csp=True, **PHONE)
    script = AXE.read_text(encoding="utf-8")
    found: list[str] = []
    for path in PHONE_PAGES:
        visit.page.goto(base + path, wait_until="load")
        visit.page.add_script_tag(content=script)
        found += visit.page.evaluate(
            "async () => (await axe.run(document, {runOnly: {type: 'rule',"
            " values: ['aria-allowed-role', 'aria-prohibited-attr']}})).violations"
            ".flatMap(v => v.nodes.map(n => `${v.id}: ${n.target.join(' ')}`))"
        )
    assert found == []
    visit.page.goto(base + "2568/", wait_until="load")
    labels = visit.page.evaluate(
        "[...document.querySelectorAll('label.md-header__button')].map(l => ({for: l.htmlFor,"
        " role: l.getAttribute('role'), ariaLabel: l.getAttribute('aria-label'),"
        " text: l.textContent.trim()}))"
    )
    assert labels == [
        {"for": "__drawer", "role": None, "ariaLabel": None, "text": "เมนู"},
        {"for": "__search", "role": None, "ariaLabel": None, "text": "ค้นหา"},
    ]
    # Tab reaches them, after the link past the header; Space opens the menu, Enter the search.
    focused = []
    for _ in range(3):
        visit.page.keyboard.press("Tab")
        focused.append(visit.page.evaluate("document.activeElement.textContent.trim()"))
    assert focused == ["ข้ามไปที่เนื้อหา", "เมนู", "ค้นหา"]
    visit.page.focus("label.md-header__button[for=__drawer]")
    visit.page.keyboard.press(" ")
    visit.page.wait_for_function("document.getElementById('__drawer').checked")
    visit.page.goto(base + "2568/", wait_until="load")
    visit.page.focus("label.md-header__button[for=__search]")
    visit.page.keyboard.press("Enter")
    visit.page.wait_for_function("document.getElementById('__search').checked")
    assert visit.outside == [] and visit.errors == []
    visit.close()


@pytest.fixture(scope="module")
def unpublished(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example with a new fiscal year 2569 begun: its folder holds year.yml and an
    empty item folder only, so its items are ยังไม่เผยแพร่ (not published) and, one of
    them, ยังไม่มีเนื้อหา (empty)."""
    content = tmp_path_factory.mktemp("unpublished") / "content"
    shutil.copytree(REPO / "content", content)
    (content / "2569" / "o1").mkdir(parents=True)
    (content / "2569" / "year.yml").write_text("framework: ita-2569\n", encoding="utf-8")
    with served(build_content(content.parent, content)) as address:
        yield address


# Each row of the year's item list: its code and its status as shown, and how many lines
# each takes on the screen (the rows its boxes stand on: an inline box broken over two
# lines has a box on each, the status's mark included).
ITEM_ROWS = """() => {
  const lines = (rects) => {
    const tops = [];
    for (const r of rects) {
      if (r.width > 0 && !tops.some(t => Math.abs(t - r.top) < 2)) tops.push(r.top);
    }
    return tops.length;
  };
  return [...document.querySelectorAll('table.oit-items > tbody > tr')].map(row => {
    const code = document.createRange();
    code.selectNodeContents(row.cells[0]);
    const status = row.cells[2].querySelector('.oit-status');
    return {code: row.cells[0].innerText.trim(), codeLines: lines(code.getClientRects()),
            status: status.innerText.trim(), statusLines: lines(status.getClientRects())};
  });
}"""


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_item_codes_and_statuses_stay_on_one_line(
    base: str, unpublished: str, browser: Browser, device: dict[str, Any]
) -> None:
    visit = Visit(browser, **device)
    shown: dict[str, list[str]] = {}
    for address, year in [(base, "2566"), (base, "2567"), (base, "2568"), (unpublished, "2569")]:
        visit.page.goto(f"{address}{year}/", wait_until="load")
        rows = visit.page.evaluate(ITEM_ROWS)
        sheet = json.loads(visit.page.evaluate(f"fetch('{address}{year}/oit.json').then(r => r.text())"))
        # The codes and statuses a reader sees are those of the answer sheet, each on one line.
        assert [(r["code"], r["status"]) for r in rows] == [(s["code"], s["status"]) for s in sheet], year
        assert [r for r in rows if r["codeLines"] != 1 or r["statusLines"] != 1] == [], year
        # Kept whole, they leave the list inside the phone's screen: the title wraps instead.
        box = visit.page.evaluate(
            "(() => { const b = document.querySelector('table.oit-items').closest('.oit-table');"
            " return [b.scrollWidth, b.clientWidth]; })()"
        )
        assert box[0] <= box[1], (year, box)
        shown[year] = sorted({r["status"] for r in rows})
    assert shown == {
        "2566": ["ครบ"],
        "2567": ["ครบ"],
        "2568": ["ครบ"],
        "2569": ["ยังไม่มีเนื้อหา", "ยังไม่เผยแพร่"],
    }
    assert visit.outside == [] and visit.errors == []
    visit.close()
