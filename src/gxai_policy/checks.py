"""
`check`: every finding about a record, a reply or a bundle, in one call.

A record's own advisory findings come from the record; this module adds what
needs more than the record: reply deadlines (`gxai_policy.policy.deadlines`),
the letter's own arithmetic (`gxai_policy.text.figures`), and a bundle's
subsidies under their policies (`gxai_policy.policy.subsidies`).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from typing import Any, Final

import attrs
import pendulum
from attrs import frozen

from gxai_policy.errors import Severity, Violation, join_pointer
from gxai_policy.policy.deadlines import REPLIED_LATE, deadline_findings
from gxai_policy.policy.subsidies import subsidy_findings
from gxai_policy.policy.summary import Summary, summarize
from gxai_policy.records._base import CheckContext
from gxai_policy.records.dataset import Dataset
from gxai_policy.records.enterprise import Enterprise
from gxai_policy.records.personal import personal_data
from gxai_policy.records.platform import Platform
from gxai_policy.records.proposal import Proposal, ProposalRef
from gxai_policy.records.reply import Reply
from gxai_policy.records.scholar import Scholar
from gxai_policy.records.subsidy import Subsidy
from gxai_policy.records.task import Task
from gxai_policy.rules import Trigger, define
from gxai_policy.text.figures import arithmetic_findings, body_texts
from gxai_policy.values.codelists import PlatformKind, Programme
from gxai_policy.values.quantity import Qualifier, find_quantities

__all__ = ["CLAIMS", "PERSONAL_DATA", "check", "findings"]

_LETTER = {
    "recipient": "农工民主党广西区委",
    "opening": "贵委提出的提案收悉，现答复如下：",
    "sections": [
        {
            "number": "一",
            "heading": "已开展工作情况",
            "paragraphs": ["我区共有人工智能企业3家，其中有2家为高新技术企业。"],
        }
    ],
}
_ENTERPRISES = [
    {"name": name, "uscc": uscc, "is_ai": True}
    for name, uscc in (
        ("示例科技有限公司", "91450100MA5KB1XW1C"),
        ("示例智能装备有限公司", "91450100MA5KYX1A18"),
    )
]

FIGURE_DIFFERS = define(
    "dataset.figure_differs",
    applies_to="Dataset",
    severity=Severity.WARNING,
    summary="A count a reply states differs from the bundle's own count of the same thing.",
    summary_zh="答复所述数量与数据集中同类记录的数量不符。",
    source="gxai_policy: a letter's claims set against data (summarize)",
    example={"replies": [_LETTER], "enterprises": _ENTERPRISES},
    trigger=Trigger.CHECK,
    message="the letter states {stated} {what}; the bundle holds {counted}",
    message_zh="答复称{what_zh}{stated}，数据集中为{counted}",
)
FIGURE_MATCHES = define(
    "dataset.figure_matches",
    applies_to="Dataset",
    severity=Severity.INFO,
    summary="A count a reply states equals the bundle's own count of the same thing.",
    summary_zh="答复所述数量与数据集中同类记录的数量相符。",
    source="gxai_policy: a letter's claims set against data (summarize)",
    example={
        "replies": [_LETTER],
        "enterprises": [*_ENTERPRISES, _ENTERPRISES[0] | {"uscc": "91450100MA5KC2YX38"}],
    },
    trigger=Trigger.CHECK,
    message="the letter's {stated} {what} matches the bundle",
    message_zh="答复所述{what_zh}{stated}与数据集相符",
)


PERSONAL_DATA = define(
    "publish.personal_data",
    applies_to="Dataset",
    severity=Severity.WARNING,
    summary=(
        "Data about to be published holds personal data (个人信息保护法 art. 4):"
        " remove it with gxai_policy.redact first."
    ),
    summary_zh=(
        "拟公开的数据含有个人信息（《个人信息保护法》第四条），请先用 gxai_policy.redact 删除。"
    ),
    source="个人信息保护法 (PIPL) art. 4, art. 28; docs/versions.md",
    example={
        "scholars": [
            {
                "programme": "bagui_scholar",
                "post": "机器人与智能装备",
                "host": "某大学",
                "term_start": "2019-01-01",
                "term_end": "2023-12-31",
                "phone": "0771-0000000",
            }
        ]
    },
    trigger=Trigger.CHECK_PUBLISHING,
    message="{path} holds personal data: redact it before publishing (gxai_policy.redact)",
    message_zh="{path} 含有个人信息：公开前请删除（gxai_policy.redact）",
)


@frozen
class Claim:
    """
    A kind of count a reply letter states, and where a bundle's summary holds it.

    Attributes:
        keyword: The words that name the thing counted, right after the figure
            (``87家为高新技术企业``) or right before it (``人工智能企业172家``).

        unit: The figure's measure word.

        what: The thing counted, in English.

        count: The bundle's count, from its `Summary`.
    """

    keyword: str
    unit: str
    what: str
    count: Callable[[Summary], int]


#: The counts `check` sets against a bundle's `summarize` figures.
CLAIMS: Final = (
    Claim("人工智能企业", "家", "AI enterprises", lambda s: s.ai_enterprises),
    Claim("高新技术企业", "家", "high-tech AI enterprises", lambda s: s.high_tech_ai_enterprises),
    Claim(
        "重点实验室",
        "家",
        "key laboratories",
        lambda s: s.platforms_by_kind.get(PlatformKind.KEY_LABORATORY, 0),
    ),
    Claim(
        "工程技术研究中心",
        "家",
        "engineering centres",
        lambda s: s.platforms_by_kind.get(PlatformKind.ENGINEERING_CENTRE, 0),
    ),
    Claim(
        "八桂学者",
        "名",
        "八桂学者 posts",
        lambda s: s.scholars_by_programme.get(Programme.BAGUI_SCHOLAR, 0),
    ),
)

# How far from the figure the keyword may stand, in characters.
_NEAR: Final = 8


def check(
    obj: Any,
    *,
    as_of: pendulum.Date | None = None,
    reply_limit_months: int = 3,
    publishing: bool = False,
) -> tuple[Violation, ...]:
    """
    Every finding about *obj*: warnings and info, and the errors across a bundle's records.

    A record's broken invariants cannot be found here: such a record cannot
    exist.  What one record cannot know is judged here: a bundle's dangling
    references and its subsidies over the years are errors (severity
    ``error``) that `check` reports, since each record on its own is valid.
    Findings never raise.

    Args:
        obj: A record (`Proposal`, `Reply`, `Task`, `Platform`, `Scholar`,
            `Enterprise`, `Subsidy`) or a `Dataset`.

        as_of: The day to judge deadlines and validity on (a datetime
            counts as its calendar day).  Without it no time-dependent
            finding is made.

        reply_limit_months: Months from 交办 (assignment) to the reply
            deadline, 3 by default (the common national rule; a recorded 延期
            extends it to at most 6).

        publishing: *obj* is about to be published: warn of every personal
            value it still holds (``publish.personal_data``, one a field;
            `gxai_policy.redact` removes them).

    Returns:
        The findings, each with a JSON Pointer into *obj*, in the order
        found; a finding about a record that has a ``source`` cites it
        (`Violation.source`).

    Raises:
        TypeError: If *obj* is not something the library checks, or *as_of*
            is not a date.

        ValueError: If *reply_limit_months* is below 1.

    >>> import gxai_policy as gp
    >>> e = gp.Enterprise(name="示例科技有限公司",
    ...                   uscc=gp.USCC("91450100MA5KB1XW1C"))
    >>> gp.check(e)
    ()
    >>> gp.check("广西")
    Traceback (most recent call last):
      ...
    TypeError: cannot check a str
    """
    if reply_limit_months < 1:
        raise ValueError(f"reply_limit_months must be at least 1, not {reply_limit_months}")
    ctx = CheckContext(as_of=_day(as_of), reply_limit_months=reply_limit_months)
    found = list(findings(obj, ctx))
    if publishing:
        found += (PERSONAL_DATA.violation(path, path=path) for path in personal_data(obj))
    return tuple(_cited(obj, v) for v in found)


def _cited(obj: Any, violation: Violation) -> Violation:
    """
    *violation* citing the source of the record it concerns, if that record has one.
    """
    record = obj
    if isinstance(obj, Dataset):
        # /replies/3/... concerns the bundle's fourth reply.
        collection, _, rest = violation.path[1:].partition("/")
        index = rest.partition("/")[0]
        items = getattr(obj, collection, None) if collection != "sources" else None
        if isinstance(items, tuple) and index.isdigit() and int(index) < len(items):
            record = items[int(index)]
    source = getattr(record, "source", None)
    if source is None or violation.source is not None:
        return violation
    return attrs.evolve(violation, source=source.cite())


@functools.singledispatch
def findings(obj: object, ctx: CheckContext) -> Iterator[Violation]:  # noqa: ARG001 - the fallback
    """
    The findings `check` makes of *obj*: one registered function a kind of record.

    Raises:
        TypeError: For anything no function is registered for.
    """
    raise TypeError(f"cannot check a {type(obj).__name__}")


@findings.register(Enterprise)
@findings.register(Platform)
@findings.register(Scholar)
@findings.register(Subsidy)
@findings.register(Task)
def _record(
    obj: Enterprise | Platform | Scholar | Subsidy | Task, ctx: CheckContext
) -> Iterator[Violation]:
    return obj._findings(ctx)  # noqa: SLF001 - the record's own findings, for check alone


@findings.register
def _proposal(obj: Proposal, ctx: CheckContext) -> Iterator[Violation]:
    yield from obj._findings(ctx)  # noqa: SLF001
    yield from deadline_findings(obj, ctx)


@findings.register
def _reply(obj: Reply, ctx: CheckContext) -> Iterator[Violation]:
    yield from obj._findings(ctx)  # noqa: SLF001
    yield from arithmetic_findings(obj)


@findings.register
def _dataset(obj: Dataset, ctx: CheckContext) -> Iterator[Violation]:
    yield from obj._findings(ctx)  # noqa: SLF001
    yield from _bundle(obj, ctx)


def _day(as_of: object) -> pendulum.Date | None:
    """
    *as_of* as a day: ``pendulum.today()`` and ``pendulum.now()`` are datetimes,
    which do not compare with the records' dates.
    """
    if as_of is None:
        return None
    # A datetime is a date too: its own calendar day, in its own zone.
    if isinstance(as_of, dt.date):
        return pendulum.Date(as_of.year, as_of.month, as_of.day)
    raise TypeError(f"as_of must be a date, not {type(as_of).__name__}")


def _first_replies(dataset: Dataset) -> dict[ProposalRef, tuple[pendulum.Date, int]]:
    """
    The first reply signed to each proposal of *dataset*: its 成文日期 and its index.
    """
    first: dict[ProposalRef, tuple[pendulum.Date, int]] = {}
    for j, reply in enumerate(dataset.replies):
        if reply.proposal is not None and reply.signed_on is not None:
            known = first.get(reply.proposal)
            if known is None or reply.signed_on < known[0]:
                first[reply.proposal] = (reply.signed_on, j)
    return first


def _deadlines(dataset: Dataset, ctx: CheckContext) -> Iterator[Violation]:
    replies = _first_replies(dataset)
    for i, proposal in enumerate(dataset.proposals):
        reply = replies.get(proposal.ref)
        signed_on = None if reply is None else reply[0]
        for v in deadline_findings(proposal, ctx, replied_on=signed_on):
            if v.code == REPLIED_LATE.code and proposal.replied_on is None and reply:
                # Late by a reply of the bundle: the late date is that letter's.
                yield attrs.evolve(v, path=join_pointer("", "replies", reply[1], "signed_on"))
            else:
                yield v.under("proposals", i)


def _bundle(dataset: Dataset, ctx: CheckContext) -> Iterator[Violation]:
    yield from _deadlines(dataset, ctx)
    for i, reply in enumerate(dataset.replies):
        for v in arithmetic_findings(reply):
            yield v.under("replies", i)
    yield from subsidy_findings(dataset)
    if dataset.replies:
        summary = summarize(dataset, as_of=ctx.as_of)
        for i, reply in enumerate(dataset.replies):
            for v in _claims(reply, summary):
                yield v.under("replies", i)


def _claims(reply: Reply, summary: Summary) -> Iterator[Violation]:
    """
    Each exact count of *reply* that a bundle can count too, set against it.

    Only kinds the bundle holds records of are compared: a bundle without
    enterprises says nothing about a letter's 172 enterprises.
    """
    for path, text in body_texts(reply):
        for q in find_quantities(text):
            if q.qualifier is not Qualifier.EXACT or q.span is None:
                continue
            start, end = q.span
            after, before = text[end : end + _NEAR], text[max(0, start - _NEAR) : start]
            for claim in CLAIMS:
                counted = claim.count(summary)
                if q.unit != claim.unit or not counted:
                    continue
                if claim.keyword not in after and not before.endswith(claim.keyword):
                    continue
                stated = int(q.low)
                rule = FIGURE_MATCHES if stated == counted else FIGURE_DIFFERS
                yield rule.violation(
                    path,
                    stated=stated,
                    counted=counted,
                    what=claim.what,
                    what_zh=claim.keyword,
                )
                break
