"""
What a reading finds, before it becomes a `Reply`: values with their spans.

Every element read is a `Spanned` value: the value, already interpreted
(a `DocumentNumber`, a `Session`, canonical text …), and the offsets of the
input it was read from.  The builder only assembles these; it reads nothing.
"""

from __future__ import annotations

from typing import Generic, NamedTuple, TypeAlias, TypeVar

import attrs
import pendulum

from gxai_policy.errors import ValidationError
from gxai_policy.records.reply import Reference
from gxai_policy.values.codelists import ProposalKind, ReplyCategory
from gxai_policy.values.identifiers import DocumentNumber, ProposalNumber
from gxai_policy.values.session import Session

# No __all__: nothing here is public (the docs list what an __all__ names).


T = TypeVar("T")


class Spanned(NamedTuple, Generic[T]):
    """
    A value and its span in the input (offsets, end exclusive).

    A named tuple, not an attrs class: a letter makes hundreds, and a tuple
    is made in a third of the time.
    """

    value: T
    start: int
    end: int


_Piece: TypeAlias = Spanned[str]


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
class _ProposalDraft:
    """
    The parts of the proposal answered that the letter states.

    ``kind_inferred`` is set when the kind comes from the addressee (…委员,
    …代表) only; its span is then the recipient's.
    """

    kind: Spanned[ProposalKind] | None = None
    kind_inferred: bool = False
    number: Spanned[ProposalNumber] | None = None
    session: Spanned[Session] | None = None
    year: Spanned[int] | None = None
    title: _Piece | None = None


@attrs.define
class _Draft:
    """
    Everything read from a letter, before it becomes a `Reply`.
    """

    doc_number: Spanned[DocumentNumber] | None = None
    category: Spanned[ReplyCategory] | None = None
    title: _Piece | None = None
    recipient: _Piece | None = None
    # The opening and any paragraph before the first heading, in order.
    paragraphs: list[_Piece] = attrs.field(factory=list)
    sections: list[_SectionDraft] = attrs.field(factory=list)
    closing: list[_Piece] = attrs.field(factory=list)
    attachments: list[_Piece] = attrs.field(factory=list)
    # The issuing organ: signature lines, else the letterhead, the headline
    # (某局关于…的答复) or a page's 发布机构, in that order of preference.
    signature: list[_Piece] = attrs.field(factory=list)
    letterhead: list[_Piece] = attrs.field(factory=list)
    headline_organ: _Piece | None = None
    published_by: _Piece | None = None
    # 领导署名, 签发领导: read so as not to stay in the body; not in the record.
    leader: _Piece | None = None
    date: _Piece | None = None
    signed_on: pendulum.Date | None = None
    date_error: ValidationError | None = None
    note: _Piece | None = None
    contact_name: _Piece | None = None
    contact_phone: _Piece | None = None
    contact_line: _Piece | None = None
    cc: list[_Piece] = attrs.field(factory=list)
    references: list[Spanned[Reference]] = attrs.field(factory=list)
    proposal: _ProposalDraft = attrs.field(factory=_ProposalDraft)
    # Where each missing element would have stood, for strict mode: the
    # recipient line, the first of 附注/联系人/抄送, the end of the letter.
    header_end: int = 0
    body_end: int = 0
    letter_end: int = 0
