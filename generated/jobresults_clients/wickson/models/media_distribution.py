from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.media_distribution_by_type import MediaDistributionByType
    from ..models.media_distribution_media_ids_by_type import (
        MediaDistributionMediaIdsByType,
    )


T = TypeVar("T", bound="MediaDistribution")


@_attrs_define
class MediaDistribution:
    """Breakdown of processed items by media type with media IDs. (The page's sample reads
    `total_created_media_items` with a default and tests for `media_ids_by_type` before
    reading it, so this spec requires only `by_type`.)

        Attributes:
            by_type (MediaDistributionByType): Number of items per media type.
            total_created_media_items (int | Unset): Total created media items.
            media_ids_by_type (MediaDistributionMediaIdsByType | Unset): The created media IDs per media type.
    """

    by_type: MediaDistributionByType
    total_created_media_items: int | Unset = UNSET
    media_ids_by_type: MediaDistributionMediaIdsByType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_type = self.by_type.to_dict()

        total_created_media_items = self.total_created_media_items

        media_ids_by_type: dict[str, Any] | Unset = UNSET
        if not isinstance(self.media_ids_by_type, Unset):
            media_ids_by_type = self.media_ids_by_type.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by_type": by_type,
            }
        )
        if total_created_media_items is not UNSET:
            field_dict["total_created_media_items"] = total_created_media_items
        if media_ids_by_type is not UNSET:
            field_dict["media_ids_by_type"] = media_ids_by_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.media_distribution_by_type import MediaDistributionByType
        from ..models.media_distribution_media_ids_by_type import (
            MediaDistributionMediaIdsByType,
        )

        d = dict(src_dict)
        by_type = MediaDistributionByType.from_dict(d.pop("by_type"))

        total_created_media_items = d.pop("total_created_media_items", UNSET)

        _media_ids_by_type = d.pop("media_ids_by_type", UNSET)
        media_ids_by_type: MediaDistributionMediaIdsByType | Unset
        if isinstance(_media_ids_by_type, Unset):
            media_ids_by_type = UNSET
        else:
            media_ids_by_type = MediaDistributionMediaIdsByType.from_dict(
                _media_ids_by_type
            )

        media_distribution = cls(
            by_type=by_type,
            total_created_media_items=total_created_media_items,
            media_ids_by_type=media_ids_by_type,
        )

        media_distribution.additional_properties = d
        return media_distribution

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
