"""Benchmarks: cold-start import time per function against a minimal Powertools handler, and the
AWS calls each operation makes (counted with botocore's event hooks, on moto).

Prints a table and writes bench/results.json. Figures only: nothing here fails on timing."""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import boto3

from bench.package import BUILD
from infra.openapi import ROOT, load_template, placeholder_environment

PAIRS = int(os.environ.get("BENCH_PAIRS", "9"))  # interleaved (baseline, function) cold starts per function
RESULTS = ROOT / "bench" / "results.json"
_IMPORT_SNIPPET = (
    "import time, importlib, sys; t = time.perf_counter(); "
    "importlib.import_module(sys.argv[1]); print(time.perf_counter() - t)"
)
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")


def _function_modules(template: dict[str, Any]) -> dict[str, tuple[str, dict[str, str]]]:
    modules = {}
    for logical_id, resource in template["Resources"].items():
        if resource["Type"] == "AWS::Serverless::Function":
            properties = resource["Properties"]
            modules[logical_id] = (
                properties["Handler"].rsplit(".", 1)[0],
                placeholder_environment(template, properties),
            )
    return modules


def _environ(env: dict[str, str], code: Path = ROOT) -> dict[str, str]:
    """A fresh process's environment, importing from ``code``. Nothing it compiles is kept, as in
    Lambda, whose /var/task is read-only: what is not shipped as .pyc is compiled at every start."""
    return {
        **os.environ,
        **env,
        "AWS_DEFAULT_REGION": "us-east-1",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": str(code),
    }


def _import_once(module: str, environ: dict[str, str]) -> float:
    """One fresh interpreter's import of ``module`` (a cold start), in seconds."""
    out = subprocess.run(
        [sys.executable, "-c", _IMPORT_SNIPPET, module],
        env=environ,
        capture_output=True,
        text=True,
        check=True,
        cwd=environ["PYTHONPATH"],  # "-c" puts the working directory first on sys.path
    )
    return float(out.stdout.strip().splitlines()[-1])


def _deployed_code(logical_id: str) -> Path:
    """What Lambda imports the function from: its `sam build` zip's contents (with the .pyc files
    infra/build/Makefile compiles for the runtime's Python), or the sources (compiled on import)
    when nothing is built or this interpreter is another Python, which could not use that bytecode."""
    built = BUILD / logical_id
    bytecode = built / "functions" / "__pycache__" / f"__init__.{sys.implementation.cache_tag}.pyc"
    return built if bytecode.is_file() else ROOT


@contextmanager
def _secrets_served(modules: dict[str, tuple[str, dict[str, str]]]) -> Iterator[dict[str, str]]:
    """A moto server holding the functions' signing secrets (``*_SECRET_ID``): the environment that
    points Secrets Manager there. The functions read them on first use (decision 67), so no measured
    import calls it; were one to read at import again, the read would stay in its measured time, as
    it would be in Lambda."""
    from moto.server import ThreadedMotoServer  # noqa: PLC0415 - dev dependency, only here

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    env = {
        "AWS_ENDPOINT_URL_SECRETS_MANAGER": endpoint,
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
    }
    try:
        client = boto3.client(
            "secretsmanager",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="bench",
            aws_secret_access_key="bench",
        )
        names = {
            value for _, variables in modules.values() for key, value in variables.items() if key.endswith("_SECRET_ID")
        }
        for name in sorted(names):
            client.create_secret(Name=name, SecretString=f"{name}-bench-placeholder")
        yield env
    finally:
        server.stop()


COLD_START_GOAL = 1.2  # issue 17: every function's import within 1.2x the bare handler's


