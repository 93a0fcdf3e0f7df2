"""Moderation's ports: what its use cases need from storage and screening, with the values and
errors they exchange. The store implements them (shared/store/moderation.py); services never
import the store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from shared.domain.comments import Comment
from shared.domain.errors import ConflictError
from shared.domain.ideas import Idea
from shared.domain.moderation import (
    AuditEntry,
    Case,
    TargetType,
)
from shared.domain.screening import ScreeningContext, Verdict
from shared.services.ports import Clock, Key, Page, utc_now
from shared.services.ports.challenges import ChallengeRepository
from shared.services.ports.ideas import IdeaRepository
from shared.services.ports.limits import RateLimiter
from shared.services.ports.staff import StaffMembers


@dataclass(frozen=True, slots=True)
class AuthorRecord:
    approved: int = 0
    recent: tuple[tuple[str, datetime, str], ...] = ()  # (fingerprint, posted at, target id), newest last
    first_post: datetime | None = None  # the first post screened in the brand


@dataclass(frozen=True)
class Commit:
    """One moderation step, written in one transaction: the case, the audit entry, and what the
    step changes besides (the target, a report, the author's record)."""

    before: Case
    after: Case
    audit: AuditEntry
    idea: tuple[Idea, Idea] | None = None
    comment: tuple[Comment, Comment] | None = None
    report_by: str | None = None
    author_recent: tuple[tuple[str, datetime, str], ...] | None = None
    author_approved: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


class AuditEntryExistsError(ConflictError):
    """This step was recorded before (a redelivered event): nothing was written."""


class ReportExistsError(ConflictError):
    """The user reported this item before."""


Screener = Callable[[str, ScreeningContext], Verdict]


def offline_screener(text: str, context: ScreeningContext) -> Verdict:
    """The offline engine, imported on its first use: the functions that build moderation ports
    without screening anything (ideas, outbox, privacy) do not pay for its word lists and regular
    expressions at a cold start."""
    from shared.domain.screening.engine import screen  # noqa: PLC0415 - deferred on purpose

    return screen(text, context)


class CommentLookup(Protocol):
    def get(self, comment_id: str) -> Comment | None: ...


class ModerationStore(Protocol):
    def get_case(self, target_type: TargetType, target_id: str) -> Case | None: ...

    def author(self, brand_id: str, user_id: str) -> AuthorRecord: ...

    def commit(self, step: Commit) -> None: ...

    def pseudonymise_links(self, target_type: TargetType, target_id: str, author: str, pseudonym: str) -> None:
        """After an item's author became a pseudonym: its earlier audit entries (the only change the
        log allows) and, for a comment, its replies' parentAuthorId name the pseudonym too."""

    def list_queue(self, brand_id: str, challenge_id: str | None, *, limit: int, start: Key | None) -> Page[Case]: ...

    def list_audit(
        self,
        brand_id: str,
        *,
        target: tuple[TargetType, str] | None,
        since: datetime | None,
        until: datetime | None,
        limit: int,
        start: Key | None,
    ) -> Page[AuditEntry]: ...


@dataclass(frozen=True)
class ModerationPorts:
    ideas: IdeaRepository
    comments: CommentLookup
    challenges: ChallengeRepository
    store: ModerationStore
    staff: StaffMembers  # who else may decide an appeal
    screener: Screener = offline_screener
    clock: Clock = utc_now
    limiter: RateLimiter | None = None
