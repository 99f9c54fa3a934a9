"""The editor's local backend: Decap CMS's ``proxy`` protocol, answered by the product itself.

Decap's local mode posts JSON to one address (``{"action": "getEntry", "params": {…}}``);
decap-server answers it in Node. Here the same actions are answered in Python, inside
``oit-site serve``, with what decap-server leaves out:

- every save is tried on a copy of ``content/`` with the build's own loader and models
  (:meth:`site_builder.local.store.ContentStore.trial`); a save the build would refuse is
  refused with the build's message, and nothing is written;
- each save is written atomically and committed with a Thai message naming the year and
  the item (:mod:`site_builder.local.history`);
- ``check`` tells the form, before it saves, what the public page would flag (a document
  outside the item's data period, an updated date older than the data) and offers the
  updated date when a document is added;
- a year's part that has no file yet opens as an empty form, and the yearly task
  "start the next fiscal year" is an entry whose save runs ``oit-site new-year``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from site_builder.editor.config import NEW_YEAR_FILE, item_about, outside_notes
from site_builder.errors import ContentError, ContentErrors, format_key_path
from site_builder.load.published_files import DOCUMENT_TYPES, extension
from site_builder.local.history import CommitFailed, GitHistory
from site_builder.local.store import Change, ContentStore, Place, Refused, writable
from site_builder.model.kinds import kind as kind_of
from site_builder.model.site import FiscalYear, Site
from site_builder.model.status import data_dates, item_status
from site_builder.thai import thai_date

MEDIA_INLINE_BYTES = 20 * 1024 * 1024
"""Media listed with their bytes up to this size; larger ones are listed by name (a
document is chosen by its name, its bytes are not shown)."""


class BadRequest(Exception):
    """A request that is not the protocol's."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: Any


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def placeholder(kind: str) -> str:
    """What a year's part that has no file yet opens as: its schema line, as ``new-year`` writes it."""
    return f"# yaml-language-server: $schema=../../schema/{kind_of(kind).schema}\n"


