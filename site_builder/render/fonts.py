"""The machine's fonts with Thai letters: the report's PDF and its page name them after their
own font (Sarabun), for a reader's system to fall back on."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def thai_font_families() -> tuple[str, ...] | None:
    """Font families on this machine that have Thai letters, as fontconfig knows them
    (None when fontconfig's ``fc-list`` cannot be found to ask)."""
    fc_list = shutil.which("fc-list") or next(
        (
            p
            for p in ("/usr/bin/fc-list", "/usr/local/bin/fc-list", "/opt/homebrew/bin/fc-list")
            if Path(p).is_file()
        ),
        None,
    )
    if fc_list is None:
        return None
    listed = subprocess.run(
        [fc_list, ":lang=th", "family"], capture_output=True, text=True, check=False
    ).stdout
    return tuple(
        sorted({name.strip() for line in listed.splitlines() for name in line.split(",") if name.strip()})
    )
