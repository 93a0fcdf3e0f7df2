"""What the template refuses before anything is created (its Rules) and what its parameters drive,
evaluated by the local cloud's resolver as CloudFormation would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from infra.local.template import Resolver, TemplateError, load_template

TEMPLATE = load_template(Path(__file__).resolve().parents[2] / "template.yaml")


def _resolver(**parameters: str) -> Resolver:
    return Resolver(TEMPLATE, sqs_endpoint="http://127.0.0.1:1", stream_label="test", parameters=parameters)


def test_an_external_issuer_without_an_audience_is_refused() -> None:
    with pytest.raises(TemplateError, match="ExternalIssuerNeedsAudience"):
        _resolver(JwtIssuer="https://login.example.com/realms/acme")


@pytest.mark.parametrize(
    "parameters",
    [{}, {"JwtIssuer": "https://login.example.com/realms/acme", "JwtAudience": "cocreate-web"}],
)
def test_cognito_or_an_issuer_with_its_audience_deploys(parameters: dict[str, str]) -> None:
    resolver = _resolver(**parameters)
    api = resolver.resolve(TEMPLATE["Resources"]["HttpApi"]["Properties"])
    authorizer: dict[str, Any] = api["Auth"]["Authorizers"]["JwtAuthorizer"]["JwtConfiguration"]

    assert "" not in authorizer["audience"]


def test_the_stage_throttle_is_a_parameter() -> None:
    default = _resolver().resolve(TEMPLATE["Resources"]["HttpApi"]["Properties"]["DefaultRouteSettings"])
    raised = _resolver(ApiThrottlingRateLimit="5000", ApiThrottlingBurstLimit="2000").resolve(
        TEMPLATE["Resources"]["HttpApi"]["Properties"]["DefaultRouteSettings"]
    )

    assert (default["ThrottlingRateLimit"], default["ThrottlingBurstLimit"]) == ("1000", "500")
    assert (raised["ThrottlingRateLimit"], raised["ThrottlingBurstLimit"]) == ("5000", "2000")
