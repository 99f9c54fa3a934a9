"""``oit-site``: the editor's and webmaster's commands, run from the repository root.

- ``init [FOLDER]``: a new agency's site, asking in Thai for what the flags did not give;
- ``check [YEAR]``: what is wrong or still missing, per fiscal year;
- ``new-year YEAR``: a fiscal year's folder scaffolded from its framework;
- ``answers YEAR``: the answer sheet for the NACC's system;
- ``register``: add the site's URLs to ``published-urls.txt``;
- ``schema``: write the JSON Schemas editors' YAML files point at;
- ``publish``: send what changed in ``site/`` to the agency's host (builds first when
  ``site/`` is older than the content);
- ``import REPORT``: an earlier report (PDF, DOCX, text) drafted into ``content/<year>/``;
- ``ci github|gitlab``: the CI file that checks, builds and publishes on every push;
- ``overview LIST``: many agencies' sites read into one overview;
- ``build`` and ``serve``: ``mkdocs build --strict`` and ``mkdocs serve``.

Here are the parser, the dispatch from the parsed arguments to the commands of
:mod:`site_builder.commands`, and the console script; the commands' work is theirs.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path
from typing import TextIO

from mkdocs.exceptions import ConfigurationError

from site_builder import __version__
from site_builder.commands.answers import answers
from site_builder.commands.check import check
from site_builder.commands.ci import write_ci
from site_builder.commands.console import Failure, sigterm_as_interrupt, stdin_line, terminal_line
from site_builder.commands.importing import import_command
from site_builder.commands.init import init
from site_builder.commands.new_year import new_year
from site_builder.commands.overview import overview
from site_builder.commands.publish import connection_count, publish
from site_builder.commands.register import register
from site_builder.commands.schema import schema
from site_builder.commands.serve import run_mkdocs, serve
from site_builder.publish.run import Interrupted
from site_builder.publish.targets import CONNECTIONS, MOST_CONNECTIONS, PublishError

# ------------------------------------------------------------------ the parser


def make_parser() -> argparse.ArgumentParser:
    """The command line: the options every command takes, and each command's own."""
    parser = argparse.ArgumentParser(
        prog="oit-site", description="เครื่องมือของเว็บไซต์เปิดเผยข้อมูล OIT (OIT site tools)"
    )
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="mkdocs.yml")
    parser.add_argument("--version", action="version", version=f"oit-site {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser(
        "init", help="เริ่มเว็บไซต์ของหน่วยงานในโฟลเดอร์ว่าง (start an agency's site in an empty folder)"
    )
    p.add_argument("folder", nargs="?", type=Path, default=Path("."), help="โฟลเดอร์ (default: here)")
    p.add_argument("--name", help="ชื่อหน่วยงาน (agency name)")
    p.add_argument("--kind", help="ประเภท เช่น องค์การบริหารส่วนตำบล (kind)")
    p.add_argument("--district", help="อำเภอ (district)")
    p.add_argument("--province", help="จังหวัด (province)")
    p.add_argument("--site-url", help="ที่อยู่เว็บไซต์ เช่น https://www.example.go.th/ita/ (site URL)")
    p.add_argument("--year", help="ปีงบประมาณแรก (first fiscal year; default: the current one)")
    p.add_argument("--framework", help="กรอบการประเมิน เช่น ita-2569 (framework)")
    p.add_argument("--ci", choices=["github", "gitlab"], help="เขียนไฟล์ CI ด้วย (also write the CI file)")
    p.add_argument(
        "--pages", action="store_true", default=None, help="CI เผยแพร่บน Pages (CI deploys to Pages)"
    )
    p = commands.add_parser("check", help="ตรวจเนื้อหาและสิ่งที่ยังขาดของแต่ละปี (check content and what is missing)")
    p.add_argument("year", nargs="?", type=int)
    p.add_argument("--format", choices=["text", "json"], default="text")
    p = commands.add_parser(
        "new-year", help="สร้างโฟลเดอร์ปีงบประมาณใหม่จากกรอบการประเมิน (scaffold a fiscal year)"
    )
    p.add_argument("year", type=int)
    p.add_argument("--framework")
    p = commands.add_parser("answers", help="แบบคำตอบสำหรับผู้ตรวจประเมิน (the answer sheet)")
    p.add_argument("year", type=int)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    commands.add_parser("register", help="เพิ่มที่อยู่ทั้งหมดลงใน published-urls.txt (register the URLs)")
    commands.add_parser("schema", help="เขียน JSON Schema ของไฟล์เนื้อหาลงใน schema/ (write the JSON Schemas)")
    p = commands.add_parser(
        "publish", help="ส่งเว็บไซต์ไปยังโฮสต์ของหน่วยงาน เฉพาะไฟล์ที่เปลี่ยน (publish what changed)"
    )
    p.add_argument("--to", metavar="URL", help="sftp://user@host/path, ftps://…, ftp://… หรือโฟลเดอร์")
    p.add_argument("--dry-run", action="store_true", help="บอกว่าจะส่งอะไร โดยไม่ส่ง (show, send nothing)")
    p.add_argument(
        "--prune", action="store_true", help="ลบไฟล์ที่ไม่ได้สร้างแล้วและไม่ได้ลงทะเบียน (remove files no longer built)"
    )
    p.add_argument("--all", dest="everything", action="store_true", help="ส่งทุกไฟล์ (send every file)")
    p.add_argument(
        "--replace-existing",
        dest="replace_all",
        action="store_true",
        help="แทนที่ไฟล์บนเซิร์ฟเวอร์ที่ oit-site ไม่ได้ส่งไว้ ไฟล์เดิมย้ายไปเก็บใน .oit-backup/ "
        "(replace files oit-site did not put there, the old ones moved into .oit-backup/)",
    )
    p.add_argument(
        "--replace",
        metavar="PATH",
        action="append",
        default=[],
        help="แทนที่เฉพาะไฟล์นี้ ใส่ซ้ำได้ (replace this one file, as --replace-existing; repeatable)",
    )
    p.add_argument(
        "--no-build", dest="build", action="store_false", help="ไม่สร้างเว็บเอง (refuse a stale site/ instead)"
    )
    p.add_argument(
        "--folder", type=Path, help="เผยแพร่โฟลเดอร์นี้ตามที่เป็น เช่น overview/ (publish a folder as it is)"
    )
    p.add_argument(
        "--connections",
        type=connection_count,
        default=CONNECTIONS,
        metavar="N",
        help=f"จำนวนการเชื่อมต่อ FTP หรือช่อง SFTP ที่ส่งพร้อมกัน 1–{MOST_CONNECTIONS} "
        f"(FTP connections, or SFTP channels, at once; default {CONNECTIONS})",
    )
    p = commands.add_parser("ci", help="เขียนไฟล์ CI ที่ตรวจ สร้าง และเผยแพร่ทุกครั้งที่ push (write the CI file)")
    p.add_argument("host", choices=["github", "gitlab"])
    p.add_argument("--pages", action="store_true", help="GitHub Pages / GitLab Pages แทนโฮสต์ของหน่วยงาน")
    p = commands.add_parser(
        "overview", help="ภาพรวมของหลายหน่วยงานจากเว็บไซต์ของแต่ละแห่ง (an overview of many agencies' sites)"
    )
    p.add_argument("list", type=Path, help="รายชื่อเว็บไซต์ .csv (url,name,group) หรือ .yml")
    p.add_argument("--year", type=int, help="ปีงบประมาณ (default: the latest year most sites have)")
    p.add_argument("--out", type=Path, default=Path("overview"), help="โฟลเดอร์ที่เขียน (default: overview/)")
    p.add_argument("--workers", type=int, default=32, help="คำขอพร้อมกัน (requests at once; default 32)")
    p.add_argument("--rate", type=float, default=4.0, help="คำขอต่อวินาทีต่อโฮสต์ (requests a second to one host)")
    p.add_argument("--no-cache", dest="cache", action="store_false", help="ไม่ใช้คำขอแบบมีเงื่อนไข (no cache)")
    p = commands.add_parser(
        "import", help="นำเข้ารายงานเดิม PDF DOCX หรือข้อความ เป็นร่างใน content/<ปี>/ (import an earlier report)"
    )
    p.add_argument("report", type=Path, help="ไฟล์รายงาน .pdf .docx หรือ .txt (the report)")
    p.add_argument("--year", type=int, help="ปีงบประมาณ พ.ศ. (default: the year the report names)")
    p.add_argument(
        "--format", choices=["text", "json"], default="text", help="รายการตรวจทาน (the review list's format)"
    )
    commands.add_parser("build", help="mkdocs build --strict", add_help=False)
    commands.add_parser("serve", help="mkdocs serve", add_help=False)
    return parser


