"""The files a build writes beside its pages, in one place: the renderer keeps content/ from
taking their paths, publish sends them in their order (the pages first, then what lists or
forwards to pages, the server's rules last), and the tests compare them with goldens."""

from __future__ import annotations

STAMP = ".oit-build.json"
"""The build's stamp (:mod:`site_builder.build.stamp`); the site's own files never start
with ``.oit-``."""
NOT_FOUND = "404.html"
SITE_INDEX = "oit-site.json"
"""The site's index for machines (``oit-site overview``), at the site's root."""
ANSWER_SHEET_CSV = "oit.csv"
ANSWER_SHEET_JSON = "oit.json"
ANSWER_SHEETS = (ANSWER_SHEET_CSV, ANSWER_SHEET_JSON)
"""Each year's answer sheet, in the year's folder, naming its items' URLs."""
SEARCH_INDEX = "search/search_index.json"
SITEMAP = "sitemap.xml"
SITEMAP_GZ = "sitemap.xml.gz"
INDEXES = (SEARCH_INDEX, SITEMAP, SITEMAP_GZ)
"""What lists the pages: sent after them, in this order."""
APACHE_RULES = ".htaccess"
NGINX_RULES = "nginx-redirects.conf"
NETLIFY_REDIRECTS = "_redirects"
HEADERS = "_headers"
"""The security headers for hosts that read such a file (Netlify, Cloudflare Pages)."""
SERVER_RULES = (APACHE_RULES, NGINX_RULES, NETLIFY_REDIRECTS, HEADERS)
"""The web server's rules (redirects, headers): sent last, in this order."""
GENERATED = frozenset({NOT_FOUND, *INDEXES, *SERVER_RULES})
"""Paths at the site's root the build writes itself, which no file of content/ may take."""
