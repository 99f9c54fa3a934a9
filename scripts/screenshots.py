"""The README's screenshots of the example site, taken in Chromium.

    python scripts/screenshots.py            # builds the example into a temporary folder

Writes docs/screenshots/: the 2568 year page on a desktop (1280 px), and on a phone
(360 × 740, as a reader scrolls it): the first screen of the year page, of an item with
documents, the indicator chart, and a progress report read as records. Chromium is
/usr/bin/chromium, or PLAYWRIGHT_CHROMIUM.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from first_view import build_example, serve  # noqa: E402 (bench/: the same built example and server)

OUT = REPO / "docs" / "screenshots"
CHROMIUM = os.environ.get("PLAYWRIGHT_CHROMIUM", "/usr/bin/chromium")


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_example(site)
        server, base = serve(site)
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            desktop = browser.new_page(viewport={"width": 1280, "height": 1500})
            desktop.goto(base + "2568/", wait_until="networkidle")
            desktop.screenshot(path=OUT / "year-2568.png")
            phone = browser.new_context(
                viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, device_scale_factor=1
            ).new_page()
            phone.goto(base + "2568/", wait_until="networkidle")
            phone.screenshot(path=OUT / "phone-year-2568.png")
            # Parts of the page, without the header that stays on top as the page scrolls.
            phone.add_style_tag(content=".md-header { position: absolute; }")
            phone.locator(".oit-chart--indicators").screenshot(path=OUT / "phone-indicators-2568.png")
            phone.locator("table.oit-progress > tbody > tr").first.screenshot(
                path=OUT / "phone-progress-2568.png"
            )
            phone.goto(base + "2568/o1/", wait_until="networkidle")
            phone.screenshot(path=OUT / "phone-item-2568-o1.png")
            browser.close()
        server.shutdown()
    for path in sorted(OUT.glob("*.png")):
        print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