def cold_starts() -> list[dict[str, Any]]:
    """Each function against the baseline handler, interleaved: PAIRS fresh processes of each,
    alternating (baseline, function), the ratio taken pair by pair and its median reported, so a
    machine that drifts (another load, a warmer disk cache) moves both sides of every pair."""
    modules = _function_modules(load_template())
    rows: list[dict[str, Any]] = []
    with _secrets_served(modules) as aws:
        baseline_env = _environ(aws)
        baselines: list[float] = []
        for logical_id, (module, env) in modules.items():
            code = _deployed_code(logical_id)
            function_env = _environ({**env, **aws}, code)
            pairs = []
            for _ in range(PAIRS):
                base = _import_once("bench.baseline_handler", baseline_env)
                pairs.append((base, _import_once(module, function_env)))
            baselines += [base for base, _ in pairs]
            ratio = statistics.median(seconds / base for base, seconds in pairs)
            rows.append(
                {
                    "function": logical_id,
                    "import_ms": round(statistics.median(seconds for _, seconds in pairs) * 1000, 1),
                    "ratio": round(ratio, 2),
                    "goal": f"<= {COLD_START_GOAL}",
                    "met": "yes" if ratio <= COLD_START_GOAL else "no",
                    "code": "source" if code == ROOT else "sam build",
                }
            )
        floor_pairs = []
        for _ in range(PAIRS):
            base = _import_once("bench.baseline_handler", baseline_env)
            floor_pairs.append((base, _import_once("bench.validated_handler", baseline_env)))
        floor = statistics.median(seconds / base for base, seconds in floor_pairs)
    for row in rows:
        row["vs_floor"] = round(float(row["ratio"]) / floor, 2)
    baseline = {
        "function": "baseline (boto3 + Logger + resolver)",
        "import_ms": round(statistics.median(baselines) * 1000, 1),
    }
    validated = {
        "function": "floor (baseline + pydantic + validation)",
        "import_ms": round(statistics.median(seconds for _, seconds in floor_pairs) * 1000, 1),
    }
    return [
        {**baseline, "ratio": 1.0, "goal": "", "met": "", "vs_floor": "", "code": "source"},
        {**validated, "ratio": round(floor, 2), "goal": "", "met": "", "vs_floor": 1.0, "code": "source"},
        *sorted(rows, key=lambda row: -float(row["ratio"])),
    ]


