from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.voting import Voting


T = TypeVar("T", bound="ResultItem")


@_attrs_define
class ResultItem:
    """The result of one input item: its processing facts, plus one key per model output file
    (e.g. `results.json`) whose value is any JSON. Some older servers nest the item once more
    under its own key (`results["0001"]["0001"]`), so no field is required here (the page
    shows every field; requiring `status` would reject that documented nesting).

        Attributes:
            status (str | Unset): Processing status of the item.
            engine (str | Unset): The engine that processed the item.
            start_time (datetime.datetime | Unset): When processing of the item started.
            update_time (datetime.datetime | Unset): When the item was last updated.
            end_time (datetime.datetime | Unset): When processing of the item ended.
            elapsed_time (int | Unset): Processing time of the item, in milliseconds.
            voting (Voting | Unset): Votes given to an item's result. (The page marks no field as required and shows both
                counts; this spec requires neither.)
    """

    status: str | Unset = UNSET
    engine: str | Unset = UNSET
    start_time: datetime.datetime | Unset = UNSET
    update_time: datetime.datetime | Unset = UNSET
    end_time: datetime.datetime | Unset = UNSET
    elapsed_time: int | Unset = UNSET
    voting: Voting | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        engine = self.engine

        start_time: str | Unset = UNSET
        if not isinstance(self.start_time, Unset):
            start_time = self.start_time.isoformat()

        update_time: str | Unset = UNSET
        if not isinstance(self.update_time, Unset):
            update_time = self.update_time.isoformat()

        end_time: str | Unset = UNSET
        if not isinstance(self.end_time, Unset):
            end_time = self.end_time.isoformat()

        elapsed_time = self.elapsed_time

        voting: dict[str, Any] | Unset = UNSET
        if not isinstance(self.voting, Unset):
            voting = self.voting.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if status is not UNSET:
            field_dict["status"] = status
        if engine is not UNSET:
            field_dict["engine"] = engine
        if start_time is not UNSET:
            field_dict["start_time"] = start_time
        if update_time is not UNSET:
            field_dict["update-time"] = update_time
        if end_time is not UNSET:
            field_dict["end-time"] = end_time
        if elapsed_time is not UNSET:
            field_dict["elapsed_time"] = elapsed_time
        if voting is not UNSET:
            field_dict["voting"] = voting

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.voting import Voting

        d = dict(src_dict)
        status = d.pop("status", UNSET)

        engine = d.pop("engine", UNSET)

        _start_time = d.pop("start_time", UNSET)
        start_time: datetime.datetime | Unset
        if isinstance(_start_time, Unset):
            start_time = UNSET
        else:
            start_time = datetime.datetime.fromisoformat(_start_time)

        _update_time = d.pop("update-time", UNSET)
        update_time: datetime.datetime | Unset
        if isinstance(_update_time, Unset):
            update_time = UNSET
        else:
            update_time = datetime.datetime.fromisoformat(_update_time)

        _end_time = d.pop("end-time", UNSET)
        end_time: datetime.datetime | Unset
        if isinstance(_end_time, Unset):
            end_time = UNSET
        else:
            end_time = datetime.datetime.fromisoformat(_end_time)

        elapsed_time = d.pop("elapsed_time", UNSET)

        _voting = d.pop("voting", UNSET)
        voting: Voting | Unset
        if isinstance(_voting, Unset):
            voting = UNSET
        else:
            voting = Voting.from_dict(_voting)

        result_item = cls(
            status=status,
            engine=engine,
            start_time=start_time,
            update_time=update_time,
            end_time=end_time,
            elapsed_time=elapsed_time,
            voting=voting,
        )

        result_item.additional_properties = d
        return result_item

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
