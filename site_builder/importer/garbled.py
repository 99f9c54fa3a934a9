"""A broken Thai text layer: what is wrong with it, and the refusal to draft from it.

A PDF's text layer is judged by how its words read, page by page, and by what is wrong when
they do not: each fault names itself, so the message sends the clerk to the right remedy.

- SARA AM for SARA AA: the fonts' ToUnicode maps give two glyphs one character (รำยงำน for
  รายงาน); the words read again when ำ is taken for า.
- Thai marks in private-use codes (U+F700–U+F71A): old Thai fonts' positioned tone marks and
  vowels, which no reader turns back into letters.
- Shifted letters: a font's map that gives each Thai letter another code, such as the TIS-620
  byte read as a Latin-1 letter (ÃÒÂ§Ò¹ for รายงาน); the words read again shifted back.
- Duplicated clusters: a letter with its marks read twice (ส่งส่ for ส่ง), as pdfium reads the
  ``/ActualText`` Chromium's print-to-PDF (Skia) writes; a second reading of the page that
  takes only the glyphs (pdfminer's) has fewer letters.
- Glyphs with no letter at all.

What ordinary exports carry is not a fault: bullets and ticks in the symbol fonts'
private-use codes (U+F0B7, U+F0FC), the hyphen pdfium reads at a line break (U+FFFE), tone
marks drawn after the letters that follow. Numbers read from a broken layer may be right and
the words around them wrong, so nothing is drafted from one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from site_builder.importer.blocks import plain_symbols, plain_text
from site_builder.importer.formats import Source
from site_builder.importer.words import (
    CLUSTER_TWICE,
    DICTIONARY_SHARE,
    dictionary_share,
    dictionary_words,
)

PRIVATE = re.compile("[\ue000-\uf8ff]")
THAI_PRIVATE = re.compile("[\uf700-\uf71a]")
_CONSONANT = re.compile("[\u0e01-\u0e2e]")
_LATIN_THAI = re.compile("[\u00a1-\u00fb]")
UNMAPPED_SHARE = 0.002
"""Glyphs without a character, per glyph drawn, above which a page is broken."""
TWICE_SHARE = 0.004
"""Letter clusters read twice, per Thai letter, above which a page reads its clusters twice
(real Thai writes a syllable twice with ๆ, not by spelling it again)."""


@dataclass(frozen=True)
class Kind:
    thai: str
    english: str


SARA_AM = Kind("ฟอนต์แปลงสระอาเป็นสระอำ", "the fonts map SARA AA to SARA AM")
PRIVATE_MARKS = Kind(
    "วรรณยุกต์และสระบนล่างเป็นรหัสเฉพาะของฟอนต์ (U+F700–U+F71A)",
    "Thai marks in a font's private-use codes, as old Thai fonts have them",
)
SHIFTED = Kind("ตัวอักษรไทยเลื่อนไปเป็นรหัสอื่น", "the fonts give the Thai letters other codes")
DUPLICATED = Kind(
    "ตัวอักษรพร้อมวรรณยุกต์ถูกอ่านซ้ำ", "letter clusters read twice, as Chromium's print-to-PDF writes them"
)
NO_LETTERS = Kind("อักษรบางตัวไม่มีรหัสตัวอักษร", "glyphs that map to no letter")
UNREADABLE = Kind("ข้อความภาษาไทยอ่านไม่เป็นคำ", "the Thai text does not read as words")
ORDER = (DUPLICATED, SARA_AM, PRIVATE_MARKS, SHIFTED, NO_LETTERS, UNREADABLE)


@dataclass
class Fault:
    kind: Kind
    places: list[str] = field(default_factory=list)
    example: str = ""
    """A word of the file as it reads, and as it should (``«รำยงำน» แทน «รายงาน»``)."""


def _shift(text: str, by: int) -> str:
    return "".join(chr(ord(c) + by) if "\u0e01" <= c <= "\u0e4e" else c for c in text)


def _latin_as_thai(text: str) -> str:
    """Latin-1 letters read back as the TIS-620 bytes they are."""
    return "".join(
        bytes([ord(c)]).decode("cp874", errors="replace") if _LATIN_THAI.match(c) else c for c in text
    )


def _example(text: str, repair: Callable[[str], str], words: frozenset[str]) -> str:
    """A word of the text that reads once repaired: «as it reads» แทน «as it should»."""
    for run in re.findall(r"\S{3,14}", text):
        fixed = repair(run)
        if fixed != run and fixed in words:
            return f"«{run}» แทน «{fixed}»"
    return ""


def diagnose(text: str, words: frozenset[str], glyphs: int = 0, unmapped: int = 0) -> tuple[Kind, str] | None:
    """What is wrong with a page's (or a text's) Thai, with an example; None when it reads."""
    text = plain_symbols(text)
    found = THAI_PRIVATE.search(text) or PRIVATE.search(text)
    if found:
        word = re.search(rf"\S{{0,8}}{re.escape(found.group(0))}\S{{0,8}}", text)
        shown = PRIVATE.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", word.group(0) if word else found.group(0))
        return PRIVATE_MARKS, f"«{shown}»"
    if glyphs and unmapped > UNMAPPED_SHARE * glyphs:
        return NO_LETTERS, ""
    letters = len(_CONSONANT.findall(text))
    twice = CLUSTER_TWICE.findall(text)
    if len(twice) >= 3 and len(twice) > TWICE_SHARE * letters:
        found = CLUSTER_TWICE.search(text)
        assert found is not None
        return DUPLICATED, f"«{found.group(0)}»"
    latin = len(_LATIN_THAI.findall(text))
    if latin > 50 and latin > letters:
        repaired = _latin_as_thai(text)
        share = dictionary_share(repaired, words)
        if share is not None and share >= DICTIONARY_SHARE:
            return SHIFTED, _example(text, _latin_as_thai, words)
    share = dictionary_share(text, words)
    if share is None or share >= DICTIONARY_SHARE:
        return None
    if "ำ" in text:
        repaired_share = dictionary_share(text.replace("ำ", "า"), words)
        if repaired_share is not None and repaired_share >= DICTIONARY_SHARE:
            return SARA_AM, _example(text, lambda w: w.replace("ำ", "า"), words)
    for by in (-1, 1, -2, 2):
        shifted_share = dictionary_share(_shift(text, by), words)
        if shifted_share is not None and shifted_share >= DICTIONARY_SHARE:
            return SHIFTED, _example(text, functools.partial(_shift, by=by), words)
    return UNREADABLE, ""


def faults(source: Source) -> list[Fault]:
    """Each fault of the file's Thai text, with the pages (or ``ทั้งไฟล์``) it is found on."""
    words = dictionary_words()
    found: dict[Kind, Fault] = {}
    if source.kind == "pdf":
        for number in range(1, source.pages + 1):
            text = source.texts.get(number, "")
            diagnosis = diagnose(text, words, source.glyphs.get(number, 0), source.unmapped.get(number, 0))
            if diagnosis is None and number in source.second:
                # Two readings of the page: pdfium's reads more letters than the glyphs drawn.
                first = len(_CONSONANT.findall(text))
                second = len(_CONSONANT.findall(source.second[number]))
                if first > second * 1.01 + 3:
                    found_twice = CLUSTER_TWICE.search(text)
                    diagnosis = DUPLICATED, f"«{found_twice.group(0)}»" if found_twice else ""
            if diagnosis is None:
                continue
            kind, example = diagnosis
            fault = found.setdefault(kind, Fault(kind))
            fault.places.append(f"หน้า {number}")
            fault.example = fault.example or example
    else:
        diagnosis = diagnose(plain_text(source.blocks), words)
        if diagnosis is not None:
            found[diagnosis[0]] = Fault(diagnosis[0], ["ทั้งไฟล์"], diagnosis[1])
    return [found[kind] for kind in ORDER if kind in found]


