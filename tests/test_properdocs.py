"""ProperDocs, the maintained fork of MkDocs 1.6, runs the same plugins and theme: the example
builds with it, strict, into the same site as with MkDocs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import MKDOCS_ENV, example_repo, run_mkdocs

from site_builder.built import STAMP

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def files(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): GENERATOR.sub(b"", path.read_bytes())
        for path in sorted(site.rglob("*"))
        # gzip stamps the time, and so does the build's own stamp
        if path.is_file() and path.suffix != ".gz" and path.name != STAMP
    }


def test_the_example_builds_the_same_with_properdocs(tmp_path: Path) -> None:
    root = example_repo(tmp_path / "repo")
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml"],
        cwd=root,
        capture_output=True,
        text=True,
        env=MKDOCS_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert "ERROR" not in result.stderr and "WARNING" not in result.stderr, result.stderr
    by_properdocs = files(root / "site")
    generator = GENERATOR.search((root / "site" / "index.html").read_bytes())
    assert generator and b"ProperDocs" in generator.group(0)
    shutil.rmtree(root / "site")
    built = run_mkdocs(root)
    assert built.returncode == 0, built.stderr
    by_mkdocs = files(root / "site")
    assert by_properdocs.keys() == by_mkdocs.keys()
    assert len(by_mkdocs) > 150
    differ = [name for name in by_mkdocs if by_mkdocs[name] != by_properdocs[name]]
    assert differ == []
