"""
JSON Schema 2020-12 for every record and value type, read off their shapes.

The schema says what the strict loader takes: required keys are the fields
without a default, ``null`` is allowed exactly where a field is ``X | None``,
leaves are described by their codecs (money and decimals as decimal
strings, dates with ``format: date``, identifiers with their patterns),
codelists are ``enum`` with their Chinese and English labels.  What JSON
Schema cannot say (check characters, the records' cross-field rules) the
loader checks and the schema does not: docs/formats.md lists it.
"""

from __future__ import annotations

import inspect
import re
import typing
from collections.abc import Mapping
from typing import Any, Final

from gxai_policy.records.dataset import SCHEMA_VERSION
from gxai_policy.wire._shape import Code, Field, Leaf, Optional, Record, Seq, Shape, shape_of

# No __all__: a private module of gxai_policy.wire, which exports what is public.

#: The JSON Schema dialect of every schema this module writes.
DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"


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
    def __init__(self, version: int) -> None:
        self.defs: dict[str, dict[str, Any]] = {}
        self.version = version

    def of(self, shape: Shape) -> dict[str, Any]:
        if isinstance(shape, Leaf):
            return dict(shape.codec.schema)
        if isinstance(shape, Optional):
            return {"anyOf": [self.of(shape.inner), {"type": "null"}]}
        if isinstance(shape, Seq):
            schema: dict[str, Any] = {"type": "array", "items": self.of(shape.item)}
            if shape.container is frozenset:
                schema["uniqueItems"] = True
            return schema
        if isinstance(shape, Code):
            return self._ref(shape.cls, lambda: self._codelist(shape))
        return self._ref(shape.cls, lambda: self._record(shape))

    def _ref(self, t: type, build: Any) -> dict[str, Any]:
        name = t.__name__
        if name not in self.defs:
            self.defs[name] = {}  # a placeholder breaks cycles (Section holds Sections)
            self.defs[name] = build()
        return {"$ref": f"#/$defs/{name}"}

    def _codelist(self, shape: Code) -> dict[str, Any]:
        cls = shape.cls
        schema: dict[str, Any] = {
            "type": "string",
            "enum": [m.value for m in cls],
            "x-labels": {m.value: {"zh": m.label_zh, "en": m.label_en} for m in cls},
        }
        summary = _summary(cls)
        if summary:
            schema["description"] = summary
        return schema

    def _record(self, shape: Record) -> dict[str, Any]:
        cls = shape.cls
        docs = _field_docs(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in shape.fields:
            if field.since > self.version:
                continue
            prop = self.of(field.shape)
            if field.not_blank:
                _not_blank(prop)
            _refine(prop, field.schema)
            notes = _notes(field, docs)
            if notes:
                prop = {"allOf": [prop], **notes} if "$ref" in prop else {**prop, **notes}
            properties[field.name] = prop
            if field.required:
                required.append(field.name)
        schema: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            schema["required"] = required
        # Unknown keys are refused by default; unknown="report" keeps them in extras.
        schema["additionalProperties"] = False
        if shape.keeps_extras:
            schema["x-extras"] = "unknown keys are kept with unknown='report'"
        summary = _summary(cls)
        if summary:
            schema["description"] = summary
        schema["title"] = cls.__name__
        return schema


def _notes(field: Field, docs: Mapping[str, str]) -> dict[str, Any]:
    """
    What the schema says of *field* beside its value: its label, description, personal data.
    """
    notes: dict[str, Any] = {}
    if field.label_zh is not None:
        # The column header spreadsheets give it (gp.iter_table reads it).
        notes["x-label-zh"] = field.label_zh
    if field.name in docs:
        notes["description"] = docs[field.name]
    if field.personal:
        # 个人信息保护法 art. 4: gp.redact removes it before publishing.
        notes["x-personal"] = True
    return notes


def _refine(schema: dict[str, Any], keywords: Mapping[str, Any]) -> None:
    """
    Add *keywords* to *schema*, or to each of its options that is not ``null``.
    """
    if not keywords:
        return
    options = schema.get("anyOf")
    if options is None:
        schema.update(keywords)
        return
    for option in options:
        if option.get("type") != "null":
            option.update(keywords)


def _not_blank(schema: dict[str, Any]) -> None:
    """
    Make the strings *schema* describes (itself, its items, its options) refuse blank text.
    """
    if schema.get("type") == "string":
        # Any character that is not white space: the records strip text, then refuse it empty.
        schema["pattern"] = r"\S"
    for option in schema.get("anyOf", ()):
        _not_blank(option)
    if "items" in schema:
        _not_blank(schema["items"])


#: Where the schemas of each version are published: ``{base}v2/Enterprise.json``.
SCHEMA_BASE: Final = "https://gxai-policy.readthedocs.io/en/latest/schemas/"


def schema_id(cls: Any, version: int) -> str:
    """
    The ``$id`` of *cls*'s schema in *version*: where the docs publish it.

    >>> schema_id(int, 2)
    'https://gxai-policy.readthedocs.io/en/latest/schemas/v2/int.json'
    >>> schema_id(list[int], 1)
    'https://gxai-policy.readthedocs.io/en/latest/schemas/v1/list_int.json'
    """
    if isinstance(cls, type) and typing.get_origin(cls) is None:
        name = cls.__name__
    else:
        # list[gxai_policy.records.enterprise.Enterprise] -> list_Enterprise
        name = "_".join(t.rsplit(".", 1)[-1] for t in re.findall(r"[\w.]+", repr(cls)))
    return f"{SCHEMA_BASE}v{version}/{name}.json"


def json_schema(cls: Any, *, version: int | None = None) -> dict[str, Any]:
    """
    The JSON Schema 2020-12 of what `gxai_policy.from_dict` takes for *cls*.

    Its ``$id`` names the schema version (``…/schemas/v2/Enterprise.json``);
    fields that hold personal data say ``"x-personal": true``.

    Args:
        cls: The type: a record, a value type, or a list of them.

        version: The schema version to describe, `gxai_policy.SCHEMA_VERSION`
            (the current) by default; an older one leaves out the fields it
            did not have yet.

    Raises:
        TypeError: If *cls* has no wire form.

        ValueError: For a *version* that is not 1 … `gxai_policy.SCHEMA_VERSION`.

    >>> import gxai_policy as gp
    >>> schema = gp.json_schema(gp.RegionCode)
    >>> schema["$schema"], schema["pattern"]
    ('https://json-schema.org/draft/2020-12/schema', '^[0-9]{6}$')
    >>> gp.json_schema(gp.Enterprise, version=1)["$id"]
    'https://gxai-policy.readthedocs.io/en/latest/schemas/v1/Enterprise.json'
    >>> gp.json_schema(complex)
    Traceback (most recent call last):
      ...
    TypeError: <class 'complex'> has no wire form: ...
    """
    current = SCHEMA_VERSION
    version = current if version is None else version
    if type(version) is not int or not 1 <= version <= current:
        raise ValueError(f"version must be a schema version, 1 to {current}, not {version!r}")
    builder = _Builder(version)
    root = builder.of(shape_of(cls))
    if builder.defs:
        root["$defs"] = builder.defs
    if "$ref" in root:
        root["title"] = root["$ref"].rsplit("/", 1)[1]
    return {"$schema": DIALECT, "$id": schema_id(cls, version), **root}
