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
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
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
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.orjson import make_converter

from gxai_policy.errors import Severity, ValidationError, Violation, join_pointer
from gxai_policy.records._base import Extras
from gxai_policy.rules import Rule, Trigger, define
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
    "Line",
    "Mode",
    "Unknown",
    "dump_jsonl",
    "from_dict",
    "from_json",
    "iter_jsonl",
    "to_dict",
    "to_json",
]

T = TypeVar("T")

#: ``"strict"`` (the default) takes the wire format only; ``"lax"`` also takes
#: what forms and spreadsheets write, and reports each coercion as a warning.
Mode = Literal["strict", "lax"]

#: What to do with keys a record does not know: refuse them (``"forbid"``, the
#: default), drop them (``"ignore"``), or keep them on the record's ``extras``
#: and report each as ``info`` (``"report"``).
Unknown = Literal["forbid", "ignore", "report"]

_SOURCE = "gxai_policy wire format (DESIGN.md §6)"
_ENTERPRISE = {"name": "广西智能科技有限公司", "uscc": "91450100MA5KB1XW1C"}


def _rule(code: str, summary: str, summary_zh: str, example: Any, **kw: Any) -> Rule:
    kw.setdefault("trigger", Trigger.LOAD)
    return define(
        f"load.{code}",
        applies_to=kw.pop("applies_to", "Enterprise"),
        summary=summary,
        summary_zh=summary_zh,
        source=_SOURCE,
        example=example,
        **kw,
    )


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


def _got(value: Any) -> str:
    kind = _JSON_TYPES.get(type(value), type(value).__name__)
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{kind} {text}"


def _wrong_type(expected: str, value: Any) -> ValidationError:
    return WRONG_TYPE.error(
        "", expected=expected, expected_zh=_ZH_TYPES.get(expected, expected), got=_got(value)
    )


# --- leaf types: (structure, unstructure) pairs -----------------------------

_DECIMAL = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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


def _canonical(cls: Any) -> Callable[[Any, Any], Any]:
    """
    A hook for a value type whose wire form is its canonical ``str()``.
    """
    parse = cls.parse

    def hook(value: Any, _: Any = None) -> Any:
        if type(value) is not str:
            raise _wrong_type("string", value)
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


def _codelist_value(member: Codelist) -> str:
    return member.value


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
        return lambda value: sorted(item(x) for x in value)
    return lambda value: [item(x) for x in value]


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
    if not _has_extras(cls):
        return make_dict_unstructure_fn(cls, conv)
    base: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(
        cls, conv, extras=override(omit=True)
    )

    def hook(value: Any) -> dict[str, Any]:
        out = base(value)
        if value.extras:
            out.update(sorted(value.extras.items()))
        return out

    return hook


def _build(unknown: Unknown) -> Converter:
    conv = make_converter(detailed_validation=True, prefer_attrib_converters=False)
    for t, s in ((str, _str), (int, _int), (bool, _bool), (Decimal, _decimal)):
        conv.register_structure_hook(t, s)
    conv.register_unstructure_hook(Decimal, _unstructure_decimal)
    conv.register_structure_hook(pendulum.Date, _date)
    conv.register_structure_hook(dt.date, _date)
    conv.register_unstructure_hook(pendulum.Date, dt.date.isoformat)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    for t in (pendulum.DateTime, dt.datetime):
        # Registered after the dates: a datetime is a date by inheritance.
        conv.register_structure_hook(t, _datetime)
        conv.register_unstructure_hook(t, dt.datetime.isoformat)
    conv.register_structure_hook(Money, _money)
    conv.register_unstructure_hook(Money, Money.wire)
    for cls in _VALUE_TYPES:
        conv.register_structure_hook(cls, _canonical(cls))
        conv.register_unstructure_hook(cls, str)
    conv.register_structure_hook(pendulum.Date | PartialDate, _date_or_partial)
    # Class hooks dispatch on the MRO: Codelist, more specific than str, wins
    # for every codelist (a StrEnum) over the strict str hook.
    conv.register_structure_hook(Codelist, _codelist)
    conv.register_unstructure_hook(Codelist, _codelist_value)
    conv.register_structure_hook_factory(_is_sequence, _sequence_hook)
    conv.register_unstructure_hook_factory(_is_sequence, _unstructure_sequence)
    conv.register_structure_hook_factory(_is_record, lambda t, c: _class_hook(t, c, unknown))
    conv.register_unstructure_hook_factory(_is_record, _class_unstructure)
    return conv


