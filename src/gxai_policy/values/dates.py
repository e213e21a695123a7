"""
Dates, partial dates, periods and plan periods, as Guangxi's documents write them.

Every calendar date is a `pendulum.Date`; every datetime a `pendulum.DateTime`
in Asia/Shanghai.  The readers take what letters, tables and web pages write
(``2021年4月27日``, ``二〇二一年四月二十七日``, ``2021年6月底``, ``2021年上半年``,
``“十四五”时期``) and refuse the rest with a `ValidationError` whose code says why.

>>> parse_date("2021年4月27日")
Date(2021, 4, 27)
>>> read_when("2021年上半年")
Period(start=Date(2021, 1, 1), end=Date(2021, 6, 30), label=None)
>>> parse_date("2021年2月30日")
Traceback (most recent call last):
  ...
gxai_policy.errors.ValidationError: error date.impossible at /: 2021-02-30 is not on the calendar
"""

from __future__ import annotations

import calendar
from datetime import date, datetime
from typing import Final, Self, TypeAlias

import pendulum
from attrs import field, frozen

from gxai_policy._invariants import wrong_type
from gxai_policy.errors import ValidationError, Violation
from gxai_policy.rules import Trigger, define
from gxai_policy.values._codelist import Codelist, add_aliases
from gxai_policy.values.numerals import (
    CHINESE_DIGITS,
    fold_width,
    lazy_pattern,
    parse_integer,
    to_chinese_digits,
    to_chinese_integer,
)

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "SHANGHAI",
    "PartialDate",
    "Period",
    "PlanPeriod",
    "format_date_zh",
    "parse_date",
    "read_when",
    "shanghai_datetime",
]

#: The zone of every datetime the library holds: China Standard Time (UTC+8).
SHANGHAI: Final = pendulum.Timezone("Asia/Shanghai")

#: The earliest year a date of the library may fall in.
MIN_YEAR: Final = 1900
#: The latest year a date of the library may fall in.
MAX_YEAR: Final = 2100

# The date rules are checked on functions, not classes: the rule catalogue's
# self-test calls ``getattr(gxai_policy, applies_to)`` with the example when it
# is a function, and ``.parse`` it when it is a class.
DATE_INVALID = define(
    "date.invalid",
    applies_to="parse_date",
    summary="The text is not a date the library reads.",
    summary_zh="文字不是可识别的日期。",
    source="GB/T 9704-2012 §7.3.5 (成文日期); ISO 8601 calendar dates",
    example="2021-04-27T10:00:00",
    trigger=Trigger.PARSE,
    message="{text!r} is not a {what} (write {hint})",
    message_zh="“{text}”不是{what_zh}（应写作{hint_zh}）",
)
DATE_IMPOSSIBLE = define(
    "date.impossible",
    applies_to="parse_date",
    summary="The year, month and day name no day of the Gregorian calendar.",
    summary_zh="年、月、日不构成公历中存在的日期。",
    source="Gregorian calendar (ISO 8601)",
    example="2021年2月30日",
    trigger=Trigger.PARSE,
    message="{what} is not on the calendar",
    message_zh="日历上没有{what}",
)
DATE_OUT_OF_RANGE = define(
    "date.out_of_range",
    applies_to="PartialDate",
    summary=f"The year is outside {MIN_YEAR}–{MAX_YEAR}, the years the library holds.",
    summary_zh=f"年份不在{MIN_YEAR}—{MAX_YEAR}年之间。",
    source="gxai_policy: the years of the policy documents, with a wide margin",
    example="1899年",
    trigger=Trigger.PARSE,
    message="year {year} is outside {low}–{high}",
    message_zh="年份{year}不在{low}—{high}年之间",
)
PERIOD_INVALID = define(
    "period.invalid",
    applies_to="Period",
    summary="The text is not a period the library reads.",
    summary_zh="文字不是可识别的时段。",
    source="gxai_policy",
    example="2021年中",
    trigger=Trigger.PARSE,
    message="{text!r} is not a period (write 2021年上半年, 2021年第一季度 or 2016年至2020年)",
    message_zh="“{text}”不是时段（应写作2021年上半年、2021年第一季度或2016年至2020年）",
)
PERIOD_INVERTED = define(
    "period.inverted",
    applies_to="Period",
    summary="The period starts after it ends.",
    summary_zh="时段的起始日期晚于结束日期。",
    source="gxai_policy",
    example="2021年至2020年",
    trigger=Trigger.PARSE,
    message="the period starts on {start}, after its end {end}",
    message_zh="时段起始日期{start}晚于结束日期{end}",
)
DATETIME_NAIVE = define(
    "datetime.naive",
    applies_to="shanghai_datetime",
    summary="The datetime has no time zone offset, so its instant is unknown.",
    summary_zh="日期时间缺少时区偏移，无法确定时刻。",
    source="ISO 8601; pendulum assumes UTC for naive text, which would shift Beijing time",
    example="2021-04-27T10:00:00",
    trigger=Trigger.PARSE,
    message="{text} has no time zone offset (write one, such as +08:00)",
    message_zh="{text}缺少时区偏移（应写明，如 +08:00）",
)
DATETIME_INVALID = define(
    "datetime.invalid",
    applies_to="shanghai_datetime",
    summary="The value is not an ISO 8601 datetime.",
    summary_zh="不是 ISO 8601 日期时间。",
    source="ISO 8601",
    example="2021-04-27 上午十点",
    trigger=Trigger.PARSE,
    message="{text!r} is not an ISO 8601 datetime (write 2021-04-27T10:00:00+08:00)",
    message_zh="“{text}”不是 ISO 8601 日期时间（应写作 2021-04-27T10:00:00+08:00）",
)


