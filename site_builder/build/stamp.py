"""The build's stamp: what ``site/`` was built from, so that a stale or failed build is
never published.

A build that succeeds writes ``site/.oit-build.json`` with a fingerprint of its inputs
(every file of ``content/`` and of the theme folders, ``mkdocs.yml`` and the
register, by size and modification time, and the versions of the builder, MkDocs and
Material). A failed build leaves the previous ``site/`` and its stamp in place
(:mod:`site_builder.build.output`), so its fingerprint no longer matches the content either.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from site_builder.built import STAMP
from site_builder.load.files import snapshot
from site_builder.product import PRODUCT_THEME
from site_builder.urls import REGISTER

_TOOLS = ("oit-site", "mkdocs", "mkdocs-material")


def inputs_fingerprint(config_file: Path, content_dir: Path, theme_dirs: Sequence[Path]) -> str:
    """One hash of everything a build reads, changed by any edit, addition or removal.

    ``theme_dirs``: the site's own theme folder and the product's, whose files change
    without a new version number when the package is installed from a source tree."""
    digest = hashlib.sha256()
    folders = [("content", content_dir), *((f"theme{i}", d) for i, d in enumerate(theme_dirs))]
    for label, folder in folders:
        if folder.is_dir():
            for rel, (size, mtime) in sorted(snapshot(folder).items()):
                if "__pycache__/" in rel:
                    # Python's compiled files: written when a module of the theme's package
                    # is first imported, which another process may do during a build.
                    continue
                digest.update(f"{label}/{rel}\0{size}\0{mtime}\n".encode(errors="surrogateescape"))
    for path in (config_file, config_file.parent / REGISTER):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    for tool in _TOOLS:
        try:
            digest.update(f"{tool}=={version(tool)}\n".encode())
        except PackageNotFoundError:
            digest.update(f"{tool} missing\n".encode())
    return digest.hexdigest()


def write_stamp(site_dir: Path, fingerprint: str, strict: bool) -> None:
    built = datetime.now(UTC).isoformat(timespec="seconds")
    stamp = {"inputs": fingerprint, "strict": strict, "built": built}
    (site_dir / STAMP).write_text(json.dumps(stamp) + "\n", encoding="utf-8")


def stale_reason(site_dir: Path, fingerprint: str) -> str | None:
    """Why ``site_dir`` may not be published as the current content's build, or None."""
    path = site_dir / STAMP
    if not path.is_file():
        return f"ยังไม่ได้สร้างเว็บ หรือสร้างด้วยรุ่นที่ไม่มี {STAMP} (no build stamp in {site_dir.name}/)"
    try:
        stamp = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return f"{site_dir.name}/{STAMP} อ่านไม่ได้ (unreadable build stamp)"
    if not isinstance(stamp, dict) or stamp.get("inputs") != fingerprint:
        return (
            f"เนื้อหาเปลี่ยนหลังการสร้างเว็บครั้งล่าสุด หรือการสร้างครั้งล่าสุดไม่สำเร็จ "
            f"({site_dir.name}/ is older than the content, or the last build failed)"
        )
    if stamp.get("strict") is not True:
        return "เว็บสร้างโดยไม่ได้ใช้ --strict (built without --strict: warnings were not errors)"
    return None


def build_inputs(config: MkDocsConfig) -> str:
    """The fingerprint of what a build of ``config`` reads."""
    custom = config.theme.custom_dir
    return inputs_fingerprint(
        Path(config.config_file_path).resolve(),
        Path(config.docs_dir),
        [*([Path(custom)] if custom else []), PRODUCT_THEME],
    )
