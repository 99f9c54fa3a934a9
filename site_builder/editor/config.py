"""The browser editor's configuration: Decap CMS collections for the agency's content.

One collection for the agency, and two for each fiscal year in ``content/``: the year's
result, analysis, measures and progress files, and its OIT items. Every entry is a file
that exists (Decap edits files; ``oit-site new-year`` makes them), labelled as the site
labels it, so an item code or a year is chosen, never typed.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from site_builder.editor.fields import Context, Form, fields_of
from site_builder.model.kinds import PARTS, kind
from site_builder.model.site import FiscalYear, Site

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


def backend_config(settings: EditorSettings) -> dict[str, Any]:
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


@dataclass
class EditorConfig:
    """What the admin page loads: Decap's configuration and each file kind's shape."""

    cms: dict[str, Any]
    forms: dict[str, dict[str, Any]]
    """By file kind: the transforms and key order the file formats apply."""


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
    return Context(fixed_keys=fixed, choices=choices, content_folder=content)


def editor_config(site: Site, settings: EditorSettings, site_url: str | None) -> EditorConfig:
    content = site.rel(site.content_dir)
    forms: dict[str, dict[str, Any]] = {}
    collections: list[dict[str, Any]] = []

    def entry(kind: str, path: Path, label: str, name: str, context: Context) -> dict[str, Any]:
        form = fields_of(kind, context)
        forms.setdefault(kind, _form_data(form))
        rel = site.rel(path)
        fields = form.fields
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
        return {"name": name, "label": label, "file": rel, "fields": fields}

    agency_files = [
        entry(
            "agency",
            site.content_dir / "agency.yml",
            "ข้อมูลหน่วยงาน",
            "agency",
            Context(content_folder=content),
        )
    ]
    redirects = site.content_dir / "redirects.yml"
    if redirects.is_file():
        agency_files.append(entry("redirects", redirects, "ที่อยู่ที่ย้ายหรือนำออก", "redirects", Context()))
    collections.append(
        {
            "name": "agency",
            "label": "หน่วยงาน",
            "format": FORMAT_YAML,
            "extension": "yml",
            "editor": {"preview": False},
            "files": agency_files,
        }
    )
    for fy in sorted(site.years, key=lambda y: y.year, reverse=True):
        context = year_context(site, fy, content)
        year_files = [
            entry(form.name, fy.folder / form.file, form.label, form.name, context)
            for form in YEAR_FORMS
            if (fy.folder / form.file).is_file()
        ]
        if year_files:
            collections.append(
                {
                    "name": f"y{fy.year}",
                    "label": f"ปี {fy.year}: ผลการประเมินและมาตรการ",
                    "label_singular": f"ไฟล์ของปี {fy.year}",
                    "format": FORMAT_YAML,
                    "extension": "yml",
                    "editor": {"preview": False},
                    "files": year_files,
                }
            )
        items = []
        for item in fy.items:
            if item.source is None or item.folder is None:
                continue
            code = item.item.code
            item_context = Context(media_folder=site.rel(item.folder), content_folder=content)
            items.append(entry("item", item.source, f"{code} {item.item.title}", code.lower(), item_context))
        if items:
            collections.append(
                {
                    "name": f"y{fy.year}-items",
                    "label": f"ปี {fy.year}: ข้อ OIT",
                    "label_singular": f"ข้อ OIT ปี {fy.year}",
                    "format": FORMAT_PAGE,
                    "editor": {"preview": False},
                    "extension": "md",
                    "files": items,
                }
            )
    cms: dict[str, Any] = {
        "load_config_file": False,
        "locale": "th",
        "backend": backend_config(settings),
        "local_backend": {"url": settings.local_url, "allowed_hosts": ["localhost", "127.0.0.1"]},
        "publish_mode": "simple",
        "media_folder": f"{content}/assets",
        "public_folder": "assets",
        "slug": {"encoding": "unicode", "clean_accents": False, "sanitize_replacement": "-"},
        "search": False,
        "collections": collections,
    }
    if site_url:
        cms["site_url"] = site_url
        cms["display_url"] = site_url
    return EditorConfig(cms=cms, forms=forms)
