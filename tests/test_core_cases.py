"""The pure core, case by case from YAML files (tests/core/), as literate-nav keeps its cases:
no MkDocs build, each case an input and what must come of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from site_builder.frameworks import load_framework
from site_builder.model.content import Agency, Document, ItemMeta, YearConfig
from site_builder.model.site import FiscalYear, ItemContent, PublishedDocument
from site_builder.model.status import item_status
from site_builder.render.redirects import apache_pattern, encoded

CORE = Path(__file__).resolve().parent / "core"


def cases(name: str) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = yaml.safe_load((CORE / name).read_text(encoding="utf-8"))
    return loaded


STATUS_CASES = cases("status.yml")


def year_with(item_changes: dict[str, Any], entry: dict[str, Any] | None) -> tuple[FiscalYear, ItemContent]:
    framework = load_framework("ita-2568")
    assert framework is not None
    item = framework.items[0].model_copy(update=item_changes)
    content = ItemContent(item=item, parts=list(item.parts))
    if entry is not None:
        folder = Path("content/2568") / item.slug
        meta = ItemMeta.model_validate(
            {key: entry[key] for key in ("documents", "links", "assessor_note", "updated") if key in entry}
        )
        content.folder, content.source, content.meta = folder, folder / "index.md", meta
        content.body = entry.get("body", "")
        content.updated = meta.updated
        content.parts = entry.get("parts", content.parts)
        content.parts_shown = entry.get("parts_shown", True)
        content.documents = [
            PublishedDocument(Document.model_validate(doc), folder / doc.file, doc.file, True)
            for doc in meta.documents
        ]
    fy = FiscalYear(2568, framework, YearConfig(), framework.scoring, [content], Path("content/2568"))
    return fy, content


@pytest.mark.parametrize("case", STATUS_CASES, ids=[c["name"] for c in STATUS_CASES])
def test_an_items_status(case: dict[str, Any]) -> None:
    fy, entry = year_with(case.get("item", {}), case["entry"])
    said = item_status(fy, entry)
    assert (said.status, said.notices, said.notes) == (case["status"], case["notices"], case["notes"])


PLACES = cases("places.yml")


@pytest.mark.parametrize("case", PLACES, ids=[c["shown"] for c in PLACES])
def test_an_agencys_place_as_typed(case: dict[str, Any]) -> None:
    agency = Agency.model_validate({"name": "เทศบาลตำบลทดสอบ", "kind": "เทศบาลตำบล", **case["typed"]})
    assert ({"district": agency.district, "province": agency.province}, agency.place) == (
        case["stored"],
        case["shown"],
    )


REDIRECTS = cases("redirects.yml")


@pytest.mark.parametrize("case", REDIRECTS, ids=[c["path"] for c in REDIRECTS])
def test_a_moved_path_in_the_server_rules(case: dict[str, Any]) -> None:
    assert (encoded(case["path"]), apache_pattern(case["path"])) == (case["encoded"], case["apache"])
