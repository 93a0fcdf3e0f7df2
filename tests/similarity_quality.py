"""Precision@3 and recall@3 of the duplicate check over tests/fixtures/similar_ideas.json, shared by
the integration (moto) and e2e (local cloud) tests.

Every fixture idea is indexed; then each idea's own text (title and description) is the query,
the idea itself is dropped from the answer, and the first three remaining results are compared
with the other members of its near-duplicate group:

- precision@3 = relevant results / results shown, over every query (an idea without duplicates
  that still gets results lowers precision);
- recall@3 = relevant results / min(3, duplicates that exist), over the ideas that have some.

Probes (short texts typed before submitting) must put a member of their group first."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "similar_ideas.json"
AT = 3


def load_fixture() -> dict[str, Any]:
    fixture: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return fixture


def query_text(idea: dict[str, Any]) -> str:
    return f"{idea['title']}\n{idea['description']}"


@dataclass(frozen=True)
class Quality:
    precision: float
    recall: float
    probes_found: int
    probes: int
    shown: int
    relevant_shown: int
    expected: int

    def report(self) -> str:
        return (
            f"similar ideas: precision@{AT} = {self.precision:.3f} ({self.relevant_shown}/{self.shown}), "
            f"recall@{AT} = {self.recall:.3f} ({self.relevant_shown}/{self.expected}), "
            f"probes with a duplicate first: {self.probes_found}/{self.probes}"
        )


def measure(fixture: dict[str, Any], ids: dict[str, str], search: Callable[[str], Sequence[str]]) -> Quality:
    """``ids`` maps fixture keys to idea ids; ``search(text)`` answers idea ids, best first."""
    group_of = {ids[idea["key"]]: idea["group"] for idea in fixture["ideas"]}
    shown = relevant_shown = expected = 0
    for idea in fixture["ideas"]:
        own = ids[idea["key"]]
        results = [idea_id for idea_id in search(query_text(idea)) if idea_id != own][:AT]
        duplicates = {i for i, group in group_of.items() if group and group == idea["group"] and i != own}
        shown += len(results)
        relevant_shown += sum(1 for idea_id in results if idea_id in duplicates)
        expected += min(AT, len(duplicates))
    probes_found = 0
    for probe in fixture["probes"]:
        results = search(probe["text"])
        probes_found += bool(results) and group_of.get(results[0]) == probe["group"]
    return Quality(
        precision=relevant_shown / shown if shown else 0.0,
        recall=relevant_shown / expected if expected else 0.0,
        probes_found=probes_found,
        probes=len(fixture["probes"]),
        shown=shown,
        relevant_shown=relevant_shown,
        expected=expected,
    )
