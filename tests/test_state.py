"""Nothing in site_builder keeps state in a module: what lives from one build to the next
belongs to the session (site_builder.build.session.Session), so a test, a serve and a new
build each start from what they are given. A module's constants are immutable (tuples,
frozensets, read-only mappings)."""

from __future__ import annotations

import importlib
import pkgutil
from collections import deque
from types import MappingProxyType

import site_builder

MUTABLE = (dict, list, set, bytearray, deque)


def modules() -> list[str]:
    names = [site_builder.__name__]
    for found in pkgutil.walk_packages(site_builder.__path__, prefix="site_builder."):
        names.append(found.name)
    return sorted(names)


def test_no_module_holds_a_mutable_value_or_a_cache() -> None:
    found = []
    for name in modules():
        module = importlib.import_module(name)
        for key, value in vars(module).items():
            if key.startswith("__") and key.endswith("__"):
                continue
            if isinstance(value, MUTABLE) and not isinstance(value, MappingProxyType):
                found.append(f"{name}.{key}: {type(value).__name__}")
            elif callable(value) and hasattr(value, "cache_info") and value.__module__.startswith(name):
                found.append(f"{name}.{key}: a cache ({getattr(value, '__module__', '?')})")
    assert found == []


def test_the_walk_sees_every_module() -> None:
    names = modules()
    assert "site_builder.build.session" in names and "site_builder.render.search" in names
    assert len(names) > 40
