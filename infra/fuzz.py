"""`make fuzz`: schemathesis over the local cloud's /openapi.json, every check, every phase.

Starts a local cloud on a free port (DynamoDB Local), seeds it, and runs schemathesis signed in
as an admin of the demo brand (so writes get past authorization and reach validation and the
store). The seeded ids are given to schemathesis as fuzz dictionaries (most generated requests
name the demo brand, challenge and ideas; the rest stay random), so that creations succeed and the
stateful phase can follow the spec's links from real answers. Exits with schemathesis' code: a
5xx, a response that does not match the spec, or a check failure fails the run."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from infra.local.cloud import LocalCloud

ROOT = Path(__file__).resolve().parent.parent
# positive_data_acceptance expects any schema-valid request to succeed; ids in paths are opaque
# strings, so random ones name nothing and rightly answer 404. unsupported_method expects 405 for
# an undeclared method; API Gateway HTTP APIs answer 404 there, and the local cloud does the same.
# use_after_free expects 404 after a DELETE; DELETE /ideas/{id} withdraws an idea (contract v1),
# which stays readable, with its history, for its author and the brand's staff.
EXCLUDED_CHECKS = ("positive_data_acceptance", "unsupported_method", "use_after_free")
CONFIG = ROOT / "schemathesis.toml"
FUZZER_GROUPS = ["brand-acme-admins"]
SEED = 20261126
# How often a generated request names seeded data instead of a random id, by parameter.
SEEDED_PARAMETERS = {
    "path.brandId": ("brands", 0.9),
    "query.brandId": ("brands", 0.7),
    "body.brandId": ("brands", 0.8),
    "path.challengeId": ("challenges", 0.7),
    "query.challengeId": ("challenges", 0.5),
    "path.ideaId": ("ideas", 0.5),
    "body.targetIdeaId": ("ideas", 0.5),
    "body.targetId": ("ideas", 0.3),
}


def seeded_config(seeded: Mapping[str, Any]) -> str:
    """schemathesis.toml plus fuzz dictionaries of the seeded ids."""
    values = {"brands": [seeded["brandId"]], "challenges": [seeded["challengeId"]], "ideas": list(seeded["ideaIds"])}
    lines = [CONFIG.read_text(encoding="utf-8")]
    for name, entries in values.items():
        lines += [f"[dictionaries.seeded-{name}]", f"values = {json.dumps(entries)}", ""]
    lines.append("[parameters]")
    for parameter, (name, probability) in SEEDED_PARAMETERS.items():
        lines.append(f'"{parameter}" = {{ dictionary = "seeded-{name}", probability = {probability} }}')
    return "\n".join(lines) + "\n"


def fuzz(
    cloud: LocalCloud,
    seeded: Mapping[str, Any],
    max_examples: int,
    seed: int | None = SEED,
    phases: Sequence[str] = (),
) -> int:
    token = cloud.token("fuzzer", FUZZER_GROUPS)
    with tempfile.TemporaryDirectory(prefix="fuzz-") as directory:
        config = Path(directory) / "schemathesis.toml"
        config.write_text(seeded_config(seeded), encoding="utf-8")
        command = [
            str(Path(sys.executable).with_name("schemathesis")),
            "--config-file",
            str(config),
            "run",
            f"{cloud.url}/openapi.json",
            "--checks",
            "all",
            "--exclude-checks",
            ",".join(EXCLUDED_CHECKS),
            "--max-examples",
            str(max_examples),
            "--header",
            f"Authorization: Bearer {token}",
            "--workers",
            "2",
            "--request-timeout",
            "20",
        ]
        if seed is not None:
            command += ["--seed", str(seed)]
        if phases:
            command += ["--phases", ",".join(phases)]
        command += os.environ.get("FUZZ_EXTRA", "").split()
        environment = {**os.environ, "NO_COLOR": "1"}
        return subprocess.run(command, cwd=ROOT, check=False, env=environment).returncode  # noqa: S603


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-examples", type=int, default=60)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--phases", default="", help="e.g. coverage,fuzzing,stateful (default: all)")
    args = parser.parse_args(argv)
    with LocalCloud(port=0) as cloud:
        seeded = cloud.seed()
        return fuzz(cloud, seeded, args.max_examples, args.seed, [p for p in args.phases.split(",") if p])


if __name__ == "__main__":
    raise SystemExit(main())
