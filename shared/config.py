"""Environment read once into validated pydantic models: a missing variable fails the cold start."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from functools import partial
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

SettingsT = TypeVar("SettingsT", bound="Settings")
SECRET_MAX_AGE = 3600  # seconds Powertools keeps a secret it read


class ConfigError(RuntimeError):
    """The environment does not hold what the function needs."""


class Settings(BaseModel):
    """Base for a function's settings. Field aliases are the environment variable names."""

    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)


class ApiSettings(Settings):
    """Settings every function behind the HTTP API has."""

    issuer_grants_operators: str = Field(
        alias="ISSUER_GRANTS_OPERATORS",
        default="false",
        description="'true': the issuer's `operators` group makes operators (the stack's own pool, or a trusted one)",
    )

    content_table: str = Field(alias="CONTENT_TABLE", min_length=3)
    user_pool_id: str = Field(
        alias="USER_POOL_ID",
        default="",
        description="The stack's own user pool, whose groups are the staff's roles; empty with an external issuer",
    )

    @property
    def trust_operators(self) -> bool:
        return self.issuer_grants_operators == "true"

    @property
    def staff_from_list(self) -> bool:
        """With an external issuer, brand roles also come from the staff list (decision 59)."""
        return not self.user_pool_id


class NotificationRetention(Settings):
    """How long the notifications function keeps what it writes (DynamoDB TTL); the template's
    InboxRetentionDays and WebhookDeliveryRetentionDays, with the same bounds. The defaults are
    literals equal to the domain's INBOX_DAYS and DELIVERY_DAYS (a contract test holds them equal):
    importing the domain here would put it in every function's cold start."""

    inbox_retention_days: int = Field(alias="INBOX_RETENTION_DAYS", default=90, ge=7, le=365)
    webhook_retention_days: int = Field(alias="WEBHOOK_RETENTION_DAYS", default=30, ge=1, le=365)


class ExportRetention(Settings):
    """How long a participant's data export is kept (the template's ExportRetentionDays)."""

    export_retention_days: int = Field(alias="EXPORT_RETENTION_DAYS", default=7, ge=1, le=30)


class IdempotencyRetention(Settings):
    """How long an Idempotency-Key's answer is kept (the template's IdempotencyRetentionHours)."""

    idempotency_retention_hours: int = Field(alias="IDEMPOTENCY_RETENTION_HOURS", default=24, ge=1, le=168)


def load_settings(model: type[SettingsT], environ: Mapping[str, str] | None = None) -> SettingsT:
    """Build ``model`` from the environment; raise ConfigError naming every missing or bad variable."""
    env = os.environ if environ is None else environ
    try:
        return model.model_validate(dict(env))
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            name = ".".join(str(part) for part in error["loc"])
            problems.append(f"{name}: {error['msg']}")
        raise ConfigError(f"{model.__name__}: invalid environment: " + "; ".join(problems)) from exc


def lazy_secret(name: str, *, min_length: int = 16) -> Callable[[], str]:
    """``read_secret`` at each call (Powertools keeps the value for SECRET_MAX_AGE): a function reads
    its signing secrets when a request needs one (a list's cursor, an unsubscribe link), not in every
    cold start (the Secrets Manager client and round trip were a sixth of some imports), and a
    rotation reaches warm sandboxes when that cache expires. A missing secret fails the request that
    needs it (a logged 500) rather than the cold start."""
    return partial(read_secret, name, min_length=min_length)


def read_secret(name: str, *, min_length: int = 16) -> str:
    """A signing secret, read through Powertools Parameters (cached there for
    SECRET_MAX_AGE): from SSM Parameter Store when ``name`` is a parameter path (``/...``, a
    SecureString), else from Secrets Manager (a secret's name or ARN). The value never sits in the
    function's environment, where anyone who can read the function's configuration would see it."""
    from aws_lambda_powertools.utilities import parameters  # noqa: PLC0415 - only the functions that sign

    try:
        if name.startswith("/"):
            value = parameters.get_parameter(name, decrypt=True, max_age=SECRET_MAX_AGE)
        else:
            value = parameters.get_secret(name, max_age=SECRET_MAX_AGE)
    except parameters.exceptions.GetParameterError as exc:
        raise ConfigError(f"the secret {name!r} cannot be read: {exc}") from exc
    if not isinstance(value, str) or len(value) < min_length:
        raise ConfigError(f"the secret {name!r} must be a string of at least {min_length} characters")
    return value
