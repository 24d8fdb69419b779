"""The API key goes to the configured origin and to no one else: not through redirects, not into
tracebacks that print locals, messages, logs or command output, not into pickled errors, and no
cookie jar carries anything from one call to the next."""

from __future__ import annotations

import concurrent.futures
import logging
import multiprocessing
import os
import pickle
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from jobresults import wickson
from jobresults.cli import app
from jobresults.errors import JobResultsError
from typer.testing import CliRunner

from ._operations import IDS, OPERATIONS, Operation, sample_bodies
from ._servers import STALLS, Reply, ScriptedServer, Seen, StallingServer, json_reply, refusing_port
from ._support import (
    CANARY_KEYS,
    JSON,
    SERVICES,
    AsyncRecordingSleep,
    RecordingSleep,
    awithin,
    within,
)

SAMPLES = sample_bodies()
FIRST = {service: next(op for op in OPERATIONS if op.service == service) for service in SERVICES}
"""One fetching call per service."""
ENV_KEYS = {
    "modzy": "MODZY_API_KEY",
    "llamacloud": "LLAMA_CLOUD_API_KEY",
    "wickson": "WICKSON_API_KEY",
    "overmind": "OVERMIND_API_KEY",
}


def carries_a_key(headers: Any) -> bool:
    """True if any header value holds one of the canary keys, or an auth header is present."""
    values = " ".join(str(value) for value in dict(headers).values())
    names = {str(name).lower() for name in dict(headers)}
    return bool(names & {"x-api-key", "authorization"}) or any(
        key in values for key in CANARY_KEYS.values()
    )


def base(url: str, service: str) -> str:
    return url + ("/api" if service == "modzy" else "")


# Redirects ---------------------------------------------------------------------------------


def redirecting_to(target: Callable[[Seen], str]) -> Callable[[Seen], Reply]:
    def answer(seen: Seen) -> Reply:
        return Reply(302, b"", {"Location": target(seen)})

    return answer


def landing(operation: Operation) -> Callable[[Seen], Reply]:
    def answer(seen: Seen) -> Reply:
        return Reply(200, SAMPLES[str(operation)], dict(JSON))

    return answer


@pytest.mark.parametrize("service", SERVICES)
async def test_a_redirect_to_another_origin_carries_no_key(service: str) -> None:
    operation = FIRST[service]
    with (
        ScriptedServer(landing(operation)) as elsewhere,
        ScriptedServer(landing(operation)) as same_origin_target,
    ):
        port = elsewhere.url.rsplit(":", 1)[1]
        targets = {
            "another port": lambda seen: elsewhere.url + seen.path,
            "another host": lambda seen: f"http://localhost:{port}{seen.path}",
        }
        for target in targets.values():
            with ScriptedServer(redirecting_to(target)) as origin:
                options = {"api_key": CANARY_KEYS[service], "base_url": base(origin.url, service)}
                sync = operation.client(
                    **options,
                    http_client=httpx.Client(follow_redirects=True),
                    sleep=RecordingSleep(),
                )
                within(10, lambda sync=sync: operation.call(sync, IDS[service]))
                asynchronous = operation.async_client(
                    **options,
                    http_client=httpx.AsyncClient(follow_redirects=True),
                    sleep=AsyncRecordingSleep(),
                )
                await awithin(10, operation.acall(asynchronous, IDS[service]))
                await asynchronous.aclose()
                assert len(origin.seen) == 2
                assert all(carries_a_key(seen.headers) for seen in origin.seen)
        assert len(elsewhere.seen) == 4
        for seen in elsewhere.seen:
            assert not carries_a_key(seen.headers), (service, seen.headers)
        assert same_origin_target.seen == []


