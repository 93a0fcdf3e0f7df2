"""Cost per 1 million operations (issue 17): vote, submit, comment, read an idea, list a page.

Each operation runs through its function's handler (an API Gateway event, as the HTTP API sends it)
in two fresh processes: TIMED times on moto, for the handler's own time (the median, with the time
spent inside moto's emulation taken out: it copies tables in a transaction and walks them in a Query,
so it grows with what a run wrote) and its AWS calls, and OPS times with DynamoDB on DynamoDB Local
(every other service still on moto), for the capacity units every call reports (ReturnConsumedCapacity
INDEXES) and the events the writes make (the tables' stream records read back and mapped by the
outbox's own code). Prices are on-demand, us-east-1, with no free tier:

- Lambda on arm64 at the function's configured memory (template.yaml), per request and per GB-second
  of the handler's own time plus DYNAMODB_MS_PER_CALL for each AWS call it waits on (rounded up to
  the millisecond, as Lambda bills);
- API Gateway HTTP API requests;
- DynamoDB on-demand write and read request units, as measured (tables and indexes);
- EventBridge custom events (one PutEvents entry per event, the outbox's);
- SQS standard requests for the queues the stack's rules deliver each event to (matched on source and
  detail-type, so an upper bound where a rule also filters on the detail): the rule's send, and the
  consumer's receive and delete counted unbatched (an upper bound too; Lambda batches them).

Left out, and said in docs/operations.md: the consumers' own Lambda time and writes (the tally's
counters, an author's or commenter's follow: the capacity section measures the vote's tally),
CloudWatch logs and metrics, data transfer, and webhooks (API destinations, per brand).

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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from infra.openapi import ROOT, load_template

OPS = int(os.environ.get("BENCH_COST_OPS", "200"))
TIMED = 50
PRICES = {  # USD, us-east-1 on-demand list prices (checked 2026-12), no free tier
    "lambda_request": 0.20 / 1e6,
    "lambda_gb_second_arm64": 0.0000133334,
    "http_api_request": 1.00 / 1e6,
    "dynamodb_write_unit": 0.625 / 1e6,
    "dynamodb_read_unit": 0.125 / 1e6,
    "eventbridge_event": 1.00 / 1e6,
    "sqs_request": 0.40 / 1e6,
}
DYNAMODB_MS_PER_CALL = 5  # a request's wait on DynamoDB in the same Region (single-digit ms; assumed, not measured)
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
    """Each operation through the handlers (TIMED times on moto, OPS on DynamoDB Local); per operation:
    the handler's median time, units and events per call."""
    from bench.capacity import Meter, _stream_records  # noqa: PLC0415
    from bench.operations import ADMIN, OPERATOR, _stack  # noqa: PLC0415
    from shared.services.outbox import events_for_change  # noqa: PLC0415
    from shared.store.streams import change_from_stream_record  # noqa: PLC0415
    from tests.builders import LambdaContext, api_event  # noqa: PLC0415

    with _stack() as names:
        ideas = importlib.import_module("functions.ideas.app")
        votes = importlib.import_module("functions.votes.app")
        ideas_wiring = importlib.import_module("functions.ideas.wiring")
        votes_wiring = importlib.import_module("functions.votes.wiring")
        meter = Meter(ideas_wiring.dynamodb, names, price_transactions=run == "local")  # moto: calls, time
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
        count = OPS if local else TIMED
        streamed = _STREAMED if local else ()
        seen = {table: len(_stream_records(ideas_wiring.dynamodb, names[table])) for table in streamed}
        emulated = _EmulatorClock()
        for name, step in steps.items():
            times, calls = [], []
            with meter.measuring(name), emulated.watching():
                for n in range(count):
                    emulated.reset()
                    started = time.perf_counter()
                    step(n)
                    times.append((time.perf_counter() - started - emulated.seconds) * 1000)
                    calls.append(emulated.calls)
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
                "aws_calls": statistics.median(calls),
                "wcu": units["write"] / count,
                "rcu": units["read"] / count,
                "events": {key: seen_times / count for key, seen_times in events.items()},
                "detail": ", ".join(
                    f"{table}.{kind} {used / count:.2f}"
                    for (table, kind), used in sorted(meter.units[name].items())
                    if used
                ),
            }
        return results


class _EmulatorClock:
    """Time spent inside moto's emulation of AWS (which copies tables in a transaction and walks them
    in a Query): taken out of the handler's time, which then is our code and botocore's."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.calls = 0

    def reset(self) -> None:
        self.seconds, self.calls = 0.0, 0

    @contextmanager
    def watching(self) -> Iterator[None]:
        from moto.core.botocore_stubber import BotocoreStubber  # noqa: PLC0415

        original = BotocoreStubber.process_request

        def timed(stubber: Any, request: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(stubber, request)
            finally:
                self.seconds += time.perf_counter() - started
                self.calls += 1

        BotocoreStubber.process_request = timed  # type: ignore[method-assign,assignment]
        try:
            yield
        finally:
            BotocoreStubber.process_request = original  # type: ignore[method-assign]


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
        own = timed[name]["handler_ms"]
        ms = math.ceil(own + timed[name]["aws_calls"] * DYNAMODB_MS_PER_CALL)
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
                "own_ms": round(own, 1),
                "aws_calls": timed[name]["aws_calls"],
                "billed_ms": ms,
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


COLUMNS = ["operation", "own_ms", "aws_calls", "billed_ms", "memory_mb", "wcu", "rcu", "events", "queue_messages"]
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
