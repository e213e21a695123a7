"""
Tests for gxai_policy.records.dataset: the bundle, its keys and its references.
"""

from __future__ import annotations

import pickle
from typing import Any

import attrs
import orjson
import pendulum
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

import gxai_policy as gp
from gxai_policy.data import founding_dataset, founding_proposal
from gxai_policy.records._base import CheckContext
from gxai_policy.strategies._datasets import datasets
from gxai_policy.strategies._dates import dates
from gxai_policy.strategies._enterprises import enterprises
from gxai_policy.strategies._programmes import platforms, scholars, tasks
from gxai_policy.strategies._proposals import proposals, replies

_UNIT = "91450100MA5KB1XW1C"
_COLLECTIONS = (
    "proposals",
    "replies",
    "tasks",
    "platforms",
    "scholars",
    "enterprises",
    "subsidies",
)


def _codes_and_paths(info: pytest.ExceptionInfo[gp.ValidationError]) -> list[tuple[str, str]]:
    return [(v.code, v.path) for v in info.value.violations]


def _enterprise(**changes: Any) -> gp.Enterprise:
    fields: dict[str, Any] = {"name": "广西智联视界智能科技有限公司", "uscc": gp.USCC(_UNIT)}
    return gp.Enterprise(**(fields | changes))


def _scholar(**changes: Any) -> gp.Scholar:
    fields: dict[str, Any] = {
        "programme": gp.Programme.BAGUI_SCHOLAR,
        "post": "机器人与智能装备",
        "host": "广西大学",
        "term_start": pendulum.Date(2019, 1, 1),
        "term_end": pendulum.Date(2023, 12, 31),
    }
    return gp.Scholar(**(fields | changes))


def _reply(**changes: Any) -> gp.Reply:
    return gp.Reply(
        recipient="农工民主党广西区委", opening="贵委提出的提案收悉，现答复如下：", **changes
    )


def _funding(recipient: gp.Recipient, amount: int = 600_000) -> gp.Subsidy:
    return gp.Subsidy(
        kind=gp.SubsidyKind.PROJECT_FUNDING
        if recipient.kind is not gp.RecipientKind.SCHOLAR
        else gp.SubsidyKind.SCHOLAR_FUNDING,
        recipient=recipient,
        amount=gp.Money(amount),
        year=2021,
    )


def _with_copy(
    records: list[Any], data: st.DataObject, change: dict[str, Any]
) -> tuple[tuple[Any, ...], int]:
    """
    *records* with a copy of one of them (changed outside its key) inserted; and where.
    """
    original = data.draw(st.sampled_from(records))
    at = data.draw(st.integers(records.index(original) + 1, len(records)))
    copy = attrs.evolve(original, **change)
    return (*records[:at], copy, *records[at:]), at


def _platforms() -> tuple[gp.Platform, gp.Platform]:
    # The docs' fictional cast: the letter states no status of the platforms it names.
    lab = gp.Platform(
        name="某重点实验室",
        kind=gp.PlatformKind.KEY_LABORATORY,
        level=gp.PlatformLevel.AUTONOMOUS_REGION,
        status=gp.PlatformStatus.UNDER_CONSTRUCTION,
    )
    return lab, attrs.evolve(
        lab, name="某工程技术研究中心", kind=gp.PlatformKind.ENGINEERING_CENTRE
    )


