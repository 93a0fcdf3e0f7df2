"""Entry point of the live function: the WebSocket API's routes ($connect, $disconnect,
subscribe, unsubscribe, $default) and, from the live queue, bus events pushed to the connections
listening to their channels, and delayed vote-count pushes (decision 61).

A client connects to the API's URL with a token (``?token=<jwt>``, or the subprotocols
``cocreate, <jwt>``) or none (public channels only), sends
``{"action": "subscribe", "channel": "idea:<ideaId>" | "challenge:<challengeId>" | "me"}`` and
receives the messages of docs/asyncapi.yaml."""

from __future__ import annotations

import json
import re
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from pydantic import ValidationError as PydanticValidationError

from functions.live import wiring
from shared.auth import principal_from_claims
from shared.domain.errors import DomainError
from shared.domain.live import Channel, ChannelKind
from shared.domain.principal import ANONYMOUS, Principal
from shared.events import EventBridgeEnvelope
from shared.live_messages import ClientRequest, LiveError, LiveMessage, Subscribed, Unsubscribed
from shared.observability import instrument, metrics
from shared.services import live as live_service

processor = BatchProcessor(event_type=EventType.SQS)
PROTOCOL = "cocreate"  # the subprotocol a client offers beside its token
_JWT = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")


def _principal(event: dict[str, Any]) -> tuple[Principal, bool]:
    """Who connects (from ?token= or a token among the subprotocols), and whether they offered ours."""
    query = event.get("queryStringParameters") or {}
    headers = {str(k).lower(): str(v) for k, v in (event.get("headers") or {}).items()}
    offered = [p.strip() for p in headers.get("sec-websocket-protocol", "").split(",") if p.strip()]
    token = query.get("token") or next((p for p in offered if _JWT.fullmatch(p)), None)
    if not token:
        return ANONYMOUS, PROTOCOL in offered
    claims = wiring.verifier.verify(str(token))
    principal = principal_from_claims(claims, trust_operators=wiring.settings.trust_operators)
    if wiring.settings.staff_from_list:
        principal = wiring.memberships.joined(principal, wiring.staff)
    return principal, PROTOCOL in offered


def _connect(event: dict[str, Any], connection_id: str) -> dict[str, Any]:
    try:
        principal, chose = _principal(event)
    except DomainError as exc:  # a bad token is refused, never taken as anonymous
        return {"statusCode": exc.status, "body": exc.detail}
    live_service.connect(principal, connection_id, wiring.ports)
    metrics.add_metric(name="LiveConnections", unit="Count", value=1)
    headers = {"Sec-WebSocket-Protocol": PROTOCOL} if chose else {}
    return {"statusCode": 200, "headers": headers}


def _reply(connection_id: str, message: LiveMessage) -> None:
    wiring.ports.pusher.post(connection_id, message.json_text())


def _message(event: dict[str, Any], connection_id: str) -> dict[str, Any]:
    try:
        request = ClientRequest.model_validate_json(event.get("body") or "")
    except PydanticValidationError:
        detail = 'Send {"action": "subscribe" | "unsubscribe", "channel": "idea:<id>" | "challenge:<id>" | "me"}.'
        _reply(connection_id, LiveError(status=422, title="Validation failed", detail=detail))
        return {"statusCode": 200}
    try:
        if request.action == "subscribe":
            channel = live_service.subscribe(connection_id, request.channel, wiring.ports)
            _reply(connection_id, Subscribed(channel=channel.public_name))
        else:
            channel = live_service.unsubscribe(connection_id, request.channel, wiring.ports)
            _reply(connection_id, Unsubscribed(channel=channel.public_name))
    except DomainError as exc:
        _reply(connection_id, LiveError(status=exc.status, title=exc.title, detail=exc.detail, channel=request.channel))
    return {"statusCode": 200}


def websocket(event: dict[str, Any]) -> dict[str, Any]:
    context = event["requestContext"]
    connection_id = str(context["connectionId"])
    kind = context.get("eventType")
    if kind == "CONNECT":
        return _connect(event, connection_id)
    if kind == "DISCONNECT":
        live_service.disconnect(connection_id, wiring.ports)
        return {"statusCode": 200}
    return _message(event, connection_id)


def record_handler(record: SQSRecord) -> None:
    body = json.loads(record.body)
    if "flush" in body:  # a vote count held back a second ago
        kind, _, target = str(body["flush"]).partition(":")
        pushed = live_service.flush(Channel(ChannelKind(kind), target), wiring.ports, delayed=True)
    else:
        event = EventBridgeEnvelope.model_validate(body).event()
        if event is None:
            return
        pushed = live_service.on_event(event, wiring.ports)
    if pushed:
        metrics.add_metric(name="LivePushes", unit="Count", value=pushed)


@instrument()
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    if "Records" in event:  # the live queue: bus events and delayed pushes
        return dict(
            process_partial_response(event=event, record_handler=record_handler, processor=processor, context=context)
        )
    return websocket(event)
