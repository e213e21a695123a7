"""
Tests for dates, partial dates, periods and plan periods.
"""

from __future__ import annotations

import contextlib
import pickle
from datetime import UTC, date, datetime, timedelta, timezone

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxai_policy.errors import ValidationError
from gxai_policy.rules import RULES
from gxai_policy.strategies._dates import (
    dates,
    invalid_date_texts,
    invalid_partial_date_texts,
    invalid_period_texts,
    partial_dates,
    periods,
    plan_periods,
    shanghai_datetimes,
)
from gxai_policy.values.dates import (
    SHANGHAI,
    PartialDate,
    Period,
    PlanPeriod,
    format_date_zh,
    parse_date,
    read_when,
    shanghai_datetime,
)

D = pendulum.Date


def codes_of(call, *args, **kwargs):
    """
    Call and return the codes of the ValidationError it raises (fails if it does not).
    """
    with pytest.raises(ValidationError) as info:
        call(*args, **kwargs)
    return info.value.codes


def span(value):
    """
    The first and last day of a Date, PartialDate or Period.
    """
    if isinstance(value, PartialDate):
        return value.first_day(), value.last_day()
    if isinstance(value, Period):
        return value.start, value.end
    return value, value


class TestShanghaiDatetime:
    def test_converts_aware_datetimes(self):
        """
        An aware datetime comes back as the same instant in Asia/Shanghai.
        """
        moment = shanghai_datetime(datetime(2021, 4, 27, 2, 0, tzinfo=UTC))

        assert pendulum.datetime(2021, 4, 27, 10, 0, tz=SHANGHAI) == moment
        assert "Asia/Shanghai" == moment.timezone_name

    def test_reads_iso_text_with_offset(self):
        """
        ISO 8601 text with an offset, full-width digits too, is read.
        """
        assert pendulum.datetime(2021, 4, 27, 10, tz=SHANGHAI) == shanghai_datetime(
            "２０２１-04-27T10:00:00+08:00"
        )

    def test_refuses_naive_datetimes(self):
        """
        A datetime without offset is refused, not assumed UTC.
        """
        assert ("datetime.naive",) == codes_of(shanghai_datetime, datetime(2021, 4, 27, 10))  # noqa: DTZ001

    def test_refuses_naive_text(self):
        """
        ISO text without offset is refused as naive.
        """
        assert ("datetime.naive",) == codes_of(shanghai_datetime, "2021-04-27T10:00:00")

    def test_refuses_unreadable_text(self):
        """
        Text that is not ISO 8601 is refused as invalid.
        """
        assert ("datetime.invalid",) == codes_of(shanghai_datetime, "2021-04-27 上午十点")

    def test_refuses_a_plain_date(self):
        """
        A date is not a datetime.
        """
        assert ("datetime.invalid",) == codes_of(shanghai_datetime, date(2021, 4, 27))

    def test_refuses_years_out_of_range(self):
        """
        A datetime outside 1900–2100 is refused before any conversion can overflow.
        """
        moment = datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=-5)))

        assert ("date.out_of_range",) == codes_of(shanghai_datetime, moment)

    @given(shanghai_datetimes())
    def test_iso_round_trip(self, moment):
        """
        The ISO text of a Shanghai datetime reads back to it.
        """
        assert moment == shanghai_datetime(moment.isoformat())

    @given(st.text())
    def test_any_text_raises_only_validation_error(self, text):
        """
        Arbitrary text gives a Shanghai datetime or a ValidationError, nothing else.
        """
        with contextlib.suppress(ValidationError):
            shanghai_datetime(text)


