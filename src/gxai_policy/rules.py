"""
The rule catalogue: every code the library can emit, with its source and an example.

Each module that checks something defines its rules here with `define`, at
import time.  `import gxai_policy` leaves some of those modules unloaded (the
JSON edge, the letter reader), so the first read of `RULES` imports every
module that defines rules: the catalogue is complete whoever reads it, whenever.
A rule builds its own violations (`Rule.violation`), which keeps the code,
the severity and both languages' messages in one place.
"""

from __future__ import annotations

import enum
import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final

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
    #: ``gp.check(gp.from_dict(getattr(gp, rule.applies_to), example), publishing=True)``
    #: reports it.
    CHECK_PUBLISHING = "check_publishing"
    #: ``getattr(gp, rule.applies_to)(**example)`` raises it (example holds Python objects).
    CALL = "call"
    #: ``gp.parse_reply(example)`` raises it, or ``gp.check`` of the reply reports it.
    READ = "read"
    #: ``gp.iter_table(getattr(gp, rule.applies_to), io.BytesIO(example), unknown="forbid")``
    #: raises it or gives it in a row's error or findings.  The example is a file's
    #: content (``str``, encoded as UTF-8, or ``bytes``), or ``{"csv": content,
    #: "limits": {...}}`` for a load under those `Limits`.
    LOAD_TABLE = "load_table"
    #: ``gp.read_letter(example)`` raises it (the example is a file's content, ``bytes``).
    READ_FILE = "read_file"


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
        return ParseError.at_offset(
            text,
            offset,
            self.message.format(**params),
            code=self.code,
            message_zh=self.message_zh.format(**params),
        )


# Every module that defines rules; a test checks that none is missing.
_RULE_MODULES: Final = (
    "gxai_policy._invariants",
    "gxai_policy.checks",
    "gxai_policy.policy.deadlines",
    "gxai_policy.policy.subsidies",
    "gxai_policy.records.dataset",
    "gxai_policy.records.enterprise",
    "gxai_policy.records.lifecycle",
    "gxai_policy.records.platform",
    "gxai_policy.records.proposal",
    "gxai_policy.records.reply",
    "gxai_policy.records.scholar",
    "gxai_policy.records.source",
    "gxai_policy.records.subsidy",
    "gxai_policy.records.task",
    "gxai_policy.text.figures",
    "gxai_policy.text.files._rules",
    "gxai_policy.text.reader._rules",
    "gxai_policy.values._codelist",
    "gxai_policy.values.dates",
    "gxai_policy.values.identifiers",
    "gxai_policy.values.money",
    "gxai_policy.values.quantity",
    "gxai_policy.values.session",
    "gxai_policy.values.subsidy_policy",
    "gxai_policy.wire._limits",
    "gxai_policy.wire._rules",
    "gxai_policy.wire._upgrade",
)

# In the order of definition; `RULES` sorts it when read.
_RULES: dict[str, Rule] = {}


class _Catalogue(Mapping[str, Rule]):
    """
    A read-only view of the rules by code, sorted, complete on every read.

    The first read imports *modules* (which import this one: the cycle is
    harmless because it closes on a read, never at import time); a read after
    new definitions sorts them in once, rather than each `define`.
    """

    __slots__ = ("_loaded", "_modules", "_sorted")

    def __init__(self, modules: tuple[str, ...]) -> None:
        self._modules = modules
        self._loaded = False
        self._sorted: dict[str, Rule] = {}

    def _rules(self) -> dict[str, Rule]:
        if not self._loaded:
            for module in self._modules:
                importlib.import_module(module)
            self._loaded = True
        # `define` only ever adds: a changed length is a changed catalogue.
        if len(self._sorted) != len(_RULES):
            self._sorted = dict(sorted(_RULES.items()))
        return self._sorted

    def __getitem__(self, code: str) -> Rule:
        return self._rules()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules())

    def __len__(self) -> int:
        return len(self._rules())

    def __contains__(self, code: object) -> bool:
        return code in self._rules()

    def __repr__(self) -> str:
        return f"RULES({len(self)} rules)"


#: Every rule the library can emit, by code, sorted by code.
RULES: Mapping[str, Rule] = _Catalogue(_RULE_MODULES)


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
    return rule


def define_family(area: str, **shared: Any) -> Callable[..., Rule]:
    """
    `define` for the rules of one area: codes ``area.name``, and the arguments they share.

    A module with many rules of one kind (the loader's ``load.*``, a
    record's) writes what they share once; each rule may still override it.
    """

    def rule(name: str, summary: str, summary_zh: str, example: Any, **own: Any) -> Rule:
        return define(
            f"{area}.{name}",
            summary=summary,
            summary_zh=summary_zh,
            example=example,
            **(shared | own),
        )

    return rule
