"""Entry point of the votes function: cast, change and retract a vote; list mine.

Counting is not done here: the tally function adds vote changes to the ideas from the votes
table's stream."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body, Query
from aws_lambda_powertools.logging import correlation_paths

from functions.votes import wiring
from functions.votes.schemas import QuestionSummaryView, SurveyView, VotePage, VoteRequest, VoteView
from shared.domain.errors import ValidationError
from shared.domain.principal import Principal
from shared.domain.surveys import Answer
from shared.http import (
    DEFAULT_LIMIT,
    SECURED,
    Cursor,
    IdPath,
    Limit,
    create_resolver,
    csv_page,
    problem_responses,
    resolve,
)
from shared.observability import instrument, metrics
from shared.services import surveys as survey_service
from shared.services import votes as vote_service

app = create_resolver("Cocreate votes API")


def caller() -> Principal:
    return wiring.caller(app.current_event.raw_event)


@app.put(
    "/ideas/<ideaId>/vote",
    summary="Cast or change your vote on a published idea (the same vote again changes nothing)",
    security=SECURED,
    responses={200: {"description": "Your vote"}, **problem_responses(400, 401, 403, 404, 409, 413, 415, 422, 429)},
)
def cast_vote(ideaId: IdPath, body: Annotated[VoteRequest, Body()]) -> VoteView:  # noqa: N803
    vote = vote_service.cast_vote(
        caller(),
        ideaId,
        body.value,
        wiring.ideas,
        wiring.challenges,
        wiring.votes,
        limiter=wiring.limiter,
        answers=body.answers,
    )
    metrics.add_metric(name="VotesCast", unit="Count", value=1)
    return VoteView.of(vote)


@app.delete(
    "/ideas/<ideaId>/vote",
    summary="Retract your vote while voting is open (retracting no vote is harmless)",
    security=SECURED,
    responses={
        204: {"description": "No vote of yours remains on the idea", "content": {}},  # no body
        **problem_responses(401, 404, 409, 422, 429),
    },
)
def retract_vote(ideaId: IdPath) -> Response[Any]:  # noqa: N803
    vote_service.retract_vote(caller(), ideaId, wiring.ideas, wiring.challenges, wiring.votes, limiter=wiring.limiter)
    return Response(status_code=204)


@app.get(
    "/me/votes",
    summary="Your votes in a challenge",
    security=SECURED,
    responses={200: {"description": "A page of your votes"}, **problem_responses(401, 422)},
)
def list_my_votes(
    challengeId: Annotated[  # noqa: N803
        str, Query(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$", description="The challenge")
    ],
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> VotePage:
    principal = caller()
    scope = f"votes:{principal.user_id}:{challengeId}"
    page = vote_service.list_my_votes(
        principal, challengeId, wiring.votes, limit=limit, start=wiring.cursors.decode(cursor, scope)
    )
    return VotePage(items=[VoteView.of(v) for v in page.items], next_cursor=wiring.cursors.encode(page.next_key, scope))


@app.get(
    "/ideas/<ideaId>/survey",
    summary="The idea's supporter survey counts (brand staff): per option, and the spread of numbers",
    security=SECURED,
    responses={200: {"description": "Counts as of the tally's last commit"}, **problem_responses(401, 403, 404, 422)},
)
def get_survey(ideaId: IdPath) -> SurveyView:  # noqa: N803
    idea, summaries = survey_service.survey_summary(
        caller(), ideaId, wiring.ideas, wiring.challenges, wiring.survey_counts
    )
    return SurveyView(
        idea_id=idea.idea_id,
        challenge_id=idea.challenge_id,
        supporters=idea.votes.up,
        questions=[QuestionSummaryView.of(summary) for summary in summaries],
    )


def _answer_cell(answer: Answer | None) -> object:
    return ";".join(answer) if isinstance(answer, tuple) else answer


@app.get(
    "/ideas/<ideaId>/survey/answers",
    summary="Export the idea's survey answers as CSV (brand admins), one row per vote, no voter ids; "
    "follow Link rel=next",
    security=SECURED,
    responses={
        200: {
            "description": "A page of answers as CSV: votedAt, value, then one column per question",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        },
        **problem_responses(401, 403, 404, 422),
    },
)
def export_survey_answers(
    ideaId: IdPath,  # noqa: N803
    limit: Annotated[int, Query(ge=1, le=500, description="Votes per page (at most 500).")] = 500,
    cursor: Cursor = None,
) -> Response[str]:
    scope = f"survey:{ideaId}"
    start = wiring.cursors.decode(cursor, scope) or {"shard": 0, "key": None}
    if not isinstance(start.get("shard"), int):
        raise ValidationError("The cursor is not valid for this list.", field="cursor")
    challenge, votes, following = survey_service.survey_answers(
        caller(),
        ideaId,
        wiring.ideas,
        wiring.challenges,
        wiring.votes,
        position=(start["shard"], start.get("key")),
        limit=limit,
    )
    questions = [question.question_id for question in challenge.survey]
    rows = (
        [vote.voted_at.isoformat(), vote.value, *(_answer_cell(vote.answers.get(q)) for q in questions)]
        for vote in votes
    )
    next_page = None
    if following is not None:
        next_cursor = wiring.cursors.encode({"shard": following[0], "key": following[1]}, scope)
        next_page = (f"/ideas/{ideaId}/survey/answers?cursor={next_cursor}&limit={limit}", next_cursor)
    return csv_page(["votedAt", "value", *questions], rows, f"survey-{ideaId}.csv", next_page)


@instrument(correlation_id_path=correlation_paths.API_GATEWAY_HTTP)
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return resolve(app, event, context)
