from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.result_failures import ResultFailures
    from ..models.result_results import ResultResults
    from ..models.team import Team


T = TypeVar("T", bound="Result")


@_attrs_define
class Result:
    """The results of a job. The structure differs for each job and model: `results` is keyed by
    the input item keys the job was submitted with, and each item holds one key per model
    output file. (The page marks no field as required; this spec requires the identifiers,
    the counts, `finished` and `results`, which every result has, and leaves the rest
    optional.)

        Attributes:
            job_identifier (str): The job's identifier.
            account_identifier (str): Identifier of the account that requested the job.
            completed (int): Number of items completed.
            failed (int): Number of items that failed.
            total (int): Total number of items in the job.
            finished (bool): True once the job is done (completed or canceled).
            results (ResultResults): The results of each completed input item, keyed by input item key.
            submitted_by_key (str | Unset): The API key that submitted the job.
            explained (bool | Unset): Whether the job asked for explanations.
            failures (ResultFailures | Unset): The input items that failed, keyed by input item key. (Not on the page: the
                service notes say failed items are reported like results, under `failures`, each with an `error`.)
            team (Team | Unset): The team the job belongs to. (The page marks no field as required; this spec does not
                require `identifier`.)
            average_model_latency (float | Unset): Average model latency per item, in milliseconds.
            total_model_latency (float | Unset): Total model latency, in milliseconds.
    """

    job_identifier: str
    account_identifier: str
    completed: int
    failed: int
    total: int
    finished: bool
    results: ResultResults
    submitted_by_key: str | Unset = UNSET
    explained: bool | Unset = UNSET
    failures: ResultFailures | Unset = UNSET
    team: Team | Unset = UNSET
    average_model_latency: float | Unset = UNSET
    total_model_latency: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_identifier = self.job_identifier

        account_identifier = self.account_identifier

        completed = self.completed

        failed = self.failed

        total = self.total

        finished = self.finished

        results = self.results.to_dict()

        submitted_by_key = self.submitted_by_key

        explained = self.explained

        failures: dict[str, Any] | Unset = UNSET
        if not isinstance(self.failures, Unset):
            failures = self.failures.to_dict()

        team: dict[str, Any] | Unset = UNSET
        if not isinstance(self.team, Unset):
            team = self.team.to_dict()

        average_model_latency = self.average_model_latency

        total_model_latency = self.total_model_latency

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "job_identifier": job_identifier,
                "account_identifier": account_identifier,
                "completed": completed,
                "failed": failed,
                "total": total,
                "finished": finished,
                "results": results,
            }
        )
        if submitted_by_key is not UNSET:
            field_dict["submitted_by_key"] = submitted_by_key
        if explained is not UNSET:
            field_dict["explained"] = explained
        if failures is not UNSET:
            field_dict["failures"] = failures
        if team is not UNSET:
            field_dict["team"] = team
        if average_model_latency is not UNSET:
            field_dict["average_model_latency"] = average_model_latency
        if total_model_latency is not UNSET:
            field_dict["total_model_latency"] = total_model_latency

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.result_failures import ResultFailures
        from ..models.result_results import ResultResults
        from ..models.team import Team

        d = dict(src_dict)
        job_identifier = d.pop("job_identifier")

        account_identifier = d.pop("account_identifier")

        completed = d.pop("completed")

        failed = d.pop("failed")

        total = d.pop("total")

        finished = d.pop("finished")

        results = ResultResults.from_dict(d.pop("results"))

        submitted_by_key = d.pop("submitted_by_key", UNSET)

        explained = d.pop("explained", UNSET)

        _failures = d.pop("failures", UNSET)
        failures: ResultFailures | Unset
        if isinstance(_failures, Unset):
            failures = UNSET
        else:
            failures = ResultFailures.from_dict(_failures)

        _team = d.pop("team", UNSET)
        team: Team | Unset
        if isinstance(_team, Unset):
            team = UNSET
        else:
            team = Team.from_dict(_team)

        average_model_latency = d.pop("average_model_latency", UNSET)

        total_model_latency = d.pop("total_model_latency", UNSET)

        result = cls(
            job_identifier=job_identifier,
            account_identifier=account_identifier,
            completed=completed,
            failed=failed,
            total=total,
            finished=finished,
            results=results,
            submitted_by_key=submitted_by_key,
            explained=explained,
            failures=failures,
            team=team,
            average_model_latency=average_model_latency,
            total_model_latency=total_model_latency,
        )

        result.additional_properties = d
        return result

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
