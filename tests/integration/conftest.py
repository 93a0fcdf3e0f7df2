"""Handlers invoked with real-shaped events under moto; tables built from template.yaml itself."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from moto import mock_aws

from infra.openapi import load_template
from infra.tables import create_tables
from tests.builders import LambdaContext, api_event
from tests.faults import FaultInjector

TEMPLATE = load_template()
TABLE_NAMES = {
    "ContentTable": "content-table",
    "IdempotencyTable": "idempotency-table",
    "SimilarityTable": "similarity-table",
    "VotesTable": "votes-table",
    "NotificationsTable": "notifications-table",
    "ModerationTable": "moderation-table",
    "AuditTable": "audit-table",
    "RateLimitsTable": "rate-limits-table",
    "ConnectionsTable": "connections-table",
    "ReputationTable": "reputation-table",
}
BUS_NAME = "cocreate-test-bus"
SENDER = "notifications@cocreate.example"
UNSUBSCRIBE_SECRET = "integration-unsubscribe-secret"
CURSOR_SECRET = "integration-cursor-secret"
EXPORT_BUCKET = "cocreate-test-exports"
LIVE_ENDPOINT = "https://live.execute-api.us-east-1.amazonaws.com/live"


BRANDS = ("acme", "globex")  # the brands the principals below are staff of, added as an operator would


def add_brands(*brand_ids: str) -> None:
    """Brand items straight in the content table (POST /brands is tested on its own)."""
    from shared.domain.brands import Brand  # noqa: PLC0415 - after the environment is set
    from shared.store.content import DynamoBrandRepository  # noqa: PLC0415

    brands = DynamoBrandRepository(boto3.client("dynamodb"), TABLE_NAMES["ContentTable"])
    at = datetime(2026, 1, 1, tzinfo=UTC)
    for brand_id in brand_ids:
        brand = Brand(brand_id=brand_id, name=brand_id.title(), created_by="user-otto", created_at=at, updated_at=at)
        brands.add(brand)


# The staff list of the brands above, as their admins would have made it (the principals' groups
# say the same): appeals go to "another moderator" and the queue's notices to these.
STAFF = {"acme": {"user-ada": "admin", "user-mia": "moderator"}, "globex": {"user-mona": "moderator"}}


def add_staff(staff: dict[str, dict[str, str]]) -> None:
    from shared.domain.staff import StaffMember, StaffRole, StaffState, member_id_for  # noqa: PLC0415
    from shared.store.staff import DynamoStaffRepository  # noqa: PLC0415

    repository = DynamoStaffRepository(boto3.client("dynamodb"), TABLE_NAMES["ContentTable"])
    at = datetime(2026, 1, 1, tzinfo=UTC)
    for brand_id, members in staff.items():
        for user_id, role in members.items():
            email = f"{user_id}@example.com"
            member = StaffMember(
                brand_id=brand_id,
                member_id=member_id_for(brand_id, email),
                email=email,
                role=StaffRole(role),
                state=StaffState.ACTIVE,
                invited_by="user-otto",
                invited_at=at,
                user_id=user_id,
                joined_at=at,
            )
            repository.put(member, None)


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("CONTENT_TABLE", TABLE_NAMES["ContentTable"])
    monkeypatch.setenv("IDEMPOTENCY_TABLE", TABLE_NAMES["IdempotencyTable"])
    monkeypatch.setenv("SIMILARITY_TABLE", TABLE_NAMES["SimilarityTable"])
    monkeypatch.setenv("VOTES_TABLE", TABLE_NAMES["VotesTable"])
    monkeypatch.setenv("NOTIFICATIONS_TABLE", TABLE_NAMES["NotificationsTable"])
    monkeypatch.setenv("MODERATION_TABLE", TABLE_NAMES["ModerationTable"])
    monkeypatch.setenv("AUDIT_TABLE", TABLE_NAMES["AuditTable"])
    monkeypatch.setenv("RATE_LIMITS_TABLE", TABLE_NAMES["RateLimitsTable"])
    monkeypatch.setenv("REPUTATION_TABLE", TABLE_NAMES["ReputationTable"])
    monkeypatch.setenv("CHALLENGE_CACHE_SECONDS", "0")  # tests change a phase and vote at once
    monkeypatch.setenv("JWT_ISSUER", "https://issuer.example.test")
    monkeypatch.setenv("JWT_AUDIENCE", "cocreate-tests")
    monkeypatch.setenv("ISSUER_GRANTS_OPERATORS", "true")
    monkeypatch.setenv("EVENT_BUS_NAME", BUS_NAME)
    monkeypatch.setenv("CURSOR_SECRET_ID", "cursor-secret")
    monkeypatch.setenv("UNSUBSCRIBE_SECRET_ID", "/cocreate/unsubscribe-secret")  # an SSM SecureString
    monkeypatch.setenv("SENDER_EMAIL", SENDER)
    monkeypatch.setenv("UNSUBSCRIBE_URL", "https://api.example.test/unsubscribe")
    monkeypatch.setenv("WEB_APP_URL", "https://ideas.example.test")
    monkeypatch.setenv("CAMPAIGN_NAME", "demo")
    with mock_aws():
        create_tables(boto3.client("dynamodb"), TEMPLATE, TABLE_NAMES.__getitem__)
        add_brands(*BRANDS)
        add_staff(STAFF)
        boto3.client("secretsmanager").create_secret(Name="cursor-secret", SecretString=CURSOR_SECRET)
        boto3.client("ssm").put_parameter(
            Name="/cocreate/unsubscribe-secret", Value=UNSUBSCRIBE_SECRET, Type="SecureString"
        )
        boto3.client("events").create_event_bus(Name=BUS_NAME)
        boto3.client("sesv2").create_email_identity(EmailIdentity=SENDER)
        queue = boto3.client("sqs").create_queue(QueueName="notifications-queue")["QueueUrl"]
        monkeypatch.setenv("NOTIFICATIONS_QUEUE_URL", queue)
        dead = boto3.client("sqs").create_queue(QueueName="notifications-dlq")["QueueUrl"]
        monkeypatch.setenv("NOTIFICATIONS_DLQ_URL", dead)
        monkeypatch.setenv("LOCAL_MODE", "true")
        boto3.client("s3").create_bucket(Bucket=EXPORT_BUCKET)
        monkeypatch.setenv("EXPORT_BUCKET", EXPORT_BUCKET)
        privacy = boto3.client("sqs").create_queue(QueueName="privacy-queue")["QueueUrl"]
        monkeypatch.setenv("PRIVACY_QUEUE_URL", privacy)
        monkeypatch.setenv("CONNECTIONS_TABLE", TABLE_NAMES["ConnectionsTable"])
        monkeypatch.setenv("LIVE_ENDPOINT", LIVE_ENDPOINT)
        later = boto3.client("sqs").create_queue(QueueName="live-queue")["QueueUrl"]
        monkeypatch.setenv("LIVE_QUEUE_URL", later)
        yield


class StaticVerifier:
    """Stands in for the JWKS verifier on public routes: a token is simply the user's name."""

    def __init__(self, claims_by_token: dict[str, dict[str, Any]]) -> None:
        self.claims_by_token = claims_by_token

    def verify(self, token: str) -> dict[str, Any]:
        from shared.domain.errors import UnauthorizedError  # noqa: PLC0415

        if token not in self.claims_by_token:
            raise UnauthorizedError("The bearer token is not valid.")
        return self.claims_by_token[token]


