"""CSV export of a challenge's ideas for brand admins, page by page (Link: rel="next")."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query

from functions.ideas import wiring
from shared.domain.errors import ValidationError
from shared.domain.ideas import Idea, status_label
from shared.domain.principal import Principal
from shared.http import SECURED, Cursor, IdPath, problem_responses
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
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def caller() -> Principal:
    return wiring.caller(router.current_event.raw_event)


def _cell(value: object) -> str:
    """A number as it is (``-3`` stays a number); text that a spreadsheet will not run as a
    formula (CSV injection: a leading ``=``, ``+``, ``-``, ``@``, tab or carriage return is quoted)."""
    if isinstance(value, int):
        return str(value)
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _row(idea: Idea, labels: Mapping[str, str]) -> list[str]:
    values = (
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
    )
    return [_cell(value) for value in values]


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
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    labels = wiring.labels.of(challengeId, wiring.challenges)
    writer.writerows(_row(idea, labels) for idea in ideas)
    headers: dict[str, Any] = {"Content-Disposition": f'attachment; filename="ideas-{challengeId}.csv"'}
    if following is not None:
        next_cursor = wiring.cursors.encode({"status": following[0], "key": following[1]}, scope)
        headers["Link"] = f'</challenges/{challengeId}/export?cursor={next_cursor}&limit={limit}>; rel="next"'
        headers["X-Next-Cursor"] = next_cursor
    return Response(status_code=200, content_type="text/csv; charset=utf-8", body=buffer.getvalue(), headers=headers)
