"""IdempotentCommands without a key. The keyed path (Powertools on its DynamoDB table) is
covered by the integration tests."""

from __future__ import annotations

from typing import Any

import pytest

from shared.idempotency import IdempotentCommands


class UntouchableDynamoDBClient:
    """Records every attribute looked up on it and has none: any DynamoDB call would fail."""

    def __init__(self) -> None:
        self.looked_up: list[str] = []

    def __getattr__(self, name: str) -> Any:
        self.looked_up.append(name)
        raise AttributeError(name)


@pytest.fixture
def client() -> UntouchableDynamoDBClient:
    return UntouchableDynamoDBClient()


@pytest.fixture
def commands(client: UntouchableDynamoDBClient) -> IdempotentCommands:
    return IdempotentCommands("idempotency", client)


def test_construction_makes_no_dynamodb_call(client, commands):
    # Powertools only tries to hook its user agent onto client.meta, which a dummy lacks.
    assert set(client.looked_up) <= {"meta"}


def test_without_a_key_the_command_simply_runs_and_its_result_is_returned(commands):
    assert commands.run("submit_idea", "user-1", None, {"title": "x"}, lambda: {"ideaId": "i-1"}) == {"ideaId": "i-1"}


def test_without_a_key_the_command_runs_every_time(commands):
    runs: list[int] = []

    def command() -> dict[str, Any]:
        runs.append(1)
        return {"run": len(runs)}

    commands.run("submit_idea", "user-1", None, {}, command)
    second = commands.run("submit_idea", "user-1", None, {}, command)

    assert second == {"run": 2}


def test_without_a_key_the_persistence_store_is_not_used(client, commands):
    commands.run("submit_idea", "user-1", None, {}, lambda: {})

    assert set(client.looked_up) <= {"meta"}


def test_without_a_key_an_error_of_the_command_propagates(commands):
    def command() -> dict[str, Any]:
        raise LookupError("boom")

    with pytest.raises(LookupError, match="boom"):
        commands.run("submit_idea", "user-1", None, {}, command)


def test_records_are_keyed_by_operation_caller_and_key_and_validated_on_the_payload(commands):
    assert commands.config.event_key_jmespath == "[operation, caller, key]"
    assert commands.config.payload_validation_jmespath == "payload"


def test_records_expire_after_a_day_by_default(commands):
    assert commands.config.expires_after_seconds == 24 * 3600


def test_the_expiry_can_be_set(client):
    assert IdempotentCommands("idempotency", client, expires_after_seconds=60).config.expires_after_seconds == 60
