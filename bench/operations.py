"""The slice's operations, run under moto with the AWS calls of each counted."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import boto3
from moto import mock_aws

from infra.openapi import load_template
from infra.tables import create_tables
from shared.store.records import idea_to_item
from tests.builders import LambdaContext, api_event, sqs_event, stream_record

ADMIN = {"sub": "bench-admin", "cognito:groups": "[brand-acme-admins]"}
OPERATOR = {"sub": "bench-operator", "cognito:groups": "[operators]"}
USER = {"sub": "bench-user"}
BENCH_SENDER = "notifications@bench.test"


@contextmanager
def _stack() -> Iterator[dict[str, str]]:
    """moto for every service (DynamoDB too unless AWS_ENDPOINT_URL_DYNAMODB points elsewhere), the
    stack's tables created; yields their names by logical id."""
    os.environ.update(
        {
            "CONTENT_TABLE": "bench-content",
            "IDEMPOTENCY_TABLE": "bench-idempotency",
            "SIMILARITY_TABLE": "bench-similarity",
            "VOTES_TABLE": "bench-votes",
            "NOTIFICATIONS_TABLE": "bench-notifications",
            "MODERATION_TABLE": "bench-moderation",
            "AUDIT_TABLE": "bench-audit",
            "RATE_LIMITS_TABLE": "bench-rate-limits",
            "REPUTATION_TABLE": "bench-reputation",
            "JWT_ISSUER": "https://issuer.bench.test",
            "ISSUER_GRANTS_OPERATORS": "true",
            "EVENT_BUS_NAME": "bench-bus",
            "CURSOR_SECRET_ID": "bench-cursor-secret",
            "UNSUBSCRIBE_SECRET_ID": "bench-unsubscribe-secret",
            "SENDER_EMAIL": BENCH_SENDER,
            "UNSUBSCRIBE_URL": "https://api.bench.test/unsubscribe",
            "AWS_ACCESS_KEY_ID": "bench",
            "AWS_SECRET_ACCESS_KEY": "bench",
            "POWERTOOLS_METRICS_NAMESPACE": "Bench",
            "POWERTOOLS_LOG_LEVEL": "ERROR",
            "POWERTOOLS_METRICS_DISABLED": "true",
        }
    )
    names = {
        "ContentTable": "bench-content",
        "IdempotencyTable": "bench-idempotency",
        "SimilarityTable": "bench-similarity",
        "VotesTable": "bench-votes",
        "NotificationsTable": "bench-notifications",
        "ModerationTable": "bench-moderation",
        "AuditTable": "bench-audit",
        "RateLimitsTable": "bench-rate-limits",
        "ConnectionsTable": "bench-connections",
        "ReputationTable": "bench-reputation",
    }
    with mock_aws():
        create_tables(boto3.client("dynamodb"), load_template(), names.__getitem__)
        for secret in ("bench-cursor-secret", "bench-unsubscribe-secret"):
            boto3.client("secretsmanager").create_secret(Name=secret, SecretString=f"{secret}-value-0123456789")
        boto3.client("events").create_event_bus(Name="bench-bus")
        queue = boto3.client("sqs").create_queue(QueueName="bench-notifications")["QueueUrl"]
        os.environ["NOTIFICATIONS_QUEUE_URL"] = queue
        os.environ["NOTIFICATIONS_DLQ_URL"] = boto3.client("sqs").create_queue(QueueName="bench-dlq")["QueueUrl"]
        boto3.client("sesv2").create_email_identity(EmailIdentity=BENCH_SENDER)
        yield names


