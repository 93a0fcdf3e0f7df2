"""Similarity's port: the term index of a challenge's ideas (shared/store/similarity.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from shared.domain.similarity import (
    IndexEntry,
)


class SimilarityIndex(Protocol):
    """Term postings per challenge and one entry per indexed idea."""

    def postings(self, challenge_id: str, terms: Sequence[str]) -> dict[str, frozenset[str]]:
        """Idea ids posted under each term (terms nobody used are absent)."""
        ...

    def entries(self, idea_ids: Sequence[str]) -> list[IndexEntry]:
        """The entries of these ideas that exist, in any order."""
        ...

    def entry(self, idea_id: str) -> IndexEntry | None:
        """One entry, read consistently (the writer's own view)."""
        ...

    def post(self, challenge_id: str, terms: Iterable[str], idea_id: str) -> None:
        """Add the idea to each term's posting (idempotent; saturated postings stay as they are)."""

    def unpost(self, challenge_id: str, terms: Iterable[str], idea_id: str) -> None:
        """Take the idea out of each term's posting (idempotent)."""

    def save(self, entry: IndexEntry) -> None: ...

    def delete(self, idea_id: str) -> None: ...