# --------------------------------------------------------------------------
# Shared pieces


def _shown(text: str) -> str:
    # Keep messages readable when a whole paragraph arrives by mistake.
    return text if len(text) <= 40 else text[:40] + "…"


def _squash(text: str) -> str:
    # Tolerance: full-width digits and punctuation, stray spaces anywhere.
    return "".join(fold_width(text).split())


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if calendar.isleap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _year_violations(year: int, path: str) -> list[Violation]:
    if MIN_YEAR <= year <= MAX_YEAR:
        return []
    return [DATE_OUT_OF_RANGE.violation(path, year=year, low=MIN_YEAR, high=MAX_YEAR)]


def _ymd_violations(year: int, month: int, day: int | None) -> list[Violation]:
    # Read text reports at its root: the wire form of a date is one string.
    found = _year_violations(year, "")
    if not 1 <= month <= 12:
        found.append(DATE_IMPOSSIBLE.violation("", what=f"month {month}"))
    elif day is not None and not 1 <= day <= _days_in_month(year, month):
        found.append(DATE_IMPOSSIBLE.violation("", what=f"{year:04d}-{month:02d}-{day:02d}"))
    return found


def _raise(found: list[Violation]) -> None:
    if found:
        raise ValidationError(found)


def _as_day(value: date) -> pendulum.Date:
    # A datetime counts by its Beijing calendar day: documents date things locally.
    if isinstance(value, datetime):
        return shanghai_datetime(value).date()
    if type(value) is pendulum.Date:
        return value
    return pendulum.Date(value.year, value.month, value.day)


def _to_date(value: date) -> pendulum.Date:
    # Lossless: a stdlib date becomes the same pendulum.Date; anything else is
    # left for the validity check to name.
    if type(value) is date:
        return pendulum.Date(value.year, value.month, value.day)
    return value  # type: ignore[return-value]


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --------------------------------------------------------------------------
# Datetimes


