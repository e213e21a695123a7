"""
The ``hypothesis`` entry point: registers gxai_policy's strategies when Hypothesis loads.

Hypothesis calls the hook while it is itself being imported, possibly from
inside ``gxai_policy.strategies``; so the hook imports no strategy module and
registers deferred strategies, looked up by name when first drawn.
"""

from __future__ import annotations

import importlib
from typing import Any, Final

#: Each public class of gxai_policy, by name, and the strategy that draws it.
TYPE_STRATEGIES: Final = {
    "Money": "moneys",
    "Quantity": "quantities",
    "PartialDate": "partial_dates",
    "Period": "periods",
    "Session": "sessions",
    "RegionCode": "region_codes",
    "USCC": "usccs",
    "HighTechCertificateNumber": "high_tech_certificate_numbers",
    "ProposalNumber": "proposal_numbers",
    "DocumentNumber": "document_numbers",
    "Proposer": "proposers",
    "Handler": "handlers",
    "Extension": "extensions",
    "ProposalRef": "proposal_refs",
    "Proposal": "proposals",
    "Section": "sections",
    "Reference": "references",
    "Contact": "contacts",
    "Span": "spans",
    "Source": "sources",
    "Reply": "replies",
    "ProgressReport": "progress_reports",
    "Task": "tasks",
    "Evaluation": "evaluations",
    "Platform": "platforms",
    "Scholar": "scholars",
    "HighTechCertificate": "high_tech_certificates",
    "Enterprise": "enterprises",
    "Recipient": "recipients",
    "SubsidyPolicy": "subsidy_policies",
    "Subsidy": "subsidies",
    "Dataset": "datasets",
}


def _drawn_by(name: str) -> Any:
    return getattr(importlib.import_module("gxai_policy.strategies"), name)()


def _deferred(name: str) -> Any:
    from hypothesis import strategies as st

    return st.deferred(lambda: _drawn_by(name))


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    import gxai_policy as gp

    for cls, name in TYPE_STRATEGIES.items():
        st.register_type_strategy(getattr(gp, cls), _deferred(name))
