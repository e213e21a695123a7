"""
Tests for the reply-letter reader: the founding letter, letters in other styles, errors.
"""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxai_policy.checks import check
from gxai_policy.data import founding_letter
from gxai_policy.errors import ParseError
from gxai_policy.records.reply import Contact, Reference, Reply
from gxai_policy.rules import RULES, Trigger
from gxai_policy.text.reader import canonical, parse_reply, proposal_title
from gxai_policy.values.codelists import Body, ProposalKind, ReplyCategory, ScenarioDomain
from gxai_policy.values.identifiers import DocumentNumber

LETTERS = Path(__file__).parent / "letters"


def letter(name: str) -> str:
    return (LETTERS / f"{name}.txt").read_text(encoding="utf-8")


def span_text(text: str, reply: Reply, element: str) -> str:
    """
    The source text of the one span recorded for *element*.
    """
    found = [s for s in reply.spans if s.element == element]
    assert 1 == len(found), (element, found)
    return text[found[0].start : found[0].end]


def outcome(text: str, *, strict: bool = False) -> Reply | str:
    """
    The reply *text* reads to, or the code of the ParseError it raises.
    """
    try:
        return parse_reply(text, strict=strict)
    except ParseError as exc:
        return exc.code


def outline(reply: Reply) -> list[tuple[str, str | None, list[tuple[str, str | None]]]]:
    return [
        (s.number, s.heading, [(c.number, c.heading) for c in s.subsections])
        for s in reply.sections
    ]


@pytest.fixture(scope="module")
def founding() -> Reply:
    return parse_reply(founding_letter())


