"""EventBridge adapter of the EventPublisher port: PutEvents in chunks of 10, in order, failed
entries retried with backoff. The first chunk that cannot be sent entirely (entries still failing,
or PutEvents raising once botocore's own retries are spent: throttling, a 5xx, a timeout) ends the
send: its unsent events and every later one are returned, so the caller reports them and a stream
retry (which starts at the first failed record anyway) sends them once, in order."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from typing import Any

from botocore.exceptions import BotoCoreError, ClientError

from shared.events import DomainEvent
from shared.observability import logger

CHUNK = 10  # PutEvents accepts at most 10 entries per call


class EventBridgePublisher:
    def __init__(
        self, client: Any, bus_name: str, attempts: int = 3, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self._client = client
        self._bus = bus_name
        self._attempts = attempts
        self._sleep = sleep

    def _entry(self, event: DomainEvent) -> dict[str, Any]:
        return {
            "EventBusName": self._bus,
            "Source": event.SOURCE,
            "DetailType": event.detail_type(),
            "Detail": json.dumps(event.detail(), separators=(",", ":")),
            "Time": event.occurred_at,
        }

    def publish(self, events: Sequence[DomainEvent]) -> set[str]:
        for start in range(0, len(events), CHUNK):
            failed = self._publish_chunk(list(events[start : start + CHUNK]))
            if failed:
                return failed | {event.event_id for event in events[start + CHUNK :]}
        return set()

    def _publish_chunk(self, pending: list[DomainEvent]) -> set[str]:
        for attempt in range(self._attempts):
            if attempt:
                self._sleep(0.1 * 2**attempt)
            try:
                answer = self._client.put_events(Entries=[self._entry(event) for event in pending])
            except (ClientError, BotoCoreError) as exc:  # botocore retried already; a timeout may have sent them
                code = exc.response.get("Error", {}).get("Code") if isinstance(exc, ClientError) else type(exc).__name__
                logger.warning("PutEvents failed", extra={"events": len(pending), "error": code})
                return {event.event_id for event in pending}
            if not answer.get("FailedEntryCount"):
                return set()
            results = answer.get("Entries") or []
            if len(results) != len(pending):
                continue  # an answer that does not say which entries failed: resend the chunk
            retry = [event for event, result in zip(pending, results, strict=True) if result.get("ErrorCode")]
            if not retry:
                return set()
            logger.warning(
                "PutEvents entries failed",
                extra={
                    "failed": len(retry),
                    "attempt": attempt + 1,
                    "codes": sorted({r.get("ErrorCode") for r in results if r.get("ErrorCode")}),
                },
            )
            pending = retry
        return {event.event_id for event in pending}
