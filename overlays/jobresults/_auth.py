"""The API key: held masked, sent only to the configured origin, scrubbed from what is shown.

`SecretKey` holds a key so that nothing prints it by accident: its repr and str are masked (so
tracebacks that show local variables, `rich`'s `show_locals` or pytest's `--showlocals`, show
`SecretKey('****')`), and it refuses to be pickled. Only `reveal()` gives the key.

`OriginAuth` adds the service's auth header to each request as it is sent (an `httpx.Auth`
flow), and only to a request for the configured origin (scheme, host and port): a redirect, or
a caller's own `http_client` that follows redirects, never carries the key to another host,
port or scheme. httpx strips only `Authorization` on such redirects, and not when a redirect
moves from http to https on another port; `X-Api-Key` it keeps.
"""

from __future__ import annotations

import functools
import http.cookiejar
import ipaddress
import os
from collections.abc import Callable, Generator
from typing import Any, Final, NoReturn

import httpx

from ._body import keep_body

MASK: Final = "****"
"""What a key is replaced by wherever it would be shown."""

MIN_SCRUBBED_LENGTH: Final = 4
"""Keys shorter than this are not searched for in messages: every short word would match."""


@functools.lru_cache(maxsize=256)  # asked for every request's host
def is_loopback(host: str) -> bool:
    """True for `localhost`, `*.localhost` and loopback addresses (IPv4 or IPv6)."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _unsendable_position(text: str) -> int | None:
    """The position of the first character no HTTP header can carry, if any."""
    for position, char in enumerate(text):
        if not " " <= char <= "~":
            return position
    return None


class SecretKey:
    """An API key whose repr and str are masked, which refuses to be pickled; `reveal()` gives
    it. Surrounding whitespace is dropped."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not isinstance(value, str):
            kind = type(value).__name__
            del value  # not shown by tracebacks that print locals
            raise TypeError(f"an API key must be a string, got {kind}")
        self._value = value.strip()

    @classmethod
    def of(cls, value: str | SecretKey | None) -> SecretKey | None:
        """`value` as a `SecretKey` (None stays None)."""
        return value if value is None or isinstance(value, SecretKey) else cls(value)

    @classmethod
    def from_environment(cls, name: str) -> SecretKey | None:
        """The key in environment variable `name`, if it is set."""
        value = os.environ.get(name)
        return None if value is None else cls(value)

    def reveal(self) -> str:
        """The key itself."""
        return self._value

    def check_sendable(self, service: str) -> None:
        """Raise ValueError (never quoting the key) if it holds a character that no HTTP header
        can carry: a control character, a line break or a non-ASCII character."""
        position = _unsendable_position(self._value)
        if position is not None:
            raise ValueError(
                f"the {service} API key holds a character that cannot be sent in an HTTP"
                f" header (at position {position}): a control character, a line break or a"
                " non-ASCII character"
            )

    def scrub(self, text: str) -> str:
        """`text` with every occurrence of the key replaced by `MASK`."""
        if len(self._value) < MIN_SCRUBBED_LENGTH or self._value not in text:
            return text
        return text.replace(self._value, MASK)

    def scrub_bytes(self, data: bytes) -> bytes:
        """`data` with every occurrence of the key (as ASCII) replaced by `MASK`."""
        if len(self._value) < MIN_SCRUBBED_LENGTH:
            return data
        return data.replace(self._value.encode("ascii", "replace"), MASK.encode())

    def scrub_value(self, value: Any) -> Any:
        """A JSON value (strings, lists, dicts) with the key scrubbed from every string in it."""
        if isinstance(value, str):
            return self.scrub(value)
        if isinstance(value, list):
            return [self.scrub_value(item) for item in value]
        if isinstance(value, dict):
            return {self.scrub(str(k)): self.scrub_value(v) for k, v in value.items()}
        return value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return f"SecretKey({MASK!r})"

    __str__ = __repr__

    def __reduce__(self) -> NoReturn:
        raise TypeError("an API key is not pickled")


class _RefuseAll(http.cookiejar.DefaultCookiePolicy):
    def set_ok(self, cookie: http.cookiejar.Cookie, request: Any) -> bool:
        return False

    def return_ok(self, cookie: http.cookiejar.Cookie, request: Any) -> bool:
        return False


def no_cookies() -> http.cookiejar.CookieJar:
    """A cookie jar that keeps nothing: the clients' own connection pools use one, so that
    cookies a server sets neither pile up across calls nor reach another caller of a shared
    client (these services authenticate with the API key alone). A caller's own `http_client`
    keeps its own cookie policy."""
    return http.cookiejar.CookieJar(policy=_RefuseAll())


Origin = tuple[str, str, int]
"""Scheme, host and port (the scheme's default when the URL names none)."""

_DEFAULT_PORTS: Final = {"http": 80, "https": 443}


def origin_of(url: httpx.URL) -> Origin:
    """The origin of `url`."""
    scheme = url.scheme.lower()
    return scheme, url.host.lower(), url.port or _DEFAULT_PORTS.get(scheme, 0)


