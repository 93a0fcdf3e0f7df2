from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.challenge_create import ChallengeCreate
from ...models.challenge_view import ChallengeView
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ChallengeCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["idempotency-key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/challenges",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChallengeView | Problem | None:
    if response.status_code == 201:
        response_201 = ChallengeView.from_dict(response.json())

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
) -> Response[ChallengeView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ChallengeCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[ChallengeView | Problem]:
    """Create a challenge (brand admins of brandId, operators)

     For a brand an operator added (422 naming brandId otherwise) that is not suspended (409).

    Args:
        idempotency_key (None | str | Unset): Makes the request safe to retry: the first answer is
            replayed for the stack's IdempotencyRetentionHours (24 by default).
        body (ChallengeCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChallengeView | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ChallengeCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> ChallengeView | Problem | None:
    """Create a challenge (brand admins of brandId, operators)

     For a brand an operator added (422 naming brandId otherwise) that is not suspended (409).

    Args:
        idempotency_key (None | str | Unset): Makes the request safe to retry: the first answer is
            replayed for the stack's IdempotencyRetentionHours (24 by default).
        body (ChallengeCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChallengeView | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ChallengeCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[ChallengeView | Problem]:
    """Create a challenge (brand admins of brandId, operators)

     For a brand an operator added (422 naming brandId otherwise) that is not suspended (409).

    Args:
        idempotency_key (None | str | Unset): Makes the request safe to retry: the first answer is
            replayed for the stack's IdempotencyRetentionHours (24 by default).
        body (ChallengeCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChallengeView | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ChallengeCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> ChallengeView | Problem | None:
    """Create a challenge (brand admins of brandId, operators)

     For a brand an operator added (422 naming brandId otherwise) that is not suspended (409).

    Args:
        idempotency_key (None | str | Unset): Makes the request safe to retry: the first answer is
            replayed for the stack's IdempotencyRetentionHours (24 by default).
        body (ChallengeCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChallengeView | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
