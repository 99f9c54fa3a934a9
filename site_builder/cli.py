"""``oit-site``: the editor's and webmaster's commands, run from the repository root.

- ``init [FOLDER]``: a new agency's site, asking in Thai for what the flags did not give;
- ``check [YEAR]``: what is wrong or still missing, per fiscal year;
- ``new-year YEAR``: a fiscal year's folder scaffolded from its framework;
- ``answers YEAR``: the answer sheet for the NACC's system;
- ``register``: add the site's URLs to ``published-urls.txt``;
- ``schema``: write the JSON Schemas editors' YAML files point at;
- ``publish``: send what changed in ``site/`` to the agency's host (builds first when
  ``site/`` is older than the content);
- ``import REPORT``: an earlier report (PDF, DOCX, text) drafted into ``content/<year>/``;
- ``ci github|gitlab``: the CI file that checks, builds and publishes on every push;
- ``build`` and ``serve``: ``mkdocs build --strict`` and ``mkdocs serve``.
"""

from __future__ import annotations

import argparse
import csv
import errno
import getpass
import io
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import Any, TextIO
from urllib.parse import urlsplit

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError, PluginError

from site_builder import __version__
from site_builder.build.stamp import build_inputs, stale_reason
from site_builder.build.theme import check_version, theme_files, use_product_theme
from site_builder.check import part_findings, years_to_check
from site_builder.errors import ContentErrors
from site_builder.frameworks import available_frameworks, load_framework, nearest_framework
from site_builder.init import BadAnswer, gather, site_files
from site_builder.load.content import load_site
from site_builder.local.history import FALLBACK_EMAIL, FALLBACK_NAME, Author, GitHistory
from site_builder.model.kinds import KINDS, kind
from site_builder.model.published import csv_text
from site_builder.model.site import Site
from site_builder.model.status import NOTICES, STATUSES, list_notice, tally_parts, year_statuses
from site_builder.publish.plan import BACKUP
from site_builder.publish.protocols import open_target
from site_builder.publish.run import Conflict, Interrupted, Outcome, Publisher, size_text
from site_builder.publish.targets import (
    CONNECTIONS,
    MOST_CONNECTIONS,
    FolderTarget,
    PublishError,
    parse_destination,
    secret,
)
from site_builder.render.pages import (
    ANSWER_COLUMNS,
    DATA_PERIODS,
    Output,
    answer_sheet,
    build_outputs,
)
from site_builder.schema import schema_text, write_schemas
from site_builder.urls import REGISTER, path_of, read_register, write_register

WIDTH = 80
STATUS = 31  # the status column of `check`: the longest label, "✗ เอกสารนอกช่วง (out of period)"


class Failure(Exception):
    """A command cannot go on; the message says why, in Thai and English."""


# ------------------------------------------------------------------ text that fits 80 columns


def width(text: str) -> int:
    """Columns a text takes in a terminal: Thai vowel and tone marks take none."""
    total = 0
    for char in text:
        if unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def fit(text: str, columns: int) -> str:
    """``text`` cut (with …) or padded to exactly ``columns`` columns."""
    if width(text) <= columns:
        return text + " " * (columns - width(text))
    out = ""
    for char in text:
        if width(out + char) > columns - 1:
            break
        out += char
    # keep the marks that belong to the last letter
    return out + "…" + " " * (columns - 1 - width(out))


