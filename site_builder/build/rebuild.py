"""What ``mkdocs serve`` keeps from one build to the next, so that a save shows in seconds.

MkDocs 1.6 builds the whole site again on every change. The plugin instance lives on
between those builds, and with it a :class:`Rebuilds`:

* the content's files as they were (path, size, modification time): when nothing changed
  but files in item folders, the pages that cannot show them are taken from the last
  build as Markdown (:class:`site_builder.render.pages.Reuse` says which);
* each page as MkDocs and Material made it (:class:`PageRecord`): a page whose Markdown,
  navigation, configuration and links are all as they were is not converted, laid out or
  indexed again (:class:`ReusedPage`); its HTML, search entries and anchors are the last
  build's, and the warnings it gave are given again.

The content is still loaded and checked whole on every build, so every message ``check``
gives still shows. A full build and a served site are the same files (a test compares
them after edits of an item, a measure, ``year.yml`` and ``agency.yml``).
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from site_builder.load.files import Snapshot, snapshot
from site_builder.model.site import Site
from site_builder.product import PRODUCT_THEME
from site_builder.render.pages import Reuse
from site_builder.render.search import ThaiWords

# The template a reused page is "rendered" with: its HTML is the last build's.
REUSED_TEMPLATE = "oit-reused-page.html"


def item_folders(site: Site) -> dict[tuple[str, str], tuple[int, str]]:
    """(year folder name, item folder name) → (year, item folder name), for every item folder."""
    found = {}
    for fy in site.years:
        for entry in fy.items:
            if entry.folder is not None:
                found[(fy.folder.name, entry.folder.name)] = (fy.year, entry.folder.name)
    return found


def changed_items(
    before: Snapshot, after: Snapshot, sites: Iterable[Site]
) -> frozenset[tuple[int, str]] | None:
    """The item folders whose files changed, or None when anything else changed too."""
    folders: dict[tuple[str, str], tuple[int, str]] = {}
    for site in sites:
        folders.update(item_folders(site))
    changed = set()
    for path in before.keys() | after.keys():
        if before.get(path) == after.get(path):
            continue
        parts = path.split("/")
        item = folders.get((parts[0], parts[1])) if len(parts) >= 3 else None
        if item is None:
            return None
        changed.add(item)
    return frozenset(changed)


def site_key(config: MkDocsConfig) -> str:
    """What every page's HTML depends on besides its own Markdown: the navigation (titles,
    order), the settings the theme prints, and the files of the site's own theme folder and
    of the product's (edited in place when the package is installed from a source tree)."""
    digest = hashlib.sha256()
    for value in (
        config.nav,
        config.site_name,
        config.site_url,
        config.site_description,
        config.copyright,
        config.repo_url,
        config.edit_uri,
        config.extra,
        config.extra_css,
        config.extra_javascript,
        config.markdown_extensions,
        config.mdx_configs,
        sorted((str(k), repr(v)) for k, v in config.theme.items()),
    ):
        digest.update(repr(value).encode())
        digest.update(b"\x00")
    if config.config_file_path and os.path.isfile(config.config_file_path):
        digest.update(Path(config.config_file_path).read_bytes())
    for folder in (config.theme.custom_dir, PRODUCT_THEME):
        if folder:
            digest.update(repr(sorted(snapshot(Path(folder)).items())).encode())
    return digest.hexdigest()


class LinkedFile(File):
    """A document from content/, linked into ``serve``'s temporary site rather than copied.

    MkDocs empties that folder (unlinking each file) before every build and copies every
    file again; a link costs no copying. Nothing writes into a document there, and a
    document saved anew by its editor is linked again at the next build.
    """

    def copy_file(self, dirty: bool = False) -> None:
        if self.abs_src_path is None:
            return super().copy_file(dirty)
        target = self.abs_dest_path
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            if os.path.lexists(target):
                os.unlink(target)
            os.link(self.abs_src_path, target)
        except OSError:  # another file system, or one without links
            super().copy_file(dirty)


class _Templates(BytecodeCache):
    """The theme's compiled templates, kept in memory from one build to the next: MkDocs
    makes a new template environment for every build, which would compile them all again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class RecordingFiles(Files):
    """MkDocs' files, noting which paths a page's links looked up and what they found."""

    lookups: dict[str, str | None] | None = None

    def get_file_from_path(self, path: str) -> File | None:
        found = super().get_file_from_path(path)
        if self.lookups is not None:
            self.lookups[path] = found.src_uri if found is not None else None
        return found


class _Warnings(logging.Handler):
    """The warnings MkDocs gives while it converts one page."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class PageRecord:
    """One page as the last build made it."""

    source: str
    """The Markdown the plugin handed MkDocs (front matter included)."""
    key: str
    markdown: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    content: str = ""
    toc: TableOfContents | None = None
    title_from_render: str | None = None
    present_anchor_ids: set[str] = field(default_factory=set)
    links_to_anchors: dict[str, dict[str, str]] = field(default_factory=dict)
    lookups: dict[str, str | None] = field(default_factory=dict)
    warnings: list[logging.LogRecord] = field(default_factory=list)
    html: str | None = None
    docs: list[dict[str, Any]] | None = None


