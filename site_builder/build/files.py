"""What MkDocs is handed: the built outputs as its files (in memory, or linked under
``serve``), in place of what it found in content/; and the check that every URL the site
ever published still answers."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from site_builder.build.rebuild import LinkedFile
from site_builder.editor import EditorFile
from site_builder.render.pages import Output
from site_builder.urls import REGISTER, lost_urls, path_of, read_register


def check_register(config: MkDocsConfig, outputs: list[Output]) -> None:
    """Every URL ever published must still answer: a page, a document, a redirect or a "gone" page."""
    register = Path(config.config_file_path).resolve().parent / REGISTER if config.config_file_path else None
    if register is None or not register.is_file():
        return
    lost = lost_urls(read_register(register), {path_of(o.uri) for o in outputs})
    if lost:
        lines = "\n".join(f"  {url}" for url in lost)
        raise PluginError(
            f"ที่อยู่ที่เคยเผยแพร่ {len(lost)} รายการจะใช้ไม่ได้ (published URLs would stop answering), "
            f"ตามรายการใน {REGISTER}:\n{lines}\n"
            "    วิธีแก้ (fix): ถ้าย้ายไปที่อื่น ให้เพิ่มใน content/redirects.yml ใต้ redirects: (old/new); "
            "ถ้านำออกโดยตั้งใจ ให้เพิ่มใต้ gone: (url/title/date/reason); ถ้าลบโดยไม่ตั้งใจ ให้นำไฟล์กลับมา"
        )


def without_content(files: Files, config: MkDocsConfig) -> None:
    """Everything MkDocs found in content/ leaves ``files``: the outputs replace it. Paths are
    compared as MkDocs found them, not resolved: a link to a file outside must not slip
    through, and a docs_dir reached through a link (/tmp on macOS) still matches."""
    found_in = Path(os.path.abspath(config.docs_dir))
    for file in list(files):
        if file.abs_src_path and Path(os.path.abspath(file.abs_src_path)).is_relative_to(found_in):
            files.remove(file)


def add_outputs(files: Files, outputs: list[Output], config: MkDocsConfig, linked: bool) -> None:
    """The outputs as MkDocs' files, in memory; ``linked``: copied files are linked (serve)."""
    docs_dir = Path(config.docs_dir).resolve()
    for output in outputs:
        if output.later:
            continue
        if output.uri.endswith(".md"):
            inclusion = InclusionLevel.UNDEFINED if output.in_nav else InclusionLevel.NOT_IN_NAV
        else:
            inclusion = InclusionLevel.INCLUDED  # MkDocs would leave out dotfiles such as .htaccess
        if output.path is not None:
            kind = LinkedFile if linked else File
            file = kind.generated(config, output.uri, abs_src_path=str(output.path), inclusion=inclusion)
        else:
            assert output.content is not None
            file = File.generated(config, output.uri, content=output.content, inclusion=inclusion)
        if output.source is not None and output.source.is_file():
            file.edit_uri = output.source.resolve().relative_to(docs_dir).as_posix()
        files.append(file)


def add_editor_files(files: Files, made: list[EditorFile], config: MkDocsConfig) -> None:
    for output in made:
        if output.path is not None:
            file = File.generated(config, output.uri, abs_src_path=str(output.path))
        else:
            assert output.content is not None
            file = File.generated(config, output.uri, content=output.content)
        file.inclusion = InclusionLevel.INCLUDED  # admin/.htaccess is a dotfile
        files.append(file)
