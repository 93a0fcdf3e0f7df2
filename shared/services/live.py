"""Live use cases: connections and their channels, and bus events pushed to the connections that
may read them (decision 61).

Each push goes to the channel's listeners that may read the thing over HTTP at that moment (an
idea's visibility is read once per event). An idea's vote counts are held and pushed at most once
a second: the first count in a second goes at once, later ones wait in the throttle and the last
of them goes a second later through the live queue, so a vote storm makes one push per idea per
second per connection and the final count always arrives."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

from shared.domain.errors import NotFoundError
from shared.domain.live import Channel, ChannelKind, Connection, parse_channel
from shared.domain.principal import Principal
from shared.events import (
    ChallengePhaseChanged,
    CommentDeleted,
    CommentEdited,
    CommentPosted,
    ContentHidden,
    DomainEvent,
    IdeaExpired,
    IdeaMerged,
    IdeaPublished,
    IdeaStatusChanged,
    IdeaVotesChanged,
    IdeaWithdrawn,
    ModerationDecided,
)
from shared.live_messages import (
    CommentUpdate,
    Counts,
    IdeaPublishedUpdate,
    LiveMessage,
    PhaseUpdate,
    StatusUpdate,
    VotesUpdate,
)
from shared.services.ports import now_ms
from shared.services.ports.live import Listeners, LivePorts

PUSH_THREADS = 16  # PostToConnection calls in flight for one message
Visible = Callable[[Principal], bool]


# -- connections -----------------------------------------------------------------------------------


def connect(principal: Principal, connection_id: str, ports: LivePorts) -> Connection:
    connection = Connection(connection_id, principal, now_ms(ports.clock))
    ports.connections.open(connection)
    return connection


def disconnect(connection_id: str, ports: LivePorts) -> None:
    ports.connections.close(connection_id)


def _connection(connection_id: str, ports: LivePorts) -> Connection:
    connection = ports.connections.get(connection_id)
    if connection is None:
        raise NotFoundError("This connection is closed; connect again.")
    return connection


def subscribe(connection_id: str, name: str, ports: LivePorts) -> Channel:
    """Listen to a channel the connection's caller may read (a hidden or unknown idea, a draft
    challenge of another brand: 404, as over HTTP)."""
    connection = _connection(connection_id, ports)
    principal = connection.principal
    channel = parse_channel(name, principal)
    if channel.kind is ChannelKind.IDEA:
        idea = ports.ideas.get(channel.target)
        if idea is None or not idea.visible_to(principal):
            raise NotFoundError(f"No idea {channel.target!r}.")
    elif channel.kind is ChannelKind.CHALLENGE:
        challenge = ports.challenges.get(channel.target)
        if challenge is None or not (challenge.phase.publicly_visible or principal.is_brand_staff(challenge.brand_id)):
            raise NotFoundError(f"No challenge {channel.target!r}.")
    ports.connections.subscribe(connection, channel)
    return channel


def unsubscribe(connection_id: str, name: str, ports: LivePorts) -> Channel:
    connection = _connection(connection_id, ports)
    channel = parse_channel(name, connection.principal)
    ports.connections.unsubscribe(connection_id, channel)
    return channel


# -- pushing ---------------------------------------------------------------------------------------


def broadcast(channel: Channel, message: LiveMessage, ports: LivePorts, visible: Visible) -> int:
    """Send to every listener of the channel who may read it; connections found gone are closed.
    Returns how many got it."""
    listeners = [c for c in ports.connections.listeners(channel) if visible(c.principal)]
    return send(listeners, message.json_text(), Listeners(ports.connections, ports.pusher))


def send(listeners: Iterable[Connection], text: str, ports: Listeners) -> int:
    """PostToConnection to each (a few at a time); a connection gone (410) is closed."""
    targets = list(listeners)
    if not targets:
        return 0
    with ThreadPoolExecutor(max_workers=min(PUSH_THREADS, len(targets))) as pool:
        delivered = list(pool.map(lambda c: ports.pusher.post(c.connection_id, text), targets))
    for connection, ok in zip(targets, delivered, strict=True):
        if not ok:
            ports.connections.close(connection.connection_id)
    return sum(delivered)


def _idea_audience(idea_id: str, ports: LivePorts) -> Visible | None:
    """Who may read the idea now (None: it is gone, nobody is told)."""
    idea = ports.ideas.get(idea_id)
    return None if idea is None else idea.visible_to


def _everyone(_: Principal) -> bool:
    return True


def on_event(event: DomainEvent, ports: LivePorts) -> int:
    """Push what a bus event changes to its channels' listeners; returns the pushes made."""
    if isinstance(event, IdeaVotesChanged):
        counts = Counts(up=event.votes.up, down=event.votes.down, score=event.votes.score)
        channel = Channel(ChannelKind.IDEA, event.idea_id)
        votes = VotesUpdate(channel=channel.key, idea_id=event.idea_id, votes=counts, at=event.occurred_at)
        ports.throttle.hold(channel, votes.json_text(), event.occurred_at)
        return flush(channel, ports)
    built = _message(event)
    if built is None:
        return 0
    channel, message = built
    if channel.kind is ChannelKind.IDEA:
        audience = _idea_audience(channel.target, ports)
        return 0 if audience is None else broadcast(channel, message, ports, audience)
    return broadcast(channel, message, ports, _everyone)


