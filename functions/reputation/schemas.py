"""Request and response bodies of the reputation API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from shared.domain.reputation import BADGE_NAMES, Badge, EarnedBadge, Reputation, Standing
from shared.http import OneLine, RequestBody, ResponseBody, Visible

PublicName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=40), OneLine, Visible]


class ProfileChange(RequestBody):
    public_name: Annotated[
        PublicName | None,
        Field(description="Shown on your profile and the leaderboards (2-40 characters); null: none (your id shows)."),
    ]


class BadgeView(ResponseBody):
    badge: Badge
    name: str
    awarded_at: datetime
    idea_id: str | None = Field(description="The idea that earned it, if one did.")

    @classmethod
    def of(cls, badge: EarnedBadge) -> BadgeView:
        return cls(badge=badge.badge, name=BADGE_NAMES[badge.badge], awarded_at=badge.awarded_at, idea_id=badge.idea_id)


class BrandPointsView(ResponseBody):
    brand_id: str
    points: int


class ProfileView(ResponseBody):
    user_id: str
    public_name: str | None
    points: int = Field(description="Points overall (docs/decisions.md, decision 63, has the rules).")
    brands: list[BrandPointsView] = Field(description="Points per brand, most first.")
    badges: list[BadgeView] = Field(description="Oldest first.")

    @classmethod
    def of(cls, reputation: Reputation) -> ProfileView:
        brands = sorted(reputation.brands.items(), key=lambda pair: (-pair[1], pair[0]))
        return cls(
            user_id=reputation.user_id,
            public_name=reputation.public_name,
            points=reputation.points,
            brands=[BrandPointsView(brand_id=brand_id, points=points) for brand_id, points in brands],
            badges=[BadgeView.of(badge) for badge in reputation.badges],
        )


class StandingView(ResponseBody):
    user_id: str
    public_name: str | None
    points: int

    @classmethod
    def of(cls, standing: Standing) -> StandingView:
        return cls(user_id=standing.user_id, public_name=standing.public_name, points=standing.points)


class LeaderboardPage(ResponseBody):
    items: list[StandingView] = Field(description="Most points first; only people with more than 0.")
    next_cursor: str | None
