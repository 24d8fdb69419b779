from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Resources")


@_attrs_define
class Resources:
    """Resource usage information including total file size.

    Attributes:
        total_files_size_bytes (int): Total size of the batch's files in bytes.
        total_files_size_mb (float): Total size of the batch's files in megabytes.
    """

    total_files_size_bytes: int
    total_files_size_mb: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total_files_size_bytes = self.total_files_size_bytes

        total_files_size_mb = self.total_files_size_mb

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total_files_size_bytes": total_files_size_bytes,
                "total_files_size_mb": total_files_size_mb,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        total_files_size_bytes = d.pop("total_files_size_bytes")

        total_files_size_mb = d.pop("total_files_size_mb")

        resources = cls(
            total_files_size_bytes=total_files_size_bytes,
            total_files_size_mb=total_files_size_mb,
        )

        resources.additional_properties = d
        return resources

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
