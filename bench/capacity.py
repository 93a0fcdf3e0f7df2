"""Capacity units per vote, measured on DynamoDB Local (issue 17): VOTES support votes on one idea go
through the vote path's services and adapters, each DynamoDB call asking ReturnConsumedCapacity
INDEXES, with what follows a first vote (the tally reading the votes table's own stream; the voter's
follow is the vote itself, decision 68); the units are summed per table and index, and per vote.

From the same run, the hot-key report: the units that land on the one idea's partition keys (its
item in the content table, read on every vote and written by the tally) per vote, and so the votes
per second one idea takes under DynamoDB's per-partition limits (1,000 WCU and 3,000 RCU a second).
Transactions report units per table, not per item: those are shared evenly among the items the
transaction names on that table (the idea's share of a tally commit is its item's part).

    python -m bench.capacity

Figures only: nothing here fails on them."""

from __future__ import annotations

import os
import socket
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import boto3

from infra.local.dynamodb import DynamoDBLocal
from infra.local.streams import lambda_record
from infra.openapi import load_template
from infra.tables import create_tables

VOTES = int(os.environ.get("BENCH_CAPACITY_VOTES", "10000"))
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
PARTITION_WCU, PARTITION_RCU = 1000, 3000
GOALS = {"first vote (no budget)": 4.0, "first vote (budget)": 7.0}
VIRAL_GOAL = 5000
_WITH_CAPACITY = {
    "GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "BatchGetItem", "BatchWriteItem",
    "TransactWriteItems", "TransactGetItems",
}  # fmt: skip


class Meter:
    """Asks every call for its consumed capacity and keeps it per scope, table and index, and per key."""

    def __init__(self, client: Any, names: dict[str, str]) -> None:
        self.scope = "setup"
        self.units: dict[str, dict[tuple[str, str], float]] = defaultdict(lambda: defaultdict(float))
        self.keys: dict[str, dict[tuple[str, str, str], float]] = defaultdict(lambda: defaultdict(float))
        self._tables = {name: logical for logical, name in names.items()}
        self._pending: list[tuple[str, list[tuple[str, str]]]] = []
        self.attach(client)

    def attach(self, client: Any) -> None:
        """Meters another client too (another function's), into the same figures."""
        client.meta.events.register("provide-client-params.dynamodb.*", self._ask)
        client.meta.events.register("after-call.dynamodb.*", self._record)

    def _ask(self, params: dict[str, Any], model: Any, **_: Any) -> None:
        if model.name in _WITH_CAPACITY:
            params["ReturnConsumedCapacity"] = "INDEXES"
        self._pending.append((model.name, _keys_of(model.name, params)))

    def _record(self, parsed: dict[str, Any], model: Any, **_: Any) -> None:
        keys = self._pending.pop()[1] if self._pending else []
        consumed = parsed.get("ConsumedCapacity") or []
        entries: list[dict[str, Any]] = consumed if isinstance(consumed, list) else [consumed]
        for entry in entries:
            table = self._tables.get(str(entry.get("TableName")), str(entry.get("TableName")))
            read, write = _split(model.name, entry)
            own = entry.get("Table") or {}
            own_read, own_write = (own.get("ReadCapacityUnits"), own.get("WriteCapacityUnits"))
            self.units[self.scope][(table, "table:read")] += own_read if own_read is not None else read
            self.units[self.scope][(table, "table:write")] += own_write if own_write is not None else write
            for index, used in (entry.get("GlobalSecondaryIndexes") or {}).items():
                self.units[self.scope][(table, f"{index}:read")] += used.get("ReadCapacityUnits", 0.0)
                self.units[self.scope][(table, f"{index}:write")] += used.get("WriteCapacityUnits", 0.0)
            on_table = [key for name, key in keys if self._tables.get(name, name) == table]
            for key in on_table:
                share_read = (own_read if own_read is not None else read) / len(on_table)
                share_write = (own_write if own_write is not None else write) / len(on_table)
                self.keys[self.scope][(table, key, "read")] += share_read
                self.keys[self.scope][(table, key, "write")] += share_write

    @contextmanager
    def measuring(self, scope: str) -> Iterator[None]:
        before, self.scope = self.scope, scope
        try:
            yield
        finally:
            self.scope = before


