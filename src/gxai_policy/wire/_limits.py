"""
How much a loader reads: `Limits`, its rules, and the one walk that holds plain data to them.

Every loader holds its input to its `Limits` before anything else looks at
it, so hostile input costs neither time nor memory.  Plain Python data may
share one container many times (YAML anchors, a list appended to itself):
it is counted at the size it expands to, level by level, without walking the
expansion.  The fast path's msgspec bounds are derived from the same object
(`gxai_policy.wire._fast`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any, Final

from attrs import frozen

from gxai_policy.errors import ValidationError, Violation, join_pointer
from gxai_policy.rules import Trigger, define_family
from gxai_policy.values.identifiers import RegionCode
from gxai_policy.wire._rules import BAD_JSON, BAD_TEXT, WRONG_TYPE, digits, json_reason_zh, shown

# No __all__: a private module of gxai_policy.wire, which exports what is public.


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

        max_values: The most values (strings, numbers, arrays, objects …)
            in one payload, counted as often as they occur: plain data that
            holds one list a thousand times counts it a thousand times
            (``load.too_many_values``).  64 Mi, as many as the largest JSON
            text has bytes, so JSON text within ``max_bytes`` is always
            within it.

        max_errors: The most violations one `ValidationError` lists; past
            it, the last one is ``load.too_many_errors`` and says how many
            more there were.  100.

        max_columns: The most cells of one row of a spreadsheet
            (`gxai_policy.iter_table`): ``load.too_many_columns``.  16,384,
            Excel's own bound.

            .. versionadded:: 0.2.0

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
    max_values: int = 64 * 1024 * 1024
    max_errors: int = 100
    max_columns: int = 16_384

    def __attrs_post_init__(self) -> None:
        for name in (
            "max_bytes",
            "max_depth",
            "max_string",
            "max_digits",
            "max_values",
            "max_errors",
            "max_columns",
        ):
            value = getattr(self, name)
            if type(value) is not int or value < 1:
                raise ValueError(f"Limits.{name} must be a positive int, not {value!r}")


#: The limits every loader applies unless given others.
DEFAULT_LIMITS: Final = Limits()


_rule = define_family(
    "load",
    applies_to="Enterprise",
    source="gxai_policy wire format (DESIGN.md §6)",
    trigger=Trigger.LOAD,
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

TOO_MANY_VALUES = _rule(
    "too_many_values",
    "Plain data holds more values than the loader reads (Limits.max_values), counted as"
    " often as they occur: shared containers count at the size they expand to.",
    "数据中的值（按出现次数计，共享的容器按展开后的大小计）超过读取上限（Limits.max_values）。",
    {"cls": list[RegionCode], "data": ["450100"], "limits": Limits(max_values=1)},
    applies_to="from_dict",
    trigger=Trigger.CALL,
    message="more than {limit} values",
    message_zh="值的数量超过 {limit} 个",
)
TOO_MANY_ERRORS = _rule(
    "too_many_errors",
    "More problems than the loader lists (Limits.max_errors, 100 by default): the list ends"
    " with this one, which says how many more there were.",
    "问题数量超过列出上限（Limits.max_errors，默认 100 条）：列表以本条结束，并说明其余数量。",
    {"cls": list[RegionCode], "data": [1, 2, 3], "limits": Limits(max_errors=1)},
    applies_to="from_dict",
    trigger=Trigger.CALL,
    message="{more} more problems not listed",
    message_zh="另有 {more} 个问题未列出",
)

# orjson's own bounds: 1,024 levels of nesting, integers of 64 bits (20 digits).
JSON_MAX_DEPTH: Final = 1024
_JSON_MAX_DIGITS: Final = 20
_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def capped(violations: Sequence[Violation], limits: Limits, more: int = 0) -> ValidationError:
    """
    One error listing *violations* (and *more* not kept): ``limits.max_errors`` at most.

    Past the cap, the last one listed is ``load.too_many_errors``, saying how
    many more there were.
    """
    cap = limits.max_errors
    if len(violations) + more <= cap:
        return ValidationError(violations)
    rest = len(violations) + more - (cap - 1)
    return ValidationError([*violations[: cap - 1], TOO_MANY_ERRORS.violation("", more=rest)])


def _over(data: Any, limits: Limits) -> bool:  # noqa: C901, PLR0912 - one tight loop
    """
    Whether *data* goes beyond *limits*: one pass, level by level, no paths kept.

    Written out in one loop: a helper call a value made it three times slower.
    A container is visited once a level however often it occurs there, with
    the number of times it does: the values below it count that many times.
    """
    max_string, bound, budget = limits.max_string, 10**limits.max_digits, limits.max_values
    # Containers nested in none, then in one, in two …, each with its multiplicity.
    level: Iterable[tuple[Any, int]] = (((data,), 1),)
    for _ in range(limits.max_depth + 1):
        below: dict[int, tuple[Any, int]] = {}
        for container, times in level:
            values: Iterable[Any] = container
            if type(container) is dict:
                for key in container:
                    if (
                        type(key) is not str
                        or len(key) > max_string
                        or (not key.isascii() and _SURROGATE.search(key))
                    ):
                        return True
                values = container.values()
            budget -= len(container) * times
            if budget < 0:
                return True
            for value in values:
                t = type(value)
                if t is str:
                    if len(value) > max_string or (
                        not value.isascii() and _SURROGATE.search(value)
                    ):
                        return True
                elif t is int:
                    if not -bound < value < bound:
                        return True
                elif t is dict or t is list or t is tuple:
                    known = below.get(id(value))
                    below[id(value)] = (value, times if known is None else known[1] + times)
        if not below:
            return False
        level = below.values()
    return True


def _first_violation(data: Any, limits: Limits) -> Violation:
    """
    The first place, in document order, where *data* goes beyond *limits*.

    Only called once `_over` has found that it does.  Shared data is walked
    once (a container met again no deeper than before has nothing new to
    show) and a cycle ends at the depth limit; the count of values is the
    one limit this walk does not see, and the one it reports when it finds
    nothing else.
    """
    bound = 10**limits.max_digits
    entered: dict[int, int] = {}
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        t = type(value)
        if t is not dict and t is not list and t is not tuple:
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
    return TOO_MANY_VALUES.violation("", limit=limits.max_values)


def _scalar_violation(value: Any, path: str, limits: Limits, bound: int) -> Violation | None:
    t = type(value)
    if t is str:
        return _text_violation(value, path, limits, "string", "字符串")
    if t is int and not -bound < value < bound:
        count = digits(value)
        return NUMBER_TOO_LONG.violation(
            path,
            reason=f"{count} digits, more than {limits.max_digits}",
            reason_zh=f"{count} 位，超过 {limits.max_digits} 位",
        )
    return None


def _text_violation(
    text: str, path: str, limits: Limits, what: str, what_zh: str
) -> Violation | None:
    if len(text) > limits.max_string:
        return STRING_TOO_LONG.violation(
            path, what=what, what_zh=what_zh, length=len(text), limit=limits.max_string
        )
    if not text.isascii() and _SURROGATE.search(text):
        return BAD_TEXT.violation(path, **shown(text))
    return None


def _key_violation(obj: dict[Any, Any], path: str, limits: Limits) -> Violation | None:
    for key in obj:
        if type(key) is not str:
            return WRONG_TYPE.violation(
                path, expected="string key", expected_zh="字符串键", **shown(key)
            )
        found = _text_violation(key, path, limits, "key", "键")
        if found is not None:
            return found
    return None


def check_limits(data: Any, limits: Limits, text: str | bytes | None = None) -> None:
    """
    Raise the first violation of *limits* in *data*, decoded from *text* if given.

    JSON text bounds everything in it: no string is longer than the text, no
    nesting deeper than its brackets, no integer longer than orjson reads,
    no more values than it has bytes, and no lone surrogate (the decoder
    refuses them).  Small payloads (nearly all of them) are cleared by those
    bounds alone; plain data, which may share or contain itself, is always
    walked.
    """
    if (
        text is not None
        and len(text) <= limits.max_string
        and len(text) <= limits.max_values
        and limits.max_digits >= _JSON_MAX_DIGITS
        and _brackets(text) <= limits.max_depth
    ):
        return
    if _over(data, limits):
        raise ValidationError((_first_violation(data, limits),))


def _brackets(text: str | bytes) -> int:
    if isinstance(text, str):
        return text.count("[") + text.count("{")
    return text.count(b"[") + text.count(b"{")


def size_over(text: str | bytes, limit: int) -> bool:
    """
    Whether *text* is more than *limit* bytes long, as UTF-8 for a ``str``.
    """
    if isinstance(text, bytes) or len(text) > limit:
        return len(text) > limit
    # UTF-8 takes at most 4 bytes a character: count exactly only near the limit.
    return len(text) * 4 > limit and len(text.encode("utf-8", "surrogatepass")) > limit


def json_error(reason: str, text: str | bytes, limits: Limits) -> ValidationError:
    """
    The violation a JSON decoder's complaint *reason* about *text* stands for.
    """
    if "depth limit" in reason or "recursion limit" in reason.lower():
        return TOO_DEEP.error("", limit=min(limits.max_depth, JSON_MAX_DEPTH))
    if "number is infinity" in reason:
        return NUMBER_TOO_LONG.error(
            "",
            reason="a JSON number beyond the range of a double",
            reason_zh="JSON 数字超出双精度浮点数范围",
        )
    # orjson says "surrogate" of an escape (\\udc80) and of a str that holds
    # one; of bytes that are not UTF-8 it says the same, and they are bad JSON.
    if "surrogate in string" in reason or (isinstance(text, str) and "surrogate" in reason):
        return BAD_TEXT.error("", got=f"JSON text ({reason})", got_zh="JSON 文本")
    if isinstance(text, bytes) and (text[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\0" in text[:4]):
        reason = f"UTF-16 or UTF-32 text, not UTF-8 ({reason})"
    return BAD_JSON.error("", reason=reason, reason_zh=json_reason_zh(reason))
