"""
Public Hypothesis strategies: valid records and values of gxai_policy, by construction.

Every strategy draws objects that construct without error (no filtering:
dependent fields are derived from drawn ones), with realistic Chinese text.
The ``invalid_*`` strategies draw ``(text, code)`` pairs: bad input and the
rule code the library refuses it with.

`register` makes ``st.from_type`` use them; Hypothesis calls it through the
``hypothesis`` entry point as soon as it loads, so in your own tests

>>> from hypothesis import find, strategies as st
>>> import gxai_policy as gp
>>> find(st.from_type(gp.Enterprise), lambda e: e.is_ai).is_ai
True
"""

from __future__ import annotations

from hypothesis import strategies as st

from gxai_policy._hypothesis_plugin import TYPE_STRATEGIES
from gxai_policy.strategies._datasets import datasets, datasets_with_errors
from gxai_policy.strategies._dates import (
    dates,
    invalid_date_texts,
    invalid_partial_date_texts,
    invalid_period_texts,
    invalid_session_texts,
    partial_dates,
    periods,
    plan_periods,
    sessions,
    shanghai_datetimes,
)
from gxai_policy.strategies._enterprises import (
    enterprises,
    high_tech_certificates,
    recipients,
    subsidies,
    subsidy_policies,
)
from gxai_policy.strategies._identifiers import (
    document_numbers,
    high_tech_certificate_numbers,
    invalid_document_numbers,
    invalid_high_tech_certificate_numbers,
    invalid_proposal_numbers,
    invalid_region_codes,
    invalid_usccs,
    proposal_numbers,
    region_codes,
    usccs,
)
from gxai_policy.strategies._money import invalid_money_texts, moneys, quantities
from gxai_policy.strategies._programmes import (
    evaluations,
    platforms,
    progress_reports,
    scholars,
    tasks,
)
from gxai_policy.strategies._proposals import (
    contacts,
    extensions,
    handlers,
    handlers_tuples,
    proposal_refs,
    proposals,
    proposers,
    references,
    replies,
    sections,
    spans,
)
from gxai_policy.strategies._sources import sources

__all__ = [
    "contacts",
    "datasets",
    "datasets_with_errors",
    "dates",
    "document_numbers",
    "enterprises",
    "evaluations",
    "extensions",
    "handlers",
    "handlers_tuples",
    "high_tech_certificate_numbers",
    "high_tech_certificates",
    "invalid_date_texts",
    "invalid_document_numbers",
    "invalid_high_tech_certificate_numbers",
    "invalid_money_texts",
    "invalid_partial_date_texts",
    "invalid_period_texts",
    "invalid_proposal_numbers",
    "invalid_region_codes",
    "invalid_session_texts",
    "invalid_usccs",
    "moneys",
    "partial_dates",
    "periods",
    "plan_periods",
    "platforms",
    "progress_reports",
    "proposal_numbers",
    "proposal_refs",
    "proposals",
    "proposers",
    "quantities",
    "recipients",
    "references",
    "region_codes",
    "register",
    "replies",
    "scholars",
    "sections",
    "sessions",
    "shanghai_datetimes",
    "sources",
    "spans",
    "subsidies",
    "subsidy_policies",
    "tasks",
    "usccs",
]


def register() -> None:
    """
    Make ``st.from_type(cls)`` draw valid objects for every record and value type.

    Idempotent; Hypothesis does it through the ``hypothesis`` entry point
    when it loads, so call it only where entry points are off.
    """
    import gxai_policy as gp

    strategies = globals()
    for cls, name in TYPE_STRATEGIES.items():
        st.register_type_strategy(getattr(gp, cls), strategies[name]())
