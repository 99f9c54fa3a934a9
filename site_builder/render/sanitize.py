"""What an editor writes in Markdown may hold HTML (tables pasted from Word); on the site
it may only be text, tables and formatting: no script, nothing loaded from another host.

Two halves:

* :func:`clean_html` passes the HTML rendered from an editor's Markdown through an
  allow-list sanitiser (nh3, the binding of Rust's ammonia): only the elements,
  attributes, styles and URL schemes listed here survive. The page templates mark where
  an editor's text starts and ends (:func:`editor_text`), so the site's own markup
  (charts, tables with roles and labels) is not passed through the editor's allow-list,
  and an editor's markup cannot end the region early: the marks carry a random key.
* :func:`find_unsafe` reads the editor's source and says, by line, what will be removed,
  so the warning names the file and line. It scans in one pass (no backtracking).
"""

from __future__ import annotations

import re
import secrets
from html import unescape

import nh3
from markupsafe import Markup

# The tags Markdown makes (with the extensions of mkdocs.yml), and those Word and web
# pages paste that mean something on a page. Anything else is removed, its text kept.
# fmt: off
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u",
    "ul", "var", "wbr",
})
# fmt: on
# Removed with everything inside them: their content is code or another document.
# fmt: off
DROP_WITH_CONTENT = frozenset({
    "script", "style", "iframe", "object", "noscript", "template", "frameset", "noembed", "textarea", "title",
    "svg", "math", "xmp", "plaintext", "noframes", "select",
})
# fmt: on
GENERIC_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "style", "align"})
ATTRIBUTES: dict[str, set[str]] = {
    "*": set(GENERIC_ATTRIBUTES),
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "valign", "width", "height"},
    "th": {"colspan", "rowspan", "valign", "width", "height", "scope", "abbr"},
    "col": {"span", "width"},
    "colgroup": {"span", "width"},
    "table": {"width", "border", "cellpadding", "cellspacing", "summary"},
    "tr": {"valign"},
    "ol": {"start", "type", "reversed"},
    "ul": {"type"},
    "li": {"value"},
    "time": {"datetime"},
    "details": {"open"},
    "del": {"datetime", "cite"},
    "ins": {"datetime", "cite"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
# Widths, alignment and colours from Word survive; nothing that loads or positions.
# fmt: off
STYLE_PROPERTIES = frozenset({
    "text-align", "vertical-align", "width", "min-width", "max-width", "height", "font-weight", "font-style",
    "text-decoration", "color", "background-color", "border", "border-top", "border-bottom", "border-left",
    "border-right", "border-collapse", "border-color", "border-style", "border-width", "padding",
    "padding-top", "padding-bottom", "padding-left", "padding-right", "white-space", "list-style-type",
})
# fmt: on
# data: only for inline raster images (see _attribute).
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "data"})
# Attributes whose address the browser fetches when the page loads.
LOAD_ATTRIBUTES = frozenset({"src"})

_C0_AND_SPACE = "".join(map(chr, range(0x21)))
_OTHER_HOST = re.compile(r"^([a-z][a-z0-9+.\-]*:)?[\\/]{2}", re.I)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.\-]*:", re.I)

# Followed by a newline, which browsers ignore: without it Material's search indexer
# glues neighbouring table cells into one term ("30" + "94.58" → "3094.58").
# fmt: off
BLOCK_ENDS = (
    "td", "th", "tr", "li", "p", "dt", "dd", "div", "table", "ol", "ul", "h1", "h2", "h3", "h4", "h5", "h6",
)
# fmt: on
_BLOCK_END = re.compile(r"</(?:" + "|".join(sorted(BLOCK_ENDS, key=len, reverse=True)) + r")>(?!\n)", re.I)

# The marks around an editor's text in a page. The key is new in every process, so
# nothing an editor writes can close the region.
_KEY = secrets.token_hex(12)
EDITOR_START = f"<!--oit-editor-{_KEY}-->"
EDITOR_END = f"<!--/oit-editor-{_KEY}-->"


def editor_text(markdown: str) -> Markup:
    """An editor's Markdown, as a page template places it: between the marks
    :func:`clean_html` sanitises between. Blank lines keep the marks HTML blocks of their own."""
    return Markup(f"\n\n{EDITOR_START}\n\n{markdown}\n\n{EDITOR_END}\n\n")


def _as_browsers_read(url: str) -> str:
    """Browsers drop tabs and line breaks inside a URL, and control characters and spaces around it."""
    return re.sub(r"[\t\n\r]", "", url).strip(_C0_AND_SPACE)


def loads_elsewhere(url: str) -> bool:
    """An address a page would load from another host, or by a scheme (an inline raster image excepted)."""
    url = _as_browsers_read(unescape(url))
    if _OTHER_HOST.match(url):
        return True
    if not _SCHEME.match(url):
        return False
    return not re.match(r"data:image/(png|jpe?g|gif|webp)[;,]", url, re.I)


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name in LOAD_ATTRIBUTES and loads_elsewhere(value):
        return None
    if name == "href" and _as_browsers_read(unescape(value)).lower().startswith("data:"):
        return None
    if name == "id" and value.startswith("_"):
        return None  # Material's own elements are __drawer, __search, __config: no clobbering
    if name == "class":
        kept = [c for c in value.split() if not c.startswith(("md-", "oit-"))]
        return " ".join(kept) or None
    return value


