"""Idempotent commands (Powertools Idempotency on its own table with TTL).

A POST that creates something is idempotent when the client sends ``Idempotency-Key``: the
first answer is stored and replayed for the same (operation, caller, key); the same key with a
different body is refused with 422; a replay while the first is still running gets 409."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyAlreadyInProgressError,
    IdempotencyValidationError,
)

from shared.domain.errors import ConflictError, ValidationError

Command = Callable[[], dict[str, Any]]


class IdempotentCommands:
    def __init__(self, table_name: str, client: Any, expires_after_seconds: int = 24 * 3600) -> None:
        persistence = DynamoDBPersistenceLayer(table_name=table_name, boto3_client=client)
        self.config = IdempotencyConfig(
            event_key_jmespath="[operation, caller, key]",
            payload_validation_jmespath="payload",
            expires_after_seconds=expires_after_seconds,
        )
        self._current: Command | None = None

        @idempotent_function(data_keyword_argument="command", config=self.config, persistence_store=persistence)  # type: ignore[untyped-decorator]
        def execute(command: dict[str, Any]) -> dict[str, Any]:  # noqa: ARG001 - Powertools hashes it
            assert self._current is not None
            return self._current()

        self._execute = execute

    def run(self, operation: str, caller: str, key: str | None, payload: Any, command: Command) -> dict[str, Any]:
        """Run ``command`` once per key; without a key it simply runs."""
        if key is None:
            return command()
        self._current = command
        try:
            result: dict[str, Any] = self._execute(
                command={"operation": operation, "caller": caller, "key": key, "payload": payload}
            )
        except IdempotencyValidationError as exc:
            raise ValidationError(
                "This Idempotency-Key was used with a different body.", field="Idempotency-Key"
            ) from exc
        except IdempotencyAlreadyInProgressError as exc:
            raise ConflictError("A request with this Idempotency-Key is still in progress.") from exc
        finally:
            self._current = None
        return result
