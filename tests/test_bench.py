"""The benchmark script keeps working: one quick run at N = 1 (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_benchmark_runs_at_one_year() -> None:
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "run.py"),
            "--years",
            "1",
            "--runs",
            "1",
            "--no-serve",
            "--no-profile",
            "--no-pdf",  # the PDF of a generated year takes half a minute; run.py measures it by default
            "--no-first-view",  # measured in Chromium by default
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "| N years | pages | (a) ours s | (b) plain s | a/b |" in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("| 1 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert int(cells[1]) == 1 + 1 + 1 + 28  # home, the year page, its report, the 28 items of ITA 2568
    # The goals, each with what was measured (here only the fixed cost at N = 1).
    goal = next(
        line for line in result.stdout.splitlines() if line.startswith("| N = 1 build: ours − plain |")
    )
    assert goal.split("|")[4].strip() in ("met", "missed")
    assert "| `mkdocs serve`, one item file changed, N = 10 | not measured |" in result.stdout
