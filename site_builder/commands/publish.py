"""``oit-site publish``: what changed in ``site/`` (built first when it is older than the
content) or in a folder as it is, sent to the agency's host; the report of what was sent,
and the refusal, with what to do, over files oit-site did not put there."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig

from site_builder.build.stamp import build_inputs, stale_reason
from site_builder.commands.common import config_of
from site_builder.commands.console import Failure
from site_builder.commands.serve import run_mkdocs
from site_builder.publish.plan import BACKUP
from site_builder.publish.protocols import open_target
from site_builder.publish.run import Conflict, Outcome, Publisher, size_text
from site_builder.publish.targets import (
    CONNECTIONS,
    MOST_CONNECTIONS,
    FolderTarget,
    parse_destination,
    secret,
)
from site_builder.urls import REGISTER, read_register

LISTED = 50  # files named one by one in a publish's report; --dry-run names them all


def _fresh_build(config_file: Path, config: MkDocsConfig, build: bool, out: TextIO) -> Path:
    """``site/``, built from the content as it is now: built here if it is not."""
    site_dir = Path(config.site_dir)
    reason = stale_reason(site_dir, build_inputs(config))
    if reason is None:
        return site_dir
    if not build:
        raise Failure(f"ไม่เผยแพร่: {reason}; รัน oit-site build ก่อน (not published: run oit-site build first)")
    out.write(f"{reason}: สร้างเว็บก่อนเผยแพร่ (building first)\n")
    out.flush()
    if run_mkdocs(config_file, "build", []) != 0:
        raise Failure(
            "สร้างเว็บไม่สำเร็จ จึงไม่ได้เผยแพร่ ไม่มีไฟล์ใดบนเซิร์ฟเวอร์เปลี่ยน แก้ตามข้อความด้านบนแล้วรันใหม่ "
            "(the build failed, so nothing was published; fix what is shown above and run again)"
        )
    reason = stale_reason(site_dir, build_inputs(config))
    if reason is not None:
        raise Failure(f"ไม่เผยแพร่: {reason} (files changed during the build); รันคำสั่งอีกครั้ง")
    return site_dir


def _destination_text(config_file: Path, config: MkDocsConfig | None, to: str | None) -> tuple[str, str]:
    if to:
        return to, "--to"
    from_env = secret(os.environ, "OIT_PUBLISH_TO")
    if from_env:
        return from_env, "OIT_PUBLISH_TO"
    oit = config.plugins.get("oit") if config is not None else None
    configured = oit.config.get("publish") if oit else None
    if not configured:
        raise Failure(
            "ยังไม่ได้กำหนดว่าจะเผยแพร่ไปที่ใด (no publish target). เพิ่มใน mkdocs.yml ใต้ - oit: "
            "บรรทัด publish: sftp://user@host.example.go.th/var/www/ita (หรือ ftps://…, หรือโฟลเดอร์) "
            "หรือใช้ oit-site publish --to URL หรือตัวแปร OIT_PUBLISH_TO"
        )
    return str(configured), f"{config_file.name}: oit: publish"


def connection_count(text: str) -> int:
    """``--connections``: a whole number from 1 to the most a shared host allows."""
    try:
        count = int(text)
    except ValueError:
        count = 0
    if not 1 <= count <= MOST_CONNECTIONS:
        raise argparse.ArgumentTypeError(
            f"ใช้จำนวนเต็ม 1 ถึง {MOST_CONNECTIONS} ไม่ใช่ {text!r} (a whole number from 1 to "
            f"{MOST_CONNECTIONS}: shared hosts refuse more connections from one address)"
        )
    return count


def _ask_password(prompt: str) -> str:
    """The password typed at the terminal, not shown; Ctrl-C or Ctrl-D gives up."""
    try:
        return getpass.getpass(prompt)
    except (KeyboardInterrupt, EOFError):
        raise Failure("\nไม่ได้ใส่รหัสผ่าน ไม่ได้เผยแพร่ (no password given; nothing was published)") from None


def _sub_folder(text: str) -> str:
    """The target ``text`` with a sub-folder added, for the advice to publish into one."""
    if "://" in text and not urlsplit(text).path:
        return f"{text}/~/ita" if text.lower().startswith("sftp:") else f"{text}/ita"
    base = text.rstrip("/")
    return f"{base}/{'oit' if base.rsplit('/', 1)[-1] == 'ita' else 'ita'}"


def _refusal(paths: list[str], text: str, origin: str, dry_run: bool) -> str:
    """Why a publish is refused over files oit-site did not put there, and what to do."""
    count = len(paths)
    example = paths[0] if all(c.isalnum() or c in "._/-" for c in paths[0]) else f'"{paths[0]}"'
    shown = paths if dry_run else paths[:LISTED]
    lines = [
        ("จะไม่เผยแพร่" if dry_run else "ไม่เผยแพร่")
        + f": ปลายทางมีไฟล์ที่ oit-site ไม่ได้ส่งไว้ {count} ไฟล์ ซึ่งการเผยแพร่จะเขียนทับ "
        + ("(a publish would be refused" if dry_run else "(refused")
        + f": {count} files not put there by oit-site would be overwritten):",
        *(f"  ! {path}" for path in shown),
    ]
    if len(shown) < count:
        rest = count - len(shown)
        lines.append(f"  … และอีก {rest} ไฟล์ --dry-run แสดงทั้งหมด (and {rest} more; --dry-run lists them all)")
    if not dry_run:
        lines.append("ยังไม่ได้ส่งหรือเปลี่ยนไฟล์ใดบนเซิร์ฟเวอร์ (nothing on the server was sent or changed)")
    lines += [
        "ทางแก้ (what to do):",
        "  - เผยแพร่ลงโฟลเดอร์ย่อยของเว็บไซต์นี้เอง: สร้างโฟลเดอร์ย่อยบนเซิร์ฟเวอร์ "
        f"แล้วตั้งปลายทาง ({origin}) เป็น {_sub_folder(text)}",
        "    (publish into a sub-folder of its own: create it on the server, then point the target at it)",
        f"  - หรือเมื่อตรวจแล้วว่าแทนที่ได้: --replace-existing (ทุกไฟล์ข้างต้น) หรือ --replace {example} (ทีละไฟล์ ใส่ซ้ำได้)",
        f"    ไฟล์เดิมจะถูกย้ายไปเก็บใน {BACKUP}/<วันเวลา>/ บนเซิร์ฟเวอร์ก่อน ไม่มีไฟล์ใดถูกลบ",
        "    (or, once checked, --replace-existing for all of them, or --replace PATH, repeatable: "
        f"each old file is first moved into {BACKUP}/<date-time>/ on the server, never deleted)",
    ]
    return "\n".join(lines)


def _report(outcome: Outcome, dry_run: bool, out: TextIO) -> None:
    plan = outcome.plan
    conflicts = set(plan.conflicts)
    new = len(plan.new) - len(conflicts)
    changed = len(plan.send) - len(plan.new)
    verb = "จะส่ง (would send)" if dry_run else "ส่ง (sent)"
    over = over_en = ""
    if conflicts:
        over = f", ทับไฟล์ที่ oit-site ไม่ได้ส่งไว้ {len(conflicts)}"
        over_en = f", over files not put there by oit-site {len(conflicts)}"
    out.write(
        f"{verb} {len(plan.send)} ไฟล์: ใหม่ {new}, แก้ไข {changed}{over} · {size_text(plan.bytes)} · "
        f"ไม่เปลี่ยน {plan.unchanged} ไฟล์ (new {new}, changed {changed}{over_en}, unchanged {plan.unchanged})\n"
    )
    shown = plan.send if dry_run else plan.send[:LISTED]
    for file in shown:
        if file.path not in conflicts:
            out.write(f"  {'+' if file.path in plan.new else '~'} {file.path}\n")
        elif not dry_run:
            out.write(f"  ! {file.path}\n")
        elif file.path in outcome.refused:
            out.write(f"  ! {file.path}  ไม่ใช่ของ oit-site ไม่เขียนทับ (not put there by oit-site: refused)\n")
        else:
            out.write(
                f"  ! {file.path}  ไม่ใช่ของ oit-site ไฟล์เดิมจะย้ายไปเก็บใน {BACKUP}/ ก่อนแทนที่ "
                f"(not put there by oit-site: moved into {BACKUP}/ first)\n"
            )
    if len(shown) < len(plan.send):
        out.write(f"  … และอีก {len(plan.send) - len(shown)} ไฟล์ (and {len(plan.send) - len(shown)} more)\n")
    if outcome.moved:
        out.write(
            f"ไฟล์เดิม {len(outcome.moved)} ไฟล์ที่ oit-site ไม่ได้ส่งไว้ ย้ายไปเก็บใน {outcome.backup}/ บนเซิร์ฟเวอร์แล้ว "
            "ดาวน์โหลดเก็บไว้ถ้าต้องการ แล้วลบโฟลเดอร์นั้นได้ (the files not put there by oit-site were moved "
            f"into {outcome.backup}/ on the server; keep a copy if needed, then delete that folder):\n"
        )
        for path in outcome.moved:
            out.write(f"  {path}\n")
    if not plan.not_built:
        return
    out.write(
        f"ไฟล์ที่ไม่ได้สร้างแล้วแต่ยังอยู่บนเซิร์ฟเวอร์ {len(plan.not_built)} ไฟล์ (on the server, no longer built):\n"
    )
    for path in plan.not_built:
        if path in plan.registered:
            note = "เก็บไว้: ลงทะเบียนใน published-urls.txt ไม่ลบเสมอ (kept: a registered URL, never removed)"
        elif path in plan.prune:
            note = "จะลบ (would be removed)" if dry_run else "ลบแล้ว (removed)"
        else:
            note = "เก็บไว้ ลบด้วย --prune (kept; --prune removes it)"
        out.write(f"  - {path}  {note}\n")


def publish(
    config_file: Path,
    to: str | None,
    *,
    dry_run: bool,
    prune: bool,
    everything: bool,
    build: bool,
    out: TextIO,
    folder_given: Path | None = None,
    replace_all: bool = False,
    replace: list[str] | None = None,
    connections: int = CONNECTIONS,
) -> int:
    if folder_given is not None:
        # A folder as it is (an overview): no mkdocs.yml, no build, no register.
        if not folder_given.is_dir():
            raise Failure(
                f"ไม่พบโฟลเดอร์ {folder_given} (no such folder): สร้างก่อน เช่น oit-site overview agencies.csv"
            )
        if not to and not secret(os.environ, "OIT_PUBLISH_TO"):
            raise Failure("ใส่ปลายทางด้วย --to URL หรือตัวแปร OIT_PUBLISH_TO (no publish target for a folder)")
        text, origin = _destination_text(config_file, None, to)
        site_dir = folder_given
        root = folder_given.resolve().parent
        own_folders = [site_dir.resolve()]
    else:
        config = config_of(config_file)
        text, origin = _destination_text(config_file, config, to)
        site_dir = _fresh_build(config_file, config, build, out)
        root = config_file.resolve().parent
        own_folders = [site_dir.resolve(), Path(config.docs_dir).resolve()]
    destination = parse_destination(text, origin)
    # At a terminal a person can type the password the environment does not give.
    ask = _ask_password if sys.stdin.isatty() else None
    target = open_target(destination, os.environ, root, ask, connections)
    if isinstance(target, FolderTarget):
        folder = target.root.resolve()
        for own in own_folders:
            if folder == own or folder.is_relative_to(own) or own.is_relative_to(folder):
                raise Failure(
                    f"ปลายทาง {destination} ซ้อนกับโฟลเดอร์ {own.name}/ ของเว็บไซต์เอง "
                    "(the target overlaps the site's own folder); เลือกโฟลเดอร์ของเว็บเซิร์ฟเวอร์ เช่น /var/www/ita"
                )
    out.write(f"ปลายทาง (target): {destination}\n")
    if destination.scheme == "ftp":
        out.write(
            "คำเตือน: ftp:// ส่งรหัสผ่านและไฟล์โดยไม่เข้ารหัส ใช้ ftps:// หรือ sftp:// ถ้าโฮสต์รองรับ "
            "(warning: plain FTP sends the password unencrypted)\n"
        )
    out.flush()
    registered = set(read_register(root / REGISTER))
    chosen = {path.strip().removeprefix("./").lstrip("/") for path in replace or []}
    publisher = Publisher(target, out)
    try:
        outcome = publisher.run(
            site_dir,
            registered,
            prune=prune,
            dry_run=dry_run,
            everything=everything,
            replace_all=replace_all,
            replace=chosen,
        )
    except Conflict as conflict:
        raise Failure(_refusal(conflict.paths, text, origin, dry_run=False)) from None
    _report(outcome, dry_run, out)
    for path in sorted(chosen - set(outcome.plan.conflicts)):
        out.write(
            f"--replace {path}: ไม่มีไฟล์นี้ที่ขัดกับไฟล์บนเซิร์ฟเวอร์ จึงไม่ได้ใช้ "
            "(no file of that path conflicts with one on the server; nothing to replace)\n"
        )
    if dry_run:
        out.write("ยังไม่ได้ส่งไฟล์ใด (--dry-run: nothing was sent)\n")
        if outcome.refused:
            out.flush()
            sys.stderr.write(_refusal(outcome.refused, text, origin, dry_run=True) + "\n")
            return 1
    elif not outcome.plan.send and not outcome.removed:
        out.write("เว็บไซต์บนเซิร์ฟเวอร์เป็นปัจจุบันอยู่แล้ว (the server is up to date)\n")
    else:
        out.write("เผยแพร่เสร็จ (published)\n")
    return 0
