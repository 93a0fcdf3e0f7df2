"""Content screening: each screener on its own, the policy, and quality over the labelled fixture."""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from shared.domain.screening import Decision, Reason, ScreeningContext, lexicon, personal_data, quality, spam
from shared.domain.screening.engine import BURST_POSTS, PROFANITY_REJECT, screen
from shared.domain.screening.profanity import ScannedText, combined, profane_terms
from shared.domain.screening.text import fingerprint

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "screening.json"
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
MIN_QUALITY = 0.8


def a_context(**overrides: object) -> ScreeningContext:
    return ScreeningContext(now=NOW, **overrides)  # type: ignore[arg-type]


def terms_in(text: str) -> dict[str, float]:
    return profane_terms(ScannedText.of(text))


# the base word list


def test_the_base_list_comes_from_glin_profanity_and_is_substantial() -> None:
    assert len(lexicon.base_terms()) > 300
    assert len(lexicon.LEXICON.words) > 200


def test_the_base_list_is_read_without_importing_the_library_engine() -> None:
    assert "glin_profanity.filters.filter" not in sys.modules


def test_a_missing_base_list_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)

    with pytest.raises(ImportError, match="glin_profanity"):
        lexicon.base_terms()


def test_words_ordinary_in_product_ideas_are_taken_out_of_the_base_list() -> None:
    assert "hoe" in {term.casefold() for term in lexicon.base_terms()}
    assert "hoe" not in lexicon.LEXICON.words
    assert "nipple" not in lexicon.LEXICON.words


# profanity


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("what a shit lid", "shit"),
        ("what a SHIT lid", "shit"),
        ("what a sh1t lid", "shit"),
        ("what a $h!t lid", "shit"),
        ("what a shiiiiit lid", "shit"),
        ("what a s.h.i.t lid", "shit"),
        ("what a s h i t lid", "shit"),
        ("what a sh*t lid", "shit"),
        ("what a shït lid", "shit"),
        ("f-u-c-k this", "fuck"),
        ("f**k this", "fuck"),
        ("you a55hole", "asshole"),
        ("stop bitching", "bitch"),
        ("a bunch of wankers", "wanker"),
        ("absolute horseshit", "shit"),
        ("what a fuckwit", "fuck"),
        ("no thanks 🖕", "🖕"),
        ("what a f\u0430ck", "fuck"),  # Cyrillic a
        ("what a sh\u200bit lid", "shit"),  # zero-width space
    ],
)
def test_disguised_profanity_is_found(text: str, term: str) -> None:
    assert term in terms_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "Pop-up store in Scunthorpe and Middlesex",
        "a class to assess your gear",
        "cocktail hour with a therapist and an analyst",
        "peanut butter, spicy cumin, shiitake and grapes for the cocker spaniel",
        "the Galaxy A55 and the X100",
        "Matsushita and Hancock",
        "a lighter garden hoe",
        "slow flow nipples for newborn bottles",
        "how to kill weeds with boiling water",
        "a vacuum that sucks up cat hair",
        "S/M and L/XL sizes",
        "type the p*ssword twice",
        "\u0441\u043f\u0430\u0441\u0438\u0431\u043e \u0437\u0430 \u0438\u0434\u0435\u044e",  # "thanks for the idea"
    ],
)
def test_clean_words_that_contain_or_resemble_profanity_are_not_found(text: str) -> None:
    assert terms_in(text) == {}


def test_profanity_is_matched_as_a_phrase_when_the_list_has_one() -> None:
    assert "piece of shit" in terms_in("this piece of shit kettle")


def test_a_strong_term_rejects() -> None:
    verdict = screen("This lid is fucking useless", a_context())

    assert verdict.decision is Decision.REJECT
    assert verdict.reasons == (Reason.PROFANITY,)
    assert verdict.scores["profanity"] == 1.0


def test_one_moderate_term_holds() -> None:
    verdict = screen("This lid is shit", a_context())

    assert verdict.decision is Decision.HOLD
    assert verdict.reasons == (Reason.PROFANITY,)


