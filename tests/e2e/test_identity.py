"""Roles through the local gateway as API Gateway hands them over: whole group names only, and
Cognito access tokens taken wherever ID tokens are."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from infra.local.cloud import LocalCloud
from tests.e2e.conftest import Call

pytestmark = pytest.mark.e2e


def _challenge(brand: str) -> dict[str, str]:
    return {"brandId": brand, "title": "Identity checks", "phase": "submission"}


@pytest.mark.parametrize(
    "groups",
    [["Team operators"], ["x,brand-idp-admins"], ["Team", "brand-idp-moderators"]],
    ids=["spaced-operators", "comma-joined-admins", "moderator-only"],
)
def test_a_group_name_that_only_contains_a_role_grants_none(cloud: LocalCloud, call: Call, groups: list[str]) -> None:
    spoofed = cloud.issuer.mint("idp-member", groups)

    answer = call("POST", "/challenges", token=spoofed, json=_challenge("idp"))

    assert answer.status_code == 403, answer.text


def test_the_whole_group_names_still_grant_their_roles(call: Call, token: Callable[..., str]) -> None:
    for groups in (["operators"], ["Team operators", "brand-idp-admins"]):
        answer = call("POST", "/challenges", token=token("idp-staff", groups), json=_challenge("idp"))
        assert answer.status_code == 201, (groups, answer.text)


def test_a_cognito_access_token_works_on_protected_and_public_routes(cloud: LocalCloud, call: Call) -> None:
    access = cloud.issuer.mint("idp-admin", ["brand-idp-admins"], access=True)

    created = call("POST", "/challenges", token=access, json=_challenge("idp"))
    assert created.status_code == 201, created.text
    challenge_id = created.json()["challengeId"]
    idea = call("POST", f"/challenges/{challenge_id}/ideas", token=access, json={"title": "Access tokens"})
    assert idea.status_code == 201, idea.text

    public = call("GET", f"/ideas/{idea.json()['ideaId']}", token=access)  # verified by the function itself
    assert public.status_code == 200, public.text


def test_a_token_for_another_client_is_refused_by_the_gateway_and_by_public_routes(
    cloud: LocalCloud, call: Call, open_challenge: dict[str, str]
) -> None:
    for other in (
        cloud.issuer.mint("idp-stranger", access=True, audience="another-client"),
        cloud.issuer.mint("idp-stranger", audience="another-client"),
    ):
        assert call("POST", "/challenges", token=other, json=_challenge("idp")).status_code == 401
        assert call("GET", f"/challenges/{open_challenge['challengeId']}", token=other).status_code == 401
