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
    `got` for Chinese messages: the value, then its kind in Chinese.

    >>> got_zh("yes"), got_zh(1)
    ('“yes”（字符串）', '1（整数）')
    >>> got_zh("很长" * 40)
    '“很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长...”（字符串）'
    """
    t = type(value)
    kind = _JSON_TYPES.get(t)
    if kind is None:
        return got(value)
    shown = got(value).split(" ", 1)[1]
    if t is str:
        # A repr cut short has lost its closing quote.
        shown = f"“{shown[1:-1] if shown[-1:] == shown[:1] else shown[1:]}”"
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


# --- spreadsheets (gp.iter_table) ------------------------------------------------------

_CSV_HEAD = "name,uscc\n"
_CSV_ROW = "广西智能科技有限公司,91450100MA5KB1XW1C\n"
# The header has as many cells as the limit; the row, more.

BAD_TABLE = _rule(
    "bad_table",
    "The file is not a spreadsheet that can be read: not CSV or XLSX, a damaged workbook,"
    " a sheet that is not there, or a CSV row the CSV reader refuses.",
    "文件无法作为电子表格读取：不是 CSV 或 XLSX、工作簿已损坏、工作表不存在，或 CSV 行无法解析。",
    b"PK\x03\x04 not a zip archive",
    trigger=Trigger.LOAD_TABLE,
    message="not a readable table: {reason}",
    message_zh="无法读取的表格：{reason_zh}",
)
NO_HEADER = _rule(
    "no_header",
    "No row among the first ones of a sheet names a column of the record: no header row.",
    "工作表开头几行中没有一行包含该记录的列名：找不到表头行。",
    "甲,乙\n1,2\n",
    trigger=Trigger.LOAD_TABLE,
    message="no header row: none of the first {rows} rows names a field of {record}",
    message_zh="找不到表头行：前 {rows} 行中没有 {record} 的字段名",
)
DUPLICATE_COLUMN = _rule(
    "duplicate_column",
    "Two columns name the same field (by its name or by its Chinese label).",
    "两列对应同一字段（按字段名或中文标签）。",
    "name,企业名称,uscc\n",
    trigger=Trigger.LOAD_TABLE,
    message="column {header!r} names {field!r}, as an earlier column does",
    message_zh="列“{header}”与前面的列同为字段“{field}”",
)
UNKNOWN_COLUMN = _rule(
    "unknown_column",
    "A column names no field of the record (unknown='forbid'; 'report' keeps it in extras).",
    "列名不是该记录的字段（unknown='forbid'；'report' 时保留在 extras 中）。",
    _CSV_HEAD.rstrip("\n") + ",nmae\n",
    trigger=Trigger.LOAD_TABLE,
    message="column {header!r} names no field of {record}",
    message_zh="列“{header}”不是 {record} 的字段",
)
BAD_ENCODING = _rule(
    "bad_encoding",
    "A cell's bytes are not text in the file's encoding (UTF-8 or GB18030, as detected).",
    "单元格的字节不是文件编码（检测到的 UTF-8 或 GB18030）下的文本。",
    b"name,uscc\n\xff\xfe,91450100MA5KB1XW1C\n",
    trigger=Trigger.LOAD_TABLE,
    message="{got} is not {encoding} text",
    message_zh="{got_zh} 不是 {encoding} 编码的文本",
)
TOO_MANY_COLUMNS = _rule(
    "too_many_columns",
    "A row has more cells than the loader reads (Limits.max_columns, 16,384 by default,"
    " Excel's own bound).",
    "一行的单元格数超过读取上限（Limits.max_columns，默认 16,384，与 Excel 相同）。",
    {"csv": _CSV_HEAD + _CSV_ROW.rstrip("\n") + ",,x\n", "limits": {"max_columns": 2}},
    trigger=Trigger.LOAD_TABLE,
    message="a row of {count} cells, more than {limit}",
    message_zh="一行有 {count} 个单元格，超过 {limit}",
)
