"""Modzy's typed results: the generated `Result` Struct with the page's handy methods."""

from __future__ import annotations

from typing import Any, Final

import msgspec
from jobresults_structs import modzy as structs
from jobresults_structs.modzy import FailureItem, ResultItem

from .._counts import fraction
from .._snapshot import JobSnapshot, JobState
from ..errors import ItemFormatError, ResultsError

ITEM_KEYS: Final = frozenset(
    {"status", "engine", "start_time", "update-time", "end-time", "elapsed_time", "voting"}
)
"""The documented keys of a result item; every other key is a model output file."""

_SHOWN_SOURCES = 5


def _unwrap(source: str, item: dict[str, Any]) -> dict[str, Any]:
    """The item itself, also when an older server nested it under its own key once more."""
    inner = item.get(source)
    if isinstance(inner, dict) and all(key == source or key in ITEM_KEYS for key in item):
        return inner
    return item


class Result(structs.Result):
    """The results of a Modzy job (the generated `Result`, plus the page's methods).

    `results` and `failures` are exactly what the server sent, keyed by input item key: each item
    holds `status`, `engine`, its times, `voting`, and one key per model output file (so
    `result.results["0001"]["results.json"]`). The methods below also unwrap the older servers'
    double nesting (`results["0001"]["0001"]`) and turn failed items into `ResultsError`.
    """

    @property
    def sources(self) -> list[str]:
        """Every input item key the job reports so far: completed ones, then failed ones."""
        failures = self.failures if isinstance(self.failures, dict) else {}
        return [*self.results, *(key for key in failures if key not in self.results)]

    @property
    def progress(self) -> float:
        """The fraction of input items processed (completed or failed), from 0.0 to 1.0."""
        if self.total <= 0:
            return 1.0 if self.finished else 0.0
        return fraction(self.completed + self.failed, self.total)

    def get_source_outputs(self, source: str) -> dict[str, Any]:
        """The model output files of one input item, keyed by file name (e.g. "results.json").

        Raises `ResultsError` (with the model's `.error`) if the item failed, and `KeyError`
        naming the item if the job reports no such item.
        """
        item = self._item_dict(source)
        return {key: value for key, value in item.items() if key not in ITEM_KEYS}

    def get_first_outputs(self) -> dict[str, Any]:
        """The model output files of the first completed input item.

        Raises `ResultsError` if no item completed but one failed (with the first failure's
        error), and `KeyError` if the job has no item yet.
        """
        for source in self.results:
            return self.get_source_outputs(source)
        failures = self.failures if isinstance(self.failures, dict) else {}
        for source in failures:
            raise self._failed(source, failures[source])
        raise KeyError(f"job {self.job_identifier} has no results yet ({self._state()})")

    def item(self, source: str) -> ResultItem:
        """One completed input item, typed: status, engine, times and voting as attributes (None
        where the item has none), the output files in `.additional_properties` (or
        `item["results.json"]`).

        Raises like `get_source_outputs`, and `ItemFormatError` for an item whose fields do
        not have the documented types (a time that is not a date, votes that are not counts).
        """
        found = self._item_dict(source)
        try:
            return ResultItem.from_dict(found)
        except msgspec.ValidationError as error:
            raise self._malformed(source, error) from None

    def failure(self, source: str) -> FailureItem:
        """One failed input item, typed (`.error` is the model's error).

        Raises `KeyError` if the item is not among the failures, `ItemFormatError` if its
        fields do not have the documented types.
        """
        failures = self.failures if isinstance(self.failures, dict) else {}
        if source not in failures:
            raise KeyError(
                f"input item {source!r} of job {self.job_identifier} is not among its failures"
                f" (failed items: {_listing(list(failures))})"
            )
        found = _unwrap(source, failures[source])
        try:
            return FailureItem.from_dict({"error": "", **found})
        except msgspec.ValidationError as error:
            raise self._malformed(source, error) from None

    def _item_dict(self, source: str) -> dict[str, Any]:
        found = self.results.get(source)
        if found is not None:
            return _unwrap(source, found)
        failures = self.failures if isinstance(self.failures, dict) else {}
        if source in failures:
            raise self._failed(source, failures[source])
        raise KeyError(
            f"no input item {source!r} in the results of job {self.job_identifier}"
            f" ({self._state()}; known items: {_listing(self.sources)})"
        )

    def _failed(self, source: str, item: dict[str, Any]) -> ResultsError:
        error = _unwrap(source, item).get("error")
        return ResultsError(
            f"input item {source!r} of job {self.job_identifier} failed: {error}",
            source=source,
            error=error,
        )

    def _malformed(self, source: str, error: Exception) -> ItemFormatError:
        reason = f"{type(error).__name__}: {error}"
        return ItemFormatError(
            f"input item {source!r} of job {self.job_identifier} does not have the documented"
            f" shape ({reason})",
            source=source,
            reason=reason,
        )

    def _state(self) -> str:
        return describe(self)

    def job_snapshot(self, service: str, job_id: str) -> JobSnapshot:
        """The job's snapshot. A Modzy result has no status: `finished` says the job ended
        (completed or canceled), and a finished job none of whose items completed while some
        failed is FAILED (Modzy reports its item failures, not a failed job); before it
        finishes, a job with processed items is RUNNING, one without PENDING."""
        done = self.completed + self.failed
        if self.finished:
            failed_all = self.total > 0 and self.completed == 0 and self.failed > 0
            state = JobState.FAILED if failed_all else JobState.SUCCEEDED
        else:
            state = JobState.RUNNING if done else JobState.PENDING
        return JobSnapshot(
            service,
            job_id,
            state,
            completed=max(0, self.completed),
            failed=max(0, self.failed),
            total=max(0, self.total),
            result=self,
        )


def _listing(keys: list[str]) -> str:
    if not keys:
        return "none"
    shown = ", ".join(repr(key) for key in keys[:_SHOWN_SOURCES])
    more = len(keys) - _SHOWN_SOURCES
    return shown + (f" and {more} more" if more > 0 else "")


def describe(result: structs.Result) -> str:
    """One line on a result's progress, for messages."""
    done = result.completed + result.failed
    finished = "finished" if result.finished else "not finished"
    return f"{finished}, {done} of {result.total} items processed"
