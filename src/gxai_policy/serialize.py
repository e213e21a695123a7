"""
The JSON edge's old home: every name now lives in `gxai_policy.wire`, re-exported here.
"""

from __future__ import annotations

from gxai_policy.wire import (
    DEFAULT_LIMITS,
    Limits,
    Line,
    Mode,
    Unknown,
    dump_jsonl,
    from_dict,
    from_json,
    iter_jsonl,
    to_dict,
    to_json,
    to_json_bytes,
)

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "Line",
    "Mode",
    "Unknown",
    "dump_jsonl",
    "from_dict",
    "from_json",
    "iter_jsonl",
    "to_dict",
    "to_json",
    "to_json_bytes",
]