def wrap(text: str, columns: int) -> list[str]:
    """``text`` in lines of at most ``columns`` columns, broken at spaces (a word longer
    than a line is cut with …): what to fix is read whole, not cut off at the edge."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and width(line) + 1 + width(word) > columns:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return [fit(part, columns).rstrip() if width(part) > columns else part for part in lines]


# ------------------------------------------------------------------ loading


def _config(config_file: Path) -> MkDocsConfig:
    if not config_file.is_file():
        raise Failure(f"ไม่พบ {config_file}: รันคำสั่งนี้ที่โฟลเดอร์หลักของเว็บไซต์ (run this from the repository root)")
    config = load_config(str(config_file))
    # The theme as a build sees it: its files are paths content may not take.
    oit = config.plugins.get("oit")
    try:
        check_version(oit.config.get("requires") if oit else None)
        use_product_theme(config)
    except PluginError as exc:
        raise Failure(str(exc)) from None
    return config


def _site(config: MkDocsConfig) -> Site:
    return load_site(Path(config.docs_dir), Path(config.config_file_path).resolve().parent)


def _built(config: MkDocsConfig) -> tuple[Site, list[Output]]:
    """The site and every file a build would write, validated as the build validates them
    (the same loader, the same outputs, the same theme files that content may not replace)."""
    site = _site(config)
    oit = config.plugins.get("oit")
    pdf = bool(oit and oit.config.get("pdf"))
    return site, build_outputs(site, config.site_url, pdf=pdf, reserved=theme_files(config))


# ------------------------------------------------------------------ check


def check(config_file: Path, year: int | None, output_format: str, out: TextIO) -> int:
    config = _config(config_file)
    try:
        site, _ = _built(config)
    except ContentErrors as errors:
        if output_format == "json":
            failed = {"ok": False, "errors": [_error_json(e) for e in errors.sorted()], "years": []}
            out.write(json.dumps(failed, ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(str(errors) + "\n")
        return 1
    years = years_to_check(site, year)
    if year is not None and not years:
        raise Failure(f"ไม่มีโฟลเดอร์ปี {year} ใน content/ (no such year); สร้างด้วย oit-site new-year {year}")
    failing = bool(site.warnings)
    report: dict[str, Any] = {
        "ok": True,
        "errors": [],
        "warnings": [_error_json(w) for w in site.warnings],
        "years": [],
    }
    if output_format == "text":
        for warning in site.warnings:
            out.write(f"{warning}\n")
    for fy in years:
        items = year_statuses(fy)
        parts = part_findings(fy)
        failing |= any(not i.done for i in items) or any(p.failing for p in parts)
        note = list_notice(fy)
        report["years"].append(
            {
                "year": fy.year,
                "framework": fy.framework.name,
                "list_notice": note,
                "items": [{**asdict(i), "done": i.done} for i in items],
                "parts": [asdict(p) for p in parts],
            }
        )
        if output_format == "text":
            _print_year(fy.year, fy.framework.name, items, parts, out, note)
    report["ok"] = not failing
    if output_format == "json":
        out.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        verdict = (
            "ไม่มีสิ่งที่ต้องแก้ไข (nothing to fix)" if not failing else "มีรายการที่ต้องแก้ไข (some items need work)"
        )
        out.write(f"\n{verdict}\n")
    return 1 if failing else 0


def _error_json(error: Any) -> dict[str, Any]:
    return {
        "file": error.file,
        "line": error.line,
        "column": error.column,
        "message": error.message,
        "hint": error.hint,
    }


def _print_year(
    year: int, framework: str, items: list[Any], parts: list[Any], out: TextIO, list_note: str | None = None
) -> None:
    out.write("\n" + fit(f"ปีงบประมาณ {year} · {framework}", WIDTH).rstrip() + "\n")
    for line in wrap(f"· {list_note}", WIDTH - 2) if list_note else []:
        out.write(line + "\n")
    out.write("ข้อ   " + fit("สถานะ (status)", STATUS) + "รายการ (item)\n")
    out.write("-" * WIDTH + "\n")
    for item in items:
        status = f"{'✓' if item.done else '✗'} {item.label}"
        out.write(
            fit(item.code, 6) + fit(status, STATUS) + fit(item.title, WIDTH - 6 - STATUS).rstrip() + "\n"
        )
        for notice in item.notices:
            out.write(" " * 6 + fit(f"· {NOTICES[notice]}", WIDTH - 6).rstrip() + "\n")
        for note in item.notes:
            for line in wrap(note, WIDTH - 8):
                out.write(" " * 8 + line + "\n")
    done = sum(1 for i in items if i.done)
    out.write("-" * WIDTH + "\n")
    count, rest = tally_parts(items)
    out.write(f"{count} (complete: {done} of {len(items)})\n" + (f"  {' · '.join(rest)}\n" if rest else ""))
    out.write("ส่วนที่มีโครงสร้าง (structured parts):\n")
    for part in parts:
        state = "มี (present)" if part.present else "ยังไม่มี (not yet)"
        out.write(
            "  "
            + fit(f"{kind(part.part).short} ({part.part})", 32)
            + ("✗ " if part.failing else "")
            + state
            + "\n"
        )
        for problem in part.problems:
            for index, line in enumerate(wrap(problem, WIDTH - 6)):
                out.write(("    - " if index == 0 else "      ") + line + "\n")


# ------------------------------------------------------------------ new-year


def _scaffold_env() -> Environment:
    env = Environment(
        loader=PackageLoader("site_builder", "templates/scaffold"),
        autoescape=False,  # YAML and Markdown for editors, not HTML
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["yaml"] = lambda text: json.dumps(str(text), ensure_ascii=False)
    return env


def new_year(config_file: Path, year: int, framework_name: str | None, out: TextIO) -> int:
    config = _config(config_file)
    if not 2500 <= year <= 2700:
        raise Failure(
            f"ปี {year} ไม่ใช่ปีงบประมาณ พ.ศ. (not a Buddhist-era fiscal year); เช่น oit-site new-year 2569"
        )
    name = framework_name or nearest_framework(year)
    framework = load_framework(name)
    if framework is None:
        raise Failure(
            f"ไม่มีกรอบการประเมิน '{name}' (no such framework); กรอบที่มี: {', '.join(available_frameworks())}; "
            f"เลือกด้วย --framework เช่น oit-site new-year {year} --framework {available_frameworks()[-1]}"
        )
    content = Path(config.docs_dir)
    folder = content / str(year)
    try:
        site: Site | None = _site(config)
    except ContentErrors:
        site = None
        out.write("เนื้อหาเดิมมีข้อผิดพลาด จึงไม่ได้ดึงมาตรการจากการวิเคราะห์ปีก่อน (run oit-site check)\n")
    previous = site.year(year - 1) if site else None
    recommendations = []
    if previous and previous.analysis:
        for tool in previous.analysis.tools:
            for rec in tool.recommendations:
                indicator = previous.framework.indicator(rec.indicator) if rec.indicator else None
                recommendations.append(
                    {
                        "tool": tool.tool,
                        "topic": rec.title or (indicator.title if indicator else rec.issue or "TODO: ประเด็น"),
                        "addresses": ([str(rec.indicator)] if rec.indicator else []) + list(rec.questions),
                        "issue": rec.issue,
                        "remedy": rec.remedy,
                    }
                )
    env = _scaffold_env()
    context = {"year": year, "framework": framework, "previous": year - 1, "today": date.today().isoformat()}
    files: dict[Path, str] = {
        folder / "year.yml": env.get_template("year.yml").render(**context),
        folder / "measures.yml": env.get_template("measures.yml").render(
            **context, recommendations=recommendations
        ),
        folder / "progress.yml": env.get_template("progress.yml").render(**context),
    }
    for item in framework.items:
        period = DATA_PERIODS.get(item.data_period) if item.data_period else None
        files[folder / item.slug / "index.md"] = env.get_template("item.md").render(
            **context, item=item, period=period
        )
    written = kept = 0
    for path, text in files.items():
        rel = path.relative_to(content.parent).as_posix()
        if path.exists():
            kept += 1
            out.write(f"  มีอยู่แล้ว ไม่เขียนทับ (kept): {rel}\n")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written += 1
    out.write(
        f"สร้างปีงบประมาณ {year} จาก {framework.name}: เขียน {written} ไฟล์, คงไฟล์เดิม {kept} ไฟล์ "
        f"(wrote {written} files, kept {kept})\n"
        f"ต่อไป: เติมเนื้อหาแต่ละข้อ ลบบรรทัด TODO แล้วรัน oit-site check {year}\n"
    )
    if framework.name != f"ita-{year}" and f"ita-{year}" not in available_frameworks():
        out.write(nearest_note(year, framework.name))
    return 0


def nearest_note(year: int, name: str) -> str:
    """What ``init``, ``new-year`` and ``import`` say of a year the package has no list for."""
    return (
        f"ยังไม่มีรายการข้อของ ITA {year} ในโปรแกรมรุ่นนี้ จึงใช้ {name} ไปก่อน: "
        f"แก้หรือเพิ่มข้อได้ใน content/{year}/year.yml เมื่อ ป.ป.ช. ประกาศคู่มือ "
        f"(no list for ITA {year} yet; {name} is used until you correct it)\n"
    )


# ------------------------------------------------------------------ import


def import_command(config_file: Path, report: Path, year: int | None, output_format: str, out: TextIO) -> int:
    from site_builder.importer import Refused, import_report
    from site_builder.importer.review import review_json, review_text

    config = _config(config_file)
    content = Path(config.docs_dir)
    if year is not None and not 2500 <= year <= 2700:
        raise Failure(f"ปี {year} ไม่ใช่ปีงบประมาณ พ.ศ. (not a Buddhist-era fiscal year); เช่น --year 2567")
    try:
        imported = import_report(report, content, year, _agency_name(content))
    except Refused as refused:
        if output_format == "json":
            out.write(json.dumps({"ok": False, "error": str(refused)}, ensure_ascii=False, indent=2) + "\n")
            return 1
        raise Failure(str(refused)) from None
    # A year imported into a site that has no folder for it gets its items as new-year makes
    # them: the year's page lists them, and the item that is the imported part shows it.
    folder = content / str(imported.year)
    items = [path for path in folder.iterdir() if path.is_dir() and ITEM_FOLDER.match(path.name)]
    if not items:
        new_year(config_file, imported.year, imported.framework, io.StringIO())
    made = [path for path in folder.iterdir() if path.is_dir() and ITEM_FOLDER.match(path.name)]
    review = review_json(imported, content.parent)
    review["items_made"] = len(made) - len(items)
    out.write(
        json.dumps(review, ensure_ascii=False, indent=2) + "\n"
        if output_format == "json"
        else review_text(review)
    )
    return 0


ITEM_FOLDER = re.compile(r"^o[1-9][0-9]*$")


def _agency_name(content: Path) -> str | None:
    """The agency's name in agency.yml, for the import to compare with the report's."""
    try:
        data = yaml.safe_load((content / "agency.yml").read_text(encoding="utf-8-sig"))
    except (OSError, yaml.YAMLError):
        return None
    name = data.get("name") if isinstance(data, dict) else None
    return name if isinstance(name, str) else None


# ------------------------------------------------------------------ init


SITE_MARKERS = ("mkdocs.yml", "content")
"""What makes a folder a site already: ``init`` changes nothing there."""


def _in_git_work_tree(folder: Path) -> bool:
    result = subprocess.run(
        ["git", "rev-parse", "--is-inside-work-tree"], cwd=folder, capture_output=True, text=True
    )
    return result.returncode == 0 and result.stdout.strip() == "true"


def init(folder: Path, given: dict[str, str | None], ask: Callable[[str], str | None], out: TextIO) -> int:
    """A new agency's site in ``folder``: its files, the first year, the schemas, a git
    repository, and the next steps. A folder that holds a site already is left as it is."""
    if folder.exists() and not folder.is_dir():
        raise Failure(f"{folder} เป็นไฟล์ ไม่ใช่โฟลเดอร์ (not a folder): เลือกโฟลเดอร์ใหม่ เช่น oit-site init ita")
    found = [name for name in SITE_MARKERS if (folder / name).exists()]
    if found:
        raise Failure(
            f"{folder} มีเว็บไซต์อยู่แล้ว ({', '.join(found)}) ไม่ได้เปลี่ยนแปลงอะไร "
            f"(a site is already here; nothing was changed).\n"
            "    เพิ่มปีงบประมาณด้วย oit-site new-year <ปี> "
            "หรือเริ่มเว็บไซต์ใหม่ในโฟลเดอร์ว่าง: oit-site init <โฟลเดอร์ใหม่>"
        )
    try:
        answers = gather(given, ask, out)
    except BadAnswer as exc:
        raise Failure(f"oit-site init: {exc}") from None
    files = site_files(answers)
    for declared in KINDS:
        files[f"schema/{declared.schema}"] = schema_text(declared.name)
    folder.mkdir(parents=True, exist_ok=True)
    for rel, text in files.items():
        path = folder / rel
        if path.exists():
            out.write(f"  มีอยู่แล้ว ไม่เขียนทับ (kept): {rel}\n")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config_file = folder / "mkdocs.yml"
    new_year(config_file, answers.year, answers.framework, out)
    if answers.ci is not None:
        _, target = ci_template(answers.ci, answers.pages)
        if (folder / target).exists():
            out.write(f"  มีอยู่แล้ว ไม่เขียนทับ (kept): {target}\n")
        else:
            write_ci(config_file, answers.ci, answers.pages, out)
    if shutil.which("git") and not _in_git_work_tree(folder):
        made = subprocess.run(["git", "init", "-q", "-b", "main"], cwd=folder, capture_output=True)
        if made.returncode != 0:  # git before 2.28 has no -b
            subprocess.run(["git", "init", "-q"], cwd=folder, capture_output=True)
        out.write("สร้างคลัง git แล้ว (git init)\n")
    serve = f"http://127.0.0.1:8000{urlsplit(answers.site_url).path}"
    out.write(
        f"\nเริ่มเว็บไซต์ของ{answers.name}แล้ว ที่ {folder} (the site is ready)\n"
        "ต่อไป (next steps):\n"
        f"  cd {command_word(str(folder))}\n"
        "  pip install -r requirements.txt   ติดตั้งรุ่นที่เว็บไซต์กำหนด (the pinned version)\n"
        f"  oit-site serve                    ดูเว็บในเครื่องที่ {serve}\n"
        f"  oit-site check                    สิ่งที่ยังขาด: เติมเนื้อหาใน content/{answers.year}/ "
        "ลบบรรทัด TODO\n"
        "  oit-site build                    สร้างเว็บไว้ใน site/\n"
        "  oit-site publish --to sftp://…    ส่งไปยังเว็บโฮสต์ (หรือ commit แล้ว push เมื่อมีไฟล์ CI)\n"
    )
    return 0


def command_word(text: str) -> str:
    """``text`` as one word of a command to copy into this system's shell."""
    if os.name == "nt":
        return f'"{text}"' if re.search(r'[\s&()^|<>"]', text) else text
    return shlex.quote(text)


