"""The package finds its specs and lists their operations."""

from jobresults import specs


def test_every_service_has_its_documented_operations() -> None:
    assert specs.operations("modzy") == {
        "getResults": ("GET", "/results/{jobIdentifier}"),
        "getJobHistory": ("GET", "/jobs/history"),
        "getJob": ("GET", "/jobs/{jobIdentifier}"),
    }
    assert specs.operations("llamacloud") == {
        "getExtractionJob": ("GET", "/api/v1/extraction/jobs/{job_id}"),
        "getExtractionJobResult": ("GET", "/api/v1/extraction/jobs/{job_id}/result"),
    }
    assert specs.operations("wickson") == {
        "getBatchResults": ("GET", "/v1/batches/{batch_id}/results")
    }
    assert specs.operations("overmind") == {"getJob": ("GET", "/api/jobs/{id}/")}
