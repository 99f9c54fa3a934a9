"""The fiscal-year report as a PDF, made by WeasyPrint from the report page's own HTML.

What the PDF shows is what ``/<year>/report/`` shows: the same HTML (after the cleaner),
in a page of its own with ``report.css``: A4, the agency's name and the fiscal year on
every page, page numbers, table headers repeated on each page, and Sarabun, which the
project installs (``fontpkg-sarabun``), embedded: no system font is needed. Links point
to the published site; nothing is fetched from another host. A PDF is kept in
``.cache/oit-site/pdf/`` under the hash of everything it is made from, so an unchanged
year is not typeset again.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import warnings
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse
from urllib.request import url2pathname

from markupsafe import Markup

from site_builder.model.site import FiscalYear, Site
from site_builder.render import pdf_text
from site_builder.render.environment import render
from site_builder.render.pdf_text import thai_text
from site_builder.thai import THAI_FONTS


class PdfError(Exception):
    """The PDF cannot be made here: says what to install."""


@cache
def sarabun_folder() -> Path:
    """The Sarabun font files that come with the project (the fontpkg-sarabun package)."""
    return Path(str(resources.files("fontpkg_sarabun") / "files")).resolve()


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


@cache
def thai_font_families() -> tuple[str, ...] | None:
    """Font families on this machine that have Thai letters, as fontconfig knows them
    (None when fontconfig's ``fc-list`` cannot be found to ask)."""
    fc_list = shutil.which("fc-list") or next(
        (
            p
            for p in ("/usr/bin/fc-list", "/usr/local/bin/fc-list", "/opt/homebrew/bin/fc-list")
            if Path(p).is_file()
        ),
        None,
    )
    if fc_list is None:
        return None
    listed = subprocess.run(
        [fc_list, ":lang=th", "family"], capture_output=True, text=True, check=False
    ).stdout
    return tuple(
        sorted({name.strip() for line in listed.splitlines() for name in line.split(",") if name.strip()})
    )


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


def report_html(site: Site, fy: FiscalYear, body: str, page_url: str | None) -> str:
    """The report page as a document for print: Sarabun from the package, the system's Thai
    fonts after it for any letter it lacks."""
    families = thai_font_families() or ()
    fonts = ["Sarabun", *(f for f in THAI_FONTS if f in families and f != "Sarabun")]
    return render(
        "report-pdf.html",
        agency=site.agency,
        fy=fy,
        body=_absolute_links(body, page_url),
        fonts=fonts,
        font_faces=Markup(sarabun_css()),
        page_url=page_url,
    )


def write_report_pdf(
    site: Site,
    fy: FiscalYear,
    body: str,
    target: Path,
    site_dir: Path,
    page_url: str | None,
    cache_dir: Path | None,
) -> bool:
    """Write ``target``; return whether it came from the cache."""
    weasyprint = _weasyprint()
    html = report_html(site, fy, body, page_url)
    base = target.parent / "index.html"
    digest = hashlib.sha256(html.encode())
    digest.update(weasyprint.__version__.encode())
    for module in (__file__, pdf_text.__file__):  # how the PDF is made
        digest.update(Path(module).read_bytes())
    for src in sorted(set(re.findall(r'<img\b[^>]*?\bsrc="([^"]+)"', html))):
        local = (base.parent / src).resolve()
        if local.is_file():
            digest.update(local.read_bytes())
    cached = cache_dir / f"{digest.hexdigest()}.pdf" if cache_dir else None
    target.parent.mkdir(parents=True, exist_ok=True)
    if cached is not None and cached.is_file():
        shutil.copyfile(cached, target)
        return True
    document = weasyprint.HTML(
        string=html, base_url=base.as_uri(), url_fetcher=_local_fetcher(weasyprint, site_dir)
    )
    try:
        with thai_text(weasyprint):
            document.write_pdf(target)
    except pdf_text.UnknownWeasyPrint as exc:
        raise PdfError(
            f"สร้าง PDF ไม่ได้: {exc}\n"
            "    วิธีแก้ (fix): ติดตั้ง WeasyPrint รุ่นที่ pyproject.toml ระบุ (pip install -e .) "
            "หรือปิด pdf: false ใต้ oit ใน mkdocs.yml"
        ) from None
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, cached)
    return False


def _local_fetcher(weasyprint, root: Path):  # type: ignore[no-untyped-def]
    """Fetch files of the built site, and the Sarabun font files, only: a PDF never loads
    anything from another host or elsewhere on the machine."""
    roots = (root.resolve(), sarabun_folder())

    class LocalOnly(weasyprint.URLFetcher):  # type: ignore[misc]
        def fetch(self, url, headers=None):  # type: ignore[no-untyped-def]
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parsed = urlparse(url)
            local = Path(url2pathname(parsed.path)).resolve()
            if parsed.scheme == "file" and any(local.is_relative_to(r) for r in roots):
                return super().fetch(url, headers)
            raise ValueError(f"not a file of the site: {url}")

    return LocalOnly(allowed_protocols={"file", "data"})
