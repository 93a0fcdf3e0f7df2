"""Posting a webhook delivery: the URL is checked again, its host resolved once, every address
checked (no loopback, private, link-local or metadata targets, unless local mode allows loopback),
and the connection made to a checked address with the name as Host and TLS server name, so a DNS
answer that changes between the check and the connection cannot reach an internal address.
Redirects are not followed."""

from __future__ import annotations

import http.client
import socket
import ssl
from collections.abc import Mapping
from urllib.parse import urlsplit

from shared.domain.errors import ValidationError
from shared.domain.webhooks import Resolver, check_target_url, resolve_and_check

TIMEOUT_SECONDS = 5.0
MAX_RESPONSE_BYTES = 64 * 1024


class RefusedTargetError(Exception):
    """The target is not allowed (SSRF guard): retrying will not help."""


class HttpPoster:
    def __init__(self, *, allow_loopback: bool, resolver: Resolver = socket.getaddrinfo) -> None:
        self._allow_loopback = allow_loopback
        self._resolver = resolver

    def post(self, url: str, body: bytes, headers: Mapping[str, str]) -> int:
        """The receiver's status. RefusedTargetError for a forbidden target; OSError (timeouts,
        refused connections, DNS failures) when it could not be reached."""
        try:
            check_target_url(url, allow_loopback=self._allow_loopback, require_https=not self._allow_loopback)
            parts = urlsplit(url)
            host = parts.hostname or ""
            https = parts.scheme == "https"
            port = parts.port or (443 if https else 80)
            address = resolve_and_check(host, port, self._resolver, allow_loopback=self._allow_loopback)[0]
        except ValidationError as exc:
            raise RefusedTargetError(str(exc)) from exc
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        sock = socket.create_connection((address, port), timeout=TIMEOUT_SECONDS)
        connection: http.client.HTTPConnection
        if https:
            tls = ssl.create_default_context().wrap_socket(sock, server_hostname=host)
            connection = http.client.HTTPSConnection(host, port, timeout=TIMEOUT_SECONDS)
            connection.sock = tls
        else:
            connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT_SECONDS)
            connection.sock = sock
        try:
            connection.request("POST", path, body=body, headers=dict(headers))
            response = connection.getresponse()
            response.read(MAX_RESPONSE_BYTES)
            return int(response.status)
        finally:
            connection.close()