def _split(operation: str, entry: dict[str, Any]) -> tuple[float, float]:
    total = float(entry.get("CapacityUnits", 0.0))
    read = entry.get("ReadCapacityUnits")
    write = entry.get("WriteCapacityUnits")
    if read is not None or write is not None:
        return float(read or 0.0), float(write or 0.0)
    writes = {"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems"}
    return (0.0, total) if operation in writes else (total, 0.0)


def _pk(key: dict[str, Any]) -> str:
    value = key.get("pk", {})
    return str(value.get("S", value)) if isinstance(value, dict) else str(value)


def _keys_of(operation: str, params: dict[str, Any]) -> list[tuple[str, str]]:
    """(table, partition key) of every item a call names."""
    if operation in {"GetItem", "DeleteItem", "UpdateItem"}:
        return [(params["TableName"], _pk(params["Key"]))]
    if operation == "PutItem":
        return [(params["TableName"], _pk(params["Item"]))]
    if operation == "TransactWriteItems":
        found = []
        for item in params.get("TransactItems", []):
            for kind, body in item.items():
                found.append((body["TableName"], _pk(body["Item"] if kind == "Put" else body["Key"])))
        return found
    return []


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _dynamodb_local() -> Iterator[Any]:
    database = DynamoDBLocal(_free_port(), log_path=Path(tempfile.gettempdir()) / "bench-capacity-ddb.log")
    database.start()
    client = boto3.client(
        "dynamodb",
        endpoint_url=database.endpoint,
        region_name="us-east-1",
        aws_access_key_id="bench",
        aws_secret_access_key="bench",
    )
    try:
        database.wait_ready(client)
        yield client
    finally:
        database.stop()


def _stream_records(client: Any, table: str) -> list[dict[str, Any]]:
    """Every record of the table's stream so far, as Lambda delivers them."""
    streams = boto3.client(
        "dynamodbstreams",
        endpoint_url=client.meta.endpoint_url,
        region_name="us-east-1",
        aws_access_key_id="bench",
        aws_secret_access_key="bench",
    )
    arn = client.describe_table(TableName=table)["Table"]["LatestStreamArn"]
    records = []
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")
        position = iterator.get("ShardIterator")
        while position:
            answer = streams.get_records(ShardIterator=position, Limit=1000)
            records += [lambda_record(raw, arn) for raw in answer.get("Records", [])]
            if not answer.get("Records"):
                break
            position = answer.get("NextShardIterator")
    return records


