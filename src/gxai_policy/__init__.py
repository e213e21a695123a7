"""
gxai_policy: the typed domain model of Guangxi's new-generation AI policy.

CPPCC proposals (提案) and NPC suggestions (建议), the departments' reply
letters (答复的函), and what those letters report — work tasks, innovation
platforms, talent posts (八桂学者), high-tech enterprises (高新技术企业) and
subsidies — as validated, immutable records with a strict JSON edge.

>>> import gxai_policy as gp
>>> gp.Money.parse("约3.4亿元")
Traceback (most recent call last):
  ...
gxai_policy.errors.ValidationError: error money.invalid at /: '约3.4亿元' is not an amount of money ...
>>> gp.find_quantities("约3.4亿元")[0].qualifier
<Qualifier.ABOUT: 'about'>
"""

from __future__ import annotations

from importlib.metadata import version as _version

from gxai_policy.checks import check
from gxai_policy.errors import GxaiPolicyError, ParseError, Severity, ValidationError, Violation
from gxai_policy.rules import RULES, Rule
from gxai_policy.schema import json_schema
from gxai_policy.serialize import dump_jsonl, from_dict, from_json, iter_jsonl, to_dict, to_json
from gxai_policy.values.codelists import (
    CODELISTS,
    Body,
    EvaluationGrade,
    Feedback,
    HandlingRole,
    PlatformKind,
    PlatformLevel,
    PlatformStatus,
    Programme,
    ProposalKind,
    ProposalStatus,
    RecipientKind,
    ReplyCategory,
    ScenarioDomain,
    SubsidyKind,
    TaskStatus,
)
from gxai_policy.values.dates import (
    SHANGHAI,
    PartialDate,
    Period,
    PlanPeriod,
    format_date_zh,
    parse_date,
    read_when,
    shanghai_datetime,
)
from gxai_policy.values.identifiers import (
    GUANGXI,
    GUANGXI_CITIES,
    USCC,
    DocumentNumber,
    HighTechCertificateNumber,
    ProposalNumber,
    RegionCode,
)
from gxai_policy.values.money import Money
from gxai_policy.values.quantity import Qualifier, Quantity, find_quantities
from gxai_policy.values.session import Session

__version__ = _version("gxai-policy")

__all__ = [
    "CODELISTS",
    "GUANGXI",
    "GUANGXI_CITIES",
    "RULES",
    "SHANGHAI",
    "USCC",
    "Body",
    "DocumentNumber",
    "EvaluationGrade",
    "Feedback",
    "GxaiPolicyError",
    "HandlingRole",
    "HighTechCertificateNumber",
    "Money",
    "ParseError",
    "PartialDate",
    "Period",
    "PlanPeriod",
    "PlatformKind",
    "PlatformLevel",
    "PlatformStatus",
    "Programme",
    "ProposalKind",
    "ProposalNumber",
    "ProposalStatus",
    "Qualifier",
    "Quantity",
    "RecipientKind",
    "RegionCode",
    "ReplyCategory",
    "Rule",
    "ScenarioDomain",
    "Session",
    "Severity",
    "SubsidyKind",
    "TaskStatus",
    "ValidationError",
    "Violation",
    "__version__",
    "check",
    "dump_jsonl",
    "find_quantities",
    "format_date_zh",
    "from_dict",
    "from_json",
    "iter_jsonl",
    "json_schema",
    "parse_date",
    "read_when",
    "shanghai_datetime",
    "to_dict",
    "to_json",
]
