"""The words and shapes of ITA reports the recognisers look for: numbers in Thai or Arabic
digits, question codes, indicator names, periods, numbered and bulleted lists in a cell."""

from __future__ import annotations

import difflib
import re
from datetime import date
from types import MappingProxyType

from site_builder.model.framework import Framework
from site_builder.thai import BE_OFFSET, MONTHS, MONTHS_SHORT, to_arabic_digits

D = "[0-9๐-๙]"
NUMBER = rf"{D}{{1,3}}(?:\.{D}{{1,2}})?"
YEAR = re.compile(rf"ประจำ\s?ปี\s?(?:งบประมาณ)?\s*(?:พ\.\s?ศ\.\s*)?({D}{{4}})")
LEVELS = ("ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน", "ต้องปรับปรุงโดยด่วน", "ต้องปรับปรุง", "AA", "A", "B", "C", "D", "E", "F")
LEVEL = "(?:" + "|".join(re.escape(level) for level in LEVELS) + r")(?![A-Za-z\u0e00-\u0e7f])"
TOOL_NAMES = MappingProxyType(
    {
        "IIT": re.compile(r"\bIIT\b|ผู้มีส่วนได้ส่วนเสียภายใน(?!อก)"),
        "EIT": re.compile(r"\bEIT\b|ผู้มีส่วนได้ส่วนเสียภายนอก"),
        "OIT": re.compile(r"\bOIT\b|การเปิดเผยสาธารณะ"),
    }
)
# A question code as reports print it: i7, E๗, O12, "ข้อ ๐๗" (a Thai zero for the letter O).
CODE = rf"(?:[iIeEoO]\s?{D}{{1,2}}|๐{D}{{1,2}})"
CODE_RE = re.compile(rf"(?<![A-Za-z0-9๐-๙]){CODE}(?![0-9๐-๙])")


def digits(text: str) -> str:
    return to_arabic_digits(text)


def year_of(text: str) -> int | None:
    match = YEAR.search(text)
    if not match:
        return None
    year = int(digits(match.group(1)))
    return year if 2500 <= year <= 2700 else None


def code_key(printed: str) -> str:
    """The site's code of a printed question code: ``E๗`` → ``e7``, ``๐๗`` → ``o7``."""
    text = digits(printed.replace(" ", ""))
    if printed.startswith("๐"):
        text = "o" + digits(printed[1:])
    return text[0].lower() + str(int(text[1:]))


def tool_of(text: str) -> str | None:
    found = [(m.start(), tool) for tool, pattern in TOOL_NAMES.items() if (m := pattern.search(text))]
    return min(found)[1] if found else None


def squeeze(text: str) -> str:
    """A text without spaces, for comparing words a PDF's layout cut up."""
    return re.sub(r"\s+", "", text)


# -------------------------------------------------------------- indicators

_LOOSE = (("ของทางราชการ", "ของราชการ"), ("ระบบการทำงาน", "การทำงาน"), ("ด้าน", ""))


def _loose(text: str) -> str:
    text = squeeze(text)
    for old, new in _LOOSE:
        text = text.replace(old, new)
    return text


def indicator_named(framework: Framework, text: str) -> tuple[int, bool] | None:
    """The indicator a heading names, and whether the name is certain (printed as the
    framework has it) or a near match."""
    loose = _loose(re.sub(rf"^\(?{D}+[.)]\s*", "", text))
    if not loose:
        return None
    for indicator in framework.indicators:
        if _loose(indicator.title) in loose[: len(_loose(indicator.title)) + 12]:
            return indicator.number, True
    best = max(
        framework.indicators,
        key=lambda i: difflib.SequenceMatcher(None, _loose(i.title), loose[: len(_loose(i.title))]).ratio(),
    )
    ratio = difflib.SequenceMatcher(None, _loose(best.title), loose[: len(_loose(best.title))]).ratio()
    return (best.number, False) if ratio >= 0.7 else None


def indicators_in(framework: Framework, text: str) -> list[tuple[int, int]]:
    """Indicators named in a text, each with where its name ends."""
    loose = squeeze(text)
    found = []
    for indicator in framework.indicators:
        for name in {indicator.title, _loose(indicator.title)}:
            at = loose.find(squeeze(name))
            if at >= 0:
                found.append((at + len(squeeze(name)), indicator.number))
                break
    for match in re.finditer(rf"ตัวชี้วัดที่\s*({D}{{1,2}})", text):
        number = int(digits(match.group(1)))
        if 1 <= number <= 10:
            found.append((len(squeeze(text[: match.end()])), number))
    return sorted(found)


