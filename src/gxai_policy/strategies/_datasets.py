"""
Strategies for the bundle: datasets whose keys are unique and whose references resolve.
"""

from __future__ import annotations

from collections.abc import Hashable

import attrs
from hypothesis import strategies as st

from gxai_policy.records.dataset import Dataset, reply_key
from gxai_policy.records.reply import Reply
from gxai_policy.records.subsidy import Recipient
from gxai_policy.strategies._enterprises import enterprises, subsidies
from gxai_policy.strategies._programmes import platforms, scholars, tasks
from gxai_policy.strategies._proposals import proposals, replies
from gxai_policy.values.codelists import RecipientKind

__all__ = ["datasets"]


@st.composite
def _datasets(draw: st.DrawFn, max_size: int) -> Dataset:
    props = draw(st.lists(proposals(), unique_by=lambda p: p.ref, max_size=max_size))
    plats = draw(st.lists(platforms(), unique_by=lambda p: (p.name, p.kind), max_size=max_size))
    names = [p.name for p in plats]
    schols = [
        attrs.evolve(s, host_platform=draw(st.sampled_from(names)) if names else None)
        for s in draw(
            st.lists(
                scholars(),
                unique_by=lambda s: (s.programme, s.post, s.term_start),
                max_size=max_size,
            )
        )
    ]
    firms = draw(st.lists(enterprises(), unique_by=lambda e: str(e.uscc), max_size=max_size))
    refs = [p.ref for p in props]
    letters: dict[Hashable, Reply] = {}
    for drawn_reply in draw(st.lists(replies(), max_size=min(max_size, 3))):
        letter = attrs.evolve(drawn_reply, proposal=draw(st.sampled_from(refs)) if refs else None)
        # Two letters with one key (the same letter twice …) would be refused.
        letters.setdefault(reply_key(letter), letter)
    keys = {
        RecipientKind.ENTERPRISE: [str(e.uscc) for e in firms],
        RecipientKind.SCHOLAR: [s.post for s in schols],
        RecipientKind.PLATFORM: names,
    }
    grants = []
    for drawn in draw(st.lists(subsidies(), max_size=max_size)):
        kind = drawn.recipient.kind
        if kind not in keys:
            grants.append(drawn)
        elif keys[kind]:
            recipient = Recipient(kind=kind, key=draw(st.sampled_from(keys[kind])))
            grants.append(attrs.evolve(drawn, recipient=recipient))
    return Dataset(
        proposals=tuple(props),
        replies=tuple(letters.values()),
        tasks=tuple(draw(st.lists(tasks(), unique_by=lambda t: (t.plan, t.id), max_size=max_size))),
        platforms=tuple(plats),
        scholars=tuple(schols),
        enterprises=tuple(firms),
        subsidies=tuple(grants),
    )


def datasets(*, max_size: int = 4) -> st.SearchStrategy[Dataset]:
    """
    Bundles of valid records with unique keys, every reference resolving by construction.

    Replies answer proposals of the bundle, scholars sit on its platforms, and
    subsidies go to its enterprises, scholars and platforms (project
    recipients are kept as drawn: a bundle holds no projects).

    Args:
        max_size: At most this many records of each kind (3 replies at most:
            letters are large).

    >>> from hypothesis import find
    >>> find(datasets(), lambda d: True).proposals
    ()
    """
    return _datasets(max_size)
