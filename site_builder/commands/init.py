"""``oit-site init``: what a new agency's site starts with, asked for in Thai.

The answers come from the command's flags; whatever the flags did not give is asked on
standard input, one question a line, so a clerk at a terminal and a script that pipes the
answers in make the same site. :func:`site_files` renders the files the site's folder
starts with (``templates/init/``); :func:`init` writes them, never over a file, with the
first year, the schemas, the CI file asked for and a git repository.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, TextIO
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined

from site_builder import __version__
from site_builder.commands.ci import ci_template, write_ci
from site_builder.commands.console import Failure, command_word
from site_builder.commands.new_year import new_year
from site_builder.frameworks import available_frameworks, nearest_framework
from site_builder.install_source import Pin, installed_pin
from site_builder.local.history import CommitFailed, GitHistory
from site_builder.model.content import AGENCY_KINDS
from site_builder.model.kinds import KINDS
from site_builder.model.schema import schema_text
from site_builder.thai import bare_district, bare_province, fiscal_year_of, to_arabic_digits

CI_HOSTS = ("github", "gitlab")


class BadAnswer(ValueError):
    """An answer or flag that cannot be used; the message says what to give instead."""


@dataclass(frozen=True)
class Answers:
    """What a new site is made from."""

    name: str
    """The agency's name, as it is to be shown (ชื่อหน่วยงาน)."""
    kind: str
    """Its kind, e.g. องค์การบริหารส่วนตำบล (ประเภท)."""
    district: str
    """อำเภอ."""
    province: str
    """จังหวัด."""
    site_url: str
    """Where the site is published, ending in ``/`` (``https://www.example.go.th/ita/``)."""
    year: int
    """The first fiscal year scaffolded (Buddhist era)."""
    framework: str
    """The framework of that year's item list (``ita-2569``)."""
    ci: str | None
    """``github``, ``gitlab`` or None: the CI file written."""
    pages: bool
    """The CI file deploys to GitHub or GitLab Pages instead of the agency's host."""
    pin: Pin
    """The oit-site that ``requirements.txt`` installs: the one running, from where it came."""


# ------------------------------------------------------------------ one answer each


def _text(label: str, bare: Callable[[str], str] = str) -> Callable[[str], str]:
    def read(answer: str) -> str:
        # A byte-order mark leads the first line of answers saved by Notepad and piped in.
        text = bare(" ".join(answer.replace("\ufeff", "").split()))
        if not text:
            raise BadAnswer(f"ต้องมี{label} (required)")
        if any(ord(char) < 32 or char in "\x7f" for char in text):
            raise BadAnswer(f"{label}มีอักขระควบคุม (control characters)")
        if len(text) > 200:
            raise BadAnswer(f"{label}ยาวเกิน 200 ตัวอักษร (too long)")
        return text

    return read


def _kind(answer: str) -> str:
    number = to_arabic_digits(answer.strip())
    if number.isdigit():
        count = len(AGENCY_KINDS)
        if not 1 <= int(number) <= count:
            raise BadAnswer(f"เลือกเลข 1 ถึง {count} หรือพิมพ์ประเภท (choose 1–{count} or type the kind)")
        return AGENCY_KINDS[int(number) - 1]
    return _text("ประเภทหน่วยงาน")(answer)


_URL_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/%]+$")


def _site_url(answer: str) -> str:
    url = answer.strip()
    parts = urlsplit(url)
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.query
        or parts.fragment
        or not _URL_CHARS.match(url)
    ):
        raise BadAnswer(f"{url!r} ไม่ใช่ที่อยู่เว็บ (not a web address): เขียนเต็ม เช่น https://www.example.go.th/ita/")
    return url if url.endswith("/") else url + "/"


def _year(answer: str) -> int:
    text = to_arabic_digits(answer.strip())
    if not text.isdigit() or not 2500 <= int(text) <= 2700:
        raise BadAnswer(f"{answer.strip()!r} ไม่ใช่ปีงบประมาณ พ.ศ. (not a Buddhist-era fiscal year): เช่น 2569")
    return int(text)


