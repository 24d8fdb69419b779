from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_status import JobStatus
from ..models.job_type import JobType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.iteration import Iteration


T = TypeVar("T", bound="Job")


@_attrs_define
class Job:
    """A job with its iterations.

    Attributes:
        id (UUID): The job's id.
        created_at (datetime.datetime): When the job was created.
        iterations (list[Iteration]): The job's iterations.
        updated_at (datetime.datetime): When the job was last updated.
        agent (UUID | Unset): The agent the job works on.
        analyzer_model (str | Unset): The model that analyzes iterations.
        backtest_results (Any | Unset): Backtest results (any JSON).
        baseline_score (float | Unset): The score before the job.
        best_agent_code (str | Unset): The best agent code found.
        best_score (float | Unset): The best score reached.
        candidates_per_iteration (int | Unset): Candidates tried in each iteration.
        celery_task_id (str | Unset): The task that runs the job.
        data_source (str | Unset): Where the job's data comes from.
        improvement (float | Unset): Improvement of the best score over the baseline.
        job_type (JobType | Unset): `inference` - Inference; `uploaded_outputs_setup` - Uploaded Outputs Setup;
            `judge_scoring` - Judge Scoring; `prompt_tuning` - Prompt Tuning;
            `model_backtesting` - Model Backtesting.
        num_iterations (int | Unset): Number of iterations.
        project (UUID | Unset): The project the job belongs to.
        prompt_slug (str | Unset): The prompt the job tunes.
        report_markdown (str | Unset): The job's report, in Markdown.
        result (Any | Unset): The job's result (any JSON).
        status (JobStatus | Unset): `pending` - Pending; `running` - Running; `completed` - Completed; `failed` -
            Failed;
            `cancelled` - Cancelled.
        triggered_by (float | int | Unset): Who triggered the job. (The page says number with no format; an integer,
            such as a user's id, stays an integer, exactly.)
    """

    id: UUID
    created_at: datetime.datetime
    iterations: list[Iteration]
    updated_at: datetime.datetime
    agent: UUID | Unset = UNSET
    analyzer_model: str | Unset = UNSET
    backtest_results: Any | Unset = UNSET
    baseline_score: float | Unset = UNSET
    best_agent_code: str | Unset = UNSET
    best_score: float | Unset = UNSET
    candidates_per_iteration: int | Unset = UNSET
    celery_task_id: str | Unset = UNSET
    data_source: str | Unset = UNSET
    improvement: float | Unset = UNSET
    job_type: JobType | Unset = UNSET
    num_iterations: int | Unset = UNSET
    project: UUID | Unset = UNSET
    prompt_slug: str | Unset = UNSET
    report_markdown: str | Unset = UNSET
    result: Any | Unset = UNSET
    status: JobStatus | Unset = UNSET
    triggered_by: float | int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        created_at = self.created_at.isoformat()

        iterations = []
        for iterations_item_data in self.iterations:
            iterations_item = iterations_item_data.to_dict()
            iterations.append(iterations_item)

        updated_at = self.updated_at.isoformat()

        agent: str | Unset = UNSET
        if not isinstance(self.agent, Unset):
            agent = str(self.agent)

        analyzer_model = self.analyzer_model

        backtest_results = self.backtest_results

        baseline_score = self.baseline_score

        best_agent_code = self.best_agent_code

        best_score = self.best_score

        candidates_per_iteration = self.candidates_per_iteration

        celery_task_id = self.celery_task_id

        data_source = self.data_source

        improvement = self.improvement

        job_type: str | Unset = UNSET
        if not isinstance(self.job_type, Unset):
            job_type = self.job_type.value

        num_iterations = self.num_iterations

        project: str | Unset = UNSET
        if not isinstance(self.project, Unset):
            project = str(self.project)

        prompt_slug = self.prompt_slug

        report_markdown = self.report_markdown

        result = self.result

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        triggered_by: float | int | Unset
        if isinstance(self.triggered_by, Unset):
            triggered_by = UNSET
        else:
            triggered_by = self.triggered_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "created_at": created_at,
                "iterations": iterations,
                "updated_at": updated_at,
            }
        )
        if agent is not UNSET:
            field_dict["agent"] = agent
        if analyzer_model is not UNSET:
            field_dict["analyzer_model"] = analyzer_model
        if backtest_results is not UNSET:
            field_dict["backtest_results"] = backtest_results
        if baseline_score is not UNSET:
            field_dict["baseline_score"] = baseline_score
        if best_agent_code is not UNSET:
            field_dict["best_agent_code"] = best_agent_code
        if best_score is not UNSET:
            field_dict["best_score"] = best_score
        if candidates_per_iteration is not UNSET:
            field_dict["candidates_per_iteration"] = candidates_per_iteration
        if celery_task_id is not UNSET:
            field_dict["celery_task_id"] = celery_task_id
        if data_source is not UNSET:
            field_dict["data_source"] = data_source
        if improvement is not UNSET:
            field_dict["improvement"] = improvement
        if job_type is not UNSET:
            field_dict["job_type"] = job_type
        if num_iterations is not UNSET:
            field_dict["num_iterations"] = num_iterations
        if project is not UNSET:
            field_dict["project"] = project
        if prompt_slug is not UNSET:
            field_dict["prompt_slug"] = prompt_slug
        if report_markdown is not UNSET:
            field_dict["report_markdown"] = report_markdown
        if result is not UNSET:
            field_dict["result"] = result
        if status is not UNSET:
            field_dict["status"] = status
        if triggered_by is not UNSET:
            field_dict["triggered_by"] = triggered_by

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.iteration import Iteration

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        iterations = []
        _iterations = d.pop("iterations")
        for iterations_item_data in _iterations:
            iterations_item = Iteration.from_dict(iterations_item_data)

            iterations.append(iterations_item)

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        _agent = d.pop("agent", UNSET)
        agent: UUID | Unset
        if isinstance(_agent, Unset):
            agent = UNSET
        else:
            agent = UUID(_agent)

        analyzer_model = d.pop("analyzer_model", UNSET)

        backtest_results = d.pop("backtest_results", UNSET)

        baseline_score = d.pop("baseline_score", UNSET)

        best_agent_code = d.pop("best_agent_code", UNSET)

        best_score = d.pop("best_score", UNSET)

        candidates_per_iteration = d.pop("candidates_per_iteration", UNSET)

        celery_task_id = d.pop("celery_task_id", UNSET)

        data_source = d.pop("data_source", UNSET)

        improvement = d.pop("improvement", UNSET)

        _job_type = d.pop("job_type", UNSET)
        job_type: JobType | Unset
        if isinstance(_job_type, Unset):
            job_type = UNSET
        else:
            job_type = JobType(_job_type)

        num_iterations = d.pop("num_iterations", UNSET)

        _project = d.pop("project", UNSET)
        project: UUID | Unset
        if isinstance(_project, Unset):
            project = UNSET
        else:
            project = UUID(_project)

        prompt_slug = d.pop("prompt_slug", UNSET)

        report_markdown = d.pop("report_markdown", UNSET)

        result = d.pop("result", UNSET)

        _status = d.pop("status", UNSET)
        status: JobStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = JobStatus(_status)

        def _parse_triggered_by(data: object) -> float | int | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | int | Unset, data)

        triggered_by = _parse_triggered_by(d.pop("triggered_by", UNSET))

        job = cls(
            id=id,
            created_at=created_at,
            iterations=iterations,
            updated_at=updated_at,
            agent=agent,
            analyzer_model=analyzer_model,
            backtest_results=backtest_results,
            baseline_score=baseline_score,
            best_agent_code=best_agent_code,
            best_score=best_score,
            candidates_per_iteration=candidates_per_iteration,
            celery_task_id=celery_task_id,
            data_source=data_source,
            improvement=improvement,
            job_type=job_type,
            num_iterations=num_iterations,
            project=project,
            prompt_slug=prompt_slug,
            report_markdown=report_markdown,
            result=result,
            status=status,
            triggered_by=triggered_by,
        )

        job.additional_properties = d
        return job

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
