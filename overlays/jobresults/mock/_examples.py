"""The examples of the services' documentation pages, transcribed (served exactly)."""

from __future__ import annotations

from typing import Any, Final

from .seeded import (
    LLAMACLOUD_EXAMPLE_JOB,
    MODZY_EXAMPLE_ACCESS_KEY,
    MODZY_EXAMPLE_JOB,
    OVERMIND_EXAMPLE_JOB,
    WICKSON_EXAMPLE_BATCH,
)

MODZY_ACCOUNT: Final = "e3ab9e6c-4b8d-4f1e-a1f0-1c2b3d4e5f60"
MODZY_TEAM: Final = "9bd6cbbd-4d4a-4a8c-8ab8-f0e35d3d7dfe"

MODZY_RESULT: Final[dict[str, Any]] = {
    "job_identifier": MODZY_EXAMPLE_JOB,
    "account_identifier": MODZY_ACCOUNT,
    "submitted_by_key": MODZY_EXAMPLE_ACCESS_KEY,
    "completed": 1,
    "failed": 0,
    "total": 1,
    "finished": True,
    "explained": False,
    "results": {
        "0001": {
            "status": "SUCCESSFUL",
            "engine": "model-batch-ed2w6q9sq5-1-0-0-69c9b8bd47-hr9dr",
            "start_time": "2021-04-13T16:32:14.135+00:00",
            "update-time": "2021-04-13T16:32:14.573+00:00",
            "end-time": "2021-04-13T16:32:14.573+00:00",
            "elapsed_time": 438,
            "voting": {"up": 0, "down": 0},
            "results.json": {"confidence": "3.2059302", "result": "six"},
        }
    },
    "team": {"identifier": MODZY_TEAM},
    "average_model_latency": 416.0,
    "total_model_latency": 416.0,
}

MODZY_HISTORY_JOB: Final[dict[str, Any]] = {
    "jobIdentifier": MODZY_EXAMPLE_JOB,
    "submittedBy": MODZY_EXAMPLE_ACCESS_KEY,
    "accountIdentifier": MODZY_ACCOUNT,
    "model": {},
    "status": "pending",
    "createdAt": "2021-04-13T16:32:12.000+00:00",
    "updatedAt": "2021-04-13T16:32:14.573+00:00",
    "submittedAt": "2021-04-13T16:32:12.102+00:00",
    "total": 1,
    "pending": 1,
    "completed": 0,
    "failed": 0,
    "elapsedTime": 12345,
    "queueTime": 12345,
    "timeout": 99999,
    "user": {},
    "jobInputs": [],
    "inputByteAmount": 12345,
    "imageClassificationModel": True,
}

LLAMACLOUD_RESULT: Final[dict[str, Any]] = {
    "data": {"foo": {"foo": "bar"}},
    "extraction_agent_id": LLAMACLOUD_EXAMPLE_JOB,
    "extraction_metadata": {"foo": {"foo": "bar"}},
    "run_id": LLAMACLOUD_EXAMPLE_JOB,
}

OVERMIND_JOB: Final[dict[str, Any]] = {
    "id": OVERMIND_EXAMPLE_JOB,
    "created_at": "2019-12-27T18:11:19.117Z",
    "iterations": [
        {
            "id": OVERMIND_EXAMPLE_JOB,
            "created_at": "2019-12-27T18:11:19.117Z",
            "iteration_name": "iteration_name",
            "job": OVERMIND_EXAMPLE_JOB,
            "agent_code": "agent_code",
            "avg_score": 0,
            "description": "description",
            "dimension_scores": {},
            "order": -9007199254740991,
            "status": "keep",
        }
    ],
    "updated_at": "2019-12-27T18:11:19.117Z",
    "agent": OVERMIND_EXAMPLE_JOB,
    "analyzer_model": "analyzer_model",
    "backtest_results": {},
    "baseline_score": 0,
    "best_agent_code": "best_agent_code",
    "best_score": 0,
    "candidates_per_iteration": -9007199254740991,
    "celery_task_id": "celery_task_id",
    "data_source": "data_source",
    "improvement": 0,
    "job_type": "inference",
    "num_iterations": -9007199254740991,
    "project": OVERMIND_EXAMPLE_JOB,
    "prompt_slug": "prompt_slug",
    "report_markdown": "report_markdown",
    "result": {},
    "status": "pending",
    "triggered_by": 0,
}

WICKSON_SUMMARY: Final[dict[str, Any]] = {
    "batch_id": WICKSON_EXAMPLE_BATCH,
    "batch_name": "Monthly Reports Processing",
    "collection": "reports-collection",
    "status": "completed",
    "timeline": {
        "created_at": "2024-12-18T10:00:00Z",
        "started_at": "2024-12-18T10:01:15Z",
        "completed_at": "2024-12-18T13:45:30Z",
        "total_duration_seconds": 13455.25,
    },
    "completion": {"successful": 180, "failed": 20, "total_items": 200, "completion_rate": 90.0},
}

WICKSON_FIRST_ITEMS: Final[tuple[dict[str, Any], ...]] = (
    {
        "job_id": "job-123abc",
        "media_id": "vec-abc123",
        "filename": "q4_summary.pdf",
        "media_type": "document",
        "status": "succeeded",
        "file_info": {"size_bytes": 256789, "size_mb": 0.24},
        "processing_info": {
            "created_at": "2024-12-18T10:01:30Z",
            "completed_at": "2024-12-18T10:03:12Z",
        },
    },
    {
        "job_id": "job-abc456",
        "media_id": None,
        "filename": "financial_data.xlsx",
        "media_type": "document",
        "status": "failed",
        "file_info": {"size_bytes": 175420, "size_mb": 0.17},
        "processing_info": {
            "created_at": "2024-12-18T10:05:00Z",
            "completed_at": "2024-12-18T10:05:45Z",
        },
        "error": {
            "message": "Unsupported file format",
            "code": "format_error",
            "details": {"format": ".xlsx", "supported_formats": [".pdf", ".txt", ".docx"]},
        },
    },
)

WICKSON_STATISTICS: Final[dict[str, Any]] = {
    "media_distribution": {
        "by_type": {"document": 150, "image": 30, "video": 20},
        "total_created_media_items": 180,
        "media_ids_by_type": {
            "document": ["vec-abc123", "vec-def456"],
            "image": ["vec-ghi789", "vec-jkl012"],
        },
    },
    "completion": {"successful": 180, "failed": 20, "total": 200, "success_rate": 90.0},
    "resources": {"total_files_size_bytes": 256789000, "total_files_size_mb": 245.12},
    "error_summary": [
        {
            "error_type": "format_error",
            "count": 12,
            "affected_files": ["financial_data.xlsx", "budget.numbers"],
            "resolution": "Convert files to a supported format (.pdf, .txt, .docx)",
        },
        {
            "error_type": "corrupted_file",
            "count": 8,
            "affected_files": ["corrupted_report.pdf", "damaged_image.jpg"],
            "resolution": "Check file integrity and re-upload",
        },
    ],
}

WICKSON_METADATA: Final[dict[str, Any]] = {
    "request_id": "req_batch_results_abc123",
    "related_endpoints": {
        "media_details": "/v1/media/{media_id}",
        "list_media": "/v1/media?collection=reports-collection",
    },
}
