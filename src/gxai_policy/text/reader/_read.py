"""
Reading a letter's lines into one `_Draft`: its parts, each with its span.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from typing import Final

import attrs

from gxai_policy.errors import ValidationError
from gxai_policy.records.proposal import ProposalRef
from gxai_policy.records.reply import Reference
from gxai_policy.text.reader._draft import Spanned, _Draft, _Piece, _SectionDraft
from gxai_policy.text.reader._lines import _Joined, _Line, _split_lines
from gxai_policy.text.reader._patterns import (
    _ATTACHMENT,
    _BARE_CLOSE,
    _BARE_PHONE,
    _BOOK_TITLE,
    _BRACKETED_YEAR,
    _CATEGORY_LINE,
    _CC,
    _CC_ITEM,
    _CITES,
    _CLOSING,
    _CONTACT,
    _CONTACT_NAME,
    _CONTACT_PHONE,
    _DATE_LINE,
    _DATE_LINE_MAX,
    _DOC_LABEL,
    _DOC_LINE,
    _GREETING,
    _HEADLINE_ORGAN,
    _HONORIFIC,
    _INLINE_DOC,
    _INLINE_RECIPIENT,
    _INTRODUCES_TITLE,
    _ISSUER_LABELS,
    _ISSUER_STOP,
    _ITEM_NUMBER,
    _KIND_WORD,
    _LEADER,
    _LETTERHEAD_SUFFIX,
    _META_FIELD,
    _META_LABEL,
    _NOT_RECIPIENT,
    _NOTE,
    _NUMBER_FIELD,
    _NUMBER_LABELS,
    _OPENING,
    _PAGE_NUMBER,
    _PROPOSAL_AFTER,
    _PROPOSAL_BEFORE,
    _PROPOSAL_TITLE,
    _QUOTED_TITLE,
    _RECIPIENT_COLON,
    _SEAL,
    _SENTENCE_END,
    _SESSION_CORE,
    _SESSION_STOP,
    _SESSION_STOP_WORDS,
    _SESSION_TRIES,
    _SIGNER,
    _TITLE_DOC,
    _TITLE_META,
    _TRAILING_CLOSING,
    _YEAR_BEFORE,
    _doc_number,
    _is_end_furniture,
    _is_furniture,
    _is_markup,
    _is_organ,
    _is_title_like,
    _marker,
    _recipient_like,
)
from gxai_policy.text.reader._rules import NO_RECIPIENT, NOT_A_LETTER
from gxai_policy.values._text import canonical
from gxai_policy.values.codelists import Body, ProposalKind, ReplyCategory
from gxai_policy.values.dates import parse_date
from gxai_policy.values.identifiers import DocumentNumber, ProposalNumber
from gxai_policy.values.numerals import to_chinese_integer
from gxai_policy.values.session import Session

# No __all__: nothing here is public (the docs list what an __all__ names).


def _category(line: _Line, a: int, b: int) -> Spanned[ReplyCategory]:
    return Spanned(ReplyCategory.from_label(line.value(a, b).upper()), *line.span(a, b))


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
    return (
        not _is_row(prev)
        and not _is_row(line)
        and (page_break or line.number == prev.number + 1)
        and len(prev.det) >= _WRAP_MIN
        and (indented or prev.det[-1] not in _ENDS_PARAGRAPH)
        and not line.raw[:1].isspace()
        and _marker(line.det) is None
        and not _labelled_footer(prev.det)
        and not _labelled_footer(line.det)
        and not _is_furniture(prev.det)
        and not _is_furniture(line.det)
    )


def _head_line(det: str) -> bool:
    """
    Whether *det* may stand in a letter's head (a line ending with a colon introduces
    what follows, a sentence is body, a date is a footer's).
    """
    return not (
        len(det) > _TITLE_MAX
        or det.endswith(":")
        or _SENTENCE_END.search(det)
        or _is_furniture(det)
        or _DATE_LINE.fullmatch(det)
    )


def _one_head_line(det: str) -> bool:
    """
    Whether a title read over several lines, *det* joined, reads back from one line.
    """
    piped = det.startswith("|") or det.count("|") >= 2
    return (
        _head_line(det)
        and not piped
        and _META_LABEL.match(det) is None
        and _DOC_LINE.fullmatch(det) is None
        and _CATEGORY_LINE.fullmatch(det) is None
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


def _labelled_footer(det: str) -> bool:
    """
    Whether *det* reads as a footer element by its label or form (not an organ, not a closing).
    """
    if len(det) <= _DATE_LINE_MAX:
        m = _DATE_LINE.fullmatch(det)
        if m is not None and (not m["pre"] or _is_organ(m["pre"])):
            return True
    return bool(
        _NOTE.fullmatch(det)
        or _CC.match(det)
        or _ATTACHMENT.match(det)
        or (_CONTACT.match(det) and len(det) <= _FOOTER_LINE_MAX)
        or _CATEGORY_LINE.fullmatch(det)
        or (len(det) <= _LEADER_MAX and _LEADER.fullmatch(det))
    )


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


class _Reader:
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

    # ------------------------------------------------------------ the anchor

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

    # ------------------------------------------------------------ header

    def _read_header(self, top: int) -> None:
        """
        Read 发文字号, category, title and letterhead from the lines right above *top*.
        """
        rest = [line for line in self._header_run(top) if not self._header_mark(line)]
        # A page may repeat the title as its headline: the last 关于 starts it.
        starts = [k for k, line in enumerate(rest) if line.det.startswith("关于")]
        starts = starts or [k for k, line in enumerate(rest) if "关于" in line.det]
        if starts:
            start = starts[-1]
        else:
            # Lines before the title are the 发文机关标志 (letterhead) or noise.
            start = next(
                (k for k, line in enumerate(rest) if _is_title_like(line.det)),
                len(rest) if all(_is_organ(line.det) for line in rest) else 0,
            )
        self._letterhead(rest[:start])
        self.title_lines = rest[start:]
        joined = "".join(line.det for line in self.title_lines)
        # A title is at most _TITLE_MAX long over all its lines, so that the
        # one line the writer makes of it is one the reader takes; and a
        # "title" that reads as an organ's name is the letterhead.
        if self.title_lines and not _one_head_line(joined):
            self.title_lines = []
        elif self.title_lines and _is_organ(joined):
            self._letterhead(self.title_lines)
            self.title_lines = []
        if self.title_lines:
            first, last = self.title_lines[0], self.title_lines[-1]
            # A headline with the page's metadata on its line ends before it.
            m = _TITLE_META.search(last.det, 4) if last.det else None
            end = last.span()[1] if m is None else last.span(0, m.start())[1]
            values = [line.value() for line in self.title_lines[:-1]]
            values.append(last.value() if m is None else last.value(0, m.start()))
            self.draft.title = Spanned(canonical("".join(values)), first.offset(0), end)
            self._headline_organ(first)

    def _letterhead(self, lines: list[_Line]) -> None:
        """
        The 发文机关标志 above the title: ``南宁市科学技术局``, ``某局文件``.
        """
        for line in lines:
            det = line.det
            cut = _LETTERHEAD_SUFFIX.search(det)
            end = len(det) if cut is None else cut.start()
            if end and _is_organ(det[:end]):
                self.draft.letterhead.append(line.piece(0, end))

    def _headline_organ(self, line: _Line) -> None:
        """
        ``南宁市科学技术局关于…的答复``: the organ a GB/T 9704 headline names.
        """
        m = _HEADLINE_ORGAN.match(line.det)
        if m is not None and _is_organ(m["organ"]):
            self.draft.headline_organ = line.piece(0, m.end("organ"))

    def _header_run(self, top: int) -> list[_Line]:
        """
        The lines above *top*, up to the first that cannot be in a letter's head.

        Page metadata (labelled rows, pipe-separated form rows, bylines) is
        read for its 发文字号 and issuer and passed over.
        """
        run: list[_Line] = []
        i = top - 1
        scanned = 0
        while i >= 0 and len(run) < 8 and scanned < _HEAD_LINES:
            line = self.lines[i]
            det = line.det
            i -= 1
            scanned += 1
            if not det:
                continue
            if self._metadata(line):
                continue
            if not _head_line(det):
                break
            run.append(line)
        run.reverse()
        return run

    def _metadata(self, line: _Line) -> bool:
        """
        Read a line of page metadata (``发布机构：…``, ``| 文号 | … |``); False for any other.
        """
        det = line.det
        piped = det.startswith("|") or det.count("|") >= 2
        if not piped and _META_LABEL.match(det) is None:
            return False
        if _DOC_LABEL.match(det) is not None and self._header_mark(line):
            return True
        cells = [c for c in det.split("|") if c] if piped else [det]
        offset = 0
        for k, cell in enumerate(cells):
            a = det.index(cell, offset)
            offset = a + len(cell)
            m = _META_FIELD.fullmatch(det, a, offset)
            if m is not None:
                self._meta_value(line, m["label"], *m.span("value"))
            elif piped and k + 1 < len(cells) and cell in _ISSUER_LABELS | _NUMBER_LABELS:
                b = det.index(cells[k + 1], offset)
                self._meta_value(line, cell, b, b + len(cells[k + 1]))
        return True

    def _meta_value(self, line: _Line, label: str, a: int, b: int) -> None:
        d = self.draft
        if label in _ISSUER_LABELS and d.published_by is None and _is_organ(line.det[a:b]):
            d.published_by = line.piece(a, b)
        elif label in _NUMBER_LABELS and d.doc_number is None:
            number = _doc_number(line.value(a, b))
            if number is not None:
                d.doc_number = Spanned(number, *line.span(a, b))

    def _header_mark(self, line: _Line) -> bool:
        """
        Read a 发文字号 or category line of the head; False for any other line.
        """
        d = self.draft
        det = line.det
        label = _DOC_LABEL.match(det)
        signer = _SIGNER.search(det)
        a = 0 if label is None else label.end()
        b = len(det) if signer is None else signer.start()
        m = _DOC_LINE.fullmatch(det, a, b)
        number = None if m is None else _doc_number(line.value(m.start("num"), m.end("num")))
        if m is not None and number is not None:
            d.doc_number = Spanned(number, *line.span(m.start("num"), m.end("num")))
            for group in ("cat", "after"):
                if m[group]:
                    d.category = _category(line, m.start(group), m.end(group))
            return True
        m = _CATEGORY_LINE.fullmatch(det)
        if m is not None:
            d.category = _category(line, m.start("c"), m.end("c"))
            return True
        return False

    # ------------------------------------------------------------ footer

    def _footer_kind(self, det: str) -> str | None:  # noqa: PLR0911 - one return per element
        # Body lines are long: spare them trying the date at 40 places.
        m = _DATE_LINE.fullmatch(det) if len(det) <= _DATE_LINE_MAX else None
        if m is not None and (not m["pre"] or _is_organ(m["pre"])):
            return "date"
        if _NOTE.fullmatch(det):
            return "note"
        if _CC.match(det):
            return "cc"
        if _ATTACHMENT.match(det):
            return "attach"
        if _CONTACT.match(det) and len(det) <= _FOOTER_LINE_MAX:
            return "contact"
        if _CATEGORY_LINE.fullmatch(det):
            return "category"
        if len(det) <= _LEADER_MAX and _LEADER.fullmatch(det):
            return "leader"
        if _is_organ(det):
            return "organ"
        if len(det) <= _FOOTER_LINE_MAX and _all_closing(det):
            return "closing"
        return None

    def _footer_kinds(self, start: int, cut: int) -> dict[int, str | None]:
        """
        What element each line would be in a footer, continuation lines included.
        """
        kinds: dict[int, str | None] = {}
        state: str | None = None
        # A footer is a few lines long: look at the last few hundred only.
        start = max(start, cut - _FOOTER_LINES)
        for line in self.lines[start:cut]:
            det = line.det
            if not det:
                continue
            kind = self._footer_kind(det)
            # 附件 items after the first, and 抄送 wrapped over lines.
            if state == "attach" and kind is None and _ITEM_NUMBER.match(det):
                kind = "attach_item"
            elif state == "cc" and kind in (None, "organ"):
                kind = "cc_cont"
            kinds[line.index] = kind
            if kind in ("attach", "attach_item"):
                state = "attach"
            elif kind in ("cc", "cc_cont") and not det.endswith("。"):
                state = "cc"
            else:
                state = None
        return kinds

    def _read_footer(self, start: int, cut: int) -> int:
        """
        Read the elements after the body; return the index of the first.
        """
        kinds = self._footer_kinds(start, cut)
        # Nothing of the body follows the date: lines after it that are no
        # element the reader knows (a QR code's caption …) are passed over,
        # a few of them (counted so, the elements the writer moves above the
        # recipient, such as the category, change nothing).
        dated = cut
        unknown = 0
        for k in reversed(kinds):
            if kinds[k] == "date":
                dated = k
                break
            if kinds[k] is None and not _passed_over(self.lines[k].det):
                unknown += 1
                if unknown > _AFTER_DATE_LINES:
                    break
        footer: list[int] = []
        i = cut - 1
        while i >= start:
            det = self.lines[i].det
            kind = kinds.get(i)
            if _passed_over(det) or (kind is None and i > dated and len(det) <= 80):
                i -= 1
                continue
            if kind is None:
                break
            footer.append(i)
            i -= 1
        readers = {
            "date": self._date,
            "organ": self._organ,
            "note": self._note,
            "cc": self._cc,
            "cc_cont": self._cc,
            "attach": self._attachment,
            "attach_item": self._attachment,
            "contact": self._contact,
            "category": self._category,
            "closing": self._closing,
            "leader": self._leader,
        }
        for index in reversed(footer):
            kind = kinds[index]
            if kind is not None:
                readers[kind](self.lines[index])
        return i + 1

    def _date(self, line: _Line) -> None:
        m = _DATE_LINE.fullmatch(line.det)
        if m is None:  # pragma: no cover - the kind says it matches
            return
        if m["pre"]:
            self.draft.signature.append(line.piece(0, m.end("pre")))
        d = self.draft
        d.date = line.piece(m.start("date"), m.end("date"))
        try:
            d.signed_on = parse_date(d.date.value)
        except ValidationError as exc:
            d.date_error = exc

    def _organ(self, line: _Line) -> None:
        # （盖章）, （代章） stand for the seal, not the name.
        seal = _SEAL.search(line.det)
        self.draft.signature.append(line.piece(0, len(line.det) if seal is None else seal.start()))

    def _leader(self, line: _Line) -> None:
        m = _LEADER.fullmatch(line.det)
        if m is not None:
            self.draft.leader = line.piece(*m.span("name"))

    def _note(self, line: _Line) -> None:
        self.draft.note = line.piece()

    def _cc(self, line: _Line) -> None:
        det = line.det
        head = _CC.match(det)
        a = 0 if head is None else head.end()
        for m in _CC_ITEM.finditer(det, a):
            self.draft.cc.append(line.piece(m.start(), m.end()))

    def _attachment(self, line: _Line) -> None:
        det = line.det
        head = _ATTACHMENT.match(det)
        a = 0 if head is None else head.end()
        number = _ITEM_NUMBER.match(det, a)
        if number is not None:
            a = number.end()
        if a < len(det):
            self.draft.attachments.append(line.piece(a))

    def _category(self, line: _Line) -> None:
        m = _CATEGORY_LINE.fullmatch(line.det)
        if m is not None:
            self.draft.category = _category(line, m.start("c"), m.end("c"))

    def _closing(self, line: _Line) -> None:
        self.draft.closing.append(line.piece())

    def _contact(self, line: _Line) -> None:
        d = self.draft
        det = line.det
        m = _CONTACT_NAME.search(det)
        if m is not None and d.contact_name is None:
            d.contact_name = line.piece(m.start(1), m.end(1))
        m = _CONTACT_PHONE().search(det) or _BARE_PHONE.search(det)
        if m is not None and d.contact_phone is None:
            d.contact_phone = line.piece(m.start(1), m.end(1))
        if d.contact_line is None:
            d.contact_line = line.piece()

    # ------------------------------------------------------------ body

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

    # ------------------------------------------------------------ proposal, references

    def _sources(self) -> list[_Joined]:
        sources = []
        if self.title_lines:
            sources.append(_Joined((line, 0) for line in self.title_lines))
        if self.blocks:
            sources.append(_Joined(self.blocks[0]))
        return sources

    def _read_proposal(self) -> None:
        """
        The proposal or suggestion answered: what the title, the opening and the head state.

        Each part is read where the letter first states it; the kind, failing
        the words 提案/建议/议案, comes from the addressee (…委员, …代表).
        """
        found = self.draft.proposal
        session_text: Spanned[str] | None = None
        for source in self._sources():
            det = source.det
            m = _PROPOSAL_BEFORE.search(det) or _PROPOSAL_AFTER.search(det)
            if m is not None and found.number is None:
                number = _proposal_number(m["num"])
                if number is not None:
                    found.number = Spanned(number, *source.span(m.start("num"), m.end("num")))
                    found.kind = Spanned(_KINDS[m["kind"]], *source.span(*m.span("kind")))
                    found.year = found.year or _year_before(source, m.start())
            if session_text is None:
                session_text = _session_in(source)
            if found.kind is None:
                k = _KIND_WORD.search(det)
                if k is not None:
                    found.kind = Spanned(_KINDS[k.group()], *source.span(*k.span()))
            if found.title is None:
                found.title = _proposal_title_in(source)
        if found.number is None:
            self._numbered_field()
        self._settle_proposal(session_text)

    def _numbered_field(self) -> None:
        """
        ``提案编号：13020057``, a form field of the head or of a page's metadata.
        """
        found = self.draft.proposal
        top = self.opening_line.index if self.opening_line is not None else len(self.lines)
        for line in self.lines[: min(top, _FIELD_LINES)]:
            m = _NUMBER_FIELD.search(line.det)
            if m is None:
                continue
            number = _proposal_number(m["num"])
            if number is not None:
                found.number = Spanned(number, *line.span(*m.span("num")))
                if found.kind is None and m["kind"]:
                    found.kind = Spanned(_KINDS[m["kind"]], *line.span(*m.span("kind")))
                return

    def _settle_proposal(self, session_text: Spanned[str] | None) -> None:
        """
        Make the parts agree: a session's body decides the kind; an addressee stands in for it.
        """
        found = self.draft.proposal
        if found.kind is None:
            self._kind_unnamed(session_text)
        if found.kind is None:
            return
        if session_text is not None:
            self._session(session_text, found.kind)
        number = None if found.number is None else found.number.value
        if found.session is None and number is not None and number.term and number.meeting:
            # 13020057: the 编号 packs term 13 and meeting 2 when no session is named.
            session = Session(_KIND_BODY[found.kind.value], number.term, number.meeting)
            found.session = Spanned(session, found.number.start, found.number.end)  # type: ignore[union-attr]
        if found.session is not None:
            found.year = None
            self._check_key()

    def _kind_unnamed(self, session_text: Spanned[str] | None) -> None:
        """
        The kind when no word names it: from the session's body, else from the addressee.
        """
        found = self.draft.proposal
        recipient = self.draft.recipient
        named = None if session_text is None else _body_named(session_text.value)
        if session_text is not None and named is not None:
            # 自治区政协十二届四次会议 names a CPPCC session: a proposal, though unnamed.
            found.kind = Spanned(_BODY_KIND[named], session_text.start, session_text.end)
            return
        inferred = None if recipient is None else _kind_of_addressee(recipient.value)
        if recipient is not None and inferred is not None:
            found.kind = Spanned(inferred, recipient.start, recipient.end)
            found.kind_inferred = True

    def _session(self, session_text: Spanned[str], kind: Spanned[ProposalKind]) -> None:
        """
        Read the session named; a body it names overrides the kind the words gave.
        """
        found = self.draft.proposal
        named = _body_named(session_text.value)
        value = kind.value if named is None else _BODY_KIND[named]
        try:
            session = Session.parse(session_text.value, default_body=_KIND_BODY[value])
        except ValidationError:  # pragma: no cover - _session_in read it already
            return
        found.session = Spanned(session, session_text.start, session_text.end)
        if value is not kind.value:
            found.kind = Spanned(value, kind.start, kind.end)
            found.kind_inferred = False

    def _check_key(self) -> None:
        """
        Drop a number that contradicts the session (a year-prefixed number of another year).
        """
        found = self.draft.proposal
        if found.kind is None or found.session is None or found.number is None:
            return
        try:
            ProposalRef(
                kind=found.kind.value, session=found.session.value, number=found.number.value
            )
        except ValidationError:
            found.number = None

    def _read_references(self) -> None:
        d = self.draft
        own = d.proposal.title
        seen: set[object] = set()
        for block in self.blocks:
            if not any(_CITES.search(line.det, a) for line, a in block):
                continue
            for title, number, start, end in _references(_Joined(block)):
                # The proposal's own title, wherever it is quoted, is no document cited.
                if own is not None and title == own.value:
                    continue
                key = title if title is not None else number
                if key in seen:
                    continue
                seen.add(key)
                ref = _reference(title, number, start, end)
                if ref is not None:
                    d.references.append(ref)


_KINDS: Final = {
    "提案": ProposalKind.PROPOSAL,
    "建议": ProposalKind.SUGGESTION,
    # An NPC deputies' motion (议案) is answered as a suggestion is.
    "议案": ProposalKind.SUGGESTION,
}
# A proposal number field sits in the head or the metadata above the letter.
_FIELD_LINES: Final = 60


_KIND_BODY: Final = {ProposalKind.PROPOSAL: Body.CPPCC, ProposalKind.SUGGESTION: Body.NPC}
_BODY_KIND: Final = {body: kind for kind, body in _KIND_BODY.items()}


def _body_named(session: str) -> Body | None:
    """
    The body a session's text names (政协, 人大), if it names one.
    """
    if "政协" in session or "委员会" in session:
        return Body.CPPCC
    if "人大" in session or "人民代表大会" in session:
        return Body.NPC
    return None


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


def _proposal_number(text: str) -> ProposalNumber | None:
    try:
        return ProposalNumber(text)
    except ValidationError:
        return None


def _year_before(source: _Joined, i: int) -> Spanned[int] | None:
    """
    ``2009年第12号提案``: the year written right before the number.
    """
    m = _YEAR_BEFORE.search(source.det, max(0, i - 8), i)
    if m is None:
        return None
    return Spanned(int(m["year"]), *source.span(*m.span("year")))


def _kind_of_addressee(recipient: str) -> ProposalKind | None:
    """
    A member (委员) files proposals, a deputy (代表) suggestions; else None.
    """
    name = recipient.rstrip("：:")
    if name.endswith("委员"):
        return ProposalKind.PROPOSAL
    if name.endswith(("代表", "代表团", "代表组")):
        return ProposalKind.SUGGESTION
    return None


def _proposal_title_in(source: _Joined) -> _Piece | None:
    """
    The proposal's title as quoted: 《…》 or “…”, else 提出的关于…的提案.

    A quoted title is the proposal's when it ends in 提案/建议/议案, when the
    sentence goes on to 收悉 (whatever words come between: ``》一案收悉``,
    ``》（第57号）收悉``), or when 提出的/所提 introduces it.
    """
    det = source.det
    for pattern in (_BOOK_TITLE, _QUOTED_TITLE):
        for m in pattern.finditer(det):
            if _is_proposal_title(det, m):
                return Spanned(source.value(*m.span(1)), *source.span(*m.span(1)))
    plain = _PROPOSAL_TITLE.search(det)
    if plain is not None:
        i, j = plain.start(1), plain.end(1)
        return Spanned(source.value(i, j), *source.span(i, j))
    return None


def _is_proposal_title(det: str, m: re.Match[str]) -> bool:
    if m.group(1).endswith(("提案", "建议", "议案")):
        return True
    after = _SENTENCE_END.search(det, m.end(), m.end() + 40)
    stop = after.start() if after is not None else min(len(det), m.end() + 40)
    if "收悉" in det[m.end() : stop]:
        return True
    return _INTRODUCES_TITLE.search(det, max(0, m.start() - 6), m.start()) is not None


def _cites_proposal(det: str) -> bool:
    return (
        _PROPOSAL_BEFORE.search(det) is not None
        or _PROPOSAL_AFTER.search(det) is not None
        or (_SESSION_CORE.search(det) is not None and _KIND_WORD.search(det) is not None)
    )


def _session_in(source: _Joined) -> Spanned[str] | None:
    """
    The first session named in *source*: its text (folded) and span.
    """
    det = source.det
    # A title or an opening names its session early: a few tries suffice.
    for m in itertools.islice(_SESSION_CORE.finditer(det), _SESSION_TRIES):
        first = m.start()
        while (
            first > 0
            and m.start() - first < 24
            and det[first - 1] not in _SESSION_STOP
            and det[first - 2 : first] not in _SESSION_STOP_WORDS
        ):
            first -= 1
        for k in range(first, m.start() + 1):
            if _session_text_ok(det[k : m.end()]):
                return Spanned(det[k : m.end()], *source.span(k, m.end()))
    return None


def _session_text_ok(text: str) -> bool:
    try:
        Session.parse(text)
    except ValidationError:
        return False
    return True


def _reference(
    title: str | None, number: DocumentNumber | None, start: int, end: int
) -> Spanned[Reference] | None:
    try:
        return Spanned(Reference(title or None, number), start, end)
    except ValidationError:
        return None


def _references(
    source: _Joined,
) -> Iterator[tuple[str | None, DocumentNumber | None, int, int]]:
    """
    The documents a paragraph cites: 《titles》, with their （发文字号）, and bare 发文字号.
    """
    det = source.det
    taken: list[int] = []
    taken_ends: list[int] = []
    for m in _BOOK_TITLE.finditer(det):
        end = m.end()
        number = None
        n = _TITLE_DOC.match(det, end)
        if n is not None:
            number = _doc_number(source.value(n.start(1), n.end(1)))
            if number is not None:
                end = n.end()
                taken.append(n.start(1))
                taken_ends.append(n.end(1))
        yield (source.value(m.start(1), m.end(1)), number, *source.span(m.start(), end))
    if _BRACKETED_YEAR.search(det) is None:
        return
    for m in _INLINE_DOC().finditer(det):
        # Those in （） right after a 《title》 were read with it.
        k = bisect.bisect_right(taken, m.start()) - 1
        if k >= 0 and m.start() < taken_ends[k]:
            continue
        issuer = m.group(1)
        cut = max((i for i, ch in enumerate(issuer) if ch in _ISSUER_STOP), default=-1)
        if cut + 1 >= len(issuer):
            continue
        start = m.start(1) + cut + 1
        number = _doc_number(source.value(start, m.end()))
        if number is not None:
            yield (None, number, *source.span(start, m.end()))
