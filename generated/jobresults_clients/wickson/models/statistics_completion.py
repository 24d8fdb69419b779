from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StatisticsCompletion")


@_attrs_define
class StatisticsCompletion:
    """Overall completion statistics.

    Attributes:
        successful (int): Items processed successfully.
        failed (int): Items that failed.
        total (int): Items in the batch.
        success_rate (float): Successful items as a percentage of all items.
    """

    successful: int
    failed: int
    total: int
    success_rate: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        successful = self.successful

        failed = self.failed

        total = self.total

        success_rate = self.success_rate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "successful": successful,
                "failed": failed,
                "total": total,
                "success_rate": success_rate,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        successful = d.pop("successful")

        failed = d.pop("failed")

        total = d.pop("total")

        success_rate = d.pop("success_rate")

        statistics_completion = cls(
            successful=successful,
            failed=failed,
            total=total,
            success_rate=success_rate,
        )

        statistics_completion.additional_properties = d
        return statistics_completion

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
