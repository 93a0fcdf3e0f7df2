from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from shared.domain.ids import new_id

CROCKFORD_LOWER = set("0123456789abcdefghjkmnpqrstvwxyz")
MILLIS = st.integers(min_value=0, max_value=2**48 - 1)


def test_an_id_has_26_characters():
    assert len(new_id()) == 26


def test_an_id_uses_lower_case_crockford_base32():
    assert set(new_id()) <= CROCKFORD_LOWER


def test_the_first_ten_characters_encode_the_milliseconds():
    assert new_id(now_ms=0)[:10] == "0000000000"
    assert new_id(now_ms=1)[:10] == "0000000001"
    assert new_id(now_ms=32)[:10] == "0000000010"


@given(times=st.tuples(MILLIS, MILLIS).filter(lambda pair: pair[0] != pair[1]))
def test_ids_sort_by_the_time_they_were_made(times):
    earlier, later = sorted(times)

    assert new_id(now_ms=earlier) < new_id(now_ms=later)


def test_an_id_made_now_sorts_after_one_made_a_millisecond_ago():
    before = new_id(now_ms=int(time.time() * 1000) - 1)

    assert new_id() > before


def test_ids_made_in_the_same_millisecond_are_unique():
    ids = {new_id(now_ms=1_741_944_413_589) for _ in range(10_000)}

    assert len(ids) == 10_000
