"""
The rule catalogue: every code the library can emit, with its source and an example.

Each module that checks something defines its rules here with `define`, at
import time; importing `gxai_policy` imports them all, so `RULES` is complete.
A rule builds its own violations (`Rule.violation`), which keeps the code,
the severity and both languages' messages in one place.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from attrs import field, frozen

from gxai_policy.errors import ParseError, Severity, ValidationError, Violation

__all__ = ["RULES", "Rule", "Trigger", "define"]


class Trigger(enum.StrEnum):
    """
    How a rule's example is fed to the library to make the rule fire.

    The rule catalogue tests itself with it (and the docs say it).
    """

    #: ``getattr(gp, rule.applies_to).parse(example)`` raises it.
    PARSE = "parse"
    #: ``gp.from_dict(getattr(gp, rule.applies_to), example)`` raises it.
    LOAD = "load"
    #: ``gp.from_json(getattr(gp, rule.applies_to), example)`` raises it.
    LOAD_JSON = "load_json"
    #: ``gp.from_dict(cls, example, mode="lax", findings=out)`` puts it in ``out``.
    LOAD_LAX = "load_lax"
    #: ``gp.from_dict(cls, example, unknown="report", findings=out)`` puts it in ``out``.
    LOAD_REPORT = "load_report"
    #: ``gp.check(gp.from_dict(getattr(gp, rule.applies_to), example))`` reports it.
    CHECK = "check"
    #: ``gp.check(gp.from_dict(cls, example["record"]), as_of=example["as_of"])`` reports it.
    CHECK_AS_OF = "check_as_of"
    #: ``getattr(gp, rule.applies_to)(**example)`` raises it (example holds Python objects).
    CALL = "call"
    #: ``gp.parse_reply(example)`` raises it, or ``gp.check`` of the reply reports it.
    READ = "read"


@frozen(kw_only=True)
class Rule:
    """
    One rule of the catalogue.

    Attributes:
        code: Stable, dotted, lower-case: ``money.negative``.  Codes are API.

        severity: What a violation of it is.

        applies_to: The public class (its name in `gxai_policy`) the rule is
            checked on.

        summary: One English sentence saying what the rule demands.

        summary_zh: The same in Chinese.

        source: The standard, regulation or letter the rule comes from.

        example: A minimal input in wire form that triggers exactly this
            rule, fed to the library as `trigger` says.

        trigger: How `example` is fed to the library.

        message: English message template; ``{name}`` fields are filled from
            `violation`'s keyword arguments.  Defaults to `summary`.

        message_zh: Chinese message template.  Defaults to `summary_zh`.

    >>> RULES["money.negative"].severity
    <Severity.ERROR: 'error'>
    """

    code: str
    severity: Severity
    applies_to: str
    summary: str
    summary_zh: str
    source: str
    example: Any = field(eq=False)
    trigger: Trigger
    message: str
    message_zh: str

    def violation(self, path: str = "", /, **params: object) -> Violation:
        """
        A violation of this rule at *path*, its messages filled from *params*.
        """
        return Violation(
            path=path,
            code=self.code,
            severity=self.severity,
            message=self.message.format(**params),
            message_zh=self.message_zh.format(**params),
        )

    def error(self, path: str = "", /, **params: object) -> ValidationError:
        """
        A `ValidationError` holding the one violation `violation` builds.
        """
        return ValidationError((self.violation(path, **params),))

    def parse_error(self, text: str, offset: int, /, **params: object) -> ParseError:
        """
        A `ParseError` for this rule at character *offset* of *text*.
        """
        return ParseError.at_offset(text, offset, self.message.format(**params), code=self.code)


_RULES: dict[str, Rule] = {}

#: Every rule the library can emit, by code, sorted by code.
RULES: Mapping[str, Rule] = MappingProxyType(_RULES)


def define(  # noqa: PLR0913 - a rule is a record of many parts
    code: str,
    *,
    applies_to: str,
    summary: str,
    summary_zh: str,
    source: str,
    example: Any,
    trigger: Trigger,
    severity: Severity = Severity.ERROR,
    message: str | None = None,
    message_zh: str | None = None,
) -> Rule:
    """
    Register a rule in `RULES` and return it.

    Raises:
        ValueError: If *code* is registered already with another meaning.
    """
    rule = Rule(
        code=code,
        severity=severity,
        applies_to=applies_to,
        summary=summary,
        summary_zh=summary_zh,
        source=source,
        example=example,
        trigger=trigger,
        message=summary if message is None else message,
        message_zh=summary_zh if message_zh is None else message_zh,
    )
    known = _RULES.get(code)
    if known is not None:
        # A module imported twice (doctest collection does that) defines the
        # same rule again: keep the first.  A different rule is a clash.
        if known == rule:
            return known
        raise ValueError(f"rule {code!r} is defined twice")
    _RULES[code] = rule
    items = sorted(_RULES.items())
    _RULES.clear()
    _RULES.update(items)
    return rule
