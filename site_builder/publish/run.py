"""Carrying out a publish: the plan sent to a target, safely and resumably.

1. The server's manifest is read, and the temporary files an interrupted publish left
   are removed.
2. The manifest is written back listing the temporary names this publish will use.
3. Each file is uploaded under its temporary name and renamed into place, documents
   first and pages after (:func:`site_builder.publish.plan.send_rank`). The manifest is
   saved every few seconds, so a publish stopped at any point (a lost connection,
   Ctrl-C, a killed CI job) leaves every file old or new, the old pages still linking to
   what is there, and the next run sends what is left (a process killed outright may
   send again the files of its last few seconds).
4. With ``--prune``, files no longer built and not registered are removed; then the
   manifest is saved whole.

A lost connection is tried again on a new connection, up to three tries in all.
"""

from __future__ import annotations

import contextlib
import io
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import IO, TypeVar

from site_builder.publish.plan import (
    MANIFEST,
    BuiltFile,
    Manifest,
    ManifestError,
    NewerManifest,
    Plan,
    built_files,
    make_plan,
    part_name,
    read_manifest,
)
from site_builder.publish.targets import PublishError, Target

ATTEMPTS = 3
CHECKPOINT_SECONDS = 5.0
RESUME = (
    "เว็บไซต์บนเซิร์ฟเวอร์ยังใช้งานได้ ทุกไฟล์เป็นฉบับเดิมหรือฉบับใหม่ทั้งไฟล์ "
    "รันคำสั่งเดิมอีกครั้งเพื่อส่งส่วนที่เหลือ (the site still serves, every file old or new; "
    "run the same command again to finish)"
)

T = TypeVar("T")


class Interrupted(Exception):
    """Stopped by Ctrl-C or a signal; what was sent is recorded."""


