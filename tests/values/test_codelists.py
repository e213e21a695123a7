"""
Tests for gxai_policy.values.codelists.
"""

from __future__ import annotations

import re
from importlib.resources import files

import pytest

from gxai_policy.errors import ValidationError
from gxai_policy.values import codelists
from gxai_policy.values._codelist import Codelist
from gxai_policy.values.codelists import (
    CODELISTS,
    Body,
    EvaluationGrade,
    Feedback,
    HandlingRole,
    PlatformKind,
    PlatformLevel,
    PlatformStatus,
    Programme,
    ProposalKind,
    ProposalStatus,
    RecipientKind,
    ReplyCategory,
    ScenarioDomain,
    SubsidyKind,
    TaskStatus,
)

MEMBERS = [member for codelist in CODELISTS for member in codelist]


def member_id(member: Codelist) -> str:
    return f"{type(member).__name__}.{member.name}"


class TestCatalogue:
    def test_codelists_lists_every_codelist_of_the_module(self) -> None:
        """
        CODELISTS holds every Codelist subclass the module defines, once.
        """
        defined = {
            value
            for value in vars(codelists).values()
            if isinstance(value, type) and issubclass(value, Codelist) and value is not Codelist
        }

        assert defined == set(CODELISTS)
        assert len(defined) == len(CODELISTS)

    def test_the_package_catalogue_holds_every_codelist(self) -> None:
        """
        gp.CODELISTS lists every Codelist subclass of the package (PlanPeriod, Qualifier too).
        """
        import gxai_policy as gp
        import gxai_policy.values.quantity

        def subclasses(cls: type) -> set[type]:
            return {s for c in cls.__subclasses__() for s in {c, *subclasses(c)}}

        defined = {c for c in subclasses(Codelist) if c.__module__.startswith("gxai_policy.")}
        assert defined == set(gp.CODELISTS)
        assert len(defined) == len(gp.CODELISTS)

    def test_a_member_is_declared_with_its_labels(self) -> None:
        """
        A member made of a code, two labels and other names reads back by each of them.
        """

        class Colour(Codelist):
            RED = "red", "红色", "Red", "赤"

        assert ("red", "红色", "Red") == (
            Colour.RED.value,
            Colour.RED.label_zh,
            Colour.RED.label_en,
        )
        assert Colour.RED is Colour("red")
        assert {Colour.RED} == {Colour.from_label(t) for t in ("red", "红色", "Red", "red", "赤")}

    def test_public_names(self) -> None:
        """
        __all__ names every codelist and CODELISTS.
        """
        assert {c.__name__ for c in CODELISTS} | {"CODELISTS"} == set(codelists.__all__)

    # ProposalKind and Body predate this and name their members by label.
    @pytest.mark.parametrize(
        "codelist",
        [c for c in CODELISTS if c not in {ProposalKind, Body}],
        ids=lambda c: c.__name__,
    )
    def test_docstring_documents_every_value(self, codelist: type[Codelist]) -> None:
        """
        Each codelist's docstring names each of its values (the docs site shows it).
        """
        doc = codelist.__doc__ or ""

        assert [] == [m.value for m in codelist if f"``{m.value}``" not in doc]


class TestLabels:
    @pytest.mark.parametrize("member", MEMBERS, ids=member_id)
    def test_round_trip_through_every_label(self, member: Codelist) -> None:
        """
        A member is found again from its Chinese label, English label and value.
        """
        cls = type(member)

        assert member == cls.from_label(member.label_zh)
        assert member == cls.from_label(member.label_en)
        assert member == cls.from_label(member.value)
        assert member == cls.parse(f" {member.label_zh} ")

    @pytest.mark.parametrize("codelist", CODELISTS, ids=lambda c: c.__name__)
    def test_labels_are_unique(self, codelist: type[Codelist]) -> None:
        """
        No two members of a codelist share a Chinese or an English label.
        """
        zh = [m.label_zh for m in codelist]
        en = [m.label_en.lower() for m in codelist]

        assert len(zh) == len(set(zh))
        assert len(en) == len(set(en))

    @pytest.mark.parametrize("codelist", CODELISTS, ids=lambda c: c.__name__)
    def test_values_are_stable_codes(self, codelist: type[Codelist]) -> None:
        """
        Values are English snake_case codes (reply categories are their letters).
        """
        pattern = r"[A-D]" if codelist is ReplyCategory else r"[a-z][a-z_]*[a-z]"

        assert [] == [m.value for m in codelist if not re.fullmatch(pattern, m.value)]

    @pytest.mark.parametrize("codelist", CODELISTS, ids=lambda c: c.__name__)
    def test_unknown_label_is_refused(self, codelist: type[Codelist]) -> None:
        """
        An unknown text raises codelist.unknown_label.
        """
        with pytest.raises(ValidationError) as info:
            codelist.from_label("不存在的代码")

        assert ("codelist.unknown_label",) == info.value.codes


