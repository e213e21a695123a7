"""
Tests that pin the reader's fast paths to the plain definitions they replace.

Each shortcut of `gxai_policy.text.reader` and `gxai_policy.values._text`
(folding with ``str.replace`` instead of ``str.translate``, ``isprintable``
instead of a search, length guards, a possessive pattern) rests on a fact about
Unicode or a pattern;
these tests state the fact or compare with the plain form.
"""

from __future__ import annotations

import re
import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from gxai_policy.text.reader import _cases as cases
from gxai_policy.text.reader import _foot as foot
from gxai_policy.text.reader import _patterns as patterns
from gxai_policy.text.reader import _state as state
from gxai_policy.text.reader._lines import _Joined, _split_lines
from gxai_policy.values import _blanks
from gxai_policy.values import _text as folding
from gxai_policy.values._text import canonical

_INVISIBLE_SET = frozenset(_blanks.INVISIBLE)
# Characters that fold, chain (⾒ → 見 → 见), compose, vanish or neighbour a mark.
_ALPHABET = (
    "ab1 ,:;!?().…\t\u3000，：；！？（）．。字見⾒\u200b\u200d\u00ad\ufeffe\u0301㈠․İàǔ3"
    + "".join(chr(cp) for cp in list(folding.WIDTH)[::7])
)
texts = st.text(alphabet=_ALPHABET, max_size=40)


def plain_canonical(text: str) -> str:
    """
    `canonical` as first written: NFKC, then one call a punctuation mark.
    """
    folded = unicodedata.normalize("NFKC", text)
    folded = "".join(ch for ch in folded if ch not in _INVISIBLE_SET).replace("...", "…")
    folded = folding.GLOSS.sub("", folded)

    def word(ch: str) -> bool:
        return ch.isascii() and not ch.isspace()

    def restore(match: re.Match[str]) -> str:
        i = match.start()
        before = folded[i - 1] if i > 0 else " "
        after = folded[i + 1] if i + 1 < len(folded) else " "
        if word(before) and word(after):
            return match.group()
        return folding.FULL_WIDTH[match.group()]

    return re.sub(r"[,:;!?()]", restore, folded).strip()


