"""The plugin's own settings (``oit:`` in mkdocs.yml), and the settings a site's pages rely
on, put into MkDocs' configuration: the product's theme in front of Material's, its
Markdown extensions, the search's Thai settings, what the theme shows of the site (name,
navigation, logo), and the paths of the theme's own files, which no file of content/ may
take. Used by the plugin at every build and by the commands that build
a site's pages without MkDocs (``check``, ``answers``)."""

from __future__ import annotations

import os
import re
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.utils import markdown_extensions
from packaging.version import InvalidVersion, Version

from site_builder import __version__
from site_builder.editor.config import EditorSettings, read_settings
from site_builder.model.site import Site
from site_builder.product import PRODUCT_THEME
from site_builder.render.headers import content_security_policy
from site_builder.render.pages import navigation
from site_builder.slugs import slugify


class OitConfig(Config):
    pdf = c.Type(bool, default=False)
    """Also make each fiscal year's report as a PDF (``/<year>/report/ita-<year>.pdf``)."""
    editor = c.Optional(c.Type(dict))
    """The browser editor at ``/admin/`` (Decap CMS) and the git host it saves to:
    ``backend`` (github, gitlab, gitea, local), ``repo``, ``branch``, ``base_url``,
    ``api_root``, ``app_id``, ``local_url`` (:class:`site_builder.editor.config.EditorSettings`)."""
    publish = c.Optional(c.Type(str))
    """Where ``oit-site publish`` sends the site: ``sftp://user@host/path``, ``ftps://…``,
    ``ftp://…`` or a folder. Never a password: that comes from ``OIT_PUBLISH_PASSWORD``."""
    requires = c.Optional(c.Type(str))
    """The oldest oit-site the site's content is written for (``"0.2"``): an older one
    stops the build and says to install the version ``requirements.txt`` pins."""


# The Markdown extensions the pages are written for, with MkDocs' own (toc, tables,
# fenced_code): a site's mkdocs.yml need not list them.
MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "tables", "admonition", "sane_lists", "toc")


def use_product_theme(config: MkDocsConfig) -> None:
    """Put the product's theme and the settings its pages rely on into ``config``.

    The theme goes in front of Material's templates and after the site's own
    ``custom_dir``, which still overrides any of its files. Web fonts are off whatever
    mkdocs.yml says (no request to another host), and Material's English or Thai labels
    become ours (``partials/languages/custom.html``, which also gives the search its
    Thai-aware separator).
    """
    if config.theme.name != "material":
        raise PluginError(
            f"mkdocs.yml: theme: name ต้องเป็น material (the oit plugin needs Material for MkDocs); "
            f"พบ {config.theme.name!r} เขียนว่า theme: {{name: material}}"
        )
    ours = os.path.abspath(PRODUCT_THEME)
    dirs = config.theme.dirs
    if ours not in (os.path.abspath(d) for d in dirs):
        dirs.insert(1 if config.theme.custom_dir else 0, ours)
    config.theme["font"] = False
    if config.theme["language"] in ("en", "th"):
        config.theme["language"] = "custom"
    for name in MARKDOWN_EXTENSIONS:
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
    toc = config.mdx_configs.setdefault("toc", {})
    toc.setdefault("permalink", True)
    toc.setdefault("slugify", slugify)
    toc.setdefault("permalink_title", "ลิงก์ถาวรของหัวข้อนี้")
    # Lines numbered in Thai digits (๑. ๒.) keep their numbers as typed.
    if "site_builder.render.typed_numbers" not in config.markdown_extensions:
        config.markdown_extensions.append("site_builder.render.typed_numbers")
    fill_search_settings(config)


def fill_search_settings(config: MkDocsConfig) -> None:
    """Give Material's search plugin the language, separator and pipeline of the theme's
    labels, read from one load of ``partials/language.html``: left empty, the plugin loads
    and compiles that template once for each of them, on every build and every rebuild of
    ``serve``. Values set in mkdocs.yml stay."""
    search = next(
        (p for p in config.plugins.values() if type(p).__module__.startswith("material.plugins.search")), None
    )
    if search is None or not search.config.enabled:
        return
    wanted = not search.config.lang or not search.config.separator or search.config.pipeline is None
    if not wanted:
        return
    labels = config.theme.get_env().get_template("partials/language.html", None, {"config": config}).module
    t = labels.t  # type: ignore[attr-defined]  # the template's macro t(key)
    if not search.config.lang:
        search.config.lang = [t("search.config.lang")]
    if not search.config.separator:
        search.config.separator = t("search.config.separator")
    if search.config.pipeline is None:
        search.config.pipeline = list(filter(len, re.split(r"\s*,\s*", t("search.config.pipeline"))))


