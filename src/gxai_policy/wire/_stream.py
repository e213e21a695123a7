"""
A JSON document read item by item: the items of a top-level array, or the one value.

msgspec and orjson decode a whole text at once, so a JSON array of a
million records would be a million records in memory.  This module splits
the array into the texts of its items as the bytes arrive, without decoding
them, and each item is then loaded as `from_json` loads a text: by the fast
path, held to the same `Limits` (``max_bytes`` applies to an item, as it
applies to a line of JSONL).

The splitter follows strings and brackets only, with regular expressions
that skip whole runs of ordinary bytes and whole strings at a time (in C),
so its cost is a few matches an item: ``[{"a": [1, 2]}, …]`` is found to
have ended by its brackets, commas inside an item are never looked at.
What it holds is one item at most (a longer item is skipped unread and
reported ``load.too_large``) and one read.  An item whose inside is not
JSON (``{"a" 1}``) is that item's ``load.bad_json``; the array itself being
broken (unclosed, an item missing between two commas, trailing text) ends
the stream with a ``load.bad_json`` `ValidationError` that gives the line,
after every good item before it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from typing import IO, Any, Final

from gxai_policy.errors import ValidationError
from gxai_policy.wire._jsonl import BOM_BYTES, Line, LoadLine, Piece, load
from gxai_policy.wire._limits import TOO_LARGE
from gxai_policy.wire._rules import BAD_JSON

# No __all__: a private module of gxai_policy.wire, which exports what is public.

#: How much is read at a time; a read grows with the buffer, so that an item
#: longer than a read is scanned in linear time.
CHUNK: Final = 64 * 1024

_STRING: Final = rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"'
# Runs of bytes that are neither strings nor structure, and whole strings:
# where a match ends is a bracket, a comma (at the item's own level), a
# string not yet complete in the buffer, or the end of the buffer.
_OUTER: Final = re.compile(rb'(?s)(?:[^"\[\]{},]++|' + _STRING + rb")*+")
_INNER: Final = re.compile(rb'(?s)(?:[^"\[\]{}]++|' + _STRING + rb")*+")
# The rest of a string from inside it: stops at its closing quote, or at a
# backslash that is the buffer's last byte (its escaped byte not yet read).
_IN_STRING: Final = re.compile(rb'(?s)[^"\\]*+(?:\\.[^"\\]*+)*+')
_SPACE: Final = re.compile(rb"[ \t\r\n]*+")
# Between two items, where both are in the buffer: one match, not two.
_BETWEEN: Final = re.compile(rb"[ \t\r\n]*+,[ \t\r\n]*+[^ \t\r\n,\]}]")


def _nested(levels: int) -> bytes:
    inside = rb'(?:[^"\[\]{}]++|' + _STRING + rb")*+"
    for _ in range(levels - 1):
        inside = rb'(?:[^"\[\]{}]++|' + _STRING + rb"|[\[{]" + inside + rb"[\]}])*+"
    return rb"(?s)[\[{]" + inside + rb"[\]}]"


# A whole array or object nested up to four levels, found by one match (in
# C): a record of the wire format is one match, where following its
# brackets one at a time costs a match and a turn of a Python loop each
# (measured on 100,000 enterprises of 220 bytes: 5.4 → 1.3 µs an item).
# Anything else (deeper, a number, not all read yet) takes the loop.
_WHOLE: Final = re.compile(_nested(4))

_OPEN, _CLOSE = frozenset(b"[{"), frozenset(b"]}")
_QUOTE, _COMMA, _BACKSLASH = ord('"'), ord(","), ord("\\")


class _Buffer:
    """
    What has been read of a binary stream and not yet given away.
    """

    def __init__(self, fp: IO[bytes] | IO[str]) -> None:
        self._read: Callable[[int], Any] = fp.read
        self.data = bytearray()
        self.eof = False
        # The line on which data[_counted] stands: lines are counted once, as positions advance.
        self._line = 1
        self._counted = 0

    def more(self) -> bool:
        """
        Read more; False at the end of the stream.
        """
        if self.eof:
            return False
        chunk = self._read(max(CHUNK, len(self.data)))
        if isinstance(chunk, str):
            # A text file: its text as UTF-8, a lone surrogate kept for the loader to refuse.
            chunk = chunk.encode("utf-8", "surrogatepass")
        if not chunk:
            self.eof = True
            return False
        self.data += chunk
        return True

    def drop(self, end: int) -> None:
        """
        Forget the first *end* bytes (positions move back by *end*).
        """
        if end > self._counted:
            self._line += self.data.count(b"\n", self._counted, end)
            self._counted = end
        self._counted -= end
        # Deleting the front of a bytearray moves a pointer, not the bytes.
        del self.data[:end]

    def line_at(self, pos: int) -> int:
        """
        The line of the byte at *pos*, no earlier than any asked before.
        """
        if pos > self._counted:
            self._line += self.data.count(b"\n", self._counted, pos)
            self._counted = pos
        return self._line

    def skip_space(self, pos: int) -> int:
        """
        The position of the next byte that is not white space, reading as needed (-1 at the end).
        """
        while True:
            pos = _SPACE.match(self.data, pos).end()  # type: ignore[union-attr]
            if pos < len(self.data):
                return pos
            # Nothing worth keeping has been read: keep the buffer short.
            self.drop(pos)
            pos = 0
            if not self.more():
                return -1


def _broken(buffer: _Buffer, pos: int, what: str) -> ValidationError:
    line = buffer.line_at(pos)
    return BAD_JSON.error("", reason=f"{what} (line {line})", reason_zh=f"第{line}行处无法解析")


class _Scanner:
    """
    Finds where each value of a stream ends, holding at most one value (up to *cap* bytes).
    """

    def __init__(self, buffer: _Buffer, cap: int) -> None:
        self.buffer = buffer
        self.cap = cap

    def value(self, start: int) -> tuple[int, int, bool]:  # noqa: C901, PLR0912 - one loop
        """
        Where the value at *start* starts and ends, and whether it is longer than the cap.

        The value ends where its brackets close, or, for a number or a
        literal, before the comma or bracket that follows it.  Reading more
        forgets what is before *start* (positions move back); a value longer
        than the cap is forgotten as it is read (its start moves past it).
        Raises `ValidationError` at the end of the stream inside the value.
        """
        buffer = self.buffer
        match = _WHOLE.match(buffer.data, start)
        if match is not None and match.end() - start <= self.cap:
            return start, match.end(), False
        depth, pos, too_large = 0, start, False
        while True:
            data = buffer.data
            pos = (_INNER if depth else _OUTER).match(data, pos).end()  # type: ignore[union-attr]
            if not too_large and pos - start > self.cap:
                too_large = True
            if too_large and pos > start:
                # Skipped, not held: nothing of it is kept.
                buffer.drop(pos)
                start = pos = 0
                data = buffer.data
            if pos >= len(data) or data[pos] == _QUOTE:
                if pos < len(data) and not too_large and len(data) - start > self.cap:
                    # A string not yet ended makes the value too long: it is not held.
                    too_large = True
                    buffer.drop(pos)
                    start = pos = 0
                if pos < len(data) and too_large:
                    pos = self._skip_string(pos)
                    continue
                buffer.drop(start)
                pos, start = pos - start, 0
                if buffer.more():
                    continue
                if depth or pos < len(buffer.data):
                    raise _broken(buffer, pos, "the text ends inside a value")
                return start, pos, too_large
            byte = data[pos]
            if byte in _OPEN:
                depth += 1
            elif byte in _CLOSE or byte == _COMMA:
                if depth == 0:
                    return start, pos, too_large
                depth -= 1
                if depth == 0:
                    return start, pos + 1, too_large
            pos += 1

    def _skip_string(self, pos: int) -> int:
        """
        Past the string that starts at *pos*, forgetting it as it is read; its end, from 0.
        """
        buffer = self.buffer
        buffer.drop(pos + 1)
        while True:
            data = buffer.data
            end = _IN_STRING.match(data).end()  # type: ignore[union-attr]
            if end < len(data) and data[end] == _QUOTE:
                buffer.drop(end + 1)
                return 0
            # Keep a last backslash: the byte it escapes is still to come.
            keep = end < len(data) and data[end] == _BACKSLASH
            buffer.drop(end)
            if not buffer.more():
                raise _broken(buffer, 0, "the text ends inside a string")
            if keep and len(buffer.data) > 1:
                buffer.drop(2)


def split(fp: IO[bytes] | IO[str], cap: int) -> Iterator[Piece]:
    """
    The items of the JSON array in *fp*, or its one value: a `Piece` each.

    Raises:
        ValidationError: ``load.bad_json`` when the document itself is
            broken: empty, an array left open, an item missing, text after
            the value (two documents: JSON Lines read as JSON).
    """
    buffer = _Buffer(fp)
    scanner = _Scanner(buffer, cap)
    while len(buffer.data) < len(BOM_BYTES) and buffer.more():
        pass
    pos = buffer.skip_space(0)
    if pos >= 0 and buffer.data.startswith(BOM_BYTES):
        # RFC 8259 §8.1: a parser may ignore a byte-order mark.
        pos = buffer.skip_space(len(BOM_BYTES))
    if pos < 0:
        raise BAD_JSON.error(
            "", reason="no JSON value (the text is empty)", reason_zh="没有 JSON 值（文本为空）"
        )
    if buffer.data[pos] == ord("["):
        yield from _items(buffer, scanner, pos + 1)
    else:
        piece, pos = _piece(buffer, scanner, pos, None)
        yield piece
        if (pos := buffer.skip_space(pos)) >= 0:
            raise _broken(
                buffer,
                pos,
                "text after the JSON value: more than one document (JSON Lines? read it as JSONL)",
            )


def _piece(buffer: _Buffer, scanner: _Scanner, pos: int, index: int | None) -> tuple[Piece, int]:
    """
    The value that starts at *pos*, and the position after it.
    """
    line = buffer.line_at(pos)
    start, end, too_large = scanner.value(pos)
    if too_large:
        return Piece(line, index, None, TOO_LARGE.error("", limit=scanner.cap)), end
    return Piece(line, index, bytes(buffer.data[start:end]).rstrip(b" \t\r\n")), end


def _items(buffer: _Buffer, scanner: _Scanner, pos: int) -> Iterator[Piece]:  # noqa: C901 - one loop
    pos = buffer.skip_space(pos)
    if pos >= 0 and buffer.data[pos] == ord("]"):
        if (pos := buffer.skip_space(pos + 1)) >= 0:
            raise _broken(buffer, pos, "text after the array")
        return
    index = 0
    while True:
        if pos < 0:
            raise _broken(buffer, len(buffer.data), "the array is not closed")
        if buffer.data[pos] in b",]}":
            raise _broken(buffer, pos, f"expected an item, found {chr(buffer.data[pos])!r}")
        piece, pos = _piece(buffer, scanner, pos, index)
        yield piece
        index += 1
        between = _BETWEEN.match(buffer.data, pos)
        if between is not None:
            pos = between.end() - 1
            continue
        pos = buffer.skip_space(pos)
        if pos < 0:
            raise _broken(buffer, len(buffer.data), "the array is not closed")
        byte = buffer.data[pos]
        if byte == ord("]"):
            break
        if byte != _COMMA:
            raise _broken(buffer, pos, f"expected ',' or ']' after an item, found {chr(byte)!r}")
        pos = buffer.skip_space(pos + 1)
    if (pos := buffer.skip_space(pos + 1)) >= 0:
        raise _broken(buffer, pos, "text after the array")


def results(source: Any, cap: int, load_text: LoadLine) -> Iterator[Line]:
    """
    One `Line` an item of the JSON document *source* (an open file or a path).
    """
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as fp:  # noqa: PTH123 - a path as the caller gave it
            for piece in split(fp, cap):
                yield load(piece, load_text)
        return
    for piece in split(source, cap):
        yield load(piece, load_text)