PRINCIPALS: dict[str, dict[str, Any] | None] = {
    "anonymous": None,
    "participant": {"sub": "user-pat", "email": "pat@example.com", "email_verified": "true"},
    "other_participant": {"sub": "user-oscar"},
    "other_brand_moderator": {"sub": "user-mona", "cognito:groups": "[brand-globex-moderators]"},
    "moderator": {"sub": "user-mia", "cognito:groups": "[brand-acme-moderators]"},
    "brand_admin": {"sub": "user-ada", "cognito:groups": "[brand-acme-admins]"},
    "operator": {"sub": "user-otto", "cognito:groups": "[operators]"},
}
PUBLIC_ROUTES = {
    (event["Properties"]["Method"].upper(), event["Properties"]["Path"])
    for resource in TEMPLATE["Resources"].values()
    if resource["Type"] == "AWS::Serverless::Function"
    for event in resource["Properties"].get("Events", {}).values()
    if event["Type"] == "HttpApi" and event["Properties"].get("Auth", {}).get("Authorizer") == "NONE"
}


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: Any

    @property
    def json(self) -> Any:
        return self.body


class Api:
    """Calls a function's handler as the HTTP API would, as one of the named principals."""

    def __init__(self, module: Any) -> None:
        self.module = module

    def call(
        self, method: str, path: str, *, route: str | None = None, as_: str = "anonymous", **kwargs: Any
    ) -> Answer:
        claims = PRINCIPALS[as_]
        route = route or path
        headers = dict(kwargs.pop("headers", {}) or {})
        if (method, route) in PUBLIC_ROUTES:
            if claims is not None:
                headers["authorization"] = f"Bearer {as_}"
            event = api_event(method, path, headers=headers, **kwargs)
        else:
            event = api_event(method, path, claims=claims, headers=headers, **kwargs)
        result = self.module.lambda_handler(event, LambdaContext())
        body = result.get("body")
        content_type = {k.lower(): v for k, v in (result.get("headers") or {}).items()}.get("content-type", "")
        parsed = json.loads(body) if body and "json" in content_type else body
        return Answer(result["statusCode"], result.get("headers") or {}, parsed)


