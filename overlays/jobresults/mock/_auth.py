"""Each service's authentication, enforced: a missing or wrong key gets 401 in its error shape."""

from __future__ import annotations

import hmac

from starlette.types import ASGIApp, Receive, Scope, Send

from ._errors import error_response
from ._services import API_KEYS, ServiceName, presented_key, service_of_path

_MESSAGES: dict[ServiceName, tuple[str, str]] = {
    "modzy": ("API key required: send Authorization: ApiKey <key>", "Invalid API key"),
    "llamacloud": ("Not authenticated", "Invalid authentication credentials"),
    "wickson": ("Invalid or missing API key", "Invalid or missing API key"),
    "overmind": ("Authentication credentials were not provided.", "Invalid API key."),
}


class AuthMiddleware:
    """Answers 401 to requests for a service that do not carry its key in its header form."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the key of an HTTP request for one of the services, then pass it on."""
        service = service_of_path(scope["path"]) if scope["type"] == "http" else None
        if service is None:
            await self.app(scope, receive, send)
            return
        headers = {
            bytes(name).decode("latin-1").lower(): bytes(value).decode("latin-1")
            for name, value in scope["headers"]
        }
        key = presented_key(service, headers)
        expected = API_KEYS[service]
        if key is not None and hmac.compare_digest(key.encode(), expected.encode()):
            await self.app(scope, receive, send)
            return
        missing, invalid = _MESSAGES[service]
        extra = {"WWW-Authenticate": "Bearer"} if service == "llamacloud" else None
        response = error_response(service, 401, missing if key is None else invalid, headers=extra)
        await response(scope, receive, send)
