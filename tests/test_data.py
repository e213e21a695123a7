"""
Tests for gxai_policy.data: the founding letter and the records it states.
"""

from __future__ import annotations

import re

import pendulum

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
        The letter names a key laboratory and an engineering centre, both of the region.
        """
        assert [
            ("广西多媒体通信与网络技术重点实验室", gp.PlatformKind.KEY_LABORATORY),
            ("广西车辆物联监控工程技术研究中心", gp.PlatformKind.ENGINEERING_CENTRE),
        ] == [(p.name, p.kind) for p in data.founding_platforms()]
        assert {gp.PlatformLevel.AUTONOMOUS_REGION} == {p.level for p in data.founding_platforms()}

    def test_named_in_the_letter(self):
        """
        Each platform's name stands in the letter, quoted.
        """
        assert all(f"“{p.name}”" in _LETTER for p in data.founding_platforms())

    def test_claim_nothing_more(self):
        """
        The platforms carry no host, city or dates, and stand at 组建.
        """
        assert {(None, None, None, None, gp.PlatformStatus.UNDER_CONSTRUCTION)} == {
            (p.host, p.city, p.approved_on, p.accepted_on, p.status)
            for p in data.founding_platforms()
        }


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
        The founding bundle holds the proposal and the two platforms, nothing else.
        """
        bundle = data.founding_dataset()
        assert ((data.founding_proposal(),), data.founding_platforms(), (), (), (), (), ()) == (
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
