"""The smaller pieces of shared.http: field problems, OpenAPI responses, JSON responses."""

from __future__ import annotations

import json

import pytest
from pydantic import BaseModel, ConfigDict
from pydantic.alias_generators import to_camel

from shared.domain.errors import PreconditionFailedError, require_version
from shared.http import (
    JSON,
    PROBLEM_JSON,
    Problem,
    etag,
    field_problems_from_validation,
    json_response,
    matched_version,
    problem_responses,
)


def test_a_body_error_drops_the_leading_body_from_the_field_path():
    errors = [{"loc": ("body", "tags", 2), "msg": "String too long", "type": "string_too_long"}]

    assert field_problems_from_validation(errors) == [
        {"field": "tags.2", "location": "body", "message": "String too long", "code": "string_too_long"}
    ]


def test_a_query_error_keeps_its_location():
    errors = [{"loc": ("query", "limit"), "msg": "too big", "type": "less_than_equal"}]

    assert field_problems_from_validation(errors)[0] == {
        "field": "limit",
        "location": "query",
        "message": "too big",
        "code": "less_than_equal",
    }


def test_a_path_or_header_error_keeps_its_location():
    errors = [{"loc": ("path", "ideaId")}, {"loc": ("header", "idempotency-key")}]

    assert [(p["location"], p["field"]) for p in field_problems_from_validation(errors)] == [
        ("path", "ideaId"),
        ("header", "idempotency-key"),
    ]


def test_an_error_of_unknown_location_is_a_body_error_with_its_full_path():
    errors = [{"loc": ("title",), "msg": "missing", "type": "missing"}]

    assert field_problems_from_validation(errors)[0]["field"] == "title"
    assert field_problems_from_validation(errors)[0]["location"] == "body"


def test_an_error_on_the_whole_body_is_named_body():
    errors = [{"loc": ("body",), "msg": "Field required", "type": "missing"}]

    assert field_problems_from_validation(errors)[0]["field"] == "body"


def test_an_error_without_location_message_or_type_gets_defaults():
    assert field_problems_from_validation([{}]) == [
        {"field": "body", "location": "body", "message": "Invalid value", "code": "invalid"}
    ]


def test_problem_responses_document_each_status_with_the_problem_model():
    responses = problem_responses(401, 422)

    assert set(responses) == {401, 422}
    assert responses[422]["content"] == {PROBLEM_JSON: {"model": Problem}}
    assert "errors" in responses[422]["description"]


class View(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)

    idea_id: str


def test_json_response_serialises_the_model_by_alias_with_its_headers():
    response = json_response(201, View(idea_id="i-1"), {"Location": "/ideas/i-1"})

    assert response.status_code == 201
    assert json.loads(str(response.body)) == {"ideaId": "i-1"}
    assert response.headers["Location"] == "/ideas/i-1"
    assert response.headers["Content-Type"] == JSON


def test_json_response_without_headers_sets_only_the_content_type():
    response = json_response(200, View(idea_id="i-1"))

    assert response.headers == {"Content-Type": JSON}


@pytest.mark.parametrize(("if_match", "version"), [(None, None), ("*", None), (' "v1" ', 1), ('"v42"', 42)])
def test_if_match_names_a_version_or_any(if_match: str | None, version: int | None) -> None:
    assert matched_version(if_match) == version
    assert version is None or etag(version) == f'"v{version}"'


@pytest.mark.parametrize("if_match", ['W/"v1"', "v1", '"v0"', '"1"', '"v1", "v2"', '""'])
def test_a_tag_this_api_never_gave_matches_nothing(if_match: str) -> None:
    with pytest.raises(PreconditionFailedError) as caught:
        matched_version(if_match)

    assert (caught.value.status, caught.value.field, caught.value.location) == (412, "If-Match", "header")


def test_a_write_on_an_old_version_is_refused_and_naming_none_is_allowed() -> None:
    require_version("idea", 3, None)
    require_version("idea", 3, 3)
    with pytest.raises(PreconditionFailedError, match="version 2, now 3"):
        require_version("idea", 3, 2)
