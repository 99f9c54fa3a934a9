"""Bad input: every mistake names the file, the line and what to write instead."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, example_repo, mkdocs_command, run_mkdocs

from site_builder.errors import ContentError, ContentErrors
from site_builder.load.content import load_site
from site_builder.render.pages import build_outputs

AGENCY = "name: เทศบาลตำบลทดสอบ\nkind: เทศบาลตำบล\ndistrict: เมือง\nprovince: ขอนแก่น\n"
RESULT_2568 = """score: 95.07
level: ผ่านดี
indicators:
  1: 93.53
  2: 99.12
  3: 99.90
  4: 85.29
  5: 98.92
  6: 91.37
  7: 86.52
  8: 86.77
  9: 100.00
  10: 100.00
"""


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    files = {"agency.yml": AGENCY, **files}
    for name, data in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return content


def errors_of(tmp_path: Path, files: dict[str, str | bytes]) -> list[ContentError]:
    with pytest.raises(ContentErrors) as caught:
        load_site(write(tmp_path, files), tmp_path)
    return list(caught.value.sorted())


CASES = yaml.safe_load((Path(__file__).parent / "bad_input" / "cases.yml").read_text(encoding="utf-8"))


def write_case(root: Path, files: dict[str, Any]) -> Path:
    """A case's content tree: text files, files in another encoding, or files of a size."""
    content = write(root, {name: data for name, data in files.items() if isinstance(data, str)})
    for name, spec in files.items():
        if isinstance(spec, dict):
            path = content / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if "size_mb" in spec:
                with path.open("wb") as handle:
                    handle.truncate(int(spec["size_mb"] * 1024 * 1024))
            else:
                path.write_bytes(spec["text"].encode(spec.get("encoding", "utf-8")))
    return content


def content_errors(content: Path, root: Path) -> list[ContentError]:
    """What ``oit-site check`` and the build find: the loader's errors, then the outputs'."""
    try:
        site = load_site(content, root)
        build_outputs(site, "https://www.example.go.th/ita/")
    except ContentErrors as errors:
        return list(errors.sorted())
    return []


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_bad_input_is_reported_with_file_and_line(tmp_path: Path, case: dict[str, Any], golden: Any) -> None:
    content = write_case(tmp_path, case["files"])
    errors = content_errors(content, tmp_path)
    assert len(errors) == 1, [str(e) for e in errors]
    [error] = errors
    expected = case["error"]
    assert (error.file, error.line) == (expected["file"], expected["line"])

    # The same mistake through the command an editor or CI runs: exit 1, the message, no traceback.
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    result = mkdocs_command(["build", "--strict", "-q", "-f", str(tmp_path / "mkdocs.yml")])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # MkDocs' Abort, not a crash
    assert not (tmp_path / "site").exists()
    # The whole message, as check prints it and as the build logs it (tests/goldens/bad_input/).
    name = re.sub(r"\W+", "-", case["name"])
    golden(
        f"bad_input/{name}.txt",
        f"{error}\n\n$ mkdocs build --strict\n{result.output}",
    )


def test_symbolic_link_out_of_content_is_refused(tmp_path: Path) -> None:
    content = write(tmp_path, {"2568/o1/index.md": "ข้อความ\n"})
    secret = tmp_path / "secret.txt"
    secret.write_text("password", encoding="utf-8")
    os.symlink(secret, content / "2568" / "o1" / "secret.txt")
    with pytest.raises(ContentErrors) as caught:
        load_site(content, tmp_path)
    [error] = caught.value.errors
    assert error.file == "content/2568/o1/secret.txt"
    assert "ชี้ออกนอก content/" in str(error)


def test_all_mistakes_of_a_run_are_reported_together(tmp_path: Path) -> None:
    errors = errors_of(
        tmp_path,
        {
            "2568/result.yml": "score: 105\n",
            "2567/measures.yml": "measures:\n  - topic: ทดสอบ\n    perod: {fiscal_year: 2567}\n",
            "2566/o99/index.md": "ข้อความ\n",
        },
    )
    assert [(e.file, e.line) for e in errors] == [
        ("content/2566/o99", None),
        ("content/2567/measures.yml", 3),
        ("content/2568/result.yml", 1),
    ]
    assert "did you mean 'period'" in str(errors[1])


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    site = load_site(
        write(tmp_path, {"2568/result.yml": ("\ufeff" + RESULT_2568).replace("\n", "\r\n").encode()}),
        tmp_path,
    )
    fiscal_year = site.year(2568)
    assert fiscal_year is not None and fiscal_year.scores is not None
    assert fiscal_year.scores.level == "ผ่านดี"


def test_key_path_is_named(tmp_path: Path) -> None:
    [error] = errors_of(
        tmp_path,
        {"2568/measures.yml": "measures:\n  - topic: ก\n  - topic: ข\n    period:\n      start: 2025-13\n"},
    )
    assert error.key == ("measures", 1, "period", "start")
    assert str(error).startswith("content/2568/measures.yml:5:7: measures[1].period.start: เดือน 13 ไม่มีจริง")


