"""DynamoDB stream event sources, delivered as Lambda's event source mapping does: shards read in
order (a parent shard before its children), batches up to BatchSize gathered within the batching
window, partial batch failures honoured, errors retried (bisecting the batch when asked), and what
is still failing after MaximumRetryAttempts sent to the on-failure queue."""

from __future__ import annotations

import base64
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from infra.local.stack import StreamSourceSpec
from infra.local.template import REGION
from infra.local.workers import Invocation

log = logging.getLogger("infra.local")

POLL_SECONDS = 0.1  # AWS polls a shard four times a second; a little faster here keeps e2e waits short
DESCRIBE_EVERY_SECONDS = 2.0
_RESTART_CODES = {"ExpiredIteratorException", "TrimmedDataAccessException"}


def _lambda_shape(value: Any) -> Any:
    """boto3 decodes what Lambda would pass as JSON: bytes back to base64, datetimes to epoch."""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, datetime):
        return int(value.timestamp())
    if isinstance(value, dict):
        return {key: _lambda_shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_lambda_shape(item) for item in value]
    return value


def lambda_record(raw: dict[str, Any], source_arn: str) -> dict[str, Any]:
    record: dict[str, Any] = {
        "eventID": raw["eventID"],
        "eventName": raw["eventName"],
        "eventVersion": raw.get("eventVersion", "1.1"),
        "eventSource": "aws:dynamodb",
        "awsRegion": REGION,
        "dynamodb": _lambda_shape(raw["dynamodb"]),
        "eventSourceARN": source_arn,
    }
    if raw.get("userIdentity"):
        record["userIdentity"] = raw["userIdentity"]
    return record


@dataclass
class _Shard:
    shard_id: str
    parent_id: str | None
    iterator: str | None = None
    last_sequence: str | None = None
    finished: bool = False


