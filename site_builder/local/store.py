"""The files the local editor reads and writes: inside ``content/`` only, checked, atomic.

Decap's local backend names files by their path from the repository root
(``content/2568/o12/index.md``). Every path a request names passes :meth:`ContentStore.path`:
relative, no ``..``, no symbolic link on the way, inside ``content/``. What may be written is
narrower still: the YAML files and item pages the forms edit, and documents and images where
the site publishes them (:func:`writable`).

A save is tried first on a copy of ``content/`` (:meth:`ContentStore.trial`): the files are
linked, not copied, the changed ones written in, and the copy loaded with the same loader and
models as the build. Only a save the build would take is written, each file through a
temporary file in its own folder and a rename, so a reader never sees half a file.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from site_builder.errors import ContentErrors
from site_builder.load.content import load_site
from site_builder.load.published_files import (
    ASSET_TYPES,
    DOCUMENT_TYPES,
    IMAGE_TYPES,
    JUNK,
    extension,
    name_problem,
)
from site_builder.model.kinds import YEAR_KINDS
from site_builder.model.site import Site

YEAR = re.compile(r"^[0-9]{4}$")
ITEM = re.compile(r"^o[1-9][0-9]*$")
YEAR_FILES = frozenset(k.file for k in YEAR_KINDS)


class Refused(Exception):
    """A request the editor does not carry out, with what to say (Thai, then English)."""


@dataclass(frozen=True)
class Change:
    """One file of a save: its path from the repository root, and its bytes (None: deleted)."""

    path: str
    data: bytes | None


@dataclass(frozen=True)
class Place:
    """Where a path under ``content/`` is, as the site's layout names it."""

    parts: tuple[str, ...]
    """The path's parts below ``content/``."""

    @property
    def year(self) -> int | None:
        return int(self.parts[0]) if len(self.parts) >= 2 and YEAR.match(self.parts[0]) else None

    @property
    def item(self) -> str | None:
        """The item's code (``O12``) for a path in an item folder."""
        if self.year is not None and len(self.parts) >= 3 and ITEM.match(self.parts[1]):
            return "O" + self.parts[1][1:]
        return None

    @property
    def kind(self) -> str | None:
        """The form's kind of a file the forms edit (``item``, ``result`` …), else None."""
        if self.parts in (("agency.yml",), ("redirects.yml",)):
            return self.parts[0].removesuffix(".yml")
        if self.year is not None and len(self.parts) == 2 and self.parts[1] in YEAR_FILES:
            return self.parts[1].removesuffix(".yml")
        if self.item is not None and len(self.parts) == 3 and self.parts[2] == "index.md":
            return "item"
        return None


def writable(place: Place, logo: str | None) -> str | None:
    """Why the editor may not write at ``place``, or None: the forms' files, an item's
    documents, images in ``assets/`` and the agency's logo, by the types the site publishes."""
    if place.kind is not None:
        return None
    name = place.parts[-1]
    problem = name_problem(name)
    if problem:
        return problem
    if JUNK.match(name):
        return f"ชื่อไฟล์ '{name}' เป็นไฟล์ที่ระบบสร้างเอง ไม่เผยแพร่ (a system file name)"
    ext = extension(name)
    if place.item is not None and len(place.parts) == 3:
        allowed: frozenset[str] = frozenset(DOCUMENT_TYPES)
    elif place.parts[0] == "assets" and len(place.parts) == 2:
        allowed = ASSET_TYPES
    elif len(place.parts) == 1 and name == logo:
        allowed = IMAGE_TYPES
    else:
        return (
            f"เขียนไฟล์ที่ {'/'.join(place.parts)} ไม่ได้: เอกสารอยู่ในโฟลเดอร์ของข้อ เช่น 2568/o12/ "
            "(documents go into an item's folder)"
        )
    if ext not in allowed:
        return f"ชนิดไฟล์ .{ext} เผยแพร่ไม่ได้ (file type not allowed); ชนิดที่ใช้ได้: {', '.join(sorted(allowed))}"
    return None


