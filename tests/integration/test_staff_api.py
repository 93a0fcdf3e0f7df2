"""A brand's staff through the API on moto: invitations by email, accepted by the invitee with an
external issuer (the staff list is then their membership), at once with the stack's own user pool
(Cognito groups), role changes, removals, and what the list decides (appeals, the queue's audience)."""

from __future__ import annotations

import importlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest

from shared.domain.staff import member_id_for
from tests.integration.conftest import PRINCIPALS, Api, StaticVerifier

STAFF = "/brands/{brandId}/staff"
MEMBER = "/brands/{brandId}/staff/{memberId}"
ACCEPT = "/me/invitations/{brandId}/accept"


def invite(api: Api, email: str, role: str = "moderator", as_: str = "brand_admin", brand: str = "acme") -> Any:
    body = {"email": email, "role": role}
    return api.call("POST", f"/brands/{brand}/staff", route=STAFF, as_=as_, body=body)


def staff_of(api: Api, brand: str = "acme") -> list[dict[str, Any]]:
    answer = api.call("GET", f"/brands/{brand}/staff", route=STAFF, as_="operator")
    assert answer.status == 200, answer.body
    return list(answer.json["items"])


def test_an_admin_invites_an_address_that_waits_for_its_owner(ideas_api: Api) -> None:
    answer = invite(ideas_api, "Pat@Example.com")

    assert answer.status == 201, answer.body
    member = answer.json
    assert member["email"] == "pat@example.com"  # compared in lower case
    assert (member["state"], member["role"], member["userId"], member["invitedBy"]) == (
        "invited",
        "moderator",
        None,
        "user-ada",
    )
    invited = datetime.fromisoformat(member["invitedAt"])
    assert datetime.fromisoformat(member["expiresAt"]) - invited == timedelta(days=14)
    assert answer.headers["Location"] == f"/brands/acme/staff/{member['memberId']}"
    assert member in staff_of(ideas_api)


def test_the_invitee_sees_and_accepts_it_and_then_moderates_the_brand(ideas_api: Api, moderation_api: Api) -> None:
    invite(ideas_api, "pat@example.com")
    queue = {"query": {"brandId": "acme"}}
    assert moderation_api.call("GET", "/moderation/queue", as_="participant", **queue).status == 403

    mine = ideas_api.call("GET", "/me/invitations", as_="participant")
    accepted = ideas_api.call("POST", "/me/invitations/acme/accept", route=ACCEPT, as_="participant")

    assert [(item["brandId"], item["state"]) for item in mine.json["items"]] == [("acme", "invited")]
    assert accepted.status == 200, accepted.body
    assert (accepted.json["state"], accepted.json["userId"], accepted.json["expiresAt"]) == ("active", "user-pat", None)
    assert ideas_api.call("GET", "/me/invitations", as_="participant").json["items"] == []
    importlib.reload(importlib.import_module("functions.moderation.wiring"))  # a fresh process: no cached roles
    assert moderation_api.call("GET", "/moderation/queue", as_="participant", **queue).status == 200


def test_only_the_invited_verified_address_accepts(ideas_api: Api) -> None:
    invite(ideas_api, "pat@example.com")

    unverified = ideas_api.call("POST", "/me/invitations/acme/accept", route=ACCEPT, as_="other_participant")
    other = ideas_api.call("POST", "/me/invitations/globex/accept", route=ACCEPT, as_="participant")

    assert unverified.status == 403, unverified.body  # no verified email claim
    assert other.status == 404, other.body  # no invitation of that brand for pat's address
    assert [member["state"] for member in staff_of(ideas_api) if member["email"] == "pat@example.com"] == ["invited"]


