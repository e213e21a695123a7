"""
The fast paths of the JSON edge: msgspec reads, the records check; written-out dumpers write.

Both are walkers over a type's shape (`gxai_policy.wire._shape`): leaves are
read and written by their codecs, as the detailed path reads and writes them.

Loading valid JSON is the common case, and the detailed path (cattrs, one
Python hook a value, every problem collected with its pointer) pays for
errors that are not there.  Here msgspec decodes the text in C straight into
*mirrors*: msgspec Structs with a record's keys and the wire types of its
values (strings for identifiers, dates and money; codelists as enums), which
refuse what the strict hooks refuse — a wrong JSON type, an unknown or
missing key, a string over the limit.  The records are then built from the
mirrors, each leaf through the same codec the detailed path uses, so
that every rule runs exactly as it does there.

Whatever goes wrong, the caller forgets this path and loads again the
detailed way, which says what is wrong: this path only ever *accepts*.  So
it may be stricter than the detailed path, never laxer, and it returns what
the detailed path would have returned — a property test holds it to that
for every record.

Every type with a shape has a plan.

Dumping has its fast path here too: `dumper` writes, for a record type,
the function attrs would write — a dict literal, nested values inline —
where cattrs calls a hook a field and dispatches on each value's type.
Property tests hold it to the converter's output.
"""

from __future__ import annotations

import datetime as dt
import functools
import typing
from collections.abc import Callable
from typing import Annotated, Any, Final

import attrs
import msgspec
import pendulum

from gxai_policy.records._base import EMPTY_EXTRAS
from gxai_policy.values._codelist import Codelist
from gxai_policy.wire._limits import Limits
from gxai_policy.wire._shape import Code, Field, Leaf, Optional, Record, Seq, Shape, shape_of

# No __all__: a private module of gxai_policy.wire, which exports what is public.

# orjson, which the detailed path reads with, gives integers of 64 bits and
# no more (a longer one arrives as a float, which no field takes); msgspec's
# bounds stop at a signed 64-bit integer: larger ones go the detailed way.
_INT_MIN: Final = -(2**63)
_INT_MAX: Final = 2**63 - 1


class Miss(Exception):  # noqa: N818 - not an error: the detailed path takes over
    """
    The fast path cannot vouch for the input; the detailed path must look.
    """


@attrs.frozen
class Plan:
    """
    How to load one type fast: a msgspec decoder and the builder of its value.

    Attributes:
        decoder: Decodes JSON text into the type's mirror.

        build: Turns the mirror into the loaded value; raises on anything
            the detailed path would refuse.

        longest_text: The longest key or code of any mirror: under a
            ``max_string`` this short the detailed path would refuse it, so
            the plan must not be used.
    """

    decoder: msgspec.json.Decoder[Any]
    build: Callable[[Any, int], Any]
    longest_text: int

    def load(self, text: str | bytes) -> Any:
        """
        The value of JSON *text*, or an exception of any kind if the plan cannot vouch for it.
        """
        return self.build(self.decoder.decode(text), 1)


def plan(t: Any, limits: Limits) -> Plan | None:
    """
    The fast plan for type *t* (which has a shape) under *limits*, where it may be used.

    None for a type with ``Any`` in it (msgspec would take any JSON value
    there without holding it to the limits), and under a ``max_string``
    shorter than one of the plan's keys or codes (the detailed path would
    refuse it): such loads go the detailed way.
    """
    # max_bytes, max_values and max_errors are seen to before decoding, or
    # matter only to the detailed path: plans differ by the other three.
    found = _plan(t, limits.max_string, limits.max_digits, limits.max_depth)
    return None if found is None or found.longest_text > limits.max_string else found


def longest(limits: Limits) -> int:
    """
    The length of the longest text a plan may be given under *limits*.

    msgspec counts neither bytes nor values: a text longer than
    ``max_bytes``, or than ``max_values`` (each value takes a byte at least),
    goes the detailed way, which counts both.
    """
    return min(limits.max_bytes, limits.max_values)


# Bounded: a caller may make new Limits on every call, and a plan is compiled code.
@functools.lru_cache(maxsize=128)
def _plan(t: Any, max_string: int, max_digits: int, max_depth: int) -> Plan | None:
    try:
        mirror, build = _Planner(max_string, max_digits, max_depth).build(t)
    except _NoPlan:
        return None
    return Plan(msgspec.json.Decoder(mirror), build, _longest_text(mirror))


