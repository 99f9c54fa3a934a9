"""Publishing over a slow link: ``oit-site publish`` over SFTP and FTP beside tar piped
through one ssh and rsync over ssh, on the same link.

    python bench/publish.py                                  # 0, 100, 250 ms; example and 10 years
    python bench/publish.py --rtt 250 --sites example        # one round trip, one site
    python bench/publish.py --rtt 250 --ftp-connections 4 10 # FTP over 4, then 10 connections

A loopback sshd (OpenSSH from Debian, with new keys; ``sshd_serving`` of
tests/servers.py) and pyftpdlib (``ftp_serving``) serve folders of a temporary directory,
and every client reaches them through ``LatencyProxy`` (tests/servers.py) on 127.0.0.1:
each chunk held rtt / 2 each way, a new connection reaching the server a round trip and a
half after it was opened (the TCP handshake), FTP's passive data connections through it
too. Nothing leaves loopback.

For each site and round trip, each way of publishing sends the built site into an empty
folder of its own ("first"), then, after one item's text changed and the site was built
again (not timed), the new build over the first ("one item"). Each run is a process of
its own, timed from start to exit (Python's start and imports included for ``oit-site``,
as a CI job sees them); after each, the folder on the server is compared with the built
site. The sites: the example agency's (with its PDF reports, as ``mkdocs.yml`` has them)
and one of ten fiscal years from bench/generate.py (PDF reports off, as bench/run.py
builds it). Last, the goals at 250 ms (BENCHMARKS.md): SFTP's first publish within 2x tar's,
its one-item publish within 1.5x rsync's, FTP's first publish within 4x tar's.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests"))

from generate import generate  # noqa: E402
from servers import LatencyProxy, ftp_serving, sshd_serving  # noqa: E402

ENV = {k: v for k, v in os.environ.items() if not k.startswith("OIT_PUBLISH_")} | {"NO_MKDOCS_2_WARNING": "1"}
EDIT = {"example": "content/2568/o1/index.md", "ten": "content/2568/o3/index.md"}
"""The item whose text changes before the one-item publish."""


@dataclass
class Site:
    name: str
    root: Path
    """The repository: mkdocs.yml, content/, site/."""

    @property
    def built(self) -> Path:
        return self.root / "site"


def build(root: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"],
        cwd=root,
        env=ENV,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise SystemExit(f"the build of {root} failed:\n{result.stderr[-3000:]}")


def make_site(name: str, work: Path) -> Site:
    root = work / name
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    if name == "example":
        shutil.copytree(REPO / "content", root / "content")
    else:
        generate(root / "content", 10)
        config = config.replace("pdf: true", "pdf: false")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    build(root)
    return Site(name, root)


def edit_item(site: Site) -> None:
    page = site.root / EDIT[site.name]
    page.write_text(
        page.read_text(encoding="utf-8") + "\nแก้ไขข้อความเพื่อวัดการเผยแพร่เฉพาะรายการที่เปลี่ยน\n", encoding="utf-8"
    )
    build(site.root)


def tree(folder: Path) -> dict[str, str]:
    """Every file's hash by path, the tools' own records left out."""
    own = (".oit-publish.json", ".oit-publish.journal", ".oit-build.json")
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file() and path.name not in own
    }


def timed(command: list[str] | str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, shell=isinstance(command, str))
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"failed: {command}\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return seconds


@dataclass
class Link:
    """The servers behind one proxy, and how each client reaches them."""

    ssh_port: int
    ftp_port: int
    user: str
    secrets_sftp: dict[str, str]
    ftp_password: str
    ssh_options: str
    server_root: Path


@contextmanager
def link(rtt_ms: float, work: Path) -> Iterator[Link]:
    with ExitStack() as stack:
        proxy = LatencyProxy(rtt_ms / 1000)
        stack.callback(proxy.close)
        server_root = work / "server"
        server_root.mkdir()
        ssh = stack.enter_context(sshd_serving(work / "sshd"))
        ftp = stack.enter_context(ftp_serving(server_root, work / "ftpd", tls=False, proxy=proxy))
        ssh_port, ftp_port = proxy.forward(ssh.port), proxy.forward(ftp.port)
        key = work / "client_key"
        key.write_text(ssh.client_key)
        key.chmod(0o600)
        host_key = ssh.host_key.split(" ", 1)[1]
        known = work / "known_hosts"
        known.write_text(f"[127.0.0.1]:{ssh_port} {host_key}\n")
        options = (
            f"ssh -F /dev/null -p {ssh_port} -i {key} -o IdentitiesOnly=yes -o BatchMode=yes "
            f"-o UserKnownHostsFile={known} -o StrictHostKeyChecking=yes"
        )
        secrets = {"OIT_PUBLISH_KEY": ssh.client_key, "OIT_PUBLISH_HOST_KEY": host_key}
        yield Link(ssh_port, ftp_port, ssh.user, secrets, ftp.password, options, server_root)


def publishers(
    site: Site, net: Link, ftp_connections: list[int]
) -> dict[str, tuple[Path, list[str] | str, dict]]:
    """Each way of publishing: (its folder on the server, its command, its environment)."""
    root = net.server_root
    oit = [
        sys.executable,
        "-m",
        "site_builder.cli",
        "-f",
        str(site.root / "mkdocs.yml"),
        "publish",
        "--no-build",
    ]
    ways: dict[str, tuple[Path, list[str] | str, dict]] = {}
    folder = root / f"{site.name}-sftp"
    url = f"sftp://{net.user}@127.0.0.1:{net.ssh_port}{folder}"
    ways["oit-site publish, SFTP"] = (folder, [*oit, "--to", url], ENV | net.secrets_sftp)
    for count in ftp_connections:
        folder = root / f"{site.name}-ftp-{count}"
        url = f"ftp://clerk@127.0.0.1:{net.ftp_port}/{folder.name}"
        command = [*oit, "--to", url, "--connections", str(count)]
        ways[f"oit-site publish, FTP, {count} connections"] = (
            folder,
            command,
            ENV | {"OIT_PUBLISH_PASSWORD": net.ftp_password},
        )
    folder = root / f"{site.name}-tar"
    ways["tar piped through one ssh"] = (
        folder,
        f"tar -C {site.built} -cf - . | {net.ssh_options} {net.user}@127.0.0.1 "
        f"'mkdir -p {folder} && tar -C {folder} -xf -'",
        ENV,
    )
    folder = root / f"{site.name}-rsync"
    ways["rsync over ssh"] = (
        folder,
        f"rsync -a --delete -e '{net.ssh_options}' {site.built}/ {net.user}@127.0.0.1:{folder}/",
        ENV,
    )
    return ways


def measure(site: Site, rtt: float, runs: int, ftp_connections: list[int], work: Path) -> list[tuple]:
    """Rows (site, files, MB, rtt, way, first publish's seconds, one item's seconds: a list
    of the runs' each) for one site at one round trip."""
    built = site.built
    files = sum(1 for path in built.rglob("*") if path.is_file())
    size = sum(path.stat().st_size for path in built.rglob("*") if path.is_file()) / 1e6
    firsts: dict[str, list[float]] = {}
    items: dict[str, list[float]] = {}
    for run in range(runs):
        scratch = work / f"{site.name}-{rtt:g}-{run}"
        scratch.mkdir()
        with link(rtt, scratch) as net:
            ways = publishers(site, net, ftp_connections)
            for name, (folder, command, env) in ways.items():
                if "oit-site" in name:
                    folder.mkdir()
                firsts.setdefault(name, []).append(timed(command, env))
                check(folder, built, name)
            edit_item(site)
            for name, (folder, command, env) in ways.items():
                items.setdefault(name, []).append(timed(command, env))
                check(folder, built, name)
        shutil.rmtree(scratch, ignore_errors=True)
        # The next run starts from the same site as this one did.
        restore(site)
    return [(site.name, files, size, rtt, name, firsts[name], items[name]) for name in firsts]


def check(folder: Path, built: Path, name: str) -> None:
    if tree(folder) != tree(built):
        raise SystemExit(f"{name}: the server's folder differs from {built}")


def restore(site: Site) -> None:
    page = site.root / EDIT[site.name]
    text = page.read_text(encoding="utf-8")
    page.write_text(text.split("\nแก้ไขข้อความเพื่อวัด")[0], encoding="utf-8")
    build(site.root)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rtt", type=float, nargs="+", default=[0, 100, 250], help="round trips, ms")
    parser.add_argument("--sites", nargs="+", choices=["example", "ten"], default=["example", "ten"])
    parser.add_argument("--runs", type=int, default=1, help="runs of each, the median shown")
    parser.add_argument("--ftp-connections", type=int, nargs="*", default=[4], help="none: no FTP")
    args = parser.parse_args()
    logging.getLogger("pyftpdlib").setLevel(logging.WARNING)
    for tool, package in (("ssh", "openssh-client"), ("rsync", "rsync"), ("tar", "tar")):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing: apt-get install {package}")
    rows = []
    with tempfile.TemporaryDirectory(prefix="oit-bench-publish-") as temp:
        work = Path(temp)
        for name in args.sites:
            site = make_site(name, work)
            for rtt in args.rtt:
                started = time.perf_counter()
                rows += measure(site, rtt, args.runs, args.ftp_connections, work)
                print(
                    f"# {name} at {rtt:g} ms: {time.perf_counter() - started:.0f} s",
                    file=sys.stderr,
                    flush=True,
                )
    print("| site | files | MB | round trip | way | first publish s | one item changed s |")
    print("|---|---:|---:|---:|---|---:|---:|")
    for name, files, size, rtt, way, first, item in rows:
        print(f"| {name} | {files} | {size:.1f} | {rtt:g} ms | {way} | {seconds(first)} | {seconds(item)} |")
    goals([(*row[:5], statistics.median(row[5]), statistics.median(row[6])) for row in rows])


def seconds(runs: list[float]) -> str:
    """The median of the runs, and their range when there are several."""
    median = f"{statistics.median(runs):.1f}"
    return median if len(runs) == 1 else f"{median} ({min(runs):.1f}–{max(runs):.1f})"


def goals(rows: list[tuple]) -> None:
    """The goals at 250 ms (BENCHMARKS.md), for each site measured there."""
    at = {(row[0], row[4]): row for row in rows if row[3] == 250}
    if not at:
        return
    print()
    print("| site | goal at 250 ms | measured | target | |")
    print("|---|---|---:|---:|---|")
    for site in dict.fromkeys(row[0] for row in rows if row[3] == 250):
        tar, rsync = at[(site, "tar piped through one ssh")], at[(site, "rsync over ssh")]
        sftp = at[(site, "oit-site publish, SFTP")]
        checks = [
            ("SFTP first publish / tar", sftp[5] / tar[5], 2.0),
            ("SFTP one item / rsync", sftp[6] / rsync[6], 1.5),
        ]
        for (_site, way), row in at.items():
            if _site == site and way.startswith("oit-site publish, FTP"):
                checks.append(
                    (f"{way.removeprefix('oit-site publish, ')} first publish / tar", row[5] / tar[5], 4.0)
                )
        for goal, ratio, target in checks:
            print(
                f"| {site} | {goal} | {ratio:.2f} | ≤ {target:g} | {'met' if ratio <= target else 'missed'} |"
            )


if __name__ == "__main__":
    main()