def test_text_from_yaml_is_escaped_on_the_page(tmp_path: Path) -> None:
    from conftest import build_content

    content = write(
        tmp_path / "src",
        {
            "agency.yml": AGENCY + "description: '<script>alert(1)</script> [ลิงก์](javascript:alert(2))'\n",
            "2568/measures.yml": "measures:\n  - topic: <img src=x onerror=alert(3)>\n",
        },
    )
    site = build_content(tmp_path, content)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in home and "&lt;script&gt;alert(1)" in home
    assert 'href="javascript:' not in home
    year = (site / "2568" / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in year and "&lt;img src=x onerror=alert(3)&gt;" in year


def test_mkdocs_build_fails_cleanly_and_leaves_site_untouched(tmp_path: Path) -> None:
    root = example_repo(tmp_path / "repo")
    good = run_mkdocs(root)
    assert good.returncode == 0, good.stderr
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}

    result = root / "content" / "2568" / "result.yml"
    result.write_text(
        result.read_text(encoding="utf-8").replace("score: 94.29", "score: 194.29"), encoding="utf-8"
    )
    bad = run_mkdocs(root)
    output = bad.stdout + bad.stderr
    assert bad.returncode == 1
    assert "Traceback" not in output
    assert "content/2568/result.yml:2:1: score: คะแนนต้องอยู่ระหว่าง 0 ถึง 100 แต่พบ 194.29" in output
    after = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before


def test_pasted_html_keeps_tables_but_loses_script_and_remote_loads(tmp_path: Path) -> None:
    from conftest import build_content

    body = (
        "---\nassessor_note: ดูตาราง\n---\n"  # lines 1-3
        "ตารางจาก Word:\n\n"  # 4-5
        '<table><tr><td onclick="steal()">สำนักปลัด</td></tr></table>\n\n'  # 6-7
        "<script>alert(1)</script>\n\n"  # 8-9
        "[คลิก](javascript:alert(2)) ![แผนที่](https://maps.example.com/a.png)\n\n"  # 10-11
        '<iframe src="https://www.google.com/maps/embed"></iframe>\n'  # 12
    )
    content = write(tmp_path / "src", {"2568/o3/index.md": body})
    file = "content/2568/o3/index.md"
    site = build_content(
        tmp_path,
        content,
        expect_warnings=[
            f"{file}:6: ลบ onclick= ออกจากแท็ก: เนื้อหาต้องไม่มีคำสั่งที่ทำงานเมื่อคลิกหรือโหลด "
            "(removed an inline event handler)\n"
            "    วิธีแก้ (fix): ลบแอตทริบิวต์นี้ออกจากไฟล์",
            f"{file}:8: ลบ <script> ออกจากหน้า: เนื้อหาต้องไม่มีสคริปต์ (removed a <script>)\n"
            "    วิธีแก้ (fix): ลบโค้ดสคริปต์ออกจากไฟล์",
            f"{file}:10: ลบรูปหรือสื่อที่โหลดจากเว็บอื่น https://maps.example.com/a.png "
            "(removed media loaded from another host)\n"
            "    วิธีแก้ (fix): ดาวน์โหลดไฟล์มาไว้ในโฟลเดอร์ของข้อหรือ content/assets/ แล้วอ้างชื่อไฟล์",
            f"{file}:10: ลบลิงก์ javascript: ออก (removed a script link)\n"
            "    วิธีแก้ (fix): ใช้ลิงก์ที่ขึ้นต้นด้วย https:// เท่านั้น",
            f"{file}:12: ลบ <iframe> ออกจากหน้า: สิ่งที่ฝังจากเว็บอื่นทำให้หน้าเว็บโหลดข้อมูลจากภายนอก (removed an embed)\n"
            "    วิธีแก้ (fix): ใส่เป็นลิงก์แทน เช่น [แผนที่สำนักงาน](https://maps.google.com/…)",
        ],
    )
    html = (site / "2568" / "o3" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    assert "<td>สำนักปลัด</td>" in article
    assert "<script" not in article and "onclick" not in article and "javascript:" not in article
    assert "<iframe" not in article and "maps.example.com" not in article
    assert "คลิก" in article and "แผนที่" in article


def test_pasted_script_fails_a_strict_build_and_keeps_the_site(tmp_path: Path) -> None:
    root = example_repo(tmp_path / "repo")
    assert run_mkdocs(root).returncode == 0
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    item = root / "content" / "2568" / "o4" / "index.md"
    item.write_text(item.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n", encoding="utf-8")
    result = run_mkdocs(root)
    assert result.returncode == 1
    assert "content/2568/o4/index.md:8: ลบ <script>" in result.stderr + result.stdout
    assert {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()} == before
