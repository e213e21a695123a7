"""
Records and values as pydantic v2 fields and FastAPI bodies (the ``[pydantic]`` extra).

``Wire[gp.Enterprise]`` is ``gp.Enterprise`` to a type checker and, to
pydantic, a field that loads, writes and describes itself as this library
does: validation is `gxai_policy.from_dict` (strict, unknown keys refused),
so a payload gets the same verdict here as from `gxai_policy.from_json`;
``model_dump`` and ``model_dump_json`` write the wire form
(`gxai_policy.to_dict`); the JSON Schema (``model_json_schema``, FastAPI's
OpenAPI) is `gxai_policy.json_schema`'s, its ``$defs`` merged with the
model's.  Each violation becomes one pydantic error: ``type`` is its code,
``loc`` the field's location followed by the violation's JSON Pointer,
``msg`` the English message, and ``ctx`` holds ``message_zh``,
``severity`` and ``path`` (the pointer).

`Validated` is the marker behind it, for other options:
``Annotated[gp.Enterprise, Validated(mode="lax", unknown="report")]``; `Lax`
is the lax one.  Any type `gxai_policy.from_dict` takes will do: a record,
a value type (`gxai_policy.USCC`, `gxai_policy.Money` …), a codelist, a
``list[...]`` of them.

>>> import pydantic, gxai_policy as gp
>>> from gxai_policy.pydantic import Wire
>>> class Filing(pydantic.BaseModel):
...     enterprise: Wire[gp.Enterprise]
>>> filing = Filing.model_validate_json(
...     '{"enterprise": {"name": "示例科技有限公司", "uscc": "91450100MA5KB1XW1C"}}')
>>> filing.enterprise.uscc
<USCC 91450100MA5KB1XW1C>
>>> try:
...     Filing.model_validate({"enterprise": {"name": " ", "uscc": "91450100MA5KB1XW1D"}})
... except pydantic.ValidationError as e:
...     [(error["type"], error["loc"]) for error in e.errors()]
[('uscc.check_digit', ('enterprise', 'uscc')), ('enterprise.name_empty', ('enterprise', 'name'))]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Final, TypeVar

from attrs import frozen

import gxai_policy as gp
from gxai_policy import wire

try:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import (
        CoreSchema,
        InitErrorDetails,
        PydanticCustomError,
        core_schema,
    )
    from pydantic_core import ValidationError as PydanticValidationError
except ImportError as exc:
    raise ImportError(
        "gxai_policy.pydantic needs pydantic v2: pip install 'gxai-policy[pydantic]'"
    ) from exc

__all__ = ["Lax", "Validated", "Wire"]

T = TypeVar("T")

#: Where the core schema keeps the type it loads, for the JSON Schema hook.
_TYPE_KEY: Final = "gxai_policy_type"

#: The key of a pydantic validation context whose list receives the load's findings.
FINDINGS_KEY: Final = "findings"


@frozen
class Validated:
    """
    Marks an ``Annotated`` type as loaded, written and described by gxai_policy.

    Attributes:
        mode: ``"strict"`` (the default) or ``"lax"``, as in `gxai_policy.from_dict`.

        unknown: ``"forbid"`` (the default), ``"ignore"`` or ``"report"``,
            as in `gxai_policy.from_dict`.

        limits: The `gxai_policy.Limits` a payload is held to.

    The warnings and info of a load (lax coercions, kept keys) go to the
    list under ``"findings"`` of pydantic's validation context, when there
    is one: ``Model.model_validate(data, context={"findings": found})``.

    >>> from typing import Annotated
    >>> import pydantic, gxai_policy as gp
    >>> City = pydantic.TypeAdapter(Annotated[gp.RegionCode, Validated(mode="lax")])
    >>> City.validate_python("４５０１００").name
    '南宁市'
    >>> Validated(mode="loose")
    Traceback (most recent call last):
      ...
    ValueError: mode must be 'strict' or 'lax', not 'loose'
    """

    mode: wire.Mode = "strict"
    unknown: wire.Unknown = "forbid"
    limits: gp.Limits = wire.DEFAULT_LIMITS

    def __attrs_post_init__(self) -> None:
        if self.mode not in ("strict", "lax"):
            raise ValueError(f"mode must be 'strict' or 'lax', not {self.mode!r}")
        if self.unknown not in ("forbid", "ignore", "report"):
            raise ValueError(
                f"unknown must be 'forbid', 'ignore' or 'report', not {self.unknown!r}"
            )

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        """
        A plain validator through `gxai_policy.from_dict`, and `gxai_policy.to_dict` to write.
        """
        # Refuse a type without a wire form now, with the library's message.
        wire.json_schema(source)
        title = getattr(source, "__name__", None) or repr(source)
        exact = source if isinstance(source, type) else None

        def validate(value: Any, info: core_schema.ValidationInfo) -> Any:
            if exact is not None and type(value) is exact:
                return value  # a record or value cannot exist invalid
            findings: list[gp.Violation] = []
            try:
                loaded = wire.from_dict(
                    source,
                    value,
                    mode=self.mode,
                    unknown=self.unknown,
                    findings=findings,
                    limits=self.limits,
                )
            except gp.ValidationError as error:
                raise _pydantic_error(title, error, value) from None
            context = info.context
            if findings and isinstance(context, Mapping):
                found = context.get(FINDINGS_KEY)
                if isinstance(found, list):
                    found.extend(findings)
            return loaded

        return core_schema.with_info_plain_validator_function(
            validate,
            serialization=core_schema.plain_serializer_function_ser_schema(wire.to_dict),
            metadata={_TYPE_KEY: source},
        )

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        """
        `gxai_policy.json_schema`, its definitions moved into the document pydantic writes.
        """
        metadata = schema.get("metadata") or {}
        ours = wire.json_schema(metadata[_TYPE_KEY])
        # Inside pydantic's document it is no document of its own: with its
        # $id, its references would resolve against that id, not the document.
        ours.pop("$schema", None)
        ours.pop("$id", None)
        definitions: dict[str, Any] = ours.pop("$defs", {})
        if not definitions:
            return ours
        # pydantic keeps the definitions of a document in its generator and
        # rewrites every reference at the end (FastAPI to
        # #/components/schemas/...); a schema that brings its own $defs is
        # not supported (pydantic issue #12145), so ours are registered
        # there, each under a core reference of its own.
        generator = handler.generate_json_schema  # type: ignore[attr-defined]
        refs: dict[str, str] = {}
        keys: dict[str, Any] = {}
        for name in definitions:
            key, reference = generator.get_cache_defs_ref_schema(f"gxai_policy.{name}")
            refs[f"#/$defs/{name}"] = reference["$ref"]
            keys[name] = key
        for name, definition in definitions.items():
            generator.definitions[keys[name]] = _moved(definition, refs)
        moved: JsonSchemaValue = _moved(ours, refs)
        return moved


def _moved(schema: Any, refs: Mapping[str, str]) -> Any:
    """
    *schema* with each ``$ref`` of ours replaced by pydantic's.
    """
    if isinstance(schema, dict):
        return {
            key: refs.get(value, value) if key == "$ref" else _moved(value, refs)
            for key, value in schema.items()
        }
    if isinstance(schema, list):
        return [_moved(item, refs) for item in schema]
    return schema


def _pydantic_error(title: str, error: gp.ValidationError, value: Any) -> PydanticValidationError:
    """
    pydantic's error for *error*: one line a violation, located in *value*.
    """
    details: list[InitErrorDetails] = []
    for violation in error.violations:
        loc, found = _locate(violation.path, value)
        details.append(
            InitErrorDetails(type=_custom(violation), loc=loc, input=found),
        )
    return PydanticValidationError.from_exception_data(title, details)


def _custom(violation: gp.Violation) -> PydanticCustomError:
    """
    The violation as a pydantic error whose message is exactly the English one.
    """
    context = {
        "message_zh": violation.message_zh,
        "severity": violation.severity.value,
        "path": violation.path,
    }
    custom = PydanticCustomError(violation.code, violation.message, context)
    if custom.message() == violation.message:
        return custom
    # The message names a context key in braces ("{path}" quoted from the
    # input): pydantic would fill it in, so the message goes in as a value.
    context["message"] = violation.message
    return PydanticCustomError(violation.code, "{message}", context)


def _locate(path: str, value: Any) -> tuple[tuple[str | int, ...], Any]:
    """
    The pydantic location of JSON Pointer *path* in *value*, and the value found there.

    A token is an index (an ``int``) where the value it points into is a
    list; the value is the deepest one the pointer reaches (the object
    itself for a missing key).
    """
    loc: list[str | int] = []
    found, reached = value, True
    for token in _tokens(path):
        if reached and isinstance(found, list) and token.isdigit() and token.isascii():
            index = int(token)
            loc.append(index)
            if index < len(found):
                found = found[index]
            else:
                reached = False
            continue
        loc.append(token)
        if reached and isinstance(found, dict) and token in found:
            found = found[token]
        else:
            reached = False
    return tuple(loc), found


def _tokens(path: str) -> Iterator[str]:
    if not path:
        return
    for token in path[1:].split("/"):
        yield token.replace("~1", "/").replace("~0", "~")


#: ``Wire[gp.Enterprise]``: a field of a pydantic model (or a FastAPI parameter) that
#: gxai_policy loads strictly, writes and describes.  To mypy it is ``gp.Enterprise``.
Wire = Annotated[T, Validated()]

#: ``Lax[gp.Enterprise]``: the same, in lax mode (forms and spreadsheets: full-width
#: digits, Chinese dates, 万元 amounts), unknown keys still refused.
Lax = Annotated[T, Validated(mode="lax")]
