"""
Invariants: the rules a record or value checks on construction, each judged on its own.

A class that derives from `Validated` marks its rule methods with
`invariant`; construction (and ``attrs.evolve``) runs them all and raises
every violation at once.  Because each invariant is judged apart, a loader
whose payload had some bad fields still judges the invariants that read only
good ones (`partial_violations`): one load reports everything in one round.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from contextvars import ContextVar, Token
from typing import Any, ClassVar, Final, TypeVar

import attrs

from gxai_policy import _types
from gxai_policy.errors import ValidationError, Violation
from gxai_policy.rules import Trigger, define

__all__ = [
    "WRONG_TYPE",
    "Invariant",
    "Validated",
    "apart",
    "invariant",
    "partial_violations",
    "trust_types",
    "untrust_types",
    "wrong_type",
]

WRONG_TYPE: Final = define(
    "record.wrong_type",
    applies_to="Enterprise",
    summary="A record's field holds a value of its type, however the record is built.",
    summary_zh="记录的字段取其应有类型的值，无论记录如何构造。",
    source="gxai_policy: an invalid record cannot exist (DESIGN §5)",
    example={"name": "示例科技有限公司", "uscc": "91450100MA5KB1XW1C"},
    trigger=Trigger.CALL,
    message="{field} must be {expected}, got {got}{hint}",
    message_zh="字段 {field} 应为 {expected_zh}，实为 {got_zh}{hint_zh}",
)


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


#: True while a loader builds records from values it has type-checked already.
_TYPES_CHECKED: Final[ContextVar[bool]] = ContextVar("gxai_policy_types_checked", default=False)


def trust_types() -> Token[bool]:
    """
    Begin building records from values whose types a loader has checked; give the token back.

    The loaders build every value from its wire form, so each field already
    holds its exact type: construction skips that check (and only that one;
    every invariant still runs) until `untrust_types` is given the token, in
    a ``finally``.  The flag is a context variable: other threads and tasks
    keep their checks.
    """
    return _TYPES_CHECKED.set(True)


def untrust_types(token: Token[bool]) -> None:
    """
    End what `trust_types` began.
    """
    _TYPES_CHECKED.reset(token)


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
        cls._types_hold = staticmethod(_first_check)

    #: Whether every field holds exactly its type: compiled for each class on first use.
    _types_hold: ClassVar[Callable[[Any], bool]]

    #: A class built by the thousand may give the tests of all its invariants in one
    #: expression: when it holds, the invariants are not run one by one.
    _all_hold: ClassVar[Any] = None  # a staticmethod (record) -> bool, or None

    def __attrs_post_init__(self) -> None:
        cls = type(self)
        if not _TYPES_CHECKED.get() and not cls._types_hold(self):
            wrong = _types.wrong(self)
            if wrong:
                raise ValidationError(_wrong_type_violations(self, wrong))
        quick = cls._all_hold
        if quick is not None and quick(self):
            return
        # Loops, not a comprehension: records are built far more often than refused.
        for rule in self._invariants:
            for _ in rule(self):
                raise ValidationError(tuple(v for r in self._invariants for v in r(self)))


def _first_check(record: Any) -> bool:
    cls = type(record)
    check = _types.fast_check(cls)
    cls._types_hold = staticmethod(check)
    return check(record)


def wrong_type(field: str, hint: Any, value: Any) -> list[Violation]:
    """
    The `WRONG_TYPE` violation of a value type's *field* annotated *hint*, if *value* is wrong.

    For value types that check their fields themselves; records get it from `Validated`.
    """
    return [_violation(w) for w in _types.wrong_value(field, hint, value)]


def _violation(w: _types.Wrong) -> Violation:
    return WRONG_TYPE.violation(
        f"/{w.field}" if w.index is None else f"/{w.field}/{w.index}",
        field=w.field if w.index is None else f"{w.field}[{w.index}]",
        expected=w.expected[0],
        expected_zh=w.expected[1],
        got=w.got[0],
        got_zh=w.got[1],
        hint=w.hint[0],
        hint_zh=w.hint[1],
    )


def _wrong_type_violations(record: Any, wrong: list[_types.Wrong]) -> tuple[Violation, ...]:
    """
    A violation for each wrong field, then the invariants judged over the others.
    """
    found = [_violation(w) for w in wrong]
    bad = {w.field for w in wrong}
    values = {
        a.name: _UNREAD if a.name in bad else getattr(record, a.name)
        for a in attrs.fields(type(record))
    }
    return (*found, *_judged_apart(type(record), values))


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


def partial_violations(
    cls: type, loaded: Mapping[str, Any], given: Container[str]
) -> list[Violation]:
    """
    The violations of *cls*'s invariants over the fields that loaded, when others did not.

    A loader that found some fields of a payload bad still reports what the
    record's own rules say of the good ones, in the same round.  *loaded*
    maps the fields that loaded to their values; *given* holds the keys the
    payload gave.  A field given that did not load is unread (its default is
    not guessed for it); a field left out takes its default.
    """
    values: dict[str, Any] = {}
    for a in attrs.fields(cls):
        if a.name in loaded:
            value = loaded[a.name]
            values[a.name] = value if a.converter is None else a.converter(value)
        elif a.name in given or a.default is attrs.NOTHING:
            values[a.name] = _UNREAD
        elif isinstance(a.default, attrs.Factory):  # type: ignore[arg-type]
            values[a.name] = _UNREAD if a.default.takes_self else a.default.factory()
        else:
            values[a.name] = a.default
    return _judged_apart(cls, values)


def _judged_apart(cls: type, values: Mapping[str, Any]) -> list[Violation]:
    """
    The violations of *cls*'s invariants over *values* (one for every field), each judged apart.

    Every `invariant` runs on a stand-in of the record holding *values*; one
    that reads an unread field (other than to name it in a message) is
    skipped, never guessed.  An unread field counts as present: ``is None``
    is false.
    """
    rules: tuple[Invariant, ...] = getattr(cls, "_invariants", ())
    if not rules:
        return []
    stand_in: Any = object.__new__(cls)
    for name, value in values.items():
        object.__setattr__(stand_in, name, value)
    return [violation for rule in rules for violation in apart(rule, stand_in)]
