"""What every command shares at the console: text that fits 80 columns (Thai marks take
none), the answers typed at it, a command's :class:`Failure`, and SIGTERM as Ctrl-C."""

from __future__ import annotations

import os
import re
import shlex
import signal
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

WIDTH = 80


class Failure(Exception):
    """A command cannot go on; the message says why, in Thai and English."""


# ------------------------------------------------------------------ text that fits 80 columns


def width(text: str) -> int:
    """Columns a text takes in a terminal: Thai vowel and tone marks take none."""
    total = 0
    for char in text:
        if unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def fit(text: str, columns: int) -> str:
    """``text`` cut (with …) or padded to exactly ``columns`` columns."""
    if width(text) <= columns:
        return text + " " * (columns - width(text))
    out = ""
    for char in text:
        if width(out + char) > columns - 1:
            break
        out += char
    # keep the marks that belong to the last letter
    return out + "…" + " " * (columns - 1 - width(out))


def wrap(text: str, columns: int) -> list[str]:
    """``text`` in lines of at most ``columns`` columns, broken at spaces (a word longer
    than a line is cut with …): what to fix is read whole, not cut off at the edge."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and width(line) + 1 + width(word) > columns:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return [fit(part, columns).rstrip() if width(part) > columns else part for part in lines]


def command_word(text: str) -> str:
    """``text`` as one word of a command to copy into this system's shell."""
    if os.name == "nt":
        return f'"{text}"' if re.search(r'[\s&()^|<>"]', text) else text
    return shlex.quote(text)


# ------------------------------------------------------------------ answers typed


def stdin_line(prompt: str, out: TextIO) -> str | None:
    """One answer from standard input, or None at its end."""
    out.write(prompt)
    out.flush()
    line = sys.stdin.readline()
    if not line:
        out.write("\n")
        return None
    answer = line.rstrip("\r\n").replace("\ufeff", "")
    if not sys.stdin.isatty():  # answers piped in: the transcript shows them as typed
        out.write(answer + "\n")
    return answer


def terminal_line(prompt: str, out: TextIO) -> str | None:
    """One answer typed at a terminal; None when nobody is there to type (a pipe, a service)."""
    if not sys.stdin or not sys.stdin.isatty():
        return None
    return stdin_line(prompt, out)


# ------------------------------------------------------------------ signals


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """A CI job cancelled (SIGTERM) stops like Ctrl-C: what was sent is recorded."""

    def stop(_signal: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
