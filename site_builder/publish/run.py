"""Carrying out a publish: the plan sent to a target, safely and resumably.

1. The server's manifest is read, and each folder the new files go in is listed once:
   a file there that the manifest does not name is not this tool's, and the publish is
   refused before anything is written, unless the person allowed replacing it.
2. The temporary files an interrupted publish left are removed, and the manifest is
   written back listing the temporary names and the new paths this publish will use.
3. Each file is uploaded under its temporary name and renamed into place, documents
   first and pages after (:func:`site_builder.publish.plan.send_rank`); a file allowed
   to be replaced is moved into ``.oit-backup/<date and time>/`` just before. The
   manifest is saved every few seconds, so a publish stopped at any point (a lost
   connection, Ctrl-C, a killed CI job) leaves every file old or new, the old pages
   still linking to what is there, and the next run sends what is left (a process
   killed outright may send again the files of its last few seconds).
4. With ``--prune``, files no longer built and not registered are removed; then the
   manifest is saved whole.

A lost connection is tried again on a new connection, up to three tries in all.
"""

from __future__ import annotations

import contextlib
import io
import sys
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path, PurePosixPath
from typing import IO, TypeVar

from site_builder.publish.plan import (
    BACKUP,
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
    unclaimed,
)
from site_builder.publish.targets import PublishError, Target

ATTEMPTS = 3
CHECKPOINT_SECONDS = 5.0
RESUME = (
    "เว็บไซต์บนเซิร์ฟเวอร์ยังใช้งานได้ ทุกไฟล์เป็นฉบับเดิมหรือฉบับใหม่ทั้งไฟล์ "
    "รันคำสั่งเดิมอีกครั้งเพื่อส่งส่วนที่เหลือ (the site still serves, every file old or new; "
    "run the same command again to finish)"
)

THAI_TIME = timezone(timedelta(hours=7))
"""Backup folders are named by the time in Thailand, wherever the publish runs."""

T = TypeVar("T")


class Interrupted(Exception):
    """Stopped by Ctrl-C or a signal; what was sent is recorded."""


class Conflict(PublishError):
    """Files this tool did not put there would be written over: nothing was sent."""

    def __init__(self, paths: list[str]) -> None:
        super().__init__(
            f"ไม่เผยแพร่: ปลายทางมีไฟล์ที่ oit-site ไม่ได้ส่งไว้ {len(paths)} ไฟล์ ซึ่งการเผยแพร่จะเขียนทับ "
            f"(refused: {len(paths)} files not put there by oit-site would be overwritten): "
            f"{', '.join(paths)}"
        )
        self.paths = paths


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
    refused: list[str] = field(default_factory=list)
    """Of the plan's conflicts, those not allowed to be replaced: with any, nothing is sent."""
    backup: str | None = None
    """The folder the replaced files were moved into (``.oit-backup/2026-12-06T193012``)."""
    moved: list[str] = field(default_factory=list)
    """The paths whose old file was moved into ``backup``."""


def thai_now() -> datetime:
    return datetime.now(THAI_TIME)


