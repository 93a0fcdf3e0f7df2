"""What a front end sees: tokens, the contract's routes, error answers, events on the bus, docs."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jwt
import pytest

from infra.local.cloud import LocalCloud
from tests.e2e.conftest import Call

pytestmark = pytest.mark.e2e

PROBLEM_JSON = "application/problem+json"
ROUTES = {
    ("post", "/challenges"),
    ("get", "/challenges/{challengeId}"),
    ("post", "/challenges/{challengeId}/ideas"),
    ("get", "/ideas/{ideaId}"),
}


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    body: dict[str, Any] = response.json()
    assert {"type", "title", "status", "detail"} <= body.keys()
    assert body["status"] == status
    return body


def submit_idea(call: Call, token: Callable[..., str], challenge_id: str, title: str) -> Any:
    return call(
        "POST",
        f"/challenges/{challenge_id}/ideas",
        token=token("pat"),
        json={"title": title, "description": "Made by the e2e suite.", "tags": ["packaging"]},
    )


# ---------------------------------------------------------------------- local identity
def test_health(call: Call) -> None:
    response = call("GET", "/_local/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_token_endpoint_mints_tokens_the_jwks_verifies(cloud: LocalCloud, call: Call) -> None:
    response = call("POST", "/_local/token", json={"sub": "alice", "groups": ["brand-acme-admins"]})
    assert response.status_code == 200, response.text
    minted = response.json()["token"]

    jwks = jwt.PyJWKSet.from_dict(call("GET", "/_local/.well-known/jwks.json").json())
    key = jwks[jwt.get_unverified_header(minted)["kid"]]
    claims = jwt.decode(minted, key.key, algorithms=["RS256"], audience="cocreate-local", issuer=f"{cloud.url}/_local")
    assert claims["sub"] == "alice"
    assert claims["cognito:groups"] == ["brand-acme-admins"]
    assert claims["exp"] > time.time()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "sub"),
        ({"sub": ""}, "sub"),
        ({"sub": "alice", "groups": "brand-acme-admins"}, "groups"),
        ({"sub": "alice", "ttlSeconds": "60"}, "ttlSeconds"),
        ({"sub": "alice", "admin": True}, "admin"),
    ],
)
def test_token_endpoint_rejects_bad_input(call: Call, body: dict[str, Any], field: str) -> None:
    problem = assert_problem(call("POST", "/_local/token", json=body), 422)
    assert field in {error["field"] for error in problem["errors"]}


# ---------------------------------------------------------------------- challenges
def test_brand_admin_creates_a_challenge(call: Call, token: Callable[..., str]) -> None:
    response = call(
        "POST",
        "/challenges",
        token=token("ada", ["brand-acme-admins"]),
        json={
            "brandId": "acme",
            "title": "Greener packaging",
            "phase": "submission",
            "moderation": "pre",
            "tagVocabulary": ["packaging"],
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["location"] == f"/challenges/{body['challengeId']}"
    assert body["brandId"] == "acme"
    assert body["phase"] == "submission"
    assert body["submittingOpen"] is True


def test_participant_may_not_create_a_challenge(call: Call, token: Callable[..., str]) -> None:
    response = call("POST", "/challenges", token=token("pat"), json={"brandId": "acme", "title": "Not mine to make"})
    assert_problem(response, 403)


@pytest.mark.parametrize("credentials", [None, "not-a-jwt", "expired"])
def test_anonymous_or_bad_token_is_unauthorized(call: Call, token: Callable[..., str], credentials: str | None) -> None:
    bearer = token("ada", ["brand-acme-admins"], ttl_seconds=-120) if credentials == "expired" else credentials
    response = call("POST", "/challenges", token=bearer, json={"brandId": "acme", "title": "Nobody's challenge"})
    assert_problem(response, 401)
    assert response.headers.get("www-authenticate", "").startswith("Bearer")


def test_challenge_is_public(call: Call, open_challenge: dict[str, Any]) -> None:
    response = call("GET", f"/challenges/{open_challenge['challengeId']}")
    assert response.status_code == 200, response.text
    assert response.json()["title"] == open_challenge["title"]


# ---------------------------------------------------------------------- ideas
def test_participant_submits_an_idea_anyone_reads(
    call: Call, token: Callable[..., str], open_challenge: dict[str, Any]
) -> None:
    created = submit_idea(call, token, open_challenge["challengeId"], "Paper straws in every pack")
    assert created.status_code == 201, created.text
    idea = created.json()
    assert created.headers["location"] == f"/ideas/{idea['ideaId']}"
    assert idea["authorId"] == "pat"

    read = call("GET", f"/ideas/{idea['ideaId']}")
    assert read.status_code == 200, read.text
    assert read.json()["votes"] == {"up": 0, "down": 0, "score": 0, "wilson": 0.0, "controversy": 0.0}
    assert read.json()["title"] == "Paper straws in every pack"


def test_public_route_still_checks_a_token_sent_to_it(call: Call, open_challenge: dict[str, Any]) -> None:
    # No authorizer on the route: the function verifies the token itself against the local JWKS.
    assert_problem(call("GET", f"/challenges/{open_challenge['challengeId']}", token="forged"), 401)


def test_unknown_field_is_named(call: Call, token: Callable[..., str], open_challenge: dict[str, Any]) -> None:
    response = call(
        "POST",
        f"/challenges/{open_challenge['challengeId']}/ideas",
        token=token("pat"),
        json={"title": "A fine idea", "status": "published"},
    )
    problem = assert_problem(response, 422)
    assert [error["field"] for error in problem["errors"]] == ["status"]


def test_non_json_body_is_a_bad_request(call: Call, token: Callable[..., str], open_challenge: dict[str, Any]) -> None:
    response = call(
        "POST",
        f"/challenges/{open_challenge['challengeId']}/ideas",
        token=token("pat"),
        data=b"title=A fine idea",
        headers={"content-type": "application/json"},
    )
    assert_problem(response, 400)


def test_body_over_64_kib_is_refused(call: Call, token: Callable[..., str], open_challenge: dict[str, Any]) -> None:
    response = call(
        "POST",
        f"/challenges/{open_challenge['challengeId']}/ideas",
        token=token("pat"),
        json={"title": "Too long", "description": "x" * (64 * 1024)},
    )
    assert_problem(response, 413)


# ---------------------------------------------------------------------- events
def test_idea_submitted_reaches_the_bus_exactly_once(
    cloud: LocalCloud, call: Call, token: Callable[..., str], open_challenge: dict[str, Any]
) -> None:
    created = submit_idea(call, token, open_challenge["challengeId"], "Refill stations for snacks")
    assert created.status_code == 201, created.text
    idea_id = created.json()["ideaId"]

    def seen() -> list[dict[str, Any]]:
        return [e for e in cloud.events("IdeaSubmitted") if e["detail"]["ideaId"] == idea_id]

    deadline = time.monotonic() + 10
    while not seen() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert seen(), "IdeaSubmitted did not reach the bus within 10 s"
    time.sleep(1.5)  # room for a duplicate to show up
    events = seen()
    assert len(events) == 1
    event = events[0]
    assert event["source"] == "cocreate.ideas"
    assert {"id", "version", "account", "time", "region", "resources"} <= event.keys()
    assert event["detail"]["challengeId"] == open_challenge["challengeId"]
    assert event["detail"]["authorId"] == "pat"

    listed = call("GET", "/_local/events", params={"detailType": "IdeaSubmitted"}).json()["items"]
    assert idea_id in [item["detail"]["ideaId"] for item in listed]


# ---------------------------------------------------------------------- the gateway itself
@pytest.mark.parametrize(
    ("method", "path"), [("GET", "/nowhere"), ("DELETE", "/challenges"), ("GET", "/ideas/"), ("TRACE", "/challenges")]
)
def test_unknown_route_is_a_problem_404(call: Call, method: str, path: str) -> None:
    assert_problem(call(method, path), 404)


def test_openapi_lists_the_routes(cloud: LocalCloud, call: Call) -> None:
    response = call("GET", "/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    operations = {(method, path) for path, item in spec["paths"].items() for method in item}
    assert operations >= ROUTES
    assert spec["info"]["title"] == "Cocreate API"
    assert spec["servers"] == [{"url": cloud.url}]
    assert "bearerAuth" in spec["components"]["securitySchemes"]
    committed = json.loads((Path(__file__).resolve().parents[2] / "docs" / "openapi.json").read_text())
    assert spec["paths"] == committed["paths"]  # served as generated: tidied, linted, the clients' source
    assert spec["tags"] == committed["tags"]


def test_docs_is_swagger_ui(call: Call) -> None:
    page = call("GET", "/docs")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "SwaggerUIBundle" in page.text
    script = call("GET", "/_local/swagger-ui/swagger-ui-bundle.min.js")
    assert script.status_code == 200
    assert len(script.content) > 100_000


def test_cors_preflight_for_the_templates_origin(call: Call) -> None:
    response = call(
        "OPTIONS",
        "/challenges",
        headers={"origin": "http://localhost:5173", "access-control-request-method": "POST"},
    )
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "http://localhost:5173"
    assert "POST" in response.headers["access-control-allow-methods"]
    assert {"authorization", "idempotency-key", "if-match"} <= set(
        response.headers["access-control-allow-headers"].split(",")
    )


def test_cors_lets_an_allowed_origin_read_the_etag_and_no_other_origin_read_anything(call: Call) -> None:
    allowed = call("GET", "/challenges", headers={"origin": "http://localhost:5173"})
    other = call("GET", "/challenges", headers={"origin": "https://evil.example"})

    assert allowed.status_code == other.status_code == 200
    exposed = set(allowed.headers["access-control-expose-headers"].split(","))
    assert {"etag", "location", "retry-after", "ratelimit", "ratelimit-policy"} <= exposed
    assert "access-control-allow-origin" not in other.headers


def test_a_stale_if_match_is_refused_through_the_gateway(call: Call, token: Callable[..., str]) -> None:
    admin = token("ada", ["brand-acme-admins"])
    body = {"brandId": "acme", "title": "Greener packaging", "phase": "submission"}
    created = call("POST", "/challenges", token=admin, json=body)
    path = created.headers["location"]
    read = call("GET", path)

    tag = {"if-match": read.headers["etag"]}
    first = call("PATCH", path, token=admin, json={"title": "Greener packaging, round 2"}, headers=tag)
    stale = call("PATCH", path, token=admin, json={"title": "A lost update"}, headers=tag)

    assert first.status_code == 200
    assert first.headers["etag"] != read.headers["etag"]
    assert stale.status_code == 412
    assert stale.json()["errors"][0]["field"] == "If-Match"
    assert call("GET", path).json()["title"] == "Greener packaging, round 2"
