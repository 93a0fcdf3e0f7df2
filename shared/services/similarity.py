"""Similar ideas: the duplicate check (a read) and keeping the index in step with ideas (from the
content table's stream). The index is a port; shared.store.similarity keeps it in DynamoDB."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from shared.domain.errors import ValidationError
from shared.domain.principal import Principal
from shared.domain.similarity import (
    INDEXED_STATUSES,
    MAX_QUERY_CHARS,
    MIN_QUERY_CHARS,
    SimilarIdea,
    SimilarityQuery,
    candidates,
    index_entry,
    rank,
)
from shared.services.challenges import get_challenge
from shared.services.ports.challenges import ChallengeRepository
from shared.services.ports.similarity import SimilarityIndex


def find_similar(
    principal: Principal, challenge_id: str, text: str, challenges: ChallengeRepository, index: SimilarityIndex
) -> list[SimilarIdea]:
    """Published ideas of a visible challenge most like ``text``: one challenge read, one read of
    the query's postings, one read of the best candidates' entries. Never a scan."""
    if not MIN_QUERY_CHARS <= len(text) <= MAX_QUERY_CHARS:
        raise ValidationError(f"Between {MIN_QUERY_CHARS} and {MAX_QUERY_CHARS} characters.", field="text")
    challenge = get_challenge(principal, challenge_id, challenges)
    query = SimilarityQuery.of(text)
    if not query.terms:
        return []
    ids = candidates(index.postings(challenge.challenge_id, query.terms))
    if not ids:
        return []
    return rank(query, index.entries(ids), challenge.challenge_id)


@dataclass(frozen=True)
class IdeaText:
    """The part of an idea the index cares about, as a stream image shows it."""

    idea_id: str
    challenge_id: str
    title: str
    description: str
    status: str

    @property
    def indexable(self) -> bool:
        return self.status in INDEXED_STATUSES

    def same_text(self, other: IdeaText) -> bool:
        return (self.challenge_id, self.title, self.description) == (other.challenge_id, other.title, other.description)


@dataclass(frozen=True)
class IdeaChange:
    """One stream record of an idea: the images before and after (None for INSERT / REMOVE)."""

    old: IdeaText | None
    new: IdeaText | None


class SyncOutcome(StrEnum):
    INDEXED = "indexed"
    REMOVED = "removed"
    UNCHANGED = "unchanged"


def _nothing_to_do(change: IdeaChange) -> bool:
    """Changes the index does not see (votes, comments, review of an unlisted idea) cost no call."""
    old, new = change.old, change.new
    old_listed = old is not None and old.indexable
    new_listed = new is not None and new.indexable
    if not old_listed and not new_listed:
        return True
    return old is not None and new is not None and old_listed and new_listed and old.same_text(new)


def sync_idea(change: IdeaChange, index: SimilarityIndex) -> SyncOutcome:
    """Bring the index to the state the record's new image asks for. Idempotent: a replayed or
    repeated record finds the entry up to date and writes nothing."""
    if _nothing_to_do(change):
        return SyncOutcome.UNCHANGED
    if change.new is not None and change.new.indexable:
        return _index(change.new, index)
    idea = change.new or change.old
    assert idea is not None  # _nothing_to_do returns True when both images are missing
    return _remove(idea.idea_id, index)


def _index(idea: IdeaText, index: SimilarityIndex) -> SyncOutcome:
    entry = index_entry(idea.idea_id, idea.challenge_id, idea.title, idea.description)
    current = index.entry(idea.idea_id)
    if current is not None and current.fingerprint == entry.fingerprint:
        return SyncOutcome.UNCHANGED
    kept = set(current.terms) if current is not None and current.challenge_id == entry.challenge_id else set()
    # Postings first, entry last: the entry says "fully indexed", so a crash in between is
    # repaired by the retry, and a posting without an entry is skipped by readers.
    index.post(entry.challenge_id, [term for term in entry.terms if term not in kept], idea.idea_id)
    if current is not None:
        wanted = set(entry.terms) if current.challenge_id == entry.challenge_id else set()
        index.unpost(current.challenge_id, [term for term in current.terms if term not in wanted], idea.idea_id)
    index.save(entry)
    return SyncOutcome.INDEXED


def _remove(idea_id: str, index: SimilarityIndex) -> SyncOutcome:
    current = index.entry(idea_id)
    if current is None:
        return SyncOutcome.UNCHANGED
    index.unpost(current.challenge_id, current.terms, idea_id)
    index.delete(idea_id)
    return SyncOutcome.REMOVED