def test_an_expired_invitation_cannot_be_accepted(ideas_api: Api) -> None:
    invite(ideas_api, "pat@example.com")
    staff = ideas_api.module.wiring.staff
    pending = staff.get("acme", member_id_for("acme", "pat@example.com"))
    staff.put(replace(pending, invited_at=datetime.now(UTC) - timedelta(days=15), version=2), 1)  # sent 15 days ago

    answer = ideas_api.call("POST", "/me/invitations/acme/accept", route=ACCEPT, as_="participant")

    assert answer.status == 409, answer.body
    assert "expired" in answer.json["detail"]
    assert ideas_api.call("GET", "/me/invitations", as_="participant").json["items"] == []


def test_inviting_a_pending_address_renews_it_and_an_active_member_is_a_conflict(ideas_api: Api) -> None:
    first = invite(ideas_api, "pat@example.com").json
    again = invite(ideas_api, "pat@example.com", role="admin")
    member = invite(ideas_api, "user-mia@example.com")

    assert again.status == 201
    assert (again.json["memberId"], again.json["role"], again.json["version"]) == (first["memberId"], "admin", 2)
    assert member.status == 409, member.body
    assert "change the role" in member.json["detail"]


@pytest.mark.parametrize(("as_", "status"), [("moderator", 403), ("other_brand_moderator", 404), ("participant", 404)])
def test_who_may_not_invite(ideas_api: Api, as_: str, status: int) -> None:
    assert invite(ideas_api, "new@example.com", as_=as_).status == status
    assert all(member["email"] != "new@example.com" for member in staff_of(ideas_api))


@pytest.mark.parametrize(
    "body",
    [
        {"email": "not-an-address", "role": "moderator"},
        {"email": 'x"@example.com', "role": "moderator"},
        {"email": "x@example.com", "role": "owner"},
        {"email": "x@example.com", "role": "moderator", "userId": "user-x"},
    ],
)
def test_a_bad_invitation_is_refused_naming_the_field(ideas_api: Api, body: dict[str, Any]) -> None:
    answer = ideas_api.call("POST", "/brands/acme/staff", route=STAFF, as_="brand_admin", body=body)

    assert answer.status == 422, answer.body
    assert answer.json["errors"][0]["field"] in {"email", "role", "userId"}
    assert len(staff_of(ideas_api)) == 2  # the fixture's two members, nothing written


def test_an_admin_changes_a_role_on_the_version_read(ideas_api: Api) -> None:
    mia = member_id_for("acme", "user-mia@example.com")
    path = f"/brands/acme/staff/{mia}"

    stale = ideas_api.call(
        "PATCH", path, route=MEMBER, as_="brand_admin", body={"role": "admin"}, headers={"if-match": '"v7"'}
    )
    changed = ideas_api.call(
        "PATCH", path, route=MEMBER, as_="brand_admin", body={"role": "admin"}, headers={"if-match": '"v1"'}
    )

    assert stale.status == 412, stale.body
    assert changed.status == 200, changed.body
    assert (changed.json["role"], changed.json["version"], changed.headers["ETag"]) == ("admin", 2, '"v2"')


def test_an_admin_removes_a_member_and_a_member_may_leave(ideas_api: Api, moderation_api: Api) -> None:
    invite(ideas_api, "pat@example.com")
    ideas_api.call("POST", "/me/invitations/acme/accept", route=ACCEPT, as_="participant")
    pat = member_id_for("acme", "pat@example.com")
    mia = member_id_for("acme", "user-mia@example.com")

    removed = ideas_api.call("DELETE", f"/brands/acme/staff/{pat}", route=MEMBER, as_="brand_admin")
    left = ideas_api.call("DELETE", f"/brands/acme/staff/{mia}", route=MEMBER, as_="moderator")
    again = ideas_api.call("DELETE", f"/brands/acme/staff/{pat}", route=MEMBER, as_="brand_admin")

    assert (removed.status, left.status, again.status) == (204, 204, 404)
    assert [member["userId"] for member in staff_of(ideas_api)] == ["user-ada"]
    importlib.reload(importlib.import_module("functions.moderation.wiring"))
    queue = moderation_api.call("GET", "/moderation/queue", as_="participant", query={"brandId": "acme"})
    assert queue.status == 403  # the list no longer makes pat a moderator


