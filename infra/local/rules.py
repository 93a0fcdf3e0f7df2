"""EventBridge rules, SQS event sources, schedules and the event tap.

A rule whose target is a function gets, on moto's EventBridge, an SQS queue of its own as the
local target; a poller takes each event from there, completes the envelope as AWS sends it and
invokes the function (async invocation: failures retried twice). SQS event sources are polled and
invoked in batches, deleting only what did not fail. Schedules fire on their rate and on demand."""

from __future__ import annotations

import json
import logging
import re
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from infra.local.stack import QueueSourceSpec, RuleSpec, RuleTarget
from infra.local.template import ACCOUNT_ID, REGION
from infra.local.workers import Invocation

log = logging.getLogger("infra.local")

POLL_SECONDS = 0.2
LONG_POLL_SECONDS = 1  # stop() waits for at most this
ASYNC_ATTEMPTS = 3  # Lambda's asynchronous invocation: the first try and two retries
_RATE = re.compile(r"^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$")
_UNIT_SECONDS = {"minute": 60, "hour": 3600, "day": 86400}

Invoke = Callable[[str, dict[str, Any]], Invocation]


def _now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def complete_envelope(event: dict[str, Any]) -> dict[str, Any]:
    """An EventBridge event with every field AWS sends (Powertools' EventBridgeModel needs them)."""
    complete = {
        "version": "0",
        "id": str(uuid.uuid4()),
        "detail-type": "",
        "source": "",
        "account": ACCOUNT_ID,
        "time": _now_iso(),
        "region": REGION,
        "resources": [],
        "detail": {},
    }
    complete.update({key: value for key, value in event.items() if value not in (None, "")})
    complete.pop("ingestion-time", None)  # moto's own bookkeeping, not in AWS's events
    return complete


def rate_seconds(expression: str) -> float | None:
    """Seconds between firings of ``rate(...)``; None for cron (fired on demand only)."""
    match = _RATE.match(expression.strip())
    if not match:
        return None
    return int(match.group(1)) * _UNIT_SECONDS[match.group(2).rstrip("s")]


class QueuePoller(threading.Thread):
    """Receives from one queue and hands the messages to ``handle``, which returns the receipt
    handles to delete."""

    def __init__(
        self,
        name: str,
        sqs: Any,
        queue_url: str,
        handle: Callable[[list[dict[str, Any]]], list[str]],
        batch_size: int = 10,
    ) -> None:
        super().__init__(name=name, daemon=True)
        self.sqs = sqs
        self.queue_url = queue_url
        self._on_messages = handle
        self._batch = max(1, min(10, batch_size))
        self._stopping = threading.Event()

    def stop(self) -> None:
        self._stopping.set()

    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                asked = time.monotonic()
                messages = self.sqs.receive_message(
                    QueueUrl=self.queue_url,
                    MaxNumberOfMessages=self._batch,
                    MessageSystemAttributeNames=["All"],
                    MessageAttributeNames=["All"],
                    WaitTimeSeconds=LONG_POLL_SECONDS,  # moto wakes on a send: no idle requests, no lag
                ).get("Messages", [])
                if not messages:
                    if time.monotonic() - asked < POLL_SECONDS:  # answered at once: don't spin
                        self._stopping.wait(POLL_SECONDS)
                    continue
                done = self._on_messages(messages)
                for start in range(0, len(done), 10):
                    entries = [{"Id": str(i), "ReceiptHandle": h} for i, h in enumerate(done[start : start + 10])]
                    self.sqs.delete_message_batch(QueueUrl=self.queue_url, Entries=entries)
            except (BotoCoreError, ClientError) as exc:
                if not self._stopping.is_set():
                    log.warning("%s: polling failed (%s); retrying", self.name, exc)
                self._stopping.wait(1.0)


class EventTap:
    """Every event put on the template's buses, kept in memory for tests and humans."""

    def __init__(self, limit: int = 10_000) -> None:
        self._events: deque[dict[str, Any]] = deque(maxlen=limit)
        self._lock = threading.Lock()

    def take(self, messages: list[dict[str, Any]]) -> list[str]:
        with self._lock:
            for message in messages:
                try:
                    self._events.append(complete_envelope(json.loads(message["Body"])))
                except ValueError:
                    log.warning("event tap: not an event: %.200s", message["Body"])
        return [message["ReceiptHandle"] for message in messages]

    def events(self, detail_type: str | None = None, source: str | None = None) -> list[dict[str, Any]]:
        with self._lock:
            return [
                event
                for event in self._events
                if (detail_type is None or event.get("detail-type") == detail_type)
                and (source is None or event.get("source") == source)
            ]


