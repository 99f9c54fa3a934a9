"""``oit-site import``: an agency's earlier report (PDF, DOCX or text) drafted into
``content/<year>/`` as result, analysis, measures and progress files.

The report is read into blocks (:mod:`.formats`), refused if its Thai text layer is broken
(:mod:`.garbled`), recognised part by part (:mod:`.recognise`) and written as YAML with a
``# TODO:`` comment wherever a value was placed by a guess (:mod:`.yamltext`). Each draft
is checked against the content model before anything is written: what the model refuses is
left out with a TODO, so the drafts build as they come. A file that exists is never
written over: the draft goes beside it as ``<part>.imported.yml``, which the site does not
read and ``oit-site check`` lists until it is merged.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from site_builder.frameworks import load_framework, nearest_framework
from site_builder.importer.blocks import Refused, plain_text
from site_builder.importer.formats import Source, read_report
from site_builder.importer.garbled import faults, refusal
from site_builder.importer.numbers import settle
from site_builder.importer.recognise import Draft, Reading, recognise
from site_builder.importer.words import full_name, report_agency, squeeze, year_of
from site_builder.importer.yamltext import dump
from site_builder.model.content import Result
from site_builder.model.framework import Framework
from site_builder.model.kinds import PARTS, kind
from site_builder.model.scoring import compute

__all__ = ("Imported", "Refused", "import_report")

ITA_WORDS = re.compile(r"\bITA\b|คุณธรรมและความโปร่งใส|ผลการประเมิน|\b[IEO]IT\b")


@dataclass
class Written:
    part: str
    path: Path
    beside: bool
    """Written beside an existing file (``<part>.imported.yml``)."""
    draft: Draft


@dataclass
class Imported:
    report: Path
    source: Source
    year: int
    framework: str
    reading: Reading
    written: list[Written] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """What the report says that does not fit the site (another agency, another year): in
    the review list, and a TODO at the head of the first draft."""


def _refuse_broken(report: Path, source: Source) -> None:
    found = faults(source)
    if found:
        raise Refused(refusal(report.name, source, found))


def _framework_for(year: int) -> tuple[str, Any]:
    # Without a list of the year's own, the nearest year's: the ten indicators' names change little.
    name = nearest_framework(year)
    framework = load_framework(name)
    assert framework is not None
    return name, framework


def read(report: Path, year: int | None, agency: str | None = None) -> Imported:
    """The report read and recognised; nothing written. ``agency``: the name in
    ``agency.yml``, which the report should name."""
    if not report.is_file():
        raise Refused(f"ไม่พบไฟล์ {report} (no such file)")
    source = read_report(report)
    text = plain_text(source.blocks)
    if source.kind == "pdf" and not text.strip():
        raise Refused(
            f"{report.name}: ไม่พบข้อความในไฟล์ PDF (no text layer: a scan, or text no reader can take out)\n"
            "  ไม่ได้เขียนร่างใด ๆ (nothing was written)\n"
            "  ให้นำเข้าจากไฟล์ Word (.docx) ต้นฉบับแทน หรือคัดลอกข้อความจากต้นฉบับวางในไฟล์ .txt (UTF-8)"
        )
    _refuse_broken(report, source)
    if not ITA_WORDS.search(text):
        raise Refused(
            f"{report.name}: ไม่ใช่รายงาน ITA (not an ITA report): ไม่พบคำว่า ITA, ผลการประเมิน"
            " หรือคุณธรรมและความโปร่งใส; ไม่ได้เขียนร่างใด ๆ (nothing was written)"
        )
    stated = year_of(text)
    warnings = []
    if year is not None and stated is not None and stated != year:
        warnings.append(
            f"รายงานระบุปีงบประมาณ {stated} แต่นำเข้าเป็นปี {year} ตามที่สั่ง (--year):"
            " ตรวจว่าเป็นรายงานของปีนี้ (the report states another fiscal year)"
        )
    printed = report_agency(text)
    if (
        agency
        and printed
        and full_name(agency) not in squeeze(text)
        and full_name(printed) != full_name(agency)
    ):
        warnings.append(
            f"รายงานเป็นของ{printed} ไม่ใช่{agency}ตาม agency.yml:"
            " ตรวจว่านำเข้ารายงานถูกฉบับ (the report names another agency)"
        )
    year = year or stated
    if year is None:
        raise Refused(
            f"{report.name}: ไม่พบปีงบประมาณในรายงาน (no fiscal year found); ระบุด้วย --year เช่น --year 2567"
        )
    name, framework = _framework_for(year)
    reading = recognise(source.blocks, framework, year)
    if not reading.drafts:
        raise Refused(
            f"{report.name}: ไม่พบผลการประเมิน การวิเคราะห์ มาตรการ หรือผลการดำเนินการในรายงาน"
            " (no result, analysis, measures or progress found); ไม่ได้เขียนร่างใด ๆ (nothing was written)"
        )
    for draft in reading.drafts.values():
        _fit(draft, kind(draft.part).model)
    if "result" in reading.drafts:
        _agree(reading.drafts["result"], framework)
    settle(reading.figures, reading.drafts)
    return Imported(report, source, year, name, reading, warnings=warnings)


def _agree(draft: Draft, framework: Framework) -> None:
    """The printed numbers the site's own scoring disagrees with (a typo in the report, a
    level of another year's scale) are taken out, each kept in its TODO with the reason:
    the editor settles them against the NACC's announcement."""
    for _ in range(20):
        scores = compute(Result.model_validate(draft.data), framework, framework.scoring)
        if not scores.problems:
            return
        problem = scores.problems[0]
        path = _existing(draft.data, tuple(problem.key))
        if not path:
            return
        parent = _get(draft.data, path[:-1])
        value = parent.pop(path[-1])
        draft.note(
            path,
            f"รายงานพิมพ์ {'.'.join(map(str, path))}: {value} แต่ {problem.message}"
            " จึงยังไม่ใส่ ตรวจกับประกาศของ ป.ป.ช. แล้วเขียนค่าที่ถูกต้อง",
            next((where for what, where in draft.placed if what == ".".join(map(str, path))), "ดูรายงาน"),
        )


