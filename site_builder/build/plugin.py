"""The MkDocs plugin: MkDocs' events, in the order MkDocs fires them, handed to the session
and the build of :mod:`site_builder.build.session` and to the core.

``docs_dir`` is the editors' ``content/`` folder, so ``mkdocs serve`` watches it and
rebuilds on every change. The plugin replaces what MkDocs found there with the pages
and files of :func:`site_builder.render.pages.build_outputs`, all in memory. Under
``serve``, what stayed the same since the last build is taken from it
(:mod:`site_builder.build.rebuild`).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, DictLoader, Environment
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from site_builder.build.files import add_editor_files, add_outputs, check_register, without_content
from site_builder.build.rebuild import REUSED_TEMPLATE, ReusedPage
from site_builder.build.session import Build, Session
from site_builder.build.stamp import build_inputs, write_stamp
from site_builder.build.theme import OitConfig, checked_settings, present_site, repo_root_of, theme_files
from site_builder.built import SEARCH_INDEX
from site_builder.editor import editor_files
from site_builder.editor.config import read_settings
from site_builder.errors import ContentErrors
from site_builder.local.server import BuildStatus
from site_builder.local.serving import serve_editor
from site_builder.render.environment import RenderError
from site_builder.render.headers import editor_security_policy
from site_builder.render.pages import build_outputs, report_pdf_uri
from site_builder.render.sanitize import clean_html, mark_url_links
from site_builder.render.sitemap import write_sitemap
from site_builder.render.typeset import PdfError

log = logging.getLogger("mkdocs.plugins.oit")


REPORT_PAGE = re.compile(r"^(\d{4})/report/index\.md$")


class OitPlugin(BasePlugin[OitConfig]):
    """Build an agency's OIT disclosure site from ``content/``."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.session: Session | None = None
        """What lives from one build to the next, from ``on_startup`` to ``on_shutdown``."""
        self.build: Build | None = None
        """The build under way, from ``on_config`` to ``on_post_build`` or ``on_build_error``."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.session = Session(command, dirty)

    # First, so that every plugin after us writes into the staging folder.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.session is None:
            raise PluginError(
                "the oit plugin was not started: MkDocs' commands fire on_startup before a build; "
                "a program that builds with mkdocs.commands.build.build calls "
                "config.plugins.on_startup(command='build', dirty=False) first"
            )
        session = self.session
        editor = checked_settings(config, self.config.requires, self.config.editor)
        repo_root = repo_root_of(config)
        # Taken before loading: a file saved during the build makes the build stale.
        fingerprint = build_inputs(config) if not session.serving and config.config_file_path else None
        build = self.build = session.begin(pdf=self.config.pdf, fingerprint=fingerprint, editor=editor)
        session.thai_words(repo_root / ".cache" / "oit-site" / "thai-words.json")
        try:
            site = build.load(Path(config.docs_dir), repo_root)
        except ContentErrors as errors:
            raise PluginError(str(errors)) from None
        for warning in site.warnings:
            log.warning(str(warning))
        present_site(config, site)
        # `serve` builds into a temporary folder of its own, and a dirty build reuses
        # site/ on purpose; every other build is staged and swapped in at the end.
        if not session.serving and not session.dirty:
            config.site_dir = str(build.stage(Path(config.site_dir)))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        session, build = self.active()
        assert build.site is not None
        theme = theme_files(config, files)
        without_content(files, config)
        editor = build.editor
        policy = editor and editor_security_policy(editor.git_origins(), editor.local_origin())
        try:
            outputs = build_outputs(
                build.site,
                config.site_url,
                pdf=self.config.pdf,
                reserved=theme,
                reuse=session.reuse(build),
                editor_policy=policy or None,
                renderer=session.renderer,
            )
        except RenderError as exc:
            raise PluginError(f"สร้างหน้าไม่สำเร็จ (a page template failed): {exc}") from None
        except ContentErrors as errors:
            raise PluginError(str(errors)) from None
        check_register(config, outputs)
        build.made(outputs)
        rebuilds = session.rebuilds
        add_outputs(files, outputs, config, linked=rebuilds is not None)
        if editor is not None:
            add_editor_files(files, editor_files(build.site, editor, config.site_url), config)
        return rebuilds.start(config, files) if rebuilds is not None else files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        rebuilds = self.active()[0].rebuilds
        if rebuilds is not None:
            env.loader = ChoiceLoader([DictLoader({REUSED_TEMPLATE: ""}), env.loader])  # type: ignore[list-item]
            env.bytecode_cache = rebuilds.templates
        return env

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        rebuilds = self.active()[0].rebuilds
        if rebuilds is not None:
            rebuilds.reusable(page)
        return page

    # Last: MkDocs converts the page right after this event.
    @event_priority(-100)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if isinstance(page, ReusedPage):
            return markdown
        rebuilds = self.active()[0].rebuilds
        if rebuilds is not None:
            rebuilds.converting_page(page)
        # Our pages' front matter carries content text (item titles, the agency's name),
        # which Material prints in <title>, <meta> and the header without escaping.
        for key in ("title", "description"):
            value = page.meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                page.meta[key] = escape(value)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        rebuilds = self.active()[0].rebuilds
        if not isinstance(page, ReusedPage):
            # Editors' Markdown may carry pasted HTML: keep tables, drop script and remote loads.
            html = mark_url_links(clean_html(html))
            if rebuilds is not None:
                page.content = html
                rebuilds.converted_page(page)
        report = REPORT_PAGE.match(page.file.src_uri)
        if report and self.config.pdf:
            # Handed to the typesetting workers now: MkDocs converts the other pages meanwhile.
            year = int(report.group(1))
            page_url = f"{config.site_url.rstrip('/')}/{year}/report/" if config.site_url else None
            try:
                cached = self.active()[1].start_report(
                    year,
                    page.record.content if isinstance(page, ReusedPage) else html,
                    Path(config.site_dir),
                    page_url,
                    repo_root_of(config) / ".cache" / "oit-site" / "pdf",
                )
            except RenderError as exc:
                raise PluginError(
                    f"สร้างรายงาน PDF ไม่สำเร็จ (the PDF report's template failed): {exc}"
                ) from None
            if cached:
                log.info("PDF %s: จากแคช (cached)", report_pdf_uri(year))
        return html

    # Last, so that the HTML noted for the next build is final.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        rebuilds = self.active()[0].rebuilds
        return rebuilds.laid_out(output, page) if rebuilds is not None else output

    # Last, after every plugin has written its files (the search index among them).
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if config.strict and _warnings_logged():
            # MkDocs aborts a strict build with warnings right after this event, and
            # on_build_error then discards the staging folder: site/ stays as it was.
            return
        session, build = self.active()
        try:
            made = build.finish_pdfs()
        except PdfError as exc:
            raise PluginError(str(exc)) from None
        for year, seconds in made:
            log.info("PDF %s: สร้างใหม่ (made) (%.1f s)", report_pdf_uri(year), seconds)
        # MkDocs' sitemap dates every page with the build date; ours says when it changed.
        write_sitemap(Path(config.site_dir), build.outputs, config.site_url)
        index = Path(config.site_dir) / SEARCH_INDEX
        if index.is_file():  # written by Material's search plugin, which runs before us
            session.segment_index(index)
        if build.fingerprint is not None:
            write_stamp(Path(config.site_dir), build.fingerprint, bool(config.strict))
        self.build = None
        final = build.close()
        if final is not None:
            config.site_dir = str(final)

    def on_build_error(self, *, error: Exception) -> None:
        build, self.build = self.build, None
        if build is not None:
            build.abort()
        if self.session is not None:
            self.session.failed(error)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # The editor at /admin/ with its local backend, the build's message on each page while
        # a build fails, live reload under the pages' policy (site_builder.local.serving).
        session = self.session
        assert session is not None
        # Read again rather than taken from a build: the first build may have failed.
        editor = read_settings(self.config.editor)[0] if self.config.editor is not None else None
        serve_editor(server, config, editor, session.status or BuildStatus())
        return server

    def on_shutdown(self) -> None:
        self.session, self.build = None, None

    def active(self) -> tuple[Session, Build]:
        """The session and the build under way (made in ``on_config``)."""
        assert self.session is not None and self.build is not None
        return self.session, self.build


def _warnings_logged() -> bool:
    """Whether MkDocs' strict-mode counter has seen a warning in this build."""
    return any(
        isinstance(handler, CountHandler) and handler.get_counts()
        for handler in logging.getLogger("mkdocs").handlers
    )
