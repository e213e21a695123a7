"""
Hostile text for the letter reader: only ParseError comes out, in time linear in the input.

Real letters (the founding letter and every letter under ``tests/text/letters``)
cut at every 97th character, with their lines shuffled, or spoiled with
runs built to make patterns backtrack; arbitrary text; and a timing check
that reading 8 times the text takes about 8 times as long, never 64.
"""

from __future__ import annotations

import contextlib
import gc
import random
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fuzzing import fuzz
from hypothesis import given
from hypothesis import strategies as st

import gxai_policy as gp
from gxai_policy.data import founding_letter

LETTER_DIR = Path(__file__).parent.parent / "text" / "letters"
LETTERS: dict[str, str] = {"founding": founding_letter()} | {
    path.stem: path.read_text(encoding="utf-8") for path in sorted(LETTER_DIR.glob("*.txt"))
}
LINES = sorted({line for text in LETTERS.values() for line in text.splitlines()})
ALPHABET = sorted(set("".join(LINES)) | set("\n\r （）()、.：《》"))
HEAD = "王明代表：\n您的第57号建议收悉，现答复如下：\n"


def outcome(text: str, *, strict: bool = False) -> gp.Reply | str:
    """
    The reply *text* reads to, checked for sense, or the code of the ParseError it raises.

    Anything else escaping is the failure this suite looks for.
    """
    try:
        reply = gp.parse_reply(text, strict=strict)
    except gp.ParseError as exc:
        error = exc
    else:
        error = None
    if error is not None:
        assert error.code in gp.RULES, error.code
        assert 1 <= error.line <= text.count("\n") + text.count("\r") + 1
        assert error.column >= 1
        return error.code
    assert reply.recipient
    for span in reply.spans:
        assert 0 <= span.start <= span.end <= len(text), span
    for finding in gp.check(reply):
        assert finding.code in gp.RULES
    return reply


# --------------------------------------------------------------------------- real letters


class TestRealLetters:
    @pytest.mark.parametrize("name", sorted(LETTERS))
    def test_cut_at_every_97th_character(self, name):
        """
        Each letter cut short, or missing its start, at every 97th character reads or fails cleanly.
        """
        text = LETTERS[name]
        for end in range(0, len(text) + 97, 97):
            outcome(text[:end])
            outcome(text[end:])
            outcome(text[:end], strict=True)

    @pytest.mark.parametrize("name", sorted(LETTERS))
    @fuzz(0.04, deadline_s=2)
    @given(data=st.data())
    def test_shuffled_lines(self, name, data):
        """
        Each letter's lines in any order read or fail cleanly.
        """
        lines = LETTERS[name].splitlines()
        outcome("\n".join(data.draw(st.permutations(lines))), strict=data.draw(st.booleans()))

    @pytest.mark.parametrize("name", sorted(LETTERS))
    @fuzz(0.04, deadline_s=2)
    @given(data=st.data())
    def test_spoiled_letters(self, name, data):
        """
        Each letter with runs, marks and encodings spliced in reads or fails cleanly.
        """
        text = LETTERS[name]
        for _ in range(data.draw(st.integers(1, 3))):
            text = data.draw(spoiled(text))
        outcome(text, strict=data.draw(st.booleans()))


SNIPPETS = [
    "一、" * 500,
    "一、\n" * 200,
    "《" * 1000,
    "《关于" * 300,
    "》" * 500,
    "（" * 1000,
    "(" * 1000,
    "（一）" * 300,
    "1" * 1000,
    "1." * 500,
    "〔2021〕" * 200,
    "第" * 500,
    "收悉" * 200,
    "：\n" * 200,
    "十二届四次会议" * 100,
    "\n" * 500,
    " " * 1000,
    "\u200b" * 100,
    "\ufeff",
    "\x00",
    "\ud800",
    "\r",
    "\u2028",
    "分享到",
    "2021年4月27日\n" * 50,
]


@st.composite
def spoiled(draw: st.DrawFn, text: str) -> str:
    """
    *text* with one change: a snippet spliced in, a slice dropped, doubled, folded or widened.
    """
    a = draw(st.integers(0, len(text)))
    b = draw(st.integers(a, min(len(text), a + 300)))
    kind = draw(st.sampled_from(["splice", "drop", "double", "nfkc", "wide", "crlf", "zero"]))
    if kind == "splice":
        return text[:a] + draw(st.sampled_from(SNIPPETS)) + text[a:]
    if kind == "drop":
        return text[:a] + text[b:]
    if kind == "double":
        return text[:b] + text[a:b] * draw(st.integers(2, 50)) + text[b:]
    if kind == "nfkc":
        return text[:a] + unicodedata.normalize("NFKC", text[a:b]) + text[b:]
    if kind == "wide":
        wide = {cp: cp + 0xFEE0 for cp in range(0x21, 0x7F)}
        return text[:a] + text[a:b].translate(wide) + text[b:]
    if kind == "crlf":
        return text.replace("\n", "\r\n")
    return "\u200b".join(text[a:b]).join((text[:a], text[b:]))


# --------------------------------------------------------------------------- arbitrary text


