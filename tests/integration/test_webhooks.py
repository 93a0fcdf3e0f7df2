"""Brand webhooks under moto with a real receiver on loopback: registration with the SSRF guard,
a signed delivery for a threshold predicate, a retry after a 500, every attempt logged, a replay."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from shared.domain.webhooks import SIGNATURE_HEADER, verify
from shared.services.ports.webhooks import DeliveryPorts
from tests.builders import LambdaContext, envelope, sqs_event
from tests.integration.conftest import Api

EVENT_TIME = datetime(2026, 11, 26, 12, tzinfo=UTC)  # the test events' time: retry windows start there

HOOKS = "/brands/{brandId}/webhooks"


class Receiver:
    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.statuses: list[int] = []
        self.delays: list[float] = []  # seconds before answering, one per request (a slow receiver)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                if receiver.delays:
                    time.sleep(receiver.delays.pop(0))
                self.send_response(status)
                self.end_headers()

            def log_message(self, *_: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/cocreate"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    found = Receiver()
    yield found
    found.server.shutdown()


def _register(api: Api, url: str, **extra: Any) -> Any:
    body = {"url": url, "events": ["IdeaMilestoneReached"], **extra}
    return api.call("POST", "/brands/acme/webhooks", route=HOOKS, as_="brand_admin", body=body)


@pytest.mark.parametrize(
    "url",
    ["http://10.0.0.5/hook", "http://169.254.169.254/latest/meta-data", "http://[::1]:8080/x", "ftp://example.com/x"],
)
def test_private_and_metadata_targets_are_refused(
    notifications_api: Api, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if "[::1]" in url:  # loopback is allowed only in local mode
        monkeypatch.setattr(notifications_api.module.wiring, "allow_loopback", False)

    answer = _register(notifications_api, url)

    assert answer.status == 422, answer.body
    assert answer.json["errors"][0]["field"] == "url"


def test_registration_shows_the_secret_once_and_checks_the_filter(notifications_api: Api, receiver: Receiver) -> None:
    created = _register(notifications_api, receiver.url, filter=["supporters >= 2"])
    bad_filter = _register(notifications_api, receiver.url, filter=["votes.nope >= 2"])
    listed = notifications_api.call("GET", "/brands/acme/webhooks", route=HOOKS, as_="brand_admin")

    assert created.status == 201, created.body
    assert created.json["secret"].startswith("whsec_")
    assert bad_filter.status == 422
    assert [h["secret"] for h in listed.json["items"]] == [None]


class FakeQueue:
    """The delivery queue, in memory, with the delays it was asked for."""

    def __init__(self) -> None:
        self.messages: list[tuple[dict[str, Any], int]] = []
        self.dead: list[dict[str, Any]] = []

    def send(self, message: dict[str, Any], delay_seconds: int) -> None:
        self.messages.append((message, delay_seconds))

    def dead_letter(self, message: dict[str, Any]) -> None:
        self.dead.append(message)


@pytest.fixture
def queue(notifications_api: Api, monkeypatch: pytest.MonkeyPatch) -> tuple[FakeQueue, list[datetime]]:
    wiring = notifications_api.module.wiring
    fake, now = FakeQueue(), [EVENT_TIME]
    ports = DeliveryPorts(store=wiring.webhooks, poster=wiring.deliveries.poster, queue=fake, clock=lambda: now[0])
    monkeypatch.setattr(wiring, "deliveries", ports)
    return fake, now


def _run(api: Api, queue: FakeQueue) -> None:
    """Run what is queued through the function, as SQS would deliver it."""
    pending, queue.messages = queue.messages, []
    records = [
        {**sqs_event({})["Records"][0], "messageId": f"m{n}", "body": json.dumps(m)} for n, (m, _) in enumerate(pending)
    ]
    api.module.lambda_handler({"Records": records}, LambdaContext())


def _metrics(capsys: pytest.CaptureFixture[str]) -> dict[str, float]:
    """The EMF metrics the function printed since the last call, summed by name."""
    totals: dict[str, float] = {}
    for line in capsys.readouterr().out.splitlines():
        if line.startswith("{") and '"_aws"' in line:
            document = json.loads(line)
            for directive in document["_aws"]["CloudWatchMetrics"]:
                for metric in directive["Metrics"]:
                    name, values = metric["Name"], document[metric["Name"]]
                    totals[name] = totals.get(name, 0) + sum(values if isinstance(values, list) else [values])
    return totals


def test_a_threshold_delivery_is_signed_retried_after_a_500_logged_and_replayable(
    notifications_api: Api,
    receiver: Receiver,
    queue: tuple[FakeQueue, list[datetime]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake, now = queue
    hook = _register(notifications_api, receiver.url, filter=["supporters >= 2"]).json
    receiver.statuses = [500]
    below = envelope("IdeaMilestoneReached", "idea-1", "ch-1", brandId="acme", rung=1, supporters=1, final=False)
    above = envelope("IdeaMilestoneReached", "idea-1", "ch-1", brandId="acme", rung=2, supporters=5, final=False)
    above["detail"]["eventId"] = "evt-above"

    notifications_api.module.lambda_handler(sqs_event(below, above), LambdaContext())
    assert len(fake.messages) == 1  # only the event past the threshold
    _metrics(capsys)
    _run(notifications_api, fake)  # the first try: 500, a retry queued with a backoff delay
    counted = _metrics(capsys)
    assert (counted.get("WebhookAttempts"), counted.get("WebhookFailures")) == (1, 1)
    [(retry, delay)] = fake.messages
    assert 0 <= delay <= 900
    assert retry["webhook"]["attempt"] == 2
    now[0] += timedelta(hours=1)  # past the retry's time
    _run(notifications_api, fake)
    delivered = _metrics(capsys)
    assert (delivered.get("WebhookAttempts"), delivered.get("WebhookFailures")) == (1, None)

    assert len(receiver.received) == 2  # the 500, then the success; nothing for the event below the threshold
    headers, body = receiver.received[-1]
    assert verify(hook["secret"], body, headers[SIGNATURE_HEADER], now=int(now[0].timestamp()))
    assert json.loads(body)["data"]["supporters"] == 5
    path = f"/brands/acme/webhooks/{hook['webhookId']}/deliveries"
    attempts = notifications_api.call("GET", path, route=HOOKS + "/{webhookId}/deliveries", as_="brand_admin").json
    assert [(a["attempt"], a["status"]) for a in attempts["items"]] == [(2, 200), (1, 500)]

    replayed = notifications_api.call(
        "POST",
        f"{path}/evt-above/replay",
        route=HOOKS + "/{webhookId}/deliveries/{deliveryId}/replay",
        as_="brand_admin",
    )
    _run(notifications_api, fake)
    assert replayed.status == 202
    assert len(receiver.received) == 3


def test_a_try_received_twice_posts_once_and_an_older_copy_never(
    notifications_api: Api, receiver: Receiver, queue: tuple[FakeQueue, list[datetime]]
) -> None:
    fake, now = queue
    hook = _register(notifications_api, receiver.url).json
    receiver.statuses = [500, 500]
    event = envelope("IdeaMilestoneReached", "idea-1", "ch-1", brandId="acme", rung=1, supporters=5, final=False)
    notifications_api.module.lambda_handler(sqs_event(event), LambdaContext())
    [(first, _)] = fake.messages

    fake.messages = [(first, 0), (first, 0)]  # SQS hands the same message over twice
    _run(notifications_api, fake)
    assert len(receiver.received) == 1
    [(second, _)] = fake.messages  # one retry queued, not two
    assert second["webhook"]["attempt"] == 2

    now[0] += timedelta(hours=1)
    fake.messages = [(second, 0)]
    _run(notifications_api, fake)  # the second try: 500 again, the third queued
    assert len(receiver.received) == 2
    [(third, _)] = fake.messages
    fake.messages = [(first, 0)]  # a late copy of the first try, its lease long over
    _run(notifications_api, fake)
    assert (len(receiver.received), fake.messages) == (2, [])

    fake.messages = [(third, 0)]
    now[0] += timedelta(hours=2)
    _run(notifications_api, fake)  # delivered
    fake.messages = [(third, 0)]
    now[0] += timedelta(hours=1)
    _run(notifications_api, fake)  # a copy after the success: the receiver has it
    assert len(receiver.received) == 3
    path = f"/brands/acme/webhooks/{hook['webhookId']}/deliveries"
    attempts = notifications_api.call("GET", path, route=HOOKS + "/{webhookId}/deliveries", as_="brand_admin").json
    assert [(a["attempt"], a["status"]) for a in attempts["items"]] == [(3, 200), (2, 500), (1, 500)]


def test_a_try_whose_taker_died_is_taken_again_after_its_lease(
    notifications_api: Api, receiver: Receiver, queue: tuple[FakeQueue, list[datetime]]
) -> None:
    fake, now = queue
    _register(notifications_api, receiver.url)
    event = envelope("IdeaMilestoneReached", "idea-1", "ch-1", brandId="acme", rung=1, supporters=5, final=False)
    notifications_api.module.lambda_handler(sqs_event(event), LambdaContext())
    [(message, _)] = fake.messages
    job = message["webhook"]
    store = notifications_api.module.wiring.webhooks
    assert store.claim_try(job["webhookId"], job["deliveryId"], 1, now[0], 120)  # taken, then the taker died

    _run(notifications_api, fake)  # its redelivery inside the lease: still the dead taker's
    assert receiver.received == []
    fake.messages = [(message, 0)]
    now[0] += timedelta(seconds=121)  # SQS redelivers after its 360 s visibility timeout
    _run(notifications_api, fake)
    assert len(receiver.received) == 1
    assert store.delivery_state(job["webhookId"], job["deliveryId"]) == "delivered"


def test_a_delivery_failing_for_a_day_is_dead_lettered(
    notifications_api: Api, receiver: Receiver, queue: tuple[FakeQueue, list[datetime]]
) -> None:
    fake, now = queue
    _register(notifications_api, receiver.url)
    receiver.statuses = [500] * 200
    event = envelope("IdeaMilestoneReached", "idea-1", "ch-1", brandId="acme", rung=1, supporters=5, final=False)
    notifications_api.module.lambda_handler(sqs_event(event), LambdaContext())

    tries = 0
    while fake.messages and tries < 200:
        now[0] += timedelta(hours=2)
        _run(notifications_api, fake)
        tries += 1

    assert len(fake.dead) == 1  # no notification lost: it waits in the dead-letter queue for a replay
    assert 2 <= len(receiver.received) <= 14  # two-hour steps over 24 hours
    tried = len(receiver.received)
    receiver.statuses = []
    fake.messages = [(fake.dead[0], 0)]  # redriven at once: its try is no longer leased
    _run(notifications_api, fake)
    assert len(receiver.received) == tried + 1


def _votes_changed(event_id: str, before: int, after: int, challenge_id: str = "ch-1") -> dict[str, Any]:
    event = envelope(
        "IdeaVotesChanged",
        "idea-1",
        challenge_id,
        brandId="acme",
        authorId="user-pat",
        title="Refill stations",
        status="published",
        votes={"up": after, "down": 0, "score": after},
        previousVotes={"up": before, "down": 0, "score": before},
    )
    event["detail"]["eventId"] = event_id
    return event


def test_a_vote_threshold_fires_once_when_crossed(
    notifications_api: Api, receiver: Receiver, queue: tuple[FakeQueue, list[datetime]]
) -> None:
    fake, _ = queue
    filter_ = ["challengeId = ch-1", "votes.score >= 50"]  # "tell me when an idea passes 50 votes"
    hook = _register(notifications_api, receiver.url, events=["IdeaVotesChanged"], filter=filter_)
    assert hook.status == 201, hook.body
    batches = [(40, 49), (49, 53), (53, 60), (60, 48), (48, 50)]  # the tally counts votes in batches
    events = [_votes_changed(f"evt-{n}", before, after) for n, (before, after) in enumerate(batches)]
    other = _votes_changed("evt-other", 40, 80, challenge_id="ch-2")

    notifications_api.module.lambda_handler(sqs_event(*events, other), LambdaContext())
    notifications_api.module.lambda_handler(sqs_event(*events), LambdaContext())  # a redelivery
    _run(notifications_api, fake)

    delivered = [json.loads(body)["data"] for _, body in receiver.received]
    assert [(d["previousVotes"]["score"], d["votes"]["score"]) for d in delivered] == [(49, 53), (48, 50)]


@pytest.mark.parametrize(
    ("events", "clause"),
    [(["IdeaVotesChanged"], "votes.up > 100"), (["IdeaStatusChanged"], "votes.score >= 50")],
)
def test_vote_fields_are_accepted_where_the_event_carries_counts(
    notifications_api: Api, receiver: Receiver, events: list[str], clause: str
) -> None:
    assert _register(notifications_api, receiver.url, events=events, filter=[clause]).status == 201
    refused = _register(notifications_api, receiver.url, events=["IdeaPublished"], filter=[clause])
    assert refused.status == 422
    assert refused.json["errors"][0]["field"] == "filter"


def test_a_brands_crm_hears_of_poor_reviews_of_what_it_shipped(
    notifications_api: Api, receiver: Receiver, queue: tuple[FakeQueue, list[datetime]]
) -> None:
    """The after-sales loop's webhook (decision 65): IdeaReviewed, filtered on the rating."""
    fake, _ = queue
    hook = _register(notifications_api, receiver.url, events=["IdeaReviewed"], filter=["rating <= 2"])
    assert hook.status == 201, hook.body
    reviews = [
        envelope("IdeaReviewed", "idea-1", "ch-1", brandId=brand, eventId=f"evt-{n}", reviewId=f"r-{n}",
                 reviewerId="user-oscar", rating=rating, previousRating=None, body=f"Review {n}")
        for n, (brand, rating) in enumerate([("acme", 5), ("acme", 1), ("globex", 1)])
    ]  # fmt: skip

    notifications_api.module.lambda_handler(sqs_event(*reviews), LambdaContext())
    _run(notifications_api, fake)

    [(headers, body)] = receiver.received  # not the good review, not another brand's
    assert verify(hook.json["secret"], body, headers[SIGNATURE_HEADER], now=int(EVENT_TIME.timestamp()))
    delivered = json.loads(body)
    assert (delivered["type"], delivered["data"]["reviewId"], delivered["data"]["rating"]) == ("IdeaReviewed", "r-1", 1)
