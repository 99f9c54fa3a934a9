"""The Jinja2 environment our page templates run in, with Thai filters.

Templates write Markdown with HTML blocks: Markdown headings (with explicit ASCII ids, so
anchors are stable and the table of contents works), HTML for tables. Everything taken
from YAML is escaped (autoescape); prose fields go through :func:`safe_markdown`, which
renders Markdown but never passes raw HTML through.
"""

from __future__ import annotations

import os
import posixpath
from typing import Any
from urllib.parse import quote

import markdown
from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, TemplateError
from markdown.extensions import Extension
from markupsafe import Markup, escape

from site_builder.model.content import Period
from site_builder.product import user_cache
from site_builder.render import charts, layout
from site_builder.render.fonts import thai_font_families
from site_builder.render.sanitize import editor_text, sanitise
from site_builder.render.typed_numbers import TypedNumbers, bulleted, typed_number
from site_builder.thai import Month, format_change, format_score, thai_date


class _NoRawHtml(Extension):
    """Markdown without raw HTML: a YAML field is the editor's text, never markup."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


class SafeMarkdown:
    """An editor's prose field as HTML: Markdown, never raw HTML, sanitised."""

    def __init__(self) -> None:
        self.markdown = markdown.Markdown(extensions=[_NoRawHtml(), "sane_lists", "tables", TypedNumbers()])

    def __call__(self, text: str | None) -> Markup:
        if not text:
            return Markup("")
        self.markdown.reset()
        # Links an editor writes in prose must not run script (javascript&#58; included).
        return Markup(sanitise(self.markdown.convert(text)))


def _points(values: list[str]) -> list[tuple[str, str | None, str]]:
    """A cell's entries as points: ("typed", "๒)", text), ("bullet", None, text) or
    ("plain", None, text). An entry of several lines whose lines are numbered or bulleted
    is those points; a line without a mark continues the point above it."""
    points: list[tuple[str, str | None, str]] = []
    for value in values:
        lines = value.split("\n")
        if len(lines) < 2 or not any(typed_number(line) or bulleted(line, cell=True) for line in lines):
            lines = [value]
        for line in lines:
            typed = typed_number(line)
            bullet = None if typed else bulleted(line, cell=True)
            if typed is not None:
                points.append(("typed", typed[0], typed[1]))
            elif bullet is not None:
                points.append(("bullet", None, bullet))
            elif len(lines) > 1 and points and points[-1][0] != "plain" and line.strip():
                kind, number, text = points[-1]
                points[-1] = (kind, number, f"{text} {line.strip()}")
            elif line.strip():
                points.append(("plain", None, line.strip() if len(lines) > 1 else value))
    return points


def text_cell(values: list[str] | str | None, numbered: bool = False, as_written: bool = False) -> Markup:
    """A table cell: one paragraph, or a numbered list when there are several entries
    (``numbered``: a list even of one). Entries keep the marks they were typed with: where
    they start with a number (๑. ๑) (๑) ๑.๑ 1.1), the numbered ones show their own number and
    the others none, and the bulleted ones under a number are its sub-points; entries
    bulleted (▪ • -) and not numbered are a list of bullets. ``as_written``: entries typed
    without a number are lines with no number of the site's either."""
    if not values:
        return Markup("")
    if isinstance(values, str):
        values = [values]
    points = _points(values)
    kinds = {kind for kind, _, _ in points}
    if "typed" in kinds:
        items: list[tuple[Markup, list[str]]] = []
        for kind, number, text in points:
            if kind == "bullet" and items and items[-1][0].startswith("<span"):
                items[-1][1].append(text)  # a sub-point of the numbered point above
            elif number is not None:
                items.append((Markup('<span class="oit-typed__n">{}</span> {}').format(number, text), []))
            else:
                items.append((escape(text), []))
        return Markup('<div class="oit-typed"><ol>{}</ol></div>').format(
            Markup("").join(
                Markup("<li>{}{}</li>").format(
                    head,
                    Markup("<ul>{}</ul>").format(
                        Markup("").join(Markup("<li>{}</li>").format(t) for t in subs)
                    )
                    if subs
                    else "",
                )
                for head, subs in items
            )
        )
    if "bullet" in kinds:
        return Markup("<ul>" + "".join(f"<li>{escape(text)}</li>" for _, _, text in points) + "</ul>")
    # Every measure and progress cell comes here: escape() and a plain join, not Markup.format.
    texts = [text for _, _, text in points]
    if len(texts) == 1 and (as_written or not numbered):
        return Markup(f"<p>{escape(texts[0])}</p>")
    if as_written:
        return Markup('<ul class="oit-lines">' + "".join(f"<li>{escape(t)}</li>" for t in texts) + "</ul>")
    return Markup("<ol>" + "".join(f"<li>{escape(t)}</li>" for t in texts) + "</ol>")