def shanghai_datetime(value: datetime | str) -> pendulum.DateTime:
    """
    The same instant as *value*, in Asia/Shanghai.

    Accepts an aware `datetime` or its ISO 8601 text (full-width digits
    allowed).  A naive one is refused rather than guessed: pendulum would
    take it for UTC, eight hours off Beijing time.

    Args:
        value: An aware datetime, or ISO 8601 text with an offset.

    Returns:
        A `pendulum.DateTime` in `SHANGHAI`.

    Raises:
        ValidationError: ``datetime.naive`` for a datetime without offset,
            ``datetime.invalid`` for anything else that is not a datetime,
            ``date.out_of_range`` for a year outside 1900–2100.

    >>> shanghai_datetime("2021-04-27T02:00:00Z")
    DateTime(2021, 4, 27, 10, 0, 0, tzinfo=Timezone('Asia/Shanghai'))
    >>> shanghai_datetime("2021-04-27T10:00:00")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error datetime.naive at /: 2021-04-27T10:00:00 has no time zone offset (write one, such as +08:00)
    """  # noqa: E501
    candidate: object = value
    if isinstance(candidate, str):
        text = candidate.strip()
        try:
            candidate = datetime.fromisoformat(fold_width(text))
        except ValueError:
            raise DATETIME_INVALID.error("", text=_shown(text)) from None
    if not isinstance(candidate, datetime):
        raise DATETIME_INVALID.error("", text=_shown(repr(candidate)))
    value = candidate
    if value.tzinfo is None or value.utcoffset() is None:
        raise DATETIME_NAIVE.error("", text=value.isoformat())
    _raise(_year_violations(value.year, ""))
    try:
        return pendulum.instance(value).in_timezone(SHANGHAI)
    except (OverflowError, ValueError):
        raise DATETIME_INVALID.error("", text=value.isoformat()) from None


# --------------------------------------------------------------------------
# Partial dates


def _month_key(month: int | None) -> int:
    # A year sorts before its months: 2021 < 2021-01 < 2021-02.
    return 0 if month is None else month


@frozen(order=True)
class PartialDate:
    """
    A year, or a month of a year: ``2021``, ``2021-06``, as documents often date things.

    Attributes:
        year: The year, 1900–2100.

        month: The month, 1–12, or ``None`` for the whole year.

    ``str()`` is the wire form ``YYYY`` or ``YYYY-MM``; `parse` reads it back,
    and the Chinese forms too.  A year sorts before its months.

    >>> PartialDate.parse("二〇二一年六月")
    PartialDate(year=2021, month=6)
    >>> str(PartialDate(2021, 6))
    '2021-06'
    >>> PartialDate(2021, 13)
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error date.impossible at /month: month 13 is not on the calendar
    """  # noqa: E501

    year: int
    month: int | None = field(default=None, order=_month_key)

    def __attrs_post_init__(self) -> None:
        found: list[Violation] = []
        if not _is_int(self.year):
            found.append(
                DATE_INVALID.violation(
                    "/year",
                    text=_shown(repr(self.year)),
                    what="year",
                    what_zh="年份",
                    hint="2021",
                    hint_zh="2021",
                )
            )
        else:
            found += _year_violations(self.year, "/year")
        if self.month is not None:
            if not _is_int(self.month):
                found.append(
                    DATE_INVALID.violation(
                        "/month",
                        text=_shown(repr(self.month)),
                        what="month",
                        what_zh="月份",
                        hint="6",
                        hint_zh="6",
                    )
                )
            elif not 1 <= self.month <= 12:
                found.append(DATE_IMPOSSIBLE.violation("/month", what=f"month {self.month}"))
        _raise(found)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.month:02d}"

    @classmethod
    def parse(cls, text: str) -> Self:
        """
        Read a year or a year-month.

        Reads ``2021``, ``2021-06``, ``2021/6``, ``2021年``, ``2021年度``,
        ``2021年6月``, ``2021年6月份``, ``二〇二一年六月``, with full-width digits
        and stray spaces.

        Raises:
            ValidationError: ``date.invalid`` if *text* is none of these (a
                full date included), ``date.impossible`` for a month outside
                1–12, ``date.out_of_range`` for a year outside 1900–2100.

        >>> PartialDate.parse("２０２１ 年")
        PartialDate(year=2021, month=None)
        >>> PartialDate.parse("2021-04-27")
        Traceback (most recent call last):
          ...
        gxai_policy.errors.ValidationError: error date.invalid at /: '2021-04-27' is not a year or year-month (write 2021, 2021-06 or 2021年6月)
        """  # noqa: E501
        found = _read_single(_squash(text))
        if isinstance(found, PartialDate):
            return cls(found.year, found.month)
        raise DATE_INVALID.error(
            "",
            text=_shown(text),
            what="year or year-month",
            what_zh="年份或年月",
            hint="2021, 2021-06 or 2021年6月",
            hint_zh="2021、2021-06 或 2021年6月",
        )

    def first_day(self) -> pendulum.Date:
        """
        The first day of the year or month.

        >>> PartialDate(2021, 6).first_day()
        Date(2021, 6, 1)
        >>> PartialDate(2021).first_day()
        Date(2021, 1, 1)
        """
        return pendulum.Date(self.year, self.month or 1, 1)

    def last_day(self) -> pendulum.Date:
        """
        The last day of the year or month.

        >>> PartialDate(2024, 2).last_day()
        Date(2024, 2, 29)
        >>> PartialDate(2021).last_day()
        Date(2021, 12, 31)
        """
        month = self.month or 12
        return pendulum.Date(self.year, month, _days_in_month(self.year, month))

    def contains(self, value: date) -> bool:
        """
        Whether the day *value* falls in this year or month.

        A datetime counts by its Asia/Shanghai calendar day.

        >>> PartialDate(2021, 6).contains(pendulum.Date(2021, 6, 30))
        True
        >>> PartialDate(2021, 6).contains(pendulum.Date(2021, 7, 1))
        False
        """
        return self.first_day() <= _as_day(value) <= self.last_day()


