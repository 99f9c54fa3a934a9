"""Where a site is published: a folder, an SFTP server, or an FTP or FTPS server.

Each is a :class:`Target`: a few file operations on paths relative to the site's folder
there. Uploads go to a temporary name and are renamed into place, which SFTP (OpenSSH's
``posix-rename``), FTP (``RNFR``/``RNTO``) and a local folder (``os.replace``) all do in
one step, so a reader gets the old file or the new one, never half of one.

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
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any, Protocol
from urllib.parse import unquote, urlsplit

import paramiko

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
CHUNK = 1 << 16

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


class Target(Protocol):
    """A site's folder somewhere, by paths relative to it (``2568/o1/index.html``)."""

    errors: tuple[type[BaseException], ...]
    """What its operations raise when the server or the connection fails."""

    def connect(self) -> None: ...

    def close(self) -> None: ...

    def read(self, path: str) -> bytes | None:
        """The file's bytes, or None when there is no such file."""

    def existing(self, paths: Collection[str]) -> set[str]:
        """Of ``paths``, those where the target has a file or folder already: each folder
        they are in listed once, never one stat per file (round trips cost 250 ms from a
        CI runner abroad)."""

    def put(self, stream: IO[bytes], path: str, sent: Sent) -> None:
        """Write ``stream`` to ``path`` (a temporary name: it may be seen half written)."""

    def replace(self, source: str, path: str) -> None:
        """Rename ``source`` to ``path`` in one step, replacing what was there."""

    def move(self, source: str, path: str) -> None:
        """Rename ``source`` to ``path``, where nothing is: an error, never a replacement,
        when something is."""

    def remove(self, path: str) -> None:
        """Delete a file; none there is fine."""

    def make_folder(self, path: str) -> None:
        """Make one folder whose parent exists; one there already is fine."""

    def remove_folder(self, path: str) -> bool:
        """Remove an empty folder; False when it is not empty or cannot be removed."""

    def transient(self, error: BaseException) -> bool:
        """Whether ``error`` is a lost or timed-out connection, worth connecting again for."""

    def denied(self, error: BaseException) -> bool:
        """Whether ``error`` is the server refusing this account to write."""

    def location(self, path: str) -> str:
        """Where ``path`` is, as the person who set the target would name it."""


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
    """A folder on this machine or a mounted share."""

    errors: tuple[type[BaseException], ...] = (OSError,)

    def __init__(self, root: Path) -> None:
        self.root = root

    def connect(self) -> None:
        if not self.root.is_dir():
            raise PublishError(
                f"ไม่มีโฟลเดอร์ปลายทาง {self.root} (no such folder); สร้างโฟลเดอร์ก่อน "
                "หรือตรวจว่าเชื่อมต่อไดรฟ์ที่แชร์แล้ว (create it, or mount the share)"
            )

    def close(self) -> None:
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

    def transient(self, error: BaseException) -> bool:
        return False

    def denied(self, error: BaseException) -> bool:
        return isinstance(error, PermissionError) or (
            isinstance(error, OSError) and error.errno == errno.EROFS
        )

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


