"""
Reading a letter's lines into one `_Draft`: finding the letter, then each stage.
"""

from __future__ import annotations

import re

from gxai_policy.text.reader._body import _BodyReading
from gxai_policy.text.reader._cases import _CaseReading, _cites_proposal
from gxai_policy.text.reader._draft import _Draft
from gxai_policy.text.reader._foot import _FootReading
from gxai_policy.text.reader._head import _HeadReading
from gxai_policy.text.reader._lines import _Line, _split_lines
from gxai_policy.text.reader._patterns import (
    _BARE_CLOSE,
    _GREETING,
    _HONORIFIC,
    _INLINE_RECIPIENT,
    _NOT_RECIPIENT,
    _OPENING,
    _RECIPIENT_COLON,
    _SENTENCE_END,
    _is_end_furniture,
    _is_furniture,
    _marker,
    _recipient_like,
)
from gxai_policy.text.reader._rules import NO_RECIPIENT, NOT_A_LETTER
from gxai_policy.text.reader._state import _SEAM, _TITLE_MAX, _continues

# No __all__: nothing here is public (the docs list what an __all__ names).


def _inline_match(line: _Line, words: _Line | None) -> re.Match[str] | None:
    """
    ``农工民主党广西区委：贵委提出的…收悉``: the addressee opening the opening's line.

    The opening's words may be on *line* after the addressee, or on a later
    line *words* of the same wrapped paragraph: written on one line, both
    read alike.
    """
    m = _INLINE_RECIPIENT.match(line.det)
    if (
        m is not None
        and (words is not line or _OPENING.search(line.det, m.end()) is not None)
        and _OPENING.search(m.group(1)) is None
        and _recipient_like(m.group())
    ):
        return m
    return None


def _without_greeting(det: str) -> str:
    """
    ``王丽代表:您好!`` without the greeting after the colon.
    """
    colon = det.find(":")
    if colon > 0 and _GREETING.fullmatch(det, colon + 1):
        return det[: colon + 1]
    return det


