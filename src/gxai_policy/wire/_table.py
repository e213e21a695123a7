"""
Spreadsheets: CSV and XLSX in and out, one result a row, each finding with its cell.

One more walker over the shape tree.  A record's table form is its wire
form laid flat:

- a field of a nested record is a column with a dotted header
  (``certificate.number``);
- a sequence of records is numbered columns, one group an item, counted
  from 1 as spreadsheets count (``proposers.1.name``, ``proposers.2.name``);
- a sequence of values (texts, codes) is one cell, the items joined by
  `SEPARATOR` (``;``), a ``;`` or ``\\`` inside an item escaped with a
  backslash (``\\;``, ``\\\\``);
- a blank cell is a missing key (the field's default, or ``None``).

Headers are field names or the fields' Chinese labels (declared beside
each field, `gxai_policy.values._labels`), joined with dots; a label of a
field of a nested record also stands alone where no other field has it
(``证书编号`` for ``certificate.number``).

XLSX is read with openpyxl in read-only mode, which streams: memory stays
flat however many rows (measured on 10,000 and 100,000 rows: 39 and 47 MB
peak RSS, where python-calamine, 15 times as fast, holds the whole sheet:
17 and 77 MB).  openpyxl is the optional extra ``gxai-policy[tables]``;
CSV needs nothing.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import io
import math
import os
import re
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, Any, Final, Literal

import attrs
import pendulum
from attrs import frozen

from gxai_policy.errors import ValidationError, Violation
from gxai_policy.values.dates import PartialDate
from gxai_policy.wire._limits import STRING_TOO_LONG, TOO_LARGE, Limits, check_limits
from gxai_policy.wire._rules import (
    BAD_ENCODING,
    BAD_TABLE,
    DUPLICATE_COLUMN,
    NO_HEADER,
    TOO_MANY_COLUMNS,
    UNKNOWN_COLUMN,
    shown,
)
from gxai_policy.wire._shape import Code, Leaf, Optional, Record, Seq, Shape, shape_of
from gxai_policy.wire._values import CODECS

# No __all__: a private module of gxai_policy.wire, which exports what is public.

#: What joins the items of a sequence of values in one cell.
SEPARATOR: Final = ";"
_ESCAPE: Final = "\\"
#: How many rows from the top of a sheet are searched for the header row
#: (title rows and notes may stand above it).
HEADER_ROWS: Final = 20
# Excel's bound on the characters of one cell.
_EXCEL_CELL: Final = 32_767
# Characters XML 1.0 cannot hold, which openpyxl refuses (and Excel too).
_ILLEGAL_XML: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Values that split on any of these in lax mode: no code holds one.
_CODE_SEPARATORS: Final = re.compile(r"\s*[、,，;；]\s*")
_CANONICAL_INT: Final = re.compile(r"-?(?:0|[1-9][0-9]*)")
_ZIP_MAGIC: Final = b"PK\x03\x04"
_HEAD_BYTES: Final = 64 * 1024

Path = tuple[str | int, ...]
Labels = Literal["en", "zh"]
Format = Literal["csv", "xlsx"]


@frozen
class Row:
    """
    The result of loading one row of a spreadsheet.

    Attributes:
        row: The spreadsheet's own 1-based row number (the header's row is
            not one of them; for CSV, a record that spans lines is one row).

        record: The loaded record, or None when the row is bad.

        error: Why the row is bad, or None.  Each violation names its cell.

        findings: The row's warnings and info (lax coercions, kept
            columns), each naming its cell.

        sheet: The worksheet's name, for a workbook.
    """

    row: int
    record: Any
    error: ValidationError | None
    findings: tuple[Violation, ...] = ()
    sheet: str | None = None

    @property
    def ok(self) -> bool:
        """
        Whether the row loaded.
        """
        return self.error is None


# --- columns -----------------------------------------------------------------------------


@frozen
class Column:
    """
    One column of a record's table: where its value sits in the wire form, and its shape.

    Attributes:
        path: Field names, and 0-based indexes of items of record sequences.

        shape: A `Leaf` or `Code`, or a `Seq` of them (one cell, joined).
    """

    path: Path
    shape: Leaf | Code | Seq


def _bare(shape: Shape) -> Shape:
    return shape.inner if isinstance(shape, Optional) else shape


def _is_records(shape: Shape) -> bool:
    return isinstance(shape, Seq) and isinstance(_bare(shape.item), Record)


def header(record: Record, path: Path, labels: Labels) -> str:
    """
    The header of the column at *path*: dotted names, or labels, items counted from 1.
    """
    parts: list[str] = []
    shape: Shape = record
    for token in path:
        if isinstance(token, int):
            parts.append(str(token + 1))
            assert isinstance(shape, Seq)  # noqa: S101 - an index follows a sequence
            shape = _bare(shape.item)
            continue
        assert isinstance(shape, Record)  # noqa: S101 - a name follows a record
        field = next(f for f in shape.fields if f.name == token)
        parts.append(field.label_zh or field.name if labels == "zh" else field.name)
        shape = _bare(field.shape)
    if labels == "zh" and len(path) > 1 and all(isinstance(t, str) for t in path):
        short = parts[-1]
        if _short_names(record).get(short) == path:
            return short
    return ".".join(parts)


def _static_columns(
    record: Record, prefix: Path = (), seen: frozenset[type] = frozenset()
) -> list[Path]:
    """
    The columns of *record* reached without passing through a sequence of records.
    """
    out: list[Path] = []
    for field in record.fields:
        shape = _bare(field.shape)
        path = (*prefix, field.name)
        if isinstance(shape, Record):
            if shape.cls not in seen:
                out += _static_columns(shape, path, seen | {record.cls})
        elif not _is_records(shape):
            out.append(path)
    return out


def _short_names(record: Record) -> dict[str, Path]:
    """
    Labels (and names) of fields of nested records that name one column alone.
    """
    return _SHORT.get(record.cls) or _SHORT.setdefault(record.cls, _shorts(record))


_SHORT: dict[type, dict[str, Path]] = {}


def _shorts(record: Record) -> dict[str, Path]:
    top = {f.name for f in record.fields} | {f.label_zh for f in record.fields if f.label_zh}
    found: dict[str, list[Path]] = {}
    for path in _static_columns(record):
        if len(path) < 2:
            continue
        parent: Shape = record
        for token in path[:-1]:
            assert isinstance(parent, Record)  # noqa: S101 - static columns pass records only
            parent = _bare(next(f for f in parent.fields if f.name == token).shape)
        assert isinstance(parent, Record)  # noqa: S101
        field = next(f for f in parent.fields if f.name == path[-1])
        for name in {field.name, field.label_zh} - {None}:
            found.setdefault(typing.cast("str", name), []).append(path)
    return {name: paths[0] for name, paths in found.items() if len(paths) == 1 and name not in top}


def resolve(record: Record, text: str) -> Column | None:
    """
    The column a header names (by names or labels, dotted), or None.
    """
    segments = [s.strip() for s in text.replace("．", ".").split(".")]
    found = _walk(record, segments, ())
    if found is None and len(segments) == 1:
        path = _short_names(record).get(segments[0])
        if path is not None:
            found = _walk(record, [str(t) for t in path], ())
    return found


def _walk(record: Record, segments: list[str], prefix: Path) -> Column | None:
    name, rest = segments[0], segments[1:]
    field = next((f for f in record.fields if name in (f.name, f.label_zh)), None)
    if field is None:
        return None
    path = (*prefix, field.name)
    shape = _bare(field.shape)
    if isinstance(shape, Record):
        return _walk(shape, rest, path) if rest else None
    if _is_records(shape):
        assert isinstance(shape, Seq)  # noqa: S101 - _is_records says so
        if len(rest) < 2 or not rest[0].isascii() or not rest[0].isdigit() or int(rest[0]) < 1:
            return None
        item = _bare(shape.item)
        assert isinstance(item, Record)  # noqa: S101
        return _walk(item, rest[1:], (*path, int(rest[0]) - 1))
    if rest:
        return None
    assert isinstance(shape, Leaf | Code | Seq)  # noqa: S101 - records were handled above
    return Column(path, shape)


def _column_key(record: Record, path: Path) -> tuple[int, ...]:
    """
    Where the column at *path* stands: fields in declaration order, items in order.
    """
    key: list[int] = []
    shape: Shape = record
    for token in path:
        if isinstance(token, int):
            key.append(token)
            assert isinstance(shape, Seq)  # noqa: S101
            shape = _bare(shape.item)
            continue
        assert isinstance(shape, Record)  # noqa: S101
        index, field = next((i, f) for i, f in enumerate(shape.fields) if f.name == token)
        key.append(index)
        shape = _bare(field.shape)
    return tuple(key)


# --- cells ----------------------------------------------------------------------------------

_DATE_CODECS: Final = frozenset(
    id(CODECS[t]) for t in (pendulum.Date, dt.date, pendulum.Date | PartialDate)
)


def _is_date(shape: Leaf | Code) -> bool:
    return isinstance(shape, Leaf) and id(shape.codec) in _DATE_CODECS


def join(items: Iterable[Any]) -> str:
    """
    The cell of a sequence of values: their texts joined by ``;``, escaped.

    >>> join(["a;b", "c\\\\d", "e"])
    'a\\\\;b;c\\\\\\\\d;e'
    """
    return SEPARATOR.join(
        _text(x).replace(_ESCAPE, _ESCAPE * 2).replace(SEPARATOR, _ESCAPE + SEPARATOR)
        for x in items
    )


def split(cell: str) -> list[str]:
    """
    The items of a cell `join` wrote; a backslash before anything but ``;`` or ``\\`` is kept.

    >>> split("a\\\\;b;c\\\\\\\\d;e")
    ['a;b', 'c\\\\d', 'e']
    """
    items: list[str] = []
    current: list[str] = []
    chars = iter(cell)
    for ch in chars:
        if ch == _ESCAPE:
            following = next(chars, "")
            current.append(following if following in (SEPARATOR, _ESCAPE) else ch + following)
        elif ch == SEPARATOR:
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return items


def _text(value: Any) -> str:
    if type(value) is bool:
        return "true" if value else "false"
    return str(value)


def _blank(value: Any, *, lax: bool) -> bool:
    if value is None or value == "":
        return True
    if type(value) is float and math.isnan(value):
        return True
    return lax and type(value) is str and not value.strip()


def _leaf_value(shape: Leaf | Code, value: Any, max_digits: int) -> Any:  # noqa: PLR0911 - a kind a return
    """
    The wire value of a cell of a leaf: what the table form writes, read back exactly.

    CSV holds only text, Excel only floats: an integer field's digits and an
    integral float are its integer, ``true``/``false`` a boolean's, a date
    cell a date's ISO text.  Anything else is left for lax mode or the
    strict loader to judge.
    """
    kind = shape.codec.json_type if isinstance(shape, Leaf) else "string"
    if type(value) is str:
        if kind == "integer" and len(value) <= max_digits + 1 and _CANONICAL_INT.fullmatch(value):
            return int(value)
        if kind == "boolean" and value in ("true", "false"):
            return value == "true"
        return value
    if type(value) is float and kind == "integer" and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime):
        if _is_date(shape) and value.time() == dt.time() and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _cell_value(column: Column, value: Any, lax: bool, limits: Limits) -> Any:
    shape = column.shape
    if not isinstance(shape, Seq):
        return _leaf_value(shape, value, limits.max_digits)
    item = _bare(shape.item)
    assert isinstance(item, Leaf | Code)  # noqa: S101 - a sequence of records is no one cell
    if type(value) is not str:
        return [_leaf_value(item, value, limits.max_digits)]
    if lax and isinstance(item, Code) and SEPARATOR not in value:
        parts = _CODE_SEPARATORS.split(value.strip())
    else:
        parts = split(value)
    return [_leaf_value(item, p, limits.max_digits) for p in parts if not lax or p.strip()]


def _written(shape: Leaf | Code | Seq, value: Any, xlsx: bool) -> Any:
    """
    The cell that holds the wire *value* of a column.
    """
    if isinstance(shape, Seq):
        return join(value)
    if xlsx and _is_date(shape) and type(value) is str and len(value) == 10:
        return dt.date.fromisoformat(value)
    if xlsx:
        return value
    return _text(value)


def letter(column: int) -> str:
    """
    The letters of a 1-based column number.

    >>> letter(1), letter(26), letter(27), letter(16384)
    ('A', 'Z', 'AA', 'XFD')
    """
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def _reference(sheet: str | None, cell: str) -> str:
    if sheet is None:
        return cell
    return "'" + sheet.replace("'", "''") + "'!" + cell


# --- reading ------------------------------------------------------------------------------


@attrs.define
class Sheet:
    """
    The rows of one sheet: 1-based row numbers and their cells, and how its text was decoded.

    The header search reads a row past the header; it puts it back in `rows`.
    """

    name: str | None
    rows: Iterator[tuple[int, list[Any]]]
    encoding: str | None = None


class _Layout:
    """
    What the header row says: which column holds which field, and which are unknown.
    """

    def __init__(self, record: Record, found: int, headers: list[Any], sheet: str | None) -> None:
        self.record = record
        self.first_data_row = found + 1
        self.columns: dict[int, Column] = {}
        self.unknown: dict[int, str] = {}
        self.by_path: dict[Path, int] = {}
        self.by_key: dict[str, int] = {}
        self.sheet = sheet
        self.headers = headers

    def place(self, index: int, text: str, unknown: str, header_row: int) -> None:
        column = resolve(self.record, text)
        cell = _reference(self.sheet, f"{letter(index + 1)}{header_row}")
        if column is None:
            if unknown == "forbid":
                raise _at(
                    UNKNOWN_COLUMN.error("", header=text, record=self.record.cls.__name__), cell
                )
            if unknown == "ignore":
                return
            if text in self.by_key:
                raise _at(DUPLICATE_COLUMN.error("", header=text, field=text), cell)
            self.unknown[index] = text
            self.by_key[text] = index
            return
        if column.path in self.by_path:
            field = ".".join(str(t + 1) if isinstance(t, int) else t for t in column.path)
            raise _at(DUPLICATE_COLUMN.error("", header=text, field=field), cell)
        self.columns[index] = column
        self.by_path[column.path] = index

    def cell_of(self, pointer: str, row: int) -> str:
        """
        The cell a JSON Pointer into a row's data points at, or the whole row.
        """
        tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
        path: list[str | int] = []
        shape: Shape = self.record
        whole = True
        for token in tokens:
            if isinstance(shape, Record):
                if not path and token in self.by_key:
                    return self._ref(self.by_key[token], row)
                field = next((f for f in shape.fields if f.name == token), None)
                if field is None:
                    break
                path.append(token)
                shape = _bare(field.shape)
            elif _is_records(shape) and token.isdigit():
                assert isinstance(shape, Seq)  # noqa: S101
                path.append(int(token))
                shape = _bare(shape.item)
            else:
                break
        else:
            whole = isinstance(shape, Record) or _is_records(shape)
        key = tuple(path)
        if key in self.by_path:
            return self._ref(self.by_path[key], row)
        if whole and key:
            under = [i for p, i in self.by_path.items() if p[: len(key)] == key]
            if under:
                return self._ref(min(under), row)
        return _reference(self.sheet, f"{row}:{row}")

    def _ref(self, index: int, row: int) -> str:
        return _reference(self.sheet, f"{letter(index + 1)}{row}")


def _at(error: ValidationError, cell: str) -> ValidationError:
    return ValidationError(attrs.evolve(v, cell=cell) for v in error.violations)


def _header_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def layout(record: Record, sheet: Sheet, unknown: str, limits: Limits) -> _Layout:
    """
    Find the header row among the first rows of *sheet*, and read what each column holds.

    A header may take two rows: a group's label over merged cells (高企证书)
    and its fields' labels under it (证书编号, 发证日期).
    """
    seen: list[tuple[int, list[Any]]] = []
    for number, cells in sheet.rows:
        seen.append((number, cells))
        texts = [_header_text(c) for c in cells]
        if len(cells) > limits.max_columns:
            raise _at(
                TOO_MANY_COLUMNS.error("", count=len(cells), limit=limits.max_columns),
                _reference(sheet.name, f"{number}:{number}"),
            )
        if any(t and resolve(record, t) is not None for t in texts):
            return _read_header(record, sheet, number, texts, unknown)
        if len(seen) >= HEADER_ROWS:
            break
    raise NO_HEADER.error("", rows=HEADER_ROWS, record=record.cls.__name__)


def _read_header(
    record: Record, sheet: Sheet, number: int, texts: list[str], unknown: str
) -> _Layout:
    below = next(sheet.rows, None)
    pending: list[tuple[int, list[Any]]] = []
    headers = texts
    if below is not None:
        combined = _two_rows(record, texts, below[1])
        if combined is None:
            pending.append(below)
        else:
            headers, number = combined, below[0]
    found = _Layout(record, number, headers, sheet.name)
    for index, text in enumerate(headers):
        if text:
            found.place(index, text, unknown, number)
    if pending:
        sheet.rows = _chain(pending, sheet.rows)
    return found


def _chain(
    first: list[tuple[int, list[Any]]], rest: Iterator[tuple[int, list[Any]]]
) -> Iterator[tuple[int, list[Any]]]:
    yield from first
    yield from rest


def _two_rows(record: Record, upper: list[str], cells: list[Any]) -> list[str] | None:
    """
    The headers of a two-row header (*upper*, then *cells*), or None if *cells* is data.

    The row below is a header's second row when each of its non-blank cells
    is text standing under a group (the upper cell, or the nearest one to
    its left, merged cells leaving the rest blank) and names a field with it,
    and none stands under a column the upper row already names whole.
    """
    lower = [_header_text(c) if type(c) is str else None for c in cells]
    if any(c is not None and c != "" and type(c) is not str for c in cells):
        return None
    if not any(lower):
        return None
    out = list(upper) + [""] * max(0, len(lower) - len(upper))
    group = ""
    for index, text in enumerate(lower + [""] * (len(out) - len(lower))):
        above = out[index]
        if above:
            group = above
        if not text:
            continue
        if above and resolve(record, above) is not None:
            return None
        if not group:
            return None
        joined = f"{group}.{text}"
        if resolve(record, joined) is None:
            return None
        out[index] = joined
    return out


def rows(
    sheet: Sheet,
    layout_: _Layout,
    load: Callable[[Any, list[Violation]], Any],
    lax: bool,
    limits: Limits,
) -> Iterator[Row]:
    """
    One `Row` a non-blank data row of *sheet*, each loaded by *load*; a bad row never stops it.
    """
    for number, cells in sheet.rows:
        if len(cells) == 1 and isinstance(cells[0], _Broken):
            error = _at(cells[0].error, _reference(sheet.name, f"{number}:{number}"))
            yield Row(number, None, error, (), sheet.name)
            continue
        if all(_blank(c, lax=False) for c in cells):
            continue
        findings: list[Violation] = []
        try:
            if len(cells) > limits.max_columns:
                raise TOO_MANY_COLUMNS.error("", count=len(cells), limit=limits.max_columns)
            data = _row_data(layout_, cells, lax, limits, sheet.encoding)
            check_limits(data, limits)
            record_ = load(data, findings)
        except ValidationError as exc:
            error = ValidationError(_located(layout_, exc.violations, number))
            yield Row(number, None, error, tuple(_located(layout_, findings, number)), sheet.name)
        else:
            yield Row(number, record_, None, tuple(_located(layout_, findings, number)), sheet.name)


def _located(layout_: _Layout, found: Iterable[Violation], row: int) -> Iterator[Violation]:
    for v in found:
        yield v if v.cell is not None else attrs.evolve(v, cell=layout_.cell_of(v.path, row))


def _row_data(
    layout_: _Layout, cells: list[Any], lax: bool, limits: Limits, encoding: str | None
) -> dict[str, Any]:
    data: dict[str, Any] = {}
    bad: list[Violation] = []
    for index, value in enumerate(cells):
        if _blank(value, lax=lax):
            continue
        if type(value) is str and len(value) > limits.max_string:
            raise STRING_TOO_LONG.error(
                _pointer_of(layout_, index),
                what="a cell",
                what_zh="单元格",
                length=len(value),
                limit=limits.max_string,
            )
        if encoding is not None and type(value) is str and _has_surrogate(value):
            bad.append(
                BAD_ENCODING.violation(
                    _pointer_of(layout_, index), **shown(value), encoding=encoding
                )
            )
            continue
        column = layout_.columns.get(index)
        if column is None:
            key = layout_.unknown.get(index)
            if key is not None:
                data[key] = _leaf_value(_ANY, value, limits.max_digits)
            continue
        _put(data, column.path, _cell_value(column, value, lax, limits))
    if bad:
        raise ValidationError(bad)
    compact: dict[str, Any] = _compact(data)
    return compact


_ANY: Final = Leaf(Any, CODECS[Any])


def _pointer_of(layout_: _Layout, index: int) -> str:
    column = layout_.columns.get(index)
    if column is None:
        return "/" + layout_.unknown.get(index, "").replace("~", "~0").replace("/", "~1")
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in column.path)


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _put(data: dict[Any, Any], path: Path, value: Any) -> None:
    # Items of a sequence are kept by index (an int key) until the row is read whole.
    node = data
    for token in path[:-1]:
        node = node.setdefault(token, {})
    node[path[-1]] = value


def _compact(node: Any) -> Any:
    """
    The row's data with the items of record sequences (held by index) as lists, in order.
    """
    if not isinstance(node, dict):
        return node
    if node and all(type(k) is int for k in node):
        return [_compact(node[k]) for k in sorted(node)]
    return {k: _compact(v) for k, v in node.items()}


# --- sources ------------------------------------------------------------------------------


def open_sheet(
    source: Any, sheet: str | None, limits: Limits, stack: contextlib.ExitStack
) -> Sheet:
    """
    The rows of *source*: a path (``.csv``, ``.xlsx``), a binary file, or a text file (CSV).
    """
    if isinstance(source, str | os.PathLike):
        suffix = os.fspath(source).rsplit(".", 1)[-1].lower()
        if suffix not in ("csv", "xlsx", "xlsm"):
            raise ValueError(
                f"iter_table: {os.fspath(source)!r} is neither .csv nor .xlsx"
                " (pass an open binary file to have its content tell)"
            )
        fp = stack.enter_context(open(source, "rb"))  # noqa: PTH123, SIM115 - a path as given
        return _xlsx(fp, sheet, stack) if suffix != "csv" else _csv(fp, limits, stack)
    if isinstance(source, io.TextIOBase):
        return Sheet(None, _csv_rows(typing.cast("IO[str]", source), limits), None)
    if not callable(getattr(source, "read", None)):
        raise TypeError(
            "iter_table(cls, source): source is a path or an open file,"
            f" not {type(source).__name__}"
        )
    head = _peek(source, len(_ZIP_MAGIC))
    if head[0] == _ZIP_MAGIC:
        book: Any = head[1]
        if not (callable(getattr(book, "seekable", None)) and book.seekable()):
            # A zip archive is read from its end: a stream is read whole, within the limit.
            data = book.read(limits.max_bytes + 1)
            if len(data) > limits.max_bytes:
                raise TOO_LARGE.error("", limit=limits.max_bytes)
            book = io.BytesIO(data)
        return _xlsx(book, sheet, stack)
    return _csv(head[1], limits, stack, given=source)


def _peek(fp: Any, size: int) -> tuple[bytes, Any]:
    """
    The first *size* bytes of *fp*, and a file that still gives them.
    """
    peek = getattr(fp, "peek", None)
    if callable(peek):
        data = peek(size)[:size]
        if isinstance(data, bytes) and len(data) >= min(size, len(_ZIP_MAGIC)):
            return data, fp
    seekable = getattr(fp, "seekable", None)
    if callable(seekable) and seekable():
        start = fp.tell()
        data = fp.read(size)
        fp.seek(start)
        if not isinstance(data, bytes):
            raise TypeError("iter_table(cls, source): open the file in binary mode ('rb')")
        return data, fp
    data = fp.read(size)
    if not isinstance(data, bytes):
        raise TypeError("iter_table(cls, source): open the file in binary mode ('rb')")
    return data, io.BufferedReader(_Prefixed(data, fp))


class _Prefixed(io.RawIOBase):
    """
    A binary stream that gives *head* and then what *rest* has left.
    """

    def __init__(self, head: bytes, rest: Any) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            n = min(len(view), len(self._head))
            view[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(view))
        if not data:
            return 0
        view[: len(data)] = data
        return len(data)


def _encoding(head: bytes) -> str:
    """
    The encoding of a CSV file that starts with *head*: UTF-8 (with or without BOM), else GB18030.
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "gb18030"
    return "utf-8"


