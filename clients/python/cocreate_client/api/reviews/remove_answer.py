from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.review_view import ReviewView
from ...types import UNSET, Response, Unset


def _get_kwargs(
    review_id: str,
    *,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/reviews/{review_id}/answer".format(
            review_id=quote(str(review_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ReviewView | None:
    if response.status_code == 200:
        response_200 = ReviewView.from_dict(response.json())

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
) -> Response[Problem | ReviewView]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    review_id: str,
    *,
    client: AuthenticatedClient,
    if_match: None | str | Unset = UNSET,
) -> Response[Problem | ReviewView]:
    """Take back the official answer to a review (the brand's staff and operators)

    Args:
        review_id (str):
        if_match (None | str | Unset): The ETag of the version you read (e.g. "v3", or * for any):
            the write is refused with 412 if the resource changed since.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReviewView]
    """

    kwargs = _get_kwargs(
        review_id=review_id,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    review_id: str,
    *,
    client: AuthenticatedClient,
    if_match: None | str | Unset = UNSET,
) -> Problem | ReviewView | None:
    """Take back the official answer to a review (the brand's staff and operators)

    Args:
        review_id (str):
        if_match (None | str | Unset): The ETag of the version you read (e.g. "v3", or * for any):
            the write is refused with 412 if the resource changed since.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReviewView
    """

    return sync_detailed(
        review_id=review_id,
        client=client,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    review_id: str,
    *,
    client: AuthenticatedClient,
    if_match: None | str | Unset = UNSET,
) -> Response[Problem | ReviewView]:
    """Take back the official answer to a review (the brand's staff and operators)

    Args:
        review_id (str):
        if_match (None | str | Unset): The ETag of the version you read (e.g. "v3", or * for any):
            the write is refused with 412 if the resource changed since.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReviewView]
    """

    kwargs = _get_kwargs(
        review_id=review_id,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    review_id: str,
    *,
    client: AuthenticatedClient,
    if_match: None | str | Unset = UNSET,
) -> Problem | ReviewView | None:
    """Take back the official answer to a review (the brand's staff and operators)

    Args:
        review_id (str):
        if_match (None | str | Unset): The ETag of the version you read (e.g. "v3", or * for any):
            the write is refused with 412 if the resource changed since.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReviewView
    """

    return (
        await asyncio_detailed(
            review_id=review_id,
            client=client,
            if_match=if_match,
        )
    ).parsed
