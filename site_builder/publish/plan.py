"""What a publish sends, and in what order: the built files against the server's manifest.

The server keeps ``.oit-publish.json`` in the site's folder: the hash of every file this
tool has put there, the URLs registered as published (``published-urls.txt`` of every
publish so far, so a line deleted from the repository does not free a URL for removal)
and the temporary files an interrupted upload may have left. Only files whose hash
differs are sent. Files the build no longer makes are listed and kept; ``--prune``
removes them unless they are registered. Files the manifest does not name (the rest of
an agency's web site around ``/ita/``) are never touched: one the build would write over
is a conflict, and the publish is refused unless the person allows it, when the old file
is first moved into a dated folder under ``.oit-backup/``.

While a publish uploads, ``.oit-publish.journal`` beside the manifest gets a line for each
temporary file uploaded whole: a publish stopped outright (a killed CI job) leaves the
manifest as it was written at the start, and the next run takes those files as they are
instead of sending them again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from site_builder.built import ANSWER_SHEETS, INDEXES, SERVER_RULES, STAMP
from site_builder.load.files import snapshot
from site_builder.urls import invisible_or_control, path_key, path_of

MANIFEST = ".oit-publish.json"
JOURNAL = ".oit-publish.journal"
"""Appended to while uploading: one temporary name a line, each uploaded whole."""
FORMAT = 1
PART = ".oit-part-"
"""Temporary upload names start so: ``2568/o1/.oit-part-<hash>``, renamed into place when whole."""
BACKUP = ".oit-backup"
"""Files not put there by this tool that a publish was allowed to replace are moved into
``.oit-backup/<date and time>/`` first, by their paths; never listed, sent nor removed."""

# Sent last, in this order: what lists or redirects to pages comes after the pages.


@dataclass(frozen=True)
class BuiltFile:
    """One file of ``site/``, by its path on the server."""

    path: str
    source: Path
    size: int
    sha256: str


@dataclass
class Manifest:
    """The server's record of what this tool put there."""

    files: dict[str, str] = field(default_factory=dict)
    """Path in the site's folder → SHA-256 of the file there."""
    registered: set[str] = field(default_factory=set)
    """Site paths (``/2568/o1/``) registered as published; never removed."""
    pending: set[str] = field(default_factory=set)
    """Temporary names an upload in progress writes, removed by the next publish."""
    incoming: set[str] = field(default_factory=set)
    """Paths a publish in progress writes that were not its own (new, or allowed to be
    replaced): found there by the next publish, after a stop that left them unrecorded,
    they are this tool's, not a conflict."""
    uploaded: set[str] = field(default_factory=set)
    """Of ``pending``, the temporary files known to be uploaded whole: a publish after a
    stop renames them into place without sending them again."""
    run: str | None = None
    """The publish in progress: the journal's lines of this run alone count (a line left
    by an earlier run may name a temporary file this one has not finished)."""

    def to_json(self) -> bytes:
        data = {
            "format": FORMAT,
            "files": dict(sorted(self.files.items())),
            "registered": sorted(self.registered),
            "pending": sorted(self.pending),
            "incoming": sorted(self.incoming),
            "uploaded": sorted(self.uploaded),
            "run": self.run,
        }
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


class ManifestError(Exception):
    """The server's manifest cannot be read: publishing goes on as if there were none."""


class NewerManifest(ManifestError):
    """The manifest is of a format this version does not know: publishing stops."""


def safe_path(path: str) -> bool:
    """A relative path inside the site's folder, as this tool writes them: nothing a
    manifest planted on the server can use to reach outside it."""
    if not path or path.startswith("/") or "\\" in path or any(invisible_or_control(c) for c in path):
        return False
    return all(part not in ("", ".", "..") for part in path.split("/"))


