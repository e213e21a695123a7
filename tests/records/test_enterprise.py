"""
Tests for gxai_policy.records.enterprise: Enterprise and HighTechCertificate.
"""

from __future__ import annotations

import pickle

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxai_policy.errors import Severity, ValidationError
from gxai_policy.records import enterprise as enterprise_module
from gxai_policy.records._base import CheckContext
from gxai_policy.records.enterprise import (
    EXPIRY_NOTICE_DAYS,
    Enterprise,
    HighTechCertificate,
)
from gxai_policy.rules import RULES, Rule, Trigger
from gxai_policy.serialize import from_dict, from_json, to_dict, to_json
from gxai_policy.strategies._enterprises import enterprises, high_tech_certificates
from gxai_policy.strategies._identifiers import high_tech_certificate_numbers
from gxai_policy.values.identifiers import (
    GUANGXI_CITIES,
    PROVINCE_CODES,
    USCC,
    HighTechCertificateNumber,
    RegionCode,
)

_OTHER_PROVINCES = tuple(p for p in PROVINCE_CODES if p != "45")
# The rules this module defines.
_RULES = sorted(rule.code for rule in vars(enterprise_module).values() if isinstance(rule, Rule))


def _certificate(
    number: str = "GR202145000123", issued_on: str = "2021-10-20"
) -> HighTechCertificate:
    return HighTechCertificate(
        number=HighTechCertificateNumber(number),
        issued_on=pendulum.Date.fromisoformat(issued_on),
    )


def _codes_and_paths(excinfo: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(v.code, v.path) for v in excinfo.value.violations]


def _certified() -> st.SearchStrategy[Enterprise]:
    """
    Guangxi enterprises that hold a certificate.
    """
    return st.builds(
        attrs.evolve,
        enterprises(),
        certificate=high_tech_certificates(),
    )


class TestHighTechCertificate:
    def test_valid_for_three_years_less_a_day(self):
        """
        GR202145000123 of 2021-10-20 is valid through 2024-10-19, the eve of its third anniversary.
        """
        certificate = _certificate()
        assert (pendulum.Date(2024, 10, 19), True, False, False) == (
            certificate.expires_on,
            certificate.valid_on(pendulum.Date(2024, 10, 19)),
            certificate.valid_on(pendulum.Date(2024, 10, 20)),
            certificate.valid_on(pendulum.Date(2024, 10, 21)),
        )

    def test_valid_from_the_day_of_issue(self):
        """
        A certificate is valid on its day of issue and not the day before.
        """
        certificate = _certificate()
        assert (True, False) == (
            certificate.valid_on(pendulum.Date(2021, 10, 20)),
            certificate.valid_on(pendulum.Date(2021, 10, 19)),
        )

    def test_issued_on_29_february(self):
        """
        A certificate of 29 February is valid through 28 February three years on.
        """
        assert pendulum.Date(2023, 2, 28) == _certificate("GR202045000001", "2020-02-29").expires_on

    def test_issued_on_1_march_before_a_leap_day(self):
        """
        A certificate of 1 March 2021 is valid through 29 February 2024, the eve of 1 March.
        """
        assert pendulum.Date(2024, 2, 29) == _certificate("GR202145000001", "2021-03-01").expires_on

    def test_years(self):
        """
        A certificate counts for its year of issue and the two following.
        """
        assert (2021, 2022, 2023) == _certificate().years()

    @given(high_tech_certificates(province=None))
    def test_strategy_constructs(self, certificate):
        """
        Every drawn certificate constructs again from its fields.
        """
        assert certificate == HighTechCertificate(
            number=certificate.number, issued_on=certificate.issued_on
        )

    @given(high_tech_certificates(province=None))
    def test_three_years_of_validity(self, certificate):
        """
        A certificate is valid for three years of 365 or 366 days, counting the day of issue.
        """
        issued_on, expires_on = certificate.issued_on, certificate.expires_on
        days = expires_on.toordinal() - issued_on.toordinal() + 1
        assert (True, False, True) == (
            certificate.valid_on(expires_on),
            certificate.valid_on(expires_on.add(days=1)),
            days in (3 * 365, 3 * 365 + 1),
        )

    @given(high_tech_certificates(province=None), st.integers(1, 50))
    def test_year_mismatch(self, certificate, shift):
        """
        A day of issue in another year than the number's is refused at /number.
        """
        year = certificate.number.year
        other = year + shift if year + shift <= 2100 else year - shift
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(certificate, issued_on=pendulum.Date(other, 6, 30))
        assert [("certificate.year_mismatch", "/number")] == _codes_and_paths(excinfo)


