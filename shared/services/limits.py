"""Per-user rate limits on what participants do in a challenge (``rateLimits``; decision 53)."""

from __future__ import annotations

from shared.domain.challenges import Challenge
from shared.domain.errors import TooManyRequestsError
from shared.domain.limits import LimitedAction
from shared.domain.principal import Principal
from shared.services.ports import Clock, utc_now
from shared.services.ports.limits import RateLimiter

_WHAT = {
    LimitedAction.IDEAS: "submit ideas",
    LimitedAction.COMMENTS: "comment",
    LimitedAction.REPORTS: "report",
    LimitedAction.VOTES: "vote",
}


def admit(
    limiter: RateLimiter | None,
    principal: Principal,
    challenge: Challenge,
    action: LimitedAction,
    clock: Clock = utc_now,
) -> None:
    """Take one of the caller's ``action`` slots in the challenge, or raise TooManyRequestsError
    (429, Retry-After) when the rolling window is full. Brand staff and operators are not limited.
    Called last, right before the write: a request refused by an earlier check costs no slot."""
    if limiter is None or principal.is_brand_staff(challenge.brand_id):
        return
    user_id = principal.require_signed_in()
    limit = challenge.limit(action)
    wait = limiter.take(f"{action.value}#{challenge.challenge_id}#{user_id}", limit, clock())
    if wait:
        raise TooManyRequestsError(
            f"You may {_WHAT[action]} {limit.describe()} in this challenge; try again in {wait} s.",
            retry_after=wait,
            policy=(action.value, limit.max, int(limit.window.total_seconds())),
        )
