"""
Tests for gxai_policy.records.task: work tasks of a task breakdown table.
"""

from __future__ import annotations

import pickle

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxai_policy.errors import Severity, ValidationError
from gxai_policy.records import task as task_module
from gxai_policy.records._base import CheckContext, Extras
from gxai_policy.records.task import ProgressReport, Task, strip_title_marks
from gxai_policy.rules import RULES
from gxai_policy.serialize import from_dict, from_json, to_dict, to_json
from gxai_policy.strategies._programmes import progress_reports, tasks
from gxai_policy.values.codelists import TaskStatus
from gxai_policy.values.dates import PartialDate

PLAN = "〈促进人工智能和实体经济深度融合的若干政策措施〉2021年工作任务分解表"
HALF_YEAR = ProgressReport(pendulum.Date(2021, 6, 30), "各项任务推进半年总结")
#: A day after every dated example of the rule catalogue.
CATALOGUE_AS_OF = pendulum.Date(2025, 1, 1)
TASK_CODES = sorted(code for code in RULES if code.startswith("task."))
BLANKS = st.sampled_from(("", " ", "\u3000", "\t\n"))
OPEN = [s for s in TaskStatus if s not in (TaskStatus.COMPLETED, TaskStatus.CANCELLED)]
CLOSED = [TaskStatus.COMPLETED, TaskStatus.CANCELLED]


def open_tasks() -> st.SearchStrategy[Task]:
    return st.sampled_from(OPEN).flatmap(lambda s: tasks(status=s))


def closed_tasks() -> st.SearchStrategy[Task]:
    return st.sampled_from(CLOSED).flatmap(lambda s: tasks(status=s))


def found(error: ValidationError) -> list[tuple[str, str]]:
    return [(v.code, v.path) for v in error.violations]


def finding_codes(task: Task, as_of: pendulum.Date | None) -> list[str]:
    return [v.code for v in task._findings(CheckContext(as_of=as_of))]


def the_2021_task(**changes: object) -> Task:
    """
    A task of the 2021 breakdown table as the founding letter describes it.
    """
    fields: dict[str, object] = {
        "id": "12",
        "plan": "《〈促进人工智能和实体经济深度融合的若干政策措施〉2021年工作任务分解表》",
        "area": "创新平台建设",
        "title": "组织开展广西工程技术研究中心验收工作",
        "leads": ("自治区科学技术厅",),
        "partners": ("自治区工业和信息化厅",),
        "due": PartialDate(2021, 12),
        "status": TaskStatus.IN_PROGRESS,
        "reports": (HALF_YEAR,),
    }
    return Task(**(fields | changes))


class TestTaskStrategy:
    @given(tasks())
    def test_strategy_output_constructs(self, task):
        """
        Every generated task is valid: constructing it again from its fields succeeds.
        """
        assert task == attrs.evolve(task)

    @given(st.sampled_from(TaskStatus), st.data())
    def test_status_option(self, status, data):
        """
        tasks(status=...) yields tasks with that status only.
        """
        assert status is data.draw(tasks(status=status)).status

    @given(progress_reports())
    def test_progress_reports_construct(self, report):
        """
        Every generated progress report is valid.
        """
        assert report == attrs.evolve(report)


