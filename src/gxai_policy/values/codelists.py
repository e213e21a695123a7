"""
Codelists: closed sets of domain codes with stable English values and zh/en labels.

A member's value (``"lead"``, ``"key_laboratory"``) is what the wire format
and the JSON Schema carry; its labels are what documents and people write.
`~gxai_policy.values._codelist.Codelist.from_label` reads a value, either
label or a listed alias.  `CODELISTS` lists every codelist of this module.

>>> ProposalKind.from_label("建议")
<ProposalKind.SUGGESTION: 'suggestion'>
>>> ProposalKind.SUGGESTION.label_zh
'建议'
>>> HandlingRole.from_label("协办")
<HandlingRole.CO: 'co'>
>>> ProposalKind.from_label("议案")
Traceback (most recent call last):
  ...
gxai_policy.errors.ValidationError: error codelist.unknown_label at /: '议案' is not one of ...
"""

from __future__ import annotations

from gxai_policy.values._codelist import Codelist, label

__all__ = [
    "CODELISTS",
    "Body",
    "EvaluationGrade",
    "Feedback",
    "HandlingRole",
    "PlatformKind",
    "PlatformLevel",
    "PlatformStatus",
    "Programme",
    "ProposalKind",
    "ProposalStatus",
    "RecipientKind",
    "ReplyCategory",
    "ScenarioDomain",
    "SubsidyKind",
    "TaskStatus",
    "ValidityCounting",
]


class ProposalKind(Codelist):
    """
    What a proposal is: a CPPCC proposal (提案) or an NPC suggestion (建议).
    """

    PROPOSAL = "proposal"
    SUGGESTION = "suggestion"


label(
    ProposalKind,
    {
        ProposalKind.PROPOSAL: ("提案", "CPPCC proposal"),
        ProposalKind.SUGGESTION: ("建议", "NPC suggestion"),
    },
    aliases={"议案建议": ProposalKind.SUGGESTION, "代表建议": ProposalKind.SUGGESTION},
)


class Body(Codelist):
    """
    The body a session belongs to: the CPPCC (政协) or the NPC (人大).
    """

    CPPCC = "cppcc"
    NPC = "npc"


label(
    Body,
    {
        Body.CPPCC: ("政协", "CPPCC"),
        Body.NPC: ("人大", "NPC"),
    },
    aliases={"人民政协": Body.CPPCC, "人民代表大会": Body.NPC},
)


class HandlingRole(Codelist):
    """
    How a unit takes part in handling a proposal (办理方式).

    - ``lead`` (主办): leads the handling and replies once, copying the co-handlers.
    - ``co`` (会办, also written 协办): contributes to the lead unit's reply.
    - ``separate`` (分办): one of several units that each reply separately.
    - ``sole`` (独办): the only unit handling the proposal.
    - ``merged`` (并案): handles proposals on one subject together, in one reply.

    >>> HandlingRole.from_label("主办")
    <HandlingRole.LEAD: 'lead'>
    >>> HandlingRole.from_label("督办")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error codelist.unknown_label at /: ...
    """

    LEAD = "lead"
    CO = "co"
    SEPARATE = "separate"
    SOLE = "sole"
    MERGED = "merged"


label(
    HandlingRole,
    {
        HandlingRole.LEAD: ("主办", "lead handler"),
        HandlingRole.CO: ("会办", "co-handler"),
        HandlingRole.SEPARATE: ("分办", "separate handler"),
        HandlingRole.SOLE: ("独办", "sole handler"),
        HandlingRole.MERGED: ("并案", "merged handling"),
    },
    aliases={
        "协办": HandlingRole.CO,
        "主办单位": HandlingRole.LEAD,
        "会办单位": HandlingRole.CO,
        "协办单位": HandlingRole.CO,
        "分办单位": HandlingRole.SEPARATE,
        "并案办理": HandlingRole.MERGED,
    },
)


class ReplyCategory(Codelist):
    """
    The outcome class a reply letter declares (办理结果分类), kept as its letter.

    The three-class form uses A, B and C; the four-class form adds D.

    - ``A`` (已解决或采纳): solved or adopted.
    - ``B`` (正在解决或列入计划): being solved or planned.
    - ``C`` (留作参考): kept for reference.
    - ``D`` (因条件限制等原因无法解决): cannot be solved for now (four-class form).

    >>> ReplyCategory.from_label("A类")
    <ReplyCategory.A: 'A'>
    >>> ReplyCategory.from_label("E")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error codelist.unknown_label at /: ...
    """

    A = "A"
    B = "B"
    C = "C"
    D = "D"


