from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.idea_view import IdeaView
from ...models.merge_request import MergeRequest
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    idea_id: str,
    *,
    body: MergeRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/ideas/{idea_id}/merge".format(
            idea_id=quote(str(idea_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> IdeaView | Problem | None:
    if response.status_code == 200:
        response_200 = IdeaView.from_dict(response.json())

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
) -> Response[IdeaView | Problem]:
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
    body: MergeRequest,
) -> Response[IdeaView | Problem]:
    """Merge a duplicate into another idea of the challenge (brand staff); its votes move there

    Args:
        idea_id (str):
        body (MergeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IdeaView | Problem]
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
    body: MergeRequest,
) -> IdeaView | Problem | None:
    """Merge a duplicate into another idea of the challenge (brand staff); its votes move there

    Args:
        idea_id (str):
        body (MergeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IdeaView | Problem
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
    body: MergeRequest,
) -> Response[IdeaView | Problem]:
    """Merge a duplicate into another idea of the challenge (brand staff); its votes move there

    Args:
        idea_id (str):
        body (MergeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IdeaView | Problem]
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
    body: MergeRequest,
) -> IdeaView | Problem | None:
    """Merge a duplicate into another idea of the challenge (brand staff); its votes move there

    Args:
        idea_id (str):
        body (MergeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IdeaView | Problem
    """

    return (
        await asyncio_detailed(
            idea_id=idea_id,
            client=client,
            body=body,
        )
    ).parsed
