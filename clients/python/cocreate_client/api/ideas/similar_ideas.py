from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.similar_ideas_view import SimilarIdeasView
from ...types import UNSET, Response


def _get_kwargs(
    challenge_id: str,
    *,
    text: str,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["text"] = text

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/challenges/{challenge_id}/similar".format(
            challenge_id=quote(str(challenge_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SimilarIdeasView | None:
    if response.status_code == 200:
        response_200 = SimilarIdeasView.from_dict(response.json())

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

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Problem | SimilarIdeasView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    challenge_id: str,
    *,
    client: AuthenticatedClient | Client,
    text: str,
) -> Response[Problem | SimilarIdeasView]:
    """Published ideas of a challenge most similar to a text, at most 5 (public)

    Args:
        challenge_id (str):
        text (str): The text to compare: a title, or a title and description, being written.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SimilarIdeasView]
    """

    kwargs = _get_kwargs(
        challenge_id=challenge_id,
        text=text,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    challenge_id: str,
    *,
    client: AuthenticatedClient | Client,
    text: str,
) -> Problem | SimilarIdeasView | None:
    """Published ideas of a challenge most similar to a text, at most 5 (public)

    Args:
        challenge_id (str):
        text (str): The text to compare: a title, or a title and description, being written.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SimilarIdeasView
    """

    return sync_detailed(
        challenge_id=challenge_id,
        client=client,
        text=text,
    ).parsed


async def asyncio_detailed(
    challenge_id: str,
    *,
    client: AuthenticatedClient | Client,
    text: str,
) -> Response[Problem | SimilarIdeasView]:
    """Published ideas of a challenge most similar to a text, at most 5 (public)

    Args:
        challenge_id (str):
        text (str): The text to compare: a title, or a title and description, being written.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SimilarIdeasView]
    """

    kwargs = _get_kwargs(
        challenge_id=challenge_id,
        text=text,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    challenge_id: str,
    *,
    client: AuthenticatedClient | Client,
    text: str,
) -> Problem | SimilarIdeasView | None:
    """Published ideas of a challenge most similar to a text, at most 5 (public)

    Args:
        challenge_id (str):
        text (str): The text to compare: a title, or a title and description, being written.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SimilarIdeasView
    """

    return (
        await asyncio_detailed(
            challenge_id=challenge_id,
            client=client,
            text=text,
        )
    ).parsed
