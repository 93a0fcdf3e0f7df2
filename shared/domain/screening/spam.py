"""Spam signals: links, the same text again, posting bursts, shouting and stretched characters.
Each returns a score in 0..1; the thresholds that turn a score into a reason live in engine.py."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime, timedelta

from shared.domain.screening.text import fingerprint, shingles, words

_TLDS = (
    "com|net|org|io|co|info|biz|xyz|top|shop|store|online|site|app|ly|me|ru|cn|tk|click|link|live|club|vip|win|loan|"
    "bid|icu|buzz|uk|de|fr|nl|eu"
)
LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>\"')\]]+"
    rf"|(?<![@\w.-])(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:{_TLDS})\b(?:/[^\s<>\"')\]]*)?",
    re.IGNORECASE,
)
LINK_SCORES = (0.0, 0.15, 0.35, 0.6, 0.85, 1.0)  # by number of links: 0, 1, 2, 3, 4, 5 or more

REPEAT_MIN_WORDS = 5  # shorter texts ("great idea!") are said again innocently
REPEAT_COMPARED_CHARS = 1000  # near repeats are judged on the texts' beginnings: bounds the work per recent text
BURST_WINDOW = timedelta(minutes=10)
BURST_FULL = 10  # posts in the window (this one included) that make the burst score 1.0
SHOUT_MIN_WORDS = 6  # fewer long words tell nothing about shouting
SHOUT_WORD_LETTERS = 4  # shorter upper-case words are mostly acronyms (USB, LED, EU)
_LONG_WORD = re.compile(rf"[^\W\d_]{{{SHOUT_WORD_LETTERS},}}")
STRETCH_RUN = 5  # "soooooo", "!!!!!": a character five times or more in a row
_STRETCH = re.compile(rf"([^\W\d_]|[!?$€£])\1{{{STRETCH_RUN - 1},}}")
STRETCH_LONG = 10  # a run this long counts as three


def links(text: str) -> int:
    return len(LINK.findall(text))


def link_score(count: int) -> float:
    return LINK_SCORES[min(count, len(LINK_SCORES) - 1)]


def _jaccard(left: frozenset[tuple[str, ...]], right: frozenset[tuple[str, ...]]) -> float:
    return len(left & right) / len(left | right)


def repeat_score(text: str, recent_texts: Iterable[str], recent_fingerprints: frozenset[str]) -> float:
    """1.0 for the same words again; else the highest word-trigram Jaccard similarity with one
    of the author's recent texts."""
    own = words(text)
    if len(own) < REPEAT_MIN_WORDS:
        return 0.0
    texts = tuple(recent_texts)
    if fingerprint(text) in recent_fingerprints | {fingerprint(recent) for recent in texts}:
        return 1.0
    own_shingles = shingles(words(text[:REPEAT_COMPARED_CHARS]))
    similarities = (_jaccard(own_shingles, shingles(words(recent[:REPEAT_COMPARED_CHARS]))) for recent in texts)
    return round(max(similarities, default=0.0), 4)


def burst_size(now: datetime, recent_post_times: Iterable[datetime]) -> int:
    """Posts in the window ending now, this one included."""
    return 1 + sum(1 for posted in recent_post_times if now - BURST_WINDOW <= posted <= now)


def burst_score(size: int) -> float:
    return min(1.0, (size - 1) / (BURST_FULL - 1))


def shout_score(text: str) -> float:
    """The share of long words written in capitals, when there are enough long words."""
    long_words = _LONG_WORD.findall(text)
    if len(long_words) < SHOUT_MIN_WORDS:
        return 0.0
    return round(sum(1 for word in long_words if word.isupper()) / len(long_words), 4)


def stretched_runs(text: str) -> int:
    """Runs of one letter or one of "!?$€£" repeated, a very long run counting as three."""
    return sum(3 if len(match.group()) >= STRETCH_LONG else 1 for match in _STRETCH.finditer(text))


def stretch_score(runs: int) -> float:
    return min(1.0, runs / 4)
