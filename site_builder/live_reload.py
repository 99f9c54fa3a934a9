"""Live reload under the site's Content-Security-Policy, in ``serve`` only.

MkDocs' development server injects an inline ``<script>`` into every page it serves; the
pages' policy (``script-src 'self'``) refuses inline scripts, so the browser never hears
of a rebuild. Rather than loosen the policy, the server's application is wrapped: the
injected script becomes ``<script src="/.oit-livereload.js" data-epoch=… data-request=…>``,
a file of the same origin that speaks MkDocs' polling protocol. The built site is not
touched: its pages and policy are exactly those of ``mkdocs build``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from importlib.resources import files
from typing import Any

SCRIPT_PATH = "/.oit-livereload.js"

# What MkDocs 1.6 puts before </body>: the poller, called with the epoch and request id.
_INJECTED = re.compile(
    rb"<script>\s*var livereload = function\(epoch, requestId\).*?livereload\((\d+), (\d+)\);\s*</script>",
    re.S,
)

StartResponse = Callable[..., Any]
App = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def script() -> bytes:
    return files("site_builder").joinpath("templates/serve/livereload.js").read_bytes()


def external_script(html: bytes) -> bytes:
    """The page with MkDocs' inline poller replaced by the same-origin script."""
    return _INJECTED.sub(
        lambda m: (
            b'<script src="%s" data-epoch="%s" data-request="%s"></script>'
            % (SCRIPT_PATH.encode(), m.group(1), m.group(2))
        ),
        html,
    )


def with_live_reload(serve: App) -> App:
    """``serve`` (MkDocs' application) answering the poller's file, its pages pointing at it."""
    body = script()

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == SCRIPT_PATH:
            start_response(
                "200 OK",
                [
                    ("Content-Type", "application/javascript; charset=utf-8"),
                    ("Content-Length", str(len(body))),
                    ("Cache-Control", "no-store"),
                ],
            )
            return [body]
        answer: dict[str, Any] = {}

        def keep(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], Any]:
            answer.update(status=status, headers=headers, exc_info=exc_info)
            return lambda _data: None

        chunks = serve(environ, keep)
        headers = answer.get("headers", [])
        html = any(k.lower() == "content-type" and v.startswith("text/html") for k, v in headers)
        if not html:
            start_response(answer["status"], headers, answer.get("exc_info"))
            return chunks
        try:
            page = external_script(b"".join(chunks))
        finally:
            close = getattr(chunks, "close", None)
            if close is not None:
                close()
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        start_response(
            answer["status"], [*headers, ("Content-Length", str(len(page)))], answer.get("exc_info")
        )
        return [page]

    return application
