"""
Tests for gxai_policy.data: the founding letter and the records it states.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pendulum
import pytest

import gxai_policy as gp
from gxai_policy import data

_LETTER = data.founding_letter()


class TestLetter:
    def test_text(self):
        """
        The letter is the reply to proposal 20210143 of the 4th session of the 12th CPPCC.
        """
        assert (
            "关于自治区政协十二届四次会议",
            "第20210143号提案答复的函",
            "农工民主党广西区委：",
        ) == tuple(line for line in _LETTER.splitlines() if line.strip())[:3]

    def test_parses_to_the_founding_proposal(self):
        """
        Read as a reply, the letter answers the founding proposal and addresses its proposer.
        """
        reply = gp.parse_reply(_LETTER)
        proposal = data.founding_proposal()
        assert (proposal.ref, proposal.proposers[0].name) == (reply.proposal, reply.recipient)


class TestProposal:
    def test_key(self):
        """
        Proposal No. 20210143, a CPPCC proposal of the 4th session of the 12th term, in 2021.
        """
        proposal = data.founding_proposal()
        session = proposal.session
        assert ("20210143", gp.ProposalKind.PROPOSAL, gp.Body.CPPCC, 12, 4, 2021) == (
            str(proposal.number),
            proposal.kind,
            session.body,
            session.term,
            session.meeting,
            session.year,
        )

    def test_proposer(self):
        """
        The proposer is one body, 农工民主党广西区委.
        """
        assert (
            gp.Proposer("农工民主党广西区委", is_body=True),
        ) == data.founding_proposal().proposers

    def test_lead_handler(self):
        """
        The Department of Science and Technology handles it as lead unit (主办).
        """
        assert (gp.Handler("自治区科学技术厅", gp.HandlingRole.LEAD),) == (
            data.founding_proposal().handlers
        )

    def test_title(self):
        """
        The title is the one the letter quotes in 《》.
        """
        assert f"《{data.founding_proposal().title}》收悉" in _LETTER

    def test_no_dates(self):
        """
        The letter gives no dates of the proposal, so it stands at 立案 without any.
        """
        proposal = data.founding_proposal()
        assert (gp.ProposalStatus.ACCEPTED, None, None, None) == (
            proposal.status,
            proposal.submitted_on,
            proposal.assigned_on,
            proposal.replied_on,
        )


class TestPlatforms:
    def test_two_platforms(self):
        """
        The letter names a key laboratory and an engineering centre, in that order.
        """
        assert (
            ("广西多媒体通信与网络技术重点实验室", gp.PlatformKind.KEY_LABORATORY),
            ("广西车辆物联监控工程技术研究中心", gp.PlatformKind.ENGINEERING_CENTRE),
        ) == data.FOUNDING_PLATFORMS

    def test_named_in_the_letter(self):
        """
        Each platform's name stands in the letter, quoted.
        """
        assert all(f"“{name}”" in _LETTER for name, _ in data.FOUNDING_PLATFORMS)

    def test_no_records(self):
        """
        The letter states no platform's status, so the founding bundle holds no platform record.
        """
        assert () == data.founding_dataset().platforms

    def test_no_fixture_claims_a_status(self):
        """
        The module holds no record of a named platform: nothing claims a status the letter lacks.
        """
        assert not hasattr(data, "founding_platforms")


class TestFigures:
    def test_tasks(self):
        """
        The task table sets 47 tasks, as the letter says.
        """
        assert (47, True) == (data.FOUNDING_PLAN_TASKS, "共设有47项任务" in _LETTER)

    def test_plan(self):
        """
        The plan is the table the letter names, issued on 27 April 2021, as a Task holds it.
        """
        task = gp.Task(
            id="1",
            plan="《〈促进人工智能和实体经济深度融合的若干政策措施〉2021年工作任务分解表》",
            title="建立人工智能产业领域协同创新机制",
            leads=("自治区科学技术厅",),
            status=gp.TaskStatus.IN_PROGRESS,
        )
        assert (data.FOUNDING_PLAN, pendulum.Date(2021, 4, 27)) == (
            task.plan,
            data.FOUNDING_PLAN_ISSUED_ON,
        )
        assert f"2021年4月27日印发了《{data.FOUNDING_PLAN}》" in _LETTER

    def test_areas(self):
        """
        The five areas of the tasks are the letter's own words.
        """
        assert (5, True) == (
            len(data.FOUNDING_PLAN_AREAS),
            all(area in _LETTER for area in data.FOUNDING_PLAN_AREAS),
        )

    def test_scholar_posts(self):
        """
        Seven 八桂学者 posts, each quoted in the letter, in its order.
        """
        quoted = re.findall(r"“([^”]+)”", _LETTER[_LETTER.index("八桂学者制度") :])[:7]
        assert list(data.FOUNDING_SCHOLAR_POSTS) == quoted

    def test_scenario_domains(self):
        """
        Twelve scenario domains, those the letter lists, in its order.
        """
        listed = re.search(r"征集范围包括：(.+?)等领域", _LETTER)
        assert listed is not None
        assert listed[1].split("、") == [d.label_zh for d in data.FOUNDING_SCENARIO_DOMAINS]
        assert 12 == len(data.FOUNDING_SCENARIO_DOMAINS)


class TestDataset:
    def test_contents(self):
        """
        The founding bundle holds the proposal, nothing else.
        """
        bundle = data.founding_dataset()
        assert ((data.founding_proposal(),), (), (), (), (), (), ()) == (
            bundle.proposals,
            bundle.platforms,
            bundle.replies,
            bundle.tasks,
            bundle.scholars,
            bundle.enterprises,
            bundle.subsidies,
        )

    def test_round_trip(self):
        """
        The founding bundle survives JSON unchanged.
        """
        bundle = data.founding_dataset()
        assert bundle == gp.from_json(gp.Dataset, gp.to_json(bundle))

    def test_check(self):
        """
        Checked, the founding bundle only misses the submission date the letter does not give.
        """
        assert ["proposal.submitted_on_missing"] == [
            v.code for v in gp.check(data.founding_dataset())
        ]


# The letter as published, read apart from the package: the figures are checked
# against the text, not against the package's copy of it.
_SEED = Path(__file__).parent.parent / "src/gxai_policy/data" / data.FOUNDING_LETTER_FILE


def _stated(key: str) -> tuple[Decimal, Decimal, str, gp.Qualifier, str]:
    figure = {f.key: f for f in data.founding_figures()}[key]
    q = figure.quantity
    assert q.span is not None
    return (q.low, q.high, q.unit, q.qualifier, _LETTER[q.span[0] : q.span[1]])


class TestFoundingFigures:
    def test_every_figure_of_the_letter(self):
        """
        Every figure the letter states is a founding figure, at its own span, with its value.
        """
        letter = _SEED.read_text(encoding="utf-8")
        found = [(q, q.span, q.text) for q in gp.find_quantities(letter)]
        stated = [
            (f.quantity, f.quantity.span, f.quantity.text)
            for f in data.founding_figures()
            if not f.listed
        ]
        assert found == stated

    @pytest.mark.parametrize(
        ("key", "expected"),
        [
            ("research_directions", (15, 15, "个", gp.Qualifier.EXACT, "15个")),
            ("key_tasks", (7, 7, "个", gp.Qualifier.EXACT, "7个")),
            ("projects", (40, 40, "项", gp.Qualifier.MORE_THAN, "40余项")),
            ("project_funding", (340_000_000, 340_000_000, "元", gp.Qualifier.ABOUT, "约3.4亿元")),
            ("platforms", (32, 32, "家", gp.Qualifier.EXACT, "32家")),
            ("platforms_added", (21, 21, "家", gp.Qualifier.EXACT, "21家")),
            ("key_laboratories", (6, 6, "家", gp.Qualifier.EXACT, "6家")),
            ("engineering_centres", (15, 15, "家", gp.Qualifier.EXACT, "15家")),
            ("engineering_centres_under_construction", (4, 4, "家", gp.Qualifier.EXACT, "4家")),
            ("scholars", (16, 16, "名", gp.Qualifier.EXACT, "16名")),
            (
                "scholar_funding",
                (34_000_000, 34_000_000, "元", gp.Qualifier.MORE_THAN, "3400多万元"),
            ),
            ("ai_enterprises", (172, 172, "家", gp.Qualifier.EXACT, "172家")),
            ("high_tech_ai_enterprises", (87, 87, "家", gp.Qualifier.EXACT, "87家")),
            ("certification_award", (50_000, 100_000, "元", gp.Qualifier.RANGE, "5-10万元")),
            ("rd_rate", (20, 20, "%", gp.Qualifier.EXACT, "20%")),
            ("rd_cap", (300_000, 300_000, "元", gp.Qualifier.AT_MOST, "累计不超过30万元")),
            ("tasks", (47, 47, "项", gp.Qualifier.EXACT, "47项")),
            ("new_rd_institutions", (2, 2, "家", gp.Qualifier.EXACT, "2家")),
        ],
    )
    def test_stated_totals(self, key, expected):
        """
        Each total the letter states has its value, unit, qualifier and span in the letter.
        """
        low, high, unit, qualifier, text = expected
        assert (Decimal(low), Decimal(high), unit, qualifier, text) == _stated(key)

    def test_scenario_domains_listed(self):
        """
        The twelve scenario domains are listed, not counted: their span is the list's.
        """
        figure = {f.key: f for f in data.founding_figures()}["scenario_domains"]
        assert figure.quantity.span is not None
        start, end = figure.quantity.span
        assert (True, Decimal(12), "、".join(d.label_zh for d in gp.ScenarioDomain)) == (
            figure.listed,
            figure.quantity.low,
            _LETTER[start:end],
        )

    def test_sums(self):
        """
        The letter's parts add up: 6 laboratories and 15 centres are the 21 new platforms.
        """
        assert (21, 32) == (
            _stated("key_laboratories")[0] + _stated("engineering_centres")[0],
            _stated("platforms")[0],
        )
        assert _stated("platforms_added")[0] == 21

    def test_each_says_what_it_counts(self):
        """
        Every figure says what it counts in both languages, and its key is unique.
        """
        figures = data.founding_figures()
        assert (len(figures), True) == (
            len({f.key for f in figures}),
            all(f.counts and f.counts_en for f in figures),
        )

    def test_in_letter_order(self):
        """
        The figures come in the order the letter states them.
        """
        spans = [f.quantity.span for f in data.founding_figures()]
        assert sorted(spans, key=lambda span: span or (0, 0)) == spans

    def test_summary_keeps_them_apart(self):
        """
        With the letter's figures, the founding bundle counts 0 enterprises of 172 stated.
        """
        summary = gp.summarize(data.founding_dataset(), stated=data.founding_figures())
        compared = {f.key: (f.quantity.low, n) for f, n in summary.compared()}
        assert (0, 0, (Decimal(172), 0), (Decimal(32), 0), (Decimal("3.4E+8"), None)) == (
            summary.ai_enterprises,
            summary.platforms,
            compared["ai_enterprises"],
            compared["platforms"],
            compared["project_funding"],
        )


# Units the founding letter names (and the universities examples used to give
# them as hosts): examples may quote the letter about them, never build records.
_REAL_UNITS = (
    *(name for name, _ in data.FOUNDING_PLATFORMS),
    "广西丰林木业集团股份有限公司",
    "广西交通投资集团有限公司",
    "广西师范学院",
    "桂林电子科技大学",
    "广西大学",
    "玉柴集团",
)
_ROOT = Path(__file__).parent.parent


def _example_lines(path: Path) -> list[str]:
    return [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.lstrip().startswith((">>>", "...", '"name"', '"host"', "name=", "host="))
    ]


class TestFictionalCast:
    def test_docs_examples(self):
        """
        No example in the docs builds a record of a real unit: they use the fictional cast.
        """
        assert [] == [
            (page.name, line)
            for page in sorted((_ROOT / "docs").glob("*.md"))
            for line in _example_lines(page)
            if any(unit in line for unit in _REAL_UNITS)
        ]

    def test_docstrings_and_rule_examples(self):
        """
        No doctest or rule example of the package gives a real unit a record either.
        """
        assert [] == [
            (str(path.relative_to(_ROOT)), line)
            for path in sorted((_ROOT / "src/gxai_policy").rglob("*.py"))
            if path.parent.name != "data"
            for line in _example_lines(path)
            if any(unit in line for unit in _REAL_UNITS)
        ]
