"""
Summary figures of a bundle: the counts a reply letter reports, computed from data.

A `Summary` counts records; a letter states totals.  The two are kept apart:
`summarize` counts what the bundle holds, and the totals a document states
(`StatedFigure`, such as `gxai_policy.data.founding_figures`) ride along in
`Summary.stated`, set beside the bundle's own count by `Summary.compared`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Any, Final, TypeVar

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
from gxai_policy.values.quantity import Quantity

__all__ = ["StatedFigure", "Summary", "summarize"]

K = TypeVar("K")


def _counts(keys: Iterable[K]) -> Mapping[K, int]:
    return MappingProxyType(dict(sorted(Counter(keys).items(), key=lambda kv: str(kv[0]))))


@frozen(kw_only=True)
class StatedFigure:
    """
    A figure a document states, and what it counts: a stated total, not a count of records.

    Attributes:
        key: A stable name for what is counted (``platforms``,
            ``ai_enterprises`` …); where a `Summary` counts the same thing,
            the same name (see `Summary.compared`).

        quantity: The figure, its qualifier (余, 多, 约 …) and its span in
            the document.

        counts: What the figure counts, in Chinese, as the document says it.

        counts_en: The same in English.

        listed: True when the document lists the items without stating a
            number (its twelve scenario domains): the figure is the list's
            length and the span the list's.

    >>> q = Quantity(low=32, high=32, unit="家", span=(0, 3), text="32家")
    >>> StatedFigure(key="platforms", quantity=q, counts="科技创新平台",
    ...              counts_en="innovation platforms").label()
    '32家 — 科技创新平台'
    >>> StatedFigure(key="platforms", quantity=q, counts="", counts_en="")
    Traceback (most recent call last):
      ...
    ValueError: a stated figure says what it counts
    """

    key: str
    quantity: Quantity
    counts: str
    counts_en: str
    listed: bool = False

    def __attrs_post_init__(self) -> None:
        if not self.counts:
            # Built by the library (or a caller's code), never loaded: a plain error.
            raise ValueError("a stated figure says what it counts")

    def label(self, lang: str = "zh") -> str:
        """
        The figure as written and what it counts: ``47项 — 2021年工作任务分解表的任务``.

        Args:
            lang: ``zh`` or ``en``, the language of what it counts.

        >>> q = Quantity(low=47, high=47, unit="项", text="47项")
        >>> StatedFigure(key="tasks", quantity=q, counts="任务", counts_en="tasks").label("en")
        '47项 — tasks'
        """
        text = self.quantity.text or str(self.quantity)
        if self.listed:
            text = f"{self.quantity.low}{self.quantity.unit}（列举）"
        return f"{text} — {self.counts_en if lang == 'en' else self.counts}"


# What a Summary counts of the things a letter may state, by StatedFigure.key.
_COUNTED: Final[dict[str, Callable[[Summary], int]]] = {}


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

        stated: Totals a document states about the same world
            (`StatedFigure`), passed to `summarize`; the counts above are of
            records and never include them.
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
    stated: tuple[StatedFigure, ...] = ()

    def compared(self) -> tuple[tuple[StatedFigure, int | None], ...]:
        """
        Each stated total beside the bundle's count of the same thing (None where it counts none).

        >>> from gxai_policy.data import founding_dataset, founding_figures
        >>> s = summarize(founding_dataset(), stated=founding_figures())
        >>> [(f.quantity.text, n) for f, n in s.compared() if f.key == "ai_enterprises"]
        [('172家', 0)]
        >>> [n for f, n in s.compared() if f.key == "project_funding"]
        [None]
        """
        return tuple(
            (figure, None if (count := _COUNTED.get(figure.key)) is None else count(self))
            for figure in self.stated
        )

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
    # The breakdowns travel as tuples (of items); the counts are ints, and
    # `stated` is a tuple already.
    values: dict[str, Any] = {
        name: MappingProxyType(dict(value))
        if isinstance(value, tuple) and name != "stated"
        else value
        for name, value in state.items()
    }
    return Summary(**values)


def summarize(
    dataset: Dataset,
    *,
    as_of: pendulum.Date | None = None,
    stated: Iterable[StatedFigure] = (),
) -> Summary:
    """
    The summary figures of *dataset*, so that a letter's claims can be set against data.

    The counts are of the records the bundle holds; the totals a letter
    states are not records, and come in only as *stated*, kept apart.

    Args:
        dataset: The bundle to count.

        as_of: The day high-tech certificates must be valid on to count.

        stated: Totals a document states (`gxai_policy.data.founding_figures`),
            kept in `Summary.stated` and set beside the counts by `Summary.compared`.

    >>> import gxai_policy as gp
    >>> from gxai_policy.data import founding_dataset, founding_figures
    >>> s = summarize(founding_dataset(), stated=founding_figures())
    >>> s.platforms, [f.quantity.text for f in s.stated if f.key == "platforms"]
    (0, ['32家'])
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
        stated=tuple(stated),
    )


_COUNTED.update(
    {
        "platforms": lambda s: s.platforms,
        "key_laboratories": lambda s: s.platforms_by_kind.get(PlatformKind.KEY_LABORATORY, 0),
        "engineering_centres": lambda s: s.platforms_by_kind.get(
            PlatformKind.ENGINEERING_CENTRE, 0
        ),
        "ai_enterprises": lambda s: s.ai_enterprises,
        "high_tech_ai_enterprises": lambda s: s.high_tech_ai_enterprises,
        "scholars": lambda s: s.scholars_by_programme.get(Programme.BAGUI_SCHOLAR, 0),
        "tasks": lambda s: sum(s.tasks_by_status.values()),
    }
)
