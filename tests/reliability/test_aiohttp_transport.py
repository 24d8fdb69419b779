"""With the `aiohttp` extra, the async clients the library makes send on httpx-aiohttp's
transport and keep the library's policies: no cookies, every request counted (no hidden
resend), failures as httpx's error types. A caller's own `http_client` is used as it is."""

from __future__ import annotations

import httpx
import pytest
from jobresults import wickson
from jobresults.errors import APIConnectionError, APITimeoutError

from ._operations import IDS, operation, sample_bodies
from ._servers import Reply, ScriptedServer, Seen, refusing_port
from ._support import CANARY_KEYS, JSON

pytest.importorskip("httpx_aiohttp")

RESULTS = operation("wickson.batches.results")
BODY = sample_bodies()[str(RESULTS)]


async def test_the_library_client_uses_it_and_a_callers_client_stays_its_own() -> None:
    from jobresults._aiohttp_transport import LibraryAiohttpTransport

    made = wickson.AsyncClient(CANARY_KEYS["wickson"], base_url="http://127.0.0.1:9")
    own = httpx.AsyncClient()
    theirs = wickson.AsyncClient(
        CANARY_KEYS["wickson"], base_url="http://127.0.0.1:9", http_client=own
    )
    try:
        assert isinstance(made._http.client._transport, LibraryAiohttpTransport)
        assert theirs._http.client is own
        assert not isinstance(own._transport, LibraryAiohttpTransport)
    finally:
        await made.aclose()
        await theirs.aclose()
        await own.aclose()


async def test_no_cookie_is_kept_and_every_request_is_counted() -> None:
    def answer(seen: Seen) -> Reply:
        return Reply(200, BODY, {**JSON, "Set-Cookie": "session=kept; Path=/"})

    with ScriptedServer(answer) as server:
        # a host name: aiohttp's own jar keeps no cookie from an IP address anyway
        url = server.url.replace("127.0.0.1", "localhost")
        client = wickson.AsyncClient(CANARY_KEYS["wickson"], base_url=url)
        try:
            for _ in range(3):
                await RESULTS.acall(client, IDS["wickson"])
        finally:
            await client.aclose()
        assert len(server.seen) == 3 == client.requests_sent
        assert all("cookie" not in seen.headers for seen in server.seen)


async def test_a_refused_connection_is_a_connection_error_not_a_timeout() -> None:
    with refusing_port() as port:
        client = wickson.AsyncClient(
            CANARY_KEYS["wickson"], base_url=f"http://127.0.0.1:{port}", max_retries=0
        )
        try:
            with pytest.raises(APIConnectionError) as caught:
                await RESULTS.acall(client, IDS["wickson"])
        finally:
            await client.aclose()
        assert not isinstance(caught.value, APITimeoutError)
        assert isinstance(caught.value.__cause__, httpx.ConnectError)
