"""Use cases of the votes function (cast or change a vote, retract it, list mine) and of the ballots
function (budgets given back when an idea closes)."""

from __future__ import annotations

from collections.abc import Mapping

from shared.domain.errors import ConflictError, NotFoundError, RuleViolationError, ValidationError
from shared.domain.ideas import Idea, IdeaStatus
from shared.domain.limits import LimitedAction
from shared.domain.principal import Principal
from shared.domain.surveys import answer_keys, check_answers
from shared.domain.votes import Recharge, Vote, check_retract, check_vote
from shared.observability import logger
from shared.services.limits import admit
from shared.services.ports import Clock, Key, Page, now_ms, utc_now
from shared.services.ports.challenges import ChallengeRepository
from shared.services.ports.ideas import IdeaRepository
from shared.services.ports.limits import RateLimiter
from shared.services.ports.votes import VoteRepository

MAX_ATTEMPTS = 3  # a concurrent change of the same vote makes a write's condition fail: read again
MODERATED_AWAY = frozenset({IdeaStatus.HIDDEN, IdeaStatus.REJECTED})
BACK_IN_VOTING = frozenset({IdeaStatus.PUBLISHED, IdeaStatus.UNDER_REVIEW})


def _visible_idea(principal: Principal, idea_id: str, ideas: IdeaRepository) -> Idea:
    idea = ideas.get(idea_id)
    if idea is None or not idea.visible_to(principal):
        raise NotFoundError(f"No idea {idea_id!r}.")
    return idea


def cast_vote(
    principal: Principal,
    idea_id: str,
    value: int,
    ideas: IdeaRepository,
    challenges: ChallengeRepository,
    votes: VoteRepository,
    clock: Clock = utc_now,
    limiter: RateLimiter | None = None,
    answers: Mapping[str, object] | None = None,
) -> Vote:
    """Cast or change the caller's vote, with answers to the challenge's survey (``None`` keeps
    the answers given before; a new up vote must answer the required questions). The survey is
    asked of supporters: a down vote takes no answers (422) and drops those given with an up vote.
    The same vote and answers again change nothing and answer the same (and take no rate-limit
    slot)."""
    voter_id = principal.require_signed_in()
    idea = _visible_idea(principal, idea_id, ideas)
    challenge = challenges.get(idea.challenge_id)
    if challenge is None:
        raise NotFoundError(f"No challenge {idea.challenge_id!r}.")
    check_vote(idea, challenge, voter_id, value)
    supporting = value > 0
    if not supporting and answers:
        raise ValidationError("The survey is answered with support (an up vote), not a down vote.", field="answers")
    given = {} if not supporting else None if answers is None else check_answers(challenge.survey, answers)
    admitted = False
    for _ in range(MAX_ATTEMPTS):
        current = votes.get(idea_id, voter_id)
        if given is not None:
            chosen = given
        elif current is None or current.value <= 0:  # a new supporter: the required questions are asked
            chosen = check_answers(challenge.survey, {})
        else:
            chosen = dict(current.answers)  # decided again on each attempt: a concurrent change's are kept
        if current is not None and current.value == value and dict(current.answers) == chosen:
            return current
        if not admitted:
            admit(limiter, principal, challenge, LimitedAction.VOTES, clock)
            admitted = True
        keys = answer_keys(challenge.survey, chosen)
        vote = Vote(idea_id, voter_id, idea.challenge_id, value, now_ms(clock), answers=chosen, answer_keys=keys)
        try:
            if current is None:
                votes.add(vote, challenge.vote_budget)
            else:
                votes.change(vote, current.value)
        except RuleViolationError:
            raise
        except ConflictError:
            continue  # another request of the same voter won the race: decide again on what it wrote
        return vote
    raise ConflictError("Your vote on this idea is changing concurrently; try again.")