DESTINATIONS = {
    "plain http, same host": "http://api.service.test",
    "another port": "https://api.service.test:8443",
    "another host": "https://evil.test",
    "the same origin": "https://api.service.test/home",
}


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("destination", list(DESTINATIONS))
async def test_a_redirect_across_schemes_or_hosts_carries_no_key_and_one_home_does(
    service: str, destination: str
) -> None:
    operation = FIRST[service]
    received: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        received.append(request)
        url = request.url
        home = (url.scheme, url.host, url.port) == ("https", "api.service.test", None)
        if home and not url.path.startswith("/home"):
            location = DESTINATIONS[destination] + url.path
            return httpx.Response(307, headers={"Location": location})
        return httpx.Response(200, content=SAMPLES[str(operation)], headers=JSON)

    transport = httpx.MockTransport(answer)
    options: dict[str, Any] = {
        "api_key": CANARY_KEYS[service],
        "base_url": base("https://api.service.test", service),
    }
    sync = operation.client(
        **options,
        http_client=httpx.Client(transport=transport, follow_redirects=True),
        sleep=RecordingSleep(),
    )
    operation.call(sync, IDS[service])
    asynchronous = operation.async_client(
        **options,
        http_client=httpx.AsyncClient(transport=transport, follow_redirects=True),
        sleep=AsyncRecordingSleep(),
    )
    await operation.acall(asynchronous, IDS[service])
    await asynchronous.aclose()
    assert len(received) == 4
    for first, second in (received[:2], received[2:]):
        assert carries_a_key(first.headers)
        if destination == "the same origin":
            assert carries_a_key(second.headers)
        else:
            assert not carries_a_key(second.headers), second.headers


# Tracebacks, messages, logs, output ----------------------------------------------------------


def formatted(error: BaseException) -> str:
    """`error` as three tools print it with every frame's local variables: the standard
    library, pytest's `--showlocals`, and rich's `show_locals` (its locals as rich renders them;
    the source lines, which rich highlights slowly, are the standard library's already)."""
    import _pytest._code
    from rich.traceback import Traceback

    exception = traceback.TracebackException.from_exception(error, capture_locals=True)
    texts = ["".join(exception.format())]
    info = _pytest._code.ExceptionInfo.from_exception(error)
    texts.append(str(info.getrepr(showlocals=True, style="short", chain=True)))
    trace = Traceback.extract(type(error), error, error.__traceback__, show_locals=True)
    for stack in trace.stacks:
        texts.append(f"{stack.exc_type}: {stack.exc_value}")
        for frame in stack.frames:
            texts += [f"{name} = {node.render()}" for name, node in (frame.locals or {}).items()]
    assert any(" = " in text for text in texts[2:])  # rich did show locals
    return "\n".join(texts)


def echoing(service: str, status: int) -> Callable[[Seen], Reply]:
    """A server answering `status` with a body that quotes the key it was sent."""

    def answer(seen: Seen) -> Reply:
        sent = seen.headers.get("x-api-key") or seen.headers.get("authorization", "")
        body = {"message": f"invalid key {sent}", "detail": f"key {sent} refused"}
        body |= {"code": f"bad_key_{sent}", "details": {"key": sent, "keys": [sent]}}
        return json_reply(body, status)

    return answer


def failures(service: str, server_url: str) -> Iterator[BaseException]:
    """Errors of the client of `service` (its key in its environment variable) on many paths."""
    operation = FIRST[service]

    def caught(work: Callable[[], Any]) -> BaseException:
        try:
            work()
        except (JobResultsError, ValueError) as error:
            return error
        raise AssertionError("no error")

    options: dict[str, Any] = {"sleep": RecordingSleep(), "max_retries": 0}
    client = operation.client(base_url=base(server_url, service), **options)
    yield caught(lambda: operation.call(client, IDS[service]))
    with refusing_port() as port:
        refused = operation.client(base_url=base(f"http://127.0.0.1:{port}", service), **options)
        yield caught(lambda: operation.call(refused, IDS[service]))
    with StallingServer(STALLS["in the body"]) as stalling:
        stalled = operation.client(base_url=base(stalling.url, service), timeout=0.1, **options)
        yield caught(lambda: operation.call(stalled, IDS[service]))
    yield caught(lambda: operation.client(base_url="ftp://nowhere", **options))
    yield caught(lambda: operation.client(base_url="http://example.com", **options))


