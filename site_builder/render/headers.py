"""The security headers the site is served with, one policy for every place it is written:
the nginx and Apache rules, ``_headers`` for hosts that read one, and a ``<meta>`` element
in every page for hosts that send no headers at all.

The Content-Security-Policy lets a page run and load only what comes from the site
itself: the theme's scripts are files (no inline script), images may be inline raster
``data:`` images, styles may be inline (Word tables keep their widths; a style can load
nothing from elsewhere under ``img-src`` and ``font-src``).
"""

from __future__ import annotations

_POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
# Only a header can say who may frame the site; browsers ignore it (and warn) in <meta>.
_HEADER_ONLY = (("frame-ancestors", "'self'"),)


def content_security_policy(header: bool = True) -> str:
    """The policy as a header sends it, or (``header=False``) as a ``<meta>`` element may."""
    directives = _POLICY + (_HEADER_ONLY if header else ())
    return "; ".join(f"{name} {value}" for name, value in directives)


def security_headers() -> dict[str, str]:
    """Every header the server rules send with every response of the site."""
    return {
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": content_security_policy(),
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "X-Frame-Options": "SAMEORIGIN",
    }


def editor_security_policy(git_origins: list[str], local_origin: str, header: bool = True) -> str:
    """The policy of the browser editor (``/admin/``): the site's, and besides it only the git
    host's API and sign-in and, on the editor's own computer, ``decap-server``.

    Decap's bundle compiles its configuration's validators at run time (``unsafe-eval``)
    and previews uploads from ``blob:`` addresses. Everything else it could reach (status
    pages of git hosts, image services) is refused here, so loading the editor asks no
    other host for anything. ``header=False``: as a ``<meta>`` element may say it.
    """
    hosts = " ".join(git_origins)
    connect = " ".join(["'self'", "blob:", *git_origins, local_origin])
    directives = (
        ("default-src", "'self'"),
        ("script-src", "'self' 'unsafe-eval'"),
        ("style-src", "'self' 'unsafe-inline'"),
        ("img-src", f"'self' data: blob: {hosts}".strip()),
        ("media-src", "'self' blob:"),
        ("font-src", "'self' data:"),
        ("connect-src", connect),
        ("worker-src", "'self' blob:"),
        ("frame-src", "'self' blob:"),
        ("object-src", "'none'"),
        ("base-uri", "'self'"),
        ("form-action", "'self'"),
    ) + (_HEADER_ONLY if header else ())
    return "; ".join(f"{name} {value}" for name, value in directives)
