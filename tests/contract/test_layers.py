"""The layers stay where they are: the domain is pure, services talk to the outside only through
their ports, and neither reaches for AWS or the store (issue 19's rule, enforced)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
# What each layer may not import, at module level or inside a function.
FORBIDDEN = {
    "domain": (
        "boto3",
        "botocore",
        "aws_lambda_powertools",
        "shared.store",
        "shared.services",
        "shared.auth",
        "functions",
        "socket",
        "http",
        "urllib.request",
    ),
    "services": ("boto3", "botocore", "shared.store", "shared.auth", "functions", "socket", "http"),
}


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_below_or_outside_it(layer: str) -> None:
    modules = sorted((SHARED / layer).rglob("*.py"))
    assert modules
    found = {
        f"{path.relative_to(SHARED)}: {name}"
        for path in modules
        for name in _imports(path)
        if any(name == banned or name.startswith(banned + ".") for banned in FORBIDDEN[layer])
    }

    assert found == set()


def test_the_rule_sees_a_forbidden_import_inside_a_function(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from shared.store.votes import DynamoVoteRepository\n    import boto3\n")

    assert {"shared.store.votes", "boto3"} <= _imports(module)
