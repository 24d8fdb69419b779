import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.job import Job
from ...models.job_history_status import JobHistoryStatus
from ...models.sort_direction import SortDirection
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    user: str | Unset = UNSET,
    access_key: str | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
    model: str | Unset = UNSET,
    status: JobHistoryStatus | Unset = UNSET,
    sort_by: str | Unset = UNSET,
    direction: SortDirection | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["user"] = user

    params["accessKey"] = access_key

    json_start_date: str | Unset = UNSET
    if not isinstance(start_date, Unset):
        json_start_date = start_date.isoformat()
    params["startDate"] = json_start_date

    json_end_date: str | Unset = UNSET
    if not isinstance(end_date, Unset):
        json_end_date = end_date.isoformat()
    params["endDate"] = json_end_date

    params["model"] = model

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    params["sort-by"] = sort_by

    json_direction: str | Unset = UNSET
    if not isinstance(direction, Unset):
        json_direction = direction.value

    params["direction"] = json_direction

    params["page"] = page

    params["per-page"] = per_page

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/jobs/history",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | list[Job] | None:
    if response.status_code == 200:
        response_200 = []
        _response_200 = response.json()
        for response_200_item_data in _response_200:
            response_200_item = Job.from_dict(response_200_item_data)

            response_200.append(response_200_item)

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = Error.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Error | list[Job]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    user: str | Unset = UNSET,
    access_key: str | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
    model: str | Unset = UNSET,
    status: JobHistoryStatus | Unset = UNSET,
    sort_by: str | Unset = UNSET,
    direction: SortDirection | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> Response[Error | list[Job]]:
    """Job history

     The job history receives a set of parameters and returns related job lists and details.
    Job history routes support pagination and may require filters.

    Args:
        user (str | Unset):
        access_key (str | Unset):
        start_date (datetime.datetime | Unset):
        end_date (datetime.datetime | Unset):
        model (str | Unset):
        status (JobHistoryStatus | Unset): Status of the jobs to be fetched.
        sort_by (str | Unset):
        direction (SortDirection | Unset): Sort direction.
        page (int | Unset):
        per_page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[Job]]
    """

    kwargs = _get_kwargs(
        user=user,
        access_key=access_key,
        start_date=start_date,
        end_date=end_date,
        model=model,
        status=status,
        sort_by=sort_by,
        direction=direction,
        page=page,
        per_page=per_page,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    user: str | Unset = UNSET,
    access_key: str | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
    model: str | Unset = UNSET,
    status: JobHistoryStatus | Unset = UNSET,
    sort_by: str | Unset = UNSET,
    direction: SortDirection | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> Error | list[Job] | None:
    """Job history

     The job history receives a set of parameters and returns related job lists and details.
    Job history routes support pagination and may require filters.

    Args:
        user (str | Unset):
        access_key (str | Unset):
        start_date (datetime.datetime | Unset):
        end_date (datetime.datetime | Unset):
        model (str | Unset):
        status (JobHistoryStatus | Unset): Status of the jobs to be fetched.
        sort_by (str | Unset):
        direction (SortDirection | Unset): Sort direction.
        page (int | Unset):
        per_page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[Job]
    """

    return sync_detailed(
        client=client,
        user=user,
        access_key=access_key,
        start_date=start_date,
        end_date=end_date,
        model=model,
        status=status,
        sort_by=sort_by,
        direction=direction,
        page=page,
        per_page=per_page,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    user: str | Unset = UNSET,
    access_key: str | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
    model: str | Unset = UNSET,
    status: JobHistoryStatus | Unset = UNSET,
    sort_by: str | Unset = UNSET,
    direction: SortDirection | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> Response[Error | list[Job]]:
    """Job history

     The job history receives a set of parameters and returns related job lists and details.
    Job history routes support pagination and may require filters.

    Args:
        user (str | Unset):
        access_key (str | Unset):
        start_date (datetime.datetime | Unset):
        end_date (datetime.datetime | Unset):
        model (str | Unset):
        status (JobHistoryStatus | Unset): Status of the jobs to be fetched.
        sort_by (str | Unset):
        direction (SortDirection | Unset): Sort direction.
        page (int | Unset):
        per_page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | list[Job]]
    """

    kwargs = _get_kwargs(
        user=user,
        access_key=access_key,
        start_date=start_date,
        end_date=end_date,
        model=model,
        status=status,
        sort_by=sort_by,
        direction=direction,
        page=page,
        per_page=per_page,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    user: str | Unset = UNSET,
    access_key: str | Unset = UNSET,
    start_date: datetime.datetime | Unset = UNSET,
    end_date: datetime.datetime | Unset = UNSET,
    model: str | Unset = UNSET,
    status: JobHistoryStatus | Unset = UNSET,
    sort_by: str | Unset = UNSET,
    direction: SortDirection | Unset = UNSET,
    page: int | Unset = UNSET,
    per_page: int | Unset = UNSET,
) -> Error | list[Job] | None:
    """Job history

     The job history receives a set of parameters and returns related job lists and details.
    Job history routes support pagination and may require filters.

    Args:
        user (str | Unset):
        access_key (str | Unset):
        start_date (datetime.datetime | Unset):
        end_date (datetime.datetime | Unset):
        model (str | Unset):
        status (JobHistoryStatus | Unset): Status of the jobs to be fetched.
        sort_by (str | Unset):
        direction (SortDirection | Unset): Sort direction.
        page (int | Unset):
        per_page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | list[Job]
    """

    return (
        await asyncio_detailed(
            client=client,
            user=user,
            access_key=access_key,
            start_date=start_date,
            end_date=end_date,
            model=model,
            status=status,
            sort_by=sort_by,
            direction=direction,
            page=page,
            per_page=per_page,
        )
    ).parsed