class TestKeys:
    @given(st.lists(proposals(), unique_by=lambda p: p.ref, min_size=1, max_size=3), st.data())
    def test_duplicate_proposal(self, found, data):
        """
        Two proposals with one kind, session and number are refused at the later one.
        """
        bundle, at = _with_copy(found, data, {"title": "关于加快人工智能产业发展的提案"})
        with pytest.raises(gp.ValidationError) as info:
            gp.Dataset(proposals=bundle)
        assert [("dataset.duplicate_proposal", f"/proposals/{at}")] == _codes_and_paths(info)

    @given(st.lists(enterprises(), unique_by=lambda e: e.uscc, min_size=1, max_size=3), st.data())
    def test_duplicate_enterprise(self, found, data):
        """
        Two enterprises with one USCC are refused at the later one's USCC.
        """
        bundle, at = _with_copy(found, data, {"name": "广西另一家科技有限公司"})
        with pytest.raises(gp.ValidationError) as info:
            gp.Dataset(enterprises=bundle)
        assert [("dataset.duplicate_enterprise", f"/enterprises/{at}/uscc")] == (
            _codes_and_paths(info)
        )

    @given(
        st.lists(platforms(), unique_by=lambda p: (p.name, p.kind), min_size=1, max_size=3),
        st.data(),
    )
    def test_duplicate_platform(self, found, data):
        """
        Two platforms with one name and kind are refused at the later one's name.
        """
        bundle, at = _with_copy(found, data, {"host": "桂林电子科技大学"})
        with pytest.raises(gp.ValidationError) as info:
            gp.Dataset(platforms=bundle)
        assert [("dataset.duplicate_platform", f"/platforms/{at}/name")] == _codes_and_paths(info)

    def test_platforms_of_one_name_and_two_kinds(self):
        """
        A name shared by platforms of different kinds is no duplicate.
        """
        lab = _platforms()[0]
        centre = attrs.evolve(lab, kind=gp.PlatformKind.ENGINEERING_CENTRE)
        assert 2 == len(gp.Dataset(platforms=(lab, centre)).platforms)

    @given(st.lists(tasks(), unique_by=lambda t: (t.plan, t.id), min_size=1, max_size=3), st.data())
    def test_duplicate_task(self, found, data):
        """
        Two tasks with one plan and id are refused at the later one's id.
        """
        bundle, at = _with_copy(found, data, {"title": "启动2021年度新型研发机构的认定工作"})
        with pytest.raises(gp.ValidationError) as info:
            gp.Dataset(tasks=bundle)
        assert [("dataset.duplicate_task", f"/tasks/{at}/id")] == _codes_and_paths(info)

    @given(
        st.lists(
            scholars(),
            unique_by=lambda s: (s.programme, s.post, s.term_start),
            min_size=1,
            max_size=3,
        ),
        st.data(),
    )
    def test_duplicate_scholar(self, found, data):
        """
        Two posts with one programme, post and term start are refused at the later post.
        """
        bundle, at = _with_copy(found, data, {"holder": "另一位学者"})
        with pytest.raises(gp.ValidationError) as info:
            gp.Dataset(scholars=bundle)
        assert [("dataset.duplicate_scholar", f"/scholars/{at}/post")] == _codes_and_paths(info)

    @given(replies())
    def test_identical_replies(self, reply):
        """
        The same letter twice is refused at the second.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.Dataset(replies=(reply, reply))
        assert [("dataset.duplicate_reply", "/replies/1")] == _codes_and_paths(info)

    def test_replies_with_one_document_number(self):
        """
        Two letters answering one proposal under one 发文字号 are refused, however they differ.
        """
        number = gp.DocumentNumber.parse("桂科政字〔2021〕52号")
        ref = founding_proposal().ref
        first = _reply(doc_number=number, proposal=ref)
        second = _reply(doc_number=number, proposal=ref, closing="感谢您对科技工作的关心和支持。")
        with pytest.raises(gp.ValidationError) as info:
            gp.Dataset(replies=(first, second))
        assert [("dataset.duplicate_reply", "/replies/1")] == _codes_and_paths(info)

    def test_different_letters_without_numbers(self):
        """
        Two different letters without a 发文字号 are two replies.
        """
        bundle = gp.Dataset(replies=(_reply(), _reply(closing="特此函复。")))
        assert 2 == len(bundle.replies)

    def test_message_names_the_first(self):
        """
        The message names the record that holds the key already.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.Dataset(enterprises=(_enterprise(), _enterprise(name="广西另一家科技有限公司")))
        violation = info.value.violations[0]
        assert (
            f"{_UNIT} is already the key of /enterprises/0 (USCC)",
            f"{_UNIT}已是/enterprises/0的统一社会信用代码",
        ) == (violation.message, violation.message_zh)

    def test_every_duplicate_at_once(self):
        """
        Duplicates in several collections are all reported in one error.
        """
        proposal = founding_proposal()
        platform = _platforms()[0]
        with pytest.raises(gp.ValidationError) as info:
            gp.Dataset(
                proposals=(proposal, proposal),
                platforms=(platform, platform, platform),
                enterprises=(_enterprise(), _enterprise()),
            )
        assert [
            ("dataset.duplicate_proposal", "/proposals/1"),
            ("dataset.duplicate_platform", "/platforms/1/name"),
            ("dataset.duplicate_platform", "/platforms/2/name"),
            ("dataset.duplicate_enterprise", "/enterprises/1/uscc"),
        ] == _codes_and_paths(info)

    def test_duplicates_when_loading(self):
        """
        Loading a bundle with a duplicate gives the code at the payload's path.
        """
        payload = {
            "enterprises": [{"name": "甲公司", "uscc": _UNIT}, {"name": "乙公司", "uscc": _UNIT}]
        }
        with pytest.raises(gp.ValidationError) as info:
            gp.from_dict(gp.Dataset, payload)
        assert [("dataset.duplicate_enterprise", "/enterprises/1/uscc")] == _codes_and_paths(info)