def size_text(size: float) -> str:
    """``12.3 MB``, ``840 KB``, ``12 B``."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.0f} KB"
    return f"{size:.0f} B"


class Progress:
    """Files and bytes sent so far: a bar redrawn in place on a terminal, a line at every
    tenth of the way in a CI log."""

    WIDTH = 24

    def __init__(self, files: int, size: int, stream: IO[str], clock: Callable[[], float] = time.monotonic):
        self.files, self.size, self.stream, self.clock = files, size, stream, clock
        self.files_done = self.bytes_done = 0
        self.tty = stream.isatty()
        self.drawn = -1.0
        self.tenth = 0

    def fraction(self) -> float:
        if self.size:
            return min(1.0, self.bytes_done / self.size)
        return self.files_done / self.files if self.files else 1.0

    def line(self) -> str:
        fraction = self.fraction()
        filled = round(fraction * self.WIDTH)
        return (
            f"ส่งแล้ว (sent) {self.files_done}/{self.files} ไฟล์ · "
            f"{size_text(self.bytes_done)}/{size_text(self.size)} "
            f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {fraction * 100:3.0f}%"
        )

    def show(self, final: bool = False) -> None:
        if not self.files:
            return
        if self.tty:
            now = self.clock()
            if final or now - self.drawn >= 0.1:
                self.drawn = now
                self.stream.write("\r" + self.line() + ("\n" if final else ""))
                self.stream.flush()
            return
        # A line at each tenth of the way, the last when every file is in place.
        tenth = 10 if final else min(9, int(self.fraction() * 10))
        if tenth > self.tenth:
            self.tenth = tenth
            self.stream.write(self.line() + "\n")
            self.stream.flush()

    def add(self, size: int) -> None:
        self.bytes_done += size
        self.show()

    def file_done(self) -> None:
        self.files_done += 1
        self.show()


@dataclass
class Outcome:
    plan: Plan
    sent: list[BuiltFile]
    removed: list[str]


class Publisher:
    """Publishes a built folder to one target."""

    def __init__(self, target: Target, log: IO[str], progress: IO[str] | None = None) -> None:
        self.target = target
        self.log = log
        self.progress_stream = progress if progress is not None else sys.stderr
        self.folders: set[str] = set()
        self.saved = 0.0

    # -------------------------------------------------------------- connection

    def _call(self, action: Callable[[], T]) -> T:
        """``action``, tried again on a new connection when the connection fails."""
        attempt = 1
        while True:
            try:
                return action()
            except self.target.errors as error:
                if attempt >= ATTEMPTS or not self.target.transient(error):
                    raise
                self.log.write(
                    f"การเชื่อมต่อขาด ({error or type(error).__name__}) เชื่อมต่อใหม่ครั้งที่ {attempt} "
                    "(connection lost; reconnecting)\n"
                )
            time.sleep(2 ** (attempt - 1))
            self.target.close()
            self.folders.clear()
            try:
                self.target.connect()
            except PublishError as exc:
                raise PublishError(f"{exc}. {RESUME}") from None
            attempt += 1

    def _save(self, manifest: Manifest) -> None:
        data = manifest.to_json()

        def save() -> None:
            part = f"{MANIFEST}.oit-part"
            self.target.put(io.BytesIO(data), part, lambda _size: None)
            self.target.replace(part, MANIFEST)

        self._call(save)
        self.saved = time.monotonic()

    def _folder(self, path: str) -> None:
        """Make the folders ``path`` goes in, as far as this connection has not seen them
        (within a send, which is tried again as a whole)."""
        parents = list(PurePosixPath(path).parents)[:-1]
        for folder in reversed(parents):
            name = str(folder)
            if name not in self.folders:
                self.target.make_folder(name)
                self.folders.add(name)

    def _send(self, file: BuiltFile, progress: Progress) -> None:
        start = progress.bytes_done
        part = part_name(file)

        def send() -> None:
            progress.bytes_done = start
            self._folder(file.path)
            with file.source.open("rb") as stream:
                self.target.put(stream, part, progress.add)
            self.target.replace(part, file.path)

        self._call(send)

    # -------------------------------------------------------------- the run

    def run(
        self, site_dir: Path, registered: set[str], *, prune: bool, dry_run: bool, everything: bool = False
    ) -> Outcome:
        built = built_files(site_dir)
        self.target.connect()
        try:
            return self._run(built, registered, prune=prune, dry_run=dry_run, everything=everything)
        finally:
            self.target.close()

    def _run(
        self,
        built: dict[str, BuiltFile],
        registered: set[str],
        *,
        prune: bool,
        dry_run: bool,
        everything: bool,
    ) -> Outcome:
        raw = self._call(lambda: self.target.read(MANIFEST))
        try:
            manifest = read_manifest(raw)
        except NewerManifest as exc:
            raise PublishError(str(exc)) from None
        except ManifestError as exc:
            self.log.write(f"{exc}: ส่งทุกไฟล์ใหม่ และจะไม่ลบไฟล์ใด (sending every file; nothing is removed)\n")
            manifest = Manifest()
        registered = registered | manifest.registered
        plan = make_plan(built, manifest, registered, prune=prune, everything=everything)
        outcome = Outcome(plan, [], [])
        if dry_run:
            return outcome
        progress = Progress(len(plan.send), plan.bytes, self.progress_stream)
        current: str | None = None
        try:
            for part in sorted(manifest.pending):
                self._call(partial(self.target.remove, part))
            work = bool(plan.send or plan.prune or manifest.pending) or registered != manifest.registered
            if not work:
                return outcome
            manifest.registered = registered
            manifest.pending = {part_name(file) for file in plan.send}
            self._save(manifest)
            for file in plan.send:
                current = file.path
                self._send(file, progress)
                manifest.files[file.path] = file.sha256
                outcome.sent.append(file)
                progress.file_done()
                if time.monotonic() - self.saved >= CHECKPOINT_SECONDS:
                    self._save(manifest)
            progress.show(final=True)
            for path in plan.prune:
                current = path
                self._call(partial(self.target.remove, path))
                del manifest.files[path]
                outcome.removed.append(path)
            current = None
            self._remove_empty_folders(plan.prune, manifest)
            manifest.pending = set()
            self._save(manifest)
        except KeyboardInterrupt:
            self._last_save(manifest)
            raise Interrupted() from None
        except self.target.errors as error:
            self._last_save(manifest)
            where = f" ที่ {current}" if current else ""
            raise PublishError(
                f"เผยแพร่ไม่สำเร็จ{where} (failed: {error or type(error).__name__}). {RESUME}"
            ) from None
        return outcome

    def _last_save(self, manifest: Manifest) -> None:
        """Record what was sent before stopping, if the connection still allows it."""
        with contextlib.suppress(PublishError, KeyboardInterrupt, *self.target.errors):
            self._save(manifest)

    def _remove_empty_folders(self, removed: list[str], manifest: Manifest) -> None:
        """Folders that only held removed files, deepest first; one still holding anything stays."""
        kept = {str(parent) for path in manifest.files for parent in PurePosixPath(path).parents}
        emptied = {
            str(parent) for path in removed for parent in PurePosixPath(path).parents if str(parent) != "."
        }
        for folder in sorted(emptied - kept, key=lambda name: -name.count("/")):
            self._call(partial(self.target.remove_folder, folder))
