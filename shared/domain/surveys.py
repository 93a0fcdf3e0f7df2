"""Supporter surveys: the questions a challenge asks when someone supports an idea (LEGO Ideas asks
what a supporter would pay), the answers' rules, and the per-idea aggregates brand staff read.

Pure: no AWS here. Answers are stored with the vote; each vote also carries its aggregate keys
(``answer_keys``), so the tally folds answer changes into an idea's counts from the stream alone,
in the commit it already makes for the vote counts (no extra write per vote)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from shared.domain.errors import ValidationError

MAX_QUESTIONS = 5
MAX_OPTIONS = 10
MAX_NUMBER_SPAN = 1_000  # distinct whole numbers a number question takes: its counts stay one small item
MAX_TEXT_CHARS = 500
DEFAULT_TEXT_CHARS = 280


class QuestionKind(StrEnum):
    SINGLE = "single"  # one option
    MULTIPLE = "multiple"  # one or more options
    NUMBER = "number"  # a whole number in [minimum, maximum]
    TEXT = "text"  # short free text (never aggregated: it reaches staff in the answers export)


@dataclass(frozen=True, slots=True)
class SurveyQuestion:
    question_id: str
    prompt: str
    kind: QuestionKind
    required: bool = False
    options: tuple[str, ...] = ()  # single and multiple
    minimum: int | None = None  # number
    maximum: int | None = None  # number
    max_length: int | None = None  # text (DEFAULT_TEXT_CHARS when not set)


Answer = str | int | tuple[str, ...]
Answers = dict[str, Answer]


def check_survey(questions: Iterable[SurveyQuestion]) -> None:
    """Raise ValidationError (naming ``survey[i]...``) unless the questions make a valid survey."""
    questions = tuple(questions)
    if len(questions) > MAX_QUESTIONS:
        raise ValidationError(f"A survey asks at most {MAX_QUESTIONS} questions.", field="survey")
    seen: set[str] = set()
    for index, question in enumerate(questions):
        at = f"survey[{index}]"
        if question.question_id in seen:
            raise ValidationError(f"Question id {question.question_id!r} is used twice.", field=f"{at}.id")
        seen.add(question.question_id)
        choice = question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
        if choice and not 2 <= len(question.options) <= MAX_OPTIONS:
            raise ValidationError(f"A choice question has 2 to {MAX_OPTIONS} options.", field=f"{at}.options")
        if choice and len(set(question.options)) != len(question.options):
            raise ValidationError("Options must differ.", field=f"{at}.options")
        if not choice and question.options:
            raise ValidationError(f"A {question.kind.value} question has no options.", field=f"{at}.options")
        number = question.kind is QuestionKind.NUMBER
        if number != (question.minimum is not None and question.maximum is not None) or (
            not number and (question.minimum is not None or question.maximum is not None)
        ):
            raise ValidationError("minimum and maximum belong to number questions, and both.", field=f"{at}.minimum")
        if number and not 0 < question.maximum - question.minimum <= MAX_NUMBER_SPAN:  # type: ignore[operator]
            raise ValidationError(f"maximum must exceed minimum by at most {MAX_NUMBER_SPAN}.", field=f"{at}.maximum")
        if question.max_length is not None and question.kind is not QuestionKind.TEXT:
            raise ValidationError("maxLength belongs to text questions.", field=f"{at}.maxLength")


def check_answers(questions: Iterable[SurveyQuestion], answers: Mapping[str, object]) -> Answers:
    """The answers checked against the questions and normalised (texts stripped, multiple choices
    in the questions' order); ValidationError naming ``answers.<questionId>`` otherwise. Unknown
    questions are refused; unanswered required ones too."""
    by_id = {question.question_id: question for question in questions}
    unknown = sorted(set(answers) - set(by_id))
    if unknown:
        raise ValidationError(f"No survey question {unknown[0]!r} in this challenge.", field=f"answers.{unknown[0]}")
    checked: Answers = {}
    for question_id, question in by_id.items():
        value = answers.get(question_id)
        if value is None or value in ("", []):
            if question.required:
                raise ValidationError("This question must be answered.", field=f"answers.{question_id}")
            continue
        checked[question_id] = _check_answer(question, value)
    return checked


def _check_answer(question: SurveyQuestion, value: object) -> Answer:
    field = f"answers.{question.question_id}"
    if question.kind is QuestionKind.SINGLE:
        if not isinstance(value, str) or value not in question.options:
            raise ValidationError(f"Answer one of {list(question.options)}.", field=field)
        return value
    if question.kind is QuestionKind.MULTIPLE:
        chosen = value if isinstance(value, list | tuple) else None
        if not chosen or any(not isinstance(option, str) or option not in question.options for option in chosen):
            raise ValidationError(f"Answer a list of options among {list(question.options)}.", field=field)
        if len(set(chosen)) != len(chosen):
            raise ValidationError("An option is chosen once.", field=field)
        return tuple(option for option in question.options if option in chosen)
    if question.kind is QuestionKind.NUMBER:
        low, high = question.minimum, question.maximum
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:  # type: ignore[operator]
            raise ValidationError(f"Answer a whole number from {low} to {high}.", field=field)
        return value
    limit = question.max_length or DEFAULT_TEXT_CHARS
    text = value.strip() if isinstance(value, str) else None
    if not text or len(text) > limit:
        raise ValidationError(f"Answer a text of 1 to {limit} characters.", field=field)
    return text


def answer_keys(questions: Iterable[SurveyQuestion], answers: Mapping[str, Answer]) -> tuple[str, ...]:
    """What one vote's answers add to its idea's counts: ``<id>`` per answered question (texts
    included), ``<id>:<option index>`` per chosen option, ``<id>=<number>`` per number."""
    keys: list[str] = []
    for question in questions:
        value = answers.get(question.question_id)
        if value is None:
            continue
        keys.append(question.question_id)
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            chosen = (value,) if isinstance(value, str) else tuple(value)  # type: ignore[arg-type]
            keys += [f"{question.question_id}:{question.options.index(option)}" for option in chosen]
        elif question.kind is QuestionKind.NUMBER:
            keys.append(f"{question.question_id}={value}")
    return tuple(keys)


def count_keys(removed: Iterable[str], added: Iterable[str]) -> Counter[str]:
    """What replacing one vote's keys by another's does to the counts (zeros left out)."""
    delta: Counter[str] = Counter(added)
    delta.subtract(Counter(removed))
    return Counter({key: n for key, n in delta.items() if n})


@dataclass(frozen=True, slots=True)
class SurveyTally:
    """An idea's survey counts by answer key, as the tally keeps them (``version`` guards its writes)."""

    counts: Mapping[str, int]
    version: int = 0

    def plus(self, delta: Mapping[str, int]) -> SurveyTally:
        counts = Counter(self.counts)
        counts.update(delta)
        return SurveyTally({key: n for key, n in sorted(counts.items()) if n > 0}, self.version + 1)


@dataclass(frozen=True, slots=True)
class NumberSummary:
    count: int
    minimum: int
    maximum: int
    mean: float
    q1: float
    median: float
    q3: float


@dataclass(frozen=True, slots=True)
class QuestionSummary:
    question: SurveyQuestion
    answered: int
    choices: dict[str, int]  # option -> supporters who chose it (choice questions)
    numbers: NumberSummary | None  # number questions with at least one answer


def quantile(histogram: Mapping[int, int], q: float) -> float:
    """The ``q`` quantile of the values a histogram counts, interpolated between closest ranks
    (as ``statistics.quantiles(method="inclusive")`` and spreadsheets' QUARTILE.INC)."""
    values = sorted((value, n) for value, n in histogram.items() if n > 0)
    total = sum(n for _, n in values)
    position = (total - 1) * q
    low_rank, fraction = math.floor(position), position - math.floor(position)

    def at(rank: int) -> int:
        for value, n in values:
            if rank < n:
                return value
            rank -= n
        return values[-1][0]

    low = at(low_rank)
    return float(low) if not fraction else low + fraction * (at(low_rank + 1) - low)


def summarise(questions: Iterable[SurveyQuestion], counts: Mapping[str, int]) -> list[QuestionSummary]:
    """Per question: how many answered, how many chose each option, and for numbers their spread."""
    summaries = []
    for question in questions:
        qid = question.question_id
        choices = {option: int(counts.get(f"{qid}:{index}", 0)) for index, option in enumerate(question.options)}
        numbers = None
        if question.kind is QuestionKind.NUMBER:
            prefix = f"{qid}="
            histogram = {int(key[len(prefix) :]): int(n) for key, n in counts.items() if key.startswith(prefix) and n}
            total = sum(histogram.values())
            if total:
                numbers = NumberSummary(
                    count=total,
                    minimum=min(histogram),
                    maximum=max(histogram),
                    mean=round(sum(value * n for value, n in histogram.items()) / total, 2),
                    q1=quantile(histogram, 0.25),
                    median=quantile(histogram, 0.5),
                    q3=quantile(histogram, 0.75),
                )
        summaries.append(QuestionSummary(question, int(counts.get(qid, 0)), choices, numbers))
    return summaries


_SPREAD = ("minimum", "q1", "median", "q3", "maximum", "mean")


def export_columns(questions: Iterable[SurveyQuestion]) -> list[str]:
    """The ideas export's survey columns: per question how many answered, then the supporters of
    each option (choices: ``option.<option>``, so no option can take another column's name) or the
    spread (numbers); texts are read in the answers CSV."""
    columns: list[str] = []
    for question in questions:
        prefix = f"survey.{question.question_id}"
        columns.append(f"{prefix}.answered")
        columns += [f"{prefix}.option.{option}" for option in question.options]
        if question.kind is QuestionKind.NUMBER:
            columns += [f"{prefix}.{name}" for name in _SPREAD]
    return columns


def export_cells(questions: Iterable[SurveyQuestion], counts: Mapping[str, int]) -> list[object]:
    """One idea's cells under ``export_columns`` (a number question nobody answered: empty cells)."""
    cells: list[object] = []
    for summary in summarise(questions, counts):
        cells.append(summary.answered)
        cells += [summary.choices[option] for option in summary.question.options]
        if summary.question.kind is QuestionKind.NUMBER:
            numbers = summary.numbers
            cells += [getattr(numbers, name) if numbers else "" for name in _SPREAD]
    return cells
