"""Identity: JWT claims -> Principal, and the permission checks services call.

Roles come from the ``cognito:groups`` claim (Cognito) or ``groups`` (other OIDC issuers), whole
names only: ``operators``, ``brand-<brandId>-admins``, ``brand-<brandId>-moderators``. Every other
signed-in user is a participant. API Gateway's JWT authorizer flattens list claims into strings
such as ``"[a b]"``, which is ambiguous; on protected routes the groups are read from the token the
authorizer verified instead (decision 51).
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from shared.domain.errors import UnauthorizedError, UnavailableError
from shared.domain.principal import ANONYMOUS, Principal

OPERATORS_GROUP = "operators"
_BRAND_GROUP = re.compile(r"^brand-(?P<brand>[A-Za-z0-9_-]{1,64})-(?P<role>admins|moderators)$")


# One address, no display name, no whitespace or angle brackets (it goes into a To header as is).
_EMAIL = re.compile(r"[^@\s<>,;\"()]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?\.[A-Za-z]{2,63}")


# A group name is one word. A name with a separator in it ("Team operators", "x,brand-acme-admins")
# is refused whole, never split into roles.
_GROUP_NAME = re.compile(r"[^\s,;\[\]\"']{1,128}")


def _whole_names(items: object) -> list[str]:
    values = items if isinstance(items, list | tuple) else [items]
    return [value for value in values if isinstance(value, str) and _GROUP_NAME.fullmatch(value)]


def group_names(claims: Mapping[str, Any]) -> list[str]:
    """The groups claim (``cognito:groups``, else ``groups``) as whole names.

    A list (as issued) is read item by item; a string is one name, unless it is a list rendered as
    text: JSON (``["a","b"]``) or API Gateway's flattening (``[a b]``, names joined by single
    spaces). The flattened form cannot tell ``["Team operators"]`` from ``["Team", "operators"]``:
    on protected routes `principal_from_event` reads the groups from the token itself instead."""
    raw = claims.get("cognito:groups", claims.get("groups"))
    if not isinstance(raw, str):
        return _whole_names(raw) if isinstance(raw, list | tuple) else []
    if not (raw.startswith("[") and raw.endswith("]")):
        return _whole_names(raw)
    try:
        parsed = json.loads(raw)
    except ValueError:
        inner = raw[1:-1]
        return _whole_names(inner.split(" ") if inner else [])
    return _whole_names(parsed) if isinstance(parsed, list) else []


def principal_from_claims(claims: Mapping[str, Any], *, trust_operators: bool = True) -> Principal:
    """Map verified claims to a Principal; a token without ``sub`` is not a principal.

    ``trust_operators`` says whether the issuer may make operators: the stack's own user pool
    always may; an external issuer only when the stack says so (``ExternalIssuerGrantsOperators``),
    since anyone who can name a group there would otherwise run every brand."""
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise UnauthorizedError("The token has no subject.")
    admin_of: set[str] = set()
    moderator_of: set[str] = set()
    operator = False
    for group in group_names(claims):
        if group == OPERATORS_GROUP:
            operator = trust_operators
            continue
        match = _BRAND_GROUP.fullmatch(group)
        if match:
            (admin_of if match["role"] == "admins" else moderator_of).add(match["brand"])
    return Principal(
        user_id=subject,
        operator=operator,
        admin_of=frozenset(admin_of),
        moderator_of=frozenset(moderator_of),
        email=_verified_email(claims),
    )


def _verified_email(claims: Mapping[str, Any]) -> str | None:
    """The ``email`` claim when ``email_verified`` says so (API Gateway hands claims over as strings)."""
    email, verified = claims.get("email"), claims.get("email_verified")
    if verified is not True and str(verified).lower() != "true":
        return None
    if not isinstance(email, str) or not _EMAIL.fullmatch(email):
        return None
    return email


DISCOVERY_PATH = "/.well-known/openid-configuration"
ALGORITHMS = ("RS256", "ES256")  # asymmetric only: a shared-secret token is refused


def fetch_json(url: str, timeout: float = 5.0) -> dict[str, Any]:
    """GET a JSON document (the issuer's discovery document)."""
    import urllib.request  # noqa: PLC0415 - only when a token arrives on a cold start

    if not url.startswith(("https://", "http://")):
        raise ValueError(f"not an http(s) URL: {url!r}")
    with urllib.request.urlopen(url, timeout=timeout) as answer:  # noqa: S310 - scheme checked above
        document = json.loads(answer.read(1_000_000))
    if not isinstance(document, dict):
        raise ValueError("the discovery document is not a JSON object")
    return document


class TokenVerifier:
    """Verifies bearer tokens on routes without the API's authorizer (public reads that
    personalise the answer when a token is present).

    The issuer's keys are found through OpenID discovery (``<issuer>/.well-known/openid-configuration``
    -> ``jwks_uri``: Cognito, Keycloak, Auth0, Entra ID, ... each put their JWKS elsewhere), unless
    ``jwks_url`` names them. Both the discovery answer and the keys are cached across invocations
    (keys for an hour; a token with an unknown ``kid`` refetches them once). RS256 and ES256.
    PyJWT is imported only when a token actually arrives.

    The checks are the gateway's own, so a token works on every route or on none: no clock leeway
    (the authorizer allows none), and the audience is the ``aud`` claim or, in a Cognito access
    token, ``client_id``."""

    def __init__(
        self,
        issuer: str,
        audience: str,
        jwks_url: str | None = None,
        fetch: Callable[[str], dict[str, Any]] = fetch_json,
    ) -> None:
        self.issuer = issuer
        # Tokens name the issuer exactly as configured (Auth0's ends in "/", Cognito's does not):
        # either spelling is accepted, nothing else.
        self._issuers = frozenset({issuer, issuer.rstrip("/"), issuer.rstrip("/") + "/"})
        self.audience = audience
        self.jwks_url = jwks_url or None
        self._fetch = fetch
        self._jwks_client: Any = None

    def _keys_url(self) -> str:
        if self.jwks_url is None:
            url = self.issuer.rstrip("/") + DISCOVERY_PATH
            try:
                document = self._fetch(url)
            except (OSError, ValueError) as exc:
                raise UnavailableError("The identity provider cannot be reached; try again shortly.") from exc
            if document.get("issuer") not in self._issuers or not isinstance(document.get("jwks_uri"), str):
                raise UnavailableError(f"The identity provider's discovery document at {url} does not match.")
            self.jwks_url = str(document["jwks_uri"])
        return self.jwks_url

    def verify(self, token: str) -> dict[str, Any]:
        import jwt  # noqa: PLC0415 - lazy: most public reads carry no token

        if self._jwks_client is None:
            self._jwks_client = jwt.PyJWKClient(self._keys_url(), cache_keys=True, lifespan=3600, timeout=5)
        try:
            key = self._jwks_client.get_signing_key_from_jwt(token)
            claims: dict[str, Any] = jwt.decode(
                token,
                key.key,
                algorithms=list(ALGORITHMS),
                issuer=self._issuers,
                options={"verify_aud": False, "require": ["exp", "sub"]},
            )
        except jwt.PyJWKClientConnectionError as exc:
            raise UnavailableError("The identity provider's keys cannot be fetched; try again shortly.") from exc
        except jwt.PyJWTError as exc:
            raise UnauthorizedError("The bearer token is not valid.") from exc
        if self.audience and not names_audience(claims, self.audience):
            raise UnauthorizedError("The bearer token is not valid.")
        return claims


def names_audience(claims: Mapping[str, Any], audience: str) -> bool:
    """As API Gateway's JWT authorizer decides: the ``aud`` claim (an ID token) or, without one,
    ``client_id`` (a Cognito access token) names the audience."""
    aud = claims.get("aud")
    if aud is None:
        return claims.get("client_id") == audience
    return audience in (aud if isinstance(aud, list) else [aud])


def principal_from_event(
    event: Mapping[str, Any], verifier: TokenVerifier | None = None, *, trust_operators: bool = True
) -> Principal:
    """The caller of an API Gateway HTTP API (payload 2.0) event.

    Routes behind the JWT authorizer carry verified claims in the request context; their groups are
    read from the bearer token the authorizer verified (the claims render lists ambiguously, see
    `group_names`) when the event carries that token. Public routes have no authorizer: a bearer
    token there is verified here, and a bad one is refused rather than silently treated as
    anonymous."""
    authorizer = (event.get("requestContext") or {}).get("authorizer") or {}
    claims = (authorizer.get("jwt") or {}).get("claims")
    headers = {str(k).lower(): v for k, v in (event.get("headers") or {}).items()}
    authorization = str(headers.get("authorization") or "")
    if claims:
        issued = _issued_groups(authorization, claims)
        if issued is not None:
            claims = {**claims, "cognito:groups": issued}
        return principal_from_claims(claims, trust_operators=trust_operators)
    if not authorization:
        return ANONYMOUS
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise UnauthorizedError("Use 'Authorization: Bearer <token>'.")
    if verifier is None:
        raise UnauthorizedError("This route cannot verify tokens.")
    return principal_from_claims(verifier.verify(token.strip()), trust_operators=trust_operators)


def _issued_groups(authorization: str, claims: Mapping[str, Any]) -> list[Any] | None:
    """The groups list of the token the authorizer verified: the event's bearer token, decoded
    without a signature check (the gateway made it) and used only when it is that token (the same
    subject, issue and expiry times as the authorizer's claims). None when there is no such token."""
    token = authorization.partition(" ")[2].strip() if " " in authorization else authorization.strip()
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        payload = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except ValueError:
        return None
    if not isinstance(payload, dict):
        return None
    if any(str(payload.get(name)) != str(claims.get(name)) for name in ("sub", "iat", "exp")):
        return None
    groups = payload.get("cognito:groups", payload.get("groups"))
    return groups if isinstance(groups, list) else [groups] if isinstance(groups, str) else []
