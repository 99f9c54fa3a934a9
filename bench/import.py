"""Benchmark of ``oit-site import`` on a report of about 100 KB, as text, DOCX and PDF, and
on a 20-page PDF that LibreOffice exported.

    python bench/import.py                 # the figures in BENCHMARKS.md
    python bench/import.py --kb 20         # a smaller report
    python bench/import.py --pages 20      # only the LibreOffice PDF (goal: under 2 s)

The report is the seeds' texts (``tests/seeds/*/report.txt``) put together: the analysis and
measures of seed 000, then the progress tables of seed 004 repeated until the text is
``--kb`` kilobytes of UTF-8. The DOCX and the PDF are made from it as the tests make them
(``tests/report_files.py``: tables as tables, the PDF through the product's Thai text
layer). Each form is imported ``--runs`` times into a fresh site folder, each in a process
of its own; the time is the command's own (reading, the broken-layer check, recognising,
writing), the best of the runs, and the process's peak memory.

The LibreOffice PDF is the fourteen report layouts of ``tests/imports/layouts/`` one after
another, each from a new page, as one Word file (``scripts/import_fixtures.py`` writes it:
Word's numbering, tables with borders, merged cells) exported by ``soffice`` until it has at
least ``--pages`` pages: the PDFs agencies have, with their tables across pages. It needs
LibreOffice (``apt-get install libreoffice-writer-nogui``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "tests" / "seeds"
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "scripts"))

from import_fixtures import LAYOUTS  # noqa: E402
from import_fixtures import write_docx as write_word  # noqa: E402
from import_fixtures import write_pdf as export_pdf  # noqa: E402
from report_files import write_docx, write_pdf  # noqa: E402

RUN = """
import io, json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from site_builder.importer import import_report
imported = time.perf_counter()
result = import_report(Path(sys.argv[1]), Path(sys.argv[2]))
done = time.perf_counter()
print(json.dumps({
    "seconds": done - imported,
    "with_imports": done - start,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "parts": sorted(w.part for w in result.written),
    "measures": len(result.reading.drafts["measures"].data.get("measures", []))
    if "measures" in result.reading.drafts else 0,
    "numbers": len(result.reading.figures),
}))
"""


def report_text(kb: int) -> str:
    first = (SEEDS / "000" / "report.txt").read_text(encoding="utf-8")
    progress = (SEEDS / "004" / "report.txt").read_text(encoding="utf-8")
    start = progress.index("มาตรการ/ แนวทาง")
    tables = [block for block in progress[start:].split("\n\n") if block.strip()]
    text = first + "\n\n" + progress[:start]
    n = 0
    while len(text.encode("utf-8")) < kb * 1024:
        text += "\n\n" + tables[n % len(tables)]
        n += 1
    return text


def run(report: Path, work: Path) -> dict[str, object]:
    content = work / "content"
    shutil.rmtree(content, ignore_errors=True)
    content.mkdir(parents=True)
    result = subprocess.run(
        [sys.executable, "-c", RUN, str(report), str(content)], capture_output=True, text=True, cwd=REPO
    )
    if result.returncode != 0:
        raise SystemExit(result.stdout + result.stderr)
    figures: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return figures


def pdf_pages(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def libreoffice_pdf(pages: int, work: Path) -> Path:
    """The layouts' sources one after another, each from a new page, until LibreOffice's PDF
    of them has at least ``pages`` pages."""
    sources = [
        (folder / "source.txt").read_text(encoding="utf-8").replace("@landscape\n", "")
        for folder in sorted(LAYOUTS.iterdir())
        if (folder / "source.txt").is_file()
    ]
    text = ""
    n = 0
    while True:
        text += ("\n@page\n" if text else "") + sources[n % len(sources)]
        n += 1
        docx, pdf = work / "layouts.docx", work / "layouts.pdf"
        write_word(text, docx)
        export_pdf(docx, pdf)
        if pdf_pages(pdf) >= pages:
            return pdf


def bench_pdf(pages: int, runs: int, work: Path) -> None:
    pdf = libreoffice_pdf(pages, work)
    print(f"LibreOffice PDF: {pdf_pages(pdf)} pages, {pdf.stat().st_size / 1024:.0f} KB")
    print("| form | file | import (best of runs) | with Python's imports | peak memory | numbers read |")
    print("|---|---:|---:|---:|---:|---:|")
    results = [run(pdf, work) for _ in range(runs)]
    best = min(results, key=lambda r: float(r["seconds"]))  # type: ignore[arg-type]
    size = f"{pdf.stat().st_size / 1024:.0f} KB, {pdf_pages(pdf)} pages"
    print(
        f"| LibreOffice PDF | {size} | {best['seconds']:.2f} s"
        f" | {best['with_imports']:.2f} s | {best['peak_mb']:.0f} MB | {best['numbers']} |",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=20, help="pages of the LibreOffice PDF")
    parser.add_argument("--no-text", action="store_true", help="only the LibreOffice PDF")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="oit-import-bench-"))
    try:
        bench_pdf(args.pages, args.runs, work)
        if args.no_text:
            return
        text = report_text(args.kb)
        forms = {"text": work / "report.txt", "docx": work / "report.docx", "pdf": work / "report.pdf"}
        forms["text"].write_text(text, encoding="utf-8")
        write_docx(text, forms["docx"])
        write_pdf(text, forms["pdf"])
        import pdfplumber

        with pdfplumber.open(forms["pdf"]) as pdf:
            pages = len(pdf.pages)
        print(f"report: {len(text.encode('utf-8')) / 1024:.0f} KB of text, {pages} PDF pages")
        print("| form | file | import (best of runs) | with Python's imports | peak memory | measures |")
        print("|---|---:|---:|---:|---:|---:|")
        for form, path in forms.items():
            runs = [run(path, work) for _ in range(args.runs)]
            best = min(runs, key=lambda r: float(r["seconds"]))  # type: ignore[arg-type]
            print(
                f"| {form} | {path.stat().st_size / 1024:.0f} KB | {best['seconds']:.2f} s"
                f" | {best['with_imports']:.2f} s | {best['peak_mb']:.0f} MB | {best['measures']} |",
                flush=True,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
