from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.challenge_page import ChallengePage
from ...models.phase import Phase
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    brand_id: None | str | Unset = UNSET,
    phase: None | Phase | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_brand_id: None | str | Unset
    if isinstance(brand_id, Unset):
        json_brand_id = UNSET
    else:
        json_brand_id = brand_id
    params["brandId"] = json_brand_id

    json_phase: None | str | Unset
    if isinstance(phase, Unset):
        json_phase = UNSET
    elif isinstance(phase, Phase):
        json_phase = phase.value
    else:
        json_phase = phase
    params["phase"] = json_phase

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/challenges",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ChallengePage | Problem | None:
    if response.status_code == 200:
        response_200 = ChallengePage.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ChallengePage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    brand_id: None | str | Unset = UNSET,
    phase: None | Phase | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Response[ChallengePage | Problem]:
    """List challenges (public; filter by brand and phase; drafts only for the brand's staff)

    Args:
        brand_id (None | str | Unset):
        phase (None | Phase | Unset):
        limit (int | Unset): Items per page (at most 100). Default: 20.
        cursor (None | str | Unset): nextCursor of the previous page (opaque).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChallengePage | Problem]
    """

    kwargs = _get_kwargs(
        brand_id=brand_id,
        phase=phase,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    brand_id: None | str | Unset = UNSET,
    phase: None | Phase | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> ChallengePage | Problem | None:
    """List challenges (public; filter by brand and phase; drafts only for the brand's staff)

    Args:
        brand_id (None | str | Unset):
        phase (None | Phase | Unset):
        limit (int | Unset): Items per page (at most 100). Default: 20.
        cursor (None | str | Unset): nextCursor of the previous page (opaque).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChallengePage | Problem
    """

    return sync_detailed(
        client=client,
        brand_id=brand_id,
        phase=phase,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    brand_id: None | str | Unset = UNSET,
    phase: None | Phase | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Response[ChallengePage | Problem]:
    """List challenges (public; filter by brand and phase; drafts only for the brand's staff)

    Args:
        brand_id (None | str | Unset):
        phase (None | Phase | Unset):
        limit (int | Unset): Items per page (at most 100). Default: 20.
        cursor (None | str | Unset): nextCursor of the previous page (opaque).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ChallengePage | Problem]
    """

    kwargs = _get_kwargs(
        brand_id=brand_id,
        phase=phase,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    brand_id: None | str | Unset = UNSET,
    phase: None | Phase | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> ChallengePage | Problem | None:
    """List challenges (public; filter by brand and phase; drafts only for the brand's staff)

    Args:
        brand_id (None | str | Unset):
        phase (None | Phase | Unset):
        limit (int | Unset): Items per page (at most 100). Default: 20.
        cursor (None | str | Unset): nextCursor of the previous page (opaque).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ChallengePage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            brand_id=brand_id,
            phase=phase,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
