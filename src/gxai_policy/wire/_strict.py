"""
The detailed loader and the writer: one hook a shape, held by a cattrs converter.

The converter is the registry: it asks `hook` for a type's structure hook
once and caches it, and the same for unstructuring.  The hooks are built
here from the type's shape, not by cattrs' generated dict functions: those
stop a record at its first bad field, so they cannot run the record's other
rules in the same round, nor keep unknown keys on a nested record.

Every problem of the input becomes a violation with its JSON Pointer; only
`ValidationError` is caught, so an unexpected exception in a value type or
hook (a bug) propagates as itself.  Violations are collected up to
``Limits.max_errors`` a level; the rest are counted, not kept.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, Final

from cattrs import Converter

from gxai_policy.errors import ValidationError, Violation, join_pointer
from gxai_policy.records._base import EMPTY_EXTRAS, Extras, partial_violations
from gxai_policy.wire._limits import Limits, capped
from gxai_policy.wire._rules import (
    BAD_CODE,
    MISSING_KEY,
    NOT_JSON_VALUE,
    UNKNOWN_KEY,
    shown,
    wrong_type,
)
from gxai_policy.wire._shape import Code, Leaf, Optional, Record, Seq, Shape, shape_of

# No __all__: a private module of gxai_policy.wire, which exports what is public.

#: A structure hook: wire value in, Python value out, `Problems` or `ValidationError` raised.
Hook = Callable[[Any, Any], Any]

# JSON integers as orjson writes them: 64 bits, signed or not.
_INT_MIN: Final = -(2**63)
_INT_MAX: Final = 2**64 - 1


class Problems(ValidationError):  # noqa: N818 - a ValidationError, counted
    """
    The violations of one value and its parts, at most *cap* of them kept, the rest counted.
    """

    def __init__(self, violations: list[Violation], more: int) -> None:
        super().__init__(violations)
        self.more = more


#: The load's Limits.max_errors: hooks are made once per type, the cap is the call's.
_MAX_ERRORS: ContextVar[int] = ContextVar("max_errors", default=100)


class _Collect:
    """
    Violations of the parts of one value, under their tokens, at most *cap* kept.
    """

    __slots__ = ("cap", "found", "more")

    def __init__(self) -> None:
        self.cap = _MAX_ERRORS.get()
        self.found: list[Violation] = []
        self.more = 0

    def add(self, exc: ValidationError, token: str | int | None = None) -> None:
        room = self.cap - len(self.found)
        kept = exc.violations[:room]
        self.found.extend(kept if token is None else (v.under(token) for v in kept))
        self.more += len(exc.violations) - len(kept) + getattr(exc, "more", 0)

    def one(self, violation: Violation) -> None:
        if len(self.found) < self.cap:
            self.found.append(violation)
        else:
            self.more += 1

    def raise_any(self) -> None:
        if self.found:
            raise Problems(self.found, self.more)


def load(cls: Any, data: Any, unknown: str, limits: Limits) -> Any:
    """
    *data*, which keeps to *limits*, loaded as *cls*; every problem in one `ValidationError`.
    """
    token = _MAX_ERRORS.set(limits.max_errors)
    try:
        # Our hook, not cattrs' dispatch: cattrs' own enum hook comes before
        # the factory for a codelist at the top and raised a bare ValueError.
        return _hook(shape_of(cls), unknown)(data, cls)
    except ValidationError as exc:
        raise capped(exc.violations, limits, getattr(exc, "more", 0)) from None
    finally:
        _MAX_ERRORS.reset(token)


def dump(obj: Any) -> Any:
    """
    The plain data of *obj*, a record, a value, or a list or tuple of them.

    Raises:
        TypeError: If *obj* has no wire form.
    """
    if obj is None:
        return None
    if type(obj) is list or type(obj) is tuple:
        return [dump(x) for x in obj]
    # Our writer, not cattrs' dispatch, which wrote a codelist member at the top as itself.
    return _writer(shape_of(type(obj)))(obj)  # TypeError for a type without a wire form


@functools.cache
def converter(unknown: str) -> Converter:
    """
    The converter for one *unknown* policy (three at most).
    """
    conv = Converter(detailed_validation=True, prefer_attrib_converters=False)
    conv.register_structure_hook_factory(_has_shape, lambda t: _hook(shape_of(t), unknown))
    conv.register_unstructure_hook_factory(_has_shape, lambda t: _writer(shape_of(t)))
    return conv


def _has_shape(t: Any) -> bool:
    try:
        shape_of(t)
    except TypeError:
        return False
    return True


# --- loading ------------------------------------------------------------------------


@functools.cache
def _hook(shape: Shape, unknown: str) -> Hook:
    if isinstance(shape, Leaf):
        read = shape.codec.read

        def leaf(value: Any, _: Any = None) -> Any:
            return read(value)

        return leaf
    if isinstance(shape, Code):
        return _code_hook(shape)
    if isinstance(shape, Optional):
        inner = _hook(shape.inner, unknown)

        def optional(value: Any, _: Any = None) -> Any:
            return None if value is None else inner(value, None)

        return optional
    if isinstance(shape, Seq):
        return _sequence_hook(shape, unknown)
    made = _RECORD_HOOKS.get((shape, unknown))
    return _record_hook(shape, unknown) if made is None else made


# Record hooks entered before their fields' hooks are made: a record may
# hold records of its own class (a section's subsections).
_RECORD_HOOKS: dict[tuple[Record, str], Hook] = {}
_RECORD_WRITERS: dict[Record, Callable[[Any], dict[str, Any]]] = {}


def _code_hook(shape: Code) -> Hook:
    members = shape.cls._value2member_map_
    name = shape.cls.__name__

    def hook(value: Any, _: Any = None) -> Any:
        member = members.get(value) if type(value) is str else None
        if member is None:
            raise BAD_CODE.error("", **shown(value), codelist=name)
        return member

    return hook


def _sequence_hook(shape: Seq, unknown: str) -> Hook:
    build: Callable[[list[Any]], Any] = shape.container
    items: list[Hook] = []  # filled below: a record may hold sequences of itself

    def hook(value: Any, _: Any = None) -> Any:
        if type(value) is not list and type(value) is not tuple:
            raise wrong_type("array", value)
        item = items[0]
        out = []
        problems: _Collect | None = None
        for i, x in enumerate(value):
            try:
                out.append(item(x, None))
            except ValidationError as exc:
                problems = problems or _Collect()
                problems.add(exc, i)
        if problems is not None:
            problems.raise_any()
        return build(out)

    items.append(_hook(shape.item, unknown))
    return hook


def _record_hook(shape: Record, unknown: str) -> Hook:  # noqa: C901 - one walk
    cls = shape.cls
    keep = unknown == "report" and shape.keeps_extras
    forbid = unknown == "forbid" or (unknown == "report" and not shape.keeps_extras)
    known = shape.keys
    fields: list[tuple[str, bool, Hook]] = []  # filled below: a record may hold itself

    def hook(value: Any, _: Any = None) -> Any:  # noqa: C901, PLR0912 - one walk
        if type(value) is not dict:
            raise wrong_type("object", value)
        loaded: dict[str, Any] = {}
        problems = _Collect()
        for name, required, read in fields:
            if name in value:
                try:
                    loaded[name] = read(value[name], None)
                except ValidationError as exc:
                    problems.add(exc, name)
            elif required:
                problems.one(MISSING_KEY.violation(join_pointer("", name), key=name))
        extras: dict[str, Any] | None = None
        if len(value) > len(loaded) or problems.found:
            for key in sorted(k for k in value if k not in known):
                if keep:
                    try:
                        extras = extras or {}
                        extras[key] = _json_value(value[key], join_pointer("", key))
                    except ValidationError as exc:
                        problems.add(exc)
                elif forbid:
                    problems.one(UNKNOWN_KEY.violation(join_pointer("", key), key=key))
        if problems.found:
            # One round: the record's rules over the fields that loaded.
            for violation in partial_violations(cls, loaded, value):
                problems.one(violation)
            problems.raise_any()
        if extras:
            loaded["extras"] = Extras(extras)
        return cls(**loaded)

    _RECORD_HOOKS[shape, unknown] = hook
    fields.extend((f.name, f.required, _hook(f.shape, unknown)) for f in shape.fields)
    return hook


def _json_value(value: Any, path: str) -> Any:
    """
    *value* if it is a JSON value (the kind unknown keys may keep), else `ValidationError`.

    Strings are held to their limits, surrogates included, before any hook runs.
    """
    t = type(value)
    if t is str or t is bool or value is None:
        return value
    if t is int:
        if _INT_MIN <= value <= _INT_MAX:
            return value
    elif t is float:
        if math.isfinite(value):
            return value
    elif t is list or t is tuple:
        return [_json_value(x, join_pointer(path, i)) for i, x in enumerate(value)]
    elif t is dict:
        return {k: _json_value(v, join_pointer(path, k)) for k, v in value.items()}
    raise NOT_JSON_VALUE.error(path, **shown(value))


# --- writing ----------------------------------------------------------------------


@functools.cache
def _writer(shape: Shape) -> Callable[[Any], Any]:
    if isinstance(shape, Leaf):
        return shape.codec.write
    if isinstance(shape, Code):
        return _code_value
    if isinstance(shape, Optional):
        inner = _writer(shape.inner)
        return lambda value: None if value is None else inner(value)
    if isinstance(shape, Seq):
        return _sequence_writer(shape)
    made = _RECORD_WRITERS.get(shape)
    return _record_writer(shape) if made is None else made


def _code_value(member: Any) -> str:
    value: str = member._value_
    return value


def _sequence_writer(shape: Seq) -> Callable[[Any], list[Any]]:
    items: list[Callable[[Any], Any]] = []

    def write(value: Any) -> list[Any]:
        out = [items[0](x) for x in value]
        return sorted(out) if shape.container is frozenset else out

    items.append(_writer(shape.item))
    return write


def _record_writer(shape: Record) -> Callable[[Any], dict[str, Any]]:
    fields: list[tuple[str, Callable[[Any], Any]]] = []

    def write(value: Any) -> dict[str, Any]:
        out = {name: each(getattr(value, name)) for name, each in fields}
        extras = getattr(value, "extras", EMPTY_EXTRAS) if shape.keeps_extras else EMPTY_EXTRAS
        if extras is not EMPTY_EXTRAS and extras:
            out.update(extras.wire())
        return out

    _RECORD_WRITERS[shape] = write
    fields.extend((f.name, _writer(f.shape)) for f in shape.fields)
    return write
