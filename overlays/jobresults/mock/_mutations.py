"""The body faults that keep the JSON valid but break the contract: a required field missing,
an enum value the spec does not list."""

from __future__ import annotations

from typing import Any

from ._services import ServiceName

UNKNOWN_VALUES = {
    "modzy": "QUARANTINED",
    "wickson": "quarantined",
    "overmind": "paused",
}
"""The value each service gets where a status belongs (LlamaCloud's responses have no enum)."""


def _is_history(path: str) -> bool:
    return path.rstrip("/").endswith("/jobs/history")


def drop_required_field(service: ServiceName, path: str, body: Any) -> str | None:
    """Remove a required field from a 200 body in place; return its JSON path (None: no place)."""
    if service == "modzy" and _is_history(path):
        if isinstance(body, list) and body and isinstance(body[0], dict):
            body[0].pop("jobIdentifier", None)
            return "[0].jobIdentifier"
        return None
    if not isinstance(body, dict):
        return None
    if service == "wickson":
        data = body.get("data")
        if not isinstance(data, dict) or "pagination" not in data:
            return None
        del data["pagination"]
        return "data.pagination"
    field = {"modzy": "finished", "llamacloud": "run_id", "overmind": "iterations"}[service]
    if field not in body:
        return None
    del body[field]
    return field


def set_unknown_enum(service: ServiceName, path: str, body: Any) -> str | None:
    """Put a status the spec does not list into a 200 body; return its JSON path (None: no place).

    Modzy types its statuses as free strings, so there the value is only unexpected.
    """
    if service == "overmind" and isinstance(body, dict):
        body["status"] = UNKNOWN_VALUES["overmind"]
        return "status"
    if service == "wickson" and isinstance(body, dict):
        items = body.get("data", {}).get("job_results")
        if items:
            items[0]["status"] = UNKNOWN_VALUES["wickson"]
            return "data.job_results[0].status"
        return None
    if service == "modzy" and _is_history(path) and isinstance(body, list) and body:
        body[0]["status"] = UNKNOWN_VALUES["modzy"]
        return "[0].status"
    if service == "modzy" and isinstance(body, dict) and body.get("results"):
        key, item = next(iter(body["results"].items()))
        if isinstance(item, dict):
            item["status"] = UNKNOWN_VALUES["modzy"]
            return f"results.{key}.status"
    return None
