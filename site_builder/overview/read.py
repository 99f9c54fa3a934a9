"""One site of an overview: its index and a year's answer sheet, checked, or the reason it
could not be read. A site that cannot be read is kept, with its reason, never dropped."""

from __future__ import annotations

import json
import posixpath
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urljoin, urlsplit

from pydantic import ValidationError

from site_builder.model.published import INDEX_FILE, Sheet, SheetRow, SiteIndex
from site_builder.model.status import FORMER_WORDS, STATUSES, State
from site_builder.overview.fetch import Fetched, Fetcher
from site_builder.overview.sources import Source
from site_builder.thai import bare_district

STATUS_WORDS = tuple(label.thai for label in STATUSES.values())
"""The statuses in ``check``'s words, in its order (the last, ครบ, is complete)."""
COMPLETE = STATUSES["complete"].thai
STATE_OF_WORD: Mapping[str, State] = MappingProxyType({label.thai: key for key, label in STATUSES.items()})


@dataclass
class Reading:
    source: Source
    index: SiteIndex | None = None
    year: int | None = None
    rows: list[SheetRow] = field(default_factory=list)
    problem: str | None = None
    """Why the site could not be read, in Thai; None when it was."""
    sheet_url: str = ""

    @property
    def name(self) -> str:
        if self.source.name:
            return self.source.name
        return self.index.agency.name if self.index else self.source.url

    @property
    def district(self) -> str:
        return bare_district(self.index.agency.district or "") if self.index else ""

    @property
    def counts(self) -> dict[str, int]:
        found = Counter(row.status for row in self.rows)
        return {word: found.get(word, 0) for word in STATUS_WORDS}

    @property
    def missing(self) -> list[str]:
        return [row.code for row in self.rows if row.status != COMPLETE]

    @property
    def share_complete(self) -> float | None:
        return self.counts[COMPLETE] / len(self.rows) if self.rows else None

    @property
    def updated(self) -> str:
        if self.index is None or self.year is None:
            return ""
        found = next((y for y in self.index.years if y.year == self.year), None)
        return found.updated.isoformat() if found and found.updated else ""


def _read_local(folder: Path, rel: str, max_bytes: int) -> Fetched:
    path = folder / rel
    try:
        if path.stat().st_size > max_bytes:
            return Fetched(str(path), error=f"ไฟล์ใหญ่เกิน {max_bytes // 1_000_000} MB")
        return Fetched(str(path), body=path.read_bytes(), content_type="application/json")
    except FileNotFoundError:
        return Fetched(str(path), error="ไม่พบไฟล์ (HTTP 404)")
    except OSError as exc:
        return Fetched(str(path), error=f"อ่านไม่ได้ ({exc.strerror})")


def _get(source: Source, rel: str, fetcher: Fetcher) -> Fetched:
    if source.local:
        return _read_local(Path(source.url), rel, fetcher.max_bytes)
    return fetcher.get(urljoin(source.url, rel))


def _json(fetched: Fetched, what: str) -> tuple[object | None, str | None]:
    if fetched.error is not None:
        if "404" in fetched.error:
            return None, f"ไม่มี{what}"
        return None, f"{what}: {fetched.error}"
    if fetched.content_type in ("text/html", "application/xhtml+xml"):
        return None, f"{what}: ตอบเป็นหน้าเว็บ ไม่ใช่ JSON"
    try:
        return json.loads((fetched.body or b"").decode("utf-8-sig")), None
    except (UnicodeDecodeError, ValueError):
        return None, f"{what}: ไม่ใช่ JSON"


def read_index(source: Source, fetcher: Fetcher) -> Reading:
    reading = Reading(source)
    if source.local and not Path(source.url).is_dir():
        reading.problem = "ไม่พบโฟลเดอร์ของเว็บไซต์ (no such folder)"
        return reading
    data, problem = _json(_get(source, INDEX_FILE, fetcher), f"ดัชนี {INDEX_FILE}")
    if problem is not None:
        reading.problem = problem
        return reading
    if isinstance(data, dict) and not str(data.get("generator", "")).startswith("oit-site"):
        reading.problem = f"เว็บไซต์สร้างด้วยโปรแกรมอื่น ({str(data.get('generator', 'ไม่ระบุ'))[:60]})"
        return reading
    try:
        reading.index = SiteIndex.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        reading.problem = f"ดัชนี {INDEX_FILE} ไม่ถูกต้อง ({where}: {first['msg'][:80]})"
    return reading


