"""The local cloud's event sources and gateway rules, on a probe stack (tests/e2e/probe) that uses
what the Cocreate template does not yet: greedy routes, JWT claims, SQS sources, rules, schedules,
partial failures and dead-letter queues. It runs in a child process: one cloud per process."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
import requests

from tests.e2e.processes import RunningCli, cli_cloud

pytestmark = pytest.mark.e2e

TEMPLATE = Path(__file__).resolve().parent / "probe" / "template.yaml"


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningCli]:
    with cli_cloud("--template", str(TEMPLATE), log_dir=tmp_path_factory.mktemp("probe")) as cli:
        yield cli


@pytest.fixture(scope="module")
def moto(probe: RunningCli) -> Callable[[str], Any]:
    endpoint = requests.get(f"{probe.url}/_local/endpoints", timeout=5).json()["moto"]

    def client(service: str) -> Any:
        return boto3.client(
            service,
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="probe",
            aws_secret_access_key="probe",
        )

    return client


def consumed(url: str, kind: str, until: Callable[[list[dict[str, Any]]], bool], timeout: float = 15) -> list[Any]:
    """Details of the probe's "Consumed" reports of ``kind``, once ``until`` holds (or time is up)."""
    deadline = time.monotonic() + timeout
    while True:
        items = requests.get(f"{url}/_local/events", params={"detailType": "Consumed"}, timeout=5).json()["items"]
        details = [item["detail"] for item in items if item["detail"]["kind"] == kind]
        if until(details) or time.monotonic() > deadline:
            return details
        time.sleep(0.2)


def dead_letters(sqs: Any, queue_name: str, until: Callable[[list[str]], bool], timeout: float = 15) -> list[str]:
    url = sqs.get_queue_url(QueueName=queue_name)["QueueUrl"]
    bodies: list[str] = []
    deadline = time.monotonic() + timeout
    while not until(bodies) and time.monotonic() < deadline:
        for message in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", []):
            bodies.append(message["Body"])
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        time.sleep(0.2)
    return bodies


