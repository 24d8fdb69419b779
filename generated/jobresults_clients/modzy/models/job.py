from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_job_inputs_item import JobJobInputsItem
    from ..models.job_model import JobModel
    from ..models.job_user import JobUser


T = TypeVar("T", bound="Job")


@_attrs_define
class Job:
    """A job in the job history. (The page types the counts, times and byte amount as `number`;
    they count items, milliseconds and bytes, so this spec types them as integers, int64 for
    the times and the byte amount. The page marks no field as required; this spec requires
    the identifiers, `status`, `createdAt` and the item counts, and leaves the rest
    optional.)

        Attributes:
            job_identifier (str): The job's identifier.
            submitted_by (str): The API key that submitted the job.
            account_identifier (str): Identifier linked to the account that requested the job.
            status (str): The job's status. (The page's table describes this row as the history filter: all,
                timedout, pending or terminated; jobs themselves report their own status here. The
                SDK's `Jobs.status` names the statuses of a job's details: SUBMITTED, IN_PROGRESS,
                COMPLETED, CANCELED and TIMEDOUT. Neither says the list is closed, so this spec
                keeps the field a string.)
            created_at (datetime.datetime): Time that the job was created in ISO8601 (YYYY-MM-DDThh:mm:ss.sTZD) format.
            total (int): Amount of items submitted to the job. (The page says number; it counts items.)
            pending (int): Amount of items in the item queue, not yet processed by the job.
            completed (int): Amount of items processed by the job.
            failed (int): Amount of items that the job couldn't process.
            model (JobModel | Unset): An object that contains the model's parameters. It can be used as a filter.
            updated_at (datetime.datetime | Unset): Time that the job status was updated in ISO8601 (YYYY-MM-
                DDThh:mm:ss.sTZD) format.
            submitted_at (datetime.datetime | Unset): Time that the job was submitted in ISO8601 (YYYY-MM-DDThh:mm:ss.sTZD)
                format.
            elapsed_time (int | Unset): Time between the job starts to run until it is completed in milliseconds.
            queue_time (int | Unset): Time between the job is first submitted and it starts to run the first input in
                milliseconds.
            timeout (int | Unset): Contains a timeout in milliseconds for the job's status to transition to TIMEDOUT. If
                it's not set, jobs don't timeout.
            explain (bool | Unset): Sets the explainability feature when a model offers the option. (In the page's table,
                not in its example job object.)
            user (JobUser | Unset): An object that contains the user's parameters.
            job_inputs (list[JobJobInputsItem] | Unset): An array that contains the input objects.
            input_byte_amount (int | Unset): The job's total input weight in bytes.
            image_classification_model (bool | Unset): A flag for image classification models. If true, it creates
                lightweight samples for the images.
    """

    job_identifier: str
    submitted_by: str
    account_identifier: str
    status: str
    created_at: datetime.datetime
    total: int
    pending: int
    completed: int
    failed: int
    model: JobModel | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    submitted_at: datetime.datetime | Unset = UNSET
    elapsed_time: int | Unset = UNSET
    queue_time: int | Unset = UNSET
    timeout: int | Unset = UNSET
    explain: bool | Unset = UNSET
    user: JobUser | Unset = UNSET
    job_inputs: list[JobJobInputsItem] | Unset = UNSET
    input_byte_amount: int | Unset = UNSET
    image_classification_model: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_identifier = self.job_identifier

        submitted_by = self.submitted_by

        account_identifier = self.account_identifier

        status = self.status

        created_at = self.created_at.isoformat()

        total = self.total

        pending = self.pending

        completed = self.completed

        failed = self.failed

        model: dict[str, Any] | Unset = UNSET
        if not isinstance(self.model, Unset):
            model = self.model.to_dict()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        submitted_at: str | Unset = UNSET
        if not isinstance(self.submitted_at, Unset):
            submitted_at = self.submitted_at.isoformat()

        elapsed_time = self.elapsed_time

        queue_time = self.queue_time

        timeout = self.timeout

        explain = self.explain

        user: dict[str, Any] | Unset = UNSET
        if not isinstance(self.user, Unset):
            user = self.user.to_dict()

        job_inputs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.job_inputs, Unset):
            job_inputs = []
            for job_inputs_item_data in self.job_inputs:
                job_inputs_item = job_inputs_item_data.to_dict()
                job_inputs.append(job_inputs_item)

        input_byte_amount = self.input_byte_amount

        image_classification_model = self.image_classification_model

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "jobIdentifier": job_identifier,
                "submittedBy": submitted_by,
                "accountIdentifier": account_identifier,
                "status": status,
                "createdAt": created_at,
                "total": total,
                "pending": pending,
                "completed": completed,
                "failed": failed,
            }
        )
        if model is not UNSET:
            field_dict["model"] = model
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at
        if submitted_at is not UNSET:
            field_dict["submittedAt"] = submitted_at
        if elapsed_time is not UNSET:
            field_dict["elapsedTime"] = elapsed_time
        if queue_time is not UNSET:
            field_dict["queueTime"] = queue_time
        if timeout is not UNSET:
            field_dict["timeout"] = timeout
        if explain is not UNSET:
            field_dict["explain"] = explain
        if user is not UNSET:
            field_dict["user"] = user
        if job_inputs is not UNSET:
            field_dict["jobInputs"] = job_inputs
        if input_byte_amount is not UNSET:
            field_dict["inputByteAmount"] = input_byte_amount
        if image_classification_model is not UNSET:
            field_dict["imageClassificationModel"] = image_classification_model

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.job_job_inputs_item import JobJobInputsItem
        from ..models.job_model import JobModel
        from ..models.job_user import JobUser

        d = dict(src_dict)
        job_identifier = d.pop("jobIdentifier")

        submitted_by = d.pop("submittedBy")

        account_identifier = d.pop("accountIdentifier")

        status = d.pop("status")

        created_at = datetime.datetime.fromisoformat(d.pop("createdAt"))

        total = d.pop("total")

        pending = d.pop("pending")

        completed = d.pop("completed")

        failed = d.pop("failed")

        _model = d.pop("model", UNSET)
        model: JobModel | Unset
        if isinstance(_model, Unset):
            model = UNSET
        else:
            model = JobModel.from_dict(_model)

        _updated_at = d.pop("updatedAt", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        _submitted_at = d.pop("submittedAt", UNSET)
        submitted_at: datetime.datetime | Unset
        if isinstance(_submitted_at, Unset):
            submitted_at = UNSET
        else:
            submitted_at = datetime.datetime.fromisoformat(_submitted_at)

        elapsed_time = d.pop("elapsedTime", UNSET)

        queue_time = d.pop("queueTime", UNSET)

        timeout = d.pop("timeout", UNSET)

        explain = d.pop("explain", UNSET)

        _user = d.pop("user", UNSET)
        user: JobUser | Unset
        if isinstance(_user, Unset):
            user = UNSET
        else:
            user = JobUser.from_dict(_user)

        _job_inputs = d.pop("jobInputs", UNSET)
        job_inputs: list[JobJobInputsItem] | Unset = UNSET
        if _job_inputs is not UNSET:
            job_inputs = []
            for job_inputs_item_data in _job_inputs:
                job_inputs_item = JobJobInputsItem.from_dict(job_inputs_item_data)

                job_inputs.append(job_inputs_item)

        input_byte_amount = d.pop("inputByteAmount", UNSET)

        image_classification_model = d.pop("imageClassificationModel", UNSET)

        job = cls(
            job_identifier=job_identifier,
            submitted_by=submitted_by,
            account_identifier=account_identifier,
            status=status,
            created_at=created_at,
            total=total,
            pending=pending,
            completed=completed,
            failed=failed,
            model=model,
            updated_at=updated_at,
            submitted_at=submitted_at,
            elapsed_time=elapsed_time,
            queue_time=queue_time,
            timeout=timeout,
            explain=explain,
            user=user,
            job_inputs=job_inputs,
            input_byte_amount=input_byte_amount,
            image_classification_model=image_classification_model,
        )

        job.additional_properties = d
        return job

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
