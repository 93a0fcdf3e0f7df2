"""How good the duplicate check is: precision@3 and recall@3 over the fixture's near-duplicate
groups, through the whole path on moto (API submission, the content stream, the similarity
function, GET .../similar). The figures are printed (`pytest -s` shows them)."""

from __future__ import annotations

from tests.integration.conftest import Api
from tests.integration.similarity_support import ContentStream
from tests.similarity_quality import load_fixture, measure


def test_the_duplicate_check_finds_known_near_duplicates(ideas_api: Api) -> None:
    fixture = load_fixture()
    stream = ContentStream()
    created = ideas_api.call(
        "POST",
        "/challenges",
        as_="brand_admin",
        body={
            **fixture["challenge"],
            "brandId": "acme",
            "phase": "submission",
            "maxIdeasPerUser": None,
            "rateLimits": {"ideas": {"max": 100, "windowSeconds": 60}},
        },
    )
    challenge_id = created.json["challengeId"]
    ids = {}
    for idea in fixture["ideas"]:
        answer = ideas_api.call(
            "POST",
            f"/challenges/{challenge_id}/ideas",
            route="/challenges/{challengeId}/ideas",
            as_="participant",
            body={"title": idea["title"], "description": idea["description"]},
        )
        assert answer.status == 201, answer.body
        ids[idea["key"]] = answer.json["ideaId"]
    assert all(answer == {"batchItemFailures": []} for answer in stream.deliver())

    def search(text: str) -> list[str]:
        answer = ideas_api.call(
            "GET",
            f"/challenges/{challenge_id}/similar",
            route="/challenges/{challengeId}/similar",
            query={"text": text},
        )
        assert answer.status == 200, answer.body
        return [item["ideaId"] for item in answer.json["items"]]

    quality = measure(fixture, ids, search)

    print("\n" + quality.report())
    assert len(fixture["ideas"]) >= 40
    assert quality.precision >= 0.8
    assert quality.recall >= 0.8
    assert quality.probes_found == quality.probes
