"""
Tests for Money: exact, non-negative yuan.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxai_policy.errors import ValidationError
from gxai_policy.rules import RULES, Trigger
from gxai_policy.strategies._money import invalid_money_texts, moneys
from gxai_policy.values.money import Money

MONEY_CODES = {
    "money.invalid",
    "money.negative",
    "money.too_precise",
    "money.not_finite",
    "money.float",
    "money.too_large",
}


def codes_of(call: Callable[..., Any], *args: Any) -> tuple[str, ...]:
    """
    Call and return the codes of the ValidationError it raises (fails if it does not).
    """
    with pytest.raises(ValidationError) as info:
        call(*args)
    return info.value.codes


class TestMoneyConstruction:
    def test_decimal_positional(self) -> None:
        """A Decimal is the amount, given positionally."""
        assert Decimal(30) == Money(Decimal(30)).yuan

    def test_int(self) -> None:
        """An int is converted exactly."""
        assert Money(Decimal(300000)) == Money(300_000)

    def test_plain_decimal_string(self) -> None:
        """A plain decimal string (the wire form, as repr shows it) is accepted."""
        assert Money(Decimal("1200.5")) == Money("1200.50")

    def test_float_refused(self) -> None:
        """A float is refused with its own code, never converted."""
        assert ("money.float",) == codes_of(Money, 1.5)

    @pytest.mark.parametrize("value", [True, None, [1], "3万元", b"30"])
    def test_other_types_refused(self, value: Any) -> None:
        """Anything but a Decimal, an int or a plain decimal string is invalid."""
        assert ("money.invalid",) == codes_of(Money, value)

    def test_equal_forms_equal_hashes(self) -> None:
        """1.5 and 1.50 make the same amount with the same hash."""
        a, b = Money(Decimal("1.5")), Money(Decimal("1.50"))

        assert (a, hash(a)) == (b, hash(b))

    def test_normalised(self) -> None:
        """The amount is kept without exponent and trailing fractional zeros."""
        assert (Decimal(100), "100") == (
            Money(Decimal("1E+2")).yuan,
            str(Money(Decimal("1E+2")).yuan),
        )

    def test_negative_zero_is_zero(self) -> None:
        """-0 is zero, not negative."""
        assert Money.ZERO == Money(Decimal("-0.00"))

    def test_every_violation_at_once(self) -> None:
        """A negative amount finer than the fen breaks both rules, reported together."""
        assert ("money.negative", "money.too_precise") == codes_of(Money, Decimal("-0.001"))

    @pytest.mark.parametrize(
        ("value", "codes"),
        [
            (Decimal("NaN"), ("money.not_finite",)),
            (Decimal("sNaN"), ("money.not_finite",)),
            (Decimal("Infinity"), ("money.not_finite",)),
            (Decimal("-Infinity"), ("money.not_finite", "money.negative")),
        ],
    )
    def test_not_finite(self, value: Decimal, codes: tuple[str, ...]) -> None:
        """NaN and the infinities are refused (and -Infinity is negative too)."""
        assert codes == codes_of(Money, value)

    def test_too_large(self) -> None:
        """10^16 yuan is too large; one fen less is not."""
        assert ("money.too_large",) == codes_of(Money, 10**16)
        assert Decimal("9999999999999999.99") == Money(Decimal("9999999999999999.99")).yuan

    def test_trailing_zeros_are_not_precision(self) -> None:
        """Trailing fractional zeros never make an amount too precise."""
        assert (("money.too_large",), Decimal(1)) == (
            codes_of(Money, Decimal("100000000000000000.000")),
            Money.parse("1.000元").yuan,
        )

    @pytest.mark.parametrize(
        ("value", "code"),
        [
            (Decimal("1E+999999999"), "money.too_large"),
            (Decimal("1E-999999999"), "money.too_precise"),
        ],
    )
    def test_hostile_exponents(self, value: Decimal, code: str) -> None:
        """Huge exponents are refused at once, without writing out their digits."""
        assert (code,) == codes_of(Money, value)

    def test_repr(self) -> None:
        """The repr shows the amount in its wire form."""
        assert "Money('340000000')" == repr(Money(340_000_000))

    def test_pickle(self) -> None:
        """An amount pickles."""
        m = Money(Decimal("1200.5"))

        assert m == pickle.loads(pickle.dumps(m))

    @given(moneys())
    def test_strategy_constructs(self, m: Money) -> None:
        """Every strategy amount rebuilds from its own yuan."""
        assert m == Money(m.yuan)


class TestMoneyParse:
    @pytest.mark.parametrize(
        ("text", "yuan"),
        [
            ("3.4亿元", "340000000"),
            ("3400万元", "34000000"),
            ("30万元", "300000"),
            ("1,200.50元", "1200.5"),
            ("1200.5", "1200.5"),
            ("１２００元", "1200"),
            ("１，２００．５０元", "1200.5"),
            (" 30 万元 ", "300000"),
            ("3\u3000400万元", "34000000"),
            ("三十万元", "300000"),
            ("两百元", "200"),
            ("一亿零一万元", "100010000"),
            ("¥1200", "1200"),
            ("人民币30万元", "300000"),
            ("3.4億元", "340000000"),
            ("0", "0"),
            ("0.01元", "0.01"),
        ],
    )
    def test_reads(self, text: str, yuan: str) -> None:
        """The ways documents write amounts are read exactly."""
        assert Decimal(yuan) == Money.parse(text).yuan

    @pytest.mark.parametrize(
        "text",
        [
            "3400多万元",
            "约3.4亿元",
            "40余元",
            "5-10万元",
            "30美元",
            "",
            "元",
            "二〇二一元",
            "1,2000元",
        ],
    )
    def test_not_money(self, text: str) -> None:
        """Qualified figures, ranges, other currencies and junk are not amounts."""
        assert ("money.invalid",) == codes_of(Money.parse, text)

    @pytest.mark.parametrize(
        ("text", "codes"),
        [
            ("-3元", ("money.negative",)),
            ("−3元", ("money.negative",)),
            ("-0.001元", ("money.negative", "money.too_precise")),
            ("0.001元", ("money.too_precise",)),
            ("1e3", ("money.float",)),
            ("1.5E+2元", ("money.float",)),
            ("NaN", ("money.not_finite",)),
            ("-inf", ("money.not_finite", "money.negative")),
            ("1亿亿元", ("money.invalid",)),
            ("10000000000000000元", ("money.too_large",)),
        ],
    )
    def test_refusals(self, text: str, codes: tuple[str, ...]) -> None:
        """Each broken rule is reported with its code, all at once."""
        assert codes == codes_of(Money.parse, text)

    def test_not_a_string(self) -> None:
        """A float handed to parse is money.float; other non-strings are invalid."""
        assert (("money.float",), ("money.invalid",)) == (
            codes_of(Money.parse, 1.5),
            codes_of(Money.parse, 3),
        )

    @pytest.mark.parametrize("rule", [r for r in RULES.values() if r.applies_to == "Money"])
    def test_rule_examples(self, rule: Any) -> None:
        """Each rule's example is refused by parse with exactly that rule's code."""
        assert (Trigger.PARSE, (rule.code,)) == (rule.trigger, codes_of(Money.parse, rule.example))

    def test_every_code_has_a_rule(self) -> None:
        """Every code Money emits is in the catalogue."""
        assert MONEY_CODES == {r.code for r in RULES.values() if r.applies_to == "Money"}

    @given(invalid_money_texts())
    def test_each_rule_rejects_with_its_own_code(self, case: tuple[str, str]) -> None:
        """Generated bad texts are refused with exactly their rule's code."""
        text, code = case

        assert (code,) == codes_of(Money.parse, text)

    @given(st.text() | st.text(alphabet="0123456789.,-−+元万亿千百十多约余eEnNaIfy一二两〇¥ "))
    def test_never_raises_anything_else(self, text: str) -> None:
        """Any text parses or raises a ValidationError with money codes, nothing else."""
        codes: tuple[str, ...] = ()
        try:
            Money.parse(text)
        except ValidationError as e:
            codes = e.codes

        assert set(codes) <= MONEY_CODES


