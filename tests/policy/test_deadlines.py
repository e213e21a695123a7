"""
Tests for gxai_policy.policy.deadlines: reply deadlines, overdue and late replies.
"""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gxai_policy as gp
from gxai_policy.strategies._dates import dates
from gxai_policy.strategies._proposals import proposals

_TIME_DEPENDENT = frozenset(
    {"deadline.overdue", "task.overdue", "certificate.expired", "certificate.expiring"}
    | {"scholar.term_ended", "task.half_year_report_missing"}
)
_ASSIGNED: dict[str, Any] = {
    "kind": "proposal",
    "session": {"body": "cppcc", "term": 12, "meeting": 4, "level": "自治区", "year": 2021},
    "number": "20210143",
    "title": "关于抢抓数字经济大发展契机，积极申报建设广西新一代人工智能实验区的提案",
    "proposers": [{"name": "农工民主党广西区委", "is_body": True}],
    "submitted_on": "2021-01-20",
    "handlers": [{"unit": "自治区科学技术厅", "role": "lead"}],
    "status": "assigned",
    "assigned_on": "2021-03-01",
}
_MARCH_1 = pendulum.Date(2021, 3, 1)


def _assigned(on: pendulum.Date = _MARCH_1, **changes: Any) -> gp.Proposal:
    proposal = gp.from_dict(gp.Proposal, _ASSIGNED)
    return attrs.evolve(proposal, submitted_on=None, assigned_on=on, **changes)


def _replied(on: pendulum.Date, assigned: pendulum.Date = _MARCH_1) -> gp.Proposal:
    return _assigned(assigned, status=gp.ProposalStatus.REPLIED, replied_on=on)


def _deadline_findings(obj: Any, **options: Any) -> list[tuple[str, str]]:
    return [(v.code, v.path) for v in gp.check(obj, **options) if v.code.startswith("deadline.")]


_ASSIGNMENT_DAYS = dates(min_year=2018, max_year=2030)
_UNEXTENDED = proposals(status=gp.ProposalStatus.ASSIGNED).map(
    lambda p: attrs.evolve(p, extension=None)
)


class TestReplyDeadline:
    def test_three_months(self):
        """
        Assigned on 1 March, a reply is due by 1 June.
        """
        assert pendulum.Date(2021, 6, 1) == gp.reply_deadline(_assigned())

    def test_month_end(self):
        """
        Assigned on the last day of a long month, the deadline is the last day of a short one.
        """
        assert pendulum.Date(2022, 2, 28) == gp.reply_deadline(
            _assigned(pendulum.Date(2021, 11, 30))
        )

    @given(_UNEXTENDED)
    def test_three_months_after_assignment(self, proposal):
        """
        Without an extension a reply is due three calendar months after 交办.
        """
        assert proposal.assigned_on.add(months=3) == gp.reply_deadline(proposal)

    @given(_UNEXTENDED, st.integers(1, 24))
    def test_limit_months(self, proposal, months):
        """
        The limit is a parameter: the deadline lies that many months after 交办.
        """
        assert proposal.assigned_on.add(months=months) == (
            gp.reply_deadline(proposal, limit_months=months)
        )

    @pytest.mark.parametrize("months", [0, -1])
    def test_limit_below_one(self, months):
        """
        A limit below one month is a ValueError.
        """
        with pytest.raises(ValueError, match="at least 1"):
            gp.reply_deadline(_assigned(), limit_months=months)

    @given(proposals())
    def test_none_before_assignment(self, proposal):
        """
        A proposal without an assignment day has no deadline; every other has one.
        """
        assert (proposal.assigned_on is None) == (gp.reply_deadline(proposal) is None)

    def test_extension_moves_it(self):
        """
        An extension moves the deadline to its until day.
        """
        extension = gp.Extension(pendulum.Date(2021, 5, 20), pendulum.Date(2021, 8, 31))
        assert pendulum.Date(2021, 8, 31) == gp.reply_deadline(_assigned(extension=extension))

    def test_extension_to_six_months(self):
        """
        An extension to six months after 交办, the most allowed, gives that day.
        """
        extension = gp.Extension(pendulum.Date(2021, 5, 20), pendulum.Date(2021, 9, 1))
        assert pendulum.Date(2021, 9, 1) == gp.reply_deadline(_assigned(extension=extension))

    def test_extension_beyond_six_months_is_refused(self):
        """
        An extension past six months cannot be recorded, so it never moves a deadline there.
        """
        extension = gp.Extension(pendulum.Date(2021, 5, 20), pendulum.Date(2021, 9, 2))
        with pytest.raises(gp.ValidationError) as info:
            _assigned(extension=extension)
        assert ("proposal.extension_until",) == info.value.codes

    def test_extension_never_shortens(self):
        """
        An extension to a day before the ordinary deadline leaves the ordinary deadline.
        """
        extension = gp.Extension(pendulum.Date(2021, 3, 5), pendulum.Date(2021, 4, 30))
        assert pendulum.Date(2021, 6, 1) == gp.reply_deadline(_assigned(extension=extension))

    @given(proposals(status=gp.ProposalStatus.ASSIGNED))
    def test_extended_deadline(self, proposal):
        """
        The deadline is the later of three months and the extension, never past six months.
        """
        ordinary = proposal.assigned_on.add(months=3)
        until = ordinary if proposal.extension is None else proposal.extension.until
        deadline = gp.reply_deadline(proposal)
        assert (max(ordinary, until), True) == (
            deadline,
            deadline <= proposal.assigned_on.add(months=6),
        )

    def test_longer_limit_than_six_months(self):
        """
        A limit longer than six months is not cut back by an extension.
        """
        extension = gp.Extension(pendulum.Date(2021, 5, 20), pendulum.Date(2021, 8, 31))
        assert pendulum.Date(2021, 10, 1) == (
            gp.reply_deadline(_assigned(extension=extension), limit_months=7)
        )