class TestFoundingLetter:
    def test_proposal(self, founding):
        """
        The letter answers proposal 20210143 of the 4th meeting of the 12th Guangxi CPPCC.
        """
        ref = founding.proposal
        assert ref is not None
        assert ProposalKind.PROPOSAL is ref.kind
        assert "20210143" == ref.number.text
        assert (Body.CPPCC, "自治区", 12, 4, 2021) == (
            ref.session.body,
            ref.session.level,
            ref.session.term,
            ref.session.meeting,
            ref.session.year,
        )

    def test_recipient_and_title(self, founding):
        """
        The addressee is 农工民主党广西区委, and the two title lines make one title.
        """
        assert "农工民主党广西区委" == founding.recipient
        assert "关于自治区政协十二届四次会议第20210143号提案答复的函" == founding.title

    def test_proposal_title(self, founding):
        """
        The proposal's own title is the 《》 the opening quotes.
        """
        assert (
            "关于抢抓数字经济大发展契机，积极申报建设广西新一代人工智能实验区的提案"
            == proposal_title(founding)
        )

    def test_opening(self, founding):
        """
        The opening sentence comes first, the paragraph before the first heading after it.
        """
        assert founding.opening is not None
        first, second = founding.opening.split("\n")
        assert first.startswith("贵委提出的《关于抢抓数字经济大发展契机")
        assert first.endswith("》收悉，现答复如下：")
        assert second.startswith("从2016年开始，新一代人工智能进入了高速发展阶段。")

    def test_sections(self, founding):
        """
        Two top-level sections with six and four subsections, headings as written.
        """
        assert [
            (
                "一",
                "已开展工作情况",
                [
                    ("（一）", "加强顶层设计。"),
                    ("（二）", "支持开展科技攻关情况。"),
                    ("（三）", "创新平台建设情况。"),
                    ("（四）", "人才队伍建设情况。"),
                    ("（五）", "人工智能企业培育情况。"),
                    ("（六）", "人工智能与实体经济深度融合改革任务落实情况。"),
                ],
            ),
            (
                "二",
                "下一步工作计划",
                [
                    ("（一）", "强化创新平台建设。"),
                    ("（二）", "持续开展技术攻关。"),
                    ("（三）", "强化人才队伍建设。"),
                    ("（四）", "组织开展人工智能应用场景征集工作。"),
                ],
            ),
        ] == outline(founding)

    def test_paragraphs(self, founding):
        """
        Each subsection holds its one paragraph; 二 has its lead-in paragraph.
        """
        first, second = founding.sections
        assert [1] * 6 == [len(s.paragraphs) for s in first.subsections]
        assert [1] * 4 == [len(s.paragraphs) for s in second.subsections]
        assert (
            "为积极申报建设广西新一代人工智能实验区打好基础，下一步我厅将从以下几个方面做好工作。",
        ) == second.paragraphs
        assert first.subsections[2].paragraphs[0].startswith("截至2020年底，我区共有")

    def test_missing_elements(self, founding):
        """
        The letter has no 发文字号, signature, date, category, contact or copies.
        """
        assert ("doc_number", "sender", "signed_on") == founding.missing_elements()
        assert (None, None, None, None, ()) == (
            founding.category,
            founding.note,
            founding.contact,
            founding.closing,
            founding.cc,
        )

    def test_references(self, founding):
        """
        The documents the letter cites, once each, in order; the proposal is not one.
        """
        assert (
            Reference("“十四五”广西科技计划项目申报指南（第一版）"),
            Reference("“十四五”广西新一代人工智能科技重大专项实施方案"),
            Reference("广西人工智能产业协同创新实施方案"),
            Reference("自治区党委全面深化改革委员会2021年工作要点"),
            Reference("自治区党委全面深化改革委员会各专项小组2021年面上改革任务"),
            Reference("〈促进人工智能和实体经济深度融合的若干政策措施〉2021年工作任务分解表"),
        ) == founding.references

    def test_scenario_domains(self, founding):
        """
        The last subsection lists the twelve scenario domains, in the codelist's order.
        """
        paragraph = founding.sections[1].subsections[3].paragraphs[0]
        listed = paragraph.split("征集范围包括：")[1].split("等领域")[0].split("、")
        assert [d.label_zh for d in ScenarioDomain] == listed

    def test_dates_stay_in_the_text(self, founding):
        """
        The dates of the letter are in its paragraphs as written.
        """
        first = founding.sections[0].subsections
        assert "我厅于2021年4月发布了" in first[0].paragraphs[0]
        assert "我厅于2021年4月27日印发了" in first[5].paragraphs[0]
        assert "我厅已于2021年6月底上报了" in first[5].paragraphs[0]

    def test_spans(self, founding):
        """
        Spans point into the input: the recipient, the title lines, each heading.
        """
        text = founding_letter()
        assert "农工民主党广西区委" == span_text(text, founding, "/recipient")
        assert "关于自治区政协十二届四次会议\n\n第20210143号提案答复的函" == span_text(
            text, founding, "/title"
        )
        assert "（三）" == span_text(text, founding, "/sections/0/subsections/2/number")
        assert "创新平台建设情况。" == span_text(
            text, founding, "/sections/0/subsections/2/heading"
        )
        assert "20210143" == span_text(text, founding, "/proposal/number")
        assert "自治区政协十二届四次会议" == span_text(text, founding, "/proposal/session")

    def test_every_text_span_reads_back_to_its_value(self, founding):
        """
        Each heading's and paragraph's span holds exactly its value.
        """
        text = founding_letter()
        for pointer, section in founding.iter_sections():
            for i, paragraph in enumerate(section.paragraphs):
                assert paragraph == span_text(text, founding, f"{pointer}/paragraphs/{i}")
            assert section.heading == span_text(text, founding, f"{pointer}/heading")

    def test_strict_names_the_first_missing_element(self):
        """
        In strict mode the letter fails on its missing 发文字号, where the title starts.
        """
        with pytest.raises(ParseError) as info:
            parse_reply(founding_letter(), strict=True)
        assert ("reply.missing_doc_number", 1, 1) == (
            info.value.code,
            info.value.line,
            info.value.column,
        )


