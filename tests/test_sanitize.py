"""What the cleaner leaves in a page: nothing that runs or loads from another host.

Pages with nothing suspicious skip the HTML parser; these cases check that every trick a
browser accepts is seen as suspicious, and that the parser then removes it.
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from site_builder.render.sanitize import _needs_cleaning, clean_html

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
    '<math><maction actiontype="statusline#https://evil.example" xlink:href="javascript:alert(1)">x</maction></math>',
    "<p>x\x00</p><script>alert(1)</script>",
]


def _visible_danger(html: str) -> list[str]:
    """What a browser would run or load from elsewhere in ``html``."""
    found = []
    lower = unescape(html).lower().replace("\t", "").replace("\n", "").replace("\r", "")
    for tag in ("<script", "<iframe", "<object", "<embed", "<link", "<style", "<meta", "<base", "<form"):
        if tag in lower:
            found.append(tag)
    for attr, value in re.findall(r"""\s([a-z:-]+)\s*=\s*"([^"]*)\"""", lower):
        value = value.strip("".join(map(chr, range(0x21))))
        if attr.startswith("on") or attr == "style" and re.search(r"url\(|expression\(|@import", value):
            found.append(attr)
        if re.match(r"(javascript|vbscript|data)\s*:", value):
            found.append(f"{attr}={value}")
        urls = [c.split()[0] for c in value.split(",") if c.split()] if attr == "srcset" else [value]
        if attr in ("src", "srcset", "poster", "background", "data") and any(
                re.match(r"([a-z]+:)?[\\/]{2}|[a-z]+:", u) for u in urls):
            found.append(f"{attr}={value}")
    return found


@pytest.mark.parametrize("attack", ATTACKS)
def test_every_trick_goes_through_the_parser_and_comes_out_harmless(attack: str) -> None:
    page = f'<h1 id="x">ข้อมูลผู้บริหาร</h1>\n<p>เนื้อหา</p>\n{attack}\n<p>ท้าย</p>'
    assert _needs_cleaning(page), attack
    cleaned = clean_html(page)
    assert _visible_danger(cleaned) == [], (attack, cleaned)
    assert "ข้อมูลผู้บริหาร" in cleaned and "ท้าย" in cleaned


def test_a_plain_page_keeps_its_markup_and_gets_cell_breaks() -> None:
    page = (
        '<h2 id="ผลการประเมิน">ผลการประเมิน<a class="headerlink" href="#ผลการประเมิน" title="Permanent link">&para;</a></h2>'
        '<table><tr><th>ตัวชี้วัด</th><th>คะแนน</th></tr><tr><td>การเปิดเผยข้อมูล</td><td>94.58</td></tr></table>'
        '<p>ดู <a href="../o1/">O1</a> และ <a href="https://www.nacc.go.th/">ป.ป.ช.</a> '
        '<img alt="ตรา" src="../../assets/logo.svg"> &nbsp;&#39;ก&#39; &amp; &lt;ข&gt;</p>'
    )
    assert not _needs_cleaning(page)
    cleaned = clean_html(page)
    assert cleaned == page.replace("</th>", "</th>\n").replace("</td>", "</td>\n").replace("</tr>", "</tr>\n") \
        .replace("</table>", "</table>\n").replace("</p>", "</p>\n").replace("</h2>", "</h2>\n")
    assert "30" not in re.sub(r"<[^>]+>", "", cleaned).replace("\n", " ").split()


def test_pasted_word_table_keeps_its_cells() -> None:
    pasted = '<table border="1"><tr><td onclick="x()">สำนักปลัด</td><td style="width:50%">กองคลัง</td></tr></table>'
    cleaned = clean_html(pasted)
    assert "สำนักปลัด" in cleaned and "กองคลัง" in cleaned and "<td>" in cleaned
    assert _visible_danger(cleaned) == []