class TestPartialDate:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2021", PartialDate(2021)),
            ("2021-06", PartialDate(2021, 6)),
            ("2021/6", PartialDate(2021, 6)),
            ("2021年", PartialDate(2021)),
            ("2021年度", PartialDate(2021)),
            ("2021年6月", PartialDate(2021, 6)),
            ("2021年6月份", PartialDate(2021, 6)),
            ("二〇二一年六月", PartialDate(2021, 6)),
            ("二〇二一年十二月", PartialDate(2021, 12)),
            ("２０２１年　６月", PartialDate(2021, 6)),
        ],
    )
    def test_parse_forms(self, text, expected):
        """
        Every documented form reads to its year or month.
        """
        assert expected == PartialDate.parse(text)

    def test_str_is_the_wire_form(self):
        """
        str() writes YYYY or YYYY-MM.
        """
        assert ("2021", "2021-06") == (str(PartialDate(2021)), str(PartialDate(2021, 6)))

    def test_month_out_of_range(self):
        """
        Month 13 is refused as impossible, at the month.
        """
        with pytest.raises(ValidationError) as info:
            PartialDate(2021, 13)

        assert [("date.impossible", "/month")] == [(v.code, v.path) for v in info.value.violations]

    def test_year_out_of_range(self):
        """
        A year outside 1900–2100 is refused as out of range, at the year.
        """
        with pytest.raises(ValidationError) as info:
            PartialDate(1899)

        assert [("date.out_of_range", "/year")] == [(v.code, v.path) for v in info.value.violations]

    def test_collects_every_violation(self):
        """
        A bad year and a bad month are both reported.
        """
        assert ("date.out_of_range", "date.impossible") == codes_of(PartialDate, 1800, 0)

    def test_refuses_non_integers(self):
        """
        A year that is not an int is refused with a code, not a TypeError.
        """
        assert ("date.invalid", "date.invalid") == codes_of(PartialDate, "2021", month=True)

    def test_parse_refuses_a_full_date(self):
        """
        A full date is not a year or month.
        """
        assert ("date.invalid",) == codes_of(PartialDate.parse, "2021-04-27")

    def test_parse_reports_at_the_root(self):
        """
        A parsed text reports at the value itself, not at a field.
        """
        with pytest.raises(ValidationError) as info:
            PartialDate.parse("2021年13月")

        assert "" == info.value.violations[0].path

    def test_first_and_last_day(self):
        """
        The first and last day of a month and a year, leap February included.
        """
        assert (D(2024, 2, 1), D(2024, 2, 29), D(2021, 1, 1), D(2021, 12, 31)) == (
            PartialDate(2024, 2).first_day(),
            PartialDate(2024, 2).last_day(),
            PartialDate(2021).first_day(),
            PartialDate(2021).last_day(),
        )

    def test_contains(self):
        """
        A month contains its days and no other.
        """
        june = PartialDate(2021, 6)

        assert (True, True, False, False) == (
            june.contains(D(2021, 6, 1)),
            june.contains(date(2021, 6, 30)),
            june.contains(D(2021, 7, 1)),
            june.contains(D(2020, 6, 15)),
        )

    def test_contains_counts_datetimes_in_shanghai(self):
        """
        A datetime falls on its Beijing calendar day.
        """
        late_utc = datetime(2021, 6, 30, 20, 0, tzinfo=UTC)  # 1 July in Beijing

        assert not PartialDate(2021, 6).contains(late_utc)

    def test_a_year_sorts_before_its_months(self):
        """
        2021 < 2021-01 < 2021-12 < 2022.
        """
        values = [PartialDate(2022), PartialDate(2021, 12), PartialDate(2021, 1), PartialDate(2021)]

        assert [
            PartialDate(2021),
            PartialDate(2021, 1),
            PartialDate(2021, 12),
            PartialDate(2022),
        ] == sorted(values)

    def test_pickles(self):
        """
        A partial date survives pickling.
        """
        assert PartialDate(2021, 6) == pickle.loads(pickle.dumps(PartialDate(2021, 6)))

    @given(partial_dates())
    def test_round_trip(self, value):
        """
        parse(str(x)) == x, and the Chinese form reads back too.
        """
        assert (value, value) == (
            PartialDate.parse(str(value)),
            PartialDate.parse(format_date_zh(value, numerals=True)),
        )

    @given(partial_dates())
    def test_contains_its_first_and_last_day(self, value):
        """
        A partial date contains its first and last day, and not the days around them.
        """
        first, last = value.first_day(), value.last_day()

        assert (True, True, False, False) == (
            value.contains(first),
            value.contains(last),
            value.contains(first.subtract(days=1)),
            value.contains(last.add(days=1)),
        )

    @given(partial_dates(), partial_dates())
    def test_order_follows_first_days(self, a, b):
        """
        Sorting agrees with first days, a year before its own months.
        """
        assert (a < b) == ((a.first_day(), a.month or 0) < (b.first_day(), b.month or 0))

    @given(invalid_partial_date_texts())
    def test_each_rule_rejects_with_its_own_code(self, case):
        """
        Each bad text is refused with the code of the rule it breaks.
        """
        text, code = case

        assert code in codes_of(PartialDate.parse, text)

    @given(st.text())
    def test_any_text_raises_only_validation_error(self, text):
        """
        Arbitrary text gives a partial date or a ValidationError, nothing else.
        """
        with contextlib.suppress(ValidationError):
            PartialDate.parse(text)


