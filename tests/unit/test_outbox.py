from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from shared.domain.challenges import Milestone, Phase
from shared.domain.ideas import IdeaStatus, StatusChange, VoteTally
from shared.domain.ladder import expire, start_ladder, tally_idea
from shared.domain.votes import Vote
from shared.events import (
    BrandCreated,
    BrandReinstated,
    BrandSuspended,
    BrandUpdated,
    ChallengeCreated,
    ChallengeUpdated,
    IdeaExpired,
    IdeaMerged,
    IdeaMilestoneReached,
    IdeaStatusChanged,
    IdeaSubmitted,
    IdeaUnmerged,
    IdeaVotesChanged,
    VoteCast,
    VoteCounts,
    VoteRetracted,
)
from shared.services.outbox import ItemChange, events_for_change, in_calls, publish_in_order

from .builders import T0, a_brand, a_challenge, an_idea, an_idea_submitted
from .fakes import FakeEventPublisher

T1 = T0 + timedelta(hours=1)


def a_change(kind: str = "INSERT", *, new=None, old=None, change_id: str = "change-1") -> ItemChange:
    return ItemChange(change_id=change_id, kind=kind, occurred_at=T0, old=old, new=new)  # type: ignore[arg-type]


def test_an_inserted_idea_becomes_one_idea_submitted_event():
    [event] = events_for_change(a_change(new=an_idea()))

    assert isinstance(event, IdeaSubmitted)


def test_the_event_id_is_the_change_id_so_redeliveries_dedupe():
    [event] = events_for_change(a_change(new=an_idea(), change_id="c0ffee"))

    assert event.event_id == "c0ffee"


def test_idea_submitted_carries_the_idea():
    idea = an_idea(tags=("packaging", "logistics"), status=IdeaStatus.PUBLISHED)

    [event] = events_for_change(a_change(new=idea))

    assert event == IdeaSubmitted(
        event_id="change-1",
        occurred_at=idea.created_at,
        idea_id=idea.idea_id,
        challenge_id=idea.challenge_id,
        brand_id=idea.brand_id,
        author_id=idea.author_id,
        title=idea.title,
        status="published",
        tags=["packaging", "logistics"],
    )


def test_a_pending_idea_is_submitted_as_pending():
    [event] = events_for_change(a_change(new=an_idea(status=IdeaStatus.PENDING)))

    assert isinstance(event, IdeaSubmitted)
    assert event.status == "pending"


def test_an_inserted_challenge_becomes_one_challenge_created_event():
    challenge = a_challenge(phase=Phase.DRAFT)

    [event] = events_for_change(a_change(new=challenge, change_id="c-9"))

    assert event == ChallengeCreated(
        event_id="c-9",
        occurred_at=challenge.created_at,
        challenge_id=challenge.challenge_id,
        brand_id=challenge.brand_id,
        title=challenge.title,
        phase="draft",
    )


def test_a_brand_gives_created_then_renamed_suspended_and_reinstated():
    brand = a_brand()
    suspended = a_brand(name="ACME", suspended=True, suspended_reason="unpaid", version=2, updated_at=T1)

    [created] = events_for_change(a_change(new=brand, change_id="b-1"))
    renamed, suspension = events_for_change(a_change("MODIFY", old=brand, new=suspended, change_id="b-2"))
    back = replace(suspended, suspended=False, suspended_reason=None, version=3, updated_at=T0)
    [reinstated] = events_for_change(a_change("MODIFY", old=suspended, new=back, change_id="b-3"))

    assert created == BrandCreated(event_id="b-1", occurred_at=T0, brand_id="acme", name="Acme")
    assert renamed == BrandUpdated(event_id="b-2", occurred_at=T1, brand_id="acme", changed=["name"])
    assert suspension == BrandSuspended(event_id="b-2:1", occurred_at=T1, brand_id="acme", reason="unpaid")
    assert reinstated == BrandReinstated(event_id="b-3", occurred_at=T0, brand_id="acme")


def test_a_challenge_reached_by_a_suspension_says_so_in_challenge_updated():
    [event] = events_for_change(a_change("MODIFY", old=a_challenge(), new=a_challenge(suspended=True, version=2)))

    assert isinstance(event, ChallengeUpdated)
    assert event.changed == ["suspended"]


@pytest.mark.parametrize(
    "change",
    [
        a_change("MODIFY", old=an_idea(), new=an_idea(comment_count=3)),
        a_change("MODIFY", old=a_challenge(), new=a_challenge(version=2)),
        a_change("REMOVE", old=an_idea()),
        a_change("REMOVE", old=a_challenge()),
        a_change("INSERT", new=None),
    ],
    ids=["idea-counter-only", "challenge-version-only", "removed-idea", "removed-challenge", "inserted-unknown-item"],
)
def test_other_changes_produce_no_event(change):
    assert events_for_change(change) == []


