"""
Tests for the classes of letters issue #16 names: each class has its letters and its tests.

The letters are made up, in the styles real portals, wiki mirrors and PDF
extractions produce; those long enough to read as letters are in ``letters/``.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pendulum
import pytest

from gxai_policy.checks import check
from gxai_policy.errors import ParseError
from gxai_policy.records.proposal import ProposalRef
from gxai_policy.records.reply import Contact, Reply
from gxai_policy.serialize import from_dict, to_dict, to_json
from gxai_policy.text.figures import reply_figures
from gxai_policy.text.reader import parse_reply, proposal_title
from gxai_policy.text.reader._lines import _split_lines
from gxai_policy.text.writer import render_reply
from gxai_policy.values.codelists import Body, ProposalKind
from gxai_policy.values.identifiers import DocumentNumber, ProposalNumber
from gxai_policy.values.session import Session

LETTERS = Path(__file__).parent / "letters"


def letter(name: str) -> str:
    return (LETTERS / f"{name}.txt").read_text(encoding="utf-8")


def source_of(text: str, reply: Reply, element: str) -> str:
    """
    The source text of the span recorded for *element*.
    """
    (span,) = [s for s in reply.spans if s.element == element]
    return text[span.start : span.end]


def codes(reply: Reply) -> list[str]:
    return [v.code for v in check(reply)]


BODY = "\n您的提案收悉，现答复如下：\n一、工作情况\n已完成。\n"


class TestPartialReferences:
    def test_number_without_session(self):
        """
        ``您提出的第57号建议`` gives a suggestion numbered 57 and no session.
        """
        reply = parse_reply(letter("npc-number-only"))

        assert (ProposalKind.SUGGESTION, "57", 57, None) == (
            reply.proposal.kind,
            reply.proposal.number.text,
            reply.proposal.number.serial,
            reply.proposal.session,
        )

    def test_kind_only(self):
        """
        ``关于…的提案收悉`` gives a proposal with neither number nor session.
        """
        reply = parse_reply("李明委员：\n您提出的关于发展人工智能的提案收悉。\n一、情况\n已办。")

        assert ProposalRef(kind=ProposalKind.PROPOSAL) == reply.proposal

    def test_motion_is_read_as_a_suggestion(self):
        """
        An NPC motion (议案) is answered as a suggestion is.
        """
        reply = parse_reply("某某单位：\n你单位提出的第3号议案收悉。\n一、情况\n已办。")

        assert ProposalRef(kind=ProposalKind.SUGGESTION, number=ProposalNumber("3")) == (
            reply.proposal
        )

    def test_session_given_as_a_year(self):
        """
        ``县政协2009年第12号提案`` keeps its year where no session is named.
        """
        reply = parse_reply(letter("county-cppcc-partial"))

        assert (ProposalKind.PROPOSAL, "12", 2009, None) == (
            reply.proposal.kind,
            reply.proposal.number.text,
            reply.proposal.year,
            reply.proposal.session,
        )
        assert "2009年第12号提案" == str(reply.proposal)

    def test_packed_number_form_field(self):
        """
        ``提案编号：13020057`` packs term 13, meeting 2 and serial 57, which give the session.
        """
        reply = parse_reply(letter("coded-number-form"))

        assert (13, 2, 57) == (
            reply.proposal.number.term,
            reply.proposal.number.meeting,
            reply.proposal.number.serial,
        )
        assert Session(Body.CPPCC, 13, 2) == reply.proposal.session

    def test_form_fields_are_no_title(self):
        """
        案由 and 提案人 rows above the addressee are form fields, not the letter's title.
        """
        assert parse_reply(letter("coded-number-form")).title is None

    @pytest.mark.parametrize(
        ("addressee", "kind"),
        [("王丽代表", ProposalKind.SUGGESTION), ("李明委员", ProposalKind.PROPOSAL)],
    )
    def test_kind_inferred_from_addressee(self, addressee, kind):
        """
        With no 提案/建议 in its words, the addressee gives the kind, with a warning.
        """
        text = f"{addressee}：\n您的来信收悉，现答复如下：\n一、情况\n已办。"
        reply = parse_reply(text)

        assert kind == reply.proposal.kind
        assert addressee == source_of(text, reply, "/proposal/kind")
        assert "reply.proposal_kind_inferred" in codes(reply)

    def test_named_kind_is_not_inferred(self):
        """
        A kind the letter names draws no inference warning.
        """
        reply = parse_reply(letter("npc-number-only"))

        assert "reply.proposal_kind_inferred" not in codes(reply)

    def test_no_kind_no_proposal(self):
        """
        A letter naming no kind, to an addressee that is neither member nor deputy, has none.
        """
        reply = parse_reply("农工民主党广西区委：\n来信收悉，现答复如下：\n一、情况\n已办。")

        assert reply.proposal is None
        assert "reply.missing_proposal" in codes(reply)

    def test_check_names_the_missing_parts(self):
        """
        `check` says which parts of the reference the letter does not state.
        """
        reply = parse_reply(letter("npc-number-only"))
        (finding,) = [v for v in check(reply) if v.code == "reply.proposal_partial"]

        assert (
            "the letter does not state the proposal's session",
            "未写明所答复提案的届次会次",
        ) == (
            finding.message,
            finding.message_zh,
        )

    def test_complete_reference_is_not_partial(self):
        """
        A letter stating session and number draws no partial-reference finding.
        """
        reply = parse_reply(letter("web-page"))

        assert "reply.proposal_partial" not in codes(reply)

    def test_old_payload_loads(self):
        """
        A reply payload written before references could be partial loads as it did.
        """
        payload = {
            "recipient": "农工民主党广西区委",
            "opening": "贵委提出的提案收悉。",
            "proposal": {
                "kind": "proposal",
                "session": {"body": "cppcc", "term": 12, "meeting": 4, "level": "自治区"},
                "number": "20210143",
            },
        }
        reply = from_dict(Reply, payload)

        assert ProposalRef.parse("自治区政协十二届四次会议第20210143号提案") == reply.proposal

    def test_partial_reference_round_trips_through_the_wire(self):
        """
        A partial reference is written with nulls and loads back equal.
        """
        reply = parse_reply(letter("county-cppcc-partial"))

        assert {"kind": "proposal", "session": None, "number": "12", "year": 2009} == (
            to_dict(reply)["proposal"]
        )
        assert reply == from_dict(Reply, to_dict(reply))

    def test_year_beside_a_session_is_refused(self):
        """
        A year is given apart only when no session is named.
        """
        session = Session.parse("自治区政协十二届四次会议")
        with pytest.raises(ValueError, match="ref_year_with_session"):
            ProposalRef(kind=ProposalKind.PROPOSAL, session=session, year=2021)


class TestIssuer:
    def test_signature_first(self):
        """
        The signature names the sender even when the page names another publisher.
        """
        text = letter("web-page")
        reply = parse_reply(text)

        assert "广西壮族自治区科学技术厅" == reply.sender
        assert text.index("广西壮族自治区科学技术厅\n2021年7月15日") == (
            next(s.start for s in reply.spans if s.element == "/sender")
        )

    def test_letterhead(self):
        """
        Without a signature, the 发文机关标志 above the title is the sender.
        """
        text = "某市科学技术局文件\n关于第3号提案的答复\n李明委员：" + BODY
        reply = parse_reply(text)

        assert "某市科学技术局" == reply.sender
        assert "某市科学技术局" == source_of(text, reply, "/sender")

    def test_headline(self):
        """
        Without signature or letterhead, a headline ``某局关于…的答复`` names the sender.
        """
        text = "南宁市科学技术局关于市十五届人大三次会议第0215号建议的答复\n王丽代表：" + BODY
        reply = parse_reply(text)

        assert "南宁市科学技术局" == reply.sender

    def test_published_by(self):
        """
        Failing all of those, a page's 发布机构 names the sender.
        """
        text = "发布机构：南宁市大数据发展局\n关于第9号建议的答复\n王丽代表：" + BODY
        reply = parse_reply(text)

        assert "南宁市大数据发展局" == reply.sender
        assert "南宁市大数据发展局" == source_of(text, reply, "/sender")

    def test_joint_letter_gives_every_organ(self):
        """
        A letter signed by several organs gives them all, in order, joined with 、.
        """
        text = "王丽代表：" + BODY + "南宁市科学技术局\n南宁市工业和信息化局\n2023年6月5日"
        reply = parse_reply(text)

        assert "南宁市科学技术局、南宁市工业和信息化局" == reply.sender
        assert reply == parse_reply(render_reply(reply))


class TestHeadAndHeadline:
    def test_portal_page_read_whole(self):
        """
        A portal page with metadata rows between headline and letter reads every element.
        """
        reply = parse_reply(letter("portal-metadata"))

        assert (
            DocumentNumber.parse("南科函〔2023〕45号"),
            "南宁市科学技术局关于市十五届人大三次会议第0215号建议的答复",
            "王丽代表",
            "您提出的《关于加快建设南宁人工智能产业园的建议》收悉，现答复如下：",
        ) == (reply.doc_number, reply.title, reply.recipient, reply.opening)

    def test_headline_metadata_on_its_line_is_cut(self):
        """
        ``关于…的答复 发布时间：…`` is the headline without its metadata.
        """
        text = "关于第3号提案的答复 发布时间：2023-06-12 来源：市科技局\n李明委员：" + BODY

        assert "关于第3号提案的答复" == parse_reply(text).title

    def test_metadata_does_not_end_the_head(self):
        """
        Metadata rows under the headline are passed over, and the headline above is found.
        """
        text = (
            "关于第3号提案的答复\n发布时间：2023-06-12 | 来源：市科技局 | 字号：大 中 小\n"
            "| 索引号 | 000014349/2023-00045 | 有效性 | 有效 |\n作者：市科技局\n李明委员："
        ) + BODY

        assert "关于第3号提案的答复" == parse_reply(text).title

    @pytest.mark.parametrize(
        "head",
        [
            "发文字号：南科函〔2023〕45号",
            "文号：南科函〔2023〕45号",
            "[ 发文字号 ]\n南科函〔2023〕45号",
            "南科函〔2023〕45号      签发人：张三",
            "| 发文字号 | 南科函〔2023〕45号 | 成文日期 | 2023-06-05 |",
        ],
    )
    def test_labelled_document_number(self, head):
        """
        A labelled 发文字号, in any of the forms pages print, is read.
        """
        reply = parse_reply(f"{head}\n关于第3号提案的答复\n李明委员：" + BODY)

        assert DocumentNumber.parse("南科函〔2023〕45号") == reply.doc_number

    @pytest.mark.parametrize(
        "salutation",
        ["王丽代表：\n您好！", "王丽代表：您好！", "尊敬的王丽代表：", "尊敬的王丽代表：\n您好！"],
    )
    def test_greetings_and_honorific_are_the_salutation(self, salutation):
        """
        您好！ and 尊敬的 belong to the salutation: the recipient is the name alone.
        """
        reply = parse_reply(f"{salutation}\n您提出的第57号建议收悉，现答复如下：\n一、情况\n已办。")

        assert ("王丽代表", "您提出的第57号建议收悉，现答复如下：") == (
            reply.recipient,
            reply.opening,
        )

    def test_greeting_opening_the_opening_line(self):
        """
        ``您好！您的来信收悉`` opens with the greeting, which the opening leaves out.
        """
        assert "您的来信收悉，现答复如下：" == parse_reply(letter("addressee-only")).opening


class TestFooter:
    def test_footnote_mark_after_the_date(self):
        """
        ``二〇二三年六月五日[1]`` is the date; the mark does not hide it.
        """
        reply = parse_reply(letter("portal-metadata"))

        assert pendulum.Date(2023, 6, 5) == reply.signed_on

    def test_markup_after_the_letter(self):
        """
        ``![](…)`` and a lone ``|`` after the letter do not hide the note or the closing.
        """
        reply = parse_reply(letter("portal-metadata"))

        assert ("此件公开发布", "感谢您对科技工作的关心和支持！") == (reply.note, reply.closing)

    def test_leader_signature_is_not_body(self):
        """
        ``领导署名：李国强`` is read as the leader's signature, not as the last section's.
        """
        reply = parse_reply(letter("portal-metadata"))

        assert ("我局将会同市工业和信息化局加大招商力度。",) == reply.sections[-1].paragraphs
        assert "南宁市科学技术局" == reply.sender

    @pytest.mark.parametrize(
        ("line", "expected"),
        [
            ("联系人：陈敏  联系电话：0771-5551234", Contact("陈敏", "0771-5551234")),
            ("联系人：陈敏 电话：0771-5551234", Contact("陈敏", "0771-5551234")),
            (
                "联系单位及电话：市科技局高新处，0771-5550000",
                Contact("市科技局高新处", "0771-5550000"),
            ),
        ],
    )
    def test_contact_lines(self, line, expected):
        """
        Contact lines with other labels give the name and the telephone apart.
        """
        reply = parse_reply("王丽代表：" + BODY + f"某市科学技术局\n2023年6月5日\n{line}")

        assert expected == reply.contact

    @pytest.mark.parametrize(
        "closing",
        [
            "以上意见，供参考。",
            "以上答复，请予参考。",
            "请您填写《办理意见反馈表》并寄回我局。",
        ],
    )
    def test_more_closing_formulas(self, closing):
        """
        More closing formulas are read as the closing, not as the last paragraph.
        """
        reply = parse_reply("王丽代表：" + BODY + f"{closing}\n某市科学技术局\n2023年6月5日")

        assert (closing, ("已完成。",)) == (reply.closing, reply.sections[-1].paragraphs)

    def test_closing_then_feedback_request(self):
        """
        A closing followed by a request to fill in a feedback form is one closing of two lines.
        """
        text = (
            "王丽代表："
            + BODY
            + "特此函复。\n请填写《办理意见反馈表》并寄回我局。\n某局\n2023年6月5日"
        )

        assert "特此函复。\n请填写《办理意见反馈表》并寄回我局。" == parse_reply(text).closing


class TestBody:
    def test_bare_bracket_markers(self):
        """
        ``)加强规划引领`` at a line start is a （N） heading that lost its bracket and number.
        """
        reply = parse_reply(letter("pdf-damaged-markers"))

        assert [("（一）", "加强规划引领。"), ("（二）", "强化平台支撑。")] == [
            (s.number, s.heading) for s in reply.sections[0].subsections
        ]

    def test_bare_bracket_after_a_whole_marker(self):
        """
        A bare ``)`` after ``（一）`` numbers on from it, inside the same ``一、``.
        """
        text = (
            "王丽代表：\n您的建议收悉。\n一、情况\n（一）加强规划。\n）强化平台。\n"
            "二、计划\n）推进。"
        )
        reply = parse_reply(text)

        assert [["（一）", "（二）"], ["（一）"]] == [
            [sub.number for sub in s.subsections] for s in reply.sections
        ]

    def test_lost_first_marker(self):
        """
        ``二、`` with no ``一、`` before it: the heading that lost its marker is section 一.
        """
        reply = parse_reply(letter("pdf-damaged-markers"))

        assert [("一", "工作开展情况"), ("二", "下一步工作")] == [
            (s.number, s.heading) for s in reply.sections
        ]

    def test_wrapped_lines_are_joined_across_page_numbers(self):
        """
        A PDF's wrapped lines and its page numbers do not part a paragraph.
        """
        reply = parse_reply(letter("pdf-damaged-markers"))

        assert "您提出的关于加快人工智能产业集聚发展的提案收悉，现答复如下：" == reply.opening

    def test_table_rows_stay_rows(self):
        """
        Pipe-separated rows are paragraphs of their own, never glued to the one before.
        """
        reply = parse_reply(letter("table-figures"))

        assert (
            "近三年全区人工智能企业数量如下：",
            "| 年份 | 企业数（家） | 高新技术企业（家） |",
            "| 2021 | 172 | 87 |",
            "| 2022 | 215 | 120 |",
            "| 2023 | 263 | 151 |",
            "2023年全区人工智能核心产业规模约310亿元。",
        ) == reply.sections[0].paragraphs

    def test_cells_never_fuse_across_rows(self):
        """
        ``…| 310`` then ``2022年…`` stay apart, even in a hard-wrapped letter.
        """
        text = (
            "王丽代表：\n您提出的第57号建议收悉，现答复如下：\n"
            "一、情况\n全区人工智能企业产值情况统计如下表所示\n| 产值（亿元） | 310\n"
            "2022年全区人工智能核心产业规模继续扩大，企业数量稳步增长。"
        )
        paragraphs = parse_reply(text).sections[0].paragraphs

        assert [
            "| 产值（亿元） | 310",
            "2022年全区人工智能核心产业规模继续扩大，企业数量稳步增长。",
        ] == (list(paragraphs[1:]))

    def test_tab_separated_rows(self):
        """
        Tab-separated rows are kept as rows too, their cells apart.
        """
        text = (
            "王丽代表：\n您的建议收悉，现答复如下：\n一、情况\n年份\t企业数\n2021\t172\n2022\t215"
        )

        assert ("年份\t企业数", "2021\t172", "2022\t215") == (
            parse_reply(text).sections[0].paragraphs
        )

    def test_figures_inside_a_table(self):
        """
        A table's cells are figures with their column's unit, each spanning its own cell.
        """
        reply = parse_reply(letter("table-figures"))
        row = reply.sections[0].paragraphs[2]
        found = [
            (str(f.quantity), row[slice(*f.quantity.span)])
            for f in reply_figures(reply)
            if f.path == "/sections/0/paragraphs/2"
        ]

        assert [("172家", "172"), ("87家", "87")] == found

    def test_figures_after_a_table(self):
        """
        The figure after a table is read with its own value, not fused with a cell.
        """
        reply = parse_reply(letter("table-figures"))

        assert "约31000000000元" in [str(f.quantity) for f in reply_figures(reply)]

    def test_glosses_are_folded_away(self):
        """
        ``會(huì)議(yì)`` from a mirror site is read without its glosses.
        """
        reply = parse_reply(letter("wiki-mirror-glossed"))

        assert "我委將繼續會議研究人工智能輔助診療的推廣。" == reply.sections[1].paragraphs[0]
        assert "(" not in reply.sections[0].paragraphs[0]

    def test_glossed_copy_reads_as_the_plain_one(self):
        """
        A copy with glosses on every character reads as the copy without them.
        """
        plain = "王丽代表：\n您提出的第57号建议收悉，现答复如下：\n一、会议情况\n已召开会议。"
        glossed = plain.replace("会", "会(huì)").replace("议", "议(yì)")

        assert parse_reply(plain) == parse_reply(glossed)

    @pytest.mark.parametrize(
        "opening",
        [
            "您提出的《关于加快发展人工智能产业》的提案收悉，现答复如下：",
            "您提出的《关于加快发展人工智能产业》一案收悉，现答复如下：",
            "您提出的《关于加快发展人工智能产业》（第57号）收悉，现答复如下：",
        ],
    )
    def test_own_title_is_no_reference(self, opening):
        """
        The proposal's own 《title》 is not among the references, whatever words follow it.
        """
        text = f"王丽代表：\n{opening}\n一、情况\n按《广西科技创新规划》开展了工作。"
        reply = parse_reply(text)

        assert ("关于加快发展人工智能产业", ["广西科技创新规划"]) == (
            proposal_title(reply),
            [r.title for r in reply.references],
        )

    def test_title_in_quotes(self):
        """
        `proposal_title` finds a title quoted with “…”.
        """
        reply = parse_reply(
            "王丽代表：\n您提出的“关于发展数字经济的建议”收悉，现答复如下：\n一、情况\n已办。"
        )

        assert "关于发展数字经济的建议" == proposal_title(reply)


class TestText:
    def test_lone_surrogate_is_refused(self):
        """
        Text with a lone surrogate is refused, at its place, never read into an unwritable reply.
        """
        text = "王丽代表：\n您的建议收悉。\n一、情况\n已办\udcff。"
        with pytest.raises(ParseError) as info:
            parse_reply(text)

        assert ("letter.unencodable", 4) == (info.value.code, info.value.line)

    def test_accepted_text_can_be_written(self):
        """
        Whatever the reader accepts, to_json can write.
        """
        reply = parse_reply(letter("wiki-mirror-glossed"))

        assert to_json(reply)

    def test_blank_lines_make_no_lines(self):
        """
        Blank lines are not kept as lines: many of them cost no memory a line.
        """
        assert [] == _split_lines("\n" * 100_000 + "\r\n \t\u3000\n" * 1000)

    def test_blank_lines_are_no_letter(self):
        """
        Nothing but blank lines is no letter.
        """
        with pytest.raises(ParseError) as info:
            parse_reply("\n" * 100_000)

        assert "letter.not_a_letter" == info.value.code

    def test_line_numbers_count_physical_lines(self):
        """
        Lines keep their physical number, so blank lines still part paragraphs.
        """
        lines = _split_lines("甲\n\n乙\r\n丙")

        assert [0, 2, 3] == [line.number for line in lines]


class TestLettersOfThisIssue:
    @pytest.mark.parametrize(
        "name",
        [
            "addressee-only",
            "coded-number-form",
            "county-cppcc-partial",
            "npc-number-only",
            "pdf-damaged-markers",
            "portal-metadata",
            "table-figures",
            "wiki-mirror-glossed",
        ],
    )
    def test_nfkc_twin_reads_the_same(self, name):
        """
        Each letter and its NFKC-folded twin read to equal replies.
        """
        text = letter(name)

        assert parse_reply(text) == parse_reply(unicodedata.normalize("NFKC", text))
