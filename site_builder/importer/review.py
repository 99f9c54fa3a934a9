"""The review list an import prints, what to check first at the top: the report's numbers
that were not placed, then the TODOs on numbers, then per part the file written, what was
placed from where in the report and the TODOs on its text; then the text that found no place
and what was left out on purpose."""

from __future__ import annotations

from typing import Any

from site_builder.importer import Imported
from site_builder.importer.recognise import Note, Recogniser
from site_builder.model.kinds import kind

NUMBER_KEYS = ("score", "rank", "tools", "eit_parts", "indicators", "questions")


def is_number_note(part: str, note: Note) -> bool:
    """A TODO on a number: a score or a rank of result.yml, a question's score by year in
    progress.yml."""
    path = note.path
    if part == "result":
        return bool(path) and path[0] in NUMBER_KEYS and not str(path[-1]).endswith("_label")
    return part == "progress" and "scores" in path


def review_json(imported: Imported, root: Any) -> dict[str, Any]:
    parts = []
    number_todos = []
    for written in imported.written:
        draft = written.draft
        file = written.path.relative_to(root).as_posix()
        todos = []
        for note in draft.notes:
            # result.yml's keys are names and numbers (indicators.7); the others' lists count.
            key = ".".join(map(str, note.path)) if draft.part == "result" else Recogniser.dotted(note.path)
            entry = {"key": key or "(ทั้งไฟล์)", "what": note.text, "where": note.where}
            if is_number_note(draft.part, note):
                number_todos.append({"file": file, **entry})
            else:
                todos.append(entry)
        parts.append(
            {
                "part": written.part,
                "file": file,
                "beside_existing": written.beside,
                "placed": [{"key": what, "where": where} for what, where in draft.placed],
                "todo": todos,
            }
        )
    files = {w.part: w.path.relative_to(root).as_posix() for w in imported.written}
    figures = imported.reading.figures
    placed = [f for f in figures if f.placed]
    numbers = {
        "read": len(figures),
        "placed": len(placed),
        "not_placed": [
            {"number": f.printed, "where": f.where, "words": f.words, "why": f.reason}
            for f in figures
            if not f.placed
        ],
        "placed_at": [
            {
                "number": f.printed,
                "where": f.where,
                "file": files.get(f.part or "", f"{f.part}.yml"),
                "key": ".".join(str(k) for k in f.path or ()),
            }
            for f in placed
        ],
        "todo": number_todos,
    }
    return {
        "ok": True,
        "report": imported.report.name,
        "year": imported.year,
        "framework": imported.framework,
        "warnings": imported.warnings,
        "numbers": numbers,
        "parts": parts,
        "unplaced": [{"where": where, "text": text} for where, text in imported.reading.unplaced],
        "skipped": [{"where": where, "why": why} for where, why in imported.reading.skipped],
    }


def _quoted(text: str, limit: int = 100) -> str:
    text = text.replace("\n", " ")
    return f"«{text[:limit]}{'…' if len(text) > limit else ''}»"


def review_text(report: dict[str, Any]) -> str:
    lines = [f"นำเข้า {report['report']} → ปีงบประมาณ {report['year']} ({report['framework']})"]
    for warning in report["warnings"]:
        lines.append(f"คำเตือน (warning): {warning}")
    numbers = report["numbers"]
    not_placed = numbers["not_placed"]
    lines.append("")
    lines.append(
        f"ตัวเลขในรายงาน {numbers['read']} ตัว: วางแล้ว {numbers['placed']} ไม่ได้วาง {len(not_placed)}"
        f" (numbers: {numbers['read']} read, {numbers['placed']} placed, {len(not_placed)} not placed)"
    )
    unexplained = [entry for entry in not_placed if not entry["why"]]
    explained = [entry for entry in not_placed if entry["why"]]
    if unexplained:
        lines.append(
            f"  ไม่ได้วาง {len(unexplained)} ตัว ไม่รู้ว่าเป็นคะแนนของอะไร (not placed: their words name no key):"
            " ตรวจกับรายงาน แล้วใส่เองถ้าเป็นผลการประเมินของปีนี้"
        )
        for entry in unexplained:
            lines.append(f"    {entry['where']}: {entry['number']} {_quoted(entry['words'])}")
    if explained:
        lines.append(
            f"  ไม่ได้วาง {len(explained)} ตัว ตามที่ข้อความบอก (not placed, as their words say):"
            " ตรวจว่าไม่ใช่ผลการประเมินของปีนี้"
        )
        for entry in explained:
            lines.append(
                f"    {entry['where']}: {entry['number']} {_quoted(entry['words'])} — {entry['why']}"
            )
    if numbers["todo"]:
        lines.append(f"  ต้องตรวจ {len(numbers['todo'])} จุด (TODOs on numbers, เขียนไว้ในไฟล์แล้ว):")
        for todo in numbers["todo"]:
            lines.append(f"    {todo['file']} {todo['key']} ({todo['where']}): {todo['what']}")
    for part in report["parts"]:
        lines.append("")
        beside = " (มีไฟล์เดิมอยู่แล้ว จึงเขียนร่างไว้ข้าง ๆ: รวมเองแล้วลบร่าง)" if part["beside_existing"] else ""
        lines.append(f"{kind(part['part']).short} ({part['part']}) → {part['file']}{beside}")
        placed = part["placed"]
        if placed:
            lines.append(f"  วางแล้ว {len(placed)} รายการ (placed):")
        for entry in placed:
            lines.append(f"    {entry['key']} ← {entry['where']}")
        if part["todo"]:
            lines.append(f"  ต้องตรวจ {len(part['todo'])} จุด (TODO, เขียนไว้ในไฟล์แล้ว):")
            for todo in part["todo"]:
                lines.append(f"    {todo['key']} ({todo['where']}): {todo['what']}")
    if report["unplaced"]:
        lines.append("")
        lines.append(f"ไม่ได้นำเข้า {len(report['unplaced'])} ตอน (not placed): ใส่เองถ้าต้องการ")
        for entry in report["unplaced"]:
            lines.append(f"  {entry['where']}: {_quoted(entry['text'])}")
    if report["skipped"]:
        lines.append("")
        lines.append(f"ข้ามไป {len(report['skipped'])} ตอน (left out):")
        for entry in report["skipped"]:
            lines.append(f"  {entry['where']}: {entry['why']}")
    if report.get("items_made"):
        lines.append("")
        lines.append(
            f"ปี {report['year']} ยังไม่มีโฟลเดอร์ของข้อ จึงสร้าง {report['items_made']} ข้อตาม {report['framework']}"
            " อย่าง oit-site new-year (made the year's item folders, as new-year does)"
        )
    lines.append("")
    lines.append(
        f"ต่อไป: อ่านร่างเทียบกับรายงาน แก้ตามบรรทัด TODO แล้วลบบรรทัดนั้น"
        f" จากนั้นรัน oit-site check {report['year']} และ oit-site build"
    )
    return "\n".join(lines) + "\n"