class Publisher:
    """Publishes a built folder to one target."""

    def __init__(
        self,
        target: Target,
        log: IO[str],
        progress: IO[str] | None = None,
        clock: Callable[[], datetime] = thai_now,
    ) -> None:
        self.target = target
        self.log = log
        self.progress_stream = progress if progress is not None else sys.stderr
        self.clock = clock
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

    def _send(self, file: BuiltFile, progress: Progress, backup: str | None, moved: list[str]) -> None:
        """Upload ``file`` and rename it into place; with ``backup``, the file there (not
        this tool's) is first moved to that path."""
        start = progress.bytes_done
        part = part_name(file)
        tries = 0

        def send() -> None:
            nonlocal tries
            tries += 1
            progress.bytes_done = start
            self._folder(file.path)
            with file.source.open("rb") as stream:
                self.target.put(stream, part, progress.add)
            if backup is not None and file.path not in moved:
                # A try cut off during the move may have made it: a later try looks first.
                if tries == 1 or backup not in self.target.existing([backup]):
                    self._folder(backup)
                    self.target.move(file.path, backup)
                moved.append(file.path)
            self.target.replace(part, file.path)

        self._call(send)

    def _backup_folder(self) -> str:
        """A folder under ``.oit-backup/`` named by the date and time, none there yet."""
        stamp = f"{BACKUP}/{self.clock().astimezone(THAI_TIME):%Y-%m-%dT%H%M%S}"
        names = [stamp, *(f"{stamp}-{n}" for n in range(2, 10))]
        taken = self._call(lambda: self.target.existing(names))
        free = [name for name in names if name not in taken]
        if not free:
            raise PublishError(f"มี {stamp} อยู่แล้ว (a backup folder of this second exists); รันคำสั่งอีกครั้ง")
        return free[0]

    def _failure(
        self, error: BaseException, current: str | None, backup: str | None, sending: bool
    ) -> PublishError:
        """What to say when the target fails; ``backup``: where the files moved so far are."""
        kept = f" ไฟล์เดิมที่ย้ายแล้วอยู่ใน {backup}/ (the old files moved so far are in {backup}/)" if backup else ""
        if self.target.denied(error):
            where = self.target.location(current or "")
            if not sending:
                return PublishError(
                    f"อ่านโฟลเดอร์ {where} ไม่ได้ เพราะบัญชีนี้ไม่มีสิทธิ์ (permission denied: the account cannot "
                    f"read the folder: {error}); ตรวจที่อยู่ปลายทาง หรือให้ผู้ดูแลโฮสต์เปิดสิทธิ์ให้บัญชีนี้"
                )
            what, there = ("เขียน", "there") if current else ("เขียนลงโฟลเดอร์", "into the folder")
            return PublishError(
                f"{what} {where} ไม่ได้ เพราะบัญชีนี้ไม่มีสิทธิ์ (permission denied: the account cannot write "
                f"{there}: {error}); ให้ผู้ดูแลโฮสต์เปิดสิทธิ์เขียนให้บัญชีที่ใช้เผยแพร่ หรือเลือกปลายทางที่บัญชีนี้เขียนได้ "
                f"(ask your host to let this account write there, or choose a folder it can write to).{kept}"
            )
        where = f" ที่ {current}" if current else ""
        return PublishError(f"เผยแพร่ไม่สำเร็จ{where} (failed: {error or type(error).__name__}). {RESUME}{kept}")

    # -------------------------------------------------------------- the run

    def run(
        self,
        site_dir: Path,
        registered: set[str],
        *,
        prune: bool,
        dry_run: bool,
        everything: bool = False,
        replace_all: bool = False,
        replace: Collection[str] = (),
    ) -> Outcome:
        """Publish ``site_dir``. Files on the target this tool did not put there are
        replaced only when allowed (``replace_all``, or by path in ``replace``); with any
        other, :class:`Conflict` is raised before anything is written (a dry run returns
        them in :attr:`Outcome.refused`)."""
        built = built_files(site_dir)
        try:
            self.target.connect()
        except KeyboardInterrupt:
            self.target.close()
            raise Interrupted() from None
        try:
            return self._run(
                built,
                registered,
                prune=prune,
                dry_run=dry_run,
                everything=everything,
                allowed=lambda path: replace_all or path in replace,
            )
        finally:
            self.target.close()

    def _plan(
        self, built: dict[str, BuiltFile], registered: set[str], *, prune: bool, everything: bool
    ) -> tuple[Plan, Manifest]:
        """The plan and the server's manifest, its conflicts found: nothing is written."""
        raw = self._call(lambda: self.target.read(MANIFEST))
        try:
            manifest = read_manifest(raw)
        except NewerManifest as exc:
            raise PublishError(str(exc)) from None
        except ManifestError as exc:
            self.log.write(
                f"{exc}: ส่งทุกไฟล์ใหม่ ไม่ลบไฟล์ใด และไฟล์ที่มีอยู่แล้วบนเซิร์ฟเวอร์ถือว่าไม่ใช่ของ oit-site "
                "(sending every file; nothing is removed; "
                "every file already there counts as not put there by oit-site)\n"
            )
            manifest = Manifest()
        plan = make_plan(
            built, manifest, registered | manifest.registered, prune=prune, everything=everything
        )
        paths = unclaimed(plan, manifest)
        if paths:
            there = self._call(lambda: self.target.existing(paths))
            plan.conflicts = [path for path in paths if path in there]
        return plan, manifest

    def _run(
        self,
        built: dict[str, BuiltFile],
        registered: set[str],
        *,
        prune: bool,
        dry_run: bool,
        everything: bool,
        allowed: Callable[[str], bool],
    ) -> Outcome:
        try:
            plan, manifest = self._plan(built, registered, prune=prune, everything=everything)
        except KeyboardInterrupt:
            raise Interrupted() from None
        except self.target.errors as error:
            raise self._failure(error, None, None, sending=False) from None
        registered = registered | manifest.registered
        outcome = Outcome(plan, [], [], refused=[path for path in plan.conflicts if not allowed(path)])
        if dry_run:
            return outcome
        if outcome.refused:
            raise Conflict(outcome.refused)
        progress = Progress(len(plan.send), plan.bytes, self.progress_stream)
        current: str | None = None
        replacing = set(plan.conflicts)
        try:
            if replacing:
                outcome.backup = self._backup_folder()
            for part in sorted(manifest.pending):
                self._call(partial(self.target.remove, part))
            work = bool(plan.send or plan.prune or manifest.pending or manifest.incoming)
            if not work and registered == manifest.registered:
                return outcome
            manifest.registered = registered
            manifest.pending = {part_name(file) for file in plan.send}
            manifest.incoming = set(plan.new)
            self._save(manifest)
            for file in plan.send:
                current = file.path
                backup = f"{outcome.backup}/{file.path}" if file.path in replacing else None
                self._send(file, progress, backup, outcome.moved)
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
            manifest.incoming = set()
            self._save(manifest)
        except KeyboardInterrupt:
            self._last_save(manifest)
            raise Interrupted() from None
        except self.target.errors as error:
            self._last_save(manifest)
            backup = outcome.backup if outcome.moved else None
            raise self._failure(error, current, backup, sending=True) from None
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
