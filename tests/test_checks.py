"""
Tests for gxai_policy.checks: `check`, every finding in one call.
"""

from __future__ import annotations

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gxai_policy as gp
from gxai_policy.data import founding_dataset, founding_letter, founding_proposal
from gxai_policy.rules import Trigger
from gxai_policy.strategies._datasets import datasets
from gxai_policy.strategies._dates import dates
from gxai_policy.strategies._enterprises import enterprises, subsidies
from gxai_policy.strategies._programmes import platforms, scholars, tasks
from gxai_policy.strategies._proposals import proposals, replies
from gxai_policy.text.figures import arithmetic_findings

_RECORDS = st.one_of(
    proposals(), replies(), tasks(), platforms(), scholars(), enterprises(), subsidies()
)
_AS_OF = st.none() | dates(min_year=2018, max_year=2030)
# The errors `check` may report: a bundle's own, never a record's (an invalid record cannot exist).
_BUNDLE_ERRORS = frozenset(
    code
    for code, rule in gp.RULES.items()
    if rule.severity is gp.Severity.ERROR
    and rule.applies_to == "Dataset"
    and rule.trigger is Trigger.CHECK
)


def _reply(opening: str) -> gp.Reply:
    return gp.Reply(recipient="农工民主党广西区委", opening=opening)


class TestCheck:
    @pytest.mark.parametrize(
        "obj",
        [
            "广西",
            20210143,
            None,
            gp.Dataset,
            gp.Money(1),
            gp.Handler("自治区科学技术厅", gp.HandlingRole.LEAD),
        ],
    )
    def test_not_checkable(self, obj):
        """
        What is neither a record nor a bundle (a class, a value, a nested part) is a TypeError.
        """
        with pytest.raises(TypeError, match="cannot check"):
            gp.check(obj)

    @pytest.mark.parametrize("months", [0, -3])
    def test_reply_limit_below_one(self, months):
        """
        A reply limit below one month is a ValueError.
        """
        with pytest.raises(ValueError, match="at least 1"):
            gp.check(founding_proposal(), reply_limit_months=months)

    @pytest.mark.parametrize("as_of", ["2021-07-01", 20210701])
    def test_as_of_not_a_date(self, as_of):
        """
        An as_of that is no date is a TypeError, raised before any finding is made.
        """
        with pytest.raises(TypeError, match="as_of must be a date"):
            gp.check(founding_dataset(), as_of=as_of)

    @given(_RECORDS, _AS_OF)
    def test_records_give_advisory_findings(self, record, as_of):
        """
        A record's findings are a tuple of Violations, advisory all, with JSON Pointer paths.
        """
        found = gp.check(record, as_of=as_of)
        assert (tuple, [], []) == (
            type(found),
            [v for v in found if not isinstance(v, gp.Violation)],
            [v for v in found if v.severity is gp.Severity.ERROR or not _is_pointer(v.path)],
        )

    @given(datasets(max_size=2), _AS_OF)
    def test_bundles(self, bundle, as_of):
        """
        A bundle's findings are a tuple of Violations; its errors are the bundle's own codes.
        """
        found = gp.check(bundle, as_of=as_of)
        errors = {v.code for v in found if v.severity is gp.Severity.ERROR}
        assert (tuple, True, True) == (
            type(found),
            errors <= _BUNDLE_ERRORS,
            all(_is_pointer(v.path) for v in found),
        )

    def test_datetime_as_of(self):
        """
        pendulum.now() and pendulum.today() are datetimes; they count as their calendar day.
        """
        bundle = founding_dataset()
        assert gp.check(bundle, as_of=pendulum.today().date()) == gp.check(
            bundle, as_of=pendulum.today()
        )

    def test_never_raises_for_findings(self):
        """
        A bundle full of problems is reported, not raised.
        """
        proposal = founding_proposal()
        bundle = gp.Dataset(
            replies=(
                gp.Reply(
                    recipient="农工民主党广西区委",
                    opening="企业172家，其中有80家为高企，占比超过半数。",
                    proposal=proposal.ref,
                ),
            )
        )
        codes = {v.code for v in gp.check(bundle, as_of=pendulum.Date(2030, 1, 1))}
        assert {"dataset.reply_proposal_missing", "figures.majority_mismatch"} <= codes


