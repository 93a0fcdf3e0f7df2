"""HTTP plumbing shared by every API function: the resolver factory, RFC 9457 problem+json for
every error path, request screening before Powertools sees the body, and common parameters.

Powertools parses the body inside its validation middleware, which runs before any user
middleware; so size, encoding and JSON checks happen in ``screen_request`` before
``app.resolve`` is called, and each failure gets its own clear 4xx instead of a 500."""

from __future__ import annotations

import base64
import binascii
import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from typing import Annotated, Any, TypeVar

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.params import Header, Path, Query
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    Strict,
)
from pydantic.alias_generators import to_camel
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from shared.domain.errors import DomainError, PreconditionFailedError, TooManyRequestsError
from shared.observability import logger

PROBLEM_JSON = "application/problem+json"
JSON = "application/json"
MAX_BODY_BYTES = 64 * 1024
MAX_JSON_DEPTH = 32
"""Arrays and objects nested deeper than this are refused (no request body needs more than 4)."""
PROBLEM_TYPE_BASE = "https://cocreate.dev/problems/"
API_VERSION = "3.7.0"  # semantic: see docs/operations.md, "API versions"
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})  # DELETE /me takes a confirmation

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
        description=(
            "Makes the request safe to retry: the first answer is replayed for the stack's "
            "IdempotencyRetentionHours (24 by default)."
        ),
    ),
]
IfMatch = Annotated[
    str | None,
    Header(
        alias="if-match",
        min_length=1,
        max_length=64,
        description=(
            'The ETag of the version you read (e.g. "v3", or * for any): the write is refused with 412 if '
            "the resource changed since."
        ),
    ),
]
_ETAG = re.compile(r'"v([1-9][0-9]{0,9})"')


def etag(version: int) -> str:
    """A resource's entity tag: its version, which every write raises (strong: If-Match compares it)."""
    return f'"v{version}"'


def matched_version(if_match: str | None) -> int | None:
    """The version an If-Match names (None: no header, or * for any). A tag this API never
    issued matches no version: 412, naming the header."""
    if if_match is None or if_match.strip() == "*":
        return None
    found = _ETAG.fullmatch(if_match.strip())
    if found is None:
        raise PreconditionFailedError(
            f'If-Match {if_match[:64]!r} is not an ETag this API gave (they look like "v3").',
            field="If-Match",
            location="header",
        )
    return int(found[1])


class RequestBody(BaseModel):
    """Base of request bodies: camelCase, unknown fields refused, strict types, built on first use.

    Strict: a JSON value must already have the field's type (no true for 1, 1 for true, "5" for 5
    or 5 for "5"). Powertools validates the body after ``json.loads``, as Python objects, and
    strict Python validation wants enum members and datetime objects, which JSON cannot carry: mark
    enum fields ``ByValue[...]`` and date-time fields ``IsoDatetime``."""

    model_config = ConfigDict(
        extra="forbid", alias_generator=to_camel, populate_by_name=False, strict=True, defer_build=True
    )


_T = TypeVar("_T")
ByValue = Annotated[_T, Strict(False)]
"""An enum field of a request body, sent as the enum's value (a JSON string)."""


def _iso_datetime(value: object) -> datetime:
    if isinstance(value, datetime):  # from Python code (JSON has no datetimes)
        return value
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError(
        "datetime_type", "Input should be an ISO 8601 date-time with a time zone, e.g. 2026-12-01T09:00:00Z"
    )


IsoDatetime = Annotated[AwareDatetime, BeforeValidator(_iso_datetime)]
"""A date-time of a request body: an ISO 8601 string with a time zone (no Unix timestamps)."""


def _int_only(value: object) -> object:
    # Literal[1, -1] compares by value, so even in strict mode it takes true and 1.0 for 1.
    if type(value) is not int:
        raise PydanticCustomError("int_type", "Input should be a valid integer")
    return value


