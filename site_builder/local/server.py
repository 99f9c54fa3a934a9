"""``/admin/`` in ``oit-site serve``: the editor's page, its configuration and its local
backend, on the same origin as the site, for this computer only.

The page and the vendored bundles come from the package; the configuration is made on each
request from the content as it is now (or, when a file is broken, as it last loaded, with the
build's message beside it); ``admin/api/v1`` answers Decap's local protocol
(:mod:`site_builder.local.backend`). The backend writes into ``content/``, so it answers only
a browser on this computer: the server must listen on a loopback address, the ``Host`` must
name it (a web page cannot reach it by a name of its own, DNS rebinding), and a write must
come from the editor's own page (``Origin``, and JSON, which no form of another site can post).
"""

from __future__ import annotations

import ipaddress
import json
import mimetypes
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from http import HTTPStatus
from pathlib import Path
from types import MappingProxyType
from typing import Any

from markupsafe import escape

from site_builder import editor as editor_package
from site_builder.editor.config import EditorSettings, LocalServe, editor_config
from site_builder.errors import ContentErrors
from site_builder.load.content import load_site
from site_builder.load.memory import LoadMemory
from site_builder.local.backend import LocalBackend
from site_builder.local.history import GitHistory
from site_builder.local.store import ContentStore
from site_builder.model.site import Site
from site_builder.render.headers import editor_security_policy

EDITOR = Path(editor_package.__file__).parent
"""The editor's page, script and vendored bundles, as the built site's ``admin/`` has them."""
STATIC = MappingProxyType({name: EDITOR / "static" / name for name in ("admin.js", "admin.css")})
VENDOR = EDITOR / "vendor"
MAX_BODY = 140 * 1024 * 1024
"""A request's largest body: a document of the site's largest size, in base64."""

StartResponse = Callable[..., Any]


class BuildStatus:
    """Whether the last build of ``serve`` failed, and the build's message: kept for the
    whole ``serve``, shown on the editor's page and on the site's pages."""

    def __init__(self) -> None:
        self.message: str | None = None

    def built(self) -> None:
        self.message = None

    def failed(self, error: BaseException) -> None:
        text = str(error).strip()
        if type(error).__name__ == "Abort" and "strict" in text:
            text = f"มีคำเตือนในโหมด strict ดูในหน้าต่างคำสั่ง (warnings in strict mode): {text}"
        self.message = text or type(error).__name__


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class Address:
    """Where ``serve`` listens, and the site's path under it (``/ita/``)."""

    host: str
    port: int
    mount: str

    @property
    def names(self) -> frozenset[str]:
        """The ``Host`` headers a browser on this computer sends."""
        port = f":{self.port}"
        return frozenset({f"localhost{port}", f"127.0.0.1{port}", f"[::1]{port}", f"{self.host}{port}"})


