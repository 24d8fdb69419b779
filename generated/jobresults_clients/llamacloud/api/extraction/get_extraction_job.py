from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.extract_job import ExtractJob
from ...models.http_validation_error import HTTPValidationError
from ...types import Response


def _get_kwargs(
    job_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/extraction/jobs/{job_id}".format(
            job_id=quote(str(job_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | ExtractJob | HTTPValidationError | None:
    if response.status_code == 200:
        response_200 = ExtractJob.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ErrorDetail.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ErrorDetail.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ErrorDetail.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorDetail.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorDetail | ExtractJob | HTTPValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorDetail | ExtractJob | HTTPValidationError]:
    """Get Job

     Get an extraction job: its status, its error once it failed, its file and the agent it ran on. (From
    the SDK's `extraction.jobs.get(job_id) -> ExtractJob`; the SDK's `wait_for_completion` polls this
    until the status is SUCCESS or PARTIAL_SUCCESS, and raises on ERROR or CANCELLED.)

    Args:
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ExtractJob | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorDetail | ExtractJob | HTTPValidationError | None:
    """Get Job

     Get an extraction job: its status, its error once it failed, its file and the agent it ran on. (From
    the SDK's `extraction.jobs.get(job_id) -> ExtractJob`; the SDK's `wait_for_completion` polls this
    until the status is SUCCESS or PARTIAL_SUCCESS, and raises on ERROR or CANCELLED.)

    Args:
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ExtractJob | HTTPValidationError
    """

    return sync_detailed(
        job_id=job_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[ErrorDetail | ExtractJob | HTTPValidationError]:
    """Get Job

     Get an extraction job: its status, its error once it failed, its file and the agent it ran on. (From
    the SDK's `extraction.jobs.get(job_id) -> ExtractJob`; the SDK's `wait_for_completion` polls this
    until the status is SUCCESS or PARTIAL_SUCCESS, and raises on ERROR or CANCELLED.)

    Args:
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | ExtractJob | HTTPValidationError]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> ErrorDetail | ExtractJob | HTTPValidationError | None:
    """Get Job

     Get an extraction job: its status, its error once it failed, its file and the agent it ran on. (From
    the SDK's `extraction.jobs.get(job_id) -> ExtractJob`; the SDK's `wait_for_completion` polls this
    until the status is SUCCESS or PARTIAL_SUCCESS, and raises on ERROR or CANCELLED.)

    Args:
        job_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | ExtractJob | HTTPValidationError
    """

    return (
        await asyncio_detailed(
            job_id=job_id,
            client=client,
        )
    ).parsed
