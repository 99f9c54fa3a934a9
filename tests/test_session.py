"""The session and the build (site_builder.build.session): what lives from one build to the
next, and what one build holds until it is closed or aborted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from site_builder.build.session import Session


def built_before(tmp_path: Path) -> Path:
    """A site/ an earlier build left."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old", encoding="utf-8")
    return site


def test_a_build_that_succeeds_replaces_site_and_becomes_the_last(tmp_path: Path) -> None:
    site = built_before(tmp_path)
    session = Session("serve")
    with session.begin(pdf=False, fingerprint=None, editor=None) as made:
        staged = made.stage(site)
        (staged / "index.html").write_text("new", encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert session.last is made
    assert session.status is not None and session.status.message is None


def test_a_build_that_fails_leaves_site_and_the_last_build_as_they_were(tmp_path: Path) -> None:
    site = built_before(tmp_path)
    session = Session("serve")
    with session.begin(pdf=False, fingerprint=None, editor=None) as first:
        first.stage(site)
    with pytest.raises(PluginError), session.begin(pdf=False, fingerprint=None, editor=None) as second:
        (second.stage(site) / "index.html").write_text("half", encoding="utf-8")
        raise PluginError("content/2568/year.yml:3: ผิด")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert session.last is first
    assert session.status is not None
    assert session.status.message == "content/2568/year.yml:3: ผิด"


def test_a_session_of_build_keeps_no_serve_records() -> None:
    session = Session("build")
    assert (session.serving, session.rebuilds, session.status) == (False, None, None)
    assert Session("serve").rebuilds is not None


def test_a_build_without_mkdocs_startup_event_says_what_to_call(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    config = load_config(str(root / "mkdocs.yml"))
    with pytest.raises(Abort):
        build(config)
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == [
        "the oit plugin was not started: MkDocs' commands fire on_startup before a build; a program "
        "that builds with mkdocs.commands.build.build calls "
        "config.plugins.on_startup(command='build', dirty=False) first"
    ]
    assert not (root / "site").exists()
