"""Unsubscribe tokens: signed, scoped, expiring, and refused when anything about them is off."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.domain.errors import ValidationError
from shared.domain.notification_prefs import NOTIFIED_EVENT_TYPES
from shared.domain.unsubscribe import MAX_TOKEN_CHARS, TOKEN_LIFETIME, make_token, read_token

from .builders import T0

SECRET = "unsubscribe-secret-for-tests"
EXPIRES = T0 + timedelta(days=30)
URL_SAFE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")


def a_token(user_id: str = "user-1", scope: str = "all", expires_at: datetime = EXPIRES) -> str:
    return make_token(SECRET, user_id, scope, expires_at)


def refusal(token, *, now: datetime = T0, secret: str = SECRET) -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        read_token(secret, token, now)
    assert raised.value.field == "token"
    return raised.value


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def test_a_token_reads_back_as_its_user_and_scope():
    assert read_token(SECRET, a_token("user-1", "IdeaStatusChanged"), T0) == ("user-1", "IdeaStatusChanged")


@given(
    user_id=st.text(min_size=1, max_size=64),
    scope=st.sampled_from(["all", *NOTIFIED_EVENT_TYPES]),
    seconds_left=st.integers(min_value=1, max_value=10**8),
)
def test_any_user_and_scope_survive_the_round_trip(user_id, scope, seconds_left):
    token = make_token(SECRET, user_id, scope, T0 + timedelta(seconds=seconds_left))

    assert read_token(SECRET, token, T0) == (user_id, scope)


def test_a_token_is_url_safe_and_unpadded():
    token = a_token(user_id="user/with+odd=chars?")

    assert set(token) <= URL_SAFE
    assert "=" not in token


def test_a_bytes_secret_works_like_its_text():
    assert read_token(SECRET.encode(), a_token(), T0) == ("user-1", "all")


def test_a_token_is_valid_until_the_second_it_expires():
    assert read_token(SECRET, a_token(), EXPIRES - timedelta(seconds=1)) == ("user-1", "all")
    assert "expired" in refusal(a_token(), now=EXPIRES).detail
    assert "expired" in refusal(a_token(), now=EXPIRES + timedelta(days=1)).detail


def test_expiry_is_exact_to_the_second():
    on_the_second = datetime(2025, 4, 1, 12, 0, 0, tzinfo=UTC)
    token = a_token(expires_at=on_the_second)

    assert read_token(SECRET, token, on_the_second - timedelta(microseconds=1)) == ("user-1", "all")
    assert "expired" in refusal(token, now=on_the_second).detail


def test_a_non_canonical_spelling_of_the_same_bytes_is_refused():
    payload, mac = a_token().split(".")
    assert len(mac) % 4 == 3  # 32 bytes: the last character carries two unused bits
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    respelled = mac[:-1] + alphabet[alphabet.index(mac[-1]) ^ 1]
    assert unb64(respelled) == unb64(mac)

    refusal(f"{payload}.{respelled}")


def test_an_expired_token_says_so_rather_than_invalid():
    assert refusal(a_token(), now=EXPIRES).detail != refusal("garbage").detail


def test_a_token_made_with_another_secret_is_refused():
    other = make_token("another-secret-of-enough-length", "user-1", "all", EXPIRES)

    assert "not valid" in refusal(other).detail


def test_a_token_read_with_another_secret_is_refused():
    refusal(a_token(), secret="another-secret-of-enough-length")


def test_an_edited_payload_is_refused_even_when_well_formed():
    _, mac = a_token("user-1").split(".")
    forged = json.dumps(["user-2", "all", int(EXPIRES.timestamp())], separators=(",", ":")).encode()

    refusal(f"{b64(forged)}.{mac}")


def test_an_extended_expiry_is_refused():
    payload, mac = a_token().split(".")
    user_id, scope, expires = json.loads(unb64(payload))
    longer = json.dumps([user_id, scope, expires + 86_400 * 365], separators=(",", ":")).encode()

    refusal(f"{b64(longer)}.{mac}")


@given(position=st.integers(min_value=0, max_value=200), data=st.data())
def test_changing_any_character_is_refused(position, data):
    token = a_token()
    index = position % len(token)
    replacement = data.draw(st.sampled_from(sorted(URL_SAFE - {token[index]})))

    with pytest.raises(ValidationError):
        read_token(SECRET, token[:index] + replacement + token[index + 1 :], T0)


def test_a_truncated_mac_is_refused():
    token = a_token()

    refusal(token[:-4])


@pytest.mark.parametrize(
    "token",
    ["", "garbage", ".", "a.b.c", "abc.", ".abc", "a b.c", "YWJj.YWJj=", "!!!.???", "x" * (MAX_TOKEN_CHARS + 1)],
)
def test_malformed_tokens_are_refused(token):
    refusal(token)


def test_a_non_string_token_is_refused():
    refusal(None)


def signed(payload: bytes) -> str:
    """A token for any payload, signed as the module documents it: HMAC-SHA256 of label and payload."""
    mac = hmac.new(SECRET.encode(), b"cocreate-unsubscribe-v1\x00" + payload, hashlib.sha256).digest()
    return f"{b64(payload)}.{b64(mac)}"


def test_the_mac_covers_a_purpose_label_and_the_payload():
    payload, _ = a_token().split(".")

    assert signed(unb64(payload)) == a_token()


@pytest.mark.parametrize(
    "payload",
    [b"{}", b"[]", b"not json", b'["user-1", "all"]', b'["user-1", "all", "soon"]', b'[1, "all", 2000000000]', b"\xff"],
)
def test_a_signed_payload_of_the_wrong_shape_is_refused(payload):
    assert "not valid" in refusal(signed(payload)).detail


@given(token=st.text(max_size=300))
def test_any_text_is_read_or_refused_with_a_validation_error(token):
    with pytest.raises(ValidationError):
        read_token(SECRET, token, T0)


def test_the_default_lifetime_outlasts_the_thirty_days_opt_outs_must_be_honoured():
    assert timedelta(days=30) < TOKEN_LIFETIME


@pytest.mark.parametrize(
    ("user_id", "scope", "expires_at"),
    [("", "all", EXPIRES), ("user-1", "VoteCast", EXPIRES), ("user-1", "all", EXPIRES.replace(tzinfo=None))],
)
def test_making_a_token_for_nonsense_is_a_programming_error(user_id, scope, expires_at):
    with pytest.raises(ValueError):
        make_token(SECRET, user_id, scope, expires_at)


def test_a_short_secret_is_a_programming_error():
    with pytest.raises(ValueError):
        make_token("short", "user-1", "all", EXPIRES)


def test_reading_with_a_naive_clock_is_a_programming_error():
    with pytest.raises(ValueError):
        read_token(SECRET, a_token(), T0.replace(tzinfo=None))
