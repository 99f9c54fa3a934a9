"""The MkDocs plugin: wires MkDocs' events to the loader and the renderer.

``docs_dir`` is the editors' ``content/`` folder, so ``mkdocs serve`` watches it and
rebuilds on every change. The plugin replaces what MkDocs found there with the pages
and files of :func:`site_builder.render.pages.build_outputs`, all in memory. Under
``serve``, what stayed the same since the last build is taken from it
(:mod:`site_builder.rebuild`).
"""

from __future__ import annotations

import json
import logging
import os
import re
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, DictLoader, Environment
from markupsafe import Markup, escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler, markdown_extensions
from packaging.version import InvalidVersion, Version

from site_builder import __version__
from site_builder.editor import EditorFile, editor_files
from site_builder.editor.config import EditorSettings, read_settings
from site_builder.errors import ContentErrors
from site_builder.local.server import BuildStatus
from site_builder.local.serving import serve_editor
from site_builder.model.site import Site
from site_builder.product import PRODUCT_THEME
from site_builder.publish.stamp import inputs_fingerprint, write_stamp
from site_builder.rebuild import REUSED_TEMPLATE, LinkedFile, Rebuilds, ReusedPage
from site_builder.render.environment import RenderError
from site_builder.render.headers import content_security_policy, editor_security_policy
from site_builder.render.pages import Output, build_outputs, navigation, report_pdf_uri
from site_builder.render.pdf import prepare_report
from site_builder.render.sanitize import clean_html, mark_url_links
from site_builder.render.search import write_index
from site_builder.render.sitemap import write_sitemap
from site_builder.render.typeset import PdfError
from site_builder.session import BuildSession
from site_builder.slugs import slugify
from site_builder.urls import REGISTER, lost_urls, path_of, read_register

log = logging.getLogger("mkdocs.plugins.oit")


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


REPORT_PAGE = re.compile(r"^(\d{4})/report/index\.md$")


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


def build_inputs(config: MkDocsConfig) -> str:
    """The fingerprint of what a build of ``config`` reads (:mod:`site_builder.publish.stamp`)."""
    custom = config.theme.custom_dir
    return inputs_fingerprint(
        Path(config.config_file_path).resolve(),
        Path(config.docs_dir),
        [*([Path(custom)] if custom else []), PRODUCT_THEME],
    )


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


