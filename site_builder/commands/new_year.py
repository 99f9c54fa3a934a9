"""``oit-site new-year YEAR``: a fiscal year's folder scaffolded from its framework
(``templates/scaffold/``), with the measures the previous year's analysis recommends; a file
that exists is never written over."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TextIO

from jinja2 import Environment, PackageLoader, StrictUndefined

from site_builder.commands.common import config_of, site_of
from site_builder.commands.console import Failure
from site_builder.errors import ContentErrors
from site_builder.frameworks import available_frameworks, load_framework, nearest_framework
from site_builder.model.kinds import KINDS
from site_builder.model.site import Site
from site_builder.render.pages import DATA_PERIODS


def _scaffold_env() -> Environment:
    env = Environment(
        loader=PackageLoader("site_builder", "templates/scaffold"),
        autoescape=False,  # YAML and Markdown for editors, not HTML
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["yaml"] = lambda text: json.dumps(str(text), ensure_ascii=False)
    return env


def new_year(config_file: Path, year: int, framework_name: str | None, out: TextIO) -> int:
    config = config_of(config_file)
    if not 2500 <= year <= 2700:
        raise Failure(
            f"ปี {year} ไม่ใช่ปีงบประมาณ พ.ศ. (not a Buddhist-era fiscal year); เช่น oit-site new-year 2569"
        )
    name = framework_name or nearest_framework(year)
    framework = load_framework(name)
    if framework is None:
        raise Failure(
            f"ไม่มีกรอบการประเมิน '{name}' (no such framework); กรอบที่มี: {', '.join(available_frameworks())}; "
            f"เลือกด้วย --framework เช่น oit-site new-year {year} --framework {available_frameworks()[-1]}"
        )
    content = Path(config.docs_dir)
    folder = content / str(year)
    try:
        site: Site | None = site_of(config)
    except ContentErrors:
        site = None
        out.write("เนื้อหาเดิมมีข้อผิดพลาด จึงไม่ได้ดึงมาตรการจากการวิเคราะห์ปีก่อน (run oit-site check)\n")
    previous = site.year(year - 1) if site else None
    recommendations = []
    if previous and previous.analysis:
        for tool in previous.analysis.tools:
            for rec in tool.recommendations:
                indicator = previous.framework.indicator(rec.indicator) if rec.indicator else None
                recommendations.append(
                    {
                        "tool": tool.tool,
                        "topic": rec.title or (indicator.title if indicator else rec.issue or "TODO: ประเด็น"),
                        "addresses": ([str(rec.indicator)] if rec.indicator else []) + list(rec.questions),
                        "issue": rec.issue,
                        "remedy": rec.remedy,
                    }
                )
    env = _scaffold_env()
    context = {
        "year": year,
        "framework": framework,
        "previous": year - 1,
        "today": date.today().isoformat(),
        "schemas": {declared.name: declared.schema for declared in KINDS},
    }
    files: dict[Path, str] = {
        folder / "year.yml": env.get_template("year.yml").render(**context),
        folder / "measures.yml": env.get_template("measures.yml").render(
            **context, recommendations=recommendations
        ),
        folder / "progress.yml": env.get_template("progress.yml").render(**context),
    }
    for item in framework.items:
        period = DATA_PERIODS.get(item.data_period) if item.data_period else None
        files[folder / item.slug / "index.md"] = env.get_template("item.md").render(
            **context, item=item, period=period
        )
    written = kept = 0
    for path, text in files.items():
        rel = path.relative_to(content.parent).as_posix()
        if path.exists():
            kept += 1
            out.write(f"  มีอยู่แล้ว ไม่เขียนทับ (kept): {rel}\n")
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written += 1
    out.write(
        f"สร้างปีงบประมาณ {year} จาก {framework.name}: เขียน {written} ไฟล์, คงไฟล์เดิม {kept} ไฟล์ "
        f"(wrote {written} files, kept {kept})\n"
        f"ต่อไป: เติมเนื้อหาแต่ละข้อ ลบบรรทัด TODO แล้วรัน oit-site check {year}\n"
    )
    if framework.name != f"ita-{year}" and f"ita-{year}" not in available_frameworks():
        out.write(nearest_note(year, framework.name))
    return 0


def nearest_note(year: int, name: str) -> str:
    """What ``init``, ``new-year`` and ``import`` say of a year the package has no list for."""
    return (
        f"ยังไม่มีรายการข้อของ ITA {year} ในโปรแกรมรุ่นนี้ จึงใช้ {name} ไปก่อน: "
        f"แก้หรือเพิ่มข้อได้ใน content/{year}/year.yml เมื่อ ป.ป.ช. ประกาศคู่มือ "
        f"(no list for ITA {year} yet; {name} is used until you correct it)\n"
    )