class TestTaskRules:
    @given(tasks(), BLANKS)
    def test_id_empty(self, task, blank):
        """
        A blank id is refused with task.id_empty at /id.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(task, id=blank)
        assert [("task.id_empty", "/id")] == found(info.value)

    @given(tasks(), st.sampled_from(("", " ", "《》", " 《 》 ", "《《》》")))
    def test_plan_empty(self, task, plan):
        """
        A plan that is blank, or only title marks, is refused with task.plan_empty at /plan.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(task, plan=plan)
        assert [("task.plan_empty", "/plan")] == found(info.value)

    @given(tasks(), BLANKS)
    def test_title_empty(self, task, blank):
        """
        A blank title is refused with task.title_empty at /title.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(task, title=blank)
        assert [("task.title_empty", "/title")] == found(info.value)

    @given(tasks(), BLANKS)
    def test_area_empty(self, task, blank):
        """
        A blank area is refused with task.area_empty at /area (None means no area).
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(task, area=blank)
        assert [("task.area_empty", "/area")] == found(info.value)

    @given(tasks())
    def test_lead_missing(self, task):
        """
        A task without lead units is refused with task.lead_missing at /leads.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(task, leads=())
        assert [("task.lead_missing", "/leads")] == found(info.value)

    @given(tasks(), BLANKS, st.booleans())
    def test_unit_empty(self, task, blank, among_leads):
        """
        A blank unit name is refused with task.unit_empty at its index.
        """
        name = "leads" if among_leads else "partners"
        units = getattr(task, name)
        with pytest.raises(ValidationError) as info:
            attrs.evolve(task, **{name: (*units, blank)})
        assert [("task.unit_empty", f"/{name}/{len(units)}")] == found(info.value)

    @given(tasks())
    def test_unit_duplicate_among_leads(self, task):
        """
        A lead unit listed twice is refused with task.unit_duplicate at the second listing.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(task, leads=(*task.leads, task.leads[0]))
        assert [("task.unit_duplicate", f"/leads/{len(task.leads)}")] == found(info.value)

    @given(tasks())
    def test_unit_duplicate_among_partners(self, task):
        """
        A partner listed twice is refused with task.unit_duplicate at the second listing.
        """
        extra = "南宁市人民政府"  # never among the strategy's units
        with pytest.raises(ValidationError) as info:
            attrs.evolve(task, partners=(*task.partners, extra, extra))
        assert [("task.unit_duplicate", f"/partners/{len(task.partners) + 1}")] == found(info.value)

    @given(tasks(), st.data())
    def test_unit_lead_and_partner(self, task, data):
        """
        A lead unit also listed as a partner is refused with task.unit_lead_and_partner.
        """
        lead = data.draw(st.sampled_from(task.leads))
        with pytest.raises(ValidationError) as info:
            attrs.evolve(task, partners=(*task.partners, lead))
        assert [("task.unit_lead_and_partner", f"/partners/{len(task.partners)}")] == found(
            info.value
        )

    @given(progress_reports(), BLANKS)
    def test_report_summary_empty(self, report, blank):
        """
        A blank progress report is refused with task.report_summary_empty at /summary.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(report, summary=blank)
        assert [("task.report_summary_empty", "/summary")] == found(info.value)

    @given(tasks(), st.integers(1, 400))
    def test_reports_order(self, task, days):
        """
        A report dated before the one listed above it is refused with task.reports_order.
        """
        later = task.closed_on or pendulum.Date(2021, 6, 30)
        reports = (
            ProgressReport(later, "按计划推进"),
            ProgressReport(later.subtract(days=days), "各项任务推进半年总结"),
        )
        with pytest.raises(ValidationError) as info:
            attrs.evolve(task, reports=reports)
        assert [("task.reports_order", "/reports/1/on")] == found(info.value)

    @given(closed_tasks(), st.integers(1, 400))
    def test_report_after_close(self, task, days):
        """
        A report dated after closed_on is refused with task.report_after_close at its date.
        """
        late = ProgressReport(task.closed_on.add(days=days), "已完成")
        with pytest.raises(ValidationError) as info:
            attrs.evolve(task, reports=(*task.reports, late))
        assert [("task.report_after_close", f"/reports/{len(task.reports)}/on")] == found(
            info.value
        )

    @given(closed_tasks())
    def test_closed_on_missing(self, task):
        """
        A completed or cancelled task without closed_on is refused with task.closed_on_missing.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(task, closed_on=None)
        assert [("task.closed_on_missing", "/closed_on")] == found(info.value)

    @given(open_tasks(), st.integers(0, 400))
    def test_closed_on_unexpected(self, task, days):
        """
        An open task with a closed_on is refused with task.closed_on_unexpected.
        """
        last = max((r.on for r in task.reports), default=pendulum.Date(2021, 1, 1))
        with pytest.raises(ValidationError) as info:
            attrs.evolve(task, closed_on=last.add(days=days))
        assert [("task.closed_on_unexpected", "/closed_on")] == found(info.value)

    @given(closed_tasks())
    def test_every_violation_at_once(self, task):
        """
        Three broken fields give three violations, in field order, in one error.
        """
        with pytest.raises(ValidationError) as info:
            attrs.evolve(task, id="", leads=(), closed_on=None)
        assert [
            ("task.id_empty", "/id"),
            ("task.lead_missing", "/leads"),
            ("task.closed_on_missing", "/closed_on"),
        ] == found(info.value)