def test_a_moderator_cannot_remove_another_member(ideas_api: Api) -> None:
    ada = member_id_for("acme", "user-ada@example.com")

    answer = ideas_api.call("DELETE", f"/brands/acme/staff/{ada}", route=MEMBER, as_="moderator")

    assert answer.status == 403, answer.body
    assert len(staff_of(ideas_api)) == 2


def test_the_list_pages_with_a_cursor(ideas_api: Api) -> None:
    for n in range(3):
        invite(ideas_api, f"p{n}@example.com")

    first = ideas_api.call("GET", "/brands/acme/staff", route=STAFF, as_="brand_admin", query={"limit": "3"})
    cursor = first.json["nextCursor"]
    second = ideas_api.call(
        "GET", "/brands/acme/staff", route=STAFF, as_="brand_admin", query={"limit": "3", "cursor": cursor}
    )

    assert (len(first.json["items"]), len(second.json["items"]), second.json["nextCursor"]) == (3, 2, None)
    ids = {member["memberId"] for member in first.json["items"] + second.json["items"]}
    assert len(ids) == 5  # the fixture's two members and the three invitations, each once


# ---------------------------------------------------------------- the stack's own user pool


@pytest.fixture
def pool_api(aws: None, monkeypatch: pytest.MonkeyPatch) -> tuple[Api, Any, str]:
    """The ideas function of a stack with its own Cognito user pool (on moto)."""
    cognito = boto3.client("cognito-idp")
    pool = cognito.create_user_pool(PoolName="cocreate-demo", UsernameAttributes=["email"])["UserPool"]["Id"]
    monkeypatch.setenv("USER_POOL_ID", pool)
    wiring = importlib.reload(importlib.import_module("functions.ideas.wiring"))
    module = importlib.reload(importlib.import_module("functions.ideas.app"))
    monkeypatch.setattr(wiring, "verifier", StaticVerifier({k: v for k, v in PRINCIPALS.items() if v}))
    return Api(module), cognito, pool


def groups_of(cognito: Any, pool: str, email: str) -> list[str]:
    [user] = cognito.list_users(UserPoolId=pool, Filter=f'email = "{email}"')["Users"]
    return [
        g["GroupName"] for g in cognito.admin_list_groups_for_user(UserPoolId=pool, Username=user["Username"])["Groups"]
    ]


def test_with_the_stacks_user_pool_an_invitation_makes_the_account_and_puts_it_in_the_group(
    pool_api: tuple[Api, Any, str],
) -> None:
    api, cognito, pool = pool_api

    answer = invite(api, "new.moderator@example.com")

    assert answer.status == 201, answer.body
    [user] = cognito.list_users(UserPoolId=pool, Filter='email = "new.moderator@example.com"')["Users"]
    sub = next(a["Value"] for a in user["Attributes"] if a["Name"] == "sub")
    assert (answer.json["state"], answer.json["userId"]) == ("active", sub)
    assert groups_of(cognito, pool, "new.moderator@example.com") == ["brand-acme-moderators"]


def test_with_the_pool_an_existing_account_is_found_and_moved_between_groups(pool_api: tuple[Api, Any, str]) -> None:
    api, cognito, pool = pool_api
    cognito.admin_create_user(
        UserPoolId=pool, Username="known@example.com", UserAttributes=[{"Name": "email", "Value": "known@example.com"}]
    )
    member = invite(api, "known@example.com").json

    promoted = api.call(
        "PATCH", f"/brands/acme/staff/{member['memberId']}", route=MEMBER, as_="brand_admin", body={"role": "admin"}
    )

    assert promoted.status == 200, promoted.body
    assert len(cognito.list_users(UserPoolId=pool)["Users"]) == 1  # found, not made again
    assert groups_of(cognito, pool, "known@example.com") == ["brand-acme-admins"]
    removed = api.call("DELETE", f"/brands/acme/staff/{member['memberId']}", route=MEMBER, as_="brand_admin")
    assert removed.status == 204
    assert groups_of(cognito, pool, "known@example.com") == []