def sanitise(html: str) -> str:
    """HTML from an editor, with only what the allow-lists name."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes=ATTRIBUTES,
        attribute_filter=_attribute,
        strip_comments=True,
        link_rel=None,
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(STYLE_PROPERTIES),
    )


def clean_html(html: str) -> str:
    """A rendered page with every editor region sanitised and the marks removed.

    A region whose end mark the editor's Markdown swallowed (an unclosed code fence or
    HTML block) runs to the end of the page: then the rest of the page is sanitised too.
    """
    out: list[str] = []
    rest = html
    while True:
        start = rest.find(EDITOR_START)
        if start < 0:
            out.append(rest)
            break
        out.append(rest[:start])
        rest = rest[start + len(EDITOR_START) :]
        end = rest.find(EDITOR_END)
        inner, rest = (rest, "") if end < 0 else (rest[:end], rest[end + len(EDITOR_END) :])
        out.append(sanitise(inner))
    return _BLOCK_END.sub("\\g<0>\n", "".join(out))


# ---------------------------------------------------------------- warnings by line

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)([^<>]*)")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?\s*(javascript|vbscript|data)\s*:", re.I)
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]{0,1000}\]\(\s*<?((?:[a-z][a-z0-9+.\-]*:)?//[^\s)>]+)", re.I)

_EMBEDS = frozenset({"iframe", "object", "embed", "frame", "frameset", "applet"})
_FORMS = frozenset({"style", "base", "meta", "link", "form", "input", "button", "textarea", "select"})
_MESSAGES = {
    "script": ("ลบ <script> ออกจากหน้า: เนื้อหาต้องไม่มีสคริปต์ (removed a <script>)", "ลบโค้ดสคริปต์ออกจากไฟล์"),
    "embed": (
        "ลบ <{0}> ออกจากหน้า: สิ่งที่ฝังจากเว็บอื่นทำให้หน้าเว็บโหลดข้อมูลจากภายนอก (removed an embed)",
        "ใส่เป็นลิงก์แทน เช่น [แผนที่สำนักงาน](https://maps.google.com/…)",
    ),
    "form": ("ลบ <{0}> ออกจากหน้า (removed a <{0}> element)", "ลบแท็กนี้ออกจากไฟล์; การจัดรูปแบบหน้าเว็บทำที่ธีม"),
    "drawing": (
        "ลบ <{0}> ออกจากหน้า: ภาพวาดในหน้าอาจมีสคริปต์หรือลิงก์ที่ทำงานได้ (removed an inline <{0}>)",
        "บันทึกภาพเป็น PNG ไว้ใน content/assets/ แล้วแทรกด้วย ![คำอธิบาย](../../assets/ชื่อไฟล์.png)",
    ),
    "handler": (
        "ลบ {0}= ออกจากแท็ก: เนื้อหาต้องไม่มีคำสั่งที่ทำงานเมื่อคลิกหรือโหลด (removed an inline event handler)",
        "ลบแอตทริบิวต์นี้ออกจากไฟล์",
    ),
    "scheme": ("ลบลิงก์ {0}: ออก (removed a script link)", "ใช้ลิงก์ที่ขึ้นต้นด้วย https:// เท่านั้น"),
    "remote": (
        "ลบรูปหรือสื่อที่โหลดจากเว็บอื่น {0} (removed media loaded from another host)",
        "ดาวน์โหลดไฟล์มาไว้ในโฟลเดอร์ของข้อหรือ content/assets/ แล้วอ้างชื่อไฟล์",
    ),
}


def find_unsafe(text: str, first_line: int = 1) -> list[tuple[int, str, str]]:
    """``(line, message, hint)`` for each thing :func:`clean_html` will remove that an
    editor should know of: script, embeds, forms, drawings, event handlers, script links
    and media from another host (plain formatting that goes, such as ``<font>``, is not named)."""
    found: list[tuple[int, str, str]] = []

    def add(position: int, kind: str, what: str) -> None:
        message, hint = _MESSAGES[kind]
        found.append((first_line + text.count("\n", 0, position), message.format(what), hint))

    for match in _TAG.finditer(text):
        closing, tag, attributes = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            continue
        if tag == "script":
            add(match.start(), "script", tag)
        elif tag in _EMBEDS:
            add(match.start(), "embed", tag)
        elif tag in _FORMS:
            add(match.start(), "form", tag)
        elif tag in ("svg", "math"):
            add(match.start(), "drawing", tag)
        for attribute in _ATTRIBUTE.finditer(attributes):
            name = attribute.group(1).lower()
            value = unescape((attribute.group(2) or "").strip("\"'"))
            if name.startswith("on"):
                add(match.start(), "handler", name)
            elif name in ("href", "src", "action", "formaction", "xlink:href"):
                scheme = _SCHEME.match(_as_browsers_read(value))
                if scheme and scheme.group().rstrip(":").lower() in ("javascript", "vbscript"):
                    add(match.start(), "scheme", scheme.group().rstrip(":").lower())
                elif (
                    name == "src"
                    and tag in ("img", "audio", "video", "source", "track")
                    and loads_elsewhere(value)
                ):
                    add(match.start(), "remote", value)
    for match in _MARKDOWN_LINK.finditer(text):
        add(match.start(), "scheme", match.group(1).lower())
    for match in _MARKDOWN_IMAGE.finditer(text):
        add(match.start(), "remote", match.group(1))
    return sorted(found)
