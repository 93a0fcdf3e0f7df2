from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.cursors import MAX_CURSOR_CHARS, CursorCodec
from shared.domain.errors import ValidationError

SECRET = "s3cret-for-cursor-tests"
SCOPE = "challenge:ch-1:ideas"
LAST_KEY = {"pk": {"S": "IDEA#idea-9"}, "sk": {"S": "#META"}, "gsi1sk": {"S": "2025-03-14T09:26:53.589Z#idea-9"}}


@pytest.fixture
def codec() -> CursorCodec:
    return CursorCodec(SECRET)


def tamper(cursor: str) -> str:
    """Flip one byte of the payload (after the 16-byte MAC), keeping valid base64."""
    raw = bytearray(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    raw[20] ^= 0x01
    return base64.urlsafe_b64encode(bytes(raw)).decode("ascii").rstrip("=")


def test_a_cursor_decodes_to_the_key_it_was_made_from(codec):
    assert codec.decode(codec.encode(LAST_KEY, SCOPE), SCOPE) == LAST_KEY


@given(
    key=st.dictionaries(
        st.text(min_size=1, max_size=20),
        st.one_of(st.text(max_size=40), st.integers(), st.booleans()),
        min_size=1,
        max_size=5,
    ),
    scope=st.text(max_size=40),
)
def test_any_json_key_survives_the_round_trip(key, scope):
    codec = CursorCodec(SECRET)

    assert codec.decode(codec.encode(key, scope), scope) == key


def test_a_cursor_is_url_safe_and_unpadded(codec):
    cursor = codec.encode(LAST_KEY, SCOPE)

    assert cursor is not None
    assert set(cursor) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_the_same_key_and_scope_give_the_same_cursor(codec):
    assert codec.encode(dict(reversed(LAST_KEY.items())), SCOPE) == codec.encode(LAST_KEY, SCOPE)


@pytest.mark.parametrize("key", [None, {}])
def test_no_key_means_no_cursor(codec, key):
    assert codec.encode(key, SCOPE) is None


@pytest.mark.parametrize("cursor", [None, ""])
def test_no_cursor_means_the_first_page(codec, cursor):
    assert codec.decode(cursor, SCOPE) is None


def test_a_tampered_cursor_is_refused(codec):
    cursor = codec.encode(LAST_KEY, SCOPE)
    assert cursor is not None

    with pytest.raises(ValidationError) as raised:
        codec.decode(tamper(cursor), SCOPE)

    assert raised.value.field == "cursor"


def test_a_cursor_replayed_against_another_list_is_refused(codec):
    cursor = codec.encode(LAST_KEY, SCOPE)

    with pytest.raises(ValidationError):
        codec.decode(cursor, "challenge:ch-2:ideas")


def test_a_cursor_signed_under_another_secret_is_refused(codec):
    forged = CursorCodec("another-secret-of-16-chars").encode(LAST_KEY, SCOPE)

    with pytest.raises(ValidationError):
        codec.decode(forged, SCOPE)


@pytest.mark.parametrize(
    "garbage",
    ["garbage", "a", "!!!!", "é-not-ascii", "AAAA", base64.urlsafe_b64encode(b"\x00" * 16 + b"[1,2]").decode()],
    ids=["word", "one-char", "punctuation", "non-ascii", "too-short", "zero-mac"],
)
def test_garbage_is_refused_as_an_invalid_cursor(codec, garbage):
    with pytest.raises(ValidationError, match="cursor"):
        codec.decode(garbage, SCOPE)


def test_a_correctly_signed_payload_that_is_not_an_object_is_refused(codec):
    payload = b"[1,2]"
    cursor = base64.urlsafe_b64encode(codec._mac(SCOPE, payload) + payload).decode("ascii")

    with pytest.raises(ValidationError):
        codec.decode(cursor, SCOPE)


def test_an_overlong_cursor_is_refused_before_decoding(codec):
    with pytest.raises(ValidationError):
        codec.decode("A" * (MAX_CURSOR_CHARS + 1), SCOPE)


def test_a_cursor_of_exactly_the_maximum_length_is_decoded(codec):
    key = {"pk": "x" * 1511}  # 16-byte MAC + 1520-byte payload = 2048 base64 characters
    cursor = codec.encode(key, SCOPE)
    assert cursor is not None
    assert len(cursor) == MAX_CURSOR_CHARS

    assert codec.decode(cursor, SCOPE) == key


def test_a_short_secret_is_refused():
    with pytest.raises(ValueError, match="16 characters"):
        CursorCodec("too-short")