def read_manifest(raw: bytes | None) -> Manifest:
    """The manifest from the server's bytes (None: no manifest yet, a first publish)."""
    if raw is None:
        return Manifest()
    try:
        data: Any = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ManifestError(f"{MANIFEST} บนเซิร์ฟเวอร์เสียหาย (damaged: {exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
        raise ManifestError(f"{MANIFEST} บนเซิร์ฟเวอร์ไม่ใช่รูปแบบที่รู้จัก (not a publish manifest)")
    if data.get("format") != FORMAT:
        raise NewerManifest(
            f"{MANIFEST} บนเซิร์ฟเวอร์เป็นรูปแบบ {data.get('format')!r} ของ oit-site รุ่นอื่น "
            f"(written by another version of oit-site); ปรับรุ่น oit-site ให้ตรงกัน"
        )
    files = {
        path: digest
        for path, digest in data["files"].items()
        if isinstance(path, str) and isinstance(digest, str) and safe_path(path)
    }
    registered = {url for url in data.get("registered", []) if isinstance(url, str)}
    pending = {
        path
        for path in data.get("pending", [])
        if isinstance(path, str) and safe_path(path) and PurePosixPath(path).name.startswith(PART)
    }
    incoming = {path for path in data.get("incoming", []) if isinstance(path, str) and safe_path(path)}
    uploaded = {path for path in data.get("uploaded", []) if path in pending}
    run = data.get("run") if isinstance(data.get("run"), str) else None
    return Manifest(files, registered, pending, incoming, uploaded, run)


def journal_lines(run: str, parts: list[str]) -> bytes:
    return "".join(f"{run} {part}\n" for part in parts).encode("utf-8")


def read_journal(raw: bytes | None, manifest: Manifest) -> set[str]:
    """The temporary files the journal names as uploaded whole by the publish the manifest
    says was in progress, of those it was writing; a line cut off by a stop (no line end)
    is not taken."""
    if not raw or manifest.run is None:
        return set()
    found = set()
    for line in raw.decode("utf-8", "replace").split("\n")[:-1]:
        run, _, part = line.partition(" ")
        if run == manifest.run and part in manifest.pending:
            found.add(part)
    return found


def built_files(site_dir: Path) -> dict[str, BuiltFile]:
    """Every file of the built site (the stamp excepted), with its hash."""
    found: dict[str, BuiltFile] = {}
    for path, (size, _mtime) in sorted(snapshot(site_dir).items()):
        if path == STAMP:
            continue
        source = site_dir / path
        digest = hashlib.sha256()
        with source.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
        found[path] = BuiltFile(path, source, size, digest.hexdigest())
    return found


def part_name(file: BuiltFile) -> str:
    """The temporary name ``file`` is uploaded as, beside where it goes."""
    parent = PurePosixPath(file.path).parent
    name = PART + file.sha256[:20]
    return name if str(parent) == "." else f"{parent}/{name}"


def step(path: str) -> tuple[int, int]:
    """The step of :func:`send_rank` that ``path`` is renamed into place in: files of one
    step may go in any order, each step only once the one before is done."""
    rank = send_rank(path)
    return (rank[0], rank[1] if rank[0] == 1 else 0)


def steps(send: list[BuiltFile]) -> list[list[BuiltFile]]:
    """``send`` (in order) cut into its steps."""
    found: list[list[BuiltFile]] = []
    for file in send:
        if found and step(found[-1][-1].path) == step(file.path):
            found[-1].append(file)
        else:
            found.append([file])
    return found


def send_rank(path: str) -> tuple[int, int, str]:
    """Order of sending: documents, images and styles first; then pages, deepest first (an
    item's page before its year's, the year's before the home page), so a page is live
    only after what it links to; then the indexes of pages; the server's rules last."""
    if path in SERVER_RULES:
        return (3, SERVER_RULES.index(path), path)
    if path in INDEXES:
        return (2, INDEXES.index(path), path)
    if PurePosixPath(path).name in ANSWER_SHEETS:
        return (2, -1, path)
    if path.endswith(".html"):
        return (1, -path.count("/"), path)
    return (0, 0, path)


@dataclass
class Plan:
    send: list[BuiltFile]
    """Files to upload, in order."""
    new: set[str]
    """Of those, the paths the server does not have yet."""
    unchanged: int
    not_built: list[str]
    """On the server (by the manifest) but no longer built."""
    prune: list[str]
    """Of those, what this publish removes (``--prune``, not registered)."""
    registered: list[str]
    """Of those, what is kept because its URL is registered."""
    conflicts: list[str] = field(default_factory=list)
    """Of the files to send, in order, those the target holds already though this tool
    did not put them there: never written over unless the person allows it."""

    @property
    def bytes(self) -> int:
        return sum(file.size for file in self.send)


def answers(path: str) -> str:
    """The URL the file at ``path`` answers, as the register compares them
    (``2568/o1/index.html`` answers ``/2568/o1/``)."""
    return path_key(path_of(path))


def unclaimed(plan: Plan, manifest: Manifest) -> list[str]:
    """The paths ``plan`` writes that the manifest does not show as this tool's: where a
    file already there is a conflict."""
    return [f.path for f in plan.send if f.path not in manifest.files and f.path not in manifest.incoming]


def make_plan(
    built: dict[str, BuiltFile], manifest: Manifest, registered: set[str], *, prune: bool, everything: bool
) -> Plan:
    send = [f for f in built.values() if everything or manifest.files.get(f.path) != f.sha256]
    send.sort(key=lambda f: send_rank(f.path))
    not_built = sorted(path for path in manifest.files if path not in built)
    keys = {path_key(url) for url in registered}
    kept = [path for path in not_built if answers(path) in keys]
    removed = [path for path in not_built if prune and path not in kept]
    return Plan(
        send=send,
        new={f.path for f in send if f.path not in manifest.files},
        unchanged=len(built) - len(send),
        not_built=not_built,
        prune=removed,
        registered=kept,
    )
