"""Entry point of the notifications function: subscriptions, the inbox, preferences, unsubscribe
links and brand webhooks (HTTP API); the consumer of the notifications queue (bus events through a
rule, fan-out batches, webhook tries, digest pages); and the daily digest schedule. Told apart by
the event's shape."""

from __future__ import annotations

import base64
import re
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import parse_qs

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body, Path, Query
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from aws_lambda_powertools.logging import correlation_paths
from pydantic import StrictBool

from functions.notifications import consumer, wiring
from functions.notifications.schemas import (
    AttemptPage,
    AttemptView,
    MarkedRead,
    MarkRead,
    NotificationPage,
    NotificationView,
    PreferencesView,
    SubscriptionView,
    UnsubscribeView,
    WebhookCreate,
    WebhookList,
    WebhookView,
)
from shared.domain.mail import unsubscribe_page
from shared.domain.principal import Principal
from shared.domain.unsubscribe import MAX_TOKEN_CHARS, read_token
from shared.http import (
    DEFAULT_LIMIT,
    SECURED,
    Cursor,
    IdPath,
    Limit,
    create_resolver,
    json_response,
    problem_event_response,
    problem_responses,
    resolve,
)
from shared.observability import instrument, logger
from shared.services import follows as follow_service
from shared.services import inbox as inbox_service
from shared.services import webhooks as webhook_service
from shared.services.email import start_digests

app = create_resolver("Cocreate notifications API")


def caller() -> Principal:
    return wiring.caller(app.current_event.raw_event)


def me() -> Principal:
    """The caller of a /me route, whose verified email address is kept for their emails."""
    principal = caller()
    wiring.addresses.note(principal, wiring.profiles)
    return principal


@app.get(
    "/ideas/<ideaId>/subscription",
    summary="Whether you follow an idea (and why)",
    security=SECURED,
    responses={200: {"description": "Your subscription"}, **problem_responses(401, 404, 422)},
)
def get_subscription(ideaId: IdPath) -> SubscriptionView:  # noqa: N803
    return SubscriptionView.of(ideaId, follow_service.subscription(caller(), ideaId, wiring.ideas, wiring.following))


@app.put(
    "/ideas/<ideaId>/subscription",
    summary="Follow an idea: hear about its status changes, milestones and official answers",
    security=SECURED,
    responses={200: {"description": "You follow the idea"}, **problem_responses(401, 404, 422)},
)
def follow_idea(ideaId: IdPath) -> SubscriptionView:  # noqa: N803
    return SubscriptionView.of(ideaId, follow_service.follow_idea(caller(), ideaId, wiring.ideas, wiring.follows))


@app.delete(
    "/ideas/<ideaId>/subscription",
    summary="Unfollow an idea (remembered: your later votes or comments do not follow it again)",
    security=SECURED,
    responses={204: {"description": "You do not follow the idea", "content": {}}, **problem_responses(401, 404, 422)},
)
def unfollow_idea(ideaId: IdPath) -> Response[Any]:  # noqa: N803
    follow_service.unfollow_idea(caller(), ideaId, wiring.ideas, wiring.follows)
    return Response(status_code=204)


