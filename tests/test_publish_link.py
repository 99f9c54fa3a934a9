"""``oit-site publish`` over a link with a round trip: OpenSSH's sshd and pyftpdlib behind
a latency proxy on loopback (``linked`` in publishing.py; 10 ms, so the tests stay quick
while every wait for an answer is seen). Many files go at once over several channels or
connections, yet, as the servers saw it, a page is never put in place before what it links
to; a publish killed outright or cancelled leaves every file old or new, its manifest
readable and a journal of what it uploaded whole, and the next run finishes from there; a
connection dropped in the middle of an upload is connected again; a host that takes fewer
connections gets fewer.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import MKDOCS_ENV, Published, run_mkdocs
from publishing import (
    add_document,
    finished_progress,
    linked,
    parts,
    pdf_bytes,
    tree,
    write_files,
)
from servers import LatencyProxy

from site_builder.cli import main
from site_builder.publish.plan import (
    JOURNAL,
    MANIFEST,
    PART,
    built_files,
    part_name,
    read_journal,
    read_manifest,
    step,
)
from site_builder.publish.run import Progress, size_text

pytestmark = pytest.mark.usefixtures("clean_environment")

# ------------------------------------------------------------------ the order, as the server saw it


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value for name, value in attrs if name in ("href", "src") and value]


def links(site: Path, page: str) -> set[str]:
    """The files of ``site`` the page at ``page`` links to or loads, by their paths."""
    parser = _Links()
    parser.feed((site / page).read_text(encoding="utf-8"))
    found = set()
    for link in parser.found:
        parts_ = urlsplit(link)
        if parts_.scheme or parts_.netloc or not parts_.path:
            continue
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts_.path)))
        if link.split("#")[0].split("?")[0].endswith("/") or (site / path).is_dir():
            path = f"{path}/index.html" if path != "." else "index.html"
        if (site / path).is_file():
            found.add(path)
    return found


def placed_over_sftp(log: Path, remote: Path, seen: int) -> tuple[list[str], int]:
    """The paths renames put files at, in the order sshd's SFTP server carried them out,
    from line ``seen`` of its log on; and the number of lines read."""
    lines = log.read_bytes().splitlines()
    order = []
    for line in lines[seen:]:
        # sftp-server writes bytes beyond ASCII as octal escapes (\340\270\201).
        text = re.sub(rb"\\([0-7]{3})", lambda code: bytes([int(code[1], 8)]), line).decode("utf-8")
        renamed = re.fullmatch(r'posix-rename old "(.+)" new "(.+)"', text)
        if renamed:
            order.append(Path(renamed[2]).relative_to(remote).as_posix())
    return order, len(lines)


def check_order(order: list[str], site: Path, sent: set[str]) -> None:
    """``order`` (the site's files, as the server put them in place) is the planned one:
    documents, images and styles, then pages deepest first, then the lists of pages, the
    server's rules last; so each page came after every file it links to that this publish
    sent, except the shallower pages that link back to it."""
    assert set(order) == sent
    steps = [step(path) for path in order]
    assert steps == sorted(steps)
    position = {path: index for index, path in enumerate(order)}
    for page in (path for path in order if path.endswith(".html")):
        for target in links(site, page):
            if target in position and step(target) < step(page):
                assert position[target] < position[page], (page, target)


@pytest.mark.parametrize("kind", ["sftp", "ftp"])
def test_pages_are_never_in_place_before_what_they_link_to(
    kind: str, repo: Path, tmp_path: Path, publish: Callable[..., Published]
) -> None:
    log, renamed = tmp_path / "sftp.log", []
    with linked(kind, tmp_path, sftp_log=log, renamed=renamed) as (url, remote, secrets, _proxy):

        def placed(seen: int) -> tuple[list[str], int]:
            if kind == "sftp":
                return placed_over_sftp(log, remote, seen)
            order = [str(Path(path).relative_to("public_html/ita")) for path in renamed[seen:]]
            return order, len(renamed)

        assert publish(repo, "--to", url, secrets=secrets)[0] == 0
        first, seen = placed(0)
        check_order([path for path in first if path != MANIFEST], repo / "site", set(tree(repo / "site")))
        if kind == "sftp":
            # Four channels of the one connection: sftp-server started four times.
            assert log.read_text(encoding="utf-8").count("session opened for local user") == 4
        old = tree(repo / "site")

        # Every page changes (the agency's name) and a document is added to an item.
        agency = repo / "content" / "agency.yml"
        agency.write_text(agency.read_text(encoding="utf-8").replace("บ้านสายรุ้ง", "บ้านสายรุ้งใหม่"), "utf-8")
        add_document(repo, "คำสั่งใหม่.pdf", pdf_bytes(300_000))
        assert publish(repo, "--to", url, secrets=secrets)[0] == 0
        second, _ = placed(seen)
        new = tree(repo / "site")
        changed = {path for path, data in new.items() if old.get(path) != data}
        check_order([path for path in second if path != MANIFEST], repo / "site", changed)
        assert tree(remote) == new


# ------------------------------------------------------------------ stopped outright, or cancelled

BIG = 24_000_000
RATE = 16_000_000
"""The link's bandwidth in these tests, bytes a second: the large scan takes over a second."""


def old_or_new(halfway: dict[str, bytes], old: dict[str, bytes], new: dict[str, bytes], site: Path) -> None:
    """Every file a reader can reach is the old one or the new one, whole, and a new page
    is there only with the new files it links to."""
    for path, data in halfway.items():
        if PART in path:
            continue
        assert data in (old.get(path), new.get(path)), path
        if path.endswith(".html") and data != old.get(path):
            for target in links(site, path):
                if step(target) < step(path):
                    assert halfway.get(target) == new[target], (path, target)


def settle(proxy: LatencyProxy, journal: Path) -> None:
    """Wait until what the stopped process had sent has reached the server and been carried
    out: the link has no connection left, and the journal grows no more."""
    deadline = time.monotonic() + 10
    while proxy.open and time.monotonic() < deadline:
        time.sleep(0.01)
    size = -1
    while time.monotonic() < deadline:
        now = journal.stat().st_size if journal.is_file() else 0
        if now == size:
            return
        size = now
        time.sleep(0.2)


@pytest.mark.parametrize(
    ("kind", "stop", "when"),
    [
        ("sftp", signal.SIGKILL, "uploading"),
        ("ftps", signal.SIGTERM, "uploading"),
        ("ftp", signal.SIGKILL, "renaming"),
    ],
)
def test_a_publish_stopped_leaves_files_old_or_new_and_the_next_run_finishes(
    kind: str, stop: signal.Signals, when: str, repo: Path, tmp_path: Path, publish: Callable[..., Published]
) -> None:
    with linked(kind, tmp_path, rate=RATE) as (url, remote, secrets, proxy):
        assert publish(repo, "--to", url, secrets=secrets)[0] == 0
        old = tree(repo / "site")
        recorded = read_manifest((remote / MANIFEST).read_bytes())
        # The agency's name changes (every page changes) and a large scan is added.
        agency = repo / "content" / "agency.yml"
        agency.write_text(agency.read_text(encoding="utf-8").replace("บ้านสายรุ้ง", "บ้านสายรุ้งใหม่"), "utf-8")
        add_document(repo, "รายงานสแกน.pdf", pdf_bytes(BIG))
        assert run_mkdocs(repo).returncode == 0
        new = tree(repo / "site")
        scan = "2568/o1/รายงานสแกน.pdf"

        def caught() -> bool:
            if when == "renaming":
                # The documents are in place, the home page is not yet the new one.
                there = remote / scan
                return there.is_file() and (remote / "index.html").read_bytes() == old["index.html"]
            partial = any(1_000_000 < path.stat().st_size < BIG for path in parts(remote))
            # Over SFTP, also once the journal names a file uploaded whole.
            journal = remote / JOURNAL
            return partial and (kind != "sftp" or (journal.is_file() and journal.stat().st_size > 0))

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
            command, env={**MKDOCS_ENV, **secrets}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        stopped = False
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            if caught():
                process.send_signal(stop)
                stopped = True
                break
            time.sleep(0.002)
        output, errors = process.communicate(timeout=60)
        assert stopped, f"the publish was not caught {when}: {output} {errors}"
        settle(proxy, remote / JOURNAL)
        if stop == signal.SIGTERM:
            assert process.returncode == 130
            assert finished_progress(errors) == (
                "\nหยุดแล้ว ทุกไฟล์บนเซิร์ฟเวอร์เป็นฉบับเดิมหรือฉบับใหม่ทั้งไฟล์ รันคำสั่งเดิมอีกครั้งเพื่อส่งส่วนที่เหลือ "
                "(stopped; every file on the server is old or new; run the same command again to finish)\n"
            )
        else:
            assert process.returncode == -signal.SIGKILL

        halfway = tree(remote)
        old_or_new(halfway, old, new, repo / "site")
        if when == "uploading":
            # Nothing is in place before every file is uploaded: the pages are the old ones.
            assert {path: data for path, data in halfway.items() if PART not in path} == old

        # The manifest is the one written as the publish started, whole: the files it had,
        # the temporary names it was writing, the new paths it would put in place.
        manifest = read_manifest((remote / MANIFEST).read_bytes())
        sent = {
            file.path: file
            for file in built_files(repo / "site").values()
            if old.get(file.path) != new[file.path]
        }
        assert manifest.files == recorded.files
        assert manifest.incoming == {path for path in sent if path not in old}
        whole: set[str] = set()
        if kind == "sftp":
            # The journal names the temporary files uploaded whole; the next run keeps them.
            whole = read_journal((remote / JOURNAL).read_bytes(), manifest)
            assert whole
            for part in whole:
                digest = hashlib.sha256((remote / part).read_bytes()).hexdigest()
                assert part.endswith(f"{PART}{digest[:20]}")

        code, _out, err = publish(repo, "--to", url, secrets=secrets)
        assert code == 0, err
        if kind == "sftp":
            left = [file for file in sent.values() if part_name(file) not in whole]
            size = size_text(sum(file.size for file in left))
            assert finished_progress(err) == (
                f"ส่งแล้ว (sent) {len(left)}/{len(left)} ไฟล์ · {size}/{size} [{'#' * 24}] 100%\n"
            )
        assert tree(remote) == new
        assert parts(remote) == []
        assert not (remote / JOURNAL).exists()
        assert not read_manifest((remote / MANIFEST).read_bytes()).pending


# ------------------------------------------------------------------ a dropped connection

SITE = {
    "assets/oit.css": b"body { margin: 0 }\n",
    "2568/o1/index.html": '<!doctype html><title>O1</title><p><a href="สแกน.pdf">สแกน</a></p>\n'.encode(),
    "index.html": "<!doctype html><title>ITA</title><p>การเปิดเผยข้อมูลสาธารณะ</p>\n".encode(),
}
"""A small built site, published with ``--folder``, whose scan is large enough to be cut."""

RECONNECT = re.compile(r"^การเชื่อมต่อขาด \((.+)\) เชื่อมต่อใหม่ครั้งที่ \d \(connection lost; reconnecting\)$", re.M)


@pytest.mark.parametrize("kind", ["sftp", "ftp"])
def test_a_connection_dropped_mid_upload_is_connected_again(
    kind: str, tmp_path: Path, publish: Callable[..., Published], golden: Callable[[str, str], None]
) -> None:
    site = tmp_path / "site"
    write_files(site, {**SITE, "2568/o1/สแกน.pdf": pdf_bytes(6_000_000)})
    with linked(kind, tmp_path) as (url, remote, secrets, proxy):
        # Every connection open is cut once half the scan has gone.
        proxy.drop_after(3_000_000)
        code, out, err = publish(tmp_path, "--folder", str(site), "--to", url, secrets=secrets)
        assert code == 0, err
        assert tree(remote) == tree(site)
        assert parts(remote) == []
    # What the connection said as it dropped differs by where it was cut.
    said = RECONNECT.sub(lambda line: line[0].replace(line[1], "<error>", 1), out.replace(url, "<url>"))
    golden(f"publish/link/dropped-{kind}.out", said)
    # The bytes of the try cut off are not counted.
    golden("publish/link/dropped.err", finished_progress(err))


# ------------------------------------------------------------------ a host that limits connections


def test_a_host_that_takes_fewer_connections_gets_fewer(
    tmp_path: Path, publish: Callable[..., Published], golden: Callable[[str, str], None]
) -> None:
    site = tmp_path / "site"
    write_files(site, {**SITE, **{f"2568/o{n}/index.html": f"<p>O{n}</p>".encode() for n in range(2, 12)}})
    with linked("ftp", tmp_path, most_connections=2) as (url, remote, secrets, _proxy):
        code, out, err = publish(tmp_path, "--folder", str(site), "--to", url, secrets=secrets)
        assert code == 0, err
        assert tree(remote) == tree(site)
        golden("publish/link/fewer-connections.out", out.replace(url, "<url>"))
        # Asked for no more than it takes: nothing to say.
        code, out, err = publish(
            tmp_path, "--folder", str(site), "--to", url, "--connections", "2", "--all", secrets=secrets
        )
        assert code == 0, err
        golden("publish/link/two-connections.out", out.replace(url, "<url>"))


def test_the_connections_asked_for_are_a_number_a_host_allows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], golden: Callable[[str, str], None]
) -> None:
    for name, given in (("none", "0"), ("too-many", "11"), ("a-word", "สี่")):
        with pytest.raises(SystemExit) as exited:
            main(["publish", "--to", str(tmp_path), "--connections", given])
        assert exited.value.code == 2
        golden(f"publish/link/connections-{name}.err", capsys.readouterr().err.splitlines()[-1] + "\n")


# ------------------------------------------------------------------ the progress in a CI log


def test_the_progress_in_a_ci_log_is_a_line_at_each_tenth(golden: Callable[[str, str], None]) -> None:
    log = io.StringIO()  # not a terminal
    progress = Progress(files=6, size=6_000_000, stream=log)
    for size in (500_000, 700_000, 1_800_000, 300_000, 2_000_000, 700_000):
        for block in range(0, size, 400_000):
            progress.add(min(400_000, size - block))
        progress.file_done()
    progress.show(final=True)
    golden("publish/link/progress.err", log.getvalue())
