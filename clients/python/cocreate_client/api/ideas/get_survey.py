from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.survey_view import SurveyView
from ...types import Response


def _get_kwargs(
    idea_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/ideas/{idea_id}/survey".format(
            idea_id=quote(str(idea_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | SurveyView | None:
    if response.status_code == 200:
        response_200 = SurveyView.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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
) -> Response[Problem | SurveyView]:
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
) -> Response[Problem | SurveyView]:
    """The idea's supporter survey counts (brand staff): per option, and the spread of numbers

    Args:
        idea_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SurveyView]
    """

    kwargs = _get_kwargs(
        idea_id=idea_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    idea_id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | SurveyView | None:
    """The idea's supporter survey counts (brand staff): per option, and the spread of numbers

    Args:
        idea_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SurveyView
    """

    return sync_detailed(
        idea_id=idea_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    idea_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | SurveyView]:
    """The idea's supporter survey counts (brand staff): per option, and the spread of numbers

    Args:
        idea_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SurveyView]
    """

    kwargs = _get_kwargs(
        idea_id=idea_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    idea_id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | SurveyView | None:
    """The idea's supporter survey counts (brand staff): per option, and the spread of numbers

    Args:
        idea_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SurveyView
    """

    return (
        await asyncio_detailed(
            idea_id=idea_id,
            client=client,
        )
    ).parsed
