"""Following ideas: explicit choices win over automatic follows; merges carry and take back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from types import SimpleNamespace
from typing import cast

import pytest

from shared.domain.errors import NotFoundError, UnauthorizedError
from shared.domain.follows import FOLLOW_SHARDS, Follow, FollowReason, follow_shard
from shared.domain.ideas import IdeaStatus
from shared.domain.principal import ANONYMOUS
from shared.domain.votes import MovedVote, Vote
from shared.services import follows as service
from shared.services.reviews import ReviewPorts, supported_before

from .builders import T0, a_participant, an_idea
from .fakes import InMemoryIdeaRepository


class InMemoryFollows:
    def __init__(self) -> None:
        self.items: dict[tuple[str, str], Follow] = {}

    def get(self, idea_id: str, user_id: str) -> Follow | None:
        return self.items.get((idea_id, user_id))

    def put(self, follow: Follow) -> None:
        self.items[(follow.idea_id, follow.user_id)] = follow

    def add_if_new(self, follow: Follow) -> bool:
        if (follow.idea_id, follow.user_id) in self.items:
            return False
        self.put(follow)
        return True

    def remove_merged(self, idea_id: str, user_id: str, merged_from: str) -> bool:
        current = self.items.get((idea_id, user_id))
        if current is None or current.reason is not FollowReason.MERGE or current.merged_from != merged_from:
            return False
        del self.items[(idea_id, user_id)]
        return True

    def followers(self, idea_id: str) -> Iterator[str]:
        yield from [f.user_id for f in self.items.values() if f.idea_id == idea_id and f.following]

    def unfollowed(self, idea_id: str) -> Iterator[str]:
        yield from [f.user_id for f in self.items.values() if f.idea_id == idea_id and not f.following]


class InMemoryVoters:
    def __init__(self, *votes: Vote, moved: tuple[MovedVote, ...] = ()) -> None:
        self.votes = {(vote.idea_id, vote.voter_id): vote for vote in votes}
        self.moved = {(m.vote.idea_id, m.vote.voter_id): m for m in moved}

    def get(self, idea_id: str, voter_id: str) -> Vote | None:
        return self.votes.get((idea_id, voter_id))

    def moved_vote(self, source_id: str, voter_id: str) -> MovedVote | None:
        return self.moved.get((source_id, voter_id))

    def votes_of_idea(self, idea_id: str) -> Iterator[Vote]:
        yield from [vote for (idea, _), vote in self.votes.items() if idea == idea_id]

    def moved_votes(self, source_id: str) -> Iterator[MovedVote]:
        yield from [moved for (idea, _), moved in self.moved.items() if idea == source_id]


def test_an_explicit_follow_then_unfollow_is_remembered_against_automatic_follows() -> None:
    ideas, follows = InMemoryIdeaRepository(an_idea()), InMemoryFollows()
    pat = a_participant("pat")

    followed = service.follow_idea(pat, "idea-1", ideas, follows, clock=lambda: T0)
    service.unfollow_idea(pat, "idea-1", ideas, follows, clock=lambda: T0)

    assert followed.following
    assert service.auto_follow("pat", "idea-1", FollowReason.VOTER, follows) is False
    current = service.subscription(pat, "idea-1", ideas, follows)
    assert current is not None
    assert current.following is False


def test_hidden_ideas_are_not_found_and_anonymous_callers_must_sign_in() -> None:
    ideas, follows = InMemoryIdeaRepository(an_idea(status=IdeaStatus.PENDING, author_id="someone")), InMemoryFollows()

    with pytest.raises(NotFoundError):
        service.follow_idea(a_participant("pat"), "idea-1", ideas, follows)
    with pytest.raises(UnauthorizedError):
        service.follow_idea(ANONYMOUS, "idea-1", ideas, follows)


def test_carried_followers_go_back_on_unmerge_but_own_choices_stay() -> None:
    follows = InMemoryFollows()
    for user in ("a", "b"):
        service.auto_follow(user, "src", FollowReason.VOTER, follows, clock=lambda: T0)
    follows.put(Follow("dst", "b", True, FollowReason.EXPLICIT, T0))

    assert service.carry_followers("src", "dst", follows, clock=lambda: T0) == 1
    assert service.carry_followers("src", "dst", follows, clock=lambda: T0) == 0  # idempotent
    assert service.restore_followers("src", "dst", follows) == 1
    assert sorted(follows.followers("dst")) == ["b"]


def test_users_spread_over_every_shard() -> None:
    assert {follow_shard(f"user-{n}") for n in range(200)} == set(range(FOLLOW_SHARDS))


def _vote(idea_id: str, voter_id: str, value: int = 1) -> Vote:
    return Vote(idea_id, voter_id, "ch-1", value, T0)


def test_voters_follow_through_their_vote_once_each_unless_they_unfollowed() -> None:
    follows = InMemoryFollows()
    follows.put(Follow("idea-1", "ann", True, FollowReason.EXPLICIT, T0))  # follows and votes: told once
    follows.put(Follow("idea-1", "bob", False, FollowReason.EXPLICIT, T0))  # unfollowed, votes anyway
    voters = InMemoryVoters(_vote("idea-1", "ann"), _vote("idea-1", "bob"), _vote("idea-1", "cy", -1))
    following = service.Following(follows, voters)

    assert sorted(following.followers("idea-1")) == ["ann", "cy"]
    assert len(list(following.followers("idea-1"))) == 2
    cy = following.get("idea-1", "cy")
    assert cy == Follow("idea-1", "cy", True, FollowReason.VOTER, T0)  # a down vote follows too
    bob = following.get("idea-1", "bob")
    assert bob is not None
    assert bob.following is False
    assert following.get("idea-1", "dee") is None


def test_a_merged_ideas_voters_follow_it_and_the_target_through_the_moved_votes() -> None:
    moved = MovedVote(_vote("src", "ann"), "dst", created=True)
    voters = InMemoryVoters(_vote("dst", "ann"), moved=(moved,))  # the vote the merge made on the target
    following = service.Following(InMemoryFollows(), voters)

    assert list(following.followers("src")) == ["ann"]
    assert list(following.followers("dst")) == ["ann"]
    src = following.get("src", "ann")
    assert src is not None
    assert src.following


def test_a_verified_supporter_is_an_up_voter_or_a_follower_a_voter_who_did_not_unfollow() -> None:
    follows = InMemoryFollows()
    follows.put(Follow("idea-1", "bob", False, FollowReason.EXPLICIT, T0))
    voters = InMemoryVoters(_vote("idea-1", "ann", -1), _vote("idea-1", "bob", -1), _vote("idea-1", "cy"))
    ports = cast(ReviewPorts, SimpleNamespace(votes=voters, follows=follows))
    shipped = T0 + timedelta(days=1)

    assert supported_before("idea-1", "cy", shipped, ports)  # an up vote
    assert supported_before("idea-1", "ann", shipped, ports)  # a down vote: a follow all the same
    assert not supported_before("idea-1", "bob", shipped, ports)  # voted, then unfollowed
    assert not supported_before("idea-1", "ann", T0 - timedelta(seconds=1), ports)  # voted after it shipped
    assert not supported_before("idea-1", "dee", shipped, ports)
