"""
Hypothesis strategies for enterprises, their certificates, subsidy policies and subsidies.

Every strategy yields valid values by construction: dependent fields are
derived from drawn ones (a certificate's number from its year of issue, a
subsidy's amount from its policy and basis), never filtered.
"""

from __future__ import annotations

import functools
from decimal import ROUND_FLOOR, Decimal, localcontext

import pendulum
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from gxai_policy.records.enterprise import Enterprise, HighTechCertificate
from gxai_policy.records.subsidy import Recipient, Subsidy
from gxai_policy.strategies._dates import dates
from gxai_policy.strategies._identifiers import high_tech_certificate_numbers, usccs
from gxai_policy.strategies._money import moneys
from gxai_policy.strategies._sources import maybe_sources
from gxai_policy.values.codelists import (
    RecipientKind,
    ScenarioDomain,
    SubsidyKind,
    ValidityCounting,
)
from gxai_policy.values.identifiers import (
    GUANGXI,
    GUANGXI_CITIES,
    PROVINCE_CODES,
    USCC,
    HighTechCertificateNumber,
    RegionCode,
)
from gxai_policy.values.money import Money
from gxai_policy.values.subsidy_policy import (
    ASSUMABLE_TERMS,
    GUANGXI_2021,
    POLICIES,
    ROUNDING_MODES,
    SubsidyPolicy,
)

__all__ = [
    "enterprises",
    "high_tech_certificates",
    "recipients",
    "subsidies",
    "subsidy_policies",
]

# The years certificates and subsidies are drawn from: the current 高企 scheme
# began in 2008; the end keeps dates realistic.
_FIRST_YEAR = 2008
_LAST_YEAR = 2035

# Name parts of Guangxi's AI enterprises (广西XX智能科技有限公司).
_BRANDS = (
    "智联", "视界", "云图", "数创", "慧眼", "北斗", "桂信", "壮锦", "八桂", "东盟",
    "智物", "语通", "星图", "鲸智", "漓江", "铁山", "红豆", "金桂", "天枢", "明镜",
)  # fmt: skip
_FORMS = (
    "智能科技有限公司",
    "人工智能科技有限公司",
    "信息技术有限公司",
    "数字科技股份有限公司",
    "智能装备有限公司",
    "大数据有限公司",
    "物联网科技有限公司",
    "软件技术有限公司",
)
# Scholar posts (八桂学者岗位) and platforms named in the founding letter.
_POSTS = (
    "机器人与智能装备",
    "智能化技术研发",
    "信息与通信工程",
    "信息与通信应用技术研发",
    "位置感知与位置服务",
    "卫星导航定位",
    "智能系统的安全理论与技术",
)
_PLATFORMS = (
    "某重点实验室",
    "某工程技术研究中心",
    "广西人工智能新型研发机构",
    "南宁市科技企业孵化器",
)
_PROJECT_PROGRAMMES = ("AA", "AB", "AD")
# Policies other than the founding letter's, for `subsidy_policies`.
_PLACES = (
    ("guangxi", "广西"),
    ("nanning", "南宁市"),
    ("liuzhou", "柳州市"),
    ("guilin", "桂林市"),
    ("beihai", "北海市"),
)
# Basis of R&D input drawn at most (10亿元): keeps amounts realistic.
_MAX_BASIS = Decimal(10) ** 9
_POLICY_KINDS = frozenset({SubsidyKind.CERTIFICATION_AWARD, SubsidyKind.RD_INPUT})


def _short_name(city: RegionCode) -> str:
    return (city.name or "广西").removesuffix("市")


# Registering regions of Guangxi's USCCs: the region, its cities, and two districts each.
_GUANGXI_REGIONS = st.sampled_from(
    (
        GUANGXI.code,
        *(c.code for c in GUANGXI_CITIES),
        *(c.code[:4] + district for c in GUANGXI_CITIES for district in ("02", "03")),
    )
)
_GUANGXI_CITIES = st.none() | st.sampled_from(GUANGXI_CITIES)
_PROVINCES = st.sampled_from(PROVINCE_CODES)
_OTHER_REGIONS = st.sampled_from(("0000", "0100", "0200"))
_BRAND_NAMES = st.sampled_from(_BRANDS)
_FORM_NAMES = st.sampled_from(_FORMS)
_SECTORS = st.frozensets(st.sampled_from(ScenarioDomain), max_size=4)


