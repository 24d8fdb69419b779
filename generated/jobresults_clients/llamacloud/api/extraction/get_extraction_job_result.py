from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_detail import ErrorDetail
from ...models.http_validation_error import HTTPValidationError
from ...models.job_get_result_response import JobGetResultResponse
from ...types import UNSET, Response, Unset


def _get_kwargs(
    job_id: str,
    *,
    organization_id: str | Unset = UNSET,
    project_id: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["organization_id"] = organization_id

    params["project_id"] = project_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/extraction/jobs/{job_id}/result".format(
            job_id=quote(str(job_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorDetail | HTTPValidationError | JobGetResultResponse | None:
    if response.status_code == 200:
        response_200 = JobGetResultResponse.from_dict(response.json())

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
) -> Response[ErrorDetail | HTTPValidationError | JobGetResultResponse]:
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
    organization_id: str | Unset = UNSET,
    project_id: str | Unset = UNSET,
) -> Response[ErrorDetail | HTTPValidationError | JobGetResultResponse]:
    """Get Job Result

     Get the result of an extraction job.

    Args:
        job_id (str):
        organization_id (str | Unset):
        project_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | HTTPValidationError | JobGetResultResponse]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        organization_id=organization_id,
        project_id=project_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    organization_id: str | Unset = UNSET,
    project_id: str | Unset = UNSET,
) -> ErrorDetail | HTTPValidationError | JobGetResultResponse | None:
    """Get Job Result

     Get the result of an extraction job.

    Args:
        job_id (str):
        organization_id (str | Unset):
        project_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | HTTPValidationError | JobGetResultResponse
    """

    return sync_detailed(
        job_id=job_id,
        client=client,
        organization_id=organization_id,
        project_id=project_id,
    ).parsed


async def asyncio_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    organization_id: str | Unset = UNSET,
    project_id: str | Unset = UNSET,
) -> Response[ErrorDetail | HTTPValidationError | JobGetResultResponse]:
    """Get Job Result

     Get the result of an extraction job.

    Args:
        job_id (str):
        organization_id (str | Unset):
        project_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorDetail | HTTPValidationError | JobGetResultResponse]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        organization_id=organization_id,
        project_id=project_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    job_id: str,
    *,
    client: AuthenticatedClient | Client,
    organization_id: str | Unset = UNSET,
    project_id: str | Unset = UNSET,
) -> ErrorDetail | HTTPValidationError | JobGetResultResponse | None:
    """Get Job Result

     Get the result of an extraction job.

    Args:
        job_id (str):
        organization_id (str | Unset):
        project_id (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorDetail | HTTPValidationError | JobGetResultResponse
    """

    return (
        await asyncio_detailed(
            job_id=job_id,
            client=client,
            organization_id=organization_id,
            project_id=project_id,
        )
    ).parsed
