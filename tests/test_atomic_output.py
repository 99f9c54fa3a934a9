"""A failed or interrupted build never damages the published site/."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import MKDOCS_ENV, example_repo, run_mkdocs

HOOK = """
import os

def on_post_page(output, page, config, **kwargs):
    # Fail in the middle of writing pages, after the staging folder has pages in it.
    if page.file.src_uri == "2567/o20/index.md":
        mode = os.environ.get("BREAK_BUILD")
        if mode == "error":
            raise RuntimeError("disk full")
        if mode == "interrupt":
            raise KeyboardInterrupt
    return output
"""


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def mkdocs(root: Path, mode: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in MKDOCS_ENV.items() if key != "BREAK_BUILD"}
    if mode:
        env["BREAK_BUILD"] = mode
    return run_mkdocs(root, env=env)


def test_site_is_untouched_by_failed_and_interrupted_builds(tmp_path: Path) -> None:
    root = example_repo(tmp_path / "repo")
    (root / "hooks.py").write_text(HOOK, encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - hooks.py\n", encoding="utf-8")
    good = mkdocs(root)
    assert good.returncode == 0, good.stderr
    site = root / "site"
    published = snapshot(site)
    assert "2568/o1/index.html" in published

    # An editor's change that would be published by the next build...
    item = root / "content" / "2568" / "o1" / "index.md"
    item.write_text(item.read_text(encoding="utf-8") + "\nข้อความใหม่\n", encoding="utf-8")

    failed = mkdocs(root, "error")
    assert failed.returncode != 0
    assert snapshot(site) == published
    assert not list(root.glob(".site.*"))  # the staging folder is cleaned up on error

    interrupted = mkdocs(root, "interrupt")
    assert interrupted.returncode != 0
    assert snapshot(site) == published

    rebuilt = mkdocs(root)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "ข้อความใหม่" in (site / "2568" / "o1" / "index.html").read_text(encoding="utf-8")
    assert not list(root.glob(".site.*"))  # what the interrupted build left is gone


def test_content_error_leaves_no_staging_folder(tmp_path: Path) -> None:
    root = example_repo(tmp_path / "repo")
    (root / "content" / "2568" / "result.yml").write_text("score: หนึ่งร้อย\n", encoding="utf-8")
    result = mkdocs(root)
    assert result.returncode == 1
    assert not (root / "site").exists()
    assert not list(root.glob(".site.*"))
