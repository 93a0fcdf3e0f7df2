"""Cost per 1 million operations (issue 17): vote, submit, comment, read an idea, list a page.

Each operation runs OPS times through its function's handler (an API Gateway event, as the HTTP API
sends it) twice, in fresh processes: on moto, for the handler's time (the median), and with DynamoDB
on DynamoDB Local (every other service still on moto), for the capacity units every call reports
(ReturnConsumedCapacity INDEXES) and the events the writes make (the tables' stream records read
back and mapped by the outbox's own code). Prices are on-demand, us-east-1, with no free tier:

- Lambda on arm64 at the function's configured memory (template.yaml), per request and per GB-second
  of the measured handler time (rounded up to the millisecond, as Lambda bills);
- API Gateway HTTP API requests;
- DynamoDB on-demand write and read request units, as measured (tables and indexes);
- EventBridge custom events (one PutEvents entry per event, the outbox's);
- SQS standard requests for the queues the stack's rules deliver each event to (matched on source and
  detail-type, so an upper bound where a rule also filters on the detail): the rule's send, and the
  consumer's receive and delete counted unbatched (an upper bound too; Lambda batches them).

Left out, and said in docs/operations.md: the consumers' own Lambda time and writes (the tally's
counters, the auto-follow: the capacity section measures the vote's), CloudWatch logs and metrics,
data transfer, and webhooks (API destinations, per brand).

    python -m bench.costs            # both runs, the table
    python -m bench.costs --run moto  # one run's raw figures as JSON (used by the above)"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from infra.openapi import ROOT, load_template

OPS = int(os.environ.get("BENCH_COST_OPS", "200"))
PRICES = {  # USD, us-east-1 on-demand list prices (checked 2026-12), no free tier
    "lambda_request": 0.20 / 1e6,
    "lambda_gb_second_arm64": 0.0000133334,
    "http_api_request": 1.00 / 1e6,
    "dynamodb_write_unit": 0.625 / 1e6,
    "dynamodb_read_unit": 0.125 / 1e6,
    "eventbridge_event": 1.00 / 1e6,
    "sqs_request": 0.40 / 1e6,
}
SQS_REQUESTS_PER_MESSAGE = 3  # the rule's SendMessage, the consumer's ReceiveMessage and DeleteMessage
FUNCTIONS = {"vote": "VotesFunction", "submit": "IdeasFunction", "comment": "IdeasFunction"}
FUNCTIONS |= {"read idea": "IdeasFunction", "list page": "IdeasFunction"}
OPERATIONS = {
    "vote": "PUT /ideas/{ideaId}/vote",
    "submit": "POST /challenges/{challengeId}/ideas",
    "comment": "POST /ideas/{ideaId}/comments",
    "read idea": "GET /ideas/{ideaId}",
    "list page": "GET /challenges/{challengeId}/ideas (20 a page)",
}


def _exercise(run: str) -> dict[str, Any]:
    """OPS of each operation through the handlers; per operation: handler times, units, events."""
    from bench.capacity import Meter, _stream_records  # noqa: PLC0415
    from bench.operations import ADMIN, OPERATOR, _stack  # noqa: PLC0415
    from shared.services.outbox import events_for_change  # noqa: PLC0415
    from shared.store.streams import change_from_stream_record  # noqa: PLC0415
    from tests.builders import LambdaContext, api_event  # noqa: PLC0415

    with _stack():
        ideas = importlib.import_module("functions.ideas.app")
        votes = importlib.import_module("functions.votes.app")
        ideas_wiring = importlib.import_module("functions.ideas.wiring")
        votes_wiring = importlib.import_module("functions.votes.wiring")
        names = {logical: os.environ[variable] for logical, variable in _TABLES.items()}
        meter = Meter(ideas_wiring.dynamodb, names)
        meter.attach(votes_wiring.dynamodb)
        context = LambdaContext()
        handlers = {"IdeasFunction": ideas.lambda_handler, "VotesFunction": votes.lambda_handler}

        def call(function: str, method: str, path: str, claims: dict[str, Any] | None, **kwargs: Any) -> Any:
            answer = handlers[function](api_event(method, path, claims=claims, **kwargs), context)
            if answer["statusCode"] >= 300:
                raise RuntimeError(f"{method} {path}: {answer['statusCode']} {answer['body'][:300]}")
            return json.loads(answer["body"]) if answer.get("body") else None

        call("IdeasFunction", "POST", "/brands", OPERATOR, body={"brandId": "acme", "name": "Acme"})
        challenge = call(
            "IdeasFunction", "POST", "/challenges", ADMIN,
            body={"brandId": "acme", "title": "Costs", "phase": "submission"},
        )["challengeId"]  # fmt: skip
        author = {"sub": "author"}
        first = call("IdeasFunction", "POST", f"/challenges/{challenge}/ideas", author, body={"title": "A jar"})
        idea = first["ideaId"]
        steps: dict[str, Callable[[int], Any]] = {
            "submit": lambda n: call(
                "IdeasFunction", "POST", f"/challenges/{challenge}/ideas", {"sub": f"submitter-{n}"},
                body={"title": f"Refill station number {n}", "description": "Bring your own jar to the store."},
            ),
            "vote": lambda n: call(
                "VotesFunction", "PUT", f"/ideas/{idea}/vote", {"sub": f"voter-{n}"}, body={"value": 1}
            ),
            "comment": lambda n: call(
                "IdeasFunction", "POST", f"/ideas/{idea}/comments", {"sub": f"commenter-{n}"},
                body={"body": f"I would use it every week ({n})."},
            ),
            "read idea": lambda _: call("IdeasFunction", "GET", f"/ideas/{idea}", None),
            "list page": lambda _: call(
                "IdeasFunction", "GET", f"/challenges/{challenge}/ideas", None, query={"limit": "20"}
            ),
        }  # fmt: skip
        results: dict[str, Any] = {}
        local = run == "local"
        streamed = _STREAMED if local else ()
        seen = {table: len(_stream_records(ideas_wiring.dynamodb, names[table])) for table in streamed}
        for name, step in steps.items():
            times = []
            with meter.measuring(name):
                for n in range(OPS):
                    started = time.perf_counter()
                    step(n)
                    times.append((time.perf_counter() - started) * 1000)
            events: Counter[str] = Counter()
            for table in streamed:
                records = _stream_records(ideas_wiring.dynamodb, names[table])
                for record in records[seen[table] :]:
                    for event in events_for_change(change_from_stream_record(record)):
                        events[f"{event.SOURCE}|{event.detail_type()}"] += 1
                seen[table] = len(records)
            units: dict[str, float] = defaultdict(float)
            for (_, kind), used in meter.units[name].items():
                units["write" if kind.endswith("write") else "read"] += used
            results[name] = {
                "handler_ms": statistics.median(times),
                "wcu": units["write"] / OPS,
                "rcu": units["read"] / OPS,
                "events": {key: count / OPS for key, count in events.items()},
                "detail": ", ".join(
                    f"{table}.{kind} {used / OPS:.2f}"
                    for (table, kind), used in sorted(meter.units[name].items())
                    if used
                ),
            }
        return results


_TABLES = {
    "ContentTable": "CONTENT_TABLE", "VotesTable": "VOTES_TABLE", "IdempotencyTable": "IDEMPOTENCY_TABLE",
    "SimilarityTable": "SIMILARITY_TABLE", "NotificationsTable": "NOTIFICATIONS_TABLE",
    "RateLimitsTable": "RATE_LIMITS_TABLE", "ReputationTable": "REPUTATION_TABLE",
    "ModerationTable": "MODERATION_TABLE",
}  # fmt: skip
_STREAMED = ("ContentTable", "VotesTable")  # the outbox's sources


def _queues_for(template: dict[str, Any]) -> Callable[[str], int]:
    """How many SQS queues the stack's rules deliver an event (source|detail-type) to."""
    rules = []
    for resource in template["Resources"].values():
        if resource["Type"] != "AWS::Events::Rule":
            continue
        pattern = resource["Properties"].get("EventPattern", {})
        targets = [t for t in resource["Properties"].get("Targets", []) if "Queue" in json.dumps(t.get("Arn"))]
        rules.append((set(pattern.get("source", [])), set(pattern.get("detail-type", [])), len(targets)))

    def count(event: str) -> int:
        source, detail_type = event.split("|")
        return sum(n for sources, types, n in rules if source in sources and detail_type in types)

    return count


