"""Supporter surveys for brand staff: an idea's answer counts, and the answers page by page.

Answers are written with votes (shared/services/votes.py) and counted by the tally; participants
only ever see their own (GET /me/votes)."""

from __future__ import annotations

from shared.domain.challenges import Challenge
from shared.domain.errors import NotFoundError
from shared.domain.ideas import Idea
from shared.domain.principal import Principal
from shared.domain.surveys import QuestionSummary, summarise
from shared.domain.votes import VOTE_SHARDS, Vote
from shared.services.ports import Key
from shared.services.ports.challenges import ChallengeRepository
from shared.services.ports.ideas import IdeaRepository
from shared.services.ports.votes import SurveyCounts, VoteRepository


def _staff_idea(
    principal: Principal, idea_id: str, ideas: IdeaRepository, challenges: ChallengeRepository, *, admin: bool
) -> tuple[Idea, Challenge]:
    principal.require_signed_in()
    idea = ideas.get(idea_id)
    if idea is None or not idea.visible_to(principal):
        raise NotFoundError(f"No idea {idea_id!r}.")
    if admin:
        principal.require_brand_admin(idea.brand_id)
    else:
        principal.require_brand_staff(idea.brand_id)
    challenge = challenges.get(idea.challenge_id)
    if challenge is None:
        raise NotFoundError(f"No challenge {idea.challenge_id!r}.")
    return idea, challenge


def survey_summary(
    principal: Principal,
    idea_id: str,
    ideas: IdeaRepository,
    challenges: ChallengeRepository,
    counts: SurveyCounts,
) -> tuple[Idea, list[QuestionSummary]]:
    """The idea's answer counts per question (brand staff and operators): as of the tally's last
    commit, so up to its batching window behind the votes."""
    idea, challenge = _staff_idea(principal, idea_id, ideas, challenges, admin=False)
    if not challenge.survey:
        return idea, []
    return idea, summarise(challenge.survey, counts.get(idea_id).counts)


def survey_answers(
    principal: Principal,
    idea_id: str,
    ideas: IdeaRepository,
    challenges: ChallengeRepository,
    votes: VoteRepository,
    *,
    position: tuple[int, Key | None],
    limit: int,
) -> tuple[Challenge, list[Vote], tuple[int, Key | None] | None]:
    """A page of the idea's votes with their answers (brand admins, as for the ideas export).
    ``position`` is (index shard, key within it); shards with no votes are skipped within the same
    call, so a page costs at most one Query per shard and usually one."""
    _, challenge = _staff_idea(principal, idea_id, ideas, challenges, admin=True)
    shard, key = position
    while shard < VOTE_SHARDS:
        page = votes.idea_page(idea_id, shard, limit=limit, start=key)
        following = (shard, page.next_key) if page.next_key else (shard + 1, None)
        if page.items:
            return challenge, page.items, (following if following[0] < VOTE_SHARDS else None)
        shard, key = following
    return challenge, [], None
