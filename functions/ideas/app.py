"""Entry point of the ideas function: wiring and routes only; rules live in shared.services."""

from __future__ import annotations

from typing import Annotated, Any

import boto3
from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body, Header, Path
from aws_lambda_powertools.logging import correlation_paths
from pydantic import Field

from functions.ideas.schemas import ChallengeCreate, ChallengeView, IdeaCreate, IdeaView
from shared.auth import Principal, TokenVerifier, principal_from_event
from shared.config import Settings, load_settings
from shared.http import create_resolver, json_response, problem_responses, resolve
from shared.idempotency import IdempotentCommands
from shared.observability import instrument, metrics
from shared.services import challenges as challenge_service
from shared.services import ideas as idea_service
from shared.store.content import DynamoChallengeRepository, DynamoIdeaRepository


class IdeasSettings(Settings):
    content_table: str = Field(alias="CONTENT_TABLE", min_length=3)
    idempotency_table: str = Field(alias="IDEMPOTENCY_TABLE", min_length=3)
    jwt_issuer: str = Field(alias="JWT_ISSUER", min_length=1)
    jwt_audience: str = Field(alias="JWT_AUDIENCE", default="")


settings = load_settings(IdeasSettings)
dynamodb = boto3.client("dynamodb")
challenges = DynamoChallengeRepository(dynamodb, settings.content_table)
ideas = DynamoIdeaRepository(dynamodb, settings.content_table)
idempotent = IdempotentCommands(settings.idempotency_table, dynamodb)
verifier = TokenVerifier(settings.jwt_issuer, settings.jwt_audience)

app = create_resolver("Cocreate ideas API")

SECURED: list[dict[str, list[str]]] = [{"bearerAuth": []}]
IdPath = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="idempotency-key",
        min_length=1,
        max_length=255,
        description="Makes the request safe to retry: the first answer is replayed for 24 hours.",
    ),
]


def caller() -> Principal:
    return principal_from_event(app.current_event.raw_event, verifier)


@app.post(
    "/challenges",
    summary="Create a challenge (brand admins of brandId, operators)",
    security=SECURED,
    responses={
        201: {"description": "Created", "content": {"application/json": {"model": ChallengeView}}},
        **problem_responses(400, 401, 403, 409, 413, 415, 422),
    },
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
        )
        challenge = challenge_service.create_challenge(principal, request, challenges)
        return ChallengeView.of(challenge).model_dump(mode="json")

    metrics.add_metric(name="ChallengeCreateRequests", unit="Count", value=1)
    view = idempotent.run(
        "create_challenge", str(principal.user_id), idempotency_key, body.model_dump(mode="json"), command
    )
    return json_response(201, ChallengeView.model_validate(view), {"Location": f"/challenges/{view['challengeId']}"})


@app.get(
    "/challenges/<challengeId>",
    summary="Read a challenge (public; drafts only for the brand's staff)",
    responses={200: {"description": "The challenge"}, **problem_responses(401, 404, 422)},
)
def get_challenge(challengeId: IdPath) -> ChallengeView:  # noqa: N803 - path names are the contract's
    return ChallengeView.of(challenge_service.get_challenge(caller(), challengeId, challenges))


@app.post(
    "/challenges/<challengeId>/ideas",
    summary="Submit an idea to a challenge (signed-in users, while submission is open)",
    security=SECURED,
    responses={
        201: {"description": "Created", "content": {"application/json": {"model": IdeaView}}},
        **problem_responses(400, 401, 404, 409, 413, 415, 422),
    },
)
def submit_idea(
    challengeId: IdPath,  # noqa: N803
    body: Annotated[IdeaCreate, Body()],
    idempotency_key: IdempotencyKey = None,
) -> Response[Any]:
    principal = caller()
    author_id = principal.require_signed_in()

    def command() -> dict[str, Any]:
        request = idea_service.NewIdea(title=body.title, description=body.description, tags=tuple(body.tags))
        idea = idea_service.submit_idea(principal, challengeId, request, challenges, ideas)
        return IdeaView.of(idea).model_dump(mode="json")

    payload = {"challengeId": challengeId, **body.model_dump(mode="json")}
    metrics.add_metric(name="IdeaSubmitRequests", unit="Count", value=1)
    view = idempotent.run("submit_idea", author_id, idempotency_key, payload, command)
    return json_response(201, IdeaView.model_validate(view), {"Location": f"/ideas/{view['ideaId']}"})


@app.get(
    "/ideas/<ideaId>",
    summary="Read an idea (public once published; author and brand staff otherwise)",
    responses={200: {"description": "The idea"}, **problem_responses(401, 404, 422)},
)
def get_idea(ideaId: IdPath) -> IdeaView:  # noqa: N803
    return IdeaView.of(idea_service.get_idea(caller(), ideaId, ideas))


@instrument(correlation_id_path=correlation_paths.API_GATEWAY_HTTP)
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    idempotent.config.register_lambda_context(context)  # in-progress records expire with the invocation
    return resolve(app, event, context)