class OitPlugin(BasePlugin[OitConfig]):
    """Build an agency's OIT disclosure site from ``content/``: MkDocs' events, in the order
    MkDocs fires them, handed to the session (:mod:`site_builder.session`) and the core."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command: str | None = None
        self.dirty = False
        self.session: BuildSession | None = None
        """What lives from one build to the next (site_builder.session)."""
        self.rebuilds: Rebuilds | None = None
        """What ``serve`` keeps of MkDocs' pages between builds."""
        self.inputs: str | None = None
        """The fingerprint of what this build reads, for its stamp (not in ``serve``)."""
        self.editor: EditorSettings | None = None
        self.build_status: BuildStatus | None = None
        """Under ``serve``: whether the last build failed, and its message."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        self.session = BuildSession(serving=command == "serve")
        self.rebuilds = Rebuilds() if command == "serve" else None
        self.build_status = BuildStatus() if command == "serve" else None

    # First, so that every plugin after us writes into the staging folder.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.editor = checked_settings(config, self.config)
        repo_root = repo_root_of(config)
        # Taken before loading: a file saved during the build makes the build stale.
        self.inputs = build_inputs(config) if self.command != "serve" and config.config_file_path else None
        session = self.session = self.session or BuildSession()  # a build without the startup event
        session.thai_words(repo_root / ".cache" / "oit-site" / "thai-words.json")
        if self.config.pdf and self.command != "serve":
            session.start_typesetter()  # WeasyPrint loads in a worker while the site is read
        try:
            site = session.load(Path(config.docs_dir), repo_root)
        except ContentErrors as errors:
            raise PluginError(str(errors)) from None
        for warning in site.warnings:
            log.warning(str(warning))
        present_site(config, site)
        # `serve` builds into a temporary folder of its own, and a dirty build reuses
        # site/ on purpose; every other build is staged and swapped in at the end.
        if self.command != "serve" and not self.dirty:
            config.site_dir = str(session.stage(Path(config.site_dir)))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        session = self.active()
        assert session.site is not None
        theme = theme_files(config, files)
        without_content(files, config)
        reuse = self.rebuilds.reuse(session.loaded, session.site) if self.rebuilds is not None else None
        policy = self.editor and editor_security_policy(self.editor.git_origins(), self.editor.local_origin())
        try:
            outputs = build_outputs(
                session.site,
                config.site_url,
                pdf=self.config.pdf,
                reserved=theme,
                reuse=reuse,
                editor_policy=policy or None,
                renderer=session.renderer,
            )
        except RenderError as exc:
            raise PluginError(f"สร้างหน้าไม่สำเร็จ (a page template failed): {exc}") from None
        except ContentErrors as errors:
            raise PluginError(str(errors)) from None
        check_register(config, outputs)
        session.made(outputs)
        if self.rebuilds is not None and session.loaded is not None:
            self.rebuilds.outputs_made(outputs, session.site, session.loaded)
        add_outputs(files, outputs, config, linked=self.rebuilds is not None)
        if self.editor is not None:
            add_editor_files(files, editor_files(session.site, self.editor, config.site_url), config)
        return self.rebuilds.start(config, files) if self.rebuilds is not None else files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.rebuilds is not None:
            env.loader = ChoiceLoader([DictLoader({REUSED_TEMPLATE: ""}), env.loader])  # type: ignore[list-item]
            env.bytecode_cache = self.rebuilds.templates
        return env

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.rebuilds is not None:
            self.rebuilds.reusable(page)
        return page

    # Last: MkDocs converts the page right after this event.
    @event_priority(-100)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if isinstance(page, ReusedPage):
            return markdown
        if self.rebuilds is not None:
            self.rebuilds.converting_page(page)
        # Our pages' front matter carries content text (item titles, the agency's name),
        # which Material prints in <title>, <meta> and the header without escaping.
        for key in ("title", "description"):
            value = page.meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                page.meta[key] = escape(value)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not isinstance(page, ReusedPage):
            # Editors' Markdown may carry pasted HTML: keep tables, drop script and remote loads.
            html = mark_url_links(clean_html(html))
            if self.rebuilds is not None:
                page.content = html
                self.rebuilds.converted_page(page)
        report = REPORT_PAGE.match(page.file.src_uri)
        if report and self.config.pdf:
            self.start_pdf(
                config, int(report.group(1)), page.record.content if isinstance(page, ReusedPage) else html
            )
        return html

    # Last, so that the HTML noted for the next build is final.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.rebuilds is not None:
            return self.rebuilds.laid_out(output, page)
        return output

    # Last, after every plugin has written its files (the search index among them).
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if config.strict and _warnings_logged():
            # MkDocs aborts a strict build with warnings right after this event, and
            # on_build_error then discards the staging folder: site/ stays as it was.
            return
        self.finish_pdfs()
        # MkDocs' sitemap dates every page with the build date; ours says when it changed.
        write_sitemap(Path(config.site_dir), self.active().outputs, config.site_url)
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file():  # written by Material's search plugin, which runs before us
            self.segment_index(index)
        if self.rebuilds is not None:
            self.rebuilds.finished()
        if self.inputs is not None:
            write_stamp(Path(config.site_dir), self.inputs, bool(config.strict))
        final = self.active().commit()
        if final is not None:
            config.site_dir = str(final)
        if self.build_status is not None:
            self.build_status.built()

    def on_build_error(self, *, error: Exception) -> None:
        if self.session is not None:
            self.session.failed()
        if self.rebuilds is not None:
            self.rebuilds.failed()
        if self.build_status is not None:
            self.build_status.failed(error)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # The editor at /admin/ with its local backend, the build's message on each page while
        # a build fails, live reload under the pages' policy (site_builder.local.serving).
        serve_editor(server, config, self.editor, self.build_status or BuildStatus())
        return server

    def on_shutdown(self) -> None:
        self.command, self.rebuilds, self.session, self.build_status = None, None, None, None

    def active(self) -> BuildSession:
        """The session of the build under way (made in ``on_config`` at the latest)."""
        assert self.session is not None
        return self.session

    def start_pdf(self, config: MkDocsConfig, year: int, html: str) -> None:
        """Hand a year's report to the typesetting workers as soon as its page is converted:
        MkDocs converts and writes the other pages meanwhile."""
        session = self.active()
        assert session.site is not None
        fy = session.site.year(year)
        assert fy is not None
        root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
        site_dir = Path(config.site_dir)
        page_url = f"{config.site_url.rstrip('/')}/{year}/report/" if config.site_url else None
        try:
            job = prepare_report(
                session.site,
                fy,
                html,
                site_dir / report_pdf_uri(year),
                site_dir,
                page_url,
                root / ".cache" / "oit-site" / "pdf",
                session.copied,
                session.renderer,
            )
        except RenderError as exc:
            raise PluginError(f"สร้างรายงาน PDF ไม่สำเร็จ (the PDF report's template failed): {exc}") from None
        if job is None:
            log.info("PDF %s: จากแคช (cached)", report_pdf_uri(year))
            return
        session.start_typesetter().submit(job)

    def finish_pdfs(self) -> None:
        try:
            made = self.active().finish_pdfs()
        except PdfError as exc:
            raise PluginError(str(exc)) from None
        for year, seconds in made:
            log.info("PDF %s: สร้างใหม่ (made) (%.1f s)", report_pdf_uri(year), seconds)

    def segment_index(self, index: Path) -> None:
        """Thai words apart in Material's index (site_builder.render.search)."""
        words = self.active().words
        assert words is not None
        data = json.loads(index.read_text(encoding="utf-8"))
        docs = data.get("docs", [])
        if self.rebuilds is not None:
            data["docs"] = self.rebuilds.search_docs(docs, words)
        else:
            data["docs"] = [words.segment_doc(doc) for doc in docs]
        write_index(index, data)
        words.save()


