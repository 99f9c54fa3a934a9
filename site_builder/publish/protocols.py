"""The target a destination names: a folder, an SFTP server or an FTP(S) server, each
module imported only when its protocol is spoken (paramiko takes a while to load)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from site_builder.publish.targets import CONNECTIONS, AskPassword, Destination, FolderTarget, Target


def open_target(
    destination: Destination,
    env: Mapping[str, str],
    base: Path,
    ask: AskPassword | None = None,
    connections: int = CONNECTIONS,
) -> Target:
    """The target for ``destination``; a relative folder is taken from ``base``. ``ask``
    asks for a password at a terminal when the environment gives none; ``connections``:
    how many FTP connections, or SFTP channels, a batch is spread over."""
    if destination.scheme == "file":
        return FolderTarget(base / Path(destination.path).expanduser())
    if destination.scheme == "sftp":
        from site_builder.publish.sftp import SftpTarget

        return SftpTarget(destination, env, ask, connections)
    from site_builder.publish.ftp import FtpTarget

    return FtpTarget(destination, env, ask, connections)
