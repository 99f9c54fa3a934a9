"""The browser editor as a clerk uses it: ``oit-site serve`` and nothing else (no Node on
``PATH``), driven by clicks in Chromium at a phone's 360×800 and a desktop's 1280×800.

The monthly tasks are done through the forms (a progress entry, an item's link and note, a
measure, a corrected score, an uploaded PDF, the next fiscal year and its result); each
must make one commit with a Thai message naming the year and the item, and show at the
item's stable URL; ``mkdocs build --strict`` passes at the end. The mistakes clerks make
(dates typed as 09192025, an empty choice in a list, a score of 150, ``http://`` where the
field says https) are refused at the field with a Thai message and write nothing; a file
broken by hand leaves the site and the editor answering, with the build's message. On every
screen at 360 px nothing scrolls sideways.

Outside CI, without Chromium these tests are skipped with one line saying how to install
it; under CI (CI set) they fail instead.
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlparse

import pytest
from conftest import MKDOCS_ENV, REPO, example_repo, run_mkdocs
from servers import free_port

from site_builder.model.kinds import KINDS
from site_builder.thai import thai_date

CHROMIUM = os.environ.get("OIT_CHROMIUM", "/usr/bin/chromium")

if not Path(CHROMIUM).exists():
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing: .ci/run installs it (apt-get install chromium)", pytrace=False)
    pytest.skip(
        f"{CHROMIUM} not found: apt-get install chromium (editor tests skipped)", allow_module_level=True
    )

from playwright.sync_api import Browser, Locator, Page, expect  # noqa: E402
from test_browser import browser  # noqa: E402, F401 (the fixture: Debian's Chromium, headless)

NOT_SAVED = "ยังบันทึกไม่ได้: แก้ช่องที่มีข้อความสีแดง (not saved: fix the fields marked in red)"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
DOCUMENT = "สรุปผลจัดซื้อ กุมภาพันธ์.pdf"
SAVED_AS = "สรุปผลจัดซื้อ-กุมภาพันธ์.pdf"  # Decap's file names: a space becomes "-"
CLERK = ("สมศรี ใจดี", "somsri@banmai.go.th")
O12 = "O12 รายการการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ และความก้าวหน้าการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ"
O5 = "O5 แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน"


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-c", "core.quotepath=off", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout


def without_node(path: str, tools: Path) -> str:
    """``PATH`` with every folder that holds a ``node`` left out, and ``tools`` first: a
    folder holding git alone (Debian has node and git in the same /usr/bin)."""
    git_program = shutil.which("git")
    assert git_program is not None, "git is needed"
    tools.mkdir(exist_ok=True)
    (tools / "git").symlink_to(git_program)
    kept = [folder for folder in path.split(os.pathsep) if not (Path(folder) / "node").exists()]
    return os.pathsep.join([str(tools), *kept])


def until(condition: Callable[[], bool], seconds: float = 60, page: Page | None = None) -> bool:
    """Whether ``condition`` holds within ``seconds`` (a bounded wait, not a measurement).
    With ``page``, the wait is the browser's, so that its dialogs are answered meanwhile
    (Playwright hands events over only while it is called)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        if page is not None:
            page.wait_for_timeout(300)
        else:
            time.sleep(0.3)
    return False


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