class TestParseDate:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2021年4月27日", D(2021, 4, 27)),
            ("2019年03月08日", D(2019, 3, 8)),
            ("2021年4月27号", D(2021, 4, 27)),
            ("2021-04-27", D(2021, 4, 27)),
            ("2021/4/27", D(2021, 4, 27)),
            ("2021.4.27", D(2021, 4, 27)),
            ("二〇二一年四月二十七日", D(2021, 4, 27)),
            ("二〇〇六年九月五日", D(2006, 9, 5)),
            ("二OO六年九月五日", D(2006, 9, 5)),
            ("二ＯＯ六年九月五日", D(2006, 9, 5)),
            ("二〇二〇年十二月三十一日", D(2020, 12, 31)),
            ("2021年6月底", D(2021, 6, 30)),
            ("2021年6月末", D(2021, 6, 30)),
            ("2024年2月底", D(2024, 2, 29)),
            ("2020年底", D(2020, 12, 31)),
            ("２０２１年４月２７日", D(2021, 4, 27)),
            (" 2021 年 4 月 27 日 ", D(2021, 4, 27)),
            ("2021\u3000年4月27日\n", D(2021, 4, 27)),
        ],
    )
    def test_forms(self, text, expected):
        """
        Every documented form reads to its day.
        """
        assert expected == parse_date(text)

    def test_returns_pendulum_dates(self):
        """
        The result is a pendulum.Date, not a stdlib date or a DateTime.
        """
        assert pendulum.Date is type(parse_date("2021-04-27"))

    @pytest.mark.parametrize(
        "text", ["2021年2月30日", "2021年2月29日", "2021-04-31", "2021年13月1日", "2021年4月0日"]
    )
    def test_impossible_dates(self, text):
        """
        A day that is not on the calendar is refused as impossible.
        """
        assert ("date.impossible",) == codes_of(parse_date, text)

    def test_leap_day(self):
        """
        29 February exists in leap years.
        """
        assert D(2024, 2, 29) == parse_date("2024年2月29日")

    @pytest.mark.parametrize(
        "text",
        [
            "2021-04-27T10:00:00",
            "2021-04-27 10:00",
            "2021年4月",
            "2021年",
            "2021年上半年",
            "",
            "明天",
        ],
    )
    def test_not_a_date(self, text):
        """
        A datetime, a month, a year, a period or prose is not a date.
        """
        assert ("date.invalid",) == codes_of(parse_date, text)

    def test_out_of_range(self):
        """
        A year outside 1900–2100 is refused as out of range.
        """
        assert ("date.out_of_range",) == codes_of(parse_date, "1899年12月31日")

    @given(dates())
    def test_iso_round_trip(self, day):
        """
        The ISO form of a date reads back to it.
        """
        assert day == parse_date(day.isoformat())

    @given(dates(min_year=1900, max_year=2100), st.booleans())
    def test_chinese_round_trip(self, day, numerals):
        """
        format_date_zh, with Arabic digits or Chinese numerals, reads back.
        """
        assert day == parse_date(format_date_zh(day, numerals=numerals))

    @given(invalid_date_texts())
    def test_each_rule_rejects_with_its_own_code(self, case):
        """
        Each bad text is refused with the code of the rule it breaks.
        """
        text, code = case

        assert code in codes_of(parse_date, text)

    @given(st.text())
    def test_any_text_raises_only_validation_error(self, text):
        """
        Arbitrary text gives a date or a ValidationError, nothing else.
        """
        with contextlib.suppress(ValidationError):
            parse_date(text)

    @given(
        st.from_regex(r"[0-9二〇O十一九五]{4}[年./-][0-9十一二]{1,3}[月./-][0-9十二三]{1,4}[日号]?")
    )
    def test_date_shaped_text_raises_only_validation_error(self, text):
        """
        Text shaped like a date, mostly not one, never escapes as another exception.
        """
        with contextlib.suppress(ValidationError):
            parse_date(text)


