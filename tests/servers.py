"""Real servers on loopback: web servers serving a built site under /ita/ with the rules
it generated, and the SFTP and FTP(S) servers a site is published to.

nginx includes ``nginx-redirects.conf`` in its server block; Apache reads ``.htaccess``
from the site's folder (AllowOverride All), as the README tells webmasters to set them up.
OpenSSH's sshd runs as a second instance on a free port with throwaway keys; the FTP
servers are pyftpdlib's. nginx, Apache and sshd come from Debian's packages, which
.ci/run installs; elsewhere the tests that need them are skipped with the command that
installs them.
"""

from __future__ import annotations

import getpass
import hashlib
import http.client
import ipaddress
import os
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


@contextmanager
def sshd_serving(folder: Path, read_only: bool = False) -> Iterator[SshServer]:
    """``sshd`` from Debian's openssh-server on a free port, with a new host key and a new
    client key; SFTP through its own internal-sftp (``read_only``: refusing every write,
    as an account without write permission is refused)."""
    binary = _binary(["sshd"], "openssh-server")
    folder.mkdir(parents=True, exist_ok=True)
    host, client = ed25519.Ed25519PrivateKey.generate(), ed25519.Ed25519PrivateKey.generate()
    host_file = folder / "host_key"
    host_file.write_text(_private_key_text(host))
    host_file.chmod(0o600)
    (folder / "authorized_keys").write_text(_public_key_line(client) + "\n")
    port = free_port()
    config = folder / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {host_file}\n"
        f"AuthorizedKeysFile {folder / 'authorized_keys'}\nPidFile {folder / 'sshd.pid'}\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nUsePAM no\nStrictModes no\n"
        f"PermitRootLogin prohibit-password\nSubsystem sftp internal-sftp{' -R' if read_only else ''}\n"
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
) -> Iterator[FtpServer]:
    """An FTP server (explicit FTPS with ``tls``: TLS required on control and data) in a thread.
    The user may not write in the folders ``read_only``; ``like_vsftpd``: listings as vsftpd
    gives them by default, without MLSD and without dot files."""
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
    handler = type("Handler", (TLS_FTPHandler if tls else FTPHandler,), attributes)
    port = free_port()
    server = FTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"timeout": 0.05}, daemon=True)
    thread.start()
    try:
        yield FtpServer(port, "clerk", "รหัส-ทดสอบ", certificate)
    finally:
        server.close_all()
        thread.join(timeout=10)
