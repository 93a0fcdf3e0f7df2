"""The stack's own Cognito user pool as the staff's identity directory: brand groups there are
what its tokens carry (``cognito:groups``)."""

from __future__ import annotations

import contextlib
from typing import Any

from botocore.exceptions import ClientError

from shared.domain.errors import ConflictError, UnavailableError, ValidationError
from shared.domain.staff import StaffRole, group_name

_UNAVAILABLE = frozenset({"TooManyRequestsException", "InternalErrorException", "LimitExceededException"})


class CognitoDirectory:
    def __init__(self, client: Any, user_pool_id: str) -> None:
        self._client = client
        self._pool = user_pool_id

    def _call(self, operation: str, **kwargs: Any) -> Any:
        try:
            return getattr(self._client, operation)(UserPoolId=self._pool, **kwargs)
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            if code in _UNAVAILABLE:
                raise UnavailableError("The user directory is busy; try again shortly.") from exc
            if code == "InvalidParameterException":
                raise ValidationError("The user directory refused this address.", field="email") from exc
            raise

    def find_or_invite(self, email: str) -> str:
        """The ``sub`` of the account with this address; a new account when there is none (Cognito
        emails its temporary password: the pool signs in by email)."""
        found = self._call("list_users", Filter=f'email = "{email}"', Limit=1)["Users"]
        if found:
            return _sub(found[0]["Attributes"])
        try:
            created = self._call(
                "admin_create_user",
                Username=email,
                UserAttributes=[{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}],
                DesiredDeliveryMediums=["EMAIL"],
            )
        except ClientError as exc:  # made meanwhile by a concurrent invitation: read it
            if exc.response.get("Error", {}).get("Code") != "UsernameExistsException":
                raise
            return self.find_or_invite(email)
        return _sub(created["User"]["Attributes"])

    def _username(self, user_id: str) -> str:
        found = self._call("list_users", Filter=f'sub = "{user_id}"', Limit=1)["Users"]
        if not found:
            raise ConflictError(f"User {user_id!r} is not in the stack's user pool.")
        return str(found[0]["Username"])

    def add_to_group(self, user_id: str, brand_id: str, role: StaffRole) -> None:
        group = group_name(brand_id, role)
        with contextlib.suppress(self._client.exceptions.GroupExistsException):
            self._call("create_group", GroupName=group, Description=f"Brand {brand_id}: {role.value}s")
        self._call("admin_add_user_to_group", Username=self._username(user_id), GroupName=group)

    def remove_from_group(self, user_id: str, brand_id: str, role: StaffRole) -> None:
        try:
            username = self._username(user_id)
        except ConflictError:
            return  # the account is gone: nothing grants the role any more
        with contextlib.suppress(self._client.exceptions.ResourceNotFoundException):
            self._call("admin_remove_user_from_group", Username=username, GroupName=group_name(brand_id, role))
        self._call("admin_user_global_sign_out", Username=username)


def _sub(attributes: list[dict[str, str]]) -> str:
    return next(attribute["Value"] for attribute in attributes if attribute["Name"] == "sub")