def question_indicator(framework: Framework, code: str) -> int | None:
    """The indicator a question belongs to, from the framework's ranges (``i7-i12``)."""
    letter, number = code[0], int(code[1:])
    for indicator in framework.indicators:
        for part in (indicator.questions or "").split(","):
            match = re.fullmatch(r"\s*([ieo])(\d+)\s*-\s*[ieo]?(\d+)\s*", part)
            if match and match.group(1) == letter and int(match.group(2)) <= number <= int(match.group(3)):
                return indicator.number
    return None


# -------------------------------------------------------------- lists in a cell

_MARKER = re.compile(rf"(?:(?<=\s)|^)({D}{{1,2}})\s?[.)](?![0-9๐-๙])\s*")
_BULLET = re.compile(r"^\s*[-•▪●○◦➢]\s*")


def numbered(text: str) -> list[str]:
    """A text cut at its list numbers (๑. ๒. … or 1) 2) …) counted up one by one, the numbers
    left off; text before the first number is an entry of its own."""
    entries: list[str] = []
    expected: int | None = None
    start = 0
    for match in _MARKER.finditer(text):
        value = int(digits(match.group(1)))
        if (expected is None and (match.start() == 0 or value == 1)) or value == expected:
            head = text[start : match.start()].strip()
            if head and (expected is not None or match.start() > 0):
                entries.append(head)
            start = match.end()
            expected = value + 1
    tail = text[start:].strip()
    if tail:
        entries.append(tail)
    return entries


def entries(cell: str) -> list[str]:
    """A cell's entries: its paragraphs, bullets and numbered entries; a paragraph that
    carries on a numbered entry (no number, no bullet) is joined to it."""
    out: list[str] = []
    listing = False
    for piece in cell.split("\n"):
        piece = piece.strip()
        if not piece:
            continue
        if _BULLET.match(piece):
            bullets = [b.strip() for b in re.split(r"(?:^|\s)[-•▪●]\s*(?=\S)", piece) if b.strip()]
            out.extend(bullets)
            listing = False
            continue
        parts = numbered(piece)
        starts_numbered = bool(_MARKER.match(piece))
        if not starts_numbered and listing and out:
            out[-1] = join(out[-1], parts[0])
            parts = parts[1:]
        out.extend(parts)
        listing = listing or starts_numbered or len(parts) > 1
    return out


def join(left: str, right: str) -> str:
    if left and right and "\u0e00" <= left[-1] <= "\u0e7f" and "\u0e00" <= right[0] <= "\u0e7f":
        return left + right
    return f"{left} {right}".strip()


def one_or_list(values: list[str]) -> str | list[str]:
    return values[0] if len(values) == 1 else values


# -------------------------------------------------------------- periods

_MONTH_NAMES = (
    *((name, i + 1) for i, name in enumerate(MONTHS)),
    *((name, i + 1) for i, name in enumerate(MONTHS_SHORT)),
)
_MONTH = "(" + "|".join(re.escape(n) for n, _ in sorted(_MONTH_NAMES, key=lambda p: -len(p[0]))) + ")"
_WHEN = re.compile(rf"(?:({D}{{1,2}})\s*)?{_MONTH}\s*(?:พ\.\s?ศ\.\s*)?({D}{{2,4}})")


def _month_number(name: str) -> int:
    return next(number for text, number in _MONTH_NAMES if text == name)


def _ce_year(printed: str) -> int:
    year = int(digits(printed))
    if year < 100:
        year += 2500
    return year - BE_OFFSET if year > 2400 else year


def period(text: str, fiscal_year: int | None) -> dict[str, object] | None:
    """``{start, end}`` (dates or months, Common Era) or ``{fiscal_year}`` of a printed
    period; None when it cannot be read."""
    found = list(_WHEN.finditer(text))
    if len(found) >= 2:
        ends = []
        for match in found[:2]:
            day, month, year = match.group(1), _month_number(match.group(2)), _ce_year(match.group(3))
            if day:
                try:
                    ends.append(date(year, month, int(digits(day))).isoformat())
                except ValueError:
                    return None
            else:
                ends.append(f"{year:04d}-{month:02d}")
        if len(ends[0]) != len(ends[1]):
            return None
        return {"start": ends[0], "end": ends[1]}
    whole = re.search(rf"ปีงบประมาณ\s*(?:พ\.\s?ศ\.\s*)?({D}{{4}})", text)
    if whole and not found:
        return {"fiscal_year": int(digits(whole.group(1)))}
    if fiscal_year and not found and re.search(r"(?:ตลอด|ทั้ง)ปีงบประมาณ", text):
        return {"fiscal_year": fiscal_year}
    return None


