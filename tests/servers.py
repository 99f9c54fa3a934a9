"""Real servers on loopback: web servers serving a built site under /ita/ with the rules
it generated, and the SFTP and FTP(S) servers a site is published to.

nginx includes ``nginx-redirects.conf`` in its server block; Apache reads ``.htaccess``
from the site's folder (AllowOverride All), as the README tells webmasters to set them up.
OpenSSH's sshd runs as a second instance on a free port with throwaway keys; the FTP
servers are pyftpdlib's. nginx, Apache and sshd come from Debian's packages, which
.ci/run installs; elsewhere the tests that need them are skipped with the command that
installs them.

:class:`LatencyProxy` puts a link of a given round trip between a client and these
servers, on loopback: the publish tests run through a short one, bench/publish.py through
the 250 ms of a CI runner abroad.
"""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import hashlib
import http.client
import ipaddress
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

APACHE_MODULES = "/usr/lib/apache2/modules"
LOOPBACK = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _binary(names: list[str], package: str) -> str:
    for name in names:
        found = shutil.which(name) or (f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else None)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail(f"{names[0]} is missing: .ci/run installs it (apt-get install {package})", pytrace=False)
    pytest.skip(f"{names[0]} is not installed here: apt-get install {package}")


def nginx_binary() -> str:
    return _binary(["nginx"], "nginx-light")


def apache_binary() -> str:
    return _binary(["apache2"], "apache2")


