from __future__ import annotations

from decimal import Decimal

import pytest
from botocore.exceptions import ClientError

from shared.domain.errors import ConflictError, UnavailableError
from shared.store.dynamo import deserialize, serialize, translate_errors


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
