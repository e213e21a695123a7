"""
JSON Schema 2020-12 for every record and value type, read off the classes themselves.

The schema says what the strict loader takes: required keys are the fields
without a default, ``null`` is allowed exactly where a field is ``X | None``,
money and decimals are decimal strings, dates carry ``format: date``, codelists
are ``enum`` with their Chinese and English labels.  The records' own rules
(a certificate's year matching its issue date …) are beyond JSON Schema: the
loader checks them, the schema does not.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import types
import typing
from decimal import Decimal
from typing import Any, Final

import attrs
import pendulum

from gxai_policy.records._base import Extras
from gxai_policy.values._codelist import Codelist
from gxai_policy.values.dates import PartialDate
from gxai_policy.values.identifiers import (
    USCC,
    DocumentNumber,
    HighTechCertificateNumber,
    ProposalNumber,
    RegionCode,
)
from gxai_policy.values.money import Money

__all__ = ["DIALECT", "json_schema"]

#: The JSON Schema dialect of every schema this module writes.
DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"

_DECIMAL_PATTERN: Final = r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$"
_MONEY_PATTERN: Final = r"^(0|[1-9][0-9]*)(\.[0-9]{1,2})?$"
_PARTIAL_DATE_PATTERN: Final = r"^[0-9]{4}(-(0[1-9]|1[0-2]))?$"

_LEAVES: Final[dict[Any, dict[str, Any]]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    Decimal: {"type": "string", "pattern": _DECIMAL_PATTERN},
    Money: {
        "type": "string",
        "pattern": _MONEY_PATTERN,
        "description": "Exact yuan as a decimal string, at most two places; never a number.",
    },
    pendulum.Date: {"type": "string", "format": "date"},
    dt.date: {"type": "string", "format": "date"},
    PartialDate: {
        "type": "string",
        "pattern": _PARTIAL_DATE_PATTERN,
        "description": "A year (YYYY) or a year and month (YYYY-MM).",
    },
    RegionCode: {"type": "string", "pattern": r"^[0-9]{6}$"},
    USCC: {"type": "string", "pattern": r"^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$"},
    HighTechCertificateNumber: {"type": "string", "pattern": r"^GR[0-9]{4}[0-9]{2}[0-9]{6}$"},
    ProposalNumber: {"type": "string", "pattern": r"^[0-9]+$"},
    DocumentNumber: {"type": "string", "pattern": r"^.+〔[0-9]{4}〕[1-9][0-9]*号$"},
}


def _summary(obj: Any) -> str | None:
    doc = inspect.getdoc(obj)
    if not doc:
        return None
    return doc.strip().split("\n\n", 1)[0].replace("\n", " ")


_ATTRIBUTE = re.compile(r"^ {4}(\w+):\s*(.*)$")


def _field_docs(cls: type) -> dict[str, str]:
    """
    Field descriptions from the ``Attributes:`` section of *cls*'s docstring.
    """
    doc = inspect.getdoc(cls) or ""
    _, found, section = doc.partition("Attributes:\n")
    if not found:
        return {}
    out: dict[str, str] = {}
    current: str | None = None
    for line in section.splitlines():
        if line and not line.startswith(" "):
            break
        match = _ATTRIBUTE.match(line)
        if match:
            current = match.group(1)
            out[current] = match.group(2)
        elif current and line.strip():
            out[current] += " " + line.strip()
        else:
            current = None if not line.strip() else current
    return out


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def of(self, t: Any) -> dict[str, Any]:
        if t in _LEAVES:
            return dict(_LEAVES[t])
        origin = typing.get_origin(t)
        if origin in (typing.Union, types.UnionType):
            options = [self.of(a) for a in typing.get_args(t)]
            return {"anyOf": options}
        if t is type(None):
            return {"type": "null"}
        if origin in (tuple, frozenset, list):
            items = self.of(typing.get_args(t)[0])
            schema: dict[str, Any] = {"type": "array", "items": items}
            if origin is frozenset:
                schema["uniqueItems"] = True
            return schema
        if isinstance(t, type) and issubclass(t, Codelist):
            return self._ref(t, self._codelist)
        if isinstance(t, type) and attrs.has(t):
            return self._ref(t, self._record)
        raise TypeError(f"no JSON Schema for {t!r}")

    def _ref(self, t: type, build: Any) -> dict[str, Any]:
        name = t.__name__
        if name not in self.defs:
            self.defs[name] = {}  # a placeholder breaks cycles (Section holds Sections)
            self.defs[name] = build(t)
        return {"$ref": f"#/$defs/{name}"}

    def _codelist(self, cls: type[Codelist]) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "string",
            "enum": [m.value for m in cls],
            "x-labels": {m.value: {"zh": m.label_zh, "en": m.label_en} for m in cls},
        }
        summary = _summary(cls)
        if summary:
            schema["description"] = summary
        return schema

    def _record(self, cls: type) -> dict[str, Any]:
        docs = _field_docs(cls)
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        keeps_extras = False
        for a in attrs.fields(cls):
            if a.name == "extras" and hints[a.name] is Extras:
                keeps_extras = True
                continue
            prop = self.of(hints[a.name])
            if a.name in docs:
                prop = (
                    {**prop, "description": docs[a.name]}
                    if "$ref" not in prop
                    else {
                        "allOf": [prop],
                        "description": docs[a.name],
                    }
                )
            properties[a.alias] = prop
            if a.default is attrs.NOTHING:
                required.append(a.alias)
        schema: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            schema["required"] = required
        # Unknown keys are refused by default; unknown="report" keeps them in extras.
        schema["additionalProperties"] = False
        if keeps_extras:
            schema["x-extras"] = "unknown keys are kept with unknown='report'"
        summary = _summary(cls)
        if summary:
            schema["description"] = summary
        schema["title"] = cls.__name__
        return schema


def json_schema(cls: Any) -> dict[str, Any]:
    """
    The JSON Schema 2020-12 of what `gxai_policy.from_dict` takes for *cls*.

    >>> import gxai_policy as gp
    >>> schema = gp.json_schema(gp.RegionCode)
    >>> schema["$schema"], schema["pattern"]
    ('https://json-schema.org/draft/2020-12/schema', '^[0-9]{6}$')
    >>> gp.json_schema(complex)
    Traceback (most recent call last):
      ...
    TypeError: no JSON Schema for <class 'complex'>
    """
    builder = _Builder()
    root = builder.of(cls)
    if builder.defs:
        root["$defs"] = builder.defs
    if "$ref" in root:
        root["title"] = root["$ref"].rsplit("/", 1)[1]
    return {"$schema": DIALECT, **root}
