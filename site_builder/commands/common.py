"""The site as the commands load it: its configuration with the product's theme, its
content, and every file a build would write, validated as the build validates them."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from site_builder.build.theme import check_version, theme_files, use_product_theme
from site_builder.commands.console import Failure
from site_builder.load.content import load_site
from site_builder.model.site import Site
from site_builder.render.pages import Output, build_outputs


def config_of(config_file: Path) -> MkDocsConfig:
    """``mkdocs.yml`` loaded, with the theme as a build sees it."""
    if not config_file.is_file():
        raise Failure(f"ไม่พบ {config_file}: รันคำสั่งนี้ที่โฟลเดอร์หลักของเว็บไซต์ (run this from the repository root)")
    config = load_config(str(config_file))
    # The theme as a build sees it: its files are paths content may not take.
    oit = config.plugins.get("oit")
    try:
        check_version(oit.config.get("requires") if oit else None)
        use_product_theme(config)
    except PluginError as exc:
        raise Failure(str(exc)) from None
    return config


def site_of(config: MkDocsConfig) -> Site:
    """The site's content, loaded as a build loads it."""
    return load_site(Path(config.docs_dir), Path(config.config_file_path).resolve().parent)


def built(config: MkDocsConfig) -> tuple[Site, list[Output]]:
    """The site and every file a build would write, validated as the build validates them
    (the same loader, the same outputs, the same theme files that content may not replace)."""
    site = site_of(config)
    oit = config.plugins.get("oit")
    pdf = bool(oit and oit.config.get("pdf"))
    return site, build_outputs(site, config.site_url, pdf=pdf, reserved=theme_files(config))