@functools.cache
def dumper(t: Any, *, for_orjson: bool = False) -> Callable[[Any], Any]:
    """
    A function that writes a *t* as plain data, as `gxai_policy.to_dict` does; None if *t* has none.

    Written out for the type, as attrs writes ``__init__``: a dict literal a
    record, nested values inline, no dispatch on the type of each value.
    *for_orjson*: the data is only for ``orjson.dumps``, which writes tuples
    as arrays and a codelist member as its value: those are left as they are.
    """
    return _Dumper(for_orjson=for_orjson).dumper(t)


class _NoPlan(Exception):  # noqa: N818 - an answer, not an error
    """
    A type the fast path leaves to the detailed one.
    """


def _longest_text(wire: Any) -> int:
    longest = 0
    seen: set[Any] = set()
    stack = [wire]
    while stack:
        t = stack.pop()
        if isinstance(t, type) and issubclass(t, msgspec.Struct):
            if t in seen:
                continue
            seen.add(t)
            longest = max([longest, *map(len, t.__struct_fields__)])
            stack.extend(typing.get_type_hints(t, include_extras=True).values())
        elif isinstance(t, type) and issubclass(t, Codelist):
            longest = max([longest, *(len(m.value) for m in t)])
        else:
            stack.extend(typing.get_args(t))
    return longest


class _Scope:
    """
    The globals of the code a plan generates: a name for every object it calls.
    """

    def __init__(self, limit: int) -> None:
        self.names: dict[str, Any] = {"Miss": Miss, "UNSET": msgspec.UNSET, "limit": limit}
        self._locals = 0

    def local(self, hint: str) -> str:
        """
        A new name for a local variable of the generated code.
        """
        self._locals += 1
        return f"{hint}{self._locals}"

    def name(self, obj: Any, hint: str) -> str:
        name = f"{hint}_{len(self.names)}"
        self.names[name] = obj
        return name

    def define(
        self, hint: str, lines: list[str], *, arguments: str = "value, level", name: str = ""
    ) -> Callable[..., Any]:
        """
        Compile the function whose body is *lines*, under a new name made from *hint*.

        A *name* reserved earlier (with `name`) is used instead: a function
        that calls itself is named before its body is written.
        """
        name = name or self.name(None, hint)
        source = "\n".join([f"def {name}({arguments}):", *(f"    {line}" for line in lines)])
        exec(compile(source, f"<gxai_policy fast path {name}>", "exec"), self.names)  # noqa: S102
        return typing.cast("Callable[..., Any]", self.names[name])


#: Writes the expression of a value made from *source*, the expression it is
#: made from: a mirror's field when loading (at nesting level ``inner``, a
#: variable of the generated code), a record's attribute when dumping.
_Render = Callable[[str, _Scope], str]


def _same(source: str, _scope: _Scope) -> str:
    return source