def _memory_mb(template: dict[str, Any], logical_id: str) -> int:
    own = template["Resources"][logical_id]["Properties"].get("MemorySize")
    return int(own or template["Globals"]["Function"]["MemorySize"])


def _raw(run: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "bench.costs", "--run", run],
        capture_output=True, text=True, check=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "POWERTOOLS_TRACE_DISABLED": "true"},
    )  # fmt: skip
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def cost_table() -> list[dict[str, Any]]:
    """Both runs (moto for time, DynamoDB Local for units and events), priced per 1M operations."""
    from bench.capacity import _dynamodb_local  # noqa: PLC0415

    timed = _raw("moto")
    with _dynamodb_local() as client:
        os.environ["AWS_ENDPOINT_URL_DYNAMODB"] = client.meta.endpoint_url
        try:
            metered = _raw("local")
        finally:
            del os.environ["AWS_ENDPOINT_URL_DYNAMODB"]
    template = load_template()
    queues = _queues_for(template)
    rows = []
    for name, route in OPERATIONS.items():
        ms = math.ceil(timed[name]["handler_ms"])
        gb = _memory_mb(template, FUNCTIONS[name]) / 1024
        wcu, rcu, events = metered[name]["wcu"], metered[name]["rcu"], metered[name]["events"]
        messages = sum(per_op * queues(event) for event, per_op in events.items())
        million = 1e6
        lambda_cost = million * (PRICES["lambda_request"] + ms / 1000 * gb * PRICES["lambda_gb_second_arm64"])
        dynamodb = million * (wcu * PRICES["dynamodb_write_unit"] + rcu * PRICES["dynamodb_read_unit"])
        eventbridge = million * sum(events.values()) * PRICES["eventbridge_event"]
        sqs = million * messages * SQS_REQUESTS_PER_MESSAGE * PRICES["sqs_request"]
        gateway = million * PRICES["http_api_request"]
        rows.append(
            {
                "operation": name,
                "route": route,
                "handler_ms": ms,
                "memory_mb": int(gb * 1024),
                "wcu": round(wcu, 2),
                "rcu": round(rcu, 2),
                "events": round(sum(events.values()), 2),
                "queue_messages": round(messages, 2),
                "lambda_usd": round(lambda_cost, 2),
                "api_usd": round(gateway, 2),
                "dynamodb_usd": round(dynamodb, 2),
                "eventbridge_usd": round(eventbridge, 2),
                "sqs_usd": round(sqs, 2),
                "total_usd": round(lambda_cost + gateway + dynamodb + eventbridge + sqs, 2),
                "detail": metered[name]["detail"],
                "event_types": ", ".join(sorted(event.split("|")[1] for event in events)),
            }
        )
    return rows


COLUMNS = ["operation", "handler_ms", "memory_mb", "wcu", "rcu", "events", "queue_messages"]
COLUMNS += ["lambda_usd", "api_usd", "dynamodb_usd", "eventbridge_usd", "sqs_usd", "total_usd"]
DOC = ROOT / "docs" / "operations.md"
START, END = "<!-- cost-table:start (make bench writes this) -->", "<!-- cost-table:end -->"


def write_doc(rows: list[dict[str, Any]]) -> None:
    """Puts the table into docs/operations.md between its markers."""
    header = "| " + " | ".join(COLUMNS) + " |"
    lines = [header, "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(str(row[column]) for column in COLUMNS) + " |" for row in rows]
    text = DOC.read_text(encoding="utf-8")
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    DOC.write_text(f"{before}{START}\n{chr(10).join(lines)}\n{END}{after}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--run", choices=["moto", "local"])
    args = parser.parse_args()
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    if args.run:
        print(json.dumps(_exercise(args.run)))
        return 0
    rows = cost_table()
    for row in rows:
        print(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
