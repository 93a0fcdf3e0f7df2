"""Request and response bodies of the votes API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, StringConstraints

from shared.domain.surveys import MAX_OPTIONS, MAX_QUESTIONS, MAX_TEXT_CHARS, QuestionKind, QuestionSummary
from shared.domain.votes import Vote
from shared.http import IntOnly, RequestBody, ResponseBody


def _answer_value(value: object) -> object:
    """One answer's shape (the challenge's questions decide the rest): a whole number, a text of at
    most 500 characters, or a list of at most 10 such texts."""
    texts = value if isinstance(value, list) and len(value) <= MAX_OPTIONS else [value]
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if all(isinstance(text, str) and len(text) <= MAX_TEXT_CHARS for text in texts):
        return value
    raise ValueError(f"an answer is a whole number, a text of at most {MAX_TEXT_CHARS} characters or a list of options")


AnswerValue = Annotated[int | str | list[str], BeforeValidator(_answer_value)]
QuestionId = Annotated[str, StringConstraints(min_length=1, max_length=32)]


class VoteRequest(RequestBody):
    value: Annotated[Literal[1, -1], IntOnly]
    answers: Annotated[
        dict[QuestionId, AnswerValue] | None,
        Field(
            max_length=MAX_QUESTIONS,
            description="Answers to the challenge's survey by question id: an option (single), a list of options "
            "(multiple), a whole number (number) or a text (text). Left out: the answers given before stay. "
            "Supporters answer: a down vote takes none (422) and drops those given with an up vote.",
        ),
    ] = None


class VoteView(ResponseBody):
    idea_id: str
    challenge_id: str
    value: int
    voted_at: datetime
    refunded: bool = Field(description="The idea closed and this vote's budget was given back.")
    answers: dict[str, int | str | list[str]] = Field(description="Your answers to the challenge's survey.")

    @classmethod
    def of(cls, vote: Vote) -> VoteView:
        return cls(
            idea_id=vote.idea_id,
            challenge_id=vote.challenge_id,
            value=vote.value,
            voted_at=vote.voted_at,
            refunded=vote.refunded,
            answers={key: list(value) if isinstance(value, tuple) else value for key, value in vote.answers.items()},
        )


class VotePage(ResponseBody):
    items: list[VoteView]
    next_cursor: str | None


class NumberSummaryView(ResponseBody):
    count: int
    minimum: int
    maximum: int
    mean: float
    q1: float = Field(description="Lower quartile (interpolated between closest ranks, as QUARTILE.INC).")
    median: float
    q3: float = Field(description="Upper quartile.")


class ChoiceCountView(ResponseBody):
    option: str
    count: int


class QuestionSummaryView(ResponseBody):
    id: str
    prompt: str
    kind: QuestionKind
    answered: int = Field(description="Supporters who answered (text answers: see .../survey/answers).")
    choices: list[ChoiceCountView] = Field(description="Single and multiple choice: supporters per option.")
    numbers: NumberSummaryView | None = Field(description="Number questions with answers: their spread.")

    @classmethod
    def of(cls, summary: QuestionSummary) -> QuestionSummaryView:
        numbers = summary.numbers
        return cls(
            id=summary.question.question_id,
            prompt=summary.question.prompt,
            kind=summary.question.kind,
            answered=summary.answered,
            choices=[ChoiceCountView(option=option, count=n) for option, n in summary.choices.items()],
            numbers=NumberSummaryView(**{name: getattr(numbers, name) for name in NumberSummaryView.model_fields})
            if numbers
            else None,
        )


class SurveyView(ResponseBody):
    idea_id: str
    challenge_id: str
    supporters: int = Field(description="Up votes counted on the idea.")
    questions: list[QuestionSummaryView]
