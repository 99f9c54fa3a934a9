"""Real web servers on loopback, serving a built site under /ita/ with the rules it generated.

nginx includes ``nginx-redirects.conf`` in its server block; Apache reads ``.htaccess``
from the site's folder (AllowOverride All), as the README tells webmasters to set them up.
Both come from Debian's packages, which .ci/run installs; elsewhere the tests that need
them are skipped with the command that installs them.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

APACHE_MODULES = "/usr/lib/apache2/modules"


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
