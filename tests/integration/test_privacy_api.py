"""A participant's export and erasure on moto, and a brand admin pseudonymising one contribution.

The participant (user-pat) leaves a footprint in every table: ideas, a comment another user replied
to, votes (in a challenge with a budget), follows, an inbox, preferences with an address, a report,
an appeal, a staff membership. The erasure must leave nothing naming them (but the record that it
ran), keep their contributions and the vote counts, and end the same after a crash anywhere."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import boto3
import pytest

from shared.domain.privacy import ERASURE_STEPS
from tests.builders import LambdaContext, envelope, sqs_event
from tests.faults import WRITES, Fault, FaultInjector
from tests.integration.conftest import EXPORT_BUCKET, TABLE_NAMES, Api
from tests.integration.redelivery import Queue, Scenario, Tables, untimed, without

PAT = "user-pat"
IDEAS, COMMENTS, VOTE = "/challenges/{challengeId}/ideas", "/ideas/{ideaId}/comments", "/ideas/{ideaId}/vote"
ERASE = {"confirm": "erase me"}


def _ok(answer: Any, status: int = 200) -> Any:
    assert answer.status == status, answer.body
    return answer.json


@pytest.fixture
def footprint(ideas_api: Api, votes_api: Api, notifications_api: Api, moderation_api: Api) -> dict[str, str]:
    body = {"brandId": "acme", "title": "Greener packaging", "phase": "submission", "voteBudget": 3}
    challenge = _ok(ideas_api.call("POST", "/challenges", as_="brand_admin", body=body), 201)["challengeId"]

    def idea(title: str, as_: str) -> str:
        path = f"/challenges/{challenge}/ideas"
        return str(_ok(ideas_api.call("POST", path, route=IDEAS, as_=as_, body={"title": title}), 201)["ideaId"])

    mine, theirs = idea("Refill stations in stores", "participant"), idea("Paper tape", "other_participant")
    comments = f"/ideas/{theirs}/comments"
    comment = _ok(ideas_api.call("POST", comments, route=COMMENTS, as_="participant", body={"body": "Yes!"}), 201)
    reply = {"body": "Thanks", "parentId": comment["commentId"]}
    _ok(ideas_api.call("POST", comments, route=COMMENTS, as_="other_participant", body=reply), 201)
    _ok(votes_api.call("PUT", f"/ideas/{theirs}/vote", route=VOTE, as_="participant", body={"value": 1}))
    _ok(votes_api.call("PUT", f"/ideas/{mine}/vote", route=VOTE, as_="other_participant", body={"value": 1}))
    follow = "/ideas/{ideaId}/subscription"
    _ok(notifications_api.call("PUT", f"/ideas/{theirs}/subscription", route=follow, as_="participant"))
    _ok(notifications_api.call("GET", "/me/preferences", as_="participant"))  # keeps pat's verified address
    posted = envelope("CommentPosted", theirs, challenge, authorId="user-oscar", parentAuthorId=PAT)
    notifications_api.module.lambda_handler(sqs_event(posted), LambdaContext())  # a notice in pat's inbox
    report = {"reason": "spam"}
    reports = "/ideas/{ideaId}/reports"
    _ok(moderation_api.call("POST", f"/ideas/{theirs}/reports", route=reports, as_="participant", body=report), 201)
    hide = {"targetType": "comment", "targetId": comment["commentId"], "action": "hide", "reason": "spam", "version": 0}
    _ok(moderation_api.call("POST", "/moderation/decisions", as_="moderator", body=hide))
    appeal = {"targetType": "comment", "targetId": comment["commentId"], "message": "It was a joke."}
    _ok(moderation_api.call("POST", "/moderation/appeals", as_="participant", body=appeal))
    invite = {"email": "pat@example.com", "role": "moderator"}
    _ok(
        ideas_api.call("POST", "/brands/acme/staff", route="/brands/{brandId}/staff", as_="brand_admin", body=invite),
        201,
    )
    _ok(
        ideas_api.call(
            "POST", "/me/invitations/acme/accept", route="/me/invitations/{brandId}/accept", as_="participant"
        )
    )
    return {"challenge": challenge, "mine": mine, "theirs": theirs, "comment": str(comment["commentId"])}


def requested(event: str, **detail: Any) -> dict[str, Any]:
    return sqs_event(envelope(event, "-", "-", userId=PAT, **detail))


def naming_pat() -> list[tuple[str, dict[str, Any]]]:
    """Every item of every table that still names the participant (tests may Scan)."""
    dynamodb = boto3.resource("dynamodb")
    found = []
    for name in TABLE_NAMES.values():
        for item in dynamodb.Table(name).scan()["Items"]:
            if PAT in json.dumps(item, default=str):
                found.append((name, item))
    return found


def test_an_erasure_leaves_nothing_naming_the_person_and_keeps_their_contributions_and_counts(
    footprint: dict[str, str], privacy_api: Api, ideas_api: Api, votes_api: Api
) -> None:
    before = {item[1]["pk"] for item in naming_pat()}
    assert len(before) > 10  # the footprint is everywhere

    answer = privacy_api.call("DELETE", "/me", as_="participant", body=ERASE)
    running = privacy_api.call("DELETE", "/me", as_="participant", body=ERASE)  # again: the same erasure
    result = privacy_api.module.lambda_handler(requested("ErasureRequested"), LambdaContext())

    assert (answer.status, answer.json["state"], answer.headers["Location"]) == (202, "running", "/me/erasure")
    assert (running.status, running.json["requestedAt"]) == (202, answer.json["requestedAt"])
    assert result == {"batchItemFailures": []}
    status = _ok(privacy_api.call("GET", "/me/erasure", as_="participant"))
    assert (status["state"], status["stepsDone"], status["steps"]) == ("done", len(ERASURE_STEPS), len(ERASURE_STEPS))
    assert [(table, item["sk"]) for table, item in naming_pat()] == [(TABLE_NAMES["ContentTable"], "ERASURE")]

    mine = _ok(ideas_api.call("GET", f"/ideas/{footprint['mine']}", route="/ideas/{ideaId}"))
    assert mine["formerParticipant"] is True
    assert mine["authorId"].startswith("former-")
    thread = _ok(ideas_api.call("GET", f"/ideas/{footprint['theirs']}/comments", route=COMMENTS))["items"]
    assert [(c["authorId"] == mine["authorId"], c["formerParticipant"]) for c in thread] == [
        (True, True),
        (False, False),
    ]
    votes = boto3.resource("dynamodb").Table(TABLE_NAMES["VotesTable"]).scan()["Items"]
    moved = [v for v in votes if str(v["pk"]).startswith(f"VOTE#{footprint['theirs']}#")]
    assert [(v["voterId"], v.get("erased")) for v in moved] == [(mine["authorId"], True)]  # still there: still counted
    assert not [v for v in votes if str(v["pk"]).startswith("BUDGET#") and PAT in v["pk"]]
    mine_now = votes_api.call("GET", "/me/votes", as_="participant", query={"challengeId": footprint["challenge"]})
    assert _ok(mine_now)["items"] == []


def test_the_audit_log_keeps_the_facts_under_the_pseudonym_and_records_the_erasure(
    footprint: dict[str, str], privacy_api: Api, moderation_api: Api
) -> None:
    privacy_api.call("DELETE", "/me", as_="participant", body=ERASE)
    privacy_api.module.lambda_handler(requested("ErasureRequested"), LambdaContext())

    query = {"brandId": "acme", "targetType": "comment", "targetId": footprint["comment"]}
    entries = _ok(moderation_api.call("GET", "/moderation/audit", as_="moderator", query=query))["items"]

    assert [entry["step"] for entry in entries] == ["erased", "appealed", "hide"]  # no screening here: no bus
    pseudonym = entries[0]["authorId"]
    assert pseudonym.startswith("former-")
    assert {entry["authorId"] for entry in entries} == {pseudonym}
    assert entries[1]["actor"] == pseudonym  # the appeal was pat's
    assert (entries[0]["actor"], entries[2]["actor"]) == ("system:privacy", "user-mia")


def test_an_erasure_needs_its_confirmation_and_writes_nothing_without_it(privacy_api: Api) -> None:
    answer = privacy_api.call("DELETE", "/me", as_="participant", body={"confirm": "yes"})

    assert answer.status == 422, answer.body
    assert answer.json["errors"][0]["field"] == "confirm"
    assert privacy_api.call("GET", "/me/erasure", as_="participant").status == 404


def test_an_erasure_out_of_time_queues_its_rest_and_the_rest_finishes_it(
    footprint: dict[str, str], privacy_api: Api
) -> None:
    privacy_api.module.MARGIN_MS = 60_000  # more than the context has left: one step per invocation
    privacy_api.call("DELETE", "/me", as_="participant", body=ERASE)
    sqs = boto3.client("sqs")
    queue = privacy_api.module.wiring.settings.queue_url

    privacy_api.module.lambda_handler(requested("ErasureRequested"), LambdaContext())
    invocations = 1
    while messages := sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=1).get("Messages"):
        sqs.delete_message(QueueUrl=queue, ReceiptHandle=messages[0]["ReceiptHandle"])
        record = sqs_event({})["Records"][0] | {"body": messages[0]["Body"]}
        privacy_api.module.lambda_handler({"Records": [record]}, LambdaContext())
        invocations += 1

    assert invocations == len(ERASURE_STEPS)  # a step each
    assert _ok(privacy_api.call("GET", "/me/erasure", as_="participant"))["state"] == "done"
    assert len(naming_pat()) == 1


@pytest.fixture
def erasure(footprint: dict[str, str], privacy_api: Api, faults: FaultInjector) -> Scenario:
    privacy_api.call("DELETE", "/me", as_="participant", body=ERASE)
    tables = Tables(*TABLE_NAMES)

    def state() -> Any:
        return {
            name: [untimed(without(item, "finishedAt", "expiresAt")) for item in tables.items(name)]
            for name in TABLE_NAMES
        }

    def prepare(module: Any) -> None:
        module.MARGIN_MS = 0

    queue = Queue(
        privacy_api.module.wiring.settings.queue_url, [json.loads(requested("ErasureRequested")["Records"][0]["body"])]
    )
    return Scenario(("functions.privacy.wiring", "functions.privacy.app"), queue, tables, state, prepare=prepare)


def test_an_erasure_crashing_after_any_write_resumes_and_ends_as_one_clean_run(
    erasure: Scenario, faults: FaultInjector
) -> None:
    clean = erasure.run(faults)
    assert clean.failures == 0
    assert len([item for items in clean.state.values() for item in items if PAT in json.dumps(item, default=str)]) == 1
    writes = [call for call in clean.calls if call.split(".")[1] in WRITES and call.startswith("dynamodb.")]
    assert len(writes) > 20

    for at, call in enumerate(writes, start=1):
        run = erasure.run(faults, Fault("crash", at=at, writes_only=True, service="dynamodb"))
        where = f"crashed after {call} (write {at} of {len(writes)})"
        assert (run.fired, run.answer) == (call, None), where
        assert run.state == clean.state, where


# ---------------------------------------------------------------- export


def test_an_export_is_built_off_the_request_path_and_downloaded_through_a_short_link(
    footprint: dict[str, str], privacy_api: Api
) -> None:
    assert privacy_api.call("GET", "/me/export", as_="participant").status == 404
    boto3.client("dynamodb").put_item(  # the public name the participant chose (reputation)
        TableName=TABLE_NAMES["ReputationTable"],
        Item={"pk": {"S": "USER#user-pat"}, "sk": {"S": "PROFILE"}, "publicName": {"S": "Pat"}},
    )

    asked = privacy_api.call("POST", "/me/export", as_="participant")
    again = privacy_api.call("POST", "/me/export", as_="participant")
    privacy_api.module.lambda_handler(requested("ExportRequested", exportId=asked.json["exportId"]), LambdaContext())
    ready = _ok(privacy_api.call("GET", "/me/export", as_="participant"))

    assert (asked.status, asked.json["state"], asked.headers["Location"]) == (202, "queued", "/me/export")
    assert again.status == 409  # one at a time
    assert ready["state"] == "ready"
    assert EXPORT_BUCKET in ready["downloadUrl"]
    assert "X-Amz-Expires=300" in ready["downloadUrl"]
    key = f"exports/{ready['exportId']}.zip"
    data = boto3.client("s3").get_object(Bucket=EXPORT_BUCKET, Key=key)["Body"].read()
    assert ready["size"] == len(data)
    archive = zipfile.ZipFile(io.BytesIO(data))
    documents = {name: archive.read(name).decode() for name in archive.namelist()}
    assert "README.md" in documents
    kinds = {name: json.loads(text) for name, text in documents.items() if name.endswith(".json")}
    assert [idea["title"] for idea in kinds["ideas.json"]] == ["Refill stations in stores"]
    assert [comment["body"] for comment in kinds["comments.json"]] == ["Yes!"]  # not oscar's reply
    assert [vote["ideaId"] for vote in kinds["votes.json"]] == [footprint["theirs"]]
    assert [(r["sk"] if "sk" in r else r["reason"]) for r in kinds["reports.json"]] == ["spam"]
    assert kinds["preferences.json"][0]["email"] == "pat@example.com"
    assert [entry["step"] for entry in kinds["moderation-log.json"]] == ["reported"]
    assert [entry["details"]["message"] for entry in kinds["appeals.json"]] == ["It was a joke."]
    assert [member["brandId"] for member in kinds["staff.json"]] == ["acme"]
    assert [item.get("publicName") for item in kinds["reputation.json"]] == ["Pat"]
    assert all("gsi1pk" not in item and "upk" not in item for items in kinds.values() for item in items)


def test_an_erasure_deletes_the_export_and_its_archive(footprint: dict[str, str], privacy_api: Api) -> None:
    asked = privacy_api.call("POST", "/me/export", as_="participant").json
    privacy_api.module.lambda_handler(requested("ExportRequested", exportId=asked["exportId"]), LambdaContext())

    privacy_api.call("DELETE", "/me", as_="participant", body=ERASE)
    privacy_api.module.lambda_handler(requested("ErasureRequested"), LambdaContext())

    assert privacy_api.call("GET", "/me/export", as_="participant").status == 404
    listed = boto3.client("s3").list_objects_v2(Bucket=EXPORT_BUCKET).get("Contents", [])
    assert listed == []


# ---------------------------------------------------------------- one contribution


def test_a_brand_admin_pseudonymises_one_idea_on_request(
    footprint: dict[str, str], moderation_api: Api, ideas_api: Api
) -> None:
    body = {"targetType": "idea", "targetId": footprint["mine"]}

    refused = moderation_api.call("POST", "/moderation/pseudonymisations", as_="moderator", body=body)
    case = moderation_api.call("POST", "/moderation/pseudonymisations", as_="brand_admin", body=body)
    again = moderation_api.call("POST", "/moderation/pseudonymisations", as_="brand_admin", body=body)

    assert refused.status == 403
    assert case.status == 200, case.body
    assert case.json["authorId"].startswith("former-")
    assert again.status == 409
    idea = _ok(ideas_api.call("GET", f"/ideas/{footprint['mine']}", route="/ideas/{ideaId}"))
    assert (idea["authorId"], idea["formerParticipant"]) == (case.json["authorId"], True)
    query = {"brandId": "acme", "targetType": "idea", "targetId": footprint["mine"]}
    entries = _ok(moderation_api.call("GET", "/moderation/audit", as_="moderator", query=query))["items"]
    assert next((e["step"], e["actor"]) for e in entries) == ("pseudonymised", "user-ada")
    assert {e["authorId"] for e in entries} == {case.json["authorId"]}
    edit = {"title": "Mine again"}
    mine = ideas_api.call("PATCH", f"/ideas/{footprint['mine']}", route="/ideas/{ideaId}", as_="participant", body=edit)
    assert mine.status in {403, 404}  # no longer theirs


def test_a_pseudonymised_comment_takes_its_replies_links_along(footprint: dict[str, str], moderation_api: Api) -> None:
    body = {"targetType": "comment", "targetId": footprint["comment"]}

    case = _ok(moderation_api.call("POST", "/moderation/pseudonymisations", as_="brand_admin", body=body))

    items = boto3.resource("dynamodb").Table(TABLE_NAMES["ContentTable"]).scan()["Items"]
    [reply] = [item for item in items if item.get("parentId") == footprint["comment"]]
    assert reply["parentAuthorId"] == case["authorId"]