class SftpTarget:
    """A folder on an SSH server, reached by SFTP."""

    errors: tuple[type[BaseException], ...] = (OSError, EOFError, paramiko.SSHException)

    def __init__(
        self, destination: Destination, env: Mapping[str, str], ask: AskPassword | None = None
    ) -> None:
        self.destination = destination
        self.env = env
        self.ask = ask
        self.password: str | None = None
        """The password typed at the terminal, kept for connecting again after a drop."""
        self.client: paramiko.SSHClient | None = None
        self.sftp: paramiko.SFTPClient | None = None

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
                f"the server closed the connection: {error or type(error).__name__}); "
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
            sftp = client.open_sftp()
        except (OSError, EOFError, paramiko.SSHException) as exc:
            client.close()
            raise PublishError(
                f"{d.host} ไม่เปิด SFTP ให้บัญชี {d.user} "
                f"(no SFTP for this account: {exc or type(exc).__name__}); "
                "สอบถามผู้ให้บริการโฮสต์ หรือใช้ ftps://"
            ) from None
        self.client, self.sftp = client, sftp
        channel = sftp.get_channel()
        if channel is not None:
            channel.settimeout(TIMEOUT)
        if d.path:
            try:
                sftp.chdir(d.path)
            except PermissionError:
                self.close()
                raise PublishError(
                    f"บัญชี {d.user} เปิดโฟลเดอร์ {d.path} บนเซิร์ฟเวอร์ไม่ได้ (permission denied); "
                    "ตรวจที่อยู่ปลายทาง หรือให้ผู้ดูแลโฮสต์เปิดสิทธิ์ให้บัญชีนี้"
                ) from None
            except OSError:
                self.close()
                raise _no_folder(d, "the server's root; /~/ for the login folder") from None

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        self.client = self.sftp = None

    def _sftp(self) -> paramiko.SFTPClient:
        if self.sftp is None:
            raise EOFError("not connected")
        return self.sftp

    def read(self, path: str) -> bytes | None:
        try:
            with self._sftp().open(path, "rb") as stream:
                return bytes(stream.read())
        except FileNotFoundError:
            return None

    def _names(self, folder: str) -> set[str] | None:
        try:
            return set(self._sftp().listdir(folder or "."))
        except FileNotFoundError:
            return None

    def existing(self, paths: Collection[str]) -> set[str]:
        return existing_by_listing(paths, self._names)

    def put(self, stream: IO[bytes], path: str, sent: Sent) -> None:
        done = 0

        def progress(total: int, _size: int) -> None:
            nonlocal done
            sent(total - done)
            done = total

        self._sftp().putfo(stream, path, callback=progress)

    def replace(self, source: str, path: str) -> None:
        sftp = self._sftp()
        try:
            sftp.posix_rename(source, path)
        except OSError as exc:
            if isinstance(exc, FileNotFoundError):
                raise
            # A server without OpenSSH's posix-rename: SFTP's own rename refuses to replace.
            with contextlib.suppress(FileNotFoundError):
                sftp.remove(path)
            sftp.rename(source, path)

    def move(self, source: str, path: str) -> None:
        # SFTP's own rename refuses to replace a file that is there.
        self._sftp().rename(source, path)

    def remove(self, path: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self._sftp().remove(path)

    def make_folder(self, path: str) -> None:
        sftp = self._sftp()
        try:
            sftp.stat(path)
        except FileNotFoundError:
            sftp.mkdir(path)

    def remove_folder(self, path: str) -> bool:
        try:
            self._sftp().rmdir(path)
        except OSError:
            return False
        return True

    def transient(self, error: BaseException) -> bool:
        if isinstance(error, paramiko.AuthenticationException | PublishError):
            return False
        return isinstance(error, paramiko.SSHException | EOFError | ConnectionError | TimeoutError)

    def denied(self, error: BaseException) -> bool:
        return isinstance(error, PermissionError)

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


class FtpTarget:
    """A folder on an FTP server, over TLS (``ftps://``, explicit, ``AUTH TLS``) or not."""

    errors: tuple[type[BaseException], ...] = (OSError, EOFError, ftplib.Error)

    def __init__(
        self, destination: Destination, env: Mapping[str, str], ask: AskPassword | None = None
    ) -> None:
        self.destination = destination
        self.env = env
        self.ask = ask
        self.password: str | None = None
        """The password typed at the terminal, kept for connecting again after a drop."""
        self.ftp: ftplib.FTP | None = None
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
        ftp: ftplib.FTP
        if d.scheme == "ftps":
            ftps = _Ftps(context=self._tls_context(), timeout=TIMEOUT)
            ftps.pin = secret(self.env, "OIT_PUBLISH_TLS_FINGERPRINT")
            ftp = ftps
        else:
            ftp = ftplib.FTP(timeout=TIMEOUT)
        ftp.encoding = "utf-8"
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
        if d.path:
            try:
                ftp.cwd(d.path)
            except ftplib.error_perm:
                self.close()
                raise _no_folder(d, "the login folder; /%2F for the root") from None

    def close(self) -> None:
        if self.ftp is not None:
            try:
                self.ftp.quit()
            except (OSError, EOFError, ftplib.Error):
                self.ftp.close()
        self.ftp = None

    def _ftp(self) -> ftplib.FTP:
        if self.ftp is None:
            raise EOFError("not connected")
        return self.ftp

    def read(self, path: str) -> bytes | None:
        data = io.BytesIO()
        try:
            self._ftp().retrbinary(f"RETR {path}", data.write)
        except ftplib.error_perm as exc:
            if str(exc).startswith("550"):
                return None
            raise
        return data.getvalue()

    def _names(self, folder: str) -> set[str] | None:
        ftp = self._ftp()
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

    def put(self, stream: IO[bytes], path: str, sent: Sent) -> None:
        self._ftp().storbinary(f"STOR {path}", stream, CHUNK, callback=lambda block: sent(len(block)))

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

    def make_folder(self, path: str) -> None:
        # An error is a folder there already; one that could not be made fails the upload into it.
        with contextlib.suppress(ftplib.error_perm):
            self._ftp().mkd(path)

    def remove_folder(self, path: str) -> bool:
        try:
            self._ftp().rmd(path)
        except ftplib.error_perm:
            return False
        return True

    def transient(self, error: BaseException) -> bool:
        return isinstance(error, ftplib.error_temp | EOFError | ConnectionError | TimeoutError)

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
    destination: Destination, env: Mapping[str, str], base: Path, ask: AskPassword | None = None
) -> Target:
    """The target for ``destination``; a relative folder is taken from ``base``. ``ask``
    asks for a password at a terminal when the environment gives none."""
    if destination.scheme == "file":
        return FolderTarget(base / Path(destination.path).expanduser())
    if destination.scheme == "sftp":
        return SftpTarget(destination, env, ask)
    return FtpTarget(destination, env, ask)
