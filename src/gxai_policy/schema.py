"""
JSON Schema's old home: the schema is written by `gxai_policy.wire`, re-exported here.
"""

from __future__ import annotations

from gxai_policy.wire import DIALECT, json_schema

__all__ = ["DIALECT", "json_schema"]
