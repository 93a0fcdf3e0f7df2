"""Following ideas: explicit choices win over automatic follows; merges carry and take back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from shared.domain.errors import NotFoundError, UnauthorizedError
from shared.domain.follows import FOLLOW_SHARDS, Follow, FollowReason, follow_shard
from shared.domain.ideas import IdeaStatus
from shared.domain.principal import ANONYMOUS
from shared.services import follows as service

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
