"""A participant's own data: exporting it (GDPR art. 15 and 20) and erasing them (art. 17).

An erasure keeps what the community built and the counts right, and removes the person: what they
wrote stays, attributed to a pseudonym (``former-<random>``) that nothing links back to them once
the erasure is done; their votes stay counted under that pseudonym; what is only about them
(follows, inbox, preferences, address, digest, sent log, reports, standing, staff memberships,
exports) is deleted. It runs off the request path in steps, each of which drains what still names
the person, so a crash anywhere resumes where it stopped and a rerun changes nothing (decision 60)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from shared.domain.errors import ValidationError
from shared.domain.ids import new_id

PSEUDONYM_PREFIX = "former-"
FORMER_PARTICIPANT = "a former participant"
CONFIRMATION = "erase me"  # DELETE /me takes this phrase, so no stray request erases anyone
ERASURE_KEPT_DAYS = 30  # a finished erasure's record (that it ran, when; no pseudonym) is kept this long
PRIVACY_ACTOR = "system:privacy"  # the audit log's actor of erasures

# What an erasure goes through, in order: each step drains what still names the person.
ERASURE_STEPS: tuple[str, ...] = (
    "staff",  # memberships and invitations
    "ideas",  # author -> pseudonym (history too), their cases; idea counts per challenge go
    "comments",  # author -> pseudonym (and replies' parentAuthorId), their cases
    "notes",  # staff notes' author -> pseudonym
    "challenges",  # created by -> pseudonym
    "brands",  # created by -> pseudonym
    "votes",  # re-keyed to the pseudonym, still counted; merge records too; budgets go
    "follows",
    "inbox",  # notifications, digest entries, the sent log, preferences and address
    "moderation",  # reports filed, standing per brand
    "audit",  # entries they acted in: actor -> pseudonym (each of their items' entries: with the item)
    "exports",  # archives and the export record
    "account",  # the stack's own user pool: the account itself
)


def new_pseudonym() -> str:
    return PSEUDONYM_PREFIX + new_id()


def is_former(user_id: str) -> bool:
    """Whether an author id is a pseudonym: the author was erased or the contribution pseudonymised."""
    return user_id.startswith(PSEUDONYM_PREFIX)


def check_confirmation(confirm: str) -> None:
    if confirm != CONFIRMATION:
        raise ValidationError(f"Send confirm: {CONFIRMATION!r} to erase your account and data.", field="confirm")


class ErasureState(StrEnum):
    RUNNING = "running"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class Erasure:
    """One erasure of a user. The pseudonym and the address live here only while it runs."""

    user_id: str
    state: ErasureState
    requested_at: datetime
    pseudonym: str | None = None
    email: str | None = None  # the verified address of the request: finds invitations and the pool account
    step: int = 0  # index into ERASURE_STEPS of the step under way
    finished_at: datetime | None = None
    version: int = 1

    @classmethod
    def start(cls, user_id: str, email: str | None, at: datetime, previous: Erasure | None) -> Erasure:
        return cls(
            user_id=user_id,
            state=ErasureState.RUNNING,
            requested_at=at,
            pseudonym=new_pseudonym(),
            email=email,
            version=previous.version + 1 if previous else 1,
        )

    @property
    def running(self) -> bool:
        return self.state is ErasureState.RUNNING

    @property
    def current_step(self) -> str | None:
        return ERASURE_STEPS[self.step] if self.running and self.step < len(ERASURE_STEPS) else None

    def advanced(self) -> Erasure:
        """The current step done: on to the next."""
        return replace(self, step=self.step + 1, version=self.version + 1)

    def finished(self, at: datetime) -> Erasure:
        """Done: only the fact stays (for ERASURE_KEPT_DAYS), not the pseudonym or the address."""
        return Erasure(
            user_id=self.user_id,
            state=ErasureState.DONE,
            requested_at=self.requested_at,
            step=len(ERASURE_STEPS),
            finished_at=at,
            version=self.version + 1,
        )

    @property
    def expires_at(self) -> datetime | None:
        return self.finished_at + timedelta(days=ERASURE_KEPT_DAYS) if self.finished_at else None


class ExportState(StrEnum):
    QUEUED = "queued"
    READY = "ready"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Export:
    """A user's latest export: one at a time; the archive is kept ``retention_days``."""

    user_id: str
    export_id: str
    state: ExportState
    requested_at: datetime
    retention_days: int
    ready_at: datetime | None = None
    size: int | None = None  # bytes of the archive
    version: int = 1

    @property
    def object_key(self) -> str:
        return f"exports/{self.export_id}.zip"  # no user id in the bucket's keys

    @property
    def expires_at(self) -> datetime:
        return (self.ready_at or self.requested_at) + timedelta(days=self.retention_days)

    @property
    def running(self) -> bool:
        return self.state is ExportState.QUEUED

    def ready(self, at: datetime, size: int) -> Export:
        return replace(self, state=ExportState.READY, ready_at=at, size=size, version=self.version + 1)

    def failed(self, at: datetime) -> Export:
        return replace(self, state=ExportState.FAILED, ready_at=at, version=self.version + 1)
