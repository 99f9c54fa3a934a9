"""URLs never break: the register, redirects, real 301s from nginx and Apache, true dates, sitemap."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from conftest import MKDOCS_ENV, REPO, run_mkdocs, site_text
from servers import apache_serving, fetch, nginx_serving

from site_builder.cli import main as oit_site

AGENCY = "name: เทศบาลตำบลทดสอบ\nkind: เทศบาลตำบล\ndistrict: เมือง\nprovince: ขอนแก่น\n"


def make_repo(root: Path, site_url: str = "https://www.example.go.th/ita/") -> Path:
    """A small agency repository: two years, a document with a Thai name and a space."""
    root.mkdir(parents=True, exist_ok=True)
    config = (
        (REPO / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .replace("site_url: https://www.example.go.th/ita/", f"site_url: {site_url}")
    )
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    content = root / "content"
    (content / "2568" / "o1").mkdir(parents=True)
    (content / "2567" / "o3").mkdir(parents=True)
    (content / "2568" / "o3").mkdir(parents=True)
    (content / "agency.yml").write_text(AGENCY, encoding="utf-8")
    (content / "2568" / "o1" / "index.md").write_text("โครงสร้าง\n", encoding="utf-8")
    (content / "2568" / "o1" / "แผนผัง เดิม.pdf").write_bytes(b"%PDF-1.4\nchart\n")
    (content / "2567" / "o3" / "index.md").write_text("อำนาจหน้าที่ตามกฎหมาย\n", encoding="utf-8")
    (content / "2568" / "o3" / "index.md").write_text("โทรศัพท์ 0 4300 0000\n", encoding="utf-8")
    return root


def mkdocs(root: Path) -> subprocess.CompletedProcess[str]:
    return run_mkdocs(root)


def register(root: Path) -> None:
    assert oit_site(["-f", str(root / "mkdocs.yml"), "register"]) == 0


def test_register_lists_every_published_url_sorted(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    register(root)
    lines = [
        line
        for line in (root / "published-urls.txt").read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
    ]
    assert lines == sorted(lines)
    assert {"/", "/2568/", "/2568/o1/", "/2568/o1/แผนผัง เดิม.pdf", "/2568/oit.csv", "/2567/o43/"} <= set(lines)
    register(root)  # idempotent: nothing added twice
    assert len((root / "published-urls.txt").read_text(encoding="utf-8").splitlines()) == len(lines) + 3


def test_renamed_document_fails_the_build_until_redirected(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    register(root)
    folder = root / "content" / "2568" / "o1"
    (folder / "แผนผัง เดิม.pdf").rename(folder / "แผนผังโครงสร้าง.pdf")
    failed = mkdocs(root)
    assert failed.returncode == 1
    assert "  /2568/o1/แผนผัง เดิม.pdf\n" in failed.stderr
    assert "Traceback" not in failed.stderr
    (root / "content" / "redirects.yml").write_text(
        "redirects:\n  - old: /2568/o1/แผนผัง เดิม.pdf\n    new: /2568/o1/แผนผังโครงสร้าง.pdf\n", encoding="utf-8"
    )
    assert mkdocs(root).returncode == 0
    # any static host still answers the old document URL, with the same bytes
    assert (root / "site" / "2568" / "o1" / "แผนผัง เดิม.pdf").read_bytes() == b"%PDF-1.4\nchart\n"


def test_document_moved_to_another_item(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    register(root)
    shutil.move(
        root / "content" / "2568" / "o1" / "แผนผัง เดิม.pdf", root / "content" / "2568" / "o3" / "แผนผัง เดิม.pdf"
    )
    assert mkdocs(root).returncode == 1
    (root / "content" / "redirects.yml").write_text(
        "redirects:\n  - old: /2568/o1/แผนผัง เดิม.pdf\n    new: /2568/o3/แผนผัง เดิม.pdf\n", encoding="utf-8"
    )
    result = mkdocs(root)
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "2568" / "o3" / "แผนผัง เดิม.pdf").is_file()
    assert (root / "site" / "2568" / "o1" / "แผนผัง เดิม.pdf").is_file()


def test_removed_item_needs_a_redirect_or_a_gone_entry(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    register(root)
    (root / "content" / "2568" / "year.yml").write_text("remove: [O7]\n", encoding="utf-8")
    failed = mkdocs(root)
    assert failed.returncode == 1
    assert "  /2568/o7/\n" in failed.stderr and "content/redirects.yml" in failed.stderr

    (root / "content" / "redirects.yml").write_text(
        "redirects:\n  - old: /2568/o7/\n    new: /2568/o6/\n    note: รวมกับข้อ O6\n", encoding="utf-8"
    )
    assert mkdocs(root).returncode == 0
    stub = (root / "site" / "2568" / "o7" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../o6/">' in stub
    assert '<link rel="canonical" href="https://www.example.go.th/ita/2568/o6/">' in stub

    (root / "content" / "redirects.yml").write_text(
        "gone:\n  - url: /2568/o7/\n    title: รายงานผลการดำเนินงานประจำปี\n    date: 2025-11-03\n"
        "    reason: ป.ป.ช. นำข้อนี้ออกจากรายการ ITA 2568\n",
        encoding="utf-8",
    )
    assert mkdocs(root).returncode == 0
    text = site_text((root / "site" / "2568" / "o7" / "index.html").read_text(encoding="utf-8"))
    assert "ข้อมูลนี้ถูกนำออกแล้ว" in text
    assert "รายงานผลการดำเนินงานประจำปี" in text and "3 พฤศจิกายน 2568" in text and "นำข้อนี้ออก" in text


def test_redirect_mistakes_are_content_errors(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    (root / "content" / "redirects.yml").write_text(
        "redirects:\n  - old: /2568/o1/\n    new: /2568/o2/\n  - old: /2568/o99/\n    new: /2568/o98/\n",
        encoding="utf-8",
    )
    result = mkdocs(root)
    assert result.returncode == 1
    assert "content/redirects.yml:2:5: redirects[0].old: ที่อยู่ /2568/o1/ ยังมีข้อมูลอยู่" in result.stderr
    assert "content/redirects.yml:5:5: redirects[1].new: ที่อยู่ใหม่ /2568/o98/ ไม่มีในเว็บไซต์" in result.stderr


def test_a_code_that_changed_meaning_keeps_both_urls(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    assert mkdocs(root).returncode == 0
    old = site_text((root / "site" / "2567" / "o3" / "index.html").read_text(encoding="utf-8"))
    new = site_text((root / "site" / "2568" / "o3" / "index.html").read_text(encoding="utf-8"))
    assert "O3 อำนาจหน้าที่" in old and "อำนาจหน้าที่ตามกฎหมาย" in old
    assert "O3 ข้อมูลการติดต่อ" in new and "0 4300 0000" in new


def git(root: Path, *args: str, when: str | None = None) -> None:
    env = {
        **MKDOCS_ENV,
        "GIT_AUTHOR_NAME": "editor",
        "GIT_AUTHOR_EMAIL": "e@example.go.th",
        "GIT_COMMITTER_NAME": "editor",
        "GIT_COMMITTER_EMAIL": "e@example.go.th",
    }
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, env=env)


def test_dates_come_from_git_history_unless_front_matter_gives_them(tmp_path: Path) -> None:
    root = make_repo(tmp_path / "repo")
    (root / "content" / "2567" / "o3" / "index.md").write_text(
        "---\npublished: 2023-10-02\n---\nอำนาจหน้าที่ตามกฎหมาย\n", encoding="utf-8"
    )
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "first", when="2024-01-10T09:00:00+07:00")
    (root / "content" / "2568" / "o1" / "แผนผัง เดิม.pdf").write_bytes(b"%PDF-1.4\nchart v2\n")
    git(root, "commit", "-qam", "new chart", when="2024-06-05T10:00:00+07:00")
    (root / "content" / "2567" / "o3" / "index.md").write_text(
        "---\npublished: 2023-10-02\n---\nอำนาจหน้าที่ (แก้ไข)\n", encoding="utf-8"
    )
    git(root, "commit", "-qam", "edit", when="2024-07-01T10:00:00+07:00")
    assert mkdocs(root).returncode == 0
    o1 = site_text((root / "site" / "2568" / "o1" / "index.html").read_text(encoding="utf-8"))
    assert "เผยแพร่เมื่อ 10 มกราคม 2567" in o1 and "ปรับปรุงล่าสุด 5 มิถุนายน 2567" in o1
    assert "ที่มาของวันที่: ประวัติ git" in o1
    o3 = site_text((root / "site" / "2567" / "o3" / "index.html").read_text(encoding="utf-8"))
    assert "เผยแพร่เมื่อ 2 ตุลาคม 2566" in o3 and "ปรับปรุงล่าสุด 1 กรกฎาคม 2567" in o3
    sitemap = (root / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://www.example.go.th/ita/2568/o1/</loc>\n    <lastmod>2024-06-05</lastmod>" in sitemap
    pdf = quote("/2568/o1/แผนผัง เดิม.pdf", safe="/")
    assert f"<loc>https://www.example.go.th/ita{pdf}</loc>" in sitemap
    assert "2568/O1" not in sitemap and "nginx" not in sitemap

    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{root}", str(shallow)], check=True, env=MKDOCS_ENV
    )
    assert mkdocs(shallow).returncode == 0
    text = site_text((shallow / "site" / "2568" / "o1" / "index.html").read_text(encoding="utf-8"))
    assert "ที่มาของวันที่: ประวัติ git (ตัดตอน/shallow)" in text

    outside = tmp_path / "outside"
    shutil.copytree(root, outside, ignore=shutil.ignore_patterns(".git", "site"))
    assert mkdocs(outside).returncode == 0
    text = site_text((outside / "site" / "2568" / "o1" / "index.html").read_text(encoding="utf-8"))
    assert "เผยแพร่เมื่อ ไม่ระบุ" in text


# ------------------------------------------------------------------ nginx, for real


@pytest.fixture
def moved(tmp_path: Path) -> Path:
    """A site that renamed a document and removed an item, with the redirects for both."""
    root = make_repo(tmp_path / "repo")
    register(root)
    folder = root / "content" / "2568" / "o1"
    (folder / "แผนผัง เดิม.pdf").rename(folder / "แผนผังโครงสร้าง.pdf")
    (root / "content" / "2568" / "year.yml").write_text("remove: [O7]\n", encoding="utf-8")
    (root / "content" / "redirects.yml").write_text(
        "redirects:\n  - old: /2568/o7/\n    new: /2568/o6/\n"
        "  - old: /2568/o1/แผนผัง เดิม.pdf\n    new: /2568/o1/แผนผังโครงสร้าง.pdf\n",
        encoding="utf-8",
    )
    result = mkdocs(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.mark.parametrize("server", [nginx_serving, apache_serving], ids=["nginx", "apache"])
def test_the_web_server_answers_old_urls_with_301(moved: Path, tmp_path: Path, server: Any) -> None:
    with server(moved, tmp_path / "server") as port:

        def answer(path: str) -> tuple[int, str | None]:
            status, headers = fetch(port, path)
            return status, headers.get("location")

        assert answer("/ita/2568/o6/")[0] == 200
        for old, new in (
            ("/ita/2568/o7/", "/ita/2568/o6/"),
            ("/ita/2568/O1/", "/ita/2568/o1/"),
            ("/ita/2568/O1", "/ita/2568/o1/"),
            ("/ita/2568/o1/แผนผัง เดิม.pdf", quote("/ita/2568/o1/แผนผังโครงสร้าง.pdf", safe="/")),
        ):
            status, location = answer(old)
            assert status == 301 and location is not None, (old, status)
            assert location.lower().endswith(new.lower()), (old, location)
        assert answer("/ita/2568/o1/แผนผังโครงสร้าง.pdf")[0] == 200


def test_apache_and_redirects_files_cover_the_same_moves(moved: Path) -> None:
    site = moved
    htaccess = (site / ".htaccess").read_text(encoding="utf-8")
    assert 'RedirectMatch 301 "^/ita/2568/o7/$" "/ita/2568/o6/"' in htaccess
    assert 'RedirectMatch 301 "^/ita/([0-9]{4})/O([0-9]+)/?(.*)$" "/ita/$1/o$2/$3"' in htaccess
    redirects = (site / "_redirects").read_text(encoding="utf-8")
    assert "/ita/2568/o7/ /ita/2568/o6/ 301" in redirects
    assert "/ita/2568/O1/ /ita/2568/o1/ 301" in redirects
    # a static host with no rules: the 404 page sends capital codes to the real page
    not_found = (site / "404.html").read_text(encoding="utf-8")
    assert "data-oit-not-found" in not_found and 'src="/ita/assets/javascripts/oit.js"' in not_found
    assert "location.replace" in (site / "assets" / "javascripts" / "oit.js").read_text(encoding="utf-8")


def test_sub_path_site_url_everywhere(tmp_path: Path) -> None:
    root = make_repo(tmp_path, site_url="https://www.example.go.th/ita/")
    (root / "content" / "redirects.yml").write_text("redirects: []\n", encoding="utf-8")
    assert mkdocs(root).returncode == 0
    site = root / "site"
    item = (site / "2568" / "o1" / "index.html").read_text(encoding="utf-8")
    assert 'href="../"' in item and 'href="/2568' not in item  # links relative: work under /ita/
    assert "https://www.example.go.th/ita/2568/o1/" in (site / "2568" / "oit.csv").read_text(
        encoding="utf-8-sig"
    )
    assert "<loc>https://www.example.go.th/ita/2568/</loc>" in (site / "sitemap.xml").read_text(
        encoding="utf-8"
    )
    assert "^/ita/" in (site / "nginx-redirects.conf").read_text(encoding="utf-8")


# Names clerks give their files, which a web address can carry only percent-encoded.
ODD_NAMES = ("ประกาศ ฉบับที่ #2.pdf", "ผลการเบิกจ่าย 100%.pdf")


def test_documents_named_with_hash_and_percent_answer_at_their_encoded_urls(tmp_path: Path) -> None:
    """The page links, the sitemap and the register name them so that nginx serves each one,
    and a publish sends them under their own names."""
    root = make_repo(tmp_path / "repo")
    folder = root / "content" / "2568" / "o1"
    for index, name in enumerate(ODD_NAMES):
        (folder / name).write_bytes(b"%PDF-1.4\n" + bytes([65 + index]) + b"\n")
    result = mkdocs(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    page = (site / "2568" / "o1" / "index.html").read_text(encoding="utf-8")
    links = [quote(name, safe="") for name in ODD_NAMES]
    assert links == [
        "%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%81%E0%B8%B2%E0%B8%A8%20%E0%B8%89%E0%B8%9A%E0%B8%B1%E0%B8%9A"
        "%E0%B8%97%E0%B8%B5%E0%B9%88%20%232.pdf",
        "%E0%B8%9C%E0%B8%A5%E0%B8%81%E0%B8%B2%E0%B8%A3%E0%B9%80%E0%B8%9A%E0%B8%B4%E0%B8%81%E0%B8%88"
        "%E0%B9%88%E0%B8%B2%E0%B8%A2%20100%25.pdf",
    ]
    for link in links:
        assert f'href="{link}"' in page
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for link in links:
        assert f"<loc>https://www.example.go.th/ita/2568/o1/{link}</loc>" in sitemap
    register(root)
    registered = (root / "published-urls.txt").read_text(encoding="utf-8").splitlines()
    assert [f"/2568/o1/{name}" in registered for name in ODD_NAMES] == [True, True]
    assert mkdocs(root).returncode == 0  # the register's lines are the files the build makes
    with nginx_serving(site, tmp_path / "server") as port:
        for link in links:
            assert fetch(port, f"/ita/2568/o1/{link}")[0] == 200
    remote = tmp_path / "www" / "ita"
    remote.mkdir(parents=True)
    assert oit_site(["-f", str(root / "mkdocs.yml"), "publish", "--to", str(remote)]) == 0
    for index, name in enumerate(ODD_NAMES):
        assert (remote / "2568" / "o1" / name).read_bytes() == b"%PDF-1.4\n" + bytes([65 + index]) + b"\n"
