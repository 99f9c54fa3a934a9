"""Where a site is published: a folder (here), an SFTP server (:mod:`.sftp`), or an FTP or
FTPS server (:mod:`.ftp`).

Each is a :class:`Target`: a few file operations, most of them on batches of files, on
paths relative to the site's folder there. Uploads go to a temporary name and are renamed
into place, which SFTP (OpenSSH's ``posix-rename``), FTP (``RNFR``/``RNTO``) and a local
folder (``os.replace``) all do in one step, so a reader gets the old file or the new one,
never half of one.

A CI runner abroad is a quarter of a second from a Thai host, so work comes in batches
that wait for the server once, not once a file: over SFTP the requests of a batch go out
without waiting for answers (the protocol answers them in any order, but handles those on
one file in order), and files are uploaded over several channels of the one SSH
connection, many at a time on each; FTP cannot send a command before the last is answered,
so its batches are spread over several connections (``--connections``, 4 by default).

Secrets never sit in ``mkdocs.yml``: the password, key and server key come from the
environment (the CI's secret store, or the webmaster's shell):

- ``OIT_PUBLISH_PASSWORD``: the FTP or SFTP password;
- ``OIT_PUBLISH_KEY``: an SSH private key's text (or ``OIT_PUBLISH_KEY_FILE``, its file);
- ``OIT_PUBLISH_HOST_KEY``: the SFTP server's public key, as ``ssh-keyscan`` prints it
  (otherwise ``~/.ssh/known_hosts``; an unknown server is refused, never trusted blindly);
- ``OIT_PUBLISH_TLS_FINGERPRINT``: the SHA-256 fingerprint of an FTPS server's own
  certificate, for a server whose certificate no authority signed.

At a terminal, a publish given neither password nor key asks for the password (never
shown, never stored); in a CI job, where nobody can answer, it says which variable to set.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import threading
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, Protocol, TypeVar
from urllib.parse import unquote, urlsplit

SCHEMES = ("sftp", "ftps", "ftp", "file")
SECRETS = (
    "OIT_PUBLISH_TO",
    "OIT_PUBLISH_PASSWORD",
    "OIT_PUBLISH_KEY",
    "OIT_PUBLISH_KEY_FILE",
    "OIT_PUBLISH_HOST_KEY",
    "OIT_PUBLISH_TLS_FINGERPRINT",
)
"""The environment's variables a publish reads (``OIT_PUBLISH_TO`` is read by the command)."""
TIMEOUT = 60.0
STOPPING = 5.0
"""Seconds a connection waits for the server's answer to a transfer cut short by Ctrl-C."""
CHUNK = 1 << 16
CONNECTIONS = 4
"""Connections (FTP) or channels (SFTP) a batch is spread over, unless told otherwise."""
MOST_CONNECTIONS = 10
"""The most a publish opens: shared hosts allow a few connections from one address (often
8 or 10), and OpenSSH ten sessions on one connection."""

Sent = Callable[[int], None]
"""Told the number of bytes of each block sent."""
AskPassword = Callable[[str], str]
"""Asks the person at the terminal for a password, with this prompt, without showing it."""
Names = Callable[[str], "set[str] | None"]
"""The names in a folder of the target, or None when there is no such folder."""


def secret(env: Mapping[str, str], name: str) -> str | None:
    """A variable of the environment, None when unset or empty (a CI secret never set
    reaches the job as an empty string)."""
    return env.get(name) or None


def said(error: BaseException) -> str:
    """What ``error`` says, or its kind when it says nothing (a connection closed: ``EOFError``)."""
    return str(error) or type(error).__name__


class PublishError(Exception):
    """Publishing cannot go on; the message says why and what to do, in Thai and English."""


@dataclass(frozen=True)
class Destination:
    """A parsed ``--to`` or ``publish:`` address; never holds a password."""

    scheme: str
    path: str
    host: str = ""
    port: int = 0
    user: str = ""

    def __str__(self) -> str:
        if self.scheme == "file":
            return self.path
        user = f"{self.user}@" if self.user else ""
        path = self.path
        if not path.startswith("/"):
            path = f"/~/{path}" if self.scheme == "sftp" else f"/{path}"
        elif self.scheme != "sftp":
            path = f"/%2F{path[1:]}"
        return f"{self.scheme}://{user}{self.host}:{self.port}{path}"


