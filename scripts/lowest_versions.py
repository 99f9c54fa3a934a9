"""Print pip constraints that pin every dependency of pyproject.toml to its lowest allowed
version (``name>=1.2`` → ``name==1.2``), so CI can prove the floors are true:

    python scripts/lowest_versions.py > lowest.txt
    pip install -c lowest.txt -e ".[test]"

Dependencies without a floor are left to pip. Reads only the repository's pyproject.toml.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
_FLOOR = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*[^;]*?>=\s*([0-9][^,;\s]*)")


def lowest(requirements: list[str]) -> list[str]:
    """``name==floor`` for each requirement that has a ``>=`` floor."""
    pins = []
    for requirement in requirements:
        match = _FLOOR.match(requirement)
        if match:
            pins.append(f"{match.group(1)}=={match.group(2)}")
    return pins


def main() -> int:
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    sys.stdout.write("".join(f"{pin}\n" for pin in lowest(requirements)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
