"""The bases of every typed result: the generated msgspec Structs subclass `Model`, and those a
whole response body decodes into subclass `ResponseModel`.

A result holds what its spec declares, under snake_case attributes (the wire's names stay the
JSON's: `job.job_identifier` is `jobIdentifier` on the wire), with None for an optional field
the server left out. `to_dict()` and `to_json()` give it back as JSON under the wire's names.

What the server sent beyond the spec stays reachable from the result a call returns:
`extra_fields()` reads it from the HTTP response the result was decoded from. Only a
`ResponseModel` keeps that reference (in a `__dict__`, `dict=True`): one object per response,
so the many nested Structs of a large page stay as small and as fast to decode as plain ones
(a `__dict__` on every Struct cost about 3% of a 10,000-item page's decode time).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

import msgspec

if TYPE_CHECKING:
    import httpx

_RESPONSE = "_jobresults_response"
"""Where a `ResponseModel` keeps the response it was decoded from (in its `__dict__`)."""
_ADDITIONAL = "_jobresults_additional"
"""Where an `OpenModel` keeps the keys it does not declare (in its `__dict__`)."""


class Model(msgspec.Struct, omit_defaults=True):
    """A typed result or a part of one (the generated Structs' base): `to_dict()`, `to_json()`."""

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON-ready builtins under the wire's field names (dicts, lists,
        strings, numbers, booleans, None): enums as their strings (a value the spec does not
        list too), date-times as RFC 3339 strings, UUIDs as strings; dynamic parts (Modzy's
        output files, LlamaCloud's data) as they came. Optional fields that are None (left
        out by the server, or null) are left out."""
        built: dict[str, Any] = msgspec.to_builtins(self)
        return built

    def to_json(self, *, indent: int | None = None) -> str:
        """`to_dict()` as a JSON string: compact, or indented by `indent` spaces."""
        encoded = msgspec.json.encode(self)
        return (msgspec.json.format(encoded, indent=indent) if indent else encoded).decode()


class ResponseModel(Model, dict=True):
    """A result a whole response body decodes into: a `Model` that also reaches what the
    server sent beyond the spec (`extra_fields()`)."""

    def extra_fields(self) -> dict[str, Any]:
        """What the server sent that the spec does not declare, `{JSON pointer: value}` in the
        body's order (`{"/data/job_results/0/thumbnail": "..."}`), from the response this
        result was decoded from. Empty if it declared nothing more, or if this result was not
        decoded from a response (built by hand, or decoded from bytes)."""
        response = self.__dict__.get(_RESPONSE)
        if response is None:
            return {}
        from ._extra import undeclared

        return undeclared(self, response.content)


class OpenModel(Model, dict=True):
    """An object that keeps keys it does not declare (a Modzy result item: its status and
    times, and one key per model output file): the declared fields as attributes, every other
    key in `additional_properties` and by subscript (`item["results.json"]`).

    Where such an object sits inside a result it is kept as the dict that came (`dict[str,
    Any]`: nothing is lost); `from_dict` types one.
    """

    @classmethod
    def from_dict(cls, value: Mapping[str, Any]) -> Self:
        """`value` typed: its declared fields checked as the spec says (`msgspec.ValidationError`
        naming the first that is not), the other keys kept as they are."""
        typed = msgspec.convert(value, cls)
        declared = {info.encode_name for info in msgspec.structs.fields(cls)}
        typed.__dict__[_ADDITIONAL] = {
            key: item for key, item in value.items() if key not in declared
        }
        return typed

    @property
    def additional_properties(self) -> dict[str, Any]:
        """The keys the spec does not declare, with their values as they came."""
        found: dict[str, Any] = self.__dict__.get(_ADDITIONAL, {})
        return found

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __contains__(self, key: object) -> bool:
        return key in self.additional_properties

    def to_dict(self) -> dict[str, Any]:
        """The declared fields (see `Model.to_dict`), then the other keys as they came."""
        return {**super().to_dict(), **msgspec.to_builtins(self.additional_properties)}


def keep_response(value: object, response: httpx.Response) -> None:
    """Let `value` (a decoded result) reach the response it came from (a `ResponseModel`
    only: anything else has nowhere to keep it)."""
    if isinstance(value, ResponseModel):
        value.__dict__[_RESPONSE] = response