class TestTaskFindings:
    @given(open_tasks())
    def test_overdue(self, task):
        """
        An open task past its due date is reported as task.overdue, a warning, at /due.
        """
        task = attrs.evolve(task, due=PartialDate(2021, 12))
        findings = task._findings(CheckContext(as_of=pendulum.Date(2022, 1, 1)))
        assert [("/due", Severity.WARNING)] == [
            (v.path, v.severity) for v in findings if v.code == "task.overdue"
        ]

    @given(tasks())
    def test_not_overdue_on_the_due_day_or_without_as_of(self, task):
        """
        A task is not overdue on its due day, nor when no as_of is given.
        """
        task = attrs.evolve(task, due=pendulum.Date(2021, 12, 31))
        assert "task.overdue" not in finding_codes(task, pendulum.Date(2021, 12, 31))
        assert "task.overdue" not in finding_codes(task, None)

    @given(closed_tasks())
    def test_closed_task_is_never_overdue(self, task):
        """
        A completed or cancelled task is not overdue, however late the check.
        """
        assert "task.overdue" not in finding_codes(task, pendulum.Date(2099, 1, 1))

    @given(open_tasks())
    def test_half_year_report_missing(self, task):
        """
        An open task due in 2021 with no report in the first half of 2021 is reported in July.
        """
        task = attrs.evolve(task, due=PartialDate(2021), reports=())
        findings = [
            v
            for v in task._findings(CheckContext(as_of=pendulum.Date(2021, 7, 1)))
            if v.code == "task.half_year_report_missing"
        ]
        assert [("/reports", Severity.INFO)] == [(v.path, v.severity) for v in findings]

    @given(open_tasks())
    def test_half_year_report_present(self, task):
        """
        The half-year summary dated 30 June satisfies the half-year check.
        """
        task = attrs.evolve(task, due=PartialDate(2021), reports=(HALF_YEAR,))
        assert "task.half_year_report_missing" not in finding_codes(task, pendulum.Date(2022, 1, 1))

    @given(open_tasks())
    def test_half_year_not_judged_before_july(self, task):
        """
        Before 1 July of the due year no half-year finding is made.
        """
        task = attrs.evolve(task, due=PartialDate(2021), reports=())
        assert "task.half_year_report_missing" not in finding_codes(
            task, pendulum.Date(2021, 6, 30)
        )

    def test_half_year_not_expected_of_a_task_closed_before_july(self):
        """
        A task completed before 30 June of its due year owes no half-year report.
        """
        task = the_2021_task(
            status=TaskStatus.COMPLETED, closed_on=pendulum.Date(2021, 5, 31), reports=()
        )
        assert [] == finding_codes(task, pendulum.Date(2022, 1, 1))

    @given(tasks(status=TaskStatus.COMPLETED))
    def test_completed_late(self, task):
        """
        A task completed after its due date is reported as task.completed_late, as info.
        """
        task = attrs.evolve(task, due=task.closed_on.subtract(days=1))
        findings = [v for v in task._findings(CheckContext()) if v.code == "task.completed_late"]
        assert [("/closed_on", Severity.INFO)] == [(v.path, v.severity) for v in findings]

    @given(tasks(status=TaskStatus.COMPLETED))
    def test_completed_on_time(self, task):
        """
        A task completed on its due day is not late.
        """
        task = attrs.evolve(task, due=task.closed_on)
        assert "task.completed_late" not in finding_codes(task, None)


