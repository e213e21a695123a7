"""
The loader's own rules (``load.*``) and the short, bounded words its messages use.

The rules about `Limits` live beside them, in `gxai_policy.wire._limits`.
"""

from __future__ import annotations

import math
import re
import reprlib
from typing import Any, Final

from gxai_policy.errors import Severity, ValidationError
from gxai_policy.records.enterprise import Enterprise
from gxai_policy.rules import Trigger, define_family

_SOURCE = "gxai_policy wire format (DESIGN.md §6)"
_ENTERPRISE = {"name": "广西智能科技有限公司", "uscc": "91450100MA5KB1XW1C"}


_rule = define_family("load", applies_to="Enterprise", source=_SOURCE, trigger=Trigger.LOAD)


WRONG_TYPE = _rule(
    "wrong_type",
    "A value has the wrong JSON type for its field (strict: '450100' is not an int).",
    "字段值的 JSON 类型不正确（严格模式下 '450100' 不是整数）。",
    _ENTERPRISE | {"is_ai": "false"},
    message="expected {expected}, got {got}",
    message_zh="应为{expected_zh}，实为 {got_zh}",
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
    message_zh="{got_zh} 被读作 {value_zh}",
)
BAD_DATE = _rule(
    "bad_date",
    "A date is not an ISO 8601 calendar date YYYY-MM-DD (a datetime is not a date).",
    "日期不是 ISO 8601 格式 YYYY-MM-DD（日期时间不是日期）。",
    _ENTERPRISE | {"certificate": {"number": "GR202145000123", "issued_on": "2021-04-27T10:00:00"}},
    message="{got} is not a date YYYY-MM-DD",
    message_zh="{got_zh} 不是 YYYY-MM-DD 格式的日期",
)
BAD_DECIMAL = _rule(
    "bad_decimal",
    "A decimal is not a decimal string such as '1200.5' (a JSON number is refused).",
    "小数不是十进制字符串（如 '1200.5'；不接受 JSON 数字）。",
    {
        "kind": "rd_input",
        "recipient": {"kind": "enterprise", "key": "91450100MA5KB1XW1C"},
        "amount": 1200.5,
        "basis": "6002.5",
        "year": 2021,
    },
    applies_to="Subsidy",
    message="{got} is not a decimal string",
    message_zh="{got_zh} 不是十进制字符串",
)
BAD_CODE = _rule(
    "bad_code",
    "A value is not one of its codelist's codes.",
    "取值不在代码表中。",
    _ENTERPRISE | {"sectors": ["smart_moon"]},
    # The codes are listed by the schema and the docs, not in every message.
    message="{got} is not a code of {codelist}",
    message_zh="{got_zh} 不是 {codelist} 的代码",
)
NOT_CANONICAL = _rule(
    "not_canonical",
    "A value is readable but not in its canonical wire form; mode='lax' takes it with a warning.",
    "值可以识别，但不是标准格式；mode='lax' 时接受并给出警告。",
    _ENTERPRISE | {"city": "４５０１００"},
    message="{got} is not in canonical form {canonical!r}",
    message_zh="{got_zh} 不是标准格式“{canonical}”",
)
BAD_TEXT = _rule(
    "bad_text",
    "A string holds a lone surrogate, which UTF-8 cannot write (text decoded with"
    " 'surrogateescape', or a JSON escape such as \\udc80).",
    "字符串中含有无法以 UTF-8 写出的孤立代理项"
    "（如以 surrogateescape 解码的文本，或 JSON 转义 \\udc80）。",
    '{"name": "广西\\udc80科技", "uscc": "91450100MA5KB1XW1C"}',
    trigger=Trigger.LOAD_JSON,
    message="{got}: a lone surrogate, which UTF-8 cannot write",
    message_zh="{got_zh}：含有无法以 UTF-8 写出的孤立代理项",
)
NOT_JSON_VALUE = _rule(
    "not_json_value",
    "A value kept from an unknown key is not a JSON value (str, int of 64 bits, finite"
    " float, bool, None, list, object with string keys).",
    "未知字段中保留的值不是 JSON 值"
    "（字符串、64 位整数、有限浮点数、布尔值、null、数组、键为字符串的对象）。",
    {"cls": Enterprise, "data": _ENTERPRISE | {"remark": b"bytes"}, "unknown": "report"},
    applies_to="from_dict",
    trigger=Trigger.CALL,
    message="{got} is not a JSON value",
    message_zh="{got_zh} 不是 JSON 值",
)
BAD_JSON = _rule(
    "bad_json",
    "The text is not JSON (or not UTF-8).",
    "文本不是 JSON（或不是 UTF-8 编码）。",
    '{"name": ',
    trigger=Trigger.LOAD_JSON,
    message="not JSON: {reason}",
    message_zh="不是 JSON：{reason_zh}",
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
    "null": "空值",
    "number": "数字",
    "object": "对象",
    "array": "数组",
    "string": "字符串",
    "integer": "整数",
    "boolean": "布尔值",
    "decimal string": "十进制字符串",
    "date string": "日期字符串",
    "date-time string": "日期时间字符串",
}


