"""``oit-site ci github|gitlab``: the CI file that checks, builds and publishes on every
push (``templates/ci/``), to the agency's host or to Pages; an existing file is kept."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import TextIO

from site_builder.commands.console import Failure

CI_FILES = MappingProxyType(
    {
        ("github", False): ("github-publish.yml", ".github/workflows/publish.yml"),
        ("github", True): ("github-pages.yml", ".github/workflows/pages.yml"),
        ("gitlab", False): ("gitlab-publish.yml", ".gitlab-ci.yml"),
        ("gitlab", True): ("gitlab-pages.yml", ".gitlab-ci.yml"),
    }
)


def ci_template(host: str, pages: bool) -> tuple[str, str]:
    """(the CI file's text, where it goes in the repository)."""
    name, target = CI_FILES[(host, pages)]
    return (files("site_builder") / "templates" / "ci" / name).read_text(encoding="utf-8"), target


def write_ci(config_file: Path, host: str, pages: bool, out: TextIO) -> int:
    text, target = ci_template(host, pages)
    path = config_file.resolve().parent / target
    if path.exists():
        raise Failure(f"{target} มีอยู่แล้ว ไม่เขียนทับ (exists; not overwritten): เปลี่ยนชื่อหรือลบไฟล์เดิมก่อน แล้วรันอีกครั้ง")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    out.write(f"เขียน {target} แล้ว (wrote {target})\n")
    if pages:
        out.write("ต่อไป: แก้ site_url ใน mkdocs.yml ให้ตรงกับที่อยู่ของ Pages แล้ว commit และ push\n")
    else:
        out.write(
            "ต่อไป: ตั้งค่าความลับตามที่บอกไว้ที่หัวไฟล์ (OIT_PUBLISH_TO, OIT_PUBLISH_KEY หรือ OIT_PUBLISH_PASSWORD …) "
            "แล้ว commit และ push (next: set the secrets the file lists, then commit and push)\n"
        )
    return 0
