"""
`check`: every advisory finding about a record, a reply or a bundle.
"""

from __future__ import annotations

from typing import Any, Protocol

import pendulum

from gxai_policy.errors import Violation
from gxai_policy.records._base import CheckContext

__all__ = ["check"]


class _Checkable(Protocol):
    def _findings(self, ctx: CheckContext) -> Any: ...


def check(
    obj: _Checkable, *, as_of: pendulum.Date | None = None, reply_limit_months: int = 3
) -> tuple[Violation, ...]:
    """
    Every finding about *obj*: warnings and info (a record's errors cannot exist).

    Args:
        obj: A record, a reply or a `Dataset`.

        as_of: The day to judge deadlines and validity on.  Without it no
            time-dependent finding is made.

        reply_limit_months: Months from 交办 (assignment) to the reply deadline,
            3 by default (the common national rule; a recorded 延期 extends it
            to at most 6).

    Returns:
        The findings, in the order found; empty when there is nothing to say.

    Raises:
        TypeError: If *obj* is not something the library checks.
    """
    findings = getattr(obj, "_findings", None)
    if findings is None:
        raise TypeError(f"cannot check a {type(obj).__name__}")
    if reply_limit_months < 1:
        raise ValueError(f"reply_limit_months must be at least 1, not {reply_limit_months}")
    ctx = CheckContext(as_of=as_of, reply_limit_months=reply_limit_months)
    return tuple(findings(ctx))
