"""The layers the README names are the real import graph: content flows load → model →
render, publishing reads only a built folder, only the adapters (plugin, rebuild, cli) and
the commands they call know MkDocs, and no command knows the MkDocs plugin."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "site_builder"
# What each layer may not import (prefixes of module names).
FORBIDDEN = {
    "model": (
        "site_builder.load",
        "site_builder.render",
        "site_builder.commands",
        "site_builder.cli",
        "site_builder.build.plugin",
        "site_builder.build.rebuild",
        "mkdocs",
    ),
    "load": (
        "site_builder.render",
        "site_builder.commands",
        "site_builder.cli",
        "site_builder.build.plugin",
        "site_builder.build.rebuild",
        "mkdocs",
    ),
    "render": (
        "site_builder.load",
        "site_builder.commands",
        "site_builder.cli",
        "site_builder.build.plugin",
        "site_builder.build.rebuild",
        "mkdocs",
    ),
    # The browser editor is made from the models and the loaded site, as pages are.
    "editor": (
        "site_builder.load",
        "site_builder.commands",
        "site_builder.cli",
        "site_builder.build.plugin",
        "site_builder.build.rebuild",
        "site_builder.publish",
        "mkdocs",
    ),
    # Publishing reads a built folder: it knows neither MkDocs, nor the content's models,
    # nor how pages are made. It lists folders with the loader's walk (load.files.snapshot)
    # and may use the other plain helpers of load/ for files, never the content loader.
    "publish": (
        "site_builder.load.content",
        "site_builder.render",
        "site_builder.model",
        "site_builder.commands",
        "site_builder.cli",
        "site_builder.build.plugin",
        "site_builder.build.rebuild",
        "mkdocs",
    ),
    # The importer reads a report and writes drafts in the content's format: it knows the
    # models and the frameworks, not the loader, the pages nor MkDocs.
    "importer": (
        "site_builder.load",
        "site_builder.render",
        "site_builder.commands",
        "site_builder.cli",
        "site_builder.build.plugin",
        "site_builder.build.rebuild",
        "site_builder.publish",
        "site_builder.overview",
        "mkdocs",
    ),
    # The overview reads other sites' published files: it knows their formats
    # (model.published) and the items' status words (model.status), not how pages are made
    # nor MkDocs.
    "overview": (
        "site_builder.load.content",
        "site_builder.render",
        "site_builder.commands",
        "site_builder.cli",
        "site_builder.build.plugin",
        "site_builder.build.rebuild",
        "site_builder.publish",
        "mkdocs",
    ),
    # The commands (site_builder.commands) load a site as a build does, with the theme's
    # settings and the build's stamp (build.theme, build.stamp), but never through the
    # MkDocs plugin nor what it keeps between builds; cli.py calls them, not the other way.
    "commands": (
        "site_builder.build.plugin",
        "site_builder.build.session",
        "site_builder.build.rebuild",
        "site_builder.cli",
    ),
}


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files
    wrong = [
        f"{path.relative_to(REPO)} imports {module}"
        for path in files
        for module in sorted(imports(path))
        if module.startswith(FORBIDDEN[layer])
    ]
    assert wrong == []


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py")) if "vendor" not in path.parts}


def edges(path: Path) -> list[tuple[str, str]]:
    """(module imported, name taken from it or "") of every import in ``path``, type-only ones
    and those inside functions included: a cycle hidden by a deferred import is a cycle."""
    found: list[tuple[str, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                # `from site_builder.render import charts` imports the module charts.
                inner = f"{node.module}.{alias.name}"
                found.append((inner, "") if inner in MODULES else (node.module, alias.name))
    return [(module, name) for module, name in found if module in MODULES]


def test_the_import_graph_has_no_cycle() -> None:
    graph = {name: sorted({module for module, _ in edges(path)} - {name}) for name, path in MODULES.items()}
    # Tarjan's strongly connected components: any of more than one module is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(name: str) -> None:
        index[name] = low[name] = len(index)
        stack.append(name)
        for other in graph[name]:
            if other not in index:
                visit(other)
                low[name] = min(low[name], low[other])
            elif other in stack:
                low[name] = min(low[name], index[other])
        if low[name] == index[name]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == name:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for name in graph:
        if name not in index:
            visit(name)
    assert cycles == []


def test_no_module_imports_another_modules_private_names() -> None:
    private = [
        f"{path.relative_to(REPO)} imports {module}.{name}"
        for path in MODULES.values()
        for module, name in edges(path)
        if name.startswith("_") and not name.startswith("__")
    ]
    assert private == []
