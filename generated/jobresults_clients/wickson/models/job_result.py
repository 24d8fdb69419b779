from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_status import JobStatus
from ..models.media_type import MediaType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.file_info import FileInfo
    from ..models.job_error import JobError
    from ..models.processing_info import ProcessingInfo


T = TypeVar("T", bound="JobResult")


@_attrs_define
class JobResult:
    """Detailed information about one processed item. (The page's sample reads `filename` and
    `media_id` with defaults, `item.get('filename', 'Unknown')`, so this spec does not
    require them.)

        Attributes:
            job_id (str): Unique identifier for the specific job within the batch.
            media_type (MediaType): Type of media.
            status (JobStatus): Processing status of one item.
            file_info (FileInfo): File details.
            processing_info (ProcessingInfo): Job creation and completion timestamps.
            media_id (None | str | Unset): Identifier for the processed media item (null for failed items); uses vec- format
                IDs.
            filename (str | Unset): Original filename of the processed item.
            error (JobError | Unset): For failed items, detailed error information.
    """

    job_id: str
    media_type: MediaType
    status: JobStatus
    file_info: FileInfo
    processing_info: ProcessingInfo
    media_id: None | str | Unset = UNSET
    filename: str | Unset = UNSET
    error: JobError | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_id = self.job_id

        media_type = self.media_type.value

        status = self.status.value

        file_info = self.file_info.to_dict()

        processing_info = self.processing_info.to_dict()

        media_id: None | str | Unset
        if isinstance(self.media_id, Unset):
            media_id = UNSET
        else:
            media_id = self.media_id

        filename = self.filename

        error: dict[str, Any] | Unset = UNSET
        if not isinstance(self.error, Unset):
            error = self.error.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "job_id": job_id,
                "media_type": media_type,
                "status": status,
                "file_info": file_info,
                "processing_info": processing_info,
            }
        )
        if media_id is not UNSET:
            field_dict["media_id"] = media_id
        if filename is not UNSET:
            field_dict["filename"] = filename
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.file_info import FileInfo
        from ..models.job_error import JobError
        from ..models.processing_info import ProcessingInfo

        d = dict(src_dict)
        job_id = d.pop("job_id")

        media_type = MediaType(d.pop("media_type"))

        status = JobStatus(d.pop("status"))

        file_info = FileInfo.from_dict(d.pop("file_info"))

        processing_info = ProcessingInfo.from_dict(d.pop("processing_info"))

        def _parse_media_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        media_id = _parse_media_id(d.pop("media_id", UNSET))

        filename = d.pop("filename", UNSET)

        _error = d.pop("error", UNSET)
        error: JobError | Unset
        if isinstance(_error, Unset):
            error = UNSET
        else:
            error = JobError.from_dict(_error)

        job_result = cls(
            job_id=job_id,
            media_type=media_type,
            status=status,
            file_info=file_info,
            processing_info=processing_info,
            media_id=media_id,
            filename=filename,
            error=error,
        )

        job_result.additional_properties = d
        return job_result

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
