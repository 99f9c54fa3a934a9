"""``oit-site publish`` against real servers on loopback: OpenSSH's sshd (SFTP), pyftpdlib
(FTP and explicit FTPS) and a folder.

Each test publishes the example agency's site and reads the server's folder back: the
remote tree equals ``site/``, a second publish sends only what changed, a publish killed
in the middle of an upload leaves every file old or new and the next run finishes, and a
registered URL is never removed.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pytest
from conftest import MKDOCS_ENV, example_repo, run_mkdocs
from servers import ftp_serving, sshd_serving

from site_builder.cli import main
from site_builder.publish.plan import MANIFEST, PART, read_manifest
from site_builder.publish.run import Publisher, size_text
from site_builder.publish.stamp import STAMP
from site_builder.publish.targets import SECRETS, FolderTarget, PublishError, parse_destination

KINDS = ["folder", "sftp", "ftps", "ftp"]
ITEM = "content/2568/o1"
ENVIRONMENT = (*SECRETS, "SSL_CERT_FILE")


@pytest.fixture(scope="module")
def built_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = example_repo(tmp_path_factory.mktemp("example") / "repo")
    result = run_mkdocs(root)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture
def repo(built_example: Path, tmp_path: Path) -> Path:
    """A copy of the built example (times kept, so its build stays current)."""
    root = tmp_path / "repo"
    shutil.copytree(built_example, root, symlinks=True)
    return root


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    # No known_hosts or keys of the machine's own user.
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@contextmanager
def server(kind: str, tmp: Path) -> Iterator[tuple[str, Path, dict[str, str]]]:
    """A server of ``kind``: (the address to publish to, its folder on disk, the secrets)."""
    remote = tmp / "server" / "public_html" / "ita"
    remote.mkdir(parents=True)
    if kind == "folder":
        yield str(remote), remote, {}
    elif kind == "sftp":
        with sshd_serving(tmp / "sshd") as ssh:
            secrets = {"OIT_PUBLISH_KEY": ssh.client_key, "OIT_PUBLISH_HOST_KEY": ssh.host_key}
            yield f"sftp://{ssh.user}@127.0.0.1:{ssh.port}{remote}", remote, secrets
    else:
        with ftp_serving(tmp / "server", tmp / "ftpd", tls=kind == "ftps") as ftp:
            secrets = {"OIT_PUBLISH_PASSWORD": ftp.password}
            if ftp.certificate is not None:
                # The server's certificate is trusted as an authority's would be.
                secrets["SSL_CERT_FILE"] = str(ftp.certificate)
            yield f"{kind}://{ftp.user}@127.0.0.1:{ftp.port}/public_html/ita", remote, secrets


def publish(
    root: Path,
    *args: str,
    secrets: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[int, str, str]:
    """``oit-site publish`` in this process, as a CI job runs it: (exit code, output, errors)."""
    for name, value in secrets.items():
        monkeypatch.setenv(name, value)
    capsys.readouterr()
    out = io.StringIO()
    code = main(["-f", str(root / "mkdocs.yml"), "publish", *args], out=out)
    for name in secrets:
        monkeypatch.delenv(name)
    return code, out.getvalue(), capsys.readouterr().err


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, the tool's own records left out."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name not in (MANIFEST, STAMP)
    }


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


# ------------------------------------------------------------------ the site arrives whole


@pytest.mark.parametrize("kind", KINDS)
def test_publish_sends_the_site_then_only_what_changed(
    kind: str, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with server(kind, tmp_path) as (url, remote, secrets):
        code, out, err = publish(repo, "--to", url, secrets=secrets, monkeypatch=monkeypatch, capsys=capsys)
        assert code == 0, err
        first = tree(repo / "site")
        assert tree(remote) == first
        assert "เผยแพร่เสร็จ (published)" in out
        assert f"ส่งแล้ว (sent) {len(first)}/{len(first)} ไฟล์" in err  # the progress, at its end
        manifest = read_manifest((remote / MANIFEST).read_bytes())
        assert set(manifest.files) == set(first) and not manifest.pending
        before = {path: (remote / path).stat().st_ino for path in first}

        # An editor changes an item's text and adds a document; publish builds first.
        page = repo / ITEM / "index.md"
        page.write_text(page.read_text(encoding="utf-8").replace("กองช่าง", "กองช่าง กองสวัสดิการสังคม"), "utf-8")
        add_document(repo, "คำสั่งแบ่งงาน 2568.pdf", pdf_bytes(40_000))
        code, out, err = publish(repo, "--to", url, secrets=secrets, monkeypatch=monkeypatch, capsys=capsys)
        assert code == 0, err
        assert "สร้างเว็บก่อนเผยแพร่ (building first)" in out
        second = tree(repo / "site")
        changed = {path for path, data in second.items() if first.get(path) != data}
        assert {"2568/o1/index.html", "2568/o1/คำสั่งแบ่งงาน 2568.pdf"} <= changed
        assert listed(out) == changed
        assert len(changed) < len(second) / 5
        assert tree(remote) == second
        # What did not change was not written again (a replaced file is a new inode).
        rewritten = [
            path for path in second if path not in changed and (remote / path).stat().st_ino != before[path]
        ]
        assert rewritten == []
        assert not list(remote.rglob(f"{PART}*"))

        # Nothing changed: nothing is sent and the manifest is not rewritten.
        stamp = (remote / MANIFEST).stat().st_mtime_ns
        code, out, _ = publish(repo, "--to", url, secrets=secrets, monkeypatch=monkeypatch, capsys=capsys)
        assert code == 0
        assert "เป็นปัจจุบันอยู่แล้ว (the server is up to date)" in out
        assert (remote / MANIFEST).stat().st_mtime_ns == stamp


def test_dry_run_names_every_file_and_sends_none(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with server("sftp", tmp_path) as (url, remote, secrets):
        code, out, _ = publish(
            repo, "--to", url, "--dry-run", secrets=secrets, monkeypatch=monkeypatch, capsys=capsys
        )
        assert code == 0
        assert listed(out) == set(tree(repo / "site"))
        assert "ยังไม่ได้ส่งไฟล์ใด (--dry-run: nothing was sent)" in out
        assert list(remote.iterdir()) == []


def test_pages_are_sent_after_the_documents_they_link_to(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with server("folder", tmp_path) as (url, _remote, secrets):
        code, out, _ = publish(
            repo, "--to", url, "--dry-run", secrets=secrets, monkeypatch=monkeypatch, capsys=capsys
        )
    assert code == 0
    order = re.findall(r"^  [+~] (.+)$", out, re.M)
    pages = [i for i, path in enumerate(order) if path.endswith(".html")]
    documents = [i for i, path in enumerate(order) if path.endswith((".pdf", ".css", ".js", ".svg", ".png"))]
    assert max(documents) < min(pages)
    assert order.index("2568/o1/index.html") < order.index("2568/index.html") < order.index("index.html")
    assert order.index("index.html") < order.index("2568/oit.csv") < order.index("sitemap.xml")
    assert order.index("sitemap.xml") < order.index(".htaccess")
    assert order[-1] == "_headers"


# ------------------------------------------------------------------ interrupted


def parts(folder: Path) -> list[Path]:
    return [path for path in folder.rglob(f"{PART}*") if path.is_file()]


@pytest.mark.parametrize(("kind", "stop"), [("sftp", signal.SIGKILL), ("ftps", signal.SIGTERM)])
def test_a_publish_stopped_mid_upload_leaves_files_old_or_new_and_the_rerun_finishes(
    kind: str,
    stop: signal.Signals,
    repo: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with server(kind, tmp_path) as (url, remote, secrets):
        assert publish(repo, "--to", url, secrets=secrets, monkeypatch=monkeypatch, capsys=capsys)[0] == 0
        old = tree(repo / "site")
        # The agency's name changes (every page changes) and a large scan is added.
        agency = repo / "content" / "agency.yml"
        agency.write_text(agency.read_text(encoding="utf-8").replace("บ้านสายรุ้ง", "บ้านสายรุ้งใหม่"), "utf-8")
        big = 48_000_000
        add_document(repo, "รายงานสแกน.pdf", pdf_bytes(big))
        assert run_mkdocs(repo).returncode == 0
        new = tree(repo / "site")

        env = {**MKDOCS_ENV, **secrets}
        command = [
            sys.executable,
            "-m",
            "site_builder.cli",
            "-f",
            str(repo / "mkdocs.yml"),
            "publish",
            "--to",
            url,
        ]
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        partial: list[int] = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            sizes = [path.stat().st_size for path in parts(remote)]
            if any(1_000_000 < size < big for size in sizes):
                process.send_signal(stop)
                partial = sizes
                break
            time.sleep(0.005)
        output, errors = process.communicate(timeout=60)
        assert partial, f"the upload was not caught in the middle: {output} {errors}"
        if stop == signal.SIGTERM:
            assert process.returncode == 130
            assert "รันคำสั่งเดิมอีกครั้งเพื่อส่งส่วนที่เหลือ" in errors
        else:
            assert process.returncode == -signal.SIGKILL

        # Every file a reader can reach is the old one or the new one, whole; the pages
        # are still the old ones, linking to what is there.
        halfway = tree(remote)
        for path, data in halfway.items():
            if PART in path:
                continue
            assert data in (old.get(path), new.get(path)), path
        assert halfway["2568/o1/index.html"] == old["2568/o1/index.html"]
        assert "2568/o1/รายงานสแกน.pdf" not in halfway

        code, _out, err = publish(repo, "--to", url, secrets=secrets, monkeypatch=monkeypatch, capsys=capsys)
        assert code == 0, err
        assert tree(remote) == new
        assert parts(remote) == []
        assert not read_manifest((remote / MANIFEST).read_bytes()).pending


# ------------------------------------------------------------------ what is never removed


def test_a_registered_url_is_never_removed(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with server("sftp", tmp_path) as (url, remote, secrets):

        def run(*args: str) -> str:
            code, out, err = publish(
                repo, "--to", url, *args, secrets=secrets, monkeypatch=monkeypatch, capsys=capsys
            )
            assert code == 0, err
            return out

        add_document(repo, "ประกาศเดิม.pdf", pdf_bytes(5_000))
        run()
        assert main(["-f", str(repo / "mkdocs.yml"), "register"], out=io.StringIO()) == 0
        register = repo / "published-urls.txt"
        assert "/2568/o1/ประกาศเดิม.pdf" in register.read_text(encoding="utf-8")
        run()  # the server now records the register
        add_document(repo, "ร่างที่ยังไม่ลงทะเบียน.pdf", pdf_bytes(5_000))
        run()
        # A careless edit: both documents go, and the registered one's line with them.
        remove_document(repo, "ประกาศเดิม.pdf")
        remove_document(repo, "ร่างที่ยังไม่ลงทะเบียน.pdf")
        lines = register.read_text(encoding="utf-8").replace("/2568/o1/ประกาศเดิม.pdf\n", "")
        register.write_text(lines, encoding="utf-8")

        out = run()
        assert "2568/o1/ประกาศเดิม.pdf  เก็บไว้: ลงทะเบียน" in out
        assert "2568/o1/ร่างที่ยังไม่ลงทะเบียน.pdf  เก็บไว้ ลบด้วย --prune" in out
        assert (remote / "2568/o1/ประกาศเดิม.pdf").is_file()
        assert (remote / "2568/o1/ร่างที่ยังไม่ลงทะเบียน.pdf").is_file()

        out = run("--prune", "--dry-run")
        assert "ร่างที่ยังไม่ลงทะเบียน.pdf  จะลบ (would be removed)" in out
        assert (remote / "2568/o1/ร่างที่ยังไม่ลงทะเบียน.pdf").is_file()

        out = run("--prune")
        assert "ร่างที่ยังไม่ลงทะเบียน.pdf  ลบแล้ว (removed)" in out
        assert not (remote / "2568/o1/ร่างที่ยังไม่ลงทะเบียน.pdf").exists()
        assert (remote / "2568/o1/ประกาศเดิม.pdf").is_file()
        assert {path for path in tree(remote) if path not in tree(repo / "site")} == {"2568/o1/ประกาศเดิม.pdf"}


def test_files_the_manifest_does_not_name_are_never_touched(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The rest of the agency's web site around /ita/, and whatever a planted manifest names
    outside the folder, stay as they are even with --prune."""
    with server("folder", tmp_path) as (url, remote, secrets):
        (remote / "ข่าว.html").write_text("the agency's own page", encoding="utf-8")
        outside = remote.parent / "index.php"
        outside.write_text("<?php // the main site", encoding="utf-8")
        planted = (
            '{"format": 1, "files": {"../index.php": "x", "/etc/passwd": "x", "a/../../index.php": "x"},'
            ' "registered": [], "pending": ["../index.php", "../.oit-part-x"]}'
        )
        (remote / MANIFEST).write_text(planted, encoding="utf-8")
        code, _, err = publish(
            repo, "--to", url, "--prune", secrets=secrets, monkeypatch=monkeypatch, capsys=capsys
        )
        assert code == 0, err
        assert outside.read_text(encoding="utf-8") == "<?php // the main site"
        assert (remote / "ข่าว.html").read_text(encoding="utf-8") == "the agency's own page"
        assert set(read_manifest((remote / MANIFEST).read_bytes()).files) == set(tree(repo / "site"))


