"""
Tests for gxai_policy.records.reply: reply letters (答复的函) under GB/T 9704-2012.
"""

from __future__ import annotations

import pickle
import re
from collections.abc import Callable
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxai_policy.errors import Severity, ValidationError
from gxai_policy.records import reply as reply_module
from gxai_policy.records._base import CheckContext
from gxai_policy.records.proposal import ProposalRef
from gxai_policy.records.reply import (
    LETTER_ELEMENTS,
    MAX_SECTION_DEPTH,
    Contact,
    Reference,
    Reply,
    Section,
    Span,
)
from gxai_policy.rules import RULES, Rule, Trigger
from gxai_policy.serialize import from_dict, from_json, to_dict, to_json
from gxai_policy.strategies._proposals import (
    contacts,
    references,
    replies,
    sections,
    spans,
)
from gxai_policy.values.codelists import (
    ReplyCategory,
)
from gxai_policy.values.identifiers import DocumentNumber

FOUNDING_REF = "自治区政协十二届四次会议第20210143号提案"
FOUNDING_OPENING = (
    "贵委提出的《关于抢抓数字经济大发展契机，积极申报建设广西新一代人工智能实验区的提案》"
    "收悉，现答复如下："
)
# The rules this module defines; other modules (deadlines, the text reader) add
# reply.* rules of their own, tested where they are defined.
REPLY_CODES = sorted(v.code for v in vars(reply_module).values() if isinstance(v, Rule))
BLANKS = st.sampled_from(("", " ", "\u3000", "\t"))
OPTIONAL_TEXTS = ("title", "sender", "opening", "closing", "note")
# What a reader would take for a heading marker at the start of a line.
MARKER = re.compile(
    r"[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.．、]"
)


def founding_reply(**changes: Any) -> Reply:
    """
    The founding letter as its text tells it: a title, an addressee and a body, nothing else.
    """
    done = ("加强顶层设计。", "支持开展科技攻关情况。", "创新平台建设情况。")
    planned = ("强化创新平台建设。", "持续开展技术攻关。")
    fields: dict[str, Any] = {
        "title": "关于自治区政协十二届四次会议第20210143号提案答复的函",
        "recipient": "农工民主党广西区委：",
        "proposal": ProposalRef.parse(FOUNDING_REF),
        "opening": FOUNDING_OPENING,
        "sections": (
            Section(
                "一、",
                "已开展工作情况",
                subsections=tuple(
                    Section(f"（{n}）", heading, ("我厅积极贯彻落实相关文件精神。",))
                    for n, heading in zip("一二三", done, strict=True)
                ),
            ),
            Section(
                "二、",
                "下一步工作计划",
                (
                    "为积极申报建设广西新一代人工智能实验区打好基础，下一步我厅将从以下几个方面做好工作。",
                ),
                tuple(
                    Section(f"（{n}）", heading, ("组织开展广西工程技术研究中心验收工作。",))
                    for n, heading in zip("一二", planned, strict=True)
                ),
            ),
        ),
    }
    fields.update(changes)
    return Reply(**fields)


def complete_reply() -> Reply:
    """
    The founding letter with every element a letter may carry.
    """
    return founding_reply(
        doc_number=DocumentNumber.parse("桂科政字〔2021〕52号"),
        sender="广西壮族自治区科学技术厅",
        closing="感谢贵委对科技工作的关心和支持。",
        signed_on=pendulum.Date(2021, 4, 27),
        category=ReplyCategory.B,
        note="（此件公开发布）",
        contact=Contact("韦工", "0771-5886000"),
        cc=("自治区政协提案委员会",),
        references=(Reference("《促进人工智能和实体经济深度融合的若干政策措施》"),),
    )


def found(build: Callable[[], object]) -> list[tuple[str, str]]:
    """
    The (code, path) pairs of the ValidationError that *build* raises.
    """
    with pytest.raises(ValidationError) as info:
        build()
    return [(v.code, v.path) for v in info.value.violations]


def findings(reply: Reply) -> dict[str, tuple[str, Severity]]:
    return {v.code: (v.path, v.severity) for v in reply._findings(CheckContext())}


def resolve(data: Any, pointer: str) -> Any:
    for token in pointer.split("/")[1:]:
        data = data[int(token)] if isinstance(data, list) else data[token]
    return data


def bury(section: Section, levels: int) -> Section:
    """
    *section* placed *levels* levels below a new top-level section.
    """
    for _ in range(levels):
        section = Section("一", "已开展工作情况", subsections=(section,))
    return section


