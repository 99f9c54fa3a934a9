"""What ``oit-site publish`` refuses (a stale or failed build, an unknown server key, a
certificate nobody vouches for, a password in the repository, a wrong address) and how it
carries on when the connection drops."""

from __future__ import annotations

import errno
import hashlib
import io
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest
from conftest import Published, run_mkdocs
from publishing import (
    parts,
    server,
    tree,
)
from servers import ftp_serving, sshd_serving

from site_builder.publish.plan import MANIFEST, PART, read_manifest, send_rank
from site_builder.publish.run import RESUME, Outcome, Publisher, size_text
from site_builder.publish.targets import FolderTarget, PublishError, parse_destination

pytestmark = pytest.mark.usefixtures("clean_environment")

# ------------------------------------------------------------------ refusals


def test_a_failed_or_stale_build_is_not_published(
    repo: Path, tmp_path: Path, publish: Callable[..., Published]
) -> None:
    with server("folder", tmp_path) as (url, remote, secrets):
        assert publish(repo, "--to", url, secrets=secrets)[0] == 0
        published, built = tree(remote), tree(repo / "site")
        result = repo / "content" / "2568" / "result.yml"
        result.write_text(result.read_text(encoding="utf-8").replace("score:", "score: [", 1), "utf-8")

        code, out, err = publish(repo, "--to", url, secrets=secrets)
        assert code == 1
        assert "สร้างเว็บไม่สำเร็จ จึงไม่ได้เผยแพร่" in err
        assert "Traceback" not in out + err
        assert tree(remote) == published
        assert tree(repo / "site") == built

        code, out, err = publish(repo, "--to", url, "--no-build", secrets=secrets)
        assert code == 1
        assert "ไม่เผยแพร่: เนื้อหาเปลี่ยนหลังการสร้างเว็บครั้งล่าสุด" in err
        assert "รัน oit-site build ก่อน" in err
        assert tree(remote) == published


def test_a_site_built_without_strict_is_not_published(
    repo: Path, tmp_path: Path, publish: Callable[..., Published]
) -> None:
    assert run_mkdocs(repo, "build").returncode == 0
    with server("folder", tmp_path) as (url, remote, secrets):
        code, _, err = publish(repo, "--to", url, "--no-build", secrets=secrets)
        assert code == 1
        assert "--strict" in err
        assert list(remote.iterdir()) == []


def test_sftp_refuses_an_unknown_or_changed_server_key(
    repo: Path, tmp_path: Path, publish: Callable[..., Published]
) -> None:
    with server("sftp", tmp_path) as (url, remote, secrets):
        unknown = {"OIT_PUBLISH_KEY": secrets["OIT_PUBLISH_KEY"]}
        code, _, err = publish(repo, "--to", url, secrets=unknown)
        assert code == 1
        assert "ไม่รู้จักกุญแจของเซิร์ฟเวอร์" in err
        # The message carries the line to set once the fingerprint is checked.
        assert secrets["OIT_PUBLISH_HOST_KEY"] in err
        with sshd_serving(tmp_path / "other") as other:
            # Another server's key, given without a host name: taken as this server's.
            changed = {**secrets, "OIT_PUBLISH_HOST_KEY": other.host_key.split(" ", 1)[1]}
            code, _, err = publish(repo, "--to", url, secrets=changed)
        assert code == 1
        assert "ไม่ตรงกับที่บันทึกไว้" in err
        assert list(remote.iterdir()) == []


def test_ftps_refuses_a_certificate_nobody_vouches_for_until_its_fingerprint_is_pinned(
    repo: Path, tmp_path: Path, publish: Callable[..., Published]
) -> None:
    remote = tmp_path / "server" / "ita"
    remote.mkdir(parents=True)
    with ftp_serving(tmp_path / "server", tmp_path / "ftpd", tls=True) as ftp:
        url = f"ftps://{ftp.user}@127.0.0.1:{ftp.port}/ita"
        secrets = {"OIT_PUBLISH_PASSWORD": ftp.password}
        code, _, err = publish(repo, "--to", url, secrets=secrets)
        assert code == 1
        assert "ตรวจสอบไม่ผ่าน (certificate not trusted" in err
        assert f"OIT_PUBLISH_TLS_FINGERPRINT=sha256:{ftp.fingerprint.removeprefix('sha256:').upper()}" in err
        assert list(remote.iterdir()) == []

        wrong = {**secrets, "OIT_PUBLISH_TLS_FINGERPRINT": "sha256:" + "00" * 32}
        code, _, err = publish(repo, "--to", url, secrets=wrong)
        assert code == 1
        assert "ไม่ตรงกับ OIT_PUBLISH_TLS_FINGERPRINT" in err

        pinned = {**secrets, "OIT_PUBLISH_TLS_FINGERPRINT": ftp.fingerprint}
        code, _, err = publish(repo, "--to", url, secrets=pinned)
        assert code == 0, err
        assert tree(remote) == tree(repo / "site")