class _Planner:
    """
    Works out the mirror type of a type and the code that builds its value, once.
    """

    def __init__(self, max_string: int, max_digits: int, max_depth: int) -> None:
        self._max_string = max_string
        self._str = Annotated[str, msgspec.Meta(max_length=max_string)]
        bound = 10**max_digits - 1
        self._int = Annotated[int, msgspec.Meta(ge=max(-bound, _INT_MIN), le=min(bound, _INT_MAX))]
        self._scope = _Scope(max_depth)
        # Records planned or being planned: their mirror and builder's name.
        self._records: dict[type, tuple[Any, str]] = {}

    def build(self, t: Any) -> tuple[Any, Callable[[Any, int], Any]]:
        """
        The mirror type of *t*, and a function of a mirror and its level that builds the value.
        """
        mirror, render = self.plan(shape_of(t))
        return mirror, self._scope.define(
            "load", ["inner = level", f"return {render('value', self._scope)}"]
        )

    def plan(self, shape: Shape) -> tuple[Any, _Render]:
        if isinstance(shape, Code):
            return shape.cls, _same
        if isinstance(shape, Optional):
            mirror, render = self.plan(shape.inner)
            if render is _same:
                return mirror | None, _same
            return mirror | None, lambda s, scope: f"(None if {s} is None else {render(s, scope)})"
        if isinstance(shape, Seq):
            return self._sequence(shape)
        if isinstance(shape, Record):
            return self._record(shape)
        return self._leaf(shape)

    def _leaf(self, shape: Leaf) -> tuple[Any, _Render]:
        if shape.cls is str:
            return self._str, _same
        if shape.cls is int:
            return self._int, _same
        if shape.cls is bool:
            return bool, _same
        if shape.cls is pendulum.Date and self._max_string >= len("YYYY-MM-DD"):
            # msgspec reads an RFC 3339 date in C, which takes what the
            # strict reader takes (YYYY-MM-DD in ASCII digits, a day that
            # exists) and is three times as fast.
            date = self._scope.name(pendulum.Date, "Date")
            return dt.date, lambda s, _: f"{date}({s}.year, {s}.month, {s}.day)"
        if shape.codec.json_type == "any":
            raise _NoPlan(shape.cls)
        read = self._scope.name(shape.codec.read, "read")
        attribute = shape.codec.attribute
        if attribute is None:
            return self._str, lambda s, _: f"{read}({s})"
        kind = self._scope.name(shape.cls, "type")

        def construct(s: str, scope: _Scope) -> str:
            # What the reader does first, without calling it: the constructor
            # reads canonical text.  Other text goes to the reader, to refuse.
            made = scope.local("v")
            kept = f"({made} := {kind}({s})).{attribute}"
            return f"({made} if {kept} == {s} else {read}({s}))"

        return self._str, construct

    def _sequence(self, shape: Seq) -> tuple[Any, _Render]:
        origin: Any = shape.container
        item_mirror, item = self.plan(shape.item)
        mirror = origin[item_mirror, ...] if origin is tuple else origin[item_mirror]
        if item is _same:
            # msgspec makes the container the field asks for; the record
            # holding it has seen to its depth (see _record).
            return mirror, _same
        make = self._scope.name(origin, "make")
        build = self._scope.define(
            "sequence",
            [
                "if level > limit:",
                "    raise Miss('too deep')",
                "inner = level + 1",
                f"return {make}({_comprehension('[{}]', item, 'value', self._scope)})",
            ],
        )
        call = self._scope.name(build, "sequence")
        # An empty one (a section's subsections, mostly) is already what it should be.
        return mirror, lambda s, _: f"({call}({s}, inner) if {s} else {s})"

    def _record(self, shape: Record) -> tuple[Any, _Render]:
        cls = shape.cls
        known = self._records.get(cls)
        if known is not None:
            mirror, name = known
            return mirror, lambda source, _: f"{name}({source}, inner)"
        fields = shape.fields
        # A field with a default may be missing (UNSET); the others must be
        # there.  The types come after, once planned: they may refer back
        # to this mirror, and msgspec reads them only when a decoder is made.
        mirror = msgspec.defstruct(
            "Mirror",
            [(f.name, Any) if f.required else (f.name, Any, msgspec.UNSET) for f in fields],
            kw_only=True,
            forbid_unknown_fields=True,
            frozen=True,
            # Mirrors live for one load and hold a tree, never a cycle: left
            # untracked, they give the garbage collector less to walk.
            gc=False,
        )
        # Named before its fields are planned: a field may hold records of
        # this class, and the generated code looks the name up when it runs.
        name = self._scope.name(None, "build")
        self._records[cls] = (mirror, name)
        planned = {f.name: self.plan(f.shape) for f in fields}
        mirror.__annotations__ = {
            f.name: planned[f.name][0] if f.required else planned[f.name][0] | msgspec.UnsetType
            for f in fields
        }
        arguments = [f"    {f.name}={self._argument(f, planned[f.name][1])}," for f in fields]
        self._scope.define(
            "",
            [
                # One level short of the limit, so that a container of plain
                # values in a field is within it too: stricter than the
                # detailed path at the very limit, which is allowed.
                "if level >= limit:",
                "    raise Miss('too deep')",
                "inner = level + 1",
                "m = value",
                f"return {self._scope.name(cls, 'record')}(",
                *arguments,
                ")",
            ],
            name=name,
        )
        return mirror, lambda source, _: f"{name}({source}, inner)"

    def _argument(self, field: Field, render: _Render) -> str:
        """
        The expression of one keyword argument: a field left out gets its default.
        """
        value = render(f"m.{field.name}", self._scope)
        if field.required:
            return value
        given: Any = field.default
        if isinstance(given, attrs.Factory):  # type: ignore[arg-type]
            if given.takes_self:
                # Left out, the record's own __init__ makes it from the others.
                raise NotImplementedError(f"{field.name}: a default that takes self")
            default = f"{self._scope.name(given.factory, 'factory')}()"
        else:
            default = self._scope.name(given, "default")
        return f"({default} if m.{field.name} is UNSET else {value})"


