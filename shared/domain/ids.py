"""Identifiers: time-ordered (so 'newest first' sorts by id) and unguessable (80 random bits)."""

from __future__ import annotations

import hashlib
import secrets
import time

_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base32, lower case


def _base32(value: int, length: int) -> str:
    chars = []
    for _ in range(length):
        value, digit = divmod(value, 32)
        chars.append(_ALPHABET[digit])
    return "".join(reversed(chars))


def new_id(now_ms: int | None = None) -> str:
    """26 characters: 10 of milliseconds since the epoch, 16 of randomness (a ULID in lower case)."""
    millis = int(time.time() * 1000) if now_ms is None else now_ms
    return _base32(millis, 10) + _base32(secrets.randbits(80), 16)


def shard_of(key: str, shards: int) -> int:
    """A stable shard of ``key`` in ``range(shards)`` (Python's hash() changes between processes):
    spreads one hot item's entries (votes, followers) over several index keys."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=2).digest(), "big") % shards


def person_digest(user_id: str) -> str:
    """How records kept apart from a person name them: a SHA-256 digest (32 hex), so they keep no
    id in clear (reputation's claims, decision 63; readers' helpful votes, decision 72)."""
    return hashlib.sha256(user_id.encode()).hexdigest()[:32]
