from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BatchCompletion")


@_attrs_define
class BatchCompletion:
    """Statistics on successful and failed items.

    Attributes:
        successful (int): Items processed successfully.
        failed (int): Items that failed.
        total_items (int): Items in the batch.
        completion_rate (float): Successful items as a percentage of all items.
    """

    successful: int
    failed: int
    total_items: int
    completion_rate: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        successful = self.successful

        failed = self.failed

        total_items = self.total_items

        completion_rate = self.completion_rate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "successful": successful,
                "failed": failed,
                "total_items": total_items,
                "completion_rate": completion_rate,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        successful = d.pop("successful")

        failed = d.pop("failed")

        total_items = d.pop("total_items")

        completion_rate = d.pop("completion_rate")

        batch_completion = cls(
            successful=successful,
            failed=failed,
            total_items=total_items,
            completion_rate=completion_rate,
        )

        batch_completion.additional_properties = d
        return batch_completion

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
