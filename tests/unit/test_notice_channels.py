"""Delivery over the registered channels, and the notification ids the API shows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

import pytest

from shared.domain.errors import ValidationError
from shared.domain.inbox import Notice, Notification, NotificationRef
from shared.domain.notification_prefs import Channel, Profile, default_preferences, update_preferences
from shared.services.inbox import CHANNELS, deliver
from shared.services.ports.inbox import NotifyPorts

from .builders import T0
from .test_mail import FakeLog, FakeMailer, _ports

NOTICE = Notice("evt-1", "IdeaStatusChanged", T0, "“Refills” is now accepted.", "idea-1", "ch-1")


@dataclass
class FakeInbox:
    written: list[Notification] = field(default_factory=list)
    collected: list[tuple[str, ...]] = field(default_factory=list)
    profiles: dict[str, Profile] = field(default_factory=dict)

    def deliver(self, notifications: Iterable[Notification]) -> int:
        new = list(notifications)
        self.written += new
        return len(new)

    def collect(self, notice: Notice, user_ids: Iterable[str], collected_at: Any) -> int:
        users = tuple(user_ids)
        self.collected.append(users)
        return len(users)

    def profiles_of(self, user_ids: Iterable[str]) -> dict[str, Profile]:
        return {user: self.profiles.get(user) or Profile(default_preferences()) for user in user_ids}


@dataclass
class FakeFanOut:
    batches: list[Sequence[Sequence[str]]] = field(default_factory=list)

    def enqueue(self, notice: Notice, batches: Sequence[Sequence[str]], *, email_only: bool = False) -> None:
        assert email_only
        self.batches.append(batches)


@dataclass
class Recording:
    channel: Channel
    calls: list[tuple[str, ...]] = field(default_factory=list)

    def send(self, ports: NotifyPorts, notice: Notice, users: Sequence[str], profiles: Mapping[str, Profile]) -> int:
        self.calls.append(tuple(users))
        return 100 + len(users)


def _notify_ports(inbox: FakeInbox, mailer: FakeMailer | None = None, **overrides: Any) -> NotifyPorts:
    ports = NotifyPorts(
        inbox=inbox,  # type: ignore[arg-type] - only what delivery uses
        profiles=inbox,  # type: ignore[arg-type]
        digest=inbox,
        follows=None,  # type: ignore[arg-type]
        staff=None,  # type: ignore[arg-type]
        ideas=None,  # type: ignore[arg-type]
        challenges=None,  # type: ignore[arg-type]
        fanout=FakeFanOut(),
        mail=_ports(mailer, FakeLog()),
        channels=CHANNELS,
    )
    return replace(ports, **overrides)


def _choosing(*channels: str, email: str | None = None) -> Profile:
    flags = {name: name in channels for name in ("inbox", "email", "digest")}
    return Profile(update_preferences(default_preferences(), {"IdeaStatusChanged": flags}), email)


def test_each_registered_channel_gets_the_users_who_chose_it_in_order() -> None:
    inbox = FakeInbox(profiles={"ann": _choosing("inbox"), "bob": _choosing("digest"), "cy": _choosing()})
    first, second = Recording(Channel.DIGEST), Recording(Channel.INBOX)

    written = deliver(_notify_ports(inbox, channels=(first, second)), NOTICE, ["ann", "bob", "cy"])

    assert (first.calls, second.calls, written) == ([("bob",)], [("ann",)], 101)


def test_the_stock_channels_write_the_inbox_collect_the_digest_and_email_last() -> None:
    mailer = FakeMailer()
    inbox = FakeInbox(
        profiles={"ann": _choosing("inbox", "email", email="ann@example.test"), "bob": _choosing("digest")}
    )

    written = deliver(_notify_ports(inbox, mailer), NOTICE, ["ann", "bob"])

    assert written == 1
    assert [n.user_id for n in inbox.written] == ["ann"]
    assert inbox.collected == [("bob",)]
    assert [email.to for email in mailer.sent] == ["ann@example.test"]


def test_without_a_mailer_digest_and_email_reach_nobody() -> None:
    inbox = FakeInbox(profiles={"ann": _choosing("email", "digest", email="ann@example.test")})

    assert deliver(_notify_ports(inbox), NOTICE, ["ann"]) == 0
    assert inbox.collected == []


def test_many_emails_are_split_off_to_the_queue_and_a_split_message_sends_only_email() -> None:
    mailer = FakeMailer()
    users = [f"fan-{n}" for n in range(45)]
    inbox = FakeInbox(profiles={user: _choosing("inbox", "email", email=f"{user}@example.test") for user in users})
    ports = _notify_ports(inbox, mailer)

    deliver(ports, NOTICE, users)
    deliver(ports, NOTICE, users[:20], only=Channel.EMAIL)

    assert [len(batch) for batch in ports.fanout.batches[0]] == [20, 20, 5]  # type: ignore[attr-defined]
    assert len(inbox.written) == 45  # the split message wrote no inbox item again
    assert len(mailer.sent) == 20


def test_a_notification_id_names_its_time_and_event_and_reads_back() -> None:
    ref = NotificationRef(T0, "evt-1")

    assert ref.id == f"n{int(T0.timestamp() * 1000)}.evt-1"
    assert NotificationRef.parse(ref.id) == ref
    assert NotificationRef.parse(NotificationRef(T0 + timedelta(milliseconds=1), "a.b#c").id).event_id == "a.b#c"
    assert Notification("ann", NOTICE).ref == ref


@pytest.mark.parametrize(
    "text", ["", "evt-1", "2025-03-14T09:26:53.589Z#evt-1", "n12.", "nx.evt", "n1.evt 1", "n1." + "e" * 129]
)
def test_anything_else_is_not_a_notification_id(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        NotificationRef.parse(text)

    assert caught.value.field == "ids"
