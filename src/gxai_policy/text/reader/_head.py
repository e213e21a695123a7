"""
Reading a letter's head: 发文字号, category, letterhead and title, page metadata.
"""

from __future__ import annotations

from gxai_policy.text.reader._draft import Spanned
from gxai_policy.text.reader._lines import _Line
from gxai_policy.text.reader._patterns import (
    _CATEGORY_LINE,
    _DOC_LABEL,
    _DOC_LINE,
    _HEADLINE_ORGAN,
    _ISSUER_LABELS,
    _LETTERHEAD_SUFFIX,
    _META_FIELD,
    _META_LABEL,
    _NUMBER_LABELS,
    _SENTENCE_END,
    _SIGNER,
    _TITLE_META,
    _date_line,
    _doc_number,
    _is_furniture,
    _is_organ,
    _is_title_like,
)
from gxai_policy.text.reader._state import _HEAD_LINES, _TITLE_MAX, _category, _State
from gxai_policy.values._text import canonical

# No __all__: nothing here is public (the docs list what an __all__ names).


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
        or _date_line(det)
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


class _HeadReading(_State):
    """
    Reading a letter's head: 发文字号, category, letterhead and title, page metadata.
    """

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
