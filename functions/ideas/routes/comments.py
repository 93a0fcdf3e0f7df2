"""Comment routes (threaded comments on ideas) and brand staff notes."""

from __future__ import annotations

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Body

from functions.ideas import wiring
from functions.ideas.comment_schemas import (
    CommentCreate,
    CommentEdit,
    CommentPage,
    CommentView,
    StaffNoteCreate,
    StaffNotePage,
    StaffNoteView,
)
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
from shared.services import comments as comment_service

router = Router()  # type: ignore[no-untyped-call]


def caller() -> Principal:
    return wiring.caller(router.current_event.raw_event)


@router.post(
    "/ideas/<ideaId>/comments",
    summary="Comment on an idea, or reply to a comment (signed-in users who can see the idea)",
    security=SECURED,
    responses={
        201: {"description": "Created", "content": {"application/json": {"model": CommentView}}},
        **problem_responses(400, 401, 404, 409, 413, 415, 422, 429),
    },
)
def post_comment(
    ideaId: IdPath,  # noqa: N803 - path names are the contract's
    body: Annotated[CommentCreate, Body()],
    idempotency_key: IdempotencyKey = None,
) -> Response[Any]:
    principal = caller()
    author_id = principal.require_signed_in()

    def command() -> dict[str, Any]:
        request = comment_service.NewComment(body=body.body, parent_id=body.parent_id)
        comment = comment_service.post_comment(
            principal, ideaId, request, wiring.challenges, wiring.ideas, wiring.comments, limiter=wiring.limiter
        )
        return CommentView.of(comment).model_dump(mode="json")

    payload = {"ideaId": ideaId, **body.model_dump(mode="json")}
    metrics.add_metric(name="CommentPostRequests", unit="Count", value=1)
    view = wiring.idempotent.run("post_comment", author_id, idempotency_key, payload, command)
    return json_response(201, CommentView.model_validate(view))


@router.get(
    "/ideas/<ideaId>/comments",
    summary="An idea's comments in thread order (public for ideas the caller can see)",
    responses={200: {"description": "A page of comments"}, **problem_responses(401, 404, 422)},
)
def list_comments(
    ideaId: IdPath,  # noqa: N803
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> CommentPage:
    scope = f"comments:{ideaId}"
    principal = caller()
    start = wiring.cursors.decode(cursor, scope)
    page = comment_service.list_comments(principal, ideaId, wiring.ideas, wiring.comments, limit=limit, start=start)
    return CommentPage(
        items=[CommentView.of(comment) for comment in page.items],
        next_cursor=wiring.cursors.encode(page.next_key, scope),
    )


@router.patch(
    "/comments/<commentId>",
    summary="Edit your own comment",
    security=SECURED,
    responses={
        **tagged("The edited comment", CommentView),
        **problem_responses(400, 401, 403, 404, 409, 412, 413, 415, 422),
    },
)
def edit_comment(commentId: IdPath, body: Annotated[CommentEdit, Body()], if_match: IfMatch = None) -> Response[Any]:  # noqa: N803
    comment = comment_service.edit_comment(
        caller(), commentId, body.body, wiring.ideas, wiring.comments, expected_version=matched_version(if_match)
    )
    return tagged_response(CommentView.of(comment), comment.version)


@router.delete(
    "/comments/<commentId>",
    summary="Remove a comment (its author, or the brand's staff); it shows as removed, replies stay",
    security=SECURED,
    responses={204: {"description": "Removed"}, **problem_responses(401, 403, 404, 409, 422)},
)
def remove_comment(commentId: IdPath) -> Response[Any]:  # noqa: N803
    comment_service.remove_comment(caller(), commentId, wiring.ideas, wiring.comments)
    return Response(status_code=204, body="")


def _mark_helpful(comment_id: str, helpful: bool, if_match: str | None) -> Response[Any]:
    comment = comment_service.mark_helpful(
        caller(),
        comment_id,
        helpful,
        wiring.challenges,
        wiring.ideas,
        wiring.comments,
        expected_version=matched_version(if_match),
    )
    return tagged_response(CommentView.of(comment), comment.version)


@router.put(
    "/comments/<commentId>/helpful",
    summary="Mark a comment helpful (the brand's staff and operators); again changes nothing",
    security=SECURED,
    responses={
        **tagged("The comment, marked helpful", CommentView),
        **problem_responses(401, 403, 404, 409, 412, 422),
    },
)
def mark_comment_helpful(commentId: IdPath, if_match: IfMatch = None) -> Response[Any]:  # noqa: N803
    return _mark_helpful(commentId, True, if_match)


@router.delete(
    "/comments/<commentId>/helpful",
    summary="Take back a comment's helpful mark (the brand's staff and operators); again changes nothing",
    security=SECURED,
    responses={
        **tagged("The comment, not marked helpful", CommentView),
        **problem_responses(401, 403, 404, 409, 412, 422),
    },
)
def unmark_comment_helpful(commentId: IdPath, if_match: IfMatch = None) -> Response[Any]:  # noqa: N803
    return _mark_helpful(commentId, False, if_match)


@router.post(
    "/ideas/<ideaId>/notes",
    summary="Write a private staff note on an idea (the brand's staff and operators)",
    security=SECURED,
    responses={
        201: {"description": "Created", "content": {"application/json": {"model": StaffNoteView}}},
        **problem_responses(400, 401, 403, 404, 409, 413, 415, 422),
    },
)
def add_staff_note(
    ideaId: IdPath,  # noqa: N803
    body: Annotated[StaffNoteCreate, Body()],
    idempotency_key: IdempotencyKey = None,
) -> Response[Any]:
    principal = caller()
    author_id = principal.require_signed_in()

    def command() -> dict[str, Any]:
        note = comment_service.add_staff_note(principal, ideaId, body.body, wiring.ideas, wiring.staff_notes)
        return StaffNoteView.of(note).model_dump(mode="json")

    payload = {"ideaId": ideaId, **body.model_dump(mode="json")}
    view = wiring.idempotent.run("add_staff_note", author_id, idempotency_key, payload, command)
    return json_response(201, StaffNoteView.model_validate(view))


@router.get(
    "/ideas/<ideaId>/notes",
    summary="Private staff notes on an idea, newest first (the brand's staff and operators)",
    security=SECURED,
    responses={200: {"description": "A page of notes"}, **problem_responses(401, 403, 404, 422)},
)
def list_staff_notes(
    ideaId: IdPath,  # noqa: N803
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> StaffNotePage:
    scope = f"notes:{ideaId}"
    principal = caller()
    principal.require_signed_in()  # before the cursor: an anonymous caller learns nothing
    start = wiring.cursors.decode(cursor, scope)
    page = comment_service.list_staff_notes(
        principal, ideaId, wiring.ideas, wiring.staff_notes, limit=limit, start=start
    )
    return StaffNotePage(
        items=[StaffNoteView.of(note) for note in page.items],
        next_cursor=wiring.cursors.encode(page.next_key, scope),
    )