def parse_destination(text: str, origin: str) -> Destination:
    """``sftp://user@host[:port]/path``, ``ftps://…``, ``ftp://…``, ``file:///path`` or a
    folder. As curl reads them: an SFTP path is from the server's root (``/~/`` for the
    login folder), an FTP path from the login folder (``/%2F`` for the root)."""
    text = text.strip()
    example = (
        "เช่น sftp://user@host.example.go.th/var/www/ita หรือ ftps://user@ftp.example.go.th/public_html/ita"
    )
    if "://" not in text:
        if not text:
            raise PublishError(f"{origin}: ไม่ได้ระบุปลายทาง (no target); {example}")
        return Destination("file", text)
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise PublishError(
            f"{origin}: ไม่รู้จัก {scheme}:// (unknown scheme); ใช้ sftp://, ftps://, ftp:// หรือโฟลเดอร์; {example}"
        )
    if parts.password is not None:
        raise PublishError(
            f"{origin}: มีรหัสผ่านอยู่ในที่อยู่ปลายทาง (a password in the address); "
            "ลบรหัสผ่านออก แล้วตั้งตัวแปร OIT_PUBLISH_PASSWORD ในที่เก็บความลับของ CI แทน "
            "(never a password in the repository: set OIT_PUBLISH_PASSWORD)"
        )
    if parts.query or parts.fragment:
        raise PublishError(f"{origin}: ที่อยู่ปลายทางมี ? หรือ # (a query or fragment); {example}")
    path = unquote(parts.path)
    if scheme == "file":
        if parts.netloc not in ("", "localhost"):
            raise PublishError(f"{origin}: file:// ใช้ได้กับโฟลเดอร์ในเครื่องนี้เท่านั้น (a local folder only)")
        return Destination("file", path)
    if not parts.hostname:
        raise PublishError(f"{origin}: ไม่มีชื่อเซิร์ฟเวอร์ (no host); {example}")
    try:
        port = parts.port or (22 if scheme == "sftp" else 21)
    except ValueError:
        raise PublishError(f"{origin}: หมายเลขพอร์ตไม่ถูกต้อง (bad port); {example}") from None
    if scheme == "sftp":
        # /~/public_html: the login folder's public_html; /var/www: from the root.
        if path == "/~" or path.startswith("/~/"):
            path = path[3:]
    else:
        # ftp://host/public_html: the login folder's; ftp://host/%2Fvar/www: from the root.
        path = path[1:]
    if path != "/":
        path = path.rstrip("/")
    return Destination(scheme, path, parts.hostname, port, unquote(parts.username or ""))


def cannot_connect(destination: Destination, error: BaseException) -> PublishError:
    return PublishError(
        f"เชื่อมต่อ {destination.host}:{destination.port} ไม่ได้ (cannot connect: {error}); "
        "ตรวจชื่อเซิร์ฟเวอร์ พอร์ต และเครือข่าย"
    )


def no_folder(destination: Destination, where: str) -> PublishError:
    return PublishError(
        f"ไม่มีโฟลเดอร์ {destination.path} บนเซิร์ฟเวอร์ (no such folder); สร้างโฟลเดอร์ก่อน หรือแก้ที่อยู่ปลายทาง "
        f"({destination.scheme}:// paths start at {where})"
    )


@dataclass(frozen=True)
class Upload:
    """A file of the site to upload under a temporary name."""

    source: Path
    path: str
    """The temporary name on the target (``2568/o1/.oit-part-…``)."""
    size: int
    name: str
    """The path it is renamed to once whole: what a failure names."""


class Watch(Protocol):
    """Told how an upload goes, from whichever connection sends each file."""

    journal: str
    """The file the lines of :meth:`due` are appended to."""

    def sent(self, upload: Upload, size: int) -> None:
        """``size`` more bytes of ``upload`` reached the target."""

    def done(self, upload: Upload) -> None:
        """``upload`` is whole on the target."""

    def due(self) -> bytes | None:
        """Lines to append to the journal now, or None when it is not yet time."""


class At(Exception):
    """``error``, raised by what was done to ``path`` (a file a batch was sending)."""

    def __init__(self, path: str, error: BaseException) -> None:
        super().__init__(f"{path}: {error}")
        self.path = path
        self.error = error