class TestSchemaVersion:
    def test_default(self):
        """
        A new bundle is of the version this library writes, 2.
        """
        assert (2, 2) == (gp.SCHEMA_VERSION, gp.Dataset().schema_version)

    @given(st.integers(gp.SCHEMA_VERSION + 1, 10**6))
    def test_newer(self, version):
        """
        A newer version is refused with a message that says to upgrade.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.from_dict(gp.Dataset, {"schema_version": version})
        assert [("dataset.schema_version_newer", "/schema_version")] == _codes_and_paths(info)
        assert "upgrade gxai_policy" in info.value.violations[0].message
        assert "请升级" in info.value.violations[0].message_zh

    @given(st.integers(-(10**6), 0))
    def test_invalid(self, version):
        """
        Zero and below are no version.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.Dataset(schema_version=version)
        assert [("dataset.schema_version_invalid", "/schema_version")] == _codes_and_paths(info)

    def test_wire_form_carries_it(self):
        """
        The JSON of a bundle, even an empty one, states its schema_version.
        """
        assert gp.SCHEMA_VERSION == orjson.loads(gp.to_json(gp.Dataset()))["schema_version"]

    def test_read_without_it(self):
        """
        A payload without schema_version is read as the current version.
        """
        assert gp.Dataset() == gp.from_dict(gp.Dataset, {})


class TestReferences:
    def test_reply_proposal_missing(self):
        """
        A reply to a proposal that is not in the bundle is an error at its proposal.
        """
        bundle = gp.Dataset(replies=(_reply(proposal=founding_proposal().ref),))
        found = [
            (v.code, v.path, v.severity) for v in gp.check(bundle) if v.code.startswith("dataset.")
        ]
        assert [
            ("dataset.reply_proposal_missing", "/replies/0/proposal", gp.Severity.ERROR)
        ] == found

    def test_subsidy_recipient_missing(self):
        """
        A subsidy whose recipient is not in the bundle is an error at its recipient.
        """
        scholar = _scholar()
        platform = _platforms()[0]
        bundle = gp.Dataset(
            scholars=(scholar,),
            platforms=(platform,),
            subsidies=(
                _funding(gp.Recipient(kind=gp.RecipientKind.SCHOLAR, key=scholar.post)),
                _funding(gp.Recipient(kind=gp.RecipientKind.PLATFORM, key=platform.name)),
                _funding(gp.Recipient(kind=gp.RecipientKind.PROJECT, key="桂科AA21196003")),
                _funding(gp.Recipient(kind=gp.RecipientKind.SCHOLAR, key="卫星导航定位")),
            ),
        )
        found = [
            (v.code, v.path, v.severity) for v in gp.check(bundle) if v.code.startswith("dataset.")
        ]
        assert [
            ("dataset.subsidy_recipient_missing", "/subsidies/3/recipient", gp.Severity.ERROR)
        ] == found

    def test_enterprise_recipient_missing(self):
        """
        A subsidy to an enterprise that is not in the bundle is an error, named by its USCC.
        """
        award = gp.Subsidy(
            kind=gp.SubsidyKind.CERTIFICATION_AWARD,
            recipient=gp.Recipient.enterprise(_UNIT),
            amount=gp.Money(100_000),
            year=2021,
            policy="guangxi_2021",
        )
        [missing] = [
            v for v in gp.check(gp.Dataset(subsidies=(award,))) if v.severity is gp.Severity.ERROR
        ]
        assert ("dataset.subsidy_recipient_missing", "/subsidies/0/recipient") == (
            missing.code,
            missing.path,
        )
        assert _UNIT in missing.message

    def test_scholar_platform_missing(self):
        """
        A post hosted on a platform that is not in the bundle is an error at its host_platform.
        """
        lab = _platforms()[0]
        bundle = gp.Dataset(
            platforms=(lab,),
            scholars=(
                _scholar(host_platform=lab.name),
                _scholar(post="卫星导航定位", host_platform="广西卫星导航定位工程技术研究中心"),
            ),
        )
        found = [
            (v.code, v.path, v.severity) for v in gp.check(bundle) if v.code.startswith("dataset.")
        ]
        assert [
            ("dataset.scholar_platform_missing", "/scholars/1/host_platform", gp.Severity.ERROR)
        ] == found

    def test_resolved_references(self):
        """
        References to records in the bundle are no finding.
        """
        proposal = founding_proposal()
        bundle = gp.Dataset(
            proposals=(proposal,),
            replies=(_reply(proposal=proposal.ref),),
            enterprises=(_enterprise(),),
            subsidies=(_funding(gp.Recipient.enterprise(_UNIT)),),
        )
        assert [] == [v.code for v in gp.check(bundle) if v.code.startswith("dataset.")]


