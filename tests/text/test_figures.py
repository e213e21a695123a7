"""
Tests for the figures of a reply and the checks of its arithmetic.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from gxai_policy.data import founding_letter
from gxai_policy.errors import Severity
from gxai_policy.records.reply import Reply, Section
from gxai_policy.rules import RULES
from gxai_policy.text.figures import Figure, arithmetic_findings, body_texts, reply_figures
from gxai_policy.text.reader import parse_reply
from gxai_policy.values.quantity import Qualifier

Q = Qualifier
FIRST = "/sections/0/subsections"


@pytest.fixture(scope="module")
def figures() -> tuple[Figure, ...]:
    return reply_figures(parse_reply(founding_letter()))


def reply_with(paragraph: str) -> Reply:
    return Reply(recipient="韦委员", sections=(Section("一", "情况", (paragraph,)),))


class TestReplyFigures:
    def test_founding_figures(self, figures):
        """
        The figures of DESIGN.md §2.2, with qualifiers, units and the text they stand in.
        """
        assert [
            (f"{FIRST}/0/paragraphs/0", "15", "15", "个", Q.EXACT),
            (f"{FIRST}/0/paragraphs/0", "7", "7", "个", Q.EXACT),
            (f"{FIRST}/1/paragraphs/0", "40", "40", "项", Q.MORE_THAN),
            (f"{FIRST}/1/paragraphs/0", "340000000", "340000000", "元", Q.ABOUT),
            (f"{FIRST}/2/paragraphs/0", "32", "32", "家", Q.EXACT),
            (f"{FIRST}/2/paragraphs/0", "21", "21", "家", Q.EXACT),
            (f"{FIRST}/2/paragraphs/0", "6", "6", "家", Q.EXACT),
            (f"{FIRST}/2/paragraphs/0", "15", "15", "家", Q.EXACT),
            (f"{FIRST}/2/paragraphs/0", "4", "4", "家", Q.EXACT),
            (f"{FIRST}/3/paragraphs/0", "16", "16", "名", Q.EXACT),
            (f"{FIRST}/3/paragraphs/0", "34000000", "34000000", "元", Q.MORE_THAN),
            (f"{FIRST}/4/paragraphs/0", "172", "172", "家", Q.EXACT),
            (f"{FIRST}/4/paragraphs/0", "87", "87", "家", Q.EXACT),
            (f"{FIRST}/4/paragraphs/0", "50000", "100000", "元", Q.RANGE),
            (f"{FIRST}/4/paragraphs/0", "20", "20", "%", Q.EXACT),
            (f"{FIRST}/4/paragraphs/0", "300000", "300000", "元", Q.AT_MOST),
            (f"{FIRST}/5/paragraphs/0", "47", "47", "项", Q.EXACT),
            ("/sections/1/subsections/0/paragraphs/0", "2", "2", "家", Q.EXACT),
        ] == [
            (
                f.path,
                str(f.quantity.low),
                str(f.quantity.high),
                f.quantity.unit,
                f.quantity.qualifier,
            )
            for f in figures
        ]

    def test_spans_are_relative_to_their_text(self, figures):
        """
        Each figure's span cuts its own text out of the paragraph it stands in.
        """
        reply = parse_reply(founding_letter())
        texts = dict(body_texts(reply))
        for figure in figures:
            assert figure.quantity.span is not None
            start, end = figure.quantity.span
            assert figure.quantity.text == texts[figure.path][start:end]

    def test_section_of_a_figure(self, figures):
        """
        A figure knows the section it stands in.
        """
        assert f"{FIRST}/2" == figures[4].section

    def test_headings_and_closing_count(self):
        """
        Figures in headings, the opening and the closing are found too.
        """
        reply = Reply(
            recipient="韦委员",
            opening="来信收悉，涉及3项建议。",
            sections=(Section("一", "新增5家平台", ("已完成。",)),),
            closing="共办理12件。",
        )
        assert [("/opening", "3"), ("/sections/0/heading", "5"), ("/closing", "12")] == [
            (f.path, str(f.quantity.low)) for f in reply_figures(reply)
        ]


class TestArithmetic:
    def test_founding_letter_adds_up(self):
        """
        21 = 6 + 15 and 87 of 172 is more than half: both verified, as info.
        """
        reply = parse_reply(founding_letter())
        assert [
            ("figures.sum_verified", f"{FIRST}/2/paragraphs/0", Severity.INFO),
            ("figures.majority_verified", f"{FIRST}/4/paragraphs/0", Severity.INFO),
        ] == [(v.code, v.path, v.severity) for v in arithmetic_findings(reply)]

    def test_sum_across_wrapped_lines(self):
        """
        12 = 5 + 4 + 3 is read across a line wrap and a page number.
        """
        text = (Path(__file__).parent / "letters" / "pdf-wrapped.txt").read_text(encoding="utf-8")
        (found,) = arithmetic_findings(parse_reply(text))
        assert ("figures.sum_verified", "/sections/0/paragraphs/0") == (found.code, found.path)
        assert "the parts 5项+4项+3项 add up to the stated total 12项" == found.message

    def test_sum_mismatch(self):
        """
        A total that is not the sum of its parts is a warning naming the figures.
        """
        (found,) = arithmetic_findings(reply_with("新增平台21家，包括实验室6家和中心14家。"))
        assert ("figures.sum_mismatch", Severity.WARNING) == (found.code, found.severity)
        assert "the parts 6家+14家 add up to 20家, not to the stated total 21家" == found.message
        assert "分项6家+14家合计20家，与所述总数21家不符" == found.message_zh

    def test_parenthesised_breakdown_is_not_a_part(self):
        """
        （含4家组建） breaks down the part before it: it is not added.
        """
        (found,) = arithmetic_findings(
            reply_with("新增平台21家，包括实验室6家和中心15家（含4家组建）。")
        )
        assert "figures.sum_verified" == found.code

    def test_inexact_figures_are_not_checked(self):
        """
        40余项 cannot be checked against its parts: nothing is said.
        """
        assert [] == list(
            arithmetic_findings(reply_with("支持项目40余项，包括重大项目6项和一般项目15项。"))
        )

    def test_one_part_is_no_sum(self):
        """
        A total with a single part of its unit is not checked.
        """
        assert [] == list(arithmetic_findings(reply_with("共有平台32家，包括国家级平台3家。")))

    def test_parts_stop_at_qizhong(self):
        """
        Figures after 其中 are a subset, not further parts.
        """
        (found,) = arithmetic_findings(
            reply_with("新增平台21家，包括实验室6家和中心15家，其中国家级2家。")
        )
        assert "figures.sum_verified" == found.code

    def test_majority_mismatch(self):
        """
        86 of 172 is not more than half: a warning.
        """
        (found,) = arithmetic_findings(
            reply_with("推荐企业172家，其中有86家为高新技术企业，占比超过半数。")
        )
        assert ("figures.majority_mismatch", Severity.WARNING) == (found.code, found.severity)
        assert "172家中的86家并未超过半数" == found.message_zh

    def test_majority_whole_in_an_earlier_sentence(self):
        """
        The whole may stand in an earlier sentence of the paragraph.
        """
        (found,) = arithmetic_findings(
            reply_with("全区共推荐企业172家。其中有90家为高新技术企业，占比过半。")
        )
        assert "figures.majority_verified" == found.code

    def test_majority_needs_qizhong(self):
        """
        超过半数 with no 其中 before it is not checked.
        """
        assert [] == list(arithmetic_findings(reply_with("企业172家，87家为高企，超过半数。")))

    @pytest.mark.parametrize("code", sorted(c for c in RULES if c.startswith("figures.")))
    def test_rule_example(self, code):
        """
        Each figures rule's example letter, read, reports exactly that finding.
        """
        reply = parse_reply(RULES[code].example)
        assert [code] == [v.code for v in arithmetic_findings(reply)]

    @pytest.mark.parametrize(
        "paragraph",
        [
            "企业172家，其中有87家过半" * 5000,
            "平台21家，包括6家和15家" * 5000,
            "（" * 50_000 + "平台21家，包括6家和15家",
            "其中" * 50_000 + "超过半数",
        ],
        ids=["majorities", "sums", "open-brackets", "qizhong"],
    )
    def test_adversarial_paragraphs_terminate(self, paragraph):
        """
        Long repetitive paragraphs are checked in one pass (the benchmark times it).
        """
        assert all(
            v.code.startswith("figures.") for v in arithmetic_findings(reply_with(paragraph))
        )

    def test_amounts_compare_exactly(self):
        """
        Money parts add up in exact yuan: 1.2亿元 = 5000万元 + 7000万元.
        """
        (found,) = arithmetic_findings(
            reply_with("安排经费1.2亿元，包括研发经费5000万元和示范经费7000万元。")
        )
        assert "figures.sum_verified" == found.code
        assert Decimal(120000000) == sum(
            (f.quantity.low for f in reply_figures(reply_with("5000万元和7000万元"))), Decimal(0)
        )
