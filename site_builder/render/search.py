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
each run are kept in ``.cache/oit-site/thai-words.json`` (:class:`ThaiWords`), keyed by
PyThaiNLP's version: a build whose runs are all known there never loads the tokenizer.
"""

from __future__ import annotations

import json
import os
import re
from importlib.metadata import version
from pathlib import Path
from typing import Any

from site_builder.thai import to_arabic_digits

ZWSP = "\u200b"
_THAI_RUN = re.compile(r"[\u0e01-\u0e4f]+")
# A word cannot start on a vowel or mark that belongs to the letter before it, nor right
# after a vowel written before its consonant.
_FOLLOWING = frozenset("ะัาำิีึืฺุู็่้๊๋์ํๅๆฯ")
_LEADING = frozenset("เแโใไ")


# Bump CACHE_FORMAT when ThaiWords.words() or inner_words() change what they return.
CACHE_FORMAT = 1


class ThaiWords:
    """What segmenting makes of each run of Thai letters, kept for a session (``mkdocs
    serve`` segments the same runs on every build) and, when ``path`` is given, between
    processes in a JSON file.

    The file holds only words (no code), is written whole to a temporary name and renamed,
    and is ignored when it was made by another PyThaiNLP or another form of this module.
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.stamp = f"{CACHE_FORMAT}/pythainlp-{version('pythainlp')}"
        self.runs: dict[str, tuple[str, ...]] = {}
        """The words of a run."""
        self.inner: dict[str, tuple[str, ...]] = {}
        """The dictionary words that start inside a compound."""
        self.segmented: dict[str, tuple[str, tuple[str, ...]]] = {}
        """A run as the index holds it, and the words inside its compounds."""
        self.known = (0, 0)
        self._tokenizer: Any = None
        self._dictionary: frozenset[str] | None = None

    def tokenize(self, run: str) -> list[str]:
        if self._tokenizer is None:
            # Imported on first use: loading the dictionary takes a moment, and a build whose
            # runs are all in the file never needs it.
            from pythainlp.tokenize import word_tokenize

            self._tokenizer = word_tokenize
        return list(self._tokenizer(run, engine="newmm", keep_whitespace=False))

    def dictionary(self) -> frozenset[str]:
        if self._dictionary is None:
            from pythainlp.corpus import thai_words

            self._dictionary = frozenset(thai_words())
        return self._dictionary

    def words(self, run: str) -> tuple[str, ...]:
        """The words of a run of Thai letters; the same runs recur on every page (headings, names)."""
        found = self.runs.get(run)
        if found is None:
            found = self.runs[run] = tuple(self.tokenize(run))
        return found

    def inner_words(self, token: str) -> tuple[str, ...]:
        """Dictionary words that start inside ``token``: ``รับสินบน`` → ``("สินบน",)``.

        A split counts only where both sides are made of dictionary words, so กันยายน gives
        nothing (กัน + ยาย + น) while เบี้ยยังชีพ gives ยังชีพ.
        """
        found = self.inner.get(token)
        if found is not None:
            return found
        dictionary = self.dictionary()
        inside: list[str] = []
        for start in range(1, len(token) - 2):
            if token[start] in _FOLLOWING or token[start - 1] in _LEADING:
                continue
            rest = self.words(token[start:])
            if len(rest[0]) < 3 or not all(w in dictionary for w in rest):
                continue
            if all(w in dictionary for w in self.words(token[:start])):
                inside.append(rest[0])
        found = self.inner[token] = tuple(dict.fromkeys(inside))
        return found

    def _segmented(self, run: str) -> tuple[str, tuple[str, ...]]:
        found = self.segmented.get(run)
        if found is None:
            tokens = self.words(run)
            inner = tuple(word for token in tokens if len(token) >= 4 for word in self.inner_words(token))
            found = self.segmented[run] = (ZWSP + ZWSP.join(tokens) + ZWSP, inner)
        return found

    def segment(self, text: str, extra: set[str] | None = None) -> str:
        """``ข้อมูลผู้บริหาร`` → ``ข้อมูล\u200bผู้บริหาร``, with Thai digits made Arabic.

        Words found inside compounds are added to ``extra`` when it is given.
        """

        def split(match: re.Match[str]) -> str:
            joined, inner = self._segmented(match.group(0))
            if extra is not None and inner:
                extra.update(inner)
            return joined

        return _THAI_RUN.sub(split, to_arabic_digits(text))

    def segment_doc(self, doc: dict[str, Any]) -> dict[str, Any]:
        """A search entry with its title and text segmented, and the words inside compounds added."""
        doc = dict(doc)
        extra: set[str] = set()
        for field in ("title", "text"):
            if doc.get(field):
                doc[field] = self.segment(doc[field], extra)
        if extra:
            doc["text"] = (
                doc.get("text", "") + "<span hidden>" + ZWSP + ZWSP.join(sorted(extra)) + ZWSP + "</span>"
            )
        return doc

    def load(self) -> None:
        """Take the runs the file holds, when it is of this PyThaiNLP and this module."""
        if self.path is None:
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if not isinstance(data, dict) or data.get("stamp") != self.stamp:
            return
        # The file is checked like content: every run's words must spell the run, and a word
        # found inside a compound must be Thai letters of it, so nothing else can reach
        # the index (whose text the search shows as HTML).
        for store, key, fits in ((self.runs, "words", _spells), (self.inner, "inner", _inside)):
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
        self.known = (len(self.runs), len(self.inner))

    def save(self) -> None:
        """Write the file again when this build met runs it did not hold."""
        if self.path is None or (len(self.runs), len(self.inner)) == self.known:
            return
        data = {"stamp": self.stamp, "words": self.runs, "inner": self.inner}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}")
            temporary.write_text(
                json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
            )
            temporary.replace(self.path)
        except OSError:
            return  # a cache that cannot be written costs time, never the build
        self.known = (len(self.runs), len(self.inner))


def write_index(index_file: Path, index: dict[str, Any]) -> None:
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _spells(run: str, found: list[str]) -> bool:
    return "".join(found) == run


def _inside(token: str, found: list[str]) -> bool:
    return all(w and w in token and _THAI_RUN.fullmatch(w) for w in found)
