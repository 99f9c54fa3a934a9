"""The browser editor's configuration: Decap CMS collections for the agency's content.

One collection for the agency, and two for each fiscal year in ``content/``: the year's
result, analysis, measures and progress files, and its OIT items. Every entry is a file
that exists (Decap edits files; ``oit-site new-year`` makes them), labelled as the site
labels it, so an item code or a year is chosen, never typed. An item is listed with its
status, and its form opens with what the clerk needs beside it: its code, title and
status, what the assessor expects, the period its documents must fall in, and its page.

Under ``oit-site serve`` (:class:`LocalServe`) the editor saves through the product's own
backend (:mod:`site_builder.local.backend`), which also opens a year's part that has no file
yet as an empty form, and offers the yearly task of starting the next fiscal year.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from site_builder.editor.fields import Context, Form, fields_of
from site_builder.model.kinds import PARTS, kind
from site_builder.model.site import FiscalYear, ItemContent, PublishedDocument, Site
from site_builder.model.status import expected_period, item_status
from site_builder.render.pages import DATA_PERIODS
from site_builder.thai import fiscal_year_of, thai_date

FORMAT_YAML = "oit-yaml"
FORMAT_PAGE = "oit-page"
LOCAL_URL = "http://localhost:8081/api/v1"

# A year's forms: its parts first, its settings last.
YEAR_FORMS = (*PARTS, kind("year"))

BACKENDS = ("github", "gitlab", "gitea", "local")


@dataclass(frozen=True)
class EditorSettings:
    """``editor:`` under ``- oit:`` in ``mkdocs.yml``."""

    backend: str
    repo: str | None = None
    branch: str = "main"
    base_url: str | None = None
    """GitHub: the OAuth server; GitLab and Gitea: the host (https://gitlab.example.go.th)."""
    api_root: str | None = None
    app_id: str | None = None
    """GitLab and Gitea: the OAuth application's id (sign-in with PKCE, no server of ours)."""
    local_url: str = LOCAL_URL
    """Where ``decap-server`` answers on the editor's own computer."""

    def git_origins(self) -> list[str]:
        """The hosts the editor talks to besides the site: the git host's API and sign-in."""
        urls: list[str | None]
        if self.backend == "github":
            urls = [self.api_root or "https://api.github.com", self.base_url or "https://api.netlify.com"]
        elif self.backend == "gitlab":
            base = self.base_url or "https://gitlab.com"
            urls = [base, self.api_root or f"{base.rstrip('/')}/api/v4"]
        elif self.backend == "gitea":
            urls = [
                self.base_url,
                self.api_root or (f"{self.base_url.rstrip('/')}/api/v1" if self.base_url else None),
            ]
        else:
            urls = []
        origins = []
        for url in urls:
            if url:
                parts = urlsplit(url)
                origin = f"{parts.scheme}://{parts.netloc}"
                if origin not in origins:
                    origins.append(origin)
        return origins

    def local_origin(self) -> str:
        parts = urlsplit(self.local_url)
        return f"{parts.scheme}://{parts.netloc}"


_ORIGIN = re.compile(r"^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/%-]*)?$")
_LOCAL = re.compile(r"^http://(localhost|127\.0\.0\.1)(:[0-9]{1,5})?/[A-Za-z0-9._~/-]*$")
_REPO = re.compile(r"^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)+$")


def settings_problems(settings: EditorSettings) -> list[str]:
    """What is wrong with ``editor:`` in mkdocs.yml, each with what to write instead."""
    problems = []
    if settings.backend not in BACKENDS:
        problems.append(f"backend: '{settings.backend}' ไม่รู้จัก; เขียน {', '.join(BACKENDS)}")
        return problems
    if settings.backend != "local":
        if not settings.repo or not _REPO.match(settings.repo):
            problems.append(
                f"repo: ต้องเป็น เจ้าของ/ชื่อคลัง เช่น agency/ita (the repository), พบ '{settings.repo}'"
            )
        if settings.backend in ("gitlab", "gitea") and not settings.app_id:
            problems.append(
                f"app_id: {settings.backend} ต้องมีรหัสแอป OAuth (Application ID) ที่สร้างไว้ สำหรับหน้าแก้ไข ดูคู่มือบทที่ 8"
            )
        if settings.backend == "gitea" and not settings.base_url:
            problems.append("base_url: gitea ต้องมีที่อยู่ของเซิร์ฟเวอร์ เช่น https://git.example.go.th")
    for key in ("base_url", "api_root"):
        value = getattr(settings, key)
        if value and not _ORIGIN.match(value):
            problems.append(f"{key}: '{value}' ต้องเป็นที่อยู่ https:// ของเซิร์ฟเวอร์ เช่น https://git.example.go.th")
    if not _LOCAL.match(settings.local_url):
        problems.append(f"local_url: '{settings.local_url}' ต้องเป็น decap-server บนเครื่องนี้ เช่น {LOCAL_URL}")
    if settings.app_id and not re.fullmatch(r"[A-Za-z0-9._-]+", settings.app_id):
        problems.append(f"app_id: '{settings.app_id}' มีอักขระที่รหัสแอปไม่มี")
    if not re.fullmatch(r"[A-Za-z0-9._/-]+", settings.branch):
        problems.append(f"branch: '{settings.branch}' ไม่ใช่ชื่อ branch เช่น main")
    return problems


def read_settings(options: dict[str, Any]) -> tuple[EditorSettings, list[str]]:
    """``editor:`` as mkdocs.yml gives it: the settings, and what is wrong with them."""
    known = {f.name for f in fields(EditorSettings)}
    unknown = [
        f"{key}: ไม่รู้จัก (unknown); ใช้ได้: {', '.join(sorted(known))}" for key in options if key not in known
    ]
    values = {key: str(value) for key, value in options.items() if key in known and value is not None}
    settings = EditorSettings(**{"backend": "local", **values})
    return settings, unknown + settings_problems(settings)


def backend_config(settings: EditorSettings, local: LocalServe | None = None) -> dict[str, Any]:
    if local is not None:
        return {"name": "proxy", "proxy_url": local.api, "branch": settings.branch}
    if settings.backend == "local":
        return {"name": "proxy", "proxy_url": settings.local_url, "branch": settings.branch}
    out: dict[str, Any] = {"name": settings.backend, "repo": settings.repo, "branch": settings.branch}
    for key in ("base_url", "api_root", "app_id"):
        value = getattr(settings, key)
        if value:
            out[key] = value
    # Decap's API address does not follow base_url: a GitLab or Gitea of the agency's own
    # needs it said (Decap's defaults are gitlab.com and try.gitea.io).
    if settings.base_url and not settings.api_root and settings.backend in ("gitlab", "gitea"):
        out["api_root"] = settings.base_url.rstrip("/") + (
            "/api/v4" if settings.backend == "gitlab" else "/api/v1"
        )
    if settings.backend in ("gitlab", "gitea") and settings.app_id:
        out["auth_type"] = "pkce"
    out["commit_messages"] = {
        "create": "เพิ่ม {{path}} (แก้ไขในเบราว์เซอร์)",
        "update": "แก้ไข {{path}} (แก้ไขในเบราว์เซอร์)",
        "delete": "ลบ {{path}} (แก้ไขในเบราว์เซอร์)",
        "uploadMedia": "เพิ่มไฟล์ {{path}}",
        "deleteMedia": "ลบไฟล์ {{path}}",
    }
    return out


@dataclass(frozen=True)
class LocalServe:
    """The editor as ``oit-site serve`` serves it, saving through the product's own backend."""

    api: str
    """The backend's address, from the site's root (``/ita/admin/api/v1``)."""
    site_url: str
    """Where ``serve`` shows the site (``http://127.0.0.1:8000/ita/``)."""


NEW_YEAR_FILE = ".new-year.yml"
"""The yearly task's entry (site_builder.local.backend): never a file; saving it starts the year."""
ABOUT = "oit_about"
"""The name of the form's first field, which shows what the form is about and stores nothing."""


@dataclass
class EditorConfig:
    """What the admin page loads: Decap's configuration and each file kind's shape."""

    cms: dict[str, Any]
    forms: dict[str, dict[str, Any]]
    """By file kind: the transforms and key order the file formats apply."""
    kinds: dict[str, dict[str, str]]
    """Each file's kind, by its collection's name and its own: Decap gives a format a file's
    text alone, so the editor's script (admin.js) finds the kind of the file it opens here."""


def _form_data(form: Form) -> dict[str, Any]:
    return {"transforms": [asdict(t) for t in form.transforms], "order": form.order}


def year_context(site: Site, fy: FiscalYear, content: str) -> Context:
    indicators = [
        (str(i.number), f"ตัวชี้วัดที่ {i.number} {i.title}")
        for i in sorted(fy.framework.indicators, key=lambda i: i.number)
    ]
    measures = []
    for other in sorted(site.years, key=lambda y: y.year, reverse=True):
        if other.year > fy.year or other.measures is None:
            continue
        for m in other.measures.measures:
            value = m.id if other.year == fy.year else f"{other.year}/{m.id}"
            label = f"{value}: {m.topic}"
            measures.append((str(value), label if len(label) < 90 else label[:88] + "…"))
    fixed = {"indicators": indicators} if len(indicators) == 10 else {}
    choices = {"entries.*.measure": measures} if measures else {}
    choices["level"] = [(level.name, level.name) for level in fy.scoring.levels]
    return Context(fixed_keys=fixed, choices=choices, content_folder=content)


def item_about(fy: FiscalYear, entry: ItemContent) -> dict[str, Any]:
    """What an item's form shows above its fields: the item, its status, what the assessor
    expects, the period its documents must fall in, and its page."""
    item = entry.item
    status = item_status(fy, entry)
    window = expected_period(fy.year, item.data_period)
    # The status's notes name dates as the files write them; the form shows them in the
    # Buddhist era, as sentences (outside_period).
    written = (
        {f"{d.name}: {d.document.date} นอกช่วง {window[0]} – {window[1]}" for d in outside_period(fy, entry)}
        if window
        else set()
    )
    period = None
    if item.data_period:
        period = DATA_PERIODS[item.data_period]
        if window:
            period += f" ({thai_date(window[0])} – {thai_date(window[1])})"
    return {
        "heading": f"{item.code} {item.title}",
        "year": f"ITA {fy.year}",
        "status": status.label.thai,
        "done": status.done,
        "notes": [note for note in status.notes if note not in written] + outside_notes(fy, entry),
        "expects": list(item.requirements),
        "period": period,
        "window": [window[0].isoformat(), window[1].isoformat()] if window else None,
        "page": f"{fy.year}/{item.slug}/",
    }


def outside_period(fy: FiscalYear, entry: ItemContent) -> list[PublishedDocument]:
    """The item's documents dated outside the period its data must fall in."""
    window = expected_period(fy.year, entry.item.data_period)
    if window is None:
        return []
    return [d for d in entry.documents if d.document.date and not window[0] <= d.document.date <= window[1]]


def outside_notes(fy: FiscalYear, entry: ItemContent) -> list[str]:
    """Each document outside the item's period, as the editor says it: the page shows
    the item's status as เอกสารนอกช่วง."""
    window = expected_period(fy.year, entry.item.data_period)
    return [
        f"{entry.item.code} {entry.item.title}: เอกสาร {d.name} ลงวันที่ {thai_date(d.document.date)}"
        f" อยู่นอกช่วงข้อมูลของข้อนี้ ({thai_date(window[0])} – {thai_date(window[1])})"
        " หน้าเว็บจะแสดงสถานะ เอกสารนอกช่วง (a document outside the item's data period)"
        for d in outside_period(fy, entry)
        if window is not None and d.document.date is not None
    ]


def about_field(about: dict[str, Any]) -> dict[str, Any]:
    return {"name": ABOUT, "label": "ข้อนี้", "widget": "oit-about", "required": False, "about": about}


def editor_config(
    site: Site, settings: EditorSettings, site_url: str | None, local: LocalServe | None = None
) -> EditorConfig:
    content = site.rel(site.content_dir)
    forms: dict[str, dict[str, Any]] = {}
    kinds: dict[str, dict[str, str]] = {}
    collections: list[dict[str, Any]] = []

    def entry(
        collection: str,
        kind: str,
        path: Path,
        label: str,
        name: str,
        context: Context,
        preview: str,
        about: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        form = fields_of(kind, context)
        forms.setdefault(kind, _form_data(form))
        kinds.setdefault(collection, {})[name] = kind
        rel = site.rel(path)
        fields = form.fields
        if about is not None:
            fields = [about_field(about), *fields]
        if kind == "item":
            fields = [
                *fields,
                {
                    "name": "body",
                    "label": "ข้อความ",
                    "widget": "markdown",
                    "required": False,
                    "modes": ["rich_text", "raw"],
                    "editor_components": [],
                    "sanitize_preview": True,
                    "hint": "ข้อความของหน้าแบบ Markdown (the page's text)",
                },
            ]
        return {"name": name, "label": label, "file": rel, "preview_path": preview, "fields": fields}

    agency_files = [
        entry(
            "agency",
            "agency",
            site.content_dir / "agency.yml",
            "ข้อมูลหน่วยงาน",
            "agency",
            Context(content_folder=content),
            "",
        )
    ]
    redirects = site.content_dir / "redirects.yml"
    if redirects.is_file():
        agency_files.append(
            entry("agency", "redirects", redirects, "ที่อยู่ที่ย้ายหรือนำออก", "redirects", Context(), "")
        )
    collections.append(
        {
            "name": "agency",
            "label": "หน่วยงาน",
            "format": FORMAT_YAML,
            "extension": "yml",
            "editor": {"preview": False},
            "delete": False,
            "files": agency_files,
        }
    )
    for fy in sorted(site.years, key=lambda y: y.year, reverse=True):
        context = year_context(site, fy, content)
        files_name, items_name = f"y{fy.year}", f"y{fy.year}-items"
        year_files = []
        for form in YEAR_FORMS:
            path = fy.folder / form.file
            # Under serve a part with no file yet opens as an empty form; a git host has no such file.
            if not path.is_file() and (local is None or form.name == "year"):
                continue
            label = form.label if path.is_file() else f"{form.label} (ยังไม่มี: กรอกแล้วบันทึกเพื่อสร้าง)"
            page = f"{fy.year}/" if form.name == "year" else f"{fy.year}/report/"
            year_files.append(entry(files_name, form.name, path, label, form.name, context, page))
        if year_files:
            collections.append(
                {
                    "name": files_name,
                    "label": f"ปี {fy.year}: ผลการประเมินและมาตรการ",
                    "label_singular": f"ไฟล์ของปี {fy.year}",
                    "format": FORMAT_YAML,
                    "extension": "yml",
                    "editor": {"preview": False},
                    "delete": False,
                    "files": year_files,
                }
            )
        items = []
        for item in fy.items:
            if item.source is None or item.folder is None:
                continue
            code = item.item.code
            item_context = Context(media_folder=site.rel(item.folder), content_folder=content)
            about = item_about(fy, item)
            label = f"{code} {item.item.title} · {about['status']}"
            items.append(
                entry(
                    items_name, "item", item.source, label, code.lower(), item_context, about["page"], about
                )
            )
        if items:
            collections.append(
                {
                    "name": items_name,
                    "label": f"ปี {fy.year}: ข้อ OIT",
                    "label_singular": f"ข้อ OIT ปี {fy.year}",
                    "format": FORMAT_PAGE,
                    "editor": {"preview": False},
                    "delete": False,
                    "extension": "md",
                    "files": items,
                }
            )
    if local is not None:
        collections.append(yearly_tasks(site, content))
    cms: dict[str, Any] = {
        "load_config_file": False,
        "locale": "th",
        "backend": backend_config(settings, local),
        "publish_mode": "simple",
        "media_folder": f"{content}/assets",
        "public_folder": "assets",
        "slug": {"encoding": "unicode", "clean_accents": False, "sanitize_replacement": "-"},
        "search": False,
        "collections": collections,
    }
    if local is None:
        cms["local_backend"] = {"url": settings.local_url, "allowed_hosts": ["localhost", "127.0.0.1"]}
    shown = local.site_url if local is not None else site_url
    if shown:
        cms["site_url"] = shown
        cms["display_url"] = shown
    return EditorConfig(cms=cms, forms=forms, kinds=kinds)


def yearly_tasks(site: Site, content: str) -> dict[str, Any]:
    """The yearly task of starting the next fiscal year, as an entry whose save runs
    ``oit-site new-year`` (site_builder.local.backend)."""
    latest = max((fy.year for fy in site.years), default=None)
    year = latest + 1 if latest is not None else fiscal_year_of(date.today())
    field = {
        "name": "year",
        "label": "ปีงบประมาณที่จะเริ่ม",
        "widget": "select",
        "required": True,
        "options": [{"label": f"ปีงบประมาณ {year}", "value": str(year)}],
        "hint": (
            f"สร้างโฟลเดอร์ {content}/{year}/ ด้วยรายการข้อ OIT ของปีนั้น มาตรการและรายงานผลเปล่า "
            "เหมือนคำสั่ง oit-site new-year แล้วกรอกผลการประเมินของปีนั้นได้ทันที"
        ),
    }
    return {
        "name": "yearly",
        "label": "งานประจำปี",
        "format": FORMAT_YAML,
        "extension": "yml",
        "editor": {"preview": False},
        "delete": False,
        "files": [
            {
                "name": "new-year",
                "label": f"เริ่มปีงบประมาณ {year}",
                "file": f"{content}/{NEW_YEAR_FILE}",
                "fields": [field],
            }
        ],
    }
