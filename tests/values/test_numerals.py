"""
Chinese numerals and full-width digits.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxai_policy.values.numerals import (
    fold_width,
    parse_chinese_integer,
    parse_integer,
    to_chinese_digits,
    to_chinese_integer,
)


class TestChineseIntegers:
    @given(st.integers(min_value=0, max_value=99_999_999))
    def test_unit_numerals_round_trip(self, n):
        """
        Any number below 10^8 written in unit numerals reads back as itself.
        """
        assert n == parse_chinese_integer(to_chinese_integer(n))

    @given(st.integers(min_value=0, max_value=10**12))
    def test_digit_strings_round_trip(self, n):
        """
        Any number written digit by digit (as years are) reads back as itself.
        """
        assert n == parse_chinese_integer(to_chinese_digits(n))

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("十二", 12),
            ("二十七", 27),
            ("一百零五", 105),
            ("一万零一十", 10010),
            ("一亿零一万", 100_010_000),
            ("三千四百万", 34_000_000),
            ("三亿四千万", 340_000_000),
            ("二〇二一", 2021),
            ("二OO六", 2006),
            ("两", 2),
        ],
    )
    def test_reads_the_forms_documents_use(self, text, expected):
        """
        Unit numerals, digit strings (with the letter O for 〇) and 两 read right.
        """
        assert expected == parse_chinese_integer(text)

    @pytest.mark.parametrize("text", ["", "十二号", "OO", "abc"])
    def test_refuses_what_is_not_a_numeral(self, text):
        """
        Empty text, trailing words and bare letters are not numerals.
        """
        with pytest.raises(ValueError, match="not a Chinese numeral"):
            parse_chinese_integer(text)

    def test_writers_refuse_out_of_range(self):
        """
        Negative numbers and numbers from 10^8 cannot be written.
        """
        with pytest.raises(ValueError, match="out of range"):
            to_chinese_integer(100_000_000)
        with pytest.raises(ValueError, match="negative"):
            to_chinese_digits(-1)


class TestWidth:
    def test_folds_full_width_ascii_only(self):
        """
        Full-width digits and brackets fold to ASCII; Chinese punctuation stays.
        """
        assert "12(2021)、《》〔〕" == fold_width("１２（２０２１）、《》〔〕")

    @given(st.integers(min_value=0, max_value=10**9))
    def test_parse_integer_reads_every_script(self, n):
        """
        ASCII, full-width and Chinese-digit forms of a number read the same.
        """
        full = str(n).translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
        assert (
            n == parse_integer(str(n)) == parse_integer(full) == parse_integer(to_chinese_digits(n))
        )
