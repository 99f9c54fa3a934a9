"""Scores and levels as the NACC computes them, from the year's scoring scheme.

A tool's score is the mean of its indicators; the overall score is the weighted sum of
the tools. The level is the first of the scheme's levels whose conditions hold. What the
editor declared is checked against what the scores give, so a typing slip (59.07 for
95.07) or a level copied from last year is caught before the assessor sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from site_builder.errors import KeyPath
from site_builder.model.content import Result
from site_builder.model.framework import TOOLS, Framework, Scoring, Tool

# Published scores are rounded to two decimals; sums of rounded parts drift a little.
TOLERANCE = 0.05


@dataclass
class Problem:
    key: KeyPath
    message: str
    hint: str | None = None


@dataclass
class Scores:
    """The scores of a year, declared or derived, with where each came from."""

    overall: float | None
    tools: dict[Tool, float]
    derived_tools: set[Tool]
    overall_derived: bool
    level: str | None
    level_derived: bool
    problems: list[Problem] = field(default_factory=list)

    def declared_only(self) -> Scores:
        """The scores the result declares, without those derived from others: for a year
        whose report prints no value it did not declare (``derived: false`` in year.yml)."""
        return Scores(
            None if self.overall_derived else self.overall,
            {tool: score for tool, score in self.tools.items() if tool not in self.derived_tools},
            set(),
            False,
            None if self.level_derived else self.level,
            False,
            self.problems,
        )


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def possible_levels(scoring: Scoring, overall: float, tools: dict[Tool, float]) -> list[str]:
    """Levels the overall score admits; more than one only when tool scores are unknown."""
    out: list[str] = []
    tools_known = all(t in tools for t in TOOLS)
    for level in scoring.levels:
        if overall + 1e-9 < level.min:
            continue
        if level.every_tool_min is None:
            out.append(level.name)
            break
        if tools_known:
            if all(tools[t] + 1e-9 >= level.every_tool_min for t in TOOLS):
                out.append(level.name)
                break
        else:
            out.append(level.name)
    return out


def compute(result: Result, framework: Framework, scoring: Scoring) -> Scores:
    problems: list[Problem] = []
    tools: dict[Tool, float] = dict(result.tools)
    derived: set[Tool] = set()
    for tool in TOOLS:
        numbers = [i.number for i in framework.indicators if i.tool == tool]
        if numbers and all(n in result.indicators for n in numbers):
            mean = _mean([result.indicators[n] for n in numbers])
            if tool not in tools:
                tools[tool] = round(mean, 2)
                derived.add(tool)
            elif abs(tools[tool] - mean) > TOLERANCE:
                problems.append(
                    Problem(
                        ("tools", tool),
                        f"คะแนน {tool} {tools[tool]:.2f} ไม่ตรงกับค่าเฉลี่ยของตัวชี้วัด {mean:.2f} "
                        f"(the {tool} score does not match the mean of its indicators)",
                        f"ตรวจคะแนน {tool} และคะแนนตัวชี้วัด {', '.join(map(str, numbers))} "
                        "กับประกาศของ ป.ป.ช. อีกครั้ง",
                    )
                )
    overall = result.score
    overall_derived = False
    if all(t in tools for t in TOOLS):
        weighted = sum(tools[t] * scoring.weights.get(t, 0.0) for t in TOOLS) / 100
        if overall is None:
            overall, overall_derived = round(weighted, 2), True
        elif abs(overall - weighted) > TOLERANCE:
            weights = "/".join(f"{scoring.weights.get(t, 0):g}" for t in TOOLS)
            problems.append(
                Problem(
                    ("score",),
                    f"คะแนนรวม {overall:.2f} ไม่ตรงกับคะแนนรายเครื่องมือถ่วงน้ำหนัก {weights} ซึ่งได้ {weighted:.2f} "
                    "(the overall score does not match the weighted tool scores)",
                    "ตรวจคะแนนรวมและคะแนนรายเครื่องมือกับประกาศของ ป.ป.ช. อีกครั้ง",
                )
            )
    level = result.level
    level_derived = False
    if overall is not None:
        candidates = possible_levels(scoring, overall, tools)
        names = ", ".join(lv.name for lv in scoring.levels)
        if level is None:
            if len(candidates) == 1:
                level, level_derived = candidates[0], True
        elif level not in candidates:
            if level not in [lv.name for lv in scoring.levels]:
                problems.append(
                    Problem(
                        ("level",),
                        f"ไม่มีระดับ '{level}' ในเกณฑ์ของปีนี้ (no such level this year); ระดับที่มี: {names}",
                        f"เขียนระดับตามเกณฑ์ของปีนี้ เช่น level: {candidates[0]}",
                    )
                )
            else:
                expected = " หรือ ".join(candidates)
                problems.append(
                    Problem(
                        ("level",),
                        f"ระดับ '{level}' ไม่ตรงกับคะแนน {overall:.2f} ซึ่งได้ระดับ {expected} "
                        f"(the declared level disagrees with the scores)",
                        f"แก้เป็น level: {candidates[0]} หรือตรวจคะแนนอีกครั้ง"
                        if len(candidates) == 1
                        else "ใส่คะแนนรายเครื่องมือ (tools) เพื่อให้คำนวณระดับได้ หรือตรวจระดับอีกครั้ง",
                    )
                )
    elif level is not None and level not in [lv.name for lv in scoring.levels]:
        problems.append(Problem(("level",), f"ไม่มีระดับ '{level}' ในเกณฑ์ของปีนี้ (no such level this year)"))
    return Scores(overall, tools, derived, overall_derived, level, level_derived, problems)
