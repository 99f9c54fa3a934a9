"""What loading keeps from one load of the content to the next, for one session.

``mkdocs serve`` loads the whole content again on every save. A :class:`LoadMemory`, owned
by the session (:class:`site_builder.build.session.Session`) and handed to
:func:`site_builder.load.content.load_site`, keeps what did not change: each YAML text as
parsed, the git history of the commit the content was read at, and what each item folder
loaded to. Nothing of it lives beyond the session: a new session loads from the files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from site_builder.errors import ContentError, Positions
from site_builder.frameworks import load_framework
from site_builder.model.framework import Framework

PARSED_LIMIT = 4096
"""How many parsed texts are kept; the oldest goes first (a site has a few hundred)."""


@dataclass(frozen=True)
class FileDates:
    """When a file was first and last committed."""

    first: date
    last: date


@dataclass
class ItemMemory:
    """What an item folder loaded to, and the state it was loaded in."""

    state: tuple[Any, ...]
    """Its files (names, sizes, times), its entry in the year's list and its git dates."""
    fields: dict[str, Any]
    """The item's fields as loaded."""
    errors: list[ContentError]
    warnings: list[ContentError]


@dataclass
class LoadMemory:
    parsed: dict[tuple[str, str, int], tuple[Any, Positions]] = field(default_factory=dict)
    """Each YAML text as parsed, by (text, file, first line). Readers never change a value."""
    history: dict[tuple[str, str], tuple[dict[Path, FileDates], str | None]] = field(default_factory=dict)
    """The git history of the commit the content was last read at."""
    items: dict[str, ItemMemory] = field(default_factory=dict)
    """By item folder."""
    frameworks: dict[str, Framework | None] = field(default_factory=dict)
    """The item lists the package ships, by name, as read (they do not change while it runs)."""

    def framework(self, name: str) -> Framework | None:
        if name not in self.frameworks:
            self.frameworks[name] = load_framework(name)
        return self.frameworks[name]

    def remember_parsed(self, key: tuple[str, str, int], value: tuple[Any, Positions]) -> None:
        if len(self.parsed) >= PARSED_LIMIT:
            del self.parsed[next(iter(self.parsed))]
        self.parsed[key] = value
