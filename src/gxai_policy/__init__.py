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
gxai_policy.errors.ValidationError: error money.invalid at /: '约3.4亿元' is not an amount ...
>>> gp.find_quantities("约3.4亿元")[0].qualifier
<Qualifier.ABOUT: 'about'>
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from gxai_policy.errors import (
    GxaiPolicyError,
    MissingExtraError,
    ParseError,
    Severity,
    ValidationError,
    Violation,
)
from gxai_policy.records._base import replace
from gxai_policy.records.dataset import SCHEMA_VERSION, Dataset
from gxai_policy.records.enterprise import Enterprise, HighTechCertificate
from gxai_policy.records.lifecycle import (
    PLATFORM_TRANSITIONS,
    PROPOSAL_TRANSITIONS,
    TASK_TRANSITIONS,
    advance,
)
from gxai_policy.records.personal import redact
from gxai_policy.records.platform import Evaluation, Platform
from gxai_policy.records.proposal import Extension, Handler, Proposal, ProposalRef, Proposer
from gxai_policy.records.reply import Contact, Reference, Reply, Section, Span
from gxai_policy.records.scholar import Scholar
from gxai_policy.records.source import Source
from gxai_policy.records.subsidy import Recipient, Subsidy
from gxai_policy.records.task import ProgressReport, Task
from gxai_policy.rules import RULES, Rule
from gxai_policy.values.codelists import (
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
    ValidityCounting,
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
from gxai_policy.values.session import Session
from gxai_policy.values.subsidy_policy import GUANGXI_2021, POLICIES, SubsidyPolicy

if TYPE_CHECKING:
    from gxai_policy.checks import check
    from gxai_policy.policy.deadlines import reply_deadline
    from gxai_policy.policy.subsidies import rd_subsidy_schedule
    from gxai_policy.policy.summary import Summary, summarize
    from gxai_policy.text import Figure, parse_reply, render_reply, reply_figures
    from gxai_policy.text.files import read_letter
    from gxai_policy.values._catalog import CODELISTS
    from gxai_policy.values.quantity import Qualifier, Quantity, find_quantities
    from gxai_policy.wire import (
        DEFAULT_LIMITS,
        MIGRATIONS,
        Limits,
        Migration,
        dump_jsonl,
        dump_table,
        from_dict,
        from_json,
        iter_json,
        iter_jsonl,
        iter_table,
        json_schema,
        to_dict,
        to_json,
        to_json_bytes,
        upgrade,
    )

# The single source of the version: hatchling reads it from here (pyproject's
# [tool.hatch.version]); importlib.metadata would cost more than the records do.
__version__ = "0.1.0.dev0"

# Loaded on first access (PEP 562, as scientific-python's SPEC 1 does): the JSON
# edge pulls in cattrs and orjson, the letter and figure readers compile many
# patterns, and a user who only builds records needs none of them.
_LAZY: dict[str, str] = {
    "CODELISTS": "gxai_policy.values._catalog",
    "DEFAULT_LIMITS": "gxai_policy.wire",
    "Figure": "gxai_policy.text",
    "Limits": "gxai_policy.wire",
    "MIGRATIONS": "gxai_policy.wire",
    "Migration": "gxai_policy.wire",
    "Qualifier": "gxai_policy.values.quantity",
    "Quantity": "gxai_policy.values.quantity",
    "Summary": "gxai_policy.policy.summary",
    "check": "gxai_policy.checks",
    "dump_jsonl": "gxai_policy.wire",
    "dump_table": "gxai_policy.wire",
    "find_quantities": "gxai_policy.values.quantity",
    "from_dict": "gxai_policy.wire",
    "from_json": "gxai_policy.wire",
    "iter_json": "gxai_policy.wire",
    "iter_jsonl": "gxai_policy.wire",
    "iter_table": "gxai_policy.wire",
    "json_schema": "gxai_policy.wire",
    "parse_reply": "gxai_policy.text",
    "rd_subsidy_schedule": "gxai_policy.policy.subsidies",
    "render_reply": "gxai_policy.text",
    "reply_deadline": "gxai_policy.policy.deadlines",
    "read_letter": "gxai_policy.text.files",
    "reply_figures": "gxai_policy.text",
    "summarize": "gxai_policy.policy.summary",
    "to_dict": "gxai_policy.wire",
    "to_json": "gxai_policy.wire",
    "to_json_bytes": "gxai_policy.wire",
    "upgrade": "gxai_policy.wire",
}


__all__ = [
    "CODELISTS",
    "DEFAULT_LIMITS",
    "GUANGXI",
    "GUANGXI_2021",
    "GUANGXI_CITIES",
    "MIGRATIONS",
    "PLATFORM_TRANSITIONS",
    "POLICIES",
    "PROPOSAL_TRANSITIONS",
    "RULES",
    "SCHEMA_VERSION",
    "SHANGHAI",
    "TASK_TRANSITIONS",
    "USCC",
    "Body",
    "Contact",
    "Dataset",
    "DocumentNumber",
    "Enterprise",
    "Evaluation",
    "EvaluationGrade",
    "Extension",
    "Feedback",
    "Figure",
    "GxaiPolicyError",
    "Handler",
    "HandlingRole",
    "HighTechCertificate",
    "HighTechCertificateNumber",
    "Limits",
    "Migration",
    "MissingExtraError",
    "Money",
    "ParseError",
    "PartialDate",
    "Period",
    "PlanPeriod",
    "Platform",
    "PlatformKind",
    "PlatformLevel",
    "PlatformStatus",
    "Programme",
    "ProgressReport",
    "Proposal",
    "ProposalKind",
    "ProposalNumber",
    "ProposalRef",
    "ProposalStatus",
    "Proposer",
    "Qualifier",
    "Quantity",
    "Recipient",
    "RecipientKind",
    "Reference",
    "RegionCode",
    "Reply",
    "ReplyCategory",
    "Rule",
    "ScenarioDomain",
    "Scholar",
    "Section",
    "Session",
    "Severity",
    "Source",
    "Span",
    "Subsidy",
    "SubsidyKind",
    "SubsidyPolicy",
    "Summary",
    "Task",
    "TaskStatus",
    "ValidationError",
    "ValidityCounting",
    "Violation",
    "__version__",
    "advance",
    "check",
    "dump_jsonl",
    "dump_table",
    "find_quantities",
    "format_date_zh",
    "from_dict",
    "from_json",
    "iter_json",
    "iter_jsonl",
    "iter_table",
    "json_schema",
    "parse_date",
    "parse_reply",
    "rd_subsidy_schedule",
    "read_letter",
    "read_when",
    "redact",
    "render_reply",
    "replace",
    "reply_deadline",
    "reply_figures",
    "shanghai_datetime",
    "summarize",
    "to_dict",
    "to_json",
    "to_json_bytes",
    "upgrade",
]


# Hidden from type checkers: the names above are imported for them, and a
# visible module __getattr__ would make mypy accept any misspelt attribute.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