label(
    ReplyCategory,
    {
        ReplyCategory.A: ("已解决或采纳", "solved or adopted"),
        ReplyCategory.B: ("正在解决或列入计划", "being solved or planned"),
        ReplyCategory.C: ("留作参考", "kept for reference"),
        ReplyCategory.D: ("因条件限制等原因无法解决", "cannot be solved for now (four-class form)"),
    },
    aliases={
        **{f"{m.value}类": m for m in ReplyCategory},
        **{m.value.lower(): m for m in ReplyCategory},
        "已解决": ReplyCategory.A,
        "已采纳": ReplyCategory.A,
        "正在解决": ReplyCategory.B,
        "列入计划": ReplyCategory.B,
    },
)


class Feedback(Codelist):
    """
    The proposer's verdict on a reply (办理结果反馈意见).

    - ``satisfied`` (满意).
    - ``basically_satisfied`` (基本满意).
    - ``dissatisfied`` (不满意): sends the proposal back for a second handling.

    >>> Feedback.from_label("基本满意")
    <Feedback.BASICALLY_SATISFIED: 'basically_satisfied'>
    >>> Feedback.from_label("很满意")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error codelist.unknown_label at /: ...
    """

    SATISFIED = "satisfied"
    BASICALLY_SATISFIED = "basically_satisfied"
    DISSATISFIED = "dissatisfied"


label(
    Feedback,
    {
        Feedback.SATISFIED: ("满意", "satisfied"),
        Feedback.BASICALLY_SATISFIED: ("基本满意", "basically satisfied"),
        Feedback.DISSATISFIED: ("不满意", "dissatisfied"),
    },
)


class ProposalStatus(Codelist):
    """
    Where a proposal stands in its handling.

    - ``submitted`` (提交): handed in by the proposer.
    - ``accepted`` (立案): registered as a proposal.
    - ``returned`` (不予立案, also 退回): not registered, returned to the proposer.
    - ``assigned`` (交办): assigned to the handling units.
    - ``replied`` (已答复): the reply letter has been sent.
    - ``closed`` (办结): handling finished.

    >>> ProposalStatus.from_label("退回")
    <ProposalStatus.RETURNED: 'returned'>
    >>> ProposalStatus.from_label("撤回")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error codelist.unknown_label at /: ...
    """

    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    RETURNED = "returned"
    ASSIGNED = "assigned"
    REPLIED = "replied"
    CLOSED = "closed"


label(
    ProposalStatus,
    {
        ProposalStatus.SUBMITTED: ("提交", "submitted"),
        ProposalStatus.ACCEPTED: ("立案", "accepted"),
        ProposalStatus.RETURNED: ("不予立案", "returned"),
        ProposalStatus.ASSIGNED: ("交办", "assigned"),
        ProposalStatus.REPLIED: ("已答复", "replied"),
        ProposalStatus.CLOSED: ("办结", "closed"),
    },
    aliases={
        "已提交": ProposalStatus.SUBMITTED,
        "已立案": ProposalStatus.ACCEPTED,
        "退回": ProposalStatus.RETURNED,
        "已交办": ProposalStatus.ASSIGNED,
        "答复": ProposalStatus.REPLIED,
        "已办结": ProposalStatus.CLOSED,
    },
)


class PlatformKind(Codelist):
    """
    The kind of an innovation platform (创新平台).

    - ``key_laboratory`` (自治区重点实验室): autonomous-region key laboratory.
    - ``engineering_centre`` (广西工程技术研究中心): Guangxi engineering technology
      research centre.
    - ``national_innovation_centre`` (国家技术创新中心): national technology
      innovation centre.
    - ``innovation_centre`` (技术创新中心): technology innovation centre.
    - ``new_rd_institution`` (新型研发机构): new R&D institution.
    - ``incubator`` (科技企业孵化器): technology business incubator.
    - ``national_key_laboratory`` (国家重点实验室, since 2022 全国重点实验室):
      state key laboratory.

    A platform's level (`PlatformLevel`) is recorded apart from its kind.

    >>> PlatformKind.from_label("广西工程技术研究中心")
    <PlatformKind.ENGINEERING_CENTRE: 'engineering_centre'>
    >>> PlatformKind.from_label("实验室")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error codelist.unknown_label at /: ...
    """

    KEY_LABORATORY = "key_laboratory"
    ENGINEERING_CENTRE = "engineering_centre"
    NATIONAL_INNOVATION_CENTRE = "national_innovation_centre"
    INNOVATION_CENTRE = "innovation_centre"
    NEW_RD_INSTITUTION = "new_rd_institution"
    INCUBATOR = "incubator"
    NATIONAL_KEY_LABORATORY = "national_key_laboratory"


