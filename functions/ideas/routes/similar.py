"""Similar ideas: the duplicate check a front end runs while someone writes an idea."""

from __future__ import annotations

from typing import Annotated

from aws_lambda_powertools.event_handler.api_gateway import Router
from aws_lambda_powertools.event_handler.openapi.params import Query
from pydantic import Field

from functions.ideas import wiring
from shared.domain.similarity import MAX_QUERY_CHARS, MAX_RESULTS, MIN_QUERY_CHARS, SimilarIdea
from shared.http import IdPath, ResponseBody, problem_responses
from shared.services import similarity as similarity_service

router = Router()  # type: ignore[no-untyped-call]

SimilarText = Annotated[
    str,
    Query(
        min_length=MIN_QUERY_CHARS,
        max_length=MAX_QUERY_CHARS,
        description="The text to compare: a title, or a title and description, being written.",
    ),
]


_Output = ResponseBody


class SimilarIdeaView(_Output):
    idea_id: str
    title: str
    score: float = Field(ge=0, le=1, description="Similarity to the text, 0 (nothing alike) to 1 (the same).")

    @classmethod
    def of(cls, idea: SimilarIdea) -> SimilarIdeaView:
        return cls(idea_id=idea.idea_id, title=idea.title, score=idea.score)


class SimilarIdeasView(_Output):
    items: list[SimilarIdeaView] = Field(max_length=MAX_RESULTS, description="Most similar first.")


@router.get(
    "/challenges/<challengeId>/similar",
    summary=f"Published ideas of a challenge most similar to a text, at most {MAX_RESULTS} (public)",
    responses={200: {"description": "The similar ideas"}, **problem_responses(401, 404, 422, 503)},
)
def similar_ideas(challengeId: IdPath, text: SimilarText) -> SimilarIdeasView:  # noqa: N803
    caller = wiring.caller(router.current_event.raw_event)
    found = similarity_service.find_similar(caller, challengeId, text, wiring.challenges, wiring.similarity)
    return SimilarIdeasView(items=[SimilarIdeaView.of(idea) for idea in found])
