"""Where the product's own theme is: the package's ``site_builder/theme`` folder, or this
repository's top-level ``theme/`` when the package is installed from a source tree
(``pyproject.toml`` maps the one onto the other)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

PRODUCT_THEME = Path(str(files("site_builder.theme"))).resolve()
"""The product's theme over Material's templates (``site_builder.plugin.use_product_theme``)."""
