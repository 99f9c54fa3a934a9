"""``oit-site overview LIST``: many agencies' sites read from what each publishes, written
as one overview (pages, CSV and JSON) into a folder."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TextIO

from site_builder.commands.console import Failure


def overview(
    listing: Path, year: int | None, folder: Path, workers: int, rate: float, cache: bool, out: TextIO
) -> int:
    """Read every site of ``listing`` and write the overview into ``folder``."""
    from site_builder.overview.fetch import Fetcher, default_cache_dir
    from site_builder.overview.read import read_all
    from site_builder.overview.sources import SourceError, read_sources
    from site_builder.overview.write import write_overview

    try:
        sources = read_sources(listing)
    except SourceError as error:
        raise Failure(str(error)) from None
    fetcher = Fetcher(default_cache_dir() if cache else None, rate=rate)
    interactive = out.isatty()
    shown = {"tenth": -1}

    def progress(done: int, total: int) -> None:
        if interactive:
            filled = round(30 * done / total)
            out.write(f"\rอ่านแล้ว (read) [{'#' * filled}{'.' * (30 - filled)}] {done:,}/{total:,}")
            out.flush()
        elif done * 10 // total > shown["tenth"]:
            shown["tenth"] = done * 10 // total
            out.write(f"อ่านแล้ว (read) {done:,}/{total:,} ({done * 100 // total}%)\n")
            out.flush()

    started = time.monotonic()
    readings, chosen = read_all(sources, fetcher, year, workers=workers, progress=progress)
    if interactive:
        out.write("\n")
    write_overview(folder, readings, chosen)
    failed = [r for r in readings if r.problem is not None]
    counts = fetcher.counts
    out.write(
        f"ปีงบประมาณ {chosen or '–'}: อ่านได้ {len(readings) - len(failed):,} จาก {len(readings):,} เว็บไซต์"
        f" (read {len(readings) - len(failed):,} of {len(readings):,} sites)"
        f" ใน {time.monotonic() - started:.1f} วินาที\n"
        f"คำขอ {counts.requests:,} (requests), แบบมีเงื่อนไข {counts.conditional:,} (conditional),"
        f" ไม่เปลี่ยน {counts.not_modified:,} (not modified), ลองใหม่ {counts.retries:,} (retries)\n"
    )
    for reading in failed:
        out.write(f"  อ่านไม่ได้ (not read): {reading.name}: {reading.problem}\n")
    out.write(f"เขียนภาพรวมที่ {folder}/index.html แล้ว (wrote the overview)\n")
    return 0
