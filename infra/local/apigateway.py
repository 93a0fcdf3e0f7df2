"""API Gateway HTTP API, payload format 2.0: an HTTP request -> the event a function receives, and
the function's answer -> the HTTP response, following API Gateway's rules for both."""

from __future__ import annotations

import base64
import binascii
import json
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from infra.local.template import ACCOUNT_ID

API_ID = "local"
PROBLEM_JSON = "application/problem+json"
PROBLEM_TYPE_BASE = "https://cocreate.dev/problems/"


@dataclass
class HttpRequest:
    method: str
    raw_path: str
    raw_query: str
    headers: list[tuple[str, str]]
    body: bytes
    source_ip: str
    protocol: str = "HTTP/1.1"
    request_id: str = field(default_factory=lambda: str(uuid.uuid4()))

    def header(self, name: str) -> str | None:
        values = [value for key, value in self.headers if key.lower() == name]
        return ",".join(values) if values else None


@dataclass
class HttpResponse:
    status: int
    headers: list[tuple[str, str]]
    body: bytes


def problem(status: int, title: str, detail: str, slug: str, **extra: Any) -> HttpResponse:
    """An RFC 9457 answer, shaped like the functions' own (shared/http.py)."""
    document = {"type": PROBLEM_TYPE_BASE + slug, "title": title, "status": status, "detail": detail, **extra}
    return HttpResponse(status, [("Content-Type", PROBLEM_JSON)], json.dumps(document).encode())


def json_answer(status: int, document: Any, headers: list[tuple[str, str]] | None = None) -> HttpResponse:
    return HttpResponse(status, [("Content-Type", "application/json"), *(headers or [])], json.dumps(document).encode())


def build_event(
    request: HttpRequest,
    route_key: str,
    path_parameters: Mapping[str, str],
    claims: Mapping[str, str] | None,
) -> dict[str, Any]:
    now = time.time()
    headers: dict[str, str] = {}
    cookies: list[str] = []
    for key, value in request.headers:
        name = key.lower()
        if name == "cookie":
            # Payload 2.0 moves cookies out of the headers into their own list.
            cookies.extend(part.strip() for part in value.split(";") if part.strip())
            continue
        headers[name] = f"{headers[name]},{value}" if name in headers else value
    headers.setdefault("x-forwarded-for", request.source_ip)
    headers.setdefault("x-forwarded-proto", "http")
    headers.setdefault("x-amzn-trace-id", f"Root=1-{int(now):08x}-{uuid.uuid4().hex[:24]}")
    host = headers.get("host", "127.0.0.1")
    if ":" in host:
        headers.setdefault("x-forwarded-port", host.rsplit(":", 1)[1])

    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": request.raw_path,
        "rawQueryString": request.raw_query,
    }
    if cookies:
        event["cookies"] = cookies
    event["headers"] = headers
    if request.raw_query:
        query: dict[str, str] = {}
        for key, value in parse_qsl(request.raw_query, keep_blank_values=True):
            query[key] = f"{query[key]},{value}" if key in query else value
        event["queryStringParameters"] = query
    context: dict[str, Any] = {
        "accountId": ACCOUNT_ID,
        "apiId": API_ID,
        "domainName": host.split(":", 1)[0],
        "domainPrefix": host.split(".", 1)[0].split(":", 1)[0],
        "http": {
            "method": request.method,
            "path": request.raw_path,
            "protocol": request.protocol,
            "sourceIp": request.source_ip,
            "userAgent": headers.get("user-agent", ""),
        },
        "requestId": request.request_id,
        "routeKey": route_key,
        "stage": "$default",
        "time": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)),
        "timeEpoch": int(now * 1000),
    }
    if claims is not None:
        context["authorizer"] = {"jwt": {"claims": dict(claims), "scopes": None}}
    event["requestContext"] = context
    if path_parameters:
        event["pathParameters"] = dict(path_parameters)
    if request.body:
        try:
            event["body"], event["isBase64Encoded"] = request.body.decode("utf-8"), False
        except UnicodeDecodeError:
            event["body"], event["isBase64Encoded"] = base64.b64encode(request.body).decode("ascii"), True
    else:
        event["isBase64Encoded"] = False
    return event


class BadFunctionResponseError(ValueError):
    """The function answered something API Gateway would turn into a 500."""


def translate_response(payload: Any) -> HttpResponse:
    """A function's return value -> HTTP, per API Gateway's payload 2.0 rules: a dict with
    ``statusCode`` is taken as the response; anything else is a 200 JSON body (a string as is)."""
    if not (isinstance(payload, dict) and "statusCode" in payload):
        text = payload if isinstance(payload, str) else json.dumps(payload)
        return HttpResponse(200, [("Content-Type", "application/json")], text.encode("utf-8"))
    try:
        status = int(payload["statusCode"])
    except (TypeError, ValueError) as exc:
        raise BadFunctionResponseError(f"statusCode {payload['statusCode']!r} is not a number") from exc
    if not 100 <= status <= 599:
        raise BadFunctionResponseError(f"statusCode {status} is not an HTTP status")
    headers: list[tuple[str, str]] = []
    for key, value in (payload.get("headers") or {}).items():
        headers.append((str(key), _header_text(value)))
    headers.extend(("Set-Cookie", str(cookie)) for cookie in payload.get("cookies") or [])
    raw = payload.get("body")
    body: bytes
    if raw is None:
        body = b""
    elif not isinstance(raw, str):
        raise BadFunctionResponseError("body must be a string")
    elif payload.get("isBase64Encoded"):
        try:
            body = base64.b64decode(raw, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise BadFunctionResponseError("isBase64Encoded is true but the body is not base64") from exc
    else:
        body = raw.encode("utf-8")
    return HttpResponse(status, headers, body)


def _header_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
