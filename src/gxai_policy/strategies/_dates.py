"""
Hypothesis strategies for dates, periods, plan periods and sessions.

Every strategy yields valid values by construction; the ``invalid_*``
strategies yield ``(text, code)`` pairs: text that the reader must refuse, and
the rule code it must refuse it with.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pendulum
from hypothesis import strategies as st

from gxai_policy.values.codelists import Body
from gxai_policy.values.dates import (
    MAX_YEAR,
    MIN_YEAR,
    PartialDate,
    Period,
    PlanPeriod,
    format_date_zh,
    shanghai_datetime,
)
from gxai_policy.values.numerals import to_chinese_integer
from gxai_policy.values.session import (
    GUANGXI,
    LEVELS,
    MAX_MEETING,
    MAX_TERM,
    Session,
    known_year,
)

__all__ = [
    "dates",
    "invalid_date_texts",
    "invalid_partial_date_texts",
    "invalid_period_texts",
    "invalid_session_texts",
    "partial_dates",
    "periods",
    "plan_periods",
    "sessions",
    "shanghai_datetimes",
]

#: Places a session may name: Guangxi, its 14 cities, some counties and
#: districts, and places elsewhere, every suffix of `LEVELS` among them.
_REGIONS = (
    GUANGXI,
    *(
        f"{city}市"
        for city in (
            "南宁", "柳州", "桂林", "梧州", "北海", "防城港", "钦州",
            "贵港", "玉林", "百色", "贺州", "河池", "来宾", "崇左",
        )
    ),
    "青秀区", "兴宁区", "三江侗族自治县", "恭城瑶族自治县", "阳朔县",
    "广东省", "云南省", "西藏自治区", "延边朝鲜族自治州", "甘孜藏族自治州",
    "阿拉善盟", "鄂温克族自治旗", "正蓝旗", "恩施州",
)  # fmt: skip


def _check_years(min_year: int, max_year: int) -> None:
    if not MIN_YEAR <= min_year <= max_year <= MAX_YEAR:
        raise ValueError(
            f"need {MIN_YEAR} <= min_year <= max_year <= {MAX_YEAR}, got {min_year}, {max_year}"
        )


def _to_pendulum(value: date) -> pendulum.Date:
    return pendulum.Date(value.year, value.month, value.day)


def dates(*, min_year: int = 1990, max_year: int = 2035) -> st.SearchStrategy[pendulum.Date]:
    """
    Days (`pendulum.Date`) from 1 January of *min_year* to 31 December of *max_year*.

    >>> from hypothesis import given, settings
    >>> from gxai_policy.values.dates import parse_date
    >>> @settings(max_examples=20)
    ... @given(dates(min_year=2021, max_year=2021))
    ... def check(day):
    ...     assert day.year == 2021 and parse_date(str(day)) == day
    >>> check()
    >>> dates(min_year=1800)
    Traceback (most recent call last):
      ...
    ValueError: need 1900 <= min_year <= max_year <= 2100, got 1800, 2035
    """
    _check_years(min_year, max_year)
    return st.dates(date(min_year, 1, 1), date(max_year, 12, 31)).map(_to_pendulum)


def shanghai_datetimes(
    *, min_year: int = 1990, max_year: int = 2035
) -> st.SearchStrategy[pendulum.DateTime]:
    """
    Aware datetimes in Asia/Shanghai, as `shanghai_datetime` returns them.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(shanghai_datetimes())
    ... def check(moment):
    ...     assert shanghai_datetime(moment.isoformat()) == moment
    >>> check()
    >>> shanghai_datetimes(min_year=2030, max_year=2020)
    Traceback (most recent call last):
      ...
    ValueError: need 1900 <= min_year <= max_year <= 2100, got 2030, 2020
    """
    _check_years(min_year, max_year)
    naive = st.datetimes(datetime(min_year, 1, 2), datetime(max_year, 12, 30))  # noqa: DTZ001
    return naive.map(lambda dt: shanghai_datetime(dt.replace(tzinfo=UTC)))


def partial_dates(*, min_year: int = 1990, max_year: int = 2035) -> st.SearchStrategy[PartialDate]:
    """
    Years and year-months (`PartialDate`).

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(partial_dates())
    ... def check(when):
    ...     assert PartialDate.parse(str(when)) == when
    >>> check()
    >>> partial_dates(max_year=2200)
    Traceback (most recent call last):
      ...
    ValueError: need 1900 <= min_year <= max_year <= 2100, got 1990, 2200
    """
    _check_years(min_year, max_year)
    return st.builds(
        PartialDate,
        st.integers(min_year, max_year),
        st.none() | st.integers(1, 12),
    )


def _month_span(year: int, first: int, last: int) -> Period:
    return Period(pendulum.Date(year, first, 1), pendulum.Date(year, last, 1).end_of("month"))


@st.composite
def _spans(draw: st.DrawFn, min_year: int, max_year: int) -> Period:
    # The named forms (half years, quarters, whole years and months) besides
    # arbitrary days, so that every form of ``str(period)`` is exercised.
    kind = draw(st.sampled_from(("years", "half", "quarter", "months")))
    year = draw(st.integers(min_year, max_year))
    if kind == "years":
        last = draw(st.integers(year, max_year))
        return Period(pendulum.Date(year, 1, 1), pendulum.Date(last, 12, 31))
    if kind == "half":
        half = draw(st.sampled_from(((1, 6), (7, 12))))
        return _month_span(year, *half)
    if kind == "quarter":
        q = draw(st.integers(1, 4))
        return _month_span(year, 3 * q - 2, 3 * q)
    first = draw(st.integers(1, 12))
    last = draw(st.integers(first, 12))
    return _month_span(year, first, last)


@st.composite
def _day_spans(draw: st.DrawFn, min_year: int, max_year: int) -> Period:
    a = draw(dates(min_year=min_year, max_year=max_year))
    b = draw(dates(min_year=min_year, max_year=max_year))
    return Period(min(a, b), max(a, b))


def periods(*, min_year: int = 1990, max_year: int = 2035) -> st.SearchStrategy[Period]:
    """
    Periods within *min_year*–*max_year*: arbitrary days, the named forms, plan periods.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(periods())
    ... def check(period):
    ...     assert Period.parse(str(period)) == period
    >>> check()
    >>> periods(min_year=0)
    Traceback (most recent call last):
      ...
    ValueError: need 1900 <= min_year <= max_year <= 2100, got 0, 2035
    """
    _check_years(min_year, max_year)
    return st.one_of(
        _day_spans(min_year, max_year),
        _spans(min_year, max_year),
        plan_periods().map(lambda p: p.period),
    )


def plan_periods() -> st.SearchStrategy[PlanPeriod]:
    """
    The plan periods: 十三五, 十四五, 十五五.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(plan_periods())
    ... def check(plan):
    ...     assert PlanPeriod.parse(plan.label_zh) is plan
    >>> check()
    """
    return st.sampled_from(PlanPeriod)


@st.composite
def _sessions(draw: st.DrawFn, min_year: int, max_year: int) -> Session:
    body = draw(st.sampled_from(Body))
    term = draw(st.integers(1, MAX_TERM))
    meeting = draw(st.integers(1, MAX_MEETING))
    place = draw(st.sampled_from(("none", "level", "region")))
    level = draw(st.sampled_from(LEVELS)) if place == "level" else None
    region = draw(st.sampled_from(_REGIONS)) if place == "region" else None
    # Construction fills the level from the region and the year where known.
    known = Session(body, term, meeting, level, region, None)
    if known.year is not None:
        return known
    return Session(
        body, term, meeting, level, region, draw(st.none() | st.integers(min_year, max_year))
    )


def sessions(*, min_year: int = 1990, max_year: int = 2035) -> st.SearchStrategy[Session]:
    """
    Sessions of any body, level and region.

    The year is the one `known_year` knows, else none or one of
    *min_year*–*max_year*.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(sessions())
    ... def check(session):
    ...     assert Session.parse(str(session)) == session
    >>> check()
    >>> sessions(min_year=2040, max_year=2030)
    Traceback (most recent call last):
      ...
    ValueError: need 1900 <= min_year <= max_year <= 2100, got 2040, 2030
    """
    _check_years(min_year, max_year)
    return _sessions(min_year, max_year)


# --------------------------------------------------------------------------
# Invalid input


def _days_in_month(year: int, month: int) -> int:
    return int(pendulum.Date(year, month, 1).days_in_month)


def _write(year: int, month: int, day: int, form: str) -> str:
    if form == "iso":
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{year}年{month}月{day}日"


@st.composite
def _impossible_dates(draw: st.DrawFn) -> tuple[str, str]:
    year = draw(st.integers(MIN_YEAR, MAX_YEAR))
    form = draw(st.sampled_from(("iso", "zh")))
    if draw(st.booleans()):
        return _write(year, draw(st.integers(13, 99)), draw(st.integers(1, 28)), form), (
            "date.impossible"
        )
    month = draw(st.integers(1, 12))
    day = draw(st.sampled_from((0, *range(_days_in_month(year, month) + 1, 32))))
    return _write(year, month, day, form), "date.impossible"


@st.composite
def _out_of_range_dates(draw: st.DrawFn) -> tuple[str, str]:
    year = draw(st.integers(1000, MIN_YEAR - 1) | st.integers(MAX_YEAR + 1, 9999))
    month, day = draw(st.integers(1, 12)), draw(st.integers(1, 28))
    return _write(year, month, day, draw(st.sampled_from(("iso", "zh")))), "date.out_of_range"


@st.composite
def _unreadable_dates(draw: st.DrawFn) -> tuple[str, str]:
    day = draw(dates())
    kind = draw(st.sampled_from(("datetime", "month", "suffix", "prefix")))
    if kind == "datetime":
        return f"{day.isoformat()}T{draw(st.integers(0, 23)):02d}:00:00", "date.invalid"
    if kind == "month":
        return format_date_zh(PartialDate(day.year, day.month)), "date.invalid"
    if kind == "suffix":
        return format_date_zh(day) + draw(st.sampled_from(("前", "左右", "上午", "号"))), (
            "date.invalid"
        )
    return draw(st.sampled_from(("约", "大约", "截至", "明年"))) + format_date_zh(day), (
        "date.invalid"
    )


def invalid_date_texts() -> st.SearchStrategy[tuple[str, str]]:
    """
    ``(text, code)`` pairs that `parse_date` refuses with that code.

    >>> from hypothesis import given, settings
    >>> from gxai_policy.errors import ValidationError
    >>> from gxai_policy.values.dates import parse_date
    >>> @settings(max_examples=20)
    ... @given(invalid_date_texts())
    ... def check(case):
    ...     text, code = case
    ...     try:
    ...         parse_date(text)
    ...     except ValidationError as e:
    ...         assert code in e.codes, (text, e.codes)
    ...     else:
    ...         raise AssertionError(text)
    >>> check()
    """
    return st.one_of(_impossible_dates(), _out_of_range_dates(), _unreadable_dates())


@st.composite
def _invalid_partial_dates(draw: st.DrawFn) -> tuple[str, str]:
    kind = draw(st.sampled_from(("month", "year", "full")))
    if kind == "month":
        year, month = draw(st.integers(MIN_YEAR, MAX_YEAR)), draw(st.integers(13, 99))
        text = draw(st.sampled_from((f"{year}-{month}", f"{year}年{month}月")))
        return text, "date.impossible"
    if kind == "year":
        year = draw(st.integers(1000, MIN_YEAR - 1) | st.integers(MAX_YEAR + 1, 9999))
        return draw(st.sampled_from((f"{year}", f"{year}年"))), "date.out_of_range"
    return draw(dates()).isoformat(), "date.invalid"


def invalid_partial_date_texts() -> st.SearchStrategy[tuple[str, str]]:
    """
    ``(text, code)`` pairs that `PartialDate.parse` refuses with that code.

    >>> from hypothesis import given, settings
    >>> from gxai_policy.errors import ValidationError
    >>> @settings(max_examples=20)
    ... @given(invalid_partial_date_texts())
    ... def check(case):
    ...     text, code = case
    ...     try:
    ...         PartialDate.parse(text)
    ...     except ValidationError as e:
    ...         assert code in e.codes, (text, e.codes)
    ...     else:
    ...         raise AssertionError(text)
    >>> check()
    """
    return _invalid_partial_dates()


@st.composite
def _invalid_periods(draw: st.DrawFn) -> tuple[str, str]:
    kind = draw(st.sampled_from(("years", "days", "junk")))
    if kind == "years":
        first = draw(st.integers(MIN_YEAR + 1, MAX_YEAR))
        last = draw(st.integers(MIN_YEAR, first - 1))
        sep = draw(st.sampled_from(("至", "—", "到")))
        return f"{first}年{sep}{last}年", "period.inverted"
    if kind == "days":
        end = draw(dates(max_year=2034))
        start = end.add(days=draw(st.integers(1, 400)))
        return f"{format_date_zh(start)}至{format_date_zh(end)}", "period.inverted"
    year = draw(st.integers(MIN_YEAR, MAX_YEAR))
    word = draw(st.sampled_from(("年中", "年初", "年上旬", "年春季", "年第五季度", "年中半年")))
    return f"{year}{word}", "period.invalid"


def invalid_period_texts() -> st.SearchStrategy[tuple[str, str]]:
    """
    ``(text, code)`` pairs that `Period.parse` refuses with that code.

    >>> from hypothesis import given, settings
    >>> from gxai_policy.errors import ValidationError
    >>> @settings(max_examples=20)
    ... @given(invalid_period_texts())
    ... def check(case):
    ...     text, code = case
    ...     try:
    ...         Period.parse(text)
    ...     except ValidationError as e:
    ...         assert code in e.codes, (text, e.codes)
    ...     else:
    ...         raise AssertionError(text)
    >>> check()
    """
    return _invalid_periods()


@st.composite
def _invalid_sessions(draw: st.DrawFn) -> tuple[str, str]:
    kind = draw(st.sampled_from(("term", "meeting", "year", "invalid")))
    zh = to_chinese_integer
    if kind == "term":
        term = draw(st.integers(MAX_TERM + 1, 99) | st.just(0))
        return f"政协{zh(term)}届{zh(draw(st.integers(1, 5)))}次会议", "session.out_of_range"
    if kind == "meeting":
        meeting = draw(st.integers(MAX_MEETING + 1, 99) | st.just(0))
        return f"{zh(draw(st.integers(1, 20)))}届人大{zh(meeting)}次会议", "session.out_of_range"
    if kind == "year":
        body, term = draw(
            st.sampled_from(
                ((Body.CPPCC, 11), (Body.CPPCC, 12), (Body.CPPCC, 13),
                 (Body.NPC, 12), (Body.NPC, 13), (Body.NPC, 14))
            )
        )  # fmt: skip
        meeting = draw(st.integers(1, 5))
        known = known_year(body, "自治区", term, meeting)
        wrong = draw(st.integers(MIN_YEAR, MAX_YEAR).filter(lambda y: y != known))
        session = Session(body, term, meeting, "自治区")
        return f"{session}（{wrong}年）", "session.year_mismatch"
    text = draw(
        st.sampled_from(
            ("十二届", "四次会议", "政协人大十二届四次会议", "十二届四次四次会议",
             "十三届全国人大常委会第五次会议", "百色政协十二届四次会议", "政协十二届会议")
        )
    )  # fmt: skip
    return text, "session.invalid"


def invalid_session_texts() -> st.SearchStrategy[tuple[str, str]]:
    """
    ``(text, code)`` pairs that `Session.parse` refuses with that code.

    >>> from hypothesis import given, settings
    >>> from gxai_policy.errors import ValidationError
    >>> @settings(max_examples=20)
    ... @given(invalid_session_texts())
    ... def check(case):
    ...     text, code = case
    ...     try:
    ...         Session.parse(text)
    ...     except ValidationError as e:
    ...         assert code in e.codes, (text, e.codes)
    ...     else:
    ...         raise AssertionError(text)
    >>> check()
    """
    return _invalid_sessions()
