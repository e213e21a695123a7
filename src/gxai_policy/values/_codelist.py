"""
The base of every codelist: a `StrEnum` with stable English values and labels.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Self, TypeVar

from gxai_policy.rules import Trigger, define

__all__ = ["Codelist", "add_aliases"]

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

    Each member is declared once, with everything it is known by: its code,
    its Chinese label, its English label, then any other words that name it::

        class ProposalKind(Codelist):
            PROPOSAL = "proposal", "提案", "CPPCC proposal"
            SUGGESTION = "suggestion", "建议", "NPC suggestion", "代表建议"

    A codelist whose other names are made by rule (every quoting of 十四五)
    adds them with `add_aliases`.
    """

    _value_: str
    #: The Chinese label, as documents write it.
    label_zh: str
    #: The English label.
    label_en: str

    def __new__(cls, value: str, label_zh: str, label_en: str, *aliases: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label_zh = label_zh
        member.label_en = label_en
        table = _ALIASES.setdefault(cls, {})
        for text in (value, label_zh, label_en, label_en.lower(), *aliases):
            table.setdefault(text, member)
        return member

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


#: Every text that names a member, by codelist: filled as the members are made.
_ALIASES: dict[type[Codelist], dict[str, Codelist]] = {}


def add_aliases(cls: type[C], aliases: Mapping[str, C]) -> type[C]:
    """
    Add other names of *cls*'s members, made by rule rather than declared one by one.

    A name already taken keeps its member.
    """
    table = _ALIASES[cls]
    for text, member in aliases.items():
        table.setdefault(text, member)
    return cls