def test_a_tally_that_reaches_the_last_rungs_gives_a_milestone_each_then_the_review():
    ladder = (Milestone(1, 5), Milestone(2, 5))
    old = an_idea(ladder=start_ladder(ladder, T0))
    new = tally_idea(old, ladder, VoteTally(2, 0), T0 + timedelta(days=1)).idea

    events = events_for_change(a_change("MODIFY", old=old, new=new, change_id="c1"))

    assert [type(e) for e in events] == [
        IdeaMilestoneReached,
        IdeaMilestoneReached,
        IdeaStatusChanged,
        IdeaVotesChanged,
    ]
    assert [(e.rung, e.final, e.supporters, e.event_id) for e in events[:2]] == [  # type: ignore[attr-defined]
        (1, False, 2, "c1"),
        (2, True, 2, "c1:1"),
    ]
    assert events[2].to_status == "under_review"  # type: ignore[attr-defined]
    counts = VoteCounts(up=2, down=0, score=2)
    assert events[2].votes == events[0].votes == counts  # type: ignore[attr-defined]
    assert (events[3].previous_votes, events[3].votes, events[3].event_id) == (  # type: ignore[attr-defined]
        VoteCounts(up=0, down=0, score=0),
        counts,
        "c1:3",
    )
    assert events_for_change(a_change("MODIFY", old=new, new=new)) == []  # a rung is announced once


def test_an_expired_idea_gives_idea_expired():
    old = an_idea(ladder=start_ladder((Milestone(5, 1),), T0))
    new = expire(old, T0 + timedelta(days=2))

    [event] = events_for_change(a_change("MODIFY", old=old, new=new))

    assert isinstance(event, IdeaExpired)
    assert event.rungs_reached == 0


def test_vote_items_give_vote_cast_and_vote_retracted():
    up = Vote("i1", "u1", "c1", 1, T0)
    down = Vote("i1", "u1", "c1", -1, T0)

    [cast] = events_for_change(a_change("INSERT", new=up))
    [changed] = events_for_change(a_change("MODIFY", old=up, new=down))
    [retracted] = events_for_change(a_change("REMOVE", old=down))

    assert isinstance(cast, VoteCast)
    assert (cast.value, cast.previous_value, cast.voter_id) == (1, None, "u1")
    assert isinstance(changed, VoteCast)
    assert (changed.value, changed.previous_value) == (-1, 1)
    assert isinstance(retracted, VoteRetracted)
    assert retracted.value == -1
    assert events_for_change(a_change("MODIFY", old=up, new=up)) == []


def test_a_merge_and_its_undoing_give_idea_merged_and_idea_unmerged():
    change = StatusChange(IdeaStatus.PUBLISHED, IdeaStatus.MERGED, T0, "mod-1")
    source = an_idea()
    merged = replace(source, status=IdeaStatus.MERGED, merged_into="idea-9", history=(change,))
    back = StatusChange(IdeaStatus.MERGED, IdeaStatus.PUBLISHED, T0, "mod-2")
    restored = replace(merged, status=IdeaStatus.PUBLISHED, merged_into=None, history=(change, back))

    [merge] = events_for_change(a_change("MODIFY", old=source, new=merged))
    [unmerge] = events_for_change(a_change("MODIFY", old=merged, new=restored))

    assert isinstance(merge, IdeaMerged)
    assert (merge.target_idea_id, merge.from_status, merge.merged_by) == ("idea-9", "published", "mod-1")
    assert isinstance(unmerge, IdeaUnmerged)
    assert (unmerge.target_idea_id, unmerge.to_status, unmerge.unmerged_by) == ("idea-9", "published", "mod-2")


@pytest.mark.parametrize(
    ("sizes", "groups"),
    [
        ([], []),
        ([1] * 25, [range(0, 10), range(10, 20), range(20, 25)]),
        ([1, 1, 1, 2, 2, 2, 2], [range(0, 6), range(6, 7)]),  # the 4th pair does not fit the first call
        ([0, 3, 12, 0, 1], [range(0, 2), range(2, 3), range(3, 5)]),  # too big for a call: alone
    ],
)
def test_records_are_grouped_into_put_events_calls_without_splitting_one(sizes, groups):
    assert in_calls(sizes, limit=10) == groups


def test_sending_stops_at_the_first_call_not_sent_entirely_and_names_the_first_record_left():
    records = [[an_idea_submitted("e1")], [an_idea_submitted("e2"), an_idea_submitted("e3")], [an_idea_submitted("e4")]]
    publisher = FakeEventPublisher(failing=["e3"])

    first, sent = publish_in_order(publisher, records, limit=2)

    assert (first, sent) == (1, 2)  # the second record is left (its e2 went, e3 did not)
    assert [event.event_id for event in publisher.sent] == ["e1", "e2"]  # e4 was never offered
