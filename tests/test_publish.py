"""``oit-site publish`` against real servers on loopback: OpenSSH's sshd (SFTP), pyftpdlib
(FTP and explicit FTPS) and a folder.

Each test publishes the example agency's site and reads the server's folder back: the
remote tree equals ``site/``, a second publish sends only what changed, and a registered
URL is never removed. What a slow link, a stop or a dropped connection do is in
test_publish_link.py.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Published
from publishing import (
    ITEM,
    KINDS,
    add_document,
    listed,
    pdf_bytes,
    remove_document,
    server,
    tree,
)

from site_builder.cli import main
from site_builder.publish.plan import MANIFEST, PART, read_manifest

pytestmark = pytest.mark.usefixtures("clean_environment")

# ------------------------------------------------------------------ the site arrives whole


@pytest.mark.parametrize("kind", KINDS)
def test_publish_sends_the_site_then_only_what_changed(
    kind: str, repo: Path, tmp_path: Path, publish: Callable[..., Published]
) -> None:
    with server(kind, tmp_path) as (url, remote, secrets):
        code, out, err = publish(repo, "--to", url, secrets=secrets)
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
        code, out, err = publish(repo, "--to", url, secrets=secrets)
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
        code, out, _ = publish(repo, "--to", url, secrets=secrets)
        assert code == 0
        assert "เป็นปัจจุบันอยู่แล้ว (the server is up to date)" in out
        assert (remote / MANIFEST).stat().st_mtime_ns == stamp


def test_dry_run_names_every_file_and_sends_none(
    repo: Path, tmp_path: Path, publish: Callable[..., Published]
) -> None:
    with server("sftp", tmp_path) as (url, remote, secrets):
        code, out, _ = publish(repo, "--to", url, "--dry-run", secrets=secrets)
        assert code == 0
        assert listed(out) == set(tree(repo / "site"))
        assert "ยังไม่ได้ส่งไฟล์ใด (--dry-run: nothing was sent)" in out
        assert list(remote.iterdir()) == []


def test_pages_are_sent_after_the_documents_they_link_to(
    repo: Path, tmp_path: Path, publish: Callable[..., Published]
) -> None:
    with server("folder", tmp_path) as (url, _remote, secrets):
        code, out, _ = publish(repo, "--to", url, "--dry-run", secrets=secrets)
    assert code == 0
    order = re.findall(r"^  [+~] (.+)$", out, re.M)
    pages = [i for i, path in enumerate(order) if path.endswith(".html")]
    documents = [i for i, path in enumerate(order) if path.endswith((".pdf", ".css", ".js", ".svg", ".png"))]
    assert max(documents) < min(pages)
    assert order.index("2568/o1/index.html") < order.index("2568/index.html") < order.index("index.html")
    assert order.index("index.html") < order.index("2568/oit.csv") < order.index("sitemap.xml")
    assert order.index("sitemap.xml") < order.index(".htaccess")
    assert order[-1] == "_headers"


# ------------------------------------------------------------------ what is never removed


def test_a_registered_url_is_never_removed(
    repo: Path, tmp_path: Path, publish: Callable[..., Published]
) -> None:
    with server("sftp", tmp_path) as (url, remote, secrets):

        def run(*args: str) -> str:
            code, out, err = publish(repo, "--to", url, *args, secrets=secrets)
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
    repo: Path, tmp_path: Path, publish: Callable[..., Published]
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
        code, _, err = publish(repo, "--to", url, "--prune", secrets=secrets)
        assert code == 0, err
        assert outside.read_text(encoding="utf-8") == "<?php // the main site"
        assert (remote / "ข่าว.html").read_text(encoding="utf-8") == "the agency's own page"
        assert set(read_manifest((remote / MANIFEST).read_bytes()).files) == set(tree(repo / "site"))


def test_the_build_fingerprint_is_what_a_build_reads(tmp_path: Path) -> None:
    """An edit anywhere a build reads changes the fingerprint; Python's compiled files, which
    another process may write into the theme's package while a build runs, do not."""
    from site_builder.build.stamp import inputs_fingerprint

    config, content, theme = tmp_path / "mkdocs.yml", tmp_path / "content", tmp_path / "theme"
    config.write_text("site_name: x\n", encoding="utf-8")
    (content / "2568").mkdir(parents=True)
    (content / "agency.yml").write_text("name: x\n", encoding="utf-8")
    theme.mkdir()
    (theme / "main.html").write_text("{% extends 'base.html' %}\n", encoding="utf-8")
    before = inputs_fingerprint(config, content, [theme])
    (theme / "__pycache__").mkdir()
    (theme / "__pycache__" / "__init__.cpython-311.pyc").write_bytes(b"\0" * 16)
    assert inputs_fingerprint(config, content, [theme]) == before
    (theme / "main.html").write_text("{% extends 'base.html' %}{# changed #}\n", encoding="utf-8")
    assert inputs_fingerprint(config, content, [theme]) != before
