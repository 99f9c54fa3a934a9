"""The editor's guide's screenshots of the browser editor, taken in Chromium.

    npm ci --prefix tests/editor             # decap-server, once
    python scripts/editor_screenshots.py     # works in a temporary copy of the example

Writes docs/screenshots/editor-*.png: the collections, an item's document added by upload,
a measure's actions, a progress status being chosen, and a score of 101 refused. Chromium
is /usr/bin/chromium, or PLAYWRIGHT_CHROMIUM.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from first_view import serve  # noqa: E402 (bench/: a server of a built site on loopback)

OUT = REPO / "docs" / "screenshots"
CHROMIUM = os.environ.get("PLAYWRIGHT_CHROMIUM", "/usr/bin/chromium")
DECAP_SERVER = REPO / "tests" / "editor" / "node_modules" / "decap-server" / "dist" / "index.js"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> int:
    from playwright.sync_api import expect, sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        for name in ("content",):
            shutil.copytree(REPO / name, root / name)
        port = free_port()
        config = (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("pdf: true", "pdf: false")
        editor = f"  - oit:\n      editor:\n        backend: local\n        local_url: http://localhost:{port}/api/v1\n"
        (root / "mkdocs.yml").write_text(config.replace("  - oit:\n", editor), encoding="utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root, check=True, env=env
        )
        backend = subprocess.Popen(
            ["node", str(DECAP_SERVER)],
            env={**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "GIT_REPO_DIRECTORY": str(root)},
            stdout=subprocess.DEVNULL,
        )
        time.sleep(2)
        server, base = serve(root / "site")
        base = base.replace("127.0.0.1", "localhost")
        upload = Path(tmp) / "สรุปผลจัดซื้อ กุมภาพันธ์.pdf"
        upload.write_bytes(b"%PDF-1.4\n")
        OUT.mkdir(parents=True, exist_ok=True)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
                page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="th-TH")
                page.goto(base + "admin/")
                page.get_by_role("button", name="เข้าสู่ระบบ").click()
                page.get_by_role("link", name="ปี 2568: ข้อ OIT", exact=True).click()
                expect(page.get_by_text("O12 รายการการจัดซื้อจัดจ้าง")).to_be_visible()
                page.screenshot(path=OUT / "editor-items.png")

                page.get_by_text("O12 รายการการจัดซื้อจัดจ้าง").click()
                page.get_by_role("button", name="เพิ่ม เอกสาร").click()
                page.get_by_role("button", name="เลือกไฟล์").click()
                page.locator("input[type=file]").set_input_files(upload)
                expect(page.get_by_text("สรุปผลจัดซื้อ-กุมภาพันธ์.pdf")).to_be_visible()
                page.screenshot(path=OUT / "editor-upload.png")
                page.get_by_role("button", name="ใช้ไฟล์ที่เลือก").click()
                page.get_by_label("ชื่อเอกสาร").fill("สรุปผลการจัดซื้อจัดจ้าง เดือนกุมภาพันธ์ 2568")
                page.get_by_label("วันที่ของเอกสาร").fill("2025-03-05")
                page.get_by_role("button", name="เผยแพร่").first.click()
                page.screenshot(path=OUT / "editor-document.png")
                page.get_by_text("เผยแพร่ตอนนี้").click()
                expect(page.get_by_text("บันทึกการเปลี่ยนแปลงแล้ว")).to_be_visible()

                page.go_back()
                page.get_by_role("link", name="ปี 2568: ผลการประเมินและมาตรการ", exact=True).click()
                page.get_by_text("รายงานผลการดำเนินการตามมาตรการ").click()
                row = page.locator("[class*=SortableListItem]").filter(
                    has=page.get_by_text("m1 · in_progress", exact=True)
                )
                row.first.locator("button").first.click()
                row.first.get_by_text("อยู่ระหว่างดำเนินการ", exact=True).click(force=True)
                page.get_by_role("option", name="ดำเนินการแล้ว", exact=True).scroll_into_view_if_needed()
                page.screenshot(path=OUT / "editor-status.png")
                page.get_by_role("option", name="ดำเนินการแล้ว", exact=True).click()
                page.get_by_role("button", name="เผยแพร่").first.click()
                page.get_by_text("เผยแพร่ตอนนี้").click()
                expect(page.get_by_text("บันทึกการเปลี่ยนแปลงแล้ว")).to_be_visible()

                page.go_back()
                page.get_by_role("link", name="ปี 2568: ผลการประเมินและมาตรการ", exact=True).click()
                page.get_by_text("ผลการประเมิน ITA").click()
                expect(page.get_by_text("เนื้อหาถูกบันทึก")).to_have_count(0, timeout=15_000)
                page.get_by_role("button", name="เพิ่ม คะแนนรายข้อคำถาม").click()
                visible = page.locator(":visible")
                page.get_by_label("รหัสข้อคำถาม").and_(visible).fill("i21")
                page.get_by_label("คะแนน (ทางเลือก)", exact=True).and_(visible).fill("101")
                page.get_by_role("button", name="เผยแพร่").first.click()
                page.get_by_text("เผยแพร่ตอนนี้").click()
                refused = page.get_by_text("คะแนน ต้องอยู่ระหว่าง 0 ถึง 100", exact=True)
                expect(refused).to_be_visible()
                refused.scroll_into_view_if_needed()
                page.screenshot(path=OUT / "editor-refused.png")
                browser.close()
        finally:
            server.shutdown()
            backend.terminate()
    for path in sorted(OUT.glob("editor-*.png")):
        print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