def _wait(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    for _ in range(100):
        if process.poll() is not None:
            raise AssertionError(f"server exited: {log.read_text(errors='replace') if log.exists() else ''}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("server did not start")


def nginx_config(site: Path, prefix: Path, port: int) -> Path:
    (prefix / "logs").mkdir(parents=True, exist_ok=True)
    conf = prefix / "nginx.conf"
    conf.write_text(
        f"user root;\nworker_processes 1;\npid {prefix}/nginx.pid;\nerror_log {prefix}/logs/error.log;\n"
        "events { worker_connections 64; }\n"
        f"http {{\n access_log off;\n include /etc/nginx/mime.types;\n"
        f" server {{\n  listen 127.0.0.1:{port};\n"
        f"  location /ita/ {{ alias {site}/; }}\n  include {site}/nginx-redirects.conf;\n }}\n}}\n",
        encoding="utf-8",
    )
    return conf


def nginx_test(site: Path, prefix: Path) -> subprocess.CompletedProcess[str]:
    """``nginx -t`` on a configuration that includes the site's rules."""
    conf = nginx_config(site, prefix, free_port())
    return subprocess.run(
        [nginx_binary(), "-t", "-p", str(prefix), "-c", str(conf)], capture_output=True, text=True
    )


@contextmanager
def nginx_serving(site: Path, prefix: Path) -> Iterator[int]:
    port = free_port()
    conf = nginx_config(site, prefix, port)
    check = subprocess.run(
        [nginx_binary(), "-t", "-p", str(prefix), "-c", str(conf)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    server = subprocess.Popen(
        [nginx_binary(), "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(port, server, prefix / "logs" / "error.log")
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def _readable_copy(site: Path) -> Path:
    """Apache's workers run as www-data, which cannot read pytest's private temporary folders."""
    folder = Path(tempfile.mkdtemp(prefix="oit-apache-"))
    copy = folder / "site"
    shutil.copytree(site, copy, symlinks=False)
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return copy


def apache_config(site: Path, prefix: Path, port: int, include_rules: bool = False) -> Path:
    """A whole Apache configuration serving ``site`` at /ita/. ``include_rules``: the site's
    .htaccess read into the configuration itself, so that ``apache2ctl -t`` checks its syntax."""
    prefix.mkdir(parents=True, exist_ok=True)
    rules = f"    Include {site}/.htaccess\n" if include_rules else ""
    conf = prefix / "apache2.conf"
    conf.write_text(
        f"ServerRoot {prefix}\nServerName localhost\nListen 127.0.0.1:{port}\nPidFile {prefix}/apache.pid\n"
        f"ErrorLog {prefix}/error.log\nLogLevel warn\n"
        + "".join(
            f"LoadModule {name}_module {APACHE_MODULES}/mod_{name}.so\n"
            for name in ("mpm_event", "authz_core", "alias", "headers", "dir", "mime")
        )
        + ("User www-data\nGroup www-data\n" if os.geteuid() == 0 else "")
        + "TypesConfig /etc/mime.types\nDirectoryIndex index.html\n"
        f"Alias /ita/ {site}/\n<Directory {site}>\n"
        f"    AllowOverride All\n    Require all granted\n{rules}</Directory>\n",
        encoding="utf-8",
    )
    return conf


def apache_test(site: Path, prefix: Path) -> subprocess.CompletedProcess[str]:
    """``apache2ctl -t`` on a configuration that holds the site's .htaccess rules."""
    conf = apache_config(site, prefix, free_port(), include_rules=True)
    ctl = shutil.which("apache2ctl") or "/usr/sbin/apache2ctl"
    return subprocess.run([ctl, "-t", "-f", str(conf)], capture_output=True, text=True)


@contextmanager
def apache_serving(site: Path, prefix: Path) -> Iterator[int]:
    site = _readable_copy(site)
    port = free_port()
    conf = apache_config(site, prefix, port)
    server = subprocess.Popen(
        [apache_binary(), "-f", str(conf), "-DFOREGROUND"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(port, server, prefix / "error.log")
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(site.parent, ignore_errors=True)


def fetch(port: int, path: str) -> tuple[int, dict[str, str]]:
    """Status and headers (lower-case names) of a GET of ``path`` (quoted as a browser sends it)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", quote(path, safe="/%"))
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, {name.lower(): value for name, value in response.getheaders()}


# ------------------------------------------------------------------ servers to publish to


def _private_key_text(key: Any) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, serialization.NoEncryption()
    ).decode()


def _public_key_line(key: Any) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
        .decode()
    )


@dataclass
class SshServer:
    """OpenSSH's sshd on loopback, letting in one throwaway key."""

    port: int
    user: str
    client_key: str
    """The private key that logs in (what OIT_PUBLISH_KEY holds)."""
    host_key: str
    """The server's public key as ssh-keyscan prints it (what OIT_PUBLISH_HOST_KEY holds)."""


SFTP_SERVER = "/usr/lib/openssh/sftp-server"
"""OpenSSH's SFTP server as a program of its own (Debian's openssh-sftp-server, which
openssh-server depends on): what the server does can then be logged to a file."""


@contextmanager
def sshd_serving(folder: Path, read_only: bool = False, sftp_log: Path | None = None) -> Iterator[SshServer]:
    """``sshd`` from Debian's openssh-server on a free port, with a new host key and a new
    client key; SFTP through its own internal-sftp (``read_only``: refusing every write,
    as an account without write permission is refused), or with ``sftp_log``, through
    ``sftp-server`` writing there each request it carries out, in the order it does."""
    binary = _binary(["sshd"], "openssh-server")
    folder.mkdir(parents=True, exist_ok=True)
    host, client = ed25519.Ed25519PrivateKey.generate(), ed25519.Ed25519PrivateKey.generate()
    host_file = folder / "host_key"
    host_file.write_text(_private_key_text(host))
    host_file.chmod(0o600)
    (folder / "authorized_keys").write_text(_public_key_line(client) + "\n")
    port = free_port()
    subsystem = f"internal-sftp{' -R' if read_only else ''}"
    if sftp_log is not None:
        subsystem = f"{SFTP_SERVER} -e -l INFO 2>>{sftp_log}"
    config = folder / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {host_file}\n"
        f"AuthorizedKeysFile {folder / 'authorized_keys'}\nPidFile {folder / 'sshd.pid'}\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\nStrictModes no\n"
        f"PermitRootLogin prohibit-password\nSubsystem sftp {subsystem}\n"
        "LogLevel ERROR\n"
    )
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(exist_ok=True)  # its privilege separation folder, made at boot by systemd
    log = folder / "sshd.log"
    with log.open("wb") as stderr:
        process = subprocess.Popen([binary, "-D", "-e", "-f", str(config)], stderr=stderr)
    try:
        _wait(port, process, log)
        host_line = f"[127.0.0.1]:{port} {_public_key_line(host)}"
        yield SshServer(port, getpass.getuser(), _private_key_text(client), host_line)
    finally:
        process.terminate()
        process.wait(timeout=10)


@dataclass
class FtpServer:
    """pyftpdlib on loopback, one user whose login folder is ``root``."""

    port: int
    user: str
    password: str
    certificate: Path | None
    """The server's self-signed certificate (FTPS), for SSL_CERT_FILE or its fingerprint."""

    @property
    def fingerprint(self) -> str:
        assert self.certificate is not None
        der = x509.load_pem_x509_certificate(self.certificate.read_bytes()).public_bytes(
            serialization.Encoding.DER
        )
        return "sha256:" + hashlib.sha256(der).hexdigest()


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 signed by its own key: (certificate, key) files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, LOOPBACK)])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_file, key_file


@contextmanager
def ftp_serving(
    root: Path,
    folder: Path,
    tls: bool,
    read_only: tuple[Path, ...] = (),
    like_vsftpd: bool = False,
    proxy: LatencyProxy | None = None,
    renamed: list[str] | None = None,
    most_connections: int = 0,
) -> Iterator[FtpServer]:
    """An FTP server (explicit FTPS with ``tls``: TLS required on control and data) in a thread.
    The user may not write in the folders ``read_only``; ``like_vsftpd``: listings as vsftpd
    gives them by default, without MLSD and without dot files. With ``proxy``, each passive
    data port is announced as a port of the proxy that leads to it (so the data, too, goes
    through the proxy's link); ``renamed`` gets the path each rename puts a file at, in the
    order the server carries them out; ``most_connections``: the most from one address (0:
    any number), as shared hosts limit them."""
    from pyftpdlib.authorizers import DummyAuthorizer
    from pyftpdlib.filesystems import AbstractedFS
    from pyftpdlib.handlers import FTPHandler, TLS_FTPHandler
    from pyftpdlib.servers import FTPServer

    folder.mkdir(parents=True, exist_ok=True)
    authorizer = DummyAuthorizer()
    authorizer.add_user("clerk", "รหัส-ทดสอบ", str(root), perm="elradfmwMT")
    for path in read_only:
        authorizer.override_perm("clerk", str(path), "elr", recursive=True)
    attributes: dict[str, Any] = {"authorizer": authorizer, "banner": "test server"}
    if like_vsftpd:

        class HidingDotFiles(AbstractedFS):
            def listdir(self, path: str) -> list[str]:
                return [name for name in super().listdir(path) if not name.startswith(".")]

        base = TLS_FTPHandler if tls else FTPHandler
        commands = {name: spec for name, spec in base.proto_cmds.items() if name not in ("MLSD", "MLST")}
        attributes |= {"abstracted_fs": HidingDotFiles, "proto_cmds": commands}
    certificate = None
    if tls:
        certificate, key = self_signed_certificate(folder)
        attributes |= {
            "certfile": str(certificate),
            "keyfile": str(key),
            "tls_control_required": True,
            "tls_data_required": True,
        }
    base_handler = TLS_FTPHandler if tls else FTPHandler

    def respond(self: Any, resp: str, logfun: Any = None) -> None:
        if proxy is not None and (passive := re.fullmatch(r"227 .*\((\d+,){4}(\d+),(\d+)\)\.", resp)):
            mapped = proxy.forward(int(passive[2]) * 256 + int(passive[3]), once=True)
            resp = f"227 Entering passive mode (127,0,0,1,{mapped // 256},{mapped % 256})."
        if logfun is None:
            base_handler.respond(self, resp)
        else:
            base_handler.respond(self, resp, logfun)

    def ftp_RNTO(self: Any, path: str) -> Any:
        done = base_handler.ftp_RNTO(self, path)
        if done is not None and renamed is not None:
            renamed.append(Path(done[1]).relative_to(root).as_posix())
        return done

    attributes |= {"respond": respond, "ftp_RNTO": ftp_RNTO}
    handler = type("Handler", (base_handler,), attributes)
    port = free_port()
    server = FTPServer(("127.0.0.1", port), handler)
    server.max_cons_per_ip = most_connections
    thread = threading.Thread(target=server.serve_forever, kwargs={"timeout": 0.05}, daemon=True)
    thread.start()
    try:
        yield FtpServer(port, "clerk", "รหัส-ทดสอบ", certificate)
    finally:
        server.close_all()
        thread.join(timeout=10)


# ------------------------------------------------------------------ a slow link on loopback


CHUNK = 1 << 16
WINDOW = 4 << 20
"""Bytes on the way, each way, of one connection through :class:`LatencyProxy`: Linux's
largest send buffer by default (``net.ipv4.tcp_wmem``), so one connection carries at most
this much a one-way delay (32 MB a second at 250 ms round trip)."""


class LatencyProxy:
    """A TCP proxy on 127.0.0.1 with the latency of a long link (and, given ``rate``, a
    limit on bandwidth): each chunk read is written on ``rtt / 2`` seconds later, in order,
    each way; a new
    connection reaches the server a round trip and a half after the client's connect (the
    TCP handshake: what the client sends meanwhile waits for it). It runs an asyncio loop
    in a thread of its own until :meth:`close`.

    :meth:`forward` opens a port leading to a server's port; :meth:`drop_after` cuts every
    connection open once so many more bytes have gone towards the servers (a link lost in
    the middle of an upload)."""

    def __init__(self, rtt: float, rate: float | None = None) -> None:
        self.delay = rtt / 2
        self.rate = rate
        """Bytes a second each connection carries each way, if the link is to be narrow too."""
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.listeners: list[asyncio.Server] = []
        self.open: set[asyncio.StreamWriter] = set()
        self.left: int | None = None

    def forward(self, port: int, once: bool = False) -> int:
        """A port of the proxy leading to ``port``; ``once``: for one connection (an FTP
        passive data port), closed after it or after a minute without one."""
        future = asyncio.run_coroutine_threadsafe(self._listen(port, once), self.loop)
        return future.result(timeout=10)

    def drop_after(self, size: int) -> None:
        """Once ``size`` more bytes have gone towards the servers, cut every connection open."""
        self.loop.call_soon_threadsafe(setattr, self, "left", size)

    def close(self) -> None:
        async def stop() -> None:
            for listener in self.listeners:
                listener.close()
            for writer in list(self.open):
                writer.transport.abort()
            tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(stop(), self.loop).result(timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)

    async def _listen(self, port: int, once: bool) -> int:
        listener: asyncio.Server | None = None

        async def accept(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            if once and listener is not None:
                listener.close()
            # Cancelled when the proxy closes: the connection ends there, quietly.
            with contextlib.suppress(asyncio.CancelledError):
                await self._connection(reader, writer, port)

        listener = await asyncio.start_server(accept, LOOPBACK, 0)
        self.listeners.append(listener)
        if once:
            self.loop.call_later(60, listener.close)
        return int(listener.sockets[0].getsockname()[1])

    async def _connection(
        self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter, port: int
    ) -> None:
        self.open.add(client_writer)
        to_server: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue(WINDOW // CHUNK)
        to_client: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue(WINDOW // CHUNK)
        # What the client sends at once is timed as it comes, and waits for the connection.
        tasks = [asyncio.ensure_future(self._read(client_reader, to_server))]
        server_writer: asyncio.StreamWriter | None = None
        try:
            await asyncio.sleep(3 * self.delay)  # SYN, SYN-ACK, ACK
            server_reader, server_writer = await asyncio.open_connection(LOOPBACK, port)
            self.open.add(server_writer)
            tasks += [
                asyncio.ensure_future(self._write(to_server, server_writer, towards_server=True)),
                asyncio.ensure_future(self._read(server_reader, to_client)),
                asyncio.ensure_future(self._write(to_client, client_writer, towards_server=False)),
            ]
            await asyncio.gather(*tasks)
        except OSError:
            pass
        finally:
            for task in tasks:
                task.cancel()
            for writer in (client_writer, server_writer):
                if writer is not None:
                    writer.transport.abort()
                    self.open.discard(writer)

    async def _read(self, reader: asyncio.StreamReader, queue: asyncio.Queue[tuple[float, bytes]]) -> None:
        """Each chunk as it comes, with the time it is due on the other side; then the end.
        No more is read while ``WINDOW`` bytes are on the way, as TCP's window holds a sender
        back on a long link."""
        while True:
            try:
                data = await reader.read(CHUNK)
            except OSError:
                data = b""
            await queue.put((self.loop.time() + self.delay, data))
            if not data:
                return

    async def _write(
        self, queue: asyncio.Queue[tuple[float, bytes]], writer: asyncio.StreamWriter, towards_server: bool
    ) -> None:
        while True:
            due, data = await queue.get()
            wait = due - self.loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                if writer.can_write_eof():
                    writer.write_eof()
                return
            writer.write(data)
            await writer.drain()
            if self.rate is not None:
                await asyncio.sleep(len(data) / self.rate)
            if towards_server and self.left is not None:
                self.left -= len(data)
                if self.left <= 0:
                    self.left = None
                    for each in list(self.open):
                        each.transport.abort()


@contextmanager
def latency(rtt: float, rate: float | None = None) -> Iterator[LatencyProxy]:
    proxy = LatencyProxy(rtt, rate)
    try:
        yield proxy
    finally:
        proxy.close()
