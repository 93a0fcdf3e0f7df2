"""The votes function's challenge reads, kept per process for a short time (decision 66)."""

from __future__ import annotations

from typing import Any

from shared.store.content import CachedChallengeRepository
from shared.store.dynamo import serialize
from tests.unit.builders import a_challenge_item


class CountingClient:
    """A DynamoDB client that answers GetItem with one challenge, of the phase set last, counting reads."""

    def __init__(self) -> None:
        self.reads = 0
        self.phase = "voting"

    def get_item(self, **_: Any) -> dict[str, Any]:
        self.reads += 1
        return {"Item": serialize(a_challenge_item(phase=self.phase))}


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_reads_within_the_period_are_served_from_the_process() -> None:
    client, clock = CountingClient(), Clock()
    challenges = CachedChallengeRepository(client, "content", 5, clock)

    first = challenges.get("c1")
    client.phase = "closed"  # changed by someone else
    clock.now += 4.9
    second = challenges.get("c1")
    clock.now += 0.2
    third = challenges.get("c1")

    assert client.reads == 2
    assert [c.phase.value if c else None for c in (first, second, third)] == ["voting", "voting", "closed"]


def test_zero_seconds_reads_every_time_and_others_are_kept_apart() -> None:
    client = CountingClient()
    uncached = CachedChallengeRepository(client, "content", 0, Clock())
    uncached.get("c1")
    uncached.get("c1")
    assert client.reads == 2

    cached = CachedChallengeRepository(client, "content", 5, Clock())
    cached.get("c1")
    cached.get("c2")
    cached.get("c1")
    assert client.reads == 4


def test_the_cache_is_bounded() -> None:
    client = CountingClient()
    challenges = CachedChallengeRepository(client, "content", 60, Clock())
    for n in range(CachedChallengeRepository.MAX_ENTRIES + 1):
        challenges.get(f"c{n}")

    challenges.get("c0")  # the oldest made room

    assert client.reads == CachedChallengeRepository.MAX_ENTRIES + 2
