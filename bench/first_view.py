"""First view: what a reader's phone downloads to show a page, everything it loads counted.

    python bench/first_view.py               # builds the example site into a temporary folder
    python bench/first_view.py --site site   # an already built site

Each page opens in Chromium (/usr/bin/chromium, or PLAYWRIGHT_CHROMIUM) at 360 × 740 as a
phone, from a local server, with an empty cache; every response the page asks for until
the network is idle is counted, as sent (raw) and as a server would send it gzipped
(level 6, what nginx with ``gzip_comp_level 6``, GitHub Pages and Netlify send). Then the
search box is opened and what that fetches is counted on its own. Prints a Markdown table
for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES = ["", "2568/", "2567/", "2568/o1/", "2568/o27/", "2568/report/"]
CHROMIUM = os.environ.get("PLAYWRIGHT_CHROMIUM", "/usr/bin/chromium")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """A server of ``site`` on loopback, in a thread, and its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def build_example(site: Path) -> None:
    """The example site, built into ``site``."""
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=REPO,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def _gz(body: bytes) -> int:
    return len(gzip.compress(body, compresslevel=6))


def measure(site: Path, pages: list[str]) -> list[dict[str, object]]:
    from playwright.sync_api import Response, sync_playwright

    server, base = serve(site)
    rows: list[dict[str, object]] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            seen: list[Response] = []
            for path in pages:
                seen.clear()
                context = browser.new_context(
                    viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
                )
                page = context.new_page()
                page.on("response", lambda response: seen.append(response))
                page.goto(base + path, wait_until="networkidle")
                first = [(r.url, r.body()) for r in seen]
                seen.clear()
                page.locator("label[for=__search]").first.click()
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(300)
                on_search = [(r.url, r.body()) for r in seen]
                rows.append(
                    {
                        "page": "/" + path,
                        "requests": len(first),
                        "raw": sum(len(b) for _, b in first),
                        "gzip": sum(_gz(b) for _, b in first),
                        "html_gzip": _gz(first[0][1]),
                        "index_on_first_view": any("search_index" in u for u, _ in first),
                        "search_gzip": sum(_gz(b) for _, b in on_search),
                        "files": [(u.removeprefix(base), _gz(b)) for u, b in first],
                    }
                )
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--site", type=Path, help="a built site (default: build the example)")
    parser.add_argument("--files", action="store_true", help="list each page's files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build_example(site)
        rows = measure(site, PAGES)
    print(
        "| page | requests | KB sent raw | KB gzipped | of which HTML"
        " | search index on first view | KB on opening search |"
    )
    print("|---|---:|---:|---:|---:|---|---:|")
    for row in rows:
        print(
            f"| `{row['page']}` | {row['requests']} | {row['raw'] / 1024:.1f} | {row['gzip'] / 1024:.1f} "
            f"| {row['html_gzip'] / 1024:.1f} | {'yes' if row['index_on_first_view'] else 'no'} "
            f"| {row['search_gzip'] / 1024:.1f} |"
        )
        if args.files:
            for url, size in row["files"]:  # type: ignore[attr-defined]
                print(f"|  `{url}` | | | {size / 1024:.1f} | | | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
