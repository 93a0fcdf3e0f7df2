"""Following ideas: who hears about an idea's status changes, milestones and official answers.

Authors, voters and commenters follow automatically; anyone can follow or unfollow explicitly, and
an explicit unfollow is remembered (a later vote does not follow again). A merge carries the merged
idea's followers to the target; undoing it takes back exactly the follows the merge created."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from shared.domain.ids import shard_of

FOLLOW_SHARDS = 10  # an idea's followers spread over this many index keys (a viral idea's auto-follows)


class FollowReason(StrEnum):
    AUTHOR = "author"
    VOTER = "voter"
    COMMENTER = "commenter"
    EXPLICIT = "explicit"
    MERGE = "merge"


@dataclass(frozen=True, slots=True)
class Follow:
    idea_id: str
    user_id: str
    following: bool
    reason: FollowReason
    since: datetime
    merged_from: str | None = None  # the merged idea whose follower this made (reason merge)


def follow_shard(user_id: str) -> int:
    return shard_of(user_id, FOLLOW_SHARDS)
