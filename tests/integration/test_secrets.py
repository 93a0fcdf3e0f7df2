"""Signing secrets are read from Secrets Manager or SSM Parameter Store when a request needs one."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from aws_lambda_powertools.utilities import parameters
from moto import mock_aws

from shared.config import ConfigError, read_secret


@pytest.fixture(autouse=True)
def aws() -> Iterator[None]:
    parameters.clear_caches()
    with mock_aws():
        yield
    parameters.clear_caches()


def test_a_secret_is_read_from_secrets_manager_by_name_or_arn() -> None:
    arn = boto3.client("secretsmanager").create_secret(Name="cursor", SecretString="s" * 48)["ARN"]

    assert read_secret("cursor") == "s" * 48
    assert read_secret(arn) == "s" * 48


def test_a_parameter_path_is_read_from_ssm_decrypted() -> None:
    boto3.client("ssm").put_parameter(Name="/cocreate/cursor", Value="p" * 20, Type="SecureString")

    assert read_secret("/cocreate/cursor") == "p" * 20


def test_a_missing_or_short_secret_fails_naming_it() -> None:
    boto3.client("secretsmanager").create_secret(Name="short", SecretString="tiny")

    with pytest.raises(ConfigError, match="'missing' cannot be read"):
        read_secret("missing")
    with pytest.raises(ConfigError, match="'short' must be a string of at least 16"):
        read_secret("short")


def test_the_functions_read_their_secrets_on_first_use_not_at_cold_start_nor_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.integration.conftest import CURSOR_SECRET  # noqa: PLC0415

    for name, value in {
        "VOTES_TABLE": "votes",
        "CONTENT_TABLE": "content",
        "IDEMPOTENCY_TABLE": "idempotency",
        "RATE_LIMITS_TABLE": "rate-limits",
        "CURSOR_SECRET_ID": "votes-cursor",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("CURSOR_SECRET", raising=False)
    import importlib  # noqa: PLC0415

    # the secret does not exist yet: the cold start does not read it
    wiring = importlib.reload(importlib.import_module("functions.votes.wiring"))
    from shared.cursors import CursorCodec  # noqa: PLC0415

    with pytest.raises(ConfigError, match="'votes-cursor' cannot be read"):
        wiring.cursors.encode({"pk": "x"}, "scope")
    boto3.client("secretsmanager").create_secret(Name="votes-cursor", SecretString=CURSOR_SECRET)
    cursor = wiring.cursors.encode({"pk": "x"}, "scope")
    assert CursorCodec(CURSOR_SECRET).decode(cursor, "scope") == {"pk": "x"}
