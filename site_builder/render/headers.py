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