class ReusedPage(Page):
    """A page whose conversion, layout and index entries are the last build's."""

    record: PageRecord

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = self.record.markdown
        # Laid out by an empty template (the HTML is the record's), left out of the search
        # plugin's parsing (the record holds its entries).
        self.meta = {**self.record.meta, "template": REUSED_TEMPLATE, "search": {"exclude": True}}

    def render(self, config: MkDocsConfig, files: Files) -> None:
        record = self.record
        # No HTML to parse or lay out: the search plugin still runs its clean-up over it.
        self.content = ""
        self.toc = record.toc if record.toc is not None else TableOfContents([])
        self._title_from_render = record.title_from_render
        self.present_anchor_ids = set(record.present_anchor_ids)
        links: dict[File, dict[str, str]] = {}
        for uri, anchors in record.links_to_anchors.items():
            target = files.get_file_from_path(uri)
            if target is not None:
                links[target] = anchors
        self.links_to_anchors = links
        for warning in record.warnings:
            logging.getLogger(warning.name).handle(warning)


class Rebuilds:
    """The state ``mkdocs serve`` carries from one build to the next."""

    def __init__(self) -> None:
        self.records: dict[str, PageRecord] = {}
        self.fresh: dict[str, PageRecord] = {}
        self.order: list[tuple[str, str]] = []
        self.key = ""
        self.files: RecordingFiles | None = None
        self.warnings: _Warnings | None = None
        self.converting: PageRecord | None = None
        self.reused_count = 0
        self.templates = _Templates()

    # ---------------------------------------------------------------- our pages

    def reuse(
        self,
        before: Snapshot | None,
        last: Site | None,
        pages: dict[str, str],
        now: Snapshot | None,
        site: Site | None,
    ) -> Reuse | None:
        """What build_outputs may take from the last build that succeeded (its files'
        ``before`` snapshot, its ``last`` site, its ``pages``' Markdown), given the content's
        files as they are ``now`` (None: render every page)."""
        if before is None or last is None or now is None or site is None:
            return None
        items = changed_items(before, now, [last, site])
        if items is None:
            return None
        return Reuse(pages, items)

    # ---------------------------------------------------------------- MkDocs' pages

    def start(self, config: MkDocsConfig, files: Files) -> RecordingFiles:
        self.key = site_key(config)
        self.fresh = {}
        self.order = []
        self.reused_count = 0
        self.files = RecordingFiles(files)
        return self.files

    def reusable(self, page: Page) -> bool:
        """Make ``page`` a :class:`ReusedPage` when the last build's still holds."""
        record = self.records.get(page.file.src_uri)
        if record is None or record.key != self.key or self.files is None:
            return False
        if page.file.content_string != record.source:
            return False
        for path, found in record.lookups.items():
            target = self.files.get_file_from_path(path)
            if (target.src_uri if target is not None else None) != found:
                return False
        page.__class__ = ReusedPage
        page.record = record  # type: ignore[attr-defined]
        self.reused_count += 1
        return True

    def converting_page(self, page: Page) -> None:
        """Before MkDocs converts a page: note its lookups and warnings."""
        record = PageRecord(page.file.content_string, self.key)
        self.converting = record
        if self.files is not None:
            self.files.lookups = record.lookups
        self.warnings = _Warnings()
        logging.getLogger("mkdocs").addHandler(self.warnings)

    def converted_page(self, page: Page) -> None:
        """After MkDocs converted a page: keep what it made of it."""
        record = self.converting
        if record is None:
            return
        if self.files is not None:
            self.files.lookups = None
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            record.warnings = self.warnings.records
            self.warnings = None
        record.markdown = page.markdown or ""
        record.meta = dict(page.meta)
        record.content = page.content or ""
        record.toc = page.toc
        record.title_from_render = page._title_from_render
        record.present_anchor_ids = set(page.present_anchor_ids or ())
        record.links_to_anchors = {f.src_uri: dict(a) for f, a in (page.links_to_anchors or {}).items()}
        self.fresh[page.file.src_uri] = record
        self.converting = None

    def laid_out(self, html: str, page: Page) -> str:
        """The page's HTML: the record's for a reused page, else noted for the next build."""
        self.order.append((page.file.src_uri, page.url))
        if isinstance(page, ReusedPage):
            assert page.record.html is not None
            return page.record.html
        record = self.fresh.get(page.file.src_uri)
        if record is not None:
            record.html = html
        return html

    def search_docs(self, docs: list[dict[str, Any]], words: ThaiWords) -> list[dict[str, Any]]:
        """The search entries in page order: the reused pages' from their records, the
        others' as the search plugin made them, segmented (and noted for the next build)."""
        by_page: dict[str, list[dict[str, Any]]] = {}
        for doc in docs:
            by_page.setdefault(str(doc.get("location", "")).split("#", 1)[0], []).append(doc)
        out: list[dict[str, Any]] = []
        for src_uri, url in self.order:
            fresh = self.fresh.get(src_uri)
            if fresh is not None:
                fresh.docs = [words.segment_doc(d) for d in by_page.pop(url, [])]
                out.extend(fresh.docs)
            else:
                record = self.records.get(src_uri)
                if record is not None and record.docs:
                    out.extend(record.docs)
        for rest in by_page.values():  # entries of no page in the order (none are expected)
            out.extend(words.segment_doc(d) for d in rest)
        return out

    def finished(self) -> None:
        """The build succeeded: its pages are what the next one compares with."""
        kept = {
            uri: self.records[uri] for uri, _ in self.order if uri in self.records and uri not in self.fresh
        }
        self.records = {**kept, **{uri: r for uri, r in self.fresh.items() if r.html is not None}}
        self.fresh = {}
        self.files = None

    def failed(self) -> None:
        """The build failed: what it made is dropped. The last good build's records stay,
        as each is taken only where it still matches."""
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.warnings = None
        self.fresh, self.order, self.files, self.converting = {}, [], None, None
