"""The fiscal-year report as a PDF, made by WeasyPrint from the report page's own HTML.

What the PDF shows is what ``/<year>/report/`` shows: the same HTML (after the cleaner),
in a page of its own with ``report.css``: A4, the agency's name and the fiscal year on
every page, page numbers, table headers repeated on each page, and Sarabun, which the
project installs (``fontpkg-sarabun``), embedded: no system font is needed. Links point
to the published site; nothing is fetched from another host. The PDF is tagged, as
PDF/UA-1 (:data:`~site_builder.render.typeset.PDF_VARIANT`): a screen reader follows its
headings and tables, in Thai. A PDF is kept in
``.cache/oit-site/pdf/`` under the hash of everything it is made from, so an unchanged
year is not typeset again.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import queue
import re
import shutil
import time
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import Markup

from site_builder.model.site import FiscalYear, Site
from site_builder.render import pdf_text
from site_builder.render import typeset as typeset_module
from site_builder.render.environment import Renderer
from site_builder.render.layout import keep_words_whole
from site_builder.render.typeset import PdfError, ReportJob, sarabun_folder, typeset, typeset_jobs
from site_builder.thai import THAI_FONTS

# The faces the report uses, as the package names its files.
_SARABUN_FACES = (
    ("normal", "normal", "Regular"),
    ("bold", "normal", "Bold"),
    ("normal", "italic", "Italic"),
    ("bold", "italic", "BoldItalic"),
)


def sarabun_css() -> str:
    """@font-face rules for Sarabun from the package's files: no system font is needed."""
    folder = sarabun_folder()
    return "\n".join(
        f'@font-face {{ font-family: "Sarabun"; font-weight: {weight}; font-style: {style}; '
        f'src: url("{(folder / f"Sarabun-{name}.ttf").as_uri()}"); }}'
        for weight, style, name in _SARABUN_FACES
    )


def _weasyprint_version() -> str:
    """WeasyPrint's version, without loading it (the cache is checked before any typesetting)."""
    return version("weasyprint")


def _absolute_links(html: str, page_url: str | None) -> str:
    """Links in the PDF lead to the published site (a PDF has no site around it)."""
    if not page_url:
        return html

    def fix(match: re.Match[str]) -> str:
        value = match.group(2)
        if value.startswith("#") or re.match(r"[a-z][a-z0-9+.\-]*:", value, re.I):
            return match.group(0)
        return f'{match.group(1)}"{urljoin(page_url, value)}"'

    return re.sub(r'(<a\b[^>]*?\bhref=)"([^"]*)"', fix, html)


def report_html(
    site: Site, fy: FiscalYear, body: str, page_url: str | None, renderer: Renderer | None = None
) -> str:
    """The report page as a document for print: Sarabun from the package, the system's Thai
    fonts after it for any letter it lacks."""
    renderer = renderer or Renderer()
    families = renderer.font_families()
    fonts = ["Sarabun", *(f for f in THAI_FONTS if f in families and f != "Sarabun")]
    return renderer.render(
        "report-pdf.html",
        agency=site.agency,
        fy=fy,
        body=keep_words_whole(_absolute_links(body, page_url)),
        fonts=fonts,
        font_faces=Markup(sarabun_css()),
        page_url=page_url,
    )


