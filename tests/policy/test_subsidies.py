"""
Tests for gxai_policy.policy.subsidies: the R&D input schedule and a bundle's subsidies.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gxai_policy as gp
from gxai_policy.strategies._enterprises import (
    enterprises,
    high_tech_certificates,
    subsidy_policies,
)
from gxai_policy.strategies._money import moneys

_UNIT = "91450100MA5KB1XW1C"
_CAP = gp.GUANGXI_2021.rd_cap


_ISSUED = pendulum.Date(2021, 10, 20)


def _certified(issued_on: pendulum.Date = _ISSUED) -> gp.Enterprise:
    number = gp.HighTechCertificateNumber(f"GR{issued_on.year}45000123")
    return gp.Enterprise(
        name="广西智联视界智能科技有限公司",
        uscc=gp.USCC(_UNIT),
        certificate=gp.HighTechCertificate(number=number, issued_on=issued_on),
    )


def _rd(year: int, amount: int, basis: int | None = None) -> gp.Subsidy:
    return gp.Subsidy(
        kind=gp.SubsidyKind.RD_INPUT,
        recipient=gp.Recipient.enterprise(_UNIT),
        amount=gp.Money(amount),
        year=year,
        basis=gp.Money(basis if basis is not None else amount * 5),
        policy="guangxi_2021",
    )


def _award(year: int = 2021, amount: int = 100_000) -> gp.Subsidy:
    return gp.Subsidy(
        kind=gp.SubsidyKind.CERTIFICATION_AWARD,
        recipient=gp.Recipient.enterprise(_UNIT),
        amount=gp.Money(amount),
        year=year,
        policy="guangxi_2021",
    )


def _findings(bundle: gp.Dataset) -> list[tuple[str, str, gp.Severity]]:
    return [(v.code, v.path, v.severity) for v in gp.check(bundle) if v.code.startswith("dataset.")]


def _yuan(value: gp.Money | Decimal | int) -> Decimal:
    return value.yuan if isinstance(value, gp.Money) else Decimal(value)


def _total(schedule: tuple[gp.Subsidy, ...]) -> gp.Money:
    return sum((s.amount for s in schedule), gp.Money.ZERO)


_CERTIFIED = st.builds(
    lambda enterprise, certificate: attrs.evolve(enterprise, certificate=certificate),
    enterprises(),
    high_tech_certificates(),
)


@st.composite
def _inputs(
    draw: st.DrawFn, enterprise: gp.Enterprise, max_yuan: int = 3_000_000
) -> dict[int, Any]:
    """
    R&D inputs for years around the certificate's, as Money, Decimal or int.
    """
    assert enterprise.certificate is not None
    issued = enterprise.certificate.issued_on.year
    years = draw(st.lists(st.integers(issued - 2, issued + 5), unique=True, max_size=8))
    inputs: dict[int, Any] = {}
    for year in years:
        money = draw(moneys(max_yuan=max_yuan))
        inputs[year] = draw(st.sampled_from([money, money.yuan]))
    return inputs


_CASES = _CERTIFIED.flatmap(lambda e: st.tuples(st.just(e), _inputs(e)))


class TestSchedule:
    def test_worked_example(self):
        """
        Issued 2021: inputs of 100万, 100万, 50万, 100万 earn 20万, 10万, 0 and nothing for 2024.
        """
        inputs = {2021: 1_000_000, 2022: 1_000_000, 2023: 500_000, 2024: 1_000_000}
        schedule = gp.rd_subsidy_schedule(_certified(), inputs)
        assert [
            (2021, gp.Money(200_000), gp.Money(1_000_000)),
            (2022, gp.Money(100_000), gp.Money(1_000_000)),
            (2023, gp.Money(0), gp.Money(500_000)),
        ] == [(s.year, s.amount, s.basis) for s in schedule]

    def test_entries_are_rd_input_subsidies(self):
        """
        Each entry is an R&D input subsidy to the enterprise under the policy.
        """
        schedule = gp.rd_subsidy_schedule(_certified(), {2022: gp.Money(400_000)})
        assert [(gp.SubsidyKind.RD_INPUT, gp.Recipient.enterprise(_UNIT), "guangxi_2021")] == [
            (s.kind, s.recipient, s.policy) for s in schedule
        ]

    def test_years_in_order(self):
        """
        Years are taken in calendar order, however the inputs are given.
        """
        inputs = {2023: 1_000_000, 2021: 1_000_000, 2022: 1_000_000}
        schedule = gp.rd_subsidy_schedule(_certified(), inputs)
        assert [(2021, 200_000), (2022, 100_000), (2023, 0)] == [
            (s.year, int(s.amount.yuan)) for s in schedule
        ]

    @given(_CASES)
    def test_cap(self, case):
        """
        The schedule's total never exceeds the cap.
        """
        enterprise, inputs = case
        assert _total(gp.rd_subsidy_schedule(enterprise, inputs)) <= _CAP

    @given(_CASES)
    def test_amounts(self, case):
        """
        Each year earns 20% of its input, rounded to the fen, or what is left of the cap.
        """
        enterprise, inputs = case
        left = _CAP.yuan
        for subsidy in gp.rd_subsidy_schedule(enterprise, inputs):
            share = (subsidy.basis.yuan * Decimal("0.2")).quantize(
                Decimal("0.01"), rounding=decimal.ROUND_HALF_UP
            )
            assert min(share, left) == subsidy.amount.yuan
            left -= subsidy.amount.yuan

    @given(_CERTIFIED, st.lists(st.integers(2000, 2040), unique=True))
    def test_zero_input(self, enterprise, years):
        """
        No input earns nothing.
        """
        schedule = gp.rd_subsidy_schedule(enterprise, dict.fromkeys(years, 0))
        assert [gp.Money.ZERO] * len(schedule) == [s.amount for s in schedule]

    @given(_CASES, st.data())
    def test_more_input_never_less(self, case, data):
        """
        Raising one year's input never lowers the total, nor changes an earlier year's amount.
        """
        enterprise, inputs = case
        issued = enterprise.certificate.issued_on.year
        year = data.draw(st.integers(issued - 1, issued + 3))
        more = dict(inputs)
        more[year] = gp.Money(_yuan(inputs.get(year, 0))) + data.draw(moneys(max_yuan=10**6))
        before = gp.rd_subsidy_schedule(enterprise, inputs)
        after = gp.rd_subsidy_schedule(enterprise, more)
        assert _total(before) <= _total(after)
        assert [s for s in before if s.year < year] == [s for s in after if s.year < year]

    @given(_CASES)
    def test_years_outside_validity(self, case):
        """
        Only inputs of the year of issue and the two following, from 2021 on, get an entry.
        """
        enterprise, inputs = case
        issued = enterprise.certificate.issued_on.year
        expected = sorted(y for y in inputs if max(issued, 2021) <= y <= issued + 2)
        assert expected == [s.year for s in gp.rd_subsidy_schedule(enterprise, inputs)]

    def test_not_before_the_policy(self):
        """
        A certificate of 2019 earns nothing for 2019 and 2020 under a policy in force from 2021.
        """
        inputs = dict.fromkeys(range(2019, 2023), 400_000)
        schedule = gp.rd_subsidy_schedule(_certified(pendulum.Date(2019, 5, 1)), inputs)
        assert [(2021, gp.Money(80_000))] == [(s.year, s.amount) for s in schedule]

    def test_not_after_the_policy(self):
        """
        Years after the policy's last day earn nothing under it.
        """
        policy = attrs.evolve(gp.GUANGXI_2021, effective_until=pendulum.Date(2022, 6, 30))
        schedule = gp.rd_subsidy_schedule(_certified(), dict.fromkeys(range(2021, 2024), 1), policy)
        assert [2021, 2022] == [s.year for s in schedule]

    def test_new_certificate_new_cap(self):
        """
        A certificate issued after the first one's years earns its own cap again.
        """
        inputs = dict.fromkeys(range(2021, 2027), 1_000_000)
        first = gp.rd_subsidy_schedule(_certified(pendulum.Date(2021, 10, 20)), inputs)
        second = gp.rd_subsidy_schedule(_certified(pendulum.Date(2024, 11, 1)), inputs)
        assert ([2021, 2022, 2023], _CAP, [2024, 2025, 2026], _CAP) == (
            [s.year for s in first],
            _total(first),
            [s.year for s in second],
            _total(second),
        )

    @given(enterprises().map(lambda e: attrs.evolve(e, certificate=None)))
    def test_no_certificate(self, enterprise):
        """
        An enterprise without a certificate gets a clear error, not an empty schedule.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.rd_subsidy_schedule(enterprise, {2021: 1_000_000})
        assert [("schedule.no_certificate", "/enterprise")] == [
            (v.code, v.path) for v in info.value.violations
        ]
        assert enterprise.name in info.value.violations[0].message

    @pytest.mark.parametrize("value", [-1, Decimal("-0.01"), Decimal("-1E+3")])
    def test_negative_input(self, value):
        """
        A negative input is refused at its year.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.rd_subsidy_schedule(_certified(), {2021: 1_000_000, 2022: value})
        assert [("schedule.negative_input", "/rd_input_by_year/2022")] == [
            (v.code, v.path) for v in info.value.violations
        ]

    def test_every_negative_input(self):
        """
        Every negative input is reported at once.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.rd_subsidy_schedule(_certified(), {2021: -1, 2022: 5, 2023: -2})
        assert ["/rd_input_by_year/2021", "/rd_input_by_year/2023"] == [
            v.path for v in info.value.violations
        ]

    @pytest.mark.parametrize(
        ("value", "code"),
        [
            (Decimal("NaN"), "money.not_finite"),
            (Decimal("Infinity"), "money.not_finite"),
            (Decimal("0.001"), "money.too_precise"),
            (1.5, "money.float"),
        ],
    )
    def test_input_not_an_amount(self, value, code):
        """
        An input that is no amount of money is refused with the money code at its year.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.rd_subsidy_schedule(_certified(), {2022: value})
        assert [(code, "/rd_input_by_year/2022")] == [
            (v.code, v.path) for v in info.value.violations
        ]

    def test_half_fen_rounds_up(self):
        """
        Under a 25% policy, an input of 0.02 yuan earns 0.005, rounded up to 0.01 (四舍五入).
        """
        policy = attrs.evolve(gp.GUANGXI_2021, id="quarter_2021", rd_rate=Decimal("0.25"))
        schedule = gp.rd_subsidy_schedule(_certified(), {2021: Decimal("0.02")}, policy)
        assert [Decimal("0.01")] == [s.amount.yuan for s in schedule]

    @pytest.mark.parametrize(
        ("rounding", "expected"),
        [
            (decimal.ROUND_HALF_UP, "0.01"),
            (decimal.ROUND_HALF_EVEN, "0"),
            (decimal.ROUND_DOWN, "0"),
        ],
    )
    def test_policy_rounding(self, rounding, expected):
        """
        The policy's rounding mode decides the half fen.
        """
        policy = attrs.evolve(
            gp.GUANGXI_2021, id="quarter_2021", rd_rate=Decimal("0.25"), rounding=rounding
        )
        schedule = gp.rd_subsidy_schedule(_certified(), {2021: Decimal("0.02")}, policy)
        assert [Decimal(expected)] == [s.amount.yuan for s in schedule]

    @given(_CASES, subsidy_policies())
    def test_any_policy(self, case, policy):
        """
        Under any policy amounts are exact to the fen, within its cap, its years and its period.
        """
        enterprise, inputs = case
        schedule = gp.rd_subsidy_schedule(enterprise, inputs, policy)
        certificate = enterprise.certificate
        shares = policy.year_shares(certificate.issued_on, certificate.expires_on)
        assert (True, True, True) == (
            all(s.amount.yuan == s.amount.yuan.quantize(Decimal("0.01")) for s in schedule),
            _total(schedule) <= policy.rd_cap,
            all(s.year in shares and policy.in_force_in(s.year) for s in schedule),
        )

    def test_unregistered_policy_is_not_named(self):
        """
        Under a policy the library does not know, the subsidies name no policy.
        """
        policy = attrs.evolve(gp.GUANGXI_2021, id="quarter_2021", rd_rate=Decimal("0.25"))
        schedule = gp.rd_subsidy_schedule(_certified(), {2021: 1_000_000}, policy)
        assert [(gp.Money(250_000), None)] == [(s.amount, s.policy) for s in schedule]

    @given(_CASES)
    def test_schedule_passes_the_bundle_check(self, case):
        """
        A schedule recorded in a bundle with its enterprise raises no subsidy finding.
        """
        enterprise, inputs = case
        schedule = gp.rd_subsidy_schedule(enterprise, inputs)
        bundle = gp.Dataset(enterprises=(enterprise,), subsidies=schedule)
        assert [] == _findings(bundle)


class TestBundleCheck:
    def test_cap_exceeded(self):
        """
        R&D subsidies beyond the cap of one certificate are an error at the one that crosses it.
        """
        bundle = gp.Dataset(
            enterprises=(_certified(),),
            subsidies=(_rd(2021, 200_000), _rd(2022, 100_000), _rd(2023, 1)),
        )
        assert [("dataset.rd_cap_exceeded", "/subsidies/2/amount", gp.Severity.ERROR)] == (
            _findings(bundle)
        )

    def test_at_the_cap(self):
        """
        R&D subsidies that reach the cap exactly are within it.
        """
        bundle = gp.Dataset(
            enterprises=(_certified(),), subsidies=(_rd(2021, 200_000), _rd(2022, 100_000))
        )
        assert [] == _findings(bundle)

    def test_outside_validity(self):
        """
        An R&D subsidy for a year the certificate does not cover is an error at its year.
        """
        bundle = gp.Dataset(enterprises=(_certified(),), subsidies=(_rd(2024, 100_000),))
        assert [("dataset.rd_outside_validity", "/subsidies/0/year", gp.Severity.ERROR)] == (
            _findings(bundle)
        )

    def test_outside_validity_not_counted(self):
        """
        Subsidies outside a renewed certificate's years do not eat into its new cap.
        """
        bundle = gp.Dataset(
            enterprises=(_certified(pendulum.Date(2024, 11, 1)),),
            subsidies=(
                _rd(2021, 200_000),
                _rd(2022, 100_000),
                _rd(2024, 200_000),
                _rd(2025, 100_000),
            ),
        )
        assert [
            ("dataset.rd_outside_validity", "/subsidies/0/year", gp.Severity.ERROR),
            ("dataset.rd_outside_validity", "/subsidies/1/year", gp.Severity.ERROR),
        ] == _findings(bundle)

    def test_without_certificate(self):
        """
        An award or R&D subsidy to an enterprise without a certificate is an error.
        """
        plain = attrs.evolve(_certified(), certificate=None)
        bundle = gp.Dataset(enterprises=(plain,), subsidies=(_award(), _rd(2021, 1)))
        error = gp.Severity.ERROR
        assert [
            ("dataset.subsidy_without_certificate", "/subsidies/0/recipient", error),
            ("dataset.subsidy_without_certificate", "/subsidies/1/recipient", error),
        ] == _findings(bundle)

    def test_second_award(self):
        """
        A second certification award in the certificate's years is an error at that award.
        """
        bundle = gp.Dataset(enterprises=(_certified(),), subsidies=(_award(2021), _award(2023)))
        assert [("dataset.second_certification_award", "/subsidies/1", gp.Severity.ERROR)] == [
            f for f in _findings(bundle) if f[0] == "dataset.second_certification_award"
        ]

    def test_second_award_names_the_first(self):
        """
        The finding names the certificate and points to the first award.
        """
        bundle = gp.Dataset(enterprises=(_certified(),), subsidies=(_award(2022), _award(2021)))
        found = [v for v in gp.check(bundle) if v.code == "dataset.second_certification_award"]
        expected = "a second certification award for certificate GR202145000123; the first is"
        assert [f"{expected} /subsidies/0"] == [v.message for v in found]

    def test_every_further_award(self):
        """
        A third award for one certificate is reported too.
        """
        awards = (_award(2021), _award(2022), _award(2023))
        bundle = gp.Dataset(enterprises=(_certified(),), subsidies=awards)
        assert ["/subsidies/1", "/subsidies/2"] == [
            v.path for v in gp.check(bundle) if v.code == "dataset.second_certification_award"
        ]

    def test_award_for_a_renewed_certificate(self):
        """
        An award for a year after the certificate's years is for another certification.
        """
        bundle = gp.Dataset(enterprises=(_certified(),), subsidies=(_award(2021), _award(2024)))
        assert [] == [v for v in gp.check(bundle) if v.code == "dataset.second_certification_award"]

    def test_awards_to_two_enterprises(self):
        """
        One award each to two certified enterprises is no repetition.
        """
        other = attrs.evolve(_certified(), uscc=gp.USCC("91450100MA5KYX1A18"))
        awards = (
            _award(2021),
            attrs.evolve(_award(2021), recipient=gp.Recipient.enterprise(other.uscc)),
        )
        bundle = gp.Dataset(enterprises=(_certified(), other), subsidies=awards)
        assert [] == [v for v in gp.check(bundle) if v.code == "dataset.second_certification_award"]

    def test_other_kinds_not_checked(self):
        """
        Project funding to an enterprise without a certificate is no finding.
        """
        plain = attrs.evolve(_certified(), certificate=None)
        funding = gp.Subsidy(
            kind=gp.SubsidyKind.PROJECT_FUNDING,
            recipient=gp.Recipient.enterprise(_UNIT),
            amount=gp.Money(3_000_000),
            year=2021,
        )
        assert [] == _findings(gp.Dataset(enterprises=(plain,), subsidies=(funding,)))

    @given(
        st.one_of(
            moneys(max_yuan=49_999),
            moneys(max_yuan=10**7).map(lambda m: m + gp.Money(Decimal("100000.01"))),
        )
    )
    def test_award_out_of_range(self, amount):
        """
        A certification award outside 5–10万元 is refused at construction.
        """
        with pytest.raises(gp.ValidationError) as info:
            attrs.evolve(_award(), amount=amount)
        assert [("subsidy.award_out_of_range", "/amount")] == [
            (v.code, v.path) for v in info.value.violations
        ]

    @given(st.integers(50_000, 100_000))
    def test_award_in_range(self, amount):
        """
        A certification award within 5–10万元 constructs and raises no finding.
        """
        bundle = gp.Dataset(enterprises=(_certified(),), subsidies=(_award(amount=amount),))
        assert [] == _findings(bundle)


# The worked example of docs/policy.md: a certificate issued 2021-10-20 (valid
# through 2024-10-19) and 40万元 of R&D input every year, under each counting.
_VALIDITY_TABLE = {
    gp.ValidityCounting.CALENDAR_YEARS: [(2021, "80000"), (2022, "80000"), (2023, "80000")],
    gp.ValidityCounting.ANY_DAY: [
        (2021, "80000"),
        (2022, "80000"),
        (2023, "80000"),
        (2024, "60000"),
    ],
    gp.ValidityCounting.PRO_RATA: [
        (2021, "16000"),
        (2022, "80000"),
        (2023, "80000"),
        (2024, "64043.72"),
    ],
}


class TestValidityCounting:
    @pytest.mark.parametrize(("validity", "expected"), list(_VALIDITY_TABLE.items()))
    def test_worked_example(self, validity, expected):
        """
        The docs' table: one enterprise's schedule under each way of counting the years.
        """
        policy = attrs.evolve(gp.GUANGXI_2021, validity=validity)
        inputs = dict.fromkeys(range(2020, 2026), 400_000)
        schedule = gp.rd_subsidy_schedule(_certified(), inputs, policy)
        assert expected == [(s.year, s.amount.wire()) for s in schedule]

    def test_default_is_calendar_years(self):
        """
        The 2021 terms count calendar years from the year of issue, and say it is an assumption.
        """
        assert (gp.ValidityCounting.CALENDAR_YEARS, True) == (
            gp.GUANGXI_2021.validity,
            "validity" in gp.GUANGXI_2021.assumed,
        )

    def test_pro_rata_leap_year(self):
        """
        Pro rata counts the days of a leap year out of 366.
        """
        policy = attrs.evolve(gp.GUANGXI_2021, validity=gp.ValidityCounting.PRO_RATA)
        shares = policy.year_shares(pendulum.Date(2021, 10, 20), pendulum.Date(2024, 10, 19))
        assert (Fraction(73, 365), Fraction(293, 366)) == (shares[2021], shares[2024])

    def test_any_day_counts_the_year_of_expiry(self):
        """
        Counting every year valid on any day, a certificate ending 2024-10-19 earns for 2024.
        """
        policy = attrs.evolve(gp.GUANGXI_2021, validity=gp.ValidityCounting.ANY_DAY)
        assert [2021, 2022, 2023, 2024] == list(
            policy.year_shares(pendulum.Date(2021, 10, 20), pendulum.Date(2024, 10, 19))
        )

    def test_pro_rata_rounds_once_to_the_fen(self):
        """
        A pro rata amount is rate × input × days / days of the year, rounded once, half up.
        """
        assert gp.Money.parse("64043.72") == gp.GUANGXI_2021.rd_limit(
            gp.Money(400_000), Fraction(293, 366)
        )

    @given(_CASES, st.sampled_from(gp.ValidityCounting))
    def test_never_beyond_the_cap(self, case, validity):
        """
        Under any counting, a schedule never pays more than the cap in all.
        """
        enterprise, inputs = case
        policy = attrs.evolve(gp.GUANGXI_2021, validity=validity)
        assert _total(gp.rd_subsidy_schedule(enterprise, inputs, policy)) <= _CAP
