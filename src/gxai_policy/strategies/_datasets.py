"""
Strategies for the bundle: sound datasets, and datasets with one problem each, named so.

`datasets` draws bundles that `gxai_policy.check` finds no error in: keys
unique, references resolving, and every certification award and R&D input
subsidy derived from its enterprise's certificate under its policy.
`datasets_with_errors` draws bundles that construct but hold one error a
check reports, with its code.
"""

from __future__ import annotations

import functools
from collections.abc import Hashable, Sequence
from typing import Final

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from gxai_policy.policy.subsidies import rd_subsidy_schedule
from gxai_policy.records.dataset import Dataset, reply_key
from gxai_policy.records.enterprise import Enterprise, HighTechCertificate
from gxai_policy.records.reply import Reply
from gxai_policy.records.subsidy import Recipient, Subsidy
from gxai_policy.strategies._dates import dates
from gxai_policy.strategies._enterprises import enterprises, subsidies
from gxai_policy.strategies._identifiers import high_tech_certificate_numbers
from gxai_policy.strategies._money import moneys
from gxai_policy.strategies._programmes import platforms, scholars, tasks
from gxai_policy.strategies._proposals import proposals, replies
from gxai_policy.strategies._sources import sources
from gxai_policy.values.codelists import RecipientKind, SubsidyKind
from gxai_policy.values.money import Money
from gxai_policy.values.subsidy_policy import GUANGXI_2021

__all__ = ["DATASET_ERRORS", "datasets", "datasets_with_errors"]

# The kinds a policy bounds: derived from a certificate in `datasets`, never drawn.
_POLICY_KINDS: Final = frozenset({SubsidyKind.CERTIFICATION_AWARD, SubsidyKind.RD_INPUT})
_FREE_KINDS: Final = tuple(k for k in SubsidyKind if k not in _POLICY_KINDS)
_POLICY: Final = GUANGXI_2021
_AWARDS: Final = moneys(min_yuan=_POLICY.award_min.yuan, max_yuan=_POLICY.award_max.yuan)
_INPUTS: Final = moneys(max_yuan=3_000_000)


@functools.cache
def _free_subsidies(kind: SubsidyKind) -> st.SearchStrategy[Subsidy]:
    return subsidies(kind=kind)


def _enterprise_recipient(enterprise: Enterprise) -> Recipient:
    return Recipient(kind=RecipientKind.ENTERPRISE, key=str(enterprise.uscc))


@st.composite
def _policy_subsidies(draw: st.DrawFn, enterprise: Enterprise) -> list[Subsidy]:
    """
    What a certified enterprise is paid under the policy, derived, never drawn whole.

    At most one certification award, for one of its certificate's years the
    policy is in force in; R&D input subsidies as `rd_subsidy_schedule` computes them.
    """
    certificate = enterprise.certificate
    if certificate is None:
        return []
    paid: list[Subsidy] = []
    award_years = [y for y in certificate.years() if _POLICY.in_force_in(y)]
    awarded: bool = bool(award_years) and draw(st.booleans())
    if awarded:
        paid.append(
            Subsidy(
                kind=SubsidyKind.CERTIFICATION_AWARD,
                recipient=_enterprise_recipient(enterprise),
                amount=draw(_AWARDS),
                year=draw(st.sampled_from(award_years)),
                policy=_POLICY.id,
            )
        )
    first = certificate.issued_on.year
    years = draw(st.lists(st.integers(first - 1, first + 4), unique=True, max_size=4))
    inputs = {year: draw(_INPUTS) for year in years}
    paid.extend(rd_subsidy_schedule(enterprise, inputs, _POLICY))
    return paid


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
    for kind in draw(st.lists(st.sampled_from(_FREE_KINDS), max_size=max_size)):
        drawn = draw(_free_subsidies(kind))
        to = drawn.recipient.kind
        if to not in keys:
            grants.append(drawn)
        elif keys[to]:
            recipient = Recipient(kind=to, key=draw(st.sampled_from(keys[to])))
            grants.append(attrs.evolve(drawn, recipient=recipient))
    for firm in firms:
        grants.extend(draw(_policy_subsidies(firm)))
    return Dataset(
        proposals=tuple(props),
        replies=tuple(letters.values()),
        tasks=tuple(draw(st.lists(tasks(), unique_by=lambda t: (t.plan, t.id), max_size=max_size))),
        platforms=tuple(plats),
        scholars=tuple(schols),
        enterprises=tuple(firms),
        subsidies=tuple(grants),
        sources=tuple(draw(st.lists(sources(), max_size=2))),
    )


def datasets(*, max_size: int = 4) -> st.SearchStrategy[Dataset]:
    """
    Sound bundles: valid records, unique keys, and no error `gxai_policy.check` reports.

    Replies answer proposals of the bundle, scholars sit on its platforms, and
    scholar and project funding go to its scholars, platforms and enterprises
    (project recipients are kept as drawn: a bundle holds no projects).
    Certification awards and R&D input subsidies go only to certified
    enterprises, under `GUANGXI_2021`: one award at most per certificate, in
    its years, and R&D input subsidies as `rd_subsidy_schedule` computes them
    (within the certificate's years and the cap).  For bundles with errors,
    see `datasets_with_errors`.

    Args:
        max_size: At most this many records of each kind (3 replies at most:
            letters are large).

    >>> from hypothesis import find
    >>> find(datasets(), lambda d: True).proposals
    ()
    """
    return _datasets(max_size)


