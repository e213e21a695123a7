"""
Subsidy policies: the dated terms under which high-tech enterprises are paid.

A `SubsidyPolicy` states what one policy promises: the certification award
(高企认定奖励) range, the R&D input subsidy (研发投入补助) rate and its cap, the
period it is in force, which years a certificate earns the subsidy for
(`ValidityCounting`), and how amounts are rounded.  What its source does not
state is still a term, named in `SubsidyPolicy.assumed`: an assumption, said
as such.  `GUANGXI_2021` holds the terms of the founding letter; `POLICIES`
finds a policy by its id, which is what a
`~gxai_policy.records.subsidy.Subsidy` names.  The computations under a
policy (schedules, caps over years) live in `gxai_policy.policy`.

>>> GUANGXI_2021.rd_limit(Money(1_000_000))
Money('200000')
>>> POLICIES["guangxi_2021"] is GUANGXI_2021
True
>>> POLICIES["guangxi_1999"]
Traceback (most recent call last):
  ...
KeyError: 'guangxi_1999'
"""

from __future__ import annotations

import calendar
import decimal
import re
from collections.abc import Iterator, Mapping
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Final

import pendulum
from attrs import field, frozen

from gxai_policy._invariants import Validated, invariant
from gxai_policy.errors import Violation
from gxai_policy.rules import Trigger, define
from gxai_policy.values.codelists import ValidityCounting
from gxai_policy.values.money import Money

__all__ = [
    "ASSUMABLE_TERMS",
    "GUANGXI_2021",
    "GUANGXI_2021_START",
    "POLICIES",
    "ROUNDING_MODES",
    "SubsidyPolicy",
]

#: The names of the `decimal` rounding modes a policy may round amounts with.
ROUNDING_MODES: Final = frozenset(
    {
        decimal.ROUND_05UP,
        decimal.ROUND_CEILING,
        decimal.ROUND_DOWN,
        decimal.ROUND_FLOOR,
        decimal.ROUND_HALF_DOWN,
        decimal.ROUND_HALF_EVEN,
        decimal.ROUND_HALF_UP,
        decimal.ROUND_UP,
    }
)

#: The terms a policy may hold as assumptions (`SubsidyPolicy.assumed`):
#: every term but its identity and its source.
ASSUMABLE_TERMS: Final = frozenset(
    {
        "effective_from",
        "effective_until",
        "award_min",
        "award_max",
        "rd_rate",
        "rd_cap",
        "validity",
        "validity_years",
        "rounding",
    }
)

_LETTER = (
    "广西壮族自治区科学技术厅《关于自治区政协十二届四次会议第20210143号提案答复的函》"
    "（2021年），一、（五）人工智能企业培育情况"
)
_SOURCE = "gxai_policy subsidy policies (DESIGN.md §2, §2.2)"
_ID = re.compile(r"[a-z][a-z0-9_]*")

# A valid policy in wire form, for the rules' examples: each example breaks one rule.
_EXAMPLE: dict[str, Any] = {
    "id": "example_2021",
    "title": "高新技术企业奖补政策",
    "effective_from": "2021-01-01",
    "award_min": "50000",
    "award_max": "100000",
    "rd_rate": "0.2",
    "rd_cap": "300000",
}