def run_operations(counter_type: Callable[[], Any]) -> list[tuple[str, list[str]]]:
    with _stack():
        ideas = importlib.import_module("functions.ideas.app")
        wiring = importlib.import_module("functions.ideas.wiring")
        outbox = importlib.import_module("functions.outbox.app")
        counter = counter_type()
        counter.attach(wiring.dynamodb)
        counter.attach(outbox.publisher._client)
        context = LambdaContext()

        def call(method: str, path: str, claims: dict[str, Any] | None = None, **kwargs: Any) -> dict[str, Any]:
            answer: dict[str, Any] = ideas.lambda_handler(api_event(method, path, claims=claims, **kwargs), context)
            return answer

        results: list[tuple[str, list[str]]] = []
        state: dict[str, Any] = {}
        body = {"brandId": "acme", "title": "Bench challenge", "phase": "submission"}
        call("POST", "/brands", OPERATOR, body={"brandId": "acme", "name": "Acme"})

        def create_challenge() -> None:
            state["challenge"] = __import__("json").loads(call("POST", "/challenges", ADMIN, body=body)["body"])

        results.append(("POST /challenges", counter.measure(create_challenge)))
        challenge_id = state["challenge"]["challengeId"]
        results.append(("GET /challenges/{id}", counter.measure(lambda: call("GET", f"/challenges/{challenge_id}"))))

        def submit(headers: dict[str, str] | None = None) -> None:
            answer = call(
                "POST", f"/challenges/{challenge_id}/ideas", USER, body={"title": "Bench idea"}, headers=headers
            )
            state["idea"] = __import__("json").loads(answer["body"])

        results.append(("POST /challenges/{id}/ideas", counter.measure(submit)))
        idea_id = state["idea"]["ideaId"]
        results.append(("GET /ideas/{id}", counter.measure(lambda: call("GET", f"/ideas/{idea_id}"))))
        results.append(
            ("POST .../ideas with Idempotency-Key", counter.measure(lambda: submit({"Idempotency-Key": "bench-1"})))
        )
        results.append(("  ... replayed", counter.measure(lambda: submit({"Idempotency-Key": "bench-1"}))))
        results.append(
            ("GET /challenges (page)", counter.measure(lambda: call("GET", "/challenges", query={"brandId": "acme"})))
        )
        for sort in ("new", "top", "hot"):
            results.append(
                (
                    f"GET /challenges/{{id}}/ideas?sort={sort}",
                    counter.measure(lambda s=sort: call("GET", f"/challenges/{challenge_id}/ideas", query={"sort": s})),
                )
            )
        results.append(
            (
                "PATCH /challenges/{id}",
                counter.measure(lambda: call("PATCH", f"/challenges/{challenge_id}", ADMIN, body={"title": "Renamed"})),
            )
        )
        results.append(
            (
                "PATCH /ideas/{id}",
                counter.measure(lambda: call("PATCH", f"/ideas/{idea_id}", USER, body={"title": "Bench idea, edited"})),
            )
        )
        results.append(
            (
                "POST /ideas/{id}/status",
                counter.measure(
                    lambda: call("POST", f"/ideas/{idea_id}/status", ADMIN, body={"status": "under_review"})
                ),
            )
        )
        comments = f"/ideas/{idea_id}/comments"

        def comment(parent: str | None = None) -> None:
            payload = {"body": "Bench comment"} | ({"parentId": parent} if parent else {})
            state["comment"] = __import__("json").loads(call("POST", comments, USER, body=payload)["body"])

        results.append(("POST /ideas/{id}/comments", counter.measure(comment)))
        comment_id = state["comment"]["commentId"]
        results.append(("  ... a reply", counter.measure(lambda: comment(comment_id))))
        results.append(("GET /ideas/{id}/comments (page)", counter.measure(lambda: call("GET", comments))))
        results.append(
            (
                "PATCH /comments/{id}",
                counter.measure(lambda: call("PATCH", f"/comments/{comment_id}", USER, body={"body": "Edited"})),
            )
        )
        results.append(
            ("DELETE /comments/{id}", counter.measure(lambda: call("DELETE", f"/comments/{comment_id}", USER)))
        )
        item = idea_to_item(wiring.ideas.get(idea_id))
        records = {"Records": [stream_record(item, sequence=str(n)) for n in range(100)]}
        results.append(
            ("outbox: stream batch of 100 inserts", counter.measure(lambda: outbox.lambda_handler(records, context)))
        )
        similarity = importlib.import_module("functions.similarity.app")
        counter.attach(similarity.index._client)
        published = {"Records": [stream_record({**item, "status": "published"}, sequence="200")]}

        def index_idea() -> None:
            similarity.lambda_handler(published, context)

        results.append(("similarity: index a published idea", counter.measure(index_idea)))
        results.append(("  ... replayed", counter.measure(index_idea)))
        results.append(
            (
                "GET /challenges/{id}/similar",
                counter.measure(
                    lambda: call("GET", f"/challenges/{challenge_id}/similar", query={"text": "Bench idea"})
                ),
            )
        )
        results += _vote_operations(counter, context, challenge_id, submit, state)
        return results