class TestLettersInOtherStyles:
    def test_city_npc_suggestion(self):
        """
        A city bureau's reply to an NPC suggestion: every GB/T 9704 element is read.
        """
        text = letter("nanning-npc-suggestion")
        reply = parse_reply(text)
        assert DocumentNumber.parse("南科函〔2022〕15号") == reply.doc_number
        assert ReplyCategory.B is reply.category
        assert "南宁市科学技术局关于市十五届人大三次会议第57号建议答复的函" == reply.title
        assert "王明代表" == reply.recipient
        assert reply.proposal is not None
        assert (ProposalKind.SUGGESTION, "57") == (reply.proposal.kind, reply.proposal.number.text)
        assert (Body.NPC, "市", 15, 3, None) == (
            reply.proposal.session.body,
            reply.proposal.session.level,
            reply.proposal.session.term,
            reply.proposal.session.meeting,
            reply.proposal.session.year,
        )
        assert "关于加快我市人工智能产业发展的建议" == proposal_title(reply)
        assert "感谢您对科技工作的关心和支持。" == reply.closing
        assert ("南宁市人工智能企业名单", "南宁市人工智能应用场景清单") == reply.attachments
        assert "南宁市科学技术局" == reply.sender
        assert pendulum.Date(2022, 6, 10) == reply.signed_on
        assert "此件公开发布" == reply.note
        assert Contact("韦工", "0771-5886000") == reply.contact
        assert ("市人大常委会代表工作委员会", "市人民政府办公室") == reply.cc
        assert (
            Reference(
                "南宁市促进人工智能产业发展若干措施", DocumentNumber.parse("南府规〔2021〕8号")
            ),
        ) == reply.references
        assert "B" == span_text(text, reply, "/category")
        assert "王明代表" == span_text(text, reply, "/recipient")

    def test_four_heading_levels(self):
        """
        一、 › （一） › 1. › （1） nest four deep; 一是…二是… stay inside their paragraph.
        """
        reply = parse_reply(letter("nanning-npc-suggestion"))
        first = reply.sections[0]
        assert first.paragraphs[0].endswith(
            "一是加强政策引导，二是强化平台支撑，三是推动场景开放。"
        )
        level2 = first.subsections[0]
        assert ("（一）", "政策引导方面") == (level2.number, level2.heading)
        assert ["1.", "2."] == [s.number for s in level2.subsections]
        assert ("出台扶持政策。", "加大资金投入。") == tuple(s.heading for s in level2.subsections)
        level4 = level2.subsections[1].subsections
        assert [
            ("（1）", "重点研发项目平均资助50万元；"),
            ("（2）", "应用示范项目平均资助20万元。"),
        ] == [(s.number, s.heading) for s in level4]
        assert ("下一步工作",) == (reply.sections[1].heading,)

    def test_nfkc_folded_letter(self):
        """
        ASCII punctuation (``(一)``, ``:``, ``,``) reads as the full-width form.
        """
        reply = parse_reply(letter("folded-cppcc-2022"))
        assert "九三学社广西区委员会" == reply.recipient
        assert (
            "贵委提出的《关于推进人工智能赋能制造业转型升级的提案》收悉，现答复如下："
            == reply.opening
        )
        sub = reply.sections[0].subsections
        assert [("（一）", "强化政策支持。"), ("（二）", "推进平台建设。")] == [
            (s.number, s.heading) for s in sub
        ]
        assert ("我厅会同有关部门制定了相关政策措施，支持人工智能企业发展。",) == sub[0].paragraphs
        assert reply.proposal is not None
        assert ("20220088", 5, 2022) == (
            reply.proposal.number.text,
            reply.proposal.session.meeting,
            reply.proposal.session.year,
        )
        assert pendulum.Date(2022, 5, 20) == reply.signed_on

    def test_web_page_furniture_is_ignored(self):
        """
        Breadcrumbs, 索引号/发布机构/发布日期 and the repeated headline before the letter,
        and 打印/分享到/免责声明/版权所有/ICP after it, are no part of the reply.
        """
        text = letter("web-page")
        reply = parse_reply(text)
        start, end = text.index("桂科函〔2021〕210号"), text.index("【打印本页】")
        assert all(start <= s.start and s.end <= end for s in reply.spans)
        assert DocumentNumber.parse("桂科函〔2021〕210号") == reply.doc_number
        assert "关于自治区十三届人大四次会议第231号建议答复的函" == reply.title
        assert "黄志强代表" == reply.recipient
        assert reply.proposal is not None
        assert (ProposalKind.SUGGESTION, "231", Body.NPC, 13, 4) == (
            reply.proposal.kind,
            reply.proposal.number.text,
            reply.proposal.session.body,
            reply.proposal.session.term,
            reply.proposal.session.meeting,
        )
        assert ["关于支持试验区建设", "关于加大项目支持"] == [s.heading for s in reply.sections]
        assert ("广西壮族自治区科学技术厅", pendulum.Date(2021, 7, 15)) == (
            reply.sender,
            reply.signed_on,
        )
        assert (Reference("广西科技创新“十四五”规划"),) == reply.references
        assert reply.closing is None

    def test_traditional_characters(self):
        """
        A mirror in traditional characters reads to the same structure, values as written.
        """
        reply = parse_reply(letter("traditional"))
        assert "農工民主黨廣西區委" == reply.recipient
        assert "關於自治區政協十二屆四次會議第20210143號提案答覆的函" == reply.title
        assert reply.proposal is not None
        assert ("20210143", 12, 4) == (
            reply.proposal.number.text,
            reply.proposal.session.term,
            reply.proposal.session.meeting,
        )
        assert [("一", "已開展工作情況"), ("二", "下一步工作計劃")] == [
            (s.number, s.heading) for s in reply.sections
        ]
        assert "廣西壯族自治區科學技術廳" == reply.sender
        assert pendulum.Date(2021, 8, 3) == reply.signed_on
        assert "此件公開發佈" == reply.note

    def test_cut_off_mid_sentence(self):
        """
        A letter that stops mid-sentence keeps what it has; the rest is missing.
        """
        reply = parse_reply(letter("truncated"))
        assert "民盟广西区委" == reply.recipient
        last = reply.sections[0].subsections[0]
        assert "高校学科建设。" == last.heading
        assert last.paragraphs[0].endswith("累计培养本科生")
        assert ("doc_number", "sender", "signed_on") == reply.missing_elements()

    def test_province_with_chinese_numeral_date(self):
        """
        A province's 代表建议, 二〇二四年六月五日, a contact in parentheses, 特此函复。
        """
        reply = parse_reply(letter("guangdong-province"))
        assert DocumentNumber.parse("粤科函〔2024〕112号") == reply.doc_number
        assert reply.proposal is not None
        assert (ProposalKind.SUGGESTION, "1086", "省", 14, 2) == (
            reply.proposal.kind,
            reply.proposal.number.text,
            reply.proposal.session.level,
            reply.proposal.session.term,
            reply.proposal.session.meeting,
        )
        assert "李红代表" == reply.recipient
        assert "特此函复。" == reply.closing
        assert "广东省科学技术厅" == reply.sender
        assert pendulum.Date(2024, 6, 5) == reply.signed_on
        assert Contact("陈工", "020-83163338") == reply.contact
        assert "关于支持粤港澳大湾区人工智能创新平台建设的建议" == proposal_title(reply)

    def test_city_cppcc_without_colon(self):
        """
        ``李红委员`` without a colon, ``A类`` alone on a line, a zero-padded number, 2023年05月08日.
        """
        reply = parse_reply(letter("baise-cppcc"))
        assert ReplyCategory.A is reply.category
        assert "李红委员" == reply.recipient
        assert reply.proposal is not None
        session = reply.proposal.session
        assert ("0312", Body.CPPCC, "百色市", "市", 5, 2) == (
            reply.proposal.number.text,
            session.body,
            session.region,
            session.level,
            session.term,
            session.meeting,
        )
        assert pendulum.Date(2023, 5, 8) == reply.signed_on
        assert "百色市农业农村局" == reply.sender

    def test_cited_documents(self):
        """
        《titles》 with their （发文字号）, and a bare 发文字号, become references.
        """
        reply = parse_reply(letter("cited-documents"))
        assert "自治区科学技术厅" == reply.recipient
        assert DocumentNumber.parse("桂工信函〔2021〕87号") == reply.doc_number
        assert (
            Reference(
                "国务院关于印发新一代人工智能发展规划的通知",
                DocumentNumber.parse("国发〔2017〕35号"),
            ),
            Reference("广西新一代人工智能发展规划"),
            Reference("广西工业互联网发展行动计划"),
            Reference(None, DocumentNumber.parse("桂政办发〔2018〕96号")),
            Reference(
                "关于印发〈促进人工智能和实体经济深度融合的若干政策措施〉的通知",
                DocumentNumber.parse("桂政办发〔2020〕38号"),
            ),
        ) == reply.references
        assert ("广西人工智能重点企业名单",) == reply.attachments
        assert reply.proposal is not None
        assert "20210311" == reply.proposal.number.text

    def test_everything_on_one_line(self):
        """
        Recipient and opening on one line, a closing ending the paragraph, 署名 and 日期 together.
        """
        text = letter("one-line")
        reply = parse_reply(text)
        assert "张伟委员" == reply.recipient
        assert reply.opening is not None
        assert reply.opening.startswith("您提出的关于发展智能网联汽车的提案收悉")
        assert reply.opening.endswith("累计投入资金3000多万元。")
        assert "感谢您对我市科技工作的关心和支持！" == reply.closing
        assert ("柳州市科学技术局", pendulum.Date(2019, 6, 28)) == (reply.sender, reply.signed_on)
        assert reply.proposal is not None
        assert ("014", "柳州市", 13, 3) == (
            reply.proposal.number.text,
            reply.proposal.session.region,
            reply.proposal.session.term,
            reply.proposal.session.meeting,
        )
        assert "2019年6月28日" == span_text(text, reply, "/signed_on")

    def test_pdf_copy_with_wrapped_lines(self):
        """
        A PDF copy: 28 characters a line, indented paragraphs, a page number mid-paragraph.
        """
        reply = parse_reply(letter("pdf-wrapped"))
        assert DocumentNumber.parse("市科函〔2023〕9号") == reply.doc_number
        assert "关于市十六届人大三次会议第0088号建议的答复" == reply.title
        assert "覃海燕代表" == reply.recipient
        assert (
            "您提出的《关于加快建设桂林国家可持续发展议程创新示范区人工智能应用场景的建议》收悉。"
            "经认真研究，现将办理情况答复如下："
        ) == reply.opening
        assert (
            (
                "2022年，我局围绕示范区建设，组织实施人工智能应用示范项目12项，包括智慧旅游项目5项、"
                "智慧农业项目4项和智慧医疗项目3项，安排市级科技经费共计860万元。"
            ),
            "同时，我局积极推动桂林电子科技大学与企业共建联合实验室，目前已建成联合实验室6个。",
        ) == reply.sections[0].paragraphs
        assert ("我局将继续加大支持力度，推动更多人工智能技术在文旅、农业等领域落地应用。",) == (
            reply.sections[1].paragraphs
        )
        assert "感谢您对科技工作的关心和支持。" == reply.closing
        assert ("桂林市科学技术局", pendulum.Date(2023, 4, 28)) == (reply.sender, reply.signed_on)
        assert Contact("蒋工", "0773-2826000") == reply.contact
        assert reply.proposal is not None
        assert ("0088", Body.NPC, "市", 16, 3) == (
            reply.proposal.number.text,
            reply.proposal.session.body,
            reply.proposal.session.level,
            reply.proposal.session.term,
            reply.proposal.session.meeting,
        )

    def test_proposal_in_the_opening(self):
        """
        With no title, the opening names the session and the number after the 《》.
        """
        reply = parse_reply(
            "王明代表：\n您在市十五届人大三次会议上提出的《关于加快人工智能发展的建议》"
            "（第57号）收悉，现答复如下：\n一、情况\n已办。"
        )
        assert reply.proposal is not None
        assert ("57", Body.NPC, "市", 15, 3) == (
            reply.proposal.number.text,
            reply.proposal.session.body,
            reply.proposal.session.level,
            reply.proposal.session.term,
            reply.proposal.session.meeting,
        )

    def test_footer_variants(self):
        """
        A category after the 文号, a seal placeholder, a 公开方式 note, a caption after all.
        """
        reply = parse_reply(
            "桂科函〔2021〕15号  B类\n关于第57号建议答复的函\n王明代表：\n您的建议收悉。\n"
            "一、情况\n已办。\n广西壮族自治区科学技术厅（盖章）\n2021年8月3日\n"
            "（公开方式：主动公开）\n扫码关注我们的公众号\n"
        )
        assert (ReplyCategory.B, "广西壮族自治区科学技术厅", "公开方式：主动公开") == (
            reply.category,
            reply.sender,
            reply.note,
        )
        assert ("已办。",) == reply.sections[0].paragraphs

    @pytest.mark.parametrize("path", sorted(LETTERS.glob("*.txt")), ids=lambda p: p.stem)
    def test_spans_lie_inside_the_input(self, path):
        """
        Every span of every letter is a range of the input, and text values match theirs.
        """
        text = path.read_text(encoding="utf-8")
        reply = parse_reply(text)
        assert all(0 <= s.start < s.end <= len(text) for s in reply.spans)
        for name in ("recipient", "sender", "note"):
            value = getattr(reply, name)
            if value is not None:
                assert value in canonical(span_text(text, reply, "/" + name))


