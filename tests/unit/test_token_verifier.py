"""TokenVerifier against tokens signed in the test with a fresh RS256 key pair. PyJWKClient is
replaced by a stub holding the public key and discovery by a dict, so nothing is fetched here
(tests/unit/test_oidc_discovery.py serves real issuers on loopback)."""

from __future__ import annotations

import time
from types import SimpleNamespace
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from shared.auth import TokenVerifier
from shared.domain.errors import UnauthorizedError, UnavailableError

ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Test"
AUDIENCE = "client-123"
KID = "key-1"


@pytest.fixture(scope="module")
def signing_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def jwks(monkeypatch: pytest.MonkeyPatch, signing_key: rsa.RSAPrivateKey) -> list[Any]:
    """Installs a PyJWKClient stub serving the public key under KID; returns the clients made."""
    clients: list[Any] = []

    class StubJWKClient:
        def __init__(self, uri: str, **options: Any) -> None:
            self.uri = uri
            self.options = options
            clients.append(self)

        def get_signing_key_from_jwt(self, token: str) -> SimpleNamespace:
            kid = jwt.get_unverified_header(token).get("kid")
            if kid != KID:
                raise jwt.PyJWKClientError(f'Unable to find a signing key that matches: "{kid}"')
            return SimpleNamespace(key=signing_key.public_key())

    monkeypatch.setattr(jwt, "PyJWKClient", StubJWKClient)
    return clients


def a_token(key: Any, *, kid: str = KID, algorithm: str = "RS256", **overrides: Any) -> str:
    now = int(time.time())
    claims = {"sub": "user-1", "iss": ISSUER, "aud": AUDIENCE, "iat": now, "exp": now + 3600} | overrides
    claims = {name: value for name, value in claims.items() if value is not None}
    return jwt.encode(claims, key, algorithm=algorithm, headers={"kid": kid})


JWKS_URI = f"{ISSUER}/.well-known/jwks.json"


def discovered(url: str) -> dict[str, Any]:
    assert url == f"{ISSUER}/.well-known/openid-configuration"
    return {"issuer": ISSUER, "jwks_uri": JWKS_URI}


@pytest.fixture
def verifier(jwks: list[Any]) -> TokenVerifier:
    return TokenVerifier(ISSUER, AUDIENCE, fetch=discovered)


def test_a_valid_token_yields_its_claims(verifier, signing_key):
    claims = verifier.verify(a_token(signing_key, **{"cognito:groups": ["operators"]}))

    assert claims["sub"] == "user-1"
    assert claims["cognito:groups"] == ["operators"]


def test_an_expired_token_is_refused(verifier, signing_key):
    with pytest.raises(UnauthorizedError):
        verifier.verify(a_token(signing_key, exp=int(time.time()) - 120))


def test_a_token_expired_seconds_ago_is_refused_as_the_gateway_refuses_it(verifier, signing_key):
    with pytest.raises(UnauthorizedError):  # no leeway: the JWT authorizer allows none either
        verifier.verify(a_token(signing_key, exp=int(time.time()) - 2))


def test_a_token_not_valid_yet_is_refused(verifier, signing_key):
    with pytest.raises(UnauthorizedError):
        verifier.verify(a_token(signing_key, nbf=int(time.time()) + 10))


def test_a_cognito_access_token_names_the_audience_in_client_id(verifier, signing_key):
    access = a_token(signing_key, aud=None, client_id=AUDIENCE, token_use="access")

    assert verifier.verify(access)["sub"] == "user-1"


@pytest.mark.parametrize(
    "claims",
    [
        pytest.param({"aud": None, "client_id": "another-client"}, id="access-token-for-another-client"),
        pytest.param({"aud": None}, id="neither-aud-nor-client-id"),
        pytest.param({"aud": "another-client", "client_id": AUDIENCE}, id="aud-wins-over-client-id"),
    ],
)
def test_a_token_whose_audience_is_another_client_is_refused(verifier, signing_key, claims):
    with pytest.raises(UnauthorizedError):
        verifier.verify(a_token(signing_key, **claims))


