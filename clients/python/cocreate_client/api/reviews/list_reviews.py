from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.review_page import ReviewPage
from ...models.review_sort import ReviewSort
from ...types import UNSET, Response, Unset


def _get_kwargs(
    idea_id: str,
    *,
    sort: ReviewSort | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

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
        "url": "/ideas/{idea_id}/reviews".format(
            idea_id=quote(str(idea_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | ReviewPage | None:
    if response.status_code == 200:
        response_200 = ReviewPage.from_dict(response.json())

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
) -> Response[Problem | ReviewPage]:
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
    sort: ReviewSort | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Response[Problem | ReviewPage]:
    """An idea's reviews: newest first, or most helpful first (the staff's marked ones, then by readers)

    Args:
        idea_id (str):
        sort (ReviewSort | Unset):
        limit (int | Unset): Items per page (at most 100). Default: 20.
        cursor (None | str | Unset): nextCursor of the previous page (opaque).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReviewPage]
    """

    kwargs = _get_kwargs(
        idea_id=idea_id,
        sort=sort,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    idea_id: str,
    *,
    client: AuthenticatedClient | Client,
    sort: ReviewSort | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Problem | ReviewPage | None:
    """An idea's reviews: newest first, or most helpful first (the staff's marked ones, then by readers)

    Args:
        idea_id (str):
        sort (ReviewSort | Unset):
        limit (int | Unset): Items per page (at most 100). Default: 20.
        cursor (None | str | Unset): nextCursor of the previous page (opaque).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReviewPage
    """

    return sync_detailed(
        idea_id=idea_id,
        client=client,
        sort=sort,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    idea_id: str,
    *,
    client: AuthenticatedClient | Client,
    sort: ReviewSort | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Response[Problem | ReviewPage]:
    """An idea's reviews: newest first, or most helpful first (the staff's marked ones, then by readers)

    Args:
        idea_id (str):
        sort (ReviewSort | Unset):
        limit (int | Unset): Items per page (at most 100). Default: 20.
        cursor (None | str | Unset): nextCursor of the previous page (opaque).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReviewPage]
    """

    kwargs = _get_kwargs(
        idea_id=idea_id,
        sort=sort,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    idea_id: str,
    *,
    client: AuthenticatedClient | Client,
    sort: ReviewSort | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Problem | ReviewPage | None:
    """An idea's reviews: newest first, or most helpful first (the staff's marked ones, then by readers)

    Args:
        idea_id (str):
        sort (ReviewSort | Unset):
        limit (int | Unset): Items per page (at most 100). Default: 20.
        cursor (None | str | Unset): nextCursor of the previous page (opaque).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReviewPage
    """

    return (
        await asyncio_detailed(
            idea_id=idea_id,
            client=client,
            sort=sort,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