def prepare_report(
    site: Site,
    fy: FiscalYear,
    body: str,
    target: Path,
    site_dir: Path,
    page_url: str | None,
    cache_dir: Path | None,
    files: dict[str, Path] | None = None,
    renderer: Renderer | None = None,
) -> ReportJob | None:
    """The report to typeset, or None when the cache holds its PDF (then copied to ``target``).

    ``files``: where the site's copied files come from (path in the site → file in
    content/), for the images the report shows, which the hash covers too.
    """
    html = report_html(site, fy, body, page_url, renderer)
    base = target.parent / "index.html"
    digest = hashlib.sha256(html.encode())
    digest.update(_weasyprint_version().encode())
    for module in (__file__, typeset_module.__file__, pdf_text.__file__):  # how the PDF is made
        digest.update(Path(module).read_bytes())
    sources: dict[str, Path] = {}
    root = site_dir.resolve()
    for src in sorted(set(re.findall(r'<img\b[^>]*?\bsrc="([^"]+)"', html))):
        local = (base.parent / src).resolve()
        rel = local.relative_to(root).as_posix() if local.is_relative_to(root) else None
        source = (files or {}).get(rel) if rel else None
        if source is not None and rel is not None:
            sources[rel] = source
            local = source
        if local.is_file():
            digest.update(local.read_bytes())
    cached = cache_dir / f"{digest.hexdigest()}.pdf" if cache_dir else None
    target.parent.mkdir(parents=True, exist_ok=True)
    if cached is not None and cached.is_file():
        shutil.copyfile(cached, target)
        return None
    return ReportJob(fy.year, html, target, base.as_uri(), site_dir, cached, sources)


class InlineTypesetter:
    """The reports typeset in this process, after the pages: where there is one core only,
    a worker would gain nothing."""

    def __init__(self) -> None:
        self.jobs: list[ReportJob] = []

    def submit(self, job: ReportJob) -> None:
        self.jobs.append(job)

    def finish(self) -> list[tuple[int, float]]:
        done = []
        for job in self.jobs:
            start = time.perf_counter()
            typeset(job)
            done.append((job.year, time.perf_counter() - start))
        return done

    def close(self) -> None:
        self.jobs = []


def typesetter() -> Typesetter | InlineTypesetter:
    return Typesetter() if (os.cpu_count() or 1) > 1 else InlineTypesetter()


class Typesetter:
    """A worker process that typesets the reports while MkDocs writes the pages.

    WeasyPrint takes about a second to load and seconds to lay out a report, all of it
    Python: in a process of its own it runs beside the build on a second core. The worker
    starts with the build and loads WeasyPrint while the content is read; a report goes to
    it as soon as its page is converted (early: the home page, the year page, then its
    report) while MkDocs converts and writes the other pages. When every report came from
    the cache, the worker is stopped unused.
    """

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.jobs = context.Queue()
        self.results = context.Queue()
        self.process = context.Process(target=typeset_jobs, args=(self.jobs, self.results), daemon=True)
        self.process.start()
        self.sent = 0
        self.answered = 0

    def submit(self, job: ReportJob) -> None:
        self.jobs.put(job)
        self.sent += 1

    def finish(self) -> list[tuple[int, float]]:
        """Wait for every report; return each year with the seconds it took. Raises PdfError."""
        done: list[tuple[int, float]] = []
        try:
            while len(done) < self.sent:
                try:
                    year, seconds, problem = self.results.get(timeout=0.5)
                except queue.Empty:
                    if not self.process.is_alive():
                        raise PdfError(
                            "สร้าง PDF ไม่สำเร็จ: โปรแกรมสร้าง PDF หยุดทำงาน (the typesetting process died)\n"
                            "    วิธีแก้ (fix): สร้างใหม่อีกครั้ง; ถ้ายังไม่ได้ ให้ปิด pdf: false ใต้ oit ใน mkdocs.yml"
                        ) from None
                    continue
                self.answered += 1
                if problem is not None:
                    raise PdfError(problem)
                done.append((year, seconds))
        finally:
            self.close()
        return done

    def close(self) -> None:
        """Stop the worker: let it end when it has answered every report, else at once
        (unused, a failed report, a failed build)."""
        if self.sent and self.answered == self.sent and self.process.is_alive():
            self.jobs.put(None)
            self.process.join(timeout=30)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()
        # A report the worker never read must not keep this process from exiting (the
        # queue would otherwise wait at exit to hand it over).
        self.jobs.cancel_join_thread()
        self.jobs.close()
        self.results.close()