label(
    PlatformKind,
    {
        PlatformKind.KEY_LABORATORY: ("自治区重点实验室", "autonomous-region key laboratory"),
        PlatformKind.ENGINEERING_CENTRE: (
            "广西工程技术研究中心",
            "Guangxi engineering technology research centre",
        ),
        PlatformKind.NATIONAL_INNOVATION_CENTRE: (
            "国家技术创新中心",
            "national technology innovation centre",
        ),
        PlatformKind.INNOVATION_CENTRE: ("技术创新中心", "technology innovation centre"),
        PlatformKind.NEW_RD_INSTITUTION: ("新型研发机构", "new R&D institution"),
        PlatformKind.INCUBATOR: ("科技企业孵化器", "technology business incubator"),
        PlatformKind.NATIONAL_KEY_LABORATORY: ("国家重点实验室", "state key laboratory"),
    },
    aliases={
        "广西重点实验室": PlatformKind.KEY_LABORATORY,
        "自治区级重点实验室": PlatformKind.KEY_LABORATORY,
        "工程技术研究中心": PlatformKind.ENGINEERING_CENTRE,
        "工程中心": PlatformKind.ENGINEERING_CENTRE,
        "国家级技术创新中心": PlatformKind.NATIONAL_INNOVATION_CENTRE,
        "孵化器": PlatformKind.INCUBATOR,
        # State key laboratories were reorganised as 全国重点实验室 from 2022.
        "全国重点实验室": PlatformKind.NATIONAL_KEY_LABORATORY,
    },
)


class PlatformLevel(Codelist):
    """
    The level of government that recognised a platform.

    - ``national`` (国家级).
    - ``autonomous_region`` (自治区级, also 省级).
    - ``city`` (市级).

    >>> PlatformLevel.from_label("省级")
    <PlatformLevel.AUTONOMOUS_REGION: 'autonomous_region'>
    >>> PlatformLevel.from_label("县级")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error codelist.unknown_label at /: ...
    """

    NATIONAL = "national"
    AUTONOMOUS_REGION = "autonomous_region"
    CITY = "city"


label(
    PlatformLevel,
    {
        PlatformLevel.NATIONAL: ("国家级", "national"),
        PlatformLevel.AUTONOMOUS_REGION: ("自治区级", "autonomous region"),
        PlatformLevel.CITY: ("市级", "city"),
    },
    aliases={
        "国家": PlatformLevel.NATIONAL,
        "省级": PlatformLevel.AUTONOMOUS_REGION,
        "自治区": PlatformLevel.AUTONOMOUS_REGION,
        "设区市级": PlatformLevel.CITY,
    },
)


class PlatformStatus(Codelist):
    """
    Where a platform stands in its life cycle.

    ``under_construction`` → ``recognised`` → ``operating``; an evaluation may
    order ``rectifying``; ``converted`` and ``revoked`` end it.

    - ``under_construction`` (组建): being built, not yet accepted.
    - ``recognised`` (验收/认定, also 验收, 认定, 通过验收): accepted or recognised.
    - ``operating`` (运行): in regular operation.
    - ``rectifying`` (整改): ordered to rectify after an evaluation.
    - ``converted`` (转建): converted into another platform.
    - ``revoked`` (撤销): revoked, e.g. after failing rectification (整改不通过).

    >>> PlatformStatus.from_label("通过验收")
    <PlatformStatus.RECOGNISED: 'recognised'>
    >>> PlatformStatus.from_label("筹备")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error codelist.unknown_label at /: ...
    """

    UNDER_CONSTRUCTION = "under_construction"
    RECOGNISED = "recognised"
    OPERATING = "operating"
    RECTIFYING = "rectifying"
    CONVERTED = "converted"
    REVOKED = "revoked"


