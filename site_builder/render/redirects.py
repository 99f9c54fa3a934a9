"""Moved and removed URLs: static redirect pages, and 301 rules for the common servers.

A static host can only answer a moved page with an HTML page that forwards the browser
(status 200); a real 301 needs a rule in the web server. The build writes both: a
forwarding page (or, for a moved document, a copy of it) at every old path, and the
rules in ``nginx-redirects.conf``, ``.htaccess`` (Apache) and ``_redirects`` (hosts that
read one), all under the site's sub-path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from jinja2 import Environment
from markupsafe import Markup

from site_builder.errors import ContentError
from site_builder.model.site import Site
from site_builder.render.environment import Renderer, href, rules_environment
from site_builder.render.headers import security_headers
from site_builder.urls import path_key


@dataclass(frozen=True)
class Move:
    """One redirect to write: from a site path to another (both start with ``/``)."""

    old: str
    new: str


def encoded(path: str) -> str:
    return quote(path, safe="/-._~")


def stub_html(old: str, new: str, site_url: str | None) -> str:
    """A forwarding page at ``old`` that works on any static host, under any sub-path."""
    target = href(old.lstrip("/"), new.lstrip("/"))
    canonical = (site_url.rstrip("/") + encoded(new)) if site_url else target
    return str(
        Markup(
            '<!doctype html>\n<html lang="th">\n<head>\n<meta charset="utf-8">\n'
            "<title>ย้ายไปที่ {new}</title>\n"
            '<meta name="robots" content="noindex">\n'
            '<meta http-equiv="refresh" content="0; url={target}">\n'
            '<link rel="canonical" href="{canonical}">\n</head>\n<body>\n'
            '<p>หน้านี้ย้ายไปที่ <a href="{target}">{new}</a> (this page has moved)</p>\n</body>\n</html>\n'
        ).format(new=new, target=target, canonical=canonical)
    )


def check_moves(site: Site, answered: set[str], reserved: set[str]) -> tuple[list[Move], list[ContentError]]:
    """The redirects of ``content/redirects.yml`` that can be written, and what is wrong with the rest.

    ``answered``: the site paths of the build's pages and documents; ``reserved``: the
    paths of the theme's and the build's own files. Paths are compared in every spelling a
    host may give them (letter case, ``index.html``, percent-encoding): an old path that is
    a live page in another spelling would send that page away on a case-blind host.
    """
    if site.redirects is None:
        return [], []
    positions = site.redirects_positions
    assert positions is not None
    live = {path_key(path) for path in answered}
    own = {path_key(path) for path in reserved}
    errors: list[ContentError] = []
    moves: list[Move] = []
    olds: set[str] = set()
    for index, redirect in enumerate(site.redirects.redirects):
        old = path_key(redirect.old)
        problem = _redirect_problem(
            redirect.old, redirect.new, old in own, old in live, redirect.new in answered
        )
        if problem is None and old in olds:
            problem = ("old", f"ย้าย {redirect.old} ซ้ำ (moved twice)", None)
        if problem is not None:
            errors.append(positions.error(("redirects", index, problem[0]), problem[1], problem[2]))
        else:
            olds.add(old)
            moves.append(Move(redirect.old, redirect.new))
    for index, gone in enumerate(site.redirects.gone):
        url = path_key(gone.url)
        if url in live or url in olds or url in own:
            errors.append(
                positions.error(
                    ("gone", index, "url"),
                    f"ที่อยู่ {gone.url} ยังมีข้อมูลหรือถูกย้ายอยู่ จึงประกาศว่านำออกไม่ได้ (the path still answers)",
                    "ลบรายการนี้ออกจาก gone:",
                )
            )
    return moves, errors


def _redirect_problem(
    old: str, new: str, own: bool, live: bool, target_answers: bool
) -> tuple[str, str, str | None] | None:
    """What is wrong with one redirect (the key, the message, the fix), or None."""
    if own:
        return (
            "old",
            f"ที่อยู่ {old} เป็นไฟล์ของตัวเว็บไซต์เอง จึงย้ายไม่ได้ (a file of the site itself)",
            "ลบรายการ redirect นี้; ย้ายได้เฉพาะที่อยู่ของหน้าและเอกสารที่เคยเผยแพร่",
        )
    if live:
        return (
            "old",
            f"ที่อยู่ {old} ยังมีข้อมูลอยู่ จึงย้ายไม่ได้ (the old path is still a page of the site)",
            "ลบรายการ redirect นี้ หรือย้าย/ลบโฟลเดอร์เดิมก่อน",
        )
    if not target_answers:
        return (
            "new",
            f"ที่อยู่ใหม่ {new} ไม่มีในเว็บไซต์ (the new path does not exist in this build)",
            "เขียนที่อยู่ของหน้าหรือเอกสารที่มีอยู่จริง เช่น /2568/o6/",
        )
    return None


def gone_page(site: Site, index: int, renderer: Renderer) -> str:
    assert site.redirects is not None
    return renderer.render("gone.md", agency=site.agency, gone=site.redirects.gone[index])


def _prefix(site_url: str | None) -> str:
    from urllib.parse import urlsplit

    path = urlsplit(site_url or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def _rules(env: Environment | None, template: str, **context: Any) -> str:
    return (env or rules_environment()).get_template(template).render(**context)


def nginx_rules(
    moves: list[Move], site_url: str | None, editor_policy: str | None = None, env: Environment | None = None
) -> str:
    """``editor_policy``: the browser editor's security policy, sent for ``admin/`` instead
    of the site's. The editor's policy is chosen by a variable at the server's level, so
    that the site's own location (its root or alias) serves ``admin/``."""
    prefix = _prefix(site_url)
    headers = security_headers()
    site_policy = headers.pop("Content-Security-Policy") if editor_policy is not None else None
    return _rules(
        env,
        "nginx-redirects.conf",
        prefix=prefix,
        base=re.escape(prefix),
        headers=list(headers.items()),
        site_policy=site_policy,
        editor_policy=editor_policy,
        moves=[(prefix + m.old.lstrip("/"), encoded(prefix + m.new.lstrip("/"))) for m in moves],
    )


