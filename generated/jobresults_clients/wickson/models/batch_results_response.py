from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_results_data import BatchResultsData
    from ..models.response_metadata import ResponseMetadata


T = TypeVar("T", bound="BatchResultsResponse")


@_attrs_define
class BatchResultsResponse:
    """A successful batch results response.

    Attributes:
        success (bool): Always true on success.
        message (str): A human-readable outcome.
        data (BatchResultsData): The batch's results.
        metadata (ResponseMetadata | Unset): Facts about the request.
    """

    success: bool
    message: str
    data: BatchResultsData
    metadata: ResponseMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        message = self.message

        data = self.data.to_dict()

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
                "message": message,
                "data": data,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.batch_results_data import BatchResultsData
        from ..models.response_metadata import ResponseMetadata

        d = dict(src_dict)
        success = d.pop("success")

        message = d.pop("message")

        data = BatchResultsData.from_dict(d.pop("data"))

        _metadata = d.pop("metadata", UNSET)
        metadata: ResponseMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ResponseMetadata.from_dict(_metadata)

        batch_results_response = cls(
            success=success,
            message=message,
            data=data,
            metadata=metadata,
        )

        batch_results_response.additional_properties = d
        return batch_results_response

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
