"""`mkdocs serve` rebuilds when an editor saves a file under content/."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import example_repo, run_mkdocs
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from site_builder.built import STAMP


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return True
        time.sleep(0.3)
    return False


def test_serve_reloads_on_content_change(tmp_path: Path) -> None:
    root = example_repo(tmp_path / "repo")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}/ita/2568/o3/"
        assert wait_for(url, "O3", 60), "mkdocs serve did not answer"
        item = root / "content" / "2568" / "o3" / "index.md"
        item.write_text(
            item.read_text(encoding="utf-8") + "\nเปิดทำการวันเสาร์ 09.00–12.00 น.\n", encoding="utf-8"
        )
        assert wait_for(url, "เปิดทำการวันเสาร์", 60), "the page was not rebuilt after the content changed"
    finally:
        server.terminate()
        server.wait(timeout=20)


class ServeSession:
    """Builds as ``mkdocs serve`` makes them, in this process: the configuration is loaded
    again for every build and the plugin instance lives on (MkDocs keeps a plugin that has
    ``on_startup``), so each build after the first may take what stayed the same."""

    URL = "http://127.0.0.1:8000/ita/"

    def __init__(self, root: Path, site_dir: Path) -> None:
        self.root, self.site_dir = root, site_dir
        config = self.config()
        config.plugins.on_startup(command="serve", dirty=False)
        self.plugin = config.plugins["oit"]
        self.build(config)

    def config(self) -> Any:
        config = load_config(str(self.root / "mkdocs.yml"), site_dir=str(self.site_dir))
        config.site_url = self.URL
        return config

    def build(self, config: Any = None) -> None:
        build(config or self.config(), serve_url=self.URL)

    def close(self) -> None:
        self.config().plugins.on_shutdown()


def full_build(root: Path, site_dir: Path) -> None:
    """The same site built from nothing, by ``mkdocs build`` in a process of its own."""
    config = root / "full-build.yml"
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^site_url: .*$", f"site_url: {ServeSession.URL}", text), encoding="utf-8")
    try:
        done = run_mkdocs(root, "build", "-q", "-f", config.name, "-d", str(site_dir))
    finally:
        config.unlink()
    assert done.returncode == 0, done.stderr


def tree(folder: Path) -> dict[str, bytes]:
    """The site's files; a build's stamp (what it was built from, for publishing) is not one."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != STAMP
    }


def assert_same_as_full_build(root: Path, served: Path, tmp_path: Path, name: str) -> None:
    full = tmp_path / f"full-{name}"
    full_build(root, full)
    expected, got = tree(full), tree(served)
    assert sorted(got) == sorted(expected), f"{name}: files differ"
    differ = [path for path in expected if got[path] != expected[path]]
    assert not differ, f"{name}: the served site differs from a full build in {differ[:10]}"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    # A file saved twice within the clock's step still counts as changed.
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def test_serve_rebuilds_only_what_changed_and_equals_a_full_build(tmp_path: Path) -> None:
    root = example_repo(tmp_path / "repo")
    content = root / "content"
    served = tmp_path / "served"
    session = ServeSession(root, served)
    plugin = session.plugin
    try:
        pages = plugin.session.rebuilds.reused_count
        assert pages == 0  # the first build makes everything

        # An item's text and date: that item's page, its year's pages and the home page change.
        item = content / "2568" / "o3" / "index.md"
        item.write_text(
            item.read_text(encoding="utf-8") + "\nเปิดทำการวันเสาร์ 09.00–12.00 น.\n", encoding="utf-8"
        )
        edit(item, "updated: 2025-04-25", "updated: 2025-05-02")
        session.build()
        assert "เปิดทำการวันเสาร์" in (served / "2568" / "o3" / "index.html").read_text(encoding="utf-8")
        assert 'datetime="2025-05-02"' in (served / "2568" / "index.html").read_text(encoding="utf-8")
        reused = plugin.session.rebuilds.reused_count
        total = len(list(served.rglob("index.html")))
        assert reused >= total - 8, f"only {reused} of {total} pages were taken from the last build"
        assert_same_as_full_build(root, served, tmp_path, "item")

        # A document added to an item (the monthly task): listed on its page, copied.
        shutil.copy(
            content / "2568" / "o1" / next(p.name for p in (content / "2568" / "o1").glob("*.pdf")),
            content / "2568" / "o3" / "ประกาศเวลาทำการ.pdf",
        )
        session.build()
        assert "ประกาศเวลาทำการ" in (served / "2568" / "o3" / "index.html").read_text(encoding="utf-8")
        assert (served / "2568" / "o3" / "ประกาศเวลาทำการ.pdf").is_file()
        assert_same_as_full_build(root, served, tmp_path, "document")

        # A measure's action and status: the year's measures, its report, O27/O28, the progress.
        edit(
            content / "2568" / "measures.yml",
            "จัดทำคู่มือในการปฏิบัติหน้าที่ให้ครอบคลุม",
            "ทบทวนคู่มือในการปฏิบัติหน้าที่ให้ครอบคลุม",
        )
        session.build()
        assert "ทบทวนคู่มือในการปฏิบัติหน้าที่" in (served / "2568" / "index.html").read_text(encoding="utf-8")
        assert plugin.session.rebuilds.reused_count > 0  # the other years' pages, for one
        assert_same_as_full_build(root, served, tmp_path, "measure")

        # year.yml: an item's title, which every page of the year shows in its navigation.
        edit(
            content / "2568" / "year.yml",
            "title: แผนปฏิบัติการป้องกันการทุจริต",
            "title: แผนปฏิบัติการป้องกันการทุจริตประจำปี",
        )
        session.build()
        assert "แผนปฏิบัติการป้องกันการทุจริตประจำปี" in (served / "2568" / "o1" / "index.html").read_text(
            encoding="utf-8"
        )
        assert_same_as_full_build(root, served, tmp_path, "year")

        # agency.yml: the name in every page's header.
        agency = content / "agency.yml"
        name = yaml.safe_load(agency.read_text(encoding="utf-8"))["name"]
        edit(agency, name, name + "ใหม่")
        session.build()
        assert name + "ใหม่" in (served / "2566" / "o1" / "index.html").read_text(encoding="utf-8")
        assert_same_as_full_build(root, served, tmp_path, "agency")

        # A mistake, then its fix: the error is given, and the build after it is whole again.
        edit(item, "updated: 2025-05-02", "updated: 2025-04-31")
        with pytest.raises(Abort):
            session.build()
        edit(item, "updated: 2025-04-31", "updated: 2025-05-02")
        edit(item, "\nเปิดทำการวันเสาร์", "\nเปิดทำการวันอาทิตย์")
        session.build()
        assert "เปิดทำการวันอาทิตย์" in (served / "2568" / "o3" / "index.html").read_text(encoding="utf-8")
        assert_same_as_full_build(root, served, tmp_path, "fixed")
    finally:
        session.close()
