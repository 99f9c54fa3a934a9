"""``oit-site init``: a new agency's site in an empty folder, from flags or from answers
typed in Thai; it builds strictly as it comes, and never changes a folder that holds a site."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MKDOCS_ENV, run_mkdocs

import site_builder.commands.init
from site_builder import __version__
from site_builder.cli import main
from site_builder.install_source import Pin, pin

NAME = "องค์การบริหารส่วนตำบลหนองบัว"
FLAGS = [
    "--name",
    NAME,
    "--kind",
    "5",
    "--district",
    "เมืองขอนแก่น",
    "--province",
    "ขอนแก่น",
    "--site-url",
    "https://www.nongbua.go.th/ita",
    "--year",
    "2569",
    "--ci",
    "github",
]
# The same answers, one a line, as a clerk types them: the framework and Pages by Enter.
ANSWERS = f"{NAME}\n5\nเมืองขอนแก่น\nขอนแก่น\nhttps://www.nongbua.go.th/ita\n2569\n\ngithub\n\n"


def init(
    folder: Path,
    *args: str,
    stdin: str = "",
    monkeypatch: pytest.MonkeyPatch,
    installed: Pin | None = None,
) -> tuple[int, str, str]:
    """``oit-site init`` in this process: (exit code, output with the folder as <folder>, errors).
    It runs on 4 December 2026, in fiscal year 2570, by an oit-site ``installed`` from a
    package index (whatever installed the one that runs the tests)."""
    monkeypatch.setattr(site_builder.commands.init, "today", lambda: date(2026, 12, 4))
    monkeypatch.setattr(
        site_builder.commands.init, "installed_pin", lambda: installed or Pin(f"oit-site=={__version__}")
    )
    # Text over bytes, as a real standard input is (MkDocs looks at sys.stdin.buffer).
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode()), encoding="utf-8"))
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    code = main(["init", str(folder), *args], out=out)
    return code, out.getvalue().replace(str(folder.resolve()), "<folder>"), err.getvalue()


def tree(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` but git's own, by path, with the hash of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(folder).parts[:1]
    }


def oit_site_check(folder: Path) -> subprocess.CompletedProcess[str]:
    """``oit-site check`` in ``folder``, in a process of its own, as a clerk runs it."""
    command = [sys.executable, "-m", "site_builder.cli", "check"]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, env=MKDOCS_ENV)


@pytest.fixture
def made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    folder = tmp_path / "nongbua"
    code, out, err = init(folder, *FLAGS, monkeypatch=monkeypatch)
    assert (code, err) == (0, "")
    return folder, out


def test_init_with_flags_writes_the_site_and_says_what_next(made: tuple[Path, str], golden: Any) -> None:
    folder, out = made
    golden("init/output.txt", out)
    files = sorted(tree(folder))
    items = [f"content/2569/o{n}/index.md" for n in range(1, 27)]
    assert files == sorted(
        [
            ".github/workflows/publish.yml",
            ".gitignore",
            "README.md",
            "content/2569/measures.yml",
            "content/2569/progress.yml",
            "content/2569/year.yml",
            *items,
            "content/agency.yml",
            "content/index.md",
            "mkdocs.yml",
            "published-urls.txt",
            "requirements.txt",
            *(
                f"schema/{kind}.schema.json"
                for kind in (
                    "agency",
                    "year",
                    "result",
                    "analysis",
                    "measures",
                    "progress",
                    "item",
                    "redirects",
                )
            ),
        ]
    )
    for name in ("mkdocs.yml", "content/agency.yml", "content/index.md", ".gitignore", "README.md"):
        golden(f"init/{name.replace('/', '-').lstrip('.')}", (folder / name).read_text(encoding="utf-8"))
    golden("init/requirements.txt", (folder / "requirements.txt").read_text(encoding="utf-8"))
    assert (folder / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == (
        f"oit-site=={__version__}"
    )
    assert yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))["plugins"][1]["oit"][
        "requires"
    ] == ".".join(__version__.split(".")[:2])

    # Every file is in the first commit: a push after the editor's first save sends a site
    # that builds.
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True).stdout

    assert git("status", "--porcelain") == ""
    assert git("log", "--format=%s") == "เริ่มเว็บไซต์ขององค์การบริหารส่วนตำบลหนองบัว (oit-site init)\n"
    assert sorted(git("ls-files").splitlines()) == files
    # The site's own folder: no product code, nothing of the example agency.
    assert not [f for f in files if f.endswith((".py", ".html", ".css", ".js"))]
    assert not any("บ้านสายรุ้ง" in (folder / f).read_text(encoding="utf-8") for f in files)
    head = subprocess.run(["git", "symbolic-ref", "HEAD"], cwd=folder, capture_output=True, text=True)
    assert head.stdout.strip() == "refs/heads/main"


def test_the_new_site_builds_strictly_and_checks(made: tuple[Path, str]) -> None:
    folder, _ = made
    result = run_mkdocs(folder)
    assert result.returncode == 0, result.stderr
    home = (folder / "site" / "index.html").read_text(encoding="utf-8")
    assert f"<title>การเปิดเผยข้อมูลสาธารณะ ITA - {NAME}</title>" in home
    assert "fonts.googleapis.com" not in home and 'http-equiv="Content-Security-Policy"' in home
    assert (folder / "site" / "2569" / "o1" / "index.html").is_file()
    assert (folder / "site" / "2569" / "report" / "ita-2569.pdf").is_file()
    check = oit_site_check(folder)
    # Every item is empty until the clerk fills it in: check says so and exits 1.
    assert check.returncode == 1 and check.stderr == ""
    assert check.stdout.count("✗ ยังไม่มีเนื้อหา (empty)") == 26


def test_answers_on_standard_input_make_the_same_site(
    made: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, golden: Any
) -> None:
    flagged, _ = made
    folder = tmp_path / "asked"
    code, out, err = init(folder, stdin=ANSWERS, monkeypatch=monkeypatch)
    assert (code, err) == (0, "")
    golden("init/asked.txt", out)
    assert tree(folder) == tree(flagged)


def test_an_answer_that_cannot_be_used_is_asked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, golden: Any
) -> None:
    folder = tmp_path / "again"
    answers = (
        f"{NAME}\n5\nเมืองขอนแก่น\nขอนแก่น\n"
        "www.nongbua.go.th\nhttps://www.nongbua.go.th/ita\n"  # a web address without https://
        "ปีหน้า\n๒๕๖๙\n"  # a word, then the year in Thai digits
        "\ngithub\n\n"
    )
    code, out, err = init(folder, stdin=answers, monkeypatch=monkeypatch)
    assert (code, err) == (0, "")
    golden("init/asked-again.txt", out)
    assert (folder / "content" / "2569" / "year.yml").is_file()


def test_a_folder_with_a_site_is_left_as_it_is(
    made: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = made
    before = tree(folder)
    code, out, err = init(folder, *FLAGS, monkeypatch=monkeypatch)
    assert (code, out) == (1, "")
    assert err == (
        f"{folder.resolve()} มีเว็บไซต์อยู่แล้ว (mkdocs.yml, content) ไม่ได้เปลี่ยนแปลงอะไร "
        "(a site is already here; nothing was changed).\n"
        "    เพิ่มปีงบประมาณด้วย oit-site new-year <ปี> "
        "หรือเริ่มเว็บไซต์ใหม่ในโฟลเดอร์ว่าง: oit-site init <โฟลเดอร์ใหม่>\n"
    )
    assert tree(folder) == before


def test_files_already_in_the_folder_are_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A repository cloned from a git host often starts with a README and a .gitignore."""
    folder = tmp_path / "cloned"
    folder.mkdir()
    (folder / "README.md").write_text("# ita\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    code, out, _ = init(folder, *FLAGS, monkeypatch=monkeypatch)
    assert code == 0
    assert "  มีอยู่แล้ว ไม่เขียนทับ (kept): README.md\n" in out
    assert (folder / "README.md").read_text(encoding="utf-8") == "# ita\n"
    assert "สร้างคลัง git แล้ว" not in out  # already a repository


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--site-url", "ftp://www.nongbua.go.th/ita/"],
            "oit-site init: --site-url: 'ftp://www.nongbua.go.th/ita/' ไม่ใช่ที่อยู่เว็บ (not a web address): "
            "เขียนเต็ม เช่น https://www.example.go.th/ita/\n",
        ),
        (
            ["--site-url", 'https://www.nongbua.go.th/"><script>'],
            "oit-site init: --site-url: 'https://www.nongbua.go.th/\"><script>' ไม่ใช่ที่อยู่เว็บ "
            "(not a web address): เขียนเต็ม เช่น https://www.example.go.th/ita/\n",
        ),
        (
            ["--year", "69"],
            "oit-site init: --year: '69' ไม่ใช่ปีงบประมาณ พ.ศ. (not a Buddhist-era fiscal year): เช่น 2569\n",
        ),
        (
            ["--year", "2569", "--framework", "ita-2599"],
            "oit-site init: --framework: ไม่มีกรอบการประเมิน 'ita-2599' (no such framework); กรอบที่มี: "
            "ita-2564, ita-2565, ita-2566, ita-2567, ita-2568, ita-2569\n",
        ),
        (
            ["--kind", "9"],
            "oit-site init: --kind: เลือกเลข 1 ถึง 5 หรือพิมพ์ประเภท (choose 1–5 or type the kind)\n",
        ),
    ],
)
def test_a_flag_that_cannot_be_used_writes_nothing(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "bad"
    given = dict(zip(FLAGS[::2], FLAGS[1::2], strict=True)) | dict(zip(args[::2], args[1::2], strict=True))
    flags = [part for pair in given.items() for part in pair]
    code, out, err = init(folder, *flags, monkeypatch=monkeypatch)
    assert (code, out, err) == (1, "", message)
    assert not folder.exists()


def test_without_flags_and_without_answers_it_says_which_flag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "none"
    code, out, err = init(folder, stdin="", monkeypatch=monkeypatch)
    assert (code, out) == (1, "ชื่อหน่วยงาน (agency name), เช่น องค์การบริหารส่วนตำบลหนองบัว: \n")
    assert err == (
        "oit-site init: ไม่ได้ตอบ ชื่อหน่วยงาน (agency name), เช่น องค์การบริหารส่วนตำบลหนองบัว (no answer): "
        "ระบุด้วย --name\n"
    )
    assert not folder.exists()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["--version"])
    assert exit.value.code == 0
    assert capsys.readouterr().out == f"oit-site {__version__}\n"


