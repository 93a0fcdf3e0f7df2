"""docs/reputation.md is the documented rules table (issue 14): it must say what the code does."""

from __future__ import annotations

import re
from pathlib import Path

from shared.domain.reputation import BADGE_NAMES, POINT_BADGES, POINTS, Badge, Reason
from shared.services.reputation import SUPPORTERS_BADGE_AT

DOC = (Path(__file__).resolve().parents[2] / "docs" / "reputation.md").read_text()


def _table(heading: str) -> dict[str, list[str]]:
    """The rows of the table under ``## heading``, by their first cell (a code span)."""
    section = DOC.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    cells = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]
    return {row[0].strip("`"): row[1:] for row in cells}


def test_every_reason_is_documented_with_its_points() -> None:
    table = _table("Points")

    assert set(table) == {reason.value for reason in Reason}
    for reason, cells in table.items():
        documented = re.match(r"([+-]\d+)", cells[-2])
        assert documented is not None, reason
        assert int(documented.group(1)) == POINTS[Reason(reason)], reason


def test_every_badge_is_documented_with_its_name_and_threshold() -> None:
    table = _table("Badges")

    assert set(table) == {badge.value for badge in Badge}
    for badge, (name, earned) in table.items():
        assert name == BADGE_NAMES[Badge(badge)]
        assert earned
    assert str(SUPPORTERS_BADGE_AT) in table[Badge.SUPPORTED.value][1]
    for points, badge in POINT_BADGES:
        assert f"{points} points" in table[badge.value][1]