ID_INVALID = define(
    "subsidy_policy.id_invalid",
    applies_to="SubsidyPolicy",
    summary=(
        "A policy id is lower-case ASCII letters, digits and underscores, starting with a"
        " letter (guangxi_2021)."
    ),
    summary_zh="政策标识由小写英文字母、数字和下划线组成，以字母开头（如 guangxi_2021）。",
    source=_SOURCE,
    example=_EXAMPLE | {"id": "Guangxi 2021"},
    trigger=Trigger.LOAD,
    message="{id!r} is not a policy id (lower-case letters, digits, _; e.g. guangxi_2021)",
    message_zh="“{id}”不是政策标识（小写字母、数字、下划线，如 guangxi_2021）",
)
TITLE_EMPTY = define(
    "subsidy_policy.title_empty",
    applies_to="SubsidyPolicy",
    summary="A policy has a title.",
    summary_zh="政策应有标题。",
    source=_SOURCE,
    example=_EXAMPLE | {"title": "  "},
    trigger=Trigger.LOAD,
    message="the policy's title is blank",
    message_zh="政策标题为空白",
)
EFFECTIVE_INVERTED = define(
    "subsidy_policy.effective_inverted",
    applies_to="SubsidyPolicy",
    summary="A policy's effective period does not end before it starts.",
    summary_zh="政策有效期的截止日期不得早于起始日期。",
    source=_SOURCE,
    example=_EXAMPLE | {"effective_until": "2020-12-31"},
    trigger=Trigger.LOAD,
    message="the policy ends on {until}, before it takes effect on {start}",
    message_zh="政策截止日期{until}早于生效日期{start}",
)
AWARD_RANGE = define(
    "subsidy_policy.award_range",
    applies_to="SubsidyPolicy",
    summary="The smallest certification award is not above the largest.",
    summary_zh="认定奖励下限不得高于上限。",
    source=_SOURCE,
    example=_EXAMPLE | {"award_min": "100000", "award_max": "50000"},
    trigger=Trigger.LOAD,
    message="award_min {low} is above award_max {high}",
    message_zh="认定奖励下限{low}高于上限{high}",
)
RATE_RANGE = define(
    "subsidy_policy.rate_range",
    applies_to="SubsidyPolicy",
    summary="The R&D subsidy rate is above 0 and at most 1 (100%).",
    summary_zh="研发投入补助比例应大于0且不超过1（100%）。",
    source=_SOURCE,
    example=_EXAMPLE | {"rd_rate": "1.2"},
    trigger=Trigger.LOAD,
    message="rate {rate} is outside (0, 1]",
    message_zh="补助比例{rate}不在 (0, 1] 之内",
)
CAP_NOT_POSITIVE = define(
    "subsidy_policy.cap_not_positive",
    applies_to="SubsidyPolicy",
    summary="The cumulative cap of R&D subsidies per certificate is above zero.",
    summary_zh="每张证书的研发投入补助累计上限应大于零。",
    source=_SOURCE,
    example=_EXAMPLE | {"rd_cap": "0"},
    trigger=Trigger.LOAD,
    message="cap {cap} is not above zero",
    message_zh="累计上限{cap}不大于零",
)
VALIDITY_YEARS = define(
    "subsidy_policy.validity_years",
    applies_to="SubsidyPolicy",
    summary="A certificate earns R&D subsidies for one year at least.",
    summary_zh="证书享受研发投入补助的年数至少为1年。",
    source=_SOURCE,
    example=_EXAMPLE | {"validity_years": 0},
    trigger=Trigger.LOAD,
    message="validity of {years} years is below 1",
    message_zh="有效年数{years}小于1",
)
ASSUMED_UNKNOWN = define(
    "subsidy_policy.assumed_unknown",
    applies_to="SubsidyPolicy",
    summary="A policy's assumed terms are names of its terms (effective_from, rounding …).",
    summary_zh="政策的假定条款须为其条款名称（如 effective_from、rounding）。",
    source=_SOURCE,
    example=_EXAMPLE | {"assumed": ["start"]},
    trigger=Trigger.LOAD,
    message="{name!r} is not a term a policy may assume: {choices}",
    message_zh="“{name}”不是可假定的政策条款：{choices}",
)
ROUNDING = define(
    "subsidy_policy.rounding",
    applies_to="SubsidyPolicy",
    summary="The rounding is the name of a decimal rounding mode, such as ROUND_HALF_UP.",
    summary_zh="舍入方式应为 decimal 舍入模式名称，如 ROUND_HALF_UP（四舍五入）。",
    source="Python decimal module rounding modes",
    example=_EXAMPLE | {"rounding": "四舍五入"},
    trigger=Trigger.LOAD,
    message="{rounding!r} is not a decimal rounding mode: {choices}",
    message_zh="“{rounding}”不是 decimal 舍入模式：{choices}",
)


