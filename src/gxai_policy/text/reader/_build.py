"""
Building the `Reply` from a `_Draft`, recording each element's span.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from gxai_policy.errors import ParseError, ValidationError
from gxai_policy.records.proposal import ProposalRef
from gxai_policy.records.reply import (
    MISSING_DOC_NUMBER,
    MISSING_SENDER,
    MISSING_SIGNED_ON,
    MISSING_TITLE,
    Contact,
    Reference,
    Reply,
    Section,
    Span,
)
from gxai_policy.text.reader._draft import Spanned, _Draft, _Piece, _SectionDraft
from gxai_policy.text.reader._read import _Reader
from gxai_policy.text.reader._rules import NO_BODY, NO_RECIPIENT
from gxai_policy.values.codelists import ReplyCategory

# No __all__: nothing here is public (the docs list what an __all__ names).


T = TypeVar("T")


class _Builder:
    """
    Turns a `_Draft` into a `Reply`, recording each element's span.
    """

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.spans: list[Span] = []

    def span(self, pointer: str, start: int, end: int) -> None:
        self.spans.append(Span(pointer, start, end))

    def text(self, pointer: str, piece: _Piece | None) -> str | None:
        if piece is None or not piece.value:
            return None
        self.span(pointer, piece.start, piece.end)
        return piece.value

    def value(self, pointer: str, found: Spanned[T] | None) -> T | None:
        if found is None:
            return None
        self.span(pointer, found.start, found.end)
        return found.value

    def joined(self, pointer: str, pieces: list[_Piece], sep: str) -> str | None:
        kept = [p for p in pieces if p.value]
        if not kept:
            return None
        self.span(pointer, kept[0].start, kept[-1].end)
        return sep.join(p.value for p in kept)

    def texts(self, pointer: str, pieces: Iterable[_Piece]) -> tuple[str, ...]:
        kept = [p for p in pieces if p.value]
        add = self.spans.append
        for i, piece in enumerate(kept):
            add(Span(f"{pointer}/{i}", piece.start, piece.end))
        return tuple([p.value for p in kept])

    def build(self, *, strict: bool) -> Reply:
        reader = self.reader
        d = reader.draft
        recipient = self.text("/recipient", d.recipient)
        if recipient is None:
            raise NO_RECIPIENT.parse_error(reader.text, d.header_end)
        opening = self.opening(d)
        sections = tuple(
            self.section(f"/sections/{i}", s) for i, s in enumerate(d.sections) if s.number.value
        )
        if opening is None and not sections:
            raise NO_BODY.parse_error(reader.text, d.header_end)
        fields = {
            "doc_number": self.value("/doc_number", d.doc_number),
            "title": self.text("/title", d.title),
            "sender": self.joined("/sender", _issuer(d), "、"),
            "recipient": recipient,
            "proposal": self.proposal(),
            "opening": opening,
            "sections": sections,
            "closing": self.joined("/closing", d.closing, "\n"),
            "signed_on": self.signed_on(strict=strict),
            "category": self.category(),
            "note": self.text("/note", d.note),
            "contact": self.contact(),
            "cc": self.texts("/cc", d.cc),
            "attachments": self.texts("/attachments", d.attachments),
            "references": self.references(),
        }
        if strict:
            self.check_strict(fields)
        try:
            return Reply(**fields, spans=tuple(self.spans))  # type: ignore[arg-type]
        except ValidationError as exc:  # pragma: no cover - every part was checked above
            first = exc.violations[0]
            raise ParseError(str(exc), code=first.code, message_zh=first.message_zh) from exc

    def opening(self, d: _Draft) -> str | None:
        # The record has no place for paragraphs before the first heading: they
        # follow the opening sentence, one a line.
        pieces = [p for p in d.paragraphs if p.value]
        if not pieces:
            return None
        self.span("/opening", pieces[0].start, pieces[-1].end)
        return "\n".join(p.value for p in pieces)

    def section(self, pointer: str, draft: _SectionDraft) -> Section:
        number = draft.number
        self.spans.append(Span(pointer + "/number", number.start, number.end))
        heading = self.text(pointer + "/heading", draft.heading)
        paragraphs = self.texts(pointer + "/paragraphs", draft.paragraphs)
        children = [c for c in draft.children if c.number.value]
        subsections = tuple(
            [self.section(f"{pointer}/subsections/{i}", c) for i, c in enumerate(children)]
        )
        self.spans.append(Span(pointer, number.start, _section_end(draft)))
        return Section(number.value, heading, paragraphs, subsections)

    def proposal(self) -> ProposalRef | None:
        found = self.reader.draft.proposal
        if found.kind is None:
            return None
        self.span("/proposal/kind", found.kind.start, found.kind.end)
        return ProposalRef(
            kind=found.kind.value,
            session=self.value("/proposal/session", found.session),
            number=self.value("/proposal/number", found.number),
            year=self.value("/proposal/year", found.year),
        )

    def signed_on(self, *, strict: bool) -> object:
        d = self.reader.draft
        if d.date is None:
            return None
        # Its span is kept even when it is no date: `check` then says the
        # date is unreadable (reply.unreadable_signed_on), not missing.
        self.span("/signed_on", d.date.start, d.date.end)
        if d.date_error is not None and strict:
            first = d.date_error.violations[0]
            raise ParseError.at_offset(
                self.reader.text,
                d.date.start,
                first.message,
                code=first.code,
                message_zh=first.message_zh,
            ) from d.date_error
        return d.signed_on

    def category(self) -> ReplyCategory | None:
        return self.value("/category", self.reader.draft.category)

    def contact(self) -> Contact | None:
        d = self.reader.draft
        if d.contact_name is None and d.contact_phone is None:
            return None
        name = self.text("/contact/name", d.contact_name)
        phone = self.text("/contact/phone", d.contact_phone)
        if name is None and phone is None:
            return None
        if d.contact_line is not None:
            self.span("/contact", d.contact_line.start, d.contact_line.end)
        return Contact(name, phone)

    def references(self) -> tuple[Reference, ...]:
        found = self.reader.draft.references
        for i, ref in enumerate(found):
            self.span(f"/references/{i}", ref.start, ref.end)
        return tuple(ref.value for ref in found)

    def check_strict(self, fields: dict[str, object]) -> None:
        """
        Raise at the place of the first GB/T 9704 element a 函 needs and this one lacks.
        """
        d = self.reader.draft
        title_at = d.title.start if d.title is not None else d.header_end
        # The signature stands before the date, both before 附注, 联系人 and 抄送.
        sender_at = d.date.start if d.date is not None else d.body_end
        date_at = d.signature[-1].end if d.signature else d.body_end
        for name, rule, offset in (
            ("doc_number", MISSING_DOC_NUMBER, title_at),
            ("title", MISSING_TITLE, d.header_end),
            ("sender", MISSING_SENDER, sender_at),
            ("signed_on", MISSING_SIGNED_ON, date_at),
        ):
            if fields[name] is None:
                raise rule.parse_error(self.reader.text, offset)


def _section_end(draft: _SectionDraft) -> int:
    end = draft.number.end
    if draft.heading is not None:
        end = max(end, draft.heading.end)
    if draft.paragraphs:
        end = max(end, draft.paragraphs[-1].end)
    if draft.children:
        end = max(end, _section_end(draft.children[-1]))
    return end


def _issuer(d: _Draft) -> list[_Piece]:
    """
    The issuing organ: signed, else the letterhead, the headline's, or a page's 发布机构.

    A joint letter signed by several organs gives them all, in order.
    """
    if d.signature:
        return d.signature
    if d.letterhead:
        return d.letterhead
    return [p for p in (d.headline_organ, d.published_by) if p is not None][:1]
