"""
Converters the records share: lossless normalisation of text fields.

Each lets a value of the wrong type through unchanged: naming a wrong type is
the serializer's job at the edge (and mypy's for Python callers), not a
converter's, which would raise a bare AttributeError.
"""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType
from typing import Any, Final

__all__ = ["NOT_BLANK", "strip", "strip_each", "strip_optional"]

#: Metadata of a text field (or a sequence of texts) that its record refuses
#: blank: the JSON Schema says so (``"pattern": "\\S"``), so that what the
#: schema takes, the loader takes.
NOT_BLANK: Final = MappingProxyType({"not_blank": True})


def strip(value: str) -> str:
    """
    Drop surrounding whitespace (full-width spaces too): cells of tables carry it.

    >>> strip("　某大学 ")
    '某大学'
    """
    text: Any = value
    return text.strip() if isinstance(text, str) else text


def strip_optional(value: str | None) -> str | None:
    """
    `strip`, letting None through.
    """
    return None if value is None else strip(value)


def strip_each(values: Iterable[str]) -> tuple[str, ...]:
    """
    Every text stripped, as a tuple (a list is accepted from Python callers).

    >>> strip_each([" 南宁 ", "柳州"])
    ('南宁', '柳州')
    """
    items: Any = values
    if type(items) is tuple or type(items) is list:
        try:
            return tuple(map(str.strip, items))
        except TypeError:
            pass  # an item is not a str: left for the type checks to name, below
    elif isinstance(items, str) or not isinstance(items, Iterable):
        # A lone str is not a tuple of texts: left for the type checks to name.
        return values  # type: ignore[return-value]
    return tuple([strip(v) for v in items])