# ------------------------------------------------------------------ the dispatch


def dispatch(args: argparse.Namespace, rest: list[str], out: TextIO) -> int:
    """The command ``args`` name, run with its arguments (``rest``: MkDocs' own, for
    ``build`` and ``serve``); its exit code."""
    if args.command == "init":
        given = {
            key: getattr(args, key)
            for key in ("name", "kind", "district", "province", "site_url", "year", "framework", "ci")
        }
        given["pages"] = "y" if args.pages else None
        return init(args.folder.resolve(), given, lambda prompt: stdin_line(prompt, out), out)
    if args.command == "check":
        return check(args.config_file, args.year, args.format, out)
    if args.command == "new-year":
        return new_year(args.config_file, args.year, args.framework, out)
    if args.command == "answers":
        return answers(args.config_file, args.year, args.format, out)
    if args.command == "register":
        return register(args.config_file, out)
    if args.command == "publish":
        with sigterm_as_interrupt():
            return publish(
                args.config_file,
                args.to,
                dry_run=args.dry_run,
                prune=args.prune,
                everything=args.everything,
                build=args.build,
                out=out,
                folder_given=args.folder,
                replace_all=args.replace_all,
                replace=args.replace,
                connections=args.connections,
            )
    if args.command == "ci":
        return write_ci(args.config_file, args.host, args.pages, out)
    if args.command == "overview":
        return overview(args.list, args.year, args.out, args.workers, args.rate, args.cache, out)
    if args.command == "import":
        return import_command(args.config_file, args.report, args.year, args.format, out)
    if args.command == "schema":
        return schema(args.config_file, out)
    if args.command == "serve":
        return serve(args.config_file, rest, lambda prompt: terminal_line(prompt, out), out)
    return run_mkdocs(args.config_file, args.command, rest)


