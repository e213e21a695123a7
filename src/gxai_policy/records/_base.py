"""
What every record shares: raising all violations at once, and extra keys.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pendulum
from attrs import frozen

from gxai_policy.errors import raise_if_any

__all__ = ["EMPTY_EXTRAS", "CheckContext", "Extras", "raise_if_any"]


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


class Extras(Mapping[str, Any]):
    """
    Keys of a payload that the record does not know, kept so that they round-trip.

    Loading with ``unknown="report"`` fills it; `gxai_policy.to_dict` writes the
    keys back.  Immutable and hashable, so records holding it stay hashable;
    values are JSON values as loaded.

    >>> Extras({"remark": "备注"})["remark"]
    '备注'
    >>> Extras({"a": [1]}) == Extras({"a": [1]})
    True
    """

    __slots__ = ("_data", "_key")

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        self._data: dict[str, Any] = dict(data or {})
        self._key = _freeze(self._data)

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Extras):
            return bool(self._key == other._key)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key)

    def __repr__(self) -> str:
        return f"Extras({self._data!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Extras, (self._data,))


#: The shared empty `Extras`, the default of every record's ``extras`` field.
EMPTY_EXTRAS = Extras()


@frozen(kw_only=True)
class CheckContext:
    """
    The options of one `gxai_policy.check` call, handed to every record's findings.

    Attributes:
        as_of: The day to judge deadlines on; None means no time-dependent finding.

        reply_limit_months: Months from 交办 (assignment) to the reply deadline.
    """

    as_of: pendulum.Date | None = None
    reply_limit_months: int = 3
