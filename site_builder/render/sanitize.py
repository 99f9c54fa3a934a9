"""What an editor writes in Markdown may hold HTML (tables pasted from Word); on the site
it may only be text, tables and formatting: no script, nothing loaded from another host.

Two halves:

* :func:`clean_html` passes the HTML rendered from an editor's Markdown through an
  allow-list sanitiser (nh3, the binding of Rust's ammonia): only the elements,
  attributes, styles and URL schemes listed here survive. The page templates mark where
  an editor's text starts and ends (:func:`editor_text`), so the site's own markup
  (charts, tables with roles and labels) is not passed through the editor's allow-list,
  and an editor's markup cannot end the region early: the marks carry a random key.
* :func:`site_builder.load.markup.find_unsafe` reads the editor's source and says, by
  line, what will be removed, so the warning names the file and line.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from html import unescape
from types import MappingProxyType

import nh3
from markupsafe import Markup

from site_builder.urls import as_browsers_read, loads_elsewhere

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
ATTRIBUTES: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "*": GENERIC_ATTRIBUTES,
        "a": frozenset({"href"}),
        "img": frozenset({"src", "alt", "width", "height"}),
        "td": frozenset({"colspan", "rowspan", "valign", "width", "height"}),
        "th": frozenset({"colspan", "rowspan", "valign", "width", "height", "scope", "abbr"}),
        "col": frozenset({"span", "width"}),
        "colgroup": frozenset({"span", "width"}),
        "table": frozenset({"width", "border", "cellpadding", "cellspacing", "summary"}),
        "tr": frozenset({"valign"}),
        "ol": frozenset({"start", "type", "reversed"}),
        "ul": frozenset({"type"}),
        "li": frozenset({"value"}),
        "time": frozenset({"datetime"}),
        "details": frozenset({"open"}),
        "del": frozenset({"datetime", "cite"}),
        "ins": frozenset({"datetime", "cite"}),
        "q": frozenset({"cite"}),
        "blockquote": frozenset({"cite"}),
    }
)
# Widths, alignment and colours from Word survive; nothing that loads or positions.
# fmt: off
STYLE_PROPERTIES = frozenset({
    "text-align", "vertical-align", "width", "min-width", "max-width", "height", "font-weight", "font-style",
    "text-decoration", "color", "background-color", "border", "border-top", "border-bottom", "border-left",
    "border-right", "border-collapse", "border-color", "border-style", "border-width", "padding",
    "padding-top", "padding-bottom", "padding-left", "padding-right", "white-space", "list-style-type",
})
# fmt: on
# The site's classes an editor's Markdown itself makes (site_builder/render/typed_numbers.py);
# every other md- or oit- class is the site's own and is removed from an editor's text.
MARKDOWN_CLASSES = frozenset({"oit-typed", "oit-typed__n"})
# data: only for inline raster images (see _attribute).
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel", "data"})
# Attributes whose address the browser fetches when the page loads.
LOAD_ATTRIBUTES = frozenset({"src"})

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


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name in LOAD_ATTRIBUTES and loads_elsewhere(value):
        return None
    if name == "href" and as_browsers_read(unescape(value)).lower().startswith("data:"):
        return None
    if name == "id" and value.startswith("_"):
        return None  # Material's own elements are __drawer, __search, __config: no clobbering
    if name == "class":
        kept = [c for c in value.split() if c in MARKDOWN_CLASSES or not c.startswith(("md-", "oit-"))]
        return " ".join(kept) or None
    return value


def sanitise(html: str) -> str:
    """HTML from an editor, with only what the allow-lists name."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(DROP_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
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


_URL_LINK = re.compile(r"<a (?![^>]*\bclass=)([^>]*)>((?:https?://|www\.)[^<\s]*)</a>")


def mark_url_links(html: str) -> str:
    """Links whose text is a URL get the class ``oit-url``: the stylesheet lets a URL break
    anywhere, while Thai text breaks only between words."""
    return _URL_LINK.sub(r'<a class="oit-url" \1>\2</a>', html)
