"""Following ideas: explicit follow and unfollow, automatic follows, and merges carrying followers.

A vote is a follow (decision 68): a voter follows the idea while their vote stands, unless they
unfollowed it, and no follow item is written for it; the merge that moves a vote moves that follow
with it. Authors and commenters get a follow item (``auto_follow``); an explicit choice is an item
that wins over both."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from shared.domain.errors import NotFoundError
from shared.domain.follows import Follow, FollowReason
from shared.domain.ideas import Idea
from shared.domain.principal import Principal
from shared.services.ports import Clock, now_ms, utc_now
from shared.services.ports.follows import FollowRepository, Voters
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


@dataclass(frozen=True)
class Following:
    """Who follows an idea: the stored follows, and its voters (the votes on it now, and those a
    merge moved away from it) who did not unfollow it."""

    follows: FollowRepository
    voters: Voters

    def get(self, idea_id: str, user_id: str) -> Follow | None:
        """The user's follow of the idea: their stored choice or automatic follow, else their vote's."""
        stored = self.follows.get(idea_id, user_id)
        if stored is not None:
            return stored
        vote = self.voters.get(idea_id, user_id)
        if vote is None:
            moved = self.voters.moved_vote(idea_id, user_id)
            vote = moved.vote if moved else None
        return Follow(idea_id, user_id, True, FollowReason.VOTER, vote.voted_at) if vote else None

    def followers(self, idea_id: str) -> Iterator[str]:
        """Each follower once: the stored follows, then the voters who have none and did not unfollow."""
        seen = set(self.follows.followers(idea_id))
        yield from seen
        seen |= set(self.follows.unfollowed(idea_id))
        votes = (vote.voter_id for vote in self.voters.votes_of_idea(idea_id))
        moved = (moved.vote.voter_id for moved in self.voters.moved_votes(idea_id))
        for voter_id in (*votes, *moved):
            if voter_id not in seen:
                seen.add(voter_id)
                yield voter_id


def subscription(principal: Principal, idea_id: str, ideas: IdeaRepository, following: Following) -> Follow | None:
    user_id = principal.require_signed_in()
    _visible_idea(principal, idea_id, ideas)
    return following.get(idea_id, user_id)


def auto_follow(
    user_id: str, idea_id: str, reason: FollowReason, follows: FollowRepository, clock: Clock = utc_now
) -> bool:
    """Authors and commenters follow the idea, unless they chose otherwise before (voters follow
    through their vote: see ``Following``)."""
    return follows.add_if_new(Follow(idea_id, user_id, True, reason, now_ms(clock)))


def carry_followers(source_id: str, target_id: str, follows: FollowRepository, clock: Clock = utc_now) -> int:
    """A merge: the merged idea's stored followers follow the target too (where they made no
    choice); its voters follow the target through the votes the merge moves there."""
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