# Strategies built once per argument: building one per draw costs Hypothesis a
# validation each time, which made these strategies several times slower.
@functools.cache
def _days_of(year: int) -> st.SearchStrategy[pendulum.Date]:
    return dates(min_year=year, max_year=year)


@functools.cache
def _days_between(first: int, last: int) -> st.SearchStrategy[pendulum.Date]:
    return st.integers(first, last).map(pendulum.Date.fromordinal)


@functools.cache
def _numbers(year: int, province: str | None) -> st.SearchStrategy[HighTechCertificateNumber]:
    return high_tech_certificate_numbers(year=year, province=province)


@functools.cache
def _usccs_in(region: str) -> st.SearchStrategy[USCC]:
    return usccs(region=RegionCode(region))


@functools.cache
def _moneys(low: Decimal, high: Decimal) -> st.SearchStrategy[Money]:
    return moneys(min_yuan=low, max_yuan=high)


@st.composite
def _drawn_certificates(draw: st.DrawFn, province: str | None) -> HighTechCertificate:
    year = draw(st.integers(_FIRST_YEAR, _LAST_YEAR))
    return HighTechCertificate(
        number=draw(_numbers(year, province)), issued_on=draw(_days_of(year))
    )


@functools.cache
def _certificates(province: str | None) -> st.SearchStrategy[HighTechCertificate]:
    return _drawn_certificates(province)


@functools.cache
def _maybe_certificates(province: str | None) -> st.SearchStrategy[HighTechCertificate | None]:
    return st.none() | _certificates(province)


def high_tech_certificates(
    *, province: str | None = "45"
) -> st.SearchStrategy[HighTechCertificate]:
    """
    High-tech enterprise certificates: a number whose year is the year of issue.

    Args:
        province: The two-digit province code of the certifying body (``45``
            = Guangxi); any when None.

    Raises:
        InvalidArgument: For a province that is not a GB/T 2260 province code.

    >>> from hypothesis import find
    >>> find(high_tech_certificates(), lambda c: True).number.province
    '45'
    >>> high_tech_certificates(province="99")
    Traceback (most recent call last):
      ...
    hypothesis.errors.InvalidArgument: province='99' is not a GB/T 2260 province code
    """
    if province is not None and province not in PROVINCE_CODES:
        raise InvalidArgument(f"province={province!r} is not a GB/T 2260 province code")
    return _certificates(province)


@st.composite
def _enterprises(draw: st.DrawFn, guangxi: bool) -> Enterprise:
    province = "45" if guangxi else draw(_PROVINCES)
    if province == "45":
        region = draw(_GUANGXI_REGIONS)
        city = draw(_GUANGXI_CITIES)
        prefix = "广西" if city is None or draw(st.booleans()) else _short_name(city)
    else:
        region = province + draw(_OTHER_REGIONS)
        city = draw(st.none() | st.just(RegionCode(region)))
        prefix = RegionCode(province + "0000").name or ""
    return Enterprise(
        name=prefix + draw(_BRAND_NAMES) + draw(_FORM_NAMES),
        uscc=draw(_usccs_in(region)),
        city=city,
        is_ai=draw(st.booleans()),
        sectors=draw(_SECTORS),
        # The certifying body is the province's own (certificate.province_mismatch).
        certificate=draw(_maybe_certificates(province)),
        source=draw(maybe_sources()),
    )


def enterprises(*, guangxi: bool = True) -> st.SearchStrategy[Enterprise]:
    """
    Enterprises whose USCC, city and certificate agree by construction.

    The USCC's region, the city (when drawn) and the certificate's province
    are in one province; names read like ``广西智联智能科技有限公司``.

    Args:
        guangxi: Only enterprises in Guangxi (province 45); any province when False.

    >>> from hypothesis import find, settings
    >>> find(enterprises(), lambda e: e.certificate is not None).certificate.number.province
    '45'
    >>> find(enterprises(), lambda e: not e.uscc.region_code.is_guangxi,
    ...      settings=settings(max_examples=20))
    Traceback (most recent call last):
      ...
    hypothesis.errors.NoSuchExample: No examples found of condition lambda e: ...
    """
    return _enterprises(guangxi)