def check_version(requires: str | None) -> None:
    """Stop a build by an oit-site older than the one the site's content is written for."""
    if requires is None:
        return
    try:
        needed = Version(requires)
    except InvalidVersion:
        raise PluginError(
            f"mkdocs.yml: oit: requires: {requires!r} ไม่ใช่เลขรุ่น (not a version); เขียนเช่น requires: '0.2'"
        ) from None
    if Version(__version__) < needed:
        raise PluginError(
            f"เว็บไซต์นี้เขียนสำหรับ oit-site {requires} ขึ้นไป แต่ที่ติดตั้งอยู่คือ {__version__} "
            f"(this site needs oit-site {requires} or later; {__version__} is installed): "
            "รัน pip install -r requirements.txt เพื่อติดตั้งรุ่นที่เว็บไซต์กำหนด"
        )


def checked_settings(
    config: MkDocsConfig, requires: str | None, editor: dict[str, Any] | None
) -> EditorSettings | None:
    """The settings the site's pages rely on, checked and completed: stable item URLs, the
    version the content needs, the product's theme; the browser editor's, when set."""
    if not config.use_directory_urls:
        raise PluginError(
            "mkdocs.yml: use_directory_urls ต้องเป็น true เพื่อให้ URL ของแต่ละข้อคงที่ เช่น /2568/o1/ "
            "(use_directory_urls must be true for stable item URLs)"
        )
    check_version(requires)
    use_product_theme(config)
    if editor is None:
        return None
    settings, problems = read_settings(editor)
    if problems:
        lines = "\n".join(f"  editor.{p}" for p in problems)
        raise PluginError(f"mkdocs.yml: oit: editor: ไม่ถูกต้อง (the editor's settings are wrong):\n{lines}")
    return settings


def repo_root_of(config: MkDocsConfig) -> Path:
    if config.config_file_path:
        return Path(config.config_file_path).resolve().parent
    return Path(config.docs_dir).parent


def present_site(config: MkDocsConfig, site: Site) -> None:
    """What the theme shows of the site: its name, navigation, policy, logo and favicon."""
    # MkDocs' theme templates print names and titles as they are: what comes from
    # content is handed over escaped (Markup, so a template's own `| e` keeps it as is).
    config.site_name = escape(site.agency.name)
    config.nav = _escaped_nav(navigation(site))
    config.extra["oit_content_security_policy"] = content_security_policy(header=False)
    logo = f"assets/{site.logo.name}" if site.logo is not None else None
    if logo:
        config.theme["logo"] = logo
    # The agency's mark in the browser tab (or a plain one of ours), and no "Made with
    # Material for MkDocs" under a government page.
    config.theme["favicon"] = logo or "assets/images/oit-favicon.svg"
    config.extra["generator"] = False
    # The sitemap is ours (write_sitemap, after the build): MkDocs need not draw its own.
    if "sitemap.xml" in config.theme.static_templates:
        config.theme.static_templates.remove("sitemap.xml")


def theme_files(config: MkDocsConfig, files: Files | None = None) -> frozenset[str]:
    """The paths of the theme's static files (Material's bundle, our stylesheet and script)
    and of its static pages.

    ``files``: MkDocs' files at ``on_files``. ``Files.add_files_from_theme`` has added the
    theme's files to them, except where a file found in content/ has the same path: those
    are the theme's too. Without ``files``, the theme's files are listed as MkDocs would.
    """
    if files is None:
        files = Files([])
        files.add_files_from_theme(config.theme.get_env(), config)
    theme_dirs = [os.path.abspath(d) for d in config.theme.dirs]
    skip = [
        ".*",
        "*/.*",
        "*.py",
        "*.pyc",
        "*.html",
        "*readme*",
        "mkdocs_theme.yml",
        "locales/*",
        *(f"*{ext}" for ext in markdown_extensions),
        *config.theme.static_templates,
    ]
    names = set()
    for file in files:
        if not file.abs_src_path:
            continue
        source = os.path.abspath(file.abs_src_path)
        if any(source.startswith(d + os.sep) for d in theme_dirs) or (
            any(os.path.isfile(os.path.join(d, file.src_uri)) for d in theme_dirs)
            and not any(fnmatch(file.src_uri.lower(), p) for p in skip)
        ):
            names.add(file.src_uri)
    return frozenset(names) | frozenset(config.theme.static_templates)


def _escaped_nav(nav: list[Any]) -> list[Any]:
    """MkDocs ``nav`` with every title escaped: the theme prints them as markup."""
    out: list[Any] = []
    for entry in nav:
        if isinstance(entry, dict):
            out.append(
                {
                    escape(title): _escaped_nav(value) if isinstance(value, list) else value
                    for title, value in entry.items()
                }
            )
        else:
            out.append(entry)
    return out
