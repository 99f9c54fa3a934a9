"""Benchmark of ``oit-site overview``: many generated sites served from loopback.

    python bench/overview.py --sites 800 8000        # the figures in BENCHMARKS.md
    python bench/overview.py --sites 50 --hosts 2    # the smoke test

Each site is what the overview reads of a built site: its index (``oit-site.json``) and
its answer sheet for 2568 (28 items, statuses drawn at random, the same for every run).
The sites are spread over ``--hosts`` loopback addresses (127.0.0.1, 127.0.0.2, …), each
with a server of its own, as agencies' sites are spread over hosts. For each count it runs
``oit-site overview`` twice in a process of its own, with an empty cache and then again
with nothing changed, and records the wall time, the process's peak memory (max RSS) and
the requests it sent (a re-run must send conditional requests only). ``--rate`` is the
requests a second to one host: the default of the command (4) is politeness towards
agencies' hosts, which loopback does not need; the benchmark measures the reader itself.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

WORDS = ("ยังไม่เผยแพร่", "ยังไม่มีเนื้อหา", "ร่าง", "เอกสารนอกช่วง", "วันที่ขัดกัน", "ครบ")
WEIGHTS = (4, 2, 2, 1, 1, 90)
DISTRICTS = ("เมือง", "หนองบัว", "นาดี", "บ้านไผ่", "ชุมแพ", "พล", "น้ำพอง", "กระนวน")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def generate(folder: Path, count: int) -> None:
    """``count`` sites under ``folder/s<n>/``."""
    rng = random.Random(2568)
    for n in range(1, count + 1):
        site = folder / f"s{n}"
        (site / "2568").mkdir(parents=True)
        index = {
            "version": 1,
            "generator": "oit-site 0.2.0",
            "agency": {
                "name": f"องค์การบริหารส่วนตำบลทดสอบที่ {n}",
                "kind": "องค์การบริหารส่วนตำบล",
                "district": DISTRICTS[n % len(DISTRICTS)],
                "province": "ขอนแก่น",
                "website": None,
            },
            "years": [
                {"year": 2568, "framework": "ita-2568", "sheet": "2568/oit.json", "updated": "2025-09-30"}
            ],
        }
        (site / "oit-site.json").write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
        rows = [
            {
                "code": f"O{i}",
                "title": f"รายการข้อมูลข้อที่ {i}",
                "url": f"2568/o{i}/",
                "status": rng.choices(WORDS, WEIGHTS)[0],
                "note": "",
            }
            for i in range(1, 29)
        ]
        (site / "2568" / "oit.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")


def serve(folder: Path, hosts: int) -> list[tuple[str, http.server.ThreadingHTTPServer]]:
    servers = []
    for h in range(1, hosts + 1):
        server = http.server.ThreadingHTTPServer(
            (f"127.0.0.{h}", 0), functools.partial(_Quiet, directory=str(folder))
        )
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append((f"http://127.0.0.{h}:{server.server_address[1]}/", server))
    return servers


RUN = """
import resource, sys, time, io
from site_builder.cli import main
out = io.StringIO()
start = time.perf_counter()
code = main(sys.argv[1:], out=out)
print("seconds", time.perf_counter() - start)
print("peak_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(out.getvalue())
sys.exit(code)
"""


def run(listing: Path, out: Path, cache: Path, rate: float) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, "-c", RUN, "overview", str(listing), "--out", str(out), "--rate", str(rate)],
        capture_output=True,
        text=True,
        env={"XDG_CACHE_HOME": str(cache), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode != 0:
        raise SystemExit(result.stdout + result.stderr)
    text = result.stdout
    figures = {
        "seconds": float(re.search(r"^seconds (\S+)", text, re.M).group(1)),  # type: ignore[union-attr]
        "peak_mb": float(re.search(r"^peak_mb (\S+)", text, re.M).group(1)),  # type: ignore[union-attr]
    }
    said = re.search(
        r"คำขอ ([\d,]+) \(requests\), แบบมีเงื่อนไข ([\d,]+) \(conditional\), ไม่เปลี่ยน ([\d,]+)", text
    )
    assert said, text
    figures |= {
        key: int(value.replace(",", ""))
        for key, value in zip(("requests", "conditional", "not_modified"), said.groups(), strict=True)
    }
    read = re.search(r"อ่านได้ ([\d,]+) จาก ([\d,]+)", text)
    assert read, text
    figures["read"] = int(read.group(1).replace(",", ""))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sites", type=int, nargs="+", default=[800, 8000])
    parser.add_argument("--hosts", type=int, default=16)
    parser.add_argument("--rate", type=float, default=1000.0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="oit-overview-bench-"))
    try:
        largest = max(args.sites)
        generate(work / "www", largest)
        servers = serve(work / "www", args.hosts)
        rows = []
        for count in args.sites:
            listing = work / f"list-{count}.csv"
            listing.write_text(
                "url,name,group\n"
                + "".join(f"{servers[n % len(servers)][0]}s{n}/,,\n" for n in range(1, count + 1)),
                encoding="utf-8",
            )
            cache = work / f"cache-{count}"
            first = run(listing, work / f"out-{count}", cache, args.rate)
            again = run(listing, work / f"out-{count}", cache, args.rate)
            assert first["read"] == count and again["read"] == count, (first, again)
            rows.append((count, first, again))
            print(
                json.dumps({"sites": count, "first": first, "again": again}, ensure_ascii=False), flush=True
            )
        print()
        heads = "first run | peak memory | re-run, nothing changed | peak memory"
        print(f"| sites ({args.hosts} hosts) | {heads} |")
        print("|---:|---:|---:|---:|---:|")
        for count, first, again in rows:
            print(
                f"| {count:,} | {first['seconds']:.1f} s ({first['requests']:,} requests)"
                f" | {first['peak_mb']:.0f} MB"
                f" | {again['seconds']:.1f} s ({again['conditional']:,} of {again['requests']:,} conditional,"
                f" {again['not_modified']:,} not modified) | {again['peak_mb']:.0f} MB |"
            )
        for server in servers:
            server[1].shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
