"""Where the running oit-site was installed from, as the line a new site's
``requirements.txt`` pins, so that the site's CI installs the very same package.

pip records in ``direct_url.json`` beside a distribution's metadata (PEP 610) where it got
anything that did not come from a package index: an archive's URL and hash, a git
repository and commit, a local folder. No such file means a package index, where the
version alone names the package. A local file or folder, or an editable install, is out of
a CI machine's reach: the pin is then the version, with a note that says what to write
instead while that version is not on a package index.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, distribution
from typing import Any
from urllib.parse import urlsplit

DISTRIBUTION = "oit-site"


@dataclass(frozen=True)
class Pin:
    """What a site's ``requirements.txt`` says about oit-site."""

    requirement: str
    """The requirement line: ``oit-site==0.2.0``, ``oit-site @ https://…``."""
    note: str | None = None
    """Why a CI machine cannot install from where this one did, and what to write
    instead (Thai, then English), or None."""


def local_note(version: str, situation: str, situation_en: str) -> str:
    """The note for an oit-site ``version`` whose source a CI machine cannot reach:
    ``situation`` says where it was installed from, in Thai and in English."""
    wheel = f"oit_site-{version}-py3-none-any.whl"
    return (
        f"{situation}\n({situation_en}).\n"
        f"{DISTRIBUTION}=={version} ติดตั้งได้เมื่อรุ่นนี้อยู่ใน PyPI แล้ว ถ้ายังไม่มี "
        "ให้แก้บรรทัดนั้นเป็นที่อยู่ของ wheel หรือของ git ที่ CI เปิดได้\n"
        "(it installs once that version is on PyPI; until then write the URL of its wheel or git tag), "
        "เช่น (e.g.)\n"
        f"  {DISTRIBUTION} @ https://github.com/<owner>/oit-site/releases/download/v{version}/{wheel}\n"
        f"  {DISTRIBUTION} @ git+https://github.com/<owner>/oit-site@v{version}"
    )


_USED = "oit-site ที่ใช้สร้างเว็บไซต์นี้ติดตั้ง"
_UNREACHABLE = "ซึ่ง CI และเครื่องอื่นเข้าถึงไม่ได้"


def pin(direct_url: str | None, version: str) -> Pin:
    """The pin for an oit-site ``version`` whose ``direct_url.json`` reads ``direct_url``
    (None: there is none, so it came from a package index)."""
    index = f"{DISTRIBUTION}=={version}"
    if direct_url is None:
        return Pin(index)
    try:
        record: Any = json.loads(direct_url)
    except ValueError:
        record = None
    if not isinstance(record, dict) or not isinstance(record.get("url"), str):
        return Pin(
            index,
            local_note(
                version,
                "ไม่ทราบว่า oit-site ที่ใช้สร้างเว็บไซต์นี้ติดตั้งจากที่ใด (อ่าน direct_url.json ของ pip ไม่ได้)",
                "where oit-site was installed from is unknown: pip's direct_url.json is unreadable",
            ),
        )
    parts = urlsplit(record["url"])
    vcs = record.get("vcs_info")
    if isinstance(record.get("dir_info"), dict):
        if record["dir_info"].get("editable"):
            where = ("แบบแก้ไขได้ (pip install -e) จากโฟลเดอร์ในเครื่องนี้", "in editable mode from a folder")
        else:
            where = ("จากโฟลเดอร์ในเครื่องนี้", "from a folder")
    elif parts.scheme in ("file", ""):
        where = (
            ("จากคลัง git ในเครื่องนี้", "from a git repository")
            if isinstance(vcs, dict)
            else ("จากไฟล์ในเครื่องนี้", "from a file")
        )
    else:
        return Pin(_reachable(record, parts._replace(fragment="").geturl(), vcs))
    return Pin(
        index,
        local_note(
            version,
            f"{_USED}{where[0]} {_UNREACHABLE}",
            f"oit-site was installed {where[1]} on this machine, which CI cannot reach",
        ),
    )


def _reachable(record: dict[str, Any], url: str, vcs: Any) -> str:
    """The requirement line for a URL a CI machine can open: a repository's commit, or an
    archive with its hash."""
    if not isinstance(vcs, dict):
        return f"{DISTRIBUTION} @ {url}{_sha256(record.get('archive_info'))}"
    commit = vcs.get("commit_id") or vcs.get("requested_revision")
    line = f"{DISTRIBUTION} @ {vcs.get('vcs', 'git')}+{url}" + (f"@{commit}" if commit else "")
    if record.get("subdirectory"):
        line += f"#subdirectory={record['subdirectory']}"
    revision = vcs.get("requested_revision")
    if revision and revision != commit:
        line += f"  # {revision}"  # the tag or branch asked for, beside the commit it was then
    return line


def _sha256(archive: Any) -> str:
    """``#sha256=…`` for an archive whose hash pip recorded, else nothing."""
    if not isinstance(archive, dict):
        return ""
    hashes = archive.get("hashes")
    if isinstance(hashes, dict) and hashes.get("sha256"):
        return f"#sha256={hashes['sha256']}"
    legacy = archive.get("hash")  # PEP 610's first form: "sha256=…"
    if isinstance(legacy, str) and legacy.startswith("sha256="):
        return f"#{legacy}"
    return ""


def installed_pin() -> Pin:
    """The pin for the oit-site this process runs."""
    try:
        found = distribution(DISTRIBUTION)
    except PackageNotFoundError:  # a source tree that was never installed: a folder, as pip records it
        return pin(json.dumps({"url": "file:///", "dir_info": {}}), "0.0.0")
    return pin(found.read_text("direct_url.json"), found.version)
