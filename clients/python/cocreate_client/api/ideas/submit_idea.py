from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.idea_create import IdeaCreate
from ...models.idea_view import IdeaView
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    challenge_id: str,
    *,
    body: IdeaCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/challenges/{challenge_id}/ideas".format(
            challenge_id=quote(str(challenge_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> IdeaView | Problem | None:
    if response.status_code == 201:
        response_201 = IdeaView.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[IdeaView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    challenge_id: str,
    *,
    client: AuthenticatedClient,
    body: IdeaCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[IdeaView | Problem]:
    """Submit an idea to a challenge (signed-in users, while submission is open)

    Args:
        challenge_id (str):
        idempotency_key (None | str | Unset): Makes the request safe to retry: the first answer is
            replayed for the stack's IdempotencyRetentionHours (24 by default).
        body (IdeaCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IdeaView | Problem]
    """

    kwargs = _get_kwargs(
        challenge_id=challenge_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    challenge_id: str,
    *,
    client: AuthenticatedClient,
    body: IdeaCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> IdeaView | Problem | None:
    """Submit an idea to a challenge (signed-in users, while submission is open)

    Args:
        challenge_id (str):
        idempotency_key (None | str | Unset): Makes the request safe to retry: the first answer is
            replayed for the stack's IdempotencyRetentionHours (24 by default).
        body (IdeaCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IdeaView | Problem
    """

    return sync_detailed(
        challenge_id=challenge_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    challenge_id: str,
    *,
    client: AuthenticatedClient,
    body: IdeaCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[IdeaView | Problem]:
    """Submit an idea to a challenge (signed-in users, while submission is open)

    Args:
        challenge_id (str):
        idempotency_key (None | str | Unset): Makes the request safe to retry: the first answer is
            replayed for the stack's IdempotencyRetentionHours (24 by default).
        body (IdeaCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IdeaView | Problem]
    """

    kwargs = _get_kwargs(
        challenge_id=challenge_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    challenge_id: str,
    *,
    client: AuthenticatedClient,
    body: IdeaCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> IdeaView | Problem | None:
    """Submit an idea to a challenge (signed-in users, while submission is open)

    Args:
        challenge_id (str):
        idempotency_key (None | str | Unset): Makes the request safe to retry: the first answer is
            replayed for the stack's IdempotencyRetentionHours (24 by default).
        body (IdeaCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IdeaView | Problem
    """

    return (
        await asyncio_detailed(
            challenge_id=challenge_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
