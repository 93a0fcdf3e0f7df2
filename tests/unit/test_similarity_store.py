"""The DynamoDB adapter of the similarity index with a fake client (the paths moto cannot provoke:
throttled batch reads, saturated postings, errors), its item codec and stream decoding."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from botocore.exceptions import ClientError

from shared.domain.errors import UnavailableError
from shared.domain.similarity import index_entry
from shared.services.similarity import IdeaText
from shared.store.similarity import (
    DynamoSimilarityIndex,
    entry_from_item,
    entry_to_item,
    idea_change_from_stream_record,
    posting_key,
)
from tests.builders import stream_record


def client_error(code: str) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": code}}, "UpdateItem")


class FakeDynamoClient:
    """batch_get_item leaves ``unprocessed_rounds`` rounds of keys unprocessed; update_item fails
    with ``update_error`` for the terms in ``failing_terms``."""

    def __init__(
        self, items: dict[str, dict[str, Any]] | None = None, unprocessed_rounds: int = 0, update_error: str = ""
    ) -> None:
        self.items = items or {}
        self.unprocessed_rounds = unprocessed_rounds
        self.update_error = update_error
        self.batch_calls: list[list[str]] = []
        self.updates: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def batch_get_item(self, *, RequestItems: dict[str, Any]) -> dict[str, Any]:  # noqa: N803
        [(table, request)] = RequestItems.items()
        keys = [key["pk"]["S"] for key in request["Keys"]]
        self.batch_calls.append(keys)
        if self.unprocessed_rounds:
            self.unprocessed_rounds -= 1
            return {"Responses": {table: []}, "UnprocessedKeys": RequestItems}
        return {"Responses": {table: [self.items[key] for key in keys if key in self.items]}, "UnprocessedKeys": {}}

    def update_item(self, **kwargs: Any) -> dict[str, Any]:
        with self._lock:
            self.updates.append(kwargs)
        if self.update_error:
            raise client_error(self.update_error)
        return {}


def an_index(client: FakeDynamoClient) -> DynamoSimilarityIndex:
    return DynamoSimilarityIndex(client, "similarity", sleep=lambda _: None)


ENTRY = index_entry("idea-1", "ch-1", "Refill stations", "Refill shampoo bottles in the shop.")


# codec


def test_an_entry_survives_the_round_trip_through_an_item() -> None:
    item = entry_to_item(ENTRY)

    assert item["pk"] == {"S": "IDEA#idea-1"}
    assert len(item["sketch"]["B"]) == 4 * len(ENTRY.sketch.hashes)
    assert entry_from_item(item) == ENTRY


def test_posting_keys_name_the_challenge_and_the_term() -> None:
    assert posting_key("ch-1", "refill") == "TERM#ch-1#refill"


# batch reads


def test_unprocessed_keys_are_asked_for_again() -> None:
    client = FakeDynamoClient({"IDEA#idea-1": entry_to_item(ENTRY)}, unprocessed_rounds=2)

    assert an_index(client).entries(["idea-1"]) == [ENTRY]
    assert len(client.batch_calls) == 3


def test_keys_still_unprocessed_after_every_attempt_answer_unavailable() -> None:
    client = FakeDynamoClient(unprocessed_rounds=10)

    with pytest.raises(UnavailableError):
        an_index(client).entries(["idea-1"])
    assert len(client.batch_calls) == 4


def test_more_than_100_keys_are_read_in_chunks_without_repeats() -> None:
    client = FakeDynamoClient()

    an_index(client).postings("ch-1", [f"t{n}" for n in range(150)] + ["t0"])

    assert [len(keys) for keys in client.batch_calls] == [100, 50]


def test_postings_map_terms_to_their_idea_ids() -> None:
    items = {
        "TERM#ch-1#refill": {"pk": {"S": "TERM#ch-1#refill"}, "ids": {"SS": ["a", "b"]}},
        "TERM#ch-1#emptied": {"pk": {"S": "TERM#ch-1#emptied"}},  # every id deleted: no attribute left
    }

    postings = an_index(FakeDynamoClient(items)).postings("ch-1", ["refill", "emptied", "unknown"])

    assert postings == {"refill": frozenset({"a", "b"}), "emptied": frozenset()}


# posting writes


def test_posting_to_a_saturated_term_is_skipped_quietly() -> None:
    client = FakeDynamoClient(update_error="ConditionalCheckFailedException")

    an_index(client).post("ch-1", ["shampo", "bottle"], "idea-1")

    assert len(client.updates) == 2


def test_a_throttled_posting_write_is_unavailable() -> None:
    client = FakeDynamoClient(update_error="ThrottlingException")

    with pytest.raises(UnavailableError):
        an_index(client).post("ch-1", ["shampo"], "idea-1")


def test_an_unknown_error_stays_loud() -> None:
    client = FakeDynamoClient(update_error="ResourceNotFoundException")

    with pytest.raises(ClientError):
        an_index(client).unpost("ch-1", ["shampo"], "idea-1")


def test_no_terms_means_no_calls() -> None:
    client = FakeDynamoClient()

    an_index(client).post("ch-1", [], "idea-1")
    an_index(client).unpost("ch-1", [], "idea-1")

    assert client.updates == []


# stream records


def an_idea_item(**overrides: Any) -> dict[str, Any]:
    item = {
        "pk": "IDEA#idea-1",
        "sk": "#META",
        "type": "Idea",
        "ideaId": "idea-1",
        "challengeId": "ch-1",
        "title": "Refill stations",
        "description": "Refill shampoo bottles.",
        "status": "published",
        "votesUp": 3,
    }
    return item | overrides


def test_an_inserted_idea_becomes_a_change_without_an_old_image() -> None:
    change = idea_change_from_stream_record(stream_record(an_idea_item()))

    assert change is not None
    assert change.old is None
    assert change.new == IdeaText("idea-1", "ch-1", "Refill stations", "Refill shampoo bottles.", "published")


def test_a_modified_idea_carries_both_images() -> None:
    record = stream_record(an_idea_item(status="hidden"), event_name="MODIFY", old=an_idea_item())

    change = idea_change_from_stream_record(record)

    assert change is not None
    assert change.old is not None
    assert change.old.status == "published"
    assert change.new is not None
    assert change.new.status == "hidden"


def test_a_removed_idea_carries_only_its_old_image() -> None:
    change = idea_change_from_stream_record(stream_record(an_idea_item(), event_name="REMOVE", old=an_idea_item()))

    assert change is not None
    assert change.new is None
    assert change.old is not None
    assert change.old.idea_id == "idea-1"


def test_an_idea_without_a_description_has_an_empty_one() -> None:
    item = an_idea_item()
    del item["description"]

    change = idea_change_from_stream_record(stream_record(item))

    assert change is not None
    assert change.new is not None
    assert change.new.description == ""


@pytest.mark.parametrize("kind", ["Challenge", "Comment"])
def test_records_of_other_items_are_not_idea_changes(kind: str) -> None:
    assert idea_change_from_stream_record(stream_record(an_idea_item(type=kind))) is None
