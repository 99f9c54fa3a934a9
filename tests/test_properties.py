"""Property tests: whatever an editor saves, the loader answers with our error or a site.

Random content trees and random edits of valid files are generated; the loader must
either accept them or raise :class:`ContentErrors` (no other exception escapes), and
every accepted tree must build.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from conftest import REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from site_builder.errors import ContentErrors
from site_builder.load.content import load_site

AGENCY = "name: เทศบาลตำบลทดสอบ\nkind: เทศบาลตำบล\ndistrict: เมือง\nprovince: ขอนแก่น\n"
KEYS = [
    "score",
    "level",
    "tools",
    "indicators",
    "questions",
    "rank",
    "IIT",
    "EIT",
    "OIT",
    "position",
    "of",
    "measures",
    "topic",
    "period",
    "start",
    "end",
    "fiscal_year",
    "entries",
    "measure",
    "status",
    "values",
    "documents",
    "file",
    "title",
    "date",
    "framework",
    "items",
    "remove",
    "1",
    "2",
    "i7",
    "o12",
    "ผลคะแนน",
]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet="0123456789๐๑๒๓๔๕๖๗๘๙.-: abcกขคผ่านดีเยี่ยม<>\"'\t\n#&*!|", max_size=12),
    st.dates().map(str),
    st.sampled_from(["ผ่านดี", "AA", "done", "ita-2568", "2025-13", "2568-10-01", "o1", "../x"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), children, max_size=5),
    ),
    max_leaves=20,
)
FILES = [
    "2568/result.yml",
    "2568/analysis.yml",
    "2568/measures.yml",
    "2568/progress.yml",
    "2568/year.yml",
    "2567/result.yml",
    "agency.yml",
]
# Files of the example site that random edits start from.
EDITABLE = [
    "2568/result.yml",
    "2568/measures.yml",
    "2568/progress.yml",
    "2568/year.yml",
    "2567/analysis.yml",
    "2568/o1/index.md",
    "agency.yml",
]


def load(content: Path) -> Any:
    try:
        return load_site(content, content.parent)
    except ContentErrors as errors:
        assert errors.errors, "an empty error list was raised"
        return None


def build(root: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    config = load_config(str(root / "mkdocs.yml"), strict=False)
    config.plugins["oit"].config.pdf = False  # the PDF has tests of its own
    config.plugins.on_startup(command="build", dirty=False)
    mkdocs_build(config)
    assert (root / "site" / "index.html").is_file()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(FILES), VALUES, max_size=4))
def test_random_trees_load_or_fail_with_our_error(files: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        content.mkdir()
        (content / "agency.yml").write_text(AGENCY, encoding="utf-8")
        for name, value in files.items():
            path = content / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
        load(content)


EDITS = st.lists(
    st.tuples(
        st.sampled_from(["insert", "delete_line", "duplicate_line", "swap_lines", "truncate"]),
        st.integers(0, 10_000),
        st.sampled_from(
            ["\t", '"', "'", ":", "-", " ", "  ", "๙", "9", "\n", "#", "[", "{", "<script>", "\ufeff", "\r\n"]
        ),
    ),
    min_size=1,
    max_size=3,
)


def edit(text: str, edits: list[tuple[str, int, str]]) -> str:
    for kind, where, what in edits:
        lines = text.split("\n")
        line = where % max(len(lines), 1)
        if kind == "insert":
            position = where % (len(text) + 1)
            text = text[:position] + what + text[position:]
        elif kind == "delete_line":
            text = "\n".join(lines[:line] + lines[line + 1 :])
        elif kind == "duplicate_line":
            text = "\n".join(lines[: line + 1] + lines[line:])
        elif kind == "swap_lines" and len(lines) > 1:
            other = (line + 1) % len(lines)
            lines[line], lines[other] = lines[other], lines[line]
            text = "\n".join(lines)
        elif kind == "truncate":
            text = text[: where % (len(text) + 1)]
    return text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(EDITABLE), EDITS)
def test_random_edits_of_valid_content_load_or_fail_and_accepted_ones_build(
    name: str, edits: list[Any]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        content = root / "content"
        shutil.copytree(REPO / "content", content)
        path = content / name
        path.write_text(edit(path.read_text(encoding="utf-8"), edits), encoding="utf-8")
        if load(content) is not None:
            build(root)
