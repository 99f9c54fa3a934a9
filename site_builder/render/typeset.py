"""Typesetting a report with WeasyPrint: what the worker process runs.

Kept apart from :mod:`site_builder.render.pdf` so that the worker loads only this, Python's
own modules and WeasyPrint, not the models and templates that made the report's HTML.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
import warnings
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

from site_builder.render import pdf_text
from site_builder.render.pdf_text import thai_text

PDF_VARIANT = "pdf/ua-1"
"""WeasyPrint's PDF/UA-1 output: a tagged PDF (headings, paragraphs, lists, tables with
their header cells and links in a structure tree; the running header and the page numbers
kept out of it), the title shown in place of the file name, the language of
``<html lang="th">`` in the catalog, and XMP metadata. A screen reader reads the report in
its order, and the government web standard asks for accessible PDFs."""


class PdfError(Exception):
    """The PDF cannot be made here: says what to install."""


def sarabun_folder() -> Path:
    """The Sarabun font files that come with the project (the fontpkg-sarabun package)."""
    return Path(str(resources.files("fontpkg_sarabun") / "files")).resolve()


@dataclass(frozen=True)
class ReportJob:
    """A report to typeset: its HTML, where the PDF goes, and where the cache keeps it."""

    year: int
    html: str
    target: Path
    base_uri: str
    site_dir: Path
    cached: Path | None
    sources: dict[str, Path]
    """The site's files the report shows (the logo, images), by path in the site: read
    where they are in content/, as the report may be typeset before MkDocs copies them."""


def _weasyprint() -> Any:
    try:
        with warnings.catch_warnings():
            # A machine without system fonts is expected: the report brings Sarabun itself.
            warnings.filterwarnings("ignore", message="No fonts configured in FontConfig")
            import weasyprint
    except (ImportError, OSError) as exc:
        raise PdfError(
            f"สร้าง PDF ไม่ได้: โหลด WeasyPrint ไม่สำเร็จ (cannot load WeasyPrint: {exc})\n"
            "    วิธีแก้ (fix): pip install weasyprint และติดตั้ง Pango เช่น "
            "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0; หรือปิด pdf: false ใต้ oit ใน mkdocs.yml"
        ) from None
    return weasyprint


def typeset(job: ReportJob) -> None:
    """Write the job's PDF (and keep it in the cache). Runs in a worker process, or here."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(
        string=job.html,
        base_url=job.base_uri,
        url_fetcher=_local_fetcher(weasyprint, job.site_dir, job.sources),
    )
    try:
        with thai_text(weasyprint):
            document.write_pdf(job.target, pdf_variant=PDF_VARIANT)
    except pdf_text.UnknownWeasyPrint as exc:
        raise PdfError(
            f"สร้าง PDF ไม่ได้: {exc}\n"
            "    วิธีแก้ (fix): ติดตั้ง WeasyPrint รุ่นที่ pyproject.toml ระบุ (pip install -e .) "
            "หรือปิด pdf: false ใต้ oit ใน mkdocs.yml"
        ) from None
    if job.cached is not None:
        job.cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = job.cached.with_name(f".{job.cached.name}.{os.getpid()}")
        shutil.copyfile(job.target, temporary)
        temporary.replace(job.cached)


def typeset_jobs(jobs: Any, results: Any) -> None:
    """The worker process: load WeasyPrint, then typeset each report it is sent until it is
    sent None, answering each with (year, seconds, error message or None)."""
    with contextlib.suppress(PdfError):  # said again for each report below
        _weasyprint()
    while (job := jobs.get()) is not None:
        start = time.perf_counter()
        try:
            typeset(job)
            problem = None
        except PdfError as exc:
            problem = str(exc)
        except Exception as exc:  # WeasyPrint's own failure: the build says which year, without a traceback
            problem = (
                f"สร้าง PDF ปี {job.year} ไม่สำเร็จ (the PDF could not be made): {type(exc).__name__}: {exc}"
            )
        results.put((job.year, time.perf_counter() - start, problem))


def _local_fetcher(weasyprint, root: Path, sources: dict[str, Path] | None = None):  # type: ignore[no-untyped-def]
    """Fetch files of the built site (from content/ where ``sources`` names them), and the
    Sarabun font files, only: a PDF never loads anything from another host or elsewhere
    on the machine."""
    site = root.resolve()
    roots = (site, sarabun_folder())

    class LocalOnly(weasyprint.URLFetcher):  # type: ignore[misc]
        def fetch(self, url, headers=None):  # type: ignore[no-untyped-def]
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parsed = urlparse(url)
            local = Path(url2pathname(parsed.path)).resolve()
            if parsed.scheme == "file" and any(local.is_relative_to(r) for r in roots):
                source = (
                    (sources or {}).get(local.relative_to(site).as_posix())
                    if local.is_relative_to(site)
                    else None
                )
                return super().fetch(source.as_uri() if source is not None else url, headers)
            raise ValueError(f"not a file of the site: {url}")

    return LocalOnly(allowed_protocols={"file", "data"})
