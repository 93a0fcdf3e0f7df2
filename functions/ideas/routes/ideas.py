"""Idea routes."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body

from functions.ideas import wiring
from functions.ideas.schemas import IdeaCreate, IdeaView
from shared.auth import Principal
from shared.http import SECURED, IdempotencyKey, IdPath, json_response, problem_responses
from shared.observability import metrics
from shared.services import ideas as idea_service

router = Router()  # type: ignore[no-untyped-call]


def caller() -> Principal:
    return wiring.caller(router.current_event.raw_event)


@router.post(
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
        idea = idea_service.submit_idea(principal, challengeId, request, wiring.challenges, wiring.ideas)
        return IdeaView.of(idea).model_dump(mode="json")

    payload = {"challengeId": challengeId, **body.model_dump(mode="json")}
    metrics.add_metric(name="IdeaSubmitRequests", unit="Count", value=1)
    view = wiring.idempotent.run("submit_idea", author_id, idempotency_key, payload, command)
    return json_response(201, IdeaView.model_validate(view), {"Location": f"/ideas/{view['ideaId']}"})


@router.get(
    "/ideas/<ideaId>",
    summary="Read an idea (public once published; author and brand staff otherwise)",
    responses={200: {"description": "The idea"}, **problem_responses(401, 404, 422)},
)
def get_idea(ideaId: IdPath) -> IdeaView:  # noqa: N803
    return IdeaView.of(idea_service.get_idea(caller(), ideaId, wiring.ideas))
