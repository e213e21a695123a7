"""
Tests for gxai_policy.values.subsidy_policy: SubsidyPolicy, GUANGXI_2021, POLICIES.
"""

from __future__ import annotations

import pickle
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, ROUND_UP, Decimal

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxai_policy.errors import ValidationError
from gxai_policy.rules import RULES, Rule, Trigger
from gxai_policy.serialize import from_dict, from_json, to_dict, to_json
from gxai_policy.strategies._dates import dates
from gxai_policy.strategies._enterprises import subsidy_policies
from gxai_policy.strategies._money import moneys
from gxai_policy.values import subsidy_policy
from gxai_policy.values.money import Money
from gxai_policy.values.subsidy_policy import (
    GUANGXI_2021,
    POLICIES,
    SubsidyPolicy,
)

# The rules this module defines.
_RULES = sorted(rule.code for rule in vars(subsidy_policy).values() if isinstance(rule, Rule))


def _codes_and_paths(excinfo: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(v.code, v.path) for v in excinfo.value.violations]


class TestGuangxi2021:
    def test_award_range_of_the_letter(self):
        """
        The founding letter awards 5–10万元 for each certification.
        """
        assert (Money.parse("5万元"), Money.parse("10万元")) == (
            GUANGXI_2021.award_min,
            GUANGXI_2021.award_max,
        )

    def test_rd_terms_of_the_letter(self):
        """
        The R&D input subsidy is 20% of the year's input, 30万元 at most per certificate.
        """
        assert (Decimal("0.2"), Money.parse("30万元")) == (
            GUANGXI_2021.rd_rate,
            GUANGXI_2021.rd_cap,
        )

    def test_three_years_from_the_year_of_issue(self):
        """
        A certificate of 2021 earns the subsidy for 2021, 2022 and 2023.
        """
        assert [2021, 2022, 2023] == list(GUANGXI_2021.eligible_years(2021))

    def test_rounds_half_up_to_the_fen(self):
        """
        The 2021 terms round amounts half up (四舍五入).
        """
        assert ROUND_HALF_UP == GUANGXI_2021.rounding

    def test_in_force_from_2021(self):
        """
        The 2021 terms apply from 1 January 2021, with no end announced.
        """
        assert (False, True, True) == (
            GUANGXI_2021.covers(pendulum.Date(2020, 12, 31)),
            GUANGXI_2021.covers(pendulum.Date(2021, 1, 1)),
            GUANGXI_2021.covers(pendulum.Date(2099, 12, 31)),
        )

    def test_assumptions_are_marked(self):
        """
        What the letter does not state (start, end, years counted, rounding) is marked assumed.
        """
        assert (
            frozenset(
                {"effective_from", "effective_until", "validity", "validity_years", "rounding"}
            ),
            subsidy_policy.GUANGXI_2021_START,
        ) == (GUANGXI_2021.assumed, GUANGXI_2021.effective_from)

    def test_stated_terms_are_not_assumed(self):
        """
        The award range, the rate and the cap are the letter's own, not assumptions.
        """
        assert set() == {"award_min", "award_max", "rd_rate", "rd_cap"} & GUANGXI_2021.assumed

    def test_assumed_must_name_terms(self):
        """
        An assumed name that is no term of a policy is refused at /assumed.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(GUANGXI_2021, assumed=frozenset({"start", "rounding"}))
        assert [("subsidy_policy.assumed_unknown", "/assumed")] == _codes_and_paths(excinfo)

    def test_cites_the_letter(self):
        """
        The source names the reply to proposal 20210143 and its section.
        """
        assert "20210143" in GUANGXI_2021.source
        assert "（五）" in GUANGXI_2021.source

    def test_registered(self):
        """
        POLICIES finds the 2021 terms by their id.
        """
        assert GUANGXI_2021 is POLICIES["guangxi_2021"]

    def test_registry_is_read_only(self):
        """
        POLICIES cannot be changed at run time.
        """
        with pytest.raises(TypeError):
            POLICIES["x"] = GUANGXI_2021  # type: ignore[index]

    def test_rd_limit_of_a_million(self):
        """
        20% of 100万元 of R&D input is 20万元.
        """
        assert Money(200_000) == GUANGXI_2021.rd_limit(Money(1_000_000))


class TestSubsidyPolicy:
    @given(subsidy_policies())
    def test_strategy_constructs(self, policy):
        """
        Every drawn policy constructs again from its own fields.
        """
        assert policy == SubsidyPolicy(**attrs.asdict(policy, recurse=False))

    @given(subsidy_policies())
    def test_round_trips_through_dict(self, policy):
        """
        A policy survives to_dict and from_dict.
        """
        assert policy == from_dict(SubsidyPolicy, to_dict(policy))

    @given(subsidy_policies())
    def test_round_trips_through_json(self, policy):
        """
        A policy survives to_json and from_json.
        """
        assert policy == from_json(SubsidyPolicy, to_json(policy))

    @given(subsidy_policies())
    def test_pickles(self, policy):
        """
        A policy survives pickling, and equal policies hash equal.
        """
        clone = pickle.loads(pickle.dumps(policy))
        assert (policy, hash(policy)) == (clone, hash(clone))

    @given(subsidy_policies(), st.integers(1990, 2100))
    def test_eligible_years_count(self, policy, year):
        """
        A certificate earns the subsidy for validity_years years, starting with its year.
        """
        years = policy.eligible_years(year)
        assert (policy.validity_years, year) == (len(years), years[0])

    @given(subsidy_policies(), moneys(max_yuan=10**12))
    def test_rd_limit_is_the_rounded_product(self, policy, basis):
        """
        The R&D limit is within a fen of rate × basis, on the fen.
        """
        limit = policy.rd_limit(basis)
        assert abs(limit.yuan - basis.yuan * policy.rd_rate) < Decimal("0.01")

    @pytest.mark.parametrize(
        ("rounding", "expected"),
        [
            (ROUND_HALF_UP, "0.03"),
            (ROUND_HALF_EVEN, "0.02"),
            (ROUND_DOWN, "0.02"),
            (ROUND_UP, "0.03"),
        ],
    )
    def test_rd_limit_rounds_as_the_policy_says(self, rounding, expected):
        """
        A product ending in half a fen rounds by the policy's mode: 0.025 → 0.03 or 0.02.
        """
        policy = attrs.evolve(GUANGXI_2021, rd_rate=Decimal("0.5"), rounding=rounding)
        assert Money.parse(expected) == policy.rd_limit(Money.parse("0.05"))

    def test_rd_limit_refuses_a_decimal(self):
        """
        The basis is Money: a bare Decimal is a programming error.
        """
        with pytest.raises(TypeError, match="basis must be Money"):
            GUANGXI_2021.rd_limit(Decimal(1000))  # type: ignore[arg-type]

    @given(subsidy_policies(), dates(min_year=1990, max_year=2100))
    def test_covers_is_the_effective_period(self, policy, day):
        """
        A policy covers a day exactly when the day lies in its effective period.
        """
        end = policy.effective_until or pendulum.Date(9999, 12, 31)
        assert (policy.effective_from <= day <= end) == policy.covers(day)

    def test_award_allowed_includes_both_ends(self):
        """
        Both ends of the award range are allowed, a fen beyond either is not.
        """
        assert [False, True, True, False] == [
            GUANGXI_2021.award_allowed(Money.parse(t))
            for t in ("49999.99", "50000", "100000", "100000.01")
        ]

    def test_id_and_title_are_stripped(self):
        """
        Surrounding whitespace of the id and title is dropped.
        """
        policy = attrs.evolve(GUANGXI_2021, id=" guangxi_2021 ", title=" 标题 ")
        assert ("guangxi_2021", "标题") == (policy.id, policy.title)


class TestSubsidyPolicyRules:
    @given(subsidy_policies(), st.sampled_from(["", "Guangxi", "2021_gx", "gx-2021", "广西"]))
    def test_id_invalid(self, policy, bad):
        """
        An id that is not lower-case ASCII is refused at /id.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(policy, id=bad)
        assert [("subsidy_policy.id_invalid", "/id")] == _codes_and_paths(excinfo)

    @given(subsidy_policies(), st.sampled_from(["", " ", "\u3000"]))
    def test_title_empty(self, policy, bad):
        """
        A blank title is refused at /title.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(policy, title=bad)
        assert [("subsidy_policy.title_empty", "/title")] == _codes_and_paths(excinfo)

    @given(subsidy_policies(), st.integers(1, 3650))
    def test_effective_inverted(self, policy, days):
        """
        An effective period that ends before it starts is refused at /effective_until.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(policy, effective_until=policy.effective_from.subtract(days=days))
        assert [("subsidy_policy.effective_inverted", "/effective_until")] == _codes_and_paths(
            excinfo
        )

    @given(subsidy_policies(), moneys(min_yuan=Decimal("0.01"), max_yuan=10**6))
    def test_award_range(self, policy, excess):
        """
        A smallest award above the largest is refused at /award_min.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(policy, award_min=policy.award_max + excess)
        assert [("subsidy_policy.award_range", "/award_min")] == _codes_and_paths(excinfo)

    @given(
        subsidy_policies(),
        st.sampled_from(["0", "-0.2", "1.0001", "2", "NaN", "Infinity", "-Infinity"]).map(Decimal),
    )
    def test_rate_range(self, policy, bad):
        """
        A rate outside (0, 1], or not finite, is refused at /rd_rate.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(policy, rd_rate=bad)
        assert [("subsidy_policy.rate_range", "/rd_rate")] == _codes_and_paths(excinfo)

    @given(subsidy_policies())
    def test_cap_not_positive(self, policy):
        """
        A cap of zero is refused at /rd_cap.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(policy, rd_cap=Money.ZERO)
        assert [("subsidy_policy.cap_not_positive", "/rd_cap")] == _codes_and_paths(excinfo)

    @given(subsidy_policies(), st.integers(-100, 0))
    def test_validity_years(self, policy, bad):
        """
        A validity below one year is refused at /validity_years.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(policy, validity_years=bad)
        assert [("subsidy_policy.validity_years", "/validity_years")] == _codes_and_paths(excinfo)

    @given(
        subsidy_policies(),
        st.sampled_from(["", "四舍五入", "round_half_up", "HALF_UP", "ROUND_HALF_UP ", "ROUND"]),
    )
    def test_rounding(self, policy, bad):
        """
        A rounding that is not a decimal rounding mode's name is refused at /rounding.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(policy, rounding=bad)
        assert [("subsidy_policy.rounding", "/rounding")] == _codes_and_paths(excinfo)

    @given(subsidy_policies())
    def test_two_bad_fields_two_violations(self, policy):
        """
        Every broken rule is reported at once.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(policy, rd_cap=Money.ZERO, validity_years=0)
        assert {"subsidy_policy.cap_not_positive", "subsidy_policy.validity_years"} == set(
            excinfo.value.codes
        )

    @pytest.mark.parametrize("code", _RULES)
    def test_rule_example_triggers_exactly_its_rule(self, code):
        """
        Each rule's example, loaded, raises that rule alone.
        """
        rule = RULES[code]
        assert (Trigger.LOAD, "SubsidyPolicy") == (rule.trigger, rule.applies_to)
        with pytest.raises(ValidationError) as excinfo:
            from_dict(SubsidyPolicy, rule.example)
        assert (code,) == excinfo.value.codes

    def test_rules_are_defined(self):
        """
        The policy's rules are all in the catalogue.
        """
        assert [
            "subsidy_policy.assumed_unknown",
            "subsidy_policy.award_range",
            "subsidy_policy.cap_not_positive",
            "subsidy_policy.effective_inverted",
            "subsidy_policy.id_invalid",
            "subsidy_policy.rate_range",
            "subsidy_policy.rounding",
            "subsidy_policy.title_empty",
            "subsidy_policy.validity_years",
        ] == _RULES
