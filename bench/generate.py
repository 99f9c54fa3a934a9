"""Synthetic but realistic content for benchmarks: N fiscal years of a municipality.

Each year has its framework's full item list, every item with Thai text and 2–5 small
PDF documents, a result with per-question scores, 10–30 measures with long Thai cells
(the size of the seeds' tables), and a progress entry per measure.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from site_builder.frameworks import available_frameworks, load_framework

SENTENCES = [
    "เทศบาลตำบลได้ดำเนินการตามแผนปฏิบัติการป้องกันการทุจริตและเผยแพร่ข้อมูลให้ประชาชนทราบผ่านเว็บไซต์หลักของหน่วยงาน",
    "จัดทำคู่มือการปฏิบัติงานและขั้นตอนการให้บริการให้ชัดเจน และประชาสัมพันธ์ทางเว็บไซต์ ไลน์กลุ่ม และบอร์ดสำนักงาน",
    "ผู้บังคับบัญชามอบหมายผู้รับผิดชอบในเรื่องการใช้ทรัพย์สินของทางราชการให้ชัดเจนและตรวจสอบอย่างสม่ำเสมอ",
    "พัฒนาระบบบริการออนไลน์ E-Service ให้สามารถใช้งานง่ายและสะดวกยิ่งขึ้น พร้อมคู่มือการใช้งานสำหรับประชาชน",
    "เปิดโอกาสให้บุคคลภายนอกเข้ามามีส่วนร่วมในการดำเนินงานตามภารกิจของหน่วยงานผ่านการประชุมประชาคมหมู่บ้าน",
    "รายงานผลการใช้จ่ายงบประมาณและความก้าวหน้าการจัดซื้อจัดจ้างเป็นรายเดือนบนเว็บไซต์หลักของหน่วยงาน",
]
UNITS = ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา", "กองสาธารณสุขและสิ่งแวดล้อม", "ทุกกอง"]


def pdf(text: str) -> bytes:
    """A minimal valid one-page PDF (about 700 bytes)."""
    stream = f"BT /F1 12 Tf 72 770 Td ({text}) Tj ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    return out + f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


def text(rng: random.Random, sentences: int) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(sentences))


def framework_for(year: int) -> str:
    names = available_frameworks()
    exact = f"ita-{year}"
    if exact in names:
        return exact
    return names[0] if year < int(names[0][4:]) else names[-1]


def generate(content: Path, years: int, last_year: int = 2568, seed: int = 1) -> int:
    """Write ``years`` fiscal years ending with ``last_year`` into ``content``; return the page count."""
    rng = random.Random(seed)
    content.mkdir(parents=True, exist_ok=True)
    (content / "agency.yml").write_text(
        "name: เทศบาลตำบลทดสอบสมรรถนะ\nkind: เทศบาลตำบล\ndistrict: เมือง\nprovince: ขอนแก่น\n", encoding="utf-8"
    )
    pages = 1
    for year in range(last_year - years + 1, last_year + 1):
        folder = content / str(year)
        folder.mkdir()
        name = framework_for(year)
        framework = load_framework(name)
        assert framework is not None
        (folder / "year.yml").write_text(f"framework: {name}\n", encoding="utf-8")
        indicators = {n: round(rng.uniform(86, 99), 2) for n in range(1, 11)}
        questions = {
            f"{p}{n}": round(rng.uniform(70, 100), 2)
            for p, count in (("i", 30), ("e", 15), ("o", 26))
            for n in range(1, count + 1)
        }
        (folder / "result.yml").write_text(
            yaml.safe_dump({"indicators": indicators, "questions": questions}, allow_unicode=True),
            encoding="utf-8",
        )
        measures = []
        for number in range(1, rng.randint(10, 30) + 1):
            measures.append(
                {
                    "id": f"m{number}",
                    "tool": rng.choice(["IIT", "EIT", "OIT"]),
                    "topic": rng.choice(SENTENCES)[:40],
                    "addresses": [rng.randint(1, 10)],
                    "actions": [text(rng, 1) for _ in range(3)],
                    "responsible": rng.sample(UNITS, 2),
                    "steps": [text(rng, 2) for _ in range(4)],
                    "period": {"fiscal_year": year},
                    "follow_up": [text(rng, 1)],
                }
            )
        (folder / "measures.yml").write_text(
            yaml.safe_dump({"measures": measures}, allow_unicode=True), encoding="utf-8"
        )
        entries = [
            {
                "measure": m["id"],
                "status": "done",
                "summary": [text(rng, 2)],
                "outcome": [text(rng, 2)],
                "scores": [{"question": m["topic"], "values": {year - 1: 88.5, year: 91.25}}],
            }
            for m in measures
        ]
        (folder / "progress.yml").write_text(
            yaml.safe_dump({"entries": entries}, allow_unicode=True), encoding="utf-8"
        )
        (folder / "analysis.yml").write_text(
            yaml.safe_dump(
                {
                    "summary": text(rng, 4),
                    "tools": [
                        {
                            "tool": "IIT",
                            "recommendations": [
                                {"indicator": n, "issue": text(rng, 1), "remedy": text(rng, 2)}
                                for n in range(1, 6)
                            ],
                        }
                    ],
                    "limitations": ["ขาดแคลนบุคลากรด้านไอที", "งบประมาณมีไม่เพียงพอ"],
                },
                allow_unicode=True,
            ),
            encoding="utf-8",
        )
        pages += 1
        for item in framework.items:
            item_folder = folder / item.slug
            item_folder.mkdir()
            documents = []
            for index in range(rng.randint(2, 5)):
                name_ = f"เอกสาร {item.code} ชุดที่ {index + 1}.pdf"
                (item_folder / name_).write_bytes(pdf(f"{item.code} document {index + 1} FY {year}"))
                documents.append(
                    {
                        "file": name_,
                        "title": f"เอกสาร {item.title[:30]} ชุดที่ {index + 1}",
                        "date": f"{year - 544}-11-{index + 10}",
                    }
                )
            front = yaml.safe_dump(
                {"documents": documents, "assessor_note": text(rng, 1)}, allow_unicode=True
            )
            (item_folder / "index.md").write_text(
                f"---\n{front}---\n\n{text(rng, 3)}\n\n{text(rng, 3)}\n", encoding="utf-8"
            )
            pages += 1
    return pages