def test_the_target_comes_from_mkdocs_yml_and_never_holds_a_password(
    repo: Path, tmp_path: Path, publish: Callable[..., Published]
) -> None:
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    code, _, err = publish(repo, secrets={})
    assert code == 1
    assert "ยังไม่ได้กำหนดว่าจะเผยแพร่ไปที่ใด (no publish target)" in err

    config.write_text(
        text.replace("pdf: false", "pdf: false\n      publish: ftps://clerk:secret@ftp.example.go.th/ita"),
        "utf-8",
    )
    code, _, err = publish(repo, secrets={})
    assert code == 1
    assert "mkdocs.yml: oit: publish: มีรหัสผ่านอยู่ในที่อยู่ปลายทาง" in err
    assert "OIT_PUBLISH_PASSWORD" in err

    with server("sftp", tmp_path) as (url, remote, secrets):
        config.write_text(text.replace("pdf: false", f"pdf: false\n      publish: {url}"), "utf-8")
        code, _, _ = publish(repo, "--no-build", secrets=secrets)
        assert code == 1, "mkdocs.yml changed, so site/ is stale"
        code, _out, err = publish(repo, secrets=secrets)
        assert code == 0, err
        assert tree(remote) == tree(repo / "site")


@pytest.mark.parametrize("folder", ["site", "content", "content/2568", "."])
def test_a_folder_target_cannot_overlap_the_site_or_its_content(
    folder: str, repo: Path, publish: Callable[..., Published]
) -> None:
    before = tree(repo / "site")
    code, _, err = publish(repo, "--to", str(repo / folder), secrets={})
    assert code == 1
    assert "ซ้อนกับโฟลเดอร์" in err
    assert tree(repo / "site") == before
    assert not (repo / folder / MANIFEST).exists()


@pytest.mark.parametrize(
    ("text", "scheme", "host", "port", "user", "path"),
    [
        (
            "sftp://clerk@host.example.go.th/var/www/ita/",
            "sftp",
            "host.example.go.th",
            22,
            "clerk",
            "/var/www/ita",
        ),
        ("sftp://clerk@host:2222/~/public_html/ita", "sftp", "host", 2222, "clerk", "public_html/ita"),
        (
            "ftps://clerk@ftp.example.go.th/public_html/ita",
            "ftps",
            "ftp.example.go.th",
            21,
            "clerk",
            "public_html/ita",
        ),
        ("ftp://clerk@ftp.example.go.th/%2Fvar/www", "ftp", "ftp.example.go.th", 21, "clerk", "/var/www"),
        (
            "ftp://clerk@ftp.example.go.th/%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7",
            "ftp",
            "ftp.example.go.th",
            21,
            "clerk",
            "ข่าว",
        ),
        ("/mnt/www/ita", "file", "", 0, "", "/mnt/www/ita"),
        ("file:///mnt/www/ita", "file", "", 0, "", "/mnt/www/ita"),
    ],
)
def test_addresses_read_as_curl_reads_them(
    text: str, scheme: str, host: str, port: int, user: str, path: str
) -> None:
    destination = parse_destination(text, "--to")
    assert (destination.scheme, destination.host, destination.port, destination.user, destination.path) == (
        scheme,
        host,
        port,
        user,
        path,
    )
    assert parse_destination(str(destination), "--to") == destination


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sftp://clerk:pw@host/ita", "มีรหัสผ่านอยู่ในที่อยู่ปลายทาง"),
        ("http://host/ita", "ไม่รู้จัก http://"),
        ("sftp:///ita", "ไม่มีชื่อเซิร์ฟเวอร์"),
        ("ftp://host:99999/ita", "หมายเลขพอร์ตไม่ถูกต้อง"),
        ("file://otherhost/ita", "โฟลเดอร์ในเครื่องนี้เท่านั้น"),
    ],
)
def test_a_wrong_address_is_refused_with_what_to_write(text: str, message: str) -> None:
    with pytest.raises(PublishError, match=message) as error:
        parse_destination(text, "--to")
    assert str(error.value).startswith("--to: ")


