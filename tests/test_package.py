"""The product as agencies meet it: the wheel built from this checkout, installed alone in a
fresh virtual environment, starting a site with ``oit-site init`` in an empty folder.

The release checks of ``.ci/run``: the sdist and the wheel build, pass ``twine check``, their
metadata is what ``pyproject.toml`` says, the wheel holds the product and nothing else (no
tests, no example content, no caches), and a site made with it builds strictly and looks, in
Chromium, as the example built from the repository does. The wheel is also uploaded to a
package index on loopback (pypiserver) and installed from there by name, as an agency's CI
installs it, and the site ``oit-site init`` makes with it pins it by version; installed from
the wheel's URL instead, the site pins that URL and its hash.
"""

from __future__ import annotations

import email.parser
import functools
import hashlib
import http.server
import json
import os
import socket
import subprocess
import sys
import tarfile
import threading
import time
import tomllib
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import INIT, MKDOCS_ENV, NAME, REPO, example_repo, read_golden, run_mkdocs
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


def fresh_venv(folder: Path) -> tuple[Path, dict[str, str]]:
    """A new virtual environment in ``folder``, and the environment its commands run in:
    nothing of the checkout on the path."""
    venv = folder / "venv"
    run([sys.executable, "-m", "venv", str(venv)], folder, MKDOCS_ENV)
    env = {
        key: value
        for key, value in MKDOCS_ENV.items()
        if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")
    }
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    return venv, env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> tuple[Path, dict[str, str]]:
    """A fresh virtual environment with the wheel alone installed from its file (its
    dependencies from the package index)."""
    venv, env = fresh_venv(tmp_path_factory.mktemp("venv"))
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


def test_twine_passes_the_sdist_and_the_wheel(dist: Path, wheel: Path) -> None:
    """What PyPI would refuse (the long description's markup, the metadata), as the release
    workflow checks it before publishing."""
    sdist = f"oit_site-{__version__}.tar.gz"
    checked = run(
        [sys.executable, "-m", "twine", "--no-color", "check", "--strict", wheel.name, sdist],
        dist,
        MKDOCS_ENV,
    )
    assert checked.stdout == f"Checking {wheel.name}: PASSED\nChecking {sdist}: PASSED\n"


RELEASE = REPO / ".github" / "workflows" / "release.yml"


def test_a_version_tag_releases_what_these_checks_check() -> None:
    """The release workflow: on a tag, the sdist and the wheel built and twine-checked as above,
    published on PyPI by trusted publishing, the wheel attached to the GitHub release."""
    workflow = yaml.safe_load(RELEASE.read_text(encoding="utf-8"))
    assert workflow[True] == {"push": {"tags": ["v*"]}}  # YAML 1.1 reads the key `on` as true
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    built = [line for step in jobs["build"]["steps"] for line in step.get("run", "").splitlines()]
    assert built[-3:] == [
        "python -m pip install build twine",
        "python -m build",
        "python -m twine check --strict dist/*",
    ]
    assert jobs["build"]["steps"][-1] == {
        "uses": "actions/upload-artifact@v4",
        "with": {"name": "dist", "path": "dist/"},
    }
    pypi = jobs["pypi"]
    assert (pypi["needs"], pypi["permissions"], pypi["environment"]["name"]) == (
        "build",
        {"id-token": "write"},
        "pypi",
    )
    assert pypi["steps"][-1] == {"uses": "pypa/gh-action-pypi-publish@release/v1"}
    release = jobs["github-release"]
    assert (release["needs"], release["permissions"]) == ("build", {"contents": "write"})
    assert 'gh release create "$GITHUB_REF_NAME" "$wheel"' in release["steps"][-1]["run"]


