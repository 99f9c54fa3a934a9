"""The editor's guide's screenshots of the browser editor, at a phone's width, in Chromium.

    python scripts/editor_screenshots.py     # works in a temporary copy of the example

Starts ``oit-site serve`` in a copy of the example repository under git, as a clerk does,
and writes docs/screenshots/editor-*.png at 360×800: the collections, an item's list with
their statuses, an item's form, a PDF uploaded, its date typed in the Buddhist era, a
progress status being chosen, a score of 150 refused, the next year started, and the
build's message while a file is broken. Chromium is /usr/bin/chromium, or PLAYWRIGHT_CHROMIUM.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"
CHROMIUM = os.environ.get("PLAYWRIGHT_CHROMIUM", "/usr/bin/chromium")
WIDTH, HEIGHT = 360, 800


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except OSError:
        return False


def example(root: Path) -> None:
    shutil.copytree(REPO / "content", root / "content")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("pdf: true", "pdf: false")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / ".gitignore").write_text("/site/\n/.cache/\n", encoding="utf-8")
    for args in (
        ["init", "--quiet"],
        ["config", "user.name", "สมศรี ใจดี"],
        ["config", "user.email", "somsri@example.go.th"],
        ["add", "--all"],
        ["commit", "--quiet", "--message", "เริ่มต้น"],
    ):
        subprocess.run(["git", *args], cwd=root, check=True)


def main() -> int:
    from playwright.sync_api import expect, sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        example(root)
        port = free_port()
        url = f"http://127.0.0.1:{port}/ita/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        server = subprocess.Popen(
            [sys.executable, "-m", "site_builder.cli", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(240):
            if answers(url + "admin/oit-editor.json"):
                break
            time.sleep(0.5)
        upload = Path(tmp) / "สรุปผลจัดซื้อ กุมภาพันธ์.pdf"
        upload.write_bytes(b"%PDF-1.4\n")
        OUT.mkdir(parents=True, exist_ok=True)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                context = browser.new_context(
                    viewport={"width": WIDTH, "height": HEIGHT}, locale="th-TH", has_touch=True
                )
                page = context.new_page()
                page.on("dialog", lambda dialog: dialog.accept())
                visible = page.locator(":visible")

                def publish() -> None:
                    page.get_by_role("button", name="เผยแพร่").first.click()
                    page.get_by_text("เผยแพร่ตอนนี้").click()

                def back() -> None:
                    page.go_back()
                    page.go_back()

                page.goto(url + "admin/")
                page.get_by_role("button", name="เข้าสู่ระบบ").click()
                expect(page.get_by_role("link", name="ปี 2568: ข้อ OIT", exact=True)).to_be_visible()
                page.screenshot(path=OUT / "editor-collections.png")

                page.get_by_role("link", name="ปี 2568: ข้อ OIT", exact=True).click()
                expect(page.get_by_text("O12 รายการการจัดซื้อจัดจ้าง").first).to_be_visible()
                page.get_by_text("O12 รายการการจัดซื้อจัดจ้าง").first.scroll_into_view_if_needed()
                page.screenshot(path=OUT / "editor-items.png")

                page.get_by_text("O12 รายการการจัดซื้อจัดจ้าง").first.click()
                expect(page.locator(".oit-about")).to_be_visible()
                page.screenshot(path=OUT / "editor-item.png")
                page.get_by_role("button", name="เพิ่ม เอกสาร").click()
                page.get_by_role("button", name="เลือกไฟล์").click()
                page.locator("input[type=file]").set_input_files(upload)
                expect(page.get_by_text("สรุปผลจัดซื้อ-กุมภาพันธ์.pdf")).to_be_visible()
                page.screenshot(path=OUT / "editor-upload.png")
                page.get_by_role("button", name="ใช้ไฟล์ที่เลือก").click()
                page.get_by_label("ชื่อเอกสาร").and_(visible).fill("สรุปผลการจัดซื้อจัดจ้าง เดือนกุมภาพันธ์ 2568")
                date = page.get_by_label("วันที่ของเอกสาร").and_(visible)
                date.fill("5 มี.ค. 2568")
                page.get_by_text("5 มีนาคม 2568 · ในไฟล์ 2025-03-05").scroll_into_view_if_needed()
                page.screenshot(path=OUT / "editor-document.png")
                publish()
                expect(page.get_by_text("บันทึกการเปลี่ยนแปลงแล้ว")).to_be_visible(timeout=15_000)

                back()
                page.get_by_role("link", name="ปี 2568: ผลการประเมินและมาตรการ", exact=True).click()
                page.get_by_text("รายงานผลการดำเนินการตามมาตรการ").click()
                expect(page.get_by_text("เนื้อหาถูกบันทึก")).to_have_count(0, timeout=15_000)
                row = page.locator("[class*=SortableListItem]").filter(
                    has=page.get_by_text("m1 · อยู่ระหว่างดำเนินการ", exact=True)
                )
                row.first.scroll_into_view_if_needed()
                page.screenshot(path=OUT / "editor-rows.png")
                row.first.locator("button").first.click()
                status = row.first.get_by_label("สถานะ", exact=True)
                status.locator("xpath=ancestor::*[contains(@class, '-control')][1]").click()
                page.get_by_role("option", name="ดำเนินการแล้ว", exact=True).scroll_into_view_if_needed()
                page.screenshot(path=OUT / "editor-status.png")
                page.get_by_role("option", name="ดำเนินการแล้ว", exact=True).click()
                publish()
                expect(page.get_by_text("บันทึกการเปลี่ยนแปลงแล้ว")).to_be_visible(timeout=15_000)

                back()
                page.get_by_role("link", name="ปี 2568: ผลการประเมินและมาตรการ", exact=True).click()
                page.get_by_text("ผลการประเมิน ITA").click()
                expect(page.get_by_text("เนื้อหาถูกบันทึก")).to_have_count(0, timeout=15_000)
                page.get_by_label("คะแนนรวม (ทางเลือก)", exact=True).fill("150")
                publish()
                expect(page.locator("#oit-problems")).to_be_visible()
                page.get_by_text("คะแนนรวม ต้องอยู่ระหว่าง 0 ถึง 100").first.scroll_into_view_if_needed()
                page.screenshot(path=OUT / "editor-refused.png")

                page.goto(url + "admin/#/collections/yearly/entries/new-year")
                page.reload()
                expect(page.get_by_text("ปีงบประมาณที่จะเริ่ม")).to_be_visible()
                page.get_by_label("ปีงบประมาณที่จะเริ่ม", exact=True).locator(
                    "xpath=ancestor::*[contains(@class, '-control')][1]"
                ).click()
                page.screenshot(path=OUT / "editor-new-year.png")

                result = root / "content" / "2568" / "result.yml"
                text = result.read_text(encoding="utf-8")
                result.write_text(text + "score: [\n", encoding="utf-8")
                page.goto(url + "admin/")
                page.reload()
                expect(page.locator("#oit-status")).to_be_visible(timeout=30_000)
                expect(page.get_by_role("link", name="ปี 2568: ข้อ OIT", exact=True)).to_be_visible()
                page.screenshot(path=OUT / "editor-broken.png")
                result.write_text(text, encoding="utf-8")
                browser.close()
        finally:
            server.terminate()
            server.wait(60)
    for path in sorted(OUT.glob("editor-*.png")):
        print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
