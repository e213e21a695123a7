"""
Codelists: closed sets of domain codes with stable English values and zh/en labels.

>>> ProposalKind.from_label("建议")
<ProposalKind.SUGGESTION: 'suggestion'>
>>> ProposalKind.SUGGESTION.label_zh
'建议'
>>> ProposalKind.from_label("议案")
Traceback (most recent call last):
  ...
gxai_policy.errors.ValidationError: error codelist.unknown_label at /: '议案' is not one ...
"""

from __future__ import annotations

from gxai_policy.values._codelist import Codelist, label

__all__ = ["Body", "ProposalKind"]


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