def _stdin_line(prompt: str, out: TextIO) -> str | None:
    """One answer from standard input, or None at its end."""
    out.write(prompt)
    out.flush()
    line = sys.stdin.readline()
    if not line:
        out.write("\n")
        return None
    answer = line.rstrip("\r\n").replace("\ufeff", "")
    if not sys.stdin.isatty():  # answers piped in: the transcript shows them as typed
        out.write(answer + "\n")
    return answer


def _terminal_line(prompt: str, out: TextIO) -> str | None:
    """One answer typed at a terminal; None when nobody is there to type (a pipe, a service)."""
    if not sys.stdin or not sys.stdin.isatty():
        return None
    return _stdin_line(prompt, out)


# ------------------------------------------------------------------ answers, register


def answers(config_file: Path, year: int, output_format: str, out: TextIO) -> int:
    config = _config(config_file)
    try:
        site = _site(config)
    except ContentErrors as errors:
        sys.stderr.write(f"{errors}\n")
        return 1
    if site.year(year) is None:
        raise Failure(f"ไม่มีโฟลเดอร์ปี {year} ใน content/ (no such year)")
    rows = answer_sheet(site, year, config.site_url)
    if output_format == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif output_format == "csv":
        writer = csv.DictWriter(out, fieldnames=ANSWER_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows({key: csv_text(value) for key, value in row.items()} for row in rows)
    else:
        url_width = max(width(r["url"]) for r in rows)
        title_width = max(12, WIDTH - 6 - url_width - 1)
        out.write(fit("ข้อ", 6) + fit("รายการ (title)", title_width) + " URL\n")
        for row in rows:
            out.write(fit(row["code"], 6) + fit(row["title"], title_width) + " " + row["url"] + "\n")
            if row["status"] != STATUSES["complete"].thai:
                out.write(" " * 6 + f"✗ สถานะ: {row['status']}\n")
            if row["note"]:
                out.write(" " * 6 + fit(f"หมายเหตุ: {row['note']}", WIDTH - 6).rstrip() + "\n")
    return 0


def register(config_file: Path, out: TextIO) -> int:
    config = _config(config_file)
    try:
        _, outputs = _built(config)
    except ContentErrors as errors:
        sys.stderr.write(f"{errors}\n")
        return 1
    urls = [path_of(o.uri) for o in outputs if o.listed or o.uri.endswith(("index.html", "index.md"))]
    added, total = write_register(config_file.resolve().parent / REGISTER, urls)
    out.write(f"เพิ่ม {added} ที่อยู่ใน {REGISTER} รวม {total} ที่อยู่ (added {added} URLs; {total} in the register)\n")
    return 0


# ------------------------------------------------------------------ publish

LISTED = 50  # files named one by one in a publish's report; --dry-run names them all


def _mkdocs(config_file: Path, command: str, rest: list[str]) -> int:
    # serve: MkDocs' server whose first build may fail (site_builder.local.serve).
    program = ["site_builder.local.serve"] if command == "serve" else ["mkdocs", command]
    mkdocs = [sys.executable, "-m", *program, "-f", str(config_file)]
    # Material prints its end-of-life notice (5 May 2027) on every run: a webmaster's
    # matter, stated in the README, not the editor's at every save.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    child = subprocess.Popen(mkdocs + (["--strict"] if command == "build" else []) + rest, env=env)

    # Stopped by SIGTERM (a closed terminal, a service manager, `kill`), the child stops too:
    # a server left behind would hold the port. Ctrl-C reaches both from the terminal.
    def stop(signum: int, _frame: Any) -> None:
        child.send_signal(signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        while True:
            try:
                code = child.wait()
                return 128 - code if code < 0 else code  # ended by a signal: the shell's number
            except KeyboardInterrupt:
                # Ctrl-C at a terminal reaches the child too; an interrupt sent to this
                # process alone (a service manager, `kill -INT`) is passed on.
                try:
                    child.wait(timeout=2)
                except subprocess.TimeoutExpired:
                    child.send_signal(signal.SIGINT)
    finally:
        signal.signal(signal.SIGTERM, previous)


def dev_address(config_file: Path, rest: list[str]) -> tuple[str, int]:
    """Where ``serve`` will listen: ``-a``/``--dev-addr`` if given, else mkdocs.yml's ``dev_addr``."""
    text = None
    for index, word in enumerate(rest):
        if word in ("-a", "--dev-addr") and index + 1 < len(rest):
            text = rest[index + 1]
        elif word.startswith("--dev-addr="):
            text = word.split("=", 1)[1]
        elif word.startswith("-a") and len(word) > 2:
            text = word[2:]
    if text is None:
        address = _config(config_file).dev_addr
        return address.host, address.port
    host, _, port = text.rpartition(":")
    return host or "127.0.0.1", int(port) if port.isdigit() else 8000


def port_taken(host: str, port: int) -> bool:
    """Whether a server already listens on ``host:port`` (as MkDocs' server binds, reusing
    an address a closed server left waiting)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            return exc.errno == errno.EADDRINUSE or getattr(exc, "winerror", None) == 10048
    return False


def serve(config_file: Path, rest: list[str], ask: Callable[[str], str | None], out: TextIO) -> int:
    """The site and the editor at ``/admin/``, whose saves are commits: asks once for the
    name the commits carry when git knows none."""
    host, port = dev_address(config_file, rest)
    if port_taken(host, port):
        free = next((p for p in range(port + 1, port + 50) if not port_taken(host, p)), port + 1)
        raise Failure(
            f"พอร์ต {port} ที่ {host} มีโปรแกรมอื่นใช้อยู่ (port {port} is in use: another oit-site serve"
            " or another server). ปิดโปรแกรมนั้น หรือเปิดที่พอร์ตอื่น (or use another port): "
            f"oit-site serve -a {host}:{free}"
        )
    ask_author(GitHistory(config_file.resolve().parent), ask, out)
    return _mkdocs(config_file, "serve", rest)


def ask_author(history: GitHistory, ask: Callable[[str], str | None], out: TextIO) -> None:
    """The first time: the clerk's name for the commits the editor makes, kept in the
    repository's git configuration."""
    if history.missing is not None:
        out.write(f"{history.missing}\n")
        return
    if history.author() is not None:
        return
    name = (ask("ชื่อผู้แก้ไข สำหรับประวัติการแก้ไขใน git (your name, for the edit history): ") or "").strip()
    if not name:
        out.write(
            f"ยังไม่ได้ตั้งชื่อผู้แก้ไข การบันทึกจะลงชื่อ '{FALLBACK_NAME}' ตั้งชื่อภายหลังด้วย "
            'git config user.name "ชื่อ นามสกุล" (commits are signed as the browser editor)\n'
        )
        return
    email = (ask("อีเมล (email; กด Enter ถ้าไม่ต้องการ): ") or "").strip() or FALLBACK_EMAIL
    history.set_author(Author(name, email))
    out.write(f"บันทึกชื่อ {name} <{email}> ไว้ใน git ของเว็บไซต์นี้แล้ว (saved in this repository's git config)\n")


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
    if _mkdocs(config_file, "build", []) != 0:
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
        config = _config(config_file)
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


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """A CI job cancelled (SIGTERM) stops like Ctrl-C: what was sent is recorded."""

    def stop(_signal: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


# ------------------------------------------------------------------ overview


def overview(
    listing: Path, year: int | None, folder: Path, workers: int, rate: float, cache: bool, out: TextIO
) -> int:
    """Read every site of ``listing`` and write the overview into ``folder``."""
    from site_builder.overview.fetch import Fetcher, default_cache_dir
    from site_builder.overview.read import read_all
    from site_builder.overview.sources import SourceError, read_sources
    from site_builder.overview.write import write_overview

    try:
        sources = read_sources(listing)
    except SourceError as error:
        raise Failure(str(error)) from None
    fetcher = Fetcher(default_cache_dir() if cache else None, rate=rate)
    interactive = out.isatty()
    shown = {"tenth": -1}

    def progress(done: int, total: int) -> None:
        if interactive:
            filled = round(30 * done / total)
            out.write(f"\rอ่านแล้ว (read) [{'#' * filled}{'.' * (30 - filled)}] {done:,}/{total:,}")
            out.flush()
        elif done * 10 // total > shown["tenth"]:
            shown["tenth"] = done * 10 // total
            out.write(f"อ่านแล้ว (read) {done:,}/{total:,} ({done * 100 // total}%)\n")
            out.flush()

    started = time.monotonic()
    readings, chosen = read_all(sources, fetcher, year, workers=workers, progress=progress)
    if interactive:
        out.write("\n")
    write_overview(folder, readings, chosen)
    failed = [r for r in readings if r.problem is not None]
    counts = fetcher.counts
    out.write(
        f"ปีงบประมาณ {chosen or '–'}: อ่านได้ {len(readings) - len(failed):,} จาก {len(readings):,} เว็บไซต์"
        f" (read {len(readings) - len(failed):,} of {len(readings):,} sites)"
        f" ใน {time.monotonic() - started:.1f} วินาที\n"
        f"คำขอ {counts.requests:,} (requests), แบบมีเงื่อนไข {counts.conditional:,} (conditional),"
        f" ไม่เปลี่ยน {counts.not_modified:,} (not modified), ลองใหม่ {counts.retries:,} (retries)\n"
    )
    for reading in failed:
        out.write(f"  อ่านไม่ได้ (not read): {reading.name}: {reading.problem}\n")
    out.write(f"เขียนภาพรวมที่ {folder}/index.html แล้ว (wrote the overview)\n")
    return 0


# ------------------------------------------------------------------ main


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    parser = argparse.ArgumentParser(
        prog="oit-site", description="เครื่องมือของเว็บไซต์เปิดเผยข้อมูล OIT (OIT site tools)"
    )
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml")
    parser.add_argument("--version", action="version", version=f"oit-site {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser(
        "init", help="เริ่มเว็บไซต์ของหน่วยงานในโฟลเดอร์ว่าง (start an agency's site in an empty folder)"
    )
    p.add_argument("folder", nargs="?", type=Path, default=Path("."), help="โฟลเดอร์ (default: here)")
    p.add_argument("--name", help="ชื่อหน่วยงาน (agency name)")
    p.add_argument("--kind", help="ประเภท เช่น องค์การบริหารส่วนตำบล (kind)")
    p.add_argument("--district", help="อำเภอ (district)")
    p.add_argument("--province", help="จังหวัด (province)")
    p.add_argument("--site-url", help="ที่อยู่เว็บไซต์ เช่น https://www.example.go.th/ita/ (site URL)")
    p.add_argument("--year", help="ปีงบประมาณแรก (first fiscal year; default: the current one)")
    p.add_argument("--framework", help="กรอบการประเมิน เช่น ita-2569 (framework)")
    p.add_argument("--ci", choices=["github", "gitlab"], help="เขียนไฟล์ CI ด้วย (also write the CI file)")
    p.add_argument(
        "--pages", action="store_true", default=None, help="CI เผยแพร่บน Pages (CI deploys to Pages)"
    )
    p = commands.add_parser("check", help="ตรวจเนื้อหาและสิ่งที่ยังขาดของแต่ละปี (check content and what is missing)")
    p.add_argument("year", nargs="?", type=int)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p = commands.add_parser(
        "new-year", help="สร้างโฟลเดอร์ปีงบประมาณใหม่จากกรอบการประเมิน (scaffold a fiscal year)"
    )
    p.add_argument("year", type=int)
    p.add_argument("--framework")
    p = commands.add_parser("answers", help="แบบคำตอบสำหรับผู้ตรวจประเมิน (the answer sheet)")
    p.add_argument("year", type=int)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    commands.add_parser("register", help="เพิ่มที่อยู่ทั้งหมดลงใน published-urls.txt (register the URLs)")
    commands.add_parser("schema", help="เขียน JSON Schema ของไฟล์เนื้อหาลงใน schema/ (write the JSON Schemas)")
    p = commands.add_parser(
        "publish", help="ส่งเว็บไซต์ไปยังโฮสต์ของหน่วยงาน เฉพาะไฟล์ที่เปลี่ยน (publish what changed)"
    )
    p.add_argument("--to", metavar="URL", help="sftp://user@host/path, ftps://…, ftp://… หรือโฟลเดอร์")
    p.add_argument("--dry-run", action="store_true", help="บอกว่าจะส่งอะไร โดยไม่ส่ง (show, send nothing)")
    p.add_argument(
        "--prune", action="store_true", help="ลบไฟล์ที่ไม่ได้สร้างแล้วและไม่ได้ลงทะเบียน (remove files no longer built)"
    )
    p.add_argument("--all", dest="everything", action="store_true", help="ส่งทุกไฟล์ (send every file)")
    p.add_argument(
        "--replace-existing",
        dest="replace_all",
        action="store_true",
        help="แทนที่ไฟล์บนเซิร์ฟเวอร์ที่ oit-site ไม่ได้ส่งไว้ ไฟล์เดิมย้ายไปเก็บใน .oit-backup/ "
        "(replace files oit-site did not put there, the old ones moved into .oit-backup/)",
    )
    p.add_argument(
        "--replace",
        metavar="PATH",
        action="append",
        default=[],
        help="แทนที่เฉพาะไฟล์นี้ ใส่ซ้ำได้ (replace this one file, as --replace-existing; repeatable)",
    )
    p.add_argument(
        "--no-build", dest="build", action="store_false", help="ไม่สร้างเว็บเอง (refuse a stale site/ instead)"
    )
    p.add_argument(
        "--folder", type=Path, help="เผยแพร่โฟลเดอร์นี้ตามที่เป็น เช่น overview/ (publish a folder as it is)"
    )
    p.add_argument(
        "--connections",
        type=connection_count,
        default=CONNECTIONS,
        metavar="N",
        help=f"จำนวนการเชื่อมต่อ FTP หรือช่อง SFTP ที่ส่งพร้อมกัน 1–{MOST_CONNECTIONS} "
        f"(FTP connections, or SFTP channels, at once; default {CONNECTIONS})",
    )
    p = commands.add_parser("ci", help="เขียนไฟล์ CI ที่ตรวจ สร้าง และเผยแพร่ทุกครั้งที่ push (write the CI file)")
    p.add_argument("host", choices=["github", "gitlab"])
    p.add_argument("--pages", action="store_true", help="GitHub Pages / GitLab Pages แทนโฮสต์ของหน่วยงาน")
    p = commands.add_parser(
        "overview", help="ภาพรวมของหลายหน่วยงานจากเว็บไซต์ของแต่ละแห่ง (an overview of many agencies' sites)"
    )
    p.add_argument("list", type=Path, help="รายชื่อเว็บไซต์ .csv (url,name,group) หรือ .yml")
    p.add_argument("--year", type=int, help="ปีงบประมาณ (default: the latest year most sites have)")
    p.add_argument("--out", type=Path, default=Path("overview"), help="โฟลเดอร์ที่เขียน (default: overview/)")
    p.add_argument("--workers", type=int, default=32, help="คำขอพร้อมกัน (requests at once; default 32)")
    p.add_argument("--rate", type=float, default=4.0, help="คำขอต่อวินาทีต่อโฮสต์ (requests a second to one host)")
    p.add_argument("--no-cache", dest="cache", action="store_false", help="ไม่ใช้คำขอแบบมีเงื่อนไข (no cache)")
    p = commands.add_parser(
        "import", help="นำเข้ารายงานเดิม PDF DOCX หรือข้อความ เป็นร่างใน content/<ปี>/ (import an earlier report)"
    )
    p.add_argument("report", type=Path, help="ไฟล์รายงาน .pdf .docx หรือ .txt (the report)")
    p.add_argument("--year", type=int, help="ปีงบประมาณ พ.ศ. (default: the year the report names)")
    p.add_argument(
        "--format", choices=["text", "json"], default="text", help="รายการตรวจทาน (the review list's format)"
    )
    commands.add_parser("build", help="mkdocs build --strict", add_help=False)
    commands.add_parser("serve", help="mkdocs serve", add_help=False)
    args, rest = parser.parse_known_args(argv)
    data = getattr(args, "format", None) in ("json", "csv")
    if data and out is sys.stdout and isinstance(out, io.TextIOWrapper) and not out.isatty():
        out.reconfigure(encoding="utf-8")  # data for programs is UTF-8, whatever the console's
    if rest and args.command not in ("build", "serve"):
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    try:
        if args.command == "init":
            given = {
                key: getattr(args, key)
                for key in ("name", "kind", "district", "province", "site_url", "year", "framework", "ci")
            }
            given["pages"] = "y" if args.pages else None
            return init(args.folder.resolve(), given, lambda prompt: _stdin_line(prompt, out), out)
        if args.command == "check":
            return check(args.config_file, args.year, args.format, out)
        if args.command == "new-year":
            return new_year(args.config_file, args.year, args.framework, out)
        if args.command == "answers":
            return answers(args.config_file, args.year, args.format, out)
        if args.command == "register":
            return register(args.config_file, out)
        if args.command == "publish":
            with _sigterm_as_interrupt():
                return publish(
                    args.config_file,
                    args.to,
                    dry_run=args.dry_run,
                    prune=args.prune,
                    everything=args.everything,
                    build=args.build,
                    out=out,
                    folder_given=args.folder,
                    replace_all=args.replace_all,
                    replace=args.replace,
                    connections=args.connections,
                )
        if args.command == "ci":
            return write_ci(args.config_file, args.host, args.pages, out)
        if args.command == "overview":
            return overview(args.list, args.year, args.out, args.workers, args.rate, args.cache, out)
        if args.command == "import":
            return import_command(args.config_file, args.report, args.year, args.format, out)
        if args.command == "schema":
            for path in write_schemas(args.config_file.resolve().parent / "schema"):
                out.write(f"{path.name}\n")
            return 0
        if args.command == "serve":
            return serve(args.config_file, rest, lambda prompt: _terminal_line(prompt, out), out)
        return _mkdocs(args.config_file, args.command, rest)
    except (Failure, PublishError) as failure:
        sys.stderr.write(f"{failure}\n")
        return 1
    except Interrupted:
        sys.stderr.write(
            "\nหยุดแล้ว ทุกไฟล์บนเซิร์ฟเวอร์เป็นฉบับเดิมหรือฉบับใหม่ทั้งไฟล์ รันคำสั่งเดิมอีกครั้งเพื่อส่งส่วนที่เหลือ "
            "(stopped; every file on the server is old or new; run the same command again to finish)\n"
        )
        return 130
    except ConfigurationError as exc:
        sys.stderr.write(f"{args.config_file}: {exc}\n")
        return 1


def entry_point() -> None:
    """The console script: like :func:`main`, quiet when its output is piped to ``head``."""
    # A Thai Windows console or file (cp874), or a Western one (cp1252), cannot encode every
    # character the messages use (·, ✓, –): such a character becomes ?, never a traceback.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    sys.exit(code)


if __name__ == "__main__":
    entry_point()
