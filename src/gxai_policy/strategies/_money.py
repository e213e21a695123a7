"""
Hypothesis strategies for money and quantities.

Every strategy yields valid values by construction; `invalid_money_texts`
yields ``(text, code)`` pairs: text that `Money.parse` must refuse, and the
one rule code it must refuse it with.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import Decimal

from hypothesis import strategies as st

from gxai_policy.values.money import Money
from gxai_policy.values.quantity import UNITS, Qualifier, Quantity

__all__ = ["invalid_money_texts", "moneys", "quantities"]

# Money stays below 10^16 yuan (money.too_large).
_MAX_YUAN = Decimal(10) ** 16 - Decimal("0.01")


def _fen(value: Decimal | int, *, up: bool) -> int:
    fen = Decimal(value) * 100
    return math.ceil(fen) if up else math.floor(fen)


def _decimal(units: int, places: int) -> Decimal:
    """
    ``units / 10**places``, exactly.
    """
    return Decimal(units).scaleb(-places)


def moneys(
    *, min_yuan: Decimal | int = 0, max_yuan: Decimal | int = 10**10
) -> st.SearchStrategy[Money]:
    """
    Amounts of `Money` from *min_yuan* to *max_yuan*, both included.

    Round amounts (whole 元, 万元, 亿元 …) come as often as amounts to the
    fen, so that `Money.format` meets each of its units.

    Raises:
        ValueError: Unless ``0 <= min_yuan <= max_yuan < 10**16``.

    >>> from hypothesis import find
    >>> find(moneys(min_yuan=30), lambda m: True)
    Money('30')
    >>> moneys(min_yuan=-1)
    Traceback (most recent call last):
      ...
    ValueError: need 0 <= min_yuan <= max_yuan < 10**16, got -1, 10000000000
    """
    if not 0 <= Decimal(min_yuan) <= Decimal(max_yuan) <= _MAX_YUAN:
        raise ValueError(f"need 0 <= min_yuan <= max_yuan < 10**16, got {min_yuan}, {max_yuan}")
    low, high = _fen(min_yuan, up=True), _fen(max_yuan, up=False)
    if low > high:
        raise ValueError(f"no whole fen between {min_yuan} and {max_yuan}")

    @st.composite
    def draw_money(draw: st.DrawFn) -> Money:
        # A step of 10**k fen: 1 fen, 1 元 (k=2), 1万元 (k=6), 1亿元 (k=10) …
        step = 10 ** draw(st.integers(0, 12))
        first, last = -(-low // step), high // step
        if first > last:
            step, first, last = 1, low, high
        return Money(_decimal(draw(st.integers(first, last)) * step, 2))

    return draw_money()


def _values(max_places: int) -> st.SearchStrategy[Decimal]:
    return st.builds(
        _decimal,
        st.integers(0, 10**12) | st.integers(0, 1000),
        st.integers(0, max_places),
    )


def quantities(
    *,
    units: Iterable[str] | None = None,
    qualifiers: Iterable[Qualifier] | None = None,
    max_places: int = 4,
) -> st.SearchStrategy[Quantity]:
    """
    Quantities with a unit from *units* and a qualifier from *qualifiers*.

    Args:
        units: Units to choose from; every one of `UNITS` by default.

        qualifiers: Qualifiers to choose from; every `Qualifier` by default.

        max_places: The most decimal places of a figure.

    Raises:
        ValueError: For a unit not in `UNITS`, or nothing to choose from.

    >>> from hypothesis import find
    >>> find(quantities(units=["家"], qualifiers=[Qualifier.MORE_THAN]), lambda q: True)
    Quantity('超过0家')
    >>> quantities(units=["斤"])
    Traceback (most recent call last):
      ...
    ValueError: not units of a Quantity: ['斤']
    """
    unit_choices = sorted(UNITS if units is None else set(units))
    unknown = [u for u in unit_choices if u not in UNITS]
    if unknown:
        raise ValueError(f"not units of a Quantity: {unknown}")
    qualifier_choices = list(Qualifier if qualifiers is None else qualifiers)
    if not unit_choices or not qualifier_choices:
        raise ValueError("need at least one unit and one qualifier")

    @st.composite
    def draw_quantity(draw: st.DrawFn) -> Quantity:
        qualifier = draw(st.sampled_from(qualifier_choices))
        low = draw(_values(max_places))
        high = low
        if qualifier is Qualifier.RANGE:
            high = low + draw(_values(max_places))
        return Quantity(
            low=low, high=high, unit=draw(st.sampled_from(unit_choices)), qualifier=qualifier
        )

    return draw_quantity()


def _positive_texts() -> st.SearchStrategy[str]:
    """
    Texts of non-zero amounts in the forms `Money.parse` reads.
    """
    positive = moneys(min_yuan=Decimal("0.01"))
    return st.one_of(positive.map(str), positive.map(Money.format), positive.map(Money.wire))


@st.composite
def _too_precise(draw: st.DrawFn) -> str:
    whole = draw(st.integers(0, 10**6))
    places = draw(st.integers(3, 8))
    fraction = draw(st.integers(1, 10**places - 1).filter(lambda f: f % 10 != 0))
    return f"{whole}.{fraction:0{places}d}" + draw(st.sampled_from(["", "元"]))


@st.composite
def _scientific(draw: st.DrawFn) -> str:
    mantissa = draw(st.sampled_from(["1", "2.5", "3.", "12.34"]))
    exponent = draw(st.sampled_from(["e", "E"])) + draw(st.sampled_from(["", "+", "-"]))
    return f"{mantissa}{exponent}{draw(st.integers(0, 20))}" + draw(st.sampled_from(["", "元"]))


@st.composite
def _not_money(draw: st.DrawFn) -> str:
    n = draw(st.integers(1, 10**6))
    template = draw(
        st.sampled_from(
            [
                "约{n}万元",
                "{n}多万元",
                "{n}余元",
                "{n}万多元",
                "超过{n}元",
                "{n}美元",
                "{n}-{n}万元",
                "{n}%",
                "{n}家",
                "{n}元{n}",
                "第{n}元",
                "{n}..5元",
                "",
                "元",
                "万元",
                "半数",
            ]
        )
    )
    return template.format(n=n)


def invalid_money_texts() -> st.SearchStrategy[tuple[str, str]]:
    """
    ``(text, code)``: a text `Money.parse` refuses with exactly that one code.

    >>> from hypothesis import find
    >>> find(invalid_money_texts(), lambda pair: pair[1] == "money.float")
    ('1e0', 'money.float')
    """
    return st.one_of(
        _not_money().map(lambda t: (t, "money.invalid")),
        _positive_texts().map(lambda t: ("-" + t, "money.negative")),
        _too_precise().map(lambda t: (t, "money.too_precise")),
        st.sampled_from(["NaN", "nan", "sNaN", "Infinity", "inf", "+inf", "NaN元", "-nan"]).map(
            lambda t: (t, "money.not_finite")
        ),
        _scientific().map(lambda t: (t, "money.float")),
        st.integers(10**16, 10**30).map(lambda n: (f"{n}元", "money.too_large")),
    )
