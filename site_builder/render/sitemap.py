"""sitemap.xml with true dates: every page and document, ``lastmod`` from the content.

The site's own assets (the agency's logo under ``assets/``) are files a page shows, not
documents a search engine should list: they stay out, though their URLs keep answering.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol
from xml.sax.saxutils import escape

from site_builder.built import SITEMAP, SITEMAP_GZ
from site_builder.render.redirects import encoded
from site_builder.urls import path_of


class _Entry(Protocol):
    @property
    def uri(self) -> str: ...

    @property
    def listed(self) -> bool: ...

    @property
    def lastmod(self) -> object: ...


ASSETS = "assets/"
"""The theme's folder in the site, where the agency's logo is copied too."""


def sitemap_xml(outputs: Iterable[_Entry], site_url: str | None) -> str:
    base = (site_url or "").rstrip("/")
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for output in sorted(outputs, key=lambda o: path_of(o.uri)):
        if not output.listed or output.uri.endswith((".conf", "_redirects")) or output.uri.startswith(ASSETS):
            continue
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(base + encoded(path_of(output.uri)))}</loc>")
        if output.lastmod is not None:
            lines.append(f"    <lastmod>{output.lastmod}</lastmod>")
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(site_dir: Path, outputs: Iterable[_Entry], site_url: str | None) -> None:
    text = sitemap_xml(outputs, site_url).encode("utf-8")
    (site_dir / SITEMAP).write_bytes(text)
    with gzip.GzipFile(site_dir / SITEMAP_GZ, "wb", mtime=0) as handle:
        handle.write(text)
