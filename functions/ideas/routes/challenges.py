"""Challenge routes."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body, Query

from functions.ideas import wiring
from functions.ideas.schemas import BRAND_PATTERN, ChallengeCreate, ChallengePage, ChallengePatch, ChallengeView
from shared.domain.challenges import Phase
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
from shared.observability import metrics
from shared.services import challenges as challenge_service

router = Router()  # type: ignore[no-untyped-call]


_NOT_SETTINGS = {"brand_id", "title", "description", "phase", "moderation", "tag_vocabulary"}


def caller() -> Principal:
    return wiring.caller(router.current_event.raw_event)


@router.post(
    "/challenges",
    summary="Create a challenge (brand admins of brandId, operators)",
    security=SECURED,
    responses={
        201: {"description": "Created", "content": {"application/json": {"model": ChallengeView}}},
        **problem_responses(400, 401, 403, 409, 413, 415, 422),
    },
    description="For a brand an operator added (422 naming brandId otherwise) that is not suspended (409).",
)
def create_challenge(body: Annotated[ChallengeCreate, Body()], idempotency_key: IdempotencyKey = None) -> Response[Any]:
    principal = caller()
    principal.require_brand_admin(body.brand_id)

    def command() -> dict[str, Any]:
        request = challenge_service.NewChallenge(
            brand_id=body.brand_id,
            title=body.title,
            description=body.description,
            phase=body.phase,
            moderation=body.moderation,
            tag_vocabulary=tuple(dict.fromkeys(body.tag_vocabulary)),
            settings=ChallengePatch.model_validate(body.model_dump(by_alias=True, exclude=_NOT_SETTINGS)).changes(),
        )
        challenge = challenge_service.create_challenge(principal, request, wiring.challenges, wiring.brands)
        return ChallengeView.of(challenge).model_dump(mode="json")

    metrics.add_metric(name="ChallengeCreateRequests", unit="Count", value=1)
    view = wiring.idempotent.run(
        "create_challenge", str(principal.user_id), idempotency_key, body.model_dump(mode="json"), command
    )
    return json_response(201, ChallengeView.model_validate(view), {"Location": f"/challenges/{view['challengeId']}"})


@router.get(
    "/challenges/<challengeId>",
    summary="Read a challenge (public; drafts only for the brand's staff)",
    responses={**tagged("The challenge", ChallengeView), **problem_responses(401, 404, 422)},
)
def get_challenge(challengeId: IdPath) -> Response[Any]:  # noqa: N803 - path names are the contract's
    challenge = challenge_service.get_challenge(caller(), challengeId, wiring.challenges)
    return tagged_response(ChallengeView.of(challenge), challenge.version)


@router.get(
    "/challenges",
    summary="List challenges (public; filter by brand and phase; drafts only for the brand's staff)",
    responses={200: {"description": "A page of challenges"}, **problem_responses(401, 422)},
)
def list_challenges(
    brand_id: Annotated[str | None, Query(alias="brandId", min_length=1, max_length=64, pattern=BRAND_PATTERN)] = None,
    phase: Annotated[Phase | None, Query()] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> ChallengePage:
    scope = f"challenges:{brand_id or ''}:{phase or ''}"
    page = challenge_service.list_challenges(
        caller(),
        wiring.challenges,
        brand_id=brand_id,
        phase=phase,
        limit=limit,
        start=wiring.cursors.decode(cursor, scope),
    )
    return ChallengePage(
        items=[ChallengeView.of(challenge) for challenge in page.items],
        next_cursor=wiring.cursors.encode(page.next_key, scope),
    )


@router.patch(
    "/challenges/<challengeId>",
    summary="Edit a challenge or move its phase (brand admins, operators)",
    security=SECURED,
    responses={
        **tagged("The changed challenge", ChallengeView),
        **problem_responses(400, 401, 403, 404, 409, 412, 413, 415, 422),
    },
)
def update_challenge(
    challengeId: IdPath,  # noqa: N803
    body: Annotated[ChallengePatch, Body()],
    if_match: IfMatch = None,
) -> Response[Any]:
    changed = challenge_service.update_challenge(
        caller(), challengeId, body.changes(), wiring.challenges, expected_version=matched_version(if_match)
    )
    return tagged_response(ChallengeView.of(changed), changed.version)
