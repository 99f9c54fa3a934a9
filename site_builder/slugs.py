"""Heading ids that keep Thai.

Python-Markdown's default slugify drops every non-ASCII letter, so a Thai heading gets an
empty id (``_1``, ``_2``); pymdownx's unicode slugify keeps letters but drops Thai vowel
and tone marks (they are combining characters), which gives ids a Thai reader cannot
recognise. We keep letters, digits and marks, and join words with ``-``.
"""

from __future__ import annotations

import re
import unicodedata

_DROP = re.compile(r"[^\w\u0e00-\u0e7f\- ]", re.UNICODE)


def slugify(value: str, separator: str = "-") -> str:
    text = unicodedata.normalize("NFC", value).strip().lower()
    text = _DROP.sub("", text)
    return re.sub(r"[\s\-]+", separator, text).strip(separator)
