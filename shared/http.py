"""HTTP plumbing shared by every API function: the resolver factory, RFC 9457 problem+json for
every error path, request screening before Powertools sees the body, and common parameters.

Powertools parses the body inside its validation middleware, which runs before any user
middleware; so size, encoding and JSON checks happen in ``screen_request`` before
``app.resolve`` is called, and each failure gets its own clear 4xx instead of a 500."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Annotated, Any

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.models import HTTPBearer
from aws_lambda_powertools.event_handler.openapi.params import Header, Path, Query
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from shared.domain.errors import DomainError
from shared.observability import logger

PROBLEM_JSON = "application/problem+json"
JSON = "application/json"
MAX_BODY_BYTES = 64 * 1024
PROBLEM_TYPE_BASE = "https://cocreate.dev/problems/"
API_VERSION = "1.0.0"
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})

SECURED: list[dict[str, list[str]]] = [{"bearerAuth": []}]
"""OpenAPI security of routes behind the JWT authorizer."""
IdPath = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]
DEFAULT_LIMIT = 20
Limit = Annotated[int, Query(ge=1, le=100, description="Items per page (at most 100).")]
Cursor = Annotated[
    str | None, Query(min_length=1, max_length=2048, description="nextCursor of the previous page (opaque).")
]
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="idempotency-key",
        min_length=1,
        max_length=255,
        description="Makes the request safe to retry: the first answer is replayed for 24 hours.",
    ),
]


class RequestBody(BaseModel):
    """Base of request bodies: camelCase, unknown fields refused, built on first use (cold start)."""

    model_config = ConfigDict(extra="forbid", alias_generator=to_camel, populate_by_name=False, defer_build=True)


class ResponseBody(BaseModel):
    """Base of response bodies: camelCase on the wire."""

    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, serialize_by_alias=True, defer_build=True
    )


class FieldProblem(BaseModel):
    field: str = Field(description="Dotted path of the offending field, e.g. 'title' or 'tags.2'.")
    location: str = Field(description="Where the field is: body, query, path or header.")
    message: str
    code: str = Field(description="Machine-readable reason, e.g. 'string_too_short', 'extra_forbidden'.")


class Problem(BaseModel):
    """RFC 9457 problem details."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldProblem] | None = None