class TestNormalisation:
    def test_nfkc_twin_reads_the_same(self, founding):
        """
        The founding letter folded with NFKC reads to an equal reply.
        """
        assert founding == parse_reply(unicodedata.normalize("NFKC", founding_letter()))

    def test_full_width_twin_reads_the_same(self):
        """
        A letter written with ASCII punctuation equals its full-width twin.
        """
        folded = letter("folded-cppcc-2022")
        full = folded.replace("(", "（").replace(")", "）").replace(":", "：").replace(",", "，")
        assert parse_reply(folded) == parse_reply(full)

    def test_indentation_and_crlf(self, founding):
        """
        Indentation with ideographic spaces and CRLF line ends change nothing.
        """
        lines = founding_letter().split("\n")
        assert founding == parse_reply("\r\n".join("　　" + line for line in lines))

    def test_hard_wrapped_twin_reads_the_same(self, founding):
        """
        The founding letter wrapped at 28 characters a line, paragraphs indented, is equal.
        """
        lines = []
        for line in founding_letter().splitlines():
            if len(line) <= 28:
                lines.extend([line] if line.strip() else [])
                continue
            lines.append("　　" + line[:26])
            lines.extend(line[k : k + 28] for k in range(26, len(line), 28))
        assert founding == parse_reply("\n".join(lines))

    def test_kangxi_radicals_are_folded(self):
        """
        Kangxi radicals from PDF extraction (⼀ for 一) still mark headings.
        """
        reply = parse_reply("王明代表：\n您的建议收悉。\n\u2f00、总体情况\n已办理。")
        assert ("一", "总体情况") == (reply.sections[0].number, reply.sections[0].heading)

    def test_canonical_keeps_ascii_between_ascii(self):
        """
        Punctuation between two ASCII characters stays ASCII (1,200; http://).
        """
        assert "1,200元，见http://www.gxst.gov.cn：" == canonical(
            "1,200元,见http://www.gxst.gov.cn:"
        )

    def test_parenthesised_numeral_headings(self):
        """
        ㈠ and ⑴ are headings of levels 2 and 4.
        """
        reply = parse_reply("王明代表：\n您的建议收悉。\n一、情况\n\u3220政策\n1.资金\n\u2474项目")
        sub = reply.sections[0].subsections[0]
        assert ("（一）", "1.", "（1）") == (
            sub.number,
            sub.subsections[0].number,
            sub.subsections[0].subsections[0].number,
        )