def _vote_operations(
    counter: Any, context: Any, challenge_id: str, submit: Callable[[], None], state: dict[str, Any]
) -> list[tuple[str, list[str]]]:
    submit()  # a fresh published idea (the first one is under review by now)
    idea_id = state["idea"]["ideaId"]
    votes = importlib.import_module("functions.votes.app")
    counter.attach(importlib.import_module("functions.votes.wiring").dynamodb)
    voter = {"sub": "bench-voter"}
    path = f"/ideas/{idea_id}/vote"

    def vote() -> None:
        votes.lambda_handler(api_event("PUT", path, claims=voter, body={"value": 1}), context)

    results = [("PUT /ideas/{id}/vote", counter.measure(vote)), ("  ... the same vote again", counter.measure(vote))]
    results.append(
        (
            "DELETE /ideas/{id}/vote",
            counter.measure(lambda: votes.lambda_handler(api_event("DELETE", path, claims=voter), context)),
        )
    )
    results.append(
        (
            "GET /me/votes (page)",
            counter.measure(
                lambda: votes.lambda_handler(
                    api_event("GET", "/me/votes", claims=voter, query={"challengeId": challenge_id}), context
                )
            ),
        )
    )
    tally = importlib.import_module("functions.tally.app")
    counter.attach(tally.store._client)
    batch = {"Records": [_vote_record(idea_id, f"bench-voter-{n}", n) for n in range(1000)]}
    results.append(
        (
            "tally: 1,000 new votes on one idea (one batch)",
            counter.measure(lambda: tally.lambda_handler(batch, context)),
        )
    )
    results.append(("  ... replayed", counter.measure(lambda: tally.lambda_handler(batch, context))))
    surveyed = {  # a survey's answers ride on the same commit: one read and one Put more per idea and batch
        "Records": [
            _vote_record(idea_id, f"bench-surveyed-{n}", 2000 + n, ("price", f"price={n % 200}", "often", "often:1"))
            for n in range(1000)
        ]
    }
    results.append(
        (
            "tally: 1,000 new votes with survey answers",
            counter.measure(lambda: tally.lambda_handler(surveyed, context)),
        )
    )
    return results


def _vote_record(idea_id: str, voter: str, sequence: int, answer_keys: tuple[str, ...] = ()) -> dict[str, Any]:
    item: dict[str, Any] = {"pk": f"VOTE#{idea_id}#{voter}", "sk": "-", "type": "Vote", "ideaId": idea_id}
    item |= {"voterId": voter} | ({"answerKeys": list(answer_keys)} if answer_keys else {})
    record = stream_record({**item, "challengeId": "-", "value": 1, "votedAt": "-"}, sequence=str(1000 + sequence))
    record["dynamodb"]["Keys"] = {"pk": {"S": item["pk"]}}
    return record


FOLLOWERS = 10_000
EMAILED = 1_000
DIGESTS = 1_000