def test_an_audience_list_naming_the_client_is_accepted(verifier, signing_key):
    assert verifier.verify(a_token(signing_key, aud=["other", AUDIENCE]))["sub"] == "user-1"


def test_a_token_from_another_issuer_is_refused(verifier, signing_key):
    with pytest.raises(UnauthorizedError):
        verifier.verify(a_token(signing_key, iss="https://evil.example.com"))


def test_a_token_for_another_audience_is_refused(verifier, signing_key):
    with pytest.raises(UnauthorizedError):
        verifier.verify(a_token(signing_key, aud="another-client"))


def test_without_a_configured_audience_any_audience_is_accepted(jwks, signing_key):
    verifier = TokenVerifier(ISSUER, audience="", fetch=discovered)

    assert verifier.verify(a_token(signing_key, aud="another-client"))["sub"] == "user-1"


def test_a_token_without_a_subject_is_refused(verifier, signing_key):
    with pytest.raises(UnauthorizedError):
        verifier.verify(a_token(signing_key, sub=None))


def test_a_token_without_an_expiry_is_refused(verifier, signing_key):
    with pytest.raises(UnauthorizedError):
        verifier.verify(a_token(signing_key, exp=None))


def test_a_token_signed_by_another_key_is_refused(verifier):
    impostor = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    with pytest.raises(UnauthorizedError):
        verifier.verify(a_token(impostor))


def test_a_token_whose_key_id_is_not_in_the_jwks_is_refused(verifier, signing_key):
    with pytest.raises(UnauthorizedError):
        verifier.verify(a_token(signing_key, kid="unknown-key"))


def test_a_token_signed_with_a_symmetric_algorithm_is_refused(verifier):
    with pytest.raises(UnauthorizedError):
        verifier.verify(a_token("a-shared-secret-of-at-least-32-bytes!", algorithm="HS256"))


def test_garbage_is_refused(verifier):
    with pytest.raises(UnauthorizedError):
        verifier.verify("not.a.jwt")


def test_the_keys_are_found_through_discovery_without_a_double_slash(jwks, signing_key):
    TokenVerifier(ISSUER + "/", AUDIENCE, fetch=discovered).verify(a_token(signing_key))

    assert jwks[0].uri == JWKS_URI


@pytest.mark.parametrize(
    "fetch",
    [
        lambda url: (_ for _ in ()).throw(OSError("connection refused")),
        lambda url: {"issuer": "https://evil.example.com", "jwks_uri": JWKS_URI},
        lambda url: {"issuer": ISSUER},
    ],
    ids=["unreachable", "another-issuer", "no-jwks-uri"],
)
def test_a_discovery_that_fails_or_does_not_match_is_a_503_not_a_401(jwks, signing_key, fetch):
    with pytest.raises(UnavailableError):
        TokenVerifier(ISSUER, AUDIENCE, fetch=fetch).verify(a_token(signing_key))
    assert jwks == []


def test_an_explicit_jwks_url_is_used_without_discovery(jwks, signing_key):
    def no_discovery(url: str) -> dict[str, Any]:
        raise AssertionError(f"discovery asked: {url}")

    TokenVerifier(ISSUER, AUDIENCE, jwks_url="https://keys.example.com/jwks", fetch=no_discovery).verify(
        a_token(signing_key)
    )

    assert jwks[0].uri == "https://keys.example.com/jwks"


def test_the_jwks_client_caches_keys(jwks, verifier, signing_key):
    verifier.verify(a_token(signing_key))

    assert jwks[0].options["cache_keys"] is True


def test_the_jwks_client_is_made_once_and_reused_across_tokens(jwks, verifier, signing_key):
    verifier.verify(a_token(signing_key))
    verifier.verify(a_token(signing_key))

    assert len(jwks) == 1


def test_no_jwks_client_is_made_until_a_token_arrives(jwks):
    TokenVerifier(ISSUER, AUDIENCE, fetch=discovered)

    assert jwks == []