class Served:
    """``oit-site serve`` in a copy of the example repository under git, as a clerk starts it:
    one command, no Node on ``PATH``."""

    def __init__(self, root: Path, width: int) -> None:
        self.root, self.width = root, width
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/ita/"
        env = {**MKDOCS_ENV, "PATH": without_node(os.environ.get("PATH", ""), root.parent / "bin")}
        assert shutil.which("node", path=env["PATH"]) is None
        self.log = (root.parent / "serve.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "site_builder.cli", "serve", "-a", f"127.0.0.1:{self.port}"],
            cwd=root,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        assert until(lambda: bool(fetch(self.url + "admin/oit-editor.json")), 120), (
            "oit-site serve did not answer"
        )

    def commits(self) -> int:
        return int(git(self.root, "rev-list", "--count", "HEAD"))

    def subject(self) -> str:
        return git(self.root, "log", "-1", "--format=%s").strip()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(60)
        self.log.close()


@pytest.fixture(scope="module", params=[360, 1280], ids=["phone", "desktop"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = example_repo(tmp_path_factory.mktemp(f"editor-{request.param}") / "repo")
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "config", "user.name", CLERK[0])
    git(root, "config", "user.email", CLERK[1])
    (root / ".gitignore").write_text("/site/\n/.cache/\n", encoding="utf-8")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--message", "เริ่มต้น")
    server = Served(root, request.param)
    yield server
    server.stop()


class Clerk:
    """The admin page at a screen's width, as a clerk clicks through it; every screen is
    checked for sideways scrolling on a phone."""

    def __init__(self, chromium: Browser, served: Served) -> None:
        self.served = served
        self.width = served.width
        self.context = chromium.new_context(
            viewport={"width": self.width, "height": 800}, locale="th-TH", has_touch=self.width < 800
        )
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.answer_dialogs = True
        self.page: Page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self.dialog)
        self.page.on("requestfinished", self.finished)
        self.widths: list[tuple[str, int]] = []
        self.calls: list[str] = []
        """The backend's actions the page asked for, each with its answer's status."""

    def finished(self, request: Any) -> None:
        if request.url.endswith("/admin/api/v1"):
            response = request.response()
            action = json.loads(request.post_data or "{}").get("action")
            self.calls.append(f"{action} {response.status if response else '-'}")

    def dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        if self.answer_dialogs:
            dialog.accept()
        else:
            dialog.dismiss()

    def screen(self, name: str) -> None:
        """Nothing on this screen is wider than the screen."""
        self.page.wait_for_timeout(150)  # a frame for the layout; not a measurement
        # The page's width, and the form's: Decap's editor clips what overflows it, so a form
        # wider than the screen leaves the page's own width as it was.
        self.widths.append(
            (
                name,
                self.page.evaluate(
                    """() => Math.max(document.documentElement.scrollWidth,
                         ...[...document.querySelectorAll('[class*="-Editor "]')].map(
                           (e) => Math.ceil(e.getBoundingClientRect().right)))"""
                ),
            )
        )

    def open(self) -> Clerk:
        self.page.goto(self.served.url + "admin/")
        self.page.get_by_role("button", name="เข้าสู่ระบบ").click()
        expect(self.page.get_by_role("link", name="ปี 2568: ข้อ OIT", exact=True)).to_be_visible()
        self.screen("collections")
        return self

    def entry(self, collection: str, entry: str, listed: str | None = None) -> None:
        """Open ``entry`` of ``collection``; ``listed``: the entry's line in the list, exactly."""
        self.page.get_by_role("link", name=collection, exact=True).click()
        self.screen(f"{collection}: list")
        if listed is not None:
            expect(self.page.get_by_text(listed, exact=True)).to_be_visible()
        self.page.get_by_text(entry).first.click()
        expect(self.page.get_by_text("บันทึกการเปลี่ยนแปลงแล้ว")).to_be_visible()
        self.screen(f"{collection}: {entry}")

    def back(self) -> None:
        self.page.go_back()
        self.page.go_back()

    def row(self, summary: str) -> Locator:
        """A list row, opened: found by its summary line."""
        row = self.page.locator("[class*=SortableListItem]").filter(
            has=self.page.get_by_text(summary, exact=True)
        )
        row.first.locator("button").first.click()
        return row.first

    def visible(self, label: str | re.Pattern[str]) -> Locator:
        return self.page.get_by_label(label).and_(self.page.locator(":visible"))

    def choose(self, scope: Locator | Page, label: str, option: str) -> None:
        """Pick ``option`` in the list of choices labelled ``label``: a press on the box opens it."""
        named = re.compile(rf"^{re.escape(label)}( \(ทางเลือก\))?$")  # an optional field says so
        field = scope.get_by_label(named).and_(self.page.locator(":visible")).first
        field.locator("xpath=ancestor::*[contains(@class, '-control')][1]").click()
        self.screen(f"choices open: {label}")
        self.page.get_by_role("option", name=option, exact=True).click()

    def publish(self) -> None:
        self.page.get_by_role("button", name="เผยแพร่").first.click()
        now = self.page.get_by_text("เผยแพร่ตอนนี้")
        try:
            now.click(timeout=10_000)
        except Exception:
            shot = self.served.root.parent / "no-publish.png"
            self.page.screenshot(path=str(shot))
            raise

    def published(self, before: int) -> None:
        """One more commit, the form says the entry is saved, and the site still builds strictly."""
        if not until(lambda: self.served.commits() == before + 1, 30, self.page):
            shot = self.served.root.parent / "no-commit.png"
            self.page.screenshot(path=str(shot))
            pytest.fail(
                f"no commit: the screen is in {shot}; console: {self.errors}; dialogs: {self.dialogs}; "
                f"backend: {self.calls[-8:]}"
            )
        expect(self.page.get_by_text("บันทึกการเปลี่ยนแปลงแล้ว")).to_be_visible(timeout=15_000)
        self.screen("saved")
        build = run_mkdocs(self.served.root)
        assert build.returncode == 0, build.stderr

    def refused(self, before: dict[str, bytes], commits: int, *said: str) -> None:
        """The save was refused, each field's message listed at the foot of the screen;
        nothing written, no commit."""
        problems = self.page.locator("#oit-problems")
        expect(problems.locator(".oit-problems-title")).to_have_text(NOT_SAVED)
        expect(problems.locator("li")).to_have_text(list(said))
        self.screen("refused")
        problems.get_by_role("button", name="ปิด").click()
        assert snapshot(self.served.root) == before
        assert self.served.commits() == commits

    def close(self) -> None:
        self.context.close()


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted((root / "content").rglob("*"))
        if path.is_file()
    }


