"""
The serialization edge: dicts, JSON and JSONL in and out, strict by default.

This is the only module that imports cattrs (a ruff rule keeps it so).  The
records know nothing of the wire; here every type gets one strict structure
hook and one unstructure hook, built once per ``unknown`` policy and cached.

Loading reports every problem of a payload at once, as one `ValidationError`,
in two rounds: first the structural problems (wrong type, missing key,
unknown key, a bad date, decimal or code); only where a record's fields are
all well-formed do its own rules run, so a payload mended for the first round
may show the second.

``mode="lax"`` is a pass before the strict one: it rewrites what forms and
spreadsheets write (``是``, ``２０２１年４月２７日``, ``3.4亿元``, stray
whitespace) into the wire format, and reports each rewrite as a warning in
the *findings* list the caller passes.

Before any of that, a payload is held to its `Limits` (size of the JSON text,
nesting depth, string length, digits of an integer): hostile input is refused
with one ``load.too_*`` violation before it costs time or memory.

JSON text loaded strictly with unknown keys forbidden (the defaults) first
takes the fast path of `gxai_policy._fastpath` (msgspec into typed mirrors,
then the records through these same hooks); only what it cannot vouch for
comes here.  Records are dumped by functions written out for their class,
held by property tests to what the converter gives.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import operator
import re
import reprlib
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import IO, Any, Final, Literal, TypeVar, overload

import attrs
import orjson
import pendulum
from attrs import frozen
from cattrs import Converter
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.orjson import make_converter

from gxai_policy import _fastpath
from gxai_policy.errors import Severity, ValidationError, Violation, join_pointer
from gxai_policy.records._base import EMPTY_EXTRAS, Extras
from gxai_policy.rules import Trigger, define_family
from gxai_policy.values._codelist import Codelist
from gxai_policy.values.dates import PartialDate, parse_date, shanghai_datetime
from gxai_policy.values.identifiers import (
    USCC,
    DocumentNumber,
    HighTechCertificateNumber,
    ProposalNumber,
    RegionCode,
)
from gxai_policy.values.money import Money
from gxai_policy.values.numerals import fold_width, parse_integer

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "Line",
    "Mode",
    "Unknown",
    "dump_jsonl",
    "from_dict",
    "from_json",
    "iter_jsonl",
    "to_dict",
    "to_json",
    "to_json_bytes",
]

T = TypeVar("T")

#: ``"strict"`` (the default) takes the wire format only; ``"lax"`` also takes
#: what forms and spreadsheets write, and reports each coercion as a warning.
Mode = Literal["strict", "lax"]

#: What to do with keys a record does not know: refuse them (``"forbid"``, the
#: default), drop them (``"ignore"``), or keep them on the record's ``extras``
#: and report each as ``info`` (``"report"``).
Unknown = Literal["forbid", "ignore", "report"]


# The hash is kept: a load looks its plan up by the limits.
@frozen(kw_only=True, cache_hash=True)
class Limits:
    """
    How much a loader reads before it refuses: hostile input costs neither time nor memory.

    Every loader (`from_dict`, `from_json`, `iter_jsonl`) takes one as its
    *limits* option; the defaults (`DEFAULT_LIMITS`) are far above any real
    record and far below what hurts.  A payload over a limit is refused with
    one violation of that limit's code, at the first place found, before any
    other check.

    Attributes:
        max_bytes: The most bytes of JSON text `from_json` reads (a line, for
            `iter_jsonl`): ``load.too_large``.  64 MiB.

        max_depth: The most levels of arrays and objects nested in one
            another (``[[1]]`` has two): ``load.too_deep``.  64.  JSON text
            deeper than 1,024 levels is refused whatever the limit (the JSON
            parser's own bound).

        max_string: The most characters of one string, an object key
            included: ``load.string_too_long``.  100,000.

        max_digits: The most decimal digits of an integer:
            ``load.number_too_long``.  100.  A JSON number beyond a double's
            range (``1e400``) is refused with the same code; JSON integers
            beyond 64 bits arrive as floats, which no field takes.

    Raises:
        ValueError: If a limit is not a positive ``int``.

    >>> Limits(max_depth=8).max_depth
    8
    >>> Limits(max_bytes=0)
    Traceback (most recent call last):
      ...
    ValueError: Limits.max_bytes must be a positive int, not 0
    """

    max_bytes: int = 64 * 1024 * 1024
    max_depth: int = 64
    max_string: int = 100_000
    max_digits: int = 100

    def __attrs_post_init__(self) -> None:
        for name in ("max_bytes", "max_depth", "max_string", "max_digits"):
            value = getattr(self, name)
            if type(value) is not int or value < 1:
                raise ValueError(f"Limits.{name} must be a positive int, not {value!r}")


#: The limits every loader applies unless given others.
DEFAULT_LIMITS: Final = Limits()


_SOURCE = "gxai_policy wire format (DESIGN.md §6)"
_ENTERPRISE = {"name": "广西智能科技有限公司", "uscc": "91450100MA5KB1XW1C"}


_rule = define_family("load", applies_to="Enterprise", source=_SOURCE, trigger=Trigger.LOAD)


WRONG_TYPE = _rule(
    "wrong_type",
    "A value has the wrong JSON type for its field (strict: '450100' is not an int).",
    "字段值的 JSON 类型不正确（严格模式下 '450100' 不是整数）。",
    _ENTERPRISE | {"is_ai": "false"},
    message="expected {expected}, got {got}",
    message_zh="应为{expected_zh}，实为 {got}",
)
MISSING_KEY = _rule(
    "missing_key",
    "A required key is missing.",
    "缺少必填字段。",
    {"name": "广西智能科技有限公司"},
    message="required key {key!r} is missing",
    message_zh="缺少必填字段“{key}”",
)
UNKNOWN_KEY = _rule(
    "unknown_key",
    "A key the record does not know (unknown='forbid', or 'report' where it cannot be kept).",
    "记录中没有该字段（unknown='forbid'，或 'report' 时无处保留）。",
    _ENTERPRISE | {"nmae": "x"},
    message="unknown key {key!r}",
    message_zh="未知字段“{key}”",
)
UNKNOWN_KEY_KEPT = _rule(
    "unknown_key_kept",
    "A key the record does not know, kept in its extras (unknown='report').",
    "记录中没有该字段，已保留在 extras 中（unknown='report'）。",
    _ENTERPRISE | {"remark": "备注"},
    severity=Severity.INFO,
    trigger=Trigger.LOAD_REPORT,
    message="unknown key {key!r} kept in extras",
    message_zh="未知字段“{key}”已保留在 extras 中",
)
COERCED = _rule(
    "coerced",
    "A value not in wire form was rewritten into it (mode='lax').",
    "非标准格式的值已被转换（mode='lax'）。",
    _ENTERPRISE | {"is_ai": "是"},
    severity=Severity.WARNING,
    trigger=Trigger.LOAD_LAX,
    message="{got} read as {value}",
    message_zh="{got} 被读作 {value}",
)
BAD_DATE = _rule(
    "bad_date",
    "A date is not an ISO 8601 calendar date YYYY-MM-DD (a datetime is not a date).",
    "日期不是 ISO 8601 格式 YYYY-MM-DD（日期时间不是日期）。",
    _ENTERPRISE | {"certificate": {"number": "GR202145000123", "issued_on": "2021-04-27T10:00:00"}},
    message="{got} is not a date YYYY-MM-DD",
    message_zh="{got} 不是 YYYY-MM-DD 格式的日期",
)
BAD_DECIMAL = _rule(
    "bad_decimal",
    "A decimal is not a decimal string such as '1200.5' (a JSON number is refused).",
    "小数不是十进制字符串（如 '1200.5'；不接受 JSON 数字）。",
    {
        "kind": "rd_input",
        "recipient": {"kind": "enterprise", "key": "91450100MA5KB1XW1C"},
        "amount": 1200.5,
        "year": 2021,
    },
    applies_to="Subsidy",
    message="{got} is not a decimal string",
    message_zh="{got} 不是十进制字符串",
)
BAD_CODE = _rule(
    "bad_code",
    "A value is not one of its codelist's codes.",
    "取值不在代码表中。",
    _ENTERPRISE | {"sectors": ["smart_moon"]},
    message="{got} is not one of {codelist}: {choices}",
    message_zh="{got} 不是 {codelist} 的代码：{choices}",
)
NOT_CANONICAL = _rule(
    "not_canonical",
    "A value is readable but not in its canonical wire form; mode='lax' takes it with a warning.",
    "值可以识别，但不是标准格式；mode='lax' 时接受并给出警告。",
    _ENTERPRISE | {"city": "４５０１００"},
    message="{got} is not in canonical form {canonical!r}",
    message_zh="{got} 不是标准格式“{canonical}”",
)
BAD_JSON = _rule(
    "bad_json",
    "The text is not JSON (or not UTF-8).",
    "文本不是 JSON（或不是 UTF-8 编码）。",
    '{"name": ',
    trigger=Trigger.LOAD_JSON,
    message="not JSON: {reason}",
    message_zh="不是 JSON：{reason}",
)

TOO_LARGE = _rule(
    "too_large",
    "The JSON text is larger than the loader reads (Limits.max_bytes, 64 MiB by default).",
    "JSON 文本超过读取上限（Limits.max_bytes，默认 64 MiB）。",
    {"cls": RegionCode, "text": '"450100"', "limits": Limits(max_bytes=4)},
    applies_to="from_json",
    trigger=Trigger.CALL,
    message="JSON text of more than {limit} bytes",
    message_zh="JSON 文本超过 {limit} 字节",
)
TOO_DEEP = _rule(
    "too_deep",
    "Arrays and objects nest deeper than the loader reads (Limits.max_depth, 64 by default).",
    "数组和对象的嵌套层数超过读取上限（Limits.max_depth，默认 64 层）。",
    "[" * 65 + "]" * 65,
    trigger=Trigger.LOAD_JSON,
    message="nested deeper than {limit} levels",
    message_zh="嵌套超过 {limit} 层",
)
STRING_TOO_LONG = _rule(
    "string_too_long",
    "A string (or an object key) is longer than the loader reads"
    " (Limits.max_string, 100,000 characters by default).",
    "字符串（或对象的键）超过读取上限（Limits.max_string，默认 100,000 个字符）。",
    {"cls": RegionCode, "text": '"450100"', "limits": Limits(max_string=4)},
    applies_to="from_json",
    trigger=Trigger.CALL,
    message="{what} of {length} characters, more than {limit}",
    message_zh="{what_zh}长 {length} 个字符，超过 {limit}",
)
NUMBER_TOO_LONG = _rule(
    "number_too_long",
    "An integer has more digits than the loader reads (Limits.max_digits, 100 by default),"
    " or a JSON number is beyond the range of a double (1e400).",
    "整数的位数超过读取上限（Limits.max_digits，默认 100 位），"
    "或 JSON 数字超出双精度范围（如 1e400）。",
    '{"is_ai": 1e400}',
    trigger=Trigger.LOAD_JSON,
    message="number too long: {reason}",
    message_zh="数字过长：{reason_zh}",
)

_JSON_TYPES: Final = {
    dict: "object",
    list: "array",
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    type(None): "null",
}
_ZH_TYPES: Final = {
    "object": "对象",
    "array": "数组",
    "string": "字符串",
    "integer": "整数",
    "boolean": "布尔值",
    "decimal string": "十进制字符串",
    "date string": "日期字符串",
    "date-time string": "日期时间字符串",
}


class _ShortRepr(reprlib.Repr):
    """
    A bounded repr: hostile values (deep, huge, or with a failing ``__repr__``) stay short.
    """

    def repr_int(self, x: int, level: int) -> str:
        # repr() of an int over 4,300 digits raises ValueError (CPython's guard).
        if x.bit_length() > 128:
            return f"<{_digits(x)} digits>"
        return super().repr_int(x, level)


_SHORT_REPR = _ShortRepr()
_SHORT_REPR.maxlevel = 2
_SHORT_REPR.maxstring = 40
_SHORT_REPR.maxother = 40
_SHORT_REPR.maxlong = 40
_SHORT_REPR.maxlist = _SHORT_REPR.maxtuple = _SHORT_REPR.maxdict = 4


def _digits(x: int) -> int:
    """
    The number of decimal digits of *x*, without converting it to text.
    """
    if not x:
        return 1
    estimate = int((abs(x).bit_length() - 1) * math.log10(2)) + 1
    power: int = 10**estimate
    return estimate + 1 if abs(x) >= power else estimate


def _got(value: Any) -> str:
    kind = _JSON_TYPES.get(type(value), type(value).__name__)
    # A string's own repr, cut: its first 37 characters read as they were written.
    text = repr(value[:64]) if type(value) is str else _SHORT_REPR.repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{kind} {text}"


def _wrong_type(expected: str, value: Any) -> ValidationError:
    return WRONG_TYPE.error(
        "", expected=expected, expected_zh=_ZH_TYPES.get(expected, expected), got=_got(value)
    )


# --- leaf types: (structure, unstructure) pairs -----------------------------

_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _str(value: Any, _: Any = None) -> str:
    if type(value) is not str:
        raise _wrong_type("string", value)
    return value


def _int(value: Any, _: Any = None) -> int:
    if type(value) is not int:
        raise _wrong_type("integer", value)
    return value


def _bool(value: Any, _: Any = None) -> bool:
    if type(value) is not bool:
        raise _wrong_type("boolean", value)
    return value


def _decimal(value: Any, _: Any = None) -> Decimal:
    if type(value) is not str:
        raise BAD_DECIMAL.error("", got=_got(value))
    if _DECIMAL.fullmatch(value) is None:
        raise BAD_DECIMAL.error("", got=_got(value))
    return Decimal(value)


def _unstructure_decimal(value: Decimal) -> str:
    return format(value.normalize(), "f") if value else "0"


def _date(value: Any, _: Any = None) -> pendulum.Date:
    if type(value) is not str or _ISO_DATE.fullmatch(value) is None:
        raise BAD_DATE.error("", got=_got(value))
    try:
        return pendulum.Date.fromisoformat(value)
    except ValueError:
        # 2021-02-30 is well-formed but impossible: the dates module's own code.
        return parse_date(value)


def _datetime(value: Any, _: Any = None) -> pendulum.DateTime:
    if type(value) is not str:
        raise _wrong_type("date-time string", value)
    return shanghai_datetime(value)


def _money(value: Any, _: Any = None) -> Money:
    if type(value) is not str:
        raise BAD_DECIMAL.error("", got=_got(value))
    return Money.from_wire(value)


def _wire_attribute(t: Any) -> str | None:
    """
    The attribute holding a value type's wire text as it is, if one does.

    That of a type of one positional field: its constructor takes the wire
    text and keeps it there (checked, folded to upper case where that is the
    canonical form).
    """
    if t not in _VALUE_TYPES:
        return None
    fields = attrs.fields(t)
    if len(fields) != 1 or fields[0].kw_only:
        return None
    name: str = fields[0].name
    return name


def _wire_text(cls: Any) -> Callable[[Any], str]:
    """
    The wire text of a value type: its ``str()``, or the attribute holding it as it is.
    """
    attribute = _wire_attribute(cls)
    return str if attribute is None else operator.attrgetter(attribute)


def _canonical(cls: Any) -> Callable[[Any, Any], Any]:
    """
    A hook for a value type whose wire form is its canonical ``str()``.

    Where the type is one field, its constructor reads the canonical form
    (it checks, where `parse` also tidies and folds): `parse` runs only for
    text that is not canonical, to say so, or why it is no value at all.
    """
    parse = cls.parse
    direct = None if _wire_attribute(cls) is None else cls
    text = _wire_text(cls)

    def hook(value: Any, _: Any = None) -> Any:
        if type(value) is not str:
            raise _wrong_type("string", value)
        if direct is not None:
            try:
                made = direct(value)
            except ValidationError:
                pass
            else:
                if text(made) == value:
                    return made
        parsed = parse(value)
        canonical = str(parsed)
        if canonical != value:
            raise NOT_CANONICAL.error("", got=_got(value), canonical=canonical)
        return parsed

    return hook


_VALUE_TYPES: Final[tuple[type, ...]] = (
    RegionCode,
    USCC,
    HighTechCertificateNumber,
    ProposalNumber,
    DocumentNumber,
    PartialDate,
)
# attrs classes that are single values on the wire, not objects.
_LEAF_CLASSES: Final[tuple[type, ...]] = (*_VALUE_TYPES, Money)


def _is_record(t: Any) -> bool:
    return isinstance(t, type) and attrs.has(t) and not issubclass(t, _LEAF_CLASSES)


@functools.cache
def _field_types(cls: type) -> dict[str, tuple[str, Any]]:
    """
    A record's fields by wire key: (attribute name, resolved type).
    """
    hints = typing.get_type_hints(cls)
    return {a.alias: (a.name, hints[a.name]) for a in attrs.fields(cls) if a.name != "extras"}


def _date_or_partial(value: Any, _: Any = None) -> pendulum.Date | PartialDate:
    if type(value) is str and len(value) == 10:
        return _date(value)
    return typing.cast("PartialDate", _canonical(PartialDate)(value, PartialDate))


def _codelist(value: Any, cls: type[Codelist]) -> Codelist:
    member = cls._value2member_map_.get(value) if type(value) is str else None
    if member is None:
        raise BAD_CODE.error(
            "",
            got=_got(value),
            codelist=cls.__name__,
            choices=", ".join(m.value for m in cls),
        )
    return typing.cast("Codelist", member)


# A member's value without the enum property's descriptor call.
_codelist_value: Final[Callable[[Codelist], str]] = operator.attrgetter("_value_")


# --- containers and classes -------------------------------------------------


def _is_sequence(t: Any) -> bool:
    origin = typing.get_origin(t)
    if origin is frozenset:
        return True
    if origin is tuple:
        args = typing.get_args(t)
        return len(args) == 2 and args[1] is Ellipsis
    return origin is list


def _sequence_hook(t: Any, conv: Converter) -> Callable[[Any, Any], Any]:
    origin = typing.get_origin(t)
    item_type = typing.get_args(t)[0]
    item = conv.get_structure_hook(item_type)
    build: Callable[[list[Any]], Any] = {tuple: tuple, frozenset: frozenset, list: list}[origin]

    def hook(value: Any, _: Any = None) -> Any:
        if type(value) is not list and type(value) is not tuple:
            raise _wrong_type("array", value)
        out = []
        problems: list[Violation] = []
        for i, x in enumerate(value):
            try:
                out.append(item(x, item_type))
            except Exception as exc:  # noqa: BLE001 - every problem is translated below
                problems.extend(_translate(exc, join_pointer("", i)))
        if problems:
            raise ValidationError(problems)
        return build(out)

    return hook


def _unstructure_sequence(t: Any, conv: Converter) -> Callable[[Any], list[Any]]:
    item = conv.get_unstructure_hook(typing.get_args(t)[0])
    if typing.get_origin(t) is frozenset:
        return lambda value: sorted([item(x) for x in value]) if value else []
    if item is identity:
        return list
    return lambda value: [item(x) for x in value]


def _is_optional(t: Any) -> bool:
    args = typing.get_args(t)
    return (
        typing.get_origin(t) in (typing.Union, types.UnionType)
        and len(args) == 2
        and type(None) in args
    )


def _unstructure_optional(t: Any, conv: Converter) -> Callable[[Any], Any]:
    (present,) = (a for a in typing.get_args(t) if a is not type(None))
    item = conv.get_unstructure_hook(present)
    if item is identity:
        return identity
    return lambda value: None if value is None else item(value)


def _has_extras(cls: type) -> bool:
    return any(a.name == "extras" for a in attrs.fields(cls))


def _class_hook(cls: type, conv: Converter, unknown: Unknown) -> Callable[[Any, Any], Any]:
    keeps = _has_extras(cls)
    forbid = unknown == "forbid" or (unknown == "report" and not keeps)
    base: Callable[[Any, Any], Any] = (
        make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=forbid, extras=override(omit=True)
        )
        if keeps
        else make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=forbid)
    )
    known = frozenset(a.alias for a in attrs.fields(cls) if a.name != "extras")

    if unknown == "report" and keeps:

        def hook(value: Any, _: Any = None) -> Any:
            if type(value) is not dict:
                raise _wrong_type("object", value)
            record = base(value, cls)
            extra = {k: v for k, v in value.items() if k not in known}
            return attrs.evolve(record, extras=Extras(extra)) if extra else record

        return hook

    def plain(value: Any, _: Any = None) -> Any:
        if type(value) is not dict:
            raise _wrong_type("object", value)
        return base(value, cls)

    return plain


def _class_unstructure(cls: type, conv: Converter) -> Callable[[Any], dict[str, Any]]:
    made: list[Callable[[Any], dict[str, Any]]] = []
    # The hook is made below: a recursive field calls it through the list.
    overrides = _recursive_overrides(cls, lambda value: made[0](value))  # noqa: PLW0108
    if _has_extras(cls):
        overrides["extras"] = override(omit=True)
    base: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(cls, conv, **overrides)
    if not _has_extras(cls):
        made.append(base)
        return base

    def hook(value: Any) -> dict[str, Any]:
        out = base(value)
        extras = value.extras
        # Nearly every record has none: the shared empty default, told by identity.
        if extras is not EMPTY_EXTRAS and extras:
            out.update(sorted(extras.items()))
        return out

    made.append(hook)
    return hook


def _recursive_overrides(cls: type, itself: Callable[[Any], Any]) -> dict[str, Any]:
    """
    Hooks for the fields that hold records of *cls* itself (a section's subsections).

    cattrs dispatches such a field on each value's type at run time, its
    guard against recursion; this calls the class's own hook instead.
    """
    return {
        name: override(unstruct_hook=lambda value: [itself(x) for x in value])
        for name, t in _field_types(cls).values()
        if typing.get_origin(t) in (list, tuple) and typing.get_args(t)[0] is cls
    }


def _build(unknown: Unknown) -> Converter:
    conv = make_converter(detailed_validation=True, prefer_attrib_converters=False)
    for t, s in ((str, _str), (int, _int), (bool, _bool), (Decimal, _decimal)):
        conv.register_structure_hook(t, s)
    conv.register_unstructure_hook(Decimal, _unstructure_decimal)
    conv.register_structure_hook(pendulum.Date, _date)
    conv.register_structure_hook(dt.date, _date)
    conv.register_unstructure_hook(pendulum.Date, dt.date.isoformat)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    for moment in (pendulum.DateTime, dt.datetime):
        # Registered after the dates: a datetime is a date by inheritance.
        conv.register_structure_hook(moment, _datetime)
        conv.register_unstructure_hook(moment, dt.datetime.isoformat)
    conv.register_structure_hook(Money, _money)
    conv.register_unstructure_hook(Money, Money.wire)
    for cls in _VALUE_TYPES:
        conv.register_structure_hook(cls, _canonical(cls))
        conv.register_unstructure_hook(cls, _wire_text(cls))
    conv.register_structure_hook(pendulum.Date | PartialDate, _date_or_partial)
    # Class hooks dispatch on the MRO: Codelist, more specific than str, wins
    # for every codelist (a StrEnum) over the strict str hook.
    conv.register_structure_hook(Codelist, _codelist)
    conv.register_unstructure_hook(Codelist, _codelist_value)
    conv.register_structure_hook_factory(_is_sequence, _sequence_hook)
    conv.register_unstructure_hook_factory(_is_sequence, _unstructure_sequence)
    conv.register_unstructure_hook_factory(_is_optional, _unstructure_optional)
    conv.register_structure_hook_factory(_is_record, lambda t, c: _class_hook(t, c, unknown))
    conv.register_unstructure_hook_factory(_is_record, _class_unstructure)
    return conv


@functools.cache
def _converter(unknown: Unknown) -> Converter:
    return _build(unknown)


# Leaves the fast path reads as one JSON string, through their strict hook.
_STRING_LEAVES: Final = (
    *_LEAF_CLASSES,
    Decimal,
    pendulum.Date,
    dt.date,
    pendulum.DateTime,
    dt.datetime,
    pendulum.Date | PartialDate,
)


def _string_leaf(t: Any) -> Any:
    """
    *t*, if it is a leaf written as one JSON string; else LookupError.
    """
    if not any(t == leaf for leaf in _STRING_LEAVES):
        raise LookupError(t)
    return t


def _string_leaf_hook(t: Any) -> Callable[[Any, Any], Any]:
    return _converter("forbid").get_structure_hook(_string_leaf(t))


def _string_leaf_dump(t: Any) -> Callable[[Any], Any]:
    return _converter("forbid").get_unstructure_hook(_string_leaf(t))


_WIRE: Final = _fastpath.Wire(
    is_record=_is_record,
    leaf_hook=_string_leaf_hook,
    leaf_dump=_string_leaf_dump,
    leaf_attribute=_wire_attribute,
)


# --- errors -----------------------------------------------------------------


def _token(exc: BaseException) -> str | int | None:
    for note in reversed(getattr(exc, "__notes__", ())):
        if isinstance(note, AttributeValidationNote):
            return note.name
        if isinstance(note, IterableValidationNote):
            return typing.cast("int", note.index)
    return None


def _translate(exc: BaseException, path: str) -> Iterator[Violation]:
    """
    Every violation an exception from structuring stands for, under *path*.
    """
    token = _token(exc)
    here = path if token is None else join_pointer(path, token)
    if isinstance(exc, ValidationError):
        for v in exc.violations:
            yield attrs.evolve(v, path=here + v.path) if here else v
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            yield UNKNOWN_KEY.violation(join_pointer(here, key), key=key)
    elif isinstance(exc, BaseValidationError):
        for sub in exc.exceptions:
            yield from _translate(sub, here)
    elif isinstance(exc, KeyError) and token is not None:
        yield MISSING_KEY.violation(here, key=token)
    else:
        # A bug elsewhere must not pass for bad input: say what it was.
        yield WRONG_TYPE.violation(
            here, expected="a valid value", expected_zh="有效值", got=f"{type(exc).__name__}: {exc}"
        )


# --- limits: hostile payloads are refused before anything else looks at them

_CONTAINERS: Final = (dict, list, tuple)
# orjson's own bounds: 1,024 levels of nesting, integers of 64 bits (20 digits).
_JSON_MAX_DEPTH: Final = 1024
_JSON_MAX_DIGITS: Final = 20


def _within(data: Any, limits: Limits) -> bool:  # noqa: C901 - one tight loop
    """
    Whether *data* keeps to *limits*: one pass, level by level, no paths kept.

    Written out in one loop: a helper call a value made it three times slower.
    """
    max_string, bound = limits.max_string, 10**limits.max_digits
    # Values nested in no container, then in one, in two …
    level: Iterable[Any] = ((data,),)
    for _ in range(limits.max_depth + 1):
        # Keyed by identity: data that shares (or contains) itself is walked
        # once a level, and a cycle ends at the depth limit.
        below: dict[int, Any] = {}
        for container in level:
            values: Iterable[Any] = container
            if type(container) is dict:
                for key in container:
                    if type(key) is not str or len(key) > max_string:
                        return False
                values = container.values()
            for value in values:
                t = type(value)
                if t is str:
                    if len(value) > max_string:
                        return False
                elif t is int:
                    if not -bound < value < bound:
                        return False
                elif t is dict or t is list or t is tuple:
                    below[id(value)] = value
        if not below:
            return True
        level = below.values()
    return False


def _limit_violation(data: Any, limits: Limits) -> Violation:
    """
    The first place, in document order, where *data* goes beyond *limits*.

    Only called once `_within` has found that it does.
    """
    bound = 10**limits.max_digits
    # A container met again no deeper than before has nothing new to show:
    # shared data is walked once, and a cycle ends at the depth limit.
    entered: dict[int, int] = {}
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        t = type(value)
        if t not in _CONTAINERS:
            found = _scalar_violation(value, path, limits, bound)
            if found is not None:
                return found
            continue
        if depth >= limits.max_depth:
            return TOO_DEEP.violation(path, limit=limits.max_depth)
        if entered.get(id(value), -1) >= depth:
            continue
        entered[id(value)] = depth
        items: Iterable[tuple[str | int, Any]]
        if t is dict:
            found = _key_violation(value, path, limits)
            if found is not None:
                return found
            items = value.items()
        else:
            items = enumerate(value)
        stack.extend(
            (item, join_pointer(path, token), depth + 1) for token, item in reversed(list(items))
        )
    raise AssertionError("no limit exceeded")  # pragma: no cover - _within said one is


def _scalar_violation(value: Any, path: str, limits: Limits, bound: int) -> Violation | None:
    t = type(value)
    if t is str and len(value) > limits.max_string:
        return STRING_TOO_LONG.violation(
            path, what="string", what_zh="字符串", length=len(value), limit=limits.max_string
        )
    if t is int and not -bound < value < bound:
        digits = _digits(value)
        return NUMBER_TOO_LONG.violation(
            path,
            reason=f"{digits} digits, more than {limits.max_digits}",
            reason_zh=f"{digits} 位，超过 {limits.max_digits} 位",
        )
    return None


def _key_violation(obj: dict[Any, Any], path: str, limits: Limits) -> Violation | None:
    for key in obj:
        if type(key) is not str:
            return WRONG_TYPE.violation(
                path, expected="string key", expected_zh="字符串键", got=_got(key)
            )
        if len(key) > limits.max_string:
            return STRING_TOO_LONG.violation(
                path, what="key", what_zh="键", length=len(key), limit=limits.max_string
            )
    return None


def _check_limits(data: Any, limits: Limits, text: str | bytes | None = None) -> None:
    """
    Raise the first violation of *limits* in *data*, decoded from *text* if given.

    JSON text bounds everything in it: no string is longer than the text, no
    nesting deeper than its brackets, no integer longer than orjson reads.
    Small payloads (nearly all of them) are cleared by those bounds alone;
    plain data, which may share or contain itself, is always walked.
    """
    if (
        text is not None
        and len(text) <= limits.max_string
        and limits.max_digits >= _JSON_MAX_DIGITS
        and _brackets(text) <= limits.max_depth
    ):
        return
    if not _within(data, limits):
        raise ValidationError((_limit_violation(data, limits),))


def _brackets(text: str | bytes) -> int:
    if isinstance(text, str):
        return text.count("[") + text.count("{")
    return text.count(b"[") + text.count(b"{")


# --- lax mode and unknown keys: a pass over the payload before the strict one


_TRUE = frozenset({"true", "yes", "y", "1", "是", "对", "真", "有"})
_FALSE = frozenset({"false", "no", "n", "0", "否", "错", "假", "无"})
_LIST_SEPARATORS = re.compile(r"\s*[、,，;；]\s*")
_MIDNIGHT = re.compile(r"(\d{4}-\d{2}-\d{2})[ T]00:00(?::00(?:\.0+)?)?")


@frozen
class _Prepass:
    """
    Rewrites a payload towards the wire format (lax) and notes unknown keys (report).

    It never raises: what it cannot mend it leaves as it is, for the strict
    pass to report.
    """

    lax: bool
    report: bool
    findings: list[Violation]

    def walk(self, t: Any, value: Any, path: str) -> Any:
        if value is None:
            return None
        origin = typing.get_origin(t)
        if origin in (typing.Union, types.UnionType):
            return self._union(t, value, path)
        if _is_sequence(t):
            return self._sequence(t, value, path)
        if _is_record(t):
            return self._record(t, value, path)
        return self._leaf(t, value, path) if self.lax else value

    def _coerced(self, path: str, got: Any, value: Any) -> Any:
        self.findings.append(COERCED.violation(path, got=_got(got), value=_got(value)))
        return value

    def _union(self, t: Any, value: Any, path: str) -> Any:
        members = [a for a in typing.get_args(t) if a is not type(None)]
        if (
            self.lax
            and type(value) is str
            and not value.strip()
            and len(members) < len(typing.get_args(t))
        ):
            return self._coerced(path, value, None)
        if len(members) == 1:
            return self.walk(members[0], value, path)
        return self._leaf(t, value, path) if self.lax else value

    def _sequence(self, t: Any, value: Any, path: str) -> Any:
        item_type = typing.get_args(t)[0]
        if self.lax and type(value) is str:
            parts = [p for p in _LIST_SEPARATORS.split(value.strip()) if p]
            value = self._coerced(path, value, parts)
        if type(value) is not list and type(value) is not tuple:
            return value
        return [self.walk(item_type, x, join_pointer(path, i)) for i, x in enumerate(value)]

    def _record(self, cls: type, value: Any, path: str) -> Any:
        if type(value) is not dict:
            return value
        fields = _field_types(cls)
        out: dict[str, Any] = {}
        for key, item in value.items():
            name = key.strip() if self.lax and type(key) is str else key
            if name != key and name in fields:
                self._coerced(join_pointer(path, key), key, name)
            field = fields.get(name)
            if field is None:
                if self.report and _has_extras(cls):
                    self.findings.append(
                        UNKNOWN_KEY_KEPT.violation(join_pointer(path, key), key=key)
                    )
                out[key] = item
            else:
                out[name] = self.walk(field[1], item, join_pointer(path, name))
        return out

    def _leaf(self, t: Any, value: Any, path: str) -> Any:
        try:
            mended = _mend(t, value)
        except (ValueError, TypeError, ArithmeticError):
            return value
        if mended is _SAME or (mended == value and type(mended) is type(value)):
            return value
        return self._coerced(path, value, mended)


_SAME: Final = object()


def _mend(t: Any, value: Any) -> Any:  # noqa: C901, PLR0911, PLR0912 - one branch a wire type
    """
    The wire form of a lax *value* for type *t*, or ``_SAME`` when there is none.
    """
    if type(value) is str:
        stripped = value.strip()
        if stripped != value and t is not str:
            return _mend(t, stripped) if _mend(t, stripped) is not _SAME else stripped
    if t is str:
        return value.strip() if type(value) is str else _SAME
    if t is bool:
        if type(value) is int and value in (0, 1):
            return bool(value)
        if type(value) is str:
            word = fold_width(value).strip().lower()
            return True if word in _TRUE else False if word in _FALSE else _SAME
        return _SAME
    if t is int:
        if type(value) is str:
            return parse_integer(value)
        if type(value) is float and value.is_integer():
            return int(value)
        return _SAME
    if t is Decimal or t is Money:
        if type(value) in (int, float) and type(value) is not bool:
            text = repr(value)
        elif type(value) is str:
            text = fold_width(value).strip().replace(",", "")
        else:
            return _SAME
        if t is Money:
            return Money.parse(text).wire()
        return _unstructure_decimal(Decimal(text))
    if t in (pendulum.Date, dt.date) or t == pendulum.Date | PartialDate:
        if type(value) is not str:
            return _SAME
        text = fold_width(value).strip()
        midnight = _MIDNIGHT.fullmatch(text)
        if midnight:
            return midnight.group(1)
        if t == pendulum.Date | PartialDate and _ISO_DATE.fullmatch(text) is None:
            try:
                return str(PartialDate.parse(text))
            except ValidationError:
                pass
        return parse_date(text).isoformat()
    if isinstance(t, type) and issubclass(t, Codelist):
        return t.from_label(value).value if type(value) is str else _SAME
    if isinstance(t, type) and issubclass(t, _VALUE_TYPES):
        return str(t.parse(value)) if type(value) is str else _SAME  # type: ignore[attr-defined]
    return _SAME


# --- the public API -----------------------------------------------------------


@overload
def from_dict(
    cls: type[T],
    data: Any,
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    findings: list[Violation] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> T: ...
@overload
def from_dict(
    cls: Any,
    data: Any,
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    findings: list[Violation] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Any: ...
def from_dict(  # noqa: PLR0913 - the options are keyword-only, each documented
    cls: Any,
    data: Any,
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    findings: list[Violation] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Any:
    """
    Load a record (or a value type, or a ``list``/``tuple`` of them) from plain data.

    Args:
        cls: The type to load: ``gp.Enterprise``, ``list[gp.Enterprise]`` …

        data: Plain data as JSON decoding gives it (dicts with string keys,
            lists, strings …).

        mode: ``"strict"`` takes the wire format only; ``"lax"`` also takes
            what forms and spreadsheets write, each rewrite reported as a
            ``load.coerced`` warning in *findings*.

        unknown: ``"forbid"`` refuses unknown keys, ``"ignore"`` drops them,
            ``"report"`` keeps them on the record's ``extras`` and reports each
            as ``load.unknown_key_kept`` info in *findings*.

        findings: A list that receives the warnings and info of the load
            (coercions, kept keys).  Errors are raised, never put here.

        limits: How deep, long and large *data* may be (`Limits`; the
            defaults are `DEFAULT_LIMITS`).  Data beyond them is refused
            with ``load.too_deep``, ``load.string_too_long`` or
            ``load.number_too_long``, at the first place found, before any
            other check; an object key that is not a string, with
            ``load.wrong_type``.

    Raises:
        ValidationError: Every problem of *data* at once, each with a JSON
            Pointer into *data*; never any other exception, whatever *data*.

        ValueError: For an unknown *mode* or *unknown* (a bug of the call).

    >>> import gxai_policy as gp
    >>> gp.from_dict(gp.RegionCode, "450100").name
    '南宁市'
    >>> gp.from_dict(gp.RegionCode, 450100)
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error load.wrong_type at /: expected string, got integer ...
    >>> gp.from_dict(list[gp.RegionCode], [[["450100"]]], limits=Limits(max_depth=2))
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error load.too_deep at /0/0: nested deeper than 2 levels
    """
    _check_options(mode, unknown)
    _check_limits(data, limits)
    return _load(cls, data, mode, unknown, findings)


def _check_options(mode: Any, unknown: Any) -> None:
    if mode not in ("strict", "lax"):
        raise ValueError(f"mode must be 'strict' or 'lax', not {mode!r}")
    if unknown not in ("forbid", "ignore", "report"):
        raise ValueError(f"unknown must be 'forbid', 'ignore' or 'report', not {unknown!r}")


def _load(
    cls: Any, data: Any, mode: Mode, unknown: Unknown, findings: list[Violation] | None
) -> Any:
    """
    Structure *data*, which keeps to its limits, as *cls*.
    """
    try:
        if mode == "lax" or unknown == "report":
            found: list[Violation] = []
            data = _Prepass(lax=mode == "lax", report=unknown == "report", findings=found).walk(
                cls, data, ""
            )
            if findings is not None:
                findings.extend(found)
        return _converter(unknown).structure(data, cls)
    except ValidationError as exc:
        raise ValidationError(exc.violations) from None
    except Exception as exc:  # noqa: BLE001 - cattrs' errors become ours
        raise ValidationError(_translated(exc)) from None


def _translated(exc: Exception) -> tuple[Violation, ...]:
    try:
        return tuple(_translate(exc, ""))
    except Exception:  # noqa: BLE001 - a failure to explain is still a refusal
        return (
            WRONG_TYPE.violation(
                "", expected="a valid value", expected_zh="有效值", got=type(exc).__name__
            ),
        )


def to_dict(obj: Any) -> Any:
    """
    The plain-data (wire) form of a record, a value, or a list or tuple of them.

    >>> import gxai_policy as gp
    >>> gp.to_dict(gp.Money.parse("3.4亿元"))
    '340000000'
    """
    kind = _dump_type(obj)
    dump = None if kind is None else _fastpath.dumper(kind, _WIRE)
    return _converter("forbid").unstructure(obj) if dump is None else dump(obj)


def _dump_type(obj: Any) -> Any:
    """
    The type to write *obj* as: its record class, or a list of one (the usual list).
    """
    kind: Any = type(obj)
    if kind is list and obj:
        kind = type(obj[0])
        # The set of types is built in C: a quarter of the time of a generator.
        return list[kind] if _is_record(kind) and set(map(type, obj)) == {kind} else None
    return kind if _is_record(kind) else None


def to_json(obj: Any) -> str:
    """
    Canonical JSON text: equal objects give equal text.

    >>> import gxai_policy as gp
    >>> gp.to_json([gp.RegionCode("450100")])
    '["450100"]'
    """
    return to_json_bytes(obj).decode()


def to_json_bytes(obj: Any) -> bytes:
    """
    `to_json` as UTF-8 bytes, as files and sockets take it, without decoding to a `str`.

    >>> import gxai_policy as gp
    >>> gp.to_json_bytes([gp.RegionCode("450100")])
    b'["450100"]'
    >>> gp.to_json_bytes(object())
    Traceback (most recent call last):
      ...
    TypeError: Type is not JSON serializable: object
    """
    kind = _dump_type(obj)
    dump = None if kind is None else _fastpath.dumper(kind, _WIRE, for_orjson=True)
    if dump is None:
        return orjson.dumps(to_dict(obj))
    return _json_array(obj, dump) if typing.get_origin(kind) is list else orjson.dumps(dump(obj))


#: About how much text `_json_array` has orjson write at a time.
_CHUNK_BYTES: Final = 16 * 1024


def _json_array(records: list[Any], dump: Callable[[list[Any]], Any]) -> bytes:
    """
    The JSON array of *records*, written a few records at a time by *dump* and orjson.

    The plain data of the records being written lives only while orjson
    writes it, so memory and the garbage collector's work do not grow with
    the list as they do when the whole list is made plain data first (a full
    collection walks every record the program holds).  Chunks of about
    16 KB of text: one record of a letter's size, a hundred enterprises,
    so that small records do not pay a call of orjson each.  In a process
    holding both benchmark payloads (medians of seven, five to eight
    rounds): 1,000 replies 75–83 → 42–47 µs each, 10,000 enterprises
    5.4–6.8 → 3.2 µs (one record a chunk: 4.4).
    """
    out = bytearray(b"[")
    start, size = 0, 1
    while start < len(records):
        text = orjson.dumps(dump(records[start : start + size]))
        out += memoryview(text)[1:-1]
        out += b","
        start += size
        size = max(1, _CHUNK_BYTES * size // len(text))
    out[-1:] = b"]"
    return bytes(out)


_BOM: Final = "\ufeff"
_BOM_BYTES: Final = b"\xef\xbb\xbf"


def _decode(text: Any, limits: Limits) -> Any:
    """
    The plain data of JSON *text*, within *limits*.
    """
    if isinstance(text, memoryview | bytearray):
        text = bytes(text)
    elif not isinstance(text, str | bytes):
        raise BAD_JSON.error("", reason=f"{type(text).__name__} is not JSON text")
    if _size_over(text, limits.max_bytes):
        raise TOO_LARGE.error("", limit=limits.max_bytes)
    # RFC 8259 §8.1: a parser may ignore a byte-order mark; orjson refuses it.
    text = text.removeprefix(_BOM) if isinstance(text, str) else text.removeprefix(_BOM_BYTES)
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise _json_error(exc, text, limits) from None
    _check_limits(data, limits, text)
    return data


def _size_over(text: str | bytes, limit: int) -> bool:
    """
    Whether *text* is more than *limit* bytes long, as UTF-8 for a ``str``.
    """
    if isinstance(text, bytes) or len(text) > limit:
        return len(text) > limit
    # UTF-8 takes at most 4 bytes a character: count exactly only near the limit.
    return len(text) * 4 > limit and len(text.encode("utf-8", "surrogatepass")) > limit


def _json_error(exc: orjson.JSONDecodeError, text: str | bytes, limits: Limits) -> ValidationError:
    reason = str(exc)
    if "depth limit" in reason or "recursion limit" in reason.lower():
        return TOO_DEEP.error("", limit=min(limits.max_depth, _JSON_MAX_DEPTH))
    if "number is infinity" in reason:
        return NUMBER_TOO_LONG.error(
            "",
            reason="a JSON number beyond the range of a double",
            reason_zh="JSON 数字超出双精度浮点数范围",
        )
    if isinstance(text, bytes) and (text[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\0" in text[:4]):
        reason = f"UTF-16 or UTF-32 text, not UTF-8 ({reason})"
    return BAD_JSON.error("", reason=reason)


@overload
def from_json(
    cls: type[T],
    text: str | bytes | bytearray | memoryview,
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    findings: list[Violation] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> T: ...
@overload
def from_json(
    cls: Any,
    text: str | bytes | bytearray | memoryview,
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    findings: list[Violation] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Any: ...
def from_json(  # noqa: PLR0913 - the options are keyword-only, each documented
    cls: Any,
    text: str | bytes | bytearray | memoryview,
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    findings: list[Violation] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Any:
    """
    Load from JSON text or UTF-8 bytes; the options are `from_dict`'s.

    A leading byte-order mark is ignored (RFC 8259 §8.1).  Duplicate keys in
    an object: the last one wins, as in most JSON parsers.  Text longer than
    ``limits.max_bytes`` is refused unread (``load.too_large``); the other
    limits apply to the data it holds, as in `from_dict`.

    Raises:
        ValidationError: ``load.bad_json`` for text that is not JSON (or not
            UTF-8, or not text at all), a ``load.too_*`` code for text beyond
            *limits*, else as `from_dict`.  Never any other exception.

    >>> import gxai_policy as gp
    >>> gp.from_json(gp.RegionCode, '"451000"').name
    '百色市'
    >>> gp.from_json(gp.RegionCode, '"451000')
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error load.bad_json at /: not JSON: ...
    >>> gp.from_json(gp.RegionCode, '"451000"', limits=Limits(max_bytes=4))
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error load.too_large at /: JSON text of more than 4 bytes
    """
    _check_options(mode, unknown)
    raw: Any = bytes(text) if isinstance(text, memoryview | bytearray) else text
    if not isinstance(raw, str | bytes):  # not text at all: _decode says so
        return _load(cls, _decode(raw, limits), mode, unknown, findings)
    plan = _fast_plan(cls, mode, unknown, limits)
    return _load_text(
        cls, raw, mode=mode, unknown=unknown, findings=findings, limits=limits, plan=plan
    )


def _load_text(  # noqa: PLR0913 - from_json's options, passed on
    cls: Any,
    text: Any,
    *,
    mode: Mode,
    unknown: Unknown,
    findings: list[Violation] | None,
    limits: Limits,
    plan: _fastpath.Plan | None,
) -> Any:
    """
    Load JSON *text* as *cls*: by the fast *plan* where it vouches for the text, else in detail.
    """
    if plan is not None and not _size_over(text, limits.max_bytes):
        try:
            return plan.load(
                text.removeprefix(_BOM) if isinstance(text, str) else text.removeprefix(_BOM_BYTES)
            )
        except Exception:  # noqa: BLE001, S110 - whatever it is, the detailed path will say
            pass
    return _load(cls, _decode(text, limits), mode, unknown, findings)


def _fast_plan(cls: Any, mode: Mode, unknown: Unknown, limits: Limits) -> _fastpath.Plan | None:
    """
    The fast path's plan for loading *cls* with these options, if it has one.

    Strict loads that forbid unknown keys only: lax mode rewrites values
    first, and "ignore" or "report" would have msgspec skip keys the
    limits must still see.
    """
    if mode != "strict" or unknown != "forbid":
        return None
    try:
        plan = _fastpath.plan(cls, _WIRE, limits)
    except TypeError:  # an unhashable type: no plan is kept for it
        return None
    # A key longer than max_string is refused (load.string_too_long) by the detailed path.
    return plan if plan is not None and plan.longest_key <= limits.max_string else None


@frozen
class Line:
    """
    The result of loading one line of a JSONL stream.

    Attributes:
        line: The 1-based line number.

        record: The loaded record, or None when the line is bad.

        error: Why the line is bad, or None.

        findings: The line's warnings and info (lax coercions, kept keys).
    """

    line: int
    record: Any
    error: ValidationError | None
    findings: tuple[Violation, ...] = ()

    @property
    def ok(self) -> bool:
        """
        Whether the line loaded.
        """
        return self.error is None


def dump_jsonl(records: Iterable[Any], fp: IO[str] | IO[bytes]) -> int:
    """
    Write one canonical JSON document a line; return how many were written.

    *fp* may be opened in text or binary mode.
    """
    binary = not isinstance(fp, io.TextIOBase) and "b" in getattr(fp, "mode", "b")
    count = 0
    for count, record in enumerate(records, 1):  # noqa: B007 - the count is the result
        data = to_json_bytes(record) + b"\n"
        if binary:
            typing.cast("IO[bytes]", fp).write(data)
        else:
            typing.cast("IO[str]", fp).write(data.decode())
    return count


def iter_jsonl(
    cls: Any,
    fp: Iterable[str | bytes],
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[Line]:
    """
    Load a JSONL stream lazily, one `Line` a non-blank line; a bad line never stops it.

    *fp* is any iterable of lines, text or bytes (an open file either way).
    Nothing is lost: every non-blank line gives a `Line`, the record or the
    error, with its 1-based line number.  A byte-order mark at the start of
    a line is skipped (files joined with ``cat`` carry one in the middle).
    Each line is held to *limits* as `from_json` holds a text; from a file
    (an ``io.IOBase``) a line longer than ``limits.max_bytes`` is never read
    whole, so memory stays flat however long the stream or its lines.

    >>> import io, gxai_policy as gp
    >>> lines = gp.iter_jsonl(gp.RegionCode, io.StringIO('"450100"\\n"4501"\\n'))
    >>> [(r.line, r.ok) for r in lines]
    [(1, True), (2, False)]
    """
    _check_options(mode, unknown)
    plan = _fast_plan(cls, mode, unknown, limits)
    for number, raw in enumerate(_lines(fp, limits.max_bytes), 1):
        if raw is None:
            yield Line(number, None, TOO_LARGE.error("", limit=limits.max_bytes))
            continue
        # The line break is no content: it counts to no limit.
        chunk = (
            raw.lstrip(_BOM).rstrip("\r\n")
            if isinstance(raw, str)
            else _strip_bom_bytes(raw).rstrip(b"\r\n")
        )
        if not chunk.strip():
            continue
        findings: list[Violation] = []
        try:
            record = _load_text(
                cls, chunk, mode=mode, unknown=unknown, findings=findings, limits=limits, plan=plan
            )
        except ValidationError as exc:
            yield Line(number, None, exc, tuple(findings))
        else:
            yield Line(number, record, None, tuple(findings))


def _strip_bom_bytes(raw: bytes) -> bytes:
    while raw.startswith(_BOM_BYTES):
        raw = raw[len(_BOM_BYTES) :]
    return raw


def _lines(fp: Iterable[str | bytes], cap: int) -> Iterator[str | bytes | None]:
    """
    The lines of *fp*; None for one longer than *cap*, which a file never reads whole.
    """
    # Room for the line break, "\r\n" at most, which is no content.
    size = cap + 2
    if not isinstance(fp, io.IOBase):
        for line in fp:
            yield line if len(line) <= size else None
        return
    readline = fp.readline
    while line := readline(size):
        if len(line) < size or line[-1:] in ("\n", b"\n"):
            yield line
            continue
        # Too long: skip to the end of the line, a bounded piece at a time.
        while (rest := readline(size)) and rest[-1:] not in ("\n", b"\n"):
            pass
        yield None
