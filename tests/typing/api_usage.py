"""
Typing tests: how a user's code sees the public API; mypy --strict checks this file.

It is not run by pytest (no test functions); `nox -s typing` type-checks it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import assert_type

import pendulum

import gxai_policy as gp


def load_and_dump(text: str) -> str:
    enterprise = gp.from_json(gp.Enterprise, text)
    assert_type(enterprise, gp.Enterprise)
    assert_type(enterprise.certificate, gp.HighTechCertificate | None)
    return gp.to_json(enterprise)


def findings(reply: gp.Reply) -> list[str]:
    found = gp.check(reply, as_of=pendulum.Date(2021, 12, 31))
    assert_type(found, tuple[gp.Violation, ...])
    return [f"{v.code} {v.path}" for v in found if v.severity is gp.Severity.WARNING]


def money() -> Decimal:
    award = gp.Money.parse("5万元")
    assert_type(award, gp.Money)
    total = award + gp.Money.ZERO
    assert_type(total, gp.Money)
    return total.yuan


def letter(text: str) -> gp.Reply:
    reply = gp.parse_reply(text)
    assert_type(reply, gp.Reply)
    assert_type(gp.render_reply(reply), str)
    return reply


def errors(text: str) -> tuple[str, ...]:
    try:
        gp.from_json(gp.Enterprise, text)
    except gp.ValidationError as exc:
        assert_type(exc.violations, tuple[gp.Violation, ...])
        return exc.codes
    return ()


def schedule(enterprise: gp.Enterprise) -> list[gp.Money]:
    subsidies = gp.rd_subsidy_schedule(enterprise, {2021: 1_000_000}, gp.GUANGXI_2021)
    assert_type(subsidies, tuple[gp.Subsidy, ...])
    return [s.amount for s in subsidies]


def stated_totals() -> list[tuple[str, int | None]]:
    from gxai_policy.data import StatedFigure, founding_dataset, founding_figures

    figures = founding_figures()
    assert_type(figures, tuple[StatedFigure, ...])
    summary = gp.summarize(founding_dataset(), stated=figures)
    return [(figure.label("en"), counted) for figure, counted in summary.compared()]


def pro_rata(enterprise: gp.Enterprise) -> tuple[gp.Subsidy, ...]:
    import attrs

    policy = attrs.evolve(gp.GUANGXI_2021, validity=gp.ValidityCounting.PRO_RATA)
    assert_type(policy, gp.SubsidyPolicy)
    return gp.rd_subsidy_schedule(enterprise, {2021: 1_000_000}, policy)