def _project_ids() -> st.SearchStrategy[str]:
    return st.builds(
        lambda programme, year, serial: f"桂科{programme}{year % 100:02d}{serial:06d}",
        st.sampled_from(_PROJECT_PROGRAMMES),
        st.integers(_FIRST_YEAR, _LAST_YEAR),
        st.integers(1, 999_999),
    )


_KEYS = {
    RecipientKind.ENTERPRISE: usccs().map(str),
    RecipientKind.SCHOLAR: st.sampled_from(_POSTS),
    RecipientKind.PLATFORM: st.sampled_from(_PLATFORMS),
    RecipientKind.PROJECT: _project_ids(),
}


@functools.cache
def _recipients(kind: RecipientKind | None) -> st.SearchStrategy[Recipient]:
    kinds = list(RecipientKind) if kind is None else [kind]
    return st.one_of([st.builds(Recipient, kind=st.just(k), key=_KEYS[k]) for k in kinds])


def recipients(*, kind: RecipientKind | None = None) -> st.SearchStrategy[Recipient]:
    """
    Subsidy recipients with a key fit for their kind (a canonical USCC for an enterprise).

    Args:
        kind: Only recipients of this kind; any when None.

    >>> from hypothesis import find
    >>> find(recipients(kind=RecipientKind.SCHOLAR), lambda r: True).key
    '机器人与智能装备'
    >>> recipients(kind="person")
    Traceback (most recent call last):
      ...
    hypothesis.errors.InvalidArgument: kind='person' is not a RecipientKind
    """
    if kind is not None and not isinstance(kind, RecipientKind):
        raise InvalidArgument(f"kind={kind!r} is not a RecipientKind")
    return _recipients(kind)


_AWARDS = st.lists(moneys(max_yuan=10**6), min_size=2, max_size=2).map(sorted)
_RATES = st.integers(1, 10_000).map(lambda n: Decimal(n).scaleb(-4))
_CAPS = moneys(min_yuan=Decimal("0.01"), max_yuan=10**7)
_POLICY_DAYS = dates(min_year=_FIRST_YEAR, max_year=_LAST_YEAR)
_RUNS = st.none() | st.integers(0, 3650)


@st.composite
def _subsidy_policies(draw: st.DrawFn) -> SubsidyPolicy:
    place, place_zh = draw(st.sampled_from(_PLACES))
    start = draw(_POLICY_DAYS)
    run = draw(_RUNS)
    low, high = draw(_AWARDS)
    return SubsidyPolicy(
        id=f"{place}_{start.year}" + draw(st.sampled_from(("", "_a", "_rev2"))),
        title=f"{place_zh}高新技术企业奖补政策（{start.year}年）",
        effective_from=start,
        effective_until=None if run is None else start.add(days=run),
        award_min=low,
        award_max=high,
        rd_rate=draw(_RATES),
        rd_cap=draw(_CAPS),
        validity=draw(st.sampled_from(ValidityCounting)),
        validity_years=draw(st.integers(1, 6)),
        rounding=draw(st.sampled_from(sorted(ROUNDING_MODES))),
        assumed=draw(st.frozensets(st.sampled_from(sorted(ASSUMABLE_TERMS)))),
        source=draw(st.sampled_from(("", f"{place_zh}科学技术局", GUANGXI_2021.source))),
    )


def subsidy_policies() -> st.SearchStrategy[SubsidyPolicy]:
    """
    Subsidy policies: an award range, a rate in (0, 1] to four places, a positive cap.

    Their ids are not registered in `POLICIES`, so a `Subsidy` cannot name them.

    >>> from hypothesis import find, settings
    >>> find(subsidy_policies(), lambda p: p.rd_rate > Decimal("0.5")).rd_rate
    Decimal('0.5001')
    >>> find(subsidy_policies(), lambda p: p.award_min > p.award_max,
    ...      settings=settings(max_examples=20))
    Traceback (most recent call last):
      ...
    hypothesis.errors.NoSuchExample: No examples found of condition lambda p: p.award_min > p.award_max
    """  # noqa: E501
    return _subsidy_policies()


def _max_basis(policy: SubsidyPolicy) -> Decimal:
    # The largest basis whose subsidy stays within the cap: rounding a product
    # at or below the cap to the fen never passes the cap, which is whole fen.
    with localcontext(rounding=ROUND_FLOOR) as ctx:
        ctx.prec = 40
        most = (policy.rd_cap.yuan / policy.rd_rate).quantize(Decimal("0.01"))
    return min(most, _MAX_BASIS)