def _fit(draft: Draft, model: type[BaseModel]) -> None:
    """Take out of the draft what the content model refuses, each with a TODO, until the
    model takes the rest: the drafts build strictly as they come."""
    for _ in range(200):
        try:
            model.model_validate(draft.data)
            return
        except ValidationError as exc:
            error = exc.errors()[0]
            path = _existing(draft.data, tuple(error["loc"]))
            if not path:
                raise  # the whole draft refused: a mistake in the recognisers
            parent = _get(draft.data, path[:-1])
            value = parent[path[-1]]
            if isinstance(parent, dict):
                del parent[path[-1]]
            else:
                parent.pop(path[-1])
            reason = str(error["msg"]).removeprefix("Value error, ")
            draft.note(
                path,
                f"ค่าที่อ่านได้ของ {path[-1]} ใช้ไม่ได้ ({reason}): «{str(value)[:60]}» เติมเองจากรายงาน",
                "ดูรายงาน",
            )
    model.model_validate(draft.data)


def _existing(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    path: tuple[Any, ...] = ()
    for key in loc:
        listed = isinstance(data, list) and isinstance(key, int) and 0 <= key < len(data)
        if (isinstance(data, dict) and key in data) or listed:
            data = data[key]
        else:
            break
        path = (*path, key)
    return path


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def write(imported: Imported, content: Path) -> Imported:
    """The drafts written into ``content/<year>/``: a part that exists gets its draft
    beside it; a draft beside it already stops the import before anything is written."""
    folder = content / str(imported.year)
    if folder.exists() and not folder.resolve().is_relative_to(content.resolve()):
        raise Refused(
            f"content/{imported.year} พาออกไปนอกโฟลเดอร์ content/ (a link out of content/);"
            " ไม่ได้เขียนไฟล์ใด ๆ (nothing was written)"
        )
    plan: list[tuple[Draft, Path, bool]] = []
    if imported.framework != f"ita-{imported.year}" and not (folder / "year.yml").exists():
        # No list of the year's own: the year names the nearest one, or it would not build.
        year = Draft("year", {"framework": imported.framework})
        year.note(
            ("framework",),
            f"ไม่มีกรอบการประเมิน ita-{imported.year} ในโปรแกรม จึงใช้ {imported.framework}"
            " ซึ่งใกล้ที่สุด: ตรวจรายการข้อของปีนั้น",
            "ปีของรายงาน",
        )
        plan.append((year, folder / "year.yml", False))
    for part in PARTS:
        draft = imported.reading.drafts.get(part.name)
        if draft is None:
            continue
        target = folder / part.file
        beside = target.exists()
        if part.name == "progress" and any(d.part == "measures" and b for d, _, b in plan):
            # Its entries name the measures drafted with it, which wait beside measures.yml.
            beside = True
        if beside:
            target = folder / part.draft
            if target.exists():
                raise Refused(
                    f"มีร่างที่นำเข้าไว้ก่อนแล้ว: {target.relative_to(content.parent).as_posix()} "
                    "(an imported draft is waiting); รวมเข้ากับไฟล์หลักหรือลบออกก่อน แล้วนำเข้าอีกครั้ง"
                    " ไม่ได้เขียนไฟล์ใด ๆ (nothing was written)"
                )
        plan.append((draft, target, beside))
    header = [
        f"ร่างจากรายงาน {imported.report.name} (oit-site import, {imported.framework})",
        "ตรวจกับรายงานต้นฉบับ แก้ตามบรรทัด TODO แล้วลบบรรทัดนั้น จากนั้นรัน oit-site check",
    ]
    folder.mkdir(parents=True, exist_ok=True)
    for index, (draft, target, beside) in enumerate(plan):
        # What does not fit the site is said once, at the head of the first draft.
        warned = [f"TODO: {warning}" for warning in imported.warnings] if index == 0 else []
        text = dump(draft.data, draft.notes, [*header, *warned])
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".import-", suffix=".yml")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, target)
        imported.written.append(Written(draft.part, target, beside, draft))
    return imported


def import_report(
    report: Path, content: Path, year: int | None = None, agency: str | None = None
) -> Imported:
    return write(read(report, year, agency), content)
