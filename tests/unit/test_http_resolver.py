"""resolve() end to end on a tiny resolver made with create_resolver."""

from __future__ import annotations

import json
from typing import Annotated, Any

import pytest
from aws_lambda_powertools.event_handler import APIGatewayHttpResolver
from aws_lambda_powertools.event_handler.openapi.params import Body
from pydantic import BaseModel, ConfigDict, Field

from shared.domain.errors import (
    ConflictError,
    DomainError,
    ForbiddenError,
    NotFoundError,
    RuleViolationError,
    UnauthorizedError,
    UnavailableError,
    ValidationError,
)
from shared.http import API_VERSION, PROBLEM_JSON, create_resolver, resolve

from .builders import an_api_event


class Thing(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    tags: list[str] = []


def a_thing_app(raising: Exception | None = None) -> APIGatewayHttpResolver:
    """POST /things echoes the thing (or raises ``raising``); GET /things answers without a body."""
    app = create_resolver("Things API")

    @app.post("/things")
    def create_thing(body: Annotated[Thing, Body()]) -> dict[str, Any]:
        if raising is not None:
            raise raising
        return body.model_dump()

    @app.get("/things")
    def list_things() -> dict[str, Any]:
        if raising is not None:
            raise raising
        return {"things": []}

    return app


@pytest.fixture
def app() -> APIGatewayHttpResolver:
    return a_thing_app()


def post_thing(body: Any, **kw: Any) -> dict[str, Any]:
    kw.setdefault("headers", {"content-type": "application/json"})
    return an_api_event("POST", "/things", body=body, **kw)


def problem_of(response: dict[str, Any]) -> dict[str, Any]:
    assert response["headers"]["Content-Type"] == PROBLEM_JSON
    return json.loads(response["body"])


def test_a_valid_request_reaches_the_route(app, lambda_context):
    response = resolve(app, post_thing({"name": "lamp"}), lambda_context)

    assert response["statusCode"] == 200
    assert json.loads(response["body"]) == {"name": "lamp", "tags": []}


def test_an_unknown_field_is_a_422_problem_naming_the_field(app, lambda_context):
    response = resolve(app, post_thing({"name": "lamp", "ownerId": "me"}), lambda_context)

    assert response["statusCode"] == 422
    problem = problem_of(response)
    assert problem["type"] == "https://cocreate.dev/problems/validation-failed"
    assert problem["errors"][0] == {
        "field": "ownerId",
        "location": "body",
        "message": "Extra inputs are not permitted",
        "code": "extra_forbidden",
    }


def test_a_nested_invalid_field_is_named_by_its_dotted_path(app, lambda_context):
    response = resolve(app, post_thing({"name": "lamp", "tags": ["ok", 7]}), lambda_context)

    assert response["statusCode"] == 422
    assert problem_of(response)["errors"][0]["field"] == "tags.1"


def test_the_validation_detail_lists_each_field_and_its_message(app, lambda_context):
    response = resolve(app, post_thing({"name": ""}), lambda_context)

    assert problem_of(response)["detail"] == "name: String should have at least 1 character"


def test_a_post_without_a_body_is_a_422_naming_the_body(app, lambda_context):
    response = resolve(app, post_thing(None), lambda_context)

    assert response["statusCode"] == 422
    assert problem_of(response)["errors"][0]["field"] == "body"


def test_a_malformed_body_is_refused_before_routing(app, lambda_context):
    response = resolve(app, post_thing('{"name": '), lambda_context)

    assert response["statusCode"] == 400
    assert problem_of(response)["type"] == "https://cocreate.dev/problems/malformed-body"


def test_a_base64_json_body_is_decoded_for_the_route(app, lambda_context):
    response = resolve(app, post_thing(json.dumps({"name": "lamp"}).encode()), lambda_context)

    assert response["statusCode"] == 200
    assert json.loads(response["body"])["name"] == "lamp"


@pytest.mark.parametrize("headers", [{}, {"Content-Type": "application/merge-patch+json"}], ids=["none", "plus-json"])
def test_a_json_body_reaches_the_route_whatever_json_content_type_was_sent(app, lambda_context, headers):
    response = resolve(app, post_thing({"name": "lamp"}, headers=headers), lambda_context)

    assert response["statusCode"] == 200


def test_a_body_sent_with_a_get_is_ignored(app, lambda_context):
    event = an_api_event("GET", "/things", body="not json", headers={"content-type": "text/plain"})

    assert resolve(app, event, lambda_context)["statusCode"] == 200


def test_a_base64_body_that_is_not_utf8_sent_with_a_get_is_ignored(app, lambda_context):
    event = an_api_event("GET", "/things", body=b"\xff\xfe")

    assert resolve(app, event, lambda_context)["statusCode"] == 200


@pytest.mark.parametrize(
    ("error", "status", "slug"),
    [
        (DomainError("bad"), 400, "bad-request"),
        (UnauthorizedError("sign in"), 401, "unauthorized"),
        (ForbiddenError("no"), 403, "forbidden"),
        (NotFoundError("gone"), 404, "not-found"),
        (ConflictError("exists"), 409, "conflict"),
        (RuleViolationError("closed"), 409, "rule-violation"),
        (ValidationError("bad tags"), 422, "validation-failed"),
        (UnavailableError("throttled"), 503, "unavailable"),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else None,
)
def test_a_domain_error_becomes_a_problem_with_its_status(lambda_context, error, status, slug):
    response = resolve(a_thing_app(raising=error), post_thing({"name": "lamp"}), lambda_context)

    assert response["statusCode"] == status
    problem = problem_of(response)
    assert problem["status"] == status
    assert problem["type"] == f"https://cocreate.dev/problems/{slug}"
    assert problem["title"] == type(error).title
    assert problem["detail"] == error.detail


def test_a_domain_error_without_a_field_lists_no_field_errors(lambda_context):
    response = resolve(a_thing_app(raising=NotFoundError("gone")), post_thing({"name": "lamp"}), lambda_context)

    assert "errors" not in problem_of(response)


def test_a_domain_error_naming_a_field_lists_it(lambda_context):
    error = ValidationError("Tags must not repeat.", field="tags")

    response = resolve(a_thing_app(raising=error), post_thing({"name": "lamp"}), lambda_context)

    assert problem_of(response)["errors"] == [
        {"field": "tags", "location": "body", "message": "Tags must not repeat.", "code": "validation-failed"}
    ]


def test_an_unexpected_exception_is_a_500_problem_without_internals(lambda_context):
    error = KeyError("secret-table-name")

    response = resolve(a_thing_app(raising=error), an_api_event("GET", "/things"), lambda_context)

    assert response["statusCode"] == 500
    assert problem_of(response) == {
        "type": "https://cocreate.dev/problems/internal",
        "title": "Internal error",
        "status": 500,
        "detail": "Something went wrong on our side; it has been logged.",
    }
    assert "Traceback" not in response["body"]
    assert "secret-table-name" not in response["body"]


def test_an_unexpected_exception_is_logged_with_its_type_and_stack(lambda_context, caplog):
    resolve(a_thing_app(raising=KeyError("x")), an_api_event("GET", "/things"), lambda_context)

    [record] = [r for r in caplog.records if r.getMessage() == "Unhandled error"]
    assert record.error_type == "KeyError"
    assert record.exc_info is not None


def test_an_unknown_route_is_a_404_problem_naming_it(app, lambda_context):
    response = resolve(app, an_api_event("GET", "/nowhere"), lambda_context)

    assert response["statusCode"] == 404
    problem = problem_of(response)
    assert problem["type"] == "https://cocreate.dev/problems/no-route"
    assert problem["detail"] == "No route for GET /nowhere."


def test_a_known_path_with_an_unknown_method_is_a_404_problem(app, lambda_context):
    response = resolve(app, an_api_event("DELETE", "/things"), lambda_context)

    assert response["statusCode"] == 404
    assert problem_of(response)["detail"] == "No route for DELETE /things."


def test_the_openapi_document_carries_the_title_version_and_bearer_scheme(app):
    schema = json.loads(app.get_openapi_json_schema())

    assert schema["info"] == {"title": "Things API", "version": API_VERSION}
    assert schema["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "bearerFormat": "JWT",
    }
