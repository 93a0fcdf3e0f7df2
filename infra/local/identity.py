"""The template's Cognito user pools on moto, and what a token minted locally carries from them.

With the stack's own pool (``JwtIssuer`` empty, the template's default) the local cloud makes each
``AWS::Cognito::UserPool`` and ``AWS::Cognito::UserPoolGroup`` the template creates on moto's
Cognito, so the ideas function manages staff groups there as it would on AWS; ``POST
/_local/token`` then adds the groups (and the address) the pool has for the token's ``sub``, as
Cognito puts them in the ID tokens it issues."""

from __future__ import annotations

from typing import Any

from infra.local.template import Resolver

POOL = "AWS::Cognito::UserPool"
GROUP = "AWS::Cognito::UserPoolGroup"


def create_user_pools(client: Any, resolver: Resolver) -> dict[str, str]:
    """Make the pools and groups the template would create; their ids by logical id. The resolver
    is told each pool's id, so ``!Ref UserPool`` names it in the functions' environment."""
    pools: dict[str, str] = {}
    for logical_id, resource in resolver.resources.items():
        if resource.get("Type") != POOL or not resolver.included(logical_id):
            continue
        properties = resolver.resolve(resource.get("Properties") or {})
        created = client.create_user_pool(
            PoolName=str(properties.get("UserPoolName") or logical_id),
            UsernameAttributes=list(properties.get("UsernameAttributes") or []),
            AutoVerifiedAttributes=list(properties.get("AutoVerifiedAttributes") or []),
        )
        pools[logical_id] = created["UserPool"]["Id"]
        resolver.assign(logical_id, pools[logical_id])
    for logical_id, resource in resolver.resources.items():
        if resource.get("Type") != GROUP or not resolver.included(logical_id):
            continue
        properties = resolver.resolve(resource.get("Properties") or {})
        client.create_group(UserPoolId=str(properties["UserPoolId"]), GroupName=str(properties["GroupName"]))
    return pools


def pool_claims(client: Any, pool_id: str, sub: str) -> tuple[list[str], str | None]:
    """The groups and the verified address the pool has for the user ``sub`` (none: not a pool user)."""
    if '"' in sub or "\\" in sub:  # not a Cognito sub, and it would break the filter's quoting
        return [], None
    found = client.list_users(UserPoolId=pool_id, Filter=f'sub = "{sub}"', Limit=1)["Users"]
    if not found:
        return [], None
    user = found[0]
    groups = client.admin_list_groups_for_user(UserPoolId=pool_id, Username=user["Username"])["Groups"]
    attributes = {attribute["Name"]: attribute["Value"] for attribute in user.get("Attributes", [])}
    verified = attributes.get("email_verified") == "true"
    return [str(group["GroupName"]) for group in groups], attributes.get("email") if verified else None