def retract_vote(
    principal: Principal,
    idea_id: str,
    ideas: IdeaRepository,
    challenges: ChallengeRepository,
    votes: VoteRepository,
    clock: Clock = utc_now,
    limiter: RateLimiter | None = None,
) -> None:
    """Retract the caller's vote on a published idea while voting is open (409 otherwise, as for
    casting one); retracting no vote is harmless (and takes no rate-limit slot)."""
    voter_id = principal.require_signed_in()
    idea = _visible_idea(principal, idea_id, ideas)
    challenge = challenges.get(idea.challenge_id)
    if challenge is None:
        raise NotFoundError(f"No challenge {idea.challenge_id!r}.")
    check_retract(idea, challenge)
    admitted = False
    for _ in range(MAX_ATTEMPTS):
        current = votes.get(idea_id, voter_id)
        if current is None:
            return
        if not admitted:
            admit(limiter, principal, challenge, LimitedAction.VOTES, clock)
            admitted = True
        try:
            votes.remove(current, challenge.vote_budget)
        except ConflictError:
            continue
        return
    raise ConflictError("Your vote on this idea is changing concurrently; try again.")


def list_my_votes(
    principal: Principal, challenge_id: str, votes: VoteRepository, *, limit: int, start: Key | None
) -> Page[Vote]:
    voter_id = principal.require_signed_in()
    return votes.list_mine(voter_id, challenge_id, limit=limit, start=start)


def refund_budgets(idea_id: str, challenge_id: str, challenges: ChallengeRepository, votes: VoteRepository) -> int:
    """An idea closed (shipped, declined, rejected, withdrawn, expired): its voters get their budget
    back. Idempotent: a vote refunded before is skipped, so a redelivered event refunds nothing twice."""
    challenge = challenges.get(challenge_id)
    if challenge is None or challenge.vote_budget is None:
        return 0
    return sum(1 for vote in votes.votes_of_idea(idea_id) if not vote.refunded and votes.refund(vote))


def move_votes(
    source_id: str,
    target_id: str,
    challenge_id: str,
    ideas: IdeaRepository,
    challenges: ChallengeRepository,
    votes: VoteRepository,
) -> int:
    """An idea was merged: each of its voters becomes a voter of the target, with exactly one vote
    there (a voter of both keeps the target vote and gets the merged one's budget back). The
    target's author is not made a voter of their own idea where the challenge forbids self-votes:
    their vote is dropped and its budget unit returned (an unmerge brings it back).
    Idempotent: a moved vote is no longer on the source."""
    challenge = challenges.get(challenge_id)
    budget = challenge.vote_budget if challenge else None
    target = ideas.get(target_id)
    own = target.author_id if target is not None and challenge is not None and not challenge.allow_self_vote else None
    return sum(
        1
        for vote in list(votes.votes_of_idea(source_id))
        if votes.move(vote, target_id, budget, drop=vote.voter_id == own)
    )


def restore_votes(source_id: str, challenge_id: str, challenges: ChallengeRepository, votes: VoteRepository) -> int:
    """A merge was undone: every moved vote goes back as it was. Idempotent."""
    challenge = challenges.get(challenge_id)
    budget = challenge.vote_budget if challenge else None
    return sum(1 for moved in list(votes.moved_votes(source_id)) if votes.restore(moved, budget))


def settle_moderated(
    idea_id: str, challenge_id: str, ideas: IdeaRepository, challenges: ChallengeRepository, votes: VoteRepository
) -> tuple[str, int]:
    """A moderation step on an idea (hidden by screening or reports, rejected, hidden or restored by
    a moderator, an appeal decided). What is done follows the idea's status now, not the event, so a
    late or redelivered event cannot undo a newer step: hidden or rejected, its voters get their
    budget back (once, as for a decline); back in voting, each refunded vote counts against its
    voter's budget again if they still have room, and is removed if they spent the unit elsewhere
    meanwhile (decision 45)."""
    idea = ideas.get(idea_id)
    challenge = challenges.get(challenge_id)
    if idea is None or challenge is None or challenge.vote_budget is None:
        return "Ignored", 0
    if idea.status in MODERATED_AWAY:
        return "VoteBudgetsRefunded", refund_budgets(idea_id, challenge_id, challenges, votes)
    if idea.status not in BACK_IN_VOTING:
        return "Ignored", 0
    budget = challenge.vote_budget
    outcomes = [votes.recharge(vote, budget) for vote in list(votes.votes_of_idea(idea_id)) if vote.refunded]
    dropped = outcomes.count(Recharge.DROPPED)
    if dropped:
        logger.info(
            "Restored idea: votes past their voters' budget removed", extra={"idea_id": idea_id, "votes": dropped}
        )
    return "VoteBudgetsTaken", outcomes.count(Recharge.TAKEN)
