"""
What a reading finds, before it becomes a `Reply`: values with their spans.
"""

from __future__ import annotations

import attrs

from gxai_policy.values.identifiers import DocumentNumber

__all__ = ["_Draft", "_Piece", "_ReferenceDraft", "_SectionDraft"]


@attrs.define
class _Piece:
    """
    A value and its span in the input.
    """

    text: str
    start: int
    end: int


@attrs.define
class _SectionDraft:
    level: int
    number: _Piece
    heading: _Piece | None = None
    paragraphs: list[_Piece] = attrs.field(factory=list)
    children: list[_SectionDraft] = attrs.field(factory=list)
    start: int = 0
    end: int = 0


@attrs.define
class _ReferenceDraft:
    title: str | None
    doc_number: DocumentNumber | None
    start: int
    end: int


@attrs.define
class _Draft:
    """
    Everything read from a letter, before it becomes a `Reply`.
    """

    doc_number: tuple[DocumentNumber, int, int] | None = None
    category: _Piece | None = None
    title: _Piece | None = None
    recipient: _Piece | None = None
    # The opening and any paragraph before the first heading, in order.
    paragraphs: list[_Piece] = attrs.field(factory=list)
    sections: list[_SectionDraft] = attrs.field(factory=list)
    closing: list[_Piece] = attrs.field(factory=list)
    attachments: list[_Piece] = attrs.field(factory=list)
    signature: list[_Piece] = attrs.field(factory=list)
    date: _Piece | None = None
    note: _Piece | None = None
    contact_name: _Piece | None = None
    contact_phone: _Piece | None = None
    contact_line: _Piece | None = None
    cc: list[_Piece] = attrs.field(factory=list)
    references: list[_ReferenceDraft] = attrs.field(factory=list)
    # Where each missing element would have stood, for strict mode: the
    # recipient line, the first of 附注/联系人/抄送, the end of the letter.
    header_end: int = 0
    body_end: int = 0
    letter_end: int = 0
