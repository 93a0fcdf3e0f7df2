"""Runs of a consumer on moto as Lambda's event source mappings deliver, from a saved state, with a
fault injected (tests/faults.py): the harness of tests/integration/test_consumer_faults.py.

A run restores the tables to the scenario's saved state, cold-starts the function (its modules
reloaded, so its clients are hooked and no cache survives), and delivers the batch until nothing
comes back: a stream batch from its first failed record on (Lambda's checkpoint), a queue's
messages not deleted, and after a crash the whole batch, into a new sandbox."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError
from boto3.dynamodb.types import TypeDeserializer

from tests.builders import LambdaContext
from tests.faults import Fault, FaultInjector, LambdaCrash, stream_redelivery
from tests.integration.conftest import TABLE_NAMES

MAX_DELIVERIES = 12  # invocations until a run must have settled
T0 = datetime(2026, 11, 26, 12, tzinfo=UTC)  # the events' time
_deserializer = TypeDeserializer()


# -- the cloud's state: saved once, restored before every run, compared after it -----------------


class Tables:
    """The items of some of the stack's tables (logical names, e.g. ``VotesTable``): saved, restored,
    read back (tests may Scan; request paths never do)."""

    def __init__(self, *names: str) -> None:
        self.client = boto3.client("dynamodb")
        self.names = {name: TABLE_NAMES[name] for name in names}
        self._keys: dict[str, list[str]] = {}

    def _key(self, table: str, item: dict[str, Any]) -> dict[str, Any]:
        if table not in self._keys:
            schema = self.client.describe_table(TableName=table)["Table"]["KeySchema"]
            self._keys[table] = [key["AttributeName"] for key in schema]
        return {name: item[name] for name in self._keys[table]}

    def _scan(self, table: str) -> list[dict[str, Any]]:
        found, request = [], {"TableName": table}
        while True:
            answer = self.client.scan(**request)
            found += answer["Items"]
            if "LastEvaluatedKey" not in answer:
                return found
            request["ExclusiveStartKey"] = answer["LastEvaluatedKey"]

    def save(self) -> dict[str, list[dict[str, Any]]]:
        return {table: self._scan(table) for table in self.names.values()}

    def restore(self, saved: dict[str, list[dict[str, Any]]]) -> None:
        """Back to ``saved``: only what differs is deleted or written again."""
        for table, items in saved.items():
            wanted = {json.dumps(self._key(table, item), sort_keys=True): item for item in items}
            for item in self._scan(table):
                target = wanted.pop(json.dumps(self._key(table, item), sort_keys=True), None)
                if target is None:
                    self.client.delete_item(TableName=table, Key=self._key(table, item))
                elif target != item:
                    self.client.put_item(TableName=table, Item=target)
            for item in wanted.values():
                self.client.put_item(TableName=table, Item=item)
        _forget_stream_records()

    def items(self, name: str) -> list[dict[str, Any]]:
        """A table's items, deserialized, in key order."""
        found = [{k: _deserializer.deserialize(v) for k, v in item.items()} for item in self._scan(self.names[name])]
        return sorted(found, key=lambda item: (str(item["pk"]), str(item.get("sk", ""))))


def _forget_stream_records() -> None:
    """moto copies a whole table, its stream records too, for every transaction: without this each
    run would be slower than the last. (The scenarios build their stream records themselves.)"""
    from moto.dynamodb.models import dynamodb_backends  # noqa: PLC0415 - moto's in-process tables

    for regions in dynamodb_backends.values():
        for backend in regions.values():
            for table in backend.tables.values():
                if table.stream_shard is not None:
                    table.stream_shard.items.clear()


def forget_emails() -> None:
    from moto.ses.models import ses_backends  # noqa: PLC0415 - moto's in-process SES keeps what it sent

    for regions in ses_backends.values():
        for backend in regions.values():
            backend.sent_messages.clear()


# -- event sources, as Lambda's event source mappings deliver ------------------------------------


class Stream:
    """A DynamoDB stream batch: a partial failure is retried from its first failed record (Lambda's
    checkpoint), a crashed invocation's whole batch is delivered again."""

    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.records = records
        self.pending: list[dict[str, Any]] = []

    def reset(self) -> None:
        self.pending = list(self.records)

    def next_batch(self) -> list[dict[str, Any]]:
        return self.pending

    @staticmethod
    def item_id(record: dict[str, Any]) -> str:
        return str(record["dynamodb"]["SequenceNumber"])

    def settle(self, batch: list[dict[str, Any]], answer: dict[str, Any] | None) -> None:
        if answer is not None:  # after a crash the whole batch comes back
            self.pending = stream_redelivery(batch, answer)