# The names of local governments as reports print them, and the short forms clerks type.
_AGENCY_NAME = re.compile(r"(?:เทศบาล(?:นคร|เมือง|ตำบล)|องค์การบริหารส่วน(?:ตำบล|จังหวัด))[\u0e01-\u0e4e]+")
_SHORT_KINDS = (
    ("อบต.", "องค์การบริหารส่วนตำบล"),
    ("อบจ.", "องค์การบริหารส่วนจังหวัด"),
    ("ทต.", "เทศบาลตำบล"),
    ("ทม.", "เทศบาลเมือง"),
    ("ทน.", "เทศบาลนคร"),
)


def full_name(name: str) -> str:
    """An agency's name without spaces and with its kind written out (``อบต.หนองบัว`` →
    ``องค์การบริหารส่วนตำบลหนองบัว``), for comparing."""
    text = squeeze(name)
    for short, long in _SHORT_KINDS:
        if text.startswith(short):
            return long + text[len(short) :]
    return text


def report_agency(text: str) -> str | None:
    """The local government a report is about: the name it prints most, at least twice
    (a name runs into the next word in Thai, so the shortest of a run's readings counts)."""
    found = _AGENCY_NAME.findall(text)
    counts: dict[str, int] = {}
    for name in sorted(set(found), key=len):
        # "เทศบาลตำบลวัดธาตุมีการวิเคราะห์…" is "เทศบาลตำบลวัดธาตุ" read on.
        base = next((known for known in counts if name.startswith(known)), name)
        counts[base] = counts.get(base, 0) + found.count(name)
    name, count = max(counts.items(), key=lambda kv: kv[1], default=(None, 0))
    return name if count >= 2 else None


# -------------------------------------------------------------- readable Thai

_THAI_RUN = re.compile(r"[\u0e01-\u0e4e]+")
SAMPLE = 4000
"""Thai characters looked at per page (or per report of text): enough to tell, quick on a
long report."""
DICTIONARY_SHARE = 0.93
"""Below this share of Thai letters in dictionary words, a text is not readable Thai: the
seed reports as typed score 0.98 to 0.99, LibreOffice's PDFs of them 0.95 to 0.998, with SARA
AM for SARA AA 0.83 to 0.89."""
LONGEST = 20
"""The longest word looked up (a few compounds of the word list are longer)."""
CLUSTER_TWICE = re.compile(
    r"([\u0e01-\u0e2e][\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+)[\u0e01-\u0e2e\u0e30\u0e32\u0e33\u0e40-\u0e44]\1"
)
"""A letter with its marks, another letter, then the first again (ส่งส่): a cluster read twice."""


def dictionary_words() -> frozenset[str]:
    """PyThaiNLP's word list (read once in 0.05 s: PyThaiNLP keeps it for the process)."""
    from pythainlp.corpus import thai_words

    return thai_words()


def dictionary_share(text: str, words: frozenset[str]) -> float | None:
    """Share of the Thai letters of ``text`` (up to :data:`SAMPLE`) that the longest words
    of the dictionary cover, read from the left; None when there is too little Thai to
    tell. Longest-match is rougher than PyThaiNLP's tokenizer and fifty times quicker, and
    the two kinds of text stand far apart under it."""
    sample = " ".join(_THAI_RUN.findall(text))[:SAMPLE]
    if len(sample) < 200:
        return None
    known = total = 0
    for run in sample.split():
        total += len(run)
        i = 0
        while i < len(run):
            for size in range(min(LONGEST, len(run) - i), 1, -1):
                if run[i : i + size] in words:
                    known += size
                    i += size
                    break
            else:
                i += 1
    return known / total if total else None


def suspect(text: str) -> bool:
    """Whether a PDF page is worth a second reading of its glyphs: a letter cluster reads
    twice somewhere on it (a syllable spelled twice running is no Thai)."""
    return CLUSTER_TWICE.search(text) is not None
