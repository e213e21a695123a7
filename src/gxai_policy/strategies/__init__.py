"""
Public Hypothesis strategies: valid records and values of gxai_policy, by construction.
"""

from __future__ import annotations

__all__: list[str] = []


def _hypothesis_setup_hook() -> None:
    """
    Called by Hypothesis through the ``hypothesis`` entry point.
    """
