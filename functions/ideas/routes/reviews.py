"""Review routes: the after-sales loop (decision 65). A review is a root comment with a rating, so
replies, reports and removal go through the comment routes."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body, Query

from functions.ideas import wiring
from functions.ideas.comment_schemas import HelpfulVoteView, ReviewAnswer, ReviewPage, ReviewView, ReviewWrite
from shared.domain.principal import Principal
from shared.http import (
    DEFAULT_LIMIT,
    SECURED,
    Cursor,
    IdPath,
    IfMatch,
    Limit,
    etag,
    json_response,
    matched_version,
    problem_responses,
    tagged,
    tagged_response,
)
from shared.observability import metrics
from shared.services import reviews as review_service

router = Router()  # type: ignore[no-untyped-call]


class ReviewSort(StrEnum):
    NEWEST = "newest"
    HELPFUL = "helpful"


def caller() -> Principal:
    return wiring.caller(router.current_event.raw_event)


@router.put(
    "/ideas/<ideaId>/review",
    summary="Rate and review a shipped idea (its supporters and followers from before it shipped), or change "
    "your review",
    security=SECURED,
    responses={
        **tagged("Your review, changed", ReviewView),
        201: {"description": "Your review, new", "content": {"application/json": {"model": ReviewView}}},
        **problem_responses(400, 401, 403, 404, 409, 413, 415, 422, 429),
    },
)
def write_review(ideaId: IdPath, body: Annotated[ReviewWrite, Body()]) -> Response[Any]:  # noqa: N803
    review, created = review_service.review_idea(caller(), ideaId, body.rating, body.body, wiring.reviews)
    if created:
        metrics.add_metric(name="ReviewsWritten", unit="Count", value=1)
    return json_response(201 if created else 200, ReviewView.of(review), {"ETag": etag(review.version)})


@router.get(
    "/ideas/<ideaId>/reviews",
    summary="An idea's reviews: newest first, or most helpful first (the staff's marked ones, then by readers)",
    responses={200: {"description": "A page of reviews"}, **problem_responses(401, 404, 422)},
)
def list_reviews(
    ideaId: IdPath,  # noqa: N803
    sort: Annotated[
        ReviewSort,
        Query(description="newest, or helpful (staff-marked first, then by readers who found it helpful, then newest)"),
    ] = ReviewSort.NEWEST,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> ReviewPage:
    scope = f"reviews:{ideaId}:{sort.value}"
    page = review_service.list_reviews(
        caller(),
        ideaId,
        wiring.ideas,
        wiring.comments,
        helpful_first=sort is ReviewSort.HELPFUL,
        limit=limit,
        start=wiring.cursors.decode(cursor, scope),
    )
    return ReviewPage(
        items=[ReviewView.of(review) for review in page.items], next_cursor=wiring.cursors.encode(page.next_key, scope)
    )


def _answer(review_id: str, text: str | None, if_match: str | None) -> Response[Any]:
    review = review_service.answer_review(
        caller(), review_id, text, wiring.reviews, expected_version=matched_version(if_match)
    )
    return tagged_response(ReviewView.of(review), review.version)


@router.put(
    "/reviews/<reviewId>/answer",
    summary="Answer a review officially (the brand's staff and operators), or change the answer",
    security=SECURED,
    responses={
        **tagged("The review with its answer", ReviewView),
        **problem_responses(400, 401, 403, 404, 409, 412, 413, 415, 422),
    },
)
def answer_review(reviewId: IdPath, body: Annotated[ReviewAnswer, Body()], if_match: IfMatch = None) -> Response[Any]:  # noqa: N803
    return _answer(reviewId, body.body, if_match)


@router.delete(
    "/reviews/<reviewId>/answer",
    summary="Take back the official answer to a review (the brand's staff and operators)",
    security=SECURED,
    responses={**tagged("The review, unanswered", ReviewView), **problem_responses(401, 403, 404, 409, 412, 422)},
)
def remove_answer(reviewId: IdPath, if_match: IfMatch = None) -> Response[Any]:  # noqa: N803
    return _answer(reviewId, None, if_match)


def _find_helpful(review_id: str, helpful: bool) -> HelpfulVoteView:
    review, mine = review_service.find_helpful(caller(), review_id, helpful, wiring.reviews)
    return HelpfulVoteView(review_id=review.comment_id, helpful_votes=review.helpful_votes, found_helpful=mine)


@router.put(
    "/reviews/<reviewId>/helpful",
    summary="Say you found a review helpful (once each; not your own): it ranks in the reviews' helpful sort",
    security=SECURED,
    responses={200: {"description": "The review's helpful count"}, **problem_responses(401, 403, 404, 409, 422, 429)},
)
def find_helpful(reviewId: IdPath) -> HelpfulVoteView:  # noqa: N803
    return _find_helpful(reviewId, True)


@router.delete(
    "/reviews/<reviewId>/helpful",
    summary="Take back that you found a review helpful",
    security=SECURED,
    responses={200: {"description": "The review's helpful count"}, **problem_responses(401, 403, 404, 409, 422, 429)},
)
def unfind_helpful(reviewId: IdPath) -> HelpfulVoteView:  # noqa: N803
    return _find_helpful(reviewId, False)
