"""
The base of every codelist: a `StrEnum` with stable English values and labels.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Self, TypeVar

from gxai_policy.rules import Trigger, define

__all__ = ["Codelist", "label"]

C = TypeVar("C", bound="Codelist")

UNKNOWN_LABEL = define(
    "codelist.unknown_label",
    applies_to="ProposalKind",
    summary="The text is not a label (Chinese or English) nor a code of the codelist.",
    summary_zh="文字不是该代码表的名称或代码。",
    source="gxai_policy codelists",
    example="议案",
    trigger=Trigger.PARSE,
    message="{text!r} is not one of {codelist}: {choices}",
    message_zh="“{text}”不是{codelist}的取值：{choices}",
)


class Codelist(enum.StrEnum):
    """
    A codelist: members have a stable English value, a Chinese and an English label.

    Subclasses attach labels with `label` right after the class body.
    """

    @property
    def label_zh(self) -> str:
        """
        The Chinese label, as documents write it.
        """
        return _LABELS[type(self)][self][0]

    @property
    def label_en(self) -> str:
        """
        The English label.
        """
        return _LABELS[type(self)][self][1]

    @classmethod
    def aliases(cls) -> Mapping[str, Self]:
        """
        Every text `from_label` accepts, mapped to its member.
        """
        return _ALIASES[cls]  # type: ignore[return-value]

    @classmethod
    def from_label(cls, text: str) -> Self:
        """
        The member whose Chinese label, English label, alias or value is *text*.

        Raises:
            ValidationError: ``codelist.unknown_label`` if none is.
        """
        member = _ALIASES[cls].get(text.strip())
        if member is None:
            raise UNKNOWN_LABEL.error(
                "",
                text=text,
                codelist=cls.__name__,
                choices=", ".join(f"{m.value} ({m.label_zh})" for m in cls),
            )
        return member  # type: ignore[return-value]

    @classmethod
    def parse(cls, text: str) -> Self:
        """
        The same as `from_label`: the common interface of value types.
        """
        return cls.from_label(text)


_LABELS: dict[type[Codelist], dict[Codelist, tuple[str, str]]] = {}
_ALIASES: dict[type[Codelist], dict[str, Codelist]] = {}


def label(
    cls: type[C],
    labels: Mapping[C, tuple[str, str]],
    *,
    aliases: Mapping[str, C] | None = None,
) -> type[C]:
    """
    Attach (Chinese, English) labels, and optional extra aliases, to a codelist.

    Every member must be labelled; a missing one is a programming error.
    """
    missing = set(cls) - set(labels)
    if missing:
        raise TypeError(f"{cls.__name__}: no labels for {sorted(missing)}")
    _LABELS[cls] = {member: pair for member, pair in labels.items()}  # noqa: C416 - widens C to Codelist for mypy
    table: dict[str, Codelist] = {}
    for member, (zh, en) in labels.items():
        table[member.value] = member
        table[zh] = member
        table[en] = member
        table[en.lower()] = member
    table.update(aliases or {})
    _ALIASES[cls] = table
    return cls
