from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_code import ErrorCode

T = TypeVar("T", bound="ErrorSummaryEntry")


@_attrs_define
class ErrorSummaryEntry:
    """One kind of error encountered during processing.

    Attributes:
        error_type (ErrorCode): The documented error types: validation_error (invalid input parameters), format_error
            (unsupported file format), corrupted_file (file is damaged or unreadable),
            processing_error (error during processing), storage_error (error storing results),
            timeout_error (processing exceeded the allotted time), resource_error (insufficient
            system resources), quota_exceeded (account limits exceeded). (The page says the common
            error types "include" these, so the list is open: `x-jobresults-open-enum` marks it, clients keep
            another code as it came, and validation reports one only in strict mode.)
        count (int): How many items failed this way.
        affected_files (list[str]): Some of the files affected.
        resolution (str): What to do about it.
    """

    error_type: ErrorCode
    count: int
    affected_files: list[str]
    resolution: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error_type = self.error_type.value

        count = self.count

        affected_files = self.affected_files

        resolution = self.resolution

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error_type": error_type,
                "count": count,
                "affected_files": affected_files,
                "resolution": resolution,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        error_type = ErrorCode(d.pop("error_type"))

        count = d.pop("count")

        affected_files = cast(list[str], d.pop("affected_files"))

        resolution = d.pop("resolution")

        error_summary_entry = cls(
            error_type=error_type,
            count=count,
            affected_files=affected_files,
            resolution=resolution,
        )

        error_summary_entry.additional_properties = d
        return error_summary_entry

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