class TestReplyArithmetic:
    def test_majority_verified(self):
        """
        A reply's 超过半数 that its figures bear out is reported as verified.
        """
        reply = _reply("企业172家，其中有87家为高企，占比超过半数。")
        assert [("figures.majority_verified", "/opening", gp.Severity.INFO)] == [
            (v.code, v.path, v.severity) for v in gp.check(reply) if v.code.startswith("figures.")
        ]

    def test_majority_mismatch(self):
        """
        A reply's 超过半数 that its figures contradict is a warning.
        """
        reply = _reply("企业172家，其中有80家为高企，占比超过半数。")
        assert [("figures.majority_mismatch", "/opening", gp.Severity.WARNING)] == [
            (v.code, v.path, v.severity) for v in gp.check(reply) if v.code.startswith("figures.")
        ]

    def test_same_as_the_text_helper(self):
        """
        `check` of a reply includes exactly what the text helper finds in its arithmetic.
        """
        reply = gp.parse_reply(founding_letter())
        assert list(arithmetic_findings(reply)) == [
            v for v in gp.check(reply) if v.code.startswith("figures.")
        ]

    def test_founding_letter(self):
        """
        The founding letter's sum (6 + 15 = 21 platforms) and its majority (87 of 172) hold.
        """
        reply = gp.parse_reply(founding_letter())
        assert ["figures.sum_verified", "figures.majority_verified"] == [
            v.code for v in gp.check(reply) if v.code.startswith("figures.")
        ]

    def test_in_a_bundle(self):
        """
        In a bundle, a reply's arithmetic findings stand under its collection and index.
        """
        letters = (_reply("您的提案收悉。"), _reply("企业172家，其中有80家为高企，占比超过半数。"))
        bundle = gp.Dataset(replies=letters)
        assert [("figures.majority_mismatch", "/replies/1/opening")] == [
            (v.code, v.path) for v in gp.check(bundle) if v.code.startswith("figures.")
        ]


def _is_pointer(path: str) -> bool:
    """
    Whether *path* is an RFC 6901 JSON Pointer: empty, or '/'-led tokens escaping only ~0, ~1.
    """
    if path == "":
        return True
    if not path.startswith("/"):
        return False
    return all(
        token.replace("~0", "").replace("~1", "").count("~") == 0 for token in path[1:].split("/")
    )


class TestClaimsAgainstData:
    def test_founding_letter_against_its_own_bundle(self):
        """
        The letter's 6 key laboratories are set against the one a bundle holds.
        """
        import attrs

        from gxai_policy.data import founding_dataset, founding_letter

        lab = gp.Platform(
            name="某重点实验室",
            kind=gp.PlatformKind.KEY_LABORATORY,
            level=gp.PlatformLevel.AUTONOMOUS_REGION,
            status=gp.PlatformStatus.UNDER_CONSTRUCTION,
        )
        bundle = attrs.evolve(
            founding_dataset(), platforms=(lab,), replies=(gp.parse_reply(founding_letter()),)
        )
        claims = [v for v in gp.check(bundle) if v.code.startswith("dataset.figure")]
        assert [("dataset.figure_differs", gp.Severity.WARNING)] == [
            (v.code, v.severity) for v in claims
        ]
        assert "6 key laboratories" in claims[0].message
        assert claims[0].path.startswith("/replies/0/sections/0/subsections/2/")

    def test_kinds_the_bundle_does_not_hold_are_not_compared(self):
        """
        A bundle without enterprises says nothing about a letter's enterprise counts.
        """
        from gxai_policy.data import founding_letter

        bundle = gp.Dataset(replies=(gp.parse_reply(founding_letter()),))
        assert [] == [v for v in gp.check(bundle) if v.code.startswith("dataset.figure")]


class TestWhatCheckMayReport:
    def test_errors_from_check_are_a_bundles_alone(self):
        """
        check reports errors only across a bundle's records: a record's own are raised.
        """
        from gxai_policy.rules import Trigger

        found = {
            rule.applies_to
            for rule in gp.RULES.values()
            if rule.trigger in (Trigger.CHECK, Trigger.CHECK_AS_OF)
            and rule.severity is gp.Severity.ERROR
        }
        assert {"Dataset"} == found

    @pytest.mark.parametrize("obj", [gp.Enterprise, "广西", gp.Section(number="一")])
    def test_anything_but_a_record_or_a_bundle_is_a_type_error(self, obj):
        """
        A class, a string, a nested part of a record: no registered kind, a TypeError.
        """
        with pytest.raises(TypeError, match="cannot check a"):
            gp.check(obj)