def _run(client: Any, names: dict[str, str], meter: Meter, budget: int | None, tag: str) -> tuple[str, str]:
    """VOTES first support votes on one new idea and their tally; (scope, idea id)."""
    from functions.tally.app import process  # noqa: PLC0415 - its settings come from the environment set above
    from shared.domain.brands import Brand  # noqa: PLC0415
    from shared.domain.challenges import Challenge, ModerationMode, Phase, VoteModel  # noqa: PLC0415
    from shared.domain.ideas import Idea, IdeaStatus  # noqa: PLC0415
    from shared.domain.principal import Principal  # noqa: PLC0415
    from shared.services import votes as vote_service  # noqa: PLC0415
    from shared.store.content import (  # noqa: PLC0415
        CachedChallengeRepository,
        DynamoBrandRepository,
        DynamoIdeaRepository,
    )
    from shared.store.limits import DynamoRateLimiter  # noqa: PLC0415
    from shared.store.votes import DynamoTallyStore, DynamoVoteRepository  # noqa: PLC0415

    content, votes_table = names["ContentTable"], names["VotesTable"]
    at = datetime.now(UTC).replace(microsecond=0)
    challenges = CachedChallengeRepository(client, content, 5)
    ideas = DynamoIdeaRepository(client, content)
    votes = DynamoVoteRepository(client, votes_table)
    limiter = DynamoRateLimiter(client, names["RateLimitsTable"])
    brand_id, challenge_id, idea_id = f"bench-{tag}", f"chal-{tag}", f"idea-{tag}"
    with meter.measuring("setup"):
        brands = DynamoBrandRepository(client, content)
        if brands.get(brand_id) is None:
            brands.add(Brand(brand_id=brand_id, name="Bench", created_by="bench", created_at=at, updated_at=at))
        challenges.add(
            Challenge(
                challenge_id=challenge_id, brand_id=brand_id, title="Capacity", description="", phase=Phase.VOTING,
                moderation=ModerationMode.POST,
                created_by="bench", created_at=at, updated_at=at, vote_model=VoteModel.SUPPORT, vote_budget=budget,
            )
        )  # fmt: skip
        ideas.add(
            Idea(
                idea_id=idea_id, challenge_id=challenge_id, brand_id=brand_id, author_id="author",
                title="A refill station in every store", description="Bring your own jar.", tags=(),
                status=IdeaStatus.PUBLISHED, created_at=at, updated_at=at,
            )
        )  # fmt: skip
    scope = f"first vote ({'budget' if budget else 'no budget'})"
    for n in range(VOTES):
        with meter.measuring(scope):
            vote_service.cast_vote(
                Principal(user_id=f"voter-{tag}-{n}"), idea_id, 1, ideas, challenges, votes, limiter=limiter
            )
    records = [record for record in _stream_records(client, votes_table) if idea_id in str(record["dynamodb"]["Keys"])]
    store = DynamoTallyStore(client, votes_table, content)
    with meter.measuring(f"{scope}: tally"):
        for start in range(0, len(records), 1000):
            process({"Records": records[start : start + 1000]}, None, store=store)
    return scope, idea_id


def vote_capacity() -> list[dict[str, Any]]:
    template = load_template()
    with _dynamodb_local() as client:
        names = create_tables(client, template, lambda logical_id: f"bench-{logical_id}")
        os.environ.update({"CONTENT_TABLE": names["ContentTable"], "VOTES_TABLE": names["VotesTable"]})
        meter = Meter(client, names)
        runs = [_run(client, names, meter, budget, tag) for budget, tag in ((None, "free"), (5, "budget"))]
    rows = []
    for scope, idea_id in runs:
        parts = {name: meter.units[name] for name in meter.units if name.startswith(scope)}
        total_write = sum(
            units for part in parts.values() for (_, kind), units in part.items() if kind.endswith("write")
        )
        total_read = sum(units for part in parts.values() for (_, kind), units in part.items() if kind.endswith("read"))
        detail = ", ".join(
            f"{name.removeprefix(scope).removeprefix(': ') or 'request'} {table}.{kind} {units / VOTES:.2f}"
            for name, part in sorted(parts.items())
            for (table, kind), units in sorted(part.items())
            if units
        )
        idea_key = f"IDEA#{idea_id}"
        hot: dict[str, float] = defaultdict(float)
        for name in parts:
            for (_, key, kind), units in meter.keys[name].items():
                if key == idea_key:
                    hot[kind] += units / VOTES
        ceiling = min(
            PARTITION_WCU / hot["write"] if hot["write"] else float("inf"),
            PARTITION_RCU / hot["read"] if hot["read"] else float("inf"),
        )
        rows.append(
            {
                "scenario": scope,
                "votes": VOTES,
                "wcu_per_vote": round(total_write / VOTES, 2),
                "goal": f"<= {GOALS[scope]}",
                "met": "yes" if total_write / VOTES <= GOALS[scope] else "no",
                "rcu_per_vote": round(total_read / VOTES, 2),
                "idea_key_wcu_per_vote": round(hot["write"], 3),
                "idea_key_rcu_per_vote": round(hot["read"], 3),
                "votes_per_s_one_idea": round(ceiling),
                "viral_goal": f">= {VIRAL_GOAL}",
                "viral_met": "yes" if ceiling >= VIRAL_GOAL else "no",
                "detail": detail,
            }
        )
    return rows


def main() -> int:
    for row in vote_capacity():
        for name, value in row.items():
            print(f"{name}: {value}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
