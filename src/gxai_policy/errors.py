"""
The error model: every error the library raises, and the findings it reports.

An invalid record cannot exist: construction raises one `ValidationError`
listing every `Violation` found.  Advisory findings (warnings, info) are the
same `Violation` objects, returned by `gxai_policy.check` instead of raised.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from typing import Any

from attrs import frozen

__all__ = [
    "GxaiPolicyError",
    "MissingExtraError",
    "ParseError",
    "Severity",
    "ValidationError",
    "Violation",
    "escape_pointer",
    "join_pointer",
    "raise_if_any",
]


class Severity(enum.StrEnum):
    """
    How much a finding matters.

    ``ERROR`` is a broken rule: a record's own are raised when it is built
    (it cannot exist), and those across a bundle's records (a dangling
    reference, a cap exceeded over the years) come back from
    `gxai_policy.check`.  ``WARNING`` and ``INFO`` are advisory, and only
    come back from `gxai_policy.check` (or a lax load's findings).
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


def escape_pointer(token: str | int) -> str:
    """
    Escape one reference token of an RFC 6901 JSON Pointer.

    >>> escape_pointer("a/b~c")
    'a~1b~0c'
    """
    return str(token).replace("~", "~0").replace("/", "~1")


def join_pointer(base: str, *tokens: str | int) -> str:
    """
    Append reference tokens to a JSON Pointer.

    >>> join_pointer("/certificate", "number")
    '/certificate/number'
    >>> join_pointer("", "sections", 0)
    '/sections/0'
    """
    return base + "".join("/" + escape_pointer(t) for t in tokens)


@frozen(kw_only=True)
class Violation:
    """
    One finding: a broken rule at one place of a record or payload.

    Attributes:
        path: Where, as an RFC 6901 JSON Pointer from the root of the record
            or payload (``""`` is the root itself, ``/certificate/number`` a
            nested field).

        code: The stable rule code, a key of `gxai_policy.RULES`.

        severity: `Severity.ERROR` for a broken rule, else advisory.

        message: What is wrong, in English.

        message_zh: What is wrong, in Chinese.

        cell: Where in a spreadsheet, when the payload was a row of one
            (`gxai_policy.iter_table`): an A1 reference, ``"C7"``, with its
            sheet for a workbook, ``"'企业名单'!C7"``, or the whole row,
            ``"7:7"``, for a finding of no one column.  ``None`` elsewhere.

            .. versionadded:: 0.2.0

        source: The source of the record the finding concerns, cited
            (`gxai_policy.Source.cite`), when `gxai_policy.check` knows it.
            ``None`` elsewhere.

            .. versionadded:: 0.3.0

    >>> v = Violation(path="/name", code="enterprise.name_empty",
    ...               severity=Severity.ERROR, message="name is empty",
    ...               message_zh="名称为空")
    >>> str(v)
    'error enterprise.name_empty at /name: name is empty'
    """

    path: str
    code: str
    severity: Severity
    message: str
    message_zh: str
    cell: str | None = None
    source: str | None = None

    def __str__(self) -> str:
        where = self.path or "/"
        if self.cell is not None:
            where = f"{where} (cell {self.cell})"
        return f"{self.severity} {self.code} at {where}: {self.message}"

    def to_dict(self) -> dict[str, str]:
        """
        The violation as JSON-ready data: ``path``, ``code``, ``severity``, both messages.

        ``cell`` is there too when the violation names a spreadsheet's cell,
        and ``source`` when it cites the record's source.

        >>> Violation(path="/name", code="enterprise.name_empty", severity=Severity.ERROR,
        ...           message="name is empty", message_zh="名称为空").to_dict()["severity"]
        'error'
        """
        return (
            {
                "path": self.path,
                "code": self.code,
                "severity": self.severity.value,
                "message": self.message,
                "message_zh": self.message_zh,
            }
            | ({} if self.cell is None else {"cell": self.cell})
            | ({} if self.source is None else {"source": self.source})
        )

    def under(self, *tokens: str | int) -> Violation:
        """
        Return this violation with its path moved below *tokens*.

        >>> v = Violation(path="/number", code="c", severity=Severity.ERROR,
        ...               message="m", message_zh="m")
        >>> v.under("certificate").path
        '/certificate/number'
        """
        return Violation(
            path=join_pointer("", *tokens) + self.path,
            code=self.code,
            severity=self.severity,
            message=self.message,
            message_zh=self.message_zh,
            cell=self.cell,
            source=self.source,
        )


class GxaiPolicyError(Exception):
    """
    The base of every error `gxai_policy` raises on purpose.
    """


class ValidationError(GxaiPolicyError, ValueError):
    """
    Input that breaks one or more rules; every violation found, at once.

    Attributes:
        violations: Each broken rule with its path and code, in the order
            found.  Never empty.

    >>> from gxai_policy import Money
    >>> try:
    ...     Money.parse("-3元")
    ... except ValidationError as e:
    ...     print(e.violations[0].code)
    money.negative
    """

    violations: tuple[Violation, ...]

    def __init__(self, violations: Iterable[Violation]) -> None:
        self.violations = tuple(violations)
        if not self.violations:
            raise ValueError("a ValidationError needs at least one violation")
        super().__init__(self.violations)

    def __str__(self) -> str:
        lines = [str(v) for v in self.violations]
        if len(lines) == 1:
            return lines[0]
        return f"{len(lines)} violations:\n" + "\n".join("  " + line for line in lines)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.violations,))

    @property
    def codes(self) -> tuple[str, ...]:
        """
        The codes of the violations, in order (handy in tests).
        """
        return tuple(v.code for v in self.violations)

    def errors(self) -> list[dict[str, str]]:
        """
        Every violation as JSON-ready data (see `Violation.to_dict`), in order.
        """
        return [v.to_dict() for v in self.violations]

    def to_dict(self) -> dict[str, Any]:
        """
        The error as JSON-ready data, ready to send back (an HTTP 422 body, say).

        ``gxai_policy.to_json(error)`` writes the same.

        >>> from gxai_policy import Money
        >>> try:
        ...     Money.parse("-3元")
        ... except ValidationError as e:
        ...     data = e.to_dict()
        >>> data["error"], [v["code"] for v in data["violations"]]
        ('validation', ['money.negative'])
        """
        return {"error": "validation", "violations": self.errors()}

    def under(self, *tokens: str | int) -> ValidationError:
        """
        Return the same error with every path moved below *tokens*.
        """
        return type(self)(v.under(*tokens) for v in self.violations)


