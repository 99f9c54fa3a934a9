"""The example site as a whole, compared with a committed copy (as Pelican compares its
output): each page's article, the answer sheets, the server rules and the sitemap.

A change that lands in every build alike (a template, the theme, a renderer) shows here as
a diff of ``tests/goldens/example/``. After a change meant to alter the site, write the
copy again and read the diff before committing::

    python -m pytest tests/test_example_golden.py --update-goldens
    git diff tests/goldens/example/
"""

from __future__ import annotations

import os
import re
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import GOLDENS, example_repo, run_mkdocs

from site_builder.built import ANSWER_SHEETS, SERVER_RULES, SITE_INDEX, SITEMAP

FOLDER = "example"
# The files the site makes itself (besides each page's article), by their path in site/.
DATA = re.compile(
    rf"^(\d{{4}}/({'|'.join(map(re.escape, ANSWER_SHEETS))})"
    rf"|{'|'.join(map(re.escape, (SITE_INDEX, SITEMAP, *SERVER_RULES)))})$"
)
ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
# Every content file is dated 1 October 2025 (the copy is not a git repository): the pages'
# dates and the sitemap's are then the same on every machine.
DAY = datetime(2025, 10, 1, 9, 0).timestamp()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = example_repo(tmp_path_factory.mktemp("golden") / "repo")
    for path in (root / "content").rglob("*"):
        os.utime(path, (DAY, DAY))
    result = run_mkdocs(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def expected_files(site: Path) -> dict[str, str]:
    """What is compared, by its name under tests/goldens/example/."""
    found: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.name == "index.html" and not rel.startswith(("search/", "assets/")):
            article = ARTICLE.search(path.read_text(encoding="utf-8"))
            assert article, rel
            found[rel] = article.group(0) + "\n"
        elif DATA.match(rel):
            found[rel] = path.read_text(encoding="utf-8-sig" if rel.endswith(".csv") else "utf-8")
    return found


def test_the_example_is_its_committed_copy(built: Path, golden: Any, request: pytest.FixtureRequest) -> None:
    found = expected_files(built)
    assert len(found) > 120
    folder = GOLDENS / FOLDER
    if request.config.getoption("--update-goldens"):
        shutil.rmtree(folder, ignore_errors=True)
    else:
        committed = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
        assert committed == sorted(found), "files added or gone: run with --update-goldens and read the diff"
    differ = []
    for rel, text in found.items():
        try:
            golden(f"{FOLDER}/{rel}", text)
        except AssertionError as failed:
            differ.append(str(failed))
    assert not differ, f"{len(differ)} files differ:\n" + "\n".join(differ)
