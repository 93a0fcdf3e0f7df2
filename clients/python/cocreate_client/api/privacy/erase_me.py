from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.erasure_request import ErasureRequest
from ...models.erasure_view import ErasureView
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    *,
    body: ErasureRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/me",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErasureView | Problem | None:
    if response.status_code == 202:
        response_202 = ErasureView.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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
) -> Response[ErasureView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ErasureRequest,
) -> Response[ErasureView | Problem]:
    """Erase me: my account and what the stack keeps about me (cannot be undone)

     Ideas and comments you wrote stay, shown as by a former participant (a pseudonym nothing links back
    to you); your votes stay counted but no longer point to you; your follows, inbox, preferences, email
    address, digest, reports, standing, staff memberships and exports are deleted, and with the stack's
    own user pool your account too. The moderation log keeps what happened, not who. It runs in the
    background: follow it with GET /me/erasure. Send {"confirm": "erase me"}.

    Args:
        body (ErasureRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErasureView | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ErasureRequest,
) -> ErasureView | Problem | None:
    """Erase me: my account and what the stack keeps about me (cannot be undone)

     Ideas and comments you wrote stay, shown as by a former participant (a pseudonym nothing links back
    to you); your votes stay counted but no longer point to you; your follows, inbox, preferences, email
    address, digest, reports, standing, staff memberships and exports are deleted, and with the stack's
    own user pool your account too. The moderation log keeps what happened, not who. It runs in the
    background: follow it with GET /me/erasure. Send {"confirm": "erase me"}.

    Args:
        body (ErasureRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErasureView | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ErasureRequest,
) -> Response[ErasureView | Problem]:
    """Erase me: my account and what the stack keeps about me (cannot be undone)

     Ideas and comments you wrote stay, shown as by a former participant (a pseudonym nothing links back
    to you); your votes stay counted but no longer point to you; your follows, inbox, preferences, email
    address, digest, reports, standing, staff memberships and exports are deleted, and with the stack's
    own user pool your account too. The moderation log keeps what happened, not who. It runs in the
    background: follow it with GET /me/erasure. Send {"confirm": "erase me"}.

    Args:
        body (ErasureRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErasureView | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ErasureRequest,
) -> ErasureView | Problem | None:
    """Erase me: my account and what the stack keeps about me (cannot be undone)

     Ideas and comments you wrote stay, shown as by a former participant (a pseudonym nothing links back
    to you); your votes stay counted but no longer point to you; your follows, inbox, preferences, email
    address, digest, reports, standing, staff memberships and exports are deleted, and with the stack's
    own user pool your account too. The moderation log keeps what happened, not who. It runs in the
    background: follow it with GET /me/erasure. Send {"confirm": "erase me"}.

    Args:
        body (ErasureRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErasureView | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
