"""The tally use case: count a batch of vote changes into their ideas, exactly once.

The changes are folded into one delta per idea. For each, an attempt (a fresh batch id) claims its
changes, reads the idea and its ladder, asks the domain for the idea after the delta
(``tally_idea``) and commits it with the attempt's ledger. A stale read is read again (with a
little jittered back-off); a fenced attempt claims again under a new id. What is claimed and how
the fence works belong to the store (see DynamoTallyStore)."""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from shared.domain.errors import ConflictError
from shared.domain.ideas import TrendPoint
from shared.domain.ladder import tally_idea
from shared.domain.votes import TallyDelta, VoteChange, latest, survey_counts, tally_counts, tally_deltas
from shared.observability import logger
from shared.services.ports import Clock, now_ms, utc_now
from shared.services.ports.tally import FencedError, StaleIdeaError, TallyStore

MAX_COMMIT_ATTEMPTS = 10  # other shards' tallies of the same idea, or an edit, wrote meanwhile
MAX_ROUNDS = 5  # claim, settle, commit rounds before the batch is failed for a retry


class TallyNotAppliedError(RuntimeError):
    """The delta's idea could not be updated; its records are retried."""


def new_batch_id() -> str:
    return uuid.uuid4().hex


def back_off(attempt: int) -> None:
    """Full jitter, growing with the attempt, at most a second."""
    time.sleep(random.uniform(0, min(1.0, 0.02 * 2**attempt)))  # noqa: S311 - not security


@dataclass
class TallyReport:
    applied: int = 0  # deltas written
    replayed: int = 0  # deltas whose changes were all counted before
    failed: dict[str, Exception] = field(default_factory=dict)  # by the caller's key of each change


def count_changes(
    changes: Mapping[str, VoteChange],
    store: TallyStore,
    *,
    clock: Clock = utc_now,
    batch_ids: Callable[[], str] = new_batch_id,
    pause: Callable[[int], None] = back_off,
) -> TallyReport:
    """Count ``changes`` (keyed by the caller's id of each, e.g. the stream sequence number). One
    idea failing does not stop the others; its changes are reported failed."""
    key_of = {change.change_id: key for key, change in changes.items()}
    report = TallyReport()
    for delta in tally_deltas(changes.values()):
        try:
            if count_delta(delta, store, clock=clock, batch_ids=batch_ids, pause=pause):
                report.applied += 1
            else:
                report.replayed += 1
        except Exception as exc:  # noqa: BLE001 - other ideas of the batch still count
            logger.exception("Tally not applied", extra={"idea_id": delta.idea_id})
            for change_id in delta.change_ids:
                report.failed[key_of[change_id]] = TallyNotAppliedError(f"idea {delta.idea_id}: {exc}")
    return report


def count_delta(
    delta: TallyDelta,
    store: TallyStore,
    *,
    clock: Clock = utc_now,
    batch_ids: Callable[[], str] = new_batch_id,
    pause: Callable[[int], None] = back_off,
) -> bool:
    """Count the changes of ``delta`` not counted before. False when all were counted before."""
    for _ in range(MAX_ROUNDS):
        batch = batch_ids()
        claimed = store.claim(delta, batch)
        if not claimed:
            return False
        try:
            _commit(delta.idea_id, claimed, batch, store, clock, pause)
        except FencedError:
            logger.warning("Tally attempt fenced off; claiming again", extra={"idea_id": delta.idea_id})
            continue
        return True
    raise ConflictError(f"tallying idea {delta.idea_id}: claims kept changing hands")


def _commit(
    idea_id: str, changes: list[VoteChange], batch: str, store: TallyStore, clock: Clock, pause: Callable[[int], None]
) -> None:
    counts = tally_counts(changes)
    answers = survey_counts(changes)  # most challenges ask nothing: no read, no write
    for attempt in range(MAX_COMMIT_ATTEMPTS):
        if attempt:
            pause(attempt)
        idea = store.idea(idea_id)
        if idea is None:
            logger.warning("Votes on a missing idea are not counted", extra={"idea_id": idea_id})
            store.commit(batch, idea_id, None)
            return
        at = latest(changes) or now_ms(clock)  # rungs are judged at the time of the votes
        after = tally_idea(idea, store.ladder(idea.challenge_id), counts, at).idea
        survey = None
        if answers:
            before = store.survey(idea_id)
            survey = (before, before.plus(answers))
        try:
            store.commit(batch, idea_id, (idea, after), TrendPoint.at(at, after.votes), survey)
        except StaleIdeaError:
            continue
        return
    raise ConflictError(f"tallying idea {idea_id}: it kept changing")
