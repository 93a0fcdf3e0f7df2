"""Following ideas: explicit follow and unfollow, automatic follows, and merges carrying followers."""

from __future__ import annotations

from shared.domain.errors import NotFoundError
from shared.domain.follows import Follow, FollowReason
from shared.domain.ideas import Idea
from shared.domain.principal import Principal
from shared.services.ports import Clock, now_ms, utc_now
from shared.services.ports.follows import FollowRepository
from shared.services.ports.ideas import IdeaRepository


def _visible_idea(principal: Principal, idea_id: str, ideas: IdeaRepository) -> Idea:
    idea = ideas.get(idea_id)
    if idea is None or not idea.visible_to(principal):
        raise NotFoundError(f"No idea {idea_id!r}.")
    return idea


def follow_idea(
    principal: Principal, idea_id: str, ideas: IdeaRepository, follows: FollowRepository, clock: Clock = utc_now
) -> Follow:
    """Follow an idea you can see. Following again changes nothing."""
    user_id = principal.require_signed_in()
    _visible_idea(principal, idea_id, ideas)
    current = follows.get(idea_id, user_id)
    if current is not None and current.following:
        return current
    follow = Follow(idea_id, user_id, True, FollowReason.EXPLICIT, now_ms(clock))
    follows.put(follow)
    return follow


def unfollow_idea(
    principal: Principal, idea_id: str, ideas: IdeaRepository, follows: FollowRepository, clock: Clock = utc_now
) -> None:
    """Stop following; remembered, so a later vote or comment does not follow again."""
    user_id = principal.require_signed_in()
    _visible_idea(principal, idea_id, ideas)
    follows.put(Follow(idea_id, user_id, False, FollowReason.EXPLICIT, now_ms(clock)))


def subscription(principal: Principal, idea_id: str, ideas: IdeaRepository, follows: FollowRepository) -> Follow | None:
    user_id = principal.require_signed_in()
    _visible_idea(principal, idea_id, ideas)
    return follows.get(idea_id, user_id)


def auto_follow(
    user_id: str, idea_id: str, reason: FollowReason, follows: FollowRepository, clock: Clock = utc_now
) -> bool:
    """Authors, voters and commenters follow the idea, unless they chose otherwise before."""
    return follows.add_if_new(Follow(idea_id, user_id, True, reason, now_ms(clock)))


def carry_followers(source_id: str, target_id: str, follows: FollowRepository, clock: Clock = utc_now) -> int:
    """A merge: the merged idea's followers follow the target too (where they made no choice)."""
    now = now_ms(clock)
    return sum(
        1
        for user_id in list(follows.followers(source_id))
        if follows.add_if_new(Follow(target_id, user_id, True, FollowReason.MERGE, now, merged_from=source_id))
    )


def restore_followers(source_id: str, target_id: str, follows: FollowRepository) -> int:
    """A merge undone: the follows it created on the target go; choices made since stay."""
    return sum(
        1 for user_id in list(follows.followers(source_id)) if follows.remove_merged(target_id, user_id, source_id)
    )
