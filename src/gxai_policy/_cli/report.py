"""
Reports of findings, written as they are found: text, JSON or JSON Lines, and a summary.
"""

from __future__ import annotations

import json
from typing import IO, Any, Final

from attrs import define

import gxai_policy as gp

# No __all__: a private module of the command line (gxai_policy.cli).


@define
class Counts:
    """
    What a run has seen so far.
    """

    items: int = 0
    records: int = 0
    errors: int = 0
    warnings: int = 0
    info: int = 0
    seconds: float = 0.0

    def add(self, severity: gp.Severity) -> None:
        if severity is gp.Severity.ERROR:
            self.errors += 1
        elif severity is gp.Severity.WARNING:
            self.warnings += 1
        else:
            self.info += 1

    def as_dict(self) -> dict[str, Any]:
        return {
            "items": self.items,
            "records": self.records,
            "errors": self.errors,
            "warnings": self.warnings,
            "info": self.info,
            "seconds": round(self.seconds, 3),
        }


class Report:
    """
    Writes findings to *out* as they come, then a summary.

    Args:
        out: Where to write (standard output).

        file: The input's name as the report shows it.

        lang: The language of the text report's messages (``en`` or ``zh``).
    """

    def __init__(self, out: IO[str], file: str, lang: str) -> None:
        self.out = out
        self.file = file
        self.lang = lang

    def start(self) -> None:
        """
        Before the first finding.
        """

    def finding(self, line: int | None, path: str, violation: gp.Violation) -> None:
        raise NotImplementedError

    def end(self, counts: Counts) -> None:
        raise NotImplementedError

    def _entry(self, line: int | None, path: str, v: gp.Violation) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": line,
            "path": path,
            "code": v.code,
            "severity": v.severity.value,
            "message": v.message,
            "message_zh": v.message_zh,
        } | ({} if v.cell is None else {"cell": v.cell})


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


class TextReport(Report):
    """
    One line a finding, ``file:line: severity code path message``, as compilers write them.

    A finding in a spreadsheet names its cell after the path: ``/uscc (B3)``.
    """

    def finding(self, line: int | None, path: str, violation: gp.Violation) -> None:
        where = self.file if line is None else f"{self.file}:{line}"
        if violation.cell is not None:
            path = f"{path or '/'} ({violation.cell})"
        message = violation.message_zh if self.lang == "zh" else violation.message
        code = violation.code
        self.out.write(f"{where}: {violation.severity.value} {code} {path or '/'} {message}\n")

    def end(self, counts: Counts) -> None:
        self.out.write(
            f"{self.file}: {counts.items:,} items, {counts.records:,} records loaded,"
            f" {counts.errors:,} errors, {counts.warnings:,} warnings, {counts.info:,} info"
            f" in {counts.seconds:.2f} s\n"
        )


class JsonReport(Report):
    """
    One JSON document: ``{"findings": [...], "records": n, "summary": {...}}``, one finding a line.
    """

    def start(self) -> None:
        self.first = True
        self.out.write('{\n  "findings": [')

    def finding(self, line: int | None, path: str, violation: gp.Violation) -> None:
        self.out.write("\n    " if self.first else ",\n    ")
        self.first = False
        self.out.write(_json(self._entry(line, path, violation)))

    def end(self, counts: Counts) -> None:
        self.out.write("]" if self.first else "\n  ]")
        self.out.write(f',\n  "records": {counts.records},\n  "summary": ')
        self.out.write(_json(counts.as_dict()) + "\n}\n")


class JsonlReport(Report):
    """
    One JSON object a finding, then ``{"summary": {...}}`` on the last line.
    """

    def finding(self, line: int | None, path: str, violation: gp.Violation) -> None:
        self.out.write(_json(self._entry(line, path, violation)) + "\n")

    def end(self, counts: Counts) -> None:
        self.out.write(_json({"summary": counts.as_dict()}) + "\n")


#: The report formats, by their ``--format`` name.
REPORTS: Final[dict[str, type[Report]]] = {
    "text": TextReport,
    "json": JsonReport,
    "jsonl": JsonlReport,
}
