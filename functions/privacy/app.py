"""Entry point of the privacy function: a participant's export (GDPR art. 15, 20) and erasure
(art. 17) over HTTP, and the work itself from its queue (decision 60).

The routes write one record; its stream record becomes ExportRequested or ErasureRequested on the
bus, whose rule queues it here. An erasure runs step by step and queues its own continuation when
the invocation runs short of time; a crash is redelivered and resumes at the step it was in. Past
the queue's maxReceiveCount a message lands in the dead-letter queue (an export is then marked
failed there, by the last receive)."""

from __future__ import annotations

import json
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

from functions.privacy import wiring
from functions.privacy.schemas import ErasureRequest, ErasureView, ExportView
from shared.events import ErasureRequested, EventBridgeEnvelope, ExportRequested
from shared.http import SECURED, create_resolver, json_response, problem_responses, resolve
from shared.observability import instrument, logger, metrics
from shared.services import privacy as privacy_service

app = create_resolver("Cocreate privacy API")
processor = BatchProcessor(event_type=EventType.SQS)
MARGIN_MS = 30_000  # time kept back from the invocation's end: a page in flight finishes
LAST_RECEIVE = 5  # the queue's maxReceiveCount: an export failing this often is marked failed


def caller() -> Any:
    return wiring.caller(app.current_event.raw_event)


@app.delete(
    "/me",
    summary="Erase me: my account and what the stack keeps about me (cannot be undone)",
    description=(
        "Ideas and comments you wrote stay, shown as by a former participant (a pseudonym nothing links"
        " back to you); your votes stay counted but no longer point to you; your follows, inbox,"
        " preferences, email address, digest, reports, standing, staff memberships and exports are"
        " deleted, and with the stack's own user pool your account too. The moderation log keeps what"
        " happened, not who. It runs in the background: follow it with GET /me/erasure. Send"
        ' {"confirm": "erase me"}.'
    ),
    security=SECURED,
    responses={
        202: {"description": "Erasing", "content": {"application/json": {"model": ErasureView}}},
        **problem_responses(400, 401, 413, 415, 422),
    },
)
def erase_me(body: Annotated[ErasureRequest, Body()]) -> Response[Any]:
    erasure = privacy_service.request_erasure(caller(), body.confirm, wiring.ports)
    return json_response(202, ErasureView.of(erasure), {"Location": "/me/erasure"})


@app.get(
    "/me/erasure",
    summary="How my erasure is going",
    security=SECURED,
    responses={
        200: {"description": "Your erasure", "content": {"application/json": {"model": ErasureView}}},
        **problem_responses(401, 404, 422),
    },
)
def my_erasure() -> ErasureView:
    return ErasureView.of(privacy_service.erasure_status(caller(), wiring.ports))


@app.post(
    "/me/export",
    summary="Export my data: everything the stack keeps about me, as a zip of JSON documents",
    description="Built in the background (one at a time): GET /me/export gives its state and, once ready, a link.",
    security=SECURED,
    responses={
        202: {"description": "Being built", "content": {"application/json": {"model": ExportView}}},
        **problem_responses(401, 409, 422),
    },
)
def export_me() -> Response[Any]:
    export = privacy_service.request_export(caller(), wiring.ports)
    return json_response(202, ExportView.of(export), {"Location": "/me/export"})


@app.get(
    "/me/export",
    summary="My latest export, with a short-lived download link once it is ready",
    security=SECURED,
    responses={
        200: {"description": "Your export", "content": {"application/json": {"model": ExportView}}},
        **problem_responses(401, 404, 422),
    },
)
def my_export() -> ExportView:
    export, link = privacy_service.export_status(caller(), wiring.ports)
    return ExportView.of(export, link)


def record_handler(record: SQSRecord, lambda_context: Any = None) -> None:
    body = json.loads(record.body)
    if "erasure" in body:  # the rest of an erasure that ran out of time
        _erase(str(body["erasure"]), lambda_context)
        return
    event = EventBridgeEnvelope.model_validate(body).event()
    if isinstance(event, ErasureRequested):
        _erase(event.user_id, lambda_context)
    elif isinstance(event, ExportRequested):
        _export(event.user_id, int(record.raw_event.get("attributes", {}).get("ApproximateReceiveCount", "1")))


def _erase(user_id: str, context: Any) -> None:
    def out_of_time() -> bool:
        return bool(context is not None and context.get_remaining_time_in_millis() < MARGIN_MS)

    if privacy_service.run_erasure(wiring.ports, user_id, out_of_time):
        metrics.add_metric(name="Erasures", unit="Count", value=1)
        logger.info("Erasure done")
        return
    wiring.sqs.send_message(QueueUrl=wiring.settings.queue_url, MessageBody=json.dumps({"erasure": user_id}))
    logger.info("Erasure continues in a new message")


def _export(user_id: str, receives: int) -> None:
    try:
        built = privacy_service.build_export(
            wiring.ports,
            user_id,
            campaign=wiring.settings.campaign,
            webhook_days=wiring.settings.webhook_retention_days,
        )
    except Exception:
        if receives >= LAST_RECEIVE:
            privacy_service.fail_export(wiring.ports, user_id)
        raise
    if built is not None:
        metrics.add_metric(name="Exports", unit="Count", value=1)
        logger.info("Export ready", extra={"bytes": built.size})


def consume(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return dict(
        process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
    )


@instrument(correlation_id_path=correlation_paths.API_GATEWAY_HTTP)
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    if "Records" in event:  # the privacy queue
        return consume(event, context)
    return resolve(app, event, context)
