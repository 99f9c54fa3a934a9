"""Hostile content (tests/hostile/cases.yml): nothing an editor's files hold can attack the
site, its readers or its server.

Each failing case is checked through both doors an editor uses, `oit-site check` and
`mkdocs build --strict`: exit 1, the file and line of the mistake, no traceback, an existing
site/ left as it was (what each case costs: bench/hostile.py). Each case that builds is built and its site
searched for what must not be there. Real nginx and Apache load the rules of hostile but
valid redirect paths and answer with the 301s, 404s and security headers expected.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, build_content, mkdocs_command
from servers import apache_serving, apache_test, fetch, nginx_serving, nginx_test

from site_builder.cli import main as oit_site
from site_builder.render.headers import content_security_policy

AGENCY = "name: เทศบาลตำบลทดสอบ\nkind: เทศบาลตำบล\ndistrict: เมือง\nprovince: ขอนแก่น\n"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "hostile" / "cases.yml").read_text("utf-8")
)
FAILING = [c for c in CASES if "error" in c]
BUILDING = [c for c in CASES if "build" in c]


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def write_tree(root: Path, files: dict[str, Any]) -> Path:
    """A case's repository: mkdocs.yml beside content/ with the base tree and the case's files."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("pdf: true", "pdf: false")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    outside = root.parent / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "index.md").write_text("ความลับ\n", encoding="utf-8")
    content = root / "content"
    base: dict[str, Any] = {
        "agency.yml": AGENCY,
        "2568/o1/index.md": "ข้อความ\n",
        "2568/o1/แผน.pdf": {"pdf": True},
    }
    for name, spec in {**base, **files}.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(spec, str):
            path.write_text(spec, encoding="utf-8")
        elif "symlink" in spec:
            os.symlink(spec["symlink"].replace("{tmp}", str(root.parent)), path)
        elif "repeat" in spec:
            text = spec.get("before", "") + spec["repeat"] * spec["times"] + spec.get("after", "")
            path.write_text(text, encoding="utf-8")
        elif "bytes" in spec:
            path.write_bytes(spec["bytes"].encode("utf-8"))
        elif "pdf" in spec:
            path.write_bytes(PDF)
        elif "png" in spec:
            path.write_bytes(png())
        elif "size_mb" in spec:
            with path.open("wb") as handle:
                handle.write(PDF)
                handle.truncate(int(spec["size_mb"] * 1024 * 1024))
    return root


def mkdocs_build(root: Path, strict: bool = True) -> Any:
    # Not --quiet: MkDocs would then not count the warnings that fail a strict build.
    return mkdocs_command(["build", "-f", str(root / "mkdocs.yml")] + (["--strict"] if strict else []))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize("case", FAILING, ids=[c["name"] for c in FAILING])
def test_hostile_content_is_refused_with_file_and_line(
    tmp_path: Path, case: dict[str, Any], golden: Any
) -> None:
    root = write_tree(tmp_path / "repo", case["files"])
    expected = case["error"]
    where = expected["file"] + (f":{expected['line']}:" if "line" in expected else "")

    out = io.StringIO()
    code = oit_site(["-f", str(root / "mkdocs.yml"), "check"], out=out)
    report = out.getvalue()
    assert code == 1, report
    assert any(line.startswith(where) for line in report.splitlines()), report

    # The build says the same, and leaves the site that is already there as it was.
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("เว็บไซต์เดิม", encoding="utf-8")
    before = snapshot(root / "site")
    result = mkdocs_build(root)
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # MkDocs' Abort, not a crash
    assert "Traceback" not in result.output
    logged = result.output[result.output.index("ERROR") :].replace(str(tmp_path), "<tmp>")
    assert any(line.startswith(where) for line in logged.splitlines()), result.output
    # The whole message, as check prints it and as the build logs it (tests/goldens/hostile/).
    name = re.sub(r"\W+", "-", case["name"])
    golden(f"hostile/{name}.txt", f"$ oit-site check\n{report}\n$ mkdocs build --strict\n{logged}")
    assert snapshot(root / "site") == before


# What a browser reads as markup: pages, images, and the search index (Material shows its
# titles and text as HTML). The answer sheets are data: a title is a JSON or CSV string there.
MARKUP = (".html", ".svg", ".xml")


def built_text(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8", errors="replace")
        for p in site.rglob("*")
        if p.is_file() and (p.suffix in MARKUP or p.name == "search_index.json")
    }


