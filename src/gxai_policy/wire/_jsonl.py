"""
JSONL: one JSON document a line, read lazily with one result a line, written canonically.

A file may begin with a header line, a JSON object of ``$`` keys that no
record has: ``{"$schema_version": 2}`` says the version of the wire format
its lines are in.  `gxai_policy.dump_jsonl` writes one; a file without one
(as version 1 wrote them) is read as the current version, and the lines of
an older one are upgraded as they load.
"""

from __future__ import annotations

import contextlib
import io
import os
import typing
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, Final

import orjson
from attrs import frozen

from gxai_policy.errors import ValidationError, Violation
from gxai_policy.records.dataset import SCHEMA_VERSION
from gxai_policy.wire._limits import TOO_LARGE
from gxai_policy.wire._rules import BAD_JSON
from gxai_policy.wire._upgrade import HEADER_KEY, header_version

# No __all__: a private module of gxai_policy.wire, which exports what is public.

BOM: Final = "\ufeff"
BOM_BYTES: Final = b"\xef\xbb\xbf"


@frozen
class Line:
    """
    The result of loading one line of a JSONL stream.

    Attributes:
        line: The 1-based line number.

        record: The loaded record, or None when the line is bad.

        error: Why the line is bad, or None.

        findings: The line's warnings and info (lax coercions, kept keys).

        index: The item's 0-based position in a JSON array (`iter_json`);
            None for a line of JSONL or a document that is not an array.
    """

    line: int
    record: Any
    error: ValidationError | None
    findings: tuple[Violation, ...] = ()
    index: int | None = None

    @property
    def ok(self) -> bool:
        """
        Whether the line loaded.
        """
        return self.error is None


@frozen
class Piece:
    """
    One item of a stream, split out but not yet loaded: its text, or why it has none.

    Pieces pickle: a process can split a stream and others load the pieces.

    Attributes:
        line: The 1-based line on which the item begins.

        index: The item's 0-based position in a JSON array; None for a line
            of JSONL or a document that is not an array.

        text: The item's JSON text (UTF-8 bytes, or ``str`` for a line of a
            text file), or None when it cannot be read.

        error: Why there is no text (``load.too_large`` …), or None.

        version: The schema version of its text when the stream's header
            line gave one; None for the current version.
    """

    line: int
    index: int | None
    text: bytes | str | None
    error: ValidationError | None = None
    version: int | None = None


#: A loader of one line's text: its record, its findings going to the list.
LoadLine = Callable[[str | bytes, list[Violation]], Any]


def header(text: str | bytes) -> int | None:
    """
    The schema version a header line gives, or None if *text* is not a header line.

    Raises:
        ValidationError: For a header line whose version this library cannot read.
    """
    if text.lstrip()[:3] not in ('{"$', b'{"$'):
        return None
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError:
        return None
    if type(data) is not dict or HEADER_KEY not in data:
        return None
    return header_version(data)


def header_line(version: int) -> bytes:
    """
    The header line of a JSONL file in schema *version*, its line break included.

    >>> header_line(2)
    b'{"$schema_version":2}\\n'
    """
    return orjson.dumps({HEADER_KEY: version}) + b"\n"


def results(
    source: Any, cap: int, load_line: LoadLine, older: Callable[[int], LoadLine]
) -> Iterator[Line]:
    """
    One `Line` a non-blank line of *source* (lines, or a path), each loaded by *load_line*.

    A bad line never stops it.  A header line gives no `Line`: an older
    version has the lines loaded by ``older(version)``; one this library
    cannot read gives one bad `Line`, and nothing more is read.
    """
    first = True
    # No Piece between a line and its result: this runs a line.
    for number, text, error in _texts(source, cap):
        if text is None:
            yield Line(number, None, error)
            first = False
            continue
        if first:
            first = False
            try:
                version = header(text)
            except ValidationError as exc:
                yield Line(number, None, exc)
                return
            if version is not None:
                if version < SCHEMA_VERSION:
                    load_line = older(version)
                continue
        findings: list[Violation] = []
        try:
            record = load_line(text, findings)
        except ValidationError as exc:
            yield Line(number, None, exc, tuple(findings))
        else:
            yield Line(number, record, None, tuple(findings))