NOT_LETTERS = [
    "",
    "   \n\n",
    "今天天气很好。",
    "The quick brown fox jumps over the lazy dog.",
    "一、总体情况\n二、下一步工作",
    "《关于加快发展人工智能的若干意见》",
]


class TestErrors:
    @pytest.mark.parametrize("text", NOT_LETTERS)
    def test_not_a_letter(self, text):
        """
        Text with no recipient, no opening and no proposal cited is refused with its code.
        """
        with pytest.raises(ParseError) as info:
            parse_reply(text)
        assert "letter.not_a_letter" == info.value.code

    def test_not_text(self):
        """
        A non-string is refused with a ParseError too.
        """
        with pytest.raises(ParseError) as info:
            parse_reply(b"\xe5\x85\xb3")  # type: ignore[arg-type]
        assert "letter.not_a_letter" == info.value.code

    def test_no_recipient(self):
        """
        An opening without a recipient line before it: ``letter.no_recipient``.
        """
        with pytest.raises(ParseError) as info:
            parse_reply("贵委提出的提案收悉，现答复如下：\n一、工作情况")
        assert ("letter.no_recipient", 1) == (info.value.code, info.value.line)

    def test_no_body(self):
        """
        A recipient line with nothing after it but a 附注: ``letter.no_body``.
        """
        with pytest.raises(ParseError) as info:
            parse_reply("农工民主党广西区委：\n\n（此件公开发布）")
        assert "letter.no_body" == info.value.code

    def test_strict_missing_sender_at_the_date(self):
        """
        A letter with 文号 and title but no signature fails at its date line.
        """
        text = (
            "桂科函〔2022〕15号\n关于第57号建议答复的函\n王明代表：\n您的建议收悉。\n2022年6月10日"
        )
        with pytest.raises(ParseError) as info:
            parse_reply(text, strict=True)
        assert ("reply.missing_sender", 5, 1) == (
            info.value.code,
            info.value.line,
            info.value.column,
        )

    def test_strict_missing_date_after_the_signature(self):
        """
        A signature without a date fails right after the signature.
        """
        text = "桂科函〔2022〕15号\n关于第57号建议答复的函\n王明代表：\n您的建议收悉。\n"
        text += "南宁市科学技术局"
        with pytest.raises(ParseError) as info:
            parse_reply(text, strict=True)
        assert ("reply.missing_signed_on", 5, 9) == (
            info.value.code,
            info.value.line,
            info.value.column,
        )

    def test_strict_missing_title_at_the_recipient(self):
        """
        A letter with a 文号 but no title fails at the recipient line.
        """
        text = "桂科函〔2022〕15号\n\n王明代表：\n您的建议收悉。\n南宁市科学技术局\n2022年6月10日"
        with pytest.raises(ParseError) as info:
            parse_reply(text, strict=True)
        assert ("reply.missing_title", 3, 1) == (
            info.value.code,
            info.value.line,
            info.value.column,
        )

    def test_strict_impossible_date(self):
        """
        In strict mode a 成文日期 that is no calendar day fails with the date's code.
        """
        text = letter("nanning-npc-suggestion").replace("2022年6月10日", "2022年2月30日")
        assert parse_reply(text).signed_on is None
        with pytest.raises(ParseError) as info:
            parse_reply(text, strict=True)
        assert "date.impossible" == info.value.code

    def test_lenient_impossible_date_is_unreadable_not_missing(self):
        """
        Read leniently, a 成文日期 that is no calendar day keeps its span, and check says so.
        """
        text = letter("nanning-npc-suggestion").replace("2022年6月10日", "2022年2月30日")
        reply = parse_reply(text)
        [span] = [s for s in reply.spans if s.element == "/signed_on"]
        assert "2022年2月30日" == text[span.start : span.end]
        codes = {(v.code, v.path) for v in check(reply)}
        assert ("reply.unreadable_signed_on", "/signed_on") in codes
        assert "reply.missing_signed_on" not in {code for code, _ in codes}

    def test_strict_accepts_a_complete_letter(self):
        """
        A letter with every required element passes strict reading unchanged.
        """
        text = letter("nanning-npc-suggestion")
        assert parse_reply(text) == parse_reply(text, strict=True)

    @pytest.mark.parametrize(
        "code",
        sorted(c for c in RULES if c.startswith("letter.") and RULES[c].trigger is Trigger.READ),
    )
    def test_rule_example_raises_its_code(self, code):
        """
        Each reader rule's example raises a ParseError with exactly that code.
        """
        with pytest.raises(ParseError) as info:
            parse_reply(RULES[code].example)
        assert code == info.value.code


