from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.envelope_error_code import EnvelopeErrorCode
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_envelope_details import ErrorEnvelopeDetails


T = TypeVar("T", bound="ErrorEnvelope")


@_attrs_define
class ErrorEnvelope:
    """The error envelope.

    Attributes:
        success (bool): Always false on error.
        message (str): What went wrong.
        code (EnvelopeErrorCode): The `code` of an error envelope: the documented error types, `not_found` (from the
            page's 404 example), and `unauthorized` and `rate_limited`, which this spec uses for
            401 and 429 (the page names no code for them). Open like `ErrorCode`: the page lists
            the common types only.
        status_code (int): The HTTP status code.
        details (ErrorEnvelopeDetails | Unset): Further facts about the error.
    """

    success: bool
    message: str
    code: EnvelopeErrorCode
    status_code: int
    details: ErrorEnvelopeDetails | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        message = self.message

        code = self.code.value

        status_code = self.status_code

        details: dict[str, Any] | Unset = UNSET
        if not isinstance(self.details, Unset):
            details = self.details.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
                "message": message,
                "code": code,
                "status_code": status_code,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.error_envelope_details import ErrorEnvelopeDetails

        d = dict(src_dict)
        success = d.pop("success")

        message = d.pop("message")

        code = EnvelopeErrorCode(d.pop("code"))

        status_code = d.pop("status_code")

        _details = d.pop("details", UNSET)
        details: ErrorEnvelopeDetails | Unset
        if isinstance(_details, Unset):
            details = UNSET
        else:
            details = ErrorEnvelopeDetails.from_dict(_details)

        error_envelope = cls(
            success=success,
            message=message,
            code=code,
            status_code=status_code,
            details=details,
        )

        error_envelope.additional_properties = d
        return error_envelope

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