@functools.cache
def _converter(unknown: Unknown) -> Converter:
    return _build(unknown)


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
) -> T: ...
@overload
def from_dict(
    cls: Any,
    data: Any,
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    findings: list[Violation] | None = None,
) -> Any: ...
def from_dict(
    cls: Any,
    data: Any,
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    findings: list[Violation] | None = None,
) -> Any:
    """
    Load a record (or a value type, or a ``list``/``tuple`` of them) from plain data.

    Args:
        cls: The type to load: ``gp.Enterprise``, ``list[gp.Enterprise]`` …

        data: Plain data as JSON decoding gives it (dicts, lists, strings …).

        mode: ``"strict"`` takes the wire format only; ``"lax"`` also takes
            what forms and spreadsheets write, each rewrite reported as a
            ``load.coerced`` warning in *findings*.

        unknown: ``"forbid"`` refuses unknown keys, ``"ignore"`` drops them,
            ``"report"`` keeps them on the record's ``extras`` and reports each
            as ``load.unknown_key_kept`` info in *findings*.

        findings: A list that receives the warnings and info of the load
            (coercions, kept keys).  Errors are raised, never put here.

    Raises:
        ValidationError: Every problem of *data* at once, each with a JSON
            Pointer into *data*.

    >>> import gxai_policy as gp
    >>> gp.from_dict(gp.RegionCode, "450100").name
    '南宁市'
    >>> gp.from_dict(gp.RegionCode, 450100)
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error load.wrong_type at /: expected string, got integer ...
    """
    if mode not in ("strict", "lax"):
        raise ValueError(f"mode must be 'strict' or 'lax', not {mode!r}")
    if unknown not in ("forbid", "ignore", "report"):
        raise ValueError(f"unknown must be 'forbid', 'ignore' or 'report', not {unknown!r}")
    if mode == "lax" or unknown == "report":
        found: list[Violation] = []
        data = _Prepass(lax=mode == "lax", report=unknown == "report", findings=found).walk(
            cls, data, ""
        )
        if findings is not None:
            findings.extend(found)
    conv = _converter(unknown)
    try:
        return conv.structure(data, cls)
    except ValidationError as exc:
        raise ValidationError(exc.violations) from None
    except Exception as exc:  # noqa: BLE001 - cattrs' errors become ours
        raise ValidationError(_translate(exc, "")) from None


def to_dict(obj: Any) -> Any:
    """
    The plain-data (wire) form of a record, a value, or a list or tuple of them.

    >>> import gxai_policy as gp
    >>> gp.to_dict(gp.Money.parse("3.4亿元"))
    '340000000'
    """
    return _converter("forbid").unstructure(obj)


def to_json(obj: Any) -> str:
    """
    Canonical JSON text: equal objects give equal text.

    >>> import gxai_policy as gp
    >>> gp.to_json([gp.RegionCode("450100")])
    '["450100"]'
    """
    return orjson.dumps(to_dict(obj)).decode()


def _decode(text: str | bytes | bytearray | memoryview) -> Any:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise BAD_JSON.error("", reason=str(exc)) from None


def from_json(
    cls: Any,
    text: str | bytes | bytearray | memoryview,
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    findings: list[Violation] | None = None,
) -> Any:
    """
    Load from JSON text or UTF-8 bytes; the options are `from_dict`'s.

    Raises:
        ValidationError: ``load.bad_json`` for text that is not JSON, else as
            `from_dict`.

    >>> import gxai_policy as gp
    >>> gp.from_json(gp.RegionCode, '"451000"').name
    '百色市'
    >>> gp.from_json(gp.RegionCode, '"451000')
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error load.bad_json at /: not JSON: ...
    """
    return from_dict(cls, _decode(text), mode=mode, unknown=unknown, findings=findings)


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
    conv = _converter("forbid")
    count = 0
    for count, record in enumerate(records, 1):  # noqa: B007 - the count is the result
        data = orjson.dumps(conv.unstructure(record)) + b"\n"
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
) -> Iterator[Line]:
    """
    Load a JSONL stream lazily, one `Line` a non-blank line; a bad line never stops it.

    *fp* is any iterable of lines, text or bytes (an open file either way).
    A UTF-8 byte-order mark on the first line is skipped; memory stays flat
    however long the stream.
    """
    for number, raw in enumerate(fp, 1):
        chunk: str | bytes = raw
        if number == 1:
            chunk = (
                raw.lstrip("\ufeff") if isinstance(raw, str) else raw.removeprefix(b"\xef\xbb\xbf")
            )
        if not chunk.strip():
            continue
        findings: list[Violation] = []
        try:
            record = from_json(cls, chunk, mode=mode, unknown=unknown, findings=findings)
        except ValidationError as exc:
            yield Line(number, None, exc, tuple(findings))
        else:
            yield Line(number, record, None, tuple(findings))
