"""Email under moto's SES: one email per event for those who chose it (once, whatever the
redeliveries), preferences switching it on and off, the address taken from the verified token
claim, the signed unsubscribe link (no sign-in, one click), and the daily digest."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import unquote

import boto3
import pytest

from infra.local.mail import sent_emails
from shared.domain.follows import Follow, FollowReason
from shared.domain.inbox import Notice
from shared.domain.notification_prefs import update_preferences
from shared.domain.unsubscribe import make_token
from shared.domain.votes import Vote
from shared.services.inbox import EMAIL_BATCH
from shared.services.ports.email import Claim
from shared.store.votes import DynamoVoteRepository
from tests.builders import LambdaContext, envelope, sqs_event
from tests.integration.conftest import TABLE_NAMES, UNSUBSCRIBE_SECRET, Api
from tests.unit.builders import T0

PAT = "pat@example.com"


def _status_changed(ids: tuple[str, str], event_id: str, *, time: str = "2026-11-26T12:00:00Z") -> dict[str, Any]:
    challenge_id, idea_id = ids
    event = envelope(
        "IdeaStatusChanged",
        idea_id,
        challenge_id,
        authorId="user-pat",
        title="Refill <stations> & more",
        toStatus="accepted",
        response="We will pilot it.",
        changedBy="user-ada",
    )
    event["detail"]["eventId"] = event_id
    event["time"] = time
    return event


def _comment(ids: tuple[str, str], event_id: str, *, time: str = "2026-11-26T13:00:00Z") -> dict[str, Any]:
    challenge_id, idea_id = ids
    event = envelope("CommentPosted", idea_id, challenge_id, authorId="user-oscar", commentId=f"c-{event_id}")
    event["detail"]["eventId"] = event_id
    event["time"] = time
    return event


def _consume(api: Api, *events: dict[str, Any]) -> dict[str, Any]:
    return dict(api.module.lambda_handler(sqs_event(*events), LambdaContext()))


def _preferences(api: Api, as_: str = "participant", **changes: dict[str, bool]) -> Any:
    if changes:
        answer = api.call("PUT", "/me/preferences", as_=as_, body=changes)
    else:
        answer = api.call("GET", "/me/preferences", as_=as_)
    assert answer.status == 200, answer.body
    return answer.json


def _drain(api: Api) -> int:
    """Run everything on the notifications queue through the function, as SQS would; returns how many."""
    sqs = boto3.client("sqs")
    url = api.module.wiring.settings.queue_url
    handled = 0
    while True:
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
        if not messages:
            return handled
        records = [{**sqs_event({})["Records"][0], "messageId": m["MessageId"], "body": m["Body"]} for m in messages]
        answer = api.module.lambda_handler({"Records": records}, LambdaContext())
        assert answer["batchItemFailures"] == []
        for message in messages:
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        handled += len(messages)


def test_the_address_comes_from_the_verified_claim_only(notifications_api: Api) -> None:
    assert _preferences(notifications_api)["email"] == PAT
    assert _preferences(notifications_api, as_="other_participant")["email"] is None  # no claim, no address


def test_an_event_emails_the_author_once_with_a_one_click_unsubscribe(
    notifications_api: Api, idea: tuple[str, str]
) -> None:
    _preferences(notifications_api)  # pat signs in: the address is kept
    notifications_api.call(
        "PUT", f"/ideas/{idea[1]}/subscription", route="/ideas/{ideaId}/subscription", as_="other_participant"
    )
    event = _status_changed(idea, "evt-1")

    _consume(notifications_api, event)
    _consume(notifications_api, event)  # a redelivery: no second email

    [email] = sent_emails()
    assert email["to"] == PAT
    assert email["from"] == "notifications@cocreate.example"
    assert email["subject"] == "demo: “Refill <stations> & more” is now accepted. Official response: We will pilot it."
    assert "“Refill <stations> & more” is now accepted." in email["text"]
    assert "“Refill &lt;stations&gt; &amp; more”" in email["html"]
    assert "<stations>" not in email["html"]
    assert f"https://ideas.example.test/ideas/{idea[1]}" in email["text"]
    assert email["listUnsubscribe"].startswith("<https://api.example.test/unsubscribe?token=")
    assert email["listUnsubscribePost"] == "List-Unsubscribe=One-Click"
    assert "Stop emails about status changes" in email["text"]


def test_preferences_switch_email_off_and_on(notifications_api: Api, idea: tuple[str, str]) -> None:
    _preferences(notifications_api, IdeaStatusChanged={"email": False})
    _consume(notifications_api, _status_changed(idea, "evt-off"))
    assert sent_emails() == []
    inbox = notifications_api.call("GET", "/me/notifications", as_="participant").json
    assert inbox["unreadCount"] == 1  # the inbox still has it

    _preferences(notifications_api, IdeaStatusChanged={"email": True})
    _consume(notifications_api, _status_changed(idea, "evt-on"))
    assert [e["to"] for e in sent_emails()] == [PAT]


def test_shipping_invites_its_supporters_and_followers_to_review_by_inbox_and_email_as_they_chose(
    notifications_api: Api, idea: tuple[str, str]
) -> None:
    """The after-sales loop's invitation (decision 65): pat supported the idea, oscar follows it,
    each hears it shipped with the invitation; pat's email follows pat's preference."""
    challenge_id, idea_id = idea
    _preferences(notifications_api)  # pat signs in: the address is kept
    vote = Vote(idea_id, "user-pat", challenge_id, 1, datetime(2026, 11, 26, 11, tzinfo=UTC))
    DynamoVoteRepository(boto3.client("dynamodb"), TABLE_NAMES["VotesTable"]).add(vote, None)
    route = "/ideas/{ideaId}/subscription"
    notifications_api.call("PUT", f"/ideas/{idea_id}/subscription", route=route, as_="other_participant")
    shipped = _status_changed(idea, "evt-shipped")
    shipped["detail"] |= {"authorId": "user-zoe", "toStatus": "shipped", "fromStatus": "accepted", "response": None}
    invitation = "If you supported or followed it before it shipped, rate it 1-5 and write a review."

    _consume(notifications_api, shipped)
    _preferences(notifications_api, IdeaStatusChanged={"email": False})
    _consume(notifications_api, shipped | {"detail": shipped["detail"] | {"eventId": "evt-shipped-again"}})

    [email] = sent_emails()  # the second went to the inbox only
    assert email["to"] == PAT
    assert invitation in email["text"]
    for who in ("participant", "other_participant"):
        inbox = notifications_api.call("GET", "/me/notifications", as_=who).json
        assert [item["message"].endswith(invitation) for item in inbox["items"]] == [True, True], who


def _link_token(email: dict[str, Any]) -> str:
    return str(email["listUnsubscribe"]).strip("<>").split("token=", 1)[1]


def test_the_unsubscribe_link_works_without_signing_in(notifications_api: Api, idea: tuple[str, str]) -> None:
    _preferences(notifications_api)
    _consume(notifications_api, _status_changed(idea, "evt-1"))
    [email] = sent_emails()
    token = unquote(_link_token(email))

    looked = notifications_api.call("GET", "/unsubscribe", query={"token": token})
    assert looked.status == 200, looked.body
    assert looked.json == {"scope": "IdeaStatusChanged", "stops": "emails about status changes", "done": False}
    assert _preferences(notifications_api)["preferences"]["IdeaStatusChanged"]["email"] is True  # GET changes nothing

    form = {"content-type": "application/x-www-form-urlencoded"}
    clicked = notifications_api.call(
        "POST", "/unsubscribe", query={"token": token}, headers=form, raw_body="List-Unsubscribe=One-Click"
    )
    again = notifications_api.call("POST", "/unsubscribe", query={"token": token})
    assert clicked.status == 200, clicked.body
    assert clicked.json["done"] is True
    assert again.status == 200
    prefs = _preferences(notifications_api)["preferences"]
    assert prefs["IdeaStatusChanged"] == {"inbox": True, "email": False, "digest": False}
    assert prefs["ModerationDecided"]["email"] is True  # only the link's scope

    _consume(notifications_api, _status_changed(idea, "evt-2"))
    assert len(sent_emails()) == 1  # no email after unsubscribing


def test_a_browser_gets_a_page_with_a_button_and_mail_providers_may_post_multipart(
    notifications_api: Api,
) -> None:
    token = make_token(UNSUBSCRIBE_SECRET, "user-pat", "CommentPosted", datetime.now(UTC) + timedelta(days=1))
    browser = {"accept": "text/html,application/xhtml+xml;q=0.9"}

    page = notifications_api.call("GET", "/unsubscribe", query={"token": token}, headers=browser)
    assert page.status == 200
    assert page.headers["Content-Type"].startswith("text/html")
    assert "Stop emails about comments?" in page.body
    assert _preferences(notifications_api)["preferences"]["CommentPosted"]["email"] is False  # the default, untouched

    _preferences(notifications_api, CommentPosted={"email": True})
    boundary = "b0undary"
    part = 'Content-Disposition: form-data; name="List-Unsubscribe"'
    multipart = "\r\n".join([f"--{boundary}", part, "", "One-Click", f"--{boundary}--", ""])
    clicked = notifications_api.call(
        "POST",
        "/unsubscribe",
        query={"token": token},
        headers={"content-type": f"multipart/form-data; boundary={boundary}", **browser},
        raw_body=multipart,
    )
    assert clicked.status == 200, clicked.body
    assert "Done: no more emails about comments." in clicked.body
    assert _preferences(notifications_api)["preferences"]["CommentPosted"]["email"] is False


def test_bad_unsubscribe_requests_are_refused(notifications_api: Api) -> None:
    good = make_token(UNSUBSCRIBE_SECRET, "user-pat", "all", datetime.now(UTC) + timedelta(days=1))
    expired = make_token(UNSUBSCRIBE_SECRET, "user-pat", "all", datetime.now(UTC) - timedelta(seconds=1))
    forged = make_token("another-secret-of-16-bytes", "user-pat", "all", datetime.now(UTC) + timedelta(days=1))

    answers = {
        "forged": notifications_api.call("POST", "/unsubscribe", query={"token": forged}),
        "expired": notifications_api.call("POST", "/unsubscribe", query={"token": expired}),
        "missing": notifications_api.call("POST", "/unsubscribe"),
        "json body": notifications_api.call("POST", "/unsubscribe", query={"token": good}, body={"scope": "x"}),
    }

    assert {name: a.status for name, a in answers.items()} == dict.fromkeys(answers, 422)
    assert answers["forged"].json["errors"][0]["field"] == "token"
    assert "expired" in answers["expired"].json["detail"]
    assert answers["json body"].json["errors"][0]["field"] == "body"
    assert _preferences(notifications_api)["preferences"]["IdeaStatusChanged"]["email"] is True  # nothing changed


@pytest.fixture
def clock(notifications_api: Api, monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    """The function's clock for mail, at the events' day (digest entries are indexed by the day
    they are collected): set ``clock[0]`` to move it."""
    now = [datetime(2026, 11, 26, 12, 30, tzinfo=UTC)]
    wiring = notifications_api.module.wiring
    mail = replace(wiring.mail, clock=lambda: now[0])
    monkeypatch.setattr(wiring, "mail", mail)
    monkeypatch.setattr(wiring, "ports", replace(wiring.ports, mail=mail))
    return now


def _run_digest(api: Api, at: str) -> None:
    scheduled = {"detail-type": "Scheduled Event", "source": "aws.events", "time": at, "detail": {}}
    assert api.module.lambda_handler(scheduled, LambdaContext())["queued"] == 8  # a message per shard
    _drain(api)


def test_a_digest_gathers_the_days_unread_events_into_one_email(
    notifications_api: Api, idea: tuple[str, str], clock: list[datetime]
) -> None:
    _preferences(notifications_api, IdeaStatusChanged={"digest": True}, CommentPosted={"digest": True})
    clock[0] = datetime(2026, 11, 25, 10, 1, tzinfo=UTC)
    _consume(notifications_api, _comment(idea, "evt-old", time="2026-11-25T10:00:00Z"))
    _run_digest(notifications_api, "2026-11-25T18:00:00Z")  # yesterday's digest took it
    clock[0] = datetime(2026, 11, 26, 14, 1, tzinfo=UTC)
    _consume(
        notifications_api,
        _status_changed(idea, "evt-status"),
        _comment(idea, "evt-comment-1"),
        _comment(idea, "evt-comment-2", time="2026-11-26T14:00:00Z"),
    )
    assert len(sent_emails()) == 1  # the digest replaces the per-event email
    inbox = notifications_api.call("GET", "/me/notifications", as_="participant").json["items"]
    read = next(item["id"] for item in inbox if item["at"].startswith("2026-11-26T14"))
    notifications_api.call("POST", "/me/notifications/read", as_="participant", body={"ids": [read]})

    _run_digest(notifications_api, "2026-11-26T18:00:00Z")
    _run_digest(notifications_api, "2026-11-26T18:30:00Z")  # the schedule again the same day: nothing more

    _, digest = sent_emails()
    assert digest["to"] == PAT
    assert digest["subject"] == "demo: your daily digest (2 notifications)"
    assert "is now accepted" in digest["text"]
    assert "A new comment on an idea you follow." in digest["text"]
    assert digest["text"].count("\n- ") == 2  # not yesterday's, not the one read in the app
    assert "Stop all emails from demo" in digest["text"]


def test_an_entry_collected_after_a_digest_ran_is_in_the_next_one(
    notifications_api: Api, idea: tuple[str, str], clock: list[datetime]
) -> None:
    _preferences(notifications_api, IdeaStatusChanged={"digest": True}, CommentPosted={"digest": True})
    clock[0] = datetime(2026, 11, 26, 6, 31, tzinfo=UTC)
    _consume(notifications_api, _comment(idea, "evt-first", time="2026-11-26T06:30:00Z"))
    _run_digest(notifications_api, "2026-11-26T07:00:00Z")
    # an event of 06:59:58 whose message was handled after the 07:00 run (a retry, a slow batch)
    clock[0] = datetime(2026, 11, 26, 7, 0, 5, tzinfo=UTC)
    _consume(notifications_api, _status_changed(idea, "evt-late", time="2026-11-26T06:59:58Z"))

    _run_digest(notifications_api, "2026-11-26T18:00:00Z")  # today's digest went: it waits for tomorrow's
    assert len(sent_emails()) == 1
    _run_digest(notifications_api, "2026-11-27T07:00:00Z")

    first, second = sent_emails()
    assert "A new comment" in first["text"]
    assert "is now accepted" not in first["text"]
    assert "is now accepted" in second["text"]
    assert "A new comment" not in second["text"]  # the first digest's entry is not sent again


def test_no_digest_for_those_without_an_address_or_who_turned_it_off(
    notifications_api: Api, idea: tuple[str, str], clock: list[datetime]
) -> None:
    _preferences(notifications_api, IdeaStatusChanged={"digest": True})
    _preferences(notifications_api, as_="other_participant", IdeaStatusChanged={"digest": True})
    notifications_api.call(
        "PUT", f"/ideas/{idea[1]}/subscription", route="/ideas/{ideaId}/subscription", as_="other_participant"
    )
    _consume(notifications_api, _status_changed(idea, "evt-status"))
    _preferences(notifications_api, IdeaStatusChanged={"digest": False, "email": False})

    _run_digest(notifications_api, "2026-11-26T18:00:00Z")

    assert sent_emails() == []


def test_digest_users_are_paged_through_the_queue(
    notifications_api: Api, idea: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = notifications_api.module.wiring.inbox
    users = [f"user-{n}" for n in range(60)]
    for user in users:
        inbox.remember_email(user, f"{user}@example.com")
        inbox.save_preferences(
            user, update_preferences(inbox.preferences(user), {"IdeaStatusChanged": {"digest": True}})
        )
    notice = Notice("evt-many", "IdeaStatusChanged", datetime(2026, 11, 26, 12, tzinfo=UTC), "Something changed.")
    inbox.collect(notice, users, notice.at)
    monkeypatch.setattr("shared.services.email.DIGEST_PAGE", 5)  # 8 shards of ~8 users: pages continue

    _run_digest(notifications_api, "2026-11-26T18:00:00Z")

    emails = sent_emails()
    assert sorted(e["to"] for e in emails) == sorted(f"{user}@example.com" for user in users)
    assert all("Something changed." in e["text"] for e in emails)


def test_the_sent_log_claims_once_and_takes_over_a_dead_attempt(notifications_api: Api) -> None:
    log = notifications_api.module.wiring.mail.sent
    now = datetime(2026, 11, 26, 12, tzinfo=UTC).timestamp()

    assert log.claim("u", "evt-1", now, 120) is Claim.TAKEN
    assert log.claim("u", "evt-1", now + 10, 120) is Claim.BUSY  # a live attempt holds it
    assert log.claim("u", "evt-1", now + 121, 120) is Claim.TAKEN  # that attempt died: taken over
    log.settle("u", "evt-1", "sent", "m-1")
    assert log.claim("u", "evt-1", now + 90_000, 120) is Claim.DONE  # sent: never again
    log.release("u", "evt-1")  # a release after sending changes nothing
    assert log.claim("u", "evt-1", now + 90_000, 120) is Claim.DONE
    log.claim("u", "evt-2", now, 120)
    log.release("u", "evt-2")  # a failed send gives it back
    assert log.claim("u", "evt-2", now + 1, 120) is Claim.TAKEN


def test_many_emails_go_through_the_queue_in_small_batches(notifications_api: Api, idea: tuple[str, str]) -> None:
    wiring = notifications_api.module.wiring
    fans = [f"fan-{n}" for n in range(2 * EMAIL_BATCH + 7)]
    for fan in fans:
        wiring.follows.put(Follow(idea[1], fan, True, FollowReason.VOTER, T0))
        wiring.inbox.remember_email(fan, f"{fan}@example.com")
    event = _status_changed(idea, "evt-many")

    _consume(notifications_api, event)
    assert sent_emails() == []  # more than one batch: none sent by the event's own message
    assert _drain(notifications_api) == 3  # three email messages of at most 50
    _consume(notifications_api, event)  # a redelivery queues them again ...
    _drain(notifications_api)

    emails = sent_emails()  # ... and sends nothing twice
    assert sorted(e["to"] for e in emails) == sorted(f"{fan}@example.com" for fan in fans)
    inbox = notifications_api.call("GET", "/me/notifications", as_="participant").json
    assert inbox["unreadCount"] == 1  # the author's inbox, written once
