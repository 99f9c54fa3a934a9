"""What ``oit-site publish`` says when it cannot log in or may not write: the variable to
set when no key or password is given, a key file's path, a refused login as refused (not
as a network fault), the remote path an account cannot write to; and, at a terminal, the
password asked for, never shown nor kept. Against OpenSSH's sshd and pyftpdlib on loopback.
"""

from __future__ import annotations

import getpass
import io
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Published
from cryptography.hazmat.primitives.asymmetric import ed25519
from publishing import finished_progress, server, tree, write_files
from servers import _private_key_text, _public_key_line, ftp_serving, sshd_serving

from site_builder.publish.plan import PART

pytestmark = pytest.mark.usefixtures("clean_environment")

SITE = {
    "assets/oit.css": b"body { margin: 0 }\n",
    "2568/o1/index.html": "<!doctype html><title>O1</title><p>โครงสร้าง</p>\n".encode(),
    "index.html": "<!doctype html><title>ITA</title><p>การเปิดเผยข้อมูลสาธารณะ</p>\n".encode(),
}


class Terminal(io.StringIO):
    """Standard input that is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Standard input is not a terminal (as in a CI job), and no ssh-agent is reachable."""
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)


def at_terminal(monkeypatch: pytest.MonkeyPatch, answer: str) -> list[str]:
    """Standard input becomes a terminal where ``answer`` is typed at each password prompt;
    the prompts shown are returned."""
    prompts: list[str] = []

    def typed(prompt: str = "Password: ", stream: object = None) -> str:
        prompts.append(prompt)
        return answer

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(getpass, "getpass", typed)
    return prompts


def seen(text: str, url: str, tmp: Path, user: str, port: int) -> str:
    """The message, with what differs between runs named instead (and the progress lines
    of files sent at once, checked)."""
    text = (
        finished_progress(text)
        .replace(url, "<url>")
        .replace(str(tmp), "<tmp>")
        .replace(f":{port}", ":<port>")
    )
    text = re.sub(rf"\b{re.escape(user)}\b", "<user>", text)
    return re.sub(r"SHA256:[A-Za-z0-9+/]{43}", "SHA256:<fingerprint>", text)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    write_files(folder, SITE)
    return folder


# ------------------------------------------------------------------ SFTP


