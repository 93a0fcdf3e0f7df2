from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from botocore.exceptions import ClientError

from shared.domain.errors import ConflictError, UnavailableError
from shared.store.dynamo import BATCH_GET_ATTEMPTS, batch_get, deserialize, serialize, translate_errors


def a_client_error(code: str, operation: str = "PutItem") -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": f"{code} happened"}}, operation)


# serialize / deserialize


def test_serialize_writes_dynamodb_attribute_values():
    assert serialize({"pk": "IDEA#1", "votes": 3, "tags": ["a"], "open": True}) == {
        "pk": {"S": "IDEA#1"},
        "votes": {"N": "3"},
        "tags": {"L": [{"S": "a"}]},
        "open": {"BOOL": True},
    }


def test_serialize_leaves_out_none_values():
    assert serialize({"pk": "IDEA#1", "description": None}) == {"pk": {"S": "IDEA#1"}}


def test_deserialize_reads_attribute_values_with_numbers_as_decimals():
    assert deserialize({"pk": {"S": "IDEA#1"}, "votes": {"N": "3"}, "tags": {"L": [{"S": "a"}]}}) == {
        "pk": "IDEA#1",
        "votes": Decimal(3),
        "tags": ["a"],
    }


def test_deserialize_undoes_serialize():
    item = {"pk": "IDEA#1", "votes": 3, "tags": ["a", "b"], "meta": {"open": True}}

    assert deserialize(serialize(item)) == item


# translate_errors


@pytest.mark.parametrize(
    ("code", "error_type"),
    [
        ("ConditionalCheckFailedException", ConflictError),
        ("TransactionCanceledException", ConflictError),
        ("TransactionConflictException", ConflictError),
        ("ProvisionedThroughputExceededException", UnavailableError),
        ("ThrottlingException", UnavailableError),
        ("RequestLimitExceeded", UnavailableError),
        ("InternalServerError", UnavailableError),
        ("ServiceUnavailable", UnavailableError),
    ],
)
def test_a_client_error_becomes_the_domain_error_its_code_stands_for(code, error_type):
    with pytest.raises(error_type) as raised, translate_errors("idea i-1 exists"):
        raise a_client_error(code)

    assert type(raised.value) is error_type


def test_the_domain_error_says_what_was_done_and_the_code():
    expected = r"^idea i-1 exists: ConditionalCheckFailedException$"

    with pytest.raises(ConflictError, match=expected), translate_errors("idea i-1 exists"):
        raise a_client_error("ConditionalCheckFailedException")


def test_the_domain_error_keeps_the_client_error_as_its_cause():
    original = a_client_error("ThrottlingException")

    with pytest.raises(UnavailableError) as raised, translate_errors("reading an idea"):
        raise original

    assert raised.value.__cause__ is original


def test_a_client_error_of_unknown_code_propagates_unchanged():
    original = a_client_error("ResourceNotFoundException", "GetItem")

    with pytest.raises(ClientError) as raised, translate_errors("reading an idea"):
        raise original

    assert raised.value is original


def test_a_client_error_without_a_code_propagates_unchanged():
    original = ClientError({}, "GetItem")

    with pytest.raises(ClientError) as raised, translate_errors("reading an idea"):
        raise original

    assert raised.value is original


def test_other_exceptions_pass_through_untouched():
    with pytest.raises(KeyError), translate_errors("reading an idea"):
        raise KeyError("Item")


def test_an_untyped_empty_attribute_in_a_stream_image_reads_as_absent():
    # DynamoDB Local renders empty maps in stream images as {} with no type.
    assert deserialize({"pk": {"S": "IDEA#1"}, "statusLabels": {}}) == {"pk": "IDEA#1"}


class _Batches:
    """Answers BatchGetItem, leaving the last key unprocessed the first ``stubborn`` times."""

    def __init__(self, stubborn: int = 1) -> None:
        self.requests: list[dict[str, Any]] = []
        self.stubborn = stubborn

    def batch_get_item(self, RequestItems: dict[str, Any]) -> dict[str, Any]:  # noqa: N803 - boto3's name
        request = RequestItems["t"]
        self.requests.append(request)
        keys = request["Keys"]
        assert len(keys) <= 100
        served, left = (keys[:-1], keys[-1:]) if self.stubborn else (keys, [])
        self.stubborn = max(0, self.stubborn - 1)
        found = [{**key, "n": {"N": "1"}} for key in served if key["pk"]["S"] != "gone"]
        return {"Responses": {"t": found}, "UnprocessedKeys": {"t": {"Keys": left}} if left else {}}


def test_batch_get_asks_100_keys_a_call_each_once_and_unprocessed_ones_again_after_a_pause() -> None:
    client, pauses = _Batches(), []
    keys = [{"pk": f"k{n}"} for n in range(150)] + [{"pk": "k3"}, {"pk": "gone"}]

    items = batch_get(
        client, "t", keys, "reading", consistent=True, projection="pk, #n", names={"#n": "n"}, sleep=pauses.append
    )

    assert [len(request["Keys"]) for request in client.requests] == [100, 1, 51]
    options = {"ConsistentRead": True, "ProjectionExpression": "pk, #n", "ExpressionAttributeNames": {"#n": "n"}}
    assert [request | {"Keys": []} for request in client.requests] == [{"Keys": []} | options] * 3  # retries too
    assert pauses == [0.05]
    assert sorted(item["pk"] for item in items) == sorted(f"k{n}" for n in range(150))


def test_batch_get_gives_up_as_unavailable_when_keys_stay_unprocessed() -> None:
    client, pauses = _Batches(stubborn=10), []

    with pytest.raises(UnavailableError):
        batch_get(client, "t", [{"pk": "a"}, {"pk": "b"}], "reading", sleep=pauses.append)

    assert len(client.requests) == BATCH_GET_ATTEMPTS
    assert pauses == [0.05, 0.1, 0.2, 0.4, 0.8]