def flush(channel: Channel, ports: LivePorts, *, delayed: bool = False) -> int:
    """Push the channel's held vote count if one is due; if it must wait, come back in a second
    (once: the queue holds at most one such message per idea, ``delayed`` being that message)."""
    if delayed:
        ports.throttle.unschedule(channel)
    now = now_ms(ports.clock)
    held = ports.throttle.claim(channel, now)
    if held is None:
        if ports.throttle.schedule(channel):
            ports.later.push_later(channel, 1)
        return 0
    audience = _idea_audience(channel.target, ports)
    if audience is None:
        return 0
    listeners = [c for c in ports.connections.listeners(channel) if audience(c.principal)]
    return send(listeners, held, Listeners(ports.connections, ports.pusher))


def _idea_channel(idea_id: str) -> Channel:
    return Channel(ChannelKind.IDEA, idea_id)


def _status(idea_id: str, status: str, at: datetime, response: str | None = None) -> tuple[Channel, LiveMessage]:
    channel = _idea_channel(idea_id)
    return channel, StatusUpdate(channel=channel.key, idea_id=idea_id, status=status, response=response, at=at)


def _message(event: DomainEvent) -> tuple[Channel, LiveMessage] | None:  # noqa: PLR0911 - one answer per event type
    at = event.occurred_at
    if isinstance(event, CommentPosted):
        channel = _idea_channel(event.idea_id)
        return channel, CommentUpdate(
            channel=channel.key,
            idea_id=event.idea_id,
            comment_id=event.comment_id,
            change="posted",
            parent_id=event.parent_id,
            author_id=event.author_id,
            official=event.official,
            body=event.body,
            at=at,
        )
    if isinstance(event, CommentEdited | CommentDeleted):
        channel = _idea_channel(event.idea_id)
        edited = isinstance(event, CommentEdited)
        return channel, CommentUpdate(
            channel=channel.key,
            idea_id=event.idea_id,
            comment_id=event.comment_id,
            change="edited" if edited else "removed",
            author_id=event.author_id,
            body=event.body if isinstance(event, CommentEdited) else None,
            at=at,
        )
    if isinstance(event, ContentHidden | ModerationDecided):
        # An idea hidden, rejected or brought back (its listeners are read after the change: a hidden
        # idea's status reaches its author and staff only). A hidden comment shows as hidden on the
        # next read of the thread: the event does not name its idea.
        status = "hidden" if isinstance(event, ContentHidden) else event.after
        return _status(event.target_id, status, at) if event.target_type == "idea" else None
    if isinstance(event, IdeaStatusChanged):
        return _status(event.idea_id, event.to_status, at, event.response)
    if isinstance(event, IdeaMerged):
        return _status(event.idea_id, "merged", at)
    if isinstance(event, IdeaExpired):
        return _status(event.idea_id, "expired", at)
    if isinstance(event, IdeaWithdrawn):
        return _status(event.idea_id, "withdrawn", at)
    if isinstance(event, IdeaPublished):
        channel = Channel(ChannelKind.CHALLENGE, event.challenge_id)
        return channel, IdeaPublishedUpdate(
            channel=channel.key,
            challenge_id=event.challenge_id,
            idea_id=event.idea_id,
            title=event.title,
            author_id=event.author_id,
            at=at,
        )
    if isinstance(event, ChallengePhaseChanged):
        channel = Channel(ChannelKind.CHALLENGE, event.challenge_id)
        return channel, PhaseUpdate(
            channel=channel.key,
            challenge_id=event.challenge_id,
            phase=event.to_phase,
            submitting_open=event.submitting_open,
            voting_open=event.voting_open,
            at=at,
        )
    return None
