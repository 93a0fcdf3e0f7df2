"""The local identity provider: an RS256 key pair made at start, a JWKS for the functions'
TokenVerifier, a signer for ``POST /_local/token`` and the verifier standing in for API Gateway's
JWT authorizer."""

from __future__ import annotations

import json
import time
import uuid
from typing import Annotated, Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from shared.auth import names_audience

AUDIENCE = "cocreate-local"
DEFAULT_TTL_SECONDS = 3600

Text = Annotated[str, StringConstraints(min_length=1, max_length=128)]


class TokenRequest(BaseModel):
    """Body of ``POST /_local/token``. A negative ttl mints an already expired token (for tests)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    sub: Text
    groups: Annotated[list[Text], Field(max_length=50)] = []
    ttl_seconds: Annotated[int, Field(alias="ttlSeconds", ge=-86_400, le=30 * 86_400)] = DEFAULT_TTL_SECONDS
    email: Annotated[str | None, StringConstraints(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")] = None


class LocalIssuer:
    def __init__(self, issuer: str, audience: str = AUDIENCE) -> None:
        self.issuer = issuer.rstrip("/")
        self.audience = audience
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = uuid.uuid4().hex[:16]
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self._key.public_key()))
        self._jwks = {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    @property
    def jwks(self) -> dict[str, Any]:
        return self._jwks

    def mint(
        self,
        sub: str,
        groups: list[str] | tuple[str, ...] = (),
        ttl_seconds: int = DEFAULT_TTL_SECONDS,
        email: str | None = None,
        *,
        access: bool = False,
        audience: str | None = None,
    ) -> str:
        """An ID token as Cognito makes them (with ``email``, a verified ``email`` claim too), or
        with ``access`` an access token: the client in ``client_id``, no ``aud``. ``audience``
        names another client than this API's (to test refusals)."""
        now = int(time.time())
        client = audience or self.audience
        claims: dict[str, Any] = {
            "iss": self.issuer,
            **({"client_id": client} if access else {"aud": client}),
            "sub": sub,
            "iat": now,
            "exp": now + ttl_seconds,
            "jti": uuid.uuid4().hex,
            "token_use": "access" if access else "id",
            "cognito:groups": list(groups),
        }
        if email is not None:
            claims |= {"email": email, "email_verified": True}
        return jwt.encode(claims, self._key, algorithm="RS256", headers={"kid": self.kid})

    def verify(self, token: str) -> dict[str, Any]:
        """What API Gateway's JWT authorizer checks: signature and kid, issuer, expiry, and the
        audience in ``aud`` (an ID token) or ``client_id`` (an access token)."""
        header = jwt.get_unverified_header(token)
        if header.get("kid") != self.kid:
            raise jwt.InvalidKeyError("unknown key id")
        claims: dict[str, Any] = jwt.decode(
            token,
            self._key.public_key(),
            algorithms=["RS256"],
            issuer=self.issuer,
            options={"require": ["exp", "iss"], "verify_aud": False},
        )
        if not names_audience(claims, self.audience):
            raise jwt.InvalidAudienceError("the token is not for this API's client")
        return claims


def gateway_claims(claims: dict[str, Any]) -> dict[str, str]:
    """Claims as API Gateway hands them to the function: every value a string, lists as "[a b]"."""

    def render(value: Any) -> str:
        if isinstance(value, list):
            return "[" + " ".join(render(item) for item in value) + "]"
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, dict):
            return json.dumps(value, separators=(",", ":"))
        return str(value)

    return {key: render(value) for key, value in claims.items()}
