"""The similar-ideas index in its own DynamoDB table (so index writes never feed the content
stream), and the decoding of content-table stream records into idea changes.

Items (key ``pk`` only; see docs/data-model.md):
- posting: ``pk=TERM#<challengeId>#<term>``, ``ids`` = string set of the idea ids posted under it
- entry:   ``pk=IDEA#<ideaId>``, ``challengeId``, ``title``, ``terms`` (list), ``sketch`` and
  ``titleFeatures`` (big-endian uint32 hashes, binary), ``sketchSize``, ``fingerprint``
"""

from __future__ import annotations

import struct
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from botocore.exceptions import ClientError

from shared.domain.errors import UnavailableError
from shared.domain.similarity import SATURATED_POSTING, IndexEntry, Sketch
from shared.services.similarity import IdeaChange, IdeaText
from shared.store.dynamo import translate_errors

BATCH_GET_LIMIT = 100  # keys per BatchGetItem call


def posting_key(challenge_id: str, term: str) -> str:
    return f"TERM#{challenge_id}#{term}"


def entry_key(idea_id: str) -> str:
    return f"IDEA#{idea_id}"


def _pack(hashes: Iterable[int]) -> bytes:
    values = list(hashes)
    return struct.pack(f">{len(values)}I", *values)


def _unpack(data: Any) -> tuple[int, ...]:
    raw = bytes(data)
    return struct.unpack(f">{len(raw) // 4}I", raw)


def entry_to_item(entry: IndexEntry) -> dict[str, Any]:
    """The entry as a DynamoDB item in the client's attribute-value shape."""
    return {
        "pk": {"S": entry_key(entry.idea_id)},
        "ideaId": {"S": entry.idea_id},
        "challengeId": {"S": entry.challenge_id},
        "title": {"S": entry.title},
        "terms": {"L": [{"S": term} for term in entry.terms]},
        "sketch": {"B": _pack(entry.sketch.hashes)},
        "sketchSize": {"N": str(entry.sketch.size)},
        "titleFeatures": {"B": _pack(sorted(entry.title_features))},
        "fingerprint": {"S": entry.fingerprint},
    }


def entry_from_item(item: Mapping[str, Any]) -> IndexEntry:
    return IndexEntry(
        idea_id=str(item["ideaId"]["S"]),
        challenge_id=str(item["challengeId"]["S"]),
        title=str(item["title"]["S"]),
        terms=tuple(str(term["S"]) for term in item["terms"]["L"]),
        sketch=Sketch(hashes=_unpack(item["sketch"]["B"]), size=int(item["sketchSize"]["N"])),
        title_features=frozenset(_unpack(item["titleFeatures"]["B"])),
        fingerprint=str(item["fingerprint"]["S"]),
    )