def _csv(fp: Any, limits: Limits, stack: contextlib.ExitStack, given: Any = None) -> Sheet:
    head, fp = _peek(fp, _HEAD_BYTES)
    encoding = _encoding(head)
    text = io.TextIOWrapper(fp, encoding=encoding, errors="surrogateescape", newline="")
    stack.callback(_release, text, given)
    shown = "UTF-8" if encoding.startswith("utf-8") else "GB18030"
    return Sheet(None, _csv_rows(text, limits), shown)


def _release(text: io.TextIOWrapper, given: Any) -> None:
    """
    Close the decoding layers opened over a file, and the file, unless the caller gave it.
    """
    if given is None:
        text.close()
        return
    with contextlib.suppress(ValueError):
        buffer = text.detach()
        if buffer is not given:
            buffer.close()


def _csv_rows(text: IO[str], limits: Limits) -> Iterator[tuple[int, list[Any]]]:
    state = {"too_long": False}

    def lines() -> Iterator[str]:
        size = limits.max_bytes + 2
        while line := text.readline(size):
            if len(line) < size or line.endswith("\n"):
                yield line
                continue
            while (rest := text.readline(size)) and not rest.endswith("\n"):
                pass
            state["too_long"] = True
            yield "\n"

    reader = csv.reader(lines(), strict=False)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            number += 1
            error = BAD_TABLE.error("", reason=str(exc), reason_zh="CSV 格式有误")
            yield number, [_Broken(error)]
            continue
        number += 1
        if state["too_long"]:
            state["too_long"] = False
            yield number, [_Broken(TOO_LARGE.error("", limit=limits.max_bytes))]
            continue
        yield number, list(cells)


