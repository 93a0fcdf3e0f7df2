"""The template's WebSocket API on this machine: a ``websockets`` server that turns a client's
handshake, messages and close into API Gateway's $connect, route and $disconnect events for the
function the template's routes name, and the Management API's ``@connections`` calls (post,
delete, get) that functions make to reach those clients (served by the gateway under
``/_local/live``).

As on AWS: $connect answering anything but 200 refuses the handshake with that status, the
subprotocol the function answers (``Sec-WebSocket-Protocol``) is the one chosen, a message goes to
the route its ``action`` names (else ``$default``), and posting to a connection that is gone
answers 410 (``GoneException``)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.http11 import Request, Response
from websockets.typing import Subprotocol

from infra.local.stack import WebSocketSpec
from infra.local.workers import Invocation

log = logging.getLogger("infra.local")
Invoke = Callable[[str, dict[str, Any]], Invocation]


def _now_ms() -> int:
    return int(time.time() * 1000)


class LiveServer:
    """One WebSocket API, served on its own port (the gateway's next one, or a free one)."""

    def __init__(self, spec: WebSocketSpec, invoke: Invoke, host: str, port: int) -> None:
        self.spec = spec
        self._invoke = invoke
        self._host = host
        self._port = port
        self._connections: dict[str, tuple[ServerConnection, int]] = {}  # id -> (connection, connected at)
        self._chosen: dict[int, str | None] = {}  # handshake (id of the websockets connection) -> subprotocol
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: Server | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"websocket-{spec.logical_id}", daemon=True)

    @property
    def port(self) -> int:
        assert self._server is not None, "the server is not started"
        return int(self._server.sockets[0].getsockname()[1])

    @property
    def url(self) -> str:
        return f"ws://{self._host}:{self.port}/{self.spec.stage}"

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> LiveServer:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the WebSocket server did not start")
        return self

    def _run(self) -> None:
        self._loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self._loop)

        async def listen() -> Server:  # serve() needs the loop running
            return await serve(
                self._serve,
                self._host,
                self._port,
                process_request=self._handshake,
                select_subprotocol=self._subprotocol,
                ping_interval=None,
            )

        self._server = self._loop.run_until_complete(listen())
        self._ready.set()
        self._loop.run_forever()

    def stop(self) -> None:
        if self._loop is None or self._server is None:
            return
        server, loop = self._server, self._loop

        async def close() -> None:
            server.close()
            await server.wait_closed()

        with contextlib.suppress(Exception):
            asyncio.run_coroutine_threadsafe(close(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        self._thread.join(10)

    # ------------------------------------------------------------------ API Gateway's events
    def _context(self, connection_id: str, route: str, kind: str, connected_at: int) -> dict[str, Any]:
        now = datetime.now(UTC)
        return {
            "routeKey": route,
            "eventType": kind,
            "messageDirection": "IN",
            "stage": self.spec.stage,
            "connectedAt": connected_at,
            "requestTimeEpoch": _now_ms(),
            "requestTime": now.strftime("%d/%b/%Y:%H:%M:%S +0000"),
            "requestId": secrets.token_hex(8),
            "extendedRequestId": secrets.token_hex(8),
            "domainName": f"{self._host}:{self.port}",
            "connectionId": connection_id,
            "apiId": self.spec.logical_id.lower(),
        }

    def _call(self, route: str, event: dict[str, Any]) -> dict[str, Any] | None:
        function = self.spec.routes.get(route)
        if function is None:
            return None
        invocation = self._invoke(function, event)
        if invocation.error is not None:
            log.error("WebSocket route %s failed: %s", route, invocation.error)
            return {"statusCode": 500}
        return invocation.payload if isinstance(invocation.payload, dict) else {"statusCode": 200}

    async def _handshake(self, connection: ServerConnection, request: Request) -> Response | None:
        """$connect: the function decides; its answer's subprotocol is the one chosen."""
        connection_id = secrets.token_urlsafe(12).replace("-", "A").replace("_", "B") + "="
        connected_at = _now_ms()
        target = urlsplit(request.path)
        query = dict(parse_qsl(target.query))
        event = {
            "headers": dict(request.headers.raw_items()),
            "multiValueHeaders": {k: request.headers.get_all(k) for k in request.headers},
            "queryStringParameters": query or None,
            "requestContext": {
                **self._context(connection_id, "$connect", "CONNECT", connected_at),
                "identity": {"sourceIp": "127.0.0.1", "userAgent": request.headers.get("User-Agent", "")},
            },
            "isBase64Encoded": False,
        }
        answer = await asyncio.to_thread(self._call, "$connect", event) or {"statusCode": 200}
        status = int(answer.get("statusCode", 200))
        if status != 200:
            return connection.respond(status, str(answer.get("body") or "Forbidden") + "\n")
        headers = {str(k).lower(): str(v) for k, v in (answer.get("headers") or {}).items()}
        self._chosen[id(connection)] = headers.get("sec-websocket-protocol")
        connection.connection_id = connection_id  # type: ignore[attr-defined]
        connection.connected_at = connected_at  # type: ignore[attr-defined]
        return None

    def _subprotocol(self, connection: ServerConnection, offered: Sequence[Subprotocol]) -> Subprotocol | None:
        chosen = self._chosen.pop(id(connection), None)
        return Subprotocol(chosen) if chosen is not None and chosen in offered else None

    async def _serve(self, connection: ServerConnection) -> None:
        connection_id: str = connection.connection_id  # type: ignore[attr-defined]
        connected_at: int = connection.connected_at  # type: ignore[attr-defined]
        self._connections[connection_id] = (connection, connected_at)
        try:
            async for message in connection:
                text = message if isinstance(message, str) else message.decode("utf-8", "replace")
                route = self._route(text)
                event = {
                    "requestContext": {
                        **self._context(connection_id, route, "MESSAGE", connected_at),
                        "messageId": secrets.token_hex(8),
                    },
                    "body": text,
                    "isBase64Encoded": False,
                }
                answer = await asyncio.to_thread(self._call, route, event)
                if answer is None:  # no route and no $default: API Gateway says so
                    await connection.send(json.dumps({"message": "Forbidden", "connectionId": connection_id}))
        except Exception:  # a client going away mid-message is a disconnect like any other
            log.debug("connection %s ended", connection_id, exc_info=True)
        finally:
            self._connections.pop(connection_id, None)
            event = {
                "requestContext": {
                    **self._context(connection_id, "$disconnect", "DISCONNECT", connected_at),
                    "disconnectStatusCode": connection.close_code or 1006,
                    "disconnectReason": connection.close_reason or "",
                },
                "isBase64Encoded": False,
            }
            await asyncio.to_thread(self._call, "$disconnect", event)

    def _route(self, text: str) -> str:
        """The route the selection expression ($request.body.<field>) picks, else $default."""
        field = self.spec.selection.removeprefix("$request.body.")
        try:
            body = json.loads(text)
        except ValueError:
            return "$default"
        chosen = body.get(field) if isinstance(body, dict) else None
        return str(chosen) if isinstance(chosen, str) and chosen in self.spec.routes else "$default"

    # ------------------------------------------------------------------ the Management API
    def post(self, connection_id: str, data: bytes) -> bool:
        """Send to a client; False when it is gone."""
        found = self._connections.get(connection_id)
        if found is None or self._loop is None:
            return False
        text = data.decode("utf-8", "replace")
        try:
            asyncio.run_coroutine_threadsafe(found[0].send(text), self._loop).result(5)
        except Exception:  # closed while sending: gone, as API Gateway says it
            return False
        return True

    def close(self, connection_id: str) -> bool:
        found = self._connections.get(connection_id)
        if found is None or self._loop is None:
            return False
        asyncio.run_coroutine_threadsafe(found[0].close(), self._loop).result(5)
        return True

    def info(self, connection_id: str) -> dict[str, Any] | None:
        found = self._connections.get(connection_id)
        if found is None:
            return None
        at = datetime.fromtimestamp(found[1] / 1000, UTC).isoformat()
        return {"ConnectedAt": at, "LastActiveAt": at, "Identity": {"SourceIp": "127.0.0.1"}}

    @property
    def connection_ids(self) -> list[str]:
        return sorted(self._connections)


def gone() -> tuple[int, dict[str, str], bytes]:
    """The Management API's answer for a connection that is not there (botocore: GoneException)."""
    return 410, {"x-amzn-ErrorType": "GoneException"}, json.dumps({"message": "Gone"}).encode()
