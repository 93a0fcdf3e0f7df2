"""Entry point of the reputation function: profiles, public names and leaderboards (HTTP API), and
the consumer of the reputation queue (bus events through a rule -> points and badges; decision 63).
Told apart by the event's shape."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.logging import correlation_paths

from functions.reputation import consumer, wiring
from functions.reputation.schemas import LeaderboardPage, ProfileChange, ProfileView, StandingView
from shared.domain.principal import Principal
from shared.http import DEFAULT_LIMIT, SECURED, Cursor, IdPath, Limit, create_resolver, problem_responses, resolve
from shared.observability import instrument
from shared.services import reputation as reputation_service
from shared.services.ports import Page, utc_now

app = create_resolver("Cocreate reputation API")


def caller() -> Principal:
    return wiring.caller(app.current_event.raw_event)


@app.get(
    "/users/<userId>/profile",
    summary="Anyone's public profile: public name, points overall and per brand, badges",
    responses={200: {"description": "The profile (0 points and no badges for someone who has none)"},
               **problem_responses(422)},
)  # fmt: skip
def get_profile(userId: IdPath) -> ProfileView:  # noqa: N803
    return ProfileView.of(reputation_service.profile(userId, wiring.store))


@app.put(
    "/me/profile",
    summary="Set or clear your public name (shown on your profile and the leaderboards)",
    security=SECURED,
    responses={200: {"description": "Your profile"}, **problem_responses(400, 401, 413, 415, 422)},
)
def set_profile(body: Annotated[ProfileChange, Body()]) -> ProfileView:
    return ProfileView.of(reputation_service.set_public_name(caller(), body.public_name, wiring.store, utc_now()))


def _page(page: Page[Any], scope: str) -> LeaderboardPage:
    return LeaderboardPage(
        items=[StandingView.of(standing) for standing in page.items],
        next_cursor=wiring.cursors.encode(page.next_key, scope),
    )


@app.get(
    "/challenges/<challengeId>/leaderboard",
    summary="The people with the most points earned in a challenge (public once the challenge is)",
    responses={200: {"description": "A page of the leaderboard"}, **problem_responses(401, 404, 422)},
)
def challenge_leaderboard(challengeId: IdPath, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None) -> LeaderboardPage:  # noqa: N803
    scope = f"leaderboard:challenge:{challengeId}"
    page = reputation_service.challenge_leaderboard(
        caller(), challengeId, wiring.challenges, wiring.store, limit=limit, start=wiring.cursors.decode(cursor, scope)
    )
    return _page(page, scope)


@app.get(
    "/brands/<brandId>/leaderboard",
    summary="The people with the most points earned in a brand's challenges (public)",
    responses={200: {"description": "A page of the leaderboard"}, **problem_responses(404, 422)},
)
def brand_leaderboard(brandId: IdPath, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None) -> LeaderboardPage:  # noqa: N803
    scope = f"leaderboard:brand:{brandId}"
    page = reputation_service.brand_leaderboard(
        brandId, wiring.brands, wiring.store, limit=limit, start=wiring.cursors.decode(cursor, scope)
    )
    return _page(page, scope)


@instrument(correlation_id_path=correlation_paths.API_GATEWAY_HTTP)
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    if "Records" in event:  # the reputation queue
        return consumer.consume(event, context)
    return resolve(app, event, context)