@frozen
class _Broken:
    """
    A row the CSV reader could not give: its error, in its only cell.
    """

    error: ValidationError


def _xlsx(fp: Any, sheet: str | None, stack: contextlib.ExitStack) -> Sheet:
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - the tests install the extra
        raise ImportError(
            "reading .xlsx needs openpyxl: pip install 'gxai-policy[tables]'"
        ) from None
    try:
        # A parser of untrusted input: whatever it raises while opening is the file's fault.
        book = load_workbook(fp, read_only=True, data_only=True)
    except Exception as exc:
        raise BAD_TABLE.error(
            "",
            reason=f"not an XLSX workbook ({type(exc).__name__})",
            reason_zh="不是 XLSX 工作簿",
        ) from exc
    stack.callback(book.close)
    names = book.sheetnames
    if sheet is not None and sheet not in names:
        raise BAD_TABLE.error(
            "",
            reason=f"no sheet {sheet!r}; it has {names!r}",
            reason_zh=f"没有工作表“{sheet}”，只有 {names!r}",
        )
    ws = book[sheet if sheet is not None else names[0]]
    ws.reset_dimensions()
    return Sheet(ws.title, _xlsx_rows(ws), None)


def _xlsx_rows(ws: Any) -> Iterator[tuple[int, list[Any]]]:
    number = 0
    cells = ws.iter_rows(values_only=True)
    while True:
        try:
            row = next(cells)
        except StopIteration:
            return
        except Exception as exc:  # noqa: BLE001 - openpyxl on a damaged sheet
            reason = f"a damaged worksheet ({type(exc).__name__}) after row {number}"
            reason_zh = f"第{number}行之后工作表已损坏"
            yield number + 1, [_Broken(BAD_TABLE.error("", reason=reason, reason_zh=reason_zh))]
            return
        number += 1
        yield number, list(row)