IntOnly = BeforeValidator(_int_only)
"""Metadata for an integer Literal of a request body: refuses booleans and floats."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
"""Refused in every string of every body: control characters (but tab, line feed, carriage
return) and lone surrogates (JSON can escape them; they cannot be stored as UTF-8)."""
_LINE_BREAK = re.compile(r"[\t\n\r\u2028\u2029]")
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
LINE_PATTERN = r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029]*$"
_VISIBLE = frozenset("LNPS")  # letters, numbers, punctuation, symbols (not spaces, marks or format characters)


def _one_line(value: str) -> str:
    if _LINE_BREAK.search(value):
        raise PydanticCustomError("single_line", "Must be one line: no tabs or line breaks")
    return value


def _visible(value: str) -> str:
    if value and not any(unicodedata.category(char)[0] in _VISIBLE for char in value):
        raise PydanticCustomError("no_visible_character", "Must contain a visible character")
    return value


class _TextRule:
    """Annotated metadata of a text field: a check after the field's own constraints (stripping,
    lengths), and the characters it allows as a ``pattern`` in the OpenAPI schema."""

    def __init__(self, check: Callable[[str], str], pattern: str | None = None) -> None:
        self.check = check
        self.pattern = pattern

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        json_schema = handler(schema)
        if self.pattern:
            json_schema["pattern"] = self.pattern
        return json_schema


OneLine = _TextRule(_one_line, LINE_PATTERN)
"""A one-line text (a title, a label): no tab, line break or control character."""
MultiLine = _TextRule(lambda value: value, TEXT_PATTERN)
"""A text that may span lines (a description, a comment): tabs and line breaks are kept; the
other control characters are refused in every string by ``screen_request``."""
Visible = _TextRule(_visible)
"""A text that must show something: a letter, digit, punctuation mark or symbol, not only
spaces, zero-width or combining characters."""


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
    status: int,
    title: str,
    detail: str,
    *,
    slug: str,
    errors: list[dict[str, str]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response[Any]:
    body: dict[str, Any] = {"type": PROBLEM_TYPE_BASE + slug, "title": title, "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    return Response(
        status_code=status, content_type=PROBLEM_JSON, body=json.dumps(body), headers=dict(headers or {}) or None
    )


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


# pydantic names the member of a union that failed inside the location ("list[...]", "literal['x']",
# "function-after[...]"): not a field of the request, so left out of the field's name.
_UNION_TAG = re.compile(r"^[a-z][a-z-]*\[.*\]$")


def field_problems_from_validation(errors: list[Any]) -> list[dict[str, str]]:
    """Powertools/pydantic error dicts -> our field list. Body fields drop the leading 'body'."""
    problems = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ()) if not _UNION_TAG.match(str(part))]
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


def _validation_detail(errors: list[dict[str, str]]) -> str:
    return "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "The request is not valid."


def _validation_problem(errors: list[dict[str, str]]) -> Response[Any]:
    return problem(422, "Validation failed", _validation_detail(errors), slug="validation-failed", errors=errors)


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
    if _nests_deeper_than(text, MAX_JSON_DEPTH):
        return problem_event_response(
            400,
            "Malformed body",
            f"The body nests arrays or objects more than {MAX_JSON_DEPTH} levels deep.",
            slug="malformed-body",
        )
    try:
        value = json.loads(text)
    except ValueError as exc:
        return problem_event_response(
            400,
            "Malformed body",
            f"The body is not valid JSON: {exc.msg if isinstance(exc, json.JSONDecodeError) else exc}.",
            slug="malformed-body",
        )
    if not isinstance(value, dict):  # Powertools would take an array's first element for the object
        message = f"The body must be a JSON object, not {_json_kind(value)}"
        return _validation_event_response(
            [{"field": "body", "location": "body", "message": message, "code": "object_type"}]
        )
    problems = control_character_problems(value)
    return _validation_event_response(problems) if problems else None


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, list):
        return "an array"
    return "a string" if isinstance(value, str) else "a number"


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def _nests_deeper_than(text: str, limit: int) -> bool:
    """Counted on the text, outside strings: json.loads recurses, and 30,000 levels exhaust the stack."""
    depth = 0
    for bracket in _BRACKET.findall(_JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        if depth > limit:
            return True
    return False


MAX_FIELD_PROBLEMS = 20


def control_character_problems(value: Any) -> list[dict[str, str]]:
    """Every string of a parsed body (keys too) that holds a control character (but tab, line
    feed, carriage return) or a lone surrogate, named by its dotted path (at most 20)."""
    problems: list[dict[str, str]] = []
    pending: list[tuple[tuple[str, ...], Any]] = [((), value)]
    while pending and len(problems) < MAX_FIELD_PROBLEMS:
        path, item = pending.pop()
        if isinstance(item, dict):
            for key, child in reversed(item.items()):
                pending.append(((*path, key), child))
                if _CONTROL.search(key):
                    problems.append(_character_problem(".".join((*path, key)), key, "name"))
        elif isinstance(item, list):
            pending.extend(((*path, str(n)), child) for n, child in reversed(list(enumerate(item))))
        elif isinstance(item, str) and _CONTROL.search(item):
            problems.append(_character_problem(".".join(path), item, "value"))
    return problems


def _character_problem(field: str, text: str, what: str) -> dict[str, str]:
    found = _CONTROL.search(text)
    assert found is not None
    message = f"The {what} holds U+{ord(found.group()):04X}: control characters and lone surrogates are not allowed"
    return {"field": field, "location": "body", "message": message, "code": "control_character"}


def _validation_event_response(errors: list[dict[str, str]]) -> dict[str, Any]:
    return problem_event_response(
        422, "Validation failed", _validation_detail(errors), slug="validation-failed", errors=errors
    )


def resolve(app: APIGatewayHttpResolver, event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Screen the request, normalise the body for Powertools, then route it."""
    refused = screen_request(event)
    if refused is not None:
        return refused
    method = str(((event.get("requestContext") or {}).get("http") or {}).get("method", "")).upper()
    if method not in _BODY_METHODS:
        return app.resolve(event, context)  # a body on GET is ignored, as by the routes
    if event.get("body") and event.get("isBase64Encoded"):
        # Hand Powertools a plain JSON body, whatever encoding the client used.
        event = {**event, "body": base64.b64decode(str(event["body"])).decode("utf-8"), "isBase64Encoded": False}
    if event.get("body"):
        headers = {str(k).lower(): v for k, v in (event.get("headers") or {}).items()}
        headers["content-type"] = JSON
        event = {**event, "headers": headers}
    return app.resolve(event, context)


