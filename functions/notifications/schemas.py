"""Response bodies of the notifications function."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from shared.domain.follows import Follow, FollowReason
from shared.http import ResponseBody


class SubscriptionView(ResponseBody):
    idea_id: str
    following: bool
    reason: FollowReason | None = Field(description="Why you follow (author, voter, commenter, explicit, merge).")
    since: datetime | None

    @classmethod
    def of(cls, idea_id: str, follow: Follow | None) -> SubscriptionView:
        if follow is None:
            return cls(idea_id=idea_id, following=False, reason=None, since=None)
        return cls(idea_id=idea_id, following=follow.following, reason=follow.reason, since=follow.since)
