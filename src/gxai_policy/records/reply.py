"""
Reply letters (答复的函): a department's answer to a proposal, a 函 under GB/T 9704-2012.

A `Reply` holds the letter's elements in the standard's order: 发文字号,
标题, 主送机关, 正文 (an opening, numbered `Section` headings, a closing),
发文机关署名, 成文日期, 附注, 联系人及电话, 抄送.  Every element but the
addressee and the body may be missing (the founding letter has no 发文字号,
signature or date): `Reply.missing_elements` names them, and `gxai_policy.check`
warns about each.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, Final

import pendulum
from attrs import field, frozen

from gxai_policy.errors import Severity, Violation, join_pointer
from gxai_policy.records._base import (
    EMPTY_EXTRAS,
    CheckContext,
    Extras,
    Validated,
    apart,
    invariant,
)
from gxai_policy.records._convert import NOT_BLANK, PERSONAL, since
from gxai_policy.records._convert import strip_each as _strip_all
from gxai_policy.records._convert import strip_optional as _strip_optional
from gxai_policy.records.proposal import ProposalRef, strip_title
from gxai_policy.records.source import Source
from gxai_policy.rules import Rule, Trigger, define_family
from gxai_policy.values._labels import label
from gxai_policy.values.codelists import ReplyCategory
from gxai_policy.values.identifiers import DocumentNumber
from gxai_policy.values.numerals import fold_width

__all__ = [
    "LETTER_ELEMENTS",
    "MAX_SECTION_DEPTH",
    "Contact",
    "Reference",
    "Reply",
    "Section",
    "Span",
]

#: Headings nest four levels deep at most: ``一、`` › ``（一）`` › ``1.`` › ``（1）``.
MAX_SECTION_DEPTH: Final = 4

#: The GB/T 9704-2012 elements a reply letter should have but may lack, in
#: the standard's order: attribute name → the element's Chinese name.
LETTER_ELEMENTS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "doc_number": "发文字号",
        "title": "标题",
        "sender": "发文机关署名",
        "signed_on": "成文日期",
    }
)


# --------------------------------------------------------------------------- converters


def _title_optional(value: str | None) -> str | None:
    return None if value is None else strip_title(value)


def _recipient(value: str) -> str:
    # 主送机关 ends with a colon in the letter; the record keeps the name only.
    if type(value) is not str:
        return value  # left for the type checks to name
    return value.strip().rstrip("：:").rstrip()


def _note(value: str | None) -> str | None:
    # 附注 is printed in parentheses: （此件公开发布）.
    if type(value) is not str:
        return value  # None, or left for the type checks to name
    text = value.strip()
    if text[:1] in "（(" and text[-1:] in "）)" and len(text) >= 2:
        text = text[1:-1].strip()
    return text


def _marker(value: str) -> str:
    """
    A heading marker as normalised text: ``一``, ``（一）``, ``1.``, ``（1）``.
    """
    # Any other type is left for the type checks to name.
    return _normalised_marker(value) if type(value) is str else value


@functools.lru_cache(maxsize=1024)
def _normalised_marker(value: str) -> str:
    # Cached: a letter's few markers (一 … 十, （一）…) recur in every reply.
    text = fold_width(value).strip()
    if text.endswith(("、", ".")) and len(text) > 1:
        # "一 、" is "一": the space before the mark is no part of the number.
        base = text[:-1].rstrip()
        text = base + "." if base.isascii() and base.isdigit() else base
    if text.startswith("(") and text.endswith(")"):
        text = f"（{text[1:-1]}）"
    return text


# --------------------------------------------------------------------------- rules

_GB9704 = "GB/T 9704-2012 党政机关公文格式 (信函格式)"

_EXAMPLE: Final[dict[str, Any]] = {
    "recipient": "农工民主党广西区委",
    "opening": (
        "贵委提出的《关于抢抓数字经济大发展契机，积极申报建设广西新一代人工智能实验区的提案》"
        "收悉，现答复如下："
    ),
}


def _nested(depth: int) -> dict[str, Any]:
    markers = ("一", "（一）", "1.", "（1）", "①")
    section: dict[str, Any] = {"number": markers[depth - 1], "paragraphs": ["加强顶层设计。"]}
    for level in range(depth - 1, 0, -1):
        section = {"number": markers[level - 1], "subsections": [section]}
    return section


_rule = define_family("reply", applies_to="Reply", source=_GB9704, trigger=Trigger.LOAD)


RECIPIENT_EMPTY = _rule(
    "recipient_empty",
    "The addressee (主送机关) is empty.",
    "主送机关为空。",
    _EXAMPLE | {"recipient": " ："},
    message="the addressee (主送机关) is blank",
    message_zh="主送机关为空白",
)
NO_BODY = _rule(
    "no_body",
    "A reply has a body (正文): an opening or at least one section.",
    "答复须有正文：开头语或至少一个部分。",
    {"recipient": "农工民主党广西区委"},
    message="the reply has neither an opening nor any section",
    message_zh="答复既无开头语，也无任何部分",
)
SECTION_DEPTH = _rule(
    "section_depth",
    f"Section headings nest at most {MAX_SECTION_DEPTH} levels deep (一、 › （一） › 1. › （1））.",
    f"正文结构层次序数不超过{MAX_SECTION_DEPTH}层（一、›（一）›1.›（1））。",
    _EXAMPLE | {"sections": [_nested(MAX_SECTION_DEPTH + 1)]},
    message=f"section {{number}} is at level {{level}}, deeper than {MAX_SECTION_DEPTH}",
    message_zh=f"{{number}}位于第{{level}}层，超过{MAX_SECTION_DEPTH}层",
)
SECTION_NUMBER_EMPTY = _rule(
    "section_number_empty",
    "A section has a marker (一, （一）, 1., （1）).",
    "正文各部分须有结构层次序数。",
    _EXAMPLE | {"sections": [{"number": " ", "heading": "已开展工作情况"}]},
    message="the section has no marker (一, （一）, 1., （1）)",
    message_zh="该部分没有结构层次序数",
)
PARAGRAPH_EMPTY = _rule(
    "paragraph_empty",
    "A paragraph is empty.",
    "段落为空。",
    _EXAMPLE | {"sections": [{"number": "一", "paragraphs": ["　"]}]},
    message="the paragraph is blank",
    message_zh="段落为空白",
)
TEXT_EMPTY = _rule(
    "text_empty",
    "A text element that is given is not blank (leave it out instead).",
    "已填写的文字要素不能为空白（没有则不填）。",
    _EXAMPLE | {"title": " "},
    source="gxai_policy",
    message="the text is blank (leave it out instead)",
    message_zh="文字为空白（没有则不填）",
)
REFERENCE_EMPTY = _rule(
    "reference_empty",
    "A referenced document has a title or a document number (发文字号), or both.",
    "引用的文件须有标题或发文字号。",
    _EXAMPLE | {"references": [{}]},
    source="gxai_policy",
    message="the reference has neither a title nor a document number (发文字号)",
    message_zh="引用的文件既无标题也无发文字号",
)
CONTACT_EMPTY = _rule(
    "contact_empty",
    "A contact (联系人及电话) has a name or a telephone number, or both.",
    "联系人及电话至少须有一项。",
    _EXAMPLE | {"contact": {}},
    message="the contact has neither a name nor a telephone number",
    message_zh="联系人及电话两项皆无",
)
SPAN_RANGE = _rule(
    "span_range",
    "A source span runs from a non-negative start to an end not before it.",
    "原文位置须从非负的起点到不早于起点的终点。",
    _EXAMPLE | {"spans": [{"element": "/recipient", "start": 5, "end": 2}]},
    source="gxai_policy text reader",
    message="span {start}..{end} of {element} is not a range of offsets",
    message_zh="{element}的原文位置{start}..{end}不是有效范围",
)
MISSING_DOC_NUMBER = _rule(
    "missing_doc_number",
    "The letter has no document number (发文字号).",
    "缺少发文字号。",
    _EXAMPLE,
    severity=Severity.WARNING,
    trigger=Trigger.CHECK,
    message="the letter has no document number (发文字号)",
    message_zh="缺少发文字号",
)
MISSING_TITLE = _rule(
    "missing_title",
    "The letter has no title (标题).",
    "缺少标题。",
    _EXAMPLE,
    severity=Severity.WARNING,
    trigger=Trigger.CHECK,
    message="the letter has no title (标题)",
    message_zh="缺少标题",
)
MISSING_SENDER = _rule(
    "missing_sender",
    "The letter has no issuing authority's signature (发文机关署名).",
    "缺少发文机关署名。",
    _EXAMPLE,
    severity=Severity.WARNING,
    trigger=Trigger.CHECK,
    message="the letter has no signature of the issuing organ (发文机关署名)",
    message_zh="缺少发文机关署名",
)
MISSING_SIGNED_ON = _rule(
    "missing_signed_on",
    "The letter has no date of issue (成文日期).",
    "缺少成文日期。",
    _EXAMPLE,
    severity=Severity.WARNING,
    trigger=Trigger.CHECK,
    message="the letter has no date of issue (成文日期)",
    message_zh="缺少成文日期",
)
UNREADABLE_SIGNED_ON = _rule(
    "unreadable_signed_on",
    "The letter's date of issue (成文日期) is there, but it is no calendar date (2023年2月30日).",
    "成文日期虽有，但不是有效日期（如2023年2月30日）。",
    _EXAMPLE | {"spans": [{"element": "/signed_on", "start": 60, "end": 70}]},
    severity=Severity.WARNING,
    trigger=Trigger.CHECK,
    message="the date of issue read at offsets {start}..{end} of the letter is no calendar date",
    message_zh="原文第{start}至{end}个字符处的成文日期不是有效日期",
)
MISSING_PROPOSAL = _rule(
    "missing_proposal",
    "The letter does not say which proposal it answers.",
    "未注明所答复的提案。",
    _EXAMPLE,
    source="gxai_policy",
    severity=Severity.WARNING,
    trigger=Trigger.CHECK,
    message="the letter does not say which proposal it answers",
    message_zh="未注明所答复的提案",
)
PROPOSAL_PARTIAL = _rule(
    "proposal_partial",
    "The letter names the kind of what it answers but not all of its key (session, number).",
    "答复函写明了提案或建议，但未写全其届次会次或编号。",
    _EXAMPLE | {"proposal": {"kind": "proposal", "number": "57"}},
    source="gxai_policy",
    severity=Severity.WARNING,
    trigger=Trigger.CHECK,
    message="the letter does not state the proposal's {parts}",
    message_zh="未写明所答复提案的{parts_zh}",
)
PROPOSAL_KIND_INFERRED = _rule(
    "proposal_kind_inferred",
    (
        "The letter does not say whether it answers a proposal (提案) or a suggestion (建议):"
        " the kind was inferred from the addressee (…委员, …代表)."
    ),
    "答复函未写明答复的是提案还是建议，类别系由主送对象（……委员、……代表）推断。",
    _EXAMPLE
    | {
        "recipient": "王明代表",
        "opening": "您的来信收悉，现答复如下：",
        "proposal": {"kind": "suggestion"},
        "spans": [
            {"element": "/recipient", "start": 0, "end": 4},
            {"element": "/proposal/kind", "start": 0, "end": 4},
        ],
    },
    source="gxai_policy text reader",
    severity=Severity.WARNING,
    trigger=Trigger.CHECK,
    message=(
        "the letter does not say whether it answers a proposal (提案) or a suggestion (建议):"
        " the kind was inferred from the addressee"
    ),
    message_zh="答复函未写明答复的是提案还是建议，类别系由主送对象推断",
)
MISSING_CATEGORY = _rule(
    "missing_category",
    "The letter declares no reply category (办理结果分类: A, B, C).",
    "未标注办理结果分类（A、B、C类）。",
    _EXAMPLE,
    source="Proposal handling practice: the reply is classed A/B/C (or A–D)",
    severity=Severity.INFO,
    trigger=Trigger.CHECK,
    message="the letter declares no reply category (办理结果分类)",
    message_zh="未标注办理结果分类",
)
MISSING_CONTACT = _rule(
    "missing_contact",
    "The letter names no contact person or telephone (联系人及电话).",
    "未注明联系人及电话。",
    _EXAMPLE,
    severity=Severity.INFO,
    trigger=Trigger.CHECK,
    message="the letter names no contact person or telephone (联系人及电话)",
    message_zh="未注明联系人及电话",
)

_MISSING: Final[Mapping[str, Rule]] = {
    "doc_number": MISSING_DOC_NUMBER,
    "title": MISSING_TITLE,
    "sender": MISSING_SENDER,
    "signed_on": MISSING_SIGNED_ON,
}


def _too_deep(sections: tuple[Section, ...]) -> bool:
    """
    Whether a section lies deeper than `MAX_SECTION_DEPTH`.

    Checked on every reply and true of almost none: the levels are counted
    without paths (the rule makes them only for a section too deep).
    """
    level: Iterable[Section] = sections
    for _ in range(MAX_SECTION_DEPTH):
        level = [sub for section in level for sub in section.subsections]
    return bool(level)


def _blank(value: str | None) -> bool:
    # Given but empty once stripped: None is absent, not blank.
    return value is not None and not value


# --------------------------------------------------------------------------- nested classes


@frozen
class Section(Validated):
    """
    One numbered part of a letter's body, with its paragraphs and subsections.

    Attributes:
        number: Its marker as normalised text, without the punctuation that
            follows it: ``一`` (written ``一、``), ``（一）``, ``1.``, ``（1）``.
            ``(一)`` reads as ``（一）``, ``1、`` as ``1.``.

        heading: The heading after the marker (``加强顶层设计。``), if any.

        paragraphs: Its paragraphs, in order, each stripped of indentation.

        subsections: The parts below it, one level deeper.

    .. versionadded:: 0.1.0

    >>> Section("(一)", "加强顶层设计。").number
    '（一）'
    >>> Section("一、", "已开展工作情况", ("　",))
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error reply.paragraph_empty at /paragraphs/0: the paragraph is blank
    """  # noqa: E501

    number: str = field(converter=_marker, metadata=label("序号", NOT_BLANK))
    heading: str | None = field(
        default=None, converter=_strip_optional, metadata=label("标题", NOT_BLANK)
    )
    paragraphs: tuple[str, ...] = field(
        default=(), converter=_strip_all, metadata=label("段落", NOT_BLANK)
    )
    subsections: tuple[Section, ...] = field(default=(), metadata=label("下级"))

    extras: Extras = field(default=EMPTY_EXTRAS, repr=False, kw_only=True)

    # The invariants' own tests in one expression: a generator costs more than
    # the checks on a valid section.
    @staticmethod
    def _all_hold(s: Section) -> bool:
        return bool(s.number) and not _blank(s.heading) and all(s.paragraphs)

    @invariant
    def _number(self) -> Iterator[Violation]:
        if not self.number:
            yield SECTION_NUMBER_EMPTY.violation("/number")

    @invariant
    def _heading(self) -> Iterator[Violation]:
        if _blank(self.heading):
            yield TEXT_EMPTY.violation("/heading")

    @invariant
    def _paragraphs(self) -> Iterator[Violation]:
        if not all(self.paragraphs):
            for i, paragraph in enumerate(self.paragraphs):
                if not paragraph:
                    yield PARAGRAPH_EMPTY.violation(f"/paragraphs/{i}")


@frozen
class Reference(Validated):
    """
    A document the letter cites: a title, a 发文字号, or both.

    Attributes:
        title: The document's title, without 《》.

        doc_number: Its document number (发文字号).

        source: Where the record was read (`~gxai_policy.Source`), if known.

            .. versionadded:: 0.3.0

    .. versionadded:: 0.1.0

    >>> Reference("《促进人工智能和实体经济深度融合的若干政策措施》").title
    '促进人工智能和实体经济深度融合的若干政策措施'
    >>> Reference()
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error reply.reference_empty at /: ...
    """

    title: str | None = field(
        default=None, converter=_title_optional, metadata=label("标题", NOT_BLANK)
    )
    doc_number: DocumentNumber | None = field(default=None, metadata=label("发文字号"))

    source: Source | None = field(default=None, kw_only=True, metadata=label("来源", since(2)))
    extras: Extras = field(default=EMPTY_EXTRAS, repr=False, kw_only=True)

    # As `Section`: the invariants' tests first, the generators only when one fails.
    @staticmethod
    def _all_hold(r: Reference) -> bool:
        return (r.title is not None or r.doc_number is not None) and not _blank(r.title)

    @invariant
    def _given(self) -> Iterator[Violation]:
        if self.title is None and self.doc_number is None:
            yield REFERENCE_EMPTY.violation("")

    @invariant
    def _title(self) -> Iterator[Violation]:
        if _blank(self.title):
            yield TEXT_EMPTY.violation("/title")


@frozen
class Contact(Validated):
    """
    The contact person and telephone (联系人及电话) printed on a letter.

    Attributes:
        name: The contact's name; personal data (`gxai_policy.redact`).

        phone: The telephone number as written; personal data, kept out of ``repr()``.

    .. versionadded:: 0.1.0

    >>> Contact("韦工", "0771-5886000")
    Contact(name='韦工')
    >>> Contact()
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error reply.contact_empty at /: ...
    """

    name: str | None = field(
        default=None, converter=_strip_optional, metadata=label("姓名", NOT_BLANK, PERSONAL)
    )
    phone: str | None = field(
        default=None,
        converter=_strip_optional,
        repr=False,
        metadata=label("电话", NOT_BLANK, PERSONAL),
    )

    extras: Extras = field(default=EMPTY_EXTRAS, repr=False, kw_only=True)

    @invariant
    def _given(self) -> Iterator[Violation]:
        if self.name is None and self.phone is None:
            yield CONTACT_EMPTY.violation("")

    @invariant
    def _name(self) -> Iterator[Violation]:
        if _blank(self.name):
            yield TEXT_EMPTY.violation("/name")

    @invariant
    def _phone(self) -> Iterator[Violation]:
        if _blank(self.phone):
            yield TEXT_EMPTY.violation("/phone")


@frozen
class Span(Validated):
    """
    Where an element of a reply was read in the source text (0-based, end exclusive).

    Attributes:
        element: A JSON Pointer into the reply: ``/recipient``,
            ``/sections/0/heading``, ``/sections/0/paragraphs/2``.

        start: The offset of its first character.

        end: The offset after its last character.

    .. versionadded:: 0.1.0

    >>> Span("/recipient", 40, 49).end
    49
    >>> Span("/recipient", 49, 40)
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error reply.span_range at /end: span 49..40 of /recipient is not a range of offsets
    """  # noqa: E501

    element: str = field(metadata=label("要素"))
    start: int = field(metadata=label("起"))
    end: int = field(metadata=label("止"))

    extras: Extras = field(default=EMPTY_EXTRAS, repr=False, kw_only=True)

    # The reader makes dozens a letter: one comparison when it is a range.
    @staticmethod
    def _all_hold(s: Span) -> bool:
        return 0 <= s.start <= s.end

    @invariant
    def _range(self) -> Iterator[Violation]:
        params = {"element": self.element, "start": self.start, "end": self.end}
        if self.start < 0:
            yield SPAN_RANGE.violation("/start", **params)
        if self.end < 0 or self.end < self.start:
            yield SPAN_RANGE.violation("/end", **params)


# --------------------------------------------------------------------------- the record


@frozen(kw_only=True)
class Reply(Validated):
    """
    A reply letter (答复的函): a department's answer to a proposal, as GB/T 9704 lays it out.

    Attributes:
        doc_number: The document number (发文字号), such as ``桂科政字〔2021〕52号``.

        title: The title (标题), such as
            ``关于自治区政协十二届四次会议第20210143号提案答复的函``.

        sender: The issuing authority (发文机关署名) as signed; the text reader
            falls back on the letterhead, the headline (某局关于…的答复) and a
            page's 发布机构.  A joint letter gives every organ, in order, joined
            with 、 (``甲局、乙局``).

        recipient: The addressee (主送机关) as written, without the colon.

        proposal: The proposal answered, when the letter says: as much of its
            key as the letter states (`ProposalRef.missing_parts` names the rest).

        opening: The opening sentence (``贵委提出的《…》收悉，现答复如下：``).

        sections: The numbered parts of the body, in order.

        closing: The closing sentence (``感谢您对…的关心和支持。``).

        signed_on: The date of issue (成文日期).

        category: The reply category (办理结果分类) the letter declares.

        note: The annotation (附注) without its parentheses: ``此件公开发布``.

        contact: The contact person and telephone (联系人及电话).

        cc: The units copied (抄送), in order.

        attachments: The attachments' names (附件说明), in order.

        references: The documents the letter cites.

        spans: Where the text reader found each element; not part of equality.

        source: Where the record was read (`~gxai_policy.Source`), if known.

            .. versionadded:: 0.3.0

        extras: Payload keys the record does not know, kept for the round trip.

    .. versionadded:: 0.1.0

    >>> reply = Reply(
    ...     recipient="农工民主党广西区委：",
    ...     proposal=ProposalRef.parse("自治区政协十二届四次会议第20210143号提案"),
    ...     opening="贵委提出的《关于抢抓数字经济大发展契机的提案》收悉，现答复如下：",
    ...     sections=(Section("一、", "已开展工作情况", subsections=(
    ...         Section("（一）", "加强顶层设计。", ("我厅组织编制了实施方案。",)),
    ...     )),),
    ... )
    >>> reply.recipient
    '农工民主党广西区委'
    >>> reply.missing_elements()
    ('doc_number', 'title', 'sender', 'signed_on')
    >>> Reply(recipient="农工民主党广西区委")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error reply.no_body at /sections: the reply has neither an opening nor any section
    """  # noqa: E501

    doc_number: DocumentNumber | None = field(default=None, metadata=label("发文字号"))
    title: str | None = field(
        default=None, converter=_strip_optional, metadata=label("标题", NOT_BLANK)
    )
    sender: str | None = field(
        default=None, converter=_strip_optional, metadata=label("发文机关", NOT_BLANK)
    )
    recipient: str = field(converter=_recipient, metadata=label("主送机关", NOT_BLANK))
    proposal: ProposalRef | None = field(default=None, metadata=label("所答提案"))
    opening: str | None = field(
        default=None, converter=_strip_optional, metadata=label("开头", NOT_BLANK)
    )
    sections: tuple[Section, ...] = field(default=(), metadata=label("正文"))
    closing: str | None = field(
        default=None, converter=_strip_optional, metadata=label("结尾", NOT_BLANK)
    )
    signed_on: pendulum.Date | None = field(default=None, metadata=label("成文日期"))
    category: ReplyCategory | None = field(default=None, metadata=label("办理结果分类"))
    note: str | None = field(default=None, converter=_note, metadata=label("附注", NOT_BLANK))
    contact: Contact | None = field(default=None, metadata=label("联系人"))
    cc: tuple[str, ...] = field(default=(), converter=_strip_all, metadata=label("抄送", NOT_BLANK))
    attachments: tuple[str, ...] = field(
        default=(), converter=_strip_all, metadata=label("附件", NOT_BLANK)
    )
    references: tuple[Reference, ...] = field(default=(), metadata=label("引用文件"))
    spans: tuple[Span, ...] = field(default=(), eq=False, repr=False, metadata=label("位置"))
    source: Source | None = field(default=None, kw_only=True, metadata=label("来源", since(2)))
    extras: Extras = field(default=EMPTY_EXTRAS, repr=False)

    # The invariants' own tests in one expression: the texts' rule alone runs
    # fourteen generators on a valid reply.
    @staticmethod
    def _all_hold(r: Reply) -> bool:
        return (
            bool(r.recipient)
            and "" not in (r.title, r.sender, r.opening, r.closing, r.note)
            and "" not in r.cc
            and "" not in r.attachments
            and (r.opening is not None or bool(r.sections))
            and not _too_deep(r.sections)
        )

    @invariant
    def _recipient(self) -> Iterator[Violation]:
        if not self.recipient:
            yield RECIPIENT_EMPTY.violation("/recipient")

    @invariant
    def _texts(self) -> Iterator[Violation]:
        for name in ("title", "sender", "opening", "closing", "note", "cc", "attachments"):
            yield from apart(self._blank_texts, name)

    def _blank_texts(self, name: str) -> Iterator[Violation]:
        value = getattr(self, name)
        if isinstance(value, tuple):
            for i, text in enumerate(value):
                if _blank(text):
                    yield TEXT_EMPTY.violation(f"/{name}/{i}")
        elif _blank(value):
            yield TEXT_EMPTY.violation("/" + name)

    @invariant
    def _body(self) -> Iterator[Violation]:
        if self.opening is None and not self.sections:
            yield NO_BODY.violation("/sections")

    @invariant
    def _depth(self) -> Iterator[Violation]:
        if _too_deep(self.sections):
            yield from self._too_deep_sections()

    def _too_deep_sections(self) -> Iterator[Violation]:
        stack: list[tuple[tuple[int, ...], Section]] = [
            ((i,), section) for i, section in enumerate(self.sections)
        ]
        while stack:
            path, section = stack.pop()
            if len(path) > MAX_SECTION_DEPTH:
                pointer = join_pointer("", "sections", path[0])
                for i in path[1:]:
                    pointer = join_pointer(pointer, "subsections", i)
                yield SECTION_DEPTH.violation(pointer, number=section.number, level=len(path))
            elif section.subsections:
                stack.extend(((*path, i), sub) for i, sub in enumerate(section.subsections))

    def iter_sections(self) -> Iterator[tuple[str, Section]]:
        """
        Every section, depth-first in reading order, with its JSON Pointer.

        >>> reply = Reply(recipient="韦委员", sections=(
        ...     Section("一", "已开展工作情况", subsections=(Section("（一）", "加强顶层设计。"),)),
        ...     Section("二", "下一步工作计划"),
        ... ))
        >>> [pointer for pointer, _ in reply.iter_sections()]
        ['/sections/0', '/sections/0/subsections/0', '/sections/1']
        """
        stack = [
            (join_pointer("", "sections", i), s)
            for i, s in reversed(list(enumerate(self.sections)))
        ]
        while stack:
            pointer, section = stack.pop()
            yield pointer, section
            stack.extend(
                (join_pointer(pointer, "subsections", i), sub)
                for i, sub in reversed(list(enumerate(section.subsections)))
            )

    def body_text(self) -> str:
        """
        The body's prose: the opening, every paragraph in reading order, the closing.

        One line each; headings are left out.

        >>> Reply(recipient="韦委员", opening="您的提案收悉，现答复如下：",
        ...       sections=(Section("一", "工作情况", ("已完成。",)),),
        ...       closing="感谢您的关心和支持。").body_text()
        '您的提案收悉，现答复如下：\\n已完成。\\n感谢您的关心和支持。'
        """
        parts = [] if self.opening is None else [self.opening]
        for _, section in self.iter_sections():
            parts.extend(section.paragraphs)
        if self.closing is not None:
            parts.append(self.closing)
        return "\n".join(parts)

    def missing_elements(self) -> tuple[str, ...]:
        """
        The GB/T 9704 elements the letter lacks, by attribute name, in the standard's order.

        The names are the keys of `LETTER_ELEMENTS`, which gives each one's
        Chinese name; the addressee and the body are never missing.

        >>> Reply(recipient="韦委员", opening="您的提案收悉。", title="关于提案答复的函",
        ...       signed_on=pendulum.Date(2021, 4, 27)).missing_elements()
        ('doc_number', 'sender')
        """
        return tuple(name for name in LETTER_ELEMENTS if getattr(self, name) is None)

    def _proposal_findings(self) -> Iterator[Violation]:
        if self.proposal is None:
            yield MISSING_PROPOSAL.violation("/proposal")
            return
        parts = self.proposal.missing_parts()
        if parts:
            names = {"session": ("session", "届次会次"), "number": ("number", "编号")}
            yield PROPOSAL_PARTIAL.violation(
                "/proposal",
                parts=" and ".join(names[p][0] for p in parts),
                parts_zh="和".join(names[p][1] for p in parts),
            )
        # The reader marks a kind it inferred from the addressee by its span,
        # which then lies within the recipient's.
        kind, recipient = self._span_of("/proposal/kind"), self._span_of("/recipient")
        if (
            kind is not None
            and recipient is not None
            and recipient.start <= kind.start
            and kind.end <= recipient.end
        ):
            yield PROPOSAL_KIND_INFERRED.violation("/proposal/kind")

    def _span_of(self, element: str) -> Span | None:
        return next((span for span in self.spans if span.element == element), None)

    def _findings(self, ctx: CheckContext) -> Iterator[Violation]:  # noqa: ARG002 - no time-dependent finding yet
        # The reader keeps the span of a date it found but could not read.
        unread = None if self.signed_on is not None else self._span_of("/signed_on")
        for name in self.missing_elements():
            if name == "signed_on" and unread is not None:
                yield UNREADABLE_SIGNED_ON.violation(
                    "/signed_on", start=unread.start, end=unread.end
                )
            else:
                yield _MISSING[name].violation("/" + name)
        yield from self._proposal_findings()
        if self.category is None:
            yield MISSING_CATEGORY.violation("/category")
        if self.contact is None:
            yield MISSING_CONTACT.violation("/contact")
