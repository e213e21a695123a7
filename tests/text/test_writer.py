"""
Tests for the reply-letter writer: layout, and reading back what was written.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxai_policy.data import founding_letter
from gxai_policy.records.proposal import ProposalRef
from gxai_policy.records.reply import Contact, Reference, Reply, Section
from gxai_policy.strategies._proposals import replies
from gxai_policy.text.reader import parse_reply
from gxai_policy.text.writer import render_reply
from gxai_policy.values.codelists import ReplyCategory
from gxai_policy.values.identifiers import DocumentNumber

LETTERS = Path(__file__).parent / "letters"
_BOOK_TITLE = re.compile(r"《([^《》]+)》")


def _cited(reply: Reply) -> tuple[Reference, ...]:
    """
    The documents the reply's body cites by 《title》, once each, in order.

    The opening's first 《》 is the proposal's own title, not a citation.
    """
    texts = []
    if reply.opening is not None:
        texts.append(reply.opening.split("》", 1)[-1])
    for _, section in reply.iter_sections():
        texts.extend(([section.heading] if section.heading else []) + list(section.paragraphs))
    if reply.closing is not None:
        texts.append(reply.closing)
    titles: list[str] = []
    for text in texts:
        for m in _BOOK_TITLE.finditer(text):
            if m.group(1) not in titles:
                titles.append(m.group(1))
    return tuple(Reference(t) for t in titles)


def carried(reply: Reply) -> Reply:
    """
    The part of a strategy reply that plain text carries.

    A 函 has no element for the proposal's key or the documents it cites:
    the reader takes the proposal from the title (so a reply citing one gets
    the title ``关于{proposal}答复的函`` when it has none) and the references
    from the 《titles》 of the body (so the reply gets exactly those).  Spans
    are not compared by equality at all.  The letter's source is no part of
    its text: `parse_reply` is given it (``source=``).  Everything else
    `replies()` draws reads back as it is.
    """
    title = reply.title
    if reply.proposal is not None and title is None:
        title = f"关于{reply.proposal}答复的函"
    return attrs.evolve(reply, title=title, references=_cited(reply), source=None)


def without_unkeyed_proposal(original: Reply, read: Reply) -> Reply:
    """
    *read*, its proposal dropped if *original* had none.

    A reply without a proposal may still name a kind in its words (提案, 建议)
    or its addressee (…委员, …代表), which the reader takes for a partial
    reference: the round trip compares the rest.
    """
    if original.proposal is None and read.proposal is not None:
        assert read.proposal.number is None or read.proposal.session is None
        return attrs.evolve(read, proposal=None)
    return read


def full_reply() -> Reply:
    return Reply(
        doc_number=DocumentNumber.parse("桂科函〔2022〕15号"),
        title="关于自治区政协十二届五次会议第20220088号提案答复的函",
        sender="广西壮族自治区科学技术厅",
        recipient="九三学社广西区委",
        proposal=ProposalRef.parse("自治区政协十二届五次会议第20220088号提案"),
        opening="贵委提出的《关于推进人工智能赋能制造业转型升级的提案》收悉，现答复如下：",
        sections=(
            Section(
                "一",
                "工作开展情况",
                subsections=(
                    Section("（一）", "强化政策支持。", ("我厅制定了相关政策措施。",)),
                    Section("（二）", None, ("全区共建成创新平台40家。",)),
                ),
            ),
            Section("二", "下一步工作打算", subsections=(Section("（一）", "加大支持力度。"),)),
        ),
        closing="感谢贵委对科技工作的关心和支持。",
        signed_on=pendulum.Date(2022, 5, 20),
        category=ReplyCategory.A,
        note="此件公开发布",
        contact=Contact("韦工", "0771-5886000"),
        cc=("自治区政协提案委员会", "自治区人民政府办公厅"),
        attachments=("广西人工智能企业名单", "广西人工智能应用场景清单"),
    )


class TestRenderReply:
    def test_standard_order(self):
        """
        Elements come in GB/T 9704 order, one block each, full-width punctuation.
        """
        assert [
            "A",
            "桂科函〔2022〕15号",
            "关于自治区政协十二届五次会议第20220088号提案答复的函",
            "九三学社广西区委：",
            "贵委提出的《关于推进人工智能赋能制造业转型升级的提案》收悉，现答复如下：",
            "一、工作开展情况",
            "（一）强化政策支持。",
            "我厅制定了相关政策措施。",
            "（二）",
            "全区共建成创新平台40家。",
            "二、下一步工作打算",
            "（一）加大支持力度。",
            "感谢贵委对科技工作的关心和支持。",
            "附件：1.广西人工智能企业名单",
            "2.广西人工智能应用场景清单",
            "广西壮族自治区科学技术厅",
            "2022年5月20日",
            "（此件公开发布）",
            "联系人：韦工，联系电话：0771-5886000",
            "抄送：自治区政协提案委员会，自治区人民政府办公厅。",
        ] == render_reply(full_reply()).rstrip("\n").split("\n\n")

    def test_full_reply_reads_back(self):
        """
        A reply with every element reads back equal, strictly too.
        """
        reply = full_reply()
        assert reply == parse_reply(render_reply(reply), strict=True)

    def test_single_attachment_has_no_number(self):
        """
        One attachment is written without a number.
        """
        reply = attrs.evolve(full_reply(), attachments=("广西人工智能企业名单",))
        assert "附件：广西人工智能企业名单" in render_reply(reply).split("\n\n")

    def test_contact_with_phone_only(self):
        """
        A contact with a telephone only is written and read back as such.
        """
        reply = attrs.evolve(full_reply(), contact=Contact(None, "0771-5886000"))
        assert Contact(None, "0771-5886000") == parse_reply(render_reply(reply)).contact

    def test_founding_letter_round_trip(self):
        """
        The founding letter, read, written and read again, is the same reply.
        """
        reply = parse_reply(founding_letter())
        assert reply == parse_reply(render_reply(reply))

    @pytest.mark.parametrize("path", sorted(LETTERS.glob("*.txt")), ids=lambda p: p.stem)
    def test_own_letters_round_trip(self, path):
        """
        Each letter of the collection survives being written out and read again.
        """
        reply = parse_reply(path.read_text(encoding="utf-8"))
        assert reply == parse_reply(render_reply(reply))

    @given(replies())
    def test_round_trip(self, reply):
        """
        parse_reply(render_reply(r)) == r for every reply plain text can carry.
        """
        reply = carried(reply)
        assert reply == without_unkeyed_proposal(reply, parse_reply(render_reply(reply)))

    @given(replies(), st.sampled_from(["\r\n", "\n"]))
    def test_round_trip_with_windows_line_ends(self, reply, newline):
        """
        The written letter reads back the same with CRLF line ends.
        """
        reply = carried(reply)
        read = parse_reply(render_reply(reply).replace("\n", newline))
        assert reply == without_unkeyed_proposal(reply, read)