label(
    PlatformStatus,
    {
        PlatformStatus.UNDER_CONSTRUCTION: ("组建", "under construction"),
        PlatformStatus.RECOGNISED: ("验收/认定", "recognised"),
        PlatformStatus.OPERATING: ("运行", "operating"),
        PlatformStatus.RECTIFYING: ("整改", "rectifying"),
        PlatformStatus.CONVERTED: ("转建", "converted"),
        PlatformStatus.REVOKED: ("撤销", "revoked"),
    },
    aliases={
        "组建中": PlatformStatus.UNDER_CONSTRUCTION,
        "验收": PlatformStatus.RECOGNISED,
        "认定": PlatformStatus.RECOGNISED,
        "通过验收": PlatformStatus.RECOGNISED,
        "已认定": PlatformStatus.RECOGNISED,
        "运行中": PlatformStatus.OPERATING,
        "限期整改": PlatformStatus.RECTIFYING,
        "已撤销": PlatformStatus.REVOKED,
    },
)


class EvaluationGrade(Codelist):
    """
    The grade of a platform's periodic evaluation (评估).

    - ``excellent`` (优秀).
    - ``good`` (良好).
    - ``pass`` (合格).
    - ``rectify`` (整改): the platform must rectify; failing that ends it.

    >>> EvaluationGrade.from_label("良好")
    <EvaluationGrade.GOOD: 'good'>
    >>> EvaluationGrade.from_label("中等")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error codelist.unknown_label at /: ...
    """

    EXCELLENT = "excellent"
    GOOD = "good"
    PASS = "pass"  # noqa: S105 - an evaluation grade, not a password
    RECTIFY = "rectify"


label(
    EvaluationGrade,
    {
        EvaluationGrade.EXCELLENT: ("优秀", "excellent"),
        EvaluationGrade.GOOD: ("良好", "good"),
        EvaluationGrade.PASS: ("合格", "pass"),
        EvaluationGrade.RECTIFY: ("整改", "rectify"),
    },
    aliases={"限期整改": EvaluationGrade.RECTIFY},
)


class Programme(Codelist):
    """
    The talent programme a scholar's post (岗位) belongs to.

    - ``bagui_scholar`` (八桂学者): Bagui Scholar.
    - ``bagui_young_scholar`` (八桂青年学者): Bagui Young Scholar.

    >>> Programme.from_label("八桂青年学者")
    <Programme.BAGUI_YOUNG_SCHOLAR: 'bagui_young_scholar'>
    >>> Programme.from_label("长江学者")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error codelist.unknown_label at /: ...
    """

    BAGUI_SCHOLAR = "bagui_scholar"
    BAGUI_YOUNG_SCHOLAR = "bagui_young_scholar"


label(
    Programme,
    {
        Programme.BAGUI_SCHOLAR: ("八桂学者", "Bagui Scholar"),
        Programme.BAGUI_YOUNG_SCHOLAR: ("八桂青年学者", "Bagui Young Scholar"),
    },
)


class SubsidyKind(Codelist):
    """
    What a subsidy pays for.

    - ``certification_award`` (高企认定奖励): 5–10万元 for each high-tech
      enterprise certification, per the founding letter.
    - ``rd_input`` (研发投入补助): 20% of annual R&D input while the certificate
      is valid, 30万元 at most in all, per the founding letter.
    - ``scholar_funding`` (八桂学者专项经费): a Bagui scholar's funding.
    - ``project_funding`` (科技项目经费): funding of a science and technology project.

    >>> SubsidyKind.from_label("研发奖补")
    <SubsidyKind.RD_INPUT: 'rd_input'>
    >>> SubsidyKind.from_label("贷款")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error codelist.unknown_label at /: ...
    """

    CERTIFICATION_AWARD = "certification_award"
    RD_INPUT = "rd_input"
    SCHOLAR_FUNDING = "scholar_funding"
    PROJECT_FUNDING = "project_funding"


