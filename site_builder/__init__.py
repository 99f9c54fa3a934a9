"""oit-site: an agency's OIT disclosure site from Markdown and YAML, through MkDocs."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("oit-site")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0.0.0"
