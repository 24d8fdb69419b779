from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.iteration_status import IterationStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="Iteration")


@_attrs_define
class Iteration:
    """One iteration of a job.

    Attributes:
        id (UUID): The iteration's id.
        created_at (datetime.datetime): When the iteration was created.
        iteration_name (str): The iteration's name.
        job (UUID): The job the iteration belongs to.
        agent_code (str | Unset): The agent code this iteration tried.
        avg_score (float | Unset): The iteration's average score.
        description (str | Unset): What the iteration changed.
        dimension_scores (Any | Unset): Scores per dimension (any JSON).
        order (int | Unset): The iteration's position in the job.
        status (IterationStatus | Unset): `keep` - Keep; `discard` - Discard.
    """

    id: UUID
    created_at: datetime.datetime
    iteration_name: str
    job: UUID
    agent_code: str | Unset = UNSET
    avg_score: float | Unset = UNSET
    description: str | Unset = UNSET
    dimension_scores: Any | Unset = UNSET
    order: int | Unset = UNSET
    status: IterationStatus | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        created_at = self.created_at.isoformat()

        iteration_name = self.iteration_name

        job = str(self.job)

        agent_code = self.agent_code

        avg_score = self.avg_score

        description = self.description

        dimension_scores = self.dimension_scores

        order = self.order

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "created_at": created_at,
                "iteration_name": iteration_name,
                "job": job,
            }
        )
        if agent_code is not UNSET:
            field_dict["agent_code"] = agent_code
        if avg_score is not UNSET:
            field_dict["avg_score"] = avg_score
        if description is not UNSET:
            field_dict["description"] = description
        if dimension_scores is not UNSET:
            field_dict["dimension_scores"] = dimension_scores
        if order is not UNSET:
            field_dict["order"] = order
        if status is not UNSET:
            field_dict["status"] = status

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        iteration_name = d.pop("iteration_name")

        job = UUID(d.pop("job"))

        agent_code = d.pop("agent_code", UNSET)

        avg_score = d.pop("avg_score", UNSET)

        description = d.pop("description", UNSET)

        dimension_scores = d.pop("dimension_scores", UNSET)

        order = d.pop("order", UNSET)

        _status = d.pop("status", UNSET)
        status: IterationStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = IterationStatus(_status)

        iteration = cls(
            id=id,
            created_at=created_at,
            iteration_name=iteration_name,
            job=job,
            agent_code=agent_code,
            avg_score=avg_score,
            description=description,
            dimension_scores=dimension_scores,
            order=order,
            status=status,
        )

        iteration.additional_properties = d
        return iteration

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