class TestFastPaths:
    @given(st.text(alphabet="會字(（)）huìyìa1\u0301eǹḿg", max_size=30))
    def test_gloss_hint_precedes_every_gloss(self, text):
        """
        Every gloss starts where the cheap hint finds one, so a text without a hint has none.
        """
        folded = unicodedata.normalize("NFKC", text)
        if folding._GLOSS_HINT.search(folded) is None:
            assert folding.GLOSS.search(folded) is None

    @given(texts)
    def test_folds_translate(self, text):
        """
        Folding by replacement gives what ``str.translate`` gives, chained characters included.
        """
        for fold in (folding.fold_detect, folding.fold_wide):
            assert text.translate(fold.table) == fold(text)

    def test_many_kinds_fold_by_translation(self):
        """
        A text with more kinds of folded characters than replacements pay for is still folded.
        """
        text = "".join(chr(cp) for cp in range(0xFF01, 0xFF5F))
        assert text.translate(folding.fold_detect.table) == folding.fold_detect(text)

    @given(texts)
    def test_canonical_is_the_plain_definition(self, text):
        """
        `canonical` equals NFKC, invisible characters dropped and marks restored one by one.
        """
        assert plain_canonical(text) == canonical(text)

    def test_blanks_are_unprintable(self):
        """
        Every blank and invisible character but the space is unprintable, as the gap test needs.
        """
        printable = [
            hex(cp)
            for cp in range(sys.maxunicode + 1)
            if _blanks.GAP.fullmatch(chr(cp)) and chr(cp).isprintable() and chr(cp) != " "
        ]
        assert [] == printable

    def test_date_line_length_bound(self):
        """
        No line longer than ``_DATE_LINE_MAX`` can be a date line.
        """
        widths = re._parser.parse(patterns._DATE_LINE.pattern).getwidth()  # type: ignore[attr-defined]
        assert patterns._DATE_LINE_MAX == widths[1]

    def test_anywhere_furniture_ends(self):
        """
        Every mark of anywhere-furniture ends in a character the cheap pre-check looks for.
        """
        marks = patterns._ANYWHERE_FURNITURE.pattern.split("|")
        assert all(mark.endswith(patterns._ANYWHERE_FURNITURE_ENDS) for mark in marks)
        assert all(patterns._is_end_furniture(f"桂{mark.upper()}2021号") for mark in marks)

    @given(st.text(alphabet="关于桂科函的（(〔〕)）[]【】2021第5号字a ", max_size=60))
    def test_inline_document_numbers_as_before(self, text):
        """
        The possessive issuer pattern, run after a bracketed year only, finds what greedy does.
        """
        greedy = re.compile(
            r"([\u4e00-\u9fff]{1,12})[〔\[【〖(]([0-9]{4})[〕\]】〗)]第?([0-9]{1,6})号"
        )
        expected = [m.span(1) + m.span() for m in greedy.finditer(text)]
        found = []
        if patterns._BRACKETED_YEAR.search(text) is not None:
            found = [m.span(1) + m.span() for m in patterns._INLINE_DOC().finditer(text)]
        assert expected == found

    def test_long_lines_are_only_cc_or_attachments(self):
        """
        Every footer element but 抄送 and 附件 is too short for a line longer than a contact's.
        """
        widths = {
            name: re._parser.parse(getattr(patterns, name).pattern).getwidth()[1]  # type: ignore[attr-defined]
            for name in ("_NOTE", "_CATEGORY_LINE", "_DATE_LINE")
        }
        # The others are held to their lengths where they are tested.
        bounds = [patterns._DATE_LINE_MAX, state._LEADER_MAX, 40]
        assert all(width <= state._FOOTER_LINE_MAX for width in [*widths.values(), *bounds])
        assert [("cc", patterns._CC.match), ("attach", patterns._ATTACHMENT.match)] == list(
            state._LONG_KIND_TESTS
        )

    @given(st.from_regex(patterns._ORGAN, fullmatch=True))
    def test_organs_end_as_the_cheap_test_expects(self, organ):
        """
        Every organ's name ends with one of the characters `_is_organ` looks at first.
        """
        assert organ[-1] in patterns._ORGAN_ENDS

    @given(st.from_regex(patterns._DATE_LINE, fullmatch=True))
    def test_date_lines_end_as_the_cheap_test_expects(self, line):
        """
        Every date line ends with one of the characters `_date_line` looks at first.
        """
        assert line[-1] in patterns._DATE_LINE_ENDS
        if len(line) <= patterns._DATE_LINE_MAX:
            assert patterns._date_line(line) is not None

    @given(st.text(alphabet="會字議(（)）[]huìyìa1ǹḿü", max_size=30))
    def test_gloss_hint_in_the_folded_text(self, text):
        """
        Every gloss of a text starts where the hint finds one in its detection fold.
        """
        if folding.GLOSS.search(text) is not None:
            assert folding._GLOSS_HINT.search(folding.fold_detect(text)) is not None

    @given(st.text(alphabet="关于桂科函的《》（(〔〕)）[]【】〖〗2021第5号字a\n", max_size=60))
    def test_references_need_a_title_or_a_bracketed_year(self, text):
        """
        A paragraph without a 《 or a bracketed year cites nothing: the reader passes it over.
        """
        lines = _split_lines(text)
        source = _Joined((line, 0) for line in lines)
        if "《" not in source.det and patterns._BRACKETED_YEAR.search(source.det) is None:
            assert [] == list(cases._references(source))

    @given(st.data())
    def test_markers_start_as_the_cheap_test_expects(self, data):
        """
        Every heading marker starts with one of the characters `_marker` looks at first.
        """
        _, pattern = data.draw(st.sampled_from(patterns._MARKERS))
        marker = data.draw(st.from_regex(pattern, fullmatch=True))
        assert marker[0] in patterns._MARKER_STARTS
        assert patterns._marker(marker) is not None

    @given(st.text(alphabet="字a \t\u3000\u200b\n\r\x0b\x0c\x1c\x85\u2028\u2029", max_size=40))
    def test_line_numbers_are_splitlines_indices(self, text):
        """
        Line breaks counted between runs of text number lines as ``str.splitlines`` does.
        """
        physical = text.splitlines()
        for line in _split_lines(text):
            assert physical[line.number] == line.raw

    @given(st.data())
    def test_continued_elements_start_as_the_cheap_test_expects(self, data):
        """
        Every 抄送 and 附件 line starts with what the footer's reading looks for first.
        """
        pattern = data.draw(st.sampled_from([patterns._CC, patterns._ATTACHMENT]))
        line = data.draw(st.from_regex(pattern))
        if pattern.match(line) is not None:
            assert line.startswith(foot._CONTINUED)

    @given(st.text(alphabet="〔[【〖(〕]】〗)2021字", max_size=30))
    def test_bracketed_year_as_the_pattern(self, text):
        """
        The bracket test before the pattern finds a bracketed year where the pattern does.
        """
        expected = patterns._BRACKETED_YEAR.search(text) is not None
        assert expected == patterns._has_bracketed_year(text)
