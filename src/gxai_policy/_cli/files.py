"""
Files in and out: the formats by name, how an input's format and encoding are told, atomic writes.

A format is an entry of `FORMATS`: its name, its file suffixes, how to read
it and how to write it.  JSON and JSONL are split into pieces of text that
any process can load (`gxai_policy.wire.split_json` …); a format without a
splitter (tables) gives loaded results in this process.  Adding one is an
entry here.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Final, Literal

from attrs import frozen

import gxai_policy as gp
from gxai_policy import wire

# No __all__: a private module of the command line (gxai_policy.cli).


class UnusableInputError(Exception):
    """
    Input the command cannot work with at all (exit code 2).
    """


class OutputError(Exception):
    """
    Output the command cannot write (exit code 2).
    """


@frozen(kw_only=True)
class Options:
    """
    How records are loaded: the options of `gxai_policy.from_json`.
    """

    mode: wire.Mode = "strict"
    unknown: wire.Unknown = "forbid"
    limits: gp.Limits = gp.DEFAULT_LIMITS


#: Splits an input into pieces of text (loaded anywhere by `wire.load_pieces`).
Split = Callable[[IO[Any], gp.Limits], Iterator[wire.Piece]]
#: Reads and loads an input in this process: one result (``.line`` …) a record.
Read = Callable[[type, "Input", Options], Iterator[wire.Line]]
#: Writes records to a binary file; returns how many.
Write = Callable[[Iterable[Any], IO[bytes]], int]


@frozen(kw_only=True)
class Format:
    """
    One input and output format of the command line.

    Attributes:
        name: Its ``--input-format`` / ``--output-format`` name.

        suffixes: File name endings that mean it.

        split: Splits a stream into loadable pieces, or None.

        read: Reads and loads a stream, or None (then *split* is used).

        write: Writes records, or None if the format cannot be written.

        missing: Why the format is not available, or "" when it is.
    """

    name: str
    suffixes: tuple[str, ...]
    split: Split | None = None
    read: Read | None = None
    write: Write | None = None
    missing: str = ""

    def results(self, cls: type, source: Input, options: Options) -> Iterator[wire.Line]:
        """
        The loaded records (or errors) of *source*, in order.
        """
        if self.read is not None:
            return self.read(cls, source, options)
        if self.split is None:
            raise UnusableInputError(f"{self.name} input is not available: {self.missing}")
        pieces = self.split(source.fp, options.limits)
        return wire.load_pieces(
            cls, pieces, mode=options.mode, unknown=options.unknown, limits=options.limits
        )


def _split_jsonl(fp: IO[Any], limits: gp.Limits) -> Iterator[wire.Piece]:
    return wire.split_jsonl(fp, limits=limits)


def _split_json(fp: IO[Any], limits: gp.Limits) -> Iterator[wire.Piece]:
    return wire.split_json(fp, limits=limits)


def _write_jsonl(records: Iterable[Any], fp: IO[bytes]) -> int:
    return gp.dump_jsonl(records, fp)


def _write_json(records: Iterable[Any], fp: IO[bytes]) -> int:
    """
    A JSON array, one record a line, written as the records come.
    """
    count = 0
    fp.write(b"[")
    for count, record in enumerate(records, 1):
        fp.write(b"\n" if count == 1 else b",\n")
        fp.write(gp.to_json_bytes(record))
    fp.write(b"\n]\n" if count else b"]\n")
    return count


def _read_table(cls: type, source: Input, options: Options) -> Iterator[wire.Line]:
    """
    The rows of a CSV file or a workbook, as results a line a row (the row's own number).
    """
    try:
        rows = gp.iter_table(
            cls, source.binary, mode=options.mode, unknown=options.unknown, limits=options.limits
        )
    except gp.ValidationError as exc:
        raise UnusableInputError(f"{source.label}: {exc.violations[0].message}") from None
    except ImportError as exc:
        hint = "pip install 'gxai-policy[tables]'"
        raise UnusableInputError(f"{source.label}: {exc} ({hint})") from None
    for row in rows:
        yield wire.Line(row.row, row.record, row.error, row.findings)


def _table_writer(file_format: Literal["csv", "xlsx"]) -> Write:
    def write(records: Iterable[Any], fp: IO[bytes]) -> int:
        return gp.dump_table(records, fp, file_format=file_format)

    return write


#: A workbook is a ZIP archive: it starts so.
_ZIP: Final = b"PK\x03\x04"

#: The formats the command line reads and writes, by name.
FORMATS: Final[dict[str, Format]] = {
    "jsonl": Format(
        name="jsonl",
        suffixes=(".jsonl", ".ndjson", ".jsonlines"),
        split=_split_jsonl,
        write=_write_jsonl,
    ),
    "json": Format(name="json", suffixes=(".json",), split=_split_json, write=_write_json),
    "csv": Format(name="csv", suffixes=(".csv",), read=_read_table, write=_table_writer("csv")),
    "xlsx": Format(name="xlsx", suffixes=(".xlsx",), read=_read_table, write=_table_writer("xlsx")),
}


def format_for(name: str | None, path: str, *, sniffed: bytes = b"") -> Format:
    """
    The format asked for by *name*, else told by *path*'s suffix, else by the first bytes.

    Without a name or a known suffix (standard input, ``data.txt``) a text
    whose first character is ``[`` is a JSON array, anything else JSONL.
    """
    if name is not None:
        found = FORMATS[name]
    else:
        suffix = Path(path).suffix.lower() if path != "-" else ""
        by_suffix = [f for f in FORMATS.values() if suffix and suffix in f.suffixes]
        if by_suffix:
            found = by_suffix[0]
        else:
            first = sniffed.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
            told = "xlsx" if sniffed.startswith(_ZIP) else "json" if first == b"[" else "jsonl"
            found = FORMATS[told]
    if found.missing:
        raise UnusableInputError(f"{found.name} is not available: {found.missing}")
    return found


# --- input ------------------------------------------------------------------

#: How much of an input is looked at to tell its format and encoding.
SNIFF: Final = 64 * 1024


@frozen
class Input:
    """
    An opened input: its name as given, its display name, and its stream.

    Attributes:
        name: As given on the command line (``-`` for standard input).

        label: As reports show it (``<stdin>`` for standard input).

        fp: The stream: binary, or text when the input was GBK/GB18030.

        binary: The binary stream under *fp* (for progress: how far it is read).

        size: The size in bytes, when known (a regular file).

        start: The first bytes, for telling the format.
    """

    name: str
    label: str
    fp: IO[Any]
    binary: IO[bytes]
    size: int | None
    start: bytes

    def position(self) -> int | None:
        """
        How many bytes have been read, if the stream can say.
        """
        try:
            return self.binary.tell()
        except (OSError, ValueError):
            return None


@contextlib.contextmanager
def open_input(name: str) -> Iterator[Input]:
    """
    Open *name* (``-``: standard input) for reading, its encoding told from its first bytes.

    Raises:
        UnusableInputError: If it cannot be opened, holds a NUL byte near
            its start (binary data, UTF-16, ``/dev/zero``), or is neither
            UTF-8 nor GBK/GB18030.
    """
    if name == "-":
        binary: IO[bytes] = sys.stdin.buffer
        if not hasattr(binary, "peek"):
            binary = io.BufferedReader(binary)  # type: ignore[type-var]
        label, size, close = "<stdin>", None, False
    else:
        try:
            binary = open(name, "rb", buffering=SNIFF)  # noqa: SIM115, PTH123 - closed below
        except OSError as exc:
            raise UnusableInputError(f"cannot read {name}: {exc.strerror}") from None
        label, close = name, True
        try:
            info = os.fstat(binary.fileno())
            size = info.st_size if stat.S_ISREG(info.st_mode) else None
        except (OSError, ValueError, io.UnsupportedOperation):  # pragma: no cover - a real file
            size = None
    try:
        yield _sniffed(name, label, binary, size)
    finally:
        if close:
            binary.close()


def _sniffed(name: str, label: str, binary: IO[bytes], size: int | None) -> Input:
    try:
        start = binary.peek(SNIFF)[:SNIFF]  # type: ignore[attr-defined]
    except OSError as exc:
        raise UnusableInputError(f"cannot read {label}: {exc.strerror}") from None
    if start.startswith(_ZIP):
        return Input(name, label, binary, binary, size, start)  # a workbook: binary, read whole
    if (nul := start.find(b"\0")) >= 0:
        raise UnusableInputError(
            f"{label} is not text: a NUL byte at offset {nul} (binary data, or UTF-16/32)"
        )
    fp: IO[Any] = binary
    try:
        # Not final: the peek may end inside a character.
        codecs.getincrementaldecoder("utf-8")().decode(start, final=False)
    except UnicodeDecodeError:
        try:
            codecs.getincrementaldecoder("gb18030")().decode(start, final=False)
        except UnicodeDecodeError:
            raise UnusableInputError(f"{label} is neither UTF-8 nor GBK/GB18030 text") from None
        fp = io.TextIOWrapper(binary, encoding="gb18030", newline="")
    return Input(name, label, fp, binary, size, start)


# --- output -----------------------------------------------------------------


class AtomicOutput:
    """
    A file written whole or not at all: a temporary file beside it, renamed over it when done.

    Standard output (``-``) and what is not a regular file (``/dev/full``, a
    pipe) are written in place.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.temp: Path | None = None
        self.fp: IO[bytes]
        if name == "-":
            self.fp = sys.stdout.buffer
            self.close = False
            return
        path = Path(name)
        try:
            info = path.stat()
        except FileNotFoundError:
            info = None
        except OSError as exc:
            raise OutputError(f"cannot write {name}: {exc.strerror}") from None
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise OutputError(f"cannot write {name}: it is a directory")
        self.close = True
        try:
            if info is not None and not stat.S_ISREG(info.st_mode):
                self.fp = path.open("wb")
                return
            handle, temp = tempfile.mkstemp(
                dir=path.parent, prefix=f".{path.name}.", suffix=".part"
            )
        except OSError as exc:
            raise OutputError(f"cannot write {name}: {exc.strerror}") from None
        self.temp = Path(temp)
        # mkstemp makes it private (0600): give it the mode a new file would have, or the old one's.
        if info is not None:
            mode = stat.S_IMODE(info.st_mode)
        else:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.fchmod(handle, mode)
        self.fp = os.fdopen(handle, "wb")

    def write(self, data: bytes) -> int:
        try:
            return self.fp.write(data)
        except OSError as exc:
            raise OutputError(f"cannot write {self.name}: {exc.strerror}") from None

    def commit(self) -> None:
        """
        Finish: the file now holds everything written.
        """
        try:
            self.fp.flush()
            if self.close:
                self.fp.close()
            if self.temp is not None:
                self.temp.replace(self.name)
                self.temp = None
        except OSError as exc:
            self.discard()
            raise OutputError(f"cannot write {self.name}: {exc.strerror}") from None

    def discard(self) -> None:
        """
        Give up: the file is as it was before.
        """
        if self.close:
            with contextlib.suppress(OSError):
                self.fp.close()
        if self.temp is not None:
            self.temp.unlink(missing_ok=True)
            self.temp = None


class _Writer(io.RawIOBase):
    """
    A binary stream over an `AtomicOutput` (what format writers take); silent once given up.
    """

    def __init__(self, out: AtomicOutput) -> None:
        self.out = out
        self.failed = False

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        if self.failed:
            return len(data)
        try:
            return self.out.write(bytes(data))
        except OutputError:
            self.failed = True
            raise


@contextlib.contextmanager
def open_output(name: str) -> Iterator[IO[bytes]]:
    """
    *name* opened for writing whole or not at all: committed if the block ends normally.

    Raises:
        OutputError: If it cannot be written (a directory, a missing folder,
            a full disk, ``/dev/full``).
    """
    out = AtomicOutput(name)
    raw = _Writer(out)
    fp = io.BufferedWriter(raw, buffer_size=SNIFF)
    try:
        yield fp
        fp.flush()
    except BaseException:
        raw.failed = True
        out.discard()
        raise
    out.commit()
