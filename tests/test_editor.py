"""The browser editor in Chromium, saving through Decap's local backend (decap-server).

The example repository is built with ``editor: {backend: local}``; decap-server (from
``tests/editor/``, ``npm ci --prefix tests/editor``) writes into it as it does on an
editor's PC. A clerk's monthly tasks are done through the forms, and the files on disk
must change in exactly those places and still build. Outside CI, without Chromium or
decap-server these tests are skipped with one line saying how to install them; under CI
(CI set) they fail instead.
"""

from __future__ import annotations

import difflib
import functools
import http.server
import io
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlparse

import pytest
from conftest import REPO, example_repo, run_mkdocs
from servers import _wait as wait_for_port
from servers import free_port

from site_builder.cli import main

CHROMIUM = os.environ.get("OIT_CHROMIUM", "/usr/bin/chromium")
DECAP_SERVER = REPO / "tests" / "editor" / "node_modules" / "decap-server" / "dist" / "index.js"

for needed, how in (
    (Path(CHROMIUM), "apt-get install chromium"),
    (DECAP_SERVER, "npm ci --prefix tests/editor"),
):
    if not needed.exists() or shutil.which("node") is None:
        if os.environ.get("CI"):
            pytest.fail(f"{needed} or node is missing: .ci/run installs it ({how})", pytrace=False)
        pytest.skip(f"{needed} not found: {how} (editor tests skipped)", allow_module_level=True)

from playwright.sync_api import Browser, Locator, Page, expect  # noqa: E402
from test_browser import browser  # noqa: E402, F401 (the fixture: Debian's Chromium, headless)

BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
DOCUMENT = "สรุปผลจัดซื้อ กุมภาพันธ์.pdf"
SAVED_AS = "สรุปผลจัดซื้อ-กุมภาพันธ์.pdf"  # Decap's file names: a space becomes "-"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def editor_settings(root: Path, lines: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - oit:\n", "  - oit:\n" + lines), encoding="utf-8")


@pytest.fixture(scope="module")
def backend_port() -> int:
    return free_port()


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory, backend_port: int) -> Path:
    root = example_repo(tmp_path_factory.mktemp("editor") / "repo")
    editor_settings(
        root,
        f"      editor:\n        backend: local\n        local_url: http://localhost:{backend_port}/api/v1\n",
    )
    result = run_mkdocs(root)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def backend(repo: Path, backend_port: int, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    log = tmp_path_factory.mktemp("decap-server") / "log"
    env = {
        **os.environ,
        "PORT": str(backend_port),
        "BIND_HOST": "127.0.0.1",
        "GIT_REPO_DIRECTORY": str(repo),
        "LOG_LEVEL": "warn",
    }
    with log.open("w") as out:
        process = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_for_port(backend_port, process, log)
        yield
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="module")
def base(repo: Path, backend: None) -> Iterator[str]:
    server, address = serve(repo / "site")
    # localhost, as on the editor's PC: Decap looks for its local backend only there.
    yield address.replace("127.0.0.1", "localhost")
    server.shutdown()


class Editor:
    """The admin page in a fresh browser context, with what it requested and logged."""

    def __init__(self, chromium: Browser, base: str) -> None:
        self.context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.page: Page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.base = base

    def open(self) -> Editor:
        self.page.goto(self.base + "admin/")
        self.page.get_by_role("button", name="เข้าสู่ระบบ").click()
        expect(self.page.get_by_text("ปี 2568: ข้อ OIT")).to_be_visible()
        return self

    def entry(self, collection: str, entry: str) -> None:
        self.page.get_by_role("link", name=collection, exact=True).click()
        self.page.get_by_text(entry).first.click()
        expect(self.page.get_by_text("บันทึกการเปลี่ยนแปลงแล้ว")).to_be_visible()

    def row(self, summary: str) -> Locator:
        """A list row, opened: found by its summary line."""
        row = self.page.locator("[class*=SortableListItem]").filter(
            has=self.page.get_by_text(summary, exact=True)
        )
        row.first.locator("button").first.click()
        return row.first

    def publish(self) -> None:
        self.page.get_by_role("button", name="เผยแพร่").first.click()
        self.page.get_by_text("เผยแพร่ตอนนี้").click()

    def saved(self) -> None:
        expect(self.page.get_by_text("บันทึกการเปลี่ยนแปลงแล้ว")).to_be_visible(timeout=15_000)

    def close(self) -> None:
        self.context.close()


