"""The similarity algorithm: normalisation, terms, features, sketches, scores and ranking."""

from __future__ import annotations

import random

import pytest

from shared.domain import similarity
from shared.domain.similarity import (
    MAX_CANDIDATES,
    MIN_SCORE,
    SATURATED_POSTING,
    IndexEntry,
    SimilarityQuery,
    Sketch,
    candidates,
    containment,
    exact_jaccard,
    features,
    fingerprint,
    index_entry,
    jaccard,
    rank,
    score,
    terms,
    words,
)

REFILL = ("Refill stations for shampoo", "Bring your empty shampoo bottle to the supermarket and refill it.")


def an_entry(idea_id: str = "idea-1", challenge_id: str = "ch-1", title: str = REFILL[0], description: str = REFILL[1]):
    return index_entry(idea_id, challenge_id, title, description)


# normalisation


def test_words_fold_case_and_accents_and_drop_stop_words() -> None:
    assert words("The CRÈME brûlée is in the Fridge") == ["creme", "brulee", "fridge"]


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("bottles", "bottle"),
        ("boxes", "box"),
        ("stories", "story"),
        ("glasses", "glass"),
        ("refilling", "refill"),
        ("refilled", "refill"),
        ("stopping", "stop"),
        ("status", "status"),
        ("bring", "bring"),
        ("used", "used"),
        ("cap", "cap"),
    ],
)
def test_the_stemmer_takes_off_plurals_and_verb_endings(word: str, stem: str) -> None:
    assert words(word) == [stem]


def test_words_keep_other_scripts_and_digits() -> None:
    assert words("Flasche 500ml 洗发水") == ["flasche", "500ml", "洗发水"]


def test_punctuation_and_underscores_separate_words() -> None:
    assert words("eco_friendly,re-fill!!") == ["eco", "friendly", "fill"]


def test_terms_are_distinct_stems_cut_short_in_text_order_up_to_the_limit() -> None:
    text = "Refillable bottles; refill the bottle at stores, refilling stations"

    assert terms(text, 10) == ("refill", "bottle", "store", "statio")
    assert terms(text, 2) == ("refill", "bottle")


def test_a_text_of_stop_words_has_no_terms_and_no_features() -> None:
    assert terms("it is what it is", 10) == ()
    assert features("it is what it is") == frozenset()


# features and sketches


def test_feature_hashes_are_stable_across_processes() -> None:
    # The index stores these hashes: changing them needs a new ALGORITHM_VERSION.
    assert similarity._hash("w:refill") == 572883868


def test_features_cover_words_bigrams_and_character_grams() -> None:
    assert len(features("refill")) == 1 + 6  # the word and the 3-grams of " refill "
    assert len(features("refill station")) == 2 + 1 + 6 + 7


def test_small_sets_are_kept_whole_in_a_sketch() -> None:
    sketch = Sketch.of({5, 3, 9}, k=4)

    assert sketch == Sketch(hashes=(3, 5, 9), size=3)
    assert sketch.complete


def test_large_sets_keep_their_k_smallest_hashes() -> None:
    sketch = Sketch.of(set(range(100, 0, -1)), k=4)

    assert sketch == Sketch(hashes=(1, 2, 3, 4), size=100)
    assert not sketch.complete


def test_jaccard_with_a_complete_sketch_is_exact() -> None:
    first, second = frozenset(range(0, 60)), frozenset(range(30, 100))

    assert jaccard(first, Sketch.of(second)) == pytest.approx(exact_jaccard(first, second))


def test_jaccard_with_a_partial_sketch_estimates_within_a_few_points() -> None:
    rng = random.Random(7)
    pool = rng.sample(range(1, 2**32), 6000)
    first, second = frozenset(pool[:4000]), frozenset(pool[2000:])  # J = 2000 / 6000

    estimate = jaccard(first, Sketch.of(second, k=256))

    assert estimate == pytest.approx(1 / 3, abs=0.1)


