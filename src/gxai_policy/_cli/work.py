"""
The work of `validate`: load each item, check each record, collect the findings, in N processes.

Items go in batches.  With ``--jobs N`` this process splits the input into
pieces of text (`gxai_policy.wire.Piece`), N worker processes load and
check whole batches, and the results come back in input order: at most
``2 × N`` batches are in flight, so memory stays flat however long the
input.  Findings travel by pickle (a `Violation` pickles); records stay in
the worker.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Final

import pendulum
from attrs import frozen

import gxai_policy as gp
from gxai_policy import wire
from gxai_policy._cli.files import Format, Input, Options
from gxai_policy.checks import findings as findings_of
from gxai_policy.records._base import CheckContext

# No __all__: a private module of the command line (gxai_policy.cli).

#: Items a batch: enough that a worker's round trip costs little beside its work.
BATCH: Final = 1000

#: One finding where it was found: the line, the JSON Pointer (into the file), the violation.
Finding = tuple[int | None, str, gp.Violation]


@frozen
class Batch:
    """
    What a batch of items gave: how many items, how many loaded, and the findings in order.
    """

    items: int
    records: int
    findings: list[Finding]
    # How far the input had been read when the batch was made (for progress).
    position: int | None = None


@frozen
class Task:
    """
    What to do with each item: its type, how to load it, the day to check it on.
    """

    cls: type
    options: Options
    as_of: pendulum.Date | None


def _check(task: Task, lines: Iterable[wire.Line]) -> Batch:
    items = records = 0
    findings: list[Finding] = []
    # What gp.check makes on every call, made once a batch (its day is a day already).
    context = CheckContext(as_of=task.as_of)
    for line in lines:
        items += 1
        prefix = "" if line.index is None else f"/{line.index}"
        if line.findings:
            findings.extend((line.line, prefix + v.path, v) for v in line.findings)
        if line.error is not None:
            findings.extend((line.line, prefix + v.path, v) for v in line.error.violations)
            continue
        records += 1
        # Nearly every record has no finding: no generator for it.
        found = tuple(findings_of(line.record, context))
        if found:
            findings.extend((line.line, prefix + v.path, v) for v in found)
    return Batch(items, records, findings)


def _work(task: Task, pieces: list[wire.Piece]) -> Batch:
    """
    One batch, loaded and checked in a worker.
    """
    options = task.options
    lines = wire.load_pieces(
        task.cls, pieces, mode=options.mode, unknown=options.unknown, limits=options.limits
    )
    return _check(task, lines)


def _batched(items: Iterable[Any]) -> Iterator[list[Any]]:
    """
    *items* in lists of `BATCH`; when they break off, the items before the break first.
    """
    iterator = iter(items)
    while True:
        batch: list[Any] = []
        try:
            batch.extend(itertools.islice(iterator, BATCH))
        except gp.ValidationError:
            # extend keeps what it took before the break.
            if batch:
                yield batch
            raise
        if not batch:
            return
        yield batch


def batches(fmt: Format, source: Input, task: Task, jobs: int) -> Iterator[Batch]:
    """
    The batches of *source*, in input order, worked on by *jobs* processes (this one if 1).

    Raises:
        ValidationError: When the input breaks off (a JSON array not
            closed …), after every batch before the break.
    """
    if jobs == 1 or fmt.split is None:
        for lines in _batched(fmt.results(task.cls, source, task.options)):
            yield _positioned(_check(task, lines), source)
        return
    pieces = fmt.split(source.fp, task.options.limits)
    # Not fork: this process may have threads (a progress bar's), which fork does not copy.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(jobs, mp_context=context) as pool:
        window: deque[tuple[Future[Batch], int | None]] = deque()
        try:
            for batch in _batched(pieces):
                window.append((pool.submit(_work, task, batch), source.position()))
                if len(window) >= 2 * jobs:
                    future, position = window.popleft()
                    yield _positioned(future.result(), None, position)
        except gp.ValidationError:
            # The batches read before a break are reported, as with one process.
            for future, position in window:
                yield _positioned(future.result(), None, position)
            raise
        for future, position in window:
            yield _positioned(future.result(), None, position)


def _positioned(batch: Batch, source: Input | None, position: int | None = None) -> Batch:
    if source is not None:
        position = source.position()
    return Batch(batch.items, batch.records, batch.findings, position)