def text_field(scope: Locator | Page, value: str) -> Locator:
    """The visible text box that holds ``value``."""
    boxes = [
        box for box in scope.locator("textarea:visible, input:visible").all() if box.input_value() == value
    ]
    assert len(boxes) == 1, f"{len(boxes)} boxes hold {value!r}"
    return boxes[0]


def changes(before: str, after: str) -> list[str]:
    """The lines a save removed (-) and added (+)."""
    return [
        line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line.startswith(("-", "+"))
    ]


def check(root: Path) -> tuple[int, str]:
    """``oit-site check``: its exit code and what it prints."""
    out = io.StringIO()
    return main(["-f", str(root / "mkdocs.yml"), "check"], out=out), out.getvalue()


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted((root / "content").rglob("*"))
        if path.is_file()
    }


def test_monthly_tasks_save_exactly_what_the_forms_changed(
    repo: Path,
    base: str,
    browser: Browser,  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
) -> None:
    before = snapshot(repo)
    check_before = check(repo)
    upload = tmp_path / DOCUMENT
    upload.write_bytes(b"%PDF-1.4\n% procurement summary, February\n")
    editor = Editor(browser, base).open()
    page = editor.page

    # 1. This month's procurement summary, uploaded into item O12 of 2568.
    editor.entry("ปี 2568: ข้อ OIT", "O12 รายการการจัดซื้อจัดจ้าง")
    page.get_by_role("button", name="เพิ่ม เอกสาร").click()
    page.get_by_role("button", name="เลือกไฟล์").click()
    page.locator("input[type=file]").set_input_files(upload)
    page.get_by_role("button", name="ใช้ไฟล์ที่เลือก").click()
    page.get_by_label("ชื่อเอกสาร").fill("สรุปผลการจัดซื้อจัดจ้าง เดือนกุมภาพันธ์ 2568")
    page.get_by_label("วันที่ของเอกสาร").fill("2025-03-05")
    editor.publish()
    editor.saved()

    # 2. A measure's action reworded, and its progress ticked as done.
    page.go_back()
    editor.entry("ปี 2568: ผลการประเมินและมาตรการ", "มาตรการส่งเสริมคุณธรรมและความโปร่งใส")
    m1 = editor.row("m1 · การปฏิบัติหน้าที่")
    text_field(m1, "ปรับปรุงพัฒนาการปฏิบัติหน้าที่ของเจ้าหน้าที่เพื่อให้บริการที่มีคุณภาพมากขึ้น").fill(
        "อบรมเจ้าหน้าที่ทุกกองเรื่องการปฏิบัติหน้าที่ตามคู่มือ ภายในเดือนธันวาคม"
    )
    editor.publish()
    editor.saved()
    page.go_back()
    editor.entry("ปี 2568: ผลการประเมินและมาตรการ", "รายงานผลการดำเนินการตามมาตรการ")
    entry = editor.row("m1 · in_progress")
    entry.get_by_text("อยู่ระหว่างดำเนินการ", exact=True).click(force=True)  # the select opens under it
    page.get_by_role("option", name="ดำเนินการแล้ว", exact=True).click()
    editor.publish()
    editor.saved()

    # 3. A question score from the NACC's result page: 101 is refused before saving.
    page.go_back()
    editor.entry("ปี 2568: ผลการประเมินและมาตรการ", "ผลการประเมิน ITA")
    result_before = (repo / "content/2568/result.yml").read_bytes()
    page.get_by_role("button", name="เพิ่ม คะแนนรายข้อคำถาม").click()
    visible = page.locator(":visible")  # the row just added is open, the others are folded
    page.get_by_label("รหัสข้อคำถาม").and_(visible).fill("i21")
    score = page.get_by_label(re.compile(r"^คะแนน \(ทางเลือก\)$")).and_(visible)
    score.fill("101")
    logged = len(editor.errors)
    editor.publish()
    expect(page.get_by_text("คะแนน ต้องอยู่ระหว่าง 0 ถึง 100", exact=True)).to_be_visible()
    # Decap stops a save its form refuses by rejecting a promise with no value, which the
    # browser reports as an uncaught "undefined".
    assert editor.errors[logged:] in ([], ["undefined"])
    del editor.errors[logged:]
    page.screenshot(path=str(tmp_path / "refused.png"))
    assert (repo / "content/2568/result.yml").read_bytes() == result_before
    score.fill("90.5")
    editor.publish()
    editor.saved()
    assert editor.errors == []
    editor.close()

    after = snapshot(repo)
    assert set(after) - set(before) == {f"content/2568/o12/{SAVED_AS}"}
    assert after[f"content/2568/o12/{SAVED_AS}"] == upload.read_bytes()
    changed = sorted(path for path in before if before[path] != after.get(path))
    assert changed == [
        "content/2568/measures.yml",
        "content/2568/o12/index.md",
        "content/2568/progress.yml",
        "content/2568/result.yml",
    ]

    def diff(path: str) -> list[str]:
        return changes(before[path].decode(), after[path].decode())

    assert diff("content/2568/o12/index.md") == [
        "+ documents:",
        f"+   - file: {SAVED_AS}",
        "+     title: สรุปผลการจัดซื้อจัดจ้าง เดือนกุมภาพันธ์ 2568",
        "+     date: 2025-03-05",
    ]
    assert diff("content/2568/measures.yml") == [
        "-       - ปรับปรุงพัฒนาการปฏิบัติหน้าที่ของเจ้าหน้าที่เพื่อให้บริการที่มีคุณภาพมากขึ้น",
        "+       - อบรมเจ้าหน้าที่ทุกกองเรื่องการปฏิบัติหน้าที่ตามคู่มือ ภายในเดือนธันวาคม",
    ]
    assert diff("content/2568/progress.yml") == ["-     status: in_progress", "+     status: done"]
    assert diff("content/2568/result.yml") == ["+   i21: 90.5"]

    build = run_mkdocs(repo)
    assert build.returncode == 0, build.stderr
    page_html = (repo / "site/2568/o12/index.html").read_text(encoding="utf-8")
    assert "สรุปผลการจัดซื้อจัดจ้าง เดือนกุมภาพันธ์ 2568" in page_html
    assert f'href="{quote(SAVED_AS)}"' in page_html
    assert (repo / "site/2568/o12" / SAVED_AS).read_bytes() == upload.read_bytes()
    code, report = check(repo)
    assert (code, check_before[0]) == (0, 0), report
    o12 = report.split("\nO12 ", 1)[1].split("\nO13 ", 1)[0]
    assert "✓ ครบ (complete)" in o12 and "ไม่มีเอกสาร" not in o12
    assert "ไม่มีเอกสาร" in check_before[1].split("\nO12 ", 1)[1].split("\nO13 ", 1)[0]


