"""In-memory fakes of the ports (and of the one AWS client call the publisher makes).

Fakes keep the ports' contracts: ``add`` refuses an existing id with ConflictError like the
conditional write it stands for, ``publish`` returns the ids it could not send. The contract
tests in test_fakes_contract.py hold them to that."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar

from shared.domain.brands import Brand
from shared.domain.challenges import Challenge
from shared.domain.errors import ConflictError, RuleViolationError
from shared.domain.ideas import Idea, IdeaStatus
from shared.events import DomainEvent
from shared.services.ports import Key, Page

EntityT = TypeVar("EntityT")


class _InMemoryRepository(Generic[EntityT]):
    def __init__(self, key: Callable[[EntityT], str], entities: Sequence[EntityT] = ()) -> None:
        self._key = key
        self._items: dict[str, EntityT] = {}
        self.writes = 0
        for entity in entities:
            self._items[key(entity)] = entity

    def add(self, entity: EntityT) -> None:
        key = self._key(entity)
        if key in self._items:
            raise ConflictError(f"{key} exists")
        self._items[key] = entity
        self.writes += 1

    def get(self, entity_id: str) -> EntityT | None:
        return self._items.get(entity_id)

    @property
    def stored(self) -> list[EntityT]:
        return list(self._items.values())


class InMemoryChallengeRepository(_InMemoryRepository[Challenge]):
    """ChallengeRepository. Challenges passed in are already stored and do not count as writes."""

    def __init__(self, *challenges: Challenge) -> None:
        super().__init__(lambda challenge: challenge.challenge_id, challenges)

    def replace(self, challenge: Challenge, expected_version: int) -> None:
        current = self._items.get(challenge.challenge_id)
        if current is None or current.version != expected_version:
            raise ConflictError(f"challenge {challenge.challenge_id} changed meanwhile")
        self._items[challenge.challenge_id] = challenge
        self.writes += 1

    def list_page(
        self, *, brand_id: str | None, phase: object, visible_drafts: object, limit: int, start: Key | None
    ) -> Page[Challenge]:
        """The brand's challenges (filters other than the brand are not needed by the unit tests)."""
        mine = [c for c in self._items.values() if brand_id is None or c.brand_id == brand_id]
        offset = int(start["offset"]) if start else 0
        page = mine[offset : offset + limit]
        return Page(page, {"offset": offset + limit} if offset + limit < len(mine) else None)

    def list_due(self, now: datetime, limit: int) -> list[Challenge]:
        """Every challenge with a phase scheduled by ``now`` (suspended ones too: the service decides)."""
        due = [c for c in self._items.values() if (c.next_scheduled_phase() or (None, now))[1] <= now]
        return [c for c in due if c.next_scheduled_phase()][:limit]


class InMemoryBrandRepository(_InMemoryRepository[Brand]):
    """BrandRepository. Brands passed in are already stored and do not count as writes."""

    def __init__(self, *brands: Brand) -> None:
        super().__init__(lambda brand: brand.brand_id, brands)

    def replace(self, brand: Brand, expected_version: int) -> None:
        current = self._items.get(brand.brand_id)
        if current is None or current.version != expected_version:
            raise ConflictError(f"brand {brand.brand_id} changed meanwhile")
        self._items[brand.brand_id] = brand
        self.writes += 1

    def list_page(self, *, limit: int, start: Key | None) -> Page[Brand]:
        ordered = sorted(self._items.values(), key=lambda brand: brand.brand_id)
        offset = int(start["offset"]) if start else 0
        page = ordered[offset : offset + limit]
        return Page(page, {"offset": offset + limit} if offset + limit < len(ordered) else None)


class InMemoryIdeaRepository(_InMemoryRepository[Idea]):
    """IdeaRepository. Ideas passed in are already stored and do not count as writes."""

    def __init__(self, *ideas: Idea) -> None:
        super().__init__(lambda idea: idea.idea_id, ideas)

    def add(self, idea: Idea, max_per_author: int | None = None) -> None:
        if max_per_author is not None:
            mine = [
                i for i in self._items.values() if (i.challenge_id, i.author_id) == (idea.challenge_id, idea.author_id)
            ]
            if len(mine) >= max_per_author:
                raise RuleViolationError(f"You already have {max_per_author} ideas in this challenge.")
        super().add(idea)

    def list_due(self, before: datetime, limit: int, start: Key | None = None) -> Page[Idea]:
        due = sorted(
            (i for i in self._items.values() if i.status is IdeaStatus.PUBLISHED and i.ladder.due_at),
            key=lambda i: (i.ladder.due_at, i.idea_id),
        )
        due = [i for i in due if i.ladder.due_at and i.ladder.due_at < before]
        offset = int(start["offset"]) if start else 0
        page = due[offset : offset + limit]
        return Page(page, {"offset": offset + limit} if offset + limit < len(due) else None)

    def save_changes(self, before: Idea, after: Idea) -> None:
        current = self._items.get(before.idea_id)
        if current is None or current.version != before.version:
            raise ConflictError(f"idea {before.idea_id} changed meanwhile")
        self._items[before.idea_id] = after
        self.writes += 1


class FakeEventPublisher:
    """EventPublisher that keeps what it sent; events whose id is in ``failing`` are not sent."""

    def __init__(self, failing: Sequence[str] = ()) -> None:
        self.failing = set(failing)
        self.sent: list[DomainEvent] = []

    def publish(self, events: Sequence[DomainEvent]) -> set[str]:
        self.sent.extend(event for event in events if event.event_id not in self.failing)
        return {event.event_id for event in events if event.event_id in self.failing}


class FakeEventBridgeClient:
    """``put_events`` with EventBridge's answer shape. An entry whose detail ``eventId`` is in
    ``rejections`` is refused that many times (with ``error_code``), then accepted."""

    def __init__(self, rejections: Mapping[str, int] | None = None, error_code: str = "ThrottlingException") -> None:
        self._rejections = dict(rejections or {})
        self._error_code = error_code
        self.calls: list[list[dict[str, Any]]] = []

    def put_events(self, *, Entries: list[dict[str, Any]]) -> dict[str, Any]:  # noqa: N803 - boto3's name
        self.calls.append(Entries)
        results = []
        for entry in Entries:
            event_id = json.loads(entry["Detail"])["eventId"]
            if self._rejections.get(event_id, 0) > 0:
                self._rejections[event_id] -= 1
                results.append({"ErrorCode": self._error_code, "ErrorMessage": "Rate exceeded"})
            else:
                results.append({"EventId": f"bus-{event_id}"})
        return {"FailedEntryCount": sum(1 for r in results if "ErrorCode" in r), "Entries": results}

    def sent_event_ids(self, call: int) -> list[str]:
        return [json.loads(entry["Detail"])["eventId"] for entry in self.calls[call]]