def checked_settings(config: MkDocsConfig, oit: OitConfig) -> EditorSettings | None:
    """The settings the site's pages rely on, checked and completed: stable item URLs, the
    version the content needs, the product's theme; the browser editor's, when set."""
    if not config.use_directory_urls:
        raise PluginError(
            "mkdocs.yml: use_directory_urls ต้องเป็น true เพื่อให้ URL ของแต่ละข้อคงที่ เช่น /2568/o1/ "
            "(use_directory_urls must be true for stable item URLs)"
        )
    check_version(oit.requires)
    use_product_theme(config)
    if oit.editor is None:
        return None
    editor, problems = read_settings(oit.editor)
    if problems:
        lines = "\n".join(f"  editor.{p}" for p in problems)
        raise PluginError(f"mkdocs.yml: oit: editor: ไม่ถูกต้อง (the editor's settings are wrong):\n{lines}")
    return editor


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


def check_register(config: MkDocsConfig, outputs: list[Output]) -> None:
    """Every URL ever published must still answer: a page, a document, a redirect or a "gone" page."""
    register = Path(config.config_file_path).resolve().parent / REGISTER if config.config_file_path else None
    if register is None or not register.is_file():
        return
    lost = lost_urls(read_register(register), {path_of(o.uri) for o in outputs})
    if lost:
        lines = "\n".join(f"  {url}" for url in lost)
        raise PluginError(
            f"ที่อยู่ที่เคยเผยแพร่ {len(lost)} รายการจะใช้ไม่ได้ (published URLs would stop answering), "
            f"ตามรายการใน {REGISTER}:\n{lines}\n"
            "    วิธีแก้ (fix): ถ้าย้ายไปที่อื่น ให้เพิ่มใน content/redirects.yml ใต้ redirects: (old/new); "
            "ถ้านำออกโดยตั้งใจ ให้เพิ่มใต้ gone: (url/title/date/reason); ถ้าลบโดยไม่ตั้งใจ ให้นำไฟล์กลับมา"
        )


def without_content(files: Files, config: MkDocsConfig) -> None:
    """Everything MkDocs found in content/ leaves ``files``: the outputs replace it. Paths are
    compared as MkDocs found them, not resolved: a link to a file outside must not slip
    through, and a docs_dir reached through a link (/tmp on macOS) still matches."""
    found_in = Path(os.path.abspath(config.docs_dir))
    for file in list(files):
        if file.abs_src_path and Path(os.path.abspath(file.abs_src_path)).is_relative_to(found_in):
            files.remove(file)


def add_outputs(files: Files, outputs: list[Output], config: MkDocsConfig, linked: bool) -> None:
    """The outputs as MkDocs' files, in memory; ``linked``: copied files are linked (serve)."""
    docs_dir = Path(config.docs_dir).resolve()
    for output in outputs:
        if output.later:
            continue
        if output.uri.endswith(".md"):
            inclusion = InclusionLevel.UNDEFINED if output.in_nav else InclusionLevel.NOT_IN_NAV
        else:
            inclusion = InclusionLevel.INCLUDED  # MkDocs would leave out dotfiles such as .htaccess
        if output.path is not None:
            kind = LinkedFile if linked else File
            file = kind.generated(config, output.uri, abs_src_path=str(output.path), inclusion=inclusion)
        else:
            assert output.content is not None
            file = File.generated(config, output.uri, content=output.content, inclusion=inclusion)
        if output.source is not None and output.source.is_file():
            file.edit_uri = output.source.resolve().relative_to(docs_dir).as_posix()
        files.append(file)


def add_editor_files(files: Files, made: list[EditorFile], config: MkDocsConfig) -> None:
    for output in made:
        if output.path is not None:
            file = File.generated(config, output.uri, abs_src_path=str(output.path))
        else:
            assert output.content is not None
            file = File.generated(config, output.uri, content=output.content)
        file.inclusion = InclusionLevel.INCLUDED  # admin/.htaccess is a dotfile
        files.append(file)


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


def _warnings_logged() -> bool:
    """Whether MkDocs' strict-mode counter has seen a warning in this build."""
    return any(
        isinstance(handler, CountHandler) and handler.get_counts()
        for handler in logging.getLogger("mkdocs").handlers
    )
