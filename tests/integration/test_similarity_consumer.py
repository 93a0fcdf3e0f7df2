"""The similarity function on moto: content-table stream records keep the index in step."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from tests.builders import LambdaContext, stream_record
from tests.integration.similarity_support import idea_item, similarity_items

REFILL = idea_item("idea-1", "ch-1", "Refill stations for shampoo", "Bring the empty bottle back to the shop.")


@pytest.fixture
def similarity(aws: None) -> Any:
    return importlib.reload(importlib.import_module("functions.similarity.app"))


def handle(function: Any, *records: dict[str, Any]) -> dict[str, Any]:
    answer: dict[str, Any] = function.lambda_handler({"Records": list(records)}, LambdaContext())
    return answer


def keys() -> list[str]:
    return sorted(item["pk"] for item in similarity_items())


def test_a_published_idea_gets_an_entry_and_postings(similarity: Any) -> None:
    answer = handle(similarity, stream_record(REFILL, sequence="1"))

    assert answer == {"batchItemFailures": []}
    entry = similarity.index.entry("idea-1")
    assert entry is not None
    assert entry.title == REFILL["title"]
    assert keys() == sorted(["IDEA#idea-1", *(f"TERM#ch-1#{term}" for term in entry.terms)])


def test_a_replayed_batch_leaves_the_index_as_it_was(similarity: Any) -> None:
    batch = [stream_record(REFILL, sequence="1"), stream_record(idea_item("idea-2", "ch-1", "Bars"), sequence="2")]
    handle(similarity, *batch)
    before = sorted(similarity_items(), key=lambda item: item["pk"])

    assert handle(similarity, *batch) == {"batchItemFailures": []}

    assert sorted(similarity_items(), key=lambda item: item["pk"]) == before


def test_an_idea_hidden_by_moderation_leaves_the_index(similarity: Any) -> None:
    handle(similarity, stream_record(REFILL, sequence="1"))
    terms = similarity.index.entry("idea-1").terms

    hidden = stream_record({**REFILL, "status": "hidden"}, event_name="MODIFY", sequence="2", old=REFILL)
    handle(similarity, hidden)

    assert similarity.index.entry("idea-1") is None
    assert similarity.index.postings("ch-1", terms) == dict.fromkeys(terms, frozenset())


def test_a_deleted_idea_leaves_the_index(similarity: Any) -> None:
    handle(similarity, stream_record(REFILL, sequence="1"))

    handle(similarity, stream_record(REFILL, event_name="REMOVE", sequence="2", old=REFILL))

    assert similarity.index.entry("idea-1") is None


def test_pending_ideas_and_other_items_are_ignored(similarity: Any) -> None:
    pending = idea_item("idea-2", "ch-1", "Refill pouches", status="pending")
    challenge = {"pk": "CHALLENGE#ch-1", "sk": "#META", "type": "Challenge", "challengeId": "ch-1"}

    answer = handle(similarity, stream_record(pending, sequence="1"), stream_record(challenge, sequence="2"))

    assert answer == {"batchItemFailures": []}
    assert keys() == []


def test_a_record_that_cannot_be_decoded_is_reported_and_the_rest_applied(similarity: Any) -> None:
    broken = {key: value for key, value in REFILL.items() if key != "challengeId"}

    answer = handle(
        similarity,
        stream_record(broken, sequence="7"),
        stream_record(idea_item("idea-2", "ch-1", "Bars"), sequence="8"),
    )

    assert answer == {"batchItemFailures": [{"itemIdentifier": "7"}]}
    assert similarity.index.entry("idea-2") is not None
