"""
`check`: every finding about a record, a reply or a bundle, in one call.

A record's own advisory findings come from the record; this module adds what
needs more than the record: reply deadlines (`gxai_policy.policy.deadlines`),
the letter's own arithmetic (`gxai_policy.text.figures`), and a bundle's
subsidies under their policies (`gxai_policy.policy.subsidies`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pendulum

from gxai_policy.errors import Violation
from gxai_policy.policy.deadlines import deadline_findings
from gxai_policy.policy.subsidies import subsidy_findings
from gxai_policy.records._base import CheckContext
from gxai_policy.records.dataset import Dataset
from gxai_policy.records.proposal import Proposal, ProposalRef
from gxai_policy.records.reply import Reply
from gxai_policy.text.figures import arithmetic_findings

__all__ = ["check"]


def check(
    obj: Any, *, as_of: pendulum.Date | None = None, reply_limit_months: int = 3
) -> tuple[Violation, ...]:
    """
    Every finding about *obj*: warnings and info, and a bundle's dangling references.

    A record's broken invariants cannot be found here: such a record cannot
    exist.  Findings never raise.

    Args:
        obj: A record (`Proposal`, `Reply`, `Task`, `Platform`, `Scholar`,
            `Enterprise`, `Subsidy`) or a `Dataset`.

        as_of: The day to judge deadlines and validity on (a datetime
            counts as its calendar day).  Without it no time-dependent
            finding is made.

        reply_limit_months: Months from 交办 (assignment) to the reply
            deadline, 3 by default (the common national rule; a recorded 延期
            extends it to at most 6).

    Returns:
        The findings, each with a JSON Pointer into *obj*, in the order found.

    Raises:
        TypeError: If *obj* is not something the library checks, or *as_of*
            is not a date.

        ValueError: If *reply_limit_months* is below 1.

    >>> import gxai_policy as gp
    >>> e = gp.Enterprise(name="广西智联视界智能科技有限公司",
    ...                   uscc=gp.USCC("91450100MA5KB1XW1C"))
    >>> gp.check(e)
    ()
    >>> gp.check("广西")
    Traceback (most recent call last):
      ...
    TypeError: cannot check a str
    """
    # A class has the method too, unbound: only instances are checked.
    findings = None if isinstance(obj, type) else getattr(obj, "_findings", None)
    if findings is None:
        raise TypeError(f"cannot check a {type(obj).__name__}")
    if reply_limit_months < 1:
        raise ValueError(f"reply_limit_months must be at least 1, not {reply_limit_months}")
    ctx = CheckContext(as_of=_day(as_of), reply_limit_months=reply_limit_months)
    return (*findings(ctx), *_more(obj, ctx))


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


def _more(obj: object, ctx: CheckContext) -> Iterator[Violation]:
    if isinstance(obj, Proposal):
        yield from deadline_findings(obj, ctx)
    elif isinstance(obj, Reply):
        yield from arithmetic_findings(obj)
    elif isinstance(obj, Dataset):
        yield from _bundle(obj, ctx)


def _bundle(dataset: Dataset, ctx: CheckContext) -> Iterator[Violation]:
    replied: dict[ProposalRef, pendulum.Date] = {}
    for reply in dataset.replies:
        if reply.proposal is not None and reply.signed_on is not None:
            first = replied.get(reply.proposal)
            replied[reply.proposal] = min(first, reply.signed_on) if first else reply.signed_on
    for i, proposal in enumerate(dataset.proposals):
        for v in deadline_findings(proposal, ctx, replied_on=replied.get(proposal.ref)):
            yield v.under("proposals", i)
    for i, reply in enumerate(dataset.replies):
        for v in arithmetic_findings(reply):
            yield v.under("replies", i)
    yield from subsidy_findings(dataset)
