"""What may be published from ``content/``: file types, file names, and SVG images.

The site is served from the agency's own origin, so a file published there runs with the
site's authority: an ``.html`` or ``.svg`` page with script, a ``.php`` file on PHP
hosting, an ``.htaccess`` that sets server directives. Documents are therefore taken by
an allow-list of inert types, each checked against the first bytes of the file (a Word
"web page" renamed ``.pdf`` is refused, and so is a Word file that cannot be opened as
the PDF its name promises). Everything else is an error that names the file and says
what to do with it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from xml.etree import ElementTree

from site_builder.urls import URL_SYNTAX, invisible_or_control

# Files an editor's computer makes by itself: never published, never an error.
JUNK = re.compile(r"^(?:thumbs\.db|desktop\.ini|~\$.*|\.~lock\..*|~.*\.tmp|\..*)$", re.I)


@dataclass(frozen=True)
class FileType:
    """An allowed kind of document."""

    name: str
    """What it is, in Thai and English, for messages."""
    signatures: tuple[bytes, ...] = ()
    """How such a file starts (any of these); empty: not checked (plain text)."""
    offset: int = 0
    """Where the signature stands (``ftyp`` of MP4 stands at byte 4)."""


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97–2003 (.doc, .xls, .ppt)
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")  # also Office Open XML and OpenDocument
_PDF = FileType("PDF", (b"%PDF-",))
_WORD = FileType("Word (.doc)", (_OLE,))
_IMAGE_JPEG = FileType("JPEG", (b"\xff\xd8\xff",))

DOCUMENT_TYPES: Mapping[str, FileType] = MappingProxyType(
    {
        "pdf": _PDF,
        "doc": _WORD,
        "docx": FileType("Word", _ZIP),
        "xls": FileType("Excel (.xls)", (_OLE,)),
        "xlsx": FileType("Excel", _ZIP),
        "ppt": FileType("PowerPoint (.ppt)", (_OLE,)),
        "pptx": FileType("PowerPoint", _ZIP),
        "odt": FileType("OpenDocument", _ZIP),
        "ods": FileType("OpenDocument", _ZIP),
        "odp": FileType("OpenDocument", _ZIP),
        "rtf": FileType("RTF", (b"{\\rtf",)),
        "csv": FileType("CSV"),
        "txt": FileType("ข้อความ (text)"),
        "jpg": _IMAGE_JPEG,
        "jpeg": _IMAGE_JPEG,
        "png": FileType("PNG", (b"\x89PNG\r\n\x1a\n",)),
        "gif": FileType("GIF", (b"GIF87a", b"GIF89a")),
        "webp": FileType("WebP", (b"RIFF",)),
        "tif": FileType("TIFF", (b"II*\x00", b"MM\x00*")),
        "tiff": FileType("TIFF", (b"II*\x00", b"MM\x00*")),
        "zip": FileType("ZIP", _ZIP),
        "rar": FileType("RAR", (b"Rar!\x1a\x07",)),
        "7z": FileType("7-Zip", (b"7z\xbc\xaf\x27\x1c",)),
        "mp3": FileType("MP3"),
        "mp4": FileType("MP4", (b"ftyp",), offset=4),
    }
)
# Images for Markdown pages and the logo: the inert raster types, and SVG once checked.
IMAGE_TYPES = frozenset({"jpg", "jpeg", "png", "gif", "webp", "svg"})
# content/assets/ holds images for the pages and the documents they link to.
ASSET_TYPES = frozenset(set(DOCUMENT_TYPES) | {"svg"})

# A PDF may have a few bytes of junk before its header; readers look in the first KiB.
_PDF_WINDOW = 1024

# GitHub refuses files over 100 MB, and so do most shared hosts'
# upload limits; a scan that large wants splitting or compressing anyway.
MAX_DOCUMENT_BYTES = 100 * 1024 * 1024


# A name may hold # and % (ประกาศ ฉบับที่ #2.pdf, ผลการเบิกจ่าย 100%.pdf): every address the
# site writes of a file percent-encodes them (%23, %25). The rest of URL_SYNTAX would break
# a server's rules or a Windows copy of the site.
NAME_SYNTAX = URL_SYNTAX - {"#", "%"}


def name_problem(name: str) -> str | None:
    """What is wrong with a file or folder name for publishing, or None."""
    for char in name:
        if invisible_or_control(char):
            code = f"U+{ord(char):04X}"
            return f"ชื่อมีอักขระที่มองไม่เห็น {code} (the name holds an invisible character {code})"
        if char in NAME_SYNTAX:
            return (
                f"ชื่อมีเครื่องหมาย {char} ซึ่งใช้ในที่อยู่เว็บไม่ได้ "
                f"(the name holds '{char}', which a web address cannot carry)"
            )
    if name != name.strip() or name.endswith("."):
        return "ชื่อขึ้นต้นหรือลงท้ายด้วยช่องว่างหรือจุด (the name starts or ends with a space or a dot)"
    return None


def extension(name: str) -> str:
    return Path(name).suffix.lstrip(".").lower()


def allowed_types_text(types: AbstractSet[str] | Mapping[str, FileType]) -> str:
    return ", ".join(sorted(types))


def type_problem(path: Path, allowed: AbstractSet[str] | Mapping[str, FileType]) -> tuple[str, str] | None:
    """``(message, hint)`` when ``path`` is not an allowed, intact file of its type."""
    ext = extension(path.name)
    if ext not in allowed:
        hint = (
            "หน้าเว็บหรือไฟล์ที่บันทึกจาก Word เป็นเว็บเพจ (.htm) ให้สั่งพิมพ์เป็น PDF แล้วใช้ไฟล์ PDF แทน; "
            f"ชนิดไฟล์ที่เผยแพร่ได้: {allowed_types_text(allowed)}"
        )
        if ext in (
            "htm",
            "html",
            "xhtml",
            "mht",
            "mhtml",
            "shtml",
            "php",
            "phtml",
            "asp",
            "aspx",
            "jsp",
            "js",
            "svg",
        ):
            return (
                f"ไฟล์ .{ext} เผยแพร่ไม่ได้: หน้าเว็บและสคริปต์จะทำงานบนเว็บไซต์ของหน่วยงาน "
                f"(a .{ext} file can run code on the agency's site)"
            ), hint
        what = f".{ext}" if ext else "ไม่มีนามสกุล (no extension)"
        return f"ชนิดไฟล์ {what} เผยแพร่ไม่ได้ (file type not allowed)", hint
    size = path.stat().st_size
    if size == 0:
        return "ไฟล์ว่างเปล่า 0 ไบต์ (the file is empty)", "คัดลอกไฟล์เอกสารฉบับจริงมาวางใหม่ หรือลบไฟล์นี้"
    if size > MAX_DOCUMENT_BYTES:
        return (
            f"ไฟล์ใหญ่เกินไป ({size / 1024 / 1024:.0f} MB; ไม่เกิน {MAX_DOCUMENT_BYTES // 1024 // 1024} MB) "
            "(the file is too large)",
            "ลดขนาด PDF (บีบอัด หรือสแกนที่ 150 dpi) หรือแบ่งเป็นหลายไฟล์",
        )
    if ext == "svg":
        return None  # checked by svg_problem
    kind = DOCUMENT_TYPES[ext]
    if not kind.signatures:
        return None
    with path.open("rb") as handle:
        head = handle.read(_PDF_WINDOW if kind is _PDF else 64)
    window = head if kind is _PDF else head[kind.offset :]
    found = (
        any(s in window for s in kind.signatures)
        if kind is _PDF
        else any(window.startswith(s) for s in kind.signatures)
    )
    if found:
        return None
    return (
        f"ไฟล์ชื่อลงท้าย .{ext} แต่เนื้อในไม่ใช่ {kind.name} (the file is not the {kind.name} its name says)",
        f"เปิดไฟล์ด้วยโปรแกรมที่สร้างแล้วบันทึกหรือพิมพ์เป็น {kind.name} อีกครั้ง; อย่าเปลี่ยนนามสกุลไฟล์เอง",
    )


_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
# Elements of a drawing: shapes, text, gradients and the like. No script, no foreign
# content, no animation (it can set a link to javascript:), no images (they load).
# fmt: off
_SVG_ELEMENTS = frozenset({
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "path", "rect", "circle", "ellipse",
    "line", "polyline", "polygon", "text", "tspan", "textPath", "linearGradient", "radialGradient", "stop",
    "clipPath", "mask", "pattern", "marker", "filter", "feGaussianBlur", "feOffset", "feBlend",
    "feColorMatrix", "feComposite", "feFlood", "feMerge", "feMergeNode", "style",
})
# fmt: on
_SVG_URL_IN_CSS = re.compile(r"url\s*\(\s*['\"]?\s*(?!#)|@import|expression\s*\(", re.I)


def svg_problem(data: bytes) -> str | None:
    """Why an SVG image may not be published (script, links, outside references), or None."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return "มีการประกาศ DOCTYPE/ENTITY (a DOCTYPE or entity declaration)"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        return f"อ่านไฟล์ SVG ไม่ได้ (not a readable SVG: {exc})"
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        local = tag[len(_SVG_NS) :] if tag.startswith(_SVG_NS) else None
        if local is None:
            return f"มีส่วนที่ไม่ใช่ภาพ SVG <{tag}> (an element from outside SVG)"
        if local not in _SVG_ELEMENTS:
            return f"มี <{local}> ซึ่งทำงานหรือโหลดข้อมูลได้ (an active <{local}> element)"
        if local == "style" and _SVG_URL_IN_CSS.search(element.text or ""):
            return "มี CSS ที่โหลดข้อมูลจากที่อื่น (CSS that loads from elsewhere)"
        for name, value in element.attrib.items():
            short = name.rsplit("}", 1)[-1].lower()
            if short.startswith("on"):
                return f"มีคำสั่ง {short}= ที่ทำงานเมื่อเปิดภาพ (an event handler)"
            if (short == "href" or name == _XLINK_HREF) and not value.strip().startswith("#"):
                return f"มีลิงก์หรือการอ้างถึงที่อื่น {value[:60]} (a link or outside reference)"
            if _SVG_URL_IN_CSS.search(value):
                return "มี CSS ที่โหลดข้อมูลจากที่อื่น (CSS that loads from elsewhere)"
    return None
