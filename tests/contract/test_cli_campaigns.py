"""`cocreate campaign`: samconfig.toml environments from flags, the names a campaign's stack takes
(two campaigns side by side share none), and the deploy it runs."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from infra import cli

runner = CliRunner()


def init(config: Path, name: str, *flags: str) -> str:
    result = runner.invoke(cli.app, ["campaign", "init", name, "--config-file", str(config), *flags])
    assert result.exit_code == 0, result.output
    return result.output


def test_init_writes_an_environment_per_campaign_and_keeps_the_others(tmp_path: Path) -> None:
    config = tmp_path / "samconfig.toml"

    init(config, "spring", "--stage", "prod", "--alarm-email", "ops@example.com", "--region", "eu-west-1")
    init(config, "autumn", "--stage", "dev")

    written = tomllib.loads(config.read_text())
    assert written["spring"]["global"]["parameters"] == {"stack_name": "cocreate-spring-prod", "region": "eu-west-1"}
    deploy = written["spring"]["deploy"]["parameters"]
    assert cli.campaign_parameters(written, "spring") == {
        "CampaignName": "spring",
        "Stage": "prod",
        "AlarmEmail": "ops@example.com",
    }
    assert deploy["confirm_changeset"] is True
    assert cli.campaign_parameters(written, "autumn") == {"CampaignName": "autumn", "Stage": "dev"}


def test_init_refuses_what_the_template_refuses(tmp_path: Path) -> None:
    config = tmp_path / "samconfig.toml"

    to_file = ["--stage", "dev", "--config-file", str(config)]
    issuer_alone = runner.invoke(cli.app, ["campaign", "init", "x", "--jwt-issuer", "https://idp.example", *to_file])
    bad_stage = runner.invoke(cli.app, ["campaign", "init", "x", *to_file, "--stage", "qa"])

    assert issuer_alone.exit_code == 1
    assert "ExternalIssuerNeedsAudience" in issuer_alone.output
    assert bad_stage.exit_code == 1
    assert not config.exists()


def test_two_campaigns_rendered_by_the_cli_share_no_account_wide_name(tmp_path: Path) -> None:
    config = tmp_path / "samconfig.toml"
    init(config, "spring", "--stage", "prod")
    init(config, "autumn", "--stage", "prod")

    def names(campaign: str) -> set[tuple[str, str]]:
        result = runner.invoke(cli.app, ["campaign", "render", campaign, "--config-file", str(config), "--json"])
        assert result.exit_code == 0, result.output
        return {(row["type"], row["name"]) for row in json.loads(result.output)}

    spring, autumn = names("spring"), names("autumn")

    assert ("AWS::CloudWatch::Dashboard", "cocreate-spring-prod") in spring
    assert ("AWS::Events::EventBus", "cocreate-spring-prod") in spring
    assert spring.isdisjoint(autumn), spring & autumn


def test_deploy_builds_then_deploys_the_campaigns_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "samconfig.toml"
    init(config, "spring", "--stage", "dev")
    ran: list[list[str]] = []
    monkeypatch.setattr(cli, "RUNNER", lambda command: ran.append(list(command)) or 0)

    result = runner.invoke(cli.app, ["campaign", "deploy", "spring", "--config-file", str(config)])

    assert result.exit_code == 0, result.output
    assert ran == [
        ["sam", "build", "--build-in-source"],
        ["sam", "deploy", "--config-file", str(config.resolve()), "--config-env", "spring"],
    ]


def test_a_failed_build_stops_the_deploy_and_an_unknown_campaign_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "samconfig.toml"
    init(config, "spring", "--stage", "dev")
    ran: list[list[str]] = []
    monkeypatch.setattr(cli, "RUNNER", lambda command: ran.append(list(command)) or 2)

    failed = runner.invoke(cli.app, ["campaign", "deploy", "spring", "--config-file", str(config)])
    unknown = runner.invoke(cli.app, ["campaign", "deploy", "winter", "--config-file", str(config)])

    assert failed.exit_code == 1
    assert len(ran) == 1
    assert unknown.exit_code == 1
    assert "cocreate campaign init winter" in unknown.output