class LocalBackend:
    """The protocol's actions over one site's ``content/``."""

    def __init__(
        self,
        store: ContentStore,
        history: GitHistory,
        site: Callable[[], Site | None],
        new_year: Callable[[int], str],
        today: Callable[[], date] = date.today,
    ) -> None:
        self.store = store
        self.history = history
        self.site = site
        """The content as it is now (the last that loaded, when the files are broken)."""
        self.new_year = new_year
        """``oit-site new-year`` for a year; what it printed."""
        self.today = today
        self.new_year_path = f"{store.prefix}/{NEW_YEAR_FILE}"

    def answer(self, body: object) -> Answer:
        if not isinstance(body, dict) or not isinstance(body.get("action"), str):
            return Answer(400, {"error": "คำขอไม่ถูกต้อง (not a request of the editor's protocol)"})
        params = body.get("params") or {}
        if not isinstance(params, dict):
            return Answer(400, {"error": "คำขอไม่ถูกต้อง (params must be an object)"})
        action = getattr(self, f"do_{body['action']}", None)
        if action is None:
            return Answer(422, {"error": f"ไม่รู้จักคำสั่ง {body['action']} (unknown action)"})
        try:
            return Answer(200, action(params))
        except Refused as refused:
            return Answer(422, {"error": str(refused)})
        except BadRequest as bad:
            return Answer(400, {"error": f"คำขอไม่ถูกต้อง (bad request): {bad}"})
        except CommitFailed as failed:
            return Answer(
                500,
                {"error": f"บันทึกไฟล์แล้ว แต่ git ไม่ยอม commit (saved, but git refused the commit): {failed}"},
            )

    # ------------------------------------------------------------ reading

    def do_info(self, params: dict[str, Any]) -> Any:
        return {"repo": self.store.root.name, "publish_modes": ["simple"], "type": "local_fs"}

    def entry(self, rel: str) -> dict[str, Any]:
        if rel == self.new_year_path:
            return {"data": "", "file": {"path": rel, "id": sha(b"")}}
        data = self.store.read(rel)
        if data is None:
            place = self.store.place(rel)
            if place.kind is None or place.kind == "item" or place.year is None:
                return {"data": None, "file": {"path": rel, "id": None}}
            text = placeholder(place.kind).encode()
            return {"data": text.decode(), "file": {"path": rel, "id": sha(text)}}
        return {"data": data.decode("utf-8", errors="replace"), "file": {"path": rel, "id": sha(data)}}

    def do_entriesByFolder(self, params: dict[str, Any]) -> Any:
        folder = _text(params, "folder")
        extension = str(params.get("extension") or "")
        depth = params.get("depth") or 1
        if not isinstance(depth, int):
            raise BadRequest("depth")
        return [self.entry(rel) for rel in self.store.files(folder, extension, depth)]

    def do_entriesByFiles(self, params: dict[str, Any]) -> Any:
        files = params.get("files")
        if not isinstance(files, list):
            raise BadRequest("files")
        out = []
        for file in files:
            rel = _text(file if isinstance(file, dict) else {}, "path")
            found = self.entry(rel)
            found["file"]["label"] = file.get("label")
            out.append(found)
        return out

    def do_getEntry(self, params: dict[str, Any]) -> Any:
        return self.entry(_text(params, "path"))

    def media(self, rel: str) -> dict[str, Any]:
        data = self.store.read(rel)
        if data is None:
            raise Refused(f"ไม่พบไฟล์ {rel} (no such file)")
        content = data if len(data) <= MEDIA_INLINE_BYTES else b""
        return {
            "id": sha(data),
            "content": base64.b64encode(content).decode("ascii"),
            "encoding": "base64",
            "path": rel,
            "name": rel.rsplit("/", 1)[-1],
        }

    def do_getMedia(self, params: dict[str, Any]) -> Any:
        folder = _text(params, "mediaFolder").strip("/")
        if folder == self.store.prefix:
            # The agency's form: its logo's field lists the images beside agency.yml.
            return [self.media(rel) for rel in self.store.images()]
        # An item's folder holds its page beside its documents: the page is no document.
        return [self.media(rel) for rel in self.store.files(folder) if not rel.endswith("/index.md")]

    def do_getMediaFile(self, params: dict[str, Any]) -> Any:
        return self.media(_text(params, "path"))

    def do_getDeployPreview(self, params: dict[str, Any]) -> Any:
        return None

    def do_about(self, params: dict[str, Any]) -> Any:
        """What an item's form shows above its fields, as the content is now."""
        place = self.store.place(_text(params, "path"))
        site = self.site()
        fy = site.year(place.year) if site is not None and place.year is not None else None
        entry = fy.item(place.item) if fy is not None and place.item is not None else None
        return item_about(fy, entry) if fy is not None and entry is not None else None

    # ------------------------------------------------------------ checking

    def do_check(self, params: dict[str, Any]) -> Any:
        """What a save of ``raw`` at ``path`` would meet: the build's errors, and what the
        public page would flag, before anything is written."""
        rel = _text(params, "path")
        raw = params.get("raw")
        if not isinstance(raw, str):
            raise BadRequest("raw")
        if rel == self.new_year_path:
            return {"errors": [], "warnings": [], "offer": None}
        changes = [Change(rel, raw.encode("utf-8"))]
        for name in params.get("assets") or []:
            if isinstance(name, str) and self.store.read(name) is None:
                # An upload the form holds until it saves: its name and type count here, its
                # bytes are checked when it is saved.
                changes.append(Change(name, stand_in(name)))
        place = self.store.place(rel)
        try:
            with self.store.trial(changes) as after:
                warnings, offer = self.notices(place, after)
        except ContentErrors as errors:
            return {"errors": [_error(e) for e in errors.sorted()], "warnings": [], "offer": None}
        return {"errors": [], "warnings": warnings, "offer": offer}

    def notices(self, place: Place, after: Site) -> tuple[list[str], dict[str, str] | None]:
        before = self.site()
        year = place.year
        fy = after.year(year) if year is not None else None
        if fy is None:
            return [], None
        old = before.year(fy.year) if before is not None else None
        warnings = []
        for entry in fy.items:
            status = item_status(fy, entry)
            if status.status not in ("out_of_period", "stale"):
                continue
            was = old.item(entry.item.code) if old is not None else None
            unchanged = was is not None and old is not None and item_status(old, was).status == status.status
            if entry.item.code != place.item and unchanged:
                continue
            warnings += page_flags(fy, entry.item.code)
        return warnings, self.offer(place, fy, old)

    def offer(self, place: Place, fy: FiscalYear, old: FiscalYear | None) -> dict[str, str] | None:
        """The updated date to offer: today, when the save adds a document to a page whose
        front matter gives an older one."""
        if place.item is None or place.kind != "item":
            return None
        entry = fy.item(place.item)
        if entry is None or entry.meta is None or entry.meta.updated is None:
            return None
        was = old.item(place.item) if old is not None else None
        before = {d.name for d in was.documents} if was is not None else set()
        added = [d for d in entry.documents if d.name not in before]
        today = self.today()
        if not added or entry.meta.updated >= today:
            return None
        return {
            "updated": today.isoformat(),
            "text": (
                f"เพิ่มเอกสาร {', '.join(d.name for d in added)} แล้ว: เปลี่ยน วันที่ปรับปรุงล่าสุด ของหน้า"
                f" จาก {thai_date(entry.meta.updated)} เป็นวันนี้ {thai_date(today)} ด้วยหรือไม่"
                " (a document was added: set the page's last-updated date to today?)"
            ),
        }

    # ------------------------------------------------------------ writing

    def save(self, changes: list[Change], message: str) -> None:
        errors = self.store.check(changes)
        if errors:
            raise Refused(refusal(errors))
        self.store.write(changes)
        self.history.commit([c.path for c in changes], message)

    def do_persistEntry(self, params: dict[str, Any]) -> Any:
        files = params.get("dataFiles") or (
            [params["entry"]] if isinstance(params.get("entry"), dict) else []
        )
        if not isinstance(files, list) or not files:
            raise BadRequest("dataFiles")
        entries = []
        for file in files:
            if not isinstance(file, dict) or file.get("newPath"):
                raise BadRequest("dataFiles")
            entries.append((_text(file, "path"), file.get("raw")))
        if [rel for rel, _ in entries] == [self.new_year_path]:
            return self.start_year(entries[0][1])
        changes = []
        for rel, raw in entries:
            if not isinstance(raw, str):
                raise BadRequest("raw")
            place = self.store.place(rel)
            if place.kind is None:
                raise Refused(f"{rel} ไม่ใช่ไฟล์ที่แบบฟอร์มแก้ไข (not a file the forms edit)")
            changes.append(Change(rel, raw.encode("utf-8")))
        changes += self.assets(params.get("assets") or [])
        self.save(changes, commit_message(self.site(), self.store, changes))
        return {"message": "entry persisted"}

    def assets(self, assets: object) -> list[Change]:
        if not isinstance(assets, list):
            raise BadRequest("assets")
        site = self.site()
        logo = site.agency.logo if site is not None else None
        out = []
        for asset in assets:
            if not isinstance(asset, dict) or asset.get("encoding") != "base64":
                raise BadRequest("assets")
            rel = _text(asset, "path")
            problem = writable(self.store.place(rel), logo)
            if problem:
                raise Refused(f"{NOT_SAVED}:\n{rel}: {problem}")
            try:
                data = base64.b64decode(str(asset.get("content") or ""), validate=True)
            except (binascii.Error, ValueError):
                raise BadRequest("asset content") from None
            out.append(Change(rel, data))
        return out

    def do_persistMedia(self, params: dict[str, Any]) -> Any:
        changes = self.assets([params.get("asset")])
        self.save(changes, commit_message(self.site(), self.store, changes))
        return self.media(changes[0].path)

    def delete(self, paths: list[str]) -> None:
        site = self.site()
        logo = site.agency.logo if site is not None else None
        for rel in paths:
            place = self.store.place(rel)
            if place.kind is not None or writable(place, logo):
                raise Refused(
                    f"ลบ {rel} ไม่ได้: หน้าแก้ไขลบได้เฉพาะเอกสารและรูปภาพ (only documents and images are deleted)"
                )
        changes = [Change(rel, None) for rel in paths]
        self.save(changes, commit_message(site, self.store, changes))

    def do_deleteFile(self, params: dict[str, Any]) -> Any:
        rel = _text(params, "path")
        self.delete([rel])
        return {"message": f"deleted file {rel}"}

    def do_deleteFiles(self, params: dict[str, Any]) -> Any:
        paths = params.get("paths")
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            raise BadRequest("paths")
        self.delete(paths)
        return {"message": f"deleted files {', '.join(paths)}"}

    def start_year(self, raw: object) -> Any:
        try:
            data = yaml.safe_load(raw) if isinstance(raw, str) else None
        except yaml.YAMLError:
            data = None
        value = str(data.get("year", "")) if isinstance(data, dict) else ""
        if not value.isdigit():
            raise Refused("เลือกปีงบประมาณที่จะเริ่ม (choose the fiscal year to start)")
        year = int(value)
        folder = self.store.content_dir / str(year)
        if folder.exists():
            raise Refused(f"ปีงบประมาณ {year} มีอยู่แล้ว (the year already exists): เลือกปี {year} จากรายการ")
        said = self.new_year(year)
        written = [self.store.rel(p) for p in sorted(folder.rglob("*")) if p.is_file()]
        self.history.commit(written, f"เริ่มปีงบประมาณ {year} (oit-site new-year)\n\n{said}")
        return {"message": said}


