"""Reading many sites' files politely: many at once, never many at one host.

- concurrent requests from a pool of threads (``workers``, tens at once);
- a timeout on every request, retries with back-off on a failed connection, a timeout or a
  server error (5xx, 429), none on any other answer;
- at most ``max_bytes`` of any answer, only http and https (redirects included);
- requests to one host spaced ``1 / rate`` seconds apart;
- conditional requests on re-runs: each answer's ETag and Last-Modified are kept with its
  body in ``cache_dir`` (by default ``~/.cache/oit-site/overview``), and a ``304 Not
  Modified`` is answered from there, so a daily run fetches only what changed.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from site_builder import __version__
from site_builder.product import user_cache

USER_AGENT = f"oit-site-overview/{__version__} (+https://pypi.org/project/oit-site/)"


def default_cache_dir() -> Path:
    return user_cache("overview")


@dataclass(frozen=True)
class Fetched:
    """An answer: its body, or why there is none (in Thai, for the overview's table)."""

    url: str
    body: bytes | None = None
    content_type: str = ""
    error: str | None = None
    cached: bool = False
    """Answered ``304 Not Modified``: the body is the one kept from the last run."""


class _Refuse(urllib.request.HTTPRedirectHandler):
    """Redirects only to http and https addresses."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, f"ย้ายไปที่อยู่ที่ไม่ใช่ http(s): {newurl[:100]}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass
class Counts:
    """What a run sent, for its summary and the benchmark."""

    requests: int = 0
    conditional: int = 0
    not_modified: int = 0
    retries: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, **amounts: int) -> None:
        with self.lock:
            for key, amount in amounts.items():
                setattr(self, key, getattr(self, key) + amount)


class Fetcher:
    def __init__(
        self,
        cache_dir: Path | None = None,
        *,
        timeout: float = 15.0,
        retries: int = 2,
        rate: float = 4.0,
        max_bytes: int = 2_000_000,
    ) -> None:
        self.cache_dir = cache_dir
        self.timeout = timeout
        self.retries = retries
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.max_bytes = max_bytes
        self.counts = Counts()
        self._opener = urllib.request.build_opener(_Refuse())
        self._hosts: dict[str, float] = {}
        self._hosts_lock = threading.Lock()
        if cache_dir is not None:
            cache_dir.mkdir(parents=True, exist_ok=True)

    # ------------------------------------------------------------ pacing

    def _wait_for(self, host: str) -> None:
        """Take the host's next free moment, and sleep until it comes."""
        if not self.interval:
            return
        with self._hosts_lock:
            now = time.monotonic()
            at = max(now, self._hosts.get(host, 0.0))
            self._hosts[host] = at + self.interval
        if at > now:
            time.sleep(at - now)

    # ------------------------------------------------------------ cache

    def _cache_paths(self, url: str) -> tuple[Path, Path] | None:
        if self.cache_dir is None:
            return None
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.cache_dir / f"{key}.json", self.cache_dir / f"{key}.body"

    def _cached(self, url: str) -> tuple[dict[str, str], bytes] | None:
        paths = self._cache_paths(url)
        if paths is None:
            return None
        try:
            meta = json.loads(paths[0].read_text(encoding="utf-8"))
            body = paths[1].read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("url") != url:
            return None
        return meta, body

    def _keep(self, url: str, headers: dict[str, str], content_type: str, body: bytes) -> None:
        paths = self._cache_paths(url)
        if paths is None or not (headers.get("etag") or headers.get("last-modified")):
            return
        meta = {
            "url": url,
            "etag": headers.get("etag", ""),
            "last_modified": headers.get("last-modified", ""),
        }
        meta["content_type"] = content_type
        tmp = paths[1].with_suffix(f".{threading.get_ident()}.tmp")
        tmp.write_bytes(body)
        tmp.replace(paths[1])
        tmp = paths[0].with_suffix(f".{threading.get_ident()}.tmp")
        tmp.write_text(json.dumps(meta), encoding="utf-8")
        tmp.replace(paths[0])

    # ------------------------------------------------------------ one request

    def get(self, url: str) -> Fetched:
        """``url``'s body, or why there is none; never raises."""
        if urlsplit(url).scheme not in ("http", "https"):
            return Fetched(url, error="อ่านได้เฉพาะที่อยู่ http และ https")
        host = urlsplit(url).netloc.lower()
        cached = self._cached(url)
        headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
        if cached is not None:
            meta = cached[0]
            if meta.get("etag"):
                headers["If-None-Match"] = meta["etag"]
            if meta.get("last_modified"):
                headers["If-Modified-Since"] = meta["last_modified"]
        error = "อ่านไม่ได้"
        for attempt in range(self.retries + 1):
            if attempt:
                self.counts.add(retries=1)
                time.sleep(0.5 * 2 ** (attempt - 1))
            self._wait_for(host)
            self.counts.add(requests=1, conditional=int(cached is not None))
            request = urllib.request.Request(url, headers=headers)
            try:
                with self._opener.open(request, timeout=self.timeout) as response:
                    body = response.read(self.max_bytes + 1)
                    if len(body) > self.max_bytes:
                        return Fetched(url, error=f"ไฟล์ใหญ่เกิน {self.max_bytes // 1_000_000} MB")
                    kind = response.headers.get_content_type()
                    got = {k.lower(): v for k, v in response.headers.items()}
                    self._keep(url, got, kind, body)
                    return Fetched(url, body=body, content_type=kind)
            except urllib.error.HTTPError as exc:
                if exc.code == 304 and cached is not None:
                    self.counts.add(not_modified=1)
                    return Fetched(
                        url, body=cached[1], content_type=cached[0].get("content_type", ""), cached=True
                    )
                error = f"เซิร์ฟเวอร์ตอบ {exc.code}"
                if exc.code < 500 and exc.code != 429:
                    return Fetched(url, error=error)
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                reason = getattr(exc, "reason", exc)
                error = (
                    "หมดเวลารอ (timed out)" if isinstance(reason, TimeoutError) else f"ติดต่อไม่ได้ ({reason})"
                )
        return Fetched(url, error=error)
