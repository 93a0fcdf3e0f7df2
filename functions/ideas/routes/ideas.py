"""Idea routes."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body, Query

from functions.ideas import wiring
from functions.ideas.schemas import (
    IdeaCreate,
    IdeaPage,
    IdeaPatch,
    IdeaView,
    MergeRequest,
    StatusChangeRequest,
    TrendView,
)
from shared.domain.ideas import MAX_TREND_HOURS, Idea, IdeaStatus
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
from shared.services import ideas as idea_service
from shared.services.ports.ideas import IdeaSort

router = Router()  # type: ignore[no-untyped-call]


def _view(idea: Idea, my_vote: int | None = None) -> IdeaView:
    return IdeaView.of(idea, my_vote=my_vote, labels=wiring.labels.of(idea.challenge_id, wiring.challenges))


def caller() -> Principal:
    return wiring.caller(router.current_event.raw_event)


@router.post(
    "/challenges/<challengeId>/ideas",
    summary="Submit an idea to a challenge (signed-in users, while submission is open)",
    security=SECURED,
    responses={
        201: {"description": "Created", "content": {"application/json": {"model": IdeaView}}},
        **problem_responses(400, 401, 404, 409, 413, 415, 422, 429),
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
        idea = idea_service.submit_idea(
            principal, challengeId, request, wiring.challenges, wiring.ideas, trust=wiring.trust, limiter=wiring.limiter
        )
        return _view(idea).model_dump(mode="json")

    payload = {"challengeId": challengeId, **body.model_dump(mode="json")}
    metrics.add_metric(name="IdeaSubmitRequests", unit="Count", value=1)
    view = wiring.idempotent.run("submit_idea", author_id, idempotency_key, payload, command)
    return json_response(201, IdeaView.model_validate(view), {"Location": f"/ideas/{view['ideaId']}"})


@router.get(
    "/ideas/<ideaId>",
    summary="Read an idea (public once published; author and brand staff otherwise)",
    responses={**tagged("The idea", IdeaView), **problem_responses(401, 404, 422)},
)
def get_idea(ideaId: IdPath) -> Response[Any]:  # noqa: N803
    principal = caller()
    idea = idea_service.get_idea(principal, ideaId, wiring.ideas)
    return tagged_response(_view(idea, my_vote=idea_service.my_vote(principal, idea, wiring.votes)), idea.version)


@router.get(
    "/ideas/<ideaId>/trend",
    summary="An idea's vote counts hour by hour (public once published; author and brand staff otherwise)",
    responses={200: {"description": "The trend"}, **problem_responses(401, 404, 422)},
)
def idea_trend(
    ideaId: IdPath,  # noqa: N803
    hours: Annotated[int, Query(ge=1, le=MAX_TREND_HOURS, description="Hours back (90 days at most).")] = 168,
) -> TrendView:
    idea, points = idea_service.idea_trend(caller(), ideaId, wiring.ideas, hours=hours)
    return TrendView.of(idea, points)


@router.get(
    "/challenges/<challengeId>/ideas",
    summary="List a challenge's ideas (public statuses; others for the brand's staff): new, top, hot, best, "
    "controversial",
    responses={200: {"description": "A page of ideas"}, **problem_responses(401, 403, 404, 422)},
)
def list_ideas(
    challengeId: IdPath,  # noqa: N803
    sort: Annotated[
        IdeaSort,
        Query(
            description="new: newest first; top: highest score; hot: score decayed by age; "
            "best: Wilson lower bound of the up share (for updown challenges); controversial: many votes, "
            "balanced up and down, (up + down) ** (min / max) (updown challenges only, else 422)"
        ),
    ] = IdeaSort.NEW,
    status: Annotated[IdeaStatus, Query()] = IdeaStatus.PUBLISHED,
    tag: Annotated[str | None, Query(min_length=1, max_length=32)] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> IdeaPage:
    scope = f"ideas:{challengeId}:{status}:{sort}:{tag or ''}"
    page = idea_service.list_ideas(
        caller(),
        challengeId,
        wiring.challenges,
        wiring.ideas,
        status=status,
        sort=sort,
        tag=tag,
        limit=limit,
        start=wiring.cursors.decode(cursor, scope),
    )
    return IdeaPage(items=[_view(idea) for idea in page.items], next_cursor=wiring.cursors.encode(page.next_key, scope))


@router.patch(
    "/ideas/<ideaId>",
    summary="Edit your idea (while submission is open and before the edit lock)",
    security=SECURED,
    responses={
        **tagged("The changed idea", IdeaView),
        **problem_responses(400, 401, 403, 404, 409, 412, 413, 415, 422),
    },
)
def edit_idea(ideaId: IdPath, body: Annotated[IdeaPatch, Body()], if_match: IfMatch = None) -> Response[Any]:  # noqa: N803
    edit = idea_service.IdeaEdit(
        title=body.title, description=body.description, tags=None if body.tags is None else tuple(body.tags)
    )
    idea = idea_service.edit_idea(
        caller(), ideaId, edit, wiring.challenges, wiring.ideas, expected_version=matched_version(if_match)
    )
    return tagged_response(_view(idea), idea.version)


@router.delete(
    "/ideas/<ideaId>",
    summary="Withdraw your idea",
    security=SECURED,
    responses={200: {"description": "The withdrawn idea"}, **problem_responses(401, 403, 404, 409, 422)},
)
def withdraw_idea(ideaId: IdPath) -> IdeaView:  # noqa: N803
    return _view(idea_service.withdraw_idea(caller(), ideaId, wiring.challenges, wiring.ideas))


@router.post(
    "/ideas/<ideaId>/status",
    summary="Move an idea through review with an official response (brand admins)",
    security=SECURED,
    responses={
        200: {"description": "The idea in its new status"},
        **problem_responses(400, 401, 403, 404, 409, 413, 415, 422),
    },
)
def change_status(ideaId: IdPath, body: Annotated[StatusChangeRequest, Body()]) -> IdeaView:  # noqa: N803
    return _view(
        idea_service.change_status(caller(), ideaId, body.status, body.response, wiring.challenges, wiring.ideas)
    )


@router.post(
    "/ideas/<ideaId>/merge",
    summary="Merge a duplicate into another idea of the challenge (brand staff); its votes move there",
    security=SECURED,
    responses={
        200: {"description": "The merged idea (status merged, mergedInto set)"},
        **problem_responses(400, 401, 403, 404, 409, 413, 415, 422),
    },
)
def merge_idea(ideaId: IdPath, body: Annotated[MergeRequest, Body()]) -> IdeaView:  # noqa: N803
    return _view(idea_service.merge_idea(caller(), ideaId, body.target_idea_id, wiring.challenges, wiring.ideas))


@router.delete(
    "/ideas/<ideaId>/merge",
    summary="Undo a merge (brand staff): the idea gets its status back, its votes come back",
    security=SECURED,
    responses={
        200: {"description": "The idea in its status before the merge"},
        **problem_responses(401, 403, 404, 409, 422),
    },
)
def unmerge_idea(ideaId: IdPath) -> IdeaView:  # noqa: N803
    return _view(idea_service.unmerge_idea(caller(), ideaId, wiring.challenges, wiring.ideas))
