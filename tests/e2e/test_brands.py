"""Brands on DynamoDB Local through the local gateway: an operator adds one, its admin hosts a
challenge, a suspension stops the votes and new challenges, and reinstating opens them again."""

from __future__ import annotations

from collections.abc import Callable

from tests.e2e.conftest import Call


def test_a_brand_is_added_suspended_and_reinstated_end_to_end(call: Call, token: Callable[..., str]) -> None:
    operator, admin = token("brands-operator", ["operators"]), token("brands-admin", ["brand-suspend-e2e-admins"])
    voter = token("brands-voter")
    added = call("POST", "/brands", token=operator, json={"brandId": "suspend-e2e", "name": "Suspend Co"})
    assert added.status_code == 201, added.text
    body = {"brandId": "suspend-e2e", "title": "Suspension walk", "phase": "submission"}
    challenge = call("POST", "/challenges", token=admin, json=body).json()
    idea = call("POST", f"/challenges/{challenge['challengeId']}/ideas", token=admin, json={"title": "Keep going"})
    assert idea.status_code == 201, idea.text
    vote = f"/ideas/{idea.json()['ideaId']}/vote"

    suspended = call("PATCH", "/brands/suspend-e2e", token=operator, json={"suspended": True})

    assert suspended.status_code == 200, suspended.text
    assert call("PUT", vote, token=voter, json={"value": 1}).status_code == 409
    assert call("POST", "/challenges", token=admin, json=body).status_code == 409
    assert call("GET", f"/challenges/{challenge['challengeId']}").json()["suspended"] is True

    assert call("PATCH", "/brands/suspend-e2e", token=operator, json={"suspended": False}).status_code == 200
    assert call("PUT", vote, token=voter, json={"value": 1}).status_code == 200
    assert call("POST", "/challenges", token=admin, json=body).status_code == 201
    listed = call("GET", "/brands", token=operator, params={"limit": 100}).json()["items"]
    assert {"suspend-e2e", "acme"} <= {brand["brandId"] for brand in listed}
