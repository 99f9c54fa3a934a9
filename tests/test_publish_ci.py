"""The CI files ``oit-site ci`` writes: they parse, run only the README's commands (and
those commands, run as the CI runs them, publish the example), and are the files the
editor's guide shows."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import MKDOCS_ENV, REPO, example_repo

from site_builder.cli import main
from site_builder.commands.ci import CI_FILES, ci_template
from site_builder.publish.targets import SECRETS

TEMPLATES = sorted(CI_FILES)
README = (REPO / "README.md").read_text(encoding="utf-8")
GUIDE = (REPO / "docs" / "editor-guide.md").read_text(encoding="utf-8")
# Steps a CI machine needs and this one has: Pango and the package itself.
INSTALL = ("apt-get ", "pip install ")


def readme_commands() -> list[str]:
    """The commands the README's publishing section says the CI files run."""
    section = README[README.index("## Publishing") : README.index("## Security")]
    block = re.search(r"exactly these\ncommands.*?```sh\n(.*?)```", section, re.S)
    assert block, "the README lists the CI's commands"
    return [line.strip() for line in block.group(1).splitlines() if line.strip()]


def commands(host: str, workflow: dict[str, Any]) -> list[str]:
    """Every shell command the CI file runs, in order, ``&&`` chains taken apart."""
    lines: list[str] = []
    if host == "github":
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                lines += step.get("run", "").splitlines()
    else:
        lines += workflow.get("before_script", [])
        for name, job in workflow.items():
            if isinstance(job, dict) and "script" in job and name not in ("variables", "cache"):
                lines += job["script"]
    return [part.strip() for line in lines for part in line.split("&&") if part.strip()]


def plain(command: str) -> str:
    return command.removeprefix("sudo ")


@pytest.mark.parametrize(("host", "pages"), TEMPLATES)
def test_a_ci_file_parses_and_runs_only_the_readme_commands(host: str, pages: bool) -> None:
    text, _ = ci_template(host, pages)
    workflow = yaml.safe_load(text)
    assert isinstance(workflow, dict)
    run = commands(host, workflow)
    allowed = {plain(c.strip()) for line in readme_commands() for c in line.split("&&")}
    assert {plain(c) for c in run} <= allowed
    assert [c for c in run if "oit-site check" in c] == [CHECK[host]]
    assert run.index(CHECK[host]) < run.index("oit-site build")
    if not pages:
        assert run[-2:] == ["oit-site build", "oit-site publish"]


# What the check's step runs: its table goes to where people read it, and it never fails
# the job (check exits 1 while an item is incomplete; the strict build is the gate).
CHECK = {
    "github": """{ echo '~~~'; oit-site check; echo '~~~'; } >> "$GITHUB_STEP_SUMMARY" || true""",
    "gitlab": "oit-site check | tee oit-check.txt || true",
}


@pytest.mark.parametrize(("host", "pages"), TEMPLATES)
def test_no_step_is_allowed_to_fail(host: str, pages: bool) -> None:
    text, _ = ci_template(host, pages)
    workflow = yaml.safe_load(text)
    assert "continue-on-error" not in text and "allow_failure" not in text
    if host == "github":
        check = next(
            s
            for s in workflow["jobs"]["build" if pages else "publish"]["steps"]
            if "check" in s.get("run", "")
        )
        assert check == {
            "name": "สิ่งที่ยังขาด (what is still missing, in the run's summary)",
            "run": CHECK[host] + "\n",
        }
    else:
        assert workflow["check"] == {
            "stage": "check",
            "script": [CHECK[host]],
            "artifacts": {"when": "always", "paths": ["oit-check.txt"]},
        }


