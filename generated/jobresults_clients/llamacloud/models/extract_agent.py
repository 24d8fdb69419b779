from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.custom_configuration import CustomConfiguration
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.extract_agent_data_schema import ExtractAgentDataSchema
    from ..models.extract_config import ExtractConfig


T = TypeVar("T", bound="ExtractAgent")


@_attrs_define
class ExtractAgent:
    """Schema and configuration for an extraction agent. (From the SDK's `types/extraction/extract_agent.py`.)

    Attributes:
        id (str): The id of the extraction agent.
        config (ExtractConfig): Configuration parameters for the extraction agent. (From the SDK's
            `types/extraction/extract_config.py`; every field is optional there.)
        data_schema (ExtractAgentDataSchema): The schema of the data. (The SDK's `Dict[str, Union[Dict[str, object],
            List[object], str, float, bool, None]]`: an object whose values are any JSON.)
        name (str): The name of the extraction agent.
        project_id (str): The ID of the project that the extraction agent belongs to.
        created_at (datetime.datetime | None | Unset): The creation time of the extraction agent.
        custom_configuration (CustomConfiguration | None | Unset): Custom configuration type for the extraction agent.
            Currently supports 'default'.
        updated_at (datetime.datetime | None | Unset): The last update time of the extraction agent.
    """

    id: str
    config: ExtractConfig
    data_schema: ExtractAgentDataSchema
    name: str
    project_id: str
    created_at: datetime.datetime | None | Unset = UNSET
    custom_configuration: CustomConfiguration | None | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        config = self.config.to_dict()

        data_schema = self.data_schema.to_dict()

        name = self.name

        project_id = self.project_id

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        custom_configuration: None | str | Unset
        if isinstance(self.custom_configuration, Unset):
            custom_configuration = UNSET
        elif isinstance(self.custom_configuration, CustomConfiguration):
            custom_configuration = self.custom_configuration.value
        else:
            custom_configuration = self.custom_configuration

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
                "config": config,
                "data_schema": data_schema,
                "name": name,
                "project_id": project_id,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if custom_configuration is not UNSET:
            field_dict["custom_configuration"] = custom_configuration
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.extract_agent_data_schema import ExtractAgentDataSchema
        from ..models.extract_config import ExtractConfig

        d = dict(src_dict)
        id = d.pop("id")

        config = ExtractConfig.from_dict(d.pop("config"))

        data_schema = ExtractAgentDataSchema.from_dict(d.pop("data_schema"))

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

        def _parse_custom_configuration(
            data: object,
        ) -> CustomConfiguration | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                custom_configuration_type_0 = CustomConfiguration(data)

                return custom_configuration_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomConfiguration | None | Unset, data)

        custom_configuration = _parse_custom_configuration(
            d.pop("custom_configuration", UNSET)
        )

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

        extract_agent = cls(
            id=id,
            config=config,
            data_schema=data_schema,
            name=name,
            project_id=project_id,
            created_at=created_at,
            custom_configuration=custom_configuration,
            updated_at=updated_at,
        )

        extract_agent.additional_properties = d
        return extract_agent

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
