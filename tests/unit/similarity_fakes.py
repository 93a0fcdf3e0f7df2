"""An in-memory SimilarityIndex that keeps the port's contract (idempotent post/unpost, saturated
postings left alone) and counts the calls each use case makes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from shared.domain.similarity import SATURATED_POSTING, IndexEntry


class InMemorySimilarityIndex:
    def __init__(self, saturated_at: int = SATURATED_POSTING) -> None:
        self.saturated_at = saturated_at
        self.postings_by_key: dict[tuple[str, str], set[str]] = {}
        self.entries_by_id: dict[str, IndexEntry] = {}
        self.calls: Counter[str] = Counter()

    # reads
    def postings(self, challenge_id: str, terms: Sequence[str]) -> dict[str, frozenset[str]]:
        self.calls["postings"] += 1
        return {
            term: frozenset(self.postings_by_key[(challenge_id, term)])
            for term in terms
            if (challenge_id, term) in self.postings_by_key
        }

    def entries(self, idea_ids: Sequence[str]) -> list[IndexEntry]:
        self.calls["entries"] += 1
        return [self.entries_by_id[idea_id] for idea_id in idea_ids if idea_id in self.entries_by_id]

    def entry(self, idea_id: str) -> IndexEntry | None:
        self.calls["entry"] += 1
        return self.entries_by_id.get(idea_id)

    # writes
    def post(self, challenge_id: str, terms: Iterable[str], idea_id: str) -> None:
        self.calls["post"] += 1
        for term in terms:
            ids = self.postings_by_key.setdefault((challenge_id, term), set())
            if len(ids) < self.saturated_at or idea_id in ids:
                ids.add(idea_id)

    def unpost(self, challenge_id: str, terms: Iterable[str], idea_id: str) -> None:
        self.calls["unpost"] += 1
        for term in terms:
            self.postings_by_key.get((challenge_id, term), set()).discard(idea_id)

    def save(self, entry: IndexEntry) -> None:
        self.calls["save"] += 1
        self.entries_by_id[entry.idea_id] = entry

    def delete(self, idea_id: str) -> None:
        self.calls["delete"] += 1
        self.entries_by_id.pop(idea_id, None)

    # what tests look at
    @property
    def writes(self) -> int:
        return sum(self.calls[name] for name in ("post", "unpost", "save", "delete"))

    def posted_terms(self, idea_id: str) -> set[tuple[str, str]]:
        return {key for key, ids in self.postings_by_key.items() if idea_id in ids}
