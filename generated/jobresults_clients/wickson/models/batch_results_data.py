from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_summary import BatchSummary
    from ..models.job_result import JobResult
    from ..models.pagination import Pagination
    from ..models.statistics import Statistics


T = TypeVar("T", bound="BatchResultsData")


@_attrs_define
class BatchResultsData:
    """The batch's results.

    Attributes:
        batch_summary (BatchSummary): An overview of the entire batch.
        job_results (list[JobResult]): Detailed information about each processed item on this page.
        pagination (Pagination): The current page and how many pages there are.
        statistics (Statistics | Unset): Aggregate metrics about the batch processing. (The page's sample code tests for
            `statistics`, `media_distribution` and `media_ids_by_type` before reading them, so this
            spec requires none of them; the response description names only `error_summary` as
            sometimes absent, so `completion` and `resources` stay required.)
    """

    batch_summary: BatchSummary
    job_results: list[JobResult]
    pagination: Pagination
    statistics: Statistics | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        batch_summary = self.batch_summary.to_dict()

        job_results = []
        for job_results_item_data in self.job_results:
            job_results_item = job_results_item_data.to_dict()
            job_results.append(job_results_item)

        pagination = self.pagination.to_dict()

        statistics: dict[str, Any] | Unset = UNSET
        if not isinstance(self.statistics, Unset):
            statistics = self.statistics.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "batch_summary": batch_summary,
                "job_results": job_results,
                "pagination": pagination,
            }
        )
        if statistics is not UNSET:
            field_dict["statistics"] = statistics

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.batch_summary import BatchSummary
        from ..models.job_result import JobResult
        from ..models.pagination import Pagination
        from ..models.statistics import Statistics

        d = dict(src_dict)
        batch_summary = BatchSummary.from_dict(d.pop("batch_summary"))

        job_results = []
        _job_results = d.pop("job_results")
        for job_results_item_data in _job_results:
            job_results_item = JobResult.from_dict(job_results_item_data)

            job_results.append(job_results_item)

        pagination = Pagination.from_dict(d.pop("pagination"))

        _statistics = d.pop("statistics", UNSET)
        statistics: Statistics | Unset
        if isinstance(_statistics, Unset):
            statistics = UNSET
        else:
            statistics = Statistics.from_dict(_statistics)

        batch_results_data = cls(
            batch_summary=batch_summary,
            job_results=job_results,
            pagination=pagination,
            statistics=statistics,
        )

        batch_results_data.additional_properties = d
        return batch_results_data

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
