"""Rolling per-user limits (shared/domain/limits.py) and report weights: the abuse rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from shared.domain.limits import DEFAULT_RATE_LIMITS, LimitedAction, RateLimit, Ring, wait_before
from shared.domain.moderation import report_points

T0 = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)
HOURLY_3 = RateLimit(3, timedelta(hours=1))


def ring_of(times: list[datetime], size: int = 3) -> Ring:
    """The ring after these actions, oldest first."""
    return Ring(size=size, taken=len(times), slots={n % size: at for n, at in enumerate(times)})


def test_a_first_action_is_admitted():
    assert wait_before(None, HOURLY_3, T0) == 0


def test_actions_are_admitted_until_the_window_holds_max_of_them():
    assert wait_before(ring_of([T0, T0 + timedelta(minutes=1)]), HOURLY_3, T0 + timedelta(minutes=2)) == 0


def test_the_next_action_waits_until_the_oldest_of_the_last_max_leaves_the_window():
    ring = ring_of([T0, T0 + timedelta(minutes=10), T0 + timedelta(minutes=20)])

    assert wait_before(ring, HOURLY_3, T0 + timedelta(minutes=30)) == 30 * 60
    assert wait_before(ring, HOURLY_3, T0 + timedelta(minutes=59, seconds=59, milliseconds=500)) == 1
    assert wait_before(ring, HOURLY_3, T0 + timedelta(hours=1)) == 0


def test_the_window_rolls_there_is_no_edge_to_burst_at():
    # Three at 12:50, then at 13:10 (a fixed hourly window would have reset at 13:00): still refused.
    late = T0 + timedelta(minutes=50)
    ring = ring_of([late, late, late])

    assert wait_before(ring, HOURLY_3, T0 + timedelta(hours=1, minutes=10)) == 40 * 60


def test_after_many_actions_the_slot_to_judge_is_the_one_max_actions_back():
    times = [T0 + timedelta(minutes=n * 25) for n in range(7)]  # 0, 25, ..., 150 minutes
    ring = ring_of(times)  # the last three: 100, 125, 150

    assert ring.slot == 7 % 3
    assert wait_before(ring, HOURLY_3, T0 + timedelta(minutes=155)) == 5 * 60  # 100 + 60 - 155


def test_a_ring_made_for_another_max_starts_again():
    full = ring_of([T0, T0, T0])

    assert wait_before(full, RateLimit(5, timedelta(hours=1)), T0) == 0
    assert wait_before(full, HOURLY_3, T0) == 3600


@pytest.mark.parametrize(
    ("limit", "text"),
    [
        (RateLimit(5, timedelta(hours=1)), "5 per hour"),
        (RateLimit(60, timedelta(minutes=10)), "60 per 10 minutes"),
        (RateLimit(2, timedelta(days=1)), "2 per day"),
        (RateLimit(2, timedelta(seconds=90)), "2 per 90 seconds"),
    ],
)
def test_a_limit_says_itself_in_words(limit, text):
    assert limit.describe() == text


def test_every_limited_action_has_a_default():
    assert set(DEFAULT_RATE_LIMITS) == set(LimitedAction)


# Report weight by the reporter's standing (decision 54)


@pytest.mark.parametrize(
    ("approved", "first_post", "points"),
    [
        (0, None, 1),  # a fresh account
        (0, T0 - timedelta(days=6, hours=23), 1),  # posting for less than a week
        (0, T0 - timedelta(days=7), 3),  # posting for a week
        (1, None, 3),  # an approved item
        (4, T0, 3),
    ],
)
def test_a_report_weighs_by_its_reporters_standing(approved, first_post, points):
    assert report_points(approved, first_post, T0) == points
