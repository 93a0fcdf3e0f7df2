"""Entry point of the moderation function: reports, the queue, decisions, appeals and the audit log
(HTTP API), and screening of posted or edited ideas and comments (the moderation queue: bus events
through a rule), told apart by the event's shape."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body, Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from functions.moderation import wiring
from functions.moderation.schemas import (
    AppealFiledView,
    AppealRequest,
    AppealView,
    AuditPage,
    AuditView,
    CaseView,
    DecisionRequest,
    PseudonymisationRequest,
    QueuePage,
    ReportRequest,
    ReportView,
)
from shared.domain.errors import ValidationError
from shared.domain.moderation import TargetType
from shared.domain.principal import Principal
from shared.events import (
    CommentEdited,
    CommentPosted,
    DomainEvent,
    EventBridgeEnvelope,
    IdeaSubmitted,
    IdeaUpdated,
)
from shared.http import (
    DEFAULT_LIMIT,
    SECURED,
    Cursor,
    IdPath,
    Limit,
    create_resolver,
    json_response,
    problem_responses,
    resolve,
)
from shared.observability import instrument, metrics
from shared.services import moderation as service

app = create_resolver("Cocreate moderation API")
processor = BatchProcessor(event_type=EventType.SQS)
BrandQuery = Annotated[str | None, Query(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


def caller() -> Principal:
    return wiring.caller(app.current_event.raw_event)


def _report(target_type: TargetType, target_id: str, body: ReportRequest) -> Response[Any]:
    service.report(caller(), wiring.ports, target_type, target_id, body.reason, body.note)
    metrics.add_metric(name="ReportsFiled", unit="Count", value=1)
    view = ReportView(target_type=target_type, target_id=target_id, reason=body.reason)
    return json_response(201, view)


@app.post(
    "/ideas/<ideaId>/reports",
    summary="Report an idea (once per user); at the challenge's threshold it is hidden pending review",
    security=SECURED,
    responses={201: {"description": "Reported"}, **problem_responses(400, 401, 403, 404, 409, 413, 415, 422, 429)},
)
def report_idea(ideaId: IdPath, body: Annotated[ReportRequest, Body()]) -> Response[Any]:  # noqa: N803
    return _report(TargetType.IDEA, ideaId, body)


@app.post(
    "/comments/<commentId>/reports",
    summary="Report a comment (once per user); at the challenge's threshold it is hidden pending review",
    security=SECURED,
    responses={201: {"description": "Reported"}, **problem_responses(400, 401, 403, 404, 409, 413, 415, 422, 429)},
)
def report_comment(commentId: IdPath, body: Annotated[ReportRequest, Body()]) -> Response[Any]:  # noqa: N803
    return _report(TargetType.COMMENT, commentId, body)


@app.get(
    "/moderation/queue",
    summary="Items awaiting a decision in a brand you moderate, oldest first",
    security=SECURED,
    responses={200: {"description": "A page of the queue"}, **problem_responses(401, 403, 422)},
)
def list_queue(
    brandId: BrandQuery = None,  # noqa: N803
    challengeId: BrandQuery = None,  # noqa: N803
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> QueuePage:
    principal = caller()
    scope = f"queue:{brandId or '-'}:{challengeId or ''}"
    brand, page = service.list_queue(
        principal, wiring.ports, brandId, challengeId, limit=limit, start=wiring.cursors.decode(cursor, scope)
    )
    return QueuePage(
        brand_id=brand,
        items=[CaseView.of(case) for case in page.items],
        next_cursor=wiring.cursors.encode(page.next_key, scope),
    )


@app.post(
    "/moderation/pseudonymisations",
    summary="Remove one idea's or comment's link to its author, on their request (brand admins)",
    description=(
        "The item stays, shown as by a former participant (a fresh pseudonym nothing links back); its"
        " moderation case and audit entries name the pseudonym, and the audit log records the step."
    ),
    security=SECURED,
    responses={
        200: {"description": "The case, now naming the pseudonym"},
        **problem_responses(400, 401, 403, 404, 409, 413, 415, 422),
    },
)
def pseudonymise(body: Annotated[PseudonymisationRequest, Body()]) -> CaseView:
    return CaseView.of(service.pseudonymise(caller(), wiring.ports, body.target_type, body.target_id))


@app.post(
    "/moderation/decisions",
    summary="Decide on an item: approve, reject, hide or restore (a reason for all but approve)",
    security=SECURED,
    responses={
        200: {"description": "The case after the decision"},
        **problem_responses(400, 401, 403, 404, 409, 413, 415, 422),
    },
)
def decide(body: Annotated[DecisionRequest, Body()]) -> CaseView:
    case = service.decide(
        caller(), wiring.ports, body.target_type, body.target_id, body.action, body.reason, body.version
    )
    metrics.add_metric(name="ModerationDecisions", unit="Count", value=1)
    return CaseView.of(case)


@app.post(
    "/moderation/appeals",
    summary="Appeal the rejection or hiding of your idea or comment (once)",
    security=SECURED,
    responses={
        200: {"description": "The appeal, back in the queue"},
        **problem_responses(400, 401, 403, 404, 409, 413, 415, 422),
    },
)
def appeal(body: Annotated[AppealRequest, Body()]) -> AppealFiledView:
    case = service.appeal(caller(), wiring.ports, body.target_type, body.target_id, body.message)
    assert case.appeal is not None  # the appeal was just filed
    return AppealFiledView(
        target_type=case.target_type,
        target_id=case.target_id,
        state=case.state.value,
        appeal=AppealView(message=case.appeal.message, at=case.appeal.at),
    )


@app.get(
    "/moderation/audit",
    summary="The append-only moderation log of a brand you moderate (or any, for operators), newest first",
    security=SECURED,
    responses={200: {"description": "A page of the log"}, **problem_responses(401, 403, 422)},
)
def list_audit(
    brandId: BrandQuery = None,  # noqa: N803
    targetType: Annotated[TargetType | None, Query()] = None,  # noqa: N803
    targetId: BrandQuery = None,  # noqa: N803
    since: Annotated[str | None, Query(max_length=40, description="From this time (ISO 8601, with a zone)")] = None,
    until: Annotated[str | None, Query(max_length=40, description="Up to this time (ISO 8601, with a zone)")] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> AuditPage:
    if (targetType is None) != (targetId is None):
        raise ValidationError("targetType and targetId go together.", field="targetId")
    target = (targetType, targetId) if targetType and targetId else None
    low, high = _instant(since, "since"), _instant(until, "until")
    if low and high and low > high:
        raise ValidationError("since must not be after until.", field="since")
    scope = f"audit:{brandId or '-'}:{targetType or ''}:{targetId or ''}:{since or ''}:{until or ''}"
    brand, page = service.list_audit(
        caller(),
        wiring.ports,
        brandId,
        target=target,
        since=low,
        until=high,
        limit=limit,
        start=wiring.cursors.decode(cursor, scope),
    )
    return AuditPage(
        brand_id=brand,
        items=[AuditView.of(entry) for entry in page.items],
        next_cursor=wiring.cursors.encode(page.next_key, scope),
    )


def _instant(text: str | None, name: str) -> datetime | None:
    """An ISO 8601 time with a zone, between 2000 and 2200 (the log holds nothing else)."""
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise ValidationError(f"{name} must be an ISO 8601 time, e.g. 2026-11-26T12:00:00Z.", field=name) from None
    if value.tzinfo is None or not 2000 <= value.year <= 2200:
        raise ValidationError(f"{name} must have a time zone and a year between 2000 and 2200.", field=name)
    return value.astimezone(UTC)


def screened_target(event: DomainEvent | None) -> tuple[TargetType, str] | None:
    """What a posted or edited idea or comment asks to screen (None: nothing to screen)."""
    if isinstance(event, IdeaSubmitted | IdeaUpdated):
        return TargetType.IDEA, event.idea_id
    if isinstance(event, CommentPosted | CommentEdited):
        return TargetType.COMMENT, event.comment_id
    return None


def screen_record(record: SQSRecord) -> None:
    envelope = EventBridgeEnvelope.model_validate(json.loads(record.body))
    event = envelope.event()
    target = screened_target(event)
    if event is None or target is None:
        return
    verdict = service.screen_target(wiring.ports, *target, event.event_id, envelope.time)
    if verdict is not None:
        metrics.add_metric(name=f"Screened{verdict.decision.value.title()}", unit="Count", value=1)


@instrument(correlation_id_path=correlation_paths.API_GATEWAY_HTTP)
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    if "Records" in event:  # the moderation queue
        return dict(
            process_partial_response(event=event, record_handler=screen_record, processor=processor, context=context)
        )
    return resolve(app, event, context)