def _places(places: list[str]) -> str:
    shown = ", ".join(places[:12])
    return shown + (f" และอีก {len(places) - 12} หน้า" if len(places) > 12 else "")


def refusal(name: str, source: Source, found: list[Fault]) -> str:
    """The message of a refusal: each fault with its pages and an example, what was not
    written, and what to bring instead."""
    lines = [f"{name}: ข้อความภาษาไทยในไฟล์อ่านผิด (the Thai text layer is broken)"]
    for fault in found:
        example = f" เช่น {fault.example}" if fault.example else ""
        lines.append(f"  - {fault.kind.thai}{example} ({_places(fault.places)}) ({fault.kind.english})")
    lines.append("  ไม่ได้เขียนร่างใด ๆ (nothing was written)")
    if source.kind != "pdf":
        lines.append(
            "  ข้อความนี้คัดลอกมาจาก PDF ที่ชั้นข้อความเสีย: เปิดต้นฉบับใน Word คัดลอกข้อความทั้งหมด"
            " วางในไฟล์ .txt (UTF-8) แล้วนำเข้าไฟล์นั้น หรือนำเข้าไฟล์ Word (.docx) โดยตรง"
            " (copy the text from the Word original instead)"
        )
    elif any(fault.kind is DUPLICATED for fault in found):
        lines.append(
            "  ให้นำเข้าไฟล์ Word (.docx) ต้นฉบับแทน หรือสร้าง PDF ใหม่ด้วยคำสั่งบันทึกเป็น PDF ของ Word"
            " หรือส่งออกเป็น PDF ของ LibreOffice แทนการสั่งพิมพ์เป็น PDF จากเบราว์เซอร์"
            " (bring the DOCX, or a PDF saved from Word or LibreOffice rather than printed from a browser)"
        )
    else:
        lines.append(
            "  ให้นำเข้าจากไฟล์ Word (.docx) ต้นฉบับแทน หรือเปิดต้นฉบับใน Word คัดลอกข้อความทั้งหมด"
            " วางในไฟล์ .txt (UTF-8) แล้วนำเข้าไฟล์นั้น (bring the DOCX, or text copied from it)"
        )
    return "\n".join(lines)
