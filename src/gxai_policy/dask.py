"""
Records past one machine: JSONL files loaded as a `dask.bag.Bag` (the ``[dask]`` extra).

Each file is a partition, read line by line with `gxai_policy.iter_jsonl`
where the partition runs (a worker of a ``distributed`` cluster, or a
thread here), so each result keeps its file and line.  Results, records
and errors travel between workers by pickle.

>>> import pathlib, tempfile, gxai_policy as gp
>>> from gxai_policy import dask as gpd
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> good = '{"name": "示例科技有限公司", "uscc": "91450100MA5KB1XW1C"}'
>>> _ = (folder / "a.jsonl").write_text(good + "\\n", encoding="utf-8")
>>> _ = (folder / "b.jsonl").write_text('{"name": 1}\\n')
>>> gpd.validate(gp.Enterprise, str(folder / "*.jsonl"), scheduler="sync").counts
Counts(files=2, lines=2, records=1, errors=2, warnings=0, info=0)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import fsspec
import pendulum
from attrs import frozen

import gxai_policy as gp
from gxai_policy import wire

try:
    import dask.bag as db
except ImportError as exc:  # pragma: no cover - the extra is installed for the tests
    raise ImportError("gxai_policy.dask needs dask: pip install 'gxai-policy[dask]'") from exc

__all__ = ["Counts", "FileLine", "Finding", "Validation", "read_jsonl", "validate"]


@frozen
class FileLine:
    """
    The result of one line of one file: `gxai_policy.wire.Line` with its file.

    Attributes:
        file: The file's path (as fsspec names it: without ``file://``).

        line: The 1-based line number.

        record: The loaded record, or None.

        error: Why the line is bad (`gxai_policy.ValidationError`), or None.

        findings: The line's load warnings and info.
    """

    file: str
    line: int
    record: Any
    error: gp.ValidationError | None
    findings: tuple[gp.Violation, ...] = ()

    @property
    def ok(self) -> bool:
        """
        Whether the line loaded.
        """
        return self.error is None


def _read_file(
    opened: Any, cls: Any, mode: wire.Mode, unknown: wire.Unknown, limits: gp.Limits
) -> Iterator[FileLine]:
    with opened as fp:
        for r in gp.iter_jsonl(cls, fp, mode=mode, unknown=unknown, limits=limits):
            yield FileLine(opened.path, r.line, r.record, r.error, r.findings)


def _read_partition(
    files: Iterable[Any], cls: Any, mode: wire.Mode, unknown: wire.Unknown, limits: gp.Limits
) -> list[FileLine]:
    return [line for opened in files for line in _read_file(opened, cls, mode, unknown, limits)]


def read_jsonl(  # noqa: PLR0913 - iter_jsonl's options, and fsspec's
    cls: Any,
    urlpath: str | Sequence[str],
    *,
    mode: wire.Mode = "strict",
    unknown: wire.Unknown = "forbid",
    limits: gp.Limits = gp.DEFAULT_LIMITS,
    storage_options: dict[str, Any] | None = None,
) -> db.Bag:
    """
    A bag of `FileLine` results, one a non-blank line of each JSONL file, a partition a file.

    Args:
        cls: The record type of every line.

        urlpath: A path, a glob (``data/*.jsonl``) or a list of them, local
            or any URL fsspec opens (``s3://bucket/*.jsonl`` with s3fs).

        mode, unknown, limits: As for `gxai_policy.iter_jsonl`.

        storage_options: Passed to fsspec (credentials, endpoints).

    Raises:
        FileNotFoundError: If *urlpath* names no file.

    Nothing is read until the bag is computed; lines are read where their
    partition runs, in order, one at a time.
    """
    files = fsspec.open_files(urlpath, "rb", **(storage_options or {}))
    if not files:
        raise FileNotFoundError(f"no file matches {urlpath!r}")
    return db.from_sequence(list(files), npartitions=len(files)).map_partitions(
        _read_partition, cls, mode, unknown, limits
    )


@frozen
class Counts:
    """
    How many files, lines, records and findings of each severity.
    """

    files: int = 0
    lines: int = 0
    records: int = 0
    errors: int = 0
    warnings: int = 0
    info: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.files + other.files,
            self.lines + other.lines,
            self.records + other.records,
            self.errors + other.errors,
            self.warnings + other.warnings,
            self.info + other.info,
        )


@frozen
class Finding:
    """
    One finding: where (file, line, JSON Pointer in the line's record) and what (the violation).
    """

    file: str
    line: int
    violation: gp.Violation


@frozen
class Validation:
    """
    What `validate` found: the counts, and every finding in file and line order.
    """

    counts: Counts
    findings: tuple[Finding, ...]


def _findings(line: FileLine, as_of: pendulum.Date | None) -> list[Finding]:
    found = list(line.findings)
    if line.error is not None:
        found.extend(line.error.violations)
    else:
        found.extend(gp.check(line.record, as_of=as_of))
    return [Finding(line.file, line.line, v) for v in found]


def _summarize(lines: Iterable[FileLine], as_of: pendulum.Date | None) -> list[Validation]:
    counts, findings, files = Counts(), [], set()
    for line in lines:
        files.add(line.file)
        found = _findings(line, as_of)
        findings.extend(found)
        severities = [f.violation.severity for f in found]
        counts += Counts(
            0,
            1,
            line.ok,
            severities.count(gp.Severity.ERROR),
            severities.count(gp.Severity.WARNING),
            severities.count(gp.Severity.INFO),
        )
    return [Validation(counts + Counts(files=len(files)), tuple(findings))]


def validate(  # noqa: PLR0913 - read_jsonl's options and check's
    cls: Any,
    urlpath: str | Sequence[str],
    *,
    as_of: pendulum.Date | None = None,
    mode: wire.Mode = "strict",
    unknown: wire.Unknown = "forbid",
    limits: gp.Limits = gp.DEFAULT_LIMITS,
    storage_options: dict[str, Any] | None = None,
    **compute: Any,
) -> Validation:
    """
    Load and check every line of the JSONL files at *urlpath*: the counts and every finding.

    Each partition (file) is loaded and checked where it runs and sends
    back its counts and findings only; the records stay on the workers.
    *compute* goes to `dask.compute` (``scheduler="threads"`` …); with none,
    dask's default (or the ``distributed.Client`` made last) runs it.
    Findings are the command line's: load warnings and errors, then
    `gxai_policy.check` on each record that loaded (*as_of* as there).
    """
    bag = read_jsonl(
        cls, urlpath, mode=mode, unknown=unknown, limits=limits, storage_options=storage_options
    )
    parts = bag.map_partitions(_summarize, as_of).compute(**compute)
    counts, findings = Counts(), []
    for part in parts:
        counts += part.counts
        findings.extend(part.findings)
    return Validation(counts, tuple(findings))
