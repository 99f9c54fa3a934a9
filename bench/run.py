"""Benchmarks: the builder's cost over plain MkDocs, and how it grows with fiscal years.

    python bench/run.py --years 1 10 --runs 3   # the goals (BENCHMARKS.md), about 10 minutes
    python bench/run.py --years 1 5 10 20       # how it grows
    python bench/run.py --years 1 --runs 1 --no-serve --no-pdf --no-first-view  # the smoke test

For each N it generates synthetic content (bench/generate.py) and times, alternating:
(a) our full ``mkdocs build`` from ``content/``; (b) plain ``mkdocs build`` with the same
theme and plugins (ours off) of the same pages already rendered as Markdown in a docs
folder, with the same navigation (Material's navigation.prune). Each build runs in its own
process; wall time and peak memory (max RSS) are that process's. It prints medians, the
ratio a/b, time per page, site size, search index size, the heaviest page with all it
loads, the ``mkdocs serve`` rebuild after one item file changes (N = 10), and a profile
of where (a) spends its time.

(a) runs after a warm-up build, as an editor's second build and every one after it do:
with the words of the search index in ``.cache/oit-site/`` and the compiled templates in
the user's cache folder. "(a) first build" is the same build with both emptied before each
run, as on a fresh clone. Last, it checks the figures against the goals: the fixed cost at
N = 1, a/b at N = 10, the serve rebuild, the PDF report of a year, and the first view of a
year page (bench/first_view.py, in Chromium, on the example site).
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import io
import json
import os
import pstats
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from site_builder.build.theme import MARKDOWN_EXTENSIONS  # noqa: E402
from site_builder.load.content import load_site  # noqa: E402
from site_builder.render.pages import build_outputs, navigation  # noqa: E402

# Python writes its compiled modules as it does on an editor's machine (a sandbox may turn that off).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"NO_MKDOCS_2_WARNING": "1"}
MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode\n"
    "wall = time.perf_counter() - start\n"
    "print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n"
)


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one build, each in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env or ENV,
        check=True,
    ).stdout.split()
    if out[2] != "0":
        raise SystemExit(f"build failed in {cwd}: {' '.join(command)}")
    return float(out[0]), int(out[1]) / 1024


def prepare(work: Path, years: int) -> tuple[Path, Path, int]:
    """Our repository (a) and the plain-MkDocs twin (b) of the same pages; return both and the page count."""
    ours = work / "ours"
    ours.mkdir(parents=True)
    generate(ours / "content", years)
    # The PDF reports have no counterpart in (b); their cost is measured on its own.
    (ours / "mkdocs.yml").write_text(
        (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("pdf: true", "pdf: false"), encoding="utf-8"
    )

    plain = work / "plain"
    docs = plain / "docs"
    docs.mkdir(parents=True)
    config = yaml.safe_load(
        re.sub(r"!!python/name:\S+", "", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    )
    site = load_site(ours / "content", ours)
    pages = 0
    for output in build_outputs(site, config.get("site_url")):
        pages += output.uri.endswith(".md")
        target = docs / output.uri
        target.parent.mkdir(parents=True, exist_ok=True)
        if output.path is not None:
            shutil.copy(output.path, target)
        else:
            target.write_text(output.content, encoding="utf-8") if isinstance(
                output.content, str
            ) else target.write_bytes(output.content or b"")
    shutil.copytree(REPO / "theme", plain / "theme")
    config["docs_dir"] = "docs"
    config["site_name"] = site.agency.name
    config["plugins"] = [
        p for p in config["plugins"] if p != "oit" and not (isinstance(p, dict) and "oit" in p)
    ]
    config["nav"] = navigation(site)
    # What the oit plugin sets (site_builder.build.theme.use_product_theme), set by hand: the
    # product's theme as the site's own, and the Markdown extensions its pages use.
    config["theme"] = {**config["theme"], "custom_dir": "theme", "language": "custom", "font": False}
    config["markdown_extensions"] = [*MARKDOWN_EXTENSIONS[:-1], {"toc": {"permalink": True}}]
    config["validation"] = {"nav": {"omitted_files": "info"}}
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return ours, plain, pages


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def heaviest_page(site: Path) -> tuple[str, int, int]:
    """The year page that weighs most with every local file it loads (search index excluded)."""
    best = ("", 0, 0)
    for page in site.glob("[0-9][0-9][0-9][0-9]/index.html"):
        html = page.read_text(encoding="utf-8")
        total = len(html.encode())
        for ref in set(re.findall(r'<(?:link|script|img)\b[^>]*?(?:href|src)="([^"#?]+)', html)):
            if ref.startswith(("http:", "https:", "data:")):
                continue
            target = (page.parent / ref).resolve()
            if target.is_file() and target.suffix in (".css", ".js", ".svg", ".png", ".woff2"):
                total += target.stat().st_size
        if total > best[2]:
            best = (page.parent.name + "/", len(html.encode()), total)
    return best


def serve_rebuild(ours: Path, rounds: int = 3, python: str = sys.executable) -> float:
    """Median seconds from saving an item file to `mkdocs serve` answering with the change
    (``python``: the interpreter whose oit-site serves)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [python, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=ours,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=ENV,
    )
    url = f"http://127.0.0.1:{port}/ita/2568/o3/"

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + 300
        while "O3" not in page():
            if time.monotonic() > deadline:
                raise SystemExit("mkdocs serve did not start")
            time.sleep(0.5)
        times = []
        item = ours / "content" / "2568" / "o3" / "index.md"
        for round_ in range(rounds):
            marker = f"rebuild-marker-{round_}-{time.time_ns()}"
            start = time.perf_counter()
            item.write_text(item.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")
            while marker not in page():
                if time.perf_counter() - start > 300:
                    raise SystemExit("mkdocs serve did not rebuild")
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
            time.sleep(1)
        return statistics.median(times)
    finally:
        server.terminate()
        server.wait(timeout=30)


def cold(command: list[str], ours: Path, work: Path) -> tuple[float, float]:
    """One build as on a fresh clone: no .cache/ in the repository, an empty user cache."""
    shutil.rmtree(ours / ".cache", ignore_errors=True)
    home = Path(tempfile.mkdtemp(dir=work, prefix="cache-"))
    try:
        return timed(command, ours, {**ENV, "XDG_CACHE_HOME": str(home)})
    finally:
        shutil.rmtree(home, ignore_errors=True)


def pdf_cost(ours: Path, years: int, runs: int) -> float:
    """Seconds a build spends typesetting each year's PDF report (no cache), median of ``runs``."""
    config = ours / "mkdocs.yml"
    plain = config.read_text(encoding="utf-8")
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
    try:
        without = statistics.median(timed(build, ours)[0] for _ in range(runs))
        config.write_text(plain.replace("pdf: false", "pdf: true"), encoding="utf-8")
        with_pdf = []
        for _ in range(runs):
            shutil.rmtree(ours / ".cache", ignore_errors=True)
            with_pdf.append(timed(build, ours)[0])
    finally:
        config.write_text(plain, encoding="utf-8")
        shutil.rmtree(ours / ".cache", ignore_errors=True)
    return (statistics.median(with_pdf) - without) / years


def seed_pdf_cost(work: Path, runs: int) -> dict[str, float]:
    """Seconds the PDF report adds to a build (nothing cached) for each real report in
    tests/seeds/, the size of an agency's year: medians of ``runs``, alternating."""
    costs = {}
    for seed in sorted((REPO / "tests" / "seeds").glob("*/content")):
        repo = work / f"seed-{seed.parent.name}"
        shutil.copytree(seed, repo / "content")
        config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
        (repo / "with.yml").write_text(config.replace("pdf: false", "pdf: true"), encoding="utf-8")
        (repo / "without.yml").write_text(config.replace("pdf: true", "pdf: false"), encoding="utf-8")
        build = [sys.executable, "-m", "mkdocs", "build", "-q", "-f"]
        timed([*build, "without.yml"], repo)  # warm-up
        with_pdf, without = [], []
        for _ in range(runs):
            shutil.rmtree(repo / ".cache" / "oit-site" / "pdf", ignore_errors=True)
            with_pdf.append(timed([*build, "with.yml"], repo)[0])
            without.append(timed([*build, "without.yml"], repo)[0])
        costs[seed.parent.name] = statistics.median(with_pdf) - statistics.median(without)
        print(json.dumps({"seed_pdf_seconds": {seed.parent.name: costs[seed.parent.name]}}), flush=True)
    return costs


def profile(ours: Path, top: int = 12) -> str:
    """Where our build spends its time: cumulative time of the heaviest functions."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    cwd = os.getcwd()
    os.chdir(ours)
    try:
        config = load_config(str(ours / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        profiler = cProfile.Profile()
        profiler.enable()
        build(config)
        profiler.disable()
    finally:
        os.chdir(cwd)
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(
        r"site_builder|mkdocs/(commands|structure)|markdown/core|material", top
    )
    return out.getvalue()


def run(years_list: list[int], runs: int, serve: bool, do_profile: bool, pdf: bool = True) -> dict[str, Any]:
    results: dict[str, Any] = {"rows": []}
    for years in years_list:
        with tempfile.TemporaryDirectory() as tmp:
            ours, plain, pages = prepare(Path(tmp), years)
            build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"]
            timed(build, ours)  # warm-up: file caches, byte-compiled modules
            timed([*build[:-2], "-q"], plain)
            a, b, first = [], [], []
            for _ in range(runs):
                a.append(timed(build, ours))
                b.append(timed([*build[:-2], "-q"], plain))
                first.append(cold(build, ours, Path(tmp)))
            timed(build, ours)  # the caches as an editor has them, for what follows
            site = ours / "site"
            index = site / "search" / "search_index.json"
            heavy = heaviest_page(site)
            row = {
                "years": years,
                "pages": pages,
                "a_seconds": statistics.median(t for t, _ in a),
                "a_first_seconds": statistics.median(t for t, _ in first),
                "b_seconds": statistics.median(t for t, _ in b),
                "a_peak_mb": statistics.median(m for _, m in a),
                "b_peak_mb": statistics.median(m for _, m in b),
                "site_mb": folder_size(site) / 1e6,
                "index_kb": index.stat().st_size / 1e3,
                "index_gzip_kb": len(gzip.compress(index.read_bytes())) / 1e3,
                "heaviest_page": heavy[0],
                "heaviest_html_kb": heavy[1] / 1e3,
                "heaviest_with_assets_kb": heavy[2] / 1e3,
            }
            row["ratio"] = row["a_seconds"] / row["b_seconds"]
            row["overhead"] = row["a_seconds"] - row["b_seconds"]
            row["ms_per_page"] = 1000 * row["a_seconds"] / pages
            results["rows"].append(row)
            print(json.dumps(row, ensure_ascii=False), flush=True)
            if serve and years == 10:
                results["serve_rebuild_seconds"] = serve_rebuild(ours)
                print(json.dumps({"serve_rebuild_seconds": results["serve_rebuild_seconds"]}), flush=True)
            if pdf and years == min(years_list):
                results["seed_pdf_seconds"] = seed_pdf_cost(Path(tmp), min(runs, 3))
                results["pdf_seconds_per_year"] = pdf_cost(ours, years, min(runs, 3))
                print(json.dumps({"pdf_seconds_per_year": results["pdf_seconds_per_year"]}), flush=True)
            if do_profile and years == max(years_list):
                results["profile"] = profile(ours)
    return results


def table(results: dict[str, Any]) -> str:
    lines = [
        "| N years | pages | (a) ours s | (b) plain s | a/b | a − b s | (a) first build s | ms/page (a) "
        "| peak MB (a) | peak MB (b) | site MB | index KB (gzip) | heaviest year page KB (with CSS/JS) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results["rows"]:
        lines.append(
            f"| {r['years']} | {r['pages']} | {r['a_seconds']:.2f} | {r['b_seconds']:.2f} | {r['ratio']:.2f} "
            f"| {r['overhead']:.2f} | {r['a_first_seconds']:.2f} | {r['ms_per_page']:.1f} "
            f"| {r['a_peak_mb']:.0f} | {r['b_peak_mb']:.0f} | {r['site_mb']:.1f} "
            f"| {r['index_kb']:.0f} ({r['index_gzip_kb']:.0f}) | {r['heaviest_html_kb']:.0f} "
            f"({r['heaviest_with_assets_kb']:.0f}) |"
        )
    return "\n".join(lines)


def first_view() -> float | None:
    """Gzipped KB a phone downloads on opening the example's 2568 page (bench/first_view.py),
    or None without Chromium."""
    import first_view as fv

    if not Path(fv.CHROMIUM).exists():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        fv.build_example(site)
        row = fv.measure(site, ["2568/"])[0]
    return float(row["gzip"]) / 1024  # type: ignore[arg-type]


def goals(results: dict[str, Any]) -> str:
    """The goals of BENCHMARKS.md, each with what this run measured and whether it is met."""
    rows = {r["years"]: r for r in results["rows"]}
    checks: list[tuple[str, str, float | None, float, str]] = [
        ("N = 1 build: ours − plain", "s", rows[1]["overhead"] if 1 in rows else None, 0.5, "≤ 0.5 s"),
        ("N = 10 build: ours / plain", "", rows[10]["ratio"] if 10 in rows else None, 1.15, "≤ 1.15"),
        (
            "`mkdocs serve`, one item file changed, N = 10",
            "s",
            results.get("serve_rebuild_seconds"),
            2.0,
            "≤ 2 s",
        ),
        (
            "PDF report of a seed-size year (largest of tests/seeds), uncached",
            "s",
            max(results["seed_pdf_seconds"].values()) if results.get("seed_pdf_seconds") else None,
            3.0,
            "≤ 3 s",
        ),
        (
            "first view of a year page, gzipped, all it loads",
            "KB",
            results.get("first_view_kb"),
            100.0,
            "≤ 100 KB",
        ),
    ]
    lines = ["| goal | measured | target | |", "|---|---:|---:|---|"]
    for name, unit, value, limit, target in checks:
        if value is None:
            lines.append(f"| {name} | not measured | {target} | |")
        else:
            shown = f"{value:.2f} {unit}".strip()
            lines.append(f"| {name} | {shown} | {target} | {'met' if value <= limit else 'missed'} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--years", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve rebuild timing")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF report timing")
    parser.add_argument("--no-first-view", action="store_true", help="skip the first view (Chromium)")
    args = parser.parse_args()
    results = run(args.years, args.runs, not args.no_serve, not args.no_profile, not args.no_pdf)
    if not args.no_first_view:
        results["first_view_kb"] = first_view()
    print()
    print(table(results))
    if "seed_pdf_seconds" in results:
        each = ", ".join(f"{name} {value:.2f} s" for name, value in results["seed_pdf_seconds"].items())
        print(f"\nPDF report of each seed's year (not cached), added to its build: {each}")
    if "pdf_seconds_per_year" in results:
        print(
            "PDF report of the generated year (not cached, 30 measures and 30 progress rows): "
            f"{results['pdf_seconds_per_year']:.2f} s"
        )
    if "serve_rebuild_seconds" in results:
        print(
            "\nmkdocs serve rebuild after one item file changes (N = 10): "
            f"{results['serve_rebuild_seconds']:.2f} s"
        )
    if "first_view_kb" in results:
        print(f"\nFirst view of /2568/ (example site, gzipped): {results['first_view_kb'] or 0:.1f} KB")
    print("\nGoals:\n" + goals(results))
    if "profile" in results:
        print("\nProfile of (a), largest N:\n" + results["profile"])


if __name__ == "__main__":
    main()
