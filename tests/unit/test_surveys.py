"""Supporter surveys: questions, answers, their keys and the summaries staff read."""

from __future__ import annotations

import statistics
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.domain.errors import ValidationError
from shared.domain.surveys import (
    QuestionKind,
    SurveyQuestion,
    SurveyTally,
    answer_keys,
    check_answers,
    check_survey,
    count_keys,
    export_cells,
    export_columns,
    quantile,
    summarise,
)
from shared.http import csv_cell

PRICE = SurveyQuestion("price", "What would you pay?", QuestionKind.NUMBER, required=True, minimum=0, maximum=500)
COLOUR = SurveyQuestion("colour", "Which colour?", QuestionKind.SINGLE, options=("red", "blue", "green"))
USES = SurveyQuestion("uses", "Where would you use it?", QuestionKind.MULTIPLE, options=("home", "work", "travel"))
WHY = SurveyQuestion("why", "Why?", QuestionKind.TEXT, max_length=20)
SURVEY = (PRICE, COLOUR, USES, WHY)


def test_a_valid_survey_passes() -> None:
    check_survey(SURVEY)


@pytest.mark.parametrize(
    ("questions", "field"),
    [
        ((PRICE,) * 2, "survey[1].id"),
        ((COLOUR, WHY, USES, PRICE, SurveyQuestion("a", "A?", QuestionKind.TEXT), WHY), "survey"),
        ((SurveyQuestion("c", "C?", QuestionKind.SINGLE, options=("only",)),), "survey[0].options"),
        ((SurveyQuestion("c", "C?", QuestionKind.MULTIPLE, options=("a", "a")),), "survey[0].options"),
        ((SurveyQuestion("t", "T?", QuestionKind.TEXT, options=("a", "b")),), "survey[0].options"),
        ((SurveyQuestion("n", "N?", QuestionKind.NUMBER, minimum=1),), "survey[0].minimum"),
        ((SurveyQuestion("t", "T?", QuestionKind.TEXT, minimum=1, maximum=2),), "survey[0].minimum"),
        ((SurveyQuestion("n", "N?", QuestionKind.NUMBER, minimum=5, maximum=5),), "survey[0].maximum"),
        ((SurveyQuestion("n", "N?", QuestionKind.NUMBER, minimum=0, maximum=1001),), "survey[0].maximum"),
        ((SurveyQuestion("n", "N?", QuestionKind.NUMBER, minimum=0, maximum=9, max_length=3),), "survey[0].maxLength"),
    ],
)
def test_an_invalid_survey_is_refused_naming_the_field(questions: tuple[SurveyQuestion, ...], field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check_survey(questions)
    assert refused.value.field == field


def test_answers_are_checked_and_normalised() -> None:
    answers = check_answers(SURVEY, {"price": 25, "colour": "blue", "uses": ["travel", "home"], "why": "  gifts "})

    assert answers == {"price": 25, "colour": "blue", "uses": ("home", "travel"), "why": "gifts"}
    assert answer_keys(SURVEY, answers) == (
        "price", "price=25", "colour", "colour:1", "uses", "uses:0", "uses:2", "why",
    )  # fmt: skip


def test_optional_questions_may_stay_unanswered_and_empty_answers_count_as_none() -> None:
    assert check_answers(SURVEY, {"price": 0, "colour": "", "uses": []}) == {"price": 0}


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({}, "answers.price"),  # required
        ({"price": 1, "size": "L"}, "answers.size"),  # not a question of this survey
        ({"price": 501}, "answers.price"),
        ({"price": True}, "answers.price"),
        ({"price": "20"}, "answers.price"),
        ({"price": 1, "colour": "purple"}, "answers.colour"),
        ({"price": 1, "colour": ["red"]}, "answers.colour"),
        ({"price": 1, "uses": ["home", "home"]}, "answers.uses"),
        ({"price": 1, "uses": "home"}, "answers.uses"),
        ({"price": 1, "why": "x" * 21}, "answers.why"),
        ({"price": 1, "why": 3}, "answers.why"),
    ],
)
def test_a_wrong_answer_is_refused_naming_its_question(answers: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check_answers(SURVEY, answers)
    assert refused.value.field == field


def test_changing_answers_moves_only_what_changed() -> None:
    before = ("price", "price=20", "colour", "colour:0")
    after = ("price", "price=30", "colour", "colour:0")

    assert count_keys(before, after) == Counter({"price=30": 1, "price=20": -1})
    assert SurveyTally({"price": 1, "price=20": 1}, 3).plus(count_keys(before, after)) == SurveyTally(
        {"price": 1, "price=30": 1}, 4
    )


@given(st.lists(st.integers(min_value=-50, max_value=50), min_size=2, max_size=60))
def test_quartiles_from_the_counts_equal_those_of_the_values(values: list[int]) -> None:
    histogram = Counter(values)
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")

    assert quantile(histogram, 0.25) == pytest.approx(q1)
    assert quantile(histogram, 0.5) == pytest.approx(median)
    assert quantile(histogram, 0.75) == pytest.approx(q3)


def test_a_summary_counts_choices_and_spreads_numbers() -> None:
    votes = [
        {"price": 10, "colour": "red", "uses": ("home",)},
        {"price": 20, "colour": "red", "uses": ("home", "work")},
        {"price": 40, "why": "gifts"},
    ]
    counts: Counter[str] = Counter()
    for answers in votes:
        counts.update(answer_keys(SURVEY, answers))

    price, colour, uses, why = summarise(SURVEY, counts)

    assert price.answered == 3
    assert price.numbers is not None
    assert (price.numbers.count, price.numbers.minimum, price.numbers.maximum) == (3, 10, 40)
    assert (price.numbers.q1, price.numbers.median, price.numbers.q3, price.numbers.mean) == (15, 20, 30, 23.33)
    assert (colour.answered, colour.choices, colour.numbers) == (2, {"red": 2, "blue": 0, "green": 0}, None)
    assert uses.choices == {"home": 2, "work": 1, "travel": 0}
    assert (why.answered, why.choices) == (1, {})


def test_a_number_question_nobody_answered_has_no_spread() -> None:
    [price] = summarise((PRICE,), {})
    assert (price.answered, price.numbers) == (0, None)


def test_the_exports_survey_cells_keep_negative_spreads_numbers() -> None:
    question = SurveyQuestion("t", "Temperature?", QuestionKind.NUMBER, minimum=-20, maximum=20)

    cells = [csv_cell(cell) for cell in export_cells([question], {"t": 2, "t=-5": 1, "t=-2": 1})]

    spread = ["minimum", "q1", "median", "q3", "maximum", "mean"]
    assert export_columns([question]) == [f"survey.t.{name}" for name in ("answered", *spread)]
    assert cells == ["2", "-5", "-4.25", "-3.5", "-2.75", "-2", "-3.5"]  # numbers, not defused text
