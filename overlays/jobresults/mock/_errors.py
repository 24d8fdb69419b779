"""Error responses in each service's own shape (the shapes its spec documents)."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

import orjson
from starlette.responses import Response

from ._services import ServiceName

_WICKSON_CODES = {
    400: "validation_error",
    401: "unauthorized",
    404: "not_found",
    429: "rate_limited",
    503: "resource_error",
}


def error_body(
    service: ServiceName, status: int, message: str, *, details: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The JSON body `service` answers `status` with."""
    if service == "modzy":
        return {"statusCode": status, "status": HTTPStatus(status).phrase, "message": message}
    if service == "wickson":
        body: dict[str, Any] = {
            "success": False,
            "message": message,
            "code": _WICKSON_CODES.get(status, "processing_error"),
            "status_code": status,
        }
        if details is not None:
            body["details"] = details
        return body
    return {"detail": message}


def fault_body(service: ServiceName, status: int, path: str) -> dict[str, Any]:
    """The body of a simulated 429 or 5xx (Wickson's 500 is its page's processing error)."""
    if status == 429:
        return error_body(service, status, "Rate limit exceeded")
    if service == "wickson" and status == 500:
        details: dict[str, Any] = {"operation": "get_batch_results"}
        prefix, _, rest = path.partition("/v1/batches/")
        if prefix == "/wickson" and rest.endswith("/results"):
            details["batch_id"] = rest.removesuffix("/results")
        message = "Failed to retrieve batch results: Database error"
        return error_body(service, status, message, details=details)
    return error_body(service, status, "Simulated server error")


def error_response(
    service: ServiceName,
    status: int,
    message: str,
    *,
    details: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """A JSON error response in `service`'s shape."""
    body = orjson.dumps(error_body(service, status, message, details=details))
    return Response(body, status, headers=headers, media_type="application/json")


def validation_error_response(
    service: ServiceName, parameter: str, location: str, message: str
) -> Response:
    """`service`'s answer to a parameter that is not valid (LlamaCloud: 422, others: 400)."""
    if service == "llamacloud":
        body = {"detail": [{"loc": [location, parameter], "msg": message, "type": "value_error"}]}
        return Response(orjson.dumps(body), 422, media_type="application/json")
    details = {"parameter": parameter, "location": location}
    return error_response(service, 400, f"{parameter}: {message}", details=details)
