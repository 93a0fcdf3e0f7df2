"""Print the requirements of one dependency group of pyproject.toml, one per line (PEP 735).

    python infra/build/requirements.py [GROUP] [PYPROJECT]    (defaults: runtime, ./pyproject.toml)

`{include-group = "..."}` entries are resolved recursively; duplicates are printed once.
Used by infra/build/Makefile to fill the dependencies layer.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path


def group_requirements(
    groups: dict[str, list[str | dict[str, str]]], name: str, seen: tuple[str, ...] = ()
) -> list[str]:
    if name in seen:
        raise SystemExit(f"dependency group cycle: {' -> '.join((*seen, name))}")
    if name not in groups:
        raise SystemExit(f"no dependency group {name!r} in pyproject.toml")
    requirements: list[str] = []
    for entry in groups[name]:
        if isinstance(entry, str):
            requirements.append(entry)
        else:
            requirements.extend(group_requirements(groups, entry["include-group"], (*seen, name)))
    return list(dict.fromkeys(requirements))


def main(argv: list[str]) -> None:
    group = argv[1] if len(argv) > 1 else "runtime"
    pyproject = Path(argv[2] if len(argv) > 2 else "pyproject.toml")
    groups = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("dependency-groups", {})
    sys.stdout.write("".join(f"{requirement}\n" for requirement in group_requirements(groups, group)))


if __name__ == "__main__":
    main(sys.argv)
