"""What an editor's Markdown holds that the site will not show: read from the source, so
that each warning names the file and line (``site_builder.render.sanitize`` removes it
from the page). One pass over the text, no backtracking."""

from __future__ import annotations

import re
from html import unescape
from types import MappingProxyType

from site_builder.urls import SCHEME, as_browsers_read, loads_elsewhere

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)([^<>]*)")
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?""")
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?\s*(javascript|vbscript|data)\s*:", re.I)
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]{0,1000}\]\(\s*<?((?:[a-z][a-z0-9+.\-]*:)?//[^\s)>]+)", re.I)

_EMBEDS = frozenset({"iframe", "object", "embed", "frame", "frameset", "applet"})
_FORMS = frozenset({"style", "base", "meta", "link", "form", "input", "button", "textarea", "select"})
_MESSAGES = MappingProxyType(
    {
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
)


def find_unsafe(text: str, first_line: int = 1) -> list[tuple[int, str, str]]:
    """``(line, message, hint)`` for each thing the sanitiser will remove that an editor
    should know of: script, embeds, forms, drawings, event handlers, script links and
    media from another host (plain formatting that goes, such as ``<font>``, is not named)."""
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
                scheme = SCHEME.match(as_browsers_read(value))
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