# ------------------------------------------------------------------ a connection that drops


class DroppingFolder(FolderTarget):
    """A folder reached over a connection that drops at the uploads numbered in ``drops``."""

    def __init__(self, root: Path, drops: set[int]) -> None:
        super().__init__(root)
        self.drops, self.uploads, self.connections = drops, 0, 0

    def connect(self) -> None:
        self.connections += 1
        super().connect()

    def put(self, stream: IO[bytes], path: str, sent: Callable[[int], None]) -> None:
        self.uploads += 1
        if self.uploads in self.drops:
            sent(1_000_000)  # a megabyte of the file went before the connection dropped
            raise ConnectionResetError("connection reset by peer")
        super().put(stream, path, sent)

    def transient(self, error: BaseException) -> bool:
        return isinstance(error, ConnectionError)


def test_a_dropped_connection_is_tried_again_and_a_lost_one_resumed(
    built_example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("site_builder.publish.run.time.sleep", lambda _seconds: None)
    site = built_example / "site"
    remote = tmp_path / "remote"
    remote.mkdir()
    # Two drops in a row: the third try, on a third connection, sends the file.
    target = DroppingFolder(remote, drops={5, 6})
    log, progress = io.StringIO(), io.StringIO()
    outcome = Publisher(target, log, progress).run(site, set(), prune=False, dry_run=False)
    assert tree(remote) == tree(site)
    assert len(outcome.sent) == len(tree(site))
    assert target.connections == 3
    assert "เชื่อมต่อใหม่ครั้งที่ 1" in log.getvalue() and "เชื่อมต่อใหม่ครั้งที่ 2" in log.getvalue()
    total = sum(len(data) for data in tree(site).values())
    assert (
        f"{size_text(total)}/{size_text(total)}" in progress.getvalue()
    )  # bytes of a failed try are not counted

    # The host refuses more files (its quota is full): the publish stops with what to do,
    # nothing renamed into place, having recorded which files it uploaded whole; the run
    # after renames those as they are and uploads only the rest.
    shutil.rmtree(remote)
    remote.mkdir()
    full = QuotaFolder(remote, files=39)
    with pytest.raises(PublishError) as error:
        Publisher(full, io.StringIO(), io.StringIO()).run(site, set(), prune=False, dry_run=False)
    order = sorted(tree(site), key=send_rank)
    assert (
        str(error.value) == f"เผยแพร่ไม่สำเร็จ ที่ {order[39]} (failed: [Errno 122] Disk quota exceeded). {RESUME}"
    )
    recorded = read_manifest((remote / MANIFEST).read_bytes())
    assert recorded.files == {}
    assert len(recorded.uploaded) == 39
    for part in recorded.uploaded:
        digest = hashlib.sha256((remote / part).read_bytes()).hexdigest()
        assert part.endswith(f"{PART}{digest[:20]}")
    again = CountingFolder(remote)
    outcome = again.run_publish(site)
    assert len(outcome.sent) == len(tree(site))
    assert again.uploaded == len(tree(site)) - 39
    assert tree(remote) == tree(site)
    assert parts(remote) == []


class QuotaFolder(FolderTarget):
    """A folder that takes ``files`` of the site's files and refuses the next."""

    def __init__(self, root: Path, files: int) -> None:
        super().__init__(root)
        self.left = files

    def put(self, stream: IO[bytes], path: str, sent: Callable[[int], None]) -> None:
        if not path.startswith(MANIFEST):
            if self.left == 0:
                raise OSError(errno.EDQUOT, "Disk quota exceeded")
            self.left -= 1
        super().put(stream, path, sent)


class CountingFolder(FolderTarget):
    """A folder that counts the site's files uploaded into it."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.uploaded = 0

    def put(self, stream: IO[bytes], path: str, sent: Callable[[int], None]) -> None:
        if not path.startswith(MANIFEST):
            self.uploaded += 1
        super().put(stream, path, sent)

    def run_publish(self, site: Path) -> Outcome:
        return Publisher(self, io.StringIO(), io.StringIO()).run(site, set(), prune=False, dry_run=False)
