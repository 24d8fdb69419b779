"""LlamaCloud's official SDK (llama-cloud) against the mock, as its users call it; run in the
SDK's own virtual environment by test_official_sdks.py, it prints what it saw as JSON.

    python llama_cloud_flow.py BASE_URL API_KEY CONTROL_URL SUCCEEDS FAILS EXAMPLE

The mock's clock stands still; this script moves it (the control API) so that each job is seen
PENDING first. Every body is also validated against the SDK's own types (pydantic), strictly,
since the SDK's responses are built without validation.
"""

from __future__ import annotations

import json
import sys
import threading
import time

import httpx
from llama_cloud import LlamaCloud, NotFoundError, PollingError
from llama_cloud.types.extraction.extract_job import ExtractJob
from llama_cloud.types.extraction.job_get_result_response import JobGetResultResponse


def advance(control: str, seconds: float, after: float = 0.0) -> None:
    """Move the mock's simulated time forward, `after` seconds from now (in a thread)."""

    def move() -> None:
        time.sleep(after)
        httpx.post(f"{control}/clock", json={"advance": seconds}).raise_for_status()

    if after:
        threading.Thread(target=move, daemon=True).start()
    else:
        move()


def checked_job(client: LlamaCloud, job_id: str) -> ExtractJob:
    """`jobs.get`, its raw body validated against the SDK's `ExtractJob`."""
    raw = client.extraction.jobs.with_raw_response.get(job_id)
    ExtractJob.model_validate(raw.http_response.json(), strict=False)
    return raw.parse()


def main() -> None:
    base_url, api_key, control, succeeds, fails, example = sys.argv[1:]
    client = LlamaCloud(api_key=api_key, base_url=base_url, max_retries=0)
    seen: dict[str, object] = {}

    job = checked_job(client, succeeds)
    seen["first"] = {"id": job.id, "status": job.status, "file": job.file and job.file.id}
    seen["types"] = [type(job).__name__, type(job.extraction_agent).__name__]
    advance(control, 11.0, after=0.3)  # the job ends while wait_for_completion polls
    started = time.monotonic()
    done = client.extraction.jobs.wait_for_completion(
        succeeds, polling_interval=0.02, backoff="constant", timeout=30
    )
    seen["waited"] = {"status": done.status, "seconds": time.monotonic() - started}
    result = client.extraction.jobs.get_result(succeeds)
    JobGetResultResponse.model_validate(
        client.extraction.jobs.with_raw_response.get_result(succeeds).http_response.json()
    )
    seen["result"] = {"data": result.data, "run_id": result.run_id}

    try:
        client.extraction.jobs.wait_for_completion(fails, polling_interval=0.02, timeout=30)
    except PollingError as error:
        seen["failed"] = str(error)
    seen["failed_job"] = checked_job(client, fails).error

    try:
        client.extraction.jobs.get("00000000-0000-4000-8000-0000000000aa")
    except NotFoundError as error:
        seen["unknown"] = error.status_code

    page = checked_job(client, example)
    seen["example"] = {
        "status": page.status,
        "agent": page.extraction_agent.name,
        "data": client.extraction.jobs.get_result(example).data,
    }
    print(json.dumps(seen))


if __name__ == "__main__":
    main()
