from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.review_view import ReviewView
from ...models.review_write import ReviewWrite
from ...types import Response


def _get_kwargs(
    idea_id: str,
    *,
    body: ReviewWrite,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/ideas/{idea_id}/review".format(
            idea_id=quote(str(idea_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ReviewView | None:
    if response.status_code == 200:
        response_200 = ReviewView.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = ReviewView.from_dict(response.json())

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

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | ReviewView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    idea_id: str,
    *,
    client: AuthenticatedClient,
    body: ReviewWrite,
) -> Response[Problem | ReviewView]:
    """Rate and review a shipped idea (its supporters and followers from before it shipped), or change your
    review

    Args:
        idea_id (str):
        body (ReviewWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReviewView]
    """

    kwargs = _get_kwargs(
        idea_id=idea_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    idea_id: str,
    *,
    client: AuthenticatedClient,
    body: ReviewWrite,
) -> Problem | ReviewView | None:
    """Rate and review a shipped idea (its supporters and followers from before it shipped), or change your
    review

    Args:
        idea_id (str):
        body (ReviewWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReviewView
    """

    return sync_detailed(
        idea_id=idea_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    idea_id: str,
    *,
    client: AuthenticatedClient,
    body: ReviewWrite,
) -> Response[Problem | ReviewView]:
    """Rate and review a shipped idea (its supporters and followers from before it shipped), or change your
    review

    Args:
        idea_id (str):
        body (ReviewWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReviewView]
    """

    kwargs = _get_kwargs(
        idea_id=idea_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    idea_id: str,
    *,
    client: AuthenticatedClient,
    body: ReviewWrite,
) -> Problem | ReviewView | None:
    """Rate and review a shipped idea (its supporters and followers from before it shipped), or change your
    review

    Args:
        idea_id (str):
        body (ReviewWrite):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReviewView
    """

    return (
        await asyncio_detailed(
            idea_id=idea_id,
            client=client,
            body=body,
        )
    ).parsed