@pytest.fixture
def ideas_api(aws: None, monkeypatch: pytest.MonkeyPatch) -> Api:
    wiring = importlib.reload(importlib.import_module("functions.ideas.wiring"))
    module = importlib.reload(importlib.import_module("functions.ideas.app"))
    monkeypatch.setattr(
        wiring, "verifier", StaticVerifier({name: claims for name, claims in PRINCIPALS.items() if claims})
    )
    return Api(module)


@pytest.fixture
def votes_api(aws: None) -> Api:
    importlib.reload(importlib.import_module("functions.votes.wiring"))
    return Api(importlib.reload(importlib.import_module("functions.votes.app")))


@pytest.fixture
def notifications_api(aws: None) -> Api:
    importlib.reload(importlib.import_module("functions.notifications.wiring"))
    return Api(importlib.reload(importlib.import_module("functions.notifications.app")))


@pytest.fixture
def idea(ideas_api: Api) -> tuple[str, str]:
    """(challengeId, ideaId) of a published idea "Refill stations" by the participant (user-pat)."""
    body = {"brandId": "acme", "title": "Notifications", "phase": "submission"}
    challenge_id = str(ideas_api.call("POST", "/challenges", as_="brand_admin", body=body).json["challengeId"])
    answer = ideas_api.call(
        "POST",
        f"/challenges/{challenge_id}/ideas",
        route="/challenges/{challengeId}/ideas",
        as_="participant",
        body={"title": "Refill stations"},
    )
    return challenge_id, str(answer.json["ideaId"])


@pytest.fixture
def privacy_api(aws: None) -> Api:
    importlib.reload(importlib.import_module("functions.privacy.wiring"))
    module = importlib.reload(importlib.import_module("functions.privacy.app"))
    module.MARGIN_MS = 0  # the tests' Lambda context has 10 s left: run to the end unless a test says otherwise
    return Api(module)


@pytest.fixture
def live_function(aws: None, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The live function's module, its token verifier the static one (a token is the principal's name)."""
    wiring = importlib.reload(importlib.import_module("functions.live.wiring"))
    monkeypatch.setattr(wiring, "verifier", StaticVerifier({k: v for k, v in PRINCIPALS.items() if v}))
    return importlib.reload(importlib.import_module("functions.live.app"))


@pytest.fixture
def reputation_api(aws: None, monkeypatch: pytest.MonkeyPatch) -> Api:
    wiring = importlib.reload(importlib.import_module("functions.reputation.wiring"))
    module = importlib.reload(importlib.import_module("functions.reputation.app"))
    monkeypatch.setattr(
        wiring, "verifier", StaticVerifier({name: claims for name, claims in PRINCIPALS.items() if claims})
    )
    return Api(module)


@pytest.fixture
def moderation_api(aws: None) -> Api:
    importlib.reload(importlib.import_module("functions.moderation.wiring"))
    return Api(importlib.reload(importlib.import_module("functions.moderation.app")))


@pytest.fixture
def content_items(aws: None) -> Any:
    """All items of the content table but the brands and staff the fixture added (tests may Scan;
    request paths never do)."""
    from shared.domain.staff import member_id_for  # noqa: PLC0415

    seeded = {(f"BRAND#{brand_id}", "#META") for brand_id in BRANDS} | {
        (f"BRAND#{brand_id}", f"MEMBER#{member_id_for(brand_id, f'{user_id}@example.com')}")
        for brand_id, members in STAFF.items()
        for user_id in members
    }

    def read() -> list[dict[str, Any]]:
        items = boto3.resource("dynamodb").Table(TABLE_NAMES["ContentTable"]).scan()["Items"]
        return [item for item in items if (item["pk"], item["sk"]) not in seeded]

    return read


@pytest.fixture
def bus_queue(aws: None) -> str:
    """Everything on the bus lands in this queue (a catch-all rule)."""
    sqs = boto3.client("sqs")
    url = sqs.create_queue(QueueName="tap")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    events = boto3.client("events")
    events.put_rule(Name="tap", EventBusName=BUS_NAME, EventPattern=json.dumps({"source": [{"prefix": "cocreate"}]}))
    events.put_targets(Rule="tap", EventBusName=BUS_NAME, Targets=[{"Id": "tap", "Arn": arn}])
    return url


@pytest.fixture
def faults(monkeypatch: pytest.MonkeyPatch) -> FaultInjector:
    """Every boto3 client made from now on (the functions' modules make theirs at import) can be
    made to fail: see tests/faults.py."""
    injector = FaultInjector()
    injector.install(monkeypatch)
    return injector
