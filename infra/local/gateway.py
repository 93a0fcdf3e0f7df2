"""The local API Gateway: an HTTP server that routes by the template's HttpApi events, stands in
for the JWT authorizer, invokes the function with a payload 2.0 event and answers with what it
returned. It also serves the local-only endpoints under ``/_local/`` and the API's docs."""

from __future__ import annotations

import importlib.util
import json
import logging
import sys
import time
from collections.abc import Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, unquote, urlsplit

import jwt
from pydantic import ValidationError

from infra.local.apigateway import (
    BadFunctionResponseError,
    HttpRequest,
    HttpResponse,
    build_event,
    json_answer,
    problem,
    translate_response,
)
from infra.local.routes import Router
from infra.local.stack import Cors, RouteSpec
from infra.local.tokens import LocalIssuer, TokenRequest, gateway_claims
from infra.local.workers import Invocation

log = logging.getLogger("infra.local")

MAX_PAYLOAD_BYTES = 10 * 1024 * 1024  # API Gateway's own limit; the functions set a lower one
LOCAL_PREFIX = "/_local/"
SWAGGER_ASSETS = {"swagger-ui-bundle.min.js": "text/javascript", "swagger-ui.min.css": "text/css"}
WEB = Path(__file__).resolve().parents[2] / "web"  # the reference web app, served at /app
WEB_ASSETS = {
    "app.js": "text/javascript; charset=utf-8",
    "app.js.map": "application/json",
    "app.css": "text/css; charset=utf-8",
    "app.css.map": "application/json",
}


class CloudHooks(Protocol):
    """What the gateway asks of the rest of the local cloud."""

    def invoke(self, function_id: str, event: dict[str, Any]) -> Invocation: ...

    def openapi(self) -> dict[str, Any]: ...

    def bus_events(self, detail_type: str | None = None, source: str | None = None) -> list[dict[str, Any]]: ...

    def run_schedule(self, logical_id: str) -> dict[str, Any]: ...

    def emails(self, to: str | None = None) -> list[dict[str, Any]]: ...

    def endpoints(self) -> dict[str, str]: ...

    def token(self, sub: str, groups: Sequence[str], ttl_seconds: int, email: str | None) -> str: ...

    def live_connection(self, method: str, connection_id: str, data: bytes) -> HttpResponse:
        """The WebSocket API's Management API for one connection (POST, DELETE, GET)."""
        ...


def _swagger_dir() -> Path:
    spec = importlib.util.find_spec("aws_lambda_powertools")
    if spec is None or spec.origin is None:
        raise FileNotFoundError("aws_lambda_powertools is not installed")
    return Path(spec.origin).parent / "event_handler" / "openapi" / "swagger_ui"


