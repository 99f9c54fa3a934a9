"""Report files for the import tests, made from a report's text: a DOCX (python-docx) and a
PDF (WeasyPrint, with or without the product's Thai text layer), tables as tables.

The text's shapes: a line with tabs or Markdown pipes is a table's row, consecutive rows one
table; a blank line ends a paragraph or a table; a cell's ``<p>`` and ``<li>`` are its
paragraphs. The scoring of an import against a seed's transcription is here too.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import yaml

from site_builder.thai import to_arabic_digits

Shape = list[tuple[str, Any]]  # ("p", (text, joined)) or ("table", [[cell, …], …])


def shapes(text: str) -> Shape:
    out: Shape = []
    table: list[list[str]] | None = None
    gap = True
    for line in text.splitlines():
        if not line.strip():
            table, gap = None, True
            continue
        pipe = line.lstrip().startswith("|") and line.count("|") >= 3
        if pipe and re.fullmatch(r"[\s|:\-]+", line):
            continue
        if pipe or ("\t" in line and len(line.rstrip().split("\t")) >= 2):
            inner = line.strip().strip("|") if pipe else line.rstrip()
            cells = [c.strip() for c in inner.split("|" if pipe else "\t")]
            if all(re.fullmatch(r"[\s\-]*", c) for c in cells):
                continue
            if table is None:
                table = []
                out.append(("table", table))
            table.append(cells)
            gap = False
            continue
        table = None
        if re.fullmatch(r"[\s\-|]*", line):
            continue
        out.append(("p", (line.strip(), not gap)))
        gap = False
    return out


def _cell_paragraphs(cell: str) -> list[str]:
    pieces = re.split(r"<\s*/?(?:p|li|br)[^>]*>", cell)
    texts = [html.unescape(re.sub(r"<[^>]*>", " ", p)).strip() for p in pieces]
    return [" ".join(t.split()) for t in texts if t.strip()] or [""]


def write_docx(text: str, path: Path) -> Path:
    import docx

    document = docx.Document()
    for kind, value in shapes(text):
        if kind == "p":
            line, joined = value
            if not joined:
                document.add_paragraph("")
            document.add_paragraph(line.replace("**", ""))
        else:
            width = max(len(r) for r in value)
            table = document.add_table(rows=len(value), cols=width)
            for r, row in enumerate(value):
                for c, cell in enumerate(row):
                    paragraphs = _cell_paragraphs(cell)
                    target = table.cell(r, c)
                    target.paragraphs[0].text = paragraphs[0]
                    for extra in paragraphs[1:]:
                        target.add_paragraph(extra)
            document.add_paragraph("")
    document.save(str(path))
    return path


# Letters no font here draws (seed 004 has a Devanagari vowel typed for a Thai one): a glyph
# drawn from no font leaves a PDF whose text pdfminer cannot read at all, so the PDF made for
# the tests leaves them out.
UNDRAWABLE = re.compile("[\u0900-\u097f]")


def report_html(text: str) -> str:
    from site_builder.render.pdf import sarabun_css

    text = UNDRAWABLE.sub("", text)
    body = []
    for kind, value in shapes(text):
        if kind == "p":
            line, joined = value
            style = ' style="margin-top:0"' if joined else ""
            body.append(f"<p{style}>{html.escape(line.replace('**', ''))}</p>")
        else:
            rows = []
            for row in value:
                cells = "".join(
                    "<td>" + "".join(f"<p>{html.escape(p)}</p>" for p in _cell_paragraphs(c)) + "</td>"
                    for c in row
                )
                rows.append(f"<tr>{cells}</tr>")
            body.append(f"<table>{''.join(rows)}</table>")
    css = (
        sarabun_css()
        + "@page { size: A4 landscape; margin: 15mm }"
        + "body { font-family: Sarabun; font-size: 11pt; line-height: 1.5 }"
        + "p { margin: 0.6em 0 0 }"
        + "td p { margin: 0 0 0.4em }"
        + "table { border-collapse: collapse; width: 100%; margin-top: 1em }"
        + "td { border: 0.8pt solid #000; padding: 3pt; vertical-align: top }"
    )
    head = f'<meta charset="utf-8"><style>{css}</style>'
    return f'<html lang="th"><head>{head}</head><body>{"".join(body)}</body></html>'


def write_pdf(text: str, path: Path, text_layer: bool = True) -> Path:
    import weasyprint

    from site_builder.render import pdf_text

    document = weasyprint.HTML(string=report_html(text))
    if text_layer:
        with pdf_text.thai_text(weasyprint):
            document.write_pdf(str(path))
    else:
        document.write_pdf(str(path))
    return path


# ------------------------------------------------------------------ scoring

NUMBER_PARTS = ("result",)
TEXT_PARTS = ("analysis", "measures", "progress")
NOT_TEXT = {
    "id",
    "measure",
    "status",
    "tool",
    "code",
    "number",
    "addresses",
    "indicator",
    "questions",
    "period",
}


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in _leaves(item, (*path, _key(key)))]
    if isinstance(value, list):
        return [leaf for i, item in enumerate(value) for leaf in _leaves(item, (*path, i))]
    return [(path, value)]


def _key(key: Any) -> Any:
    text = to_arabic_digits(str(key))
    return int(text) if text.isdigit() else text


def _number(value: Any) -> float | None:
    try:
        return float(to_arabic_digits(str(value)).strip())
    except ValueError:
        return None


def numbers_placed(expected: dict[str, Any], got: dict[str, Any]) -> tuple[int, int]:
    """Of the transcription's scores (result.yml, and the progress report's scores by year),
    how many the import has at the same key."""
    total = placed = 0
    for part, data in expected.items():
        for path, value in _leaves(data):
            scored = (
                part in NUMBER_PARTS and path and path[0] in ("score", "indicators", "tools", "questions")
            )
            scored = scored or (part == "progress" and "values" in path)
            if not scored or _number(value) is None:
                continue
            total += 1
            found = dict(_leaves(got.get(part, {}))).get(path)
            if found is not None and _number(found) == _number(value):
                placed += 1
    return placed, total


def _shingles(text: str, size: int = 6) -> set[str]:
    return {text[i : i + size] for i in range(max(len(text) - size + 1, 1))}


def _squeeze(text: str) -> str:
    return re.sub(r"[\s*|#\-]+", "", str(text))


def text_placed(expected: dict[str, Any], got: dict[str, Any]) -> tuple[int, int]:
    """Of the letters of the transcription's analysis, measures and progress texts, how many
    stand in the import's same part (by runs of six letters, spaces left out)."""
    total = placed = 0
    for part in TEXT_PARTS:
        blob: set[str] = set()
        for _, value in _leaves(got.get(part, {})):
            if isinstance(value, str):
                blob |= _shingles(_squeeze(value))
        for path, value in _leaves(expected.get(part, {})):
            if not isinstance(value, str) or set(map(str, path)) & NOT_TEXT or _number(value) is not None:
                continue
            text = _squeeze(value.replace("...", ""))
            if len(text) < 6:
                continue
            grams = [text[i : i + 6] for i in range(len(text) - 5)]
            total += len(grams)
            placed += sum(1 for g in grams if g in blob)
    return placed, total


def load_parts(folder: Path) -> dict[str, Any]:
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.yml"))
        if path.stem in ("result", *TEXT_PARTS)
    }
