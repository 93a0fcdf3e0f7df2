"""Email's ports: the mailer with the errors it raises, the sent log that makes a send happen once,
the digest store and the digest queue, with the bundle the email use cases take (shared/store/mail.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Protocol

from shared.domain.inbox import Notice
from shared.domain.mail import Email, Links
from shared.domain.notification_prefs import Profile
from shared.services.ports import Key, Page


class UndeliverableError(Exception):
    """SES refused this email for good (a malformed address): logged, never retried."""


class RejectedError(Exception):
    """SES refused this one email for now (e.g. a recipient the sandbox does not allow): the others
    of the batch still go; the message fails afterwards and is retried (then the DLQ)."""


class UnknownOutcomeError(Exception):
    """No answer from SES in time: the email may have gone. Its claim is kept (taken over once stale)."""


class EmailBusyError(Exception):
    """Another attempt holds this email's claim: the message is retried later."""


class Claim(StrEnum):
    TAKEN = "taken"  # this attempt sends
    DONE = "done"  # sent (or undeliverable) before
    BUSY = "busy"  # another attempt is sending


class Mailer(Protocol):
    def send(self, email: Email) -> str: ...


class SentLog(Protocol):
    def claim(self, user_id: str, key: str, now: float, stale_after: float) -> Claim: ...

    def settle(self, user_id: str, key: str, state: str, detail: str) -> None: ...

    def release(self, user_id: str, key: str) -> None: ...


class DigestStore(Protocol):
    def profile(self, user_id: str) -> Profile: ...

    def forget_digest(self, user_id: str, notices: Iterable[Notice]) -> None: ...

    def digest_users(self, day: date, shard: int, *, limit: int, start: Key | None) -> Page[str]: ...

    def digest_notices(self, user_id: str, until: datetime, limit: int) -> list[Notice]: ...

    def read_in_inbox(self, user_id: str, notices: Iterable[Notice]) -> set[str]: ...


class Messages(Protocol):
    def send_many(self, bodies: Sequence[dict[str, Any]]) -> None: ...


@dataclass(frozen=True)
class MailPorts:
    mailer: Mailer | None  # None: the stack has no sender (SenderEmail) or public URL: no emails, no digest
    sent: SentLog
    secret: Callable[[], str]  # signs unsubscribe tokens (read on first use)
    links: Links
    campaign: str
    clock: Callable[[], datetime]

    @property
    def on(self) -> bool:
        return self.mailer is not None
