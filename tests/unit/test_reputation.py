"""Reputation rules: which events give points to whom, counted once, and the badges they earn."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

import pytest

from shared.domain.reputation import Award, Badge, EarnedBadge, Reason, Reputation, Standing, threshold_badges
from shared.services.ports import Key, Page
from shared.services.reputation import awards_for, record
from tests.builders import an_event

AT = datetime(2026, 12, 7, 9, tzinfo=UTC)


class FakeStore:
    """Points per (user, scope) and badges, with claims; ``crash_after_apply`` loses the badge step."""

    def __init__(self) -> None:
        self.points: dict[tuple[str, str], int] = {}
        self.claims: set[str] = set()
        self.badges: dict[tuple[str, Badge], EarnedBadge] = {}
        self.forgotten: list[str] = []

    def apply(self, award: Award, at: datetime) -> bool:
        if award.claim in self.claims:
            return False
        self.claims.add(award.claim)
        for scope in ("ALL", f"BRAND#{award.brand_id}", f"CHALLENGE#{award.challenge_id}"):
            key = (award.user_id, scope)
            self.points[key] = self.points.get(key, 0) + award.points
        return True

    def total(self, user_id: str) -> int:
        return self.points.get((user_id, "ALL"), 0)

    def brand_points(self, brand_id: str, user_id: str) -> int:
        return self.points.get((user_id, f"BRAND#{brand_id}"), 0)

    def award_badge(self, badge: EarnedBadge) -> bool:
        if (badge.user_id, badge.badge) in self.badges:
            return False
        self.badges[(badge.user_id, badge.badge)] = badge
        return True

    def reputation(self, user_id: str) -> Reputation:
        raise NotImplementedError

    def leaderboard(self, scope: str, *, limit: int, start: Key | None) -> Page[Standing]:
        raise NotImplementedError

    def set_public_name(self, user_id: str, name: str | None, at: datetime) -> None:
        raise NotImplementedError

    def forget(self, user_id: str) -> int:
        self.forgotten.append(user_id)
        return 0


def _votes(before: int, after: int, **more: Any) -> Any:
    return an_event(
        "IdeaVotesChanged",
        votes={"up": after, "down": 2, "score": after - 2},
        previousVotes={"up": before, "down": 0, "score": before},
        **more,
    )


def _decided(before: str, after: str, **more: Any) -> Any:
    return an_event("ModerationDecided", before=before, after=after, action="reject", **more)


@pytest.mark.parametrize(
    ("event", "points", "reason"),
    [
        (an_event("IdeaPublished", authorId="user-a"), 10, Reason.IDEA_PUBLISHED),
        (an_event("IdeaSubmitted", status="published"), 10, Reason.IDEA_PUBLISHED),
        (_votes(3, 7), 4, Reason.SUPPORTERS),
        (_votes(7, 3), -4, Reason.SUPPORTERS),
        (an_event("IdeaStatusChanged", toStatus="accepted"), 50, Reason.IDEA_ACCEPTED),
        (an_event("IdeaStatusChanged", toStatus="shipped"), 100, Reason.IDEA_SHIPPED),
        (an_event("CommentMarkedHelpful", helpful=True), 15, Reason.HELPFUL_COMMENT),
        (an_event("CommentMarkedHelpful", helpful=False), -15, Reason.HELPFUL_COMMENT),
        (_decided("published", "hidden"), -20, Reason.CONTENT_REMOVED),
        (_decided("pending", "rejected"), -20, Reason.CONTENT_REMOVED),
        (_decided("hidden", "published"), 20, Reason.CONTENT_REMOVED),
    ],
)
def test_the_rules_table(event: Any, points: int, reason: Reason) -> None:
    (award,) = awards_for(event)

    assert (award.points, award.reason, award.user_id) == (points, reason, event.author_id)
    assert (award.brand_id, award.challenge_id) == (event.brand_id, event.challenge_id)


@pytest.mark.parametrize(
    "event",
    [
        _votes(5, 5),  # only down votes moved
        an_event("IdeaStatusChanged", toStatus="declined"),
        an_event("IdeaStatusChanged", toStatus="under_review"),
        _decided("pending", "published"),  # approved: nothing removed
        _decided("hidden", "rejected"),  # still removed: counted when it was hidden
        an_event("IdeaPublished", authorId="former-01JD0000000000000000000000"),
        an_event("IdeaSubmitted", status="pending"),  # counted when moderation publishes it
        an_event("CommentMarkedHelpful", authorId="user-mia", markedBy="user-mia"),  # staff's own comment
        an_event("VoteCast"),
        an_event("CommentPosted"),
    ],
)
def test_events_that_give_nothing(event: Any) -> None:
    assert awards_for(event) == []


def test_once_per_idea_facts_are_claimed_by_the_idea_and_others_by_the_event() -> None:
    first = awards_for(an_event("IdeaPublished", eventId="e1", ideaId="i1", authorId="user-a"))[0]
    again = awards_for(an_event("IdeaSubmitted", eventId="e2", ideaId="i1", authorId="user-a"))[0]
    votes = awards_for(_votes(0, 1, eventId="e3", authorId="user-a"))[0]

    person = hashlib.sha256(b"user-a").hexdigest()[:32]  # not the id in clear: claims may outlive an erasure
    assert first.claim == again.claim == f"published:i1:{person}"
    assert first.lasting
    assert (votes.claim, votes.lasting) == (f"e3:{person}", False)


def test_supporters_badge_when_the_hundredth_supporter_is_counted() -> None:
    assert awards_for(_votes(99, 100))[0].badges == (Badge.SUPPORTED,)
    assert awards_for(_votes(100, 140))[0].badges == ()
    assert awards_for(_votes(20, 99))[0].badges == ()


def test_point_badges_have_thresholds() -> None:
    assert threshold_badges(99) == ()
    assert threshold_badges(100) == (Badge.CONTRIBUTOR,)
    assert threshold_badges(1000) == (Badge.CONTRIBUTOR, Badge.CHAMPION)


def test_a_redelivery_counts_nothing_but_writes_the_badges_a_crash_left_out() -> None:
    store = FakeStore()
    event = an_event("IdeaPublished", eventId="e1", ideaId="i1", authorId="user-a")
    award = awards_for(event)[0]
    store.apply(award, AT)  # counted, then the process died before the badge

    counted, badges = record(event, store, AT)

    assert counted == 0
    assert [badge.badge for badge in badges] == [Badge.FIRST_IDEA]
    assert store.total("user-a") == 10
    assert record(event, store, AT) == (0, [])


def test_threshold_badges_follow_the_total_overall() -> None:
    store = FakeStore()
    record(an_event("IdeaPublished", eventId="e1", authorId="user-a", brandId="acme"), store, AT)
    counted, badges = record(_votes(0, 95, eventId="e2", authorId="user-a", brandId="globex"), store, AT)

    assert counted == 1
    assert [badge.badge for badge in badges] == [Badge.CONTRIBUTOR]  # 105 overall, across two brands
    assert store.brand_points("acme", "user-a") == 10


def test_an_erasure_forgets_the_person() -> None:
    store = FakeStore()

    assert record(an_event("ErasureRequested", userId="user-a"), store, AT) == (0, [])
    record(an_event("ErasureCompleted", userId="user-a"), store, AT)

    assert store.forgotten == ["user-a", "user-a"]
