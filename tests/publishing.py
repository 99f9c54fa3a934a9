"""What the publish tests share (their fixtures are in conftest.py): the servers to
publish to (sshd, pyftpdlib's FTP and FTPS, a folder), and ``oit-site publish`` run as a
CI job runs it."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from servers import LatencyProxy, ftp_serving, latency, sshd_serving

from site_builder.built import STAMP
from site_builder.publish.plan import JOURNAL, MANIFEST, PART
from site_builder.publish.run import SAVING

KINDS = ["folder", "sftp", "ftps", "ftp"]
ITEM = "content/2568/o1"


@contextmanager
def server(kind: str, tmp: Path) -> Iterator[tuple[str, Path, dict[str, str]]]:
    """A server of ``kind``: (the address to publish to, its folder on disk, the secrets).
    ``vsftpd``: plain FTP listing folders as vsftpd does by default (no MLSD, no dot files)."""
    remote = tmp / "server" / "public_html" / "ita"
    remote.mkdir(parents=True)
    if kind == "folder":
        yield str(remote), remote, {}
    elif kind == "sftp":
        with sshd_serving(tmp / "sshd") as ssh:
            secrets = {"OIT_PUBLISH_KEY": ssh.client_key, "OIT_PUBLISH_HOST_KEY": ssh.host_key}
            yield f"sftp://{ssh.user}@127.0.0.1:{ssh.port}{remote}", remote, secrets
    else:
        with ftp_serving(
            tmp / "server", tmp / "ftpd", tls=kind == "ftps", like_vsftpd=kind == "vsftpd"
        ) as ftp:
            secrets = {"OIT_PUBLISH_PASSWORD": ftp.password}
            if ftp.certificate is not None:
                # The server's certificate is trusted as an authority's would be.
                secrets["SSL_CERT_FILE"] = str(ftp.certificate)
            scheme = "ftp" if kind == "vsftpd" else kind
            yield f"{scheme}://{ftp.user}@127.0.0.1:{ftp.port}/public_html/ita", remote, secrets


LINK = 0.01
"""The round trip of the publish tests' link: short, so they stay quick, yet every wait for
an answer is seen."""


@contextmanager
def linked(
    kind: str,
    tmp: Path,
    rate: float | None = None,
    sftp_log: Path | None = None,
    renamed: list[str] | None = None,
    most_connections: int = 0,
) -> Iterator[tuple[str, Path, dict[str, str], LatencyProxy]]:
    """A server of ``kind`` (sftp, ftps, ftp) behind a link of ``LINK`` round trip (and
    ``rate`` bytes a second, if given): the address, the folder on disk, the secrets and
    the proxy. ``sftp_log``: sshd's SFTP server writes there each request it carries out;
    ``renamed``: pyftpdlib adds each path a rename puts a file at (both in the order the
    server carried them out); ``most_connections``: FTP connections allowed from one address."""
    remote = tmp / "server" / "public_html" / "ita"
    remote.mkdir(parents=True)
    with latency(LINK, rate) as proxy:
        if kind == "sftp":
            with sshd_serving(tmp / "sshd", sftp_log=sftp_log) as ssh:
                port = proxy.forward(ssh.port)
                # The server's key without its address: taken as the key of the address given.
                secrets = {
                    "OIT_PUBLISH_KEY": ssh.client_key,
                    "OIT_PUBLISH_HOST_KEY": ssh.host_key.split(" ", 1)[1],
                }
                yield f"sftp://{ssh.user}@127.0.0.1:{port}{remote}", remote, secrets, proxy
            return
        with ftp_serving(
            tmp / "server",
            tmp / "ftpd",
            tls=kind == "ftps",
            proxy=proxy,
            renamed=renamed,
            most_connections=most_connections,
        ) as ftp:
            port = proxy.forward(ftp.port)
            secrets = {"OIT_PUBLISH_PASSWORD": ftp.password}
            if ftp.certificate is not None:
                secrets["SSL_CERT_FILE"] = str(ftp.certificate)
            yield f"{kind}://{ftp.user}@127.0.0.1:{port}/public_html/ita", remote, secrets, proxy


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, the tool's own records left out (the
    manifest, its journal, the manifest's next version being written, the build's stamp)."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name not in (MANIFEST, JOURNAL, SAVING, STAMP)
    }


def host_tree(folder: Path) -> dict[str, str]:
    """Everything under ``folder``: each file's SHA-256 and each folder (as ``/``), by path."""
    return {
        path.relative_to(folder).as_posix(): "/"
        if path.is_dir()
        else hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
    }


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    for path, data in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)


def listed(output: str) -> set[str]:
    """The files a publish's report says it sent (``+`` new, ``~`` changed)."""
    return {m.group(1) for m in re.finditer(r"^  [+~] (.+)$", output, re.M)}


def add_document(root: Path, name: str, data: bytes, item: str = ITEM) -> None:
    (root / item / name).write_bytes(data)
    page = root / item / "index.md"
    text = page.read_text(encoding="utf-8")
    entry = f"documents:\n  - file: {name}\n    title: เอกสารเพิ่ม {name}\n    date: 2024-10-15\n"
    page.write_text(text.replace("documents:\n", entry, 1), encoding="utf-8")


def remove_document(root: Path, name: str, item: str = ITEM) -> None:
    (root / item / name).unlink()
    page = root / item / "index.md"
    text = page.read_text(encoding="utf-8")
    entry = f"  - file: {name}\n    title: เอกสารเพิ่ม {name}\n    date: 2024-10-15\n"
    assert entry in text
    page.write_text(text.replace(entry, "", 1), encoding="utf-8")


def pdf_bytes(size: int) -> bytes:
    return b"%PDF-1.4\n" + os.urandom(size - 9)


def parts(folder: Path) -> list[Path]:
    return [path for path in folder.rglob(f"{PART}*") if path.is_file()]


PROGRESS = re.compile(r"ส่งแล้ว \(sent\) (\d+)/(\d+) ไฟล์ · [\d.]+ [KM]?B/[\d.]+ [KM]?B \[(#*)(\.*)\] +(\d+)%\n")


def finished_progress(err: str) -> str:
    """``err`` (a CI log's) with only the progress line of an upload finished: every file
    sent, 100 %. The lines before it, at each tenth of the way, depend on the order files
    sent at once finish in: each is checked to be whole, its bar 24 wide, and further
    along than the one before, then left out."""
    kept: list[str] = []
    before = (-1, -1)
    for line in err.splitlines(keepends=True):
        if not line.startswith("ส่งแล้ว (sent) "):
            kept.append(line)
            continue
        match = PROGRESS.fullmatch(line)
        assert match, f"not a progress line: {line!r}"
        done, files, percent = int(match[1]), int(match[2]), int(match[5])
        assert len(match[3]) + len(match[4]) == 24, line
        assert (done, percent) > before and done >= before[0] and percent >= before[1], line
        before = (done, percent)
        if done == files and percent == 100:
            kept.append(line)
    return "".join(kept)
