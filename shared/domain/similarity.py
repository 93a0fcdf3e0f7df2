"""Similar ideas: text features, sketches and scores for the duplicate check. Pure Python.

Two representations of a text, built from the same normalisation (Unicode NFKD, accents and
case folded, English stop words dropped, a light suffix stemmer):

- **terms**: the first distinct stems (at most 6 characters, so "refill" and "refillable" meet)
  of title and description. The index keeps one posting set per (challenge, term); the terms a
  query shares with an idea make it a candidate, rarer terms counting more.
- **features**: word stems, word bigrams and character 3-grams within words, each hashed to 32
  bits. An idea keeps a bottom-k MinHash sketch of its features (the k smallest hashes; the
  whole set when it has at most k) and the full feature set of its title.

The score of an idea for a query text Q is ``max(0.75 * J(Q, idea) + 0.25 * C(title, Q),
J(Q, title))``: Jaccard similarity with the whole idea (exact up to k features, a bottom-k
estimate beyond), plus how much of the idea's title the query contains; the second term lets a
query that is only a title match another title. Weights, threshold and sizes were chosen on
tests/fixtures/similar_ideas.json (see docs/decisions.md)."""

from __future__ import annotations

import hashlib
import heapq
import itertools
import math
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

ALGORITHM_VERSION = 1
"""Bump when features or terms change: every idea is re-indexed on its next change."""

MIN_QUERY_CHARS = 3
MAX_QUERY_CHARS = 2000
MAX_RESULTS = 5
MIN_SCORE = 0.26
"""Below this an idea is not similar enough to show. On the fixture, thresholds from 0.255 to
0.275 keep precision@3 and recall@3 both >= 0.85; 0.26 is the middle."""
TITLE_WEIGHT = 0.25
SKETCH_SIZE = 256
"""k of the bottom-k sketch: exact for ideas up to ~500 characters, ~0.03 standard error beyond."""
MAX_INDEX_TERMS = 64
"""Terms an idea is posted under (title first): bounds the writes per indexed idea."""
MAX_QUERY_TERMS = 40
"""Postings read per query: bounds the read."""
MAX_CANDIDATES = 20
"""Ideas whose sketches are read and scored per query."""
SATURATED_POSTING = 1000
"""A term in this many ideas of a challenge is no longer posted or read: it tells nothing, and
its item stays under ~27 KB."""
INDEXED_STATUSES = frozenset({"published"})
"""Ideas the duplicate check shows. Any other status (pending, hidden, under_review, merged, ...)
takes an idea out of the index."""

TERM_LENGTH = 6
CHAR_GRAM = 3
_WORD = re.compile(r"[^\W_]+")
_STOP_WORDS_TEXT = """
    a about after all also am an and any are as at be because been but by can could did do does
    doing don each even every for from get gets got had has have having he her here hers him his how
    i if in instead into is it its itself just let like ll me more most much my no nor not now of off
    on once one only or other our ours out over own per please re really same she should so some such
    than that the their theirs them then there these they this those through to too up us very was
    way we were what when where which while who whom why will with would you your yours
"""
_STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
_VOWELS = frozenset("aeiouy")


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _stem(word: str) -> str:
    """A light English stemmer: plurals, -ing and -ed (refills, refilled, refilling -> refill)."""
    if len(word) <= 3:
        return word
    singular = _singular(word)
    if singular != word:
        return singular
    for suffix in ("ing", "ed"):
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3 and any(char in _VOWELS for char in stem):
            if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
                return stem[:-1]  # stopping -> stop, but refilling -> refill
            return stem
    return word


