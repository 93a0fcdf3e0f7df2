"""Vote rules, the tally's fold, and the vote use cases on an in-memory vote repository."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime

import pytest

from shared.domain.challenges import Phase, VoteModel
from shared.domain.errors import (
    ConflictError,
    ForbiddenError,
    NotFoundError,
    RuleViolationError,
    UnauthorizedError,
    ValidationError,
)
from shared.domain.ideas import IdeaStatus
from shared.domain.principal import ANONYMOUS
from shared.domain.surveys import QuestionKind, SurveyQuestion
from shared.domain.votes import Vote, VoteChange, tally_deltas
from shared.services import votes as service
from shared.services.ports import Key, Page

from .builders import a_challenge, a_participant, an_idea
from .fakes import InMemoryChallengeRepository, InMemoryIdeaRepository

VOTER = a_participant("voter-1")


class InMemoryVoteRepository:
    """VoteRepository: conditional writes as the store makes them; ``race`` runs once before a write."""

    def __init__(self) -> None:
        self.votes: dict[tuple[str, str], Vote] = {}
        self.used: dict[tuple[str, str], int] = {}
        self.writes = 0
        self.race: Callable[[], None] | None = None

    def _before_write(self) -> None:
        race, self.race = self.race, None
        if race:
            race()

    def get(self, idea_id: str, voter_id: str) -> Vote | None:
        return self.votes.get((idea_id, voter_id))

    def add(self, vote: Vote, budget: int | None) -> None:
        self._before_write()
        if (vote.idea_id, vote.voter_id) in self.votes:
            raise ConflictError("exists")
        spent = self.used.get((vote.challenge_id, vote.voter_id), 0)
        if budget is not None and spent >= budget:
            raise RuleViolationError("budget")
        self.votes[(vote.idea_id, vote.voter_id)] = vote
        self.used[(vote.challenge_id, vote.voter_id)] = spent + 1
        self.writes += 1

    def change(self, vote: Vote, expected_value: int) -> None:
        self._before_write()
        current = self.votes.get((vote.idea_id, vote.voter_id))
        if current is None or current.value != expected_value:
            raise ConflictError("changed")
        self.votes[(vote.idea_id, vote.voter_id)] = vote
        self.writes += 1

    def remove(self, vote: Vote, budget: int | None) -> None:
        self._before_write()
        current = self.votes.get((vote.idea_id, vote.voter_id))
        if current is None or current.value != vote.value:
            raise ConflictError("changed")
        del self.votes[(vote.idea_id, vote.voter_id)]
        if not current.refunded:
            self.used[(vote.challenge_id, vote.voter_id)] -= 1
        self.writes += 1

    def votes_of_idea(self, idea_id: str) -> Iterator[Vote]:
        yield from [v for v in self.votes.values() if v.idea_id == idea_id]

    def refund(self, vote: Vote) -> bool:
        current = self.votes.get((vote.idea_id, vote.voter_id))
        if current is None or current.refunded:
            return False
        self.votes[(vote.idea_id, vote.voter_id)] = replace(current, refunded=True)
        self.used[(vote.challenge_id, vote.voter_id)] -= 1
        self.writes += 1
        return True

    def list_mine(self, voter_id: str, challenge_id: str, *, limit: int, start: Key | None) -> Page[Vote]:
        mine = [v for v in self.votes.values() if (v.voter_id, v.challenge_id) == (voter_id, challenge_id)]
        return Page(mine[:limit], None)


def _ports(**challenge: object) -> tuple[InMemoryIdeaRepository, InMemoryChallengeRepository, InMemoryVoteRepository]:
    ideas = InMemoryIdeaRepository(an_idea(), an_idea(idea_id="idea-2"), an_idea(idea_id="idea-3"))
    return ideas, InMemoryChallengeRepository(a_challenge(**challenge)), InMemoryVoteRepository()


def _cast(ports: tuple, value: int = 1, idea_id: str = "idea-1", clock: Callable[[], datetime] | None = None) -> Vote:  # type: ignore[type-arg]
    ideas, challenges, votes = ports
    kwargs = {"clock": clock} if clock else {}
    return service.cast_vote(VOTER, idea_id, value, ideas, challenges, votes, **kwargs)


def test_a_vote_is_stored_once_and_the_same_vote_again_answers_the_first() -> None:
    ports = _ports()

    first = _cast(ports)
    second = _cast(ports, clock=lambda: datetime(2030, 1, 1).astimezone())

    assert first == second
    assert ports[2].writes == 1


def test_a_changed_value_is_written_once() -> None:
    ports = _ports(vote_model=VoteModel.UPDOWN)
    _cast(ports, 1)

    changed = _cast(ports, -1)

    assert changed.value == -1
    assert ports[2].writes == 2


@pytest.mark.parametrize(
    ("challenge", "idea", "voter", "value", "error"),
    [
        ({}, {}, "voter-1", -1, ValidationError),
        ({"vote_model": VoteModel.UPDOWN}, {}, "voter-1", 2, ValidationError),
        ({}, {"status": IdeaStatus.UNDER_REVIEW}, "voter-1", 1, RuleViolationError),
        ({"phase": Phase.REVIEW}, {}, "voter-1", 1, RuleViolationError),
        ({"phase": Phase.DRAFT}, {}, "voter-1", 1, RuleViolationError),
        ({}, {"author_id": "voter-1"}, "voter-1", 1, ForbiddenError),
    ],
)
def test_each_refusal_has_its_error_and_writes_nothing(
    challenge: dict[str, object], idea: dict[str, object], voter: str, value: int, error: type[Exception]
) -> None:
    ideas = InMemoryIdeaRepository(an_idea(**idea))
    votes = InMemoryVoteRepository()

    with pytest.raises(error):
        service.cast_vote(
            a_participant(voter), "idea-1", value, ideas, InMemoryChallengeRepository(a_challenge(**challenge)), votes
        )
    assert votes.writes == 0


def test_an_author_votes_for_their_own_idea_when_allowed() -> None:
    ideas, challenges, votes = _ports(allow_self_vote=True)

    vote = service.cast_vote(a_participant("user-1"), "idea-1", 1, ideas, challenges, votes)

    assert vote.voter_id == "user-1"


def test_unknown_ideas_invisible_ideas_and_missing_challenges_are_not_found() -> None:
    ideas = InMemoryIdeaRepository(an_idea(status=IdeaStatus.PENDING), an_idea(idea_id="orphan", challenge_id="gone"))
    challenges, votes = InMemoryChallengeRepository(a_challenge()), InMemoryVoteRepository()

    for idea_id in ("nope", "idea-1", "orphan"):
        with pytest.raises(NotFoundError):
            service.cast_vote(VOTER, idea_id, 1, ideas, challenges, votes)
        with pytest.raises(NotFoundError):
            service.retract_vote(VOTER, idea_id, ideas, challenges, votes)


def test_anonymous_callers_must_sign_in() -> None:
    ideas, challenges, votes = _ports()

    with pytest.raises(UnauthorizedError):
        service.cast_vote(ANONYMOUS, "idea-1", 1, ideas, challenges, votes)
    with pytest.raises(UnauthorizedError):
        service.list_my_votes(ANONYMOUS, "ch-1", votes, limit=10, start=None)


def test_the_budget_refuses_a_vote_past_it() -> None:
    ports = _ports(vote_budget=2)
    _cast(ports, idea_id="idea-1")
    _cast(ports, idea_id="idea-2")

    with pytest.raises(RuleViolationError):
        _cast(ports, idea_id="idea-3")


def test_a_concurrent_first_vote_of_the_same_voter_is_read_again() -> None:
    ports = _ports(vote_model=VoteModel.UPDOWN)
    votes = ports[2]
    votes.race = lambda: votes.votes.__setitem__(
        ("idea-1", "voter-1"), Vote("idea-1", "voter-1", "ch-1", -1, datetime.now())
    )

    vote = _cast(ports, 1)

    assert vote.value == 1
    assert votes.get("idea-1", "voter-1") == vote


def test_a_vote_that_keeps_changing_gives_up_with_a_conflict() -> None:
    ports = _ports(vote_model=VoteModel.UPDOWN)
    votes = ports[2]
    _cast(ports, 1)

    class AlwaysRacing(InMemoryVoteRepository):
        def change(self, vote: Vote, expected_value: int) -> None:
            raise ConflictError("changed")

        def remove(self, vote: Vote, budget: int | None) -> None:
            raise ConflictError("changed")

    racing = AlwaysRacing()
    racing.votes = votes.votes
    with pytest.raises(ConflictError):
        service.cast_vote(VOTER, "idea-1", -1, ports[0], ports[1], racing)
    with pytest.raises(ConflictError):
        service.retract_vote(VOTER, "idea-1", ports[0], ports[1], racing)


def test_a_retract_removes_the_vote_gives_the_budget_back_and_is_harmless_twice() -> None:
    ports = _ports(vote_budget=1)
    ideas, challenges, votes = ports
    _cast(ports)

    service.retract_vote(VOTER, "idea-1", ideas, challenges, votes)
    service.retract_vote(VOTER, "idea-1", ideas, challenges, votes)

    assert votes.get("idea-1", "voter-1") is None
    assert _cast(ports, idea_id="idea-2").idea_id == "idea-2"


def test_a_retract_racing_another_retract_is_harmless() -> None:
    ports = _ports()
    ideas, challenges, votes = ports
    _cast(ports)
    votes.race = votes.votes.clear

    service.retract_vote(VOTER, "idea-1", ideas, challenges, votes)

    assert votes.votes == {}


def test_a_retract_is_refused_once_voting_closed() -> None:
    ideas, challenges, votes = _ports(phase=Phase.REVIEW)

    with pytest.raises(RuleViolationError):
        service.retract_vote(VOTER, "idea-1", ideas, challenges, votes)


def test_my_votes_are_the_callers_in_the_challenge() -> None:
    ports = _ports()
    _cast(ports)

    page = service.list_my_votes(VOTER, "ch-1", ports[2], limit=10, start=None)

    assert [v.idea_id for v in page.items] == ["idea-1"]


def _change(n: int, idea: str, old: int | None, new: int | None) -> VoteChange:
    return VoteChange(f"evt-{n}", idea, old, new)


def test_the_tally_folds_casts_changes_and_retracts_into_one_delta_per_idea() -> None:
    changes = [
        _change(1, "a", None, 1),
        _change(2, "b", None, -1),
        _change(3, "a", 1, -1),
        _change(4, "a", None, 1),
        _change(5, "b", -1, None),
    ]

    deltas = tally_deltas(changes)

    assert [(d.idea_id, d.counts.up, d.counts.down, d.counts.score) for d in deltas] == [("a", 1, 1, 0), ("b", 0, 0, 0)]
    assert deltas[1].change_ids == ("evt-2", "evt-5")  # a cancelled-out pair is still marked as counted


def test_a_record_met_twice_in_a_batch_counts_once() -> None:
    # its two claim puts would each find the marker theirs (decision 71)
    [delta] = tally_deltas([_change(1, "a", None, 1), _change(1, "a", None, 1), _change(2, "a", None, 1)])

    assert (delta.counts.up, delta.change_ids) == (2, ("evt-1", "evt-2"))


def test_a_closed_idea_refunds_each_active_vote_once() -> None:
    ports = _ports(vote_budget=2)
    ideas, challenges, votes = ports
    _cast(ports)
    service.cast_vote(a_participant("voter-2"), "idea-1", 1, ideas, challenges, votes)
    _cast(ports, idea_id="idea-2")

    refunded = service.refund_budgets("idea-1", "ch-1", challenges, votes)
    again = service.refund_budgets("idea-1", "ch-1", challenges, votes)

    assert (refunded, again) == (2, 0)
    assert votes.used[("ch-1", "voter-1")] == 1  # idea-2's vote still counts
    service.retract_vote(VOTER, "idea-1", ideas, challenges, votes)
    assert votes.used[("ch-1", "voter-1")] == 1  # a refunded vote gives nothing back twice


def test_no_budget_no_refund() -> None:
    ports = _ports()
    _cast(ports)

    assert service.refund_budgets("idea-1", "ch-1", ports[1], ports[2]) == 0
    assert service.refund_budgets("idea-1", "missing", ports[1], ports[2]) == 0


def test_a_supporter_without_answers_keeps_those_a_concurrent_request_gave() -> None:
    colour = SurveyQuestion("colour", "Which colour?", QuestionKind.SINGLE, options=("red", "blue"))
    ports = _ports(vote_model=VoteModel.UPDOWN, survey=(colour,))
    ideas, challenges, votes = ports
    _cast(ports, -1)
    down = votes.get("idea-1", "voter-1")
    assert down is not None

    def same_voter_supports_with_an_answer() -> None:
        votes.votes[("idea-1", "voter-1")] = replace(down, value=1, answers={"colour": "red"}, answer_keys=("colour",))

    votes.race = same_voter_supports_with_an_answer
    service.cast_vote(VOTER, "idea-1", 1, ideas, challenges, votes)  # no answers: keep what is there

    assert dict(votes.votes[("idea-1", "voter-1")].answers) == {"colour": "red"}


def test_a_down_vote_takes_no_answers_and_drops_the_ones_given() -> None:
    colour = SurveyQuestion("colour", "Which colour?", QuestionKind.SINGLE, options=("red", "blue"), required=True)
    ports = _ports(vote_model=VoteModel.UPDOWN, survey=(colour,))
    ideas, challenges, votes = ports
    service.cast_vote(VOTER, "idea-1", 1, ideas, challenges, votes, answers={"colour": "blue"})

    with pytest.raises(ValidationError) as refused:
        service.cast_vote(VOTER, "idea-1", -1, ideas, challenges, votes, answers={"colour": "red"})
    down = service.cast_vote(VOTER, "idea-1", -1, ideas, challenges, votes)
    with pytest.raises(ValidationError) as asked:
        service.cast_vote(VOTER, "idea-1", 1, ideas, challenges, votes)  # a supporter again: asked again

    assert refused.value.field == "answers"
    assert (down.value, dict(down.answers), down.answer_keys) == (-1, {}, ())
    assert asked.value.field == "answers.colour"
