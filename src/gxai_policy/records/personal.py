"""
Personal data (个人信息): which fields hold it, where a record still carries it, and redaction.

The 个人信息保护法 (PIPL) art. 4 defines personal information as information
relating to an identified or identifiable natural person; art. 28 names the
sensitive kinds (biometrics, religion, health, finance, whereabouts …).  A
field that holds it says so once, beside the field (``PERSONAL`` metadata):
a reply's contact person and telephone (联系人及电话), a scholar's name and
contact phone and e-mail.  None holds sensitive data of art. 28.  Names
that act in a public office — proposers, addressees, signing organs — are
published by the CPPCC and the departments themselves and are not marked
(docs/versions.md says why).
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator
from typing import Any, TypeVar

import attrs

from gxai_policy.errors import join_pointer

__all__ = ["personal_data", "personal_fields", "redact"]

_T = TypeVar("_T")


def personal_fields(cls: type) -> frozenset[str]:
    """
    The names of *cls*'s fields that hold personal data.

    >>> import gxai_policy as gp
    >>> sorted(personal_fields(gp.Scholar))
    ['email', 'holder', 'phone']
    """
    return _personal_fields(cls)


@functools.cache
def _personal_fields(cls: Any) -> frozenset[str]:
    return frozenset(a.name for a in attrs.fields(cls) if a.metadata.get("personal"))


def _records(value: Any) -> bool:
    return attrs.has(type(value))


def redact(obj: _T) -> _T:
    """
    A copy of *obj* without personal data: every personal field ``None``.

    *obj* is a record, a `~gxai_policy.Dataset`, or a ``list``/``tuple`` of
    them; the result is of the same type.  Records nested at any depth are
    redacted too, and a nested record left with nothing but personal data
    (a reply's `~gxai_policy.Contact`) is dropped: its field becomes
    ``None``.  Nothing else changes: keys kept in ``extras`` are kept as
    they are (this library cannot know what they hold).

    >>> import gxai_policy as gp, pendulum
    >>> post = gp.Scholar(programme=gp.Programme.BAGUI_SCHOLAR, post="机器人与智能装备",
    ...                   holder="张三", host="某大学", phone="0771-0000000",
    ...                   term_start=pendulum.Date(2019, 1, 1),
    ...                   term_end=pendulum.Date(2023, 12, 31))
    >>> clean = redact(post)
    >>> clean.holder, clean.phone, clean.post
    (None, None, '机器人与智能装备')
    >>> redact("张三")
    Traceback (most recent call last):
      ...
    TypeError: redact() takes records, a Dataset, or a list or tuple of them, not str
    """
    items: Any = obj
    if type(items) is list or type(items) is tuple:
        out: Any = type(items)(redact(x) for x in items)
        return typing.cast("_T", out)
    if not _records(obj):
        raise TypeError(
            "redact() takes records, a Dataset, or a list or tuple of them,"
            f" not {type(obj).__name__}"
        )
    redacted = _redact(obj)
    return obj if redacted is None else redacted


def _redact(record: Any) -> Any:
    """
    *record* redacted; None if nothing but personal data was in it.
    """
    cls = type(record)
    personal = personal_fields(cls)
    changes: dict[str, Any] = {}
    kept = False
    for a in attrs.fields(cls):
        if a.name == "extras" or not a.init:
            continue
        value = getattr(record, a.name)
        if a.name in personal:
            if value is not None:
                changes[a.alias] = None
            continue
        kept = True
        new = _value(value)
        if new is not value:
            changes[a.alias] = new
    if personal and not kept:
        return None
    return attrs.evolve(record, **changes) if changes else record


def _value(value: Any) -> Any:
    if _records(value):
        return _redact(value)
    if type(value) is tuple and value and any(_records(x) for x in value):
        items = [_redact(x) if _records(x) else x for x in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return tuple(x for x in items if x is not None)
    return value


def personal_data(obj: Any, path: str = "") -> Iterator[str]:
    """
    The JSON Pointer of every personal value *obj* (a record, at any depth) still holds.

    >>> import gxai_policy as gp
    >>> reply = gp.Reply(recipient="韦委员", opening="您的建议收悉。",
    ...                  contact=gp.Contact("韦工", "0771-5886000"))
    >>> list(personal_data(reply))
    ['/contact/name', '/contact/phone']
    >>> list(personal_data(redact(reply)))
    []
    """
    if not _records(obj):
        return
    personal = personal_fields(type(obj))
    for a in attrs.fields(type(obj)):
        if a.name == "extras":
            continue
        value = getattr(obj, a.name)
        here = join_pointer(path, a.name)
        if a.name in personal:
            if value is not None:
                yield here
        elif _records(value):
            yield from personal_data(value, here)
        elif type(value) is tuple:
            for i, item in enumerate(value):
                yield from personal_data(item, join_pointer(here, i))
