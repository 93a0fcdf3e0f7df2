from __future__ import annotations

import pytest

from shared.auth import principal_from_claims
from shared.domain.errors import ForbiddenError, UnauthorizedError
from shared.domain.principal import ANONYMOUS, Principal

from .builders import a_moderator_of, a_participant, an_admin_of, an_operator


def claims(groups: object = None, *, key: str = "cognito:groups", sub: object = "user-1") -> dict[str, object]:
    token_claims: dict[str, object] = {"sub": sub}
    if groups is not None:
        token_claims[key] = groups
    return token_claims


# Mapping claims to a principal


def test_the_subject_becomes_the_user_id():
    assert principal_from_claims(claims()).user_id == "user-1"


def test_a_user_without_groups_is_a_plain_participant():
    principal = principal_from_claims(claims())

    assert principal == Principal(user_id="user-1")
    assert principal.roles == {"participant"}


@pytest.mark.parametrize("sub", [None, "", 42])
def test_claims_without_a_string_subject_are_unauthorized(sub):
    with pytest.raises(UnauthorizedError):
        principal_from_claims(claims(sub=sub))


@pytest.mark.parametrize(
    "groups",
    [
        pytest.param(["operators", "brand-acme-admins"], id="list"),
        pytest.param(("operators", "brand-acme-admins"), id="tuple"),
        pytest.param("[operators brand-acme-admins]", id="api-gateway-flattened"),
        pytest.param('["operators", "brand-acme-admins"]', id="json-string"),
    ],
)
def test_cognito_groups_are_read_in_every_shape_the_authorizer_produces(groups):
    principal = principal_from_claims(claims(groups))

    assert principal.operator
    assert principal.admin_of == {"acme"}


@pytest.mark.parametrize(
    "groups",
    [
        pytest.param(["Team operators"], id="a-name-with-a-space"),
        pytest.param(["x,brand-acme-admins"], id="a-name-with-a-comma"),
        pytest.param(["operators;", "[operators]"], id="names-with-other-separators"),
        pytest.param("operators,brand-acme-admins", id="a-comma-separated-string"),
        pytest.param("operators brand-acme-admins", id="a-space-separated-string"),
        pytest.param("[operators,brand-acme-admins]", id="flattened-with-commas"),
        pytest.param('["Team operators"]', id="json-string-with-a-spaced-name"),
        pytest.param([["operators"]], id="a-nested-list"),
    ],
)
def test_group_names_with_separators_are_refused_whole_never_split_into_roles(groups):
    assert principal_from_claims(claims(groups)) == Principal(user_id="user-1")


def test_an_issuer_not_trusted_with_operators_makes_none_but_keeps_brand_roles():
    principal = principal_from_claims(claims(["operators", "brand-acme-admins"]), trust_operators=False)

    assert not principal.operator
    assert principal.admin_of == {"acme"}


def test_a_single_flattened_group_is_read():
    assert principal_from_claims(claims("[operators]")).operator


def test_an_empty_flattened_group_list_grants_nothing():
    assert principal_from_claims(claims("[]")) == Principal(user_id="user-1")


def test_the_groups_claim_of_other_issuers_is_read():
    principal = principal_from_claims(claims(["brand-acme-moderators"], key="groups"))

    assert principal.moderator_of == {"acme"}


def test_cognito_groups_win_over_the_groups_claim():
    token_claims = claims(["brand-acme-admins"]) | {"groups": ["operators"]}

    principal = principal_from_claims(token_claims)

    assert principal.admin_of == {"acme"}
    assert not principal.operator


def test_the_operators_group_makes_an_operator():
    assert principal_from_claims(claims(["operators"])).operator


def test_brand_admin_groups_name_the_brands_administered():
    principal = principal_from_claims(claims(["brand-acme-admins", "brand-globex-admins"]))

    assert principal.admin_of == {"acme", "globex"}
    assert principal.moderator_of == frozenset()


def test_brand_moderator_groups_name_the_brands_moderated():
    principal = principal_from_claims(claims(["brand-acme-moderators"]))

    assert principal.moderator_of == {"acme"}
    assert principal.admin_of == frozenset()


def test_a_brand_id_may_contain_hyphens_and_underscores():
    assert principal_from_claims(claims(["brand-acme-north_eu-admins"])).admin_of == {"acme-north_eu"}


