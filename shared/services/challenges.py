"""Challenge use cases."""

from __future__ import annotations

from dataclasses import dataclass

from shared.auth import Principal
from shared.domain.challenges import Challenge, ModerationMode, Phase
from shared.domain.errors import NotFoundError
from shared.domain.ids import new_id
from shared.services.ports import ChallengeRepository, Clock, now_ms, utc_now


@dataclass(frozen=True)
class NewChallenge:
    brand_id: str
    title: str
    description: str
    phase: Phase = Phase.DRAFT
    moderation: ModerationMode = ModerationMode.POST
    tag_vocabulary: tuple[str, ...] = ()


def create_challenge(
    principal: Principal, request: NewChallenge, challenges: ChallengeRepository, clock: Clock = utc_now
) -> Challenge:
    user_id = principal.require_brand_admin(request.brand_id)
    now = now_ms(clock)
    challenge = Challenge(
        challenge_id=new_id(int(now.timestamp() * 1000)),
        brand_id=request.brand_id,
        title=request.title,
        description=request.description,
        phase=request.phase,
        moderation=request.moderation,
        tag_vocabulary=request.tag_vocabulary,
        created_by=user_id,
        created_at=now,
        updated_at=now,
    )
    challenges.add(challenge)
    return challenge


def get_challenge(principal: Principal, challenge_id: str, challenges: ChallengeRepository) -> Challenge:
    """Public once out of draft; drafts only for the brand's staff (others get 404, not 403)."""
    challenge = challenges.get(challenge_id)
    if challenge is None or not (challenge.phase.publicly_visible or principal.is_brand_staff(challenge.brand_id)):
        raise NotFoundError(f"Challenge {challenge_id!r} does not exist.")
    return challenge
