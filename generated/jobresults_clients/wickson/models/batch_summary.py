from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.batch_completion import BatchCompletion
    from ..models.timeline import Timeline


T = TypeVar("T", bound="BatchSummary")


@_attrs_define
class BatchSummary:
    """An overview of the entire batch.

    Attributes:
        batch_id (str): Unique identifier for the batch.
        collection (str): The collection the batch items were added to.
        status (str): Current batch status (completed, failed, etc.).
        timeline (Timeline): Timestamps for batch creation, start, and completion with total duration in seconds.
            (The page shows a finished batch only; that the later fields are null until they happen
            is this spec's reading.)
        completion (BatchCompletion): Statistics on successful and failed items.
        batch_name (None | str | Unset): Name of the batch job (if provided during creation). (Null when none was
            provided: this spec's reading of "if provided".)
    """

    batch_id: str
    collection: str
    status: str
    timeline: Timeline
    completion: BatchCompletion
    batch_name: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        batch_id = self.batch_id

        collection = self.collection

        status = self.status

        timeline = self.timeline.to_dict()

        completion = self.completion.to_dict()

        batch_name: None | str | Unset
        if isinstance(self.batch_name, Unset):
            batch_name = UNSET
        else:
            batch_name = self.batch_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "batch_id": batch_id,
                "collection": collection,
                "status": status,
                "timeline": timeline,
                "completion": completion,
            }
        )
        if batch_name is not UNSET:
            field_dict["batch_name"] = batch_name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.batch_completion import BatchCompletion
        from ..models.timeline import Timeline

        d = dict(src_dict)
        batch_id = d.pop("batch_id")

        collection = d.pop("collection")

        status = d.pop("status")

        timeline = Timeline.from_dict(d.pop("timeline"))

        completion = BatchCompletion.from_dict(d.pop("completion"))

        def _parse_batch_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        batch_name = _parse_batch_name(d.pop("batch_name", UNSET))

        batch_summary = cls(
            batch_id=batch_id,
            collection=collection,
            status=status,
            timeline=timeline,
            completion=completion,
            batch_name=batch_name,
        )

        batch_summary.additional_properties = d
        return batch_summary

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
