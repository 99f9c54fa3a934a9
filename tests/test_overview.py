"""``oit-site overview`` over many sites served from loopback: the example's site and
variants of it (other agencies, statuses and years), a site that is down, one without an
index, one that answers HTML, one with an oversized sheet, one from another generator and
one whose agency name and item notes carry markup. The overview's counts per agency and
per item are checked against the sheets served, the failures by their reasons, the CSV
and JSON as a whole, and in Chromium that no script of another site runs."""

from __future__ import annotations

import csv
import functools
import http.server
import io
import json
import re
import shutil
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, build_content, site_text

from site_builder.cli import main
from site_builder.model.published import INDEX_FILE
from site_builder.model.status import STATUSES
from site_builder.overview.read import STATE_OF_WORD, STATUS_WORDS

HOSTILE = '<script>alert("name")</script>เทศบาลตำบลร้าย'


class _Handler(http.server.SimpleHTTPRequestHandler):
    """The sites' folder, and /html/ answering every path with a web page."""

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        if self.path.startswith("/html/"):
            body = b"<!doctype html><title>404</title><p>Not Found</p>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


def _edit_json(path: Path, change: Any) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    data = change(data) or data
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _set_status(codes: dict[str, str]) -> Any:
    """Rows of a sheet set to a status: in today's words with their ``state``; in an older
    version's words (ร่าง ยังมี TODO) without one, as that version wrote them."""

    def change(rows: list[dict[str, str]]) -> None:
        for row in rows:
            if row["code"] not in codes:
                continue
            row["status"] = codes[row["code"]]
            if row["status"] in STATE_OF_WORD:
                row["state"] = STATE_OF_WORD[row["status"]]
            else:
                del row["state"]

    return change


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder the server serves: one sub-folder a site."""
    root = tmp_path_factory.mktemp("overview")
    built = build_content(root, REPO / "content")
    www = root / "www"
    www.mkdir()
    shutil.copytree(built, www / "ok")
    two = shutil.copytree(built, www / "two")
    _edit_json(
        two / INDEX_FILE,
        lambda d: d["agency"].update(name="องค์การบริหารส่วนตำบลหนองบัว", district="หนองบัว"),
    )
    # O12 in the words of an older version's sheet (ร่าง ยังมี TODO, no state), read as ร่าง;
    # O28 in words a newer version may choose, read by its state.
    _edit_json(
        two / "2568/oit.json", _set_status({"O5": "ยังไม่เผยแพร่", "O12": "ร่าง ยังมี TODO", "O28": "ยังไม่เผยแพร่"})
    )
    _edit_json(two / "2568/oit.json", lambda rows: rows[27].update(status="ยังไม่ได้เผยแพร่ในเว็บไซต์"))
    old = shutil.copytree(built, www / "old")
    _edit_json(
        old / INDEX_FILE, lambda d: d.update(years=d["years"][1:]) or d["agency"].update(name="เทศบาลตำบลนาดี")
    )
    (www / "noindex").mkdir()
    big = shutil.copytree(built, www / "big")
    (big / "2568/oit.json").write_text("[" + " " * 2_100_000 + "]", encoding="utf-8")
    other = shutil.copytree(built, www / "other")
    _edit_json(other / INDEX_FILE, lambda d: d.update(generator="another-cms 5.1"))
    hostile = shutil.copytree(built, www / "hostile")
    _edit_json(hostile / INDEX_FILE, lambda d: d["agency"].update(name=HOSTILE))

    def poison(rows: list[dict[str, str]]) -> None:
        rows[0].update(title='<img src=x onerror=alert("title")>', note="<script>alert(1)</script>")
        rows[0]["url"] = "javascript:alert(1)"
        rows[1].update(status="ยังไม่เผยแพร่", state="missing")

    _edit_json(hostile / "2568/oit.json", poison)
    return www


@pytest.fixture(scope="module")
def base(sites: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Handler, directory=str(sites))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


SOURCES = [
    ("ok", "", "เมือง"),
    ("two", "", "หนองบัว"),
    ("old", "", ""),
    ("down", "หน่วยงานที่ปิดอยู่", ""),
    ("noindex", "หน่วยงานไม่มีดัชนี", ""),
    ("html", "หน่วยงานตอบหน้าเว็บ", ""),
    ("big", "หน่วยงานแบบคำตอบใหญ่", ""),
    ("other", "หน่วยงานโปรแกรมอื่น", ""),
    ("hostile", "", ""),
]


def _urls(base: str) -> dict[str, str]:
    urls = {name: f"{base}{name}/" for name, _, _ in SOURCES}
    urls["down"] = f"http://127.0.0.1:{_closed_port()}/ita/"
    return urls


@pytest.fixture(scope="module")
def overview(base: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, str], Path]:
    work = tmp_path_factory.mktemp("run")
    urls = _urls(base)
    listing = work / "agencies.csv"
    listing.write_text(
        "url,name,group\n" + "".join(f"{urls[n]},{name},{group}\n" for n, name, group in SOURCES),
        encoding="utf-8",
    )
    cache = work / "cache"
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(cache))
        code = main(["overview", str(listing), "--out", str(work / "overview"), "--rate", "100"], out=out)
    assert code == 0, out.getvalue()
    return work / "overview", out.getvalue(), urls, listing


def _sheet(sites: Path, name: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = json.loads((sites / name / "2568/oit.json").read_text(encoding="utf-8"))
    return rows


def _word(row: dict[str, str]) -> str:
    """A row's status as the overview reads it: by its state, or an older version's word."""
    if "state" in row:
        return STATUSES[row["state"]].thai
    return {"ร่าง ยังมี TODO": "ร่าง"}.get(row["status"], row["status"])


def _counts(rows: list[dict[str, str]]) -> dict[str, int]:
    found = Counter(_word(row) for row in rows)
    return {word: found.get(word, 0) for word in STATUS_WORDS}


def test_the_overview_counts_each_agencys_items_as_its_sheet_does(
    overview: tuple[Path, str, dict[str, str], Path], sites: Path
) -> None:
    folder, _, urls, _ = overview
    found = json.loads((folder / "overview.json").read_text(encoding="utf-8"))
    expected = []
    for key, name, group in SOURCES:
        entry: dict[str, Any] = {"url": urls[key], "name": name, "group": group}
        if key in ("ok", "two", "hostile"):
            rows = _sheet(sites, key)
            entry["name"] = (
                name or json.loads((sites / key / INDEX_FILE).read_text(encoding="utf-8"))["agency"]["name"]
            )
            entry |= {
                "read": True,
                "counts": _counts(rows),
                "missing": [r["code"] for r in rows if _word(r) != "ครบ"],
            }
        else:
            entry |= {"read": REASONS[key], "counts": {}, "missing": []}
            if key == "old":
                entry["name"] = "เทศบาลตำบลนาดี"
        expected.append(entry)
    assert found == expected
    assert found[1]["counts"] == {
        "ยังไม่เผยแพร่": 2,
        "ยังไม่มีเนื้อหา": 0,
        "ร่าง": 1,
        "เอกสารนอกช่วง": 0,
        "วันที่ขัดกัน": 0,
        "ครบ": 25,
    }


REASONS = {
    "old": "ไม่มีปีงบประมาณ 2568",
    "down": "ดัชนี oit-site.json: ติดต่อไม่ได้ ([Errno 111] Connection refused)",
    "noindex": "ไม่มีดัชนี oit-site.json",
    "html": "ดัชนี oit-site.json: ตอบเป็นหน้าเว็บ ไม่ใช่ JSON",
    "big": "แบบคำตอบ 2568/oit.json: ไฟล์ใหญ่เกิน 2 MB",
    "other": "เว็บไซต์สร้างด้วยโปรแกรมอื่น (another-cms 5.1)",
}


def test_sites_that_cannot_be_read_are_listed_with_their_reason(
    overview: tuple[Path, str, dict[str, str], Path],
) -> None:
    folder, said, _, _ = overview
    page = (folder / "index.html").read_text(encoding="utf-8")
    failed = site_text(page.split('<h2 id="failed">', 1)[1])
    assert failed == (
        "อ่านไม่ได้ หน่วยงาน ที่อยู่ เหตุผล "
        + " ".join(f"{name} {url} {REASONS[key]}" for key, name, url in _failed_rows(overview))
        + " อ่านเมื่อ"
        + failed.split(" อ่านเมื่อ", 1)[1]
    )
    lines = [line for line in said.splitlines() if line.startswith("  อ่านไม่ได้")]
    assert lines == [
        f"  อ่านไม่ได้ (not read): {name}: {REASONS[key]}" for key, name, _ in _failed_rows(overview)
    ]
    assert "ปีงบประมาณ 2568: อ่านได้ 3 จาก 9 เว็บไซต์ (read 3 of 9 sites)" in said


def _failed_rows(overview: tuple[Path, str, dict[str, str], Path]) -> list[tuple[str, str, str]]:
    _, _, urls, _ = overview
    names = {"old": "เทศบาลตำบลนาดี"}
    return [(key, names.get(key, name), urls[key]) for key, name, _ in SOURCES if key in REASONS]


def test_items_name_the_agencies_that_lack_them(
    overview: tuple[Path, str, dict[str, str], Path], sites: Path
) -> None:
    folder, _, _, _ = overview
    page = (folder / "items.html").read_text(encoding="utf-8")
    rows = [
        (code, site_text(f"<article>{row}</article>"))
        for code, row in re.findall(r'<tr id="(o\d+)">(.*?)</tr>', page, re.S)
    ]
    # From the sheets: per code, the agencies (by name) whose sheet says it is not complete.
    names = {"ok": "เทศบาลตำบลบ้านสายรุ้ง", "two": "องค์การบริหารส่วนตำบลหนองบัว", "hostile": HOSTILE}
    sheets = {names[key]: _sheet(sites, key) for key in names}
    expected = []
    for row in sheets[names["ok"]]:
        lacking = [
            f"{name} ({_word(r)})"
            for name in sorted(sheets)
            for r in sheets[name]
            if r["code"] == row["code"] and _word(r) != "ครบ"
        ]
        title = row["title"]
        text = f"{row['code']} {title} {len(lacking)}" + (" " + " , ".join(lacking) if lacking else "")
        expected.append((len(lacking), int(row["code"][1:]), row["code"].lower(), text.replace(" , ", ", ")))
    expected.sort(key=lambda e: (-e[0], e[1]))
    assert rows == [(code, text) for _, _, code, text in expected]
    # The items most agencies lack come first.
    assert [code for code, _ in rows[:5]] == ["o2", "o5", "o12", "o28", "o1"]


def test_the_csv_is_the_same_table(overview: tuple[Path, str, dict[str, str], Path], sites: Path) -> None:
    folder, _, urls, _ = overview
    text = (folder / "overview.csv").read_text(encoding="utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == [
        "url",
        "name",
        "group",
        "district",
        "read",
        *STATUS_WORDS,
        "share_complete",
        "updated",
        "missing",
    ]
    assert rows[2] == [
        urls["two"],
        "องค์การบริหารส่วนตำบลหนองบัว",
        "หนองบัว",
        "หนองบัว",
        "อ่านได้",
        "2",
        "0",
        "1",
        "0",
        "0",
        "25",
        "89.3",
        "2026-04-17",
        "O5 O12 O28",
    ]
    assert rows[4][:5] == [urls["down"], "หน่วยงานที่ปิดอยู่", "", "", REASONS["down"]]
    assert len(rows) == 1 + len(SOURCES)


def test_a_rerun_sends_conditional_requests_only(
    overview: tuple[Path, str, dict[str, str], Path], tmp_path: Path
) -> None:
    folder, first, _, listing = overview
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(listing.parent / "cache"))
        code = main(["overview", str(listing), "--out", str(tmp_path / "again"), "--rate", "100"], out=out)
    assert code == 0
    # The first run: 9 indexes, then the sheets of the 4 sites whose index read and that
    # have 2568 (ok, two, big, hostile), 3 connection retries to the site that is down.
    assert (
        "คำขอ 15 (requests), แบบมีเงื่อนไข 0 (conditional), ไม่เปลี่ยน 0 (not modified), ลองใหม่ 2 (retries)"
        in first
    )
    # Again: every file that was read whole (six indexes, three sheets) is asked for with
    # If-Modified-Since and is unchanged; the others (not found, a web page, too large, a
    # site that is down) have nothing kept to ask about.
    said = out.getvalue()
    assert (
        "คำขอ 15 (requests), แบบมีเงื่อนไข 9 (conditional), ไม่เปลี่ยน 9 (not modified), ลองใหม่ 2 (retries)" in said
    )
    assert json.loads((tmp_path / "again" / "overview.json").read_text(encoding="utf-8")) == json.loads(
        (folder / "overview.json").read_text(encoding="utf-8")
    )


def test_nothing_from_another_site_is_markup(overview: tuple[Path, str, dict[str, str], Path]) -> None:
    folder, _, _, _ = overview
    for page in [folder / "index.html", folder / "items.html", *sorted((folder / "agencies").glob("*.html"))]:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html, page
        assert "javascript:" not in html, page
    agency = next(
        p for p in (folder / "agencies").glob("*.html") if "เทศบาลตำบลร้าย" in p.read_text(encoding="utf-8")
    )
    html = agency.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;name&#34;)&lt;/script&gt;เทศบาลตำบลร้าย" in html
    # The item whose address is javascript: has no link.
    assert '<tr><th scope="row">O1</th><td>&lt;img src=x onerror=alert(&#34;title&#34;)&gt;</td>' in html


def test_in_a_browser_no_script_runs_and_nothing_leaves_the_host(
    overview: tuple[Path, str, dict[str, str], Path],
) -> None:
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM, Visit

    folder, _, _, _ = overview
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Handler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    dialogs: list[str] = []
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            visit = Visit(chromium)
            visit.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            agencies = sorted(p.relative_to(folder).as_posix() for p in (folder / "agencies").glob("*.html"))
            assert len(agencies) == 3
            for path in ["index.html", "items.html", *agencies]:
                visit.page.goto(base + path)
                assert visit.page.title().endswith("ภาพรวมการเปิดเผยข้อมูล ITA 2568"), path
            # Sorting and filtering work (the page's own script runs).
            visit.page.goto(base + "index.html")
            visit.page.select_option("#ov-status", "incomplete")
            assert visit.page.locator("#ov-shown").inner_text() == "แสดง 2 หน่วยงาน"
            visit.page.select_option("#ov-status", "")
            visit.page.locator("table.ov-agencies th", has_text="ครบ (ร้อยละ)").click()
            names = visit.page.locator("table.ov-agencies tbody th").all_inner_texts()
            assert names == ["องค์การบริหารส่วนตำบลหนองบัว", HOSTILE, "เทศบาลตำบลบ้านสายรุ้ง"]
            visit.close()
            chromium.close()
    finally:
        server.shutdown()
    assert dialogs == []
    assert visit.errors == [] and visit.outside == []


def test_the_overview_is_published_as_a_folder(
    overview: tuple[Path, str, dict[str, str], Path], tmp_path: Path
) -> None:
    folder, _, _, _ = overview
    (tmp_path / "www").mkdir()
    out = io.StringIO()
    code = main(["publish", "--folder", str(folder), "--to", str(tmp_path / "www")], out=out)
    assert code == 0, out.getvalue()
    sent = sorted(
        p.relative_to(tmp_path / "www").as_posix() for p in (tmp_path / "www").rglob("*") if p.is_file()
    )
    built = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert [p for p in sent if not p.startswith(".oit-")] == built
    assert out.getvalue().endswith("เผยแพร่เสร็จ (published)\n")


def test_a_yaml_list_and_a_local_folder(
    overview: tuple[Path, str, dict[str, str], Path], sites: Path
) -> None:
    folder, _, _, listing = overview
    yml = listing.parent / "agencies.yml"
    yml.write_text(
        f"- url: {sites / 'two'}\n  name: อบต.หนองบัว\n  group: อำเภอหนองบัว\n- {sites / 'noindex'}\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    code = main(["overview", str(yml), "--out", str(listing.parent / "from-yaml"), "--no-cache"], out=out)
    assert code == 0, out.getvalue()
    found = json.loads((listing.parent / "from-yaml" / "overview.json").read_text(encoding="utf-8"))
    two = json.loads((folder / "overview.json").read_text(encoding="utf-8"))[1]
    assert found == [
        {**two, "url": str(sites / "two"), "name": "อบต.หนองบัว", "group": "อำเภอหนองบัว"},
        {
            "url": str(sites / "noindex"),
            "name": str(sites / "noindex"),
            "group": "",
            "read": "ไม่มีดัชนี oit-site.json",
            "counts": {},
            "missing": [],
        },
    ]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            "agencies.csv",
            "address,name\nhttps://a.example.go.th/,ก\n",
            "agencies.csv:1: บรรทัดแรกต้องเป็นหัวตาราง url,name,group (the header url,name,group)",
        ),
        (
            "agencies.csv",
            "url,name\nhttps://a.example.go.th/ita/,ก\nftp://b.example.go.th/,ข\n",
            "agencies.csv:3: 'ftp://b.example.go.th/' ไม่ใช่ http หรือ https"
            " (only http and https sites are read); เขียนเช่น https://www.example.go.th/ita/",
        ),
        (
            "agencies.yml",
            "- {url: https://a.example.go.th/ita/}\n- {url: 'https://a.example.go.th/ita'}\n",
            "agencies.yml:2: https://a.example.go.th/ita/ ซ้ำกับบรรทัด 1 (listed twice); ให้มีเว็บไซต์ละบรรทัด",
        ),
    ],
)
def test_a_list_that_cannot_be_read_is_named_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, message: str
) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    code = main(["overview", str(tmp_path / name), "--out", str(tmp_path / "out")], out=io.StringIO())
    assert code == 1
    assert capsys.readouterr().err == f"{tmp_path / name}{message.removeprefix(name)}\n"
    assert not (tmp_path / "out").exists()


def test_axe_finds_nothing_serious_in_the_overview(overview: tuple[Path, str, dict[str, str], Path]) -> None:
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM, Visit
    from test_readers import AXE

    folder, _, _, _ = overview
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Handler, directory=str(folder))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    pages = [
        "index.html",
        "items.html",
        *sorted(f"agencies/{p.name}" for p in (folder / "agencies").glob("*.html")),
    ]
    found: list[str] = []
    try:
        with sync_playwright() as p:
            chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            for width in (360, 1280):
                # axe-core is added from tests/vendor, bypassing the pages' own script policy.
                visit = Visit(chromium, bypass_csp=True, viewport={"width": width, "height": 800})
                for path in pages:
                    visit.page.goto(base + path, wait_until="load")
                    assert visit.page.evaluate("document.documentElement.scrollWidth") == width, path
                    visit.page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
                    violations = visit.page.evaluate(
                        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        ".map(v => `${v.id} (${v.impact}): ${v.help}`)"
                    )
                    found += [f"{width}px {path}: {v}" for v in violations]
                visit.close()
            chromium.close()
    finally:
        server.shutdown()
    assert found == []
