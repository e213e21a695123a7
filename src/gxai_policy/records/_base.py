"""
What every record shares: raising all violations at once, and extra keys.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import pendulum
from attrs import frozen

from gxai_policy.errors import Violation, raise_if_any

__all__ = [
    "EMPTY_EXTRAS",
    "CheckContext",
    "Extras",
    "partial_violations",
    "raise_if_any",
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


class _Skipped(Exception):  # noqa: N818 - an answer, not an error
    """
    A rule read a field that did not load: the rule is skipped.
    """


class _Unread:
    """
    The value of a field that did not load: a rule that reads it in any way is skipped.
    """

    __slots__ = ()

    def _skip(self, *_: Any) -> Any:
        raise _Skipped

    __getattr__ = __bool__ = __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _skip
    __hash__ = __iter__ = __len__ = __contains__ = __str__ = __format__ = __index__ = _skip
    __int__ = __float__ = __add__ = __sub__ = __getitem__ = __repr__ = _skip


def partial_violations(cls: type, loaded: Mapping[str, Any]) -> list[Violation]:
    """
    The violations of *cls*'s rules over the fields that loaded, when others did not.

    A loader that found some fields of a payload bad still reports what the
    record's own rules say of the good ones, in the same round.  *loaded*
    maps the fields that loaded to their values; fields left out of the
    payload take their defaults; the rest did not load.  The rules run on a
    stand-in of the record, in order, until one reads a field that did not
    load: that one and those after it are skipped, never guessed.
    """
    rules = getattr(cls, "_violations", None)
    if rules is None:
        return []
    stand_in: Any = object.__new__(cls)
    unread = _Unread()
    for a in attrs.fields(cls):
        if a.name in loaded:
            value = loaded[a.name]
            if a.converter is not None:
                value = a.converter(value)
        elif a.default is attrs.NOTHING:
            value = unread
        elif isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
            value = unread if a.default.takes_self else a.default.factory()
        else:
            value = a.default
        object.__setattr__(stand_in, a.name, value)
    found: list[Violation] = []
    try:
        for violation in rules(stand_in):
            found.append(violation)  # noqa: PERF402 - what came before a skip is kept
    except _Skipped:
        pass
    return found
