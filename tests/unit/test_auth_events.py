from __future__ import annotations

import base64
import json

import pytest

from shared.auth import principal_from_event
from shared.domain.errors import UnauthorizedError
from shared.domain.principal import ANONYMOUS, Principal

from .builders import an_api_event


class StubVerifier:
    """Stands in for TokenVerifier: accepts one token, refuses every other."""

    def __init__(self, token: str = "good-token", claims: dict[str, object] | None = None) -> None:
        self._token = token
        self._claims = claims or {"sub": "user-9", "cognito:groups": ["operators"]}
        self.seen: list[str] = []

    def verify(self, token: str) -> dict[str, object]:
        self.seen.append(token)
        if token != self._token:
            raise UnauthorizedError("The bearer token is not valid.")
        return self._claims


def test_authorizer_claims_make_the_principal():
    event = an_api_event(claims={"sub": "user-1", "cognito:groups": "[brand-acme-admins]"})

    assert principal_from_event(event) == Principal(user_id="user-1", admin_of=frozenset({"acme"}))


def test_authorizer_claims_are_trusted_without_verifying_any_header():
    verifier = StubVerifier()
    event = an_api_event(claims={"sub": "user-1"}, headers={"authorization": "Bearer other-token"})

    assert principal_from_event(event, verifier).user_id == "user-1"  # type: ignore[arg-type]
    assert verifier.seen == []


def test_authorizer_claims_without_a_subject_are_unauthorized():
    with pytest.raises(UnauthorizedError):
        principal_from_event(an_api_event(claims={"cognito:groups": ["operators"]}))


def test_a_request_without_authorization_is_anonymous():
    assert principal_from_event(an_api_event()) is ANONYMOUS


def test_an_event_without_headers_or_request_context_is_anonymous():
    assert principal_from_event({"headers": None, "requestContext": None}) is ANONYMOUS


def test_an_empty_authorization_header_is_anonymous():
    assert principal_from_event(an_api_event(headers={"authorization": ""})) is ANONYMOUS


@pytest.mark.parametrize("value", ["Basic dXNlcjpwYXNz", "Token good-token", "good-token", "Bearer", "Bearer   "])
def test_an_authorization_header_that_is_not_a_bearer_token_is_refused(value):
    with pytest.raises(UnauthorizedError, match="Bearer"):
        principal_from_event(an_api_event(headers={"authorization": value}), StubVerifier())  # type: ignore[arg-type]


def test_a_bearer_token_on_a_route_without_a_verifier_is_refused_not_ignored():
    with pytest.raises(UnauthorizedError, match="cannot verify"):
        principal_from_event(an_api_event(headers={"authorization": "Bearer good-token"}))


def test_a_bearer_token_is_verified_and_its_claims_make_the_principal():
    verifier = StubVerifier()
    event = an_api_event(headers={"authorization": "Bearer good-token"})

    principal = principal_from_event(event, verifier)  # type: ignore[arg-type]

    assert principal == Principal(user_id="user-9", operator=True)
    assert verifier.seen == ["good-token"]


def test_the_authorization_header_name_and_scheme_are_case_insensitive():
    event = an_api_event(headers={"Authorization": "bearer good-token"})

    assert principal_from_event(event, StubVerifier()).user_id == "user-9"  # type: ignore[arg-type]


def test_an_invalid_bearer_token_is_refused_rather_than_treated_as_anonymous():
    event = an_api_event(headers={"authorization": "Bearer forged-token"})

    with pytest.raises(UnauthorizedError):
        principal_from_event(event, StubVerifier())  # type: ignore[arg-type]


def _jwt(payload: dict[str, object]) -> str:
    """A token as the gateway saw it (the signature is the gateway's business, not checked here)."""

    def part(value: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    return f"{part({'alg': 'RS256', 'kid': 'k'})}.{part(payload)}.c2lnbmF0dXJl"


ISSUED = {"sub": "user-1", "iat": 1795690000, "exp": 1795693600}


def _gateway_claims(groups: list[str]) -> dict[str, str]:
    """The authorizer's rendering: every value a string, a list as "[a b]"."""
    return {**{name: str(value) for name, value in ISSUED.items()}, "cognito:groups": "[" + " ".join(groups) + "]"}


def test_on_a_protected_route_groups_come_from_the_verified_token_not_the_flattened_claim():
    # ["Team operators"] flattens to "[Team operators]", which reads like two groups.
    token = _jwt({**ISSUED, "cognito:groups": ["Team operators", "brand-acme-moderators"]})
    event = an_api_event(
        claims=_gateway_claims(["Team operators", "brand-acme-moderators"]),
        headers={"authorization": f"Bearer {token}"},
    )

    principal = principal_from_event(event)

    assert not principal.operator
    assert principal.moderator_of == {"acme"}


def test_a_token_that_is_not_the_one_the_authorizer_verified_is_not_read():
    other = _jwt({**ISSUED, "exp": 1795699999, "cognito:groups": ["operators"]})
    event = an_api_event(claims=_gateway_claims(["brand-acme-admins"]), headers={"authorization": f"Bearer {other}"})

    principal = principal_from_event(event)

    assert (principal.operator, principal.admin_of) == (False, {"acme"})


@pytest.mark.parametrize("header", ["Bearer not-a-jwt", "Bearer a.b", "Bearer a.!!!.c", f"Bearer {'x' * 10}.e30.c"])
def test_an_undecodable_bearer_falls_back_to_the_flattened_claim(header):
    event = an_api_event(claims=_gateway_claims(["brand-acme-admins"]), headers={"authorization": header})

    assert principal_from_event(event).admin_of == {"acme"}


def test_an_untrusted_issuer_makes_no_operator_on_any_route():
    protected = an_api_event(claims={"sub": "user-1", "cognito:groups": "[operators]"})
    public = an_api_event(headers={"authorization": "Bearer good-token"})

    assert not principal_from_event(protected, trust_operators=False).operator
    assert not principal_from_event(public, StubVerifier(), trust_operators=False).operator  # type: ignore[arg-type]
    assert principal_from_event(public, StubVerifier()).operator  # type: ignore[arg-type]