# ------------------------------------------------------------------ the console script


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    parser = make_parser()
    args, rest = parser.parse_known_args(argv)
    data = getattr(args, "format", None) in ("json", "csv")
    if data and out is sys.stdout and isinstance(out, io.TextIOWrapper) and not out.isatty():
        out.reconfigure(encoding="utf-8")  # data for programs is UTF-8, whatever the console's
    if rest and args.command not in ("build", "serve"):
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    try:
        return dispatch(args, rest, out)
    except (Failure, PublishError) as failure:
        sys.stderr.write(f"{failure}\n")
        return 1
    except Interrupted:
        sys.stderr.write(
            "\nหยุดแล้ว ทุกไฟล์บนเซิร์ฟเวอร์เป็นฉบับเดิมหรือฉบับใหม่ทั้งไฟล์ รันคำสั่งเดิมอีกครั้งเพื่อส่งส่วนที่เหลือ "
            "(stopped; every file on the server is old or new; run the same command again to finish)\n"
        )
        return 130
    except ConfigurationError as exc:
        sys.stderr.write(f"{args.config_file}: {exc}\n")
        return 1


def entry_point() -> None:
    """The console script: like :func:`main`, quiet when its output is piped to ``head``."""
    # A Thai Windows console or file (cp874), or a Western one (cp1252), cannot encode every
    # character the messages use (·, ✓, –): such a character becomes ?, never a traceback.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    sys.exit(code)


if __name__ == "__main__":
    entry_point()
