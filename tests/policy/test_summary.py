"""
Tests for gxai_policy.policy.summary: the figures a reply letter reports, from data.
"""

from __future__ import annotations

import pickle
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Any

import attrs
import pendulum
from hypothesis import given
from hypothesis import strategies as st

import gxai_policy as gp
from gxai_policy.data import founding_dataset, founding_figures
from gxai_policy.strategies._datasets import datasets
from gxai_policy.strategies._dates import dates

_ISSUED = pendulum.Date(2021, 10, 20)


def _enterprise(i: int, *, ai: bool = True, high_tech: bool = False) -> gp.Enterprise:
    certificate = (
        gp.HighTechCertificate(
            number=gp.HighTechCertificateNumber(f"GR202145{i + 1:06d}"), issued_on=_ISSUED
        )
        if high_tech
        else None
    )
    return gp.Enterprise(
        name=f"广西第{i}智能科技有限公司",
        uscc=gp.USCC.with_check_digit(f"91450100MA5K{i:05d}"),
        is_ai=ai,
        certificate=certificate,
    )


def _letter_enterprises() -> tuple[gp.Enterprise, ...]:
    """
    The letter's 172 AI enterprises, 87 of them high-tech, and 10 that are not AI enterprises.
    """
    ai = tuple(_enterprise(i, high_tech=i < 87) for i in range(172))
    others = tuple(_enterprise(i, ai=False, high_tech=True) for i in range(172, 182))
    return ai + others


def _scholar(post: str, programme: gp.Programme) -> gp.Scholar:
    return gp.Scholar(
        programme=programme,
        post=post,
        host="桂林电子科技大学",
        term_start=pendulum.Date(2019, 1, 1),
        term_end=pendulum.Date(2023, 12, 31),
    )


def _task(number: str, status: gp.TaskStatus, **changes: Any) -> gp.Task:
    return gp.Task(
        id=number,
        plan="〈促进人工智能和实体经济深度融合的若干政策措施〉2021年工作任务分解表",
        title="组织开展广西工程技术研究中心验收工作",
        leads=("自治区科学技术厅",),
        status=status,
        **changes,
    )


def _funding(kind: gp.SubsidyKind, year: int, yuan: str, key: str) -> gp.Subsidy:
    recipient_kind = {
        gp.SubsidyKind.SCHOLAR_FUNDING: gp.RecipientKind.SCHOLAR,
        gp.SubsidyKind.PROJECT_FUNDING: gp.RecipientKind.PROJECT,
    }[kind]
    return gp.Subsidy(
        kind=kind,
        recipient=gp.Recipient(kind=recipient_kind, key=key),
        amount=gp.Money.parse(yuan),
        year=year,
    )


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


class TestEnterprises:
    def test_letter_share(self):
        """
        172 AI enterprises, 87 of them high-tech: a share of 0.5058, more than half (超过半数).
        """
        summary = gp.summarize(gp.Dataset(enterprises=_letter_enterprises()))
        assert (182, 172, 87, Decimal("0.5058")) == (
            summary.enterprises,
            summary.ai_enterprises,
            summary.high_tech_ai_enterprises,
            summary.high_tech_share,
        )
        assert summary.high_tech_share > Decimal("0.5")

    def test_as_of(self):
        """
        With as_of, only certificates valid on that day count: none, once they all expired.
        """
        bundle = gp.Dataset(enterprises=_letter_enterprises())
        assert (87, 0, Decimal(0)) == (
            gp.summarize(bundle, as_of=pendulum.Date(2024, 10, 19)).high_tech_ai_enterprises,
            gp.summarize(bundle, as_of=pendulum.Date(2024, 10, 20)).high_tech_ai_enterprises,
            gp.summarize(bundle, as_of=pendulum.Date(2024, 10, 20)).high_tech_share,
        )

    def test_no_ai_enterprise(self):
        """
        Without AI enterprises there is no share.
        """
        summary = gp.summarize(gp.Dataset(enterprises=(_enterprise(1, ai=False),)))
        assert (1, 0, None) == (
            summary.enterprises,
            summary.ai_enterprises,
            summary.high_tech_share,
        )