def test_loading_the_editor_asks_no_other_host(base: str, backend_port: int, browser: Browser) -> None:  # noqa: F811 (the fixture imported above)
    editor = Editor(browser, base).open()
    editor.entry("ปี 2568: ข้อ OIT", "O1 โครงสร้าง")
    hosts = {urlparse(url).netloc for url in editor.requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {urlparse(base).netloc, f"localhost:{backend_port}"}
    assert editor.errors == []
    editor.close()


def content_files() -> list[Path]:
    """Every YAML file and item page the editor opens: the example's and the real reports' (seeds)."""
    roots = [REPO / "content", *sorted((REPO / "tests" / "seeds").glob("*/content"))]
    files = []
    for root in roots:
        files += sorted(p for p in root.rglob("*.yml"))
        files += sorted(p for p in root.glob("*/o*/index.md"))
    return files


def test_a_file_saved_unchanged_is_byte_for_byte_the_same(base: str, browser: Browser) -> None:  # noqa: F811 (the fixture imported above)
    editor = Editor(browser, base)
    editor.page.goto(base + "admin/")
    expect(editor.page.get_by_role("button", name="เข้าสู่ระบบ")).to_be_visible()
    files = content_files()
    assert len(files) > 100
    changed = editor.page.evaluate(
        """(files) => files.filter(([name, text]) => {
             const format = name.endsWith('.md') ? OIT_EDITOR.pageFormat : OIT_EDITOR.yamlFormat;
             return format.toFile(format.fromFile(text)) !== text;
           }).map(([name]) => name)""",
        [[str(path.relative_to(REPO)), path.read_text(encoding="utf-8")] for path in files],
    )
    assert changed == []
    # A score in Thai digits shows as its number in the form.
    seed = (REPO / "tests/seeds/001/content/2565/result.yml").read_text(encoding="utf-8")
    assert 'score: "๙๒.๕๑"' in seed
    shown = editor.page.evaluate("(text) => OIT_EDITOR.yamlFormat.fromFile(text)", seed)
    assert (shown["score"], shown["indicators"]["7"]) == (92.51, 85.46)
    assert editor.errors == []
    editor.close()


@pytest.mark.parametrize(
    ("settings", "button"),
    [
        ("backend: github\n        repo: banmai/ita\n", "เข้าสู่ระบบด้วย GitHub"),
        ("backend: gitlab\n        repo: banmai/ita\n        app_id: 0a1b2c\n", "เข้าสู่ระบบด้วย GitLab"),
        (
            "backend: gitea\n        repo: banmai/ita\n        base_url: https://git.banmai.go.th\n"
            "        app_id: 0a1b2c\n",
            "เข้าสู่ระบบด้วย Gitea",
        ),
    ],
)
def test_with_a_git_host_the_page_asks_only_the_site_until_sign_in(
    tmp_path: Path,
    browser: Browser,  # noqa: F811 (the fixture imported above)
    settings: str,
    button: str,
) -> None:
    root = example_repo(tmp_path / "repo")
    editor_settings(root, "      editor:\n        " + settings)
    result = run_mkdocs(root)
    assert result.returncode == 0, result.stderr
    server, site = serve(root / "site")
    # Served under a name of its own, as on the agency's host: not localhost, where Decap
    # would first look for decap-server.
    site = site.replace("127.0.0.1", "ita.banmai.test")
    origin = site.rstrip("/")
    named = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=[
            *BROWSER_ARGS,
            "--host-resolver-rules=MAP ita.banmai.test 127.0.0.1",
            # As if over https: the editor refuses plain http (next test).
            f"--unsafely-treat-insecure-origin-as-secure={origin}",
        ],
    )
    try:
        sign_in_only_asks_the_site(Editor(named, site), site, button)
    finally:
        named.close()
        server.shutdown()


