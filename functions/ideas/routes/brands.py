"""Brand routes: the stack's tenants (operators add and suspend them; their admins rename them)."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body

from functions.ideas import wiring
from functions.ideas.brand_schemas import BrandCreate, BrandPage, BrandPatch, BrandView
from shared.domain.principal import Principal
from shared.http import (
    DEFAULT_LIMIT,
    SECURED,
    Cursor,
    IdempotencyKey,
    IdPath,
    IfMatch,
    Limit,
    json_response,
    matched_version,
    problem_responses,
    tagged,
    tagged_response,
)
from shared.services import brands as brand_service

router = Router()  # type: ignore[no-untyped-call]


def caller() -> Principal:
    return wiring.caller(router.current_event.raw_event)


@router.post(
    "/brands",
    summary="Add a brand (operators)",
    security=SECURED,
    responses={
        201: {"description": "Created", "content": {"application/json": {"model": BrandView}}},
        **problem_responses(400, 401, 403, 409, 413, 415, 422),
    },
)
def create_brand(body: Annotated[BrandCreate, Body()], idempotency_key: IdempotencyKey = None) -> Response[Any]:
    principal = caller()

    def command() -> dict[str, Any]:
        brand = brand_service.create_brand(principal, body.brand_id, body.name, wiring.brands)
        return BrandView.of(brand).model_dump(mode="json")

    view = wiring.idempotent.run(
        "create_brand", str(principal.user_id), idempotency_key, body.model_dump(mode="json"), command
    )
    return json_response(201, BrandView.model_validate(view), {"Location": f"/brands/{view['brandId']}"})


@router.get(
    "/brands",
    summary="List the stack's brands, by id (operators)",
    security=SECURED,
    responses={200: {"description": "A page of brands"}, **problem_responses(401, 403, 422)},
)
def list_brands(limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None) -> BrandPage:
    start = wiring.cursors.decode(cursor, "brands")
    page = brand_service.list_brands(caller(), wiring.brands, limit=limit, start=start)
    return BrandPage(
        items=[BrandView.of(brand) for brand in page.items], next_cursor=wiring.cursors.encode(page.next_key, "brands")
    )


@router.get(
    "/brands/<brandId>",
    summary="Read a brand (its staff, operators)",
    security=SECURED,
    responses={**tagged("The brand", BrandView), **problem_responses(401, 404, 422)},
)
def get_brand(brandId: IdPath) -> Response[Any]:  # noqa: N803 - path names are the contract's
    brand = brand_service.get_brand(caller(), brandId, wiring.brands)
    return tagged_response(BrandView.of(brand), brand.version)


@router.patch(
    "/brands/<brandId>",
    summary="Rename a brand (its admins, operators), suspend or reinstate it (operators)",
    description=(
        "A suspension makes every challenge of the brand read-only (no submissions, votes, comments,"
        " withdrawals, edits or phase moves; moderation goes on) until the brand is reinstated. It is"
        " written on the brand, then on each challenge: sending the same state again finishes what an"
        " interrupted request left undone."
    ),
    security=SECURED,
    responses={
        **tagged("The changed brand", BrandView),
        **problem_responses(400, 401, 403, 404, 409, 412, 413, 415, 422),
    },
)
def update_brand(
    brandId: IdPath,  # noqa: N803
    body: Annotated[BrandPatch, Body()],
    if_match: IfMatch = None,
) -> Response[Any]:
    changed = brand_service.update_brand(
        caller(),
        brandId,
        brands=wiring.brands,
        challenges=wiring.challenges,
        name=body.name,
        suspended=body.suspended,
        reason=body.suspended_reason,
        expected_version=matched_version(if_match),
    )
    return tagged_response(BrandView.of(changed), changed.version)
