"""The product as agencies meet it: the wheel built from this checkout, installed alone in a
fresh virtual environment, starting a site with ``oit-site init`` in an empty folder.

The release checks of ``.ci/run``: the sdist and the wheel build, their metadata is what
``pyproject.toml`` says, the wheel holds the product and nothing else (no tests, no
example content, no caches), and a site made with it builds strictly and looks, in
Chromium, as the example built from the repository does.
"""

from __future__ import annotations

import email.parser
import functools
import hashlib
import http.server
import os
import subprocess
import sys
import tarfile
import threading
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import INIT, MKDOCS_ENV, NAME, REPO, example_repo, run_mkdocs
from packaging.requirements import Requirement

from site_builder import __version__
from site_builder.render.headers import content_security_policy

try:
    # Debian's Chromium, launched as the other browser tests launch it.
    from test_browser import Visit, browser, search
except pytest.skip.Exception as skipped:  # no Chromium, outside CI: only the browser test skips
    NO_BROWSER = str(skipped)

    @pytest.fixture(scope="module")
    def browser() -> Any:
        pytest.skip(NO_BROWSER)


PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
DIST_INFO = f"oit_site-{__version__}.dist-info"


def tracked(folder: str) -> list[str]:
    """The files git tracks under ``folder`` of the checkout."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", folder], cwd=REPO, capture_output=True, text=True, check=True
    )
    return sorted(name for name in listed.stdout.split("\0") if name)


def run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, as a release builds them (the wheel from the sdist)."""
    folder = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--outdir", str(folder), str(REPO)], folder, MKDOCS_ENV)
    return folder


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    return dist / f"oit_site-{__version__}-py3-none-any.whl"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> tuple[Path, dict[str, str]]:
    """A fresh virtual environment with the wheel alone installed (its dependencies from the
    package index), and the environment its commands run in: nothing of the checkout on the
    path."""
    venv = tmp_path_factory.mktemp("venv") / "venv"
    run([sys.executable, "-m", "venv", str(venv)], venv.parent, MKDOCS_ENV)
    env = {
        key: value
        for key, value in MKDOCS_ENV.items()
        if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")
    }
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    run([str(venv / "bin" / "pip"), "install", "--quiet", str(wheel)], venv.parent, env)
    return venv, env