class TestEnterprise:
    @given(st.booleans().flatmap(lambda guangxi: enterprises(guangxi=guangxi)))
    def test_strategy_constructs(self, enterprise):
        """
        Every drawn enterprise constructs again from its own fields.
        """
        assert enterprise == Enterprise(**attrs.asdict(enterprise, recurse=False))

    @given(enterprises(guangxi=False))
    def test_round_trips_through_dict(self, enterprise):
        """
        An enterprise survives to_dict and from_dict.
        """
        assert enterprise == from_dict(Enterprise, to_dict(enterprise))

    @given(enterprises())
    def test_round_trips_through_json(self, enterprise):
        """
        An enterprise survives to_json and from_json.
        """
        assert enterprise == from_json(Enterprise, to_json(enterprise))

    @given(enterprises())
    def test_pickles_and_hashes(self, enterprise):
        """
        An enterprise survives pickling, and the copy hashes equal.
        """
        clone = pickle.loads(pickle.dumps(enterprise))
        assert (enterprise, hash(enterprise)) == (clone, hash(clone))

    @given(enterprises())
    def test_strategy_has_no_findings_of_place(self, enterprise):
        """
        Drawn enterprises agree on their province: no city_mismatch.
        """
        assert [] == list(enterprise._findings(CheckContext()))

    @given(enterprises())
    def test_name_is_stripped(self, enterprise):
        """
        Surrounding whitespace of the name is dropped.
        """
        assert enterprise == attrs.evolve(enterprise, name=f" \u3000{enterprise.name}\n")

    def test_high_tech_properties(self):
        """
        An enterprise with a certificate is high-tech, on days the certificate is valid.
        """
        enterprise = Enterprise(
            name="广西智联智能科技有限公司",
            uscc=USCC("91450100MA5KB1XW1C"),
            certificate=_certificate(),
        )
        assert (True, True, False) == (
            enterprise.is_high_tech,
            enterprise.is_high_tech_on(pendulum.Date(2022, 1, 1)),
            enterprise.is_high_tech_on(pendulum.Date(2025, 1, 1)),
        )

    def test_without_certificate_is_not_high_tech(self):
        """
        An enterprise without a certificate is never high-tech.
        """
        enterprise = Enterprise(name="广西智联智能科技有限公司", uscc=USCC("91450100MA5KB1XW1C"))
        assert (False, False) == (
            enterprise.is_high_tech,
            enterprise.is_high_tech_on(pendulum.Date(2022, 1, 1)),
        )

    def test_province_from_city_then_uscc(self):
        """
        The province is the city's, failing that the USCC region's, failing that unknown.
        """
        central = USCC.with_check_digit("91100000MA0000000")
        assert ["44", "45", None] == [
            Enterprise(
                name="甲", uscc=USCC("91450100MA5KB1XW1C"), city=RegionCode("440100")
            ).province,
            Enterprise(name="乙", uscc=USCC("91450100MA5KB1XW1C")).province,
            Enterprise(name="丙", uscc=central).province,
        ]

    def test_loads_the_minimal_payload(self):
        """
        A name and a USCC make an enterprise; the rest takes its defaults.
        """
        enterprise = from_dict(
            Enterprise, {"name": "广西智联智能科技有限公司", "uscc": "91450100MA5KB1XW1C"}
        )
        assert (None, False, frozenset(), None) == (
            enterprise.city,
            enterprise.is_ai,
            enterprise.sectors,
            enterprise.certificate,
        )


