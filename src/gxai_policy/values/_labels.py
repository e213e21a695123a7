"""
Field labels: the Chinese name of each field, declared once beside it, as attrs metadata.

Spreadsheets head their columns with these (统一社会信用代码, 企业名称 …):
`gxai_policy.iter_table` reads them, `gxai_policy.dump_table` writes them
with ``labels="zh"``, and the JSON Schema shows them (``x-label-zh``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

__all__ = ["LABEL_ZH", "label"]

#: The metadata key of a field's Chinese label.
LABEL_ZH: Final = "label_zh"


def label(zh: str, *more: Mapping[str, Any]) -> Mapping[str, Any]:
    """
    The metadata of a field labelled *zh*, merged with *more* (``NOT_BLANK``, a schema …).

    >>> dict(label("企业名称", {"not_blank": True}))
    {'label_zh': '企业名称', 'not_blank': True}
    """
    merged: dict[str, Any] = {LABEL_ZH: zh}
    for extra in more:
        merged.update(extra)
    return MappingProxyType(merged)