@pytest.mark.parametrize(("tag", "code"), [(f"v{__version__}", 0), ("v9.9.9", 1)])
def test_the_release_refuses_a_tag_that_is_not_the_version(tag: str, code: int, tmp_path: Path) -> None:
    workflow = yaml.safe_load(RELEASE.read_text(encoding="utf-8"))
    step = next(
        s
        for s in workflow["jobs"]["build"]["steps"]
        if s.get("name") == "the tag is the version in pyproject.toml"
    )
    env = {**MKDOCS_ENV, "GITHUB_REF_NAME": tag}
    result = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=REPO, env=env, capture_output=True, text=True
    )
    said = "" if code == 0 else f"tag {tag}, but pyproject.toml says {__version__}\n"
    assert (result.returncode, result.stdout, result.stderr) == (code, said, "")


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
        "[mkdocs.plugins]\noit = site_builder.build.plugin:OitPlugin\n"
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
    installed: tuple[Path, dict[str, str]], new_site: Path, dist: Path, golden: Callable[[str, str], None]
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
    # Installed from a file, which no CI can reach: the version, and a note saying what else to write.
    golden("init/requirements-wheel-file.txt", (new_site / "requirements.txt").read_text(encoding="utf-8"))
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


# ------------------------------------------------------------------ from a package index


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def normal_index(pip: Path, env: dict[str, str]) -> str:
    """The index pip uses on this machine when told none: an agency's CI takes the product's
    dependencies from it."""
    if env.get("PIP_INDEX_URL"):
        return env["PIP_INDEX_URL"]
    for key in ("install.index-url", "global.index-url"):
        configured = subprocess.run([str(pip), "config", "get", key], env=env, capture_output=True, text=True)
        if configured.returncode == 0 and configured.stdout.strip():
            return configured.stdout.strip()
    return "https://pypi.org/simple/"


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError):
        return False


