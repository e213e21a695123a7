"""
gxai_policy: the typed domain model of Guangxi's new-generation AI policy.
"""

from __future__ import annotations

from importlib.metadata import version as _version

from gxai_policy.errors import GxaiPolicyError, ParseError, Severity, ValidationError, Violation
from gxai_policy.rules import RULES, Rule

__version__ = _version("gxai-policy")

__all__ = [
    "RULES",
    "GxaiPolicyError",
    "ParseError",
    "Rule",
    "Severity",
    "ValidationError",
    "Violation",
    "__version__",
]
