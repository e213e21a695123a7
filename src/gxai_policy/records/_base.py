"""
What every record shares: raising all violations at once, and extra keys.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

import attrs
import pendulum
from attrs import frozen

from gxai_policy._invariants import Validated, apart, invariant, partial_violations
from gxai_policy.errors import raise_if_any

__all__ = [
    "EMPTY_EXTRAS",
    "CheckContext",
    "Extras",
    "Validated",
    "apart",
    "invariant",
    "partial_violations",
    "raise_if_any",
    "replace",
]


def _freeze(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


class FrozenObject(dict[str, Any]):
    """
    A JSON object kept in `Extras`: a ``dict`` that cannot change (JSON writers take it as one).
    """

    __slots__ = ()

    def _immutable(self, *_: Any, **__: Any) -> Any:
        raise TypeError("a kept JSON object cannot change")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _immutable
    __ior__ = _immutable

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(_freeze(self))

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenObject, (dict(self),))


def thaw(value: Any) -> Any:
    """
    A kept JSON value as plain, mutable data again (lists and dicts).
    """
    if isinstance(value, dict):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [thaw(v) for v in value]
    return value


def _frozen(value: Any) -> Any:
    """
    A copy of a JSON value that cannot change: arrays as tuples, objects as `FrozenObject`.
    """
    if type(value) is dict:
        return FrozenObject({k: _frozen(v) for k, v in value.items()})
    if type(value) is list or type(value) is tuple:
        return tuple(_frozen(v) for v in value)
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
        self._data: dict[str, Any] = {k: _frozen(v) for k, v in (data or {}).items()}
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

    def wire(self) -> dict[str, Any]:
        """
        The kept keys as plain data, sorted by key: mutable copies, ready to write.

        >>> Extras({"b": {"x": [1]}, "a": 2}).wire()
        {'a': 2, 'b': {'x': [1]}}
        """
        return {k: thaw(self._data[k]) for k in sorted(self._data)}


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


_R = TypeVar("_R")


def replace(record: _R, /, **changes: Any) -> _R:
    """
    A copy of *record* with some fields changed, checked like a newly built record.

    Every invariant and every field's type is checked again; the record
    itself never changes.  It is `attrs.evolve` with a clearer word for a
    field the record does not have.

    Raises:
        ValidationError: The copy would break a rule or hold a wrong type.

        TypeError: *record* is not a record, or it has no field of that name.

    >>> import gxai_policy as gp
    >>> e = gp.Enterprise(name="示例科技有限公司", uscc=gp.USCC("91450100MA5KB1XW1C"))
    >>> gp.replace(e, is_ai=True).is_ai
    True
    >>> gp.replace(e, is_ai="yes")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error record.wrong_type at /is_ai: is_ai must be a bool, got str 'yes'
    >>> gp.replace(e, nmae="x")
    Traceback (most recent call last):
      ...
    TypeError: Enterprise has no field 'nmae'; its fields: name, uscc, city, is_ai, sectors, certificate, source, extras
    """  # noqa: E501
    cls = type(record)
    if not attrs.has(cls):
        raise TypeError(f"replace(record, ...) takes a record, not {cls.__name__}")
    names = [a.alias for a in attrs.fields(cls) if a.init]
    unknown = [name for name in changes if name not in names]
    if unknown:
        raise TypeError(
            f"{cls.__name__} has no field {unknown[0]!r}; its fields: {', '.join(names)}"
        )
    changed: _R = attrs.evolve(typing.cast("Any", record), **changes)
    return changed
