"""``oit-site``: the editor's and webmaster's commands.

``oit-site register`` adds every URL of the current content to ``published-urls.txt``,
the list of URLs the site promises to keep answering.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

from site_builder.errors import ContentErrors
from site_builder.load.content import load_site
from site_builder.render.pages import build_outputs
from site_builder.urls import REGISTER, path_of, write_register


def _site(config_file: Path):  # type: ignore[no-untyped-def]
    config = load_config(str(config_file))
    return config, load_site(Path(config.docs_dir), config_file.resolve().parent)


def register(config_file: Path) -> int:
    try:
        config, site = _site(config_file)
        outputs = build_outputs(site, config.site_url)
    except ContentErrors as errors:
        print(errors, file=sys.stderr)
        return 1
    urls = [path_of(o.uri) for o in outputs if o.listed or o.uri.endswith(("index.html", "index.md"))]
    path = config_file.resolve().parent / REGISTER
    added, total = write_register(path, urls)
    print(f"เพิ่ม {added} ที่อยู่ใน {REGISTER} รวม {total} ที่อยู่ (added {added} URLs; {total} in the register)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="oit-site", description="เครื่องมือของเว็บไซต์เปิดเผยข้อมูล OIT")
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("register", help="เพิ่มที่อยู่ทั้งหมดของเว็บไซต์ลงใน published-urls.txt (add the URLs to the register)")
    args = parser.parse_args(argv)
    try:
        if args.command == "register":
            return register(args.config_file)
    except ConfigurationError as exc:
        print(f"{args.config_file}: {exc}", file=sys.stderr)
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
