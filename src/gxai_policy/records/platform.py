"""
Innovation platforms (创新平台): key laboratories, engineering centres, incubators and the like.

The founding letter counts 32 autonomous-region AI platforms at the end of
2020, 21 of them new in the 十三五 period: 6 key laboratories such as
广西多媒体通信与网络技术重点实验室 and 15 engineering centres such as
广西车辆物联监控工程技术研究中心 (4 of them still under construction, 组建).

>>> lab = Platform(
...     name="某重点实验室",
...     kind=PlatformKind.KEY_LABORATORY,
...     level=PlatformLevel.AUTONOMOUS_REGION,
...     host="某大学",
...     status=PlatformStatus.OPERATING,
...     approved_on=pendulum.Date(2016, 12, 1),
...     accepted_on=pendulum.Date(2018, 12, 1),
... )
>>> lab.plan_period()
<PlanPeriod.FYP13: 'fyp13'>
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Final

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
from gxai_policy.records._convert import strip_each as _strip_each
from gxai_policy.records._convert import strip_optional as _strip_optional
from gxai_policy.records.source import Source
from gxai_policy.rules import Trigger, define
from gxai_policy.values._labels import label
from gxai_policy.values.codelists import (
    EvaluationGrade,
    PlatformKind,
    PlatformLevel,
    PlatformStatus,
)
from gxai_policy.values.dates import DATE_OUT_OF_RANGE, MAX_YEAR, MIN_YEAR, PlanPeriod
from gxai_policy.values.identifiers import RegionCode

__all__ = ["LEVELS_BY_KIND", "Evaluation", "Platform"]

_SOURCE = "reply 20210143 (自治区科学技术厅, 2021), 一（三） 创新平台建设情况"
_SOURCE_MGMT = "自治区科技创新平台管理办法 (组建、验收/认定、运行、评估、整改、转建、撤销)"

_AR = PlatformLevel.AUTONOMOUS_REGION

#: The levels a platform of each kind can have.
#:
#: - 自治区重点实验室 and 广西工程技术研究中心 are recognised by the autonomous
#:   region; 国家技术创新中心 and 国家重点实验室 (全国重点实验室) by the State.
#: - 技术创新中心 without 国家 is the autonomous region's or a city's (the
#:   national ones are their own kind).
#: - 新型研发机构 are recognised by the autonomous region or a city; there is
#:   no national recognition.
#: - 科技企业孵化器 exist at all three levels (国家级, 自治区级, 市级).
LEVELS_BY_KIND: Final[Mapping[PlatformKind, frozenset[PlatformLevel]]] = MappingProxyType(
    {
        PlatformKind.KEY_LABORATORY: frozenset({_AR}),
        PlatformKind.ENGINEERING_CENTRE: frozenset({_AR}),
        PlatformKind.NATIONAL_INNOVATION_CENTRE: frozenset({PlatformLevel.NATIONAL}),
        PlatformKind.NATIONAL_KEY_LABORATORY: frozenset({PlatformLevel.NATIONAL}),
        PlatformKind.INNOVATION_CENTRE: frozenset({_AR, PlatformLevel.CITY}),
        PlatformKind.NEW_RD_INSTITUTION: frozenset({_AR, PlatformLevel.CITY}),
        PlatformKind.INCUBATOR: frozenset(PlatformLevel),
    }
)

# The endings of a platform's name that say its kind, longest first; a name
# ending otherwise (研究院, 众创空间 …) says nothing the kind could contradict.
_NAME_ENDINGS: Final = (
    ("工程技术研究中心", frozenset({PlatformKind.ENGINEERING_CENTRE})),
    (
        "技术创新中心",
        frozenset({PlatformKind.INNOVATION_CENTRE, PlatformKind.NATIONAL_INNOVATION_CENTRE}),
    ),
    (
        "重点实验室",
        frozenset({PlatformKind.KEY_LABORATORY, PlatformKind.NATIONAL_KEY_LABORATORY}),
    ),
    ("孵化器", frozenset({PlatformKind.INCUBATOR})),
)

# Statuses reached only through acceptance (验收/认定), so they have its day;
# converted (转建) and revoked (撤销) platforms may never have been accepted.
_ACCEPTED = frozenset(
    {PlatformStatus.RECOGNISED, PlatformStatus.OPERATING, PlatformStatus.RECTIFYING}
)

#: A valid minimal wire payload; each rule's example breaks it in one place.
_EXAMPLE: dict[str, object] = {
    "name": "某重点实验室",
    "kind": "key_laboratory",
    "level": "autonomous_region",
    "host": "某大学",
    "status": "under_construction",
}
_OPERATING: dict[str, object] = _EXAMPLE | {
    "status": "operating",
    "approved_on": "2016-12-01",
    "accepted_on": "2018-12-01",
}

NAME_EMPTY = define(
    "platform.name_empty",
    applies_to="Platform",
    summary="A platform has a name.",
    summary_zh="平台须有名称。",
    source=_SOURCE,
    example=_EXAMPLE | {"name": ""},
    trigger=Trigger.LOAD,
    message="the platform has no name",
    message_zh="平台没有名称",
)
HOST_EMPTY = define(
    "platform.host_empty",
    applies_to="Platform",
    summary="A platform's host unit (依托单位), when given, is not blank.",
    summary_zh="平台的依托单位如填写，不能为空白。",
    source=_SOURCE,
    example=_EXAMPLE | {"host": "　"},
    trigger=Trigger.LOAD,
    message="{name} names no host unit",
    message_zh="{name}未写明依托单位",
)
FIELD_EMPTY = define(
    "platform.field_empty",
    applies_to="Platform",
    summary="A research field of a platform is named, never blank.",
    summary_zh="平台的研究方向须写明，不能为空白。",
    source=_SOURCE,
    example=_EXAMPLE | {"fields": [""]},
    trigger=Trigger.LOAD,
    message="a research field of {name} is blank",
    message_zh="{name}的研究方向为空白",
)
FIELD_DUPLICATE = define(
    "platform.field_duplicate",
    applies_to="Platform",
    summary="A research field is listed once.",
    summary_zh="同一研究方向只列一次。",
    source=_SOURCE,
    example=_EXAMPLE | {"fields": ["多媒体通信", "多媒体通信"]},
    trigger=Trigger.LOAD,
    message="research field {field} is listed twice",
    message_zh="研究方向“{field}”重复列出",
)
KIND_LEVEL = define(
    "platform.kind_level",
    applies_to="Platform",
    summary=(
        "A platform's level fits its kind: 自治区重点实验室 and 广西工程技术研究中心 are "
        "autonomous-region platforms, 国家技术创新中心 and 国家重点实验室 national ones."
    ),
    summary_zh=(
        "平台级别须与类型相符：自治区重点实验室、广西工程技术研究中心为自治区级，"
        "国家技术创新中心、国家重点实验室为国家级。"
    ),
    source=_SOURCE_MGMT,
    example=_EXAMPLE | {"level": "national"},
    trigger=Trigger.LOAD,
    message="kind {kind} ({kind_zh}) is never {level}: it is {allowed}",
    message_zh="{kind_zh}不能是{level_zh}平台（应为{allowed_zh}）",
)
ACCEPTED_BEFORE_APPROVED = define(
    "platform.accepted_before_approved",
    applies_to="Platform",
    summary=(
        "A platform is accepted or recognised (验收/认定) no earlier than it was "
        "approved (批准组建)."
    ),
    summary_zh="平台验收/认定日期不早于批准组建日期。",
    source=_SOURCE_MGMT,
    example=_OPERATING | {"accepted_on": "2015-12-01"},
    trigger=Trigger.LOAD,
    message="{name} was accepted on {accepted_on}, before its approval on {approved_on}",
    message_zh="{name}的验收/认定日期{accepted_on}早于批准组建日期{approved_on}",
)
ACCEPTED_ON_MISSING = define(
    "platform.accepted_on_missing",
    applies_to="Platform",
    summary="A recognised, operating or rectifying platform says when it was accepted (验收/认定).",
    summary_zh="已验收/认定、运行中或整改中的平台须写明验收/认定日期。",
    source=_SOURCE_MGMT,
    example=_EXAMPLE | {"status": "operating"},
    trigger=Trigger.LOAD,
    message="{name} is {status} but has no accepted_on date",
    message_zh="{name}状态为“{status_zh}”，但没有验收/认定日期",
)
ACCEPTED_ON_UNEXPECTED = define(
    "platform.accepted_on_unexpected",
    applies_to="Platform",
    summary="A platform under construction (组建) has not been accepted yet.",
    summary_zh="组建中的平台尚未验收/认定，不应有验收/认定日期。",
    source=_SOURCE_MGMT,
    example=_EXAMPLE | {"accepted_on": "2018-12-01"},
    trigger=Trigger.LOAD,
    message="{name} is under construction but was accepted on {accepted_on}",
    message_zh="{name}处于组建阶段，却有验收/认定日期{accepted_on}",
)
EVALUATION_DUPLICATE = define(
    "platform.evaluation_duplicate",
    applies_to="Platform",
    summary="A platform is evaluated at most once a year.",
    summary_zh="平台每年至多评估一次。",
    source=_SOURCE_MGMT,
    example=_OPERATING
    | {"evaluations": [{"year": 2020, "grade": "good"}, {"year": 2020, "grade": "pass"}]},
    trigger=Trigger.LOAD,
    message="{name} has two evaluations in {year}",
    message_zh="{name}在{year}年有两次评估",
)
EVALUATION_ORDER = define(
    "platform.evaluation_order",
    applies_to="Platform",
    summary="A platform's evaluations are listed by year, earliest first.",
    summary_zh="平台的评估按年份先后排列。",
    source=_SOURCE_MGMT,
    example=_OPERATING
    | {"evaluations": [{"year": 2021, "grade": "good"}, {"year": 2019, "grade": "pass"}]},
    trigger=Trigger.LOAD,
    message="the evaluation of {year} comes after the evaluation of {previous}",
    message_zh="{year}年的评估排在{previous}年的评估之后",
)
EVALUATION_BEFORE_APPROVAL = define(
    "platform.evaluation_before_approval",
    applies_to="Platform",
    summary="No evaluation of a platform is older than the year it was approved.",
    summary_zh="平台的评估年份不早于批准组建的年份。",
    source=_SOURCE_MGMT,
    example=_OPERATING | {"evaluations": [{"year": 2015, "grade": "good"}]},
    trigger=Trigger.LOAD,
    message="{name} was evaluated in {year}, before its approval in {approved}",
    message_zh="{name}在{year}年接受评估，早于{approved}年批准组建",
)
NAME_KIND = define(
    "platform.name_kind",
    applies_to="Platform",
    severity=Severity.WARNING,
    summary=(
        "A platform's name does not contradict its kind (a name ending in 重点实验室 is "
        "a key laboratory, not an engineering centre)."
    ),
    summary_zh="平台名称不应与类型矛盾（以“重点实验室”结尾的是重点实验室，而非工程技术研究中心）。",
    source=_SOURCE,
    example=_EXAMPLE | {"kind": "engineering_centre"},
    trigger=Trigger.CHECK,
    message="{name} is named like a {ending} but its kind is {kind} ({kind_zh})",
    message_zh="{name}的名称表明是“{ending}”，但类型为{kind_zh}",
)


def _tuple(values: Iterable[Evaluation]) -> tuple[Evaluation, ...]:
    try:
        return tuple(values)
    except TypeError:
        return values  # type: ignore[return-value]


def _without_remark(name: str) -> str:
    # Lists add a remark in brackets after the name: …工程技术研究中心（组建）.
    if name.endswith((")", "）")):
        cut = max(name.rfind("("), name.rfind("（"))
        if cut > 0:
            return name[:cut].rstrip()
    return name


def _name_ending(name: str) -> tuple[str, frozenset[PlatformKind]] | None:
    core = _without_remark(name)
    for ending, kinds in _NAME_ENDINGS:
        if core.endswith(ending):
            return ending, kinds
    return None


@attrs.frozen
class Evaluation(Validated):
    """
    The result of one periodic evaluation (评估) of a platform.

    Attributes:
        year: The year of the evaluation, 1900–2100.

        grade: Its grade (`EvaluationGrade`): 优秀, 良好, 合格 or 整改.

    >>> Evaluation(2020, EvaluationGrade.GOOD).grade.label_zh
    '良好'
    >>> Evaluation(20, EvaluationGrade.GOOD)
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error date.out_of_range at /year: year 20 is outside 1900–2100

    .. versionadded:: 0.1.0
    """  # noqa: E501

    year: int = attrs.field(metadata=label("年度"))
    grade: EvaluationGrade = attrs.field(metadata=label("等级"))

    extras: Extras = attrs.field(default=EMPTY_EXTRAS, repr=False, kw_only=True)

    @invariant
    def _year(self) -> Iterator[Violation]:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            yield DATE_OUT_OF_RANGE.violation("/year", year=self.year, low=MIN_YEAR, high=MAX_YEAR)


@attrs.frozen(kw_only=True)
class Platform(Validated):
    """
    An innovation platform (创新平台) and where it stands in its life cycle.

    A platform is approved for construction (批准组建), then accepted or
    recognised (验收/认定), then operates and is evaluated (评估) from time to
    time; an evaluation may order rectification (整改), and conversion (转建)
    or revocation (撤销) ends it.

    Attributes:
        name: The platform's name, such as ``某重点实验室``.

        kind: What it is (`PlatformKind`).

        level: Who recognised it (`PlatformLevel`); it must fit the kind
            (see `LEVELS_BY_KIND`).

        fields: Its research fields (研究方向), such as ``多媒体通信``, each once.

        host: The host unit (依托单位), such as ``某大学``; None when
            unknown (reply letters often name a platform without its host).

        city: The city (设区市) it is in, a GB/T 2260 code; None when unknown.

        status: Where it stands (`PlatformStatus`).

        approved_on: The day it was approved for construction (批准组建); None
            when unknown.

        accepted_on: The day it was accepted or recognised (验收/认定), not
            before `approved_on`; required once it is recognised, operating
            or rectifying, refused while it is under construction.

        evaluations: Its evaluations, one a year at most, in year order, none
            before the year of `approved_on`.

        source: Where the record was read (`~gxai_policy.Source`), if known.

            .. versionadded:: 0.3.0

        extras: Payload keys this library does not know, kept for the round trip.

    >>> centre = Platform(
    ...     name="某工程技术研究中心",
    ...     kind=PlatformKind.ENGINEERING_CENTRE,
    ...     level=PlatformLevel.AUTONOMOUS_REGION,
    ...     fields=("车辆物联监控",),
    ...     host="某大学",
    ...     city=RegionCode("450300"),
    ...     status=PlatformStatus.UNDER_CONSTRUCTION,
    ...     approved_on=pendulum.Date(2019, 11, 20),
    ... )
    >>> centre.city
    <RegionCode 450300 桂林市>
    >>> attrs.evolve(centre, level=PlatformLevel.NATIONAL)
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error platform.kind_level at /level: kind engineering_centre (广西工程技术研究中心) is never national: it is autonomous_region

    .. versionadded:: 0.1.0
    """  # noqa: E501

    name: str = attrs.field(converter=_strip, metadata=label("平台名称", NOT_BLANK))
    kind: PlatformKind = attrs.field(metadata=label("类型"))
    level: PlatformLevel = attrs.field(metadata=label("级别"))
    fields: tuple[str, ...] = attrs.field(
        default=(), converter=_strip_each, metadata=label("研究方向", NOT_BLANK)
    )
    host: str | None = attrs.field(
        default=None, converter=_strip_optional, metadata=label("依托单位", NOT_BLANK)
    )
    city: RegionCode | None = attrs.field(default=None, metadata=label("所在城市"))
    status: PlatformStatus = attrs.field(metadata=label("状态"))
    approved_on: pendulum.Date | None = attrs.field(default=None, metadata=label("批准日期"))
    accepted_on: pendulum.Date | None = attrs.field(default=None, metadata=label("验收日期"))
    evaluations: tuple[Evaluation, ...] = attrs.field(
        default=(), converter=_tuple, metadata=label("评估")
    )
    source: Source | None = attrs.field(
        default=None, kw_only=True, metadata=label("来源", since(2))
    )
    extras: Extras = attrs.field(default=EMPTY_EXTRAS, repr=False)

    @invariant
    def _name(self) -> Iterator[Violation]:
        if not self.name:
            yield NAME_EMPTY.violation("/name")

    @invariant
    def _host(self) -> Iterator[Violation]:
        if self.host is not None and not self.host:
            yield HOST_EMPTY.violation("/host", name=self.name)

    @invariant
    def _fields(self) -> Iterator[Violation]:
        seen: set[str] = set()
        for i, research_field in enumerate(self.fields):
            if not research_field:
                yield FIELD_EMPTY.violation(f"/fields/{i}", name=self.name)
            elif research_field in seen:
                yield FIELD_DUPLICATE.violation(f"/fields/{i}", field=research_field)
            seen.add(research_field)

    @invariant
    def _level(self) -> Iterator[Violation]:
        allowed = LEVELS_BY_KIND[self.kind]
        if self.level not in allowed:
            ordered = [level for level in PlatformLevel if level in allowed]
            yield KIND_LEVEL.violation(
                "/level",
                kind=self.kind.value,
                kind_zh=self.kind.label_zh,
                level=self.level.value,
                level_zh=self.level.label_zh,
                allowed=" or ".join(level.value for level in ordered),
                allowed_zh="或".join(level.label_zh for level in ordered),
            )

    @invariant
    def _acceptance(self) -> Iterator[Violation]:
        params = {
            "name": self.name,
            "status": self.status.value,
            "status_zh": self.status.label_zh,
            "accepted_on": self.accepted_on,
            "approved_on": self.approved_on,
        }
        if self.accepted_on is None:
            if self.status in _ACCEPTED:
                yield ACCEPTED_ON_MISSING.violation("/accepted_on", **params)
            return
        if self.status is PlatformStatus.UNDER_CONSTRUCTION:
            yield ACCEPTED_ON_UNEXPECTED.violation("/accepted_on", **params)
        if self.approved_on is not None and self.accepted_on < self.approved_on:
            yield ACCEPTED_BEFORE_APPROVED.violation("/accepted_on", **params)

    @invariant
    def _evaluation_order(self) -> Iterator[Violation]:
        previous: int | None = None
        for i, evaluation in enumerate(self.evaluations):
            path = f"/evaluations/{i}/year"
            year = evaluation.year
            if previous is not None and year == previous:
                yield EVALUATION_DUPLICATE.violation(path, name=self.name, year=year)
            elif previous is not None and year < previous:
                yield EVALUATION_ORDER.violation(path, year=year, previous=previous)
            previous = year if previous is None else max(previous, year)

    @invariant
    def _evaluations_after_approval(self) -> Iterator[Violation]:
        if self.approved_on is None:
            return
        approved = self.approved_on.year
        for i, evaluation in enumerate(self.evaluations):
            if evaluation.year < approved:
                yield EVALUATION_BEFORE_APPROVAL.violation(
                    f"/evaluations/{i}/year",
                    name=self.name,
                    year=evaluation.year,
                    approved=approved,
                )

    def _findings(self, ctx: CheckContext) -> Iterator[Violation]:  # noqa: ARG002 - no dated finding yet
        ending = _name_ending(self.name)
        if ending is not None and self.kind not in ending[1]:
            yield NAME_KIND.violation(
                "/kind",
                name=self.name,
                ending=ending[0],
                kind=self.kind.value,
                kind_zh=self.kind.label_zh,
            )

    def plan_period(self) -> PlanPeriod | None:
        """
        The five-year plan period (十三五, 十四五 …) the platform was approved in.

        Returns:
            The period `approved_on` falls in; None when it is unknown or
            outside 2016–2030.

        >>> lab = Platform(
        ...     name="某重点实验室",
        ...     kind=PlatformKind.KEY_LABORATORY,
        ...     level=PlatformLevel.AUTONOMOUS_REGION,
        ...     host="某大学",
        ...     status=PlatformStatus.UNDER_CONSTRUCTION,
        ...     approved_on=pendulum.Date(2021, 3, 1),
        ... )
        >>> lab.plan_period().label_zh
        '十四五'
        >>> attrs.evolve(lab, approved_on=None).plan_period() is None
        True
        """
        return None if self.approved_on is None else PlanPeriod.of(self.approved_on)
