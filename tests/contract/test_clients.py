"""The spec passes a real linter and carries what client generators need; the typed clients
(clients/typescript, clients/python) are generated from the committed spec, and the TypeScript one
compiles (tests/e2e/test_python_client.py uses the Python one against the local cloud)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "docs" / "openapi.json"
SPEC = json.loads(SPEC_PATH.read_text())
TS = ROOT / "clients" / "typescript"
OPERATIONS = [
    (method, path, operation) for path, operations in SPEC["paths"].items() for method, operation in operations.items()
]


def _tool(name: str) -> str:
    tool = TS / "node_modules" / ".bin" / name
    if not tool.exists():
        pytest.fail(f"{tool.relative_to(ROOT)} is missing: run `make setup` (it installs clients/typescript)")
    if shutil.which("node") is None:
        pytest.fail("Node.js is not installed")
    return str(tool)


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=TS, capture_output=True, text=True, timeout=300, check=False)


def test_the_spec_passes_redocly_lint_with_the_recommended_rules() -> None:
    config = str(ROOT / "redocly.yaml")

    result = _run(_tool("redocly"), "lint", "--config", config, str(SPEC_PATH), "--format", "summary")

    assert result.returncode == 0, result.stdout + result.stderr  # no error
    assert "warning" not in (result.stdout + result.stderr).lower(), result.stdout + result.stderr


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=lambda v: v if isinstance(v, str) else "")
def test_every_operation_is_named_summarised_tagged_and_documents_its_problems_with_an_example(
    method: str, path: str, operation: dict[str, Any]
) -> None:
    problems = {
        status: response["content"]["application/problem+json"]
        for status, response in operation["responses"].items()
        if status.startswith("4") and "application/problem+json" in response.get("content", {})
    }

    assert operation["operationId"].isidentifier()
    assert "_" not in operation["operationId"]  # camelCase: what generated clients name their methods
    assert operation["summary"]
    assert len(operation["tags"]) == 1
    assert operation["tags"][0] in {tag["name"] for tag in SPEC["tags"]}
    assert problems, f"{method.upper()} {path} documents no 4xx problem"
    assert all(problem["example"]["status"] == int(status) for status, problem in problems.items())


def test_operation_ids_are_unique() -> None:
    ids = [operation["operationId"] for _, _, operation in OPERATIONS]

    assert len(ids) == len(set(ids))


def test_the_typescript_types_are_generated_from_the_committed_spec(tmp_path: Path) -> None:
    fresh = tmp_path / "schema.d.ts"

    flags = ("--default-non-nullable", "false", "--output", str(fresh))  # as clients/typescript's `generate`

    result = _run(_tool("openapi-typescript"), str(SPEC_PATH), *flags)

    assert result.returncode == 0, result.stderr
    assert fresh.read_text() == (TS / "src" / "schema.d.ts").read_text(), "stale: run `make openapi`"


def test_the_typescript_client_and_its_example_compile() -> None:
    result = _run(_tool("tsc"), "--noEmit", "-p", str(TS))

    assert result.returncode == 0, result.stdout + result.stderr


def _tree(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): path.read_text()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not any(part.startswith((".", "__pycache__")) for part in path.relative_to(root).parts)
    }


def test_the_python_client_is_generated_from_the_committed_spec(tmp_path: Path) -> None:
    generator = Path(sys.executable).with_name("openapi-python-client")
    fresh = tmp_path / "cocreate_client"
    environment = {**os.environ, "PATH": f"{generator.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    config = ROOT / "clients" / "python" / "config.yaml"
    arguments = ["--path", str(SPEC_PATH), "--output-path", str(fresh), "--meta", "none", "--config", str(config)]

    result = subprocess.run(  # the project's own generator, on its own files
        [str(generator), "generate", *arguments],
        capture_output=True,
        text=True,
        timeout=300,
        env=environment,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert _tree(fresh) == _tree(ROOT / "clients" / "python" / "cocreate_client"), "stale: run `make openapi`"
