"""Build real sites in a temporary folder, the way a user does."""

from __future__ import annotations

import difflib
import html
import io
import logging
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from site_builder.cli import main
from site_builder.publish.targets import SECRETS

REPO = Path(__file__).resolve().parent.parent
SEEDS = Path(__file__).resolve().parent / "seeds"


def site_text(page: str) -> str:
    """What a reader sees in the article: tags dropped, entities decoded, spaces folded (a
    word kept whole on its line, ``<span class="oit-keep">``, reads as the word)."""
    match = re.search(r"<article.*?</article>", page, re.S)
    body = match.group(0) if match else page
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r'<span class="oit-keep">([^<]*)</span>', r"\1", body)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


# Thai fonts name their raised and lowered tone marks with private-use code points, which
# PDF text extraction returns as they are (and in glyph order): map them back.
_PUA = dict(zip(range(0xF700, 0xF71B), "ฐิีึื่้๊๋์่้๊๋์ญัํ็่้๊๋์ฺุู", strict=True))


def comparable(text: str) -> str:
    """PDF text as typed, for comparing: marks mapped back, NFKC, no white space."""
    text = unicodedata.normalize("NFKC", text.translate(_PUA))
    return "".join(text.split())


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def build_content(
    tmp: Path,
    content: Path,
    site_url: str | None = "https://www.example.go.th/ita/",
    expect_warnings: list[str] | None = None,
    pdf: bool = False,
) -> Path:
    """Copy a content tree beside the project's mkdocs.yml, build, return site/.

    The build is strict and any warning fails it, unless the test names the warnings it
    expects (then the build is not strict and exactly those warnings must be logged).
    The PDF reports are made only when a test asks for them (``pdf=True``).
    """
    root = tmp / "repo"
    root.mkdir(exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(content, root / "content", dirs_exist_ok=True)
    config = load_config(str(root / "mkdocs.yml"), strict=expect_warnings is None, site_url=site_url)
    config.plugins["oit"].config.pdf = pdf
    recorder = _Recorder()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(recorder)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        logger.removeHandler(recorder)
        config.plugins.on_shutdown()
    logged = [r.getMessage() for r in recorder.records]
    assert logged == (expect_warnings or []), f"warnings: {logged}"
    return root / "site"


MKDOCS_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def example_repo(root: Path, pdf: bool = False) -> Path:
    """A copy of the example agency repository (content, mkdocs.yml) at ``root``;
    the PDF reports only when a test is about them (``pdf=True``)."""
    shutil.copytree(REPO / "content", root / "content")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config if pdf else config.replace("pdf: true", "pdf: false"), encoding="utf-8"
    )
    return root


