"""The editor's local backend in ``oit-site serve``, without a browser: Decap's protocol as
``/admin/api/v1`` answers it, each save tried with the build's models before anything is
written, written whole and committed with a Thai message; nothing a request names reaches
outside ``content/``; only this computer's own page may write.

The application is called as the server calls it (a WSGI environ), on a copy of the example
repository under git.
"""

from __future__ import annotations

import base64
import io
import json
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import example_repo

from site_builder.commands.serve import ask_author
from site_builder.local.history import Author, GitHistory
from site_builder.local.server import Address, BuildStatus, EditorServer
from site_builder.local.serving import run_new_year

TODAY = date(2025, 5, 1)
HOST = "127.0.0.1:8000"
API = "/ita/admin/api/v1"
CLERK = Author("สมศรี ใจดี", "somsri@banmai.go.th")


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "core.quotepath=off", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout


def under_git(root: Path) -> Path:
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "config", "user.name", CLERK.name)
    git(root, "config", "user.email", CLERK.email)
    (root / ".gitignore").write_text("/site/\n/.cache/\n", encoding="utf-8")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--message", "เริ่มต้น")
    return root


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return under_git(example_repo(tmp_path / "repo"))


def editor(root: Path, host: str = "127.0.0.1") -> EditorServer:
    return EditorServer(
        root,
        root / "content",
        None,
        Address(host, 8000, "/ita/"),
        BuildStatus(),
        run_new_year(root / "mkdocs.yml"),
        lambda: TODAY,
    )


def request(
    server: EditorServer,
    path: str,
    body: object = None,
    *,
    method: str = "POST",
    host: str = HOST,
    origin: str | None = f"http://{HOST}",
    content_type: str = "application/json; charset=utf-8",
) -> tuple[str, Any]:
    data = json.dumps(body).encode() if body is not None else b""
    environ = {
        "PATH_INFO": path,
        "REQUEST_METHOD": method,
        "HTTP_HOST": host,
        "CONTENT_TYPE": content_type,
        "CONTENT_LENGTH": str(len(data)),
        "wsgi.input": io.BytesIO(data),
    }
    if origin is not None:
        environ["HTTP_ORIGIN"] = origin
    answer: dict[str, str] = {}
    chunks = server(environ, lambda status, headers, exc=None: answer.update(status=status))
    assert chunks is not None, f"{path} is not the editor's"
    payload = b"".join(chunks)
    kind = "json" if payload[:1] in (b"{", b"[", b"n") else "text"
    return answer["status"], json.loads(payload) if kind == "json" else payload.decode()


def call(server: EditorServer, action: str, **params: Any) -> tuple[str, Any]:
    return request(server, API, {"action": action, "params": {"branch": "main", **params}})


def persist(
    server: EditorServer, path: str, raw: str, assets: list[dict[str, str]] | None = None
) -> tuple[str, Any]:
    entry = {"slug": path, "path": path, "raw": raw}
    options = {"commitMessage": "Update", "useWorkflow": False, "status": ""}
    return call(server, "persistEntry", dataFiles=[entry], assets=assets or [], options=options)


def last_commit(root: Path) -> str:
    """The last commit's author, message and files (status and path)."""
    message = git(root, "log", "-1", "--format=%an <%ae>%n%B")
    return message + git(root, "show", "--format=", "--name-status", "HEAD")


def commits(root: Path) -> int:
    return int(git(root, "rev-list", "--count", "HEAD"))


def pdf(name: str) -> dict[str, str]:
    return {"path": name, "content": base64.b64encode(b"%PDF-1.4\n% test\n").decode(), "encoding": "base64"}


# ------------------------------------------------------------------ reading


