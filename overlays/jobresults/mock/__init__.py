"""An embedded mock of every service of the registry, for tests and demos without the internet.

One port serves them all, each from its spec: a client's base URL is `http://HOST:PORT/<service>`
followed by the path of the spec's server URL (Modzy: `http://HOST:PORT/modzy/api`, as Modzy's
base URLs end in /api). A spec added through `JOBRESULTS_SPEC_PATH` is served with no code:

    from jobresults.mock import MockServer
    with MockServer() as server:                       # a free port on 127.0.0.1
        server.base_url("wickson")                     # http://127.0.0.1:PORT/wickson
        server.api_key("wickson")                      # the mock's fixed key (API_KEYS)

or from the command line: `jobresults mock [--port 8765] [--seed N] [--speed X] [--faults SPEC]`,
and `jobresults mock --list` to print the base URLs, keys and seeded ids as JSON.

For fast tests without sockets, `transport()` (for `httpx.AsyncClient`) and `sync_transport()`
(for `httpx.Client`) run the app in memory. The pytest plugin offers the fixtures
`jobresults_mock` (a session-wide server), `jobresults_mock_factory`, `jobresults_mock_transport`
and `jobresults_mock_sync_transport`.

The generic layer. Every operation of every spec is routed. A request needs the key in the
form the spec's `securitySchemes` give (`auth_headers(service)`; the key is `API_KEYS[service]`,
`mock-<service>-key-0000000000` unless the spec's `x-jobresults: api-key-prefix` says how keys
begin); then its parameters are checked against their schemas (enum, bounds, format,
minLength, required); then it gets the 2xx example for the example ids of its path parameters,
or the spec's 404 for another id. Errors (401, 404, 400, or 422 where the spec has that instead)
are the spec's error examples with the request's id and what went wrong written in. Prism's
`Prefer: code=404` and `Prefer: example=NAME` pick a documented response. `jobresults mock
--list` names every service's base URL, key and example ids.

Stateful layers. Modzy, LlamaCloud, Wickson and Overmind also keep jobs: handlers registered per
(service, operationId) answer their operations over the generic layer. Every example of the
services' documentation pages (read from the specs) is served exactly under its own id (see
`jobresults.mock.seeded`); beside them, jobs generated from the seed in every status, a Wickson
batch of 100,000 items, a Modzy job of 10,000 items and a Modzy history of 5,000 jobs.

Control API (not part of the services' specs), under `/_mock/`:

    GET    /_mock/            the listing that `jobresults mock --list` prints
    POST   /_mock/jobs        {"service": "modzy", "count": 1, "items": 3, "seconds": 5.0,
                              "outcome": "completed" | "failed", "failures": null}
                              -> 201 {"service": ..., "ids": [...]}
    GET    /_mock/jobs/{id}   {"id", "service", "status", "items", "done", "failures", ...}
    DELETE /_mock/jobs        forget every created job
    GET    /_mock/clock       {"elapsed", "now", "speed"}
    POST   /_mock/clock       {"advance": seconds}: move simulated time forward

Values out of range (an `advance` beyond a century in all, `seconds` beyond a year, counts
below 1 or above 10,000, `failures` outside 0..items) get 400 `{"error": ...}` and change
nothing.

Connections. A connection idle for the keep-alive timeout (`MockServer(keep_alive_timeout=5.0)`)
is closed; so is one that holds a request incomplete that long (a client that died mid-request,
or trickles bytes), after a `408` saying `Connection: close`. Whenever the mock closes a
connection after a response (that 408, an error sent before the request's body was read, the
500 of an unexpected failure) the response says `Connection: close`.

A created job is pending for the first fifth of its `seconds` of simulated time (`--speed`
scales simulated time), then finishes its items one by one and ends completed or failed. Modzy
answers 404 on its results while it is pending, then fills `results` item by item and flips
`finished` at the end, while its job details go SUBMITTED, IN_PROGRESS, COMPLETED; Overmind's
iterations appear one by one; Wickson's job_results fill up and the batch goes pending,
processing, completed or failed; a LlamaCloud job is PENDING, then SUCCESS (PARTIAL_SUCCESS
when some of its items fail) with its result, or ERROR with its error text and a result that
stays a 404. `MockServer.create_jobs(...)`, `.job_state(id)`, `.advance(seconds)` and
`.delete_jobs()` call this API from Python.

Faults never change what the mock stores. For a whole run, `--faults` (or `faults=`) gives each
kind a probability per request, e.g. `429=0.2,500=0.1,reset=0.05,truncate=0.02,latency=50ms`
(`latency` delays every request; `retry-after=N` sets the 429s' Retry-After, 1 by default).
For one request, the header `X-Mock-Fault` names the fault (and skips the run's random ones):

    429                 the spec's 429 example, with Retry-After
    500 | 502 | 503     the spec's example of that status (or, if it has none, of the nearest)
    html                a 502 HTML error page (as a proxy would send)
    reset               the TCP connection is reset, no response at all
    truncate            Content-Length announces the whole body, half is sent, then close
    malformed           the body is not valid JSON (its last byte is missing)
    missing-field       the first required field is removed from a 2xx body
    unknown-enum        a status the spec does not list is put in a 2xx body
    latency=200ms       delay the request (asyncio.sleep, the server stays responsive)
    none                no random fault of the run for this request

Parts combine with commas: `X-Mock-Fault: 429, retry-after=0` or `latency=100ms, 500`.
Faulted responses carry `X-Mock-Fault: <kind>`. In memory (`transport()`), `reset` raises
`httpx.ReadError` and `truncate` raises `httpx.RemoteProtocolError`, as over a socket.
"""

from __future__ import annotations

from .._extras import require

require("mock", "the mock server (jobresults.mock)")

from . import seeded  # noqa: E402
from ._app import MockApplication, create_app  # noqa: E402
from ._faults import FAULT_KINDS, FaultPlan  # noqa: E402
from ._server import MockServer  # noqa: E402
from ._services import API_KEYS, BASE_PATHS, SERVICES, auth_headers  # noqa: E402
from ._transport import MockASGITransport, MockSyncTransport, sync_transport, transport  # noqa: E402

__all__ = [
    "API_KEYS",
    "BASE_PATHS",
    "FAULT_KINDS",
    "SERVICES",
    "FaultPlan",
    "MockASGITransport",
    "MockApplication",
    "MockServer",
    "MockSyncTransport",
    "auth_headers",
    "create_app",
    "seeded",
    "sync_transport",
    "transport",
]