def test_three_moderate_terms_reject() -> None:
    assert screen("shit lid, bitch of a hinge, asshole designer", a_context()).decision is Decision.REJECT


def test_one_mild_word_is_scored_but_approved() -> None:
    verdict = screen("damn good coffee", a_context())

    assert verdict.decision is Decision.APPROVE
    assert verdict.scores["profanity"] == lexicon.MILD


def test_scores_combine_as_independent_evidence() -> None:
    assert combined([0.6, 0.6]) == pytest.approx(0.84)
    assert combined([0.6, 0.6, 0.6]) >= PROFANITY_REJECT
    assert combined([]) == 0.0


def test_a_term_said_many_times_counts_once() -> None:
    assert screen("shit shit shit shit", a_context()).decision is Decision.HOLD


# brand blocklist


def test_a_blocklist_term_holds_whatever_its_case_or_disguise() -> None:
    context = a_context(blocklist=frozenset({"Dysonic"}))

    for text in ("the DYSONIC is better", "the dy5onic is better", "the d.y.s.o.n.i.c is better"):
        verdict = screen(text, context)
        assert verdict.decision is Decision.HOLD, text
        assert verdict.reasons == (Reason.BLOCKLIST,)


def test_a_blocklist_phrase_matches_only_as_a_whole() -> None:
    context = a_context(blocklist=frozenset({"Project Falcon"}))

    assert screen("is project falcon the new range?", context).reasons == (Reason.BLOCKLIST,)
    assert screen("a falcon on the project logo", context).decision is Decision.APPROVE


def test_a_blocklist_term_inside_another_word_is_not_matched() -> None:
    assert screen("the acmeister grinder", a_context(blocklist=frozenset({"acme"}))).decision is Decision.APPROVE


# spam signals


def test_links_are_counted_in_every_usual_form() -> None:
    text = "see https://a.example.com/x, www.b.example.org and c-shop.xyz/deal"

    assert spam.links(text) == 3


def test_an_email_address_is_not_a_link() -> None:
    assert spam.links("write to anna@gmail.com") == 0


def test_three_links_hold_and_two_do_not() -> None:
    two = "see https://example.com/a and https://example.org/b"
    three = two + " and https://example.net/c"

    assert screen(two, a_context()).decision is Decision.APPROVE
    assert screen(three, a_context()).reasons == (Reason.SPAM_LINKS,)


def test_the_same_text_again_is_a_repeat_and_fingerprints_suffice() -> None:
    text = "Visit my shop for discount codes on kettles every day"

    assert spam.repeat_score(text, [text.upper() + "!"], frozenset()) == 1.0
    assert spam.repeat_score(text, [], frozenset({fingerprint(text)})) == 1.0


def test_a_near_repeat_scores_its_overlap() -> None:
    text = "Earn 500 dollars a day from home with crypto trading, no experience needed, message me today"
    varied = text.replace("500", "800")

    assert 0.6 <= spam.repeat_score(varied, [text], frozenset()) < 1.0
    assert spam.repeat_score("A folding rack for the oven drawer, in steel", [text], frozenset()) < 0.1


def test_short_texts_are_never_repeats() -> None:
    assert spam.repeat_score("Great idea!", ["Great idea!"], frozenset()) == 0.0


def test_a_repeat_alone_holds() -> None:
    text = "A cooling rack that folds flat and fits in the drawer under the oven"

    verdict = screen(text, a_context(recent_texts=(text,)))

    assert verdict.decision is Decision.HOLD
    assert verdict.reasons == (Reason.SPAM_REPEAT,)


def test_a_burst_counts_posts_in_the_window_including_this_one() -> None:
    recent = (NOW - timedelta(minutes=1), NOW - timedelta(minutes=9), NOW - timedelta(minutes=11))

    assert spam.burst_size(NOW, recent) == 3


def test_a_burst_of_posts_holds() -> None:
    times = tuple(NOW - timedelta(minutes=m) for m in range(1, BURST_POSTS))

    verdict = screen("A spare parts shop for old kettles", a_context(recent_post_times=times))

    assert verdict.reasons == (Reason.SPAM_BURST,)
    assert screen("A spare parts shop", a_context(recent_post_times=times[:-1])).decision is Decision.APPROVE


