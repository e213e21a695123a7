"""
Bundled data: the founding letter, and the world it describes as records.

Everything here is what the letter states, nothing more: where a record needs
a field the letter does not give (a platform's status, a proposal's dates),
the field is left out where it may be, and the choice made is said beside it.

>>> founding_letter().splitlines()[0]
'关于自治区政协十二届四次会议'
>>> str(founding_proposal().number)
'20210143'
"""

from __future__ import annotations

from importlib.resources import files
from typing import Final

import pendulum

from gxai_policy.records.dataset import Dataset
from gxai_policy.records.platform import Platform
from gxai_policy.records.proposal import Handler, Proposal, Proposer
from gxai_policy.values.codelists import (
    HandlingRole,
    PlatformKind,
    PlatformLevel,
    PlatformStatus,
    ProposalKind,
    ProposalStatus,
    ScenarioDomain,
)
from gxai_policy.values.identifiers import ProposalNumber
from gxai_policy.values.session import Session

__all__ = [
    "FOUNDING_LETTER_FILE",
    "FOUNDING_PLAN",
    "FOUNDING_PLAN_AREAS",
    "FOUNDING_PLAN_ISSUED_ON",
    "FOUNDING_PLAN_TASKS",
    "FOUNDING_SCENARIO_DOMAINS",
    "FOUNDING_SCHOLAR_POSTS",
    "founding_dataset",
    "founding_letter",
    "founding_platforms",
    "founding_proposal",
]

#: The file name of the founding letter inside this package.
FOUNDING_LETTER_FILE: Final = "2021-reply-20210143.txt"

#: The work-task table the letter reports (工作任务分解表), issued on 2021-04-27:
#: its title as the letter writes it, without the enclosing 《》 (as `Task.plan` holds it).
FOUNDING_PLAN: Final = "〈促进人工智能和实体经济深度融合的若干政策措施〉2021年工作任务分解表"
#: The day the table was issued (印发).
FOUNDING_PLAN_ISSUED_ON: Final = pendulum.Date(2021, 4, 27)
#: How many tasks the table sets.
FOUNDING_PLAN_TASKS: Final = 47
#: The areas the letter says the 47 tasks cover.
FOUNDING_PLAN_AREAS: Final = (
    "人工智能产业领域协同创新机制",
    "提升产业关键核心技术研发能力",
    "创新平台建设",
    "企业加大研发投入",
    "培育产业集群",
)

#: The 八桂学者 posts (岗位) in AI fields the letter lists (7 of the 16 it supports).
#: The letter gives no holder, host or term, so these are names, not `Scholar` records.
FOUNDING_SCHOLAR_POSTS: Final = (
    "机器人与智能装备",
    "智能化技术研发",
    "信息与通信工程",
    "信息与通信应用技术研发",
    "位置感知与位置服务",
    "卫星导航定位",
    "智能系统的安全理论与技术",
)

#: The 12 scenario domains of the planned call for AI application scenarios.
FOUNDING_SCENARIO_DOMAINS: Final = tuple(ScenarioDomain)


def founding_letter() -> str:
    """
    The text of the founding letter, as published.

    The Guangxi Department of Science and Technology's 2021 reply to proposal
    No. 20210143 of the 4th session of the 12th Guangxi CPPCC (a public
    official document).
    """
    return files(__name__).joinpath(FOUNDING_LETTER_FILE).read_text(encoding="utf-8")


def founding_proposal() -> Proposal:
    """
    Proposal No. 20210143, as the letter states it.

    The letter answers it, so it stands as accepted and handled by the
    Department of Science and Technology as lead unit (主办); the letter gives
    no dates of submission, assignment or reply, so the record has none and
    stands at 立案 (accepted) — the last status that needs no date.
    """
    return Proposal(
        kind=ProposalKind.PROPOSAL,
        session=Session.parse("自治区政协十二届四次会议"),
        number=ProposalNumber.parse("20210143"),
        title="关于抢抓数字经济大发展契机，积极申报建设广西新一代人工智能实验区的提案",
        proposers=(Proposer(name="农工民主党广西区委", is_body=True),),
        handlers=(Handler(unit="自治区科学技术厅", role=HandlingRole.LEAD),),
        status=ProposalStatus.ACCEPTED,
    )


def founding_platforms() -> tuple[Platform, ...]:
    """
    The two platforms the letter names, with the kind and level it gives them.

    The letter counts both among the platforms added in 十三五 and gives no
    host, city, status or dates: the records carry no host and stand at 组建
    (under construction), the status that claims nothing more.
    """
    return (
        Platform(
            name="广西多媒体通信与网络技术重点实验室",
            kind=PlatformKind.KEY_LABORATORY,
            level=PlatformLevel.AUTONOMOUS_REGION,
            status=PlatformStatus.UNDER_CONSTRUCTION,
        ),
        Platform(
            name="广西车辆物联监控工程技术研究中心",
            kind=PlatformKind.ENGINEERING_CENTRE,
            level=PlatformLevel.AUTONOMOUS_REGION,
            status=PlatformStatus.UNDER_CONSTRUCTION,
        ),
    )


def founding_dataset() -> Dataset:
    """
    The founding letter's world as a bundle: the proposal and the platforms.
    """
    return Dataset(proposals=(founding_proposal(),), platforms=founding_platforms())
