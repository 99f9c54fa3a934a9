"""Content errors: what went wrong, where, and what to write instead.

Every mistake an editor can make in ``content/`` becomes a :class:`ContentError`. The
loader collects all of them for a run and raises one :class:`ContentErrors`, so an editor
sees every problem at once instead of fixing them one build at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

KeyPath = tuple[str | int, ...]


def format_key_path(path: KeyPath) -> str:
    """``('measures', 2, 'period', 'end')`` → ``measures[2].period.end``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class ValueErrorAt(ValueError):
    """A validator's error about one part of the value it checks (a key of a mapping, an
    entry of a list): ``where`` is that part's key path below the field, so the message
    points at the line of the part, not of the field."""

    def __init__(self, message: str, where: KeyPath) -> None:
        super().__init__(message)
        self.where = where


@dataclass(frozen=True)
class ContentError(Exception):
    """One mistake in one content file."""

    file: str
    """Path of the file, relative to the repository root (``content/2568/result.yml``)."""
    message: str
    """What is wrong, in Thai first, then English."""
    line: int | None = None
    """Line number, counted from the top of the file (1-based)."""
    column: int | None = None
    """Column number (1-based), where known."""
    key: KeyPath = ()
    """Key path inside the file, e.g. ``('measures', 2, 'period', 'end')``."""
    hint: str | None = None
    """What to write instead."""

    def location(self) -> str:
        loc = self.file
        if self.line is not None:
            loc += f":{self.line}"
            if self.column is not None:
                loc += f":{self.column}"
        return loc

    def __str__(self) -> str:
        text = f"{self.location()}: "
        if self.key:
            text += f"{format_key_path(self.key)}: "
        text += self.message
        if self.hint:
            text += f"\n    วิธีแก้ (fix): {self.hint}"
        return text


@dataclass
class ContentErrors(Exception):
    """All the content errors of one run, in file and line order."""

    errors: list[ContentError] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.errors)

    def add(self, error: ContentError) -> None:
        if error not in self.errors:
            self.errors.append(error)

    def extend(self, errors: Iterable[ContentError]) -> None:
        for error in errors:
            self.add(error)

    def sorted(self) -> Sequence[ContentError]:
        return sorted(self.errors, key=lambda e: (e.file, e.line or 0, e.column or 0))

    def __bool__(self) -> bool:
        return bool(self.errors)

    def __str__(self) -> str:
        count = len(self.errors)
        head = f"พบข้อผิดพลาดในเนื้อหา {count} รายการ (found {count} content error{'s' if count != 1 else ''}):"
        return "\n".join([head, *(str(e) for e in self.sorted())])


@dataclass
class Positions:
    """Line and column (1-based) of every key path in one document."""

    file: str
    lines: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def at(self, path: KeyPath) -> tuple[int | None, int | None]:
        """Position of the longest known prefix of ``path``."""
        for end in range(len(path), -1, -1):
            found = self.lines.get(tuple(path[:end]))
            if found:
                return found
        return None, None

    def error(self, path: KeyPath, message: str, hint: str | None = None) -> ContentError:
        line, column = self.at(path)
        return ContentError(self.file, message, line, column, tuple(path), hint)