_REGEX_SYNTAX = frozenset(".^$*+?()[]{}|\\")


def apache_pattern(path: str) -> str:
    """A RedirectMatch pattern for exactly ``path`` (decoded, as Apache matches it):
    regex syntax escaped, a space as ``\\x20`` (a raw one would end the argument)."""
    out = []
    for char in path:
        if char == " ":
            out.append("\\x20")
        elif char in _REGEX_SYNTAX:
            out.append("\\" + char)
        else:
            out.append(char)
    return "^" + "".join(out) + "$"


def apache_rules(moves: list[Move], site_url: str | None, env: Environment | None = None) -> str:
    prefix = _prefix(site_url)
    return _rules(
        env,
        "htaccess",
        prefix=prefix,
        base=re.escape(prefix),
        headers=list(security_headers().items()),
        # The target as it is (Apache percent-encodes it itself; encoded twice it breaks).
        moves=[(apache_pattern(prefix + m.old.lstrip("/")), prefix + m.new.lstrip("/")) for m in moves],
    )


def header_rules(site_url: str | None, env: Environment | None = None) -> str:
    """``_headers``: the security headers for hosts that read one (Netlify, Cloudflare Pages)."""
    return _rules(env, "_headers", prefix=_prefix(site_url), headers=list(security_headers().items()))


def netlify_rules(
    moves: list[Move],
    capital_codes: list[tuple[str, str]],
    site_url: str | None,
    env: Environment | None = None,
) -> str:
    prefix = _prefix(site_url)
    lines = [(encoded(prefix + m.old.lstrip("/")), encoded(prefix + m.new.lstrip("/"))) for m in moves]
    lines += [(prefix + old.lstrip("/"), prefix + new.lstrip("/")) for old, new in capital_codes]
    return _rules(env, "_redirects", moves=lines)
