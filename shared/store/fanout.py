"""The notifications queue as a port: fan-out batches of recipients, and webhook deliveries."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from shared.domain.inbox import Notice
from shared.store.inbox import notice_to_json

SEND_BATCH = 10  # SendMessageBatch takes 10 messages


class SqsFanOut:
    def __init__(self, client: Any, queue_url: str) -> None:
        self._client = client
        self._queue_url = queue_url

    def enqueue(self, notice: Notice, batches: Sequence[Sequence[str]], *, email_only: bool = False) -> None:
        """Every batch must go: a failed entry is raised, so the whole event is retried (the
        deliveries are idempotent, so batches sent twice write the same inbox items)."""
        body = {"deliver": notice_to_json(notice)} | ({"emailOnly": True} if email_only else {})
        self.send_many([{**body, "users": list(users)} for users in batches])

    def enqueue_audience_page(self, notice: Notice, challenge_id: str, position: tuple[int, Any]) -> None:
        status, key = position
        page = {"notice": notice_to_json(notice), "challengeId": challenge_id, "status": status, "key": key}
        self.send_many([{"audiencePage": page}])

    def send_many(self, bodies: Sequence[dict[str, Any]]) -> None:
        """Queue these messages, 10 per SendMessageBatch; any failed entry is raised."""
        entries = [{"Id": str(n), "MessageBody": json.dumps(body)} for n, body in enumerate(bodies)]
        for start in range(0, len(entries), SEND_BATCH):
            answer = self._client.send_message_batch(
                QueueUrl=self._queue_url, Entries=entries[start : start + SEND_BATCH]
            )
            if answer.get("Failed"):
                raise ConnectionError(f"fan-out messages not queued: {answer['Failed']}")


class SqsDeliveryQueue:
    """Webhook deliveries on the notifications queue (delayed retries), and its dead-letter queue."""

    def __init__(self, client: Any, queue_url: str, dead_letter_url: str) -> None:
        self._client = client
        self._queue_url = queue_url
        self._dead_letter_url = dead_letter_url

    def send(self, message: dict[str, Any], delay_seconds: int) -> None:
        self._client.send_message(
            QueueUrl=self._queue_url, MessageBody=json.dumps(message), DelaySeconds=max(0, min(900, delay_seconds))
        )

    def dead_letter(self, message: dict[str, Any]) -> None:
        self._client.send_message(QueueUrl=self._dead_letter_url, MessageBody=json.dumps(message))
