"""Publishing over FTP and explicit FTPS (``AUTH TLS``), with the standard library's ftplib.

FTP answers one command at a time and opens a data connection for each file, so batches
are spread over several control connections, each in binary mode once (not before every
file); a host that allows fewer connections from one address refuses the rest, and the
publish goes on with those it has.
"""

from __future__ import annotations

import contextlib
import ftplib
import hashlib
import io
import socket
import ssl
import threading
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO, Any

from site_builder.publish.targets import (
    CHUNK,
    CONNECTIONS,
    STOPPING,
    TIMEOUT,
    AskPassword,
    At,
    Background,
    Destination,
    PublishError,
    Sent,
    Shares,
    Upload,
    Watch,
    by_depth,
    cannot_connect,
    existing_by_listing,
    in_parallel,
    joined,
    no_folder,
    opened_at_once,
    partial_sent,
    said,
    secret,
    spread,
    unseen,
)


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
            raise cannot_connect(d, exc) from None
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
                raise no_folder(d, "the login folder; /%2F for the root") from None

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
        opened, refused = opened_at_once(
            self.connections - 1,
            lambda: _FtpLane(self._session(password)),
            (OSError, EOFError, ftplib.Error, PublishError),
        )
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
        self._store(self._main(), f"STOR {part}", io.BytesIO(data), unseen)
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
                        self._store(connection, f"APPE {watch.journal}", io.BytesIO(lines), unseen)
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
        code = str(error)[:3]
        return isinstance(error, ftplib.error_perm) and code in ("550", "553") and not self.denied(error)

    def denied(self, error: BaseException) -> bool:
        if not isinstance(error, ftplib.error_perm):
            return False
        text = str(error)
        # 550 means "no such file" as often as "not allowed": only the words tell them apart.
        words = ("permission", "denied", "privilege", "not allowed", "read-only", "read only")
        return text[:3] in ("532", "553") or any(word in text.lower() for word in words)

    def location(self, path: str) -> str:
        return joined(self.destination, path)
