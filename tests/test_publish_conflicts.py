"""``oit-site publish`` into a folder that holds files it did not put there (the agency's
own home page, a WordPress ``.htaccess``): refused before anything is written, shown by
``--dry-run``, replaced only when the person allows it and then kept in a backup folder,
never removed by ``--prune``. The same on a folder, SFTP (OpenSSH), FTPS and FTP (pyftpdlib,
and pyftpdlib listing folders as vsftpd does: no MLSD, no dot files).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import Published
from publishing import KINDS, finished_progress, host_tree, listed, server, tree, write_files

from site_builder.publish.plan import BACKUP, MANIFEST, PART, read_manifest
from site_builder.publish.run import THAI_TIME, Conflict, Publisher
from site_builder.publish.targets import FolderTarget

pytestmark = pytest.mark.usefixtures("clean_environment")

CONFLICT_KINDS = [*KINDS, "vsftpd"]

SITE = {
    "index.html": "<!doctype html><title>ITA</title><p>การเปิดเผยข้อมูลสาธารณะ</p>\n".encode(),
    ".htaccess": b"ErrorDocument 404 /ita/404.html\n",
    "2568/index.html": "<!doctype html><title>2568</title><p>ปีงบประมาณ 2568</p>\n".encode(),
    "2568/o1/index.html": "<!doctype html><title>O1</title><p>โครงสร้าง</p>\n".encode(),
    "2568/o1/คำสั่ง แบ่งงาน.pdf": b"%PDF-1.4\n" + b"0" * 2_000,
    "assets/oit.css": b"body { margin: 0 }\n",
}
"""A small built site, published with ``--folder`` so that whole reports stay short."""

FOREIGN = {
    "index.html": "<html><title>เทศบาลตำบลบ้านสายรุ้ง</title><p>หน้าแรกของเทศบาล</p></html>\n".encode(),
    ".htaccess": b"# BEGIN WordPress\nRewriteEngine On\nRewriteRule . /index.php [L]\n# END WordPress\n",
    "wp-content/plugin.php": b"<?php // a WordPress plugin\n",
    "2568/index.html": "<html><p>ITA 2568 ที่ทำด้วยมือ</p></html>\n".encode(),
    "assets/logo.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
}
"""What the municipality's host already holds in the folder."""

CONFLICTS = ["2568/index.html", "index.html", ".htaccess"]
"""The files of both, in the order the publish sends them."""

FTP_WARNING = (
    "คำเตือน: ftp:// ส่งรหัสผ่านและไฟล์โดยไม่เข้ารหัส ใช้ ftps:// หรือ sftp:// ถ้าโฮสต์รองรับ "
    "(warning: plain FTP sends the password unencrypted)\n"
)


def seen(text: str, url: str, kind: str) -> str:
    """What a person sees, with what differs between runs and servers named instead: the
    address, the time in the backup folder's name, plain FTP's warning and the progress
    lines before the last (checked here)."""
    if kind in ("ftp", "vsftpd") and text.startswith("ปลายทาง (target)"):
        first, rest = text.split("\n", 1)
        assert rest.startswith(FTP_WARNING)
        text = f"{first}\n{rest.removeprefix(FTP_WARNING)}"
    text = finished_progress(text.replace(url, "<url>"))
    return re.sub(rf"{re.escape(BACKUP)}/\d{{4}}-\d\d-\d\dT\d{{6}}", f"{BACKUP}/<time>", text)


def backup_folder(remote: Path) -> Path:
    """The one backup folder, named by the time in Thailand a moment ago."""
    (folder,) = (remote / BACKUP).iterdir()
    made = datetime.strptime(folder.name, "%Y-%m-%dT%H%M%S").replace(tzinfo=THAI_TIME)
    assert timedelta(0) <= datetime.now(THAI_TIME) - made < timedelta(minutes=5)
    return folder