class Target(Protocol):
    """A site's folder somewhere, by paths relative to it (``2568/o1/index.html``)."""

    errors: tuple[type[BaseException], ...]
    """What its operations raise when the server or the connection fails."""
    journal_seconds: float
    """How often an upload appends to the journal: what one append costs decides."""
    ordered: bool
    """Whether it carries out the renames of one batch in the order given: then the steps
    of a publish go in one batch."""
    notes: list[str]
    """What the person should know that is no failure (the server took fewer connections)."""

    def connect(self) -> None: ...

    def close(self) -> None: ...

    def open_lanes(self) -> None:
        """Start opening the further connections a batch is spread over, in the background."""

    def read(self, path: str) -> bytes | None:
        """The file's bytes, or None when there is no such file."""

    def existing(self, paths: Collection[str]) -> set[str]:
        """Of ``paths``, those where the target has a file or folder already: each folder
        they are in listed once, never one stat per file (round trips cost 250 ms from a
        CI runner abroad)."""

    def prepare_save(self, part: str) -> None:
        """A :meth:`save` to ``part`` will come: what it can do ahead (open the file) it may
        do now, without waiting."""

    def save(self, data: bytes, part: str, path: str, remove: Collection[str] = ()) -> None:
        """Write ``data`` to the temporary name ``part``, rename it over ``path`` in one step
        once it is written, and delete the files ``remove`` (those not there are fine)."""

    def move(self, source: str, path: str) -> None:
        """Rename ``source`` to ``path``, where nothing is: an error, never a replacement,
        when something is."""

    def remove_folder(self, path: str) -> bool:
        """Remove an empty folder; False when it is not empty or cannot be removed."""

    def make_folders(self, folders: Sequence[str]) -> None:
        """Make ``folders``, parents listed before their children; one there already is
        fine, and one that cannot be made fails the upload into it."""

    def upload(self, files: Sequence[Upload], watch: Watch) -> None:
        """Write each file to its temporary name, many at once; :class:`At` names the file
        that failed."""

    def replace_all(self, pairs: Sequence[tuple[str, str]]) -> set[str]:
        """Rename each ``(source, path)`` as :meth:`replace` does, in any order, all done
        on return; the sources that were not there are returned (their paths untouched)."""

    def remove_all(self, paths: Collection[str]) -> None:
        """Delete these files; those not there are fine."""

    def transient(self, error: BaseException) -> bool:
        """Whether ``error`` is a lost or timed-out connection, worth connecting again for."""

    def denied(self, error: BaseException) -> bool:
        """Whether ``error`` is the server refusing this account to write."""

    def missing(self, error: BaseException) -> bool:
        """Whether ``error`` says a path, or the folder it goes in, is not there."""

    def location(self, path: str) -> str:
        """Where ``path`` is, as the person who set the target would name it."""


L = TypeVar("L")
W = TypeVar("W")


class _Queue(Iterator[W]):
    """Work that several connections take from, each the next item when it is free."""

    def __init__(self, items: Iterable[W]) -> None:
        self.items = deque(items)
        self.lock = threading.Lock()

    def __next__(self) -> W:
        with self.lock:
            if not self.items:
                raise StopIteration
            return self.items.popleft()

    def take(self) -> W | None:
        return next(self, None)


def in_parallel(lanes: Sequence[L], work: Callable[[L, threading.Event], None]) -> None:
    """``work`` on each lane, each in a thread of its own; when one fails, or Ctrl-C stops
    the publish, the event tells the others to start nothing more. The first failure is
    raised once every lane has stopped."""
    if len(lanes) == 1:
        work(lanes[0], threading.Event())
        return
    stop = threading.Event()
    failures: list[BaseException] = []
    done = [Background(partial(_one_lane, work, lane, stop, failures)) for lane in lanes]
    try:
        for each in done:
            each.wait()
    except KeyboardInterrupt:
        stop.set()
        for each in done:
            each.wait(TIMEOUT)
        raise
    if failures:
        raise failures[0]


def _one_lane(
    work: Callable[[L, threading.Event], None], lane: L, stop: threading.Event, failures: list[BaseException]
) -> None:
    try:
        work(lane, stop)
    except BaseException as failure:  # raised again in the calling thread
        failures.append(failure)
        stop.set()


