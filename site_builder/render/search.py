"""Thai words for Material's search index.

Thai is written without spaces between words, and Material's search splits text only at
its separator, so a word inside a phrase (ผู้บริหาร in ข้อมูลผู้บริหารสูงสุด) is never a term
of its own. We segment every run of Thai letters in the built index with PyThaiNLP's
dictionary tokenizer (newmm) and join the words with zero-width spaces, which the search
separator (``[\\s\\u200b\\-]+`` in mkdocs.yml) splits on; Material does the same for Chinese
with jieba. Thai digits become Arabic ones, here and in the query (theme/main.html), so
๒๕๖๘ and 2568 find the same pages. Latin words and item codes (O12) are left as they are.
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


@cache
def _tokenize() -> Any:
    # Imported on first use: loading the dictionary takes a moment, and only builds need it.
    from pythainlp.tokenize import word_tokenize

    return word_tokenize


def segment(text: str) -> str:
    """``ข้อมูลผู้บริหาร`` → ``ข้อมูล\u200bผู้บริหาร``, with Thai digits made Arabic."""
    tokenize = _tokenize()

    def words(match: re.Match[str]) -> str:
        return ZWSP + ZWSP.join(tokenize(match.group(0), engine="newmm", keep_whitespace=False)) + ZWSP

    return _THAI_RUN.sub(words, to_arabic_digits(text))


def segment_index(index_file: Path) -> tuple[int, int]:
    """Rewrite Material's ``search_index.json`` in place; return its size before and after."""
    before = index_file.stat().st_size
    index = json.loads(index_file.read_text(encoding="utf-8"))
    for doc in index.get("docs", []):
        for field in ("title", "text"):
            if doc.get(field):
                doc[field] = segment(doc[field])
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return before, index_file.stat().st_size