# --------------------------------------------------------------------------
# Periods


@frozen
class Period:
    """
    A span of whole days, both ends included: ``2021年上半年``, ``2016年至2020年``.

    Attributes:
        start: The first day.

        end: The last day, not before `start`.

        label: A name documents give the span, such as ``十四五``; ``None``
            when the dates say it all.  It is not part of equality or the
            hash: two periods with the same days are equal.

    ``str()`` is the shortest Chinese form that states the days exactly
    (``2021年``, ``2016—2020年``, ``2021年上半年``, ``2021年第一季度``,
    ``2021年4月``, ``2021年4月27日至2021年6月30日``); `parse` reads it back.

    >>> Period.parse("2021年下半年")
    Period(start=Date(2021, 7, 1), end=Date(2021, 12, 31), label=None)
    >>> Period(pendulum.Date(2021, 2, 1), pendulum.Date(2021, 1, 1))
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error period.inverted at /: the period starts on 2021-02-01, after its end 2021-01-01
    """  # noqa: E501

    start: pendulum.Date = field(converter=_to_date)
    end: pendulum.Date = field(converter=_to_date)
    label: str | None = field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        found: list[Violation] = []
        valid = True
        for name in ("start", "end"):
            value = getattr(self, name)
            if isinstance(value, datetime) or not isinstance(value, date):
                valid = False
                found.append(
                    DATE_INVALID.violation(
                        "/" + name,
                        text=_shown(repr(value)),
                        what="date",
                        what_zh="日期",
                        hint="pendulum.Date(2021, 4, 27)",
                        hint_zh="pendulum.Date(2021, 4, 27)",
                    )
                )
            else:
                found += _year_violations(value.year, "/" + name)
        if valid and self.start > self.end:
            found.append(PERIOD_INVERTED.violation("", start=self.start, end=self.end))
        found += wrong_type("label", str | None, self.label)
        _raise(found)

    def __str__(self) -> str:
        s, e = self.start, self.end
        whole_months = s.day == 1 and e.day == _days_in_month(e.year, e.month)
        if whole_months and (s.month, e.month) == (1, 12):
            return f"{s.year}年" if s.year == e.year else f"{s.year}—{e.year}年"
        if whole_months and s.year == e.year:
            if s.month == e.month:
                return f"{s.year}年{s.month}月"
            named = _NAMED_SPANS.get((s.month, e.month))
            if named is not None:
                return f"{s.year}年{named}"
        if whole_months:
            return f"{s.year}年{s.month}月至{e.year}年{e.month}月"
        if s == e:
            return format_date_zh(s)
        return f"{format_date_zh(s)}至{format_date_zh(e)}"

    @classmethod
    def parse(cls, text: str) -> Self:
        """
        Read a period.

        Reads half years (``2021年上半年`` is 1 January–30 June, ``下半年``),
        quarters (``2021年第一季度`` … ``第四季度``, ``2021年一季度``), ranges
        (``2020—2021年``, ``2020-2021年``, ``2016年至2020年``,
        ``2021年4月至6月``, ``2021年4月27日至2021年6月30日``), plan periods
        (``“十四五”时期``), and a single year, month or day as the span of it.

        Raises:
            ValidationError: ``period.invalid`` if *text* is none of these,
                ``period.inverted`` for a range that ends before it starts,
                ``date.impossible`` or ``date.out_of_range`` for a bad date in it.

        >>> str(Period.parse("2016年至2020年"))
        '2016—2020年'
        >>> Period.parse("2021年至2020年")
        Traceback (most recent call last):
          ...
        gxai_policy.errors.ValidationError: error period.inverted at /: the period starts on 2021-01-01, after its end 2020-12-31
        """  # noqa: E501
        found = _read(text)
        if found is None:
            raise PERIOD_INVALID.error("", text=_shown(text))
        period = _as_period(found)
        return cls(period.start, period.end, period.label)

    def contains(self, value: date | PartialDate | Period) -> bool:
        """
        Whether *value* (a day, or every day of a month, year or period) falls in this period.

        >>> h1 = Period.parse("2021年上半年")
        >>> h1.contains(pendulum.Date(2021, 6, 30)), h1.contains(PartialDate(2021, 7))
        (True, False)
        """
        if isinstance(value, PartialDate):
            return self.start <= value.first_day() and value.last_day() <= self.end
        if isinstance(value, Period):
            return self.start <= value.start and value.end <= self.end
        return self.start <= _as_day(value) <= self.end