class ParseError(GxaiPolicyError, ValueError):
    """
    Text that cannot be read, with the place where reading failed.

    Attributes:
        message: What is wrong, in English.

        message_zh: What is wrong, in Chinese (the English message when
            none was given).

        line: 1-based line of the input.

        column: 1-based column (in characters) of the input.

        code: A stable code registered in `gxai_policy.RULES`.

    >>> err = ParseError("not a reply letter", line=1, column=1, code="letter.not_a_letter",
    ...                  message_zh="不是答复函")
    >>> str(err)
    'line 1, column 1: not a reply letter'
    >>> err.to_dict()["message_zh"]
    '不是答复函'
    """

    def __init__(
        self,
        message: str,
        *,
        line: int = 1,
        column: int = 1,
        code: str,
        message_zh: str | None = None,
    ) -> None:
        self.message = message
        self.message_zh = message if message_zh is None else message_zh
        self.line = line
        self.column = column
        self.code = code
        super().__init__(message)

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column}: {self.message}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild_parse_error,
            (self.message, self.line, self.column, self.code, self.message_zh),
        )

    def to_dict(self) -> dict[str, Any]:
        """
        The error as JSON-ready data: code, both messages, line and column.

        ``gxai_policy.to_json(error)`` writes the same.
        """
        return {
            "error": "parse",
            "code": self.code,
            "message": self.message,
            "message_zh": self.message_zh,
            "line": self.line,
            "column": self.column,
        }

    @classmethod
    def at_offset(
        cls, text: str, offset: int, message: str, *, code: str, message_zh: str | None = None
    ) -> ParseError:
        """
        Build the error for a 0-based character *offset* into *text*.

        >>> ParseError.at_offset("ab\\ncd", 4, "here", code="c").column
        2
        """
        offset = max(0, min(offset, len(text)))
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return cls(message, line=line, column=column, code=code, message_zh=message_zh)


class MissingExtraError(GxaiPolicyError, ImportError):
    """
    An optional dependency is not installed: the message names the extra that brings it.

    Also an `ImportError`, so code that guards an optional import catches it.

    Attributes:
        extra: The extra to install (``"docx"``: ``pip install 'gxai-policy[docx]'``).

        module: The module that could not be imported.

    .. versionadded:: 0.2.0

    >>> err = MissingExtraError(extra="docx", module="docx", purpose="reading .docx")
    >>> str(err)
    "reading .docx needs docx: pip install 'gxai-policy[docx]'"
    >>> MissingExtraError(extra="", module="docx", purpose="x")
    Traceback (most recent call last):
      ...
    ValueError: a MissingExtraError names its extra
    """

    def __init__(self, *, extra: str, module: str, purpose: str) -> None:
        if not extra:
            raise ValueError("a MissingExtraError names its extra")
        self.extra = extra
        self.module = module
        self.purpose = purpose
        super().__init__(f"{purpose} needs {module}: pip install 'gxai-policy[{extra}]'")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_missing_extra, (self.extra, self.module, self.purpose))


def _rebuild_missing_extra(extra: str, module: str, purpose: str) -> MissingExtraError:
    return MissingExtraError(extra=extra, module=module, purpose=purpose)


def _rebuild_parse_error(
    message: str, line: int, column: int, code: str, message_zh: str | None = None
) -> ParseError:
    return ParseError(message, line=line, column=column, code=code, message_zh=message_zh)


def raise_if_any(violations: Iterable[Violation]) -> None:
    """
    Raise one `ValidationError` with every violation, if there is any.

    >>> raise_if_any([])
    >>> raise_if_any([Violation(path="", code="c", severity=Severity.ERROR,
    ...                         message="m", message_zh="m")])
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error c at /: m
    """
    found = tuple(violations)
    if found:
        raise ValidationError(found)