class TestSection:
    @given(sections(depth=MAX_SECTION_DEPTH))
    def test_strategy_output_constructs(self, section):
        """
        Every section the strategy draws constructs again from its fields.
        """
        assert section == attrs.evolve(section)

    @pytest.mark.parametrize(
        ("written", "normalised"),
        [
            ("一、", "一"),
            ("一", "一"),
            ("(一)", "（一）"),
            ("（一）", "（一）"),
            ("1.", "1."),
            ("１．", "1."),
            ("1、", "1."),
            ("(1)", "（1）"),
            (" （１） ", "（1）"),
        ],
    )
    def test_marker_is_normalised(self, written, normalised):
        """
        Markers as letters and NFKC-folded copies write them read as one normalised form.
        """
        assert normalised == Section(written, "加强顶层设计。").number

    def test_paragraph_indentation_is_stripped(self):
        """
        The full-width indentation of a paragraph is dropped.
        """
        assert ("我厅组织编制了实施方案。",) == Section(
            "一", None, ("\u3000\u3000我厅组织编制了实施方案。",)
        ).paragraphs

    @given(sections(), BLANKS)
    def test_blank_marker_is_refused(self, section, blank):
        """
        A blank marker is refused with reply.section_number_empty at /number.
        """
        assert [("reply.section_number_empty", "/number")] == found(
            lambda: attrs.evolve(section, number=blank)
        )

    @given(sections(), BLANKS)
    def test_blank_paragraph_is_refused(self, section, blank):
        """
        A blank paragraph is refused with reply.paragraph_empty at its index.
        """
        paragraphs = (*section.paragraphs, blank)
        where = f"/paragraphs/{len(section.paragraphs)}"
        assert [("reply.paragraph_empty", where)] == found(
            lambda: attrs.evolve(section, paragraphs=paragraphs)
        )

    @given(sections(), BLANKS)
    def test_blank_heading_is_refused(self, section, blank):
        """
        A heading given but blank is refused with reply.text_empty at /heading.
        """
        assert [("reply.text_empty", "/heading")] == found(
            lambda: attrs.evolve(section, heading=blank)
        )

    @given(sections(depth=MAX_SECTION_DEPTH))
    def test_strategy_markers_follow_the_levels(self, section):
        """
        Drawn markers are 一 › （一） › 1. › （1） by level.
        """
        patterns = (
            r"[一二三四五六七八九十]+",
            r"（[一二三四五六七八九十]+）",
            r"[0-9]+\.",
            r"（[0-9]+）",
        )
        reply = Reply(recipient="韦委员", sections=(section,))
        for pointer, sub in reply.iter_sections():
            level = pointer.count("/sections") + pointer.count("/subsections")
            assert re.fullmatch(patterns[level - 1], sub.number)


class TestReference:
    @given(references())
    def test_strategy_output_constructs(self, reference):
        """
        Every reference the strategy draws constructs again from its fields.
        """
        assert reference == Reference(
            reference.title, reference.doc_number, source=reference.source
        )

    def test_title_marks_are_stripped(self):
        """
        The 《》 around a cited title are dropped.
        """
        assert "若干政策措施" == Reference("《若干政策措施》").title

    def test_neither_title_nor_number_is_refused(self):
        """
        A reference without title and document number is refused with reply.reference_empty.
        """
        assert [("reply.reference_empty", "")] == found(Reference)

    def test_empty_title_marks_are_refused(self):
        """
        A title that is only 《》 is refused with reply.text_empty at /title.
        """
        assert [("reply.text_empty", "/title")] == found(lambda: Reference("《》"))


class TestContact:
    @given(contacts())
    def test_strategy_output_constructs(self, contact):
        """
        Every contact the strategy draws constructs again from its fields.
        """
        assert contact == Contact(contact.name, contact.phone)

    def test_phone_stays_out_of_repr(self):
        """
        The telephone number, personal data, is not shown by repr().
        """
        assert "5886000" not in repr(Contact("韦工", "0771-5886000"))

    def test_empty_contact_is_refused(self):
        """
        A contact without name and phone is refused with reply.contact_empty.
        """
        assert [("reply.contact_empty", "")] == found(Contact)

    @given(contacts(), BLANKS)
    def test_blank_phone_is_refused(self, contact, blank):
        """
        A phone given but blank is refused with reply.text_empty at /phone.
        """
        assert [("reply.text_empty", "/phone")] == found(lambda: attrs.evolve(contact, phone=blank))


