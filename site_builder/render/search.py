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

Building PyThaiNLP's dictionary takes most of a second in every process, so the words of
each run are kept in ``.cache/oit-site/thai-words.json`` (:class:`WordCache`), keyed by
PyThaiNLP's version: a build whose runs are all known there never loads the tokenizer.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from importlib.metadata import version
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


# What this module makes of a run, remembered within a process and, through WordCache,
# between builds. Bump CACHE_FORMAT when words() or inner_words() change what they return.
CACHE_FORMAT = 1
_WORDS: dict[str, tuple[str, ...]] = {}
_INNER: dict[str, tuple[str, ...]] = {}


def words(run: str) -> tuple[str, ...]:
    """The words of a run of Thai letters; the same runs recur on every page (headings, names)."""
    found = _WORDS.get(run)
    if found is None:
        found = _WORDS[run] = tuple(_tokenize()(run, engine="newmm", keep_whitespace=False))
    return found


def inner_words(token: str) -> tuple[str, ...]:
    found = _INNER.get(token)
    if found is None:
        found = _INNER[token] = _inner_words(token)
    return found


def _inner_words(token: str) -> tuple[str, ...]:
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


_SEGMENTED: dict[str, tuple[str, tuple[str, ...]]] = {}


def _segmented(run: str) -> tuple[str, tuple[str, ...]]:
    """A run as the index holds it (its words between zero-width spaces), and the words
    found inside its compounds."""
    found = _SEGMENTED.get(run)
    if found is None:
        tokens = words(run)
        inner = tuple(word for token in tokens if len(token) >= 4 for word in inner_words(token))
        found = _SEGMENTED[run] = (ZWSP + ZWSP.join(tokens) + ZWSP, inner)
    return found


def segment(text: str, extra: set[str] | None = None) -> str:
    """``ข้อมูลผู้บริหาร`` → ``ข้อมูล\u200bผู้บริหาร``, with Thai digits made Arabic.

    Words found inside compounds are added to ``extra`` when it is given.
    """

    def split(match: re.Match[str]) -> str:
        joined, inner = _segmented(match.group(0))
        if extra is not None and inner:
            extra.update(inner)
        return joined

    return _THAI_RUN.sub(split, to_arabic_digits(text))


def segment_doc(doc: dict[str, Any]) -> dict[str, Any]:
    """A search entry with its title and text segmented, and the words inside compounds added."""
    doc = dict(doc)
    extra: set[str] = set()
    for field in ("title", "text"):
        if doc.get(field):
            doc[field] = segment(doc[field], extra)
    if extra:
        doc["text"] = (
            doc.get("text", "") + "<span hidden>" + ZWSP + ZWSP.join(sorted(extra)) + ZWSP + "</span>"
        )
    return doc


def write_index(index_file: Path, index: dict[str, Any]) -> None:
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _spells(run: str, found: list[str]) -> bool:
    return "".join(found) == run


def _inside(token: str, found: list[str]) -> bool:
    return all(w and w in token and _THAI_RUN.fullmatch(w) for w in found)


class WordCache:
    """The words of every Thai run met so far, kept between builds in a JSON file.

    The file holds only words (no code), is written whole to a temporary name and renamed,
    and is ignored when it was made by another PyThaiNLP or another form of this module.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stamp = f"{CACHE_FORMAT}/pythainlp-{version('pythainlp')}"
        self.known = (0, 0)

    def load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(data, dict) or data.get("stamp") != self.stamp:
            return
        # The file is checked like content: every run's words must spell the run, and a word
        # found inside a compound must be Thai letters of it, so nothing else can reach
        # the index (whose text the search shows as HTML).
        for store, key, fits in ((_WORDS, "words", _spells), (_INNER, "inner", _inside)):
            table = data.get(key)
            if isinstance(table, dict):
                for run, found in table.items():
                    if (
                        isinstance(run, str)
                        and isinstance(found, list)
                        and all(isinstance(w, str) for w in found)
                        and _THAI_RUN.fullmatch(run)
                        and fits(run, found)
                    ):
                        store.setdefault(run, tuple(found))
        self.known = (len(_WORDS), len(_INNER))

    def save(self) -> None:
        """Write the file again when this build met runs it did not hold."""
        if (len(_WORDS), len(_INNER)) == self.known:
            return
        data = {"stamp": self.stamp, "words": _WORDS, "inner": _INNER}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}")
            temporary.write_text(
                json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
            )
            temporary.replace(self.path)
        except OSError:
            return  # a cache that cannot be written costs time, never the build
        self.known = (len(_WORDS), len(_INNER))