class _Dumper:
    """
    Works out the code that writes a type as plain data, once.

    A record is written inline where it is met — a dict literal in the
    expression of its parent's dict or list — and, once, as a function of
    its own: for itself, for a record with kept unknown keys, and for a
    record inside one of its own class (a section's subsections).
    """

    def __init__(self, *, for_orjson: bool) -> None:
        self._for_orjson = for_orjson
        self._scope = _Scope(0)
        self._records: dict[type, _Render] = {}

    def dumper(self, t: Any) -> Callable[[Any], Any]:
        render = self.plan(shape_of(t))
        return self._scope.define(
            "dump", [f"return {render('value', self._scope)}"], arguments="value"
        )

    def plan(self, shape: Shape) -> _Render:
        if isinstance(shape, Code):
            return _same if self._for_orjson else lambda source, _: f"{source}._value_"
        if isinstance(shape, Optional):
            return self._optional(shape.inner)
        if isinstance(shape, Seq):
            return self._sequence(shape)
        if isinstance(shape, Record):
            return self._record(shape)
        return self._leaf(shape)

    def _optional(self, present: Shape) -> _Render:
        item = self.plan(present)
        if item is _same:
            return _same

        def render(s: str, scope: _Scope) -> str:
            name, naming = _bind(s, scope, "o")
            return f"(None if {naming} is None else {item(name, scope)})"

        return render

    def _sequence(self, shape: Seq) -> _Render:
        origin = shape.container
        item = self.plan(shape.item)
        if origin is frozenset:
            # Sorted, so that equal records give equal text (codelists are
            # str enums: members sort as their values do).
            if item is _same:
                return lambda s, _: f"sorted({s})"
            return lambda s, scope: _comprehension("sorted([{}])", item, s, scope)
        if item is _same:
            return _same if self._for_orjson and origin is tuple else lambda s, _: f"list({s})"
        # Empty ones (a section's subsections, mostly) skip the comprehension.
        return lambda s, scope: _comprehension(f"([{{}}] if {s} else [])", item, s, scope)

    def _leaf(self, shape: Leaf) -> _Render:
        if shape.cls in (str, int, bool):
            return _same
        attribute = shape.codec.attribute
        if attribute is not None:
            return lambda s, _: f"{s}.{attribute}"
        write = self._scope.name(shape.codec.write, "write")
        return lambda s, _: f"{write}({s})"

    def _record(self, shape: Record) -> _Render:
        known = self._records.get(shape.cls)
        if known is not None:
            return known
        # Named before its fields are planned: inside itself, a record of
        # this class is a call of the function being written.
        name = self._scope.name(None, "dump")
        self._records[shape.cls] = lambda s, _: f"{name}({s})"
        planned = [(f.name, self.plan(f.shape)) for f in shape.fields]

        def literal(subject: str, scope: _Scope) -> str:
            items = (f"{key!r}: {render(f'{subject}.{key}', scope)}" for key, render in planned)
            return "{" + ", ".join(items) + "}"

        lines = [f"out = {literal('value', self._scope)}"]
        if not shape.keeps_extras:
            # The subject is a name or a chain of attributes (never an
            # assignment, which a comprehension's iterable must not hold):
            # read again for each field.
            inline: _Render = literal
        else:
            # Kept unknown keys go last, sorted.  Nearly every record has
            # none: the shared empty default, told by identity, is written
            # inline; the others by the function.
            empty = self._scope.name(EMPTY_EXTRAS, "no_extras")
            kept = "value.extras" if self._for_orjson else "value.extras.wire()"
            lines += [
                f"if value.extras is not {empty} and value.extras:",
                f"    out.update(sorted({kept}.items()))",
            ]

            def unless_kept(s: str, scope: _Scope) -> str:
                bound, naming = _bind(s, scope, "r")
                whole = literal(bound, scope)
                return f"({whole} if {naming}.extras is {empty} else {name}({bound}))"

            inline = unless_kept

        self._scope.define("", [*lines, "return out"], arguments="value", name=name)
        self._records[shape.cls] = inline
        return inline


def _bind(source: str, scope: _Scope, hint: str) -> tuple[str, str]:
    """
    A name for the value of *source*, and the expression that gives it that name.
    """
    if source.isidentifier():
        return source, source
    name = scope.local(hint)
    return name, f"({name} := {source})"


def _comprehension(template: str, item: _Render, source: str, scope: _Scope) -> str:
    """
    *template* with, in its ``{}``, the comprehension writing each item of *source*.
    """
    each = scope.local("x")
    return template.format(f"{item(each, scope)} for {each} in {source}")