# --- writing ------------------------------------------------------------------------------


def table_cells(
    record: Record, data: Mapping[str, Any], columns: list[Column], xlsx: bool
) -> list[Any]:
    """
    The cells of one record's wire *data* under *columns*.
    """
    out: list[Any] = []
    for column in columns:
        value: Any = data
        for token in column.path:
            if isinstance(token, int):
                value = value[token] if isinstance(value, list) and token < len(value) else None
            else:
                value = value.get(token) if isinstance(value, dict) else None
            if value is None:
                break
        out.append(None if value is None else _written(column.shape, value, xlsx))
    del record
    return out


def data_paths(record: Record, data: Mapping[str, Any]) -> Iterator[Path]:
    """
    The paths of the record-sequence columns *data* fills (the others are always written).
    """
    yield from _seq_paths(record, data, ())


def _seq_paths(record: Record, data: Any, prefix: Path) -> Iterator[Path]:
    if not isinstance(data, dict):
        return
    for field in record.fields:
        shape = _bare(field.shape)
        value = data.get(field.name)
        if value is None:
            continue
        path = (*prefix, field.name)
        if isinstance(shape, Record):
            yield from _seq_paths(shape, value, path)
        elif _is_records(shape):
            assert isinstance(shape, Seq)  # noqa: S101
            item = _bare(shape.item)
            assert isinstance(item, Record)  # noqa: S101
            for index, x in enumerate(value):
                yield from _static_columns(item, (*path, index))
                yield from _seq_paths(item, x, (*path, index))


