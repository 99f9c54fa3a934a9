"""Load and validate a whole ``content/`` tree into a :class:`Site`.

Layout (what the editor writes)::

    content/
      agency.yml              the agency
      index.md                optional text for the home page
      redirects.yml           optional: published paths that moved or were removed
      assets/                 optional images used in Markdown, published as-is
      2568/                   one folder per fiscal year (Buddhist era)
        year.yml              framework and corrections to its item list
        index.md              optional text for the year page
        result.yml            ITA result
        analysis.yml          analysis of the result
        measures.yml          measures
        progress.yml          progress report on the measures
        o1/                   one folder per OIT item: lowercase o, no zero padding
          index.md            front matter (documents, links, note) and Markdown text
          แผนผังโครงสร้าง.pdf   documents, published at /2568/o1/<file>

Every mistake in the tree is collected; :func:`load_site` raises one
:class:`ContentErrors` listing them all.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

from pydantic import BaseModel

from site_builder.errors import ContentError, ContentErrors, Positions
from site_builder.frameworks import available_frameworks, load_framework
from site_builder.load.files import git_dates, read_text, split_front_matter
from site_builder.load.limits import markdown_problem
from site_builder.load.markup import find_unsafe
from site_builder.load.memory import FileDates, ItemMemory, LoadMemory
from site_builder.load.published_files import (
    ASSET_TYPES,
    DOCUMENT_TYPES,
    IMAGE_TYPES,
    JUNK,
    name_problem,
    svg_problem,
    type_problem,
)
from site_builder.load.validate import validate
from site_builder.load.yamlpos import load_yaml
from site_builder.model.content import (
    Agency,
    Document,
    ItemMeta,
    Redirects,
    YearConfig,
    effective_items,
    normalise_question_code,
)
from site_builder.model.framework import normalise_item_code
from site_builder.model.kinds import IMPORTED_DRAFT, PARTS, YEAR_KINDS
from site_builder.model.scoring import compute
from site_builder.model.site import FiscalYear, ItemContent, PublishedDocument, Site, measure_todos, relpath
from site_builder.model.status import settle_statuses
from site_builder.thai import to_arabic_digits

M = TypeVar("M", bound=BaseModel)

# A year folder holds its kinds' YAML files, the year page's text and item folders.
YEAR_FILES = ("index.md", *(k.file for k in YEAR_KINDS))
ASSETS_DIR = "assets"
ITEM_DIR = re.compile(r"^o([1-9][0-9]*)$")


# An item's fields, as the session's memory keeps them (LoadMemory.items).
_ITEM_FIELDS = (
    "meta",
    "body",
    "body_line",
    "source",
    "folder",
    "documents",
    "published",
    "updated",
    "dates_from",
    "parts",
    "parts_year",
)


def _folder_state(folder: Path) -> tuple[tuple[str, int, int], ...]:
    found = []
    for path, _dirs, files in os.walk(folder):
        for name in files:
            try:
                stat = os.stat(os.path.join(path, name))
            except OSError:
                continue
            found.append((os.path.join(path, name), stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(found))


# The mappings of result.yml keyed by question code, where ``o2`` and ``O2`` are one key.
QUESTION_CODE_KEYS: Mapping[str, str] = MappingProxyType(
    {"questions": "question", "question_titles": "question", "question_labels": "question"}
)


def _inside(path: Path, folder: Path) -> str:
    """``path`` relative to ``folder``, with forward slashes: ``path`` is ``folder`` joined
    with more parts (found under it, or built from it), so the text is cut, not parsed."""
    return str(path)[len(str(folder)) + 1 :].replace(os.sep, "/")


class _Loader:
    def __init__(self, content_dir: Path, repo_root: Path, memory: LoadMemory | None = None) -> None:
        self.content_dir = content_dir
        self.repo_root = repo_root
        self.memory = memory
        self.errors: list[ContentError] = []
        self.warnings: list[ContentError] = []
        self.dates: dict[Path, FileDates] = {}
        self.dates_from: str | None = None

    def rel(self, path: Path) -> str:
        return relpath(path, self.repo_root)

    def fail(self, path: Path, message: str, hint: str | None = None, line: int | None = None) -> None:
        self.errors.append(ContentError(self.rel(path), message, line, None, (), hint))

    def read_yaml(self, path: Path) -> tuple[Any, Positions] | None:
        rel = self.rel(path)
        try:
            text = read_text(path, rel)
            if not text.strip():
                raise ContentError(
                    rel,
                    "ไฟล์ว่างเปล่า (the file is empty)",
                    1,
                    hint="เขียนข้อมูลลงในไฟล์ หรือลบไฟล์นี้ถ้ายังไม่มีข้อมูล",
                )
            data, positions = load_yaml(text, rel, memory=self.memory)
        except ContentError as error:
            self.errors.append(error)
            return None
        if not isinstance(data, dict):
            self.errors.append(
                ContentError(rel, "ไฟล์ต้องเป็นกลุ่มของคีย์ เช่น name: … (the file must be keys and values)", 1)
            )
            return None
        return data, positions

    def model(self, model: type[M], path: Path) -> M | None:
        loaded = self.read_yaml(path)
        if loaded is None:
            return None
        return validate(model, loaded[0], loaded[1], self.errors)

    # ------------------------------------------------------------ the tree

    def load(self) -> Site:
        if not self.content_dir.is_dir():
            raise ContentErrors(
                [
                    ContentError(
                        self.rel(self.content_dir),
                        "ไม่พบโฟลเดอร์เนื้อหา (the content folder does not exist)",
                        hint="สร้างโฟลเดอร์ content/ ที่มี agency.yml และโฟลเดอร์ปี เช่น content/2568/",
                    )
                ]
            )
        if not self.links_stay_inside():
            raise ContentErrors(list(self.errors))
        self.dates, self.dates_from = git_dates(self.repo_root, self.content_dir, self.memory)
        agency_path = self.content_dir / "agency.yml"
        agency = None
        agency_positions = Positions(self.rel(agency_path))
        if agency_path.is_file():
            read = self.read_yaml(agency_path)
            if read is not None:
                agency_positions = read[1]
                agency = validate(Agency, read[0], agency_positions, self.errors)
        else:
            self.fail(
                agency_path,
                "ไม่พบไฟล์ agency.yml (agency.yml is missing)",
                "สร้าง content/agency.yml ที่มี name, kind, district, province",
            )
        years: list[FiscalYear] = []
        redirects: Redirects | None = None
        redirects_positions: Positions | None = None
        home_text = ""
        assets: list[Path] = []
        for entry in sorted(self.content_dir.iterdir()):
            if JUNK.match(entry.name):
                continue
            if entry.is_dir() and entry.name == ASSETS_DIR:
                assets = [p for p in self.published_files(entry, ASSET_TYPES) if p.name != "index.md"]
            elif entry.is_dir():
                year = self.year_folder(entry)
                if year is not None:
                    loaded = self.load_year(entry, year)
                    if loaded:
                        years.append(loaded)
            elif entry.name == "index.md":
                home_text = self.markdown_only(entry)
            elif entry.name == "redirects.yml":
                read = self.read_yaml(entry)
                if read is not None:
                    redirects = validate(Redirects, read[0], read[1], self.errors)
                    redirects_positions = read[1]
            elif entry.name != "agency.yml" and not (agency and agency.logo == entry.name):
                self.fail(
                    entry,
                    f"ไม่รู้จักไฟล์ '{entry.name}' ในโฟลเดอร์ content (unknown file)",
                    "ไฟล์ใน content/ มีได้เฉพาะ agency.yml, index.md, redirects.yml, ตราสัญลักษณ์ "
                    "และโฟลเดอร์ปี เช่น 2568/",
                )
        logo = None
        if agency and agency.logo:
            logo = self.content_dir / agency.logo
            # The logo stands beside agency.yml: a path would reach into other folders.
            if "/" in agency.logo or "\\" in agency.logo or not logo.is_file():
                what = (
                    "ต้องอยู่ในโฟลเดอร์ content/ โดยตรง (must be in content/ itself)"
                    if logo.is_file()
                    else "ไม่พบไฟล์ (logo file not found)"
                )
                self.errors.append(
                    agency_positions.error(
                        ("logo",),
                        f"ตราสัญลักษณ์ '{agency.logo}' {what}",
                        "วางไฟล์ตราสัญลักษณ์ไว้ใน content/ แล้วเขียนชื่อไฟล์ เช่น logo: logo.png",
                    )
                )
                logo = None
            elif not self.publishable(logo, IMAGE_TYPES):
                logo = None
        years.sort(key=lambda y: y.year, reverse=True)
        self.link_years(years)
        settle_statuses(years)
        if self.errors or agency is None:
            raise ContentErrors(list(self.errors))
        return Site(
            agency,
            years,
            self.content_dir,
            self.repo_root,
            home_text,
            logo,
            assets,
            self.warnings,
            redirects,
            redirects_positions,
        )

    def links_stay_inside(self) -> bool:
        """Every symbolic link under ``content/`` resolves inside it (else an error naming it).

        Links are not followed into folders, so a link to ``/`` costs nothing to find.
        """
        root = self.content_dir.resolve()
        ok = True
        for folder, dirs, files in os.walk(self.content_dir):
            for name in [*dirs, *files]:
                path = Path(folder) / name
                if not path.is_symlink():
                    continue
                try:
                    inside = path.resolve(strict=True).is_relative_to(root)
                except (OSError, RuntimeError):  # broken, or a loop
                    inside = False
                if not inside:
                    ok = False
                    self.fail(
                        path,
                        "เป็นลิงก์ (symbolic link) ที่ชี้ออกนอก content/ หรือชี้ไปที่ไม่มีอยู่ "
                        "(a link that points outside content/ or nowhere)",
                        "คัดลอกไฟล์หรือโฟลเดอร์จริงมาวางแทนลิงก์",
                    )
        return ok

    def published_files(self, folder: Path, types: AbstractSet[str] | Mapping[str, Any]) -> list[Path]:
        """The files under ``folder`` that will be published, each checked; junk is left out.

        Two names that differ only in letter case (or Unicode form) are one file on the
        Windows and macOS hosts many agencies use: both are reported.
        """
        found: list[Path] = []
        seen: dict[str, Path] = {}
        for path in sorted(folder.rglob("*")):
            rel = _inside(path, folder)
            if any(JUNK.match(part) for part in rel.split("/")):
                continue
            key = unicodedata.normalize("NFC", rel).casefold()
            if key in seen:
                self.fail(
                    path,
                    f"ชื่อซ้ำกับ '{seen[key].name}' เมื่อไม่นับตัวพิมพ์เล็ก/ใหญ่ "
                    f"(the same name as '{seen[key].name}' on hosts that ignore letter case)",
                    "เปลี่ยนชื่อไฟล์ใดไฟล์หนึ่งให้ต่างกัน",
                )
                continue
            seen[key] = path
            problem = name_problem(path.name)
            if problem:
                self.fail(
                    path, problem, "เปลี่ยนชื่อไฟล์หรือโฟลเดอร์ โดยใช้ตัวอักษรไทย อังกฤษ ตัวเลข ช่องว่าง - _ ( ) และจุด"
                )
                continue
            if path.is_file() and (path.name == "index.md" or self.publishable(path, types)):
                found.append(path)
        return found

    def publishable(self, path: Path, types: AbstractSet[str] | Mapping[str, Any]) -> bool:
        """Whether ``path`` is of an allowed type and intact (else an error naming it)."""
        problem = type_problem(path, types)
        if problem:
            self.fail(path, problem[0], problem[1])
            return False
        if path.suffix.lower() == ".svg":
            unsafe = svg_problem(path.read_bytes())
            if unsafe:
                self.fail(
                    path,
                    f"ภาพ SVG นี้เผยแพร่ไม่ได้: {unsafe} (an SVG that could run script or load from elsewhere)",
                    "ส่งออกภาพเป็น PNG แล้วใช้ไฟล์ PNG แทน",
                )
                return False
        return True

    def year_folder(self, folder: Path) -> int | None:
        name = folder.name
        if re.fullmatch(r"[๐-๙]{4}", name):
            arabic = to_arabic_digits(name)
            self.fail(
                folder,
                f"ชื่อโฟลเดอร์ปี '{name}' เขียนด้วยเลขไทย (a fiscal-year folder in Thai digits)",
                f"เปลี่ยนชื่อโฟลเดอร์เป็น {arabic} (เลขอารบิก) ที่อยู่เว็บของปีจึงเป็น /{arabic}/",
            )
            return None
        if not re.fullmatch(r"[0-9]{4}", name):
            self.fail(
                folder,
                f"โฟลเดอร์ '{name}' ไม่ใช่ปีงบประมาณ (not a fiscal-year folder)",
                "ตั้งชื่อโฟลเดอร์ปีเป็นปี พ.ศ. 4 หลัก เช่น 2568; รูปภาพให้ไว้ใน content/assets/",
            )
            return None
        year = int(name)
        if year < 2500:
            self.fail(
                folder,
                f"ปี {year} ดูเป็นปี ค.ศ. (looks like a Common-Era year)",
                f"ตั้งชื่อโฟลเดอร์เป็นปี พ.ศ. เช่น {year + 543}",
            )
            return None
        if year > 2700:
            self.fail(
                folder,
                f"ปี {year} ไม่ใช่ปีงบประมาณที่เป็นไปได้ (not a plausible fiscal year)",
                "ตั้งชื่อโฟลเดอร์เป็นปี พ.ศ. เช่น 2568",
            )
            return None
        return year

    def check_markdown(self, path: Path, body: str, first_line: int) -> None:
        """An error for Markdown the renderer cannot take; else warnings for what the cleaner removes."""
        problem = markdown_problem(body, first_line)
        if problem:
            self.fail(path, problem[1], problem[2], line=problem[0])
            return
        for line, message, hint in find_unsafe(body, first_line):
            self.warnings.append(ContentError(self.rel(path), message, line, None, (), hint))

    def markdown_only(self, path: Path) -> str:
        try:
            text = read_text(path, self.rel(path))
            data, _, body, first_line = split_front_matter(text, self.rel(path), self.memory)
        except ContentError as error:
            self.errors.append(error)
            return ""
        self.check_markdown(path, body, first_line)
        if data:
            self.fail(
                path,
                "ไฟล์นี้ไม่ใช้ส่วนหัว (front matter) (this file takes no front matter)",
                line=2,
                hint="ลบส่วนหัวที่อยู่ระหว่างบรรทัด --- ออก",
            )
        return body

    # ------------------------------------------------------------ one year

    def load_year(self, folder: Path, year: int) -> FiscalYear | None:
        config_path = folder / "year.yml"
        config = YearConfig()
        positions = Positions(self.rel(config_path))
        if config_path.is_file():
            loaded = self.read_yaml(config_path)
            if loaded is None:
                return None
            positions = loaded[1]
            if self.duplicate_codes(loaded[0], positions, {"items": "item", "remove": "item"}):
                return None
            validated = validate(YearConfig, loaded[0], positions, self.errors)
            if validated is None:
                return None
            config = validated
        name = config.framework or f"ita-{year}"
        framework = self.memory.framework(name) if self.memory is not None else load_framework(name)
        if framework is None:
            known = ", ".join(available_frameworks())
            message = f"ไม่มีกรอบการประเมิน '{name}' (no such framework); กรอบที่มี: {known}"
            if config.framework:
                self.errors.append(
                    positions.error(("framework",), message, "เขียน framework: ita-<ปี> เช่น ita-2568")
                )
            else:
                self.fail(
                    config_path,
                    message,
                    f"สร้าง {self.rel(config_path)} แล้วเขียน framework: {available_frameworks()[-1]}",
                )
            return None
        for index, code in enumerate(config.remove):
            if framework.item(code) is None:
                self.errors.append(
                    positions.error(
                        ("remove", index), f"ไม่มีข้อ {code} ใน {framework.name} จึงลบไม่ได้ (no such item)"
                    )
                )
        for code, override in config.items.items():
            if framework.item(code) is None and not config.replace_items and override.title is None:
                self.errors.append(
                    positions.error(
                        ("items", code),
                        f"ข้อ {code} ไม่มีใน {framework.name} ข้อที่เพิ่มใหม่ต้องมีชื่อ (a new item needs a title)",
                        f"เขียน title: ใต้ {code}",
                    )
                )
                return None
            if config.replace_items and override.title is None:
                self.errors.append(
                    positions.error(
                        ("items", code), "เมื่อ replace_items: true ทุกข้อต้องมี title (every item needs a title)"
                    )
                )
                return None
        items = effective_items(framework.items, config)
        fiscal_year = FiscalYear(
            year,
            framework,
            config,
            config.scoring or framework.scoring,
            [ItemContent(item=i, parts=list(i.parts)) for i in items],
            folder,
        )
        for entry in sorted(folder.iterdir()):
            if JUNK.match(entry.name):
                continue
            if entry.is_dir():
                self.item_folder(fiscal_year, entry)
            elif entry.name == "index.md":
                fiscal_year.intro = self.markdown_only(entry)
            elif entry.name not in YEAR_FILES and not IMPORTED_DRAFT.match(entry.name):
                self.fail(
                    entry,
                    f"ไม่รู้จักไฟล์ '{entry.name}' ในโฟลเดอร์ปี (unknown file in a year folder)",
                    "ไฟล์ที่ใช้ได้: " + ", ".join(YEAR_FILES) + "; เอกสารให้ไว้ในโฟลเดอร์ของข้อ เช่น o1/",
                )
        for part in PARTS:
            path = folder / part.file
            read = self.read_yaml(path) if path.is_file() else None
            if read is not None:
                fiscal_year.positions[part.name] = read[1]
                if part.name == "result" and self.duplicate_codes(read[0], read[1], QUESTION_CODE_KEYS):
                    continue
                setattr(fiscal_year, part.name, validate(part.model, read[0], read[1], self.errors))
        if fiscal_year.result is not None:
            self.check_scores(fiscal_year)
        if fiscal_year.measures is not None:
            measures = fiscal_year.measures.measures
            fiscal_year.draft_measures = [m for m in measures if measure_todos(m)]
            if fiscal_year.draft_measures:
                finished = [m for m in measures if not measure_todos(m)]
                fiscal_year.measures = fiscal_year.measures.model_copy(update={"measures": finished})
        return fiscal_year

    def duplicate_codes(self, data: object, positions: Positions, fields: Mapping[str, str]) -> bool:
        """``O2`` and ``o2`` (``i7`` and ``I7``) are one code: written twice in one mapping or
        list of ``fields`` (name → ``item`` or ``question``), both lines are named."""
        if not isinstance(data, dict):
            return False
        found = False
        for name, kind in fields.items():
            value = data.get(name)
            entries: list[tuple[str | int, object]] = []
            if isinstance(value, dict):
                entries = [(key, key) for key in value if isinstance(key, str | int)]
            elif isinstance(value, list):
                entries = list(enumerate(value))
            seen: dict[str, tuple[str | int, object]] = {}
            for where, written in entries:
                try:
                    code = (
                        normalise_item_code(written) if kind == "item" else normalise_question_code(written)
                    )
                except ValueError:
                    continue  # the model names a code it cannot read
                if code not in seen:
                    seen[code] = (where, written)
                    continue
                first_where, first = seen[code]
                first_line = positions.at((name, first_where))[0]
                what = "รหัสข้อ" if kind == "item" else "รหัสข้อคำถาม"
                self.errors.append(
                    positions.error(
                        (name, where),
                        f"{what} {code} ซ้ำ: '{first}' (บรรทัด {first_line}) และ '{written}' เป็นข้อเดียวกัน"
                        f" (duplicate {kind} code, first at line {first_line})",
                        f"ให้มี {code} รายการเดียว: รวมสิ่งที่เขียนไว้ทั้งสองที่ไว้ที่รายการแรก แล้วลบรายการที่บรรทัด"
                        f" {positions.at((name, where))[0]}",
                    )
                )
                found = True
        return found

    def check_scores(self, fiscal_year: FiscalYear) -> None:
        assert fiscal_year.result is not None
        scores = compute(fiscal_year.result, fiscal_year.framework, fiscal_year.scoring)
        fiscal_year.scores = scores if fiscal_year.config.derived else scores.declared_only()
        positions = fiscal_year.positions["result"]
        for problem in scores.problems:
            self.errors.append(positions.error(problem.key, problem.message, problem.hint))

    # ------------------------------------------------------------ one item

    def item_folder(self, fiscal_year: FiscalYear, folder: Path) -> None:
        match = ITEM_DIR.match(folder.name)
        if not match:
            loose = re.fullmatch(r"[oO]0*([1-9][0-9]*)", folder.name)
            hint = (
                f"เปลี่ยนชื่อโฟลเดอร์เป็น o{loose.group(1)} (ตัว o เล็ก ไม่มีเลข 0 นำหน้า)"
                if loose
                else "โฟลเดอร์ในโฟลเดอร์ปีต้องเป็นข้อ OIT เช่น o1, o12"
            )
            self.fail(folder, f"ชื่อโฟลเดอร์ '{folder.name}' ไม่ใช่รหัสข้อ OIT (not an item folder)", hint)
            return
        code = f"O{match.group(1)}"
        item = fiscal_year.item(code)
        if item is None:
            self.fail(
                folder,
                f"ไม่มีข้อ {code} ในรายการของ {fiscal_year.framework.name} ปี {fiscal_year.year} "
                "(item not in this year's list)",
                f"ถ้าปีนี้มีข้อ {code} จริง ให้เพิ่มใน {self.rel(fiscal_year.folder / 'year.yml')} "
                "ใต้ items: พร้อม title:",
            )
            return
        if self.memory is None:
            self.load_item(item, folder)
            return
        state = _folder_state(folder)
        # The item's dates come from git when there is history: its files' dates are part of the state.
        history = tuple(self.dates.get(Path(path).resolve()) for path, _, _ in state) if self.dates else ()
        key = (repr(item.item), repr(item.parts), state, history, self.dates_from)
        known = self.memory.items.get(str(folder))
        if known is not None and known.state == key:
            for name, value in known.fields.items():
                setattr(item, name, list(value) if isinstance(value, list) else value)
            self.errors.extend(known.errors)
            self.warnings.extend(known.warnings)
            return
        errors, warnings = len(self.errors), len(self.warnings)
        self.load_item(item, folder)
        fields = {name: getattr(item, name) for name in _ITEM_FIELDS}
        fields = {name: list(v) if isinstance(v, list) else v for name, v in fields.items()}
        self.memory.items[str(folder)] = ItemMemory(
            key, fields, self.errors[errors:], self.warnings[warnings:]
        )

    def load_item(self, item: ItemContent, folder: Path) -> None:
        item.folder = folder
        source = folder / "index.md"
        data: dict[str, Any] = {}
        positions = Positions(self.rel(source))
        if source.is_file():
            item.source = source
            try:
                text = read_text(source, self.rel(source))
                data, positions, item.body, first_line = split_front_matter(
                    text, self.rel(source), self.memory
                )
            except ContentError as error:
                self.errors.append(error)
                return
            item.body_line = first_line
            self.check_markdown(source, item.body, first_line)
            meta = validate(ItemMeta, data, positions, self.errors)
            if meta is None:
                return
            item.meta = meta
            if meta.parts is not None:
                item.parts = list(meta.parts)
            item.parts_year = meta.parts_year
        self.item_documents(item, positions)
        self.item_dates(item)

    def item_documents(self, item: ItemContent, positions: Positions) -> None:
        assert item.folder is not None
        folder = item.folder
        files = self.published_files(folder, DOCUMENT_TYPES)
        publishable = {_inside(path, folder) for path in files}
        listed: set[str] = set()
        for index, document in enumerate(item.meta.documents if item.meta else []):
            path = self.document_path(folder, document.file, positions, ("documents", index, "file"))
            if path is None:
                continue
            name = _inside(path, folder)
            if name not in publishable:
                if JUNK.match(path.name) or name == "index.md":
                    self.errors.append(
                        positions.error(
                            ("documents", index, "file"),
                            f"'{name}' ไม่ใช่เอกสารที่เผยแพร่ได้ (not a document that can be published)",
                        )
                    )
                continue  # otherwise reported by published_files, at the file
            if name in listed:
                self.errors.append(
                    positions.error(
                        ("documents", index, "file"), f"เอกสาร '{name}' ระบุซ้ำ (document listed twice)"
                    )
                )
                continue
            listed.add(name)
            item.documents.append(PublishedDocument(document, path, name, True))
        for path in files:
            name = _inside(path, folder)
            if name == "index.md" or name in listed:
                continue
            stem = Path(name).stem
            item.documents.append(PublishedDocument(Document(file=name, title=stem), path, name, False))

    def document_path(
        self, folder: Path, name: str, positions: Positions, key: tuple[Any, ...]
    ) -> Path | None:
        text = name.replace("\\", "/")
        if text.startswith("/") or re.match(r"^[A-Za-z]:", text) or "://" in text:
            self.errors.append(
                positions.error(
                    key,
                    f"'{name}' เป็นที่อยู่เต็ม ใช้ไม่ได้ (an absolute path or address)",
                    "เขียนเฉพาะชื่อไฟล์ที่อยู่ในโฟลเดอร์เดียวกับ index.md; ลิงก์ภายนอกให้ใส่ใน links:",
                )
            )
            return None
        if ".." in text.split("/"):
            self.errors.append(
                positions.error(
                    key,
                    f"'{name}' ชี้ออกนอกโฟลเดอร์ของข้อ (points outside the item folder)",
                    "วางไฟล์ไว้ในโฟลเดอร์ของข้อนี้ แล้วเขียนเฉพาะชื่อไฟล์",
                )
            )
            return None
        path = folder / text
        parent = path.parent
        if parent.is_dir() and path.name in os.listdir(parent) and path.is_file():
            return path
        if parent.is_dir():
            same = [n for n in os.listdir(parent) if n.lower() == path.name.lower()]
            if same:
                self.errors.append(
                    positions.error(
                        key,
                        f"ไม่พบ '{name}' แต่มี '{same[0]}' ซึ่งตัวพิมพ์เล็ก/ใหญ่ต่างกัน (letter case differs)",
                        f"เขียนชื่อไฟล์ให้ตรงทุกตัวอักษร: {same[0]} (เว็บโฮสต์แยกตัวพิมพ์เล็ก/ใหญ่)",
                    )
                )
                return None
        present = sorted(n for n in os.listdir(folder) if n != "index.md" and not n.startswith("."))
        self.errors.append(
            positions.error(
                key,
                f"ไม่พบไฟล์ '{name}' ในโฟลเดอร์ {self.rel(folder)} (file not found)",
                ("ไฟล์ที่มีในโฟลเดอร์: " + ", ".join(present))
                if present
                else "วางไฟล์เอกสารไว้ในโฟลเดอร์เดียวกับ index.md",
            )
        )
        return None

    def item_dates(self, item: ItemContent) -> None:
        if item.empty:
            # A scaffold is not a publication: no date from the commit that made it.
            item.published = item.updated = None
            item.dates_from = None
            return
        meta = item.meta
        known = []
        if self.dates:  # dates from git history, keyed by resolved path
            sources = [p.resolve() for p in [item.source, *(d.path for d in item.documents)] if p is not None]
            known = [self.dates[p] for p in sources if p in self.dates]
        from_history = bool(known)
        item.published = meta.published if meta and meta.published else None
        item.updated = meta.updated if meta and meta.updated else None
        if item.published and item.updated:
            item.dates_from = "ส่วนหัวของไฟล์ (front matter)"
            return
        if from_history:
            item.published = item.published or min(d.first for d in known)
            item.updated = item.updated or max(d.last for d in known)
            item.dates_from = self.dates_from
        else:
            document_dates = [d.document.date for d in item.documents if d.document.date]
            if document_dates:
                item.published = item.published or min(document_dates)
                item.updated = item.updated or max(document_dates)
                item.dates_from = "วันที่ของเอกสาร (document dates)"
            elif item.published or item.updated:
                item.dates_from = "ส่วนหัวของไฟล์ (front matter)"
        if item.published and item.updated and item.updated < item.published:
            item.updated = item.published

    # ------------------------------------------------------------ across years

    def link_years(self, years: list[FiscalYear]) -> None:
        by_year = {y.year: y for y in years}
        for fiscal_year in years:
            for item in fiscal_year.items:
                if item.parts:
                    shown_from = by_year.get(item.parts_year or fiscal_year.year)
                    item.parts_shown = bool(shown_from and any(shown_from.shows(p) for p in item.parts))
                    if item.present and item.empty:
                        self.item_dates(item)
                if item.parts_year is not None and item.parts_year not in by_year and item.source:
                    self.fail(
                        item.source,
                        f"parts_year: ไม่มีโฟลเดอร์ปี {item.parts_year} (no such year in content)",
                        "เขียนปีที่มีโฟลเดอร์ใน content/ หรือลบ parts_year",
                    )
            if fiscal_year.progress is None:
                continue
            path = fiscal_year.folder / "progress.yml"
            positions: Positions | None = None
            for index, entry in enumerate(fiscal_year.progress.entries):
                year_text, _, measure_id = entry.measure.rpartition("/")
                target = by_year.get(int(year_text)) if year_text.isdigit() else fiscal_year
                if target is not None and target.measure(measure_id) is not None:
                    continue
                if target is not None and any(m.id == measure_id for m in target.draft_measures):
                    positions = (
                        positions or fiscal_year.positions.get("progress") or Positions(self.rel(path))
                    )
                    self.errors.append(
                        positions.error(
                            ("entries", index, "measure"),
                            f"มาตรการ '{entry.measure}' ยังเป็นร่าง มีบรรทัด TODO ใน measures.yml"
                            " จึงยังรายงานผลไม่ได้ (the measure is still a draft)",
                            f"เขียนมาตรการ {measure_id} ใน measures.yml ของปี {target.year} ให้ครบ"
                            " แล้วลบบรรทัด TODO",
                        )
                    )
                    continue
                if (
                    target is not None
                    and target.measures is None
                    and (target.folder / "measures.yml").is_file()
                ):
                    continue  # measures.yml itself is broken and already reported
                if positions is None:
                    positions = fiscal_year.positions.get("progress") or Positions(self.rel(path))
                where = f"ปี {year_text}" if year_text else f"measures.yml ของปี {fiscal_year.year}"
                self.errors.append(
                    positions.error(
                        ("entries", index, "measure"),
                        f"ไม่พบมาตรการ '{entry.measure}' ใน {where} (no such measure)",
                        "เขียน id ของมาตรการที่มีใน measures.yml เช่น m1 หรือ 2567/m1 สำหรับมาตรการของปีอื่น",
                    )
                )


def load_site(content_dir: Path, repo_root: Path | None = None, memory: LoadMemory | None = None) -> Site:
    """Load and validate ``content_dir``; raise :class:`ContentErrors` listing every mistake.

    ``memory``: the session's (:mod:`site_builder.load.memory`): what did not change since
    the last load with it (parsed texts, the git history, an item folder whose files are as
    they were) is taken from it (``mkdocs serve``, which loads on every save).
    """
    content_dir = content_dir.resolve()
    return _Loader(content_dir, (repo_root or content_dir.parent).resolve(), memory).load()
