"""The committed contracts match the code: docs/openapi.json, docs/events/*.json, template routes."""

from __future__ import annotations

import json

import pytest
import yaml

from infra import openapi
from shared.events import EVENT_TYPES
from shared.live_messages import MESSAGE_TYPES

EXPECTED = openapi.expected_files()  # built once: it imports every function under moto


@pytest.mark.parametrize("path", sorted(EXPECTED), ids=lambda p: str(p.relative_to(openapi.ROOT)))
def test_committed_contract_file_matches_the_code(path: openapi.Path) -> None:
    expected = EXPECTED[path]

    assert path.exists(), f"{path} is missing: run `make openapi`"
    assert path.read_text(encoding="utf-8") == expected, f"{path} is stale: run `make openapi`"


def test_no_stale_event_schema_files() -> None:
    committed = {path.stem for path in (openapi.DOCS / "events").glob("*.json")}

    assert committed == {event.detail_type() for event in EVENT_TYPES}


def test_no_stale_live_message_schema_files() -> None:
    committed = {path.stem for path in (openapi.DOCS / "live").glob("*.json")}

    assert committed == {message.TYPE for message in MESSAGE_TYPES}


def test_the_asyncapi_document_names_every_message_and_both_requests() -> None:
    document = yaml.safe_load((openapi.DOCS / "asyncapi.yaml").read_text())

    assert document["asyncapi"] == "3.0.0"
    assert set(document["components"]["messages"]) == {m.TYPE for m in MESSAGE_TYPES} | {
        "subscribeRequest",
        "unsubscribeRequest",
    }
    assert set(document["operations"]) == {"subscribe", "unsubscribe", "receive"}


def test_template_routes_and_spec_routes_are_the_same() -> None:
    spec = json.loads((openapi.DOCS / "openapi.json").read_text())
    spec_routes = {(method, path) for path, operations in spec["paths"].items() for method in operations}

    assert openapi.template_routes(openapi.load_template()) == spec_routes


def test_every_error_answer_is_documented_as_problem_json() -> None:
    spec = json.loads((openapi.DOCS / "openapi.json").read_text())
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if int(status) >= 400:
                    assert "application/problem+json" in response["content"], f"{method} {path} {status}"
