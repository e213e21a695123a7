"""
gxai_policy's Enterprise and Reply as pydantic v2 models, as faithfully as pydantic allows.

Strict (``"450100"`` is not an int, ``"false"`` not a bool), frozen, unknown
keys forbidden.  Patterns and bounds are declared where pydantic can declare
them (checked in Rust); the rest of the domain rules run in after-validators
that call the same plain-Python checks as the msgspec models (`data`).
What this cannot express is listed in ``benchmarks/README.md``.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Literal, Self

import data
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    model_validator,
)

_CONFIG = ConfigDict(strict=True, frozen=True, extra="forbid")


def _ok(problem: str | None, value: str) -> str:
    if problem is not None:
        raise ValueError(problem)
    return value


def _uscc(value: str) -> str:
    return _ok(data.uscc_problem(value), value)


def _region(value: str) -> str:
    return _ok(data.region_problem(value), value)


def _certificate_number(value: str) -> str:
    return _ok(data.certificate_number_problem(value), value)


def _proposal_number(value: str) -> str:
    return _ok(data.proposal_number_problem(value), value)


def _document_number(value: str) -> str:
    return _ok(data.document_number_problem(value), value)


def _not_blank(value: str) -> str:
    return _ok(None if value else "blank", value)


USCC = Annotated[str, StringConstraints(pattern=data.USCC_PATTERN), AfterValidator(_uscc)]
RegionCode = Annotated[str, StringConstraints(pattern=data.REGION_PATTERN), AfterValidator(_region)]
CertificateNumber = Annotated[
    str,
    StringConstraints(pattern=data.CERTIFICATE_PATTERN),
    AfterValidator(_certificate_number),
]
ProposalNumber = Annotated[
    str,
    StringConstraints(pattern=data.PROPOSAL_NUMBER_PATTERN),
    AfterValidator(_proposal_number),
]
DocumentNumber = Annotated[
    str,
    StringConstraints(pattern=data.DOCUMENT_NUMBER_PATTERN),
    AfterValidator(_document_number),
]
#: Stripped, and never blank once stripped (gxai_policy's converter + rule).
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Title = Annotated[str, AfterValidator(data.strip_title), AfterValidator(_not_blank)]
Marker = Annotated[str, AfterValidator(data.marker), AfterValidator(_not_blank)]
Recipient = Annotated[str, AfterValidator(data.recipient), AfterValidator(_not_blank)]
Note = Annotated[str, AfterValidator(data.note), AfterValidator(_not_blank)]


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


# --------------------------------------------------------------------------- Enterprise


class HighTechCertificate(BaseModel):
    model_config = _CONFIG

    number: CertificateNumber
    issued_on: dt.date

    @model_validator(mode="after")
    def _year(self) -> Self:
        if int(self.number[2:6]) != self.issued_on.year:
            raise ValueError("certificate.year_mismatch")
        return self


class Source(BaseModel):
    """
    Provenance, as gxai_policy's ``Source`` (schema version 2): any record may carry one.
    """

    model_config = _CONFIG

    title: Text | None = None
    doc_number: DocumentNumber | None = None
    url: Text | None = None
    file: Text | None = None
    published_on: dt.date | None = None
    retrieved_on: dt.date | None = None
    start: Annotated[int, Field(ge=0)] | None = None
    end: Annotated[int, Field(ge=0)] | None = None

    @model_validator(mode="after")
    def _named(self) -> Self:
        if (
            self.title is None
            and self.doc_number is None
            and self.url is None
            and self.file is None
        ):
            raise ValueError("source.empty")
        if (self.start is None) != (self.end is None) or (
            self.start is not None and self.end is not None and self.end < self.start
        ):
            raise ValueError("source.span_range")
        return self


class Enterprise(BaseModel):
    model_config = _CONFIG

    name: Text
    uscc: USCC
    city: RegionCode | None = None
    is_ai: bool = False
    sectors: frozenset[ScenarioDomain] = frozenset()
    certificate: HighTechCertificate | None = None
    source: Source | None = None

    @model_validator(mode="after")
    def _province(self) -> Self:
        if self.certificate is not None:
            province = self.city[:2] if self.city is not None else self.uscc[2:4]
            if province == "45" and self.certificate.number[6:8] != "45":
                raise ValueError("certificate.province_mismatch")
        return self


# --------------------------------------------------------------------------- Reply


class Session(BaseModel):
    model_config = _CONFIG

    body: Body
    term: Annotated[int, Field(ge=1, le=20)]
    meeting: Annotated[int, Field(ge=1, le=7)]
    level: Literal[data.LEVELS] | None = None  # type: ignore[valid-type]
    region: Text | None = None
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None

    @model_validator(mode="after")
    def _known_year(self) -> Self:
        known = data.known_year(self.body, self.level, self.term, self.meeting, self.region)
        if known is not None and self.year is not None and known != self.year:
            raise ValueError("session.year_mismatch")
        return self


class ProposalRef(BaseModel):
    model_config = _CONFIG

    kind: ProposalKind
    session: Session
    number: ProposalNumber
    # A year without a session (a partial reference, as gxai_policy reads letters).
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None

    @model_validator(mode="after")
    def _key(self) -> Self:
        if data.KIND_BODY[self.kind] != self.session.body:
            raise ValueError("proposal.kind_mismatch")
        year = data.proposal_number_year(self.number)
        if year is not None and self.session.year is not None and year != self.session.year:
            raise ValueError("proposal.number_year_mismatch")
        return self


class Section(BaseModel):
    model_config = _CONFIG

    number: Marker
    heading: Text | None = None
    paragraphs: tuple[Text, ...] = ()
    subsections: tuple[Section, ...] = ()


class Reference(BaseModel):
    model_config = _CONFIG

    title: Title | None = None
    doc_number: DocumentNumber | None = None
    source: Source | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> Self:
        if self.title is None and self.doc_number is None:
            raise ValueError("reply.reference_empty")
        return self


class Contact(BaseModel):
    model_config = _CONFIG

    name: Text | None = None
    phone: Text | None = Field(default=None, repr=False)

    @model_validator(mode="after")
    def _not_empty(self) -> Self:
        if self.name is None and self.phone is None:
            raise ValueError("reply.contact_empty")
        return self


class Span(BaseModel):
    model_config = _CONFIG

    element: str
    start: Annotated[int, Field(ge=0)]
    end: Annotated[int, Field(ge=0)]

    @model_validator(mode="after")
    def _range(self) -> Self:
        if self.end < self.start:
            raise ValueError("reply.span_range")
        return self


class Reply(BaseModel):
    model_config = _CONFIG

    doc_number: DocumentNumber | None = None
    title: Title | None = None
    sender: Text | None = None
    recipient: Recipient
    proposal: ProposalRef | None = None
    opening: Text | None = None
    sections: tuple[Section, ...] = ()
    closing: Text | None = None
    signed_on: dt.date | None = None
    category: ReplyCategory | None = None
    note: Note | None = None
    contact: Contact | None = None
    cc: tuple[Text, ...] = ()
    attachments: tuple[Text, ...] = ()
    references: tuple[Reference, ...] = ()
    spans: tuple[Span, ...] = Field(default=(), repr=False)
    source: Source | None = None

    @model_validator(mode="after")
    def _body(self) -> Self:
        if self.opening is None and not self.sections:
            raise ValueError("reply.no_body")
        depth = data.section_depth_problem(self.sections)
        if depth is not None:
            raise ValueError(depth)
        return self


ENTERPRISES: TypeAdapter[list[Enterprise]] = TypeAdapter(list[Enterprise])
REPLIES: TypeAdapter[list[Reply]] = TypeAdapter(list[Reply])
ENTERPRISE: TypeAdapter[Enterprise] = TypeAdapter(Enterprise)