def words(text: str) -> list[str]:
    """Normalised, stemmed words without stop words, in text order."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(char for char in folded if not unicodedata.combining(char)).casefold()
    return [_stem(word) for word in _WORD.findall(folded) if word not in _STOP_WORDS and len(word) > 1]


def terms(text: str, limit: int) -> tuple[str, ...]:
    """The first ``limit`` distinct terms of the text (stems cut to TERM_LENGTH characters)."""
    found: dict[str, None] = {}
    for word in words(text):
        found.setdefault(word[:TERM_LENGTH])
        if len(found) == limit:
            break
    return tuple(found)


def _hash(feature: str) -> int:
    return int.from_bytes(hashlib.blake2b(feature.encode("utf-8"), digest_size=4).digest(), "big")


def features(text: str) -> frozenset[int]:
    """32-bit hashes of word stems, word bigrams and character 3-grams within words."""
    stems = words(text)
    found = {"w:" + stem for stem in stems}
    found.update(f"b:{first}_{second}" for first, second in itertools.pairwise(stems))
    for stem in stems:
        padded = f" {stem} "
        found.update("c:" + padded[i : i + CHAR_GRAM] for i in range(len(padded) - CHAR_GRAM + 1))
    return frozenset(_hash(feature) for feature in found)


@dataclass(frozen=True, slots=True)
class Sketch:
    """Bottom-k MinHash sketch: the k smallest feature hashes (ascending) and the set's size.
    When ``size <= k`` the sketch is the whole set."""

    hashes: tuple[int, ...]
    size: int

    @classmethod
    def of(cls, hashes: Collection[int], k: int = SKETCH_SIZE) -> Sketch:
        return cls(hashes=tuple(heapq.nsmallest(k, hashes)), size=len(hashes))

    @property
    def complete(self) -> bool:
        return self.size <= len(self.hashes)


def jaccard(query: frozenset[int], sketch: Sketch) -> float:
    """J(query, idea) with the query's features known exactly and the idea's as a sketch."""
    if not query or not sketch.size:
        return 0.0
    if sketch.complete:
        common = sum(1 for value in sketch.hashes if value in query)
        return common / (len(query) + sketch.size - common)
    k = len(sketch.hashes)
    union = heapq.nsmallest(k, set(heapq.nsmallest(k, query)) | set(sketch.hashes))
    members = set(sketch.hashes)
    return sum(1 for value in union if value in query and value in members) / len(union)


def containment(part: frozenset[int], whole: frozenset[int]) -> float:
    """How much of ``part`` is in ``whole``."""
    return len(part & whole) / len(part) if part else 0.0


def exact_jaccard(first: frozenset[int], second: frozenset[int]) -> float:
    union = len(first | second)
    return len(first & second) / union if union else 0.0


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """What the index keeps of one idea."""

    idea_id: str
    challenge_id: str
    title: str
    terms: tuple[str, ...]
    sketch: Sketch
    title_features: frozenset[int]
    fingerprint: str
    """Changes when the text or the algorithm changes: an unchanged idea is not re-indexed."""


def fingerprint(challenge_id: str, title: str, description: str) -> str:
    text = f"{ALGORITHM_VERSION}\x1f{challenge_id}\x1f{title}\x1f{description}".encode()
    return hashlib.sha256(text).hexdigest()[:32]


def index_entry(idea_id: str, challenge_id: str, title: str, description: str) -> IndexEntry:
    text = f"{title}\n{description}"
    return IndexEntry(
        idea_id=idea_id,
        challenge_id=challenge_id,
        title=title,
        terms=terms(text, MAX_INDEX_TERMS),
        sketch=Sketch.of(features(text)),
        title_features=features(title),
        fingerprint=fingerprint(challenge_id, title, description),
    )


@dataclass(frozen=True, slots=True)
class SimilarityQuery:
    features: frozenset[int]
    terms: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> SimilarityQuery:
        return cls(features=features(text), terms=terms(text, MAX_QUERY_TERMS))


@dataclass(frozen=True, slots=True)
class SimilarIdea:
    idea_id: str
    title: str
    score: float


def score(query: SimilarityQuery, entry: IndexEntry) -> float:
    blended = (1 - TITLE_WEIGHT) * jaccard(query.features, entry.sketch) + TITLE_WEIGHT * containment(
        entry.title_features, query.features
    )
    return min(1.0, max(blended, exact_jaccard(query.features, entry.title_features)))


def candidates(postings: Mapping[str, Collection[str]], limit: int = MAX_CANDIDATES) -> list[str]:
    """Idea ids sharing terms with the query, best first: each shared term counts ln(1 + 1000/df),
    so rare terms weigh more. Saturated postings are skipped."""
    weights: dict[str, float] = {}
    for ids in postings.values():
        if not ids or len(ids) >= SATURATED_POSTING:
            continue
        weight = math.log1p(SATURATED_POSTING / len(ids))
        for idea_id in ids:
            weights[idea_id] = weights.get(idea_id, 0.0) + weight
    return sorted(weights, key=lambda idea_id: (-weights[idea_id], idea_id))[:limit]


def rank(
    query: SimilarityQuery,
    entries: Iterable[IndexEntry],
    challenge_id: str,
    limit: int = MAX_RESULTS,
    min_score: float = MIN_SCORE,
) -> list[SimilarIdea]:
    """The ``limit`` best entries of the challenge scoring at least ``min_score``, best first."""
    scored = [
        SimilarIdea(idea_id=entry.idea_id, title=entry.title, score=round(score(query, entry), 3))
        for entry in entries
        if entry.challenge_id == challenge_id
    ]
    scored = [idea for idea in scored if idea.score >= min_score]
    scored.sort(key=lambda idea: (-idea.score, idea.idea_id))
    return scored[:limit]
