"""
Building the `Reply` from a `_Draft`, recording each element's span.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

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
from gxai_policy.text.reader._draft import _Draft, _Piece, _SectionDraft
from gxai_policy.text.reader._read import _Reader
from gxai_policy.text.reader._rules import NO_BODY, NO_RECIPIENT
from gxai_policy.values.codelists import Body, ProposalKind, ReplyCategory
from gxai_policy.values.dates import parse_date
from gxai_policy.values.identifiers import ProposalNumber
from gxai_policy.values.session import Session

__all__ = ["_Builder"]


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
        if piece is None or not piece.text:
            return None
        self.span(pointer, piece.start, piece.end)
        return piece.text

    def joined(self, pointer: str, pieces: list[_Piece], sep: str) -> str | None:
        kept = [p for p in pieces if p.text]
        if not kept:
            return None
        self.span(pointer, kept[0].start, kept[-1].end)
        return sep.join(p.text for p in kept)

    def texts(self, pointer: str, pieces: Iterable[_Piece]) -> tuple[str, ...]:
        kept = [p for p in pieces if p.text]
        for i, piece in enumerate(kept):
            self.span(f"{pointer}/{i}", piece.start, piece.end)
        return tuple(p.text for p in kept)

    def build(self, *, strict: bool) -> Reply:
        reader = self.reader
        d = reader.draft
        recipient = self.text("/recipient", d.recipient)
        if recipient is None:
            raise NO_RECIPIENT.parse_error(reader.text, d.header_end)
        opening = self.opening(d)
        sections = tuple(
            self.section(f"/sections/{i}", s) for i, s in enumerate(d.sections) if s.number.text
        )
        if opening is None and not sections:
            raise NO_BODY.parse_error(reader.text, d.header_end)
        doc_number = None
        if d.doc_number is not None:
            doc_number, start, end = d.doc_number
            self.span("/doc_number", start, end)
        fields = {
            "doc_number": doc_number,
            "title": self.text("/title", d.title),
            "sender": self.joined("/sender", d.signature, "、"),
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
            raise ParseError(str(exc), code=first.code) from exc

    def opening(self, d: _Draft) -> str | None:
        # The record has no place for paragraphs before the first heading: they
        # follow the opening sentence, one a line.
        pieces = [p for p in d.paragraphs if p.text]
        if not pieces:
            return None
        self.span("/opening", pieces[0].start, pieces[-1].end)
        return "\n".join(p.text for p in pieces)

    def section(self, pointer: str, draft: _SectionDraft) -> Section:
        self.span(pointer + "/number", draft.number.start, draft.number.end)
        heading = self.text(pointer + "/heading", draft.heading)
        paragraphs = self.texts(pointer + "/paragraphs", draft.paragraphs)
        subsections = tuple(
            self.section(f"{pointer}/subsections/{i}", child)
            for i, child in enumerate(c for c in draft.children if c.number.text)
        )
        self.span(pointer, draft.number.start, _section_end(draft))
        return Section(draft.number.text, heading, paragraphs, subsections)

    def proposal(self) -> ProposalRef | None:
        reader = self.reader
        if reader.proposal_number is None or reader.session is None:
            return None
        number_text, number_start, number_end = reader.proposal_number
        session_text, session_start, session_end = reader.session
        kind = ProposalKind.SUGGESTION if reader.proposal_kind == "建议" else ProposalKind.PROPOSAL
        try:
            number = ProposalNumber(number_text)
            session = Session.parse(session_text, default_body=_KIND_BODY[kind])
            # A session that names its body (政协, 人大) decides what was answered.
            if ("政协" in session_text or "委员会" in session_text) and session.body is Body.CPPCC:
                kind = ProposalKind.PROPOSAL
            elif "人大" in session_text or "人民代表大会" in session_text:
                kind = ProposalKind.SUGGESTION
            ref = ProposalRef(kind=kind, session=session, number=number)
        except ValidationError:
            return None
        self.span("/proposal/session", session_start, session_end)
        self.span("/proposal/number", number_start, number_end)
        return ref

    def signed_on(self, *, strict: bool) -> object:
        d = self.reader.draft
        if d.date is None:
            return None
        # Its span is kept even when it is no date: `check` then says the
        # date is unreadable (reply.unreadable_signed_on), not missing.
        self.span("/signed_on", d.date.start, d.date.end)
        try:
            return parse_date(d.date.text)
        except ValidationError as exc:
            if strict:
                text = self.reader.text
                raise ParseError.at_offset(
                    text, d.date.start, exc.violations[0].message, code=exc.violations[0].code
                ) from exc
            return None

    def category(self) -> ReplyCategory | None:
        piece = self.reader.draft.category
        if piece is None:
            return None
        self.span("/category", piece.start, piece.end)
        return ReplyCategory.from_label(piece.text.upper())

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
        found: list[Reference] = []
        for ref in self.reader.draft.references:
            if not ref.title and ref.doc_number is None:
                continue
            self.span(f"/references/{len(found)}", ref.start, ref.end)
            found.append(Reference(ref.title or None, ref.doc_number))
        return tuple(found)

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


_KIND_BODY: Final = {ProposalKind.PROPOSAL: Body.CPPCC, ProposalKind.SUGGESTION: Body.NPC}


def _section_end(draft: _SectionDraft) -> int:
    end = draft.number.end
    if draft.heading is not None:
        end = max(end, draft.heading.end)
    if draft.paragraphs:
        end = max(end, draft.paragraphs[-1].end)
    if draft.children:
        end = max(end, _section_end(draft.children[-1]))
    return end
