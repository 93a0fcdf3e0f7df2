"""The tally use case against a fake store: claims, stale reads, fences and failures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest

from shared.domain.challenges import Milestone
from shared.domain.errors import ConflictError
from shared.domain.ideas import Idea, IdeaStatus, TrendPoint, VoteTally
from shared.domain.ladder import start_ladder
from shared.domain.surveys import SurveyTally
from shared.domain.votes import TallyDelta, VoteChange, tally_deltas
from shared.services.ports.tally import FencedError, StaleIdeaError
from shared.services.tally import MAX_COMMIT_ATTEMPTS, TallyNotAppliedError, count_changes, count_delta
from tests.unit.builders import T0, an_idea


@dataclass
class FakeTallyStore:
    ideas: dict[str, Idea]
    ladders: dict[str, tuple[Milestone, ...]] = field(default_factory=dict)
    counted: set[str] = field(default_factory=set)
    stale: int = 0  # commits that find the idea changed, before one goes through
    fenced: set[str] = field(default_factory=set)  # batches declared dead
    commits: list[tuple[str, str]] = field(default_factory=list)  # (batch, idea id) written
    points: list[TrendPoint] = field(default_factory=list)  # trend points written with them
    surveys: dict[str, SurveyTally] = field(default_factory=dict)
    survey_reads: int = 0

    def claim(self, delta: TallyDelta, batch: str) -> list[VoteChange]:
        return [change for change in delta.changes if change.change_id not in self.counted]

    def idea(self, idea_id: str) -> Idea | None:
        return self.ideas.get(idea_id)

    def ladder(self, challenge_id: str) -> tuple[Milestone, ...]:
        return self.ladders.get(challenge_id, ())

    def survey(self, idea_id: str) -> SurveyTally:
        self.survey_reads += 1
        return self.surveys.get(idea_id, SurveyTally({}))

    def commit(
        self,
        batch: str,
        idea_id: str,
        change: tuple[Idea, Idea] | None,
        point: TrendPoint | None = None,
        survey: tuple[SurveyTally, SurveyTally] | None = None,
    ) -> None:
        if batch in self.fenced:
            raise FencedError(batch)
        if change is not None:
            if self.stale:
                self.stale -= 1
                raise StaleIdeaError(idea_id)
            assert self.ideas[idea_id] == change[0]
            self.ideas[idea_id] = change[1]
        if survey is not None:
            assert self.surveys.get(idea_id, SurveyTally({})) == survey[0]
            self.surveys[idea_id] = survey[1]
        self.commits.append((batch, idea_id))
        if point is not None:
            self.points.append(point)


def _change(n: int, idea_id: str = "idea-1", old: int | None = None, new: int | None = 1) -> VoteChange:
    return VoteChange(f"evt-{n}", idea_id, old, new, T0 + timedelta(minutes=n))


def _batches(*ids: str) -> Callable[[], str]:
    return iter(ids).__next__


def test_a_delta_is_counted_into_its_idea_in_one_commit() -> None:
    store = FakeTallyStore({"idea-1": an_idea(votes=VoteTally(3, 1))})
    [delta] = tally_deltas([_change(1), _change(2), _change(3, old=1, new=-1)])

    assert count_delta(delta, store, batch_ids=_batches("b1")) is True
    assert store.ideas["idea-1"].votes == VoteTally(4, 2)
    assert store.commits == [("b1", "idea-1")]
    assert store.points == [TrendPoint(T0.replace(minute=0, second=0, microsecond=0), VoteTally(4, 2))]


def test_changes_counted_before_are_a_replay_and_write_nothing() -> None:
    store = FakeTallyStore({"idea-1": an_idea()}, counted={"evt-1"})
    [delta] = tally_deltas([_change(1)])

    assert count_delta(delta, store) is False
    assert store.commits == []


def test_a_stale_read_is_read_again_after_a_pause() -> None:
    store = FakeTallyStore({"idea-1": an_idea()}, stale=2)
    pauses: list[int] = []
    [delta] = tally_deltas([_change(1)])

    count_delta(delta, store, pause=pauses.append)

    assert (store.ideas["idea-1"].votes, pauses) == (VoteTally(1, 0), [1, 2])


def test_an_idea_that_keeps_changing_fails_the_delta() -> None:
    store = FakeTallyStore({"idea-1": an_idea()}, stale=MAX_COMMIT_ATTEMPTS)
    [delta] = tally_deltas([_change(1)])

    with pytest.raises(ConflictError):
        count_delta(delta, store, pause=lambda _: None)
    assert store.ideas["idea-1"].votes == VoteTally()


def test_a_fenced_attempt_claims_again_under_a_new_batch() -> None:
    store = FakeTallyStore({"idea-1": an_idea()}, fenced={"first"})
    [delta] = tally_deltas([_change(1)])

    count_delta(delta, store, batch_ids=_batches("first", "second"))

    assert store.commits == [("second", "idea-1")]


def test_votes_on_a_missing_idea_write_only_the_ledger() -> None:
    store = FakeTallyStore({})
    [delta] = tally_deltas([_change(1, idea_id="gone")])

    assert count_delta(delta, store, batch_ids=_batches("b1")) is True
    assert store.commits == [("b1", "gone")]


def test_rungs_are_judged_at_the_time_of_the_latest_vote() -> None:
    ladder = (Milestone(supporters=2, within_days=30),)
    idea = an_idea(status=IdeaStatus.PUBLISHED, ladder=start_ladder(ladder, T0))
    store = FakeTallyStore({"idea-1": idea}, ladders={idea.challenge_id: ladder})
    [delta] = tally_deltas([_change(1), _change(7)])

    count_delta(delta, store)

    assert store.ideas["idea-1"].ladder.reached == (T0 + timedelta(minutes=7),)


def test_one_failing_idea_reports_its_changes_and_the_others_still_count() -> None:
    store = FakeTallyStore({"idea-1": an_idea()}, counted={"evt-3"})
    changes = {"s1": _change(1, idea_id="missing-read"), "s2": _change(2), "s3": _change(3)}
    store.idea = lambda idea_id: store.ideas[idea_id]  # type: ignore[method-assign] - a KeyError for one idea

    report = count_changes(changes, store)

    assert (report.applied, report.replayed, sorted(report.failed)) == (1, 0, ["s1"])
    assert isinstance(report.failed["s1"], TallyNotAppliedError)
    assert store.ideas["idea-1"].votes == VoteTally(1, 0)


def test_a_batch_of_only_replays_is_reported_as_such() -> None:
    store = FakeTallyStore({"idea-1": an_idea()}, counted={"evt-1"})

    report = count_changes({"s1": _change(1)}, store)

    assert (report.applied, report.replayed, report.failed) == (0, 1, {})


def _answered(n: int, old: tuple[str, ...], new: tuple[str, ...], *, old_value: int | None = 1) -> VoteChange:
    new_value = 1 if new else None
    return VoteChange(f"evt-{n}", "idea-1", old_value if old else None, new_value, T0, old_keys=old, new_keys=new)


def test_survey_answers_are_counted_in_the_same_commit_and_a_retract_takes_them_back() -> None:
    store = FakeTallyStore({"idea-1": an_idea()})
    changes = [
        _answered(1, (), ("price", "price=20", "colour", "colour:0")),
        _answered(2, (), ("price", "price=30")),
        _answered(3, ("price", "price=20", "colour", "colour:0"), ()),  # the first voter retracted
    ]
    [delta] = tally_deltas(changes)

    assert count_delta(delta, store, batch_ids=_batches("b1")) is True
    assert store.commits == [("b1", "idea-1")]  # one commit for votes and answers
    assert store.surveys["idea-1"] == SurveyTally({"price": 1, "price=30": 1}, version=1)


def test_a_batch_without_answers_reads_and_writes_no_survey_counts() -> None:
    store = FakeTallyStore({"idea-1": an_idea()})
    [delta] = tally_deltas([_change(1), _change(2)])

    count_delta(delta, store, batch_ids=_batches("b1"))

    assert (store.survey_reads, store.surveys) == (0, {})


def test_a_stale_commit_reads_the_survey_counts_again() -> None:
    store = FakeTallyStore({"idea-1": an_idea()}, stale=1, surveys={"idea-1": SurveyTally({"price": 2}, 4)})
    [delta] = tally_deltas([_answered(1, (), ("price",))])

    count_delta(delta, store, batch_ids=_batches("b1"), pause=lambda _: None)

    assert store.survey_reads == 2
    assert store.surveys["idea-1"] == SurveyTally({"price": 3}, 5)
