"""
Tests for gxai_policy.records.lifecycle: the transition tables and `advance`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

import gxai_policy as gp
from gxai_policy.records import lifecycle
from gxai_policy.strategies._programmes import platforms, tasks
from gxai_policy.strategies._proposals import proposals

P = gp.ProposalStatus
T = gp.TaskStatus
S = gp.PlatformStatus

_TABLES: Mapping[type, tuple[Mapping[Any, frozenset[Any]], Any]] = {
    P: (gp.PROPOSAL_TRANSITIONS, P.SUBMITTED),
    T: (gp.TASK_TRANSITIONS, T.NOT_STARTED),
    S: (gp.PLATFORM_TRANSITIONS, S.UNDER_CONSTRUCTION),
}
_FINAL = {P: {P.RETURNED, P.CLOSED}, T: {T.COMPLETED, T.CANCELLED}, S: {S.CONVERTED, S.REVOKED}}
# The date each status sets from `on=`, as `advance` documents it.
_DATED = {
    P.ASSIGNED: "assigned_on",
    P.REPLIED: "replied_on",
    T.COMPLETED: "closed_on",
    T.CANCELLED: "closed_on",
    S.RECOGNISED: "accepted_on",
}
_LEAD = gp.Handler("自治区科学技术厅", gp.HandlingRole.LEAD)
_DAY = pendulum.Date(2021, 3, 1)


def _reachable(table: Mapping[Any, frozenset[Any]], start: Any) -> set[Any]:
    seen, todo = {start}, [start]
    while todo:
        for following in table[todo.pop()]:
            if following not in seen:
                seen.add(following)
                todo.append(following)
    return seen


def _codes_and_paths(info: pytest.ExceptionInfo[gp.ValidationError]) -> list[tuple[str, str]]:
    return [(v.code, v.path) for v in info.value.violations]


def _platform_at(status: gp.PlatformStatus) -> st.SearchStrategy[gp.Platform]:
    """
    Platforms with *status*, accepted (with a day) exactly where the status needs it.
    """

    def place(platform: gp.Platform) -> gp.Platform:
        if status is S.UNDER_CONSTRUCTION:
            return attrs.evolve(platform, status=status, accepted_on=None, evaluations=())
        accepted_on = platform.accepted_on or platform.approved_on or pendulum.Date(2016, 1, 1)
        return attrs.evolve(platform, status=status, accepted_on=accepted_on)

    return platforms().map(place)


def _at(status: Any) -> st.SearchStrategy[Any]:
    if isinstance(status, P):
        return proposals(status=status)
    if isinstance(status, T):
        return tasks(status=status)
    return _platform_at(status)


def _illegal_steps(codelist: type) -> st.SearchStrategy[tuple[Any, Any]]:
    table = _TABLES[codelist][0]
    pairs = [(s, t) for s in codelist for t in codelist if t not in table[s]]
    return st.sampled_from(pairs).flatmap(lambda pair: st.tuples(_at(pair[0]), st.just(pair[1])))


_SUBMITTED: dict[str, Any] = {
    "kind": "proposal",
    "session": {"body": "cppcc", "term": 12, "meeting": 4, "level": "自治区", "year": 2021},
    "number": "20210143",
    "title": "关于抢抓数字经济大发展契机，积极申报建设广西新一代人工智能实验区的提案",
    "proposers": [{"name": "农工民主党广西区委", "is_body": True}],
    "submitted_on": "2021-01-20",
    "status": "submitted",
}


def _founding(**changes: Any) -> gp.Proposal:
    return attrs.evolve(gp.from_dict(gp.Proposal, _SUBMITTED), **changes)


def _platforms() -> tuple[gp.Platform, gp.Platform]:
    # The docs' fictional cast: the letter states no status of the platforms it names.
    lab = gp.Platform(
        name="某重点实验室",
        kind=gp.PlatformKind.KEY_LABORATORY,
        level=gp.PlatformLevel.AUTONOMOUS_REGION,
        status=gp.PlatformStatus.UNDER_CONSTRUCTION,
    )
    return lab, attrs.evolve(
        lab, name="某工程技术研究中心", kind=gp.PlatformKind.ENGINEERING_CENTRE
    )


class TestTables:
    @pytest.mark.parametrize("codelist", [P, T, S])
    def test_every_status_is_a_key(self, codelist):
        """
        Each table has a row for every status of its codelist, and only those.
        """
        table, _ = _TABLES[codelist]
        assert set(codelist) == set(table)

    @pytest.mark.parametrize("codelist", [P, T, S])
    def test_successors_are_statuses(self, codelist):
        """
        Every status a table lets follow is a status of the same codelist, never itself.
        """
        table, _ = _TABLES[codelist]
        assert all(
            isinstance(t, codelist) and t is not s
            for s, following in table.items()
            for t in following
        )

    @pytest.mark.parametrize("codelist", [P, T, S])
    def test_final_states_have_no_successors(self, codelist):
        """
        The final states (不予立案/办结, 已完成/已取消, 转建/撤销) are those with no successor.
        """
        table, _ = _TABLES[codelist]
        assert _FINAL[codelist] == {s for s, following in table.items() if not following}

    @pytest.mark.parametrize("codelist", [P, T, S])
    def test_every_status_is_reachable(self, codelist):
        """
        Every status can be reached from the first one.
        """
        table, start = _TABLES[codelist]
        assert set(codelist) == _reachable(table, start)

    def test_exported(self):
        """
        The public tables are the module's, and TRANSITIONS finds each by its record class.
        """
        assert (gp.PROPOSAL_TRANSITIONS, gp.TASK_TRANSITIONS, gp.PLATFORM_TRANSITIONS) == (
            lifecycle.TRANSITIONS[gp.Proposal],
            lifecycle.TRANSITIONS[gp.Task],
            lifecycle.TRANSITIONS[gp.Platform],
        )

    def test_tables_are_read_only(self):
        """
        A table cannot be changed in place.
        """
        with pytest.raises(TypeError):
            gp.PROPOSAL_TRANSITIONS[P.SUBMITTED] = frozenset()  # type: ignore[index]

    def test_platform_lifecycle(self):
        """
        A platform goes 组建 → 验收/认定 → 运行, and 整改 leads back to 运行.
        """
        table = gp.PLATFORM_TRANSITIONS
        assert (True, True, True, True) == (
            S.RECOGNISED in table[S.UNDER_CONSTRUCTION],
            S.OPERATING in table[S.RECOGNISED],
            S.RECTIFYING in table[S.OPERATING],
            S.OPERATING in table[S.RECTIFYING],
        )


class TestAdvance:
    def test_legal_step(self):
        """
        A legal step returns a record with the new status and leaves the old one alone.
        """
        submitted = _founding()
        accepted = gp.advance(submitted, P.ACCEPTED)
        assert (P.ACCEPTED, P.SUBMITTED) == (accepted.status, submitted.status)

    def test_illegal_step(self):
        """
        A step the table does not allow is refused at /status, naming what is allowed.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.advance(_founding(), P.CLOSED)
        assert [("lifecycle.illegal_transition", "/status")] == _codes_and_paths(info)
        assert "may go to: accepted, returned" in info.value.violations[0].message
        assert "立案、不予立案" in info.value.violations[0].message_zh

    def test_final_step_says_final(self):
        """
        From a final state nothing follows, and the message says so.
        """
        returned = _founding(status=P.RETURNED)
        with pytest.raises(gp.ValidationError) as info:
            gp.advance(returned, P.ACCEPTED)
        assert "nothing (final)" in info.value.violations[0].message

    @given(_illegal_steps(P))
    def test_illegal_proposal_steps(self, step):
        """
        Every step outside the proposal table is refused with the transition code.
        """
        record, to = step
        with pytest.raises(gp.ValidationError) as info:
            gp.advance(record, to, on=pendulum.Date(2030, 1, 1))
        assert [("lifecycle.illegal_transition", "/status")] == _codes_and_paths(info)

    @given(_illegal_steps(T))
    def test_illegal_task_steps(self, step):
        """
        Every step outside the task table is refused with the transition code.
        """
        record, to = step
        with pytest.raises(gp.ValidationError) as info:
            gp.advance(record, to, on=pendulum.Date(2030, 1, 1))
        assert [("lifecycle.illegal_transition", "/status")] == _codes_and_paths(info)

    @given(_illegal_steps(S))
    def test_illegal_platform_steps(self, step):
        """
        Every step outside the platform table is refused with the transition code.
        """
        record, to = step
        with pytest.raises(gp.ValidationError) as info:
            gp.advance(record, to, on=pendulum.Date(2030, 1, 1))
        assert [("lifecycle.illegal_transition", "/status")] == _codes_and_paths(info)

    def test_value_and_label(self):
        """
        The next status may be given as its English value or its Chinese label.
        """
        accepted = _founding(status=P.ACCEPTED, handlers=(_LEAD,))
        assert (P.ASSIGNED, P.ASSIGNED) == (
            gp.advance(accepted, "assigned", on=_DAY).status,
            gp.advance(accepted, "交办", on=_DAY).status,
        )

    @pytest.mark.parametrize("to", ["bogus", T.COMPLETED, 3])
    def test_unknown_status(self, to):
        """
        What is no status of the record is refused at /status with the codelist's code.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.advance(_founding(), to)
        assert [("codelist.unknown_label", "/status")] == _codes_and_paths(info)

    def test_not_a_record_with_a_lifecycle(self):
        """
        A record without a lifecycle table is a TypeError.
        """
        with pytest.raises(TypeError, match="Enterprise has no lifecycle"):
            gp.advance(
                gp.Enterprise(
                    name="广西智联视界智能科技有限公司", uscc=gp.USCC("91450100MA5KB1XW1C")
                ),
                "operating",
            )

    def test_on_fills_assigned_and_replied(self):
        """
        `on=` sets the assignment day for 交办 and the reply day for 已答复.
        """
        accepted = _founding(status=P.ACCEPTED, handlers=(_LEAD,))
        assigned = gp.advance(accepted, P.ASSIGNED, on=_DAY)
        replied = gp.advance(assigned, P.REPLIED, on=pendulum.Date(2021, 4, 27))
        assert (_DAY, pendulum.Date(2021, 4, 27)) == (replied.assigned_on, replied.replied_on)

    def test_on_fills_closed_on(self):
        """
        `on=` sets the closing day of a completed task.
        """
        task = gp.from_dict(
            gp.Task,
            {
                "id": "12",
                "plan": "〈促进人工智能和实体经济深度融合的若干政策措施〉2021年工作任务分解表",
                "title": "组织开展广西工程技术研究中心验收工作",
                "leads": ["自治区科学技术厅"],
                "status": "in_progress",
            },
        )
        assert pendulum.Date(2021, 11, 30) == (
            gp.advance(task, T.COMPLETED, on=pendulum.Date(2021, 11, 30)).closed_on
        )

    def test_on_fills_accepted_on(self):
        """
        `on=` sets the day of 验收/认定 of a recognised platform.
        """
        platform = _platforms()[0]
        assert pendulum.Date(2022, 6, 30) == (
            gp.advance(platform, S.RECOGNISED, on=pendulum.Date(2022, 6, 30)).accepted_on
        )

    def test_on_ignored_without_a_date_field(self):
        """
        A step that implies no date leaves the record's dates as they were.
        """
        submitted = _founding()
        assert submitted.submitted_on == gp.advance(submitted, P.ACCEPTED, on=_DAY).submitted_on

    def test_missing_date_is_the_records_own_rule(self):
        """
        A legal step that leaves the record without the date it needs is refused by the record.
        """
        accepted = _founding(status=P.ACCEPTED, handlers=(_LEAD,))
        with pytest.raises(gp.ValidationError) as info:
            gp.advance(accepted, P.ASSIGNED)
        assert [("proposal.assigned_on_missing", "/assigned_on")] == _codes_and_paths(info)

    def test_assignment_needs_a_handler(self):
        """
        交办 without a handler is refused by the proposal's own rule.
        """
        with pytest.raises(gp.ValidationError) as info:
            gp.advance(_founding(status=P.ACCEPTED), P.ASSIGNED, on=_DAY)
        assert [("proposal.handlers_missing", "/handlers")] == _codes_and_paths(info)

    def test_handled_again_after_dissatisfaction(self):
        """
        A 不满意 reply goes back to 交办, without the old reply, verdict or extension.
        """
        replied = _founding(
            status=P.REPLIED,
            handlers=(_LEAD,),
            assigned_on=_DAY,
            extension=gp.Extension(pendulum.Date(2021, 5, 20), pendulum.Date(2021, 8, 31)),
            replied_on=pendulum.Date(2021, 8, 30),
            feedback=gp.Feedback.DISSATISFIED,
        )
        again = gp.advance(replied, P.ASSIGNED, on=pendulum.Date(2021, 9, 15))
        assert (P.ASSIGNED, pendulum.Date(2021, 9, 15), None, None, None) == (
            again.status,
            again.assigned_on,
            again.replied_on,
            again.feedback,
            again.extension,
        )
        assert pendulum.Date(2021, 12, 1) == (
            gp.advance(again, P.REPLIED, on=pendulum.Date(2021, 12, 1)).replied_on
        )


# --------------------------------------------------------------------------- stateful


_STEP_DAYS = st.integers(0, 60)


class _Lifecycle(RuleBasedStateMachine):
    """
    A record walked through its lifecycle, with a clock that only moves forward.
    """

    codelist: ClassVar[type]

    def __init__(self) -> None:
        super().__init__()
        self.record: Any = None
        self.today = pendulum.Date(2016, 1, 1)

    @property
    def table(self) -> Mapping[Any, frozenset[Any]]:
        return _TABLES[self.codelist][0]

    def _ready(self, record: Any, to: Any) -> Any:  # noqa: ARG002 - subclasses use it
        """
        The record with what the step needs besides a date (a handler for 交办).
        """
        return record

    def _missing(self, record: Any, to: Any) -> str | None:
        """
        The code of the date *record* lacks for *to*, if `on=` does not give it.
        """
        name = _DATED.get(to)
        if name is None or getattr(record, name) is not None:
            return None
        return f"{type(record).__name__.lower()}.{name}_missing"

    def _step(self, to: Any, days: int, dated: bool) -> None:
        self.today = self.today.add(days=days)
        on = self.today if dated else None
        before = self.record
        if to not in self.table[before.status]:
            with pytest.raises(gp.ValidationError) as info:
                gp.advance(before, to, on=on)
            assert [("lifecycle.illegal_transition", "/status")] == _codes_and_paths(info)
            assert before == self.record
            return
        ready = self._ready(before, to)
        missing = None if dated else self._missing(ready, to)
        if missing is not None:
            with pytest.raises(gp.ValidationError) as info:
                gp.advance(ready, to)
            assert missing in info.value.codes
            assert before == self.record
            return
        after = gp.advance(ready, to, on=on)
        assert to == after.status
        if dated and to in _DATED:
            assert self.today == getattr(after, _DATED[to])
        self.record = after

    @precondition(lambda self: bool(self.table[self.record.status]))
    @rule(data=st.data(), days=_STEP_DAYS, dated=st.booleans())
    def proceed(self, data: st.DataObject, days: int, dated: bool) -> None:
        following = sorted(self.table[self.record.status], key=list(self.codelist).index)
        self._step(data.draw(st.sampled_from(following)), days, dated)

    @invariant()
    def constructs(self) -> None:
        if self.record is not None:
            assert self.record == attrs.evolve(self.record)
            assert self.record == gp.from_dict(type(self.record), gp.to_dict(self.record))

    @invariant()
    def reachable(self) -> None:
        if self.record is not None:
            table, start = _TABLES[self.codelist]
            assert self.record.status in _reachable(table, start)


class ProposalLifecycle(_Lifecycle):
    codelist = P

    @initialize(proposal=proposals(status=P.SUBMITTED))
    def start(self, proposal: gp.Proposal) -> None:
        self.record = proposal
        self.today = proposal.submitted_on or pendulum.Date(2018, 1, 1)

    def _ready(self, record: gp.Proposal, to: gp.ProposalStatus) -> gp.Proposal:
        if to is P.ASSIGNED and not record.handlers:
            return attrs.evolve(record, handlers=(_LEAD,))
        return record

    @rule(to=st.sampled_from(P), days=_STEP_DAYS, dated=st.booleans())
    def step(self, to: gp.ProposalStatus, days: int, dated: bool) -> None:
        self._step(to, days, dated)

    @precondition(lambda self: self.record.status is P.ASSIGNED and self.record.extension is None)
    @rule(days=_STEP_DAYS, length=st.integers(1, 150))
    def extend(self, days: int, length: int) -> None:
        self.today = self.today.add(days=days)
        limit = self.record.assigned_on.add(months=6)
        if self.today < limit:
            until = min(self.today.add(days=length), limit)
            extension = gp.Extension(self.today, until)
            self.record = attrs.evolve(self.record, extension=extension)

    @precondition(lambda self: self.record.status is P.REPLIED)
    @rule(feedback=st.sampled_from(gp.Feedback))
    def judge(self, feedback: gp.Feedback) -> None:
        self.record = attrs.evolve(self.record, feedback=feedback)


class TaskLifecycle(_Lifecycle):
    codelist = T

    @initialize(task=tasks(status=T.NOT_STARTED))
    def start(self, task: gp.Task) -> None:
        self.record = task
        self.today = max((r.on for r in task.reports), default=pendulum.Date(2018, 1, 1))

    @rule(to=st.sampled_from(T), days=_STEP_DAYS, dated=st.booleans())
    def step(self, to: gp.TaskStatus, days: int, dated: bool) -> None:
        self._step(to, days, dated)

    @precondition(lambda self: self.record.closed_on is None)
    @rule(days=_STEP_DAYS)
    def report(self, days: int) -> None:
        self.today = self.today.add(days=days)
        report = gp.ProgressReport(self.today, "各项任务正按计划推进")
        self.record = attrs.evolve(self.record, reports=(*self.record.reports, report))


class PlatformLifecycle(_Lifecycle):
    codelist = S

    @initialize(platform=_platform_at(S.UNDER_CONSTRUCTION))
    def start(self, platform: gp.Platform) -> None:
        self.record = platform
        self.today = platform.approved_on or pendulum.Date(2016, 1, 1)

    @rule(to=st.sampled_from(S), days=_STEP_DAYS, dated=st.booleans())
    def step(self, to: gp.PlatformStatus, days: int, dated: bool) -> None:
        self._step(to, days, dated)

    @precondition(lambda self: self.record.accepted_on is not None)
    @rule(days=st.integers(0, 400), grade=st.sampled_from(gp.EvaluationGrade))
    def evaluate(self, days: int, grade: gp.EvaluationGrade) -> None:
        self.today = self.today.add(days=days)
        evaluations = self.record.evaluations
        if not evaluations or evaluations[-1].year < self.today.year:
            evaluation = gp.Evaluation(self.today.year, grade)
            self.record = attrs.evolve(self.record, evaluations=(*evaluations, evaluation))


_MACHINE_SETTINGS = settings(
    max_examples=min(settings.default.max_examples, 100), stateful_step_count=20
)


class TestProposalLifecycle(ProposalLifecycle.TestCase):
    """
    Proposals walked at random through legal and illegal steps stay valid and reachable.
    """

    settings = _MACHINE_SETTINGS


class TestTaskLifecycle(TaskLifecycle.TestCase):
    """
    Tasks walked at random through legal and illegal steps stay valid and reachable.
    """

    settings = _MACHINE_SETTINGS


class TestPlatformLifecycle(PlatformLifecycle.TestCase):
    """
    Platforms walked at random through legal and illegal steps stay valid and reachable.
    """

    settings = _MACHINE_SETTINGS
