"""What a process's builds keep, and what one build holds: two objects, two lifetimes.

``mkdocs serve`` builds again on every save with the same plugin; a test may build several
sites in one process. A :class:`Session` is made when MkDocs starts (``on_startup``) and
holds what lives from one build to the next: what loading remembers (parsed YAML, the git
history, item folders), the page templates and charts, the Thai words of the search index,
``serve``'s records of MkDocs' pages (:class:`site_builder.build.rebuild.Rebuilds`) and
the last build that succeeded. A :class:`Build` is made in ``on_config`` and closed in
``on_post_build`` or ``on_build_error``: it holds one build's values (the loaded site and
its files' snapshot, the outputs and copied files, the staging folder, the PDF typesetter,
the inputs' fingerprint, the editor's settings), and closing it swaps the staged folder in
or throws it away. No module holds state of its own; a new session starts from the files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from site_builder.build.output import AtomicOutput
from site_builder.build.rebuild import Rebuilds
from site_builder.editor.config import EditorSettings
from site_builder.load.content import load_site
from site_builder.load.files import Snapshot, snapshot
from site_builder.load.memory import LoadMemory
from site_builder.local.server import BuildStatus
from site_builder.model.site import Site
from site_builder.render import pdf
from site_builder.render.environment import Renderer
from site_builder.render.pages import Output, Reuse, report_pdf_uri
from site_builder.render.search import ThaiWords, write_index


class Session:
    """One process's builds of one site (a ``build``, or every build of a ``serve``)."""

    def __init__(self, command: str, dirty: bool = False) -> None:
        self.command = command
        """MkDocs' command: ``build``, ``gh-deploy`` or ``serve``."""
        self.dirty = dirty
        """A ``--dirty`` build, which writes into ``site/`` as it is."""
        self.memory = LoadMemory()
        """What loading keeps: parsed YAML, the git history, item folders."""
        self.renderer = Renderer()
        """The page templates, their Markdown converter and the charts."""
        self.words: ThaiWords | None = None
        """The Thai words of the search index, kept in the site's ``.cache/``."""
        self.rebuilds = Rebuilds() if self.serving else None
        """What ``serve`` keeps of MkDocs' pages between builds."""
        self.status = BuildStatus() if self.serving else None
        """Under ``serve``: whether the last build failed, and its message."""
        self.last: Build | None = None
        """The last build that succeeded: what ``serve``'s next build may take from."""

    @property
    def serving(self) -> bool:
        """Builds follow each other on every save (``mkdocs serve``)."""
        return self.command == "serve"

    def thai_words(self, path: Path) -> ThaiWords:
        """The Thai words kept at ``path`` (the site's ``.cache/oit-site/thai-words.json``)."""
        if self.words is None or self.words.path != path:
            self.words = ThaiWords(path)
            self.words.load()
        return self.words

    def begin(self, *, pdf: bool, fingerprint: str | None, editor: EditorSettings | None) -> Build:
        """A new build (closed by :meth:`Build.close` or :meth:`Build.abort`).

        ``pdf``: the PDF reports are made (not under ``serve``), so the typesetter starts at
        once and loads WeasyPrint in a worker while the site is read. ``fingerprint``: of the
        inputs, written as the build's stamp."""
        build = Build(self, fingerprint=fingerprint, editor=editor)
        if pdf and not self.serving:
            build.start_typesetter()
        return build

    def succeeded(self, build: Build) -> None:
        self.last = build
        if self.rebuilds is not None:
            self.rebuilds.finished()
        if self.status is not None:
            self.status.built()

    def failed(self, error: BaseException) -> None:
        """A build failed (its own :meth:`Build.abort` aside): ``serve`` drops what it noted
        of it and shows its message on every page until a build succeeds."""
        if self.rebuilds is not None:
            self.rebuilds.failed()
        if self.status is not None:
            self.status.failed(error)

    def segment_index(self, index: Path) -> None:
        """Thai words apart in Material's search index (:mod:`site_builder.render.search`):
        under ``serve`` the pages taken from the last build keep their entries."""
        words = self.words
        assert words is not None
        data = json.loads(index.read_text(encoding="utf-8"))
        docs = data.get("docs", [])
        if self.rebuilds is not None:
            data["docs"] = self.rebuilds.search_docs(docs, words)
        else:
            data["docs"] = [words.segment_doc(doc) for doc in docs]
        write_index(index, data)
        words.save()

    def reuse(self, build: Build) -> Reuse | None:
        """What ``build`` may take of the last build's pages (``serve`` only): the pages of the
        items whose folders alone changed since then."""
        if self.rebuilds is None or self.last is None:
            return None
        last = self.last
        return self.rebuilds.reuse(last.snapshot, last.site, last.pages(), build.snapshot, build.site)


