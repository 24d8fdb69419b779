"""The running report of a proxy: counts of responses, violations by kind and operation,
unmatched requests and upstream failures, as `GET /_proxy/report` returns them.

The counts live in a flat array of 64-bit integers whose layout follows from the spec (its
operations) and the code (the violation kinds, the upstream failures), so every process of one
proxy lays them out alike. With `--workers N`, each worker process keeps its array in a file of
its own in a shared folder, mapped into memory: a worker only ever writes its own file (no lock,
no lost update), and the report sums every file it finds there, so any worker answers for all of
them (counts of a worker that died and was replaced stay in). A read may see one response's
counts half added (its `responses` but not yet its `violations`); never a count lost.
"""

from __future__ import annotations

import array
import mmap
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

from ..validate import ValidationReport, ViolationKind
from ._forward import UpstreamFailure

GENERAL: Final = ("responses", "validated", "invalid", "violations", "unmatched", "rejected")
"""The counts of the whole proxy, in the order they are laid out."""
PER_OPERATION: Final = ("responses", "invalid")
SUFFIX: Final = ".tally"
_WORD = 8


class Tally:
    """The counts of one process (see the module's docstring); `directory` None: in memory."""

    def __init__(self, operations: Sequence[str], directory: str | None = None) -> None:
        self.operations = tuple(operations)
        self.kinds = tuple(ViolationKind)
        self.failures = tuple(UpstreamFailure)
        self._failure_base = 1 + len(GENERAL)
        self._operation_base = self._failure_base + len(self.failures)
        self._stride = len(PER_OPERATION) + len(self.kinds)
        self.size = self._operation_base + self._stride * len(self.operations)
        self._operation_index = {name: i for i, name in enumerate(self.operations)}
        self._kind_index = {kind: i for i, kind in enumerate(self.kinds)}
        self.directory = None if directory is None else Path(directory)
        self._map: mmap.mmap | None = None
        if self.directory is None:
            self._counts = memoryview(bytearray(self.size * _WORD)).cast("q")
        else:
            file = self.directory / f"worker-{os.getpid()}{SUFFIX}"
            with open(file, "w+b") as handle:
                handle.truncate(self.size * _WORD)
                self._map = mmap.mmap(handle.fileno(), self.size * _WORD)
            self._counts = memoryview(self._map).cast("q")
        self._counts[0] = self.size  # the layout's size: files of another layout are skipped

    def __repr__(self) -> str:
        return f"Tally({len(self.operations)} operations, shared={self.directory is not None})"

    def unmatched(self) -> None:
        """Count a response to a request that called no operation of the spec."""
        self._add(1 + GENERAL.index("responses"))
        self._add(1 + GENERAL.index("unmatched"))

    def failed(self, failure: UpstreamFailure, *, matched: bool) -> None:
        """Count an answer the proxy made itself because the upstream failed."""
        self._add(1 + GENERAL.index("responses"))
        if not matched:
            self._add(1 + GENERAL.index("unmatched"))
        self._add(self._failure_base + self.failures.index(failure))

    def validated(self, report: ValidationReport, *, rejected: bool) -> None:
        """Count a validated response and its violations (`rejected`: answered 502)."""
        base = self._operation_base + self._stride * self._operation_index[report.operation_id]
        self._add(1 + GENERAL.index("responses"))
        self._add(1 + GENERAL.index("validated"))
        self._add(base)
        if report.violations:
            self._add(1 + GENERAL.index("invalid"))
            self._add(1 + GENERAL.index("violations"), len(report.violations))
            self._add(base + 1)
            for violation in report.violations:
                self._add(base + len(PER_OPERATION) + self._kind_index[violation.kind])
        if rejected:
            self._add(1 + GENERAL.index("rejected"))

    def summary(self) -> dict[str, Any]:
        """The counts as JSON-ready values, summed over every worker's file when shared."""
        counts, workers = self._totals()
        general = dict(zip(GENERAL, counts[1 : self._failure_base], strict=True))
        by_kind = {kind.value: 0 for kind in self.kinds}
        operations: dict[str, Any] = {}
        for name, index in self._operation_index.items():
            base = self._operation_base + self._stride * index
            kinds = counts[base + len(PER_OPERATION) : base + self._stride]
            found = {kind.value: n for kind, n in zip(self.kinds, kinds, strict=True) if n}
            for kind, n in found.items():
                by_kind[kind] += n
            operations[name] = {"responses": counts[base], "invalid": counts[base + 1]}
            operations[name]["violations"] = found
        failures = counts[self._failure_base : self._operation_base]
        return {
            **general,
            "valid": general["validated"] - general["invalid"],
            "violations_by_kind": {kind: n for kind, n in by_kind.items() if n},
            "operations": operations,
            "upstream_failures": {
                failure.value: n for failure, n in zip(self.failures, failures, strict=True) if n
            },
            "workers": workers,
        }

    def close(self) -> None:
        """Release the mapped file (its counts stay in it for the report of the others)."""
        self._counts.release()
        if self._map is not None:
            self._map.close()
            self._map = None

    def _add(self, index: int, amount: int = 1) -> None:
        self._counts[index] += amount

    def _totals(self) -> tuple[list[int], int]:
        if self.directory is None:
            return list(self._counts), 1
        totals = [0] * self.size
        workers = 0
        for counts in _files(self.directory.glob(f"*{SUFFIX}"), self.size):
            workers += 1
            totals = [a + b for a, b in zip(totals, counts, strict=True)]
        totals[0] = self.size
        return totals, workers


def _files(paths: Iterable[Path], size: int) -> Iterable[array.array[int]]:
    """The counts of each file of this layout (others, and files vanishing, are skipped)."""
    for path in sorted(paths):
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if len(data) != size * _WORD:
            continue
        counts = array.array("q")
        counts.frombytes(data)
        if counts[0] == size:
            yield counts