def _strip(text: str) -> str:
    # Any other type is left for the type checks to name.
    return text.strip() if type(text) is str else text


@frozen(kw_only=True)
class SubsidyPolicy(Validated):
    """
    The terms of one subsidy policy for high-tech enterprises (高新技术企业奖补政策).

    Attributes:
        id: The stable key of the policy, lower-case ASCII (``guangxi_2021``);
            a `~gxai_policy.records.subsidy.Subsidy` names its policy by it.

        title: What the policy is called.

        effective_from: The first day the terms apply.

        effective_until: The last day they apply (inclusive); ``None`` while
            the policy is in force with no end announced.

        award_min: The smallest certification award (高企认定奖励) for one
            certification.

        award_max: The largest certification award for one certification.

        rd_rate: The share of a year's R&D input (研发投入) paid as R&D input
            subsidy (研发投入补助), in (0, 1]: ``Decimal("0.2")`` is 20%.

        rd_cap: The most R&D input subsidy one certificate earns, over all its
            years together (累计不超过).

        validity: How the years a certificate earns the R&D subsidy are
            counted (`ValidityCounting`): by calendar years from the year of
            issue (the default), every year it is valid on any day, or pro
            rata by the days it is valid.

        validity_years: With ``calendar_years``, how many calendar years a
            certificate earns the R&D subsidy: its year of issue and the ones
            following it.  The other countings follow the certificate's own
            validity (three years from its day of issue).

        rounding: The `decimal` rounding mode that brings a computed amount to
            the fen (分): ``ROUND_HALF_UP`` (四舍五入) unless stated.

        assumed: The terms (`ASSUMABLE_TERMS`) the source does not state,
            which the policy assumes: documented as assumptions, not facts.

        source: The document the terms come from.

    Raises:
        ValidationError: Every rule the terms break: ``subsidy_policy.id_invalid``,
            ``subsidy_policy.title_empty``, ``subsidy_policy.effective_inverted``,
            ``subsidy_policy.award_range``, ``subsidy_policy.rate_range``,
            ``subsidy_policy.cap_not_positive``, ``subsidy_policy.validity_years``,
            ``subsidy_policy.rounding``, ``subsidy_policy.assumed_unknown``.

    >>> GUANGXI_2021.award_min, GUANGXI_2021.award_max
    (Money('50000'), Money('100000'))
    >>> import attrs
    >>> attrs.evolve(GUANGXI_2021, rd_rate=Decimal("1.5"))
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error subsidy_policy.rate_range at /rd_rate: rate 1.5 is outside (0, 1]

    .. versionadded:: 0.1.0
    """  # noqa: E501

    id: str = field(converter=_strip)
    title: str = field(converter=_strip, repr=False)
    effective_from: pendulum.Date
    effective_until: pendulum.Date | None = None
    award_min: Money
    award_max: Money
    rd_rate: Decimal
    rd_cap: Money
    validity: ValidityCounting = ValidityCounting.CALENDAR_YEARS
    validity_years: int = 3
    rounding: str = ROUND_HALF_UP
    assumed: frozenset[str] = field(default=frozenset(), repr=False)
    source: str = field(default="", repr=False)

    @invariant
    def _id(self) -> Iterator[Violation]:
        if _ID.fullmatch(self.id) is None:
            yield ID_INVALID.violation("/id", id=self.id)

    @invariant
    def _title(self) -> Iterator[Violation]:
        if not self.title:
            yield TITLE_EMPTY.violation("/title")

    @invariant
    def _effective(self) -> Iterator[Violation]:
        if self.effective_until is not None and self.effective_until < self.effective_from:
            yield EFFECTIVE_INVERTED.violation(
                "/effective_until", until=self.effective_until, start=self.effective_from
            )

    @invariant
    def _award(self) -> Iterator[Violation]:
        if self.award_min > self.award_max:
            yield AWARD_RANGE.violation("/award_min", low=self.award_min, high=self.award_max)

    @invariant
    def _rate(self) -> Iterator[Violation]:
        # NaN and infinities compare badly (a NaN comparison raises), so finiteness first.
        if not (self.rd_rate.is_finite() and 0 < self.rd_rate <= 1):
            yield RATE_RANGE.violation("/rd_rate", rate=self.rd_rate)

    @invariant
    def _cap(self) -> Iterator[Violation]:
        if not self.rd_cap.yuan:
            yield CAP_NOT_POSITIVE.violation("/rd_cap", cap=self.rd_cap)

    @invariant
    def _validity(self) -> Iterator[Violation]:
        if self.validity_years < 1:
            yield VALIDITY_YEARS.violation("/validity_years", years=self.validity_years)

    @invariant
    def _rounding(self) -> Iterator[Violation]:
        if self.rounding not in ROUNDING_MODES:
            yield ROUNDING.violation(
                "/rounding", rounding=self.rounding, choices=", ".join(sorted(ROUNDING_MODES))
            )

    @invariant
    def _assumed(self) -> Iterator[Violation]:
        for name in sorted(self.assumed - ASSUMABLE_TERMS):
            yield ASSUMED_UNKNOWN.violation(
                "/assumed", name=name, choices=", ".join(sorted(ASSUMABLE_TERMS))
            )

    def eligible_years(self, issue_year: int) -> range:
        """
        The calendar years of issue and after that ``calendar_years`` counting gives a certificate.

        The year of issue and the ``validity_years - 1`` years after it,
        whatever the policy's `validity` and period: `year_shares` applies both.

        >>> list(GUANGXI_2021.eligible_years(2021))
        [2021, 2022, 2023]
        >>> 2024 in GUANGXI_2021.eligible_years(2021)
        False
        """
        return range(issue_year, issue_year + self.validity_years)

    def in_force_in(self, year: int) -> bool:
        """
        Whether the policy is in force on at least one day of calendar *year*.

        >>> GUANGXI_2021.in_force_in(2021), GUANGXI_2021.in_force_in(2020)
        (True, False)
        """
        if year < self.effective_from.year:
            return False
        return self.effective_until is None or year <= self.effective_until.year

    def year_shares(
        self, issued_on: pendulum.Date, expires_on: pendulum.Date
    ) -> Mapping[int, Fraction]:
        """
        The years a certificate valid *issued_on* to *expires_on* earns the R&D subsidy for, with the share of each year's input that counts.

        Counted as `validity` says, and only years the policy is in force in
        (`in_force_in`): a certificate issued before the policy took effect
        earns nothing for the years before.  The share is 1 but under
        ``pro_rata``, where it is the days of the year the certificate is
        valid over the days of the year.

        >>> issued, expires = pendulum.Date(2021, 10, 20), pendulum.Date(2024, 10, 19)
        >>> dict(GUANGXI_2021.year_shares(issued, expires))
        {2021: Fraction(1, 1), 2022: Fraction(1, 1), 2023: Fraction(1, 1)}
        >>> import attrs
        >>> pro_rata = attrs.evolve(GUANGXI_2021, validity=ValidityCounting.PRO_RATA)
        >>> {y: str(share) for y, share in pro_rata.year_shares(issued, expires).items()}
        {2021: '1/5', 2022: '1', 2023: '1', 2024: '293/366'}
        >>> dict(GUANGXI_2021.year_shares(pendulum.Date(2019, 5, 1), pendulum.Date(2022, 4, 30)))
        {2021: Fraction(1, 1)}
        """  # noqa: E501
        if self.validity is ValidityCounting.CALENDAR_YEARS:
            years = self.eligible_years(issued_on.year)
            shares = {year: Fraction(1) for year in years}
        else:
            shares = {}
            for year in range(issued_on.year, expires_on.year + 1):
                first = max(issued_on, pendulum.Date(year, 1, 1))
                last = min(expires_on, pendulum.Date(year, 12, 31))
                days = last.toordinal() - first.toordinal() + 1
                if days <= 0:
                    continue
                full = 366 if calendar.isleap(year) else 365
                shares[year] = (
                    Fraction(days, full)
                    if self.validity is ValidityCounting.PRO_RATA
                    else Fraction(1)
                )
        return {year: share for year, share in shares.items() if self.in_force_in(year)}

    def covers(self, day: pendulum.Date) -> bool:
        """
        Whether the policy is in force on *day* (both ends of its period included).

        >>> GUANGXI_2021.covers(pendulum.Date(2021, 1, 1))
        True
        >>> GUANGXI_2021.covers(pendulum.Date(2020, 12, 31))
        False
        """
        if day < self.effective_from:
            return False
        return self.effective_until is None or day <= self.effective_until

    def award_allowed(self, amount: Money) -> bool:
        """
        Whether *amount* is a certification award the policy allows: within its range.

        >>> GUANGXI_2021.award_allowed(Money(80_000))
        True
        >>> GUANGXI_2021.award_allowed(Money(Decimal("100000.01")))
        False
        """
        return self.award_min <= amount <= self.award_max

    def rd_limit(self, basis: Money, share: Fraction = Fraction(1)) -> Money:
        """
        The most R&D input subsidy one year's R&D input *basis* earns: rate × basis, rounded.

        Rounded to the fen with the policy's `rounding`, once, after
        multiplying by *share* (the part of the year that counts, under
        ``pro_rata``); the cumulative cap is not applied here (it spans
        years: see `gxai_policy.policy`).

        >>> GUANGXI_2021.rd_limit(Money(1_000_000), Fraction(293, 366))
        Money('160109.29')

        >>> GUANGXI_2021.rd_limit(Money(Decimal("1234.57")))
        Money('246.91')
        >>> GUANGXI_2021.rd_limit(Decimal("1000"))
        Traceback (most recent call last):
          ...
        TypeError: basis must be Money, not Decimal
        """
        value: object = basis
        if not isinstance(value, Money):
            raise TypeError(f"basis must be Money, not {type(value).__name__}")
        # Enough digits for the exact product of any amount and any rate.
        digits = len(basis.yuan.as_tuple().digits) + len(self.rd_rate.as_tuple().digits)
        with localcontext(prec=digits + 2):
            product = basis.yuan * self.rd_rate
        if share != 1:
            # A share of days seldom divides exactly: forty more digits than
            # the product round it right (a quotient of a year's days is never
            # that close to half a fen without being it).
            with localcontext(prec=digits + 42):
                product = product * share.numerator / share.denominator
        return Money.of(product, self.rounding)