def shown(page: str) -> str:
    """A page's text as a reader sees it: tags dropped, entities decoded, spaces folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def page_shows(served: Served, path: str, text: str) -> bool:
    """Whether the page at ``path`` (the site's stable URL) shows ``text`` once serve has rebuilt."""
    return until(lambda: text in shown(fetch(served.url + path)), 90)


# ------------------------------------------------------------------ the monthly and yearly tasks


def test_the_monthly_and_yearly_tasks_each_make_one_commit_and_show_at_their_stable_url(
    served: Served,
    browser: Browser,  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
) -> None:
    clerk = Clerk(browser, served).open()
    page = clerk.page

    # 1. A progress entry, for a measure of the year before.
    clerk.entry("ปี 2568: ผลการประเมินและมาตรการ", "รายงานผลการดำเนินการตามมาตรการ")
    count = served.commits()
    # Folded rows read in Thai words.
    expect(page.get_by_text("m1 · อยู่ระหว่างดำเนินการ", exact=True)).to_be_visible()
    page.get_by_role("button", name="เพิ่ม ผลรายมาตรการ").click()
    clerk.screen("progress: a new entry")
    new = page.locator("[class*=SortableListItem]").last
    clerk.choose(new, "รหัสมาตรการ", "2567/m2: การเปิดโอกาสให้มีส่วนร่วม")
    clerk.choose(new, "สถานะ", "อยู่ระหว่างดำเนินการ")
    new.get_by_role("button", name="เพิ่ม สรุปผลการดำเนินการ").click()
    new.locator("textarea:visible").last.fill("อบรมเจ้าหน้าที่ใหม่ครบทุกกองแล้ว")
    clerk.publish()
    clerk.published(count)
    assert served.subject() == "แก้ไขรายงานผลการดำเนินการตามมาตรการ ปี 2568"
    assert page_shows(served, "2568/report/", "อบรมเจ้าหน้าที่ใหม่ครบทุกกองแล้ว")

    # 2. An item's link and note.
    clerk.back()
    clerk.entry("ปี 2568: ข้อ OIT", "O5 ")
    count = served.commits()
    page.get_by_role("button", name="เพิ่ม ลิงก์ภายนอก").click()
    clerk.visible("ชื่อลิงก์").fill("แผนพัฒนาท้องถิ่นบนเว็บไซต์หลัก")
    clerk.visible("ที่อยู่ https").fill("https://www.example.go.th/plan/")
    clerk.visible("คำอธิบายสำหรับผู้ตรวจประเมิน").fill("แผนฉบับเต็มอยู่ที่ลิงก์ด้านบน หน้า 12")
    clerk.screen("item: link and note")
    clerk.publish()
    clerk.published(count)
    assert served.subject() == f"แก้ไขข้อ {O5} ปี 2568"
    assert page_shows(served, "2568/o5/", "แผนพัฒนาท้องถิ่นบนเว็บไซต์หลัก")
    assert page_shows(served, "2568/o5/", "แผนฉบับเต็มอยู่ที่ลิงก์ด้านบน หน้า 12")

    # 3. A measure.
    clerk.back()
    clerk.entry("ปี 2568: ผลการประเมินและมาตรการ", "มาตรการส่งเสริมคุณธรรมและความโปร่งใส")
    count = served.commits()
    page.get_by_role("button", name="เพิ่ม มาตรการ").click()
    new = (
        page.locator("[class*=SortableListItem]").filter(has=page.get_by_label("ประเด็น/มาตรการ/แนวทาง")).last
    )
    clerk.visible("รหัสมาตรการสำหรับอ้างอิงในรายงานผล").fill("m4")
    clerk.visible("ประเด็น/มาตรการ/แนวทาง").fill("การเปิดเผยข้อมูลการจัดซื้อจัดจ้างรายเดือน")
    new.get_by_role("button", name="เพิ่ม มาตรการ/โครงการ/กิจกรรม").click()
    new.locator("textarea:visible").last.fill("ลงสรุปผลการจัดซื้อจัดจ้างทุกเดือนภายในวันที่ 10")
    clerk.screen("measures: a new measure")
    clerk.publish()
    clerk.published(count)
    assert served.subject() == "แก้ไขมาตรการส่งเสริมคุณธรรมและความโปร่งใส ปี 2568"
    assert page_shows(served, "2568/report/", "การเปิดเผยข้อมูลการจัดซื้อจัดจ้างรายเดือน")

    # 4. A question's score corrected from the NACC's result page.
    clerk.back()
    clerk.entry("ปี 2568: ผลการประเมินและมาตรการ", "ผลการประเมิน ITA")
    count = served.commits()
    row = clerk.row("i19 · 84.3")
    row.locator("input[inputmode=decimal]:visible").fill("85.1")
    clerk.screen("result: a score")
    clerk.publish()
    clerk.published(count)
    assert served.subject() == "แก้ไขผลการประเมิน ITA ปี 2568"
    assert "  i19: 85.1\n" in (served.root / "content/2568/result.yml").read_text(encoding="utf-8")
    assert page_shows(served, "2568/report/", "85.1")

    # 5. This month's procurement summary, a PDF, in item O12; its date typed in the Buddhist era.
    upload = tmp_path / DOCUMENT
    upload.write_bytes(b"%PDF-1.4\n% procurement summary, February\n")
    clerk.back()
    clerk.entry("ปี 2568: ข้อ OIT", "O12 ", listed=f"{O12} · ครบ")
    count = served.commits()
    # The form says which item it is, its status, and where its page is.
    about = page.locator(".oit-about")
    expect(about.locator(".oit-about-heading")).to_have_text(f"{O12} · ITA 2568")
    expect(about.locator(".oit-about-status")).to_have_text("สถานะบนหน้าเว็บ: ครบ")
    expect(page.get_by_role("link", name="ดูตัวอย่างจากหน้าจริง")).to_have_attribute(
        "href", served.url + "2568/o12/"
    )
    page.get_by_role("button", name="เพิ่ม เอกสาร").click()
    page.get_by_role("button", name="เลือกไฟล์").click()
    clerk.screen("media library")
    page.locator("input[type=file]").set_input_files(upload)
    page.get_by_role("button", name="ใช้ไฟล์ที่เลือก").click()
    clerk.visible("ชื่อเอกสาร").fill("สรุปผลการจัดซื้อจัดจ้าง เดือนกุมภาพันธ์ 2568")
    clerk.visible("วันที่ของเอกสาร").fill("05/03/2568")
    expect(page.get_by_text("5 มีนาคม 2568 · ในไฟล์ 2025-03-05", exact=True)).to_be_visible()
    clerk.screen("item: a document")
    clerk.publish()
    clerk.published(count)
    assert served.subject() == f"แก้ไขข้อ {O12} ปี 2568 และเพิ่มไฟล์ {SAVED_AS}"
    page_text = (served.root / "content/2568/o12/index.md").read_text(encoding="utf-8")
    assert (
        f"documents:\n  - file: {SAVED_AS}\n    title: สรุปผลการจัดซื้อจัดจ้าง เดือนกุมภาพันธ์ 2568\n"
        "    date: 2025-03-05\n"
    ) in page_text
    # A document added under an older "updated": the date is offered, and taken.
    today = date.today()
    assert clerk.dialogs[-1] == (
        f"เพิ่มเอกสาร {SAVED_AS} แล้ว: เปลี่ยน วันที่ปรับปรุงล่าสุด ของหน้า จาก 25 เมษายน 2568 เป็นวันนี้ "
        f"{thai_date(today)} ด้วยหรือไม่ (a document was added: set the page's last-updated date to today?)"
    )
    assert f"updated: {today.isoformat()}\n" in page_text
    assert until(lambda: f'href="{quote(SAVED_AS)}"' in fetch(served.url + "2568/o12/"), 90)
    assert fetch(served.url + "2568/o12/" + quote(SAVED_AS)) == upload.read_text()

    # 6. The next fiscal year, started as `oit-site new-year` does, and its result entered.
    clerk.back()
    clerk.entry("งานประจำปี", "เริ่มปีงบประมาณ 2569")
    count = served.commits()
    clerk.choose(page, "ปีงบประมาณที่จะเริ่ม", "ปีงบประมาณ 2569")
    clerk.publish()
    assert until(lambda: served.commits() == count + 1, 120, page), "the year was not started"
    assert served.subject() == "เริ่มปีงบประมาณ 2569 (oit-site new-year)"
    expect(page.get_by_role("link", name="ปี 2569: ผลการประเมินและมาตรการ", exact=True)).to_be_visible(
        timeout=30_000
    )
    clerk.screen("the new year")
    clerk.entry("ปี 2569: ผลการประเมินและมาตรการ", "ผลการประเมิน ITA (ยังไม่มี")
    count = served.commits()
    clerk.visible(re.compile(r"^คะแนนรวม")).fill("91.2")
    clerk.choose(page, "ระดับผลการประเมิน", "ผ่านดี")
    # A score typed in Thai digits is read as its number.
    for tool, score in (("IIT", "๙๒.๕"), ("EIT", "90.1"), ("OIT", "91.1")):
        clerk.visible(re.compile(rf"^{tool} ")).fill(score)
    clerk.screen("new year: its result")
    clerk.publish()
    clerk.published(count)
    assert served.subject() == "สร้างผลการประเมิน ITA ปี 2569"
    assert "  IIT: 92.5\n" in (served.root / "content/2569/result.yml").read_text(encoding="utf-8")
    assert page_shows(served, "2569/", "91.2")

    # 7. The agency's telephone number: the form beside the logo's folder (content/) opens.
    page.goto(served.url + "admin/#/collections/agency")
    page.get_by_text("ข้อมูลหน่วยงาน").first.click()
    expect(page.get_by_text("บันทึกการเปลี่ยนแปลงแล้ว")).to_be_visible()
    clerk.screen("agency")
    count = served.commits()
    agency = (served.root / "content/agency.yml").read_text(encoding="utf-8")
    row = clerk.row("โทรศัพท์ · tel:+6643000000")
    row.get_by_label(re.compile(r"^ข้อมูล")).fill("0 4300 1234")
    clerk.screen("agency: a contact")
    clerk.publish()
    clerk.published(count)
    assert (served.root / "content/agency.yml").read_text(encoding="utf-8") == agency.replace(
        "value: 0 4300 0000", "value: 0 4300 1234"
    )
    assert page_shows(served, "", "0 4300 1234")
    assert clerk.errors == []
    clerk.close()
    if clerk.width < 800:
        assert [(name, width) for name, width in clerk.widths if width > clerk.width] == []

    build = run_mkdocs(served.root)
    assert build.returncode == 0, build.stderr
    assert git(served.root, "status", "--porcelain") == ""


# ------------------------------------------------------------------ the mistakes clerks make


DATES = [
    (
        "09192025",
        "พิมพ์วันที่ให้มีเครื่องหมาย / คั่นวัน เดือน ปี เช่น 15/03/2568 (type the day, month and year apart: 15/03/2568)",
    ),
    (
        "12012026",
        "พิมพ์วันที่ให้มีเครื่องหมาย / คั่นวัน เดือน ปี เช่น 15/03/2568 (type the day, month and year apart: 15/03/2568)",
    ),
    ("09/19/2025", "ไม่มีเดือนที่ 19 เขียน วัน/เดือน/ปี เช่น 15/03/2568 (no month 19: day/month/year)"),
    (
        "15032569",
        "พิมพ์วันที่ให้มีเครื่องหมาย / คั่นวัน เดือน ปี เช่น 15/03/2568 (type the day, month and year apart: 15/03/2568)",
    ),
]


SCORES = [
    ("150", "ต้องอยู่ระหว่าง 0 ถึง 100 (between 0 and 100)"),
    ("8o.5", "พิมพ์เป็นตัวเลข เช่น 85.42 (type a number: 85.42)"),
    ("80,5", "ใช้จุดทศนิยม เช่น 85.42 ไม่ใช้จุลภาค (use a point for the decimals)"),
]


def test_mistakes_are_refused_at_the_field_and_nothing_is_written(
    served: Served,
    browser: Browser,  # noqa: F811 (the fixture imported above)
) -> None:
    clerk = Clerk(browser, served).open()
    page = clerk.page
    clerk.entry("ปี 2568: ผลการประเมินและมาตรการ", "รายงานผลการดำเนินการตามมาตรการ")

    # Dates typed as a clerk types them: refused with a Thai message, never another year.
    as_of = clerk.visible("ข้อมูล ณ วันที่")
    for typed, said in DATES:
        before, commits = snapshot(served.root), served.commits()
        as_of.fill(typed)
        expect(page.get_by_text(said, exact=True).first).to_be_visible()
        clerk.publish()
        clerk.refused(before, commits, f"ข้อมูล ณ วันที่: {said}")
    # … and read right in the three forms it takes, each saved as ISO.
    for typed, shown, iso in [
        ("15/03/2569", "15 มีนาคม 2569", "2026-03-15"),
        ("16 มี.ค. 2569", "16 มีนาคม 2569", "2026-03-16"),
        ("2026-04-12", "12 เมษายน 2569", "2026-04-12"),
    ]:
        commits = served.commits()
        as_of.fill(typed)
        expect(page.get_by_text(f"{shown} · ในไฟล์ {iso}", exact=True)).to_be_visible()
        clerk.publish()
        clerk.published(commits)
        assert f"as_of: {iso}\n" in (served.root / "content/2568/progress.yml").read_text(encoding="utf-8")
        assert page_shows(served, "2568/report/", f"ข้อมูล ณ วันที่ {shown}")

    # An entry added with its required choices left empty.
    before, commits = snapshot(served.root), served.commits()
    page.get_by_role("button", name="เพิ่ม ผลรายมาตรการ").click()
    clerk.publish()
    clerk.refused(before, commits, "จำเป็นต้องระบุ รหัสมาตรการ", "จำเป็นต้องระบุ สถานะ")

    # Scores as clerks mistype them: refused and said at the field, never saved as another
    # number (a browser's own number field made 8o.5 into 8.5 and 80,5 into 805).
    clerk.back()
    page.reload()
    clerk.entry("ปี 2568: ผลการประเมินและมาตรการ", "ผลการประเมิน ITA")
    score = clerk.visible(re.compile(r"^คะแนนรวม"))
    for typed, said in SCORES:
        before, commits = snapshot(served.root), served.commits()
        score.fill(typed)
        expect(page.get_by_text(said, exact=True).first).to_be_visible()
        clerk.publish()
        clerk.refused(before, commits, f"คะแนนรวม: {said}")

    # http:// in a field that says https.
    clerk.back()
    page.reload()
    clerk.entry("ปี 2568: ข้อ OIT", "O3 ")
    before, commits = snapshot(served.root), served.commits()
    page.get_by_role("button", name="เพิ่ม ลิงก์ภายนอก").click()
    clerk.visible("ชื่อลิงก์").fill("แผนที่")
    clerk.visible("ที่อยู่ https").fill("http://www.example.go.th/map/")
    clerk.publish()
    clerk.refused(
        before,
        commits,
        "ที่อยู่ https: ที่อยู่ต้องขึ้นต้นด้วย https:// ไม่มีช่องว่าง เช่น https://www.example.go.th/ (an https:// address)",
    )
    # Decap stops a save its form refuses by rejecting a promise with no value, which the
    # browser reports as an uncaught "undefined": nothing else went wrong.
    assert set(clerk.errors) <= {"undefined"}
    clerk.close()
    if clerk.width < 800:
        assert [(name, width) for name, width in clerk.widths if width > clerk.width] == []


def test_a_file_broken_by_hand_leaves_the_site_and_the_editor_answering_with_the_builds_message(
    served: Served,
    browser: Browser,  # noqa: F811 (the fixture imported above)
) -> None:
    result = served.root / "content/2568/result.yml"
    text = result.read_text(encoding="utf-8")
    message = (REPO / "tests/goldens/editor/broken-file.txt").read_text(encoding="utf-8").rstrip("\n")
    result.write_text(text + "score: [\n", encoding="utf-8")
    try:
        assert page_shows(served, "2568/o3/", "สร้างเว็บไม่สำเร็จ หน้าที่เห็นเป็นฉบับที่สร้างได้ครั้งก่อน")
        clerk = Clerk(browser, served).open()
        status = clerk.page.locator("#oit-status")
        expect(status.locator("pre")).to_have_text(f"สร้างเว็บไม่สำเร็จ (the site does not build): {message}")
        clerk.screen("the build's message")
        site = clerk.context.new_page()
        site.goto(served.url + "2568/o3/")
        expect(site.get_by_role("alert")).to_contain_text(message.split("\n")[1])
        clerk.close()
        if clerk.width < 800:
            assert [(name, width) for name, width in clerk.widths if width > clerk.width] == []
    finally:
        result.write_text(text, encoding="utf-8")
    assert until(lambda: "สร้างเว็บไม่สำเร็จ" not in fetch(served.url + "2568/o3/"), 90)


def test_a_stopped_server_is_said_with_what_to_do(
    browser: Browser,  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
) -> None:
    root = example_repo(tmp_path / "repo")
    served = Served(root, 360)
    clerk = Clerk(browser, served).open()
    served.stop()
    expect(clerk.page.locator("#oit-status pre")).to_have_text(
        "ติดต่อ oit-site serve ไม่ได้ การบันทึกจะไม่สำเร็จ: เปิดหน้าต่างคำสั่งที่โฟลเดอร์ของเว็บไซต์ แล้วรัน "
        "oit-site serve อีกครั้ง (oit-site serve is not running: start it again, then save)",
        timeout=20_000,
    )
    clerk.screen("the server stopped")
    assert [(name, width) for name, width in clerk.widths if width > 360] == []
    clerk.close()


# ------------------------------------------------------------------ what the page loads and writes


def test_loading_the_editor_asks_no_other_host(
    served: Served,
    browser: Browser,  # noqa: F811 (the fixture imported above)
) -> None:
    clerk = Clerk(browser, served)
    requests: list[str] = []
    clerk.context.on("request", lambda r: requests.append(r.url))
    clerk.open()
    clerk.entry("ปี 2568: ข้อ OIT", "O1 ")
    hosts = {urlparse(url).netloc for url in requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {f"127.0.0.1:{served.port}"}
    assert clerk.errors == []
    clerk.close()


def content_files() -> list[Path]:
    """Every YAML file and item page the editor opens: the example's and the real reports' (seeds)."""
    roots = [REPO / "content", *sorted((REPO / "tests" / "seeds").glob("*/content"))]
    files = []
    for root in roots:
        files += sorted(p for p in root.rglob("*.yml"))
        files += sorted(p for p in root.glob("*/o*/index.md"))
    return files


def editor_page(served: Served, browser: Browser) -> Clerk:  # noqa: F811 (the fixture imported above)
    clerk = Clerk(browser, served)
    clerk.page.goto(served.url + "admin/")
    expect(clerk.page.get_by_role("button", name="เข้าสู่ระบบ")).to_be_visible()
    return clerk


def test_a_file_saved_unchanged_is_byte_for_byte_the_same(served: Served, browser: Browser) -> None:  # noqa: F811 (the fixture imported above)
    clerk = editor_page(served, browser)
    files = content_files()
    assert len(files) > 100
    kinds = {k.file: k.name for k in KINDS}
    changed = clerk.page.evaluate(
        """(files) => files.filter(([name, kind, text]) => {
             const format = kind === 'item' ? OIT_EDITOR.pageFormat : OIT_EDITOR.yamlFormat(kind);
             return format.toFile(format.fromFile(text)) !== text;
           }).map(([name]) => name)""",
        [[str(path.relative_to(REPO)), kinds[path.name], path.read_text(encoding="utf-8")] for path in files],
    )
    assert changed == []
    # A score in Thai digits shows as its number in the form; a status as its Thai words.
    seed = (REPO / "tests/seeds/001/content/2565/result.yml").read_text(encoding="utf-8")
    assert 'score: "๙๒.๕๑"' in seed
    shown = clerk.page.evaluate("(text) => OIT_EDITOR.yamlFormat('result').fromFile(text)", seed)
    assert (shown["score"], shown["indicators"]["7"]) == (92.51, 85.46)
    progress = (REPO / "content/2568/progress.yml").read_text(encoding="utf-8")
    shown = clerk.page.evaluate("(text) => OIT_EDITOR.yamlFormat('progress').fromFile(text)", progress)
    assert [e["status"] for e in shown["entries"]] == ["อยู่ระหว่างดำเนินการ", "ดำเนินการแล้ว", "ยังไม่ดำเนินการ"]
    assert clerk.errors == []
    clerk.close()


HOSTILE = '<img src=x onerror="window.__ran=1"><script>window.__ran=2</script>'


def test_a_hostile_file_opened_in_the_editor_runs_nothing(served: Served, browser: Browser) -> None:  # noqa: F811 (the fixture imported above)
    page_file = served.root / "content/2568/o7/index.md"
    original = page_file.read_text(encoding="utf-8")
    front = f"assessor_note: '{HOSTILE}'\nlinks:\n  - title: '{HOSTILE}'\n    url: https://x.example/\n"
    page_file.write_text(
        "---\n" + front + original.removeprefix("---\n") + f"\n{HOSTILE}\n", encoding="utf-8"
    )
    try:
        clerk = Clerk(browser, served).open()
        clerk.entry("ปี 2568: ข้อ OIT", "O7 ")
        clerk.page.get_by_role("button", name="เพิ่ม ลิงก์ภายนอก").wait_for()
        boxes = [
            b
            for b in clerk.page.locator("textarea:visible, input:visible").all()
            if b.input_value() == HOSTILE
        ]
        assert len(boxes) == 1  # the note, shown as the text it is
        clerk.page.get_by_text("มาร์คดาวน์").first.click()  # the text as Markdown, then back
        clerk.page.get_by_text("ข้อความฟอร์แมต").first.click()
        clerk.page.wait_for_timeout(500)
        assert clerk.page.evaluate("window.__ran") is None
        assert clerk.dialogs == []
        clerk.close()
    finally:
        page_file.write_text(original, encoding="utf-8")


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
    (
        "a status chosen by its Thai words is written as its value",
        "# yaml-language-server: $schema=../../schema/progress.schema.json\nentries:\n"
        "  - measure: m1\n    status: in_progress\n",
        "d.entries[0].status = 'ดำเนินการแล้ว'",
        "# yaml-language-server: $schema=../../schema/progress.schema.json\nentries:\n"
        "  - measure: m1\n    status: done\n",
    ),
]


@pytest.mark.parametrize(("name", "text", "change", "expected"), SAVES, ids=[case[0] for case in SAVES])
def test_a_save_writes_exactly_what_the_form_changed(
    served: Served,
    browser: Browser,  # noqa: F811 (the fixture imported above)
    name: str,
    text: str,
    change: str,
    expected: str,
) -> None:
    clerk = editor_page(served, browser)
    # The case's kind: an item's page, or the kind its schema line names.
    named = re.search(r"schema/([a-z]+)\.schema\.json", text)
    kind = "item" if text.startswith("---") else named.group(1) if named else ""
    saved = clerk.page.evaluate(
        """([kind, text, change]) => {
             const format = kind === 'item' ? OIT_EDITOR.pageFormat : OIT_EDITOR.yamlFormat(kind);
             const d = format.fromFile(text);
             new Function('d', change)(d);
             return format.toFile(d);
           }""",
        [kind, text, change],
    )
    assert saved == expected, name
    clerk.close()


# ------------------------------------------------------------------ the built editor, for a git host


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


def serve_folder(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def editor_settings(root: Path, lines: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  - oit:\n", "  - oit:\n" + lines), encoding="utf-8")


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
    server, site = serve_folder(root / "site")
    # Served under a name of its own, as on the agency's host: not localhost, where Decap
    # would first look for a local backend.
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
        context = named.new_context(viewport={"width": 360, "height": 800}, locale="th-TH")
        requests: list[str] = []
        errors: list[str] = []
        context.on("request", lambda r: requests.append(r.url))
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(site + "admin/")
        expect(page.get_by_role("button", name=button)).to_be_visible()
        page.wait_for_load_state("networkidle")
        hosts = {urlparse(url).netloc for url in requests if not url.startswith(("data:", "blob:"))}
        assert hosts == {urlparse(site).netloc}
        assert errors == []
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        named.close()
        server.shutdown()


def test_over_plain_http_the_editor_refuses_to_open(tmp_path: Path, browser: Browser) -> None:  # noqa: F811 (the fixture imported above)
    root = example_repo(tmp_path / "repo")
    editor_settings(root, "      editor:\n        backend: github\n        repo: banmai/ita\n")
    assert run_mkdocs(root).returncode == 0
    server, site = serve_folder(root / "site")
    site = site.replace("127.0.0.1", "ita.banmai.test")
    named = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*BROWSER_ARGS, "--host-resolver-rules=MAP ita.banmai.test 127.0.0.1"]
    )
    try:
        page = named.new_page()
        page.goto(site + "admin/")
        expect(page.get_by_role("alert")).to_have_text(
            "หน้าแก้ไขเนื้อหาเปิดได้เฉพาะผ่าน https:// (หรือบนเครื่องนี้ที่ localhost) "
            "เพราะต้องส่งรหัสเข้าสู่ระบบของที่เก็บ git: เปิด "
            + site.replace("http:", "https:")
            + "admin/#/ แทน หรือให้ผู้ดูแลเว็บเปิดใช้ https "  # #/: Decap's router, on loading
            "(the editor opens only over https, which carries the git host's sign-in safely)"
        )
        expect(page.get_by_role("button", name="เข้าสู่ระบบด้วย GitHub")).to_have_count(0)
    finally:
        named.close()
        server.shutdown()
