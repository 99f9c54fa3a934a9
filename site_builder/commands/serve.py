"""``oit-site build`` and ``oit-site serve``: MkDocs' commands in a process of their own
(``build`` strict, ``serve`` with the editor at ``/admin/``), and the name the editor's
commits carry, asked once."""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from site_builder.commands.common import config_of
from site_builder.commands.console import Failure
from site_builder.local.history import FALLBACK_EMAIL, FALLBACK_NAME, Author, GitHistory


def run_mkdocs(config_file: Path, command: str, rest: list[str]) -> int:
    # serve: MkDocs' server whose first build may fail (site_builder.local.serve).
    program = ["site_builder.local.serve"] if command == "serve" else ["mkdocs", command]
    mkdocs = [sys.executable, "-m", *program, "-f", str(config_file)]
    # Material prints its end-of-life notice (5 May 2027) on every run: a webmaster's
    # matter, stated in the README, not the editor's at every save.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    child = subprocess.Popen(mkdocs + (["--strict"] if command == "build" else []) + rest, env=env)

    # Stopped by SIGTERM (a closed terminal, a service manager, `kill`), the child stops too:
    # a server left behind would hold the port. Ctrl-C reaches both from the terminal.
    def stop(signum: int, _frame: Any) -> None:
        child.send_signal(signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        while True:
            try:
                code = child.wait()
                return 128 - code if code < 0 else code  # ended by a signal: the shell's number
            except KeyboardInterrupt:
                # Ctrl-C at a terminal reaches the child too; an interrupt sent to this
                # process alone (a service manager, `kill -INT`) is passed on.
                try:
                    child.wait(timeout=2)
                except subprocess.TimeoutExpired:
                    child.send_signal(signal.SIGINT)
    finally:
        signal.signal(signal.SIGTERM, previous)


def dev_address(config_file: Path, rest: list[str]) -> tuple[str, int]:
    """Where ``serve`` will listen: ``-a``/``--dev-addr`` if given, else mkdocs.yml's ``dev_addr``."""
    text = None
    for index, word in enumerate(rest):
        if word in ("-a", "--dev-addr") and index + 1 < len(rest):
            text = rest[index + 1]
        elif word.startswith("--dev-addr="):
            text = word.split("=", 1)[1]
        elif word.startswith("-a") and len(word) > 2:
            text = word[2:]
    if text is None:
        address = config_of(config_file).dev_addr
        return address.host, address.port
    host, _, port = text.rpartition(":")
    return host or "127.0.0.1", int(port) if port.isdigit() else 8000


def port_taken(host: str, port: int) -> bool:
    """Whether a server already listens on ``host:port`` (as MkDocs' server binds, reusing
    an address a closed server left waiting)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            return exc.errno == errno.EADDRINUSE or getattr(exc, "winerror", None) == 10048
    return False


def serve(config_file: Path, rest: list[str], ask: Callable[[str], str | None], out: TextIO) -> int:
    """The site and the editor at ``/admin/``, whose saves are commits: asks once for the
    name the commits carry when git knows none."""
    host, port = dev_address(config_file, rest)
    if port_taken(host, port):
        free = next((p for p in range(port + 1, port + 50) if not port_taken(host, p)), port + 1)
        raise Failure(
            f"พอร์ต {port} ที่ {host} มีโปรแกรมอื่นใช้อยู่ (port {port} is in use: another oit-site serve"
            " or another server). ปิดโปรแกรมนั้น หรือเปิดที่พอร์ตอื่น (or use another port): "
            f"oit-site serve -a {host}:{free}"
        )
    ask_author(GitHistory(config_file.resolve().parent), ask, out)
    return run_mkdocs(config_file, "serve", rest)


def ask_author(history: GitHistory, ask: Callable[[str], str | None], out: TextIO) -> None:
    """The first time: the clerk's name for the commits the editor makes, kept in the
    repository's git configuration."""
    if history.missing is not None:
        out.write(f"{history.missing}\n")
        return
    if history.author() is not None:
        return
    name = (ask("ชื่อผู้แก้ไข สำหรับประวัติการแก้ไขใน git (your name, for the edit history): ") or "").strip()
    if not name:
        out.write(
            f"ยังไม่ได้ตั้งชื่อผู้แก้ไข การบันทึกจะลงชื่อ '{FALLBACK_NAME}' ตั้งชื่อภายหลังด้วย "
            'git config user.name "ชื่อ นามสกุล" (commits are signed as the browser editor)\n'
        )
        return
    email = (ask("อีเมล (email; กด Enter ถ้าไม่ต้องการ): ") or "").strip() or FALLBACK_EMAIL
    history.set_author(Author(name, email))
    out.write(f"บันทึกชื่อ {name} <{email}> ไว้ใน git ของเว็บไซต์นี้แล้ว (saved in this repository's git config)\n")
