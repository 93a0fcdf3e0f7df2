"""Who hears what: each event's notice and audience."""

from __future__ import annotations

from typing import Any

import pytest

from shared.domain.inbox import Audience, recipients
from shared.domain.notification_prefs import NOTIFIED
from shared.events import EVENTS_BY_TYPE
from shared.services.notices import RENDERERS, notice_for
from tests.builders import an_event

from .builders import T0


def _built(detail_type: str, **detail: Any) -> Any:
    built = notice_for(an_event(detail_type, **detail), T0)
    assert built is not None
    return built


@pytest.mark.parametrize(
    ("detail_type", "detail", "audience", "message"),
    [
        (
            "IdeaPublished",
            {"authorId": "pat", "title": "Refills"},
            Audience(frozenset({"pat"})),
            "“Refills” is published.",
        ),
        (
            "IdeaMilestoneReached",
            {"authorId": "pat", "title": "Refills", "rung": 1, "supporters": 100},
            Audience(frozenset({"pat"}), followers_of="i1", challenge_creator_of="c1"),
            "“Refills” reached milestone 1 with 100 supporters.",
        ),
        (
            "IdeaMerged",
            {"authorId": "pat", "title": "Refills", "targetIdeaId": "i2", "mergedBy": "mia"},
            Audience(frozenset({"pat"}), followers_of="i1"),
            "“Refills” was merged into another idea (i2).",
        ),
        ("IdeaExpired", {"authorId": "pat"}, Audience(frozenset({"pat"})), "your idea missed its support window."),
        (
            "ModerationDecided",
            {
                "authorId": "pat",
                "targetType": "idea",
                "targetId": "i1",
                "action": "reject",
                "reason": "spam",
                "moderatorId": "mia",
            },
            Audience(frozenset({"pat"})),
            "Your idea was rejected by a moderator (reason: spam).",
        ),
        (
            "ContentHidden",
            {"authorId": "pat", "targetType": "comment", "targetId": "k1", "reason": None},
            Audience(frozenset({"pat"})),
            "Your comment is hidden pending review (reason: none given).",
        ),
        (
            "AppealFiled",
            {"authorId": "pat", "brandId": "acme", "targetType": "idea", "targetId": "i1"},
            Audience(brand_staff_of="acme"),
            "An appeal awaits a decision (idea i1).",
        ),
        (
            "BadgeAwarded",
            {"userId": "pat", "badge": "shipped-idea", "name": "Shipped idea"},
            Audience(frozenset({"pat"})),
            "You earned the badge “Shipped idea”. See it on your profile.",
        ),
        (
            "IdeaStatusChanged",
            {"authorId": "pat", "title": "Refills", "toStatus": "shipped", "changedBy": "ada"},
            Audience(frozenset({"pat"}), followers_of="i1"),  # the idea's followers: its voters among them
            "“Refills” is now shipped. If you supported or followed it before it shipped, rate it 1-5 and write a "
            "review.",
        ),
        (
            "ContentScreened",
            {"authorId": "pat", "brandId": "acme", "targetType": "idea", "targetId": "i1", "decision": "hold"},
            Audience(brand_staff_of="acme"),
            "A new item awaits review (idea i1).",
        ),
    ],
)
def test_each_event_has_its_audience(
    detail_type: str, detail: dict[str, Any], audience: Audience, message: str
) -> None:
    notice, got = _built(detail_type, **detail)

    assert got == audience
    assert notice.message == message


def test_comments_reach_the_parent_author_and_official_ones_the_followers() -> None:
    reply, to_parent = _built("CommentPosted", authorId="oscar", parentAuthorId="pat", official=False)
    official, to_followers = _built("CommentPosted", authorId="ada", parentAuthorId=None, official=True)

    assert (reply.message, to_parent) == ("A reply on an idea you follow.", Audience(frozenset({"pat"})))
    assert to_followers.followers_of == "i1"
    assert official.message.startswith("An official answer")
    assert recipients(frozenset({"pat", "oscar"}), reply) == {"pat"}  # nobody hears of their own action
    assert recipients(frozenset({"pat", "former-1a2b"}), reply) == {"pat"}  # an erased voter's pseudonym


def test_quiet_events_make_no_notice() -> None:
    assert notice_for(an_event("VoteCast"), T0) is None
    assert notice_for(an_event("ContentScreened", decision="approve"), T0) is None


def test_a_phase_change_is_told_to_the_followers_of_the_challenges_ideas() -> None:
    detail = {"challengeId": "ch-1", "title": "Greener packaging", "toPhase": "voting"}
    built = notice_for(an_event("ChallengePhaseChanged", **detail), T0)

    assert built is not None
    notice, audience = built
    assert notice.message == "“Greener packaging” moved to its voting phase. Voting is open."
    assert (notice.challenge_id, notice.idea_id) == ("ch-1", None)
    assert audience == Audience(followers_of_challenge="ch-1")


def test_exactly_the_notified_event_types_make_notices() -> None:
    assert {event.detail_type() for event in RENDERERS} == set(NOTIFIED)
    assert set(NOTIFIED) <= set(EVENTS_BY_TYPE)


def test_a_status_change_reads_with_the_brands_label_and_the_official_response() -> None:
    event = an_event("IdeaStatusChanged", title="Refills", toStatus="under_review", response="We love it")

    default, labelled = notice_for(event, T0), notice_for(event, T0, "Being evaluated")

    assert default is not None
    assert labelled is not None
    assert default[0].message == "“Refills” is now under review. Official response: We love it"
    assert labelled[0].message.startswith("“Refills” is now Being evaluated.")
