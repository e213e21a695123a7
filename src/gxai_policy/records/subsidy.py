"""
Subsidies (补助, 奖补, 专项经费): money granted to one recipient, for one year, under a policy.

The founding letter names four kinds: the certification award (高企认定奖励,
5–10万元 for each certification), the R&D input subsidy (研发投入补助, 20% of
a year's R&D input, 30万元 at most per certificate), Bagui scholar funding
(八桂学者专项经费) and project funding (科技项目经费).  A `Subsidy` of the first
two kinds that names its `~gxai_policy.values.subsidy_policy.SubsidyPolicy`
is checked against the policy's terms.

>>> award = Subsidy(kind=SubsidyKind.CERTIFICATION_AWARD,
...                 recipient=Recipient.enterprise("91450100MA5KB1XW1C"),
...                 amount=Money(100_000), year=2021, policy="guangxi_2021")
>>> award.terms is GUANGXI_2021
True
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final, Self

import pendulum
from attrs import field, frozen

from gxai_policy.errors import Severity, ValidationError, Violation
from gxai_policy.records._base import (
    EMPTY_EXTRAS,
    CheckContext,
    Extras,
    Validated,
    invariant,
)
from gxai_policy.records._convert import NOT_BLANK, since
from gxai_policy.records._convert import strip as _strip
from gxai_policy.records.source import Source
from gxai_policy.rules import Trigger, define
from gxai_policy.values._labels import label
from gxai_policy.values.codelists import RecipientKind, SubsidyKind
from gxai_policy.values.identifiers import USCC
from gxai_policy.values.money import Money
from gxai_policy.values.subsidy_policy import GUANGXI_2021, POLICIES, SubsidyPolicy

__all__ = ["MAX_YEAR", "MIN_YEAR", "NEAR_CAP_SHARE", "Recipient", "Subsidy"]

#: The earliest year a subsidy may be for.
MIN_YEAR: Final = 1990
#: The latest year a subsidy may be for.
MAX_YEAR: Final = 2100
#: From which share of the policy's cap an R&D input subsidy is reported as near it.
NEAR_CAP_SHARE: Final = 90

_LETTER = GUANGXI_2021.source
_SOURCE = "gxai_policy subsidies (DESIGN.md §2)"
_UNIT = "91450100MA5KB1XW1C"

# Which recipients each kind may go to; kinds not listed may go to any.
_RECIPIENTS: Final = {
    SubsidyKind.CERTIFICATION_AWARD: RecipientKind.ENTERPRISE,
    SubsidyKind.RD_INPUT: RecipientKind.ENTERPRISE,
    SubsidyKind.SCHOLAR_FUNDING: RecipientKind.SCHOLAR,
}
# The kinds whose amounts a policy's terms bound.
_UNDER_POLICY: Final = frozenset({SubsidyKind.CERTIFICATION_AWARD, SubsidyKind.RD_INPUT})

# A valid subsidy in wire form, for the rules' examples: each breaks one rule.
_EXAMPLE: dict[str, Any] = {
    "kind": "certification_award",
    "recipient": {"kind": "enterprise", "key": _UNIT},
    "amount": "100000",
    "year": 2021,
    "policy": "guangxi_2021",
}
_RD: dict[str, Any] = _EXAMPLE | {"kind": "rd_input", "amount": "200000", "basis": "1000000"}

RECIPIENT_KEY_EMPTY = define(
    "subsidy.recipient_key_empty",
    applies_to="Subsidy",
    summary="A recipient has a key: a USCC, a scholar's post, a platform's name or a project id.",
    summary_zh="受助对象应有标识：统一社会信用代码、学者岗位、平台名称或项目编号。",
    source=_SOURCE,
    example=_EXAMPLE | {"kind": "project_funding", "recipient": {"kind": "project", "key": ""}},
    trigger=Trigger.LOAD,
    message="the recipient's key is blank",
    message_zh="受助对象的标识为空白",
)
RECIPIENT_KEY_NOT_CANONICAL = define(
    "subsidy.recipient_key_not_canonical",
    applies_to="Subsidy",
    summary="An enterprise recipient's key is its USCC as written canonically (18 upper-case"
    " characters).",
    summary_zh="企业受助对象的标识应为规范书写的统一社会信用代码（18位大写字符）。",
    source="GB 32100-2015",
    example=_EXAMPLE | {"recipient": {"kind": "enterprise", "key": _UNIT.lower()}},
    trigger=Trigger.LOAD,
    message="{key!r} is a USCC written as {canonical!r}",
    message_zh="“{key}”应规范书写为“{canonical}”",
)
RECIPIENT_MISMATCH = define(
    "subsidy.recipient_mismatch",
    applies_to="Subsidy",
    summary=(
        "Certification awards and R&D input subsidies go to enterprises; Bagui scholar"
        " funding goes to scholars."
    ),
    summary_zh="高企认定奖励和研发投入补助的对象是企业；八桂学者专项经费的对象是学者。",
    source=_LETTER,
    example=_EXAMPLE | {"recipient": {"kind": "scholar", "key": "机器人与智能装备"}},
    trigger=Trigger.LOAD,
    message="{kind} goes to recipients of kind {expected}, not {got}",
    message_zh="{kind_zh}的对象应为{expected_zh}，不是{got_zh}",
)
UNKNOWN_POLICY = define(
    "subsidy.unknown_policy",
    applies_to="Subsidy",
    summary="A subsidy's policy is one the library knows (a key of gxai_policy.POLICIES).",
    summary_zh="补助所依据的政策应为已知政策（gxai_policy.POLICIES 中的标识）。",
    source=_SOURCE,
    example=_EXAMPLE | {"policy": "guangxi_1999"},
    trigger=Trigger.LOAD,
    message="{policy!r} is not a known policy: {choices}",
    message_zh="“{policy}”不是已知政策：{choices}",
)
AWARD_OUT_OF_RANGE = define(
    "subsidy.award_out_of_range",
    applies_to="Subsidy",
    summary="A certification award lies within its policy's range (5–10万元 under guangxi_2021).",
    summary_zh="高企认定奖励金额应在政策规定的范围内（guangxi_2021：5—10万元）。",
    source=_LETTER + "：给予每个通过认定的高新技术企业5-10万元奖励性后补助",
    example=_EXAMPLE | {"amount": "49999.99"},
    trigger=Trigger.LOAD,
    message="award {amount} is outside {low}–{high} ({policy})",
    message_zh="认定奖励{amount}不在{low}—{high}之间（{policy}）",
)
RD_BASIS_MISSING = define(
    "subsidy.rd_basis_missing",
    applies_to="Subsidy",
    summary="An R&D input subsidy states its basis: the year's R&D input it was computed from.",
    summary_zh="研发投入补助应注明计算依据：当年的研发投入金额。",
    source=_LETTER + "：给予每个企业研发投入20%的补助",
    example={k: v for k, v in _RD.items() if k != "basis"},
    trigger=Trigger.LOAD,
    message="the R&D input subsidy does not state its basis (the year's R&D input)",
    message_zh="研发投入补助未注明计算依据（当年研发投入）",
)
RD_OVER_RATE = define(
    "subsidy.rd_over_rate",
    applies_to="Subsidy",
    summary=(
        "An R&D input subsidy is at most its policy's rate times its basis, rounded to the fen"
        " as the policy says (20% under guangxi_2021)."
    ),
    summary_zh=(
        "研发投入补助不得超过研发投入乘以政策规定的比例（按政策舍入到分；guangxi_2021 为20%）。"
    ),
    source=_LETTER + "：给予每个企业研发投入20%的补助",
    example=_RD | {"amount": "200000.01"},
    trigger=Trigger.LOAD,
    message="{amount} is above {rate} × {basis} = {limit} ({policy})",
    message_zh="{amount}超过研发投入{basis}的{rate}倍，即{limit}（{policy}）",
)
RD_OVER_CAP = define(
    "subsidy.rd_over_cap",
    applies_to="Subsidy",
    summary=(
        "One R&D input subsidy is at most its policy's cumulative cap per certificate"
        " (30万元 under guangxi_2021)."
    ),
    summary_zh="单笔研发投入补助不得超过政策规定的每张证书累计上限（guangxi_2021 为30万元）。",
    source=_LETTER + "：累计不超过30万元",
    example=_RD | {"amount": "300000.01", "basis": "2000000"},
    trigger=Trigger.LOAD,
    message="{amount} is above the cap {cap} ({policy})",
    message_zh="{amount}超过累计上限{cap}（{policy}）",
)
YEAR_OUT_OF_RANGE = define(
    "subsidy.year_out_of_range",
    applies_to="Subsidy",
    summary=f"A subsidy's year lies between {MIN_YEAR} and {MAX_YEAR}.",
    summary_zh=f"补助年度应在{MIN_YEAR}—{MAX_YEAR}年之间。",
    source=_SOURCE,
    example=_EXAMPLE | {"year": 21},
    trigger=Trigger.LOAD,
    message="year {year} is outside {low}–{high}",
    message_zh="年度{year}不在{low}—{high}年之间",
)
GRANTED_BEFORE_YEAR = define(
    "subsidy.granted_before_year",
    applies_to="Subsidy",
    summary="A subsidy is not granted before the year it is for.",
    summary_zh="补助的拨付日期不得早于其所属年度。",
    source=_SOURCE,
    example=_EXAMPLE | {"granted_on": "2020-12-31"},
    trigger=Trigger.LOAD,
    message="granted on {granted_on}, before its year {year}",
    message_zh="拨付日期{granted_on}早于所属年度{year}年",
)
NO_POLICY = define(
    "subsidy.no_policy",
    applies_to="Subsidy",
    summary=(
        "A certification award or R&D input subsidy that names no policy cannot be checked"
        " against a range, rate or cap."
    ),
    summary_zh="未注明所依据政策的高企认定奖励或研发投入补助，无法核对金额范围、比例和上限。",
    source=_SOURCE,
    example={k: v for k, v in _RD.items() if k != "policy"},
    trigger=Trigger.CHECK,
    severity=Severity.INFO,
    message="{kind} names no policy: its amount was not checked",
    message_zh="{kind_zh}未注明政策，金额未经核对",
)
NEAR_CAP = define(
    "subsidy.near_cap",
    applies_to="Subsidy",
    summary=(
        f"An R&D input subsidy reaches {NEAR_CAP_SHARE}% or more of its policy's cumulative cap:"
        " later years of the certificate have little or nothing left."
    ),
    summary_zh=f"单笔研发投入补助已达政策累计上限的{NEAR_CAP_SHARE}%以上，证书其余年度所剩无几。",
    source=_LETTER + "：累计不超过30万元",
    example=_RD | {"amount": "280000", "basis": "1400000"},
    trigger=Trigger.CHECK,
    severity=Severity.INFO,
    message="{amount} is {share}% of the cap {cap} ({policy})",
    message_zh="{amount}已达累计上限{cap}的{share}%（{policy}）",
)
POLICY_NOT_IN_FORCE = define(
    "subsidy.policy_not_in_force",
    applies_to="Subsidy",
    summary="A subsidy is granted on a day its policy is in force.",
    summary_zh="补助的拨付日期应在所依据政策的有效期内。",
    source=_SOURCE,
    example=_EXAMPLE | {"year": 2020, "granted_on": "2020-06-30"},
    trigger=Trigger.CHECK,
    severity=Severity.WARNING,
    message="granted on {granted_on}, when {policy} was not in force",
    message_zh="拨付日期{granted_on}不在{policy}的有效期内",
)


@frozen(kw_only=True)
class Recipient(Validated):
    """
    Who receives a subsidy: an enterprise, a scholar, a platform or a project, by key.

    Attributes:
        kind: What the recipient is.

        key: How it is known, surrounding whitespace removed: an enterprise
            by its USCC (canonical, 18 upper-case characters), a scholar by
            post (岗位, ``机器人与智能装备``), a platform by name
            (``某重点实验室``), a project by id.

    Raises:
        ValidationError: ``subsidy.recipient_key_empty`` at ``/key``; for an
            enterprise, the ``uscc.*`` codes of `USCC.parse` or
            ``subsidy.recipient_key_not_canonical`` at ``/key``.

    >>> Recipient.enterprise("９１４５０１００ma5kb1xw1c")
    Recipient(kind=<RecipientKind.ENTERPRISE: 'enterprise'>, key='91450100MA5KB1XW1C')
    >>> Recipient(kind=RecipientKind.ENTERPRISE, key="91450100MA5KB1XW1D")
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error uscc.check_digit at /key: ... should be 'C'

    .. versionadded:: 0.1.0
    """

    kind: RecipientKind = field(metadata=label("类别"))
    key: str = field(converter=_strip, metadata=label("标识", NOT_BLANK))

    extras: Extras = field(default=EMPTY_EXTRAS, repr=False, kw_only=True)

    @invariant
    def _key(self) -> Iterator[Violation]:
        if not self.key:
            yield RECIPIENT_KEY_EMPTY.violation("/key")
        elif self.kind is RecipientKind.ENTERPRISE:
            try:
                canonical = str(USCC.parse(self.key))
            except ValidationError as exc:
                yield from (v.under("key") for v in exc.violations)
            else:
                if canonical != self.key:
                    yield RECIPIENT_KEY_NOT_CANONICAL.violation(
                        "/key", key=self.key, canonical=canonical
                    )

    @classmethod
    def enterprise(cls, uscc: USCC | str) -> Self:
        """
        The enterprise with this USCC, read tolerantly (`USCC.parse`) and written canonically.

        Raises:
            ValidationError: The ``uscc.*`` codes of an invalid USCC, at ``/key``.

        >>> Recipient.enterprise("91450100MA5KB1XW1").key
        Traceback (most recent call last):
          ...
        gxai_policy.errors.ValidationError: error uscc.invalid_length at /key: ...
        """
        if isinstance(uscc, USCC):
            return cls(kind=RecipientKind.ENTERPRISE, key=str(uscc))
        try:
            return cls(kind=RecipientKind.ENTERPRISE, key=str(USCC.parse(uscc)))
        except ValidationError as exc:
            raise exc.under("key") from None

    @property
    def uscc(self) -> USCC | None:
        """
        The USCC of an enterprise recipient; ``None`` for other kinds.

        >>> Recipient(kind=RecipientKind.SCHOLAR, key="机器人与智能装备").uscc is None
        True
        """
        return USCC(self.key) if self.kind is RecipientKind.ENTERPRISE else None


@frozen(kw_only=True)
class Subsidy(Validated):
    """
    Money granted to one recipient for one year (补助, 奖补, 专项经费), under a policy or not.

    Attributes:
        kind: What the money pays for.

        recipient: Who receives it.

        amount: How much, exact to the fen.

        year: The year it is for (for an R&D input subsidy, the year of the R&D
            input), 1990–2100.

        granted_on: The day it was granted (拨付), if known; not before
            `year`.

        basis: What the amount was computed from: for an R&D input subsidy,
            the year's R&D input (required); optional for other kinds.

        policy: The id of the `SubsidyPolicy` it was granted under (a key of
            `POLICIES`, such as ``guangxi_2021``), or ``None``.

        source: Where the record was read (`~gxai_policy.Source`), if known.

            .. versionadded:: 0.3.0

        extras: Keys of the payload the record does not know, kept for the
            round trip.

    Raises:
        ValidationError: Every rule broken: ``subsidy.unknown_policy``,
            ``subsidy.recipient_mismatch``, ``subsidy.award_out_of_range``,
            ``subsidy.rd_basis_missing``, ``subsidy.rd_over_rate``,
            ``subsidy.rd_over_cap``, ``subsidy.year_out_of_range``,
            ``subsidy.granted_before_year`` and the recipient's rules.

    The cap is cumulative over a certificate's years; one record can only be
    held to it alone (``subsidy.rd_over_cap``).  `gxai_policy.check` reports
    a policy-bound subsidy without a policy (``subsidy.no_policy``), an R&D
    input subsidy at 90% of the cap or more (``subsidy.near_cap``), and a grant
    on a day its policy was not in force (``subsidy.policy_not_in_force``).

    >>> rd = Subsidy(kind=SubsidyKind.RD_INPUT, recipient=Recipient.enterprise(_UNIT),
    ...              amount=Money(200_000), basis=Money(1_000_000), year=2022,
    ...              policy="guangxi_2021")
    >>> rd.amount.format()
    '20万元'
    >>> import attrs
    >>> attrs.evolve(rd, amount=Money.parse("200000.01"))
    Traceback (most recent call last):
      ...
    gxai_policy.errors.ValidationError: error subsidy.rd_over_rate at /amount: 200000.01元 is above 0.2 × 1000000元 = 200000元 (guangxi_2021)

    .. versionadded:: 0.1.0
    """  # noqa: E501

    kind: SubsidyKind = field(metadata=label("补助类别"))
    recipient: Recipient = field(metadata=label("受助对象"))
    amount: Money = field(metadata=label("金额"))
    year: int = field(
        metadata=label("年度", {"schema": {"minimum": MIN_YEAR, "maximum": MAX_YEAR}})
    )
    granted_on: pendulum.Date | None = field(default=None, metadata=label("拨付日期"))
    basis: Money | None = field(default=None, metadata=label("计算基数"))
    policy: str | None = field(default=None, metadata=label("政策依据"))
    source: Source | None = field(default=None, kw_only=True, metadata=label("来源", since(2)))
    extras: Extras = field(default=EMPTY_EXTRAS, repr=False)

    @property
    def terms(self) -> SubsidyPolicy | None:
        """
        The `SubsidyPolicy` named by `policy`, or ``None``.
        """
        return None if self.policy is None else POLICIES.get(self.policy)

    @invariant
    def _recipient(self) -> Iterator[Violation]:
        expected = _RECIPIENTS.get(self.kind)
        if expected is not None and self.recipient.kind is not expected:
            got = self.recipient.kind
            yield RECIPIENT_MISMATCH.violation(
                "/recipient/kind",
                kind=self.kind.value,
                kind_zh=self.kind.label_zh,
                expected=expected.value,
                expected_zh=expected.label_zh,
                got=got.value,
                got_zh=got.label_zh,
            )

    @invariant
    def _year(self) -> Iterator[Violation]:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            yield YEAR_OUT_OF_RANGE.violation("/year", year=self.year, low=MIN_YEAR, high=MAX_YEAR)
        elif self.granted_on is not None and self.granted_on.year < self.year:
            yield GRANTED_BEFORE_YEAR.violation(
                "/granted_on", granted_on=self.granted_on, year=self.year
            )

    @invariant
    def _basis(self) -> Iterator[Violation]:
        if self.kind is SubsidyKind.RD_INPUT and self.basis is None:
            yield RD_BASIS_MISSING.violation("/basis")

    @invariant
    def _policy(self) -> Iterator[Violation]:
        if self.policy is not None and self.policy not in POLICIES:
            yield UNKNOWN_POLICY.violation(
                "/policy", policy=self.policy, choices=", ".join(sorted(POLICIES))
            )

    @invariant
    def _award(self) -> Iterator[Violation]:
        terms = self.terms
        if (
            terms is not None
            and self.kind is SubsidyKind.CERTIFICATION_AWARD
            and not terms.award_allowed(self.amount)
        ):
            yield AWARD_OUT_OF_RANGE.violation(
                "/amount",
                amount=self.amount,
                low=terms.award_min,
                high=terms.award_max,
                policy=terms.id,
            )

    @invariant
    def _rd_rate(self) -> Iterator[Violation]:
        terms = self.terms
        if terms is None or self.kind is not SubsidyKind.RD_INPUT or self.basis is None:
            return
        limit = terms.rd_limit(self.basis)
        if self.amount > limit:
            yield RD_OVER_RATE.violation(
                "/amount",
                amount=self.amount,
                rate=terms.rd_rate,
                basis=self.basis,
                limit=limit,
                policy=terms.id,
            )

    @invariant
    def _rd_cap(self) -> Iterator[Violation]:
        terms = self.terms
        if terms is None or self.kind is not SubsidyKind.RD_INPUT:
            return
        if self.amount > terms.rd_cap:
            yield RD_OVER_CAP.violation(
                "/amount", amount=self.amount, cap=terms.rd_cap, policy=terms.id
            )

    def _findings(self, ctx: CheckContext) -> Iterator[Violation]:  # noqa: ARG002 - none is dated
        terms = self.terms
        if terms is None:
            if self.kind in _UNDER_POLICY:
                yield NO_POLICY.violation(
                    "/policy", kind=self.kind.label_en, kind_zh=self.kind.label_zh
                )
            return
        if self.granted_on is not None and not terms.covers(self.granted_on):
            yield POLICY_NOT_IN_FORCE.violation(
                "/granted_on", granted_on=self.granted_on, policy=terms.id
            )
        if (
            self.kind is SubsidyKind.RD_INPUT
            and self.amount.yuan * 100 >= terms.rd_cap.yuan * NEAR_CAP_SHARE
        ):
            share = (self.amount.yuan * 100 / terms.rd_cap.yuan).quantize(1)
            yield NEAR_CAP.violation(
                "/amount", amount=self.amount, share=share, cap=terms.rd_cap, policy=terms.id
            )