@pytest.mark.parametrize("service", SERVICES)
def test_tracebacks_printing_locals_never_show_the_key(
    service: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_KEYS[service], CANARY_KEYS[service])
    with ScriptedServer(echoing(service, 401)) as server:
        errors = list(failures(service, server.url))
    assert len(errors) == 5
    for error in errors:
        text = formatted(error)
        assert "Traceback" in text or "Error" in text
        for key in CANARY_KEYS.values():
            assert key not in text, (type(error), text[text.find(key) - 300 : text.find(key) + 100])
    module = __import__(f"jobresults.{service}", fromlist=["Client"])
    for client_type in (module.Client, module.AsyncClient):
        assert repr(client_type.__new__(client_type))  # a client whose construction failed


@pytest.mark.parametrize("service", SERVICES)
def test_a_key_echoed_in_an_error_body_is_masked_in_messages_logs_and_output(
    service: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    key = CANARY_KEYS[service]
    operation = FIRST[service]
    with ScriptedServer(echoing(service, 403)) as server:
        client = operation.client(api_key=key, base_url=base(server.url, service), max_retries=0)
        with caplog.at_level(logging.DEBUG):
            with pytest.raises(JobResultsError) as caught:
                operation.call(client, IDS[service])
            logging.getLogger("jobresults").warning("failed: %s", caught.value)
        error = caught.value
        shown = [str(error), repr(error), error.error_message, error.code, repr(error.details)]
        shown += [record.getMessage() for record in caplog.records]
        assert "****" in str(error)
        assert all(key not in text for text in shown)
        assert key.encode() in error.response.content  # the raw body, as it came
        monkeypatch.setenv(ENV_KEYS[service], key)
        result = CliRunner().invoke(
            app, ["get", service, IDS[service], "--base-url", base(server.url, service)]
        )
    assert result.exit_code == 3
    assert key not in result.output
    assert "****" in result.stderr


# Cookies -------------------------------------------------------------------------------------


def test_cookies_set_by_a_server_neither_pile_up_nor_reach_other_callers() -> None:
    operation = FIRST["wickson"]
    served = 0

    def answer(seen: Seen) -> Reply:
        nonlocal served
        served += 1
        headers = {**JSON, "Set-Cookie": f"session-{served}=caller-{served}; Path=/"}
        return Reply(200, SAMPLES[str(operation)], headers)

    with ScriptedServer(answer) as server:
        shared = wickson.Client(CANARY_KEYS["wickson"], base_url=server.url)
        calls = [lambda: operation.call(shared, IDS["wickson"]) for _ in range(6)]
        threads = [threading.Thread(target=call) for call in calls]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
        operation.call(shared, IDS["wickson"])
        assert len(shared._http.client.cookies) == 0
        assert len(server.seen) == 7
        assert all("cookie" not in seen.headers for seen in server.seen)
        twin = shared.to_async()
        assert len(twin._http.client.cookies) == 0
        own = httpx.Client()  # a caller's own client keeps its own policy: httpx's jar
        with wickson.Client(CANARY_KEYS["wickson"], base_url=server.url, http_client=own) as client:
            operation.call(client, IDS["wickson"])
            operation.call(client, IDS["wickson"])
        assert "cookie" in server.seen[-1].headers
        shared.close()


# Pickling ------------------------------------------------------------------------------------


def _raise_in_a_worker(url: str) -> None:
    """Run in a worker process: a call whose error must travel back to the parent."""
    FIRST["wickson"].call(wickson.Client(base_url=url, max_retries=0), IDS["wickson"])


def test_errors_pickle_without_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    key = CANARY_KEYS["wickson"]
    monkeypatch.setenv("WICKSON_API_KEY", key)
    with ScriptedServer(echoing("wickson", 401)) as server:
        errors = list(failures("wickson", server.url))
        for error in errors:
            data = pickle.dumps(error)
            assert key.encode() not in data, type(error)
            back = pickle.loads(data)
            assert type(back) is type(error)
            assert str(back) == str(error)
            if getattr(error, "response", None) is not None:
                assert back.response.status_code == error.response.status_code
                assert back.body == error.body.replace(key.encode(), b"****")
        context = multiprocessing.get_context("fork")
        with concurrent.futures.ProcessPoolExecutor(1, mp_context=context) as pool:
            future = pool.submit(_raise_in_a_worker, server.url)
            with pytest.raises(JobResultsError) as caught:
                future.result(timeout=30)
    assert caught.value.response.status_code == 401
    assert "****" in str(caught.value)
    assert os.environ["WICKSON_API_KEY"] == key