def _grant_days(policy: SubsidyPolicy | None, year: int) -> st.SearchStrategy[pendulum.Date]:
    # Granted in the year or the next, while the policy (if any) is in force.
    first = pendulum.Date(year, 1, 1)
    last = pendulum.Date(year + 1, 12, 31)
    if policy is not None:
        first = max(first, policy.effective_from)
        if policy.effective_until is not None:
            last = min(last, policy.effective_until)
    return _days_between(first.toordinal(), last.toordinal())


def _years(policy: SubsidyPolicy | None) -> tuple[int, int]:
    if policy is None:
        return _FIRST_YEAR, _LAST_YEAR
    low = max(policy.effective_from.year, 1990)
    until = policy.effective_until
    return low, min(low + 14 if until is None else until.year, 2100)


# Who each kind goes to (subsidy.recipient_mismatch); any recipient when absent.
_RECIPIENT_KINDS = {
    SubsidyKind.CERTIFICATION_AWARD: RecipientKind.ENTERPRISE,
    SubsidyKind.RD_INPUT: RecipientKind.ENTERPRISE,
    SubsidyKind.SCHOLAR_FUNDING: RecipientKind.SCHOLAR,
}
_FUNDING = moneys(max_yuan=10**8)
_BASES = st.none() | moneys(max_yuan=10**9)


def _amount_and_basis(
    draw: st.DrawFn, kind: SubsidyKind, terms: SubsidyPolicy | None
) -> tuple[Money, Money | None]:
    if kind is SubsidyKind.RD_INPUT:
        if terms is None:
            return draw(_moneys(Decimal(0), Decimal(10**6))), draw(_moneys(Decimal(0), _MAX_BASIS))
        basis = draw(_moneys(Decimal(0), _max_basis(terms)))
        return terms.rd_limit(basis), basis
    if kind is SubsidyKind.CERTIFICATION_AWARD and terms is not None:
        return draw(_moneys(terms.award_min.yuan, terms.award_max.yuan)), None
    return draw(_FUNDING), draw(_BASES)


@st.composite
def _subsidies(draw: st.DrawFn, kind: SubsidyKind | None, policy: SubsidyPolicy | None) -> Subsidy:
    kind = draw(st.sampled_from(SubsidyKind)) if kind is None else kind
    terms = policy if kind in _POLICY_KINDS else None
    year = draw(st.integers(*_years(terms)))
    amount, basis = _amount_and_basis(draw, kind, terms)
    return Subsidy(
        kind=kind,
        recipient=draw(_recipients(_RECIPIENT_KINDS.get(kind))),
        amount=amount,
        year=year,
        granted_on=draw(st.none() | _grant_days(terms, year)),
        basis=basis,
        policy=None if terms is None else terms.id,
        source=draw(maybe_sources()),
    )


def subsidies(
    *, kind: SubsidyKind | None = None, policy: SubsidyPolicy | None = GUANGXI_2021
) -> st.SearchStrategy[Subsidy]:
    """
    Subsidies within their policy by construction.

    A certification award lies in the policy's range; an R&D input subsidy is
    exactly the policy's rate times its basis, rounded, and within the cap;
    policy-bound kinds are granted while the policy is in force.  Scholar and
    project funding name no policy.

    Args:
        kind: Only subsidies of this kind; any when None.

        policy: The policy of certification awards and R&D input subsidies, a
            registered one (in `POLICIES`); None for subsidies naming no policy.

    Raises:
        InvalidArgument: For a policy not registered in `POLICIES`.

    >>> from hypothesis import find
    >>> s = find(subsidies(kind=SubsidyKind.RD_INPUT), lambda s: s.amount > Money(0))
    >>> s.amount == GUANGXI_2021.rd_limit(s.basis)
    True
    >>> import attrs
    >>> subsidies(policy=attrs.evolve(GUANGXI_2021, id="x"))
    Traceback (most recent call last):
      ...
    hypothesis.errors.InvalidArgument: policy 'x' is not registered in POLICIES
    """
    if policy is not None and POLICIES.get(policy.id) != policy:
        raise InvalidArgument(f"policy {policy.id!r} is not registered in POLICIES")
    if kind is not None and not isinstance(kind, SubsidyKind):
        raise InvalidArgument(f"kind={kind!r} is not a SubsidyKind")
    return _subsidies(kind, policy)
