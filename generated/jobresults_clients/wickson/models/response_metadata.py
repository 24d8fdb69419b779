from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.response_metadata_related_endpoints import (
        ResponseMetadataRelatedEndpoints,
    )


T = TypeVar("T", bound="ResponseMetadata")


@_attrs_define
class ResponseMetadata:
    """Facts about the request.

    Attributes:
        request_id (str): The request's identifier.
        related_endpoints (ResponseMetadataRelatedEndpoints | Unset): Endpoints related to these results, by name. (The
            page shows two; that a server may name others is this spec's reading of "related endpoints".)
    """

    request_id: str
    related_endpoints: ResponseMetadataRelatedEndpoints | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        request_id = self.request_id

        related_endpoints: dict[str, Any] | Unset = UNSET
        if not isinstance(self.related_endpoints, Unset):
            related_endpoints = self.related_endpoints.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "request_id": request_id,
            }
        )
        if related_endpoints is not UNSET:
            field_dict["related_endpoints"] = related_endpoints

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.response_metadata_related_endpoints import (
            ResponseMetadataRelatedEndpoints,
        )

        d = dict(src_dict)
        request_id = d.pop("request_id")

        _related_endpoints = d.pop("related_endpoints", UNSET)
        related_endpoints: ResponseMetadataRelatedEndpoints | Unset
        if isinstance(_related_endpoints, Unset):
            related_endpoints = UNSET
        else:
            related_endpoints = ResponseMetadataRelatedEndpoints.from_dict(
                _related_endpoints
            )

        response_metadata = cls(
            request_id=request_id,
            related_endpoints=related_endpoints,
        )

        response_metadata.additional_properties = d
        return response_metadata

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
