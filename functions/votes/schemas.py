"""Request and response bodies of the votes API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from shared.domain.votes import Vote
from shared.http import IntOnly, RequestBody, ResponseBody


class VoteRequest(RequestBody):
    value: Annotated[Literal[1, -1], IntOnly]


class VoteView(ResponseBody):
    idea_id: str
    challenge_id: str
    value: int
    voted_at: datetime
    refunded: bool = Field(description="The idea closed and this vote's budget was given back.")

    @classmethod
    def of(cls, vote: Vote) -> VoteView:
        return cls(
            idea_id=vote.idea_id,
            challenge_id=vote.challenge_id,
            value=vote.value,
            voted_at=vote.voted_at,
            refunded=vote.refunded,
        )


class VotePage(ResponseBody):
    items: list[VoteView]
    next_cursor: str | None
