"""Ideas on moto: listing and ranking, editing, withdrawing, review statuses with history."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from shared.domain.ideas import wilson_lower_bound
from tests.integration.conftest import TABLE_NAMES, Api

ROUTE_IDEAS = "/challenges/{challengeId}/ideas"


def a_challenge(api: Api, **fields: Any) -> str:
    body = {"brandId": "acme", "title": "Greener packaging", "phase": "submission", **fields}
    answer = api.call("POST", "/challenges", as_="brand_admin", body=body)
    assert answer.status == 201, answer.body
    return str(answer.json["challengeId"])


def an_idea(
    api: Api, challenge_id: str, title: str = "Refill stations in stores", as_: str = "participant", **fields: Any
) -> dict[str, Any]:
    answer = api.call(
        "POST", f"/challenges/{challenge_id}/ideas", route=ROUTE_IDEAS, as_=as_, body={"title": title, **fields}
    )
    assert answer.status == 201, answer.body
    return answer.json


def list_ideas(api: Api, challenge_id: str, as_: str = "anonymous", **query: str) -> Any:
    return api.call("GET", f"/challenges/{challenge_id}/ideas", route=ROUTE_IDEAS, as_=as_, query=query or None)


def set_votes(idea_id: str, up: int, down: int = 0) -> None:
    """What the tally does: counters and every ranking key in one update."""
    from dataclasses import replace  # noqa: PLC0415

    from shared.domain.ideas import VoteTally  # noqa: PLC0415
    from shared.store.records import idea_from_item, idea_to_item  # noqa: PLC0415

    table = boto3.resource("dynamodb").Table(TABLE_NAMES["ContentTable"])
    key = {"pk": f"IDEA#{idea_id}", "sk": "#META"}
    idea = idea_from_item(table.get_item(Key=key)["Item"])
    item = idea_to_item(replace(idea, votes=VoteTally(up=up, down=down)))
    names = ("votesUp", "votesDown", "score", "hot", "wilson", "controversy")
    table.update_item(
        Key=key,
        UpdateExpression="SET " + ", ".join(f"{name} = :{name}" for name in names),
        ExpressionAttributeValues={f":{name}": item[name] for name in names},
    )


def status(api: Api, idea_id: str, body: dict[str, Any], as_: str = "brand_admin") -> Any:
    return api.call("POST", f"/ideas/{idea_id}/status", route="/ideas/{ideaId}/status", as_=as_, body=body)


def test_new_lists_published_ideas_newest_first(ideas_api: Api) -> None:
    challenge = a_challenge(ideas_api)
    titles = [an_idea(ideas_api, challenge, f"Idea number {n}")["title"] for n in range(3)]

    items = list_ideas(ideas_api, challenge).json["items"]

    assert [i["title"] for i in items] == list(reversed(titles))


def test_top_orders_by_score(ideas_api: Api) -> None:
    challenge = a_challenge(ideas_api)
    ideas = [an_idea(ideas_api, challenge, f"Idea number {n}")["ideaId"] for n in range(3)]
    for idea_id, votes in zip(ideas, (5, 50, 1), strict=True):
        set_votes(idea_id, votes)

    items = list_ideas(ideas_api, challenge, sort="top").json["items"]

    assert [i["ideaId"] for i in items] == [ideas[1], ideas[0], ideas[2]]
    assert items[0]["votes"] == {
        "up": 50,
        "down": 0,
        "score": 50,
        "wilson": wilson_lower_bound(50, 0),
        "controversy": 0.0,
    }


def test_best_ranks_by_the_wilson_bound_not_the_share_or_the_score(ideas_api: Api) -> None:
    challenge = a_challenge(ideas_api, voteModel="updown")
    few, many, split = (an_idea(ideas_api, challenge, f"Idea number {n}")["ideaId"] for n in range(3))
    set_votes(few, 2, 0)  # 100 % up, but only two votes
    set_votes(many, 95, 5)  # 95 % up over a hundred
    set_votes(split, 300, 200)  # the best score, a weak share

    first = list_ideas(ideas_api, challenge, sort="best", limit="2").json
    rest = list_ideas(ideas_api, challenge, sort="best", limit="2", cursor=first["nextCursor"]).json

    assert [i["ideaId"] for i in first["items"] + rest["items"]] == [many, split, few]
    assert rest["nextCursor"] is None


def test_controversial_ranks_many_balanced_votes_first(ideas_api: Api) -> None:
    challenge = a_challenge(ideas_api, voteModel="updown")
    ideas = [an_idea(ideas_api, challenge, f"Idea number {n}")["ideaId"] for n in range(4)]
    for idea_id, (up, down) in zip(ideas, [(50, 50), (5, 5), (90, 10), (40, 0)], strict=True):
        set_votes(idea_id, up, down)

    items = list_ideas(ideas_api, challenge, sort="controversial").json["items"]

    assert [i["ideaId"] for i in items] == [ideas[0], ideas[1], ideas[2], ideas[3]]
    assert [i["votes"]["controversy"] for i in items] == [100.0, 10.0, round(100 ** (1 / 9), 10), 0.0]


def test_controversial_needs_an_updown_challenge(ideas_api: Api) -> None:
    challenge = a_challenge(ideas_api)  # support votes only: nothing is ever divided

    answer = list_ideas(ideas_api, challenge, sort="controversial")

    assert answer.status == 422
    assert answer.json["errors"][0]["field"] == "sort"
    assert list_ideas(ideas_api, "no-such-challenge", sort="controversial").status == 404


def test_hot_prefers_votes_but_decays_with_age(ideas_api: Api) -> None:
    challenge = a_challenge(ideas_api)
    older, newer = (an_idea(ideas_api, challenge, f"Idea number {n}")["ideaId"] for n in range(2))
    set_votes(older, 100)
    set_votes(newer, 10)

    items = list_ideas(ideas_api, challenge, sort="hot").json["items"]

    assert [i["ideaId"] for i in items] == [older, newer]
    assert items[0]["hot"] > items[1]["hot"]


def test_tag_filter_keeps_only_ideas_with_the_tag(ideas_api: Api) -> None:
    challenge = a_challenge(ideas_api, tagVocabulary=["packaging", "flavour"])
    tagged = an_idea(ideas_api, challenge, "Paper tape please", tags=["packaging"])["ideaId"]
    an_idea(ideas_api, challenge, "More lemon flavour", tags=["flavour"])

    items = list_ideas(ideas_api, challenge, tag="packaging").json["items"]

    assert [i["ideaId"] for i in items] == [tagged]


def test_pending_ideas_are_listed_for_staff_only(ideas_api: Api) -> None:
    challenge = a_challenge(ideas_api, moderation="pre")
    pending = an_idea(ideas_api, challenge)["ideaId"]

    assert list_ideas(ideas_api, challenge).json["items"] == []
    assert list_ideas(ideas_api, challenge, as_="participant", status="pending").status == 403
    staff = list_ideas(ideas_api, challenge, as_="moderator", status="pending").json["items"]
    assert [i["ideaId"] for i in staff] == [pending]


def test_limit_is_bounded(ideas_api: Api) -> None:
    challenge = a_challenge(ideas_api)

    answer = list_ideas(ideas_api, challenge, limit="101")

    assert answer.status == 422
    assert answer.json["errors"][0]["field"] == "limit"


def test_pages_follow_each_other_without_overlap(ideas_api: Api) -> None:
    challenge = a_challenge(ideas_api)
    ids = {an_idea(ideas_api, challenge, f"Idea number {n}")["ideaId"] for n in range(5)}

    seen: list[str] = []
    cursor = None
    while True:
        query = {"limit": "2", **({"cursor": cursor} if cursor else {})}
        page = list_ideas(ideas_api, challenge, **query).json
        seen += [i["ideaId"] for i in page["items"]]
        cursor = page["nextCursor"]
        if cursor is None:
            break

    assert sorted(seen) == sorted(ids)


def test_a_tampered_cursor_is_refused(ideas_api: Api) -> None:
    challenge = a_challenge(ideas_api)
    for n in range(2):
        an_idea(ideas_api, challenge, f"Idea number {n}")
    cursor = list_ideas(ideas_api, challenge, limit="1").json["nextCursor"]

    answer = list_ideas(
        ideas_api, challenge, limit="1", cursor=cursor[:-2] + ("A" if cursor[-2] != "A" else "B") + cursor[-1]
    )

    assert answer.status == 422


def test_author_edits_their_idea(ideas_api: Api) -> None:
    challenge = a_challenge(ideas_api)
    idea = an_idea(ideas_api, challenge)

    answer = ideas_api.call(
        "PATCH",
        f"/ideas/{idea['ideaId']}",
        route="/ideas/{ideaId}",
        as_="participant",
        body={"description": "Bring your own bottle."},
    )

    assert answer.status == 200
    assert answer.json["description"] == "Bring your own bottle."
    assert answer.json["title"] == idea["title"]
    assert answer.json["version"] == idea["version"] + 1


def test_edits_lock_after_the_challenges_vote_threshold(ideas_api: Api) -> None:
    challenge = a_challenge(ideas_api, editLockVotes=3)
    idea = an_idea(ideas_api, challenge)
    set_votes(idea["ideaId"], 3)

    answer = ideas_api.call(
        "PATCH", f"/ideas/{idea['ideaId']}", route="/ideas/{ideaId}", as_="participant", body={"title": "A new title"}
    )

    assert answer.status == 409
    assert "edits lock at 3" in answer.json["detail"]


def test_edit_never_overwrites_the_vote_counters(ideas_api: Api) -> None:
    challenge = a_challenge(ideas_api)
    idea = an_idea(ideas_api, challenge)
    set_votes(idea["ideaId"], 7)

    ideas_api.call(
        "PATCH", f"/ideas/{idea['ideaId']}", route="/ideas/{ideaId}", as_="participant", body={"title": "A new title"}
    )

    read = ideas_api.call("GET", f"/ideas/{idea['ideaId']}", route="/ideas/{ideaId}").json
    assert read["votes"]["up"] == 7
    assert read["title"] == "A new title"


def test_someone_elses_visible_idea_is_403_to_edit(ideas_api: Api) -> None:
    challenge = a_challenge(ideas_api)
    idea = an_idea(ideas_api, challenge)

    answer = ideas_api.call(
        "PATCH",
        f"/ideas/{idea['ideaId']}",
        route="/ideas/{ideaId}",
        as_="other_participant",
        body={"title": "Mine now"},
    )

    assert answer.status == 403


def test_withdrawn_idea_leaves_the_public_list_and_keeps_its_history(ideas_api: Api) -> None:
    challenge = a_challenge(ideas_api)
    idea = an_idea(ideas_api, challenge)

    answer = ideas_api.call("DELETE", f"/ideas/{idea['ideaId']}", route="/ideas/{ideaId}", as_="participant")

    assert answer.status == 200
    assert answer.json["status"] == "withdrawn"
    assert answer.json["history"][0]["from"] == "published"
    assert answer.json["history"][0]["to"] == "withdrawn"
    assert list_ideas(ideas_api, challenge).json["items"] == []


def test_admin_moves_an_idea_through_review_with_a_response(ideas_api: Api) -> None:
    challenge = a_challenge(ideas_api)
    idea = an_idea(ideas_api, challenge)

    status(ideas_api, idea["ideaId"], {"status": "under_review", "response": "Our team is on it."})
    answer = status(ideas_api, idea["ideaId"], {"status": "accepted", "response": "Coming next spring."})

    assert answer.status == 200
    assert answer.json["status"] == "accepted"
    assert answer.json["officialResponse"] == "Coming next spring."
    assert [(h["from"], h["to"], h["by"]) for h in answer.json["history"]] == [
        ("published", "under_review", "user-ada"),
        ("under_review", "accepted", "user-ada"),
    ]
    assert [i["ideaId"] for i in list_ideas(ideas_api, challenge, status="accepted").json["items"]] == [idea["ideaId"]]


@pytest.mark.parametrize("target", ["shipped", "pending", "withdrawn", "hidden", "merged"])
def test_illegal_transition_is_409_and_writes_nothing(ideas_api: Api, content_items: Any, target: str) -> None:
    challenge = a_challenge(ideas_api)
    idea = an_idea(ideas_api, challenge)
    before = content_items()

    answer = status(ideas_api, idea["ideaId"], {"status": target})

    assert answer.status == 409
    assert content_items() == before


def test_status_response_is_bounded(ideas_api: Api) -> None:
    challenge = a_challenge(ideas_api)
    idea = an_idea(ideas_api, challenge)

    answer = status(ideas_api, idea["ideaId"], {"status": "accepted", "response": "x" * 5001})

    assert answer.status == 422
    assert answer.json["errors"][0]["field"] == "response"


def test_max_ideas_per_user_is_enforced(ideas_api: Api, content_items: Any) -> None:
    challenge = a_challenge(ideas_api, maxIdeasPerUser=2)
    an_idea(ideas_api, challenge, "First idea here")
    an_idea(ideas_api, challenge, "Second idea here")
    an_idea(ideas_api, challenge, "Someone else's", as_="other_participant")
    before = len(content_items())

    answer = ideas_api.call(
        "POST",
        f"/challenges/{challenge}/ideas",
        route=ROUTE_IDEAS,
        as_="participant",
        body={"title": "Third idea here"},
    )

    assert answer.status == 409
    assert "2 ideas" in answer.json["detail"]
    assert len(content_items()) == before


def test_a_challenge_limits_ideas_per_user_by_default_and_the_brand_may_clear_the_limit(ideas_api: Api) -> None:
    challenge = a_challenge(ideas_api, rateLimits={"ideas": {"max": 20, "windowSeconds": 3600}})
    read = ideas_api.call("GET", f"/challenges/{challenge}", route="/challenges/{challengeId}").json
    assert read["maxIdeasPerUser"] == 10
    for n in range(10):
        an_idea(ideas_api, challenge, f"Idea number {n} here")

    def submit() -> int:
        return ideas_api.call(
            "POST", f"/challenges/{challenge}/ideas", route=ROUTE_IDEAS, as_="participant", body={"title": "One more"}
        ).status

    assert submit() == 409
    cleared = ideas_api.call(
        "PATCH",
        f"/challenges/{challenge}",
        route="/challenges/{challengeId}",
        as_="brand_admin",
        body={"maxIdeasPerUser": None},
    )
    assert cleared.status == 200, cleared.json
    assert submit() == 201


def export(api: Api, challenge_id: str, as_: str = "brand_admin", **query: str) -> Any:
    return api.call(
        "GET",
        f"/challenges/{challenge_id}/export",
        route="/challenges/{challengeId}/export",
        as_=as_,
        query=query or None,
    )


def test_export_pages_through_every_status_as_csv(ideas_api: Api) -> None:
    import csv  # noqa: PLC0415

    challenge = a_challenge(ideas_api)
    ideas = [an_idea(ideas_api, challenge, f"Idea number {n}")["ideaId"] for n in range(3)]
    status(ideas_api, ideas[0], {"status": "declined", "response": "Not for us."})

    rows: list[dict[str, str]] = []
    cursor = None
    pages = 0
    while True:
        answer = export(ideas_api, challenge, limit="2", **({"cursor": cursor} if cursor else {}))
        assert answer.status == 200
        assert answer.headers["Content-Type"].startswith("text/csv")
        lines = answer.body.splitlines()
        assert lines[0].startswith("ideaId,title,description,status")
        rows += list(csv.DictReader(lines))
        pages += 1
        cursor = answer.headers.get("X-Next-Cursor")
        if cursor is None:
            break

    assert sorted(row["ideaId"] for row in rows) == sorted(ideas)
    assert {row["status"] for row in rows} == {"published", "declined"}
    assert pages <= 4  # 2 published per page, then declined; empty statuses are skipped in-call


def test_export_neutralises_spreadsheet_formulas(ideas_api: Api) -> None:
    challenge = a_challenge(ideas_api)
    an_idea(ideas_api, challenge, "=HYPERLINK(evil)")

    body = export(ideas_api, challenge).body

    assert "'=HYPERLINK(evil)" in body


def test_export_keeps_numbers_as_numbers_and_carries_the_description(ideas_api: Api) -> None:
    import csv  # noqa: PLC0415

    challenge = a_challenge(ideas_api)
    idea_id = an_idea(ideas_api, challenge, "Refill stations", description="-1 plastic bottle per visit")["ideaId"]
    set_votes(idea_id, 2, 5)

    rows = list(csv.DictReader(export(ideas_api, challenge).body.splitlines()))

    assert rows[0]["score"] == "-3"  # a number, not the text '-3
    assert (rows[0]["votesUp"], rows[0]["votesDown"]) == ("2", "5")
    assert rows[0]["description"] == "'-1 plastic bottle per visit"  # text that looks like a formula is quoted
