from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.extracted_record import ExtractedRecord
    from ..models.job_get_result_response_extraction_metadata import (
        JobGetResultResponseExtractionMetadata,
    )


T = TypeVar("T", bound="JobGetResultResponse")


@_attrs_define
class JobGetResultResponse:
    """Schema for an extraction resultset.

    Attributes:
        data (ExtractedRecord | list[ExtractedRecord] | None): The data extracted from the file.
        extraction_agent_id (UUID): The id of the extraction agent.
        extraction_metadata (JobGetResultResponseExtractionMetadata): The metadata extracted from the file.
        run_id (UUID): The id of the extraction run.
    """

    data: ExtractedRecord | list[ExtractedRecord] | None
    extraction_agent_id: UUID
    extraction_metadata: JobGetResultResponseExtractionMetadata
    run_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.extracted_record import ExtractedRecord

        data: dict[str, Any] | list[dict[str, Any]] | None
        if isinstance(self.data, ExtractedRecord):
            data = self.data.to_dict()
        elif isinstance(self.data, list):
            data = []
            for data_type_1_item_data in self.data:
                data_type_1_item = data_type_1_item_data.to_dict()
                data.append(data_type_1_item)

        else:
            data = self.data

        extraction_agent_id = str(self.extraction_agent_id)

        extraction_metadata = self.extraction_metadata.to_dict()

        run_id = str(self.run_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "extraction_agent_id": extraction_agent_id,
                "extraction_metadata": extraction_metadata,
                "run_id": run_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.extracted_record import ExtractedRecord
        from ..models.job_get_result_response_extraction_metadata import (
            JobGetResultResponseExtractionMetadata,
        )

        d = dict(src_dict)

        def _parse_data(data: object) -> ExtractedRecord | list[ExtractedRecord] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                data_type_0 = ExtractedRecord.from_dict(data)

                return data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, list):
                    raise TypeError()
                data_type_1 = []
                _data_type_1 = data
                for data_type_1_item_data in _data_type_1:
                    data_type_1_item = ExtractedRecord.from_dict(data_type_1_item_data)

                    data_type_1.append(data_type_1_item)

                return data_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExtractedRecord | list[ExtractedRecord] | None, data)

        data = _parse_data(d.pop("data"))

        extraction_agent_id = UUID(d.pop("extraction_agent_id"))

        extraction_metadata = JobGetResultResponseExtractionMetadata.from_dict(
            d.pop("extraction_metadata")
        )

        run_id = UUID(d.pop("run_id"))

        job_get_result_response = cls(
            data=data,
            extraction_agent_id=extraction_agent_id,
            extraction_metadata=extraction_metadata,
            run_id=run_id,
        )

        job_get_result_response.additional_properties = d
        return job_get_result_response

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