_NAMED_SPANS = {
    (1, 6): "上半年",
    (7, 12): "下半年",
    (1, 3): "第一季度",
    (4, 6): "第二季度",
    (7, 9): "第三季度",
    (10, 12): "第四季度",
}


# --------------------------------------------------------------------------
# Plan periods


class PlanPeriod(Codelist):
    """
    A five-year plan period (五年规划时期): 十三五, 十四五, 十五五.

    `parse` reads the labels as documents write them: ``“十四五”``,
    ``十四五时期``, ``"十四五"期间``, ``第十四个五年规划``.

    >>> PlanPeriod.parse("“十四五”时期")
    <PlanPeriod.FYP14: 'fyp14'>
    >>> PlanPeriod.FYP14.period
    Period(start=Date(2021, 1, 1), end=Date(2025, 12, 31), label='十四五')
    >>> PlanPeriod.parse("十二五")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error codelist.unknown_label at /: '十二五' is not one of PlanPeriod: ...
    """  # noqa: E501

    FYP13 = "fyp13", "十三五", "13th Five-Year Plan"
    FYP14 = "fyp14", "十四五", "14th Five-Year Plan"
    FYP15 = "fyp15", "十五五", "15th Five-Year Plan"

    @property
    def start_year(self) -> int:
        """
        The plan's first year.

        >>> PlanPeriod.FYP13.start_year
        2016
        """
        return _PLAN_YEARS[self][0]

    @property
    def end_year(self) -> int:
        """
        The plan's last year.

        >>> PlanPeriod.FYP13.end_year
        2020
        """
        return _PLAN_YEARS[self][1]

    @property
    def period(self) -> Period:
        """
        The plan's days, 1 January of the first year to 31 December of the last.

        >>> str(PlanPeriod.FYP15.period)
        '2026—2030年'
        """
        return Period(
            pendulum.Date(self.start_year, 1, 1),
            pendulum.Date(self.end_year, 12, 31),
            self.label_zh,
        )

    def contains(self, value: date | PartialDate | Period) -> bool:
        """
        Whether *value* (a day, a month or year, or a period) falls wholly in the plan.

        >>> PlanPeriod.FYP13.contains(pendulum.Date(2020, 12, 31))
        True
        >>> PlanPeriod.FYP13.contains(pendulum.Date(2021, 1, 1))
        False
        """
        return self.period.contains(value)

    @classmethod
    def of(cls, value: date | PartialDate) -> PlanPeriod | None:
        """
        The plan period a day, month or year falls in, or ``None`` outside 2016–2030.

        >>> PlanPeriod.of(pendulum.Date(2021, 1, 1))
        <PlanPeriod.FYP14: 'fyp14'>
        >>> PlanPeriod.of(PartialDate(2015)) is None
        True
        """
        year = value.year if isinstance(value, PartialDate) else _as_day(value).year
        for member in cls:
            if member.start_year <= year <= member.end_year:
                return member
        return None

    @classmethod
    def parse(cls, text: str) -> Self:
        """
        The plan period a label names; full-width quotes and stray spaces are fine.

        >>> PlanPeriod.parse(" 十五五 ")
        <PlanPeriod.FYP15: 'fyp15'>

        Raises:
            ValidationError: ``codelist.unknown_label`` if *text* names none.
        """
        member = cls.aliases().get(_squash(text))
        if member is not None:
            return member
        return cls.from_label(text)


