"""Nothing lost when the outside world fails: SES refusing to send and a webhook receiver answering
500 or timing out, with the notifications queue behaving as SQS does (a failed message becomes
visible again, past maxReceiveCount it moves to the DLQ). Everything arrives once after recovery,
and a poison message waits in the DLQ."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError

from infra.local.mail import sent_emails
from shared.services.ports.webhooks import DeliveryPorts
from shared.store.fanout import SqsDeliveryQueue
from tests.builders import LambdaContext, envelope, sqs_event
from tests.integration.conftest import SENDER, Api
from tests.integration.test_webhooks import Receiver

EVENT_TIME = datetime(2026, 11, 26, 12, tzinfo=UTC)  # the test events' time: retry windows start there

MAX_RECEIVES = 5


class NoWait:
    """The delivery queue with its backoff delays cut to zero (the test moves the clock instead)."""

    def __init__(self, queue: SqsDeliveryQueue) -> None:
        self.queue = queue

    def send(self, message: dict[str, Any], delay_seconds: int) -> None:
        self.queue.send(message, 0)

    def dead_letter(self, message: dict[str, Any]) -> None:
        self.queue.dead_letter(message)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver()
    yield found
    found.server.shutdown()


@pytest.fixture
def queues(notifications_api: Api, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str, list[datetime]]:
    sqs, settings = boto3.client("sqs"), notifications_api.module.wiring.settings
    dead_arn = sqs.get_queue_attributes(QueueUrl=settings.dead_letter_url, AttributeNames=["QueueArn"])
    policy = {"deadLetterTargetArn": dead_arn["Attributes"]["QueueArn"], "maxReceiveCount": str(MAX_RECEIVES)}
    sqs.set_queue_attributes(
        QueueUrl=settings.queue_url,
        Attributes={"VisibilityTimeout": "0", "RedrivePolicy": json.dumps(policy)},
    )
    wiring, now = notifications_api.module.wiring, [EVENT_TIME]
    real = SqsDeliveryQueue(sqs, settings.queue_url, settings.dead_letter_url)
    ports = DeliveryPorts(
        store=wiring.webhooks, poster=wiring.deliveries.poster, queue=NoWait(real), clock=lambda: now[0]
    )
    monkeypatch.setattr(wiring, "deliveries", ports)
    monkeypatch.setattr("shared.store.webhook_http.TIMEOUT_SECONDS", 0.3)
    return settings.queue_url, settings.dead_letter_url, now


def _pump(api: Api, url: str) -> int:
    """One poll of the queue through the function, as Lambda's event source mapping does: only
    the messages that did not fail are deleted. Returns how many failed."""
    sqs = boto3.client("sqs")
    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    records = [{**sqs_event({})["Records"][0], "messageId": m["MessageId"], "body": m["Body"]} for m in messages]
    failed = set()
    if records:
        try:
            answer = api.module.lambda_handler({"Records": records}, LambdaContext())
        except BatchProcessingError:  # every record failed: Lambda returns the whole batch to the queue
            answer = {"batchItemFailures": [{"itemIdentifier": r["messageId"]} for r in records]}
        failed = {f["itemIdentifier"] for f in answer["batchItemFailures"]}
    for message in messages:
        if message["MessageId"] not in failed:
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    return len(failed)


def _bodies(url: str) -> list[str]:
    messages = boto3.client("sqs").receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    return [m["Body"] for m in messages]


def test_ses_down_and_a_failing_webhook_lose_nothing(
    notifications_api: Api, receiver: Receiver, queues: tuple[str, str, list[datetime]]
) -> None:
    url, dead_url, now = queues
    ses = boto3.client("sesv2")
    notifications_api.call("GET", "/me/preferences", as_="participant")  # pat's address is known
    hook = notifications_api.call(
        "POST",
        "/brands/acme/webhooks",
        route="/brands/{brandId}/webhooks",
        as_="brand_admin",
        body={"url": receiver.url, "events": ["IdeaStatusChanged"]},
    ).json
    event = envelope(
        "IdeaStatusChanged",
        "idea-1",
        "ch-1",
        brandId="acme",
        authorId="user-pat",
        title="Refill stations",
        toStatus="accepted",
        changedBy="user-ada",
    )
    sqs = boto3.client("sqs")
    sqs.send_message(QueueUrl=url, MessageBody=json.dumps(event))
    sqs.send_message(QueueUrl=url, MessageBody='{"detail-type": "IdeaStatusChanged"')  # poison: not JSON
    ses.delete_email_identity(EmailIdentity=SENDER)  # SES refuses every email
    receiver.statuses = [500, 503]
    receiver.delays = [0.0, 1.0]  # the second try times out (the client waits 0.3 s)

    for _ in range(3):  # SES down: the event fails every time, the webhook fails twice
        _pump(notifications_api, url)
        now[0] += timedelta(hours=2)
    assert sent_emails() == []
    inbox = notifications_api.call("GET", "/me/notifications", as_="participant").json
    assert inbox["unreadCount"] == 1  # the inbox did not wait for SES (and the retries added nothing)

    ses.create_email_identity(EmailIdentity=SENDER)  # SES is back
    for _ in range(10):
        _pump(notifications_api, url)
        now[0] += timedelta(hours=2)

    assert [e["to"] for e in sent_emails()] == ["pat@example.com"]  # once, after recovery
    assert json.loads(receiver.received[-1][1])["id"] == "e1"
    path = f"/brands/acme/webhooks/{hook['webhookId']}/deliveries"
    attempts = notifications_api.call(
        "GET", path, route="/brands/{brandId}/webhooks/{webhookId}/deliveries", as_="brand_admin"
    ).json["items"]
    # One delivery, tried three times, though its event was handled four times (SES kept failing it).
    assert sorted((a["attempt"], a["status"]) for a in attempts) == [(1, 500), (2, None), (3, 200)]
    assert len(receiver.received) == 3
    assert _bodies(url) == []
    assert _bodies(dead_url) == ['{"detail-type": "IdeaStatusChanged"']  # the poison message, and only it
