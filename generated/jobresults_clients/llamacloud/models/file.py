from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.file_permission_info_type_0 import FilePermissionInfoType0
    from ..models.file_resource_info_type_0 import FileResourceInfoType0


T = TypeVar("T", bound="File")


@_attrs_define
class File:
    """Schema for a file. (From the SDK's `types/file.py`.)

    Attributes:
        id (str): Unique identifier.
        name (str): The file's name.
        project_id (str): The ID of the project that the file belongs to.
        created_at (datetime.datetime | None | Unset): Creation datetime.
        data_source_id (None | str | Unset): The ID of the data source that the file belongs to.
        expires_at (datetime.datetime | None | Unset): The expiration date for the file. Files past this date can be
            deleted.
        external_file_id (None | str | Unset): The ID of the file in the external system.
        file_size (int | None | Unset): Size of the file in bytes. (The SDK types it `int`; that it is not negative is
            this spec's reading.)
        file_type (None | str | Unset): File type (e.g. pdf, docx, etc.).
        last_modified_at (datetime.datetime | None | Unset): The last modified time of the file.
        permission_info (FilePermissionInfoType0 | None | Unset): Permission information for the file (values are any
            JSON).
        purpose (None | str | Unset): The intended purpose of the file (e.g., 'user_data', 'parse', 'extract', 'split',
            'classify').
        resource_info (FileResourceInfoType0 | None | Unset): Resource information for the file (values are any JSON).
        updated_at (datetime.datetime | None | Unset): Update datetime.
    """

    id: str
    name: str
    project_id: str
    created_at: datetime.datetime | None | Unset = UNSET
    data_source_id: None | str | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET
    external_file_id: None | str | Unset = UNSET
    file_size: int | None | Unset = UNSET
    file_type: None | str | Unset = UNSET
    last_modified_at: datetime.datetime | None | Unset = UNSET
    permission_info: FilePermissionInfoType0 | None | Unset = UNSET
    purpose: None | str | Unset = UNSET
    resource_info: FileResourceInfoType0 | None | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.file_permission_info_type_0 import FilePermissionInfoType0
        from ..models.file_resource_info_type_0 import FileResourceInfoType0

        id = self.id

        name = self.name

        project_id = self.project_id

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        data_source_id: None | str | Unset
        if isinstance(self.data_source_id, Unset):
            data_source_id = UNSET
        else:
            data_source_id = self.data_source_id

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        external_file_id: None | str | Unset
        if isinstance(self.external_file_id, Unset):
            external_file_id = UNSET
        else:
            external_file_id = self.external_file_id

        file_size: int | None | Unset
        if isinstance(self.file_size, Unset):
            file_size = UNSET
        else:
            file_size = self.file_size

        file_type: None | str | Unset
        if isinstance(self.file_type, Unset):
            file_type = UNSET
        else:
            file_type = self.file_type

        last_modified_at: None | str | Unset
        if isinstance(self.last_modified_at, Unset):
            last_modified_at = UNSET
        elif isinstance(self.last_modified_at, datetime.datetime):
            last_modified_at = self.last_modified_at.isoformat()
        else:
            last_modified_at = self.last_modified_at

        permission_info: dict[str, Any] | None | Unset
        if isinstance(self.permission_info, Unset):
            permission_info = UNSET
        elif isinstance(self.permission_info, FilePermissionInfoType0):
            permission_info = self.permission_info.to_dict()
        else:
            permission_info = self.permission_info

        purpose: None | str | Unset
        if isinstance(self.purpose, Unset):
            purpose = UNSET
        else:
            purpose = self.purpose

        resource_info: dict[str, Any] | None | Unset
        if isinstance(self.resource_info, Unset):
            resource_info = UNSET
        elif isinstance(self.resource_info, FileResourceInfoType0):
            resource_info = self.resource_info.to_dict()
        else:
            resource_info = self.resource_info

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "project_id": project_id,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if data_source_id is not UNSET:
            field_dict["data_source_id"] = data_source_id
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if external_file_id is not UNSET:
            field_dict["external_file_id"] = external_file_id
        if file_size is not UNSET:
            field_dict["file_size"] = file_size
        if file_type is not UNSET:
            field_dict["file_type"] = file_type
        if last_modified_at is not UNSET:
            field_dict["last_modified_at"] = last_modified_at
        if permission_info is not UNSET:
            field_dict["permission_info"] = permission_info
        if purpose is not UNSET:
            field_dict["purpose"] = purpose
        if resource_info is not UNSET:
            field_dict["resource_info"] = resource_info
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.file_permission_info_type_0 import FilePermissionInfoType0
        from ..models.file_resource_info_type_0 import FileResourceInfoType0

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        project_id = d.pop("project_id")

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        def _parse_data_source_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        data_source_id = _parse_data_source_id(d.pop("data_source_id", UNSET))

        def _parse_expires_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        expires_at = _parse_expires_at(d.pop("expires_at", UNSET))

        def _parse_external_file_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_file_id = _parse_external_file_id(d.pop("external_file_id", UNSET))

        def _parse_file_size(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        file_size = _parse_file_size(d.pop("file_size", UNSET))

        def _parse_file_type(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        file_type = _parse_file_type(d.pop("file_type", UNSET))

        def _parse_last_modified_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_modified_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_modified_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_modified_at = _parse_last_modified_at(d.pop("last_modified_at", UNSET))

        def _parse_permission_info(
            data: object,
        ) -> FilePermissionInfoType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                permission_info_type_0 = FilePermissionInfoType0.from_dict(data)

                return permission_info_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FilePermissionInfoType0 | None | Unset, data)

        permission_info = _parse_permission_info(d.pop("permission_info", UNSET))

        def _parse_purpose(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        purpose = _parse_purpose(d.pop("purpose", UNSET))

        def _parse_resource_info(data: object) -> FileResourceInfoType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                resource_info_type_0 = FileResourceInfoType0.from_dict(data)

                return resource_info_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FileResourceInfoType0 | None | Unset, data)

        resource_info = _parse_resource_info(d.pop("resource_info", UNSET))

        def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        file = cls(
            id=id,
            name=name,
            project_id=project_id,
            created_at=created_at,
            data_source_id=data_source_id,
            expires_at=expires_at,
            external_file_id=external_file_id,
            file_size=file_size,
            file_type=file_type,
            last_modified_at=last_modified_at,
            permission_info=permission_info,
            purpose=purpose,
            resource_info=resource_info,
            updated_at=updated_at,
        )

        file.additional_properties = d
        return file

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
