"""Votes load on one hot idea through the local cloud (DynamoDB Local on Java, moto server), over HTTP.

``clients`` threads cast ``votes`` support votes from distinct voters; then the tally is awaited,
and the counter writes it made on the idea item are counted from DynamoDB Local's own stream of
the content table: MODIFY records on the idea's key whose votesUp or score changed. That count
needs nothing from the tally's code, so it stays honest whatever the tally does.

    python -m bench.votes_load

Figures only: nothing here fails on timing."""

from __future__ import annotations

import json
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import requests

from infra.local import aws
from infra.local.cloud import LocalCloud
from infra.local.dynamodb import find_jar
from shared.store.records import idea_key

BRAND = "bench-load"
TALLY_TIMEOUT_SECONDS = 120.0
POLL_SECONDS = 0.1
COUNTERS = ("votesUp", "score")
VOTES_PER_SECOND_GOAL = 200  # issue 17, 8 clients on this 2-core machine


def missing_prerequisite() -> str | None:
    """Why the local cloud cannot start here (as the e2e conftest decides), or None."""
    if shutil.which("java") is None:
        return "Java is not installed: DynamoDB Local cannot run (install Java 17+)"
    try:
        find_jar()
    except FileNotFoundError as exc:
        return f"{exc}"
    return None


def _send(session: requests.Session, cloud: LocalCloud, method: str, path: str, token: str, body: Any) -> Any:
    answer = session.request(
        method, cloud.url + path, json=body, headers={"authorization": f"Bearer {token}"}, timeout=30
    )
    if not answer.ok:
        raise RuntimeError(f"{method} {path} answered {answer.status_code}: {answer.text}")
    return answer.json()


def _hot_idea(cloud: LocalCloud) -> str:
    """A support-vote challenge (no budget) in its voting phase, with one published idea."""
    admin = cloud.token("bench-load-admin", [f"brand-{BRAND}-admins"])
    with requests.Session() as session:
        brand = {"brandId": BRAND, "name": "Votes load benchmark"}
        _send(session, cloud, "POST", "/brands", cloud.token("bench-load-operator", ["operators"]), brand)
        challenge = _send(
            session,
            cloud,
            "POST",
            "/challenges",
            admin,
            {
                "brandId": BRAND,
                "title": "Votes load benchmark",
                "phase": "submission",
                "moderation": "post",
                "voteModel": "support",
            },
        )
        challenge_id = challenge["challengeId"]
        idea = _send(
            session,
            cloud,
            "POST",
            f"/challenges/{challenge_id}/ideas",
            cloud.token("bench-load-author"),
            {"title": "The idea everyone votes for"},
        )
        if idea["status"] != "published":
            raise RuntimeError(f"the idea is {idea['status']!r}, not published")
        _send(session, cloud, "PATCH", f"/challenges/{challenge_id}", admin, {"phase": "voting"})
    return str(idea["ideaId"])


def _cast(cloud: LocalCloud, idea_id: str, tokens: list[str]) -> tuple[int, dict[str, int]]:
    """One client: its own session, one PUT per token. Returns (accepted, errors by status)."""
    accepted = 0
    errors: dict[str, int] = {}
    url = f"{cloud.url}/ideas/{idea_id}/vote"
    with requests.Session() as session:
        for token in tokens:
            try:
                status = session.put(
                    url, json={"value": 1}, headers={"authorization": f"Bearer {token}"}, timeout=30
                ).status_code
            except requests.RequestException as exc:
                status_name = type(exc).__name__
                errors[status_name] = errors.get(status_name, 0) + 1
                continue
            if 200 <= status < 300:
                accepted += 1
            else:
                errors[str(status)] = errors.get(str(status), 0) + 1
    return accepted, errors


