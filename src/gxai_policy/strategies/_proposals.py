"""
Hypothesis strategies for proposals, their keys, and reply letters.

Every strategy yields valid values by construction: dependent fields (the
number's year, the dates' order, the handlers' roles, the section markers)
are derived from the ones drawn before them.  Text comes from the founding
letter's vocabulary, one line per string, and no paragraph or heading starts
with anything a reader could take for a heading marker (``一、``, ``（一）``,
``1.``), so a renderer can write a reply and read it back.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Final

import pendulum
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from gxai_policy.records.proposal import (
    MAX_EXTENSION_MONTHS,
    Extension,
    Handler,
    Proposal,
    ProposalRef,
    Proposer,
)
from gxai_policy.records.reply import (
    MAX_SECTION_DEPTH,
    Contact,
    Reference,
    Reply,
    Section,
    Span,
)
from gxai_policy.strategies._dates import dates, sessions
from gxai_policy.strategies._identifiers import document_numbers
from gxai_policy.strategies._sources import maybe_sources
from gxai_policy.values.codelists import (
    Body,
    Feedback,
    HandlingRole,
    ProposalKind,
    ProposalStatus,
    ReplyCategory,
)
from gxai_policy.values.identifiers import ProposalNumber
from gxai_policy.values.numerals import to_chinese_integer
from gxai_policy.values.session import Session

__all__ = [
    "contacts",
    "extensions",
    "handlers",
    "handlers_tuples",
    "proposal_refs",
    "proposals",
    "proposers",
    "references",
    "replies",
    "sections",
    "spans",
]

# --------------------------------------------------------------------------- vocabulary

_BODIES: Final = (
    "农工民主党广西区委", "民革广西区委", "民盟广西区委", "民建广西区委", "民进广西区委",
    "致公党广西区委", "九三学社广西区委", "自治区工商联", "共青团广西区委", "自治区妇联",
    "自治区科协", "自治区政协经济委员会", "自治区政协教科卫体委员会", "自治区政协科技界别",
)  # fmt: skip
_SURNAMES: Final = "黄李陈韦梁覃莫蒙刘张王农廖蓝周何罗谢唐吴"
_GIVEN: Final = (
    "志强", "海燕", "建华", "丽萍", "文斌", "晓东", "春梅", "国庆", "秀英", "振宇",
    "明", "军", "芳", "勇", "静", "涛", "敏", "磊",
)  # fmt: skip
_UNITS: Final = (
    "自治区科学技术厅", "自治区工业和信息化厅", "自治区大数据发展局",
    "自治区发展和改革委员会", "自治区财政厅", "自治区教育厅",
    "自治区人力资源和社会保障厅", "自治区商务厅", "自治区农业农村厅",
    "自治区卫生健康委员会", "自治区交通运输厅", "自治区文化和旅游厅",
    "自治区地方金融监督管理局", "自治区市场监督管理局", "南宁市人民政府",
    "柳州市人民政府", "桂林市人民政府", "自治区通信管理局",
)  # fmt: skip
_SENDERS: Final = (
    "广西壮族自治区科学技术厅", "广西壮族自治区工业和信息化厅",
    "广西壮族自治区大数据发展局", "广西壮族自治区发展和改革委员会",
    "广西壮族自治区教育厅", "广西壮族自治区财政厅",
)  # fmt: skip
_TOPICS: Final = (
    "抢抓数字经济大发展契机，积极申报建设广西新一代人工智能实验区",
    "加快推动人工智能与实体经济深度融合",
    "加强人工智能领域创新平台建设",
    "支持人工智能企业加大研发投入",
    "深入实施八桂学者制度，加强人工智能人才队伍建设",
    "推进智慧农业应用场景建设",
    "培育壮大人工智能产业集群",
    "建设面向东盟的多语种互通互译平台",
    "推动智慧交通和车联网发展",
    "加快智慧医疗和智慧康养应用示范",
    "完善人工智能科技重大专项支持政策",
    "促进高新技术企业高质量发展",
)
_HEADINGS: Final = (
    ("已开展工作情况", "下一步工作计划", "基本情况", "存在的主要问题", "工作成效"),
    (
        "加强顶层设计。", "支持开展科技攻关情况。", "创新平台建设情况。",
        "人才队伍建设情况。", "人工智能企业培育情况。", "强化创新平台建设。",
        "持续开展技术攻关。", "强化人才队伍建设。", "组织开展人工智能应用场景征集工作。",
    ),
    ("完善政策体系。", "加大资金投入。", "推动成果转化。", "深化开放合作。", "优化创新生态。"),
    ("强化组织保障。", "加强督促检查。", "做好宣传引导。"),
)  # fmt: skip
# Each sentence starts with a Chinese word, never a numeral or a bracket; the
# fields are filled from one drawn number by `_sentence`.
_SENTENCES: Final = (
    "我厅积极贯彻落实相关文件精神，在人工智能技术攻关、创新平台建设、人才队伍培育等方面开展了系列工作。",
    "截至{year}年底，我区共有人工智能领域自治区级科技创新平台{n}家。",
    "累计资助科研经费约{digit}.{tenth}亿元。",
    "经各市科技局审核推荐我区人工智能企业{more}家，其中有{n}家为高新技术企业。",
    "我厅给予每个通过认定的高新技术企业{low}-{high}万元奖励性后补助。",
    "在高新技术企业有效期内给予每个企业研发投入{pct}%的补助，累计不超过{cap}万元。",
    "在协同创新机制、创新平台建设等方面共设有{n}项任务，各项工作正按计划推进。",
    "下一步，我厅将持续支持人工智能领域的八桂学者岗位建设。",
    "组织开展广西工程技术研究中心验收工作，计划认定新型研发机构{low}家。",
    "发布《“十四五”广西新一代人工智能科技重大专项实施方案》。",
    "征集范围包括智能制造、智慧交通、智慧医疗等领域的典型应用场景。",
    "目前方案已完成向领域专家征求意见，待报自治区人民政府审定。",
    "拨付八桂学者专项经费{hundreds}多万元，培养了一批高层次创新人才和团队。",
)
_CLOSINGS: Final = (
    "感谢您对我厅工作的关心和支持。",
    "感谢贵委对科技工作的关心和支持。",
    "感谢您对广西人工智能产业发展的关心和支持，欢迎继续提出宝贵意见。",
)
_NOTES: Final = ("此件公开发布", "此件依申请公开", "此件不予公开")
_DOCUMENTS: Final = (
    "促进人工智能和实体经济深度融合的若干政策措施",
    "“十四五”广西科技计划项目申报指南（第一版）",
    "“十四五”广西新一代人工智能科技重大专项实施方案",
    "广西人工智能产业协同创新实施方案",
    "自治区党委全面深化改革委员会2021年工作要点",
    "新一代人工智能发展规划",
)
_REASONS: Final = (
    "办理事项涉及多个部门，需进一步协调。",
    "需开展实地调研后答复。",
    "相关政策正在制定中。",
)
_CONTACT_NAMES: Final = ("韦工", "黄科长", "李老师", "陈处长", "覃同志")
_POINTERS: Final = ("/recipient", "/opening", "/title", "/closing", "/sections/0")

# Guangxi's own sessions, whose years are known: (body, term) of the terms
# `gxai_policy.values.session.known_year` knows, meetings 1–5.
_GUANGXI_TERMS: Final = (
    (Body.CPPCC, 11), (Body.CPPCC, 12), (Body.CPPCC, 13),
    (Body.NPC, 12), (Body.NPC, 13), (Body.NPC, 14),
)  # fmt: skip
_KIND_OF: Final = {Body.CPPCC: ProposalKind.PROPOSAL, Body.NPC: ProposalKind.SUGGESTION}
_ASSIGNED: Final = (ProposalStatus.ASSIGNED, ProposalStatus.REPLIED, ProposalStatus.CLOSED)
_ANSWERED: Final = (ProposalStatus.REPLIED, ProposalStatus.CLOSED)
_MARKERS: Final[tuple[Callable[[int], str], ...]] = (
    to_chinese_integer,
    lambda n: f"（{to_chinese_integer(n)}）",
    lambda n: f"{n}.",
    lambda n: f"（{n}）",
)


def _later(day: pendulum.Date, days: int) -> pendulum.Date:
    return day.add(days=days)


# Strategies built once: building them inside a draw costs more than drawing.
_BOOLEANS: Final = st.booleans()
_MEMBER_NAMES: Final = st.builds(
    lambda s, g: s + g, st.sampled_from(_SURNAMES), st.sampled_from(_GIVEN)
)
_BODY_PROPOSERS: Final = st.sampled_from(_BODIES).map(lambda name: Proposer(name, is_body=True))
_MEMBER_PROPOSERS: Final = _MEMBER_NAMES.map(Proposer)
_MEMBER_NAME_LISTS: Final = st.lists(_MEMBER_NAMES, min_size=1, max_size=5, unique=True)
_UNIT_STARTS: Final = st.integers(0, len(_UNITS) - 1)
# Steps coprime to the number of units visit every unit once: distinct units
# in two draws, where a permutation takes one draw a unit.
_UNIT_STEPS: Final = st.sampled_from(
    [step for step in range(1, len(_UNITS)) if math.gcd(step, len(_UNITS)) == 1]
)
_HANDLER_SHAPES: Final = st.sampled_from(("lead", "sole", "separate"))
_OTHER_ROLES: Final = st.sampled_from((HandlingRole.CO, HandlingRole.SEPARATE, HandlingRole.MERGED))
_SERIALS: Final = st.integers(1, 9999)
_NUMBER_FORMS: Final = st.sampled_from(("year", "padded", "term"))
_YEARS: Final = st.integers(1990, 2100)
_SESSION_YEARS: Final = st.integers(2000, 2030)
_REASON: Final = st.none() | st.sampled_from(_REASONS)
_FEEDBACK: Final = st.none() | st.sampled_from(Feedback)
_STATUSES: Final = st.sampled_from(ProposalStatus)
_TOPIC: Final = st.sampled_from(_TOPICS)
_SUBMISSION_DAYS: Final = st.none() | st.integers(0, 58)
_SENTENCE_NUMBERS: Final = st.integers(1, 99)
_HEADING_CHOICES: Final = tuple(st.sampled_from(level) for level in _HEADINGS)
_SUBSECTION_COUNTS: Final = st.integers(0, 3)
_FIFTH: Final = st.integers(0, 4)


# --------------------------------------------------------------------------- proposers


def proposers(*, body: bool | None = None) -> st.SearchStrategy[Proposer]:
    """
    Proposers (提案者): members such as 黄志强, or bodies such as 农工民主党广西区委.

    Args:
        body: Only bodies (True), only persons (False), or either (None).

    >>> from hypothesis import find
    >>> find(proposers(body=True), lambda p: True)
    Proposer(name='农工民主党广西区委', is_body=True)
    >>> proposers(body="yes")
    Traceback (most recent call last):
      ...
    hypothesis.errors.InvalidArgument: body must be True, False or None, not 'yes'
    """
    if body not in (True, False, None):
        raise InvalidArgument(f"body must be True, False or None, not {body!r}")
    if body is None:
        return st.one_of(_MEMBER_PROPOSERS, _BODY_PROPOSERS)
    return _BODY_PROPOSERS if body else _MEMBER_PROPOSERS


def _proposer_tuple(draw: st.DrawFn) -> tuple[Proposer, ...]:
    if draw(_BOOLEANS):
        return (draw(_BODY_PROPOSERS),)
    return tuple(Proposer(name) for name in draw(_MEMBER_NAME_LISTS))


# --------------------------------------------------------------------------- handlers


def handlers() -> st.SearchStrategy[Handler]:
    """
    Single handling units (承办单位) in any role.

    >>> from hypothesis import find
    >>> find(handlers(), lambda h: h.role is HandlingRole.SOLE).role.label_zh
    '独办'
    """
    return st.builds(Handler, st.sampled_from(_UNITS), st.sampled_from(HandlingRole))


def _handler_tuple(draw: st.DrawFn, max_size: int) -> tuple[Handler, ...]:
    shape = draw(_HANDLER_SHAPES)
    start, step = draw(_UNIT_STARTS), draw(_UNIT_STEPS)
    units = [_UNITS[(start + i * step) % len(_UNITS)] for i in range(max_size)]
    if shape == "sole":
        return (Handler(units[0], HandlingRole.SOLE),)
    if shape == "separate":
        count = draw(st.integers(1, max_size))
        return tuple(Handler(unit, HandlingRole.SEPARATE) for unit in units[:count])
    others = draw(st.lists(_OTHER_ROLES, max_size=max_size - 1))
    position = draw(st.integers(0, len(others)))
    roles = [*others[:position], HandlingRole.LEAD, *others[position:]]
    return tuple(Handler(unit, role) for unit, role in zip(units, roles, strict=False))


@st.composite
def _handlers_tuples(draw: st.DrawFn, max_size: int) -> tuple[Handler, ...]:
    return _handler_tuple(draw, max_size)


def handlers_tuples(*, max_size: int = 5) -> st.SearchStrategy[tuple[Handler, ...]]:
    """
    Valid, non-empty sets of handlers, units never repeated.

    One sole handler (独办); or one lead (主办) among co-handlers (会办),
    separate (分办) and merged (并案) ones; or separate handlers only.

    Args:
        max_size: The most handlers in a tuple, 1–18.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(handlers_tuples())
    ... def check(hs):
    ...     roles = [h.role for h in hs]
    ...     assert roles.count(HandlingRole.LEAD) + roles.count(HandlingRole.SOLE) <= 1
    >>> check()
    >>> handlers_tuples(max_size=0)
    Traceback (most recent call last):
      ...
    hypothesis.errors.InvalidArgument: max_size=0 is outside 1..18
    """
    if not 1 <= max_size <= len(_UNITS):
        raise InvalidArgument(f"max_size={max_size} is outside 1..{len(_UNITS)}")
    return _handlers_tuples(max_size)


# --------------------------------------------------------------------------- keys

# Guangxi first, so that examples shrink towards the founding letter's kind.
_SESSIONS: Final = st.one_of(
    st.builds(
        lambda term, meeting: Session(term[0], term[1], meeting, level="自治区"),
        st.sampled_from(_GUANGXI_TERMS),
        st.integers(1, 5),
    ),
    sessions(min_year=2000, max_year=2030),
)


def _number(draw: st.DrawFn, session: Session) -> ProposalNumber:
    serial = draw(_SERIALS)
    form = draw(_NUMBER_FORMS)
    if form == "year":
        year = session.year if session.year is not None else draw(_YEARS)
        number = ProposalNumber(f"{year}{serial:04d}")
    elif form == "term":
        number = ProposalNumber(f"{session.term:02d}{session.meeting:02d}{serial:04d}")
    else:
        number = ProposalNumber(f"{serial:04d}")
    # A term-session-serial number such as 20050001 reads as a year, which
    # must then be the session's: fall back to a padded serial.
    if number.year is not None and number.year != session.year:
        number = ProposalNumber(f"{serial:04d}")
    return number


def _key(draw: st.DrawFn) -> tuple[ProposalKind, Session, ProposalNumber]:
    session = draw(_SESSIONS)
    return _KIND_OF[session.body], session, _number(draw, session)


@st.composite
def _proposal_refs(draw: st.DrawFn) -> ProposalRef:
    kind, session, number = _key(draw)
    return ProposalRef(kind=kind, session=session, number=number)


def proposal_refs() -> st.SearchStrategy[ProposalRef]:
    """
    Proposal keys: a kind that fits the session's body, and a number that fits its year.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(proposal_refs())
    ... def check(ref):
    ...     assert ProposalRef.parse(str(ref)) == ref
    >>> check()
    """
    return _proposal_refs()


# --------------------------------------------------------------------------- proposals


def extensions() -> st.SearchStrategy[Extension]:
    """
    Extensions (延期) on their own, running 1–180 days after they were granted.

    A proposal's extension must also fit its assignment date: `proposals`
    derives those itself.

    >>> from hypothesis import find
    >>> e = find(extensions(), lambda e: True)
    >>> e.until > e.granted_on
    True
    """
    return st.builds(
        lambda granted, days, reason: Extension(granted, _later(granted, days), reason),
        dates(min_year=2018, max_year=2030),
        st.integers(1, 180),
        _REASON,
    )


def _extension_after(draw: st.DrawFn, assigned_on: pendulum.Date) -> Extension:
    limit = assigned_on.add(months=MAX_EXTENSION_MONTHS)
    granted_on = _later(assigned_on, draw(st.integers(0, 80)))
    until = _later(granted_on, draw(st.integers(1, (limit - granted_on).days)))
    return Extension(granted_on, until, draw(_REASON))


@st.composite
def _proposals(draw: st.DrawFn, status: ProposalStatus | None) -> Proposal:
    kind, session, number = _key(draw)
    status = status if status is not None else draw(_STATUSES)
    year = session.year if session.year is not None else draw(_SESSION_YEARS)
    first_day = pendulum.Date(year, 1, 1)
    offset = draw(_SUBMISSION_DAYS)
    submitted_on = None if offset is None else _later(first_day, offset)
    start = submitted_on or first_day

    handlers: tuple[Handler, ...] = ()
    assigned_on = replied_on = None
    extension = None
    feedback = None
    if status in _ASSIGNED or (status is ProposalStatus.ACCEPTED and draw(_BOOLEANS)):
        handlers = _handler_tuple(draw, 5)
    if status in _ASSIGNED:
        assigned_on = _later(start, draw(st.integers(7, 90)))
        if draw(_BOOLEANS):
            extension = _extension_after(draw, assigned_on)
        if status in _ANSWERED:
            replied_on = _later(assigned_on, draw(st.integers(10, 180)))
            feedback = draw(_FEEDBACK)
    merged_into = merged_on = None
    if draw(_FIFTH) == 0:
        merged_into = _number(draw, session)
        merged_on = _later(start, draw(st.integers(0, 60)))
    return Proposal(
        kind=kind,
        session=session,
        number=number,
        title=f"关于{draw(_TOPIC)}的{kind.label_zh}",
        proposers=_proposer_tuple(draw),
        submitted_on=submitted_on,
        handlers=handlers,
        is_key=draw(_BOOLEANS),
        status=status,
        assigned_on=assigned_on,
        replied_on=replied_on,
        extension=extension,
        merged_into=merged_into,
        merged_on=merged_on,
        feedback=feedback,
        source=draw(maybe_sources()),
    )


def proposals(*, status: ProposalStatus | None = None) -> st.SearchStrategy[Proposal]:
    """
    Proposals and suggestions at any stage of handling, dates in order.

    Most come from Guangxi's own sessions (their years known, numbers such
    as 20210143); the rest from sessions anywhere.

    Args:
        status: Only proposals with this status; any when None.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(proposals(status=ProposalStatus.REPLIED))
    ... def check(p):
    ...     assert p.assigned_on <= p.replied_on
    >>> check()
    >>> proposals(status="done")
    Traceback (most recent call last):
      ...
    hypothesis.errors.InvalidArgument: status must be a ProposalStatus or None, not 'done'
    """
    if status is not None and not isinstance(status, ProposalStatus):
        raise InvalidArgument(f"status must be a ProposalStatus or None, not {status!r}")
    return _proposals(status)


# --------------------------------------------------------------------------- replies


def _sentence(template: str, n: int) -> str:
    return template.format(
        n=n,
        year=2015 + n % 10,
        digit=n % 9 + 1,
        tenth=n % 10,
        more=n + 100,
        low=n % 5 + 1,
        high=n % 5 + 6,
        pct=n % 30 + 1,
        cap=n % 50 + 10,
        hundreds=n * 100,
    )


_PARAGRAPHS: Final = st.lists(
    st.builds(_sentence, st.sampled_from(_SENTENCES), _SENTENCE_NUMBERS), min_size=1, max_size=3
).map("".join)
_PARAGRAPH_LISTS: Final = (
    st.lists(_PARAGRAPHS, max_size=2),
    st.lists(_PARAGRAPHS, min_size=1, max_size=2),
)


def _section(draw: st.DrawFn, level: int, index: int, depth: int) -> Section:
    heading: str | None = draw(_HEADING_CHOICES[level - 1])
    if level > 2 and draw(_BOOLEANS):
        heading = None
    paragraphs = draw(_PARAGRAPH_LISTS[heading is None])
    count = draw(_SUBSECTION_COUNTS) if level < depth else 0
    subsections = tuple(_section(draw, level + 1, i, depth) for i in range(count))
    return Section(_MARKERS[level - 1](index + 1), heading, tuple(paragraphs), subsections)


@st.composite
def _sections(draw: st.DrawFn, depth: int) -> Section:
    return _section(draw, 1, draw(st.integers(0, 9)), depth)


def sections(*, depth: int = 2) -> st.SearchStrategy[Section]:
    """
    Top-level sections (``一、已开展工作情况``) with subsections down to *depth* levels.

    Markers follow the levels: ``一`` › ``（一）`` › ``1.`` › ``（1）``.

    Args:
        depth: How many levels deep the tree may go, 1–4.

    >>> from hypothesis import find
    >>> find(sections(depth=1), lambda s: True)
    Section(number='一', heading='已开展工作情况', paragraphs=(), subsections=())
    >>> sections(depth=5)
    Traceback (most recent call last):
      ...
    hypothesis.errors.InvalidArgument: depth=5 is outside 1..4
    """
    if not 1 <= depth <= MAX_SECTION_DEPTH:
        raise InvalidArgument(f"depth={depth} is outside 1..{MAX_SECTION_DEPTH}")
    return _sections(depth)


_DOCUMENT_TITLES: Final = st.sampled_from(_DOCUMENTS)
_DOCUMENT_NUMBERS_OF: Final = {year: document_numbers(year=year) for year in range(2018, 2026)}
_RECENT_DOCUMENT_NUMBERS: Final = st.one_of(*_DOCUMENT_NUMBERS_OF.values())
_REFERENCES: Final = st.one_of(
    st.builds(Reference, _DOCUMENT_TITLES, source=maybe_sources()),
    st.builds(Reference, st.none(), _RECENT_DOCUMENT_NUMBERS, source=maybe_sources()),
    st.builds(Reference, _DOCUMENT_TITLES, _RECENT_DOCUMENT_NUMBERS, source=maybe_sources()),
)


def references() -> st.SearchStrategy[Reference]:
    """
    Cited documents: a title, a 发文字号, or both.

    >>> from hypothesis import find
    >>> find(references(), lambda r: r.doc_number is not None).doc_number
    <DocumentNumber 桂科政字〔2018〕1号>
    """
    return _REFERENCES


_CONTACT_NAME_CHOICES: Final = st.sampled_from(_CONTACT_NAMES)
_PHONES: Final = st.integers(2_000_000, 8_999_999).map(lambda n: f"0771-{n}")
_CONTACTS: Final = st.one_of(
    st.builds(Contact, _CONTACT_NAME_CHOICES),
    st.builds(Contact, st.none(), _PHONES),
    st.builds(Contact, _CONTACT_NAME_CHOICES, _PHONES),
)


def contacts() -> st.SearchStrategy[Contact]:
    """
    Contacts (联系人及电话): a name, a telephone number, or both.

    >>> from hypothesis import find
    >>> find(contacts(), lambda c: c.phone is not None).phone
    '0771-2000000'
    """
    return _CONTACTS


_SPANS: Final = st.builds(
    lambda element, start, length: Span(element, start, start + length),
    st.sampled_from(_POINTERS),
    st.integers(0, 5000),
    st.integers(0, 500),
)


def spans() -> st.SearchStrategy[Span]:
    """
    Source spans, as the text reader records them: start never after end.

    >>> from hypothesis import find
    >>> find(spans(), lambda s: s.end > s.start)
    Span(element='/recipient', start=0, end=1)
    """
    return _SPANS


def _recipient(draw: st.DrawFn, kind: ProposalKind) -> tuple[str, str]:
    """
    An addressee, and the form of address the opening uses for it.
    """
    if draw(_BOOLEANS):
        body = draw(_BODY_PROPOSERS).name
        return body, "贵委" if body.endswith("委") else "贵单位"
    title = "委员" if kind is ProposalKind.PROPOSAL else "代表"
    return draw(_MEMBER_NAMES) + title, "您"


_OPTIONAL_REFS: Final = st.none() | _proposal_refs()
_SIGNING_DATES: Final = st.none() | dates(min_year=2018, max_year=2025)
_SIGNING_YEARS: Final = st.integers(2018, 2025)
_DEPTHS: Final = st.integers(1, 3)
_SECTION_COUNTS: Final = (st.integers(1, 3), st.integers(0, 3))
_OPTIONAL_SENDERS: Final = st.none() | st.sampled_from(_SENDERS)
_OPTIONAL_CLOSINGS: Final = st.none() | st.sampled_from(_CLOSINGS)
_OPTIONAL_CATEGORIES: Final = st.none() | st.sampled_from(ReplyCategory)
_OPTIONAL_NOTES: Final = st.none() | st.sampled_from(_NOTES)
_OPTIONAL_CONTACTS: Final = st.none() | _CONTACTS
_CC_LISTS: Final = st.lists(st.sampled_from(_UNITS), max_size=2, unique=True)
_ATTACHMENT_LISTS: Final = st.lists(_DOCUMENT_TITLES, max_size=2, unique=True)
_REFERENCE_LISTS: Final = st.lists(_REFERENCES, max_size=2)
_SPAN_LISTS: Final = st.lists(_SPANS, max_size=2)


@st.composite
def _replies(draw: st.DrawFn) -> Reply:
    ref = draw(_OPTIONAL_REFS)
    kind = ProposalKind.PROPOSAL if ref is None else ref.kind
    recipient, you = _recipient(draw, kind)
    subject = f"关于{draw(_TOPIC)}的{kind.label_zh}"
    opening = f"{you}提出的《{subject}》收悉，现答复如下：" if draw(_BOOLEANS) else None
    depth = draw(_DEPTHS)
    count = draw(_SECTION_COUNTS[opening is not None])
    signed_on = draw(_SIGNING_DATES)
    year = signed_on.year if signed_on is not None else draw(_SIGNING_YEARS)
    doc_number = draw(_DOCUMENT_NUMBERS_OF[year]) if draw(_BOOLEANS) else None
    title = f"关于{ref if ref is not None else subject}答复的函" if draw(_BOOLEANS) else None
    return Reply(
        doc_number=doc_number,
        title=title,
        sender=draw(_OPTIONAL_SENDERS),
        recipient=recipient,
        proposal=ref,
        opening=opening,
        sections=tuple(_section(draw, 1, i, depth) for i in range(count)),
        closing=draw(_OPTIONAL_CLOSINGS),
        signed_on=signed_on,
        category=draw(_OPTIONAL_CATEGORIES),
        note=draw(_OPTIONAL_NOTES),
        contact=draw(_OPTIONAL_CONTACTS),
        cc=tuple(draw(_CC_LISTS)),
        attachments=tuple(draw(_ATTACHMENT_LISTS)),
        references=tuple(draw(_REFERENCE_LISTS)),
        spans=tuple(draw(_SPAN_LISTS)),
        source=draw(maybe_sources()),
    )


def replies() -> st.SearchStrategy[Reply]:
    """
    Reply letters with any of the optional GB/T 9704 elements, and always a body.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(replies())
    ... def check(reply):
    ...     assert "\\n" not in reply.recipient and (reply.opening or reply.sections)
    >>> check()
    """
    return _replies()
