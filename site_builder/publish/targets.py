"""Where a site is published: a folder, an SFTP server, or an FTP or FTPS server.

Each is a :class:`Target`: a few file operations on paths relative to the site's folder
there. Uploads go to a temporary name and are renamed into place, which SFTP (OpenSSH's
``posix-rename``), FTP (``RNFR``/``RNTO``) and a local folder (``os.replace``) all do in
one step, so a reader gets the old file or the new one, never half of one.

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

import base64
import contextlib
import errno
import ftplib
import hashlib
import io
import os
import socket
import ssl
import stat
import threading
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath
from typing import IO, Any, Protocol, TypeVar
from urllib.parse import unquote, urlsplit

import paramiko
from paramiko.sftp import (
    CMD_ATTRS,
    CMD_CLOSE,
    CMD_DATA,
    CMD_EXTENDED,
    CMD_HANDLE,
    CMD_INIT,
    CMD_MKDIR,
    CMD_NAME,
    CMD_OPEN,
    CMD_OPENDIR,
    CMD_READ,
    CMD_READDIR,
    CMD_REMOVE,
    CMD_STAT,
    CMD_STATUS,
    CMD_VERSION,
    CMD_WRITE,
    SFTP_FLAG_APPEND,
    SFTP_FLAG_CREATE,
    SFTP_FLAG_READ,
    SFTP_FLAG_TRUNC,
    SFTP_FLAG_WRITE,
    SFTPError,
    int64,
)

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
CREDENTIALS = (
    "ตั้งตัวแปร OIT_PUBLISH_KEY (เนื้อหากุญแจส่วนตัว) หรือ OIT_PUBLISH_KEY_FILE (ที่อยู่ไฟล์กุญแจ) "
    "หรือ OIT_PUBLISH_PASSWORD ในเครื่องนี้หรือในที่เก็บความลับของ CI "
    "(set OIT_PUBLISH_KEY, the private key's text, or OIT_PUBLISH_KEY_FILE, its file, "
    "or OIT_PUBLISH_PASSWORD)"
)


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


def _cannot_connect(destination: Destination, error: BaseException) -> PublishError:
    return PublishError(
        f"เชื่อมต่อ {destination.host}:{destination.port} ไม่ได้ (cannot connect: {error}); "
        "ตรวจชื่อเซิร์ฟเวอร์ พอร์ต และเครือข่าย"
    )


def _no_folder(destination: Destination, where: str) -> PublishError:
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

    def left(self) -> bool:
        return any(self.shares)


def _unseen(_size: int) -> None:
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
        self.put(io.BytesIO(data), part, _unseen)
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


# ------------------------------------------------------------------ SFTP


def _fingerprint(key: paramiko.PKey) -> str:
    return "SHA256:" + base64.b64encode(hashlib.sha256(key.asbytes()).digest()).decode().rstrip("=")


class _RefuseUnknown(paramiko.MissingHostKeyPolicy):
    """Refuse a server whose key is not known, and say how to make it known."""

    def missing_host_key(self, client: paramiko.SSHClient, hostname: str, key: paramiko.PKey) -> None:
        raise PublishError(
            f"ไม่รู้จักกุญแจของเซิร์ฟเวอร์ {hostname} (unknown host key {key.get_name()} {_fingerprint(key)}). "
            "ตรวจลายนิ้วมือนี้กับผู้ให้บริการโฮสต์ก่อน แล้วตั้งตัวแปร OIT_PUBLISH_HOST_KEY เป็นบรรทัดนี้ "
            "(check the fingerprint with your host, then set OIT_PUBLISH_HOST_KEY to this line):\n"
            f"{hostname} {key.get_name()} {key.get_base64()}"
        )


def _private_key(text: str, source: str, hint: str) -> paramiko.PKey:
    """The key in ``text``, which ``source`` gave (named in what is said when it is no key)."""
    for kind in (paramiko.Ed25519Key, paramiko.ECDSAKey, paramiko.RSAKey):
        try:
            return kind.from_private_key(io.StringIO(text))
        except paramiko.PasswordRequiredException:
            raise PublishError(
                f"{source} มีรหัสผ่านกำกับ (the key is encrypted); "
                "สร้างกุญแจสำหรับการเผยแพร่โดยไม่ใส่รหัสผ่าน: ssh-keygen -t ed25519 -N '' -f oit-publish"
            ) from None
        except (paramiko.SSHException, ValueError):
            continue
    raise PublishError(f"{source} ไม่ใช่กุญแจส่วนตัวที่อ่านได้ (not a private key); {hint}")


def _joined(destination: Destination, path: str) -> str:
    """``path`` in the target's folder, written as the address the target was given."""
    return f"{str(destination).rstrip('/')}/{path}" if path else str(destination)