class TestSpan:
    @given(spans())
    def test_strategy_output_constructs(self, span):
        """
        Every span the strategy draws constructs again from its fields.
        """
        assert span == Span(span.element, span.start, span.end)

    @given(spans(), st.integers(1, 100))
    def test_end_before_start_is_refused(self, span, gap):
        """
        A span ending before it starts is refused with reply.span_range at /end.
        """
        assert [("reply.span_range", "/end")] == found(
            lambda: attrs.evolve(span, end=span.start - gap)
        )

    @given(spans(), st.integers(-100, -1))
    def test_negative_start_is_refused(self, span, start):
        """
        A negative start is refused with reply.span_range at /start.
        """
        assert [("reply.span_range", "/start")] == found(lambda: attrs.evolve(span, start=start))


class TestReply:
    @given(replies())
    def test_strategy_output_constructs(self, reply):
        """
        Every reply the strategy draws constructs again from its fields.
        """
        assert reply == attrs.evolve(reply)

    @given(replies())
    def test_strategy_text_can_be_rendered(self, reply):
        """
        No drawn string holds a newline, and no paragraph or heading starts like a marker.
        """
        texts = [reply.recipient, reply.title, reply.opening, reply.closing, reply.note]
        for _, section in reply.iter_sections():
            texts.append(section.heading)
            texts.extend(section.paragraphs)
            for text in (section.heading, *section.paragraphs):
                assert text is None or MARKER.match(text) is None
        assert all("\n" not in text for text in texts if text is not None)

    @given(replies())
    def test_equal_replies_hash_equal(self, reply):
        """
        A reply loaded back from its dict is equal and hashes equal.
        """
        copy = from_dict(Reply, to_dict(reply))
        assert (reply, hash(reply)) == (copy, hash(copy))

    @given(replies())
    def test_pickles(self, reply):
        """
        A reply survives pickling, spans and all.
        """
        copy = pickle.loads(pickle.dumps(reply))
        assert (reply, reply.spans) == (copy, copy.spans)

    @given(replies())
    def test_round_trips_through_dicts(self, reply):
        """
        from_dict(to_dict(x)) gives x back, spans and all.
        """
        copy = from_dict(Reply, to_dict(reply))
        assert (reply, reply.spans) == (copy, copy.spans)

    @given(replies())
    def test_round_trips_through_json(self, reply):
        """
        from_json(to_json(x)) gives x back.
        """
        assert reply == from_json(Reply, to_json(reply))

    @given(replies(), st.lists(spans(), min_size=1, max_size=3))
    def test_spans_are_not_part_of_equality(self, reply, new_spans):
        """
        Two replies differing only in their source spans are equal and hash equal.
        """
        moved = attrs.evolve(reply, spans=tuple(new_spans))
        assert (reply, hash(reply)) == (moved, hash(moved))

    # --- each rule with its own code and path

    @given(replies(), st.sampled_from(("", " ", "：", " ： ", ":")))
    def test_blank_recipient_is_refused(self, reply, blank):
        """
        An addressee that is blank, or only its colon, is refused at /recipient.
        """
        assert [("reply.recipient_empty", "/recipient")] == found(
            lambda: attrs.evolve(reply, recipient=blank)
        )

    @given(replies())
    def test_no_body_is_refused(self, reply):
        """
        A reply with neither opening nor sections is refused with reply.no_body.
        """
        assert [("reply.no_body", "/sections")] == found(
            lambda: attrs.evolve(reply, opening=None, sections=())
        )

    @given(replies(), sections(depth=MAX_SECTION_DEPTH))
    def test_fifth_level_is_refused(self, reply, section):
        """
        A section five levels deep is refused with reply.section_depth at its pointer.
        """
        buried = bury(section, MAX_SECTION_DEPTH)
        where = "/sections/0" + "/subsections/0" * MAX_SECTION_DEPTH
        assert [("reply.section_depth", where)] == found(
            lambda: attrs.evolve(reply, sections=(buried,))
        )

    @given(sections(depth=1))
    def test_fourth_level_is_allowed(self, section):
        """
        A section four levels deep is allowed.
        """
        buried = bury(section, MAX_SECTION_DEPTH - 1)
        assert (buried,) == Reply(recipient="韦委员", sections=(buried,)).sections

    @given(replies(), st.sampled_from(OPTIONAL_TEXTS), BLANKS)
    def test_blank_optional_text_is_refused(self, reply, name, blank):
        """
        A title, signature, opening, closing or note given but blank is refused there.
        """
        assert [("reply.text_empty", f"/{name}")] == found(
            lambda: attrs.evolve(reply, **{name: blank})
        )

    @given(replies(), st.sampled_from(("cc", "attachments")), BLANKS)
    def test_blank_list_item_is_refused(self, reply, name, blank):
        """
        A blank copy recipient or attachment is refused at its index.
        """
        items = (*getattr(reply, name), blank)
        where = f"/{name}/{len(items) - 1}"
        assert [("reply.text_empty", where)] == found(lambda: attrs.evolve(reply, **{name: items}))

    @given(replies())
    def test_two_bad_fields_give_two_violations(self, reply):
        """
        A blank addressee and no body are both reported, at once.
        """
        assert [
            ("reply.recipient_empty", "/recipient"),
            ("reply.no_body", "/sections"),
        ] == found(lambda: attrs.evolve(reply, recipient="", opening=None, sections=()))

    # --- advisory findings

    @pytest.mark.parametrize(
        ("field", "code", "severity"),
        [
            ("doc_number", "reply.missing_doc_number", Severity.WARNING),
            ("title", "reply.missing_title", Severity.WARNING),
            ("sender", "reply.missing_sender", Severity.WARNING),
            ("signed_on", "reply.missing_signed_on", Severity.WARNING),
            ("proposal", "reply.missing_proposal", Severity.WARNING),
            ("category", "reply.missing_category", Severity.INFO),
            ("contact", "reply.missing_contact", Severity.INFO),
        ],
    )
    def test_each_missing_element_is_reported(self, field, code, severity):
        """
        Each missing element is reported with its own code, at its field, at its severity.
        """
        reply = attrs.evolve(complete_reply(), **{field: None})
        assert {code: (f"/{field}", severity)} == findings(reply)

    def test_complete_reply_has_no_findings(self):
        """
        A letter with every element has no findings.
        """
        assert {} == findings(complete_reply())

    @given(replies())
    def test_missing_elements_are_the_absent_ones(self, reply):
        """
        missing_elements() names the absent GB/T 9704 elements in the standard's order.
        """
        absent = [name for name in LETTER_ELEMENTS if getattr(reply, name) is None]
        assert tuple(absent) == reply.missing_elements()

    # --- walking the body

    @given(replies())
    def test_section_pointers_resolve(self, reply):
        """
        Each pointer iter_sections() gives leads to that section in the reply's dict.
        """
        data = to_dict(reply)
        for pointer, section in reply.iter_sections():
            assert to_dict(section) == resolve(data, pointer)

    @given(replies())
    def test_body_text_is_the_prose_in_order(self, reply):
        """
        body_text() is the opening, each paragraph in reading order, and the closing, one a line.
        """
        paragraphs = [p for _, s in reply.iter_sections() for p in s.paragraphs]
        expected = [reply.opening, *paragraphs, reply.closing]
        assert [t for t in expected if t is not None] == (
            reply.body_text().split("\n") if reply.body_text() else []
        )

    def test_sections_are_walked_depth_first(self):
        """
        iter_sections() visits a section before its subsections, and those before its sibling.
        """
        numbers = [s.number for _, s in founding_reply().iter_sections()]
        assert ["一", "（一）", "（二）", "（三）", "二", "（一）", "（二）"] == numbers

    # --- the founding letter

    def test_founding_letter_constructs(self):
        """
        The founding letter keeps its addressee without the colon and cites No. 20210143.
        """
        reply = founding_reply()

        assert ("农工民主党广西区委", FOUNDING_REF) == (reply.recipient, str(reply.proposal))

    def test_founding_letter_lacks_number_signature_and_date(self):
        """
        The founding letter has no 发文字号, signature or 成文日期, and says so.
        """
        reply = founding_reply()

        assert ("doc_number", "sender", "signed_on") == reply.missing_elements()
        assert {
            "reply.missing_doc_number",
            "reply.missing_sender",
            "reply.missing_signed_on",
            "reply.missing_category",
            "reply.missing_contact",
        } == set(findings(reply))

    def test_note_parentheses_are_dropped(self):
        """
        The 附注 （此件公开发布） is kept without its parentheses.
        """
        assert "此件公开发布" == complete_reply().note


class TestReplyRules:
    @pytest.mark.parametrize("code", REPLY_CODES)
    def test_severity_follows_the_trigger(self, code):
        """
        Rules raised on load are errors; rules found by check are advisory.
        """
        rule = RULES[code]
        assert (rule.trigger is Trigger.CHECK) == (rule.severity is not Severity.ERROR)

    def test_rules_apply_to_reply(self):
        """
        Every reply rule applies to Reply.
        """
        assert {"Reply"} == {RULES[c].applies_to for c in REPLY_CODES}
