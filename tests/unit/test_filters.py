"""Webhook filters: parsing clauses into a predicate, evaluating it on event details, and crossings."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.domain.errors import ValidationError
from shared.domain.filters import (
    MAX_CLAUSE_CHARS,
    MAX_CLAUSES,
    MAX_LIST_VALUES,
    Clause,
    Constant,
    Filter,
    Operator,
    crossed,
    parse_clause,
    parse_filter,
)

FIELDS = frozenset({"challengeId", "brandId", "status", "tags", "title", "official", "votes.score", "votes.up"})


def an_event(**overrides):
    detail = {
        "challengeId": "ch_123",
        "brandId": "acme",
        "status": "accepted",
        "tags": ["eco", "solar"],
        "title": "Solar Powered Bike Lights",
        "official": False,
        "votes": {"score": 50, "up": 61, "down": 11},
    }
    detail.update(overrides)
    return detail


def matches(*clauses: str, detail=None) -> bool:
    return parse_filter(list(clauses), FIELDS).matches(an_event() if detail is None else detail)


def refusal(*clauses) -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        parse_filter(list(clauses), FIELDS)
    assert raised.value.field == "filter"
    return raised.value


def refused_field(clause) -> str | None:
    """None when the clause parses; the error's field when it is refused with a ValidationError."""
    try:
        parse_clause(clause, FIELDS)
    except ValidationError as error:
        return error.field
    return None


# Parsing


def test_a_clause_parses_into_field_operator_and_value():
    assert parse_clause("votes.score >= 50", FIELDS) == Clause(
        "votes.score", Operator.GE, (Constant(Decimal(50), "50"),)
    )


def test_in_takes_a_list_of_values():
    clause = parse_clause("status in [accepted, shipped]", FIELDS)

    assert clause.op is Operator.IN
    assert [value.value for value in clause.values] == ["accepted", "shipped"]


def test_values_are_read_as_numbers_booleans_bare_words_and_quoted_strings():
    clause = parse_clause('status in [12, -2.5, true, false, ch_123, "solar power", "50"]', FIELDS)

    assert [value.value for value in clause.values] == [
        Decimal(12),
        Decimal("-2.5"),
        True,
        False,
        "ch_123",
        "solar power",
        "50",
    ]


def test_quoted_strings_take_escaped_quotes_and_backslashes():
    clause = parse_clause(r'title = "say \"hi\" \\ bye"', FIELDS)

    assert clause.values[0].value == 'say "hi" \\ bye'


def test_spaces_around_operators_are_optional():
    assert parse_clause("votes.score>=50", FIELDS) == parse_clause("  votes.score   >=   50  ", FIELDS)


def test_keyword_operators_ignore_case():
    assert parse_clause("tags CONTAINS eco", FIELDS).op is Operator.CONTAINS
    assert parse_clause("status In [accepted]", FIELDS).op is Operator.IN


def test_a_filter_keeps_its_clauses_in_order():
    parsed = parse_filter(["challengeId = ch_123", "votes.score >= 50"], FIELDS)

    assert [clause.field for clause in parsed.clauses] == ["challengeId", "votes.score"]


@pytest.mark.parametrize(
    ("clause", "says"),
    [
        ("votes.score >== 50", "unknown operator '>=='"),
        ("votes.score => 50", "unknown operator '=>'"),
        ("votes.score == 50", "unknown operator '=='"),
        ("status like accepted", "unknown operator 'like'"),
        ("status [accepted]", "unknown operator '['"),
    ],
)
def test_unknown_operators_are_named(clause, says):
    assert says in refusal(clause).detail


def test_an_unknown_field_is_named_with_the_allowed_ones():
    detail = refusal("authorEmail = x@example.com").detail

    assert "unknown field 'authorEmail'" in detail
    assert "challengeId" in detail


@pytest.mark.parametrize("clause", ["votes = 50", "votes.score.x = 1", "Status = accepted"])
def test_fields_must_match_the_list_exactly(clause):
    assert "unknown field" in refusal(clause).detail


@pytest.mark.parametrize(
    ("clause", "says"),
    [
        ("", "field name should follow"),
        ("votes.score", "operator should follow"),
        ("votes.score >=", "value should follow"),
        ("50 <= votes.score", "field name"),
        ('"status" = accepted', "field name"),
        (".status = accepted", "field name"),
        ("votes..score = 1", "field name"),
        ("votes.score >= 50 50", "unexpected '50'"),
        ("status = accepted and tags contains eco", "unexpected 'and'"),
        ("status in accepted", "list like [a, b]"),
        ("status in []", "expected a value"),
        ("status in [accepted", "',' or ']' should follow"),
        ("status in [accepted shipped]", "expected ',' or ']'"),
        ("status in [accepted,]", "expected a value"),
        ("status in [[accepted]]", "expected a value"),
        ("title = [a]", "expected a value"),
        ('title = "open', "not closed"),
        (r'title = "bad \n escape"', "backslash"),
        ("title = a;b", "unexpected character ';'"),
        ("title = café", "unexpected character 'é'"),
        ("title = a\nb", "unexpected character"),
        ("votes.score >= fifty", "compares numbers"),
        ('votes.score >= "50"', "compares numbers"),
        ("votes.score < true", "compares numbers"),
    ],
)
def test_bad_syntax_is_explained(clause, says):
    detail = refusal(clause).detail

    assert says in detail
    assert detail.startswith("Filter clause")


