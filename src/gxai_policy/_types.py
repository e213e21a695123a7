"""
The Python types a record's fields hold, as construction checks them.

`expect` reads a field's annotation once into a small tree: `Exact` (one
class), `Maybe` (``X | None``), `Many` (``tuple[X, ...]`` or
``frozenset[X]``), `Either` (a union of classes) and `Anything`.  Two checks
walk it: `fast_check` compiles one boolean expression a class, exact types
only, for the constructor's everyday path; `wrong` is the precise check
(subclasses of records and value types are welcome) that names every field
that is wrong, and says what to do instead.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import reprlib
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any, Final

import attrs
import pendulum
from attrs import frozen

__all__ = [
    "Anything",
    "Either",
    "Exact",
    "Expect",
    "Many",
    "Maybe",
    "Parts",
    "Wrong",
    "expect",
    "fast_check",
    "parts",
    "wrong",
    "wrong_value",
]


@frozen
class Exact:
    """
    A value of one class (for records and value types, of a subclass too).
    """

    cls: type


@frozen
class Maybe:
    """
    None, or a value the inner expectation admits.
    """

    inner: Expect


@frozen
class Many:
    """
    A ``tuple`` or ``frozenset`` whose every item the inner expectation admits.
    """

    container: type
    item: Expect


@frozen
class Either:
    """
    A value one of several expectations admits.
    """

    options: tuple[Expect, ...]


@frozen
class Anything:
    """
    Any value at all (a field typed ``Any``).
    """


Expect = Exact | Maybe | Many | Either | Anything

#: Classes held exactly: ``True`` is not an int here, nor a ``str`` subclass a str.
_EXACT: Final = frozenset({str, int, bool, float})


@frozen
class Parts:
    """
    What an annotation is made of, as `parts` reads it.

    Attributes:
        kind: ``"optional"`` (*args*: the annotation without None, a union
            if several remain), ``"union"`` (*args*: its members),
            ``"sequence"`` (*args*: the container, ``tuple``, ``list`` or
            ``frozenset``, and the item's annotation), ``"class"`` (*args*:
            the class), ``"any"``, or ``"other"``.

        args: As *kind* says.
    """

    kind: str
    args: tuple[Any, ...] = ()


@functools.cache
def parts(hint: Any) -> Parts:
    """
    What *hint* is made of: the one place that reads ``typing``'s origins and arguments.

    The wire's shapes (`gxai_policy.wire`) and construction's checks (`expect`)
    both start here.
    """
    if hint is Any:
        return Parts("any")
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        present = tuple(a for a in args if a is not type(None))
        if len(present) == len(args):
            return Parts("union", present)
        return Parts("optional", (functools.reduce(operator.or_, present),))
    if (origin is tuple and len(args) == 2 and args[1] is ...) or origin in (list, frozenset):
        return Parts("sequence", (origin, args[0]))
    if isinstance(hint, type) and origin is None:
        return Parts("class", (hint,))
    return Parts("other")


@functools.cache
def expect(hint: Any) -> Expect:
    """
    What a field annotated *hint* holds.

    Raises:
        TypeError: For an annotation construction cannot check (a ``list``,
            a ``dict``): records hold immutable values only.
    """
    found = parts(hint)
    match found.kind, found.args:
        case "any", _:
            return Anything()
        case "optional", (inner,):
            return Maybe(expect(inner))
        case "union", options:
            return Either(tuple(expect(o) for o in options))
        case "sequence", (container, item) if container is not list:
            return Many(container, expect(item))
        case "class", (cls,) if cls not in (list, dict, set, tuple):
            return Exact(cls)
    raise TypeError(f"a record field cannot hold {hint!r}")


def _admits(e: Expect, value: Any) -> bool:  # noqa: PLR0911 - one answer per kind
    match e:
        case Exact(cls) if cls in _EXACT:
            return type(value) is cls
        case Exact(cls) if cls is pendulum.Date:
            # A DateTime is a Date to isinstance, but not a day.
            return isinstance(value, pendulum.Date) and not isinstance(value, dt.datetime)
        case Exact(cls):
            return isinstance(value, cls)
        case Maybe(inner):
            return value is None or _admits(inner, value)
        case Many(container, item):
            return type(value) is container and all(_admits(item, x) for x in value)  # type: ignore[attr-defined]
        case Either(options):
            return any(_admits(option, value) for option in options)
    return True


# --- the fast check -------------------------------------------------------------------


def fast_check(cls: type) -> Callable[[Any], bool]:
    """
    One compiled test that every field of *cls* holds exactly its type.

    False means "look closer" (`wrong`), not "wrong": a subclass of a
    record or value type fails it and passes `wrong`.
    """
    hints = typing.get_type_hints(cls)
    scope: dict[str, Any] = {"_admits": _admits}
    terms = [
        _term(expect(hints[a.name]), f"r.{a.name}", scope) for a in attrs.fields(cls) if a.init
    ]
    source = f"def check(r):\n    return {' and '.join(terms) or 'True'}\n"
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<fast type check of {cls.__qualname__}>", "exec"), scope, namespace)  # noqa: S102 - generated from annotations; names are generated
    check: Callable[[Any], bool] = namespace["check"]
    return check


def _bind(scope: dict[str, Any], value: Any) -> str:
    name = f"_{len(scope)}"
    scope[name] = value
    return name


def _term(e: Expect, subject: str, scope: dict[str, Any]) -> str:
    match e:
        case Exact(cls):
            return f"type({subject}) is {_bind(scope, cls)}"
        case Maybe(inner):
            return f"({subject} is None or {_term(inner, subject, scope)})"
        case Many(container, Exact(item)):
            kinds = _bind(scope, frozenset({item}))
            # issuperset walks the iterator without building a set.
            return (
                f"(type({subject}) is {_bind(scope, container)}"
                f" and {kinds}.issuperset(map(type, {subject})))"
            )
        case Anything():
            return "True"
    return f"_admits({_bind(scope, e)}, {subject})"


# --- the precise check ------------------------------------------------------------------


@frozen
class Wrong:
    """
    A field, or an item of one, that holds a value of the wrong type.

    Attributes:
        field: The field's name.

        index: The item's position in a tuple, or None for the field itself.

        expected: What the field holds, in English and in Chinese.

        got: The value given, in English (``type repr``) and in Chinese (``repr（类型）``).

        hint: What to do instead, in English and in Chinese (may be empty).
    """

    field: str
    index: int | None
    expected: tuple[str, str]
    got: tuple[str, str]
    hint: tuple[str, str]


def wrong(record: Any) -> list[Wrong]:
    """
    Every field of *record* whose value its annotation does not admit.
    """
    hints = typing.get_type_hints(type(record))
    return [
        found
        for a in attrs.fields(type(record))
        if a.init
        for found in _wrong(a.name, expect(hints[a.name]), getattr(record, a.name))
    ]


def wrong_value(name: str, hint: Any, value: Any) -> list[Wrong]:
    """
    What is wrong with *value* for a field *name* annotated *hint*: nothing, or its items.
    """
    return list(_wrong(name, expect(hint), value))


def _wrong(name: str, e: Expect, value: Any) -> Iterator[Wrong]:
    if _admits(e, value):
        return
    item = e.inner if isinstance(e, Maybe) else e
    if isinstance(item, Many) and type(value) is item.container:
        for i, x in enumerate(typing.cast("Iterable[Any]", value)):
            if not _admits(item.item, x):
                yield Wrong(name, i, _describe(item.item), _got(x), _hint(item.item, x))
        return
    yield Wrong(name, None, _describe(e), _got(value), _hint(e, value))


_repr: Final = reprlib.Repr()
_repr.maxstring = 40
_repr.maxother = 40


#: Python's types as Chinese messages name them.
_KINDS_ZH: Final = {
    str: "字符串",
    int: "整数",
    bool: "布尔值",
    float: "浮点数",
    list: "列表",
    tuple: "元组",
    dict: "字典",
    set: "集合",
    bytes: "字节串",
}


def _got(value: Any) -> tuple[str, str]:
    try:
        shown = _repr.repr(value)
    except Exception:  # noqa: BLE001 - a caller's object whose repr fails is still named
        shown = "…"
    kind = type(value).__name__
    return f"{kind} {shown}", f"{shown}（{_KINDS_ZH.get(type(value), kind)}）"


def _name(cls: type) -> str:
    if cls.__module__.startswith("gxai_policy"):
        return f"gp.{cls.__name__}"
    if cls.__module__.startswith("pendulum"):
        return f"pendulum.{cls.__name__}"
    return cls.__name__


_PLAIN: Final = {
    str: ("a str", "字符串"),
    int: ("an int", "整数"),
    bool: ("a bool", "布尔值"),
    float: ("a float", "浮点数"),
    Decimal: ("a Decimal", "Decimal 数值"),
}


def _describe(e: Expect) -> tuple[str, str]:
    match e:
        case Exact(cls) if cls in _PLAIN:
            return _PLAIN[cls]
        case Exact(cls):
            return f"a {_name(cls)}", _name(cls)
        case Maybe(inner):
            en, zh = _describe(inner)
            return f"None or {en}", f"None 或{zh}"
        case Many(container, item):
            en, zh = _describe(item)
            return (
                f"a {container.__name__} of {en.split(' ', 1)[-1]}",
                f"由{zh}组成的 {container.__name__}",
            )
        case Either(options):
            described = [_describe(option) for option in options]
            return " or ".join(en for en, _ in described), "或".join(zh for _, zh in described)
    return "anything", "任意值"


def _hint(e: Expect, value: Any) -> tuple[str, str]:  # noqa: PLR0911 - one answer per kind
    if isinstance(e, Maybe):
        return _hint(e.inner, value)
    if isinstance(e, Many):
        if isinstance(value, list | set | tuple | frozenset):
            kind = e.container.__name__
            return f"; give a {kind}: {kind}(…)", f"；请给出 {kind}：{kind}(…)"
        return "", ""
    if not isinstance(e, Exact):
        return "", ""
    cls, name = e.cls, _name(e.cls)
    values = getattr(cls, "_value2member_map_", None)
    if values is not None:
        if isinstance(value, str) and value in values:
            return f"; use {name}({value!r})", f"；请用 {name}({value!r})"
        return f"; use one of {name}'s members", f"；请用 {name} 的成员"
    if cls is pendulum.Date:
        return (
            "; use pendulum.Date(year, month, day) or gp.parse_date(…)",
            "；请用 pendulum.Date(年, 月, 日) 或 gp.parse_date(…)",
        )
    if attrs.has(cls) and hasattr(cls, "parse") and isinstance(value, str):
        return (
            f"; use {name}.parse(…) or load with gp.from_dict",
            f"；请用 {name}.parse(…) 转换，或用 gp.from_dict 读入",
        )
    if attrs.has(cls):
        return (
            f"; build a {name} or load with gp.from_dict",
            f"；请构造 {name}，或用 gp.from_dict 读入",
        )
    return "", ""
