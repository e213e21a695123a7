"""
Reply deadlines (办理时限): when a proposal's reply is due, and who is late.

The common national rule: a reply within 3 months of 交办 (assignment), at
most 6 with an explained extension (延期).  The limit is a parameter of
`gxai_policy.check` (``reply_limit_months``) because some places differ
(Sichuan gives 5 months for plenary proposals).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

import pendulum

from gxai_policy.errors import Severity, Violation
from gxai_policy.records._base import CheckContext
from gxai_policy.records.proposal import Proposal
from gxai_policy.rules import Trigger, define
from gxai_policy.values.codelists import ProposalStatus

__all__ = ["MAX_EXTENDED_MONTHS", "deadline_findings", "reply_deadline"]

#: However long an extension asks, a reply is due at most this many months after 交办.
MAX_EXTENDED_MONTHS: Final = 6

_SOURCE = (
    "《政协全国委员会提案工作条例》及各地提案办理办法：交办之日起三个月内答复，"
    "情况复杂需延期的不超过六个月"
)
_ASSIGNED: Final = {
    "kind": "proposal",
    "session": {"body": "cppcc", "term": 12, "meeting": 4, "level": "自治区", "year": 2021},
    "number": "20210143",
    "title": "关于积极申报建设广西新一代人工智能实验区的提案",
    "proposers": [{"name": "农工民主党广西区委", "is_body": True}],
    "handlers": [{"unit": "自治区科学技术厅", "role": "lead"}],
    "status": "assigned",
    "assigned_on": "2021-03-01",
}

OVERDUE = define(
    "deadline.overdue",
    applies_to="Proposal",
    severity=Severity.WARNING,
    summary="A proposal assigned (交办) is replied to by its deadline: 3 months, 6 if extended.",
    summary_zh="交办的提案应在办理时限内答复：三个月，延期最长六个月。",
    source=_SOURCE,
    example={"record": _ASSIGNED, "as_of": "2021-07-01"},
    trigger=Trigger.CHECK_AS_OF,
    message="no reply by {deadline} (assigned {assigned}); {days} days overdue on {as_of}",
    message_zh="交办于{assigned}，应于{deadline}前答复，截至{as_of}已逾期{days}天",
)
REPLIED_LATE = define(
    "deadline.replied_late",
    applies_to="Proposal",
    severity=Severity.WARNING,
    summary="A proposal's reply was sent after its deadline.",
    summary_zh="提案答复晚于办理时限。",
    source=_SOURCE,
    example=_ASSIGNED | {"status": "replied", "replied_on": "2021-06-15"},
    trigger=Trigger.CHECK,
    message="replied on {replied} after the deadline {deadline} ({days} days late)",
    message_zh="于{replied}答复，晚于时限{deadline}（迟{days}天）",
)

_OPEN: Final = frozenset({ProposalStatus.ASSIGNED})


def reply_deadline(proposal: Proposal, *, limit_months: int = 3) -> pendulum.Date | None:
    """
    The last day a reply to *proposal* is on time, or None before 交办.

    An extension (延期) moves the deadline to its ``until`` day, but never past
    `MAX_EXTENDED_MONTHS` after 交办.

    >>> import gxai_policy as gp
    >>> assigned = gp.from_dict(gp.Proposal, _ASSIGNED)
    >>> reply_deadline(assigned), reply_deadline(assigned, limit_months=5)
    (Date(2021, 6, 1), Date(2021, 8, 1))
    >>> accepted = gp.from_dict(gp.Proposal, _ASSIGNED | {"status": "accepted",
    ...                         "assigned_on": None, "handlers": []})
    >>> reply_deadline(accepted) is None
    True

    Raises:
        ValueError: If *limit_months* is below 1.
    """
    if limit_months < 1:
        raise ValueError(f"limit_months must be at least 1, not {limit_months}")
    if proposal.assigned_on is None:
        return None
    assigned = pendulum.Date(
        proposal.assigned_on.year, proposal.assigned_on.month, proposal.assigned_on.day
    )
    deadline = assigned.add(months=limit_months)
    if proposal.extension is not None:
        ceiling = assigned.add(months=max(limit_months, MAX_EXTENDED_MONTHS))
        deadline = max(deadline, min(proposal.extension.until, ceiling))
    return deadline


def deadline_findings(
    proposal: Proposal, ctx: CheckContext, *, replied_on: pendulum.Date | None = None
) -> Iterator[Violation]:
    """
    Overdue and late findings for *proposal*.

    Args:
        proposal: The proposal.

        ctx: The check's options: ``as_of`` (no overdue finding without it)
            and ``reply_limit_months``.

        replied_on: When a reply was sent, if known from elsewhere (a `Reply`
            in the same bundle); the proposal's own ``replied_on`` wins.
    """
    deadline = reply_deadline(proposal, limit_months=ctx.reply_limit_months)
    if deadline is None:
        return
    replied = proposal.replied_on or replied_on
    if replied is not None:
        if replied > deadline:
            yield REPLIED_LATE.violation(
                "/replied_on",
                replied=replied,
                deadline=deadline,
                days=(replied - deadline).days,
            )
        return
    if ctx.as_of is not None and proposal.status in _OPEN and ctx.as_of > deadline:
        yield OVERDUE.violation(
            "/assigned_on",
            deadline=deadline,
            assigned=proposal.assigned_on,
            days=(ctx.as_of - deadline).days,
            as_of=ctx.as_of,
        )
