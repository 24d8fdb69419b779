"""What validation finds in a response, one item each: a `Violation`, named by its
`ViolationKind`. Kept apart from `jobresults.validate` (which finds them) so that the errors
that carry them need not import the validator."""

from __future__ import annotations

import enum
from dataclasses import dataclass


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