_DOCS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Cocreate API (local)</title>
  <link rel="stylesheet" href="/_local/swagger-ui/swagger-ui.min.css">
  <style>.local-hint{{font:14px sans-serif;margin:12px 20px;color:#3b4151}}code{{background:#f0f0f0}}</style>
</head>
<body>
  <p class="local-hint">Local cloud. Get a token with
    <code>curl -s -X POST {base}/_local/token -H 'content-type: application/json'
    -d '{{"sub":"alice","groups":["brand-acme-admins"]}}'</code> and paste it under <b>Authorize</b>.</p>
  <div id="swagger-ui"></div>
  <script src="/_local/swagger-ui/swagger-ui-bundle.min.js"></script>
  <script>
    window.ui = SwaggerUIBundle({{
      url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true, persistAuthorization: true,
      presets: [SwaggerUIBundle.presets.apis], layout: "BaseLayout"
    }});
  </script>
</body>
</html>
"""


class Gateway:
    def __init__(self, router: Router, issuer: LocalIssuer, hooks: CloudHooks, base_url: str) -> None:
        self.router = router
        self.issuer = issuer
        self.hooks = hooks
        self.base_url = base_url
        cors = [route.cors for route in router.routes if route.cors]
        self.cors: Cors | None = cors[0] if cors else None

    # ------------------------------------------------------------------ dispatch
    def handle(self, request: HttpRequest) -> HttpResponse:
        try:
            response = self._dispatch(request)
        except Exception:
            log.exception("local gateway failure on %s %s", request.method, request.raw_path)
            response = problem(500, "Internal error", "The local gateway failed; see its log.", "internal")
        response.headers.append(("apigw-requestid", request.request_id))
        self._add_cors(request, response)
        return response

    def _dispatch(self, request: HttpRequest) -> HttpResponse:
        if request.method == "OPTIONS" and self.cors and request.header("access-control-request-method"):
            return self._preflight(request)
        if request.raw_path.startswith(LOCAL_PREFIX):
            return self._local(request)
        if request.method in {"GET", "HEAD"} and (request.raw_path == "/app" or request.raw_path.startswith("/app/")):
            return _web_app(request.raw_path)
        match = self.router.match(request.method, request.raw_path)
        if match is None:
            if request.method in {"GET", "HEAD"} and request.raw_path in {"/openapi.json", "/docs", "/docs/"}:
                return self._docs(request.raw_path)
            return problem(404, "Not found", f"No route for {request.method} {request.raw_path}.", "no-route")
        claims = None
        if match.route.authorizer is not None:
            claims_or_refusal = self._authorize(request)
            if isinstance(claims_or_refusal, HttpResponse):
                return claims_or_refusal
            claims = claims_or_refusal
        return self._invoke(match.route, request, match.path_parameters, claims)

    def _authorize(self, request: HttpRequest) -> dict[str, str] | HttpResponse:
        header = (request.header("authorization") or "").strip()
        token = header[7:].strip() if header[:7].lower() == "bearer " else header
        if not token:
            refusal = problem(401, "Authentication required", "Send 'Authorization: Bearer <token>'.", "unauthorized")
        else:
            try:
                return gateway_claims(self.issuer.verify(token))
            except jwt.PyJWTError as exc:
                refusal = problem(
                    401, "Authentication required", f"The bearer token is not valid: {exc}.", "unauthorized"
                )
        refusal.headers.append(("WWW-Authenticate", "Bearer"))
        return refusal

    def _invoke(
        self, route: RouteSpec, request: HttpRequest, path_parameters: dict[str, str], claims: dict[str, str] | None
    ) -> HttpResponse:
        event = build_event(request, route.route_key, path_parameters, claims)
        outcome = self.hooks.invoke(route.function_id, event)
        if not outcome.ok:
            error = outcome.error or {}
            log.error("%s failed: %s: %s", route.function_id, error.get("errorType"), error.get("errorMessage"))
            if error.get("errorType") == "TooManyRequestsException":
                return problem(503, "Service unavailable", "Every worker of the function is busy.", "unavailable")
            return problem(500, "Internal Server Error", "The function failed; see its log.", "function-error")
        try:
            return translate_response(outcome.payload)
        except BadFunctionResponseError as exc:
            log.error("%s answered a malformed response: %s", route.function_id, exc)
            return problem(500, "Internal Server Error", "The function's response is malformed.", "function-error")

    # ------------------------------------------------------------------ CORS (as API Gateway answers it)
    def _origin_allowed(self, origin: str | None) -> str | None:
        if not origin or self.cors is None:
            return None
        if "*" in self.cors.allow_origins:
            return origin if self.cors.allow_credentials else "*"
        return origin if origin in self.cors.allow_origins else None

    def _preflight(self, request: HttpRequest) -> HttpResponse:
        assert self.cors is not None
        response = HttpResponse(204, [], b"")
        if self._origin_allowed(request.header("origin")):
            methods = ",".join(self.cors.allow_methods) or request.header("access-control-request-method") or ""
            headers = ",".join(self.cors.allow_headers) or request.header("access-control-request-headers") or ""
            response.headers += [("Access-Control-Allow-Methods", methods), ("Access-Control-Allow-Headers", headers)]
            if self.cors.max_age is not None:
                response.headers.append(("Access-Control-Max-Age", str(self.cors.max_age)))
        return response

    def _add_cors(self, request: HttpRequest, response: HttpResponse) -> None:
        allowed = self._origin_allowed(request.header("origin"))
        if allowed is None or self.cors is None:
            return
        response.headers.append(("Access-Control-Allow-Origin", allowed))
        if self.cors.expose_headers and request.method != "OPTIONS":
            response.headers.append(("Access-Control-Expose-Headers", ",".join(self.cors.expose_headers)))
        if self.cors.allow_credentials:
            response.headers.append(("Access-Control-Allow-Credentials", "true"))
        response.headers.append(("Vary", "Origin"))

    # ------------------------------------------------------------------ local-only endpoints
    def _local(self, request: HttpRequest) -> HttpResponse:
        path, method = request.raw_path[len(LOCAL_PREFIX) - 1 :], request.method
        if method == "GET" and path == "/health":
            return json_answer(200, {"status": "ok"})
        if method == "GET" and path == "/endpoints":
            return json_answer(200, self.hooks.endpoints())
        if method == "GET" and path == "/.well-known/jwks.json":
            return json_answer(200, self.issuer.jwks)
        if method == "GET" and path == "/.well-known/openid-configuration":
            return json_answer(
                200,
                {
                    "issuer": self.issuer.issuer,
                    "jwks_uri": f"{self.issuer.issuer}/.well-known/jwks.json",
                    "id_token_signing_alg_values_supported": ["RS256"],
                },
            )
        if method == "POST" and path == "/token":
            return self._token(request)
        if method == "GET" and path == "/events":
            query = parse_qs(request.raw_query)
            detail_type, source = query.get("detailType", [None])[0], query.get("source", [None])[0]
            items = self.hooks.bus_events(detail_type, source)
            return json_answer(200, {"items": items})
        if method == "GET" and path == "/emails":
            to = parse_qs(request.raw_query).get("to", [None])[0]
            return json_answer(200, {"items": self.hooks.emails(to)})
        parts = path.strip("/").split("/")
        if len(parts) == 3 and parts[0] == "live" and parts[1] == "@connections":
            return self.hooks.live_connection(method, unquote(parts[2]), request.body or b"")
        if method == "POST" and len(parts) == 3 and parts[0] == "schedules" and parts[2] == "run":
            try:
                return json_answer(202, self.hooks.run_schedule(parts[1]))
            except KeyError:
                return problem(404, "Not found", f"No schedule {parts[1]!r} in the template.", "not-found")
        if method in {"GET", "HEAD"} and len(parts) == 2 and parts[0] == "swagger-ui" and parts[1] in SWAGGER_ASSETS:
            data = (_swagger_dir() / parts[1]).read_bytes()
            cache = ("Cache-Control", "max-age=3600")
            return HttpResponse(200, [("Content-Type", SWAGGER_ASSETS[parts[1]]), cache], data)
        return problem(404, "Not found", f"No local endpoint {method} {request.raw_path}.", "no-route")

    def _token(self, request: HttpRequest) -> HttpResponse:
        try:
            document = json.loads(request.body or b"null")
        except ValueError:
            return problem(400, "Malformed body", "The body is not valid JSON.", "malformed-body")
        try:
            asked = TokenRequest.model_validate(document)
        except ValidationError as exc:
            errors = [
                {
                    "field": ".".join(str(part) for part in error["loc"]) or "body",
                    "location": "body",
                    "message": error["msg"],
                    "code": error["type"],
                }
                for error in exc.errors()
            ]
            detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
            return problem(422, "Validation failed", detail, "validation-failed", errors=errors)
        token = self.hooks.token(asked.sub, asked.groups, asked.ttl_seconds, asked.email)
        return json_answer(200, {"token": token, "expiresIn": asked.ttl_seconds})

    def _docs(self, path: str) -> HttpResponse:
        if path == "/openapi.json":
            try:
                return json_answer(200, self.hooks.openapi())
            except Exception as exc:
                log.exception("could not build the OpenAPI document")
                return problem(500, "Internal error", f"Could not build the OpenAPI document: {exc}", "internal")
        page = _DOCS_PAGE.format(base=self.base_url).encode()
        return HttpResponse(200, [("Content-Type", "text/html; charset=utf-8")], page)


def _web_app(path: str) -> HttpResponse:
    """/app (the page) and its bundle, built by `make setup` (web/dist, by esbuild)."""
    name = path.removeprefix("/app").strip("/")
    if name in {"", "index.html"}:
        return HttpResponse(200, [("Content-Type", "text/html; charset=utf-8")], (WEB / "index.html").read_bytes())
    if name not in WEB_ASSETS:
        return problem(404, "Not found", f"No file {name!r} in the web app.", "no-route")
    bundle = WEB / "dist" / name
    if not bundle.exists():
        return problem(503, "Service unavailable", "The web app is not built: run `make setup`.", "unavailable")
    return HttpResponse(200, [("Content-Type", WEB_ASSETS[name])], bundle.read_bytes())


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: GatewayServer

    def _read_body(self) -> bytes | None:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks: list[bytes] = []
            total = 0
            while True:
                size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                total += size
                if total > MAX_PAYLOAD_BYTES:
                    return None
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_PAYLOAD_BYTES:
            return None
        return self.rfile.read(length) if length else b""

    def _serve(self) -> None:
        started = time.monotonic()
        split = urlsplit(self.path)
        body = self._read_body()
        request = HttpRequest(
            method=self.command.upper(),
            raw_path=split.path or "/",
            raw_query=split.query,
            headers=[(key, value) for key, value in self.headers.items()],
            body=body or b"",
            source_ip=self.client_address[0],
            protocol=self.request_version,
        )
        if body is None:
            self.close_connection = True
            response = problem(413, "Payload too large", "API Gateway accepts at most 10 MB.", "body-too-large")
        else:
            response = self.server.gateway.handle(request)
        self.send_response(response.status)
        names = set()
        for key, value in response.headers:
            names.add(key.lower())
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(response.body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if request.method != "HEAD":
            self.wfile.write(response.body)
        if self.server.access_log:
            elapsed = (time.monotonic() - started) * 1000
            print(f"{request.method} {self.path} -> {response.status} ({elapsed:.0f} ms)", file=sys.stderr)

    def __getattr__(self, name: str) -> Any:
        # The base class looks up do_<METHOD> and answers 501 in HTML when it is missing; API
        # Gateway takes any method and answers an unrouted one with a 404, and so does this.
        if name.startswith("do_"):
            return self._serve
        raise AttributeError(name)

    def log_message(self, format: str, *args: Any) -> None:
        """Access lines are written by _serve when asked for; the base class would always print."""


class GatewayServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # The listen backlog (socketserver's default is 5): dozens of clients connecting at once on a
    # loaded machine must wait for accept(), not get their connection reset.
    request_queue_size = 256

    def __init__(self, host: str, port: int, access_log: bool = False) -> None:
        super().__init__((host, port), _RequestHandler)
        self.access_log = access_log
        self._gateway: Gateway | None = None

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    @property
    def gateway(self) -> Gateway:
        assert self._gateway is not None, "the gateway is not attached yet"
        return self._gateway

    def attach(self, gateway: Gateway) -> None:
        self._gateway = gateway