class EditorServer:
    """The editor's part of ``serve``: a WSGI application that answers under
    ``<mount>admin/`` and lets everything else through."""

    def __init__(
        self,
        root: Path,
        content_dir: Path,
        settings: EditorSettings | None,
        address: Address,
        status: BuildStatus,
        new_year: Callable[[int], str],
        today: Callable[[], date] = date.today,
    ) -> None:
        self.root = root
        self.content_dir = content_dir
        self.settings = settings or EditorSettings(backend="local")
        self.address = address
        self.status = status
        self.prefix = f"{address.mount}admin/"
        self.memory = LoadMemory()
        self.loading = threading.Lock()
        self.saving = threading.Lock()
        self.last: Site | None = None
        """The content as it last loaded without an error."""
        self.load_error: str | None = None
        self.store = ContentStore(root, content_dir)
        self.history = GitHistory(root)
        self.backend = LocalBackend(self.store, self.history, self.site, new_year, today)

    def site(self) -> Site | None:
        """The content as it is now, or as it last loaded when it does not load now."""
        with self.loading:
            try:
                self.last = load_site(self.content_dir, self.root, self.memory)
                self.load_error = None
            except ContentErrors as errors:
                self.load_error = str(errors)
            return self.last

    # ------------------------------------------------------------ WSGI

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes] | None:
        """The answer to a request under ``admin/``; None for any other request."""
        path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "replace")
        if path == self.prefix.rstrip("/"):
            start_response("302 Found", [("Location", self.prefix)])
            return []
        if not path.startswith(self.prefix):
            return None
        if environ.get("HTTP_HOST", "") not in self.address.names:
            return self.json(start_response, 403, {"error": "ชื่อเครื่องไม่ใช่เครื่องนี้ (not this computer's name)"})
        rest = path[len(self.prefix) :]
        if rest == "api/v1":
            return self.api(environ, start_response)
        if environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return self.json(start_response, 405, {"error": "method not allowed"})
        if rest in ("", "index.html"):
            return self.page(start_response)
        if rest == "oit-editor.json":
            return self.configuration(environ, start_response)
        file = STATIC.get(rest)
        if file is None and rest.startswith("vendor/"):
            file = _inside(VENDOR, rest.removeprefix("vendor/"))
        if file is None or not file.is_file():
            start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"404 Not Found"]
        body = file.read_bytes()
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if file.suffix == ".js":
            kind = "application/javascript; charset=utf-8"
        start_response("200 OK", _headers(kind, len(body), cache="no-cache"))
        return [body]

    def page(self, start_response: StartResponse) -> Iterable[bytes]:
        last = self.last or self.site()
        name = last.agency.name if last is not None else ""
        policy = editor_security_policy([], "'self'", header=False)
        text = (EDITOR / "static" / "index.html").read_text(encoding="utf-8")
        body = (
            text.replace("{{ policy }}", str(escape(policy)))
            .replace("{{ agency }}", str(escape(name)))
            .encode()
        )
        headers = _headers("text/html; charset=utf-8", len(body))
        headers.append(("Content-Security-Policy", editor_security_policy([], "'self'")))
        start_response("200 OK", headers)
        return [body]

    def local_status(self) -> dict[str, Any]:
        return {
            "error": self.load_error or self.status.message,
            "history": self.history.missing,
            "listening": is_loopback(self.address.host),
        }

    def configuration(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        site = self.site()
        data: dict[str, Any] = {"local": self.local_status(), "cms": None, "forms": {}, "kinds": {}}
        if site is not None and is_loopback(self.address.host):
            local = LocalServe(
                api=f"{self.prefix}api/v1",
                site_url=f"http://{environ.get('HTTP_HOST')}{self.address.mount}",
            )
            config = editor_config(site, self.settings, None, local)
            data.update(cms=config.cms, forms=config.forms, kinds=config.kinds)
        return self.json(start_response, 200, data)

    def api(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if not is_loopback(self.address.host):
            return self.json(
                start_response,
                403,
                {
                    "error": "หน้าแก้ไขบันทึกได้เฉพาะเมื่อ oit-site serve รับเฉพาะเครื่องนี้ (127.0.0.1) "
                    "(the editor saves only when serve listens on this computer alone)"
                },
            )
        if environ.get("REQUEST_METHOD") != "POST":
            return self.json(start_response, 405, {"error": "method not allowed"})
        origin = environ.get("HTTP_ORIGIN")
        if origin != f"http://{environ.get('HTTP_HOST')}" or environ.get("HTTP_SEC_FETCH_SITE") not in (
            None,
            "same-origin",
        ):
            return self.json(
                start_response, 403, {"error": "คำขอไม่ได้มาจากหน้าแก้ไข (a request from another page)"}
            )
        if not environ.get("CONTENT_TYPE", "").startswith("application/json"):
            return self.json(start_response, 415, {"error": "ต้องเป็น JSON (JSON only)"})
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if not 0 < length <= MAX_BODY:
            return self.json(start_response, 413, {"error": "คำขอใหญ่เกินไป (request too large)"})
        try:
            body = json.loads(environ["wsgi.input"].read(length))
        except (ValueError, UnicodeDecodeError):
            return self.json(start_response, 400, {"error": "คำขอไม่ใช่ JSON (not JSON)"})
        if isinstance(body, dict) and body.get("action") == "status":
            self.site()
            return self.json(start_response, 200, self.local_status())
        with self.saving:
            answer = self.backend.answer(body)
        return self.json(start_response, answer.status, answer.body)

    def json(self, start_response: StartResponse, status: int, data: Any) -> Iterable[bytes]:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        line = f"{status} {HTTPStatus(status).phrase}"
        start_response(line, _headers("application/json; charset=utf-8", len(body)))
        return [body]


def _inside(folder: Path, rel: str) -> Path | None:
    """``folder/rel`` when it stays inside ``folder``."""
    path = (folder / rel).resolve()
    return path if path.is_relative_to(folder.resolve()) else None


def _headers(kind: str, length: int, cache: str = "no-store") -> list[tuple[str, str]]:
    return [
        ("Content-Type", kind),
        ("Content-Length", str(length)),
        ("Cache-Control", cache),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("X-Frame-Options", "SAMEORIGIN"),
    ]