_PLAN_YEARS = {
    PlanPeriod.FYP13: (2016, 2020),
    PlanPeriod.FYP14: (2021, 2025),
    PlanPeriod.FYP15: (2026, 2030),
}


def _plan_aliases() -> dict[str, PlanPeriod]:
    table: dict[str, PlanPeriod] = {}
    quotes = (("", ""), ("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"), ("「", "」"))
    suffixes = ("", "时期", "期间", "规划", "规划期", "规划期间", "时期内", "期")
    for member, ordinal in zip(PlanPeriod, ("十三", "十四", "十五"), strict=True):
        name = f"{ordinal}五"
        for left, right in quotes:
            for suffix in suffixes:
                table[f"{left}{name}{right}{suffix}"] = member
        table[f"第{ordinal}个五年规划"] = member
        table[f"第{ordinal}个五年规划时期"] = member
        table[f"第{ordinal}个五年规划期间"] = member
        table[member.value.upper()] = member
    return table


add_aliases(PlanPeriod, _plan_aliases())


# --------------------------------------------------------------------------
# Readers

# Compiled on first use: at import, these would take 5 ms.
_Y = r"(?P<y>[0-9]{4}|[〇零○Oo0一二三四五六七八九]{4})"
_M = r"(?P<m>[0-9]{1,2}|[一二三四五六七八九十]{1,3})"
_D = r"(?P<d>[0-9]{1,2}|[一二三四五六七八九十]{1,4})"
_FULL_ISO = lazy_pattern(rf"{_Y}(?P<sep>[-/.])(?P<m>[0-9]{{1,2}})(?P=sep)(?P<d>[0-9]{{1,2}})")
_FULL_ZH = lazy_pattern(rf"{_Y}年{_M}月{_D}[日号]")
_MONTH_END = lazy_pattern(rf"{_Y}年{_M}月(?:底|末)")
_YEAR_END = lazy_pattern(rf"{_Y}年(?:底|末)")
_MONTH_ISO = lazy_pattern(rf"{_Y}[-/.](?P<m>[0-9]{{1,2}})")
_MONTH_ZH = lazy_pattern(rf"{_Y}年{_M}月份?")
_YEAR = lazy_pattern(rf"{_Y}(?:年度?)?")
_HALF = lazy_pattern(rf"{_Y}年度?(?P<h>[上下])半年")
_QUARTER = lazy_pattern(rf"{_Y}年度?第?(?P<q>[一二三四1-4])季度")
_RANGE_SEP = lazy_pattern(r"——|—|–|~|〜|至|到")
_YEAR_RANGE = lazy_pattern(r"(?P<a>[0-9]{4})-(?P<b>[0-9]{4})")
_STARTS_WITH_YEAR = lazy_pattern(rf"{_Y}(?:年|[-/.]|$)")

