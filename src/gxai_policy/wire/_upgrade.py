"""
Schema versions: the migrations from each version of the wire format to the next.

A payload says its version: a bundle in its ``schema_version`` key, a JSONL
file in its header line (``{"$schema_version": 2}``).  `upgrade` brings plain
data of an older version up to the current one, one registered `Migration`
at a time; the loaders call it on what they read and report each upgrade as
``load.upgraded`` info.  Each migration is a small pure function: it never
changes the data it is given, and it leaves alone what it does not expect (the
loader says what is wrong with that).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final

from attrs import frozen

from gxai_policy.errors import Severity
from gxai_policy.records.dataset import (
    SCHEMA_VERSION,
    SCHEMA_VERSION_INVALID,
    SCHEMA_VERSION_NEWER,
    Dataset,
)
from gxai_policy.rules import Trigger, define
from gxai_policy.wire._limits import DEFAULT_LIMITS, Limits, check_limits
from gxai_policy.wire._rules import shown, wrong_type
from gxai_policy.wire._shape import Optional, Record, Seq, Shape, shape_of

# No __all__: a private module of gxai_policy.wire, which exports what is public.

#: The key of a JSONL file's header line that gives its schema version.
HEADER_KEY: Final = "$schema_version"

UPGRADED = define(
    "load.upgraded",
    applies_to="Dataset",
    severity=Severity.INFO,
    summary="A payload of an older schema_version was upgraded to the current one as it loaded.",
    summary_zh="旧版 schema_version 的数据在加载时已升级为当前版本。",
    source="gxai_policy schema versions (docs/versions.md)",
    example={"schema_version": 1},
    trigger=Trigger.LOAD_REPORT,
    message="upgraded from schema_version {version} to {current}",
    message_zh="已从 schema_version {version} 升级到 {current}",
)


@frozen
class Migration:
    """
    One step of the upgrade chain: plain data of `version` in, of ``version + 1`` out.

    Attributes:
        version: The version it upgrades from.

        summary: What changed in the wire format, in one sentence.

        migrate: The pure function: the data and the type it is a payload
            of (`gxai_policy.Dataset`, or a record's class for a JSONL line),
            to the data one version newer.  It never changes its argument.
    """

    version: int
    summary: str
    migrate: Callable[[Any, Any], Any]


def _rename(data: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    """
    A copy of *data* with its key *old* under *new*, unless *new* is taken.
    """
    if old not in data or new in data:
        return dict(data)
    return {(new if k == old else k): v for k, v in data.items()}


def _keep_v1_sources(shape: Shape, data: Any) -> Any:
    """
    *data* of *shape*, every record's ``source`` (a bundle's ``sources``) kept as ``*_v1``.
    """
    if isinstance(shape, Optional):
        return _keep_v1_sources(shape.inner, data)
    if isinstance(shape, Seq):
        if type(data) is not list:
            return data
        return [_keep_v1_sources(shape.item, x) for x in data]
    if not isinstance(shape, Record) or type(data) is not dict:
        return data
    out = dict(data)
    for field in shape.fields:
        if field.since == 2:
            out = _rename(out, field.name, field.name + "_v1")
        elif field.name in out:
            out[field.name] = _keep_v1_sources(field.shape, out[field.name])
    return out


def _v1_to_v2(data: Any, cls: Any) -> Any:
    """
    Version 2 brought provenance: a ``source`` on every record, ``sources`` on a bundle.

    Version 1 had no such keys: a payload could hold them only as unknown
    keys kept in a record's extras (``unknown="report"``), whose content
    was anyone's.  They are kept, as ``source_v1`` (``sources_v1``), so
    that they are not read as the new fields.
    """
    out = _keep_v1_sources(shape_of(cls), data)
    if cls is Dataset and type(out) is dict:
        out["schema_version"] = 2
    return out


#: The upgrade chain, oldest first: ``MIGRATIONS[i]`` upgrades version ``i + 1``.
MIGRATIONS: Final[tuple[Migration, ...]] = (
    Migration(
        1,
        "Provenance: an optional `source` on every record (and `Reference`), "
        "`sources` on a bundle; v1 keys of those names kept as `source_v1`/`sources_v1`.",
        _v1_to_v2,
    ),
)


def version_of(data: Any) -> int:
    """
    The version a bundle's plain data says it is in: its ``schema_version``, else the current.

    Raises:
        ValidationError: ``dataset.schema_version_invalid`` or
            ``dataset.schema_version_newer``; ``load.wrong_type`` for data
            that is not an object.
    """
    if type(data) is not dict:
        raise wrong_type("object", data)
    return checked(data.get("schema_version", SCHEMA_VERSION), "/schema_version")


def checked(version: Any, path: str) -> int:
    """
    *version* if it is a version this library reads, else the `ValidationError` that says why.
    """
    if type(version) is not int or version < 1:
        raise SCHEMA_VERSION_INVALID.error(path, version=shown(version)["got"])
    if version > SCHEMA_VERSION:
        raise SCHEMA_VERSION_NEWER.error(path, version=version, known=SCHEMA_VERSION)
    return version


def upgrade(
    data: Any,
    *,
    to: int = SCHEMA_VERSION,
    cls: Any = Dataset,
    version: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Any:
    """
    Plain data of an older schema version, brought up to version *to* (the current by default).

    The data is never changed: a new copy is returned (the same object when
    there is nothing to do).  Loading calls it for you: `from_dict`,
    `from_json` and `iter_jsonl` upgrade what they read and report
    ``load.upgraded`` (info) in their findings.

    Args:
        data: A bundle's plain data (`gxai_policy.Dataset`, whose
            ``schema_version`` says its version), or a record's (say its
            class in *cls* and its version in *version*: a record's payload
            does not say it; a JSONL file's header line does).

        to: The version wanted, at most `gxai_policy.SCHEMA_VERSION`.

        cls: The type *data* is a payload of.

        version: The version *data* is in; by default a bundle's
            ``schema_version`` (the current when absent), the current for a
            record.

        limits: *data* is held to them first, as a loader holds it.

    Raises:
        ValidationError: A version this library cannot read
            (``dataset.schema_version_invalid``, ``dataset.schema_version_newer``),
            or data beyond *limits*.

        ValueError: For a *to* older than the data, or newer than the library.

    >>> import gxai_policy as gp
    >>> old = {"schema_version": 1, "enterprises": [
    ...     {"name": "示例科技有限公司", "uscc": "91450100MA5KB1XW1C", "source": "名录"}]}
    >>> new = gp.upgrade(old)
    >>> new["schema_version"], new["enterprises"][0]["source_v1"]
    (2, '名录')
    >>> gp.upgrade({"schema_version": 9})
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error dataset.schema_version_newer at /schema_version: ...
    """
    shape_of(cls)  # a TypeError for a type without a wire form
    check_limits(data, limits)
    if version is None:
        version = version_of(data) if cls is Dataset else SCHEMA_VERSION
    else:
        version = checked(version, "")
    if type(to) is not int or not version <= to <= SCHEMA_VERSION:
        raise ValueError(
            f"to must be a version from {version} (the data's) to {SCHEMA_VERSION}, not {to!r}"
        )
    for migration in MIGRATIONS[version - 1 : to - 1]:
        data = migration.migrate(data, cls)
    return data


def upgraded(cls: Any, data: Any, version: int, findings: list[Any] | None, limits: Limits) -> Any:
    """
    *data* of *version* upgraded to the current, the upgrade reported in *findings*.
    """
    data = upgrade(data, cls=cls, version=version, limits=limits)
    if findings is not None:
        path = "/schema_version" if cls is Dataset else ""
        findings.append(UPGRADED.violation(path, version=version, current=SCHEMA_VERSION))
    return data


def old_bundle(cls: Any, data: Any) -> int | None:
    """
    The version of *data* if it is a bundle of an older version than the current, else None.
    """
    if cls is not Dataset or type(data) is not dict:
        return None
    version = data.get("schema_version")
    if type(version) is int and 1 <= version < SCHEMA_VERSION:
        return version
    return None


def header_version(data: Mapping[str, Any]) -> int:
    """
    The version a JSONL header line's data gives.

    Raises:
        ValidationError: For a version this library cannot read.
    """
    return checked(data.get(HEADER_KEY), "/" + HEADER_KEY.replace("~", "~0"))
