"""``oit-site register``: every URL the site publishes added to ``published-urls.txt``,
the register of URLs that must keep answering."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from site_builder.commands.common import built, config_of
from site_builder.errors import ContentErrors
from site_builder.urls import REGISTER, path_of, write_register


def register(config_file: Path, out: TextIO) -> int:
    config = config_of(config_file)
    try:
        _, outputs = built(config)
    except ContentErrors as errors:
        sys.stderr.write(f"{errors}\n")
        return 1
    urls = [path_of(o.uri) for o in outputs if o.listed or o.uri.endswith(("index.html", "index.md"))]
    added, total = write_register(config_file.resolve().parent / REGISTER, urls)
    out.write(f"เพิ่ม {added} ที่อยู่ใน {REGISTER} รวม {total} ที่อยู่ (added {added} URLs; {total} in the register)\n")
    return 0
