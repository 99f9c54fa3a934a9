"""What an editor pasted into Markdown may be HTML (tables from Word); it may not run
script or make the page load anything from another host.

Two halves: :func:`find_unsafe` reads the editor's source and says, by line, what will be
removed (so the warning names the file and line); :func:`clean_html` removes it from the
rendered page, whatever the Markdown turned it into.
"""

from __future__ import annotations

import re
from html import escape, unescape
from html.parser import HTMLParser

# Dropped with everything inside them.
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "noscript", "template", "frameset"}
# Dropped, their content kept (embed and frame are void: they have none).
DROP_TAG = {"base", "meta", "link", "form", "input", "button", "textarea", "select", "option", "applet", "embed", "frame"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "background", "data", "cite"}
# Attributes that make the browser fetch something when the page loads.
LOAD_ATTRS = {"src", "srcset", "poster", "background", "data"}
# Followed by a newline, which browsers ignore: without it Material's search indexer
# glues neighbouring table cells into one term ("30" + "94.58" → "3094.58").
BLOCK_ENDS = {"td", "th", "tr", "li", "p", "dt", "dd", "div", "table", "ol", "ul", "h1", "h2", "h3", "h4", "h5", "h6"}
_C0_AND_SPACE = "".join(map(chr, range(0x21)))
# An inline style may keep widths and colours from Word, not load or run anything.
_STYLE_LOAD = re.compile(r"url\s*\(|expression\s*\(|@import|\\")
_BAD_SCHEME = re.compile(r"^(javascript|vbscript|data(?!:image/(png|jpe?g|gif|webp);))\s*:", re.I)
# Browsers read a backslash as a slash, so \\host and /\\host also load from another host.
_OTHER_HOST = re.compile(r"^([a-z][a-z0-9+.\-]*:)?[\\/]{2}", re.I)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*:", re.I)
# Anything in a page that the cleaner could change, other than the line breaks it adds.
# A page with none of it skips the parser; the test is deliberately wider than the cleaner.
_MAYBE_UNSAFE = [
    re.compile(pattern)  # searched in lower case, several simple patterns being faster than one
    for pattern in (
        r"<[!?]|\x00",
        r"</?\s*(?:" + "|".join(sorted(DROP_WITH_CONTENT | DROP_TAG | {"svg", "math"})) + r")",
        r"[\s/\"'](?:on[a-z]+|style)\s*=",
        r"script\s*:|srcset|poster|background|data\s*[:=]|action\s*=",
        r"src\s*=\s*[\"']?\s*[^\s\"'>]*(?::|[\\/]{2})",
    )
]
_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);?", re.I)
_BLOCK_END = re.compile(r"</(?:" + "|".join(sorted(BLOCK_ENDS, key=len, reverse=True)) + r")>(?!\n)", re.I)

_SOURCE_CHECKS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"<script\b", re.I),
     "ลบ <script> ออกจากหน้า: เนื้อหาต้องไม่มีสคริปต์ (removed a <script>)",
     "ลบโค้ดสคริปต์ออกจากไฟล์"),
    (re.compile(r"<(iframe|object|embed|frame)\b", re.I),
     "ลบ <{0}> ออกจากหน้า: สิ่งที่ฝังจากเว็บอื่นทำให้หน้าเว็บโหลดข้อมูลจากภายนอก (removed an embed)",
     "ใส่เป็นลิงก์แทน เช่น [แผนที่สำนักงาน](https://maps.google.com/…)"),
    (re.compile(r"<(style|base|meta|link|form)\b", re.I),
     "ลบ <{0}> ออกจากหน้า (removed a <{0}> element)",
     "ลบแท็กนี้ออกจากไฟล์; การจัดรูปแบบหน้าเว็บทำที่ธีม"),
    (re.compile(r"<[a-z][^>]*\s(on[a-z]+)\s*=", re.I),
     "ลบ {0}= ออกจากแท็ก: เนื้อหาต้องไม่มีคำสั่งที่ทำงานเมื่อคลิกหรือโหลด (removed an inline event handler)",
     "ลบแอตทริบิวต์นี้ออกจากไฟล์"),
    (re.compile(r"(?:href|src)\s*=\s*[\"']?\s*(javascript|vbscript):|\]\(\s*(javascript|vbscript):", re.I),
     "ลบลิงก์ {0}: ออก (removed a script link)",
     "ใช้ลิงก์ที่ขึ้นต้นด้วย https:// เท่านั้น"),
    (re.compile(r"(?:<(?:img|audio|video|source|track)\b[^>]*?\bsrc\s*=\s*[\"']?|!\[[^\]]*\]\()\s*((?:https?:)?//[^\s\"')>]+)", re.I),
     "ลบรูปหรือสื่อที่โหลดจากเว็บอื่น {0} (removed media loaded from another host)",
     "ดาวน์โหลดไฟล์มาไว้ในโฟลเดอร์ของข้อหรือ content/assets/ แล้วอ้างชื่อไฟล์"),
]