class CallCounter:
    """Counts AWS API calls made through any client it is attached to."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def attach(self, client: Any) -> None:
        client.meta.events.register("before-call.*.*", self._count)

    def _count(self, model: Any, **_: Any) -> None:
        self.calls.append(f"{model.service_model.service_name}:{model.name}")

    def measure(self, action: Callable[[], Any]) -> list[str]:
        self.calls.clear()
        action()
        return list(self.calls)


def aws_calls() -> list[dict[str, Any]]:
    from bench.operations import run_operations  # noqa: PLC0415 - needs moto, only here

    rows = []
    for name, calls in run_operations(CallCounter):
        detail = ", ".join(f"{call} x{count}" if count > 1 else call for call, count in Counter(calls).items())
        rows.append({"operation": name, "calls": len(calls), "detail": detail})
    return rows


def _table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    widths = [max(len(column), *(len(str(row[column])) for row in rows)) for column in columns]
    lines = ["  ".join(column.ljust(width) for column, width in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * width for width in widths))
    lines += [
        "  ".join(str(row[column]).ljust(width) for column, width in zip(columns, widths, strict=True)) for row in rows
    ]
    return "\n".join(lines)


def _calls_summary(result: dict[str, Any]) -> dict[str, Any]:
    calls = Counter(result.pop("calls"))
    return {
        **result,
        "aws_calls": sum(calls.values()),
        "detail": ", ".join(f"{call} x{count}" for call, count in calls.items()),
    }


def main() -> int:
    starts = cold_starts()
    calls = aws_calls()
    print(f"Cold start: module import, {PAIRS} interleaved pairs (baseline, function) of fresh processes, ")
    print("the median of the per-pair ratios (tracing off); vs_floor: the ratio over the floor's, what the")
    print("function's own code costs beyond any validated Powertools handler; code: what was imported (a")
    print("function's `sam build` zip, with its .pyc files, or the sources, compiled on import)\n")
    print(_table(starts, ["function", "import_ms", "ratio", "goal", "met", "vs_floor", "code"]))
    print("\nAWS calls per operation (botocore before-call hooks, on moto)\n")
    print(_table(calls, ["operation", "calls", "detail"]))
    from bench.capacity import vote_capacity  # noqa: PLC0415 - starts DynamoDB Local
    from bench.votes_load import missing_prerequisite  # noqa: PLC0415

    missing = missing_prerequisite()
    capacity: list[dict[str, Any]] | dict[str, str] = {"skipped": missing} if missing else vote_capacity()
    print("\nCapacity units per vote on DynamoDB Local (ReturnConsumedCapacity INDEXES on every call; request,")
    print("and the tally's share; the vote is its voter's follow), and one idea's ceiling from the units on its key\n")
    if isinstance(capacity, list):
        columns = ["scenario", "votes", "wcu_per_vote", "goal", "met", "rcu_per_vote", "idea_key_wcu_per_vote"]
        columns += ["idea_key_rcu_per_vote", "votes_per_s_one_idea", "viral_goal", "viral_met"]
        print(_table(capacity, columns))
        for row in capacity:
            print(f"  {row['scenario']}: {row['detail']}")
    else:
        print(f"skipped ({missing})")
    from bench.costs import COLUMNS, cost_table, write_doc  # noqa: PLC0415 - starts DynamoDB Local

    costs: list[dict[str, Any]] | dict[str, str] = {"skipped": missing} if missing else cost_table()
    print("\nCost per 1 million operations, USD (handler time on moto, units and events on DynamoDB Local;")
    print("on-demand us-east-1 prices; docs/operations.md says what is in and out, and gets this table)\n")
    if isinstance(costs, list):
        print(_table(costs, COLUMNS))
        for row in costs:
            print(f"  {row['operation']}: {row['event_types'] or 'no event'}; {row['detail']}")
        write_doc(costs)
    else:
        print(f"skipped ({missing})")
    from bench.operations import EMAILED, run_digest, run_fanout  # noqa: PLC0415 - needs moto, only here
    from bench.screening import screening_bench, screening_quality  # noqa: PLC0415 - optional section

    fanout = _calls_summary(run_fanout(CallCounter))
    print("\nNotify 10,000 followers of a status change (notifications function on moto, fan-out batches)\n")
    print(_table([{"figure": k, "value": v} for k, v in fanout.items()], ["figure", "value"]))
    emails = _calls_summary(run_fanout(CallCounter, followers=EMAILED, emailed=EMAILED))
    print(f"\nThe same for {EMAILED:,} followers who all get the email (moto's SES)\n")
    print(_table([{"figure": k, "value": v} for k, v in emails.items()], ["figure", "value"]))
    digest = _calls_summary(run_digest(CallCounter))
    print("\nThe daily digest for 1,000 users with 3 notices each (schedule -> pages through the queue)\n")
    print(_table([{"figure": k, "value": v} for k, v in digest.items()], ["figure", "value"]))

    from bench.live import run_live  # noqa: PLC0415 - needs moto, only here

    pushes = _calls_summary(run_live(CallCounter))
    print("\nLive: 1,000 connections watch one idea while 5,000 votes are counted (50 tally commits in a second)\n")
    print(_table([{"figure": k, "value": v} for k, v in pushes.items()], ["figure", "value"]))

    screening = screening_bench()
    quality = screening_quality()
    print("\nContent screening (moderation): screen() per text, and quality over the labelled fixture\n")
    print(_table([{"p95_ms": "", **row} for row in screening], ["case", "ms", "p95_ms"]))
    print()
    print(_table(quality, ["category", "precision", "recall", "labelled"]))
    from bench.votes_load import votes_load  # noqa: PLC0415 - starts a local cloud

    if missing:
        load: dict[str, Any] = {"skipped": missing}
        print(f"\nVotes load: skipped ({missing})")
    else:
        vote_calls = None
        if isinstance(costs, list):
            vote_calls = next((round(float(row["aws_calls"])) for row in costs if row["operation"] == "vote"), None)
        load = votes_load(vote_calls=vote_calls)
        print("\nVotes load on one idea (local cloud over HTTP; counter writes from the content table's stream)\n")
        print(_table([{"figure": k, "value": v} for k, v in load.items()], ["figure", "value"]))
    from bench.package import package_report  # noqa: PLC0415

    package = package_report()
    print("\nThe deployed package (sam build: python3.13 arm64; sizes in MB)\n")
    print(_table([{"figure": k, "value": v} for k, v in package.items()], ["figure", "value"]))
    results = {
        "package": package,
        "cold_start": starts,
        "aws_calls": calls,
        "fanout": fanout,
        "fanout_emails": emails,
        "digest": digest,
        "live": pushes,
        "screening": screening,
        "quality": quality,
        "votes_load": load,
        "capacity": capacity,
        "costs": costs,
    }
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