class TestRobustness:
    @given(st.text())
    def test_any_text(self, text):
        """
        Any string reads to a Reply or raises ParseError, spans inside the input.
        """
        reply = outcome(text)
        if isinstance(reply, str):
            assert reply in RULES
        else:
            assert all(0 <= s.start <= s.end <= len(text) for s in reply.spans)

    @given(
        st.lists(
            st.sampled_from(
                [
                    "王明代表：",
                    "收悉，现答复如下：",
                    "一、",
                    "（一）",
                    "1.",
                    "(1)",
                    "《",
                    "》",
                    "第20210143号提案",
                    "自治区政协十二届四次会议",
                    "桂科函〔2022〕15号",
                    "2021年4月27日",
                    "抄送：",
                    "附件：",
                    "联系人：",
                    "（此件公开发布）",
                    "B",
                    "\n",
                    "广西壮族自治区科学技术厅",
                    "感谢您的支持。",
                    "分享到",
                    "索引号：",
                    "，",
                    "。",
                ]
            )
        ).map("".join),
        st.booleans(),
    )
    def test_letter_shaped_noise(self, text, strict):
        """
        Text made of letter parts in any order reads or fails with a registered code.
        """
        reply = outcome(text, strict=strict)
        assert isinstance(reply, Reply) or reply in RULES

    @pytest.mark.parametrize("end", range(0, len(founding_letter()) + 97, 97))
    def test_cut_at_every_97th_character(self, end):
        """
        The founding letter cut short or missing its start reads or fails cleanly.
        """
        text = founding_letter()
        for part in (text[:end], text[end:]):
            reply = outcome(part)
            assert reply in RULES if isinstance(reply, str) else reply.recipient

    def test_prefix_keeps_what_it_has(self):
        """
        Cut inside the first subsection, the letter still has its recipient and first heading.
        """
        text = founding_letter()
        reply = parse_reply(text[: text.index("我厅于2021年4月发布了") + 40])
        assert ("农工民主党广西区委", "加强顶层设计。") == (
            reply.recipient,
            reply.sections[0].subsections[0].heading,
        )

    @pytest.mark.parametrize("seed", range(20))
    def test_shuffled_lines(self, seed):
        """
        The founding letter's lines in a random order read or fail cleanly.
        """
        lines = founding_letter().splitlines()
        random.Random(seed).shuffle(lines)  # noqa: S311 - a reproducible order, not a secret
        reply = outcome("\n".join(lines))
        assert isinstance(reply, Reply) or reply in RULES

    @pytest.mark.parametrize(
        "text",
        [
            "王明代表：\n收悉\n" + "一、" * 100_000,
            "王明代表：\n收悉\n" + "一、\n" * 20_000,
            "王明代表：\n收悉\n" + "《" * 100_000,
            "王明代表：\n收悉\n" + "《关于" * 30_000,
            "王明代表：\n收悉\n" + "1" * 100_000,
            "关于第" + "1" * 100_000 + "号提案\n王明代表：\n收悉",
            "关于" + "十二届四次" * 20_000 + "第1号提案\n王明代表：\n收悉",
            "王明代表：\n收悉\n" + "桂科函〔2022〕15号" * 10_000,
            "王明代表：\n收悉\n" + "a " * 100_000,
        ],
        ids=[
            "runs-of-yi", "lines-of-yi", "unmatched-book-marks", "open-titles", "digits",
            "digits-in-number", "sessions", "document-numbers", "blanks",
        ],
    )  # fmt: skip
    def test_adversarial_inputs_terminate(self, text):
        """
        Long runs of 一、, unmatched 《, 10^5 digits: reading finishes (the benchmark times it).
        """
        reply = outcome(text)
        assert reply in RULES if isinstance(reply, str) else reply.recipient
