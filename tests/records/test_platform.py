"""
Tests for gxai_policy.records.platform: innovation platforms and their evaluations.
"""

from __future__ import annotations

import pickle

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxai_policy.errors import Severity, ValidationError
from gxai_policy.records._base import CheckContext, Extras
from gxai_policy.records.platform import LEVELS_BY_KIND, Evaluation, Platform
from gxai_policy.rules import RULES
from gxai_policy.serialize import from_dict, from_json, to_dict, to_json
from gxai_policy.strategies._dates import dates
from gxai_policy.strategies._programmes import evaluations, platforms
from gxai_policy.values.codelists import (
    EvaluationGrade,
    PlatformKind,
    PlatformLevel,
    PlatformStatus,
)
from gxai_policy.values.dates import PlanPeriod
from gxai_policy.values.identifiers import RegionCode

CODELISTS = (PlatformKind, PlatformLevel, PlatformStatus, EvaluationGrade)


CATALOGUE_AS_OF = pendulum.Date(2025, 1, 1)
PLATFORM_CODES = sorted(code for code in RULES if code.startswith("platform."))
BLANKS = st.sampled_from(("", " ", "\u3000", "\t\n"))
ACCEPTED = [PlatformStatus.RECOGNISED, PlatformStatus.OPERATING, PlatformStatus.RECTIFYING]
# Kinds that some level does not fit.
RESTRICTED = [kind for kind in PlatformKind if LEVELS_BY_KIND[kind] != frozenset(PlatformLevel)]


def accepted_platforms() -> st.SearchStrategy[Platform]:
    return platforms().map(
        lambda p: (
            p
            if p.status in ACCEPTED
            else attrs.evolve(
                p,
                status=PlatformStatus.OPERATING,
                accepted_on=p.approved_on or pendulum.Date(2018, 12, 1),
                evaluations=(),
            )
        )
    )


def found(error: ValidationError) -> list[tuple[str, str]]:
    return [(v.code, v.path) for v in error.violations]


def finding_codes(platform: Platform, as_of: pendulum.Date | None = None) -> list[str]:
    return [v.code for v in platform._findings(CheckContext(as_of=as_of))]


def multimedia_lab(**changes: object) -> Platform:
    """
    广西多媒体通信与网络技术重点实验室, one of the 6 key laboratories the founding letter counts.
    """
    fields: dict[str, object] = {
        "name": "广西多媒体通信与网络技术重点实验室",
        "kind": PlatformKind.KEY_LABORATORY,
        "level": PlatformLevel.AUTONOMOUS_REGION,
        "fields": ("多媒体通信", "网络技术"),
        "host": "桂林电子科技大学",
        "city": RegionCode("450300"),
        "status": PlatformStatus.OPERATING,
        "approved_on": pendulum.Date(2016, 11, 1),
        "accepted_on": pendulum.Date(2018, 12, 1),
    }
    return Platform(**(fields | changes))


def vehicle_centre(**changes: object) -> Platform:
    """
    广西车辆物联监控工程技术研究中心, one of the 15 engineering centres the letter counts.
    """
    fields: dict[str, object] = {
        "name": "广西车辆物联监控工程技术研究中心",
        "kind": PlatformKind.ENGINEERING_CENTRE,
        "level": PlatformLevel.AUTONOMOUS_REGION,
        "fields": ("车辆物联监控",),
        "host": "桂林电子科技大学",
        "status": PlatformStatus.UNDER_CONSTRUCTION,
        "approved_on": pendulum.Date(2019, 12, 1),
    }
    return Platform(**(fields | changes))


