"""
Work tasks (工作任务): the entries of a task breakdown table (工作任务分解表).

The founding letter reports one such table: 《〈促进人工智能和实体经济深度融合的
若干政策措施〉2021年工作任务分解表》, issued on 27 April 2021 with 47 tasks, whose
half-year summary (半年总结) was reported at the end of June 2021.

>>> task = Task(
...     id="12",
...     plan="《〈促进人工智能和实体经济深度融合的若干政策措施〉2021年工作任务分解表》",
...     title="组织开展广西工程技术研究中心验收工作",
...     leads=("自治区科学技术厅",),
...     status=TaskStatus.IN_PROGRESS,
... )
>>> task.plan
'〈促进人工智能和实体经济深度融合的若干政策措施〉2021年工作任务分解表'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs
import pendulum

from gxai_policy.errors import Severity, Violation
from gxai_policy.records._base import (
    EMPTY_EXTRAS,
    CheckContext,
    Extras,
    Validated,
    invariant,
)
from gxai_policy.records._convert import NOT_BLANK, since
from gxai_policy.records._convert import strip as _strip
from gxai_policy.records._convert import strip_optional as _strip_optional
from gxai_policy.records.source import Source
from gxai_policy.rules import Trigger, define
from gxai_policy.values._labels import label
from gxai_policy.values.codelists import TaskStatus
from gxai_policy.values.dates import PartialDate

__all__ = ["ProgressReport", "Task"]

_SOURCE = (
    "《〈促进人工智能和实体经济深度融合的若干政策措施〉2021年工作任务分解表》"
    "(自治区科学技术厅, 2021-04-27), as reported in reply 20210143"
)
_PLAN = "〈促进人工智能和实体经济深度融合的若干政策措施〉2021年工作任务分解表"

#: A valid minimal wire payload; each rule's example breaks it in one place.
_EXAMPLE: dict[str, object] = {
    "id": "12",
    "plan": _PLAN,
    "title": "组织开展广西工程技术研究中心验收工作",
    "leads": ["自治区科学技术厅"],
    "status": "in_progress",
}
_HALF_YEAR_REPORT = {"on": "2021-06-30", "summary": "各项任务推进半年总结"}

# The statuses that end a task, and so carry the day it ended.
_CLOSED = frozenset({TaskStatus.COMPLETED, TaskStatus.CANCELLED})


ID_EMPTY = define(
    "task.id_empty",
    applies_to="Task",
    summary="A task has the number its table gives it (such as 12 or 3-2).",
    summary_zh="任务须有分解表中的编号（如 12 或 3-2）。",
    source=_SOURCE,
    example=_EXAMPLE | {"id": ""},
    trigger=Trigger.LOAD,
    message="the task has no number",
    message_zh="任务没有编号",
)
PLAN_EMPTY = define(
    "task.plan_empty",
    applies_to="Task",
    summary="A task names the breakdown table (its document title) it belongs to.",
    summary_zh="任务须注明所属的工作任务分解表（文件标题）。",
    source=_SOURCE,
    example=_EXAMPLE | {"plan": "《》"},
    trigger=Trigger.LOAD,
    message="the task names no breakdown table",
    message_zh="任务未注明所属的工作任务分解表",
)
TITLE_EMPTY = define(
    "task.title_empty",
    applies_to="Task",
    summary="A task says what is to be done.",
    summary_zh="任务须写明工作内容。",
    source=_SOURCE,
    example=_EXAMPLE | {"title": " "},
    trigger=Trigger.LOAD,
    message="task {id} says nothing about what is to be done",
    message_zh="任务{id}未写明工作内容",
)
AREA_EMPTY = define(
    "task.area_empty",
    applies_to="Task",
    summary="A task's area (such as 创新平台建设) is text or null, never blank.",
    summary_zh="任务所属方面（如“创新平台建设”）应填写内容或留空（null），不能为空白。",
    source=_SOURCE,
    example=_EXAMPLE | {"area": ""},
    trigger=Trigger.LOAD,
    message="the area of task {id} is blank (use null for none)",
    message_zh="任务{id}所属方面为空白（没有时应为 null）",
)
LEAD_MISSING = define(
    "task.lead_missing",
    applies_to="Task",
    summary="A task has at least one lead unit (牵头单位).",
    summary_zh="任务至少有一个牵头单位。",
    source=_SOURCE,
    example=_EXAMPLE | {"leads": []},
    trigger=Trigger.LOAD,
    message="task {id} has no lead unit",
    message_zh="任务{id}没有牵头单位",
)
UNIT_EMPTY = define(
    "task.unit_empty",
    applies_to="Task",
    summary="A lead or partner unit is named, never blank.",
    summary_zh="牵头单位或配合单位须写明名称，不能为空白。",
    source=_SOURCE,
    example=_EXAMPLE | {"partners": [""]},
    trigger=Trigger.LOAD,
    message="a unit of task {id} is blank",
    message_zh="任务{id}的单位名称为空白",
)
UNIT_DUPLICATE = define(
    "task.unit_duplicate",
    applies_to="Task",
    summary="A unit is listed once among the lead units and once among the partners.",
    summary_zh="同一单位在牵头单位或配合单位中只列一次。",
    source=_SOURCE,
    example=_EXAMPLE | {"leads": ["自治区科学技术厅", "自治区科学技术厅"]},
    trigger=Trigger.LOAD,
    message="{unit} is listed twice",
    message_zh="{unit}重复列出",
)
UNIT_LEAD_AND_PARTNER = define(
    "task.unit_lead_and_partner",
    applies_to="Task",
    summary="A unit leads a task (牵头) or partners in it (配合), not both.",
    summary_zh="同一单位不能既是牵头单位又是配合单位。",
    source=_SOURCE,
    example=_EXAMPLE | {"partners": ["自治区科学技术厅"]},
    trigger=Trigger.LOAD,
    message="{unit} is both a lead unit and a partner",
    message_zh="{unit}既是牵头单位又是配合单位",
)
REPORT_SUMMARY_EMPTY = define(
    "task.report_summary_empty",
    applies_to="Task",
    summary="A progress report says what progress was made.",
    summary_zh="进展报告须写明进展情况。",
    source=_SOURCE,
    example=_EXAMPLE | {"reports": [{"on": "2021-06-30", "summary": ""}]},
    trigger=Trigger.LOAD,
    message="the progress report of {on} is empty",
    message_zh="{on}的进展报告为空",
)
REPORTS_ORDER = define(
    "task.reports_order",
    applies_to="Task",
    summary="A task's progress reports are listed in date order, earliest first.",
    summary_zh="进展报告按日期先后排列。",
    source=_SOURCE,
    example=_EXAMPLE
    | {"reports": [_HALF_YEAR_REPORT, {"on": "2021-03-31", "summary": "一季度进展"}]},
    trigger=Trigger.LOAD,
    message="the report of {on} comes after the report of {previous}",
    message_zh="{on}的报告排在{previous}的报告之后",
)
REPORT_AFTER_CLOSE = define(
    "task.report_after_close",
    applies_to="Task",
    summary="No progress report is dated after the task was closed.",
    summary_zh="任务办结后不应再有进展报告。",
    source=_SOURCE,
    example=_EXAMPLE
    | {"status": "completed", "closed_on": "2021-05-31", "reports": [_HALF_YEAR_REPORT]},
    trigger=Trigger.LOAD,
    message="the report of {on} is dated after the task was closed on {closed_on}",
    message_zh="{on}的报告晚于任务办结日期{closed_on}",
)
CLOSED_ON_MISSING = define(
    "task.closed_on_missing",
    applies_to="Task",
    summary="A completed or cancelled task says on which day it was closed.",
    summary_zh="已完成或已取消的任务须写明办结日期。",
    source=_SOURCE,
    example=_EXAMPLE | {"status": "completed"},
    trigger=Trigger.LOAD,
    message="task {id} is {status} but has no closed_on date",
    message_zh="任务{id}状态为“{status_zh}”，但没有办结日期",
)
CLOSED_ON_UNEXPECTED = define(
    "task.closed_on_unexpected",
    applies_to="Task",
    summary="Only a completed or cancelled task has a closing day.",
    summary_zh="只有已完成或已取消的任务才有办结日期。",
    source=_SOURCE,
    example=_EXAMPLE | {"closed_on": "2021-11-30"},
    trigger=Trigger.LOAD,
    message="task {id} is {status} but has a closed_on date, {closed_on}",
    message_zh="任务{id}状态为“{status_zh}”，却有办结日期{closed_on}",
)
OVERDUE = define(
    "task.overdue",
    applies_to="Task",
    severity=Severity.WARNING,
    summary="An open task is past its due date (checked as of a day).",
    summary_zh="任务已过完成时限仍未办结（按检查日期判断）。",
    source=_SOURCE,
    example={
        "record": _EXAMPLE | {"due": "2021-12", "reports": [_HALF_YEAR_REPORT]},
        "as_of": "2022-03-01",
    },
    trigger=Trigger.CHECK_AS_OF,
    message="task {id} was due by {due} and is still {status} on {as_of}",
    message_zh="任务{id}应于{due}前完成，截至{as_of}仍为“{status_zh}”",
)
HALF_YEAR_REPORT_MISSING = define(
    "task.half_year_report_missing",
    applies_to="Task",
    severity=Severity.INFO,
    summary=(
        "A task open on 30 June of its due year has a progress report from that "
        "half year (the 半年总结, due end of June)."
    ),
    summary_zh="任务在完成时限所在年份的6月30日仍未办结的，应有当年上半年的进展报告（半年总结，6月底报送）。",
    source=_SOURCE + ": 我厅已于2021年6月底上报了各项任务推进半年总结报告",
    example={
        "record": _EXAMPLE | {"due": "2021-12", "status": "completed", "closed_on": "2021-11-30"},
        "as_of": "2022-03-01",
    },
    trigger=Trigger.CHECK_AS_OF,
    message="task {id} has no progress report dated {year}-01-01 to {year}-06-30",
    message_zh="任务{id}没有{year}年上半年的进展报告（半年总结）",
)
COMPLETED_LATE = define(
    "task.completed_late",
    applies_to="Task",
    severity=Severity.INFO,
    summary="A task was completed after its due date.",
    summary_zh="任务在完成时限之后才完成。",
    source=_SOURCE,
    example=_EXAMPLE
    | {
        "due": "2021-12",
        "status": "completed",
        "closed_on": "2022-01-15",
        "reports": [_HALF_YEAR_REPORT],
    },
    trigger=Trigger.CHECK,
    message="task {id} was due by {due} and completed on {closed_on}",
    message_zh="任务{id}应于{due}前完成，实际于{closed_on}完成",
)


def _strip_units(values: Iterable[str]) -> tuple[str, ...]:
    """
    The unit names, stripped, as a tuple (a list is accepted from Python callers).
    """
    if isinstance(values, str):
        # A lone str is not a tuple of names: left for the type checks to name.
        return values  # type: ignore[return-value]
    try:
        return tuple(_strip(v) for v in values)
    except TypeError:
        return values  # type: ignore[return-value]


def _tuple(values: Iterable[ProgressReport]) -> tuple[ProgressReport, ...]:
    try:
        return tuple(values)
    except TypeError:
        return values  # type: ignore[return-value]


def strip_title_marks(value: str) -> str:
    """
    A document title without its enclosing title marks (书名号 《》) and whitespace.

    Only marks that enclose the whole title go; a nested title keeps its
    〈〉, and ``《A》和《B》`` (two titles) is left as it is.  Applying it
    twice changes nothing; it takes time linear in the title's length.

    >>> strip_title_marks(" 《〈若干政策措施〉2021年工作任务分解表》 ")
    '〈若干政策措施〉2021年工作任务分解表'
    >>> strip_title_marks("《A》和《B》")
    '《A》和《B》'
    """
    if type(value) is not str:
        return value  # left for the type checks to name
    text = value.strip()
    if not text.startswith("《"):
        return text
    closes: dict[int, int] = {}
    opened: list[int] = []
    for i, ch in enumerate(text):
        if ch == "《":
            opened.append(i)
        elif ch == "》" and opened:
            closes[opened.pop()] = i
    start, end = 0, len(text) - 1
    while start < end and text[start] == "《" and closes.get(start) == end:
        start, end = start + 1, end - 1
        while start <= end and text[start].isspace():
            start += 1
        while end >= start and text[end].isspace():
            end -= 1
    return text[start : end + 1]


def _last_day(due: pendulum.Date | PartialDate) -> pendulum.Date:
    return due.last_day() if isinstance(due, PartialDate) else due


@attrs.frozen
class ProgressReport(Validated):
    """
    One dated progress report (进展报告) on a task, such as the half-year summary (半年总结).

    Attributes:
        on: The day the report was made (报送).

        summary: What it says of the task's progress; never blank.

    >>> ProgressReport(pendulum.Date(2021, 6, 30), "各项任务推进半年总结").on
    Date(2021, 6, 30)
    >>> ProgressReport(pendulum.Date(2021, 6, 30), " ")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error task.report_summary_empty at /summary: the progress report of 2021-06-30 is empty

    .. versionadded:: 0.1.0
    """  # noqa: E501

    on: pendulum.Date = attrs.field(metadata=label("日期"))
    summary: str = attrs.field(converter=_strip, metadata=label("进展", NOT_BLANK))

    extras: Extras = attrs.field(default=EMPTY_EXTRAS, repr=False, kw_only=True)

    @invariant
    def _summary(self) -> Iterator[Violation]:
        if not self.summary:
            yield REPORT_SUMMARY_EMPTY.violation("/summary", on=self.on)


@attrs.frozen(kw_only=True)
class Task(Validated):
    """
    One work task (工作任务) of a task breakdown table (工作任务分解表).

    Attributes:
        id: The task's number as its table writes it, such as ``12`` or ``3-2``.

        plan: The title of the breakdown table, without its enclosing 《》
            (a converter drops them): ``〈促进人工智能和实体经济深度融合的若干政策措施〉
            2021年工作任务分解表``.

        area: The part of the table the task falls under, such as
            ``创新平台建设``; None when the table has no parts.

        title: What is to be done.

        leads: The lead units (牵头单位), at least one, each once.

        partners: The partner units (配合单位), each once, none of them a lead.

        due: When the task is due: a day, or a month or year (`PartialDate`,
            due by its last day); None when the table sets no date.

        status: Where the task stands (`TaskStatus`).

        reports: The progress reports (进展报告), in date order, none after
            `closed_on`.

        closed_on: The day a completed or cancelled task was closed; None
            for every other status.

        source: Where the record was read (`~gxai_policy.Source`), if known.

            .. versionadded:: 0.3.0

        extras: Payload keys this library does not know, kept for the round trip.

    >>> task = Task(
    ...     id="3-2",
    ...     plan="〈促进人工智能和实体经济深度融合的若干政策措施〉2021年工作任务分解表",
    ...     area="创新平台建设",
    ...     title="启动2021年度新型研发机构的认定工作",
    ...     leads=("自治区科学技术厅",),
    ...     partners=("自治区工业和信息化厅", "自治区大数据发展局"),
    ...     due=PartialDate(2021, 12),
    ...     status=TaskStatus.IN_PROGRESS,
    ...     reports=(ProgressReport(pendulum.Date(2021, 6, 30), "已启动认定工作"),),
    ... )
    >>> task.leads
    ('自治区科学技术厅',)
    >>> attrs.evolve(task, partners=("自治区科学技术厅",))
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error task.unit_lead_and_partner at /partners/0: 自治区科学技术厅 is both a lead unit and a partner

    .. versionadded:: 0.1.0
    """  # noqa: E501

    id: str = attrs.field(converter=_strip, metadata=label("编号", NOT_BLANK))
    plan: str = attrs.field(converter=strip_title_marks, metadata=label("所属文件", NOT_BLANK))
    area: str | None = attrs.field(
        default=None, converter=_strip_optional, metadata=label("领域", NOT_BLANK)
    )
    title: str = attrs.field(converter=_strip, metadata=label("任务", NOT_BLANK))
    leads: tuple[str, ...] = attrs.field(
        converter=_strip_units, metadata=label("牵头单位", NOT_BLANK)
    )
    partners: tuple[str, ...] = attrs.field(
        default=(), converter=_strip_units, metadata=label("配合单位", NOT_BLANK)
    )
    due: pendulum.Date | PartialDate | None = attrs.field(default=None, metadata=label("完成时限"))
    status: TaskStatus = attrs.field(metadata=label("进展状态"))
    reports: tuple[ProgressReport, ...] = attrs.field(
        default=(), converter=_tuple, metadata=label("进展报告")
    )
    closed_on: pendulum.Date | None = attrs.field(default=None, metadata=label("完成日期"))
    source: Source | None = attrs.field(
        default=None, kw_only=True, metadata=label("来源", since(2))
    )
    extras: Extras = attrs.field(default=EMPTY_EXTRAS, repr=False)

    @invariant
    def _id(self) -> Iterator[Violation]:
        if not self.id:
            yield ID_EMPTY.violation("/id")

    @invariant
    def _plan(self) -> Iterator[Violation]:
        if not self.plan:
            yield PLAN_EMPTY.violation("/plan")

    @invariant
    def _title(self) -> Iterator[Violation]:
        if not self.title:
            yield TITLE_EMPTY.violation("/title", id=self.id)

    @invariant
    def _area(self) -> Iterator[Violation]:
        if self.area is not None and not self.area:
            yield AREA_EMPTY.violation("/area", id=self.id)

    @invariant
    def _leads(self) -> Iterator[Violation]:
        if not self.leads:
            yield LEAD_MISSING.violation("/leads", id=self.id)
        yield from self._unit_violations("leads", self.leads, frozenset())

    @invariant
    def _partners(self) -> Iterator[Violation]:
        yield from self._unit_violations("partners", self.partners, frozenset(self.leads))

    def _unit_violations(
        self, name: str, units: tuple[str, ...], leads: frozenset[str]
    ) -> Iterator[Violation]:
        seen: set[str] = set()
        for i, unit in enumerate(units):
            path = f"/{name}/{i}"
            if not unit:
                yield UNIT_EMPTY.violation(path, id=self.id)
            elif unit in leads:
                yield UNIT_LEAD_AND_PARTNER.violation(path, unit=unit)
            elif unit in seen:
                yield UNIT_DUPLICATE.violation(path, unit=unit)
            seen.add(unit)

    @invariant
    def _reports(self) -> Iterator[Violation]:
        previous: pendulum.Date | None = None
        for i, report in enumerate(self.reports):
            path = f"/reports/{i}/on"
            if previous is not None and report.on < previous:
                yield REPORTS_ORDER.violation(path, on=report.on, previous=previous)
            if self.closed_on is not None and report.on > self.closed_on:
                yield REPORT_AFTER_CLOSE.violation(path, on=report.on, closed_on=self.closed_on)
            previous = report.on if previous is None else max(previous, report.on)

    @invariant
    def _closing(self) -> Iterator[Violation]:
        status = {"id": self.id, "status": self.status.value, "status_zh": self.status.label_zh}
        if self.status in _CLOSED and self.closed_on is None:
            yield CLOSED_ON_MISSING.violation("/closed_on", **status)
        elif self.status not in _CLOSED and self.closed_on is not None:
            yield CLOSED_ON_UNEXPECTED.violation("/closed_on", closed_on=self.closed_on, **status)

    def _findings(self, ctx: CheckContext) -> Iterator[Violation]:
        if self.due is None:
            return
        deadline = _last_day(self.due)
        if (
            self.status is TaskStatus.COMPLETED
            and self.closed_on is not None
            and self.closed_on > deadline
        ):
            yield COMPLETED_LATE.violation(
                "/closed_on", id=self.id, due=self.due, closed_on=self.closed_on
            )
        if ctx.as_of is None:
            return
        if self.status not in _CLOSED and ctx.as_of > deadline:
            yield OVERDUE.violation(
                "/due",
                id=self.id,
                due=self.due,
                status=self.status.value,
                status_zh=self.status.label_zh,
                as_of=ctx.as_of,
            )
        yield from self._half_year_findings(ctx.as_of)

    def _half_year_findings(self, as_of: pendulum.Date) -> Iterator[Violation]:
        if self.due is None:
            return
        year = self.due.year
        first, mid = pendulum.Date(year, 1, 1), pendulum.Date(year, 6, 30)
        if as_of <= mid or (self.closed_on is not None and self.closed_on <= mid):
            return
        if not any(first <= report.on <= mid for report in self.reports):
            yield HALF_YEAR_REPORT_MISSING.violation("/reports", id=self.id, year=year)