def test_github_publishes_on_pushes_to_main_with_secrets_from_its_store() -> None:
    text, target = ci_template("github", False)
    assert target == ".github/workflows/publish.yml"
    workflow = yaml.safe_load(text)
    on = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert on["push"]["branches"] == ["main"]
    assert workflow["concurrency"]["cancel-in-progress"] is False
    steps = workflow["jobs"]["publish"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0
    publish = next(step for step in steps if step.get("run") == "oit-site publish")
    assert set(publish["env"]) <= set(SECRETS)
    needed = {"OIT_PUBLISH_TO", "OIT_PUBLISH_KEY", "OIT_PUBLISH_HOST_KEY", "OIT_PUBLISH_PASSWORD"}
    assert needed <= set(publish["env"])
    for name, value in publish["env"].items():
        assert value == "${{ secrets." + name + " }}"
    assert "password" not in text.lower().replace("oit_publish_password", "")


def test_github_pages_deploys_the_built_folder() -> None:
    workflow = yaml.safe_load(ci_template("github", True)[0])
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build = workflow["jobs"]["build"]["steps"]
    upload = next(step for step in build if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_gitlab_publishes_from_the_default_branch_only() -> None:
    workflow = yaml.safe_load(ci_template("gitlab", False)[0])
    assert workflow["variables"]["GIT_DEPTH"] == "0"
    publish = workflow["publish"]
    assert workflow["stages"].index(publish["stage"]) > workflow["stages"].index(workflow["check"]["stage"])
    assert publish["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert publish["resource_group"] == "publish"
    pages = yaml.safe_load(ci_template("gitlab", True)[0])["pages"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["script"][-1] == "mv site public"


def header_variables(text: str) -> dict[str, str]:
    """The variables a CI file's header tells the agency to set, each with what it says of it."""
    entries: dict[str, str] = {}
    name = ""
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        found = re.match(r"#   (OIT_PUBLISH_[A-Z_]+) ", line)
        if found:
            name = found.group(1)
            entries[name] = line[found.end() :].strip()
        elif name and line.startswith("#    "):
            entries[name] += " " + line.removeprefix("#").strip()
        else:
            name = ""
    return entries


def test_gitlab_keeps_the_key_in_a_file_and_masks_only_what_gitlab_can_mask() -> None:
    """GitLab masks a value only if it is one line without spaces, of 8 characters or more:
    never a private key (many lines) or a host key (``host ssh-ed25519 AAAA…``)."""
    text, _ = ci_template("gitlab", False)
    entries = header_variables(text)
    # The variables the code reads, the key as a file.
    assert set(entries) == set(SECRETS) - {"OIT_PUBLISH_KEY"}
    assert "Type: File" in entries["OIT_PUBLISH_KEY_FILE"]
    assert [name for name, said in entries.items() if "เลือก Masked" in said] == ["OIT_PUBLISH_PASSWORD"]
    for name in ("OIT_PUBLISH_TO", "OIT_PUBLISH_HOST_KEY", "OIT_PUBLISH_TLS_FINGERPRINT"):
        assert "Visible" in entries[name]
    assert "ทุกตัวเลือก Protected" in text
    # GitHub's store takes the key's text.
    assert set(header_variables(ci_template("github", False)[0])) == set(SECRETS) - {"OIT_PUBLISH_KEY_FILE"}


@pytest.mark.parametrize("host", ["github", "gitlab"])
def test_pages_says_that_server_rules_do_not_apply_there(host: str) -> None:
    text, _ = ci_template(host, True)
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    assert "สถานะ 200 ไม่ใช่ 301" in header
    assert "header ความปลอดภัยใน _headers จึงไม่ถูกใช้" in header
    assert "Content-Security-Policy" in header


@pytest.mark.parametrize(("host", "pages"), TEMPLATES)
def test_the_guide_shows_each_ci_file_as_it_is_written(host: str, pages: bool) -> None:
    text, target = ci_template(host, pages)
    assert f"```yaml\n{text}```" in GUIDE
    flag = " --pages" if pages else ""
    assert f"### `{target}` (`oit-site ci {host}{flag}`)" in GUIDE


@pytest.mark.parametrize(("host", "pages"), TEMPLATES)
def test_oit_site_ci_writes_the_file_once(host: str, pages: bool, tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    out = io.StringIO()
    args = ["-f", str(tmp_path / "mkdocs.yml"), "ci", host, *(["--pages"] if pages else [])]
    assert main(args, out=out) == 0
    text, target = ci_template(host, pages)
    assert (tmp_path / target).read_text(encoding="utf-8") == text
    assert f"เขียน {target} แล้ว" in out.getvalue()
    (tmp_path / target).write_text("# the agency's own\n", encoding="utf-8")
    assert main(args) == 1
    assert (tmp_path / target).read_text(encoding="utf-8") == "# the agency's own\n"


def run_ci(repo: Path, host: str, pages: bool, workflow: dict[str, Any], remote: Path, checked: int) -> None:
    """The CI file's commands, run one after the other in ``repo`` as its job runs them: each
    must succeed, the check's too, whose table (``oit-site check`` exiting ``checked``) lands
    where the file says; then what was published."""
    summary = remote.parent / "step-summary.md"
    env = {
        **MKDOCS_ENV,
        "OIT_PUBLISH_TO": str(remote),
        "GITHUB_STEP_SUMMARY": str(summary),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    for command in commands(host, workflow):
        if plain(command).startswith(INSTALL):
            continue
        result = subprocess.run(command, shell=True, cwd=repo, env=env, capture_output=True, text=True)
        assert result.returncode == 0, f"{command}: {result.stderr}"
        assert "Traceback" not in result.stderr, f"{command}: {result.stderr}"
        if command == CHECK[host]:
            check = subprocess.run(["oit-site", "check"], cwd=repo, env=env, capture_output=True, text=True)
            assert (check.returncode, check.stderr) == (checked, "")
            if host == "github":
                assert summary.read_text(encoding="utf-8") == f"~~~\n{check.stdout}~~~\n"
            else:
                assert result.stdout == (repo / "oit-check.txt").read_text(encoding="utf-8") == check.stdout
    if pages:
        # What the Pages step deploys: GitHub's the folder it uploads, GitLab's public/.
        built = repo / ("site" if host == "github" else "public")
        assert (built / "index.html").is_file()
        assert {p.parent.name for p in built.glob("*/o1/index.html")}
    else:
        assert files(remote) - {".oit-publish.json"} == files(repo / "site") - {".oit-build.json"}
        assert "index.html" in files(remote)


@pytest.mark.parametrize(("host", "pages"), TEMPLATES)
def test_the_ci_commands_publish_the_example(host: str, pages: bool, tmp_path: Path) -> None:
    repo = example_repo(tmp_path / "repo")
    remote = tmp_path / "www" / "ita"
    remote.mkdir(parents=True)
    # Every item of the example is complete: check exits 0.
    run_ci(repo, host, pages, yaml.safe_load(ci_template(host, pages)[0]), remote, checked=0)
    shutil.rmtree(repo)


@pytest.mark.parametrize(("host", "pages"), TEMPLATES)
def test_the_ci_file_of_a_site_made_by_init_publishes_it(host: str, pages: bool, tmp_path: Path) -> None:
    """``oit-site init --ci``: the file it writes checks, builds and publishes the new site."""
    repo = tmp_path / "agency"
    flags = ["--name", "เทศบาลตำบลหนองบัว", "--kind", "3", "--district", "เมือง", "--province", "ขอนแก่น"]
    flags += ["--site-url", "https://www.nongbua.go.th/ita/", "--year", "2569", "--ci", host]
    assert main(["init", str(repo), *flags, *(["--pages"] if pages else [])], out=io.StringIO()) == 0
    text, target = ci_template(host, pages)
    assert (repo / target).read_text(encoding="utf-8") == text
    assert (repo / "requirements.txt").is_file()  # what the file's install step reads
    remote = tmp_path / "www" / "ita"
    remote.mkdir(parents=True)
    # Every item of the new site is a draft: check exits 1, and the job goes on.
    run_ci(repo, host, pages, yaml.safe_load(text), remote, checked=1)


def files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
