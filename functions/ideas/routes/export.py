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
from shared.domain.surveys import SurveyTally, export_cells, export_columns
from shared.http import SECURED, Cursor, IdPath, csv_page, problem_responses
from shared.services import ideas as idea_service

router = Router()  # type: ignore[no-untyped-call]
EMPTY = SurveyTally({})

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
            "description": "A page of ideas as CSV, header row first; `Link` names the next page. When the "
            "challenge has a survey, its counts follow: per question `survey.<id>.answered`, then the supporters "
            "of each option (`survey.<id>.option.<option>`) or the spread of numbers (`survey.<id>.minimum`, `q1`, "
            "`median`, `q3`, `maximum`, `mean`); text answers are in `GET /ideas/{ideaId}/survey/answers`",
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
    page = idea_service.export_ideas(
        caller(),
        challengeId,
        wiring.challenges,
        wiring.ideas,
        wiring.survey_counts,
        position=(start["status"], start.get("key")),
        limit=limit,
    )
    labels = wiring.labels.of(challengeId, wiring.challenges)
    following_page = None
    if page.following is not None:
        next_cursor = wiring.cursors.encode({"status": page.following[0], "key": page.following[1]}, scope)
        following_page = (f"/challenges/{challengeId}/export?cursor={next_cursor}&limit={limit}", next_cursor)
    survey = page.challenge.survey
    rows = (
        _row(idea, labels) + export_cells(survey, page.surveys.get(idea.idea_id, EMPTY).counts) for idea in page.ideas
    )
    return csv_page((*COLUMNS, *export_columns(survey)), rows, f"ideas-{challengeId}.csv", following_page)