def sign_in_only_asks_the_site(editor: Editor, site: str, button: str) -> None:
    editor.page.goto(site + "admin/")
    expect(editor.page.get_by_role("button", name=button)).to_be_visible()
    editor.page.wait_for_load_state("networkidle")
    hosts = {urlparse(url).netloc for url in editor.requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {urlparse(site).netloc}
    assert editor.errors == []
    editor.close()


def test_over_plain_http_the_editor_refuses_to_open(tmp_path: Path, browser: Browser) -> None:  # noqa: F811 (the fixture imported above)
    root = example_repo(tmp_path / "repo")
    editor_settings(root, "      editor:\n        backend: github\n        repo: banmai/ita\n")
    assert run_mkdocs(root).returncode == 0
    server, site = serve(root / "site")
    site = site.replace("127.0.0.1", "ita.banmai.test")
    named = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*BROWSER_ARGS, "--host-resolver-rules=MAP ita.banmai.test 127.0.0.1"]
    )
    try:
        editor = Editor(named, site)
        editor.page.goto(site + "admin/")
        alert = editor.page.get_by_role("alert")
        expect(alert).to_contain_text("หน้าแก้ไขเนื้อหาเปิดได้เฉพาะผ่าน https://")
        expect(alert).to_contain_text(site.replace("http:", "https:") + "admin/")
        expect(editor.page.get_by_role("button", name="เข้าสู่ระบบด้วย GitHub")).to_have_count(0)
        assert editor.errors == []
    finally:
        named.close()
        server.shutdown()


HOSTILE = '<img src=x onerror="window.__ran=1"><script>window.__ran=2</script>'


def test_a_hostile_file_opened_in_the_editor_runs_nothing(repo: Path, base: str, browser: Browser) -> None:  # noqa: F811 (the fixture imported above)
    page_file = repo / "content/2568/o5/index.md"
    original = page_file.read_text(encoding="utf-8")
    front = f"assessor_note: '{HOSTILE}'\ndocuments:\n  - file: a.pdf\n    title: '{HOSTILE}'\n"
    page_file.write_text(
        "---\n" + front + original.removeprefix("---\n") + f"\n{HOSTILE}\n", encoding="utf-8"
    )
    text = page_file.read_text(encoding="utf-8")
    assert text.count(HOSTILE) == 3 and text.startswith("---\n")
    editor = Editor(browser, base).open()
    dialogs: list[str] = []
    editor.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    editor.entry("ปี 2568: ข้อ OIT", "O5 ")
    editor.page.get_by_role("button", name="เพิ่ม เอกสาร").wait_for()
    editor.page.get_by_text("a.pdf", exact=False).first.wait_for()
    text_field(editor.page, HOSTILE)  # the note, shown as the text it is
    editor.page.get_by_text("มาร์คดาวน์").click()  # the text as Markdown, then back
    editor.page.get_by_text("ข้อความฟอร์แมต").click()
    editor.page.wait_for_timeout(500)
    assert editor.page.evaluate("window.__ran") is None
    assert dialogs == []
    editor.close()


