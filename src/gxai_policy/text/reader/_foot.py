"""
Reading a letter's footer, from the end up: date, signature, note, contact, cc ….
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from gxai_policy.errors import ValidationError
from gxai_policy.text.reader._lines import _Line
from gxai_policy.text.reader._patterns import (
    _ATTACHMENT,
    _BARE_PHONE,
    _CATEGORY_LINE,
    _CC,
    _CC_ITEM,
    _CONTACT_NAME,
    _CONTACT_PHONE,
    _DATE_LINE,
    _ITEM_NUMBER,
    _LEADER,
    _SEAL,
)
from gxai_policy.text.reader._state import (
    _AFTER_DATE_LINES,
    _FOOTER_LINES,
    _category,
    _dated,
    _footer_kind,
    _passed_over,
    _State,
)
from gxai_policy.values.dates import parse_date

# No __all__: nothing here is public (the docs list what an __all__ names).


# What a 抄送 or 附件 line starts with: the elements that go on over the lines after them.
_CONTINUED: Final = ("抄送", "附件")


class _FootReading(_State):
    """
    Reading a letter's footer, from the end up: date, signature, note, contact, cc ….
    """

    def _footer_kinds(self, start: int, cut: int) -> tuple[Callable[[int], str | None], bool]:
        """
        What element each line would be in a footer, and whether one of them is a date.

        The first is a function of a line's index: None for a line that is no
        element, or that is not among the last few hundred before *cut*.
        """
        lines = self.lines
        # A footer is a few lines long: look at the last few hundred only.
        start = max(start, cut - _FOOTER_LINES)
        window = lines[start:cut]
        if any(line.det.startswith(_CONTINUED) for line in window):
            kinds = self._kinds_in_order(window)
            return kinds.get, "date" in kinds.values()
        # Without them a line's kind is its own: only the lines the reading
        # of the footer reaches are tried, not every line of the body.
        known: dict[int, str | None] = {}

        def kind_of(i: int) -> str | None:
            if not start <= i < cut:
                return None
            if i not in known:
                known[i] = _footer_kind(lines[i].det)
            return known[i]

        return kind_of, any(_dated(line.det) for line in window)

    def _kinds_in_order(self, window: list[_Line]) -> dict[int, str | None]:
        """
        The kind of each line of *window*, continuation lines included (附件 items, 抄送 wrapped).
        """
        kinds: dict[int, str | None] = {}
        state: str | None = None
        for line in window:
            det = line.det
            if not det:
                continue
            kind = _footer_kind(det)
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
        kind_of, dated_somewhere = self._footer_kinds(start, cut)
        # Nothing of the body follows the date: lines after it that are no
        # element the reader knows (a QR code's caption …) are passed over,
        # a few of them (counted so, the elements the writer moves above the
        # recipient, such as the category, change nothing).
        dated = cut
        unknown = 0
        # (Most letters the tests read have a date, the founding letter none:
        # without one there is nothing to count.)
        for k in range(cut - 1, max(start, cut - _FOOTER_LINES) - 1, -1) if dated_somewhere else ():
            kind = kind_of(k)
            if kind == "date":
                dated = k
                break
            if kind is None and not _passed_over(self.lines[k].det):
                unknown += 1
                if unknown > _AFTER_DATE_LINES:
                    break
        footer: list[int] = []
        i = cut - 1
        while i >= start:
            det = self.lines[i].det
            kind = kind_of(i)
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
            kind = kind_of(index)
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