@pytest.mark.parametrize("kind", CONFLICT_KINDS)
def test_files_it_did_not_put_there_are_never_written_over_unless_allowed(
    kind: str, tmp_path: Path, publish: Callable[..., Published], golden: Callable[[str, str], None]
) -> None:
    site = tmp_path / "site"
    write_files(site, SITE)
    with server(kind, tmp_path) as (url, remote, secrets):
        write_files(remote, FOREIGN)
        host = tmp_path / "server"
        before = host_tree(host)

        def run(*args: str) -> tuple[int, str, str]:
            code, out, err = publish(tmp_path, "--folder", str(site), "--to", url, *args, secrets=secrets)
            return code, seen(out, url, kind), seen(err, url, kind)

        # --dry-run marks the conflicts with ! and says the publish would be refused.
        code, out, err = run("--dry-run")
        assert code == 1
        golden("publish/conflicts/dry-run.out", out)
        golden("publish/conflicts/dry-run.err", err)
        assert host_tree(host) == before

        # The publish is refused: nothing on the host changes, not even a manifest.
        code, out, err = run()
        assert code == 1
        assert out == "ปลายทาง (target): <url>\n"
        golden("publish/conflicts/refused.err", err)
        assert host_tree(host) == before

        # One file allowed is not enough while others conflict.
        code, out, err = run("--replace", "index.html", "--dry-run")
        assert code == 1
        golden("publish/conflicts/one-allowed-dry-run.out", out)
        golden("publish/conflicts/one-allowed-dry-run.err", err)
        assert host_tree(host) == before

        # Allowed: each old file is moved into the backup folder, then the site is published.
        code, out, err = run("--replace-existing", "--replace", "gone.html")
        assert code == 0, err
        golden("publish/conflicts/replaced.out", out)
        golden("publish/conflicts/replaced.err", err)
        backup = backup_folder(remote)
        assert tree(backup) == {path: FOREIGN[path] for path in CONFLICTS}
        assert {path: data for path, data in tree(remote).items() if not path.startswith(BACKUP)} == {
            **SITE,
            "wp-content/plugin.php": FOREIGN["wp-content/plugin.php"],
            "assets/logo.png": FOREIGN["assets/logo.png"],
        }
        assert set(read_manifest((remote / MANIFEST).read_bytes()).files) == set(SITE)
        published = host_tree(host)

        # Publishing again: nothing conflicts, nothing is sent.
        code, out, err = run()
        assert (code, err) == (0, "")
        golden("publish/conflicts/up-to-date.out", out)
        assert host_tree(host) == published

        # --prune removes what the build no longer makes, never what is not its own.
        (site / "2568/o1/คำสั่ง แบ่งงาน.pdf").unlink()
        code, out, err = run("--prune")
        assert (code, err) == (0, "")
        golden("publish/conflicts/pruned.out", out)
        manifest, removed = f"public_html/ita/{MANIFEST}", "public_html/ita/2568/o1/คำสั่ง แบ่งงาน.pdf"
        after = host_tree(host)
        assert after.pop(manifest) != published.pop(manifest)
        assert after == {path: value for path, value in published.items() if path != removed}


HOMEPAGE = {
    "index.html": "<html><title>เทศบาลตำบลบ้านสายรุ้ง</title><p>หน้าแรกของเทศบาล</p></html>\n".encode(),
    ".htaccess": FOREIGN[".htaccess"],
    "wp-content/plugin.php": FOREIGN["wp-content/plugin.php"],
}
"""The municipality's own web site, where a mistyped --to points the example agency's site."""


@pytest.mark.parametrize("kind", CONFLICT_KINDS)
def test_the_example_site_sent_over_a_homepage_is_refused_and_goes_into_a_sub_folder(
    kind: str,
    repo: Path,
    tmp_path: Path,
    publish: Callable[..., Published],
    golden: Callable[[str, str], None],
) -> None:
    site = tree(repo / "site")
    with server(kind, tmp_path) as (url, remote, secrets):
        write_files(remote, HOMEPAGE)
        host = tmp_path / "server"
        before = host_tree(host)

        code, out, err = publish(repo, "--to", url, "--dry-run", secrets=secrets)
        assert code == 1
        assert re.findall(r"^  ! (\S+)  ไม่ใช่ของ oit-site ไม่เขียนทับ", out, re.M) == ["index.html", ".htaccess"]
        assert listed(out) == set(site) - {"index.html", ".htaccess"}
        golden("publish/conflicts/example-dry-run.err", seen(err, url, kind))
        assert host_tree(host) == before

        code, out, err = publish(repo, "--to", url, secrets=secrets)
        assert code == 1
        golden("publish/conflicts/example-refused.err", seen(err, url, kind))
        assert host_tree(host) == before

        # Into a sub-folder of its own: the site arrives whole, the homepage stays as it was.
        (remote / "oit").mkdir()
        code, out, err = publish(repo, "--to", f"{url}/oit", secrets=secrets)
        assert code == 0, err
        assert tree(remote / "oit") == site
        beside = host_tree(host)
        sub = {path: value for path, value in beside.items() if path.startswith("public_html/ita/oit/")}
        assert {path: value for path, value in beside.items() if path not in sub} == {
            **before,
            "public_html/ita/oit": "/",
        }

        # Replacing, once allowed: the old homepage is kept in the backup folder.
        code, out, err = publish(repo, "--to", url, "--replace-existing", secrets=secrets)
        assert code == 0, err
        assert tree(backup_folder(remote)) == {
            "index.html": HOMEPAGE["index.html"],
            ".htaccess": HOMEPAGE[".htaccess"],
        }
        kept = {path: data for path, data in tree(remote).items() if not path.startswith((BACKUP, "oit/"))}
        assert kept == {**site, "wp-content/plugin.php": HOMEPAGE["wp-content/plugin.php"]}
        after = host_tree(host)
        assert {
            path: value for path, value in after.items() if path.startswith("public_html/ita/oit/")
        } == sub

        # Files the build no longer makes go with --prune; what is not its own stays.
        code, out, err = publish(repo, "--to", url, "--prune", secrets=secrets)
        assert code == 0, err
        assert (remote / "wp-content/plugin.php").read_bytes() == HOMEPAGE["wp-content/plugin.php"]
        assert tree(backup_folder(remote)) == {
            "index.html": HOMEPAGE["index.html"],
            ".htaccess": HOMEPAGE[".htaccess"],
        }
        assert tree(remote / "oit") == site