#: ASSUMPTION: the day `GUANGXI_2021` takes effect.  The founding letter
#: reports the terms in 2021 without saying since when they apply; the library
#: takes the first day of the letter's year.  A certificate's years before it
#: earn nothing under the policy.
GUANGXI_2021_START: Final = pendulum.Date(2021, 1, 1)

#: The terms of the founding letter (Guangxi Department of Science and
#: Technology, 2021), as stated: 5–10万元 for each certification; 20% of the
#: R&D input while the certificate is valid, 30万元 at most per certificate.
#: Assumed (`SubsidyPolicy.assumed`), since the letter does not say: in force
#: from `GUANGXI_2021_START` with no end; the years counted as calendar years
#: from the year of issue, three of them (as the tax authority counts
#: high-tech status, 国家税务总局公告2017年第24号: consecutive certificates then
#: share no year); amounts rounded to the fen half up (四舍五入).
GUANGXI_2021: Final = SubsidyPolicy(
    id="guangxi_2021",
    title="广西高新技术企业认定奖励和研发投入补助（2021年）",
    effective_from=GUANGXI_2021_START,
    award_min=Money(50_000),
    award_max=Money(100_000),
    rd_rate=Decimal("0.2"),
    rd_cap=Money(300_000),
    validity=ValidityCounting.CALENDAR_YEARS,
    validity_years=3,
    rounding=ROUND_HALF_UP,
    assumed=frozenset(
        {"effective_from", "effective_until", "validity", "validity_years", "rounding"}
    ),
    source=_LETTER,
)

#: Every policy the library knows, by id: what `Subsidy.policy` may name.
POLICIES: Mapping[str, SubsidyPolicy] = MappingProxyType({GUANGXI_2021.id: GUANGXI_2021})