class RuleDelivery:
    """Events matched by a rule, from its local queue to the target function."""

    def __init__(self, rule: RuleSpec, target: RuleTarget, invoke: Invoke) -> None:
        self.rule = rule
        self.target = target
        self._invoke = invoke

    def take(self, messages: list[dict[str, Any]]) -> list[str]:
        done = []
        for message in messages:
            try:
                event: Any = complete_envelope(json.loads(message["Body"]))
            except ValueError:
                done.append(message["ReceiptHandle"])
                continue
            if self.target.input is not None:
                event = json.loads(self.target.input)
            assert self.target.function_id is not None
            outcome = self._invoke(self.target.function_id, event)
            attempts = int((message.get("Attributes") or {}).get("ApproximateReceiveCount", "1"))
            if outcome.ok or attempts >= ASYNC_ATTEMPTS:
                if not outcome.ok:
                    log.error(
                        "%s -> %s: dropped an event after %d attempts: %s",
                        self.rule.logical_id,
                        self.target.function_id,
                        attempts,
                        (outcome.error or {}).get("errorMessage"),
                    )
                done.append(message["ReceiptHandle"])
        return done


class QueueSource:
    """An SQS event source mapping: batches in Lambda's SQS event shape, partial failures honoured."""

    def __init__(self, source: QueueSourceSpec, invoke: Invoke) -> None:
        self.source = source
        self._invoke = invoke

    def _record(self, message: dict[str, Any]) -> dict[str, Any]:
        attributes = {key: str(value) for key, value in (message.get("Attributes") or {}).items()}
        message_attributes = {}
        for name, value in (message.get("MessageAttributes") or {}).items():
            message_attributes[name] = {
                "stringValue": value.get("StringValue"),
                "binaryValue": value.get("BinaryValue"),
                "stringListValues": value.get("StringListValues", []),
                "binaryListValues": value.get("BinaryListValues", []),
                "dataType": value.get("DataType"),
            }
        return {
            "messageId": message["MessageId"],
            "receiptHandle": message["ReceiptHandle"],
            "body": message["Body"],
            "attributes": attributes,
            "messageAttributes": message_attributes,
            "md5OfBody": message.get("MD5OfBody", ""),
            "eventSource": "aws:sqs",
            "eventSourceARN": self.source.queue_arn,
            "awsRegion": REGION,
        }

    def take(self, messages: list[dict[str, Any]]) -> list[str]:
        records = [self._record(message) for message in messages]
        outcome = self._invoke(self.source.function_id, {"Records": records})
        if not outcome.ok:
            return []  # every message becomes visible again; the queue's redrive policy applies
        failures = outcome.payload.get("batchItemFailures") if isinstance(outcome.payload, dict) else None
        if not self.source.report_item_failures or not failures:
            return [record["receiptHandle"] for record in records]
        failed = {f.get("itemIdentifier") for f in failures if isinstance(f, dict)}
        if not failed <= {record["messageId"] for record in records}:
            return []  # an unknown identifier fails the whole batch, as in Lambda
        return [record["receiptHandle"] for record in records if record["messageId"] not in failed]


class Scheduler(threading.Thread):
    """Fires schedule rules on their rate; cron expressions only on demand."""

    def __init__(self, rules: list[RuleSpec], invoke: Invoke, send_to_queue: Callable[[str, str], None]) -> None:
        super().__init__(name="scheduler", daemon=True)
        self.rules = {rule.logical_id: rule for rule in rules if rule.schedule}
        self._invoke = invoke
        self._send = send_to_queue
        self._stopping = threading.Event()

    def stop(self) -> None:
        self._stopping.set()

    def fire(self, logical_id: str) -> dict[str, Any]:
        rule = self.rules[logical_id]  # KeyError: no such schedule
        event = complete_envelope(
            {
                "detail-type": "Scheduled Event",
                "source": "aws.events",
                "resources": [f"arn:aws:events:{REGION}:{ACCOUNT_ID}:rule/{rule.name}"],
            }
        )
        results = []
        for target in rule.targets:
            payload = event if target.input is None else json.loads(target.input)
            if target.function_id:
                outcome = self._invoke(target.function_id, payload)
                results.append({"target": target.target_id, "ok": outcome.ok, "error": outcome.error})
            elif target.queue_arn:
                self._send(target.queue_arn, json.dumps(payload))
                results.append({"target": target.target_id, "ok": True, "error": None})
        return {"schedule": logical_id, "eventId": event["id"], "targets": results}

    def run(self) -> None:
        due = {}
        for logical_id, rule in self.rules.items():
            interval = rate_seconds(rule.schedule or "")
            if rule.enabled and interval:
                due[logical_id] = (time.monotonic() + interval, interval)
        while due and not self._stopping.is_set():
            logical_id, (when, interval) = min(due.items(), key=lambda item: item[1][0])
            if self._stopping.wait(max(0.0, when - time.monotonic())):
                return
            try:
                self.fire(logical_id)
            except Exception:
                log.exception("schedule %s failed", logical_id)
            due[logical_id] = (time.monotonic() + interval, interval)
