"""Precision and recall of screening per category, over labelled texts (tests/fixtures/screening.json).

A verdict falls in exactly one category, so each labelled text is a hit or a miss:

- ``clean``: approved;
- ``profane``: rejected for its language;
- ``spam``: rejected as spam;
- ``personal_data``: held, with a personal data reason among its reasons;
- ``borderline``: held for anything else (one swear word, a blocklist term, one spam signal).

A labelled case is a mapping with ``title``, ``body``, ``category`` and an optional ``context``:
``recent_texts`` (list of str), ``recent_texts_as_fingerprints`` (pass only their fingerprints),
``posted_minutes_ago`` (list of numbers, the author's earlier posts) and ``blocklist``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from shared.domain.screening.engine import PROFANITY_REJECT, screen
from shared.domain.screening.model import PERSONAL_DATA_REASONS, Decision, Reason, ScreeningContext, Verdict
from shared.domain.screening.text import fingerprint

CATEGORIES = ("clean", "profane", "spam", "personal_data", "borderline")


def category_of(verdict: Verdict) -> str:
    reasons = set(verdict.reasons)
    if verdict.decision is Decision.APPROVE:
        return "clean"
    if verdict.decision is Decision.REJECT:
        return "profane" if verdict.scores[Reason.PROFANITY] >= PROFANITY_REJECT else "spam"
    return "personal_data" if reasons & PERSONAL_DATA_REASONS else "borderline"


def case_text(case: Mapping[str, Any]) -> str:
    return f"{case['title']}\n{case['body']}"


def case_context(case: Mapping[str, Any], now: datetime) -> ScreeningContext:
    given: Mapping[str, Any] = case.get("context", {})
    texts = tuple(given.get("recent_texts", ()))
    as_fingerprints = bool(given.get("recent_texts_as_fingerprints", False))
    return ScreeningContext(
        now=now,
        recent_texts=() if as_fingerprints else texts,
        recent_fingerprints=frozenset(fingerprint(text) for text in texts) if as_fingerprints else frozenset(),
        recent_post_times=tuple(now - timedelta(minutes=float(m)) for m in given.get("posted_minutes_ago", ())),
        blocklist=frozenset(given.get("blocklist", ())),
    )


@dataclass(frozen=True)
class CategoryQuality:
    category: str
    labelled: int  # texts labelled with the category
    predicted: int  # texts screening put in it
    correct: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.labelled if self.labelled else 1.0


@dataclass(frozen=True)
class Outcome:
    case_id: str
    expected: str
    got: str
    verdict: Verdict


def outcomes(cases: Iterable[Mapping[str, Any]], now: datetime) -> list[Outcome]:
    found = []
    for case in cases:
        verdict = screen(case_text(case), case_context(case, now))
        found.append(Outcome(str(case["id"]), str(case["category"]), category_of(verdict), verdict))
    return found


def measure(fixture: Mapping[str, Any]) -> dict[str, CategoryQuality]:
    """Per-category figures over a parsed fixture: ``{"now": iso datetime, "texts": [case, ...]}``."""
    results = outcomes(fixture["texts"], datetime.fromisoformat(fixture["now"]))
    return {
        category: CategoryQuality(
            category=category,
            labelled=sum(1 for result in results if result.expected == category),
            predicted=sum(1 for result in results if result.got == category),
            correct=sum(1 for result in results if result.expected == result.got == category),
        )
        for category in CATEGORIES
    }


def table(figures: Mapping[str, CategoryQuality]) -> str:
    lines = [f"{'category':<14} {'precision':>9} {'recall':>7} {'labelled':>9} {'predicted':>10}"]
    lines += [
        f"{q.category:<14} {q.precision:>9.3f} {q.recall:>7.3f} {q.labelled:>9} {q.predicted:>10}"
        for q in figures.values()
    ]
    return "\n".join(lines)
