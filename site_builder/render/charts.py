"""Scores as pictures: inline SVG drawn at build time.

No script and nothing loaded: each chart is an ``<svg>`` in the page, with a title and a
description a screen reader reads, beside a table of the same numbers. Colours are the
Okabe–Ito blue and vermilion, which people with the common colour-blindnesses tell apart;
a score below the pass mark is also hatched and marked ▼, so a black-and-white printout
shows it too. Labels are Thai and take the page's font.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from site_builder.model.framework import Scoring
from site_builder.model.site import FiscalYear
from site_builder.thai import THAI_FONTS, format_change, format_score

PASS = "#0072b2"  # Okabe–Ito blue
BELOW = "#d55e00"  # Okabe–Ito vermilion
INK = "#1a1a1a"
# Level bands, highest first: blue tints at or above the pass mark, warm tints below.
BANDS_PASS = ["#c6dbef", "#deebf7", "#eef5fb"]
BANDS_BELOW = ["#fde0c5", "#fdebd8", "#fef4ea", "#fff9f3", "#fdebd8", "#fde0c5"]
TOOLS = {
    "IIT": "IIT การรับรู้ภายใน",
    "EIT": "EIT การรับรู้ภายนอก",
    "OIT": "OIT การเปิดเผยข้อมูล",
}


# For renderers without the page's CSS (WeasyPrint's SVG); browsers use the page's font.
_SVG_FONTS = ", ".join([f"'{f}'" if " " in f else f for f in THAI_FONTS] + ["sans-serif"])


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, text: str, *, anchor: str = "start", cls: str = "", weight: str = "") -> Markup:
    attrs = f' class="{cls}"' if cls else ""
    if weight:
        attrs += f' font-weight="{weight}"'
    return Markup('<text x="{}" y="{}" text-anchor="{}"{}>{}</text>').format(
        _f(x), _f(y), anchor, Markup(attrs), text
    )


def _svg(
    chart_id: str, width: int, height: int, title: str, desc: str, body: Iterable[Markup], hatch: bool = False
) -> Markup:
    defs = Markup("")
    if hatch:
        defs = Markup(
            '<defs><pattern id="{0}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="{1}"/>'
            '<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>'
        ).format(chart_id, BELOW)
    return Markup(
        '<svg class="oit-chart__svg" id="{0}" role="img" aria-labelledby="{0}-title {0}-desc" '
        'viewBox="0 0 {1} {2}" width="{1}" height="{2}" style="max-width:{1}px" font-size="12" '
        'font-family="{7}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{0}-title">{3}</title><desc id="{0}-desc">{4}</desc>{5}{6}</svg>'
    ).format(chart_id, width, height, title, desc, defs, Markup("").join(body), _SVG_FONTS)


def _figure(svg: Markup, caption: Markup | str, cls: str) -> Markup:
    return Markup(
        '<figure class="oit-chart {}"><div class="oit-chart__box">{}</div>'
        "<figcaption>{}</figcaption></figure>"
    ).format(cls, svg, caption)


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


def history_chart(years: Iterable[FiscalYear], current: int | None = None) -> Markup:
    """The overall score of every fiscal year, over the level bands of each year's scheme."""
    scored = scored_years(years)
    if not scored:
        return Markup("")
    lowest = min(_overall(fy) for fy in scored)
    floor = 50.0 if lowest >= 55 else max(0.0, (lowest // 10) * 10 - 10)
    slot, left, top, plot_h, names = 92, 40, 24, 240, 118
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
            if fy is scored[-1] and y(band.low) - y(band.high) >= 12:
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
    schemes: dict[str, list[int]] = {}
    for fy in scored:
        schemes.setdefault(scheme_text(fy.scoring), []).append(fy.year)
    legend = Markup("").join(
        Markup("<span>เกณฑ์ระดับปี {}: {}</span>").format(
            f"{years_[0]}" if len(years_) == 1 else f"{years_[0]}–{years_[-1]}", text
        )
        for text, years_ in schemes.items()
    )
    caption = Markup(
        "คะแนน ITA รายปีงบประมาณ (แกนตั้งเริ่มที่ {}) เส้นประคือเกณฑ์ผ่าน {} คะแนน "
        'พื้นหลังคือช่วงคะแนนของแต่ละระดับ<span class="oit-chart__legend">{}</span>'
    ).format(_f(floor), _f(scored[-1].scoring.pass_mark), legend)
    chart_id = f"chart-history-{current or 'all'}"
    return _figure(
        _svg(chart_id, width, height, "คะแนน ITA รายปีงบประมาณ", desc, body), caption, "oit-chart--history"
    )


# ---------------------------------------------------------------- bars: indicators, questions


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    previous: float | None = None
    link: str | None = None
    link_text: str = ""
    full_label: str = ""


def _bars(
    chart_id: str,
    title: str,
    groups: list[tuple[str | None, list[Bar]]],
    pass_mark: float,
    label_width: int = 230,
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
    for name, bars in groups:
        if name:
            body.append(_text(4, y + 17, name, cls="oit-chart__group", weight="bold"))
            y += head
        for bar in bars:
            label = bar.label if len(bar.label) <= 34 else bar.label[:33] + "…"
            parts: list[Markup] = [_text(label_width, y + 17, label, anchor="end")]
            parts.append(
                Markup('<rect x="{}" y="{}" width="{}" height="{}" fill="#f0f0f0"/>').format(
                    bar_x, y + 4, _f(100 * scale), row - 8
                )
            )
            below = bar.value is not None and bar.value < pass_mark
            if bar.value is not None:
                fill = f"url(#{chart_id}-hatch)" if below else PASS
                parts.append(
                    Markup('<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>').format(
                        bar_x, y + 4, _f(bar.value * scale), row - 8, fill
                    )
                )
            if bar.previous is not None:
                px = bar_x + bar.previous * scale
                parts.append(
                    Markup(
                        '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}" stroke-width="3">'
                        "<title>ปีก่อน {4}</title></line>"
                    ).format(_f(px), y + 1, y + row - 1, INK, format_score(bar.previous))
                )
            value = "ไม่ระบุ" if bar.value is None else ("▼ " if below else "") + format_score(bar.value)
            parts.append(
                _text(right + 8, y + 17, value, weight="bold" if below else "", cls="oit-chart__value")
            )
            if bar.value is not None and bar.previous is not None:
                parts.append(
                    _text(right + 66, y + 17, format_change(bar.value - bar.previous), cls="oit-chart__note")
                )
            elif bar.link:
                parts.append(_text(right + 66, y + 17, bar.link_text, cls="oit-chart__link"))
            full = bar.full_label or bar.label
            tooltip = Markup("<title>{}: {}</title>").format(full, value)
            group = Markup('<g class="oit-chart__row{}">{}{}</g>').format(
                " oit-chart__row--below" if below else "", tooltip, Markup("").join(parts)
            )
            if bar.link:
                group = Markup('<a href="{}">{}</a>').format(bar.link, group)
            body.append(group)
            text = f"{full} {value}"
            if bar.value is not None and bar.previous is not None:
                text += f" (ปีก่อน {format_score(bar.previous)})"
            desc.append(text)
            y += row
    # The pass mark across every row, drawn last so bars do not hide it.
    x85 = bar_x + pass_mark * scale
    body.append(
        Markup(
            '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}" '
            'stroke-width="1.5" stroke-dasharray="5 3"/>'
        ).format(_f(x85), top - 4, height - 6, INK)
    )
    body.append(_text(x85, top - 10, _f(pass_mark), anchor="middle", cls="oit-chart__axis", weight="bold"))
    return _svg(chart_id, width, height, title, "; ".join(desc), body, hatch=True)


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
    svg = _bars(f"chart-indicators-{fy.year}", f"คะแนนรายตัวชี้วัด ITA {fy.year}", groups, fy.scoring.pass_mark)
    caption = (
        f"คะแนนรายตัวชี้วัด ปีงบประมาณ {fy.year} แยกตามเครื่องมือ เส้นประคือเกณฑ์ผ่าน {_f(fy.scoring.pass_mark)} คะแนน"
    )
    caption += "; แถบลายเส้นและ ▼ คือต่ำกว่าเกณฑ์"
    if previous and before:
        caption += f"; ขีดดำคือคะแนนปี {previous.year} และตัวเลขท้ายแถวคือผลต่างจากปีนั้น"
    return _figure(svg, caption, "oit-chart--indicators")


def answering_measures(fy: FiscalYear) -> dict[str, list[str]]:
    """Question code → ids of the measures of the year that answer it."""
    found: dict[str, list[str]] = {}
    for measure in fy.measures.measures if fy.measures else []:
        for value in measure.addresses:
            if not value.isdigit() and measure.id:
                found.setdefault(value, []).append(measure.id)
    return found


def question_chart(fy: FiscalYear, measures_at: str = "") -> Markup:
    """Per-question scores; those below the pass mark are marked and link to the measures
    that answer them."""
    if not fy.result or not fy.result.questions:
        return Markup("")
    answers = answering_measures(fy)
    bars = []
    for code, value in fy.result.questions.items():
        title = fy.result.question_titles.get(code, "")
        below = value is not None and value < fy.scoring.pass_mark
        measure = answers.get(code, [None])[0] if below else None
        bars.append(
            Bar(
                f"{code} {title}".strip(),
                value,
                link=f"{measures_at}#measure-{measure}" if measure else None,
                link_text="→ มาตรการ",
                full_label=f"ข้อ {code} {title}".strip(),
            )
        )
    svg = _bars(
        f"chart-questions-{fy.year}",
        f"คะแนนรายข้อคำถาม ITA {fy.year}",
        [(None, bars)],
        fy.scoring.pass_mark,
        label_width=300,
    )
    caption = (
        f"คะแนนรายข้อคำถาม ปีงบประมาณ {fy.year}: ข้อที่ต่ำกว่า {_f(fy.scoring.pass_mark)} เป็นแถบลายเส้นและ ▼"
        " กดที่ข้อเพื่อไปยังมาตรการที่ตอบข้อนั้น"
    )
    return _figure(svg, caption, "oit-chart--questions")
