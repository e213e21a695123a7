"""
Quantities: the figures a Chinese policy text states, with their qualifiers.

A reply letter says ``40余项`` (more than 40 projects), ``约3.4亿元`` (about
340 million yuan), ``5-10万元`` (50,000 to 100,000 yuan).  `Quantity` holds
one such figure exactly; `find_quantities` finds every figure of a text.

>>> [str(q) for q in find_quantities("共40余项，累计资助约3.4亿元")]
['超过40项', '约340000000元']
>>> Quantity.parse("超过半数")
Traceback (most recent call last):
  ...
gxai_policy.errors.ValidationError: error quantity.invalid at /: '超过半数' is not a figure ...
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import NamedTuple, Self

from attrs import field, frozen

from gxai_policy.errors import ValidationError, Violation, raise_if_any
from gxai_policy.rules import Trigger, define
from gxai_policy.values._codelist import Codelist, add_aliases
from gxai_policy.values.money import (
    CHINESE_NUMERAL_CHARS,
    SCALES,
    canonical_decimal,
    fold_figure_text,
    read_chinese_numeral,
    shift_decimal,
)
from gxai_policy.values.numerals import lazy_pattern

__all__ = ["UNITS", "Qualifier", "Quantity", "find_quantities"]

INVALID = define(
    "quantity.invalid",
    applies_to="Quantity",
    summary="The text is not a figure: a number, with its unit and qualifier, stated in full.",
    summary_zh="文字不是数量：数量是带单位和限定词的完整数字。",
    source="gxai_policy figure reader (DESIGN §2.2)",
    example="超过半数",
    trigger=Trigger.PARSE,
    message="{value} is not a figure ({reason})",
    message_zh="{value}不是数量（{reason_zh}）",
)
INVERTED_RANGE = define(
    "quantity.inverted_range",
    applies_to="Quantity",
    summary="A range runs from its low end to its high end: low ≤ high.",
    summary_zh="区间的下限不能大于上限。",
    source="gxai_policy (DESIGN §2.2: 5-10万元 is a range)",
    example="10-5家",
    trigger=Trigger.PARSE,
    message="the range runs backwards: low {low} > high {high}",
    message_zh="区间颠倒：下限{low}大于上限{high}",
)
NEGATIVE = define(
    "quantity.negative",
    applies_to="Quantity",
    summary="A figure of a policy text (a count, an amount, a share) is never negative.",
    summary_zh="政策文本中的数量（个数、金额、比例）不能为负数。",
    source="gxai_policy (DESIGN §2.2)",
    example="-5家",
    trigger=Trigger.PARSE,
    message="{value} is negative",
    message_zh="{value}为负数",
)

# A figure with a million digits is no figure; the bound keeps str() and
# arithmetic on hostile Decimals (1E+999999999) from eating the memory.
_MAX_DIGITS = 1_000_000
_SHORT = 40


class Qualifier(Codelist):
    """
    How a figure is qualified: exact, approximate, bounded, or a range.

    Follows the Civil Code's reading of the bound words (民法典 art. 1259):
    以上, 以下 and 以内 include the number (at least, at most), 超过 and 不满
    exclude it (more than, less than).  多, 余 and 逾 after or before a
    number (``40余项``, ``3400多万元``) mean more than; 约, 近, 左右 mean about.

    >>> Qualifier.from_label("余")
    <Qualifier.MORE_THAN: 'more_than'>
    >>> Qualifier.from_label("半数")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error codelist.unknown_label at /: '半数' is not ...
    """

    EXACT = "exact", "确数", "exact"
    ABOUT = "about", "约", "about"
    MORE_THAN = "more_than", "超过", "more than"
    LESS_THAN = "less_than", "不足", "less than"
    AT_LEAST = "at_least", "不少于", "at least"
    AT_MOST = "at_most", "不超过", "at most"
    RANGE = "range", "区间", "range"


_Q = Qualifier

# Words before the number, longest first where one is the start of another.
_PREFIXES: dict[str, Qualifier] = {
    "大约": _Q.ABOUT,
    "约为": _Q.ABOUT,
    "近似": _Q.ABOUT,
    "接近": _Q.ABOUT,
    "将近": _Q.ABOUT,
    "约": _Q.ABOUT,
    "近": _Q.ABOUT,
    "超过": _Q.MORE_THAN,
    "多于": _Q.MORE_THAN,
    "高于": _Q.MORE_THAN,
    "大于": _Q.MORE_THAN,
    "逾": _Q.MORE_THAN,
    "不到": _Q.LESS_THAN,
    "不足": _Q.LESS_THAN,
    "不满": _Q.LESS_THAN,
    "少于": _Q.LESS_THAN,
    "低于": _Q.LESS_THAN,
    "小于": _Q.LESS_THAN,
    "至少": _Q.AT_LEAST,
    "不少于": _Q.AT_LEAST,
    "不低于": _Q.AT_LEAST,
    "不小于": _Q.AT_LEAST,
    "最少": _Q.AT_LEAST,
    "最低": _Q.AT_LEAST,
    "不超过": _Q.AT_MOST,
    "最多": _Q.AT_MOST,
    "至多": _Q.AT_MOST,
    "不高于": _Q.AT_MOST,
    "不多于": _Q.AT_MOST,
    "不大于": _Q.AT_MOST,
    "最高": _Q.AT_MOST,
}
# Words after the figure.  上下 is left out: 172家上下游企业 is not "about 172".
_POSTFIXES: dict[str, Qualifier] = {
    "左右": _Q.ABOUT,
    "以上": _Q.AT_LEAST,
    "以下": _Q.AT_MOST,
    "以内": _Q.AT_MOST,
    "之内": _Q.AT_MOST,
}
# 多 and 余 between the number and its scale or unit: 40余项, 3400多万元, 1万余人.
_INFIXES: dict[str, Qualifier] = {"多": _Q.MORE_THAN, "余": _Q.MORE_THAN}

add_aliases(
    Qualifier, {**_PREFIXES, **_POSTFIXES, **_INFIXES, "累计不超过": _Q.AT_MOST, "至": _Q.RANGE}
)

# (written form, unit, characters that may not follow): the lookahead keeps
# words such as 项目, 支持, 人工智能, 场景, 年度 from reading as units.
_UNIT_FORMS: tuple[tuple[str, str, str], ...] = (
    ("个百分点", "百分点", ""),
    ("百分点", "百分点", ""),
    ("个工作日", "工作日", ""),
    ("工作日", "工作日", ""),
    ("个月", "月", ""),
    ("小时", "小时", ""),
    ("人次", "人次", ""),
    ("%", "%", ""),
    ("元", "元", "素旦宵化论结"),
    ("家", "家", "庭长乡属园"),
    ("项", "项", "目"),
    ("名", "名", "单称义誉"),
    ("个", "个", "性体"),
    ("件", "件", "事"),
    ("人", "人", "工民才员口大"),
    ("所", "所", "属有在以谓得"),
    ("次", "次", "性要"),
    ("位", "位", "置于列一"),
    ("年", "年", "月度底初末中级代"),
    ("天", "天", "然津下"),
    ("条", "条", "龙件例款"),
    ("种", "种", "植子类"),
    ("台", "台", "湾阶"),
    ("套", "套", ""),
    ("批", "批", "准复示次"),
    ("座", "座", "谈"),
    ("支", "支", "持撑出付"),
    ("篇", "篇", "章幅"),
    ("场", "场", "景所地馆"),
    ("户", "户", "籍口"),
    ("倍", "倍", ""),
    ("亩", "亩", ""),
)
_UNIT_OF = {form: unit for form, unit, _ in _UNIT_FORMS}
_WRITTEN_UNIT = {"月": "个月", "百分点": "个百分点", "工作日": "个工作日"}

#: Every unit a `Quantity` may have: ``元`` for money (万元 and 亿元 multiplied
#: out), ``%``, counts (家, 项, 名, 个 …), durations (年, 月, 天 …), and ``""``
#: for a bare number.
UNITS: frozenset[str] = frozenset(_UNIT_OF.values()) | {""}

_TIME_UNITS = frozenset({"年", "月", "天", "小时", "工作日"})
# A figure right after these is an ordinal or a session number: 第3家, 十二届四次会议.
_ORDINAL_BEFORE = frozenset("第届")
# Before 一 these make a word, not a figure: 统一, 唯一, 单一, 同一, 逐一, 每一个, 之一.
_WORD_BEFORE = frozenset("统唯单同逐每之其")
# 约 and 近 inside words: 节约30万元 (saved), 制约, 最近5年 (the last five years).
_YUE_WORDS = frozenset("制节契签预条合公邀相违履特隐")
_JIN_WORDS = frozenset("最附")
# 一批, 一种 mean "a number of", "a kind of".
_ONE_AS_ARTICLE = frozenset({"批", "种"})


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _unit_pattern() -> str:
    parts = []
    for form, unit, not_after in sorted(_UNIT_FORMS, key=lambda f: -len(f[0])):
        guard = f"[{not_after}]" if not_after else ""
        if unit == "年":
            guard += "|[上下]半年"
        parts.append(re.escape(form) + (f"(?!{guard})" if guard else ""))
    return "|".join(parts)


_CH = CHINESE_NUMERAL_CHARS
# Possessive quantifiers and the lookbehinds (a number starts where a digit
# run starts) keep every search step bounded: the reader is linear in the text.
_DIGITS = r"(?<![0-9])(?<![0-9]\.)[0-9]++(?:,[0-9]{3}(?![0-9]))*+(?:\.[0-9]++)?+"
_NUMERAL = rf"(?<![{_CH}])[{_CH}]{{1,16}}+(?![{_CH}])"


def _number(name: str) -> str:
    return rf"(?:(?P<{name}d>{_DIGITS})|(?P<{name}c>{_NUMERAL}))"


_UNIT = _unit_pattern()
_SCALE = _alternatives(SCALES)
# Compiled on first use (`lazy_pattern`): with _START, 20 ms that only
# reading text needs, not building a Quantity.
_FIGURE = lazy_pattern(
    rf"""
    (?:(?P<cum>累计)[ ]*+)?+
    (?:(?P<pre>{_alternatives(_PREFIXES)})[ ]*+)?+
    (?:
        (?P<pw>百分之)[ ]*+{_number("pc")}
      | (?:
            {_number("lo")}[ ]*+(?P<loscale>{_SCALE})?+[ ]*+(?P<lounit>{_UNIT})?+
            [ ]*+(?P<sep>——|[-~至到—–―])[ ]*+
        )?
        {_number("hi")}
        [ ]*+(?P<inf>[多余])?+
        [ ]*+(?P<scale>{_SCALE})?+
        [ ]*+(?P<inf2>[多余])?+
        [ ]*+(?P<unit>{_UNIT})?+
        [ ]*+(?P<post>{_alternatives(_POSTFIXES)})?+
    )
    """,
    re.VERBOSE,
)


# Where a figure may start: 累计, 百分之, a qualifier word before the number,
# or the first digit or numeral of a number (the lookbehinds are _DIGITS' and
# _NUMERAL's own, checked after the character).  Searching for these first,
# then trying the figure pattern only there, keeps long runs of other text
# (《《《…) cheap: a pattern that opens with a character set is searched in C,
# where the full pattern is tried at every position.
_WORD_STARTS = "".join(sorted({"累", "百", *(w[0] for w in _PREFIXES)}))
_START = lazy_pattern(
    r"(?s)[{every}](?:(?<=[{words}])|(?<=[0-9])(?<![0-9][0-9])(?<![0-9]\.[0-9])"
    r"|(?<=[{ch}])(?<![{ch}][{ch}]))".format(
        every=re.escape("".join(sorted({*_WORD_STARTS, *"0123456789", *_CH}))),
        words=re.escape(_WORD_STARTS),
        ch=_CH,
    )
)


class _Figure(NamedTuple):
    low: Decimal
    high: Decimal
    unit: str
    qualifier: Qualifier
    start: int
    end: int


class _Rejected(NamedTuple):
    reason: str
    reason_zh: str
    # True when the low end of a range spoiled the match: search again at the high end.
    in_range: bool = False


_NOT_A_NUMERAL = _Rejected("not a number", "不是数字")


def _read_number(match: re.Match[str], name: str) -> tuple[Decimal | None, str | None]:
    digits = match[name + "d"]
    if digits is not None:
        return Decimal(digits.replace(",", "")), None
    numeral = match[name + "c"]
    n = read_chinese_numeral(numeral)
    return (None if n is None else Decimal(n)), numeral


def _group_start(match: re.Match[str], name: str) -> int:
    return match.start(name + "d") if match[name + "d"] is not None else match.start(name + "c")


class _Numbers(NamedTuple):
    low: Decimal
    high: Decimal
    unit: str
    infix: str | None
    is_range: bool
    # The numerals as written, high end first; None for one in digits.
    numerals: tuple[str | None, ...]
    start: int
    end: int


def _read(match: re.Match[str], text: str, *, strict: bool) -> _Figure | _Rejected:  # noqa: PLR0911 - one return per way a match fails
    """
    Interpret one match; *strict* for `Quantity.parse`, else for searching.
    """
    numbers = _read_percent_in_words(match) if match["pw"] is not None else _read_numbers(match)
    if isinstance(numbers, _Rejected):
        return numbers
    is_chinese = any(n is not None for n in numbers.numerals)
    if not strict and not numbers.unit and (is_chinese or match["scale"] is None):
        # A bare number is a year, a code or a serial far more often than a figure.
        return _Rejected("a bare number", "没有单位的数字")
    if is_chinese and numbers.unit in _ONE_AS_ARTICLE and numbers.numerals[0] in {"一", "壹"}:
        return _Rejected(f"一{numbers.unit} means 'some'", f"“一{numbers.unit}”不是数量")
    qualified = _read_qualifier(match, text, numbers, strict=strict)
    if isinstance(qualified, _Rejected):
        return qualified
    qualifier, start, end = qualified
    if not strict:
        before = text[start - 1] if start > 0 else ""
        if before in _ORDINAL_BEFORE:
            return _Rejected("an ordinal", "序数")
        if numbers.numerals[-1] == "一" and start == numbers.start and before in _WORD_BEFORE:
            return _Rejected("part of a word", "词的一部分")
        if numbers.unit == "年" and max(numbers.low, numbers.high) >= 100:
            # 2021年, 2020—2021年: years, not durations (durations are < 100 years).
            return _Rejected("a year", "年份")
    return _Figure(numbers.low, numbers.high, numbers.unit, qualifier, start, end)


def _read_percent_in_words(match: re.Match[str]) -> _Numbers | _Rejected:
    value, numeral = _read_number(match, "pc")
    if value is None:
        return _NOT_A_NUMERAL
    end = match.end("pcd") if match["pcd"] is not None else match.end("pcc")
    return _Numbers(
        value,
        value,
        "%",
        None,
        is_range=False,
        numerals=(numeral,),
        start=match.start("pw"),
        end=end,
    )


def _read_numbers(match: re.Match[str]) -> _Numbers | _Rejected:  # noqa: PLR0911 - one return per way a match fails
    is_range = match["sep"] is not None
    value, numeral = _read_number(match, "hi")
    if value is None:
        return _Rejected("not a number", "不是数字", in_range=is_range)
    if match["inf"] is not None and match["inf2"] is not None:
        return _Rejected("多 or 余 twice", "重复的“多”或“余”")
    infix = match["inf"] or match["inf2"]
    places = SCALES[match["scale"]] if match["scale"] is not None else 0
    high = shift_decimal(value, places)
    unit = _UNIT_OF[match["unit"]] if match["unit"] is not None else ""
    end = max(match.end(g) for g in ("hid", "hic", "inf", "scale", "inf2", "unit") if match[g])
    if not is_range:
        start = _group_start(match, "hi")
        return _Numbers(
            high, high, unit, infix, is_range=False, numerals=(numeral,), start=start, end=end
        )
    lo_value, lo_numeral = _read_number(match, "lo")
    if lo_value is None:
        return _Rejected("not a number", "不是数字", in_range=True)
    lo_unit = match["lounit"]
    if lo_unit is not None and _UNIT_OF[lo_unit] != unit:
        return _Rejected("a range in two units", "区间两端单位不同", in_range=True)
    if infix is not None:
        return _Rejected("多 or 余 in a range", "区间中有“多”或“余”", in_range=True)
    if match["loscale"] is not None:
        places = SCALES[match["loscale"]]
    elif lo_unit is not None:
        places = 0
    # Else 5-10万元: the trailing scale is shared by a bare low end.
    low = shift_decimal(lo_value, places)
    start = _group_start(match, "lo")
    return _Numbers(
        low, high, unit, None, is_range=True, numerals=(numeral, lo_numeral), start=start, end=end
    )


def _read_qualifier(
    match: re.Match[str], text: str, numbers: _Numbers, *, strict: bool
) -> tuple[Qualifier, int, int] | _Rejected:
    """
    The qualifier, and the span once words that do not qualify are left out.
    """
    pre, post = match["pre"], match["post"]
    pre_q = _PREFIXES[pre] if pre is not None else None
    if pre is not None:
        before = text[match.start("pre") - 1] if match.start("pre") > 0 else ""
        if (pre == "近" and (numbers.unit in _TIME_UNITS or before in _JIN_WORDS)) or (
            pre == "约" and before in _YUE_WORDS
        ):
            # 近5年 is "the last five years", 节约 "to save": not qualifiers.
            pre_q = None
    post_q = _POSTFIXES[post] if post is not None else None
    if numbers.is_range:
        if strict and (pre_q is not None or post_q is not None):
            return _Rejected("a range takes no qualifier", "区间不带限定词")
        if not strict and numbers.low > numbers.high:
            return _Rejected("an inverted range", "区间颠倒", in_range=True)
        # Searching, 约5-10万元 reads as the range alone.
        qualifier, pre_q, post_q = _Q.RANGE, None, None
    else:
        infix_q = _INFIXES[numbers.infix] if numbers.infix is not None else None
        present = {q for q in (pre_q, infix_q, post_q) if q is not None}
        if strict and len(present) > 1:
            return _Rejected("qualifiers that disagree", "限定词相互矛盾")
        # Searching, the word nearest the number wins: 约3400多万元 is more than 3400万元.
        qualifier = infix_q or pre_q or post_q or _Q.EXACT
    start, end = numbers.start, numbers.end
    if pre_q is not None and pre_q == qualifier:
        start = match.start("cum") if match["cum"] is not None else match.start("pre")
    elif match["cum"] is not None and pre is None:
        start = match.start("cum")
    if post_q is not None and post_q == qualifier:
        end = match.end("post")
    return qualifier, start, end


def _short(value: object) -> str:
    text = value if isinstance(value, str) else repr(value)
    return repr(text[:_SHORT] + "…") if len(text) > _SHORT else repr(text)


def _short_decimal(value: Decimal) -> str:
    text = str(value)
    return text if len(text) <= _SHORT else text[:_SHORT] + "…"


def _to_value(value: Decimal | int, name: str) -> Decimal:
    raw: object = value
    if isinstance(raw, bool) or not isinstance(raw, Decimal | int):
        reason = "a float is not exact" if isinstance(raw, float) else "not a Decimal"
        raise INVALID.error(
            f"/{name}",
            value=_short(raw),
            reason=reason,
            reason_zh="浮点数不精确" if isinstance(raw, float) else "不是Decimal",
        )
    number = raw if isinstance(raw, Decimal) else Decimal(raw)
    if not number.is_finite() or (number and number.adjusted() >= _MAX_DIGITS):
        return number  # refused by __attrs_post_init__, never expanded
    return canonical_decimal(number)


def _to_low(value: Decimal | int) -> Decimal:
    return _to_value(value, "low")


def _to_high(value: Decimal | int) -> Decimal:
    return _to_value(value, "high")


_WRITTEN_QUALIFIER = {
    _Q.EXACT: "",
    _Q.ABOUT: "约",
    _Q.MORE_THAN: "超过",
    _Q.LESS_THAN: "不足",
    _Q.AT_LEAST: "不少于",
    _Q.AT_MOST: "不超过",
}


@frozen(kw_only=True, repr=False)
class Quantity:
    """
    One figure of a text: a number or a range, its unit and its qualifier.

    Money is in yuan (``3.4亿元`` has ``low == high == 340000000``, unit
    ``元``); 万 and 亿 are multiplied out (``1.2万人`` is 12000 人).  Two
    quantities are equal when their figures are, wherever they were found.

    Attributes:
        low: The figure, or the low end of a range.

        high: The high end of a range; equal to *low* for every other qualifier.

        unit: One of `UNITS`: ``元``, ``%``, a measure word (家, 项, 名 …), a
            duration (年, 月, 天 …), or ``""`` for a bare number.

        qualifier: Exact, about, more than, at most … or a range.

        span: Where the figure is in the text it was found in, as
            ``(start, end)`` character offsets; ``None`` if not found in a text.
            Not part of equality.

        text: The figure as the source wrote it.  Not part of equality.

    Raises:
        ValidationError: ``quantity.negative``, ``quantity.inverted_range``,
            ``quantity.invalid`` (every one that applies).

    >>> Quantity(low=Decimal(40), high=Decimal(40), unit="项", qualifier=Qualifier.MORE_THAN)
    Quantity('超过40项')
    >>> Quantity(low=Decimal(10), high=Decimal(5), unit="家", qualifier=Qualifier.RANGE)
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error quantity.inverted_range at /: the range runs ...
    """

    low: Decimal = field(converter=_to_low)
    high: Decimal = field(converter=_to_high)
    unit: str
    qualifier: Qualifier = Qualifier.EXACT
    span: tuple[int, int] | None = field(default=None, eq=False)
    text: str = field(default="", eq=False)

    def __attrs_post_init__(self) -> None:
        raise_if_any(self._violations())

    def _violations(self) -> Iterator[Violation]:
        bounded = True
        for name, value in (("low", self.low), ("high", self.high)):
            if not value.is_finite() or (value and value.adjusted() >= _MAX_DIGITS):
                bounded = False
                yield INVALID.violation(
                    f"/{name}",
                    value=_short_decimal(value),
                    reason="not a finite number of at most a million digits",
                    reason_zh="不是不超过一百万位的有限数",
                )
            elif value < 0 and (name == "low" or self.high != self.low):
                # An exact figure has one value: report it once, at /low.
                yield NEGATIVE.violation(f"/{name}", value=_short_decimal(value))
        qualifier: object = self.qualifier
        if not isinstance(qualifier, Qualifier):
            yield INVALID.violation(
                "/qualifier",
                value=_short(qualifier),
                reason="not a Qualifier",
                reason_zh="不是限定词",
            )
        elif bounded and qualifier is _Q.RANGE and self.low > self.high:
            yield INVERTED_RANGE.violation(
                "", low=_short_decimal(self.low), high=_short_decimal(self.high)
            )
        elif bounded and qualifier is not _Q.RANGE and self.low != self.high:
            yield INVALID.violation(
                "/high",
                value=_short_decimal(self.high),
                reason="only a range has low ≠ high",
                reason_zh="只有区间的上下限不同",
            )
        yield from self._metadata_violations()

    def _metadata_violations(self) -> Iterator[Violation]:
        unit: object = self.unit
        if not isinstance(unit, str) or unit not in UNITS:
            yield INVALID.violation(
                "/unit", value=_short(unit), reason="not a known unit", reason_zh="不是已知单位"
            )
        span: object = self.span
        if span is not None and not _is_span(span):
            yield INVALID.violation(
                "/span",
                value=_short(span),
                reason="not a (start, end) pair",
                reason_zh="不是位置对",
            )
        text: object = self.text
        if not isinstance(text, str):
            yield INVALID.violation(
                "/text", value=_short(text), reason="not a string", reason_zh="不是字符串"
            )

    @classmethod
    def parse(cls, text: str) -> Self:
        """
        Read one figure, stated in full: a number, its unit and its qualifier.

        Reads ``约3.4亿元``, ``40余项``, ``3400多万元``, ``5-10万元``, ``20%``,
        ``十二个``, ``累计不超过30万元``, full-width and traditional forms, a
        bare number (unit ``""``).  Unlike `find_quantities` it takes the text
        at its word: ``2021年`` is 2021 years.

        Raises:
            ValidationError: ``quantity.invalid`` for text that is not one
                figure, or the code of each rule the figure breaks.

        >>> Quantity.parse("累计不超过30万元")
        Quantity('不超过300000元')
        >>> Quantity.parse("第3家")
        Traceback (most recent call last):
          ...
        gxai_policy.errors.ValidationError: error quantity.invalid at /: '第3家' is not a figure ...
        """
        raw: object = text
        if not isinstance(raw, str):
            raise INVALID.error(
                "", value=_short(raw), reason="not a string", reason_zh="不是字符串"
            )
        body = fold_figure_text(raw).strip()
        negative = body[:1] in {"-", "−"}
        if negative:
            body = body[1:].lstrip()
        match = _FIGURE().fullmatch(body)
        if match is None:
            raise INVALID.error(
                "", value=_short(raw), reason="no number with a unit", reason_zh="没有带单位的数字"
            )
        figure = _read(match, body, strict=True)
        if isinstance(figure, _Rejected):
            raise INVALID.error(
                "", value=_short(raw), reason=figure.reason, reason_zh=figure.reason_zh
            )
        low, high = figure.low, figure.high
        if negative:
            low = low.copy_negate()
            if figure.qualifier is not _Q.RANGE:
                high = high.copy_negate()
        return cls(
            low=low, high=high, unit=figure.unit, qualifier=figure.qualifier, text=raw.strip()
        )

    def __str__(self) -> str:
        unit = _WRITTEN_UNIT.get(self.unit, self.unit)
        if self.qualifier is _Q.RANGE:
            return f"{self.low:f}-{self.high:f}{unit}"
        return f"{_WRITTEN_QUALIFIER[self.qualifier]}{self.low:f}{unit}"

    def __repr__(self) -> str:
        found = f", text={self.text!r}, span={self.span!r}" if self.span is not None else ""
        return f"Quantity({str(self)!r}{found})"


def _is_span(span: object) -> bool:
    if not isinstance(span, tuple) or len(span) != 2:
        return False
    start, end = span
    return (
        isinstance(start, int)
        and isinstance(end, int)
        and not isinstance(start, bool)
        and not isinstance(end, bool)
        and 0 <= start <= end
    )


def find_quantities(text: str) -> tuple[Quantity, ...]:
    """
    Find every figure of a Chinese text, in order, with its span.

    A figure is a number (digits, full-width digits, or a Chinese numeral)
    with a unit or measure word (元/万元/亿元, %, 家, 项, 名, 个 …), or with
    万/亿 alone, and its qualifier (约, 余, 多, 超过, 以上, 不超过, a range
    ``5-10万元`` …).  Conservative: a bare number is not a figure, nor a
    Chinese numeral inside a word (一是, 统一, 一批, 十三五, 十九大, 第一),
    an ordinal (第3家, 十二届四次会议), a heading (（一）, 1.) or a date
    (2021年4月27日, 2021年上半年, 2020—2021年): ``年`` counts only for a
    duration below 100 years (聘期5年, 三年).

    Linear in the length of *text*.

    >>> [(q.text, q.span) for q in find_quantities("第1批共15家（含4家组建）")]
    [('15家', (4, 7)), ('4家', (9, 11))]
    >>> find_quantities("2021年4月27日，十四五期间，一是统一思想")
    ()
    """
    folded = fold_figure_text(text)
    found: list[Quantity] = []
    pos = 0
    figure_at, next_start = _FIGURE().match, _START().search
    # The leftmost match, as _FIGURE().search would find it: no figure starts
    # before the next possible first character.
    while (start := next_start(folded, pos)) is not None:
        match = figure_at(folded, start.start())
        if match is None:
            pos = start.start() + 1
            continue
        if _bare(match):
            # 一、, 2021, 1.: the commonest match by far, and never a figure.
            pos = match.end()
            continue
        figure = _read(match, folded, strict=False)
        if isinstance(figure, _Figure):
            found.extend(_quantity(figure, text))
            pos = figure.end
        elif figure.in_range:
            # 3家—2家: no range, but each end may be a figure of its own.
            found.extend(_low_end(match, text, folded))
            pos = _group_start(match, "hi")
        else:
            pos = match.end()
    return tuple(found)


def _bare(match: re.Match[str]) -> bool:
    """
    Whether *match* is a number alone: no unit, scale, range or 百分之.

    Searching, `_read` refuses each such match and the search goes on after
    it (as a bare number, or as no number at all); this says so without
    reading the number.
    """
    return (
        match["unit"] is None
        and match["scale"] is None
        and match["sep"] is None
        and match["pw"] is None
    )


def _quantity(figure: _Figure, text: str) -> Iterator[Quantity]:
    try:
        quantity = Quantity(
            low=figure.low,
            high=figure.high,
            unit=figure.unit,
            qualifier=figure.qualifier,
            span=(figure.start, figure.end),
            text=text[figure.start : figure.end],
        )
    except ValidationError:
        return  # a figure of a million digits: not one a text states
    yield quantity


def _low_end(match: re.Match[str], text: str, folded: str) -> Iterator[Quantity]:
    if match["lounit"] is None:
        return
    alone = _FIGURE().match(folded, _group_start(match, "lo"), match.end("lounit"))
    if alone is None:  # pragma: no cover - the low end matched as part of the range
        return
    figure = _read(alone, folded, strict=False)
    if isinstance(figure, _Figure):
        yield from _quantity(figure, text)
