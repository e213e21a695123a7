"""
Reply letters as text: reading them (`parse_reply`), writing them (`render_reply`),
and the figures they state (`reply_figures`, `arithmetic_findings`).

>>> from gxai_policy.data import founding_letter
>>> reply = parse_reply(founding_letter())
>>> str(reply.proposal)
'自治区政协十二届四次会议第20210143号提案'
>>> parse_reply(render_reply(reply)) == reply
True
"""

from __future__ import annotations

from gxai_policy.text.figures import Figure, arithmetic_findings, body_texts, reply_figures
from gxai_policy.text.reader import canonical, parse_reply, proposal_title
from gxai_policy.text.writer import render_reply

__all__ = [
    "Figure",
    "arithmetic_findings",
    "body_texts",
    "canonical",
    "parse_reply",
    "proposal_title",
    "render_reply",
    "reply_figures",
]