class TestOverdue:
    def test_founding_example(self):
        """
        Assigned on 1 March with no reply, the proposal is 30 days overdue on 1 July.
        """
        [overdue] = [
            v
            for v in gp.check(_assigned(), as_of=pendulum.Date(2021, 7, 1))
            if v.code.startswith("deadline.")
        ]
        assert ("deadline.overdue", "/assigned_on", gp.Severity.WARNING) == (
            overdue.code,
            overdue.path,
            overdue.severity,
        )
        assert "no reply by 2021-06-01 (assigned 2021-03-01); 30 days overdue on 2021-07-01" == (
            overdue.message
        )

    @given(_ASSIGNMENT_DAYS, st.integers(-100, 100))
    def test_overdue_only_after_the_deadline(self, assigned_on, offset):
        """
        An unanswered proposal is overdue exactly when as_of lies after its deadline.
        """
        proposal = _assigned(assigned_on)
        as_of = assigned_on.add(months=3).add(days=offset)
        expected = [("deadline.overdue", "/assigned_on")] if offset > 0 else []
        assert expected == _deadline_findings(proposal, as_of=as_of)

    @given(_ASSIGNMENT_DAYS, st.integers(1, 60), st.integers(0, 60), st.integers(0, 400))
    def test_replied_is_never_overdue(self, assigned_on, reply_days, after, as_of_days):
        """
        A proposal replied by its deadline is never overdue, whatever as_of.
        """
        replied_on = assigned_on.add(days=reply_days)
        proposal = _replied(replied_on, assigned=assigned_on)
        assert [] == _deadline_findings(proposal, as_of=replied_on.add(days=after + as_of_days))

    def test_configurable_limit(self):
        """
        Four months after 交办 a proposal is overdue under three months, not under five.
        """
        as_of = pendulum.Date(2021, 7, 1)
        assert ([("deadline.overdue", "/assigned_on")], []) == (
            _deadline_findings(_assigned(), as_of=as_of, reply_limit_months=3),
            _deadline_findings(_assigned(), as_of=as_of, reply_limit_months=5),
        )

    def test_extension_delays_overdue(self):
        """
        A recorded extension keeps the proposal on time until its until day.
        """
        extension = gp.Extension(pendulum.Date(2021, 5, 20), pendulum.Date(2021, 8, 31))
        proposal = _assigned(extension=extension)
        assert ([], [("deadline.overdue", "/assigned_on")]) == (
            _deadline_findings(proposal, as_of=pendulum.Date(2021, 8, 31)),
            _deadline_findings(proposal, as_of=pendulum.Date(2021, 9, 1)),
        )

    @given(proposals())
    def test_no_time_dependent_finding_without_as_of(self, proposal):
        """
        Without as_of no finding depends on the day of the check.
        """
        assert [] == [v for v in gp.check(proposal) if v.code in _TIME_DEPENDENT]

    def test_datetime_as_of(self):
        """
        A datetime as_of (pendulum.now(), pendulum.today()) counts as its calendar day.
        """
        moment = pendulum.datetime(2021, 7, 1, 23, 30, tz="Asia/Shanghai")
        assert _deadline_findings(_assigned(), as_of=pendulum.Date(2021, 7, 1)) == (
            _deadline_findings(_assigned(), as_of=moment)
        )


