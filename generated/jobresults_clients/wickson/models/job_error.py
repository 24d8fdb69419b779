from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.error_code import ErrorCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_error_details import JobErrorDetails


T = TypeVar("T", bound="JobError")


@_attrs_define
class JobError:
    """For failed items, detailed error information.

    Attributes:
        message (str): What went wrong.
        code (ErrorCode): The documented error types: validation_error (invalid input parameters), format_error
            (unsupported file format), corrupted_file (file is damaged or unreadable),
            processing_error (error during processing), storage_error (error storing results),
            timeout_error (processing exceeded the allotted time), resource_error (insufficient
            system resources), quota_exceeded (account limits exceeded). (The page says the common
            error types "include" these, so the list is open: `x-jobresults-open-enum` marks it, clients keep
            another code as it came, and validation reports one only in strict mode.)
        details (JobErrorDetails | Unset): Further facts about the error.
    """

    message: str
    code: ErrorCode
    details: JobErrorDetails | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        code = self.code.value

        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
                "code": code,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.job_error_details import JobErrorDetails

        d = dict(src_dict)
        message = d.pop("message")

        code = ErrorCode(d.pop("code"))

        _details = d.pop("details", UNSET)
        details: JobErrorDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = JobErrorDetails.from_dict(_details)

        job_error = cls(
            message=message,
            code=code,
            details=details,
        )

        job_error.additional_properties = d
        return job_error

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
