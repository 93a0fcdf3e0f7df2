"""Reputation (decision 63): bus events -> points and badges; profiles, leaderboards, public names.

The rules are the table in shared/domain/reputation.py. ``record`` is what the reputation
function's queue consumer does with each event: every award is counted once (its claim rides in
the points transaction), then the badges it earns are written once each. A redelivery finds the
claim made, adds nothing, and still writes badges a crash may have left unwritten."""

from __future__ import annotations

from datetime import datetime

from shared.domain.errors import NotFoundError
from shared.domain.ids import person_digest
from shared.domain.principal import Principal
from shared.domain.privacy import is_former
from shared.domain.reputation import (
    POINTS,
    Award,
    Badge,
    EarnedBadge,
    Reason,
    Reputation,
    Standing,
    threshold_badges,
)
from shared.events import (
    CommentMarkedHelpful,
    DomainEvent,
    ErasureCompleted,
    ErasureRequested,
    IdeaPublished,
    IdeaStatusChanged,
    IdeaSubmitted,
    IdeaVotesChanged,
    ModerationDecided,
)
from shared.services.challenges import get_challenge
from shared.services.ports import Key, Page
from shared.services.ports.brands import BrandRepository
from shared.services.ports.challenges import ChallengeRepository
from shared.services.ports.reputation import ReputationStore

SUPPORTERS_BADGE_AT = 100
_REMOVED = frozenset({"hidden", "rejected"})


def awards_for(event: DomainEvent) -> list[Award]:  # noqa: PLR0911 - one answer per event type
    """The points an event gives (none for most events)."""
    if isinstance(event, IdeaPublished) or (isinstance(event, IdeaSubmitted) and event.status == "published"):
        return _award(
            event, event.author_id, event.idea_id, Reason.IDEA_PUBLISHED, f"published:{event.idea_id}",
            badges=(Badge.FIRST_IDEA,), lasting=True,
        )  # fmt: skip
    if isinstance(event, IdeaVotesChanged):
        gained = event.votes.up - event.previous_votes.up
        if gained == 0:
            return []
        crossed = event.previous_votes.up < SUPPORTERS_BADGE_AT <= event.votes.up
        return _award(
            event, event.author_id, event.idea_id, Reason.SUPPORTERS, event.event_id,
            points=gained, badges=(Badge.SUPPORTED,) if crossed else (),
        )  # fmt: skip
    if isinstance(event, IdeaStatusChanged) and event.to_status in {"accepted", "shipped"}:
        shipped = event.to_status == "shipped"
        return _award(
            event, event.author_id, event.idea_id, Reason.IDEA_SHIPPED if shipped else Reason.IDEA_ACCEPTED,
            f"{event.to_status}:{event.idea_id}", badges=(Badge.SHIPPED,) if shipped else (), lasting=True,
        )  # fmt: skip
    if isinstance(event, CommentMarkedHelpful) and event.marked_by != event.author_id:  # not one's own
        sign = 1 if event.helpful else -1
        return _award(
            event, event.author_id, event.idea_id, Reason.HELPFUL_COMMENT, event.event_id,
            points=sign * POINTS[Reason.HELPFUL_COMMENT], badges=(Badge.HELPFUL,) if event.helpful else (),
        )  # fmt: skip
    if isinstance(event, ModerationDecided):
        removed, was_removed = event.after in _REMOVED, event.before in _REMOVED
        if removed == was_removed:
            return []
        return _award(
            event, event.author_id, event.target_id if event.target_type == "idea" else None,
            Reason.CONTENT_REMOVED, event.event_id, points=(1 if removed else -1) * POINTS[Reason.CONTENT_REMOVED],
        )  # fmt: skip
    return []


def _award(
    event: IdeaSubmitted
    | IdeaPublished
    | IdeaVotesChanged
    | IdeaStatusChanged
    | CommentMarkedHelpful
    | ModerationDecided,
    user_id: str,
    idea_id: str | None,
    reason: Reason,
    claim: str,
    *,
    points: int | None = None,
    badges: tuple[Badge, ...] = (),
    lasting: bool = False,
) -> list[Award]:
    if is_former(user_id):  # a pseudonym earns nothing (decision 60)
        return []
    return [
        Award(
            claim=f"{claim}:{person_digest(user_id)}",  # kept for good: no erased id in clear
            user_id=user_id,
            brand_id=event.brand_id,
            challenge_id=event.challenge_id,
            points=POINTS[reason] if points is None else points,
            reason=reason,
            event_id=event.event_id,
            idea_id=idea_id,
            badges=badges,
            lasting=lasting,
        )
    ]


def record(event: DomainEvent, store: ReputationStore, at: datetime) -> tuple[int, list[EarnedBadge]]:
    """Count the event's awards (once each) and write the badges they earn (once each): how many
    awards were counted now and the badges awarded now. An erasure forgets the person instead."""
    if isinstance(event, ErasureRequested | ErasureCompleted):  # Completed: again, after late events
        store.forget(event.user_id)
        return 0, []
    counted, awarded = 0, []
    for award in awards_for(event):
        if store.apply(award, at):
            counted += 1
        earned = award.badges + threshold_badges(store.total(award.user_id))
        for badge in dict.fromkeys(earned):
            won = EarnedBadge(
                user_id=award.user_id,
                badge=badge,
                awarded_at=at,
                event_id=event.event_id,
                brand_id=award.brand_id,
                challenge_id=award.challenge_id,
                idea_id=award.idea_id,
            )
            if store.award_badge(won):
                awarded.append(won)
    return counted, awarded


def profile(user_id: str, store: ReputationStore) -> Reputation:
    """Anyone's public profile: name, points overall and per brand, badges. A person with none yet
    (or erased) has 0 points and no badges: user ids are not secret, and there is no registry."""
    return store.reputation(user_id)


def challenge_leaderboard(
    principal: Principal,
    challenge_id: str,
    challenges: ChallengeRepository,
    store: ReputationStore,
    *,
    limit: int,
    start: Key | None,
) -> Page[Standing]:
    """The challenge's people by points earned in it, for whoever may see the challenge."""
    get_challenge(principal, challenge_id, challenges)
    return store.leaderboard(f"CHALLENGE#{challenge_id}", limit=limit, start=start)


def brand_leaderboard(
    brand_id: str,
    brands: BrandRepository,
    store: ReputationStore,
    *,
    limit: int,
    start: Key | None,
) -> Page[Standing]:
    """The brand's people by points earned in its challenges: public, as its challenges are (a brand
    id is on every challenge); a brand that doesn't exist is a 404."""
    if brands.get(brand_id) is None:
        raise NotFoundError(f"No brand {brand_id!r}.")
    return store.leaderboard(f"BRAND#{brand_id}", limit=limit, start=start)


def set_public_name(principal: Principal, name: str | None, store: ReputationStore, at: datetime) -> Reputation:
    """The caller's public name on their profile and the leaderboards (None: none, shown as their id)."""
    user_id = principal.require_signed_in()
    store.set_public_name(user_id, name, at)
    return store.reputation(user_id)