def page_flags(fy: FiscalYear, code: str) -> list[str]:
    """What the public page of item ``code`` flags, each as a sentence for the editor."""
    entry = fy.item(code)
    if entry is None:
        return []
    name = f"{entry.item.code} {entry.item.title}"
    status = item_status(fy, entry)
    out = []
    if status.status == "out_of_period":
        out += outside_notes(fy, entry)
    if status.status == "stale" and entry.updated:
        for what, day in data_dates(fy, entry):
            if day > entry.updated:
                out.append(
                    f"{name}: {what} ลงวันที่ {thai_date(day)} หลังวันที่ปรับปรุงล่าสุดของหน้า"
                    f" ({thai_date(entry.updated)}) หน้าเว็บจะแสดงสถานะ วันที่ขัดกัน"
                    " (the page's last-updated date is older than its data)"
                )
    return out


def stand_in(name: str) -> bytes:
    """Bytes of the type ``name`` says, for a trial before the real ones arrive."""
    kind = DOCUMENT_TYPES.get(extension(name))
    if kind is None or not kind.signatures:
        return b"-\n"
    return b"\0" * kind.offset + kind.signatures[0] + b"\n"


NOT_SAVED = "บันทึกไม่ได้ ไม่มีไฟล์ใดถูกเขียน (not saved; nothing was written)"