class TestReadWhen:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2021年4月27日", D(2021, 4, 27)),
            ("2021年6月底", D(2021, 6, 30)),
            ("2021年4月", PartialDate(2021, 4)),
            ("2021年", PartialDate(2021)),
            ("2021年上半年", Period(D(2021, 1, 1), D(2021, 6, 30))),
            ("2020—2021年", Period(D(2020, 1, 1), D(2021, 12, 31))),
            ("“十四五”时期", Period(D(2021, 1, 1), D(2025, 12, 31))),
        ],
    )
    def test_most_precise(self, text, expected):
        """
        The text reads to the most precise thing it states, of the right type.
        """
        found = read_when(text)

        assert (type(expected), expected) == (type(found), found)

    def test_unreadable(self):
        """
        Text that states no time is refused as date.invalid.
        """
        assert ("date.invalid",) == codes_of(read_when, "2021年中")

    def test_inverted_range(self):
        """
        A range that ends before it starts is refused as inverted.
        """
        assert ("period.inverted",) == codes_of(read_when, "2021年至2020年")

    @given(st.one_of(dates(), partial_dates(), periods()))
    def test_reads_back_every_written_form(self, value):
        """
        The str (or Chinese form) of a date, partial date or period reads back to its days.
        """
        text = str(value) if not isinstance(value, pendulum.Date) else format_date_zh(value)

        assert span(value) == span(read_when(text))

    @given(st.text())
    def test_any_text_raises_only_validation_error(self, text):
        """
        Arbitrary text gives a time or a ValidationError, nothing else.
        """
        with contextlib.suppress(ValidationError):
            read_when(text)


