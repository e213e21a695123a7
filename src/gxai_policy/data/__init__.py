"""
Bundled data: the founding letter, and the world it describes as records.

Everything here is what the letter states, nothing more: where a record needs
a field the letter does not give (a proposal's dates), the field is left out
where it may be, and the choice made is said beside it; where a record would
need a fact the letter does not give (a platform's status), there is no
record, only the names (`FOUNDING_PLATFORMS`).  The letter's totals and
terms are `founding_figures`: stated figures, with their spans in the letter.

>>> founding_letter().splitlines()[0]
'关于自治区政协十二届四次会议'
>>> str(founding_proposal().number)
'20210143'
"""

from __future__ import annotations

from importlib.resources import files
from typing import Final

import attrs
import pendulum
from attrs import frozen

from gxai_policy.policy.summary import StatedFigure
from gxai_policy.records.dataset import Dataset
from gxai_policy.records.proposal import Handler, Proposal, Proposer
from gxai_policy.values.codelists import (
    HandlingRole,
    PlatformKind,
    ProposalKind,
    ProposalStatus,
    ScenarioDomain,
)
from gxai_policy.values.identifiers import ProposalNumber
from gxai_policy.values.quantity import Quantity, find_quantities
from gxai_policy.values.session import Session

__all__ = [
    "FOUNDING_LETTER_FILE",
    "FOUNDING_PLAN",
    "FOUNDING_PLAN_AREAS",
    "FOUNDING_PLAN_ISSUED_ON",
    "FOUNDING_PLAN_TASKS",
    "FOUNDING_PLATFORMS",
    "FOUNDING_SCENARIO_DOMAINS",
    "FOUNDING_SCHOLAR_POSTS",
    "StatedFigure",
    "founding_dataset",
    "founding_figures",
    "founding_letter",
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

#: The two platforms the letter names, with the kind it gives them; both are of
#: the autonomous region and among the 21 added in 十三五.  The letter gives no
#: host, city, status or dates (it marks 4 of the 15 engineering centres 组建,
#: without saying which), and a `Platform` record needs a status, so these are
#: names, not records.
FOUNDING_PLATFORMS: Final = (
    ("广西多媒体通信与网络技术重点实验室", PlatformKind.KEY_LABORATORY),
    ("广西车辆物联监控工程技术研究中心", PlatformKind.ENGINEERING_CENTRE),
)


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


def founding_dataset() -> Dataset:
    """
    The founding letter's world as a bundle: the proposal it answers, nothing more.

    The letter's platforms are not records here: a `Platform` needs a status,
    and the letter states none for the two it names (`FOUNDING_PLATFORMS`),
    so a record would claim what the letter does not.  Its totals (32
    platforms, 172 enterprises …) are `founding_figures`, not records.

    >>> founding_dataset().platforms
    ()
    """
    return Dataset(proposals=(founding_proposal(),))


@frozen(kw_only=True)
class _Stated:
    # What one figure of the letter counts, and the phrase that places it.
    key: str
    phrase: str
    figure: str
    counts: str
    counts_en: str


# Each figure by a phrase of the letter that holds it once: the spans are
# found, never written down, so a changed letter fails the tests, not silently.
_STATED: Final = (
    _Stated(
        key="research_directions",
        phrase="等15个研究方向",
        figure="15个",
        counts="《“十四五”广西新一代人工智能科技重大专项实施方案》的研究方向",
        counts_en="research directions of the AI science and technology special programme",
    ),
    _Stated(
        key="key_tasks",
        phrase="等7个重点任务",
        figure="7个",
        counts="《广西人工智能产业协同创新实施方案》的重点任务",
        counts_en="key tasks of the AI industry collaborative innovation plan",
    ),
    _Stated(
        key="projects",
        phrase="等40余项人工智能相关的科技重大项目",
        figure="40余项",
        counts="“十三五”以来支持的人工智能相关科技重大项目",
        counts_en="major AI science and technology projects supported since the 13th FYP",
    ),
    _Stated(
        key="project_funding",
        phrase="累计资助科研经费约3.4亿元",
        figure="约3.4亿元",
        counts="上述项目累计资助的科研经费",
        counts_en="research funding granted to those projects, in all",
    ),
    _Stated(
        key="platforms",
        phrase="科技创新平台32家",
        figure="32家",
        counts="截至2020年底人工智能领域自治区级科技创新平台",
        counts_en="AI innovation platforms of the autonomous region at the end of 2020",
    ),
    _Stated(
        key="platforms_added",
        phrase="科技创新平台21家",
        figure="21家",
        counts="“十三五”期间新增的人工智能领域自治区级科技创新平台",
        counts_en="AI innovation platforms of the autonomous region added in the 13th FYP",
    ),
    _Stated(
        key="key_laboratories",
        phrase="等6家自治区重点实验室",
        figure="6家",
        counts="“十三五”新增平台中的自治区重点实验室",
        counts_en="of those added in the 13th FYP, key laboratories of the autonomous region",
    ),
    _Stated(
        key="engineering_centres",
        phrase="等15家（含4家组建）广西工程技术研究中心",
        figure="15家",
        counts="“十三五”新增平台中的广西工程技术研究中心",
        counts_en="of those added in the 13th FYP, Guangxi engineering technology research centres",
    ),
    _Stated(
        key="engineering_centres_under_construction",
        phrase="（含4家组建）",
        figure="4家",
        counts="上述工程技术研究中心中组建的",
        counts_en="of those engineering centres, ones under construction (组建)",
    ),
    _Stated(
        key="scholars",
        phrase="八桂学者岗位16名高层次创新人才",
        figure="16名",
        counts="聘期内涉及人工智能领域的八桂学者岗位高层次创新人才",
        counts_en="八桂学者 posts in AI fields (high-level talents within their term)",
    ),
    _Stated(
        key="scholar_funding",
        phrase="2020—2021年拨付八桂学者专项经费3400多万元",
        figure="3400多万元",
        counts="2020—2021年拨付的八桂学者专项经费",
        counts_en="八桂学者 funding paid in 2020–2021",
    ),
    _Stated(
        key="ai_enterprises",
        phrase="人工智能企业172家",
        figure="172家",
        counts="经各市科技局审核推荐的人工智能企业",
        counts_en="AI enterprises recommended by the cities' science bureaus",
    ),
    _Stated(
        key="high_tech_ai_enterprises",
        phrase="其中有87家为高新技术企业",
        figure="87家",
        counts="上述人工智能企业中的高新技术企业",
        counts_en="of those AI enterprises, high-tech enterprises",
    ),
    _Stated(
        key="certification_award",
        phrase="给予每个通过认定的高新技术企业5-10万元奖励性后补助",
        figure="5-10万元",
        counts="每个通过认定的高新技术企业的奖励性后补助",
        counts_en="certification award for each enterprise certified high-tech",
    ),
    _Stated(
        key="rd_rate",
        phrase="研发投入20%的补助",
        figure="20%",
        counts="有效期内研发投入补助的比例",
        counts_en="share of R&D input paid as subsidy while the certificate is valid",
    ),
    _Stated(
        key="rd_cap",
        phrase="累计不超过30万元",
        figure="累计不超过30万元",
        counts="每个企业研发投入补助的累计上限",
        counts_en="cumulative cap of an enterprise's R&D input subsidies",
    ),
    _Stated(
        key="tasks",
        phrase="共设有47项任务",
        figure="47项",
        counts="2021年工作任务分解表的任务",
        counts_en="tasks of the 2021 work-task table",
    ),
    _Stated(
        key="new_rd_institutions",
        phrase="2021年计划认定人工智能领域新型研发机构2家",
        figure="2家",
        counts="2021年计划认定的人工智能领域新型研发机构",
        counts_en="AI new-type R&D institutions to be recognised in 2021",
    ),
)
# The scenario domains are listed, not counted: their figure is the list's length.
_DOMAINS_INTRO: Final = "征集范围包括："


def founding_figures() -> tuple[StatedFigure, ...]:
    """
    The totals and terms the founding letter states, each with its span and what it counts.

    One `StatedFigure` for every figure of the letter, in its order, and one
    for the twelve scenario domains it lists without counting them
    (``listed``).  Each quantity's span is where it stands in
    `founding_letter`; the letter's totals are stated ones, which the records
    of `founding_dataset` do not (and cannot) count up to.

    >>> figures = {f.key: f for f in founding_figures()}
    >>> platforms = figures["platforms"]
    >>> platforms.label()
    '32家 — 截至2020年底人工智能领域自治区级科技创新平台'
    >>> start, end = platforms.quantity.span
    >>> founding_letter()[start:end], platforms.quantity.low
    ('32家', Decimal('32'))
    >>> figures["scenario_domains"].quantity.low, figures["scenario_domains"].listed
    (Decimal('12'), True)
    >>> figures["enterprises"]
    Traceback (most recent call last):
      ...
    KeyError: 'enterprises'
    """
    letter = founding_letter()
    figures = [_figure(letter, stated) for stated in _STATED]
    start = _unique(letter, _DOMAINS_INTRO) + len(_DOMAINS_INTRO)
    listed = "、".join(d.label_zh for d in FOUNDING_SCENARIO_DOMAINS)
    if letter[start : start + len(listed)] != listed:
        raise AssertionError(f"the letter lists other scenario domains than {listed}")
    figures.append(
        StatedFigure(
            key="scenario_domains",
            quantity=Quantity(
                low=len(FOUNDING_SCENARIO_DOMAINS),
                high=len(FOUNDING_SCENARIO_DOMAINS),
                unit="个",
                span=(start, start + len(listed)),
                text=listed,
            ),
            counts="人工智能应用场景征集的领域",
            counts_en="domains of the planned call for AI application scenarios",
            listed=True,
        )
    )
    return tuple(sorted(figures, key=lambda f: f.quantity.span or (0, 0)))


def _unique(letter: str, phrase: str) -> int:
    start = letter.find(phrase)
    if start < 0 or letter.find(phrase, start + 1) >= 0:
        # A bug of this module (the bundled letter is fixed), never bad input.
        raise AssertionError(f"{phrase!r} is not in the letter exactly once")
    return start


def _figure(letter: str, stated: _Stated) -> StatedFigure:
    at = _unique(letter, stated.phrase)
    found = [q for q in find_quantities(stated.phrase) if q.text == stated.figure]
    if len(found) != 1 or found[0].span is None:
        raise AssertionError(f"{stated.figure!r} is not one figure of {stated.phrase!r}")
    start, end = found[0].span
    return StatedFigure(
        key=stated.key,
        quantity=attrs.evolve(found[0], span=(at + start, at + end)),
        counts=stated.counts,
        counts_en=stated.counts_en,
    )
