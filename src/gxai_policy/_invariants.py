"""
Invariants: the rules a record or value checks on construction, each judged on its own.

A class that derives from `Validated` marks its rule methods with
`invariant`; construction (and ``attrs.evolve``) runs them all and raises
every violation at once.  Because each invariant is judged apart, a loader
whose payload had some bad fields still judges the invariants that read only
good ones (`partial_violations`): one load reports everything in one round.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, ClassVar, Final, TypeVar

import attrs

from gxai_policy.errors import ValidationError, Violation

__all__ = ["Invariant", "Validated", "apart", "invariant", "partial_violations"]


class _Skipped(Exception):  # noqa: N818 - an answer, not an error
    """
    A rule read a field that did not load: the rule is skipped.
    """


class _Unread:
    """
    The value of a field that did not load: a rule that reads it in any way is skipped.

    Only formatting into a message is allowed (as ``…``), so that a rule
    naming the record by a field that did not load is still judged.
    """

    __slots__ = ()

    def _skip(self, *_: Any) -> Any:
        raise _Skipped

    def __format__(self, spec: str) -> str:
        return "…"

    def __getattr__(self, name: str) -> Any:
        # Tools that look for special names (doctest, inspect) are told there are none.
        if name.startswith("__"):
            raise AttributeError(name)
        raise _Skipped

    __bool__ = __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = _skip
    __hash__ = __iter__ = __len__ = __contains__ = __str__ = __index__ = _skip
    __int__ = __float__ = __add__ = __sub__ = __getitem__ = __repr__ = _skip


_UNREAD: Final = _Unread()

Invariant = Callable[[Any], Iterable[Violation]]
_I = TypeVar("_I", bound=Invariant)


def invariant(method: _I) -> _I:
    """
    Mark a record's method as one of its invariants: rules judged apart from the others.

    A record's invariants run on construction, each on its own, so that a
    loader whose payload had bad fields still judges every invariant that
    reads only good ones (see `partial_violations`).  Keep each one small:
    one rule, or the few rules that read the same fields.
    """
    method.__gxai_invariant__ = True  # type: ignore[attr-defined]
    return method


class Validated:
    """
    The base of every record: its `invariant` methods run on construction and ``attrs.evolve``.

    Every violation they find is raised at once, in one `ValidationError`.

    >>> from gxai_policy.records.scholar import POST_EMPTY
    >>> @attrs.frozen
    ... class Example(Validated):
    ...     name: str
    ...     @invariant
    ...     def _name(self):
    ...         if not self.name:
    ...             yield POST_EMPTY.violation("/name")
    >>> Example("机器人与智能装备").name
    '机器人与智能装备'
    >>> Example("")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error scholar.post_empty at /name: ...
    """

    __slots__ = ()

    #: The class's invariants, its bases' first, in the order they are written.
    _invariants: ClassVar[tuple[Invariant, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        found = {
            name: value
            for klass in reversed(cls.__mro__)
            for name, value in vars(klass).items()
            if getattr(value, "__gxai_invariant__", False)
        }
        cls._invariants = tuple(found.values())

    def __attrs_post_init__(self) -> None:
        # Loops, not a comprehension: records are built far more often than refused.
        for rule in self._invariants:
            for _ in rule(self):
                raise ValidationError(tuple(v for r in self._invariants for v in r(self)))


def apart(rule: Callable[..., Iterable[Violation]], *args: Any) -> Iterator[Violation]:
    """
    The violations of *rule* called with *args*, judged apart from any other rule.

    A rule that reads a field that did not load is skipped: what it found
    before is kept.  For an invariant that loops over several fields, one
    that did not load skips only its own turn.
    """
    try:
        yield from rule(*args)
    except _Skipped:
        return
    except TypeError as exc:
        # A builtin that was handed the stand-in (re.match, Decimal) names its type.
        if _Unread.__name__ not in str(exc):
            raise


def partial_violations(cls: type, loaded: Mapping[str, Any]) -> list[Violation]:
    """
    The violations of *cls*'s invariants over the fields that loaded, when others did not.

    A loader that found some fields of a payload bad still reports what the
    record's own rules say of the good ones, in the same round.  *loaded*
    maps the fields that loaded to their values; fields left out of the
    payload take their defaults; the rest did not load.  Every `invariant`
    runs on a stand-in of the record; one that reads a field that did not
    load (other than to name it in a message) is skipped, never guessed.
    A field that did not load counts as present: ``is None`` is false.
    """
    rules: tuple[Invariant, ...] = getattr(cls, "_invariants", ())
    if not rules:
        return []
    stand_in: Any = object.__new__(cls)
    for a in attrs.fields(cls):
        if a.name in loaded:
            value = loaded[a.name]
            if a.converter is not None:
                value = a.converter(value)
        elif a.default is attrs.NOTHING:
            value = _UNREAD
        elif isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
            value = _UNREAD if a.default.takes_self else a.default.factory()
        else:
            value = a.default
        object.__setattr__(stand_in, a.name, value)
    return [violation for rule in rules for violation in apart(rule, stand_in)]
