"""Every consumer under DynamoDB faults and mid-batch crashes, on moto with the functions' own clients
hooked (tests/faults.py): the tally and similarity (DynamoDB streams), ballots, moderation screening,
notifications and reputation (SQS queues fed by the bus).

Each scenario is arranged once through the real APIs and saved; every run starts from that state
(tests/integration/redelivery.py). A clean run gives the reference: the tables (and the emails
sent) after one fault-free delivery. Then one run per call of the clean run where that call fails
(throttled before it applies; a 500 after a write applied), and one per write where the function
dies right after it; the event source redelivers as Lambda does until nothing fails, and the state
must be the clean run's: counts exact, nothing applied twice. These prove idempotence and retries,
not concurrency (moto is not race-safe)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import boto3
import pytest

from infra.local.mail import sent_emails
from shared.domain.reputation import POINT_BADGES
from tests.builders import envelope, stream_record
from tests.faults import WRITES, Fault, FaultInjector
from tests.integration.conftest import Api
from tests.integration.redelivery import FakeClock, Queue, Run, Scenario, Stream, Tables, untimed, without
from tests.integration.similarity_support import idea_item
from tests.integration.test_moderation import CLEAN, PERSONAL, PROFANE
from tests.integration.test_tally import vote_record

CAST, STATUS, MERGE = "/ideas/{ideaId}/vote", "/ideas/{ideaId}/status", "/ideas/{ideaId}/merge"
COMMENTS, FOLLOW = "/ideas/{ideaId}/comments", "/ideas/{ideaId}/subscription"


def _challenge(ideas_api: Api, **settings: Any) -> str:
    body = {"brandId": "acme", "title": "Faults", "phase": "submission", **settings}
    answer = ideas_api.call("POST", "/challenges", as_="brand_admin", body=body)
    assert answer.status == 201, answer.body
    return str(answer.json["challengeId"])


def _idea(ideas_api: Api, challenge_id: str, title: str, as_: str = "participant") -> str:
    answer = ideas_api.call(
        "POST",
        f"/challenges/{challenge_id}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_=as_,
        body={"title": title},
    )
    assert answer.status == 201, answer.body
    return str(answer.json["ideaId"])


def _event(detail_type: str, idea_id: str, challenge_id: str, event_id: str, **detail: Any) -> dict[str, Any]:
    event = envelope(detail_type, idea_id, challenge_id, **detail)
    event["id"], event["detail"]["eventId"] = f"bus-{event_id}", event_id
    return event


POINTS_BADGES = {badge.value for _, badge in POINT_BADGES}


def _queue(name: str) -> str:
    return str(boto3.client("sqs").create_queue(QueueName=name)["QueueUrl"])


# tally: votes-table stream records -> counters, ranking keys, ladder rungs and the review they lead to


def _vote(idea_id: str, voter: str, old: int | None, new: int | None, sequence: int) -> dict[str, Any]:
    record = vote_record(idea_id, voter, old, new, sequence)
    record["dynamodb"]["ApproximateCreationDateTime"] = 1795694400 + sequence  # rungs are judged at this time
    return record


@pytest.fixture
def tally(ideas_api: Api, faults: FaultInjector) -> Scenario:
    ladder = [{"supporters": 2, "withinDays": 30}, {"supporters": 3, "withinDays": 30}]
    laddered = _idea(ideas_api, _challenge(ideas_api, supportLadder=ladder), "Paper tape on every parcel")
    updown = _idea(ideas_api, _challenge(ideas_api, voteModel="updown"), "Refill packs")
    records = [
        _vote(laddered, "u1", None, 1, 1),
        _vote(updown, "u1", None, 1, 2),
        _vote(updown, "u2", None, 1, 3),
        _vote(laddered, "u2", None, 1, 4),  # rung 1
        _vote(updown, "u3", None, -1, 5),
        _vote(updown, "u1", 1, -1, 6),  # a change: one up less, one down more
        _vote(laddered, "u3", None, 1, 7),  # rung 2, the last: the idea goes to review
        _vote(updown, "u2", 1, None, 8),  # a retract
    ]

    tables = Tables("ContentTable", "VotesTable")

    def state() -> Any:
        votes = tables.items("VotesTable")
        ledger = {item["pk"]: item["state"] for item in votes if item["pk"].startswith("TALLYBATCH#")}
        claims = {  # each record claimed by an attempt whose ledger says committed: counted, once
            item["pk"]: ledger.get(f"TALLYBATCH#{item['claimedBy']}")
            for item in votes
            if item["pk"].startswith("TALLIED#")
        }
        return {"content": tables.items("ContentTable"), "claims": claims}

    return Scenario(("functions.tally.app",), Stream(records), tables, state)


# similarity: content-table stream records -> the similar-ideas index


@pytest.fixture
def similarity(aws: None, faults: FaultInjector) -> Scenario:
    refill = idea_item("idea-1", "ch-1", "Refill stations for shampoo")
    bars = idea_item("idea-2", "ch-1", "Soap bars")
    hidden = idea_item("idea-3", "ch-1", "Paper tape")
    records = [
        stream_record(refill, sequence="1"),
        stream_record(bars, sequence="2"),
        stream_record({**refill, "title": "Refill stations for soap"}, event_name="MODIFY", sequence="3", old=refill),
        stream_record(hidden, sequence="4"),
        stream_record({**hidden, "status": "hidden"}, event_name="MODIFY", sequence="5", old=hidden),
    ]
    tables = Tables("SimilarityTable")
    return Scenario(("functions.similarity.app",), Stream(records), tables, lambda: tables.items("SimilarityTable"))


# ballots: idea events (bus -> queue) -> budgets given back, votes moved to a merge target


@pytest.fixture
def ballots(ideas_api: Api, votes_api: Api, faults: FaultInjector) -> Scenario:
    challenge_id = _challenge(ideas_api, voteBudget=3)
    closing, source, target = (
        _idea(ideas_api, challenge_id, title) for title in ("Paper tape", "Refills", "Refill packs")
    )
    for idea_id, voters in [
        (closing, ("other_participant", "moderator", "brand_admin")),
        (source, ("other_participant", "moderator")),
        (target, ("moderator",)),
    ]:
        for voter in voters:
            cast = votes_api.call("PUT", f"/ideas/{idea_id}/vote", route=CAST, as_=voter, body={"value": 1})
            assert cast.status == 200, cast.body
    declined = {"status": "declined", "response": "Not this year."}
    assert (
        ideas_api.call("POST", f"/ideas/{closing}/status", route=STATUS, as_="brand_admin", body=declined).status == 200
    )
    merge = {"targetIdeaId": target}
    assert ideas_api.call("POST", f"/ideas/{source}/merge", route=MERGE, as_="brand_admin", body=merge).status == 200
    bodies = [
        _event("IdeaStatusChanged", closing, challenge_id, "evt-declined", toStatus="declined"),
        _event("IdeaMerged", source, challenge_id, "evt-merged", targetIdeaId=target),
    ]
    tables = Tables("ContentTable", "VotesTable")
    queue = Queue(_queue("ballots-queue"), bodies)
    return Scenario(("functions.ballots.app",), queue, tables, lambda: tables.items("VotesTable"))


# moderation: posted ideas and comments (bus -> queue) -> screening: case, audit entry, the item's status


@pytest.fixture
def moderation(ideas_api: Api, moderation_api: Api, faults: FaultInjector) -> Scenario:
    pre, post = _challenge(ideas_api, moderation="pre"), _challenge(ideas_api, moderation="post")
    approved = _idea(ideas_api, pre, CLEAN)  # pending until screening approves it
    hidden = _idea(ideas_api, post, PROFANE, as_="other_participant")  # published until screening hides it
    shelves = _idea(ideas_api, post, "Shelves of refills")
    comment = ideas_api.call(
        "POST", f"/ideas/{shelves}/comments", route=COMMENTS, as_="other_brand_moderator", body={"body": PERSONAL}
    )
    assert comment.status == 201, comment.body
    bodies = [  # one author each: an author's recent posts feed screening, so their order would matter
        _event("IdeaSubmitted", approved, pre, "evt-approved", authorId="user-pat"),
        _event("IdeaSubmitted", hidden, post, "evt-hidden", authorId="user-oscar"),
        _event("CommentPosted", shelves, post, "evt-held", commentId=comment.json["commentId"], authorId="user-mona"),
    ]

    tables = Tables("ModerationTable", "AuditTable", "ContentTable")

    def state() -> Any:
        return {name: [untimed(item) for item in tables.items(name)] for name in tables.names}

    modules = ("functions.moderation.wiring", "functions.moderation.app")
    return Scenario(modules, Queue(_queue("moderation-queue"), bodies), tables, state)


# notifications: bus events (-> queue) -> follows, inboxes (fanned out), digest entries, an email


@pytest.fixture
def notifications(
    ideas_api: Api, notifications_api: Api, faults: FaultInjector, monkeypatch: pytest.MonkeyPatch
) -> Scenario:
    challenge_id = _challenge(ideas_api)
    refill, tape = _idea(ideas_api, challenge_id, "Refill stations"), _idea(ideas_api, challenge_id, "Paper tape")
    assert notifications_api.call("GET", "/me/preferences", as_="participant").status == 200  # pat's address kept
    for follower in ("other_participant", "moderator"):  # chosen before: the batch's follows change no audience
        follow = notifications_api.call("PUT", f"/ideas/{refill}/subscription", route=FOLLOW, as_=follower)
        assert follow.status == 200, follow.body
    digest = {"IdeaStatusChanged": {"digest": True}}
    assert notifications_api.call("PUT", "/me/preferences", as_="other_participant", body=digest).status == 200
    monkeypatch.setattr("shared.services.inbox.FANOUT_BATCH", 1)  # every audience goes through the queue
    bodies = [
        _event(
            "IdeaStatusChanged",
            refill,
            challenge_id,
            "evt-accepted",
            authorId="user-pat",
            title="Refill stations",
            fromStatus="published",
            toStatus="accepted",
            response="We will pilot it.",
            changedBy="user-ada",
        ),
        _event(  # a reply to oscar: he and the idea's author hear of it
            "CommentPosted",
            refill,
            challenge_id,
            "evt-reply",
            commentId="c-1",
            authorId="user-mia",
            parentAuthorId="user-oscar",
        ),
        _event("CommentPosted", tape, challenge_id, "evt-comment", commentId="c-2", authorId="user-mia"),  # mia follows
    ]
    clock = FakeClock()

    def with_clock(module: Any) -> None:
        wiring = module.wiring
        wiring.mail = replace(wiring.mail, clock=clock)
        wiring.ports = replace(wiring.ports, mail=wiring.mail)

    tables = Tables("ContentTable", "NotificationsTable", "ModerationTable")

    def state() -> Any:
        emails = sorted((email["to"], email["subject"]) for email in sent_emails())
        return {"notifications": [untimed(item) for item in tables.items("NotificationsTable")], "emails": emails}

    queue = Queue(notifications_api.module.wiring.settings.queue_url, bodies)
    modules = ("functions.notifications.wiring", "functions.notifications.consumer", "functions.notifications.app")
    return Scenario(modules, queue, tables, state, clock, with_clock)


# reputation: bus events (-> queue) -> points in three scopes, claims, badges (decision 63)


@pytest.fixture
def reputation(reputation_api: Api, faults: FaultInjector) -> Scenario:
    def event(detail_type: str, event_id: str, **detail: Any) -> dict[str, Any]:
        return _event(detail_type, "idea-1", "ch-1", event_id, brandId="acme", authorId="user-pat", **detail)

    votes = {"previousVotes": {"up": 99, "down": 0, "score": 99}, "votes": {"up": 101, "down": 0, "score": 101}}
    bodies = [
        event("IdeaPublished", "evt-published"),
        event("IdeaVotesChanged", "evt-votes", **votes),  # the 100th supporter: a badge
        event("IdeaStatusChanged", "evt-shipped", fromStatus="accepted", toStatus="shipped"),  # 112 points: another
        _event("CommentMarkedHelpful", "idea-1", "ch-1", "evt-helpful", brandId="acme", authorId="user-oscar",
               commentId="c-1", helpful=True, markedBy="user-ada"),
        _event("ModerationDecided", "idea-2", "ch-1", "evt-removed", brandId="acme", authorId="user-oscar",
               targetType="comment", targetId="c-2", action="hide", before="clear", after="hidden"),
    ]  # fmt: skip
    tables = Tables("ReputationTable")

    def state() -> Any:
        def timeless(item: dict[str, Any]) -> dict[str, Any]:  # a retry writes later: its times differ
            kept = without(untimed(item), "awardedAt", "at")
            if item.get("badge") in POINTS_BADGES:  # named after the event whose handling first saw
                kept = without(kept, "eventId", "ideaId", "challengeId", "brandId")  # the total past it
            return kept | ({"expiresAt": "set"} if item.get("expiresAt") else {})

        return [timeless(item) for item in tables.items("ReputationTable")]

    queue = Queue(_queue("reputation-queue"), bodies)
    return Scenario(("functions.reputation.wiring", "functions.reputation.app"), queue, tables, state)


def unsettled(state: dict[str, Any]) -> dict[str, Any]:
    """The notifications state with the sent log still saying "sending" (its settle failed)."""
    log = [{**item, "state": "sending"} if item["type"] == "SentEmail" else item for item in state["notifications"]]
    return {**state, "notifications": log}


def sent_twice(state: dict[str, Any]) -> dict[str, Any]:
    return {**state, "emails": sorted(state["emails"] * 2)}


# -- the tests ------------------------------------------------------------------------------------

CONSUMERS = ("tally", "similarity", "ballots", "moderation", "notifications", "reputation")
SENT = "sesv2.SendEmail"


def _dynamodb_calls(run: Run, *, writes: bool = False) -> list[tuple[str, str | None]]:
    """Each DynamoDB call (or write) of the run, with the call before it."""
    return [
        (call, run.calls[n - 1] if n else None)
        for n, call in enumerate(run.calls)
        if call.startswith("dynamodb.") and (not writes or call.split(".")[1] in WRITES)
    ]


@pytest.mark.parametrize("name", CONSUMERS)
def test_a_throttled_dynamodb_call_fails_its_item_and_the_retries_end_as_one_clean_run(
    name: str, request: pytest.FixtureRequest, faults: FaultInjector
) -> None:
    scenario: Scenario = request.getfixturevalue(name)
    clean = scenario.run(faults)
    assert clean.failures == 0
    calls = _dynamodb_calls(clean)
    assert calls

    for at, (call, before) in enumerate(calls, start=1):
        run = scenario.run(faults, Fault("throttle", at=at, service="dynamodb"))
        where = f"{call} (DynamoDB call {at} of {len(calls)}) throttled"
        assert run.fired == call, where
        assert run.answer is not None, where
        if before == SENT:  # logging an email SES took: the message goes on, as its retry would send it again
            assert run.answer["batchItemFailures"] == [], where
            assert run.state == unsettled(clean.state), where
            continue
        assert run.answer["batchItemFailures"], f"{where}: no item retried"
        assert run.state == clean.state, where


@pytest.mark.parametrize("name", CONSUMERS)
def test_a_dynamodb_5xx_after_a_write_went_through_fails_its_item_and_the_retries_end_as_one_clean_run(
    name: str, request: pytest.FixtureRequest, faults: FaultInjector
) -> None:
    scenario: Scenario = request.getfixturevalue(name)
    clean = scenario.run(faults)
    assert clean.failures == 0
    writes = _dynamodb_calls(clean, writes=True)
    assert writes

    for at, (call, before) in enumerate(writes, start=1):
        run = scenario.run(faults, Fault("server", at=at, service="dynamodb", writes_only=True))
        where = f"{call} (DynamoDB write {at} of {len(writes)}) applied, then a 500"
        assert run.fired == call, where
        assert run.answer is not None, where
        assert bool(run.answer["batchItemFailures"]) is (before != SENT), f"{where}: retried or not"
        assert run.state == clean.state, where


@pytest.mark.parametrize("name", CONSUMERS)
def test_a_crash_after_any_write_and_the_redelivered_batch_end_as_one_clean_run(
    name: str, request: pytest.FixtureRequest, faults: FaultInjector
) -> None:
    scenario: Scenario = request.getfixturevalue(name)
    clean = scenario.run(faults)
    assert clean.failures == 0
    writes = [call for call in clean.calls if call.split(".")[1] in WRITES]
    assert writes

    for at, call in enumerate(writes, start=1):
        run = scenario.run(faults, Fault("crash", at=at, writes_only=True))
        where = f"crashed after {call} (write {at} of {len(writes)})"
        assert (run.fired, run.answer) == (call, None), where
        # Dying after SES took an email, before the sent log says so, is the one way an email goes
        # twice (decision 39): the claim goes stale and the redelivery sends it again.
        assert run.state == (sent_twice(clean.state) if call == SENT else clean.state), where
