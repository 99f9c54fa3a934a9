"""Atomic output: a build writes beside ``site/`` and replaces it only when it succeeded.

The built folder is copied to the live host unattended, so a failed or interrupted
build must never leave a half-written or emptied ``site/``. MkDocs cleans ``site_dir``
and writes into it page by page; we point it at a staging folder instead and swap the
folders at the very end.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.oit")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class AtomicOutput:
    """Stage a build next to ``final`` and swap it in with :meth:`commit`."""

    def __init__(self, final: Path) -> None:
        self.final = final.resolve()
        self.staging = self.final.parent / f".{self.final.name}.building-{os.getpid()}"
        self.retired = self.final.parent / f".{self.final.name}.old-{os.getpid()}"

    def begin(self) -> Path:
        """Remove what interrupted builds left, and return an empty staging folder."""
        self.final.parent.mkdir(parents=True, exist_ok=True)
        for leftover in self.final.parent.glob(f".{self.final.name}.*-*"):
            pid = leftover.name.rsplit("-", 1)[-1]
            if leftover.is_dir() and pid.isdigit() and (int(pid) == os.getpid() or not _alive(int(pid))):
                shutil.rmtree(leftover, ignore_errors=True)
        self.staging.mkdir()
        return self.staging

    def commit(self) -> None:
        """Put the staged build in place of ``final``."""
        if self.final.exists():
            try:
                self.final.rename(self.retired)
            except OSError:
                # site/ may be a mount point that cannot be renamed: replace its content instead.
                self._replace_contents()
                return
        self.staging.rename(self.final)
        shutil.rmtree(self.retired, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)

    def _replace_contents(self) -> None:
        for child in self.final.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
        for child in self.staging.iterdir():
            child.rename(self.final / child.name)
        self.staging.rmdir()
        log.info("site/ could not be renamed; its content was replaced in place")
