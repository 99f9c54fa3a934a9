"""Links and images in an item's Markdown that point to a file the site will not have.

MkDocs finds them only in a strict build, in English and without a line; ``oit-site
check`` and the build name the file and line in Thai, for the same links MkDocs would fail
on: a relative address whose last part names a file (``แผน.pdf``, ``../o2/index.md``,
``รูป/ผัง.png``) and which is none of the site's files.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Iterable, Iterator
from urllib.parse import unquote, urlsplit

from site_builder.errors import ContentError
from site_builder.model.site import Site

# Code is not a link: fences and code spans are blanked (their line breaks kept) first.
_FENCED = re.compile(r"^[ ]{0,3}(`{3,}|~{3,}).*?^[ ]{0,3}\1[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_INLINE = re.compile(r"(!?)\[(?:[^\[\]\\]|\\.)*\]\(\s*(<[^>\n]*>|[^\s()]+(?:\([^\s()]*\)[^\s()]*)*)")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:[ \t]*(<[^>\n]*>|\S+)", re.M)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def link_targets(markdown: str) -> Iterator[tuple[int, bool, str]]:
    """(line within ``markdown``, whether an image, the address as written) of each link."""
    text = _CODE_SPAN.sub(_blank, _FENCED.sub(_blank, markdown))
    found = [(m.start(2), m.group(1) == "!", m.group(2)) for m in _INLINE.finditer(text)]
    found += [(m.start(1), False, m.group(1)) for m in _REFERENCE.finditer(text)]
    for at, image, target in sorted(found):
        yield text.count("\n", 0, at) + 1, image, target.strip("<>")


def missing_target(page_uri: str, target: str, published: frozenset[str]) -> str | None:
    """Where ``target``, written in the page ``page_uri``, points in the site when that is
    a file the site does not have; None when it is there, or is not a file MkDocs checks."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith(("/", "\\")) or not parts.path:
        return None
    path = unquote(parts.path)
    if not posixpath.splitext(path)[1]:
        return None  # a page's address (../o2/): MkDocs leaves those as they are
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_uri), path))
    if unicodedata.normalize("NFC", resolved) in published:
        return None
    return resolved


def missing_links(site: Site, published: Iterable[str]) -> list[ContentError]:
    """An error for each link or image of an item's text whose file the site will not have
    (``published``: every path the site will have, as MkDocs' ``src_uri``)."""
    have = frozenset(unicodedata.normalize("NFC", uri) for uri in published)
    errors = []
    for fy in site.years:
        for entry in fy.items:
            if entry.source is None:
                continue
            uri = f"{fy.year}/{entry.item.slug}/index.md"
            for line, image, target in link_targets(entry.body):
                where = missing_target(uri, target, have)
                if where is None:
                    continue
                what = "รูป" if image else "ลิงก์"
                errors.append(
                    ContentError(
                        site.rel(entry.source),
                        f"{what} '{target}' ชี้ไปที่ /{where} ซึ่งไม่มีในเว็บไซต์ "
                        f"({'an image' if image else 'a link'} to a file the site does not have)",
                        entry.body_line + line - 1,
                        hint=(
                            f"วางไฟล์ไว้ใน {site.rel(entry.source.parent)}/ แล้วเขียนชื่อให้ตรงกัน "
                            "(ทั้งตัวพิมพ์เล็ก/ใหญ่และช่องว่าง) หรือลบลิงก์นี้"
                        ),
                    )
                )
    return errors
