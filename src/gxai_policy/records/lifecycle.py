"""
Lifecycles as data: which status may follow which, for proposals, tasks and platforms.

The tables are plain mappings (status → the statuses that may follow), so
the docs render them and tools can read them.  `advance` moves a record
along its table and returns an evolved copy; the record's own rules are
checked again on the way (`attrs.evolve` constructs anew).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final, TypeVar

import attrs
import pendulum

from gxai_policy.errors import ValidationError
from gxai_policy.records.platform import Platform
from gxai_policy.records.proposal import Proposal, Proposer
from gxai_policy.records.task import Task
from gxai_policy.rules import Trigger, define
from gxai_policy.values._codelist import Codelist
from gxai_policy.values.codelists import (
    Body,
    PlatformStatus,
    ProposalKind,
    ProposalStatus,
    TaskStatus,
)
from gxai_policy.values.identifiers import ProposalNumber
from gxai_policy.values.session import Session

__all__ = [
    "PLATFORM_TRANSITIONS",
    "PROPOSAL_TRANSITIONS",
    "TASK_TRANSITIONS",
    "TRANSITIONS",
    "advance",
]

P = ProposalStatus
T = TaskStatus
S = PlatformStatus

#: Proposals: 提交 → 立案 / 不予立案 → 交办 → 已答复 → 办结; a 不满意 reply is
#: handled again (已答复 → 交办).
PROPOSAL_TRANSITIONS: Final[Mapping[ProposalStatus, frozenset[ProposalStatus]]] = MappingProxyType(
    {
        P.SUBMITTED: frozenset({P.ACCEPTED, P.RETURNED}),
        P.ACCEPTED: frozenset({P.ASSIGNED}),
        P.RETURNED: frozenset(),
        P.ASSIGNED: frozenset({P.REPLIED}),
        P.REPLIED: frozenset({P.CLOSED, P.ASSIGNED}),
        P.CLOSED: frozenset(),
    }
)

#: Tasks: 未启动 → 推进中 ⇄ 滞后 → 已完成; any open task may be 已取消.
TASK_TRANSITIONS: Final[Mapping[TaskStatus, frozenset[TaskStatus]]] = MappingProxyType(
    {
        T.NOT_STARTED: frozenset({T.IN_PROGRESS, T.CANCELLED}),
        T.IN_PROGRESS: frozenset({T.DELAYED, T.COMPLETED, T.CANCELLED}),
        T.DELAYED: frozenset({T.IN_PROGRESS, T.COMPLETED, T.CANCELLED}),
        T.COMPLETED: frozenset(),
        T.CANCELLED: frozenset(),
    }
)

#: Platforms: 组建 → 验收/认定 → 运行; 整改 after an evaluation, back to 运行 when
#: it passes; 转建 and 撤销 (also 整改不通过) end a platform.
PLATFORM_TRANSITIONS: Final[Mapping[PlatformStatus, frozenset[PlatformStatus]]] = MappingProxyType(
    {
        S.UNDER_CONSTRUCTION: frozenset({S.RECOGNISED, S.CONVERTED, S.REVOKED}),
        S.RECOGNISED: frozenset({S.OPERATING, S.RECTIFYING, S.CONVERTED, S.REVOKED}),
        S.OPERATING: frozenset({S.RECTIFYING, S.CONVERTED, S.REVOKED}),
        S.RECTIFYING: frozenset({S.OPERATING, S.CONVERTED, S.REVOKED}),
        S.CONVERTED: frozenset(),
        S.REVOKED: frozenset(),
    }
)

#: Every lifecycle table, by the record class it governs.
TRANSITIONS: Final[Mapping[type, Mapping[Any, frozenset[Any]]]] = MappingProxyType(
    {Proposal: PROPOSAL_TRANSITIONS, Task: TASK_TRANSITIONS, Platform: PLATFORM_TRANSITIONS}
)

_EXAMPLE_PROPOSAL: Final = Proposal(
    kind=ProposalKind.PROPOSAL,
    # 自治区政协十二届四次会议: built, not parsed, to keep the readers' patterns
    # uncompiled at import.
    session=Session(body=Body.CPPCC, term=12, meeting=4, level="自治区", year=2021),
    number=ProposalNumber("20210143"),
    title="关于积极申报建设广西新一代人工智能实验区的提案",
    proposers=(Proposer(name="农工民主党广西区委", is_body=True),),
    status=ProposalStatus.SUBMITTED,
)

ILLEGAL_TRANSITION = define(
    "lifecycle.illegal_transition",
    applies_to="advance",
    summary="A status follows its lifecycle table (submitted → accepted → assigned → replied …).",
    summary_zh="状态须按生命周期表变更（提交 → 立案 → 交办 → 已答复 …）。",
    source="gxai_policy lifecycle tables (DESIGN.md §2; issue: lifecycles as data)",
    example={"record": _EXAMPLE_PROPOSAL, "to": "closed"},
    trigger=Trigger.CALL,
    message="{record} cannot go from {current} to {to}; from {current} it may go to: {allowed}",
    message_zh="{record}不能从“{current_zh}”变为“{to_zh}”；可变为：{allowed_zh}",
)

R = TypeVar("R", Proposal, Task, Platform)

# The date field a transition sets, when the caller gives a date.
_DATED: Final[Mapping[Codelist, str]] = MappingProxyType(
    {
        P.ASSIGNED: "assigned_on",
        P.REPLIED: "replied_on",
        T.COMPLETED: "closed_on",
        T.CANCELLED: "closed_on",
        S.RECOGNISED: "accepted_on",
    }
)

# What a step leaves behind.  A proposal handled again (已答复 → 交办, after a
# 不满意 verdict) awaits a new reply: the last reply's date, the verdict on it
# and the extension of the first handling belong to the round that ended.
_RESET: Final[Mapping[tuple[Codelist, Codelist], Mapping[str, None]]] = MappingProxyType(
    {(P.REPLIED, P.ASSIGNED): {"replied_on": None, "feedback": None, "extension": None}}
)


def advance(record: R, to: Any, *, on: pendulum.Date | None = None) -> R:
    """
    *record* moved to status *to*, as a new record; the old one is unchanged.

    Args:
        record: A `Proposal`, `Task` or `Platform`.

        to: The next status: a member of its status codelist, or its value or
            label (``"assigned"``, ``"交办"``).

        on: The day of the change; it fills the date the new status implies
            (``assigned_on`` for 交办, ``replied_on`` for 已答复, ``closed_on``
            for a finished task, ``accepted_on`` for 验收/认定).

    A proposal handled again (已答复 → 交办) drops ``replied_on``,
    ``feedback`` and ``extension``: they belong to the round of handling
    that ended, and the new round awaits its own reply.

    Raises:
        ValidationError: ``lifecycle.illegal_transition`` when the table does
            not allow the step; ``codelist.unknown_label`` (at ``/status``)
            when *to* is no status of the record; or the record's own rules
            when the new record breaks them (交办 without a handler …).

        TypeError: If *record* has no lifecycle table.

    >>> p = _EXAMPLE_PROPOSAL
    >>> advance(p, "accepted").status
    <ProposalStatus.ACCEPTED: 'accepted'>
    >>> advance(p, "closed")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error lifecycle.illegal_transition at /status: ...
    """
    table = TRANSITIONS.get(type(record))
    if table is None:
        raise TypeError(f"{type(record).__name__} has no lifecycle")
    current = record.status
    status_type = type(current)
    try:
        target = to if isinstance(to, status_type) else status_type.from_label(str(to))
    except ValidationError as exc:
        raise exc.under("status") from None
    allowed = table[current]
    if target not in allowed:
        names = sorted(allowed, key=list(status_type).index)
        raise ILLEGAL_TRANSITION.error(
            "/status",
            record=type(record).__name__,
            current=current.value,
            to=target.value,
            allowed=", ".join(s.value for s in names) or "nothing (final)",
            current_zh=current.label_zh,
            to_zh=target.label_zh,
            allowed_zh="、".join(s.label_zh for s in names) or "无（终态）",
        )
    changes: dict[str, Any] = {"status": target, **_RESET.get((current, target), {})}
    field = _DATED.get(target)
    if on is not None and field is not None and hasattr(record, field):
        changes[field] = on
    return attrs.evolve(record, **changes)
