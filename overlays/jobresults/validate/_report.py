"""What validation finds: `Violation`s, named by `ViolationKind`, gathered in a
`ValidationReport`."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class ViolationKind(enum.StrEnum):
    """What a violation is (the value is what reports print)."""

    MISSING_REQUIRED_FIELD = "missing_required_field"
    WRONG_TYPE = "wrong_type"
    NOT_IN_ENUM = "not_in_enum"
    BAD_FORMAT = "bad_format"
    EXTRA_FIELD = "extra_field"
    CONSTRAINT = "constraint"
    """A bound, a length, a `const` or another keyword the value breaks."""
    WRONG_CONTENT_TYPE = "wrong_content_type"
    UNDOCUMENTED_STATUS = "undocumented_status"
    MISSING_HEADER = "missing_header"
    INVALID_JSON = "invalid_json"


@dataclass(frozen=True, slots=True)
class Violation:
    """One way a response breaks its spec.

    `pointer` is an RFC 6901 JSON pointer into the body ("" for the whole body and for
    status, header and content type violations; for a missing field, where the field belongs).
    `schema_path` is a JSON pointer into the service's spec (`#/components/schemas/...`).
    `expected` and `found` are short, and `message` is one line that says what to fix.
    """

    kind: ViolationKind
    pointer: str
    schema_path: str
    expected: str
    found: str
    message: str

    def to_dict(self) -> dict[str, str]:
        """The violation as plain JSON-ready values."""
        return {
            "kind": self.kind.value,
            "pointer": self.pointer,
            "schema_path": self.schema_path,
            "expected": self.expected,
            "found": self.found,
            "message": self.message,
        }


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
