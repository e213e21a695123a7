"""
JSONL streams as they come: bad lines, a truncated last line, mixed encodings, byte-order marks.

Nothing is lost: every non-blank line of the stream gives one result with
its line number, every good line its record, every bad line its error.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

import pytest
from fuzzing import fuzz
from hypothesis import given
from hypothesis import strategies as st

import gxai_policy as gp
from gxai_policy import strategies as gst
from gxai_policy.serialize import Limits, Line

RECORDS: dict[type, st.SearchStrategy[Any]] = {
    gp.Enterprise: gst.enterprises(),
    gp.Subsidy: gst.subsidies(),
    gp.Task: gst.tasks(),
}
BOM = b"\xef\xbb\xbf"
# Lines longer than this are refused unread; every good line is far shorter.
CAP = 64 * 1024
LIMITS = Limits(max_bytes=CAP)

# What a line may be; "good" lines load, "bad" ones are refused, "foreign" ones
# (another encoding) are reported whichever way they read.
GOOD = ("good", "bom", "crlf", "padded")
BAD = ("not_json", "truncated", "wrong_type", "invalid_utf8", "surrogate", "too_long", "nul")
FOREIGN = ("gb18030", "utf16", "utf16_newline", "latin1")
BLANK = ("empty", "spaces", "cr", "bom_only")


@st.composite
def entry(draw: st.DrawFn, cls: type) -> tuple[str, Any, bytes]:
    """
    One line's (kind, record or None, bytes), without its line break.
    """
    kind = draw(st.sampled_from(GOOD + BAD + FOREIGN + BLANK))
    record = draw(RECORDS[cls])
    text = gp.to_json(record)
    raw = text.encode()
    made: dict[str, bytes] = {
        "good": raw,
        "bom": BOM + raw,
        "crlf": raw + b"\r",
        "padded": b" \t" + raw + b"  ",
        "not_json": draw(st.sampled_from([b"not json", b"{", b"}", b"[1,]", b"'x'", b"NaN"])),
        "truncated": raw[: draw(st.integers(1, len(raw) - 1))],
        "wrong_type": b'{"name": 1}',
        "invalid_utf8": raw[:-1] + b"\xff}",
        "surrogate": b'{"name": "\\ud800"}',
        "too_long": b'"' + b"x" * (CAP + 10) + b'"',
        "nul": b"\x00" + raw,
        "gb18030": text.encode("gb18030"),
        "utf16": text.encode("utf-16-le"),
        "utf16_newline": (text + "\n").encode("utf-16-le"),
        "latin1": '{"name": "Société"}'.encode("latin-1"),
        "empty": b"",
        "spaces": b" \t ",
        "cr": b"\r",
        "bom_only": BOM,
    }
    return kind, (record if kind in GOOD else None), made[kind]


@st.composite
def streams(draw: st.DrawFn, cls: type) -> tuple[bytes, dict[int, Any], set[int]]:
    """
    A JSONL byte stream, the records its good lines hold, and the lines that must fail.

    The last line may be truncated and unterminated.  Line numbers count
    physical lines (split on ``\\n``), as a file read line by line has them:
    a UTF-16 line may break into several.
    """
    entries = draw(st.lists(entry(cls), min_size=1, max_size=12))
    if draw(st.booleans()):
        raw = gp.to_json(draw(RECORDS[cls])).encode()
        entries.append(("truncated", None, raw[: draw(st.integers(1, len(raw) - 1))]))
        stream = b"\n".join(e[2] for e in entries)
    else:
        stream = b"".join(e[2] + b"\n" for e in entries)
    good: dict[int, Any] = {}
    bad: set[int] = set()
    by_bytes = {e[2]: e for e in entries}
    for number, line in enumerate(stream.split(b"\n"), 1):
        made = by_bytes.get(line)
        if made is None:
            continue
        kind, record, _ = made
        if kind in GOOD:
            good[number] = record
        elif kind in BAD:
            bad.add(number)
    return stream, good, bad


def non_blank(stream: bytes) -> list[int]:
    """
    The numbers of the lines a reader must report: all but the blank ones.
    """
    numbers = []
    for number, line in enumerate(stream.split(b"\n"), 1):
        content = line
        while content.startswith(BOM):
            content = content[len(BOM) :]
        if content.strip():
            numbers.append(number)
    return numbers


def check(results: list[Line], stream: bytes, good: dict[int, Any], bad: set[int]) -> None:
    """
    One result a non-blank line, in order; good lines loaded, bad ones refused with a code.
    """
    assert non_blank(stream) == [r.line for r in results]
    for result in results:
        if result.line in good:
            assert result.ok, result.error
            assert good[result.line] == result.record
        elif result.line in bad:
            assert not result.ok
        if result.error is not None:
            assert result.record is None
            assert all(code in gp.RULES for code in result.error.codes)
        else:
            assert result.record is not None


CLASSES = list(RECORDS)


class TestNothingLost:
    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @fuzz(0.2, deadline_s=5)
    @given(data=st.data())
    def test_binary_stream(self, cls, data):
        """
        From a binary file object, every non-blank line is reported, good and bad alike.
        """
        stream, good, bad = data.draw(streams(cls))
        results = list(gp.iter_jsonl(cls, io.BytesIO(stream), limits=LIMITS))
        check(results, stream, good, bad)

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @fuzz(0.15, deadline_s=5)
    @given(data=st.data())
    def test_text_stream(self, cls, data):
        """
        The same bytes read as text (undecodable bytes kept as surrogates) report the same lines.
        """
        stream, good, bad = data.draw(streams(cls))
        text = io.StringIO(stream.decode("utf-8", "surrogateescape"))
        check(list(gp.iter_jsonl(cls, text, limits=LIMITS)), stream, good, bad)

    @pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
    @fuzz(0.1, deadline_s=5)
    @given(data=st.data())
    def test_list_of_lines(self, cls, data):
        """
        A plain iterable of byte lines (no file) reports the same lines.
        """
        stream, good, bad = data.draw(streams(cls))
        lines = io.BytesIO(stream).readlines()
        check(list(gp.iter_jsonl(cls, lines, limits=LIMITS)), stream, good, bad)

    def test_real_file(self):
        """
        A file on disk with a BOM, CRLF, a GB18030 line, a too-long line and a cut last line.
        """
        record = gp.from_dict(
            gp.Enterprise, {"name": "广西智能科技有限公司", "uscc": "91450100MA5KB1XW1C"}
        )
        good = gp.to_json(record).encode()
        stream = b"\n".join(
            [
                BOM + good + b"\r",
                gp.to_json(record).encode("gb18030"),
                b"",
                b'"' + b"x" * (CAP + 1) + b'"',
                BOM + good,
                good[:-3],
            ]
        )
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "enterprises.jsonl"
            path.write_bytes(stream)
            with path.open("rb") as fp:
                results = list(gp.iter_jsonl(gp.Enterprise, fp, limits=LIMITS))
        assert [(1, True), (2, False), (4, False), (5, True), (6, False)] == [
            (r.line, r.ok) for r in results
        ]
        assert ("load.too_large",) == results[2].error.codes
        assert ("load.bad_json",) == results[1].error.codes
        assert ("load.bad_json",) == results[4].error.codes

    def test_a_long_line_is_never_read_whole(self):
        """
        From a file, a line over the limit is skipped in pieces of the limit, not read whole.
        """
        reads: list[int] = []

        class Spy(io.BytesIO):
            def readline(self, size: int | None = -1) -> bytes:
                line = super().readline(size)
                reads.append(len(line))
                return line

        stream = b'"' + b"x" * (10 * CAP) + b'"\n"450100"\n'
        results = list(gp.iter_jsonl(gp.RegionCode, Spy(stream), limits=LIMITS))
        assert [(1, False), (2, True)] == [(r.line, r.ok) for r in results]
        assert max(reads) <= CAP + 2

    def test_a_utf16_newline_spoils_only_the_next_line(self):
        """
        UTF-16's line break leaves a NUL that starts the next line: that line is reported, not lost.
        """
        good = b'"450100"'
        stream = good + b"\n" + '"450100"\n'.encode("utf-16-le") + good + b"\n" + good + b"\n"
        results = list(gp.iter_jsonl(gp.RegionCode, io.BytesIO(stream)))
        assert [(1, True), (2, False), (3, False), (4, True)] == [(r.line, r.ok) for r in results]