def test_jaccard_of_nothing_is_zero() -> None:
    assert jaccard(frozenset(), Sketch.of({1})) == 0.0
    assert jaccard(frozenset({1}), Sketch.of(set())) == 0.0
    assert exact_jaccard(frozenset(), frozenset()) == 0.0


def test_containment_is_the_share_of_the_part_found_in_the_whole() -> None:
    assert containment(frozenset({1, 2, 3, 4}), frozenset({1, 2, 9})) == 0.5
    assert containment(frozenset(), frozenset({1})) == 0.0


# entries and scores


def test_an_entry_keeps_terms_sketch_title_features_and_a_fingerprint() -> None:
    entry = an_entry()

    assert entry.terms[:3] == ("refill", "statio", "shampo")
    assert entry.sketch.size == len(features(f"{REFILL[0]}\n{REFILL[1]}"))
    assert entry.title_features == features(REFILL[0])
    assert entry.fingerprint == fingerprint("ch-1", *REFILL)


def test_the_fingerprint_changes_with_the_text_and_the_challenge() -> None:
    base = fingerprint("ch-1", "Title", "Text")

    assert fingerprint("ch-1", "Title", "Text") == base
    assert fingerprint("ch-1", "Title", "Other text") != base
    assert fingerprint("ch-2", "Title", "Text") != base


def test_an_idea_is_fully_similar_to_its_own_text() -> None:
    assert score(SimilarityQuery.of(f"{REFILL[0]}\n{REFILL[1]}"), an_entry()) == 1.0


def test_a_title_alone_finds_the_idea_with_that_title() -> None:
    assert score(SimilarityQuery.of("refill station for shampoos"), an_entry()) >= 0.6


def test_a_paraphrase_scores_above_the_threshold() -> None:
    query = SimilarityQuery.of("In-store refill points: top up your own shampoo bottles at the supermarket")

    assert score(query, an_entry()) >= MIN_SCORE


def test_an_unrelated_text_scores_below_the_threshold() -> None:
    query = SimilarityQuery.of("Sponsor a local football team and print its logo on the detergent box")

    assert score(query, an_entry()) < MIN_SCORE


# candidates and ranking


def test_candidates_rank_ideas_sharing_rare_terms_first() -> None:
    postings = {
        "common": frozenset({"a", "b", "c", "d"}),
        "rare": frozenset({"c"}),
    }

    assert candidates(postings) == ["c", "a", "b", "d"]


def test_candidates_skip_saturated_and_empty_postings_and_stop_at_the_limit() -> None:
    postings = {
        "everywhere": frozenset(f"idea-{n}" for n in range(SATURATED_POSTING)),
        "empty": frozenset(),
        "word": frozenset(f"w-{n:03d}" for n in range(MAX_CANDIDATES + 5)),
    }

    found = candidates(postings)

    assert found == sorted(f"w-{n:03d}" for n in range(MAX_CANDIDATES))
    assert candidates(postings, limit=2) == ["w-000", "w-001"]


def test_rank_keeps_the_challenges_ideas_above_the_threshold_best_first() -> None:
    query = SimilarityQuery.of(f"{REFILL[0]}\n{REFILL[1]}")
    entries: list[IndexEntry] = [
        an_entry("same"),
        an_entry("paraphrase", title="Refill points in the supermarket", description="Refill shampoo bottles."),
        an_entry("unrelated", title="Football sponsoring", description="Our logo on the local team's shirts."),
        an_entry("elsewhere", challenge_id="ch-2"),
    ]

    ranked = rank(query, entries, "ch-1")

    assert [idea.idea_id for idea in ranked] == ["same", "paraphrase"]
    assert ranked[0].score == 1.0
    assert ranked[0].title == REFILL[0]
    assert 0 < ranked[1].score < 1


def test_rank_breaks_ties_by_idea_id_and_stops_at_the_limit() -> None:
    query = SimilarityQuery.of(REFILL[0])
    entries = [an_entry(f"idea-{n}") for n in (3, 1, 2)]

    assert [idea.idea_id for idea in rank(query, entries, "ch-1", limit=2)] == ["idea-1", "idea-2"]