def period_text(period: Period | None) -> str:
    if period is None:
        return ""
    if period.start is None and period.end is None and period.fiscal_year is not None:
        return f"ปีงบประมาณ พ.ศ. {period.fiscal_year}"
    start, end = period.start, period.end
    if start is not None and end is not None:
        return f"{thai_date(start)} – {thai_date(end)}"
    if start is not None:
        return f"ตั้งแต่ {thai_date(start)}"
    return f"ถึง {thai_date(end)}"


def iso(value: Any) -> str:
    return str(value) if isinstance(value, Month) else value.isoformat()


def href(from_dir: str, to: str) -> str:
    """Relative link between two site paths (``2568/`` → ``2568/o1/`` gives ``o1/``).

    Relative links keep working when the site is hosted under a sub-path. Everything but
    letters, digits and ``/.-_~`` is percent-encoded: a document named ``ประกาศ #2.pdf`` is
    ``ประกาศ%20%232.pdf``, never a link to a fragment.
    """
    target = posixpath.relpath(to or ".", from_dir or ".")
    if to.endswith("/") and not target.endswith("/"):
        target += "/"
    if target == "./":
        target = "./"
    return quote(target, safe="/.-_~")


def file_size(size: int) -> str:
    if size < 1024:
        return f"{size} ไบต์"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates, kept between builds in the user's cache folder
    (``$XDG_CACHE_HOME/oit-site/jinja``, by default ``~/.cache/oit-site/jinja``) and keyed by
    each template's source: never in the repository, where a commit could plant one.
    Without a folder to write to, templates are compiled on every build."""
    folder = str(user_cache("jinja"))
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(folder) if os.access(folder, os.W_OK) else None


def rules_environment() -> Environment:
    """The templates of the servers' rules (``templates/rules/``): text for a server to read,
    which every value given to them has been checked or escaped for (paths hold no quotes,
    backslashes, braces, ; or $: model.content.site_path)."""
    return Environment(
        loader=PackageLoader("site_builder", "templates/rules"),
        autoescape=False,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


class RenderError(Exception):
    """A page template failed: names the template and line."""


class Renderer:
    """The page templates of a session, with their filters, the Markdown converter and the
    charts: made once a session (templates compile once), used by every build in it."""

    def __init__(self) -> None:
        self.charts = charts.Charts()
        self.markdown = SafeMarkdown()
        self._font_families: tuple[str, ...] | None = None
        self.rules = rules_environment()
        """The servers' rules (site_builder.render.redirects)."""
        self.env = Environment(
            loader=PackageLoader("site_builder", "templates"),
            bytecode_cache=_bytecode_cache(),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # Markdown headings carry ids as {#id}, which is Jinja's comment syntax.
            comment_start_string="{##",
            comment_end_string="##}",
        )
        self.env.filters.update(
            md=self.markdown,
            editor=editor_text,
            cell=text_cell,
            thai_date=thai_date,
            score=format_score,
            change=format_change,
            period=period_text,
            iso=iso,
            size=file_size,
            e=escape,
            keep_whole=layout.keep_words_whole,
        )
        self.env.globals.update(
            href=href,
            history_chart=self.charts.history_chart,
            scored_years=charts.scored_years,
            indicator_chart=self.charts.indicator_chart,
            question_chart=self.charts.question_chart,
            answering_measures=charts.answering_measures,
            measure_columns=layout.measure_columns,
            progress_columns=layout.progress_columns,
            theme_columns=layout.theme_columns,
            score_columns=layout.score_columns,
            is_wide=layout.is_wide,
            has_sub_columns=layout.has_sub_columns,
            measure_lines=layout.measure_lines,
            names_indicator=layout.names_indicator,
            qlabel=layout.question_label,
            report_parts=layout.report_parts,
            limitations_title=layout.limitations_title,
        )

    def font_families(self) -> tuple[str, ...]:
        """The machine's font families with Thai letters, asked once a session (the PDF
        reports name them after their own font)."""
        if self._font_families is None:
            self._font_families = thai_font_families() or ()
        return self._font_families

    def render(self, template: str, **context: Any) -> str:
        try:
            return self.env.get_template(template).render(**context)
        except TemplateError as exc:
            lineno = getattr(exc, "lineno", None)
            where = f"{template}:{lineno}" if lineno else template
            raise RenderError(f"site_builder/templates/{where}: {exc}") from None
