"""Low-level DynamoDB helpers: (de)serialisation and ClientError -> domain error, by error code."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer
from botocore.exceptions import ClientError

from shared.domain.errors import ConflictError, DomainError, UnavailableError

_serializer = TypeSerializer()
_deserializer = TypeDeserializer()

Item = dict[str, Any]

_ERRORS: dict[str, type[DomainError]] = {
    "ConditionalCheckFailedException": ConflictError,
    "TransactionCanceledException": ConflictError,
    "TransactionConflictException": ConflictError,
    "ProvisionedThroughputExceededException": UnavailableError,
    "ThrottlingException": UnavailableError,
    "RequestLimitExceeded": UnavailableError,
    "InternalServerError": UnavailableError,
    "ServiceUnavailable": UnavailableError,
}


USER_PREFIX = "USER#"


def failed_condition(exc: ClientError) -> bool:
    """Whether a write was refused by its condition (not a fault: the caller decides what it means)."""
    return bool(exc.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException")


def user_index(user_id: str, sort: str) -> dict[str, str]:
    """The sparse, keys-only 'byUser' index entry of an item a user wrote or made (an idea, a
    comment, a note, a challenge, a brand, an audit entry they acted in): their export and erasure
    find it with one Query per page, never a Scan. Keys only: a counter write never touches it."""
    return {"upk": USER_PREFIX + user_id, "usk": sort}


def to_timestamp(value: datetime) -> str:
    """Stored form of a time: ISO 8601 UTC to the millisecond, 'Z' suffix (sorts as text)."""
    return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def from_timestamp(value: Any) -> datetime:
    return datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def serialize(item: Mapping[str, Any]) -> dict[str, Any]:
    return {key: _serializer.serialize(value) for key, value in item.items() if value is not None}


def deserialize(image: Mapping[str, Any]) -> Item:
    # An attribute rendered as {} (no type: seen for empty maps in DynamoDB Local's stream
    # images) carries nothing; reading it as absent keeps one such record from poisoning a batch.
    return {key: _deserializer.deserialize(value) for key, value in image.items() if value != {}}


@dataclass(frozen=True)
class ItemUpdate:
    """An UpdateItem's expression and its names and values."""

    expression: str
    names: dict[str, str]
    values: dict[str, Any]


def item_update(old: Mapping[str, Any], new: Mapping[str, Any], skip: frozenset[str] = frozenset()) -> ItemUpdate:
    """SET the attributes of ``new`` that differ from ``old``; REMOVE those that became None."""
    changed = [key for key, value in new.items() if key not in skip and old.get(key) != value]
    names = {f"#a{n}": name for n, name in enumerate(changed)}
    values = {f":v{n}": new[name] for n, name in enumerate(changed) if new[name] is not None}
    sets = [f"#a{n} = :v{n}" for n, name in enumerate(changed) if new[name] is not None]
    removes = [f"#a{n}" for n, name in enumerate(changed) if new[name] is None]
    clauses = ([f"SET {', '.join(sets)}"] if sets else []) + ([f"REMOVE {', '.join(removes)}"] if removes else [])
    return ItemUpdate(" ".join(clauses), names, values)


def query_all(client: Any, query: Mapping[str, Any], what: str) -> Iterator[Item]:
    """Every item the query finds, one Query per page (for bounded fan-out reads, never a request's list)."""
    request = dict(query)
    while True:
        with translate_errors(what):
            answer = client.query(**request)
        yield from (deserialize(item) for item in answer.get("Items", []))
        if "LastEvaluatedKey" not in answer:
            return
        request["ExclusiveStartKey"] = answer["LastEvaluatedKey"]


BATCH_GET_KEYS = 100  # DynamoDB's limit per BatchGetItem
BATCH_GET_ATTEMPTS = 6  # unprocessed keys are asked again after 50, 100, 200, 400 and 800 ms


def batch_get(
    client: Any,
    table: str,
    keys: Iterable[Mapping[str, Any]],
    what: str,
    *,
    consistent: bool = False,
    projection: str | None = None,
    names: Mapping[str, str] | None = None,
    attempts: int = BATCH_GET_ATTEMPTS,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Item]:
    """The items of ``keys`` (plain values) that exist, each key asked once, in no promised order:
    100 keys per BatchGetItem, the keys DynamoDB leaves unprocessed asked again with exponential
    backoff (as AWS advises for throttled batches), UnavailableError when some are still left
    after ``attempts`` calls (a request answers 503; a consumer's message is retried)."""
    unique = list({tuple(sorted(key.items())): key for key in keys}.values())
    found: list[Item] = []
    for start in range(0, len(unique), BATCH_GET_KEYS):
        request: dict[str, Any] = {"Keys": [serialize(key) for key in unique[start : start + BATCH_GET_KEYS]]}
        if consistent:
            request["ConsistentRead"] = True
        if projection:
            request["ProjectionExpression"] = projection
        if names:
            request["ExpressionAttributeNames"] = dict(names)
        pending: dict[str, Any] = {table: request}
        for attempt in range(attempts):
            if attempt:
                sleep(0.025 * 2**attempt)
            with translate_errors(what):
                answer = client.batch_get_item(RequestItems=pending)
            found += [deserialize(raw) for raw in answer.get("Responses", {}).get(table, [])]
            left = (answer.get("UnprocessedKeys") or {}).get(table, {}).get("Keys") or []
            if not left:
                break
            pending = {table: {**request, "Keys": left}}  # the same options, whatever DynamoDB echoes
        else:
            raise UnavailableError(f"{what}: DynamoDB left keys unprocessed; retry later.")
    return found


@contextmanager
def translate_errors(what: str) -> Iterator[None]:
    """Re-raise a ClientError as the domain error its code stands for; unknown codes propagate."""
    try:
        yield
    except ClientError as exc:
        code = str(exc.response.get("Error", {}).get("Code", ""))
        error_type = _ERRORS.get(code)
        if error_type is None:
            raise  # e.g. a missing table: a deployment fault, kept loud (500 and an error log)
        raise error_type(f"{what}: {code}") from exc
