"""CSV export of a challenge's ideas for brand admins, page by page (Link: rel="next")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from functions.ideas import wiring
from shared.domain.errors import ValidationError
from shared.domain.ideas import Idea, status_label
from shared.domain.principal import Principal
from shared.http import SECURED, Cursor, IdPath, csv_page, problem_responses
from shared.services import ideas as idea_service

router = Router()  # type: ignore[no-untyped-call]

COLUMNS = (
    "ideaId",
    "title",
    "description",
    "status",
    "statusLabel",
    "votesUp",
    "votesDown",
    "score",
    "commentCount",
    "tags",
    "authorId",
    "createdAt",
    "updatedAt",
    "officialResponse",
)


def caller() -> Principal:
    return wiring.caller(router.current_event.raw_event)


def _row(idea: Idea, labels: Mapping[str, str]) -> list[object]:
    return [
        idea.idea_id,
        idea.title,
        idea.description,
        idea.status.value,
        status_label(idea.status, labels),
        idea.votes.up,
        idea.votes.down,
        idea.votes.score,
        idea.comment_count,
        ";".join(idea.tags),
        idea.author_id,
        idea.created_at.isoformat(),
        idea.updated_at.isoformat(),
        idea.official_response,
    ]


@router.get(
    "/challenges/<challengeId>/export",
    summary="Export the challenge's ideas as CSV (brand admins); follow Link rel=next for the next page",
    security=SECURED,
    responses={
        200: {
            "description": "A page of ideas as CSV, header row first; `Link` names the next page",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        },
        **problem_responses(401, 403, 404, 422),
    },
)
def export_ideas(
    challengeId: IdPath,  # noqa: N803
    limit: Annotated[int, Query(ge=1, le=500, description="Ideas per page (at most 500).")] = 500,
    cursor: Cursor = None,
) -> Response[str]:
    scope = f"export:{challengeId}"
    start = wiring.cursors.decode(cursor, scope) or {"status": 0, "key": None}
    if not isinstance(start.get("status"), int):
        raise ValidationError("The cursor is not valid for this list.", field="cursor")
    ideas, following = idea_service.export_ideas(
        caller(),
        challengeId,
        wiring.challenges,
        wiring.ideas,
        position=(start["status"], start.get("key")),
        limit=limit,
    )
    labels = wiring.labels.of(challengeId, wiring.challenges)
    following_page = None
    if following is not None:
        next_cursor = wiring.cursors.encode({"status": following[0], "key": following[1]}, scope)
        following_page = (f"/challenges/{challengeId}/export?cursor={next_cursor}&limit={limit}", next_cursor)
    return csv_page(COLUMNS, (_row(idea, labels) for idea in ideas), f"ideas-{challengeId}.csv", following_page)
