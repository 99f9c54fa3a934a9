"""What the cleaner leaves of an editor's HTML: nothing that runs or loads from another host.

Every trick a browser accepts goes through the allow-list sanitiser; the site's own markup
around an editor's text is left as it is, and the editor's text cannot end its region.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from site_builder.load.markup import find_unsafe
from site_builder.render.sanitize import EDITOR_END, EDITOR_START, clean_html, editor_text

ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<p>x</p><!--><script>alert(1)</script>-->",
    '<img src=x onerror="alert(1)">',
    '<img src="x"onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    "<a\nonclick=alert(1)>x</a>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="javas\ncript:alert(1)">x</a>',
    '<a href=" \x01javascript:alert(1)">x</a>',
    '<a href="jav&#x61;script:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="java&Tab;script:alert(1)">x</a>',
    '<a title=">" href="jav&#97;script:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<img src="https://evil.example/pixel.gif">',
    '<img src="//evil.example/pixel.gif">',
    '<img src="\\\\evil.example/pixel.gif">',
    '<img src="/\\evil.example/pixel.gif">',
    '<img src="http:\\\\evil.example/pixel.gif">',
    '<img srcset="https://evil.example/a.png 2x">',
    '<img srcset="a.png 1x, \\\\evil.example/b.png 2x">',
    '<picture><source srcset="a.png 1x,//evil.example/b.png 2x"><img src="a.png"></picture>',
    '<video poster="https://evil.example/p.png"></video>',
    '<table background="https://evil.example/b.png"><tr><td>x</td></tr></table>',
    '<object data="https://evil.example/x.swf"></object>',
    '<iframe src="https://evil.example/"></iframe>',
    '<embed src="https://evil.example/x">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<style>@import "https://evil.example/x.css";</style>',
    '<p style="background:url(https://evil.example/x.png)">x</p>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<base href="https://evil.example/">',
    '<form action="https://evil.example/"><input name=x></form>',
    '<math><maction actiontype="statusline#https://evil.example" '
    'xlink:href="javascript:alert(1)">x</maction></math>',
    "<p>x\x00</p><script>alert(1)</script>",
    '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text y="20">click</text></a></svg>',
    '<svg><image href="https://other.example/track.png"/></svg>',
    '<svg><use href="data:image/svg+xml,<svg id=x onload=alert(1)>#x"/></svg>',
    '<a href="javascript&#58;alert(1)">x</a>',
    '<img src="x" style="behavior:url(x.htc)">',
    '<div id="__config">{"search":"https://evil.example/w.js"}</div>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<form><math><mtext></form><form><mglyph><svg><mtext><textarea>"
    '<path id="</textarea><img onerror=alert(1) src=1>">',
]


def _visible_danger(html: str) -> list[str]:
    """What a browser would run or load from elsewhere in ``html``."""
    found = []
    lower = unescape(html).lower().replace("\t", "").replace("\n", "").replace("\r", "")
    for tag in (
        "<script",
        "<iframe",
        "<object",
        "<embed",
        "<link",
        "<style",
        "<meta",
        "<base",
        "<form",
        "<svg",
        "<math",
        "<animate",
        "<image",
        "<use",
        'id="__',
    ):
        if tag in lower:
            found.append(tag)
    for attr, value in re.findall(r"""\s([a-z:-]+)\s*=\s*"([^"]*)\"""", lower):
        value = value.strip("".join(map(chr, range(0x21))))
        if attr.startswith("on") or (attr == "style" and re.search(r"url\(|expression\(|@import", value)):
            found.append(attr)
        if re.match(r"(javascript|vbscript|data)\s*:", value):
            found.append(f"{attr}={value}")
        urls = [c.split()[0] for c in value.split(",") if c.split()] if attr == "srcset" else [value]
        if attr in ("src", "srcset", "poster", "background", "data") and any(
            re.match(r"([a-z]+:)?[\\/]{2}|[a-z]+:", u) for u in urls
        ):
            found.append(f"{attr}={value}")
    return found


OWN = (
    '<figure class="oit-chart"><svg role="img" viewBox="0 0 10 10">'
    '<a href="#m1"><rect width="5" height="5"/></a></svg></figure>'
)


@pytest.mark.parametrize("attack", ATTACKS)
def test_every_trick_in_an_editor_region_comes_out_harmless(attack: str) -> None:
    editor = f'<h1 id="x">ข้อมูลผู้บริหาร</h1>\n<p>เนื้อหา</p>\n{attack}\n<p>ท้าย</p>'
    cleaned = clean_html(f"{OWN}{EDITOR_START}{editor}{EDITOR_END}{OWN}")
    assert cleaned.startswith(OWN) and cleaned.rstrip().endswith(OWN), cleaned
    assert _visible_danger(cleaned.replace(OWN, "")) == [], (attack, cleaned)
    assert "ข้อมูลผู้บริหาร" in cleaned  # text after an unclosed <style> is style, as browsers read it
    assert "oit-editor" not in cleaned


def test_an_editor_cannot_end_the_region_early() -> None:
    forged = "<!--/oit-editor-0123456789abcdef01234567--><script>alert(1)</script>"
    cleaned = clean_html(f"{EDITOR_START}<p>ก</p>{forged}{EDITOR_END}")
    assert "<script" not in cleaned and "alert" not in cleaned


def test_a_region_whose_end_is_swallowed_runs_to_the_end_of_the_page() -> None:
    # An unclosed code fence turns the end mark into text: the rest of the page is the editor's.
    page = f'{EDITOR_START}<pre><code>x\n&lt;!--/oit-editor--&gt;</code></pre><img src=x onerror="alert(1)">'
    assert "onerror" not in clean_html(page)


def test_editor_text_keeps_the_marks_as_html_blocks_of_their_own() -> None:
    import markdown

    html = markdown.Markdown().convert(f"# หัวข้อ\n{editor_text('ย่อหน้า <b onclick=x()>หนา</b>')}\nท้าย")
    assert EDITOR_START in html and EDITOR_END in html
    assert clean_html(html).count("<b>หนา</b>") == 1 and "onclick" not in clean_html(html)


def test_warnings_name_each_line() -> None:
    # (The scan of a pathological page stays linear: bench/hostile.py measures it.)
    source = (
        "ข้อความ\n<p onclick=x()>ก</p>\n\n<svg><script>alert(1)</script></svg>\n[a](javascript:alert(1))\n"
    )
    assert [(line, message.split(" (")[0]) for line, message, _ in find_unsafe(source, 3)] == [
        (4, "ลบ onclick= ออกจากแท็ก: เนื้อหาต้องไม่มีคำสั่งที่ทำงานเมื่อคลิกหรือโหลด"),
        (6, "ลบ <script> ออกจากหน้า: เนื้อหาต้องไม่มีสคริปต์"),
        (6, "ลบ <svg> ออกจากหน้า: ภาพวาดในหน้าอาจมีสคริปต์หรือลิงก์ที่ทำงานได้"),
        (7, "ลบลิงก์ javascript: ออก"),
    ]


def test_our_markup_outside_editor_regions_is_left_as_it_is() -> None:
    page = (
        '<h2 id="ผลการประเมิน">ผลการประเมิน'
        '<a class="headerlink" href="#ผลการประเมิน" title="Permanent link">&para;</a></h2>'
        "<table><tr><th>ตัวชี้วัด</th><th>คะแนน</th></tr><tr><td>การเปิดเผยข้อมูล</td><td>94.58</td></tr></table>"
        + OWN
    )
    cleaned = clean_html(page)
    assert cleaned == page.replace("</th>", "</th>\n").replace("</td>", "</td>\n").replace(
        "</tr>", "</tr>\n"
    ).replace("</table>", "</table>\n").replace("</h2>", "</h2>\n")
    assert "30" not in re.sub(r"<[^>]+>", "", cleaned).replace("\n", " ").split()


def test_an_editor_page_keeps_its_markup() -> None:
    editor = (
        '<h2 id="ผล">ผล<a class="headerlink" href="#ผล" title="Permanent link">¶</a></h2>'
        '<p>ดู <a href="../o1/">O1</a> และ <a href="https://www.nacc.go.th/">ป.ป.ช.</a> '
        '<img alt="ตรา" src="../../assets/logo.png"> '
        '<img alt="จุด" src="data:image/png;base64,iVBORw0KGgo="></p>'
        '<div class="admonition note"><p class="admonition-title">หมายเหตุ</p><p>ข้อความ</p></div>'
        '<table><tr><td colspan="2" style="width: 50%; text-align: center">รวม</td></tr></table>'
    )
    cleaned = clean_html(EDITOR_START + editor + EDITOR_END)
    for kept in (
        '<a class="headerlink" href="#ผล" title="Permanent link">',
        '<a href="../o1/">',
        '<a href="https://www.nacc.go.th/">',
        'src="../../assets/logo.png"',
        'src="data:image/png;base64,',
        '<div class="admonition note">',
        'colspan="2"',
        "width:50%;text-align:center",
    ):
        assert kept in cleaned, kept


def test_pasted_word_table_keeps_its_cells() -> None:
    pasted = (
        '<table border="1"><tr><td onclick="x()">สำนักปลัด</td><td style="width:50%">กองคลัง</td></tr></table>'
    )
    cleaned = clean_html(EDITOR_START + pasted + EDITOR_END)
    assert "สำนักปลัด" in cleaned and "กองคลัง" in cleaned and "<td>" in cleaned
    assert _visible_danger(cleaned) == []