def _framework(answer: str) -> str:
    name = answer.strip()
    if name not in available_frameworks():
        raise BadAnswer(
            f"ไม่มีกรอบการประเมิน {name!r} (no such framework); กรอบที่มี: {', '.join(available_frameworks())}"
        )
    return name


def _ci(answer: str) -> str | None:
    text = answer.strip().lower()
    if text in ("", "-", "no", "none", "ไม่", "ไม่ใช้"):
        return None
    if text not in CI_HOSTS:
        raise BadAnswer("ตอบ github, gitlab หรือเว้นว่าง (answer github, gitlab or nothing)")
    return text


def _yes(answer: str) -> bool:
    text = answer.strip().lower()
    if text in ("y", "yes", "ใช่", "ช"):
        return True
    if text in ("", "n", "no", "ไม่", "ไม่ใช่"):
        return False
    raise BadAnswer("ตอบ y หรือ n (answer y or n)")


def today() -> date:
    """The day the site is made (a function, so that a test can name the day)."""
    return date.today()


def default_year(day: date) -> int:
    """The fiscal year ``day`` falls in (October to September)."""
    return fiscal_year_of(day)


@dataclass(frozen=True)
class Question:
    key: str
    """The flag's name without ``--`` and with ``_`` for ``-``."""
    prompt: str
    """What is asked, in Thai and English."""
    read: Callable[[str], Any]
    """The answer as a value; raises :class:`BadAnswer`."""
    default: Callable[[dict[str, Any]], str] | None = None
    """The answer that an empty line gives, from the answers before it; None: required."""


QUESTIONS = (
    Question("name", "ชื่อหน่วยงาน (agency name), เช่น องค์การบริหารส่วนตำบลหนองบัว", _text("ชื่อหน่วยงาน")),
    Question(
        "kind",
        "ประเภทหน่วยงาน (kind): "
        + " ".join(f"{n}) {kind}" for n, kind in enumerate(AGENCY_KINDS, 1))
        + " หรือพิมพ์ประเภทอื่น",
        _kind,
    ),
    Question("district", "อำเภอ (district)", _text("อำเภอ", bare_district)),
    Question("province", "จังหวัด (province)", _text("จังหวัด", bare_province)),
    Question("site_url", "ที่อยู่เว็บไซต์ OIT (site URL), เช่น https://www.nongbua.go.th/ita/", _site_url),
    Question("year", "ปีงบประมาณแรก (first fiscal year)", _year, lambda _: str(default_year(today()))),
    Question(
        "framework",
        "กรอบการประเมิน (framework)",
        _framework,
        lambda answers: nearest_framework(answers["year"]),
    ),
    Question("ci", "ไฟล์ CI สำหรับเผยแพร่อัตโนมัติ github หรือ gitlab (CI file; empty: none)", _ci, lambda _: ""),
    Question("pages", "เผยแพร่บน GitHub/GitLab Pages แทนโฮสต์ของหน่วยงาน? y/n", _yes, lambda _: "n"),
)

ATTEMPTS = 3
"""How often a question is asked again after an answer that cannot be used."""