def test_shouting_is_measured_on_long_words_so_acronyms_do_not_count() -> None:
    assert spam.shout_score("WHY DOES THE KETTLE LID STILL BREAK AFTER TWO WEEKS PLEASE") == 1.0
    assert spam.shout_score("Please move the NIMBUS headphones, LED light and GPS watch to USB-C soon") < 0.2
    assert spam.shout_score("TOO SHORT TO TELL") == 0.0


def test_stretched_characters_are_runs_of_five_and_a_very_long_run_counts_three() -> None:
    assert spam.stretched_runs("Sooo good!!") == 0
    assert spam.stretched_runs("Pleeeeease!!!!!") == 2
    assert spam.stretched_runs("Giveaway!!!!!!!!!!!!") == 3
    assert spam.stretched_runs("10000000 units, ------") == 0


def test_two_spam_signals_reject() -> None:
    text = "Cheap tents at https://a.example.shop https://b.example.shop https://c.example.shop"

    verdict = screen(text, a_context(recent_texts=(text,)))

    assert verdict.decision is Decision.REJECT
    assert verdict.reasons == (Reason.SPAM_LINKS, Reason.SPAM_REPEAT)


def test_shouting_and_stretched_characters_together_only_hold() -> None:
    verdict = screen("PLEEEEEASE BRING BACK THE BLUE KETTLE!!!!!! PRETTY PLEEEEEASE WITH SUGAR ON TOP", a_context())

    assert verdict.decision is Decision.HOLD
    assert set(verdict.reasons) == {Reason.SPAM_CAPS, Reason.SPAM_CHARS}


# personal data


@pytest.mark.parametrize(
    "text",
    [
        "write to anna.keller@gmail.com",
        "reach me at jan (at) outlook (dot) com",
        "anna [at] gmail [dot] com",
    ],
)
def test_email_addresses_are_found(text: str) -> None:
    assert personal_data.find(text).email == 1.0


def test_a_brands_role_mailbox_is_noted_but_not_held() -> None:
    verdict = screen("the support@kettleby.com team sent me here", a_context())

    assert verdict.decision is Decision.APPROVE
    assert verdict.scores["personal_data_email"] == personal_data.ROLE_MAILBOX_SCORE


@pytest.mark.parametrize(
    "text",
    [
        "call me on +44 20 7946 0958",
        "+1-800-555-0199",
        "my number is (415) 555-2671",
        "text me at 415.555.2671",
        "appelez-moi au 06 12 34 56 78",
        "0049 30 12345678",
        "WhatsApp me 07700900123",
        "call me: 030 1234 5678",
    ],
)
def test_phone_numbers_are_found(text: str) -> None:
    assert personal_data.find(text).phone >= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "the 1998 thermos and the 2019 - 2024 models",
        "it costs €4.99 here, $1,299.99 there and 1.299,00 € in Germany",
        "order #A-2024-118734 and order number 40012345678",
        "update v2.10.3 build 20241105",
        "WH-1000XM5, part 4417-220-118",
        "on 2026-05-14 at 09:30, or 12/03/2025",
        "settings 0.25 0.50 0.75 1.00 l/min",
        "at 192.168.100.200, ISBN 978-3-16-148410-0",
        "10 000 000 units sold",
        "tracking 1Z999AA10123456784",
        "07700900123",
        "Ticket 0048 2291 7731 was closed",
        "in sizes 00 02 04 06 08 10",
    ],
)
def test_numbers_that_are_not_phones_are_not_held(text: str) -> None:
    assert personal_data.find(text).phone < 0.5


@pytest.mark.parametrize(
    "text",
    [
        "4111 1111 1111 1111",
        "5555-5555-5555-4444",
        "3782 822463 10005",
        "4012888888881881",
        "4111 1111 1111 1111 12/27",
    ],
)
def test_card_numbers_are_found_with_their_luhn_digit(text: str) -> None:
    found = personal_data.find(f"my card: {text}")

    assert found.card == 1.0
    assert found.phone == 0.0  # a card is never also a phone


