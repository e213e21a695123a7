"""
Tests for Quantity, Qualifier and find_quantities: the figures of a Chinese text.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from decimal import Decimal
from importlib.resources import files
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxai_policy.errors import ValidationError
from gxai_policy.rules import RULES, Trigger
from gxai_policy.strategies._money import quantities
from gxai_policy.values.money import Money
from gxai_policy.values.quantity import UNITS, Qualifier, Quantity, find_quantities

Q = Qualifier
INVALID, INVERTED, NEGATIVE = "quantity.invalid", "quantity.inverted_range", "quantity.negative"
QUANTITY_CODES = {INVALID, INVERTED, NEGATIVE}
LETTER = files("gxai_policy").joinpath("data/2021-reply-20210143.txt").read_text(encoding="utf-8")

# Every figure of the founding letter, in order, read off the letter by hand
# (DESIGN.md §2.2): (source text, unit, low, high, qualifier).
LETTER_FIGURES = (
    ("15个", "个", "15", "15", Q.EXACT),  # 15个研究方向
    ("7个", "个", "7", "7", Q.EXACT),  # 7个重点任务
    ("40余项", "项", "40", "40", Q.MORE_THAN),  # 科技重大项目
    ("约3.4亿元", "元", "340000000", "340000000", Q.ABOUT),  # 累计资助科研经费
    ("32家", "家", "32", "32", Q.EXACT),  # AI platforms at end-2020
    ("21家", "家", "21", "21", Q.EXACT),  # new in 十三五
    ("6家", "家", "6", "6", Q.EXACT),  # key laboratories
    ("15家", "家", "15", "15", Q.EXACT),  # engineering centres
    ("4家", "家", "4", "4", Q.EXACT),  # of which 组建
    ("16名", "名", "16", "16", Q.EXACT),  # 八桂学者
    ("3400多万元", "元", "34000000", "34000000", Q.MORE_THAN),  # 2020—2021 funding
    ("172家", "家", "172", "172", Q.EXACT),  # AI enterprises
    ("87家", "家", "87", "87", Q.EXACT),  # high-tech among them (超过半数 is no figure)
    ("5-10万元", "元", "50000", "100000", Q.RANGE),  # award per certification
    ("20%", "%", "20", "20", Q.EXACT),  # R&D subsidy
    ("累计不超过30万元", "元", "300000", "300000", Q.AT_MOST),  # cumulative cap
    ("47项", "项", "47", "47", Q.EXACT),  # tasks of the 2021 table
    ("2家", "家", "2", "2", Q.EXACT),  # new R&D institutions planned in 2021
)


def codes_of(call: Callable[..., Any], *args: Any) -> tuple[str, ...]:
    """
    Call and return the codes of the ValidationError it raises (fails if it does not).
    """
    with pytest.raises(ValidationError) as info:
        call(*args)
    return info.value.codes


def figure(q: Quantity) -> tuple[str, Decimal, Decimal, Qualifier]:
    """
    What a quantity says, without where it was found.
    """
    return (q.unit, q.low, q.high, q.qualifier)


def quantity(low: str, high: str | None = None, unit: str = "", q: Qualifier = Q.EXACT) -> Quantity:
    """
    Build a Quantity from decimal strings.
    """
    return Quantity(
        low=Decimal(low), high=Decimal(low if high is None else high), unit=unit, qualifier=q
    )


class TestQualifier:
    @pytest.mark.parametrize(
        ("word", "qualifier"),
        [
            ("约", Q.ABOUT),
            ("近", Q.ABOUT),
            ("左右", Q.ABOUT),
            ("大约", Q.ABOUT),
            ("近似", Q.ABOUT),
            ("多", Q.MORE_THAN),
            ("余", Q.MORE_THAN),
            ("超过", Q.MORE_THAN),
            ("逾", Q.MORE_THAN),
            ("不到", Q.LESS_THAN),
            ("不足", Q.LESS_THAN),
            ("不满", Q.LESS_THAN),
            ("至少", Q.AT_LEAST),
            ("不少于", Q.AT_LEAST),
            ("不低于", Q.AT_LEAST),
            ("以上", Q.AT_LEAST),
            ("不超过", Q.AT_MOST),
            ("最多", Q.AT_MOST),
            ("以内", Q.AT_MOST),
            ("以下", Q.AT_MOST),
            ("累计不超过", Q.AT_MOST),
            ("range", Q.RANGE),
            ("more than", Q.MORE_THAN),
        ],
    )
    def test_words(self, word: str, qualifier: Qualifier) -> None:
        """Each qualifier word reads as its qualifier (以上/以下/以内 include the number)."""
        assert qualifier == Qualifier.from_label(word)

    def test_labels(self) -> None:
        """Every qualifier has a Chinese and an English label."""
        assert [("超过", "more than")] == [
            (q.label_zh, q.label_en) for q in Qualifier if q is Q.MORE_THAN
        ]

    def test_unknown(self) -> None:
        """A word that is no qualifier is refused."""
        assert ("codelist.unknown_label",) == codes_of(Qualifier.from_label, "半数")


class TestQuantity:
    def test_fields(self) -> None:
        """A quantity keeps its figure, unit, qualifier, span and source text."""
        q = Quantity(
            low=Decimal("3.40E8"),
            high=340_000_000,
            unit="元",
            qualifier=Q.ABOUT,
            span=(3, 9),
            text="约3.4亿元",
        )

        assert ("340000000", "340000000", "元", Q.ABOUT, (3, 9), "约3.4亿元") == (
            str(q.low),
            str(q.high),
            q.unit,
            q.qualifier,
            q.span,
            q.text,
        )

    def test_equality_ignores_where(self) -> None:
        """Span and source text are not part of equality or hash."""
        a = Quantity(low=40, high=40, unit="项", qualifier=Q.MORE_THAN, span=(0, 4), text="40余项")
        b = Quantity(low=40, high=40, unit="项", qualifier=Q.MORE_THAN)

        assert (a, hash(a)) == (b, hash(b))

    def test_repr(self) -> None:
        """The repr shows the canonical figure, and where it was found."""
        q = Quantity(low=40, high=40, unit="项", qualifier=Q.MORE_THAN, span=(0, 4), text="40余项")

        assert "Quantity('超过40项', text='40余项', span=(0, 4))" == repr(q)

    @pytest.mark.parametrize(
        ("q", "written"),
        [
            (quantity("340000000", unit="元", q=Q.ABOUT), "约340000000元"),
            (quantity("40", unit="项", q=Q.MORE_THAN), "超过40项"),
            (quantity("5", unit="家", q=Q.LESS_THAN), "不足5家"),
            (quantity("100", unit="人", q=Q.AT_LEAST), "不少于100人"),
            (quantity("300000", unit="元", q=Q.AT_MOST), "不超过300000元"),
            (quantity("50000", "100000", "元", Q.RANGE), "50000-100000元"),
            (quantity("20", unit="%"), "20%"),
            (quantity("3", unit="月"), "3个月"),
            (quantity("1.5", unit="百分点"), "1.5个百分点"),
            (quantity("12"), "12"),
        ],
    )
    def test_str(self, q: Quantity, written: str) -> None:
        """str writes the canonical figure."""
        assert written == str(q)

    @pytest.mark.parametrize(
        ("kwargs", "codes"),
        [
            ({"low": -5, "high": -5}, (NEGATIVE,)),
            ({"low": 10, "high": 5, "qualifier": Q.RANGE}, (INVERTED,)),
            ({"low": -10, "high": -20, "qualifier": Q.RANGE}, (NEGATIVE, NEGATIVE, INVERTED)),
            ({"low": 5, "high": 6}, (INVALID,)),
            ({"unit": "斤"}, (INVALID,)),
            ({"qualifier": "about"}, (INVALID,)),
            ({"span": (5, 2)}, (INVALID,)),
            ({"span": (True, 2)}, (INVALID,)),
            ({"text": None}, (INVALID,)),
            ({"low": Decimal("NaN"), "high": Decimal("Infinity")}, (INVALID, INVALID)),
            ({"low": Decimal("1E+999999999"), "high": Decimal("1E+999999999")}, (INVALID, INVALID)),
            ({"low": -1, "high": 2, "unit": "斤"}, (NEGATIVE, INVALID, INVALID)),
        ],
    )
    def test_invariants(self, kwargs: dict[str, Any], codes: tuple[str, ...]) -> None:
        """Every broken invariant is reported, all at once."""
        arguments: dict[str, Any] = {"low": 5, "high": 5, "unit": "家", "qualifier": Q.EXACT}
        arguments.update(kwargs)

        assert codes == codes_of(lambda: Quantity(**arguments))

    def test_float_refused(self) -> None:
        """A float figure is refused, never converted."""
        assert ("quantity.invalid",) == codes_of(lambda: Quantity(low=1.5, high=1.5, unit="家"))  # type: ignore[arg-type]

    def test_pickle(self) -> None:
        """A quantity pickles, span and text included."""
        q = find_quantities("约3.4亿元")[0]
        copy = pickle.loads(pickle.dumps(q))

        assert (q, q.span, q.text) == (copy, copy.span, copy.text)

    @given(quantities())
    def test_round_trip(self, q: Quantity) -> None:
        """Parsing the canonical form gives the quantity back."""
        assert q == Quantity.parse(str(q))

    @given(quantities(units=["家"], qualifiers=[Q.RANGE]), st.integers(1, 10**6))
    def test_inverted_range_rule(self, q: Quantity, extra: int) -> None:
        """A range written backwards is refused with quantity.inverted_range only."""
        text = f"{q.high + extra}-{q.low}家"

        assert ("quantity.inverted_range",) == codes_of(Quantity.parse, text)

    @given(quantities())
    def test_negative_rule(self, q: Quantity) -> None:
        """A figure with a minus sign is refused with quantity.negative, once."""
        text = "-" + str(attrs.evolve(q, low=q.low + 1, high=q.high + 1))
        assert (NEGATIVE,) == codes_of(Quantity.parse, text)


class TestQuantityParse:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("约3.4亿元", ("元", "340000000", "340000000", Q.ABOUT)),
            ("40余项", ("项", "40", "40", Q.MORE_THAN)),
            ("3400多万元", ("元", "34000000", "34000000", Q.MORE_THAN)),
            ("1万余人", ("人", "10000", "10000", Q.MORE_THAN)),
            ("三十多万元", ("元", "300000", "300000", Q.MORE_THAN)),
            ("5-10万元", ("元", "50000", "100000", Q.RANGE)),
            ("5～10万元", ("元", "50000", "100000", Q.RANGE)),
            ("5至10万元", ("元", "50000", "100000", Q.RANGE)),
            ("5~10", ("", "5", "10", Q.RANGE)),
            ("5—10万元", ("元", "50000", "100000", Q.RANGE)),
            ("5万元至10万元", ("元", "50000", "100000", Q.RANGE)),
            ("5000元-1万元", ("元", "5000", "10000", Q.RANGE)),
            ("三至五年", ("年", "3", "5", Q.RANGE)),
            ("20%", ("%", "20", "20", Q.EXACT)),
            ("20％", ("%", "20", "20", Q.EXACT)),
            ("百分之二十", ("%", "20", "20", Q.EXACT)),
            ("1.5个百分点", ("百分点", "1.5", "1.5", Q.EXACT)),
            ("十二个", ("个", "12", "12", Q.EXACT)),
            ("两家", ("家", "2", "2", Q.EXACT)),
            ("172家", ("家", "172", "172", Q.EXACT)),
            ("累计不超过30万元", ("元", "300000", "300000", Q.AT_MOST)),
            ("不少于100人", ("人", "100", "100", Q.AT_LEAST)),
            ("100人以上", ("人", "100", "100", Q.AT_LEAST)),
            ("5年以内", ("年", "5", "5", Q.AT_MOST)),
            ("30万元左右", ("元", "300000", "300000", Q.ABOUT)),
            ("约30万元左右", ("元", "300000", "300000", Q.ABOUT)),
            ("不足5家", ("家", "5", "5", Q.LESS_THAN)),
            ("3个月", ("月", "3", "3", Q.EXACT)),
            ("近5年", ("年", "5", "5", Q.EXACT)),
            ("約３４００萬元", ("元", "34000000", "34000000", Q.ABOUT)),
            ("1,200家", ("家", "1200", "1200", Q.EXACT)),
            (" 30 万元 ", ("元", "300000", "300000", Q.EXACT)),
            ("3.4亿", ("", "340000000", "340000000", Q.EXACT)),
            ("2021年", ("年", "2021", "2021", Q.EXACT)),
        ],
    )
    def test_reads(self, text: str, expected: tuple[str, str, str, Qualifier]) -> None:
        """A figure stated in full is read with its unit and qualifier."""
        unit, low, high, qualifier = expected

        assert (unit, Decimal(low), Decimal(high), qualifier) == figure(Quantity.parse(text))

    def test_keeps_source_text(self) -> None:
        """The parsed text is kept; the span is None outside a text."""
        q = Quantity.parse(" 约3.4亿元 ")

        assert ("约3.4亿元", None) == (q.text, q.span)

    @pytest.mark.parametrize(
        "text",
        [
            "超过半数",
            "半数",
            "",
            "家",
            "第3家",
            "一批",
            "一种",
            "十三五",
            "二〇二一年",
            "3月",
            "约5-10万元",
            "5-10万元以上",
            "超过5家以下",
            "约3400多万元",
            "5-10多万元",
            "5家-10人",
            "3400多余万元",
            "5年度",
            "1e3元",
        ],
    )
    def test_not_a_figure(self, text: str) -> None:
        """Text that is not exactly one representable figure is refused."""
        assert ("quantity.invalid",) == codes_of(Quantity.parse, text)

    def test_not_a_string(self) -> None:
        """A non-string is refused with quantity.invalid."""
        assert ("quantity.invalid",) == codes_of(Quantity.parse, 5)

    @pytest.mark.parametrize("rule", [r for r in RULES.values() if r.applies_to == "Quantity"])
    def test_rule_examples(self, rule: Any) -> None:
        """Each rule's example is refused by parse with exactly that rule's code."""
        assert (Trigger.PARSE, (rule.code,)) == (
            rule.trigger,
            codes_of(Quantity.parse, rule.example),
        )

    def test_every_code_has_a_rule(self) -> None:
        """Every code Quantity emits is in the catalogue."""
        assert QUANTITY_CODES == {r.code for r in RULES.values() if r.applies_to == "Quantity"}

    @given(st.text() | st.text(alphabet="0123456789.,-~至约余多万亿元家项%年个十二一两百第 "))
    def test_never_raises_anything_else(self, text: str) -> None:
        """Any text parses or raises a ValidationError with quantity codes, nothing else."""
        codes: tuple[str, ...] = ()
        try:
            Quantity.parse(text)
        except ValidationError as e:
            codes = e.codes

        assert set(codes) <= QUANTITY_CODES


class TestFindQuantities:
    @pytest.mark.parametrize(
        ("text", "found"),
        [
            ("确定十二个方向", [("十二个", "个", "12", "12", Q.EXACT)]),
            ("引进两家企业", [("两家", "家", "2", "2", Q.EXACT)]),
            ("共设置七个重点任务", [("七个", "个", "7", "7", Q.EXACT)]),
            ("二十多家单位", [("二十多家", "家", "20", "20", Q.MORE_THAN)]),
            ("征集三千四百多万元", [("三千四百多万元", "元", "34000000", "34000000", Q.MORE_THAN)]),
            ("占20％", [("20％", "%", "20", "20", Q.EXACT)]),
            ("占百分之二十", [("百分之二十", "%", "20", "20", Q.EXACT)]),
            ("聘期5年", [("5年", "年", "5", "5", Q.EXACT)]),
            ("为期三年", [("三年", "年", "3", "3", Q.EXACT)]),
            ("近5年来", [("5年", "年", "5", "5", Q.EXACT)]),
            ("最近3个月", [("3个月", "月", "3", "3", Q.EXACT)]),
            ("节约30万元", [("30万元", "元", "300000", "300000", Q.EXACT)]),
            ("近3亿元", [("近3亿元", "元", "300000000", "300000000", Q.ABOUT)]),
            ("5～10万元", [("5～10万元", "元", "50000", "100000", Q.RANGE)]),
            ("5至10万元", [("5至10万元", "元", "50000", "100000", Q.RANGE)]),
            ("5~10家", [("5~10家", "家", "5", "10", Q.RANGE)]),
            ("5—10万元", [("5—10万元", "元", "50000", "100000", Q.RANGE)]),
            ("约5-10万元", [("5-10万元", "元", "50000", "100000", Q.RANGE)]),
            ("约3400多万元", [("3400多万元", "元", "34000000", "34000000", Q.MORE_THAN)]),
            ("3家—2家", [("3家", "家", "3", "3", Q.EXACT), ("2家", "家", "2", "2", Q.EXACT)]),
            ("5家以上企业", [("5家以上", "家", "5", "5", Q.AT_LEAST)]),
            ("172家上下游企业", [("172家", "家", "172", "172", Q.EXACT)]),
            ("达1.2万人", [("1.2万人", "人", "12000", "12000", Q.EXACT)]),
            ("人口5000万，", [("5000万", "", "50000000", "50000000", Q.EXACT)]),
            ("共１５家", [("１５家", "家", "15", "15", Q.EXACT)]),
            ("約3.4億元", [("約3.4億元", "元", "340000000", "340000000", Q.ABOUT)]),
            ("各10个", [("10个", "个", "10", "10", Q.EXACT)]),
        ],
    )
    def test_finds(self, text: str, found: list[tuple[str, str, str, str, Qualifier]]) -> None:
        """Figures are found with their source text, unit, bounds and qualifier."""
        expected = [(t, u, Decimal(lo), Decimal(hi), q) for t, u, lo, hi, q in found]

        assert expected == [(q.text, *figure(q)) for q in find_quantities(text)]

    @pytest.mark.parametrize(
        "text",
        [
            "一是加强领导，二是强化保障",
            "“十三五”以来，“十四五”期间",
            "第一，统一思想，进一步落实",
            "培养一批人才，一些单位，一种模式",
            "党的十九大报告",
            "自治区政协十二届四次会议",
            "第六次科工联席会议",
            "2021年4月27日",
            "2021年上半年",
            "2020—2021年",
            "2021年6月底",
            "2016年至2020年",
            "2021年度",
            "第20210143号提案",
            "（一）加强顶层设计。\n1.强化平台\n（1）组织",
            "GB/T 9704-2012",
            "电话0771-5886123",
            "新一代人工智能",
            "超过半数",
            "占比过半",
            "项目5项目",
            "支持5支持",
            "20210143",
        ],
    )
    def test_not_figures(self, text: str) -> None:
        """Numerals inside words, ordinals, headings, dates and codes are not figures."""
        assert () == find_quantities(text)

    def test_spans(self) -> None:
        """Each span points at the figure's source text, in order."""
        text = "截至2020年底共有32家，其中“十三五”期间新增21家（含4家组建）。"

        assert [((10, 13), "32家"), ((25, 28), "21家"), ((30, 32), "4家")] == [
            (q.span, q.text) for q in find_quantities(text)
        ]

    @given(
        st.text(
            alphabet="0123456789.,-—~至约近超过不足余多万亿元家项%年月日个十二一两百第届 \n（）"
        )
    )
    def test_found_figures_parse_back(self, text: str) -> None:
        """Every figure found sits at its span, in order, and parses back to itself."""
        found = find_quantities(text)
        ends = [0] + [q.span[1] for q in found if q.span is not None]
        starts = [q.span[0] for q in found if q.span is not None]

        assert (
            [(text[s:e], q) for (s, e), q in ((q.span, q) for q in found if q.span is not None)],
            True,
        ) == (
            [(q.text, Quantity.parse(q.text)) for q in found],
            all(e <= s for e, s in zip(ends, starts, strict=False)),
        )

    @given(st.text())
    def test_never_raises(self, text: str) -> None:
        """Any text gives a tuple of quantities."""
        assert all(isinstance(q, Quantity) for q in find_quantities(text))


