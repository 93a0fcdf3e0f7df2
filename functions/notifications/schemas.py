"""Request and response bodies of the notifications function."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, StrictBool

from shared.domain.follows import Follow, FollowReason
from shared.domain.hooks import Attempt, Webhook
from shared.domain.inbox import Notification
from shared.domain.mail import label
from shared.domain.notification_prefs import ALL_EVENT_TYPES, Profile
from shared.http import RequestBody, ResponseBody


class SubscriptionView(ResponseBody):
    idea_id: str
    following: bool
    reason: FollowReason | None = Field(description="Why you follow (author, voter, commenter, explicit, merge).")
    since: datetime | None

    @classmethod
    def of(cls, idea_id: str, follow: Follow | None) -> SubscriptionView:
        if follow is None:
            return cls(idea_id=idea_id, following=False, reason=None, since=None)
        return cls(idea_id=idea_id, following=follow.following, reason=follow.reason, since=follow.since)


class NotificationView(ResponseBody):
    id: str = Field(
        description="The notification's id: send it back to mark it read.", examples=["n1764765600000.evt-1"]
    )
    event_type: str
    message: str
    idea_id: str | None
    challenge_id: str | None
    at: datetime
    read: bool

    @classmethod
    def of(cls, notification: Notification) -> NotificationView:
        notice = notification.notice
        return cls(
            id=notification.ref.id,
            event_type=notice.event_type,
            message=notice.message,
            idea_id=notice.idea_id,
            challenge_id=notice.challenge_id,
            at=notice.at,
            read=notification.read,
        )


class NotificationPage(ResponseBody):
    items: list[NotificationView]
    unread_count: int
    next_cursor: str | None


class MarkRead(RequestBody):
    ids: Annotated[list[Annotated[str, Field(min_length=1, max_length=200)]] | None, Field(max_length=100)] = None
    all: StrictBool = False


class MarkedRead(ResponseBody):
    marked: int
    unread_count: int


class PreferencesView(ResponseBody):
    preferences: dict[str, dict[str, bool]] = Field(description="{eventType: {inbox, email, digest}}")
    email: str | None = Field(
        description="Where emails go: the verified email of your sign-in token (null until one is seen)."
    )

    @classmethod
    def of(cls, profile: Profile) -> PreferencesView:
        return cls(preferences=profile.preferences.flags(), email=profile.email)


class UnsubscribeView(ResponseBody):
    scope: str = Field(description="An event type, or 'all' (every email and the digest)")
    stops: str = Field(description="What the link stops, in words")
    done: bool = Field(description="True once emails for the scope are off")

    @classmethod
    def of(cls, scope: str, *, done: bool) -> UnsubscribeView:
        stops = "every email and the daily digest" if scope == ALL_EVENT_TYPES else f"emails about {label(scope)}"
        return cls(scope=scope, stops=stops, done=done)


class WebhookCreate(RequestBody):
    url: Annotated[
        str,
        Field(
            min_length=8,
            max_length=2048,
            description="An https URL on a public host, port 443 or 8443 (checked again at each delivery).",
        ),
    ]
    events: Annotated[list[Annotated[str, Field(min_length=1, max_length=64)]], Field(min_length=1, max_length=20)]
    filter: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=200)]],
        Field(max_length=10, description='Clauses joined by AND, e.g. ["supporters >= 50", "challengeId = ch_1"]'),
    ] = []


class WebhookView(ResponseBody):
    webhook_id: str
    brand_id: str
    url: str
    events: list[str]
    filter: list[str]
    created_at: datetime
    secret: str | None = Field(default=None, description="Shown once, when the webhook is created.")

    @classmethod
    def of(cls, hook: Webhook, *, with_secret: bool = False) -> WebhookView:
        return cls(
            webhook_id=hook.webhook_id,
            brand_id=hook.brand_id,
            url=hook.url,
            events=list(hook.events),
            filter=list(hook.filter),
            created_at=hook.created_at,
            secret=hook.secret if with_secret else None,
        )


class WebhookList(ResponseBody):
    items: list[WebhookView]


class AttemptView(ResponseBody):
    delivery_id: str
    attempt: int
    at: datetime
    status: int | None
    error: str | None
    event_type: str

    @classmethod
    def of(cls, attempt: Attempt) -> AttemptView:
        return cls(
            delivery_id=attempt.delivery_id,
            attempt=attempt.attempt,
            at=attempt.at,
            status=attempt.status,
            error=attempt.error,
            event_type=attempt.event_type,
        )


class AttemptPage(ResponseBody):
    items: list[AttemptView]
    next_cursor: str | None