def test_a_damaged_manifest_makes_every_file_there_a_conflict(
    tmp_path: Path, publish: Callable[..., Published], golden: Callable[[str, str], None]
) -> None:
    """Without a manifest to read, no file there is provably its own: none is written over
    silently, and, allowed, each goes into the backup folder."""
    site = tmp_path / "site"
    write_files(site, SITE)
    with server("folder", tmp_path) as (url, remote, secrets):
        write_files(remote, {"wp-content/plugin.php": FOREIGN["wp-content/plugin.php"]})
        assert publish(tmp_path, "--folder", str(site), "--to", url, secrets=secrets)[0] == 0
        (remote / MANIFEST).write_bytes(b'{"format": 1, "files": {"index.html": "')
        before = host_tree(remote)

        code, out, err = publish(tmp_path, "--folder", str(site), "--to", url, secrets=secrets)
        assert code == 1
        golden("publish/conflicts/damaged-manifest.out", seen(out, url, "folder"))
        golden("publish/conflicts/damaged-manifest.err", seen(err, url, "folder"))
        assert host_tree(remote) == before

        code, out, err = publish(
            tmp_path, "--folder", str(site), "--to", url, "--replace-existing", secrets=secrets
        )
        assert code == 0, err
        assert tree(backup_folder(remote)) == SITE
        assert tree(remote) == {**SITE, "wp-content/plugin.php": FOREIGN["wp-content/plugin.php"]} | {
            f"{backup_folder(remote).relative_to(remote).as_posix()}/{path}": data
            for path, data in SITE.items()
        }


class Killed(BaseException):
    """The process killed outright: nothing after it runs, not even the last save."""


class DyingFolder(FolderTarget):
    """A folder whose publish is killed after ``renames`` files are in place."""

    def __init__(self, root: Path, renames: int) -> None:
        super().__init__(root)
        self.renames = renames

    def replace(self, source: str, path: str) -> None:
        super().replace(source, path)
        if path != MANIFEST:
            self.renames -= 1
            if self.renames == 0:
                raise Killed()


def test_files_a_killed_publish_put_in_place_before_recording_them_are_its_own(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_files(site, SITE)
    remote = tmp_path / "remote"
    remote.mkdir()
    with pytest.raises(Killed):
        Publisher(DyingFolder(remote, renames=4), io.StringIO(), io.StringIO()).run(
            site, set(), prune=False, dry_run=False
        )
    recorded = read_manifest((remote / MANIFEST).read_bytes())
    assert recorded.files == {} and recorded.incoming == set(SITE)
    # Four in place, not recorded; the other two still under their temporary names.
    assert len([path for path in tree(remote) if PART not in path]) == 4
    assert len([path for path in tree(remote) if PART in path]) == 2

    # The next publish finds them there and, the manifest naming them as incoming, takes
    # them as its own; a file of someone else's where a new page goes is still refused.
    write_files(site, {"2568/o2/index.html": b"<p>O2</p>"})
    write_files(remote, {"2568/o2/index.html": b"someone else's"})
    with pytest.raises(Conflict) as refused:
        Publisher(FolderTarget(remote), io.StringIO(), io.StringIO()).run(
            site, set(), prune=False, dry_run=False
        )
    assert refused.value.paths == ["2568/o2/index.html"]
    assert read_manifest((remote / MANIFEST).read_bytes()) == recorded

    (remote / "2568/o2/index.html").unlink()
    outcome = Publisher(FolderTarget(remote), io.StringIO(), io.StringIO()).run(
        site, set(), prune=False, dry_run=False
    )
    assert outcome.plan.conflicts == []
    assert tree(remote) == tree(site)
    assert not read_manifest((remote / MANIFEST).read_bytes()).incoming


class CountingFolder(FolderTarget):
    """A folder that records each folder listed."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.listed: list[str] = []

    def _names(self, folder: str) -> set[str] | None:
        self.listed.append(folder)
        return super()._names(folder)


def test_the_conflict_check_lists_each_folder_once_and_none_it_knows_missing(tmp_path: Path) -> None:
    """Round trips per folder, never per file: a first publish into an empty folder lists
    that folder alone; one beside other files lists only the folders its files go in that
    are there."""
    site = tmp_path / "site"
    write_files(site, SITE)
    remote = tmp_path / "remote"
    remote.mkdir()
    empty = CountingFolder(remote)
    Publisher(empty, io.StringIO(), io.StringIO()).run(site, set(), prune=False, dry_run=True)
    assert empty.listed == [""]

    write_files(remote, FOREIGN)
    beside = CountingFolder(remote)
    outcome = Publisher(beside, io.StringIO(), io.StringIO()).run(site, set(), prune=False, dry_run=True)
    assert beside.listed == ["", "2568", "assets"]
    assert outcome.plan.conflicts == CONFLICTS
