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

import os
import re
import typing
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any, Final, Literal, TypeVar, overload

import msgspec
import orjson

from gxai_policy._invariants import TypesChecked
from gxai_policy.errors import ParseError, ValidationError, Violation
from gxai_policy.wire import _fast, _jsonl, _stream, _strict
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

__all__ = [
    "DEFAULT_LIMITS",
    "DIALECT",
    "Limits",
    "Line",
    "Mode",
    "Piece",
    "Unknown",
    "dump_jsonl",
    "from_dict",
    "from_json",
    "iter_json",
    "iter_jsonl",
    "json_schema",
    "load_pieces",
    "split_json",
    "split_jsonl",
    "to_dict",
    "to_json",
    "to_json_bytes",
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
    """
    if mode == "lax" or unknown == "report":
        found: list[Violation] = []
        lax, report = mode == "lax", unknown == "report"
        prepass = Prepass(lax=lax, report=report, limits=limits, findings=found)
        data = prepass.walk(shape_of(cls), data, "")
        if findings is not None:
            findings.extend(found)
    with TypesChecked():
        return _strict.load(cls, data, unknown, limits)


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
    if isinstance(text, memoryview | bytearray):
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
    text: str | bytes | bytearray | memoryview,
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    findings: list[Violation] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> T: ...
@overload
def from_json(
    cls: Any,
    text: str | bytes | bytearray | memoryview,
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    findings: list[Violation] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Any: ...
def from_json(  # noqa: PLR0913 - the options are keyword-only, each documented
    cls: Any,
    text: str | bytes | bytearray | memoryview,
    *,
    mode: Mode = "strict",
    unknown: Unknown = "forbid",
    findings: list[Violation] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Any:
    """
    Load from JSON text or UTF-8 bytes; the options are `from_dict`'s.

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
    cls: Any, mode: Mode, unknown: Unknown, limits: Limits
) -> Callable[[Any, list[Violation] | None], Any]:
    """
    A loader of JSON text as *cls*: by the fast plan where it vouches for the text, else in detail.

    The fast plan serves strict loads that forbid unknown keys: lax mode
    rewrites values first, and "ignore" or "report" would have msgspec skip
    keys the limits must still see.  It is not used for text that might hold
    more values than ``max_values`` (each value takes a byte at least).
    """
    plan = _fast.plan(cls, limits) if mode == "strict" and unknown == "forbid" else None
    cap = min(limits.max_bytes, limits.max_values)

    def load(text: Any, findings: list[Violation] | None) -> Any:
        if plan is not None and (type(text) is str or type(text) is bytes) and len(text) <= cap:
            try:
                with TypesChecked():
                    return plan.load(_without_bom(text))
            except Exception:  # noqa: BLE001, S110 - whatever it is, the detailed path will say
                pass
        return _load(cls, _decode(text, limits), mode, unknown, findings, limits)

    return load


def dump_jsonl(records: Iterable[Any], fp: IO[str] | IO[bytes]) -> int:
    """
    Write one canonical JSON document a line; return how many were written.

    *fp* may be opened in text or binary mode.
    """
    return _jsonl.write(records, fp, to_json_bytes)


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
    ``bytes``), or a path.  Nothing is lost: every non-blank line gives a
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
    return _jsonl.results(fp, limits.max_bytes, load)


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
    load = _text_loader(cls, mode, unknown, limits)
    return (_jsonl.load(piece, load) for piece in pieces)
