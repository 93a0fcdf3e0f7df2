"""Idea use cases."""

from __future__ import annotations

from dataclasses import dataclass

from shared.auth import Principal
from shared.domain.errors import NotFoundError
from shared.domain.ideas import Idea, check_submission, initial_status
from shared.domain.ids import new_id
from shared.services.challenges import get_challenge
from shared.services.ports import ChallengeRepository, Clock, IdeaRepository, now_ms, utc_now


@dataclass(frozen=True)
class NewIdea:
    title: str
    description: str
    tags: tuple[str, ...] = ()


def submit_idea(
    principal: Principal,
    challenge_id: str,
    request: NewIdea,
    challenges: ChallengeRepository,
    ideas: IdeaRepository,
    clock: Clock = utc_now,
) -> Idea:
    """One read (the challenge) and one conditional write (the idea). The stream does the rest."""
    author_id = principal.require_signed_in()
    challenge = get_challenge(principal, challenge_id, challenges)
    check_submission(challenge, request.tags)
    now = now_ms(clock)
    idea = Idea(
        idea_id=new_id(int(now.timestamp() * 1000)),
        challenge_id=challenge.challenge_id,
        brand_id=challenge.brand_id,
        author_id=author_id,
        title=request.title,
        description=request.description,
        tags=request.tags,
        status=initial_status(challenge),
        created_at=now,
        updated_at=now,
    )
    ideas.add(idea)
    return idea


def get_idea(principal: Principal, idea_id: str, ideas: IdeaRepository) -> Idea:
    """Published ideas are public; others only for their author and the brand's staff (404 otherwise)."""
    idea = ideas.get(idea_id)
    if idea is None or not idea.visible_to(principal):
        raise NotFoundError(f"Idea {idea_id!r} does not exist.")
    return idea
