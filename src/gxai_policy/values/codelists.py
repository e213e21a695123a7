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

from gxai_policy.values._codelist import Codelist

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

    PROPOSAL = "proposal", "提案", "CPPCC proposal"
    SUGGESTION = "suggestion", "建议", "NPC suggestion", "议案建议", "代表建议"


class Body(Codelist):
    """
    The body a session belongs to: the CPPCC (政协) or the NPC (人大).
    """

    CPPCC = "cppcc", "政协", "CPPCC", "人民政协"
    NPC = "npc", "人大", "NPC", "人民代表大会"


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

    LEAD = "lead", "主办", "lead handler", "主办单位"
    CO = "co", "会办", "co-handler", "协办", "会办单位", "协办单位"
    SEPARATE = "separate", "分办", "separate handler", "分办单位"
    SOLE = "sole", "独办", "sole handler"
    MERGED = "merged", "并案", "merged handling", "并案办理"


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

    A = "A", "已解决或采纳", "solved or adopted", "A类", "a", "已解决", "已采纳"
    B = "B", "正在解决或列入计划", "being solved or planned", "B类", "b", "正在解决", "列入计划"
    C = "C", "留作参考", "kept for reference", "C类", "c"
    D = "D", "因条件限制等原因无法解决", "cannot be solved for now (four-class form)", "D类", "d"


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

    SATISFIED = "satisfied", "满意", "satisfied"
    BASICALLY_SATISFIED = "basically_satisfied", "基本满意", "basically satisfied"
    DISSATISFIED = "dissatisfied", "不满意", "dissatisfied"


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

    SUBMITTED = "submitted", "提交", "submitted", "已提交"
    ACCEPTED = "accepted", "立案", "accepted", "已立案"
    RETURNED = "returned", "不予立案", "returned", "退回"
    ASSIGNED = "assigned", "交办", "assigned", "已交办"
    REPLIED = "replied", "已答复", "replied", "答复"
    CLOSED = "closed", "办结", "closed", "已办结"


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

    KEY_LABORATORY = (
        "key_laboratory",
        "自治区重点实验室",
        "autonomous-region key laboratory",
        "广西重点实验室",
        "自治区级重点实验室",
    )
    ENGINEERING_CENTRE = (
        "engineering_centre",
        "广西工程技术研究中心",
        "Guangxi engineering technology research centre",
        "工程技术研究中心",
        "工程中心",
    )
    NATIONAL_INNOVATION_CENTRE = (
        "national_innovation_centre",
        "国家技术创新中心",
        "national technology innovation centre",
        "国家级技术创新中心",
    )
    INNOVATION_CENTRE = "innovation_centre", "技术创新中心", "technology innovation centre"
    NEW_RD_INSTITUTION = "new_rd_institution", "新型研发机构", "new R&D institution"
    INCUBATOR = "incubator", "科技企业孵化器", "technology business incubator", "孵化器"
    NATIONAL_KEY_LABORATORY = (
        "national_key_laboratory",
        "国家重点实验室",
        "state key laboratory",
        "全国重点实验室",
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

    NATIONAL = "national", "国家级", "national", "国家"
    AUTONOMOUS_REGION = "autonomous_region", "自治区级", "autonomous region", "省级", "自治区"
    CITY = "city", "市级", "city", "设区市级"


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

    UNDER_CONSTRUCTION = "under_construction", "组建", "under construction", "组建中"
    RECOGNISED = "recognised", "验收/认定", "recognised", "验收", "认定", "通过验收", "已认定"
    OPERATING = "operating", "运行", "operating", "运行中"
    RECTIFYING = "rectifying", "整改", "rectifying", "限期整改"
    CONVERTED = "converted", "转建", "converted"
    REVOKED = "revoked", "撤销", "revoked", "已撤销"


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

    EXCELLENT = "excellent", "优秀", "excellent"
    GOOD = "good", "良好", "good"
    PASS = "pass", "合格", "pass"
    RECTIFY = "rectify", "整改", "rectify", "限期整改"


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

    BAGUI_SCHOLAR = "bagui_scholar", "八桂学者", "Bagui Scholar"
    BAGUI_YOUNG_SCHOLAR = "bagui_young_scholar", "八桂青年学者", "Bagui Young Scholar"


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

    CERTIFICATION_AWARD = (
        "certification_award",
        "高企认定奖励",
        "high-tech certification award",
        "高新技术企业认定奖励",
        "奖励性后补助",
    )
    RD_INPUT = "rd_input", "研发投入补助", "R&D input subsidy", "研发奖补", "研发投入奖补"
    SCHOLAR_FUNDING = "scholar_funding", "八桂学者专项经费", "Bagui scholar funding"
    PROJECT_FUNDING = "project_funding", "科技项目经费", "S&T project funding", "项目经费"


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

    NOT_STARTED = "not_started", "未启动", "not started"
    IN_PROGRESS = "in_progress", "推进中", "in progress", "正在推进", "按计划推进", "进行中"
    COMPLETED = "completed", "已完成", "completed", "完成"
    DELAYED = "delayed", "滞后", "delayed", "进度滞后"
    CANCELLED = "cancelled", "已取消", "cancelled", "取消"


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

    INTELLIGENT_MANUFACTURING = "intelligent_manufacturing", "智能制造", "intelligent manufacturing"
    SMART_TRANSPORT = "smart_transport", "智慧交通", "smart transport", "智能交通"
    SMART_LIVELIHOOD = "smart_livelihood", "智慧民生", "smart public services"
    SMART_EDUCATION = "smart_education", "智慧教育", "smart education"
    SMART_PARK = "smart_park", "智慧园区", "smart industrial parks"
    SMART_CULTURE_TOURISM = (
        "smart_culture_tourism",
        "智慧文旅",
        "smart culture and tourism",
        "智慧旅游",
    )
    SMART_HEALTHCARE = "smart_healthcare", "智慧医疗", "smart healthcare"
    SMART_ELDERLY_CARE = "smart_elderly_care", "智慧康养", "smart health and elderly care"
    SMART_AGRICULTURE = "smart_agriculture", "智慧农业", "smart agriculture"
    INTELLIGENT_EARLY_WARNING = "intelligent_early_warning", "智能预警", "intelligent early warning"
    SMART_FINANCE = "smart_finance", "智慧金融", "smart finance"
    SMART_SECURITY = "smart_security", "智慧安防", "smart security"


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

    ENTERPRISE = "enterprise", "企业", "enterprise"
    SCHOLAR = "scholar", "学者", "scholar"
    PLATFORM = "platform", "平台", "platform", "创新平台"
    PROJECT = "project", "项目", "project", "科技项目"


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

    CALENDAR_YEARS = "calendar_years", "发证年度起计", "calendar years from the year of issue"
    ANY_DAY = "any_day", "有效期涉及的年度", "every year valid on any day"
    PRO_RATA = "pro_rata", "按有效天数折算", "pro rata by days valid"


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
