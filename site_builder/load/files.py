"""Reading editors' files: what is there, text encodings, front matter, and git dates."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any

from site_builder.errors import ContentError, Positions
from site_builder.load.limits import CONTROL_CHARACTERS
from site_builder.load.memory import FileDates, LoadMemory
from site_builder.load.yamlpos import load_yaml

# Content files are text an editor types; a larger one is a mistake (a PDF renamed .md,
# a pasted database dump) and would make every page build slow.
MAX_TEXT_BYTES = 2 * 1024 * 1024


Snapshot = dict[str, tuple[int, int]]


def snapshot(content_dir: Path) -> Snapshot:
    """Every file under ``content_dir``: its size and modification time, by relative path."""
    found: Snapshot = {}
    root = str(content_dir)
    for folder, _dirs, files in os.walk(content_dir):
        rel = os.path.relpath(folder, root)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        for name in files:
            try:
                stat = os.stat(os.path.join(folder, name))
            except OSError:
                continue
            found[prefix + name] = (stat.st_size, stat.st_mtime_ns)
    return found


def read_text(path: Path, rel: str) -> str:
    """Read an editor's text file as UTF-8, with a useful message for the usual slips.

    A UTF-8 byte-order mark is accepted and dropped; CRLF line ends are accepted.
    """
    size = path.stat().st_size
    if size > MAX_TEXT_BYTES:
        raise ContentError(
            rel,
            f"ไฟล์ใหญ่เกินไป ({size / 1024 / 1024:.1f} MB) สำหรับไฟล์ข้อความ (text file too large)",
            hint=f"ไฟล์ .md/.yml ต้องไม่เกิน {MAX_TEXT_BYTES // 1024 // 1024} MB; "
            "เอกสารขนาดใหญ่ให้เป็น PDF ในโฟลเดอร์ของข้อ",
        )
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ContentError(
            rel,
            "ไฟล์บันทึกเป็น UTF-16 (the file is saved as UTF-16)",
            1,
            hint="บันทึกไฟล์ใหม่เป็น UTF-8 (ใน VS Code: คลิก 'UTF-16' ที่แถบล่าง แล้วเลือก Save with Encoding → UTF-8)",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(
            rel,
            "ไฟล์ไม่ใช่ UTF-8 (the file is not UTF-8; it may be TIS-620 or Windows-874)",
            line,
            hint="บันทึกไฟล์ใหม่เป็น UTF-8 (ใน VS Code: Save with Encoding → UTF-8)",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = CONTROL_CHARACTERS.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - text.rfind("\n", 0, control.start())
        if control.group() == "\x00":
            raise ContentError(
                rel, "ไฟล์มีอักขระ NUL จึงไม่ใช่ไฟล์ข้อความ (binary content in a text file)", line, column
            )
        raise ContentError(
            rel,
            f"มีอักขระควบคุมที่มองไม่เห็น U+{ord(control.group()):04X} (an invisible control character)",
            line,
            column,
            hint="ลบอักขระนี้: พิมพ์ข้อความในบรรทัดนี้ใหม่ แทนการคัดลอกมาจากเอกสารอื่น",
        )
    return text


_FENCE = re.compile(r"^---[ \t]*$")
# Word's autocorrect turns "---" into an em dash (—) and "--" into an en dash (–).
_DASHES = "\u2012-\u2015\u2212\ufe58\ufe63\uff0d"  # figure, en and em dashes, minus signs
_DASH_FENCE = re.compile(f"^[-{_DASHES}]*[{_DASHES}][-{_DASHES}]*[ \t]*$")


def _dash_fence_error(rel: str, line: int, text: str) -> ContentError:
    dashes = " ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(text.strip()) if c != "-")
    return ContentError(
        rel,
        f"บรรทัดนี้เป็นขีดยาว ({dashes}) ไม่ใช่ขีดกลางสามตัว --- ที่เปิดหรือปิดส่วนหัว "
        f"(a dash that Word's autocorrect made of '---': the front matter is not fenced)",
        line,
        hint="พิมพ์บรรทัดนี้ใหม่เป็นเครื่องหมายลบสามตัว --- จากแป้นพิมพ์ (ใน Word ให้ปิดการแก้คำอัตโนมัติ หรือแก้ไฟล์ด้วย VS Code)",
    )


def split_front_matter(
    text: str, rel: str, memory: LoadMemory | None = None
) -> tuple[dict[str, Any], Positions, str, int]:
    """Split ``---`` front matter from a Markdown body.

    Returns the front-matter mapping, its positions (lines counted from the top of the
    file), the body, and the line the body starts on. Broken front matter is an error,
    never silently part of the page (MkDocs would swallow it).
    """
    lines = text.split("\n")
    if lines and _DASH_FENCE.match(lines[0]):
        raise _dash_fence_error(rel, 1, lines[0])
    if not lines or not _FENCE.match(lines[0]):
        return {}, Positions(rel), text, 1
    for index in range(1, len(lines)):
        if _DASH_FENCE.match(lines[index]):
            raise _dash_fence_error(rel, index + 1, lines[index])
        if _FENCE.match(lines[index]):
            block = "\n".join(lines[1:index])
            data, positions = load_yaml(block, rel, line_offset=1, memory=memory)
            if data is None:
                data = {}
            if not isinstance(data, dict):
                raise ContentError(
                    rel, "ส่วนหัว (front matter) ต้องเป็นกลุ่มของคีย์ (front matter must be keys and values)", 2
                )
            return data, positions, "\n".join(lines[index + 1 :]), index + 2
    raise ContentError(
        rel,
        "ส่วนหัว (front matter) เปิดด้วย --- แต่ไม่มี --- ปิด (front matter is not closed)",
        1,
        hint="เพิ่มบรรทัด --- หลังคีย์สุดท้ายของส่วนหัว",
    )


def git_dates(
    repo_root: Path, folder: Path, memory: LoadMemory | None = None
) -> tuple[dict[Path, FileDates], str | None]:
    """First and last commit date of every file under ``folder``, from one ``git log``.

    Returns the dates and a description of where they came from, or ``({}, None)``
    outside a git repository. With ``memory``, the history of one commit is read once a
    session (``mkdocs serve`` loads the content again on every save).
    """
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel", "--is-shallow-repository", "HEAD"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.split("\n")
    except (OSError, subprocess.SubprocessError):
        return {}, None
    if memory is None:
        return _read_history(folder, top)
    key = (str(folder.resolve()), "\n".join(top))
    if key not in memory.history:
        memory.history.clear()
        memory.history[key] = _read_history(folder, top)
    return memory.history[key]


def _read_history(folder: Path, top: list[str]) -> tuple[dict[Path, FileDates], str | None]:
    try:
        log = subprocess.run(
            [
                "git",
                "-c",
                "core.quotepath=off",
                "log",
                "--format=%x00%cI",
                "--name-only",
                "--no-renames",
                "--",
                ".",
            ],
            cwd=folder,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}, None
    root = Path(top[0])
    shallow = len(top) > 1 and top[1].strip() == "true"
    dates: dict[Path, FileDates] = {}
    current: date | None = None
    for line in log.split("\n"):
        if line.startswith("\x00"):
            current = datetime.fromisoformat(line[1:]).date()
        elif line.strip() and current is not None:
            path = (root / line.strip()).resolve()
            seen = dates.get(path)
            dates[path] = FileDates(
                min(seen.first, current) if seen else current, max(seen.last, current) if seen else current
            )
    return dates, ("ประวัติ git (ตัดตอน/shallow)" if shallow else "ประวัติ git")
