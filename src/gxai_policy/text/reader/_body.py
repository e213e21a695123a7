"""
Reading a letter's body: the opening, numbered sections, wrapped paragraphs, tables.
"""

from __future__ import annotations

from gxai_policy.text.reader._draft import Spanned, _SectionDraft
from gxai_policy.text.reader._lines import _Line
from gxai_policy.text.reader._patterns import (
    _BARE_CLOSE,
    _GREETING,
    _PAGE_NUMBER,
    _SENTENCE_END,
    _TRAILING_CLOSING,
    _is_markup,
    _marker,
)
from gxai_policy.text.reader._state import _HEADING_LIKE, _continues, _is_row, _Open, _State
from gxai_policy.values._text import canonical
from gxai_policy.values.numerals import to_chinese_integer

# No __all__: nothing here is public (the docs list what an __all__ names).


def _section(line: _Line, a: int, level: int, mark_end: int) -> tuple[_SectionDraft, int | None]:
    """
    A section from its heading line: the marker, then a heading up to the first
    full stop, and what follows it as the section's first paragraph (where it
    starts in ``line.det`` is returned too).
    """
    det = line.det
    section = _SectionDraft(level=level, number=line.piece(a, mark_end))
    if mark_end < len(det):
        stop = _SENTENCE_END.search(det, mark_end)
        if stop is not None and stop.end() < len(det):
            section.heading = line.piece(mark_end, stop.end())
            section.paragraphs.append(line.piece(stop.end()))
            return section, stop.end()
        section.heading = line.piece(mark_end)
    return section, None


class _BodyReading(_State):
    """
    Reading a letter's body: the opening, numbered sections, wrapped paragraphs, tables.
    """

    def _read_body(self, start: int, end: int) -> None:
        d = self.draft
        stack: list[_SectionDraft] = []
        last: _Open | None = None
        page_break = False
        for line in self.lines[start:end]:
            det = line.det
            if _PAGE_NUMBER.fullmatch(det):
                page_break = True
                continue
            a = self._body_from(line)
            if a is None:
                continue
            joined = self._join(last, line, page_break=page_break)
            page_break = False
            if joined:
                continue
            self.blocks.append([(line, a)])
            found = self._heading(stack, line, a)
            if found is None:
                target = stack[-1].paragraphs if stack else d.paragraphs
                target.append(line.piece(a))
                last = _Open(target, line, a, None, self.blocks[-1])
                continue
            section, rest = found
            last = None
            if rest is not None:
                last = _Open(section.paragraphs, line, rest, None, self.blocks[-1])
            while stack and stack[-1].level >= section.level:
                stack.pop()
            if section.level == 1 and not stack:
                self._restore_lost_first(section)
            (stack[-1].children if stack else d.sections).append(section)
            stack.append(section)
        if last is not None:
            self._finish(last)

    def _body_from(self, line: _Line) -> int | None:
        """
        Where the body's text on *line* starts, or None for a line with none.
        """
        det = line.det
        if _is_markup(det):
            return None
        a = self.opening_from if line is self.opening_line else 0
        # 您好！ after the addressee is the salutation's, on its line or the opening's.
        greeting = None if self.blocks else _GREETING.match(det, a)
        if greeting is not None:
            a = greeting.end()
        return a if a < len(det) else None

    def _heading(
        self, stack: list[_SectionDraft], line: _Line, a: int
    ) -> tuple[_SectionDraft, int | None] | None:
        """
        The section *line* opens, if it opens one, damaged markers included.
        """
        found = _marker(line.det, a)
        if found is not None:
            return _section(line, a, *found)
        if _BARE_CLOSE.match(line.det, a) is None or _is_row(line):
            return None
        # ``)加强顶层设计``: a （N） that lost its bracket and number follows the last one.
        parent = next((s for s in reversed(stack) if s.level == 1), None)
        siblings = self.draft.sections if parent is None else parent.children
        # Counted, not searched: a letter of many such lines stays linear.
        section, rest = _section(line, a, 2, a + 1)
        number = "（" + to_chinese_integer(len(siblings) + 1) + "）"
        section.number = Spanned(number, section.number.start, section.number.end)
        return section, rest

    def _restore_lost_first(self, section: _SectionDraft) -> None:
        """
        ``二、`` with no ``一、`` before it: the heading-like paragraph that lost its marker.
        """
        d = self.draft
        first_of_level = not self.level_one_seen
        self.level_one_seen = True
        if section.number.value != "二、" or not first_of_level:
            return
        k = next(
            (
                k
                for k in range(1, len(d.paragraphs))
                if _HEADING_LIKE.fullmatch(d.paragraphs[k].value)
            ),
            None,
        )
        if k is None:
            return
        heading = d.paragraphs[k]
        first = _SectionDraft(
            level=1,
            # The lost marker stood where the heading starts: its line stands for it.
            number=Spanned("一、", heading.start, heading.end),
            heading=heading,
            paragraphs=d.paragraphs[k + 1 :],
            children=d.sections,
        )
        d.paragraphs = d.paragraphs[:k]
        d.sections = [first]

    def _finish(self, last: _Open) -> None:
        """
        Close the body's last paragraph, a closing sentence at its end split off.
        """
        if not self.draft.closing:
            self._split_closing(last)
        last.close()

    def _join(self, last: _Open | None, line: _Line, *, page_break: bool) -> bool:
        """
        Add *line* to the open paragraph if it continues it; else close that paragraph.
        """
        if last is None:
            return False
        if _continues(last.line, line, indented=self.indented, page_break=page_break):
            last.extend(line)
            return True
        last.close()
        return False

    def _split_closing(self, last: _Open) -> None:
        """
        ``…应用场景。感谢您对我厅工作的支持。``: a closing ending the last paragraph.
        """
        line, a = last.line, last.a
        det = line.det
        m = _TRAILING_CLOSING.search(det, max(a, len(det) - 120))
        if m is None or m.start() <= a:
            return
        kept = line.piece(a, m.start())
        if last.prefix is not None:
            text = canonical(last.text_before_last_line() + kept.value)
            kept = Spanned(text, last.prefix.start, kept.end)
        last.target[-1] = kept
        last.parts = []
        self.draft.closing.append(line.piece(m.start()))
