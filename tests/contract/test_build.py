"""A function's zip ships its own code compiled (decision 70): /var/task is read-only, so a module
without its .pyc is compiled again at every cold start. The build target `sam build` runs
(infra/build/Makefile) is run here into a scratch directory, as SAM runs it, and what it leaves is
read: every module has a bytecode file for the runtime's Python, and that file is used as it is
(unchecked hash), since SAM zips every file with a 1980 date that a timestamp check would reject."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MAKEFILE = ROOT / "infra" / "build" / "Makefile"
RUNTIME_TAG = "cpython-313"  # template.yaml's Runtime: python3.13
UNCHECKED_HASH = 0b01  # PEP 552: hash-based, check_source off


@pytest.fixture(scope="module")
def artifact(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    target = tmp_path_factory.mktemp("VotesFunction")
    run = subprocess.run(
        ["make", "--no-print-directory", "-f", str(MAKEFILE), "build-VotesFunction"],
        env={**os.environ, "ARTIFACTS_DIR": str(target)},
        capture_output=True,
        text=True,
        check=False,
    )
    if "python3.13 not found" in run.stderr:
        pytest.skip("no Python 3.13 here (make build needs it too)")
    assert run.returncode == 0, run.stderr
    return target


def test_every_module_of_a_function_zip_has_its_bytecode(artifact: Path) -> None:
    sources = sorted(artifact.rglob("*.py"))
    assert (artifact / "functions" / "votes" / "app.py") in sources
    assert any(path.is_relative_to(artifact / "shared") for path in sources)
    missing = [
        str(path.relative_to(artifact))
        for path in sources
        if not (path.parent / "__pycache__" / f"{path.stem}.{RUNTIME_TAG}.pyc").is_file()
    ]
    assert missing == []


def test_the_bytecode_is_used_whatever_the_sources_dates(artifact: Path) -> None:
    compiled = sorted(artifact.rglob(f"*.{RUNTIME_TAG}.pyc"))
    assert compiled
    flags = {path.relative_to(artifact): int.from_bytes(path.read_bytes()[4:8], "little") for path in compiled}
    assert {path: flag for path, flag in flags.items() if flag != UNCHECKED_HASH} == {}


def test_a_function_zip_holds_only_its_own_function(artifact: Path) -> None:
    packages = sorted(path.name for path in (artifact / "functions").iterdir() if path.is_dir())
    assert packages == ["__pycache__", "votes"]
    assert not list(artifact.rglob("tests"))
