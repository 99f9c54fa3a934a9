"""Benchmark of ``oit-site import`` on a report of about 100 KB, as text, DOCX and PDF.

    python bench/import.py                 # the figures in BENCHMARKS.md
    python bench/import.py --kb 20         # a smaller report

The report is the seeds' texts (``tests/seeds/*/report.txt``) put together: the analysis and
measures of seed 000, then the progress tables of seed 004 repeated until the text is
``--kb`` kilobytes of UTF-8. The DOCX and the PDF are made from it as the tests make them
(``tests/report_files.py``: tables as tables, the PDF through the product's Thai text
layer). Each form is imported ``--runs`` times into a fresh site folder, each in a process
of its own; the time is the command's own (reading, the broken-layer check, recognising,
writing), the best of the runs, and the process's peak memory.
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
    "measures": len(result.reading.drafts["measures"].data.get("measures", [])),
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kb", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="oit-import-bench-"))
    try:
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