class TestFoundingLetter:
    def test_every_figure(self) -> None:
        """The founding letter's figures (DESIGN.md §2.2) are found, in order, and nothing else."""
        expected = [(t, u, Decimal(lo), Decimal(hi), q) for t, u, lo, hi, q in LETTER_FIGURES]

        assert expected == [(q.text, *figure(q)) for q in find_quantities(LETTER)]

    def test_spans_point_into_the_letter(self) -> None:
        """Each figure's span is where the letter states it."""
        assert [t for t, *_ in LETTER_FIGURES] == [
            LETTER[q.span[0] : q.span[1]] for q in find_quantities(LETTER) if q.span is not None
        ]


class TestLinearTime:
    """
    Inputs that make a backtracking reader hang; these only finish if reading is linear.
    """

    def test_long_number(self) -> None:
        """10^5 digits with a unit are one figure, without a unit none."""
        digits = "1" * 100_000

        assert ([Decimal(digits)], ()) == (
            [q.low for q in find_quantities(digits + "家")],
            find_quantities(digits),
        )

    def test_large_text(self) -> None:
        """A 200 KB text of letters gives every letter's figures."""
        copies = 200_000 // len(LETTER.encode()) + 1
        text = "\n".join([LETTER] * copies)

        assert len(LETTER_FIGURES) * copies == len(find_quantities(text))

    @pytest.mark.parametrize(
        ("text", "count"),
        [
            ("十" * 100_000 + "个", 0),
            ("万" * 100_000 + "元", 0),
            ("约" * 100_000 + "5家", 1),
            ("1-" * 50_000 + "1家", 1),
            ("1," * 50_000 + "1家", 1),
            ("1." * 50_000 + "1家", 0),
            ("累计不超过" * 20_000 + "5家", 1),
            (" " * 100_000 + "5" + " " * 100_000 + "家", 1),
            ("5" + " " * 100_000, 0),
            ("5家" * 50_000, 50_000),
        ],
    )
    def test_hostile_inputs(self, text: str, count: int) -> None:
        """Long runs of numerals, qualifiers, separators and spaces finish with the right count."""
        assert count == len(find_quantities(text))

    def test_long_money_and_quantity_texts(self) -> None:
        """parse reads 10^5-digit texts (and refuses what it must) without hanging."""
        digits = "1" * 100_000

        assert (("money.too_large",), Decimal(digits)) == (
            codes_of(Money.parse, digits),
            Quantity.parse(digits + "家").low,
        )


def test_units_are_closed() -> None:
    """The unit set holds money, percent, counts, durations and the bare number."""
    assert {"元", "%", "家", "项", "名", "个", "年", "月", "天", ""} <= UNITS