class ContentStore:
    """``content/`` as the local editor sees it, from the repository root ``root``."""

    def __init__(self, root: Path, content_dir: Path) -> None:
        self.root = root.resolve()
        self.content_dir = content_dir.resolve()
        self.prefix = self.content_dir.relative_to(self.root).as_posix()

    def place(self, rel: str) -> Place:
        """Where ``rel`` (from the repository root) is under ``content/``; refused when it
        could reach anywhere else."""
        if not isinstance(rel, str) or not rel or "\\" in rel or "\x00" in rel or rel.startswith("/"):
            raise Refused(f"ที่อยู่ไฟล์ '{rel}' ใช้ไม่ได้ (not a path inside the site's folder)")
        parts = rel.split("/")
        # ":" names a drive or a stream on Windows (C:, file.pdf:x): never a part of a content path.
        if any(part in ("", ".", "..") or ":" in part for part in parts):
            raise Refused(f"ที่อยู่ไฟล์ '{rel}' ใช้ไม่ได้ (not a path inside the site's folder)")
        prefix = self.prefix.split("/")
        if parts[: len(prefix)] != prefix or len(parts) == len(prefix):
            raise Refused(
                f"'{rel}' อยู่นอกโฟลเดอร์ {self.prefix}/ หน้าแก้ไขอ่านและเขียนได้เฉพาะในโฟลเดอร์นั้น "
                f"(the editor reaches only {self.prefix}/)"
            )
        inner = tuple(parts[len(prefix) :])
        at = self.content_dir
        for part in inner:
            at = at / part
            if at.is_symlink():
                raise Refused(f"'{rel}' ผ่านลิงก์ (symbolic link) หน้าแก้ไขไม่ตามลิงก์ (the editor follows no links)")
        return Place(inner)

    def path(self, rel: str) -> Path:
        return self.content_dir.joinpath(*self.place(rel).parts)

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def read(self, rel: str) -> bytes | None:
        path = self.path(rel)
        return path.read_bytes() if path.is_file() else None

    def files(self, rel: str, extension: str = "", depth: int = 1) -> list[str]:
        """The files under the folder ``rel``, ``depth`` levels down, ending in ``extension``;
        no links, no system files."""
        folder = self.path(rel)
        found: list[str] = []

        def walk(at: Path, left: int) -> None:
            if left <= 0 or not at.is_dir():
                return
            for entry in sorted(at.iterdir()):
                if entry.is_symlink() or JUNK.match(entry.name):
                    continue
                if entry.is_dir():
                    walk(entry, left - 1)
                elif entry.name.endswith(extension):
                    found.append(self.rel(entry))

        walk(folder, depth)
        return found

    def images(self) -> list[str]:
        """The images at ``content/``'s root, where the agency's logo is: what the logo's
        field offers (no links, no system files, nothing else of the folder)."""
        return [
            self.rel(entry)
            for entry in sorted(self.content_dir.iterdir())
            if entry.is_file()
            and not entry.is_symlink()
            and not JUNK.match(entry.name)
            and extension(entry.name) in IMAGE_TYPES
        ]

    # ------------------------------------------------------------ trying and writing

    @contextmanager
    def trial(self, changes: list[Change]) -> Iterator[Site]:
        """The site as it would load with ``changes`` made (raises ContentErrors)."""
        cache = self.root / ".cache" / "oit-site"
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="editor-trial-", dir=cache) as folder:
            root = Path(folder)
            content = root / self.prefix
            _mirror(self.content_dir, content)
            for change in changes:
                target = content.joinpath(*self.place(change.path).parts)
                if change.data is None:
                    target.unlink(missing_ok=True)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                fresh = target.with_name(f".{target.name}.new")
                fresh.write_bytes(change.data)
                # A rename, never a write into the file: the copy's files are links to the real ones.
                os.replace(fresh, target)
            yield load_site(content, root)

    def check(self, changes: list[Change]) -> ContentErrors | None:
        try:
            with self.trial(changes):
                return None
        except ContentErrors as errors:
            return errors

    def write(self, changes: list[Change]) -> None:
        """Write ``changes``, each file whole or not at all."""
        for change in changes:
            target = self.path(change.path)
            if change.data is None:
                target.unlink(missing_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".new", dir=target.parent)
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(change.data)
                    out.flush()
                    os.fsync(out.fileno())
                # mkstemp makes the file readable by its owner only; the site's files are public.
                if target.exists():
                    shutil.copymode(target, temporary)
                else:
                    os.chmod(temporary, 0o644)
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise


def _mirror(source: Path, target: Path) -> None:
    """``source`` rebuilt at ``target``: folders made, files linked (copied across devices)."""
    for folder, dirs, files in os.walk(source):
        here = Path(folder)
        out = target / here.relative_to(source)
        out.mkdir(parents=True, exist_ok=True)
        for name in dirs:
            if (here / name).is_symlink():
                (out / name).symlink_to(os.readlink(here / name))
        for name in files:
            src = here / name
            if src.is_symlink():
                (out / name).symlink_to(os.readlink(src))
                continue
            try:
                os.link(src, out / name)
            except OSError:
                shutil.copy2(src, out / name)
