"""Publishing over SFTP: paramiko's SSH connection and its SFTP packets, driven so that
many requests are in flight at once.

Paramiko's own calls wait for each answer: 250 ms a request from a CI runner abroad. Here
requests go out without waiting (:class:`_Lane`), and the protocol answers them in any
order but handles the requests on one file in the order sent, so a file's writes and its
close go together; files are uploaded over several channels of the one connection, many at
once on each. OpenSSH's sftp-server carries out a channel's requests one at a time in the
order they come, which keeps the renames of a publish in order in a single batch.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import logging
import stat
import threading
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, Any

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

from site_builder.publish.targets import (
    CONNECTIONS,
    TIMEOUT,
    AskPassword,
    At,
    Background,
    Destination,
    PublishError,
    Shares,
    Upload,
    Watch,
    cannot_connect,
    existing_by_listing,
    in_parallel,
    joined,
    no_folder,
    opened_at_once,
    said,
    secret,
)

# Paramiko logs in English for developers (a channel the server refused, a lost
# connection); what those mean is said to the person here, in Thai and English.
logging.getLogger("paramiko").addHandler(logging.NullHandler())

CREDENTIALS = (
    "ตั้งตัวแปร OIT_PUBLISH_KEY (เนื้อหากุญแจส่วนตัว) หรือ OIT_PUBLISH_KEY_FILE (ที่อยู่ไฟล์กุญแจ) "
    "หรือ OIT_PUBLISH_PASSWORD ในเครื่องนี้หรือในที่เก็บความลับของ CI "
    "(set OIT_PUBLISH_KEY, the private key's text, or OIT_PUBLISH_KEY_FILE, its file, "
    "or OIT_PUBLISH_PASSWORD)"
)


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
"""Bytes written on one SFTP channel that the server has not yet answered for. The server's
window holds a channel back too (OpenSSH's is 2 MB: 8 MB a second over a round trip of
250 ms), hence several channels."""
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
            raise cannot_connect(d, exc) from None
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
        raise no_folder(d, "the server's root; /~/ for the login folder")

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

        def open_one() -> _Lane:
            channel_sftp = _SftpSession.opened(client)
            # The same folder as the first channel's, without asking the server again.
            same: Any = channel_sftp
            same._cwd = getattr(sftp, "_cwd", None)
            return _Lane(channel_sftp)

        opened, refused = opened_at_once(
            self.connections - 1, open_one, (OSError, EOFError, paramiko.SSHException)
        )
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
        except (OSError, SFTPError):
            if not failures:
                self._rename_over(part, path)
        for num in removed:
            try:
                lane.check(lane.take(num))
            except FileNotFoundError:
                pass
            except (OSError, EOFError, SFTPError) as error:
                failures.append(error)
        if failures:
            raise failures[0]

    def _rename_over(self, source: str, path: str) -> None:
        """For a server without OpenSSH's posix-rename: SFTP's own rename, which refuses to
        replace a file, after removing it."""
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
                    self._rename_over(source, path)
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
        return joined(self.destination, path)