def _vote(cloud: LocalCloud, idea_id: str, clients: int, votes: int) -> tuple[int, dict[str, int], float]:
    tokens = [cloud.token(f"bench-voter-{n}") for n in range(votes)]  # minted before the clock starts
    results: list[tuple[int, dict[str, int]]] = [(0, {})] * clients

    def client(index: int) -> None:
        results[index] = _cast(cloud, idea_id, tokens[index::clients])

    threads = [threading.Thread(target=client, args=(i,), name=f"voter-client-{i}") for i in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    errors: dict[str, int] = {}
    for _, client_errors in results:
        for kind, count in client_errors.items():
            errors[kind] = errors.get(kind, 0) + count
    return sum(accepted for accepted, _ in results), errors, seconds


def _tally_lag(cloud: LocalCloud, idea_id: str, expected_up: int) -> float | None:
    """Seconds until GET /ideas/{id} shows every accepted vote; None if it never did in time."""
    began = time.perf_counter()
    with requests.Session() as session:
        while time.perf_counter() - began < TALLY_TIMEOUT_SECONDS:
            answer = session.get(f"{cloud.url}/ideas/{idea_id}", timeout=30)
            if answer.ok and answer.json()["votes"]["up"] == expected_up:
                return time.perf_counter() - began
            time.sleep(POLL_SECONDS)
    return None


def _content_stream_records(cloud: LocalCloud) -> Iterator[dict[str, Any]]:
    """Every record of the content table's stream in DynamoDB Local, all shards from TRIM_HORIZON.

    A reader of its own: shard iterators are per reader, so the local cloud's pollers are untouched."""
    assert cloud.stack is not None
    table = next(t.name for t in cloud.stack.tables if t.logical_id == "ContentTable")
    stream_arn = aws.client("dynamodb", cloud.dynamodb_url).describe_table(TableName=table)["Table"]["LatestStreamArn"]
    streams = aws.client("dynamodbstreams", cloud.dynamodb_url)
    shard_ids: list[str] = []
    arguments: dict[str, Any] = {"StreamArn": stream_arn}
    while True:
        description = streams.describe_stream(**arguments)["StreamDescription"]
        shard_ids += [shard["ShardId"] for shard in description.get("Shards", [])]
        if not description.get("LastEvaluatedShardId"):
            break
        arguments["ExclusiveStartShardId"] = description["LastEvaluatedShardId"]
    for shard_id in shard_ids:
        iterator = streams.get_shard_iterator(
            StreamArn=stream_arn, ShardId=shard_id, ShardIteratorType="TRIM_HORIZON"
        ).get("ShardIterator")
        while iterator:
            page = streams.get_records(ShardIterator=iterator, Limit=1000)
            yield from page.get("Records", [])
            # A closed shard ends without a next iterator; an open one is read once nothing is left.
            iterator = page.get("NextShardIterator") if page.get("Records") else None


def _counter_writes(cloud: LocalCloud, idea_id: str) -> int:
    key = {name: {"S": value} for name, value in idea_key(idea_id).items()}
    writes = 0
    for record in _content_stream_records(cloud):
        change = record["dynamodb"]
        if record["eventName"] != "MODIFY" or change.get("Keys") != key:
            continue
        old, new = change.get("OldImage", {}), change.get("NewImage", {})
        if any(old.get(name) != new.get(name) for name in COUNTERS):
            writes += 1
    return writes


def _database_calls_per_second(cloud: LocalCloud, clients: int, seconds: float = 5.0) -> float:
    """The calls a second one Python process gets from DynamoDB Local here, the local cloud idle
    around it (its stream pollers still polling): ``clients`` threads, each with its own client made
    beforehand, writing and reading small items of the rate-limits table for ``seconds``. The
    database's and the client's costs together, as a function worker pays them; divided by the calls
    a vote makes, it bounds the votes per second."""
    assert cloud.stack is not None
    table = next(t.name for t in cloud.stack.tables if t.logical_id == "RateLimitsTable")
    made = [aws.client("dynamodb", cloud.dynamodb_url) for _ in range(clients)]
    counts: list[int] = []
    stop = 0.0

    def work(worker: int) -> None:
        client = made[worker]
        calls = 0
        while time.monotonic() < stop:
            key = {"pk": {"S": f"bench-probe#{worker}#{calls}"}}
            client.put_item(TableName=table, Item={**key, "expiresAt": {"N": "1"}})
            client.get_item(TableName=table, Key=key)
            calls += 2
        counts.append(calls)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(clients)]
    began = time.monotonic()
    stop = began + seconds
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.monotonic() - began)


def votes_load(clients: int = 8, votes: int = 2000, vote_calls: int | None = None) -> dict[str, Any]:
    """The load's figures; with ``vote_calls`` (a first vote's AWS calls in a warm function, measured
    on moto by the bench's cost section), the ceiling that rate puts on votes per second."""
    with tempfile.TemporaryDirectory(prefix="votes-load-") as logs, LocalCloud(port=0, log_dir=Path(logs)) as cloud:
        idea_id = _hot_idea(cloud)
        accepted, errors, seconds = _vote(cloud, idea_id, clients, votes)
        lag = _tally_lag(cloud, idea_id, accepted)
        counter_writes = _counter_writes(cloud, idea_id)
        database = _database_calls_per_second(cloud, clients)
    rate = accepted / seconds if seconds else 0.0
    return {
        "clients": clients,
        "votes": votes,
        "accepted": accepted,
        "errors": sum(errors.values()),
        **({"errors_by_status": errors} if errors else {}),
        "seconds": round(seconds, 2),
        "votes_per_second": round(rate, 1),
        "goal": f">= {VOTES_PER_SECOND_GOAL}",
        "met": "yes" if rate >= VOTES_PER_SECOND_GOAL else "no",
        "dynamodb_local_calls_per_second_from_python": round(database),
        # the vote's own calls at that rate, before the tally, the outbox and the
        # consumers take their share of the same database
        **({"ceiling_votes_per_second_request_calls_only": round(database / vote_calls, 1)} if vote_calls else {}),
        "tally_lag_seconds": round(lag, 2) if lag is not None else None,
        "counter_writes": counter_writes,
        "counter_writes_per_1000_votes": round(counter_writes * 1000 / accepted, 1) if accepted else None,
    }


def main() -> int:
    missing = missing_prerequisite()
    if missing:
        print(f"votes load skipped: {missing}")
        return 0
    print(json.dumps(votes_load(), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
