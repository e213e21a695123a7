"""
The JSON edge: dicts, JSON and JSONL in and out, strict by default.

This package is the only one that imports cattrs, msgspec and orjson (a ruff
rule keeps it so); the records know nothing of the wire.  One shape tree a
type (`gxai_policy.wire._shape`) says what its wire form is, and every job
here is a walker over it: the strict loader and writer (`_strict`), lax mode
(`_lax`), the fast path (`_fast`), the limits (`_limits`), the JSON Schema
(`_schema`), JSONL (`_jsonl`) and JSON read item by item (`_stream`).
Leaves meet the walkers through one value protocol, their codecs
(`_values`).

Other JSON libraries meet our objects through `default` (``default=`` of
``json.dumps`` and ``orjson.dumps``) and `msgspec_raw` (`_hooks`).

Spreadsheets (CSV and XLSX) are read and written by `iter_table` and
`dump_table` (`_table`): a record's wire form laid flat, a row a record.

Loading reports every problem of a payload at once, as one `ValidationError`
with a JSON Pointer for each: a field that does not load does not stop the
others, and the record's own rules run over the fields that did (a rule
that reads a field that did not load is skipped).

JSON text loaded strictly with unknown keys forbidden (the defaults) first
takes the fast path (msgspec into typed mirrors, then the records through
the same codecs); whatever it cannot vouch for goes the detailed way, which
gives the same result or the same errors.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import typing
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, Final, Literal, TypeVar, overload

import msgspec
import orjson

from gxai_policy._invariants import trust_types, untrust_types
from gxai_policy.errors import ParseError, ValidationError, Violation
from gxai_policy.records.dataset import SCHEMA_VERSION, Dataset
from gxai_policy.wire import _fast, _jsonl, _stream, _strict, _table, _upgrade
from gxai_policy.wire._hooks import default, msgspec_raw
from gxai_policy.wire._jsonl import BOM, BOM_BYTES, Line, Piece
from gxai_policy.wire._lax import Prepass
from gxai_policy.wire._limits import (
    DEFAULT_LIMITS,
    TOO_LARGE,
    Limits,
    check_limits,
    json_error,
    size_over,
)
from gxai_policy.wire._rules import BAD_JSON
from gxai_policy.wire._schema import DIALECT, json_schema
from gxai_policy.wire._shape import Record, shape_of
from gxai_policy.wire._table import SEPARATOR, Row
from gxai_policy.wire._upgrade import MIGRATIONS, Migration, upgrade

__all__ = [
    "DEFAULT_LIMITS",
    "DIALECT",
    "MIGRATIONS",
    "SEPARATOR",
    "Limits",
    "Line",
    "Migration",
    "Mode",
    "Piece",
    "Row",
    "Unknown",
    "default",
    "dump_jsonl",
    "dump_table",
    "from_dict",
    "from_json",
    "iter_json",
    "iter_jsonl",
    "iter_table",
    "json_schema",
    "load_pieces",
    "msgspec_raw",
    "split_json",
    "split_jsonl",
    "to_dict",
    "to_json",
    "to_json_bytes",
    "upgrade",
]

T = TypeVar("T")

#: ``"strict"`` (the default) takes the wire format only; ``"lax"`` also takes
#: what forms and spreadsheets write, and reports each coercion as a warning.
Mode = Literal["strict", "lax"]

#: What to do with keys a record does not know: refuse them (``"forbid"``, the
#: default), drop them (``"ignore"``), or keep them on the record's ``extras``
#: and report each as ``info`` (``"report"``).
Unknown = Literal["forbid", "ignore", "report"]


@overload
def from_dict(
    cls: type[T],
    data: Any,
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    findings: list[Violation] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> T: ...
@overload
def from_dict(
    cls: Any,
    data: Any,
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    findings: list[Violation] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Any: ...
def from_dict(  # noqa: PLR0913 - the options are keyword-only, each documented
    cls: Any,
    data: Any,
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    findings: list[Violation] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Any:
    """
    Load a record (or a value type, or a ``list``/``tuple`` of them) from plain data.

    Args:
        cls: The type to load: ``gp.Enterprise``, ``list[gp.Enterprise]`` …

        data: Plain data as JSON decoding gives it (dicts with string keys,
            lists, strings …).

        mode: ``"strict"`` takes the wire format only; ``"lax"`` also takes
            what forms and spreadsheets write, each rewrite reported as a
            ``load.coerced`` warning in *findings*.

        unknown: ``"forbid"`` refuses unknown keys, ``"ignore"`` drops them,
            ``"report"`` keeps them on the record's ``extras`` (at any
            depth) and reports each as ``load.unknown_key_kept`` info in
            *findings*.  Kept values must be JSON values; they are copied
            and frozen.

        findings: A list that receives the warnings and info of the load
            (coercions, kept keys).  Errors are raised, never put here.

        limits: How deep, long, large and many *data* and its problems may
            be (`Limits`; the defaults are `DEFAULT_LIMITS`).  Data beyond
            them is refused with one ``load.too_*`` violation, at the first
            place found, before any other check.

    Raises:
        ValidationError: Every problem of *data* at once (up to
            ``limits.max_errors``), each with a JSON Pointer into *data*.

        TypeError: If *cls* has no wire form (the arguments swapped, say).

        ValueError: For an unknown *mode* or *unknown* (a bug of the call).

    >>> import gxai_policy as gp
    >>> gp.from_dict(gp.RegionCode, "450100").name
    '南宁市'
    >>> gp.from_dict(gp.RegionCode, 450100)
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error load.wrong_type at /: expected string, got integer ...
    >>> gp.from_dict(list[gp.RegionCode], [[["450100"]]], limits=Limits(max_depth=2))
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error load.too_deep at /0/0: nested deeper than 2 levels
    """
    _check_call("from_dict", cls, mode, unknown)
    check_limits(data, limits)
    return _load(cls, data, mode, unknown, findings, limits)


def _check_call(function: str, cls: Any, mode: Any, unknown: Any) -> None:
    """
    Refuse a call that is a bug of the caller, with a message that says what to give.
    """
    if mode not in ("strict", "lax"):
        raise ValueError(f"mode must be 'strict' or 'lax', not {mode!r}")
    if unknown not in ("forbid", "ignore", "report"):
        raise ValueError(f"unknown must be 'forbid', 'ignore' or 'report', not {unknown!r}")
    try:
        shape_of(cls)
    except TypeError as exc:
        raise TypeError(f"{function}(cls, ...): {exc}") from None


def _load(  # noqa: PLR0913, PLR0917 - from_dict's options, passed on
    cls: Any,
    data: Any,
    mode: Mode,
    unknown: Unknown,
    findings: list[Violation] | None,
    limits: Limits,
) -> Any:
    """
    Structure *data*, which keeps to its limits, as *cls*.

    A bundle of an older schema version is upgraded first, and says so in *findings*.
    """
    version = _upgrade.old_bundle(cls, data)
    if version is not None:
        data = _upgrade.upgraded(cls, data, version, findings, limits)
    if mode == "lax" or unknown == "report":
        found: list[Violation] = []
        lax, report = mode == "lax", unknown == "report"
        prepass = Prepass(lax=lax, report=report, limits=limits, findings=found)
        data = prepass.walk(shape_of(cls), data, "")
        if findings is not None:
            findings.extend(found)
    token = trust_types()
    try:
        return _strict.load(cls, data, unknown, limits)
    finally:
        untrust_types(token)


def to_dict(obj: Any) -> Any:
    """
    The plain-data (wire) form of a record, a value, or a list or tuple of them.

    A `ValidationError` or `ParseError` is written as its ``to_dict()``: the
    body a web handler sends back.

    >>> import gxai_policy as gp
    >>> gp.to_dict(gp.Money.parse("3.4亿元"))
    '340000000'
    """
    if isinstance(obj, ValidationError | ParseError):
        return obj.to_dict()
    kind = _dump_type(obj)
    return _strict.dump(obj) if kind is None else _fast.dumper(kind)(obj)


def _dump_type(obj: Any) -> Any:
    """
    The type to write *obj* as: its record class, or a list of one (the usual list).
    """
    kind: Any = type(obj)
    if kind is list and obj:
        kind = type(obj[0])
        # The set of types is built in C: a quarter of the time of a generator.
        return list[kind] if _is_record(kind) and set(map(type, obj)) == {kind} else None
    return kind if _is_record(kind) else None


def _is_record(t: type) -> bool:
    try:
        return isinstance(shape_of(t), Record)
    except TypeError:
        return False


def to_json(obj: Any) -> str:
    """
    Canonical JSON text: equal objects give equal text.

    >>> import gxai_policy as gp
    >>> gp.to_json([gp.RegionCode("450100")])
    '["450100"]'
    """
    return to_json_bytes(obj).decode()


def to_json_bytes(obj: Any) -> bytes:
    """
    `to_json` as UTF-8 bytes, as files and sockets take it, without decoding to a `str`.

    >>> import gxai_policy as gp
    >>> gp.to_json_bytes([gp.RegionCode("450100")])
    b'["450100"]'
    >>> gp.to_json_bytes(object())
    Traceback (most recent call last):
      ...
    TypeError: <class 'object'> has no wire form: ...
    """
    kind = _dump_type(obj)
    if kind is None:
        return orjson.dumps(to_dict(obj))
    dump = _fast.dumper(kind, for_orjson=True)
    return _json_array(obj, dump) if typing.get_origin(kind) is list else orjson.dumps(dump(obj))


#: About how much text `_json_array` has orjson write at a time.
_CHUNK_BYTES: Final = 16 * 1024


def _json_array(records: list[Any], dump: Callable[[list[Any]], Any]) -> bytes:
    """
    The JSON array of *records*, written a few records at a time by *dump* and orjson.

    The plain data of the records being written lives only while orjson
    writes it, so memory and the garbage collector's work do not grow with
    the list as they do when the whole list is made plain data first (a full
    collection walks every record the program holds).  Chunks of about
    16 KB of text: one record of a letter's size, a hundred enterprises,
    so that small records do not pay a call of orjson each.  In a process
    holding both benchmark payloads (medians of seven, five to eight
    rounds): 1,000 replies 75–83 → 42–47 µs each, 10,000 enterprises
    5.4–6.8 → 3.2 µs (one record a chunk: 4.4).
    """
    out = bytearray(b"[")
    start, size = 0, 1
    while start < len(records):
        text = orjson.dumps(dump(records[start : start + size]))
        out += memoryview(text)[1:-1]
        out += b","
        start += size
        size = max(1, _CHUNK_BYTES * size // len(text))
    out[-1:] = b"]"
    return bytes(out)


def _without_bom(text: str | bytes) -> str | bytes:
    # RFC 8259 §8.1: a parser may ignore a byte-order mark; orjson refuses it.
    return text.removeprefix(BOM) if isinstance(text, str) else text.removeprefix(BOM_BYTES)


def _decode(text: Any, limits: Limits) -> Any:
    """
    The plain data of JSON *text*, within *limits*.
    """
    if isinstance(text, memoryview | bytearray | msgspec.Raw):
        text = bytes(text)
    elif type(text) is not str and type(text) is not bytes:
        if not isinstance(text, str | bytes):
            kind = type(text).__name__
            raise BAD_JSON.error(
                "", reason=f"{kind} is not JSON text", reason_zh=f"{kind} 不是 JSON 文本"
            )
        # A subclass's own methods are not ours to call.
        text = str.__str__(text) if isinstance(text, str) else bytes.__bytes__(text)
    if size_over(text, limits.max_bytes):
        raise TOO_LARGE.error("", limit=limits.max_bytes)
    text = _without_bom(text)
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise json_error(str(exc), text, limits) from None
    if _WIDE.search(text) if isinstance(text, str) else _WIDE_BYTES.search(text):
        # orjson reads an integer wider than 64 bits as a float, which would
        # turn 2**64 + 1 kept in extras into 2**64 silently; msgspec reads it
        # exactly, and the limits then hold its digits.
        data = msgspec.json.decode(text)
    check_limits(data, limits, text)
    return data


# Twenty digits in a row: maybe an integer wider than 64 bits (or digits in a string).
_WIDE: Final = re.compile(r"\d{20}")
_WIDE_BYTES: Final = re.compile(rb"\d{20}")


@overload
def from_json(
    cls: type[T],
    text: str | bytes | bytearray | memoryview | msgspec.Raw,
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    findings: list[Violation] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> T: ...
@overload
def from_json(
    cls: Any,
    text: str | bytes | bytearray | memoryview | msgspec.Raw,
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    findings: list[Violation] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Any: ...
def from_json(  # noqa: PLR0913 - the options are keyword-only, each documented
    cls: Any,
    text: str | bytes | bytearray | memoryview | msgspec.Raw,
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    findings: list[Violation] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Any:
    """
    Load from JSON text or UTF-8 bytes; the options are `from_dict`'s.

    *text* may also be a ``msgspec.Raw``: a field of a msgspec document
    left unread, the way to load records inside one (`msgspec_raw`).

    A leading byte-order mark is ignored (RFC 8259 §8.1).  Duplicate keys in
    an object: the last one wins, as in most JSON parsers.  Text longer than
    ``limits.max_bytes`` is refused unread (``load.too_large``); the other
    limits apply to the data it holds, as in `from_dict`.

    Raises:
        ValidationError: ``load.bad_json`` for text that is not JSON (or not
            UTF-8, or not text at all), ``load.bad_text`` for a lone
            surrogate, a ``load.too_*`` code for text beyond *limits*, else
            as `from_dict`.

        TypeError: If *cls* has no wire form.

    >>> import gxai_policy as gp
    >>> gp.from_json(gp.RegionCode, '"451000"').name
    '百色市'
    >>> gp.from_json(gp.RegionCode, '"451000')
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error load.bad_json at /: not JSON: ...
    >>> gp.from_json(gp.RegionCode, '"451000"', limits=Limits(max_bytes=4))
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error load.too_large at /: JSON text of more than 4 bytes
    """
    _check_call("from_json", cls, mode, unknown)
    load = _text_loader(cls, mode, unknown, limits)
    return load(text, findings)


def _text_loader(
    cls: Any, mode: Mode, unknown: Unknown, limits: Limits, version: int = SCHEMA_VERSION
) -> Callable[[Any, list[Violation] | None], Any]:
    """
    A loader of JSON text as *cls*: by the fast plan where it vouches for the text, else in detail.

    The fast plan serves strict loads that forbid unknown keys: lax mode
    rewrites values first, and "ignore" or "report" would have msgspec skip
    keys the limits must still see.  It is not used for text the limits rule
    out for it (`_fast.longest`), nor for text of an older schema *version*
    (a JSONL file's header says so), which is upgraded first.
    """
    if version < SCHEMA_VERSION:

        def old(text: Any, findings: list[Violation] | None) -> Any:
            data = _decode(text, limits)
            if _upgrade.old_bundle(cls, data) is None:
                data = _upgrade.upgraded(cls, data, version, findings, limits)
            return _load(cls, data, mode, unknown, findings, limits)

        return old
    plan = _fast.plan(cls, limits) if mode == "strict" and unknown == "forbid" else None
    cap = _fast.longest(limits)
    # A bundle of an older version loads as one, and is upgraded by the detailed way.
    versioned = cls is Dataset

    def load(text: Any, findings: list[Violation] | None) -> Any:
        if type(text) is msgspec.Raw:
            text = bytes(text)
        if plan is not None and (type(text) is str or type(text) is bytes) and len(text) <= cap:
            token = trust_types()
            try:
                loaded = plan.load(_without_bom(text))
                if not versioned or loaded.schema_version == SCHEMA_VERSION:
                    return loaded
            except Exception:  # noqa: BLE001, S110 - whatever it is, the detailed path will say
                pass
            finally:
                untrust_types(token)
        return _load(cls, _decode(text, limits), mode, unknown, findings, limits)

    return load


def dump_jsonl(records: Iterable[Any], fp: IO[str] | IO[bytes], *, header: bool = True) -> int:
    """
    Write one canonical JSON document a line; return how many records were written.

    The first line is a header that says the schema version,
    ``{"$schema_version": 2}``, unless *header* is false (for a consumer
    that takes records only); `iter_jsonl` reads it.  *fp* may be opened in
    text or binary mode.

    >>> import io, gxai_policy as gp
    >>> out = io.StringIO()
    >>> gp.dump_jsonl([gp.RegionCode("450100")], out)
    1
    >>> out.getvalue().splitlines()
    ['{"$schema_version":2}', '"450100"']
    """
    first = _jsonl.header_line(SCHEMA_VERSION) if header else b""
    return _jsonl.write(records, fp, to_json_bytes, first)


def iter_jsonl(
    cls: Any,
    fp: Any,
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[Line]:
    """
    Load a JSONL stream lazily, one `Line` a non-blank line; a bad line never stops it.

    *fp* is an open file (text or binary), any iterable of lines (``str`` or
    ``bytes``), or a path.  A first line ``{"$schema_version": N}`` (the
    header `dump_jsonl` writes) gives no `Line`: the lines of an older
    version are upgraded as they load (``load.upgraded`` info in their
    findings); a version newer than this library gives one bad `Line`
    (``dataset.schema_version_newer``) and nothing more is read.  Without a
    header, lines are read as the current version.  Nothing is lost: every non-blank line gives a
    `Line`, the record or the error, with its 1-based line number; lines are
    split at ``\\n`` alone (``\\r\\n`` ends a line too), and an item of the
    iterable that is not text is a bad line.  A byte-order mark at the start
    of a line is skipped (files joined with ``cat`` carry one in the middle).
    Each line is held to *limits* as `from_json` holds a text; from a file
    (an ``io.IOBase``) a line longer than ``limits.max_bytes`` is never read
    whole, so memory stays flat however long the stream or its lines.

    Raises:
        TypeError: If *cls* has no wire form, or *fp* is not lines (a
            ``str`` of JSON text, say: pass ``io.StringIO(text)``).

    >>> import io, gxai_policy as gp
    >>> lines = gp.iter_jsonl(gp.RegionCode, io.StringIO('"450100"\\n"4501"\\n'))
    >>> [(r.line, r.ok) for r in lines]
    [(1, True), (2, False)]
    """
    _check_call("iter_jsonl", cls, mode, unknown)
    _check_source("iter_jsonl", fp)
    load = _text_loader(cls, mode, unknown, limits)

    def older(version: int) -> Callable[[Any, list[Violation] | None], Any]:
        return _text_loader(cls, mode, unknown, limits, version)

    return _jsonl.results(fp, limits.max_bytes, load, older)


def _check_source(function: str, fp: Any) -> None:
    if isinstance(fp, bytes | bytearray) or not isinstance(fp, Iterable | str | os.PathLike):
        raise TypeError(
            f"{function}(cls, fp): fp is an open file, an iterable of lines (str or bytes)"
            f" or a path, not {type(fp).__name__}"
        )


def iter_json(
    cls: Any,
    fp: Any,
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[Line]:
    """
    Load a JSON document lazily: one `Line` an item of a top-level array, or one for its value.

    The array is read a piece at a time and never held whole, so memory
    stays flat however many items it has; each item is loaded as
    `from_json` loads a text, held to *limits* (``max_bytes`` applies to
    one item, as it does to a line of JSONL), and a bad item never stops
    the others.  Each result's ``line`` is the line on which its item
    begins and its ``index`` the item's position in the array (None for a
    document that is not an array); the paths of its violations are within
    the item.

    Args:
        cls: The type of each item (of the value, if it is not an array).

        fp: An open file (binary, or text) or a path.

        mode, unknown, limits: As for `from_dict`.

    Raises:
        ValidationError: ``load.bad_json`` (with the line) when the document
            itself is broken: empty, an array left open, an item missing
            between two commas, text after it.  Every item before the break
            has been given.

        TypeError: If *cls* has no wire form, or *fp* is not a file or path.

    >>> import io, gxai_policy as gp
    >>> items = gp.iter_json(gp.RegionCode, io.BytesIO(b'["450100",\\n "4501"]'))
    >>> [(r.line, r.index, r.ok) for r in items]
    [(1, 0, True), (2, 1, False)]
    """
    _check_call("iter_json", cls, mode, unknown)
    if not isinstance(fp, str | os.PathLike) and not callable(getattr(fp, "read", None)):
        kind = type(fp).__name__
        raise TypeError(f"iter_json(cls, fp): fp is an open file or a path, not {kind}")
    return _stream.results(fp, limits.max_bytes, _text_loader(cls, mode, unknown, limits))


def split_json(fp: Any, *, limits: Limits = DEFAULT_LIMITS) -> Iterator[Piece]:
    """
    The items of a JSON document as unloaded `Piece` s, for `load_pieces` here or elsewhere.

    `iter_json` is ``load_pieces(cls, split_json(fp))``.  *fp* is an open
    file (binary or text); the errors are `iter_json`'s.
    """
    return _stream.split(fp, limits.max_bytes)


def split_jsonl(fp: Any, *, limits: Limits = DEFAULT_LIMITS) -> Iterator[Piece]:
    """
    The non-blank lines of a JSONL stream as unloaded `Piece` s, for `load_pieces`.

    `iter_jsonl` is ``load_pieces(cls, split_jsonl(fp))``; *fp* is what it takes.
    """
    _check_source("split_jsonl", fp)
    return _jsonl.pieces(fp, limits.max_bytes)


def load_pieces(
    cls: Any,
    pieces: Iterable[Piece],
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[Line]:
    """
    Load each `Piece` (from `split_json` or `split_jsonl`) as *cls*: one `Line` each, in order.

    Pieces pickle, so one process can split a stream and others load it:

    >>> import io, gxai_policy as gp, gxai_policy.wire as w
    >>> pieces = list(w.split_jsonl(io.BytesIO(b'"450100"\\n\\n"4501"\\n')))
    >>> [(p.line, p.text) for p in pieces]
    [(1, b'"450100"'), (3, b'"4501"')]
    >>> [(r.line, r.ok) for r in w.load_pieces(gp.RegionCode, pieces)]
    [(1, True), (3, False)]
    """
    _check_call("load_pieces", cls, mode, unknown)
    loaders: dict[int | None, Callable[[Any, list[Violation] | None], Any]] = {
        None: _text_loader(cls, mode, unknown, limits)
    }

    def loader(version: int | None) -> Callable[[Any, list[Violation] | None], Any]:
        found = loaders.get(version)
        if found is None:
            found = loaders[version] = _text_loader(cls, mode, unknown, limits, version or 0)
        return found

    return (_jsonl.load(piece, loader(piece.version)) for piece in pieces)


def iter_table(  # noqa: PLR0913 - the options are keyword-only, each documented
    cls: Any,
    source: Any,
    *,
    sheet: str | None = None,
    mode: Mode = "lax",
    unknown: Unknown = "report",
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[Row]:
    """
    Load the rows of a spreadsheet lazily, one `Row` a non-blank row; a bad row never stops it.

    *source* is a path (``.csv``, ``.xlsx``), a file opened in binary mode
    (an XLSX workbook is told by its content), or a text file (CSV).  CSV
    files may be UTF-8, UTF-8 with a byte-order mark (as Excel writes them)
    or GB18030 (GBK), told from their first 64 KB.  Reading ``.xlsx`` needs
    the extra ``gxai-policy[tables]`` (openpyxl, in read-only mode: memory
    stays flat however long the sheet).

    The header row is the first, among the top 20, that names a field: by
    its name or its Chinese label (``uscc`` or ``统一社会信用代码``); dotted
    for a nested record's fields (``certificate.number``, ``高企证书.证书编号``,
    or the label alone where it names one field, ``证书编号``), numbered for
    the items of a sequence of records (``proposers.1.name``).  Title rows
    above it are skipped; a second header row under merged group cells
    (``高企证书`` over ``证书编号`` and ``发证日期``) is read with it.  A sequence
    of values is one cell, items separated by ``;`` (a ``\\;`` inside an
    item); in lax mode a cell of codes may also use ``、`` or ``，``.

    Each data row is loaded as `from_dict` loads a payload: a blank cell is a
    missing key, and every violation and finding names its cell
    (`Violation.cell`: ``"C7"``, ``"'企业'!C7"`` in a workbook, ``"7:7"`` for
    the whole row).  Cells hold what the table form writes in both modes
    (an integer's digits, ``true``/``false``, a date cell for a date); lax
    mode, the default here, also takes what spreadsheets make of values:
    ``450100.0`` for a code, Excel date serials, ``2021/10/09``, ``是``/``√``,
    ``5万元``, each a ``load.coerced`` warning.  A formula reads as the value
    the spreadsheet last computed (none, a blank, if no spreadsheet program
    ever saved it).

    Args:
        cls: The record class of the rows (``gp.Enterprise`` …).

        source: The file, as above.

        sheet: The worksheet of a workbook to read; the first by default.

        mode: ``"lax"`` (the default here) or ``"strict"``, as `from_dict`.

        unknown: Columns that name no field: ``"report"`` keeps each on
            the record's ``extras`` (``load.unknown_key_kept``, info),
            ``"ignore"`` drops them, ``"forbid"`` refuses the table.

        limits: Each row is held to them as a payload of `from_dict`
            (a cell's text to ``max_string``, a CSV row to ``max_bytes``),
            and to ``max_columns`` cells.

    Raises:
        ValidationError: At the call, for a table that cannot be read at
            all: ``load.bad_table``, ``load.no_header``,
            ``load.duplicate_column``, ``load.unknown_column``.

        TypeError: If *cls* is not a record class, or *source* is not a
            path or a file.

        ValueError: For a path that is neither ``.csv`` nor ``.xlsx``.

    >>> import io, gxai_policy as gp
    >>> csv = "企业名称,统一社会信用代码,所在城市\\n广西智联,91450100MA5KB1XW1C,450100.0\\n"
    >>> [row] = gp.iter_table(gp.Enterprise, io.StringIO(csv))
    >>> row.row, row.record.city.name, [(v.code, v.cell) for v in row.findings]
    (2, '南宁市', [('load.coerced', 'C2')])
    """
    _check_call("iter_table", cls, mode, unknown)
    record = _table.shape_record(cls, "iter_table")
    stack = contextlib.ExitStack()
    try:
        opened = _table.open_sheet(source, sheet, limits, stack)
        layout = _table.layout(record, opened, unknown, limits)
    except BaseException:
        stack.close()
        raise
    keep: Unknown = "report" if unknown == "report" else "forbid"

    def load(data: Any, findings: list[Violation]) -> Any:
        return _load(cls, data, mode, keep, findings, limits)

    return _closing(stack, _table.rows(opened, layout, load, mode == "lax", limits))


def _closing(stack: contextlib.ExitStack, results: Iterator[Row]) -> Iterator[Row]:
    with stack:
        yield from results


def dump_table(  # noqa: PLR0913 - the options are keyword-only, each documented
    records: Iterable[Any],
    target: Any,
    *,
    columns: Iterable[str] | None = None,
    labels: Literal["en", "zh"] = "en",
    file_format: Literal["csv", "xlsx"] | None = None,
    cls: Any = None,
) -> int:
    """
    Write records as a spreadsheet, a row each, that `iter_table` reads back equal; say how many.

    The columns are the table form `iter_table` describes: a record's
    fields, dotted for nested records, numbered for the items of sequences
    of records (as many as the records need), and a sequence of values in
    one cell joined by ``;`` (`SEPARATOR`; a ``;`` or ``\\`` in an item is
    escaped with a backslash).  Dates are date cells in XLSX; money is text
    (exact yuan, never a float).  Keys kept in a record's ``extras`` become
    columns of their own (top level only).

    Args:
        records: Records of one class.

        target: A path (``.csv``, ``.xlsx``: its suffix tells which), or a
            file opened in binary mode (say which with *file_format*), or a
            text file (CSV).

        columns: The columns to write, in order, by header (name or label);
            the others are left out.  By default, every column.

        labels: The header row: field names (``"en"``, ``certificate.number``)
            or Chinese labels (``"zh"``, ``证书编号``).

        file_format: ``"csv"`` or ``"xlsx"``, for a binary file.

        cls: The record class, for a header row when *records* is empty.

    Raises:
        TypeError: If the records are not all of one record class.

        ValueError: For a header in *columns* that names no column, or a
            cell XLSX cannot hold (a control character; over 32,767
            characters).

    CSV is written in UTF-8 with a byte-order mark, which Excel needs to
    read it as UTF-8.

    >>> import io, gxai_policy as gp
    >>> e = gp.Enterprise(name="广西智联", uscc=gp.USCC("91450100MA5KB1XW1C"))
    >>> out = io.StringIO()
    >>> gp.dump_table([e], out, columns=["name", "uscc"], labels="zh")
    1
    >>> out.getvalue().splitlines()
    ['企业名称,统一社会信用代码', '广西智联,91450100MA5KB1XW1C']
    """
    items = list(records)
    kinds = {type(x) for x in items} | ({cls} if cls is not None else set())
    if len(kinds) != 1:
        raise TypeError(
            "dump_table(records, target): records of one record class"
            + (", or cls= for none" if not kinds else f", not {sorted(k.__name__ for k in kinds)}")
        )
    (kind,) = kinds
    record = _table.shape_record(kind, "dump_table")
    datas = [to_dict(x) for x in items]
    if columns is None:
        paths = _table.columns_for(record, datas)
        extras = sorted({k for d in datas for k in d if k not in record.keys})
    else:
        paths, extras = [], []
        for text in columns:
            found = _table.resolve(record, text)
            if found is None:
                raise ValueError(f"dump_table: column {text!r} names no field of {kind.__name__}")
            paths.append(found.path)
    chosen = [_table.resolve(record, _table.header(record, p, "en")) for p in paths]
    cols = [c for c in chosen if c is not None]
    headers = [_table.header(record, c.path, labels) for c in cols] + extras
    xlsx = _xlsx_target(target, file_format)
    table = (
        _table.table_cells(record, d, cols, xlsx) + [_extra(d.get(k), xlsx) for k in extras]
        for d in datas
    )
    if xlsx:
        _write_xlsx(target, headers, table, kind.__name__)
    else:
        _write_csv(target, headers, table)
    return len(items)


def _extra(value: Any, xlsx: bool) -> Any:
    if value is None or type(value) in (str, int, float, bool):
        return value if xlsx or value is None else str(value)
    return orjson.dumps(value).decode()


def _xlsx_target(target: Any, file_format: str | None) -> bool:
    if file_format is not None:
        if file_format not in ("csv", "xlsx"):
            raise ValueError(f"file_format must be 'csv' or 'xlsx', not {file_format!r}")
        return file_format == "xlsx"
    if isinstance(target, str | os.PathLike):
        suffix = os.fspath(target).rsplit(".", 1)[-1].lower()
        if suffix not in ("csv", "xlsx"):
            raise ValueError(f"dump_table: {os.fspath(target)!r} is neither .csv nor .xlsx")
        return suffix == "xlsx"
    if isinstance(target, io.TextIOBase):
        return False
    raise ValueError("dump_table: say file_format='csv' or 'xlsx' for a binary file")


def _write_csv(target: Any, headers: list[str], table: Iterable[list[Any]]) -> None:
    import csv

    def write(fp: IO[str]) -> None:
        out = csv.writer(fp, lineterminator="\r\n")
        out.writerow(headers)
        for cells in table:
            out.writerow(["" if c is None else c for c in cells])

    if isinstance(target, str | os.PathLike):
        with open(target, "w", encoding="utf-8-sig", newline="") as fp:  # noqa: PTH123
            write(fp)
    elif isinstance(target, io.TextIOBase):
        write(typing.cast("IO[str]", target))
    else:
        text = io.TextIOWrapper(target, encoding="utf-8-sig", newline="")
        write(text)
        text.flush()
        text.detach()


def _write_xlsx(target: Any, headers: list[str], table: Iterable[list[Any]], title: str) -> None:
    try:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
    except ImportError:  # pragma: no cover - the tests install the extra
        raise ImportError(
            "writing .xlsx needs openpyxl: pip install 'gxai-policy[tables]'"
        ) from None
    # Every cell is checked before the first is written: openpyxl's write-only
    # sheet cannot be left half-written.
    rows: list[list[Any]] = []
    for number, cells in enumerate(table, 2):
        for index, value in enumerate(cells):
            _table.check_cell(value, number, index, xlsx=True)
        rows.append(cells)
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.append(headers)
    for cells in rows:
        row: list[Any] = []
        for value in cells:
            if type(value) is str and value.startswith("="):
                # Text, not a formula: openpyxl reads a leading "=" as one.
                cell = WriteOnlyCell(sheet, value)
                cell.data_type = "s"
                row.append(cell)
            else:
                row.append(value)
        sheet.append(row)
    book.save(target)