class TestPlatformStrategy:
    @given(platforms())
    def test_strategy_output_constructs(self, platform):
        """
        Every generated platform is valid: constructing it again from its fields succeeds.
        """
        assert platform == attrs.evolve(platform)

    @given(
        st.sampled_from(PlatformKind).flatmap(lambda k: st.tuples(st.just(k), platforms(kind=k)))
    )
    def test_kind_option(self, drawn):
        """
        platforms(kind=...) yields platforms of that kind only.
        """
        kind, platform = drawn
        assert kind is platform.kind

    @given(platforms())
    def test_generated_names_fit_their_kind(self, platform):
        """
        A generated platform's name never contradicts its kind.
        """
        assert "platform.name_kind" not in finding_codes(platform)

    @given(evaluations())
    def test_evaluations_construct(self, evaluation):
        """
        Every generated evaluation is valid.
        """
        assert evaluation == attrs.evolve(evaluation)


class TestPlatformRules:
    @given(platforms(), BLANKS)
    def test_name_empty(self, platform, blank):
        """
        A blank name is refused with platform.name_empty at /name.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(platform, name=blank)
        assert [("platform.name_empty", "/name")] == found(info.value)

    @given(platforms(), BLANKS)
    def test_host_empty(self, platform, blank):
        """
        A blank host unit is refused with platform.host_empty at /host.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(platform, host=blank)
        assert [("platform.host_empty", "/host")] == found(info.value)

    @given(platforms(), BLANKS)
    def test_field_empty(self, platform, blank):
        """
        A blank research field is refused with platform.field_empty at its index.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(platform, fields=(*platform.fields, blank))
        assert [("platform.field_empty", f"/fields/{len(platform.fields)}")] == found(info.value)

    @given(platforms(), st.data())
    def test_field_duplicate(self, platform, data):
        """
        A research field listed twice is refused with platform.field_duplicate at the second.
        """
        again = data.draw(st.sampled_from(platform.fields))
        with pytest.raises(ValidationError) as info:
            attrs.evolve(platform, fields=(*platform.fields, again))
        assert [("platform.field_duplicate", f"/fields/{len(platform.fields)}")] == found(
            info.value
        )

    @given(st.sampled_from(RESTRICTED).flatmap(lambda k: platforms(kind=k)), st.data())
    def test_kind_level(self, platform, data):
        """
        A level the kind never has is refused with platform.kind_level at /level.
        """
        wrong = [level for level in PlatformLevel if level not in LEVELS_BY_KIND[platform.kind]]
        level = data.draw(st.sampled_from(wrong))
        with pytest.raises(ValidationError) as info:
            attrs.evolve(platform, level=level)
        assert [("platform.kind_level", "/level")] == found(info.value)

    @given(platforms(), dates(min_year=2010, max_year=2025), st.integers(1, 2000))
    def test_accepted_before_approved(self, platform, approved_on, days):
        """
        Acceptance before approval is refused with platform.accepted_before_approved.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(
                platform,
                status=PlatformStatus.OPERATING,
                approved_on=approved_on,
                accepted_on=approved_on.subtract(days=days),
                evaluations=(),
            )
        assert [("platform.accepted_before_approved", "/accepted_on")] == found(info.value)

    @given(accepted_platforms())
    def test_accepted_on_missing(self, platform):
        """
        A recognised, operating or rectifying platform without accepted_on is refused.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(platform, accepted_on=None)
        assert [("platform.accepted_on_missing", "/accepted_on")] == found(info.value)

    @given(platforms(), st.integers(0, 2000))
    def test_accepted_on_unexpected(self, platform, days):
        """
        A platform under construction with an accepted_on is refused.
        """
        accepted_on = (platform.approved_on or pendulum.Date(2015, 1, 1)).add(days=days)
        with pytest.raises(ValidationError) as info:
            attrs.evolve(
                platform, status=PlatformStatus.UNDER_CONSTRUCTION, accepted_on=accepted_on
            )
        assert [("platform.accepted_on_unexpected", "/accepted_on")] == found(info.value)

    @given(accepted_platforms(), st.integers(0, 10), evaluations(), evaluations())
    def test_evaluation_duplicate(self, platform, offset, first, second):
        """
        Two evaluations in one year are refused with platform.evaluation_duplicate.
        """
        year = platform.accepted_on.year + offset
        twice = (Evaluation(year, first.grade), Evaluation(year, second.grade))
        with pytest.raises(ValidationError) as info:
            attrs.evolve(platform, evaluations=twice)
        assert [("platform.evaluation_duplicate", "/evaluations/1/year")] == found(info.value)

    @given(accepted_platforms(), st.integers(0, 10), st.integers(1, 5), evaluations())
    def test_evaluation_order(self, platform, offset, gap, evaluation):
        """
        An evaluation listed after a later one is refused with platform.evaluation_order.
        """
        year = platform.accepted_on.year + offset
        unordered = (Evaluation(year + gap, evaluation.grade), Evaluation(year, evaluation.grade))
        with pytest.raises(ValidationError) as info:
            attrs.evolve(platform, evaluations=unordered)
        assert [("platform.evaluation_order", "/evaluations/1/year")] == found(info.value)

    @given(platforms(), dates(min_year=2010, max_year=2025), st.integers(1, 10), evaluations())
    def test_evaluation_before_approval(self, platform, approved_on, years, evaluation):
        """
        An evaluation before the approval year is refused at its year.
        """
        early = Evaluation(approved_on.year - years, evaluation.grade)
        with pytest.raises(ValidationError) as info:
            attrs.evolve(
                platform,
                status=PlatformStatus.OPERATING,
                approved_on=approved_on,
                accepted_on=approved_on,
                evaluations=(early,),
            )
        assert [("platform.evaluation_before_approval", "/evaluations/0/year")] == found(info.value)

    @given(evaluations(), st.one_of(st.integers(max_value=1899), st.integers(min_value=2101)))
    def test_evaluation_year_out_of_range(self, evaluation, year):
        """
        An evaluation year outside 1900–2100 is refused with date.out_of_range at /year.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(evaluation, year=year)
        assert [("date.out_of_range", "/year")] == found(info.value)

    @given(platforms())
    def test_every_violation_at_once(self, platform):
        """
        Two broken fields give two violations, in field order, in one error.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(platform, name="", host="")
        assert [("platform.name_empty", "/name"), ("platform.host_empty", "/host")] == found(
            info.value
        )


class TestPlatformFindings:
    @given(platforms(kind=PlatformKind.ENGINEERING_CENTRE))
    def test_name_kind(self, platform):
        """
        An engineering centre named like a key laboratory gets a platform.name_kind warning.
        """
        named = attrs.evolve(platform, name=f"广西{platform.fields[0]}重点实验室")
        findings = [v for v in named._findings(CheckContext()) if v.code == "platform.name_kind"]
        assert [("/kind", Severity.WARNING)] == [(v.path, v.severity) for v in findings]

    def test_name_kind_looks_past_a_trailing_remark(self):
        """
        A remark in brackets after the name, such as （组建）, does not hide its kind.
        """
        centre = vehicle_centre(
            name="广西车辆物联监控工程技术研究中心（组建）", kind=PlatformKind.INNOVATION_CENTRE
        )
        assert ["platform.name_kind"] == finding_codes(centre)

    def test_name_without_a_telling_ending(self):
        """
        A name that does not end in a kind's word (研究院) is no contradiction.
        """
        institute = vehicle_centre(
            name="广西人工智能产业技术研究院",
            kind=PlatformKind.NEW_RD_INSTITUTION,
            level=PlatformLevel.CITY,
        )
        assert [] == finding_codes(institute)


class TestPlatformValue:
    @given(platforms())
    def test_equal_platforms_hash_equal(self, platform):
        """
        A platform and its rebuilt copy are equal and hash equal.
        """
        copy = attrs.evolve(platform)
        assert (platform, hash(platform)) == (copy, hash(copy))

    @given(platforms())
    def test_pickles(self, platform):
        """
        A platform survives pickling.
        """
        assert platform == pickle.loads(pickle.dumps(platform))

    @given(platforms())
    def test_dict_round_trip(self, platform):
        """
        from_dict(Platform, to_dict(platform)) gives the platform back.
        """
        assert platform == from_dict(Platform, to_dict(platform))

    @given(platforms())
    def test_json_round_trip(self, platform):
        """
        from_json(Platform, to_json(platform)) gives the platform back.
        """
        assert platform == from_json(Platform, to_json(platform))

    @given(platforms())
    def test_unknown_keys_kept_in_extras(self, platform):
        """
        With unknown="report" an unknown key lands in extras and is written back.
        """
        data = to_dict(platform) | {"主管部门": "自治区科学技术厅"}
        loaded = from_dict(Platform, data, unknown="report")
        assert (Extras({"主管部门": "自治区科学技术厅"}), data) == (loaded.extras, to_dict(loaded))

    @given(platforms())
    def test_plan_period_follows_approval(self, platform):
        """
        plan_period() is the plan period of approved_on, None without it.
        """
        expected = None if platform.approved_on is None else PlanPeriod.of(platform.approved_on)
        assert expected == platform.plan_period()

    def test_nested_evaluation_error_has_its_path(self):
        """
        A bad evaluation inside a payload is reported at its place in the payload.
        """
        data = to_dict(multimedia_lab()) | {"evaluations": [{"year": 20, "grade": "good"}]}
        with pytest.raises(ValidationError) as info:
            from_dict(Platform, data)
        assert [("date.out_of_range", "/evaluations/0/year")] == found(info.value)


class TestPlatformCatalogue:
    def test_every_rule_applies_to_platform(self):
        """
        The module defines its rules for the public class Platform.
        """
        assert {"Platform"} == {RULES[code].applies_to for code in PLATFORM_CODES}
        assert len(PLATFORM_CODES) >= 12


class TestFoundingLetter:
    def test_multimedia_key_laboratory(self):
        """
        广西多媒体通信与网络技术重点实验室 constructs as an autonomous-region key laboratory.
        """
        lab = multimedia_lab()
        assert (PlatformKind.KEY_LABORATORY, PlatformLevel.AUTONOMOUS_REGION, []) == (
            lab.kind,
            lab.level,
            finding_codes(lab),
        )

    def test_vehicle_engineering_centre_under_construction(self):
        """
        广西车辆物联监控工程技术研究中心 constructs as an engineering centre still in 组建.
        """
        centre = vehicle_centre()
        assert (PlatformKind.ENGINEERING_CENTRE, None, []) == (
            centre.kind,
            centre.accepted_on,
            finding_codes(centre),
        )

    def test_new_in_the_13th_plan(self):
        """
        Both platforms, approved 2016–2020, count among the 21 new in 十三五.
        """
        assert [PlanPeriod.FYP13, PlanPeriod.FYP13] == [
            multimedia_lab().plan_period(),
            vehicle_centre().plan_period(),
        ]

    def test_key_laboratory_is_never_national(self):
        """
        An autonomous-region key laboratory recorded as national is refused.
        """
        with pytest.raises(ValidationError) as info:
            multimedia_lab(level=PlatformLevel.NATIONAL)
        assert [("platform.kind_level", "/level")] == found(info.value)

    def test_yuchai_national_innovation_centre(self):
        """
        玉柴集团's 国家级低碳智能动力技术创新中心 is national, never autonomous-region.
        """
        centre = Platform(
            name="国家低碳智能动力技术创新中心",
            kind=PlatformKind.NATIONAL_INNOVATION_CENTRE,
            level=PlatformLevel.NATIONAL,
            fields=("低碳智能动力",),
            host="玉柴集团",
            city=RegionCode("450900"),
            status=PlatformStatus.UNDER_CONSTRUCTION,
        )
        with pytest.raises(ValidationError) as info:
            attrs.evolve(centre, level=PlatformLevel.AUTONOMOUS_REGION)
        assert ("玉林市", ["platform.kind_level"]) == (
            centre.city.name,
            [v.code for v in info.value.violations],
        )

    def test_engineering_centre_named_like_a_laboratory(self):
        """
        The letter's key laboratory entered as an engineering centre draws a warning, not an error.
        """
        mixed = multimedia_lab(kind=PlatformKind.ENGINEERING_CENTRE)
        assert ["platform.name_kind"] == finding_codes(mixed)
