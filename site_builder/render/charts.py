"""Scores as pictures: inline SVG drawn at build time.

No script and nothing loaded: each chart is an ``<svg>`` in the page, with a title and a
description a screen reader reads, beside a table of the same numbers. Colours are the
Okabe–Ito blue and vermilion, which people with the common colour-blindnesses tell apart;
a score below the pass mark is also hatched and marked ▼, so a black-and-white printout
shows it too. Labels are Thai and take the page's font.

Each chart is drawn twice, for a wide box and for a phone's, and the page's CSS shows the
one that fits its box (a container query on the figure): on a phone the bars take the
whole width under their labels, so every score and the pass line stay readable with
nothing to scroll. The printed report uses the wide drawing.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from markupsafe import Markup, escape

from site_builder.model.framework import Scoring
from site_builder.model.site import FiscalYear
from site_builder.thai import THAI_FONTS, format_change, format_score

PASS = "#0072b2"  # Okabe–Ito blue
BELOW = "#d55e00"  # Okabe–Ito vermilion
INK = "#1a1a1a"
# Level bands, highest first: blue tints at or above the pass mark, warm tints below.
BANDS_PASS = tuple(["#c6dbef", "#deebf7", "#eef5fb"])
BANDS_BELOW = tuple(["#fde0c5", "#fdebd8", "#fef4ea", "#fff9f3", "#fdebd8", "#fde0c5"])
TOOLS = MappingProxyType(
    {
        "IIT": "IIT การรับรู้ภายใน",
        "EIT": "EIT การรับรู้ภายนอก",
        "OIT": "OIT การเปิดเผยข้อมูล",
    }
)


# For renderers without the page's CSS (WeasyPrint's SVG); browsers use the page's font.
_SVG_FONTS = ", ".join([f"'{f}'" if " " in f else f for f in THAI_FONTS] + ["sans-serif"])


# ---------------------------------------------------------------- drawn once a build


def _key(value: Any) -> Any:
    if value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, FiscalYear):
        return id(value)
    return tuple(id(v) for v in value)


class Charts:
    """The charts the templates draw. A year page, its report and the item that shows the
    result draw the same charts: within :meth:`drawing` (one build) each is drawn the first
    time and then given again. Years are told apart by identity, which is safe while the
    build that holds them runs; outside it every call draws."""

    def __init__(self) -> None:
        self.drawn: dict[tuple[Any, ...], Markup] | None = None

    @contextmanager
    def drawing(self) -> Iterator[None]:
        self.drawn = {}
        try:
            yield
        finally:
            self.drawn = None

    def _once(self, draw: Callable[..., Markup], *args: Any) -> Markup:
        if self.drawn is None:
            return draw(*args)
        key = (draw.__name__, *map(_key, args))
        found = self.drawn.get(key)
        if found is None:
            found = self.drawn[key] = draw(*args)
        return found

    def history_chart(self, years: Iterable[FiscalYear], current: int | None = None) -> Markup:
        return self._once(history_chart, years, current)

    def indicator_chart(self, fy: FiscalYear, previous: FiscalYear | None = None) -> Markup:
        return self._once(indicator_chart, fy, previous)

    def question_chart(self, fy: FiscalYear) -> Markup:
        return self._once(question_chart, fy)


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


# The drawing's own numbers and names go in as they are; only text is escaped. These two
# draw every bar and label, so they skip Markup.format's escaping of each argument.
def _text(x: float, y: float, text: str, *, anchor: str = "start", cls: str = "", weight: str = "") -> Markup:
    attrs = f' class="{cls}"' if cls else ""
    if weight:
        attrs += f' font-weight="{weight}"'
    return Markup(f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}"{attrs}>{escape(text)}</text>')


def _svg(
    chart_id: str,
    width: int,
    height: int,
    title: str,
    desc: str,
    body: Iterable[Markup],
    hatch: bool = False,
    variant: str = "wide",
) -> Markup:
    defs = Markup("")
    if hatch:
        defs = Markup(
            '<defs><pattern id="{0}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="{1}"/>'
            '<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>'
        ).format(chart_id, BELOW)
    return Markup(
        '<svg class="oit-chart__svg oit-chart__svg--{8}" id="{0}" role="img" '
        'aria-labelledby="{0}-title {0}-desc" '
        'viewBox="0 0 {1} {2}" width="{1}" height="{2}" style="max-width:{1}px" font-size="12" '
        'font-family="{7}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{0}-title">{3}</title><desc id="{0}-desc">{4}</desc>{5}{6}</svg>'
    ).format(chart_id, width, height, title, desc, defs, Markup("").join(body), _SVG_FONTS, variant)


def _figure(wide: Markup, narrow: Markup, caption: Markup | str, cls: str) -> Markup:
    return Markup(
        '<figure class="oit-chart {}"><div class="oit-chart__box">{}{}</div>'
        "<figcaption>{}</figcaption></figure>"
    ).format(cls, wide, narrow, caption)


# The width of a phone's drawing: a 360 px screen's column less Material's margins.
NARROW = 320


# ---------------------------------------------------------------- overall score by year


@dataclass(frozen=True)
class Band:
    name: str
    low: float
    high: float
    passing: bool


def level_bands(scoring: Scoring) -> list[Band]:
    """The score ranges of a year's levels, highest first; levels sharing a lowest score
    (ผ่านดี and ผ่าน differ only in their tools) share a band."""
    bands: list[Band] = []
    high = 100.0
    for level in scoring.levels:
        if bands and level.min == bands[-1].low:
            last = bands[-1]
            bands[-1] = Band(f"{last.name}/{level.name}", last.low, last.high, last.passing)
            continue
        bands.append(Band(level.name, level.min, high, level.min >= scoring.pass_mark))
        high = level.min
    return bands


def scheme_text(scoring: Scoring) -> str:
    return " · ".join(
        f"{b.name} {_f(b.low)}–{_f(b.high)}" if b.low > 0 else f"{b.name} ต่ำกว่า {_f(b.high)}"
        for b in level_bands(scoring)
    )


def scored_years(years: Iterable[FiscalYear]) -> list[FiscalYear]:
    """The fiscal years that have an overall score, oldest first."""
    return sorted((fy for fy in years if fy.scores and fy.scores.overall is not None), key=lambda fy: fy.year)


def _overall(fy: FiscalYear) -> float:
    """The overall score of a year that :func:`scored_years` kept (it has one)."""
    assert fy.scores is not None and fy.scores.overall is not None
    return fy.scores.overall


def _level(fy: FiscalYear) -> str | None:
    assert fy.scores is not None
    return fy.scores.level


# A phone's drawing of the history keeps the latest years that leave each one room for
# its score; the table beside the chart has every year.
NARROW_YEARS = 7


def history_chart(years: Iterable[FiscalYear], current: int | None = None) -> Markup:
    """The overall score of every fiscal year, over the level bands of each year's scheme."""
    scored = scored_years(years)
    if not scored:
        return Markup("")
    chart_id = f"chart-history-{current or 'all'}"
    wide = _history_svg(chart_id, scored, current, slot=92, left=40, names=118)
    shown = scored[-NARROW_YEARS:]
    slot = min(92, (NARROW - 38) // len(shown))
    narrow = _history_svg(f"{chart_id}-narrow", shown, current, slot=slot, left=30, names=8, variant="narrow")
    schemes: dict[str, list[int]] = {}
    for fy in scored:
        schemes.setdefault(scheme_text(fy.scoring), []).append(fy.year)
    legend = Markup("").join(
        Markup("<span>เกณฑ์ระดับปี {}: {}</span>").format(
            f"{years_[0]}" if len(years_) == 1 else f"{years_[0]}–{years_[-1]}", text
        )
        for text, years_ in schemes.items()
    )
    if len(shown) < len(scored):
        legend += Markup(
            '<span class="oit-chart__only-narrow">บนจอแคบแผนภูมิแสดง {} ปีล่าสุด ตารางมีครบทุกปี</span>'
        ).format(len(shown))
    caption = Markup(
        "คะแนน ITA รายปีงบประมาณ (แกนตั้งเริ่มที่ {}) เส้นประคือเกณฑ์ผ่าน {} คะแนน "
        'พื้นหลังคือช่วงคะแนนของแต่ละระดับ<span class="oit-chart__legend">{}</span>'
    ).format(_f(_floor(scored)), _f(scored[-1].scoring.pass_mark), legend)
    return _figure(wide, narrow, caption, "oit-chart--history")


def _floor(scored: list[FiscalYear]) -> float:
    lowest = min(_overall(fy) for fy in scored)
    return 50.0 if lowest >= 55 else max(0.0, (lowest // 10) * 10 - 10)


def _history_svg(
    chart_id: str,
    scored: list[FiscalYear],
    current: int | None,
    *,
    slot: int,
    left: int,
    names: int,
    variant: str = "wide",
) -> Markup:
    """One drawing of the history: ``names`` is the room beside the last year for the
    names of its levels (none when too narrow for them; the caption names every band)."""
    floor = _floor(scored)
    top, plot_h = 24, 240
    width = left + slot * len(scored) + names
    height = top + plot_h + 48
    right = left + slot * len(scored)

    def y(value: float) -> float:
        return top + plot_h * (100 - max(value, floor)) / (100 - floor)

    body: list[Markup] = []
    for tick in sorted({floor, 100.0} | ({50.0} if floor < 50 else set())):
        body.append(_text(left - 6, y(tick) + 4, _f(tick), anchor="end", cls="oit-chart__axis"))
    for index, fy in enumerate(scored):
        x0 = left + slot * index
        tints, warm = iter(BANDS_PASS), iter(BANDS_BELOW)
        for band in level_bands(fy.scoring):
            fill = next(tints, BANDS_PASS[-1]) if band.passing else next(warm, BANDS_BELOW[-1])
            if band.high <= floor:
                continue
            body.append(
                Markup(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{}</title></rect>'
                ).format(
                    x0 + 2,
                    _f(y(band.high)),
                    slot - 4,
                    _f(y(band.low) - y(band.high)),
                    fill,
                    f"{fy.year}: {band.name} {_f(band.low)}–{_f(band.high)}",
                )
            )
            # The names of the latest year's levels, beside the last column.
            if names >= 100 and fy is scored[-1] and y(band.low) - y(band.high) >= 12:
                middle = (y(band.low) + y(band.high)) / 2 + 4
                body.append(
                    _text(
                        right + 6,
                        middle,
                        f"{band.name} {_f(band.low)}+" if band.low > 0 else band.name,
                        cls="oit-chart__band",
                    )
                )
        pass_y = y(fy.scoring.pass_mark)
        body.append(
            Markup(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" '
                'stroke-width="1.5" stroke-dasharray="5 3"/>'
            ).format(x0, _f(pass_y), x0 + slot, _f(pass_y), INK)
        )
        body.append(
            _text(
                x0 + slot / 2,
                top + plot_h + 18,
                f"{fy.year}",
                anchor="middle",
                weight="bold" if fy.year == current else "",
            )
        )
        if slot >= 60:
            body.append(
                _text(
                    x0 + slot / 2,
                    top + plot_h + 36,
                    _level(fy) or "",
                    anchor="middle",
                    cls="oit-chart__note",
                )
            )
    body.append(
        _text(
            left - 6,
            y(scored[-1].scoring.pass_mark) + 4,
            _f(scored[-1].scoring.pass_mark),
            anchor="end",
            cls="oit-chart__axis",
            weight="bold",
        )
    )
    points = [(left + slot * i + slot / 2, y(_overall(fy))) for i, fy in enumerate(scored)]
    if len(points) > 1:
        body.append(
            Markup('<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"/>').format(
                " ".join(f"{_f(px)},{_f(py)}" for px, py in points), INK
            )
        )
    for (px, py), fy in zip(points, scored, strict=True):
        value = _overall(fy)
        below = value < fy.scoring.pass_mark
        radius = 6 if fy.year == current else 4.5
        body.append(
            Markup('<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="#ffffff" stroke-width="1.5"/>').format(
                _f(px), _f(py), radius, BELOW if below else PASS
            )
        )
        label_y = py - 10 if py - 10 > top + 4 else py + 20
        body.append(
            _text(
                px,
                label_y,
                ("▼ " if below else "") + format_score(value),
                anchor="middle",
                cls="oit-chart__value",
                weight="bold",
            )
        )
    desc = "; ".join(
        f"ปีงบประมาณ {fy.year}: {format_score(_overall(fy))} ระดับ{_level(fy) or 'ไม่ระบุ'}" for fy in scored
    )
    return _svg(chart_id, width, height, "คะแนน ITA รายปีงบประมาณ", desc, body, variant=variant)


# ---------------------------------------------------------------- bars: indicators, questions


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    previous: float | None = None
    note: str = ""  # shown where a change from last year would be
    full_label: str = ""


def _value_text(bar: Bar, pass_mark: float) -> tuple[str, bool]:
    below = bar.value is not None and bar.value < pass_mark
    value = "ไม่ระบุ" if bar.value is None else ("▼ " if below else "") + format_score(bar.value)
    return value, below


def _bar_rows(
    chart_id: str, groups: list[tuple[str | None, list[Bar]]], pass_mark: float, desc: list[str] | None = None
) -> Iterable[tuple[str | None, Bar, str, bool, Markup, str]]:
    """Each bar with what both drawings show of it: its value, whether it is below the
    pass mark, its tooltip and its fill; adds each bar's line to ``desc``."""
    for name, bars in groups:
        for index, bar in enumerate(bars):
            value, below = _value_text(bar, pass_mark)
            full = bar.full_label or bar.label
            tooltip = Markup("<title>{}: {}</title>").format(full, value)
            fill = f"url(#{chart_id}-hatch)" if below else PASS
            if desc is not None:
                text = f"{full} {value}"
                if bar.value is not None and bar.previous is not None:
                    text += f" (ปีก่อน {format_score(bar.previous)})"
                desc.append(text)
            yield (name if index == 0 else None), bar, value, below, tooltip, fill


def _row(below: bool, tooltip: Markup, parts: list[Markup]) -> Markup:
    return Markup('<g class="oit-chart__row{}">{}{}</g>').format(
        " oit-chart__row--below" if below else "", tooltip, Markup("").join(parts)
    )


def _rect(x: float, y: float, width: float, height: float, fill: str) -> Markup:
    return Markup(
        f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(width)}" height="{_f(height)}" fill="{escape(fill)}"/>'
    )


def _tick(x: float, y1: float, y2: float, previous: float) -> Markup:
    return Markup(
        '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}" stroke-width="3">'
        "<title>ปีก่อน {4}</title></line>"
    ).format(_f(x), _f(y1), _f(y2), INK, format_score(previous))


def _pass_line(x: float, y1: float, y2: float, pass_mark: float) -> list[Markup]:
    """The pass mark across every row, drawn last so bars do not hide it."""
    return [
        Markup(
            '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}" '
            'stroke-width="1.5" stroke-dasharray="5 3"/>'
        ).format(_f(x), _f(y1), _f(y2), INK),
        _text(x, y1 - 6, _f(pass_mark), anchor="middle", cls="oit-chart__axis", weight="bold"),
    ]


def _short(label: str, room: float) -> str:
    """``label`` cut with … to fit ``room`` px at 12 px (at most 8 px a letter; Thai vowels
    and tone marks written above or below take no room). The tooltip has it whole."""
    letters = 0
    for index, char in enumerate(label):
        if unicodedata.category(char) != "Mn":
            letters += 1
        if letters * 8 > room:
            return label[: max(index - 1, 1)].rstrip() + "…"
    return label


def _bars(
    chart_id: str,
    title: str,
    groups: list[tuple[str | None, list[Bar]]],
    pass_mark: float,
    label_width: int = 230,
) -> tuple[Markup, Markup]:
    """Bars of scores out of 100: wide, each label left of its bar; and a phone's, each
    label above its bar and the bar across the width."""
    return (
        _bars_wide(chart_id, title, groups, pass_mark, label_width),
        _bars_narrow(f"{chart_id}-narrow", title, groups, pass_mark),
    )


def _bars_wide(
    chart_id: str, title: str, groups: list[tuple[str | None, list[Bar]]], pass_mark: float, label_width: int
) -> Markup:
    row, head, top = 26, 24, 26
    bar_x = label_width + 8
    scale = 3.6  # px per point: 0–100 in 360 px
    right = bar_x + 100 * scale
    width = int(right + 150)
    rows = sum(len(bars) for _, bars in groups) * row + sum(head for name, _ in groups if name)
    height = top + rows + 10
    body: list[Markup] = []
    for tick in (0, 50, 100):
        body.append(_text(bar_x + tick * scale, top - 10, str(tick), anchor="middle", cls="oit-chart__axis"))
    y = top
    desc: list[str] = []
    for name, bar, value, below, tooltip, fill in _bar_rows(chart_id, groups, pass_mark, desc):
        if name:
            body.append(_text(4, y + 17, name, cls="oit-chart__group", weight="bold"))
            y += head
        parts = [_text(label_width, y + 17, _short(bar.label, label_width - 8), anchor="end")]
        parts.append(_rect(bar_x, y + 4, 100 * scale, row - 8, "#f0f0f0"))
        if bar.value is not None:
            parts.append(_rect(bar_x, y + 4, bar.value * scale, row - 8, fill))
        if bar.previous is not None:
            parts.append(_tick(bar_x + bar.previous * scale, y + 1, y + row - 1, bar.previous))
        parts.append(_text(right + 8, y + 17, value, weight="bold" if below else "", cls="oit-chart__value"))
        if bar.value is not None and bar.previous is not None:
            parts.append(
                _text(right + 66, y + 17, format_change(bar.value - bar.previous), cls="oit-chart__note")
            )
        elif bar.note:
            parts.append(_text(right + 66, y + 17, bar.note, cls="oit-chart__note"))
        body.append(_row(below, tooltip, parts))
        y += row
    body.extend(_pass_line(bar_x + pass_mark * scale, top - 4, height - 6, pass_mark))
    return _svg(chart_id, width, height, title, "; ".join(desc), body, hatch=True)


def _bars_narrow(
    chart_id: str, title: str, groups: list[tuple[str | None, list[Bar]]], pass_mark: float
) -> Markup:
    row, head, top = 40, 24, 26
    scale = (NARROW - 52) / 100  # the value's room at the right of the bar
    rows = sum(len(bars) for _, bars in groups) * row + sum(head for name, _ in groups if name)
    height = top + rows + 6
    body: list[Markup] = []
    for tick in (0, 50, 100):
        body.append(
            _text(
                tick * scale,
                top - 10,
                str(tick),
                anchor="start" if tick == 0 else "middle",
                cls="oit-chart__axis",
            )
        )
    y = top
    desc: list[str] = []
    for name, bar, value, below, tooltip, fill in _bar_rows(chart_id, groups, pass_mark, desc):
        if name:
            body.append(_text(0, y + 17, name, cls="oit-chart__group", weight="bold"))
            y += head
        beside = bar.note or (bar.value is not None and bar.previous is not None)
        parts = [_text(0, y + 13, _short(bar.label, NARROW - (64 if beside else 0)))]
        if bar.value is not None and bar.previous is not None:
            parts.append(
                _text(
                    NARROW,
                    y + 13,
                    format_change(bar.value - bar.previous),
                    anchor="end",
                    cls="oit-chart__note",
                )
            )
        elif bar.note:
            parts.append(_text(NARROW, y + 13, bar.note, anchor="end", cls="oit-chart__note"))
        parts.append(_rect(0, y + 19, 100 * scale, 14, "#f0f0f0"))
        if bar.value is not None:
            parts.append(_rect(0, y + 19, bar.value * scale, 14, fill))
        if bar.previous is not None:
            parts.append(_tick(bar.previous * scale, y + 17, y + 35, bar.previous))
        parts.append(
            _text(NARROW, y + 31, value, anchor="end", weight="bold" if below else "", cls="oit-chart__value")
        )
        body.append(_row(below, tooltip, parts))
        y += row
    body.extend(_pass_line(pass_mark * scale, top - 4, height - 4, pass_mark))
    return _svg(chart_id, NARROW, height, title, "; ".join(desc), body, hatch=True, variant="narrow")


def indicator_chart(fy: FiscalYear, previous: FiscalYear | None = None) -> Markup:
    """The ten indicators as bars grouped by tool, the pass mark, and last year's score."""
    if not fy.result or not fy.result.indicators:
        return Markup("")
    before = previous.result.indicators if previous and previous.result else {}
    groups: list[tuple[str | None, list[Bar]]] = []
    for tool, name in TOOLS.items():
        bars = [
            Bar(
                f"{ind.number} {ind.title}",
                fy.result.indicators.get(ind.number),
                before.get(ind.number),
                full_label=f"ตัวชี้วัดที่ {ind.number} {ind.title}",
            )
            for ind in fy.framework.indicators
            if ind.tool == tool and (ind.number in fy.result.indicators or ind.number in before)
        ]
        if bars:
            groups.append((name, bars))
    wide, narrow = _bars(
        f"chart-indicators-{fy.year}", f"คะแนนรายตัวชี้วัด ITA {fy.year}", groups, fy.scoring.pass_mark
    )
    caption = (
        f"คะแนนรายตัวชี้วัด ปีงบประมาณ {fy.year} แยกตามเครื่องมือ เส้นประคือเกณฑ์ผ่าน {_f(fy.scoring.pass_mark)} คะแนน"
    )
    caption += "; แถบลายเส้นและ ▼ คือต่ำกว่าเกณฑ์"
    if previous and before:
        caption += f"; ขีดดำคือคะแนนปี {previous.year} และตัวเลขท้ายแถวคือผลต่างจากปีนั้น"
    return _figure(wide, narrow, caption, "oit-chart--indicators")


def answering_measures(fy: FiscalYear) -> dict[str, list[str]]:
    """Question code → ids of the measures of the year that answer it."""
    found: dict[str, list[str]] = {}
    for measure in fy.measures.measures if fy.measures else []:
        for value in measure.addresses:
            if not value.isdigit() and measure.id:
                found.setdefault(value, []).append(measure.id)
    return found


def question_chart(fy: FiscalYear) -> Markup:
    """Per-question scores; those below the pass mark are marked, and say when a measure
    answers them (the table under the chart links to it: a picture holds no links)."""
    if not fy.result or not fy.result.questions:
        return Markup("")
    answers = answering_measures(fy)
    bars = []
    for code, value in fy.result.questions.items():
        title = fy.result.question_titles.get(code, "")
        label = fy.result.question_labels.get(code, code)  # as the report writes it
        below = value is not None and value < fy.scoring.pass_mark
        bars.append(
            Bar(
                f"{label} {title}".strip(),
                value,
                note="มีมาตรการ" if below and answers.get(code) else "",
                full_label=f"ข้อ {label} {title}".strip(),
            )
        )
    wide, narrow = _bars(
        f"chart-questions-{fy.year}",
        f"คะแนนรายข้อคำถาม ITA {fy.year}",
        [(None, bars)],
        fy.scoring.pass_mark,
        label_width=300,
    )
    caption = f"คะแนนรายข้อคำถาม ปีงบประมาณ {fy.year}: ข้อที่ต่ำกว่า {_f(fy.scoring.pass_mark)} เป็นแถบลายเส้นและ ▼"
    if answers:
        caption += "; ตารางใต้แผนภูมิมีลิงก์ไปยังมาตรการที่ตอบแต่ละข้อ"
    return _figure(wide, narrow, caption, "oit-chart--questions")