class StreamPoller(threading.Thread):
    def __init__(
        self,
        source: StreamSourceSpec,
        backend_stream_arn: str,
        function_arn: str,
        invoke: Callable[[dict[str, Any]], Invocation],
        streams_client: Any,
        send_to_failure_queue: Callable[[str], None] | None,
    ) -> None:
        super().__init__(name=f"stream-{source.function_id}-{source.event_name}", daemon=True)
        self.source = source
        self.backend_arn = backend_stream_arn
        self.function_arn = function_arn
        self._invoke = invoke
        self._streams = streams_client
        self._send_failure = send_to_failure_queue
        self._stopping = threading.Event()
        self._shards: dict[str, _Shard] = {}
        self._described_at = 0.0
        self._first_describe = True
        self.delivered_batches = 0

    def stop(self) -> None:
        self._stopping.set()

    # ------------------------------------------------------------------ shards
    def _describe(self) -> None:
        start: str | None = None
        while True:
            arguments: dict[str, Any] = {"StreamArn": self.backend_arn}
            if start:
                arguments["ExclusiveStartShardId"] = start
            description = self._streams.describe_stream(**arguments)["StreamDescription"]
            for shard in description.get("Shards", []):
                if shard["ShardId"] not in self._shards:
                    self._shards[shard["ShardId"]] = _Shard(shard["ShardId"], shard.get("ParentShardId"))
            start = description.get("LastEvaluatedShardId")
            if not start:
                break
        self._described_at = time.monotonic()

    def _iterator(self, shard: _Shard) -> str:
        if shard.last_sequence:
            kind, extra = "AFTER_SEQUENCE_NUMBER", {"SequenceNumber": shard.last_sequence}
        elif self._first_describe and self.source.starting_position == "LATEST":
            kind, extra = "LATEST", {}
        else:
            kind, extra = "TRIM_HORIZON", {}
        answer = self._streams.get_shard_iterator(
            StreamArn=self.backend_arn, ShardId=shard.shard_id, ShardIteratorType=kind, **extra
        )
        return str(answer["ShardIterator"])

    def _ready_shards(self) -> list[_Shard]:
        ready = []
        for shard in self._shards.values():
            parent = self._shards.get(shard.parent_id) if shard.parent_id else None
            if not shard.finished and (parent is None or parent.finished):
                ready.append(shard)
        return ready

    def _read(self, shard: _Shard, limit: int) -> list[dict[str, Any]]:
        if shard.iterator is None:
            shard.iterator = self._iterator(shard)
        try:
            answer = self._streams.get_records(ShardIterator=shard.iterator, Limit=limit)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in _RESTART_CODES:
                shard.iterator = None
                return []
            raise
        records: list[dict[str, Any]] = answer.get("Records", [])
        if records:
            shard.last_sequence = records[-1]["dynamodb"]["SequenceNumber"]
        shard.iterator = answer.get("NextShardIterator")
        if shard.iterator is None:
            shard.finished = True  # a closed shard, read to its end
        return records

    def _gather(self, shard: _Shard) -> list[dict[str, Any]]:
        """Up to BatchSize records, waiting up to the batching window once the first arrives."""
        batch = self._read(shard, self.source.batch_size)
        if not batch:
            return []
        deadline = time.monotonic() + self.source.batching_window
        while len(batch) < self.source.batch_size and not shard.finished and time.monotonic() < deadline:
            if self._stopping.wait(min(POLL_SECONDS, max(0.0, deadline - time.monotonic()))):
                break
            batch += self._read(shard, self.source.batch_size - len(batch))
        return batch

    # ------------------------------------------------------------------ the loop
    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                if time.monotonic() - self._described_at > DESCRIBE_EVERY_SECONDS:
                    self._describe()
                progressed = False
                for shard in self._ready_shards():
                    batch = self._gather(shard)
                    if batch:
                        progressed = True
                        self._deliver(shard.shard_id, [lambda_record(r, self.source.stream_arn) for r in batch])
                self._first_describe = False
                if not progressed:
                    self._stopping.wait(POLL_SECONDS)
            except (BotoCoreError, ClientError) as exc:
                if not self._stopping.is_set():
                    log.warning("%s: reading the stream failed (%s); retrying", self.name, exc)
                self._stopping.wait(1.0)

    # ------------------------------------------------------------------ delivery and retries
    def _attempt(self, batch: list[dict[str, Any]]) -> tuple[int | None, Invocation]:
        """Invoke once; returns the index from which the batch must be retried (None: done)."""
        outcome = self._invoke({"Records": batch})
        if not outcome.ok:
            return 0, outcome
        if not self.source.report_item_failures or not isinstance(outcome.payload, dict):
            return None, outcome
        failures = outcome.payload.get("batchItemFailures") or []
        if not failures:
            return None, outcome
        positions = {record["dynamodb"]["SequenceNumber"]: index for index, record in enumerate(batch)}
        indexes = []
        for failure in failures:
            identifier = failure.get("itemIdentifier") if isinstance(failure, dict) else None
            if identifier not in positions:
                return 0, outcome  # an unknown or empty identifier fails the whole batch, as in Lambda
            indexes.append(positions[identifier])
        return min(indexes), outcome

    def _deliver(self, shard_id: str, records: list[dict[str, Any]]) -> None:
        pending: list[tuple[list[dict[str, Any]], int]] = [(records, 0)]
        while pending and not self._stopping.is_set():
            batch, retries = pending.pop(0)
            failed_from, outcome = self._attempt(batch)
            self.delivered_batches += 1
            if failed_from is None:
                continue
            remaining = batch[failed_from:]
            if 0 <= self.source.max_retries <= retries:
                self._give_up(shard_id, remaining, retries + 1, outcome)
                continue
            if not outcome.ok and self.source.bisect_on_error and len(remaining) > 1:
                middle = len(remaining) // 2
                pending[:0] = [(remaining[:middle], retries + 1), (remaining[middle:], retries + 1)]
            else:
                pending.insert(0, (remaining, retries + 1))
            self._stopping.wait(min(2.0, 0.1 * 2**retries))

    def _give_up(self, shard_id: str, records: list[dict[str, Any]], invocations: int, outcome: Invocation) -> None:
        log.error(
            "%s: %d record(s) failed %d times; sending them to the on-failure destination",
            self.name,
            len(records),
            invocations,
        )
        if self._send_failure is None:
            return
        arrivals = [r["dynamodb"].get("ApproximateCreationDateTime", 0) for r in records]

        def iso(epoch: float) -> str:
            return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")

        document = {
            "requestContext": {
                "requestId": str(uuid.uuid4()),
                "functionArn": self.function_arn,
                "condition": "RetryAttemptsExhausted",
                "approximateInvokeCount": invocations,
            },
            "responseContext": {
                "statusCode": 200,
                "executedVersion": "$LATEST",
                **({"functionError": "Unhandled"} if not outcome.ok else {}),
            },
            "version": "1.0",
            "timestamp": iso(time.time()),
            "DDBStreamBatchInfo": {
                "shardId": shard_id,
                "startSequenceNumber": records[0]["dynamodb"]["SequenceNumber"],
                "endSequenceNumber": records[-1]["dynamodb"]["SequenceNumber"],
                "approximateArrivalOfFirstRecord": iso(min(arrivals)),
                "approximateArrivalOfLastRecord": iso(max(arrivals)),
                "batchSize": len(records),
                "streamArn": self.source.stream_arn,
            },
            # Lambda sends only the batch's coordinates; locally the records themselves are
            # added, since the in-memory stream cannot be read again by a human later.
            "Records": records,
        }
        try:
            self._send_failure(json.dumps(document))
        except (BotoCoreError, ClientError):
            log.exception("%s: could not send to the on-failure destination", self.name)
