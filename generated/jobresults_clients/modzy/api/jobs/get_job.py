from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.job import Job
from ...types import Response


def _get_kwargs(
    job_identifier: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/jobs/{job_identifier}".format(
            job_identifier=quote(str(job_identifier), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | Job | None:
    if response.status_code == 200:
        response_200 = Job.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

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
) -> Response[Error | Job]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    job_identifier: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | Job]:
    """Job details

     One job's details: the job object of the job history. (Not on the pages: the official
    SDK's `client.jobs.get(job)` calls this path, and its `block_until_complete` polls it
    until the status is neither SUBMITTED nor IN_PROGRESS. A job is here as soon as it was
    submitted, also while its results still answer 404.)

    Args:
        job_identifier (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Job]
    """

    kwargs = _get_kwargs(
        job_identifier=job_identifier,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    job_identifier: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | Job | None:
    """Job details

     One job's details: the job object of the job history. (Not on the pages: the official
    SDK's `client.jobs.get(job)` calls this path, and its `block_until_complete` polls it
    until the status is neither SUBMITTED nor IN_PROGRESS. A job is here as soon as it was
    submitted, also while its results still answer 404.)

    Args:
        job_identifier (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Job
    """

    return sync_detailed(
        job_identifier=job_identifier,
        client=client,
    ).parsed


async def asyncio_detailed(
    job_identifier: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Error | Job]:
    """Job details

     One job's details: the job object of the job history. (Not on the pages: the official
    SDK's `client.jobs.get(job)` calls this path, and its `block_until_complete` polls it
    until the status is neither SUBMITTED nor IN_PROGRESS. A job is here as soon as it was
    submitted, also while its results still answer 404.)

    Args:
        job_identifier (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | Job]
    """

    kwargs = _get_kwargs(
        job_identifier=job_identifier,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    job_identifier: str,
    *,
    client: AuthenticatedClient | Client,
) -> Error | Job | None:
    """Job details

     One job's details: the job object of the job history. (Not on the pages: the official
    SDK's `client.jobs.get(job)` calls this path, and its `block_until_complete` polls it
    until the status is neither SUBMITTED nor IN_PROGRESS. A job is here as soon as it was
    submitted, also while its results still answer 404.)

    Args:
        job_identifier (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | Job
    """

    return (
        await asyncio_detailed(
            job_identifier=job_identifier,
            client=client,
        )
    ).parsed