class TestMoneyWriting:
    @pytest.mark.parametrize(
        ("yuan", "written", "formatted"),
        [
            ("340000000", "340000000元", "3.4亿元"),
            ("34000000", "34000000元", "3400万元"),
            ("300000", "300000元", "30万元"),
            ("1200.5", "1200.5元", "1200.5元"),
            ("0", "0元", "0元"),
            ("123456789", "123456789元", "12345.6789万元"),
            ("100000000.01", "100000000.01元", "100000000.01元"),
            ("12345", "12345元", "1.2345万元"),
            ("10000.5", "10000.5元", "10000.5元"),
        ],
    )
    def test_str_and_format(self, yuan: str, written: str, formatted: str) -> None:
        """str is the plain canonical form; format picks 亿元/万元 when exact in them."""
        m = Money(Decimal(yuan))

        assert (written, formatted) == (str(m), m.format())

    @given(moneys(max_yuan=Decimal("9999999999999999.99")))
    def test_round_trips(self, m: Money) -> None:
        """str, format and wire all read back to the same amount."""
        assert (m, m, m) == (
            Money.parse(str(m)),
            Money.parse(m.format()),
            Money.from_wire(m.wire()),
        )

    @given(moneys())
    def test_wire_is_plain(self, m: Money) -> None:
        """The wire form is a plain decimal: no exponent, no trailing fractional zero."""
        wire = m.wire()

        assert (False, False) == ("E" in wire, "." in wire and wire.endswith("0"))