label(
    SubsidyKind,
    {
        SubsidyKind.CERTIFICATION_AWARD: ("高企认定奖励", "high-tech certification award"),
        SubsidyKind.RD_INPUT: ("研发投入补助", "R&D input subsidy"),
        SubsidyKind.SCHOLAR_FUNDING: ("八桂学者专项经费", "Bagui scholar funding"),
        SubsidyKind.PROJECT_FUNDING: ("科技项目经费", "S&T project funding"),
    },
    aliases={
        "高新技术企业认定奖励": SubsidyKind.CERTIFICATION_AWARD,
        "奖励性后补助": SubsidyKind.CERTIFICATION_AWARD,
        "研发奖补": SubsidyKind.RD_INPUT,
        "研发投入奖补": SubsidyKind.RD_INPUT,
        "项目经费": SubsidyKind.PROJECT_FUNDING,
    },
)


class TaskStatus(Codelist):
    """
    The progress of a work task (工作任务) in a task breakdown table.

    - ``not_started`` (未启动).
    - ``in_progress`` (推进中, also 按计划推进, 正在推进).
    - ``completed`` (已完成).
    - ``delayed`` (滞后).
    - ``cancelled`` (已取消).

    >>> TaskStatus.from_label("按计划推进")
    <TaskStatus.IN_PROGRESS: 'in_progress'>
    >>> TaskStatus.from_label("暂停")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error codelist.unknown_label at /: ...
    """

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    DELAYED = "delayed"
    CANCELLED = "cancelled"


label(
    TaskStatus,
    {
        TaskStatus.NOT_STARTED: ("未启动", "not started"),
        TaskStatus.IN_PROGRESS: ("推进中", "in progress"),
        TaskStatus.COMPLETED: ("已完成", "completed"),
        TaskStatus.DELAYED: ("滞后", "delayed"),
        TaskStatus.CANCELLED: ("已取消", "cancelled"),
    },
    aliases={
        "正在推进": TaskStatus.IN_PROGRESS,
        "按计划推进": TaskStatus.IN_PROGRESS,
        "进行中": TaskStatus.IN_PROGRESS,
        "完成": TaskStatus.COMPLETED,
        "进度滞后": TaskStatus.DELAYED,
        "取消": TaskStatus.CANCELLED,
    },
)


class ScenarioDomain(Codelist):
    """
    A domain of AI application scenarios (应用场景领域): the founding letter's 12, in its order.

    - ``intelligent_manufacturing`` (智能制造).
    - ``smart_transport`` (智慧交通).
    - ``smart_livelihood`` (智慧民生): public services.
    - ``smart_education`` (智慧教育).
    - ``smart_park`` (智慧园区): industrial parks.
    - ``smart_culture_tourism`` (智慧文旅): culture and tourism.
    - ``smart_healthcare`` (智慧医疗).
    - ``smart_elderly_care`` (智慧康养): health and elderly care.
    - ``smart_agriculture`` (智慧农业).
    - ``intelligent_early_warning`` (智能预警).
    - ``smart_finance`` (智慧金融).
    - ``smart_security`` (智慧安防).

    >>> ScenarioDomain.from_label("智慧康养")
    <ScenarioDomain.SMART_ELDERLY_CARE: 'smart_elderly_care'>
    >>> ScenarioDomain.from_label("智慧城市")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error codelist.unknown_label at /: ...
    """

    INTELLIGENT_MANUFACTURING = "intelligent_manufacturing"
    SMART_TRANSPORT = "smart_transport"
    SMART_LIVELIHOOD = "smart_livelihood"
    SMART_EDUCATION = "smart_education"
    SMART_PARK = "smart_park"
    SMART_CULTURE_TOURISM = "smart_culture_tourism"
    SMART_HEALTHCARE = "smart_healthcare"
    SMART_ELDERLY_CARE = "smart_elderly_care"
    SMART_AGRICULTURE = "smart_agriculture"
    INTELLIGENT_EARLY_WARNING = "intelligent_early_warning"
    SMART_FINANCE = "smart_finance"
    SMART_SECURITY = "smart_security"