class TestStated:
    def test_founding_counts_records_only(self):
        """
        The founding bundle holds no platform record, whatever the letter states: it counts 0.
        """
        summary = gp.summarize(founding_dataset())
        assert (0, (), ()) == (summary.platforms, summary.stated, summary.compared())

    def test_stated_kept_apart(self):
        """
        Stated totals ride along beside the counts and never change them.
        """
        figures = founding_figures()
        bundle = gp.Dataset(platforms=_platforms())
        assert (gp.summarize(bundle).platforms, figures) == (
            gp.summarize(bundle, stated=figures).platforms,
            gp.summarize(bundle, stated=figures).stated,
        )

    def test_compared(self):
        """
        Each stated total stands beside the bundle's count of the same thing, or None.
        """
        summary = gp.summarize(gp.Dataset(platforms=_platforms()), stated=founding_figures())
        compared = {f.key: n for f, n in summary.compared()}
        assert (2, 1, 1, 0, 0, 0, None, None) == (
            compared["platforms"],
            compared["key_laboratories"],
            compared["engineering_centres"],
            compared["ai_enterprises"],
            compared["scholars"],
            compared["tasks"],
            compared["project_funding"],
            compared["scenario_domains"],
        )

    def test_pickles_with_stated(self):
        """
        A summary with stated figures pickles and hashes like any other.
        """
        summary = gp.summarize(founding_dataset(), stated=founding_figures())
        back = pickle.loads(pickle.dumps(summary))
        assert (summary, hash(summary)) == (back, hash(back))


class TestPlatforms:
    def test_two_platforms(self):
        """
        One key laboratory and one engineering centre, both regional, count by kind and level.
        """
        summary = gp.summarize(gp.Dataset(platforms=_platforms()))
        assert (
            2,
            {gp.PlatformKind.KEY_LABORATORY: 1, gp.PlatformKind.ENGINEERING_CENTRE: 1},
            {gp.PlatformLevel.AUTONOMOUS_REGION: 2},
            {},
        ) == (
            summary.platforms,
            dict(summary.platforms_by_kind),
            dict(summary.platforms_by_level),
            dict(summary.platforms_by_period),
        )

    def test_by_plan_period(self):
        """
        Platforms count in the plan period of their approval; without one, in none.
        """
        lab, centre = _platforms()
        bundle = gp.Dataset(
            platforms=(
                attrs.evolve(lab, approved_on=pendulum.Date(2019, 11, 20)),
                attrs.evolve(centre, approved_on=pendulum.Date(2020, 12, 31)),
                attrs.evolve(
                    centre,
                    name="广西智能网联汽车工程技术研究中心",
                    approved_on=pendulum.Date(2021, 1, 1),
                ),
                attrs.evolve(centre, name="广西机器人工程技术研究中心"),
                attrs.evolve(
                    lab, name="广西嵌入式技术重点实验室", approved_on=pendulum.Date(2010, 6, 1)
                ),
            )
        )
        assert {gp.PlanPeriod.FYP13: 2, gp.PlanPeriod.FYP14: 1} == dict(
            gp.summarize(bundle).platforms_by_period
        )