class TestArbitraryText:
    @fuzz(0.1, deadline_s=2)
    @given(st.text(), st.booleans())
    def test_any_text(self, text, strict):
        """
        Any string reads to a reply or raises ParseError.
        """
        outcome(text, strict=strict)

    @fuzz(0.1, deadline_s=2)
    @given(st.lists(st.sampled_from(LINES) | st.sampled_from(SNIPPETS) | st.text(max_size=20)))
    def test_lines_of_letters_in_any_order(self, lines):
        """
        Lines of real letters mixed with noise, in any order, read or fail cleanly.
        """
        outcome("\n".join(lines))

    @fuzz(0.05, deadline_s=2)
    @given(st.text(alphabet=st.sampled_from(ALPHABET)))
    def test_text_in_the_letters_alphabet(self, text):
        """
        Random text over the characters real letters use reads or fails cleanly.
        """
        outcome(text)

    @pytest.mark.parametrize("text", [None, b"\xe7\x8e\x8b", 12, ["王明代表："]])
    def test_what_is_not_text_is_not_a_letter(self, text):
        """
        parse_reply given no text refuses it as not a letter, not with a TypeError.
        """
        with pytest.raises(gp.ParseError) as info:
            gp.parse_reply(text)
        assert "letter.not_a_letter" == info.value.code


# --------------------------------------------------------------------------- linear time


def best_seconds(read: Callable[[str], Any], text: str, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        with contextlib.suppress(gp.ParseError):
            read(text)
        best = min(best, time.perf_counter() - start)
    return best


def assert_linear(read: Callable[[str], Any], make: Callable[[int], str], size: int) -> None:
    """
    Reading 8 times the text takes at most 24 times as long: linear, with room for noise.

    Quadratic time would take 64 times as long; catastrophic backtracking far more.
    """
    small, large = make(size), make(8 * size)
    # The collector's pauses grow with the heap, not with the reader: keep them out.
    gc.collect()
    gc.disable()
    try:
        small_time = best_seconds(read, small, 2)
        large_time = best_seconds(read, large, 1)
    finally:
        gc.enable()
    assert large_time <= 24 * small_time + 0.05, (len(small), small_time, len(large), large_time)


def repeat(piece: str, head: str = HEAD) -> Callable[[int], str]:
    return lambda size: head + piece * (size // len(piece))


# (text maker, size in characters of the smaller input)
LETTER_CASES: dict[str, tuple[Callable[[int], str], int]] = {
    "runs-of-yi": (repeat("一、"), 50_000),
    "lines-of-yi": (repeat("一、\n"), 3_000),
    "unmatched-book-marks": (repeat("《"), 50_000),
    "lines-of-book-marks": (repeat("《" * 50 + "\n"), 25_000),
    "open-titles": (repeat("《关于"), 50_000),
    "closed-titles": (repeat("》《"), 50_000),
    "digits": (repeat("1"), 50_000),
    "full-width-parentheses": (repeat("（"), 25_000),
    "parentheses": (repeat("("), 25_000),
    "numbered-headings": (repeat("（一）\n"), 3_000),
    "wrapped-paragraph": (repeat("一二三四五六七八九十一二三四五\n"), 25_000),
    "recipient-lines": (repeat("王明代表：\n", head=""), 12_500),
    "document-numbers": (repeat("桂科函〔2022〕15号"), 12_500),
    "brackets": (repeat("〔"), 50_000),
    "sessions-in-a-title": (
        lambda size: "关于" + "十二届四次" * (size // 5) + "第1号提案\n王明代表：\n收悉",
        50_000,
    ),
    "founding-letter-repeated": (lambda size: (founding_letter() * (size // 1000))[:size], 25_000),
    "blank-lines": (repeat("\n"), 12_500),
    "copied-to": (repeat("科技厅、", head=HEAD + "抄送："), 12_500),
    "contact-lines": (repeat("联系人：张三，电话：0771-1234567\n"), 12_500),
    # The classes of issue #16: damaged markers, glosses, tables, page metadata, markup.
    "bare-brackets": (repeat("）强化平台。\n"), 12_500),
    "second-headings": (repeat("二、计划\n"), 12_500),
    "glosses": (repeat("會(huì)議(yì)"), 25_000),
    "open-glosses": (repeat("會(huì"), 25_000),
    "table-rows": (repeat("| 2021 | 172 | 87 |\n"), 12_500),
    "metadata-rows": (repeat("发布时间：2023-06-12 | 来源：市科技局\n", head=""), 12_500),
    "greetings": (repeat("您好！\n"), 12_500),
    "markup": (repeat("![](https://a.cn/q.png)\n"), 12_500),
    "footnoted-dates": (repeat("二〇二三年六月五日[1]\n"), 12_500),
}


@pytest.mark.timing
class TestLinearTime:
    @pytest.mark.parametrize("name", sorted(LETTER_CASES))
    def test_reading_is_linear(self, name):
        """
        parse_reply on runs built to make patterns backtrack takes time linear in the text.
        """
        make, size = LETTER_CASES[name]
        outcome(make(size))
        assert_linear(gp.parse_reply, make, size)

    @pytest.mark.parametrize(
        ("piece", "size"),
        [
            ("一、", 50_000),
            ("《", 50_000),
            ("1", 50_000),
            ("（", 50_000),
            ("1,", 50_000),
            ("一", 50_000),
            ("约", 50_000),
            ("百分之", 50_000),
            ("1-", 12_500),
            ("1元", 3_000),
        ],
    )
    def test_finding_figures_is_linear(self, piece, size):
        """
        find_quantities on runs of 一、, 《, digits … takes time linear in the text.
        """
        make = repeat(piece, head="")
        assert all(isinstance(q, gp.Quantity) for q in gp.find_quantities(make(size)))
        assert_linear(gp.find_quantities, make, size)

    def test_many_letters_shuffled_together(self):
        """
        Twenty copies of every letter's lines, shuffled into one text, read or fail cleanly.
        """
        lines = LINES * 20
        random.Random(97).shuffle(lines)  # noqa: S311 - a reproducible order, not a secret
        outcome("\n".join(lines))
