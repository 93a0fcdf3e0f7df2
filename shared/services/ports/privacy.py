"""Privacy ports: the export and erasure records (content table), the person's data across the
stack's tables (shared/store/privacy.py), the archive bucket (S3) and the user pool's accounts."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from shared.domain.privacy import Erasure, Export
from shared.services.ports import Clock, Key, utc_now


class PrivacyJobs(Protocol):
    def erasure(self, user_id: str) -> Erasure | None: ...

    def save_erasure(self, erasure: Erasure, expected_version: int | None) -> None:
        """New when ``expected_version`` is None (ConflictError if one exists), else over that version."""

    def export(self, user_id: str) -> Export | None: ...

    def save_export(self, export: Export, expected_version: int | None) -> None:
        """As save_erasure."""

    def delete_export(self, user_id: str) -> None: ...


@dataclass(frozen=True)
class Progress:
    """One page of an erasure step: where to go on from (None: the step found nothing more)."""

    cursor: Key | None = None


class PersonalData(Protocol):
    def erase(self, step: str, erasure: Erasure, cursor: Key | None) -> Progress:
        """One page of ``step`` (one of ERASURE_STEPS the store handles): what still names the
        person is rewritten to the pseudonym, or deleted. Idempotent: a page done twice changes
        nothing the second time."""
        ...

    def documents(self, user_id: str) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """Everything the stack keeps about the user, one (kind, items) pair per kind, read with
        paged Queries (never a Scan)."""
        ...


class Archives(Protocol):
    def put(self, key: str, data: bytes) -> None: ...

    def url(self, key: str, seconds: int) -> str:
        """A presigned GET of the archive, valid ``seconds``."""
        ...

    def delete(self, key: str) -> None: ...


class Accounts(Protocol):
    def delete_account(self, user_id: str) -> None:
        """Remove the user's account from the stack's own user pool (nothing if there is none)."""


@dataclass(frozen=True)
class PrivacyPorts:
    jobs: PrivacyJobs
    data: PersonalData
    archives: Archives
    accounts: Accounts | None  # None with an external issuer: the brand's issuer keeps its accounts
    export_retention_days: int = 7
    clock: Clock = utc_now