@pytest.mark.parametrize("case", BUILDING, ids=[c["name"] for c in BUILDING])
def test_hostile_content_that_builds_is_harmless(tmp_path: Path, case: dict[str, Any]) -> None:
    root = write_tree(tmp_path / "repo", case["files"])
    expect = case["build"]
    result = mkdocs_build(root, strict=not expect.get("warnings"))
    assert result.exit_code == 0, result.output
    site = root / "site"
    texts = built_text(site)
    for path in expect.get("absent", []):
        assert not (site / path).exists(), path
    for needle in expect.get("not_in_any_page", []):
        found = [name for name, text in texts.items() if needle in text]
        assert found == [], f"{needle!r} in {found}"
    for path, needles in expect.get("in_file", {}).items():
        text = (site / path).read_text(encoding="utf-8-sig")
        for needle in needles:
            assert needle in text, (path, needle)


@pytest.mark.parametrize(
    "case",
    [c for c in BUILDING if c["build"].get("warnings")],
    ids=[c["name"] for c in BUILDING if c["build"].get("warnings")],
)
def test_what_the_cleaner_removes_is_named_by_file_and_line(tmp_path: Path, case: dict[str, Any]) -> None:
    root = write_tree(tmp_path / "repo", case["files"])
    result = mkdocs_build(root)
    assert result.exit_code == 1 and "Traceback" not in result.output  # strict: a removal fails the build
    warnings = [line for line in result.output.splitlines() if line.startswith("WARNING")]
    for expected in case["build"]["warnings"]:
        assert any(expected in line for line in warnings), (expected, warnings)
    assert len(warnings) == len(case["build"]["warnings"]), warnings


# ---------------------------------------------------------------- real servers

HOSTILE_REDIRECTS = next(c for c in CASES if c["name"].startswith("hostile but valid redirect paths"))


@pytest.fixture(scope="module")
def redirect_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("servers")
    return build_content(tmp, write_tree(tmp / "source", HOSTILE_REDIRECTS["files"]) / "content")


def test_nginx_and_apache_accept_the_rules_of_hostile_paths(redirect_site: Path, tmp_path: Path) -> None:
    nginx = nginx_test(redirect_site, tmp_path / "nginx")
    assert nginx.returncode == 0, nginx.stderr
    apache = apache_test(redirect_site, tmp_path / "apache")
    assert apache.returncode == 0, apache.stdout + apache.stderr
    assert "Syntax OK" in apache.stdout + apache.stderr


def _expect_answers(port: int) -> None:
    new = "/ita/2568/o1/แผน.pdf"
    for old in ("/ita/2568/o9/เอกสาร (ฉบับเก่า) [1] & ข้อมูล+สถิติ.pdf", "/ita/2568/o8/a b~c!d@e=f,g.pdf"):
        status, headers = fetch(port, old)
        assert status == 301, old
        # (nginx writes the escapes in capitals, Apache in small letters)
        assert headers["location"].upper().endswith("/ITA/2568/O1/%E0%B9%81%E0%B8%9C%E0%B8%99.PDF"), headers[
            "location"
        ]
    assert fetch(port, "/ita/2567/o44/")[0] == 301
    status, headers = fetch(port, new)
    assert status == 200 and headers["content-type"] == "application/pdf"
    for name, value in (
        ("x-content-type-options", "nosniff"),
        ("content-security-policy", content_security_policy()),
        ("referrer-policy", "strict-origin-when-cross-origin"),
        ("x-frame-options", "SAMEORIGIN"),
    ):
        assert headers.get(name) == value, (name, headers)
    # Paths that look like the rules but are not in them are not found; nothing outside the site is served.
    for missing in (
        "/ita/2568/o9/เอกสาร (ฉบับเก่า) [1] & ข้อมูล สถิติ.pdf",
        "/ita/2568/o8/aXb~c!d@e=f,g.pdf",
        "/ita/../etc/passwd",
        "/etc/passwd",
        "/ita/2568/o1/.htaccess",
    ):
        assert fetch(port, missing)[0] in (400, 403, 404), missing


def test_nginx_answers_hostile_paths_with_301_404_and_headers(redirect_site: Path, tmp_path: Path) -> None:
    with nginx_serving(redirect_site, tmp_path / "nginx") as port:
        _expect_answers(port)


def test_apache_answers_hostile_paths_with_301_404_and_headers(redirect_site: Path, tmp_path: Path) -> None:
    with apache_serving(redirect_site, tmp_path / "apache") as port:
        _expect_answers(port)
