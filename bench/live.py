"""Live pushes under a vote storm (issue 15): 1,000 connections watch one idea while 5,000 votes
are counted. The tally commits an idea's counts once per batch and stream shard (decision 25), so
the live function sees IdeaVotesChanged events, not votes: here one per 100 votes (50 commits,
harsher than the tally's real batching), spread over one second. Counted on moto with the live
function's own adapters: pushes (PostToConnection) and every AWS call, against what pushing each
commit to every connection would cost."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import boto3

from bench.operations import _stack

CONNECTIONS = 1_000
VOTES = 5_000
VOTES_PER_COMMIT = 100


def run_live(counter_type: Callable[[], Any], connections: int = CONNECTIONS, votes: int = VOTES) -> dict[str, Any]:
    from shared.domain.live import Channel, ChannelKind, Connection  # noqa: PLC0415
    from shared.domain.principal import ANONYMOUS  # noqa: PLC0415
    from shared.services import live  # noqa: PLC0415
    from shared.services.ports.live import LivePorts  # noqa: PLC0415
    from shared.store.live import ApiGatewayPusher, DynamoConnections, DynamoThrottle, SqsLaterQueue  # noqa: PLC0415
    from tests.builders import an_event  # noqa: PLC0415
    from tests.unit.builders import T0, an_idea  # noqa: PLC0415
    from tests.unit.fakes import InMemoryChallengeRepository, InMemoryIdeaRepository  # noqa: PLC0415

    with _stack():
        dynamodb, sqs = boto3.client("dynamodb"), boto3.client("sqs")
        management = boto3.client(
            "apigatewaymanagementapi", endpoint_url="https://live.execute-api.us-east-1.amazonaws.com/live"
        )
        queue = sqs.create_queue(QueueName="bench-live")["QueueUrl"]
        store = DynamoConnections(dynamodb, "bench-connections")
        channel = Channel(ChannelKind.IDEA, "idea-hot")
        for n in range(connections):  # seeding: not counted
            connection = Connection(f"conn-{n}", ANONYMOUS, T0)
            store.open(connection)
            store.subscribe(connection, channel)
        now = [T0]
        ports = LivePorts(
            connections=store,
            throttle=DynamoThrottle(dynamodb, "bench-connections"),
            pusher=ApiGatewayPusher(lambda: management),
            later=SqsLaterQueue(sqs, queue),
            ideas=InMemoryIdeaRepository(an_idea(idea_id="idea-hot")),  # type: ignore[arg-type]
            challenges=InMemoryChallengeRepository(),
            clock=lambda: now[0],
        )
        counter = counter_type()
        for client in (dynamodb, sqs, management):
            counter.attach(client)
        commits = votes // VOTES_PER_COMMIT
        started = time.perf_counter()
        pushes = 0
        for n in range(1, commits + 1):
            now[0] = T0 + timedelta(seconds=n / commits)  # the commits of one second
            up = n * VOTES_PER_COMMIT
            event = an_event("IdeaVotesChanged", ideaId="idea-hot", votes={"up": up, "down": 0, "score": up})
            pushes += live.on_event(event.model_copy(update={"occurred_at": now[0]}), ports)
        now[0] += timedelta(seconds=1)  # the delayed push a second later brings the last count
        pushes += live.flush(channel, ports, delayed=True)
        seconds = time.perf_counter() - started
        return {
            "connections": connections,
            "votes": votes,
            "commits (IdeaVotesChanged)": commits,
            "pushes": pushes,
            "pushes without coalescing": commits * connections,
            "pushes per connection": round(pushes / connections, 2),
            "calls": list(counter.calls),
            "seconds (moto)": round(seconds, 1),
        }
