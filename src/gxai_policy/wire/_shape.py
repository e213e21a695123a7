"""
The wire shape of a type: one frozen tree a type, worked out once, read by every walker.

This is the only module that asks what wire form a type has (what a
record is, what a leaf is); what an annotation is made of it asks
`gxai_policy._types.parts`, which construction's type checks read too.
The strict and lax loaders, the fast path, the schema and the limits walk
the tree it gives:

- `Leaf`: one JSON scalar, read and written by its `Codec` (a value type,
  a date, money, a plain ``str``/``int``/``bool``);
- `Code`: a codelist member, written as its code;
- `Optional`: ``X | None``;
- `Seq`: a ``tuple[X, ...]``, ``list[X]`` or ``frozenset[X]``, a JSON array;
- `Record`: an attrs class, a JSON object whose keys are its fields.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Mapping
from typing import Any

import attrs
from attrs import frozen

from gxai_policy._types import parts
from gxai_policy.records._base import Extras
from gxai_policy.values._codelist import Codelist
from gxai_policy.values._labels import LABEL_ZH
from gxai_policy.wire._values import CODECS, Codec

# No __all__: a private module of gxai_policy.wire, which exports what is public.


@frozen
class Leaf:
    """
    One JSON scalar: read, written, parsed and described by its codec.
    """

    cls: Any
    codec: Codec


@frozen
class Code:
    """
    A member of a codelist, written as its stable English code.
    """

    cls: type[Codelist]


@frozen
class Optional:
    """
    A value or ``null``.
    """

    inner: Shape


@frozen
class Seq:
    """
    A JSON array, held as a ``tuple``, ``list`` or ``frozenset`` of one item shape.
    """

    container: type
    item: Shape


@frozen
class Field:
    """
    One key of a record: its attribute, its shape, and whether it may be left out.

    Attributes:
        name: The attribute (and wire key: keys are attribute names).

        shape: The shape of its value.

        required: Whether a payload must give it (the field has no default).

        default: The default when left out: a value, or an ``attrs.Factory``.

        not_blank: Whether its text (or each of its texts) is refused blank
            by the record (the field's metadata says so, ``NOT_BLANK``).

        schema: JSON Schema keywords for its value that the record's rules
            hold it to (bounds, an enum): the field's ``"schema"`` metadata.

        label_zh: Its Chinese label (企业名称 …), declared beside the field
            (`gxai_policy.values._labels.label`): spreadsheets' headers.

        personal: Whether it holds personal data (the field's metadata says
            so, ``PERSONAL``): the schema marks it ``x-personal``.

        since: The schema version that brought the field (1 for the first):
            the schemas of older versions leave it out.
    """

    name: str
    shape: Shape
    required: bool
    default: Any
    not_blank: bool = False
    schema: Mapping[str, Any] = attrs.field(factory=dict)
    label_zh: str | None = None
    personal: bool = False
    since: int = 1


# Compared by identity: records may hold themselves (a section's
# subsections), so their fields are read lazily, once.
@frozen(eq=False)
class Record:
    """
    A JSON object whose keys are a record's fields.

    Attributes:
        cls: The attrs class.

        keeps_extras: Whether it has an ``extras`` field, which keeps unknown
            keys under ``unknown="report"``.
    """

    cls: type
    keeps_extras: bool

    @property
    def fields(self) -> tuple[Field, ...]:
        """
        Its fields in declaration order, ``extras`` left out.
        """
        return _fields(self.cls)

    @property
    def keys(self) -> frozenset[str]:
        """
        The keys it knows.
        """
        return _keys(self.cls)


Shape = Leaf | Code | Optional | Seq | Record


def shape_of(t: Any) -> Shape:
    """
    The wire shape of *t*: a record, a value type, or a container or optional of them.

    Raises:
        TypeError: If *t* has no wire form (it names what does).
    """
    try:
        hash(t)
    except TypeError:
        raise _no_shape(t) from None
    return _shape(t)


@functools.cache
def _shape(t: Any) -> Shape:
    codec = CODECS.get(t)
    if codec is not None:
        return Leaf(t, codec)
    if isinstance(t, type) and issubclass(t, Codelist):
        return Code(t)
    found = parts(t)
    match found.kind, found.args:
        case "optional", (inner,):
            return Optional(shape_of(inner))
        case "sequence", (container, item):
            return Seq(container, shape_of(item))
        case "class", (cls,) if attrs.has(cls):
            return _record(cls)
    raise _no_shape(t)


# Records by class, entered before their fields are worked out: a record
# may hold records of its own class (a section's subsections).
_RECORDS: dict[type, Record] = {}


def _record(cls: type) -> Record:
    known = _RECORDS.get(cls)
    if known is not None:
        return known
    record = _RECORDS[cls] = Record(cls, keeps_extras=_keeps_extras(cls))
    try:
        _fields(cls)
    except BaseException:
        del _RECORDS[cls]
        raise
    return record


def _no_shape(t: Any) -> TypeError:
    return TypeError(
        f"{t!r} has no wire form: give a record class (gp.Enterprise …), a value type"
        " (gp.USCC …), a codelist, or a list[...] or tuple[..., ...] of them"
    )


def _keeps_extras(cls: type) -> bool:
    return any(a.name == "extras" and a.type in (Extras, "Extras") for a in attrs.fields(cls))


@functools.cache
def _fields(cls: type) -> tuple[Field, ...]:
    hints = typing.get_type_hints(cls)
    out = []
    for a in attrs.fields(cls):
        if a.name == "extras" and hints[a.name] is Extras:
            continue
        if not a.init or a.alias != a.name:
            raise _no_shape(cls)
        out.append(
            Field(
                a.name,
                shape_of(hints[a.name]),
                a.default is attrs.NOTHING,
                a.default,
                not_blank=bool(a.metadata.get("not_blank")),
                schema=a.metadata.get("schema", {}),
                label_zh=a.metadata.get(LABEL_ZH),
                personal=bool(a.metadata.get("personal")),
                since=a.metadata.get("since", 1),
            )
        )
    return tuple(out)


@functools.cache
def _keys(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in _fields(cls))