def _sheet_path(path: str) -> str | None:
    """The sheet's path inside the site, or None for one that reaches outside it."""
    if "://" in path or path.startswith(("/", "\\")) or "\\" in path:
        return None
    normal = posixpath.normpath(path)
    return None if normal.startswith("..") or not normal.endswith(".json") else normal


def read_sheet(reading: Reading, year: int, fetcher: Fetcher) -> None:
    assert reading.index is not None
    entry = next((y for y in reading.index.years if y.year == year), None)
    if entry is None:
        reading.problem = f"ไม่มีปีงบประมาณ {year}"
        return
    reading.year = year
    path = _sheet_path(entry.sheet)
    if path is None:
        reading.problem = f"ที่อยู่ของแบบคำตอบไม่อยู่ในเว็บไซต์ ({entry.sheet[:80]})"
        return
    reading.sheet_url = path if reading.source.local else urljoin(reading.source.url, path)
    data, problem = _json(_get(reading.source, path, fetcher), f"แบบคำตอบ {path}")
    if problem is not None:
        reading.problem = problem
        return
    try:
        rows = Sheet.model_validate({"rows": data}).rows
        for row in rows:
            # The stable key when the sheet has it; a sheet of an older version, without it,
            # in the words that version used.
            state = row.state or FORMER_WORDS.get(row.status) or STATE_OF_WORD.get(row.status)
            if state is not None:
                row.status = STATUSES[state].thai
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"][1:])
        reading.problem = f"แบบคำตอบ {path} ไม่ถูกต้อง ({where}: {first['msg'][:80]})"
        return
    unknown = sorted({row.status for row in rows} - set(STATUS_WORDS))
    if unknown:
        reading.problem = f"แบบคำตอบ {path} มีสถานะที่ไม่รู้จัก ({', '.join(unknown)[:80]})"
        return
    reading.rows = rows


def usual_year(readings: Iterable[Reading]) -> int | None:
    """The latest year that most (more than half) of the sites whose index was read have;
    when no year is, the one the most have."""
    indexes = [r.index for r in readings if r.index is not None]
    counts = Counter(y.year for index in indexes for y in {y.year: y for y in index.years}.values())
    if not counts:
        return None
    most = [year for year, count in counts.items() if count * 2 > len(indexes)]
    if most:
        return max(most)
    top = max(counts.values())
    return max(year for year, count in counts.items() if count == top)


def read_all(
    sources: list[Source],
    fetcher: Fetcher,
    year: int | None,
    workers: int = 32,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[list[Reading], int | None]:
    """Every source read (its index, then the year's sheet), in the list's order."""
    total = len(sources) * 2
    done = 0
    lock = threading.Lock()

    def step() -> None:
        nonlocal done
        with lock:
            done += 1
            if progress is not None:
                progress(done, total)

    def index(source: Source) -> Reading:
        reading = read_index(source, fetcher)
        step()
        return reading

    with ThreadPoolExecutor(max_workers=workers) as pool:
        readings = list(pool.map(index, sources))
        chosen = year if year is not None else usual_year(readings)

        def sheet(reading: Reading) -> None:
            if reading.problem is None and chosen is not None:
                read_sheet(reading, chosen, fetcher)
            step()

        list(pool.map(sheet, readings))
    return readings, chosen


def item_url(reading: Reading, row: SheetRow) -> str | None:
    """An item's address on the agency's site, when it is one a link may lead to."""
    url = row.url
    if not urlsplit(url).scheme and not reading.source.local:
        url = urljoin(reading.source.url, url)
    return url if urlsplit(url).scheme in ("http", "https") else None