class _Refused(Exception):
    """The server would not log this account in, for the reason ``error`` gives."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(str(error))
        self.error = error


def _nothing_offered(error: BaseException) -> bool:
    """Whether paramiko gave up before offering any key or password."""
    return type(error) is paramiko.SSHException and str(error) == "No authentication methods available"


FILES_IN_FLIGHT = 64
"""Files one SFTP channel has open at once, each waiting on its answers."""
BYTES_IN_FLIGHT = 4 << 20
"""Bytes written on one SFTP channel that the server has not yet answered for: over a link
of 250 ms, 16 MB a second a channel (OpenSSH's window for a channel is 2 MB)."""
REQUESTS_IN_FLIGHT = 1024
"""Renames, folders or removals one channel has sent and not yet had answered."""
BLOCK = 1 << 15
"""SFTP reads and writes: 32 KB, what every server takes."""
READ_AHEAD = 32
"""Reads of a file sent at once: a 1 MB manifest in one round trip."""
LIST_AHEAD = 4
"""Requests for a folder's next names sent at once (OpenSSH answers 100 names each)."""
NEW_FILE = SFTP_FLAG_WRITE | SFTP_FLAG_CREATE | SFTP_FLAG_TRUNC
APPEND = SFTP_FLAG_WRITE | SFTP_FLAG_CREATE | SFTP_FLAG_APPEND

Answer = tuple[int, paramiko.Message]


class _Lane:
    """One SFTP channel with many requests in flight: each sent without waiting for the one
    before to be answered, the answers taken as they come. Paramiko sends and reads the
    packets (``_async_request`` with this object as the one to hand answers to, and
    ``_read_response``: how its own pipelined file writes work); this class only keeps
    the answers until they are asked for."""

    def __init__(self, sftp: paramiko.SFTPClient) -> None:
        self.client = sftp
        # Paramiko's own packet layer, which its type stubs leave out.
        self.sftp: Any = sftp
        self.answers: dict[int, Answer] = {}
        self.held: set[int] = set()
        """Requests sent ahead whose answers wait for whoever asks by number (:meth:`take`),
        never given by :meth:`next`."""

    def send(self, command: int, *args: Any) -> int:
        return int(self.sftp._async_request(self, command, *args))

    def forget(self, command: int, *args: Any) -> None:
        """A request whose answer does not matter (closing a file only read)."""
        self.sftp._async_request(type(None), command, *args)

    def _async_response(self, kind: int, msg: paramiko.Message, num: int) -> None:
        self.answers[num] = (kind, msg)

    def path(self, path: str) -> bytes:
        return bytes(self.sftp._adjust_cwd(path))

    def take(self, num: int) -> Answer:
        """The answer to request ``num``, waiting for it."""
        while num not in self.answers:
            self.sftp._read_response()
        self.held.discard(num)
        return self.answers.pop(num)

    def next(self) -> tuple[int, Answer]:
        """The next answer that came, waiting for one: (its request's number, the answer)."""
        while True:
            num = next((num for num in self.answers if num not in self.held), None)
            if num is not None:
                return num, self.answers.pop(num)
            self.sftp._read_response()

    def check(self, answer: Answer) -> None:
        """Raise what the server answered (``FileNotFoundError``, ``PermissionError``, …)."""
        kind, msg = answer
        if kind != CMD_STATUS:
            raise SFTPError(f"expected a status, got answer {kind}")
        self.sftp._convert_status(msg)

    def open(self, path: str, flags: int) -> bytes:
        """A handle of the file at ``path``, waiting for it."""
        return self.handle(self.take(self.send(CMD_OPEN, self.path(path), flags, paramiko.SFTPAttributes())))

    def handle(self, answer: Answer) -> bytes:
        kind, msg = answer
        if kind == CMD_STATUS:
            self.sftp._convert_status(msg)
        if kind != CMD_HANDLE:
            raise SFTPError(f"expected a handle, got answer {kind}")
        return bytes(msg.get_binary())

    def each(self, requests: Iterable[tuple[str, int, tuple[Any, ...]]]) -> dict[str, BaseException | None]:
        """Send each ``(key, command, arguments)`` with at most ``REQUESTS_IN_FLIGHT``
        unanswered: each key's error, or None."""
        waiting: dict[int, str] = {}
        outcome: dict[str, BaseException | None] = {}
        pending = iter(requests)
        more = True
        while more or waiting:
            while more and len(waiting) < REQUESTS_IN_FLIGHT:
                request = next(pending, None)
                if request is None:
                    more = False
                    break
                key, command, args = request
                waiting[self.send(command, *args)] = key
            if waiting:
                num, answer = self.next()
                key = waiting.pop(num)
                try:
                    self.check(answer)
                    outcome[key] = None
                except (OSError, EOFError, SFTPError) as error:
                    outcome[key] = error
        return outcome


@dataclass
class _Sending:
    """A file being uploaded over a :class:`_Lane`."""

    upload: Upload
    stream: IO[bytes]
    handle: bytes | None = None
    offset: int = 0
    whole: bool = False
    """All of it was read and sent: once its writes and close are answered, it is done."""
    closing: bool = False
    error: BaseException | None = None


def _send_over(
    lane: _Lane, take: Callable[[bool], Upload | None], watch: Watch, stop: threading.Event
) -> None:
    """Upload the files ``take`` gives over one channel until it gives no more: up to
    ``FILES_IN_FLIGHT`` files open at once, their writes and close sent without waiting (the
    server handles a file's requests in order), ``BYTES_IN_FLIGHT`` unanswered at most. The
    journal is appended to through a handle of this channel's own, without waiting: a line
    lost costs only a file sent again after a stop. On ``stop`` (another channel failed, or
    Ctrl-C), files under way are closed as they are, not done."""
    waiting: dict[int, tuple[str, _Sending | None, int]] = {}
    files: list[_Sending] = []
    in_flight = 0
    failure: At | None = None
    journal: bytes | None = None
    journal_state = "closed"
    lines = b""
    ended = False
    try:
        while True:
            cut = stop.is_set() or failure is not None
            while not cut and not ended and len(files) < FILES_IN_FLIGHT and in_flight < BYTES_IN_FLIGHT:
                upload = take(not files)
                if upload is None:
                    ended = not files
                    break
                started = _Sending(upload, upload.source.open("rb"))
                files.append(started)
                num = lane.send(CMD_OPEN, lane.path(upload.path), NEW_FILE, paramiko.SFTPAttributes())
                waiting[num] = ("open", started, 0)
                if journal_state == "closed":
                    # Opened along with the first files, so that no line waits for it.
                    num = lane.send(CMD_OPEN, lane.path(watch.journal), APPEND, paramiko.SFTPAttributes())
                    waiting[num] = ("journal", None, 0)
                    journal_state = "opening"
            for open_file in files:
                if open_file.handle is None or open_file.closing:
                    continue
                while in_flight < BYTES_IN_FLIGHT:
                    block = b"" if cut or open_file.error else open_file.stream.read(BLOCK)
                    if not block:
                        open_file.whole = not (cut or open_file.error)
                        open_file.closing = True
                        waiting[lane.send(CMD_CLOSE, open_file.handle)] = ("close", open_file, 0)
                        break
                    num = lane.send(CMD_WRITE, open_file.handle, int64(open_file.offset), block)
                    waiting[num] = ("write", open_file, len(block))
                    open_file.offset += len(block)
                    in_flight += len(block)
            if journal_state in ("opening", "open"):
                lines += watch.due() or b""
            if lines and journal_state == "open":
                lane.forget(CMD_WRITE, journal, int64(0), lines)
                lines = b""
            if journal_state == "open" and not files and (cut or ended):
                lane.forget(CMD_CLOSE, journal)
                journal_state = "done"
            if not waiting:
                if not files and (cut or ended):
                    return
                continue
            num, answer = lane.next()
            what, sending, size = waiting.pop(num)
            try:
                if what == "journal":
                    journal = lane.handle(answer)
                    journal_state = "open"
                elif what == "open":
                    assert sending is not None
                    sending.handle = lane.handle(answer)
                elif what == "write":
                    assert sending is not None
                    in_flight -= size
                    lane.check(answer)
                    watch.sent(sending.upload, size)
                else:
                    assert sending is not None
                    files.remove(sending)
                    sending.stream.close()
                    lane.check(answer)
                    if sending.error is None and sending.whole:
                        watch.done(sending.upload)
            except (OSError, EOFError, SFTPError) as error:
                if what == "journal":
                    journal_state = "failed"
                    continue
                assert sending is not None
                if what == "open":
                    files.remove(sending)
                    sending.stream.close()
                    failure = failure or At(sending.upload.name, error)
                else:
                    sending.error = sending.error or error
                    if what == "close":
                        failure = failure or At(sending.upload.name, sending.error)
                if failure is not None:
                    stop.set()
    finally:
        for left in files:
            left.stream.close()
        if failure is not None:
            raise failure


class _SftpSession(paramiko.SFTPClient):
    """Paramiko's SFTP client, keeping the extensions the server names as it starts (which
    tell OpenSSH's sftp-server from others)."""

    extensions: dict[str, str]

    @classmethod
    def opened(cls, client: paramiko.SSHClient) -> _SftpSession:
        """A new channel of ``client``'s connection, with the SFTP subsystem on it."""
        transport = client.get_transport()
        if transport is None:
            raise EOFError("not connected")
        channel = transport.open_session()
        channel.settimeout(TIMEOUT)
        channel.invoke_subsystem("sftp")
        return cls(channel)

    def _send_version(self) -> int:
        packets: Any = self
        version = paramiko.Message()
        version.add_int(3)
        packets._send_packet(CMD_INIT, version)
        kind, data = packets._read_packet()
        if kind != CMD_VERSION:
            raise SFTPError("Incompatible sftp protocol")
        answer = paramiko.Message(data)
        number = answer.get_int()
        self.extensions = {}
        while answer.get_remainder():
            name = answer.get_text()
            self.extensions[name] = answer.get_text()
        return int(number)


class SftpTarget:
    """A folder on an SSH server, reached by SFTP: one SSH connection, and on it the channel
    everything goes through but uploads, which share it with a few more."""

    errors: tuple[type[BaseException], ...] = (OSError, EOFError, paramiko.SSHException)
    journal_seconds = 0.5

    def __init__(
        self,
        destination: Destination,
        env: Mapping[str, str],
        ask: AskPassword | None = None,
        connections: int = CONNECTIONS,
    ) -> None:
        self.destination = destination
        self.env = env
        self.ask = ask
        self.connections = connections
        self.password: str | None = None
        """The password typed at the terminal, kept for connecting again after a drop."""
        self.client: paramiko.SSHClient | None = None
        self.sftp: paramiko.SFTPClient | None = None
        self.lane: _Lane | None = None
        self.extra: list[_Lane] = []
        """The further channels uploads share (``connections`` in all, with the first)."""
        self.opening: Background | None = None
        self.notes: list[str] = []
        self.ordered = False
        """Whether the server carries out the requests of a channel in the order sent."""
        self.checking: int | None = None
        """The request asking whether the target's folder is there, not yet answered."""
        self.prepared: dict[str, int] = {}
        """Temporary names opened ahead of a :meth:`save`, by the request that opens each."""

    def _known_name(self) -> str:
        host, port = self.destination.host, self.destination.port
        return host if port == 22 else f"[{host}]:{port}"

    def _host_keys(self, client: paramiko.SSHClient) -> None:
        with contextlib.suppress(OSError):
            client.load_system_host_keys()
        for number, line in enumerate((secret(self.env, "OIT_PUBLISH_HOST_KEY") or "").splitlines(), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if len(line.split()) == 2:  # "ssh-ed25519 AAAA…" without the host
                line = f"{self._known_name()} {line}"
            try:
                entry = paramiko.hostkeys.HostKeyEntry.from_line(line)
            except (paramiko.SSHException, ValueError):
                entry = None
            if entry is None or entry.key is None:
                raise PublishError(
                    f"OIT_PUBLISH_HOST_KEY บรรทัด {number} อ่านไม่ได้ (unreadable); "
                    "ใช้บรรทัดที่ ssh-keyscan พิมพ์ เช่น host.example.go.th ssh-ed25519 AAAA…"
                )
            for name in entry.hostnames:
                client.get_host_keys().add(name, entry.key.get_name(), entry.key)

    def _key(self) -> tuple[paramiko.PKey, str] | None:
        """The private key the environment gives, with where it came from."""
        text = secret(self.env, "OIT_PUBLISH_KEY")
        if text:
            hint = "ใส่เนื้อหาทั้งไฟล์ตั้งแต่ -----BEGIN OPENSSH PRIVATE KEY----- ถึงบรรทัด END"
            return _private_key(text, "OIT_PUBLISH_KEY", hint), "OIT_PUBLISH_KEY"
        name = secret(self.env, "OIT_PUBLISH_KEY_FILE")
        if not name:
            return None
        path = Path(name).expanduser().absolute()
        source = f"OIT_PUBLISH_KEY_FILE ({path})"
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise PublishError(
                f"OIT_PUBLISH_KEY_FILE: ไม่มีไฟล์กุญแจ {path} (no such file); ตรวจที่อยู่ไฟล์ที่ตั้งไว้ในตัวแปร "
                "หรือใส่เนื้อหากุญแจใน OIT_PUBLISH_KEY แทน "
                "(check the path, or put the key's text in OIT_PUBLISH_KEY)"
            ) from None
        except IsADirectoryError:
            raise PublishError(
                f"OIT_PUBLISH_KEY_FILE: {path} เป็นโฟลเดอร์ ไม่ใช่ไฟล์กุญแจ (a folder, not a key file); "
                "ระบุไฟล์กุญแจส่วนตัว เช่น oit-publish ที่ ssh-keygen สร้าง"
            ) from None
        except PermissionError:
            raise PublishError(
                f"OIT_PUBLISH_KEY_FILE: อ่านไฟล์กุญแจ {path} ไม่ได้ เพราะไม่มีสิทธิ์อ่าน (permission denied); "
                "ให้ผู้ใช้ที่รันคำสั่งนี้เป็นเจ้าของไฟล์ แล้ว chmod 600 (make it the user's own file, mode 600)"
            ) from None
        except OSError as exc:
            raise PublishError(
                f"OIT_PUBLISH_KEY_FILE: อ่านไฟล์กุญแจ {path} ไม่ได้ (cannot read the key file: {exc.strerror})"
            ) from None
        hint = "ระบุไฟล์กุญแจส่วนตัวที่ ssh-keygen สร้าง ไม่ใช่ไฟล์ .pub (the private key, not the .pub file)"
        return _private_key(data.decode("utf-8", "replace"), source, hint), source

    def _login(self, key: paramiko.PKey | None, password: str | None, own_keys: bool) -> paramiko.SSHClient:
        """A client logged in; :class:`_Refused` when the server would not log it in."""
        d = self.destination
        client = paramiko.SSHClient()
        try:
            self._host_keys(client)
            client.set_missing_host_key_policy(_RefuseUnknown())
            client.connect(
                d.host,
                d.port,
                username=d.user,
                password=password,
                pkey=key,
                # Without a secret given, the webmaster's own keys and agent, as ssh uses them.
                look_for_keys=own_keys,
                allow_agent=own_keys,
                timeout=TIMEOUT,
                banner_timeout=TIMEOUT,
                auth_timeout=TIMEOUT,
            )
        except paramiko.BadHostKeyException as exc:
            client.close()
            raise PublishError(
                f"กุญแจของเซิร์ฟเวอร์ {d.host} ไม่ตรงกับที่บันทึกไว้ (the server's key has changed: "
                f"{_fingerprint(exc.key)}); อาจมีผู้ดักกลางทาง หยุดและสอบถามผู้ให้บริการโฮสต์ก่อน "
                "(possibly an attack: ask your host before changing OIT_PUBLISH_HOST_KEY)"
            ) from None
        except paramiko.AuthenticationException as exc:
            client.close()
            raise _Refused(exc) from None
        except (OSError, EOFError, paramiko.SSHException) as exc:
            transport = client.get_transport()
            # Past the handshake (the server's key known and accepted), a closed connection
            # is the server ending a login it refused, as sshd does after MaxAuthTries.
            logging_in = transport is not None and transport.host_key is not None
            client.close()
            if logging_in:
                raise _Refused(exc) from None
            raise _cannot_connect(d, exc) from None
        except BaseException:
            client.close()
            raise
        return client

    def _refused(
        self, error: BaseException, key: tuple[paramiko.PKey, str] | None, typed: bool
    ) -> PublishError:
        d = self.destination
        failed = f"เข้าสู่ระบบ {d.host} ในชื่อ {d.user} ไม่สำเร็จ"
        if not isinstance(error, paramiko.AuthenticationException):
            return PublishError(
                f"{failed}: เซิร์ฟเวอร์ปิดการเชื่อมต่อระหว่างเข้าสู่ระบบ (authentication refused: "
                f"the server closed the connection: {said(error)}); "
                "ตรวจกุญแจหรือรหัสผ่าน และชื่อผู้ใช้ในที่อยู่ปลายทาง"
            )
        allowed = getattr(error, "allowed_types", None) or []
        # paramiko sends a password by keyboard-interactive where the server asks so (PAM).
        if key is None and allowed and not {"password", "keyboard-interactive"} & set(allowed):
            return PublishError(
                f"{failed}: เซิร์ฟเวอร์ไม่รับรหัสผ่าน รับเฉพาะ {', '.join(allowed)} "
                f"(authentication refused: the server takes no passwords, only {', '.join(allowed)}); "
                "ใช้กุญแจ: ตั้งตัวแปร OIT_PUBLISH_KEY หรือ OIT_PUBLISH_KEY_FILE (use a key)"
            )
        if key is not None:
            pkey, source = key
            return PublishError(
                f"{failed}: เซิร์ฟเวอร์ไม่ยอมรับกุญแจ {pkey.get_name()} {_fingerprint(pkey)} จาก {source} "
                "(authentication refused: the server did not accept this key); "
                f"เพิ่มกุญแจสาธารณะของกุญแจนี้ลงใน ~/.ssh/authorized_keys ของบัญชี {d.user} บนโฮสต์ "
                "(add its public key to the account's ~/.ssh/authorized_keys)"
            )
        if typed:
            check, check_en = "รหัสผ่านที่พิมพ์", "the password typed"
        else:
            check, check_en = "ตัวแปร OIT_PUBLISH_PASSWORD", "OIT_PUBLISH_PASSWORD"
        return PublishError(
            f"{failed}: เซิร์ฟเวอร์ไม่ยอมรับรหัสผ่าน (authentication refused: wrong user name or password); "
            f"ตรวจ{check} และชื่อผู้ใช้ในที่อยู่ปลายทาง (check {check_en} and the user name in the address)"
        )

    def _no_credentials(self, error: BaseException) -> PublishError:
        d = self.destination
        if _nothing_offered(error):
            return PublishError(
                f"ไม่มีกุญแจหรือรหัสผ่านสำหรับเข้าสู่ระบบ {d.host} ในชื่อ {d.user} (no key or password): {CREDENTIALS}"
            )
        return PublishError(
            f"เข้าสู่ระบบ {d.host} ในชื่อ {d.user} ไม่สำเร็จ: เซิร์ฟเวอร์ไม่ยอมรับกุญแจของเครื่องนี้ (~/.ssh, ssh-agent) "
            f"(authentication refused: the server did not accept your own SSH keys); {CREDENTIALS}"
        )

    def connect(self) -> None:
        d = self.destination
        if not d.user:
            raise PublishError(f"ไม่ได้ระบุชื่อผู้ใช้ (no user name): sftp://user@{d.host}/…")
        key = self._key()
        password = self.password or secret(self.env, "OIT_PUBLISH_PASSWORD")
        offered = key is not None or password is not None
        try:
            client = self._login(key[0] if key else None, password, own_keys=not offered)
        except _Refused as refused:
            if offered:
                raise self._refused(refused.error, key, typed=self.password is not None) from None
            if self.ask is None:
                raise self._no_credentials(refused.error) from None
            self.password = (
                self.ask(f"รหัสผ่านของ {d.user}@{d.host} (password for {d.user}@{d.host}): ") or None
            )
            if self.password is None:
                raise self._no_credentials(refused.error) from None
            try:
                client = self._login(None, self.password, own_keys=False)
            except _Refused as again:
                raise self._refused(again.error, None, typed=True) from None
        try:
            sftp = _SftpSession.opened(client)
        except (OSError, EOFError, paramiko.SSHException) as exc:
            client.close()
            raise PublishError(
                f"{d.host} ไม่เปิด SFTP ให้บัญชี {d.user} "
                f"(no SFTP for this account: {said(exc)}); "
                "สอบถามผู้ให้บริการโฮสต์ หรือใช้ ftps://"
            ) from None
        self.client, self.sftp = client, sftp
        self.lane = _Lane(sftp)
        transport = client.get_transport()
        software = transport.remote_version if transport is not None else ""
        # OpenSSH's sftp-server (its sshd names itself, the server its own extensions) carries
        # out the requests of a channel one at a time, in the order they come.
        self.ordered = "OpenSSH" in software and "fsync@openssh.com" in sftp.extensions
        if d.path:
            # Paths are taken from the folder as given (a relative one from the login folder,
            # as the server reads it); that it is a folder is asked along with the first
            # request (:meth:`_checked`), not in a round trip of its own.
            cwd: Any = sftp
            cwd._cwd = d.path.encode("utf-8")
            self.checking = self.lane.send(CMD_STAT, d.path.encode("utf-8"))
        # Channels cost no connection a host counts: the further ones open while the
        # manifest is read, ready when the uploads start.
        self.open_lanes()

    def _checked(self) -> None:
        """Raise when the target's folder is not there, or not a folder the account may open."""
        if self.checking is None or self.lane is None:
            return
        d, lane, num = self.destination, self.lane, self.checking
        self.checking = None
        kind, msg = lane.take(num)
        try:
            if kind == CMD_ATTRS:
                attributes: Any = paramiko.SFTPAttributes
                if stat.S_ISDIR(attributes._from_msg(msg).st_mode or 0):
                    return
            else:
                lane.check((kind, msg))
        except PermissionError:
            self.close()
            raise PublishError(
                f"บัญชี {d.user} เปิดโฟลเดอร์ {d.path} บนเซิร์ฟเวอร์ไม่ได้ (permission denied); "
                "ตรวจที่อยู่ปลายทาง หรือให้ผู้ดูแลโฮสต์เปิดสิทธิ์ให้บัญชีนี้"
            ) from None
        except (OSError, EOFError, SFTPError):
            pass
        self.close()
        raise _no_folder(d, "the server's root; /~/ for the login folder")

    def close(self) -> None:
        if self.opening is not None:
            self.opening.wait(TIMEOUT)
            self.opening = None
        if self.client is not None:
            self.client.close()
        self.client = self.sftp = self.lane = None
        self.extra = []
        self.checking = None
        self.prepared = {}

    def _sftp(self) -> paramiko.SFTPClient:
        if self.sftp is None:
            raise EOFError("not connected")
        return self.sftp

    def _main(self) -> _Lane:
        if self.lane is None:
            raise EOFError("not connected")
        self._checked()
        return self.lane

    # -------------------------------------------------------------- channels

    def open_lanes(self) -> None:
        if self.opening is None and not self.extra and self.connections > 1:
            self.opening = Background(self._open_extra)

    def _open_extra(self) -> None:
        """The further channels, opened at once; a server that allows fewer sessions on a
        connection (OpenSSH's MaxSessions) is said, and the publish goes on with those."""
        client, sftp = self.client, self.sftp
        if client is None or sftp is None:
            return
        opened: list[_Lane] = []
        refused: list[BaseException] = []

        def open_one() -> None:
            try:
                channel_sftp = _SftpSession.opened(client)
            except (OSError, EOFError, paramiko.SSHException) as error:
                refused.append(error)
                return
            # The same folder as the first channel's, without asking the server again.
            same: Any = channel_sftp
            same._cwd = getattr(sftp, "_cwd", None)
            opened.append(_Lane(channel_sftp))

        threads = [threading.Thread(target=open_one, daemon=True) for _ in range(self.connections - 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(TIMEOUT)
        self.extra = opened
        if refused:
            self.notes.append(
                f"เซิร์ฟเวอร์เปิดช่อง SFTP ให้พร้อมกันได้ {len(opened) + 1} จาก {self.connections} ช่อง "
                f"ส่งต่อด้วย {len(opened) + 1} ช่อง (the server opened {len(opened) + 1} of "
                f"{self.connections} SFTP channels at once: {said(refused[0])}; "
                f"--connections {len(opened) + 1} asks for no more)"
            )

    def _lanes(self) -> list[_Lane]:
        self.open_lanes()
        if self.opening is not None:
            self.opening.wait()
            self.opening = None
        return [self._main(), *self.extra]

    # -------------------------------------------------------------- one file

    def read(self, path: str) -> bytes | None:
        if self.lane is None:
            raise EOFError("not connected")
        lane = self.lane
        opening = lane.send(CMD_OPEN, lane.path(path), SFTP_FLAG_READ, paramiko.SFTPAttributes())
        self._checked()
        try:
            handle = lane.handle(lane.take(opening))
        except FileNotFoundError:
            return None
        data = bytearray()
        try:
            # Reads ahead: every block of the next megabyte asked for at once. A regular
            # file's read is short only at its end (the protocol says so).
            while True:
                offset = len(data)
                ahead = range(offset, offset + READ_AHEAD * BLOCK, BLOCK)
                nums = [lane.send(CMD_READ, handle, int64(start), BLOCK) for start in ahead]
                ended = False
                for num in nums:
                    kind, msg = lane.take(num)
                    if ended:
                        continue
                    if kind == CMD_DATA:
                        block = bytes(msg.get_string())
                        data += block
                        ended = len(block) < BLOCK
                        continue
                    with contextlib.suppress(EOFError):
                        lane.check((kind, msg))
                    ended = True
                if ended:
                    return bytes(data)
        finally:
            lane.forget(CMD_CLOSE, handle)

    def _names(self, folder: str) -> set[str] | None:
        lane = self._main()
        try:
            handle = lane.handle(lane.take(lane.send(CMD_OPENDIR, lane.path(folder or "."))))
        except FileNotFoundError:
            return None
        names: set[str] = set()
        try:
            ended = False
            while not ended:
                for num in [lane.send(CMD_READDIR, handle) for _ in range(LIST_AHEAD)]:
                    kind, msg = lane.take(num)
                    if ended:
                        continue
                    if kind != CMD_NAME:
                        with contextlib.suppress(EOFError):
                            lane.check((kind, msg))
                        ended = True
                        continue
                    for _ in range(msg.get_int()):
                        name = msg.get_text()
                        msg.get_text()  # the long form, as ls -l writes it
                        attributes: Any = paramiko.SFTPAttributes
                        attributes._from_msg(msg)
                        if name not in (".", ".."):
                            names.add(name)
        finally:
            lane.forget(CMD_CLOSE, handle)
        return names

    def existing(self, paths: Collection[str]) -> set[str]:
        return existing_by_listing(paths, self._names)

    def prepare_save(self, part: str) -> None:
        lane = self._main()
        num = lane.send(CMD_OPEN, lane.path(part), NEW_FILE, paramiko.SFTPAttributes())
        lane.held.add(num)
        self.prepared[part] = num

    def save(self, data: bytes, part: str, path: str, remove: Collection[str] = ()) -> None:
        lane = self._main()
        prepared = self.prepared.pop(part, None)
        handle = lane.handle(lane.take(prepared)) if prepared is not None else lane.open(part, NEW_FILE)
        # The writes, the close, the rename and the removals go out at once: a server that
        # handles them out of order still renames the file its writes go to.
        written = [
            lane.send(CMD_WRITE, handle, int64(offset), data[offset : offset + BLOCK])
            for offset in range(0, len(data), BLOCK)
        ]
        written.append(lane.send(CMD_CLOSE, handle))
        renamed = lane.send(CMD_EXTENDED, "posix-rename@openssh.com", lane.path(part), lane.path(path))
        removed = [lane.send(CMD_REMOVE, lane.path(other)) for other in remove]
        failures: list[BaseException] = []
        for num in written:
            try:
                lane.check(lane.take(num))
            except (OSError, EOFError, SFTPError) as error:
                failures.append(error)
        try:
            lane.check(lane.take(renamed))
        except (FileNotFoundError, PermissionError) as error:
            failures.append(error)
        except (OSError, SFTPError) as error:
            if not failures:
                self._rename_over(part, path, error)
        for num in removed:
            try:
                lane.check(lane.take(num))
            except FileNotFoundError:
                pass
            except (OSError, EOFError, SFTPError) as error:
                failures.append(error)
        if failures:
            raise failures[0]

    def _rename_over(self, source: str, path: str, error: BaseException) -> None:
        """A server without OpenSSH's posix-rename (``error``): SFTP's own rename, which
        refuses to replace a file, after removing it."""
        sftp = self._sftp()
        with contextlib.suppress(FileNotFoundError):
            sftp.remove(path)
        sftp.rename(source, path)

    def move(self, source: str, path: str) -> None:
        # SFTP's own rename refuses to replace a file that is there.
        self._sftp().rename(source, path)

    def remove_folder(self, path: str) -> bool:
        try:
            self._sftp().rmdir(path)
        except OSError:
            return False
        return True

    # -------------------------------------------------------------- batches

    def make_folders(self, folders: Sequence[str]) -> None:
        lane = self._main()
        # All at once, parents first: a server that carries requests out in the order sent
        # (OpenSSH's does) makes them all in one round trip; one that does not is asked
        # again for the folders whose parent was not there yet. Any other error is a
        # folder there already, or one that cannot be made, which fails the upload into it.
        left = sorted(folders, key=lambda folder: folder.count("/"))
        for _ in range(max((folder.count("/") for folder in left), default=0) + 1):
            attributes = paramiko.SFTPAttributes()
            made = lane.each((folder, CMD_MKDIR, (lane.path(folder), attributes)) for folder in left)
            left = [folder for folder in left if isinstance(made[folder], FileNotFoundError)]
            if not left:
                return

    def upload(self, files: Sequence[Upload], watch: Watch) -> None:
        main = self._main()
        self.open_lanes()
        opening = self.opening
        count = min(len(files), 1 + (len(self.extra) if opening is None else self.connections - 1))
        shares = Shares(files, count)

        def send(index: int, stop: threading.Event) -> None:
            # The first channel starts at once; the others as they open, taking over part
            # of what it has not begun when they come.
            lane = main
            if index:
                if opening is not None:
                    opening.wait()
                if index > len(self.extra):
                    return
                lane = self.extra[index - 1]
            _send_over(lane, partial(shares.take, index), watch, stop)

        if files:
            in_parallel(range(count), send)

    def replace_all(self, pairs: Sequence[tuple[str, str]]) -> set[str]:
        lane = self._main()
        targets = dict(pairs)
        outcome = lane.each(
            (source, CMD_EXTENDED, ("posix-rename@openssh.com", lane.path(source), lane.path(path)))
            for source, path in pairs
        )
        missing: set[str] = set()
        for source, error in outcome.items():
            if error is None:
                continue
            path = targets[source]
            if isinstance(error, FileNotFoundError):
                # The temporary file sits beside where it goes: not found, it is not there.
                missing.add(source)
            elif isinstance(error, PermissionError):
                raise At(path, error)
            else:
                try:
                    self._rename_over(source, path, error)
                except (OSError, EOFError) as again:
                    raise At(path, again) from None
        return missing

    def remove_all(self, paths: Collection[str]) -> None:
        lane = self._main()
        outcome = lane.each((path, CMD_REMOVE, (lane.path(path),)) for path in paths)
        for path, error in outcome.items():
            if error is not None and not isinstance(error, FileNotFoundError):
                raise At(path, error)

    def transient(self, error: BaseException) -> bool:
        if isinstance(error, paramiko.AuthenticationException | PublishError):
            return False
        if isinstance(error, paramiko.SSHException | EOFError | ConnectionError | TimeoutError):
            return True
        # A channel of a connection that dropped says only "Socket is closed".
        transport = self.client.get_transport() if self.client is not None else None
        return isinstance(error, OSError) and (transport is None or not transport.is_active())

    def denied(self, error: BaseException) -> bool:
        return isinstance(error, PermissionError)

    def missing(self, error: BaseException) -> bool:
        return isinstance(error, FileNotFoundError)

    def location(self, path: str) -> str:
        return _joined(self.destination, path)


# ------------------------------------------------------------------ FTP and FTPS


def _certificate_fingerprint(sock: Any) -> str:
    der = sock.getpeercert(binary_form=True) or b""
    return "sha256:" + hashlib.sha256(der).hexdigest().upper()


def _same_fingerprint(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        return text.lower().removeprefix("sha256:").replace(":", "").strip()

    return norm(a) == norm(b)


class _Ftps(ftplib.FTP_TLS):
    """Explicit FTPS whose data connections resume the control connection's TLS session,
    as vsftpd, ProFTPD and FileZilla Server require by default; and, when a fingerprint is
    pinned, each connection's certificate checked against it."""

    pin: str | None = None

    def check(self, sock: Any) -> None:
        if self.pin is not None and not _same_fingerprint(_certificate_fingerprint(sock), self.pin):
            raise PublishError(
                f"ใบรับรองของ {self.host} ไม่ตรงกับ OIT_PUBLISH_TLS_FINGERPRINT "
                f"(the certificate is {_certificate_fingerprint(sock)}); อาจมีผู้ดักกลางทาง สอบถามผู้ให้บริการโฮสต์"
            )

    def ntransfercmd(self, cmd: str, rest: int | str | None = None) -> tuple[socket.socket, int | None]:
        conn, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
        if self._prot_p:  # type: ignore[attr-defined]
            session = getattr(self.sock, "session", None)
            conn = self.context.wrap_socket(conn, server_hostname=self.host, session=session)
            self.check(conn)
        return conn, size


@dataclass
class _FtpLane:
    """One logged-in FTP connection, in the site's folder."""

    ftp: ftplib.FTP
    binary: bool = False
    """Whether the connection is in binary mode (``TYPE I``), set once, not before each file;
    a listing (ASCII) undoes it."""
    broken: bool = False
    """Closed after a transfer cut short got no answer."""


class FtpTarget:
    """A folder on an FTP server, over TLS (``ftps://``, explicit, ``AUTH TLS``) or not.

    FTP waits for each command's answer before the next, and opens a data connection for
    each file: batches are spread over ``connections`` control connections, each file
    costing four round trips (``PASV``, the data connection, ``STOR``, its end) and each
    rename two (``RNFR``, ``RNTO``)."""

    errors: tuple[type[BaseException], ...] = (OSError, EOFError, ftplib.Error)
    journal_seconds = 5.0
    """An append is a data connection of its own: four round trips."""
    ordered = False
    """Renames are spread over the connections."""

    def __init__(
        self,
        destination: Destination,
        env: Mapping[str, str],
        ask: AskPassword | None = None,
        connections: int = CONNECTIONS,
    ) -> None:
        self.destination = destination
        self.env = env
        self.ask = ask
        self.connections = connections
        self.password: str | None = None
        """The password typed at the terminal, kept for connecting again after a drop."""
        self.ftp: ftplib.FTP | None = None
        self.lanes: list[_FtpLane] = []
        """Every connection open, the first (``ftp``) included."""
        self.opening: Background | None = None
        self.notes: list[str] = []
        self.mlsd = True
        """Whether the server lists folders with MLSD; vsftpd knows only LIST and NLST."""

    def _tls_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        if secret(self.env, "OIT_PUBLISH_TLS_FINGERPRINT"):
            # The pinned fingerprint is checked instead of an authority's signature.
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context

    def _presented_fingerprint(self) -> str:
        """The fingerprint of the certificate the server shows, read without trusting it."""
        d = self.destination
        probe = _Ftps(context=ssl._create_unverified_context(), timeout=TIMEOUT)
        try:
            probe.connect(d.host, d.port)
            probe.auth()
            return _certificate_fingerprint(probe.sock)
        except (OSError, EOFError, ftplib.Error):
            return "?"
        finally:
            probe.close()

    def _no_password(self) -> PublishError:
        d = self.destination
        return PublishError(
            f"ไม่มีรหัสผ่านสำหรับเข้าสู่ระบบ {d.host} ในชื่อ {d.user} (no password): ตั้งตัวแปร OIT_PUBLISH_PASSWORD "
            "ในเครื่องนี้หรือในที่เก็บความลับของ CI (set OIT_PUBLISH_PASSWORD)"
        )

    def _refused(self, error: ftplib.Error, typed: bool) -> PublishError:
        d = self.destination
        failed = f"เข้าสู่ระบบ {d.host} ในชื่อ {d.user} ไม่สำเร็จ"
        said = str(error)
        if d.scheme == "ftp" and (said.startswith("534") or "TLS" in said or "SSL" in said):
            return PublishError(
                f"{failed}: เซิร์ฟเวอร์ต้องการการเข้ารหัส (the server requires TLS: {said}); ใช้ ftps:// แทน ftp://"
            )
        if typed:
            check, check_en = "รหัสผ่านที่พิมพ์", "the password typed"
        else:
            check, check_en = "ตัวแปร OIT_PUBLISH_PASSWORD", "OIT_PUBLISH_PASSWORD"
        return PublishError(
            f"{failed}: เซิร์ฟเวอร์ไม่ยอมรับชื่อผู้ใช้หรือรหัสผ่าน (authentication refused: {said}); "
            f"ตรวจ{check} และชื่อผู้ใช้ในที่อยู่ปลายทาง (check {check_en} and the user name in the address)"
        )

    def connect(self) -> None:
        d = self.destination
        if not d.user:
            raise PublishError(f"ไม่ได้ระบุชื่อผู้ใช้ (no user name): {d.scheme}://user@{d.host}/…")
        password = self.password or secret(self.env, "OIT_PUBLISH_PASSWORD")
        if password is None and self.ask is None:
            raise self._no_password()
        ftp = self._new()
        try:
            ftp.connect(d.host, d.port)
            if isinstance(ftp, _Ftps):
                try:
                    ftp.auth()
                except ftplib.error_perm as exc:
                    raise PublishError(
                        f"{d.host} ไม่รองรับ FTPS (the server refused AUTH TLS: {exc}); "
                        "สอบถามผู้ให้บริการโฮสต์ว่าใช้ sftp:// ได้หรือไม่"
                    ) from None
                ftp.check(ftp.sock)
            if password is None and self.ask is not None:
                # Asked once the server is reached (and its certificate checked), as ssh asks.
                password = self.password = self.ask(
                    f"รหัสผ่านของ {d.user}@{d.host} (password for {d.user}@{d.host}): "
                )
                if not password:
                    self.password = None
                    raise self._no_password()
            assert password is not None
            try:
                ftp.login(d.user, password)
            except ftplib.error_perm as exc:
                raise self._refused(exc, typed=self.password is not None) from None
            if isinstance(ftp, _Ftps):
                ftp.prot_p()
        except PublishError:
            ftp.close()
            raise
        except ssl.SSLCertVerificationError as exc:
            ftp.close()
            raise PublishError(
                f"ใบรับรอง TLS ของ {d.host} ตรวจสอบไม่ผ่าน (certificate not trusted: {exc.verify_message}). "
                "ใช้ชื่อเซิร์ฟเวอร์ตามที่ระบุในใบรับรอง หรือถ้าผู้ให้บริการยืนยันลายนิ้วมือนี้ "
                f"ให้ตั้ง OIT_PUBLISH_TLS_FINGERPRINT={self._presented_fingerprint()}"
            ) from None
        except (OSError, EOFError, ftplib.Error) as exc:
            ftp.close()
            raise _cannot_connect(d, exc) from None
        except BaseException:
            ftp.close()
            raise
        # Thai file names: most servers speak UTF-8 already; some wait to be asked.
        with contextlib.suppress(ftplib.Error):
            ftp.sendcmd("OPTS UTF8 ON")
        self.ftp = ftp
        self.lanes = [_FtpLane(ftp)]
        if d.path:
            try:
                ftp.cwd(d.path)
            except ftplib.error_perm:
                self.close()
                raise _no_folder(d, "the login folder; /%2F for the root") from None

    def _new(self) -> ftplib.FTP:
        ftp: ftplib.FTP
        if self.destination.scheme == "ftps":
            ftps = _Ftps(context=self._tls_context(), timeout=TIMEOUT)
            ftps.pin = secret(self.env, "OIT_PUBLISH_TLS_FINGERPRINT")
            ftp = ftps
        else:
            ftp = ftplib.FTP(timeout=TIMEOUT)
        ftp.encoding = "utf-8"
        return ftp

    def _session(self, password: str) -> ftplib.FTP:
        """One more connection, logged in as the first was, in the site's folder."""
        d = self.destination
        ftp = self._new()
        try:
            ftp.connect(d.host, d.port)
            if isinstance(ftp, _Ftps):
                ftp.auth()
                ftp.check(ftp.sock)
            ftp.login(d.user, password)
            if isinstance(ftp, _Ftps):
                ftp.prot_p()
            with contextlib.suppress(ftplib.Error):
                ftp.sendcmd("OPTS UTF8 ON")
            if d.path:
                ftp.cwd(d.path)
        except BaseException:
            ftp.close()
            raise
        return ftp

    def close(self) -> None:
        if self.opening is not None:
            self.opening.wait(TIMEOUT)
            self.opening = None
        for lane in self.lanes:
            if lane.broken:
                continue
            try:
                lane.ftp.quit()
            except (OSError, EOFError, ftplib.Error):
                lane.ftp.close()
        self.ftp = None
        self.lanes = []

    def _ftp(self) -> ftplib.FTP:
        if self.ftp is None:
            raise EOFError("not connected")
        return self.ftp

    def _main(self) -> _FtpLane:
        if not self.lanes or self.lanes[0].broken:
            raise EOFError("not connected")
        return self.lanes[0]

    # -------------------------------------------------------------- connections

    def open_lanes(self) -> None:
        if self.opening is None and len(self.lanes) == 1 and self.connections > 1:
            self.opening = Background(self._open_extra)

    def _open_extra(self) -> None:
        """The further connections, opened at once. A host that allows fewer from one address
        refuses the rest (``421 Too many connections``): that is said, and the publish goes
        on with those it has."""
        password = self.password or secret(self.env, "OIT_PUBLISH_PASSWORD")
        if password is None or not self.lanes:
            return
        opened: list[_FtpLane] = []
        refused: list[BaseException] = []

        def open_one() -> None:
            try:
                opened.append(_FtpLane(self._session(password)))
            except (OSError, EOFError, ftplib.Error, PublishError) as error:
                refused.append(error)

        threads = [threading.Thread(target=open_one, daemon=True) for _ in range(self.connections - 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(TIMEOUT)
        self.lanes = [*self.lanes, *opened]
        if refused:
            self.notes.append(
                f"เซิร์ฟเวอร์รับการเชื่อมต่อพร้อมกันได้ {len(self.lanes)} จาก {self.connections} "
                f"ส่งต่อด้วย {len(self.lanes)} การเชื่อมต่อ (the server took {len(self.lanes)} of "
                f"{self.connections} connections at once: {said(refused[0])}; "
                f"--connections {len(self.lanes)} asks for no more)"
            )

    def _lanes(self) -> list[_FtpLane]:
        self.open_lanes()
        if self.opening is not None:
            self.opening.wait()
            self.opening = None
        lanes = [lane for lane in self.lanes if not lane.broken]
        if not lanes:
            raise EOFError("not connected")
        return lanes

    @staticmethod
    def _binary(lane: _FtpLane) -> None:
        if not lane.binary:
            lane.ftp.voidcmd("TYPE I")
            lane.binary = True

    def _store(
        self, lane: _FtpLane, command: str, stream: IO[bytes], sent: Sent, stop: threading.Event | None = None
    ) -> bool:
        """``STOR`` or ``APPE`` ``stream`` over a data connection of its own; False when
        ``stop`` cut it short. The transfer then ends as a whole one would (the server takes
        the part sent for the file, which is not counted as uploaded), so that the connection
        can still save the manifest; a server that does not answer within ``STOPPING``
        seconds leaves it closed."""
        self._binary(lane)
        ftp = lane.ftp
        whole = True
        with ftp.transfercmd(command) as conn:
            for block in iter(lambda: stream.read(CHUNK), b""):
                if stop is not None and stop.is_set():
                    whole = False
                    conn.settimeout(STOPPING)
                    break
                conn.sendall(block)
                sent(len(block))
            if isinstance(conn, ssl.SSLSocket):
                conn.unwrap()
        if whole:
            ftp.voidresp()
            return True
        if ftp.sock is not None:
            ftp.sock.settimeout(STOPPING)
        try:
            ftp.voidresp()
        except ftplib.Error:
            pass
        except (OSError, EOFError):
            lane.broken = True
            ftp.close()
        if ftp.sock is not None:
            ftp.sock.settimeout(TIMEOUT)
        return False

    # -------------------------------------------------------------- one file

    def read(self, path: str) -> bytes | None:
        lane = self._main()
        data = io.BytesIO()
        try:
            self._binary(lane)
            with lane.ftp.transfercmd(f"RETR {path}") as conn:
                for block in iter(lambda: conn.recv(CHUNK), b""):
                    data.write(block)
                if isinstance(conn, ssl.SSLSocket):
                    conn.unwrap()
            lane.ftp.voidresp()
        except ftplib.error_perm as exc:
            if str(exc).startswith("550"):
                return None
            raise
        return data.getvalue()

    def _names(self, folder: str) -> set[str] | None:
        lane = self._main()
        lane.binary = False  # listings are ASCII transfers
        ftp = lane.ftp
        if self.mlsd:
            try:
                return {
                    PurePosixPath(name).name
                    for name, facts in ftp.mlsd(folder)
                    if name not in (".", "..") and facts.get("type") not in ("cdir", "pdir")
                }
            except ftplib.error_perm as exc:
                code = str(exc)[:3]
                if code == "550":
                    return None
                if code in ("500", "502", "504"):
                    self.mlsd = False
                # Anything else (pyftpdlib answers 501 for a missing folder): NLST decides.
        try:
            return {PurePosixPath(name).name for name in (ftp.nlst(folder) if folder else ftp.nlst())}
        except (ftplib.error_perm, ftplib.error_temp) as exc:
            # 550 no such folder; 450 and 550 "no files found" for an empty one on some servers.
            if str(exc)[:3] in ("450", "550"):
                return None
            raise

    def _there(self, path: str) -> bool:
        """Whether a file is at ``path``, by itself (for names a listing may hide)."""
        try:
            self._ftp().sendcmd(f"MDTM {path}")
        except ftplib.error_perm as exc:
            # Only "no such file" proves it is not there.
            return not str(exc).startswith("550")
        return True

    def existing(self, paths: Collection[str]) -> set[str]:
        return existing_by_listing(paths, self._names, self._there)

    def prepare_save(self, part: str) -> None:
        pass

    def save(self, data: bytes, part: str, path: str, remove: Collection[str] = ()) -> None:
        self._store(self._main(), f"STOR {part}", io.BytesIO(data), _unseen)
        self.replace(part, path)
        for other in remove:
            self.remove(other)

    def replace(self, source: str, path: str) -> None:
        ftp = self._ftp()
        try:
            ftp.rename(source, path)
        except ftplib.error_perm:
            # A server (IIS, some Windows hosts) that will not rename over a file.
            self.remove(path)
            ftp.rename(source, path)

    def move(self, source: str, path: str) -> None:
        if path in self.existing([path]):
            raise ftplib.error_perm(f"550 {path}: already there")
        self._ftp().rename(source, path)

    def remove(self, path: str) -> None:
        with contextlib.suppress(ftplib.error_perm):
            self._ftp().delete(path)

    def remove_folder(self, path: str) -> bool:
        try:
            self._ftp().rmd(path)
        except ftplib.error_perm:
            return False
        return True

    # -------------------------------------------------------------- batches

    def make_folders(self, folders: Sequence[str]) -> None:
        def make(lane: _FtpLane, folder: str) -> None:
            # An error is a folder there already; one that could not be made fails the upload into it.
            with contextlib.suppress(ftplib.error_perm):
                lane.ftp.mkd(folder)

        lanes = self._lanes()
        for round_ in by_depth(folders):
            spread(lanes, round_, make)

    def upload(self, files: Sequence[Upload], watch: Watch) -> None:
        lanes = self._lanes()[: len(files)]
        shares = Shares(files, len(lanes))

        def send(lane: tuple[int, _FtpLane], stop: threading.Event) -> None:
            index, connection = lane
            while not stop.is_set():
                file = shares.take(index)
                if file is None:
                    return
                try:
                    with file.source.open("rb") as stream:
                        sent = partial_sent(watch, file)
                        whole = self._store(connection, f"STOR {file.path}", stream, sent, stop)
                except self.errors as error:
                    raise At(file.name, error) from None
                if not whole:
                    return
                watch.done(file)
                lines = watch.due()
                if lines:
                    try:
                        self._store(connection, f"APPE {watch.journal}", io.BytesIO(lines), _unseen)
                    except self.errors as error:
                        raise At(watch.journal, error) from None

        if files:
            in_parallel(list(enumerate(lanes)), send)

    def replace_all(self, pairs: Sequence[tuple[str, str]]) -> set[str]:
        missing: set[str] = set()

        def rename(lane: _FtpLane, pair: tuple[str, str]) -> None:
            source, path = pair
            ftp = lane.ftp
            try:
                try:
                    ftp.sendcmd(f"RNFR {source}")
                except ftplib.error_perm as exc:
                    if self.missing(exc):
                        missing.add(source)
                        return
                    raise
                try:
                    ftp.voidcmd(f"RNTO {path}")
                except ftplib.error_perm:
                    # A server (IIS, some Windows hosts) that will not rename over a file.
                    with contextlib.suppress(ftplib.error_perm):
                        ftp.delete(path)
                    ftp.rename(source, path)
            except self.errors as error:
                raise At(path, error) from None

        spread(self._lanes(), pairs, rename)
        return missing

    def remove_all(self, paths: Collection[str]) -> None:
        def remove(lane: _FtpLane, path: str) -> None:
            try:
                with contextlib.suppress(ftplib.error_perm):
                    lane.ftp.delete(path)
            except self.errors as error:
                raise At(path, error) from None

        spread(self._lanes(), sorted(paths), remove)

    def transient(self, error: BaseException) -> bool:
        return isinstance(error, ftplib.error_temp | EOFError | ConnectionError | TimeoutError)

    def missing(self, error: BaseException) -> bool:
        said = str(error)[:3]
        return isinstance(error, ftplib.error_perm) and said in ("550", "553") and not self.denied(error)

    def denied(self, error: BaseException) -> bool:
        if not isinstance(error, ftplib.error_perm):
            return False
        said = str(error)
        # 550 means "no such file" as often as "not allowed": only the words tell them apart.
        words = ("permission", "denied", "privilege", "not allowed", "read-only", "read only")
        return said[:3] in ("532", "553") or any(word in said.lower() for word in words)

    def location(self, path: str) -> str:
        return _joined(self.destination, path)


def open_target(
    destination: Destination,
    env: Mapping[str, str],
    base: Path,
    ask: AskPassword | None = None,
    connections: int = CONNECTIONS,
) -> Target:
    """The target for ``destination``; a relative folder is taken from ``base``. ``ask``
    asks for a password at a terminal when the environment gives none; ``connections``:
    how many FTP connections, or SFTP channels, a batch is spread over."""
    if destination.scheme == "file":
        return FolderTarget(base / Path(destination.path).expanduser())
    if destination.scheme == "sftp":
        return SftpTarget(destination, env, ask, connections)
    return FtpTarget(destination, env, ask, connections)