class Queue:
    """An SQS queue: the messages an invocation did not report failed are deleted, the others (all
    of them after a crash) are received again (a visibility timeout of 0 stands for the wait)."""

    def __init__(self, url: str, bodies: list[dict[str, Any]]) -> None:
        self.url, self.bodies = url, bodies
        self.sqs = boto3.client("sqs")
        self.sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "0"})

    def reset(self) -> None:
        while messages := self.sqs.receive_message(QueueUrl=self.url, MaxNumberOfMessages=10).get("Messages", []):
            for message in messages:  # PurgeQueue is allowed once a minute
                self.sqs.delete_message(QueueUrl=self.url, ReceiptHandle=message["ReceiptHandle"])
        for body in self.bodies:
            self.sqs.send_message(QueueUrl=self.url, MessageBody=json.dumps(body))

    def next_batch(self) -> list[dict[str, Any]]:
        messages = self.sqs.receive_message(QueueUrl=self.url, MaxNumberOfMessages=10).get("Messages", [])
        arn = "arn:aws:sqs:us-east-1:123456789012:" + self.url.rsplit("/", 1)[-1]
        return [
            {
                "messageId": message["MessageId"],
                "receiptHandle": message["ReceiptHandle"],
                "body": message["Body"],
                "attributes": {"ApproximateReceiveCount": "1"},
                "messageAttributes": {},
                "md5OfBody": message["MD5OfBody"],
                "eventSource": "aws:sqs",
                "eventSourceARN": arn,
                "awsRegion": "us-east-1",
            }
            for message in messages
        ]

    @staticmethod
    def item_id(record: dict[str, Any]) -> str:
        return str(record["messageId"])

    def settle(self, batch: list[dict[str, Any]], answer: dict[str, Any] | None) -> None:
        if answer is None:
            return  # a crash: nothing deleted, the whole batch comes back
        failed = {failure["itemIdentifier"] for failure in answer["batchItemFailures"]}
        for record in batch:
            if record["messageId"] not in failed:
                self.sqs.delete_message(QueueUrl=self.url, ReceiptHandle=record["receiptHandle"])


# -- scenarios ------------------------------------------------------------------------------------


class FakeClock:
    """Starts at the events' time; each delivery comes a visibility timeout (6 minutes) later."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now

    def tick(self) -> None:
        self.now += timedelta(seconds=360)


@dataclass
class Run:
    state: Any
    calls: list[str]  # every call of the run ("service.Operation")
    fired: str | None  # the call that failed
    answer: dict[str, Any] | None  # the answer of the invocation the fault hit; None when it crashed
    failures: int = 0  # items reported failed (or crashed) over the whole run


@dataclass
class Scenario:
    """A consumer, its saved starting state and its batch."""

    modules: tuple[str, ...]  # reloaded in this order for a cold start; the last has lambda_handler
    source: Stream | Queue
    tables: Tables  # those the consumer reads and writes: saved as they are now, restored before each run
    state: Callable[[], Any]  # what a run left, as the test compares it
    clock: FakeClock | None = None
    prepare: Callable[[Any], None] = lambda module: None  # after a cold start: the test clock
    saved: dict[str, list[dict[str, Any]]] = field(init=False)

    def __post_init__(self) -> None:
        self.saved = self.tables.save()

    def cold_start(self) -> Callable[[dict[str, Any], Any], dict[str, Any]]:
        module: Any = None
        for name in self.modules:
            module = importlib.reload(importlib.import_module(name))
        self.prepare(module)
        return module.lambda_handler  # type: ignore[no-any-return]

    def run(self, faults: FaultInjector, fault: Fault | None = None) -> Run:
        """Deliver the batch, the fault armed over every invocation (it fires once), until settled."""
        self.tables.restore(self.saved)
        forget_emails()
        self.source.reset()
        if self.clock is not None:
            self.clock.now = T0
        run, invocations = Run(None, [], None, None), 0
        with faults.inject(fault):
            handler = self.cold_start()
            while batch := self.source.next_batch():
                invocations += 1
                assert invocations <= MAX_DELIVERIES, f"{fault}: the batch never settled"
                hit = faults.fired is None
                try:
                    answer: dict[str, Any] | None = handler({"Records": batch}, LambdaContext())
                except LambdaCrash:
                    answer = None
                except BatchProcessingError:  # every record failed: Powertools raises, all come back
                    answer = {"batchItemFailures": [{"itemIdentifier": self.source.item_id(r)} for r in batch]}
                if hit and faults.fired is not None:
                    run.fired, run.answer = faults.fired, answer
                run.failures += len(batch) if answer is None else len(answer["batchItemFailures"])
                self.source.settle(batch, answer)
                if answer is None:  # Lambda starts a new sandbox for the retry
                    faults.restart()
                    handler = self.cold_start()
                if self.clock is not None:
                    self.clock.tick()
            run.calls = list(faults.calls)
        run.state = self.state()
        return run


def without(item: dict[str, Any], *names: str) -> dict[str, Any]:
    return {key: value for key, value in item.items() if key not in names}


def untimed(item: dict[str, Any]) -> dict[str, Any]:
    """The item without the times of its writes: a retried step happens later than in the clean
    run; what it wrote must be the same (versions and counts stay in)."""
    item = without(item, "updatedAt", "queuedAt", "since", "claimedAt", "settledAt")
    if "qsk" in item:  # the moderation queue's sort key: <queuedAt>#<target>
        item["qsk"] = str(item["qsk"]).split("#", 1)[1]
    if "history" in item:
        item["history"] = [without(change, "at") for change in item["history"]]
    if item.get("type") in {"SentEmail", "DigestEntry", "DigestDay"}:  # expiry counted from the send or collection
        item = without(item, "expiresAt", "detail")  # detail: SES's message id
    return item
