"""The errors and the warning of response validation that do not need httpx."""

from __future__ import annotations

from collections.abc import Iterable


class UnknownSpecItemError(ValueError):
    """A service, operation or status that the specs do not have; the message lists the valid
    ones (`.valid`)."""

    def __init__(
        self, what: str, given: object, valid: Iterable[str], where: str = "", plural: str = ""
    ) -> None:
        self.given = given
        self.valid: tuple[str, ...] = tuple(valid)
        place = f" {where}" if where else ""
        listed = ", ".join(self.valid) or "none"
        super().__init__(f"unknown {what} {given!r}{place}; valid {plural or what + 's'}: {listed}")


class UnknownServiceError(UnknownSpecItemError):
    """The service is not one of modzy, llamacloud, wickson, overmind."""


class UnknownOperationError(UnknownSpecItemError):
    """The service's spec has no operation with this operationId."""


class UnknownStatusError(UnknownSpecItemError):
    """The operation documents no response for this status (and has no `default` response)."""


class ValidationWarning(UserWarning):
    """Emitted by a `ValidatingTransport` in mode "warn" for a response that breaks its spec."""