class TestEnterpriseRules:
    @given(enterprises(guangxi=False), st.sampled_from(["", " ", "\u3000", "\n\t"]))
    def test_name_empty(self, enterprise, blank):
        """
        A blank name is refused at /name.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(enterprise, name=blank)
        assert [("enterprise.name_empty", "/name")] == _codes_and_paths(excinfo)

    @given(_certified())
    def test_year_mismatch_through_the_wire(self, enterprise):
        """
        Loaded, a number of another year than the issue is refused at /certificate/number.
        """
        data = to_dict(enterprise)
        issued = enterprise.certificate.issued_on
        data["certificate"]["issued_on"] = issued.add(years=1).isoformat()
        with pytest.raises(ValidationError) as excinfo:
            from_dict(Enterprise, data)
        assert [("certificate.year_mismatch", "/certificate/number")] == _codes_and_paths(excinfo)

    @given(
        enterprises(),
        st.sampled_from(_OTHER_PROVINCES).flatmap(lambda p: high_tech_certificates(province=p)),
    )
    def test_province_mismatch(self, enterprise, certificate):
        """
        A Guangxi enterprise's certificate of another province is refused at /certificate/number.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(enterprise, certificate=certificate)
        assert [("certificate.province_mismatch", "/certificate/number")] == _codes_and_paths(
            excinfo
        )

    @given(
        enterprises(),
        st.sampled_from(_OTHER_PROVINCES).flatmap(lambda p: high_tech_certificates(province=p)),
    )
    def test_province_from_the_uscc_without_a_city(self, enterprise, certificate):
        """
        Without a city, a Guangxi USCC places the enterprise in Guangxi.
        """
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(enterprise, city=None, certificate=certificate)
        assert ("certificate.province_mismatch",) == excinfo.value.codes

    @given(_certified(), st.sampled_from(_OTHER_PROVINCES))
    def test_no_province_rule_outside_guangxi(self, enterprise, province):
        """
        An enterprise located outside Guangxi may hold a Guangxi certificate (it moved).
        """
        moved = attrs.evolve(enterprise, city=RegionCode(province + "0100"))
        assert (province, "45") == (moved.province, moved.certificate.number.province)

    @given(enterprises(), st.sampled_from(_OTHER_PROVINCES))
    def test_city_mismatch_is_a_warning(self, enterprise, province):
        """
        A city outside the USCC's province is legal, and check warns of it at /city.
        """
        moved = attrs.evolve(enterprise, city=RegionCode(province + "0100"), certificate=None)
        findings = list(moved._findings(CheckContext()))
        assert [("enterprise.city_mismatch", "/city", Severity.WARNING)] == [
            (v.code, v.path, v.severity) for v in findings
        ]

    @given(_certified(), st.integers(1, 3000))
    def test_expired(self, enterprise, days):
        """
        A certificate that expired before as_of is a warning at /certificate.
        """
        as_of = enterprise.certificate.expires_on.add(days=days)
        findings = list(enterprise._findings(CheckContext(as_of=as_of)))
        assert [("certificate.expired", "/certificate", Severity.WARNING)] == [
            (v.code, v.path, v.severity) for v in findings
        ]

    @given(_certified(), st.integers(0, EXPIRY_NOTICE_DAYS))
    def test_expiring(self, enterprise, days):
        """
        A certificate that expires within 90 days of as_of is info at /certificate.
        """
        as_of = enterprise.certificate.expires_on.subtract(days=days)
        findings = list(enterprise._findings(CheckContext(as_of=as_of)))
        assert [("certificate.expiring", "/certificate", Severity.INFO)] == [
            (v.code, v.path, v.severity) for v in findings
        ]

    @given(_certified(), st.integers(EXPIRY_NOTICE_DAYS + 1, 900))
    def test_not_expiring_earlier(self, enterprise, days):
        """
        More than 90 days before expiry, or before issue, nothing is reported.
        """
        as_of = max(
            enterprise.certificate.expires_on.subtract(days=days),
            enterprise.certificate.issued_on,
        )
        assert [] == list(enterprise._findings(CheckContext(as_of=as_of)))

    @given(_certified())
    def test_no_dated_findings_without_as_of(self, enterprise):
        """
        Without as_of, no finding depends on the date.
        """
        assert [] == list(enterprise._findings(CheckContext()))

    @given(_certified(), st.sampled_from(_OTHER_PROVINCES))
    def test_two_bad_fields_two_violations(self, enterprise, province):
        """
        A blank name and a foreign certificate are both reported.
        """
        foreign = HighTechCertificate(
            number=HighTechCertificateNumber(
                f"GR{enterprise.certificate.number.year}{province}000001"
            ),
            issued_on=enterprise.certificate.issued_on,
        )
        with pytest.raises(ValidationError) as excinfo:
            attrs.evolve(enterprise, name="", certificate=foreign)
        assert [
            ("enterprise.name_empty", "/name"),
            ("certificate.province_mismatch", "/certificate/number"),
        ] == _codes_and_paths(excinfo)

    @pytest.mark.parametrize("code", _RULES)
    def test_rule_example_triggers_its_rule(self, code):
        """
        Each rule's example triggers it: errors alone on loading, advisories in the findings.
        """
        rule = RULES[code]
        if rule.trigger is Trigger.LOAD:
            with pytest.raises(ValidationError) as excinfo:
                from_dict(Enterprise, rule.example)
            assert (code,) == excinfo.value.codes
        elif rule.trigger is Trigger.CHECK_AS_OF:
            enterprise = from_dict(Enterprise, rule.example["record"])
            as_of = pendulum.Date.fromisoformat(rule.example["as_of"])
            findings = enterprise._findings(CheckContext(as_of=as_of))
            assert [code] == [v.code for v in findings]
        else:
            findings = from_dict(Enterprise, rule.example)._findings(CheckContext())
            assert (Trigger.CHECK, [code]) == (rule.trigger, [v.code for v in findings])

    def test_rules_are_defined(self):
        """
        The enterprise's rules are all in the catalogue.
        """
        assert [
            "certificate.expired",
            "certificate.expiring",
            "certificate.province_mismatch",
            "certificate.year_mismatch",
            "enterprise.city_mismatch",
            "enterprise.name_empty",
        ] == _RULES


