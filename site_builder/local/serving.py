"""What ``serve`` adds to MkDocs' development server for a clerk on this computer.

- The editor at ``/admin/`` and its local backend (:class:`site_builder.local.server.EditorServer`).
- A failed build never locks the door. MkDocs' server holds every request after a failed
  rebuild until a build succeeds, so a file broken by hand made both the site and the
  editor time out. Here a failed build is kept as the build's message
  (:class:`site_builder.local.server.BuildStatus`): the site as last built stays served with
  that message on top of each page, a page that was never built shows the message alone,
  and the editor keeps answering.
- Live reload under the pages' own policy (:mod:`site_builder.live_reload`).
"""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer

from site_builder.editor.config import EditorSettings
from site_builder.live_reload import App, StartResponse, with_live_reload
from site_builder.local.server import Address, BuildStatus, EditorServer
from site_builder.local.store import Refused

log = logging.getLogger("mkdocs.plugins.oit")

NEW_YEAR_SECONDS = 300


def run_new_year(config_file: Path) -> Callable[[int], str]:
    """``oit-site new-year <year>``, as the command line runs it; what it printed."""

    def start(year: int) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "site_builder.cli", "-f", str(config_file), "new-year", str(year)],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=NEW_YEAR_SECONDS,
            check=False,
        )
        if done.returncode != 0:
            raise Refused((done.stderr or done.stdout).strip())
        return done.stdout.strip()

    return start


def serve_editor(
    server: LiveReloadServer, config: MkDocsConfig, settings: EditorSettings | None, status: BuildStatus
) -> EditorServer:
    """Put the editor, the build's message and live reload in front of ``server``'s pages,
    and keep a failed rebuild from holding every request."""
    config_file = Path(config.config_file_path).resolve()
    root = config_file.parent
    host, port = config.dev_addr
    editor = EditorServer(
        root,
        Path(config.docs_dir).resolve(),
        settings,
        Address(host, port, server.mount_path),
        status,
        run_new_year(config_file),
    )
    serve = server.get_app()
    assert serve is not None  # set when the server is made
    pages = with_build_message(with_live_reload(serve), status, server.mount_path)

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        answer = editor(environ, start_response)
        return answer if answer is not None else pages(environ, start_response)

    server.set_app(application)
    server.builder = tolerant(server.builder)
    return editor


def tolerant(builder: Callable[..., None]) -> Callable[..., None]:
    """``builder`` that returns after a failure (the plugin has kept the build's message):
    MkDocs' server then shows the site as last built, with the message, instead of holding
    every request until a build succeeds."""

    def build(*args: Any, **kwargs: Any) -> None:
        try:
            builder(*args, **kwargs)
        except Exception as error:  # the build's own message is already logged and kept
            if type(error).__name__ not in ("Abort", "PluginError", "BuildError", "ConfigurationError"):
                log.exception("สร้างเว็บไม่สำเร็จ (the build failed)")

    return build


def notice(message: str, mount: str) -> str:
    """The build's message, as it stands on top of a page."""
    return (
        '<div role="alert" style="margin:0;padding:1rem 1.25rem;background:#fff3cd;color:#1a1a1a;'
        'border-bottom:3px solid #b45309;font:1rem/1.6 sans-serif;position:relative;z-index:10">'
        '<p style="margin:0 0 .5rem"><strong>สร้างเว็บไม่สำเร็จ หน้าที่เห็นเป็นฉบับที่สร้างได้ครั้งก่อน'
        "</strong> (the last build failed: this is the site as last built)</p>"
        '<pre style="white-space:pre-wrap;overflow-wrap:anywhere;margin:0 0 .5rem;font:inherit">'
        f"{escape(message)}</pre>"
        '<p style="margin:0">แก้ไฟล์ตามข้อความนี้ แล้วหน้าจะโหลดใหม่เอง · '
        f'<a href="{escape(mount)}admin/">หน้าแก้ไข (editor)</a></p></div>'
    )


def failed_page(message: str, mount: str) -> bytes:
    """What a page the last build did not make shows while the build fails."""
    return (
        '<!doctype html><html lang="th"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="refresh" content="10"><title>สร้างเว็บไม่สำเร็จ (the build failed)</title>'
        f'</head><body style="margin:0">{notice(message, mount)}</body></html>'
    ).encode()


def with_build_message(pages: App, status: BuildStatus, mount: str) -> App:
    """``pages`` with the build's message on top of each page while the build fails."""

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        message = status.message
        if message is None:
            return pages(environ, start_response)
        answer: dict[str, Any] = {}

        def keep(
            status_line: str, headers: list[tuple[str, str]], exc_info: Any = None
        ) -> Callable[[bytes], Any]:
            answer.update(status=status_line, headers=headers, exc_info=exc_info)
            return lambda _data: None

        chunks = pages(environ, keep)
        headers = answer.get("headers", [])
        html = any(k.lower() == "content-type" and v.startswith("text/html") for k, v in headers)
        if answer.get("status", "").startswith("404"):
            close = getattr(chunks, "close", None)
            if close is not None:
                close()
            body = failed_page(message, mount)
            start_response(
                "503 Service Unavailable",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
            )
            return [body]
        if not html:
            start_response(answer["status"], headers, answer.get("exc_info"))
            return chunks
        try:
            page = b"".join(chunks)
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()
        banner = notice(message, mount).encode("utf-8")
        at = page.find(b"<body")
        end = page.find(b">", at) + 1 if at >= 0 else 0
        page = page[:end] + banner + page[end:]
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        start_response(
            answer["status"], [*headers, ("Content-Length", str(len(page)))], answer.get("exc_info")
        )
        return [page]

    return application