SCAFFOLDED = """---
# O12 รายการการจัดซื้อจัดจ้าง (ITA 2569)
# เอกสาร: วางไฟล์ในโฟลเดอร์นี้ แล้วเขียนชื่อและวันที่
documents: []
---

TODO: เขียนคำอธิบาย
"""


SAVES = [
    (
        "a document added to a scaffolded item keeps its comments; an empty field is not written",
        SCAFFOLDED,
        "d.documents = [{file: 'แผน.pdf', title: 'แผนการจัดซื้อ', date: '2025-10-15', description: ''}]",
        SCAFFOLDED.replace(
            "documents: []\n",
            "documents:\n  - file: แผน.pdf\n    title: แผนการจัดซื้อ\n    date: 2025-10-15\n",
        ),
    ),
    (
        "a row added to a list is written without its empty fields",
        "---\ndocuments:\n  - file: a.pdf\n    title: ก\n---\n",
        "d.documents.push({file: 'b.pdf', title: 'ข', date: '', description: ''})",
        "---\ndocuments:\n  - file: a.pdf\n    title: ก\n  - file: b.pdf\n    title: ข\n---\n",
    ),
    (
        "a field emptied in the form leaves the file; a new one goes where the model puts it",
        "---\npublished: 2024-10-15\nassessor_note: ดูเอกสารแรก\n---\n\nข้อความ\n",
        "d.assessor_note = ''; d.updated = '2025-01-10'; d.documents = []",
        "---\npublished: 2024-10-15\nupdated: 2025-01-10\n---\n\nข้อความ\n",
    ),
    (
        "a unit written as one line stays one line when another field changes",
        "# yaml-language-server: $schema=../../schema/measures.schema.json\nmeasures:\n"
        "  - id: m1\n    topic: การปฏิบัติหน้าที่\n    actions: [จัดทำคู่มือ]\n    responsible: สำนักปลัด\n",
        "d.measures[0].actions[0] = 'อบรมตามคู่มือ'",
        "# yaml-language-server: $schema=../../schema/measures.schema.json\nmeasures:\n"
        "  - id: m1\n    topic: การปฏิบัติหน้าที่\n    actions: [อบรมตามคู่มือ]\n    responsible: สำนักปลัด\n",
    ),
    (
        "a question score added; the others keep their spelling; indicators get number keys",
        "# yaml-language-server: $schema=../../schema/result.schema.json\nscore: ๙๒.๕๑\n"
        "questions:\n  i19: 84.30\n",
        "d.questions.push({code: 'i21', score: 90.5}); d.indicators = {'1': 92.8, '2': ''}",
        "# yaml-language-server: $schema=../../schema/result.schema.json\nscore: ๙๒.๕๑\n"
        "indicators:\n  1: 92.8\nquestions:\n  i19: 84.30\n  i21: 90.5\n",
    ),
]


@pytest.mark.parametrize(("name", "text", "change", "expected"), SAVES, ids=[case[0] for case in SAVES])
def test_a_save_writes_exactly_what_the_form_changed(
    base: str,
    browser: Browser,  # noqa: F811 (the fixture imported above)
    name: str,
    text: str,
    change: str,
    expected: str,
) -> None:
    editor = Editor(browser, base)
    editor.page.goto(base + "admin/")
    expect(editor.page.get_by_role("button", name="เข้าสู่ระบบ")).to_be_visible()
    saved = editor.page.evaluate(
        """([text, change]) => {
             const format = text.startsWith('---') ? OIT_EDITOR.pageFormat : OIT_EDITOR.yamlFormat;
             const d = format.fromFile(text);
             new Function('d', change)(d);
             return format.toFile(d);
           }""",
        [text, change],
    )
    assert saved == expected, name
    editor.close()
