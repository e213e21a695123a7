"""
The rule catalogue tests itself: every rule's example triggers exactly its rule.
"""

from __future__ import annotations

import enum
import pickle
import re

import pytest

import gxai_policy as gp
from gxai_policy._examples import fire
from gxai_policy.rules import Trigger


def _codes_of(rule: gp.Rule) -> tuple[str, ...]:
    """
    The codes the library reports when fed the rule's example as its trigger says.
    """
    return tuple(finding.code for finding in fire(rule))


class TestRules:
    def test_catalogue_is_not_empty_and_sorted(self):
        """
        RULES lists many rules, sorted by code.
        """
        assert len(gp.RULES) > 50
        assert sorted(gp.RULES) == list(gp.RULES)

    @pytest.mark.parametrize("code", sorted(gp.RULES))
    def test_example_triggers_its_rule(self, code):
        """
        Each rule's example, fed as its trigger says, triggers that rule (errors: only it).
        """
        rule = gp.RULES[code]
        codes = _codes_of(rule)
        assert code in codes
        if rule.severity is gp.Severity.ERROR and rule.trigger in (
            Trigger.READ_FILE,
            Trigger.PARSE,
            Trigger.LOAD,
            Trigger.LOAD_JSON,
            Trigger.CALL,
        ):
            assert {code} == set(codes)

    @pytest.mark.parametrize("code", sorted(gp.RULES))
    def test_rule_is_documented(self, code):
        """
        Each rule has a dotted lower-case code, both summaries, a source and a public class.
        """
        rule = gp.RULES[code]
        assert re.fullmatch(r"[a-z_0-9]+(\.[a-z_0-9]+)+", code)
        assert rule.summary.strip()
        assert re.search(r"[\u4e00-\u9fff]", rule.summary_zh)
        assert rule.source.strip()
        assert hasattr(gp, rule.applies_to)


class TestErrors:
    def test_validation_error_pickles(self):
        """
        A ValidationError survives pickling with its violations.
        """
        error = gp.RULES["money.negative"].error("/amount", value="-1")
        clone = pickle.loads(pickle.dumps(error))
        assert error.violations == clone.violations
        assert str(error) == str(clone)

    def test_parse_error_pickles(self):
        """
        A ParseError survives pickling with its place and code.
        """
        error = gp.ParseError("bad", line=3, column=4, code="letter.not_a_letter")
        clone = pickle.loads(pickle.dumps(error))
        assert (3, 4, "letter.not_a_letter", "line 3, column 4: bad") == (
            clone.line,
            clone.column,
            clone.code,
            str(clone),
        )

    def test_errors_are_value_errors(self):
        """
        Both errors are GxaiPolicyError and ValueError, so `except ValueError` catches them.
        """
        assert issubclass(gp.ValidationError, gp.GxaiPolicyError)
        assert issubclass(gp.ValidationError, ValueError)
        assert issubclass(gp.ParseError, gp.GxaiPolicyError)
        assert issubclass(gp.ParseError, ValueError)

    def test_validation_error_needs_a_violation(self):
        """
        An empty ValidationError is a programming error.
        """
        with pytest.raises(ValueError, match="at least one"):
            gp.ValidationError(())

    def test_errors_cross_a_process_pool(self):
        """
        Errors raised in a worker process come back whole.
        """
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=1) as pool:
            error = pool.submit(_fail_in_worker).result()
        assert ("money.negative",) == error.codes


def _fail_in_worker() -> gp.ValidationError:
    try:
        gp.Money.parse("-3元")
    except gp.ValidationError as exc:
        return exc
    raise AssertionError("no error")


def _allowed_latin() -> frozenset[str]:
    """
    Latin words a Chinese message may hold: field names, codes, type names and standards.
    """
    import attrs

    words = {"JSON", "CSV", "XLSX", "UTF", "GB", "ISO", "YYYY", "MM", "DD", "N", "T", "null"}
    # The names of file formats (read_letter's messages), as CSV and XLSX above.
    words |= {"PDF", "DOCX", "HTML", "ZIP", "OFD", "OCR", "Word", "Office", "GBK", "doc", "docx"}
    words |= {"True", "False"}
    words |= {"None", "gp", "pendulum", "parse", "str", "surrogateescape", "decimal"}
    for name in gp.__all__:
        obj = getattr(gp, name)
        words.add(name)
        if isinstance(obj, type) and attrs.has(obj):
            words.update(a.name for a in attrs.fields(obj))
        if isinstance(obj, type) and issubclass(obj, enum.Enum):
            words.update(str(member.value) for member in obj)
    return frozenset(words)


#: A run of Latin letters, with the underscores and dots of an identifier (not a \\u escape).
_LATIN = re.compile(r"(?<![\\A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:[_.][A-Za-z0-9]+)*_?")


class TestMessages:
    ALLOWED = _allowed_latin()

    @pytest.mark.parametrize("code", sorted(gp.RULES))
    def test_chinese_messages_are_wholly_chinese(self, code):
        """
        A Chinese message holds no English words: codes, field names and values only.
        """
        rule = gp.RULES[code]
        given = rule.example if isinstance(rule.example, str) else repr(rule.example)
        for finding in fire(rule):
            if finding.code != code:
                continue
            words = _LATIN.findall(finding.message_zh)
            foreign = [
                w
                for w in words
                if w not in self.ALLOWED
                and w not in given
                and not any(c in "_." or c.isdigit() for c in w)
            ]
            assert [] == foreign, finding.message_zh

    @pytest.mark.parametrize("code", sorted(gp.RULES))
    def test_messages_describe_the_finding(self, code):
        """
        A rule's English message says what was found, not the rule again.
        """
        rule = gp.RULES[code]
        assert rule.message != rule.summary