@app.get(
    "/me/notifications",
    summary="Your notifications, newest first (unread only if asked), with the unread count",
    security=SECURED,
    responses={200: {"description": "A page of your notifications"}, **problem_responses(401, 422)},
)
def my_notifications(
    unread: Annotated[bool, Query(description="Only unread ones")] = False,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> NotificationPage:
    principal = me()
    scope = f"inbox:{principal.user_id}:{unread}"
    page, unread_count = inbox_service.my_notifications(
        principal, wiring.inbox, unread_only=unread, limit=limit, start=wiring.cursors.decode(cursor, scope)
    )
    return NotificationPage(
        items=[NotificationView.of(n) for n in page.items],
        unread_count=unread_count,
        next_cursor=wiring.cursors.encode(page.next_key, scope),
    )


@app.post(
    "/me/notifications/read",
    summary="Mark notifications read: some (ids) or all",
    security=SECURED,
    responses={200: {"description": "How many changed"}, **problem_responses(400, 401, 413, 415, 422)},
)
def mark_read(body: Annotated[MarkRead, Body()]) -> MarkedRead:
    principal = me()
    marked = inbox_service.mark_read(principal, wiring.inbox, body.ids, body.all)
    return MarkedRead(marked=marked, unread_count=wiring.inbox.unread_count(str(principal.user_id)))


@app.get(
    "/me/preferences",
    summary="Your notification channels per event type (inbox, email, digest)",
    security=SECURED,
    responses={200: {"description": "Your preferences"}, **problem_responses(401, 422)},
)
def my_preferences() -> PreferencesView:
    return PreferencesView.of(inbox_service.my_preferences(me(), wiring.profiles))


@app.put(
    "/me/preferences",
    summary="Change channels: {eventType: {inbox|email|digest: true|false}}; what is not named stays",
    security=SECURED,
    responses={200: {"description": "Your preferences"}, **problem_responses(400, 401, 413, 415, 422)},
)
def change_preferences(body: Annotated[dict[str, dict[str, StrictBool]], Body()]) -> PreferencesView:
    return PreferencesView.of(inbox_service.change_preferences(me(), wiring.profiles, body))


Token = Annotated[
    str, Query(min_length=1, max_length=MAX_TOKEN_CHARS, description="The signed token of the email's link")
]


def _answer(view: UnsubscribeView, token: str) -> Response[Any]:
    """JSON, or a small page for a browser (an email's link opened by a person)."""
    if "text/html" in str(app.current_event.headers.get("accept") or ""):
        page = unsubscribe_page(view.stops, token, done=view.done)
        return Response(status_code=200, content_type="text/html; charset=utf-8", body=page)
    return json_response(200, view)


def _unsubscribe_answer(description: str) -> OpenAPIResponse:
    page = {"type": "string", "description": "For a browser: a page with a button (GET), the confirmation (POST)"}
    return {
        "description": description,
        "content": {"application/json": {"model": UnsubscribeView}, "text/html": {"schema": page}},
    }


@app.get(
    "/unsubscribe",
    summary="What an email's unsubscribe link stops (no sign-in; nothing changes)",
    responses={200: _unsubscribe_answer("The link's scope"), **problem_responses(422)},
)
def check_unsubscribe(token: Token) -> Response[Any]:
    _, scope = read_token(wiring.unsubscribe_secret(), token, datetime.now(UTC))
    return _answer(UnsubscribeView.of(scope, done=False), token)


@app.post(
    "/unsubscribe",
    summary="Unsubscribe with an email's link (no sign-in; one click, RFC 8058): email and digest off",
    responses={200: _unsubscribe_answer("Done (again is fine)"), **problem_responses(422)},
)
def unsubscribe(token: Token) -> Response[Any]:
    user_id, scope = read_token(wiring.unsubscribe_secret(), token, datetime.now(UTC))
    inbox_service.unsubscribe(wiring.profiles, user_id, scope)
    logger.info("Unsubscribed", extra={"scope": scope})
    return _answer(UnsubscribeView.of(scope, done=True), token)


BrandPath = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


@app.post(
    "/brands/<brandId>/webhooks",
    summary="Register a signed webhook for some event types, with an optional filter (brand admins)",
    security=SECURED,
    responses={
        201: {"description": "The webhook, with its secret (shown once)"},
        **problem_responses(400, 401, 403, 409, 413, 415, 422),
    },
)
def create_webhook(brandId: BrandPath, body: Annotated[WebhookCreate, Body()]) -> Response[Any]:  # noqa: N803
    hook = webhook_service.register(
        caller(), brandId, body.url, body.events, body.filter, wiring.webhooks, allow_loopback=wiring.allow_loopback
    )
    return json_response(201, WebhookView.of(hook, with_secret=True))


@app.get(
    "/brands/<brandId>/webhooks",
    summary="The brand's webhooks (brand admins)",
    security=SECURED,
    responses={200: {"description": "The webhooks (no secrets)"}, **problem_responses(401, 403, 422)},
)
def list_webhooks(brandId: BrandPath) -> WebhookList:  # noqa: N803
    hooks = webhook_service.list_webhooks(caller(), brandId, wiring.webhooks)
    return WebhookList(items=[WebhookView.of(hook) for hook in hooks])


@app.delete(
    "/brands/<brandId>/webhooks/<webhookId>",
    summary="Delete a webhook (brand admins)",
    security=SECURED,
    responses={204: {"description": "Deleted", "content": {}}, **problem_responses(401, 403, 404, 422)},
)
def delete_webhook(brandId: BrandPath, webhookId: IdPath) -> Response[Any]:  # noqa: N803
    webhook_service.delete_webhook(caller(), brandId, webhookId, wiring.webhooks)
    return Response(status_code=204)


@app.get(
    "/brands/<brandId>/webhooks/<webhookId>/deliveries",
    summary="Every delivery attempt of a webhook, newest first (brand admins)",
    security=SECURED,
    responses={200: {"description": "A page of attempts"}, **problem_responses(401, 403, 404, 422)},
)
def list_deliveries(
    brandId: BrandPath,  # noqa: N803
    webhookId: IdPath,  # noqa: N803
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> AttemptPage:
    scope = f"attempts:{brandId}:{webhookId}"
    page = webhook_service.deliveries(
        caller(), brandId, webhookId, wiring.webhooks, limit=limit, start=wiring.cursors.decode(cursor, scope)
    )
    return AttemptPage(
        items=[AttemptView.of(attempt) for attempt, _ in page.items],
        next_cursor=wiring.cursors.encode(page.next_key, scope),
    )


@app.post(
    "/brands/<brandId>/webhooks/<webhookId>/deliveries/<deliveryId>/replay",
    summary="Deliver a logged event again (brand admins)",
    security=SECURED,
    responses={202: {"description": "Queued", "content": {}}, **problem_responses(401, 403, 404, 422)},
)
def replay_delivery(brandId: BrandPath, webhookId: IdPath, deliveryId: IdPath) -> Response[Any]:  # noqa: N803
    webhook_service.replay(caller(), brandId, webhookId, deliveryId, wiring.webhooks, wiring.deliveries.queue)
    return Response(status_code=202)


ONE_CLICK = {"List-Unsubscribe": ["One-Click"]}
_MULTIPART_ONE_CLICK = re.compile(r'name="?List-Unsubscribe"?\r?\n(?:[^\r\n]+\r?\n)*\r?\nOne-Click\r?\n')


def _is_one_click(body: str, content_type: str) -> bool:
    if content_type.startswith("multipart/form-data"):
        return bool(_MULTIPART_ONE_CLICK.search(body)) and body.count("Content-Disposition") == 1
    return parse_qs(body.strip(), keep_blank_values=True) == ONE_CLICK


def one_click(event: dict[str, Any]) -> dict[str, Any]:
    """Mail providers' one-click POST (RFC 8058) carries the form field ``List-Unsubscribe=One-Click``
    (multipart or urlencoded); that body is accepted (and dropped) on POST /unsubscribe, any other
    body there is refused."""
    if event.get("routeKey") != "POST /unsubscribe" or not event.get("body"):
        return event
    body = str(event["body"])
    if event.get("isBase64Encoded"):
        try:
            body = base64.b64decode(body, validate=True).decode("utf-8")
        except ValueError:
            body = ""
    headers = {str(k).lower(): str(v) for k, v in (event.get("headers") or {}).items()}
    if _is_one_click(body, headers.get("content-type", "").lower()):
        return {**event, "body": None, "isBase64Encoded": False}
    return problem_event_response(
        422,
        "Validation failed",
        "body: send no body, or the one-click form List-Unsubscribe=One-Click.",
        slug="validation-failed",
        errors=[{"field": "body", "location": "body", "message": "Unexpected body", "code": "unexpected_body"}],
    )


@instrument(correlation_id_path=correlation_paths.API_GATEWAY_HTTP)
def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    if "Records" in event:  # the notifications queue
        return consumer.consume(event, context)
    if event.get("detail-type") == "Scheduled Event":  # the daily digest
        at = datetime.fromisoformat(str(event.get("time") or datetime.now(UTC).isoformat()).replace("Z", "+00:00"))
        queued = start_digests(wiring.mail, wiring.queue, at, wiring.digest_shards)
        logger.info("Digest started", extra={"at": at.isoformat(), "messages": queued})
        return {"queued": queued}
    event = one_click(event)
    if "statusCode" in event:
        return event
    return resolve(app, event, context)