class TestAliases:
    @pytest.mark.parametrize(
        ("text", "member"),
        [("协办", HandlingRole.CO), ("会办", HandlingRole.CO), ("并案办理", HandlingRole.MERGED),
         ("A类", ReplyCategory.A), ("d", ReplyCategory.D), ("留作参考", ReplyCategory.C),
         ("不满意", Feedback.DISSATISFIED), ("退回", ProposalStatus.RETURNED),
         ("不予立案", ProposalStatus.RETURNED), ("验收", PlatformStatus.RECOGNISED),
         ("认定", PlatformStatus.RECOGNISED), ("通过验收", PlatformStatus.RECOGNISED),
         ("国家级技术创新中心", PlatformKind.NATIONAL_INNOVATION_CENTRE),
         ("全国重点实验室", PlatformKind.NATIONAL_KEY_LABORATORY),
         ("省级", PlatformLevel.AUTONOMOUS_REGION), ("整改", EvaluationGrade.RECTIFY),
         ("八桂学者", Programme.BAGUI_SCHOLAR), ("研发奖补", SubsidyKind.RD_INPUT),
         ("按计划推进", TaskStatus.IN_PROGRESS), ("智慧旅游", ScenarioDomain.SMART_CULTURE_TOURISM),
         ("创新平台", RecipientKind.PLATFORM), ("代表建议", ProposalKind.SUGGESTION)],
    )  # fmt: skip
    def test_alias(self, text: str, member: Codelist) -> None:
        """
        The aliases documents use lead to the right member.
        """
        assert member == type(member).from_label(text)


class TestReplyCategory:
    def test_letters_and_meanings(self) -> None:
        """
        The values are the raw letters A–D, with the meanings of the three- and four-class forms.
        """
        expected = [
            ("A", "已解决或采纳", "solved or adopted"),
            ("B", "正在解决或列入计划", "being solved or planned"),
            ("C", "留作参考", "kept for reference"),
            ("D", "因条件限制等原因无法解决", "cannot be solved for now (four-class form)"),
        ]

        assert expected == [(m.value, m.label_zh, m.label_en) for m in ReplyCategory]


class TestScenarioDomain:
    def test_the_twelve_domains_of_the_founding_letter_in_order(self) -> None:
        """
        The 12 domains are those the founding letter lists for scenario collection, in its order.
        """
        letter = (files("gxai_policy") / "data" / "2021-reply-20210143.txt").read_text("utf-8")
        listed = re.search(r"征集范围包括：(.*?)等领域", letter)
        assert listed is not None

        assert listed[1].split("、") == [m.label_zh for m in ScenarioDomain]

    def test_values(self) -> None:
        """
        The domains have the documented stable values, in order.
        """
        expected = [
            "intelligent_manufacturing",
            "smart_transport",
            "smart_livelihood",
            "smart_education",
            "smart_park",
            "smart_culture_tourism",
            "smart_healthcare",
            "smart_elderly_care",
            "smart_agriculture",
            "intelligent_early_warning",
            "smart_finance",
            "smart_security",
        ]

        assert expected == [m.value for m in ScenarioDomain]


class TestPlatformKind:
    def test_kinds_named_in_the_founding_letter(self) -> None:
        """
        Every platform kind but the national key laboratory is named in the founding letter.
        """
        letter = (files("gxai_policy") / "data" / "2021-reply-20210143.txt").read_text("utf-8")
        named = {m for text, m in PlatformKind.aliases().items() if text in letter}
        missing = set(PlatformKind) - named - {PlatformKind.NATIONAL_KEY_LABORATORY}

        assert set() == missing
