"""Outgoing webhooks: how deliveries are signed, when they are retried, and where they may go.

Pure: the delivery code brings the clock, the random source, the DNS resolver and the HTTP client.

- Signing follows Stripe's scheme, which brand developers already know: the header
  ``Cocreate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">``. During a secret
  rotation a delivery carries one ``v1`` per live secret, so receivers verify with either.
- Retries back off exponentially with full jitter and go on for at least ``DELIVERY_WINDOW``;
  then the delivery is dead-lettered (and can be replayed from the bus archive).
- Targets are checked twice against server-side request forgery: the URL when a webhook is
  registered (``check_target_url``), and the resolved addresses at every delivery
  (``resolve_and_check``), whose answer the client must connect to: checking a name and then
  letting the client resolve it again would let DNS rebinding slip an internal address in.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import random
import re
import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, Protocol
from urllib.parse import urlsplit

from shared.domain.errors import ValidationError

# Signing

SIGNATURE_HEADER = "Cocreate-Signature"
SECRET_PREFIX = "whsec_"  # noqa: S105 - a prefix, not a secret
SIGNATURE_SCHEME = "v1"
DEFAULT_TOLERANCE_SECONDS = 300
DELIVERY_DAYS = 30  # a delivery's attempts are kept this long, unless the stack says otherwise
MAX_SIGNATURE_HEADER_CHARS = 2048
MAX_SIGNATURES = 8  # bounds a receiver's work on a hostile header; rotation needs two

_HEX_DIGEST = re.compile(r"[0-9a-fA-F]{64}")
_TIMESTAMP = re.compile(r"[0-9]{1,15}")

Secret = bytes | str


def new_secret() -> str:
    """A fresh signing secret: ``whsec_`` and 256 random bits, URL-safe. Shown to the brand once."""
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def _key(secret: Secret) -> bytes:
    key = secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)
    if not key:
        raise ValueError("a webhook secret must not be empty")
    return key


def _signature(secret: Secret, body: bytes, timestamp: int) -> str:
    signed = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(_key(secret), signed, hashlib.sha256).hexdigest()


def sign(secret: Secret, body: bytes, timestamp: int, *, previous_secrets: Iterable[Secret] = ()) -> str:
    """The signature header value for ``body`` sent at ``timestamp`` (Unix seconds).

    ``previous_secrets`` adds one ``v1`` per older secret still honoured during a rotation."""
    if isinstance(timestamp, bool) or timestamp < 0:
        raise ValueError("timestamp must be a non-negative number of Unix seconds")
    parts = [f"t={timestamp}"]
    parts += [f"{SIGNATURE_SCHEME}={_signature(s, body, timestamp)}" for s in (secret, *previous_secrets)]
    return ",".join(parts)


def _parse_header(header: str) -> tuple[int, list[str]] | None:
    """(timestamp, v1 signatures) from a header, or None when it is malformed."""
    if len(header) > MAX_SIGNATURE_HEADER_CHARS:
        return None
    timestamps: list[str] = []
    signatures: list[str] = []
    for item in header.split(","):
        name, sep, value = item.strip().partition("=")
        if not sep:
            return None
        if name == "t":
            timestamps.append(value)
        elif name == SIGNATURE_SCHEME:
            if not _HEX_DIGEST.fullmatch(value):
                return None
            signatures.append(value.lower())
        # Other schemes (a future v2, Stripe's v0 test signatures) are ignored, as Stripe does.
    if len(timestamps) != 1 or not _TIMESTAMP.fullmatch(timestamps[0]):
        return None
    if not signatures or len(signatures) > MAX_SIGNATURES:
        return None
    return int(timestamps[0]), signatures


def verify(
    secret: Secret,
    body: bytes,
    header: str,
    now: float,
    tolerance_seconds: float = DEFAULT_TOLERANCE_SECONDS,
) -> bool:
    """True when ``header`` holds a valid signature of ``body`` under ``secret``, made within
    ``tolerance_seconds`` of ``now`` (Unix seconds) either way. Malformed headers are False."""
    parsed = _parse_header(header) if isinstance(header, str) else None
    if parsed is None:
        return False
    timestamp, signatures = parsed
    if abs(now - timestamp) > tolerance_seconds:
        return False
    expected = _signature(secret, body, timestamp)
    matched = False
    for candidate in signatures:  # compare every entry: the time taken says nothing about which matched
        matched |= hmac.compare_digest(expected, candidate)
    return matched


# Retries

BASE_DELAY_SECONDS = 30.0
MAX_DELAY_SECONDS = 3600.0
DELIVERY_WINDOW = timedelta(hours=24)
_MAX_EXPONENT = 32  # 30 s * 2**32 is far past the cap; stops the power from growing without bound


def next_attempt_delay(attempt: int, rng: random.Random) -> float:
    """Seconds to wait after failed attempt number ``attempt`` (1 is the first delivery).

    Full jitter: uniform in [0, min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2**(attempt - 1))],
    so receivers coming back from an outage are not hit by every sender at the same instant."""
    if isinstance(attempt, bool) or attempt < 1:
        raise ValueError("attempt numbers start at 1")
    ceiling = min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2 ** min(attempt - 1, _MAX_EXPONENT))
    return rng.uniform(0.0, ceiling)


def retry_allowed(first_attempt_at: datetime, now: datetime) -> bool:
    """Whether a delivery that just failed at ``now`` gets another attempt.

    Yes while less than ``DELIVERY_WINDOW`` has passed since the first attempt: so the last
    attempt happens at least 24 hours after the first (and at most one capped delay later)."""
    return now - first_attempt_at < DELIVERY_WINDOW


def next_attempt_at(first_attempt_at: datetime, attempt: int, now: datetime, rng: random.Random) -> datetime | None:
    """When to try again after attempt number ``attempt`` failed at ``now``; None: dead-letter it."""
    if not retry_allowed(first_attempt_at, now):
        return None
    return now + timedelta(seconds=next_attempt_delay(attempt, rng))


# Where deliveries may go (server-side request forgery)

MAX_URL_CHARS = 2048
MAX_HOST_CHARS = 253

_Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def _networks(*pairs: tuple[str, str]) -> tuple[tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, str], ...]:
    return tuple((ipaddress.ip_network(cidr), reason) for cidr, reason in pairs)


LOOPBACK = "loopback"
_IPV4_REFUSED = _networks(
    ("127.0.0.0/8", LOOPBACK),
    ("0.0.0.0/8", "unspecified"),  # "this network": 0.0.0.0 reaches the local host on Linux
    ("10.0.0.0/8", "private"),
    ("172.16.0.0/12", "private"),
    ("192.168.0.0/16", "private"),
    ("169.254.0.0/16", "link-local"),  # includes the instance metadata service, 169.254.169.254
    ("100.64.0.0/10", "shared (carrier-grade NAT)"),
    ("224.0.0.0/4", "multicast"),
    ("240.0.0.0/4", "reserved"),  # includes the broadcast address
)
_IPV6_REFUSED = _networks(
    ("::1/128", LOOPBACK),
    ("::/128", "unspecified"),
    ("fc00::/7", "private"),  # unique local; includes AWS's metadata address fd00:ec2::254
    ("fe80::/10", "link-local"),
    ("fec0::/10", "site-local"),
    ("ff00::/8", "multicast"),
)
_IPV4_MAPPED = ipaddress.IPv6Network("::ffff:0:0/96")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_SIXTOFOUR = ipaddress.IPv6Network("2002::/16")
_GLOBAL_UNICAST = ipaddress.IPv6Network("2000::/3")

_SPECIAL_USE_SUFFIXES = ("local", "internal", "home.arpa", "test", "invalid", "example", "onion")
_LABEL = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?")
_HEX_NUMBER = re.compile(r"0[xX][0-9a-fA-F]*")
_UNSAFE_URL_CHARS = re.compile(r"[\x00-\x20\x7f\\]")


def _ipv4_refusal(address: ipaddress.IPv4Address) -> str | None:
    for network, reason in _IPV4_REFUSED:
        if address in network:
            return reason
    return None if address.is_global else "special-purpose"


def _ipv6_refusal(address: ipaddress.IPv6Address) -> str | None:
    for network, reason in _IPV6_REFUSED:
        if address in network:
            return reason
    if address in _IPV4_MAPPED or address in _NAT64:
        # The packet goes to the embedded IPv4 address: judge that one alone.
        return _ipv4_refusal(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    if address in _IPV4_COMPATIBLE:
        return "reserved"  # the deprecated IPv4-compatible form, ::a.b.c.d
    embedded = None
    if address in _SIXTOFOUR:
        embedded = _ipv4_refusal(ipaddress.IPv4Address((int(address) >> 80) & 0xFFFFFFFF))
    if embedded is None and (address not in _GLOBAL_UNICAST or not address.is_global):
        return "special-purpose"
    return embedded


def _refusal(address: _Address) -> str | None:
    """Why no delivery may go to ``address``, or None when it is a public unicast address."""
    if isinstance(address, ipaddress.IPv4Address):
        return _ipv4_refusal(address)
    return _ipv6_refusal(address)


def _check_address(address: _Address, *, allow_loopback: bool) -> None:
    reason = _refusal(address)
    if reason is None or (reason == LOOPBACK and allow_loopback):
        return
    raise ValidationError(
        f"Webhooks cannot be delivered to {address}: {reason} addresses are refused; use a public host.", field="url"
    )


def _ipv4_part(part: str) -> int | None:
    """One dotted part as inet_aton and browsers read it: 0x.. hex, 0.. octal, else decimal."""
    try:
        if _HEX_NUMBER.fullmatch(part):
            return int(part[2:] or "0", 16)
        if part.isascii() and part.isdigit():
            return int(part, 8) if len(part) > 1 and part.startswith("0") else int(part)
    except ValueError:  # an 8 or 9 in an octal part
        return None
    return None


def _ends_in_a_number(labels: list[str]) -> bool:
    last = labels[-1]
    return bool(last) and ((last.isascii() and last.isdigit()) or bool(_HEX_NUMBER.fullmatch(last)))


def _legacy_ipv4(labels: list[str]) -> ipaddress.IPv4Address:
    """Parse 1 to 4 numeric parts (``2130706433``, ``0x7f.1``, ``0177.0.0.1``) into an address."""
    invalid = ValidationError("The URL's host is not a valid IPv4 address.", field="url")
    numbers = [_ipv4_part(label) for label in labels]
    if len(labels) > 4 or any(number is None for number in numbers):
        raise invalid
    parts = [number for number in numbers if number is not None]
    *leading, last = parts
    if any(part > 255 for part in leading) or last >= 256 ** (5 - len(parts)):
        raise invalid
    value = last
    for index, part in enumerate(leading):
        value += part << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def _check_host_name(ascii_host: str, *, allow_loopback: bool) -> None:
    labels = ascii_host.split(".")
    if len(ascii_host) > MAX_HOST_CHARS or not all(_LABEL.fullmatch(label) for label in labels):
        raise ValidationError("The URL's host is not a valid host name.", field="url")
    if labels[-1] == "localhost":
        if allow_loopback:
            return
        raise ValidationError("Webhooks cannot be delivered to localhost; use a public host.", field="url")
    if len(labels) < 2:
        raise ValidationError("The URL's host must be a fully qualified domain name.", field="url")
    for suffix in _SPECIAL_USE_SUFFIXES:
        if ascii_host == suffix or ascii_host.endswith("." + suffix):
            raise ValidationError(f"Host names under .{suffix} are not reachable from the internet.", field="url")


def _ascii_host(host: str) -> str:
    """The host as DNS and browsers see it: IDNA-encoded, lower case, without one trailing dot."""
    try:
        ascii_host = host.encode("idna").decode("ascii").lower()
    except UnicodeError as exc:
        raise ValidationError("The URL's host is not a valid host name.", field="url") from exc
    return ascii_host.removesuffix(".") if ascii_host.endswith(".") and len(ascii_host) > 1 else ascii_host


WEBHOOK_PORTS = frozenset({443, 8443})  # HTTPS and its usual alternative; nothing else is reached


def _check_port(port: int | None, *, allow_loopback: bool) -> None:
    if port == 0:
        raise ValidationError("The URL's port must be between 1 and 65535.", field="url")
    if not allow_loopback and (port or 443) not in WEBHOOK_PORTS:
        allowed = " or ".join(str(p) for p in sorted(WEBHOOK_PORTS))
        raise ValidationError(f"Webhooks go to port {allowed} (the URL names {port}).", field="url")


def check_target_url(url: str, *, allow_loopback: bool, require_https: bool) -> None:
    """Raise ValidationError (field ``url``) unless ``url`` may be registered as a webhook target.

    Refuses other schemes (and plain http when ``require_https``), credentials in the URL, a
    missing host, single-label and special-use names, and literal addresses that are not public
    unicast, however they are spelled (``2130706433``, ``0x7f.1``, ``[::ffff:127.0.0.1]``).
    The port is 443 or 8443 (WEBHOOK_PORTS), so a registered URL cannot probe other services of a
    public host. Loopback, and any port, pass only with ``allow_loopback`` (the local cloud). Names are checked again,
    resolved, at every delivery: see ``resolve_and_check``."""
    if not isinstance(url, str) or not url:
        raise ValidationError("A webhook needs a URL.", field="url")
    if len(url) > MAX_URL_CHARS:
        raise ValidationError(f"The URL is longer than {MAX_URL_CHARS} characters.", field="url")
    if _UNSAFE_URL_CHARS.search(url):
        raise ValidationError("The URL contains spaces, control characters or backslashes.", field="url")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise ValidationError("The URL is not valid.", field="url") from exc
    allowed_schemes = ("https",) if require_https else ("https", "http")
    if parts.scheme not in allowed_schemes:
        raise ValidationError(f"The URL must start with {' or '.join(allowed_schemes)}://.", field="url")
    if "@" in parts.netloc:
        raise ValidationError("The URL must not contain a user name or password.", field="url")
    host = parts.hostname
    if not host:
        raise ValidationError("The URL has no host.", field="url")
    _check_port(port, allow_loopback=allow_loopback)
    if "%" in host:
        raise ValidationError("The URL's host must not be percent-encoded or carry a zone.", field="url")
    if parts.netloc.startswith("["):
        try:
            _check_address(ipaddress.IPv6Address(host), allow_loopback=allow_loopback)
        except ipaddress.AddressValueError as exc:
            raise ValidationError("The URL's host is not a valid IPv6 address.", field="url") from exc
        return
    ascii_host = _ascii_host(host)
    labels = ascii_host.split(".")
    if _ends_in_a_number(labels):
        _check_address(_legacy_ipv4(labels), allow_loopback=allow_loopback)
        return
    _check_host_name(ascii_host, allow_loopback=allow_loopback)


def check_resolved_addresses(addresses: Iterable[str], *, allow_loopback: bool) -> None:
    """Raise ValidationError (field ``url``) unless every address is a public unicast address.

    One bad address refuses them all: a name that resolves partly inside is not a public target."""
    seen = False
    for text in addresses:
        seen = True
        try:
            address = ipaddress.ip_address(text)
        except ValueError as exc:
            raise ValidationError(f"The resolver returned {text!r}, which is not an IP address.", field="url") from exc
        if isinstance(address, ipaddress.IPv6Address) and address.scope_id is not None:
            raise ValidationError(f"Webhooks cannot be delivered to a scoped address ({text}).", field="url")
        _check_address(address, allow_loopback=allow_loopback)
    if not seen:
        raise ValidationError("The URL's host resolves to no address.", field="url")


class Resolver(Protocol):
    """``socket.getaddrinfo`` as far as delivery uses it (the store passes it in: the domain does no I/O)."""

    def __call__(self, host: str, port: int, /) -> Iterable[tuple[Any, Any, Any, Any, tuple[Any, ...]]]: ...


def resolve_and_check(
    host: str,
    port: int,
    resolver: Resolver,
    *,
    allow_loopback: bool = False,
) -> list[str]:
    """Resolve ``host`` once, check every address, and return them (resolver order, no repeats).

    The caller connects to one of these addresses (sending ``host`` as Host and TLS server name),
    never to the name: that is what keeps a rebinding DNS answer from reaching an internal
    address between the check and the connection. Resolver failures (``OSError``) propagate:
    they are worth a retry, unlike a refused address."""
    addresses = list(dict.fromkeys(str(sockaddr[0]) for *_, sockaddr in resolver(host, port)))
    check_resolved_addresses(addresses, allow_loopback=allow_loopback)
    return addresses