def pieces(source: Any, cap: int) -> Iterator[Piece]:
    """
    One `Piece` a non-blank line of *source* (lines, or a path), not loaded.

    A header line gives no piece: its version goes on every piece after it
    (if older than the current).  One this library cannot read gives one
    piece with the error, and nothing more is read.
    """
    version: int | None = None
    for i, (number, text, error) in enumerate(_texts(source, cap)):
        if i == 0 and text is not None:
            try:
                found = header(text)
            except ValidationError as exc:
                yield Piece(number, None, None, exc)
                return
            if found is not None:
                version = found if found < SCHEMA_VERSION else None
                continue
        yield Piece(number, None, text, error, version)


def _texts(
    source: Any, cap: int
) -> Iterator[tuple[int, str | bytes, None] | tuple[int, None, ValidationError]]:
    """
    Each non-blank line of *source* (lines, or a path): its number, and its text or its error.
    """
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as fp:  # noqa: PTH123 - a path as the caller gave it
            yield from _texts(fp, cap)
        return
    for number, raw in enumerate(lines(source, cap), 1):
        if raw is None:
            yield number, None, TOO_LARGE.error("", limit=cap)
            continue
        if not isinstance(raw, str | bytes):
            reason = f"line {number} is a {type(raw).__name__}, not text"
            reason_zh = f"第{number}行是 {type(raw).__name__}，不是文本"
            yield number, None, BAD_JSON.error("", reason=reason, reason_zh=reason_zh)
            continue
        chunk = strip_line(raw)
        if chunk.strip():
            yield number, chunk, None


def load(piece: Piece, load_text: LoadLine) -> Line:
    """
    The `Line` of one piece: its record, or why it has none.
    """
    if piece.text is None:
        return Line(piece.line, None, piece.error, index=piece.index)
    findings: list[Violation] = []
    try:
        record = load_text(piece.text, findings)
    except ValidationError as exc:
        return Line(piece.line, None, exc, tuple(findings), index=piece.index)
    return Line(piece.line, record, None, tuple(findings), index=piece.index)


def strip_line(raw: str | bytes) -> str | bytes:
    """
    A line without its break and leading byte-order marks (files joined with ``cat`` carry one).

    The line break is no content: it counts to no limit.
    """
    if isinstance(raw, str):
        return raw.lstrip(BOM).removesuffix("\n").removesuffix("\r")
    while raw.startswith(BOM_BYTES):
        raw = raw[len(BOM_BYTES) :]
    return raw.removesuffix(b"\n").removesuffix(b"\r")


def lines(fp: Iterable[Any], cap: int) -> Iterator[Any]:
    """
    The lines of *fp*, split at ``\\n`` only; None for one longer than *cap*, never read whole.

    A text file that splits lines at ``\\r`` too (Python's universal newlines,
    the default of ``open``) is read with ``\\n`` as its only line break,
    where it can still be told so: a ``\\r`` inside a line, or a file with
    ``\\r`` line breaks, then gives one bad line, not lines shifted or joined.
    """
    # Room for the line break, "\r\n" at most, which is no content.
    size = cap + 2
    if not isinstance(fp, io.IOBase):
        for line in fp:
            yield line if not isinstance(line, str | bytes) or len(line) <= size else None
        return
    if isinstance(fp, io.TextIOWrapper):
        # Once read from, a file keeps its newline mode: lines are what it gives.
        with contextlib.suppress(ValueError, io.UnsupportedOperation):
            fp.reconfigure(newline="\n")
    readline = typing.cast("Callable[[int], Any]", fp.readline)
    while line := readline(size):
        if len(line) < size or line[-1:] in ("\n", b"\n"):
            yield line
            continue
        # Too long: skip to the end of the line, a bounded piece at a time.
        while (rest := readline(size)) and rest[-1:] not in ("\n", b"\n"):
            pass
        yield None


def write(
    records: Iterable[Any],
    fp: IO[str] | IO[bytes],
    dump: Callable[[Any], bytes],
    first: bytes = b"",
) -> int:
    """
    Write *first*, then each record's canonical JSON (from *dump*) on a line of its own.

    Returns how many records were written.
    """
    binary = not isinstance(fp, io.TextIOBase) and "b" in getattr(fp, "mode", "b")
    if first:
        if binary:
            typing.cast("IO[bytes]", fp).write(first)
        else:
            typing.cast("IO[str]", fp).write(first.decode())
    count = 0
    for count, record in enumerate(records, 1):  # noqa: B007 - the count is the result
        data = dump(record) + b"\n"
        if binary:
            typing.cast("IO[bytes]", fp).write(data)
        else:
            typing.cast("IO[str]", fp).write(data.decode())
    return count
