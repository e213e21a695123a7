"""
The rule catalogue tests itself: every rule's example triggers exactly its rule.
"""

from __future__ import annotations

import io
import pickle
import re
from typing import Any

import pytest

import gxai_policy as gp
from gxai_policy.rules import Trigger


def _codes_of(rule: gp.Rule) -> tuple[str, ...]:
    """
    The codes the library reports when fed the rule's example as its trigger says.
    """
    target: Any = getattr(gp, rule.applies_to)
    if rule.trigger is Trigger.PARSE:
        parse = target.parse if isinstance(target, type) else target
        with pytest.raises((gp.ValidationError, gp.ParseError)) as info:
            parse(rule.example)
        return _codes_of_error(info.value)
    if rule.trigger is Trigger.LOAD:
        with pytest.raises(gp.ValidationError) as info:
            gp.from_dict(target, rule.example)
        return info.value.codes
    if rule.trigger is Trigger.LOAD_JSON:
        with pytest.raises(gp.ValidationError) as info:
            gp.from_json(target, rule.example)
        return info.value.codes
    if rule.trigger in (Trigger.LOAD_LAX, Trigger.LOAD_REPORT):
        findings: list[gp.Violation] = []
        options: dict[str, Any] = (
            {"mode": "lax"} if rule.trigger is Trigger.LOAD_LAX else {"unknown": "report"}
        )
        gp.from_dict(target, rule.example, findings=findings, **options)
        return tuple(v.code for v in findings)
    if rule.trigger is Trigger.CHECK:
        return tuple(v.code for v in gp.check(gp.from_dict(target, rule.example)))
    if rule.trigger is Trigger.CHECK_AS_OF:
        record = gp.from_dict(target, rule.example["record"])
        as_of = gp.parse_date(rule.example["as_of"])
        return tuple(v.code for v in gp.check(record, as_of=as_of))
    if rule.trigger is Trigger.CALL:
        with pytest.raises(gp.ValidationError) as info:
            target(**rule.example)
        return info.value.codes
    if rule.trigger is Trigger.LOAD_TABLE:
        return _table_codes(target, rule.example)
    try:
        reply = gp.parse_reply(rule.example)
    except gp.ParseError as exc:
        return (exc.code,)
    return tuple(v.code for v in gp.check(reply))


def _table_codes(target: Any, example: Any) -> tuple[str, ...]:
    """
    The codes iter_table gives for a file: at the call, or in its rows' errors and findings.
    """
    limits = gp.Limits(**example["limits"]) if isinstance(example, dict) else gp.DEFAULT_LIMITS
    content = example["csv"] if isinstance(example, dict) else example
    data = content.encode() if isinstance(content, str) else content
    try:
        rows = list(gp.iter_table(target, io.BytesIO(data), unknown="forbid", limits=limits))
    except gp.ValidationError as exc:
        return exc.codes
    codes: list[str] = []
    for row in rows:
        codes += row.error.codes if row.error else ()
        codes += [v.code for v in row.findings]
    return tuple(codes)


def _codes_of_error(error: Exception) -> tuple[str, ...]:
    if isinstance(error, gp.ValidationError):
        return error.codes
    assert isinstance(error, gp.ParseError)
    return (error.code,)


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
