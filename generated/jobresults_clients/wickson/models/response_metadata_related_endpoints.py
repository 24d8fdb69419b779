from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ResponseMetadataRelatedEndpoints")


@_attrs_define
class ResponseMetadataRelatedEndpoints:
    """Endpoints related to these results, by name. (The page shows two; that a server may name others is this spec's
    reading of "related endpoints".)

        Attributes:
            media_details (str | Unset): Path template of a media item's details.
            list_media (str | Unset): Path that lists the collection's media.
    """

    media_details: str | Unset = UNSET
    list_media: str | Unset = UNSET
    additional_properties: dict[str, str] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        media_details = self.media_details

        list_media = self.list_media

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if media_details is not UNSET:
            field_dict["media_details"] = media_details
        if list_media is not UNSET:
            field_dict["list_media"] = list_media

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        media_details = d.pop("media_details", UNSET)

        list_media = d.pop("list_media", UNSET)

        response_metadata_related_endpoints = cls(
            media_details=media_details,
            list_media=list_media,
        )

        response_metadata_related_endpoints.additional_properties = d
        return response_metadata_related_endpoints

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> str:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: str) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