def test_a_site_written_for_a_later_oit_site_says_so(made: tuple[Path, str]) -> None:
    folder, _ = made
    config = folder / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    minor = ".".join(__version__.split(".")[:2])
    config.write_text(text.replace(f'requires: "{minor}"', 'requires: "9.1"'), encoding="utf-8")
    result = run_mkdocs(folder)
    assert (result.returncode, result.stdout) == (1, "\nAborted with a BuildError!\n")
    assert result.stderr == (
        f"ERROR   -  เว็บไซต์นี้เขียนสำหรับ oit-site 9.1 ขึ้นไป แต่ที่ติดตั้งอยู่คือ {__version__} "
        f"(this site needs oit-site 9.1 or later; {__version__} is installed): "
        "รัน pip install -r requirements.txt เพื่อติดตั้งรุ่นที่เว็บไซต์กำหนด\n"
    )
    assert not (folder / "site").exists()
    check = oit_site_check(folder)
    assert (check.returncode, check.stdout) == (1, "")
    assert check.stderr == result.stderr.removeprefix("ERROR   -  ")


# ------------------------------------------------------------------ the pin in requirements.txt

SHA256 = "470eeb9dc9c4c9b413b7c6d9b206dbf67e88eaaea648864d18ed7b26973b5076"
COMMIT = "3f1c0a9e5b7d2c4e6f8a0b1c2d3e4f5a6b7c8d9e"
RELEASE = "https://github.com/agency-tools/oit-site/releases/download/v0.2.0/oit_site-0.2.0-py3-none-any.whl"


