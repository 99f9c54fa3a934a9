"""The example site as its readers meet it, in Chromium: a phone at 360 px and a desktop at
1280 px, axe-core's accessibility rules, and the browser's own print.

Every page type is opened: home, fiscal year, report, and items whose evidence is
documents, links, their own text (a table written in Markdown), measures and a progress
report. Nothing in an article may be wider than its box (a box that scrolls hides what is
past its edge); every item shows its first document or link, or its first evidence,
within the first screen of a phone; axe-core finds nothing serious or critical; printed,
no table cell is narrower than its longest word and the report's signature block stays
on one page.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import comparable
from test_browser import Visit, base, browser, local, site  # noqa: F401 (fixtures)

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
# One page of each type, and the items whose evidence takes each form.
PAGES = [
    "",  # home: the latest result, the history chart, every fiscal year
    "2568/",  # a fiscal year of the 28-item list: result, charts, analysis, measures, progress, items
    "2567/",  # a fiscal year of the 43-item list, with the widest progress table
    "2566/",  # the oldest year: no score of the year before to compare with
    "2568/report/",  # the report for the council
    "2568/o1/",  # documents
    "2568/o10/",  # links
    "2568/o11/",  # the item's own text: a table written in Markdown
    "2568/o27/",  # result, analysis and measures
    "2568/o28/",  # a progress report
    "2567/o43/",  # a progress report with last year's scores
]

# Every element of the article whose content is wider than its box, leaving out what is
# visually hidden (a table's header row read by screen readers in the record layout) and
# the inside of drawings.
OVERFLOWING = """() => {
  const found = [];
  for (const el of document.querySelectorAll('article, article *')) {
    if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    const style = getComputedStyle(el);
    if (style.display === 'inline' || style.display === 'none' || el.clientWidth <= 1) continue;
    if (el.scrollWidth > el.clientWidth + 1) {
      found.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`
        + ` ${el.scrollWidth}px in ${el.clientWidth}px: ${el.textContent.trim().slice(0, 50)}`);
    }
  }
  const page = document.documentElement.scrollWidth - window.innerWidth;
  if (page > 0) found.push(`the page scrolls sideways by ${page}px`);
  return found;
}"""


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_nothing_in_an_article_is_wider_than_its_box(base: str, browser: Any, device: dict[str, Any]) -> None:  # noqa: F811
    visit = Visit(browser, **device)
    wide: dict[str, list[str]] = {}
    for path in PAGES:
        visit.page.goto(base + path, wait_until="load")
        if found := visit.page.evaluate(OVERFLOWING):
            wide["/" + path] = found
    assert wide == {}, json.dumps(wide, ensure_ascii=False, indent=1)
    # The charts are drawn for the width they are shown at: the phone's drawing on a phone,
    # every value in it and nothing cut.
    visit.page.goto(base + "2568/", wait_until="load")
    shown = visit.page.evaluate(
        "[...document.querySelectorAll('svg.oit-chart__svg')]"
        ".filter(s => s.getBoundingClientRect().width > 0)"
        ".map(s => ({id: s.id, right: s.getBoundingClientRect().right}))"
    )
    narrow = device is PHONE
    assert len(shown) == 3 and all(s["id"].endswith("-narrow") == narrow for s in shown), shown
    assert all(s["right"] <= device["viewport"]["width"] for s in shown), shown
    assert visit.outside == [] and visit.errors == []
    visit.close()


# The evidence of an item: its documents, its links, its own text, or a structured part.
FIRST_EVIDENCE = """() => {
  const article = document.querySelector('article');
  const first = article.querySelector('table.oit-documents a, ul.oit-links a');
  const facts = article.querySelector('.oit-facts');
  let evidence = first;
  if (!evidence) {
    // Else the first block after the facts that is not a heading, a notice or the note.
    for (let el = facts.nextElementSibling; el; el = el.nextElementSibling) {
      if (/^H[1-6]$/.test(el.tagName) || el.matches('.admonition, .oit-dates-from')) continue;
      evidence = el;
      break;
    }
  }
  const note = article.querySelector('.oit-assessor-note');
  return {
    kind: first ? 'document or link' : evidence ? evidence.tagName + '.' + evidence.className : 'none',
    bottom: evidence ? evidence.getBoundingClientRect().top + window.scrollY
      + Math.min(evidence.getBoundingClientRect().height, 24) : null,
    noteFirst: !!(note && evidence
      && (note.compareDocumentPosition(evidence) & Node.DOCUMENT_POSITION_FOLLOWING)),
  };
}"""


def test_every_item_shows_its_evidence_in_a_phones_first_screen(site: Path, base: str, browser: Any) -> None:  # noqa: F811
    # Every answer-sheet URL, as the assessor opens it on a phone: the first document or
    # link (or the first line of the item's evidence) is within the first 740 px, and
    # the note for the assessor does not come before it.
    visit = Visit(browser, java_script_enabled=False, **PHONE)
    late: list[str] = []
    opened = 0
    for sheet in sorted(site.glob("*/oit.json")):
        for row in json.loads(sheet.read_text(encoding="utf-8")):
            visit.page.goto(local(row["url"], base), wait_until="load")
            found = visit.page.evaluate(FIRST_EVIDENCE)
            opened += 1
            if found["bottom"] is None or found["bottom"] > 740 or found["noteFirst"]:
                late.append(f"{sheet.parent.name}/{row['code']}: {found}")
    assert opened == 28 + 43 + 43
    assert late == [], "\n".join(late)
    visit.close()


AXE_PAGES = ["", "2568/", "2568/report/", "2568/o1/", "2568/o10/", "2568/o27/", "2568/o28/"]


@pytest.mark.parametrize("device", [PHONE, DESKTOP], ids=["360px", "1280px"])
def test_axe_finds_nothing_serious(base: str, browser: Any, device: dict[str, Any]) -> None:  # noqa: F811
    # axe-core is added to each page from tests/vendor (bypassing the page's
    # Content-Security-Policy, which admits the site's own scripts only).
    visit = Visit(browser, bypass_csp=True, **device)
    script = AXE.read_text(encoding="utf-8")
    found: list[str] = []
    for path in AXE_PAGES:
        visit.page.goto(base + path, wait_until="load")
        visit.page.add_script_tag(content=script)
        violations = visit.page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
            ".map(v => `${v.id} (${v.impact}): ${v.help}; `"
            " + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))"
        )
        found += [f"/{path}: {v}" for v in violations]
    assert found == [], "\n".join(found)
    visit.close()


# For each cell of the article's tables, any word (as the browser's Thai dictionary cuts
# them, which is where it breaks lines) wider than the cell's content box. URLs may break
# anywhere and are left out. The canvas measures text up to a pixel wider than the layout
# does; a word broken inside is short of room by a letter at least.
NARROW_CELLS = """() => {
  const words = new Intl.Segmenter('th', {granularity: 'word'});
  const ctx = document.createElement('canvas').getContext('2d');
  const found = [];
  for (const cell of document.querySelectorAll('article td, article th')) {
    if (!cell.getClientRects().length) continue;
    const style = getComputedStyle(cell);
    const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent.closest('.oit-url') || !parent.getClientRects().length) continue;
      const font = getComputedStyle(parent);
      ctx.font = `${font.fontStyle} ${font.fontWeight} ${font.fontSize} ${font.fontFamily}`;
      for (const part of words.segment(node.data)) {
        if (!part.isWordLike) continue;
        const width = ctx.measureText(part.segment).width;
        if (width > room + 1.5) {
          found.push(`${cell.closest('table').className} ${cell.cellIndex + 1}: "${part.segment}"`
            + ` ${width.toFixed(1)}px in ${room.toFixed(1)}px`);
        }
      }
    }
  }
  return found;
}"""
# A4 less the print stylesheet's page margins (12 mm a side), at 96 px an inch.
PRINT_WIDTH = round((210 - 24) / 25.4 * 96)


# The words of every cell, as the browser's Thai dictionary cuts them.
CELL_WORDS = """() => {
  const words = new Intl.Segmenter('th', {granularity: 'word'});
  const found = new Set();
  for (const cell of document.querySelectorAll('article td, article th')) {
    for (const part of words.segment(cell.innerText)) {
      if (part.isWordLike && part.segment.length > 1) found.add(part.segment);
    }
  }
  return [...found];
}"""


def _lines(pdf: bytes) -> str:
    """The PDF's text line by line, letters as typed (see comparable), spaces dropped."""
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return "\n".join(comparable(line) for line in text.splitlines())


def test_printed_year_and_report_pages_keep_words_whole_and_the_signatures_together(
    base: str,  # noqa: F811
    browser: Any,  # noqa: F811
) -> None:
    visit = Visit(browser, viewport={"width": PRINT_WIDTH, "height": 1000})
    visit.page.emulate_media(media="print")
    narrow: dict[str, list[str]] = {}
    printed: dict[str, bytes] = {}
    for path in ("2568/", "2567/", "2568/report/"):
        visit.page.goto(base + path, wait_until="load")
        found = visit.page.evaluate(NARROW_CELLS) + visit.page.evaluate(OVERFLOWING)
        # And on the paper: no word of a cell is broken across two lines of the PDF.
        printed[path] = visit.page.pdf(prefer_css_page_size=True, print_background=True)
        lines = _lines(printed[path])
        for word in visit.page.evaluate(CELL_WORDS):
            typed = comparable(word)
            found += [
                f"{word} broken in the PDF"
                for k in range(1, len(typed))
                if f"{typed[:k]}\n{typed[k:]}" in lines
            ][:1]
        if found:
            narrow[path] = found
    assert narrow == {}, json.dumps(narrow, ensure_ascii=False, indent=1)
    # The report as the browser prints it: the signature block (who wrote it, who certified
    # it: name, position, date) is whole on one page.
    from pypdf import PdfReader

    pages = [comparable(page.extract_text()) for page in PdfReader(io.BytesIO(printed["2568/report/"])).pages]
    wrote, certified, position, day = map(comparable, ["ผู้จัดทำรายงาน", "ผู้รับรองรายงาน", "ตำแหน่ง", "วันที่"])
    holding = [i for i, text in enumerate(pages) for line in (wrote, certified) if line in text]
    assert len(holding) == 2 and len(set(holding)) == 1, holding
    signed = pages[holding[0]][pages[holding[0]].find(wrote) :]
    assert signed.count(position) == 2 and signed.count(day) == 2, signed
    visit.close()


def test_a_phone_keyboard_reaches_the_menu_and_search_and_skips_the_closed_menu(
    base: str,  # noqa: F811
    browser: Any,  # noqa: F811
) -> None:
    visit = Visit(browser, **PHONE)
    visit.page.goto(base + "2568/", wait_until="load")
    focused: list[dict[str, Any]] = []
    for _ in range(12):
        visit.page.keyboard.press("Tab")
        focused.append(
            visit.page.evaluate(
                "() => { const e = document.activeElement; return {name: e.getAttribute('aria-label') || "
                "e.textContent.trim().slice(0, 30), inMenu: !!e.closest('.md-sidebar--primary'),"
                " inArticle: !!e.closest('article')}; }"
            )
        )
    names = [f["name"] for f in focused]
    assert "เมนู" in names and "ค้นหา" in names, names
    assert not any(f["inMenu"] for f in focused), names  # the closed menu's links are skipped
    assert any(f["inArticle"] for f in focused), names  # and the tab goes on into the page
    # Enter or Space on the menu button opens and closes the menu; open, its links come
    # into the tab order.
    visit.page.goto(base + "2568/", wait_until="load")
    visit.page.locator("label.md-header__button[for=__drawer]").focus()
    visit.page.keyboard.press(" ")
    assert visit.page.evaluate("document.getElementById('__drawer').checked")
    visit.page.keyboard.press("Enter")
    assert not visit.page.evaluate("document.getElementById('__drawer').checked")
    visit.page.keyboard.press("Enter")
    assert visit.page.evaluate("document.getElementById('__drawer').checked")
    for _ in range(8):
        visit.page.keyboard.press("Tab")
        if visit.page.evaluate("!!document.activeElement.closest('.md-sidebar--primary')"):
            break
    else:
        raise AssertionError("the open menu's links cannot be reached by Tab")
    # Enter on the search button opens search with the cursor in its box.
    visit.page.locator("label.md-header__button[for=__search]").focus()
    visit.page.keyboard.press("Enter")
    visit.page.wait_for_function("document.activeElement.matches('[data-md-component=search-query]')")
    assert visit.errors == []
    visit.close()


def test_search_index_loads_when_search_opens_and_search_runs_on_pasted_text(
    base: str,  # noqa: F811
    browser: Any,  # noqa: F811
) -> None:
    visit = Visit(browser, **PHONE)
    asked: list[str] = []
    visit.page.on("request", lambda request: asked.append(request.url))
    visit.page.goto(base + "2568/", wait_until="networkidle")
    assert not any("search_index" in url for url in asked), asked  # not on a first view
    visit.page.locator("label.md-header__button[for=__search]").click()
    visit.page.wait_for_function(
        "() => ((document.querySelector('.md-search-result__meta') || {}).textContent || '').trim()"
        " === 'พิมพ์คำที่ต้องการค้นหา'"
    )
    assert any(url.endswith("/search/search_index.json") for url in asked)
    # Text put in the box with no key pressed (pasted from a menu, an on-screen keyboard's
    # suggestion): the results come all the same.
    visit.page.locator("input[data-md-component=search-query]").fill("สินบน")
    visit.page.wait_for_function(
        "() => /^พบ/.test("
        "((document.querySelector('.md-search-result__meta') || {}).textContent || '').trim())"
    )
    links = visit.page.locator(".md-search-result__item > .md-search-result__link").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    assert any("2568/o23/" in link for link in links), links
    assert visit.errors == [] and visit.outside == []
    visit.close()
