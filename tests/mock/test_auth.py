"""Each service's auth header form is enforced; a missing or wrong key gets 401 in its shape."""

from __future__ import annotations

import pytest
from jobresults.mock import API_KEYS, seeded

from ._contract import assert_conforms
from .conftest import Clients

TARGETS = {
    "modzy": ("getResults", f"/results/{seeded.MODZY_EXAMPLE_JOB}"),
    "llamacloud": (
        "getExtractionJobResult",
        f"/api/v1/extraction/jobs/{seeded.LLAMACLOUD_EXAMPLE_JOB}/result",
    ),
    "wickson": ("getBatchResults", f"/v1/batches/{seeded.WICKSON_EXAMPLE_BATCH}/results"),
    "overmind": ("overmind.getJob", f"/api/jobs/{seeded.OVERMIND_EXAMPLE_JOB}/"),
}

WRONG_HEADERS = {
    "modzy": [
        {},
        {"Authorization": "ApiKey wrong-key"},
        {"Authorization": f"Bearer {API_KEYS['modzy']}"},
        {"Authorization": API_KEYS["modzy"]},
        {"X-Api-Key": API_KEYS["modzy"]},
    ],
    "llamacloud": [
        {},
        {"Authorization": "Bearer wrong-key"},
        {"Authorization": f"ApiKey {API_KEYS['llamacloud']}"},
        {"X-Api-Key": API_KEYS["llamacloud"]},
    ],
    "wickson": [
        {},
        {"X-Api-Key": "wrong-key"},
        {"X-Api-Key": API_KEYS["overmind"]},
        {"Authorization": f"Bearer {API_KEYS['wickson']}"},
    ],
    "overmind": [
        {},
        {"X-Api-Key": "wrong-key"},
        {"X-Api-Key": API_KEYS["wickson"]},
        {"Authorization": f"Bearer {API_KEYS['overmind']}"},
    ],
}

CASES = [(service, headers) for service, options in WRONG_HEADERS.items() for headers in options]


@pytest.mark.parametrize(("service", "headers"), CASES)
def test_a_missing_or_wrong_key_gets_401_in_the_services_shape(
    clients: Clients, service: str, headers: dict[str, str]
) -> None:
    operation_id, path = TARGETS[service]
    client = clients[service]
    request = client.build_request("GET", path)
    for name in ("Authorization", "X-Api-Key"):  # drop the client's own auth header
        request.headers.pop(name, None)
    request.headers.update(headers)
    response = client.send(request)
    assert response.status_code == 401
    body = assert_conforms(operation_id, response)
    assert API_KEYS[service] not in response.text
    if service == "wickson":
        assert body["code"] == "unauthorized"
    if service == "llamacloud":
        assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize("service", list(TARGETS))
def test_the_right_key_in_the_right_form_is_accepted(clients: Clients, service: str) -> None:
    operation_id, path = TARGETS[service]
    assert_conforms(operation_id, clients[service].get(path))


def test_the_auth_scheme_is_case_insensitive(clients: Clients) -> None:
    path = TARGETS["modzy"][1]
    headers = {"Authorization": f"apikey {API_KEYS['modzy']}"}
    assert clients["modzy"].get(path, headers=headers).status_code == 200


def test_unknown_paths_still_need_the_key(clients: Clients) -> None:
    response = clients["overmind"].get("/somewhere", headers={"X-Api-Key": "wrong"})
    assert response.status_code == 401