# ------------------------------------------------------------------ refusals


def test_a_failed_or_stale_build_is_not_published(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with server("folder", tmp_path) as (url, remote, secrets):
        assert publish(repo, "--to", url, secrets=secrets, monkeypatch=monkeypatch, capsys=capsys)[0] == 0
        published, built = tree(remote), tree(repo / "site")
        result = repo / "content" / "2568" / "result.yml"
        result.write_text(result.read_text(encoding="utf-8").replace("score:", "score: [", 1), "utf-8")

        code, out, err = publish(repo, "--to", url, secrets=secrets, monkeypatch=monkeypatch, capsys=capsys)
        assert code == 1
        assert "สร้างเว็บไม่สำเร็จ จึงไม่ได้เผยแพร่" in err
        assert "Traceback" not in out + err
        assert tree(remote) == published
        assert tree(repo / "site") == built

        code, out, err = publish(
            repo, "--to", url, "--no-build", secrets=secrets, monkeypatch=monkeypatch, capsys=capsys
        )
        assert code == 1
        assert "ไม่เผยแพร่: เนื้อหาเปลี่ยนหลังการสร้างเว็บครั้งล่าสุด" in err
        assert "รัน oit-site build ก่อน" in err
        assert tree(remote) == published


def test_a_site_built_without_strict_is_not_published(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_mkdocs(repo, "build").returncode == 0
    with server("folder", tmp_path) as (url, remote, secrets):
        code, _, err = publish(
            repo, "--to", url, "--no-build", secrets=secrets, monkeypatch=monkeypatch, capsys=capsys
        )
        assert code == 1
        assert "--strict" in err
        assert list(remote.iterdir()) == []


def test_sftp_refuses_an_unknown_or_changed_server_key(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with server("sftp", tmp_path) as (url, remote, secrets):
        unknown = {"OIT_PUBLISH_KEY": secrets["OIT_PUBLISH_KEY"]}
        code, _, err = publish(repo, "--to", url, secrets=unknown, monkeypatch=monkeypatch, capsys=capsys)
        assert code == 1
        assert "ไม่รู้จักกุญแจของเซิร์ฟเวอร์" in err
        # The message carries the line to set once the fingerprint is checked.
        assert secrets["OIT_PUBLISH_HOST_KEY"] in err
        with sshd_serving(tmp_path / "other") as other:
            # Another server's key, given without a host name: taken as this server's.
            changed = {**secrets, "OIT_PUBLISH_HOST_KEY": other.host_key.split(" ", 1)[1]}
            code, _, err = publish(repo, "--to", url, secrets=changed, monkeypatch=monkeypatch, capsys=capsys)
        assert code == 1
        assert "ไม่ตรงกับที่บันทึกไว้" in err
        assert list(remote.iterdir()) == []


def test_ftps_refuses_a_certificate_nobody_vouches_for_until_its_fingerprint_is_pinned(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    remote = tmp_path / "server" / "ita"
    remote.mkdir(parents=True)
    with ftp_serving(tmp_path / "server", tmp_path / "ftpd", tls=True) as ftp:
        url = f"ftps://{ftp.user}@127.0.0.1:{ftp.port}/ita"
        secrets = {"OIT_PUBLISH_PASSWORD": ftp.password}
        code, _, err = publish(repo, "--to", url, secrets=secrets, monkeypatch=monkeypatch, capsys=capsys)
        assert code == 1
        assert "ตรวจสอบไม่ผ่าน (certificate not trusted" in err
        assert f"OIT_PUBLISH_TLS_FINGERPRINT=sha256:{ftp.fingerprint.removeprefix('sha256:').upper()}" in err
        assert list(remote.iterdir()) == []

        wrong = {**secrets, "OIT_PUBLISH_TLS_FINGERPRINT": "sha256:" + "00" * 32}
        code, _, err = publish(repo, "--to", url, secrets=wrong, monkeypatch=monkeypatch, capsys=capsys)
        assert code == 1
        assert "ไม่ตรงกับ OIT_PUBLISH_TLS_FINGERPRINT" in err

        pinned = {**secrets, "OIT_PUBLISH_TLS_FINGERPRINT": ftp.fingerprint}
        code, _, err = publish(repo, "--to", url, secrets=pinned, monkeypatch=monkeypatch, capsys=capsys)
        assert code == 0, err
        assert tree(remote) == tree(repo / "site")


def test_the_target_comes_from_mkdocs_yml_and_never_holds_a_password(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = repo / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    code, _, err = publish(repo, secrets={}, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 1
    assert "ยังไม่ได้กำหนดว่าจะเผยแพร่ไปที่ใด (no publish target)" in err

    config.write_text(
        text.replace("pdf: false", "pdf: false\n      publish: ftps://clerk:secret@ftp.example.go.th/ita"),
        "utf-8",
    )
    code, _, err = publish(repo, secrets={}, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 1
    assert "mkdocs.yml: oit: publish: มีรหัสผ่านอยู่ในที่อยู่ปลายทาง" in err
    assert "OIT_PUBLISH_PASSWORD" in err

    with server("sftp", tmp_path) as (url, remote, secrets):
        config.write_text(text.replace("pdf: false", f"pdf: false\n      publish: {url}"), "utf-8")
        code, _, _ = publish(repo, "--no-build", secrets=secrets, monkeypatch=monkeypatch, capsys=capsys)
        assert code == 1, "mkdocs.yml changed, so site/ is stale"
        code, _out, err = publish(repo, secrets=secrets, monkeypatch=monkeypatch, capsys=capsys)
        assert code == 0, err
        assert tree(remote) == tree(repo / "site")


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
    # having recorded what it sent, and the run after sends only the rest.
    shutil.rmtree(remote)
    remote.mkdir()
    full = QuotaFolder(remote, files=39)
    with pytest.raises(PublishError, match="รันคำสั่งเดิมอีกครั้งเพื่อส่งส่วนที่เหลือ") as error:
        Publisher(full, io.StringIO(), io.StringIO()).run(site, set(), prune=False, dry_run=False)
    assert "Disk quota exceeded" in str(error.value)
    recorded = read_manifest((remote / MANIFEST).read_bytes())
    assert len(recorded.files) == 39
    for path, digest in recorded.files.items():
        assert hashlib.sha256((remote / path).read_bytes()).hexdigest() == digest
    again = Publisher(FolderTarget(remote), io.StringIO(), io.StringIO())
    outcome = again.run(site, set(), prune=False, dry_run=False)
    assert len(outcome.sent) == len(tree(site)) - 39
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