class TestMoneyWire:
    @pytest.mark.parametrize(("text", "yuan"), [("340000000", "340000000"), ("1200.50", "1200.5")])
    def test_reads_plain_decimals(self, text: str, yuan: str) -> None:
        """A plain decimal string is read."""
        assert Decimal(yuan) == Money.from_wire(text).yuan

    @pytest.mark.parametrize(
        ("value", "code"),
        [
            ("3万元", "money.invalid"),
            ("1,200", "money.invalid"),
            (" 12", "money.invalid"),
            ("12\n", "money.invalid"),
            ("１２", "money.invalid"),
            ("+12", "money.invalid"),
            ("-0", "money.invalid"),
            ("-12", "money.negative"),
            ("1.234", "money.too_precise"),
            ("1e3", "money.float"),
            ("NaN", "money.not_finite"),
            (12.5, "money.float"),
            (12, "money.invalid"),
            (None, "money.invalid"),
        ],
    )
    def test_strict(self, value: Any, code: str) -> None:
        """Anything but a plain decimal string is refused, with the most telling code."""
        assert (code,) == codes_of(Money.from_wire, value)


class TestMoneyArithmetic:
    def test_examples(self) -> None:
        """Sums, differences and products are exact."""
        assert (Money(Decimal("0.3")), Money(20), Money(60_000)) == (
            Money(Decimal("0.1")) + Money(Decimal("0.2")),
            Money(30) - Money(10),
            Money(300_000) * Decimal("0.2"),
        )

    def test_int_factor_both_sides(self) -> None:
        """An int multiplies from either side."""
        assert (Money(90), Money(90)) == (Money(30) * 3, 3 * Money(30))

    def test_difference_below_zero_raises(self) -> None:
        """A difference below zero raises money.negative rather than going negative."""
        assert ("money.negative",) == codes_of(lambda: Money(10) - Money(30))

    def test_negative_factor_raises(self) -> None:
        """A negative factor gives a negative product, which is refused."""
        assert ("money.negative",) == codes_of(lambda: Money(10) * -1)

    def test_sub_fen_product_raises(self) -> None:
        """A product finer than the fen is refused: rounding is the caller's choice."""
        assert ("money.too_precise",) == codes_of(lambda: Money(Decimal("0.05")) * Decimal("0.5"))

    @pytest.mark.parametrize(
        ("factor", "code"),
        [
            (0.5, "money.float"),
            (Decimal("NaN"), "money.not_finite"),
            (Decimal("1E+999999999"), "money.too_large"),
            (Decimal("1E-999999999"), "money.too_precise"),
        ],
    )
    def test_bad_factors(self, factor: Any, code: str) -> None:
        """Floats, NaN and hostile exponents are refused with their code."""
        assert (code,) == codes_of(lambda: Money(3) * factor)

    def test_long_factor_is_exact(self) -> None:
        """A factor longer than the default context's 28 digits multiplies exactly."""
        factor = Decimal("1." + "0" * 40)

        assert Money(Decimal("12.34")) == Money(Decimal("12.34")) * factor

    def test_other_types_not_supported(self) -> None:
        """Adding a number or multiplying by a string is a TypeError, as in Python."""
        with pytest.raises(TypeError):
            Money(1) + 1  # type: ignore[operator]
        with pytest.raises(TypeError):
            Money(1) * "2"  # type: ignore[operator]

    def test_sum(self) -> None:
        """Amounts sum from Money.ZERO."""
        assert Money(60) == sum([Money(10), Money(20), Money(30)], Money.ZERO)

    @given(moneys(), moneys())
    def test_difference_never_silently_negative(self, a: Money, b: Money) -> None:
        """a - b is an amount adding back to a when b <= a, and raises otherwise."""
        if b <= a:
            assert a == (a - b) + b
        else:
            assert ("money.negative",) == codes_of(lambda: a - b)

    @given(moneys(), moneys())
    def test_order_follows_yuan(self, a: Money, b: Money) -> None:
        """Comparisons are those of the amounts."""
        assert (a.yuan < b.yuan, a.yuan <= b.yuan, a == b) == (a < b, a <= b, a.yuan == b.yuan)

    @given(moneys(max_yuan=10**8), st.integers(0, 10**6))
    def test_int_product(self, m: Money, n: int) -> None:
        """An int product is the product of the amounts."""
        assert m.yuan * n == (m * n).yuan


