"""
What the stages of one reading share: its state, the open paragraph, the wrap test.
"""

from __future__ import annotations

import re
from typing import Final

import attrs

from gxai_policy.text.reader._draft import Spanned, _Draft, _Piece
from gxai_policy.text.reader._lines import _Line
from gxai_policy.text.reader._patterns import (
    _ATTACHMENT,
    _CATEGORY_LINE,
    _CC,
    _CLOSING,
    _CONTACT,
    _LEADER,
    _NOTE,
    _PAGE_NUMBER,
    _SENTENCE_END,
    _date_line,
    _is_furniture,
    _is_markup,
    _is_organ,
    _marker,
)
from gxai_policy.values._text import canonical
from gxai_policy.values.codelists import ReplyCategory

# No __all__: nothing here is public (the docs list what an __all__ names).


def _category(line: _Line, a: int, b: int) -> Spanned[ReplyCategory]:
    return Spanned(ReplyCategory.from_label(line.value(a, b).upper()), *line.span(a, b))


def _is_row(line: _Line) -> bool:
    """
    Whether *line* is a row of a table: pipe-separated cells, or tab-separated.
    """
    det = line.det
    if "|" in det and (det.startswith("|") or det.count("|") >= 2):
        return True
    # Most lines hold no tab: strip (a copy) only those that do.
    return "\t" in line.raw and "\t" in line.raw.strip()


# A heading that lost its marker: short, and no sentence.
_HEADING_LIKE: Final = re.compile(r"[^。！？；，：,.!?;:]{2,30}")


_WRAP_MIN: Final = 15


# The opening's words are short: where two wrapped lines meet, this much of
# each is enough to find them.
_SEAM: Final = 8


# The longest contact line, and the longest leader's signature line (领导署名：…).
_FOOTER_LINE_MAX: Final = 80


_LEADER_MAX: Final = 24


# The longest headline, over all its lines; a longer line is no head's.
_TITLE_MAX: Final = 160


# How far above the recipient a letter's head and the page's metadata may reach.
_HEAD_LINES: Final = 40


_FOOTER_LINES: Final = 400


_AFTER_DATE_LINES: Final = 12


_ENDS_PARAGRAPH: Final = frozenset("。!?;:")


def _continues(prev: _Line, line: _Line, *, indented: bool, page_break: bool = False) -> bool:
    """
    Whether *line* continues the paragraph *prev* ends: a hard-wrapped copy.

    GB/T 9704 sets 28 characters a line, and text taken from a PDF keeps the
    breaks: a full line followed at once by an unindented line that is no
    heading goes on with the same paragraph, if the line does not close with
    a full stop — or whatever it closes with, in a letter that indents its
    paragraphs (*indented*), where a new paragraph shows by its indent.  A
    page number between the two (*page_break*) does not part them.  A table
    row, a labelled footer line (联系人：…, 抄送：…, a date) and page
    furniture (索引号：…) are never wrapped prose: written on one line with
    what follows, they would read back as something else.
    """
    # The cheap tests first: most lines of a letter are parted by a blank line.
    return (
        (page_break or line.number == prev.number + 1)
        and len(prev.det) >= _WRAP_MIN
        and not _is_row(prev)
        and not _is_row(line)
        and (indented or prev.det[-1] not in _ENDS_PARAGRAPH)
        and not line.raw[:1].isspace()
        and _marker(line.det) is None
        and not _labelled_footer(prev.det)
        and not _labelled_footer(line.det)
        and not _is_furniture(prev.det)
        and not _is_furniture(line.det)
    )


def _passed_over(det: str) -> bool:
    """
    Whether a line after the body is passed over: a page number, markup, page furniture.
    """
    return not det or bool(_PAGE_NUMBER.fullmatch(det)) or _is_markup(det) or _is_furniture(det)


def _all_closing(det: str) -> bool:
    """
    Whether every sentence of *det* is a closing formula (特此函复。感谢…支持！).

    A line that goes on after its closing with other prose is a paragraph.
    """
    if _CLOSING.match(det) is None:
        return False
    start = 0
    for end in _SENTENCE_END.finditer(det):
        if _CLOSING.match(det, start, end.end()) is None:
            return False
        start = end.end()
    return start == len(det) or _CLOSING.match(det, start) is not None


def _dated(det: str) -> bool:
    m = _date_line(det)
    return m is not None and (not m["pre"] or _is_organ(m["pre"]))


def _leader_line(det: str) -> bool:
    return len(det) <= _LEADER_MAX and _LEADER.fullmatch(det) is not None


# Each element and its test, in the order they are tried.
_KIND_TESTS: Final = (
    ("date", _dated),
    ("note", _NOTE.fullmatch),
    ("cc", _CC.match),
    ("attach", _ATTACHMENT.match),
    ("contact", _CONTACT.match),
    ("category", _CATEGORY_LINE.fullmatch),
    ("leader", _leader_line),
    ("organ", _is_organ),
    ("closing", _all_closing),
)
# Body lines are long, and only a 抄送 or 附件 line is longer than the
# longest contact line: every other element's pattern is bounded (a test
# pins their widths), so those are all a long line is tried for.
_LONG_KIND_TESTS: Final = (("cc", _CC.match), ("attach", _ATTACHMENT.match))


def _footer_kind(det: str) -> str | None:
    """
    The footer element *det* would be: ``date``, ``note``, ``cc`` … or None.
    """
    for kind, test in _LONG_KIND_TESTS if len(det) > _FOOTER_LINE_MAX else _KIND_TESTS:
        if test(det):
            return kind
    return None


# The elements a line shows by its label or form (not an organ, not a closing).
_LABELLED: Final = frozenset({"date", "note", "cc", "attach", "contact", "category", "leader"})


def _labelled_footer(det: str) -> bool:
    """
    Whether *det* reads as a footer element by its label or form (not an organ, not a closing).
    """
    return _footer_kind(det) in _LABELLED


@attrs.define
class _Open:
    """
    The paragraph being read, which a wrapped line may continue.
    """

    target: list[_Piece]
    line: _Line
    a: int
    prefix: _Piece | None
    block: list[tuple[_Line, int]]
    # The texts of the lines read so far, joined when the paragraph closes:
    # joining at every line made a long wrapped paragraph quadratic.
    parts: list[str] = attrs.field(factory=list)

    def extend(self, line: _Line) -> None:
        before = self.target[-1]
        more = line.piece()
        if not self.parts:
            self.parts.append(before.value)
        self.parts.append(more.value)
        self.target[-1] = Spanned(before.value, before.start, more.end)
        self.prefix, self.line, self.a = before, line, 0
        self.block.append((line, 0))

    def close(self) -> None:
        """
        Give the paragraph its whole text; the reader calls this before moving on.
        """
        if self.parts:
            last = self.target[-1]
            # Joined values are canonical as one line is: so the writer's one line reads back.
            self.target[-1] = Spanned(canonical("".join(self.parts)), last.start, last.end)
            self.parts = []

    def text_before_last_line(self) -> str:
        """
        The paragraph's text up to the line being read.
        """
        return "".join(self.parts[:-1])


class _State:
    """
    What every stage of one reading shares: the text, its lines, the draft.
    """

    text: str
    lines: list[_Line]
    indented: bool
    draft: _Draft
    title_lines: list[_Line]
    opening_line: _Line | None
    words_line: _Line | None
    opening_from: int
    blocks: list[list[tuple[_Line, int]]]
    level_one_seen: bool
