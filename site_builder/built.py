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
ANSWER_SHEETS = ("oit.csv", "oit.json")
"""Each year's answer sheet, in the year's folder, naming its items' URLs."""
INDEXES = ("search/search_index.json", "sitemap.xml", "sitemap.xml.gz")
"""What lists the pages: sent after them, in this order."""
SERVER_RULES = (".htaccess", "nginx-redirects.conf", "_redirects", "_headers")
"""The web server's rules (redirects, headers): sent last, in this order."""
GENERATED = frozenset({NOT_FOUND, *INDEXES, *SERVER_RULES})
"""Paths at the site's root the build writes itself, which no file of content/ may take."""
