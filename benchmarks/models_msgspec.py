"""
gxai_policy's Enterprise and Reply as msgspec Structs, as faithfully as msgspec allows.

Strict by default (msgspec never coerces ``"1"`` to an int), frozen, unknown
keys forbidden.  Patterns and bounds are declared with `msgspec.Meta`; the
rest of the domain rules (check character, cross-field rules) and the
normalising converters run in ``__post_init__``, calling the same plain-Python
checks as the pydantic models (`data`).  msgspec stops at the first error.
What this cannot express is listed in ``benchmarks/README.md``.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Literal

import data
import msgspec
from msgspec.structs import force_setattr

USCC = Annotated[str, msgspec.Meta(pattern=data.USCC_PATTERN)]
RegionCode = Annotated[str, msgspec.Meta(pattern=data.REGION_PATTERN)]
CertificateNumber = Annotated[str, msgspec.Meta(pattern=data.CERTIFICATE_PATTERN)]
ProposalNumber = Annotated[str, msgspec.Meta(pattern=data.PROPOSAL_NUMBER_PATTERN)]
DocumentNumber = Annotated[str, msgspec.Meta(pattern=data.DOCUMENT_NUMBER_PATTERN)]
Term = Annotated[int, msgspec.Meta(ge=1, le=20)]
Meeting = Annotated[int, msgspec.Meta(ge=1, le=7)]
Year = Annotated[int, msgspec.Meta(ge=1900, le=2100)]
Offset = Annotated[int, msgspec.Meta(ge=0)]


class ScenarioDomain(enum.StrEnum):
    INTELLIGENT_MANUFACTURING = "intelligent_manufacturing"
    SMART_TRANSPORT = "smart_transport"
    SMART_LIVELIHOOD = "smart_livelihood"
    SMART_EDUCATION = "smart_education"
    SMART_PARK = "smart_park"
    SMART_CULTURE_TOURISM = "smart_culture_tourism"
    SMART_HEALTHCARE = "smart_healthcare"
    SMART_ELDERLY_CARE = "smart_elderly_care"
    SMART_AGRICULTURE = "smart_agriculture"
    INTELLIGENT_EARLY_WARNING = "intelligent_early_warning"
    SMART_FINANCE = "smart_finance"
    SMART_SECURITY = "smart_security"


class ProposalKind(enum.StrEnum):
    PROPOSAL = "proposal"
    SUGGESTION = "suggestion"


class Body(enum.StrEnum):
    CPPCC = "cppcc"
    NPC = "npc"


class ReplyCategory(enum.StrEnum):
    A = "A"
    B = "B"
    C = "C"
    D = "D"


class _Record(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


def _check(problem: str | None) -> None:
    if problem is not None:
        raise ValueError(problem)


def _text(record: _Record, name: str) -> None:
    """
    Strip an optional text field in place; a given text is never blank.
    """
    value = getattr(record, name)
    if value is not None:
        value = value.strip()
        if not value:
            raise ValueError(f"{name} is blank")
        force_setattr(record, name, value)


def _texts(record: _Record, name: str) -> None:
    values = tuple(v.strip() for v in getattr(record, name))
    if not all(values):
        raise ValueError(f"{name}: a blank item")
    force_setattr(record, name, values)


# --------------------------------------------------------------------------- Enterprise


class HighTechCertificate(_Record, frozen=True):
    number: CertificateNumber
    issued_on: dt.date

    def __post_init__(self) -> None:
        _check(data.certificate_number_problem(self.number))
        if int(self.number[2:6]) != self.issued_on.year:
            raise ValueError("certificate.year_mismatch")


class Source(_Record, frozen=True):
    """
    Provenance, as gxai_policy's ``Source`` (schema version 2): any record may carry one.
    """

    title: str | None = None
    doc_number: DocumentNumber | None = None
    url: str | None = None
    file: str | None = None
    published_on: dt.date | None = None
    retrieved_on: dt.date | None = None
    start: Offset | None = None
    end: Offset | None = None

    def __post_init__(self) -> None:
        if (
            self.title is None
            and self.doc_number is None
            and self.url is None
            and self.file is None
        ):
            raise ValueError("source.empty")
        for name in ("title", "url", "file"):
            _text(self, name)
        if (self.start is None) != (self.end is None) or (
            self.start is not None and self.end is not None and self.end < self.start
        ):
            raise ValueError("source.span_range")


class Enterprise(_Record, frozen=True):
    name: str
    uscc: USCC
    city: RegionCode | None = None
    is_ai: bool = False
    sectors: frozenset[ScenarioDomain] = frozenset()
    certificate: HighTechCertificate | None = None
    source: Source | None = None

    def __post_init__(self) -> None:
        _text(self, "name")
        _check(data.uscc_problem(self.uscc))
        if self.city is not None:
            _check(data.region_problem(self.city))
        if self.certificate is not None:
            province = self.city[:2] if self.city is not None else self.uscc[2:4]
            if province == "45" and self.certificate.number[6:8] != "45":
                raise ValueError("certificate.province_mismatch")


# --------------------------------------------------------------------------- Reply


class Session(_Record, frozen=True):
    body: Body
    term: Term
    meeting: Meeting
    level: Literal[data.LEVELS] | None = None  # type: ignore[valid-type]
    region: str | None = None
    year: Year | None = None

    def __post_init__(self) -> None:
        _text(self, "region")
        known = data.known_year(self.body, self.level, self.term, self.meeting, self.region)
        if known is not None and self.year is not None and known != self.year:
            raise ValueError("session.year_mismatch")


class ProposalRef(_Record, frozen=True):
    kind: ProposalKind
    session: Session
    number: ProposalNumber
    # A year without a session (a partial reference, as gxai_policy reads letters).
    year: Year | None = None

    def __post_init__(self) -> None:
        _check(data.proposal_number_problem(self.number))
        if data.KIND_BODY[self.kind] != self.session.body:
            raise ValueError("proposal.kind_mismatch")
        year = data.proposal_number_year(self.number)
        if year is not None and self.session.year is not None and year != self.session.year:
            raise ValueError("proposal.number_year_mismatch")


class Section(_Record, frozen=True):
    number: str
    heading: str | None = None
    paragraphs: tuple[str, ...] = ()
    subsections: tuple[Section, ...] = ()

    def __post_init__(self) -> None:
        number = data.marker(self.number)
        if not number:
            raise ValueError("reply.section_number_empty")
        force_setattr(self, "number", number)
        _text(self, "heading")
        _texts(self, "paragraphs")


class Reference(_Record, frozen=True):
    title: str | None = None
    doc_number: DocumentNumber | None = None
    source: Source | None = None

    def __post_init__(self) -> None:
        if self.title is None and self.doc_number is None:
            raise ValueError("reply.reference_empty")
        if self.title is not None:
            title = data.strip_title(self.title)
            if not title:
                raise ValueError("reply.text_empty")
            force_setattr(self, "title", title)
        if self.doc_number is not None:
            _check(data.document_number_problem(self.doc_number))


class Contact(_Record, frozen=True):
    name: str | None = None
    phone: str | None = None

    def __post_init__(self) -> None:
        if self.name is None and self.phone is None:
            raise ValueError("reply.contact_empty")
        _text(self, "name")
        _text(self, "phone")


class Span(_Record, frozen=True):
    element: str
    start: Offset
    end: Offset

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("reply.span_range")


class Reply(_Record, frozen=True, kw_only=True):
    doc_number: DocumentNumber | None = None
    title: str | None = None
    sender: str | None = None
    recipient: str
    proposal: ProposalRef | None = None
    opening: str | None = None
    sections: tuple[Section, ...] = ()
    closing: str | None = None
    signed_on: dt.date | None = None
    category: ReplyCategory | None = None
    note: str | None = None
    contact: Contact | None = None
    cc: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    spans: tuple[Span, ...] = ()
    source: Source | None = None

    def __post_init__(self) -> None:
        if self.doc_number is not None:
            _check(data.document_number_problem(self.doc_number))
        if self.title is not None:
            force_setattr(self, "title", data.strip_title(self.title))
        force_setattr(self, "recipient", data.recipient(self.recipient))
        if not self.recipient:
            raise ValueError("reply.recipient_empty")
        if self.note is not None:
            force_setattr(self, "note", data.note(self.note))
        for name in ("title", "sender", "opening", "closing", "note"):
            _text(self, name)
        _texts(self, "cc")
        _texts(self, "attachments")
        if self.opening is None and not self.sections:
            raise ValueError("reply.no_body")
        _check(data.section_depth_problem(self.sections))


ENTERPRISES = msgspec.json.Decoder(list[Enterprise])
REPLIES = msgspec.json.Decoder(list[Reply])
ENTERPRISE = msgspec.json.Decoder(Enterprise)
ENCODER = msgspec.json.Encoder()
REPLY = msgspec.json.Decoder(Reply)