class TestFindings:
    def test_record_findings_under_their_place(self):
        """
        A record's advisory findings come back under its collection and index.
        """
        lab = _platforms()[0]
        misnamed = attrs.evolve(
            lab, name="广西人工智能重点实验室", kind=gp.PlatformKind.ENGINEERING_CENTRE
        )
        bundle = gp.Dataset(platforms=(lab, misnamed))
        assert [("platform.name_kind", "/platforms/1/kind", gp.Severity.WARNING)] == [
            (v.code, v.path, v.severity) for v in gp.check(bundle)
        ]

    def test_founding_proposal_finding(self):
        """
        The founding proposal's missing submission date is reported under /proposals/0.
        """
        assert [("proposal.submitted_on_missing", "/proposals/0/submitted_on")] == [
            (v.code, v.path) for v in gp.check(founding_dataset())
        ]

    @given(datasets(max_size=2), st.none() | dates(min_year=2018, max_year=2030))
    def test_every_record_finding(self, bundle, as_of):
        """
        Every record's own findings are among the bundle's, under its collection and index.
        """
        ctx = CheckContext(as_of=as_of)
        expected = [
            v.under(name, i)
            for name in _COLLECTIONS
            for i, record in enumerate(getattr(bundle, name))
            for v in record._findings(ctx)
        ]
        # check cites each record's source too (Violation.source); the findings are the same.
        found = [attrs.evolve(v, source=None) for v in gp.check(bundle, as_of=as_of)]
        assert [v for v in found if v in expected] == expected


class TestDataset:
    @given(datasets())
    def test_strategy(self, bundle):
        """
        Drawn bundles construct again, survive JSON and dicts, and every reference resolves.
        """
        fields = {a.name: getattr(bundle, a.name) for a in attrs.fields(gp.Dataset)}
        assert (bundle, bundle, bundle) == (
            gp.Dataset(**fields),
            gp.from_json(gp.Dataset, gp.to_json(bundle)),
            gp.from_dict(gp.Dataset, gp.to_dict(bundle)),
        )
        missing = [
            v
            for v in gp.check(bundle)
            if v.code.startswith("dataset.") and v.code.endswith("_missing")
        ]
        assert [] == missing

    def test_from_type(self):
        """
        st.from_type(gp.Dataset) draws bundles whose replies answer their proposals.
        """
        bundle = find(
            st.from_type(gp.Dataset),
            lambda d: bool(d.replies) and d.replies[0].proposal is not None,
            settings=settings(database=None),
        )
        assert bundle.replies[0].proposal == bundle.proposals[0].ref

    def test_equal_bundles_hash_equal(self):
        """
        Equal bundles are equal in hash too, and pickle unchanged.
        """
        assert (founding_dataset(), hash(founding_dataset())) == (
            pickle.loads(pickle.dumps(founding_dataset())),
            hash(pickle.loads(pickle.dumps(founding_dataset()))),
        )

    def test_lookups(self):
        """
        A proposal is found by its reference and an enterprise by its USCC, text or value.
        """
        proposal = founding_proposal()
        bundle = gp.Dataset(proposals=(proposal,), enterprises=(_enterprise(),))
        assert (proposal, _enterprise(), _enterprise(), None) == (
            bundle.proposal(proposal.ref),
            bundle.enterprise(_UNIT),
            bundle.enterprise(gp.USCC(_UNIT)),
            bundle.enterprise("91450100MA5KB1XW2A"),
        )