def test_sftp_logins_that_fail_say_why(
    site: Path,
    tmp_path: Path,
    publish: Callable[..., Published],
    golden: Callable[[str, str], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with server("sftp", tmp_path) as (url, remote, secrets):
        host_key = {"OIT_PUBLISH_HOST_KEY": secrets["OIT_PUBLISH_HOST_KEY"]}
        user, port = url.split("//")[1].split("@")[0], int(url.split(":")[2].split("/")[0])

        def refused(name: str, given: dict[str, str]) -> None:
            code, out, err = publish(tmp_path, "--folder", str(site), "--to", url, secrets=given)
            assert (code, out) == (1, f"ปลายทาง (target): {url}\n")
            golden(f"publish/credentials/{name}.txt", seen(err, url, tmp_path, user, port))
            assert list(remote.iterdir()) == []

        # No key, no password, nobody at a terminal to ask.
        refused("sftp-no-key-or-password", host_key)

        keys = tmp_path / "keys"
        keys.mkdir()
        refused("sftp-key-file-missing", {**host_key, "OIT_PUBLISH_KEY_FILE": str(keys / "oit-publish")})
        refused("sftp-key-file-a-folder", {**host_key, "OIT_PUBLISH_KEY_FILE": str(keys)})
        other = ed25519.Ed25519PrivateKey.generate()
        (keys / "oit-publish.pub").write_text(_public_key_line(other) + "\n")
        refused(
            "sftp-key-file-not-a-key", {**host_key, "OIT_PUBLISH_KEY_FILE": str(keys / "oit-publish.pub")}
        )

        # A key the account does not list in its authorized_keys.
        refused("sftp-key-refused", {**host_key, "OIT_PUBLISH_KEY": _private_key_text(other)})

        # At a terminal the password is asked for; this server takes keys only.
        prompts = at_terminal(monkeypatch, "รหัสที่พิมพ์")
        refused("sftp-password-asked-keys-only", host_key)
        assert prompts == [f"รหัสผ่านของ {user}@127.0.0.1 (password for {user}@127.0.0.1): "]


def test_sftp_into_a_folder_the_account_cannot_write_names_it(
    site: Path, tmp_path: Path, publish: Callable[..., Published], golden: Callable[[str, str], None]
) -> None:
    remote = tmp_path / "server" / "public_html" / "ita"
    remote.mkdir(parents=True)
    with sshd_serving(tmp_path / "sshd", read_only=True) as ssh:
        url = f"sftp://{ssh.user}@127.0.0.1:{ssh.port}{remote}"
        secrets = {"OIT_PUBLISH_KEY": ssh.client_key, "OIT_PUBLISH_HOST_KEY": ssh.host_key}
        code, out, err = publish(tmp_path, "--folder", str(site), "--to", url, secrets=secrets)
    assert (code, out) == (1, f"ปลายทาง (target): {url}\n")
    golden("publish/credentials/sftp-permission-denied.txt", seen(err, url, tmp_path, ssh.user, ssh.port))
    assert list(remote.iterdir()) == []


# ------------------------------------------------------------------ FTP and FTPS

FTP_WARNING = (
    "คำเตือน: ftp:// ส่งรหัสผ่านและไฟล์โดยไม่เข้ารหัส ใช้ ftps:// หรือ sftp:// ถ้าโฮสต์รองรับ "
    "(warning: plain FTP sends the password unencrypted)\n"
)


def test_ftp_logins_that_fail_say_why(
    site: Path, tmp_path: Path, publish: Callable[..., Published], golden: Callable[[str, str], None]
) -> None:
    with server("ftps", tmp_path) as (url, remote, secrets):
        port = int(url.split(":")[2].split("/")[0])
        trusted = {"SSL_CERT_FILE": secrets["SSL_CERT_FILE"]}
        for name, given in [
            ("ftp-no-password", trusted),
            ("ftp-password-refused", {**trusted, "OIT_PUBLISH_PASSWORD": "รหัสผิด"}),
        ]:
            code, out, err = publish(tmp_path, "--folder", str(site), "--to", url, secrets=given)
            assert (code, out) == (1, f"ปลายทาง (target): {url}\n")
            golden(f"publish/credentials/{name}.txt", seen(err, url, tmp_path, "clerk", port))
            assert list(remote.iterdir()) == []


def test_ftp_at_a_terminal_asks_for_the_password_and_keeps_it_nowhere(
    site: Path, tmp_path: Path, publish: Callable[..., Published], monkeypatch: pytest.MonkeyPatch
) -> None:
    with server("ftps", tmp_path) as (url, remote, secrets):
        password = secrets.pop("OIT_PUBLISH_PASSWORD")
        prompts = at_terminal(monkeypatch, password)
        code, out, err = publish(tmp_path, "--folder", str(site), "--to", url, secrets=secrets)
        assert code == 0, err
        assert prompts == ["รหัสผ่านของ clerk@127.0.0.1 (password for clerk@127.0.0.1): "]
        assert tree(remote) == SITE
        assert password not in out + err
        for path in tmp_path.rglob("*"):
            assert not path.is_file() or password.encode() not in path.read_bytes(), path


def test_ftp_into_a_folder_the_account_cannot_write_names_the_file(
    site: Path, tmp_path: Path, publish: Callable[..., Published], golden: Callable[[str, str], None]
) -> None:
    remote = tmp_path / "server" / "public_html" / "ita"
    (remote / "2568").mkdir(parents=True)
    with ftp_serving(tmp_path / "server", tmp_path / "ftpd", tls=False, read_only=(remote / "2568",)) as ftp:
        url = f"ftp://{ftp.user}@127.0.0.1:{ftp.port}/public_html/ita"
        secrets = {"OIT_PUBLISH_PASSWORD": ftp.password}
        code, out, err = publish(tmp_path, "--folder", str(site), "--to", url, secrets=secrets)
    assert (code, out) == (1, f"ปลายทาง (target): {url}\n{FTP_WARNING}")
    golden("publish/credentials/ftp-permission-denied.txt", seen(err, url, tmp_path, ftp.user, ftp.port))
    # Nothing was put in place: files are renamed only once every one is uploaded.
    assert [path for path in tree(remote) if PART not in path] == []