class TestPeriod:
    @pytest.mark.parametrize(
        ("text", "start", "end"),
        [
            ("2021年上半年", D(2021, 1, 1), D(2021, 6, 30)),
            ("2021年下半年", D(2021, 7, 1), D(2021, 12, 31)),
            ("2021年第一季度", D(2021, 1, 1), D(2021, 3, 31)),
            ("2021年第二季度", D(2021, 4, 1), D(2021, 6, 30)),
            ("2021年第三季度", D(2021, 7, 1), D(2021, 9, 30)),
            ("2021年第四季度", D(2021, 10, 1), D(2021, 12, 31)),
            ("2021年一季度", D(2021, 1, 1), D(2021, 3, 31)),
            ("2020—2021年", D(2020, 1, 1), D(2021, 12, 31)),
            ("2020-2021年", D(2020, 1, 1), D(2021, 12, 31)),
            ("２０２０－２０２１年", D(2020, 1, 1), D(2021, 12, 31)),
            ("2016年至2020年", D(2016, 1, 1), D(2020, 12, 31)),
            ("2021年4月至6月", D(2021, 4, 1), D(2021, 6, 30)),
            ("2021年4月27日至2021年6月30日", D(2021, 4, 27), D(2021, 6, 30)),
            ("2021年", D(2021, 1, 1), D(2021, 12, 31)),
            ("2021年4月27日", D(2021, 4, 27), D(2021, 4, 27)),
            ("十三五", D(2016, 1, 1), D(2020, 12, 31)),
        ],
    )
    def test_parse_forms(self, text, start, end):
        """
        Every documented form reads to its first and last day.
        """
        period = Period.parse(text)

        assert (start, end) == (period.start, period.end)

    @pytest.mark.parametrize(
        ("period", "text"),
        [
            (Period(D(2021, 1, 1), D(2021, 12, 31)), "2021年"),
            (Period(D(2016, 1, 1), D(2020, 12, 31)), "2016—2020年"),
            (Period(D(2021, 1, 1), D(2021, 6, 30)), "2021年上半年"),
            (Period(D(2021, 7, 1), D(2021, 9, 30)), "2021年第三季度"),
            (Period(D(2021, 4, 1), D(2021, 4, 30)), "2021年4月"),
            (Period(D(2021, 4, 1), D(2021, 5, 31)), "2021年4月至2021年5月"),
            (Period(D(2021, 11, 1), D(2022, 2, 28)), "2021年11月至2022年2月"),
            (Period(D(2021, 4, 27), D(2021, 4, 27)), "2021年4月27日"),
            (Period(D(2021, 4, 27), D(2021, 6, 30)), "2021年4月27日至2021年6月30日"),
        ],
    )
    def test_str_forms(self, period, text):
        """
        str() is the shortest Chinese form that states the days exactly.
        """
        assert text == str(period)

    def test_contains(self):
        """
        A period contains the days, months and periods within it, ends included.
        """
        h1 = Period(D(2021, 1, 1), D(2021, 6, 30))

        assert (True, True, False, True, False, True, False) == (
            h1.contains(D(2021, 1, 1)),
            h1.contains(D(2021, 6, 30)),
            h1.contains(D(2021, 7, 1)),
            h1.contains(PartialDate(2021, 6)),
            h1.contains(PartialDate(2021)),
            h1.contains(Period.parse("2021年第二季度")),
            h1.contains(Period.parse("2021年第三季度")),
        )

    def test_inverted(self):
        """
        A period that starts after its end is refused as inverted.
        """
        assert ("period.inverted",) == codes_of(Period, D(2021, 2, 1), D(2021, 1, 1))

    def test_unreadable(self):
        """
        Text that is not a period is refused as period.invalid.
        """
        assert ("period.invalid",) == codes_of(Period.parse, "2021年中")

    def test_impossible_end(self):
        """
        A range with an impossible day is refused as impossible.
        """
        assert ("date.impossible",) == codes_of(Period.parse, "2021年2月1日至2021年2月30日")

    def test_out_of_range_days(self):
        """
        Days outside 1900–2100 are refused, each at its field.
        """
        with pytest.raises(ValidationError) as info:
            Period(D(1899, 1, 1), D(2101, 1, 1))

        assert [("date.out_of_range", "/start"), ("date.out_of_range", "/end")] == [
            (v.code, v.path) for v in info.value.violations
        ]

    def test_refuses_datetimes(self):
        """
        A datetime is not a day: refused with a code, not compared.
        """
        assert ("date.invalid",) == codes_of(Period, pendulum.datetime(2021, 1, 1), D(2021, 12, 31))

    def test_converts_stdlib_dates(self):
        """
        A stdlib date becomes the same pendulum.Date.
        """
        period = Period(date(2021, 1, 1), date(2021, 6, 30))

        assert (pendulum.Date, Period.parse("2021年上半年")) == (type(period.start), period)

    def test_label_is_not_part_of_equality(self):
        """
        Two periods with the same days are equal and hash alike, whatever their labels.
        """
        named = Period(D(2021, 1, 1), D(2025, 12, 31), "十四五")
        bare = Period(D(2021, 1, 1), D(2025, 12, 31))

        assert (named, hash(named), "十四五") == (bare, hash(bare), named.label)

    def test_plan_names_keep_their_label(self):
        """
        A plan period's name is kept as the label.
        """
        assert "十四五" == Period.parse("“十四五”期间").label

    def test_pickles(self):
        """
        A period survives pickling, label included.
        """
        period = PlanPeriod.FYP14.period

        assert ("十四五", period) == (pickle.loads(pickle.dumps(period)).label, period)

    @given(periods())
    def test_round_trip(self, period):
        """
        parse(str(x)) == x.
        """
        assert period == Period.parse(str(period))

    @given(periods(), dates())
    def test_contains_agrees_with_the_ends(self, period, day):
        """
        A day is contained exactly when it lies between the ends.
        """
        assert (period.start <= day <= period.end) == period.contains(day)

    @given(invalid_period_texts())
    def test_each_rule_rejects_with_its_own_code(self, case):
        """
        Each bad text is refused with the code of the rule it breaks.
        """
        text, code = case

        assert code in codes_of(Period.parse, text)

    @given(st.text())
    def test_any_text_raises_only_validation_error(self, text):
        """
        Arbitrary text gives a period or a ValidationError, nothing else.
        """
        with contextlib.suppress(ValidationError):
            Period.parse(text)