def problem(
    status: int, title: str, detail: str, *, slug: str, errors: list[dict[str, str]] | None = None
) -> Response[Any]:
    body: dict[str, Any] = {"type": PROBLEM_TYPE_BASE + slug, "title": title, "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    return Response(status_code=status, content_type=PROBLEM_JSON, body=json.dumps(body))


def problem_event_response(
    status: int, title: str, detail: str, *, slug: str, errors: list[dict[str, str]] | None = None
) -> dict[str, Any]:
    """The same problem as a raw API Gateway v2 response, for failures found before routing."""
    response = problem(status, title, detail, slug=slug, errors=errors)
    return {
        "statusCode": response.status_code,
        "headers": {"Content-Type": PROBLEM_JSON},
        "body": response.body,
        "isBase64Encoded": False,
    }


def field_problems_from_validation(errors: list[Any]) -> list[dict[str, str]]:
    """Powertools/pydantic error dicts -> our field list. Body fields drop the leading 'body'."""
    problems = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        location = loc[0] if loc and loc[0] in {"body", "query", "path", "header", "cookie"} else "body"
        path = loc[1:] if loc and loc[0] == location else loc
        problems.append(
            {
                "field": ".".join(path) or location,
                "location": location,
                "message": str(error.get("msg") or "Invalid value"),
                "code": str(error.get("type") or "invalid"),
            }
        )
    return problems


def _validation_problem(errors: list[dict[str, str]]) -> Response[Any]:
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "The request is not valid."
    return problem(422, "Validation failed", detail, slug="validation-failed", errors=errors)


def screen_request(event: Mapping[str, Any]) -> dict[str, Any] | None:  # noqa: PLR0911 - one answer per fault
    """Refuse bodies Powertools would choke on. Returns a response to send, or None to go on."""
    method = str(((event.get("requestContext") or {}).get("http") or {}).get("method", "")).upper()
    raw = event.get("body")
    if raw is None or raw == "":
        return None
    if event.get("isBase64Encoded"):
        try:
            data = base64.b64decode(str(raw), validate=True)
        except (binascii.Error, ValueError):
            return problem_event_response(400, "Malformed body", "The body is not valid base64.", slug="malformed-body")
    else:
        data = str(raw).encode("utf-8", errors="surrogatepass")
    if len(data) > MAX_BODY_BYTES:
        return problem_event_response(
            413,
            "Body too large",
            f"The body is {len(data)} bytes; at most {MAX_BODY_BYTES} are accepted.",
            slug="body-too-large",
        )
    if method not in _BODY_METHODS:
        return None
    headers = {str(k).lower(): str(v) for k, v in (event.get("headers") or {}).items()}
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type and content_type != JSON and not content_type.endswith("+json"):
        return problem_event_response(
            415,
            "Unsupported media type",
            f"Send the body as {JSON}, not {content_type!r}.",
            slug="unsupported-media-type",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return problem_event_response(400, "Malformed body", "The body is not valid UTF-8.", slug="malformed-body")
    try:
        json.loads(text)
    except ValueError as exc:
        return problem_event_response(
            400,
            "Malformed body",
            f"The body is not valid JSON: {exc.msg if isinstance(exc, json.JSONDecodeError) else exc}.",
            slug="malformed-body",
        )
    return None


def resolve(app: APIGatewayHttpResolver, event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Screen the request, normalise the body for Powertools, then route it."""
    refused = screen_request(event)
    if refused is not None:
        return refused
    method = str(((event.get("requestContext") or {}).get("http") or {}).get("method", "")).upper()
    if method not in _BODY_METHODS:
        return app.resolve(event, context)  # a body on GET/DELETE is ignored, as by the routes
    if event.get("body") and event.get("isBase64Encoded"):
        # Hand Powertools a plain JSON body, whatever encoding the client used.
        event = {**event, "body": base64.b64decode(str(event["body"])).decode("utf-8"), "isBase64Encoded": False}
    if event.get("body"):
        headers = {str(k).lower(): v for k, v in (event.get("headers") or {}).items()}
        headers["content-type"] = JSON
        event = {**event, "headers": headers}
    return app.resolve(event, context)


def create_resolver(title: str) -> APIGatewayHttpResolver:
    """A resolver with validation, OpenAPI and problem+json answers for every error path."""
    app = APIGatewayHttpResolver(enable_validation=True)

    @app.exception_handler(RequestValidationError)  # type: ignore[untyped-decorator]
    def _on_validation_error(exc: RequestValidationError) -> Response[Any]:
        return _validation_problem(field_problems_from_validation(list(exc.errors())))

    @app.exception_handler(DomainError)  # type: ignore[untyped-decorator]
    def _on_domain_error(exc: DomainError) -> Response[Any]:
        errors = None
        if exc.field:
            errors = [{"field": exc.field, "location": "body", "message": exc.detail, "code": exc.type_slug}]
        return problem(exc.status, exc.title, exc.detail, slug=exc.type_slug, errors=errors)

    @app.not_found
    def _on_not_found(_exc: Exception) -> Response[Any]:
        path = app.current_event.request_context.http.path
        method = app.current_event.request_context.http.method
        return problem(404, "Not found", f"No route for {method} {path}.", slug="no-route")

    @app.exception_handler(Exception)  # type: ignore[untyped-decorator]
    def _on_unexpected(exc: Exception) -> Response[Any]:
        logger.exception("Unhandled error", extra={"error_type": type(exc).__name__})
        return problem(500, "Internal error", "Something went wrong on our side; it has been logged.", slug="internal")

    app.configure_openapi(
        title=title,
        version=API_VERSION,
        security_schemes={"bearerAuth": HTTPBearer(scheme="bearer", bearerFormat="JWT")},
    )
    return app


def problem_responses(*statuses: int) -> dict[int, OpenAPIResponse]:
    """OpenAPI ``responses`` entries for the problem answers a route can give."""
    descriptions = {
        400: "Malformed body (not JSON, not UTF-8, bad base64)",
        401: "Missing or invalid bearer token",
        403: "Signed in, but not allowed",
        404: "Not found (or not visible to the caller)",
        409: "Conflict with the current state",
        413: "Body over 64 KiB",
        415: "Body is not application/json",
        422: "Validation failed; `errors` names each field",
        503: "A dependency is throttled; retry later",
    }
    return {
        status: {"description": descriptions[status], "content": {PROBLEM_JSON: {"model": Problem}}}
        for status in statuses
    }


def json_response(status: int, model: BaseModel, headers: Mapping[str, str] | None = None) -> Response[Any]:
    return Response(
        status_code=status,
        content_type=JSON,
        body=model.model_dump_json(by_alias=True),
        headers=dict(headers or {}),
    )