def find_unsafe(text: str, first_line: int = 1) -> list[tuple[int, str, str]]:
    """``(line, message, hint)`` for each thing :func:`clean_html` will remove."""
    found = []
    for pattern, message, hint in _SOURCE_CHECKS:
        for match in pattern.finditer(text):
            what = next((g for g in match.groups() if g), "") if match.groups() else ""
            line = first_line + text.count("\n", 0, match.start())
            found.append((line, message.format(what.lower() if "://" not in what else what), hint))
    return sorted(found)


def _as_browsers_read(url: str) -> str:
    """Browsers drop tabs and line breaks inside a URL, and control characters and spaces around it."""
    return re.sub(r"[\t\n\r]", "", url).strip(_C0_AND_SPACE)


def _loads_elsewhere(url: str) -> bool:
    """An address a page would load from another host, or by a scheme (an inline image excepted)."""
    url = _as_browsers_read(url)
    return bool(_OTHER_HOST.match(url) or _SCHEME.match(url) and not url.lower().startswith("data:image/"))


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.skipping: list[str] = []

    def _attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        kept = []
        for name, value in attrs:
            name = name.lower()
            if name.startswith("on") or name == "style" and value and _STYLE_LOAD.search(value.lower()):
                continue
            if value is not None and name in URL_ATTRS and _BAD_SCHEME.match(_as_browsers_read(value)):
                continue
            if value is not None and name in LOAD_ATTRS and _loads_elsewhere(value):
                continue
            # srcset: "a.png 1x, b.png 2x", each address loaded as src is.
            if name == "srcset" and value and any(_loads_elsewhere(c.split()[0]) for c in value.split(",") if c.split()):
                continue
            kept.append(f" {name}" if value is None else f' {name}="{escape(value, quote=True)}"')
        return "".join(kept)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping or tag in DROP_WITH_CONTENT:
            if tag in DROP_WITH_CONTENT:
                self.skipping.append(tag)
            return
        if tag not in DROP_TAG:
            self.out.append(f"<{tag}{self._attrs(tag, attrs)}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping and tag not in DROP_WITH_CONTENT and tag not in DROP_TAG:
            self.out.append(f"<{tag}{self._attrs(tag, attrs)} />")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag == self.skipping[-1]:
                self.skipping.pop()
            return
        if tag not in DROP_WITH_CONTENT and tag not in DROP_TAG:
            self.out.append(f"</{tag}>\n" if tag in BLOCK_ENDS else f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        if not self.skipping:
            self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if not self.skipping:
            self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        return  # comments are not shown and may hide conditional markup

    def handle_decl(self, decl: str) -> None:
        return

    def unknown_decl(self, data: str) -> None:
        return


def _needs_cleaning(html: str) -> bool:
    lower = html.lower()
    flat = lower.replace("\t", "").replace("\n", "").replace("\r", "")  # as browsers read a URL
    if any(pattern.search(text) for pattern in _MAYBE_UNSAFE for text in (lower, flat)):
        return True
    # An entity could spell a scheme or a tab inside an attribute: only those that stand
    # for a character no URL or attribute name is made of (¶, a Thai letter, a quote) pass.
    return any(
        any(ord(c) < 0x80 and c not in "\"'&<>" for c in unescape(entity))
        for entity in set(_ENTITY.findall(html))
    )


def clean_html(html: str) -> str:
    if not _needs_cleaning(html):
        return _BLOCK_END.sub("\\g<0>\n", html)
    cleaner = _Cleaner()
    cleaner.feed(html)
    cleaner.close()
    return "".join(cleaner.out)
