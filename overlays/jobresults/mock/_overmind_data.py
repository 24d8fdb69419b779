"""Overmind jobs: the page's example, jobs generated from the seed in every status and job type,
and jobs created through the control API (their iterations appear one by one)."""

from __future__ import annotations

from typing import Any

from ._clock import iso_millis_z
from ._examples import response_example
from ._progress import Progress
from ._random import derive, mix64, uuid4_text
from ._stores import JobsById
from .seeded import OVERMIND_EXAMPLE_JOB

JOB_STATUSES = ("pending", "running", "completed", "failed", "cancelled")
JOB_TYPES = (
    "inference",
    "uploaded_outputs_setup",
    "judge_scoring",
    "prompt_tuning",
    "model_backtesting",
)
_ITERATIONS_BY_STATUS = {"pending": 0, "running": 2, "completed": 4, "failed": 1, "cancelled": 1}


class OvermindJob:
    """A job with its iterations, as it stands at a moment."""

    cacheable = True

    def __init__(self, job_id: str, body: dict[str, Any]) -> None:
        self.job_id = job_id
        self._body = body

    def body(self, now: float) -> dict[str, Any]:
        """The job at simulated elapsed time `now`."""
        return self._body


def _iteration(seed: int, job_id: str, order: int, created: float, score: float) -> dict[str, Any]:
    mixed = mix64(derive(seed, "overmind-iteration", job_id) ^ order)
    return {
        "id": uuid4_text(seed, "overmind-iteration", job_id, order),
        "created_at": iso_millis_z(created),
        "iteration_name": f"iteration-{order + 1}",
        "job": job_id,
        "agent_code": f"def agent(prompt):\n    return answer(prompt, variant={order + 1})\n",
        "avg_score": score,
        "description": f"Variant {order + 1} of the agent's prompt",
        "dimension_scores": {"accuracy": round(score * 0.9, 4), "tone": round(score, 4)},
        "order": order,
        "status": "keep" if mixed % 3 else "discard",
    }


def _job(
    seed: int, number: int, status: str, job_type: str, *, minimal: bool = False
) -> OvermindJob:
    job_id = uuid4_text(seed, "overmind-job", number)
    mixed = derive(seed, "overmind-job", number)
    created = 1_704_067_200 + mixed % (86400 * 500) + (mixed >> 30) % 1000 / 1000
    count = _ITERATIONS_BY_STATUS[status]
    baseline = round(0.4 + (mixed >> 12) % 200 / 1000, 4)
    scores = [round(baseline + 0.03 * (order + 1), 4) for order in range(count)]
    iterations = [
        _iteration(seed, job_id, order, created + 60 * (order + 1), scores[order])
        for order in range(count)
    ]
    body: dict[str, Any] = {
        "id": job_id,
        "created_at": iso_millis_z(created),
        "iterations": iterations,
        "updated_at": iso_millis_z(created + 60 * (count + 1)),
    }
    if minimal:
        return OvermindJob(job_id, body)
    best = max(scores, default=baseline)
    ended = status in ("completed", "failed", "cancelled")
    body.update(
        {
            "agent": uuid4_text(seed, "overmind-agent", number % 3),
            "analyzer_model": "gpt-4o-mini",
            "backtest_results": {"cases": 25, "passed": 21}
            if job_type == "model_backtesting"
            else None,
            "baseline_score": baseline,
            "best_agent_code": iterations[-1]["agent_code"] if iterations else "",
            "best_score": best,
            "candidates_per_iteration": 3,
            "celery_task_id": uuid4_text(seed, "overmind-task", number),
            "data_source": "uploaded",
            "improvement": round(best - baseline, 4),
            "job_type": job_type,
            "num_iterations": max(count, 4),
            "project": uuid4_text(seed, "overmind-project"),
            "prompt_slug": f"support-reply-{number}",
            "report_markdown": f"# Report\n\nBest score {best}.\n" if ended else "",
            "result": {"best_iteration": count} if status == "completed" else None,
            "status": status,
            "triggered_by": 1 + number % 4,
        }
    )
    return OvermindJob(job_id, body)


class CreatedOvermindJob(OvermindJob):
    """A job created through the control API: pending, then running while its iterations
    appear one by one, then completed or failed."""

    cacheable = False

    def __init__(self, job_id: str, progress: Progress, seed: int) -> None:
        super().__init__(job_id, {})
        self.progress = progress
        self._seed = seed

    def body(self, now: float) -> dict[str, Any]:
        progress = self.progress
        phase = progress.phase(now)
        done = progress.done(now)
        baseline = 0.5
        iterations = [
            _iteration(
                self._seed,
                self.job_id,
                order,
                progress.wall(progress.item_done_at(order)),
                round(baseline + 0.02 * (order + 1), 4),
            )
            for order in range(done)
        ]
        best = iterations[-1]["avg_score"] if iterations else baseline
        updated = progress.wall(min(now, progress.finished))
        ended = phase in ("completed", "failed")
        return {
            "id": self.job_id,
            "created_at": iso_millis_z(progress.created_wall),
            "iterations": iterations,
            "updated_at": iso_millis_z(updated),
            "baseline_score": baseline,
            "best_score": best,
            "improvement": round(best - baseline, 4),
            "job_type": "prompt_tuning",
            "num_iterations": progress.items,
            "report_markdown": f"# Report\n\nBest score {best}.\n" if ended else "",
            "result": {"best_iteration": done} if phase == "completed" else None,
            "status": phase,
        }


def seeded_jobs(seed: int) -> dict[str, OvermindJob]:
    """Every Overmind job the mock serves for `seed`: the page's example (from the spec), then
    one job per status and per job type, and one with only the required fields."""
    jobs = [OvermindJob(OVERMIND_EXAMPLE_JOB, response_example("overmind", "getJob"))]
    for number, status in enumerate(JOB_STATUSES):
        jobs.append(_job(seed, number, status, JOB_TYPES[number]))
    for number, job_type in enumerate(JOB_TYPES, start=len(JOB_STATUSES)):
        jobs.append(_job(seed, number, JOB_STATUSES[(number + 2) % len(JOB_STATUSES)], job_type))
    jobs.append(_job(seed, 99, "completed", "inference", minimal=True))
    return {job.job_id: job for job in jobs}


def store(seed: int) -> JobsById[OvermindJob]:
    """The Overmind jobs of one app: the seeded ones, then those created."""
    return JobsById(
        seeded_jobs(seed),
        new_id=lambda number: uuid4_text(seed, "created", "overmind", number),
        created=lambda job_id, progress: CreatedOvermindJob(job_id, progress, seed),
    )
