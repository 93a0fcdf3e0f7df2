"""`cocreate` against the local cloud: brands and their staff, CSV seeding, a paged export into one file, and
dead letters listed and redriven."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from infra import cli
from infra.local.aws import client
from infra.local.cloud import LocalCloud
from tests.e2e.conftest import Call

runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables as wide as the queue names, as on an operator's terminal."""
    monkeypatch.setattr(cli, "console", Console(width=250))


def cocreate(cloud: LocalCloud, *arguments: str) -> str:
    result = runner.invoke(cli.app, [*arguments, "--url", cloud.url])
    assert result.exit_code == 0, result.output
    return result.output


def test_brands_are_added_listed_suspended_and_reinstated(cloud: LocalCloud, call: Call) -> None:
    cocreate(cloud, "brands", "add", "cli-e2e", "CLI Co")

    assert "cli-e2e" in cocreate(cloud, "brands", "list")
    assert "yes" in cocreate(cloud, "brands", "suspend", "cli-e2e", "--reason", "audit")
    admin = cloud.token("cli-e2e-admin", ["brand-cli-e2e-admins"])
    assert call("POST", "/challenges", token=admin, json={"brandId": "cli-e2e", "title": "Refused"}).status_code == 409
    assert "yes" not in cocreate(cloud, "brands", "reinstate", "cli-e2e")
    again = runner.invoke(cli.app, ["brands", "add", "cli-e2e", "Again", "--url", cloud.url])
    assert again.exit_code == 1
    assert "409" in again.output


def test_staff_are_invited_moved_between_roles_and_removed(cloud: LocalCloud) -> None:
    cocreate(cloud, "brands", "add", "cli-staff", "CLI Staff")

    invited = cocreate(cloud, "staff", "invite", "cli-staff", "kim@example.com", "--role", "moderator")
    [member_id] = [word for word in invited.split() if word.startswith("m") and len(word) == 25]
    promoted = cocreate(cloud, "staff", "role", "cli-staff", member_id, "--role", "admin")
    listed = cocreate(cloud, "staff", "list", "cli-staff")
    cocreate(cloud, "staff", "remove", "cli-staff", member_id)

    assert "active" in invited  # the local cloud has the stack's own user pool: a member at once
    assert "admin" in promoted
    assert "kim@example.com" in listed
    assert "kim@example.com" not in cocreate(cloud, "staff", "list", "cli-staff")


def test_migrate_finds_nothing_to_move_in_data_the_current_code_wrote(cloud: LocalCloud) -> None:
    assert "Nothing to migrate" in cocreate(cloud, "migrate")  # its moves: tests/integration/test_migrate.py


def test_a_csv_is_seeded_and_the_export_pages_into_one_file(
    cloud: LocalCloud, call: Call, token: Callable[..., str], tmp_path: Path
) -> None:
    admin = token("cli-admin", ["brand-e2e-admins"])
    body = {"brandId": "e2e", "title": "Seeded by the CLI", "phase": "submission", "maxIdeasPerUser": None}
    challenge = call("POST", "/challenges", token=admin, json=body).json()["challengeId"]
    ideas = tmp_path / "ideas.csv"
    ideas.write_text(
        "title,description,tags\n" + "".join(f"Idea number {n},From the CLI,packaging\n" for n in range(5))
    )
    out = tmp_path / "export.csv"

    assert "Submitted 5 ideas" in cocreate(cloud, "seed", "--csv", str(ideas), "--challenge", challenge)
    assert "5 ideas written" in cocreate(cloud, "export", challenge, "--out", str(out), "--page-size", "2")

    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert sorted(row["title"] for row in rows) == [f"Idea number {n}" for n in range(5)]
    assert {row["tags"] for row in rows} == {"packaging"}


def test_the_demo_data_is_seeded_through_the_api(cloud: LocalCloud, call: Call) -> None:
    output = cocreate(cloud, "seed")

    challenge = output.split("challenge ")[1].split(",")[0]
    assert "Seeded brand 'acme'" in output  # the brand existed already: added only when missing
    assert len(call("GET", f"/challenges/{challenge}/ideas").json()["items"]) == 3
    assert [q["id"] for q in call("GET", f"/challenges/{challenge}").json()["survey"]] == ["price", "often"]


def test_dead_letters_are_listed_and_a_queue_fed_one_is_redriven(cloud: LocalCloud) -> None:
    sqs = client("sqs", cloud.moto_url)
    queues = {url.rsplit("/", 1)[-1]: url for url in sqs.list_queues()["QueueUrls"]}
    dead = next(name for name in queues if name.endswith("BallotsDeadLetterQueue"))
    unknown = {"id": "cli-1", "source": "cocreate.test", "detail-type": "NobodyKnows", "time": "2026-12-04T00:00:00Z"}
    sqs.send_message(QueueUrl=queues[dead], MessageBody=json.dumps({**unknown, "detail": {}}))

    listed = cocreate(cloud, "dlq", "list")
    moved = cocreate(cloud, "dlq", "redrive", dead)

    assert dead in listed
    assert "stream or bus failures" in listed  # the outbox's and the tally's: not redrivable by moving
    assert "1 messages moved" in moved
    waiting = sqs.get_queue_attributes(QueueUrl=queues[dead], AttributeNames=["ApproximateNumberOfMessages"])
    assert waiting["Attributes"]["ApproximateNumberOfMessages"] == "0"
