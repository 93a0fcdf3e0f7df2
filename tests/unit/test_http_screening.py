"""screen_request: what is refused before Powertools sees the body."""

from __future__ import annotations

import json

import pytest

from shared.http import MAX_BODY_BYTES, MAX_JSON_DEPTH, PROBLEM_JSON, screen_request

from .builders import an_api_event


def a_post(body: str | bytes | dict[str, object] | None, content_type: str | None = "application/json", **kw):
    headers = {"content-type": content_type} if content_type is not None else {}
    return an_api_event("POST", "/things", body=body, headers=headers, **kw)


def problem_of(response: dict[str, object]) -> dict[str, object]:
    assert response["headers"] == {"Content-Type": PROBLEM_JSON}
    return json.loads(str(response["body"]))


def test_a_json_body_goes_through():
    assert screen_request(a_post({"name": "x"})) is None


@pytest.mark.parametrize("body", [None, ""])
def test_a_request_without_a_body_goes_through(body):
    assert screen_request(a_post(body)) is None


def an_object_of(size: int) -> str:
    """A JSON object of exactly ``size`` characters."""
    return json.dumps({"x": "x" * (size - len('{"x": ""}'))})


def test_a_body_of_exactly_the_limit_goes_through():
    body = an_object_of(MAX_BODY_BYTES)
    assert len(body) == MAX_BODY_BYTES

    assert screen_request(a_post(body)) is None


def test_a_body_over_the_limit_is_refused_with_413():
    response = screen_request(a_post(json.dumps("x" * (MAX_BODY_BYTES - 1))))

    assert response is not None
    assert response["statusCode"] == 413
    assert problem_of(response)["type"] == "https://cocreate.dev/problems/body-too-large"


