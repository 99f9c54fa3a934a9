"""`mkdocs serve` rebuilds when an editor saves a file under content/."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import example_repo


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