def test_the_protocol_reads_entries_and_media_as_decap_server_does(root: Path) -> None:
    server = editor(root)
    assert call(server, "info") == (
        "200 OK",
        {"repo": "repo", "publish_modes": ["simple"], "type": "local_fs"},
    )
    status, entry = call(server, "getEntry", path="content/2568/o12/index.md")
    text = (root / "content/2568/o12/index.md").read_text(encoding="utf-8")
    assert status == "200 OK"
    assert entry["data"] == text and entry["file"]["path"] == "content/2568/o12/index.md"
    status, entries = call(
        server, "entriesByFiles", files=[{"path": "content/agency.yml", "label": "หน่วยงาน"}]
    )
    assert [e["file"]["label"] for e in entries] == ["หน่วยงาน"]
    (root / "content/2568/o12/แผน.pdf").write_bytes(b"%PDF-1.4\n")
    status, media = call(server, "getMedia", mediaFolder="content/2568/o12")
    # An item's folder holds its page beside its documents: the page is no document.
    assert [(m["name"], base64.b64decode(m["content"])) for m in media] == [("แผน.pdf", b"%PDF-1.4\n")]
    assert call(server, "getDeployPreview", collection="y2568-items", slug="o12") == ("200 OK", None)


def test_the_logo_s_field_lists_the_images_beside_agency_yml_and_nothing_else(
    root: Path, tmp_path: Path
) -> None:
    (root / "content/ตราใหม่.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "content/.DS_Store").write_bytes(b"junk")
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG secret")
    (root / "content/ลิงก์.png").symlink_to(secret)
    status, media = call(editor(root), "getMedia", mediaFolder="content")
    assert status == "200 OK"
    assert [(m["path"], base64.b64decode(m["content"])) for m in media] == [
        ("content/logo.svg", (root / "content/logo.svg").read_bytes()),
        ("content/ตราใหม่.png", b"\x89PNG\r\n\x1a\n"),
    ]


def test_a_part_of_a_year_with_no_file_yet_opens_as_an_empty_form(root: Path) -> None:
    (root / "content/2568/analysis.yml").unlink()
    status, entry = call(editor(root), "getEntry", path="content/2568/analysis.yml")
    assert (status, entry["data"]) == (
        "200 OK",
        "# yaml-language-server: $schema=../../schema/analysis.schema.json\n",
    )


# ------------------------------------------------------------------ saving


def test_a_save_is_written_and_committed_with_a_thai_message_naming_the_year_and_item(root: Path) -> None:
    server = editor(root)
    page = root / "content/2568/o12/index.md"
    raw = page.read_text(encoding="utf-8").replace(
        "---\npublished",
        "---\ndocuments:\n  - file: สรุปผล.pdf\n    title: สรุปผลการจัดซื้อ\n    date: 2025-03-05\npublished",
    )
    assert persist(server, "content/2568/o12/index.md", raw, [pdf("content/2568/o12/สรุปผล.pdf")]) == (
        "200 OK",
        {"message": "entry persisted"},
    )
    assert page.read_text(encoding="utf-8") == raw
    assert (root / "content/2568/o12/สรุปผล.pdf").read_bytes() == b"%PDF-1.4\n% test\n"
    assert last_commit(root) == (
        f"{CLERK.name} <{CLERK.email}>\n"
        "แก้ไขข้อ O12 รายการการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ และความก้าวหน้าการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ"
        " ปี 2568 และเพิ่มไฟล์ สรุปผล.pdf\n\n"
        "แก้ไขในเบราว์เซอร์ (oit-site serve):\n"
        "- content/2568/o12/index.md\n"
        "- content/2568/o12/สรุปผล.pdf\n\n"
        "M\tcontent/2568/o12/index.md\n"
        "A\tcontent/2568/o12/สรุปผล.pdf\n"
    )
    assert git(root, "status", "--porcelain") == ""
    progress = root / "content/2568/progress.yml"
    raw = progress.read_text(encoding="utf-8").replace("status: in_progress", "status: done", 1)
    assert persist(server, "content/2568/progress.yml", raw)[0] == "200 OK"
    assert last_commit(root).splitlines()[1] == "แก้ไขรายงานผลการดำเนินการตามมาตรการ ปี 2568"


REFUSED = [
    (
        "progress-entry-without-status",
        "content/2568/progress.yml",
        "entries:\n",
        "entries:\n  - measure: m1\n",
    ),
    ("score-150", "content/2568/result.yml", "score: 94.29", "score: 150"),
    ("level-not-of-the-year", "content/2568/result.yml", "level: ผ่านดี\n", "level: ผ่านดีมาก\n"),
    (
        "not-a-link",
        "content/2568/o12/index.md",
        "---\npublished",
        "---\nlinks:\n  - title: ก\n    url: ftp://x\npublished",
    ),
    (
        "document-not-in-the-folder",
        "content/2568/o12/index.md",
        "---\npublished",
        "---\ndocuments:\n  - file: ไม่มี.pdf\n    title: ก\npublished",
    ),
]


@pytest.mark.parametrize(("name", "path", "old", "new"), REFUSED, ids=[case[0] for case in REFUSED])
def test_a_save_the_build_would_refuse_is_refused_with_its_message_and_nothing_is_written(
    root: Path, golden: Any, name: str, path: str, old: str, new: str
) -> None:
    server = editor(root)
    before = {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}
    count = commits(root)
    text = (root / path).read_text(encoding="utf-8")
    assert old in text
    raw = text.replace(old, new, 1)
    status, answer = persist(server, path, raw)
    assert status == "422 Unprocessable Entity"
    golden(f"editor/refused-{name}.txt", answer["error"] + "\n")
    assert {p: p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()} == before
    assert commits(root) == count
    # The form asks first, and is told the same errors, each with its line and key path.
    status, checked = call(server, "check", path=path, raw=raw)
    assert answer["error"].split("\n", 2)[2] == "\n".join(e["text"] for e in checked["errors"])


def test_a_bad_upload_is_refused_and_nothing_is_written(root: Path, golden: Any) -> None:
    server = editor(root)
    page = root / "content/2568/o12/index.md"
    text = page.read_text(encoding="utf-8")
    said = []
    for name, data in [("หน้า.html", b"<script>"), ("ปลอม.pdf", b"<html>")]:
        raw = text.replace("---\npublished", f"---\ndocuments:\n  - file: {name}\n    title: ก\npublished")
        upload = {
            "path": f"content/2568/o12/{name}",
            "content": base64.b64encode(data).decode(),
            "encoding": "base64",
        }
        status, answer = persist(server, "content/2568/o12/index.md", raw, [upload])
        assert status == "422 Unprocessable Entity"
        said.append(answer["error"])
        assert not (root / "content/2568/o12" / name).exists()
    assert page.read_text(encoding="utf-8") == text
    assert commits(root) == 1
    golden("editor/refused-uploads.txt", "\n\n".join(said) + "\n")


def test_deleting_a_document_the_page_still_lists_is_refused(root: Path) -> None:
    server = editor(root)
    page = root / "content/2568/o12/index.md"
    raw = page.read_text(encoding="utf-8").replace(
        "---\npublished", "---\ndocuments:\n  - file: สรุปผล.pdf\n    title: สรุป\npublished"
    )
    assert (
        persist(server, "content/2568/o12/index.md", raw, [pdf("content/2568/o12/สรุปผล.pdf")])[0] == "200 OK"
    )
    status, _answer = call(server, "deleteFiles", paths=["content/2568/o12/สรุปผล.pdf"], options={})
    assert status == "422 Unprocessable Entity"
    assert (root / "content/2568/o12/สรุปผล.pdf").is_file()
    (root / "content/2568/o12/เก่า.pdf").write_bytes(b"%PDF-1.4\n")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--message", "เอกสารเก่า")
    assert call(server, "deleteFile", path="content/2568/o12/เก่า.pdf", options={})[0] == "200 OK"
    assert not (root / "content/2568/o12/เก่า.pdf").exists()
    assert last_commit(root).splitlines()[1] == (
        "ลบไฟล์ เก่า.pdf จากข้อ O12 รายการการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ"
        " และความก้าวหน้าการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ ปี 2568"
    )


# ------------------------------------------------------------------ nothing outside content/


OUTSIDE = [
    "mkdocs.yml",
    "../mkdocs.yml",
    "content/../mkdocs.yml",
    "content/2568/o12/../../../mkdocs.yml",
    "/etc/passwd",
    "content\\..\\mkdocs.yml",
    "content//agency.yml",
    "content/./agency.yml",
    "content",
    "content/C:/Windows/win.ini",
]


@pytest.mark.parametrize("path", OUTSIDE)
def test_no_path_a_request_names_reaches_outside_content(root: Path, path: str, golden: Any) -> None:
    server = editor(root)
    config = (root / "mkdocs.yml").read_bytes()
    answers = [
        call(server, "getEntry", path=path),
        call(server, "getMediaFile", path=path),
        # content/ itself is the logo's folder: its listing is tested below.
        *([] if path == "content" else [call(server, "getMedia", mediaFolder=path)]),
        persist(server, path, "x: 1\n"),
        call(server, "persistMedia", asset=pdf(path), options={}),
        call(server, "deleteFile", path=path, options={}),
    ]
    assert {status for status, _ in answers} == {"422 Unprocessable Entity"}
    assert (root / "mkdocs.yml").read_bytes() == config
    assert commits(root) == 1
    golden(f"editor/outside-{OUTSIDE.index(path)}.txt", f"{path}\n{answers[0][1]['error']}\n")


def test_a_link_inside_content_is_not_followed(root: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4\nsecret\n")
    (root / "content/2568/o12/ลิงก์.pdf").symlink_to(secret)
    (root / "content/2568/ข้างนอก").symlink_to(tmp_path, target_is_directory=True)
    server = editor(root)
    for action, params in [
        ("getMediaFile", {"path": "content/2568/o12/ลิงก์.pdf"}),
        ("getMedia", {"mediaFolder": "content/2568/ข้างนอก"}),
        ("persistMedia", {"asset": pdf("content/2568/ข้างนอก/secret.pdf"), "options": {}}),
    ]:
        status, answer = call(server, action, **params)
        assert status == "422 Unprocessable Entity", action
        assert "ผ่านลิงก์ (symbolic link)" in answer["error"]
    status, media = call(server, "getMedia", mediaFolder="content/2568/o12")
    assert media == []
    assert secret.read_bytes() == b"%PDF-1.4\nsecret\n"


@pytest.mark.parametrize(
    ("case", "changes", "expected"),
    [
        ("another site's page", {"origin": "http://evil.example"}, "403 Forbidden"),
        ("no Origin", {"origin": None}, "403 Forbidden"),
        (
            "a name of its own (DNS rebinding)",
            {"host": "evil.example:8000", "origin": "http://evil.example:8000"},
            "403 Forbidden",
        ),
        ("a form post", {"content_type": "text/plain"}, "415 Unsupported Media Type"),
        ("a GET", {"method": "GET"}, "405 Method Not Allowed"),
    ],
)
def test_only_the_editors_own_page_on_this_computer_may_write(
    root: Path, case: str, changes: dict[str, Any], expected: str
) -> None:
    server = editor(root)
    text = (root / "content/agency.yml").read_text(encoding="utf-8")
    body = {
        "action": "persistEntry",
        "params": {"dataFiles": [{"path": "content/agency.yml", "raw": text + "#\n"}], "assets": []},
    }
    status, _ = request(server, API, body, **changes)
    assert status == expected, case
    assert (root / "content/agency.yml").read_text(encoding="utf-8") == text


def test_a_server_listening_beyond_this_computer_saves_nothing(root: Path) -> None:
    server = editor(root, host="0.0.0.0")
    status, answer = request(
        server, API, {"action": "info", "params": {}}, host="0.0.0.0:8000", origin="http://0.0.0.0:8000"
    )
    assert status == "403 Forbidden"
    assert answer["error"].startswith("หน้าแก้ไขบันทึกได้เฉพาะเมื่อ oit-site serve รับเฉพาะเครื่องนี้ (127.0.0.1)")
    status, settings = request(server, "/ita/admin/oit-editor.json", method="GET", host="0.0.0.0:8000")
    assert (status, settings["cms"], settings["local"]["listening"]) == ("200 OK", None, False)


# ------------------------------------------------------------------ before saving


def test_the_form_is_warned_of_what_the_page_would_flag_and_offered_the_updated_date(
    root: Path, golden: Any
) -> None:
    server = editor(root)
    page = root / "content/2568/o12/index.md"
    raw = page.read_text(encoding="utf-8").replace(
        "---\npublished",
        "---\ndocuments:\n  - file: สรุปผล.pdf\n    title: สรุป\n    date: 2023-05-02\npublished",
    )
    status, checked = call(
        server, "check", path="content/2568/o12/index.md", raw=raw, assets=["content/2568/o12/สรุปผล.pdf"]
    )
    assert (status, checked["errors"]) == ("200 OK", [])
    golden(
        "editor/check-warnings.txt", "\n".join(checked["warnings"]) + "\n" + checked["offer"]["text"] + "\n"
    )
    assert checked["offer"]["updated"] == "2025-05-01"
    assert not (root / "content/2568/o12/สรุปผล.pdf").exists()


# ------------------------------------------------------------------ the yearly tasks


def test_the_next_year_is_started_from_the_editor_and_its_result_entered(root: Path) -> None:
    server = editor(root)
    _, settings = request(server, "/ita/admin/oit-editor.json", method="GET")
    yearly = next(c for c in settings["cms"]["collections"] if c["name"] == "yearly")
    task = yearly["files"][0]
    assert (task["label"], task["fields"][0]["options"]) == (
        "เริ่มปีงบประมาณ 2569",
        [{"label": "ปีงบประมาณ 2569", "value": "2569"}],
    )
    assert persist(server, task["file"], 'year: "2569"\n')[0] == "200 OK"
    assert (root / "content/2569/o1/index.md").is_file()
    log = last_commit(root)
    assert log.splitlines()[1] == "เริ่มปีงบประมาณ 2569 (oit-site new-year)"
    assert "A\tcontent/2569/year.yml" in log and "A\tcontent/2569/o1/index.md" in log
    assert not (root / "content/.new-year.yml").exists()
    _, again = persist(server, task["file"], 'year: "2569"\n')
    assert again == {"error": "ปีงบประมาณ 2569 มีอยู่แล้ว (the year already exists): เลือกปี 2569 จากรายการ"}

    _status, settings = request(server, "/ita/admin/oit-editor.json", method="GET")
    year = next(c for c in settings["cms"]["collections"] if c["name"] == "y2569")
    result = next(f for f in year["files"] if f["name"] == "result")
    assert result["label"] == "ผลการประเมิน ITA (ยังไม่มี: กรอกแล้วบันทึกเพื่อสร้าง)"
    level = next(f for f in result["fields"] if f["name"] == "level")
    assert [o["value"] for o in level["options"]] == [
        "ผ่านดีเยี่ยม",
        "ผ่านดี",
        "ผ่าน",
        "ต้องปรับปรุง",
        "ต้องปรับปรุงโดยด่วน",
    ]
    raw = (
        "# yaml-language-server: $schema=../../schema/result.schema.json\n"
        "score: 91.2\nlevel: ผ่านดี\ntools:\n  IIT: 92.5\n  EIT: 90.1\n  OIT: 91.1\n"
    )
    assert persist(server, "content/2569/result.yml", raw)[0] == "200 OK"
    assert last_commit(root).splitlines()[1] == "สร้างผลการประเมิน ITA ปี 2569"
    assert (root / "content/2569/result.yml").read_text(encoding="utf-8") == raw


# ------------------------------------------------------------------ a file broken by hand


def test_a_file_broken_by_hand_leaves_the_editor_answering_with_the_builds_message(
    root: Path, golden: Any
) -> None:
    server = editor(root)
    assert request(server, "/ita/admin/oit-editor.json", method="GET")[0] == "200 OK"
    with (root / "content/2568/result.yml").open("a", encoding="utf-8") as out:
        out.write("score: [\n")
    status, settings = request(server, "/ita/admin/oit-editor.json", method="GET")
    assert status == "200 OK"
    golden("editor/broken-file.txt", settings["local"]["error"] + "\n")
    assert [c["name"] for c in settings["cms"]["collections"]][:2] == ["agency", "y2568"]
    status, page = request(server, "/ita/admin/", method="GET")
    assert status == "200 OK" and "<title>แก้ไขเนื้อหา · เทศบาลตำบลบ้านสายรุ้ง</title>" in page
    # Broken before the server started: the message alone.
    status, settings = request(editor(root), "/ita/admin/oit-editor.json", method="GET")
    assert (settings["cms"], settings["local"]["error"]) == (None, golden_text("editor/broken-file.txt"))


def golden_text(name: str) -> str:
    return (Path(__file__).parent / "goldens" / name).read_text(encoding="utf-8").removesuffix("\n")


# ------------------------------------------------------------------ without git, and the first run


def test_without_a_repository_saves_are_written_and_the_editor_says_they_are_not_committed(
    tmp_path: Path,
) -> None:
    root = example_repo(tmp_path / "repo")
    server = editor(root)
    _status, settings = request(server, "/ita/admin/oit-editor.json", method="GET")
    assert settings["local"]["history"] == (
        "โฟลเดอร์ของเว็บไซต์ไม่ใช่ git repository จึงบันทึกลงไฟล์โดยไม่ commit "
        "(not a git repository: files are saved, not committed)"
    )
    text = (
        (root / "content/2568/progress.yml")
        .read_text(encoding="utf-8")
        .replace("status: in_progress", "status: done", 1)
    )
    assert persist(server, "content/2568/progress.yml", text)[0] == "200 OK"
    assert (root / "content/2568/progress.yml").read_text(encoding="utf-8") == text


def test_the_first_run_asks_the_clerks_name_for_the_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = example_repo(tmp_path / "repo")
    git(root, "init", "--quiet")
    # No name from the machine's own configuration.
    for name in ("HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "home"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    history = GitHistory(root)
    assert history.author() is None
    answers = iter(["สมศรี ใจดี", ""])
    out = io.StringIO()
    ask_author(history, lambda prompt: next(answers), out)
    assert history.author() == Author("สมศรี ใจดี", "editor@localhost")
    assert out.getvalue() == (
        "บันทึกชื่อ สมศรี ใจดี <editor@localhost> ไว้ใน git ของเว็บไซต์นี้แล้ว (saved in this repository's git config)\n"
    )
    out = io.StringIO()
    ask_author(history, lambda prompt: pytest.fail("asked again"), out)
    assert out.getvalue() == ""
    # Nobody at a terminal: nothing asked, and the commits' name said.
    bare = tmp_path / "bare"
    bare.mkdir()
    git(bare, "init", "--quiet")
    out = io.StringIO()
    ask_author(GitHistory(bare), lambda prompt: None, out)
    assert out.getvalue() == (
        "ยังไม่ได้ตั้งชื่อผู้แก้ไข การบันทึกจะลงชื่อ 'ผู้แก้ไขในเบราว์เซอร์' ตั้งชื่อภายหลังด้วย "
        'git config user.name "ชื่อ นามสกุล" (commits are signed as the browser editor)\n'
    )


def test_an_items_form_is_told_what_the_assessor_expects_and_its_status_as_it_is_now(root: Path) -> None:
    server = editor(root)
    status, about = call(server, "about", path="content/2567/o1/index.md")
    assert (status, about) == (
        "200 OK",
        {
            "heading": "O1 โครงสร้าง",
            "year": "ITA 2567",
            "status": "ครบ",
            "done": True,
            "notes": [],
            "expects": [
                "แผนผังโครงสร้างการแบ่งส่วนราชการของหน่วยงาน",
                "แสดงตำแหน่งที่สำคัญและการแบ่งส่วนงานภายใน เช่น สำนัก กอง ศูนย์ ฝ่าย ส่วน กลุ่ม",
            ],
            "period": None,
            "window": None,
            "page": "2567/o1/",
        },
    )
    status, about = call(server, "about", path="content/2568/o12/index.md")
    assert (about["period"], about["window"]) == (
        "ปีงบประมาณปัจจุบัน (1 ตุลาคม 2567 – 30 กันยายน 2568)",
        ["2024-10-01", "2025-09-30"],
    )
    # A document outside the period, as the page flags it: its date in the Buddhist era.
    page = root / "content/2568/o12/index.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "---\npublished",
            "---\ndocuments:\n  - file: สรุปผล.pdf\n    title: สรุป\n    date: 2023-05-02\npublished",
        ),
        encoding="utf-8",
    )
    (root / "content/2568/o12/สรุปผล.pdf").write_bytes(b"%PDF-1.4\n")
    status, about = call(server, "about", path="content/2568/o12/index.md")
    warned = golden_text("editor/check-warnings.txt").split("\n")[0]
    assert (about["status"], about["notes"]) == ("เอกสารนอกช่วง", [warned])
