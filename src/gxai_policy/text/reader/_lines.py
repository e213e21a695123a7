"""
The input's lines, with their offsets and their folded forms for detection.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from typing import Final

from gxai_policy.text.reader._draft import Spanned, _Piece
from gxai_policy.values._blanks import GAP
from gxai_policy.values._text import (
    _GLOSS_HINT,
    GAP_OR_GLOSS,
    GLOSS,
    canonical,
    canonical_of_wide,
    fold_detect,
    fold_wide,
)

# No __all__: nothing here is public (the docs list what an __all__ names).


_NOGAPS: Final = (0,)


class _Line:
    """
    One line of the input: its offsets, and its folded form for detection.

    ``det`` drops every blank and invisible character and folds the rest
    1:1, so a position in ``det`` maps back to one offset of the input.
    *wide* and *folded* are *raw* folded by `fold_wide` and `fold_detect`,
    character for character: values are read from *wide*.
    """

    __slots__ = (
        "_dpos",
        "_rpos",
        "det",
        "end",
        "glossed",
        "index",
        "number",
        "raw",
        "start",
        "wide",
    )

    def __init__(  # noqa: PLR0913 - a line is read from all of these at once
        self,
        index: int,
        start: int,
        raw: str,
        wide: str,
        folded: str,
        *,
        number: int | None = None,
        glossed: bool = False,
    ) -> None:
        self.index = index
        # The physical line number: blank lines are not kept as lines.
        self.number = index if number is None else number
        self.start = start
        self.end = start + len(raw)
        self.raw = raw
        self.wide = wide
        self.glossed = glossed
        gaps = GAP_OR_GLOSS if glossed else GAP
        # Every blank and invisible character but the space is unprintable,
        # and isprintable() reads a line ten times faster than GAP.
        if (not glossed and raw.isprintable() and " " not in raw) or gaps.search(raw) is None:
            # Most lines have no blank inside: share one offset table, as
            # millions of small lists keep the garbage collector busy.
            self._dpos: Sequence[int] = _NOGAPS
            self._rpos: Sequence[int] = _NOGAPS
            self.det = folded
            return
        dpos: list[int] = []
        rpos: list[int] = []
        pieces: list[str] = []
        kept = read = 0
        for gap in gaps.finditer(raw):
            if gap.start() > read:
                dpos.append(kept)
                rpos.append(read)
                pieces.append(folded[read : gap.start()])
                kept += gap.start() - read
            read = gap.end()
        if read < len(raw):
            dpos.append(kept)
            rpos.append(read)
            pieces.append(folded[read:])
        self._dpos = dpos
        self._rpos = rpos
        self.det = "".join(pieces)

    def offset(self, i: int) -> int:
        """
        The input offset of character *i* of ``det``.
        """
        if self._dpos is _NOGAPS:
            return self.start + i
        k = bisect.bisect_right(self._dpos, i) - 1
        return self.start + self._rpos[k] + i - self._dpos[k]

    def span(self, a: int = 0, b: int | None = None) -> tuple[int, int]:
        """
        The input offsets (start, end) of ``det[a:b]``, which is not empty.
        """
        b = len(self.det) if b is None else b
        if self._dpos is _NOGAPS:
            return self.start + a, self.start + b
        return self.offset(a), self.offset(b - 1) + 1

    def value(self, a: int = 0, b: int | None = None) -> str:
        """
        The canonical value of ``det[a:b]``, taken from the input.
        """
        start, end = self.span(a, b)
        return canonical_of_wide(
            self.wide[start - self.start : end - self.start], glossed=self.glossed
        )

    def piece(self, a: int = 0, b: int | None = None) -> _Piece:
        """
        ``det[a:b]`` as a located value.
        """
        start, end = self.span(a, b)
        return Spanned(
            canonical_of_wide(
                self.wide[start - self.start : end - self.start], glossed=self.glossed
            ),
            start,
            end,
        )

    def __repr__(self) -> str:
        return f"<line {self.index + 1}: {self.det[:30]!r}>"


# What str.splitlines() breaks lines at.
_BREAKS: Final = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE: Final = re.compile(f"[^{_BREAKS}]+")


def _split_lines(text: str) -> list[_Line]:
    """
    The lines of *text* that hold something, each with its offsets and its physical number.

    Blank lines are not kept: 10 MB of them make no objects at all.
    """
    lines: list[_Line] = []
    # The text is folded once, not a line or a value at a time: finding what
    # to fold is most of the cost.  fold_detect's table holds fold_wide's.
    kinds = fold_detect.kinds(text)
    wide = fold_wide(text, kinds)
    folded = fold_detect(text, kinds)
    # A cheap test first: a bracket before a small Latin letter is rare in a
    # letter, and in the folded text every bracket is ``(``, found as a literal.
    glossed = _GLOSS_HINT.search(folded) is not None and GLOSS.search(text) is not None
    number = 0
    read = 0
    for m in _LINE.finditer(text):
        start, end = m.span()
        # Between two runs of text there are only line breaks, each one
        # character but \r\n: counted so, 10 MB of them make no objects.
        if start - read == 1:
            number += 1
        elif start > read:
            number += start - read - text.count("\r\n", read, start)
        read = end
        raw = m.group()
        if raw.isspace():
            continue
        line = _Line(
            len(lines),
            start,
            raw,
            wide[start:end],
            folded[start:end],
            number=number,
            glossed=glossed,
        )
        if line.det:
            lines.append(line)
    return lines


class _Joined:
    """
    Several ranges of lines read as one text (a title written over two lines).
    """

    __slots__ = ("_parts", "_starts", "det")

    def __init__(self, parts: Iterable[tuple[_Line, int]]) -> None:
        self._parts = list(parts)
        self._starts: list[int] = []
        dets: list[str] = []
        total = 0
        for line, a in self._parts:
            self._starts.append(total)
            dets.append(line.det[a:])
            total += len(line.det) - a
        self._starts.append(total)
        self.det = "".join(dets)

    def value(self, i: int, j: int) -> str:
        """
        The canonical value of ``det[i:j]``, line by line without the line breaks.
        """
        out: list[str] = []
        k = bisect.bisect_right(self._starts, i) - 1
        while k < len(self._parts) and self._starts[k] < j:
            line, a = self._parts[k]
            lo = max(i, self._starts[k]) - self._starts[k] + a
            hi = min(j, self._starts[k + 1]) - self._starts[k] + a
            if lo < hi:
                out.append(line.value(lo, hi))
            k += 1
        return out[0] if len(out) == 1 else canonical("".join(out))

    def span(self, i: int, j: int) -> tuple[int, int]:
        k = bisect.bisect_right(self._starts, i) - 1
        line, a = self._parts[k]
        start = line.offset(a + i - self._starts[k])
        k = bisect.bisect_right(self._starts, j - 1) - 1
        line, a = self._parts[k]
        return start, line.offset(a + j - 1 - self._starts[k]) + 1
