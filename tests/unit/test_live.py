"""Live updates against fakes: who may listen to which channel, who a push reaches, how a vote
storm is coalesced into one push per idea per second, and gone connections cleaned up."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import pytest

from shared.domain.errors import NotFoundError, UnauthorizedError, ValidationError
from shared.domain.ideas import IdeaStatus
from shared.domain.live import Channel, ChannelKind, Connection, parse_channel
from shared.domain.principal import ANONYMOUS, Principal
from shared.services import live
from shared.services.ports.live import LivePorts
from tests.builders import an_event

from .builders import BRAND, T0, a_challenge, an_idea
from .fakes import InMemoryChallengeRepository, InMemoryIdeaRepository

ANN = Principal(user_id="ann")
STAFF = Principal(user_id="mia", moderator_of=frozenset({BRAND}))


class FakeConnections:
    def __init__(self) -> None:
        self.open_ones: dict[str, Connection] = {}
        self.subs: dict[str, set[str]] = {}

    def open(self, connection: Connection) -> None:
        self.open_ones[connection.connection_id] = connection

    def get(self, connection_id: str) -> Connection | None:
        return self.open_ones.get(connection_id)

    def close(self, connection_id: str) -> None:
        self.open_ones.pop(connection_id, None)
        self.subs.pop(connection_id, None)

    def subscribe(self, connection: Connection, channel: Channel) -> None:
        self.subs.setdefault(connection.connection_id, set()).add(channel.key)

    def unsubscribe(self, connection_id: str, channel: Channel) -> None:
        self.subs.get(connection_id, set()).discard(channel.key)

    def listeners(self, channel: Channel) -> Iterator[Connection]:
        return iter([self.open_ones[c] for c, keys in sorted(self.subs.items()) if channel.key in keys])

    def present(self, user_ids: Iterable[str]) -> set[str]:
        return set()


@dataclass
class FakeThrottle:
    held: dict[str, tuple[str, datetime]] = field(default_factory=dict)
    last: dict[str, datetime] = field(default_factory=dict)
    scheduled: set[str] = field(default_factory=set)

    def hold(self, channel: Channel, message: str, at: datetime) -> None:
        current = self.held.get(channel.key)
        if current is None or current[1] <= at:
            self.held[channel.key] = (message, at)

    def claim(self, channel: Channel, now: datetime) -> str | None:
        last = self.last.get(channel.key)
        if channel.key not in self.held or (last is not None and now - last < timedelta(seconds=1)):
            return None
        self.last[channel.key] = now
        return self.held.pop(channel.key)[0]

    def schedule(self, channel: Channel) -> bool:
        if channel.key not in self.held or channel.key in self.scheduled:
            return False
        self.scheduled.add(channel.key)
        return True

    def unschedule(self, channel: Channel) -> None:
        self.scheduled.discard(channel.key)


@dataclass
class FakePusher:
    gone: set[str] = field(default_factory=set)
    sent: list[tuple[str, dict[str, object]]] = field(default_factory=list)

    def post(self, connection_id: str, data: str) -> bool:
        if connection_id in self.gone:
            return False
        self.sent.append((connection_id, json.loads(data)))
        return True


@dataclass
class FakeLater:
    queued: list[tuple[str, int]] = field(default_factory=list)

    def push_later(self, channel: Channel, seconds: int) -> None:
        self.queued.append((channel.key, seconds))


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


def ports(**ideas: IdeaStatus) -> LivePorts:
    repository = InMemoryIdeaRepository()
    for idea_id, status in ideas.items():
        repository.add(an_idea(idea_id=idea_id, status=status, author_id="author"))
    challenges = InMemoryChallengeRepository()
    challenges.add(a_challenge())
    return LivePorts(FakeConnections(), FakeThrottle(), FakePusher(), FakeLater(), repository, challenges, Clock())


def connected(p: LivePorts, connection_id: str, principal: Principal, *channels: str) -> None:
    live.connect(principal, connection_id, p)
    for channel in channels:
        live.subscribe(connection_id, channel, p)


def test_channel_names_are_checked_and_me_is_the_callers_own_inbox() -> None:
    assert parse_channel("idea:i-1", ANONYMOUS) == Channel(ChannelKind.IDEA, "i-1")
    assert parse_channel("me", ANN).key == "user:ann"
    with pytest.raises(UnauthorizedError):
        parse_channel("me", ANONYMOUS)
    for bad in ("user:ann", "idea:", "idea:a b", "challenges:c", "everything"):
        with pytest.raises(ValidationError):
            parse_channel(bad, ANN)


def test_a_hidden_or_unknown_idea_is_not_found_to_whoever_may_not_read_it() -> None:
    p = ports(shown=IdeaStatus.PUBLISHED, hidden=IdeaStatus.HIDDEN)
    live.connect(ANONYMOUS, "c1", p)
    live.connect(STAFF, "c2", p)

    assert live.subscribe("c1", "idea:shown", p).key == "idea:shown"
    for missing in ("idea:hidden", "idea:nope", "challenge:nope"):
        with pytest.raises(NotFoundError):
            live.subscribe("c1", missing, p)
    assert live.subscribe("c2", "idea:hidden", p).key == "idea:hidden"  # the brand's staff read it


def test_a_closed_connection_cannot_subscribe() -> None:
    with pytest.raises(NotFoundError):
        live.subscribe("gone", "idea:x", ports())


def test_a_comment_reaches_every_listener_and_a_hidden_ideas_update_only_staff_and_its_author() -> None:
    p = ports(idea=IdeaStatus.PUBLISHED)
    connected(p, "anon", ANONYMOUS, "idea:idea")
    connected(p, "staff", STAFF, "idea:idea")
    connected(p, "author", Principal(user_id="author"), "idea:idea")
    posted = an_event("CommentPosted", ideaId="idea", commentId="k1", body="Hi", authorId="bo")

    assert live.on_event(posted, p) == 3
    shown = p.ideas.get("idea")
    assert shown is not None
    p.ideas.save_changes(shown, replace(shown, status=IdeaStatus.HIDDEN))  # type: ignore[attr-defined]
    hidden = an_event("ContentHidden", targetType="idea", targetId="idea")

    assert live.on_event(hidden, p) == 2
    receivers = [c for c, m in p.pusher.sent if m["type"] == "status"]  # type: ignore[attr-defined]
    assert receivers == ["author", "staff"]


def test_a_vote_storm_is_one_push_per_idea_per_second_and_the_last_count_arrives() -> None:
    p = ports(idea=IdeaStatus.PUBLISHED)
    for n in range(3):
        connected(p, f"c{n}", ANONYMOUS, "idea:idea")
    clock: Clock = p.clock  # type: ignore[assignment]

    def counted(up: int) -> int:
        clock.now += timedelta(milliseconds=100)
        event = an_event("IdeaVotesChanged", ideaId="idea", votes={"up": up, "down": 0, "score": up})
        return live.on_event(event.model_copy(update={"occurred_at": clock.now}), p)

    pushes = [counted(up) for up in range(1, 8)]  # seven commits within a second

    assert pushes == [3, 0, 0, 0, 0, 0, 0]
    assert p.later.queued == [("idea:idea", 1)]  # type: ignore[attr-defined]
    clock.now += timedelta(seconds=1)
    assert live.flush(Channel(ChannelKind.IDEA, "idea"), p, delayed=True) == 3
    counts = [m["votes"]["up"] for _, m in p.pusher.sent]  # type: ignore[attr-defined]
    assert counts == [1, 1, 1, 7, 7, 7]  # the first at once, the last a second later: none lost, none between


def test_a_gone_connection_is_closed_when_a_push_finds_it_gone() -> None:
    p = ports(idea=IdeaStatus.PUBLISHED)
    connected(p, "here", ANN, "idea:idea")
    connected(p, "gone", ANONYMOUS, "idea:idea")
    p.pusher.gone.add("gone")  # type: ignore[attr-defined]

    assert live.on_event(an_event("IdeaStatusChanged", ideaId="idea", toStatus="accepted"), p) == 1
    assert p.connections.get("gone") is None
    assert [c.connection_id for c in p.connections.listeners(Channel(ChannelKind.IDEA, "idea"))] == ["here"]