@pytest.mark.parametrize(
    "group",
    [
        "Operators",
        "operator",
        "brand-acme-admin",
        "brand-acme-owners",
        "brand--admins",
        "brand-ac.me-admins",
        "xbrand-acme-admins",
        "brand-acme-adminsx",
        "brand-" + "a" * 65 + "-admins",
        "BRAND-acme-admins",
    ],
)
def test_malformed_group_names_grant_nothing(group):
    assert principal_from_claims(claims([group])) == Principal(user_id="user-1")


def test_a_group_name_with_a_trailing_newline_grants_nothing():
    assert principal_from_claims(claims(["brand-acme-admins\n"])) == Principal(user_id="user-1")


# Principal


def test_anonymous_is_not_signed_in_and_has_no_roles():
    assert not ANONYMOUS.signed_in
    assert ANONYMOUS.roles == frozenset()


def test_roles_name_every_capacity_of_the_principal():
    principal = Principal(user_id="u", operator=True, admin_of=frozenset({"acme"}), moderator_of=frozenset({"globex"}))

    assert principal.roles == {"participant", "operator", "brand_admin", "moderator"}


def test_brands_are_those_administered_or_moderated():
    principal = Principal(user_id="u", admin_of=frozenset({"acme"}), moderator_of=frozenset({"globex"}))

    assert principal.brands == {"acme", "globex"}


@pytest.mark.parametrize(
    ("principal", "expected"),
    [
        (an_admin_of("acme"), True),
        (an_operator(), True),
        (a_moderator_of("acme"), False),
        (an_admin_of("globex"), False),
        (a_participant(), False),
    ],
    ids=["admin", "operator", "moderator", "admin-of-other-brand", "participant"],
)
def test_brand_admin_rights_belong_to_the_brands_admins_and_operators(principal, expected):
    assert principal.is_brand_admin("acme") is expected


@pytest.mark.parametrize(
    ("principal", "expected"),
    [
        (an_admin_of("acme"), True),
        (a_moderator_of("acme"), True),
        (an_operator(), True),
        (a_moderator_of("globex"), False),
        (a_participant(), False),
        (ANONYMOUS, False),
    ],
    ids=["admin", "moderator", "operator", "moderator-of-other-brand", "participant", "anonymous"],
)
def test_brand_staff_are_its_admins_moderators_and_operators(principal, expected):
    assert principal.is_brand_staff("acme") is expected


def test_require_signed_in_returns_the_user_id():
    assert a_participant("user-7").require_signed_in() == "user-7"


def test_require_signed_in_refuses_anonymous_callers():
    with pytest.raises(UnauthorizedError):
        ANONYMOUS.require_signed_in()


def test_require_brand_admin_returns_the_user_id_of_an_admin():
    assert an_admin_of("acme", user_id="admin-7").require_brand_admin("acme") == "admin-7"


def test_require_brand_admin_forbids_a_moderator():
    with pytest.raises(ForbiddenError, match="acme"):
        a_moderator_of("acme").require_brand_admin("acme")


def test_require_brand_admin_asks_anonymous_callers_to_sign_in_first():
    with pytest.raises(UnauthorizedError):
        ANONYMOUS.require_brand_admin("acme")


# The email address (where notification emails go)


@pytest.mark.parametrize("verified", [True, "true", "True"])
def test_a_verified_email_claim_is_the_principals_address(verified: object) -> None:
    principal = principal_from_claims({"sub": "u", "email": "pat@example.com", "email_verified": verified})

    assert principal.email == "pat@example.com"


@pytest.mark.parametrize(
    "extra",
    [
        {"email": "pat@example.com"},  # not said to be verified
        {"email": "pat@example.com", "email_verified": "false"},
        {"email": "pat@example.com", "email_verified": False},
        {"email": "Pat <pat@example.com>", "email_verified": "true"},  # a display name is not an address
        {"email": "pat@example.com\nBcc: all@example.com", "email_verified": "true"},  # header injection
        {"email": "pat", "email_verified": "true"},
        {"email": 42, "email_verified": "true"},
    ],
)
def test_other_email_claims_give_no_address(extra: dict[str, object]) -> None:
    assert principal_from_claims({"sub": "u", **extra}).email is None