class TestFormatDateZh:
    def test_arabic_digits(self):
        """
        GB/T 9704-2012 writes Arabic digits without leading zeros.
        """
        assert "2019年3月8日" == format_date_zh(D(2019, 3, 8))

    def test_chinese_numerals(self):
        """
        The older style writes Chinese numerals, the year digit by digit.
        """
        assert ("二〇二一年四月二十七日", "二〇〇六年十月十日") == (
            format_date_zh(D(2021, 4, 27), numerals=True),
            format_date_zh(date(2006, 10, 10), numerals=True),
        )

    def test_partial_dates(self):
        """
        A month or a year is written without the missing parts.
        """
        assert ("2021年6月", "二〇二一年") == (
            format_date_zh(PartialDate(2021, 6)),
            format_date_zh(PartialDate(2021), numerals=True),
        )


class TestPlanPeriod:
    def test_boundaries(self):
        """
        2020-12-31 is in 十三五 and 2021-01-01 in 十四五, not the other.
        """
        assert (True, False, False, True) == (
            PlanPeriod.FYP13.contains(D(2020, 12, 31)),
            PlanPeriod.FYP14.contains(D(2020, 12, 31)),
            PlanPeriod.FYP13.contains(D(2021, 1, 1)),
            PlanPeriod.FYP14.contains(D(2021, 1, 1)),
        )

    def test_of(self):
        """
        of() finds the plan of a day, month or year, and None outside 2016–2030.
        """
        assert (
            PlanPeriod.FYP13,
            PlanPeriod.FYP14,
            PlanPeriod.FYP15,
            None,
            None,
        ) == (
            PlanPeriod.of(D(2020, 12, 31)),
            PlanPeriod.of(D(2021, 1, 1)),
            PlanPeriod.of(PartialDate(2030, 12)),
            PlanPeriod.of(D(2015, 12, 31)),
            PlanPeriod.of(PartialDate(2031)),
        )

    def test_years(self):
        """
        Each plan spans its five years.
        """
        assert [(2016, 2020), (2021, 2025), (2026, 2030)] == [
            (p.start_year, p.end_year) for p in PlanPeriod
        ]

    def test_labels(self):
        """
        The labels are the names documents use.
        """
        assert ("十四五", "14th Five-Year Plan") == (
            PlanPeriod.FYP14.label_zh,
            PlanPeriod.FYP14.label_en,
        )

    @pytest.mark.parametrize(
        "text",
        [
            "十四五",
            "“十四五”",
            '"十四五"',
            "＂十四五＂",
            "十四五时期",
            "“十四五”期间",
            " 十四五 规划 ",
            "第十四个五年规划",
            "14th Five-Year Plan",
            "fyp14",
        ],
    )
    def test_aliases(self, text):
        """
        The plan is read however documents quote or qualify its name.
        """
        assert PlanPeriod.FYP14 is PlanPeriod.parse(text)

    def test_unknown(self):
        """
        A plan the library does not hold is refused.
        """
        assert ("codelist.unknown_label",) == codes_of(PlanPeriod.parse, "十二五")

    def test_contains_months_and_periods(self):
        """
        A plan contains the months and periods wholly within it.
        """
        assert (True, False) == (
            PlanPeriod.FYP14.contains(PartialDate(2025, 12)),
            PlanPeriod.FYP14.contains(Period.parse("2020—2021年")),
        )

    @given(plan_periods())
    def test_period_round_trip(self, plan):
        """
        A plan's period reads back from its str, and from the plan's name.
        """
        assert (plan.period, plan.period) == (
            Period.parse(str(plan.period)),
            Period.parse(plan.label_zh),
        )

    @given(dates(min_year=2016, max_year=2030))
    def test_of_contains(self, day):
        """
        The plan of() a day contains it.
        """
        plan = PlanPeriod.of(day)

        assert plan is not None
        assert plan.contains(day)


class TestRules:
    def test_the_rules_are_defined(self):
        """
        The module defines the date, datetime and period rules.
        """
        assert {
            "date.invalid",
            "date.impossible",
            "date.out_of_range",
            "datetime.invalid",
            "datetime.naive",
            "period.invalid",
            "period.inverted",
        } <= set(RULES)
