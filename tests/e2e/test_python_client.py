"""The generated Python client (clients/python/cocreate_client) against the local cloud: an
operator adds a brand, its admin opens a challenge, a participant submits and another supports,
and problems come back typed."""

from __future__ import annotations

from collections.abc import Callable

from cocreate_client import AuthenticatedClient, Client
from cocreate_client.api.brands import create_brand
from cocreate_client.api.challenges import create_challenge
from cocreate_client.api.ideas import get_idea, submit_idea
from cocreate_client.api.votes import cast_vote
from cocreate_client.models import (
    BrandCreate,
    BrandView,
    ChallengeCreate,
    ChallengeView,
    IdeaCreate,
    IdeaView,
    Phase,
    Problem,
    VoteRequest,
    VoteRequestValue,
)

from infra.local.cloud import LocalCloud


def test_the_python_client_walks_a_brand_to_a_supported_idea(cloud: LocalCloud, token: Callable[..., str]) -> None:
    def signed_in(sub: str, *groups: str) -> AuthenticatedClient:
        return AuthenticatedClient(base_url=cloud.url, token=token(sub, list(groups)))

    brand = create_brand.sync(client=signed_in("py-operator", "operators"), body=BrandCreate("py-client", "Py Co"))
    assert isinstance(brand, BrandView), brand
    body = ChallengeCreate(brand_id="py-client", title="Typed all the way", phase=Phase.SUBMISSION)
    challenge = create_challenge.sync(client=signed_in("py-admin", "brand-py-client-admins"), body=body)
    assert isinstance(challenge, ChallengeView), challenge
    idea = submit_idea.sync(challenge.challenge_id, client=signed_in("py-author"), body=IdeaCreate(title="Generated"))
    assert isinstance(idea, IdeaView), idea

    voted = cast_vote.sync_detailed(
        idea.idea_id, client=signed_in("py-voter"), body=VoteRequest(value=VoteRequestValue.VALUE_1)
    )
    refused = submit_idea.sync(challenge.challenge_id, client=signed_in("py-author"), body=IdeaCreate(title="No"))

    assert voted.status_code == 200, voted.content
    read = get_idea.sync(idea.idea_id, client=Client(base_url=cloud.url))
    assert isinstance(read, IdeaView)
    assert read.title == "Generated"
    assert isinstance(refused, Problem)
    assert refused.status == 422
    assert refused.errors
    assert refused.errors[0].field == "title"
