"""Each save of the local editor as a git commit: the files of that save only, a Thai message
naming the year and the item, and the clerk's name from git's configuration.

No commit is made where there is no git or no repository: the files are written all the
same, and :attr:`GitHistory.missing` says why there is no history, for the editor to show.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

# Who a commit is by when git knows no one and nobody could be asked (no terminal).
FALLBACK_NAME = "ผู้แก้ไขในเบราว์เซอร์"
FALLBACK_EMAIL = "editor@localhost"


class CommitFailed(Exception):
    """git refused the commit: its own words."""


@dataclass(frozen=True)
class Author:
    name: str
    email: str


class GitHistory:
    """The repository at ``root`` as the editor commits into it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.git = shutil.which("git")
        self.missing: str | None = None
        """Why saves are not committed, in Thai and English; None when they are."""
        if self.git is None:
            self.missing = (
                "ไม่พบโปรแกรม git จึงบันทึกลงไฟล์โดยไม่ commit "
                "(git is not installed: files are saved, not committed)"
            )
        elif self.run("rev-parse", "--is-inside-work-tree").returncode != 0:
            self.missing = (
                "โฟลเดอร์ของเว็บไซต์ไม่ใช่ git repository จึงบันทึกลงไฟล์โดยไม่ commit "
                "(not a git repository: files are saved, not committed)"
            )

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        assert self.git is not None
        return subprocess.run(
            [self.git, "-c", "core.quotepath=off", *args],
            cwd=self.root,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=60,
            check=False,
        )

    def author(self) -> Author | None:
        """The name and email git's configuration gives, or None when it gives none."""
        if self.git is None:
            return None
        name = self.run("config", "user.name").stdout.strip()
        email = self.run("config", "user.email").stdout.strip()
        return Author(name, email or FALLBACK_EMAIL) if name else None

    def set_author(self, author: Author) -> None:
        """Remember ``author`` in this repository's own configuration."""
        self.run("config", "user.name", author.name)
        self.run("config", "user.email", author.email)

    def commit(self, paths: list[str], message: str) -> str | None:
        """Commit exactly ``paths`` (from the repository root; added, changed or deleted) with
        ``message``; the commit's id, or None when saves are not committed."""
        if self.missing is not None:
            return None
        known = set(self.run("ls-files", "-z", "--", *paths).stdout.split("\0")) - {""}
        present = [p for p in paths if (self.root / p).exists() or p in known]
        if not present:
            return None
        added = self.run("add", "--all", "--", *present)
        if added.returncode != 0:
            raise CommitFailed(added.stderr.strip())
        if self.run("diff", "--cached", "--quiet", "--", *present).returncode == 0:
            return None  # the files are as the last commit has them
        identity: list[str] = []
        if self.author() is None:
            identity = ["-c", f"user.name={FALLBACK_NAME}", "-c", f"user.email={FALLBACK_EMAIL}"]
        # No hooks and no signing: a save is checked by the site's own models, and a
        # passphrase prompt would hang the server with nobody at its terminal.
        done = self.run(
            *identity,
            "-c",
            "commit.gpgsign=false",
            "commit",
            "--no-verify",
            "--quiet",
            "--message",
            message,
            "--",
            *present,
        )
        if done.returncode != 0:
            raise CommitFailed((done.stderr or done.stdout).strip())
        return self.run("rev-parse", "HEAD").stdout.strip()