def opened_at_once(
    count: int, open_one: Callable[[], L], errors: tuple[type[BaseException], ...]
) -> tuple[list[L], list[BaseException]]:
    """``count`` more connections or channels, opened at once, each in a thread of its own:
    those opened within ``TIMEOUT``, and the errors (one of ``errors``) of those the host
    refused, a host that allows fewer from one address, or on one connection, refusing the
    rest."""
    opened: list[L] = []
    refused: list[BaseException] = []

    def one() -> None:
        try:
            opened.append(open_one())
        except errors as error:
            refused.append(error)

    threads = [threading.Thread(target=one, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    return opened, refused


class Background:
    """A function run in a thread of its own, waited for through an event: on Python 3.11
    a thread's ``join`` cut short by Ctrl-C takes the thread for finished while it runs on,
    an event's ``wait`` does not."""

    def __init__(self, work: Callable[[], None]) -> None:
        self.finished = threading.Event()

        def run() -> None:
            try:
                work()
            finally:
                self.finished.set()

        threading.Thread(target=run, daemon=True).start()

    def wait(self, timeout: float | None = None) -> bool:
        return self.finished.wait(timeout)


def spread(lanes: Sequence[L], items: Sequence[W], work: Callable[[L, W], None]) -> None:
    """``work`` on every item, the items shared out among the lanes as each is free."""
    queue = _Queue(items)

    def lane_work(lane: L, stop: threading.Event) -> None:
        for item in queue:
            if stop.is_set():
                return
            work(lane, item)

    if items:
        in_parallel(lanes[: len(items)], lane_work)


class Shares:
    """Files shared out among lanes, biggest first and in turn, so that each lane has about
    as many bytes to send; a lane done with its share takes from the one with most left."""

    def __init__(self, files: Sequence[Upload], lanes: int) -> None:
        biggest_first = sorted(files, key=lambda file: -file.size)
        self.shares = [deque(biggest_first[lane::lanes]) for lane in range(lanes)]
        self.lock = threading.Lock()

    def take(self, lane: int, idle: bool = True) -> Upload | None:
        """The next file of the lane's share; when that is empty and the lane ``idle``
        (nothing under way), it takes over half of the share with most left."""
        with self.lock:
            own = self.shares[lane]
            if not own and idle:
                most = max(self.shares, key=len)
                for _ in range((len(most) + 1) // 2):
                    own.appendleft(most.pop())
            return own.popleft() if own else None


def unseen(_size: int) -> None:
    """Bytes that count in no progress (the journal's, the manifest's)."""


def partial_sent(watch: Watch, file: Upload) -> Sent:
    return lambda size: watch.sent(file, size)


def by_depth(folders: Sequence[str]) -> list[list[str]]:
    """``folders`` in rounds: each round's parents made in the rounds before."""
    rounds: dict[int, list[str]] = {}
    for folder in folders:
        rounds.setdefault(folder.count("/"), []).append(folder)
    return [rounds[depth] for depth in sorted(rounds)]


def existing_by_listing(
    paths: Collection[str], names: Names, probe: Callable[[str], bool] | None = None
) -> set[str]:
    """Of ``paths``, those ``names`` shows in their folders. Folders are listed shallowest
    first, each once, and none inside a folder its parent's listing showed missing (a first
    publish lists only the top folder). FTP servers leave dot files out of listings by
    default (vsftpd, Pure-FTPd): given ``probe``, a dot-named path a listing did not show
    is asked for by itself, and a dot-named folder is never taken as missing."""
    wanted: dict[str, set[str]] = {}
    for path in paths:
        folder, _, name = path.rpartition("/")
        wanted.setdefault(folder, set()).add(name)
    listed: dict[str, set[str] | None] = {}
    found: set[str] = set()
    for folder in sorted(wanted, key=lambda name: (name.count("/") + bool(name), name)):
        if _seen_missing(folder, listed, hidden=probe is not None):
            continue
        here = listed[folder] = names(folder)
        for name in sorted(wanted[folder]):
            path = f"{folder}/{name}" if folder else name
            shown = here is not None and name in here
            if shown or (probe is not None and name.startswith(".") and probe(path)):
                found.add(path)
    return found


def _seen_missing(folder: str, listed: dict[str, set[str] | None], hidden: bool) -> bool:
    """Whether the listing of ``folder``'s nearest listed parent shows it is not there."""
    parts = folder.split("/") if folder else []
    for depth in range(len(parts) - 1, -1, -1):
        parent = "/".join(parts[:depth])
        if parent not in listed:
            continue
        names, child = listed[parent], parts[depth]
        if names is not None and child in names:
            return False
        return not (hidden and child.startswith("."))
    return False


# ------------------------------------------------------------------ a folder


class FolderTarget:
    """A folder on this machine or a mounted share: one file at a time, as a disk likes."""

    errors: tuple[type[BaseException], ...] = (OSError,)
    journal_seconds = 0.5
    ordered = True

    def __init__(self, root: Path) -> None:
        self.root = root
        self.notes: list[str] = []

    def connect(self) -> None:
        if not self.root.is_dir():
            raise PublishError(
                f"ไม่มีโฟลเดอร์ปลายทาง {self.root} (no such folder); สร้างโฟลเดอร์ก่อน "
                "หรือตรวจว่าเชื่อมต่อไดรฟ์ที่แชร์แล้ว (create it, or mount the share)"
            )

    def close(self) -> None:
        pass

    def open_lanes(self) -> None:
        pass

    def read(self, path: str) -> bytes | None:
        try:
            return (self.root / path).read_bytes()
        except FileNotFoundError:
            return None

    def _names(self, folder: str) -> set[str] | None:
        try:
            with os.scandir(self.root / folder) as entries:
                return {entry.name for entry in entries}
        except (FileNotFoundError, NotADirectoryError):
            return None

    def existing(self, paths: Collection[str]) -> set[str]:
        return existing_by_listing(paths, self._names)

    def put(self, stream: IO[bytes], path: str, sent: Sent) -> None:
        with open(self.root / path, "wb") as out:
            for block in iter(lambda: stream.read(CHUNK), b""):
                out.write(block)
                sent(len(block))
            out.flush()
            os.fsync(out.fileno())

    def replace(self, source: str, path: str) -> None:
        os.replace(self.root / source, self.root / path)

    def move(self, source: str, path: str) -> None:
        if (self.root / path).exists():
            raise FileExistsError(errno.EEXIST, "File exists", str(self.root / path))
        os.rename(self.root / source, self.root / path)

    def remove(self, path: str) -> None:
        (self.root / path).unlink(missing_ok=True)

    def make_folder(self, path: str) -> None:
        (self.root / path).mkdir(exist_ok=True)

    def remove_folder(self, path: str) -> bool:
        try:
            (self.root / path).rmdir()
        except OSError:
            return False
        return True

    def prepare_save(self, part: str) -> None:
        pass

    def save(self, data: bytes, part: str, path: str, remove: Collection[str] = ()) -> None:
        self.put(io.BytesIO(data), part, unseen)
        self.replace(part, path)
        for other in remove:
            self.remove(other)

    def make_folders(self, folders: Sequence[str]) -> None:
        for folder in folders:
            with contextlib.suppress(OSError):
                self.make_folder(folder)

    def upload(self, files: Sequence[Upload], watch: Watch) -> None:
        for file in files:
            try:
                with file.source.open("rb") as stream:
                    self.put(stream, file.path, partial_sent(watch, file))
                watch.done(file)
                lines = watch.due()
                if lines:
                    self.append(watch.journal, lines)
            except OSError as error:
                raise At(file.name, error) from None

    def append(self, path: str, data: bytes) -> None:
        with open(self.root / path, "ab") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())

    def replace_all(self, pairs: Sequence[tuple[str, str]]) -> set[str]:
        missing = set()
        for source, path in pairs:
            try:
                self.replace(source, path)
            except FileNotFoundError as error:
                if (self.root / source).exists():
                    raise At(path, error) from None
                missing.add(source)
            except OSError as error:
                raise At(path, error) from None
        return missing

    def remove_all(self, paths: Collection[str]) -> None:
        for path in paths:
            try:
                self.remove(path)
            except OSError as error:
                raise At(path, error) from None

    def transient(self, error: BaseException) -> bool:
        return False

    def denied(self, error: BaseException) -> bool:
        return isinstance(error, PermissionError) or (
            isinstance(error, OSError) and error.errno == errno.EROFS
        )

    def missing(self, error: BaseException) -> bool:
        return isinstance(error, FileNotFoundError)

    def location(self, path: str) -> str:
        return str(self.root / path) if path else str(self.root)


def joined(destination: Destination, path: str) -> str:
    """``path`` in the target's folder, written as the address the target was given."""
    return f"{str(destination).rstrip('/')}/{path}" if path else str(destination)