class TestFoundingLetter:
    def test_certificate_of_the_brief(self):
        """
        GR202145000123 issued 2021-10-20 is valid on 2024-10-19 and not on 2024-10-21.
        """
        certificate = _certificate()
        assert (True, False) == (
            certificate.valid_on(pendulum.Date(2024, 10, 19)),
            certificate.valid_on(pendulum.Date(2024, 10, 21)),
        )

    def test_guangxi_cities_hold_guangxi_certificates(self):
        """
        An enterprise of any of Guangxi's 14 cities with a Guangxi certificate is valid.
        """
        made = [
            Enterprise(
                name="广西智联智能科技有限公司",
                uscc=USCC("91450100MA5KB1XW1C"),
                city=city,
                certificate=_certificate(),
            ).city
            for city in GUANGXI_CITIES
        ]
        assert list(GUANGXI_CITIES) == made

    @given(high_tech_certificate_numbers(year=2021, province="44"))
    def test_guangxi_enterprise_with_a_guangdong_number(self, number):
        """
        A Nanning enterprise cannot hold a certificate numbered for Guangdong (44).
        """
        with pytest.raises(ValidationError) as excinfo:
            Enterprise(
                name="广西智联智能科技有限公司",
                uscc=USCC("91450100MA5KB1XW1C"),
                city=RegionCode("450100"),
                certificate=HighTechCertificate(
                    number=number, issued_on=pendulum.Date(2021, 10, 20)
                ),
            )
        assert ("certificate.province_mismatch",) == excinfo.value.codes
