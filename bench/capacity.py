"""Capacity units per vote, measured on DynamoDB Local (issue 17): VOTES support votes on one idea go
through the vote path's services and adapters, each DynamoDB call asking ReturnConsumedCapacity
INDEXES, with what follows a first vote (the tally reading the votes table's own stream; the voter's
follow is the vote itself, decision 68); the units are summed per table and index, and per vote.

From the same run, the hot-key report: the units that land on the one idea's partition keys (its
item in the content table, read on every vote and written by the tally) per vote, and so the votes
per second one idea takes under DynamoDB's per-partition limits (1,000 WCU and 3,000 RCU a second).
DynamoDB Local prices a whole TransactWriteItems at 2 units per table, whatever its items (100
claims of the tally answered 2.0 units, where AWS bills 200), so the meter prices transactions
itself, item by item, as AWS documents: twice the item's write units (1 KB steps, the larger of its
sizes before and after, read back from the database outside the meter), plus its index upkeep as
a normal write would have it (an entry written when the item has the index's keys and changed, the
old one deleted when a key changed).

    python -m bench.capacity

Figures only: nothing here fails on them."""

from __future__ import annotations

import os
import socket
import tempfile
import threading
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

    def __init__(self, client: Any, names: dict[str, str], *, price_transactions: bool = True) -> None:
        """``price_transactions``: price them item by item (reading each item before and after, outside
        the figures but not outside a call count or a clock: off where those are measured)."""
        self.scope = "setup"
        self._pricing = price_transactions
        self.units: dict[str, dict[tuple[str, str], float]] = defaultdict(lambda: defaultdict(float))
        self.keys: dict[str, dict[tuple[str, str, str], float]] = defaultdict(lambda: defaultdict(float))
        self._tables = {name: logical for logical, name in names.items()}
        self._calls = threading.local()  # each thread's calls in flight (the tally claims from a pool)
        self._lock = threading.Lock()
        self._raw = boto3.client(  # reads for the pricing of transactions, outside the figures
            "dynamodb",
            endpoint_url=client.meta.endpoint_url,
            region_name=client.meta.region_name,
            aws_access_key_id="bench",
            aws_secret_access_key="bench",
        )
        self._indexes: dict[str, list[tuple[str, list[str], dict[str, Any]]]] = {}
        self.attach(client)

    def attach(self, client: Any) -> None:
        """Meters another client too (another function's), into the same figures."""
        client.meta.events.register("provide-client-params.dynamodb.*", self._ask)
        client.meta.events.register("after-call.dynamodb.*", self._record)

    def _ask(self, params: dict[str, Any], model: Any, **_: Any) -> None:
        if model.name in _WITH_CAPACITY:
            params["ReturnConsumedCapacity"] = "INDEXES"
        self._pending.append((model.name, _keys_of(model.name, params)))
        if model.name == "TransactWriteItems" and self._pricing:
            entries = params["TransactItems"]
            self._transactions.append((entries, [self._read(*_target(entry)) for entry in entries]))

    @property
    def _pending(self) -> list[tuple[str, list[tuple[str, str]]]]:
        if not hasattr(self._calls, "pending"):
            self._calls.pending = []
        pending: list[tuple[str, list[tuple[str, str]]]] = self._calls.pending
        return pending

    @property
    def _transactions(self) -> list[tuple[list[dict[str, Any]], list[dict[str, Any] | None]]]:
        """Each pending transaction: its items, and what they were before it (read first)."""
        if not hasattr(self._calls, "transactions"):
            self._calls.transactions = []
        transactions: list[tuple[list[dict[str, Any]], list[dict[str, Any] | None]]] = self._calls.transactions
        return transactions

    def _read(self, table: str, key: dict[str, Any]) -> dict[str, Any] | None:
        answer = self._raw.get_item(TableName=table, Key=key, ConsistentRead=True)
        item: dict[str, Any] | None = answer.get("Item")
        return item

    def _index_schemas(self, table: str) -> list[tuple[str, list[str], dict[str, Any]]]:
        """(index, its key attributes, its projection) of each global secondary index of ``table``."""
        if table not in self._indexes:
            described = self._raw.describe_table(TableName=table)["Table"]
            self._indexes[table] = [
                (index["IndexName"], [part["AttributeName"] for part in index["KeySchema"]], index["Projection"])
                for index in described.get("GlobalSecondaryIndexes", [])
            ]
        return self._indexes[table]

    def _price_transaction(self, transact_items: list[dict[str, Any]], befores: list[dict[str, Any] | None]) -> None:
        """AWS's bill for a TransactWriteItems that went through: each item twice its write units,
        plus the upkeep of the indexes it is in (DynamoDB Local answers 2 units per table)."""
        for entry, before in zip(transact_items, befores, strict=True):
            table, key = _target(entry)
            kind = next(iter(entry))
            after = {"Put": entry[kind].get("Item"), "Delete": None, "ConditionCheck": before}.get(kind, {})
            if kind == "Update":
                after = self._read(table, key)
            size = max(item_size(before) if before else 0, item_size(after) if after else 0)
            logical = self._tables.get(table, table)
            own = 2 * write_units(size)
            self.units[self.scope][(logical, "table:write")] += own
            self.keys[self.scope][(logical, _pk(key), "write")] += own
            if kind == "ConditionCheck":
                continue
            table_keys = list(key)
            for index, index_keys, projection in self._index_schemas(table):
                units = _index_upkeep(before, after, table_keys, index_keys, projection)
                if units:
                    self.units[self.scope][(logical, f"{index}:write")] += units

    def _record(self, parsed: dict[str, Any], model: Any, **_: Any) -> None:
        with self._lock:
            self._add(parsed, model)

    def _add(self, parsed: dict[str, Any], model: Any) -> None:
        keys = self._pending.pop()[1] if self._pending else []
        if model.name == "TransactWriteItems" and self._pricing:
            written, befores = self._transactions.pop()
            if "Error" not in parsed:
                self._price_transaction(written, befores)
            return
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