@pytest.fixture(scope="module")
def new_site(tmp_path_factory: pytest.TempPathFactory, installed: tuple[Path, dict[str, str]]) -> Path:
    """``oit-site init`` with flags in an empty folder, by the installed package, built strictly."""
    venv, env = installed
    work = tmp_path_factory.mktemp("agency")
    run([str(venv / "bin" / "oit-site"), "init", "nongbua", *INIT], work, env)
    site = work / "nongbua"
    run([str(venv / "bin" / "mkdocs"), "build", "--strict"], site, env)
    return site


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example, built from the repository."""
    root = example_repo(tmp_path_factory.mktemp("example") / "repo")
    result = run_mkdocs(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_the_metadata_is_what_pyproject_says(dist: Path, wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        metadata = email.parser.Parser().parsestr(archive.read(f"{DIST_INFO}/METADATA").decode())
        entry_points = archive.read(f"{DIST_INFO}/entry_points.txt").decode()
    project = PYPROJECT["project"]
    assert metadata["Name"] == project["name"] == "oit-site"
    assert metadata["Version"] == project["version"] == __version__
    assert metadata["Summary"] == project["description"]
    assert metadata["Requires-Python"] == project["requires-python"]
    assert metadata["License-Expression"] == "MIT"
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert metadata.get_payload() == (REPO / "README.md").read_text(encoding="utf-8")
    plain = [Requirement(r) for r in metadata.get_all("Requires-Dist") if "extra ==" not in r]
    assert plain == [Requirement(d) for d in project["dependencies"]]
    assert entry_points == (
        "[console_scripts]\noit-site = site_builder.cli:entry_point\n\n"
        "[mkdocs.plugins]\noit = site_builder.plugin:OitPlugin\n"
    )
    with tarfile.open(dist / f"oit_site-{__version__}.tar.gz") as sdist:
        pkg_info = sdist.extractfile(f"oit_site-{__version__}/PKG-INFO")
        assert pkg_info is not None
        header = email.parser.Parser().parsestr(pkg_info.read().decode(), headersonly=True)
    assert (header["Name"], header["Version"]) == ("oit-site", __version__)


def test_the_wheel_holds_the_product_and_nothing_else(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = {info.filename: archive.read(info) for info in archive.infolist()}
    product = {name: (REPO / name).read_bytes() for name in tracked("site_builder")}
    theme = {
        f"site_builder/theme/{name.removeprefix('theme/')}": (REPO / name).read_bytes()
        for name in tracked("theme")
    }
    expected = {**product, **theme}
    metadata = {name for name in names if name.startswith(f"{DIST_INFO}/")}
    assert metadata == {
        f"{DIST_INFO}/{n}" for n in ("METADATA", "WHEEL", "entry_points.txt", "top_level.txt", "RECORD")
    }
    # Every file of the product, byte for byte, and nothing more: no tests, no example
    # content, no caches or compiled files.
    assert sorted(set(names) - metadata) == sorted(expected)
    assert [name for name in expected if names[name] != expected[name]] == []


def test_installed_alone_it_starts_a_site_that_builds_strictly(
    installed: tuple[Path, dict[str, str]], new_site: Path, dist: Path
) -> None:
    venv, env = installed
    where = run(
        [str(venv / "bin" / "python"), "-c", "import site_builder; print(site_builder.__file__)"],
        new_site,
        env,
    )
    assert Path(where.stdout.strip()).is_relative_to(venv)
    version = run([str(venv / "bin" / "oit-site"), "--version"], new_site, env)
    assert version.stdout == f"oit-site {__version__}\n"
    # The pin init wrote is the version installed: the site's CI installs this very package.
    pinned = run(
        [
            str(venv / "bin" / "pip"),
            "install",
            "--no-index",
            "--find-links",
            str(dist),
            "-r",
            "requirements.txt",
        ],
        new_site,
        env,
    )
    assert f"Requirement already satisfied: oit-site=={__version__}" in pinned.stdout
    files = sorted(
        p.relative_to(new_site).as_posix()
        for p in new_site.rglob("*")
        if p.is_file()
        and ".git" not in p.parts
        and "site" not in p.relative_to(new_site).parts[:1]
        and ".cache" not in p.parts
    )
    # No product code and nothing of the example agency in the agency's folder.
    assert [f for f in files if f.endswith((".py", ".html", ".css", ".js"))] == []
    assert [f for f in files if "บ้านสายรุ้ง" in (new_site / f).read_text(encoding="utf-8")] == []
    assert (new_site / "site" / "2569" / "o1" / "index.html").is_file()


def digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_theme_is_the_examples_byte_for_byte(new_site: Path, example: Path) -> None:
    for kind in ("stylesheets", "javascripts"):
        ours = digest(new_site / "site" / "assets" / kind)
        assert ours == digest(example / "assets" / kind)
        assert any(name.startswith("oit") for name in ours)
    assert (new_site / "site" / "assets" / "images" / "oit-favicon.svg").read_bytes() == (
        REPO / "theme" / "assets" / "images" / "oit-favicon.svg"
    ).read_bytes()


class _SubPath(http.server.SimpleHTTPRequestHandler):
    """The site under /ita/ as a plain static host serves it: its 404 page for what is not there."""

    def log_message(self, format: str, *args: Any) -> None:
        return

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "ita" / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def served(new_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("www")
    (root / "ita").symlink_to(new_site / "site", target_is_directory=True)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_SubPath, directory=str(root))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/ita/"
    server.shutdown()


def test_in_chromium_the_new_site_keeps_to_itself_forwards_capitals_and_finds_thai(
    served: str, browser: Any
) -> None:
    visit = Visit(browser)
    visit.page.goto(served)
    policy = visit.page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert policy == content_security_policy(header=False)
    assert visit.page.title() == f"การเปิดเผยข้อมูลสาธารณะ ITA - {NAME}"
    # An assessor who types the code in capitals reaches the item, on a host with no rules.
    visit.page.goto(served + "2569/O1/")
    visit.page.wait_for_url(served + "2569/o1/")
    assert visit.page.locator("article h1").inner_text().startswith("O1")
    # A word from inside an item's title (O1 โครงสร้าง หน้าที่และอำนาจ) finds the item.
    assert "ita/2569/o1/" in search(visit, served, "อำนาจ")
    assert visit.outside == []
    assert visit.errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
    visit.close()
