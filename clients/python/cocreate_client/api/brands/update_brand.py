from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.brand_patch import BrandPatch
from ...models.brand_view import BrandView
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    brand_id: str,
    *,
    body: BrandPatch,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["if-match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/brands/{brand_id}".format(
            brand_id=quote(str(brand_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BrandView | Problem | None:
    if response.status_code == 200:
        response_200 = BrandView.from_dict(response.json())

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

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

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
) -> Response[BrandView | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    brand_id: str,
    *,
    client: AuthenticatedClient,
    body: BrandPatch,
    if_match: None | str | Unset = UNSET,
) -> Response[BrandView | Problem]:
    """Rename a brand (its admins, operators), suspend or reinstate it (operators)

     A suspension makes every challenge of the brand read-only (no submissions, votes, comments,
    withdrawals, edits or phase moves; moderation goes on) until the brand is reinstated. It is written
    on the brand, then on each challenge: sending the same state again finishes what an interrupted
    request left undone.

    Args:
        brand_id (str):
        if_match (None | str | Unset): The ETag of the version you read (e.g. "v3", or * for any):
            the write is refused with 412 if the resource changed since.
        body (BrandPatch): Only the fields sent change. ``suspended`` (operators only) makes every
            challenge of the brand
            read-only, or open again; ``suspendedReason`` goes with a suspension.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BrandView | Problem]
    """

    kwargs = _get_kwargs(
        brand_id=brand_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    brand_id: str,
    *,
    client: AuthenticatedClient,
    body: BrandPatch,
    if_match: None | str | Unset = UNSET,
) -> BrandView | Problem | None:
    """Rename a brand (its admins, operators), suspend or reinstate it (operators)

     A suspension makes every challenge of the brand read-only (no submissions, votes, comments,
    withdrawals, edits or phase moves; moderation goes on) until the brand is reinstated. It is written
    on the brand, then on each challenge: sending the same state again finishes what an interrupted
    request left undone.

    Args:
        brand_id (str):
        if_match (None | str | Unset): The ETag of the version you read (e.g. "v3", or * for any):
            the write is refused with 412 if the resource changed since.
        body (BrandPatch): Only the fields sent change. ``suspended`` (operators only) makes every
            challenge of the brand
            read-only, or open again; ``suspendedReason`` goes with a suspension.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BrandView | Problem
    """

    return sync_detailed(
        brand_id=brand_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    brand_id: str,
    *,
    client: AuthenticatedClient,
    body: BrandPatch,
    if_match: None | str | Unset = UNSET,
) -> Response[BrandView | Problem]:
    """Rename a brand (its admins, operators), suspend or reinstate it (operators)

     A suspension makes every challenge of the brand read-only (no submissions, votes, comments,
    withdrawals, edits or phase moves; moderation goes on) until the brand is reinstated. It is written
    on the brand, then on each challenge: sending the same state again finishes what an interrupted
    request left undone.

    Args:
        brand_id (str):
        if_match (None | str | Unset): The ETag of the version you read (e.g. "v3", or * for any):
            the write is refused with 412 if the resource changed since.
        body (BrandPatch): Only the fields sent change. ``suspended`` (operators only) makes every
            challenge of the brand
            read-only, or open again; ``suspendedReason`` goes with a suspension.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BrandView | Problem]
    """

    kwargs = _get_kwargs(
        brand_id=brand_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    brand_id: str,
    *,
    client: AuthenticatedClient,
    body: BrandPatch,
    if_match: None | str | Unset = UNSET,
) -> BrandView | Problem | None:
    """Rename a brand (its admins, operators), suspend or reinstate it (operators)

     A suspension makes every challenge of the brand read-only (no submissions, votes, comments,
    withdrawals, edits or phase moves; moderation goes on) until the brand is reinstated. It is written
    on the brand, then on each challenge: sending the same state again finishes what an interrupted
    request left undone.

    Args:
        brand_id (str):
        if_match (None | str | Unset): The ETag of the version you read (e.g. "v3", or * for any):
            the write is refused with 412 if the resource changed since.
        body (BrandPatch): Only the fields sent change. ``suspended`` (operators only) makes every
            challenge of the brand
            read-only, or open again; ``suspendedReason`` goes with a suspension.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BrandView | Problem
    """

    return (
        await asyncio_detailed(
            brand_id=brand_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
