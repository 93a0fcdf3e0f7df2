"""Entry point of the notifications function: the subscription routes (HTTP API) and the consumer
of the notifications queue (bus events through a rule), told apart by the event's shape."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.logging import correlation_paths

from functions.notifications import consumer, wiring
from functions.notifications.schemas import SubscriptionView
from shared.auth import Principal
from shared.http import SECURED, IdPath, create_resolver, problem_responses, resolve
from shared.observability import instrument
from shared.services import follows as follow_service

app = create_resolver("Cocreate notifications API")


def caller() -> Principal:
    return wiring.caller(app.current_event.raw_event)


@app.get(
    "/ideas/<ideaId>/subscription",
    summary="Whether you follow an idea (and why)",
    security=SECURED,
    responses={200: {"description": "Your subscription"}, **problem_responses(401, 404, 422)},
)
def get_subscription(ideaId: IdPath) -> SubscriptionView:  # noqa: N803
    return SubscriptionView.of(ideaId, follow_service.subscription(caller(), ideaId, wiring.ideas, wiring.follows))


@app.put(
    "/ideas/<ideaId>/subscription",
    summary="Follow an idea: hear about its status changes, milestones and official answers",
    security=SECURED,
    responses={200: {"description": "You follow the idea"}, **problem_responses(401, 404, 422)},
)
def follow_idea(ideaId: IdPath) -> SubscriptionView:  # noqa: N803
    return SubscriptionView.of(ideaId, follow_service.follow_idea(caller(), ideaId, wiring.ideas, wiring.follows))


@app.delete(
    "/ideas/<ideaId>/subscription",
    summary="Unfollow an idea (remembered: your later votes or comments do not follow it again)",
    security=SECURED,
    responses={204: {"description": "You do not follow the idea", "content": {}}, **problem_responses(401, 404, 422)},
)
def unfollow_idea(ideaId: IdPath) -> Response[Any]:  # noqa: N803
    follow_service.unfollow_idea(caller(), ideaId, wiring.ideas, wiring.follows)
    return Response(status_code=204)


@instrument(correlation_id_path=correlation_paths.API_GATEWAY_HTTP)
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    if "Records" in event:  # the notifications queue
        return consumer.consume(event, context)
    return resolve(app, event, context)
