"""Carrying out a publish: the plan sent to a target, safely, resumably, and at the speed
of the link (each step waits for the server once, not once a file).

1. The server's manifest is read (after a stop, its journal too), and each folder the new
   files go in is listed once: a file there that the manifest does not name is not this
   tool's, and the publish is refused before anything is written, unless the person
   allowed replacing it.
2. The manifest is written back listing the temporary names and the new paths this
   publish will use; the temporary files a stopped publish left are removed, but those it
   uploaded whole are kept and used.
3. The folders the new files go in are made, parents first, and every file is uploaded
   under its temporary name, many at once (:meth:`Target.upload`); the journal gets a
   line for each file uploaded whole.
4. The files are renamed into place in steps (:func:`site_builder.publish.plan.steps`):
   documents, images and styles; the pages, deepest first (an item's page before its
   year's, the year's before the home page); the answer sheets and indexes; the server's
   rules last. A step starts once the one before is done, so a page is never in place
   before what it links to. A file allowed to be replaced is first moved into
   ``.oit-backup/<date and time>/``.
5. With ``--prune``, files no longer built and not registered are removed; then the
   manifest is saved whole and the journal removed.

A publish stopped at any point (a lost connection, Ctrl-C, a killed CI job) leaves every
file old or new, the old pages still linking to what is there. What it sent is saved when
the connection allows, and the journal holds what the manifest missed (a process killed
outright), so the next run renames what was uploaded whole and sends the rest. A lost
connection is tried again on a new connection, up to three tries in all while no file
gets through.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path, PurePosixPath
from typing import IO, TypeVar

from site_builder.publish.plan import (
    BACKUP,
    JOURNAL,
    MANIFEST,
    BuiltFile,
    Manifest,
    ManifestError,
    NewerManifest,
    Plan,
    built_files,
    journal_lines,
    make_plan,
    part_name,
    read_journal,
    read_manifest,
    steps,
    unclaimed,
)
from site_builder.publish.targets import At, PublishError, Target, Upload, said

ATTEMPTS = 3
SAVING = f"{MANIFEST}.oit-part"
"""The manifest's temporary name while it is written."""
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


def folders_of(paths: Collection[str]) -> list[str]:
    """Every folder ``paths`` are in, parents first."""
    found = {str(parent) for path in paths for parent in PurePosixPath(path).parents} - {"."}
    return sorted(found, key=lambda folder: (folder.count("/"), folder))


