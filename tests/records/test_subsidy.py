"""
Tests for gxai_policy.records.subsidy: Subsidy and Recipient.
"""

from __future__ import annotations

import pickle
from decimal import Decimal

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxai_policy.errors import Severity, ValidationError
from gxai_policy.records import subsidy as subsidy_module
from gxai_policy.records._base import CheckContext
from gxai_policy.records.subsidy import Recipient, Subsidy
from gxai_policy.rules import RULES, Rule, Trigger
from gxai_policy.serialize import from_dict, from_json, to_dict, to_json
from gxai_policy.strategies._enterprises import recipients, subsidies
from gxai_policy.strategies._identifiers import invalid_usccs, usccs
from gxai_policy.strategies._money import moneys
from gxai_policy.values.codelists import RecipientKind, SubsidyKind
from gxai_policy.values.money import Money
from gxai_policy.values.subsidy_policy import GUANGXI_2021

_UNIT = "91450100MA5KB1XW1C"
_FEN = Decimal("0.01")
# The rules this module defines (other modules define subsidy.* codes of their own).
_RULES = sorted(rule.code for rule in vars(subsidy_module).values() if isinstance(rule, Rule))


def _codes_and_paths(excinfo: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(v.code, v.path) for v in excinfo.value.violations]


def _findings(subsidy: Subsidy) -> list[tuple[str, str, Severity]]:
    return [(v.code, v.path, v.severity) for v in subsidy._findings(CheckContext())]


def _award(amount: str) -> Subsidy:
    return Subsidy(
        kind=SubsidyKind.CERTIFICATION_AWARD,
        recipient=Recipient.enterprise(_UNIT),
        amount=Money.parse(amount),
        year=2021,
        policy="guangxi_2021",
    )


def _rd(amount: str, basis: str) -> Subsidy:
    return Subsidy(
        kind=SubsidyKind.RD_INPUT,
        recipient=Recipient.enterprise(_UNIT),
        amount=Money.parse(amount),
        basis=Money.parse(basis),
        year=2022,
        policy="guangxi_2021",
    )


_ANY_KIND = st.sampled_from(SubsidyKind).flatmap(lambda kind: subsidies(kind=kind))
_ANY = st.one_of(_ANY_KIND, subsidies(policy=None))