def _value_size(value: dict[str, Any]) -> int:
    """Bytes of one attribute value, by DynamoDB's item size rules (low-level JSON form)."""
    (kind, body), *_ = value.items()
    if kind == "S":
        return len(str(body).encode())
    if kind == "B":
        return len(body)
    if kind == "N":
        digits = str(body).lstrip("-").split("e")[0].split("E")[0].replace(".", "").strip("0")
        return (len(digits) + 1) // 2 + 1
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "SS":
        return sum(len(str(part).encode()) for part in body)
    if kind == "NS":
        return sum(_value_size({"N": part}) for part in body)
    if kind == "BS":
        return sum(len(part) for part in body)
    if kind == "M":
        return 3 + sum(len(name.encode()) + _value_size(part) + 1 for name, part in body.items())
    return 3 + sum(_value_size(part) + 1 for part in body)  # L


def item_size(item: dict[str, Any]) -> int:
    """An item's size as DynamoDB bills it: attribute names plus values."""
    return sum(len(name.encode()) + _value_size(value) for name, value in item.items())


def write_units(size: int) -> int:
    return max(1, -(-size // 1024))


def _index_upkeep(
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    table_keys: list[str],
    index_keys: list[str],
    projection: dict[str, Any],
) -> int:
    """Write units one item's change costs an index: its entry written when the item has the
    index's keys and its projected attributes changed, its old entry deleted when a key changed."""

    def entry(item: dict[str, Any] | None) -> dict[str, Any] | None:
        if item is None or any(name not in item for name in index_keys):
            return None
        kind = projection.get("ProjectionType", "ALL")
        if kind == "ALL":
            return item
        included = projection.get("NonKeyAttributes", []) if kind == "INCLUDE" else []
        kept = {*table_keys, *index_keys, *included}
        return {name: value for name, value in item.items() if name in kept}

    old, new = entry(before), entry(after)
    moved = old is not None and (new is None or any(old[name] != new[name] for name in index_keys))
    units = write_units(item_size(old)) if moved and old is not None else 0
    if new is not None and (moved or new != old):
        units += write_units(item_size(new))
    return units


def _target(entry: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """(table, key) of one TransactWriteItems entry (a Put's key is read from its item)."""
    (kind, body), *_ = entry.items()
    if kind == "Put":
        return body["TableName"], {name: body["Item"][name] for name in ("pk", "sk") if name in body["Item"]}
    return body["TableName"], body["Key"]


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
