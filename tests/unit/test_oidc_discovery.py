"""OpenID discovery against issuers served on loopback with the layouts real providers use: a
Keycloak-like realm (keys under /protocol/openid-connect/certs, RS256) and an Auth0-like tenant
(issuer with a trailing slash, keys at /.well-known/jwks.json, here ES256). Nothing is stubbed:
the verifier fetches the discovery document and the JWKS over HTTP with PyJWT's client."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

from shared.auth import TokenVerifier
from shared.domain.errors import UnauthorizedError


class Issuer:
    """An identity provider on 127.0.0.1: its documents by path, and the paths asked."""

    def __init__(self) -> None:
        self.documents: dict[str, dict[str, Any]] = {}
        self.asked: list[str] = []
        issuer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                issuer.asked.append(self.path)
                document = issuer.documents.get(self.path)
                body = json.dumps(document).encode()
                self.send_response(200 if document is not None else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def provider() -> Iterator[Issuer]:
    found = Issuer()
    yield found
    found.server.shutdown()


def _token(key: Any, issuer: str, algorithm: str, kid: str) -> str:
    now = int(time.time())
    claims = {"sub": "user-1", "iss": issuer, "aud": "cocreate-web", "iat": now, "exp": now + 600}
    return jwt.encode(claims, key, algorithm=algorithm, headers={"kid": kid})


def test_a_keycloak_like_realm_is_found_through_discovery(provider: Issuer) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    issuer = f"{provider.base}/realms/acme"
    certs = "/realms/acme/protocol/openid-connect/certs"
    provider.documents["/realms/acme/.well-known/openid-configuration"] = {
        "issuer": issuer,
        "jwks_uri": provider.base + certs,
    }
    jwk = {**json.loads(RSAAlgorithm.to_jwk(key.public_key())), "kid": "kc-1", "use": "sig", "alg": "RS256"}
    provider.documents[certs] = {"keys": [jwk]}
    verifier = TokenVerifier(issuer, "cocreate-web")

    first = verifier.verify(_token(key, issuer, "RS256", "kc-1"))
    second = verifier.verify(_token(key, issuer, "RS256", "kc-1"))

    assert first["sub"] == second["sub"] == "user-1"
    assert provider.asked == ["/realms/acme/.well-known/openid-configuration", certs]  # both cached


def test_an_auth0_like_tenant_with_a_trailing_slash_and_es256_keys(provider: Issuer) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    issuer = f"{provider.base}/"  # Auth0's issuer (and its tokens' iss) end in a slash
    provider.documents["/.well-known/openid-configuration"] = {
        "issuer": issuer,
        "jwks_uri": f"{provider.base}/.well-known/jwks.json",
    }
    jwk = {**json.loads(ECAlgorithm.to_jwk(key.public_key())), "kid": "a0-1", "use": "sig", "alg": "ES256"}
    provider.documents["/.well-known/jwks.json"] = {"keys": [jwk]}
    verifier = TokenVerifier(issuer, "cocreate-web")

    assert verifier.verify(_token(key, issuer, "ES256", "a0-1"))["sub"] == "user-1"
    impostor = ec.generate_private_key(ec.SECP256R1())
    with pytest.raises(UnauthorizedError):
        verifier.verify(_token(impostor, issuer, "ES256", "a0-1"))