def test_too_many_values_in_a_list_are_refused():
    values = ", ".join(f"s{index}" for index in range(MAX_LIST_VALUES + 1))

    assert "at most" in refusal(f"status in [{values}]").detail


def test_a_list_at_the_limit_is_accepted():
    values = ", ".join(f"s{index}" for index in range(MAX_LIST_VALUES))

    assert len(parse_clause(f"status in [{values}]", FIELDS).values) == MAX_LIST_VALUES


def test_an_overlong_clause_is_refused_and_not_repeated_in_full():
    clause = "title = " + "x" * MAX_CLAUSE_CHARS

    detail = refusal(clause).detail

    assert f"at most {MAX_CLAUSE_CHARS} characters" in detail
    assert len(detail) < 200


def test_too_many_clauses_are_refused():
    assert f"at most {MAX_CLAUSES} clauses" in refusal(*["status = accepted"] * (MAX_CLAUSES + 1)).detail


def test_a_filter_at_the_clause_limit_is_accepted():
    assert len(parse_filter(["status = accepted"] * MAX_CLAUSES, FIELDS).clauses) == MAX_CLAUSES


@pytest.mark.parametrize("clauses", ["votes.score >= 50", None, 42, {"votes.score": 50}])
def test_a_filter_must_be_a_list_of_clauses(clauses):
    with pytest.raises(ValidationError) as raised:
        parse_filter(clauses, FIELDS)

    assert raised.value.field == "filter"


def test_a_clause_must_be_a_string():
    assert "must be a string" in refusal(42).detail


@given(text=st.text(max_size=250))
def test_any_text_parses_or_is_a_validation_error(text):
    assert refused_field(text) in (None, "filter")


clause_like = st.builds(
    lambda field, op, value: f"{field} {op} {value}",
    st.sampled_from([*FIELDS, "nope", "votes."]),
    st.sampled_from(["=", "!=", "<", "<=", ">", ">=", "in", "contains", "=<", "!"]),
    st.one_of(
        st.from_regex(r"-?[0-9]{1,5}(\.[0-9]{1,3})?", fullmatch=True),
        st.from_regex(r"[a-z_]{1,8}", fullmatch=True),
        st.from_regex(r'\[[a-z0-9, "]{0,20}\]?', fullmatch=True),
        st.text(max_size=10),
    ),
)


@given(clause=clause_like)
def test_clause_shaped_text_parses_or_is_a_validation_error(clause):
    assert refused_field(clause) in (None, "filter")


@pytest.mark.parametrize(
    ("clause", "written"),
    [
        ("votes.score>=50", "votes.score >= 50"),
        ("status IN [accepted,shipped]", "status in [accepted, shipped]"),
        ('title = "solar power"', 'title = "solar power"'),
        ('challengeId = "ch_123"', "challengeId = ch_123"),
        ('title = "50"', 'title = "50"'),
        ('title = "true"', 'title = "true"'),
        ('title = ""', 'title = ""'),
        (r'title = "a \"b\" \\"', r'title = "a \"b\" \\"'),
        ("official = true", "official = true"),
    ],
)
def test_a_clause_is_written_back_canonically(clause, written):
    assert str(parse_clause(clause, FIELDS)) == written


@given(clause=clause_like)
def test_a_written_clause_parses_back_to_the_same_clause(clause):
    try:
        parsed = parse_clause(clause, FIELDS)
    except ValidationError:
        return

    assert parse_clause(str(parsed), FIELDS) == parsed


@given(value=st.text(max_size=40))
def test_any_text_can_be_a_quoted_value_and_survives_writing_back(value):
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    clause = parse_clause(f"title = {quoted}", FIELDS)

    assert clause.values[0].value == value
    assert parse_clause(str(clause), FIELDS) == clause


# Evaluation


def test_no_clauses_match_every_event():
    assert parse_filter([], FIELDS).matches({})


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("challengeId = ch_123", True),
        ("challengeId = ch_999", False),
        ("challengeId != ch_999", True),
        ("challengeId != ch_123", False),
        ("votes.score >= 50", True),
        ("votes.score > 50", False),
        ("votes.score <= 50", True),
        ("votes.score < 50", False),
        ("votes.score = 50", True),
        ("votes.score = 50.0", True),
        ("votes.score != 49", True),
        ("votes.up >= 60.5", True),
        ("status in [accepted, shipped]", True),
        ("status in [declined, shipped]", False),
        ("tags contains eco", True),
        ("tags contains wind", False),
        ("title contains bike", True),
        ("title contains car", False),
        ("official = false", True),
        ("official = true", False),
        ('title = "Solar Powered Bike Lights"', True),
        ("title = solar", False),
    ],
)
def test_a_clause_holds_or_not_on_an_event(clause, expected):
    assert matches(clause) is expected


