"""
Running a rule's example: the one runner the rule self-test and the docs share.

A rule's `~gxai_policy.rules.Trigger` says how its example reaches the
library; `fire` feeds it so and returns everything the library reported.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any, Final

import gxai_policy as gp
from gxai_policy.errors import ParseError, ValidationError, Violation
from gxai_policy.rules import Rule, Trigger

__all__ = ["Finding", "fire"]

#: What an example makes the library report: violations, or the error a reader raised.
Finding = Violation | ParseError


def _raised(call: Callable[[], object]) -> tuple[Finding, ...]:
    try:
        call()
    except ValidationError as exc:
        return exc.violations
    except ParseError as exc:
        return (exc,)
    return ()


def _parsed(target: Any, example: Any) -> tuple[Finding, ...]:
    parse: Callable[[Any], object] = getattr(target, "parse", target)
    return _raised(lambda: parse(example))


def _loaded(**options: Any) -> Callable[[Any, Any], tuple[Finding, ...]]:
    def run(target: Any, example: Any) -> tuple[Finding, ...]:
        found: list[Violation] = []
        gp.from_dict(target, example, findings=found, **options)
        return tuple(found)

    return run


def _checked_as_of(target: Any, example: Any) -> tuple[Finding, ...]:
    record = gp.from_dict(target, example["record"])
    return gp.check(record, as_of=gp.parse_date(example["as_of"]))


def _tabled(target: Any, example: Any) -> tuple[Finding, ...]:
    limits = gp.Limits(**example["limits"]) if isinstance(example, dict) else gp.DEFAULT_LIMITS
    content = example["csv"] if isinstance(example, dict) else example
    data = content.encode() if isinstance(content, str) else content
    try:
        rows = list(gp.iter_table(target, io.BytesIO(data), unknown="forbid", limits=limits))
    except ValidationError as exc:
        return exc.violations
    found: list[Finding] = []
    for row in rows:
        found += row.error.violations if row.error else ()
        found += row.findings
    return tuple(found)


def _read(_target: Any, example: Any) -> tuple[Finding, ...]:
    try:
        reply = gp.parse_reply(example)
    except ParseError as exc:
        return (exc,)
    return gp.check(reply)


def _read_file(_target: Any, example: Any) -> tuple[Finding, ...]:
    try:
        reply = gp.read_letter(example)
    except ParseError as exc:
        return (exc,)
    return gp.check(reply)


#: How each trigger feeds an example to its target (``gp.<applies_to>``).
_FEEDS: Final[dict[Trigger, Callable[[Any, Any], tuple[Finding, ...]]]] = {
    Trigger.PARSE: _parsed,
    Trigger.LOAD: lambda t, e: _raised(lambda: gp.from_dict(t, e)),
    Trigger.LOAD_JSON: lambda t, e: _raised(lambda: gp.from_json(t, e)),
    Trigger.LOAD_LAX: _loaded(mode="lax"),
    Trigger.LOAD_REPORT: _loaded(unknown="report"),
    Trigger.CHECK: lambda t, e: gp.check(gp.from_dict(t, e)),
    Trigger.CHECK_AS_OF: _checked_as_of,
    Trigger.CHECK_PUBLISHING: lambda t, e: gp.check(gp.from_dict(t, e), publishing=True),
    Trigger.CALL: lambda t, e: _raised(lambda: t(**e)),
    Trigger.READ: _read,
    Trigger.LOAD_TABLE: _tabled,
    Trigger.READ_FILE: _read_file,
}


def fire(rule: Rule) -> tuple[Finding, ...]:
    """
    Everything the library reports when fed *rule*'s example as its trigger says.

    A raised `ValidationError` gives its violations, a `ParseError` itself;
    any other exception propagates (a rule whose example escapes so is a bug).

    >>> from gxai_policy.rules import RULES
    >>> [f.code for f in fire(RULES["money.negative"])]
    ['money.negative']
    """
    return _FEEDS[rule.trigger](getattr(gp, rule.applies_to), rule.example)
