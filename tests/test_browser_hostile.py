"""In a real browser: one site built from every hostile case that must build, served by nginx
with the rules and headers the build wrote. No page runs a script of the content's, loads
anything from another host, or breaks the Content-Security-Policy it is served with.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from servers import nginx_serving
from test_browser import Visit, browser, search  # noqa: F401 (the fixture)
from test_hostile import BUILDING, mkdocs_build, write_tree

pytestmark = pytest.mark.usefixtures("browser")

# The cases share the base tree: each case's item folder 2568/o1 moves to an item of its
# own, and the YAML files more than one case writes are merged key by key.
MERGED_YAML = ("agency.yml", "2568/year.yml")


def merged_files() -> dict[str, Any]:
    files: dict[str, Any] = {}
    data: dict[str, dict[str, Any]] = {}
    for number, case in enumerate(BUILDING, start=2):
        for name, spec in case["files"].items():
            if name in MERGED_YAML:
                target = data.setdefault(name, {})
                for key, value in yaml.safe_load(spec).items():
                    if isinstance(value, dict):
                        assert not set(value) & set(target.get(key, {})), (name, key)  # no case hides another
                        target.setdefault(key, {}).update(value)
                    else:
                        target.setdefault(key, value)  # the first case's: the hostile agency name stays
                continue
            if name.startswith("2568/o1/"):
                name = f"2568/o{number}/" + name.removeprefix("2568/o1/")
                files.setdefault(f"2568/o{number}/แผน.pdf", {"pdf": True})  # as in the base tree
            assert name not in files, name
            files[name] = spec
    for name, value in data.items():
        files[name] = yaml.safe_dump(value, allow_unicode=True)
    return files


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_tree(tmp_path_factory.mktemp("hostile-browser") / "repo", merged_files())
    result = mkdocs_build(root, strict=False)
    assert result.exit_code == 0, result.output
    return root / "site"


def test_no_hostile_page_runs_script_loads_from_elsewhere_or_breaks_the_policy(
    hostile_site: Path,
    browser: Any,  # noqa: F811 (the fixture imported above)
    tmp_path: Path,
) -> None:
    pages = sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("index.html"))
    assert len(pages) > 25
    with nginx_serving(hostile_site, tmp_path / "nginx") as port:
        visit = Visit(browser)
        dialogs: list[str] = []
        visit.page.on("dialog", lambda d: (dialogs.append(f"{visit.page.url}: {d.message}"), d.dismiss()))
        visit.context.add_init_script(
            "window.__violations = [];"
            "document.addEventListener('securitypolicyviolation',"
            " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        violations: list[str] = []
        for page in pages:
            url = f"http://127.0.0.1:{port}/ita/{page.removesuffix('index.html')}"
            response = visit.page.goto(url)
            assert response is not None and response.ok, url
            assert "script-src 'self'" in (response.headers.get("content-security-policy") or ""), url
            visit.page.wait_for_load_state("networkidle")
            violations += [f"{page}: {v}" for v in visit.page.evaluate("window.__violations")]
        # The search runs under the policy too: its worker and index come from the site.
        assert "ita/2568/" in search(visit, f"http://127.0.0.1:{port}/ita/", "ทดสอบ")
        violations += visit.page.evaluate("window.__violations")
        assert dialogs == []
        assert violations == []
        assert visit.outside == []
        assert visit.errors == []
        visit.close()