def test_the_limit_counts_utf8_bytes_not_characters():
    body = json.dumps("é" * (MAX_BODY_BYTES // 2))  # 2 bytes each

    response = screen_request(a_post(body))

    assert response is not None
    assert response["statusCode"] == 413


def test_the_limit_counts_the_decoded_bytes_of_a_base64_body():
    decoded = an_object_of(MAX_BODY_BYTES).encode()  # its base64 form is a third longer

    assert screen_request(a_post(decoded)) is None


def test_a_base64_body_over_the_limit_is_refused_with_413():
    response = screen_request(a_post(json.dumps("x" * MAX_BODY_BYTES).encode()))

    assert response is not None
    assert response["statusCode"] == 413


def test_an_oversize_body_is_refused_whatever_the_method():
    event = an_api_event("GET", "/things", body="x" * (MAX_BODY_BYTES + 1))

    response = screen_request(event)

    assert response is not None
    assert response["statusCode"] == 413


def test_a_body_flagged_base64_that_is_not_base64_is_refused_with_400():
    response = screen_request(a_post("not base64!", base64_encoded=True))

    assert response is not None
    assert response["statusCode"] == 400
    assert "base64" in str(problem_of(response)["detail"])


def test_a_base64_body_that_is_not_utf8_is_refused_with_400():
    response = screen_request(a_post(b'{"name": "\xff"}'))

    assert response is not None
    assert response["statusCode"] == 400
    assert "UTF-8" in str(problem_of(response)["detail"])


def test_a_text_body_with_a_lone_surrogate_is_refused_as_not_utf8():
    response = screen_request(a_post('{"name": "\ud800"}'))

    assert response is not None
    assert response["statusCode"] == 400
    assert "UTF-8" in str(problem_of(response)["detail"])


def test_a_body_that_is_not_json_is_refused_with_400_saying_why():
    response = screen_request(a_post('{"name": '))

    assert response is not None
    assert response["statusCode"] == 400
    problem = problem_of(response)
    assert problem["type"] == "https://cocreate.dev/problems/malformed-body"
    assert "not valid JSON: Expecting value" in str(problem["detail"])


def test_a_number_json_cannot_convert_is_refused_with_400():
    response = screen_request(a_post("1" * 5000))  # over Python's int digit limit

    assert response is not None
    assert response["statusCode"] == 400
    assert "not valid JSON" in str(problem_of(response)["detail"])


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"])
def test_a_body_that_is_not_json_by_content_type_is_refused_with_415(content_type):
    response = screen_request(a_post({"name": "x"}, content_type=content_type))

    assert response is not None
    assert response["statusCode"] == 415
    assert problem_of(response)["type"] == "https://cocreate.dev/problems/unsupported-media-type"


def test_the_content_type_header_name_is_case_insensitive():
    event = an_api_event("POST", "/things", body="{}", headers={"Content-Type": "text/plain"})

    response = screen_request(event)

    assert response is not None
    assert response["statusCode"] == 415


@pytest.mark.parametrize(
    "content_type",
    ["application/json", "application/json; charset=utf-8", "Application/JSON", "application/merge-patch+json"],
)
def test_json_content_types_are_accepted(content_type):
    assert screen_request(a_post({"name": "x"}, content_type=content_type)) is None


def test_a_body_without_a_content_type_is_taken_as_json():
    assert screen_request(a_post({"name": "x"}, content_type=None)) is None


@pytest.mark.parametrize("method", ["PUT", "PATCH", "post", "DELETE"])  # DELETE /me takes a confirmation
def test_every_method_with_a_body_is_screened(method):
    response = screen_request(an_api_event(method, "/things", body="not json"))

    assert response is not None
    assert response["statusCode"] == 400


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
def test_the_body_of_a_method_without_one_is_ignored(method):
    event = an_api_event(method, "/things", body="not json", headers={"content-type": "text/plain"})

    assert screen_request(event) is None


def test_a_refusal_is_a_complete_api_gateway_response():
    response = screen_request(a_post("nope"))

    assert response is not None
    assert response["isBase64Encoded"] is False
    assert problem_of(response) == {
        "type": "https://cocreate.dev/problems/malformed-body",
        "title": "Malformed body",
        "status": 400,
        "detail": "The body is not valid JSON: Expecting value.",
    }


def nested(levels: int, inner: str = "1") -> str:
    return "[" * levels + inner + "]" * levels


def test_a_body_nested_to_the_limit_goes_through():
    assert screen_request(a_post('{"a": ' + nested(MAX_JSON_DEPTH - 1) + "}")) is None


@pytest.mark.parametrize("levels", [MAX_JSON_DEPTH + 1, 30_000])
def test_a_body_nested_deeper_than_the_limit_is_refused_with_400(levels):
    response = screen_request(a_post(nested(levels)))

    assert response is not None
    assert response["statusCode"] == 400
    assert f"more than {MAX_JSON_DEPTH} levels" in str(problem_of(response)["detail"])


def test_a_body_unclosed_deep_is_refused_before_it_is_parsed():
    response = screen_request(a_post("{" * 30_000))

    assert response is not None
    assert response["statusCode"] == 400


def test_brackets_inside_strings_do_not_count_as_nesting():
    text = json.dumps({"title": "[" * 100, "quoted": '\\"[[[' + "{" * 50})

    assert screen_request(a_post(text)) is None


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ('[{"value": 1}]', "an array"),
        ('"text"', "a string"),
        ("1", "a number"),
        ("true", "a boolean"),
        ("null", "null"),
    ],
)
def test_a_body_that_is_not_an_object_is_a_422_naming_the_body(body, kind):
    response = screen_request(a_post(body))

    assert response is not None
    assert response["statusCode"] == 422
    [error] = problem_of(response)["errors"]
    assert error == {
        "field": "body",
        "location": "body",
        "message": f"The body must be a JSON object, not {kind}",
        "code": "object_type",
    }


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x0b", "\x1b", "\x7f", "\x85", "\x9f", chr(0xD800), chr(0xDFFF)])
def test_control_characters_and_lone_surrogates_are_a_422_naming_the_field(char):
    body = '{"idea": {"tags": ["ok", "a' + json.dumps(char)[1:-1] + '"]}}'

    response = screen_request(a_post(body))

    assert response is not None
    assert response["statusCode"] == 422
    [error] = problem_of(response)["errors"]
    assert (error["field"], error["code"]) == ("idea.tags.1", "control_character")
    assert f"U+{ord(char):04X}" in error["message"]


def test_tabs_and_line_breaks_go_through_to_the_fields_own_rules():
    assert screen_request(a_post({"description": "one\n\ttwo\r\nthree", "emoji": "🌱\u200d"})) is None


def test_a_control_character_in_a_field_name_names_that_field():
    response = screen_request(a_post({"prefs": {"Idea\x00": True}}))

    assert response is not None
    assert [e["field"] for e in problem_of(response)["errors"]] == ["prefs.Idea\x00"]


def test_control_characters_are_reported_in_document_order_at_most_twenty():
    few = screen_request(a_post({"a": "\x01", "b": ["\x02", "ok"], "c": "\x03"}))
    many = screen_request(a_post({"items": ["\x01"] * 50}))

    assert few is not None
    assert many is not None
    assert [e["field"] for e in problem_of(few)["errors"]] == ["a", "b.0", "c"]
    assert len(problem_of(many)["errors"]) == 20
