from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.extract_job_status import ExtractJobStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.extract_agent import ExtractAgent
    from ..models.file import File


T = TypeVar("T", bound="ExtractJob")


@_attrs_define
class ExtractJob:
    """Schema for an extraction job. (From the SDK's `types/extraction/extract_job.py`.)

    Attributes:
        id (str): The id of the extraction job.
        extraction_agent (ExtractAgent): Schema and configuration for an extraction agent. (From the SDK's
            `types/extraction/extract_agent.py`.)
        status (ExtractJobStatus): The status of the extraction job. (The SDK's `Literal["PENDING", "SUCCESS", "ERROR",
            "PARTIAL_SUCCESS", "CANCELLED"]`; PENDING lasts until the job ends, there is no separate running status.)
        error (None | str | Unset): The error that occurred during extraction.
        file (File | None | Unset): Schema for a file (the file the job extracts from).
        file_id (None | str | Unset): The id of the file that the extract was extracted from.
    """

    id: str
    extraction_agent: ExtractAgent
    status: ExtractJobStatus
    error: None | str | Unset = UNSET
    file: File | None | Unset = UNSET
    file_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.file import File

        id = self.id

        extraction_agent = self.extraction_agent.to_dict()

        status = self.status.value

        error: None | str | Unset
        if isinstance(self.error, Unset):
            error = UNSET
        else:
            error = self.error

        file: dict[str, Any] | None | Unset
        if isinstance(self.file, Unset):
            file = UNSET
        elif isinstance(self.file, File):
            file = self.file.to_dict()
        else:
            file = self.file

        file_id: None | str | Unset
        if isinstance(self.file_id, Unset):
            file_id = UNSET
        else:
            file_id = self.file_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "extraction_agent": extraction_agent,
                "status": status,
            }
        )
        if error is not UNSET:
            field_dict["error"] = error
        if file is not UNSET:
            field_dict["file"] = file
        if file_id is not UNSET:
            field_dict["file_id"] = file_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.extract_agent import ExtractAgent
        from ..models.file import File

        d = dict(src_dict)
        id = d.pop("id")

        extraction_agent = ExtractAgent.from_dict(d.pop("extraction_agent"))

        status = ExtractJobStatus(d.pop("status"))

        def _parse_error(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        error = _parse_error(d.pop("error", UNSET))

        def _parse_file(data: object) -> File | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                file_type_0 = File.from_dict(data)

                return file_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(File | None | Unset, data)

        file = _parse_file(d.pop("file", UNSET))

        def _parse_file_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        file_id = _parse_file_id(d.pop("file_id", UNSET))

        extract_job = cls(
            id=id,
            extraction_agent=extraction_agent,
            status=status,
            error=error,
            file=file,
            file_id=file_id,
        )

        extract_job.additional_properties = d
        return extract_job

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
