"""Thai words for Material's search index.

Thai is written without spaces between words, and Material's search splits text only at
its separator, so a word inside a phrase (ผู้บริหาร in ข้อมูลผู้บริหารสูงสุด) is never a term
of its own. We segment every run of Thai letters in the built index with PyThaiNLP's
dictionary tokenizer (newmm) and join the words with zero-width spaces, which the search
separator (``[\\s\\u200b\\-]+`` in mkdocs.yml) splits on; Material does the same for Chinese
with jieba. Thai digits become Arabic ones, here and in the query (theme/main.html), so
๒๕๖๘ and 2568 find the same pages. Latin words and item codes (O12) are left as they are.

The dictionary keeps some compounds whole (รับสินบน, เบี้ยยังชีพ). Search matches the start
of a term, so the first word of a compound is found already; the words that start inside
it are added to the entry in a hidden element, which the search indexes and the result
list (it inserts entries as HTML) does not show.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from site_builder.thai import to_arabic_digits

ZWSP = "\u200b"
_THAI_RUN = re.compile(r"[\u0e01-\u0e4f]+")
# A word cannot start on a vowel or mark that belongs to the letter before it, nor right
# after a vowel written before its consonant.
_FOLLOWING = set("ะัาำิีึืฺุู็่้๊๋์ํๅๆฯ")
_LEADING = set("เแโใไ")


@cache
def _tokenize() -> Any:
    # Imported on first use: loading the dictionary takes a moment, and only builds need it.
    from pythainlp.tokenize import word_tokenize

    return word_tokenize


@cache
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


@cache
def words(run: str) -> tuple[str, ...]:
    """The words of a run of Thai letters; the same runs recur on every page (headings, names)."""
    return tuple(_tokenize()(run, engine="newmm", keep_whitespace=False))


@cache
def inner_words(token: str) -> tuple[str, ...]:
    """Dictionary words that start inside ``token``: ``รับสินบน`` → ``("สินบน",)``.

    A split counts only where both sides are made of dictionary words, so กันยายน gives
    nothing (กัน + ยาย + น) while เบี้ยยังชีพ gives ยังชีพ.
    """
    dictionary = _dictionary()
    found: list[str] = []
    for start in range(1, len(token) - 2):
        if token[start] in _FOLLOWING or token[start - 1] in _LEADING:
            continue
        rest = words(token[start:])
        if len(rest[0]) < 3 or not all(w in dictionary for w in rest):
            continue
        if all(w in dictionary for w in words(token[:start])):
            found.append(rest[0])
    return tuple(dict.fromkeys(found))


def segment(text: str, extra: set[str] | None = None) -> str:
    """``ข้อมูลผู้บริหาร`` → ``ข้อมูล\u200bผู้บริหาร``, with Thai digits made Arabic.

    Words found inside compounds are added to ``extra`` when it is given.
    """

    def split(match: re.Match[str]) -> str:
        tokens = words(match.group(0))
        if extra is not None:
            for token in tokens:
                if len(token) >= 4:
                    extra.update(inner_words(token))
        return ZWSP + ZWSP.join(tokens) + ZWSP

    return _THAI_RUN.sub(split, to_arabic_digits(text))


def segment_index(index_file: Path) -> tuple[int, int]:
    """Rewrite Material's ``search_index.json`` in place; return its size before and after."""
    before = index_file.stat().st_size
    index = json.loads(index_file.read_text(encoding="utf-8"))
    for doc in index.get("docs", []):
        extra: set[str] = set()
        for field in ("title", "text"):
            if doc.get(field):
                doc[field] = segment(doc[field], extra)
        if extra:
            doc["text"] = (
                doc.get("text", "") + "<span hidden>" + ZWSP + ZWSP.join(sorted(extra)) + ZWSP + "</span>"
            )
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return before, index_file.stat().st_size