_BUILTINS: Final = frozenset({int, float, str, bytes, list, tuple, dict, set, frozenset})


class _ShortRepr(reprlib.Repr):
    """
    A bounded repr: hostile values (deep, huge, or with a failing ``__repr__``) stay short.
    """

    def repr1(self, x: Any, level: int) -> str:
        # reprlib picks its method by the type's *name*: a class named "int"
        # would reach repr_int.  Builtins by their exact type, others as objects.
        if type(x) in _BUILTINS:
            return super().repr1(x, level)
        return self.repr_instance(x, level)

    def repr_int(self, x: int, level: int) -> str:
        # repr() of an int over 4,300 digits raises ValueError (CPython's guard).
        if x.bit_length() > 128:
            return f"<{digits(x)} digits>"
        return super().repr_int(x, level)


_SHORT_REPR = _ShortRepr()
_SHORT_REPR.maxlevel = 2
_SHORT_REPR.maxstring = 40
_SHORT_REPR.maxother = 40
_SHORT_REPR.maxlong = 40
_SHORT_REPR.maxlist = _SHORT_REPR.maxtuple = _SHORT_REPR.maxdict = 4


def digits(x: int) -> int:
    """
    The number of decimal digits of *x*, without converting it to text.
    """
    if not x:
        return 1
    estimate = int((abs(x).bit_length() - 1) * math.log10(2)) + 1
    power: int = 10**estimate
    return estimate + 1 if abs(x) >= power else estimate


def got(value: Any) -> str:
    """
    A value as messages show it: its JSON type (or class) and a short repr.
    """
    t = type(value)
    kind = _JSON_TYPES.get(t) or (
        t.__name__ if t in _BUILTINS else f"{t.__module__}.{t.__qualname__}"[:60]
    )
    # A string's own repr, cut: its first 37 characters read as they were written.
    text = repr(value[:64]) if type(value) is str else _SHORT_REPR.repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{kind} {text}"


def got_zh(value: Any) -> str:
    """
    `got` for Chinese messages: the value, then its kind in Chinese (``“yes”（字符串）``).
    """
    t = type(value)
    kind = _JSON_TYPES.get(t)
    if kind is None:
        return got(value)
    shown = got(value).split(" ", 1)[1]
    if t is str:
        shown = f"“{shown[1:-1]}”" if shown[-1:] in "'\"" else f"“{shown[1:]}"
    return f"{shown}（{_ZH_TYPES.get(kind, kind)}）"


def shown(value: Any) -> dict[str, str]:
    """
    A value as both messages show it: the parameters ``got`` and ``got_zh``.
    """
    return {"got": got(value), "got_zh": got_zh(value)}


#: Where a JSON decoder says it stopped: "line 1 column 10".
_PLACE: Final = re.compile(r"line (\d+) column (\d+)")


def json_reason_zh(reason: str) -> str:
    """
    A JSON decoder's complaint, in Chinese: where it stopped (its own words are English).
    """
    place = _PLACE.search(reason)
    if place is None:
        return "无法解析"
    return f"第{place[1]}行第{place[2]}列处无法解析"


def wrong_type(expected: str, value: Any) -> ValidationError:
    return WRONG_TYPE.error(
        "", expected=expected, expected_zh=_ZH_TYPES.get(expected, expected), **shown(value)
    )
