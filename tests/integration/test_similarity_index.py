"""The similarity index's DynamoDB adapter on moto, on the table template.yaml defines."""

from __future__ import annotations

import boto3
import pytest

from shared.domain.similarity import index_entry
from shared.store import similarity as store
from shared.store.similarity import DynamoSimilarityIndex
from tests.integration.conftest import TABLE_NAMES
from tests.integration.similarity_support import similarity_items


@pytest.fixture
def index(aws: None) -> DynamoSimilarityIndex:
    return DynamoSimilarityIndex(boto3.client("dynamodb"), TABLE_NAMES["SimilarityTable"])


ENTRY = index_entry("idea-1", "ch-1", "Refill stations for shampoo", "Bring the empty bottle back to the shop.")


def test_a_saved_entry_reads_back_equal_alone_and_in_a_batch(index: DynamoSimilarityIndex) -> None:
    index.save(ENTRY)

    assert index.entry("idea-1") == ENTRY
    assert index.entries(["idea-1", "idea-unknown"]) == [ENTRY]


def test_a_deleted_entry_is_gone(index: DynamoSimilarityIndex) -> None:
    index.save(ENTRY)

    index.delete("idea-1")

    assert index.entry("idea-1") is None


def test_posting_is_idempotent_and_unposting_takes_the_idea_out(index: DynamoSimilarityIndex) -> None:
    index.post("ch-1", ["refill", "shampo"], "idea-1")
    index.post("ch-1", ["refill", "shampo"], "idea-1")
    index.post("ch-1", ["refill"], "idea-2")

    assert index.postings("ch-1", ["refill", "shampo", "bottle"]) == {
        "refill": frozenset({"idea-1", "idea-2"}),
        "shampo": frozenset({"idea-1"}),
    }

    index.unpost("ch-1", ["refill", "shampo"], "idea-1")
    index.unpost("ch-1", ["refill"], "idea-1")

    assert index.postings("ch-1", ["refill", "shampo"]) == {"refill": frozenset({"idea-2"}), "shampo": frozenset()}


def test_postings_are_kept_per_challenge(index: DynamoSimilarityIndex) -> None:
    index.post("ch-1", ["refill"], "idea-1")

    assert index.postings("ch-2", ["refill"]) == {}


def test_a_saturated_posting_takes_no_new_idea_but_accepts_a_replay(
    index: DynamoSimilarityIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "SATURATED_POSTING", 2)
    index.post("ch-1", ["bottle"], "idea-1")
    index.post("ch-1", ["bottle"], "idea-2")

    index.post("ch-1", ["bottle"], "idea-3")
    index.post("ch-1", ["bottle"], "idea-2")

    assert index.postings("ch-1", ["bottle"]) == {"bottle": frozenset({"idea-1", "idea-2"})}


def test_the_index_lives_in_one_key_per_item(index: DynamoSimilarityIndex) -> None:
    index.post("ch-1", ["refill"], "idea-1")
    index.save(ENTRY)

    assert sorted(item["pk"] for item in similarity_items()) == ["IDEA#idea-1", "TERM#ch-1#refill"]