def run_mkdocs(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` (or other arguments) in a process of its own, in ``root``."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *(args or ("build", "--strict"))],
        cwd=root,
        capture_output=True,
        text=True,
        env=env or MKDOCS_ENV,
    )


def mkdocs_command(args: list[str]) -> Any:
    """Run the ``mkdocs`` command line in this process, as an editor or CI runs it.

    The command line sets up logging for itself: its handlers and level on the ``mkdocs``
    logger, and a filter that drops a message it has logged before (one per run, which in
    a test process would hide the same error in a later test). All of it is put back.
    """
    from click.testing import CliRunner
    from mkdocs.__main__ import cli
    from mkdocs.commands import build as build_command

    logger = logging.getLogger("mkdocs")
    state = (logger.level, list(logger.handlers), logger.propagate, list(build_command.log.filters))
    try:
        return CliRunner().invoke(cli, args)
    finally:
        logger.setLevel(state[0])
        logger.handlers[:] = state[1]
        logger.propagate = state[2]
        build_command.log.filters[:] = state[3]


@pytest.fixture
def build_site(tmp_path: Path) -> Callable[..., Path]:
    return lambda content, **kw: build_content(tmp_path, content, **kw)


# ------------------------------------------------------------------ a new site

NAME = "เทศบาลตำบลหนองบัว"
INIT = [
    "--name",
    NAME,
    "--kind",
    "เทศบาลตำบล",
    "--district",
    "เมืองขอนแก่น",
    "--province",
    "ขอนแก่น",
    "--site-url",
    "https://www.nongbua.go.th/ita/",
    "--year",
    "2569",
]
"""``oit-site init``'s flags for a new agency's site that asks nothing."""

# ------------------------------------------------------------------ publishing


@pytest.fixture(scope="module")
def built_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example agency's repository, built once for a test file."""
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


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No publishing secrets from the machine's environment."""
    for name in (*SECRETS, "SSL_CERT_FILE"):
        monkeypatch.delenv(name, raising=False)
    # No known_hosts or keys of the machine's own user.
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


Published = tuple[int, str, str]


@pytest.fixture
def publish(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., Published]:
    """``oit-site publish`` in this process, as a CI job runs it, with ``secrets`` in the
    environment: (exit code, output, errors)."""

    def run(root: Path, *args: str, secrets: dict[str, str]) -> Published:
        for name, value in secrets.items():
            monkeypatch.setenv(name, value)
        capsys.readouterr()
        out = io.StringIO()
        code = main(["-f", str(root / "mkdocs.yml"), "publish", *args], out=out)
        for name in secrets:
            monkeypatch.delenv(name)
        return code, out.getvalue(), capsys.readouterr().err

    return run


# ------------------------------------------------------------------ golden files

GOLDENS = Path(__file__).resolve().parent / "goldens"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="write what the code makes now into tests/goldens/ (read the diff before committing)",
    )
    parser.addoption(
        "--all",
        action="store_true",
        help="run every test, the browser, server and slow ones too (as CI does, CI being set)",
    )


# ------------------------------------------------------------------ a quick run

# The files whose tests need a browser, servers or minutes, by mark. A run of the whole suite on
# a developer's machine leaves them out; CI (CI set), `pytest --all`, `-m MARK` or naming a file
# runs them.
MARKED = {
    "browser": (
        "test_browser.py",
        "test_browser_hostile.py",
        "test_readers.py",
        "test_serve_browser.py",
        "test_editor.py",
    ),
    "network": (
        "test_package.py",
        "test_publish.py",
        "test_publish_conflicts.py",
        "test_publish_credentials.py",
        "test_publish_refusals.py",
        "test_publish_ci.py",
        "test_publish_link.py",
        "test_hostile.py",
    ),
    "slow": (
        "test_import.py",
        "test_import_layouts.py",
        "test_import_pdfs.py",
        "test_urls.py",
        "test_report.py",
        "test_properties.py",
        "test_formats.py",
        "test_serve.py",
        "test_bench.py",
        "test_properdocs.py",
        "test_atomic_output.py",
    ),
}


def quick_run(config: pytest.Config) -> bool:
    """Whether this run leaves the marked tests out: a run of the whole suite, not in CI."""
    return not os.environ.get("CI") and not config.getoption("--all") and _whole_run(config)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for mark, files in MARKED.items():
            if item.path.name in files:
                item.add_marker(getattr(pytest.mark, mark))
    if not quick_run(config):
        return
    left = [item for item in items if any(item.get_closest_marker(mark) for mark in MARKED)]
    if left:
        items[:] = [item for item in items if item not in left]
        config.hook.pytest_deselected(items=left)
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(
                f"a quick run: {len(left)} browser, network and slow tests left out"
                " (CI runs them; pytest --all runs everything)"
            )


DIFF_LINES = 200
"""A failing golden shows at most this many lines of its diff."""


def golden_diff(name: str, committed: str, made: str) -> str:
    """What a person reads when a golden fails: the unified diff, committed → made now."""
    lines = list(
        difflib.unified_diff(
            committed.splitlines(keepends=True),
            made.splitlines(keepends=True),
            f"tests/goldens/{name} (committed)",
            f"tests/goldens/{name} (made now)",
        )
    )
    shown = "".join(
        line if line.endswith("\n") else line + "\n\\ no newline at end\n" for line in lines[:DIFF_LINES]
    )
    more = f"… {len(lines) - DIFF_LINES} more lines\n" if len(lines) > DIFF_LINES else ""
    return (
        f"differs from tests/goldens/{name} (run pytest --update-goldens and read the diff):\n{shown}{more}"
    )


# The goldens a run compared with, for the check of orphans at its end (each xdist worker
# writes its own list; the controller reads them all).
_USED_DIR = Path(__file__).resolve().parent.parent / ".pytest_cache" / "goldens-used"


def use_golden(config: pytest.Config, name: str) -> None:
    worker = getattr(config, "workerinput", {}).get("workerid", "main")
    _USED_DIR.mkdir(parents=True, exist_ok=True)
    with (_USED_DIR / f"{worker}.txt").open("a", encoding="utf-8") as used:
        used.write(name + "\n")


def read_golden(config: pytest.Config, name: str) -> str:
    """A golden file read as it is (the test compares it its own way); counted as used."""
    use_golden(config, name)
    return (GOLDENS / name).read_text(encoding="utf-8")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """``golden(name, text)``: ``text`` must equal ``tests/goldens/<name>`` exactly; with
    ``--update-goldens`` the file is written instead, for a person to review in the diff.
    A failure prints the diff."""
    update = bool(request.config.getoption("--update-goldens"))

    def check(name: str, text: str) -> None:
        use_golden(request.config, name)
        path = GOLDENS / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        assert path.is_file(), f"no golden file {path.relative_to(REPO)}: run pytest --update-goldens"
        committed = path.read_text(encoding="utf-8")
        assert text == committed, golden_diff(name, committed, text)

    return check


def pytest_sessionstart(session: pytest.Session) -> None:
    if not hasattr(session.config, "workerinput"):
        shutil.rmtree(_USED_DIR, ignore_errors=True)


def _whole_run(config: pytest.Config) -> bool:
    """Whether every test was asked for: no file, keyword, mark or last-failed selection."""
    option = config.option
    args = [Path(arg.split("::")[0]).resolve() for arg in config.args]
    everything = all(arg == Path(__file__).resolve().parent or arg == REPO for arg in args)
    chosen = (option.keyword, option.markexpr, getattr(option, "lf", False), getattr(option, "deselect", []))
    return everything and not any(chosen)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """After a run of the whole suite, a golden file no test compared with is an orphan (a
    renamed or removed case left behind): the run fails and names it; ``--update-goldens``
    deletes it."""
    config = session.config
    if hasattr(config, "workerinput") or not _whole_run(config) or quick_run(config):
        return
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and reporter.stats.get("skipped"):
        return  # a skipped test's goldens were not compared: nothing can be said of orphans
    used = {
        line
        for path in (_USED_DIR.glob("*.txt") if _USED_DIR.is_dir() else [])
        for line in path.read_text(encoding="utf-8").splitlines()
    }
    orphans = sorted(p.relative_to(GOLDENS).as_posix() for p in GOLDENS.rglob("*") if p.is_file())
    orphans = [name for name in orphans if name not in used]
    if not orphans:
        return
    if config.getoption("--update-goldens"):
        for name in orphans:
            (GOLDENS / name).unlink()
        message = f"deleted {len(orphans)} orphan golden files no test compares with:"
    else:
        message = (
            f"{len(orphans)} golden files no test compares with (run pytest --update-goldens to delete them):"
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    if reporter is not None:
        reporter.write_line(message)
        for name in orphans:
            reporter.write_line(f"  tests/goldens/{name}")