class _Reader(_HeadReading, _FootReading, _BodyReading, _CaseReading):
    """
    One reading of one text: finds the letter's parts, fills a `_Draft`.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = _split_lines(text)
        # A letter that indents its paragraphs marks each new one with it.
        self.indented = sum(1 for line in self.lines if line.det and line.raw[:1].isspace()) >= 2
        self.draft = _Draft()
        self.title_lines: list[_Line] = []
        self.opening_line: _Line | None = None
        # The line holding the opening's words (收悉, 答复如下), which a
        # wrapped opening may start above.
        self.words_line: _Line | None = None
        self.opening_from = 0
        # Each paragraph and heading of the body: the lines (and where in the
        # first one) it is written on.
        self.blocks: list[list[tuple[_Line, int]]] = []
        # Whether the body has had a top-level section (一、) yet.
        self.level_one_seen = False

    def _previous(self, index: int) -> int | None:
        for i in range(index - 1, -1, -1):
            if self.lines[i].det:
                return i
        return None

    def _anchor(self) -> tuple[int | None, int | None, int | None]:
        """
        The recipient line, the opening line, or a title citing a proposal.
        """
        lines = self.lines
        for line in lines:
            det = line.det
            if det and self._opens(line) and not _is_furniture(det):
                # A wrapped opening starts on an earlier line, never on a heading.
                first = line
                while (
                    first.index > 0
                    and _continues(lines[first.index - 1], first, indented=self.indented)
                    and _marker(lines[first.index - 1].det) is None
                    and _BARE_CLOSE.match(lines[first.index - 1].det) is None
                ):
                    first = lines[first.index - 1]
                prev = self._previous(first.index)
                if prev is not None and _GREETING.fullmatch(lines[prev].det):
                    # 您好！ on its own line belongs to the salutation.
                    prev = self._previous(prev)
                if prev is not None and _recipient_like(_without_greeting(lines[prev].det)):
                    return prev, first.index, None
                # No addressee right above nor at the start of the opening: one
                # on a line of its own further up (the opening may have been
                # found only where a wrapped line joined the words 答复如下).
                self.words_line = line
                colon = None if _inline_match(first, line) else self._colon_recipient(first.index)
                if colon is not None:
                    return colon, None, None
                return None, first.index, None
        colon = self._colon_recipient(len(lines))
        if colon is not None:
            return colon, None, None
        for line in lines:
            det = line.det
            if len(det) <= _TITLE_MAX and not _SENTENCE_END.search(det) and _cites_proposal(det):
                return None, None, line.index
        return None, None, None

    def _opens(self, line: _Line) -> bool:
        """
        Whether *line* holds the opening's words (收悉, 答复如下), or starts them
        where a hard-wrapped line goes on (``…的答复`` then ``如下：``).
        """
        if _OPENING.search(line.det) is not None:
            return True
        after = line.index + 1
        if after >= len(self.lines):
            return False
        nxt = self.lines[after]
        tail = line.det[-_SEAM:]
        m = _OPENING.search(tail + nxt.det[:_SEAM])
        # Only words that straddle the seam: the next line's own are its.
        return (
            m is not None
            and m.start() < len(tail) < m.end()
            and _continues(line, nxt, indented=self.indented)
        )

    def _colon_recipient(self, limit: int) -> int | None:
        """
        The first line before *limit* that is an addressee and its colon (``王明代表:``).
        """
        lines = self.lines
        for line in lines[:limit]:
            det = line.det
            if (
                _RECIPIENT_COLON.fullmatch(det)
                and _NOT_RECIPIENT.search(det) is None
                and not _is_furniture(det)
                and _marker(det) is None
                and line.index + 1 < len(lines)
                and lines[line.index + 1].number <= line.number + 3
            ):
                return line.index
        return None

    def read(self) -> _Draft:
        """
        Read the letter; raise `ParseError` if the text is not one.
        """
        d = self.draft
        top, body_start = self._start()
        self._read_header(top)
        d.header_end = self.lines[top].start if top < len(self.lines) else len(self.text)
        if d.recipient is None:
            raise NO_RECIPIENT.parse_error(self.text, d.header_end)
        cut = next(
            (
                line.index
                for line in self.lines[body_start:]
                if line.det and _is_end_furniture(line.det)
            ),
            len(self.lines),
        )
        footer_start = self._read_footer(body_start, cut)
        last = next((line for line in reversed(self.lines[body_start:cut]) if line.det), None)
        d.letter_end = d.header_end if last is None else last.end
        after = [p.start for p in (d.note, d.contact_line, *d.cc[:1]) if p is not None]
        d.body_end = min(after, default=d.letter_end)
        self._read_body(body_start, footer_start)
        self._read_proposal()
        self._read_references()
        return d

    def _start(self) -> tuple[int, int]:
        """
        Find the letter: the index of the line its head ends above, and of its body's first.
        """
        d = self.draft
        recipient, opening, titled = self._anchor()
        if opening is not None:
            self.opening_line = self.lines[opening]
        if recipient is not None:
            line = self.lines[recipient]
            det = _without_greeting(line.det)
            end = len(det) - 1 if det.endswith(":") else len(det)
            honorific = _HONORIFIC.match(det)
            d.recipient = line.piece(0 if honorific is None else honorific.end(), end)
            return recipient, recipient + 1
        if opening is not None:
            self._inline_recipient(self.lines[opening])
            return opening, opening
        if titled is not None:
            return titled + 1, titled + 1
        first = next((line for line in self.lines if line.det), None)
        raise NOT_A_LETTER.parse_error(
            self.text,
            0 if first is None else first.offset(0),
            reason="no recipient line, no opening (…收悉/答复如下) and no proposal cited",
            reason_zh="没有主送机关行、“……收悉/答复如下”开头语，也未提及提案或建议",
        )

    def _inline_recipient(self, line: _Line) -> None:
        """
        ``农工民主党广西区委：贵委提出的…收悉``: the recipient opens the opening line.
        """
        m = _inline_match(line, self.words_line)
        if m is not None:
            honorific = _HONORIFIC.match(line.det)
            self.draft.recipient = line.piece(
                0 if honorific is None else honorific.end(), m.end() - 1
            )
            self.opening_from = m.end()
            greeting = _GREETING.match(line.det, m.end())
            if greeting is not None:
                self.opening_from = greeting.end()
