from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.staff_invite import StaffInvite
from ...models.staff_member_view import StaffMemberView
from ...types import UNSET, Response, Unset


def _get_kwargs(
    brand_id: str,
    *,
    body: StaffInvite,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/brands/{brand_id}/staff".format(
            brand_id=quote(str(brand_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | StaffMemberView | None:
    if response.status_code == 201:
        response_201 = StaffMemberView.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | StaffMemberView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    brand_id: str,
    *,
    client: AuthenticatedClient,
    body: StaffInvite,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | StaffMemberView]:
    """Invite an admin or moderator by email (brand admins, operators)

     With the stack's own user pool the person is a member at once: their account is found by address (or
    made, and Cognito emails them a temporary password) and put in the brand's group, which their next
    token carries. With an external issuer the invitation (state invited) waits 14 days for them to
    accept it, signed in with that verified address. Inviting a pending address again renews its
    invitation; an active member is a 409 (change the role with PATCH).

    Args:
        brand_id (str):
        idempotency_key (None | str | Unset): Makes the request safe to retry: the first answer is
            replayed for the stack's IdempotencyRetentionHours (24 by default).
        body (StaffInvite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StaffMemberView]
    """

    kwargs = _get_kwargs(
        brand_id=brand_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    brand_id: str,
    *,
    client: AuthenticatedClient,
    body: StaffInvite,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | StaffMemberView | None:
    """Invite an admin or moderator by email (brand admins, operators)

     With the stack's own user pool the person is a member at once: their account is found by address (or
    made, and Cognito emails them a temporary password) and put in the brand's group, which their next
    token carries. With an external issuer the invitation (state invited) waits 14 days for them to
    accept it, signed in with that verified address. Inviting a pending address again renews its
    invitation; an active member is a 409 (change the role with PATCH).

    Args:
        brand_id (str):
        idempotency_key (None | str | Unset): Makes the request safe to retry: the first answer is
            replayed for the stack's IdempotencyRetentionHours (24 by default).
        body (StaffInvite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StaffMemberView
    """

    return sync_detailed(
        brand_id=brand_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    brand_id: str,
    *,
    client: AuthenticatedClient,
    body: StaffInvite,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | StaffMemberView]:
    """Invite an admin or moderator by email (brand admins, operators)

     With the stack's own user pool the person is a member at once: their account is found by address (or
    made, and Cognito emails them a temporary password) and put in the brand's group, which their next
    token carries. With an external issuer the invitation (state invited) waits 14 days for them to
    accept it, signed in with that verified address. Inviting a pending address again renews its
    invitation; an active member is a 409 (change the role with PATCH).

    Args:
        brand_id (str):
        idempotency_key (None | str | Unset): Makes the request safe to retry: the first answer is
            replayed for the stack's IdempotencyRetentionHours (24 by default).
        body (StaffInvite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StaffMemberView]
    """

    kwargs = _get_kwargs(
        brand_id=brand_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    brand_id: str,
    *,
    client: AuthenticatedClient,
    body: StaffInvite,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | StaffMemberView | None:
    """Invite an admin or moderator by email (brand admins, operators)

     With the stack's own user pool the person is a member at once: their account is found by address (or
    made, and Cognito emails them a temporary password) and put in the brand's group, which their next
    token carries. With an external issuer the invitation (state invited) waits 14 days for them to
    accept it, signed in with that verified address. Inviting a pending address again renews its
    invitation; an active member is a 409 (change the role with PATCH).

    Args:
        brand_id (str):
        idempotency_key (None | str | Unset): Makes the request safe to retry: the first answer is
            replayed for the stack's IdempotencyRetentionHours (24 by default).
        body (StaffInvite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StaffMemberView
    """

    return (
        await asyncio_detailed(
            brand_id=brand_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
