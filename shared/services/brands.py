"""Brand use cases: operators add brands and suspend or reinstate them; a brand's admins rename it.

A suspension is written on the brand, then on each of its challenges (``Challenge.suspended``), so
the write paths that already read a challenge enforce it without reading the brand. A crash
between the two leaves some challenges open: the same PATCH again (the brand already in the state
asked) finishes the work, as does any later change of the suspension."""

from __future__ import annotations

from dataclasses import replace

from shared.domain.brands import Brand
from shared.domain.errors import ConflictError, ForbiddenError, NotFoundError, require_version
from shared.domain.principal import Principal
from shared.services.ports import Clock, Key, Page, now_ms, utc_now
from shared.services.ports.brands import BrandRepository
from shared.services.ports.challenges import ChallengeRepository

PAGE = 100  # challenges read per Query while a suspension spreads
RETRIES = 3  # a challenge edited meanwhile is read again this many times


def create_brand(
    principal: Principal, brand_id: str, name: str, brands: BrandRepository, clock: Clock = utc_now
) -> Brand:
    """Operators only. A taken id is a 409."""
    user_id = principal.require_signed_in()
    if not principal.operator:
        raise ForbiddenError("Only operators can add brands.")
    now = now_ms(clock)
    brand = Brand(brand_id=brand_id, name=name, created_by=user_id, created_at=now, updated_at=now)
    brands.add(brand)
    return brand


def get_brand(principal: Principal, brand_id: str, brands: BrandRepository) -> Brand:
    """The brand's staff and operators; anyone else gets a 404 (brands are not listed publicly)."""
    principal.require_signed_in()
    brand = brands.get(brand_id)
    if brand is None or not principal.is_brand_staff(brand_id):
        raise NotFoundError(f"No brand {brand_id!r}.")
    return brand


def list_brands(principal: Principal, brands: BrandRepository, *, limit: int, start: Key | None) -> Page[Brand]:
    principal.require_signed_in()
    if not principal.operator:
        raise ForbiddenError("Only operators can list the brands.")
    return brands.list_page(limit=limit, start=start)


def update_brand(
    principal: Principal,
    brand_id: str,
    *,
    brands: BrandRepository,
    challenges: ChallengeRepository,
    name: str | None = None,
    suspended: bool | None = None,
    reason: str | None = None,
    expected_version: int | None = None,
    clock: Clock = utc_now,
) -> Brand:
    """Rename (the brand's admins, operators) and suspend or reinstate (operators). One conditional
    write on the brand, then the suspension onto each challenge of the brand."""
    brand = get_brand(principal, brand_id, brands)
    principal.require_brand_admin(brand_id)
    if suspended is not None and not principal.operator:
        raise ForbiddenError("Only operators can suspend or reinstate a brand.")
    require_version("brand", brand.version, expected_version)
    changed = replace(
        brand,
        name=brand.name if name is None else name,
        suspended=brand.suspended if suspended is None else suspended,
        suspended_reason=(reason if suspended else None) if suspended is not None else brand.suspended_reason,
    )
    if changed != brand:
        changed = replace(changed, version=brand.version + 1, updated_at=now_ms(clock))
        brands.replace(changed, expected_version=brand.version)
    if suspended is not None:
        spread_suspension(changed, challenges, clock)
    return changed


def spread_suspension(brand: Brand, challenges: ChallengeRepository, clock: Clock = utc_now) -> int:
    """Set every challenge of ``brand`` to its suspension; idempotent. Returns how many changed."""
    changed = 0
    start: Key | None = None
    while True:
        page = challenges.list_page(brand_id=brand.brand_id, phase=None, visible_drafts=None, limit=PAGE, start=start)
        for challenge in page.items:
            changed += _suspend(challenge.challenge_id, brand.suspended, challenges, clock)
        if page.next_key is None:
            return changed
        start = page.next_key


def _suspend(challenge_id: str, suspended: bool, challenges: ChallengeRepository, clock: Clock) -> int:
    for _ in range(RETRIES):
        challenge = challenges.get(challenge_id)  # the item itself: the index copy may lag an edit
        if challenge is None or challenge.suspended == suspended:
            return 0
        try:
            challenges.replace(
                replace(challenge, suspended=suspended, version=challenge.version + 1, updated_at=now_ms(clock)),
                expected_version=challenge.version,
            )
        except ConflictError:
            continue
        return 1
    raise ConflictError(f"Challenge {challenge_id!r} kept changing; send the request again to finish.")