WHEEL_HASHED = {"url": RELEASE, "archive_info": {"hash": f"sha256={SHA256}", "hashes": {"sha256": SHA256}}}
REPOSITORY = "https://github.com/agency-tools/oit-site.git"


@pytest.mark.parametrize(
    ("direct_url", "requirement"),
    [
        # No direct_url.json: from a package index, where the version names the package.
        (None, "oit-site==0.2.0"),
        # A wheel's URL, with the hash pip recorded (and PEP 610's first form of it).
        (WHEEL_HASHED, f"oit-site @ {RELEASE}#sha256={SHA256}"),
        (
            {"url": RELEASE, "archive_info": {"hash": f"sha256={SHA256}"}},
            f"oit-site @ {RELEASE}#sha256={SHA256}",
        ),
        ({"url": RELEASE, "archive_info": {}}, f"oit-site @ {RELEASE}"),
        # A git repository: the commit installed, and the tag that named it.
        (
            {
                "url": REPOSITORY,
                "vcs_info": {"vcs": "git", "requested_revision": "v0.2.0", "commit_id": COMMIT},
            },
            f"oit-site @ git+{REPOSITORY}@{COMMIT}  # v0.2.0",
        ),
        (
            {"url": REPOSITORY, "vcs_info": {"vcs": "git", "commit_id": COMMIT}, "subdirectory": "python"},
            f"oit-site @ git+{REPOSITORY}@{COMMIT}#subdirectory=python",
        ),
    ],
)
def test_what_ci_can_reach_is_pinned_as_it_was_installed(
    direct_url: dict[str, Any] | None, requirement: str
) -> None:
    recorded = None if direct_url is None else json.dumps(direct_url)
    assert pin(recorded, "0.2.0") == Pin(requirement)