@pytest.fixture(scope="module")
def package_index(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Iterator[str]:
    """A package index on loopback (pypiserver, uploads open to anyone) that the wheel was
    uploaded to with twine, as a release uploads it to PyPI: its URL."""
    folder = tmp_path_factory.mktemp("index")
    (folder / "packages").mkdir()
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = (folder / "pypiserver.log").open("w")
    serve = ["run", "--host", "127.0.0.1", "--port", str(port), "--authenticate", ".", "--passwords", "."]
    server = subprocess.Popen(
        [sys.executable, "-m", "pypiserver", *serve, "--disable-fallback", str(folder / "packages")],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(600):  # until it answers, or a minute or more has gone by
            if _answers(url + "simple/"):
                break
            assert server.poll() is None, (folder / "pypiserver.log").read_text(encoding="utf-8")
            time.sleep(0.1)
        else:
            pytest.fail(f"pypiserver never answered at {url}: {(folder / 'pypiserver.log').read_text()}")
        twine = [
            sys.executable,
            "-m",
            "twine",
            "--no-color",
            "upload",
            "--non-interactive",
            "--disable-progress-bar",
        ]
        upload = run(
            [*twine, "--repository-url", url, "--username", "oit", "--password", "oit", str(wheel)],
            folder,
            MKDOCS_ENV,
        )
        assert upload.stdout == f"Uploading distributions to {url}\nUploading {wheel.name}\n"
        yield url
    finally:
        server.terminate()
        server.wait()
        log.close()


@pytest.fixture(scope="module")
def from_index(
    tmp_path_factory: pytest.TempPathFactory, package_index: str, wheel: Path
) -> tuple[Path, dict[str, str]]:
    """A fresh virtual environment with oit-site installed by name from the package index, as
    an agency's CI installs it (its dependencies from the normal index)."""
    venv, env = fresh_venv(tmp_path_factory.mktemp("from-index"))
    pip = venv / "bin" / "pip"
    report = venv.parent / "report.json"
    indexes = ["--index-url", f"{package_index}simple/", "--extra-index-url", normal_index(pip, env)]
    run(
        [str(pip), "install", "--quiet", "--report", str(report), *indexes, f"oit-site=={__version__}"],
        venv.parent,
        env,
    )
    # The very wheel uploaded, from the index on loopback (not a release of the same number).
    chosen = [i for i in json.loads(report.read_text())["install"] if i["metadata"]["name"] == "oit-site"]
    assert [(i["is_direct"], i["download_info"]["url"]) for i in chosen] == [
        (False, f"{package_index}packages/{wheel.name}")
    ]
    assert chosen[0]["download_info"]["archive_info"]["hashes"] == {
        "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest()
    }
    return venv, env


def test_installed_by_name_from_a_package_index_it_pins_its_version(
    from_index: tuple[Path, dict[str, str]], tmp_path: Path, golden: Callable[[str, str], None]
) -> None:
    venv, env = from_index
    out = run([str(venv / "bin" / "oit-site"), "init", "nongbua", *INIT], tmp_path, env)
    assert "หมายเหตุ" not in out.stdout  # nothing to say: CI installs it as this machine did
    site = tmp_path / "nongbua"
    run([str(venv / "bin" / "mkdocs"), "build", "--strict"], site, env)
    assert (site / "site" / "2569" / "o1" / "index.html").is_file()
    # The same requirements.txt as a site made by an oit-site from PyPI (tests/test_init.py).
    golden("init/requirements.txt", (site / "requirements.txt").read_text(encoding="utf-8"))
    assert (site / "requirements.txt").read_text(encoding="utf-8").endswith(f"\noit-site=={__version__}\n")


def test_installed_from_the_wheels_url_it_pins_that_url_and_its_hash(
    from_index: tuple[Path, dict[str, str]],
    package_index: str,
    wheel: Path,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    """As from a GitHub release's asset: pip records the URL and the hash (PEP 610), and the
    pin init writes from them installs the same wheel, its hash checked."""
    venv, env = from_index
    url = f"{package_index}packages/{wheel.name}"
    target = tmp_path / "from-url"
    run(
        [str(venv / "bin" / "pip"), "install", "--quiet", "--no-deps", "--target", str(target), url],
        tmp_path,
        env,
    )
    # This copy first on the path: the command runs it, and reads where it came from.
    env = {**env, "PYTHONPATH": str(target)}
    run([str(venv / "bin" / "oit-site"), "init", "nongbua", *INIT], tmp_path, env)
    pin = f"oit-site @ {url}#sha256={hashlib.sha256(wheel.read_bytes()).hexdigest()}"
    # requirements.txt as from an index (tests/test_init.py), but for the pin.
    from_pypi = read_golden(request.config, "init/requirements.txt")
    assert (tmp_path / "nongbua" / "requirements.txt").read_text(encoding="utf-8") == from_pypi.replace(
        f"oit-site=={__version__}\n", f"{pin}\n"
    )
    fetched = tmp_path / "fetched"
    run(
        [str(venv / "bin" / "pip"), "download", "--quiet", "--no-deps", "-d", str(fetched), pin],
        tmp_path,
        env,
    )
    assert [p.read_bytes() for p in fetched.iterdir()] == [wheel.read_bytes()]


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


# ------------------------------------------------------------------ an agency's first day


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_an_agencys_first_day_from_the_installed_wheel(
    installed: tuple[Path, dict[str, str]], tmp_path: Path, golden: Callable[[str, str], None]
) -> None:
    """As a clerk meets the product: answers saved by Notepad (a byte-order mark) and typed with
    the usual prefixes, a build, a publish into the folder of the municipality's own web site,
    the next year, an earlier report imported, and check's table into a Thai Windows pipe."""
    venv, env = installed
    oit_site = str(venv / "bin" / "oit-site")
    answers = "\ufeffเทศบาลตำบลบางเลน\n3\nอ.บางเลน\nจ.นครปฐม\nhttps://www.banglen.go.th/ita\n2569\n\n\n"
    started = subprocess.run(
        [oit_site, "init", "banglen"], cwd=tmp_path, env=env, input=answers, capture_output=True, text=True
    )
    assert (started.returncode, started.stderr) == (0, "")
    site = tmp_path / "banglen"
    agency = yaml.safe_load((site / "content" / "agency.yml").read_text(encoding="utf-8"))
    assert (agency["name"], agency["district"], agency["province"]) == (
        "เทศบาลตำบลบางเลน",
        "บางเลน",
        "นครปฐม",
    )
    run([str(venv / "bin" / "mkdocs"), "build", "--strict"], site, env)
    home = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert home.count("อำเภอบางเลน จังหวัดนครปฐม") == 1 and "อำเภออ." not in home

    # Nothing on the public pages that the agency did not write: no TODO line, no research note.
    pages = {
        p.relative_to(site / "site").as_posix(): p.read_text(encoding="utf-8")
        for p in (site / "site").rglob("*.html")
    }
    assert [name for name, text in pages.items() if "TODO" in text] == []
    assert [name for name, text in pages.items() if "RTRDA" in text or "that site" in text] == []

    # Publishing into the folder of the municipality's own site is refused and changes nothing;
    # into a sub-folder of its own, it leaves the site around it byte for byte.
    host = tmp_path / "public_html"
    (host / "wp-content").mkdir(parents=True)
    (host / "index.html").write_text("<h1>เทศบาลตำบลบางเลน</h1>\n", encoding="utf-8")
    (host / ".htaccess").write_text("RewriteEngine On\nRewriteRule . /index.php [L]\n", encoding="utf-8")
    (host / "wp-content" / "plugin.php").write_text("<?php\n", encoding="utf-8")
    before = tree_digest(host)
    refused = subprocess.run(
        [oit_site, "publish", "--to", str(host)], cwd=site, env=env, capture_output=True, text=True
    )
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    golden("first-day/publish-refused.txt", refused.stderr.replace(str(host), "<host>"))
    assert tree_digest(host) == before
    (host / "ita").mkdir()
    run([oit_site, "publish", "--to", str(host / "ita")], site, env)
    assert {k: v for k, v in tree_digest(host).items() if not k.startswith("ita/")} == before
    assert (host / "ita" / "2569" / "o1" / "index.html").read_bytes() == (
        site / "site" / "2569" / "o1" / "index.html"
    ).read_bytes()

    # The next year, for which the package has no list yet: the nearest, said as init says it.
    next_year = run([oit_site, "new-year", "2570"], site, env)
    assert next_year.stdout.splitlines()[-1] == (
        "ยังไม่มีรายการข้อของ ITA 2570 ในโปรแกรมรุ่นนี้ จึงใช้ ita-2569 ไปก่อน: แก้หรือเพิ่มข้อได้ใน"
        " content/2570/year.yml เมื่อ ป.ป.ช. ประกาศคู่มือ (no list for ITA 2570 yet; ita-2569 is used"
        " until you correct it)"
    )
    # An earlier report, of a year the site has no folder for: the year gets its items too.
    imported = run([oit_site, "import", str(REPO / "tests" / "seeds" / "000" / "report.txt")], site, env)
    assert "จึงสร้าง 28 ข้อตาม ita-2568" in imported.stdout
    assert sorted(p.name for p in (site / "content" / "2568").iterdir() if p.is_dir()) == sorted(
        f"o{n}" for n in range(1, 29)
    )
    run([str(venv / "bin" / "mkdocs"), "build", "--strict"], site, env)

    # check's table into a pipe of a Thai Windows console's encoding: read as cp874, no traceback.
    checked = subprocess.run(
        [oit_site, "check", "2569"], cwd=site, env={**env, "PYTHONIOENCODING": "cp874"}, capture_output=True
    )
    assert (checked.returncode, checked.stderr) == (1, b"")
    table = checked.stdout.decode("cp874")
    assert table.splitlines()[1] == "ปีงบประมาณ 2569 ? ita-2569"
