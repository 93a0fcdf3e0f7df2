"""Domain errors. Handlers map them to HTTP answers by type, never by message text."""

from __future__ import annotations


class DomainError(Exception):
    """Base for errors a client can act on. ``status`` is the HTTP status it maps to."""

    status = 400
    title = "Bad request"
    type_slug = "bad-request"

    def __init__(self, detail: str, *, field: str | None = None, location: str = "body") -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field
        self.location = location  # where ``field`` is: body, query, path or header


class ValidationError(DomainError):
    status = 422
    title = "Validation failed"
    type_slug = "validation-failed"


class UnauthorizedError(DomainError):
    status = 401
    title = "Authentication required"
    type_slug = "unauthorized"


class ForbiddenError(DomainError):
    status = 403
    title = "Forbidden"
    type_slug = "forbidden"


class NotFoundError(DomainError):
    status = 404
    title = "Not found"
    type_slug = "not-found"


class ConflictError(DomainError):
    """A write's condition failed: the item exists, changed meanwhile, or the state forbids it."""

    status = 409
    title = "Conflict"
    type_slug = "conflict"


class RuleViolationError(ConflictError):
    """The request is well formed but the resource's state does not allow it (e.g. phase closed)."""

    title = "Not allowed in the current state"
    type_slug = "rule-violation"


class PreconditionFailedError(DomainError):
    """The client wrote on a version it read (If-Match) that is no longer the current one."""

    status = 412
    title = "Precondition failed"
    type_slug = "precondition-failed"


def require_version(what: str, current: int, expected: int | None) -> None:
    """PreconditionFailedError unless the client's ``expected`` version (None: it named none) is
    ``current``: a write on what someone else changed since the client read it is refused."""
    if expected is not None and expected != current:
        raise PreconditionFailedError(
            f"The {what} changed since you read it (version {expected}, now {current}): read it again.",
            field="If-Match",
            location="header",
        )


class UnavailableError(DomainError):
    """A dependency throttled or is down: the client may retry later."""

    status = 503
    title = "Service unavailable"
    type_slug = "unavailable"


class TooManyRequestsError(DomainError):
    """The caller did this too often in the rolling window; ``retry_after`` seconds until they may."""

    status = 429
    title = "Too many requests"
    type_slug = "too-many-requests"

    def __init__(self, detail: str, *, retry_after: int, policy: tuple[str, int, int] | None = None) -> None:
        super().__init__(detail)
        self.retry_after = max(1, retry_after)
        self.policy = policy  # (name, quota, window in seconds) of the limit that was reached
