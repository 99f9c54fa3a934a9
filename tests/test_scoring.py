"""Scores, levels, Thai numbers and Buddhist-era dates."""

from __future__ import annotations

from datetime import date

import pytest

from site_builder.frameworks import load_framework
from site_builder.model.content import Result
from site_builder.model.scoring import compute, possible_levels
from site_builder.thai import Month, fiscal_year_bounds, fiscal_year_of, parse_number, thai_date


def scheme(year: int):  # type: ignore[no-untyped-def]
    framework = load_framework(f"ita-{year}")
    assert framework is not None
    return framework, framework.scoring


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (95.0, "AA"),
        (94.99, "A"),
        (85.0, "A"),
        (84.99, "B"),
        (75.0, "B"),
        (65.0, "C"),
        (55.0, "D"),
        (50.0, "E"),
        (49.99, "F"),
    ],
)
def test_letter_levels_up_to_2565(score: float, level: str) -> None:
    _, scoring = scheme(2565)
    assert possible_levels(scoring, score, {}) == [level]


@pytest.mark.parametrize(
    ("overall", "tools", "level"),
    [
        (96.0, {"IIT": 96, "EIT": 95, "OIT": 97}, "ผ่านดีเยี่ยม"),
        (96.0, {"IIT": 96, "EIT": 94.99, "OIT": 97}, "ผ่านดี"),
        (94.64, {"IIT": 95, "EIT": 84.5, "OIT": 99}, "ผ่าน"),  # สตง. 2568: EIT below 85
        (84.99, {"IIT": 90, "EIT": 80, "OIT": 84}, "ต้องปรับปรุง"),
        (70.0, {}, "ต้องปรับปรุง"),
        (69.99, {}, "ต้องปรับปรุงโดยด่วน"),
    ],
)
def test_five_levels_from_2566(overall: float, tools: dict[str, float], level: str) -> None:
    _, scoring = scheme(2568)
    assert possible_levels(scoring, overall, tools) == [level]  # type: ignore[arg-type]


def test_level_needs_tool_scores_when_the_overall_score_cannot_decide() -> None:
    framework, scoring = scheme(2567)
    assert possible_levels(scoring, 96.0, {}) == ["ผ่านดีเยี่ยม", "ผ่านดี", "ผ่าน"]
    declared = compute(Result(score=96.0, level="ผ่าน"), framework, scoring)
    assert declared.level == "ผ่าน" and not declared.problems
    undeclared = compute(Result(score=96.0), framework, scoring)
    assert undeclared.level is None and not undeclared.level_derived


def test_seed_000_tools_and_level_follow_from_the_indicators() -> None:
    framework, scoring = scheme(2568)
    indicators = {
        1: 93.53,
        2: 99.12,
        3: 99.90,
        4: 85.29,
        5: 98.92,
        6: 91.37,
        7: 86.52,
        8: 86.77,
        9: 100.0,
        10: 100.0,
    }
    scores = compute(Result(indicators=indicators), framework, scoring)
    assert scores.tools == {"IIT": 95.35, "EIT": 88.22, "OIT": 100.0}
    assert scores.overall == 95.07 and scores.overall_derived
    assert scores.level == "ผ่านดี" and scores.level_derived  # 95.07 overall, but EIT below 95


@pytest.mark.parametrize(
    ("text", "number"), [("๙๒.๕๑", 92.51), ("92.51", 92.51), (" ๑๐๐ ", 100.0), (85, 85.0)]
)
def test_numbers_in_thai_or_arabic_digits(text: object, number: float) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["9๒.51", "92.51 คะแนน", "", "nan", float("nan"), True])
def test_not_numbers(text: object) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


def test_buddhist_era_dates_and_fiscal_years() -> None:
    assert thai_date(date(2026, 11, 22)) == "22 พฤศจิกายน 2569"
    assert thai_date(Month(2023, 1)) == "มกราคม 2566"
    assert fiscal_year_of(date(2025, 9, 30)) == 2568
    assert fiscal_year_of(date(2025, 10, 1)) == 2569
    assert fiscal_year_bounds(2568) == (date(2024, 10, 1), date(2025, 9, 30))


@pytest.mark.parametrize("written", [date(2025, 10, 1), "2025-10-01", " 2025-10-01 ", "๒๐๒๕-๑๐-๐๑"])
def test_dates_as_yaml_dates_or_quoted_iso_text(written: object) -> None:
    from site_builder.model.content import Document

    assert Document(file="a.pdf", title="ก", date=written).date == date(2025, 10, 1)


@pytest.mark.parametrize("written", ["2025-02-30", "2568-10-01", "1 ตุลาคม 2568"])
def test_impossible_or_buddhist_era_dates_are_refused(written: str) -> None:
    from pydantic import ValidationError

    from site_builder.model.content import Document

    with pytest.raises(ValidationError):
        Document(file="a.pdf", title="ก", date=written)