def rate_limit_headers(exc: TooManyRequestsError) -> dict[str, str]:
    """Retry-After, and the limit reached as the IETF RateLimit fields (draft-ietf-httpapi-ratelimit-
    headers: the policy's quota q per window w seconds, and r remaining with t seconds to wait)."""
    headers = {"Retry-After": str(exc.retry_after)}
    if exc.policy is not None:
        name, quota, window = exc.policy
        headers["RateLimit-Policy"] = f'"{name}";q={quota};w={window}'
        headers["RateLimit"] = f'"{name}";r=0;t={exc.retry_after}'
    return headers


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
            errors = [{"field": exc.field, "location": exc.location, "message": exc.detail, "code": exc.type_slug}]
        headers = rate_limit_headers(exc) if isinstance(exc, TooManyRequestsError) else None
        return problem(exc.status, exc.title, exc.detail, slug=exc.type_slug, errors=errors, headers=headers)

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
        # a plain mapping: Powertools validates it into its OpenAPI models only when it writes the
        # document, so a cold start never builds those models
        security_schemes={"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},  # type: ignore[dict-item]
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
        412: "If-Match names a version that is no longer the current one",
        413: "Body over 64 KiB",
        415: "Body is not application/json",
        422: "Validation failed; `errors` names each field",
        429: "Done too often: the rolling limit of the challenge (`rateLimits`); `Retry-After` says when to retry",
        503: "A dependency is throttled; retry later",
    }
    answers: dict[int, OpenAPIResponse] = {
        status: {"description": descriptions[status], "content": {PROBLEM_JSON: {"model": Problem}}}
        for status in statuses
    }
    if 429 in answers:
        answers[429]["headers"] = {
            "Retry-After": {"description": "Seconds until the action is allowed again", "schema": {"type": "integer"}},
            "RateLimit-Policy": {
                "description": 'The limit reached, e.g. "votes";q=60;w=600 (60 per 600 s)',
                "schema": {"type": "string"},
            },
            "RateLimit": {
                "description": 'What is left of it, e.g. "votes";r=0;t=42 (none, for 42 s)',
                "schema": {"type": "string"},
            },
        }
    return answers


def tagged(description: str, model: type[BaseModel]) -> dict[int, OpenAPIResponse]:
    """The OpenAPI 200 answer of a route that returns a resource with its ETag."""
    etag_header = {"description": 'The resource\'s version (e.g. "v3"): send it as If-Match to write on it'}
    return {
        200: {
            "description": description,
            "content": {JSON: {"model": model}},
            "headers": {"ETag": {**etag_header, "schema": {"type": "string"}}},  # type: ignore[typeddict-item]
        }
    }


def tagged_response(model: BaseModel, version: int) -> Response[Any]:
    """200 with the resource and its ETag."""
    return json_response(200, model, {"ETag": etag(version)})


def json_response(status: int, model: BaseModel, headers: Mapping[str, str] | None = None) -> Response[Any]:
    return Response(
        status_code=status,
        content_type=JSON,
        body=model.model_dump_json(by_alias=True),
        headers=dict(headers or {}),
    )


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A number as it is (``-3`` and ``-3.5`` stay numbers); text that a spreadsheet will not run as
    a formula (CSV injection: a leading ``=``, ``+``, ``-``, ``@``, tab or carriage return is quoted)."""
    if isinstance(value, int | float):
        return str(value)
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_page(
    columns: Sequence[str], rows: Iterable[Sequence[object]], filename: str, next_page: tuple[str, str | None] | None
) -> Response[str]:
    """One page of a CSV export: header row first, cells made safe; ``next_page`` (path with its
    query, cursor) becomes ``Link: <...>; rel="next"`` and ``X-Next-Cursor``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_cell(column) for column in columns])  # survey options name columns
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    headers: dict[str, Any] = {"Content-Disposition": f'attachment; filename="{filename}"'}
    if next_page is not None and next_page[1]:
        headers["Link"] = f'<{next_page[0]}>; rel="next"'
        headers["X-Next-Cursor"] = next_page[1]
    return Response(status_code=200, content_type="text/csv; charset=utf-8", body=buffer.getvalue(), headers=headers)