# The errors `datasets_with_errors` can plant, each a way to break a sound bundle.
DATASET_ERRORS: Final = (
    "dataset.rd_cap_exceeded",
    "dataset.rd_outside_validity",
    "dataset.second_certification_award",
    "dataset.subsidy_recipient_missing",
    "dataset.subsidy_without_certificate",
)


@st.composite
def _certificates_in_force(draw: st.DrawFn) -> HighTechCertificate:
    # Issued while the policy is in force, so that all its years are the policy's.
    year = draw(st.integers(_POLICY.effective_from.year, _POLICY.effective_from.year + 9))
    return HighTechCertificate(
        number=draw(high_tech_certificate_numbers(year=year, province="45")),
        issued_on=draw(dates(min_year=year, max_year=year)),
    )


def _rd(enterprise: Enterprise, year: int, amount: int) -> Subsidy:
    return Subsidy(
        kind=SubsidyKind.RD_INPUT,
        recipient=_enterprise_recipient(enterprise),
        amount=Money(amount),
        basis=Money(amount * 5),
        year=year,
        policy=_POLICY.id,
    )


def _award(enterprise: Enterprise, year: int) -> Subsidy:
    return Subsidy(
        kind=SubsidyKind.CERTIFICATION_AWARD,
        recipient=_enterprise_recipient(enterprise),
        amount=_POLICY.award_max,
        year=year,
        policy=_POLICY.id,
    )


def _planted(code: str, firm: Enterprise, certificate: HighTechCertificate) -> list[Subsidy]:
    """
    The subsidies that give a bundle holding *firm* the error *code*.
    """
    first = certificate.issued_on.year
    if code == "dataset.rd_cap_exceeded":
        return [_rd(firm, first, 200_000), _rd(firm, first + 1, 200_000)]
    if code == "dataset.rd_outside_validity":
        return [_rd(firm, first + 3, 100_000)]
    if code == "dataset.second_certification_award":
        return [_award(firm, first), _award(firm, first + 1)]
    # subsidy_without_certificate and subsidy_recipient_missing: an award to
    # an uncertified enterprise, in the bundle or not.
    return [_award(firm, first)]


@st.composite
def _datasets_with_errors(
    draw: st.DrawFn, codes: tuple[str, ...], max_size: int
) -> tuple[Dataset, str]:
    code = draw(st.sampled_from(codes))
    bundle = draw(_datasets(max_size))
    taken = {str(e.uscc) for e in bundle.enterprises}
    certificate = draw(_certificates_in_force())
    firm = draw(enterprises().filter(lambda e: str(e.uscc) not in taken))
    uncertified = code in (
        "dataset.subsidy_without_certificate",
        "dataset.subsidy_recipient_missing",
    )
    firm = attrs.evolve(firm, certificate=None if uncertified else certificate)
    held = (
        bundle.enterprises
        if code == "dataset.subsidy_recipient_missing"
        else (
            *bundle.enterprises,
            firm,
        )
    )
    planted = _planted(code, firm, certificate)
    return (
        attrs.evolve(bundle, enterprises=held, subsidies=(*bundle.subsidies, *planted)),
        code,
    )


def datasets_with_errors(
    *, codes: Sequence[str] | None = None, max_size: int = 4
) -> st.SearchStrategy[tuple[Dataset, str]]:
    """
    Bundles with a problem: ``(bundle, code)``, a bundle that constructs and the error it holds.

    Each is a sound bundle of `datasets` with one error planted: subsidies
    that pass the cap, a year outside the certificate's, a second award for
    one certificate, an award to an enterprise missing from the bundle or
    holding no certificate.  `gxai_policy.check` reports *code* as an error.

    Args:
        codes: Only these errors (of `DATASET_ERRORS`); any of them when None.

        max_size: As for `datasets`.

    Raises:
        InvalidArgument: For a code this strategy cannot plant.

    >>> from hypothesis import find
    >>> import gxai_policy as gp
    >>> bundle, code = find(datasets_with_errors(), lambda pair: True)
    >>> code in {v.code for v in gp.check(bundle) if v.severity is gp.Severity.ERROR}
    True
    >>> datasets_with_errors(codes=["money.negative"])
    Traceback (most recent call last):
      ...
    hypothesis.errors.InvalidArgument: cannot plant 'money.negative' in a bundle: ...
    """
    chosen = DATASET_ERRORS if codes is None else tuple(codes)
    unknown = [c for c in chosen if c not in DATASET_ERRORS]
    if unknown or not chosen:
        raise InvalidArgument(
            f"cannot plant {', '.join(map(repr, unknown)) or 'nothing'} in a bundle:"
            f" choose from {', '.join(DATASET_ERRORS)}"
        )
    return _datasets_with_errors(chosen, max_size)
