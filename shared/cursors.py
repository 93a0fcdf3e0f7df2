"""Opaque, tamper-evident pagination cursors.

A cursor is DynamoDB's LastEvaluatedKey, serialised and signed with HMAC-SHA256 under a secret
from the stack, and bound to the list it came from (its ``scope``): a client cannot forge one,
edit one, or replay one against another list."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable
from typing import Any

from shared.domain.errors import ValidationError

_MAC_BYTES = 16
MAX_CURSOR_CHARS = 2048


class CursorCodec:
    """Signs and checks cursors under ``secret``: the secret itself, or a function that reads it each
    time a cursor is made or read (``shared.config.lazy_secret``: a cold start that lists nothing
    never fetches it)."""

    def __init__(self, secret: str | Callable[[], str]) -> None:
        self._secret = secret
        if isinstance(secret, str):
            self._key()

    def _key(self) -> bytes:
        secret = self._secret() if callable(self._secret) else self._secret
        if len(secret) < 16:
            raise ValueError("cursor secret must have at least 16 characters")
        return secret.encode("utf-8")

    def _mac(self, scope: str, payload: bytes) -> bytes:
        return hmac.new(self._key(), scope.encode("utf-8") + b"\x00" + payload, hashlib.sha256).digest()[:_MAC_BYTES]

    def encode(self, key: dict[str, Any] | None, scope: str) -> str | None:
        if not key:
            return None
        payload = json.dumps(key, separators=(",", ":"), sort_keys=True).encode("utf-8")
        return base64.urlsafe_b64encode(self._mac(scope, payload) + payload).decode("ascii").rstrip("=")

    def decode(self, cursor: str | None, scope: str) -> dict[str, Any] | None:
        if not cursor:
            return None
        invalid = ValidationError("The cursor is not valid for this list.", field="cursor")
        if len(cursor) > MAX_CURSOR_CHARS:
            raise invalid
        try:
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        except (ValueError, TypeError) as exc:
            raise invalid from exc
        mac, payload = raw[:_MAC_BYTES], raw[_MAC_BYTES:]
        if not hmac.compare_digest(mac, self._mac(scope, payload)):
            raise invalid
        key = json.loads(payload)
        if not isinstance(key, dict):
            raise invalid
        return key