label(
    ScenarioDomain,
    {
        ScenarioDomain.INTELLIGENT_MANUFACTURING: ("智能制造", "intelligent manufacturing"),
        ScenarioDomain.SMART_TRANSPORT: ("智慧交通", "smart transport"),
        ScenarioDomain.SMART_LIVELIHOOD: ("智慧民生", "smart public services"),
        ScenarioDomain.SMART_EDUCATION: ("智慧教育", "smart education"),
        ScenarioDomain.SMART_PARK: ("智慧园区", "smart industrial parks"),
        ScenarioDomain.SMART_CULTURE_TOURISM: ("智慧文旅", "smart culture and tourism"),
        ScenarioDomain.SMART_HEALTHCARE: ("智慧医疗", "smart healthcare"),
        ScenarioDomain.SMART_ELDERLY_CARE: ("智慧康养", "smart health and elderly care"),
        ScenarioDomain.SMART_AGRICULTURE: ("智慧农业", "smart agriculture"),
        ScenarioDomain.INTELLIGENT_EARLY_WARNING: ("智能预警", "intelligent early warning"),
        ScenarioDomain.SMART_FINANCE: ("智慧金融", "smart finance"),
        ScenarioDomain.SMART_SECURITY: ("智慧安防", "smart security"),
    },
    aliases={
        "智能交通": ScenarioDomain.SMART_TRANSPORT,
        "智慧旅游": ScenarioDomain.SMART_CULTURE_TOURISM,
    },
)


class RecipientKind(Codelist):
    """
    What receives a subsidy.

    - ``enterprise`` (企业): identified by its USCC.
    - ``scholar`` (学者): a scholar's post.
    - ``platform`` (平台): an innovation platform.
    - ``project`` (项目): a science and technology project.

    >>> RecipientKind.from_label("企业")
    <RecipientKind.ENTERPRISE: 'enterprise'>
    >>> RecipientKind.from_label("个人")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error codelist.unknown_label at /: ...
    """

    ENTERPRISE = "enterprise"
    SCHOLAR = "scholar"
    PLATFORM = "platform"
    PROJECT = "project"


label(
    RecipientKind,
    {
        RecipientKind.ENTERPRISE: ("企业", "enterprise"),
        RecipientKind.SCHOLAR: ("学者", "scholar"),
        RecipientKind.PLATFORM: ("平台", "platform"),
        RecipientKind.PROJECT: ("项目", "project"),
    },
    aliases={"创新平台": RecipientKind.PLATFORM, "科技项目": RecipientKind.PROJECT},
)


#: Every codelist of this module, in the order documented.
class ValidityCounting(Codelist):
    """
    How a subsidy policy counts the years a 高企 certificate earns the R&D input subsidy.

    The founding letter says only "在高新技术企业有效期内" (while the
    certificate is valid), and a certificate runs three years from its day of
    issue, rarely a calendar year's first; R&D input is reported by calendar
    year.  So the years must be counted one way or another:

    - ``calendar_years`` (发证年度起三个年度): the calendar year of issue and the
      following ones, ``validity_years`` in all (a certificate of 2021-10-20
      earns for 2021, 2022 and 2023, not 2024).  As the tax authority counts
      high-tech status: from the year the certificate was issued
      (国家税务总局公告2017年第24号), so a renewed certificate takes over the
      next year and no year counts twice.
    - ``any_day`` (有效期涉及的年度): every calendar year the certificate is valid
      on at least one day, each in full (2021 to 2024: four years).
    - ``pro_rata`` (按有效天数折算): every such year, its input counted in
      proportion to the days of the year the certificate is valid (2021:
      73 of 365 days; 2024: 293 of 366).

    >>> ValidityCounting.from_label("按有效天数折算")
    <ValidityCounting.PRO_RATA: 'pro_rata'>
    >>> ValidityCounting.from_label("按月")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error codelist.unknown_label at /: ...
    """

    CALENDAR_YEARS = "calendar_years"
    ANY_DAY = "any_day"
    PRO_RATA = "pro_rata"


label(
    ValidityCounting,
    {
        ValidityCounting.CALENDAR_YEARS: ("发证年度起计", "calendar years from the year of issue"),
        ValidityCounting.ANY_DAY: ("有效期涉及的年度", "every year valid on any day"),
        ValidityCounting.PRO_RATA: ("按有效天数折算", "pro rata by days valid"),
    },
)


CODELISTS: tuple[type[Codelist], ...] = (
    ProposalKind,
    Body,
    HandlingRole,
    ReplyCategory,
    Feedback,
    ProposalStatus,
    PlatformKind,
    PlatformLevel,
    PlatformStatus,
    EvaluationGrade,
    Programme,
    SubsidyKind,
    TaskStatus,
    ScenarioDomain,
    RecipientKind,
    ValidityCounting,
)
