"""Two versions of oit-site on the same sites, taking turns: is a change slower?

    python bench/against.py BEFORE_PYTHON AFTER_PYTHON --years 1 10 --runs 5

Each interpreter has its own oit-site installed (a virtual environment each, with the
checkouts to compare installed in them, ``pip install -e``). For each N, one site is
generated (bench/generate.py, PDF reports off) and copied for each version; then
``mkdocs build --strict -q`` runs for each in turn, in fresh processes, after a warm-up
build each (the Thai words and the compiled templates cached, as an editor's second build
has them), and at N = 10 ``mkdocs serve`` rebuilds after an item file is saved (five
saves, three rounds each, in turn). Taking turns spreads the machine's noise over both;
the medians and each version's range are printed as a Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import REPO, serve_rebuild, timed  # noqa: E402


def site(folder: Path, years: int) -> Path:
    generate(folder / "content", years)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("pdf: true", "pdf: false")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("before", help="the interpreter of the version before")
    parser.add_argument("after", help="the interpreter of the version after")
    parser.add_argument("--years", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--serve-rounds", type=int, default=3, help="0: no serve rebuilds")
    args = parser.parse_args()
    versions = {"before": args.before, "after": args.after}
    rows = []
    with tempfile.TemporaryDirectory(prefix="oit-bench-against-") as temp:
        for years in args.years:
            made = site(Path(temp) / f"n{years}", years)
            folders = {}
            for name in versions:
                folders[name] = Path(temp) / f"n{years}-{name}"
                shutil.copytree(made, folders[name])
            seconds: dict[str, list[float]] = {name: [] for name in versions}
            for name, python in versions.items():
                timed([python, "-m", "mkdocs", "build", "--strict", "-q"], folders[name])  # warm-up
            for _ in range(args.runs):
                for name, python in versions.items():
                    wall, _ = timed([python, "-m", "mkdocs", "build", "--strict", "-q"], folders[name])
                    seconds[name].append(wall)
            rows.append((f"N = {years}, `mkdocs build --strict -q`", seconds))
            print(f"# N = {years}: {seconds}", file=sys.stderr, flush=True)
            if years == 10 and args.serve_rounds:
                serve: dict[str, list[float]] = {name: [] for name in versions}
                for _ in range(args.serve_rounds):
                    for name, python in versions.items():
                        serve[name].append(serve_rebuild(folders[name], 5, python))
                label = "N = 10, `mkdocs serve`, one item file saved (each round the median of five saves)"
                rows.append((label, serve))
                print(f"# serve: {serve}", file=sys.stderr, flush=True)
    print("| | before | after | after / before |")
    print("|---|---:|---:|---:|")
    for label, got in rows:
        before, after = statistics.median(got["before"]), statistics.median(got["after"])
        print(
            f"| {label} | {before:.2f} s ({min(got['before']):.2f}–{max(got['before']):.2f}) "
            f"| {after:.2f} s ({min(got['after']):.2f}–{max(got['after']):.2f}) | {after / before:.2f} |"
        )


if __name__ == "__main__":
    main()
