from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_summary_entry import ErrorSummaryEntry
    from ..models.media_distribution import MediaDistribution
    from ..models.resources import Resources
    from ..models.statistics_completion import StatisticsCompletion


T = TypeVar("T", bound="Statistics")


@_attrs_define
class Statistics:
    """Aggregate metrics about the batch processing. (The page's sample code tests for
    `statistics`, `media_distribution` and `media_ids_by_type` before reading them, so this
    spec requires none of them; the response description names only `error_summary` as
    sometimes absent, so `completion` and `resources` stay required.)

        Attributes:
            completion (StatisticsCompletion): Overall completion statistics.
            resources (Resources): Resource usage information including total file size.
            media_distribution (MediaDistribution | Unset): Breakdown of processed items by media type with media IDs. (The
                page's sample reads
                `total_created_media_items` with a default and tests for `media_ids_by_type` before
                reading it, so this spec requires only `by_type`.)
            error_summary (list[ErrorSummaryEntry] | Unset): Overview of errors encountered during processing (only present
                if there were errors).
    """

    completion: StatisticsCompletion
    resources: Resources
    media_distribution: MediaDistribution | Unset = UNSET
    error_summary: list[ErrorSummaryEntry] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        completion = self.completion.to_dict()

        resources = self.resources.to_dict()

        media_distribution: dict[str, Any] | Unset = UNSET
        if not isinstance(self.media_distribution, Unset):
            media_distribution = self.media_distribution.to_dict()

        error_summary: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.error_summary, Unset):
            error_summary = []
            for error_summary_item_data in self.error_summary:
                error_summary_item = error_summary_item_data.to_dict()
                error_summary.append(error_summary_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "completion": completion,
                "resources": resources,
            }
        )
        if media_distribution is not UNSET:
            field_dict["media_distribution"] = media_distribution
        if error_summary is not UNSET:
            field_dict["error_summary"] = error_summary

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error_summary_entry import ErrorSummaryEntry
        from ..models.media_distribution import MediaDistribution
        from ..models.resources import Resources
        from ..models.statistics_completion import StatisticsCompletion

        d = dict(src_dict)
        completion = StatisticsCompletion.from_dict(d.pop("completion"))

        resources = Resources.from_dict(d.pop("resources"))

        _media_distribution = d.pop("media_distribution", UNSET)
        media_distribution: MediaDistribution | Unset
        if isinstance(_media_distribution, Unset):
            media_distribution = UNSET
        else:
            media_distribution = MediaDistribution.from_dict(_media_distribution)

        _error_summary = d.pop("error_summary", UNSET)
        error_summary: list[ErrorSummaryEntry] | Unset = UNSET
        if _error_summary is not UNSET:
            error_summary = []
            for error_summary_item_data in _error_summary:
                error_summary_item = ErrorSummaryEntry.from_dict(
                    error_summary_item_data
                )

                error_summary.append(error_summary_item)

        statistics = cls(
            completion=completion,
            resources=resources,
            media_distribution=media_distribution,
            error_summary=error_summary,
        )

        statistics.additional_properties = d
        return statistics

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
