from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.comment_view import CommentView
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    comment_id: str,
    *,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/comments/{comment_id}/helpful".format(
            comment_id=quote(str(comment_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CommentView | Problem | None:
    if response.status_code == 200:
        response_200 = CommentView.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CommentView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    comment_id: str,
    *,
    client: AuthenticatedClient,
    if_match: None | str | Unset = UNSET,
) -> Response[CommentView | Problem]:
    """Mark a comment helpful (the brand's staff and operators); again changes nothing

    Args:
        comment_id (str):
        if_match (None | str | Unset): The ETag of the version you read (e.g. "v3", or * for any):
            the write is refused with 412 if the resource changed since.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommentView | Problem]
    """

    kwargs = _get_kwargs(
        comment_id=comment_id,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    comment_id: str,
    *,
    client: AuthenticatedClient,
    if_match: None | str | Unset = UNSET,
) -> CommentView | Problem | None:
    """Mark a comment helpful (the brand's staff and operators); again changes nothing

    Args:
        comment_id (str):
        if_match (None | str | Unset): The ETag of the version you read (e.g. "v3", or * for any):
            the write is refused with 412 if the resource changed since.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommentView | Problem
    """

    return sync_detailed(
        comment_id=comment_id,
        client=client,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    comment_id: str,
    *,
    client: AuthenticatedClient,
    if_match: None | str | Unset = UNSET,
) -> Response[CommentView | Problem]:
    """Mark a comment helpful (the brand's staff and operators); again changes nothing

    Args:
        comment_id (str):
        if_match (None | str | Unset): The ETag of the version you read (e.g. "v3", or * for any):
            the write is refused with 412 if the resource changed since.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommentView | Problem]
    """

    kwargs = _get_kwargs(
        comment_id=comment_id,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    comment_id: str,
    *,
    client: AuthenticatedClient,
    if_match: None | str | Unset = UNSET,
) -> CommentView | Problem | None:
    """Mark a comment helpful (the brand's staff and operators); again changes nothing

    Args:
        comment_id (str):
        if_match (None | str | Unset): The ETag of the version you read (e.g. "v3", or * for any):
            the write is refused with 412 if the resource changed since.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommentView | Problem
    """

    return (
        await asyncio_detailed(
            comment_id=comment_id,
            client=client,
            if_match=if_match,
        )
    ).parsed
