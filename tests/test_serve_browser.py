"""``oit-site serve`` as a clerk uses it: a page in Chromium follows each save, under the
site's own Content-Security-Policy; Ctrl-C or SIGTERM frees the port; a busy port is named.

Outside CI, without Chromium the browser test is skipped with one line saying how to
install it; under CI (CI set) a missing browser fails it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import MKDOCS_ENV, example_repo

CHROMIUM = os.environ.get("OIT_CHROMIUM", "/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def answers(url: str, seconds: float) -> bool:
    """Whether ``url`` answers within ``seconds`` (a bounded wait, not a measurement)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.3)
    return False


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


class Serve:
    """``oit-site serve`` in a process of its own, in a copy of the example repository."""

    def __init__(self, root: Path, port: int) -> None:
        self.root, self.port = root, port
        self.process = subprocess.Popen(
            [sys.executable, "-m", "site_builder.cli", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=MKDOCS_ENV,
        )
        self.url = f"http://127.0.0.1:{port}/ita/"
        assert answers(self.url, 120), "oit-site serve did not answer"

    def stop(self, signum: int = signal.SIGTERM) -> tuple[int, str]:
        self.process.send_signal(signum)
        output, _ = self.process.communicate(timeout=60)
        return self.process.returncode, output


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[Serve]:
    server = Serve(example_repo(tmp_path / "repo"), free_port())
    yield server
    if server.process.poll() is None:
        server.stop()


def test_a_page_follows_each_save_under_the_sites_policy(serving: Serve) -> None:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs it (apt-get install chromium)")
        pytest.skip("Chromium not found: apt-get install chromium (browser test skipped)")
    from playwright.sync_api import sync_playwright

    item = serving.root / "content" / "2568" / "o3" / "index.md"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        try:
            page = browser.new_page()
            console: list[str] = []
            page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
            page.goto(serving.url + "2568/o3/")
            # The poller runs as a file of the site's own origin, allowed by script-src 'self'.
            page.wait_for_function("() => document.querySelector('script[src=\"/.oit-livereload.js\"]')")
            page.evaluate("() => { window.notReloaded = true; }")
            item.write_text(
                item.read_text(encoding="utf-8") + "\nเปิดทำการวันเสาร์ 09.00–12.00 น.\n", encoding="utf-8"
            )
            # No click and no reload by the test: the page reloads itself once the build is done.
            page.wait_for_function(
                "() => !window.notReloaded && document.body.innerText.includes('เปิดทำการวันเสาร์')",
                timeout=90_000,
            )
            policy = [line for line in console if "Content Security Policy" in line or "Refused" in line]
            assert policy == []
            assert "Content-Security-Policy" in page.content()  # the policy is there, as built
        finally:
            browser.close()


def test_sigterm_ends_the_server_and_frees_the_port(serving: Serve) -> None:
    code, output = serving.stop(signal.SIGTERM)
    assert code == 128 + signal.SIGTERM
    assert "Traceback" not in output
    assert not listening(serving.port)


def test_a_busy_port_is_named_with_the_flag_for_another(tmp_path: Path) -> None:
    root = example_repo(tmp_path / "repo")
    # A port below the range the system hands out for outgoing connections (32768 and up on
    # Linux), with the next one free: a test running beside this one cannot take it meanwhile.
    port = next(p for p in range(20000, 32000, 7) if not listening(p) and not listening(p + 1))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        result = subprocess.run(
            [sys.executable, "-m", "site_builder.cli", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            capture_output=True,
            text=True,
            env=MKDOCS_ENV,
            timeout=120,
        )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (
        f"พอร์ต {port} ที่ 127.0.0.1 มีโปรแกรมอื่นใช้อยู่ (port {port} is in use: another oit-site serve"
        " or another server). ปิดโปรแกรมนั้น หรือเปิดที่พอร์ตอื่น (or use another port): "
        f"oit-site serve -a 127.0.0.1:{port + 1}\n"
    )
