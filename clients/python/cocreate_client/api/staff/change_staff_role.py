from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.staff_member_view import StaffMemberView
from ...models.staff_patch import StaffPatch
from ...types import UNSET, Response, Unset


def _get_kwargs(
    brand_id: str,
    member_id: str,
    *,
    body: StaffPatch,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/brands/{brand_id}/staff/{member_id}".format(
            brand_id=quote(str(brand_id), safe=""),
            member_id=quote(str(member_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | StaffMemberView | None:
    if response.status_code == 200:
        response_200 = StaffMemberView.from_dict(response.json())

        return response_200

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

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

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
    member_id: str,
    *,
    client: AuthenticatedClient,
    body: StaffPatch,
    if_match: None | str | Unset = UNSET,
) -> Response[Problem | StaffMemberView]:
    """Change a member's role (brand admins, operators)

    Args:
        brand_id (str):
        member_id (str):
        if_match (None | str | Unset): The ETag of the version you read (e.g. "v3", or * for any):
            the write is refused with 412 if the resource changed since.
        body (StaffPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StaffMemberView]
    """

    kwargs = _get_kwargs(
        brand_id=brand_id,
        member_id=member_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    brand_id: str,
    member_id: str,
    *,
    client: AuthenticatedClient,
    body: StaffPatch,
    if_match: None | str | Unset = UNSET,
) -> Problem | StaffMemberView | None:
    """Change a member's role (brand admins, operators)

    Args:
        brand_id (str):
        member_id (str):
        if_match (None | str | Unset): The ETag of the version you read (e.g. "v3", or * for any):
            the write is refused with 412 if the resource changed since.
        body (StaffPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StaffMemberView
    """

    return sync_detailed(
        brand_id=brand_id,
        member_id=member_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    brand_id: str,
    member_id: str,
    *,
    client: AuthenticatedClient,
    body: StaffPatch,
    if_match: None | str | Unset = UNSET,
) -> Response[Problem | StaffMemberView]:
    """Change a member's role (brand admins, operators)

    Args:
        brand_id (str):
        member_id (str):
        if_match (None | str | Unset): The ETag of the version you read (e.g. "v3", or * for any):
            the write is refused with 412 if the resource changed since.
        body (StaffPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | StaffMemberView]
    """

    kwargs = _get_kwargs(
        brand_id=brand_id,
        member_id=member_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    brand_id: str,
    member_id: str,
    *,
    client: AuthenticatedClient,
    body: StaffPatch,
    if_match: None | str | Unset = UNSET,
) -> Problem | StaffMemberView | None:
    """Change a member's role (brand admins, operators)

    Args:
        brand_id (str):
        member_id (str):
        if_match (None | str | Unset): The ETag of the version you read (e.g. "v3", or * for any):
            the write is refused with 412 if the resource changed since.
        body (StaffPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | StaffMemberView
    """

    return (
        await asyncio_detailed(
            brand_id=brand_id,
            member_id=member_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
