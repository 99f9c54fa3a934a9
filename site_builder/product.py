"""Where the product's own files are: its theme (the package's ``site_builder/theme``
folder, or this repository's top-level ``theme/`` when the package is installed from a
source tree: ``pyproject.toml`` maps the one onto the other), and its folder in the user's
cache."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

PRODUCT_THEME = Path(str(files("site_builder.theme"))).resolve()
"""The product's theme over Material's templates (``site_builder.build.theme.use_product_theme``)."""


def user_cache(name: str) -> Path:
    """``name``'s folder in the user's cache (``$XDG_CACHE_HOME/oit-site/<name>``, by default
    ``~/.cache/oit-site/<name>``): what is kept between runs and never in a repository."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "oit-site" / name
