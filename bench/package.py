"""What `sam build` deploys (issue 17): the dependencies layer's size unzipped and zipped, its
largest packages, and the largest function's own files, with the layer against Lambda's 250 MB
unzipped limit for a function and its layers. Reads `.aws-sam/build`, which `make bench` builds
first."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path
from typing import Any

from infra.openapi import ROOT

BUILD = ROOT / ".aws-sam" / "build"
LAYER = BUILD / "DependenciesLayer" / "python"
UNZIPPED_LIMIT_MB = 250
# The Lambda Python runtime ships these; the layer carries its own (infra/build/Makefile says why).
IN_RUNTIME = {"boto3", "botocore", "s3transfer", "jmespath", "dateutil", "python_dateutil", "urllib3", "six"}
MB = 1024 * 1024


def _size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _zipped(path: Path) -> int:
    with tempfile.TemporaryDirectory() as scratch:
        archive = Path(scratch) / "package.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                out.write(file, file.relative_to(path))
        return archive.stat().st_size


def _package(entry: Path) -> str:
    name = entry.name
    return name.split("-", 1)[0] if name.endswith((".dist-info", ".data")) else name


def package_report() -> dict[str, Any]:
    """The layer's figures and its largest packages (a package's .dist-info counted with it)."""
    if not LAYER.is_dir():
        return {"skipped": "no .aws-sam/build (run make build)"}
    sizes: dict[str, int] = {}
    for entry in LAYER.iterdir():
        sizes[_package(entry)] = sizes.get(_package(entry), 0) + _size(entry)
    layer = sum(sizes.values())
    functions = [_size(entry) for entry in BUILD.iterdir() if entry.name.endswith("Function") and entry.is_dir()]
    largest_function = max(functions, default=0)
    in_runtime = sum(size for name, size in sizes.items() if name.removesuffix(".py") in IN_RUNTIME)
    return {
        "layer_unzipped_mb": round(layer / MB, 1),
        "layer_zipped_mb": round(_zipped(LAYER) / MB, 1),
        "layer_files": sum(1 for f in LAYER.rglob("*") if f.is_file()),
        "largest_function_unzipped_mb": round(largest_function / MB, 2),
        "with_layer_mb": f"{round((layer + largest_function) / MB, 1)} (limit {UNZIPPED_LIMIT_MB})",
        "sdk_the_runtime_ships_mb": f"{round(in_runtime / MB, 1)} (kept: the deployed SDK is the tested one)",
        "largest_packages": ", ".join(
            f"{name} {size / MB:.1f}" for name, size in sorted(sizes.items(), key=lambda kv: -kv[1])[:8]
        ),
    }
