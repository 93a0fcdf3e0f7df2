from __future__ import annotations

import pytest

from shared.domain.challenges import Phase
from shared.domain.ideas import IdeaStatus
from shared.events import ChallengeCreated, IdeaSubmitted
from shared.services.outbox import ItemChange, events_for_change

from .builders import T0, a_challenge, an_idea


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
