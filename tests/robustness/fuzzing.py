"""
Test helpers shared beyond one module: how much each fuzz test draws, JSON leaves, the records.

Imported by name (``from fuzzing import fuzz``): pytest's ``pythonpath``
option puts this directory on the path.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

import gxai_policy as gp
from gxai_policy import strategies as gst

#: Whether this is the fuzz session (`nox -s fuzz`, the "long" Hypothesis profile).
LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"

# The fuzz session's profile has 40 times CI's examples; a fifth of that
# share keeps the whole suite within about a quarter of an hour on two cores.
LONG_SCALE = 0.2 if LONG else 1.0


def fuzz(share: float, *, deadline_s: float | None = None) -> settings:
    """
    A share of the profile's examples (a fifth of it in the fuzz session).

    In the fuzz session, an input may take at most *deadline_s* seconds, if given.
    """
    return settings(
        max_examples=max(10, int(settings.default.max_examples * share * LONG_SCALE)),
        deadline=timedelta(seconds=deadline_s) if LONG and deadline_s is not None else None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


def json_leaves(max_text: int | None = None) -> st.SearchStrategy[Any]:
    """
    Leaves that JSON text can hold: no NaN, no lone surrogate, integers of 64 bits (orjson's).
    """
    return (
        st.none()
        | st.booleans()
        | st.integers(-(2**63), 2**64 - 1)
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=max_text)
    )


#: Every record and the bundle, each with its strategy.
RECORDS: dict[type, st.SearchStrategy[Any]] = {
    gp.Proposal: gst.proposals(),
    gp.Reply: gst.replies(),
    gp.Task: gst.tasks(),
    gp.Platform: gst.platforms(),
    gp.Scholar: gst.scholars(),
    gp.Enterprise: gst.enterprises(),
    gp.Subsidy: gst.subsidies(),
    gp.Dataset: gst.datasets(),
}


#: Small JSON documents of any shape.
JSON = st.recursive(
    json_leaves(max_text=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=6,
)


def _places(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _places(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _places(value, (*path, i))


def _leaves(data: Any) -> list[Any]:
    if isinstance(data, dict):
        return [leaf for value in data.values() for leaf in _leaves(value)]
    if isinstance(data, list):
        return [leaf for value in data for leaf in _leaves(value)]
    return [data]


@st.composite
def mutations(draw: st.DrawFn, strategy: st.SearchStrategy[Any]) -> Any:
    """
    A record's wire form with one change: a value replaced (by another of
    the payload's own values, a blank text, or any JSON), a key dropped, or a key added.
    """
    data = gp.to_dict(draw(strategy))
    place = draw(st.sampled_from(list(_places(data))))
    if not place:
        return draw(JSON)
    mutated = copy.deepcopy(data)
    parent = mutated
    for token in place[:-1]:
        parent = parent[token]
    last = place[-1]
    action = draw(st.sampled_from(["replace", "drop", "add"]))
    if action == "drop" and isinstance(parent, dict):
        del parent[last]
    elif action == "add" and isinstance(parent, dict):
        parent[draw(st.sampled_from([*parent, "extra"]))] = draw(JSON)
    else:
        parent[last] = draw(
            st.sampled_from(_leaves(data)) | st.sampled_from(["", " ", "\u3000"]) | JSON
        )
    return mutated