class _Uploads:
    """How an upload goes, told from every connection at once: the progress, the files
    uploaded whole (recorded in the manifest kept in memory), the journal's next lines."""

    journal = JOURNAL

    def __init__(
        self,
        progress: Progress,
        manifest: Manifest,
        every: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.progress = progress
        self.manifest = manifest
        self.every = every
        self.clock = clock
        self.lock = threading.Lock()
        self.partial: dict[str, int] = {}
        """Bytes sent of each file under way."""
        self.whole: set[str] = set()
        self.lines: list[str] = []
        self.last = clock()
        self.progressed = False

    def sent(self, upload: Upload, size: int) -> None:
        with self.lock:
            self.partial[upload.path] = self.partial.get(upload.path, 0) + size
            self.progress.add(size)

    def done(self, upload: Upload) -> None:
        with self.lock:
            self.partial.pop(upload.path, None)
            self.whole.add(upload.path)
            self.manifest.uploaded.add(upload.path)
            self.lines.append(upload.path)
            self.progressed = True
            self.progress.file_done()

    def due(self) -> bytes | None:
        with self.lock:
            now = self.clock()
            if not self.lines or now - self.last < self.every or self.manifest.run is None:
                return None
            self.last = now
            data = journal_lines(self.manifest.run, self.lines)
            self.lines.clear()
            return data

    def again(self) -> None:
        """Before another try: what was sent of the files cut off counts no more."""
        with self.lock:
            self.progress.bytes_done -= sum(self.partial.values())
            self.partial.clear()

    def moved_on(self) -> bool:
        """Whether a file got through since the last time this was asked."""
        with self.lock:
            progressed, self.progressed = self.progressed, False
            return progressed

    def more(self, uploads: list[Upload]) -> None:
        """Files to send again, counted in the progress."""
        with self.lock:
            self.progress.files += len(uploads)
            self.progress.size += sum(upload.size for upload in uploads)
            self.whole -= {upload.path for upload in uploads}


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

    # -------------------------------------------------------------- connection

    def _call(self, action: Callable[[], T], moved_on: Callable[[], bool] = lambda: False) -> T:
        """``action``, tried again on a new connection when the connection fails; three
        tries in all, counted afresh whenever ``moved_on`` says a try got something through."""
        attempt = 1
        while True:
            try:
                return action()
            except Exception as failure:
                if not isinstance(failure, (At, *self.target.errors)):
                    raise
                error = failure.error if isinstance(failure, At) else failure
                if moved_on():
                    attempt = 1
                if attempt >= ATTEMPTS or not self.target.transient(error):
                    raise
                self.log.write(
                    f"การเชื่อมต่อขาด ({said(error)}) เชื่อมต่อใหม่ครั้งที่ {attempt} (connection lost; reconnecting)\n"
                )
            time.sleep(2 ** (attempt - 1))
            self.target.close()
            try:
                self.target.connect()
            except PublishError as exc:
                raise PublishError(f"{exc}. {RESUME}") from None
            attempt += 1

    def _notes(self) -> None:
        for note in self.target.notes:
            self.log.write(f"{note}\n")
        self.target.notes.clear()

    def _save(self, manifest: Manifest, remove: Collection[str] = ()) -> None:
        """The manifest written whole under a temporary name and renamed over the old one;
        ``remove``: files deleted along with it."""
        data = manifest.to_json()
        self._call(lambda: self.target.save(data, SAVING, MANIFEST, remove))

    def _upload(self, uploads: list[Upload], watch: _Uploads) -> None:
        """Every file of ``uploads`` whole under its temporary name, however many tries it takes."""

        def attempt() -> None:
            watch.again()
            self.target.upload([upload for upload in uploads if upload.path not in watch.whole], watch)

        if not uploads:
            return
        try:
            self._call(attempt, watch.moved_on)
        except At as at:
            if not self.target.missing(at.error):
                raise
            # A folder the manifest shows was removed by hand since: every folder made again.
            left = [upload.name for upload in uploads if upload.path not in watch.whole]
            self._call(lambda: self.target.make_folders(folders_of(left)))
            self._call(attempt, watch.moved_on)
        finally:
            self._notes()

    def _move_aside(self, path: str, backup: str, moved: list[str]) -> None:
        """The file at ``path`` (not this tool's) moved to ``backup``."""
        tries = 0

        def move() -> None:
            nonlocal tries
            tries += 1
            # A try cut off during the move may have made it: a later try looks first.
            if tries == 1 or backup not in self.target.existing([backup]):
                self.target.move(path, backup)

        self._call(move)
        moved.append(path)

    def _place(
        self,
        step: list[BuiltFile],
        parts: dict[str, str],
        watch: _Uploads,
        outcome: Outcome,
        manifest: Manifest,
        replacing: set[str],
    ) -> None:
        """The files of one step (or of every step, in order) renamed into place, the old
        files of those allowed to be replaced moved aside first."""
        for file in step:
            if file.path in replacing and file.path not in outcome.moved:
                self._move_aside(file.path, f"{outcome.backup}/{file.path}", outcome.moved)
        missing = self._call(lambda: self.target.replace_all([(parts[f.path], f.path) for f in step]))
        if missing:
            # Uploaded whole by a publish that stopped, then renamed before it could say so;
            # or renamed by a try the connection cut off: sent again.
            again = [file for file in step if parts[file.path] in missing]
            uploads = [Upload(file.source, parts[file.path], file.size, file.path) for file in again]
            watch.more(uploads)
            self._upload(uploads, watch)
            lost = self._call(lambda: self.target.replace_all([(parts[f.path], f.path) for f in again]))
            if lost:
                path = next(file.path for file in again if parts[file.path] in lost)
                raise At(path, FileNotFoundError(f"{parts[path]} was removed while the publish ran"))
        for file in step:
            manifest.files[file.path] = file.sha256
            manifest.pending.discard(parts[file.path])
            manifest.uploaded.discard(parts[file.path])
        outcome.sent.extend(step)

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
        return PublishError(f"เผยแพร่ไม่สำเร็จ{where} (failed: {said(error)}). {RESUME}{kept}")

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
    ) -> tuple[Plan, Manifest, set[str], bool]:
        """The plan and the server's manifest, its conflicts found, and what the journal of
        a publish that stopped says was uploaded whole (and whether there is one): nothing
        is written."""
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
        uploaded: set[str] = set()
        journal = False
        if manifest.pending:
            # Only a publish that stopped leaves temporary files, and perhaps a journal.
            raw_journal = self._call(lambda: self.target.read(JOURNAL))
            journal = raw_journal is not None
            uploaded = read_journal(raw_journal, manifest)
        plan = make_plan(
            built, manifest, registered | manifest.registered, prune=prune, everything=everything
        )
        paths = unclaimed(plan, manifest)
        if paths:
            there = self._call(lambda: self.target.existing(paths))
            plan.conflicts = [path for path in paths if path in there]
        return plan, manifest, manifest.uploaded | uploaded, journal

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
            found = self._plan(built, registered, prune=prune, everything=everything)
        except KeyboardInterrupt:
            raise Interrupted() from None
        except self.target.errors as error:
            raise self._failure(error, None, None, sending=False) from None
        plan, manifest, uploaded, journal = found
        registered = registered | manifest.registered
        outcome = Outcome(plan, [], [], refused=[path for path in plan.conflicts if not allowed(path)])
        if dry_run:
            return outcome
        if outcome.refused:
            raise Conflict(outcome.refused)
        parts = {file.path: part_name(file) for file in plan.send}
        kept = uploaded & set(parts.values())
        stale = sorted(manifest.pending - set(parts.values()))
        work = bool(plan.send or plan.prune or manifest.pending or manifest.incoming)
        if not work and registered == manifest.registered:
            return outcome
        if plan.send:
            self.target.open_lanes()
        uploads = [
            Upload(file.source, parts[file.path], file.size, file.path)
            for file in plan.send
            if parts[file.path] not in kept
        ]
        progress = Progress(len(uploads), sum(upload.size for upload in uploads), self.progress_stream)
        watch = _Uploads(progress, manifest, self.target.journal_seconds)
        replacing = set(plan.conflicts)
        current: str | None = None
        try:
            if replacing:
                outcome.backup = self._backup_folder()
            manifest.registered = registered
            manifest.pending = set(parts.values())
            manifest.uploaded = set(kept)
            manifest.incoming = set(plan.new)
            manifest.run = uuid.uuid4().hex[:16]
            self._save(manifest, remove=[*stale, *([JOURNAL] if journal else [])])
            # The last save's file opened now, its answer taken when it is written.
            self.target.prepare_save(SAVING)
            known = {str(parent) for path in manifest.files for parent in PurePosixPath(path).parents}
            backups = [f"{outcome.backup}/{path}" for path in replacing]
            folders = [folder for folder in folders_of([*parts, *backups]) if folder not in known]
            if folders:
                self._call(lambda: self.target.make_folders(folders))
            self._upload(uploads, watch)
            # One batch where the target keeps the order, unless files a stopped publish
            # uploaded are among them (one may have to be sent again, out of its turn).
            batches = [plan.send] if self.target.ordered and not kept else steps(plan.send)
            for batch in batches:
                self._place(batch, parts, watch, outcome, manifest, replacing)
            progress.show(final=True)
            if plan.prune:
                current = plan.prune[0]
                self._call(lambda: self.target.remove_all(plan.prune))
                for path in plan.prune:
                    del manifest.files[path]
                    outcome.removed.append(path)
                current = None
            self._remove_empty_folders(plan.prune, manifest)
            manifest.pending = set()
            manifest.incoming = set()
            manifest.uploaded = set()
            manifest.run = None
            self._save(manifest, remove=[JOURNAL] if uploads else [])
        except KeyboardInterrupt:
            self._last_save(manifest)
            raise Interrupted() from None
        except At as at:
            self._last_save(manifest)
            backup = outcome.backup if outcome.moved else None
            raise self._failure(at.error, at.path, backup, sending=True) from None
        except self.target.errors as error:
            self._last_save(manifest)
            backup = outcome.backup if outcome.moved else None
            raise self._failure(error, current, backup, sending=True) from None
        return outcome

    def _last_save(self, manifest: Manifest) -> None:
        """Record what was sent before stopping, if the connection still allows it."""
        with contextlib.suppress(PublishError, KeyboardInterrupt, At, *self.target.errors):
            self._save(manifest)

    def _remove_empty_folders(self, removed: list[str], manifest: Manifest) -> None:
        """Folders that only held removed files, deepest first; one still holding anything stays."""
        kept = {str(parent) for path in manifest.files for parent in PurePosixPath(path).parents}
        emptied = {
            str(parent) for path in removed for parent in PurePosixPath(path).parents if str(parent) != "."
        }
        for folder in sorted(emptied - kept, key=lambda name: -name.count("/")):
            self._call(partial(self.target.remove_folder, folder))