class DynamoSimilarityIndex:
    """SimilarityIndex on DynamoDB. Posting updates of one idea run in parallel (distinct items,
    atomic ADD/DELETE on a string set), so indexing an idea takes a few round trips, not 64."""

    def __init__(
        self,
        client: Any,
        table_name: str,
        *,
        workers: int = 8,
        attempts: int = 4,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._client = client
        self._table = table_name
        self._workers = workers
        self._attempts = attempts
        self._sleep = sleep

    # ------------------------------------------------------------------ reads (request path)
    def postings(self, challenge_id: str, terms: Sequence[str]) -> dict[str, frozenset[str]]:
        by_key = {posting_key(challenge_id, term): term for term in terms}
        items = self._batch_get(list(by_key))
        return {by_key[item["pk"]["S"]]: frozenset(item.get("ids", {}).get("SS", ())) for item in items}

    def entries(self, idea_ids: Sequence[str]) -> list[IndexEntry]:
        return [entry_from_item(item) for item in self._batch_get([entry_key(idea_id) for idea_id in idea_ids])]

    def _batch_get(self, keys: list[str]) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), BATCH_GET_LIMIT):
            chunk = unique[start : start + BATCH_GET_LIMIT]
            pending: dict[str, Any] = {self._table: {"Keys": [{"pk": {"S": key}} for key in chunk]}}
            for attempt in range(self._attempts):
                if attempt:
                    self._sleep(0.05 * 2**attempt)
                with translate_errors("reading the similarity index"):
                    answer = self._client.batch_get_item(RequestItems=pending)
                found.extend(answer.get("Responses", {}).get(self._table, []))
                pending = answer.get("UnprocessedKeys") or {}
                if not pending:
                    break
            else:
                raise UnavailableError("The similarity index is throttled; retry later.")
        return found

    # ------------------------------------------------------------------ writes (stream consumer)
    def entry(self, idea_id: str) -> IndexEntry | None:
        with translate_errors("reading an index entry"):
            answer = self._client.get_item(
                TableName=self._table, Key={"pk": {"S": entry_key(idea_id)}}, ConsistentRead=True
            )
        item = answer.get("Item")
        return entry_from_item(item) if item else None

    def post(self, challenge_id: str, terms: Iterable[str], idea_id: str) -> None:
        def add(term: str) -> None:
            try:
                self._client.update_item(
                    TableName=self._table,
                    Key={"pk": {"S": posting_key(challenge_id, term)}},
                    UpdateExpression="ADD #ids :id",
                    ConditionExpression="attribute_not_exists(#ids) OR size(#ids) < :cap OR contains(#ids, :one)",
                    ExpressionAttributeNames={"#ids": "ids"},
                    ExpressionAttributeValues={
                        ":id": {"SS": [idea_id]},
                        ":one": {"S": idea_id},
                        ":cap": {"N": str(SATURATED_POSTING)},
                    },
                )
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
                    raise
                # Saturated: a term this common tells nothing, and readers skip it.

        self._each(add, terms)

    def unpost(self, challenge_id: str, terms: Iterable[str], idea_id: str) -> None:
        def remove(term: str) -> None:
            self._client.update_item(
                TableName=self._table,
                Key={"pk": {"S": posting_key(challenge_id, term)}},
                UpdateExpression="DELETE #ids :id",
                ExpressionAttributeNames={"#ids": "ids"},
                ExpressionAttributeValues={":id": {"SS": [idea_id]}},
            )

        self._each(remove, terms)

    def _each(self, action: Callable[[str], None], terms: Iterable[str]) -> None:
        pending = list(terms)
        if not pending:
            return
        with translate_errors("updating postings"), ThreadPoolExecutor(min(self._workers, len(pending))) as pool:
            list(pool.map(action, pending))  # list(): re-raise the first failure here

    def save(self, entry: IndexEntry) -> None:
        with translate_errors("saving an index entry"):
            self._client.put_item(TableName=self._table, Item=entry_to_item(entry))

    def delete(self, idea_id: str) -> None:
        with translate_errors("deleting an index entry"):
            self._client.delete_item(TableName=self._table, Key={"pk": {"S": entry_key(idea_id)}})


# ---------------------------------------------------------------------- stream records
def _text(image: Mapping[str, Any] | None) -> IdeaText | None:
    """An idea item's image -> IdeaText; None for other item types (challenges, comments, ...)."""
    if not image or image.get("type", {}).get("S") != "Idea":
        return None

    def string(name: str) -> str:
        return str((image.get(name) or {}).get("S", ""))

    return IdeaText(
        idea_id=str(image["ideaId"]["S"]),
        challenge_id=str(image["challengeId"]["S"]),
        title=string("title"),
        description=string("description"),
        status=string("status"),
    )


def idea_change_from_stream_record(record: Mapping[str, Any]) -> IdeaChange | None:
    """A content-table stream record (as Lambda receives it) -> IdeaChange, or None when the
    record is not about an idea."""
    stream = record["dynamodb"]
    old, new = _text(stream.get("OldImage")), _text(stream.get("NewImage"))
    if old is None and new is None:
        return None
    return IdeaChange(old=old, new=new)
