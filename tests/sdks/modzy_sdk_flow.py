"""Modzy's official SDK (modzy-sdk) against the mock, as its users call it; run in the SDK's
own virtual environment by test_official_sdks.py, it prints what it saw as JSON.

    python modzy_sdk_flow.py BASE_URL API_KEY CONTROL_URL CREATED EXAMPLE

The mock's clock stands still; this script moves it (the control API) so that the created job
is seen SUBMITTED, then IN_PROGRESS, then completed while `block_until_complete` polls.
"""

from __future__ import annotations

import json
import sys
import threading
import time

import requests
from modzy import ApiClient
from modzy.error import NotFoundError


def advance(control: str, seconds: float, after: float = 0.0) -> None:
    """Move the mock's simulated time forward, `after` seconds from now (in a thread)."""

    def move() -> None:
        time.sleep(after)
        requests.post(f"{control}/clock", json={"advance": seconds}, timeout=10).raise_for_status()

    if after:
        threading.Thread(target=move, daemon=True).start()
    else:
        move()


def main() -> None:
    base_url, api_key, control, created, example = sys.argv[1:]
    client = ApiClient(base_url=base_url, api_key=api_key)  # reads /models on the way
    seen: dict[str, object] = {}

    statuses = [client.jobs.get(created).status]
    advance(control, 6.0)
    job = client.jobs.get(created)
    statuses.append(job.status)
    seen["statuses"] = statuses
    seen["counts"] = [job.total, job.completed, job.failed, job.job_identifier]
    advance(control, 5.0, after=0.3)  # the job ends while block_until_complete polls
    started = time.monotonic()
    done = client.jobs.block_until_complete(created, timeout=30, poll_interval=0.02)
    seen["completed"] = {"status": done.status, "seconds": time.monotonic() - started}
    result = client.results.get(created)
    seen["result"] = {"finished": result.finished, "completed": result.completed}

    try:
        client.jobs.get("00000000-0000-4000-8000-0000000000aa")
    except NotFoundError as error:
        seen["unknown"] = str(error)

    page = client.jobs.get(example)
    seen["example"] = {"status": page.status, "identifier": page.jobIdentifier}
    seen["example_outputs"] = client.results.get(example).get_first_outputs()["results.json"]
    print(json.dumps(seen))


if __name__ == "__main__":
    main()