def refusal(errors: ContentErrors) -> str:
    """A refused save, in the build's words."""
    return f"{NOT_SAVED}:\n{errors}"


def _error(error: ContentError) -> dict[str, Any]:
    return {
        "file": error.file,
        "line": error.line,
        "key": format_key_path(error.key),
        "path": [str(part) for part in error.key],
        "message": error.message,
        "hint": error.hint,
        "text": str(error),
    }


def _text(params: dict[str, Any], key: str) -> str:
    value = params.get(key)
    if not isinstance(value, str):
        raise BadRequest(key)
    return value


def commit_message(site: Site | None, store: ContentStore, changes: list[Change]) -> str:
    """``แก้ไข O12 รายการการจัดซื้อจัดจ้าง ปี 2568`` and the like: what was saved, by its
    year and item, with the files below."""
    pages = [c for c in changes if store.place(c.path).kind is not None]
    files = [c for c in changes if store.place(c.path).kind is None]
    subject = ""
    if pages:
        page = pages[0]
        place = store.place(page.path)
        verb = "แก้ไข" if store.read(page.path) is not None else "สร้าง"
        subject = f"{verb}{_what(site, place, store.prefix)}"
        if files:
            subject += " และเพิ่มไฟล์ " + ", ".join(store.place(c.path).parts[-1] for c in files)
    elif files:
        place = store.place(files[0].path)
        names = ", ".join(store.place(c.path).parts[-1] for c in files)
        verb, where = ("ลบไฟล์", "จาก") if files[0].data is None else ("เพิ่มไฟล์", "ใน")
        subject = f"{verb} {names} {where}{_what(site, place, store.prefix)}"
    listed = "\n".join(f"- {c.path}" for c in changes)
    return f"{subject}\n\nแก้ไขในเบราว์เซอร์ (oit-site serve):\n{listed}"


def _what(site: Site | None, place: Place, content: str) -> str:
    if place.item is not None:
        fy = site.year(place.year) if site is not None and place.year is not None else None
        entry = fy.item(place.item) if fy is not None else None
        title = f" {entry.item.title}" if entry is not None else ""
        return f"ข้อ {place.item}{title} ปี {place.year}"
    if place.kind is not None and place.year is not None:
        return f"{kind_of(place.kind).label} ปี {place.year}"
    if place.kind is not None:
        return kind_of(place.kind).label
    return "โฟลเดอร์ " + "/".join([content, *place.parts[:-1]])
