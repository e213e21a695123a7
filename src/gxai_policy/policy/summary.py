"""
Summary figures of a bundle: the counts a reply letter reports, computed from data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Any, TypeVar

import pendulum
from attrs import fields, frozen

from gxai_policy.records.dataset import Dataset
from gxai_policy.values.codelists import (
    PlatformKind,
    PlatformLevel,
    Programme,
    SubsidyKind,
    TaskStatus,
)
from gxai_policy.values.dates import PlanPeriod
from gxai_policy.values.money import Money

__all__ = ["Summary", "summarize"]

K = TypeVar("K")


def _counts(keys: Iterable[K]) -> Mapping[K, int]:
    return MappingProxyType(dict(sorted(Counter(keys).items(), key=lambda kv: str(kv[0]))))


@frozen(kw_only=True)
class Summary:
    """
    The counts and totals of a `Dataset`, as reply letters state them.

    Attributes:
        platforms: How many innovation platforms.

        platforms_by_kind: Platforms by `PlatformKind`.

        platforms_by_level: Platforms by `PlatformLevel`.

        platforms_by_period: Platforms approved in each plan period (十三五 …);
            platforms without an approval date are not counted here.

        enterprises: How many enterprises.

        ai_enterprises: How many of them are AI enterprises.

        high_tech_ai_enterprises: How many AI enterprises hold a high-tech
            certificate (valid on ``as_of`` when given).

        high_tech_share: ``high_tech_ai_enterprises / ai_enterprises``, four
            places, or None without AI enterprises ("超过半数" is a share above 0.5).

        scholars_by_programme: Posts by `Programme`.

        tasks_by_status: Tasks by `TaskStatus`.

        funding: Subsidy totals by kind and year.
    """

    platforms: int
    platforms_by_kind: Mapping[PlatformKind, int]
    platforms_by_level: Mapping[PlatformLevel, int]
    platforms_by_period: Mapping[PlanPeriod, int]
    enterprises: int
    ai_enterprises: int
    high_tech_ai_enterprises: int
    high_tech_share: Decimal | None
    scholars_by_programme: Mapping[Programme, int]
    tasks_by_status: Mapping[TaskStatus, int]
    funding: Mapping[tuple[SubsidyKind, int], Money]

    # The breakdowns are read-only mappings, which neither hash nor pickle:
    # hash their items as sets (equal mappings in any order hash alike), and
    # hand them to pickle as tuples of items.
    def __hash__(self) -> int:
        return hash(
            tuple(
                frozenset(value.items()) if isinstance(value, Mapping) else value
                for value in (getattr(self, a.name) for a in fields(Summary))
            )
        )

    def __reduce__(self) -> tuple[Any, ...]:
        state = {a.name: _items(getattr(self, a.name)) for a in fields(Summary)}
        return (_rebuild, (state,))


def _items(value: object) -> object:
    return tuple(value.items()) if isinstance(value, Mapping) else value


def _rebuild(state: dict[str, Any]) -> Summary:
    # Only the breakdowns travel as tuples (of items); the counts are ints.
    values: dict[str, Any] = {
        name: MappingProxyType(dict(value)) if isinstance(value, tuple) else value
        for name, value in state.items()
    }
    return Summary(**values)


def summarize(dataset: Dataset, *, as_of: pendulum.Date | None = None) -> Summary:
    """
    The summary figures of *dataset*, so that a letter's claims can be set against data.

    >>> import gxai_policy as gp
    >>> from gxai_policy.data import founding_dataset
    >>> s = summarize(founding_dataset())
    >>> s.platforms_by_kind[gp.PlatformKind.KEY_LABORATORY]
    1
    >>> summarize(gp.Dataset()).high_tech_share is None
    True
    """
    ai = [e for e in dataset.enterprises if e.is_ai]
    high_tech = [e for e in ai if (e.is_high_tech if as_of is None else e.is_high_tech_on(as_of))]
    share = (
        (Decimal(len(high_tech)) / Decimal(len(ai))).quantize(
            Decimal("0.0001"), rounding=ROUND_HALF_UP
        )
        if ai
        else None
    )
    periods = (p.plan_period() for p in dataset.platforms)
    funding: dict[tuple[SubsidyKind, int], Money] = {}
    for s in dataset.subsidies:
        key = (s.kind, s.year)
        funding[key] = funding.get(key, Money.ZERO) + s.amount
    return Summary(
        platforms=len(dataset.platforms),
        platforms_by_kind=_counts(p.kind for p in dataset.platforms),
        platforms_by_level=_counts(p.level for p in dataset.platforms),
        platforms_by_period=_counts(p for p in periods if p is not None),
        enterprises=len(dataset.enterprises),
        ai_enterprises=len(ai),
        high_tech_ai_enterprises=len(high_tech),
        high_tech_share=share,
        scholars_by_programme=_counts(s.programme for s in dataset.scholars),
        tasks_by_status=_counts(t.status for t in dataset.tasks),
        funding=MappingProxyType(
            dict(sorted(funding.items(), key=lambda kv: (kv[0][0].value, kv[0][1])))
        ),
    )
