"""What validation finds: `Violation`s, named by `ViolationKind`, gathered in a
`ValidationReport`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .._violation import Violation, ViolationKind

__all__ = ["ValidationReport", "Violation", "ViolationKind"]


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of validating one response: `ok` when `violations` is empty.

    `source` says where the response came from (a file, a HAR entry, a request's method and
    URL without its query), never a header. `truncated` is true when more violations were
    found than the report keeps.
    """

    service: str
    operation_id: str
    status: int
    violations: tuple[Violation, ...] = ()
    source: str | None = None
    truncated: bool = field(default=False)

    @property
    def ok(self) -> bool:
        """True when the response matches its spec."""
        return not self.violations

    def summary(self) -> str:
        """One line: where, what, and ok or how many violations."""
        where = f"{self.source}: " if self.source else ""
        what = f"{self.service} {self.operation_id} {self.status}"
        if self.ok:
            return f"{where}{what}: ok"
        count = len(self.violations)
        more = " or more" if self.truncated else ""
        return f"{where}{what}: {count}{more} violation{'s' if count != 1 else ''}"

    def to_dict(self) -> dict[str, Any]:
        """The report as plain JSON-ready values."""
        return {
            "source": self.source,
            "service": self.service,
            "operation_id": self.operation_id,
            "status": self.status,
            "ok": self.ok,
            "truncated": self.truncated,
            "violations": [violation.to_dict() for violation in self.violations],
        }

    def __str__(self) -> str:
        lines = [self.summary()]
        lines.extend(f"  [{v.kind.value}] {v.message}" for v in self.violations)
        return "\n".join(lines)
