"""What lives from one build to the next in one process, with one owner.

``mkdocs serve`` builds again on every save with the same plugin; a test may build several
sites in one process. Everything a build keeps for the next one is here, in a
:class:`BuildSession` the plugin makes at startup: what loading remembers (parsed YAML, the
git history, item folders), the page templates and charts, the Thai words of the search
index, the PDF typesetter, the staging folder of the build under way, and the last
snapshot of the content. No module holds state of its own; a new session starts from the
files.
"""

from __future__ import annotations

from pathlib import Path

from site_builder.load.content import load_site
from site_builder.load.files import Snapshot, snapshot
from site_builder.load.memory import LoadMemory
from site_builder.model.site import Site
from site_builder.output import AtomicOutput
from site_builder.render import pdf
from site_builder.render.environment import Renderer
from site_builder.render.pages import Output
from site_builder.render.search import ThaiWords


class BuildSession:
    """One process's builds of one site (a ``build``, or every build of a ``serve``)."""

    def __init__(self, serving: bool = False) -> None:
        self.serving = serving
        """Builds follow each other on every save (``mkdocs serve``)."""
        self.memory = LoadMemory()
        """What loading keeps: parsed YAML, the git history, item folders."""
        self.renderer = Renderer()
        """The page templates, their Markdown converter and the charts."""
        self.words: ThaiWords | None = None
        """The Thai words of the search index, kept in the site's ``.cache/``."""
        self.typesetter: pdf.Typesetter | pdf.InlineTypesetter | None = None
        """The PDF reports' typesetter, started before the site is read."""
        self.output: AtomicOutput | None = None
        """The staging folder of the build under way."""
        self.loaded: Snapshot | None = None
        """The content's files as the last load found them (serving only)."""
        self.site: Site | None = None
        """The content as the last build loaded it."""
        self.outputs: list[Output] = []
        """Every file the last build made."""
        self.copied: dict[str, Path] = {}
        """Where each file the site copies from content/ is, by its path in the site."""

    def thai_words(self, path: Path) -> ThaiWords:
        """The Thai words kept at ``path`` (the site's ``.cache/oit-site/thai-words.json``)."""
        if self.words is None or self.words.path != path:
            self.words = ThaiWords(path)
            self.words.load()
        return self.words

    def load(self, content_dir: Path, repo_root: Path) -> Site:
        """Load the content (raises :class:`site_builder.errors.ContentErrors`)."""
        # Taken before loading: a file saved meanwhile counts as changed next time.
        self.loaded = snapshot(content_dir) if self.serving else None
        self.site = load_site(content_dir, repo_root, self.memory)
        return self.site

    def made(self, outputs: list[Output]) -> None:
        self.outputs = outputs
        self.copied = {o.uri: o.path for o in outputs if o.path is not None}

    def stage(self, site_dir: Path) -> Path:
        """The folder the build writes to, swapped in for ``site_dir`` by :meth:`commit`."""
        self.output = AtomicOutput(site_dir)
        return self.output.begin()

    def commit(self) -> Path | None:
        """Swap the staged build in; the built folder, or None when nothing was staged."""
        output, self.output = self.output, None
        if output is None:
            return None
        output.commit()
        return output.final

    def start_typesetter(self) -> pdf.Typesetter | pdf.InlineTypesetter:
        if self.typesetter is None:
            self.typesetter = pdf.typesetter()
        return self.typesetter

    def finish_pdfs(self) -> list[tuple[int, float]]:
        """Wait for the reports (raises :class:`site_builder.render.typeset.PdfError`)."""
        typesetter, self.typesetter = self.typesetter, None
        return typesetter.finish() if typesetter is not None else []

    def failed(self) -> None:
        """The build failed: no PDF is waited for, and the staging folder goes."""
        if self.typesetter is not None:
            self.typesetter.close()
            self.typesetter = None
        if self.output is not None:
            self.output.abort()
            self.output = None
