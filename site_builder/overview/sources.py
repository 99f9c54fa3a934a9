"""The list of sites an overview reads: a CSV file with the header ``url,name,group``
(name and group optional) or a YAML list of ``{url, name, group}``. Each ``url`` is a
site's address (``https://www.example.go.th/ita/``) or a local folder holding a built site."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import yaml

from site_builder.errors import ContentError
from site_builder.load.files import read_text


class SourceError(Exception):
    """The list cannot be read: names the file, the line and what to write instead."""


@dataclass(frozen=True)
class Source:
    url: str
    """An http(s) address ending in ``/``, or a local folder's absolute path."""
    name: str = ""
    group: str = ""
    line: int = 0
    """The line of the list it was given on."""

    @property
    def local(self) -> bool:
        return not self.url.startswith(("http://", "https://"))


def _source(url: object, name: object, group: object, where: str, line: int, base: Path) -> Source:
    text = str(url or "").strip()
    if not text:
        raise SourceError(
            f"{where}:{line}: ไม่มี url (no url); เขียนที่อยู่เว็บไซต์ เช่น https://www.example.go.th/ita/"
        )
    if "://" in text:
        if not text.startswith(("http://", "https://")):
            raise SourceError(
                f"{where}:{line}: '{text}' ไม่ใช่ http หรือ https (only http and https sites are read); "
                "เขียนเช่น https://www.example.go.th/ita/"
            )
        text = text if text.endswith("/") else text + "/"
    else:
        text = str((base / text).resolve())
    return Source(text, str(name or "").strip(), str(group or "").strip(), line)


def read_sources(path: Path) -> list[Source]:
    """The sites listed in ``path`` (.csv, or .yml/.yaml), in its order."""
    where = str(path)
    try:
        text = read_text(path, where)
    except OSError as exc:
        raise SourceError(f"{where}: อ่านไม่ได้ (cannot read): {exc.strerror}") from None
    except ContentError as exc:
        raise SourceError(str(exc)) from None
    base = path.parent
    sources: list[Source] = []
    if path.suffix.lower() in (".yml", ".yaml"):
        try:
            nodes = yaml.compose(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark else 1
            raise SourceError(f"{where}:{line}: YAML ไม่ถูกต้อง (not valid YAML): {exc}") from None
        if nodes is None or not isinstance(nodes, yaml.SequenceNode):
            raise SourceError(
                f"{where}:1: ต้องเป็นรายการ (a list) เช่น - {{url: https://www.example.go.th/ita/, name: …}}"
            )
        for node in nodes.value:
            line = node.start_mark.line + 1
            value = yaml.safe_load(yaml.serialize(node))
            if isinstance(value, str):
                value = {"url": value}
            if not isinstance(value, dict):
                raise SourceError(f"{where}:{line}: เขียนเป็น {{url: …, name: …, group: …}} (a site's entry)")
            sources.append(
                _source(value.get("url"), value.get("name"), value.get("group"), where, line, base)
            )
    else:
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "url" not in [f.strip().lower() for f in reader.fieldnames]:
            raise SourceError(f"{where}:1: บรรทัดแรกต้องเป็นหัวตาราง url,name,group (the header url,name,group)")
        for row in reader:
            row = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
            line = reader.line_num
            if not any((v or "").strip() for v in row.values()):
                continue
            sources.append(_source(row.get("url"), row.get("name"), row.get("group"), where, line, base))
    if not sources:
        raise SourceError(f"{where}: ไม่มีเว็บไซต์ในรายการ (no site listed)")
    seen: dict[str, int] = {}
    for source in sources:
        if source.url in seen:
            raise SourceError(
                f"{where}:{source.line}: {source.url} ซ้ำกับบรรทัด {seen[source.url]} (listed twice);"
                " ให้มีเว็บไซต์ละบรรทัด"
            )
        seen[source.url] = source.line
    return sources
