"""What programs other than a browser read of the built example: the Open Graph tags a chat
app or a social network shows of a shared link, the sitemap a search engine reads, and the
answer sheets with the JSON Schema a validator checks them against."""

from __future__ import annotations

import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
import yaml
from conftest import REPO, build_content

from site_builder.cli import main
from site_builder.load.content import load_site
from site_builder.model.schema import answer_sheet_schema_text

SITE_URL = "https://www.example.go.th/ita/"
NAME = load_site(REPO / "content").agency.name


class _Head(HTMLParser):
    """A page's <title>, its <meta> tags (by name or property, each as often as it comes)
    and its canonical link, as a crawler reads them."""

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.meta: list[tuple[str, str]] = []
        self.canonical: str | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "meta" and (found.get("property") or found.get("name")):
            self.meta.append((found.get("property") or found.get("name") or "", found.get("content") or ""))
        elif tag == "link" and found.get("rel") == "canonical":
            self.canonical = found.get("href")
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _head(page: Path) -> _Head:
    head = _Head()
    head.feed(page.read_text(encoding="utf-8").split("</head>", 1)[0])
    return head


def _open_graph(head: _Head) -> dict[str, str]:
    tags = [(key, value) for key, value in head.meta if key.startswith("og:")]
    assert len(tags) == len(dict(tags)), tags  # each property once
    return dict(tags)


@pytest.fixture(scope="module")
def site(built_example: Path) -> Path:
    return built_example / "site"


def test_every_page_says_what_a_shared_link_shows(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 120
    for page in pages:
        rel = page.relative_to(site).as_posix()
        head = _head(page)
        description = dict(head.meta)["description"]
        expected = {
            "og:type": "website",
            "og:site_name": NAME,
            "og:title": head.title.removesuffix(f" - {NAME}"),
            "og:description": description,
            "og:locale": "th_TH",
        }
        if rel != "404.html":
            assert rel.endswith("index.html"), rel
            expected["og:url"] = SITE_URL + rel.removesuffix("index.html")
            assert head.canonical == expected["og:url"]
        assert _open_graph(head) == expected, rel
    item = _open_graph(_head(site / "2568/o1/index.html"))
    assert item["og:title"] == "O1 โครงสร้างและอำนาจหน้าที่ · ITA 2568"
    assert item["og:description"] == f"{NAME} ปีงบประมาณ 2568 ข้อ O1 โครงสร้างและอำนาจหน้าที่"
    assert _open_graph(_head(site / "index.html"))["og:title"] == "การเปิดเผยข้อมูลสาธารณะ ITA"


def test_open_graph_text_is_escaped_and_without_a_site_url_no_address_is_made_up(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(REPO / "content", content)
    year = content / "2568" / "year.yml"
    data = yaml.safe_load(year.read_text(encoding="utf-8"))
    title = 'แผน "ป้องกัน" <การทุจริต> & ประพฤติมิชอบ'
    data["items"]["O25"]["title"] = title
    year.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    built = build_content(tmp_path, content, site_url="")
    page = (built / "2568/o25/index.html").read_text(encoding="utf-8")
    assert f'<meta property="og:title" content="O25 {_escaped(title)} · ITA 2568">' in page
    graph = _open_graph(_head(built / "2568/o25/index.html"))
    assert graph["og:title"] == f"O25 {title} · ITA 2568"
    assert graph["og:description"] == f"{NAME} ปีงบประมาณ 2568 ข้อ O25 {title}"
    assert [p for p in built.rglob("*.html") if "og:url" in _open_graph(_head(p))] == []


def _escaped(text: str) -> str:
    """Text as Jinja's ``e`` writes it in an attribute."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")


# A document of an item, as its folder in content/ holds it.
DOCUMENT = re.compile(r"^\d{4}/o\d+/[^/]+\.[a-z]+$")


def test_the_sitemap_lists_pages_documents_and_data_never_the_sites_own_assets(site: Path) -> None:
    locations = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    assert all(loc.startswith(SITE_URL) for loc in locations)
    paths = [unquote(loc.removeprefix(SITE_URL)) for loc in locations]
    pages = [p for p in paths if p == "" or p.endswith("/")]
    assert [p for p in pages if not (site / p / "index.html").is_file()] == []
    assert len(pages) == 1 + 3 * 2 + 43 + 43 + 28  # home; each year and its report; the items
    documents = [p for p in paths if DOCUMENT.match(p)]
    assert [p for p in documents if not (site / p).is_file()] == []
    assert len(documents) == 3
    assert sorted(set(paths) - set(pages) - set(documents)) == [
        "2566/oit.csv",
        "2566/oit.json",
        "2567/oit.csv",
        "2567/oit.json",
        "2568/oit.csv",
        "2568/oit.json",
        "oit-site.json",
    ]
    # The logo the header shows answers at its address, but is no page of its own.
    assert (site / "assets/logo.svg").is_file()
    assert "assets/logo.svg" not in paths


def test_the_answer_sheet_schema_is_the_one_oit_site_schema_writes(tmp_path: Path) -> None:
    out = io.StringIO()
    assert main(["-f", str(tmp_path / "mkdocs.yml"), "schema"], out=out) == 0
    assert "answer-sheet.schema.json" in out.getvalue().splitlines()
    written = (tmp_path / "schema" / "answer-sheet.schema.json").read_text(encoding="utf-8")
    committed = (REPO / "schema" / "answer-sheet.schema.json").read_text(encoding="utf-8")
    assert committed == written == answer_sheet_schema_text(), (
        "schema/answer-sheet.schema.json is stale: run oit-site schema"
    )
    jsonschema.Draft202012Validator.check_schema(json.loads(committed))


def _sheet_errors(sheet: object) -> list[str]:
    schema = json.loads((REPO / "schema" / "answer-sheet.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(sheet))


def test_every_answer_sheet_the_example_publishes_is_valid(site: Path) -> None:
    rows = 0
    for sheet in sorted(site.glob("*/oit.json")):
        data = json.loads(sheet.read_text(encoding="utf-8"))
        assert _sheet_errors(data) == [], sheet
        rows += len(data)
    assert rows == 43 + 43 + 28
    # What the schema refuses: a row without its URL, a status that is not text, an object
    # in place of the list.
    assert _sheet_errors([{"code": "O1", "title": "โครงสร้าง", "status": 1}]) == [
        "0/status: 1 is not of type 'string'",
        "0: 'url' is a required property",
    ]
    assert _sheet_errors({"rows": []}) == [": {'rows': []} is not of type 'array'"]