_YEAR_DIGITS = dict(CHINESE_DIGITS, **{"0": 0})


def _year(text: str) -> int:
    if text.isascii() and text.isdigit():
        return int(text)
    return int("".join(str(_YEAR_DIGITS[ch]) for ch in text))


def _date(year: int, month: int, day: int) -> pendulum.Date:
    _raise(_ymd_violations(year, month, day))
    return pendulum.Date(year, month, day)


_When: TypeAlias = pendulum.Date | PartialDate | Period


def _read_single(t: str) -> _When | None:  # noqa: PLR0911 - one return per form
    """
    Read one date, month, year or named span from squashed text; ``None`` if unreadable.
    """
    if m := _FULL_ISO().fullmatch(t) or _FULL_ZH().fullmatch(t):
        return _date(_year(m["y"]), parse_integer(m["m"]), parse_integer(m["d"]))
    if m := _MONTH_END().fullmatch(t):
        year, month = _year(m["y"]), parse_integer(m["m"])
        _raise(_ymd_violations(year, month, None))
        return pendulum.Date(year, month, _days_in_month(year, month))
    if m := _YEAR_END().fullmatch(t):
        return _date(_year(m["y"]), 12, 31)
    if m := _MONTH_ISO().fullmatch(t) or _MONTH_ZH().fullmatch(t):
        year, month = _year(m["y"]), parse_integer(m["m"])
        _raise(_ymd_violations(year, month, None))
        return PartialDate(year, month)
    if m := _YEAR().fullmatch(t):
        year = _year(m["y"])
        _raise(_year_violations(year, ""))
        return PartialDate(year)
    if m := _HALF().fullmatch(t):
        year = _year(m["y"])
        _raise(_year_violations(year, ""))
        return _months(year, 1, 6) if m["h"] == "上" else _months(year, 7, 12)
    if m := _QUARTER().fullmatch(t):
        year = _year(m["y"])
        _raise(_year_violations(year, ""))
        q = parse_integer(m["q"])
        return _months(year, 3 * q - 2, 3 * q)
    plan = PlanPeriod.aliases().get(t)
    if plan is not None:
        return plan.period
    return None


def _months(year: int, first: int, last: int) -> Period:
    return Period(
        pendulum.Date(year, first, 1), pendulum.Date(year, last, _days_in_month(year, last))
    )


def _first_day(value: _When) -> pendulum.Date:
    if isinstance(value, PartialDate):
        return value.first_day()
    if isinstance(value, Period):
        return value.start
    return value


def _last_day(value: _When) -> pendulum.Date:
    if isinstance(value, PartialDate):
        return value.last_day()
    if isinstance(value, Period):
        return value.end
    return value


def _as_period(value: _When) -> Period:
    if isinstance(value, Period):
        return value
    return Period(_first_day(value), _last_day(value))


def _split_range(t: str) -> tuple[str, str] | None:
    parts = _RANGE_SEP().split(t)
    if len(parts) == 2:
        return parts[0], parts[1]
    if len(parts) > 2:
        return None
    if m := _YEAR_RANGE().fullmatch(t):
        return m["a"], m["b"]
    # A hyphen is a range only beside 年: ``2020-2021年``; ``2021-04`` is a month.
    if "年" in t and t.count("-") == 1:
        left, right = t.split("-")
        return left, right
    return None


def _read(text: str) -> _When | None:
    t = _squash(text)
    single = _read_single(t)
    if single is not None:
        return single
    halves = _split_range(t)
    if halves is None:
        return None
    left = _read_single(halves[0])
    if left is None:
        return None
    right = _read_single(halves[1])
    if right is None and not _STARTS_WITH_YEAR().match(halves[1]):
        # ``2021年4月至6月``: the end borrows the start's year.
        right = _read_single(f"{_first_day(left).year}年{halves[1]}")
    if right is None:
        return None
    return Period(_first_day(left), _last_day(right))


