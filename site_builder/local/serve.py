"""``oit-site serve``'s server: ``mkdocs serve``, with its options, whose first build may fail.

MkDocs stops ``serve`` when its first build fails, so a file broken by hand before the
clerk starts the server would leave no site and no editor to see the message in. Here
every build of the server (the first and each rebuild) ends normally: the plugin keeps the
build's message and the server shows it (:mod:`site_builder.local.serving`).

Run as ``python -m site_builder.local.serve [mkdocs serve's options]``.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from mkdocs import __main__ as mkdocs_cli
from mkdocs.commands import serve as mkdocs_serve

log = logging.getLogger("mkdocs.plugins.oit")


def main(argv: list[str]) -> None:
    build = mkdocs_serve.build  # type: ignore[attr-defined]  # the module's import of build()

    def build_that_may_fail(config: Any, **kwargs: Any) -> None:
        try:
            build(config, **kwargs)
        except Exception as error:  # kept by the plugin (on_build_error) and shown by the server
            if type(error).__name__ not in ("Abort", "PluginError", "BuildError", "ConfigurationError"):
                log.exception("สร้างเว็บไม่สำเร็จ (the build failed)")
            log.error(
                "สร้างเว็บไม่สำเร็จ: เว็บและหน้าแก้ไขยังเปิดอยู่ และแสดงข้อความนี้ (the build failed; "
                "the site and the editor keep answering and show why)"
            )

    # The module's own name for the build its server calls: replaced for this process only.
    mkdocs_serve.build = build_that_may_fail  # type: ignore[attr-defined]
    mkdocs_cli.cli(["serve", *argv], prog_name="oit-site")


if __name__ == "__main__":
    main(sys.argv[1:])
