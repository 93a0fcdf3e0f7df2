"""Unsubscribe links: a signed, expiring token that says whose emails to stop, and which.

The token works without signing in (as mail clients' one-click unsubscribe needs, RFC 8058), so
it must be unforgeable and must not outlive its use. It is ``<payload>.<mac>``, both URL-safe
base64 without padding: the payload is the JSON array ``[userId, scope, expiresAt]`` (expiry in
Unix seconds), and the MAC is HMAC-SHA256 over a purpose label and the payload, so a MAC made for
anything else under the same secret is never a valid token."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
from datetime import datetime, timedelta

from shared.domain.errors import ValidationError
from shared.domain.notification_prefs import ALL_EVENT_TYPES, NOTIFIED_EVENT_TYPES

# Long enough for an email read weeks later (CAN-SPAM wants opt-outs honoured for 30 days after sending).
TOKEN_LIFETIME = timedelta(days=60)
MAX_TOKEN_CHARS = 1024
MIN_SECRET_BYTES = 16
_PURPOSE = b"cocreate-unsubscribe-v1\x00"
_MAC_BYTES = 32
_BASE64URL = re.compile(r"[A-Za-z0-9_-]+")

Secret = bytes | str


def _key(secret: Secret) -> bytes:
    key = secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)
    if len(key) < MIN_SECRET_BYTES:
        raise ValueError(f"the unsubscribe secret must have at least {MIN_SECRET_BYTES} bytes")
    return key


def _mac(secret: Secret, payload: bytes) -> bytes:
    return hmac.new(_key(secret), _PURPOSE + payload, hashlib.sha256).digest()


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _decode(text: str) -> bytes | None:
    """Strict: only the URL-safe alphabet, and only the canonical spelling of its bytes."""
    if not _BASE64URL.fullmatch(text):
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None
    return raw if _encode(raw) == text else None


def _epoch_seconds(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("expires_at must be timezone-aware")
    return int(moment.timestamp())


def make_token(secret: Secret, user_id: str, scope: str, expires_at: datetime) -> str:
    """A token that unsubscribes ``user_id`` from ``scope`` (an event type or ``"all"``) until ``expires_at``."""
    if not user_id:
        raise ValueError("user_id must not be empty")
    if scope != ALL_EVENT_TYPES and scope not in NOTIFIED_EVENT_TYPES:
        raise ValueError(f"unknown unsubscribe scope {scope!r}")
    payload = json.dumps([user_id, scope, _epoch_seconds(expires_at)], separators=(",", ":"))
    raw = payload.encode("utf-8")
    return f"{_encode(raw)}.{_encode(_mac(secret, raw))}"


def read_token(secret: Secret, token: str, now: datetime) -> tuple[str, str]:
    """``(user_id, scope)`` from a token made by ``make_token`` with the same secret.

    A token that was altered, made with another secret or is malformed, and one past its expiry,
    are ValidationErrors on the field ``token`` (with different messages: an expired link can
    say "sign in to manage your emails")."""
    invalid = ValidationError("This unsubscribe link is not valid.", field="token")
    if not isinstance(token, str) or len(token) > MAX_TOKEN_CHARS or token.count(".") != 1:
        raise invalid
    encoded_payload, encoded_mac = token.split(".")
    payload, mac = _decode(encoded_payload), _decode(encoded_mac)
    if payload is None or mac is None or not hmac.compare_digest(mac, _mac(secret, payload)):
        raise invalid
    try:
        user_id, scope, expires = json.loads(payload)
    except (ValueError, TypeError) as exc:  # signed by us, so only a bug or a stolen secret gets here
        raise invalid from exc
    if not (isinstance(user_id, str) and isinstance(scope, str) and type(expires) is int):
        raise invalid
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if now.timestamp() >= expires:
        raise ValidationError("This unsubscribe link has expired.", field="token")
    return user_id, scope
