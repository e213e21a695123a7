"""
Hypothesis strategies for the programme records: tasks, platforms and scholar posts.

Every strategy yields valid records by construction: dependent fields are
derived from drawn ones (a platform's name from its kind and fields, its
acceptance from its approval, a task's reports from its closing day), never
filtered.  The text comes from the founding letter's vocabulary.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import pendulum
from hypothesis import strategies as st

from gxai_policy.records.platform import LEVELS_BY_KIND, Evaluation, Platform
from gxai_policy.records.scholar import Scholar, five_year_term_ends
from gxai_policy.records.task import ProgressReport, Task
from gxai_policy.strategies._dates import dates
from gxai_policy.strategies._money import moneys
from gxai_policy.strategies._sources import maybe_sources
from gxai_policy.values.codelists import (
    EvaluationGrade,
    PlatformKind,
    PlatformStatus,
    Programme,
    TaskStatus,
)
from gxai_policy.values.dates import PartialDate
from gxai_policy.values.identifiers import RegionCode
from gxai_policy.values.money import Money

__all__ = ["evaluations", "platforms", "progress_reports", "scholars", "tasks"]

T = TypeVar("T")

# --- vocabulary -------------------------------------------------------------

_UNITS = (
    "自治区科学技术厅",
    "自治区工业和信息化厅",
    "自治区大数据发展局",
    "自治区发展和改革委员会",
    "自治区教育厅",
    "自治区财政厅",
    "自治区人力资源和社会保障厅",
    "自治区商务厅",
    "自治区农业农村厅",
    "自治区交通运输厅",
    "各设区市人民政府",
)
_PLAN_SOURCES = (
    "〈促进人工智能和实体经济深度融合的若干政策措施〉",
    "〈广西人工智能产业协同创新实施方案〉",
    "〈“十四五”广西新一代人工智能科技重大专项实施方案〉",
)
_AREAS = (
    "人工智能产业领域协同创新机制",
    "提升产业关键核心技术研发能力",
    "创新平台建设",
    "企业加大研发投入",
    "培育产业集群",
)
_TASK_TITLES = (
    "组织开展广西工程技术研究中心验收工作",
    "启动年度新型研发机构的认定工作",
    "组织开展自治区级科技企业孵化器认定工作",
    "完成科技企业研发奖补审核工作，形成奖补名单并拨付奖补经费",
    "发布《“十四五”广西新一代人工智能科技重大专项实施方案》",
    "支持一批广西科技重大专项和重点研发计划项目",
    "深入实施八桂学者制度，新选聘一批八桂学者",
    "组织面向全区征集人工智能与实体经济融合典型应用场景",
    "指导玉柴集团争创国家级低碳智能动力技术创新中心",
    "面向全区征集人工智能企业信息",
)
_REPORT_SUMMARIES = (
    "各项任务推进半年总结",
    "按计划推进",
    "已完成向领域专家征求意见",
    "已通过厅长办公会审议，待报自治区人民政府审定",
    "已印发实施",
    "已完成验收评审",
    "已形成奖补名单",
)
_FIELDS = (
    "多媒体通信",
    "网络技术",
    "车辆物联监控",
    "机器人与智能装备",
    "卫星导航定位",
    "位置感知与位置服务",
    "智能系统安全",
    "计算机视觉",
    "交通大数据",
    "种植业大数据",
    "智慧旅游",
    "低碳智能动力",
    "视频智能终端芯片",
    "多语种互译",
    "工业互联网",
)
# Host units with the city (GB/T 2260) they are in: plainly fictional (某…,
# 示例…), so that no drawn platform or post claims a fact of a real unit.
_HOSTS = (
    ("某大学", "450300"),
    ("某理工大学", "450100"),
    ("某师范大学", "450300"),
    ("示例大学", "450100"),
    ("某科技大学", "450200"),
    ("某民族大学", "450100"),
    ("示例动力集团有限公司", "450900"),
    ("示例交通投资集团有限公司", "450100"),
    ("示例木业股份有限公司", "450100"),
    ("示例汽车股份有限公司", "450200"),
    ("示例信息港股份有限公司", "450100"),
)
_SCHOLAR_HOSTS = _HOSTS[:6]
# Reserved for examples (RFC 2606): no drawn address reaches anyone.
_EMAIL_DOMAINS = ("example.edu", "example.org", "example.com", "example.net")
# The seven AI posts the founding letter names, and a few more of the field.
_POSTS = (
    "机器人与智能装备",
    "智能化技术研发",
    "信息与通信工程",
    "信息与通信应用技术研发",
    "位置感知与位置服务",
    "卫星导航定位",
    "智能系统的安全理论与技术",
    "人工智能与大数据",
    "智能制造系统",
)
# Common surnames, Guangxi's (韦, 覃, 蒙, 黎) among them.
_SURNAMES = "王李张刘陈杨黄赵周吴韦覃蒙黎莫梁"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂宁"
_PINYIN = ("wang", "li", "zhang", "liu", "chen", "yang", "huang", "wei", "qin", "meng")

_CLOSED = (TaskStatus.COMPLETED, TaskStatus.CANCELLED)
# Statuses that need an acceptance day, and those that may have one.
_ACCEPTED = (PlatformStatus.RECOGNISED, PlatformStatus.OPERATING, PlatformStatus.RECTIFYING)
_MAYBE_ACCEPTED = (PlatformStatus.CONVERTED, PlatformStatus.REVOKED)

_MIN_YEAR = 2010
_MAX_YEAR = 2030


def _pick(draw: st.DrawFn, options: Sequence[T]) -> T:
    """
    One of *options*, drawn with a strategy built once (strategies built per draw cost time).
    """
    return options[draw(_INDEX) % len(options)]


def _day_between(draw: st.DrawFn, first: pendulum.Date, last: pendulum.Date) -> pendulum.Date:
    # An offset from a fixed strategy, folded into the span: the span depends on
    # earlier draws, and a strategy built per draw is slow.
    return first.add(days=draw(_OFFSET) % ((last - first).in_days() + 1))


_INDEX = st.integers(0, 2**16)
_OFFSET = st.integers(0, 2 * 366)
_SUMMARIES = st.sampled_from(_REPORT_SUMMARIES)


# --- tasks ------------------------------------------------------------------


def progress_reports(
    *, min_year: int = _MIN_YEAR, max_year: int = _MAX_YEAR
) -> st.SearchStrategy[ProgressReport]:
    """
    Progress reports (`ProgressReport`) dated from *min_year* to *max_year*.

    >>> from hypothesis import find
    >>> find(progress_reports(min_year=2021, max_year=2021), lambda r: True).on.year
    2021
    >>> progress_reports(min_year=2030, max_year=2020)
    Traceback (most recent call last):
      ...
    ValueError: need 1900 <= min_year <= max_year <= 2100, got 2030, 2020
    """
    return st.builds(ProgressReport, dates(min_year=min_year, max_year=max_year), _SUMMARIES)


_TASK_YEARS = st.integers(2018, 2026)
_TASK_STATUSES = st.sampled_from(TaskStatus)
_UNIT_ORDERS = st.permutations(_UNITS)
_LEAD_COUNTS = st.integers(1, 2)
_PARTNER_COUNTS = st.integers(0, 4)
_REPORT_COUNTS = st.integers(0, 3)
_TASK_IDS = st.one_of(
    st.integers(1, 60).map(str),
    st.builds("{}-{}".format, st.integers(1, 12), st.integers(1, 9)),
)
_PLAN_SOURCES_ST = st.sampled_from(_PLAN_SOURCES)
_AREAS_ST = st.none() | st.sampled_from(_AREAS)
_TITLES = st.sampled_from(_TASK_TITLES)
_DUE_FORMS = st.sampled_from(("none", "year", "month", "day"))
_MONTHS = st.integers(1, 12)


def _due(draw: st.DrawFn, year: int) -> pendulum.Date | PartialDate | None:
    form = draw(_DUE_FORMS)
    if form == "none":
        return None
    if form == "year":
        return PartialDate(year)
    if form == "month":
        return PartialDate(year, draw(_MONTHS))
    return _day_between(draw, pendulum.Date(year, 1, 1), pendulum.Date(year, 12, 31))


@st.composite
def _tasks(draw: st.DrawFn, statuses: st.SearchStrategy[TaskStatus]) -> Task:
    year = draw(_TASK_YEARS)
    status = draw(statuses)
    units = draw(_UNIT_ORDERS)
    n_leads = draw(_LEAD_COUNTS)
    n_partners = draw(_PARTNER_COUNTS)
    first, last = pendulum.Date(year, 1, 1), pendulum.Date(year + 1, 12, 31)
    closed_on = _day_between(draw, first, last) if status in _CLOSED else None
    last = last if closed_on is None else closed_on
    days = sorted(_day_between(draw, first, last) for _ in range(draw(_REPORT_COUNTS)))
    return Task(
        id=draw(_TASK_IDS),
        plan=f"{draw(_PLAN_SOURCES_ST)}{year}年工作任务分解表",
        area=draw(_AREAS_ST),
        title=draw(_TITLES),
        leads=tuple(units[:n_leads]),
        partners=tuple(units[n_leads : n_leads + n_partners]),
        due=_due(draw, year),
        status=status,
        reports=tuple(ProgressReport(day, draw(_SUMMARIES)) for day in days),
        closed_on=closed_on,
        source=draw(maybe_sources()),
    )


def tasks(*, status: TaskStatus | None = None) -> st.SearchStrategy[Task]:
    """
    Work tasks (`Task`) of a breakdown table, with units, due dates and progress reports.

    Args:
        status: Only tasks with this status; any status when None.

    >>> from hypothesis import find, settings
    >>> find(tasks(status=TaskStatus.COMPLETED), lambda t: True).closed_on is not None
    True
    >>> find(tasks(status=TaskStatus.IN_PROGRESS), lambda t: t.closed_on is not None,
    ...      settings=settings(max_examples=20))
    Traceback (most recent call last):
      ...
    hypothesis.errors.NoSuchExample: No examples found of condition lambda t: t.closed_on is not None
    """  # noqa: E501
    return _tasks(_TASK_STATUSES if status is None else st.just(status))


# --- platforms --------------------------------------------------------------


def evaluations(
    *, min_year: int = _MIN_YEAR, max_year: int = _MAX_YEAR
) -> st.SearchStrategy[Evaluation]:
    """
    Platform evaluations (`Evaluation`) from *min_year* to *max_year*.

    >>> from hypothesis import find, settings
    >>> find(evaluations(), lambda e: e.grade is EvaluationGrade.RECTIFY).grade.label_zh
    '整改'
    >>> find(evaluations(min_year=2020, max_year=2021), lambda e: e.year == 2019,
    ...      settings=settings(max_examples=20))
    Traceback (most recent call last):
      ...
    hypothesis.errors.NoSuchExample: No examples found of condition lambda e: e.year == 2019
    """
    return st.builds(Evaluation, st.integers(min_year, max_year), _GRADES)


_GRADES = st.sampled_from(EvaluationGrade)
_KINDS = st.sampled_from(PlatformKind)
_PLATFORM_STATUSES = st.sampled_from(PlatformStatus)
_FIELD_LISTS = st.lists(st.sampled_from(_FIELDS), min_size=1, max_size=3, unique=True)
_HOSTS_ST = st.sampled_from(_HOSTS)
_APPROVALS = st.none() | dates(min_year=_MIN_YEAR, max_year=2025)
_ACCEPTANCES = dates(min_year=_MIN_YEAR, max_year=2025)
_ACCEPTANCE_DELAYS = st.integers(0, 4 * 366)
_EVALUATION_YEARS = st.lists(st.integers(0, 10), unique=True, max_size=3)
_BOOLEANS = st.booleans()


def _platform_name(kind: PlatformKind, subject: str, city: str) -> str:
    names = {
        PlatformKind.KEY_LABORATORY: f"广西{subject}重点实验室",
        PlatformKind.ENGINEERING_CENTRE: f"广西{subject}工程技术研究中心",
        PlatformKind.NATIONAL_INNOVATION_CENTRE: f"国家{subject}技术创新中心",
        PlatformKind.INNOVATION_CENTRE: f"广西{subject}技术创新中心",
        PlatformKind.NEW_RD_INSTITUTION: f"广西{subject}产业技术研究院",
        PlatformKind.INCUBATOR: f"{city}{subject}科技企业孵化器",
        PlatformKind.NATIONAL_KEY_LABORATORY: f"{subject}全国重点实验室",
    }
    return names[kind]


@st.composite
def _platforms(draw: st.DrawFn, kinds: st.SearchStrategy[PlatformKind]) -> Platform:
    kind = draw(kinds)
    level = _pick(draw, sorted(LEVELS_BY_KIND[kind]))
    fields = draw(_FIELD_LISTS)
    host, city_code = draw(_HOSTS_ST)
    city = RegionCode(city_code)
    status = draw(_PLATFORM_STATUSES)
    approved_on = draw(_APPROVALS)
    accepted_on = None
    if status in _ACCEPTED or (status in _MAYBE_ACCEPTED and draw(_BOOLEANS)):
        if approved_on is None:
            accepted_on = draw(_ACCEPTANCES)
        else:
            accepted_on = approved_on.add(days=draw(_ACCEPTANCE_DELAYS))
    found: tuple[Evaluation, ...] = ()
    if accepted_on is not None:
        years = sorted(accepted_on.year + offset for offset in draw(_EVALUATION_YEARS))
        found = tuple(Evaluation(year, draw(_GRADES)) for year in years)
    return Platform(
        # The city's name without 市: 桂林市 → 桂林.
        name=_platform_name(kind, "与".join(fields[:2]), (city.name or "")[:-1]),
        kind=kind,
        level=level,
        fields=tuple(fields),
        host=host,
        city=city if draw(_BOOLEANS) else None,
        status=status,
        approved_on=approved_on,
        accepted_on=accepted_on,
        evaluations=found,
        source=draw(maybe_sources()),
    )


def platforms(*, kind: PlatformKind | None = None) -> st.SearchStrategy[Platform]:
    """
    Innovation platforms (`Platform`), named after their fields and kind.

    Args:
        kind: Only platforms of this kind; any kind when None.

    >>> from hypothesis import find, settings
    >>> lab = find(platforms(kind=PlatformKind.KEY_LABORATORY), lambda p: True)
    >>> lab.name.endswith("重点实验室")
    True
    >>> find(platforms(kind=PlatformKind.KEY_LABORATORY),
    ...      lambda p: p.level.value == "national", settings=settings(max_examples=20))
    Traceback (most recent call last):
      ...
    hypothesis.errors.NoSuchExample: No examples found of condition lambda p: ...
    """
    return _platforms(_KINDS if kind is None else st.just(kind))


# --- scholars ---------------------------------------------------------------

_PEOPLE = st.builds(
    lambda surname, given: surname + "".join(given),
    st.sampled_from(_SURNAMES),
    st.lists(st.sampled_from(_GIVEN), min_size=1, max_size=2),
)
_PHONES = st.one_of(
    st.builds(
        "{}-{}".format,
        st.sampled_from(("0771", "0772", "0773", "0775")),
        st.integers(2_000_000, 8_999_999),
    ),
    st.integers(13_000_000_000, 19_999_999_999).map(str),
)
_EMAILS = st.builds(
    "{}{}@{}".format,
    st.sampled_from(_PINYIN),
    st.integers(1, 999),
    st.sampled_from(_EMAIL_DOMAINS),
)
# Yearly funding as the programme states it (60万元 research support, 20万元
# post allowance), or any amount of that order.
_FUNDING = st.none() | st.sampled_from((Money(200_000), Money(600_000), Money(800_000)))
_FUNDING |= moneys(min_yuan=50_000, max_yuan=2_000_000)
_PROGRAMMES = st.sampled_from(Programme)
_TERM_STARTS = dates(min_year=2012, max_year=2026)
_YOUNG_TERMS = st.integers(3, 5)
_SCHOLAR_HOSTS_ST = st.sampled_from(_SCHOLAR_HOSTS)
_FIELDS_ST = st.sampled_from(_FIELDS)
_POSTS_ST = st.sampled_from(_POSTS)
_HOLDERS = st.none() | _PEOPLE
_OPTIONAL_PHONES = st.none() | _PHONES
_OPTIONAL_EMAILS = st.none() | _EMAILS


@st.composite
def _scholars(draw: st.DrawFn) -> Scholar:
    programme = draw(_PROGRAMMES)
    start = draw(_TERM_STARTS)
    if programme is Programme.BAGUI_SCHOLAR:
        end = _pick(draw, five_year_term_ends(start))
    else:
        end = start.add(years=draw(_YOUNG_TERMS)).subtract(days=1)
    host, _ = draw(_SCHOLAR_HOSTS_ST)
    field = draw(_FIELDS_ST)
    platform = _pick(draw, (None, f"广西{field}重点实验室", f"广西{field}工程技术研究中心"))
    return Scholar(
        programme=programme,
        post=draw(_POSTS_ST),
        holder=draw(_HOLDERS),
        host=host,
        host_platform=platform,
        term_start=start,
        term_end=end,
        funding_per_year=draw(_FUNDING),
        phone=draw(_OPTIONAL_PHONES),
        email=draw(_OPTIONAL_EMAILS),
        source=draw(maybe_sources()),
    )


def scholars() -> st.SearchStrategy[Scholar]:
    """
    八桂学者 and 八桂青年学者 posts (`Scholar`), 八桂学者 ones with five-year terms.

    >>> from hypothesis import find, settings
    >>> find(scholars(), lambda s: s.programme is Programme.BAGUI_SCHOLAR).term_years()
    5
    >>> find(scholars(), lambda s: s.term_end <= s.term_start,
    ...      settings=settings(max_examples=20))
    Traceback (most recent call last):
      ...
    hypothesis.errors.NoSuchExample: No examples found of condition lambda s: ...
    """
    return _scholars()
