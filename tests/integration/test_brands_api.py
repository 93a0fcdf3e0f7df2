"""Brands on moto: operators add, list and suspend them; a suspension makes the brand's challenges
read-only through every route that writes in them, and reinstating opens them again."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from tests.integration.conftest import Api

BRAND = "/brands/{brandId}"
HI, RENAME = {"body": "Hi"}, {"title": "Renamed challenge"}


def suspend(api: Api, suspended: bool, as_: str = "operator", **fields: Any) -> Any:
    body = {"suspended": suspended, **fields}
    return api.call("PATCH", "/brands/acme", route=BRAND, as_=as_, body=body)


@pytest.fixture
def open_challenge(ideas_api: Api) -> dict[str, str]:
    body = {"brandId": "acme", "title": "Greener packaging", "phase": "submission"}
    challenge = ideas_api.call("POST", "/challenges", as_="brand_admin", body=body).json
    idea = ideas_api.call(
        "POST",
        f"/challenges/{challenge['challengeId']}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="participant",
        body={"title": "Refill stations in stores"},
    )
    assert idea.status == 201, idea.body
    return {"challengeId": challenge["challengeId"], "ideaId": idea.json["ideaId"]}


def test_an_operator_adds_a_brand_that_then_hosts_challenges(ideas_api: Api) -> None:
    created = ideas_api.call("POST", "/brands", as_="operator", body={"brandId": "initech", "name": "Initech"})

    assert created.status == 201, created.body
    assert created.headers["Location"] == "/brands/initech"
    assert created.json == {
        "brandId": "initech",
        "name": "Initech",
        "suspended": False,
        "suspendedReason": None,
        "version": 1,
        "createdAt": created.json["createdAt"],
        "updatedAt": created.json["createdAt"],
    }
    challenge = ideas_api.call("POST", "/challenges", as_="operator", body={"brandId": "initech", "title": "Ideas"})
    assert challenge.status == 201, challenge.body


def test_a_taken_brand_id_is_a_409_and_keeps_the_first(ideas_api: Api) -> None:
    again = ideas_api.call("POST", "/brands", as_="operator", body={"brandId": "acme", "name": "Other"})

    assert again.status == 409, again.body
    assert ideas_api.call("GET", "/brands/acme", route=BRAND, as_="operator").json["name"] == "Acme"


def test_a_challenge_for_a_brand_nobody_added_is_a_422_naming_brand_id(ideas_api: Api) -> None:
    answer = ideas_api.call("POST", "/challenges", as_="operator", body={"brandId": "initech", "title": "Ideas"})

    assert answer.status == 422, answer.body
    assert [error["field"] for error in answer.json["errors"]] == ["brandId"]
    assert ideas_api.call("GET", "/challenges", query={"brandId": "initech"}).json["items"] == []


def test_operators_page_through_the_brands_by_id(ideas_api: Api) -> None:
    for brand_id in ("zeta", "beta"):
        ideas_api.call("POST", "/brands", as_="operator", body={"brandId": brand_id, "name": brand_id})

    seen, cursor = [], None
    while True:
        query = {"limit": "2", **({"cursor": cursor} if cursor else {})}
        page = ideas_api.call("GET", "/brands", as_="operator", query=query).json
        seen += [brand["brandId"] for brand in page["items"]]
        cursor = page["nextCursor"]
        if cursor is None:
            break

    assert seen == ["acme", "beta", "globex", "zeta"]
    forged = ideas_api.call("GET", "/brands", as_="operator", query={"cursor": "not-a-cursor"})
    assert forged.status == 422


def test_the_brand_read_is_tagged_and_a_stale_if_match_is_a_412(ideas_api: Api) -> None:
    read = ideas_api.call("GET", "/brands/acme", route=BRAND, as_="brand_admin")
    assert read.headers["ETag"] == '"v1"'
    renamed = ideas_api.call(
        "PATCH", "/brands/acme", route=BRAND, as_="brand_admin", body={"name": "ACME"}, headers={"if-match": '"v1"'}
    )
    assert (renamed.status, renamed.headers["ETag"]) == (200, '"v2"')

    stale = ideas_api.call(
        "PATCH", "/brands/acme", route=BRAND, as_="brand_admin", body={"name": "Acme"}, headers={"if-match": '"v1"'}
    )

    assert stale.status == 412, stale.body
    assert ideas_api.call("GET", "/brands/acme", route=BRAND, as_="operator").json["name"] == "ACME"


def test_only_operators_suspend_a_brand(ideas_api: Api) -> None:
    answer = suspend(ideas_api, True, as_="brand_admin")

    assert answer.status == 403, answer.body
    assert ideas_api.call("GET", "/brands/acme", route=BRAND, as_="operator").json["suspended"] is False


def test_a_suspended_brands_challenges_are_read_only_on_every_writing_route(
    ideas_api: Api, votes_api: Api, moderation_api: Api, open_challenge: dict[str, str]
) -> None:
    challenge_id, idea_id = open_challenge["challengeId"], open_challenge["ideaId"]

    answer = suspend(ideas_api, True, suspendedReason="Contract ended")

    assert answer.status == 200, answer.body
    assert (answer.json["suspended"], answer.json["suspendedReason"]) == (True, "Contract ended")
    challenge = ideas_api.call("GET", f"/challenges/{challenge_id}", route="/challenges/{challengeId}").json
    assert (challenge["suspended"], challenge["submittingOpen"], challenge["votingOpen"]) == (True, False, False)
    refused = {
        "submit": ideas_api.call(
            "POST",
            f"/challenges/{challenge_id}/ideas",
            route="/challenges/{challengeId}/ideas",
            as_="other_participant",
            body={"title": "Paper tape on every parcel"},
        ),
        "vote": votes_api.call(
            "PUT", f"/ideas/{idea_id}/vote", route="/ideas/{ideaId}/vote", as_="other_participant", body={"value": 1}
        ),
        "staff comment": ideas_api.call(
            "POST", f"/ideas/{idea_id}/comments", route="/ideas/{ideaId}/comments", as_="brand_admin", body=HI
        ),
        "edit": ideas_api.call(
            "PATCH", f"/ideas/{idea_id}", route="/ideas/{ideaId}", as_="participant", body={"title": "Refill points"}
        ),
        "review": ideas_api.call(
            "POST",
            f"/ideas/{idea_id}/status",
            route="/ideas/{ideaId}/status",
            as_="brand_admin",
            body={"status": "under_review"},
        ),
        "challenge edit": ideas_api.call(
            "PATCH", f"/challenges/{challenge_id}", route="/challenges/{challengeId}", as_="operator", body=RENAME
        ),
        "new challenge": ideas_api.call(
            "POST", "/challenges", as_="brand_admin", body={"brandId": "acme", "title": "Another one"}
        ),
    }
    assert {what: answer.status for what, answer in refused.items()} == dict.fromkeys(refused, 409)
    assert {what: "suspended" in answer.json["detail"] for what, answer in refused.items()} == dict.fromkeys(
        refused, True
    )
    hide = {"targetType": "idea", "targetId": idea_id, "action": "hide", "reason": "spam", "version": 0}
    assert moderation_api.call("POST", "/moderation/decisions", as_="moderator", body=hide).status == 200


def test_reinstating_opens_the_challenges_again(ideas_api: Api, votes_api: Api, open_challenge: dict[str, str]) -> None:
    suspend(ideas_api, True)

    answer = suspend(ideas_api, False)

    assert (answer.status, answer.json["suspended"], answer.json["suspendedReason"]) == (200, False, None)
    vote = votes_api.call(
        "PUT",
        f"/ideas/{open_challenge['ideaId']}/vote",
        route="/ideas/{ideaId}/vote",
        as_="other_participant",
        body={"value": 1},
    )
    assert vote.status == 200, vote.body
    created = ideas_api.call("POST", "/challenges", as_="brand_admin", body={"brandId": "acme", "title": "Next one"})
    assert created.status == 201, created.body


def test_repeating_a_suspension_finishes_one_cut_short(ideas_api: Api, open_challenge: dict[str, str]) -> None:
    """The brand's write landed, the request died before the challenge's: the same PATCH again mends it."""
    brands = ideas_api.module.wiring.brands
    brands.replace(replace(brands.get("acme"), suspended=True, version=2), expected_version=1)
    path = f"/challenges/{open_challenge['challengeId']}"
    assert ideas_api.call("GET", path, route="/challenges/{challengeId}").json["suspended"] is False

    assert suspend(ideas_api, True).status == 200

    assert ideas_api.call("GET", path, route="/challenges/{challengeId}").json["suspended"] is True