def gather(
    given: dict[str, str | None],
    ask: Callable[[str], str | None] | None,
    out: TextIO,
) -> Answers:
    """The answers: each flag's value, or what ``ask`` reads for it, or its default.

    ``ask`` shows a prompt and returns the line typed, or None at the end of the input.
    Questions are asked only when a required flag is missing; a question with a default
    takes it from an empty line or the end of the input. When the running oit-site came
    from where a CI machine cannot install it, a note says what to pin instead.
    """
    interactive = ask is not None and any(given.get(q.key) is None and q.default is None for q in QUESTIONS)
    values: dict[str, Any] = {}
    for question in QUESTIONS:
        if question.key == "pages" and values.get("ci") is None:
            values["pages"] = False
            continue
        flag = "--" + question.key.replace("_", "-")
        raw = given.get(question.key)
        if raw is not None:
            try:
                values[question.key] = question.read(raw)
            except BadAnswer as exc:
                raise BadAnswer(f"{flag}: {exc}") from None
            continue
        default = question.default(values) if question.default else None
        if not interactive:
            if default is None:
                raise BadAnswer(f"ต้องระบุ {flag} (missing {flag})")
            values[question.key] = question.read(default)
            continue
        assert ask is not None
        values[question.key] = _ask(question, flag, default, ask, out)
    values["pin"] = installed_pin()
    if values["pin"].note:
        out.write("หมายเหตุ requirements.txt (note):\n" + _indented(values["pin"].note, "  ") + "\n")
    return Answers(**values)


def _indented(text: str, prefix: str) -> str:
    return "\n".join(f"{prefix}{line}" for line in text.splitlines())


def _ask(
    question: Question, flag: str, default: str | None, ask: Callable[[str], str | None], out: TextIO
) -> Any:
    shown = f" [{default}]" if default else ""
    for _ in range(ATTEMPTS):
        line = ask(f"{question.prompt}{shown}: ")
        if line is None:
            if default is None:
                raise BadAnswer(f"ไม่ได้ตอบ {question.prompt} (no answer): ระบุด้วย {flag}")
            return question.read(default)
        if not line.strip() and default is not None:
            return question.read(default)
        try:
            return question.read(line)
        except BadAnswer as exc:
            out.write(f"  {exc}\n")
    raise BadAnswer(f"ตอบ {question.prompt} ไม่ได้ {ATTEMPTS} ครั้ง (no usable answer): ระบุด้วย {flag}")


# ------------------------------------------------------------------ the files


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("site_builder", "templates/init"),
        autoescape=False,  # YAML, Markdown and text for editors, not HTML
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["yaml"] = lambda text: json.dumps(str(text), ensure_ascii=False)
    env.filters["comment"] = lambda text: _indented(str(text), "# ")
    return env


# Where each template goes in the site's folder.
FILES = MappingProxyType(
    {
        "mkdocs.yml": "mkdocs.yml",
        "content/agency.yml": "agency.yml",
        "content/index.md": "index.md",
        "published-urls.txt": "published-urls.txt",
        "requirements.txt": "requirements.txt",
        ".gitignore": "gitignore",
        "README.md": "README.md",
    }
)


def site_files(answers: Answers) -> dict[str, str]:
    """The files a new site starts with, by their path in its folder (the year's files
    come from ``oit-site new-year``, the schemas from ``oit-site schema``)."""
    parts = urlsplit(answers.site_url)
    context = {
        **answers.__dict__,
        "requirement": answers.pin.requirement,
        "note": answers.pin.note,
        "website": f"{parts.scheme}://{parts.netloc}/",
        "serve_url": f"http://127.0.0.1:8000{parts.path}",
        "version": __version__,
        "minor": ".".join(__version__.split(".")[:2]),
        "schemas": {declared.name: declared.schema for declared in KINDS},
    }
    env = _env()
    return {path: env.get_template(name).render(**context) for path, name in FILES.items()}


# ------------------------------------------------------------------ the command


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
        # The site's first commit: the editor's saves commit only the files they change, so a
        # push after the first save would otherwise leave mkdocs.yml and the rest behind.
        try:
            first = GitHistory(folder).commit(["."], f"เริ่มเว็บไซต์ของ{answers.name} (oit-site init)")
        except CommitFailed as exc:
            first = None
            out.write(f"  commit แรกไม่สำเร็จ (the first commit failed): {exc}\n")
        out.write(
            "สร้างคลัง git และ commit แรกแล้ว (git init, first commit)\n"
            if first
            else "สร้างคลัง git แล้ว (git init)\n"
        )
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