@pytest.mark.parametrize("text", ["4111 1111 1111 1112", "1234 5678 9012 3456", "4111 11 1111 111 1111"])
def test_numbers_that_fail_luhn_or_grouping_are_not_cards(text: str) -> None:
    assert personal_data.find(text).card == 0.0


def test_a_luhn_valid_number_named_as_an_order_is_not_a_card() -> None:
    assert personal_data.find("Order 4556 7375 8689 9855 never came").card == 0.0
    assert personal_data.find("Order paid with my card 4556 7375 8689 9855").card == 1.0


def test_luhn() -> None:
    assert personal_data.luhn_valid("79927398713")
    assert not personal_data.luhn_valid("79927398710")


@pytest.mark.parametrize("text", ["DE89 3704 0044 0532 0130 00, thanks", "to GB82WEST12345698765432 please"])
def test_ibans_are_found_with_their_check_digits(text: str) -> None:
    assert personal_data.find(text).iban == 1.0


def test_an_iban_with_a_wrong_check_digit_is_not_found() -> None:
    assert personal_data.find("DE88 3704 0044 0532 0130 00").iban == 0.0


def test_an_iban_of_the_wrong_length_for_its_country_is_not_valid() -> None:
    assert personal_data.iban_valid("DE89370400440532013000")
    assert not personal_data.iban_valid("DE8937040044053201300")


def test_personal_data_holds_with_its_reason() -> None:
    verdict = screen("Love it, call me on +44 20 7946 0958 or mail anna.keller@gmail.com", a_context())

    assert verdict.decision is Decision.HOLD
    assert verdict.reasons == (Reason.PERSONAL_DATA_EMAIL, Reason.PERSONAL_DATA_PHONE)
    assert verdict.scores["personal_data"] == 1.0


# the verdict


def test_a_clean_text_is_approved_with_every_score_present() -> None:
    verdict = screen("Refill stations for shampoo\nBring your bottle and refill it in the store.", a_context())

    assert verdict.decision is Decision.APPROVE
    assert verdict.reasons == ()
    assert set(verdict.scores) == {reason.value for reason in Reason} | {"spam", "personal_data"}
    assert all(0.0 <= score <= 1.0 for score in verdict.scores.values())


def test_reject_wins_over_hold_and_every_reason_is_kept() -> None:
    verdict = screen("fucking lid, call me on +44 20 7946 0958", a_context())

    assert verdict.decision is Decision.REJECT
    assert verdict.reasons == (Reason.PROFANITY, Reason.PERSONAL_DATA_PHONE)


def test_screening_a_long_text_is_fast() -> None:
    text = (Path(__file__).read_text(encoding="utf-8")[:2000]).ljust(2000)
    screen(text, a_context())
    started = time.perf_counter()
    for _ in range(20):
        screen(text, a_context())
    assert (time.perf_counter() - started) / 20 < 0.05  # generous: the bench measures; this catches blow-ups


# quality over the labelled fixture


def load_fixture() -> dict[str, object]:
    fixture: dict[str, object] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return fixture


def test_the_fixture_is_large_and_covers_every_category() -> None:
    texts = load_fixture()["texts"]
    assert isinstance(texts, list)

    assert len(texts) >= 60
    assert {case["category"] for case in texts} == set(quality.CATEGORIES)
    assert len({case["id"] for case in texts}) == len(texts)


def test_precision_and_recall_per_category_are_at_least_0_8(record_property: Callable[[str, object], None]) -> None:
    figures = quality.measure(load_fixture())
    print("\n" + quality.table(figures))  # visible with -s
    for category, figure in figures.items():
        record_property(f"{category}_precision", round(figure.precision, 3))
        record_property(f"{category}_recall", round(figure.recall, 3))

    low = {
        c: (round(f.precision, 3), round(f.recall, 3))
        for c, f in figures.items()
        if min(f.precision, f.recall) < MIN_QUALITY
    }
    assert not low, low
