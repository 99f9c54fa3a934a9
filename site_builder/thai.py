"""Thai digits, Buddhist-era dates and fiscal years."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = MappingProxyType(str.maketrans(THAI_DIGITS, "0123456789"))
BE_OFFSET = 543

MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


_THAI_DIGIT = re.compile(f"[{THAI_DIGITS}]")


def to_arabic_digits(text: str) -> str:
    # str.translate looks up every character of a Thai text; most texts have no Thai digit.
    return text.translate(_TO_ARABIC) if _THAI_DIGIT.search(text) else text


def parse_number(value: object) -> float:
    """A score as an editor writes it: ``92.51``, ``"๙๒.๕๑"``, ``"92.51 คะแนน"`` is refused.

    Raises ValueError with a Thai message for anything that is not one plain number,
    including Thai and Arabic digits mixed in one number, NaN and infinity.
    """
    if isinstance(value, bool):
        raise ValueError("ต้องเป็นตัวเลข ไม่ใช่ true/false (must be a number, not true/false)")
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", "")
        has_thai = any(ch in THAI_DIGITS for ch in text)
        has_arabic = any(ch.isascii() and ch.isdigit() for ch in text)
        if has_thai and has_arabic:
            raise ValueError(
                f"ตัวเลข '{value}' ปนเลขไทยกับเลขอารบิก (Thai and Arabic digits mixed in one number); "
                "ให้เขียนด้วยเลขชุดเดียว เช่น 92.51 หรือ ๙๒.๕๑"
            )
        text = to_arabic_digits(text)
        if not _NUMBER.match(text):
            raise ValueError(
                f"'{value}' ไม่ใช่ตัวเลข (not a number); เขียนเฉพาะตัวเลข เช่น 92.51 หรือ ๙๒.๕๑ ไม่ต้องมีหน่วย"
            )
        number = float(text)
    else:
        raise ValueError(f"ต้องเป็นตัวเลข (must be a number), found {type(value).__name__}")
    if math.isnan(number) or math.isinf(number):
        raise ValueError("ต้องเป็นตัวเลขจริง ไม่ใช่ NaN หรือ infinity (must be a finite number)")
    return number


def be_year(year_ce: int) -> int:
    return year_ce + BE_OFFSET


def fiscal_year_of(day: date) -> int:
    """Thai fiscal year (Buddhist era) a date falls in: FY N runs 1 Oct N-1 to 30 Sep N."""
    return be_year(day.year) + (1 if day.month >= 10 else 0)


def fiscal_year_bounds(fiscal_year: int) -> tuple[date, date]:
    year_ce = fiscal_year - BE_OFFSET
    return date(year_ce - 1, 10, 1), date(year_ce, 9, 30)


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month, for periods written as ``2023-01``."""

    year: int
    month: int

    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def last_day(self) -> date:
        nxt = date(self.year + (self.month == 12), self.month % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def thai_date(day: date | Month | None, short: bool = False) -> str:
    """``date(2026, 11, 22)`` → ``22 พฤศจิกายน 2569``; a Month → ``พฤศจิกายน 2569``."""
    if day is None:
        return ""
    months = MONTHS_SHORT if short else MONTHS
    if isinstance(day, Month):
        return f"{months[day.month - 1]} {be_year(day.year)}"
    return f"{day.day} {months[day.month - 1]} {be_year(day.year)}"


# Thai fonts for print: Sarabun first (the open successor of TH Sarabun, the font of Thai
# official documents), which the package installs with the project (fontpkg-sarabun) and
# the PDF embeds from there; then system fonts, for the charts in a browser's printout.
THAI_FONTS = (
    "Sarabun",
    "Norasi",
    "Loma",
    "Garuda",
    "Noto Serif Thai",
    "Noto Sans Thai",
    "TH Sarabun New",
    "Waree",
)


class TypedFloat(float):
    """A number as the agency typed it: its value, and its text (``๙๒.๕๑``, ``84.30``, ``100``),
    which the pages show unchanged (``str()`` gives it, so a number written where text is
    expected, ``number: 1.``, is the text typed). Arithmetic on it gives a plain float: a
    value the site computes is formatted by the site."""

    typed: str

    def __new__(cls, value: float, typed: str) -> TypedFloat:
        number = super().__new__(cls, value)
        number.typed = typed
        return number

    def __str__(self) -> str:
        return self.typed

    def __reduce__(self) -> tuple[type[TypedFloat], tuple[float, str]]:
        return (TypedFloat, (float(self), self.typed))


class TypedInt(int):
    """A whole number as the agency typed it (``100``, ``012``): its value and its text."""

    typed: str

    def __new__(cls, value: int, typed: str) -> TypedInt:
        number = super().__new__(cls, value)
        number.typed = typed
        return number

    def __str__(self) -> str:
        return self.typed

    def __reduce__(self) -> tuple[type[TypedInt], tuple[int, str]]:
        return (TypedInt, (int(self), self.typed))


def typed_text(value: object) -> str | None:
    """The text a number was typed as (``๘๔.๓``, ``84.30``), or None for a number the site
    computed or one given without its text."""
    typed = getattr(value, "typed", None)
    return typed if isinstance(typed, str) else None


def format_score(value: float | None) -> str:
    """A score as the agency typed it (Thai or Arabic digits, its own decimals); a score the
    site computes with two decimals, as the NACC publishes them."""
    if value is None:
        return "–"
    return typed_text(value) or f"{value:.2f}"


def format_change(value: float) -> str:
    """A change of score, signed, with a true minus sign: +2.60, −0.80."""
    return f"{value:+.2f}".replace("-", "−")


# ------------------------------------------------------------------ places

BANGKOK = "กรุงเทพมหานคร"
_BANGKOK_NAMES = (BANGKOK, "กรุงเทพฯ", "กรุงเทพ", "กทม.", "กทม")
# What people type before a name: the page writes the word itself (อำเภอ, เขต, จังหวัด).
_DISTRICT_PREFIX = re.compile(r"^(?:อำเภอ|อ\s*\.|เขต|ข\s*\.)\s*")
_PROVINCE_PREFIX = re.compile(r"^(?:จังหวัด|จ\s*\.)\s*")


def bare_district(text: str) -> str:
    """``อ.บางเลน``, ``อำเภอบางเลน``, ``เขตบางรัก`` → ``บางเลน``, ``บางรัก``."""
    return _DISTRICT_PREFIX.sub("", text.strip()).strip() or text.strip()


def bare_province(text: str) -> str:
    """``จ.นครปฐม``, ``จังหวัดนครปฐม`` → ``นครปฐม``; ``กทม.``, ``กรุงเทพฯ`` → ``กรุงเทพมหานคร``."""
    name = _PROVINCE_PREFIX.sub("", text.strip()).strip() or text.strip()
    return BANGKOK if name in _BANGKOK_NAMES else name


def district_label(district: str, province: str) -> str:
    """``อำเภอบางเลน``; in Bangkok, ``เขตบางรัก``."""
    return ("เขต" if bare_province(province) == BANGKOK else "อำเภอ") + bare_district(district)


def province_label(province: str) -> str:
    """``จังหวัดนครปฐม``; Bangkok is named alone, ``กรุงเทพมหานคร``."""
    name = bare_province(province)
    return name if name == BANGKOK else "จังหวัด" + name
