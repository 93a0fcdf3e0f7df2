from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.trend_view import TrendView
from ...types import UNSET, Response, Unset


def _get_kwargs(
    idea_id: str,
    *,
    hours: int | Unset = 168,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["hours"] = hours

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/ideas/{idea_id}/trend".format(
            idea_id=quote(str(idea_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | TrendView | None:
    if response.status_code == 200:
        response_200 = TrendView.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | TrendView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    idea_id: str,
    *,
    client: AuthenticatedClient | Client,
    hours: int | Unset = 168,
) -> Response[Problem | TrendView]:
    """An idea's vote counts hour by hour (public once published; author and brand staff otherwise)

    Args:
        idea_id (str):
        hours (int | Unset): Hours back (90 days at most). Default: 168.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TrendView]
    """

    kwargs = _get_kwargs(
        idea_id=idea_id,
        hours=hours,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    idea_id: str,
    *,
    client: AuthenticatedClient | Client,
    hours: int | Unset = 168,
) -> Problem | TrendView | None:
    """An idea's vote counts hour by hour (public once published; author and brand staff otherwise)

    Args:
        idea_id (str):
        hours (int | Unset): Hours back (90 days at most). Default: 168.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TrendView
    """

    return sync_detailed(
        idea_id=idea_id,
        client=client,
        hours=hours,
    ).parsed


async def asyncio_detailed(
    idea_id: str,
    *,
    client: AuthenticatedClient | Client,
    hours: int | Unset = 168,
) -> Response[Problem | TrendView]:
    """An idea's vote counts hour by hour (public once published; author and brand staff otherwise)

    Args:
        idea_id (str):
        hours (int | Unset): Hours back (90 days at most). Default: 168.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | TrendView]
    """

    kwargs = _get_kwargs(
        idea_id=idea_id,
        hours=hours,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    idea_id: str,
    *,
    client: AuthenticatedClient | Client,
    hours: int | Unset = 168,
) -> Problem | TrendView | None:
    """An idea's vote counts hour by hour (public once published; author and brand staff otherwise)

    Args:
        idea_id (str):
        hours (int | Unset): Hours back (90 days at most). Default: 168.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | TrendView
    """

    return (
        await asyncio_detailed(
            idea_id=idea_id,
            client=client,
            hours=hours,
        )
    ).parsed