def columns_for(record: Record, datas: list[Mapping[str, Any]]) -> list[Path]:
    """
    Every column of *record*'s table, and the numbered ones *datas* need, in order.
    """
    # A record's provenance (``source``, nested) gets its columns only if some
    # record has one: the tables of version 1 keep their layout.
    later = {
        f.name
        for f in record.fields
        if f.since > 1
        and isinstance(_bare(f.shape), Record)
        and all(data.get(f.name) is None for data in datas)
    }
    paths = {p for p in _static_columns(record) if p[0] not in later}
    for data in datas:
        paths.update(data_paths(record, data))
    return sorted(paths, key=lambda p: _column_key(record, p))


def check_cell(value: Any, row: int, column: int, xlsx: bool) -> None:
    """
    Refuse a cell the file cannot hold (XLSX: control characters, over 32,767 characters).
    """
    if not xlsx or type(value) is not str:
        return
    where = f"{letter(column + 1)}{row}"
    if _ILLEGAL_XML.search(value):
        raise ValueError(f"dump_table: cell {where} holds a control character XLSX cannot hold")
    if len(value) > _EXCEL_CELL:
        raise ValueError(
            f"dump_table: cell {where} holds {len(value):,} characters, more than Excel's"
            f" {_EXCEL_CELL:,}"
        )


def shape_record(cls: Any, function: str) -> Record:
    shape = shape_of(cls)
    if not isinstance(shape, Record):
        raise TypeError(f"{function}: a table holds records (gp.Enterprise …), not {cls!r}")
    return shape