class TestOthers:
    def test_scholars_by_programme(self):
        """
        Posts are counted by programme.
        """
        bundle = gp.Dataset(
            scholars=(
                _scholar("机器人与智能装备", gp.Programme.BAGUI_SCHOLAR),
                _scholar("卫星导航定位", gp.Programme.BAGUI_SCHOLAR),
                _scholar("智能化技术研发", gp.Programme.BAGUI_YOUNG_SCHOLAR),
            )
        )
        assert {gp.Programme.BAGUI_SCHOLAR: 2, gp.Programme.BAGUI_YOUNG_SCHOLAR: 1} == dict(
            gp.summarize(bundle).scholars_by_programme
        )

    def test_tasks_by_status(self):
        """
        Tasks are counted by status.
        """
        done = pendulum.Date(2021, 11, 30)
        bundle = gp.Dataset(
            tasks=(
                _task("1", gp.TaskStatus.IN_PROGRESS),
                _task("2", gp.TaskStatus.IN_PROGRESS),
                _task("3", gp.TaskStatus.COMPLETED, closed_on=done),
                _task("4", gp.TaskStatus.NOT_STARTED),
            )
        )
        assert {
            gp.TaskStatus.IN_PROGRESS: 2,
            gp.TaskStatus.COMPLETED: 1,
            gp.TaskStatus.NOT_STARTED: 1,
        } == dict(gp.summarize(bundle).tasks_by_status)

    def test_funding_by_kind_and_year(self):
        """
        Subsidies are totalled by kind and year, exactly.
        """
        scholar = gp.SubsidyKind.SCHOLAR_FUNDING
        project = gp.SubsidyKind.PROJECT_FUNDING
        bundle = gp.Dataset(
            subsidies=(
                _funding(scholar, 2020, "1700万元", "机器人与智能装备"),
                _funding(scholar, 2021, "1200.5万元", "机器人与智能装备"),
                _funding(scholar, 2021, "500万元", "卫星导航定位"),
                _funding(project, 2021, "0.01", "桂科AA21196003"),
            )
        )
        assert {
            (scholar, 2020): gp.Money(17_000_000),
            (scholar, 2021): gp.Money(17_005_000),
            (project, 2021): gp.Money(Decimal("0.01")),
        } == dict(gp.summarize(bundle).funding)

    def test_empty(self):
        """
        An empty bundle counts nothing.
        """
        summary = gp.summarize(gp.Dataset())
        assert (0, 0, 0, None, {}, {}, {}) == (
            summary.platforms,
            summary.enterprises,
            summary.ai_enterprises,
            summary.high_tech_share,
            dict(summary.platforms_by_kind),
            dict(summary.tasks_by_status),
            dict(summary.funding),
        )


class TestSummarize:
    def test_hash_and_pickle(self):
        """
        Equal summaries hash alike, in whatever order their breakdowns were built, and pickle.
        """
        summary = gp.summarize(gp.Dataset(enterprises=_letter_enterprises()[:5]))
        reordered = attrs.evolve(
            summary,
            platforms_by_kind=MappingProxyType(
                {gp.PlatformKind.INCUBATOR: 2, gp.PlatformKind.KEY_LABORATORY: 1}
            ),
        )
        same = attrs.evolve(
            summary,
            platforms_by_kind=MappingProxyType(
                {gp.PlatformKind.KEY_LABORATORY: 1, gp.PlatformKind.INCUBATOR: 2}
            ),
        )
        clone = pickle.loads(pickle.dumps(summary))
        assert (reordered, hash(reordered), summary, hash(summary)) == (
            same,
            hash(same),
            clone,
            hash(clone),
        )

    @given(datasets(max_size=3), st.none() | dates(min_year=2018, max_year=2030))
    def test_counts_add_up(self, bundle, as_of):
        """
        Every breakdown adds up to its total, and the share is high-tech over AI, four places.
        """
        summary = gp.summarize(bundle, as_of=as_of)
        ai = [e for e in bundle.enterprises if e.is_ai]
        high_tech = [
            e
            for e in ai
            if e.certificate is not None and (as_of is None or e.is_high_tech_on(as_of))
        ]
        share = (
            None
            if not ai
            else (Decimal(len(high_tech)) / len(ai)).quantize(Decimal("0.0001"), ROUND_HALF_UP)
        )
        dated = [p for p in bundle.platforms if p.plan_period() is not None]
        assert (
            len(bundle.platforms),
            len(bundle.platforms),
            len(dated),
            len(bundle.scholars),
            len(bundle.tasks),
            sum((s.amount for s in bundle.subsidies), gp.Money.ZERO),
            (len(ai), len(high_tech), share),
        ) == (
            sum(summary.platforms_by_kind.values()),
            sum(summary.platforms_by_level.values()),
            sum(summary.platforms_by_period.values()),
            sum(summary.scholars_by_programme.values()),
            sum(summary.tasks_by_status.values()),
            sum(summary.funding.values(), gp.Money.ZERO),
            (summary.ai_enterprises, summary.high_tech_ai_enterprises, summary.high_tech_share),
        )