def parse_date(text: str) -> pendulum.Date:
    """
    Read a calendar date as Chinese documents and data files write it.

    Reads ``2021年4月27日``, ``2019年03月08日``, ``2021年4月27号``,
    ``2021-04-27``, ``2021/4/27``, ``2021.4.27``, ``二〇二一年四月二十七日``,
    ``二OO六年九月五日`` (the letter O for 〇), the end of a month or year
    (``2021年6月底``, ``2021年6月末``, ``2020年底``: its last day), with
    full-width digits and stray spaces.  A datetime is not a date.

    Args:
        text: The date as written.

    Returns:
        The day, a `pendulum.Date`.

    Raises:
        ValidationError: ``date.invalid`` if *text* is not such a date,
            ``date.impossible`` if it names no day of the calendar,
            ``date.out_of_range`` for a year outside 1900–2100.

    >>> parse_date("二OO六年九月五日")
    Date(2006, 9, 5)
    >>> parse_date("2021年6月底")
    Date(2021, 6, 30)
    >>> parse_date("2021-04-27T10:00:00")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error date.invalid at /: '2021-04-27T10:00:00' is not a date (write 2021-04-27 or 2021年4月27日)
    """  # noqa: E501
    found = _read_single(_squash(text))
    if isinstance(found, pendulum.Date):
        return found
    raise DATE_INVALID.error(
        "",
        text=_shown(text),
        what="date",
        what_zh="日期",
        hint="2021-04-27 or 2021年4月27日",
        hint_zh="2021-04-27 或 2021年4月27日",
    )


def read_when(text: str) -> pendulum.Date | PartialDate | Period:
    """
    Read the most precise time the text states: a day, a month or year, or a period.

    ``2021年4月27日`` and ``2021年6月底`` are days (`pendulum.Date`);
    ``2021年4月`` and ``2021年`` are `PartialDate`; ``2021年上半年``,
    ``2021年第一季度``, ``2016年至2020年`` and ``“十四五”时期`` are `Period`.

    Raises:
        ValidationError: ``date.invalid`` if *text* is none of these; the
            codes of `parse_date` and `Period.parse` for a bad date or range.

    >>> read_when("2021年4月")
    PartialDate(year=2021, month=4)
    >>> read_when("2021年中")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error date.invalid at /: '2021年中' is not a date, month, year or period (write 2021年4月27日, 2021年4月 or 2021年上半年)
    """  # noqa: E501
    found = _read(text)
    if found is None:
        raise DATE_INVALID.error(
            "",
            text=_shown(text),
            what="date, month, year or period",
            what_zh="日期、年月、年份或时段",
            hint="2021年4月27日, 2021年4月 or 2021年上半年",
            hint_zh="2021年4月27日、2021年4月 或 2021年上半年",
        )
    return found


def format_date_zh(value: date | PartialDate, *, numerals: bool = False) -> str:
    """
    Write a date (or a month or year) the Chinese way: ``2021年4月27日``.

    Args:
        value: A day, or a `PartialDate`.

        numerals: Write Chinese numerals, as GB/T 9704-1999 and older letters
            did (``二〇二一年四月二十七日``); GB/T 9704-2012 writes Arabic digits.

    Returns:
        Text that `parse_date` (or `PartialDate.parse`) reads back.

    >>> format_date_zh(pendulum.Date(2021, 4, 27))
    '2021年4月27日'
    >>> format_date_zh(pendulum.Date(2021, 4, 27), numerals=True)
    '二〇二一年四月二十七日'
    >>> format_date_zh(PartialDate(2021, 6))
    '2021年6月'
    """
    if isinstance(value, PartialDate):
        year, month, day = value.year, value.month, None
    else:
        value = _as_day(value)
        year, month, day = value.year, value.month, value.day
    parts: list[tuple[int, str]] = [(year, "年")]
    if month is not None:
        parts.append((month, "月"))
    if day is not None:
        parts.append((day, "日"))
    if not numerals:
        return "".join(f"{n}{unit}" for n, unit in parts)
    return "".join(
        (to_chinese_digits(n) if unit == "年" else to_chinese_integer(n)) + unit
        for n, unit in parts
    )