def _drain(app: Any) -> None:
    """Run every message on the notifications queue through the function until it is empty."""
    import json  # noqa: PLC0415

    sqs, url = boto3.client("sqs"), os.environ["NOTIFICATIONS_QUEUE_URL"]
    while True:
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
        if not messages:
            return
        app.lambda_handler(sqs_event(*(json.loads(m["Body"]) for m in messages)), LambdaContext())
        sqs.delete_message_batch(
            QueueUrl=url, Entries=[{"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]} for n, m in enumerate(messages)]
        )


def _notifications(counter_type: Callable[[], Any]) -> tuple[Any, Any, Any]:
    """The notifications function freshly wired on this stack, and a counter on its AWS clients."""
    wiring = importlib.reload(importlib.import_module("functions.notifications.wiring"))
    app = importlib.import_module("functions.notifications.app")
    counter = counter_type()
    for client in (wiring.dynamodb, wiring.ports.fanout._client, wiring.mail.mailer.client):
        counter.attach(client)
    return app, wiring, counter


def run_fanout(counter_type: Callable[[], Any], followers: int = FOLLOWERS, emailed: int = 0) -> dict[str, Any]:
    """Notify an idea's followers of a status change: the event, then every delivery batch it
    queued, through the notifications function; AWS calls counted, seeding excluded. The first
    ``emailed`` followers have an address (status changes are emailed by default)."""
    import time  # noqa: PLC0415

    from shared.domain.follows import Follow, FollowReason  # noqa: PLC0415
    from shared.store.dynamo import serialize  # noqa: PLC0415
    from shared.store.follows import follow_to_item  # noqa: PLC0415
    from tests.builders import an_event  # noqa: PLC0415
    from tests.unit.builders import T0  # noqa: PLC0415

    with _stack():
        app, wiring, counter = _notifications(counter_type)
        client = boto3.client("dynamodb")
        items = [follow_to_item(Follow("idea-hot", f"fan-{n}", True, FollowReason.VOTER, T0)) for n in range(followers)]
        for start in range(0, len(items), 25):
            chunk = [{"PutRequest": {"Item": serialize(i)}} for i in items[start : start + 25]]
            client.batch_write_item(RequestItems={"bench-notifications": chunk})
        for n in range(emailed):
            wiring.inbox.remember_email(f"fan-{n}", f"fan-{n}@bench.test")
        detail = an_event(
            "IdeaStatusChanged",
            eventId="evt-status",
            ideaId="idea-hot",
            challengeId="ch-1",
            brandId="acme",
            authorId="author-1",
            title="Refill stations",
            fromStatus="published",
            toStatus="accepted",
            changedBy="admin-1",
        ).detail()
        envelope = {
            "version": "0",
            "id": "bus-1",
            "detail-type": "IdeaStatusChanged",
            "source": "cocreate.ideas",
            "account": "123456789012",
            "time": "2026-11-26T12:00:00Z",
            "region": "us-east-1",
            "resources": [],
            "detail": detail,
        }
        started = time.perf_counter()
        counter.calls.clear()
        app.lambda_handler(sqs_event(envelope), LambdaContext())
        _drain(app)
        seconds = time.perf_counter() - started
        delivered = wiring.inbox.unread_count(f"fan-{followers - 1}")
        calls = list(counter.calls)
        result = {"followers": followers, "calls": calls, "seconds": round(seconds, 1), "check": delivered}
        if emailed:
            result["emails"] = calls.count("sesv2:SendEmail")
        return result


def run_digest(counter_type: Callable[[], Any], users: int = DIGESTS) -> dict[str, Any]:
    """The daily digest for ``users`` who chose it, each with 3 notices of the day: the schedule's
    messages, then every page, through the notifications function; AWS calls counted."""
    import time  # noqa: PLC0415
    from datetime import UTC, datetime, timedelta  # noqa: PLC0415

    from shared.domain.inbox import Notice  # noqa: PLC0415
    from shared.domain.notification_prefs import update_preferences  # noqa: PLC0415

    with _stack():
        app, wiring, counter = _notifications(counter_type)
        names = [f"reader-{n}" for n in range(users)]
        chosen = update_preferences(wiring.inbox.preferences("x"), {"IdeaStatusChanged": {"digest": True}})
        for name in names:
            wiring.inbox.remember_email(name, f"{name}@bench.test")
            wiring.inbox.save_preferences(name, chosen)
        day = datetime(2026, 11, 26, 9, tzinfo=UTC)
        for n in range(3):
            notice = Notice(f"evt-{n}", "IdeaStatusChanged", day + timedelta(hours=n), f"Idea {n} is now accepted.")
            wiring.inbox.collect(notice, names, notice.at)
        started = time.perf_counter()
        counter.calls.clear()
        scheduled = {"detail-type": "Scheduled Event", "source": "aws.events", "time": "2026-11-26T18:00:00Z"}
        app.lambda_handler(scheduled, LambdaContext())
        _drain(app)
        seconds = time.perf_counter() - started
        sent = list(counter.calls).count("sesv2:SendEmail")
        return {"users": users, "calls": list(counter.calls), "seconds": round(seconds, 1), "emails": sent}