class OriginAuth(httpx.Auth):
    """Adds `header: [scheme ]key` to requests for one origin, and to no other request; never
    to plain http off loopback unless `allow_insecure_http` (see the module)."""

    requires_request_body = False
    requires_response_body = False

    def __init__(
        self,
        header: str,
        key: SecretKey,
        *,
        origin: Origin,
        scheme: str | None = None,
        allow_insecure_http: bool = False,
    ) -> None:
        self.header = header
        self.origin = origin
        self._key = key
        self._prefix = "" if scheme is None else f"{scheme} "
        self._allow_insecure_http = allow_insecure_http

    def sends_key_to(self, url: httpx.URL) -> bool:
        """True if a request for `url` gets the key."""
        if origin_of(url) != self.origin:
            return False
        insecure = url.scheme == "http" and not is_loopback(url.host)
        return not insecure or self._allow_insecure_http

    def apply(self, request: httpx.Request) -> None:
        """Add the header to `request` if it is for the origin; remove it otherwise."""
        if self.sends_key_to(request.url):
            request.headers[self.header] = self._prefix + self._key.reveal()
        else:
            request.headers.pop(self.header, None)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """`apply`, as an httpx auth flow."""
        self.apply(request)
        yield request

    def __repr__(self) -> str:
        scheme, host, port = self.origin
        return f"<OriginAuth {self.header} for {scheme}://{host}:{port}>"


def send(
    client: httpx.Client, request: httpx.Request, auth: OriginAuth, count: Callable[[], None]
) -> httpx.Response:
    """Send `request` on `client` (streamed), authenticated by `auth` hop by hop: redirects are
    followed here, as the client's own `follow_redirects` and `max_redirects` say, so that each
    hop gets the key only if it goes to the origin. `count()` is called per request sent."""
    count()
    response = client.send(request, stream=True, auth=auth, follow_redirects=False)
    hops: list[httpx.Response] = []
    while client.follow_redirects and response.next_request is not None:
        response.close()
        hop = _next_hop(response, hops, client.max_redirects)
        count()
        response = client.send(hop, stream=True, auth=auth, follow_redirects=False)
    response.history = hops
    return response


async def asend(
    client: httpx.AsyncClient,
    request: httpx.Request,
    auth: OriginAuth,
    count: Callable[[], None],
) -> httpx.Response:
    """`send` for an `httpx.AsyncClient`."""
    count()
    response = await client.send(request, stream=True, auth=auth, follow_redirects=False)
    hops: list[httpx.Response] = []
    while client.follow_redirects and response.next_request is not None:
        await response.aclose()
        hop = _next_hop(response, hops, client.max_redirects)
        count()
        response = await client.send(hop, stream=True, auth=auth, follow_redirects=False)
    response.history = hops
    return response


def _next_hop(response: httpx.Response, hops: list[httpx.Response], limit: int) -> httpx.Request:
    """The request a redirect leads to (the auth flow adds the key back only if it goes to the
    origin); `response`, closed by the caller, is kept in `hops`."""
    hop = response.next_request
    assert hop is not None
    if len(hops) >= limit:
        raise httpx.TooManyRedirects(f"more than {limit} redirects", request=response.request)
    hops.append(response)
    return hop


SENSITIVE_HEADERS: Final = frozenset(
    {"authorization", "proxy-authorization", "x-api-key", "api-key", "cookie"}
)
"""Request headers whose values are masked in pickled errors, whatever the key."""


def scrub_error(error: Any, key: SecretKey) -> Any:
    """`error` (a `jobresults.errors.APIError`) with `key` scrubbed from its message and from
    the parts of the body it shows (`error_message`, `code`, `details`, `reason`); the raw body
    stays on `error.response`. The key is kept on the error (masked) so that pickling it can
    scrub the body too (see `without_secrets`)."""
    message = key.scrub(error.message)
    if message != error.message:
        error.message = message
        error.args = (message, *error.args[1:])
    for name in ("error_message", "code", "reason", "details"):
        value = getattr(error, name, None)
        if value is not None:
            setattr(error, name, key.scrub_value(value))
    error._secret_key = key
    return error


def _clean_request(request: httpx.Request, key: SecretKey | None) -> httpx.Request:
    headers = [
        (name, MASK if name.lower() in SENSITIVE_HEADERS else value)
        for name, value in request.headers.multi_items()
    ]
    if key is not None:
        headers = [(name, key.scrub(value)) for name, value in headers]
    return httpx.Request(request.method, request.url, headers=headers)


def _clean_response(response: httpx.Response, key: SecretKey | None) -> httpx.Response:
    try:
        body = response.content
    except httpx.ResponseNotRead:
        body = b""
    clean = httpx.Response(response.status_code, stream=httpx.ByteStream(b""))
    clean.headers = response.headers
    keep_body(clean, body if key is None else key.scrub_bytes(body))
    clean.request = _clean_request(response.request, key)
    return clean


def without_secrets(state: dict[str, Any]) -> dict[str, Any]:
    """An error's `__dict__` fit for pickling: the key dropped, its request's auth headers
    masked and the key scrubbed from its response body (see `errors.JobResultsError`)."""
    state = dict(state)
    key = state.pop("_secret_key", None)
    if isinstance(state.get("request"), httpx.Request):
        state["request"] = _clean_request(state["request"], key)
    if isinstance(state.get("response"), httpx.Response):
        state["response"] = _clean_response(state["response"], key)
    return state