@dataclass(eq=False)
class Build:
    """One build's values, from ``on_config`` to ``on_post_build`` or ``on_build_error``.

    A context manager as well: ``with session.begin(...) as build:`` closes it when the
    block ends and aborts it when the block raises."""

    session: Session
    fingerprint: str | None = None
    """The fingerprint of the inputs (taken before loading), written as the build's stamp;
    None under ``serve``."""
    editor: EditorSettings | None = None
    """The browser editor's settings, when mkdocs.yml has them."""
    site: Site | None = None
    """The content as this build loaded it."""
    snapshot: Snapshot | None = None
    """The content's files as this build found them before loading (``serve`` only)."""
    outputs: list[Output] = field(default_factory=list)
    """Every file the build makes."""
    copied: dict[str, Path] = field(default_factory=dict)
    """Where each file the site copies from content/ is, by its path in the site."""
    staging: AtomicOutput | None = None
    """The folder the build writes to, swapped in for ``site/`` when it closes."""
    typesetter: pdf.Typesetter | pdf.InlineTypesetter | None = None
    """The PDF reports' typesetter."""

    def __enter__(self) -> Build:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if error is None:
            self.close()
        else:
            self.abort()
            self.session.failed(error)

    def load(self, content_dir: Path, repo_root: Path) -> Site:
        """Load the content (raises :class:`site_builder.errors.ContentErrors`)."""
        # Taken before loading: a file saved meanwhile counts as changed next time.
        self.snapshot = snapshot(content_dir) if self.session.serving else None
        self.site = load_site(content_dir, repo_root, self.session.memory)
        return self.site

    def made(self, outputs: list[Output]) -> None:
        self.outputs = outputs
        self.copied = {o.uri: o.path for o in outputs if o.path is not None}

    def pages(self) -> dict[str, str]:
        """The Markdown of the pages this build made, by path."""
        return {
            o.uri: o.content for o in self.outputs if o.uri.endswith(".md") and isinstance(o.content, str)
        }

    def stage(self, site_dir: Path) -> Path:
        """The folder the build writes to, swapped in for ``site_dir`` when it closes."""
        self.staging = AtomicOutput(site_dir)
        return self.staging.begin()

    def start_report(self, year: int, html: str, site_dir: Path, page_url: str | None, cache: Path) -> bool:
        """Hand the year's report, its page converted to ``html``, to the typesetter; True
        when the PDF was taken from ``cache`` instead (raises
        :class:`site_builder.render.environment.RenderError`)."""
        assert self.site is not None
        fy = self.site.year(year)
        assert fy is not None
        job = pdf.prepare_report(
            self.site,
            fy,
            html,
            site_dir / report_pdf_uri(year),
            site_dir,
            page_url,
            cache,
            self.copied,
            self.session.renderer,
        )
        if job is None:
            return True
        self.start_typesetter().submit(job)
        return False

    def start_typesetter(self) -> pdf.Typesetter | pdf.InlineTypesetter:
        if self.typesetter is None:
            self.typesetter = pdf.typesetter()
        return self.typesetter

    def finish_pdfs(self) -> list[tuple[int, float]]:
        """Wait for the reports (raises :class:`site_builder.render.typeset.PdfError`)."""
        typesetter, self.typesetter = self.typesetter, None
        return typesetter.finish() if typesetter is not None else []

    def close(self) -> Path | None:
        """The build succeeded: the staged folder goes in place of ``site/`` (the built folder,
        or None when nothing was staged), and the session's next build may take from it."""
        staging, self.staging = self.staging, None
        self.session.succeeded(self)
        if staging is None:
            return None
        staging.commit()
        return staging.final

    def abort(self) -> None:
        """The build failed: no PDF is waited for, and the staging folder goes. The session's
        last build stays the one that succeeded."""
        if self.typesetter is not None:
            self.typesetter.close()
            self.typesetter = None
        if self.staging is not None:
            self.staging.abort()
            self.staging = None
