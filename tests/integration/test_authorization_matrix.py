"""Every route x every kind of caller -> allowed or denied, driven from docs/openapi.json.

A route in the spec without an entry here fails `test_every_route_has_a_matrix_entry`, so a new
route cannot ship without deciding who may call it. Each case prepares the resource the route
needs (a draft challenge, a pending idea, ...) so that the decision is really exercised."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest

from shared.domain.comments import Comment
from shared.domain.hooks import Attempt
from shared.domain.ids import new_id
from shared.domain.staff import member_id_for
from shared.domain.unsubscribe import make_token
from shared.domain.votes import Vote
from shared.store.votes import DynamoVoteRepository
from tests.integration.conftest import PRINCIPALS, TABLE_NAMES, UNSUBSCRIBE_SECRET, Api

SPEC = json.loads((Path(__file__).resolve().parents[2] / "docs" / "openapi.json").read_text())
ALL = frozenset(PRINCIPALS)
SIGNED_IN = ALL - {"anonymous"}
ACME_STAFF = frozenset({"moderator", "brand_admin", "operator"})


@dataclass(frozen=True)
class Case:
    """How to call a route, given the prepared fixtures, and who must get through."""

    allowed: frozenset[str]
    request: Callable[[Api, dict[str, str]], tuple[str, dict[str, Any]]]  # -> (path, extra call args)
    note: str = ""
    function: str = "ideas"  # the function whose HttpApi events route this path (template.yaml)


def _challenge(api: Api, phase: str = "submission", moderation: str = "post") -> str:
    body = {"brandId": "acme", "title": "Greener packaging", "phase": phase, "moderation": moderation}
    answer = api.call("POST", "/challenges", as_="brand_admin", body=body)
    assert answer.status == 201
    return str(answer.json["challengeId"])


def _unsubscribe_token() -> str:
    return make_token(UNSUBSCRIBE_SECRET, "user-pat", "CommentPosted", datetime.now(UTC) + timedelta(days=1))


def prepare(api: Api) -> dict[str, str]:
    open_challenge = _challenge(api)
    pre_moderated = _challenge(api, moderation="pre")
    pending = api.call(
        "POST",
        f"/challenges/{pre_moderated}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="participant",
        body={"title": "Refill stations in stores"},
    )
    assert pending.status == 201
    published = api.call(
        "POST",
        f"/challenges/{open_challenge}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="participant",
        body={"title": "Paper tape on every parcel"},
    )
    assert published.status == 201
    twin = api.call(
        "POST",
        f"/challenges/{open_challenge}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="participant",
        body={"title": "Paper tape on all parcels"},
    )
    assert twin.status == 201
    comment = api.call(
        "POST",
        f"/ideas/{published.json['ideaId']}/comments",
        route="/ideas/{ideaId}/comments",
        as_="participant",
        body={"body": "Love it"},
    )
    assert comment.status == 201
    return {
        "comment": str(comment.json["commentId"]),
        "published_idea": str(published.json["ideaId"]),
        "twin_idea": str(twin.json["ideaId"]),
        "open_challenge": open_challenge,
        "draft_challenge": _challenge(api, phase="draft"),
        "pending_idea": str(pending.json["ideaId"]),
    }


ADMINS = frozenset({"brand_admin", "operator"})


def _webhook(api: Api, *, attempted: bool = False) -> str:
    body = {"url": "http://127.0.0.1:9/hook", "events": ["IdeaPublished"]}
    answer = api.call(
        "POST",
        "/brands/{brandId}/webhooks".replace("{brandId}", "acme"),
        route="/brands/{brandId}/webhooks",
        as_="brand_admin",
        body=body,
    )
    assert answer.status == 201, answer.body
    hook_id = str(answer.json["webhookId"])
    if attempted:
        attempt = Attempt(hook_id, "evt-1", 1, datetime.now(UTC), 500, None, "IdeaPublished")
        api.module.wiring.webhooks.record(attempt, {"id": "evt-1", "type": "IdeaPublished", "data": {}})
    return hook_id


def _invited(api: Api, email: str) -> str:
    body = {"email": email, "role": "moderator"}
    answer = api.call("POST", "/brands/acme/staff", route="/brands/{brandId}/staff", as_="brand_admin", body=body)
    assert answer.status == 201, answer.body
    return str(answer.json["memberId"])


MIA = member_id_for("acme", "user-mia@example.com")  # the moderator's entry in the fixture's staff list


def _erasing(api: Api) -> bool:
    answer = api.call("DELETE", "/me", as_="participant", body={"confirm": "erase me"})
    assert answer.status == 202, answer.body
    return True


def _exporting(api: Api) -> bool:
    answer = api.call("POST", "/me/export", as_="participant")
    assert answer.status == 202, answer.body
    return True


def _hidden(api: Api, ids: dict[str, str]) -> str:
    body = {"targetType": "idea", "targetId": ids["published_idea"], "action": "hide", "reason": "spam", "version": 0}
    answer = api.call("POST", "/moderation/decisions", as_="moderator", body=body)
    assert answer.status == 200, answer.body
    return ids["published_idea"]


def _marked_helpful(api: Api, ids: dict[str, str]) -> str:
    path = f"/comments/{ids['comment']}/helpful"
    answer = api.call("PUT", path, route="/comments/{commentId}/helpful", as_="moderator")
    assert answer.status == 200, answer.body
    return ids["comment"]


def _shipped(api: Api, ids: dict[str, str]) -> str:
    """The twin idea, supported by oscar (other_participant) and then shipped."""
    vote = Vote(ids["twin_idea"], "user-oscar", ids["open_challenge"], 1, datetime.now(UTC) - timedelta(minutes=1))
    DynamoVoteRepository(boto3.client("dynamodb"), TABLE_NAMES["VotesTable"]).add(vote, None)
    for status in ("accepted", "shipped"):
        body = {"status": status}
        answer = api.call(
            "POST", f"/ideas/{ids['twin_idea']}/status", route="/ideas/{ideaId}/status", as_="brand_admin", body=body
        )
        assert answer.status == 200, answer.body
    return ids["twin_idea"]


def _review(api: Api, ids: dict[str, str]) -> str:
    """A review of the published idea, written straight through the store (reviewing needs a shipped
    idea and a supporter: tests/integration/test_reviews_api)."""
    wiring = importlib.import_module("functions.ideas.wiring")
    at = datetime.now(UTC)
    review = Comment(
        comment_id=new_id(),
        idea_id=ids["published_idea"],
        challenge_id=ids["open_challenge"],
        brand_id="acme",
        author_id="user-oscar",
        body="Works well",
        path=("x",),
        official=False,
        created_at=at,
        updated_at=at,
        rating=4,
    )
    wiring.comments.add(replace(review, path=(review.comment_id,)))
    return review.comment_id


def _merged(api: Api, ids: dict[str, str]) -> str:
    answer = api.call(
        "POST",
        f"/ideas/{ids['twin_idea']}/merge",
        route="/ideas/{ideaId}/merge",
        as_="brand_admin",
        body={"targetIdeaId": ids["published_idea"]},
    )
    assert answer.status == 200, answer.body
    return ids["twin_idea"]


MATRIX: dict[tuple[str, str], Case] = {
    ("post", "/brands"): Case(
        allowed=frozenset({"operator"}),
        request=lambda api, ids: ("/brands", {"body": {"brandId": "initech", "name": "Initech"}}),
        note="operators add the stack's tenants",
    ),
    ("get", "/brands"): Case(
        allowed=frozenset({"operator"}),
        request=lambda api, ids: ("/brands", {}),
        note="operators list the brands",
    ),
    ("get", "/brands/{brandId}"): Case(
        allowed=ACME_STAFF,
        request=lambda api, ids: ("/brands/acme", {}),
        note="the brand's staff and operators; anyone else gets a 404",
    ),
    ("patch", "/brands/{brandId}"): Case(
        allowed=ADMINS,
        request=lambda api, ids: ("/brands/acme", {"body": {"name": "Acme Corporation"}}),
        note="admins rename their brand; suspending is for operators (tests/integration/test_brands_api)",
    ),
    ("post", "/brands/{brandId}/staff"): Case(
        allowed=ADMINS,
        request=lambda api, ids: ("/brands/acme/staff", {"body": {"email": "new@example.com", "role": "moderator"}}),
        note="the brand's admins invite staff (tests/integration/test_staff_api)",
    ),
    ("get", "/brands/{brandId}/staff"): Case(
        allowed=ACME_STAFF,
        request=lambda api, ids: ("/brands/acme/staff", {}),
        note="the brand's staff see who else is; anyone else gets a 404",
    ),
    ("patch", "/brands/{brandId}/staff/{memberId}"): Case(
        allowed=ADMINS,
        request=lambda api, ids: (f"/brands/acme/staff/{MIA}", {"body": {"role": "admin"}}),
        note="the brand's admins change roles",
    ),
    ("delete", "/brands/{brandId}/staff/{memberId}"): Case(
        allowed=ADMINS | {"moderator"},
        request=lambda api, ids: (f"/brands/acme/staff/{MIA}", {}),
        note="the brand's admins remove staff; a member may leave (here the moderator's own entry)",
    ),
    ("get", "/me/invitations"): Case(
        allowed=SIGNED_IN,
        request=lambda api, ids: ("/me/invitations", {}),
        note="the invitations sent to the caller's own verified address",
    ),
    ("post", "/me/invitations/{brandId}/accept"): Case(
        allowed=frozenset({"participant"}),
        request=lambda api, ids: (_invited(api, "pat@example.com") and "/me/invitations/acme/accept", {}),
        note="only the invited address (the participant's verified email) accepts",
    ),
    ("delete", "/me"): Case(
        allowed=SIGNED_IN,
        request=lambda api, ids: ("/me", {"body": {"confirm": "erase me"}}),
        note="anyone signed in erases themselves, never someone else (tests/integration/test_privacy_api)",
        function="privacy",
    ),
    ("get", "/me/erasure"): Case(
        allowed=frozenset({"participant"}),
        request=lambda api, ids: (_erasing(api) and "/me/erasure", {}),
        note="the caller's own erasure: the others have none (404)",
        function="privacy",
    ),
    ("post", "/me/export"): Case(
        allowed=SIGNED_IN,
        request=lambda api, ids: ("/me/export", {}),
        note="anyone signed in exports their own data",
        function="privacy",
    ),
    ("get", "/me/export"): Case(
        allowed=frozenset({"participant"}),
        request=lambda api, ids: (_exporting(api) and "/me/export", {}),
        note="the caller's own export: the others have none (404)",
        function="privacy",
    ),
    ("post", "/moderation/pseudonymisations"): Case(
        allowed=ADMINS,
        request=lambda api, ids: (
            "/moderation/pseudonymisations",
            {"body": {"targetType": "idea", "targetId": ids["published_idea"]}},
        ),
        note="the brand's admins remove one item's link to its author, on request",
        function="moderation",
    ),
    ("post", "/challenges"): Case(
        allowed=frozenset({"brand_admin", "operator"}),
        request=lambda api, ids: ("/challenges", {"body": {"brandId": "acme", "title": "Another challenge"}}),
        note="brand admins of the body's brandId, or operators",
    ),
    ("get", "/challenges/{challengeId}"): Case(
        allowed=ACME_STAFF,
        request=lambda api, ids: (f"/challenges/{ids['draft_challenge']}", {}),
        note="a draft: only the brand's staff; published challenges are public (tests/integration/test_ideas_api)",
    ),
    ("post", "/challenges/{challengeId}/ideas"): Case(
        allowed=SIGNED_IN,
        request=lambda api, ids: (f"/challenges/{ids['open_challenge']}/ideas", {"body": {"title": "A fresh idea"}}),
        note="any signed-in user while submission is open",
    ),
    ("get", "/challenges"): Case(
        allowed=ALL,
        request=lambda api, ids: ("/challenges", {"query": {"brandId": "acme"}}),
        note="public; drafts are filtered out for all but the brand's staff (test_challenges_api)",
    ),
    ("patch", "/challenges/{challengeId}"): Case(
        allowed=frozenset({"brand_admin", "operator"}),
        request=lambda api, ids: (f"/challenges/{ids['open_challenge']}", {"body": {"title": "Renamed challenge"}}),
        note="the brand's admins and operators",
    ),
    ("get", "/challenges/{challengeId}/ideas"): Case(
        allowed=ACME_STAFF,
        request=lambda api, ids: (f"/challenges/{ids['open_challenge']}/ideas", {"query": {"status": "pending"}}),
        note="pending ideas: only the brand's staff; published lists are public (test_idea_lifecycle_api)",
    ),
    ("get", "/challenges/{challengeId}/similar"): Case(
        allowed=ALL,
        request=lambda api, ids: (f"/challenges/{ids['open_challenge']}/similar", {"query": {"text": "refill"}}),
        note="public for a published challenge; a draft's answers 404 (test_similarity_api)",
    ),
    ("get", "/challenges/{challengeId}/export"): Case(
        allowed=frozenset({"brand_admin", "operator"}),
        request=lambda api, ids: (f"/challenges/{ids['open_challenge']}/export", {}),
        note="the brand's admins and operators",
    ),
    ("patch", "/ideas/{ideaId}"): Case(
        allowed=frozenset({"participant"}),
        request=lambda api, ids: (f"/ideas/{ids['published_idea']}", {"body": {"title": "Paper tape, recycled"}}),
        note="only the author",
    ),
    ("delete", "/ideas/{ideaId}"): Case(
        allowed=frozenset({"participant"}),
        request=lambda api, ids: (f"/ideas/{ids['published_idea']}", {}),
        note="only the author withdraws",
    ),
    ("post", "/ideas/{ideaId}/status"): Case(
        allowed=frozenset({"brand_admin", "operator"}),
        request=lambda api, ids: (
            f"/ideas/{ids['published_idea']}/status",
            {"body": {"status": "under_review", "response": "We are looking at it."}},
        ),
        note="the brand's admins (moderators moderate; they do not review)",
    ),
    ("post", "/ideas/{ideaId}/merge"): Case(
        allowed=ACME_STAFF,
        request=lambda api, ids: (
            f"/ideas/{ids['twin_idea']}/merge",
            {"body": {"targetIdeaId": ids["published_idea"]}},
        ),
        note="the brand's staff (admins and moderators) merge duplicates",
    ),
    ("delete", "/ideas/{ideaId}/merge"): Case(
        allowed=ACME_STAFF,
        request=lambda api, ids: (f"/ideas/{_merged(api, ids)}/merge", {}),
        note="the brand's staff undo a merge",
    ),
    ("get", "/ideas/{ideaId}/subscription"): Case(
        allowed=frozenset({"participant"}) | ACME_STAFF,
        request=lambda api, ids: (f"/ideas/{ids['pending_idea']}/subscription", {}),
        note="whoever can see the idea (a pending idea: its author and the brand's staff)",
        function="notifications",
    ),
    ("put", "/ideas/{ideaId}/subscription"): Case(
        allowed=frozenset({"participant"}) | ACME_STAFF,
        request=lambda api, ids: (f"/ideas/{ids['pending_idea']}/subscription", {}),
        note="whoever can see the idea follows it",
        function="notifications",
    ),
    ("delete", "/ideas/{ideaId}/subscription"): Case(
        allowed=frozenset({"participant"}) | ACME_STAFF,
        request=lambda api, ids: (f"/ideas/{ids['pending_idea']}/subscription", {}),
        note="whoever can see the idea unfollows it",
        function="notifications",
    ),
    ("post", "/ideas/{ideaId}/reports"): Case(
        allowed=SIGNED_IN - {"participant"},
        request=lambda api, ids: (f"/ideas/{ids['published_idea']}/reports", {"body": {"reason": "spam"}}),
        note="anyone signed in who can see the idea, except its author",
        function="moderation",
    ),
    ("post", "/comments/{commentId}/reports"): Case(
        allowed=SIGNED_IN - {"participant"},
        request=lambda api, ids: (f"/comments/{ids['comment']}/reports", {"body": {"reason": "offensive"}}),
        note="anyone signed in, except the comment's author",
        function="moderation",
    ),
    ("get", "/moderation/queue"): Case(
        allowed=ACME_STAFF,
        request=lambda api, ids: ("/moderation/queue", {"query": {"brandId": "acme"}}),
        note="the brand's moderators and admins, and operators; never another brand's moderators",
        function="moderation",
    ),
    ("post", "/moderation/decisions"): Case(
        allowed=ACME_STAFF,
        request=lambda api, ids: (
            "/moderation/decisions",
            {"body": {"targetType": "idea", "targetId": ids["published_idea"], "action": "approve", "version": 0}},
        ),
        note="the brand's staff decide on its items",
        function="moderation",
    ),
    ("post", "/moderation/appeals"): Case(
        allowed=frozenset({"participant"}),
        request=lambda api, ids: (
            "/moderation/appeals",
            {"body": {"targetType": "idea", "targetId": _hidden(api, ids), "message": "It is not spam."}},
        ),
        note="only the author of the hidden item",
        function="moderation",
    ),
    ("get", "/moderation/audit"): Case(
        allowed=ACME_STAFF,
        request=lambda api, ids: ("/moderation/audit", {"query": {"brandId": "acme"}}),
        note="the brand's moderators and admins, and operators",
        function="moderation",
    ),
    ("get", "/me/notifications"): Case(
        allowed=SIGNED_IN,
        request=lambda api, ids: ("/me/notifications", {"query": {"unread": "true"}}),
        note="the caller's own inbox only",
        function="notifications",
    ),
    ("post", "/me/notifications/read"): Case(
        allowed=SIGNED_IN,
        request=lambda api, ids: ("/me/notifications/read", {"body": {"all": True}}),
        note="the caller's own inbox only",
        function="notifications",
    ),
    ("get", "/me/preferences"): Case(
        allowed=SIGNED_IN,
        request=lambda api, ids: ("/me/preferences", {}),
        note="the caller's own preferences",
        function="notifications",
    ),
    ("put", "/me/preferences"): Case(
        allowed=SIGNED_IN,
        request=lambda api, ids: ("/me/preferences", {"body": {"CommentPosted": {"email": True}}}),
        note="the caller's own preferences",
        function="notifications",
    ),
    ("get", "/unsubscribe"): Case(
        allowed=ALL,
        request=lambda api, ids: ("/unsubscribe", {"query": {"token": _unsubscribe_token()}}),
        note="no sign-in: the signed token says whose emails",
        function="notifications",
    ),
    ("post", "/unsubscribe"): Case(
        allowed=ALL,
        request=lambda api, ids: ("/unsubscribe", {"query": {"token": _unsubscribe_token()}}),
        note="no sign-in: the signed token says whose emails (one click from a mail client)",
        function="notifications",
    ),
    ("post", "/brands/{brandId}/webhooks"): Case(
        allowed=ADMINS,
        request=lambda api, ids: (
            "/brands/acme/webhooks",
            {"body": {"url": "http://127.0.0.1:9/hook", "events": ["IdeaPublished"]}},
        ),
        note="the brand's admins (and operators)",
        function="notifications",
    ),
    ("get", "/brands/{brandId}/webhooks"): Case(
        allowed=ADMINS,
        request=lambda api, ids: ("/brands/acme/webhooks", {}),
        note="the brand's admins (and operators)",
        function="notifications",
    ),
    ("delete", "/brands/{brandId}/webhooks/{webhookId}"): Case(
        allowed=ADMINS,
        request=lambda api, ids: (f"/brands/acme/webhooks/{_webhook(api)}", {}),
        note="the brand's admins (and operators)",
        function="notifications",
    ),
    ("get", "/brands/{brandId}/webhooks/{webhookId}/deliveries"): Case(
        allowed=ADMINS,
        request=lambda api, ids: (f"/brands/acme/webhooks/{_webhook(api)}/deliveries", {}),
        note="the brand's admins (and operators)",
        function="notifications",
    ),
    ("post", "/brands/{brandId}/webhooks/{webhookId}/deliveries/{deliveryId}/replay"): Case(
        allowed=ADMINS,
        request=lambda api, ids: (f"/brands/acme/webhooks/{_webhook(api, attempted=True)}/deliveries/evt-1/replay", {}),
        note="the brand's admins (and operators)",
        function="notifications",
    ),
    ("get", "/ideas/{ideaId}"): Case(
        allowed=frozenset({"participant"}) | ACME_STAFF,
        request=lambda api, ids: (f"/ideas/{ids['pending_idea']}", {}),
        note="a pending idea: its author and the brand's staff; published ideas are public",
    ),
    ("get", "/ideas/{ideaId}/trend"): Case(
        allowed=frozenset({"participant"}) | ACME_STAFF,
        request=lambda api, ids: (f"/ideas/{ids['pending_idea']}/trend", {}),
        note="as the idea itself: a pending idea's trend for its author and the brand's staff",
    ),
    ("post", "/ideas/{ideaId}/comments"): Case(
        allowed=SIGNED_IN,
        request=lambda api, ids: (f"/ideas/{ids['published_idea']}/comments", {"body": {"body": "Me too"}}),
        note="any signed-in user who can see the idea (test_comments_api: invisible ideas are 404)",
    ),
    ("get", "/ideas/{ideaId}/comments"): Case(
        allowed=frozenset({"participant"}) | ACME_STAFF,
        request=lambda api, ids: (f"/ideas/{ids['pending_idea']}/comments", {}),
        note="whoever can see the idea: a pending idea's author and the brand's staff; public once published",
    ),
    ("patch", "/comments/{commentId}"): Case(
        allowed=frozenset({"participant"}),
        request=lambda api, ids: (f"/comments/{ids['comment']}", {"body": {"body": "Love it, really"}}),
        note="only the comment's author",
    ),
    ("delete", "/comments/{commentId}"): Case(
        allowed=frozenset({"participant"}) | ACME_STAFF,
        request=lambda api, ids: (f"/comments/{ids['comment']}", {}),
        note="the comment's author, or the idea's brand staff",
    ),
    ("put", "/comments/{commentId}/helpful"): Case(
        allowed=ACME_STAFF,
        request=lambda api, ids: (f"/comments/{ids['comment']}/helpful", {}),
        note="the comment's brand staff and operators; its author may not mark their own",
    ),
    ("delete", "/comments/{commentId}/helpful"): Case(
        allowed=ACME_STAFF,
        request=lambda api, ids: (f"/comments/{_marked_helpful(api, ids)}/helpful", {}),
        note="the comment's brand staff and operators take a mark back (here a marked comment)",
    ),
    ("post", "/ideas/{ideaId}/notes"): Case(
        allowed=ACME_STAFF,
        request=lambda api, ids: (f"/ideas/{ids['published_idea']}/notes", {"body": {"body": "Ask logistics"}}),
        note="private staff notes: the idea's brand staff and operators only",
    ),
    ("get", "/ideas/{ideaId}/notes"): Case(
        allowed=ACME_STAFF,
        request=lambda api, ids: (f"/ideas/{ids['published_idea']}/notes", {}),
        note="private staff notes: the idea's brand staff and operators only",
    ),
    ("put", "/ideas/{ideaId}/vote"): Case(
        allowed=SIGNED_IN - {"participant"},
        request=lambda api, ids: (f"/ideas/{ids['published_idea']}/vote", {"body": {"value": 1}}),
        note="any signed-in user but the idea's author (the challenge does not allow self-votes)",
        function="votes",
    ),
    ("delete", "/ideas/{ideaId}/vote"): Case(
        allowed=SIGNED_IN,
        request=lambda api, ids: (f"/ideas/{ids['published_idea']}/vote", {}),
        note="any signed-in user retracts their own vote (none is harmless)",
        function="votes",
    ),
    ("get", "/me/votes"): Case(
        allowed=SIGNED_IN,
        request=lambda api, ids: ("/me/votes", {"query": {"challengeId": ids["open_challenge"]}}),
        note="the caller's own votes only",
        function="votes",
    ),
    ("get", "/ideas/{ideaId}/survey"): Case(
        allowed=ACME_STAFF,
        request=lambda api, ids: (f"/ideas/{ids['published_idea']}/survey", {}),
        note="the brand's staff read the counts; participants never see others' answers",
        function="votes",
    ),
    ("get", "/ideas/{ideaId}/survey/answers"): Case(
        allowed=ADMINS,
        request=lambda api, ids: (f"/ideas/{ids['published_idea']}/survey/answers", {}),
        note="the brand's admins export the answers, as they export ideas",
        function="votes",
    ),
    ("put", "/ideas/{ideaId}/review"): Case(
        allowed=frozenset({"other_participant"}),
        request=lambda api, ids: (f"/ideas/{_shipped(api, ids)}/review", {"body": {"rating": 5, "body": "Great"}}),
        note="only verified supporters (voted or followed before it shipped), never its author: oscar voted; "
        "staff who did not support it are refused too (tests/integration/test_reviews_api has the follows)",
    ),
    ("get", "/ideas/{ideaId}/reviews"): Case(
        allowed=ALL,
        request=lambda api, ids: (f"/ideas/{ids['published_idea']}/reviews", {}),
        note="public, as the idea",
    ),
    ("put", "/reviews/{reviewId}/answer"): Case(
        allowed=ACME_STAFF,
        request=lambda api, ids: (f"/reviews/{_review(api, ids)}/answer", {"body": {"body": "Thank you!"}}),
        note="the brand answers officially",
    ),
    ("delete", "/reviews/{reviewId}/answer"): Case(
        allowed=ACME_STAFF,
        request=lambda api, ids: (f"/reviews/{_review(api, ids)}/answer", {}),
    ),
    ("put", "/reviews/{reviewId}/helpful"): Case(
        allowed=SIGNED_IN - {"other_participant"},
        request=lambda api, ids: (f"/reviews/{_review(api, ids)}/helpful", {}),
        note="any signed-in reader of a review they can see, not its author (oscar wrote it)",
    ),
    ("delete", "/reviews/{reviewId}/helpful"): Case(
        allowed=SIGNED_IN - {"other_participant"},
        request=lambda api, ids: (f"/reviews/{_review(api, ids)}/helpful", {}),
    ),
    ("get", "/users/{userId}/profile"): Case(
        allowed=ALL,
        request=lambda api, ids: ("/users/user-pat/profile", {}),
        note="public: a name, points and badges (decision 63)",
        function="reputation",
    ),
    ("put", "/me/profile"): Case(
        allowed=SIGNED_IN,
        request=lambda api, ids: ("/me/profile", {"body": {"publicName": "Someone"}}),
        note="everyone signed in names themselves, and only themselves",
        function="reputation",
    ),
    ("get", "/challenges/{challengeId}/leaderboard"): Case(
        allowed=ACME_STAFF,
        request=lambda api, ids: (f"/challenges/{ids['draft_challenge']}/leaderboard", {}),
        note="as the challenge: a draft's only for its brand's staff; a published one's is public "
        "(tests/integration/test_reputation)",
        function="reputation",
    ),
    ("get", "/brands/{brandId}/leaderboard"): Case(
        allowed=ALL,
        request=lambda api, ids: ("/brands/acme/leaderboard", {}),
        note="public, as the brand's challenges are",
        function="reputation",
    ),
}

SPEC_ROUTES = sorted((method, path) for path, operations in SPEC["paths"].items() for method in operations)


def test_every_route_has_a_matrix_entry() -> None:
    assert sorted(MATRIX) == SPEC_ROUTES


@pytest.mark.parametrize("principal", sorted(ALL))
@pytest.mark.parametrize("route", SPEC_ROUTES, ids=lambda route: f"{route[0].upper()} {route[1]}")
def test_route_allows_exactly_its_principals(
    ideas_api: Api,
    votes_api: Api,
    notifications_api: Api,
    moderation_api: Api,
    privacy_api: Api,
    reputation_api: Api,
    route: tuple[str, str],
    principal: str,
) -> None:
    case = MATRIX[route]
    ids = prepare(ideas_api)
    apis = {"ideas": ideas_api, "votes": votes_api, "notifications": notifications_api, "moderation": moderation_api}
    api = {**apis, "privacy": privacy_api, "reputation": reputation_api}[case.function]
    path, extra = case.request(api, ids)

    answer = api.call(route[0].upper(), path, route=route[1], as_=principal, **extra)

    if principal in case.allowed:
        assert 200 <= answer.status < 300, answer.body
    else:
        expected = {401} if principal == "anonymous" else {403, 404}
        if principal == "anonymous" and route[0] == "get":
            expected = {401, 404}  # public reads: 'not found' for what is hidden, 'sign in' for staff lists
        assert answer.status in expected, answer.body