def echo(probe: RunningCli, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
    response = requests.request(method, probe.url + path, timeout=10, **kwargs)
    assert response.status_code == 200, response.text
    document: dict[str, Any] = response.json()
    return document


# ---------------------------------------------------------------------- the gateway
def test_payload_2_event(probe: RunningCli) -> None:
    answer = echo(probe, "GET", "/echo/exact?tag=a&tag=b&empty=", cookies={"session": "s1"})
    event = answer["event"]
    assert event["version"] == "2.0"
    assert event["routeKey"] == "GET /echo/exact"  # the literal route beats the greedy one
    assert event["rawQueryString"] == "tag=a&tag=b&empty="
    assert event["queryStringParameters"] == {"tag": "a,b", "empty": ""}
    assert event["cookies"] == ["session=s1"]
    assert "cookie" not in event["headers"]
    assert event["headers"]["user-agent"].startswith("python-requests")
    context = event["requestContext"]
    assert context["stage"] == "$default"
    assert context["http"]["method"] == "GET"
    assert context["http"]["path"] == "/echo/exact"
    assert "authorizer" not in context
    assert {"requestId", "accountId", "apiId", "domainName", "time", "timeEpoch"} <= context.keys()
    assert event["isBase64Encoded"] is False
    assert "body" not in event
    assert 0 < answer["remainingMs"] <= 5000


def test_response_headers_and_cookies(probe: RunningCli) -> None:
    response = requests.get(f"{probe.url}/echo/exact", timeout=10)
    assert response.headers["x-probe"] == "1"
    assert response.cookies.get("first") == "1"
    assert response.cookies.get("second") == "2"


def test_greedy_route_and_binary_body(probe: RunningCli) -> None:
    event = echo(probe, "PUT", "/echo/a/b%20c", data=b"\xff\x00binary")["event"]
    assert event["routeKey"] == "ANY /echo/{rest+}"
    assert event["pathParameters"] == {"rest": "a/b c"}
    assert event["isBase64Encoded"] is True
    assert event["body"] == "/wBiaW5hcnk="


def test_jwt_route_gets_claims_as_api_gateway_renders_them(probe: RunningCli) -> None:
    minted = requests.post(
        f"{probe.url}/_local/token", json={"sub": "carol", "groups": ["operators", "brand-x-admins"]}, timeout=5
    ).json()["token"]
    event = echo(probe, "GET", "/secure", headers={"authorization": f"Bearer {minted}"})["event"]
    jwt = event["requestContext"]["authorizer"]["jwt"]
    assert jwt["scopes"] is None
    assert jwt["claims"]["sub"] == "carol"
    assert jwt["claims"]["cognito:groups"] == "[operators brand-x-admins]"
    assert isinstance(jwt["claims"]["exp"], str)
    assert requests.get(f"{probe.url}/secure", timeout=5).status_code == 401


def test_function_answers_without_status_code(probe: RunningCli) -> None:
    bare = requests.get(f"{probe.url}/echo/bare", timeout=5)
    assert (bare.status_code, bare.json()) == (200, {"hello": "world"})
    assert bare.headers["content-type"] == "application/json"
    text = requests.get(f"{probe.url}/echo/text", timeout=5)
    assert (text.status_code, text.text) == (200, "plain text")


def test_function_error_is_a_500_problem(probe: RunningCli) -> None:
    response = requests.get(f"{probe.url}/echo/fail", timeout=5)
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert "failing on purpose" not in response.text  # no stack traces or messages leak out


def test_function_environment(probe: RunningCli) -> None:
    environment = echo(probe, "GET", "/echo/exact")["environment"]
    assert environment["TABLE"] == "cocreate-local-Table"
    assert environment["TABLE_ARN"] == "arn:aws:dynamodb:us-east-1:123456789012:table/cocreate-local-Table"
    assert environment["BUS"] == "probe-bus"
    assert environment["QUEUE"].endswith("/123456789012/cocreate-local-Work")
    assert "SKIPPED" not in environment  # !Ref AWS::NoValue removes the variable
    assert environment["AWS_LAMBDA_FUNCTION_NAME"] == "cocreate-local-Echo"
    assert environment["AWS_REGION"] == "us-east-1"
    assert environment["AWS_ENDPOINT_URL_DYNAMODB"].startswith("http://127.0.0.1:")
    assert environment["AWS_ENDPOINT_URL_EVENTBRIDGE"].startswith("http://127.0.0.1:")
    # LOCAL_MODE is the one variable the local cloud adds of its own (decision 52); nothing else local leaks.
    assert environment["LOCAL_MODE"] == "true"
    assert not [name for name in environment if "LOCAL" in name.upper() and name != "LOCAL_MODE"]


# ---------------------------------------------------------------------- event sources
def test_stream_partial_failure_is_retried_then_dead_lettered(probe: RunningCli, moto: Callable[[str], Any]) -> None:
    for pk in ("ok-1", "fail-1", "ok-2"):
        assert requests.post(f"{probe.url}/items/{pk}", timeout=10).status_code == 204

    def counts(details: list[dict[str, Any]]) -> dict[str, int]:
        return {pk: sum(1 for d in details if d["pk"] == pk) for pk in ("ok-1", "fail-1", "ok-2")}

    # MaximumRetryAttempts 2: the failing record is delivered three times, then dead-lettered.
    details = consumed(probe.url, "stream", lambda found: counts(found)["fail-1"] >= 3)
    assert counts(details)["fail-1"] == 3
    assert counts(details)["ok-1"] >= 1
    assert details[0]["name"] == "INSERT"
    assert details[0]["blob"] == {"B": "/wA="}  # binary attributes arrive base64-encoded, as in Lambda

    bodies = dead_letters(moto("sqs"), "cocreate-local-StreamDeadLetters", bool)
    assert len(bodies) == 1
    document = json.loads(bodies[0])
    assert document["requestContext"]["condition"] == "RetryAttemptsExhausted"
    assert document["DDBStreamBatchInfo"]["streamArn"].startswith(
        "arn:aws:dynamodb:us-east-1:123456789012:table/cocreate-local-Table/stream/"
    )
    failed_keys = [record["dynamodb"]["Keys"]["pk"]["S"] for record in document["Records"]]
    assert failed_keys[0] == "fail-1"
    assert "ok-1" not in failed_keys


def test_sqs_source_deletes_only_what_succeeded(probe: RunningCli, moto: Callable[[str], Any]) -> None:
    for body in ("job-1", "fail-job"):
        assert requests.post(f"{probe.url}/messages", data=body, timeout=10).status_code == 202
    bodies = dead_letters(moto("sqs"), "cocreate-local-WorkDeadLetters", lambda found: "fail-job" in found)
    assert bodies == ["fail-job"]  # maxReceiveCount 2, then the redrive policy moved it
    details = consumed(probe.url, "sqs", lambda found: len(found) >= 3)
    assert [d["body"] for d in details].count("job-1") == 1
    assert [d["body"] for d in details].count("fail-job") == 2


def test_rule_delivers_a_complete_envelope(probe: RunningCli, moto: Callable[[str], Any]) -> None:
    moto("events").put_events(
        Entries=[{"EventBusName": "probe-bus", "Source": "tests", "DetailType": "Ping", "Detail": '{"n": 1}'}]
    )
    moto("events").put_events(
        Entries=[{"EventBusName": "probe-bus", "Source": "tests", "DetailType": "Pong", "Detail": "{}"}]
    )
    details = consumed(probe.url, "event", lambda found: any("detail-type" in d["event"] for d in found))
    delivered = [d["event"] for d in details if "detail-type" in d["event"]]
    assert [event["detail-type"] for event in delivered] == ["Ping"]
    assert delivered[0]["detail"] == {"n": 1}
    assert {"id", "version", "account", "time", "region", "resources", "source"} <= delivered[0].keys()
    assert "ingestion-time" not in delivered[0]


def test_schedule_runs_on_demand(probe: RunningCli) -> None:
    ran = requests.post(f"{probe.url}/_local/schedules/ConsumerTick/run", timeout=10)
    assert ran.status_code == 202
    assert ran.json()["targets"] == [{"target": "Consumer", "ok": True, "error": None}]
    details = consumed(probe.url, "event", lambda found: {"tick": True} in [d["event"] for d in found])
    assert {"tick": True} in [d["event"] for d in details]
    assert requests.post(f"{probe.url}/_local/schedules/Nope/run", timeout=5).status_code == 404
