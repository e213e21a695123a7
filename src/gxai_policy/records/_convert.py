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

__all__ = ["NOT_BLANK", "PERSONAL", "since", "strip", "strip_each", "strip_optional"]

#: Metadata of a text field (or a sequence of texts) that its record refuses
#: blank: the JSON Schema says so (``"pattern": "\\S"``), so that what the
#: schema takes, the loader takes.
NOT_BLANK: Final = MappingProxyType({"not_blank": True})

#: Metadata of a field that holds personal data (个人信息): information about
#: an identified or identifiable natural person, 个人信息保护法 (PIPL) art. 4.
#: `gxai_policy.redact` removes it, the JSON Schema says ``x-personal: true``,
#: and ``gxai_policy.check(..., publishing=True)`` warns while it is there.
PERSONAL: Final = MappingProxyType({"personal": True})


def since(version: int) -> MappingProxyType[str, int]:
    """
    Metadata of a field the wire format gained in schema *version*: older schemas leave it out.

    >>> dict(since(2))
    {'since': 2}
    """
    return MappingProxyType({"since": version})


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