class TestRepliedLate:
    @given(_ASSIGNMENT_DAYS, st.integers(-60, 120))
    def test_late_only_after_the_deadline(self, assigned_on, offset):
        """
        A reply is late exactly when it was sent after the deadline, with no as_of needed.
        """
        deadline = assigned_on.add(months=3)
        replied_on = deadline.add(days=offset)
        proposal = _replied(replied_on, assigned=assigned_on)
        expected = [("deadline.replied_late", "/replied_on")] if offset > 0 else []
        assert expected == _deadline_findings(proposal)

    def test_message(self):
        """
        The late finding says when the reply went out and how many days late.
        """
        [late] = [
            v
            for v in gp.check(_replied(pendulum.Date(2021, 6, 15)))
            if v.code.startswith("deadline.")
        ]
        assert "replied on 2021-06-15 after the deadline 2021-06-01 (14 days late)" == late.message


class TestInADataset:
    def _bundle(self, *signed: pendulum.Date | None) -> gp.Dataset:
        proposal = _assigned()
        letters = tuple(
            gp.Reply(
                recipient="农工民主党广西区委",
                opening=f"贵委提出的提案收悉，现答复如下：（第{i + 1}稿）",
                proposal=proposal.ref,
                signed_on=day,
            )
            for i, day in enumerate(signed)
        )
        return gp.Dataset(proposals=(proposal,), replies=letters)

    def test_unanswered_is_overdue(self):
        """
        A proposal of the bundle with no reply is overdue under its place in the bundle.
        """
        found = _deadline_findings(self._bundle(), as_of=pendulum.Date(2021, 7, 1))
        assert [("deadline.overdue", "/proposals/0/assigned_on")] == found

    def test_reply_in_time(self):
        """
        A Reply signed by the deadline counts as the proposal's reply: nothing is overdue.
        """
        bundle = self._bundle(pendulum.Date(2021, 4, 27))
        assert [] == _deadline_findings(bundle, as_of=pendulum.Date(2021, 7, 1))

    def test_reply_late(self):
        """
        A Reply signed after the deadline makes the proposal's reply late, at that 成文日期.
        """
        bundle = self._bundle(pendulum.Date(2021, 6, 15))
        assert [("deadline.replied_late", "/replies/0/signed_on")] == (
            _deadline_findings(bundle, as_of=pendulum.Date(2021, 7, 1))
        )

    def test_late_at_the_earliest_reply(self):
        """
        Of several late Replies, the finding points at the earliest one's 成文日期.
        """
        bundle = self._bundle(None, pendulum.Date(2021, 7, 20), pendulum.Date(2021, 6, 15))
        assert [("deadline.replied_late", "/replies/2/signed_on")] == _deadline_findings(bundle)

    def _answered(self, replied_on: pendulum.Date, signed_on: pendulum.Date) -> gp.Dataset:
        """
        A proposal with its own reply date, and a Reply to it signed on another day.
        """
        proposal = _replied(replied_on)
        letter = gp.Reply(
            recipient="农工民主党广西区委",
            opening="贵委提出的提案收悉，现答复如下：",
            proposal=proposal.ref,
            signed_on=signed_on,
        )
        return gp.Dataset(proposals=(proposal,), replies=(letter,))

    def test_late_by_its_own_date(self):
        """
        A proposal late by its own reply date is late at its own replied_on.
        """
        bundle = self._answered(pendulum.Date(2021, 6, 15), pendulum.Date(2021, 5, 10))
        assert [("deadline.replied_late", "/proposals/0/replied_on")] == (
            _deadline_findings(bundle)
        )

    def test_earliest_reply_counts(self):
        """
        Of several Replies to one proposal, the earliest signed one is its reply.
        """
        bundle = self._bundle(pendulum.Date(2021, 6, 15), pendulum.Date(2021, 5, 10), None)
        assert [] == _deadline_findings(bundle)

    def test_unsigned_reply_does_not_count(self):
        """
        A Reply without 成文日期 says nothing of when the proposal was answered.
        """
        bundle = self._bundle(None)
        assert [("deadline.overdue", "/proposals/0/assigned_on")] == (
            _deadline_findings(bundle, as_of=pendulum.Date(2021, 7, 1))
        )

    def test_proposal_date_wins(self):
        """
        The proposal's own reply date wins over a Reply's 成文日期.
        """
        bundle = self._answered(pendulum.Date(2021, 5, 10), pendulum.Date(2021, 6, 15))
        assert [] == _deadline_findings(bundle)
