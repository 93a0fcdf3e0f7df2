from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.audit_page import AuditPage
from ...models.problem import Problem
from ...models.target_type import TargetType
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    brand_id: None | str | Unset = UNSET,
    target_type: None | TargetType | Unset = UNSET,
    target_id: None | str | Unset = UNSET,
    since: None | str | Unset = UNSET,
    until: None | str | Unset = UNSET,
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

    json_target_type: None | str | Unset
    if isinstance(target_type, Unset):
        json_target_type = UNSET
    elif isinstance(target_type, TargetType):
        json_target_type = target_type.value
    else:
        json_target_type = target_type
    params["targetType"] = json_target_type

    json_target_id: None | str | Unset
    if isinstance(target_id, Unset):
        json_target_id = UNSET
    else:
        json_target_id = target_id
    params["targetId"] = json_target_id

    json_since: None | str | Unset
    if isinstance(since, Unset):
        json_since = UNSET
    else:
        json_since = since
    params["since"] = json_since

    json_until: None | str | Unset
    if isinstance(until, Unset):
        json_until = UNSET
    else:
        json_until = until
    params["until"] = json_until

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
        "url": "/moderation/audit",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AuditPage | Problem | None:
    if response.status_code == 200:
        response_200 = AuditPage.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AuditPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    brand_id: None | str | Unset = UNSET,
    target_type: None | TargetType | Unset = UNSET,
    target_id: None | str | Unset = UNSET,
    since: None | str | Unset = UNSET,
    until: None | str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Response[AuditPage | Problem]:
    """The append-only moderation log of a brand you moderate (or any, for operators), newest first

    Args:
        brand_id (None | str | Unset):
        target_type (None | TargetType | Unset):
        target_id (None | str | Unset):
        since (None | str | Unset): From this time (ISO 8601, with a zone)
        until (None | str | Unset): Up to this time (ISO 8601, with a zone)
        limit (int | Unset): Items per page (at most 100). Default: 20.
        cursor (None | str | Unset): nextCursor of the previous page (opaque).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditPage | Problem]
    """

    kwargs = _get_kwargs(
        brand_id=brand_id,
        target_type=target_type,
        target_id=target_id,
        since=since,
        until=until,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    brand_id: None | str | Unset = UNSET,
    target_type: None | TargetType | Unset = UNSET,
    target_id: None | str | Unset = UNSET,
    since: None | str | Unset = UNSET,
    until: None | str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> AuditPage | Problem | None:
    """The append-only moderation log of a brand you moderate (or any, for operators), newest first

    Args:
        brand_id (None | str | Unset):
        target_type (None | TargetType | Unset):
        target_id (None | str | Unset):
        since (None | str | Unset): From this time (ISO 8601, with a zone)
        until (None | str | Unset): Up to this time (ISO 8601, with a zone)
        limit (int | Unset): Items per page (at most 100). Default: 20.
        cursor (None | str | Unset): nextCursor of the previous page (opaque).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditPage | Problem
    """

    return sync_detailed(
        client=client,
        brand_id=brand_id,
        target_type=target_type,
        target_id=target_id,
        since=since,
        until=until,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    brand_id: None | str | Unset = UNSET,
    target_type: None | TargetType | Unset = UNSET,
    target_id: None | str | Unset = UNSET,
    since: None | str | Unset = UNSET,
    until: None | str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> Response[AuditPage | Problem]:
    """The append-only moderation log of a brand you moderate (or any, for operators), newest first

    Args:
        brand_id (None | str | Unset):
        target_type (None | TargetType | Unset):
        target_id (None | str | Unset):
        since (None | str | Unset): From this time (ISO 8601, with a zone)
        until (None | str | Unset): Up to this time (ISO 8601, with a zone)
        limit (int | Unset): Items per page (at most 100). Default: 20.
        cursor (None | str | Unset): nextCursor of the previous page (opaque).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditPage | Problem]
    """

    kwargs = _get_kwargs(
        brand_id=brand_id,
        target_type=target_type,
        target_id=target_id,
        since=since,
        until=until,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    brand_id: None | str | Unset = UNSET,
    target_type: None | TargetType | Unset = UNSET,
    target_id: None | str | Unset = UNSET,
    since: None | str | Unset = UNSET,
    until: None | str | Unset = UNSET,
    limit: int | Unset = 20,
    cursor: None | str | Unset = UNSET,
) -> AuditPage | Problem | None:
    """The append-only moderation log of a brand you moderate (or any, for operators), newest first

    Args:
        brand_id (None | str | Unset):
        target_type (None | TargetType | Unset):
        target_id (None | str | Unset):
        since (None | str | Unset): From this time (ISO 8601, with a zone)
        until (None | str | Unset): Up to this time (ISO 8601, with a zone)
        limit (int | Unset): Items per page (at most 100). Default: 20.
        cursor (None | str | Unset): nextCursor of the previous page (opaque).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            brand_id=brand_id,
            target_type=target_type,
            target_id=target_id,
            since=since,
            until=until,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
