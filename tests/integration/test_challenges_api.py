"""Challenges on moto: settings, listing, editing, phases by hand and on schedule."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.builders import LambdaContext
from tests.integration.conftest import Api

BASE = {"brandId": "acme", "title": "Greener packaging", "phase": "submission"}


def create(api: Api, as_: str = "brand_admin", **fields: Any) -> dict[str, Any]:
    answer = api.call("POST", "/challenges", as_=as_, body={**BASE, **fields})
    assert answer.status == 201, answer.body
    return answer.json


def patch(api: Api, challenge_id: str, body: dict[str, Any], as_: str = "brand_admin") -> Any:
    return api.call("PATCH", f"/challenges/{challenge_id}", route="/challenges/{challengeId}", as_=as_, body=body)


def listing(api: Api, as_: str = "anonymous", **query: str) -> Any:
    return api.call("GET", "/challenges", as_=as_, query=query or None)


def test_new_challenge_has_sane_default_settings(ideas_api: Api) -> None:
    challenge = create(ideas_api)

    assert challenge["voteModel"] == "support"
    assert challenge["voteBudget"] is None
    assert challenge["editLockVotes"] == 1000
    assert challenge["supportLadder"] == []
    assert challenge["votingOpen"] is True
    assert challenge["version"] == 1


def test_settings_are_kept_as_sent(ideas_api: Api) -> None:
    ladder = [{"supporters": 100, "withinDays": 60}, {"supporters": 1000, "withinDays": 365}]
    challenge = create(
        ideas_api,
        voteModel="updown",
        voteBudget=10,
        supportLadder=ladder,
        maxIdeasPerUser=3,
        statusLabels={"under_review": "Being evaluated"},
    )

    read = ideas_api.call("GET", f"/challenges/{challenge['challengeId']}", route="/challenges/{challengeId}").json
    assert read["voteModel"] == "updown"
    assert read["voteBudget"] == 10
    assert read["supportLadder"] == ladder
    assert read["maxIdeasPerUser"] == 3
    assert read["statusLabels"] == {"under_review": "Being evaluated"}


def test_the_lego_preset_is_a_ladder_a_brand_can_choose(ideas_api: Api) -> None:
    challenge = create(ideas_api, supportLadder="lego")

    read = ideas_api.call("GET", f"/challenges/{challenge['challengeId']}", route="/challenges/{challengeId}").json
    assert read["supportLadder"] == [
        {"supporters": 100, "withinDays": 60},
        {"supporters": 1000, "withinDays": 365},
        {"supporters": 5000, "withinDays": 182},
        {"supporters": 10000, "withinDays": 182},
    ]
    assert create(ideas_api)["supportLadder"] == []  # the default: no ladder


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        (
            {"supportLadder": [{"supporters": 100, "withinDays": 60}, {"supporters": 50, "withinDays": 60}]},
            "supportLadder",
        ),
        ({"supportLadder": "duplo"}, "supportLadder"),
        ({"supportLadder": [{"supporters": "5", "withinDays": 3}]}, "supportLadder.0.supporters"),
        ({"voteBudget": 0}, "voteBudget"),
        ({"voteModel": "stars"}, "voteModel"),
        ({"statusLabels": {"nonsense": "x"}}, "statusLabels"),
        ({"phaseDates": {"voting": "2027-01-01T00:00:00"}}, "phaseDates"),
    ],
)
def test_bad_settings_are_refused_naming_the_field(
    ideas_api: Api, content_items: Any, fields: dict[str, Any], field: str
) -> None:
    answer = ideas_api.call("POST", "/challenges", as_="brand_admin", body={**BASE, **fields})

    assert answer.status == 422
    assert any(error["field"].startswith(field) for error in answer.json["errors"])
    assert content_items() == []


def test_listing_is_newest_first_and_paginates_with_a_cursor(ideas_api: Api) -> None:
    ids = [create(ideas_api, title=f"Challenge number {n}")["challengeId"] for n in range(5)]

    first = listing(ideas_api, brandId="acme", limit="2").json
    second = listing(ideas_api, brandId="acme", limit="2", cursor=first["nextCursor"]).json
    third = listing(ideas_api, brandId="acme", limit="2", cursor=second["nextCursor"]).json

    seen = [c["challengeId"] for page in (first, second, third) for c in page["items"]]
    assert seen == list(reversed(ids))


def test_drafts_are_listed_only_for_the_brands_staff(ideas_api: Api) -> None:
    draft = create(ideas_api, phase="draft")["challengeId"]
    public = create(ideas_api)["challengeId"]

    anonymous = {c["challengeId"] for c in listing(ideas_api).json["items"]}
    staff = {c["challengeId"] for c in listing(ideas_api, as_="moderator").json["items"]}
    other_brand = {c["challengeId"] for c in listing(ideas_api, as_="other_brand_moderator").json["items"]}

    assert anonymous == {public}
    assert staff == {public, draft}
    assert other_brand == {public}


def test_listing_filters_by_phase(ideas_api: Api) -> None:
    create(ideas_api)
    voting = create(ideas_api, phase="voting")["challengeId"]

    items = listing(ideas_api, phase="voting").json["items"]

    assert [c["challengeId"] for c in items] == [voting]


def test_a_cursor_from_another_list_is_refused(ideas_api: Api) -> None:
    for n in range(3):
        create(ideas_api, title=f"Challenge number {n}")
    cursor = listing(ideas_api, brandId="acme", limit="1").json["nextCursor"]

    answer = listing(ideas_api, limit="1", cursor=cursor)

    assert answer.status == 422
    assert answer.json["errors"][0]["field"] == "cursor"


def test_admin_edits_title_and_version_moves(ideas_api: Api) -> None:
    challenge = create(ideas_api)

    answer = patch(ideas_api, challenge["challengeId"], {"title": "Greener packaging, round two"})

    assert answer.status == 200
    assert answer.json["title"] == "Greener packaging, round two"
    assert answer.json["version"] == 2


def test_phase_moves_forward_by_hand(ideas_api: Api) -> None:
    challenge = create(ideas_api)

    answer = patch(ideas_api, challenge["challengeId"], {"phase": "voting"})

    assert answer.status == 200
    assert answer.json["phase"] == "voting"
    assert answer.json["submittingOpen"] is False
    assert answer.json["votingOpen"] is True


def test_phase_never_moves_back(ideas_api: Api, content_items: Any) -> None:
    challenge = create(ideas_api, phase="voting")
    before = content_items()

    answer = patch(ideas_api, challenge["challengeId"], {"phase": "submission"})

    assert answer.status == 409
    assert content_items() == before


def test_vote_rules_freeze_once_voting_is_open(ideas_api: Api) -> None:
    challenge = create(ideas_api)

    answer = patch(ideas_api, challenge["challengeId"], {"voteModel": "updown"})

    assert answer.status == 409
    assert "voting has opened" in answer.json["detail"]


def test_unknown_or_server_owned_fields_cannot_be_patched(ideas_api: Api) -> None:
    challenge = create(ideas_api)

    answer = patch(ideas_api, challenge["challengeId"], {"brandId": "globex"})

    assert answer.status == 422
    assert answer.json["errors"][0]["field"] == "brandId"


def test_required_fields_cannot_be_nulled(ideas_api: Api) -> None:
    challenge = create(ideas_api)

    answer = patch(ideas_api, challenge["challengeId"], {"title": None})

    assert answer.status == 422
    assert answer.json["errors"][0]["field"] == "title"


def test_scheduled_phase_is_applied_by_the_phases_function(ideas_api: Api) -> None:
    soon = datetime.now(UTC) - timedelta(seconds=1)
    later = datetime.now(UTC) + timedelta(days=30)
    challenge = create(
        ideas_api, phase="draft", phaseDates={"submission": soon.isoformat(), "voting": later.isoformat()}
    )
    phases = importlib.reload(importlib.import_module("functions.phases.app"))

    result = phases.lambda_handler({"source": "aws.events", "detail-type": "Scheduled Event"}, LambdaContext())
    again = phases.lambda_handler({"source": "aws.events", "detail-type": "Scheduled Event"}, LambdaContext())

    moved = [{"challengeId": challenge["challengeId"], "phase": "submission"}]
    assert result == {"moved": moved, "expired": [], "stopped": []}
    assert again == {"moved": [], "expired": [], "stopped": []}
    read = ideas_api.call("GET", f"/challenges/{challenge['challengeId']}", route="/challenges/{challengeId}").json
    assert read["phase"] == "submission"


def test_phase_dates_must_follow_the_phase_order(ideas_api: Api) -> None:
    answer = ideas_api.call(
        "POST",
        "/challenges",
        as_="brand_admin",
        body={**BASE, "phaseDates": {"voting": "2027-01-01T00:00:00Z", "review": "2026-12-01T00:00:00Z"}},
    )

    assert answer.status == 422
    assert answer.json["errors"][0]["field"] == "phaseDates"