class TestRecipient:
    @given(recipients())
    def test_strategy_constructs(self, recipient):
        """
        Every drawn recipient constructs again from its fields.
        """
        assert recipient == Recipient(kind=recipient.kind, key=recipient.key)

    @given(usccs())
    def test_enterprise_reads_tolerantly(self, uscc):
        """
        Recipient.enterprise takes a USCC with blanks and lower case, and keeps it canonical.
        """
        text = f" {str(uscc)[:8]} {str(uscc)[8:].lower()} "
        assert (str(uscc), uscc) == (
            Recipient.enterprise(text).key,
            Recipient.enterprise(text).uscc,
        )

    @given(recipients(kind=RecipientKind.SCHOLAR))
    def test_other_kinds_have_no_uscc(self, recipient):
        """
        Only an enterprise recipient has a USCC.
        """
        assert recipient.uscc is None

    @given(recipients(), st.sampled_from(["", " ", "\u3000"]))
    def test_key_empty(self, recipient, blank):
        """
        A blank key is refused at /key, whatever the kind.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(recipient, key=blank)
        assert [("subsidy.recipient_key_empty", "/key")] == _codes_and_paths(excinfo)

    @given(invalid_usccs())
    def test_enterprise_key_is_a_uscc(self, bad):
        """
        An enterprise's key that is no USCC is refused at /key with the USCC's own code.
        """
        text, code = bad
        expected = code if text.strip() else "subsidy.recipient_key_empty"
        with pytest.raises(ValidationError) as excinfo:
            Recipient(kind=RecipientKind.ENTERPRISE, key=text)
        assert [(expected, "/key")] == _codes_and_paths(excinfo)

    @given(usccs(), st.integers(1, 17))
    def test_enterprise_key_not_canonical(self, uscc, cut):
        """
        An enterprise's key that is a USCC written loosely is refused at /key.
        """
        text = str(uscc)[:cut] + "-" + str(uscc)[cut:]
        with pytest.raises(ValidationError) as excinfo:
            Recipient(kind=RecipientKind.ENTERPRISE, key=text)
        assert [("subsidy.recipient_key_not_canonical", "/key")] == _codes_and_paths(excinfo)

    def test_enterprise_constructor_reports_under_key(self):
        """
        Recipient.enterprise reports a bad USCC at /key.
        """
        with pytest.raises(ValidationError) as excinfo:
            Recipient.enterprise("91450100MA5KB1XW1D")
        assert [("uscc.check_digit", "/key")] == _codes_and_paths(excinfo)


class TestSubsidy:
    @given(_ANY)
    def test_strategy_constructs(self, subsidy):
        """
        Every drawn subsidy constructs again from its own fields.
        """
        assert subsidy == Subsidy(**attrs.asdict(subsidy, recurse=False))

    @given(_ANY)
    def test_round_trips_through_dict(self, subsidy):
        """
        A subsidy survives to_dict and from_dict.
        """
        assert subsidy == from_dict(Subsidy, to_dict(subsidy))

    @given(_ANY)
    def test_round_trips_through_json(self, subsidy):
        """
        A subsidy survives to_json and from_json.
        """
        assert subsidy == from_json(Subsidy, to_json(subsidy))

    @given(_ANY)
    def test_pickles_and_hashes(self, subsidy):
        """
        A subsidy survives pickling, and the copy hashes equal.
        """
        clone = pickle.loads(pickle.dumps(subsidy))
        assert (subsidy, hash(subsidy)) == (clone, hash(clone))

    @given(subsidies(kind=SubsidyKind.RD_INPUT))
    def test_rd_strategy_pays_the_rate(self, subsidy):
        """
        Drawn R&D input subsidies are exactly the policy's rate of their basis, within the cap.
        """
        assert (subsidy.amount, True) == (
            GUANGXI_2021.rd_limit(subsidy.basis),
            subsidy.amount <= GUANGXI_2021.rd_cap,
        )

    @given(subsidies())
    def test_terms(self, subsidy):
        """
        A subsidy's terms are its named policy, if any.
        """
        expected = GUANGXI_2021 if subsidy.policy == "guangxi_2021" else None
        assert expected is subsidy.terms


class TestSubsidyRules:
    @given(_ANY, st.sampled_from(["guangxi_1999", "", "GUANGXI_2021", "nanning_2021"]))
    def test_unknown_policy(self, subsidy, bad):
        """
        A policy id the library does not know is refused at /policy.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(subsidy, policy=bad)
        assert [("subsidy.unknown_policy", "/policy")] == _codes_and_paths(excinfo)

    @given(
        st.sampled_from([SubsidyKind.CERTIFICATION_AWARD, SubsidyKind.RD_INPUT]).flatmap(
            lambda kind: subsidies(kind=kind)
        ),
        st.sampled_from([RecipientKind.SCHOLAR, RecipientKind.PLATFORM, RecipientKind.PROJECT]),
    )
    def test_enterprise_kinds_go_to_enterprises(self, subsidy, kind):
        """
        An award or R&D input subsidy to anything but an enterprise is refused at /recipient/kind.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(subsidy, recipient=Recipient(kind=kind, key="机器人与智能装备"))
        assert [("subsidy.recipient_mismatch", "/recipient/kind")] == _codes_and_paths(excinfo)

    @given(
        subsidies(kind=SubsidyKind.SCHOLAR_FUNDING),
        st.sampled_from([RecipientKind.ENTERPRISE, RecipientKind.PLATFORM, RecipientKind.PROJECT]),
    )
    def test_scholar_funding_goes_to_scholars(self, subsidy, kind):
        """
        Scholar funding to anything but a scholar is refused at /recipient/kind.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(subsidy, recipient=Recipient(kind=kind, key=_UNIT))
        assert [("subsidy.recipient_mismatch", "/recipient/kind")] == _codes_and_paths(excinfo)

    @given(subsidies(kind=SubsidyKind.PROJECT_FUNDING), recipients())
    def test_project_funding_goes_to_anyone(self, subsidy, recipient):
        """
        Project funding may go to any kind of recipient.
        """
        assert recipient == attrs.evolve(subsidy, recipient=recipient).recipient

    @given(
        subsidies(kind=SubsidyKind.CERTIFICATION_AWARD),
        st.one_of(
            moneys(max_yuan=Decimal("49999.99")),
            moneys(min_yuan=Decimal("100000.01"), max_yuan=10**9),
        ),
    )
    def test_award_out_of_range(self, subsidy, amount):
        """
        An award outside the policy's range is refused at /amount.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(subsidy, amount=amount)
        assert [("subsidy.award_out_of_range", "/amount")] == _codes_and_paths(excinfo)

    @given(subsidies(kind=SubsidyKind.RD_INPUT))
    def test_rd_basis_missing(self, subsidy):
        """
        An R&D input subsidy without a basis is refused at /basis.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(subsidy, basis=None)
        assert [("subsidy.rd_basis_missing", "/basis")] == _codes_and_paths(excinfo)

    @given(subsidies(policy=None, kind=SubsidyKind.RD_INPUT))
    def test_rd_basis_missing_without_policy(self, subsidy):
        """
        The basis is needed even when no policy is named.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(subsidy, basis=None)
        assert ("subsidy.rd_basis_missing",) == excinfo.value.codes

    @given(moneys(max_yuan=Decimal("1499999.95")), moneys(min_yuan=_FEN, max_yuan=10**5))
    def test_rd_over_rate(self, basis, excess):
        """
        An R&D input subsidy above rate × basis (but within the cap) is refused at /amount.
        """
        limit = GUANGXI_2021.rd_limit(basis)
        amount = min(limit + excess, GUANGXI_2021.rd_cap)
        with pytest.raises(ValidationError) as excinfo:
            _rd(amount.wire(), basis.wire())
        assert [("subsidy.rd_over_rate", "/amount")] == _codes_and_paths(excinfo)

    @given(
        moneys(min_yuan=Decimal("1500000.05"), max_yuan=10**9),
        moneys(min_yuan=_FEN, max_yuan=10**6),
    )
    def test_rd_over_cap(self, basis, excess):
        """
        One R&D input subsidy above the cap (but within rate × basis) is refused at /amount.
        """
        amount = min(GUANGXI_2021.rd_cap + excess, GUANGXI_2021.rd_limit(basis))
        with pytest.raises(ValidationError) as excinfo:
            _rd(amount.wire(), basis.wire())
        assert [("subsidy.rd_over_cap", "/amount")] == _codes_and_paths(excinfo)

    @given(_ANY, st.one_of(st.integers(-3000, 1989), st.integers(2101, 10_000)))
    def test_year_out_of_range(self, subsidy, year):
        """
        A year outside 1990–2100 is refused at /year.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(subsidy, year=year, granted_on=None)
        assert [("subsidy.year_out_of_range", "/year")] == _codes_and_paths(excinfo)

    @given(_ANY, st.integers(1, 3000))
    def test_granted_before_year(self, subsidy, days):
        """
        A grant before 1 January of the subsidy's year is refused at /granted_on.
        """
        early = pendulum.Date(subsidy.year, 1, 1).subtract(days=days)
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(subsidy, granted_on=early)
        assert [("subsidy.granted_before_year", "/granted_on")] == _codes_and_paths(excinfo)

    @given(subsidies(kind=SubsidyKind.RD_INPUT))
    def test_two_bad_fields_two_violations(self, subsidy):
        """
        An unknown policy and a missing basis are both reported.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(subsidy, policy="guangxi_1999", basis=None)
        assert [
            ("subsidy.rd_basis_missing", "/basis"),
            ("subsidy.unknown_policy", "/policy"),
        ] == _codes_and_paths(excinfo)

    @given(
        st.sampled_from([SubsidyKind.CERTIFICATION_AWARD, SubsidyKind.RD_INPUT]).flatmap(
            lambda kind: subsidies(kind=kind, policy=None)
        )
    )
    def test_no_policy(self, subsidy):
        """
        An award or R&D input subsidy naming no policy is reported as info at /policy.
        """
        assert [("subsidy.no_policy", "/policy", Severity.INFO)] == _findings(subsidy)

    @given(subsidies(kind=SubsidyKind.SCHOLAR_FUNDING))
    def test_scholar_funding_needs_no_policy(self, subsidy):
        """
        Scholar funding naming no policy is no finding.
        """
        assert [] == _findings(subsidy)

    @given(moneys(min_yuan=270_000, max_yuan=300_000))
    def test_near_cap(self, amount):
        """
        An R&D input subsidy at 90% of the cap or more is reported as info at /amount.
        """
        subsidy = _rd(amount.wire(), "1500000")
        assert [("subsidy.near_cap", "/amount", Severity.INFO)] == _findings(subsidy)

    @given(moneys(max_yuan=Decimal("269999.99")))
    def test_not_near_cap(self, amount):
        """
        An R&D input subsidy below 90% of the cap is no finding.
        """
        assert [] == _findings(_rd(amount.wire(), "1500000"))

    @given(
        st.sampled_from([SubsidyKind.CERTIFICATION_AWARD, SubsidyKind.RD_INPUT]).flatmap(
            lambda kind: subsidies(kind=kind)
        ),
        st.integers(1, 365),
    )
    def test_policy_not_in_force(self, subsidy, days):
        """
        A grant before its policy took effect is a warning at /granted_on.
        """
        early = GUANGXI_2021.effective_from.subtract(days=days)
        moved = attrs.evolve(subsidy, year=early.year, granted_on=early)
        findings = [f for f in _findings(moved) if f[0] != "subsidy.near_cap"]
        assert [("subsidy.policy_not_in_force", "/granted_on", Severity.WARNING)] == findings

    @pytest.mark.parametrize("code", _RULES)
    def test_rule_example_triggers_its_rule(self, code):
        """
        Each rule's example triggers it: errors alone on loading, advisories in the findings.
        """
        rule = RULES[code]
        if rule.trigger is Trigger.LOAD:
            with pytest.raises(ValidationError) as excinfo:
                from_dict(Subsidy, rule.example)
            assert (code,) == excinfo.value.codes
        else:
            findings = from_dict(Subsidy, rule.example)._findings(CheckContext())
            assert (Trigger.CHECK, [code]) == (rule.trigger, [v.code for v in findings])

    def test_rules_are_defined(self):
        """
        The subsidy's rules are all in the catalogue.
        """
        assert [
            "subsidy.award_out_of_range",
            "subsidy.granted_before_year",
            "subsidy.near_cap",
            "subsidy.no_policy",
            "subsidy.policy_not_in_force",
            "subsidy.rd_basis_missing",
            "subsidy.rd_over_cap",
            "subsidy.rd_over_rate",
            "subsidy.recipient_key_empty",
            "subsidy.recipient_key_not_canonical",
            "subsidy.recipient_mismatch",
            "subsidy.unknown_policy",
            "subsidy.year_out_of_range",
        ] == _RULES


class TestFoundingLetter:
    @pytest.mark.parametrize("amount", ["50000", "100000", "5万元", "80000.5"])
    def test_award_within_5_to_10_wan(self, amount):
        """
        An award of 5万元 to 10万元, both included, passes.
        """
        assert Money.parse(amount) == _award(amount).amount

    @pytest.mark.parametrize("amount", ["49999.99", "100000.01", "0", "30万元"])
    def test_award_outside_5_to_10_wan(self, amount):
        """
        An award a fen below 5万元 or above 10万元 fails with subsidy.award_out_of_range.
        """
        with pytest.raises(ValidationError) as excinfo:
            _award(amount)
        assert [("subsidy.award_out_of_range", "/amount")] == _codes_and_paths(excinfo)

    def test_rd_twenty_percent_of_a_million(self):
        """
        20万元 on an R&D input of 100万元 passes.
        """
        assert Money(200_000) == _rd("200000", "1000000").amount

    def test_rd_a_fen_over_twenty_percent(self):
        """
        200,000.01 on an R&D input of 100万元 fails with subsidy.rd_over_rate.
        """
        with pytest.raises(ValidationError) as excinfo:
            _rd("200000.01", "1000000")
        assert [("subsidy.rd_over_rate", "/amount")] == _codes_and_paths(excinfo)

    def test_rd_at_the_cap(self):
        """
        30万元 on an R&D input of 150万元 passes, and is reported near the cap.
        """
        subsidy = _rd("300000", "1500000")
        assert [("subsidy.near_cap", "/amount", Severity.INFO)] == _findings(subsidy)

    def test_rd_over_the_cap(self):
        """
        More than 30万元 in one subsidy fails, however large the input.
        """
        with pytest.raises(ValidationError) as excinfo:
            _rd("400000", "2000000")
        assert [("subsidy.rd_over_cap", "/amount")] == _codes_and_paths(excinfo)

    def test_rounding_half_up_to_the_fen(self):
        """
        20% of 1234.57元 is 246.914元, paid as 246.91元 and not a fen more.
        """
        assert Money.parse("246.91") == _rd("246.91", "1234.57").amount
        with pytest.raises(ValidationError) as excinfo:
            _rd("246.92", "1234.57")
        assert ("subsidy.rd_over_rate",) == excinfo.value.codes
