"""One local cloud for the e2e package: template.yaml on DynamoDB Local (Java) and moto, reached
over real HTTP.

Package scope, not session: moto keeps its state in module globals, and the integration tests'
``mock_aws`` resets those globals; the cloud is stopped before any other package runs."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest
import requests

from infra.local.cloud import LocalCloud
from infra.local.dynamodb import find_jar

Call = Callable[..., requests.Response]


@pytest.fixture(scope="package")
def cloud(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCloud]:
    if shutil.which("java") is None:
        pytest.fail("Java is not installed: DynamoDB Local cannot run, and e2e tests need it (install Java 17+)")
    try:
        find_jar()
    except FileNotFoundError as exc:
        pytest.fail(f"{exc} (run `make setup`)")
    with LocalCloud(port=0, backend="dynamodb-local", log_dir=tmp_path_factory.mktemp("local-cloud")) as running:
        yield running


def dynamodb_local(cloud: LocalCloud) -> tuple[Any, dict[str, str]]:
    """A client straight on the cloud's DynamoDB Local, and its tables' names by logical id: for
    tests that race the service layer or stand in for time."""
    import boto3  # noqa: PLC0415

    assert cloud.stack is not None
    client = boto3.client(
        "dynamodb",
        endpoint_url=cloud.dynamodb_url,
        region_name="us-east-1",
        aws_access_key_id="ASIA" + "0" * 16,
        aws_secret_access_key="0" * 40,
    )
    return client, {table.logical_id: table.name for table in cloud.stack.tables}


@pytest.fixture(scope="package")
def http(cloud: LocalCloud) -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session


@pytest.fixture(scope="package")
def call(cloud: LocalCloud, http: requests.Session) -> Call:
    """``call("POST", "/challenges", token=..., json=...)`` against the local cloud."""

    def send(method: str, path: str, token: str | None = None, **kwargs: Any) -> requests.Response:
        headers = dict(kwargs.pop("headers", {}))
        if token is not None:
            headers["authorization"] = f"Bearer {token}"
        return http.request(method, cloud.url + path, headers=headers, timeout=30, **kwargs)

    return send


# The brands the e2e modules host challenges for, added by an operator before any test runs (a
# challenge for a brand nobody added is a 422). A module with a new brand lists it here.
E2E_BRANDS = (
    "acme",
    "e2e",
    "idp",
    "brightwell",
    "ballots-e2e",
    "hooks-e2e",
    "limits-e2e",
    "live-e2e",
    "moderation-e2e",
    "notify-e2e",
    "privacy-e2e",
    "reputation-e2e",
    "staff-e2e",
    "votes-e2e",
)


@pytest.fixture(scope="package", autouse=True)
def brands(call: Call, cloud: LocalCloud) -> tuple[str, ...]:
    operator = cloud.token("e2e-operator", ["operators"])
    for brand_id in E2E_BRANDS:
        answer = call("POST", "/brands", token=operator, json={"brandId": brand_id, "name": brand_id.title()})
        assert answer.status_code in (201, 409), answer.text
    return E2E_BRANDS


@pytest.fixture(scope="package")
def token(cloud: LocalCloud) -> Callable[..., str]:
    def mint(sub: str, groups: Sequence[str] = (), ttl_seconds: int = 3600, email: str | None = None) -> str:
        return cloud.token(sub, groups, ttl_seconds, email)

    return mint


@pytest.fixture(scope="package")
def open_challenge(call: Call, token: Callable[..., str]) -> dict[str, Any]:
    """A challenge of brand "e2e" taking submissions."""
    response = call(
        "POST",
        "/challenges",
        token=token("e2e-admin", ["brand-e2e-admins"]),
        json={
            "brandId": "e2e",
            "title": "Ideas for the e2e suite",
            "description": "Anything goes.",
            "phase": "submission",
            "moderation": "post",
            "tagVocabulary": ["packaging", "flavour"],
            "maxIdeasPerUser": 100,  # shared by the whole package: its users submit more than the default 10
        },
    )
    assert response.status_code == 201, response.text
    challenge: dict[str, Any] = response.json()
    return challenge