class TestTaskValue:
    @given(tasks())
    def test_equal_tasks_hash_equal(self, task):
        """
        A task and its rebuilt copy are equal and hash equal.
        """
        copy = attrs.evolve(task)
        assert (task, hash(task)) == (copy, hash(copy))

    @given(tasks())
    def test_pickles(self, task):
        """
        A task survives pickling.
        """
        assert task == pickle.loads(pickle.dumps(task))

    @given(tasks())
    def test_dict_round_trip(self, task):
        """
        from_dict(Task, to_dict(task)) gives the task back.
        """
        assert task == from_dict(Task, to_dict(task))

    @given(tasks())
    def test_json_round_trip(self, task):
        """
        from_json(Task, to_json(task)) gives the task back.
        """
        assert task == from_json(Task, to_json(task))

    @given(tasks())
    def test_unknown_keys_kept_in_extras(self, task):
        """
        With unknown="report" an unknown key lands in extras and is written back.
        """
        data = to_dict(task) | {"备注": "牵头单位已调整"}
        loaded = from_dict(Task, data, unknown="report")
        assert (Extras({"备注": "牵头单位已调整"}), data) == (loaded.extras, to_dict(loaded))

    def test_converters_strip_whitespace_and_title_marks(self):
        """
        Cells with stray whitespace and a plan in 《》 are normalised.
        """
        task = the_2021_task(
            id=" 12 ", title="\u3000组织开展验收工作 ", leads=(" 自治区科学技术厅",)
        )
        assert ("12", PLAN, "组织开展验收工作", ("自治区科学技术厅",)) == (
            task.id,
            task.plan,
            task.title,
            task.leads,
        )

    @given(st.text(alphabet="《》〈〉 \u3000AB年"))
    def test_strip_title_marks_is_idempotent(self, text):
        """
        Stripping title marks twice gives what stripping once gives, for any text.
        """
        once = strip_title_marks(text)
        assert once == strip_title_marks(once)

    @given(st.text(alphabet="〈〉AB年", min_size=1))
    def test_strip_title_marks_strips_nested_pairs(self, text):
        """
        Every pair of 《》 enclosing the whole title goes, with the spaces inside them.
        """
        assert text == strip_title_marks(f" 《《 {text}》》 ")

    def test_two_titles_keep_their_marks(self):
        """
        《A》和《B》 names two documents, so no mark is stripped.
        """
        assert "《A》和《B》" == strip_title_marks("《A》和《B》")

    def test_wrong_json_type_is_a_load_error(self):
        """
        A number where the wire form wants a string is load.wrong_type at its path.
        """
        with pytest.raises(ValidationError) as info:
            from_dict(Task, task_module._EXAMPLE | {"id": 12})
        assert [("load.wrong_type", "/id")] == found(info.value)


class TestTaskCatalogue:
    def test_every_rule_applies_to_task(self):
        """
        The module defines its rules for the public class Task.
        """
        assert {"Task"} == {RULES[code].applies_to for code in TASK_CODES}
        assert len(TASK_CODES) >= 15


class TestFoundingLetter:
    def test_the_2021_table_task_with_its_half_year_report(self):
        """
        A task of the 2021 table, reported on at the end of June 2021, constructs.
        """
        task = the_2021_task()
        assert (PLAN, pendulum.Date(2021, 6, 30)) == (task.plan, task.reports[0].on)

    def test_half_year_report_satisfies_the_check(self):
        """
        With the 半年总结 of 30 June 2021 the task has no finding as of 1 July 2021.
        """
        assert [] == finding_codes(the_2021_task(), pendulum.Date(2021, 7, 1))

    def test_open_at_the_end_of_2021_is_overdue(self):
        """
        Still in progress on 1 January 2022, a task due in December 2021 is overdue.
        """
        assert ["task.overdue"] == finding_codes(the_2021_task(), pendulum.Date(2022, 1, 1))

    def test_issued_on_27_april_2021_a_report_before_is_out_of_order(self):
        """
        Reports listed out of date order are refused however the table was issued.
        """
        first = ProgressReport(pendulum.Date(2021, 4, 27), "印发工作任务分解表")
        with pytest.raises(ValidationError) as info:
            the_2021_task(reports=(HALF_YEAR, first))
        assert ["task.reports_order"] == [v.code for v in info.value.violations]

    def test_plan_read_from_the_wire_without_marks(self):
        """
        The table's title loads from JSON with or without its 《》, to the same plan.
        """
        data = to_dict(the_2021_task())
        marked = data | {"plan": f"《{PLAN}》"}
        assert from_dict(Task, data) == from_dict(Task, marked)
