"""The review list an import prints: per part, the file written, what was placed where in
the report, and each TODO to check; then what found no place and what was left out."""

from __future__ import annotations

from typing import Any

from site_builder.importer import Imported
from site_builder.importer.recognise import Recogniser
from site_builder.model.kinds import kind


def review_json(imported: Imported, root: Any) -> dict[str, Any]:
    parts = []
    for written in imported.written:
        draft = written.draft
        parts.append(
            {
                "part": written.part,
                "file": written.path.relative_to(root).as_posix(),
                "beside_existing": written.beside,
                "placed": [{"key": what, "where": where} for what, where in draft.placed],
                "todo": [
                    {"key": Recogniser.dotted(note.path) or "(ทั้งไฟล์)", "what": note.text, "where": note.where}
                    for note in draft.notes
                ],
            }
        )
    return {
        "ok": True,
        "report": imported.report.name,
        "year": imported.year,
        "framework": imported.framework,
        "warnings": imported.warnings,
        "parts": parts,
        "unplaced": [{"where": where, "text": text} for where, text in imported.reading.unplaced],
        "skipped": [{"where": where, "why": why} for where, why in imported.reading.skipped],
    }


def review_text(report: dict[str, Any]) -> str:
    lines = [f"นำเข้า {report['report']} → ปีงบประมาณ {report['year']} ({report['framework']})"]
    for warning in report["warnings"]:
        lines.append(f"คำเตือน (warning): {warning}")
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
            text = entry["text"].replace("\n", " ")
            lines.append(f"  {entry['where']}: «{text[:100]}{'…' if len(text) > 100 else ''}»")
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