def test_clauses_are_joined_by_and():
    assert matches("challengeId = ch_123", "votes.score >= 50")
    assert not matches("challengeId = ch_123", "votes.score >= 51")
    assert not matches("challengeId = ch_999", "votes.score >= 50")


def test_numbers_compare_as_numbers_not_as_text():
    assert matches("votes.score >= 50", detail=an_event(votes={"score": 100}))
    assert not matches("votes.score >= 50", detail=an_event(votes={"score": 9}))


def test_a_decimal_from_the_store_compares_as_a_number():
    assert matches("votes.score >= 50", detail=an_event(votes={"score": Decimal("50")}))


def test_floats_compare_by_their_decimal_value():
    assert matches("votes.score = 0.1", detail=an_event(votes={"score": 0.1}))


@pytest.mark.parametrize("score", ["100", True, None, float("nan"), float("inf"), [100], {"n": 100}])
def test_ordering_on_a_value_that_is_no_finite_number_is_false(score):
    assert not matches("votes.score >= 50", detail=an_event(votes={"score": score}))


def test_a_string_field_compares_with_the_value_as_written():
    assert matches("challengeId = 123", detail=an_event(challengeId="123"))
    assert not matches("challengeId = 123.0", detail=an_event(challengeId="123"))


def test_a_quoted_number_does_not_equal_a_number():
    assert not matches('votes.score = "50"')


def test_booleans_equal_only_booleans():
    assert not matches("official = false", detail=an_event(official=0))
    assert not matches("votes.score = 1", detail=an_event(votes={"score": True}))
    assert matches("official = true", detail=an_event(official=True))


def test_equality_of_strings_is_case_sensitive():
    assert not matches("status = Accepted")


def test_contains_on_a_string_ignores_case():
    assert matches("title contains SOLAR")


def test_contains_on_a_list_compares_whole_elements():
    assert not matches("tags contains ec")
    assert matches("tags contains 7", detail=an_event(tags=["x", 7]))


def test_contains_on_anything_else_is_false():
    assert not matches("votes.score contains 5")


def test_in_compares_numbers_as_numbers():
    assert matches("votes.score in [10, 50.00]")


@pytest.mark.parametrize("clause", ["challengeId = ch_123", "challengeId != nothing", "tags contains eco"])
def test_a_missing_field_makes_its_clause_false_whatever_the_operator(clause):
    detail = an_event()
    del detail["challengeId"], detail["tags"]

    assert not matches(clause, detail=detail)


def test_a_path_through_something_that_is_not_an_object_is_false():
    assert not matches("votes.score >= 0", detail=an_event(votes=50))


event_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=10), st.decimals()),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=10,
)


@given(
    clause=st.sampled_from(
        [
            "votes.score >= 50",
            "votes.score != 3",
            "status in [accepted, 1, true]",
            "tags contains eco",
            "title contains x",
            "official = true",
        ]
    ),
    votes=event_values,
    other=event_values,
)
def test_evaluation_answers_a_boolean_on_any_event(clause, votes, other):
    detail = {"votes": votes, "status": other, "tags": other, "title": other, "official": other}

    assert matches(clause, detail=detail) in (True, False)


# Threshold crossings


SCORE_50 = parse_filter(["challengeId = ch_123", "votes.score >= 50"], FIELDS)


def scored(score: int, challenge_id: str = "ch_123"):
    return an_event(challengeId=challenge_id, votes={"score": score})


def test_crossing_the_threshold_fires():
    assert crossed(SCORE_50, scored(49), scored(50))


def test_staying_above_the_threshold_does_not_fire_again():
    assert not crossed(SCORE_50, scored(50), scored(51))


def test_staying_below_does_not_fire():
    assert not crossed(SCORE_50, scored(10), scored(49))


def test_falling_below_does_not_fire():
    assert not crossed(SCORE_50, scored(50), scored(49))


def test_a_jump_over_the_threshold_fires_once():
    assert crossed(SCORE_50, scored(12), scored(90))


def test_a_crossing_in_another_challenge_does_not_fire():
    assert not crossed(SCORE_50, scored(49, "ch_999"), scored(50, "ch_999"))


def test_an_event_with_no_previous_state_fires_when_it_matches():
    assert crossed(SCORE_50, {}, scored(50))


def test_a_filter_without_clauses_never_crosses():
    assert not crossed(Filter(()), {}, scored(50))


@given(scores=st.lists(st.integers(min_value=-100, max_value=200), min_size=1, max_size=50))
def test_crossings_alternate_with_falls_below(scores):
    """Over any run of scores, fires = number of upward crossings of 50, never two without a fall between."""
    states = [scored(0), *(scored(score) for score in scores)]
    fired = [crossed(SCORE_50, before, after) for before, after in itertools.pairwise(states)]
    expected = [before < 50 <= after for before, after in itertools.pairwise([0, *scores])]

    assert fired == expected
