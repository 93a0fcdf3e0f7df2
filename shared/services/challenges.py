"""Challenge use cases."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from shared.domain.challenges import (
    Challenge,
    ModerationMode,
    Phase,
    check_phase_change,
    check_settings_change,
)
from shared.domain.errors import ConflictError, NotFoundError, ValidationError, require_version
from shared.domain.ids import new_id
from shared.domain.principal import Principal
from shared.services.ports import Clock, Key, Page, now_ms, utc_now
from shared.services.ports.brands import BrandRepository
from shared.services.ports.challenges import ChallengeRepository


@dataclass(frozen=True)
class NewChallenge:
    brand_id: str
    title: str
    description: str
    phase: Phase = Phase.DRAFT
    moderation: ModerationMode = ModerationMode.POST
    tag_vocabulary: tuple[str, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=dict)
    """Optional Challenge fields (vote_model, vote_budget, support_ladder, phase_dates, ...)."""


EDITABLE_FIELDS = frozenset(
    {
        "title",
        "description",
        "phase",
        "moderation",
        "tag_vocabulary",
        "vote_model",
        "vote_budget",
        "allow_self_vote",
        "support_ladder",
        "max_ideas_per_user",
        "edit_lock_votes",
        "status_labels",
        "phase_dates",
        "blocklist",
        "report_threshold",
        "trusted_after",
        "phase_rules",
        "rate_limits",
        "survey",
    }
)


def create_challenge(
    principal: Principal,
    request: NewChallenge,
    challenges: ChallengeRepository,
    brands: BrandRepository,
    clock: Clock = utc_now,
) -> Challenge:
    """For a brand that exists and is not suspended (the write checks it again, so a suspension
    landing meanwhile is not missed)."""
    user_id = principal.require_brand_admin(request.brand_id)
    brand = brands.get(request.brand_id)
    if brand is None:
        raise ValidationError(f"No brand {request.brand_id!r}; an operator adds it first.", field="brandId")
    brand.check_active()
    now = now_ms(clock)
    challenge = Challenge(
        challenge_id=new_id(int(now.timestamp() * 1000)),
        brand_id=request.brand_id,
        title=request.title,
        description=request.description,
        phase=request.phase,
        moderation=request.moderation,
        tag_vocabulary=request.tag_vocabulary,
        created_by=user_id,
        created_at=now,
        updated_at=now,
    )
    settings = {name: value for name, value in request.settings.items() if name in EDITABLE_FIELDS}
    challenge = replace(challenge, **settings)
    check_settings_change(challenge, challenge)
    challenges.add(challenge)
    return challenge


def update_challenge(
    principal: Principal,
    challenge_id: str,
    changes: Mapping[str, Any],
    challenges: ChallengeRepository,
    clock: Clock = utc_now,
    expected_version: int | None = None,
) -> Challenge:
    """Edit a challenge (brand admins, operators). Phases move forward only; vote rules freeze
    once voting opens. One conditional write on the version read: a concurrent edit is a 409,
    and an edit on a version the client read that is no longer current (If-Match) a 412."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(f"Not editable: {sorted(unknown)}.", field=sorted(unknown)[0])
    challenge = get_challenge(principal, challenge_id, challenges)
    principal.require_brand_admin(challenge.brand_id)
    challenge.check_not_suspended()
    require_version("challenge", challenge.version, expected_version)
    if "phase" in changes and changes["phase"] != challenge.phase:
        check_phase_change(challenge, Phase(changes["phase"]))
    changed = replace(challenge, **changes, version=challenge.version + 1, updated_at=now_ms(clock))
    check_settings_change(challenge, changed)
    challenges.replace(changed, expected_version=challenge.version)
    return changed


def advance_due_phases(challenges: ChallengeRepository, clock: Clock = utc_now, limit: int = 100) -> list[Challenge]:
    """The schedule's job: move every challenge whose next phase date has passed. Idempotent (a
    challenge already moved is no longer due) and safe against a concurrent manual move (the
    version condition fails and the next run looks again)."""
    now = now_ms(clock)
    moved = []
    for challenge in challenges.list_due(now, limit):
        target = challenge.due_phase(now)
        if target is None or challenge.suspended:
            continue
        changed = replace(challenge, phase=target, version=challenge.version + 1, updated_at=now)
        try:
            challenges.replace(changed, expected_version=challenge.version)
        except ConflictError:
            continue
        moved.append(changed)
    return moved


def list_challenges(
    principal: Principal,
    challenges: ChallengeRepository,
    *,
    brand_id: str | None,
    phase: Phase | None,
    limit: int,
    start: Key | None,
) -> Page[Challenge]:
    """Public list; drafts only for their brand's staff (all drafts for operators)."""
    visible_drafts = None if principal.operator else principal.brands
    return challenges.list_page(brand_id=brand_id, phase=phase, visible_drafts=visible_drafts, limit=limit, start=start)


class StatusLabels:
    """The brands' status labels by challenge, read once a minute per process: idea views and
    exports show them without a challenge read per request (a relabel shows within a minute)."""

    def __init__(self, ttl_seconds: float = 60.0) -> None:
        self._ttl = ttl_seconds
        self._seen: dict[str, tuple[float, dict[str, str]]] = {}

    def of(self, challenge_id: str, challenges: ChallengeRepository) -> dict[str, str]:
        now = time.monotonic()
        seen = self._seen.get(challenge_id)
        if seen is None or now - seen[0] > self._ttl:
            challenge = challenges.get(challenge_id)
            seen = (now, dict(challenge.status_labels) if challenge else {})
            if len(self._seen) > 1_000:  # a warm process serving many challenges stays small
                self._seen.clear()
            self._seen[challenge_id] = seen
        return seen[1]


def get_challenge(principal: Principal, challenge_id: str, challenges: ChallengeRepository) -> Challenge:
    """Public once out of draft; drafts only for the brand's staff (others get 404, not 403)."""
    challenge = challenges.get(challenge_id)
    if challenge is None or not (challenge.phase.publicly_visible or principal.is_brand_staff(challenge.brand_id)):
        raise NotFoundError(f"Challenge {challenge_id!r} does not exist.")
    return challenge
