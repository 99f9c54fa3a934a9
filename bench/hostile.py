"""How long each hostile content case costs `oit-site check` and `mkdocs build --strict`, and
how the Markdown scan scales on a pathological page: the limits the tests once asserted.

    python bench/hostile.py                # the figures in BENCHMARKS.md

Each case of ``tests/hostile/cases.yml`` is written as its test writes it (``write_tree``);
a case that must fail is checked and built (each must fail), a case that builds is built.
Each figure is the best of ``--runs`` runs in this process. The goal: one hostile file costs
the validation at most 5 s, and a failing build at most 10 s, a building one 20 s.
"""

from __future__ import annotations

import argparse
import io
import logging
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from test_hostile import mkdocs_build, write_tree  # noqa: E402

from site_builder.cli import main as oit_site  # noqa: E402
from site_builder.load.markup import find_unsafe  # noqa: E402


def best(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def case_row(case: dict[str, Any], runs: int) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        root = write_tree(Path(tmp) / "repo", case["files"])
        config = str(root / "mkdocs.yml")
        if "error" in case:
            check = best(runs, lambda: oit_site(["-f", config, "check"], out=io.StringIO()))
            build = best(runs, lambda: mkdocs_build(root))
            return f"| {case['name']} | {check:.2f} | {build:.2f} |"
        strict = not case["build"].get("warnings")
        build = best(runs, lambda: mkdocs_build(root, strict=strict))
        return f"| {case['name']} (builds) | – | {build:.2f} |"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)
    cases = yaml.safe_load((REPO / "tests" / "hostile" / "cases.yml").read_text("utf-8"))
    print("| case | check (s) | build (s) |")
    print("|---|---:|---:|")
    for case in cases:
        print(case_row(case, args.runs))
    page = "<a " * 200_000 + "![x](" * 100_000
    scan = best(args.runs, lambda: find_unsafe(page))
    print(f"\nfind_unsafe on {len(page):,} characters of unclosed tags and images: {scan:.2f} s (goal: 5 s)")


if __name__ == "__main__":
    main()