class TestMoneyOf:
    @pytest.mark.parametrize(
        ("value", "rounding", "yuan"),
        [
            (Decimal("123.455"), None, "123.46"),
            (Decimal("123.445"), None, "123.45"),
            (Decimal("123.455"), ROUND_DOWN, "123.45"),
            (Decimal("0.125"), ROUND_HALF_EVEN, "0.12"),
            (Decimal("0.004"), None, "0"),
            (7, None, "7"),
        ],
    )
    def test_rounds_to_the_fen(self, value: Decimal, rounding: str | None, yuan: str) -> None:
        """Any non-negative Decimal rounds to the fen, half up unless told otherwise."""
        m = Money.of(value) if rounding is None else Money.of(value, rounding)

        assert Decimal(yuan) == m.yuan

    @pytest.mark.parametrize(
        ("value", "code"),
        [
            (Decimal("-0.001"), "money.negative"),
            (Decimal("NaN"), "money.not_finite"),
            (Decimal("1E+20"), "money.too_large"),
            (0.5, "money.float"),
            ("1", "money.invalid"),
        ],
    )
    def test_refusals(self, value: Any, code: str) -> None:
        """Negative, non-finite, too large and non-Decimal values are refused."""
        assert (code,) == codes_of(Money.of, value)

    @given(st.decimals(min_value=0, max_value=10**12, allow_nan=False, allow_infinity=False))
    def test_within_half_a_fen(self, value: Decimal) -> None:
        """The rounded amount is within half a fen of the value."""
        assert abs(Money.of(value).yuan - value) <= Decimal("0.005")


class TestMoneyStrategies:
    @given(moneys(min_yuan=Decimal("0.5"), max_yuan=Decimal("1000.5")))
    def test_bounds(self, m: Money) -> None:
        """moneys stays within its bounds."""
        assert Decimal("0.5") <= m.yuan <= Decimal("1000.5")

    @pytest.mark.parametrize(
        ("low", "high"), [(-1, 10), (10, 1), (0, 10**16), (Decimal("0.001"), Decimal("0.009"))]
    )
    def test_bad_bounds(self, low: Any, high: Any) -> None:
        """Bounds outside 0 <= min <= max < 10^16, or without a fen between them, are refused."""
        with pytest.raises(ValueError, match=r"need|no whole fen"):
            moneys(min_yuan=low, max_yuan=high)
