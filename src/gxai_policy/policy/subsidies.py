"""
Subsidies under a dated policy: the R&D input schedule, and what a bundle paid beyond it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Final

from gxai_policy.errors import Severity, ValidationError, Violation, join_pointer, raise_if_any
from gxai_policy.records.dataset import Dataset
from gxai_policy.records.enterprise import Enterprise
from gxai_policy.records.subsidy import Recipient, Subsidy
from gxai_policy.rules import Trigger, define
from gxai_policy.values.codelists import RecipientKind, SubsidyKind
from gxai_policy.values.identifiers import USCC
from gxai_policy.values.money import Money
from gxai_policy.values.subsidy_policy import GUANGXI_2021, POLICIES, SubsidyPolicy

__all__ = ["rd_subsidy_schedule", "subsidy_findings"]

_LETTER = "广西科技厅 2021 年第20210143号提案答复：研发投入20%补助，有效期内累计不超过30万元"
_UNCERTIFIED: Final = Enterprise(name="示例科技有限公司", uscc=USCC("91450100MA5KB1XW1C"))
# A certified enterprise, for the rules' examples.
_CERTIFIED: Final = {
    "name": "示例科技有限公司",
    "uscc": "91450100MA5KB1XW1C",
    "certificate": {"number": "GR202145000123", "issued_on": "2021-10-20"},
}

NO_CERTIFICATE = define(
    "schedule.no_certificate",
    applies_to="rd_subsidy_schedule",
    summary="Only an enterprise with a 高企 certificate earns the R&D input subsidy.",
    summary_zh="只有持有高新技术企业证书的企业才能获得研发投入补助。",
    source=_LETTER,
    example={"enterprise": _UNCERTIFIED, "rd_input_by_year": {2021: Money(1_000_000)}},
    trigger=Trigger.CALL,
    message="{name} ({uscc}) has no high-tech certificate",
    message_zh="{name}（{uscc}）没有高新技术企业证书",
)
NEGATIVE_INPUT = define(
    "schedule.negative_input",
    applies_to="rd_subsidy_schedule",
    summary="R&D input is an amount of money, never negative.",
    summary_zh="研发投入是金额，不能为负数。",
    source=_LETTER,
    example={"enterprise": _UNCERTIFIED, "rd_input_by_year": {2021: -1}},
    trigger=Trigger.CALL,
    message="R&D input for {year} is {value}",
    message_zh="{year}年研发投入为{value}",
)
CAP_EXCEEDED = define(
    "dataset.rd_cap_exceeded",
    applies_to="Dataset",
    severity=Severity.ERROR,
    summary="The R&D input subsidies recorded for one certificate stay within the policy's cap.",
    summary_zh="同一证书名下记录的研发投入补助累计不得超过政策上限。",
    source=_LETTER,
    example={
        "enterprises": [_CERTIFIED],
        "subsidies": [
            {
                "kind": "rd_input",
                "recipient": {"kind": "enterprise", "key": "91450100MA5KB1XW1C"},
                "amount": "200000",
                "year": year,
                "basis": "1000000",
                "policy": "guangxi_2021",
            }
            for year in (2021, 2022)
        ],
    },
    trigger=Trigger.CHECK,
    message="R&D subsidies for {uscc} reach {total}, beyond the cap {cap} of {policy}",
    message_zh="{uscc}的研发投入补助累计{total}，超过{policy}的上限{cap}",
)
OUTSIDE_VALIDITY = define(
    "dataset.rd_outside_validity",
    applies_to="Dataset",
    severity=Severity.ERROR,
    summary=(
        "An R&D input subsidy is for a year the enterprise's certificate earns it for,"
        " as its policy counts the years and while the policy is in force."
    ),
    summary_zh="研发投入补助的年度应为企业证书按政策计算、且政策有效期内可享受补助的年度。",
    source=_LETTER,
    example={
        "enterprises": [_CERTIFIED],
        "subsidies": [
            {
                "kind": "rd_input",
                "recipient": {"kind": "enterprise", "key": "91450100MA5KB1XW1C"},
                "amount": "100000",
                "year": 2024,
                "basis": "1000000",
                "policy": "guangxi_2021",
            }
        ],
    },
    trigger=Trigger.CHECK,
    message="{year} is outside the years the certificate earns under its policy: {years}",
    message_zh="{year}年不在证书按政策享受补助的年度（{years_zh}）内",
)
NOT_HIGH_TECH = define(
    "dataset.subsidy_without_certificate",
    applies_to="Dataset",
    severity=Severity.ERROR,
    summary="A certification award or R&D input subsidy goes to an enterprise with a certificate.",
    summary_zh="高企认定奖励和研发投入补助只能给予持有高新技术企业证书的企业。",
    source=_LETTER,
    example={
        "enterprises": [{"name": "示例科技有限公司", "uscc": "91450100MA5KB1XW1C"}],
        "subsidies": [
            {
                "kind": "certification_award",
                "recipient": {"kind": "enterprise", "key": "91450100MA5KB1XW1C"},
                "amount": "100000",
                "year": 2021,
                "policy": "guangxi_2021",
            }
        ],
    },
    trigger=Trigger.CHECK,
    message="{uscc} has no high-tech certificate",
    message_zh="{uscc}没有高新技术企业证书",
)


SECOND_AWARD = define(
    "dataset.second_certification_award",
    applies_to="Dataset",
    severity=Severity.ERROR,
    summary=(
        "A certificate earns one certification award: no two awards to one enterprise fall in"
        " its certificate's years (the year of issue and the two following)."
    ),
    summary_zh=(
        "每次认定只给予一次认定奖励：同一企业在同一证书的年度（发证年度及其后两年）内"
        "不得有两笔认定奖励。"
    ),
    source=(
        "广西科技厅 2021 年第20210143号提案答复：给予每个通过认定的高新技术企业5-10万元奖励性后补助"
    ),
    example={
        "enterprises": [_CERTIFIED],
        "subsidies": [
            {
                "kind": "certification_award",
                "recipient": {"kind": "enterprise", "key": "91450100MA5KB1XW1C"},
                "amount": amount,
                "year": year,
                "policy": "guangxi_2021",
            }
            for year, amount in ((2021, "100000"), (2022, "50000"))
        ],
    },
    trigger=Trigger.CHECK,
    message="a second certification award for certificate {number}; the first is {first}",
    message_zh="证书{number}的第二笔认定奖励；第一笔见{first}",
)


def _negative(value: object) -> bool:
    # Only a finite number compares: NaN (whose comparison raises) and the
    # rest are left to Money to name.
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return False
    return (not isinstance(value, Decimal) or value.is_finite()) and value < 0


def _inputs(rd_input_by_year: Mapping[int, Money | Decimal | int]) -> dict[int, Money]:
    """
    Every year's input as Money, or one error naming every bad input.
    """
    inputs: dict[int, Money] = {}
    problems: list[Violation] = []
    for year, value in rd_input_by_year.items():
        if isinstance(value, Money):
            inputs[year] = value
            continue
        if _negative(value):
            here = join_pointer("", "rd_input_by_year", year)
            problems.append(NEGATIVE_INPUT.violation(here, year=year, value=value))
            continue
        try:
            inputs[year] = Money(value)
        except ValidationError as exc:
            problems.extend(v.under("rd_input_by_year", year) for v in exc.violations)
    raise_if_any(problems)
    return inputs


def _named(policy: SubsidyPolicy) -> str | None:
    # A Subsidy may name only a policy of POLICIES, with the terms it has there.
    return policy.id if POLICIES.get(policy.id) == policy else None


def rd_subsidy_schedule(
    enterprise: Enterprise,
    rd_input_by_year: Mapping[int, Money | Decimal | int],
    policy: SubsidyPolicy = GUANGXI_2021,
) -> tuple[Subsidy, ...]:
    """
    The R&D input subsidies (研发投入补助) *enterprise* earns, one per eligible year.

    Each eligible year with an input earns ``policy.rd_rate`` of it (times
    the year's share under ``pro_rata``), rounded to the fen with
    ``policy.rounding``, and never more than what is left of
    ``policy.rd_cap`` for this certificate.  The eligible years are those
    `SubsidyPolicy.year_shares` gives: counted as ``policy.validity`` says,
    and only years the policy is in force in.  Other years earn nothing and
    get no entry.  Years are taken in order.

    Each `Subsidy` names *policy* when it is one of `POLICIES` (its id and
    terms both); under any other policy it names none, since a `Subsidy`
    can only name a policy the library knows.

    Args:
        enterprise: An enterprise with a high-tech certificate.

        rd_input_by_year: R&D input by calendar year (Money, Decimal or int yuan).

        policy: The terms; the founding letter's `GUANGXI_2021` by default.

    Raises:
        ValidationError: ``schedule.no_certificate`` without a certificate;
            ``schedule.negative_input`` for each negative input (and the
            ``money.*`` codes of an input that is no amount, such as NaN),
            at ``/rd_input_by_year/<year>``.

    >>> import gxai_policy as gp
    >>> e = gp.from_dict(gp.Enterprise, {"name": "示例科技有限公司",
    ...     "uscc": "91450100MA5KB1XW1C",
    ...     "certificate": {"number": "GR202145000123", "issued_on": "2021-10-20"}})
    >>> schedule = rd_subsidy_schedule(e, {2021: 1_000_000, 2022: 1_000_000,
    ...                                    2023: 500_000, 2024: 1_000_000})
    >>> [(s.year, s.amount.wire()) for s in schedule]
    [(2021, '200000'), (2022, '100000'), (2023, '0')]
    >>> rd_subsidy_schedule(_UNCERTIFIED, {2021: 1_000_000})
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error schedule.no_certificate at /enterprise: ...
    """
    inputs = _inputs(rd_input_by_year)
    certificate = enterprise.certificate
    if certificate is None:
        raise NO_CERTIFICATE.error("/enterprise", name=enterprise.name, uscc=enterprise.uscc)
    shares = policy.year_shares(certificate.issued_on, certificate.expires_on)
    left = policy.rd_cap
    schedule: list[Subsidy] = []
    for year in sorted(y for y in inputs if y in shares):
        amount = min(policy.rd_limit(inputs[year], shares[year]), left)
        left -= amount
        schedule.append(
            Subsidy(
                kind=SubsidyKind.RD_INPUT,
                recipient=Recipient(kind=RecipientKind.ENTERPRISE, key=str(enterprise.uscc)),
                amount=amount,
                year=year,
                basis=inputs[year],
                policy=_named(policy),
            )
        )
    return tuple(schedule)


def subsidy_findings(dataset: Dataset) -> Iterator[Violation]:
    """
    What a bundle paid beyond its policies: caps, validity years, certificates, repeated awards.

    An R&D input subsidy for a year outside the enterprise's certificate is
    reported as such and does not count towards that certificate's cap.
    """
    enterprises = {str(e.uscc): e for e in dataset.enterprises}
    totals: dict[str, Money] = {}
    awards: dict[str, str] = {}
    for i, subsidy in enumerate(dataset.subsidies):
        if subsidy.kind not in (SubsidyKind.RD_INPUT, SubsidyKind.CERTIFICATION_AWARD):
            continue
        enterprise = enterprises.get(subsidy.recipient.key)
        if enterprise is None:
            continue  # a dangling recipient is reported by the bundle itself
        here = join_pointer("", "subsidies", i)
        if enterprise.certificate is None:
            yield NOT_HIGH_TECH.violation(join_pointer(here, "recipient"), uscc=enterprise.uscc)
            continue
        if subsidy.kind is SubsidyKind.CERTIFICATION_AWARD:
            yield from _second_award(enterprise, subsidy, here, awards)
            continue
        policy = POLICIES.get(subsidy.policy or "")
        if policy is None:
            continue
        certificate = enterprise.certificate
        years = policy.year_shares(certificate.issued_on, certificate.expires_on)
        if subsidy.year not in years:
            yield OUTSIDE_VALIDITY.violation(
                join_pointer(here, "year"),
                year=subsidy.year,
                years=f"{min(years)}–{max(years)}" if years else "none",
                years_zh=f"{min(years)}—{max(years)}年" if years else "无",
            )
            # Not this certificate's money (an earlier certificate's, at best):
            # a new certificate starts a new cap.
            continue
        key = f"{enterprise.uscc}/{enterprise.certificate.number}"
        total = totals.get(key, Money.ZERO) + subsidy.amount
        totals[key] = total
        if total > policy.rd_cap:
            yield CAP_EXCEEDED.violation(
                join_pointer(here, "amount"),
                uscc=enterprise.uscc,
                total=total,
                cap=policy.rd_cap,
                policy=policy.id,
            )


def _second_award(
    enterprise: Enterprise, award: Subsidy, here: str, first: dict[str, str]
) -> Iterator[Violation]:
    """
    A finding if *award* is a second one for the enterprise's certificate.

    An award counts for the certificate when its year is one of the
    certificate's years (`HighTechCertificate.years`): an award of another
    year is for another certification, which the bundle may not hold.
    *first* remembers where each certificate's first award is.
    """
    certificate = enterprise.certificate
    if certificate is None or award.year not in certificate.years():
        return
    key = f"{enterprise.uscc}/{certificate.number}"
    if key in first:
        yield SECOND_AWARD.violation(here, number=certificate.number, first=first[key])
    else:
        first[key] = here