LOCAL = {
    "editable": json.dumps({"url": "file:///home/clerk/oit-site", "dir_info": {"editable": True}}),
    "folder": json.dumps({"url": "file:///home/clerk/oit-site", "dir_info": {}}),
    "wheel file": json.dumps(
        {"url": "file:///tmp/oit_site-0.2.0-py3-none-any.whl", "archive_info": {"hash": f"sha256={SHA256}"}}
    ),
    "git on this machine": json.dumps(
        {"url": "file:///home/clerk/oit-site", "vcs_info": {"vcs": "git", "commit_id": COMMIT}}
    ),
    "unreadable": "{",
}


def test_what_ci_cannot_reach_is_pinned_by_version_with_a_note(golden: Any) -> None:
    pins = {case: pin(direct_url, "0.2.0") for case, direct_url in LOCAL.items()}
    assert {p.requirement for p in pins.values()} == {"oit-site==0.2.0"}
    golden("init/pin-notes.txt", "".join(f"## {case}\n{p.note}\n\n" for case, p in pins.items()))


def test_a_site_started_by_an_editable_oit_site_says_what_ci_needs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, golden: Any
) -> None:
    folder = tmp_path / "nongbua"
    code, out, err = init(
        folder, *FLAGS, monkeypatch=monkeypatch, installed=pin(LOCAL["editable"], __version__)
    )
    assert (code, err) == (0, "")
    golden("init/output-editable.txt", out)
    golden("init/requirements-editable.txt", (folder / "requirements.txt").read_text(encoding="utf-8"))
